//! Where a container's cgroup goes: `--cgroup-manager=systemd|cgroupfs`,
//! `--cgroup-parent`, `--cgroupns`, run as the unprivileged test user.
//!
//! The systemd manager needs a real `systemd --user` on the user's session
//! bus: those tests run in the systemd tier (contrib/vm/run.sh, which sets
//! `RPOD_TEST_SYSTEMD=1`; there nothing may skip) and say why they are
//! skipped elsewhere. The cgroupfs tests run wherever a cgroup v2 subtree
//! is delegated to the user, this build machine included.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

fn systemd_tier() -> bool {
    std::env::var("RPOD_TEST_SYSTEMD").is_ok_and(|v| v == "1")
}

/// The subtree rpod makes cgroupfs cgroups in (see tests/limits.rs).
fn delegated_dir(env: &TestEnv) -> Option<PathBuf> {
    if is_root() {
        delegated_cgroup_procs(env.user.uid).and_then(|p| p.parent().map(Path::to_path_buf))
    } else {
        rpod::cgroups::delegated().ok()
    }
}

fn wait_for<T>(what: &str, limit: Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let end = Instant::now() + limit;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < end, "timed out after {limit:?} waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn inspect(env: &TestEnv, id: &str) -> Value {
    let v: Value = serde_json::from_str(&env.ok(&["container", "inspect", id])).expect("inspect is JSON");
    v[0].clone()
}

/// The host directory of a running container's cgroup.
fn cgroup_of(env: &TestEnv, id: &str) -> PathBuf {
    let pid = inspect(env, id)["State"]["Pid"].as_i64().expect("State.Pid");
    assert!(pid > 0, "container {id} is not running");
    let text = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).expect("reading /proc/PID/cgroup");
    let rel = text.lines().find_map(|l| l.strip_prefix("0::")).expect("a cgroup v2 line").to_string();
    rpod::cgroups::v2_mount().expect("a cgroup v2 mount").join(rel.trim_start_matches('/'))
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display())).trim().to_string()
}

fn busybox(name: &str) -> (TestEnv, String) {
    let env = TestEnv::new(name);
    let bb = img("busybox");
    env.pull(&bb);
    (env, bb)
}

/// `--cgroup-parent` with cgroupfs (class: path traversal out of the
/// delegated subtree): `..`, `.` and absolute paths outside the subtree are
/// refused in one line before anything is stored; a relative path nests the
/// container's cgroup inside the subtree.
#[test]
fn cgroupfs_parent_nests_inside_the_delegated_subtree_and_refuses_escapes() {
    let (env, bb) = busybox("cgm-parent");
    for parent in ["../escape", "a/../../b", "/system.slice", "/", "./x"] {
        let out = env.fails(&["--cgroup-manager=cgroupfs", "run", "--rm", "--cgroup-parent", parent, &bb, "true"], 125);
        let line = out.assert_one_error_line();
        assert!(line.contains("--cgroup-parent"), "{parent}: {line}");
    }
    let out = env.fails(&["--cgroup-manager=cgroupfs", "run", "--rm", "--cgroups=disabled", "--cgroup-parent", "x", &bb, "true"], 125);
    out.assert_one_error_line();
    let out = env.fails(&["--cgroup-manager=upstart", "ps"], 125);
    assert!(out.assert_one_error_line().contains("upstart"));
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "", "a refused --cgroup-parent left a container behind");
    let Some(delegated) = delegated_dir(&env) else {
        assert!(!systemd_tier(), "the systemd tier has no delegated cgroup v2 subtree");
        eprintln!("skipped the nesting part: no cgroup v2 subtree is delegated to the user here");
        return;
    };
    let name = format!("rpodtest-parent-{}", std::process::id());
    let id = env.ok(&["--cgroup-manager=cgroupfs", "run", "-d", "--cgroup-parent", &format!("{name}/inner"), &bb, "sleep", "1000"]).trim().to_string();
    let dir = cgroup_of(&env, &id);
    assert_eq!(dir.parent(), Some(delegated.join(&name).join("inner").as_path()), "{}", dir.display());
    let hc = &inspect(&env, &id)["HostConfig"];
    assert_eq!((hc["CgroupManager"].as_str(), hc["CgroupParent"].as_str()), (Some("cgroupfs"), Some(format!("{name}/inner").as_str())));
    env.ok(&["rm", "-f", &id]);
    wait_for("the container's cgroup to go", Duration::from_secs(30), || (!dir.exists()).then_some(()));
    let _ = std::fs::remove_dir(delegated.join(&name).join("inner"));
    let _ = std::fs::remove_dir(delegated.join(&name));
}

/// `--cgroupns=private` (the default on cgroup v2) shows the container its
/// own cgroup as `/`; `--cgroupns=host` shows the host's path.
#[test]
fn cgroupns_private_hides_the_host_path_and_host_shows_it() {
    let (env, bb) = busybox("cgm-ns");
    let v2 = |out: String| out.lines().find_map(|l| l.strip_prefix("0::")).map(str::to_string).unwrap_or_else(|| panic!("no cgroup v2 line in {out}"));
    assert_eq!(v2(env.ok(&["run", "--rm", &bb, "cat", "/proc/self/cgroup"])), "/");
    let host = v2(env.ok(&["run", "--rm", "--cgroupns=host", &bb, "cat", "/proc/self/cgroup"]));
    assert!(host.len() > 1 && host.starts_with('/'), "{host}");
    let id = env.ok(&["create", "--cgroupns=host", &bb, "true"]).trim().to_string();
    assert_eq!(inspect(&env, &id)["HostConfig"]["CgroupnsMode"], "host");
    env.ok(&["rm", &id]);
    let out = env.fails(&["run", "--rm", "--cgroupns=container:x", &bb, "true"], 125);
    out.assert_one_error_line();
}

/// The user's bus, as a login session has it.
fn bus_env(env: &TestEnv) -> Vec<(String, String)> {
    vec![("DBUS_SESSION_BUS_ADDRESS".into(), format!("unix:path=/run/user/{}/bus", env.user.uid))]
}

/// `systemctl --user is-active UNIT` as the test user (the systemd tier
/// runs the tests as that user, inside its manager).
fn unit_state(env: &TestEnv, unit: &str) -> String {
    let out = std::process::Command::new("systemctl")
        .args(["--user", "is-active", unit])
        .env("XDG_RUNTIME_DIR", format!("/run/user/{}", env.user.uid))
        .env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path=/run/user/{}/bus", env.user.uid))
        .output()
        .expect("running systemctl");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn systemd_available(env: &TestEnv, test: &str) -> bool {
    if Path::new(&format!("/run/user/{}/systemd/private", env.user.uid)).exists() && Path::new(&format!("/run/user/{}/bus", env.user.uid)).exists() {
        return true;
    }
    assert!(!systemd_tier(), "the systemd tier must have the user's manager and session bus");
    eprintln!("skipped {test}: no systemd user manager and session bus for the test user here (it runs in the systemd tier: contrib/vm/run.sh)");
    false
}

/// With the systemd manager (the default where the user's bus is
/// reachable) the container runs in `<rpod-ID.scope>/container`, a scope
/// the user's manager lists as active; its limits apply there; `rm` makes
/// the scope go.
#[test]
fn systemd_manager_puts_the_container_in_a_scope_of_the_users_manager() {
    let (env, bb) = busybox("cgm-systemd");
    if !systemd_available(&env, "the systemd cgroup manager") {
        return;
    }
    let bus = bus_env(&env);
    let extra: Vec<(&str, &str)> = bus.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let run = |args: &[&str]| {
        let out = env.rpod_env(args, &extra);
        assert_eq!(out.code, 0, "{}", out.dump());
        out.stdout.trim().to_string()
    };
    // No flag: the bus is reachable, so systemd is the default.
    let info: Value = serde_json::from_str(&run(&["info", "--format", "json"])).expect("info is JSON");
    assert_eq!(info["host"]["cgroupManager"], "systemd", "{info:#}");
    let id = run(&["run", "-d", "--memory", "64m", "--pids-limit", "30", &bb, "sleep", "1000"]);
    let unit = format!("rpod-{id}.scope");
    assert_eq!(inspect(&env, &id)["HostConfig"]["CgroupManager"], "systemd");
    let dir = cgroup_of(&env, &id);
    assert!(dir.ends_with(format!("{unit}/container")), "the container runs in {}", dir.display());
    assert_eq!(unit_state(&env, &unit), "active");
    assert_eq!(read(&dir.join("memory.max")), "67108864");
    assert_eq!(read(&dir.join("pids.max")), "30");
    // The monitor (and its network helper) sit beside the container, in
    // the scope's other leaf; the container's processes are not there.
    let monitor = read(&dir.parent().unwrap().join("monitor/cgroup.procs"));
    let pid = inspect(&env, &id)["State"]["Pid"].as_i64().expect("State.Pid").to_string();
    assert!(!monitor.is_empty() && !monitor.lines().any(|l| l == pid), "monitor leaf: {monitor}");
    assert!(read(&dir.join("cgroup.procs")).lines().any(|l| l == pid));
    // pause/unpause and stats work on the scope's container cgroup.
    env.ok(&["pause", &id]);
    assert_eq!(read(&dir.join("cgroup.freeze")), "1");
    env.ok(&["unpause", &id]);
    let scope = dir.parent().unwrap().to_path_buf();
    env.ok(&["rm", "-f", &id]);
    wait_for("the scope to go", Duration::from_secs(60), || (!scope.exists() && unit_state(&env, &unit) != "active").then_some(()));

    // A slice as --cgroup-parent: the scope goes under it.
    let id = run(&["--cgroup-manager=systemd", "run", "-d", "--cgroup-parent", "rpodtest.slice", &bb, "sleep", "1000"]);
    let dir = cgroup_of(&env, &id);
    assert!(dir.ends_with(format!("rpodtest.slice/rpod-{id}.scope/container")), "{}", dir.display());
    env.ok(&["rm", "-f", &id]);
    // A path is not a slice name (class: path traversal via a unit name).
    let out = env.rpod_env(&["--cgroup-manager=systemd", "run", "--rm", "--cgroup-parent", "../x.slice", &bb, "true"], &extra);
    assert_eq!(out.code, 125, "{}", out.dump());
    out.assert_one_error_line();

    // A restart of the same container gets a new scope of the same name.
    let id = run(&["--cgroup-manager=systemd", "create", &bb, "true"]);
    run(&["start", "--attach", &id]);
    run(&["start", "--attach", &id]);
    env.ok(&["rm", &id]);
}

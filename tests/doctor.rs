//! `rpod doctor`: the build machine's report, and each failure the harness
//! can simulate without touching what parallel tests share (no chmod of
//! /dev nodes or /usr/bin helpers: a private mount namespace or PATH instead).

mod common;

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use common::*;
use serde_json::Value;

fn checks(out: &Output) -> Vec<Value> {
    let v: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("doctor --format json: {e}\n{}", out.dump()));
    v["Checks"].as_array().unwrap_or_else(|| panic!("no Checks:\n{}", out.dump())).clone()
}

fn find<'a>(checks: &'a [Value], name: &str) -> &'a Value {
    checks.iter().find(|c| c["Name"] == name).unwrap_or_else(|| panic!("no check {name} in {checks:?}"))
}

fn status<'a>(checks: &'a [Value], name: &str) -> &'a str {
    find(checks, name)["Status"].as_str().unwrap()
}

#[test]
fn build_machine_report_has_everything_rootless_needs() {
    let env = TestEnv::new("doctor-ok");
    let table = env.rpod(&["doctor"]);
    // The closing note quotes this report.
    eprintln!("{}", table.stdout);
    assert_eq!(table.code, 0, "nothing needed is missing on the build machine:\n{}", table.dump());
    assert!(table.stdout.starts_with("CHECK "), "{}", table.dump());
    let out = env.rpod(&["doctor", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.dump());
    let c = checks(&out);
    for name in ["subuid", "subgid", "userns-auto", "newuidmap", "newgidmap", "userns", "fuse", "tun", "overlay", "network", "runtime-dir", "store", "init"] {
        assert_eq!(status(&c, name), "ok", "{name}: {:?}", find(&c, name));
        assert_eq!(find(&c, name)["Fix"], "", "an ok check has no fix");
    }
    for name in ["cgroups", "delegation", "linger"] {
        let s = status(&c, name);
        assert!(s == "ok" || s == "warn", "{name}: {:?}", find(&c, name));
        if s == "warn" {
            assert!(!find(&c, name)["Fix"].as_str().unwrap().is_empty(), "a warning names its fix: {:?}", find(&c, name));
        }
    }
    let u = env.user.clone();
    let range = format!("{}-{}", u.subuid_start.unwrap(), u.subuid_start.unwrap() + u.subuid_count.unwrap() - 1);
    assert!(find(&c, "subuid")["Detail"].as_str().unwrap().contains(&range), "{:?}", find(&c, "subuid"));
    // Go templates apply to each check.
    let names = env.ok(&["doctor", "--format", "{{.Name}}:{{.Status}}"]);
    assert!(names.lines().any(|l| l == "tun:ok"), "{names}");
}

#[test]
fn user_without_subordinate_ids_gets_the_usermod_command() {
    if !is_root() {
        eprintln!("skipped: running rpod as the user without ranges needs root (contrib/test.sh runs the suite as root)");
        return;
    }
    let user = User::nosub_user();
    let env = TestEnv::new_as("doctor-nosub", user.clone());
    let out = env.rpod(&["doctor", "--format", "json"]);
    assert_eq!(out.code, 1, "missing ranges are a failure:\n{}", out.dump());
    let c = checks(&out);
    for (name, flag) in [("subuid", "--add-subuids"), ("subgid", "--add-subgids")] {
        assert_eq!(status(&c, name), "fail", "{:?}", find(&c, name));
        let fix = find(&c, name)["Fix"].as_str().unwrap();
        assert!(fix.starts_with(&format!("sudo usermod {flag} ")) && fix.ends_with(&format!(" {}", user.name)), "{fix}");
    }
    let table = env.rpod(&["doctor"]);
    assert_eq!(table.code, 1);
    assert!(table.stdout.contains("To fix:") && table.stdout.contains("sudo usermod --add-subuids"), "{}", table.dump());
}

#[test]
fn runtime_dir_unset_foreign_or_symlink_is_reported() {
    let env = TestEnv::new("doctor-xdg");
    let out = env.rpod_env(&["doctor", "--format", "json"], &[("XDG_RUNTIME_DIR", "")]);
    let c = checks(&out);
    assert_eq!(status(&c, "runtime-dir"), "warn", "{:?}", find(&c, "runtime-dir"));
    let fix = find(&c, "runtime-dir")["Fix"].as_str().unwrap();
    assert!(fix.contains("XDG_RUNTIME_DIR") || fix.contains("loginctl enable-linger"), "{fix}");
    // A directory of another user (root's /, as after `su`): refused.
    let out = env.rpod_env(&["doctor", "--format", "json"], &[("XDG_RUNTIME_DIR", "/")]);
    assert_eq!(out.code, 1, "{}", out.dump());
    let c = checks(&out);
    assert_eq!(status(&c, "runtime-dir"), "fail", "{:?}", find(&c, "runtime-dir"));
    assert!(find(&c, "runtime-dir")["Detail"].as_str().unwrap().contains("belongs to uid 0"));
    // Symlink planting (another user points the variable's target elsewhere):
    // a symlink is not accepted as the runtime directory, even to the user's own.
    let link = env.dir.join("run-link");
    std::os::unix::fs::symlink(&env.runtime, &link).unwrap();
    let out = env.rpod_env(&["doctor", "--format", "json"], &[("XDG_RUNTIME_DIR", link.to_str().unwrap())]);
    let c = checks(&out);
    assert_eq!(status(&c, "runtime-dir"), "fail", "{:?}", find(&c, "runtime-dir"));
    // Mode open to others: a warning with the chmod.
    std::fs::set_permissions(&env.runtime, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = env.rpod_env(&["doctor", "--format", "json"], &[]);
    std::fs::set_permissions(&env.runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    let c = checks(&out);
    assert_eq!(status(&c, "runtime-dir"), "warn", "{:?}", find(&c, "runtime-dir"));
    assert_eq!(find(&c, "runtime-dir")["Fix"], format!("chmod 0700 {}", env.runtime.display()));
}

#[test]
fn newuidmap_without_setuid_first_on_path_fails_with_the_fix() {
    let env = TestEnv::new("doctor-uidmap");
    // A copy the user made: same binary, no setuid bit, no file capabilities.
    let bin = env.dir.join("bin");
    std::fs::create_dir(&bin).unwrap();
    for h in ["newuidmap", "newgidmap"] {
        std::fs::copy(format!("/usr/bin/{h}"), bin.join(h)).unwrap();
        std::fs::set_permissions(bin.join(h), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!("{}:{PATH}", bin.display());
    let out = env.rpod_env(&["doctor", "--format", "json"], &[("PATH", &path)]);
    assert_eq!(out.code, 1, "{}", out.dump());
    let c = checks(&out);
    let u = find(&c, "newuidmap");
    assert_eq!(u["Status"], "fail", "{u:?}");
    assert!(u["Detail"].as_str().unwrap().contains(&format!("{}/newuidmap", bin.display())), "{u:?}");
    assert!(u["Fix"].as_str().unwrap().starts_with("export PATH=/usr/bin:$PATH"), "{u:?}");
    assert_eq!(status(&c, "newgidmap"), "fail");
    // The same environment really breaks a container: doctor is not crying wolf.
    let run = env.rpod_env(&["unshare", "true"], &[("PATH", &path)]);
    assert_ne!(run.code, 0, "a non-setuid newuidmap cannot map ids:\n{}", run.dump());
}

/// Run `rpod doctor --format json` as the env's user in a private mount
/// namespace where `target` is covered by `source` (root only).
fn doctor_with_bind(env: &TestEnv, source: &std::path::Path, target: &str) -> Output {
    let inner = env.command(&["doctor", "--format", "json"], &[]);
    let mut cmd = Command::new("unshare");
    cmd.args(["--mount", "--propagation", "private", "sh", "-c", "mount --bind \"$1\" \"$2\" && shift 2 && exec \"$@\"", "sh"]);
    cmd.arg(source).arg(target).arg(inner.get_program()).args(inner.get_args());
    let out = cmd.output().expect("running unshare");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
        args: vec!["doctor".into(), format!("(with {} over {target})", source.display())],
    }
}

#[test]
fn dev_net_tun_mode_0600_is_reported_with_chmod() {
    if !is_root() {
        eprintln!("skipped: covering /dev/net/tun in a private mount namespace needs root (contrib/test.sh runs the suite as root)");
        return;
    }
    let env = TestEnv::new("doctor-tun");
    // The machine's default (mode 0600, root's), in this test's mount
    // namespace only: the shared node keeps its mode for parallel tests.
    let node = env.dir.join("tun");
    let st = Command::new("mknod").args(["-m", "0600"]).arg(&node).args(["c", "10", "200"]).status().unwrap();
    assert!(st.success());
    let out = doctor_with_bind(&env, &node, "/dev/net/tun");
    assert_eq!(out.code, 1, "{}", out.dump());
    let c = checks(&out);
    let t = find(&c, "tun");
    assert_eq!(t["Status"], "fail", "{t:?}");
    assert!(t["Detail"].as_str().unwrap().contains("mode 0600"), "{t:?}");
    assert_eq!(t["Fix"], "sudo chmod 0666 /dev/net/tun");
    // Same for /dev/fuse: a warning (native overlay works without it).
    let fnode = env.dir.join("fuse");
    assert!(Command::new("mknod").args(["-m", "0600"]).arg(&fnode).args(["c", "10", "229"]).status().unwrap().success());
    let out = doctor_with_bind(&env, &fnode, "/dev/fuse");
    let c = checks(&out);
    assert_eq!(status(&c, "fuse"), "warn", "{:?}", find(&c, "fuse"));
    assert_eq!(find(&c, "fuse")["Fix"], "sudo chmod 0666 /dev/fuse");
}

/// `--userns=auto` ids held by existing auto containers are subtracted: a
/// container holding nearly the whole range leaves too few for another,
/// and doctor names it in the fix; removing it frees them again.
#[test]
fn userns_auto_free_ids_subtract_what_auto_containers_hold() {
    let env = TestEnv::new("doctor-auto");
    let bb = img("busybox");
    env.pull(&bb);
    let total = env.user.subuid_count.unwrap().min(env.user.subgid_count.unwrap()) as u64;
    let c = checks(&env.rpod(&["doctor", "--format", "json"]));
    let a = find(&c, "userns-auto");
    assert_eq!(a["Status"], "ok", "{a:?}");
    assert!(a["Detail"].as_str().unwrap().starts_with(&format!("{total} of {total} subordinate ids free")), "{a:?}");
    let size = total - 100;
    env.ok(&["create", "--name", "hog", &format!("--userns=auto:size={size}"), &bb, "true"]);
    let out = env.rpod(&["doctor", "--format", "json"]);
    assert_eq!(out.code, 0, "a warning is not a failure:\n{}", out.dump());
    let c = checks(&out);
    let a = find(&c, "userns-auto");
    assert_eq!(a["Status"], "warn", "{a:?}");
    assert!(
        a["Detail"].as_str().unwrap().starts_with(&format!("100 of {total} subordinate ids free (largest free run 100); {size} held by 1 auto container(s)")),
        "{a:?}"
    );
    let fix = a["Fix"].as_str().unwrap();
    assert!(fix.starts_with("rpod rm -f hog ") && fix.contains("--add-subuids ") && fix.ends_with(&format!(" {}", env.user.name)), "{fix}");
    // The check agrees with run: another auto container does not fit.
    env.fails(&["create", "--userns=auto", &bb, "true"], 125).assert_one_error_line();
    env.ok(&["rm", "hog"]);
    let c = checks(&env.rpod(&["doctor", "--format", "json"]));
    assert_eq!(status(&c, "userns-auto"), "ok");
}

/// Run `rpod doctor --format json` as the env's user, with `extra`
/// environment, in a private mount namespace after the shell code `setup`
/// ran there as root (root only). The command does not join the user's
/// delegated cgroup, as a shell after `su` would not.
fn doctor_in_private_mounts(env: &TestEnv, setup: &str, extra: &[(&str, &str)]) -> Output {
    let inner = env.command(&["doctor", "--format", "json"], extra);
    let mut cmd = Command::new("unshare");
    cmd.args(["--mount", "--propagation", "private", "sh", "-c", &format!("set -e; {setup}; exec \"$@\""), "sh"]);
    cmd.arg(inner.get_program()).args(inner.get_args());
    let out = cmd.output().expect("running unshare");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
        args: vec!["doctor".into(), format!("(after: {setup})")],
    }
}

fn needs_root(what: &str) -> bool {
    if !is_root() {
        eprintln!("skipped: {what} needs root for a private mount namespace (contrib/test.sh runs the suite as root)");
    }
    is_root()
}

/// No pasta and no slirp4netns anywhere rpod looks (PATH and the fixed
/// directories): a failure naming the packages to install.
#[test]
fn no_pasta_and_no_slirp4netns_fails_with_the_install_command() {
    if !needs_root("hiding pasta and slirp4netns") {
        return;
    }
    let env = TestEnv::new("doctor-nonet");
    let empty = env.dir.join("not-a-program");
    std::fs::write(&empty, "").unwrap();
    let mut setup = Vec::new();
    for name in ["pasta", "slirp4netns"] {
        for dir in ["/usr/local/libexec/podman", "/usr/libexec/podman", "/usr/lib/podman", "/usr/local/bin", "/usr/bin", "/usr/sbin", "/usr/local/sbin"] {
            let p = format!("{dir}/{name}");
            if std::path::Path::new(&p).exists() {
                setup.push(format!("mount --bind {} {p}", empty.display()));
            }
        }
    }
    assert!(!setup.is_empty(), "pasta or slirp4netns is installed on the build machine");
    let out = doctor_in_private_mounts(&env, &setup.join("; "), &[]);
    assert_eq!(out.code, 1, "no network helper is a failure:\n{}", out.dump());
    let c = checks(&out);
    let n = find(&c, "network");
    assert_eq!(n["Status"], "fail", "{n:?}");
    assert!(n["Detail"].as_str().unwrap().contains("neither pasta nor slirp4netns"), "{n:?}");
    assert_eq!(n["Fix"], "sudo apt-get install passt   # or: sudo apt-get install slirp4netns");
}

/// Started outside any cgroup the user owns (as after `su`): delegation is
/// a warning with its fix. With no cgroup v2 mounted at all (a cgroup v1
/// host), the cgroups check says to boot with the unified hierarchy.
#[test]
fn no_delegation_and_no_cgroup_v2_are_reported_with_their_fix() {
    if !needs_root("leaving the delegated cgroup and unmounting cgroup2") {
        return;
    }
    let env = TestEnv::new("doctor-cgroup");
    let out = doctor_in_private_mounts(&env, "true", &[]);
    let c = checks(&out);
    let d = find(&c, "delegation");
    assert_eq!(d["Status"], "warn", "{d:?}");
    assert!(d["Detail"].as_str().unwrap().contains("no cgroup v2 subtree is delegated"), "{d:?}");
    assert!(d["Fix"].as_str().unwrap().contains("systemd-run --user --scope -p Delegate=yes"), "{d:?}");
    // cgroup v1 only: every cgroup2 mount gone from this namespace.
    let out = doctor_in_private_mounts(&env, "for m in $(findmnt -rn -t cgroup2 -o TARGET); do umount -l \"$m\"; done; ! findmnt -rn -t cgroup2", &[]);
    let c = checks(&out);
    let g = find(&c, "cgroups");
    assert_eq!(g["Status"], "warn", "{g:?}\n{}", out.dump());
    assert!(g["Detail"].as_str().unwrap().contains("no cgroup v2 hierarchy is mounted"), "{g:?}");
    assert_eq!(g["Fix"], "boot with systemd.unified_cgroup_hierarchy=1 (cgroup v2)");
    assert!(c.iter().all(|x| x["Name"] != "delegation"), "no delegation check without cgroup v2: {c:?}");
}

/// A store on overlayfs (a home inside a container): native overlay cannot
/// stack on it, and the fix names a store on a local disk. (A store on NFS
/// cannot be simulated here: its file system type comes from the kernel's
/// statfs, and no NFS server runs on the build machine; the check is the
/// same code path with NFS's magic number.)
#[test]
fn store_on_overlayfs_is_reported_with_a_local_store() {
    if !needs_root("mounting an overlayfs") {
        return;
    }
    let env = TestEnv::new("doctor-ovl");
    let d = env.dir.join("ovl");
    for sub in ["lower", "upper", "work", "merged"] {
        std::fs::create_dir_all(d.join(sub)).unwrap();
    }
    let (l, u, w, m) = (d.join("lower"), d.join("upper"), d.join("work"), d.join("merged"));
    let setup = format!("mount -t overlay overlay -o lowerdir={},upperdir={},workdir={} {}", l.display(), u.display(), w.display(), m.display());
    let data = m.join("data");
    let out = doctor_in_private_mounts(&env, &setup, &[("XDG_DATA_HOME", data.to_str().unwrap())]);
    let c = checks(&out);
    let s = find(&c, "store");
    assert_eq!(s["Status"], "warn", "{s:?}\n{}", out.dump());
    assert!(s["Detail"].as_str().unwrap().contains(&format!("the store {}/rpod is on overlayfs", data.display())), "{s:?}");
    assert_eq!(s["Fix"], format!("rpod --root /var/tmp/{}-rpod ...   # a store on a local disk", env.user.uid));
}

/// On a systemd host without linger for the user, user units stop at
/// logout: a warning with `loginctl enable-linger USER`; with the linger
/// file, ok.
#[test]
fn linger_off_is_reported_with_loginctl() {
    if !needs_root("faking a systemd host") {
        return;
    }
    let env = TestEnv::new("doctor-linger");
    let user = &env.user.name;
    let systemd_host = "mount -t tmpfs tmpfs /run/systemd; mkdir /run/systemd/system; mount -t tmpfs tmpfs /var/lib/systemd; mkdir /var/lib/systemd/linger";
    let out = doctor_in_private_mounts(&env, systemd_host, &[]);
    let c = checks(&out);
    let l = find(&c, "linger");
    assert_eq!(l["Status"], "warn", "{l:?}\n{}", out.dump());
    assert!(l["Detail"].as_str().unwrap().contains(&format!("not enabled for {user}")), "{l:?}");
    assert_eq!(l["Fix"], format!("loginctl enable-linger {user}"));
    let out = doctor_in_private_mounts(&env, &format!("{systemd_host}; touch /var/lib/systemd/linger/{user}"), &[]);
    let c = checks(&out);
    assert_eq!(status(&c, "linger"), "ok", "{:?}", find(&c, "linger"));
}

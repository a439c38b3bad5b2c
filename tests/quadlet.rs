//! Quadlet under a real `systemd --user`: `.container` files in
//! `~/.config/containers/systemd`, turned into services by rpod installed as
//! the user generator (as contrib/install.sh installs it), driven with
//! `systemctl --user` as a user would: daemon-reload, start, the published
//! port serves, stop removes the container; `Notify=true` readiness; a
//! failing container fails its unit and `Restart=` applies; `[Install]` and
//! `systemctl --user enable` bring units back after a reboot (linger).
//!
//! These tests need a systemd user manager. They run in the systemd tier
//! (contrib/vm/run.sh boots a Debian guest, installs the generator, and sets
//! `RPOD_TEST_SYSTEMD=1`), where nothing may be skipped; elsewhere each says
//! why it is skipped. tests/systemd.rs covers the same units without
//! systemd (the unit's commands run by the test).
//!
//! Unlike the other integration tests these use the user's real home (the
//! guest's rpodtest is disposable): the generator and the units see the
//! manager's environment, not a TestEnv's private XDG directories.
//!
//! The reboot test has two halves: `reboot_1_*` sets units up and asks
//! guest-run.sh for a second boot of the same disk (a line in
//! `~/.rpod-vm-reboot`); `after_reboot_*` runs only in that second boot
//! (`RPOD_VM_PHASE=2`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

/// The generator as contrib/install.sh installs it with sudo.
const GENERATOR: &str = "/usr/local/lib/systemd/user-generators/rpod-user-generator";

/// The user's systemd manager is there to drive (the systemd tier), or why not.
fn systemd_user() -> bool {
    let tier = std::env::var("RPOD_TEST_SYSTEMD").is_ok_and(|v| v == "1");
    let why = if !Path::new("/run/systemd/system").is_dir() {
        Some("this machine does not run systemd".to_string())
    } else {
        match Command::new("systemctl").args(["--user", "is-system-running"]).output() {
            Ok(o) if !o.stdout.is_empty() => None,
            Ok(o) => Some(format!("no systemd user manager answers: {}", String::from_utf8_lossy(&o.stderr).trim())),
            Err(e) => Some(format!("systemctl: {e}")),
        }
    };
    match why {
        None if tier => true,
        None => {
            eprintln!("skipped: set RPOD_TEST_SYSTEMD=1 to let these tests install units in this user's systemd (the systemd tier does: contrib/vm/run.sh)");
            false
        }
        Some(why) => {
            assert!(!tier, "the systemd tier has no usable user manager: {why}");
            eprintln!("skipped: {why} (these tests run in the systemd tier: contrib/vm/run.sh)");
            false
        }
    }
}

fn home() -> PathBuf {
    PathBuf::from(std::env::var_os("HOME").expect("HOME is set by the user manager"))
}

fn unit_dir() -> PathBuf {
    home().join(".config/containers/systemd")
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

/// rpod as the unit sees it: the user's own environment and store.
fn rpod(args: &[&str]) -> Output {
    let o = Command::new(BIN).args(args).output().expect("running rpod");
    Output {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        args: args.iter().map(|s| s.to_string()).collect(),
    }
}

fn rpod_ok(args: &[&str]) -> String {
    let o = rpod(args);
    assert_eq!(o.code, 0, "{}", o.dump());
    o.stdout
}

fn systemctl(args: &[&str]) -> (i32, String) {
    let o = Command::new("systemctl").arg("--user").args(args).output().expect("running systemctl");
    let text = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    (o.status.code().unwrap_or(-1), text)
}

fn systemctl_ok(args: &[&str]) -> String {
    let (code, text) = systemctl(args);
    assert_eq!(code, 0, "systemctl --user {} failed:\n{text}\n{}", args.join(" "), journal(args.last().unwrap()));
    text
}

/// The unit's recent journal, for assertion messages.
fn journal(unit: &str) -> String {
    let o = Command::new("journalctl").args(["--user", "-u", unit, "-n", "40", "--no-pager", "-o", "cat"]).output();
    o.map(|o| format!("--- journal of {unit} ---\n{}", String::from_utf8_lossy(&o.stdout))).unwrap_or_default()
}

fn prop(unit: &str, p: &str) -> String {
    systemctl_ok(&["show", "-p", p, "--value", unit]).trim().to_string()
}

/// Poll `f` until it returns Some (generous: the guest runs under TCG).
fn wait_for<T>(what: &str, limit: Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let end = Instant::now() + limit;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < end, "timed out after {limit:?} waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn http_get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    s.write_all(format!("GET {path} HTTP/1.0\r\n\r\n").as_bytes()).ok()?;
    let mut b = String::new();
    s.read_to_string(&mut b).ok()?;
    (!b.is_empty()).then_some(b)
}

fn cmdline(pid: &str) -> String {
    String::from_utf8_lossy(&std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default()).replace('\0', " ")
}

/// Once per test: the generator is installed, the local registry is
/// trusted, the test image is in the user's store.
fn setup() {
    let target = std::fs::read_link(GENERATOR).unwrap_or_else(|e| panic!("{GENERATOR}: {e} (guest-run.sh installs it as contrib/install.sh does)"));
    assert_eq!(target, Path::new(BIN), "the generator is not this rpod");
    write(&home().join(".config/containers/registries.conf"), &format!("[[registry]]\nlocation = \"{}\"\ninsecure = true\n", registry()));
    rpod_ok(&["pull", "-q", &img("busybox")]);
}

/// A busybox httpd serving `word` at /www.
fn httpd_exec(word: &str) -> String {
    format!("Exec=sh -c 'echo {word} > /www; exec httpd -f -p 80 -h /'")
}

fn remove_unit(file: &str) {
    let _ = std::fs::remove_file(unit_dir().join(file));
    systemctl_ok(&["daemon-reload"]);
}

/// A test's unit and its container, cleaned up however the test ends: the
/// guest user's store and manager are shared by the tests that run after
/// this one, so a failed test must not leave its container or unit behind
/// for them to trip on. Made before the unit file is written, it also
/// clears what an earlier aborted run left.
struct Cleanup {
    services: Vec<&'static str>,
    files: Vec<PathBuf>,
    containers: Vec<&'static str>,
}

impl Cleanup {
    fn new(services: &[&'static str], files: &[PathBuf], containers: &[&'static str]) -> Cleanup {
        let c = Cleanup { services: services.to_vec(), files: files.to_vec(), containers: containers.to_vec() };
        c.run();
        c
    }

    fn run(&self) {
        for s in &self.services {
            let _ = systemctl(&["stop", s]);
            let _ = systemctl(&["reset-failed", s]);
        }
        let mut reload = false;
        for f in &self.files {
            reload |= std::fs::remove_file(f).is_ok();
        }
        if reload {
            let _ = systemctl(&["daemon-reload"]);
        }
        for c in &self.containers {
            let _ = rpod(&["rm", "-f", "-t", "0", "--ignore", c]);
        }
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        self.run();
    }
}

/// The names of all containers, created or running, with this name (the
/// store is shared by the tier's tests: never assert on all of it).
fn containers_named(name: &str) -> String {
    rpod_ok(&["ps", "-a", "--filter", &format!("name=^{name}$"), "--format", "{{.Names}}"]).trim().to_string()
}

#[test]
fn container_unit_starts_serves_and_stop_removes_it() {
    if !systemd_user() {
        return;
    }
    setup();
    let _cleanup = Cleanup::new(&["web1.service"], &[unit_dir().join("web1.container")], &["systemd-web1"]);
    let port = 18081;
    write(
        &unit_dir().join("web1.container"),
        &format!(
            "[Unit]\nDescription=rpod quadlet test\n\n[Container]\nImage={}\nPublishPort=127.0.0.1:{port}:80\n{}\n",
            img("busybox"),
            httpd_exec("quadlet-ok")
        ),
    );
    systemctl_ok(&["daemon-reload"]);
    let text = systemctl_ok(&["cat", "web1.service"]);
    assert!(text.contains("rpod quadlet") && text.contains("--sdnotify=conmon"), "not rpod's generated unit:\n{text}");
    // Type=notify: start returns when the unit is ready.
    systemctl_ok(&["start", "web1.service"]);
    assert_eq!(prop("web1.service", "ActiveState"), "active");
    let body = wait_for("the published port", Duration::from_secs(60), || http_get(port, "/www"));
    assert!(body.contains("quadlet-ok"), "{body}");
    // MAINPID is the monitor, and the container is Quadlet's name.
    let pid = prop("web1.service", "MainPID");
    assert!(cmdline(&pid).contains("container-monitor"), "MainPID {pid} is {:?}", cmdline(&pid));
    assert_eq!(rpod_ok(&["ps", "--filter", "name=^systemd-web1$", "--format", "{{.Names}}"]).trim(), "systemd-web1");
    let unit = rpod_ok(&["inspect", "--format", "{{index .Config.Labels \"PODMAN_SYSTEMD_UNIT\"}}", "systemd-web1"]);
    assert_eq!(unit.trim(), "web1.service", "the container is not labelled with its unit");

    systemctl_ok(&["stop", "web1.service"]);
    // busybox httpd as PID 1 ignores SIGTERM, so `rm -f` ends it with
    // SIGKILL. A stop that was asked for ends the unit `inactive` (Podman's
    // units end `failed` with 137 here, containers/podman#16726).
    let state = prop("web1.service", "ActiveState");
    let status = prop("web1.service", "ExecMainStatus");
    assert_eq!(state, "inactive", "ExecMainStatus={status}\n{}", journal("web1.service"));
    let _ = systemctl(&["reset-failed", "web1.service"]);
    assert_eq!(containers_named("systemd-web1"), "", "stop left the container");
    assert!(http_get(port, "/www").is_none(), "still serving after stop");
    remove_unit("web1.container");
}

/// `Notify=true` (`--sdnotify=container`): the unit is ready only when the
/// container's process says READY=1 through the socket rpod passes in.
#[test]
fn notify_true_unit_is_ready_when_the_container_says_so() {
    if !systemd_user() {
        return;
    }
    setup();
    let probe = std::env::var("RPOD_TEST_NETPROBE").expect("RPOD_TEST_NETPROBE: the static netprobe (contrib/vm/run.sh builds it)");
    let _cleanup = Cleanup::new(&["ready.service"], &[unit_dir().join("ready.container")], &["systemd-ready"]);
    write(
        &unit_dir().join("ready.container"),
        &format!(
            "[Container]\nImage={}\nNotify=true\nVolume={probe}:/netprobe:ro\nExec=sh -c 'until [ -e /go ]; do sleep 0.2; done; /netprobe notify STATUS=serving; /netprobe notify READY=1; exec sleep 600'\n",
            img("busybox")
        ),
    );
    systemctl_ok(&["daemon-reload"]);
    systemctl_ok(&["start", "--no-block", "ready.service"]);
    // Running, but not ready: the unit stays activating.
    wait_for("the container to run", Duration::from_secs(120), || {
        (rpod_ok(&["ps", "--filter", "name=^systemd-ready$", "--format", "{{.Names}}"]).trim() == "systemd-ready").then_some(())
    });
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(prop("ready.service", "ActiveState"), "activating", "ready before the container said so");
    rpod_ok(&["exec", "systemd-ready", "touch", "/go"]);
    wait_for("the unit to be active", Duration::from_secs(60), || (prop("ready.service", "ActiveState") == "active").then_some(()));
    assert_eq!(prop("ready.service", "StatusText"), "serving");
    let pid = prop("ready.service", "MainPID");
    assert!(cmdline(&pid).contains("container-monitor"), "MainPID {pid} is {:?}", cmdline(&pid));
    systemctl_ok(&["stop", "ready.service"]);
    assert_eq!(containers_named("systemd-ready"), "", "stop left the container");
    remove_unit("ready.container");
}

/// A container that exits non-zero fails its unit; `Restart=on-failure`
/// starts it again, until the start limit makes the unit `failed`.
#[test]
fn failing_container_fails_the_unit_and_restart_applies() {
    if !systemd_user() {
        return;
    }
    setup();
    let _cleanup = Cleanup::new(&["fail.service"], &[unit_dir().join("fail.container")], &["systemd-fail"]);
    let state = home().join("qfail");
    let _ = std::fs::remove_dir_all(&state);
    std::fs::create_dir_all(&state).unwrap();
    write(
        &unit_dir().join("fail.container"),
        &format!(
            "[Unit]\nStartLimitIntervalSec=600\nStartLimitBurst=3\n\n[Container]\nImage={}\nVolume={}:/state\nExec=sh -c 'echo run >> /state/count; exit 3'\n\n[Service]\nRestart=on-failure\nRestartSec=1\n",
            img("busybox"),
            state.display()
        ),
    );
    systemctl_ok(&["daemon-reload"]);
    let _ = systemctl(&["start", "fail.service"]);
    wait_for("the unit to fail for good", Duration::from_secs(300), || (prop("fail.service", "ActiveState") == "failed").then_some(()));
    let runs = std::fs::read_to_string(state.join("count")).unwrap_or_default().lines().count();
    assert_eq!(runs, 3, "Restart= did not start the container again up to the start limit\n{}", journal("fail.service"));
    let restarts: u32 = prop("fail.service", "NRestarts").parse().unwrap();
    assert!(restarts >= 2, "NRestarts={restarts}");
    let result = prop("fail.service", "Result");
    assert!(result == "exit-code" || result == "start-limit-hit", "Result={result}");
    assert_eq!(prop("fail.service", "ExecMainStatus"), "3", "the unit's status is not the container's exit code");
    assert_eq!(containers_named("systemd-fail"), "", "the failed container was not removed");
    let _ = systemctl(&["reset-failed", "fail.service"]);
    remove_unit("fail.container");
    let _ = std::fs::remove_dir_all(&state);
}

const BOOT_QUADLET_PORT: u16 = 18084;
const BOOT_GENERATED_PORT: u16 = 18085;

/// Phase 1 of the reboot test: a Quadlet unit with `[Install]
/// WantedBy=default.target`, and a `generate systemd --new --files` unit
/// enabled with `systemctl --user enable`; the user lingers. Then the
/// second boot (`after_reboot_*`) checks both came back.
#[test]
fn reboot_1_units_installed_for_the_next_boot() {
    if !systemd_user() {
        return;
    }
    setup();
    let user = User::test_user();
    assert!(Path::new("/var/lib/systemd/linger").join(&user.name).exists(), "user {} does not linger", user.name);
    write(
        &unit_dir().join("boot.container"),
        &format!(
            "[Container]\nImage={}\nPublishPort=127.0.0.1:{BOOT_QUADLET_PORT}:80\n{}\n\n[Install]\nWantedBy=default.target\n",
            img("busybox"),
            httpd_exec("boot-quadlet")
        ),
    );
    systemctl_ok(&["daemon-reload"]);
    assert!(systemctl_ok(&["list-dependencies", "default.target"]).contains("boot.service"), "[Install] WantedBy= made no link");

    rpod_ok(&[
        "create",
        "--name",
        "gen",
        "-p",
        &format!("127.0.0.1:{BOOT_GENERATED_PORT}:80"),
        &img("busybox"),
        "sh",
        "-c",
        "echo boot-generated > /www; exec httpd -f -p 80 -h /",
    ]);
    let units = home().join(".config/systemd/user");
    std::fs::create_dir_all(&units).unwrap();
    let o = Command::new(BIN).args(["generate", "systemd", "--new", "--name", "--files", "gen"]).current_dir(&units).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(units.join("container-gen.service").exists(), "--files wrote no container-gen.service");
    rpod_ok(&["rm", "gen"]);
    systemctl_ok(&["daemon-reload"]);
    systemctl_ok(&["enable", "container-gen.service"]);
    write(&home().join(".rpod-vm-reboot"), "quadlet\n");
}

/// Phase 2: after the reboot both units started at boot and serve.
#[test]
fn after_reboot_enabled_units_are_running() {
    if !systemd_user() {
        return;
    }
    if std::env::var("RPOD_VM_PHASE").ok().as_deref() != Some("2") {
        eprintln!("skipped: runs only in the second boot of the systemd tier (RPOD_VM_PHASE=2), after reboot_1_units_installed_for_the_next_boot");
        return;
    }
    for (unit, port, word) in [("boot.service", BOOT_QUADLET_PORT, "boot-quadlet"), ("container-gen.service", BOOT_GENERATED_PORT, "boot-generated")] {
        let end = Instant::now() + Duration::from_secs(300);
        loop {
            let s = prop(unit, "ActiveState");
            assert_ne!(s, "failed", "{unit} failed at boot:\n{}", journal(unit));
            if s == "active" {
                break;
            }
            assert!(Instant::now() < end, "{unit} is not active 300 s after the reboot:\n{}", boot_diagnosis(unit));
            std::thread::sleep(Duration::from_millis(500));
        }
        let body = wait_for(&format!("{unit}'s port"), Duration::from_secs(60), || http_get(port, "/www"));
        assert!(body.contains(word), "{unit}: {body}");
    }
    systemctl_ok(&["stop", "boot.service", "container-gen.service"]);
    assert_eq!(containers_named("systemd-boot"), "", "stop left the Quadlet container");
    assert_eq!(containers_named("gen"), "", "stop left the generated unit's container");
}

/// What systemd and rpod say about a unit that did not come up at boot.
fn boot_diagnosis(unit: &str) -> String {
    let run = |cmd: &str, args: &[&str]| {
        let o = Command::new(cmd).args(args).output();
        o.map(|o| format!("--- {cmd} {} ---\n{}{}", args.join(" "), String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))).unwrap_or_default()
    };
    [
        run("systemctl", &["--user", "status", "--no-pager", "-l", unit]),
        run("systemctl", &["--user", "list-jobs", "--no-pager"]),
        run("systemctl", &["--user", "is-system-running"]),
        run("journalctl", &["--user", "-b", "-n", "80", "--no-pager"]),
        run(BIN, &["ps", "-a"]),
    ]
    .join("\n")
}

/// Commit a busybox container that wrote `word` to /version as `name`
/// (with `changes`), push it to `dest` in the registry, and drop the local
/// copy: the registry then serves a digest the store does not have.
fn push_new_digest(word: &str, changes: &[&str], dest: &str) {
    let mk = format!("mk-{word}");
    rpod_ok(&["run", "--name", &mk, &img("busybox"), "sh", "-c", &format!("echo {word} > /version")]);
    let local = format!("localhost/next-{word}");
    let mut args = vec!["commit", "-q"];
    for c in changes {
        args.extend(["--change", c]);
    }
    args.extend([mk.as_str(), local.as_str()]);
    rpod_ok(&args);
    rpod_ok(&["rm", &mk]);
    rpod_ok(&["push", "-q", &local, dest]);
    rpod_ok(&["rmi", &local]);
}

/// Rows of `auto-update --format '{{.Unit}} {{.Policy}} {{.Updated}}'`.
fn auto_update(extra: &[&str]) -> Output {
    let mut args = vec!["auto-update", "--format", "{{.Unit}} {{.Policy}} {{.Updated}}"];
    args.extend(extra);
    rpod(&args)
}

/// `AutoUpdate=registry`: a new digest pushed to the registry is pulled and
/// the unit restarted onto it; an update whose unit fails to start is
/// rolled back to the old image.
#[test]
fn auto_update_picks_a_new_digest_and_rolls_back_a_broken_one() {
    if !systemd_user() {
        return;
    }
    setup();
    let _cleanup = Cleanup::new(&["au.service"], &[unit_dir().join("au.container")], &["systemd-au", "mk-v2", "mk-v3"]);
    let repo = format!("{}/autoupdate:latest", registry());
    rpod_ok(&["tag", &img("busybox"), &repo]);
    rpod_ok(&["push", "-q", &repo]);
    let port = 18086;
    write(
        &unit_dir().join("au.container"),
        &format!(
            "[Container]\nImage={repo}\nAutoUpdate=registry\nPublishPort=127.0.0.1:{port}:80\nExec=sh -c '(cat /version 2>/dev/null || echo v1) > /www; exec httpd -f -p 80 -h /'\n"
        ),
    );
    systemctl_ok(&["daemon-reload"]);
    systemctl_ok(&["start", "au.service"]);
    let serves = |word: &str| {
        wait_for(&format!("au.service to serve {word}"), Duration::from_secs(60), || http_get(port, "/www").filter(|b| b.contains(word)));
    };
    serves("v1");
    let o = auto_update(&["--dry-run"]);
    assert_eq!((o.code, o.stdout.trim()), (0, "au.service registry false"), "{}", o.dump());
    let old_id = rpod_ok(&["inspect", "--format", "{{.Image}}", "systemd-au"]).trim().to_string();

    push_new_digest("v2", &[], &repo);
    let o = auto_update(&["--dry-run"]);
    assert_eq!((o.code, o.stdout.trim()), (0, "au.service registry pending"), "{}", o.dump());
    // The table, as Podman prints it.
    let table = rpod_ok(&["auto-update", "--dry-run"]);
    let head: Vec<String> = table.lines().next().unwrap().split_whitespace().map(str::to_string).collect();
    assert_eq!(head, ["UNIT", "CONTAINER", "IMAGE", "POLICY", "UPDATED"], "{table}");
    assert!(table.lines().nth(1).is_some_and(|l| l.contains("(systemd-au)") && l.contains(&repo)), "{table}");
    let o = auto_update(&[]);
    assert_eq!((o.code, o.stdout.trim()), (0, "au.service registry true"), "{}\n{}", o.dump(), journal("au.service"));
    serves("v2");
    let new_id = rpod_ok(&["inspect", "--format", "{{.Image}}", "systemd-au"]).trim().to_string();
    assert_ne!(new_id, old_id);
    assert_eq!(prop("au.service", "ActiveState"), "active");
    let o = auto_update(&[]);
    assert_eq!((o.code, o.stdout.trim()), (0, "au.service registry false"), "{}", o.dump());

    // A broken update (its entrypoint does not exist): the restarted unit
    // fails, v2 gets the name back, and the unit runs it again.
    push_new_digest("v3", &["ENTRYPOINT [\"/nonexistent\"]"], &repo);
    let o = auto_update(&[]);
    assert_eq!(o.code, 125, "{}", o.dump());
    assert_eq!(o.stdout.trim(), "au.service registry rolled back", "{}", o.dump());
    assert!(o.stderr.contains("au.service"), "{}", o.dump());
    serves("v2");
    assert_eq!(rpod_ok(&["inspect", "--format", "{{.Image}}", "systemd-au"]).trim(), new_id);
    assert_eq!(rpod_ok(&["image", "inspect", "--format", "{{.Id}}", &repo]).trim().trim_start_matches("sha256:"), new_id.trim_start_matches("sha256:"));

    systemctl_ok(&["stop", "au.service"]);
    remove_unit("au.container");
}

/// `--log-driver journald`: the container's lines go to the systemd journal
/// and `rpod logs` reads them back (stdout and stderr apart, `--tail`),
/// through `journalctl` as the user, matched by the container's full ID and
/// the user's own `_UID`.
#[test]
fn journald_log_driver_is_read_back_by_logs() {
    if !systemd_user() {
        return;
    }
    setup();
    let _cleanup = Cleanup::new(&[], &[], &["jlog"]);
    rpod_ok(&["run", "--name", "jlog", "--network", "none", "--log-driver", "journald", &img("busybox"), "sh", "-c", "echo one; echo two >&2; echo three"]);
    // journald stores what it is sent asynchronously: wait for all three lines.
    let out = wait_for("the journal to hold the container's lines", Duration::from_secs(60), || {
        let o = rpod(&["logs", "jlog"]);
        (o.code == 0 && o.stdout == "one\nthree\n" && o.stderr == "two\n").then_some(o)
    });
    assert_eq!(out.stdout, "one\nthree\n", "{}", out.dump());
    let t = rpod(&["logs", "--tail", "1", "jlog"]);
    assert_eq!((t.code, t.stdout.lines().count() + t.stderr.lines().count()), (0, 1), "{}", t.dump());
    let stamped = rpod_ok(&["logs", "-t", "jlog"]);
    assert!(stamped.lines().all(|l| l.split_once(' ').is_some_and(|(ts, _)| ts.len() > 20 && ts.contains('T'))), "{stamped}");
    // A running container is followed until it stops.
    rpod_ok(&[
        "run",
        "-d",
        "--replace",
        "--name",
        "jlog",
        "--network",
        "none",
        "--log-driver",
        "journald",
        &img("busybox"),
        "sh",
        "-c",
        "echo first; sleep 3; echo last",
    ]);
    let f = rpod(&["logs", "-f", "jlog"]);
    assert_eq!((f.code, f.stdout.as_str()), (0, "first\nlast\n"), "{}", f.dump());
}

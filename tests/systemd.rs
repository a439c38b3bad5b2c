//! systemd integration without systemd: Quadlet's generator and dry run,
//! the units it makes run as systemd would run them (ExecStart, then
//! ExecStop, with a `$NOTIFY_SOCKET` the test listens on), `--sdnotify`,
//! `--replace` and `--cidfile`. Booting the units under a real `systemd
//! --user` (daemon-reload, start, linger, reboot) belongs to the systemd
//! test tier of issue 16.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;
use rpod::systemd::unit::{split_words, UnitFile};

fn quadlet_dir(env: &TestEnv) -> PathBuf {
    env.config.join("containers/systemd")
}

/// A datagram socket the env's user may send to, as systemd's notify socket.
fn notify_listener(env: &TestEnv, name: &str) -> (UnixDatagram, PathBuf) {
    let path = env.dir.join(name);
    let s = UnixDatagram::bind(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    (s, path)
}

fn recv(s: &UnixDatagram) -> String {
    let mut buf = [0u8; 8192];
    let n = s.recv(&mut buf).expect("no notify message within 20 s");
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

fn cmdline(pid: &str) -> String {
    String::from_utf8_lossy(&std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default()).replace('\0', " ")
}

/// The words of a key of a generated unit, with the specifiers systemd
/// would expand for unit `web.service` replaced.
fn unit_cmd(text: &str, key: &str, unit: &str, env: &TestEnv) -> Vec<String> {
    let body: String = text.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n");
    let u = UnitFile::parse(&body).unwrap();
    let v = u.lookup("Service", key).unwrap_or_else(|| panic!("no {key} in:\n{text}"));
    let base = unit.trim_end_matches(".service");
    let v = v.replace("%N", base).replace("%n", unit).replace("%t", &env.runtime.display().to_string());
    split_words(&v).unwrap()
}

#[test]
fn quadlet_dryrun_prints_podmans_units_and_names_each_bad_file() {
    let env = TestEnv::new("quadlet-dryrun");
    let dir = quadlet_dir(&env);
    env.write_file(
        &dir.join("web.container"),
        &format!(
            "[Unit]\nDescription=web\n\n[Container]\nImage={}\nPublishPort=127.0.0.1:18080:80\nEnvironment=A=1 \"B=two words\"\nVolume=data.volume:/data\nExec=httpd -f -p 80\n\n[Install]\nWantedBy=default.target\n",
            img("busybox")
        ),
    );
    env.write_file(&dir.join("data.volume"), "[Volume]\nLabel=app=web\n");
    env.write_file(&dir.join("bad.container"), "[Container]\nImage=busybox\nFrobnicate=1\n");
    env.write_file(&dir.join("net.network"), "[Network]\n");
    // No healthchecks yet: refused when made, not at `systemctl start`.
    env.write_file(&dir.join("health.container"), "[Container]\nImage=busybox\nHealthCmd=true\nHealthInterval=5s\n");
    env.write_file(&dir.join("ready.container"), "[Container]\nImage=busybox\nNotify=healthy\n");
    // Hostile: a FIFO and a symlink to an endless device named like units
    // (generator denial of service: systemd waits for generators at boot).
    let fifo = dir.join("fifo.container");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.container")).unwrap();
    let mut child = env.spawn(&["quadlet", "--dryrun", "--user"]);
    let started = Instant::now();
    while child.try_code().is_none() {
        assert!(started.elapsed() < Duration::from_secs(30), "quadlet hangs on a FIFO or /dev/zero");
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait();
    assert_eq!(out.code, 1, "a bad unit makes quadlet exit 1:\n{}", out.dump());
    assert!(out.stdout.contains("---web.service---") && out.stdout.contains("---data-volume.service---"), "{}", out.dump());
    assert!(!out.stdout.contains("---health.service---") && !out.stdout.contains("---ready.service---"), "{}", out.dump());
    for (file, why) in [
        ("bad.container", "Frobnicate"),
        ("net.network", "networks"),
        ("health.container", "HealthCmd, HealthInterval: rpod has no healthchecks yet"),
        ("ready.container", "Notify=healthy: rpod has no healthchecks yet"),
        ("fifo.container", "cannot read"),
        ("zero.container", "cannot read"),
    ] {
        assert!(out.stderr.lines().any(|l| l.contains(file) && l.contains(why)), "{file}: {}", out.dump());
    }
    let web = out.stdout.split("---web.service---").nth(1).unwrap().split("---").next().unwrap();
    let start = unit_cmd(web, "ExecStart", "web.service", &env);
    assert_eq!(&start[1..7], ["run", "--name", "systemd-web", "--replace", "--rm", "--cgroups=split"]);
    for pair in [["--publish", "127.0.0.1:18080:80"], ["--env", "B=two words"], ["-v", "systemd-data:/data"]] {
        assert!(start.windows(2).any(|w| w == pair), "{pair:?} not in {start:?}");
    }
    assert!(start.ends_with(&[img("busybox"), "httpd".into(), "-f".into(), "-p".into(), "80".into()]), "{start:?}");
    for line in ["Type=notify", "NotifyAccess=all", "KillMode=mixed", "Delegate=yes", "Requires=data-volume.service", "Environment=PODMAN_SYSTEMD_UNIT=%n"] {
        assert!(web.lines().any(|l| l == line), "{line} missing:\n{web}");
    }
}

#[test]
fn generated_unit_runs_notifies_and_stops_as_systemd_would() {
    let env = TestEnv::new("quadlet-run");
    let bb = img("busybox");
    env.pull(&bb);
    // A free port on loopback for the published port.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    env.write_file(
        &quadlet_dir(&env).join("web.container"),
        &format!("[Container]\nImage={bb}\nPublishPort=127.0.0.1:{port}:80\nNetwork=slirp4netns\nExec=sh -c 'echo quadlet-ok > /www; httpd -f -p 80 -h /'\n\n[Install]\nWantedBy=default.target\n"),
    );
    // As systemd runs a user generator: by its program name, with three directories.
    let link = env.dir.join("rpod-user-generator");
    std::os::unix::fs::symlink(BIN, &link).unwrap();
    let out_dir = env.dir.join("gen");
    let st = std::process::Command::new("runuser")
        .args(["-u", &env.user.name, "--", "env", "-i"])
        .arg(format!("XDG_CONFIG_HOME={}", env.config.display()))
        .arg(format!("XDG_RUNTIME_DIR={}", env.runtime.display()))
        .arg(format!("HOME={}", env.home.display()))
        .arg(&link)
        .args([out_dir.join("normal"), out_dir.join("early"), out_dir.join("late")])
        .output()
        .unwrap();
    assert!(st.status.success(), "generator failed: {}", String::from_utf8_lossy(&st.stderr));
    let unit = std::fs::read_to_string(out_dir.join("normal/web.service")).unwrap();
    let wants = std::fs::read_link(out_dir.join("normal/default.target.wants/web.service")).unwrap();
    assert_eq!(wants, Path::new("../web.service"));

    let (sock, path) = notify_listener(&env, "notify.sock");
    let start = unit_cmd(&unit, "ExecStart", "web.service", &env);
    assert_eq!(start[0], BIN, "the unit runs this rpod");
    let args: Vec<&str> = start[1..].iter().map(String::as_str).collect();
    let out = env.rpod_env(&args, &[("NOTIFY_SOCKET", path.to_str().unwrap())]);
    assert_eq!(out.code, 0, "{}", out.dump());
    // --sdnotify=conmon: the monitor is the main process and says ready.
    let msg = recv(&sock);
    let pid = msg.lines().find_map(|l| l.strip_prefix("MAINPID=")).unwrap_or_else(|| panic!("no MAINPID in {msg:?}"));
    assert!(msg.lines().any(|l| l == "READY=1"), "{msg:?}");
    assert!(cmdline(pid).contains("container-monitor"), "MAINPID {pid} is not the monitor: {}", cmdline(pid));
    let mut body = String::new();
    for _ in 0..100 {
        if let Ok(b) = http_get(port) {
            body = b;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(body.contains("quadlet-ok"), "the container does not serve on its published port: {body:?}");
    assert_eq!(env.ok(&["ps", "--format", "{{.Names}}"]).trim(), "systemd-web");

    for key in ["ExecStop", "ExecStopPost"] {
        let mut stop = unit_cmd(&unit, key, "web.service", &env);
        // `-` before the path: systemd ignores the exit code.
        assert_eq!(stop[0].trim_start_matches('-'), BIN);
        stop.remove(0);
        let args: Vec<&str> = stop.iter().map(String::as_str).collect();
        env.ok(&args);
    }
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "", "ExecStop left the container");
}

fn http_get(port: u16) -> std::io::Result<String> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(5)))?;
    s.write_all(b"GET /www HTTP/1.0\r\n\r\n")?;
    let mut b = String::new();
    s.read_to_string(&mut b)?;
    if b.is_empty() {
        return Err(std::io::Error::other("empty reply"));
    }
    Ok(b)
}

/// `--sdnotify=container` (Podman's default): the container's READY=1
/// reaches systemd through the monitor. PID confusion class: container
/// root must not be able to name the unit's main process (MAINPID=) or
/// push descriptors (FDSTORE=); only readiness and status pass.
#[test]
fn sdnotify_container_forwards_readiness_but_never_mainpid() {
    let env = TestEnv::new("sdnotify-container");
    let bb = img("busybox");
    env.pull(&bb);
    let (sock, path) = notify_listener(&env, "notify.sock");
    let np = path.to_str().unwrap();
    let out = env.rpod_env(&["run", "-d", "--name", "n", &bb, "sh", "-c", "echo $NOTIFY_SOCKET; sleep 600"], &[("NOTIFY_SOCKET", np)]);
    assert_eq!(out.code, 0, "{}", out.dump());
    let first = recv(&sock);
    let pid = first.strip_prefix("MAINPID=").map(str::trim).unwrap_or_else(|| panic!("{first:?}"));
    assert!(cmdline(pid).contains("container-monitor"));
    assert!(!first.contains("READY"), "ready before the container said so: {first:?}");
    assert_eq!(env.ok(&["logs", "n"]), "/run/notify/notify.sock\n");
    assert_eq!(env.ok(&["exec", "n", "sh", "-c", "test -S /run/notify/notify.sock && echo socket"]), "socket\n");
    let probe = netprobe_base64();
    let o = env.run_full(&["exec", "-i", "n", "sh", "-c", "base64 -d > /netprobe && chmod 755 /netprobe"], &[], Some(&probe));
    assert_eq!(o.code, 0, "{}", o.dump());
    env.ok(&["exec", "-e", "NOTIFY_SOCKET=/run/notify/notify.sock", "n", "/netprobe", "notify", "MAINPID=1\\nFDSTORE=1\\nREADY=1\\nSTATUS=serving"]);
    assert_eq!(recv(&sock), "READY=1\nSTATUS=serving\n");
    // The host directory behind the socket is not the container's to write.
    let o = env.rpod(&["exec", "n", "sh", "-c", "rm -f /run/notify/notify.sock"]);
    assert_ne!(o.code, 0, "the container removed its read-only notify socket: {}", o.dump());

    // ignore: nothing is sent, and the container sees no socket.
    let out = env.rpod_env(&["run", "--rm", "--sdnotify=ignore", &bb, "sh", "-c", "echo [$NOTIFY_SOCKET]"], &[("NOTIFY_SOCKET", np)]);
    assert_eq!(out.stdout, "[]\n", "{}", out.dump());
    sock.set_read_timeout(Some(Duration::from_millis(500))).unwrap();
    let mut buf = [0u8; 64];
    assert!(sock.recv(&mut buf).is_err(), "--sdnotify=ignore sent a message");
    let bad = env.fails(&["run", "--rm", "--sdnotify=healthy", &bb, "true"], 125);
    assert!(bad.assert_one_error_line().contains("healthcheck"));
}

#[test]
fn replace_and_cidfile_as_podman() {
    let env = TestEnv::new("replace-cidfile");
    let bb = img("busybox");
    env.pull(&bb);
    let cid = env.home.join("ctr.id");
    let cid_s = cid.to_str().unwrap();
    let id = env.ok(&["run", "-d", "--name", "r", "--cidfile", cid_s, &bb, "sleep", "600"]);
    assert_eq!(std::fs::read_to_string(&cid).unwrap(), id.trim());
    // The file is claimed first: a second container is not made.
    let out = env.fails(&["create", "--name", "other", "--cidfile", cid_s, &bb], 125);
    assert!(out.assert_one_error_line().contains("container id file exists"));
    assert_eq!(env.ok(&["ps", "-a", "--format", "{{.Names}}"]).trim(), "r");
    let out = env.fails(&["run", "-d", "--replace", &bb, "true"], 125);
    assert!(out.assert_one_error_line().contains("without --name"));
    // --replace removes the running container of that name.
    let id2 = env.ok(&["run", "-d", "--name", "r", "--replace", &bb, "sleep", "600"]);
    assert_ne!(id2.trim(), id.trim());
    assert_eq!(env.ok(&["ps", "-a", "--format", "{{.ID}} {{.Names}}"]).trim(), format!("{} r", &id2.trim()[..12]));
    let out = env.fails(&["run", "--rm", "--cgroups=sometimes", &bb, "true"], 125);
    out.assert_one_error_line();
    env.ok(&["run", "--rm", "--cgroups=disabled", &bb, "true"]);
    let out = env.fails(&["run", "--rm", "--cgroups=disabled", "--pids-limit", "10", &bb, "true"], 125);
    assert!(out.assert_one_error_line().contains("--cgroups=disabled"));
}

/// tests/data/netprobe.c, compiled static.
fn netprobe_base64() -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/netprobe.c");
    let out = std::env::temp_dir().join(format!("rpod-netprobe-sd-{}", std::process::id()));
    let st = std::process::Command::new("cc").args(["-static", "-s", "-O1", "-o"]).arg(&out).arg(&src).status();
    assert!(st.is_ok_and(|s| s.success()), "{MISSING_ENV}: cannot compile {} statically (packages gcc, libc6-dev)", src.display());
    let b = std::process::Command::new("base64").arg(&out).output().unwrap();
    let _ = std::fs::remove_file(&out);
    String::from_utf8(b.stdout).unwrap()
}

/// `generate systemd --new`: the unit's commands, run as systemd would,
/// start a fresh container (ready through the notify socket), stop and
/// remove it, free the ID file, and can start it again. Without `--new`
/// the unit starts the existing container and its PIDFile names the monitor.
#[test]
fn generate_systemd_units_run_as_systemd_would() {
    let env = TestEnv::new("generate-systemd");
    let bb = img("busybox");
    env.pull(&bb);
    env.ok(&["create", "--name", "g", "-e", "GREETING=100% $HOME", &bb, "sh", "-c", "echo $GREETING; sleep 600"]);
    let unit = env.ok(&["generate", "systemd", "--new", "--name", "--no-header", "g"]);
    assert!(unit.contains("Type=notify") && unit.contains("NotifyAccess=all"), "{unit}");
    // Literal data is escaped for systemd (specifiers and variables), the unit's own flags are not.
    assert!(unit.contains("\"GREETING=100%% $$HOME\""), "{unit}");
    env.ok(&["rm", "g"]);
    let (sock, path) = notify_listener(&env, "notify.sock");
    let expand = |key: &str| -> Vec<String> {
        let v = unit_cmd(&unit, key, "container-g.service", &env);
        v.into_iter().map(|w| w.replace("%%", "%").replace("$$", "$")).collect()
    };
    for round in 0..2 {
        let start = expand("ExecStart");
        let args: Vec<&str> = start[1..].iter().map(String::as_str).collect();
        let out = env.rpod_env(&args, &[("NOTIFY_SOCKET", path.to_str().unwrap())]);
        assert_eq!(out.code, 0, "round {round}: {}", out.dump());
        assert!(recv(&sock).contains("READY=1"));
        let cid = env.runtime.join("container-g.service.ctr-id");
        assert_eq!(std::fs::read_to_string(&cid).unwrap(), out.stdout.trim());
        assert_eq!(env.ok(&["logs", "g"]), "100% $HOME\n", "the recorded value reached the container unchanged");
        for key in ["ExecStop", "ExecStopPost"] {
            let stop = expand(key);
            let args: Vec<&str> = stop[1..].iter().map(String::as_str).collect();
            env.ok(&args);
        }
        assert!(!cid.exists(), "rm --cidfile leaves the ID file behind: the next start would fail");
        assert_eq!(env.ok(&["ps", "-a", "-q"]), "");
    }

    env.ok(&["create", "--name", "h", &bb, "sleep", "600"]);
    let unit = env.ok(&["generate", "systemd", "--name", "h"]);
    assert!(unit.contains("Type=forking"), "{unit}");
    let start = unit_cmd(&unit, "ExecStart", "container-h.service", &env);
    let args: Vec<&str> = start[1..].iter().map(String::as_str).collect();
    env.ok(&args);
    let body: String = unit.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n");
    let pidfile = UnitFile::parse(&body).unwrap().lookup("Service", "PIDFile").unwrap().to_string();
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    assert!(cmdline(pid.trim()).contains("container-monitor"), "PIDFile does not name the monitor");
    let bad = env.fails(&["generate", "systemd", "--restart-policy", "sometimes", "h"], 125);
    bad.assert_one_error_line();
    env.ok(&["rm", "-f", "h"]);
}

/// `auto-update` without systemd: the decisions (`--dry-run`), the labels
/// rpod sets under a unit (`$PODMAN_SYSTEMD_UNIT`), and the rollback when a
/// unit fails to restart, with a fake `systemctl` on PATH that records its
/// calls. The real units are restarted in the systemd tier (tests/quadlet.rs).
#[test]
fn auto_update_decides_updates_and_rolls_back_a_failed_restart() {
    let env = TestEnv::new("auto-update");
    let bb = img("busybox");
    env.pull(&bb);
    let repo = img(&format!("autoupdate-host-{}:latest", std::process::id()));
    env.ok(&["tag", &bb, &repo, "localhost/lo:latest"]);
    env.ok(&["push", "-q", &repo]);
    let au_env = [("PODMAN_SYSTEMD_UNIT", "au.service")];
    let o = env.rpod_env(&["run", "-d", "--name", "au", "--label", "io.containers.autoupdate=registry", &repo, "sleep", "600"], &au_env);
    assert_eq!(o.code, 0, "{}", o.dump());
    let o = env.rpod_env(
        &["run", "-d", "--name", "lo", "--label", "io.containers.autoupdate=local", "localhost/lo:latest", "sleep", "600"],
        &[("PODMAN_SYSTEMD_UNIT", "lo.service")],
    );
    assert_eq!(o.code, 0, "{}", o.dump());
    // Not under a unit: not updatable, and said so.
    env.ok(&["run", "-d", "--name", "nounit", "--label", "io.containers.autoupdate=local", "localhost/lo:latest", "sleep", "600"]);
    assert_eq!(env.ok(&["inspect", "--format", "{{index .Config.Labels \"PODMAN_SYSTEMD_UNIT\"}}", "au"]).trim(), "au.service");
    let old = env.ok(&["image", "inspect", "--format", "{{.Id}}", &bb]).trim().to_string();
    let fmt = ["--format", "{{.Unit}} {{.Policy}} {{.Updated}} {{.ContainerName}}"];
    let dry = |env: &TestEnv| {
        let mut args = vec!["auto-update", "--dry-run"];
        args.extend(fmt);
        let o = env.rpod(&args);
        assert_eq!(o.code, 125, "{}", o.dump());
        assert!(o.stderr.lines().any(|l| l.contains("nounit") && l.contains("PODMAN_SYSTEMD_UNIT")), "{}", o.dump());
        o.stdout
    };
    assert_eq!(dry(&env), "au.service registry false au\nlo.service local false lo\n");

    // A new image under both names: the registry's digest and the local tag move.
    env.ok(&["run", "--name", "mk", &bb, "sh", "-c", "echo v2 > /version"]);
    env.ok(&["commit", "-q", "mk", "localhost/lo:latest"]);
    env.ok(&["push", "-q", "localhost/lo:latest", &repo]);
    env.ok(&["untag", &repo, &repo]);
    env.ok(&["tag", &bb, &repo]);
    let new = env.ok(&["image", "inspect", "--format", "{{.Id}}", "localhost/lo:latest"]).trim().to_string();
    assert_ne!(new, old);
    assert_eq!(dry(&env), "au.service registry pending au\nlo.service local pending lo\n");
    env.ok(&["rm", "-f", "nounit"]);

    // The fake systemctl fails each unit's first restart, then succeeds.
    let bin = env.dir.join("fakebin");
    let log = env.dir.join("systemctl.log");
    env.write_file(&bin.join("systemctl"), &format!("#!/bin/sh\necho \"$*\" >> {log}\n[ \"$(grep -c -- \"$4\" {log})\" -ge 2 ]\n", log = log.display()));
    std::fs::set_permissions(bin.join("systemctl"), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&env.dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let path = format!("{}:{PATH}", bin.display());
    let mut args = vec!["auto-update"];
    args.extend(fmt);
    let o = env.rpod_env(&args, &[("PATH", &path)]);
    assert_eq!(o.code, 125, "{}", o.dump());
    assert_eq!(o.stdout, "au.service registry rolled back au\nlo.service local rolled back lo\n", "{}", o.dump());
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        "--user restart -- au.service\n--user restart -- au.service\n--user restart -- lo.service\n--user restart -- lo.service\n"
    );
    // The names are back on the old image.
    for name in [&repo, "localhost/lo:latest"] {
        assert_eq!(env.ok(&["image", "inspect", "--format", "{{.Id}}", name]).trim(), old, "{name} was not rolled back");
    }
    // Without rollback the new image keeps the name.
    env.ok(&["tag", &new, "localhost/lo:latest"]);
    std::fs::remove_file(&log).unwrap();
    let mut args = vec!["auto-update", "--rollback=false"];
    args.extend(fmt);
    let o = env.rpod_env(&args, &[("PATH", &path)]);
    assert_eq!(o.code, 125, "{}", o.dump());
    assert!(o.stdout.contains("lo.service local failed lo"), "{}", o.dump());
    assert_eq!(env.ok(&["image", "inspect", "--format", "{{.Id}}", "localhost/lo:latest"]).trim(), new);
    let bad = env.fails(&["auto-update", "--rollback=maybe"], 125);
    bad.assert_one_error_line();
}

//! containers.conf as Podman reads it: the keys that mean the same for
//! rpod change what a container gets, flags win over them, the user's file
//! over the system's, `CONTAINERS_CONF` replaces the list, and a broken
//! file fails every command with one line naming it (exit 125).

mod common;

use common::*;

fn conf_path(env: &TestEnv) -> std::path::PathBuf {
    env.config.join("containers/containers.conf")
}

#[test]
fn honoured_keys_reach_the_container_and_flags_win() {
    let env = TestEnv::new("conf-keys");
    let bb = img("busybox");
    env.pull(&bb);
    env.write_file(
        &conf_path(&env),
        r#"
[containers]
# Unknown keys and tables are ignored, as Podman does.
no_such_key = "x"
env = ["FROM_CONF=yes", "PATH=/conf/only", "OVERRIDDEN=conf"]
dns_servers = ["203.0.113.53"]
dns_searches = ["conf.example"]
dns_options = ["ndots:3"]
default_capabilities = ["CHOWN", "NET_RAW"]
default_sysctls = ["net.ipv4.ping_group_range=0 7"]
init = true

[engine]
runtime = "crun"
num_locks = 64
events_logger = "none"

[bogus_table]
x = 1
"#,
    );
    let script = "echo $FROM_CONF $OVERRIDDEN; echo $PATH; cat /etc/resolv.conf; grep CapEff /proc/self/status; cat /proc/sys/net/ipv4/ping_group_range; cat /proc/1/cmdline | tr '\\0' ' '; echo";
    let out = env.ok(&["run", "--rm", "-e", "OVERRIDDEN=flag", &bb, "sh", "-c", script]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "yes flag", "env from containers.conf, --env over it: {out}");
    assert_ne!(lines[1], "/conf/only", "the image's PATH wins over containers.conf's env: {out}");
    assert!(out.contains("nameserver 203.0.113.53") && out.contains("search conf.example") && out.contains("options ndots:3"), "dns_*: {out}");
    assert!(out.contains("CapEff:\t0000000000002001"), "default_capabilities CHOWN+NET_RAW replace Podman's set: {out}");
    assert!(out.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["0", "7"]), "default_sysctls: {out}");
    assert!(lines.last().unwrap().starts_with("/run/rpod-init -- sh"), "init = true: an init is PID 1: {out}");

    // Flags win over the configuration.
    let out = env.ok(&["run", "--rm", "--dns", "198.51.100.9", "--cap-drop", "all", &bb, "sh", "-c", "cat /etc/resolv.conf; grep CapEff /proc/self/status"]);
    assert!(out.contains("nameserver 198.51.100.9") && !out.contains("203.0.113.53"), "--dns over dns_servers: {out}");
    assert!(out.contains("CapEff:\t0000000000000000"), "--cap-drop all: {out}");

    // events_logger = "none": nothing was written to the event log.
    let ev = env.rpod_env(&["events", "--stream=false"], &[]);
    assert!(!ev.stdout.contains("start"), "events_logger = none still logged: {}", ev.dump());
}

#[test]
fn precedence_user_over_system_and_containers_conf_replaces() {
    let env = TestEnv::new("conf-order");
    let bb = img("busybox");
    env.pull(&bb);
    // The system file (/usr/share/containers/containers.conf, Podman's) gives
    // Podman's capability set; the user's file and its drop-in come after it.
    env.write_file(&conf_path(&env), "[containers]\nenv = [\"WHO=user\"]\ndefault_capabilities = [\"KILL\"]\n");
    env.write_file(&env.config.join("containers/containers.conf.d/50-dropin.conf"), "[containers]\nenv = [\"WHO=dropin\"]\n");
    let script = "echo $WHO; grep CapEff /proc/self/status";
    let out = env.ok(&["run", "--rm", &bb, "sh", "-c", script]);
    assert!(out.starts_with("dropin\n"), "the drop-in is read after containers.conf: {out}");
    assert!(out.contains("CapEff:\t0000000000000020"), "the user's default_capabilities over the system's: {out}");

    // CONTAINERS_CONF replaces the whole list (the user's files are not read).
    let only = env.dir.join("only.conf");
    env.write_file(&only, "[containers]\nenv = [\"WHO=only\"]\n");
    let o = env.rpod_env(&["run", "--rm", &bb, "sh", "-c", script], &[("CONTAINERS_CONF", only.to_str().unwrap())]);
    assert!(o.stdout.starts_with("only\n") && o.stdout.contains("CapEff:\t00000000800405fb"), "CONTAINERS_CONF alone: {}", o.dump());

    // CONTAINERS_CONF_OVERRIDE comes last of all.
    let over = env.dir.join("override.conf");
    env.write_file(&over, "[containers]\nenv = [\"WHO=override\"]\n");
    let o = env.rpod_env(&["run", "--rm", &bb, "sh", "-c", script], &[("CONTAINERS_CONF_OVERRIDE", over.to_str().unwrap())]);
    assert!(o.stdout.starts_with("override\n") && o.stdout.contains("CapEff:\t0000000000000020"), "override over the user's: {}", o.dump());

    // --module NAME: a file in containers.conf.modules, after the others.
    env.write_file(&env.config.join("containers/containers.conf.modules/mine.conf"), "[containers]\nenv = [\"WHO=module\"]\n");
    let out = env.ok(&["--module", "mine.conf", "run", "--rm", &bb, "sh", "-c", script]);
    assert!(out.starts_with("module\n"), "{out}");
    let o = env.rpod(&["--module", "../../../etc/passwd", "ps"]);
    assert_eq!(o.code, 125, "path traversal in a --module name is refused: {}", o.dump());
}

#[test]
fn malformed_or_hostile_file_is_one_line_and_125() {
    let env = TestEnv::new("conf-bad");
    let f = conf_path(&env);
    env.write_file(&f, "[containers]\nenv = [\n");
    for args in [&["ps"][..], &["info"], &["run", "--rm", &img("busybox"), "true"]] {
        let o = env.rpod(args);
        assert_eq!(o.code, 125, "{args:?}: {}", o.dump());
        let line = o.assert_one_error_line();
        assert!(line.contains(f.to_str().unwrap()) && line.contains(": line "), "{line}");
    }
    env.write_file(&f, "[containers]\npids_limit = \"many\"\n");
    let o = env.rpod(&["ps"]);
    assert_eq!(o.code, 125, "{}", o.dump());
    assert!(o.assert_one_error_line().contains(f.to_str().unwrap()), "{}", o.dump());

    // Class: denial of service by a blocking or endless read (FIFO, device):
    // a configuration file must be a regular file, read with a cap.
    std::fs::remove_file(&f).unwrap();
    let st = std::process::Command::new("mkfifo").arg(&f).status().unwrap();
    assert!(st.success());
    if is_root() {
        std::os::unix::fs::chown(&f, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    let o = env.rpod(&["ps"]);
    assert_eq!(o.code, 125, "a FIFO as containers.conf: {}", o.dump());
    assert!(o.assert_one_error_line().contains("not a regular file"), "{}", o.dump());
    std::fs::remove_file(&f).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &f).unwrap();
    let o = env.rpod(&["ps"]);
    assert_eq!(o.code, 125, "containers.conf -> /dev/zero: {}", o.dump());
}

/// The keys that were read but not applied before (issue 17): log_driver,
/// log_size_max, tz, umask, default_ulimits, shm_size, annotations — each
/// reaches the container, and the flag wins over it.
#[test]
fn log_tz_umask_ulimits_shm_and_annotations_from_containers_conf() {
    let env = TestEnv::new("conf-more");
    let bb = img("busybox");
    env.pull(&bb);
    env.write_file(
        &conf_path(&env),
        r#"
[containers]
log_driver = "none"
tz = "Etc/GMT+5"
umask = "0027"
default_ulimits = ["nofile=1111:2222", "nproc=333:444"]
shm_size = "2m"
annotations = ["conf.example/who=conf", "conf.example/other=x"]
"#,
    );
    let script = "umask; ulimit -n; ulimit -u; df -k /dev/shm | tail -1; date +%Z";
    let out = env.ok(&["run", "--name", "c1", &bb, "sh", "-c", script]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "0027", "umask: {out}");
    assert_eq!(lines[1], "1111", "default_ulimits nofile: {out}");
    assert_eq!(lines[2], "333", "default_ulimits nproc: {out}");
    assert!(lines[3].split_whitespace().nth(1) == Some("2048"), "shm_size 2m: {out}");
    assert_eq!(lines[4], "-05", "tz: {out}");
    // log_driver = none: nothing to read back.
    assert_eq!(env.ok(&["inspect", "--format", "{{.HostConfig.LogConfig.Type}}", "c1"]).trim(), "none");
    let ann = env.ok(&["inspect", "--format", "{{json .Config.Annotations}}", "c1"]);
    assert!(ann.contains("\"conf.example/who\":\"conf\""), "annotations: {ann}");

    // The flags win.
    let out = env.ok(&[
        "run",
        "--name",
        "c2",
        "--umask",
        "077",
        "--ulimit",
        "nofile=555:666",
        "--shm-size",
        "4m",
        "--tz",
        "Etc/GMT-3",
        "--log-driver",
        "k8s-file",
        "--annotation",
        "conf.example/who=flag",
        &bb,
        "sh",
        "-c",
        script,
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "0077", "--umask: {out}");
    assert_eq!(lines[1], "555", "--ulimit over default_ulimits: {out}");
    assert_eq!(lines[2], "333", "default_ulimits types not given stay: {out}");
    assert!(lines[3].split_whitespace().nth(1) == Some("4096"), "--shm-size: {out}");
    assert_eq!(lines[4], "+03", "--tz: {out}");
    assert_eq!(env.ok(&["logs", "c2"]), out, "--log-driver k8s-file over log_driver = none");
    let ann = env.ok(&["inspect", "--format", "{{json .Config.Annotations}}", "c2"]);
    assert!(ann.contains("\"conf.example/who\":\"flag\"") && ann.contains("\"conf.example/other\":\"x\""), "annotations: {ann}");

    // Bad values: one line, 125, nothing created.
    for bad in ["umask = \"0999\"", "annotations = [\"io.rpod.mapped=x\"]", "shm_size = \"lots\"", "log_driver = \"syslog\""] {
        env.write_file(&conf_path(&env), &format!("[containers]\n{bad}\n"));
        env.fails(&["create", &bb, "true"], 125).assert_one_error_line();
    }
    env.write_file(&conf_path(&env), "");
    env.fails(&["create", "--umask", "8", &bb, "true"], 125).assert_one_error_line();
    assert_eq!(env.ok(&["ps", "-a", "-q"]).lines().count(), 2);
    env.ok(&["rm", "-f", "c1", "c2"]);
}

/// storage.conf: `driver` and `mount_program` apply; `graphroot`,
/// `rootless_storage_path` and `runroot` are never used (rpod's store format
/// is not containers/storage's: docs/decisions.md).
#[test]
fn storage_conf_driver_and_mount_program() {
    let env = TestEnv::new("conf-storage");
    let bb = img("busybox");
    env.pull(&bb);
    let user_conf = env.config.join("containers/storage.conf");
    env.write_file(
        &user_conf,
        "[storage]\ndriver = \"vfs\"\ngraphroot = \"/nonexistent/graphroot\"\nrunroot = \"/nonexistent/runroot\"\nrootless_storage_path = \"/nonexistent/rsp\"\n[storage.options]\npull_options = {enable_partial_images = \"false\"}\n",
    );
    let f = "{{.Store.GraphDriverName}} {{.Store.GraphRoot}}";
    assert_eq!(env.ok(&["info", "--format", f]), format!("vfs {}\n", env.store().display()), "driver read, graphroot ignored");
    env.ok(&["create", "--name", "v", &bb, "true"]);
    assert_eq!(env.ok(&["inspect", "--format", "{{.Driver}}", "v"]), "vfs\n");
    assert_eq!(env.ok(&["--storage-driver", "overlay", "info", "--format", "{{.Store.GraphDriverName}}"]), "overlay\n", "the flag wins");

    // An unknown driver is ignored: rpod's default (overlay).
    env.write_file(&user_conf, "[storage]\ndriver = \"btrfs\"\n");
    assert_eq!(env.ok(&["info", "--format", "{{.Store.GraphDriverName}}"]), "overlay\n");

    // CONTAINERS_STORAGE_CONF replaces the files.
    let only = env.dir.join("only-storage.conf");
    env.write_file(&only, "[storage]\ndriver = \"vfs\"\n");
    let o = env.rpod_env(&["info", "--format", "{{.Store.GraphDriverName}}"], &[("CONTAINERS_STORAGE_CONF", only.to_str().unwrap())]);
    assert_eq!(o.stdout, "vfs\n", "{}", o.dump());

    // mount_program: overlay roots are mounted by that program.
    let marker = env.dir.join("mount-program-ran");
    let wrapper = env.dir.join("fuse-wrapper");
    env.write_file(&wrapper, &format!("#!/bin/sh\necho \"$@\" > {}\nexec /usr/bin/fuse-overlayfs \"$@\"\n", marker.display()));
    std::fs::set_permissions(&wrapper, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    env.write_file(&user_conf, &format!("[storage]\ndriver = \"overlay\"\n[storage.options.overlay]\nmount_program = \"{}\"\n", wrapper.display()));
    let out = env.ok(&["run", "--name", "m", &bb, "cat", "/etc/hostname"]);
    assert!(!out.trim().is_empty());
    assert_eq!(env.ok(&["inspect", "--format", "{{.Driver}}", "m"]), "fuse-overlayfs\n");
    let args = std::fs::read_to_string(&marker).unwrap_or_else(|e| panic!("the mount_program did not run ({e})"));
    assert!(args.contains("lowerdir="), "{args}");
    let opts = env.ok(&["info", "--format", "{{json .Store.GraphOptions}}"]);
    assert!(opts.contains(&format!("\"Executable\":\"{}\"", wrapper.display())), "{opts}");
    env.ok(&["rm", "-f", "v", "m"]);
}

/// Hostile storage.conf (class: a configuration path that is a FIFO or a
/// device, which a plain read would block on or read forever): refused
/// without waiting, rpod runs on its defaults.
#[test]
fn storage_conf_that_is_a_fifo_or_device_is_refused_not_waited_on() {
    let env = TestEnv::new("conf-storage-fifo");
    let dir = env.config.join("containers");
    let user_conf = dir.join("storage.conf");
    for kind in ["fifo", "device"] {
        let _ = std::fs::remove_file(&user_conf);
        match kind {
            "fifo" => nix::unistd::mkfifo(&user_conf, nix::sys::stat::Mode::from_bits_truncate(0o644)).unwrap(),
            _ => std::os::unix::fs::symlink("/dev/zero", &user_conf).unwrap(),
        }
        let mut p = env.spawn(&["info", "--format", "{{.Store.GraphDriverName}}"]);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while p.try_code().is_none() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let out = p.kill_and_wait();
        assert!(out.success(), "{kind}: rpod waited on or failed with storage.conf: {}", out.dump());
        assert_eq!(out.stdout, "overlay\n", "{kind}: {}", out.dump());
    }
}

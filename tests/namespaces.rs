//! `--pid`, `--ipc`, `--uts` (issue 17): private, host, container:NAME and
//! ns:PATH, as Podman; hostile namespace paths refused by class.

mod common;

use common::*;

fn busybox_env(name: &str) -> (TestEnv, String) {
    let env = TestEnv::new(name);
    env.pull(&img("busybox"));
    (env, img("busybox"))
}

/// `readlink /proc/self/ns/KIND` run inside container `name`.
fn ns_of(env: &TestEnv, name: &str, kind: &str) -> String {
    env.ok(&["exec", name, "readlink", &format!("/proc/self/ns/{kind}")]).trim().to_string()
}

#[test]
fn container_modes_share_processes_hostname_and_ipc() {
    let (env, bb) = busybox_env("ns-container");
    env.ok(&["run", "-d", "--name", "a", "--hostname", "web", &bb, "sleep", "1000"]);
    // pid: the joined container sees a's sleep, and is not PID 1 itself.
    let ps = env.ok(&["run", "--rm", "--pid", "container:a", &bb, "sh", "-c", "ps -o pid,args; echo self=$$"]);
    assert!(ps.lines().any(|l| l.trim() == "1 sleep 1000"), "a's PID 1 is not visible:\n{ps}");
    assert!(!ps.contains("self=1\n"), "{ps}");
    // uts: a's host name, in the kernel and in /etc/hostname.
    let h = env.ok(&["run", "--rm", "--uts", "container:a", &bb, "sh", "-c", "hostname; cat /etc/hostname"]);
    assert_eq!(h, "web\nweb\n");
    // ipc: the same IPC namespace (SysV and POSIX queues live there): a
    // queue made in a's /dev/mqueue shows in the joined container's.
    env.ok(&["exec", "a", "touch", "/dev/mqueue/q1"]);
    let b = env.ok(&["run", "-d", "--name", "b", "--ipc", "container:a", "--pid", "container:a", "--uts", "container:a", &bb, "sleep", "1000"]);
    assert!(!b.trim().is_empty());
    for kind in ["ipc", "pid", "uts"] {
        assert_eq!(ns_of(&env, "a", kind), ns_of(&env, "b", kind), "{kind} namespace not shared");
    }
    assert_eq!(env.ok(&["exec", "b", "ls", "/dev/mqueue"]), "q1\n");
    // A private container has its own.
    env.ok(&["run", "-d", "--name", "c", &bb, "sleep", "1000"]);
    for kind in ["ipc", "pid", "uts"] {
        assert_ne!(ns_of(&env, "a", kind), ns_of(&env, "c", kind), "{kind} namespace shared by default");
    }
    // b requires a: a cannot be removed under it (Podman's dependency).
    let out = env.fails(&["rm", "-f", "a"], 125);
    assert!(out.assert_one_error_line().contains("dependent containers"), "{}", out.dump());
    // --hostname makes no sense in a joined UTS namespace (as Podman).
    let out = env.fails(&["run", "--rm", "--uts", "container:a", "--hostname", "x", &bb, "true"], 125);
    out.assert_one_error_line();
    // Bad modes: one line, 125.
    for (flag, v) in [("--pid", "bogus"), ("--ipc", "container:"), ("--uts", "ns:relative"), ("--pid", "container:nosuch")] {
        env.fails(&["run", "--rm", flag, v, &bb, "true"], 125).assert_one_error_line();
    }
    // A sysctl of a namespace the container does not own is refused.
    env.fails(&["run", "--rm", "--ipc", "container:a", "--sysctl", "kernel.shmmax=4096", &bb, "true"], 125).assert_one_error_line();
    env.ok(&["rm", "-f", "b", "c"]);
    env.ok(&["rm", "-f", "a"]);
}

#[test]
fn host_modes() {
    let (env, bb) = busybox_env("ns-host");
    let out = env.ok(&["run", "--rm", "--pid", "host", &bb, "sh", "-c", "echo $$; ls /proc | grep -c '^[0-9]'"]);
    let mut l = out.lines();
    assert_ne!(l.next(), Some("1"), "--pid host still gave a pid namespace: {out}");
    let procs: usize = l.next().unwrap().trim().parse().unwrap();
    assert!(procs > 5, "--pid host shows {procs} processes");
    // The host's /proc is still masked where Podman masks it.
    if std::fs::read_to_string("/proc/keys").is_ok_and(|k| !k.is_empty()) {
        let keys = env.ok(&["run", "--rm", "--pid", "host", &bb, "sh", "-c", "wc -c < /proc/keys"]);
        assert_eq!(keys.trim(), "0", "/proc/keys is not masked over the host's /proc");
    }
    // /proc/sys stays read-only.
    assert!(!env.rpod(&["run", "--rm", "--pid", "host", &bb, "sh", "-c", "echo 1 > /proc/sys/kernel/ns_last_pid"]).success());
    let host = nix_hostname();
    assert_eq!(env.ok(&["run", "--rm", "--uts", "host", &bb, "hostname"]).trim(), host);
    let mine = std::fs::read_link("/proc/self/ns/ipc").unwrap().display().to_string();
    assert_eq!(env.ok(&["run", "--rm", "--ipc", "host", &bb, "readlink", "/proc/self/ns/ipc"]).trim(), mine);
    // --ipc none: no /dev/shm.
    assert!(!env.rpod(&["run", "--rm", "--ipc", "none", &bb, "test", "-d", "/dev/shm"]).success());
    env.fails(&["run", "--rm", "--uts", "host", "--hostname", "x", &bb, "true"], 125).assert_one_error_line();
}

fn nix_hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap().trim().to_string()
}

#[test]
fn ns_path_joins_a_namespace_file() {
    let (env, bb) = busybox_env("ns-path");
    env.ok(&["run", "-d", "--name", "a", "--hostname", "pathhost", &bb, "sleep", "1000"]);
    let pid = env.ok(&["inspect", "--format", "{{.State.Pid}}", "a"]).trim().to_string();
    let uts = format!("ns:/proc/{pid}/ns/uts");
    assert_eq!(env.ok(&["run", "--rm", "--uts", &uts, &bb, "hostname"]), "pathhost\n");
    // The host's own namespaces belong to a user namespace a rootless
    // container cannot enter: refused at start with a clear line, not a hang.
    let out = env.fails(&["run", "--rm", "--uts", "ns:/proc/self/ns/uts", &bb, "true"], 125);
    assert!(out.assert_one_error_line().contains("user namespace"), "{}", out.dump());
    env.ok(&["rm", "-f", "a"]);
}

/// Namespace-path confusion (the class behind runc's CVE-2019-16884-style
/// path tricks and any open() of an attacker-chosen path): a regular file, a
/// FIFO (opening it for reading would block forever), a symlink to a file, a
/// directory, a device, a namespace of the wrong kind — each refused at once
/// with its class named, exit 125.
#[test]
fn hostile_namespace_paths_are_refused_by_class() {
    let (env, bb) = busybox_env("ns-hostile");
    let d = env.dir.join("nsfiles");
    std::fs::create_dir(&d).unwrap();
    let file = d.join("file");
    std::fs::write(&file, "x").unwrap();
    let fifo = d.join("fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::os::unix::fs::symlink(&file, d.join("link")).unwrap();
    let cases = [
        (file.display().to_string(), "a regular file"),
        (fifo.display().to_string(), "a FIFO"),
        (d.join("link").display().to_string(), "a symlink to a regular file"),
        (d.display().to_string(), "a directory"),
        ("/dev/zero".to_string(), "a device"),
        ("/proc/self/ns/net".to_string(), "network namespace"),
    ];
    for (path, class) in cases {
        for flag in ["--pid", "--ipc", "--uts"] {
            let out = env.fails(&["create", flag, &format!("ns:{path}"), &bb, "true"], 125);
            let line = out.assert_one_error_line();
            assert!(line.contains(class), "{flag} ns:{path}: {line}");
        }
    }
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "", "a refused create left a container");
}

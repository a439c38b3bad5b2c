//! Container life cycle, run as the unprivileged test user against images
//! pulled from the local registry.

mod common;

use common::*;
use serde_json::Value;

fn busybox_env(name: &str) -> (TestEnv, String) {
    let env = TestEnv::new(name);
    env.pull(&img("busybox"));
    (env, img("busybox"))
}

#[test]
fn run_prints_output_and_passes_exit_codes_through() {
    let (env, bb) = busybox_env("run-exit");
    let out = env.rpod(&["run", "--rm", &bb, "echo", "hello"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, "hello\n"), "{}", out.dump());
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "", "--rm left the container behind");
    let out = env.rpod(&["run", "--rm", &bb, "sh", "-c", "echo to-stderr >&2; exit 3"]);
    assert_eq!(out.code, 3, "{}", out.dump());
    assert!(out.stderr.contains("to-stderr"), "{}", out.dump());
    let out = env.rpod(&["run", "--rm", &bb, "no-such-command"]);
    assert_eq!(out.code, 127, "{}", out.dump());
    assert!(out.stderr.contains("not found"), "{}", out.dump());
    let out = env.rpod(&["run", "--rm", &bb, "/etc/passwd"]);
    assert_eq!(out.code, 126, "{}", out.dump());
    let out = env.rpod(&["run", "--rm", "--bogus-flag", &bb]);
    assert_eq!(out.code, 125, "{}", out.dump());
    let out = env.rpod(&["run", "--rm", &img("nothere-image")]);
    assert_eq!(out.code, 125, "{}", out.dump());
}

/// The monitor ignores SIGHUP/SIGINT/SIGPIPE and blocks what it reads from
/// a signalfd; none of that may reach container processes (an `-it` shell's
/// `sleep` could not be interrupted, SIGCHLD never arrived). Podman's show
/// no signal ignored or blocked; neither may rpod's, in `run` (with or
/// without a terminal, under `--init`) and `exec`.
#[test]
fn container_processes_start_with_default_signals() {
    let (env, bb) = busybox_env("run-signals");
    let fields = |status: &str| -> Vec<String> {
        ["SigBlk:", "SigIgn:"].iter().map(|f| status.lines().find_map(|l| l.strip_prefix(f)).map(|v| v.trim().to_string()).unwrap_or_default()).collect()
    };
    let clear = vec!["0000000000000000".to_string(); 2];
    for args in [&["run", "--rm"][..], &["run", "--rm", "-t"], &["run", "--rm", "--init"]] {
        let mut a = args.to_vec();
        a.extend([bb.as_str(), "cat", "/proc/self/status"]);
        let out = env.rpod(&a);
        assert_eq!(out.code, 0, "{}", out.dump());
        let got = fields(&out.stdout.replace('\r', ""));
        if args.contains(&"--init") {
            // catatonit itself blocks SIGTSTP/SIGTTIN/SIGTTOU for its child,
            // under Podman too (SigBlk 0000000000380000); nothing is ignored.
            assert_eq!(got[1], clear[1], "{args:?}: {}", out.dump());
        } else {
            assert_eq!(got, clear, "{args:?}: {}", out.dump());
        }
    }
    env.ok(&["run", "-d", "--name", "sigs", &bb, "sleep", "1000"]);
    assert_eq!(fields(&env.ok(&["exec", "sigs", "cat", "/proc/self/status"])), clear, "exec");
    assert_eq!(fields(&env.ok(&["exec", "sigs", "cat", "/proc/1/status"])), clear, "the container's first process");
    env.ok(&["rm", "-f", "-t", "0", "sigs"]);
}

#[test]
fn process_flags_reach_the_container() {
    let (env, bb) = busybox_env("run-flags");
    let out =
        env.ok(&["run", "--rm", "-u", "app", "-w", "/tmp", "-e", "FOO=bar", "--hostname", "box", &bb, "sh", "-c", "id -u; id -G; pwd; echo $FOO; hostname"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "1000", "{out}");
    assert!(lines[1].split(' ').any(|g| g == "1000"), "primary group among the groups: {out}");
    assert_eq!(&lines[2..], ["/tmp", "bar", "box"], "{out}");
    let out = env.run_full(&["run", "--rm", "-i", &bb, "cat"], &[], Some("from stdin\n"));
    assert_eq!(out.stdout, "from stdin\n", "{}", out.dump());
    let out = env.ok(&["run", "--rm", "--entrypoint", "echo", &bb, "a", "b"]);
    assert_eq!(out, "a b\n");
    let out = env.rpod(&["run", "--rm", "--read-only", &bb, "touch", "/x"]);
    assert_ne!(out.code, 0, "--read-only root must refuse writes: {}", out.dump());
    let out = env.ok(&["run", "--rm", "--init", &bb, "sh", "-c", "cat /proc/1/cmdline | tr '\\0' ' '; echo; echo $$"]);
    assert_ne!(out.lines().nth(1), Some("1"), "with --init the command is not PID 1: {out}");
    assert_eq!(env.rpod(&["run", "--rm", "--init", &bb, "no-such-command"]).code, 127);
}

#[test]
fn default_security_settings() {
    let (env, bb) = busybox_env("run-security");
    let status = env.ok(&["run", "--rm", &bb, "cat", "/proc/self/status"]);
    let field = |name: &str| status.lines().find_map(|l| l.strip_prefix(name)).map(|v| v.trim().to_string()).unwrap_or_default();
    // CHOWN DAC_OVERRIDE FOWNER FSETID KILL NET_BIND_SERVICE SETFCAP SETGID SETPCAP SETUID SYS_CHROOT
    assert_eq!(field("CapEff:"), "00000000800405fb", "{status}");
    assert_eq!(field("CapBnd:"), "00000000800405fb", "{status}");
    assert_eq!(field("CapInh:"), "0000000000000000", "{status}");
    assert_eq!(field("Seccomp:"), "2", "{status}");
    // ls's own directory descriptor is 3; nothing else may be open.
    let fds = env.ok(&["run", "--rm", &bb, "ls", "/proc/self/fd"]);
    assert_eq!(fds.split_whitespace().collect::<Vec<_>>(), ["0", "1", "2", "3"], "only stdio reaches the container");
    let kcore = env.ok(&["run", "--rm", &bb, "sh", "-c", "wc -c < /proc/interrupts; ls /sys/firmware | wc -l"]);
    assert_eq!(kcore.split_whitespace().collect::<Vec<_>>(), ["0", "0"], "masked paths are empty: {kcore}");
    let out = env.rpod(&["run", "--rm", &bb, "sh", "-c", "echo 1 > /proc/sys/kernel/domainname"]);
    assert_ne!(out.code, 0, "/proc/sys must be read-only: {}", out.dump());
    let caps = env.ok(&["run", "--rm", "--cap-drop", "all", &bb, "grep", "CapEff", "/proc/self/status"]);
    assert!(caps.contains("0000000000000000"), "{caps}");
    let caps = env.ok(&["run", "--rm", "--cap-add", "net_admin", &bb, "grep", "CapEff", "/proc/self/status"]);
    assert!(caps.contains("00000000800415fb"), "{caps}");
    let privileged = env.ok(&["run", "--rm", "--privileged", &bb, "sh", "-c", "grep -E '^(CapEff|Seccomp):' /proc/self/status; wc -c < /proc/interrupts"]);
    let p: Vec<&str> = privileged.split_whitespace().collect();
    assert!(p[1].trim_start_matches('0').len() * 4 >= 40, "all capabilities: {privileged}");
    assert_eq!(p[3], "0", "no seccomp with --privileged: {privileged}");
    assert_ne!(p[4], "0", "nothing masked with --privileged: {privileged}");
    let sec = env.ok(&["run", "--rm", "--security-opt", "seccomp=unconfined", &bb, "grep", "Seccomp:", "/proc/self/status"]);
    assert!(sec.contains('0'), "{sec}");
    let nnp = env.ok(&["run", "--rm", "--security-opt", "no-new-privileges", &bb, "grep", "NoNewPrivs", "/proc/self/status"]);
    assert!(nnp.contains('1'), "{nnp}");
    // A denied syscall fails with EPERM (keyctl from the default deny list is
    // not reachable from busybox; unshare of a user namespace is, and needs
    // capabilities the container does not have beyond its own namespace).
    let out = env.rpod(&["run", "--rm", "--security-opt", "seccomp=/nonexistent.json", &bb, "true"]);
    assert_eq!(out.code, 125, "{}", out.dump());
    out.assert_one_error_line();
}

#[test]
fn detached_lifecycle_ps_logs_stop_rm() {
    let (env, bb) = busybox_env("lifecycle");
    let id = env.ok(&["run", "-d", "--name", "web", "--label", "tier=front", &bb, "sh", "-c", "echo out; echo err >&2; exec sleep 100"]).trim().to_string();
    assert!(is_hex64(&id), "run -d prints the ID: {id:?}");
    let ps = env.ok(&["ps"]);
    assert!(ps.starts_with("CONTAINER ID"), "{ps}");
    let row = ps.lines().nth(1).unwrap_or_default().to_string();
    assert!(row.contains(&id[..12]) && row.contains("Up ") && row.ends_with("web"), "{ps}");
    assert_eq!(env.ok(&["ps", "-q", "--filter", "label=tier=front"]).trim(), &id[..12]);
    assert_eq!(env.ok(&["ps", "-q", "--filter", "name=nomatch"]), "");
    let same = env.rpod(&["run", "-d", "--name", "web", &bb, "true"]);
    assert_eq!(same.code, 125, "a taken name is refused: {}", same.dump());
    // Logs in both streams (the output may take a moment to reach the log).
    let mut logs = env.rpod(&["logs", "web"]);
    for _ in 0..50 {
        if logs.stdout.contains("out") && logs.stderr.contains("err") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        logs = env.rpod(&["logs", "web"]);
    }
    assert_eq!((logs.stdout.as_str(), logs.stderr.as_str()), ("out\n", "err\n"), "{}", logs.dump());
    let v: Value = serde_json::from_str(&env.ok(&["container", "inspect", "web"])).unwrap();
    assert_eq!(v[0]["State"]["Status"], "running");
    assert_eq!(v[0]["Name"], "web");
    assert!(v[0]["OCIConfig"]["process"]["args"].is_array());
    let rm = env.rpod(&["rm", "web"]);
    assert_eq!(rm.code, 2, "rm of a running container needs -f: {}", rm.dump());
    assert_eq!(env.ok(&["stop", "-t", "1", "web"]), "web\n");
    let ps = env.ok(&["ps", "-a"]);
    assert!(ps.contains("Exited (137)"), "sleep ignores SIGTERM as PID 1, so stop kills it: {ps}");
    assert_eq!(env.ok(&["wait", "web"]), "137\n");
    env.ok(&["start", "web"]);
    assert!(env.ok(&["ps"]).contains("web"));
    env.ok(&["kill", "web"]);
    assert_eq!(env.ok(&["wait", "web"]), "137\n");
    assert_eq!(env.ok(&["rm", "web"]), "web\n", "rm prints the name it was given");
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "");
    assert_eq!(env.rpod(&["container", "exists", "web"]).code, 1);
}

#[test]
fn monitor_killed_takes_the_container_with_it_and_runroot_wipe_is_survived() {
    let (env, bb) = busybox_env("monitor-kill");
    let id = env.ok(&["run", "-d", &bb, "sleep", "100"]).trim().to_string();
    let v: Value = serde_json::from_str(&env.ok(&["container", "inspect", &id])).unwrap();
    let monitor = v[0]["State"]["ConmonPid"].as_i64().expect("monitor pid");
    let pid = v[0]["State"]["Pid"].as_i64().expect("pid");
    assert!(monitor > 0 && pid > 0, "{v:#}");
    // SAFETY: signalling a process of the test user that this test started.
    unsafe { libc::kill(monitor as i32, libc::SIGKILL) };
    // The container's first process dies with its monitor (and its pid
    // namespace with it): `ps` never says Exited about a running process.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() && !std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default().contains(") Z") {
        assert!(std::time::Instant::now() < deadline, "the container outlived its monitor");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let ps = env.ok(&["ps", "-a"]);
    assert!(ps.contains("Exited"), "a dead monitor means an exited container: {ps}");
    // A wiped runtime directory (a reboot) does not break anything.
    remove_all(&env.runtime.join("rpod"));
    assert!(env.ok(&["ps", "-a"]).contains("Exited"));
    let out = env.ok(&["start", &id]);
    assert_eq!(out.trim(), id);
    assert!(env.ok(&["ps"]).contains(&id[..12]));
    env.ok(&["rm", "-f", &id]);
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "");
}

#[test]
fn cli_sigkill_does_not_stop_a_detached_container() {
    let (env, bb) = busybox_env("cli-kill");
    let mut child = env.spawn(&["run", "--name", "fg", &bb, "sh", "-c", "sleep 1; echo done"]);
    std::thread::sleep(std::time::Duration::from_millis(400));
    child.kill_group();
    let _ = child.try_code();
    // The monitor lives in its own session: the container finishes and its exit is recorded.
    assert_eq!(env.ok(&["wait", "fg"]), "0\n");
    let logs = env.ok(&["logs", "fg"]);
    assert_eq!(logs, "done\n");
}

#[test]
fn concurrent_runs_leave_nothing_behind() {
    let (env, bb) = busybox_env("concurrent");
    // 50 `run --rm` at once, mixed with `ps` and `rm -f` of other containers.
    let victims: Vec<String> = (0..5).map(|_| env.ok(&["run", "-d", &bb, "sleep", "100"]).trim().to_string()).collect();
    let mut procs: Vec<Spawned> = Vec::new();
    for i in 0..50 {
        procs.push(env.spawn(&["run", "--rm", &bb, "true"]));
        if i % 10 == 0 {
            procs.push(env.spawn(&["ps", "-a"]));
            procs.push(env.spawn(&["rm", "-f", &victims[i / 10]]));
        }
    }
    for r in procs {
        let out = r.wait();
        assert_eq!(out.code, 0, "{}", out.dump());
    }
    // --rm removal happens in the monitor right after exit.
    for _ in 0..50 {
        if env.ok(&["ps", "-a", "-q"]).is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "");
    assert_eq!(list_dir(&env.store().join("containers")).into_iter().filter(|n| !n.starts_with('.')).count(), 0);
    // No leaked mounts or processes: nothing of this store is mounted, no monitor is left.
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    assert!(!mounts.contains(env.store().to_str().unwrap()), "leaked mount");
    // A monitor deletes its container's files after reporting the exit (and
    // after its network helper is gone): give the last ones a moment.
    let store = env.store().display().to_string();
    let leftover = || {
        std::fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .filter(|e| std::fs::read(e.path().join("cmdline")).map(|c| String::from_utf8_lossy(&c).contains(&store)).unwrap_or(false))
            .count()
    };
    for _ in 0..100 {
        if leftover() == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(leftover(), 0, "leaked rpod processes for this store");
}

#[test]
fn hostile_proc_symlink_is_refused_and_seccomp_profiles_apply() {
    let env = TestEnv::new("hostile-proc");
    let image = img("hostile:procsymlink");
    env.pull(&image);
    let out = env.rpod(&["run", "--rm", &image, "true"]);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.stderr.contains("/proc") && out.stderr.contains("symlink"), "{}", out.dump());
    // A seccomp profile in Docker's JSON format: deny mkdir with EPERM.
    let bb = img("busybox");
    env.pull(&bb);
    let profile = env.dir.join("deny-mkdir.json");
    env.write_file(&profile, r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir","mkdirat"],"action":"SCMP_ACT_ERRNO","errnoRet":1}]}"#);
    let opt = format!("seccomp={}", profile.display());
    let out = env.rpod(&["run", "--rm", "--security-opt", &opt, &bb, "mkdir", "/tmp/x"]);
    assert_eq!(out.code, 1, "{}", out.dump());
    assert!(out.stderr.contains("Operation not permitted"), "{}", out.dump());
    assert_eq!(env.ok(&["run", "--rm", "--security-opt", &opt, &bb, "touch", "/tmp/x"]), "");
}

#[test]
fn pause_and_unpause_freeze_the_cgroup() {
    let (env, bb) = busybox_env("pause");
    let id = env.ok(&["run", "-d", &bb, "sleep", "100"]).trim().to_string();
    let paused = env.rpod(&["pause", &id]);
    if delegated_cgroup_procs(env.user.uid).is_none() && is_root() {
        panic!("contrib/setup-test-env.sh did not create the delegated cgroup subtree");
    }
    assert_eq!(paused.code, 0, "{}", paused.dump());
    assert!(env.ok(&["ps"]).contains("Paused"));
    let v: Value = serde_json::from_str(&env.ok(&["container", "inspect", &id])).unwrap();
    assert_eq!(v[0]["State"]["Status"], "paused");
    let again = env.rpod(&["pause", &id]);
    assert_eq!(again.code, 125, "{}", again.dump());
    env.ok(&["unpause", &id]);
    assert!(env.ok(&["ps"]).contains("Up "));
    let out = env.ok(&["exec", &id, "echo", "alive"]);
    assert_eq!(out, "alive\n");
    env.ok(&["rm", "-f", &id]);
}

#[test]
fn exec_joins_the_container() {
    let (env, bb) = busybox_env("exec");
    let id = env.ok(&["run", "-d", "--name", "ex", "-e", "FROM_RUN=1", &bb, "sleep", "100"]).trim().to_string();
    let out = env.rpod(&["exec", "ex", "sh", "-c", "echo $FROM_RUN $EXTRA; hostname; exit 7"]);
    assert_eq!(out.code, 7, "{}", out.dump());
    assert_eq!(out.stdout, format!("1\n{}\n", &id[..12]));
    assert_eq!(env.ok(&["exec", "-e", "EXTRA=2", "-w", "/tmp", "-u", "app", "ex", "sh", "-c", "echo $EXTRA $(pwd) $(id -u)"]), "2 /tmp 1000\n");
    // Same pid namespace: the container's first process is PID 1.
    assert_eq!(env.ok(&["exec", "ex", "cat", "/proc/1/cmdline"]), "sleep\u{0}100\u{0}");
    assert_eq!(env.rpod(&["exec", "ex", "nope"]).code, 127);
    assert_eq!(env.rpod(&["exec", "ex", "/etc"]).code, 126);
    // As Podman's, exec's flags end at the container: after it, `--help`
    // and `-it` are the command (not found: 127), not rpod's flags.
    for cmd in ["--help", "-it"] {
        let out = env.rpod(&["exec", "ex", cmd, "x"]);
        assert_eq!(out.code, 127, "{}", out.dump());
        assert!(out.stderr.contains(&format!("`{cmd}`")), "{}", out.dump());
    }
    let out = env.fails(&["exec", "ex"], 125);
    assert!(out.assert_one_error_line().contains("must provide a non-empty command"), "{}", out.dump());
    assert!(env.ok(&["exec", "--help"]).contains("Usage: rpod exec [OPTIONS] <CONTAINER> [COMMAND]..."));
    let out = env.run_full(&["exec", "-i", "ex", "cat"], &[], Some("piped\n"));
    assert_eq!(out.stdout, "piped\n", "{}", out.dump());
    // The relay waits on the process (its pidfd), not on its pipes: a
    // process that closes its streams and lives on still gets its exit code
    // (the pipes close before the process can be reaped; rpod used to sleep
    // 100 ms in that gap, the `exec` latency outliers in contrib/bench).
    let out = env.rpod(&["exec", "ex", "sh", "-c", "exec >&- 2>&-; sleep 0.3; exit 3"]);
    assert_eq!(out.code, 3, "{}", out.dump());
    // A background process holding the pipes: the foreground's exit code,
    // its output, and no hang.
    let out = env.rpod(&["exec", "ex", "sh", "-c", "sleep 30 & echo fg; exit 2"]);
    assert_eq!((out.code, out.stdout.as_str()), (2, "fg\n"), "{}", out.dump());
    // With a terminal, what the process printed just before it exited is
    // copied out before its exit code is returned.
    let out = env.rpod(&["exec", "-t", "ex", "sh", "-c", "printf last; exit 4"]);
    assert_eq!(out.code, 4, "{}", out.dump());
    assert!(out.stdout.contains("last"), "{}", out.dump());
    let top = env.ok(&["top", "ex"]);
    assert!(top.starts_with("USER") && top.contains("sleep 100"), "{top}");
    env.ok(&["rename", "ex", "ex2"]);
    assert!(env.ok(&["ps", "--format", "{{.Names}}"]).contains("ex2"));
    env.ok(&["stop", "-t", "0", "ex2"]);
    assert_eq!(env.rpod(&["exec", "ex2", "true"]).code, 125);
    assert_eq!(env.ok(&["container", "prune", "-f"]).trim(), id);
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "");
}

#[test]
fn terminal_and_restart_policy() {
    let (env, bb) = busybox_env("tty");
    let out = env.ok(&["run", "--rm", "-t", &bb, "tty"]);
    assert!(out.starts_with("/dev/pts/"), "{out:?}");
    let id = env.ok(&["run", "-d", "--restart", "on-failure:2", &bb, "sh", "-c", "echo try; exit 1"]).trim().to_string();
    // Three runs in all (the first plus two restarts), then it stays exited.
    let mut logs = String::new();
    for _ in 0..100 {
        logs = env.ok(&["logs", &id]);
        let st: Value = serde_json::from_str(&env.ok(&["container", "inspect", &id])).unwrap();
        if logs.matches("try").count() == 3 && st[0]["State"]["Status"] == "exited" {
            assert_eq!(st[0]["RestartCount"], 2);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(logs.matches("try").count(), 3, "{logs}");
    let tail = env.ok(&["logs", "--tail", "1", "-t", &id]);
    assert_eq!(tail.lines().count(), 1, "{tail}");
    assert!(tail.trim_end().ends_with(" try"), "{tail}");
}

#[test]
fn rm_containers_have_a_volatile_writable_layer_that_mounts_again_on_restart() {
    let (env, bb) = busybox_env("rm-volatile");
    // `--rm` (as Podman): the overlay skips syncing the store's file system,
    // above all when the container's last process takes the mount away.
    let root = |rm: bool| {
        let mut args = vec!["run", "--network=none"];
        if rm {
            args.push("--rm");
        }
        args.extend([bb.as_str(), "grep", " / overlay ", "/proc/mounts"]);
        env.ok(&args)
    };
    assert!(root(true).contains(",fsync=volatile,"), "{}", root(true));
    assert!(!root(false).contains(",fsync=volatile,"), "{}", root(false));
    // A volatile mount leaves a marker in the work directory that makes the
    // kernel refuse the next mount of it: restarts must clear it.
    env.ok(&[
        "run",
        "-d",
        "--rm",
        "--restart",
        "on-failure:2",
        "--network=none",
        "-v",
        "runs:/out",
        &bb,
        "sh",
        "-c",
        "grep ' / ' /proc/mounts | cut -d' ' -f3 >> /out/count; exit 1",
    ]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    // Gone once its last run ends: only the plain container above is left.
    while env.ok(&["ps", "-a", "-q"]).lines().count() != 1 {
        assert!(std::time::Instant::now() < deadline, "the --rm container was not removed after its restarts");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(env.ok(&["run", "--rm", "-v", "runs:/out", &bb, "cat", "/out/count"]), "overlay\noverlay\noverlay\n", "each run on native overlay");
}

#[test]
fn unshare_runs_in_the_user_namespace() {
    let env = TestEnv::new("unshare");
    let out = env.ok(&["unshare", "cat", "/proc/self/uid_map"]);
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(lines[0], ["0", &env.user.uid.to_string(), "1"]);
    assert_eq!(lines[1][0], "1");
    assert_eq!(env.rpod(&["unshare", "false"]).code, 1);
}

/// The layers image seen from inside a container: whiteouts and the opaque
/// directory applied, metadata kept — for every storage driver.
#[test]
fn storage_drivers_show_the_same_merged_tree() {
    let env = TestEnv::new("drivers");
    let image = img("layers");
    env.pull(&image);
    let script = "cd /data && ls -A | tr '\\n' ' '; echo; ls -A dir | tr '\\n' ' '; echo; cat dir/b keep; \
                  stat -c '%a %u:%g' suid sgid owned; readlink link; test -p fifo && echo fifo; cat replaced/inner; \
                  echo changed > keep; cat keep";
    let mut outputs = Vec::new();
    for driver in ["overlay", "fuse-overlayfs", "vfs"] {
        let out = env.rpod(&["--storage-driver", driver, "run", "--rm", &image, "sh", "-c", script]);
        assert_eq!(out.code, 0, "driver {driver}: {}", out.dump());
        let lines: Vec<&str> = out.stdout.lines().collect();
        let top: Vec<&str> = lines[0].split_whitespace().collect();
        assert!(!top.contains(&"gone") && !top.contains(&"rmdir"), "{driver}: whiteouts applied: {}", out.stdout);
        assert!(top.contains(&"keep") && top.contains(&"new") && top.contains(&"hard"), "{driver}: {}", out.stdout);
        assert_eq!(lines[1].split_whitespace().collect::<Vec<_>>(), ["b", "c"], "{driver}: opaque dir: {}", out.stdout);
        assert_eq!(
            &lines[2..],
            ["b again", "keep", "4755 0:0", "2755 0:1000", "640 1000:1000", "keep", "fifo", "inner", "changed"],
            "{driver}: {}",
            out.stdout
        );
        outputs.push(out.stdout);
    }
    // The image itself is unchanged by the writes above.
    let layers = env.layer_paths(&image);
    let keep = layers.iter().rev().find(|l| l.join("data/keep").exists()).expect("a layer with data/keep");
    assert_eq!(std::fs::read_to_string(keep.join("data/keep")).unwrap(), "keep\n");
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "");
}

#[test]
fn logs_follow_and_time_filters_start_attached() {
    let (env, bb) = busybox_env("logs");
    env.ok(&["run", "-d", "--name", "lg", &bb, "sh", "-c", "echo one; sleep 1; echo two"]);
    // -f follows until the container exits.
    let out = env.ok(&["logs", "-f", "lg"]);
    assert_eq!(out, "one\ntwo\n");
    assert_eq!(env.ok(&["logs", "--since", "1h", "lg"]), "one\ntwo\n");
    assert_eq!(env.ok(&["logs", "--until", "1h", "lg"]), "", "nothing is older than an hour");
    assert_eq!(env.ok(&["logs", "--tail", "1", "lg"]), "two\n");
    assert_eq!(env.rpod(&["logs", "--since", "yesterday-ish", "lg"]).code, 125);
    // start -a runs it again attached, with its exit code.
    env.ok(&["create", "--name", "att", &bb, "sh", "-c", "echo attached; exit 5"]);
    let out = env.rpod(&["start", "-a", "att"]);
    assert_eq!((out.code, out.stdout.as_str()), (5, "attached\n"), "{}", out.dump());
    let v: Value = serde_json::from_str(&env.ok(&["inspect", "att"])).unwrap();
    assert_eq!(v[0]["State"]["ExitCode"], 5);
    env.ok(&["rm", "-a"]);
}

#[test]
fn attach_streams_output_and_exit_code() {
    let (env, bb) = busybox_env("attach");
    env.ok(&["run", "-d", "--name", "at", &bb, "sh", "-c", "sleep 1; echo late; exit 4"]);
    let out = env.rpod(&["attach", "at"]);
    assert_eq!((out.code, out.stdout.as_str()), (4, "late\n"), "{}", out.dump());
    assert_eq!(env.rpod(&["attach", "at"]).code, 125, "attaching to an exited container fails");
}

#[test]
fn attached_run_proxies_signals() {
    let (env, bb) = busybox_env("sigproxy");
    let child = env.spawn(&["run", "--name", "sp", &bb, "sh", "-c", "trap 'echo got-term; exit 9' TERM; echo ready; while true; do sleep 0.1; done"]);
    // Wait until the trap is installed (the container printed "ready").
    for _ in 0..100 {
        if env.rpod(&["logs", "sp"]).stdout.contains("ready") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // SIGTERM to the CLI (and runuser): rpod passes it on to the container.
    // SAFETY: signalling the process group this test created.
    unsafe { libc::kill(-child.pgid, libc::SIGTERM) };
    let out = child.wait();
    assert_eq!(env.ok(&["wait", "sp"]), "9\n", "{}", out.dump());
    assert!(env.ok(&["logs", "sp"]).contains("got-term"));
}

#[test]
fn bad_run_input_is_one_line_and_stores_nothing() {
    let (env, bb) = busybox_env("bad-run");
    for args in [
        vec!["run", "--restart", "sometimes", &bb, "true"],
        vec!["run", "--env-file", "/nonexistent/env", &bb, "true"],
        vec!["run", "-u", "nosuchuser", &bb, "true"],
        vec!["run", "--cap-add", "CAP_BOGUS", &bb, "true"],
        vec!["run", "--security-opt", "apparmor=foo", &bb, "true"],
        vec!["run", "--name", "bad/name", &bb, "true"],
        vec!["run", "--network", "bogus-mode", &bb, "true"],
        vec!["--storage-driver", "zfs", "run", &bb, "true"],
    ] {
        let out = env.rpod(&args);
        assert_eq!(out.code, 125, "{}", out.dump());
        if args[0] == "run" {
            out.assert_one_error_line();
        }
    }
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "", "nothing was created");
    assert_eq!(env.rpod(&["stop", "nothere"]).code, 125);
    assert_eq!(env.rpod(&["rm", "nothere"]).code, 1);
    assert_eq!(env.rpod(&["exec", "nothere", "true"]).code, 125);
}

/// Files named in options are read by the engine, bounded and only when
/// regular: `/dev/zero` (endless), a FIFO (blocks forever) and a huge file
/// are one clear error each, never a hang or an unbounded read (DoS class).
#[test]
fn option_files_that_never_end_or_block_are_refused() {
    let (env, bb) = busybox_env("option-files");
    let fifo = env.dir.join("fifo");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o644)).unwrap();
    let big = env.dir.join("big.env");
    std::fs::File::create(&big).unwrap().set_len(5 << 20).unwrap();
    if is_root() {
        for p in [&fifo, &big] {
            std::os::unix::fs::lchown(p, Some(env.user.uid), Some(env.user.gid)).unwrap();
        }
    }
    let (fifo, big) = (fifo.to_str().unwrap(), big.to_str().unwrap());
    for args in [
        vec!["run", "--env-file", "/dev/zero", &bb, "true"],
        vec!["run", "--env-file", fifo, &bb, "true"],
        vec!["run", "--env-file", big, &bb, "true"],
        vec!["run", "--security-opt", "seccomp=/dev/zero", &bb, "true"],
        vec!["create", "--security-opt", &format!("seccomp={fifo}"), &bb, "true"],
    ] {
        let out = env.rpod(&args);
        assert_eq!(out.code, 125, "{}", out.dump());
        let line = out.assert_one_error_line();
        assert!(line.contains("not a regular file") || line.contains("larger than"), "{line}");
    }
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "", "nothing was created");
    // A real env file still works, for run and exec.
    env.write_file(&env.dir.join("ok.env"), "# c\nFROM_FILE=yes\n");
    let ok = env.dir.join("ok.env");
    let ok = ok.to_str().unwrap();
    assert_eq!(env.ok(&["run", "--rm", "--env-file", ok, &bb, "sh", "-c", "echo $FROM_FILE"]), "yes\n");
    env.ok(&["run", "-d", "--name", "envs", &bb, "sleep", "100"]);
    assert_eq!(env.ok(&["exec", "--env-file", ok, "envs", "sh", "-c", "echo $FROM_FILE"]), "yes\n");
    assert_eq!(env.rpod(&["exec", "--env-file", "/dev/zero", "envs", "true"]).code, 125);
    env.ok(&["rm", "-f", "envs"]);
}

#[test]
fn run_without_subordinate_ids_explains_the_fix() {
    if !is_root() {
        panic!("this test runs rpod as user rpodnosub and so must run as root (contrib/test.sh does)");
    }
    let env = TestEnv::new_as("nosub-run", User::nosub_user());
    let out = env.rpod(&["run", "--rm", &img("busybox"), "true"]);
    assert_eq!(out.code, 125, "{}", out.dump());
    let line = out.assert_one_error_line();
    assert!(line.contains("/etc/subuid") && line.contains("usermod"), "{line}");
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "");
}

#[test]
fn restart_and_ps_selection() {
    let (env, bb) = busybox_env("restart");
    let a = env.ok(&["run", "-d", "--name", "first", &bb, "sleep", "100"]).trim().to_string();
    let b = env.ok(&["create", "--name", "second", &bb, "true"]).trim().to_string();
    assert_eq!(env.ok(&["ps", "-a", "-q", "-l"]).trim(), &b[..12], "-l is the latest created");
    assert_eq!(env.ok(&["ps", "-a", "-q", "-n", "2"]).lines().count(), 2);
    assert_eq!(env.ok(&["ps", "-q", "--no-trunc"]).trim(), a, "only running ones without -a");
    let started: Value = serde_json::from_str(&env.ok(&["inspect", "first"])).unwrap();
    let pid_before = started[0]["State"]["Pid"].as_i64().unwrap();
    assert_eq!(env.ok(&["restart", "-t", "0", "first"]).trim(), a);
    let again: Value = serde_json::from_str(&env.ok(&["inspect", "first"])).unwrap();
    assert_eq!(again[0]["State"]["Status"], "running");
    assert_ne!(again[0]["State"]["Pid"].as_i64().unwrap(), pid_before, "a new process");
    let ps_json: Value = serde_json::from_str(&env.ok(&["ps", "-a", "--format", "json"])).unwrap();
    assert_eq!(ps_json.as_array().map(|a| a.len()), Some(2));
    env.ok(&["rm", "-f", "-a"]);
}

#[test]
fn stop_reaches_processes_of_other_container_users() {
    let (env, bb) = busybox_env("stop-app");
    // Runs as container uid 1000, i.e. a subordinate id on the host: the
    // signal must be sent from inside the container's user namespace.
    let id = env.ok(&["run", "-d", "-u", "app", &bb, "sleep", "100"]).trim().to_string();
    env.ok(&["kill", "-s", "KILL", &id]);
    assert_eq!(env.ok(&["wait", &id]), "137\n");
    // With --init, PID 1 forwards SIGTERM to the command (a bare PID 1 ignores it).
    let init = env.ok(&["run", "-d", "--init", "-u", "app", &bb, "sleep", "100"]).trim().to_string();
    env.ok(&["kill", "-s", "TERM", &init]);
    assert_eq!(env.ok(&["wait", &init]), "143\n");
    env.ok(&["rm", &init]);
    env.ok(&["start", &id]);
    env.ok(&["stop", "-t", "0", &id]);
    assert_eq!(env.ok(&["wait", &id]), "137\n");
    env.ok(&["rm", &id]);
}

#[test]
fn attach_to_a_terminal_and_detach_with_ctrl_p_ctrl_q() {
    use std::io::Write as _;
    let (env, bb) = busybox_env("detach-keys");
    env.ok(&["run", "-dit", "--name", "term", &bb, "sh"]);
    // script(1) gives `rpod attach` a terminal of its own.
    let mut child = std::process::Command::new("script")
        .args(["-qec", &env.shell_line(&["attach", "term"]), "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux");
    let mut stdin = child.stdin.take().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    stdin.write_all(b"echo marker-$((40+2))\n").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    stdin.write_all(b"\x10\x11").unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "detaching exits 0: {text}");
    assert!(text.contains("marker-42"), "the shell ran our command: {text:?}");
    assert!(env.ok(&["ps"]).contains("term"), "the container keeps running after detach");
    env.ok(&["rm", "-f", "term"]);
}

#[test]
fn network_container_joins_the_other_namespace_by_path() {
    // The spec's namespace paths, filled per start by the monitor: the basis
    // of --network=container:, pods and --pid=host-style options.
    let (env, bb) = busybox_env("net-container");
    env.ok(&["run", "-d", "--name", "a", &bb, "sleep", "1000"]);
    let theirs = env.ok(&["exec", "a", "readlink", "/proc/self/ns/net"]);
    let ours = env.ok(&["run", "--rm", "--network", "container:a", &bb, "sh", "-c", "readlink /proc/self/ns/net; readlink /proc/self/ns/mnt"]);
    let mut lines = ours.lines();
    assert_eq!(lines.next(), Some(theirs.trim()), "same network namespace: {ours}");
    let their_mnt = env.ok(&["exec", "a", "readlink", "/proc/self/ns/mnt"]);
    assert_ne!(lines.next(), Some(their_mnt.trim()), "but a mount namespace of its own");
    let out = env.rpod(&["run", "--rm", "--network", "container:nothere", &bb, "true"]);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.assert_one_error_line().contains("no such container"), "{}", out.dump());
    // Created while a runs, started when it does not: one clear line.
    env.ok(&["create", "--name", "b", "--network", "container:a", &bb, "true"]);
    let id_a = env.ok(&["inspect", "--format", "{{.Id}}", "a"]);
    assert_eq!(env.ok(&["inspect", "--format", "{{.HostConfig.NetworkMode}}", "b"]).trim(), format!("container:{}", id_a.trim()));
    env.ok(&["stop", "-t", "0", "a"]);
    let out = env.rpod(&["start", "b"]);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.stderr.contains("is not running"), "{}", out.dump());
    env.ok(&["rm", "-f", "a", "b"]);
}

#[test]
fn review_bugs_exec_detach_and_kill_of_a_stopped_container() {
    let (env, bb) = busybox_env("review-bugs");
    env.ok(&["run", "-d", "--name", "c", &bb, "sleep", "1000"]);
    // `exec -d` printed a random ID tied to nothing; Podman prints nothing.
    let out = env.ok(&["exec", "-d", "c", "sh", "-c", "echo ran > /tmp/ran"]);
    assert_eq!(out, "", "exec -d prints nothing");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while env.rpod(&["exec", "c", "test", "-e", "/tmp/ran"]).code != 0 {
        assert!(std::time::Instant::now() < deadline, "the detached exec never ran");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    env.ok(&["rm", "-f", "c"]);
    // `kill` of a container that is not running is refused before anything
    // is recorded: the restart policy still applies once it is started.
    env.ok(&["create", "--name", "r", "--restart", "on-failure:2", &bb, "sh", "-c", "sleep 0.2; exit 3"]);
    let out = env.rpod(&["kill", "r"]);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.assert_one_error_line().contains("can only kill running containers"), "{}", out.dump());
    env.ok(&["start", "r"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let count = env.ok(&["inspect", "--format", "{{.RestartCount}}", "r"]);
        if count.trim() == "2" {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the restart policy did not bring it back twice (RestartCount {count})");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(env.ok(&["wait", "r"]), "3\n");
    env.ok(&["rm", "-f", "r"]);
}

//! The hostile-image suite: every known route from a container to the
//! invoking user's files, tried for real as the unprivileged test user with
//! images built by contrib/images (never by rpod). Rootless, container root
//! *is* the user: each test asserts that a host file the user owns is
//! neither read nor written, and names the CVE or class it guards against.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// A host file only the test user can read, and the place a successful
/// escape would write to.
struct Bait {
    secret: PathBuf,
    text: String,
    pwned: PathBuf,
}

impl Bait {
    fn new(env: &TestEnv) -> Bait {
        let text = format!("HOST-SECRET-{}-{}", std::process::id(), env.dir.file_name().unwrap().to_string_lossy());
        let secret = env.home.join("secret.txt");
        env.write_file(&secret, &format!("{text}\n"));
        Bait { secret, text, pwned: env.home.join("pwned") }
    }

    /// A shell script that, run with a working directory on the host, climbs
    /// to the host's / and reads the secret, then writes next to it.
    fn script(&self) -> String {
        let up = "../".repeat(24);
        format!(
            "cat {up}{s} 2>/dev/null; cat {up}{s}; echo pwned > {up}{p}; ls {up}{h}",
            s = self.secret.display().to_string().trim_start_matches('/'),
            p = self.pwned.display().to_string().trim_start_matches('/'),
            h = self.secret.parent().unwrap().display().to_string().trim_start_matches('/'),
        )
    }

    /// Nothing leaked into `out` and nothing was written on the host.
    #[track_caller]
    fn assert_safe(&self, out: &Output, what: &str) {
        assert!(!out.stdout.contains(&self.text) && !out.stderr.contains(&self.text), "{what}: the host secret leaked: {}", out.dump());
        assert!(!lexists(&self.pwned), "{what}: a file was written on the host ({})", self.pwned.display());
        assert!(!out.stdout.contains("secret.txt"), "{what}: the host home directory was listed: {}", out.dump());
    }
}

fn busybox_env(name: &str) -> (TestEnv, String, Bait) {
    let env = TestEnv::new(name);
    env.pull(&img("busybox"));
    let bait = Bait::new(&env);
    (env, img("busybox"), bait)
}

#[test]
fn cve_2024_21626_image_workdir_proc_self_fd() {
    // runc CVE-2024-21626: a WorkingDir of /proc/self/fd/N lands on a host
    // directory descriptor leaked into the container process.
    let (env, _, bait) = busybox_env("esc-workdir-image");
    let image = img("hostile:workdir-fd");
    env.pull(&image);
    let script = bait.script();
    let out = env.rpod(&["run", "--rm", &image, "sh", "-c", &script]);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.assert_one_error_line().contains("working directory"), "{}", out.dump());
    bait.assert_safe(&out, "run");
    // create + start, then restart: the same refusal every time.
    let id = env.ok(&["create", "--name", "wd", &image, "sh", "-c", &script]);
    assert!(is_hex64(id.trim()), "{id}");
    let out = env.rpod(&["start", "-a", "wd"]);
    assert_ne!(out.code, 0, "{}", out.dump());
    bait.assert_safe(&out, "start");
    let out = env.rpod(&["restart", "wd"]);
    assert_ne!(out.code, 0, "{}", out.dump());
    bait.assert_safe(&out, "restart");
    let logs = env.rpod(&["logs", "wd"]);
    bait.assert_safe(&logs, "logs");
    env.ok(&["rm", "-f", "wd"]);
}

#[test]
fn cve_2024_21626_workdir_flag_on_run_create_start_restart_and_exec() {
    // CVE-2024-21626 through --workdir / exec -w, for every descriptor
    // number a leak could plausibly have.
    let (env, bb, bait) = busybox_env("esc-workdir-flag");
    let script = bait.script();
    let target = env.ok(&["run", "-d", "--name", "target", &bb, "sleep", "1000"]);
    assert!(is_hex64(target.trim()));
    for n in 3..=20 {
        let wd = format!("/proc/self/fd/{n}");
        let out = env.rpod(&["run", "--rm", "-w", &wd, &bb, "sh", "-c", &script]);
        assert_eq!(out.code, 125, "run -w {wd}: {}", out.dump());
        assert!(out.stderr.contains("working directory"), "run -w {wd}: {}", out.dump());
        bait.assert_safe(&out, &format!("run -w {wd}"));

        let name = format!("wd{n}");
        env.ok(&["create", "--name", &name, "-w", &wd, &bb, "sh", "-c", &script]);
        let out = env.rpod(&["start", "-a", &name]);
        assert_ne!(out.code, 0, "start -w {wd}: {}", out.dump());
        bait.assert_safe(&out, &format!("create+start -w {wd}"));
        let out = env.rpod(&["restart", &name]);
        assert_ne!(out.code, 0, "restart -w {wd}: {}", out.dump());
        bait.assert_safe(&out, &format!("restart -w {wd}"));
        env.ok(&["rm", "-f", &name]);

        let out = env.rpod(&["exec", "-w", &wd, "target", "sh", "-c", &script]);
        assert_eq!(out.code, 125, "exec -w {wd}: {}", out.dump());
        bait.assert_safe(&out, &format!("exec -w {wd}"));
    }
    // A working directory that climbs with `..` stays inside the root.
    let out = env.ok(&["run", "--rm", "-w", "/../../../../tmp/../new/dir", &bb, "pwd"]);
    assert_eq!(out, "/new/dir\n");
    let out = env.ok(&["exec", "-w", "/../../..", "target", "pwd"]);
    assert_eq!(out, "/\n");
    env.ok(&["rm", "-f", "target"]);
}

#[test]
fn only_stdio_reaches_the_container_process() {
    // CVE-2024-21626 class: no host descriptor other than 0-2 survives into
    // the first process or an exec'd one.
    let (env, bb, bait) = busybox_env("esc-fds");
    let list = "for f in /proc/self/fd/*; do echo \"$f $(readlink $f)\"; done";
    let check = |out: &str, what: &str| {
        for line in out.lines() {
            let (fd, target) = line.split_once(' ').unwrap_or((line, ""));
            let n: u32 = fd.rsplit('/').next().unwrap().parse().unwrap_or(99);
            // The shell's glob opens the directory it lists: that one is the container's own.
            assert!(n <= 2 || target.is_empty() || target.starts_with("/proc/"), "{what}: descriptor {n} -> {target:?} reached the container:\n{out}");
            assert!(!target.contains(&env.dir.display().to_string()), "{what}: {line}");
        }
    };
    let out = env.ok(&["run", "--rm", &bb, "sh", "-c", list]);
    check(&out, "run");
    env.ok(&["run", "-d", "--name", "c", &bb, "sleep", "1000"]);
    let out = env.ok(&["exec", "c", "sh", "-c", list]);
    check(&out, "exec");
    bait.assert_safe(&Output { code: 0, stdout: out, stderr: String::new(), args: vec![] }, "exec");
    env.ok(&["rm", "-f", "c"]);
}

#[test]
fn cve_2019_5736_init_is_catatonit_bound_read_only() {
    // runc CVE-2019-5736: container root overwrites the runtime's binary
    // through /proc/PID/exe of a runtime process in the container. With
    // --init, PID 1 must be a read-only init holding nothing of rpod's.
    let (env, bb, bait) = busybox_env("esc-init");
    let marker = env.home.join("HOST-MARKER-esc-init");
    env.write_file(&marker, "x\n");
    let script = "readlink /proc/1/exe; \
        for f in /proc/1/fd/*; do echo \"fd $f $(readlink $f)\"; ls -a $f/.. 2>&1; done; \
        ls -a /proc/1/cwd/ /proc/1/root/ 2>&1; \
        if echo x >> /proc/1/exe; then echo EXE-WRITABLE; fi; \
        if echo x >> /run/rpod-init; then echo INIT-WRITABLE; fi";
    let out = env.rpod(&["run", "--rm", "--init", &bb, "sh", "-c", script]);
    assert_eq!(out.code, 0, "{}", out.dump());
    assert_eq!(out.stdout.lines().next(), Some("/run/rpod-init"), "PID 1 is the bound init: {}", out.dump());
    assert!(!out.stdout.contains("EXE-WRITABLE") && !out.stdout.contains("INIT-WRITABLE"), "{}", out.dump());
    assert!(!out.stdout.contains("HOST-MARKER") && !out.stdout.contains("secret.txt"), "walking /proc/1 reached the host: {}", out.dump());
    for line in out.stdout.lines().filter(|l| l.starts_with("fd ")) {
        let target = line.split(' ').nth(2).unwrap_or("");
        assert!(
            target.starts_with("pipe:") || target.starts_with("anon_inode:") || target.ends_with("/null") || target.starts_with("/dev/pts/"),
            "PID 1 holds {target:?}: {}",
            out.dump()
        );
    }
    bait.assert_safe(&out, "--init");
    // The command's exec errors keep their exit codes under the init.
    assert_eq!(env.rpod(&["run", "--rm", "--init", &bb, "no-such-command"]).code, 127);
    assert_eq!(env.rpod(&["run", "--rm", "--init", &bb, "/etc/passwd"]).code, 126);
}

#[test]
fn cve_2019_5736_no_rpod_process_is_reachable_from_inside() {
    // runc CVE-2019-5736 / CVE-2016-9962: a watcher in the container keeps
    // reading /proc/*/exe and /proc/*/cwd while rpod execs into it 20 times;
    // rpod's own setup processes are non-dumpable, so it never sees rpod's
    // binary or a host directory.
    let (env, bb, bait) = busybox_env("esc-dumpable");
    let watcher = "while :; do for p in /proc/[0-9]*; do readlink $p/exe; readlink $p/cwd; readlink $p/root; done; done >/tmp/seen 2>/dev/null";
    env.ok(&["run", "-d", "--name", "w", &bb, "sh", "-c", watcher]);
    for _ in 0..20 {
        env.ok(&["exec", "w", "true"]);
    }
    let seen = env.ok(&["exec", "w", "sh", "-c", "sort -u /tmp/seen"]);
    assert!(seen.lines().count() > 1, "the watcher saw nothing at all: {seen}");
    let bin = std::fs::canonicalize(BIN).unwrap().display().to_string();
    for line in seen.lines() {
        assert!(!line.contains(&bin) && !line.contains("rpod") || line.contains("rpod-init"), "container root reached an rpod process: {line}\n{seen}");
        assert!(!line.contains(&env.dir.display().to_string()), "container root saw a host path: {line}");
    }
    bait.assert_safe(&Output { code: 0, stdout: seen, stderr: String::new(), args: vec![] }, "watcher");
    env.ok(&["rm", "-f", "w"]);
}

#[test]
fn exec_never_hands_the_callers_descriptors_to_the_container() {
    // A host file given as `rpod exec CTR cmd < FILE` must not be reachable
    // through /proc/PID/fd/0 (a reopened magic link writes the host file).
    let (env, bb, bait) = busybox_env("esc-exec-stdin");
    let watcher = "while :; do cat /proc/[0-9]*/fd/0 2>/dev/null; done >/tmp/seen";
    env.ok(&["run", "-d", "--name", "c", &bb, "sh", "-c", watcher]);
    let run = |args: &[&str]| {
        let mut cmd = env.command(args, &[]);
        cmd.stdin(Stdio::from(std::fs::File::open(&bait.secret).unwrap()));
        let out = cmd.output().unwrap();
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into(),
            stderr: String::from_utf8_lossy(&out.stderr).into(),
            args: vec![],
        }
    };
    // The session id is read with the shell's own `read`: a pipeline's
    // reader would have the watcher above (which reads every process's fd 0)
    // steal its input now and then.
    let out =
        run(&["exec", "c", "sh", "-c", "readlink /proc/self/fd/0; cat /proc/self/fd/0; sleep 1; read -r _ _ _ _ _ sid _ < /proc/$$/stat; echo $sid; echo $$"]);
    assert_eq!(out.code, 0, "{}", out.dump());
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.first(), Some(&"/dev/null"), "stdin without -i is /dev/null: {}", out.dump());
    assert_eq!(lines.get(1), lines.get(2), "the exec'd process leads a session of its own: {}", out.dump());
    bait.assert_safe(&out, "exec < FILE");
    let seen = env.ok(&["exec", "c", "cat", "/tmp/seen"]);
    assert!(!seen.contains(&bait.text), "a process in the container read the caller's stdin file: {seen}");
    env.ok(&["rm", "-f", "c"]);
    // With -i the data is relayed through a pipe: the content arrives, the
    // file itself stays out of reach (writing to /proc/self/fd/0 writes the pipe).
    env.ok(&["run", "-d", "--name", "quiet", &bb, "sleep", "1000"]);
    let out = run(&["exec", "-i", "quiet", "sh", "-c", "readlink /proc/self/fd/0; cat; echo overwritten >> /proc/self/fd/0"]);
    assert!(out.stdout.starts_with("pipe:"), "{}", out.dump());
    assert!(out.stdout.contains(&bait.text), "-i relays the data: {}", out.dump());
    assert_eq!(std::fs::read_to_string(&bait.secret).unwrap(), format!("{}\n", bait.text), "the host file changed");
    env.ok(&["rm", "-f", "quiet"]);
}

#[test]
fn exec_joins_the_container_cgroup() {
    // An exec'd process outside the container's cgroup escapes pause and limits.
    let (env, bb, _) = busybox_env("esc-exec-cgroup");
    if delegated_cgroup_procs(env.user.uid).is_none() {
        panic!("no delegated cgroup v2 subtree for the test user: contrib/setup-test-env.sh makes one");
    }
    env.ok(&["run", "-d", "--name", "c", &bb, "sleep", "1000"]);
    let out = env.ok(&["exec", "c", "sh", "-c", "grep ^0:: /proc/self/cgroup; grep ^0:: /proc/1/cgroup"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0], lines[1], "exec runs in the container's cgroup: {out}");
    assert_eq!(lines[0], "0::/", "{out}");
    // Seen from the host: a detached exec'd process sits in PID 1's cgroup.
    let pid1 = env.ok(&["inspect", "--format", "{{.State.Pid}}", "c"]).trim().to_string();
    env.ok(&["exec", "-d", "c", "sleep", "777"]);
    let cg = |pid: &str| std::fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap_or_default().lines().find(|l| l.starts_with("0::")).map(str::to_string);
    let want = cg(&pid1).expect("PID 1's cgroup");
    let deadline = Instant::now() + Duration::from_secs(5);
    let sleeper = loop {
        let found = std::fs::read_dir("/proc").unwrap().filter_map(|e| e.ok()).find_map(|e| {
            let pid = e.file_name().to_string_lossy().to_string();
            let cmd = std::fs::read(e.path().join("cmdline")).ok()?;
            (cmd == b"sleep\x00777\x00" && cg(&pid).as_deref() == Some(want.as_str())).then_some(pid)
        });
        if let Some(p) = found {
            break p;
        }
        assert!(Instant::now() < deadline, "no `sleep 777` in the container's cgroup {want}");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(!sleeper.is_empty());
    env.ok(&["rm", "-f", "c"]);
}

#[test]
fn fuse_overlayfs_runs_outside_the_container_pid_namespace() {
    // A helper with the host's layer paths open must not be visible to,
    // signalled by or ptraced by container root.
    let (env, bb, bait) = busybox_env("esc-fuse");
    let store = env.store().display().to_string();
    let out =
        env.ok(&["--storage-driver", "fuse-overlayfs", "run", "--rm", &bb, "sh", "-c", "for p in /proc/[0-9]*; do cat $p/cmdline | tr '\\0' ' '; echo; done"]);
    assert!(out.contains("sh -c"), "the container lists its own processes: {out}");
    assert!(!out.contains("fuse-overlayfs") && !out.contains(&store), "fuse-overlayfs is visible in the container: {out}");
    bait.assert_safe(&Output { code: 0, stdout: out, stderr: String::new(), args: vec![] }, "fuse");
    // And it is gone once the container is.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let left: Vec<String> = std::fs::read_dir("/proc")
            .unwrap()
            .filter_map(|e| e.ok())
            .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
            .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
            .filter(|c| c.starts_with("fuse-overlayfs") && c.contains(&store))
            .collect();
        if left.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "fuse-overlayfs outlived its container: {left:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn image_passwd_and_group_reads_are_confined() {
    // CVE-2019-14271 class (host-side reads of image files): /etc/passwd as a
    // symlink to /dev/zero, a FIFO, a host file, or a huge file.
    let env = TestEnv::new("esc-passwd");
    for (tag, expect) in
        [("passwd-zero", "/dev/zero"), ("passwd-fifo", "FIFO"), ("passwd-huge", "larger than"), ("passwd-host", "does not exist inside the image")]
    {
        let image = img(&format!("hostile:{tag}"));
        env.pull(&image);
        let start = Instant::now();
        let out = env.rpod(&["run", "--rm", "-u", "hostonly", &image, "id"]);
        assert!(start.elapsed() < Duration::from_secs(10), "{tag}: took {:?}", start.elapsed());
        assert_eq!(out.code, 125, "{tag}: {}", out.dump());
        let line = out.assert_one_error_line();
        assert!(line.contains("/etc/passwd") && line.contains(expect), "{tag}: {line}");
        assert!(!out.stdout.contains("4242"), "{tag}: the host's passwd was used: {}", out.dump());
    }
    // The host files the passwd-host image points at exist and name the user:
    // the refusal above is the confinement, not a missing file.
    let host = std::fs::read_to_string("/var/lib/rpod-test/host-passwd").expect("contrib/images/build.sh writes /var/lib/rpod-test/host-passwd");
    assert!(host.contains("hostonly"));
}

#[test]
fn exec_user_lookup_in_a_running_container_is_confined() {
    // Container root swaps /etc/passwd for a link to a host file or a FIFO
    // and waits for `exec -u` to read it on the host side.
    let (env, bb, _) = busybox_env("esc-exec-passwd");
    env.ok(&["run", "-d", "--name", "c", &bb, "sleep", "1000"]);
    env.ok(&["exec", "c", "sh", "-c", "rm /etc/passwd && ln -s /var/lib/rpod-test/host-passwd /etc/passwd"]);
    let out = env.rpod(&["exec", "-u", "hostonly", "c", "id"]);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.stderr.contains("/etc/passwd"), "{}", out.dump());
    env.ok(&["exec", "c", "sh", "-c", "rm /etc/passwd && mkfifo /etc/passwd"]);
    let start = Instant::now();
    let out = env.rpod(&["exec", "-u", "app", "c", "id"]);
    assert!(start.elapsed() < Duration::from_secs(5), "a FIFO blocked exec -u: {:?}", start.elapsed());
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.stderr.contains("FIFO"), "{}", out.dump());
    env.ok(&["rm", "-f", "c"]);
}

#[test]
fn whiteouts_of_dot_and_dotdot_are_refused() {
    // Hostile layer entries `.wh..` / `.wh...`: a whiteout of the layer
    // directory itself or of its parent (outside the layer).
    let env = TestEnv::new("esc-whiteout");
    let canary = env.data.join("canary");
    env.write_file(&canary, "still here\n");
    for tag in ["wh-dot", "wh-dotdot"] {
        let out = env.rpod(&["pull", &img(&format!("hostile:{tag}"))]);
        assert_eq!(out.code, 125, "{tag}: {}", out.dump());
        let line = out.assert_one_error_line();
        assert!(line.contains(".wh."), "{tag}: {line}");
        assert!(env.image_ids().is_empty(), "{tag}: an image was stored");
        assert!(canary.exists(), "{tag}: the whiteout removed files outside the layer");
    }
}

#[test]
fn sysfs_fallback_is_read_only_all_the_way_down() {
    // Without a network namespace of its own the container gets the host's
    // /sys bound read-only: no writable submount (cgroups, fuse, debugfs).
    let (env, bb, _) = busybox_env("esc-sysfs");
    let out = env.ok(&[
        "run",
        "--rm",
        "--network",
        "host",
        &bb,
        "sh",
        "-c",
        "grep ' /sys' /proc/self/mountinfo; touch /sys/fs/cgroup/x 2>&1; echo > /sys/kernel/uevent_helper 2>&1; true",
    ]);
    let mounts: Vec<&str> = out.lines().filter(|l| l.starts_with(|c: char| c.is_ascii_digit()) && l.contains(" /sys")).collect();
    assert!(mounts.len() > 1, "the host's /sys submounts are there (bound recursively): {out}");
    for m in &mounts {
        let opts = m.split(' ').nth(5).unwrap_or("");
        assert!(opts.split(',').any(|o| o == "ro"), "writable mount under /sys: {m}");
    }
    assert!(out.contains("Read-only file system"), "{out}");
}

/// `rpod ARGS` as the test user without XDG_RUNTIME_DIR and with an empty
/// /run/user (a private mount namespace made by root), so that rpod falls
/// back to `$TMPDIR/rpod-run-UID`.
fn without_runtime_dir(env: &TestEnv, tmpdir: &std::path::Path, args: &[&str]) -> Output {
    assert!(is_root(), "this test needs root to hide /run/user in a private mount namespace (contrib/test.sh runs as root)");
    let line = env.shell_line(args).replace(&format!("'XDG_RUNTIME_DIR={}'", env.runtime.display()), &format!("'TMPDIR={}'", tmpdir.display()));
    let out = Command::new("unshare")
        .args(["--mount", "--propagation", "private", "sh", "-c"])
        .arg(format!("mount -t tmpfs tmpfs /run/user && {line}"))
        .output()
        .unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
        args: vec![],
    }
}

#[test]
fn runtime_dir_fallback_is_private_or_refused() {
    // Another local user pre-creating rpod's live-state directory in a shared
    // /tmp could watch or replace its sockets and pids.
    let env = TestEnv::new("esc-rundir");
    let tmp = env.dir.join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    std::fs::set_permissions(&tmp, std::os::unix::fs::PermissionsExt::from_mode(0o1777)).unwrap();
    let fallback = tmp.join(format!("rpod-run-{}", env.user.uid));
    // Fresh: created 0700 and used.
    let out = without_runtime_dir(&env, &tmp, &["info", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.dump());
    let m = std::fs::symlink_metadata(&fallback).unwrap();
    assert_eq!((m.uid(), m.mode() & 0o7777), (env.user.uid, 0o700));
    // Loosened: refused with one line.
    std::fs::set_permissions(&fallback, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    let out = without_runtime_dir(&env, &tmp, &["ps", "-a"]);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.assert_one_error_line().contains("mode 0777"), "{}", out.dump());
    // Another owner: refused.
    std::fs::remove_dir_all(&fallback).unwrap();
    std::fs::create_dir(&fallback).unwrap();
    std::fs::set_permissions(&fallback, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let out = without_runtime_dir(&env, &tmp, &["ps", "-a"]);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.assert_one_error_line().contains("belongs to uid 0"), "{}", out.dump());
    // A symlink to a directory of the user's: refused as well.
    std::fs::remove_dir_all(&fallback).unwrap();
    std::os::unix::fs::symlink(&env.runtime, &fallback).unwrap();
    let out = without_runtime_dir(&env, &tmp, &["ps", "-a"]);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.assert_one_error_line().contains("not a directory"), "{}", out.dump());
}

#[test]
fn seccomp_blocks_new_namespaces_without_cap_sys_admin() {
    // CVE-2022-0185 class: exploit chains start by unsharing a user
    // namespace to reach kernel code (fsconfig) that needs CAP_SYS_ADMIN in
    // it. The kernel allows that to anyone; rpod's default filter does not
    // without CAP_SYS_ADMIN (stricter than containers/common's file, which
    // allows unshare(CLONE_NEWUSER)).
    let (env, bb, _) = busybox_env("esc-seccomp");
    let probe = "unshare -U true && echo USER-NS; unshare -m true && echo MOUNT-NS; true";
    let out = env.ok(&["run", "--rm", &bb, "sh", "-c", probe]);
    assert_eq!(out, "", "new namespaces from a default container: {out}");
    let out = env.ok(&["run", "--rm", "--cap-add", "SYS_ADMIN", &bb, "sh", "-c", probe]);
    assert_eq!(out, "USER-NS\nMOUNT-NS\n", "--cap-add SYS_ADMIN allows them");
    // A profile file's capability conditions follow --cap-add / --cap-drop.
    let file = "/usr/share/containers/seccomp.json";
    assert!(std::path::Path::new(file).exists(), "Debian's golang-github-containers-common is installed by contrib/setup-test-env.sh");
    let opt = format!("seccomp={file}");
    let clone_ns = "unshare -m true && echo MOUNT-NS; true";
    assert_eq!(env.ok(&["run", "--rm", "--security-opt", &opt, &bb, "sh", "-c", clone_ns]), "");
    assert_eq!(env.ok(&["run", "--rm", "--security-opt", &opt, "--cap-add", "SYS_ADMIN", &bb, "sh", "-c", clone_ns]), "MOUNT-NS\n");
    assert_eq!(env.ok(&["run", "--rm", "--security-opt", &opt, "--cap-drop", "ALL", &bb, "sh", "-c", "chown 1 /tmp && echo CHOWN; true"]), "");
}

#[test]
fn the_hosts_root_is_detached_before_the_command_starts() {
    // Class: the old root left mounted after pivot_root (a path from the
    // container back to the host's whole tree: `umount /` or open_tree on
    // it with CAP_SYS_ADMIN). The detach runs in the setup process beside
    // the container's last steps (runtime::rootfs::Detach::Elsewhere); the
    // command must start only once it is done. The command is the image's
    // `cat` itself (no shell first), several times, so a start before the
    // detach shows up as a second mount on `/`, the host's, with its tree.
    let (env, bb, _) = busybox_env("esc-oldroot");
    for _ in 0..5 {
        let out = env.ok(&["run", "--rm", "--network", "none", &bb, "cat", "/proc/self/mountinfo"]);
        let roots: Vec<&str> = out.lines().filter(|l| l.split(' ').nth(4) == Some("/")).collect();
        assert_eq!(roots.len(), 1, "one mount on / (the container's overlay), not the host's root under or over it: {out}");
        assert!(roots[0].contains(" - overlay ") || roots[0].contains(" - fuse.fuse-overlayfs "), "/ is the container's overlay: {out}");
        assert!(out.lines().count() < 40, "the host's mounts are not in the container's namespace: {out}");
    }
}

#[test]
fn a_dotdot_working_directory_never_resolves_in_the_hosts_root() {
    // CVE-2024-21626 class, a race: after pivot_root the host's root stays
    // stacked on "/" until it is detached, and a `..` at the root steps into
    // what is mounted on it. A working directory resolved before the detach
    // landed in the host's root (seen in CI, 2026-12-01: a mkdir in the
    // host's `/`). `/../tmp/NAME` would be the host's /tmp/NAME, which the
    // test user can write: it must never appear there.
    let env = TestEnv::new("dotdot-workdir");
    let bb = img("busybox");
    env.pull(&bb);
    let marker = format!("rpod-dotdot-{}", std::process::id());
    let host = std::path::Path::new("/tmp").join(&marker);
    for i in 0..15 {
        let out = env.ok(&["run", "--rm", "-w", &format!("/../../tmp/../tmp/{marker}"), &bb, "sh", "-c", "pwd; touch here"]);
        let escaped = host.exists();
        let _ = std::fs::remove_dir_all(&host);
        assert!(!escaped, "run {i}: the working directory was made in the host's {}", host.display());
        assert_eq!(out, format!("/tmp/{marker}\n"), "run {i}");
    }
}

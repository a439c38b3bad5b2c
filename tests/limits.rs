//! Resource limits, freezing and killing, run as the unprivileged test user.
//!
//! Two tiers run this file. On the plain build machine the cgroup v2 tree
//! offers no memory, cpu, io or pids controller to the user (a hybrid layout,
//! see ../shared/notes/machine-facts.md): there the tests that need one say
//! why they are skipped, a limit is checked to be refused before anything is
//! stored, and the freeze/kill tests still run in the subtree the setup
//! delegates. In the systemd tier (contrib/vm/run.sh boots a Debian guest
//! with a `systemd --user` manager and every controller delegated, and sets
//! `RPOD_TEST_SYSTEMD=1`) every test runs for real and none may skip.
//!
//! The guest runs under software emulation (TCG), some ten times slower
//! than this machine: waits are polls with generous bounds, never sleeps
//! sized for a fast host.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

/// Whether this is the systemd tier, where nothing may be skipped.
fn systemd_tier() -> bool {
    std::env::var("RPOD_TEST_SYSTEMD").is_ok_and(|v| v == "1")
}

/// The cgroup rpod creates containers under, as rpod itself finds it: the
/// subtree the setup delegates (the tests start rpod in it when they run as
/// root), or the highest ancestor of this process's cgroup the user owns.
fn delegated_dir(env: &TestEnv) -> Option<PathBuf> {
    if is_root() {
        delegated_cgroup_procs(env.user.uid).and_then(|p| p.parent().map(Path::to_path_buf))
    } else {
        rpod::cgroups::delegated().ok()
    }
}

/// True when the delegated cgroup offers every controller in `needed`.
/// Otherwise prints why the test is skipped and returns false — except in
/// the systemd tier, where a missing controller is a failure.
fn controllers_delegated(env: &TestEnv, needed: &[&str], test: &str) -> bool {
    let dir = delegated_dir(env);
    let have: Vec<String> = dir
        .as_ref()
        .and_then(|d| std::fs::read_to_string(d.join("cgroup.controllers")).ok())
        .map(|s| s.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    let missing: Vec<&str> = needed.iter().copied().filter(|c| !have.iter().any(|h| h == c)).collect();
    if missing.is_empty() {
        return true;
    }
    let place = dir.map(|d| d.display().to_string()).unwrap_or_else(|| "no delegated cgroup v2 subtree".into());
    let why = format!("{test}: needs the {} controller(s) delegated to the user; {place} offers [{}]", missing.join(", "), have.join(" "));
    assert!(!systemd_tier(), "the systemd tier must delegate every controller: {why}");
    eprintln!("skipped {why} (this test runs for real in the systemd tier: contrib/vm/run.sh)");
    false
}

/// Poll `f` until it returns Some, failing after `limit` (generous: TCG).
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

/// The host directory of a running container's cgroup, from its first
/// process's /proc/PID/cgroup.
fn container_cgroup(env: &TestEnv, id: &str) -> PathBuf {
    let pid = inspect(env, id)["State"]["Pid"].as_i64().expect("State.Pid");
    assert!(pid > 0, "container {id} is not running");
    let text = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).expect("reading /proc/PID/cgroup");
    let rel = text.lines().find_map(|l| l.strip_prefix("0::")).expect("a cgroup v2 line").to_string();
    let mount = rpod::cgroups::v2_mount().expect("a cgroup v2 mount");
    let dir = mount.join(rel.trim_start_matches('/'));
    let delegated = delegated_dir(env).expect("a delegated subtree");
    assert!(dir.starts_with(&delegated) && dir != delegated, "container {id} runs in {} (outside its own cgroup under {})", dir.display(), delegated.display());
    dir
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display())).trim().to_string()
}

/// A `key value` field of a flat-keyed cgroup file (cpu.stat, pids.events).
fn field(p: &Path, key: &str) -> u64 {
    read(p)
        .lines()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(' ')).and_then(|v| v.trim().parse().ok()))
        .unwrap_or_else(|| panic!("no {key} in {}:\n{}", p.display(), read(p)))
}

fn busybox(name: &str) -> (TestEnv, String) {
    let env = TestEnv::new(name);
    let bb = img("busybox");
    env.pull(&bb);
    (env, bb)
}

#[test]
fn limits_without_a_delegated_controller_are_refused_before_anything_is_stored() {
    let (env, bb) = busybox("limits-refused");
    if controllers_delegated(&env, &["memory", "pids", "cpu"], "refusal of undelegated limits") && systemd_tier() {
        eprintln!("refusal part skipped: this systemd host delegates memory, pids and cpu (the other tests here apply them)");
    } else {
        for (flag, value, controller) in [("--memory", "100m", "memory"), ("--pids-limit", "50", "pids"), ("--cpus", "0.5", "cpu")] {
            let out = env.fails(&["run", "--rm", flag, value, &bb, "true"], 125);
            let line = out.assert_one_error_line();
            // Either the controller is missing from the delegated subtree, or
            // there is no delegated subtree at all: both say what to do.
            assert!(
                (line.contains(&format!("the {controller} controller is not delegated")) && line.contains("Delegate=")) || line.contains("delegated to you"),
                "{flag}: {line}"
            );
        }
    }
    // Bad values are refused everywhere, before any cgroup is touched.
    for args in [
        vec!["--memory", "1k"],
        vec!["--memory", "lots"],
        vec!["--memory-swap", "1g"],
        vec!["--cpus", "0"],
        vec!["--cpus", "1", "--cpu-quota", "50000"],
        vec!["--cpuset-cpus", "0;true"],
        vec!["--blkio-weight", "5"],
    ] {
        let mut a = vec!["run", "--rm"];
        a.extend(args.iter().copied());
        a.extend([bb.as_str(), "true"]);
        let out = env.fails(&a, 125);
        out.assert_one_error_line();
    }
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "", "a refused limit left a container behind");
}

/// `--memory 32m`: a process touching 64 MiB is killed by the kernel's OOM
/// killer (exit 137), while the same process without the limit completes.
#[test]
fn memory_limit_oom_kills_a_process_that_exceeds_it() {
    let (env, bb) = busybox("limits-memory");
    if !controllers_delegated(&env, &["memory"], "--memory") {
        return;
    }
    // dd fills its one 64 MiB block buffer from /dev/zero: 64 MiB resident.
    let dd = ["dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1"];
    let mut args = vec!["run", "--rm", &bb];
    args.extend(dd);
    env.ok(&args);
    let mut args = vec!["run", "--name", "oom", "--memory", "32m", &bb];
    args.extend(dd);
    let out = env.rpod(&args);
    assert_eq!(out.code, 137, "64 MiB under --memory 32m must be OOM-killed:\n{}", out.dump());
    let st = inspect(&env, "oom");
    assert_eq!(st["State"]["ExitCode"], 137, "{st:#}");
    env.ok(&["rm", "oom"]);
}

/// `--pids-limit 20`: a fork loop is stopped at 20 processes, and the
/// kernel counts the refused fork.
#[test]
fn pids_limit_stops_a_fork_bomb_at_the_limit() {
    let (env, bb) = busybox("limits-pids");
    if !controllers_delegated(&env, &["pids"], "--pids-limit") {
        return;
    }
    // The main process outlives the loop: busybox sh gives up at the first
    // fork the kernel refuses, leaving its sleeps behind.
    let bomb = "(while :; do sleep 1000 & done) 2>/dev/null & exec sleep 1000";
    let id = env.ok(&["run", "-d", "--pids-limit", "20", &bb, "sh", "-c", bomb]).trim().to_string();
    let cg = container_cgroup(&env, &id);
    assert_eq!(read(&cg.join("pids.max")), "20");
    wait_for("a refused fork in pids.events", Duration::from_secs(120), || (field(&cg.join("pids.events"), "max") > 0).then_some(()));
    // At the refusal: the main process, the loop and 18 sleeps; then the
    // loop ends, and nothing forks any more.
    std::thread::sleep(Duration::from_secs(1));
    let current: u64 = read(&cg.join("pids.current")).parse().unwrap();
    assert!((19..=20).contains(&current), "pids.current is {current} after the fork loop hit --pids-limit 20");
    assert_eq!(inspect(&env, &id)["State"]["Status"], "running", "the container itself survives its fork loop");
    env.ok(&["rm", "-f", &id]);
}

/// `--cpus 0.5`: a busy loop gets about half of one CPU (cpu.max 50000
/// 100000), measured from the cgroup's own usage over a few seconds.
#[test]
fn cpus_hold_a_busy_loop_near_the_quota() {
    let (env, bb) = busybox("limits-cpu");
    if !controllers_delegated(&env, &["cpu"], "--cpus") {
        return;
    }
    let id = env.ok(&["run", "-d", "--cpus", "0.5", &bb, "sh", "-c", "while :; do :; done"]).trim().to_string();
    let cg = container_cgroup(&env, &id);
    assert_eq!(read(&cg.join("cpu.max")), "50000 100000");
    // Let it start spinning, then measure.
    std::thread::sleep(Duration::from_secs(1));
    let (u0, t0) = (field(&cg.join("cpu.stat"), "usage_usec"), Instant::now());
    std::thread::sleep(Duration::from_secs(5));
    let (u1, t1) = (field(&cg.join("cpu.stat"), "usage_usec"), Instant::now());
    let share = (u1 - u0) as f64 / (t1 - t0).as_micros() as f64;
    // The upper bound is the limit; the lower one only says the loop ran (an
    // emulated CPU on a busy machine may get less than its quota).
    assert!((0.25..=0.6).contains(&share), "a busy loop under --cpus 0.5 used {:.0} % of one CPU", share * 100.0);
    assert!(field(&cg.join("cpu.stat"), "nr_throttled") > 0, "the quota never throttled the loop");
    env.ok(&["rm", "-f", &id]);
}

/// `--blkio-weight` becomes the cgroup's io.weight (10-1000 mapped onto
/// 1-10000).
#[test]
fn blkio_weight_sets_the_io_weight() {
    let (env, bb) = busybox("limits-io");
    if !controllers_delegated(&env, &["io"], "--blkio-weight") {
        return;
    }
    let id = env.ok(&["run", "-d", "--blkio-weight", "300", &bb, "sleep", "1000"]).trim().to_string();
    let cg = container_cgroup(&env, &id);
    assert_eq!(read(&cg.join("io.weight")), "default 2930");
    env.ok(&["rm", "-f", &id]);
}

/// The last number a counting container logged.
fn last_count(env: &TestEnv, id: &str) -> Option<u64> {
    env.ok(&["logs", id]).lines().filter_map(|l| l.trim().parse().ok()).next_back()
}

/// pause freezes every process (a counter stops), unpause thaws them (it
/// goes on). Runs wherever a cgroup v2 subtree is delegated, the plain build
/// machine included.
#[test]
fn pause_freezes_a_counter_and_unpause_resumes_it() {
    let (env, bb) = busybox("limits-pause");
    if delegated_dir(&env).is_none() {
        assert!(!systemd_tier(), "the systemd tier has no delegated cgroup v2 subtree");
        eprintln!("skipped pause/unpause: no cgroup v2 subtree is delegated to the user here");
        return;
    }
    let id = env.ok(&["run", "-d", &bb, "sh", "-c", "i=0; while :; do i=$((i+1)); echo $i; sleep 0.1; done"]).trim().to_string();
    wait_for("the counter to start", Duration::from_secs(60), || last_count(&env, &id).filter(|n| *n >= 3));
    env.ok(&["pause", &id]);
    assert_eq!(inspect(&env, &id)["State"]["Status"], "paused");
    let frozen = last_count(&env, &id).expect("a count");
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(last_count(&env, &id), Some(frozen), "the counter moved while paused");
    env.ok(&["unpause", &id]);
    wait_for("the counter to resume", Duration::from_secs(60), || last_count(&env, &id).filter(|n| *n > frozen + 2));
    env.ok(&["rm", "-f", &id]);
}

/// Host pids of processes whose command line is exactly `argv`.
fn pids_running(argv: &[&str]) -> Vec<i32> {
    let want: Vec<u8> = argv.iter().flat_map(|a| a.bytes().chain([0])).collect();
    list_dir(Path::new("/proc"))
        .iter()
        .filter_map(|n| n.parse::<i32>().ok())
        .filter(|pid| std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| c == want))
        // A zombie is dead already; only its parent has not reaped it yet.
        .filter(|pid| !std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| s.rsplit_once(") ").is_some_and(|(_, r)| r.starts_with('Z'))))
        .collect()
}

/// `rm -f` kills everything in the container, including a process that
/// forked off into its own session and is no child of the main process.
#[test]
fn rm_force_kills_a_forked_off_background_process() {
    let (env, bb) = busybox("limits-rmf");
    // A distinctive argument to find the orphan among the host's processes.
    let marker = format!("{}", 100_000 + std::process::id() % 100_000);
    let script = format!("setsid sleep {marker} & sleep 1; echo started; exec sleep 1000");
    let id = env.ok(&["run", "-d", &bb, "sh", "-c", &script]).trim().to_string();
    wait_for("the container to start its background process", Duration::from_secs(60), || env.ok(&["logs", &id]).contains("started").then_some(()));
    let orphans = pids_running(&["sleep", &marker]);
    assert_eq!(orphans.len(), 1, "the background sleep is not running: {orphans:?}");
    env.ok(&["rm", "-f", &id]);
    wait_for("the background process to die", Duration::from_secs(30), || pids_running(&["sleep", &marker]).is_empty().then_some(()));
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "");
}

/// A `Max ...` line of /proc/PID/limits: (soft, hard).
fn limit_line(limits: &str, name: &str) -> (String, String) {
    let rest = limits.lines().find_map(|l| l.strip_prefix(name)).unwrap_or_else(|| panic!("no {name:?} in:\n{limits}"));
    let mut w = rest.split_whitespace();
    (w.next().unwrap().to_string(), w.next().unwrap().to_string())
}

/// `--ulimit` reaches the container's first process (every type the runtime
/// knows, not just nofile); `--ulimit host` keeps rpod's own.
#[test]
fn ulimits_are_visible_in_the_container() {
    let (env, bb) = busybox("limits-ulimit");
    let out = env.ok(&["run", "--rm", "--ulimit", "nofile=100:200", "--ulimit", "core=0:1024", "--ulimit", "stack=4194304", &bb, "cat", "/proc/self/limits"]);
    assert_eq!(limit_line(&out, "Max open files"), ("100".into(), "200".into()), "{out}");
    assert_eq!(limit_line(&out, "Max core file size"), ("0".into(), "1024".into()), "{out}");
    assert_eq!(limit_line(&out, "Max stack size"), ("4194304".into(), "4194304".into()), "{out}");
    // Without --ulimit: nofile is rpod's default (1048576), lowered to the
    // user's own hard limit; with `host`, the user's own limits.
    let own = env.ok(&["run", "--rm", "--ulimit", "host", &bb, "cat", "/proc/self/limits"]);
    let dflt = env.ok(&["run", "--rm", &bb, "cat", "/proc/self/limits"]);
    let (_, own_hard) = limit_line(&own, "Max open files");
    assert_eq!(limit_line(&dflt, "Max open files"), (own_hard.clone(), own_hard), "{dflt}");
}

/// `--oom-score-adj` is the container process's oom_score_adj; rootless it
/// can only be raised (the kernel refuses lowering without privilege).
#[test]
fn oom_score_adj_is_visible_in_the_container() {
    let (env, bb) = busybox("limits-oomadj");
    let out = env.ok(&["run", "--rm", "--oom-score-adj", "500", &bb, "cat", "/proc/self/oom_score_adj"]);
    assert_eq!(out.trim(), "500");
}

/// Bad `--ulimit`, `--oom-score-adj` and `--device-*` values: one line, exit
/// 125, nothing stored. A FIFO given as the device is refused without being
/// opened (an open would block forever: the denial-of-service class of
/// device paths under the caller's control).
#[test]
fn bad_ulimit_oom_score_adj_and_device_rates_are_refused() {
    let (env, bb) = busybox("limits-bad");
    let fifo = env.dir.join("fifo");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o666)).unwrap();
    let fifo_rate = format!("{}:1mb", fifo.display());
    let link = env.dir.join("link");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    let link_rate = format!("{}:1mb", link.display());
    for (args, says) in [
        (vec!["--ulimit", "nofile"], "TYPE=SOFT[:HARD]"),
        (vec!["--ulimit", "bogus=1"], "unknown type"),
        (vec!["--ulimit", "nofile=x"], "not a number"),
        (vec!["--ulimit", "nofile=200:100"], "soft limit is above the hard limit"),
        (vec!["--ulimit", "nofile=-1"], "above your own"),
        (vec!["--ulimit", "host", "--ulimit", "core=0"], "cannot be combined"),
        (vec!["--oom-score-adj", "1001"], "-1000 to 1000"),
        (vec!["--oom-score-adj", "-1001"], "-1000 to 1000"),
        (vec!["--oom-score-adj", "-1"], "can only be raised"),
        (vec!["--device-write-bps", "/dev/null:1mb"], "not a block device"),
        (vec!["--device-read-bps", "/nonexistent/sda:1mb"], "/nonexistent/sda"),
        (vec!["--device-read-iops", "/dev/null"], "PATH:RATE"),
        (vec!["--device-write-iops", "/dev/null:fast"], "number of operations"),
        (vec!["--device-write-bps", &fifo_rate], "not a block device"),
        (vec!["--device-write-bps", &link_rate], "not a block device"),
    ] {
        let mut a = vec!["run", "--rm"];
        a.extend(args.iter().copied());
        a.extend([bb.as_str(), "true"]);
        let out = env.fails(&a, 125);
        let line = out.assert_one_error_line();
        assert!(line.contains(says), "{args:?}: {line}");
    }
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "", "a refused value left a container behind");
}

/// The whole disk holding `path` (io.max takes disks, not partitions) as a
/// /dev path, or None on a filesystem with no block device (tmpfs).
fn disk_of(path: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let dev = std::fs::metadata(path).ok()?.dev();
    let mut sys = std::fs::canonicalize(format!("/sys/dev/block/{}:{}", nix::sys::stat::major(dev), nix::sys::stat::minor(dev))).ok()?;
    if sys.join("partition").exists() {
        sys = sys.parent()?.to_path_buf();
    }
    let name = std::fs::read_to_string(sys.join("uevent")).ok()?.lines().find_map(|l| l.strip_prefix("DEVNAME=").map(str::to_string))?;
    Some(PathBuf::from("/dev").join(name))
}

/// `--device-write-bps` becomes an io.max line, and throttles direct writes
/// to the disk to that rate (within 20 %); `update` changes it live.
#[test]
fn device_write_bps_throttles_direct_writes() {
    let (env, bb) = busybox("limits-iomax");
    let data = env.dir.join("data-vol");
    std::fs::create_dir(&data).unwrap();
    if is_root() {
        std::os::unix::fs::chown(&data, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    let Some(disk) = disk_of(&data) else {
        assert!(!systemd_tier(), "the systemd tier's test directory is on no block device");
        eprintln!("skipped --device-write-bps: {} is on no block device", data.display());
        return;
    };
    let rate = format!("{}:4mb", disk.display());
    let vol = format!("{}:/data", data.display());
    if !controllers_delegated(&env, &["io"], "--device-write-bps") {
        // Refused in one line naming the controller, nothing stored.
        let out = env.fails(&["run", "--rm", "--device-write-bps", &rate, &bb, "true"], 125);
        let line = out.assert_one_error_line();
        assert!(line.contains("the io controller is not delegated") || line.contains("delegated to you"), "{line}");
        assert_eq!(env.ok(&["ps", "-a", "-q"]), "");
        return;
    }
    // 16 MiB written with O_DIRECT at 4 MiB/s: about 4 s, timed inside the
    // container by /proc/uptime (10 ms steps; busybox dd reports no time).
    let script = "cat /proc/uptime; dd if=/dev/zero of=/data/f bs=1M count=16 oflag=direct 2>/dev/null; cat /proc/uptime";
    let out = env.rpod(&["run", "--rm", "--device-write-bps", &rate, "-v", &vol, &bb, "sh", "-c", script]);
    assert_eq!(out.code, 0, "{}", out.dump());
    let t: Vec<f64> = out.stdout.lines().filter_map(|l| l.split_whitespace().next()?.parse().ok()).collect();
    assert_eq!(t.len(), 2, "two uptimes expected:\n{}", out.dump());
    let secs = t[1] - t[0];
    let mib_per_s = 16.0 / secs;
    eprintln!("dd under --device-write-bps 4mb: 16 MiB in {secs:.2} s = {mib_per_s:.2} MiB/s");
    assert!((3.2..=4.8).contains(&mib_per_s), "dd wrote at {mib_per_s:.2} MiB/s under --device-write-bps 4mb:\n{}", out.dump());
    let id = env.ok(&["run", "-d", "--device-write-bps", &rate, &bb, "sleep", "1000"]).trim().to_string();
    let cg = container_cgroup(&env, &id);
    let major_minor = {
        use std::os::unix::fs::MetadataExt;
        let r = std::fs::metadata(&disk).unwrap().rdev();
        format!("{}:{}", nix::sys::stat::major(r), nix::sys::stat::minor(r))
    };
    assert_eq!(read(&cg.join("io.max")), format!("{major_minor} rbps=max wbps=4194304 riops=max wiops=max"));
    env.ok(&["update", "--device-write-bps", &format!("{}:2mb", disk.display()), &id]);
    assert_eq!(read(&cg.join("io.max")), format!("{major_minor} rbps=max wbps=2097152 riops=max wiops=max"));
    env.ok(&["rm", "-f", &id]);
}

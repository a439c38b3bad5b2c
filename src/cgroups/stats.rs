//! What a container's cgroup (v2) says about its use of resources: CPU
//! time (`cpu.stat`, a core file every v2 cgroup has), memory
//! (`memory.current`, `memory.stat`, `memory.max`), block I/O (`io.stat`),
//! tasks (`pids.current`, else `cgroup.threads`), the processes
//! (`cgroup.procs`) and OOM kills (`memory.events`). A file a controller
//! provides is missing when that controller is not enabled for the cgroup:
//! its figure is `None` then, and the caller falls back to /proc (see
//! `engine::stats`). Reads are bounded: these are small kernel files, but
//! the directory is the user's and could hold anything.

use std::io::Read;
use std::path::Path;

/// Figures read from one cgroup; `None` where the file is absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CgroupStats {
    /// `cpu.stat` usage_usec, in nanoseconds.
    pub cpu_nano: Option<u64>,
    /// `memory.current` minus `memory.stat` inactive_file (as Docker and
    /// Podman 5 count it: reclaimable page cache is not "used").
    pub memory: Option<u64>,
    /// `memory.max`, `None` for "max" or no file.
    pub memory_max: Option<u64>,
    /// Sums over devices of `io.stat` rbytes and wbytes.
    pub io: Option<(u64, u64)>,
    /// `pids.current`, else the lines of `cgroup.threads`.
    pub tasks: Option<u64>,
    /// `cgroup.procs`.
    pub procs: Vec<i32>,
}

/// Read a small interface file (at most 1 MiB; `io.stat` grows with devices).
pub fn read_small(path: &Path) -> Option<String> {
    let f = std::fs::File::open(path).ok()?;
    let mut s = String::new();
    f.take(1 << 20).read_to_string(&mut s).ok()?;
    Some(s)
}

/// The value of `key` in a flat-keyed file (`cpu.stat`, `memory.stat`,
/// `memory.events`): lines of `KEY VALUE`.
pub fn keyed(text: &str, key: &str) -> Option<u64> {
    text.lines().find_map(|l| {
        let mut w = l.split_whitespace();
        (w.next()? == key).then(|| w.next()?.parse().ok())?
    })
}

/// `io.stat`: `MAJ:MIN rbytes=N wbytes=N rios=N ...` per device; the sums
/// of rbytes and wbytes.
pub fn io_bytes(text: &str) -> (u64, u64) {
    let (mut r, mut w) = (0u64, 0u64);
    for l in text.lines() {
        for kv in l.split_whitespace().skip(1) {
            match kv.split_once('=') {
                Some(("rbytes", v)) => r = r.saturating_add(v.parse().unwrap_or(0)),
                Some(("wbytes", v)) => w = w.saturating_add(v.parse().unwrap_or(0)),
                _ => {}
            }
        }
    }
    (r, w)
}

fn number(text: Option<String>) -> Option<u64> {
    text?.trim().parse().ok()
}

/// Everything [`CgroupStats`] holds for the cgroup at `dir`.
pub fn read(dir: &Path) -> CgroupStats {
    let cpu_nano = read_small(&dir.join("cpu.stat")).and_then(|t| keyed(&t, "usage_usec")).map(|u| u.saturating_mul(1000));
    let memory = number(read_small(&dir.join("memory.current"))).map(|cur| {
        let inactive = read_small(&dir.join("memory.stat")).and_then(|t| keyed(&t, "inactive_file")).unwrap_or(0);
        cur.saturating_sub(inactive)
    });
    let memory_max = number(read_small(&dir.join("memory.max")));
    let io = read_small(&dir.join("io.stat")).map(|t| io_bytes(&t));
    let procs: Vec<i32> = read_small(&dir.join("cgroup.procs")).map(|t| t.split_whitespace().filter_map(|p| p.parse().ok()).collect()).unwrap_or_default();
    let tasks = number(read_small(&dir.join("pids.current"))).or_else(|| read_small(&dir.join("cgroup.threads")).map(|t| t.lines().count() as u64));
    CgroupStats { cpu_nano, memory, memory_max, io, tasks, procs }
}

/// `memory.events` oom_kill: how many processes the kernel's OOM killer
/// ended in this cgroup (`None` without the memory controller).
pub fn oom_kills(dir: &Path) -> Option<u64> {
    keyed(&read_small(&dir.join("memory.events"))?, "oom_kill")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_kernels_files() {
        let cpu = "usage_usec 14730\nuser_usec 10000\nsystem_usec 4730\nnr_periods 0\n";
        assert_eq!(keyed(cpu, "usage_usec"), Some(14730));
        assert_eq!(keyed(cpu, "usage"), None);
        assert_eq!(keyed("oom 1\noom_kill 2\n", "oom_kill"), Some(2));
        let io = "8:0 rbytes=1048576 wbytes=4096 rios=3 wios=1 dbytes=0 dios=0\n253:1 rbytes=10 wbytes=20 rios=1 wios=1\n";
        assert_eq!(io_bytes(io), (1_048_586, 4116));
        assert_eq!(io_bytes(""), (0, 0));
        assert_eq!(io_bytes("8:0 rbytes=junk wbytes=18446744073709551615\n8:1 wbytes=5"), (0, u64::MAX));
    }

    #[test]
    fn reads_a_cgroup_directory_and_misses_what_is_absent() {
        let d = std::env::temp_dir().join(crate::storage::atomic::unique_name("rpod-cgstats-"));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("cpu.stat"), "usage_usec 2000\n").unwrap();
        std::fs::write(d.join("cgroup.procs"), "10\n11\n").unwrap();
        std::fs::write(d.join("cgroup.threads"), "10\n11\n12\n").unwrap();
        let s = read(&d);
        assert_eq!(s, CgroupStats { cpu_nano: Some(2_000_000), tasks: Some(3), procs: vec![10, 11], ..Default::default() });
        std::fs::write(d.join("memory.current"), "1000000\n").unwrap();
        std::fs::write(d.join("memory.stat"), "anon 1\ninactive_file 400000\n").unwrap();
        std::fs::write(d.join("memory.max"), "max\n").unwrap();
        std::fs::write(d.join("pids.current"), "4\n").unwrap();
        std::fs::write(d.join("memory.events"), "low 0\noom 1\noom_kill 1\n").unwrap();
        let s = read(&d);
        assert_eq!((s.memory, s.memory_max, s.tasks), (Some(600_000), None, Some(4)));
        assert_eq!(oom_kills(&d), Some(1));
        std::fs::write(d.join("memory.max"), "6291456\n").unwrap();
        assert_eq!(read(&d).memory_max, Some(6_291_456));
        std::fs::remove_dir_all(&d).unwrap();
    }
}

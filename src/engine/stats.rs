//! `stats`: what running containers use, as numbers (the CLI formats them
//! as Podman does).
//!
//! Where each figure comes from (docs/decisions.md, "stats"):
//! - the container's own cgroup when it has one: CPU time from `cpu.stat`
//!   (a core file, present even on a hybrid host's v2 tree), memory from
//!   `memory.current` less inactive file cache, block I/O from `io.stat`,
//!   tasks from `pids.current`; the processes from `cgroup.procs`;
//! - for a figure whose controller is not enabled there (or with no cgroup
//!   at all), the container's processes in /proc: utime+stime of
//!   `/proc/PID/stat`, resident memory of `/proc/PID/statm`,
//!   `/proc/PID/io` read_bytes/write_bytes, `Threads:` of `/proc/PID/status`;
//!   processes that exited are not counted then, so such a CPU figure can
//!   go down; each report says which source it used;
//! - network I/O from the counters of the container's network namespace
//!   (`/proc/PID/net/dev` of its first process, loopback excluded); zero
//!   for a container that shares the host's namespace, as in Podman.
//!
//! CPU % is CPU time over wall time since the previous sample of the same
//! [`StatsSampler`] (since the start for the first one), 100% being one
//! CPU busy, as Podman computes it.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::container::{containers, find};
use super::error::{Error, Result};
use super::Engine;
use crate::container::Status;

/// Which containers `stats` reports on.
#[derive(Debug, Clone, Default)]
pub struct StatsOptions {
    /// Names or IDs; none means every running container.
    pub containers: Vec<String>,
    /// `--all`: every container, skipping those not running (as Podman).
    pub all: bool,
    /// `--latest`: the container created last.
    pub latest: bool,
}

/// Where a container's figures came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Every figure from the container's own cgroup.
    Cgroup,
    /// Some (or all) from /proc: the cgroup lacks a controller, or the
    /// container has none of its own.
    Proc,
}

/// One container's use of resources at one moment.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ContainerStats {
    pub id: String,
    pub name: String,
    /// CPU time used since the start, nanoseconds.
    pub cpu_nano: u64,
    /// When this sample was taken (nanoseconds since the epoch).
    pub system_nano: u64,
    /// CPU % since the previous sample (since the start for the first).
    pub cpu_percent: f64,
    /// CPU % since the start.
    pub avg_cpu: f64,
    pub mem_usage: u64,
    /// `memory.max`, else the host's memory.
    pub mem_limit: u64,
    pub mem_percent: f64,
    pub net_input: u64,
    pub net_output: u64,
    pub block_input: u64,
    pub block_output: u64,
    /// Tasks (threads), as `pids.current` counts them.
    pub pids: u64,
    pub source: Source,
}

/// Samples containers repeatedly, keeping each one's previous CPU time so
/// that CPU % is over the interval (`stats` without `--no-stream`).
#[derive(Debug, Default)]
pub struct StatsSampler {
    previous: HashMap<String, (u64, u64)>,
}

fn now_nano() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0)
}

fn percent(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        100.0 * part / whole
    } else {
        0.0
    }
}

fn page_size() -> u64 {
    // SAFETY: sysconf has no preconditions.
    match unsafe { libc::sysconf(libc::_SC_PAGESIZE) } {
        n if n > 0 => n as u64,
        _ => 4096,
    }
}

fn clock_ticks() -> u64 {
    // SAFETY: sysconf has no preconditions.
    match unsafe { libc::sysconf(libc::_SC_CLK_TCK) } {
        n if n > 0 => n as u64,
        _ => 100,
    }
}

/// The host's memory (`MemTotal` of /proc/meminfo), bytes.
fn host_memory() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| m.lines().find_map(|l| l.strip_prefix("MemTotal:").and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())))
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

/// Received and sent bytes of every interface but loopback in a
/// `/proc/net/dev` table.
pub fn net_dev_bytes(text: &str) -> (u64, u64) {
    let (mut rx, mut tx) = (0u64, 0u64);
    for l in text.lines().skip(2) {
        let Some((iface, rest)) = l.split_once(':') else { continue };
        if iface.trim() == "lo" {
            continue;
        }
        let f: Vec<u64> = rest.split_whitespace().map(|v| v.parse().unwrap_or(0)).collect();
        if f.len() >= 9 {
            rx = rx.saturating_add(f[0]);
            tx = tx.saturating_add(f[8]);
        }
    }
    (rx, tx)
}

/// utime + stime of a `/proc/PID/stat` line, in clock ticks.
pub fn stat_cpu_ticks(stat: &str) -> Option<u64> {
    // comm may hold spaces and parentheses: fields start after the last ')'.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

/// Network counters of the namespace `pid` is in; zero for rpod's own.
fn net_io(pid: i32) -> (u64, u64) {
    let theirs = std::fs::read_link(format!("/proc/{pid}/ns/net")).ok();
    if theirs.is_some() && theirs == std::fs::read_link("/proc/self/ns/net").ok() {
        return (0, 0);
    }
    crate::cgroups::stats::read_small(Path::new(&format!("/proc/{pid}/net/dev"))).map(|t| net_dev_bytes(&t)).unwrap_or((0, 0))
}

fn proc_file(pid: i32, file: &str) -> Option<String> {
    crate::cgroups::stats::read_small(Path::new(&format!("/proc/{pid}/{file}")))
}

impl StatsSampler {
    pub fn new() -> StatsSampler {
        StatsSampler::default()
    }

    /// One sample of the containers `o` names.
    pub fn sample(&mut self, engine: &Engine, o: &StatsOptions) -> Result<Vec<ContainerStats>> {
        let store = containers(engine)?;
        let named = !o.containers.is_empty() || o.latest;
        // (id, name): from the summaries, never a parse of each full record
        // (its OCI spec) per sample.
        let ids: Vec<(String, String)> = if o.latest {
            let list = store.list_summaries()?;
            let newest =
                list.into_iter().max_by(|a, b| a.created.cmp(&b.created)).ok_or_else(|| Error::NoSuchContainer("no containers to show stats for".into()))?;
            vec![(newest.id, newest.name)]
        } else if named {
            o.containers.iter().map(|n| find(engine, n).map(|r| (r.id, r.name))).collect::<Result<_>>()?
        } else {
            store.list_summaries()?.into_iter().map(|s| (s.id, s.name)).collect()
        };
        let (host_mem, ticks, page) = (host_memory(), clock_ticks(), page_size());
        // Containers without a cgroup of their own: their processes come from
        // one walk of /proc shared by all of them.
        let mut namespaces: Option<super::top::PidNamespaces> = None;
        let mut out = Vec::new();
        for (id, name) in ids {
            let Ok(st) = store.state(&id) else { continue }; // removed meanwhile
            let live = st.pid.filter(|p| p.alive() && matches!(st.status, Status::Running | Status::Paused));
            let Some(init) = live else {
                if named && !o.all {
                    return Err(Error::invalid_state(format!("container {id} is not running: container state improper")));
                }
                continue;
            };
            let cg = st.cgroup.as_deref().filter(|p| p.is_dir()).map(crate::cgroups::stats::read).unwrap_or_default();
            let procs = if cg.procs.is_empty() {
                super::top::processes_in(init.pid, namespaces.get_or_insert_with(super::top::PidNamespaces::scan))
            } else {
                cg.procs.clone()
            };
            let mut source = if st.cgroup.is_some() { Source::Cgroup } else { Source::Proc };
            let mut fell_back = |v: Option<u64>, f: &dyn Fn() -> u64| {
                v.unwrap_or_else(|| {
                    source = Source::Proc;
                    f()
                })
            };
            let cpu_nano = fell_back(cg.cpu_nano, &|| {
                let t: u64 = procs.iter().filter_map(|p| proc_file(*p, "stat")).filter_map(|s| stat_cpu_ticks(&s)).sum();
                t * 1_000_000_000 / ticks
            });
            let mem_usage = fell_back(cg.memory, &|| {
                procs.iter().filter_map(|p| proc_file(*p, "statm")).filter_map(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok()).sum::<u64>() * page
            });
            let io_field = |text: &str, key: &str| text.lines().find_map(|l| l.strip_prefix(key)?.trim().parse::<u64>().ok()).unwrap_or(0);
            let block_input = fell_back(cg.io.map(|(r, _)| r), &|| procs.iter().filter_map(|p| proc_file(*p, "io")).map(|t| io_field(&t, "read_bytes:")).sum());
            let block_output =
                fell_back(cg.io.map(|(_, w)| w), &|| procs.iter().filter_map(|p| proc_file(*p, "io")).map(|t| io_field(&t, "write_bytes:")).sum());
            let pids = fell_back(cg.tasks, &|| procs.iter().filter_map(|p| proc_file(*p, "status")).map(|t| io_field(&t, "Threads:")).sum());
            let mem_limit = cg.memory_max.filter(|m| host_mem == 0 || *m < host_mem).unwrap_or(host_mem);
            let (net_input, net_output) = net_io(init.pid);
            let system_nano = now_nano();
            let started =
                st.started_at.as_deref().and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok()).and_then(|t| t.timestamp_nanos_opt()).unwrap_or(0) as u64;
            let avg_cpu = percent(cpu_nano as f64, system_nano.saturating_sub(started) as f64);
            let cpu_percent = match self.previous.get(&id) {
                Some((cpu, at)) => percent(cpu_nano.saturating_sub(*cpu) as f64, system_nano.saturating_sub(*at) as f64),
                None => avg_cpu,
            };
            self.previous.insert(id.clone(), (cpu_nano, system_nano));
            out.push(ContainerStats {
                id: id.clone(),
                name,
                cpu_nano,
                system_nano,
                cpu_percent,
                avg_cpu,
                mem_usage,
                mem_limit,
                mem_percent: percent(mem_usage as f64, mem_limit as f64),
                net_input,
                net_output,
                block_input,
                block_output,
                pids,
                source,
            });
        }
        Ok(out)
    }
}

/// One sample (`stats --no-stream`).
pub fn stats(engine: &Engine, o: &StatsOptions) -> Result<Vec<ContainerStats>> {
    StatsSampler::new().sample(engine, o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_counters_without_loopback() {
        let dev = "Inter-|   Receive                                                |  Transmit\n \
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n    \
lo:    1000      10    0    0    0     0          0         0     1000      10    0    0    0     0       0          0\n  \
eth0:    796       8    0    0    0     0          0         0      656       7    0    0    0     0       0          0\n   \
tap0: 4 1 0 0 0 0 0 0 6 1 0 0 0 0 0 0\n";
        assert_eq!(net_dev_bytes(dev), (800, 662));
        assert_eq!(net_dev_bytes(""), (0, 0));
        assert_eq!(net_dev_bytes("a\nb\nbroken: 1 2\n"), (0, 0));
    }

    #[test]
    fn cpu_ticks_of_a_stat_line_with_a_hostile_comm() {
        // comm "a) S 1 2" tries to shift the fields.
        let stat = "42 (a) S 1 2) S 1 42 42 0 -1 4194560 100 0 0 0 7 5 0 0 20 0 1 0 1000 1000 100 0";
        assert_eq!(stat_cpu_ticks(stat), Some(12));
        assert_eq!(stat_cpu_ticks("garbage"), None);
    }

    #[test]
    fn percent_of_nothing_is_zero() {
        assert_eq!(percent(5.0, 0.0), 0.0);
        assert_eq!(percent(1.0, 4.0), 25.0);
    }
}

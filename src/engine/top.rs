//! `top`: the processes of a running container, read from the host's /proc
//! (the container's pid namespace members, plus descendants of its first
//! process), with users named from the image's /etc/passwd (read confined,
//! see [`crate::storage::layered`]).

use serde::Serialize;

use super::container::{containers, find};
use super::error::{Error, Result};
use super::Engine;

/// `top`'s table: Podman's default descriptors.
#[derive(Debug, Clone, Serialize)]
pub struct TopReport {
    pub titles: Vec<String>,
    pub processes: Vec<Vec<String>>,
}

/// The processes of a running container.
pub fn top(engine: &Engine, input: &str) -> Result<TopReport> {
    let rec = find(engine, input)?;
    let store = containers(engine)?;
    let st = store.state(&rec.id)?;
    let Some(init) = st.pid.filter(|p| p.alive()) else { return Err(Error::invalid_state("top can only be used on running containers")) };
    let idmap = crate::runtime::userns::IdMap::for_current_user().ok();
    let layers = crate::container::spec::container_file_layers(&engine.store, &rec, store.dir(&rec.id).join("diff"));
    // Confined read: the container may have made its /etc/passwd a link to a host file or a FIFO.
    let passwd = crate::container::spec::image_file(&layers, "/etc/passwd").ok().flatten().unwrap_or_default();
    let to_container_uid = |host: u32| -> String {
        let id = idmap.as_ref().and_then(|m| m.uids.iter().find(|l| host >= l.outside && host < l.outside + l.count).map(|l| l.inside + host - l.outside));
        match id {
            Some(id) => passwd
                .lines()
                .find_map(|l| {
                    let f: Vec<&str> = l.split(':').collect();
                    (f.len() > 2 && f[2] == id.to_string()).then(|| f[0].to_string())
                })
                .unwrap_or_else(|| id.to_string()),
            None => host.to_string(),
        }
    };
    let pids = processes(init.pid);
    // SAFETY: sysconf has no preconditions.
    let ticks = match unsafe { libc::sysconf(libc::_SC_CLK_TCK) } {
        t if t > 0 => t as f64,
        _ => 100.0,
    };
    let uptime: f64 = std::fs::read_to_string("/proc/uptime").ok().and_then(|s| s.split_whitespace().next()?.parse().ok()).unwrap_or(0.0);
    let titles = ["USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"].map(String::from).to_vec();
    let mut processes = Vec::new();
    for p in pids {
        let Ok(status) = std::fs::read_to_string(format!("/proc/{p}/status")) else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat")) else { continue };
        let field = |k: &str| status.lines().find_map(|l| l.strip_prefix(k)).map(|v| v.trim().to_string()).unwrap_or_default();
        let nspid = field("NSpid:").split_whitespace().last().unwrap_or("?").to_string();
        let ppid_host: i32 = field("PPid:").parse().unwrap_or(0);
        let ppid = std::fs::read_to_string(format!("/proc/{ppid_host}/status"))
            .ok()
            .and_then(|s| s.lines().find_map(|l| l.strip_prefix("NSpid:")).map(|v| v.split_whitespace().last().unwrap_or("0").to_string()));
        let ppid = if p == init.pid { "0".to_string() } else { ppid.unwrap_or_else(|| "0".into()) };
        let uid: u32 = field("Uid:").split_whitespace().next().and_then(|u| u.parse().ok()).unwrap_or(0);
        let rest: Vec<&str> = stat.get(stat.rfind(')').map(|i| i + 2).unwrap_or(0)..).unwrap_or("").split_whitespace().collect();
        let num = |i: usize| rest.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
        let cpu_secs = (num(11) + num(12)) / ticks;
        let elapsed = (uptime - num(19) / ticks).max(0.0);
        let pct = if elapsed > 0.0 { 100.0 * cpu_secs / elapsed } else { 0.0 };
        let cmd = std::fs::read(format!("/proc/{p}/cmdline")).map(|c| String::from_utf8_lossy(&c).replace('\0', " ").trim().to_string()).unwrap_or_default();
        let t = cpu_secs as u64;
        processes.push(vec![
            to_container_uid(uid),
            nspid,
            ppid,
            format!("{pct:.3}"),
            format!("{}s", elapsed as u64),
            "?".into(),
            format!("{}h{}m{}s", t / 3600, t / 60 % 60, t % 60),
            cmd,
        ]);
    }
    Ok(TopReport { titles, processes })
}

/// The processes of a container whose first process is `init`: every
/// process in its pid namespace that we may look at, plus the descendants
/// of `init` (`init` first). Used where the container has no cgroup of its
/// own to list them (`stats`) and by `top`.
pub fn processes(init: i32) -> Vec<i32> {
    processes_in(init, &PidNamespaces::scan())
}

/// Every process we may look at, by pid namespace (`/proc/PID/ns/pid`'s
/// target): one walk of `/proc` for any number of containers (`stats` of
/// many containers without cgroups of their own).
#[derive(Default)]
pub struct PidNamespaces(std::collections::HashMap<std::path::PathBuf, Vec<i32>>);

impl PidNamespaces {
    pub fn scan() -> PidNamespaces {
        let mut map: std::collections::HashMap<std::path::PathBuf, Vec<i32>> = std::collections::HashMap::new();
        if let Ok(rd) = std::fs::read_dir("/proc") {
            for e in rd.flatten() {
                if let Ok(p) = e.file_name().to_string_lossy().parse::<i32>() {
                    if let Ok(ns) = std::fs::read_link(format!("/proc/{p}/ns/pid")) {
                        map.entry(ns).or_default().push(p);
                    }
                }
            }
        }
        PidNamespaces(map)
    }
}

/// [`processes`] from a walk of `/proc` already made.
pub fn processes_in(init: i32, all: &PidNamespaces) -> Vec<i32> {
    let target_ns = std::fs::read_link(format!("/proc/{init}/ns/pid")).ok();
    let mut pids = vec![init];
    if let Some(members) = target_ns.as_ref().and_then(|ns| all.0.get(ns)) {
        pids.extend(members.iter().filter(|p| **p != init));
    }
    let mut i = 0;
    while i < pids.len() {
        let p = pids[i];
        if let Ok(tasks) = std::fs::read_dir(format!("/proc/{p}/task")) {
            for t in tasks.flatten() {
                if let Ok(ch) = std::fs::read_to_string(t.path().join("children")) {
                    for c in ch.split_whitespace().filter_map(|c| c.parse::<i32>().ok()) {
                        if !pids.contains(&c) {
                            pids.push(c);
                        }
                    }
                }
            }
        }
        i += 1;
    }
    pids
}

//! Resource limit options (`--memory`, `--cpus`, `--pids-limit`, ...) as
//! Podman takes them, turned into the spec's `linux.resources`, and checked
//! against the user's delegated cgroup subtree at create time, so that a
//! limit whose controller is not delegated fails before anything is stored.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::error::{Error, Result};

/// Limits as given on the command line (Podman's units and spellings).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LimitOptions {
    /// `--memory` (`-m`): bytes with an optional b/k/m/g unit.
    pub memory: Option<String>,
    /// `--memory-swap`: memory plus swap, or -1 for unlimited swap.
    pub memory_swap: Option<String>,
    pub memory_reservation: Option<String>,
    /// `--cpus`: a number of CPUs, e.g. 0.5.
    pub cpus: Option<f64>,
    pub cpu_shares: Option<u64>,
    pub cpu_quota: Option<i64>,
    pub cpu_period: Option<u64>,
    pub cpuset_cpus: Option<String>,
    pub cpuset_mems: Option<String>,
    /// `--pids-limit`: -1 or 0 for no limit.
    pub pids_limit: Option<i64>,
    /// `--blkio-weight` 10-1000.
    pub blkio_weight: Option<u16>,
    /// `--device-read-bps PATH:RATE` (io.max rbps), and the write and iops kin.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub device_read_bps: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub device_write_bps: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub device_read_iops: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub device_write_iops: Vec<String>,
}

/// `PATH:RATE` of a `--device-*-bps/iops` flag: the block device's numbers
/// (from a stat of PATH on the host; symlinks such as /dev/disk/by-id/*
/// are followed, anything but a block device is refused) and the rate.
pub fn device_rate(flag: &str, s: &str, bytes: bool) -> Result<(u64, u64, u64)> {
    let bad = |why: String| Error::bad_input(format!("invalid --{flag} {s:?}: {why}"));
    let (path, rate) = s.rsplit_once(':').ok_or_else(|| bad("use PATH:RATE, e.g. /dev/sda:10mb".into()))?;
    let rate = if bytes {
        parse_bytes(rate).map_err(bad)? as u64
    } else {
        rate.trim().parse::<u64>().map_err(|_| bad("the rate is a number of operations per second".into()))?
    };
    // stat, never open: a FIFO or a device node is not touched.
    let st = nix::sys::stat::stat(path).map_err(|e| bad(format!("{path}: {e}")))?;
    if st.st_mode & libc::S_IFMT != libc::S_IFBLK {
        return Err(bad(format!("{path} is not a block device")));
    }
    Ok((nix::sys::stat::major(st.st_rdev), nix::sys::stat::minor(st.st_rdev), rate))
}

/// Podman's (go-units RAMInBytes) size syntax: a number with an optional
/// b, k, m, g (or kb, mb, gb; any case) unit, binary multiples.
pub fn parse_bytes(s: &str) -> std::result::Result<i64, String> {
    let t = s.trim().to_ascii_lowercase();
    let t = t.strip_suffix("ib").map(|x| x.to_string()).unwrap_or(t);
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let mult: f64 = match unit.trim_end_matches('b') {
        "" => 1.0,
        "k" => 1024.0,
        "m" => 1024.0 * 1024.0,
        "g" => 1024.0 * 1024.0 * 1024.0,
        "t" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        _ => return Err(format!("invalid size {s:?}: use a number with an optional unit b, k, m or g")),
    };
    let n: f64 = num.parse().map_err(|_| format!("invalid size {s:?}: use a number with an optional unit b, k, m or g"))?;
    let v = n * mult;
    if !(0.0..9.0e18).contains(&v) {
        return Err(format!("invalid size {s:?}"));
    }
    Ok(v as i64)
}

fn cpuset_ok(s: &str) -> bool {
    !s.is_empty()
        && s.split(',').all(|p| {
            let mut it = p.splitn(2, '-');
            let a = it.next().unwrap_or("");
            let b = it.next();
            a.parse::<u32>().is_ok() && b.is_none_or(|b| b.parse::<u32>().is_ok_and(|b| a.parse::<u32>().is_ok_and(|a| a <= b)))
        })
}

/// The spec's `linux.resources` for these limits; `None` when none is set.
pub fn resources(o: &LimitOptions) -> Result<Option<Value>> {
    let bad = |m: String| Error::bad_input(m);
    let mut memory = Map::new();
    let limit = o.memory.as_deref().map(parse_bytes).transpose().map_err(bad)?;
    if let Some(l) = limit {
        if l < 6 * 1024 * 1024 {
            return Err(Error::bad_input("--memory: the minimum memory limit is 6m (as Podman's)"));
        }
        memory.insert("limit".into(), json!(l));
    }
    if let Some(s) = &o.memory_swap {
        let swap = if s.trim() == "-1" { -1 } else { parse_bytes(s).map_err(bad)? };
        match limit {
            None => return Err(Error::bad_input("--memory-swap needs --memory")),
            Some(l) if swap != -1 && swap < l => {
                return Err(Error::bad_input("--memory-swap is memory plus swap: it must be at least --memory (or -1 for unlimited swap)"))
            }
            _ => {}
        }
        memory.insert("swap".into(), json!(swap));
    }
    if let Some(r) = &o.memory_reservation {
        memory.insert("reservation".into(), json!(parse_bytes(r).map_err(bad)?));
    }
    let mut cpu = Map::new();
    if let Some(c) = o.cpus {
        if o.cpu_quota.is_some() || o.cpu_period.is_some() {
            return Err(Error::bad_input("--cpus and --cpu-quota/--cpu-period are alternatives: give one of them"));
        }
        let ncpu = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) as f64;
        if c <= 0.0 || c > ncpu {
            return Err(Error::bad_input(format!("--cpus {c}: give a number above 0 and at most the {ncpu} CPUs available")));
        }
        cpu.insert("period".into(), json!(100_000u64));
        cpu.insert("quota".into(), json!((c * 100_000.0).round() as i64));
    }
    if let Some(q) = o.cpu_quota {
        if q != -1 && q < 1000 {
            return Err(Error::bad_input("--cpu-quota: at least 1000 microseconds (or -1 for none)"));
        }
        cpu.insert("quota".into(), json!(q));
    }
    if let Some(p) = o.cpu_period {
        if !(1000..=1_000_000).contains(&p) {
            return Err(Error::bad_input("--cpu-period: 1000 to 1000000 microseconds"));
        }
        cpu.insert("period".into(), json!(p));
    }
    if let Some(s) = o.cpu_shares {
        cpu.insert("shares".into(), json!(s));
    }
    for (key, v, flag) in [("cpus", &o.cpuset_cpus, "--cpuset-cpus"), ("mems", &o.cpuset_mems, "--cpuset-mems")] {
        if let Some(v) = v {
            if !cpuset_ok(v) {
                return Err(Error::bad_input(format!("invalid {flag} {v:?}: use a list such as 0-2,4")));
            }
            cpu.insert(key.into(), json!(v));
        }
    }
    let mut r = Map::new();
    if !memory.is_empty() {
        r.insert("memory".into(), Value::Object(memory));
    }
    if !cpu.is_empty() {
        r.insert("cpu".into(), Value::Object(cpu));
    }
    if let Some(p) = o.pids_limit {
        r.insert("pids".into(), json!({"limit": if p <= 0 { -1 } else { p }}));
    }
    let mut block = Map::new();
    if let Some(w) = o.blkio_weight {
        if !(10..=1000).contains(&w) {
            return Err(Error::bad_input("--blkio-weight: 10 to 1000"));
        }
        block.insert("weight".into(), json!(w));
    }
    for (key, list, flag, bytes) in [
        ("throttleReadBpsDevice", &o.device_read_bps, "device-read-bps", true),
        ("throttleWriteBpsDevice", &o.device_write_bps, "device-write-bps", true),
        ("throttleReadIOPSDevice", &o.device_read_iops, "device-read-iops", false),
        ("throttleWriteIOPSDevice", &o.device_write_iops, "device-write-iops", false),
    ] {
        if !list.is_empty() {
            let v: Vec<Value> = list
                .iter()
                .map(|s| device_rate(flag, s, bytes).map(|(major, minor, rate)| json!({"major": major, "minor": minor, "rate": rate})))
                .collect::<Result<_>>()?;
            block.insert(key.into(), Value::Array(v));
        }
    }
    if !block.is_empty() {
        r.insert("blockIO".into(), Value::Object(block));
    }
    if r.is_empty() {
        return Ok(None);
    }
    let v = Value::Object(r);
    // The cgroup layer must be able to express it (cgroup v2).
    let typed: oci_spec::runtime::LinuxResources = serde_json::from_value(v.clone()).map_err(|e| Error::bad_input(format!("resource limits: {e}")))?;
    crate::cgroups::resources::translate(&typed).map_err(|e| Error::bad_input(e.to_string()))?;
    Ok(Some(v))
}

/// Refuse, in one line, limits whose controller the user's delegated
/// cgroup v2 subtree does not offer (nothing is stored then).
pub fn check_delegated(resources: &Value, manager: crate::cgroups::Manager) -> Result<()> {
    let typed: oci_spec::runtime::LinuxResources = serde_json::from_value(resources.clone()).map_err(|e| Error::bad_input(format!("resource limits: {e}")))?;
    let writes = crate::cgroups::resources::translate(&typed).map_err(|e| Error::bad_input(e.to_string()))?;
    let parent =
        crate::cgroups::limits_root(manager).map_err(|e| Error::bad_input(format!("resource limits need a cgroup v2 subtree delegated to you: {e:#}")))?;
    let available: Vec<String> =
        std::fs::read_to_string(parent.join("cgroup.controllers")).unwrap_or_default().split_whitespace().map(str::to_string).collect();
    match crate::cgroups::controllers_to_enable(&writes, &available, &[], &parent) {
        Ok(_) => Ok(()),
        Err(crate::cgroups::CgroupError::NotDelegated { controller, file, parent }) => Err(Error::bad_input(format!(
            "cannot apply {file}: the {controller} controller is not delegated to {} (with systemd: add Delegate=cpu cpuset io memory pids under [Service] in /etc/systemd/system/user@.service.d/delegate.conf, run systemctl daemon-reload and log in again)",
            parent.display()
        ))),
        Err(e) => Err(Error::bad_input(e.to_string())),
    }
}

/// `--ulimit` names and the spec's rlimit types.
const ULIMITS: &[(&str, &str, libc::__rlimit_resource_t)] = &[
    ("as", "RLIMIT_AS", libc::RLIMIT_AS),
    ("core", "RLIMIT_CORE", libc::RLIMIT_CORE),
    ("cpu", "RLIMIT_CPU", libc::RLIMIT_CPU),
    ("data", "RLIMIT_DATA", libc::RLIMIT_DATA),
    ("fsize", "RLIMIT_FSIZE", libc::RLIMIT_FSIZE),
    ("locks", "RLIMIT_LOCKS", libc::RLIMIT_LOCKS),
    ("memlock", "RLIMIT_MEMLOCK", libc::RLIMIT_MEMLOCK),
    ("msgqueue", "RLIMIT_MSGQUEUE", libc::RLIMIT_MSGQUEUE),
    ("nice", "RLIMIT_NICE", libc::RLIMIT_NICE),
    ("nofile", "RLIMIT_NOFILE", libc::RLIMIT_NOFILE),
    ("nproc", "RLIMIT_NPROC", libc::RLIMIT_NPROC),
    ("rss", "RLIMIT_RSS", libc::RLIMIT_RSS),
    ("rtprio", "RLIMIT_RTPRIO", libc::RLIMIT_RTPRIO),
    ("rttime", "RLIMIT_RTTIME", libc::RLIMIT_RTTIME),
    ("sigpending", "RLIMIT_SIGPENDING", libc::RLIMIT_SIGPENDING),
    ("stack", "RLIMIT_STACK", libc::RLIMIT_STACK),
];

/// rpod's own hard limit for `resource` (what an unprivileged process may
/// not go above).
fn own_hard_limit(resource: libc::__rlimit_resource_t) -> u64 {
    let mut l = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit writes into the rlimit we own; a failure leaves it zeroed.
    if unsafe { libc::getrlimit(resource, &mut l) } == 0 {
        l.rlim_max
    } else {
        u64::MAX
    }
}

/// The spec's `process.rlimits` for `--ulimit` values: `None` keeps rpod's
/// default (nofile 1048576, lowered to what the user may have), `host`
/// gives none (the container inherits rpod's own limits, as Podman's
/// `--ulimit host`). Without privileges a hard limit cannot be raised above
/// the user's own: that is refused here, in one line, not at start.
pub fn rlimits(ulimits: &[String]) -> Result<Option<Value>> {
    if ulimits.is_empty() {
        return Ok(None);
    }
    if ulimits.iter().any(|u| u == "host") {
        if ulimits.len() > 1 {
            return Err(Error::bad_input("--ulimit host cannot be combined with other --ulimit values"));
        }
        return Ok(Some(json!([])));
    }
    let mut out: Vec<(String, u64, u64)> = Vec::new();
    for u in ulimits {
        let bad = |why: String| Error::bad_input(format!("invalid --ulimit {u:?}: {why}"));
        let (name, values) = u.split_once('=').ok_or_else(|| bad("use TYPE=SOFT[:HARD], e.g. nofile=1024:2048".into()))?;
        let &(_, typ, resource) = ULIMITS
            .iter()
            .find(|(n, _, _)| *n == name.trim())
            .ok_or_else(|| bad(format!("unknown type {name:?} (one of {})", ULIMITS.iter().map(|x| x.0).collect::<Vec<_>>().join(", "))))?;
        let num = |v: &str| -> Result<u64> {
            match v.trim() {
                "-1" | "unlimited" => Ok(u64::MAX),
                v => v.parse::<u64>().map_err(|_| bad(format!("{v:?} is not a number"))),
            }
        };
        let (soft, hard) = match values.split_once(':') {
            Some((s, h)) => (num(s)?, num(h)?),
            None => (num(values)?, num(values)?),
        };
        if soft > hard {
            return Err(bad("the soft limit is above the hard limit".into()));
        }
        let own = own_hard_limit(resource);
        if hard > own && !crate::runtime::userns::already_privileged() {
            let show = |v: u64| if v == u64::MAX { "unlimited".to_string() } else { v.to_string() };
            return Err(bad(format!(
                "the hard limit {} is above your own ({}); rootless containers cannot raise it (raise it for your session first)",
                show(hard),
                show(own)
            )));
        }
        out.retain(|(t, _, _)| t != typ);
        out.push((typ.to_string(), soft, hard));
    }
    if !out.iter().any(|(t, _, _)| t == "RLIMIT_NOFILE") {
        out.insert(0, ("RLIMIT_NOFILE".into(), DEFAULT_NOFILE, DEFAULT_NOFILE));
    }
    Ok(Some(Value::Array(out.into_iter().map(|(t, s, h)| json!({"type": t, "soft": s, "hard": h})).collect())))
}

/// rpod's default nofile limit (lowered at start to what the user may have).
pub const DEFAULT_NOFILE: u64 = 1_048_576;

/// Check `--oom-score-adj`: -1000 to 1000, and without privileges not below
/// rpod's own (the kernel lets a process only raise it).
pub fn oom_score_adj(v: i32) -> Result<i32> {
    if !(-1000..=1000).contains(&v) {
        return Err(Error::bad_input(format!("invalid --oom-score-adj {v}: -1000 to 1000")));
    }
    let own: i32 = std::fs::read_to_string("/proc/self/oom_score_adj").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0);
    if v < own && !crate::runtime::userns::already_privileged() {
        return Err(Error::bad_input(format!("--oom-score-adj {v} is below your own ({own}): without privileges it can only be raised")));
    }
    Ok(v)
}

/// Podman's default `--pids-limit` where the pids controller is delegated.
pub const DEFAULT_PIDS_LIMIT: i64 = 2048;

/// The controllers a container's limits can use under `manager` (with
/// systemd, those of the user's manager when rpod runs outside it).
pub fn delegated_controllers_for(manager: crate::cgroups::Manager) -> Vec<String> {
    match crate::cgroups::limits_root(manager) {
        Ok(p) => std::fs::read_to_string(p.join("cgroup.controllers")).unwrap_or_default().split_whitespace().map(str::to_string).collect(),
        Err(_) => Vec::new(),
    }
}

/// `resources` with the default pids limit (containers.conf's `pids_limit`,
/// else Podman's [`DEFAULT_PIDS_LIMIT`]; 0 or -1: none) added when the user
/// gave none and `controllers` (the delegated ones) include pids.
pub fn with_default_pids(resources: Option<Value>, o: &LimitOptions, controllers: &[String]) -> Option<Value> {
    let default = crate::config::get().containers.pids_limit.unwrap_or(DEFAULT_PIDS_LIMIT);
    if o.pids_limit.is_some() || default <= 0 || !controllers.iter().any(|c| c == "pids") {
        return resources;
    }
    let mut r = resources.unwrap_or_else(|| json!({}));
    r["pids"] = json!({"limit": default});
    Some(r)
}

/// Merge `new` into `old`: objects key by key, anything else replaced.
fn merge(old: &mut Value, new: &Value) {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            for (k, v) in n {
                merge(o.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
        (o, n) => *o = n.clone(),
    }
}

/// The limit options after an update with `new`: what it gives replaces,
/// and `--cpus` and `--cpu-quota`/`--cpu-period` replace each other.
pub fn merged_options(old: &LimitOptions, new: &LimitOptions) -> LimitOptions {
    let mut m = old.clone();
    macro_rules! take {
        ($($f:ident),*) => { $( if new.$f.is_some() { m.$f = new.$f.clone(); } )* };
    }
    take!(memory, memory_swap, memory_reservation, cpus, cpu_shares, cpu_quota, cpu_period, cpuset_cpus, cpuset_mems, pids_limit, blkio_weight);
    for (m, n) in [
        (&mut m.device_read_bps, &new.device_read_bps),
        (&mut m.device_write_bps, &new.device_write_bps),
        (&mut m.device_read_iops, &new.device_read_iops),
        (&mut m.device_write_iops, &new.device_write_iops),
    ] {
        if !n.is_empty() {
            *m = n.clone();
        }
    }
    if new.cpus.is_some() {
        (m.cpu_quota, m.cpu_period) = (None, None);
    } else if new.cpu_quota.is_some() || new.cpu_period.is_some() {
        m.cpus = None;
    }
    m
}

/// The spec's resources after an update: `new` merged into `old`, checked
/// as a whole (a new memory limit above the old memory+swap is refused).
pub fn merged_resources(old: Option<&oci_spec::runtime::LinuxResources>, new: &Value) -> Result<oci_spec::runtime::LinuxResources> {
    let mut v = match old {
        Some(r) => serde_json::to_value(r).map_err(|e| Error::Other(e.into()))?,
        None => json!({}),
    };
    merge(&mut v, new);
    let typed: oci_spec::runtime::LinuxResources = serde_json::from_value(v).map_err(|e| Error::bad_input(format!("resource limits: {e}")))?;
    crate::cgroups::resources::translate(&typed).map_err(|e| Error::bad_input(e.to_string()))?;
    Ok(typed)
}

/// `update`: change a container's limits. A running container gets them
/// at once in its cgroup (the old ones are written back if a write fails);
/// then the record's spec and options are rewritten in one atomic step, so
/// a restart keeps them. Returns the ID.
pub fn update(engine: &super::Engine, input: &str, o: &LimitOptions) -> Result<String> {
    use crate::cgroups::CgroupManager;
    let rec = super::container::find(engine, input)?;
    let Some(new) = resources(o)? else {
        return Err(Error::bad_input("update needs a limit to change (--memory, --cpus, --pids-limit, ...)"));
    };
    check_delegated(&new, rec.options.as_ref().and_then(|o| o.cgroup_manager).unwrap_or_default())?;
    let old = rec.spec.linux().as_ref().and_then(|l| l.resources().clone());
    let merged = merged_resources(old.as_ref(), &new)?;
    let store = super::container::containers(engine)?;
    let st = store.state(&rec.id)?;
    let running = matches!(st.status, crate::container::Status::Running | crate::container::Status::Paused) && st.pid.is_some_and(|p| p.alive());
    if running {
        let Some(path) = &st.cgroup else {
            let why = crate::cgroups::delegated().err().map(|e| format!("{e:#}")).unwrap_or_else(|| "it was started without a cgroup of its own".into());
            return Err(Error::invalid_state(format!("cannot update the limits of running container {}: {why}", rec.name)));
        };
        let cg = crate::cgroups::Cgroup::open(path);
        if let Err(e) = cg.apply(&merged) {
            if let Some(old) = &old {
                let _ = cg.apply(old);
            }
            return Err(Error::bad_input(format!("updating container {}: {e}", rec.name)));
        }
    }
    store.update_record(&rec.id, |r| {
        let mut linux = r.spec.linux().clone().unwrap_or_default();
        linux.set_resources(Some(merged));
        r.spec.set_linux(Some(linux));
        if let Some(opts) = r.options.as_mut() {
            opts.limits = merged_options(&opts.limits, o);
            opts.process.resources = r.spec.linux().as_ref().and_then(|l| l.resources().as_ref()).and_then(|x| serde_json::to_value(x).ok());
        }
        Ok(())
    })?;
    crate::events::container("update", &rec.id, &rec.name, &rec.image_name, &rec.labels);
    Ok(rec.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn updates_merge_into_the_old_limits() {
        let old: oci_spec::runtime::LinuxResources =
            serde_json::from_value(json!({"memory": {"limit": 100 << 20}, "cpu": {"quota": 20000, "period": 100000, "shares": 512}, "pids": {"limit": 2048}}))
                .unwrap();
        let new = resources(&LimitOptions { memory: Some("200m".into()), cpus: Some(1.0), ..Default::default() }).unwrap().unwrap();
        let m = serde_json::to_value(merged_resources(Some(&old), &new).unwrap()).unwrap();
        assert_eq!(m["memory"]["limit"], 200 << 20);
        assert_eq!((m["cpu"]["quota"].as_i64(), m["cpu"]["period"].as_u64(), m["cpu"]["shares"].as_u64()), (Some(100_000), Some(100_000), Some(512)));
        assert_eq!(m["pids"]["limit"], 2048);
        // A memory limit above the old memory+swap is refused as a whole.
        let old: oci_spec::runtime::LinuxResources = serde_json::from_value(json!({"memory": {"limit": 100 << 20, "swap": 150 << 20}})).unwrap();
        let new = resources(&LimitOptions { memory: Some("200m".into()), ..Default::default() }).unwrap().unwrap();
        assert!(merged_resources(Some(&old), &new).is_err());
        let o = merged_options(
            &LimitOptions { cpu_quota: Some(20000), cpu_period: Some(50000), memory: Some("1g".into()), ..Default::default() },
            &LimitOptions { cpus: Some(0.5), ..Default::default() },
        );
        assert_eq!((o.cpus, o.cpu_quota, o.cpu_period, o.memory.as_deref()), (Some(0.5), None, None, Some("1g")));
    }

    #[test]
    fn pids_default_only_where_delegated_and_not_given() {
        let pids = ["memory".to_string(), "pids".to_string()];
        assert_eq!(with_default_pids(None, &LimitOptions::default(), &pids), Some(json!({"pids": {"limit": 2048}})));
        assert_eq!(with_default_pids(None, &LimitOptions::default(), &["memory".to_string()]), None);
        let given = LimitOptions { pids_limit: Some(10), ..Default::default() };
        assert_eq!(with_default_pids(Some(json!({"pids": {"limit": 10}})), &given, &pids), Some(json!({"pids": {"limit": 10}})));
        assert_eq!(with_default_pids(Some(json!({"memory": {"limit": 1}})), &LimitOptions::default(), &pids).unwrap()["pids"]["limit"], 2048);
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_bytes("100m").unwrap(), 100 << 20);
        assert_eq!(parse_bytes("1g").unwrap(), 1 << 30);
        assert_eq!(parse_bytes("1GB").unwrap(), 1 << 30);
        assert_eq!(parse_bytes("512k").unwrap(), 512 << 10);
        assert_eq!(parse_bytes("1024").unwrap(), 1024);
        assert_eq!(parse_bytes("1.5g").unwrap(), 3 << 29);
        for bad in ["", "m", "10x", "-5m", "1e400g"] {
            assert!(parse_bytes(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn limits_to_resources() {
        let o = LimitOptions {
            memory: Some("100m".into()),
            memory_swap: Some("200m".into()),
            cpus: Some(0.5),
            pids_limit: Some(100),
            cpuset_cpus: Some("0".into()),
            blkio_weight: Some(500),
            ..Default::default()
        };
        let r = resources(&o).unwrap().unwrap();
        assert_eq!(r["memory"]["limit"], 100 << 20);
        assert_eq!(r["memory"]["swap"], 200 << 20);
        assert_eq!((r["cpu"]["quota"].as_i64(), r["cpu"]["period"].as_u64()), (Some(50_000), Some(100_000)));
        assert_eq!(r["cpu"]["cpus"], "0");
        assert_eq!(r["pids"]["limit"], 100);
        assert_eq!(r["blockIO"]["weight"], 500);
        assert_eq!(resources(&LimitOptions::default()).unwrap(), None);
        assert_eq!(resources(&LimitOptions { pids_limit: Some(0), ..Default::default() }).unwrap().unwrap()["pids"]["limit"], -1);
    }

    #[test]
    fn bad_limits() {
        for o in [
            LimitOptions { memory: Some("1k".into()), ..Default::default() },
            LimitOptions { memory_swap: Some("1g".into()), ..Default::default() },
            LimitOptions { memory: Some("1g".into()), memory_swap: Some("100m".into()), ..Default::default() },
            LimitOptions { cpus: Some(0.0), ..Default::default() },
            LimitOptions { cpus: Some(1.0), cpu_quota: Some(5000), ..Default::default() },
            LimitOptions { cpu_period: Some(10), ..Default::default() },
            LimitOptions { cpuset_cpus: Some("0;rm -rf".into()), ..Default::default() },
            LimitOptions { cpuset_cpus: Some("3-1".into()), ..Default::default() },
            LimitOptions { blkio_weight: Some(5), ..Default::default() },
        ] {
            assert!(resources(&o).is_err(), "{o:?}");
        }
    }
}

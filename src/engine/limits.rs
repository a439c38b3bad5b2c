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
    if let Some(w) = o.blkio_weight {
        if !(10..=1000).contains(&w) {
            return Err(Error::bad_input("--blkio-weight: 10 to 1000"));
        }
        r.insert("blockIO".into(), json!({"weight": w}));
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
pub fn check_delegated(resources: &Value) -> Result<()> {
    let typed: oci_spec::runtime::LinuxResources = serde_json::from_value(resources.clone()).map_err(|e| Error::bad_input(format!("resource limits: {e}")))?;
    let writes = crate::cgroups::resources::translate(&typed).map_err(|e| Error::bad_input(e.to_string()))?;
    let parent = crate::cgroups::delegated().map_err(|e| Error::bad_input(format!("resource limits need a cgroup v2 subtree delegated to you: {e:#}")))?;
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

#[cfg(test)]
mod tests {
    use super::*;

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

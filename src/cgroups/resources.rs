//! `linux.resources` of the OCI spec as cgroup v2 file writes: which file,
//! which value, in which order. Pure: the real [`Cgroup`](super::Cgroup) and
//! the fake [`RecordingCgroup`](super::RecordingCgroup) both apply what this
//! returns, so unit tests of the translation need no cgroup at all.
//!
//! Conversions follow runc/crun (what Podman uses): `cpu.shares` becomes
//! `cpu.weight` by `1 + ((shares - 2) * 9999) / 262142`; the spec's swap is
//! memory+swap, `memory.swap.max` is swap alone; a blkio weight (10-1000)
//! becomes an io weight (1-10000) by `1 + (weight - 10) * 9999 / 990`.
//! What cgroup v2 cannot express is an error, never dropped. The one
//! exception is the device allow-list: without privileges there is no
//! eBPF device program to load, and the container's `/dev` holds only
//! the harmless nodes rpod binds (as rootless Podman does).

use std::collections::BTreeMap;

use oci_spec::runtime::{LinuxBlockIo, LinuxCpu, LinuxMemory, LinuxResources};

use super::CgroupError;

/// One write to a file of the container's cgroup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write {
    /// The interface file, e.g. `memory.max`.
    pub file: String,
    pub value: String,
}

impl Write {
    fn new(file: impl Into<String>, value: impl Into<String>) -> Write {
        Write { file: file.into(), value: value.into() }
    }

    /// The controller that provides the file (`memory` for `memory.max`);
    /// none for the core `cgroup.*` files.
    pub fn controller(&self) -> Option<&str> {
        let (c, _) = self.file.split_once('.')?;
        (c != "cgroup").then_some(c)
    }
}

fn unsupported(what: &str, why: &str) -> CgroupError {
    CgroupError::Unsupported { what: what.to_string(), why: why.to_string() }
}

fn invalid(what: &str, why: impl Into<String>) -> CgroupError {
    CgroupError::Invalid { what: what.to_string(), why: why.into() }
}

/// The writes that apply `r`, in order.
pub fn translate(r: &LinuxResources) -> Result<Vec<Write>, CgroupError> {
    let mut out = Vec::new();
    if let Some(m) = r.memory() {
        memory(m, &mut out)?;
    }
    if let Some(c) = r.cpu() {
        cpu(c, &mut out)?;
    }
    if let Some(p) = r.pids() {
        // As runc: 0 is unset, negative is no limit.
        match p.limit() {
            0 => {}
            n if n < 0 => out.push(Write::new("pids.max", "max")),
            n => out.push(Write::new("pids.max", n.to_string())),
        }
    }
    if let Some(b) = r.block_io() {
        block_io(b, &mut out)?;
    }
    for h in r.hugepage_limits().as_deref().unwrap_or_default() {
        let size = h.page_size();
        if size.is_empty() || !size.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(invalid("hugepage size", format!("{size:?}")));
        }
        out.push(Write::new(format!("hugetlb.{size}.max"), h.limit().to_string()));
    }
    if let Some(n) = r.network() {
        if n.class_id().is_some() || n.priorities().as_ref().is_some_and(|p| !p.is_empty()) {
            return Err(unsupported("network class id and priorities", "net_cls and net_prio exist only in cgroup v1"));
        }
    }
    let rdma: BTreeMap<_, _> = r.rdma().iter().flatten().collect();
    for (dev, l) in rdma {
        let n = |v: Option<u32>| v.map_or("max".to_string(), |v| v.to_string());
        out.push(Write::new("rdma.max", format!("{dev} hca_handle={} hca_object={}", n(l.hca_handles()), n(l.hca_objects()))));
    }
    // Last, so that they override the typed fields, as in runc.
    let unified: BTreeMap<_, _> = r.unified().iter().flatten().collect();
    for (key, value) in unified {
        if key.contains('/') || key.starts_with('.') || !key.contains('.') {
            return Err(invalid("unified key", format!("{key:?} is not a cgroup interface file")));
        }
        out.push(Write::new(key.clone(), value.clone()));
    }
    Ok(out)
}

/// A byte limit: -1 is no limit.
fn bytes(what: &str, v: i64) -> Result<String, CgroupError> {
    match v {
        -1 => Ok("max".into()),
        v if v < 0 => Err(invalid(what, format!("{v} (use -1 for no limit)"))),
        v => Ok(v.to_string()),
    }
}

fn memory(m: &LinuxMemory, out: &mut Vec<Write>) -> Result<(), CgroupError> {
    if m.kernel().is_some() || m.kernel_tcp().is_some() {
        return Err(unsupported("kernel memory limits", "cgroup v2 accounts kernel memory in memory.max"));
    }
    if m.swappiness().is_some() {
        return Err(unsupported("memory swappiness", "cgroup v2 has no per-cgroup swappiness"));
    }
    if m.disable_oom_killer() == Some(true) {
        return Err(unsupported("disabling the OOM killer", "cgroup v2 has no oom_control"));
    }
    // As runc, 0 means unset.
    let limit = m.limit().filter(|l| *l != 0);
    if let Some(l) = limit {
        out.push(Write::new("memory.max", bytes("memory limit", l)?));
    }
    if let Some(v) = swap_v2(m.swap().unwrap_or(0), limit.unwrap_or(0))? {
        out.push(Write::new("memory.swap.max", v));
    }
    if let Some(r) = m.reservation().filter(|r| *r != 0) {
        out.push(Write::new("memory.low", bytes("memory reservation", r)?));
    }
    Ok(())
}

/// `memory.swap.max` from the spec's memory+swap total (runc's
/// ConvertMemorySwapToCgroupV2Value); 0 is unset.
fn swap_v2(swap: i64, limit: i64) -> Result<Option<String>, CgroupError> {
    match (swap, limit) {
        // Memory unlimited, swap unset: both unlimited.
        (0, -1) | (-1, _) => Ok(Some("max".into())),
        (0, _) => Ok(None),
        (_, 0) | (_, -1) => Err(invalid("memory swap", "a swap limit needs a memory limit")),
        (s, _) if s < 0 => Err(invalid("memory swap", format!("{s} (use -1 for no limit)"))),
        (_, l) if l < 0 => Err(invalid("memory limit", format!("{l} (use -1 for no limit)"))),
        (s, l) if s < l => Err(invalid("memory swap", format!("memory+swap ({s}) must be at least the memory limit ({l})"))),
        (s, l) => Ok(Some((s - l).to_string())),
    }
}

/// Podman's (runc's) conversion of cgroup v1 CPU shares to a v2 weight.
pub fn shares_to_weight(shares: u64) -> u64 {
    let shares = shares.clamp(2, 262_144);
    1 + ((shares - 2) * 9999) / 262_142
}

/// runc's conversion of a blkio weight (10-1000) to an io weight (1-10000).
pub fn blkio_to_io_weight(weight: u16) -> u64 {
    let w = u64::from(weight.clamp(10, 1000));
    1 + (w - 10) * 9999 / 990
}

fn cpu(c: &LinuxCpu, out: &mut Vec<Write>) -> Result<(), CgroupError> {
    if c.realtime_runtime().is_some() || c.realtime_period().is_some() {
        return Err(unsupported("realtime CPU limits", "cgroup v2 has no cpu.rt_* files"));
    }
    if let Some(s) = c.shares().filter(|s| *s != 0) {
        out.push(Write::new("cpu.weight", shares_to_weight(s).to_string()));
    }
    let quota = c.quota().filter(|q| *q != 0);
    let period = c.period().filter(|p| *p != 0);
    if quota.is_some() || period.is_some() {
        let q = quota.filter(|q| *q > 0).map_or("max".to_string(), |q| q.to_string());
        out.push(Write::new("cpu.max", format!("{q} {}", period.unwrap_or(100_000))));
    }
    if let Some(b) = c.burst() {
        out.push(Write::new("cpu.max.burst", b.to_string()));
    }
    if let Some(i) = c.idle() {
        out.push(Write::new("cpu.idle", i.to_string()));
    }
    if let Some(cpus) = c.cpus().as_deref().filter(|s| !s.is_empty()) {
        out.push(Write::new("cpuset.cpus", cpus));
    }
    if let Some(mems) = c.mems().as_deref().filter(|s| !s.is_empty()) {
        out.push(Write::new("cpuset.mems", mems));
    }
    Ok(())
}

fn block_io(b: &LinuxBlockIo, out: &mut Vec<Write>) -> Result<(), CgroupError> {
    if b.leaf_weight().is_some() || b.weight_device().iter().flatten().any(|d| d.leaf_weight().is_some()) {
        return Err(unsupported("blkio leaf weights", "they belong to cgroup v1's CFQ scheduler"));
    }
    if let Some(w) = b.weight().filter(|w| *w != 0) {
        out.push(Write::new("io.weight", format!("default {}", blkio_to_io_weight(w))));
    }
    for d in b.weight_device().iter().flatten() {
        if let Some(w) = d.weight() {
            out.push(Write::new("io.weight", format!("{}:{} {}", d.major(), d.minor(), blkio_to_io_weight(w))));
        }
    }
    // io.max takes one line per device with every limit of it; a rate of 0
    // removes the limit, as it did in cgroup v1.
    let mut max: BTreeMap<(i64, i64), Vec<String>> = BTreeMap::new();
    for (key, list) in [
        ("rbps", b.throttle_read_bps_device()),
        ("wbps", b.throttle_write_bps_device()),
        ("riops", b.throttle_read_iops_device()),
        ("wiops", b.throttle_write_iops_device()),
    ] {
        for d in list.iter().flatten() {
            let rate = if d.rate() == 0 { "max".to_string() } else { d.rate().to_string() };
            max.entry((d.major(), d.minor())).or_default().push(format!("{key}={rate}"));
        }
    }
    for ((major, minor), limits) in max {
        out.push(Write::new("io.max", format!("{major}:{minor} {}", limits.join(" "))));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn res(v: serde_json::Value) -> LinuxResources {
        serde_json::from_value(v).unwrap()
    }

    fn writes(v: serde_json::Value) -> Vec<(String, String)> {
        translate(&res(v)).unwrap().into_iter().map(|w| (w.file, w.value)).collect()
    }

    fn w(f: &str, v: &str) -> (String, String) {
        (f.to_string(), v.to_string())
    }

    #[test]
    fn nothing_asked_nothing_written() {
        assert_eq!(writes(json!({})), []);
        // The device allow-list is not a cgroup matter rootless (see the module doc).
        assert_eq!(writes(json!({"devices": [{"allow": false, "access": "rwm"}]})), []);
    }

    #[test]
    fn memory() {
        assert_eq!(
            writes(json!({"memory": {"limit": 268435456, "swap": 536870912, "reservation": 134217728}})),
            [w("memory.max", "268435456"), w("memory.swap.max", "268435456"), w("memory.low", "134217728")]
        );
        assert_eq!(writes(json!({"memory": {"limit": -1}})), [w("memory.max", "max"), w("memory.swap.max", "max")]);
        assert_eq!(writes(json!({"memory": {"limit": 1000, "swap": -1}})), [w("memory.max", "1000"), w("memory.swap.max", "max")]);
        assert_eq!(writes(json!({"memory": {"limit": 1000, "swap": 1000}})), [w("memory.max", "1000"), w("memory.swap.max", "0")]);
        assert_eq!(writes(json!({"memory": {"limit": 1000}})), [w("memory.max", "1000")]);
        for bad in [
            json!({"swap": 1000}),
            json!({"limit": 2000, "swap": 1000}),
            json!({"limit": -5}),
            json!({"swappiness": 10}),
            json!({"kernel": 1}),
            json!({"disableOOMKiller": true}),
        ] {
            assert!(translate(&res(json!({"memory": bad}))).is_err(), "{bad}");
        }
    }

    #[test]
    fn cpu() {
        assert_eq!(shares_to_weight(1024), 39);
        assert_eq!(shares_to_weight(2), 1);
        assert_eq!(shares_to_weight(262_144), 10_000);
        assert_eq!(shares_to_weight(1), 1, "clamped, no underflow");
        assert_eq!(shares_to_weight(u64::MAX), 10_000);
        assert_eq!(
            writes(json!({"cpu": {"shares": 512, "quota": 50000, "period": 200000, "cpus": "0-1", "mems": "0"}})),
            [w("cpu.weight", "20"), w("cpu.max", "50000 200000"), w("cpuset.cpus", "0-1"), w("cpuset.mems", "0")]
        );
        assert_eq!(writes(json!({"cpu": {"quota": 25000}})), [w("cpu.max", "25000 100000")]);
        assert_eq!(writes(json!({"cpu": {"quota": -1, "period": 50000}})), [w("cpu.max", "max 50000")]);
        assert_eq!(writes(json!({"cpu": {"burst": 1000, "idle": 1}})), [w("cpu.max.burst", "1000"), w("cpu.idle", "1")]);
        assert!(translate(&res(json!({"cpu": {"realtimeRuntime": 1000}}))).is_err());
    }

    #[test]
    fn pids() {
        assert_eq!(writes(json!({"pids": {"limit": 100}})), [w("pids.max", "100")]);
        assert_eq!(writes(json!({"pids": {"limit": -1}})), [w("pids.max", "max")]);
        assert_eq!(writes(json!({"pids": {"limit": 0}})), []);
    }

    #[test]
    fn block_io() {
        assert_eq!(blkio_to_io_weight(10), 1);
        assert_eq!(blkio_to_io_weight(500), 4950);
        assert_eq!(blkio_to_io_weight(1000), 10_000);
        assert_eq!(
            writes(json!({"blockIO": {
                "weight": 500,
                "weightDevice": [{"major": 8, "minor": 0, "weight": 1000}],
                "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 1048576}, {"major": 253, "minor": 1, "rate": 0}],
                "throttleWriteIOPSDevice": [{"major": 8, "minor": 0, "rate": 100}],
            }})),
            [w("io.weight", "default 4950"), w("io.weight", "8:0 10000"), w("io.max", "8:0 rbps=1048576 wiops=100"), w("io.max", "253:1 rbps=max")]
        );
        assert!(translate(&res(json!({"blockIO": {"leafWeight": 10}}))).is_err());
    }

    #[test]
    fn hugepages_rdma_unified_network() {
        assert_eq!(writes(json!({"hugepageLimits": [{"pageSize": "2MB", "limit": 4194304}]})), [w("hugetlb.2MB.max", "4194304")]);
        assert_eq!(writes(json!({"rdma": {"mlx5_0": {"hcaHandles": 3}}})), [w("rdma.max", "mlx5_0 hca_handle=3 hca_object=max")]);
        assert_eq!(
            writes(json!({"pids": {"limit": 10}, "unified": {"pids.max": "20", "memory.high": "1G"}})),
            [w("pids.max", "10"), w("memory.high", "1G"), w("pids.max", "20")]
        );
        assert!(translate(&res(json!({"unified": {"../memory.max": "1"}}))).is_err());
        assert!(translate(&res(json!({"unified": {"nodot": "1"}}))).is_err());
        assert!(translate(&res(json!({"hugepageLimits": [{"pageSize": "../x", "limit": 1}]}))).is_err());
        assert!(translate(&res(json!({"network": {"classID": 1}}))).is_err());
        assert_eq!(Write::new("memory.max", "1").controller(), Some("memory"));
        assert_eq!(Write::new("cgroup.max.depth", "1").controller(), None);
    }
}

//! `info` and `version`: facts about this host and this rpod.

use serde::Serialize;

use super::Engine;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdMappings {
    pub uidmap: Vec<IdMap>,
    pub gidmap: Vec<IdMap>,
}

/// One mapping line, with Podman's field names.
#[derive(Debug, Serialize)]
pub struct IdMap {
    pub container_id: u32,
    pub host_id: u32,
    pub size: u32,
}

fn lines(l: &[crate::runtime::userns::MapLine]) -> Vec<IdMap> {
    l.iter().map(|x| IdMap { container_id: x.inside, host_id: x.outside, size: x.count }).collect()
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Host {
    pub arch: String,
    pub os: String,
    pub kernel: String,
    pub hostname: String,
    pub cgroup_version: String,
    pub cgroup_manager: String,
    /// The cgroup v2 controllers the user can use for limits: those of the
    /// delegated subtree (Podman's `cgroupControllers`); empty without one.
    pub cgroup_controllers: Vec<String>,
    pub cpus: usize,
    /// Since boot, from /proc/stat, as Podman computes it.
    pub cpu_utilization: CpuUsage,
    pub distribution: Distribution,
    pub event_logger: String,
    /// containers.conf's `log_driver`, else k8s-file.
    pub log_driver: String,
    pub mem_total: u64,
    pub mem_free: u64,
    /// rpod has no backend for user-defined networks (Podman: netavark or cni).
    pub network_backend: String,
    pub oci_runtime: OciRuntime,
    pub security: Security,
    pub id_mappings: Option<IdMappings>,
    pub id_mapping_error: Option<String>,
    pub helpers: Vec<Helper>,
    /// The network mode containers get by default (Podman 5's `rootlessNetworkCmd`).
    pub rootless_network_cmd: String,
    /// pasta and slirp4netns: where found, and the package that ships each.
    pub network_helpers: Vec<crate::network::HelperInfo>,
    /// rpod is daemonless: never a remote service.
    pub service_is_remote: bool,
    pub swap_free: u64,
    pub swap_total: u64,
    /// Podman's shape: `3h 54m 19.00s (Approximately 0.12 days)`.
    pub uptime: String,
    /// Whether the binary is linked statically.
    pub linkmode: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CpuUsage {
    pub user_percent: f64,
    pub system_percent: f64,
    pub idle_percent: f64,
}

/// Podman's `cpuUtilization`: the shares of user, system and idle time
/// since boot (the first `cpu` line of /proc/stat), rounded to 0.01.
fn cpu_utilization(stat: &str) -> CpuUsage {
    let nums: Vec<f64> = stat.lines().next().unwrap_or("").split_whitespace().skip(1).filter_map(|x| x.parse().ok()).collect();
    let total: f64 = nums.iter().sum();
    let pct = |i: usize| if total > 0.0 { (nums.get(i).copied().unwrap_or(0.0) / total * 100.0 * 100.0).round() / 100.0 } else { 0.0 };
    CpuUsage { user_percent: pct(0), system_percent: pct(2), idle_percent: pct(3) }
}

/// Podman's uptime text from /proc/uptime's first field.
fn uptime(proc_uptime: &str) -> String {
    let secs = proc_uptime.split_whitespace().next().and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0).max(0.0);
    let whole = secs as u64;
    format!("{}h {}m {}.00s (Approximately {:.2} days)", whole / 3600, whole / 60 % 60, whole % 60, secs / 86400.0)
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Security {
    pub rootless: bool,
    pub seccomp_enabled: bool,
    pub seccomp_profile_path: String,
    /// The default capabilities, comma-separated.
    pub capabilities: String,
    pub selinux_enabled: bool,
    pub apparmor_enabled: bool,
}

/// From /etc/os-release, with Podman's field names.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Distribution {
    pub distribution: String,
    pub version: String,
    pub codename: String,
}

/// The OCI runtime: rpod's own, in-process.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OciRuntime {
    pub name: String,
    pub package: String,
    pub path: String,
    pub version: String,
}

fn distribution() -> Distribution {
    let text = std::fs::read_to_string("/etc/os-release").or_else(|_| std::fs::read_to_string("/usr/lib/os-release")).unwrap_or_default();
    let get = |k: &str| {
        text.lines().find_map(|l| l.strip_prefix(k).and_then(|r| r.strip_prefix('='))).map(|v| v.trim().trim_matches('"').to_string()).unwrap_or_default()
    };
    Distribution { distribution: get("ID"), version: get("VERSION_ID"), codename: get("VERSION_CODENAME") }
}

/// (MemTotal, MemFree, SwapTotal, SwapFree) in bytes from /proc/meminfo.
fn memory() -> (u64, u64, u64, u64) {
    let text = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let get = |k: &str| {
        text.lines().find_map(|l| l.strip_prefix(k)).and_then(|r| r.trim().trim_end_matches("kB").trim().parse::<u64>().ok()).map(|kb| kb * 1024).unwrap_or(0)
    };
    (get("MemTotal:"), get("MemFree:"), get("SwapTotal:"), get("SwapFree:"))
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Helper {
    pub name: String,
    pub path: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoreInfo {
    pub container_store: ContainerCount,
    pub graph_root: String,
    pub run_root: String,
    pub graph_driver_name: String,
    /// `overlay.mount_program` when storage.conf names one (Podman's shape).
    pub graph_options: serde_json::Map<String, serde_json::Value>,
    /// Facts about the driver's backing (Podman's keys for overlay; empty for vfs).
    pub graph_status: std::collections::BTreeMap<String, String>,
    pub graph_root_allocated: u64,
    pub graph_root_used: u64,
    /// What `overlay` uses here: native overlayfs, or fuse-overlayfs.
    pub overlay_backend: String,
    pub image_store: Count,
    pub registries_conf_files: Vec<String>,
    /// The user's storage.conf (whether or not it exists, as Podman shows it).
    pub config_file: String,
    pub volume_path: String,
}

/// Podman's `plugins` section: what rpod accepts for each kind.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plugins {
    pub volume: Vec<String>,
    pub network: Vec<String>,
    pub log: Vec<String>,
    pub authorization: Option<Vec<String>>,
}

/// Podman's name for the file system type under the store.
fn backing_fs(path: &std::path::Path) -> String {
    use nix::sys::statfs as f;
    match f::statfs(path).map(|s| s.filesystem_type()) {
        Ok(t) if t == f::EXT4_SUPER_MAGIC => "extfs".into(),
        Ok(t) if t == f::XFS_SUPER_MAGIC => "xfs".into(),
        Ok(t) if t == f::TMPFS_MAGIC => "tmpfs".into(),
        Ok(t) if t == f::BTRFS_SUPER_MAGIC => "btrfs".into(),
        Ok(t) if t == f::OVERLAYFS_SUPER_MAGIC => "overlayfs".into(),
        Ok(t) => format!("0x{:x}", t.0),
        Err(_) => "unknown".into(),
    }
}

#[derive(Debug, Serialize)]
pub struct Count {
    pub number: usize,
}

#[derive(Debug, Serialize, Default)]
pub struct ContainerCount {
    pub number: usize,
    pub paused: usize,
    pub running: usize,
    pub stopped: usize,
}

fn container_count(engine: &Engine) -> ContainerCount {
    let o = super::container::PsOptions { all: true, ..Default::default() };
    let mut c = ContainerCount::default();
    for s in super::container::ps(engine, &o).unwrap_or_default() {
        c.number += 1;
        match s.state {
            crate::container::Status::Running | crate::container::Status::Stopping => c.running += 1,
            crate::container::Status::Paused => c.paused += 1,
            _ => c.stopped += 1,
        }
    }
    c
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Info {
    pub host: Host,
    /// registries.conf as Podman's info shows it: `search`, and each
    /// `[[registry]]` under its prefix.
    pub registries: serde_json::Map<String, serde_json::Value>,
    pub store: StoreInfo,
    pub plugins: Plugins,
    pub version: Version,
}

/// Podman's `info.registries`: Go's field names of `sysregistriesv2.Registry`.
fn registries_report(conf: &crate::image::registries::RegistriesConf) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::json;
    let mut m = serde_json::Map::new();
    for r in &conf.registries {
        let mirrors: Vec<serde_json::Value> = r
            .mirror
            .iter()
            .map(|x| json!({ "Location": x.location, "Insecure": x.insecure, "PullFromMirror": x.pull_from_mirror.clone().unwrap_or_default() }))
            .collect();
        m.insert(
            r.key().to_string(),
            json!({ "Prefix": r.key(), "Location": r.location, "Insecure": r.insecure, "PullFromMirror": "", "Mirrors": mirrors, "Blocked": r.blocked, "MirrorByDigestOnly": r.mirror_by_digest_only }),
        );
    }
    if !conf.search.is_empty() {
        m.insert("search".into(), json!(conf.search));
    }
    m
}

/// `version`'s client report, with Podman's keys (`define.Version`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Version {
    /// rpod serves no API: the same as `Version`, as Podman's own build reports it.
    #[serde(rename = "APIVersion")]
    pub api_version: String,
    pub version: String,
    /// Podman's key for its compiler: here rustc's version.
    pub go_version: String,
    pub git_commit: String,
    /// `Built` as Go's `time.ANSIC` (UTC).
    pub built_time: String,
    /// Unix time of the build: `SOURCE_DATE_EPOCH` when the build set it, else 0 (unknown), as Debian's Podman shows.
    pub built: i64,
    #[serde(rename = "OsArch")]
    pub os_arch: String,
    pub os: String,
}

/// Go's `time.ANSIC` layout (`Mon Jan _2 15:04:05 2006`) of a Unix time, in UTC.
pub fn ansic(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0).map(|t| t.format("%a %b %e %H:%M:%S %Y").to_string()).unwrap_or_default()
}

pub fn version() -> Version {
    let built = option_env!("RPOD_SOURCE_DATE_EPOCH").and_then(|s| s.trim().parse().ok()).unwrap_or(0);
    Version {
        api_version: env!("CARGO_PKG_VERSION").into(),
        version: env!("CARGO_PKG_VERSION").into(),
        go_version: option_env!("RPOD_RUSTC_VERSION").unwrap_or("unknown").into(),
        git_commit: option_env!("RPOD_GIT_COMMIT").unwrap_or("").into(),
        built_time: ansic(built),
        built,
        os_arch: format!("linux/{}", crate::image::platform::go_arch(std::env::consts::ARCH)),
        os: "linux".into(),
    }
}

fn cgroup_version() -> String {
    match nix::sys::statfs::statfs("/sys/fs/cgroup") {
        Ok(s) if s.filesystem_type() == nix::sys::statfs::CGROUP2_SUPER_MAGIC => "v2".into(),
        Ok(_) => match nix::sys::statfs::statfs("/sys/fs/cgroup/unified") {
            Ok(u) if u.filesystem_type() == nix::sys::statfs::CGROUP2_SUPER_MAGIC => "v1 (hybrid; v2 at /sys/fs/cgroup/unified)".into(),
            _ => "v1".into(),
        },
        Err(_) => "unknown".into(),
    }
}

/// A helper as the runtime and the network layer look for it.
fn which(name: &str) -> Option<String> {
    let found = match name {
        "newuidmap" | "newgidmap" => crate::runtime::userns::helper_path(name),
        _ => crate::network::find_helper(name),
    };
    found.map(|p| p.display().to_string())
}

pub fn info(engine: &Engine) -> Info {
    let uts = nix::sys::utsname::uname().ok();
    let kernel = uts.as_ref().map(|u| u.release().to_string_lossy().into_owned()).unwrap_or_default();
    let hostname = nix::unistd::gethostname().map(|h| h.to_string_lossy().into_owned()).unwrap_or_default();
    let rootless = !nix::unistd::getuid().is_root() || engine.idmap.is_some();
    let (id_mappings, id_mapping_error) = if nix::unistd::getuid().is_root() && engine.idmap.is_none() {
        (None, None)
    } else {
        match crate::runtime::userns::IdMap::for_current_user() {
            Ok(m) => (Some(IdMappings { uidmap: lines(&m.uids), gidmap: lines(&m.gids) }), None),
            Err(e) => (None, Some(format!("{e:#}"))),
        }
    };
    let helpers = ["newuidmap", "newgidmap", "fuse-overlayfs", "pasta", "slirp4netns"].iter().map(|n| Helper { name: n.to_string(), path: which(n) }).collect();
    let images = engine.store.images().map(|i| i.len()).unwrap_or(0);
    let regs = engine.registries().unwrap_or_default();
    let conf_files = regs.files.iter().map(|f| f.display().to_string()).collect();
    let (mem_total, mem_free, swap_total, swap_free) = memory();
    let conf = crate::config::get();
    let native = crate::runtime::rootfs::probe_native_overlay(&engine.paths.runroot.join(format!("probe-{}", std::process::id())));
    let overlay = engine.driver != "vfs";
    let mut graph_status = std::collections::BTreeMap::new();
    if overlay {
        graph_status.insert("Backing Filesystem".to_string(), backing_fs(&engine.paths.root));
        graph_status.insert("Native Overlay Diff".to_string(), (native && engine.driver == "overlay").to_string());
        graph_status.insert("Supports d_type".to_string(), "true".to_string());
        graph_status.insert("Using metacopy".to_string(), "false".to_string());
    }
    let mut graph_options = serde_json::Map::new();
    if let Some(p) = crate::config::storage::get().mount_program.as_ref() {
        graph_options.insert("overlay.mount_program".into(), serde_json::json!({ "Executable": p.display().to_string(), "Package": "", "Version": "" }));
    }
    // The fields' integer types differ between architectures.
    #[allow(clippy::unnecessary_cast)]
    let (allocated, used) = nix::sys::statvfs::statvfs(&engine.paths.root)
        .map(|v| {
            let f = v.fragment_size() as u64;
            (v.blocks() as u64 * f, (v.blocks() as u64).saturating_sub(v.blocks_free() as u64) * f)
        })
        .unwrap_or((0, 0));
    let read = |p: &str| crate::storage::read_regular(std::path::Path::new(p), 1 << 16).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    // containers.conf may spell them without `CAP_` (Debian's does); Podman prints them with it.
    let caps: Vec<String> = match &conf.containers.default_capabilities {
        Some(c) => c.iter().map(|c| c.trim().to_uppercase()).map(|c| if c.starts_with("CAP_") { c } else { format!("CAP_{c}") }).collect(),
        None => crate::runtime::caps::DEFAULT_CAPS.iter().map(|c| c.to_string()).collect(),
    };
    let exe = std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_default();
    Info {
        host: Host {
            arch: crate::image::platform::go_arch(std::env::consts::ARCH).into(),
            os: "linux".into(),
            kernel,
            hostname,
            cgroup_version: cgroup_version(),
            cgroup_manager: engine.cgroup_manager.unwrap_or_else(crate::cgroups::Manager::host_default).as_str().into(),
            cgroup_controllers: super::limits::delegated_controllers_for(engine.cgroup_manager.unwrap_or_else(crate::cgroups::Manager::host_default)),
            cpus: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            cpu_utilization: cpu_utilization(&read("/proc/stat")),
            log_driver: conf.containers.log_driver.clone().filter(|d| !d.is_empty()).unwrap_or_else(|| "k8s-file".into()),
            network_backend: "none".into(),
            service_is_remote: false,
            swap_free,
            swap_total,
            uptime: uptime(&read("/proc/uptime")),
            linkmode: if cfg!(target_feature = "crt-static") { "static" } else { "dynamic" }.into(),
            distribution: distribution(),
            event_logger: crate::events::backend().into(),
            mem_total,
            mem_free,
            oci_runtime: OciRuntime { name: "rpod".into(), package: String::new(), path: exe, version: format!("rpod version {}", env!("CARGO_PKG_VERSION")) },
            security: Security {
                rootless,
                seccomp_enabled: true,
                seccomp_profile_path: String::new(),
                capabilities: caps.join(","),
                selinux_enabled: false,
                apparmor_enabled: false,
            },
            id_mappings,
            id_mapping_error,
            helpers,
            rootless_network_cmd: match crate::network::default_mode() {
                Ok(m) => m.name(),
                Err(e) => format!("none ({e})"),
            },
            network_helpers: crate::network::helpers(),
        },
        registries: registries_report(&regs),
        store: StoreInfo {
            container_store: container_count(engine),
            graph_root: engine.paths.root.display().to_string(),
            run_root: engine.paths.runroot.display().to_string(),
            graph_driver_name: engine.driver.clone(),
            graph_options,
            graph_status,
            graph_root_allocated: allocated,
            graph_root_used: used,
            overlay_backend: if native {
                "native overlayfs (userxattr)".into()
            } else if which("fuse-overlayfs").is_some() {
                "fuse-overlayfs".into()
            } else {
                "unavailable: use --storage-driver vfs".into()
            },
            image_store: Count { number: images },
            registries_conf_files: conf_files,
            config_file: crate::config::storage::user_conf_path().map(|p| p.display().to_string()).unwrap_or_default(),
            volume_path: engine.paths.root.join("volumes").display().to_string(),
        },
        plugins: Plugins {
            volume: vec!["local".into()],
            network: Vec::new(),
            log: ["k8s-file", "none", "passthrough", "journald"].iter().map(|s| s.to_string()).collect(),
            authorization: None,
        },
        version: version(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uptime_and_cpu_in_podmans_shapes() {
        assert_eq!(uptime("14059.89 27000.00\n"), "3h 54m 19.00s (Approximately 0.16 days)");
        assert_eq!(uptime(""), "0h 0m 0.00s (Approximately 0.00 days)");
        let c = cpu_utilization("cpu  600 0 100 300 0 0 0 0 0 0\ncpu0 1 2 3 4\n");
        assert_eq!((c.user_percent, c.system_percent, c.idle_percent), (60.0, 10.0, 30.0));
        let z = cpu_utilization("");
        assert_eq!(z.idle_percent, 0.0);
        assert_eq!(ansic(0), "Thu Jan  1 00:00:00 1970");
    }
}

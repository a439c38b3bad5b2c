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
    pub distribution: Distribution,
    pub event_logger: String,
    pub mem_total: u64,
    pub mem_free: u64,
    pub oci_runtime: OciRuntime,
    pub security: Security,
    pub id_mappings: Option<IdMappings>,
    pub id_mapping_error: Option<String>,
    pub helpers: Vec<Helper>,
    /// The network mode containers get by default (Podman 5's `rootlessNetworkCmd`).
    pub rootless_network_cmd: String,
    /// pasta and slirp4netns: where found, and the package that ships each.
    pub network_helpers: Vec<crate::network::HelperInfo>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Security {
    pub rootless: bool,
    pub seccomp_enabled: bool,
    pub seccomp_profile_path: String,
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

/// (MemTotal, MemFree) in bytes from /proc/meminfo.
fn memory() -> (u64, u64) {
    let text = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let get = |k: &str| {
        text.lines().find_map(|l| l.strip_prefix(k)).and_then(|r| r.trim().trim_end_matches("kB").trim().parse::<u64>().ok()).map(|kb| kb * 1024).unwrap_or(0)
    };
    (get("MemTotal:"), get("MemFree:"))
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
    /// What `overlay` uses here: native overlayfs, or fuse-overlayfs.
    pub overlay_backend: String,
    pub image_store: Count,
    pub registries_conf_files: Vec<String>,
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
    let conf = regs.files.iter().map(|f| f.display().to_string()).collect();
    let (mem_total, mem_free) = memory();
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
            distribution: distribution(),
            event_logger: crate::events::backend().into(),
            mem_total,
            mem_free,
            oci_runtime: OciRuntime { name: "rpod".into(), package: String::new(), path: exe, version: format!("rpod version {}", env!("CARGO_PKG_VERSION")) },
            security: Security { rootless, seccomp_enabled: true, seccomp_profile_path: String::new(), selinux_enabled: false, apparmor_enabled: false },
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
            overlay_backend: if crate::runtime::rootfs::probe_native_overlay(&engine.paths.runroot.join(format!("probe-{}", std::process::id()))) {
                "native overlayfs (userxattr)".into()
            } else if which("fuse-overlayfs").is_some() {
                "fuse-overlayfs".into()
            } else {
                "unavailable: use --storage-driver vfs".into()
            },
            image_store: Count { number: images },
            registries_conf_files: conf,
        },
        version: version(),
    }
}

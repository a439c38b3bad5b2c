//! `container inspect`: a typed report in Podman's JSON shape (field names
//! as Podman prints them, so templates like `{{.State.Pid}}` work). Read
//! from the stored record, its create options and its state — never guessed
//! from the spec.

use std::collections::BTreeMap;

use serde::Serialize;

use super::container::{containers, find};
use super::error::Result;
use super::Engine;
use crate::container::{RestartPolicy, Status};

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InspectState {
    pub status: String,
    pub running: bool,
    pub paused: bool,
    pub restarting: bool,
    #[serde(rename = "OOMKilled")]
    pub oom_killed: bool,
    pub dead: bool,
    pub pid: i32,
    pub conmon_pid: i32,
    pub exit_code: i32,
    pub error: String,
    pub started_at: String,
    pub finished_at: String,
    /// Podman prints it for every container, with or without a health check.
    pub health: HealthReport,
}

/// `State.Health`: rpod has no health checks, so always Podman's empty one.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthReport {
    pub status: String,
    pub failing_streak: u32,
    pub log: Option<Vec<serde_json::Value>>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InspectConfig {
    pub hostname: String,
    pub user: String,
    pub env: Vec<String>,
    /// The command, after the entrypoint.
    pub cmd: Vec<String>,
    pub working_dir: String,
    /// Podman 4's shape: the entrypoint's words joined by spaces.
    pub entrypoint: String,
    pub image: String,
    pub labels: BTreeMap<String, String>,
    pub tty: bool,
    pub open_stdin: bool,
    pub stop_signal: String,
    pub stop_timeout: u32,
    /// `--init`.
    pub init: bool,
    /// The spec's annotations (`--annotation`).
    pub annotations: BTreeMap<String, String>,
    /// `--tz`.
    pub timezone: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RestartPolicyReport {
    pub name: String,
    pub maximum_retry_count: u32,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InspectHostConfig {
    pub restart_policy: RestartPolicyReport,
    pub auto_remove: bool,
    pub network_mode: String,
    /// `systemd` or `cgroupfs` (records from before it was stored: cgroupfs).
    pub cgroup_manager: String,
    pub cgroup_parent: String,
    /// `private` or `host`.
    pub cgroupns_mode: String,
    /// `--pid`, `--ipc`, `--uts` as Podman reports them: `private` (IPC:
    /// `shareable` by default, `private`, `none`), `host`,
    /// `container:ID`, `ns:PATH`.
    pub pid_mode: String,
    pub ipc_mode: String,
    #[serde(rename = "UTSMode")]
    pub uts_mode: String,
    pub privileged: bool,
    pub readonly_rootfs: bool,
    pub init: bool,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub security_opt: Vec<String>,
    /// Limits, as Podman names them, from the spec's `linux.resources`
    /// (0: none).
    pub memory: i64,
    pub memory_swap: i64,
    pub memory_reservation: i64,
    pub nano_cpus: i64,
    pub cpu_shares: u64,
    pub cpu_quota: i64,
    pub cpu_period: u64,
    pub cpuset_cpus: String,
    pub cpuset_mems: String,
    pub pids_limit: i64,
    pub blkio_weight: u16,
    /// `-v`/`--mount` as `SOURCE:DEST:OPTIONS` (volumes by name), tmpfs apart.
    pub binds: Vec<String>,
    pub tmpfs: BTreeMap<String, String>,
    pub port_bindings: BTreeMap<String, Option<Vec<PortBinding>>>,
    /// `process.rlimits` of the spec.
    pub ulimits: Vec<UlimitReport>,
    pub dns: Vec<String>,
    pub dns_options: Vec<String>,
    pub dns_search: Vec<String>,
    pub extra_hosts: Vec<String>,
    /// `--log-driver`, `--log-opt` (Podman's `Type`, `Path`, `Tag`, `Size`).
    pub log_config: LogConfigReport,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogConfigReport {
    #[serde(rename = "Type")]
    pub kind: String,
    pub path: String,
    pub tag: String,
    pub size: String,
}

/// One published port as Podman's `Ports`/`PortBindings` show it.
#[derive(Debug, Clone, Serialize)]
pub struct PortBinding {
    #[serde(rename = "HostIp")]
    pub host_ip: String,
    #[serde(rename = "HostPort")]
    pub host_port: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UlimitReport {
    pub name: String,
    pub soft: u64,
    pub hard: u64,
}

/// `NetworkSettings` in Podman 4's shape. Rootless pasta and slirp4netns
/// containers have no address on a network Podman manages, so Podman leaves
/// the address fields empty and prints no `Networks`; rpod does the same.
#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkSettings {
    #[serde(rename = "EndpointID")]
    pub endpoint_id: String,
    pub gateway: String,
    #[serde(rename = "IPAddress")]
    pub ip_address: String,
    #[serde(rename = "IPPrefixLen")]
    pub ip_prefix_len: u32,
    #[serde(rename = "IPv6Gateway")]
    pub ipv6_gateway: String,
    #[serde(rename = "GlobalIPv6Address")]
    pub global_ipv6_address: String,
    #[serde(rename = "GlobalIPv6PrefixLen")]
    pub global_ipv6_prefix_len: u32,
    pub mac_address: String,
    pub bridge: String,
    #[serde(rename = "SandboxID")]
    pub sandbox_id: String,
    pub hairpin_mode: bool,
    #[serde(rename = "LinkLocalIPv6Address")]
    pub link_local_ipv6_address: String,
    #[serde(rename = "LinkLocalIPv6PrefixLen")]
    pub link_local_ipv6_prefix_len: u32,
    pub ports: BTreeMap<String, Option<Vec<PortBinding>>>,
    /// The running container's network namespace (a helper-served one).
    pub sandbox_key: String,
}

/// One container, as `rpod container inspect` shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContainerInspect {
    pub id: String,
    pub created: String,
    pub path: String,
    pub args: Vec<String>,
    pub state: InspectState,
    pub image: String,
    /// The manifest digest of the image the container was made from.
    pub image_digest: String,
    pub image_name: String,
    pub rootfs: String,
    /// The files rpod generated for this start (empty before one).
    pub resolv_conf_path: String,
    pub hostname_path: String,
    pub hosts_path: String,
    pub name: String,
    pub restart_count: u32,
    pub driver: String,
    pub effective_caps: Vec<String>,
    pub bounding_caps: Vec<String>,
    /// rpod keeps no exec sessions: always empty.
    #[serde(rename = "ExecIDs")]
    pub exec_ids: Vec<String>,
    /// `--size` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size_rw: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size_root_fs: Option<u64>,
    pub mounts: Vec<serde_json::Value>,
    /// `--requires`: the IDs of the containers this one needs.
    pub dependencies: Vec<String>,
    pub network_settings: NetworkSettings,
    pub config: InspectConfig,
    pub host_config: InspectHostConfig,
    /// The stored OCI runtime spec.
    #[serde(rename = "OCIConfig")]
    pub oci_config: oci_spec::runtime::Spec,
}

/// A namespace mode as inspect shows it (`default` when none was given).
fn ns_mode(given: &str, default: &str) -> String {
    if given.is_empty() { default } else { given }.to_string()
}

/// Podman's port map: `"80/tcp": [{"HostIp": "", "HostPort": "8080"}]`,
/// one key per port of a range.
pub fn port_bindings(ports: &[crate::network::PortMapping]) -> BTreeMap<String, Option<Vec<PortBinding>>> {
    let mut m: BTreeMap<String, Option<Vec<PortBinding>>> = BTreeMap::new();
    for p in ports {
        for i in 0..p.range.max(1) {
            let key = format!("{}/{}", u32::from(p.container_port) + u32::from(i), p.protocol);
            let host_port = if p.host_port == 0 { String::new() } else { (u32::from(p.host_port) + u32::from(i)).to_string() };
            m.entry(key).or_insert_with(|| Some(Vec::new())).get_or_insert_with(Vec::new).push(PortBinding { host_ip: p.host_ip.clone(), host_port });
        }
    }
    m
}

/// `HostConfig.Binds` and `Tmpfs` as Podman builds them from the mounts.
fn binds(mounts: &[crate::container::mounts::MountRequest]) -> (Vec<String>, BTreeMap<String, String>) {
    use crate::container::mounts::MountKind;
    let (mut binds, mut tmpfs) = (Vec::new(), BTreeMap::new());
    for m in mounts {
        let opts = m.options.join(",");
        match m.kind {
            MountKind::Tmpfs => {
                tmpfs.insert(m.destination.clone(), opts);
            }
            MountKind::Bind | MountKind::Volume if opts.is_empty() => binds.push(format!("{}:{}", m.source, m.destination)),
            MountKind::Bind | MountKind::Volume => binds.push(format!("{}:{}:{opts}", m.source, m.destination)),
            // Podman lists neither in Binds (they are in Mounts).
            MountKind::Devpts | MountKind::Image => {}
        }
    }
    (binds, tmpfs)
}

/// The image's entrypoint unless `--entrypoint` replaced it.
fn entrypoint(engine: &Engine, rec: &crate::container::ContainerRecord, o: &super::container::CreateOptions) -> Vec<String> {
    match &o.process.entrypoint {
        Some(e) if e.is_empty() => Vec::new(),
        Some(e) => serde_json::from_str::<Vec<String>>(e).unwrap_or_else(|_| vec![e.clone()]),
        None if rec.image_id.is_empty() => Vec::new(),
        None => engine
            .store
            .image_config(&rec.image_id)
            .ok()
            .and_then(|c| serde_json::from_slice::<serde_json::Value>(&c).ok())
            .and_then(|c| c.pointer("/config/Entrypoint").and_then(|e| e.as_array()).cloned())
            .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
            .unwrap_or_default(),
    }
}

/// A generated network file of this container's current start, if any.
fn run_file(dir: &std::path::Path, name: &str) -> String {
    let p = dir.join(name);
    if p.is_file() {
        p.display().to_string()
    } else {
        String::new()
    }
}

/// Inspect a container by name, ID or ID prefix.
pub fn inspect(engine: &Engine, input: &str) -> Result<ContainerInspect> {
    inspect_with(engine, input, false)
}

/// Inspect a container; `size` adds `SizeRw` and `SizeRootFs` (`--size`),
/// which walks the container's files.
pub fn inspect_with(engine: &Engine, input: &str, size: bool) -> Result<ContainerInspect> {
    let rec = find(engine, input)?;
    let store = containers(engine)?;
    let st = store.state(&rec.id)?;
    let process = rec.spec.process().clone().unwrap_or_default();
    let args = process.args().clone().unwrap_or_default();
    let o = rec.options.clone().unwrap_or_default();
    let entry = entrypoint(engine, &rec, &o);
    let cmd = match args.strip_prefix(entry.as_slice()) {
        Some(rest) if !entry.is_empty() => rest.to_vec(),
        _ => args.clone(),
    };
    let caps = process.capabilities().clone().unwrap_or_default();
    let cap_names = |s: &Option<std::collections::HashSet<oci_spec::runtime::Capability>>| -> Vec<String> {
        let mut v: Vec<String> = s.as_ref().map(|s| s.iter().map(|c| format!("CAP_{c}")).collect()).unwrap_or_default();
        v.sort();
        v
    };
    let ulimits = process
        .rlimits()
        .clone()
        .unwrap_or_default()
        .iter()
        .map(|r| UlimitReport {
            name: serde_json::to_value(r.typ()).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
            soft: r.soft(),
            hard: r.hard(),
        })
        .collect();
    let running = matches!(st.status, Status::Running | Status::Paused | Status::Stopping);
    let mode = rec.net_mode.clone();
    // Podman names the namespace its helper serves; with --network none it prints none.
    let sandbox_key = match (&st.pid, &mode) {
        (Some(p), Some(m)) if running && m.has_helper() => format!("/proc/{}/ns/net", p.pid),
        _ => String::new(),
    };
    let ports = port_bindings(&rec.ports);
    let rundir = running.then(|| store.rundir(&rec.id));
    let resolv_dir = match (&mode, &rundir) {
        (Some(crate::network::Mode::Container(other)), Some(_)) => Some(store.rundir(other)),
        (_, d) => d.clone(),
    };
    let file = |d: &Option<std::path::PathBuf>, name: &str| d.as_deref().map(|d| run_file(d, name)).unwrap_or_default();
    let (bind_list, tmpfs) = binds(&o.mounts);
    let image_digest =
        engine.store.images().ok().and_then(|all| all.into_iter().find(|i| i.id == rec.image_id)).map(|i| i.digest.to_string()).unwrap_or_default();
    let sizes = size.then(|| {
        let rw = super::system::dir_size(&store.dir(&rec.id).join("diff"));
        let image: u64 = rec.layers.iter().map(|l| engine.store.layer(l).map(|r| r.uncompressed_size).unwrap_or(0)).sum();
        (rw, image + rw)
    });
    let user = o.process.user.clone().unwrap_or_else(|| process.user().uid().to_string());
    let mut security_opt = Vec::new();
    match &o.process.seccomp {
        Some(None) => security_opt.push("seccomp=unconfined".to_string()),
        Some(Some(_)) => security_opt.push("seccomp=(profile)".to_string()),
        None => {}
    }
    if o.process.no_new_privileges {
        security_opt.push("no-new-privileges".into());
    }
    let res = rec.spec.linux().as_ref().and_then(|l| l.resources().as_ref());
    let mem = res.and_then(|r| r.memory().as_ref());
    let cpu = res.and_then(|r| r.cpu().as_ref());
    Ok(ContainerInspect {
        id: rec.id.clone(),
        created: rec.created.clone(),
        path: args.first().cloned().unwrap_or_default(),
        args: args.get(1..).map(|a| a.to_vec()).unwrap_or_default(),
        state: InspectState {
            status: st.status.as_str().into(),
            running: st.status == Status::Running,
            paused: st.status == Status::Paused,
            restarting: false,
            oom_killed: st.oom_killed,
            dead: false,
            pid: st.pid.map(|p| p.pid).unwrap_or(0),
            conmon_pid: st.monitor.map(|p| p.pid).unwrap_or(0),
            exit_code: st.exit_code.unwrap_or(0),
            error: st.error.clone().unwrap_or_default(),
            started_at: st.started_at.clone().unwrap_or_default(),
            finished_at: st.finished_at.clone().unwrap_or_default(),
            health: HealthReport { status: String::new(), failing_streak: 0, log: None },
        },
        image: rec.image_id.clone(),
        image_digest,
        image_name: rec.image_name.clone(),
        resolv_conf_path: file(&resolv_dir, "resolv.conf"),
        hostname_path: file(&rundir, "hostname"),
        hosts_path: file(&resolv_dir, "hosts"),
        effective_caps: cap_names(caps.effective()),
        bounding_caps: cap_names(caps.bounding()),
        exec_ids: Vec::new(),
        size_rw: sizes.map(|s| s.0),
        size_root_fs: sizes.map(|s| s.1),
        dependencies: o.requires.clone(),
        network_settings: NetworkSettings { ports: ports.clone(), sandbox_key, ..Default::default() },
        rootfs: rec.rootfs.as_ref().map(|r| r.path.display().to_string() + if r.overlay { ":O" } else { "" }).unwrap_or_default(),
        name: rec.name.clone(),
        restart_count: st.restart_count,
        driver: rec.driver.clone(),
        mounts: super::volumes::inspect_mounts(engine, &o.mounts),
        config: InspectConfig {
            hostname: rec.spec.hostname().clone().unwrap_or_default(),
            user,
            env: process.env().clone().unwrap_or_default(),
            cmd,
            working_dir: process.cwd().display().to_string(),
            entrypoint: entry.join(" "),
            image: rec.image_name.clone(),
            labels: rec.labels.clone(),
            tty: rec.tty,
            open_stdin: rec.stdin,
            stop_signal: rec.stop_signal.clone().unwrap_or_else(|| "SIGTERM".into()),
            stop_timeout: rec.stop_timeout,
            init: rec.init,
            annotations: rec.spec.annotations().clone().unwrap_or_default().into_iter().collect(),
            timezone: o.timezone.clone().unwrap_or_default(),
        },
        host_config: InspectHostConfig {
            restart_policy: RestartPolicyReport {
                name: rec.restart.name(),
                maximum_retry_count: match rec.restart {
                    RestartPolicy::OnFailure(Some(n)) => n,
                    _ => 0,
                },
            },
            auto_remove: rec.remove,
            log_config: LogConfigReport {
                kind: o.log.driver.as_str().into(),
                path: o.log.file(&store.log_path(&rec.id)).map(|p| p.display().to_string()).unwrap_or_default(),
                tag: o.log.tag.clone().unwrap_or_default(),
                size: o.log.max_size.map(|n| n.to_string()).unwrap_or_else(|| "0B".into()),
            },
            network_mode: rec.network.clone(),
            cgroup_manager: o.cgroup_manager.unwrap_or_default().as_str().into(),
            cgroup_parent: o.cgroup_parent.clone().unwrap_or_default(),
            cgroupns_mode: if o.cgroupns_host { "host" } else { "private" }.into(),
            pid_mode: ns_mode(&o.namespaces.pid, "private"),
            ipc_mode: ns_mode(&o.namespaces.ipc, "shareable"),
            uts_mode: ns_mode(&o.namespaces.uts, "private"),
            // Records made before the options were stored: an empty masked-path list means --privileged.
            privileged: o.process.privileged
                || (rec.options.is_none() && rec.spec.linux().as_ref().and_then(|l| l.masked_paths().as_ref()).is_none_or(|m| m.is_empty())),
            readonly_rootfs: o.process.read_only,
            init: rec.init,
            cap_add: o.process.cap_add.clone(),
            cap_drop: o.process.cap_drop.clone(),
            security_opt,
            memory: mem.and_then(|m| m.limit()).unwrap_or(0),
            memory_swap: mem.and_then(|m| m.swap()).unwrap_or(0),
            memory_reservation: mem.and_then(|m| m.reservation()).unwrap_or(0),
            nano_cpus: match (cpu.and_then(|c| c.quota()), cpu.and_then(|c| c.period())) {
                (Some(q), Some(p)) if q > 0 && p > 0 && o.limits.cpus.is_some() => q * 1_000_000_000 / p as i64,
                _ => 0,
            },
            cpu_shares: cpu.and_then(|c| c.shares()).unwrap_or(0),
            cpu_quota: cpu.and_then(|c| c.quota()).unwrap_or(0),
            cpu_period: cpu.and_then(|c| c.period()).unwrap_or(0),
            cpuset_cpus: cpu.and_then(|c| c.cpus().clone()).unwrap_or_default(),
            cpuset_mems: cpu.and_then(|c| c.mems().clone()).unwrap_or_default(),
            pids_limit: res.and_then(|r| r.pids().as_ref()).map(|p| p.limit()).unwrap_or(0),
            blkio_weight: res.and_then(|r| r.block_io().as_ref()).and_then(|b| b.weight()).unwrap_or(0),
            binds: bind_list,
            tmpfs,
            port_bindings: ports,
            ulimits,
            dns: rec.net.dns.clone(),
            dns_options: rec.net.dns_options.clone(),
            dns_search: rec.net.dns_search.clone(),
            extra_hosts: rec.net.add_hosts.iter().map(|(h, ip)| format!("{h}:{ip}")).collect(),
        },
        oci_config: rec.spec.clone(),
    })
}

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
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InspectConfig {
    pub hostname: String,
    pub user: String,
    pub env: Vec<String>,
    pub cmd: Vec<String>,
    pub working_dir: String,
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
    pub image_name: String,
    pub rootfs: String,
    pub name: String,
    pub restart_count: u32,
    pub driver: String,
    pub mounts: Vec<serde_json::Value>,
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

/// Inspect a container by name, ID or ID prefix.
pub fn inspect(engine: &Engine, input: &str) -> Result<ContainerInspect> {
    let rec = find(engine, input)?;
    let st = containers(engine)?.state(&rec.id)?;
    let process = rec.spec.process().clone().unwrap_or_default();
    let args = process.args().clone().unwrap_or_default();
    let o = rec.options.clone().unwrap_or_default();
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
        },
        image: rec.image_id.clone(),
        image_name: rec.image_name.clone(),
        rootfs: rec.rootfs.as_ref().map(|r| r.path.display().to_string() + if r.overlay { ":O" } else { "" }).unwrap_or_default(),
        name: rec.name.clone(),
        restart_count: st.restart_count,
        driver: rec.driver.clone(),
        mounts: super::volumes::inspect_mounts(engine, &o.mounts),
        config: InspectConfig {
            hostname: rec.spec.hostname().clone().unwrap_or_default(),
            user,
            env: process.env().clone().unwrap_or_default(),
            cmd: args.clone(),
            working_dir: process.cwd().display().to_string(),
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
                path: o.log.file(&super::container::containers(engine)?.log_path(&rec.id)).map(|p| p.display().to_string()).unwrap_or_default(),
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
        },
        oci_config: rec.spec.clone(),
    })
}

//! Container verbs: create, start, stop, kill, pause, rm, wait, rename,
//! exec, attach, ps, inspect, prune. Each takes plain options and returns a
//! typed report or an [`Error`]; nothing here prints, reads the process's
//! own stdio, or formats for a terminal. Starting spawns the per-container
//! monitor (`rpod container-monitor`, hidden) in its own session.

use std::collections::BTreeMap;
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context};
use serde::{Deserialize, Serialize};

use super::error::{Error, Result};
use super::{images, Engine};
use crate::container::spec::{self, ProcessOptions};
use crate::container::{ContainerRecord, ContainerState, ContainerStore, RestartPolicy, Status};
use crate::monitor::MonitorMsg;
use crate::network::Mode;

/// Options for `create`/`run`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CreateOptions {
    /// The caller starts the container right after creating it (`run`):
    /// create may begin its user namespace (never stored).
    #[serde(skip)]
    pub start_now: bool,
    pub name: Option<String>,
    pub image: String,
    pub process: ProcessOptions,
    pub interactive: bool,
    pub remove: bool,
    pub labels: Vec<(String, String)>,
    pub restart: RestartPolicy,
    /// `--network`: empty for the default (containers.conf, else pasta, else slirp4netns).
    pub network: String,
    pub hostname: Option<String>,
    /// `-v`, `--mount`, `--tmpfs`. In the stored record: as resolved, with
    /// anonymous volumes named.
    #[serde(default)]
    pub mounts: Vec<crate::container::mounts::MountRequest>,
    /// `--volumes-from CTR[:ro|rw]`: that container's volumes and binds.
    #[serde(default)]
    pub volumes_from: Vec<String>,
    /// `--userns`: empty (rpod's default mapping), host, keep-id[:...], nomap, auto[:size=N].
    #[serde(default)]
    pub userns: String,
    /// `--uidmap`/`--gidmap` `C:I:N` (I: ids of rpod's user namespace).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uidmap: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gidmap: Vec<String>,
    /// `--subuidname`/`--subgidname`: refused rootless, as Podman does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subuidname: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subgidname: Option<String>,
    /// `-p/--publish` values in Podman's syntax.
    #[serde(default)]
    pub publish: Vec<String>,
    /// `-P/--publish-all`: the image's EXPOSE and `expose` on random host ports.
    #[serde(default)]
    pub publish_all: bool,
    /// `--expose PORT[-END][/PROTO]`.
    #[serde(default)]
    pub expose: Vec<String>,
    #[serde(default)]
    pub dns: Vec<String>,
    #[serde(default)]
    pub dns_search: Vec<String>,
    #[serde(default)]
    pub dns_option: Vec<String>,
    /// `--add-host NAME:IP`.
    #[serde(default)]
    pub add_host: Vec<String>,
    #[serde(default)]
    pub no_hosts: bool,
    /// `--sysctl KEY=VALUE`.
    #[serde(default)]
    pub sysctl: Vec<String>,
    /// `--memory`, `--cpus`, `--pids-limit`, ...
    #[serde(default)]
    pub limits: super::limits::LimitOptions,
    /// `--env-file`s, read by the engine at create (before `process.env`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub env_files: Vec<std::path::PathBuf>,
    /// `--security-opt seccomp=FILE`, read by the engine at create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seccomp_profile: Option<std::path::PathBuf>,
    /// `--replace`: remove a container of the same name first.
    #[serde(default)]
    pub replace: bool,
    /// `--rootfs`: `image` is a host directory (`DIR[:O]`) to run on, not an image.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rootfs: bool,
    /// `--ulimit TYPE=SOFT[:HARD]` or `host`, checked by the engine.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ulimits: Vec<String>,
    /// `--cgroups=disabled`: no cgroup of its own (so no limits, no pause).
    #[serde(default)]
    pub cgroups_disabled: bool,
    /// `--cgroups=no-conmon|split`: the monitor stays in the cgroup it was
    /// started in (no systemd scope is made for it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cgroups_monitor_stays: bool,
    /// `--cgroup-manager` (or containers.conf, or the host's default), fixed at create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cgroup_manager: Option<crate::cgroups::Manager>,
    /// `--cgroup-parent`: a slice (systemd) or a path in the delegated subtree (cgroupfs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cgroup_parent: Option<String>,
    /// `--cgroupns=host`: no cgroup namespace of its own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cgroupns_host: bool,
    /// `--sdnotify`, and the `$NOTIFY_SOCKET` rpod was given (none: not under systemd).
    #[serde(default)]
    pub sdnotify: crate::systemd::notify::Mode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_socket: Option<String>,
    /// The command line that made the container (`generate systemd --new` replays it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub create_command: Vec<String>,
    /// `--requires`: containers started before this one; stored as IDs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// `--log-driver`, `--log-opt`.
    #[serde(default, skip_serializing_if = "crate::container::log::LogConfig::is_default")]
    pub log: crate::container::log::LogConfig,
    /// `--tz`: `local` or a zone name under /usr/share/zoneinfo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// `--stop-signal`, `--stop-timeout`, `--unsetenv[-all]`, `--env-host`,
    /// `--label-file`, `--annotation`, `--pidfile`, `--group-add`.
    #[serde(default, skip_serializing_if = "super::lifecycle::Extras::is_default")]
    pub extras: super::lifecycle::Extras,
    /// `--pid`, `--ipc`, `--uts`.
    #[serde(default, skip_serializing_if = "crate::container::namespaces::Namespaces::is_default")]
    pub namespaces: crate::container::namespaces::Namespaces,
    /// `--umask` (octal; default containers.conf's `umask`, else 0022).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub umask: Option<String>,
    /// Whether `--log-driver` was given (else containers.conf's `log_driver` applies).
    #[serde(skip)]
    pub log_driver_given: bool,
    /// Whether `--shm-size` was given (else containers.conf's `shm_size` applies).
    #[serde(skip)]
    pub shm_size_given: bool,
}

/// Refuse, before anything is stored, a `--cgroup-parent` the container's
/// cgroup manager could not honour: a slice name for systemd, a path inside
/// the delegated subtree for cgroupfs (no `..`, nothing outside it).
fn check_cgroup_parent(manager: crate::cgroups::Manager, o: &CreateOptions) -> Result<()> {
    let Some(parent) = &o.cgroup_parent else { return Ok(()) };
    if o.cgroups_disabled {
        return Err(Error::bad_input("--cgroup-parent cannot be used with --cgroups=disabled"));
    }
    match manager {
        crate::cgroups::Manager::Systemd if o.cgroups_monitor_stays => {
            Err(Error::bad_input("--cgroup-parent with the systemd cgroup manager needs --cgroups=enabled (with no-conmon or split no scope is made)"))
        }
        crate::cgroups::Manager::Systemd => crate::cgroups::scope::check_slice(parent).map_err(Error::bad_input),
        crate::cgroups::Manager::Cgroupfs => {
            let delegated = crate::cgroups::delegated().map_err(|e| Error::bad_input(format!("--cgroup-parent {parent:?}: {e:#}")))?;
            let mount = crate::cgroups::v2_mount().ok_or_else(|| Error::bad_input("--cgroup-parent: no cgroup v2 hierarchy is mounted"))?;
            crate::cgroups::resolve_parent(&mount, &delegated, parent).map(drop).map_err(Error::bad_input)
        }
    }
}

/// `--volumes-from CTR[:ro|rw]`: the volumes and bind mounts of another
/// container, at the same destinations (those `taken` already are skipped),
/// read-only or read-write when asked, else as that container has them.
/// Its anonymous volumes are shared, not owned: `rm -v` of this container
/// leaves them.
fn volumes_from(engine: &Engine, spec: &str, taken: &[crate::container::mounts::MountRequest]) -> Result<Vec<crate::container::mounts::MountRequest>> {
    use crate::container::mounts::MountKind;
    let (name, mode) = match spec.rsplit_once(':') {
        Some((n, m @ ("ro" | "rw" | "z" | "Z"))) => (n, Some(m)),
        Some((_, m)) => return Err(Error::bad_input(format!("invalid --volumes-from {spec:?}: the option {m:?} is not ro, rw, z or Z"))),
        None => (spec, None),
    };
    let other = find(engine, name)?;
    let mounts = other.options.map(|o| o.mounts).unwrap_or_default();
    Ok(mounts
        .into_iter()
        .filter(|m| matches!(m.kind, MountKind::Bind | MountKind::Volume) && !taken.iter().any(|t| t.destination == m.destination))
        .map(|mut m| {
            m.anonymous = false;
            m.options.retain(|o| o != "nocopy");
            match mode {
                Some("ro") if !m.read_only() => m.options.push("ro".into()),
                Some("rw") => m.options.retain(|o| o != "ro"),
                _ => {}
            }
            m
        })
        .collect())
}

pub fn containers(engine: &Engine) -> Result<ContainerStore> {
    Ok(ContainerStore::open(&engine.paths.root, &engine.paths.runroot)?)
}

/// Find a container by name, ID or unique ID prefix.
pub fn find(engine: &Engine, input: &str) -> Result<ContainerRecord> {
    containers(engine)?.find(input)?.ok_or_else(|| Error::NoSuchContainer(input.to_string()))
}

/// Whether a container exists.
pub fn exists(engine: &Engine, input: &str) -> Result<bool> {
    Ok(containers(engine)?.find(input)?.is_some())
}

/// Podman's rule for container names (the store's own rule).
pub use crate::container::is_valid_name as valid_name;

/// What `create` made.
#[derive(Debug, Clone, Serialize)]
pub struct Created {
    pub id: String,
    pub name: String,
}

/// Create a container from a local image (the caller pulls a missing one
/// first, see [`super::pull`]).
pub fn create(engine: &Engine, o: &CreateOptions) -> Result<ContainerRecord> {
    let conf = &crate::config::get().containers;
    let o = &super::conf::apply(o, conf)?;
    if let Some(n) = &o.name {
        if !valid_name(n) {
            return Err(Error::bad_input(format!("invalid container name {n:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*")));
        }
    }
    if o.log.driver == crate::container::log::LogDriver::Passthrough && o.process.tty {
        return Err(Error::bad_input("the passthrough log driver cannot be used with --tty (it would hand the terminal to the container)"));
    }
    let mode = network_mode(engine, &o.network)?;
    let shared = super::namespaces::resolve(engine, &o.namespaces, o.hostname.as_deref(), &o.sysctl)?;
    let rootfs = if o.rootfs { Some(rootfs_source(engine, o)?) } else { None };
    let img = match &rootfs {
        Some(_) => None,
        None => Some(images::resolve(engine, &engine.store.images()?, &o.image)?),
    };
    let config = match &img {
        Some(img) => images::config(engine, img)?,
        None => serde_json::json!({}),
    };
    let store = containers(engine)?;
    let id = crate::container::new_id();
    let mut p = o.process.clone();
    super::conf::process(&mut p, conf);
    // Option files are read now: the spec keeps what they said.
    let user_env_keys = super::lifecycle::env_keys(&o.env_files, &p.env)?;
    if !o.env_files.is_empty() {
        let mut env = super::host::env_files(&o.env_files)?;
        env.append(&mut p.env);
        p.env = env;
    }
    if o.extras.env_host {
        let mut env: Vec<String> = std::env::vars().map(|(k, v)| format!("{k}={v}")).collect();
        env.append(&mut p.env);
        p.env = env;
    }
    if let Some(f) = &o.seccomp_profile {
        p.seccomp = Some(Some(super::host::seccomp_profile(f)?));
    }
    p.hostname = shared.hostname.clone().or_else(|| o.hostname.clone()).unwrap_or_else(|| crate::container::short_id(&id).to_string());
    p.host_network = mode == Mode::Host;
    let (ports, net) = net_options(o, &mode, &config)?;
    for s in &o.sysctl {
        let (k, v) = s.split_once('=').ok_or_else(|| Error::bad_input(format!("invalid --sysctl {s:?}: use KEY=VALUE")))?;
        crate::network::check_sysctl(k, mode.own_namespace(), true).map_err(Error::bad_input)?;
        if v.contains('\n') {
            return Err(Error::bad_input(format!("invalid --sysctl {s:?}: the value has a newline")));
        }
        p.sysctl.insert(k.to_string(), v.to_string());
    }
    p.resources = super::limits::resources(&o.limits)?;
    p.rlimits = super::limits::rlimits(&o.ulimits)?;
    p.oom_score_adj = p.oom_score_adj.map(super::limits::oom_score_adj).transpose()?;
    if o.cgroups_disabled && p.resources.is_some() {
        return Err(Error::bad_input("resource limits need a cgroup: they cannot be used with --cgroups=disabled"));
    }
    p.host_cgroupns = o.cgroupns_host;
    let cgroup_manager = o.cgroup_manager.or(engine.cgroup_manager).unwrap_or_else(crate::cgroups::Manager::host_default);
    check_cgroup_parent(cgroup_manager, o)?;
    if let Some(r) = &p.resources {
        super::limits::check_delegated(r, cgroup_manager)?;
    }
    if o.limits.pids_limit.is_none() && !o.cgroups_disabled {
        p.resources = super::limits::with_default_pids(p.resources.take(), &o.limits, &super::limits::delegated_controllers_for(cgroup_manager));
    }
    match super::conf::sysctls(conf, mode.own_namespace())? {
        Some(list) => {
            for (k, v) in list {
                p.sysctl.entry(k).or_insert(v);
            }
        }
        // As Podman (containers.conf default_sysctls): ping works for container root.
        None if mode.own_namespace() => {
            p.sysctl.entry("net.ipv4.ping_group_range".into()).or_insert_with(|| "0 0".into());
        }
        None => {}
    }
    // Bottom first; for `--rootfs` the directory (read for user lookups).
    let lowers: Vec<_> = match (&img, &rootfs) {
        (Some(img), _) => img.layers.iter().map(|l| engine.store.layer_diff(l)).collect(),
        (None, Some(r)) => vec![r.path.clone()],
        (None, None) => vec![],
    };
    // Rootless needs subordinate ids: say so now, before anything is stored.
    let idmap = match (&engine.idmap, crate::runtime::userns::already_privileged()) {
        (Some(m), _) => Some(m.clone()),
        (None, true) => None,
        (None, false) => Some(crate::runtime::userns::IdMap::for_current_user()?),
    };
    let flags = super::identity::IdFlags {
        userns: &o.userns,
        uidmap: &o.uidmap,
        gidmap: &o.gidmap,
        subuidname: o.subuidname.as_deref(),
        subgidname: o.subgidname.as_deref(),
    };
    let mut requires = Vec::new();
    for r in o.requires.iter().chain(&shared.requires) {
        let dep = find(engine, r)?;
        if !requires.contains(&dep.id) {
            requires.push(dep.id);
        }
    }
    let ident = super::identity::resolve(engine, &flags, idmap, &lowers, &engine.driver)?;
    let early = early_premap(engine, o, ident.map.as_ref());
    if p.user.is_none() {
        p.user = ident.user.clone();
        // keep-id's user gets the host user's name in /etc/passwd (Podman).
        if p.user.is_some() && o.userns.split(':').next() == Some("keep-id") {
            p.host_user = crate::container::spec::HostUser::current();
        }
    }
    let (idmap, shift, fuse_mapping) = (ident.map.clone(), ident.shift.clone(), ident.fuse.clone());
    // Layers shifted into the container's ids: made once per mapping, then
    // native overlay as for any container (docs/decisions.md).
    let lowers = match (&shift, &img) {
        (Some(s), Some(img)) => super::mapped::ensure(engine, &img.layers, s)?,
        _ => lowers,
    };
    let image_volumes: Vec<String> = config.pointer("/config/Volumes").and_then(|v| v.as_object()).map(|m| m.keys().cloned().collect()).unwrap_or_default();
    let mut requests = o.mounts.clone();
    if let Some(tz) = &o.timezone {
        requests.extend(super::lifecycle::timezone_mount(tz, &requests)?);
    }
    for from in &o.volumes_from {
        requests.extend(volumes_from(engine, from, &requests)?);
    }
    let resolved = super::volumes::resolve_mounts(engine, &requests, &image_volumes)?;
    p.mounts = resolved.spec.clone();
    if let Err(e) = super::volumes::image_mounts(engine, &mut p.mounts, shift.as_ref()) {
        if let Some(l) = &resolved.lock {
            super::volumes::forget(engine, &resolved.made, l);
        }
        return Err(e);
    }
    let leaves_out_user = shift.as_ref().is_some_and(|s| s.leaves_out_user());
    if let Some(m) = p.mounts.iter().find(|m| leaves_out_user && m.options.iter().any(|o| o == "U" || o == "O")) {
        if let Some(l) = &resolved.lock {
            super::volumes::forget(engine, &resolved.made, l);
        }
        return Err(Error::bad_input(format!(
            "the mount on {}: the U and O options (and image mounts with rw=true) cannot be used with --userns={} (container root does not own your files there)",
            m.destination,
            if o.userns.is_empty() { "nomap/auto or a --uidmap without your own id" } else { o.userns.as_str() }
        )));
    }
    super::volumes::overlay_scratch(&mut p.mounts, &store.dir(&id));
    let mut stored = o.clone();
    stored.cgroup_manager = Some(cgroup_manager);
    stored.mounts = resolved.recorded.clone();
    stored.requires = requires;
    stored.namespaces = shared.stored.clone();
    let undo = |e: Error| -> Error {
        if let Some(l) = &resolved.lock {
            super::volumes::forget(engine, &resolved.made, l);
        }
        e
    };
    let mut generated = spec::generate(&config, &lowers, &p, idmap.as_ref()).map_err(|e| undo(e.into()))?;
    if let Some((u, g)) = &fuse_mapping {
        // keep-id: the layers are shown shifted by fuse-overlayfs (docs/decisions.md).
        let mut a = generated.annotations().clone().unwrap_or_default();
        a.insert(crate::runtime::rootfs::FUSE_UIDMAPPING.into(), u.clone());
        a.insert(crate::runtime::rootfs::FUSE_GIDMAPPING.into(), g.clone());
        generated.set_annotations(Some(a));
    }
    crate::container::namespaces::apply(&shared.stored, &mut generated).map_err(|e| undo(Error::bad_input(e)))?;
    super::conf::set_umask(&mut generated, o.umask.as_deref()).map_err(undo)?;
    super::lifecycle::apply_extras(&o.extras, &mut generated, &user_env_keys, &lowers).map_err(undo)?;
    let labels = super::lifecycle::labels(&o.extras, &o.labels).map_err(undo)?;
    if let Some(s) = &shift {
        let mut a = generated.annotations().clone().unwrap_or_default();
        a.insert(crate::container::spec::MAPPED_LAYERS.into(), s.key());
        a.insert(crate::container::spec::ID_SHIFT.into(), serde_json::to_string(s).context("recording the id mapping")?);
        if ident.auto_lock.is_some() {
            a.insert(super::identity::AUTO.into(), "true".into());
        }
        generated.set_annotations(Some(a));
    }
    let command = generated.process().as_ref().and_then(|x| x.args().clone()).unwrap_or_default();
    let stop_signal = o.extras.stop_signal.clone().or_else(|| config.pointer("/config/StopSignal").and_then(|v| v.as_str()).map(str::to_string));
    let rec = ContainerRecord {
        id,
        name: o.name.clone().unwrap_or_default(),
        image_id: img.as_ref().map(|i| i.id.clone()).unwrap_or_default(),
        image_name: img.as_ref().map(|i| image_name_for(engine, i, &o.image)).unwrap_or_default(),
        layers: img.as_ref().map(|i| i.layers.clone()).unwrap_or_default(),
        created: String::new(),
        command,
        labels,
        tty: p.tty,
        stdin: o.interactive,
        remove: o.remove,
        restart: o.restart.clone(),
        stop_signal,
        stop_timeout: o.extras.stop_timeout.unwrap_or(10),
        spec: generated,
        network: mode.name(),
        net_mode: Some(mode),
        ports,
        net,
        driver: match &rootfs {
            Some(r) if r.overlay => "overlay".into(),
            Some(_) => "rootfs".into(),
            None if fuse_mapping.is_some() => "fuse-overlayfs".into(),
            None => engine.driver.clone(),
        },
        rootfs,
        pod: None,
        init: o.process.init,
        options: Some(stored),
    };
    let rec = store
        .create(rec)
        .map_err(|e| match e.downcast_ref::<crate::container::NameTaken>() {
            Some(t) => Error::NameInUse(t.0.clone()),
            None => Error::Other(e),
        })
        .map_err(undo)?;
    drop(resolved);
    drop(ident); // --userns=auto: the range is recorded now
    if rec.driver == "vfs" {
        // The copy is made now, inside the user namespace (owners are kept).
        let res = if engine.content_access {
            crate::storage::vfs::assemble(&lowers, &store.dir(&rec.id).join("diff")).context("copying the image for the vfs driver")
        } else {
            Err(anyhow!("the vfs driver needs rpod's user namespace (internal error)"))
        };
        if let Err(e) = res {
            let _ = store.remove(&rec.id);
            return Err(e.into());
        }
    }
    std::fs::create_dir_all(store.dir(&rec.id).join("merged")).context("creating the rootfs mount point")?;
    if let Some((uid, gid)) = shift.as_ref().filter(|_| leaves_out_user).and_then(|s| Some((s.uid(0)?, s.gid(0)?))) {
        // Container root cannot reach the user's files: its writable layer
        // and new volumes become its own (as Podman chowns them).
        let cdir = store.dir(&rec.id);
        let mut dirs = vec![cdir.join("diff"), cdir.join("work")];
        dirs.extend(
            p.mounts.iter().filter(|m| m.options.iter().any(|o| o == crate::runtime::rootfs::COPYUP_PENDING)).map(|m| std::path::PathBuf::from(&m.source)),
        );
        if let Err(e) = super::mapped::give_to_root(engine, &dirs, uid, gid) {
            let _ = store.remove(&rec.id);
            return Err(e);
        }
    }
    crate::events::container("create", &rec.id, &rec.name, &rec.image_name, &rec.labels);
    if let (Some(p), Ok(mut m)) = (early, engine.premaps.lock()) {
        m.insert(rec.id.clone(), p);
    }
    Ok(rec)
}

/// `--rootfs DIR[:O]`: the directory, resolved now, checked to be one a
/// container may run on. The container's root *is* this directory (its
/// writes land there, as with Podman), so it may be neither `/` nor
/// anything that holds, or lies inside, rpod's own store and run
/// directories: a container writing there could rewrite image layers or
/// other containers' state.
fn rootfs_source(engine: &Engine, o: &CreateOptions) -> Result<crate::container::RootfsSource> {
    let arg = o.image.as_str();
    let (path, overlay) = match arg.rsplit_once(':') {
        Some((p, "O")) => (p, true),
        Some((_, opt)) if opt == "idmap" || opt.starts_with("idmap=") => {
            return Err(Error::bad_input(format!(
                "--rootfs {arg:?}: the idmap option is not supported by rpod yet (idmapped mounts need a kernel that allows them in a user namespace)"
            )));
        }
        _ => (arg, false),
    };
    if path.is_empty() {
        return Err(Error::bad_input("--rootfs needs a directory"));
    }
    if !o.userns.is_empty() || !o.uidmap.is_empty() || !o.gidmap.is_empty() {
        return Err(Error::bad_input(
            "--rootfs cannot be combined with --userns, --uidmap or --gidmap yet: the directory's owners are shown as they are, the user as root",
        ));
    }
    // stat, not open: a FIFO given as the root must not block us.
    let resolved = std::fs::canonicalize(path).map_err(|e| Error::bad_input(format!("--rootfs {path}: {e}")))?;
    let meta = std::fs::metadata(&resolved).map_err(|e| Error::bad_input(format!("--rootfs {path}: {e}")))?;
    if !meta.is_dir() {
        return Err(Error::bad_input(format!("--rootfs {path}: not a directory")));
    }
    if resolved == std::path::Path::new("/") {
        return Err(Error::bad_input("--rootfs /: the host's root cannot be a container's root (its writes would land in the host's directories)"));
    }
    for own in [&engine.paths.root, &engine.paths.runroot] {
        let own = std::fs::canonicalize(own).unwrap_or_else(|_| own.clone());
        if resolved.starts_with(&own) || own.starts_with(&resolved) {
            return Err(Error::bad_input(format!(
                "--rootfs {path}: it overlaps rpod's store or run directory {} (a container could rewrite images or other containers there)",
                own.display()
            )));
        }
    }
    Ok(crate::container::RootfsSource { path: resolved, overlay })
}

/// The network mode `--network` asks for (the default when empty).
fn network_mode(engine: &Engine, s: &str) -> Result<Mode> {
    let default = || match crate::network::default_mode() {
        Ok(m) => m,
        Err(e) => {
            // As a first run on a machine without a helper should still work:
            // loopback only, said once.
            tracing::warn!("{e}; the container gets loopback only");
            Mode::None
        }
    };
    let mode = match s {
        "" | "private" | "default" => default(),
        _ => Mode::parse(s, &Mode::None).map_err(|e| Error::bad_input(e.0))?,
    };
    match mode {
        Mode::Container(c) => Ok(Mode::Container(find(engine, &c)?.id)),
        Mode::Pasta(_) => crate::network::require("pasta").map(|_| mode).map_err(|e| Error::bad_input(e.0)),
        Mode::Slirp4netns(_) => crate::network::require("slirp4netns").map(|_| mode).map_err(|e| Error::bad_input(e.0)),
        // Joining a network namespace needs CAP_SYS_ADMIN over the user
        // namespace that owns it; the container's new user namespace never
        // owns a namespace made elsewhere, so rootless this cannot work.
        Mode::Ns(p) => Err(Error::bad_input(format!(
            "--network ns:{} is not supported by rootless rpod: a container can only join a network namespace its own user namespace owns (use container:NAME)",
            p.display()
        ))),
        m => Ok(m),
    }
}

fn no_space(what: &str, v: &str) -> Result<()> {
    if v.is_empty() || v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::bad_input(format!("invalid {what} {v:?}")));
    }
    Ok(())
}

/// Ports (host ports assigned now) and DNS/hosts options, checked.
fn net_options(o: &CreateOptions, mode: &Mode, config: &serde_json::Value) -> Result<(Vec<crate::network::PortMapping>, crate::network::NetOptions)> {
    use crate::network::ports;
    let mut reqs = Vec::new();
    for p in &o.publish {
        reqs.extend(ports::parse(p).map_err(Error::bad_input)?);
    }
    if o.publish_all {
        let mut exposed: Vec<String> = o.expose.clone();
        if let Some(e) = config.pointer("/config/ExposedPorts").and_then(|v| v.as_object()) {
            exposed.extend(e.keys().cloned());
        }
        for e in exposed {
            for r in ports::parse_expose(&e).map_err(Error::bad_input)? {
                let covered = reqs
                    .iter()
                    .any(|q: &ports::PortMapping| q.protocol == r.protocol && (q.container_port..q.container_port + q.range).contains(&r.container_port));
                if !covered {
                    reqs.push(r);
                }
            }
        }
    } else {
        for e in &o.expose {
            ports::parse_expose(e).map_err(Error::bad_input)?;
        }
    }
    if !reqs.is_empty() && !mode.has_helper() {
        return Err(Error::bad_input(format!("publishing ports needs a network of the container's own (pasta or slirp4netns), not --network {}", mode.name())));
    }
    let ports = ports::assign(&reqs).map_err(Error::bad_input)?;
    for d in &o.dns {
        if d.parse::<std::net::IpAddr>().is_err() {
            return Err(Error::bad_input(format!("invalid --dns {d:?}: not an IP address")));
        }
    }
    for d in &o.dns_search {
        no_space("--dns-search", d)?;
    }
    for d in &o.dns_option {
        no_space("--dns-option", d)?;
    }
    let add_hosts =
        o.add_host.iter().map(|h| crate::network::files::parse_add_host(h)).collect::<std::result::Result<Vec<_>, _>>().map_err(Error::bad_input)?;
    let net =
        crate::network::NetOptions { dns: o.dns.clone(), dns_search: o.dns_search.clone(), dns_options: o.dns_option.clone(), add_hosts, no_hosts: o.no_hosts };
    Ok((ports, net))
}

/// The image name as Podman shows it: the stored name the user's input matched.
fn image_name_for(engine: &Engine, img: &crate::storage::ImageRecord, input: &str) -> String {
    if let Ok(r) = crate::image::reference::Reference::parse(input) {
        let candidates = match r.is_short() {
            true => engine.registries().map(|conf| super::lookup::local_candidates(&r, &conf)).unwrap_or_default(),
            false => vec![r.qualify("docker.io")],
        };
        for q in candidates {
            if let Some(t) = q.tagged().filter(|t| img.names.contains(t)) {
                return t;
            }
        }
        if let Some(n) = img.names.iter().find(|n| n.ends_with(&format!("/{}:{}", r.path, r.tag.as_deref().unwrap_or("latest")))) {
            return n.clone();
        }
    }
    img.names.first().cloned().unwrap_or_else(|| img.id.clone())
}

/// A started container: the attach socket is ready when `attach` was asked.
pub struct Started {
    pub id: String,
    pub pid: i32,
    pub attach: Option<std::os::unix::net::UnixStream>,
    /// The monitor (our child until we exit): `run --rm` waits for it.
    pub monitor: Option<super::spawn::Detached>,
}

/// Start a created or exited container by spawning its monitor.
pub fn start(engine: &Engine, input: &str, attach: bool) -> Result<Started> {
    let rec = find(engine, input)?;
    start_record(engine, &rec, attach)
}

/// [`start`] for a record already looked up.
pub fn start_record(engine: &Engine, rec: &ContainerRecord, attach: bool) -> Result<Started> {
    let store = containers(engine)?;
    let st = store.state(&rec.id)?;
    if matches!(st.status, Status::Running | Status::Paused | Status::Stopping) {
        return Err(Error::invalid_state(format!("container {} is already running", rec.name)));
    }
    super::mount::check_not_mounted(engine, rec)?;
    super::lifecycle::start_requirements(engine, rec, 0)?;
    // The first start claims the copy-up of new volumes (Podman's rule).
    let claimed = super::volumes::claim_copy_up(engine, rec)?;
    let rec = claimed.as_ref().unwrap_or(rec);
    // The previous monitor records the exit first and cleans up after
    // (network helper, fuse-overlayfs, the container's cgroup, which has
    // this container's name): a new one must not start before it is gone.
    if let Some(m) = st.monitor.filter(|m| m.alive()) {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while m.alive() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    // A container fresh from `create` (`run`) already has that state: no rewrite.
    store.update_state_if(&rec.id, |s| {
        if s.is_pristine() {
            return false;
        }
        *s = ContainerState { restart_count: s.restart_count, listing: s.listing.take(), ..ContainerState::default() };
        s.status = Status::Created;
        true
    })?;
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("pipe")?;
    // The user namespace is mapped while the monitor starts up: it gets the
    // namespace as fd 4 and, as fd 5, the pipe that says when it is mapped.
    let premap = premap_for(engine, rec);
    let premap_pipe = match &premap {
        Some(_) => Some(nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("pipe")?),
        None => None,
    };
    // With systemd's cgroup manager this process asks for the monitor's
    // scope as soon as the monitor exists, so systemd makes it while the
    // monitor starts up; the call's connection is handed to the monitor
    // (fd 6), which reads the reply when it needs the cgroup.
    let scope_chan = match crate::monitor::placement(rec) {
        (p, false) if p.wants_scope() && crate::cgroups::scope::bus_reachable() => std::os::unix::net::UnixStream::pair().ok().map(|c| (p, c)),
        _ => None,
    };
    let exe = std::env::current_exe().context("finding the rpod binary")?;
    let (root, runroot) = (engine.paths.root.as_os_str(), engine.paths.runroot.as_os_str());
    let mut args: Vec<&std::ffi::OsStr> =
        ["--root".as_ref(), root, "--runroot".as_ref(), runroot, "container-monitor".as_ref(), "--sync-fd".as_ref(), "3".as_ref()].to_vec();
    // The monitor's descriptors: 3 the sync pipe, 4 and 5 the premade user
    // namespace and its pipe, 6 the systemd scope call.
    let mut fds = vec![(w.as_raw_fd(), 3)];
    if let (Some((p, _)), Some((pr, _))) = (&premap, &premap_pipe) {
        if let Some(ns) = p.ns() {
            fds.extend([(ns.as_raw_fd(), 4), (pr.as_raw_fd(), 5)]);
            args.extend([std::ffi::OsStr::new("--userns-fd"), std::ffi::OsStr::new("4")]);
        }
    }
    if attach {
        args.push("--attach".as_ref());
    }
    args.push(rec.id.as_ref());
    let stdio = if rec.options.as_ref().is_some_and(|o| o.log.driver == crate::container::log::LogDriver::Passthrough) {
        passthrough_stdio(rec)?
    } else {
        [super::spawn::Io::Null; 3]
    };
    let mut env: Vec<(&str, Option<&std::ffi::OsStr>)> = Vec::new();
    if std::env::var_os("GLIBC_TUNABLES").is_none() {
        env.push(("GLIBC_TUNABLES", Some(crate::monitor::MONITOR_TUNABLES.as_ref())));
    }
    // Never the caller's value: only this process says what fd 6 is.
    let handoff = crate::cgroups::scope::HANDOFF_FD.to_string();
    match scope_chan.as_ref().map(|(_, (_, theirs))| theirs.as_raw_fd()) {
        Some(fd) => {
            fds.push((fd, crate::cgroups::scope::HANDOFF_FD));
            env.push((crate::cgroups::scope::HANDOFF_ENV, Some(handoff.as_ref())));
        }
        None => env.push((crate::cgroups::scope::HANDOFF_ENV, None)),
    }
    // The monitor is our child only until we exit; it lives on in its own session.
    let child = super::spawn::detached(&exe, &args, &env, stdio, &fds).context("starting the container monitor")?;
    drop(w);
    let ask_scope = |scope_chan: Option<(crate::cgroups::Placement, (std::os::unix::net::UnixStream, std::os::unix::net::UnixStream))>| {
        if let Some((p, (mine, theirs))) = scope_chan {
            drop(theirs);
            // Any failure closes the channel unused: the monitor then asks itself and reports why.
            if let Ok((bus, serial)) = crate::cgroups::scope::ask_for(&rec.id, p.slice(), child.id()) {
                let _ = crate::cgroups::scope::hand_over(&mine, bus, serial);
            }
        }
    };
    if let (Some((mut p, (uids, gids))), Some((pr, pw))) = (premap, premap_pipe) {
        drop(pr);
        // The helpers run while the monitor starts up. It reads this pipe
        // right before it launches; nothing (end of file) makes it map a
        // namespace of its own.
        let mapping = p.is_mapping() || p.map(&uids, &gids).is_ok();
        ask_scope(scope_chan);
        if mapping && p.finish().is_ok() {
            let _ = nix::unistd::write(&pw, b"1");
        }
    } else {
        ask_scope(scope_chan);
    }
    let mut rd = std::io::BufReader::new(std::fs::File::from(r));
    let mut next = || MonitorMsg::read(&mut rd);
    match next() {
        Some(MonitorMsg::Ready) => {}
        Some(MonitorMsg::Error { code, message }) => return Err(Error::Launch { code, message }),
        _ => return Err(anyhow!("the container monitor failed to start").into()),
    }
    let sock = if attach {
        let (_dirfd, path) = crate::monitor::socket_path(&store.rundir(&rec.id))?;
        Some(std::os::unix::net::UnixStream::connect(&path).with_context(|| format!("attaching to container {}", rec.id))?)
    } else {
        None
    };
    match next() {
        Some(MonitorMsg::Started { pid }) => {
            super::lifecycle::write_pidfile(rec, pid)?;
            Ok(Started { id: rec.id.clone(), pid, attach: sock, monitor: Some(child) })
        }
        Some(MonitorMsg::Error { code, message }) => Err(Error::Launch { code, message }),
        other => Err(anyhow!("the container monitor exited unexpectedly ({other:?})").into()),
    }
}

/// `--log-driver passthrough`: the monitor, and through it the container,
/// gets this process's stdio. Refused when one of them is a terminal, as
/// Podman does: container root could push input into it with TIOCSTI.
fn passthrough_stdio(rec: &ContainerRecord) -> Result<[super::spawn::Io; 3]> {
    use std::io::IsTerminal;
    let tty = std::io::stdout().is_terminal() || std::io::stderr().is_terminal() || (rec.stdin && std::io::stdin().is_terminal());
    if rec.tty || tty {
        return Err(Error::bad_input("the passthrough log driver cannot be used on a terminal (it would hand the terminal to the container): redirect the output, or use another log driver"));
    }
    use super::spawn::Io;
    Ok([if rec.stdin { Io::Inherit } else { Io::Null }, Io::Inherit, Io::Inherit])
}

/// Send a signal to the container's first process. The process may run as a
/// subordinate uid, so the signal is sent from inside the container's user
/// namespace (which this user owns) by a short-lived child.
fn signal_state(st: &ContainerState, sig: nix::sys::signal::Signal) -> Result<()> {
    let Some(pid) = st.pid.filter(|p| p.alive()) else { return Err(Error::invalid_state("container is not running")) };
    let target = nix::unistd::Pid::from_raw(pid.pid);
    match nix::sys::signal::kill(target, sig) {
        Ok(()) => return Ok(()),
        Err(nix::errno::Errno::EPERM) => {}
        Err(e) => return Err(anyhow!("sending {sig} to the container: {e}").into()),
    }
    let ns = std::fs::File::open(format!("/proc/{}/ns/user", pid.pid)).context("opening the container's user namespace")?;
    if crate::runtime::userns::threads() > 1 {
        return Err(anyhow!("signalling a container from a multi-threaded process needs a re-executed rpod (`rpod kill`)").into());
    }
    // SAFETY: rpod's CLI is single-threaded here; the child only calls prctl, setns, kill and _exit.
    match unsafe { nix::unistd::fork() }? {
        nix::unistd::ForkResult::Child => {
            // Non-dumpable before joining: container root cannot reach into this copy of rpod.
            let ok = nix::sys::prctl::set_dumpable(false).is_ok()
                && nix::sched::setns(&ns, nix::sched::CloneFlags::CLONE_NEWUSER).is_ok()
                && nix::sys::signal::kill(target, sig).is_ok();
            // SAFETY: _exit in the forked child.
            unsafe { libc::_exit(if ok { 0 } else { 1 }) }
        }
        nix::unistd::ForkResult::Parent { child } => match nix::sys::wait::waitpid(child, None)? {
            nix::sys::wait::WaitStatus::Exited(_, 0) => Ok(()),
            _ => Err(anyhow!("sending {sig} to the container failed").into()),
        },
    }
}

/// SIGKILL for the whole container: every process in its cgroup at once
/// (`cgroup.kill`: nothing escapes by forking meanwhile), else its first
/// process (whose pid namespace dies with it).
fn kill_everything(st: &ContainerState) -> Result<()> {
    use crate::cgroups::CgroupManager;
    if let Some(cg) = st.cgroup.as_deref().filter(|p| p.is_dir()) {
        if crate::cgroups::Cgroup::open(cg).kill_all().is_ok() {
            return Ok(());
        }
    }
    signal_state(st, nix::sys::signal::Signal::SIGKILL)
}

/// Forwards signals to one container (an attached CLI's `--sig-proxy`).
pub struct Signaller {
    store: ContainerStore,
    id: String,
}

impl Signaller {
    pub fn new(engine: &Engine, id: &str) -> Result<Signaller> {
        Ok(Signaller { store: containers(engine)?, id: id.to_string() })
    }
    /// Best effort: a container that has just exited is not an error.
    pub fn send(&self, sig: nix::sys::signal::Signal) {
        if let Ok(st) = self.store.state(&self.id) {
            let _ = signal_state(&st, sig);
        }
    }
}

pub fn parse_signal(s: &str) -> Result<nix::sys::signal::Signal> {
    use std::str::FromStr;
    let up = s.trim().to_ascii_uppercase();
    if let Ok(n) = up.parse::<i32>() {
        return nix::sys::signal::Signal::try_from(n).map_err(|_| Error::bad_input(format!("invalid signal {s:?}")));
    }
    let name = if up.starts_with("SIG") { up } else { format!("SIG{up}") };
    nix::sys::signal::Signal::from_str(&name).map_err(|_| Error::bad_input(format!("invalid signal {s:?}")))
}

/// `kill`: signal a running container; returns its ID. The state is checked
/// first; only a delivered signal marks the container stopped by the user
/// (so the restart policy does not bring it back).
pub fn kill(engine: &Engine, input: &str, sig: nix::sys::signal::Signal) -> Result<String> {
    let rec = find(engine, input)?;
    let store = containers(engine)?;
    let st = store.state(&rec.id)?;
    if st.status != Status::Running && st.status != Status::Paused {
        return Err(Error::invalid_state(format!("can only kill running containers. {} is in state {}: container state improper", rec.id, st.status.as_str())));
    }
    if matches!(sig, nix::sys::signal::Signal::SIGKILL | nix::sys::signal::Signal::SIGTERM | nix::sys::signal::Signal::SIGINT) {
        store.update_state(&rec.id, |s| s.stopped_by_user = true)?;
    }
    // Written before the signal goes: the monitor's `died` for a killed
    // container would otherwise often come first (as Podman's never does).
    crate::events::container("kill", &rec.id, &rec.name, &rec.image_name, &rec.labels);
    if sig == nix::sys::signal::Signal::SIGKILL {
        kill_everything(&st)?;
    } else {
        signal_state(&st, sig)?;
    }
    Ok(rec.id)
}

/// Wait until the container is no longer running; returns its exit code.
pub fn wait_id(engine: &Engine, id: &str, timeout: Option<Duration>) -> Result<Option<i32>> {
    let store = containers(engine)?;
    let start = Instant::now();
    let mut delay = Duration::from_millis(5);
    loop {
        let st = store.state(id)?;
        let created = matches!(st.status, Status::Created | Status::Initialized);
        if !(created || matches!(st.status, Status::Running | Status::Paused | Status::Stopping)) || (created && st.exit_code.is_some()) {
            return Ok(st.exit_code);
        }
        if created && st.monitor.is_none() && start.elapsed() > Duration::from_millis(500) {
            return Ok(st.exit_code);
        }
        if timeout.is_some_and(|t| start.elapsed() > t) {
            return Ok(None);
        }
        std::thread::sleep(delay);
        delay = (delay * 2).min(Duration::from_millis(100));
    }
}

/// `wait`: the container's exit code once it is not running (-1 if unknown).
pub fn wait(engine: &Engine, input: &str) -> Result<i32> {
    let rec = find(engine, input)?;
    Ok(wait_id(engine, &rec.id, None)?.unwrap_or(-1))
}

fn stop_record(engine: &Engine, rec: &ContainerRecord, timeout: u32) -> Result<()> {
    let store = containers(engine)?;
    let st = store.state(&rec.id)?;
    if st.status != Status::Running && st.status != Status::Paused {
        return Ok(());
    }
    store.update_state(&rec.id, |s| s.stopped_by_user = true)?;
    let sig = rec.stop_signal.as_deref().map(parse_signal).transpose()?.unwrap_or(nix::sys::signal::Signal::SIGTERM);
    if timeout > 0 {
        let _ = signal_state(&st, sig);
        if wait_id(engine, &rec.id, Some(Duration::from_secs(timeout as u64)))?.is_some() {
            return Ok(());
        }
    }
    let _ = kill_everything(&st);
    wait_id(engine, &rec.id, Some(Duration::from_secs(10)))?;
    Ok(())
}

/// `stop`: the stop signal, then SIGKILL after `timeout` seconds (the
/// container's own stop timeout when `None`). Returns the ID.
pub fn stop(engine: &Engine, input: &str, timeout: Option<u32>) -> Result<String> {
    let rec = find(engine, input)?;
    let was_running = matches!(containers(engine)?.state(&rec.id)?.status, Status::Running | Status::Paused | Status::Stopping);
    match stop_record(engine, &rec, timeout.unwrap_or(rec.stop_timeout)) {
        // A `--rm` container's monitor removed it as it stopped.
        Err(_) if gone(engine, &rec.id)? => {}
        r => r?,
    }
    if was_running {
        crate::events::container("stop", &rec.id, &rec.name, &rec.image_name, &rec.labels);
    }
    Ok(rec.id)
}

/// `restart`: stop (if running), then start detached. Returns the ID.
pub fn restart(engine: &Engine, input: &str, timeout: Option<u32>) -> Result<String> {
    let rec = find(engine, input)?;
    stop_record(engine, &rec, timeout.unwrap_or(rec.stop_timeout))?;
    start_record(engine, &rec, false)?;
    crate::events::container("restart", &rec.id, &rec.name, &rec.image_name, &rec.labels);
    Ok(rec.id)
}

/// `--replace`: remove the container that has this name, if any, running
/// or not (its anonymous volumes stay, as with Podman). Needs content access.
pub fn replace(engine: &Engine, name: &str) -> Result<Option<String>> {
    let store = containers(engine)?;
    let Some(rec) = store.find(name)?.filter(|r| r.name == name) else { return Ok(None) };
    remove_record(engine, &rec, true)?;
    Ok(Some(rec.id))
}

/// IDs of every container, newest first.
pub fn all_ids(engine: &Engine) -> Result<Vec<String>> {
    Ok(containers(engine)?.list_summaries()?.into_iter().map(|c| c.id).collect())
}

/// `rm`: remove a container (`force` stops it first). Needs content access.
pub fn remove(engine: &Engine, input: &str, force: bool) -> Result<String> {
    remove_with_volumes(engine, input, force, false)
}

/// `rm [-v]`: [`remove`], and with `volumes` the container's anonymous
/// volumes too (`rm -v`, `--rm`); named volumes always stay.
pub fn remove_with_volumes(engine: &Engine, input: &str, force: bool, volumes: bool) -> Result<String> {
    let rec = match find(engine, input) {
        Ok(rec) => rec,
        Err(e @ Error::NoSuchContainer(_)) => return Err(e),
        // A record that cannot be read (a power cut, a hand edit) is skipped
        // by every listing; given by its full ID, it can still be removed
        // (its volumes, named in that record, are left to `volume prune`).
        Err(e) if crate::container::is_id(input) && containers(engine)?.dir(input).is_dir() => {
            tracing::warn!("removing container {input} whose record cannot be read: {e:#}");
            return remove_unreadable(engine, input, force).map(|()| input.to_string());
        }
        Err(e) => return Err(e),
    };
    super::lifecycle::check_no_dependents(engine, &rec)?;
    remove_record(engine, &rec, force)?;
    if volumes {
        if let Some(o) = &rec.options {
            super::volumes::remove_anonymous(engine, &o.mounts)?;
        }
    }
    Ok(rec.id)
}

/// [`remove`] for a container whose record is unreadable: what its state
/// file says (if anything) decides as for any container.
fn remove_unreadable(engine: &Engine, id: &str, force: bool) -> Result<()> {
    let store = containers(engine)?;
    if let Ok(st) = store.state(id) {
        let live = st.pid.is_some_and(|p| p.alive());
        if live && !force {
            return Err(Error::invalid_state(format!("cannot remove container {id} as it is running - its record is unreadable; use --force")));
        }
        if live {
            let _ = kill_everything(&st);
        }
        if let Some(cg) = &st.cgroup {
            crate::cgroups::Cgroup::open(cg).remove();
        }
    }
    Ok(store.remove(id)?)
}

fn remove_record(engine: &Engine, rec: &ContainerRecord, force: bool) -> Result<()> {
    let store = containers(engine)?;
    super::mount::release_for_removal(engine, rec, force)?;
    let st = store.state(&rec.id)?;
    if matches!(st.status, Status::Running | Status::Paused | Status::Stopping) {
        if !force {
            return Err(Error::invalid_state(format!(
                "cannot remove container {} as it is {} - running or paused containers cannot be removed without force: container state improper",
                rec.id,
                st.status.as_str()
            )));
        }
        let stopped = stop_record(engine, rec, 0);
        // A `--rm` container's monitor removes it as it exits (systemd's
        // ExecStop `rm -f` of a Quadlet unit races with exactly that).
        if gone(engine, &rec.id)? {
            return Ok(());
        }
        stopped?;
    } else if st.pid.is_some_and(|p| p.alive()) {
        // Its monitor died but the processes live on: end them too.
        let _ = kill_everything(&st);
    }
    if let Some(cg) = &st.cgroup {
        crate::cgroups::Cgroup::open(cg).remove();
    }
    store.remove(&rec.id)?;
    crate::events::container("remove", &rec.id, &rec.name, &rec.image_name, &rec.labels);
    Ok(())
}

/// Remove what interrupted creates or removals left behind (content access).
pub fn remove_debris(engine: &Engine) -> Result<()> {
    containers(engine)?.remove_debris();
    Ok(())
}

/// `container prune`: remove every container that is not running; returns their IDs.
pub fn prune(engine: &Engine) -> Result<Vec<String>> {
    prune_matching(engine, &|_| true)
}

/// [`prune`], only the stopped containers `select` accepts (`--filter`).
pub fn prune_matching(engine: &Engine, select: &dyn Fn(&crate::container::ContainerSummary) -> bool) -> Result<Vec<String>> {
    let store = containers(engine)?;
    store.remove_debris();
    let mut ids = Vec::new();
    for s in store.list_summaries()? {
        if !select(&s) {
            continue;
        }
        let Ok(st) = store.state(&s.id) else { continue }; // removed meanwhile
        if matches!(st.status, Status::Exited | Status::Created | Status::Initialized) {
            let Some(rec) = store.record(&s.id)? else { continue };
            remove_record(engine, &rec, false)?;
            ids.push(rec.id);
        }
    }
    Ok(ids)
}

/// `rename`.
pub fn rename(engine: &Engine, input: &str, name: &str) -> Result<()> {
    if !valid_name(name) {
        return Err(Error::bad_input(format!("invalid container name {name:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*")));
    }
    let rec = find(engine, input)?;
    containers(engine)?.rename(&rec.id, name).map_err(|e| match e.downcast_ref::<crate::container::NameTaken>() {
        Some(t) => Error::NameInUse(t.0.clone()),
        None => Error::Other(e),
    })?;
    crate::events::container("rename", &rec.id, name, &rec.image_name, &rec.labels);
    Ok(())
}

/// `pause` (`true`) or `unpause`: the cgroup v2 freezer on the container's
/// own cgroup. Returns the ID.
pub fn pause(engine: &Engine, input: &str, pause: bool) -> Result<String> {
    let rec = find(engine, input)?;
    let store = containers(engine)?;
    let st = store.state(&rec.id)?;
    let (want, verb) = if pause { (Status::Running, "pause") } else { (Status::Paused, "unpause") };
    if st.status != want {
        return Err(Error::invalid_state(format!(
            "\"{}\" is not {}, can't {verb}: container state improper",
            rec.name,
            if pause { "running" } else { "paused" }
        )));
    }
    let Some(path) = &st.cgroup else {
        // Say why there is no cgroup: no delegated subtree.
        let why = crate::cgroups::delegated().err().map(|e| format!("{e:#}")).unwrap_or_else(|| "the container was started without a cgroup of its own".into());
        return Err(Error::invalid_state(format!("cannot {verb} container {}: {why}", rec.name)));
    };
    crate::cgroups::Cgroup::open(path).freeze(pause)?;
    store.update_state(&rec.id, |s| s.status = if pause { Status::Paused } else { Status::Running })?;
    crate::events::container(verb, &rec.id, &rec.name, &rec.image_name, &rec.labels);
    Ok(rec.id)
}

/// An attach session: the monitor's socket, speaking [`crate::monitor::attach`] frames.
pub struct Attach {
    pub id: String,
    pub socket: std::os::unix::net::UnixStream,
    pub tty: bool,
    /// The container was created with `-i`: input can be forwarded.
    pub stdin: bool,
}

/// `attach` to a running container.
pub fn attach(engine: &Engine, input: &str) -> Result<Attach> {
    let rec = find(engine, input)?;
    let store = containers(engine)?;
    if store.state(&rec.id)?.status != Status::Running {
        return Err(Error::invalid_state("you can only attach to running containers"));
    }
    let (_dir, path) = crate::monitor::socket_path(&store.rundir(&rec.id))?;
    let socket = std::os::unix::net::UnixStream::connect(&path).with_context(|| format!("attaching to container {}", rec.id))?;
    Ok(Attach { id: rec.id, socket, tty: rec.tty, stdin: rec.stdin })
}

/// Whether a container still has its record (an attached `run --rm` waits
/// for the monitor to remove it).
pub fn gone(engine: &Engine, id: &str) -> Result<bool> {
    Ok(!containers(engine)?.dir(id).join("container.json").exists())
}

/// `run --rm`, once the attach session reported the exit: return when the
/// container is gone, as Podman does. Its monitor removes it (one rename)
/// before it reports the exit, so this is normally immediate; when that
/// failed the monitor starts an `rpod rm`, which this waits for (30 s at most).
pub fn wait_removed(engine: &Engine, id: &str) -> Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !gone(engine, id)? && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    Ok(())
}

/// One row of `ps`.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub id: String,
    pub name: String,
    pub image: String,
    pub image_id: String,
    pub command: Vec<String>,
    pub created: String,
    pub state: Status,
    pub exit_code: Option<i32>,
    pub pid: i32,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    pub labels: BTreeMap<String, String>,
    pub restart_count: u32,
    pub ports: Vec<crate::network::PortMapping>,
    /// `ps --size`: filled only when asked (it walks the container's files).
    pub size: Option<ContainerSize>,
}

/// A container's disk use as Podman's `ps --size` reports it.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct ContainerSize {
    /// The image's layers under the container (Podman's `rootFsSize`).
    #[serde(rename = "rootFsSize")]
    pub root_fs_size: u64,
    /// The container's own changes (its upper directory; files this user
    /// cannot read, under subordinate ids, are not counted).
    #[serde(rename = "rwSize")]
    pub rw_size: u64,
}

/// `ps` options. `filters` are Podman's (`name`, `id`, `status`, `label`,
/// `ancestor`): values of one key are alternatives, keys must all match.
#[derive(Debug, Clone, Default)]
pub struct PsOptions {
    pub all: bool,
    /// Only the N most recently created (`--last`, `--latest` is 1).
    pub last: Option<usize>,
    pub filters: BTreeMap<String, Vec<String>>,
    /// Compute each container's [`ContainerSize`] (`--size`).
    pub size: bool,
}

/// `ps`: containers (running ones unless `all`), newest first.
pub fn ps(engine: &Engine, o: &PsOptions) -> Result<Vec<Summary>> {
    let store = containers(engine)?;
    let mut recs = store.list_with_state()?;
    if let Some(n) = o.last {
        recs.truncate(n);
    }
    let filters = super::psfilter::Filters::compile(engine, &o.filters)?;
    let show_all = o.all || o.last.is_some() || !o.filters.is_empty();
    let mut out = Vec::new();
    for (rec, st) in recs {
        if !show_all && st.status != Status::Running && st.status != Status::Paused {
            continue;
        }
        let mounts = || -> Vec<(String, String)> {
            let opts = store.record(&rec.id).ok().flatten().and_then(|r| r.options);
            opts.map(|o| o.mounts.into_iter().map(|m| (m.destination, m.source)).collect()).unwrap_or_default()
        };
        if filters.matches(&rec, &st, &mounts) {
            let size = o.size.then(|| ContainerSize {
                root_fs_size: rec.layers.iter().map(|l| engine.store.layer(l).map(|r| r.uncompressed_size).unwrap_or(0)).sum(),
                rw_size: super::system::dir_size(&store.dir(&rec.id).join("diff")),
            });
            out.push(Summary {
                id: rec.id,
                name: rec.name,
                image: rec.image_name,
                image_id: rec.image_id,
                command: rec.command,
                created: rec.created,
                state: st.status,
                exit_code: st.exit_code,
                pid: st.pid.map(|p| p.pid).unwrap_or(0),
                started_at: st.started_at,
                finished_at: st.finished_at,
                labels: rec.labels,
                restart_count: st.restart_count,
                ports: rec.ports,
                size,
            });
        }
    }
    Ok(out)
}

/// `port`: a container's published ports (all containers' with `None`),
/// in creation order.
pub fn ports(engine: &Engine, input: Option<&str>) -> Result<Vec<(String, Vec<crate::network::PortMapping>)>> {
    let store = containers(engine)?;
    match input {
        Some(i) => {
            let s = store.find_summary(i)?.ok_or_else(|| Error::NoSuchContainer(i.to_string()))?;
            Ok(vec![(s.id, s.ports)])
        }
        None => Ok(store.list_summaries()?.into_iter().filter(|s| !s.ports.is_empty()).map(|s| (s.id, s.ports)).collect()),
    }
}

/// `exec` options.
#[derive(Debug, Clone, Default)]
pub struct ExecOptions {
    pub args: Vec<String>,
    pub env: Vec<String>,
    pub user: Option<String>,
    pub workdir: Option<String>,
    /// Keep stdin open (`-i`): the caller relays it through a pipe.
    pub interactive: bool,
    pub tty: bool,
    pub detach: bool,
    /// `--env-file`s, read by the engine (before `env`).
    pub env_files: Vec<std::path::PathBuf>,
}

/// The exec'd process's streams, for the caller to relay. The process never
/// gets the caller's own descriptors (container root could reopen them
/// through /proc/PID/fd): stdin is a pipe with `-i` and /dev/null without,
/// output comes back through pipes or a terminal made inside the container.
pub enum ExecStreams {
    /// The terminal's master side.
    Pty(std::os::fd::OwnedFd),
    Pipes {
        stdin: Option<std::os::fd::OwnedFd>,
        stdout: std::os::fd::OwnedFd,
        stderr: std::os::fd::OwnedFd,
    },
}

/// A started exec session.
pub struct ExecSession {
    /// The process running the command (our child): its exit status is the command's.
    pub pid: nix::unistd::Pid,
    /// `None` for `--detach` (the process has /dev/null for its streams).
    pub streams: Option<ExecStreams>,
    /// A pidfd of `pid`: readable once the process has exited. Poll it beside
    /// the streams: its pipes close a moment before it can be reaped, so a
    /// relay that polled only the pipes would have to sleep and retry.
    pub exited: std::os::fd::OwnedFd,
}

/// Run a command in a running container through the same launch code as its
/// first process. The caller relays `streams` and waits for `pid`
/// ([`wait_exec`]).
pub fn exec(engine: &Engine, input: &str, o: &ExecOptions) -> Result<ExecSession> {
    use crate::runtime::process::{spawn_exec, Credentials, ExecProcess, Stdio, Target};
    if o.args.is_empty() {
        return Err(Error::bad_input("exec needs a command to run"));
    }
    let rec = find(engine, input)?;
    let store = containers(engine)?;
    let st = store.state(&rec.id)?;
    let Some(pid) = st.pid.filter(|p| p.alive() && st.status == Status::Running) else {
        return Err(Error::invalid_state("can only create exec sessions on running containers: container state improper"));
    };
    let process = rec.spec.process().clone().context("the stored spec has no process")?;
    let layers = spec::container_file_layers(&engine.store, &rec, store.dir(&rec.id).join("diff"));
    let mut creds = Credentials::from_spec(&process, rec.spec.linux().as_ref().and_then(|l| l.seccomp().as_ref()))?;
    creds.keep_groups = crate::runtime::process::keep_original_groups(&rec.spec);
    if let Some(u) = &o.user {
        let user = spec::resolve_user(Some(u), spec::image_file(&layers, "/etc/passwd")?.as_deref(), spec::image_file(&layers, "/etc/group")?.as_deref())?;
        creds.uid = user.uid;
        creds.gid = user.gid;
        creds.groups = user.additional_gids;
    }
    // As Podman: an exec'd process gets the bounding set as its capabilities
    // when it runs as root, none otherwise.
    let caps = if creds.uid == 0 { creds.bounding.clone() } else { vec![] };
    creds.effective = caps.clone();
    creds.permitted = caps;
    creds.inheritable = vec![];
    creds.ambient = vec![];
    let mut asked = super::host::env_files(&o.env_files)?;
    asked.extend(o.env.iter().cloned());
    let env = spec::merge_env(&process.env().clone().unwrap_or_default(), &asked);
    let xp = ExecProcess { args: o.args.clone(), env, cwd: o.workdir.clone().unwrap_or_else(|| process.cwd().display().to_string()), creds, tty: o.tty };
    let namespaces = crate::runtime::exec::open_namespaces(pid.pid)?;
    let target = Target { namespaces, cgroup: st.cgroup.clone() };
    let pipe = || nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("creating a pipe");
    let (stdio, streams) = if o.detach {
        (Stdio::Null, None)
    } else if o.tty {
        let (a, b) = std::os::unix::net::UnixStream::pair().context("creating the console socket")?;
        (Stdio::Console(b.into()), Some(Err(std::os::fd::OwnedFd::from(a))))
    } else {
        let (stdin_r, stdin_w) = if o.interactive {
            let (r, w) = pipe()?;
            (Some(r), Some(w))
        } else {
            (None, None)
        };
        let (out_r, out_w) = pipe()?;
        let (err_r, err_w) = pipe()?;
        (Stdio::Pipes { stdin: stdin_r, stdout: out_w, stderr: err_w }, Some(Ok(ExecStreams::Pipes { stdin: stdin_w, stdout: out_r, stderr: err_r })))
    };
    let child = spawn_exec(target, &xp, stdio)?;
    // Our unreaped child: its pid cannot be reused before we wait for it.
    let exited = match crate::runtime::process::pidfd_open(child) {
        Ok(fd) => fd,
        Err(e) => {
            let _ = nix::sys::signal::kill(child, nix::sys::signal::Signal::SIGKILL);
            let _ = wait_exec(child);
            return Err(anyhow!("watching the exec process: {e}").into());
        }
    };
    let streams = match streams {
        None => None,
        Some(Ok(pipes)) => Some(pipes),
        Some(Err(sock)) => match crate::runtime::console::receive(&sock) {
            Ok(master) => Some(ExecStreams::Pty(master)),
            // The process failed before making its terminal: its status says why.
            Err(_) => None,
        },
    };
    Ok(ExecSession { pid: child, streams, exited })
}

/// Wait for an exec'd process and return its exit code (128+N for a signal).
pub fn wait_exec(child: nix::unistd::Pid) -> Result<i32> {
    loop {
        match nix::sys::wait::waitpid(child, None) {
            Ok(nix::sys::wait::WaitStatus::Exited(_, c)) => return Ok(c),
            Ok(nix::sys::wait::WaitStatus::Signaled(_, s, _)) => return Ok(128 + s as i32),
            Ok(_) | Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(anyhow!("waiting for the exec process: {e}").into()),
        }
    }
}

/// The exit code of an exec'd process if it has ended (non-blocking).
pub fn poll_exec(child: nix::unistd::Pid) -> Option<i32> {
    match nix::sys::wait::waitpid(child, Some(nix::sys::wait::WaitPidFlag::WNOHANG)) {
        Ok(nix::sys::wait::WaitStatus::Exited(_, c)) => Some(c),
        Ok(nix::sys::wait::WaitStatus::Signaled(_, s, _)) => Some(128 + s as i32),
        _ => None,
    }
}

/// Run the monitor of container `id` (the hidden `container-monitor`
/// command that [`start`] spawns); `sync_fd` is the pipe to report on.
pub fn monitor(engine: &Engine, id: &str, attach: bool, sync_fd: Option<i32>, userns_fd: Option<i32>) -> Result<i32> {
    let store = containers(engine)?;
    let premapped = userns_fd.and_then(inherited_userns);
    Ok(crate::monitor::run(&engine.store, &store, id, attach, sync_fd, premapped)?)
}

/// The premade user namespace `start_record` hands the monitor at `fd`,
/// with its pipe at `fd + 1`: used only if `fd` really is a user namespace
/// (else the monitor maps its own, as without it).
fn inherited_userns(fd: i32) -> Option<crate::runtime::premap::Premapped> {
    use std::os::fd::{FromRawFd, OwnedFd};
    // SAFETY: F_GETFD only asks whether the numbers are open descriptors.
    let open = |n: i32| unsafe { libc::fcntl(n, libc::F_GETFD) } >= 0;
    if fd < 3 || fd == i32::MAX || !open(fd) || !open(fd + 1) {
        return None; // typed by hand without them: never take numbers not open
    }
    // SAFETY: the starting CLI put these two descriptors here for us and
    // nothing else in this process uses those numbers; owning them closes them.
    let (raw_ns, ready) = unsafe { (OwnedFd::from_raw_fd(fd), OwnedFd::from_raw_fd(fd + 1)) };
    // Checked to be a user namespace on nsfs (and re-opened close-on-exec).
    let ns = crate::runtime::nsfile::open(std::path::Path::new(&format!("/proc/self/fd/{fd}")), nix::sched::CloneFlags::CLONE_NEWUSER).ok()?;
    drop(raw_ns);
    let _ = nix::fcntl::fcntl(&ready, nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC));
    Some(crate::runtime::premap::Premapped { ns: ns.into(), ready })
}

/// A spec's uid and gid mapping lines.
type IdLines = (Vec<crate::runtime::premap::Line>, Vec<crate::runtime::premap::Line>);

/// The id mapping lines of the user namespace `rec`'s spec makes, when the
/// starting CLI can make it (`runtime::premap`). `None` where the monitor
/// must make it itself: no new user namespace, namespaces joined by path,
/// rpod already root of a user namespace.
fn premap_lines(rec: &ContainerRecord) -> Option<IdLines> {
    use oci_spec::runtime::LinuxNamespaceType as T;
    if rec.network.starts_with("container:") || nix::unistd::geteuid().is_root() || crate::runtime::userns::in_user_namespace() {
        return None;
    }
    let linux = rec.spec.linux().as_ref()?;
    let namespaces = linux.namespaces().as_ref()?;
    if !namespaces.iter().any(|n| n.typ() == T::User) || namespaces.iter().any(|n| n.path().is_some()) {
        return None;
    }
    if rec.options.as_ref().is_some_and(|o| !crate::container::namespaces::joined(&o.namespaces).is_empty()) {
        return None;
    }
    let lines = |m: Option<&Vec<oci_spec::runtime::LinuxIdMapping>>| -> Vec<crate::runtime::premap::Line> {
        m.map(|v| v.iter().map(|l| (l.container_id(), l.host_id(), l.size())).collect()).unwrap_or_default()
    };
    let (uids, gids) = (lines(linux.uid_mappings().as_ref()), lines(linux.gid_mappings().as_ref()));
    (!uids.is_empty() && !gids.is_empty()).then_some((uids, gids))
}

/// The user namespace to hand `rec`'s monitor: the one `create` began for
/// it when it has exactly the spec's mapping, else a new one (its mapping
/// started after the monitor is spawned). `None`: the monitor makes its own.
fn premap_for(engine: &Engine, rec: &ContainerRecord) -> Option<(crate::runtime::premap::Premap, IdLines)> {
    let early = engine.premaps.lock().ok().and_then(|mut m| m.remove(&rec.id));
    let lines = premap_lines(rec)?;
    if let Some(p) = early.filter(|p| p.maps(&lines.0, &lines.1)) {
        return Some((p, lines));
    }
    match crate::runtime::premap::Premap::start() {
        Ok(p) => Some((p, lines)),
        Err(e) => {
            tracing::debug!("the monitor maps the user namespace itself: {e}");
            None
        }
    }
}

/// `create` for a container started right away (`run`): its user namespace
/// is made and mapping starts now, with the mapping its identity resolved to
/// (rpod's default, keep-id, auto, nomap, --uidmap), so the helpers run while
/// the record is written and the monitor starts. `start` checks the lines
/// against the spec's before it uses the namespace ([`premap_for`]).
fn early_premap(engine: &Engine, o: &CreateOptions, idmap: Option<&crate::runtime::userns::IdMap>) -> Option<crate::runtime::premap::Premap> {
    if !o.start_now || engine.idmap.is_some() || o.network.starts_with("container:") {
        return None;
    }
    if !crate::container::namespaces::joined(&o.namespaces).is_empty() || nix::unistd::geteuid().is_root() || crate::runtime::userns::in_user_namespace() {
        return None;
    }
    let map = idmap?;
    let lines = |l: &[crate::runtime::userns::MapLine]| l.iter().map(|m| (m.inside, m.outside, m.count)).collect::<Vec<_>>();
    let mut p = crate::runtime::premap::Premap::start().ok()?;
    p.map(&lines(&map.uids), &lines(&map.gids)).ok()?;
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::OwnedFd;

    /// Put `fd` at number `at` (closing what was there) and give up our handle.
    fn place(fd: OwnedFd, at: i32) {
        // SAFETY: dup2 onto a number this test reserves for itself.
        assert_eq!(unsafe { libc::dup2(fd.as_raw_fd(), at) }, at);
    }

    #[test]
    fn the_monitor_takes_only_a_user_namespace_as_premade() {
        // A regular file where the namespace should be: refused (and both closed).
        let file: OwnedFd = std::fs::File::open("/proc/self/status").unwrap().into();
        let (r, w) = nix::unistd::pipe().unwrap();
        place(file, 900);
        place(r, 901);
        assert!(inherited_userns(900).is_none());
        // SAFETY: probing whether the numbers are still open.
        assert!(unsafe { libc::fcntl(900, libc::F_GETFD) } < 0 && unsafe { libc::fcntl(901, libc::F_GETFD) } < 0, "both closed");
        drop(w);
        // Another kind of namespace: refused too.
        place(std::fs::File::open("/proc/self/ns/net").unwrap().into(), 902);
        let (r, _w) = nix::unistd::pipe().unwrap();
        place(r, 903);
        assert!(inherited_userns(902).is_none());
        // A user namespace: taken, used once the CLI says it is mapped.
        for (said, used) in [(&b"1"[..], true), (&b""[..], false), (&b"0"[..], false)] {
            place(std::fs::File::open("/proc/self/ns/user").unwrap().into(), 904);
            let (r, w) = nix::unistd::pipe().unwrap();
            place(r, 905);
            let p = inherited_userns(904).expect("a user namespace is taken");
            nix::unistd::write(&w, said).unwrap();
            drop(w);
            assert_eq!(p.wait().is_some(), used, "after {said:?}");
        }
        // Numbers that cannot be ours, or that are not open.
        assert!(inherited_userns(2).is_none() && inherited_userns(i32::MAX).is_none());
        assert!(inherited_userns(906).is_none(), "nothing open at 906/907");
    }
}

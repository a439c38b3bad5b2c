//! Volume verbs (`volume create/ls/inspect/rm/prune/exists`) and the
//! resolution of a new container's mount requests: bind sources checked,
//! named volumes found or created, anonymous volumes made for `-v /path`
//! and the image's `VOLUME`s.

use std::collections::BTreeMap;

use serde::Serialize;

use super::error::{Error, Result};
use super::Engine;
use crate::container::mounts::{self, MountKind, MountRequest};
use crate::storage::FileLock;
use crate::volumes::{VolumeError, VolumeRecord, VolumeStore};

/// The volume store of this engine's root.
pub fn store(engine: &Engine) -> Result<VolumeStore> {
    Ok(VolumeStore::open(&engine.paths.root)?)
}

fn map_err(e: anyhow::Error) -> Error {
    match e.downcast_ref::<VolumeError>() {
        Some(VolumeError::NoSuchVolume(n)) => Error::NoSuchVolume(n.clone()),
        Some(VolumeError::Exists(_)) => Error::BadInput(e.to_string()),
        None => Error::from(e),
    }
}

/// `volume create` options.
#[derive(Debug, Clone, Default)]
pub struct VolumeCreateOptions {
    /// Empty: a generated name (64 hex digits, as Podman's).
    pub name: String,
    pub driver: String,
    pub labels: BTreeMap<String, String>,
    pub options: BTreeMap<String, String>,
    /// An existing volume of that name is not an error (`--ignore`).
    pub ignore_existing: bool,
}

/// What `volume inspect` reports (Podman's shape).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VolumeReport {
    pub name: String,
    pub driver: String,
    pub mountpoint: String,
    pub created_at: String,
    pub labels: BTreeMap<String, String>,
    pub scope: String,
    pub options: BTreeMap<String, String>,
    /// The owner asked for with `o=uid=,gid=` (Podman shows it apart too).
    #[serde(rename = "UID", skip_serializing_if = "Option::is_none")]
    pub uid: Option<u32>,
    #[serde(rename = "GID", skip_serializing_if = "Option::is_none")]
    pub gid: Option<u32>,
    pub mount_count: u32,
    pub needs_copy_up: bool,
    pub anonymous: bool,
    /// IDs of the containers that use it.
    #[serde(skip)]
    pub users: Vec<String>,
}

fn report(s: &VolumeStore, r: VolumeRecord, users: Vec<String>) -> VolumeReport {
    let id = |k: &str| r.options.get(k).and_then(|v| v.parse().ok());
    VolumeReport {
        uid: id("UID"),
        gid: id("GID"),
        mountpoint: s.data_dir(&r.name).display().to_string(),
        name: r.name,
        driver: r.driver,
        created_at: r.created_at,
        labels: r.labels,
        scope: "local".into(),
        options: r.options,
        mount_count: 0,
        needs_copy_up: r.needs_copy_up,
        anonymous: r.anonymous,
        users,
    }
}

/// Volume name → IDs of the containers whose records use it.
fn users(engine: &Engine) -> Result<BTreeMap<String, Vec<String>>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for rec in super::container::containers(engine)?.list()? {
        for m in rec.options.iter().flat_map(|o| o.mounts.iter()) {
            if m.kind == MountKind::Volume {
                out.entry(m.source.clone()).or_default().push(rec.id.clone());
            }
        }
    }
    Ok(out)
}

fn new_record(name: &str, anonymous: bool) -> VolumeRecord {
    VolumeRecord {
        name: name.to_string(),
        driver: "local".into(),
        created_at: String::new(),
        labels: BTreeMap::new(),
        options: BTreeMap::new(),
        anonymous,
        needs_copy_up: true,
    }
}

/// What a volume's options (`volume create --opt`) ask of rpod's local
/// driver: what rootless Podman's accepts without mounting a device.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalOptions {
    /// `o=uid=N,gid=N`: the owner of the volume's directory, as container
    /// ids of the default mapping.
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    /// `o=nocopy`: never filled with the image's content.
    pub nocopy: bool,
    pub mount: LocalMount,
}

/// Where a volume's data lives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum LocalMount {
    /// Its `_data` directory.
    #[default]
    Data,
    /// `type=tmpfs`: a tmpfs mounted in each container that uses it, with
    /// these options (`size=`, `mode=`, `nr_inodes=`, `uid=`, `gid=`, flags).
    Tmpfs(Vec<String>),
    /// `type=none,o=bind,device=PATH`: a bind of a host path, with these
    /// options (`norbind`, `ro`, flags).
    Bind { device: String, options: Vec<String> },
}

/// Parse a volume's options (as given to `volume create --opt`, or as
/// stored, where rpod adds `UID`/`GID` as Podman does). Err: one line.
pub fn local_options(opts: &BTreeMap<String, String>) -> std::result::Result<LocalOptions, String> {
    let mut out = LocalOptions::default();
    let (mut mount_opts, mut bind, mut sized) = (Vec::<String>::new(), None::<&str>, None::<&str>);
    for (k, v) in opts {
        match k.as_str() {
            "type" | "device" | "o" | "UID" | "GID" => {}
            "nocopy" => out.nocopy = true,
            "copy" => out.nocopy = false,
            _ => return Err(format!("invalid volume option {k:?} for driver local: use type, device, o, copy or nocopy")),
        }
        if k != "o" {
            continue;
        }
        for item in v.split(',').filter(|i| !i.is_empty()) {
            let (ik, iv) = item.split_once('=').unwrap_or((item, ""));
            match ik {
                "uid" | "gid" => {
                    let n = iv.parse::<u32>().map_err(|_| format!("invalid {ik} {iv:?} in the volume option o: use a number"))?;
                    if ik == "uid" { out.uid = Some(n) } else { out.gid = Some(n) }
                }
                "nocopy" => out.nocopy = true,
                "copy" => out.nocopy = false,
                "size" | "mode" | "nr_inodes" if !iv.is_empty() => {
                    if ik == "mode" && u32::from_str_radix(iv, 8).is_err() {
                        return Err(format!("invalid tmpfs mode {iv:?} in the volume option o: use octal"));
                    }
                    if ik == "size" && !mounts::valid_size(iv) {
                        return Err(format!("invalid tmpfs size {iv:?} in the volume option o: use a number with an optional k, m, g or % suffix"));
                    }
                    if ik == "nr_inodes" && iv.parse::<u64>().is_err() {
                        return Err(format!("invalid nr_inodes {iv:?} in the volume option o: use a number"));
                    }
                    sized.get_or_insert(ik);
                    mount_opts.push(item.to_string());
                }
                "bind" | "rbind" => bind = Some(ik),
                "ro" | "rw" | "nosuid" | "nodev" | "noexec" | "suid" | "dev" | "exec" => mount_opts.push(item.to_string()),
                _ => {
                    return Err(format!(
                        "invalid volume option {item:?} in o: rpod's local driver takes uid=, gid=, nocopy and copy; with type=tmpfs also size=, mode=, nr_inodes=; with type=none also bind or rbind; and ro, nosuid, nodev, noexec"
                    ))
                }
            }
        }
    }
    let device = opts.get("device").map(String::as_str).filter(|d| !d.is_empty());
    out.mount = match opts.get("type").map(String::as_str) {
        None | Some("") => {
            if device.is_some() {
                return Err("the volume option device needs type (type=tmpfs, or type=none with o=bind)".into());
            }
            if let Some(k) = sized {
                return Err(format!("the volume option o={k}= needs type=tmpfs (rpod's local driver has no quotas)"));
            }
            if bind.is_some() || !mount_opts.is_empty() {
                return Err("mount options in the volume option o need type=tmpfs, or type=none with device=".into());
            }
            LocalMount::Data
        }
        Some("tmpfs") => {
            if bind.is_some() {
                return Err("the volume option o=bind does not apply to type=tmpfs".into());
            }
            let mut o = mount_opts;
            o.extend(out.uid.map(|u| format!("uid={u}")));
            o.extend(out.gid.map(|g| format!("gid={g}")));
            LocalMount::Tmpfs(o)
        }
        Some(t @ ("none" | "bind")) => {
            let Some(device) = device else { return Err(format!("a type={t} volume needs device=HOST-PATH")) };
            if t == "none" && bind.is_none() {
                return Err("a type=none volume needs o=bind (or rbind): rpod cannot mount other devices rootless".into());
            }
            if let Some(k) = sized {
                return Err(format!("the volume option o={k}= applies to type=tmpfs only"));
            }
            if out.uid.is_some() || out.gid.is_some() {
                return Err("the volume options uid= and gid= do not apply to a bind volume (use the U mount option to chown it)".into());
            }
            if !device.starts_with('/') {
                return Err(format!("the volume device {device:?} must be an absolute path"));
            }
            let mut o = mount_opts;
            if bind == Some("bind") {
                o.push("norbind".into());
            }
            LocalMount::Bind { device: device.to_string(), options: o }
        }
        Some(t) => {
            return Err(format!(
                "volume type {t:?} cannot be mounted by rootless rpod (mounting a device needs root): use type=tmpfs, type=none with o=bind, or no type"
            ))
        }
    };
    Ok(out)
}

/// `volume create`: returns the name.
pub fn create(engine: &Engine, o: &VolumeCreateOptions) -> Result<String> {
    if !o.driver.is_empty() && o.driver != "local" {
        return Err(Error::bad_input(format!("volume driver {:?} is not supported: rpod has the \"local\" driver only", o.driver)));
    }
    if let Some(k) = o.options.keys().find(|k| matches!(k.as_str(), "UID" | "GID")) {
        return Err(Error::bad_input(format!("invalid volume option {k:?} for driver local: use o=uid=N,gid=N")));
    }
    let local = local_options(&o.options).map_err(Error::BadInput)?;
    if let LocalMount::Bind { device, .. } = &local.mount {
        check_bind(&MountRequest { kind: MountKind::Bind, source: device.clone(), ..Default::default() })?;
    }
    let name = if o.name.is_empty() { crate::container::new_id() } else { o.name.clone() };
    if !mounts::valid_volume_name(&name) {
        return Err(Error::bad_input(format!("invalid volume name {name:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*")));
    }
    let s = store(engine)?;
    let lock = s.lock()?;
    s.clean_debris(&lock);
    if o.ignore_existing && s.get(&name)?.is_some() {
        return Ok(name);
    }
    let mut rec = new_record(&name, false);
    rec.labels = o.labels.clone();
    rec.options = o.options.clone();
    if local.mount == LocalMount::Data {
        // As Podman, the owner also under UID/GID (its inspect shows both).
        rec.options.extend(local.uid.map(|u| ("UID".to_string(), u.to_string())));
        rec.options.extend(local.gid.map(|g| ("GID".to_string(), g.to_string())));
    }
    rec.needs_copy_up = !local.nocopy;
    s.create(&lock, &rec).map_err(map_err)?;
    if local.mount == LocalMount::Data && (local.uid.is_some() || local.gid.is_some()) {
        let data = s.data_dir(&name);
        let chown = || -> anyhow::Result<()> {
            use anyhow::Context;
            std::os::unix::fs::lchown(&data, local.uid, local.gid).with_context(|| format!("giving volume {name} to {:?}:{:?}", local.uid, local.gid))
        };
        let r = if engine.content_access { chown().map_err(Error::from) } else { super::mapped::in_namespace(chown) };
        if let Err(e) = r {
            let _ = s.remove(&lock, &name);
            return Err(e);
        }
    }
    crate::events::volume("create", &name);
    Ok(name)
}

/// `volume inspect` of one volume.
pub fn inspect(engine: &Engine, name: &str) -> Result<VolumeReport> {
    let s = store(engine)?;
    let r = s.get(name)?.ok_or_else(|| Error::NoSuchVolume(name.to_string()))?;
    let u = users(engine)?.remove(name).unwrap_or_default();
    Ok(report(&s, r, u))
}

/// `volume exists`.
pub fn exists(engine: &Engine, name: &str) -> Result<bool> {
    Ok(store(engine)?.get(name)?.is_some())
}

/// `volume ls` filters (Podman's): `name`, `label`, `driver`, `dangling`,
/// `anonymous`. Values of one key are alternatives; keys must all match.
pub fn list(engine: &Engine, filters: &BTreeMap<String, Vec<String>>) -> Result<Vec<VolumeReport>> {
    let s = store(engine)?;
    let mut u = users(engine)?;
    let mut out = Vec::new();
    for r in s.list()? {
        let used = u.remove(&r.name).unwrap_or_default();
        let mut ok = true;
        for (k, vals) in filters {
            let mut any = false;
            for v in vals {
                any |= match k.as_str() {
                    "name" => r.name.contains(v.as_str()),
                    "driver" => r.driver == *v,
                    "label" => match v.split_once('=') {
                        Some((lk, lv)) => r.labels.get(lk).is_some_and(|x| x == lv),
                        None => r.labels.contains_key(v),
                    },
                    "dangling" | "anonymous" => {
                        let want = match v.as_str() {
                            "true" | "1" => true,
                            "false" | "0" => false,
                            _ => return Err(Error::bad_input(format!("invalid {k} filter {v:?}: use true or false"))),
                        };
                        (if k == "dangling" { used.is_empty() } else { r.anonymous }) == want
                    }
                    _ => return Err(Error::bad_input(format!("unsupported volume filter {k:?}: use name, label, driver, dangling or anonymous"))),
                };
            }
            ok &= any;
        }
        if ok {
            out.push(report(&s, r, used));
        }
    }
    Ok(out)
}

/// `volume rm`: refuses a volume in use unless `force`, which first removes
/// the containers using it. Needs content access (the data may belong to
/// subordinate ids).
pub fn remove(engine: &Engine, name: &str, force: bool) -> Result<()> {
    let s = store(engine)?;
    if s.get(name)?.is_none() {
        return Err(Error::NoSuchVolume(name.to_string()));
    }
    let used = users(engine)?.remove(name).unwrap_or_default();
    if !used.is_empty() {
        if !force {
            return Err(Error::InUse(format!("volume {name} is being used by the following container(s): {}: volume is being used", used.join(", "))));
        }
        for id in &used {
            super::container::remove(engine, id, true)?;
        }
    }
    let lock = s.lock()?;
    // A container created meanwhile holds the lock while it records its volumes.
    if let Some(ids) = users(engine)?.remove(name) {
        return Err(Error::InUse(format!("volume {name} is being used by the following container(s): {}: volume is being used", ids.join(", "))));
    }
    s.remove(&lock, name).map_err(map_err)?;
    s.clean_debris(&lock);
    crate::events::volume("remove", name);
    Ok(())
}

/// `volume prune`: remove every volume no container uses; returns their names.
pub fn prune(engine: &Engine, filters: &BTreeMap<String, Vec<String>>) -> Result<Vec<String>> {
    let mut f = filters.clone();
    f.insert("dangling".into(), vec!["true".into()]);
    let mut removed = Vec::new();
    for v in list(engine, &f)? {
        match remove(engine, &v.name, false) {
            Ok(()) => removed.push(v.name),
            Err(Error::InUse(_)) | Err(Error::NoSuchVolume(_)) => {} // used or removed meanwhile
            Err(e) => return Err(e),
        }
    }
    Ok(removed)
}

/// Remove the anonymous volumes of a container just removed (`rm -v`,
/// `--rm`); named volumes stay. Volumes another container still uses stay too.
pub fn remove_anonymous(engine: &Engine, mounts: &[MountRequest]) -> Result<()> {
    for m in mounts.iter().filter(|m| m.kind == MountKind::Volume && m.anonymous) {
        match remove(engine, &m.source, false) {
            Ok(()) | Err(Error::NoSuchVolume(_)) | Err(Error::InUse(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A new container's mounts, resolved while the volume lock is held (keep
/// the returned lock until the container's record is stored, so a `volume
/// rm` running meanwhile sees the container).
pub struct ResolvedMounts {
    /// For the spec: binds (volumes as binds of their `_data`) and tmpfs.
    pub spec: Vec<MountRequest>,
    /// For the record: what was asked, anonymous volumes named.
    pub recorded: Vec<MountRequest>,
    /// Anonymous volumes made here: removed again if the create fails.
    pub made: Vec<String>,
    pub lock: Option<FileLock>,
}

/// Resolve `requests` plus the image's `VOLUME`s (`image_volumes`) for a new
/// container: a missing bind source is an error, as in Podman; a missing
/// named volume is created; a volume that has never been mounted is marked
/// for copy-up (`rpod.copyup-pending`, which the container's first start
/// claims or drops, [`claim_copy_up`]; claimed, the runtime fills the
/// volume with the image's content at the destination before mounting it).
pub fn resolve_mounts(engine: &Engine, requests: &[MountRequest], image_volumes: &[String]) -> Result<ResolvedMounts> {
    let mut reqs = requests.to_vec();
    for d in image_volumes {
        let norm = format!("/{}", d.split('/').filter(|c| !c.is_empty() && *c != ".").collect::<Vec<_>>().join("/"));
        if !reqs.iter().any(|r| r.destination.trim_end_matches('/') == norm || (norm == "/" && r.destination == "/")) {
            reqs.push(MountRequest { kind: MountKind::Volume, destination: norm, ..Default::default() });
        }
    }
    mounts::sort_and_check(&mut reqs).map_err(Error::BadInput)?;
    let mut out = ResolvedMounts { spec: Vec::new(), recorded: Vec::new(), made: Vec::new(), lock: None };
    if !reqs.iter().any(|r| r.kind == MountKind::Volume) {
        for r in &reqs {
            check_bind(r)?;
        }
        out.spec = reqs.iter().map(pin_source).collect::<Result<_>>()?;
        out.recorded = reqs;
        return Ok(out);
    }
    let s = store(engine)?;
    let lock = s.lock()?;
    let result = (|| -> Result<()> {
        for r in &reqs {
            check_bind(r)?;
            if r.kind != MountKind::Volume {
                out.spec.push(pin_source(r)?);
                out.recorded.push(r.clone());
                continue;
            }
            let mut rec_req = r.clone();
            let vol = if r.source.is_empty() {
                let name = crate::container::new_id();
                let v = s.create(&lock, &new_record(&name, true)).map_err(map_err)?;
                out.made.push(name.clone());
                rec_req.source = name;
                rec_req.anonymous = true;
                v
            } else {
                match s.get(&r.source)? {
                    Some(v) => v,
                    None => s.create(&lock, &new_record(&r.source, false)).map_err(map_err)?,
                }
            };
            let local = local_options(&vol.options).map_err(|e| Error::bad_input(format!("volume {}: {e}", vol.name)))?;
            match local.mount {
                LocalMount::Data => {}
                // A tmpfs volume: a tmpfs of the volume's options in this
                // container (its data lasts as long as the container's mount).
                LocalMount::Tmpfs(o) => {
                    let mut opts = vec!["nosuid".to_string(), "nodev".to_string()];
                    opts.extend(o);
                    opts.extend(r.options.iter().filter(|x| !matches!(x.as_str(), "nocopy" | "U" | "norbind")).cloned());
                    out.spec.push(MountRequest { kind: MountKind::Tmpfs, source: String::new(), options: opts, ..r.clone() });
                    out.recorded.push(rec_req);
                    continue;
                }
                // A bind volume: the host path itself (it must exist).
                LocalMount::Bind { device, options } => {
                    let mut opts = options;
                    opts.extend(r.options.iter().filter(|x| x.as_str() != "nocopy").cloned());
                    let b = MountRequest { kind: MountKind::Bind, source: device, options: opts, ..r.clone() };
                    check_bind(&b)?;
                    out.spec.push(pin_source(&b)?);
                    out.recorded.push(rec_req);
                    continue;
                }
            }
            let mut spec_req = MountRequest { kind: MountKind::Bind, source: s.data_dir(&vol.name).display().to_string(), ..r.clone() };
            if local.uid.is_some() || local.gid.is_some() {
                // o=uid=,gid=: the copy-up keeps the owner the user chose.
                spec_req.options.push(crate::runtime::rootfs::KEEP_OWNER.into());
            }
            // Not claimed here: the first container to *start* fills it
            // ([`claim_copy_up`]), as in Podman.
            if vol.needs_copy_up && !r.options.iter().any(|o| o == "nocopy") {
                spec_req.options.push(crate::runtime::rootfs::COPYUP_PENDING.into());
            }
            out.spec.push(pin_source(&spec_req)?);
            out.recorded.push(rec_req);
        }
        Ok(())
    })();
    if let Err(e) = result {
        for n in &out.made {
            let _ = s.remove(&lock, n);
        }
        return Err(e);
    }
    out.lock = Some(lock);
    Ok(out)
}

/// At a container's start: of its volumes marked for copy-up at create
/// (`rpod.copyup-pending`), those no container has started with yet are
/// claimed (the mark becomes `rpod.copyup`: this start fills them, and no
/// other container will); the marks of the others are dropped. So the
/// first container to *start* with a new volume fills it, as in Podman,
/// whichever was created first. Returns the rewritten record, or `None`
/// when it had no pending mark (every start after the first: no cost). A
/// claimed mark stays with its container, whose later starts copy only into
/// an empty volume (the copy-up leaves one with content alone).
pub fn claim_copy_up(engine: &Engine, rec: &crate::container::ContainerRecord) -> Result<Option<crate::container::ContainerRecord>> {
    use crate::runtime::rootfs::{COPYUP, COPYUP_PENDING};
    let pending = |m: &oci_spec::runtime::Mount| m.options().as_ref().is_some_and(|o| o.iter().any(|x| x == COPYUP_PENDING));
    let mounts = rec.spec.mounts().clone().unwrap_or_default();
    if !mounts.iter().any(pending) {
        return Ok(None);
    }
    let recorded = rec.options.as_ref().map(|o| o.mounts.as_slice()).unwrap_or_default();
    let s = store(engine)?;
    let lock = s.lock()?;
    let mut claimed = Vec::new();
    for dest in mounts.iter().filter(|m| pending(m)).map(|m| m.destination().display().to_string()) {
        let Some(req) = recorded.iter().find(|r| r.kind == MountKind::Volume && r.destination == dest) else { continue };
        if let Some(vol) = s.get(&req.source)? {
            if vol.needs_copy_up {
                s.update(&lock, &VolumeRecord { needs_copy_up: false, ..vol })?;
                claimed.push(dest);
            }
        }
    }
    let rewritten = super::container::containers(engine)?.update_record(&rec.id, |r| {
        let mut ms = r.spec.mounts().clone().unwrap_or_default();
        for m in ms.iter_mut().filter(|m| pending(m)) {
            let claim = claimed.contains(&m.destination().display().to_string());
            let o: Vec<String> = m
                .options()
                .clone()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|x| {
                    if x != COPYUP_PENDING {
                        Some(x)
                    } else if claim {
                        Some(COPYUP.to_string())
                    } else {
                        None
                    }
                })
                .collect();
            m.set_options(Some(o));
        }
        r.spec.set_mounts(Some(ms));
        Ok(())
    })?;
    Ok(Some(rewritten))
}

/// Undo the anonymous volumes of a create that failed after [`resolve_mounts`].
pub fn forget(engine: &Engine, made: &[String], lock: &FileLock) {
    if let Ok(s) = store(engine) {
        for n in made {
            let _ = s.remove(lock, n);
        }
    }
}

/// A bind source must exist (Podman: `statfs SRC: no such file or directory`).
fn check_bind(r: &MountRequest) -> Result<()> {
    if r.kind == MountKind::Bind {
        if let Err(e) = std::fs::metadata(&r.source) {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
                _ => e.to_string(),
            };
            return Err(Error::bad_input(format!("statfs {}: {why}", r.source)));
        }
    }
    Ok(())
}

/// A bind that rpod writes through (`U` chowns it, `O` lays an overlay on
/// it) gets its source as a path without symlinks, fixed now: at start the
/// runtime opens it refusing any symlink (`RESOLVE_NO_SYMLINKS`), so a link
/// swapped in later (by a container sharing a parent directory) cannot
/// point the chown at another host file (CVE-2021-20199 class). An overlay's
/// directories must not hold characters that end a path in its options.
fn pin_source(r: &MountRequest) -> Result<MountRequest> {
    let (chown, overlay) = (r.options.iter().any(|o| o == "U"), r.options.iter().any(|o| o == "O"));
    if r.kind != MountKind::Bind || !(chown || overlay) {
        return Ok(r.clone());
    }
    let mut r = r.clone();
    let real = std::fs::canonicalize(&r.source).map_err(|e| Error::bad_input(format!("statfs {}: {e}", r.source)))?;
    r.source = real.display().to_string();
    if overlay {
        if !real.is_dir() {
            return Err(Error::bad_input(format!("the overlay mount (O) of {} needs a directory", r.source)));
        }
        let mut dirs = vec![("source".to_string(), r.source.clone())];
        for o in r.options.iter_mut() {
            let kv = o.split_once('=').map(|(k, v)| (k.to_string(), v.to_string()));
            if let Some((k, v)) = kv.filter(|(k, _)| k == "upperdir" || k == "workdir") {
                let d = std::fs::canonicalize(&v).map_err(|e| Error::bad_input(format!("the overlay {k} {v}: {e}")))?;
                if !d.is_dir() {
                    return Err(Error::bad_input(format!("the overlay {k} {v} is not a directory")));
                }
                *o = format!("{k}={}", d.display());
                dirs.push((k.clone(), d.display().to_string()));
            }
        }
        if let Some((k, d)) = dirs.iter().find(|(_, d)| d.contains(mounts::OVERLAY_UNSAFE) || d.chars().any(char::is_control)) {
            return Err(Error::bad_input(format!("the overlay {k} {d:?} cannot be used: overlay paths cannot contain ',', ':', '\\' or control characters")));
        }
    }
    Ok(r)
}

/// Give each `O` mount without `upperdir=` its own upper and work
/// directories under the container's directory, emptied by the runtime at
/// every start (`rpod.volatile`): the changes last until the container
/// stops, as in Podman, and go with the container.
pub fn overlay_scratch(spec: &mut [MountRequest], container_dir: &std::path::Path) {
    for (i, m) in spec.iter_mut().enumerate() {
        if m.options.iter().any(|o| o == "O") && !m.options.iter().any(|o| o.starts_with("upperdir=")) {
            let d = container_dir.join("overlay-volumes").join(i.to_string());
            m.options.push(format!("upperdir={}", d.join("upper").display()));
            m.options.push(format!("workdir={}", d.join("work").display()));
            m.options.push(crate::runtime::rootfs::VOLATILE.into());
        }
    }
}

/// Turn each `--mount type=image` of a new container's spec mounts into
/// the image's layer directories: the image must be in the store (as in
/// Podman, nothing is pulled for it). Under a mapping that shows the
/// layers shifted (`shift`: keep-id, auto, ...), its shifted copies, made
/// once per mapping as for the root. Read-only: an overlay of the layers
/// (a read-only bind of a one-layer image: overlay needs two lowers without
/// an upper); `rw=true`: an overlay with `O`, whose scratch upper layer
/// [`overlay_scratch`] adds and every start empties. The runtime resolves
/// the destination inside the container's root, as for every mount.
pub fn image_mounts(engine: &Engine, spec: &mut [MountRequest], shift: Option<&crate::runtime::userns::Shift>) -> Result<()> {
    for m in spec.iter_mut().filter(|m| m.kind == MountKind::Image) {
        let img = super::images::lookup(engine, &m.source)?;
        let mut dirs: Vec<std::path::PathBuf> = match shift {
            Some(s) => super::mapped::ensure(engine, &img.layers, s)?,
            None => img.layers.iter().map(|l| engine.store.layer_diff(l)).collect(),
        };
        dirs.reverse(); // overlay order: top first
        if let Some(d) = dirs.iter().find(|d| d.to_string_lossy().contains(mounts::OVERLAY_UNSAFE)) {
            return Err(Error::bad_input(format!("the image mount of {}: its layer directory {} cannot be named in overlay options", m.source, d.display())));
        }
        if dirs.is_empty() {
            return Err(Error::bad_input(format!("the image mount of {}: the image has no layers", m.source)));
        }
        let read_only = m.read_only();
        if read_only && dirs.len() == 1 {
            *m = MountRequest { kind: MountKind::Bind, source: dirs[0].display().to_string(), options: vec!["ro".into(), "norbind".into()], ..m.clone() };
            continue;
        }
        m.source = dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(":");
        if !read_only {
            m.options.push("O".into());
        }
    }
    Ok(())
}

/// A container's mounts as `inspect` shows them (Podman's `Mounts`).
pub fn inspect_mounts(engine: &Engine, mounts: &[MountRequest]) -> Vec<serde_json::Value> {
    let data = |name: &str| store(engine).map(|s| s.data_dir(name).display().to_string()).unwrap_or_default();
    mounts
        .iter()
        .map(|m| {
            let propagation = m.options.iter().find(|o| o.contains("private") || o.contains("shared") || o.contains("slave") || o.contains("bindable"));
            let (typ, name, source, driver) = match m.kind {
                MountKind::Bind => ("bind", "", m.source.clone(), ""),
                MountKind::Volume => ("volume", m.source.as_str(), data(&m.source), "local"),
                MountKind::Tmpfs => ("tmpfs", "", "tmpfs".to_string(), ""),
                MountKind::Devpts => ("devpts", "", "devpts".to_string(), ""),
                MountKind::Image => ("image", "", m.source.clone(), ""),
            };
            serde_json::json!({
                "Type": typ,
                "Name": name,
                "Source": source,
                "Destination": m.destination,
                "Driver": driver,
                "Mode": "",
                "Options": m.options,
                "RW": !m.read_only(),
                "Propagation": propagation.map(String::as_str).unwrap_or(if matches!(m.kind, MountKind::Bind | MountKind::Volume) { "rprivate" } else { "" }),
            })
        })
        .collect()
}

/// `volume export`: the volume's content as a tar stream (owners kept; run
/// in rpod's user namespace to read files of container users). Symlinks
/// are archived as links, never followed.
pub fn export(engine: &Engine, name: &str, out: &mut dyn std::io::Write) -> Result<()> {
    use anyhow::Context;
    let s = store(engine)?;
    s.get(name)?.ok_or_else(|| Error::NoSuchVolume(name.to_string()))?;
    let data = s.data_dir(name);
    let mut b = tar::Builder::new(out);
    b.follow_symlinks(false);
    let mut entries: Vec<_> = std::fs::read_dir(&data).with_context(|| format!("listing volume {name}"))?.collect::<std::io::Result<Vec<_>>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let (path, n) = (e.path(), std::path::PathBuf::from(e.file_name()));
        if e.file_type()?.is_dir() { b.append_dir_all(&n, &path) } else { b.append_path_with_name(&path, &n) }
            .with_context(|| format!("archiving {}", path.display()))?;
    }
    b.into_inner().context("finishing the archive")?.flush()?;
    Ok(())
}

/// `volume import`: unpack a tar stream into the volume (owners and modes
/// kept). The `tar` crate refuses absolute names, `..`, and entries whose
/// directory resolves outside the volume (a link a container planted in it).
pub fn import(engine: &Engine, name: &str, input: &mut dyn std::io::Read) -> Result<()> {
    use anyhow::Context;
    let s = store(engine)?;
    s.get(name)?.ok_or_else(|| Error::NoSuchVolume(name.to_string()))?;
    let mut a = tar::Archive::new(input);
    a.set_preserve_permissions(true);
    a.set_preserve_ownerships(engine.content_access);
    a.set_preserve_mtime(true);
    a.set_overwrite(true);
    a.unpack(s.data_dir(name)).with_context(|| format!("importing into volume {name}"))?;
    Ok(())
}

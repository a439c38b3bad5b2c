//! Podman's container life-cycle extras: `--tz`, `--requires` and
//! `rm --depend`, `container clone`, `container cleanup`, `container init`,
//! `system reset` and `system migrate`. Plain options in, typed reports out,
//! as the rest of the engine.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::container::{self as ctr, containers, find};
use super::error::{Error, Result};
use super::Engine;
use crate::container::mounts::{MountKind, MountRequest};
use crate::container::{ContainerRecord, Status};

/// Where zone files live on the host.
const ZONEINFO: &str = "/usr/share/zoneinfo";

/// `--tz`: the host file to bind read-only at /etc/localtime. `local` is
/// the host's own zone; anything else names a file under the zone database.
/// A name climbing out of it (`..`, an absolute path, a link that leads
/// elsewhere) is refused: `--tz` shows zone files, not any host file.
pub fn timezone_file(tz: &str) -> Result<PathBuf> {
    let bad = |why: &str| Error::bad_input(format!("invalid --tz {tz:?}: {why}"));
    let path = if tz == "local" {
        std::fs::canonicalize("/etc/localtime").map_err(|e| bad(&format!("the host's /etc/localtime: {e}")))?
    } else {
        if tz.is_empty() || tz.starts_with('/') || tz.split('/').any(|c| c.is_empty() || c == "." || c == "..") {
            return Err(bad("use local or a zone name such as Europe/Paris"));
        }
        if !tz.chars().all(|c| c.is_ascii_alphanumeric() || "_+-/".contains(c)) {
            return Err(bad("use local or a zone name such as Europe/Paris"));
        }
        let base = std::fs::canonicalize(ZONEINFO).map_err(|e| bad(&format!("{ZONEINFO}: {e}")))?;
        let p = std::fs::canonicalize(Path::new(ZONEINFO).join(tz)).map_err(|_| bad(&format!("no such zone in {ZONEINFO}")))?;
        if !p.starts_with(&base) {
            return Err(bad(&format!("the zone file leads out of {ZONEINFO}")));
        }
        p
    };
    if !std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
        return Err(bad("not a zone file"));
    }
    Ok(path)
}

/// The mount `--tz` adds (before the user's own: a `-v ...:/etc/localtime` wins).
pub fn timezone_mount(tz: &str, taken: &[MountRequest]) -> Result<Option<MountRequest>> {
    let file = timezone_file(tz)?;
    if taken.iter().any(|m| m.destination == "/etc/localtime") {
        return Ok(None);
    }
    Ok(Some(MountRequest {
        kind: MountKind::Bind,
        source: file.display().to_string(),
        destination: "/etc/localtime".into(),
        options: vec!["ro".into(), "nosuid".into(), "nodev".into(), "noexec".into()],
        anonymous: false,
    }))
}

/// IDs of the containers whose `--requires` names `id`.
pub fn dependents(engine: &Engine, id: &str) -> Result<Vec<String>> {
    let store = containers(engine)?;
    let mut out = Vec::new();
    for s in store.list_summaries()? {
        let Some(rec) = store.record(&s.id)? else { continue };
        if rec.options.as_ref().is_some_and(|o| o.requires.iter().any(|r| r == id)) {
            out.push(rec.id);
        }
    }
    Ok(out)
}

/// `rm` refuses a container others require, as Podman does.
pub fn check_no_dependents(engine: &Engine, rec: &ContainerRecord) -> Result<()> {
    let deps = dependents(engine, &rec.id)?;
    if deps.is_empty() {
        return Ok(());
    }
    Err(Error::InUse(format!("container {} has dependent containers which must be removed before it: {}: container already exists", rec.id, deps.join(", "))))
}

/// `rm --depend`: the container and, first, every container that requires
/// it (recursively), in the order they must go.
pub fn removal_order(engine: &Engine, input: &str) -> Result<Vec<String>> {
    let root = find(engine, input)?.id;
    let mut order = Vec::new();
    fn visit(engine: &Engine, id: &str, order: &mut Vec<String>, depth: usize) -> Result<()> {
        if order.iter().any(|x| x == id) || depth > 64 {
            return Ok(());
        }
        for d in dependents(engine, id)? {
            visit(engine, &d, order, depth + 1)?;
        }
        order.push(id.to_string());
        Ok(())
    }
    visit(engine, &root, &mut order, 0)?;
    Ok(order)
}

/// Start what `rec` requires that is not running yet (recursively), before
/// `rec` itself starts.
pub fn start_requirements(engine: &Engine, rec: &ContainerRecord, depth: usize) -> Result<()> {
    let Some(o) = &rec.options else { return Ok(()) };
    if depth > 64 {
        return Err(Error::bad_input("--requires: the dependency chain is too long (a cycle?)"));
    }
    for r in &o.requires {
        let dep = match find(engine, r) {
            Ok(d) => d,
            Err(Error::NoSuchContainer(_)) => {
                return Err(Error::invalid_state(format!("container {} requires container {r}, which no longer exists", rec.name)))
            }
            Err(e) => return Err(e),
        };
        let st = containers(engine)?.state(&dep.id)?;
        if matches!(st.status, Status::Running | Status::Paused | Status::Stopping) {
            continue;
        }
        start_requirements(engine, &dep, depth + 1)?;
        ctr::start_record(engine, &dep, false)?;
    }
    Ok(())
}

/// `container clone` options: what changes in the copy.
#[derive(Debug, Clone, Default)]
pub struct CloneOptions {
    /// Name of the copy (default: the original's with `-clone`, numbered if taken).
    pub name: Option<String>,
    /// Another image for the copy.
    pub image: Option<String>,
    /// Limits to override (`None` fields keep the original's).
    pub limits: super::limits::LimitOptions,
}

/// What `clone` made: the copy's record (not started yet).
pub fn clone(engine: &Engine, input: &str, c: &CloneOptions) -> Result<ContainerRecord> {
    let orig = find(engine, input)?;
    let Some(mut o) = orig.options.clone() else {
        return Err(Error::bad_input(format!("container {} was made by an older rpod that did not keep its options: it cannot be cloned", orig.name)));
    };
    o.name = Some(match &c.name {
        Some(n) => n.clone(),
        None => free_clone_name(engine, &orig.name)?,
    });
    if let Some(i) = &c.image {
        o.image = i.clone();
        o.rootfs = false;
    } else if !o.rootfs {
        // A --rootfs container's copy runs on the same directory (`image` is it).
        o.image = orig.image_id.clone();
    }
    o.replace = false;
    // Anonymous volumes are the original's own: the copy gets new ones.
    for m in &mut o.mounts {
        if m.anonymous {
            m.source.clear();
        }
    }
    let l = &c.limits;
    macro_rules! take {
        ($($f:ident),*) => { $( if l.$f.is_some() { o.limits.$f = l.$f.clone(); } )* };
    }
    take!(memory, memory_swap, memory_reservation, cpus, cpu_shares, cpu_quota, cpu_period, cpuset_cpus, cpuset_mems, pids_limit, blkio_weight);
    if c.limits.cpus.is_some() {
        // --cpus replaces a quota/period pair the original had.
        if c.limits.cpu_quota.is_none() {
            o.limits.cpu_quota = None;
        }
        if c.limits.cpu_period.is_none() {
            o.limits.cpu_period = None;
        }
    }
    ctr::create(engine, &o)
}

/// `NAME-clone`, or `NAME-clone1`, `NAME-clone2`... when taken (Podman's rule).
fn free_clone_name(engine: &Engine, base: &str) -> Result<String> {
    let store = containers(engine)?;
    for i in 0..1000 {
        let n = if i == 0 { format!("{base}-clone") } else { format!("{base}-clone{i}") };
        if store.find(&n)?.filter(|r| r.name == n).is_none() {
            return Ok(n);
        }
    }
    Err(Error::bad_input(format!("no free name for a clone of {base}: use --name")))
}

/// `container cleanup`: for a container that is not running, remove what
/// its last run left (its run directory: sockets, pid files) and, with
/// `remove`, the container itself. A running container is refused, as
/// Podman does; `all` skips running ones silently.
pub fn cleanup(engine: &Engine, input: &str, remove: bool, skip_running: bool) -> Result<Option<String>> {
    let rec = find(engine, input)?;
    let store = containers(engine)?;
    let st = store.state(&rec.id)?;
    if matches!(st.status, Status::Running | Status::Paused | Status::Stopping) {
        if skip_running {
            return Ok(None);
        }
        return Err(Error::invalid_state(format!("container {} is running or paused, refusing to clean up: container state improper", rec.id)));
    }
    if remove {
        ctr::remove_with_volumes(engine, &rec.id, false, true)?;
    } else {
        let rundir = store.rundir(&rec.id);
        if let Ok(entries) = std::fs::read_dir(&rundir) {
            for e in entries.flatten() {
                let p = e.path();
                // The run directory holds sockets and small files only.
                if p.symlink_metadata().is_ok_and(|m| !m.is_dir()) {
                    let _ = std::fs::remove_file(&p);
                }
            }
        }
        crate::events::container("cleanup", &rec.id, &rec.name, &rec.image_name, &rec.labels);
    }
    Ok(Some(rec.id))
}

/// `container init`: check and prepare a created or exited container for
/// `start`, and mark it `initialized`.
///
/// What rpod can do ahead of `start`, and does: the containers it
/// `--requires` must be running (Podman's rule for init), the image's
/// layers must be in the store, a container it shares namespaces with
/// (`container:`) must exist, and its directories (upper, work, mount
/// point, run directory) are made. What it cannot: Podman's runtime
/// creates the namespaces and mounts and leaves a process waiting for
/// `start`; rootless rpod makes them in the monitor's child at `start`
/// (mounts made earlier would vanish with the process holding them), so
/// an initialized container has no process yet (docs/decisions.md).
pub fn init(engine: &Engine, input: &str) -> Result<String> {
    let rec = find(engine, input)?;
    let store = containers(engine)?;
    let st = store.state(&rec.id)?;
    if !matches!(st.status, Status::Created | Status::Exited) {
        return Err(Error::invalid_state(format!("container {} has already been created in runtime: container state improper", rec.id)));
    }
    if let Some(o) = &rec.options {
        for r in &o.requires {
            let dep = find(engine, r).map_err(|_| Error::invalid_state(format!("container {} requires container {r}, which no longer exists", rec.name)))?;
            let dst = store.state(&dep.id)?;
            if !matches!(dst.status, Status::Running | Status::Paused) {
                return Err(Error::invalid_state(format!("container {} requires container {r}, which is not running: start it first", rec.name)));
            }
        }
        for (flag, mode, _) in o.namespaces.each() {
            if let Some(other) = mode.strip_prefix("container:") {
                find(engine, other).map_err(|_| Error::invalid_state(format!("{flag} container:{other}: no such container")))?;
            }
        }
    }
    if rec.driver != "rootfs" {
        if let Some(l) = rec.layers.iter().find(|l| !engine.store.has_layer(l)) {
            return Err(Error::invalid_state(format!("container {}: its image layer {l} is missing from the store", rec.name)));
        }
    }
    let cdir = store.dir(&rec.id);
    for d in [cdir.join("diff"), cdir.join("work"), cdir.join("merged"), store.rundir(&rec.id)] {
        std::fs::create_dir_all(&d).map_err(|e| Error::Other(anyhow::anyhow!("creating {}: {e}", d.display())))?;
    }
    store.update_state_if(&rec.id, |s| {
        *s = crate::container::ContainerState { restart_count: s.restart_count, listing: s.listing.take(), ..Default::default() };
        s.status = Status::Initialized;
        true
    })?;
    crate::events::container("init", &rec.id, &rec.name, &rec.image_name, &rec.labels);
    Ok(rec.id)
}

/// What `system reset` removed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ResetReport {
    pub containers: Vec<String>,
    /// The directories removed (store, live state).
    pub removed: Vec<PathBuf>,
}

/// A directory `system reset` will not remove whatever `--root` says: `/`,
/// the home directory or one of its parents.
fn too_precious(dir: &Path, home: &Path) -> bool {
    dir.parent().is_none() || home.starts_with(dir)
}

/// `system reset`: stop and remove every container, then delete the store
/// (`--root`: images, layers, containers, volumes) and the live state
/// (`--runroot`: events, locks, sockets). Needs content access: layer and
/// container files belong to subordinate ids, which only rpod's user
/// namespace may delete. Deleting never follows a symlink (a container's
/// files may point anywhere on the host).
pub fn reset(engine: &Engine) -> Result<ResetReport> {
    if !engine.content_access {
        return Err(anyhow::anyhow!("system reset needs rpod's user namespace (internal error)").into());
    }
    let mut report = ResetReport::default();
    for first in ctr::all_ids(engine)? {
        // Those that require a container go before it.
        let order = match removal_order(engine, &first) {
            Ok(o) => o,
            Err(Error::NoSuchContainer(_)) => continue,
            Err(e) => return Err(e),
        };
        for id in order {
            match ctr::remove_with_volumes(engine, &id, true, true) {
                Ok(_) => report.containers.push(id),
                Err(Error::NoSuchContainer(_)) => {}
                Err(e) => tracing::warn!("removing container {id}: {e:#}"),
            }
        }
    }
    for dir in [&engine.paths.root, &engine.paths.runroot] {
        if too_precious(dir, &engine.paths.home) {
            return Err(Error::bad_input(format!("refusing to remove {}: it is / or holds your home directory", dir.display())));
        }
        match remove_tree(dir) {
            Ok(true) => report.removed.push(dir.clone()),
            Ok(false) => {}
            Err(e) => return Err(anyhow::Error::from(e).context(format!("removing {}", dir.display())).into()),
        }
    }
    Ok(report)
}

/// Remove `dir` and everything in it; `false` when it did not exist.
/// Directories without write or search permission (an image may ship
/// `chmod 000` ones) are opened up first: root in rpod's user namespace
/// owns them. Symlinks are removed, never followed.
fn remove_tree(dir: &Path) -> std::io::Result<bool> {
    use std::os::unix::fs::PermissionsExt;
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
        Ok(m) if !m.is_dir() => {
            std::fs::remove_file(dir)?;
            return Ok(true);
        }
        Ok(_) => {}
    }
    if std::fs::remove_dir_all(dir).is_ok() {
        return Ok(true);
    }
    // Second pass: make every directory writable and searchable, then retry.
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if let Ok(m) = std::fs::symlink_metadata(&d) {
            if m.is_dir() {
                let _ = std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o700));
                if let Ok(entries) = std::fs::read_dir(&d) {
                    for e in entries.flatten() {
                        if e.file_type().is_ok_and(|t| t.is_dir()) {
                            stack.push(e.path());
                        }
                    }
                }
            }
        }
    }
    std::fs::remove_dir_all(dir)?;
    Ok(true)
}

/// What `system migrate` found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MigrateReport {
    pub containers: usize,
    pub images: usize,
    /// Containers whose record cannot be read (full IDs): `rm ID` removes them.
    pub unreadable: Vec<String>,
}

/// `system migrate`: rpod's state files gain fields only with defaults, so
/// a store written by an older rpod reads as it is and there is nothing to
/// rewrite; this checks that every container record and the image list do
/// read, and names those that do not.
pub fn migrate(engine: &Engine) -> Result<MigrateReport> {
    let store = containers(engine)?;
    let mut report = MigrateReport { images: engine.store.images()?.len(), ..MigrateReport::default() };
    let root = engine.paths.root.join("containers");
    let mut ids: Vec<String> = match std::fs::read_dir(&root) {
        Ok(entries) => entries.flatten().filter_map(|e| e.file_name().to_str().map(str::to_string)).filter(|n| crate::container::is_id(n)).collect(),
        Err(_) => Vec::new(),
    };
    ids.sort();
    for id in ids {
        match store.record(&id) {
            Ok(Some(_)) => report.containers += 1,
            Ok(None) => {}
            Err(_) => report.unreadable.push(id),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Path traversal through --tz (`..`, absolute paths): only zone files.
    #[test]
    fn tz_names_cannot_leave_the_zone_database() {
        for bad in ["../../etc/shadow", "/etc/passwd", "Europe/../../../etc/passwd", "", "Europe//Paris", "a b", "./UTC"] {
            assert!(timezone_file(bad).is_err(), "{bad:?}");
        }
        if Path::new(ZONEINFO).join("UTC").exists() {
            assert!(timezone_file("UTC").unwrap().starts_with(std::fs::canonicalize(ZONEINFO).unwrap()));
        }
        assert!(timezone_file("No/Such_Zone").is_err());
    }

    #[test]
    fn reset_never_removes_home_or_root() {
        let home = Path::new("/home/u");
        assert!(too_precious(Path::new("/"), home));
        assert!(too_precious(Path::new("/home"), home));
        assert!(too_precious(Path::new("/home/u"), home));
        assert!(!too_precious(Path::new("/home/u/.local/share/rpod"), home));
    }

    /// Symlink following on delete (the class of CVE-2022-21658): a link in
    /// the tree to a directory outside is removed, its target kept; a
    /// mode-000 directory is still removed.
    #[test]
    fn remove_tree_removes_links_not_their_targets() {
        use std::os::unix::fs::PermissionsExt;
        let base = std::env::temp_dir().join(format!("rpod-reset-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let outside = base.join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("keep"), "x").unwrap();
        let tree = base.join("store");
        std::fs::create_dir_all(tree.join("a/locked")).unwrap();
        std::fs::write(tree.join("a/locked/f"), "y").unwrap();
        std::os::unix::fs::symlink(&outside, tree.join("a/link")).unwrap();
        std::fs::set_permissions(tree.join("a/locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
        assert!(remove_tree(&tree).unwrap());
        assert!(!tree.exists());
        assert!(outside.join("keep").exists());
        assert!(!remove_tree(&tree).unwrap());
        std::fs::remove_dir_all(&base).unwrap();
    }
}

/// The smaller `create` flags, applied to the generated spec and record.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Extras {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_signal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_timeout: Option<u32>,
    /// `--unsetenv KEY`: drop what the image or rpod sets (`-e` still wins).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unsetenv: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unsetenv_all: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub env_host: bool,
    /// `--label-file`s, read at create (before `--label`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub label_files: Vec<PathBuf>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<(String, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pidfile: Option<PathBuf>,
    /// `--group-add`: GIDs or names from the image's /etc/group.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub group_add: Vec<String>,
}

impl Extras {
    pub fn is_default(&self) -> bool {
        *self == Extras::default()
    }

    /// Checks that need no image (at flag time).
    pub fn check(&self) -> Result<()> {
        if let Some(s) = &self.stop_signal {
            ctr::parse_signal(s)?;
        }
        for (k, v) in &self.annotations {
            if k.is_empty() || k.contains(['\n', '\0']) || v.contains('\0') {
                return Err(Error::bad_input(format!("invalid --annotation {k:?}")));
            }
            // rpod keeps its own runtime settings (id mappings, shifted
            // layers, copy-up) in annotations: a user's may not forge them.
            if k.starts_with("io.rpod.") || k.starts_with("rpod.") {
                return Err(Error::bad_input(format!("invalid --annotation {k:?}: the io.rpod. and rpod. prefixes are reserved for rpod")));
            }
        }
        for u in &self.unsetenv {
            if u.is_empty() || u.contains('=') {
                return Err(Error::bad_input(format!("invalid --unsetenv {u:?}: name a variable")));
            }
        }
        Ok(())
    }
}

/// The variable names the user set (`-e`, `--env-file`): `--unsetenv` leaves them.
pub fn env_keys(env_files: &[PathBuf], env: &[String]) -> Result<Vec<String>> {
    let mut keys: Vec<String> = env.iter().map(|e| e.split('=').next().unwrap_or(e).to_string()).collect();
    if !env_files.is_empty() {
        keys.extend(super::host::env_files(env_files)?.iter().map(|e| e.split('=').next().unwrap_or(e).to_string()));
    }
    Ok(keys)
}

/// `--unsetenv[-all]`, `--annotation`, `--group-add`, on the generated spec.
pub fn apply_extras(x: &Extras, spec: &mut oci_spec::runtime::Spec, user_keys: &[String], layers: &[PathBuf]) -> Result<()> {
    x.check()?;
    if let Some(mut p) = spec.process().clone() {
        if x.unsetenv_all || !x.unsetenv.is_empty() {
            let env: Vec<String> = p.env().clone().unwrap_or_default();
            let kept = env
                .into_iter()
                .filter(|e| {
                    let k = e.split('=').next().unwrap_or(e);
                    user_keys.iter().any(|u| u == k) || (!x.unsetenv_all && !x.unsetenv.iter().any(|u| u == k))
                })
                .collect();
            p.set_env(Some(kept));
        }
        if x.group_add.iter().any(|g| g == "keep-groups") {
            // As Podman: the container keeps the supplementary groups rpod
            // runs with (crun's run.oci.keep_original_groups); alone only.
            if x.group_add.len() > 1 {
                return Err(Error::bad_input("the '--group-add keep-groups' option is not allowed with any other --group-add options"));
            }
            let mut a = spec.annotations().clone().unwrap_or_default();
            a.insert(crate::runtime::process::KEEP_GROUPS.into(), "1".into());
            spec.set_annotations(Some(a));
        } else if !x.group_add.is_empty() {
            let group = crate::container::spec::image_file(layers, "/etc/group").map_err(Error::Other)?;
            let mut user = p.user().clone();
            let mut gids = user.additional_gids().clone().unwrap_or_default();
            for g in &x.group_add {
                let gid = match g.parse::<u32>() {
                    Ok(n) => n,
                    Err(_) => group
                        .as_deref()
                        .unwrap_or("")
                        .lines()
                        .find_map(|l| {
                            let f: Vec<&str> = l.split(':').collect();
                            (f.len() >= 3 && f[0] == g).then(|| f[2].parse::<u32>().ok()).flatten()
                        })
                        .ok_or_else(|| Error::bad_input(format!("--group-add {g}: no such group in the image's /etc/group")))?,
                };
                if !gids.contains(&gid) {
                    gids.push(gid);
                }
            }
            user.set_additional_gids(Some(gids));
            p.set_user(user);
        }
        spec.set_process(Some(p));
    }
    if !x.annotations.is_empty() {
        let mut a = spec.annotations().clone().unwrap_or_default();
        for (k, v) in &x.annotations {
            a.insert(k.clone(), v.clone());
        }
        spec.set_annotations(Some(a));
    }
    Ok(())
}

/// Labels: `--label-file` lines first, then `--label` (which wins).
pub fn labels(x: &Extras, labels: &[(String, String)]) -> Result<std::collections::BTreeMap<String, String>> {
    let mut out = std::collections::BTreeMap::new();
    for f in &x.label_files {
        let text = super::host::read_option_file(f, "label file", super::host::OPTION_FILE_LIMIT)?;
        for l in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let (k, v) = l.split_once('=').unwrap_or((l, ""));
            out.insert(k.to_string(), v.to_string());
        }
    }
    out.extend(labels.iter().cloned());
    Ok(out)
}

/// `--pidfile`: the container's process ID, written when it starts. The
/// path is the user's own; a link or FIFO planted there is replaced, not
/// followed or waited on (written to a temporary file, then renamed).
pub fn write_pidfile(rec: &ContainerRecord, pid: i32) -> Result<()> {
    let Some(path) = rec.options.as_ref().and_then(|o| o.extras.pidfile.as_ref()) else { return Ok(()) };
    crate::storage::atomic::write_file_fast(path, format!("{pid}").as_bytes())
        .map_err(|e| Error::Other(e.context(format!("writing the PID file {}", path.display()))))
}

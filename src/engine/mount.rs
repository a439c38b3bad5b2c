//! `mount` / `unmount`: a stopped container's root file system mounted
//! where the user can read it, as rootless Podman: only inside
//! `rpod unshare` (rpod's user namespace with a mount namespace of its own,
//! the only place a rootless mount can be made and seen). rpod has no pause
//! process, so a mount lives as long as the `rpod unshare` session that made
//! it (docs/decisions.md).
//!
//! The mount count is kept in the container's run directory
//! (`mount.json`: count and the mount namespace it belongs to), under a
//! lock; `unmount` only unmounts when it drops to zero (`--force`: at
//! once). A count whose namespace is gone, or whose mount is no longer
//! there, is stale and counts as zero. While the container is mounted it
//! cannot be started (two overlay mounts of one upper directory are
//! undefined behaviour); `rm` unmounts it first (`rm -f` even when another
//! session holds it: the kernel detaches a mount whose directory is removed).

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use super::error::{Error, Result};
use super::Engine;
use crate::container::{ContainerRecord, Status};
use crate::storage::FileLock;

const STATE: &str = "mount.json";
const LOCK: &str = "mount.lock";

/// One mounted container (`mount` without arguments; `--format json` keys as Podman's).
#[derive(Debug, Clone, Serialize)]
pub struct Mounted {
    #[serde(rename = "id")]
    pub id: String,
    #[serde(rename = "names")]
    pub names: Vec<String>,
    #[serde(rename = "mountpoint")]
    pub mountpoint: PathBuf,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct MountState {
    count: u32,
    /// Inode of the mount namespace (`/proc/self/ns/mnt`) holding the mount.
    mntns: u64,
}

/// Whether this process may mount: inside `rpod unshare` (Podman's
/// variable, set by `rpod unshare`, and a user namespace), or real root.
pub fn in_unshare_session() -> bool {
    let real_root = crate::runtime::userns::already_privileged() && !crate::runtime::userns::in_user_namespace();
    real_root || (std::env::var_os("_CONTAINERS_USERNS_CONFIGURED").is_some() && crate::runtime::userns::in_user_namespace())
}

/// The one line rootless Podman prints outside `podman unshare`.
pub fn require_session(command: &str) -> Result<()> {
    if in_unshare_session() {
        return Ok(());
    }
    Err(Error::bad_input(format!("cannot run command \"rpod {command}\" in rootless mode, must execute `rpod unshare` first")))
}

fn own_mntns() -> Result<u64> {
    Ok(std::fs::metadata("/proc/self/ns/mnt").context("reading this process's mount namespace")?.ino())
}

/// Whether some process still lives in mount namespace `ino` (only the
/// user's own processes can be looked at, which is where a session is).
fn mntns_alive(ino: u64) -> bool {
    let Ok(dir) = std::fs::read_dir("/proc") else { return false };
    dir.flatten()
        .filter(|e| e.file_name().to_str().is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit())))
        .any(|e| std::fs::metadata(e.path().join("ns/mnt")).is_ok_and(|m| m.ino() == ino))
}

/// Whether `merged` is a mount point here (another device than its parent).
fn is_mounted(merged: &Path) -> bool {
    match (std::fs::metadata(merged), merged.parent().map(std::fs::metadata)) {
        (Ok(m), Some(Ok(p))) => m.dev() != p.dev(),
        _ => false,
    }
}

fn read_state(run: &Path) -> MountState {
    // Bounded, regular files only: a FIFO or /dev/zero planted there
    // neither blocks nor exhausts anything; junk counts as not mounted.
    crate::storage::read_regular(&run.join(STATE), 4096).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

fn write_state(run: &Path, s: &MountState) -> Result<()> {
    if s.count == 0 {
        let _ = std::fs::remove_file(run.join(STATE));
        return Ok(());
    }
    crate::storage::atomic::write_json_fast(&run.join(STATE), s)?;
    Ok(())
}

/// Where the container's mount stands, seen from this process.
enum Where {
    No,
    Here(MountState),
    /// In another live session.
    Elsewhere,
}

fn locate(run: &Path, merged: &Path) -> Where {
    let s = read_state(run);
    if s.count == 0 {
        return Where::No;
    }
    match own_mntns() {
        Ok(own) if own == s.mntns => {
            if is_mounted(merged) {
                Where::Here(s)
            } else {
                Where::No
            }
        }
        _ if mntns_alive(s.mntns) => Where::Elsewhere,
        _ => Where::No,
    }
}

struct Paths {
    run: PathBuf,
    merged: PathBuf,
    _lock: FileLock,
}

fn paths(engine: &Engine, rec: &ContainerRecord) -> Result<Paths> {
    let store = super::container::containers(engine)?;
    let run = store.rundir(&rec.id);
    std::fs::create_dir_all(&run).with_context(|| format!("creating {}", run.display()))?;
    let lock = FileLock::exclusive(&run.join(LOCK)).context("locking the container's mount count")?;
    Ok(Paths { run, merged: store.dir(&rec.id).join("merged"), _lock: lock })
}

/// `mount CTR`: mount the container's root (or count one more mount) and
/// return where it is.
pub fn mount(engine: &Engine, input: &str) -> Result<PathBuf> {
    require_session("mount")?;
    let rec = super::container::find(engine, input)?;
    let store = super::container::containers(engine)?;
    let st = store.state(&rec.id)?;
    if matches!(st.status, Status::Running | Status::Paused | Status::Stopping) {
        return Err(Error::invalid_state(format!(
            "container {} is running: rpod mounts a running container's root inside its own namespaces only (use rpod cp or rpod exec, or stop it first)",
            rec.name
        )));
    }
    let p = paths(engine, &rec)?;
    let mut s = match locate(&p.run, &p.merged) {
        Where::Here(s) => s,
        Where::Elsewhere => {
            return Err(Error::invalid_state(format!("container {} is mounted in another `rpod unshare` session: unmount it there first", rec.name)))
        }
        Where::No => {
            let plan = root_plan(engine, &rec, &p.merged);
            // fuse-overlayfs (native overlay refused) keeps serving the mount after we exit.
            crate::runtime::rootfs::mount_root(&plan).with_context(|| format!("mounting the root of container {}", rec.name))?;
            MountState { count: 0, mntns: own_mntns()? }
        }
    };
    s.count += 1;
    write_state(&p.run, &s)?;
    Ok(p.merged)
}

/// The container's root as `cp` mounts a stopped one: its layers and
/// upper directory on native overlay (in rpod's namespace every owner is
/// visible as it is stored), `vfs` and `--rootfs` bound.
fn root_plan(engine: &Engine, rec: &ContainerRecord, merged: &Path) -> crate::runtime::rootfs::RootfsPlan {
    let cdir = merged.parent().map(Path::to_path_buf).unwrap_or_default();
    crate::runtime::rootfs::RootfsPlan {
        driver: if rec.driver == "vfs" || rec.driver == "rootfs" { rec.driver.clone() } else { "overlay".into() },
        lower: crate::container::spec::container_lower_dirs(&engine.store, rec),
        upper: match &rec.rootfs {
            Some(r) if rec.driver == "rootfs" => r.path.clone(),
            _ => cdir.join("diff"),
        },
        work: cdir.join("work"),
        merged: merged.to_path_buf(),
        fuse_mapping: None,
        volatile: false,
        pin: false,
    }
}

/// `unmount CTR`: one mount fewer; the root is unmounted when none is
/// left (`force`: at once). A container that is not mounted is no error.
pub fn unmount(engine: &Engine, input: &str, force: bool) -> Result<String> {
    require_session("unmount")?;
    let rec = super::container::find(engine, input)?;
    let p = paths(engine, &rec)?;
    match locate(&p.run, &p.merged) {
        Where::No => write_state(&p.run, &MountState::default())?,
        Where::Elsewhere => {
            return Err(Error::invalid_state(format!("container {} is mounted in another `rpod unshare` session: unmount it there", rec.name)));
        }
        Where::Here(mut s) => {
            s.count = if force { 0 } else { s.count - 1 };
            if s.count == 0 {
                let flags = if force { nix::mount::MntFlags::MNT_DETACH } else { nix::mount::MntFlags::empty() };
                nix::mount::umount2(&p.merged, flags).with_context(|| format!("unmounting {} (in use? --force detaches it)", p.merged.display()))?;
            }
            write_state(&p.run, &s)?;
        }
    }
    Ok(rec.id)
}

/// The containers mounted in this session.
pub fn list(engine: &Engine) -> Result<Vec<Mounted>> {
    require_session("mount")?;
    let store = super::container::containers(engine)?;
    let mut out = Vec::new();
    for rec in store.list()? {
        let (run, merged) = (store.rundir(&rec.id), store.dir(&rec.id).join("merged"));
        if matches!(locate(&run, &merged), Where::Here(_)) {
            out.push(Mounted { id: rec.id.clone(), names: vec![rec.name.clone()], mountpoint: merged });
        }
    }
    Ok(out)
}

/// For `start`: refused while `rpod mount` holds the container's root.
pub fn check_not_mounted(engine: &Engine, rec: &ContainerRecord) -> Result<()> {
    let store = super::container::containers(engine)?;
    let run = store.rundir(&rec.id);
    if std::fs::symlink_metadata(run.join(STATE)).is_err() {
        return Ok(());
    }
    match locate(&run, &store.dir(&rec.id).join("merged")) {
        Where::No => Ok(()),
        // Not InvalidState: `start` takes that for "already running".
        _ => Err(Error::bad_input(format!(
            "container {} is mounted (rpod mount): run `rpod unmount {}` in its `rpod unshare` session first",
            rec.name, rec.name
        ))),
    }
}

/// For `rm`: unmount what this session mounted; a mount held by another
/// session refuses the removal unless `force`.
pub fn release_for_removal(engine: &Engine, rec: &ContainerRecord, force: bool) -> Result<()> {
    let store = super::container::containers(engine)?;
    let run = store.rundir(&rec.id);
    if std::fs::symlink_metadata(run.join(STATE)).is_err() {
        return Ok(());
    }
    let merged = store.dir(&rec.id).join("merged");
    match locate(&run, &merged) {
        Where::No => Ok(()),
        Where::Here(_) => {
            nix::mount::umount2(&merged, nix::mount::MntFlags::MNT_DETACH).with_context(|| format!("unmounting {}", merged.display()))?;
            write_state(&run, &MountState::default())
        }
        Where::Elsewhere if force => Ok(()),
        Where::Elsewhere => {
            Err(Error::invalid_state(format!("container {} is mounted in an `rpod unshare` session: unmount it there, or use --force", rec.name)))
        }
    }
}

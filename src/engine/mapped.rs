//! Layers shown in a container's own ids (`--userns=keep-id`, `auto`,
//! `nomap`, `--uidmap`): the shifted copy of each layer for the container's
//! mapping ([`crate::storage::shift`]) is made the first time a container
//! with that mapping is created and reused by every later one, which then
//! starts on native overlay as fast as a plain container
//! (docs/decisions.md, issue 15).

use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::{anyhow, Context};

use super::error::Result;
use super::Engine;
use crate::runtime::userns::{IdMap, Shift};
use crate::storage::{Digest, Store};

pub use crate::container::spec::{container_lower_dirs as lower_dirs, container_shift, ID_SHIFT, MAPPED_LAYERS};

/// Make the missing shifted copies of `layers` for `shift`, one by one,
/// each under its lock and appearing by one rename. Inside rpod's user namespace.
fn build(store: &Store, layers: &[Digest], shift: &Shift) -> anyhow::Result<()> {
    let key = shift.key();
    let _gc = store.gc_shared()?;
    for l in layers {
        if store.has_mapped(&key, l) {
            continue;
        }
        let _lock = store.mapped_lock(&key, l)?;
        if store.has_mapped(&key, l) {
            continue; // another rpod made it meanwhile
        }
        if !store.has_layer(l) {
            return Err(anyhow!("layer {l} is not in the store (removed meanwhile?)"));
        }
        let staging = store.stage()?;
        crate::storage::shift::copy_layer(&store.layer_diff(l), &staging.diff(), shift)?;
        store.commit_mapped(staging, &key, l)?;
    }
    Ok(())
}

/// The layer directories (bottom layer first) of a container whose ids sit at
/// `shift`: the shifted copies, made now if missing. Outside rpod's user
/// namespace the copy is made by a forked helper that enters it.
pub fn ensure(engine: &Engine, layers: &[Digest], shift: &Shift) -> Result<Vec<PathBuf>> {
    let key = shift.key();
    let store = &engine.store;
    if layers.iter().any(|l| !store.has_mapped(&key, l)) {
        if engine.content_access {
            build(store, layers, shift)?;
        } else {
            in_namespace(|| build(store, layers, shift))?;
        }
    }
    Ok(layers.iter().map(|l| store.mapped_diff(&key, l)).collect())
}

/// Give `dirs` (a new container's upper and work directories, new volumes)
/// to container root's ids `uid:gid` of rpod's namespace: a container whose
/// namespace lacks the user's own ids cannot write into directories of the
/// user's (`--userns=nomap`, `auto`). The links themselves, never followed.
pub fn give_to_root(engine: &Engine, dirs: &[PathBuf], uid: u32, gid: u32) -> Result<()> {
    let chown = || -> anyhow::Result<()> {
        for d in dirs {
            std::os::unix::fs::lchown(d, Some(uid), Some(gid)).with_context(|| format!("giving {} to the container's root", d.display()))?;
        }
        Ok(())
    };
    if engine.content_access {
        Ok(chown()?)
    } else {
        in_namespace(chown)
    }
}

/// Run `f` in a forked child that enters rpod's user namespace; its error
/// comes back as this function's.
pub(super) fn in_namespace(f: impl FnOnce() -> anyhow::Result<()>) -> Result<()> {
    if crate::runtime::userns::threads() > 1 {
        return Err(anyhow!("making shifted layers needs a single-threaded rpod (internal error)").into());
    }
    let map = IdMap::for_current_user()?;
    let (r, w) = nix::unistd::pipe().context("pipe")?;
    // SAFETY: the process is single-threaded (checked above); the child runs
    // rpod's own code only and leaves with _exit.
    match unsafe { nix::unistd::fork() }.context("forking the layer shifter")? {
        nix::unistd::ForkResult::Child => {
            drop(r);
            let res = crate::runtime::userns::enter(&map).context("entering rpod's user namespace").and_then(|()| f());
            let code = match res {
                Ok(()) => 0,
                Err(e) => {
                    let _ = write!(std::fs::File::from(w), "{e:#}");
                    1
                }
            };
            // SAFETY: leaving the forked child without running the parent's destructors.
            unsafe { libc::_exit(code) }
        }
        nix::unistd::ForkResult::Parent { child } => {
            drop(w);
            let mut msg = String::new();
            let _ = std::fs::File::from(r).read_to_string(&mut msg);
            let status = nix::sys::wait::waitpid(child, None).context("waiting for the layer shifter")?;
            match status {
                nix::sys::wait::WaitStatus::Exited(_, 0) => Ok(()),
                _ if !msg.trim().is_empty() => Err(anyhow!("{}", msg.trim()).into()),
                other => Err(anyhow!("the layer shifter failed ({other:?})").into()),
            }
        }
    }
}

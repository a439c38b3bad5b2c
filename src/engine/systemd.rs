//! systemd verbs: `quadlet` (the generator, and `--dryrun`).

use std::path::PathBuf;

use super::error::{Error, Result};
use crate::systemd::quadlet;

/// `rpod quadlet`: options.
#[derive(Debug, Clone, Default)]
pub struct QuadletOptions {
    /// The user's units (the user generator), not the system's.
    pub user: bool,
    /// Where the units go (the generator's first argument); `None` with `--dryrun`.
    pub output: Option<PathBuf>,
    /// The binary the units run (default: this rpod).
    pub rpod: Option<PathBuf>,
}

/// Read Podman's Quadlet search path, convert every unit, and write them
/// into `output` when given. The report lists units made and errors
/// (a unit that fails does not stop the others, as with Podman).
pub fn quadlet(o: &QuadletOptions) -> Result<quadlet::Generated> {
    let uid = nix::unistd::getuid().as_raw();
    let env_dir = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from).filter(|p| p.is_absolute());
    let config = env_dir("XDG_CONFIG_HOME").or_else(|| env_dir("HOME").map(|h| h.join(".config")));
    let runtime = env_dir("XDG_RUNTIME_DIR");
    let dirs = quadlet::search_dirs(o.user, uid, runtime.as_deref(), config.as_deref());
    let rpod = match &o.rpod {
        Some(p) => p.clone(),
        None => std::env::current_exe().map_err(|e| Error::Other(anyhow::anyhow!("finding the rpod binary: {e}")))?,
    };
    let (sources, mut errors) = quadlet::load(&dirs);
    let mut g = quadlet::convert_all(&sources, &rpod, o.user);
    errors.append(&mut g.errors);
    g.errors = errors;
    if let Some(out) = &o.output {
        quadlet::write_units(&g, out).map_err(|e| Error::Other(anyhow::anyhow!("writing units to {}: {e}", out.display())))?;
    }
    Ok(g)
}

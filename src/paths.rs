//! Where rpod keeps things, following Podman's rootless conventions.
//!
//! | what | default | override |
//! |---|---|---|
//! | store (images, layers, later containers) | `$XDG_DATA_HOME/rpod` (`~/.local/share/rpod`) | `--root` |
//! | live state (locks, pids, sockets) | `$XDG_RUNTIME_DIR/rpod`, else `/run/user/UID/rpod` if it is ours, else `$TMPDIR/rpod-run-UID/rpod` | `--runroot` |
//! | configuration | `$XDG_CONFIG_HOME/rpod` (`~/.config/rpod`) | — |
//!
//! When rpod runs as real root the defaults are `/var/lib/rpod` and `/run/rpod`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Resolved locations for one invocation.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The image and container store (`graphRoot` in Podman's terms).
    pub root: PathBuf,
    /// Live state that does not survive a reboot (`runRoot`).
    pub runroot: PathBuf,
    /// rpod's own configuration directory.
    pub config: PathBuf,
    /// `$XDG_CONFIG_HOME` (or `~/.config`): where `containers/*.conf` and auth live.
    pub config_home: PathBuf,
    /// `$XDG_RUNTIME_DIR` if known.
    pub runtime_dir: Option<PathBuf>,
    /// The user's home directory.
    pub home: PathBuf,
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from).filter(|p| p.is_absolute())
}

/// Create `dir` with mode 0700, or accept it if it already exists as a real
/// directory owned by `uid` with no access for group or others. Anything else
/// (another owner, a looser mode, a symlink) is refused: in a shared /tmp
/// another user could otherwise pre-create it and watch or replace rpod's
/// live state (sockets, pids, locks), as containers/storage also refuses.
pub fn private_dir(dir: &Path, uid: u32) -> Result<PathBuf> {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt};
    match std::fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(anyhow::anyhow!("creating the runtime directory {}: {e}", dir.display())),
    }
    let m = std::fs::symlink_metadata(dir).with_context(|| format!("checking the runtime directory {}", dir.display()))?;
    if !m.file_type().is_dir() {
        anyhow::bail!("the runtime directory {} is not a directory (a symlink?): refusing to use it; set XDG_RUNTIME_DIR or --runroot", dir.display());
    }
    if m.uid() != uid {
        anyhow::bail!(
            "the runtime directory {} belongs to uid {}, not to you (uid {uid}): refusing to use it; set XDG_RUNTIME_DIR or --runroot",
            dir.display(),
            m.uid()
        );
    }
    if m.mode() & 0o077 != 0 {
        anyhow::bail!(
            "the runtime directory {} has mode {:04o}, open to other users: refusing to use it (chmod 700 it, or set XDG_RUNTIME_DIR)",
            dir.display(),
            m.mode() & 0o7777
        );
    }
    Ok(dir.to_path_buf())
}

impl Paths {
    /// Compute paths from the environment and the global flags.
    pub fn resolve(root: Option<&Path>, runroot: Option<&Path>) -> Result<Paths> {
        let uid = nix::unistd::geteuid();
        let home = match env_path("HOME") {
            Some(h) => h,
            None => directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()).context("cannot determine the home directory: set $HOME")?,
        };
        let config_home = env_path("XDG_CONFIG_HOME").unwrap_or_else(|| home.join(".config"));
        let runtime_dir = env_path("XDG_RUNTIME_DIR").or_else(|| {
            let p = PathBuf::from(format!("/run/user/{uid}"));
            match std::fs::metadata(&p) {
                Ok(m) if std::os::unix::fs::MetadataExt::uid(&m) == uid.as_raw() => Some(p),
                _ => None,
            }
        });
        // Root inside a user namespace (`rpod unshare`) keeps the user's paths.
        let (default_root, default_run) = if uid.is_root() && !crate::runtime::userns::in_user_namespace() {
            (PathBuf::from("/var/lib/rpod"), PathBuf::from("/run/rpod"))
        } else {
            let data = env_path("XDG_DATA_HOME").unwrap_or_else(|| home.join(".local/share"));
            let run = match &runtime_dir {
                Some(d) => d.join("rpod"),
                // Only when no --runroot is given: the fallback must be ours alone.
                None if runroot.is_none() => {
                    let tmp = env_path("TMPDIR").unwrap_or_else(|| PathBuf::from("/tmp"));
                    private_dir(&tmp.join(format!("rpod-run-{uid}")), uid.as_raw())?.join("rpod")
                }
                None => PathBuf::new(),
            };
            (data.join("rpod"), run)
        };
        let absolute = |what: &str, p: &Path| -> Result<PathBuf> { std::path::absolute(p).with_context(|| format!("{what} {}", p.display())) };
        let root = match root {
            Some(p) => absolute("--root", p)?,
            None => default_root,
        };
        let runroot = match runroot {
            Some(p) => absolute("--runroot", p)?,
            None => default_run,
        };
        Ok(Paths { root, runroot, config: config_home.join("rpod"), config_home, runtime_dir, home })
    }
}

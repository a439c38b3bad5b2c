//! `containers-storage.conf(5)`: the two keys that mean the same for rpod's
//! store as for Podman's.
//!
//! - `[storage] driver`: `overlay` or `vfs` becomes the default of
//!   `--storage-driver` (the flag wins); any other driver (btrfs, zfs,
//!   devicemapper...) is ignored with a debug line.
//! - `[storage.options.overlay] mount_program` (or the older
//!   `[storage.options] mount_program`): overlay mounts are made by this
//!   fuse-overlayfs executable instead of the kernel's overlayfs.
//!
//! Never read: `graphroot`, `rootless_storage_path`, `runroot`. rpod's store
//! format is not containers/storage's, so pointing rpod at Podman's
//! directories would corrupt Podman's store (docs/decisions.md,
//! "storage.conf"). Every other key is ignored, as unknown keys are.
//!
//! Files, as containers/storage finds them: `CONTAINERS_STORAGE_CONF` alone
//! when set; otherwise `/etc/containers/storage.conf` (or, when it does not
//! exist, `/usr/share/containers/storage.conf`), then (not as real root) the
//! user's `$XDG_CONFIG_HOME/containers/storage.conf`, key by key over it.
//! Each file is read regular-file-only with a size cap (a FIFO or a device
//! is refused, never waited on); an unreadable or malformed file is skipped
//! with a warning, so `rpod` still runs with its built-in defaults.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

/// The drivers a storage.conf `driver` may choose for rpod.
pub const DRIVERS: &[&str] = &["overlay", "vfs"];

/// What rpod takes from storage.conf.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StorageConf {
    /// `overlay` or `vfs` (others are dropped).
    pub driver: Option<String>,
    /// An absolute path to fuse-overlayfs (or a compatible program).
    pub mount_program: Option<PathBuf>,
    /// The files that were read, in order.
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
struct File {
    #[serde(default)]
    storage: Storage,
}

#[derive(Debug, Default, Deserialize)]
struct Storage {
    driver: Option<String>,
    #[serde(default)]
    options: Options,
}

#[derive(Debug, Default, Deserialize)]
struct Options {
    mount_program: Option<String>,
    #[serde(default)]
    overlay: Overlay,
}

#[derive(Debug, Default, Deserialize)]
struct Overlay {
    mount_program: Option<String>,
}

/// The files to read, in order (see the module documentation).
pub fn files(env_conf: Option<PathBuf>, system_dirs: &[PathBuf], user_config_home: Option<&Path>) -> Vec<PathBuf> {
    if let Some(f) = env_conf {
        return vec![f];
    }
    let mut v = Vec::new();
    // The last system directory that has the file (/etc over /usr/share).
    if let Some(f) = system_dirs.iter().rev().map(|d| d.join("storage.conf")).find(|f| f.exists()) {
        v.push(f);
    }
    v.extend(user_path(user_config_home));
    v
}

/// The user's file, whether or not it exists (`info`'s `store.configFile`).
pub fn user_path(user_config_home: Option<&Path>) -> Option<PathBuf> {
    user_config_home.map(|h| h.join("containers").join("storage.conf"))
}

/// Apply one file's text over `into`.
fn apply(into: &mut StorageConf, path: &Path, text: &str) -> Result<(), String> {
    let f: File = toml::from_str(text).map_err(|e| super::toml_error(text, &e))?;
    if let Some(d) = f.storage.driver.filter(|d| !d.is_empty()) {
        if DRIVERS.contains(&d.as_str()) {
            into.driver = Some(d);
        } else {
            tracing::debug!("storage.conf {}: driver {d:?} is not one rpod has (overlay, vfs): ignored", path.display());
        }
    }
    let program = f.storage.options.overlay.mount_program.or(f.storage.options.mount_program).filter(|p| !p.is_empty());
    if let Some(p) = program {
        if Path::new(&p).is_absolute() {
            into.mount_program = Some(PathBuf::from(p));
        } else {
            tracing::warn!("storage.conf {}: mount_program {p:?} is not an absolute path: ignored", path.display());
        }
    }
    Ok(())
}

/// Read `files` (missing ones skipped; unusable ones skipped with a warning).
pub fn load_from(files: &[PathBuf]) -> StorageConf {
    let mut conf = StorageConf::default();
    for f in files {
        if f == Path::new("/dev/null") {
            continue;
        }
        let text = match crate::storage::read_regular(f, super::MAX_FILE) {
            Ok(b) => match String::from_utf8(b) {
                Ok(t) => t,
                Err(_) => {
                    tracing::warn!("storage.conf {}: not UTF-8 text: ignored", f.display());
                    continue;
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                tracing::warn!("storage.conf {}: {e}: ignored", f.display());
                continue;
            }
        };
        match apply(&mut conf, f, &text) {
            Ok(()) => {
                tracing::debug!("Read storage config {:?}", f.display().to_string());
                conf.files.push(f.clone());
            }
            Err(e) => tracing::warn!("storage.conf {}: {e}: ignored", f.display()),
        }
    }
    conf
}

/// Where this call looks (from the environment).
fn sources() -> (Option<PathBuf>, Vec<PathBuf>, Option<PathBuf>) {
    let env_conf = std::env::var_os("CONTAINERS_STORAGE_CONF").filter(|v| !v.is_empty()).map(PathBuf::from);
    let s = super::Sources::from_env(&[]).unwrap_or_default();
    (env_conf, s.system_dirs, s.user_config_home)
}

static CONF: OnceLock<StorageConf> = OnceLock::new();

/// storage.conf for this call (read once).
pub fn get() -> &'static StorageConf {
    CONF.get_or_init(|| {
        let (env_conf, system, user) = sources();
        load_from(&files(env_conf, &system, user.as_deref()))
    })
}

/// The user's storage.conf path for this call.
pub fn user_conf_path() -> Option<PathBuf> {
    user_path(sources().2.as_deref())
}

/// Carries `mount_program` from the CLI to the processes that mount roots
/// (the monitor and its setup child), which do not read storage.conf.
pub const MOUNT_PROGRAM_ENV: &str = "RPOD_MOUNT_PROGRAM";

/// The fuse-overlayfs executable to run: storage.conf's `mount_program`
/// as the starting CLI passed it on, else `fuse-overlayfs` from PATH.
pub fn fuse_program() -> PathBuf {
    std::env::var_os(MOUNT_PROGRAM_ENV).map(PathBuf::from).filter(|p| p.is_absolute()).unwrap_or_else(|| PathBuf::from("fuse-overlayfs"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(crate::storage::atomic::unique_name(&format!("rpod-storconf-{tag}-")));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn driver_and_mount_program_are_read_and_the_rest_ignored() {
        let d = tmpdir("keys");
        let sys = d.join("sys.conf");
        let user = d.join("user.conf");
        std::fs::write(
            &sys,
            "[storage]\ndriver = \"overlay\"\ngraphroot = \"/var/lib/containers/storage\"\nrunroot = \"/run/containers\"\n[storage.options.overlay]\nmount_program = \"/usr/bin/fuse-overlayfs\"\nmountopt = \"nodev\"\n",
        )
        .unwrap();
        std::fs::write(&user, "[storage]\ndriver = \"btrfs\"\nrootless_storage_path = \"/x\"\n[storage.options]\nmount_program = \"relative\"\n").unwrap();
        let c = load_from(&[sys.clone(), d.join("missing"), user.clone()]);
        assert_eq!(c.driver.as_deref(), Some("overlay"), "an unknown driver leaves the earlier one");
        assert_eq!(c.mount_program.as_deref(), Some(Path::new("/usr/bin/fuse-overlayfs")), "a relative program is ignored");
        assert_eq!(c.files, [sys.clone(), user.clone()]);
        std::fs::write(&user, "[storage]\ndriver = \"vfs\"\n").unwrap();
        assert_eq!(load_from(&[sys, user]).driver.as_deref(), Some("vfs"));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn file_order_follows_containers_storage() {
        let d = tmpdir("order");
        let (usr, etc, home) = (d.join("usr"), d.join("etc"), d.join("home"));
        for x in [&usr, &etc] {
            std::fs::create_dir_all(x).unwrap();
        }
        std::fs::write(usr.join("storage.conf"), "").unwrap();
        let dirs = [usr.clone(), etc.clone()];
        assert_eq!(files(None, &dirs, Some(&home)), [usr.join("storage.conf"), home.join("containers/storage.conf")]);
        std::fs::write(etc.join("storage.conf"), "").unwrap();
        assert_eq!(files(None, &dirs, None), [etc.join("storage.conf")], "/etc replaces /usr/share");
        assert_eq!(files(Some(d.join("x.conf")), &dirs, Some(&home)), [d.join("x.conf")], "CONTAINERS_STORAGE_CONF alone");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_fifo_or_a_device_is_skipped_not_waited_on() {
        // Hostile configuration files (a FIFO would block a plain read; /dev/zero never ends).
        let d = tmpdir("fifo");
        let fifo = d.join("storage.conf");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
        let c = load_from(&[fifo, PathBuf::from("/dev/zero")]);
        assert_eq!(c, StorageConf::default());
        std::fs::remove_dir_all(&d).unwrap();
    }
}

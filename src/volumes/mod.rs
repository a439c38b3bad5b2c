//! Named volumes: directories that outlive containers, mounted into them.
//!
//! ```text
//! ROOT/volumes/NAME/volume.json    the record (written before the rename below)
//! ROOT/volumes/NAME/_data/         the content, bind-mounted into containers
//! ROOT/volumes/.staging/<unique>/  a volume being made (record and _data)
//! ROOT/volumes/.trash/<unique>/    a removed volume's files, being deleted
//! ROOT/volumes/.lock               held to create or remove a volume, and by
//!                                  a container create that uses volumes
//! ```
//!
//! Invariants (what makes a SIGKILL at any moment harmless):
//! - a volume exists when, and only when, `NAME/volume.json` does: it is
//!   made complete in `.staging/` and appears by one `rename(2)` of the
//!   directory, which fails if the name is taken;
//! - removal is one rename into `.trash/`; trash and staging entries are
//!   deleted by the next create, remove or prune that holds the lock;
//! - whether a volume is in use is decided by the container records (a
//!   container's stored options name its volumes), read under the lock.
//!
//! The content may belong to the container's subordinate ids: deleting it
//! needs rpod's user namespace (the engine's content access).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::storage::{atomic, now_rfc3339, FileLock};

pub use crate::container::mounts::valid_volume_name as valid_name;

/// What `volume inspect` shows of a volume, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VolumeRecord {
    pub name: String,
    pub driver: String,
    pub created_at: String,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    /// Made for one container (`-v /path`, an image `VOLUME`).
    #[serde(default)]
    pub anonymous: bool,
    /// Not yet mounted: the first container to mount it over image content
    /// fills it with that content first.
    #[serde(default)]
    pub needs_copy_up: bool,
}

/// Why a volume operation failed, for the engine to map.
#[derive(Debug, thiserror::Error)]
pub enum VolumeError {
    #[error("no volume with name {0:?} found: no such volume")]
    NoSuchVolume(String),
    #[error("volume with name {0} already exists: volume already exists")]
    Exists(String),
}

/// The volume store under `ROOT/volumes`.
#[derive(Debug, Clone)]
pub struct VolumeStore {
    dir: PathBuf,
}

impl VolumeStore {
    /// Open (creating the directories if needed) the store under `root`.
    pub fn open(root: &Path) -> Result<VolumeStore> {
        let dir = root.join("volumes");
        for d in [dir.join(".staging"), dir.join(".trash")] {
            std::fs::create_dir_all(&d).with_context(|| format!("creating {}", d.display()))?;
        }
        Ok(VolumeStore { dir })
    }

    /// Held while creating or removing volumes, and by container creation
    /// while it picks its volumes (so an in-use check sees its record).
    pub fn lock(&self) -> Result<FileLock> {
        FileLock::exclusive(&self.dir.join(".lock"))
    }

    /// `NAME/_data`: what is mounted into containers.
    pub fn data_dir(&self, name: &str) -> PathBuf {
        self.dir.join(name).join("_data")
    }

    /// The record of `name`, if the volume exists.
    pub fn get(&self, name: &str) -> Result<Option<VolumeRecord>> {
        if !valid_name(name) {
            return Ok(None);
        }
        let path = self.dir.join(name).join("volume.json");
        match std::fs::read(&path) {
            Ok(data) => Ok(Some(serde_json::from_slice(&data).with_context(|| format!("parsing {}", path.display()))?)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    /// Every volume, by name. Corrupt records are skipped with a warning.
    pub fn list(&self) -> Result<Vec<VolumeRecord>> {
        let mut out = Vec::new();
        let rd = std::fs::read_dir(&self.dir).with_context(|| format!("listing {}", self.dir.display()))?;
        for e in rd {
            let e = e.with_context(|| format!("listing {}", self.dir.display()))?;
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            match self.get(&name) {
                Ok(Some(r)) => out.push(r),
                Ok(None) => {}
                Err(err) => tracing::warn!("skipping volume {name}: {err:#}"),
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Create a volume (caller holds [`lock`](Self::lock)). The directory is
    /// made in staging, then renamed into place: it appears whole or not at all.
    pub fn create(&self, _lock: &FileLock, rec: &VolumeRecord) -> Result<VolumeRecord> {
        if !valid_name(&rec.name) {
            bail!("invalid volume name {:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*", rec.name);
        }
        if self.dir.join(&rec.name).exists() {
            return Err(VolumeError::Exists(rec.name.clone()).into());
        }
        let mut rec = rec.clone();
        if rec.created_at.is_empty() {
            rec.created_at = now_rfc3339();
        }
        let stage = self.dir.join(".staging").join(atomic::unique_name("v-"));
        let made = (|| -> Result<()> {
            std::fs::create_dir(&stage).with_context(|| format!("creating {}", stage.display()))?;
            // 0755 as Podman's: the container's users must be able to enter it.
            std::fs::create_dir(stage.join("_data")).context("creating the volume's _data")?;
            atomic::write_json(&stage.join("volume.json"), &rec)?;
            match std::fs::rename(&stage, self.dir.join(&rec.name)) {
                Ok(()) => {}
                Err(e) if matches!(e.raw_os_error(), Some(libc::EEXIST) | Some(libc::ENOTEMPTY)) => return Err(VolumeError::Exists(rec.name.clone()).into()),
                Err(e) => return Err(e).with_context(|| format!("renaming {} into place", stage.display())),
            }
            atomic::sync_dir(&self.dir)
        })();
        if let Err(e) = made {
            let _ = crate::storage::remove_tree(&stage);
            return Err(e);
        }
        Ok(rec)
    }

    /// Rewrite a volume's record (caller holds the lock).
    pub fn update(&self, _lock: &FileLock, rec: &VolumeRecord) -> Result<()> {
        atomic::write_json(&self.dir.join(&rec.name).join("volume.json"), rec)
    }

    /// Remove a volume and its content (caller holds the lock and has
    /// checked it is unused): one rename into the trash, then the delete.
    pub fn remove(&self, _lock: &FileLock, name: &str) -> Result<()> {
        if self.get(name)?.is_none() {
            return Err(VolumeError::NoSuchVolume(name.to_string()).into());
        }
        let trash = self.dir.join(".trash").join(atomic::unique_name("v-"));
        std::fs::rename(self.dir.join(name), &trash).with_context(|| format!("removing volume {name}"))?;
        crate::storage::remove_tree(&trash).with_context(|| format!("deleting the content of volume {name}"))?;
        Ok(())
    }

    /// Delete what interrupted creates and removes left (caller holds the lock).
    pub fn clean_debris(&self, _lock: &FileLock) {
        for sub in [".staging", ".trash"] {
            if let Ok(rd) = std::fs::read_dir(self.dir.join(sub)) {
                for e in rd.flatten() {
                    let _ = crate::storage::remove_tree(&e.path());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp() -> PathBuf {
        let d = std::env::temp_dir().join(atomic::unique_name("rpod-vol-"));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn rec(name: &str) -> VolumeRecord {
        VolumeRecord {
            name: name.into(),
            driver: "local".into(),
            created_at: String::new(),
            labels: BTreeMap::new(),
            options: BTreeMap::new(),
            anonymous: false,
            needs_copy_up: true,
        }
    }

    #[test]
    fn create_list_remove() {
        let root = tmp();
        let s = VolumeStore::open(&root).unwrap();
        let l = s.lock().unwrap();
        let v = s.create(&l, &rec("one")).unwrap();
        assert!(!v.created_at.is_empty());
        assert!(s.data_dir("one").is_dir());
        let err = s.create(&l, &rec("one")).unwrap_err();
        assert!(matches!(err.downcast_ref::<VolumeError>(), Some(VolumeError::Exists(_))), "{err:#}");
        s.create(&l, &rec("two")).unwrap();
        assert_eq!(s.list().unwrap().iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["one", "two"]);
        std::fs::write(s.data_dir("one").join("f"), "x").unwrap();
        s.remove(&l, "one").unwrap();
        assert!(s.get("one").unwrap().is_none());
        assert!(!root.join("volumes/one").exists());
        assert!(matches!(s.remove(&l, "one").unwrap_err().downcast_ref::<VolumeError>(), Some(VolumeError::NoSuchVolume(_))));
        // Names that could climb out of the store are never looked up.
        assert!(s.get("../volumes").unwrap().is_none());
        assert!(s.create(&l, &rec("../x")).is_err());
        // Debris of a killed create is not a volume and is cleaned.
        std::fs::create_dir_all(root.join("volumes/.staging/v-dead/_data")).unwrap();
        assert_eq!(s.list().unwrap().len(), 1);
        s.clean_debris(&l);
        assert_eq!(std::fs::read_dir(root.join("volumes/.staging")).unwrap().count(), 0);
        std::fs::remove_dir_all(&root).unwrap();
    }
}

//! The on-disk store: layout, locks, atomic metadata, layers.
//!
//! ```text
//! ROOT/storage.lock          exclusive while images.json is read-modified-written
//! ROOT/gc.lock               shared by pulls, exclusive by garbage collection
//! ROOT/images.json           every image record (atomic replace)
//! ROOT/images/<id>/          config.json, manifest-<hex>.json (raw bytes as pulled)
//! ROOT/layers/<chain>/       layer.json + diff/ (the layer in overlay form) + tar-split.zst
//! ROOT/staging/<name>/       a layer being unpacked or deleted, with <name>.lock held
//! ROOT/locks/<chain>.lock    serialises the fetching of one layer between processes
//! ROOT/mapped/<key>/<chain>/  diff/: layer <chain> with owners shifted for one id mapping
//!                            (`shift`), made from staging by one rename, removed with the layer
//! ```
//!
//! Invariants (what makes a SIGKILL at any moment harmless):
//! - a directory under `layers/` is complete: it appears by one rename from
//!   `staging/`, and disappears by one rename back into `staging/`;
//! - `images.json` only names layers that exist: layers are committed before
//!   the image record, and removed only by [`Store::collect_garbage`] under the
//!   exclusive gc lock, which no pull holds while it runs;
//! - anything in `staging/` whose lock is free belongs to a dead process and is
//!   removed by [`Store::clean_staging`].
//!
//! Layer contents carry the container's ids, so creating and removing them
//! must happen inside rpod's user namespace (the engine arranges that).

pub mod atomic;
pub mod blobinfo;
pub mod digest;
pub mod import;
pub mod layer_writer;
pub mod layered;
pub mod lock;
pub mod pgzip;
pub mod shift;
pub mod tarsplit;
pub mod unpack;
pub mod vfs;

use std::path::{Path, PathBuf};

use std::os::unix::fs::DirBuilderExt;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

pub use digest::Digest;
pub use lock::FileLock;

/// One image in the store.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ImageRecord {
    /// Hex of the config digest: the image ID.
    pub id: String,
    /// Fully qualified `registry/repository:tag` names.
    #[serde(default)]
    pub names: Vec<String>,
    /// `registry/repository@sha256:...` digests the image was pulled by.
    #[serde(default)]
    pub repo_digests: Vec<String>,
    /// Digest of the image manifest (the platform instance).
    pub digest: Digest,
    /// Media type of that manifest.
    pub manifest_media_type: String,
    /// Chain ids, bottom layer first.
    pub layers: Vec<Digest>,
    /// The config's creation time (RFC 3339), if any.
    #[serde(default)]
    pub created: Option<String>,
    /// When the image was stored (RFC 3339).
    pub stored: String,
    /// Sum of the layers' uncompressed sizes.
    pub size: u64,
    pub architecture: String,
    pub os: String,
}

impl ImageRecord {
    pub fn id_digest(&self) -> String {
        format!("sha256:{}", self.id)
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ImagesFile {
    images: Vec<ImageRecord>,
}

/// One layer in the store.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LayerRecord {
    pub chain_id: Digest,
    pub diff_id: Digest,
    pub parent: Option<Digest>,
    /// Digest and size of the blob it was unpacked from.
    pub compressed_digest: Option<Digest>,
    pub compressed_size: u64,
    /// Size of the uncompressed tar stream.
    pub uncompressed_size: u64,
    pub created: String,
}

/// A directory under `staging/` owned by this process until dropped.
#[derive(Debug)]
pub struct Staging {
    pub dir: PathBuf,
    lock_path: PathBuf,
    _lock: FileLock,
    committed: bool,
}

impl Staging {
    /// Where the layer content goes.
    pub fn diff(&self) -> PathBuf {
        self.dir.join("diff")
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.dir);
        }
        let _ = std::fs::remove_file(&self.lock_path);
    }
}

/// Remove a tree that may hold read-only directories.
pub fn remove_tree(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            make_writable(path);
            std::fs::remove_dir_all(path)
        }
        r => r,
    }
}

fn make_writable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(m) = std::fs::symlink_metadata(path) {
        if m.is_dir() {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700));
            if let Ok(rd) = std::fs::read_dir(path) {
                for e in rd.flatten() {
                    make_writable(&e.path());
                }
            }
        }
    }
}

/// Handle on a store root.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

fn mkdir(p: &Path) -> Result<()> {
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(p).with_context(|| format!("creating store directory {}", p.display()))
}

/// Read a small regular file of the host's (a configuration file, an
/// option file): a FIFO or a device is refused without blocking (the open
/// is non-blocking), and more than `limit` bytes is an error, so
/// `/dev/zero` or a growing file can neither hang nor exhaust rpod.
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC).open(path)?;
    if !f.metadata()?.is_file() {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file"));
    }
    let mut data = Vec::new();
    (&mut f).take(limit + 1).read_to_end(&mut data)?;
    if data.len() as u64 > limit {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, format!("larger than {limit} bytes")));
    }
    Ok(data)
}

pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

impl Store {
    /// Open (creating if needed) the store at `root`.
    pub fn open(root: &Path) -> Result<Store> {
        let s = Store { root: root.to_path_buf() };
        for d in [s.root.clone(), s.layers_dir(), s.images_dir(), s.staging_dir(), s.locks_dir()] {
            if !d.is_dir() {
                mkdir(&d)?;
            }
        }
        Ok(s)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
    fn layers_dir(&self) -> PathBuf {
        self.root.join("layers")
    }
    fn images_dir(&self) -> PathBuf {
        self.root.join("images")
    }
    fn staging_dir(&self) -> PathBuf {
        self.root.join("staging")
    }
    fn locks_dir(&self) -> PathBuf {
        self.root.join("locks")
    }
    fn images_file(&self) -> PathBuf {
        self.root.join("images.json")
    }

    /// Exclusive lock for read-modify-write of `images.json`.
    pub fn lock(&self) -> Result<FileLock> {
        FileLock::exclusive(&self.root.join("storage.lock"))
    }

    /// Held (shared) by a pull for its whole duration.
    pub fn gc_shared(&self) -> Result<FileLock> {
        FileLock::shared(&self.root.join("gc.lock"))
    }

    /// Exclusive gc lock; `wait=false` returns `None` when a pull is running.
    pub fn gc_exclusive(&self, wait: bool) -> Result<Option<FileLock>> {
        let p = self.root.join("gc.lock");
        if wait {
            FileLock::exclusive(&p).map(Some)
        } else {
            FileLock::try_exclusive(&p)
        }
    }

    /// Serialises fetching the layer `chain` across processes.
    pub fn layer_lock(&self, chain: &Digest) -> Result<FileLock> {
        FileLock::exclusive(&self.locks_dir().join(format!("{}.lock", chain.hex())))
    }

    // ---- images -------------------------------------------------------

    /// All image records (a consistent snapshot: the file is replaced atomically).
    pub fn images(&self) -> Result<Vec<ImageRecord>> {
        let p = self.images_file();
        match std::fs::read(&p) {
            Ok(data) => {
                let f: ImagesFile = serde_json::from_slice(&data).with_context(|| format!("parsing {} (the store's image index is corrupt)", p.display()))?;
                Ok(f.images)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e).with_context(|| format!("reading {}", p.display())),
        }
    }

    /// Read-modify-write the image records under the store lock.
    pub fn update_images<T>(&self, f: impl FnOnce(&mut Vec<ImageRecord>) -> Result<T>) -> Result<T> {
        let _lock = self.lock()?;
        let mut images = self.images()?;
        let before = images.clone();
        let out = f(&mut images)?;
        if images != before {
            atomic::write_json(&self.images_file(), &ImagesFile { images })?;
        }
        Ok(out)
    }

    /// Store the raw config and manifest of image `id` (before its record).
    pub fn write_image_data(&self, id: &str, config: &[u8], manifest_digest: &Digest, manifest: &[u8]) -> Result<()> {
        let dir = self.images_dir().join(id);
        mkdir(&dir)?;
        let cfg = dir.join("config.json");
        if !cfg.exists() {
            atomic::write_file(&cfg, config)?;
        }
        atomic::write_file(&dir.join(format!("manifest-{}.json", manifest_digest.hex())), manifest)
    }

    /// The raw config of image `id`.
    pub fn image_config(&self, id: &str) -> Result<Vec<u8>> {
        let p = self.images_dir().join(id).join("config.json");
        std::fs::read(&p).with_context(|| format!("reading image config {}", p.display()))
    }

    /// The raw manifest `digest` of image `id`.
    pub fn image_manifest(&self, id: &str, digest: &Digest) -> Result<Vec<u8>> {
        let p = self.images_dir().join(id).join(format!("manifest-{}.json", digest.hex()));
        std::fs::read(&p).with_context(|| format!("reading image manifest {}", p.display()))
    }

    /// Write `name` (a plain file name) into image `id`'s data directory
    /// (a manifest list's `instances.json`, say), atomically.
    pub fn write_image_file(&self, id: &str, name: &str, data: &[u8]) -> Result<()> {
        anyhow::ensure!(!name.contains('/') && !name.starts_with('.'), "invalid image data file name {name:?}");
        let dir = self.images_dir().join(id);
        mkdir(&dir)?;
        atomic::write_file(&dir.join(name), data)
    }

    /// Read `name` from image `id`'s data directory: `None` when absent,
    /// an error when larger than `limit` bytes or not a regular file.
    pub fn read_image_file(&self, id: &str, name: &str, limit: u64) -> Result<Option<Vec<u8>>> {
        let p = self.images_dir().join(id).join(name);
        match read_regular(&p, limit) {
            Ok(d) => Ok(Some(d)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("reading {}", p.display())),
        }
    }

    /// Remove `name` from image `id`'s data directory (absent is fine).
    pub fn remove_image_file(&self, id: &str, name: &str) {
        let _ = std::fs::remove_file(self.images_dir().join(id).join(name));
    }

    // ---- layers -------------------------------------------------------

    fn layer_dir(&self, chain: &Digest) -> PathBuf {
        self.layers_dir().join(chain.hex())
    }

    /// The directory holding layer `chain`'s files (overlay form).
    pub fn layer_diff(&self, chain: &Digest) -> PathBuf {
        self.layer_dir(chain).join("diff")
    }

    /// The record of layer `chain`'s tar stream layout ([`tarsplit`]), if kept.
    pub fn layer_tar_split(&self, chain: &Digest) -> Option<PathBuf> {
        let p = self.layer_dir(chain).join(tarsplit::FILE_NAME);
        p.is_file().then_some(p)
    }

    pub fn has_layer(&self, chain: &Digest) -> bool {
        self.layer_dir(chain).join("layer.json").is_file()
    }

    pub fn layer(&self, chain: &Digest) -> Result<LayerRecord> {
        let p = self.layer_dir(chain).join("layer.json");
        let data = std::fs::read(&p).with_context(|| format!("reading layer record {}", p.display()))?;
        serde_json::from_slice(&data).with_context(|| format!("parsing layer record {}", p.display()))
    }

    /// A fresh staging directory (with an empty `diff/`), locked by us.
    pub fn stage(&self) -> Result<Staging> {
        let name = atomic::unique_name("s-");
        let lock_path = self.staging_dir().join(format!("{name}.lock"));
        let lock = FileLock::exclusive(&lock_path)?;
        let dir = self.staging_dir().join(&name);
        let staging = Staging { dir, lock_path, _lock: lock, committed: false };
        mkdir(&staging.dir)?;
        // The layer root's mode shows as the container's "/" when the tar has no "./" entry.
        std::fs::DirBuilder::new().mode(0o755).create(staging.diff()).with_context(|| format!("creating {}", staging.diff().display()))?;
        Ok(staging)
    }

    /// Make a fully unpacked staging directory the layer `record.chain_id`.
    /// The caller holds the layer lock.
    pub fn commit_layer(&self, mut staging: Staging, record: &LayerRecord) -> Result<()> {
        atomic::write_json(&staging.dir.join("layer.json"), record)?;
        let dest = self.layer_dir(&record.chain_id);
        std::fs::rename(&staging.dir, &dest).with_context(|| format!("committing layer {} to {}", record.chain_id, dest.display()))?;
        staging.committed = true;
        atomic::sync_dir(&self.layers_dir())
    }

    fn mapped_dir(&self) -> PathBuf {
        self.root.join("mapped")
    }

    /// The directory holding layer `chain`'s files shifted for the id mapping `key`.
    pub fn mapped_diff(&self, key: &str, chain: &Digest) -> PathBuf {
        self.mapped_dir().join(key).join(chain.hex()).join("diff")
    }

    /// Whether the shifted copy exists (it appears complete, by one rename).
    pub fn has_mapped(&self, key: &str, chain: &Digest) -> bool {
        self.mapped_diff(key, chain).is_dir()
    }

    /// Serialises making the shifted copy of `chain` for `key` between processes.
    pub fn mapped_lock(&self, key: &str, chain: &Digest) -> Result<FileLock> {
        FileLock::exclusive(&self.locks_dir().join(format!("mapped-{key}-{}.lock", chain.hex())))
    }

    /// Make a complete staging directory the shifted copy of `chain` for
    /// `key`. The caller holds [`Self::mapped_lock`] and the shared gc lock.
    pub fn commit_mapped(&self, mut staging: Staging, key: &str, chain: &Digest) -> Result<()> {
        let dir = self.mapped_dir().join(key);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let dest = dir.join(chain.hex());
        std::fs::rename(&staging.dir, &dest).with_context(|| format!("committing the shifted copy of layer {chain} to {}", dest.display()))?;
        staging.committed = true;
        atomic::sync_dir(&dir)
    }

    /// Bytes held by shifted copies (walked without following links).
    pub fn mapped_size(&self) -> u64 {
        fn walk(p: &Path) -> u64 {
            use std::os::unix::fs::MetadataExt;
            let Ok(m) = std::fs::symlink_metadata(p) else { return 0 };
            let mut n = m.blocks() * 512;
            if m.is_dir() {
                for e in std::fs::read_dir(p).into_iter().flatten().flatten() {
                    n += walk(&e.path());
                }
            }
            n
        }
        walk(&self.mapped_dir())
    }

    /// Remove what dead processes left in `staging/`. Needs the user
    /// namespace (the files carry container ids). Returns how many were removed.
    pub fn clean_staging(&self) -> Result<usize> {
        let mut removed = 0;
        let dir = self.staging_dir();
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
        };
        let mut names: Vec<String> = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        for name in names {
            let base = name.strip_suffix(".lock").unwrap_or(&name).to_string();
            if base.starts_with('.') {
                continue;
            }
            let lock_path = dir.join(format!("{base}.lock"));
            let Some(_lock) = FileLock::try_exclusive(&lock_path)? else { continue };
            let target = dir.join(&base);
            if target.exists() {
                tracing::info!(path = %target.display(), "removing incomplete layer left by an interrupted rpod");
                remove_tree(&target).with_context(|| format!("removing stale {}", target.display()))?;
                removed += 1;
            }
            let _ = std::fs::remove_file(&lock_path);
        }
        Ok(removed)
    }

    /// Whether `staging/` holds something no live process owns.
    pub fn has_stale_staging(&self) -> bool {
        let Ok(rd) = std::fs::read_dir(self.staging_dir()) else { return false };
        rd.flatten().any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let base = name.strip_suffix(".lock").unwrap_or(&name).to_string();
            !base.starts_with('.') && matches!(FileLock::try_exclusive(&self.staging_dir().join(format!("{base}.lock"))), Ok(Some(_)))
        })
    }

    /// Remove layers and image data no image references. The caller holds the
    /// exclusive gc lock (so no pull is between committing a layer and its image).
    /// `keep` lists layers still used by something else (containers).
    pub fn collect_garbage(&self, _gc: &FileLock, keep: &[Digest]) -> Result<Vec<Digest>> {
        let images = self.images()?;
        let mut used: std::collections::HashSet<String> = keep.iter().map(|d| d.hex().to_string()).collect();
        for i in &images {
            used.extend(i.layers.iter().map(|d| d.hex().to_string()));
        }
        let mut removed = Vec::new();
        for e in std::fs::read_dir(self.layers_dir()).context("reading layers")?.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if used.contains(&name) {
                continue;
            }
            let Ok(chain) = format!("sha256:{name}").parse::<Digest>() else { continue };
            self.remove_dir_via_staging(&e.path())?;
            removed.push(chain);
        }
        // Shifted copies go with their layer.
        for k in std::fs::read_dir(self.mapped_dir()).into_iter().flatten().flatten() {
            for e in std::fs::read_dir(k.path()).into_iter().flatten().flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if !used.contains(&name) {
                    self.remove_dir_via_staging(&e.path())?;
                }
            }
            let _ = std::fs::remove_dir(k.path()); // only when empty
        }
        let ids: std::collections::HashSet<&str> = images.iter().map(|i| i.id.as_str()).collect();
        for e in std::fs::read_dir(self.images_dir()).context("reading images")?.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !ids.contains(name.as_str()) {
                remove_tree(&e.path()).with_context(|| format!("removing {}", e.path().display()))?;
            }
        }
        for e in std::fs::read_dir(self.locks_dir()).context("reading locks")?.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(hex) = name.strip_suffix(".lock") {
                let hex = hex.rsplit('-').next().unwrap_or(hex);
                if !used.contains(hex) && !self.layers_dir().join(hex).exists() {
                    if let Some(_l) = FileLock::try_exclusive(&e.path())? {
                        let _ = std::fs::remove_file(e.path());
                    }
                }
            }
        }
        Ok(removed)
    }

    /// Atomically take `dir` out of the store (rename into staging), then delete it.
    fn remove_dir_via_staging(&self, dir: &Path) -> Result<()> {
        let staging = self.stage()?;
        std::fs::remove_dir(staging.diff()).ok();
        std::fs::remove_dir(&staging.dir).ok();
        std::fs::rename(dir, &staging.dir).with_context(|| format!("removing {}", dir.display()))?;
        remove_tree(&staging.dir).with_context(|| format!("deleting {}", staging.dir.display()))?;
        Ok(())
    }
}

//! The blob-location record: which compressed blobs rpod has seen for a
//! layer, and in which registry repositories each is known to exist.
//!
//! Modelled on containers/image's blob-info cache: a pull records the blobs
//! it fetched and where from, a push records what it uploaded, mounted or
//! found, so a later push of the same layer can mount (or skip) the blob
//! instead of compressing and uploading it again.
//!
//! ```text
//! ROOT/blob-info.json   the record (atomic replace; a cache: losing it costs speed, never correctness)
//! ROOT/blob-info.lock   exclusive while it is read-modified-written
//! ```
//!
//! What is in it is a hint: a push still asks the registry (HEAD, or a mount
//! the registry may decline) before it trusts a location, and a blob is only
//! used for a layer when its uncompressed digest was checked when recorded.
//! It is bounded ([`MAX_BLOBS`] blobs, [`MAX_LOCATIONS`] places each; the
//! least recently used go first), and a corrupt or oversized file is treated
//! as empty and replaced.

use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::{Deserialize, Serialize};

use super::{atomic, Digest, FileLock};

/// Most blobs remembered.
pub const MAX_BLOBS: usize = 4096;
/// Most repositories remembered per blob.
pub const MAX_LOCATIONS: usize = 16;
/// Larger files are ignored (and replaced on the next write).
const MAX_FILE: u64 = 16 << 20;

/// What is known of one compressed blob.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct BlobInfo {
    pub digest: Digest,
    /// Digest of the blob's uncompressed content (the layer's diff id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncompressed: Option<Digest>,
    /// Its media type as last seen in a manifest.
    #[serde(default)]
    pub media_type: String,
    #[serde(default)]
    pub size: u64,
    /// `registry/repository` names, most recent first.
    #[serde(default)]
    pub locations: Vec<String>,
    /// Recency stamp (higher is newer), for trimming.
    #[serde(default)]
    pub used: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    #[serde(default)]
    seq: u64,
    #[serde(default)]
    blobs: Vec<BlobInfo>,
}

/// One observation to merge in.
#[derive(Debug, Clone)]
pub struct Seen {
    pub digest: Digest,
    pub uncompressed: Option<Digest>,
    pub media_type: String,
    pub size: u64,
    /// `registry/repository` where it exists now.
    pub location: Option<String>,
}

/// The record as read at one moment.
#[derive(Debug, Default)]
pub struct BlobInfoCache {
    blobs: Vec<BlobInfo>,
}

fn path(root: &Path) -> PathBuf {
    root.join("blob-info.json")
}

fn read(root: &Path) -> File {
    let p = path(root);
    match super::read_regular(&p, MAX_FILE) {
        Ok(data) => serde_json::from_slice(&data).unwrap_or_else(|e| {
            tracing::warn!("ignoring the blob-location record {}: {e}", p.display());
            File::default()
        }),
        Err(e) => {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!("ignoring the blob-location record {}: {e}", p.display());
            }
            File::default()
        }
    }
}

impl BlobInfoCache {
    /// Read the record of the store at `root` (empty if absent or unreadable).
    pub fn load(root: &Path) -> BlobInfoCache {
        BlobInfoCache { blobs: read(root).blobs }
    }

    /// What is known of blob `digest`.
    pub fn get(&self, digest: &Digest) -> Option<&BlobInfo> {
        self.blobs.iter().find(|b| &b.digest == digest)
    }

    /// Blobs known to hold the layer with diff id `uncompressed`, newest first.
    pub fn for_layer(&self, uncompressed: &Digest) -> Vec<&BlobInfo> {
        let mut v: Vec<&BlobInfo> = self.blobs.iter().filter(|b| b.uncompressed.as_ref() == Some(uncompressed)).collect();
        v.sort_by_key(|b| std::cmp::Reverse(b.used));
        v
    }

    /// Repositories on `registry` where blob `digest` is known to exist.
    pub fn repositories_on(&self, digest: &Digest, registry: &str) -> Vec<String> {
        let Some(b) = self.get(digest) else { return Vec::new() };
        b.locations.iter().filter_map(|l| l.strip_prefix(registry)?.strip_prefix('/').map(str::to_string)).collect()
    }
}

/// Merge `seen` into the record of the store at `root`. Errors are logged,
/// not returned: the record only ever saves time.
pub fn record(root: &Path, seen: &[Seen]) {
    if seen.is_empty() {
        return;
    }
    if let Err(e) = record_inner(root, seen) {
        tracing::warn!("updating the blob-location record: {e:#}");
    }
}

fn record_inner(root: &Path, seen: &[Seen]) -> Result<()> {
    let _lock = FileLock::exclusive(&root.join("blob-info.lock"))?;
    let mut f = read(root);
    merge(&mut f, seen);
    let data = serde_json::to_vec(&f)?;
    atomic::write_file_fast(&path(root), &data)
}

fn merge(f: &mut File, seen: &[Seen]) {
    for s in seen {
        f.seq += 1;
        let seq = f.seq;
        let i = match f.blobs.iter().position(|b| b.digest == s.digest) {
            Some(i) => i,
            None => {
                f.blobs.push(BlobInfo {
                    digest: s.digest.clone(),
                    uncompressed: None,
                    media_type: String::new(),
                    size: s.size,
                    locations: Vec::new(),
                    used: seq,
                });
                f.blobs.len() - 1
            }
        };
        let b = &mut f.blobs[i];
        b.used = seq;
        if s.uncompressed.is_some() {
            b.uncompressed = s.uncompressed.clone();
        }
        if !s.media_type.is_empty() {
            b.media_type = s.media_type.clone();
        }
        if s.size > 0 {
            b.size = s.size;
        }
        if let Some(loc) = &s.location {
            b.locations.retain(|l| l != loc);
            b.locations.insert(0, loc.clone());
            b.locations.truncate(MAX_LOCATIONS);
        }
    }
    if f.blobs.len() > MAX_BLOBS {
        f.blobs.sort_by_key(|b| std::cmp::Reverse(b.used));
        f.blobs.truncate(MAX_BLOBS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TempDir(PathBuf);
    impl TempDir {
        fn path(&self) -> &Path {
            &self.0
        }
    }
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    fn tempdir() -> TempDir {
        let d = std::env::temp_dir().join(atomic::unique_name("rpod-blobinfo-"));
        std::fs::create_dir(&d).unwrap();
        TempDir(d)
    }

    fn d(n: u8) -> Digest {
        Digest::of(&[n])
    }

    fn seen(n: u8, loc: &str) -> Seen {
        Seen { digest: d(n), uncompressed: Some(d(n + 100)), media_type: "m".into(), size: 1, location: Some(loc.into()) }
    }

    #[test]
    fn records_locations_newest_first_and_bounded() {
        let dir = tempdir();
        record(dir.path(), &[seen(1, "r:5000/a"), seen(1, "r:5000/b"), seen(1, "other/c")]);
        let c = BlobInfoCache::load(dir.path());
        assert_eq!(c.repositories_on(&d(1), "r:5000"), vec!["b".to_string(), "a".to_string()]);
        assert_eq!(c.for_layer(&d(101)).len(), 1);
        let many: Vec<Seen> = (0..40).map(|i| seen(1, &format!("r/x{i}"))).collect();
        record(dir.path(), &many);
        assert_eq!(BlobInfoCache::load(dir.path()).get(&d(1)).unwrap().locations.len(), MAX_LOCATIONS);
    }

    #[test]
    fn trims_least_recently_used_blobs() {
        let mut f = File::default();
        let all: Vec<Seen> = (0..=MAX_BLOBS)
            .map(|i| Seen { digest: Digest::of(&i.to_le_bytes()), uncompressed: None, media_type: String::new(), size: 1, location: None })
            .collect();
        merge(&mut f, &all);
        assert_eq!(f.blobs.len(), MAX_BLOBS);
        assert!(!f.blobs.iter().any(|b| b.digest == Digest::of(&0usize.to_le_bytes())), "the oldest blob is dropped");
    }

    #[test]
    fn corrupt_record_is_treated_as_empty_and_replaced() {
        let dir = tempdir();
        std::fs::write(dir.path().join("blob-info.json"), b"{not json").unwrap();
        assert!(BlobInfoCache::load(dir.path()).get(&d(1)).is_none());
        record(dir.path(), &[seen(1, "r/a")]);
        assert_eq!(BlobInfoCache::load(dir.path()).repositories_on(&d(1), "r"), vec!["a".to_string()]);
    }
}

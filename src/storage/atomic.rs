//! Crash-safe metadata writes: temp file in the same directory, fsync, rename,
//! fsync of the directory. A reader sees the old file or the new one, never a
//! torn one, whatever moment the writer is killed at.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, Result};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A name unique to this process and call, for temp files and staging dirs.
pub fn unique_name(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    format!("{prefix}{}-{}-{n}", std::process::id(), t.subsec_nanos())
}

/// fsync a directory so a rename or create inside it is durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir).and_then(|d| d.sync_all()).with_context(|| format!("syncing directory {}", dir.display()))
}

/// Atomically replace `path` with `data`, durably (fsync of file and directory).
pub fn write_file(path: &Path, data: &[u8]) -> Result<()> {
    write(path, data, true)
}

/// Atomically replace `path` with `data`, without waiting for the disk: a
/// crash leaves the old file or the new one, a power cut may lose the
/// change. For live container state, which does not outlive a reboot anyway.
pub fn write_file_fast(path: &Path, data: &[u8]) -> Result<()> {
    write(path, data, false)
}

/// [`write_file_fast`] of the JSON form of `value`.
pub fn write_json_fast<T: serde::Serialize>(path: &Path, value: &T) -> Result<()> {
    let data = serde_json::to_vec(value).context("encoding state")?;
    write_file_fast(path, &data)
}

fn write(path: &Path, data: &[u8], durable: bool) -> Result<()> {
    let dir = path.parent().context("metadata path has no parent")?;
    let name = path.file_name().context("metadata path has no file name")?.to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}", unique_name("tmp-")));
    let result = (|| -> Result<()> {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .custom_flags(libc::O_CLOEXEC)
            .open(&tmp)
            .with_context(|| format!("creating {}", tmp.display()))?;
        f.write_all(data).with_context(|| format!("writing {}", tmp.display()))?;
        if durable {
            f.sync_all().with_context(|| format!("syncing {}", tmp.display()))?;
        }
        std::fs::rename(&tmp, path).with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))?;
        if durable {
            sync_dir(dir)?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Atomically replace `path` with the JSON form of `value`.
pub fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<()> {
    let data = serde_json::to_vec_pretty(value).context("encoding metadata")?;
    write_file(path, &data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_leaves_no_temp() {
        let dir = std::env::temp_dir().join(unique_name("rpod-atomic-"));
        std::fs::create_dir(&dir).unwrap();
        let p = dir.join("a.json");
        write_file(&p, b"one").unwrap();
        write_file(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

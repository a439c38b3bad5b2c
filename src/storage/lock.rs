//! Advisory file locks (flock(2)) coordinating concurrent rpod processes.
//!
//! flock locks belong to the open file description and vanish when the holder
//! dies, so a SIGKILLed rpod never leaves a stale lock behind.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use nix::fcntl::{Flock, FlockArg};

/// A held lock; released on drop.
#[derive(Debug)]
pub struct FileLock {
    _lock: Flock<File>,
    path: PathBuf,
}

fn open(path: &Path) -> Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_CLOEXEC)
        .open(path)
        .with_context(|| format!("opening lock file {}", path.display()))
}

impl FileLock {
    fn take(path: &Path, arg: FlockArg) -> Result<Option<FileLock>> {
        let file = open(path)?;
        match Flock::lock(file, arg) {
            Ok(lock) => Ok(Some(FileLock { _lock: lock, path: path.to_path_buf() })),
            Err((_, nix::errno::Errno::EWOULDBLOCK)) => Ok(None),
            Err((_, e)) => Err(e).with_context(|| format!("locking {}", path.display())),
        }
    }

    /// Wait for an exclusive lock.
    pub fn exclusive(path: &Path) -> Result<FileLock> {
        Ok(Self::take(path, FlockArg::LockExclusive)?.expect("blocking lock returned"))
    }

    /// Wait for a shared lock.
    pub fn shared(path: &Path) -> Result<FileLock> {
        Ok(Self::take(path, FlockArg::LockShared)?.expect("blocking lock returned"))
    }

    /// Take an exclusive lock if nobody holds the file; `None` otherwise.
    pub fn try_exclusive(path: &Path) -> Result<Option<FileLock>> {
        Self::take(path, FlockArg::LockExclusiveNonblock)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

//! Namespace files given by path (`--pid ns:PATH`, a spec's
//! `linux.namespaces[].path`): opened so that nothing but a namespace of the
//! expected kind is ever used, and asked which user namespace owns them.
//!
//! A path is attacker-controlled (the container's user picks it, and it can
//! change between `create` and `start`): it may be a regular file, a FIFO
//! (a plain `open` would block until a writer comes), a device, or a symlink
//! to any of these. It is first opened `O_PATH` (never blocks, never reads),
//! checked to live on nsfs, and only then re-opened for real through
//! `/proc/self/fd`, which names exactly the inode already checked.

use std::fs::File;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

use nix::sched::CloneFlags;

/// `statfs.f_type` of nsfs (linux/magic.h).
const NSFS_MAGIC: i64 = 0x6e73_6673;
/// `_IO(0xb7, 0x1)`: a descriptor for the user namespace owning this one.
const NS_GET_USERNS: libc::c_ulong = 0xb701;
/// `_IO(0xb7, 0x3)`: the namespace's type as a `CLONE_NEW*` flag.
const NS_GET_NSTYPE: libc::c_ulong = 0xb703;

/// The short name of a namespace kind, as in `/proc/PID/ns/`.
pub fn kind_name(flag: CloneFlags) -> &'static str {
    match flag {
        CloneFlags::CLONE_NEWUSER => "user",
        CloneFlags::CLONE_NEWNS => "mount",
        CloneFlags::CLONE_NEWPID => "pid",
        CloneFlags::CLONE_NEWUTS => "uts",
        CloneFlags::CLONE_NEWIPC => "ipc",
        CloneFlags::CLONE_NEWNET => "network",
        CloneFlags::CLONE_NEWCGROUP => "cgroup",
        _ => "other",
    }
}

/// What a non-namespace file is, for the error message.
fn class(path: &Path, md: &std::fs::Metadata) -> String {
    let ft = md.file_type();
    let what = if ft.is_file() {
        "a regular file"
    } else if ft.is_dir() {
        "a directory"
    } else if ft.is_fifo() {
        "a FIFO"
    } else if ft.is_socket() {
        "a socket"
    } else if ft.is_char_device() || ft.is_block_device() {
        "a device"
    } else {
        "not a namespace file"
    };
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if link {
        format!("a symlink to {what}")
    } else {
        what.to_string()
    }
}

/// Open `path` as a namespace of kind `want` (one `CLONE_NEW*` flag).
/// Errors are one line naming the path and what it really is.
pub fn open(path: &Path, want: CloneFlags) -> Result<File, String> {
    let kind = kind_name(want);
    let bad = |why: String| format!("{} cannot be used as the {kind} namespace: {why}", path.display());
    // O_PATH follows symlinks (so /proc/PID/ns/X resolves) without opening the
    // target for I/O: no FIFO or device open side effects, no blocking.
    let cpath = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).map_err(|_| bad("the path has a NUL byte".into()))?;
    // SAFETY: a plain open(2) of a NUL-terminated path; the result is checked.
    let raw = unsafe { libc::open(cpath.as_ptr(), libc::O_PATH | libc::O_CLOEXEC) };
    if raw < 0 {
        return Err(bad(std::io::Error::last_os_error().to_string()));
    }
    // SAFETY: raw is a descriptor we just opened and own.
    let fd = unsafe { OwnedFd::from_raw_fd(raw) };
    let probe = File::from(fd);
    let md = probe.metadata().map_err(|e| bad(e.to_string()))?;
    let sfs = nix::sys::statfs::fstatfs(&probe).map_err(|e| bad(e.to_string()))?;
    if sfs.filesystem_type().0 as i64 != NSFS_MAGIC {
        return Err(bad(format!("it is {}, not a namespace file", class(path, &md))));
    }
    // An nsfs inode: reopening it for reading has no side effect.
    let f = File::open(format!("/proc/self/fd/{}", probe.as_raw_fd())).map_err(|e| bad(e.to_string()))?;
    if f.metadata().map(|m| (m.dev(), m.ino())).ok() != Some((md.dev(), md.ino())) {
        return Err(bad("it changed while being opened".into()));
    }
    // SAFETY: NS_GET_NSTYPE takes no argument and returns the type or -1.
    let t = unsafe { libc::ioctl(f.as_raw_fd(), NS_GET_NSTYPE as _) };
    if t < 0 {
        return Err(bad(format!("asking its type: {}", std::io::Error::last_os_error())));
    }
    if t != want.bits() {
        return Err(bad(format!("it is a {} namespace", kind_name(CloneFlags::from_bits_truncate(t)))));
    }
    Ok(f)
}

/// The user namespace that owns namespace `f`.
pub fn owner(f: &File) -> std::io::Result<File> {
    // SAFETY: NS_GET_USERNS takes no argument and returns a new descriptor or -1.
    let fd = unsafe { libc::ioctl(f.as_raw_fd(), NS_GET_USERNS as _) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: the ioctl returned a fresh descriptor that we now own (it is O_CLOEXEC).
    Ok(File::from(unsafe { OwnedFd::from_raw_fd(fd) }))
}

/// The identity of a namespace (device and inode of its nsfs file).
pub fn id(f: &File) -> Option<(u64, u64)> {
    f.metadata().ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_namespaces_open_with_their_kind() {
        let f = open(Path::new("/proc/self/ns/uts"), CloneFlags::CLONE_NEWUTS).unwrap();
        assert!(id(&f).is_some());
        let e = open(Path::new("/proc/self/ns/uts"), CloneFlags::CLONE_NEWPID).unwrap_err();
        assert!(e.contains("it is a uts namespace"), "{e}");
    }

    /// Hostile paths (namespace-path confusion): a regular file, a FIFO (must
    /// not block), a symlink to a file, a directory, a device — each refused
    /// with its class named.
    #[test]
    fn hostile_paths_are_refused_by_class() {
        let dir = std::env::temp_dir().join(crate::storage::atomic::unique_name("rpod-nsfile-"));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("file");
        std::fs::write(&file, "x").unwrap();
        let fifo = dir.join("fifo");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
        let link = dir.join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let flag = CloneFlags::CLONE_NEWPID;
        for (p, want) in [(&file, "a regular file"), (&fifo, "a FIFO"), (&link, "a symlink to a regular file"), (&dir, "a directory")] {
            let e = open(p, flag).unwrap_err();
            assert!(e.contains(want), "{}: {e}", p.display());
        }
        let e = open(Path::new("/dev/null"), flag).unwrap_err();
        assert!(e.contains("a device"), "{e}");
        assert!(open(&dir.join("missing"), flag).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}

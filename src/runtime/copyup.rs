//! Volume copy-up: before a new volume is mounted over a directory of the
//! image, the directory's content (modes, owners, symlinks as they are) is
//! copied into the volume, as Podman does. Runs in the container's setup
//! process, inside its user namespace (so owners map), before pivot_root and
//! before any container process exists.
//!
//! Both sides are walked by descriptor: the image side from the descriptor
//! the destination was resolved to inside the root, the volume side from its
//! directory descriptor. Every name is opened with `O_NOFOLLOW` (`O_EXCL`
//! when created), so a symlink planted in the volume by another container
//! sharing it, or one in the image, is copied as a symlink and never
//! followed, and nothing is written outside the volume.

use std::ffi::OsStr;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;

use anyhow::{Context, Result};
use nix::fcntl::{openat, AtFlags, OFlag};
use nix::sys::stat::{fchmod, fstatat, mkdirat, Mode, SFlag};
use nix::unistd::{fchown, fchownat, Gid, Uid};

/// Copy the directory at `src` (an O_PATH descriptor inside the container's
/// root) into the volume directory `volume` if that is empty; a volume that
/// already has content is left alone. `keep_owner`: the volume directory
/// keeps its owner (a volume made with `o=uid=,gid=`); its mode is copied.
pub fn copy_up(src: &OwnedFd, volume: &str, keep_owner: bool) -> Result<()> {
    // A pinned source (runtime::pinned: `/proc/self/fd/N`, opened by the
    // setup process itself) is a magic link that O_NOFOLLOW would refuse.
    let nofollow = if volume.starts_with("/proc/self/fd/") { OFlag::empty() } else { OFlag::O_NOFOLLOW };
    let dst = nix::fcntl::open(volume, OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC | nofollow, Mode::empty())
        .with_context(|| format!("opening volume directory {volume}"))?;
    if !is_empty(dst.as_fd())? {
        return Ok(());
    }
    let st = nix::sys::stat::fstat(src).context("reading the image directory under the volume")?;
    if SFlag::from_bits_truncate(st.st_mode & libc::S_IFMT) != SFlag::S_IFDIR {
        return Ok(()); // a file there: nothing to copy into a directory
    }
    let src = openat(src, ".", OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, Mode::empty()).context("opening the image directory")?;
    copy_dir(src.as_fd(), dst.as_fd(), 0).with_context(|| format!("copying image content into volume {volume}"))?;
    if !keep_owner {
        fchown(&dst, Some(Uid::from_raw(st.st_uid)), Some(Gid::from_raw(st.st_gid))).context("setting the volume's owner")?;
    }
    fchmod(&dst, Mode::from_bits_truncate(st.st_mode & 0o7777)).context("setting the volume's mode")?;
    Ok(())
}

fn is_empty(dir: BorrowedFd<'_>) -> Result<bool> {
    let d = nix::dir::Dir::openat(dir, ".", OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, Mode::empty()).context("listing the volume")?;
    let mut d = d;
    for e in d.iter() {
        let e = e.context("listing the volume")?;
        let n = e.file_name().to_bytes();
        if n != b"." && n != b".." {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Deep enough for any real image; bounds the recursion on hostile ones.
const MAX_DEPTH: usize = 256;

fn copy_dir(src: BorrowedFd<'_>, dst: BorrowedFd<'_>, depth: usize) -> Result<()> {
    anyhow::ensure!(depth < MAX_DEPTH, "directories nested deeper than {MAX_DEPTH}");
    let mut dir = nix::dir::Dir::openat(src, ".", OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, Mode::empty())?;
    let names: Vec<Vec<u8>> = dir.iter().filter_map(|e| e.ok()).map(|e| e.file_name().to_bytes().to_vec()).filter(|n| n != b"." && n != b"..").collect();
    for raw in names {
        let name = OsStr::from_bytes(&raw);
        let shown = || name.to_string_lossy().into_owned();
        let st = fstatat(src, name, AtFlags::AT_SYMLINK_NOFOLLOW).with_context(|| format!("reading {}", shown()))?;
        let (uid, gid) = (Some(Uid::from_raw(st.st_uid)), Some(Gid::from_raw(st.st_gid)));
        let mode = Mode::from_bits_truncate(st.st_mode & 0o7777);
        let nofollow = OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC;
        match SFlag::from_bits_truncate(st.st_mode & libc::S_IFMT) {
            SFlag::S_IFDIR => {
                mkdirat(dst, name, Mode::from_bits_truncate(0o700)).with_context(|| format!("creating {}", shown()))?;
                let s = openat(src, name, OFlag::O_RDONLY | OFlag::O_DIRECTORY | nofollow, Mode::empty())?;
                let d = openat(dst, name, OFlag::O_RDONLY | OFlag::O_DIRECTORY | nofollow, Mode::empty())?;
                copy_dir(s.as_fd(), d.as_fd(), depth + 1).with_context(shown)?;
                // Owners first: chown clears setuid and setgid bits.
                fchown(&d, uid, gid).with_context(|| format!("setting the owner of {}", shown()))?;
                fchmod(&d, mode).with_context(|| format!("setting the mode of {}", shown()))?;
            }
            SFlag::S_IFREG => {
                let s = openat(src, name, OFlag::O_RDONLY | OFlag::O_NONBLOCK | nofollow, Mode::empty()).with_context(|| format!("opening {}", shown()))?;
                let d = openat(dst, name, OFlag::O_WRONLY | OFlag::O_CREAT | OFlag::O_EXCL | nofollow, Mode::from_bits_truncate(0o600))
                    .with_context(|| format!("creating {}", shown()))?;
                let (mut r, mut w) = (std::fs::File::from(s), std::fs::File::from(d));
                std::io::copy(&mut r, &mut w).with_context(|| format!("copying {}", shown()))?;
                fchown(&w, uid, gid).with_context(|| format!("setting the owner of {}", shown()))?;
                fchmod(&w, mode).with_context(|| format!("setting the mode of {}", shown()))?;
            }
            SFlag::S_IFLNK => {
                let target = nix::fcntl::readlinkat(src, name).with_context(|| format!("reading link {}", shown()))?;
                nix::unistd::symlinkat(target.as_os_str(), dst, name).with_context(|| format!("creating link {}", shown()))?;
                fchownat(dst, name, uid, gid, AtFlags::AT_SYMLINK_NOFOLLOW).with_context(|| format!("setting the owner of {}", shown()))?;
            }
            // Devices, fifos and sockets are not copied into volumes.
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn tmp() -> std::path::PathBuf {
        let d = std::env::temp_dir().join(crate::storage::atomic::unique_name("rpod-copyup-"));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn copies_once_keeps_links_and_modes() {
        let src = tmp();
        let vol = tmp();
        std::fs::create_dir(src.join("d")).unwrap();
        std::fs::write(src.join("d/f"), "hello").unwrap();
        std::fs::set_permissions(src.join("d/f"), std::fs::Permissions::from_mode(0o640)).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", src.join("link")).unwrap();
        let fd = nix::fcntl::open(&src, OFlag::O_PATH | OFlag::O_CLOEXEC, Mode::empty()).unwrap();
        copy_up(&fd, vol.to_str().unwrap(), false).unwrap();
        assert_eq!(std::fs::read_to_string(vol.join("d/f")).unwrap(), "hello");
        assert_eq!(std::fs::metadata(vol.join("d/f")).unwrap().permissions().mode() & 0o7777, 0o640);
        // The link is copied as a link, never followed.
        assert_eq!(std::fs::read_link(vol.join("link")).unwrap(), std::path::PathBuf::from("/etc/passwd"));
        // A volume with content is left as it is.
        std::fs::write(src.join("new"), "x").unwrap();
        copy_up(&fd, vol.to_str().unwrap(), false).unwrap();
        assert!(!vol.join("new").exists());
        std::fs::remove_dir_all(&src).unwrap();
        std::fs::remove_dir_all(&vol).unwrap();
    }
}

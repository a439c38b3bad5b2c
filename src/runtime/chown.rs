//! The `U` volume option: before a bind is mounted, its source is chowned,
//! recursively, to the container's user, as Podman does. Runs in the
//! container's setup process, inside its user namespace, so the ids given
//! are the container's and the kernel maps them to host ids (no mapping
//! arithmetic here, none to get wrong), and only files whose owners the
//! namespace maps can change hands.
//!
//! Hostile sources (CVE-2021-20199 / CVE-2018-15664 class: a chown that
//! follows a link lands on a host file): the source is opened refusing
//! every symlink on its path (the engine stored it without any), and the
//! tree is walked by descriptor. Links are chowned themselves
//! (`AT_SYMLINK_NOFOLLOW`), never followed; directories are entered with
//! `O_NOFOLLOW | O_DIRECTORY`, so one swapped for a link meanwhile is not
//! entered; the walk stays on the source's mount (another file system or a
//! bind mount below it is neither chowned nor entered).

use std::ffi::{CString, OsStr};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::runtime::resolve::openat2;
use anyhow::{bail, Context, Result};
use nix::fcntl::{openat, AtFlags, OFlag, OpenHow, ResolveFlag};
use nix::sys::stat::{fstatat, Mode, SFlag};
use nix::unistd::{fchownat, Gid, Uid};

/// Deep enough for any real tree; bounds descriptors and recursion.
const MAX_DEPTH: usize = 512;

/// Open the absolute path `source` as an `O_PATH` descriptor, refusing a
/// symlink anywhere on it.
pub fn open_source(source: &str) -> Result<OwnedFd> {
    let root = nix::fcntl::open("/", OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, Mode::empty()).context("opening /")?;
    let rel = source.trim_start_matches('/');
    let how = OpenHow::new()
        .flags(OFlag::O_PATH | OFlag::O_CLOEXEC)
        .resolve(ResolveFlag::RESOLVE_NO_SYMLINKS | ResolveFlag::RESOLVE_NO_MAGICLINKS | ResolveFlag::RESOLVE_BENEATH);
    match openat2(&root, OsStr::new(if rel.is_empty() { "." } else { rel }), how) {
        Ok(fd) => Ok(fd),
        Err(nix::errno::Errno::ELOOP) => {
            bail!("refusing to chown {source} (the U option): a symlink has appeared on its path since the container was created")
        }
        Err(e) => Err(e).with_context(|| format!("opening {source}")),
    }
}

/// statx(2) `stx_attributes` of `name` under `dir` (no symlink followed).
fn mount_root(dir: BorrowedFd<'_>, name: &OsStr) -> bool {
    let Ok(c) = CString::new(name.as_bytes()) else { return false };
    // SAFETY: statx writes into the zeroed struct we own; `c` is a valid
    // NUL-terminated name and `dir` an open descriptor for the call.
    let mut stx: libc::statx = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::statx(dir.as_raw_fd(), c.as_ptr(), libc::AT_SYMLINK_NOFOLLOW, libc::STATX_BASIC_STATS, &mut stx) };
    r == 0 && stx.stx_attributes_mask & libc::STATX_ATTR_MOUNT_ROOT as u64 != 0 && stx.stx_attributes & libc::STATX_ATTR_MOUNT_ROOT as u64 != 0
}

/// Chown the file or tree at `fd` (from [`open_source`]) to `uid:gid`.
/// `shown` names it in errors.
pub fn chown_tree(fd: &OwnedFd, uid: u32, gid: u32, shown: &Path) -> Result<()> {
    let st = nix::sys::stat::fstat(fd).with_context(|| format!("reading {}", shown.display()))?;
    if (st.st_uid, st.st_gid) != (uid, gid) {
        fchownat(fd, "", Some(Uid::from_raw(uid)), Some(Gid::from_raw(gid)), AtFlags::AT_EMPTY_PATH | AtFlags::AT_SYMLINK_NOFOLLOW)
            .with_context(|| format!("changing the owner of {} (the U option)", shown.display()))?;
    }
    if SFlag::from_bits_truncate(st.st_mode & libc::S_IFMT) != SFlag::S_IFDIR {
        return Ok(());
    }
    let dir =
        openat(fd, ".", OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, Mode::empty()).with_context(|| format!("opening {}", shown.display()))?;
    walk(dir.as_fd(), st.st_dev, uid, gid, shown, 0)
}

fn walk(dir: BorrowedFd<'_>, dev: u64, uid: u32, gid: u32, shown: &Path, depth: usize) -> Result<()> {
    anyhow::ensure!(depth < MAX_DEPTH, "{}: directories nested deeper than {MAX_DEPTH}", shown.display());
    let mut d = nix::dir::Dir::openat(dir, ".", OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, Mode::empty())
        .with_context(|| format!("listing {}", shown.display()))?;
    let names: Vec<Vec<u8>> = d.iter().filter_map(|e| e.ok()).map(|e| e.file_name().to_bytes().to_vec()).filter(|n| n != b"." && n != b"..").collect();
    for raw in names {
        let name = OsStr::from_bytes(&raw);
        let path = shown.join(name);
        let st = match fstatat(dir, name, AtFlags::AT_SYMLINK_NOFOLLOW) {
            Ok(st) => st,
            Err(nix::errno::Errno::ENOENT) => continue, // removed meanwhile
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        if st.st_dev != dev || mount_root(dir, name) {
            continue; // another mount: not ours to chown
        }
        if (st.st_uid, st.st_gid) != (uid, gid) {
            match fchownat(dir, name, Some(Uid::from_raw(uid)), Some(Gid::from_raw(gid)), AtFlags::AT_SYMLINK_NOFOLLOW) {
                Ok(()) | Err(nix::errno::Errno::ENOENT) => {}
                Err(e) => return Err(e).with_context(|| format!("changing the owner of {} (the U option)", path.display())),
            }
        }
        if SFlag::from_bits_truncate(st.st_mode & libc::S_IFMT) == SFlag::S_IFDIR {
            // O_NOFOLLOW: a directory swapped for a link since the stat is not entered.
            match openat(dir, name, OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC, Mode::empty()) {
                Ok(sub) => {
                    let sst = nix::sys::stat::fstat(&sub).with_context(|| format!("reading {}", path.display()))?;
                    if (sst.st_dev, sst.st_ino) == (st.st_dev, st.st_ino) {
                        walk(sub.as_fd(), dev, uid, gid, &path, depth + 1)?;
                    }
                }
                Err(nix::errno::Errno::ELOOP | nix::errno::Errno::ENOTDIR | nix::errno::Errno::ENOENT) => {}
                Err(e) => return Err(e).with_context(|| format!("opening {}", path.display())),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn links_are_not_followed_and_a_linked_path_is_refused() {
        let d = std::env::temp_dir().join(crate::storage::atomic::unique_name("rpod-chown-"));
        let (src, outside) = (d.join("src"), d.join("outside"));
        std::fs::create_dir_all(src.join("sub")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("secret"), "x").unwrap();
        std::fs::write(src.join("sub/f"), "y").unwrap();
        std::os::unix::fs::symlink(outside.join("secret"), src.join("link")).unwrap();
        std::os::unix::fs::symlink(&outside, src.join("dirlink")).unwrap();
        let me = (nix::unistd::getuid().as_raw(), nix::unistd::getgid().as_raw());
        // Chowning to our own ids works for any user: the walk itself is checked.
        let fd = open_source(src.to_str().unwrap()).unwrap();
        chown_tree(&fd, me.0, me.1, &src).unwrap();
        assert_eq!(std::fs::metadata(src.join("sub/f")).unwrap().uid(), me.0);
        // A path through a symlink is refused, in one sentence.
        std::os::unix::fs::symlink(&src, d.join("alias")).unwrap();
        let e = open_source(d.join("alias").to_str().unwrap()).unwrap_err();
        assert!(format!("{e:#}").contains("a symlink has appeared"), "{e:#}");
        std::fs::remove_dir_all(&d).unwrap();
    }
}

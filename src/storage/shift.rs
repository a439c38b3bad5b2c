//! Id-shifted copies of layers ("mapped layers", `--userns=keep-id`,
//! `auto`, `nomap`, `--uidmap`): the copy of a layer whose owners are moved
//! from image ids to where a container's ids sit among rpod's default
//! namespace's ids ([`Shift`]), made once per mapping and shared by every
//! later container with that mapping, which then runs on native overlay
//! exactly as a plain container does (docs/decisions.md).
//!
//! Runs inside rpod's user namespace (it chowns to subordinate ids). The
//! source is a layer of the store, whose content came from an image:
//! every entry is opened under its parent's descriptor with `O_NOFOLLOW`
//! and never followed (a symlink is copied as a symlink, with `readlinkat`/
//! `symlinkat`), so nothing outside the layer is read or changed
//! (CVE-2018-15664 class: symlink-following copies and chowns). Hard links
//! inside the layer stay hard links; owners are set before modes (chown
//! clears setuid/setgid); overlay whiteouts (0:0 character devices) and
//! opaque markers are kept; other devices and sockets are skipped, as the
//! unpacker does. `security.capability` is re-rooted: a capability for
//! image root becomes one for the container's root.

use std::collections::HashMap;
use std::ffi::{CStr, CString};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd};
use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};

use super::layer_writer::{getxattr, listxattr};
use crate::runtime::userns::Shift;

const MAX_DEPTH: usize = 512;
const CAP_XATTR: &str = "security.capability";

fn cstr(b: &[u8]) -> Result<CString> {
    CString::new(b).map_err(|_| anyhow!("a name with a NUL byte"))
}

fn err(op: &str, path: &[u8]) -> anyhow::Error {
    anyhow!("{op} {}: {}", String::from_utf8_lossy(path), std::io::Error::last_os_error())
}

fn open_at(dir: BorrowedFd<'_>, name: &CStr, flags: libc::c_int, path: &[u8]) -> Result<OwnedFd> {
    // SAFETY: dir is an open descriptor, name is NUL-terminated; the result is checked.
    let fd = unsafe { libc::openat(dir.as_raw_fd(), name.as_ptr(), flags | libc::O_NOFOLLOW | libc::O_CLOEXEC, 0o600) };
    if fd < 0 {
        return Err(err("opening", path));
    }
    // SAFETY: fd was just returned by openat and is owned by nobody else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

fn stat_at(dir: BorrowedFd<'_>, name: &CStr, path: &[u8]) -> Result<libc::stat> {
    // SAFETY: zeroed stat is a valid value to be overwritten.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: dir open, name NUL-terminated, st a valid out pointer; the link itself is examined.
    if unsafe { libc::fstatat(dir.as_raw_fd(), name.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) } != 0 {
        return Err(err("examining", path));
    }
    Ok(st)
}

fn fstat(fd: BorrowedFd<'_>, path: &[u8]) -> Result<libc::stat> {
    // SAFETY: as in stat_at.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: fd open, st a valid out pointer.
    if unsafe { libc::fstat(fd.as_raw_fd(), &mut st) } != 0 {
        return Err(err("examining", path));
    }
    Ok(st)
}

/// The names in `dir` (a second descriptor: nix's Dir closes the one it reads).
fn list(dir: BorrowedFd<'_>, path: &[u8]) -> Result<Vec<Vec<u8>>> {
    let fd = open_at(dir, c".", libc::O_RDONLY | libc::O_DIRECTORY, path)?;
    let mut d = nix::dir::Dir::from_fd(fd).with_context(|| format!("listing {}", String::from_utf8_lossy(path)))?;
    let mut names = Vec::new();
    for e in d.iter() {
        let e = e.with_context(|| format!("listing {}", String::from_utf8_lossy(path)))?;
        let n = e.file_name().to_bytes();
        if n != b"." && n != b".." {
            names.push(n.to_vec());
        }
    }
    names.sort();
    Ok(names)
}

/// A `security.capability` value re-rooted under `shift`: the value as read
/// in rpod's namespace is v2 (for image root) or v3 with a root id; the
/// copy names the intermediate id of that root as a v3 root id (v2 when it
/// is 0), which the kernel stores as the host id of the container's root.
/// `None` when the root is outside the mapping (the capability is dropped:
/// it could not apply to anything in the container).
pub fn shift_capability(v: &[u8], shift: &Shift) -> Option<Vec<u8>> {
    const V2: u32 = 0x0200_0000;
    const V3: u32 = 0x0300_0000;
    const MASK: u32 = 0xFF00_0000;
    if v.len() < 20 {
        return None;
    }
    let magic = u32::from_le_bytes(v[0..4].try_into().ok()?);
    let root = match (magic & MASK, v.len()) {
        (V2, 20) => 0,
        (V3, 24) => u32::from_le_bytes(v[20..24].try_into().ok()?),
        _ => return None,
    };
    let new_root = shift.uid(root)?;
    let flags = magic & !MASK;
    let mut out = Vec::with_capacity(24);
    if new_root == 0 {
        out.extend_from_slice(&(V2 | flags).to_le_bytes());
        out.extend_from_slice(&v[4..20]);
    } else {
        out.extend_from_slice(&(V3 | flags).to_le_bytes());
        out.extend_from_slice(&v[4..20]);
        out.extend_from_slice(&new_root.to_le_bytes());
    }
    Some(out)
}

struct Copier<'a> {
    shift: &'a Shift,
    /// (dev, ino) of a multiply linked source file → its path in the copy.
    links: HashMap<(u64, u64), CString>,
    dst_root: OwnedFd,
}

impl Copier<'_> {
    fn owners(&self, st: &libc::stat, path: &[u8]) -> Result<(u32, u32)> {
        let u = self
            .shift
            .uid(st.st_uid)
            .ok_or_else(|| anyhow!("{} is owned by uid {}, which the container's mapping does not include", String::from_utf8_lossy(path), st.st_uid))?;
        let g = self
            .shift
            .gid(st.st_gid)
            .ok_or_else(|| anyhow!("{} has gid {}, which the container's mapping does not include", String::from_utf8_lossy(path), st.st_gid))?;
        Ok((u, g))
    }

    /// Owners, then mode (chown clears setuid), then times, on an open descriptor.
    fn finish_fd(&self, fd: BorrowedFd<'_>, st: &libc::stat, path: &[u8]) -> Result<()> {
        let (u, g) = self.owners(st, path)?;
        // SAFETY: fd is open; plain integer arguments.
        if unsafe { libc::fchown(fd.as_raw_fd(), u, g) } != 0 {
            return Err(err("setting the owner of", path));
        }
        // SAFETY: as above.
        if unsafe { libc::fchmod(fd.as_raw_fd(), st.st_mode & 0o7777) } != 0 {
            return Err(err("setting the mode of", path));
        }
        let t = [libc::timespec { tv_sec: st.st_atime, tv_nsec: st.st_atime_nsec }, libc::timespec { tv_sec: st.st_mtime, tv_nsec: st.st_mtime_nsec }];
        // SAFETY: fd open, t points to two timespecs.
        unsafe { libc::futimens(fd.as_raw_fd(), t.as_ptr()) };
        Ok(())
    }

    /// Owners and times of a symlink, FIFO or whiteout by name (never followed).
    fn finish_at(&self, dir: BorrowedFd<'_>, name: &CStr, st: &libc::stat, path: &[u8], chmod: bool) -> Result<()> {
        let (u, g) = self.owners(st, path)?;
        // SAFETY: dir open, name NUL-terminated; AT_SYMLINK_NOFOLLOW changes the entry itself.
        if unsafe { libc::fchownat(dir.as_raw_fd(), name.as_ptr(), u, g, libc::AT_SYMLINK_NOFOLLOW) } != 0 {
            return Err(err("setting the owner of", path));
        }
        if chmod {
            // SAFETY: as above; only FIFOs and whiteouts get here, never a symlink.
            if unsafe { libc::fchmodat(dir.as_raw_fd(), name.as_ptr(), st.st_mode & 0o7777, 0) } != 0 {
                return Err(err("setting the mode of", path));
            }
        }
        let t = [libc::timespec { tv_sec: st.st_atime, tv_nsec: st.st_atime_nsec }, libc::timespec { tv_sec: st.st_mtime, tv_nsec: st.st_mtime_nsec }];
        // SAFETY: as above; the entry itself, not a link target.
        unsafe { libc::utimensat(dir.as_raw_fd(), name.as_ptr(), t.as_ptr(), libc::AT_SYMLINK_NOFOLLOW) };
        Ok(())
    }

    fn xattrs(&self, src: BorrowedFd<'_>, dst: BorrowedFd<'_>, path: &[u8]) -> Result<()> {
        for name in listxattr(src).map_err(|e| anyhow!("listing xattrs of {}: {e}", String::from_utf8_lossy(path)))? {
            let cname = cstr(&name)?;
            let Some(mut v) = getxattr(src, &cname).map_err(|e| anyhow!("reading xattrs of {}: {e}", String::from_utf8_lossy(path)))? else { continue };
            if name == CAP_XATTR.as_bytes() {
                match shift_capability(&v, self.shift) {
                    Some(s) => v = s,
                    None => continue,
                }
            }
            // SAFETY: dst open, name NUL-terminated, v's pointer and length describe one buffer.
            if unsafe { libc::fsetxattr(dst.as_raw_fd(), cname.as_ptr(), v.as_ptr().cast(), v.len(), 0) } != 0 {
                // The opaque marker decides what the container sees: it must be copied.
                if name.starts_with(b"user.overlay.") || name == CAP_XATTR.as_bytes() {
                    return Err(err(&format!("setting {} on", String::from_utf8_lossy(&name)), path));
                }
                tracing::debug!(path = %String::from_utf8_lossy(path), "xattr {} not copied: {}", String::from_utf8_lossy(&name), std::io::Error::last_os_error());
            }
        }
        Ok(())
    }

    fn dir(&mut self, src: BorrowedFd<'_>, dst: BorrowedFd<'_>, prefix: &[u8], depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            bail!("{}: directories nest deeper than {MAX_DEPTH} levels", String::from_utf8_lossy(prefix));
        }
        for name in list(src, prefix)? {
            let mut path = prefix.to_vec();
            if !path.is_empty() {
                path.push(b'/');
            }
            path.extend_from_slice(&name);
            let cname = cstr(&name)?;
            self.entry(src, dst, &cname, &path, depth)?;
        }
        Ok(())
    }

    fn entry(&mut self, src: BorrowedFd<'_>, dst: BorrowedFd<'_>, name: &CStr, path: &[u8], depth: usize) -> Result<()> {
        let st = stat_at(src, name, path)?;
        match st.st_mode & libc::S_IFMT {
            libc::S_IFDIR => {
                let s = open_at(src, name, libc::O_RDONLY | libc::O_DIRECTORY, path)?;
                if fstat(s.as_fd(), path)?.st_ino != st.st_ino {
                    bail!("{} changed while it was copied", String::from_utf8_lossy(path));
                }
                // SAFETY: dst open, name NUL-terminated.
                if unsafe { libc::mkdirat(dst.as_raw_fd(), name.as_ptr(), 0o700) } != 0 {
                    return Err(err("creating", path));
                }
                let d = open_at(dst, name, libc::O_RDONLY | libc::O_DIRECTORY, path)?;
                self.dir(s.as_fd(), d.as_fd(), path, depth + 1)?;
                self.xattrs(s.as_fd(), d.as_fd(), path)?;
                self.finish_fd(d.as_fd(), &st, path)
            }
            libc::S_IFREG => {
                if st.st_nlink > 1 {
                    if let Some(first) = self.links.get(&(st.st_dev, st.st_ino)) {
                        // SAFETY: both descriptors open, both names NUL-terminated; flags 0 links the entry itself.
                        if unsafe { libc::linkat(self.dst_root.as_raw_fd(), first.as_ptr(), dst.as_raw_fd(), name.as_ptr(), 0) } != 0 {
                            return Err(err("linking", path));
                        }
                        return Ok(());
                    }
                }
                let s = open_at(src, name, libc::O_RDONLY | libc::O_NONBLOCK | libc::O_NOCTTY, path)?;
                let now = fstat(s.as_fd(), path)?;
                if now.st_mode & libc::S_IFMT != libc::S_IFREG || now.st_ino != st.st_ino {
                    bail!("{} changed while it was copied", String::from_utf8_lossy(path));
                }
                let d = open_at(dst, name, libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL, path)?;
                copy_data(&s, &d, now.st_size as u64).map_err(|e| anyhow!("copying {}: {e}", String::from_utf8_lossy(path)))?;
                self.xattrs(s.as_fd(), d.as_fd(), path)?;
                self.finish_fd(d.as_fd(), &now, path)?;
                if st.st_nlink > 1 {
                    self.links.insert((st.st_dev, st.st_ino), cstr(path)?);
                }
                Ok(())
            }
            libc::S_IFLNK => {
                let target = nix::fcntl::readlinkat(src, name).map_err(|e| anyhow!("reading link {}: {e}", String::from_utf8_lossy(path)))?;
                let target = CString::new(std::os::unix::ffi::OsStrExt::as_bytes(target.as_os_str()))
                    .map_err(|_| anyhow!("link {} has a NUL byte", String::from_utf8_lossy(path)))?;
                // SAFETY: dst open, both strings NUL-terminated; the target is stored, not resolved.
                if unsafe { libc::symlinkat(target.as_ptr(), dst.as_raw_fd(), name.as_ptr()) } != 0 {
                    return Err(err("creating link", path));
                }
                self.finish_at(dst, name, &st, path, false)
            }
            libc::S_IFCHR if st.st_rdev == 0 => {
                // SAFETY: dst open, name NUL-terminated; a 0:0 character device is an overlay whiteout.
                if unsafe { libc::mknodat(dst.as_raw_fd(), name.as_ptr(), libc::S_IFCHR | 0o600, 0) } != 0 {
                    return Err(err("creating the whiteout", path));
                }
                self.finish_at(dst, name, &st, path, true)
            }
            libc::S_IFIFO => {
                // SAFETY: dst open, name NUL-terminated.
                if unsafe { libc::mkfifoat(dst.as_raw_fd(), name.as_ptr(), 0o600) } != 0 {
                    return Err(err("creating the FIFO", path));
                }
                self.finish_at(dst, name, &st, path, true)
            }
            _ => {
                tracing::debug!(path = %String::from_utf8_lossy(path), "skipping a device node or socket: rootless layers do not carry them");
                Ok(())
            }
        }
    }
}

/// Copy the data of `src` to `dst`: a reflink where the file system has
/// them (btrfs, XFS), else `copy_file_range` (in-kernel), else read/write.
fn copy_data(src: &OwnedFd, dst: &OwnedFd, size: u64) -> std::io::Result<()> {
    const FICLONE: libc::c_ulong = 0x4004_9409;
    // SAFETY: both descriptors are open; FICLONE takes the source descriptor as its argument.
    if size > 0 && unsafe { libc::ioctl(dst.as_raw_fd(), FICLONE as _, src.as_raw_fd()) } == 0 {
        return Ok(());
    }
    let mut s = std::fs::File::from(src.try_clone()?);
    let mut d = std::fs::File::from(dst.try_clone()?);
    let n = std::io::copy(&mut s, &mut d)?;
    if n != size {
        return Err(std::io::Error::other(format!("copied {n} bytes of {size}: the file changed meanwhile")));
    }
    Ok(())
}

/// Copy the layer directory `src` into the existing empty directory `dst`
/// with every owner moved by `shift` (container id j → intermediate id).
pub fn copy_layer(src: &Path, dst: &Path, shift: &Shift) -> Result<()> {
    let open = |p: &Path| -> Result<OwnedFd> {
        nix::fcntl::open(p, nix::fcntl::OFlag::O_RDONLY | nix::fcntl::OFlag::O_DIRECTORY | nix::fcntl::OFlag::O_CLOEXEC, nix::sys::stat::Mode::empty())
            .with_context(|| format!("opening {}", p.display()))
    };
    let (s, d) = (open(src)?, open(dst)?);
    let mut c = Copier { shift, links: HashMap::new(), dst_root: open(dst)? };
    c.dir(s.as_fd(), d.as_fd(), b"", 0).with_context(|| format!("shifting layer {}", src.display()))?;
    let st = fstat(s.as_fd(), b"/")?;
    c.xattrs(s.as_fd(), d.as_fd(), b"/")?;
    c.finish_fd(d.as_fd(), &st, b"/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::userns::MapLine;

    #[test]
    fn capabilities_follow_the_root() {
        let keep = Shift::keep_id(1000, 1000, 65537, 65537);
        let mut v2 = vec![0u8; 20];
        v2[0..4].copy_from_slice(&0x0200_0001u32.to_le_bytes());
        v2[4] = 0x20; // cap_net_raw permitted
        let out = shift_capability(&v2, &keep).unwrap();
        assert_eq!(out.len(), 24, "image root is container root: intermediate id 1 under keep-id");
        assert_eq!(u32::from_le_bytes(out[0..4].try_into().unwrap()), 0x0300_0001);
        assert_eq!(u32::from_le_bytes(out[20..24].try_into().unwrap()), 1);
        assert_eq!(out[4], 0x20);
        let ident = Shift { uids: vec![MapLine { inside: 0, outside: 0, count: 10 }], gids: vec![] };
        assert_eq!(shift_capability(&v2, &ident).unwrap(), v2, "root stays root: v2 stays v2");
        let none = Shift { uids: vec![MapLine { inside: 5, outside: 5, count: 1 }], gids: vec![] };
        assert_eq!(shift_capability(&v2, &none), None, "root unmapped: dropped");
        assert_eq!(shift_capability(&[1, 2, 3], &keep), None, "garbage: dropped");
    }
}

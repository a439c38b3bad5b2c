//! The copy ("vfs") storage driver: a container's root file system made by
//! copying its image layers, bottom to top, applying overlay whiteouts and
//! opaque directories. Slow to create and heavy on disk; used where neither
//! native overlayfs nor fuse-overlayfs can be mounted. Runs inside rpod's
//! user namespace so owners are kept. Hard links inside a layer are copied
//! as separate files.

use std::ffi::CString;
use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::Path;

use super::unpack::OPAQUE_XATTR;

fn cpath(p: &Path) -> io::Result<CString> {
    CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other)
}

fn lgetxattr(p: &Path, name: &str) -> Option<Vec<u8>> {
    let (path, name) = (cpath(p).ok()?, CString::new(name).ok()?);
    let mut buf = vec![0u8; 256];
    // SAFETY: valid C strings and a buffer of the given length.
    let n = unsafe { libc::lgetxattr(path.as_ptr(), name.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    (n >= 0).then(|| {
        buf.truncate(n as usize);
        buf
    })
}

fn copy_xattrs(src: &Path, dst: &Path) -> io::Result<()> {
    let path = cpath(src)?;
    let mut names = vec![0u8; 4096];
    // SAFETY: valid C string and buffer.
    let n = unsafe { libc::llistxattr(path.as_ptr(), names.as_mut_ptr().cast(), names.len()) };
    if n <= 0 {
        return Ok(());
    }
    for name in names[..n as usize].split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name).into_owned();
        if name == OPAQUE_XATTR {
            continue;
        }
        if let Some(v) = lgetxattr(src, &name) {
            let (d, nm) = (cpath(dst)?, CString::new(name).map_err(io::Error::other)?);
            // SAFETY: valid C strings and value buffer.
            unsafe { libc::lsetxattr(d.as_ptr(), nm.as_ptr(), v.as_ptr().cast(), v.len(), 0) };
        }
    }
    Ok(())
}

fn remove_any(p: &Path) -> io::Result<()> {
    match fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(p),
        Ok(_) => fs::remove_file(p),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

fn meta(src: &fs::Metadata, dst: &Path, symlink: bool) -> io::Result<()> {
    std::os::unix::fs::lchown(dst, Some(src.uid()), Some(src.gid()))?;
    if !symlink {
        fs::set_permissions(dst, fs::Permissions::from_mode(src.mode() & 0o7777))?;
    }
    let t = [libc::timespec { tv_sec: src.atime(), tv_nsec: src.atime_nsec() }, libc::timespec { tv_sec: src.mtime(), tv_nsec: src.mtime_nsec() }];
    let d = cpath(dst)?;
    // SAFETY: valid C string and two timespecs.
    unsafe { libc::utimensat(libc::AT_FDCWD, d.as_ptr(), t.as_ptr(), libc::AT_SYMLINK_NOFOLLOW) };
    Ok(())
}

/// Copy one layer's tree over `dst`, applying its whiteouts.
pub fn apply_layer(src: &Path, dst: &Path) -> io::Result<()> {
    for entry in fs::read_dir(src)? {
        let entry = entry?;
        let s = entry.path();
        let d = dst.join(entry.file_name());
        let m = fs::symlink_metadata(&s)?;
        let ft = m.file_type();
        if ft.is_char_device() && m.rdev() == 0 {
            remove_any(&d)?; // whiteout
            continue;
        }
        if ft.is_dir() {
            match fs::symlink_metadata(&d) {
                Ok(x) if x.is_dir() => {
                    if lgetxattr(&s, OPAQUE_XATTR).as_deref() == Some(b"y") {
                        for e in fs::read_dir(&d)? {
                            remove_any(&e?.path())?;
                        }
                    }
                }
                Ok(_) => {
                    remove_any(&d)?;
                    fs::create_dir(&d)?;
                }
                Err(_) => fs::create_dir(&d)?,
            }
            apply_layer(&s, &d)?;
            meta(&m, &d, false)?;
            copy_xattrs(&s, &d)?;
            continue;
        }
        remove_any(&d)?;
        copy_leaf(&s, &d, &m)?;
    }
    Ok(())
}

fn set_opaque(p: &Path) -> io::Result<()> {
    let (path, name) = (cpath(p)?, CString::new(OPAQUE_XATTR).map_err(io::Error::other)?);
    // SAFETY: valid C strings and a one-byte value buffer.
    if unsafe { libc::lsetxattr(path.as_ptr(), name.as_ptr(), b"y".as_ptr().cast(), 1, 0) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Merge overlay-form layer `src` over `dst` (also overlay form, the layers
/// below `src` merged so far): `dst` then says, as one layer on the same
/// parent, what the layers did in turn (`build --squash`). Unlike
/// [`apply_layer`], whiteouts and opaque directories are kept (they hide
/// what the parent has); a directory that replaces anything at its path is
/// made opaque. Walked by path: the layers are rpod's own, in the store.
pub fn merge_layer(src: &Path, dst: &Path) -> io::Result<()> {
    for entry in fs::read_dir(src)? {
        let entry = entry?;
        let s = entry.path();
        let d = dst.join(entry.file_name());
        let m = fs::symlink_metadata(&s)?;
        let ft = m.file_type();
        if ft.is_char_device() && m.rdev() == 0 {
            remove_any(&d)?;
            nix::sys::stat::mknod(&d, nix::sys::stat::SFlag::S_IFCHR, nix::sys::stat::Mode::empty(), 0).map_err(io::Error::from)?;
            meta(&m, &d, false)?;
            continue;
        }
        if ft.is_dir() {
            let opaque = lgetxattr(&s, OPAQUE_XATTR).as_deref() == Some(b"y");
            match fs::symlink_metadata(&d) {
                Ok(x) if x.is_dir() && !opaque => {}
                Ok(_) => {
                    // Whatever was at this path (a whiteout, a file, an
                    // emptied directory) is hidden by the new directory.
                    remove_any(&d)?;
                    fs::create_dir(&d)?;
                    set_opaque(&d)?;
                }
                Err(_) => {
                    fs::create_dir(&d)?;
                    if opaque {
                        set_opaque(&d)?;
                    }
                }
            }
            merge_layer(&s, &d)?;
            meta(&m, &d, false)?;
            copy_xattrs(&s, &d)?;
            continue;
        }
        remove_any(&d)?;
        copy_leaf(&s, &d, &m)?;
    }
    Ok(())
}

/// Copy a file, symlink or FIFO (devices and sockets are skipped).
fn copy_leaf(s: &Path, d: &Path, m: &fs::Metadata) -> io::Result<()> {
    let ft = m.file_type();
    if ft.is_symlink() {
        std::os::unix::fs::symlink(fs::read_link(s)?, d)?;
        meta(m, d, true)?;
    } else if ft.is_file() {
        fs::copy(s, d)?;
        meta(m, d, false)?;
        copy_xattrs(s, d)?;
    } else if ft.is_fifo() {
        nix::unistd::mkfifo(d, nix::sys::stat::Mode::from_bits_truncate(0o600)).map_err(io::Error::from)?;
        meta(m, d, false)?;
    }
    Ok(())
}

/// Build `dest` from layers given bottom first.
pub fn assemble(layers: &[std::path::PathBuf], dest: &Path) -> io::Result<()> {
    fs::create_dir_all(dest)?;
    for l in layers {
        apply_layer(l, dest)?;
        if let Ok(m) = fs::symlink_metadata(l) {
            meta(&m, dest, false)?;
        }
    }
    Ok(())
}

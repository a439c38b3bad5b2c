//! Reading a file of an image (or of a container's tree) from the host side,
//! through its layer directories, as overlayfs would show it — without ever
//! leaving those directories.
//!
//! A hostile image can make `/etc/passwd` a symlink to a host path
//! (`/home/USER/.ssh/id_ed25519`, `../../../../etc/shadow`), to `/dev/zero`,
//! or a FIFO; a running container's root can swap files in its upper
//! directory while rpod reads them. So every component is looked up with
//! `*at` calls and `O_NOFOLLOW` under a layer's directory descriptor, symlinks
//! are resolved by rpod against the image's own root (`..` stops at it, at
//! most 40 links), only regular files are read, opened `O_NONBLOCK` and
//! checked again after opening, and at most `cap` bytes are read.
//!
//! Overlay semantics: layers are searched top first; a 0:0 character device
//! (a whiteout) hides lower layers' entry; an opaque directory
//! (`user.overlay.opaque=y`, `trusted.overlay.opaque=y`) hides lower layers'
//! content below it; a non-directory hides lower directories of that name.

use std::collections::VecDeque;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::PathBuf;

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::stat::{Mode, SFlag};
use thiserror::Error;

/// Why a file of the image could not be read.
#[derive(Debug, Error)]
pub enum ImageFileError {
    #[error("{path} in the image is {kind}, not a regular file: refusing to read it")]
    NotRegular { path: String, kind: &'static str },
    #[error("{path} in the image is larger than {cap} bytes: refusing to read it")]
    TooLarge { path: String, cap: u64 },
    #[error("{path} in the image is a symlink to {target}, which does not exist inside the image")]
    Dangling { path: String, target: String },
    #[error("{path} in the image: too many levels of symbolic links")]
    Loop { path: String },
    #[error("reading {path} from the image: {source}")]
    Io { path: String, source: std::io::Error },
}

/// The largest file [`read_file`] callers use by default (passwd, group).
pub const SMALL_FILE_CAP: u64 = 4 << 20;

const MAX_LINKS: usize = 40;

/// What a name is in the merged tree.
enum Found {
    Missing,
    Dir,
    Symlink(String),
    Regular(OwnedFd),
    Other(&'static str),
}

fn kind_name(mode: libc::mode_t) -> &'static str {
    match SFlag::from_bits_truncate(mode & libc::S_IFMT) {
        SFlag::S_IFIFO => "a FIFO",
        SFlag::S_IFCHR => "a character device",
        SFlag::S_IFBLK => "a block device",
        SFlag::S_IFSOCK => "a socket",
        SFlag::S_IFDIR => "a directory",
        SFlag::S_IFLNK => "a symlink",
        _ => "not a regular file",
    }
}

fn is_whiteout(st: &libc::stat) -> bool {
    st.st_mode & libc::S_IFMT == libc::S_IFCHR && st.st_rdev == 0
}

fn is_opaque(dir: &OwnedFd) -> bool {
    for name in [c"user.overlay.opaque", c"trusted.overlay.opaque", c"user.fuseoverlayfs.opaque"] {
        let mut buf = [0u8; 4];
        // SAFETY: fgetxattr writes at most buf.len() bytes into buf.
        let n = unsafe { libc::fgetxattr(dir.as_raw_fd(), name.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
        if n == 1 && buf[0] == b'y' {
            return true;
        }
    }
    nix::sys::stat::fstatat(dir, ".wh..wh..opq", nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW).is_ok()
}

fn open_dir_at(dir: &OwnedFd, name: &str) -> nix::Result<OwnedFd> {
    nix::fcntl::openat(dir, name, OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC, Mode::empty())
}

fn readlink_at(dir: &OwnedFd, name: &str) -> nix::Result<String> {
    nix::fcntl::readlinkat(dir, name).map(|t| t.to_string_lossy().into_owned())
}

/// Look `comps` (a symlink-free path in the merged tree) up, top layer first.
fn lookup(layers_top_first: &[OwnedFd], comps: &[String]) -> nix::Result<Found> {
    let Some((last, parents)) = comps.split_last() else { return Ok(Found::Dir) };
    'layers: for layer in layers_top_first {
        let mut dir = nix::fcntl::openat(layer, ".", OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, Mode::empty())?;
        let mut hides_lower = false;
        for c in parents {
            match nix::sys::stat::fstatat(&dir, c.as_str(), nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW) {
                Err(Errno::ENOENT) => {
                    if hides_lower {
                        return Ok(Found::Missing);
                    }
                    continue 'layers;
                }
                Err(e) => return Err(e),
                Ok(st) if st.st_mode & libc::S_IFMT == libc::S_IFDIR => {
                    dir = open_dir_at(&dir, c)?;
                    hides_lower |= is_opaque(&dir);
                }
                // A whiteout or a non-directory here hides everything below it.
                Ok(_) => return Ok(Found::Missing),
            }
        }
        match nix::sys::stat::fstatat(&dir, last.as_str(), nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW) {
            Err(Errno::ENOENT) if !hides_lower => continue,
            Err(Errno::ENOENT) => return Ok(Found::Missing),
            Err(e) => return Err(e),
            Ok(st) if is_whiteout(&st) => return Ok(Found::Missing),
            Ok(st) => {
                return Ok(match st.st_mode & libc::S_IFMT {
                    libc::S_IFDIR => Found::Dir,
                    libc::S_IFLNK => Found::Symlink(readlink_at(&dir, last)?),
                    libc::S_IFREG => {
                        // O_NOFOLLOW and O_NONBLOCK: a file swapped for a symlink or
                        // a FIFO since the fstatat cannot redirect or block us.
                        match nix::fcntl::openat(
                            &dir,
                            last.as_str(),
                            OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_NONBLOCK | OFlag::O_CLOEXEC | OFlag::O_NOCTTY,
                            Mode::empty(),
                        ) {
                            Ok(fd) => Found::Regular(fd),
                            Err(Errno::ELOOP) => Found::Other("a symlink"),
                            Err(e) => return Err(e),
                        }
                    }
                    m => Found::Other(kind_name(m)),
                });
            }
        }
    }
    Ok(Found::Missing)
}

/// Read `path` (absolute, as seen inside the container) from the layer
/// directories `layers` (bottom first, e.g. the image's layers then a
/// container's upper directory). `Ok(None)` when the file does not exist.
pub fn read_file(layers: &[PathBuf], path: &str, cap: u64) -> Result<Option<Vec<u8>>, ImageFileError> {
    let io = |e: std::io::Error| ImageFileError::Io { path: path.to_string(), source: e };
    let mut fds = Vec::new();
    for l in layers.iter().rev() {
        match nix::fcntl::open(l.as_path(), OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, Mode::empty()) {
            Ok(fd) => fds.push(fd),
            Err(Errno::ENOENT) => {}
            Err(e) => return Err(io(e.into())),
        }
    }
    let mut todo: VecDeque<String> = split(path);
    let mut done: Vec<String> = Vec::new();
    let mut links = 0;
    let mut last_link: Option<String> = None;
    while let Some(c) = todo.pop_front() {
        if c == ".." {
            done.pop();
            continue;
        }
        done.push(c);
        match lookup(&fds, &done).map_err(|e| io(e.into()))? {
            Found::Dir => {}
            Found::Missing => {
                return match last_link {
                    Some(target) => Err(ImageFileError::Dangling { path: path.to_string(), target }),
                    None => Ok(None),
                };
            }
            Found::Symlink(target) => {
                links += 1;
                if links > MAX_LINKS {
                    return Err(ImageFileError::Loop { path: path.to_string() });
                }
                done.pop();
                if target.starts_with('/') {
                    done.clear();
                }
                let mut rest = split(&target);
                rest.extend(todo);
                todo = rest;
                last_link = Some(target);
            }
            Found::Regular(fd) if todo.is_empty() => return read_capped(fd, path, cap).map(Some),
            Found::Regular(_) | Found::Other(_) if !todo.is_empty() => return Ok(None), // ENOTDIR
            Found::Other(kind) => return Err(ImageFileError::NotRegular { path: path.to_string(), kind }),
            Found::Regular(_) => unreachable!("handled above"),
        }
    }
    Err(ImageFileError::NotRegular { path: path.to_string(), kind: "a directory" })
}

/// [`read_file`] for text files such as /etc/passwd.
pub fn read_text(layers: &[PathBuf], path: &str) -> Result<Option<String>, ImageFileError> {
    Ok(read_file(layers, path, SMALL_FILE_CAP)?.map(|b| String::from_utf8_lossy(&b).into_owned()))
}

fn split(p: &str) -> VecDeque<String> {
    p.split('/').filter(|c| !c.is_empty() && *c != ".").map(str::to_string).collect()
}

fn read_capped(fd: OwnedFd, path: &str, cap: u64) -> Result<Vec<u8>, ImageFileError> {
    use std::io::Read;
    let st = nix::sys::stat::fstat(&fd).map_err(|e| ImageFileError::Io { path: path.to_string(), source: e.into() })?;
    if st.st_mode & libc::S_IFMT != libc::S_IFREG {
        return Err(ImageFileError::NotRegular { path: path.to_string(), kind: kind_name(st.st_mode) });
    }
    if st.st_size as u64 > cap {
        return Err(ImageFileError::TooLarge { path: path.to_string(), cap });
    }
    let mut out = Vec::new();
    std::fs::File::from(fd).take(cap + 1).read_to_end(&mut out).map_err(|e| ImageFileError::Io { path: path.to_string(), source: e })?;
    if out.len() as u64 > cap {
        return Err(ImageFileError::TooLarge { path: path.to_string(), cap });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;
    use std::path::Path;

    struct Tmp(PathBuf);
    impl Drop for Tmp {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    fn tmp(name: &str) -> Tmp {
        let p = std::env::temp_dir().join(format!("rpod-layered-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Tmp(p)
    }
    fn write(p: &Path, s: &str) {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, s).unwrap();
    }

    #[test]
    fn upper_layers_win_and_symlinks_stay_inside() {
        let t = tmp("basic");
        let (l0, l1) = (t.0.join("l0"), t.0.join("l1"));
        write(&l0.join("etc/passwd"), "lower\n");
        write(&l0.join("etc/group"), "group\n");
        write(&l1.join("etc/passwd"), "upper\n");
        write(&l0.join("real/file"), "via link\n");
        std::fs::create_dir_all(l1.join("x")).unwrap();
        symlink("../../../../real", l1.join("x/up")).unwrap();
        let layers = vec![l0.clone(), l1.clone()];
        assert_eq!(read_text(&layers, "/etc/passwd").unwrap().unwrap(), "upper\n");
        assert_eq!(read_text(&layers, "/etc/group").unwrap().unwrap(), "group\n");
        // `..` stops at the image's root, as in the container.
        assert_eq!(read_text(&layers, "/x/up/file").unwrap().unwrap(), "via link\n");
        assert!(read_text(&layers, "/etc/shadow").unwrap().is_none());
    }

    #[test]
    fn hostile_links_never_reach_the_host() {
        // CVE-2019-14271 class: host-side reads of image files following links out.
        let t = tmp("hostile");
        let host = t.0.join("host-secret");
        write(&host, "secret\n");
        let l0 = t.0.join("l0");
        std::fs::create_dir_all(l0.join("etc")).unwrap();
        symlink(&host, l0.join("etc/passwd")).unwrap();
        symlink("../../../../../../../".to_string() + host.to_str().unwrap(), l0.join("etc/group")).unwrap();
        symlink("/dev/zero", l0.join("etc/shadow")).unwrap();
        symlink("loop2", l0.join("etc/loop1")).unwrap();
        symlink("loop1", l0.join("etc/loop2")).unwrap();
        nix::unistd::mkfifo(&l0.join("etc/fifo"), Mode::from_bits_truncate(0o644)).unwrap();
        let layers = vec![l0];
        for p in ["/etc/passwd", "/etc/group", "/etc/shadow"] {
            assert!(matches!(read_text(&layers, p), Err(ImageFileError::Dangling { .. })), "{p}");
        }
        assert!(matches!(read_text(&layers, "/etc/loop1"), Err(ImageFileError::Loop { .. })));
        let start = std::time::Instant::now();
        assert!(matches!(read_text(&layers, "/etc/fifo"), Err(ImageFileError::NotRegular { kind: "a FIFO", .. })));
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn whiteouts_opaque_dirs_and_caps() {
        let t = tmp("overlay");
        let (l0, l1) = (t.0.join("l0"), t.0.join("l1"));
        write(&l0.join("etc/passwd"), "lower\n");
        write(&l0.join("o/f"), "hidden\n");
        write(&l0.join("big"), &"x".repeat(100));
        std::fs::create_dir_all(l1.join("o")).unwrap();
        write(&l1.join("o/.wh..wh..opq"), "");
        // A whiteout needs mknod 0:0, which only works in a user namespace;
        // a non-directory over a directory hides it just the same.
        write(&l1.join("etc"), "");
        let layers = vec![l0.clone(), l1.clone()];
        assert!(read_text(&layers, "/o/f").unwrap().is_none(), "opaque directory hides lower content");
        assert!(read_text(&layers, "/etc/passwd").unwrap().is_none(), "a file hides the directory below");
        assert!(matches!(read_file(&layers, "/big", 10), Err(ImageFileError::TooLarge { .. })));
        assert_eq!(read_file(&layers, "/big", 100).unwrap().unwrap().len(), 100);
    }
}

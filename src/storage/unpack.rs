//! Secure extraction of an image layer (a tar stream) into a directory, in
//! the overlay form the storage drivers need.
//!
//! What it guarantees, for any input:
//! - nothing outside the destination is created, changed or followed: every
//!   parent directory is opened with `openat2(RESOLVE_BENEATH |
//!   RESOLVE_NO_SYMLINKS)` relative to the layer root, and every entry is then
//!   created with `*at` calls on that directory without following its last
//!   component. Absolute names, `..` components, writes through a symlink and
//!   hard links leaving the layer are refused with [`UnpackError::Hostile`];
//! - owners, modes (with setuid/setgid, applied after `chown`, which clears
//!   them), mtimes, symlinks, hard links and `security.capability` (and other
//!   `SCHILY.xattr.*`) extended attributes are kept;
//! - whiteouts `.wh.NAME` become 0:0 character devices and opaque markers
//!   `.wh..wh..opq` become the `user.overlay.opaque=y` xattr (overlayfs with
//!   `userxattr`, as mounted inside a user namespace). Whiteouts of `.` or
//!   `..` (`.wh..`, `.wh...`) and the nameless `.wh.` are refused with
//!   [`UnpackError::Hostile`].
//!
//! Device nodes other than whiteouts cannot be created in a user namespace and
//! are skipped, as containers/storage does rootless.
//!
//! Ownership is set with the ids from the tar header; the caller runs this
//! inside the mapped user namespace so they land on the right host ids.

use std::collections::HashMap;
use std::ffi::{CString, OsStr};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use nix::errno::Errno;
use nix::fcntl::{openat, openat2, AtFlags, OFlag, OpenHow, ResolveFlag};
use nix::sys::stat::{fchmod, mkdirat, mknodat, utimensat, Mode, SFlag, UtimensatFlags};
use nix::sys::time::TimeSpec;
use nix::unistd::{fchown, fchownat, linkat, symlinkat, unlinkat, Gid, Uid, UnlinkatFlags};
use thiserror::Error;

/// Name of the xattr that marks an opaque directory for overlayfs in a user namespace.
pub const OPAQUE_XATTR: &str = "user.overlay.opaque";

#[derive(Debug, Error)]
pub enum UnpackError {
    #[error("refusing layer entry {path:?}: {why}")]
    Hostile { path: String, why: &'static str },
    #[error("layer entry {path:?} is owned by {kind} {id}, but the user namespace maps only {kind}s 0-{max}: add a larger range to /etc/sub{kind}")]
    IdOutOfRange { path: String, kind: &'static str, id: u64, max: u64 },
    /// Not a `#[source]`: the raw text of a corrupt header is binary junk,
    /// so only the cleaned-up message is shown.
    #[error("reading the layer tar stream: {}", printable(.0))]
    Tar(io::Error),
    #[error("{op} {path:?}: {source}")]
    Sys { op: &'static str, path: String, source: io::Error },
}

/// An error text with the binary junk of a corrupt archive replaced and cut short.
fn printable(e: &io::Error) -> String {
    let s: String = e.to_string().chars().map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '?' }).collect();
    let first = s.split(" when ").next().unwrap_or(&s).to_string();
    if first.len() > 120 {
        format!("{}... (not a valid tar archive?)", &first[..120])
    } else {
        format!("{first} (not a valid tar archive?)")
    }
}

fn sys<'a, E: Into<io::Error>>(op: &'static str, path: &'a [u8]) -> impl FnOnce(E) -> UnpackError + 'a {
    move |e| UnpackError::Sys { op, path: String::from_utf8_lossy(path).into_owned(), source: e.into() }
}

fn hostile(path: &[u8], why: &'static str) -> UnpackError {
    UnpackError::Hostile { path: String::from_utf8_lossy(path).into_owned(), why }
}

/// How ownership from the tar headers is applied.
#[derive(Debug, Clone, Copy)]
pub enum Owners {
    /// `chown` to the header's ids; they must be below the given counts (the
    /// sizes of the uid and gid mappings).
    Keep { uid_count: u64, gid_count: u64 },
    /// Leave files owned by the caller (unit tests as an unprivileged user).
    Ignore,
}

/// What an unpack produced.
#[derive(Debug, Default, Clone, Copy)]
pub struct UnpackStats {
    pub entries: u64,
    /// Bytes of regular file content written.
    pub content_bytes: u64,
}

/// Split a tar entry name into components; refuse absolute names and `..`.
pub fn components(raw: &[u8]) -> Result<Vec<&[u8]>, UnpackError> {
    if raw.first() == Some(&b'/') {
        return Err(hostile(raw, "absolute path"));
    }
    let mut out = Vec::new();
    for c in raw.split(|b| *b == b'/') {
        match c {
            b"" | b"." => {}
            b".." => return Err(hostile(raw, "path contains '..'")),
            c => out.push(c),
        }
    }
    Ok(out)
}

fn cstr(b: &[u8]) -> Result<CString, UnpackError> {
    CString::new(b).map_err(|_| hostile(b, "name contains a NUL byte"))
}

fn beneath() -> ResolveFlag {
    ResolveFlag::RESOLVE_BENEATH | ResolveFlag::RESOLVE_NO_SYMLINKS | ResolveFlag::RESOLVE_NO_MAGICLINKS | ResolveFlag::RESOLVE_NO_XDEV
}

/// Extended metadata from PAX headers.
#[derive(Default)]
struct Pax {
    xattrs: Vec<(CString, Vec<u8>)>,
    mtime: Option<i64>,
    uid: Option<u64>,
    gid: Option<u64>,
}

fn read_pax<R: Read>(e: &mut tar::Entry<'_, R>) -> Result<Pax, UnpackError> {
    let mut pax = Pax::default();
    let Some(exts) = e.pax_extensions().map_err(UnpackError::Tar)? else { return Ok(pax) };
    for ext in exts {
        let ext = ext.map_err(UnpackError::Tar)?;
        let key = ext.key_bytes();
        let num = || std::str::from_utf8(ext.value_bytes()).ok();
        if let Some(name) = key.strip_prefix(b"SCHILY.xattr.") {
            if let Ok(n) = CString::new(name) {
                pax.xattrs.push((n, ext.value_bytes().to_vec()));
            }
        } else if key == b"mtime" {
            pax.mtime = num().and_then(|s| s.split('.').next()?.parse().ok());
        } else if key == b"uid" {
            pax.uid = num().and_then(|s| s.parse().ok());
        } else if key == b"gid" {
            pax.gid = num().and_then(|s| s.parse().ok());
        }
    }
    Ok(pax)
}

/// Extracts one layer into a directory. Not reusable across layers.
pub struct Unpacker {
    root: OwnedFd,
    owners: Owners,
    /// Last parent directory opened, by path: entries come grouped by directory.
    cache: Option<(Vec<u8>, OwnedFd)>,
    /// Directory mtimes, applied at the end (creating children changes them).
    dir_times: HashMap<Vec<u8>, i64>,
    buf: Vec<u8>,
    stats: UnpackStats,
    /// Told where regular files' contents lie in the stream.
    recorder: Option<super::tarsplit::Recorder>,
}

impl Unpacker {
    /// Prepare to extract into the existing, empty directory `dest`.
    pub fn new(dest: &Path, owners: Owners) -> Result<Unpacker, UnpackError> {
        let root = nix::fcntl::open(dest, OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, Mode::empty())
            .map_err(sys("opening layer directory", dest.as_os_str().as_bytes()))?;
        Ok(Unpacker { root, owners, cache: None, dir_times: HashMap::new(), buf: vec![0; 256 * 1024], stats: UnpackStats::default(), recorder: None })
    }

    /// Report regular files' content positions to `recorder` (tar-split).
    pub fn recording(mut self, recorder: Option<super::tarsplit::Recorder>) -> Unpacker {
        self.recorder = recorder;
        self
    }

    /// Extract every entry of the tar stream `reader`. Reading stops at the
    /// end-of-archive marker; the caller drains the rest for digesting.
    pub fn unpack<R: Read>(mut self, archive: &mut tar::Archive<R>) -> Result<UnpackStats, UnpackError> {
        for entry in archive.entries().map_err(UnpackError::Tar)? {
            let mut entry = entry.map_err(UnpackError::Tar)?;
            self.entry(&mut entry)?;
            self.stats.entries += 1;
        }
        self.finish()?;
        Ok(self.stats)
    }

    fn open_beneath(&self, path: &[u8], flags: OFlag) -> Result<OwnedFd, Errno> {
        let how = OpenHow::new().flags(flags | OFlag::O_CLOEXEC).resolve(beneath());
        openat2(self.root.as_fd(), OsStr::from_bytes(path), how)
    }

    /// Open the directory `comps` (creating missing ones, as root 0755).
    fn dir(&mut self, raw: &[u8], comps: &[&[u8]]) -> Result<BorrowedFd<'_>, UnpackError> {
        if comps.is_empty() {
            return Ok(self.root.as_fd());
        }
        let path = comps.join(&b'/');
        if self.cache.as_ref().map(|(p, _)| p != &path).unwrap_or(true) {
            let fd = match self.open_beneath(&path, OFlag::O_RDONLY | OFlag::O_DIRECTORY) {
                Ok(fd) => fd,
                Err(Errno::ENOENT) => self.mkdir_all(raw, comps)?,
                Err(e) => return Err(self.resolve_error(raw, e)),
            };
            self.cache = Some((path, fd));
        }
        Ok(self.cache.as_ref().expect("cache set above").1.as_fd())
    }

    fn resolve_error(&self, raw: &[u8], e: Errno) -> UnpackError {
        match e {
            Errno::ELOOP => hostile(raw, "a parent directory is a symlink (write through a symlink)"),
            Errno::EXDEV => hostile(raw, "path leaves the layer"),
            Errno::ENOTDIR => hostile(raw, "a parent of the entry is not a directory"),
            e => sys("opening parent directory of", raw)(e),
        }
    }

    fn mkdir_all(&mut self, raw: &[u8], comps: &[&[u8]]) -> Result<OwnedFd, UnpackError> {
        let mut fd: Option<OwnedFd> = None;
        for (i, c) in comps.iter().enumerate() {
            let name = cstr(c)?;
            let parent = fd.as_ref().map(|f| f.as_fd()).unwrap_or(self.root.as_fd());
            match mkdirat(parent, name.as_c_str(), Mode::from_bits_truncate(0o755)) {
                Ok(()) | Err(Errno::EEXIST) => {}
                Err(e) => return Err(sys("creating directory", raw)(e)),
            }
            let how = OpenHow::new().flags(OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC).resolve(beneath());
            let next = openat2(parent, name.as_c_str(), how).map_err(|e| self.resolve_error(&comps[..=i].join(&b'/'), e))?;
            fd = Some(next);
        }
        Ok(fd.expect("comps is not empty"))
    }

    fn check_ids(&self, raw: &[u8], uid: u64, gid: u64) -> Result<(), UnpackError> {
        if let Owners::Keep { uid_count, gid_count } = self.owners {
            let path = String::from_utf8_lossy(raw).into_owned();
            if uid >= uid_count {
                return Err(UnpackError::IdOutOfRange { path, kind: "uid", id: uid, max: uid_count - 1 });
            }
            if gid >= gid_count {
                return Err(UnpackError::IdOutOfRange { path, kind: "gid", id: gid, max: gid_count - 1 });
            }
        }
        Ok(())
    }

    fn entry<R: Read>(&mut self, e: &mut tar::Entry<'_, R>) -> Result<(), UnpackError> {
        let raw = e.path_bytes().into_owned();
        let kind = e.header().entry_type();
        if matches!(kind, tar::EntryType::XGlobalHeader | tar::EntryType::XHeader) {
            return Ok(());
        }
        let comps = components(&raw)?;
        let pax = read_pax(e)?;
        let h = e.header();
        let uid = pax.uid.unwrap_or(h.uid().map_err(UnpackError::Tar)?);
        let gid = pax.gid.unwrap_or(h.gid().map_err(UnpackError::Tar)?);
        let mode = h.mode().map_err(UnpackError::Tar)? & 0o7777;
        let mtime = pax.mtime.unwrap_or(h.mtime().map_err(UnpackError::Tar)? as i64);

        let Some((name, parent)) = comps.split_last() else {
            // "./": the layer root itself.
            if kind.is_dir() {
                self.check_ids(&raw, uid, gid)?;
                let root = self.root.try_clone().map_err(sys("dup", &raw))?;
                self.set_meta(&root, &raw, mode, &pax)?;
                self.dir_times.insert(Vec::new(), mtime);
            }
            return Ok(());
        };
        let name: &[u8] = name;
        if let Some(target) = name.strip_prefix(b".wh.") {
            // `.wh..` and `.wh...` would whiteout the directory itself or its
            // parent: creating the device fails with EEXIST and the
            // replacement would then empty that directory (the layer's
            // parent, for `.wh...` at the top). `.wh.` names nothing.
            match target {
                b"" => return Err(hostile(&raw, "whiteout without a name")),
                b"." => return Err(hostile(&raw, "whiteout of '.' (the directory itself)")),
                b".." => return Err(hostile(&raw, "whiteout of '..' (the parent directory)")),
                _ => {}
            }
            let dir = self.dir(&raw, parent)?;
            if target == b".wh..opq" {
                set_xattr(dir, OPAQUE_XATTR, b"y").map_err(sys("marking opaque", &raw))?;
            } else {
                let target = cstr(target)?;
                replacing(dir, &target, |dir| mknodat(dir, target.as_c_str(), SFlag::S_IFCHR, Mode::empty(), 0)).map_err(sys("creating whiteout", &raw))?;
            }
            return Ok(());
        }
        if matches!(kind, tar::EntryType::Char | tar::EntryType::Block) {
            tracing::debug!(path = %String::from_utf8_lossy(&raw), "skipping device node: cannot mknod in a user namespace");
            return Ok(());
        }
        self.check_ids(&raw, uid, gid)?;
        let cname = cstr(name)?;
        let owners = self.owners;
        let keep_owner = matches!(owners, Owners::Keep { .. });
        let owner = |fd: BorrowedFd| -> nix::Result<()> {
            if keep_owner {
                fchown(fd, Some(Uid::from_raw(uid as u32)), Some(Gid::from_raw(gid as u32)))
            } else {
                Ok(())
            }
        };
        match kind {
            tar::EntryType::Directory => {
                let dir = self.dir(&raw, parent)?;
                match mkdirat(dir, cname.as_c_str(), Mode::from_bits_truncate(0o700)) {
                    Ok(()) => {}
                    Err(Errno::EEXIST) => {
                        // Keep an existing directory (its children), replace anything else.
                        let st = nix::sys::stat::fstatat(dir, cname.as_c_str(), AtFlags::AT_SYMLINK_NOFOLLOW).map_err(sys("stat", &raw))?;
                        if st.st_mode & libc::S_IFMT != libc::S_IFDIR {
                            remove_at(dir, &cname).map_err(sys("replacing", &raw))?;
                            mkdirat(dir, cname.as_c_str(), Mode::from_bits_truncate(0o700)).map_err(sys("creating directory", &raw))?;
                        }
                    }
                    Err(e) => return Err(sys("creating directory", &raw)(e)),
                }
                let how = OpenHow::new().flags(OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC).resolve(beneath());
                let fd = openat2(dir, cname.as_c_str(), how).map_err(sys("opening directory", &raw))?;
                owner(fd.as_fd()).map_err(|e| chown_error(owners, &raw, uid, gid, e))?;
                self.set_meta(&fd, &raw, mode, &pax)?;
                self.dir_times.insert(comps.join(&b'/'), mtime);
            }
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
                if kind != tar::EntryType::GNUSparse {
                    if let Some(r) = &self.recorder {
                        r.content(e.raw_file_position(), e.size(), &comps.join(&b'/'));
                    }
                }
                let dir = self.dir(&raw, parent)?;
                let fd = replacing(dir, &cname, |dir| {
                    openat(
                        dir,
                        cname.as_c_str(),
                        OFlag::O_WRONLY | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                        Mode::from_bits_truncate(0o600),
                    )
                })
                .map_err(sys("creating file", &raw))?;
                let mut file = File::from(fd);
                loop {
                    let n = match e.read(&mut self.buf) {
                        Ok(0) => break,
                        Ok(n) => n,
                        Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                        Err(err) => return Err(UnpackError::Tar(err)),
                    };
                    file.write_all(&self.buf[..n]).map_err(sys("writing", &raw))?;
                    self.stats.content_bytes += n as u64;
                }
                owner(file.as_fd()).map_err(|e| chown_error(owners, &raw, uid, gid, e))?;
                self.set_meta(&file, &raw, mode, &pax)?;
                let t = TimeSpec::new(mtime, 0);
                nix::sys::stat::futimens(file.as_fd(), &t, &t).map_err(sys("setting times of", &raw))?;
            }
            tar::EntryType::Symlink => {
                let target = e.link_name_bytes().ok_or_else(|| hostile(&raw, "symlink without a target"))?;
                let target = cstr(&target)?;
                let dir = self.dir(&raw, parent)?;
                replacing(dir, &cname, |dir| symlinkat(target.as_c_str(), dir, cname.as_c_str())).map_err(sys("creating symlink", &raw))?;
                if keep_owner {
                    fchownat(dir, cname.as_c_str(), Some(Uid::from_raw(uid as u32)), Some(Gid::from_raw(gid as u32)), AtFlags::AT_SYMLINK_NOFOLLOW)
                        .map_err(|e| chown_error(owners, &raw, uid, gid, e))?;
                }
                let t = TimeSpec::new(mtime, 0);
                utimensat(dir, cname.as_c_str(), &t, &t, UtimensatFlags::NoFollowSymlink).map_err(sys("setting times of", &raw))?;
            }
            tar::EntryType::Link => {
                let target = e.link_name_bytes().ok_or_else(|| hostile(&raw, "hard link without a target"))?.into_owned();
                // Link names are relative to the layer root; a leading '/' means the same.
                let trimmed: &[u8] = match target.iter().position(|b| *b != b'/') {
                    Some(i) => &target[i..],
                    None => b"",
                };
                let tcomps = components(trimmed).map_err(|_| hostile(&raw, "hard link target leaves the layer"))?;
                let Some((tname, tparent)) = tcomps.split_last() else {
                    return Err(hostile(&raw, "hard link to the layer root"));
                };
                let tpath = tparent.join(&b'/');
                let tparent_fd = if tparent.is_empty() {
                    self.root.try_clone().map_err(sys("dup", &raw))?
                } else {
                    self.open_beneath(&tpath, OFlag::O_RDONLY | OFlag::O_DIRECTORY).map_err(|e| match e {
                        Errno::ENOENT => hostile(&raw, "hard link target does not exist in this layer"),
                        e => self.resolve_error(&raw, e),
                    })?
                };
                let tname = cstr(tname)?;
                let dir = self.dir(&raw, parent)?;
                replacing(dir, &cname, |dir| linkat(tparent_fd.as_fd(), tname.as_c_str(), dir, cname.as_c_str(), AtFlags::empty())).map_err(|e| match e {
                    Errno::ENOENT => hostile(&raw, "hard link target does not exist in this layer"),
                    e => sys("creating hard link", &raw)(e),
                })?;
            }
            tar::EntryType::Fifo => {
                let dir = self.dir(&raw, parent)?;
                replacing(dir, &cname, |dir| mknodat(dir, cname.as_c_str(), SFlag::S_IFIFO, Mode::from_bits_truncate(0o600), 0))
                    .map_err(sys("creating fifo", &raw))?;
                if keep_owner {
                    fchownat(dir, cname.as_c_str(), Some(Uid::from_raw(uid as u32)), Some(Gid::from_raw(gid as u32)), AtFlags::AT_SYMLINK_NOFOLLOW)
                        .map_err(|e| chown_error(owners, &raw, uid, gid, e))?;
                }
                nix::sys::stat::fchmodat(dir, cname.as_c_str(), Mode::from_bits_truncate(mode), nix::sys::stat::FchmodatFlags::FollowSymlink)
                    .map_err(sys("chmod", &raw))?;
                let t = TimeSpec::new(mtime, 0);
                utimensat(dir, cname.as_c_str(), &t, &t, UtimensatFlags::NoFollowSymlink).map_err(sys("setting times of", &raw))?;
            }
            other => {
                tracing::debug!(path = %String::from_utf8_lossy(&raw), kind = ?other, "skipping unsupported tar entry type");
            }
        }
        Ok(())
    }

    /// Mode (after chown, which clears setuid/setgid) and xattrs.
    fn set_meta(&self, fd: &impl AsFd, raw: &[u8], mode: u32, pax: &Pax) -> Result<(), UnpackError> {
        fchmod(fd.as_fd(), Mode::from_bits_truncate(mode)).map_err(sys("chmod", raw))?;
        for (name, value) in &pax.xattrs {
            set_xattr_c(fd.as_fd(), name, value).map_err(sys("setting xattr on", raw))?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), UnpackError> {
        self.cache = None;
        let times = std::mem::take(&mut self.dir_times);
        for (path, mtime) in times {
            let fd = if path.is_empty() {
                self.root.try_clone().map_err(sys("dup", b"."))?
            } else {
                match self.open_beneath(&path, OFlag::O_RDONLY | OFlag::O_DIRECTORY) {
                    Ok(fd) => fd,
                    Err(Errno::ENOENT) | Err(Errno::ENOTDIR) | Err(Errno::ELOOP) => continue, // replaced later in the layer
                    Err(e) => return Err(sys("opening directory", &path)(e)),
                }
            };
            let t = TimeSpec::new(mtime, 0);
            nix::sys::stat::futimens(fd.as_fd(), &t, &t).map_err(sys("setting times of", &path))?;
        }
        Ok(())
    }
}

/// EINVAL from chown means the id is not mapped in this user namespace.
fn chown_error(owners: Owners, raw: &[u8], uid: u64, gid: u64, e: Errno) -> UnpackError {
    if let (Errno::EINVAL, Owners::Keep { uid_count, gid_count }) = (e, owners) {
        let path = String::from_utf8_lossy(raw).into_owned();
        return if uid >= uid_count {
            UnpackError::IdOutOfRange { path, kind: "uid", id: uid, max: uid_count.saturating_sub(1) }
        } else {
            UnpackError::IdOutOfRange { path, kind: "gid", id: gid, max: gid_count.saturating_sub(1) }
        };
    }
    sys("chown", raw)(e)
}

fn set_xattr(fd: BorrowedFd<'_>, name: &str, value: &[u8]) -> io::Result<()> {
    let name = CString::new(name).map_err(io::Error::other)?;
    set_xattr_c(fd, &name, value)
}

fn set_xattr_c(fd: BorrowedFd<'_>, name: &CString, value: &[u8]) -> io::Result<()> {
    // SAFETY: fd is a live descriptor, name is NUL-terminated, and value's
    // pointer and length describe one initialised buffer; nothing is retained.
    let rc = unsafe { libc::fsetxattr(fd.as_raw_fd(), name.as_ptr(), value.as_ptr().cast(), value.len(), 0) };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Run `create`; if `name` already exists (a later entry of the same path
/// replaces an earlier one), remove it and try once more.
fn replacing<T>(dir: BorrowedFd<'_>, name: &CString, create: impl Fn(BorrowedFd<'_>) -> nix::Result<T>) -> nix::Result<T> {
    match create(dir) {
        Err(Errno::EEXIST) => {
            remove_at(dir, name)?;
            create(dir)
        }
        r => r,
    }
}

/// Remove `name` in `dir` whatever it is (a directory recursively); absent is fine.
fn remove_at(dir: BorrowedFd<'_>, name: &CString) -> nix::Result<()> {
    match unlinkat(dir, name.as_c_str(), UnlinkatFlags::NoRemoveDir) {
        Ok(()) | Err(Errno::ENOENT) => Ok(()),
        Err(Errno::EISDIR) => {
            let sub = openat(dir, name.as_c_str(), OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC, Mode::empty())?;
            let names: Vec<CString> = {
                let mut d = nix::dir::Dir::from_fd(sub.try_clone().map_err(|_| Errno::EBADF)?)?;
                d.iter().filter_map(|e| e.ok()).map(|e| e.file_name().to_owned()).filter(|n| n.as_bytes() != b"." && n.as_bytes() != b"..").collect()
            };
            for n in &names {
                remove_at(sub.as_fd(), n)?;
            }
            unlinkat(dir, name.as_c_str(), UnlinkatFlags::RemoveDir)
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{FileTypeExt, MetadataExt};

    struct Tmp(std::path::PathBuf);
    impl Drop for Tmp {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    fn tmp() -> Tmp {
        let d = std::env::temp_dir().join(crate::storage::atomic::unique_name("rpod-unpack-"));
        std::fs::create_dir_all(d.join("layer")).unwrap();
        Tmp(d)
    }

    /// A tar entry with a raw name (bypassing the tar crate's own checks).
    fn entry(b: &mut tar::Builder<Vec<u8>>, name: &[u8], kind: tar::EntryType, link: &[u8], data: &[u8]) {
        let mut h = tar::Header::new_gnu();
        h.as_old_mut().name[..name.len()].copy_from_slice(name);
        h.as_old_mut().linkname[..link.len()].copy_from_slice(link);
        h.set_entry_type(kind);
        h.set_mode(0o755);
        h.set_size(data.len() as u64);
        h.set_mtime(1_000_000_000);
        h.set_uid(0);
        h.set_gid(0);
        h.set_cksum();
        b.append(&h, data).unwrap();
    }

    fn unpack(dir: &Path, build: impl FnOnce(&mut tar::Builder<Vec<u8>>)) -> Result<UnpackStats, UnpackError> {
        let mut b = tar::Builder::new(Vec::new());
        build(&mut b);
        let data = b.into_inner().unwrap();
        let mut ar = tar::Archive::new(&data[..]);
        Unpacker::new(&dir.join("layer"), Owners::Ignore)?.unpack(&mut ar)
    }

    fn refused(r: Result<UnpackStats, UnpackError>) -> String {
        match r {
            Err(e @ UnpackError::Hostile { .. }) => e.to_string(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn refuses_dotdot_and_absolute() {
        let t = tmp();
        let msg = refused(unpack(&t.0, |b| entry(b, b"../escape", tar::EntryType::Regular, b"", b"x")));
        assert!(msg.contains(".."), "{msg}");
        assert!(!t.0.join("escape").exists());
        let msg = refused(unpack(&t.0, |b| entry(b, b"/abs", tar::EntryType::Regular, b"", b"x")));
        assert!(msg.contains("absolute"), "{msg}");
    }

    #[test]
    fn refuses_writes_through_symlinks() {
        let t = tmp();
        let outside = t.0.join("outside");
        std::fs::create_dir(&outside).unwrap();
        let target = outside.to_str().unwrap().as_bytes().to_vec();
        let msg = refused(unpack(&t.0, |b| {
            entry(b, b"evil", tar::EntryType::Symlink, &target, b"");
            entry(b, b"evil/owned", tar::EntryType::Regular, b"", b"x");
        }));
        assert!(msg.contains("symlink"), "{msg}");
        assert!(!outside.join("owned").exists());
        let t = tmp();
        refused(unpack(&t.0, |b| {
            entry(b, b"up", tar::EntryType::Symlink, b"..", b"");
            entry(b, b"up/owned", tar::EntryType::Regular, b"", b"x");
        }));
        assert!(!t.0.join("owned").exists());
    }

    #[test]
    fn refuses_hard_links_out_of_the_layer() {
        let t = tmp();
        std::fs::write(t.0.join("secret"), "s").unwrap();
        let msg = refused(unpack(&t.0, |b| entry(b, b"hl", tar::EntryType::Link, b"../secret", b"")));
        assert!(msg.contains("hard link"), "{msg}");
        let msg = refused(unpack(&t.0, |b| entry(b, b"hl2", tar::EntryType::Link, b"missing", b"")));
        assert!(msg.contains("does not exist"), "{msg}");
    }

    #[test]
    fn whiteouts_links_and_replacement() {
        let t = tmp();
        let stats = unpack(&t.0, |b| {
            entry(b, b"d/", tar::EntryType::Directory, b"", b"");
            entry(b, b"d/f", tar::EntryType::Regular, b"", b"one");
            entry(b, b"d/h", tar::EntryType::Link, b"d/f", b"");
            entry(b, b"d/.wh.gone", tar::EntryType::Regular, b"", b"");
            entry(b, b"o/.wh..wh..opq", tar::EntryType::Regular, b"", b"");
            entry(b, b"x", tar::EntryType::Regular, b"", b"file");
            entry(b, b"x/", tar::EntryType::Directory, b"", b"");
            entry(b, b"implicit/parent/file", tar::EntryType::Regular, b"", b"p");
        })
        .unwrap();
        let l = t.0.join("layer");
        assert_eq!(stats.entries, 8);
        assert_eq!(std::fs::read(l.join("d/f")).unwrap(), b"one");
        assert_eq!(std::fs::metadata(l.join("d/f")).unwrap().ino(), std::fs::metadata(l.join("d/h")).unwrap().ino());
        let wh = std::fs::symlink_metadata(l.join("d/gone")).unwrap();
        assert!(wh.file_type().is_char_device() && wh.rdev() == 0);
        assert!(!l.join("d/.wh.gone").exists());
        assert!(l.join("x").is_dir());
        assert_eq!(std::fs::metadata(l.join("d/f")).unwrap().mtime(), 1_000_000_000);
        assert_eq!(std::fs::metadata(l.join("d")).unwrap().mtime(), 1_000_000_000);
        assert!(l.join("implicit/parent/file").is_file());
    }

    /// `.wh..` / `.wh...` anywhere: refused before anything is removed, in
    /// the layer or around it.
    #[test]
    fn refuses_whiteouts_of_dot_and_dotdot() {
        for (name, why) in [
            (&b".wh.."[..], "'.'"),
            (b".wh...", "'..'"),
            (b"etc/.wh..", "'.'"),
            (b"etc/.wh...", "'..'"),
            (b"./etc/sub/.wh...", "'..'"),
            (b".wh.", "without a name"),
            (b"etc/.wh.", "without a name"),
        ] {
            let t = tmp();
            std::fs::write(t.0.join("outside"), "o").unwrap();
            let msg = refused(unpack(&t.0, |b| {
                entry(b, b"keep", tar::EntryType::Regular, b"", b"k");
                entry(b, b"etc/", tar::EntryType::Directory, b"", b"");
                entry(b, b"etc/passwd", tar::EntryType::Regular, b"", b"p");
                entry(b, b"etc/sub/", tar::EntryType::Directory, b"", b"");
                entry(b, b"etc/sub/x", tar::EntryType::Regular, b"", b"x");
                entry(b, name, tar::EntryType::Regular, b"", b"");
            }));
            let shown = String::from_utf8_lossy(name);
            assert!(msg.contains("whiteout") && msg.contains(why), "{shown}: {msg}");
            assert!(msg.contains(&*shown), "{shown}: {msg}");
            let l = t.0.join("layer");
            assert_eq!(std::fs::read(t.0.join("outside")).unwrap(), b"o", "{shown}");
            for f in ["keep", "etc/passwd", "etc/sub/x"] {
                assert!(l.join(f).is_file(), "{shown}: {f} was removed");
            }
        }
    }

    #[test]
    fn components_are_normalised() {
        assert_eq!(components(b"./a//b/.").unwrap(), vec![&b"a"[..], &b"b"[..]]);
        assert!(components(b"a/../b").is_err());
        assert!(components(b"/a").is_err());
    }
}

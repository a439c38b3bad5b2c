//! Writing a layer: a directory in overlay form (a container's upper
//! directory, or a layer already in the store) becomes a deterministic tar
//! stream, and optionally its gzip blob with both digests.
//!
//! What it guarantees, for any content of the directory (which container
//! root controls, and may change while we read):
//! - nothing outside the directory is read or followed: every directory is
//!   opened with `openat(O_NOFOLLOW | O_DIRECTORY)` relative to its parent's
//!   descriptor, every file with `openat(O_NOFOLLOW | O_NONBLOCK)`, and the
//!   kind seen by `fstat` on the descriptor is what is archived, so a
//!   component swapped for a symlink, a FIFO or a device between listing
//!   and reading (CVE-2018-15664 class) is refused or archived as what it
//!   now is, never followed. Symlinks are stored as links, never read through;
//! - the stream depends only on the tree: children sorted by name (bytes),
//!   depth first; ustar headers with numeric owners and no user or group
//!   names, no atime or ctime; mtimes as [`Mtime`] says (whole seconds);
//!   PAX records only for what ustar cannot hold (long names and link
//!   targets, large ids) and for extended attributes (`SCHILY.xattr.*`,
//!   sorted); the gzip header carries no time or name;
//! - overlay conventions become OCI ones: a whiteout (a 0:0 character
//!   device, or fuse-overlayfs's `.wh.NAME` file) is an empty `.wh.NAME`
//!   entry; an opaque directory (`user.overlay.opaque`,
//!   `user.fuseoverlayfs.opaque` or `trusted.overlay.opaque` = `y`, or a
//!   `.wh..wh..opq` file in it) is followed by an empty `.wh..wh..opq` entry;
//!   overlay's own attributes are dropped. A redirected or metacopy entry
//!   (overlay features rpod does not enable) is refused rather than archived
//!   wrong;
//! - hard links between files of the directory stay hard links (the first
//!   name in walk order carries the content); a link whose other names are
//!   elsewhere is a plain file. Device nodes and sockets are skipped (rootless
//!   unpacking cannot create them; the unpacker skips them too). Setuid and
//!   setgid bits and `security.capability` are kept;
//! - owners are the ids `stat` shows: called inside rpod's user namespace
//!   (the engine arranges it), those are the image's ids, container root 0.
//!
//! Writing a layer that [`super::unpack`] made from such a stream, with
//! [`Mtime::Keep`], gives the same bytes again (unit-tested): a committed
//! layer's blob can be recreated from the store for a push.

use std::collections::HashMap;
use std::ffi::{CStr, CString, OsStr};
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use nix::errno::Errno;
use nix::fcntl::{openat, AtFlags, OFlag};
use nix::sys::stat::{fstat, fstatat, FileStat, Mode};
use sha2::{Digest as _, Sha256};
use thiserror::Error;

use super::digest::Digest;
use super::unpack::Owners;
use super::{FileLock, LayerRecord, Store};

/// Deeper nesting than this is refused (each level holds a descriptor).
pub const MAX_DEPTH: usize = 512;

/// What mtime each entry gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mtime {
    /// The file's own (whole seconds).
    #[default]
    Keep,
    /// This time for every entry (`--timestamp`).
    Set(i64),
    /// The file's own, but no later than this (`SOURCE_DATE_EPOCH`).
    Clamp(i64),
}

impl Mtime {
    fn of(self, st: &FileStat) -> u64 {
        let t = match self {
            Mtime::Keep => st.st_mtime,
            Mtime::Set(t) => t,
            Mtime::Clamp(t) => st.st_mtime.min(t),
        };
        t.max(0) as u64
    }
}

/// How to write the tar stream.
#[derive(Debug, Clone, Default)]
pub struct TarOptions {
    pub mtime: Mtime,
    /// A container on shifted layers (`--userns=keep-id`, ...): its files
    /// carry intermediate ids, archived as the container's ids.
    pub ids: Option<std::sync::Arc<crate::runtime::userns::Shift>>,
}

impl TarOptions {
    fn owners(&self, st: &libc::stat) -> (u64, u64) {
        match &self.ids {
            Some(s) => (s.uid_back(st.st_uid).unwrap_or(st.st_uid) as u64, s.gid_back(st.st_gid).unwrap_or(st.st_gid) as u64),
            None => (st.st_uid as u64, st.st_gid as u64),
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TarStats {
    /// Entries written (whiteouts and opaque markers included, PAX headers not).
    pub entries: u64,
    /// Bytes of the uncompressed stream.
    pub bytes: u64,
}

/// A tar stream and its gzip blob, described.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobInfo {
    /// sha256 of the uncompressed tar (the config's `rootfs.diff_ids` entry).
    pub diff_id: Digest,
    pub uncompressed_size: u64,
    /// sha256 and size of the gzip blob (the manifest's layer descriptor).
    pub digest: Digest,
    pub size: u64,
    pub entries: u64,
}

#[derive(Debug, Error)]
pub enum WriteError {
    #[error("{op} {path:?}: {source}")]
    Io { op: &'static str, path: String, source: io::Error },
    #[error("cannot store {path:?} in a layer: {why}")]
    Refused { path: String, why: String },
    #[error("{path:?} changed while it was read (commit with --pause to freeze the container)")]
    Changed { path: String },
    #[error("writing the layer stream: {0}")]
    Output(#[source] io::Error),
}

fn io_err<'a, E: Into<io::Error>>(op: &'static str, path: &'a [u8]) -> impl FnOnce(E) -> WriteError + 'a {
    move |e| WriteError::Io { op, path: show(path), source: e.into() }
}

fn show(p: &[u8]) -> String {
    format!("/{}", String::from_utf8_lossy(p))
}

const OPAQUE_NAMES: [&str; 3] = ["user.overlay.opaque", "user.fuseoverlayfs.opaque", "trusted.overlay.opaque"];
const WH: &[u8] = b".wh.";
const OPQ: &[u8] = b".wh..wh..opq";

/// Whether an extended attribute belongs in the layer: file capabilities
/// and the user namespace, minus overlay's and fuse-overlayfs's bookkeeping.
fn keep_xattr(name: &[u8]) -> bool {
    name == b"security.capability"
        || (name.starts_with(b"user.")
            && !name.starts_with(b"user.overlay.")
            && !name.starts_with(b"user.fuseoverlayfs.")
            && !name.starts_with(b"user.containers."))
}

pub(crate) fn getxattr(fd: BorrowedFd<'_>, name: &CStr) -> io::Result<Option<Vec<u8>>> {
    let mut buf = vec![0u8; 256];
    loop {
        // SAFETY: fd is open, name is NUL-terminated, buf's pointer and length
        // describe one writable buffer; the kernel keeps nothing.
        let n = unsafe { libc::fgetxattr(fd.as_raw_fd(), name.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
        if n >= 0 {
            buf.truncate(n as usize);
            return Ok(Some(buf));
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::ENODATA) | Some(libc::ENOTSUP) => return Ok(None),
            Some(libc::ERANGE) if buf.len() < 1 << 20 => buf.resize(buf.len() * 4, 0),
            _ => return Err(e),
        }
    }
}

pub(crate) fn listxattr(fd: BorrowedFd<'_>) -> io::Result<Vec<Vec<u8>>> {
    let mut buf = vec![0u8; 1024];
    loop {
        // SAFETY: fd is open; buf's pointer and length describe one writable buffer.
        let n = unsafe { libc::flistxattr(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        if n >= 0 {
            buf.truncate(n as usize);
            break;
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::ENOTSUP) => return Ok(Vec::new()),
            Some(libc::ERANGE) if buf.len() < 1 << 20 => buf.resize(buf.len() * 4, 0),
            _ => return Err(e),
        }
    }
    let mut names: Vec<Vec<u8>> = buf.split(|b| *b == 0).filter(|n| !n.is_empty()).map(<[u8]>::to_vec).collect();
    names.sort();
    Ok(names)
}

/// A PAX record: `"<len> key=value\n"`, where len counts the whole record.
fn pax_record(out: &mut Vec<u8>, key: &[u8], value: &[u8]) {
    let body = key.len() + value.len() + 3; // ' ', '=', '\n'
    let mut len = body + 1;
    while len != body + len.to_string().len() {
        len = body + len.to_string().len();
    }
    out.extend_from_slice(len.to_string().as_bytes());
    out.push(b' ');
    out.extend_from_slice(key);
    out.push(b'=');
    out.extend_from_slice(value);
    out.push(b'\n');
}

/// The largest value an ustar octal id field holds.
const USTAR_ID_MAX: u64 = 0o7777777;

/// Extended attributes to archive: (name, value), sorted by name.
type Xattrs = Vec<(Vec<u8>, Vec<u8>)>;

/// One entry to write.
struct Entry<'a> {
    path: &'a [u8],
    kind: tar::EntryType,
    mode: u32,
    uid: u64,
    gid: u64,
    mtime: u64,
    size: u64,
    link: Option<&'a [u8]>,
    xattrs: Xattrs,
}

/// Counts what goes through it.
struct Counting<W> {
    inner: W,
    count: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

struct Walker<W: Write> {
    out: tar::Builder<Counting<W>>,
    opts: TarOptions,
    /// (dev, ino) of multiply linked files already written → their path.
    links: HashMap<(u64, u64), Vec<u8>>,
    entries: u64,
}

impl<W: Write> Walker<W> {
    fn header(&mut self, e: &Entry<'_>, data: impl Read) -> Result<(), WriteError> {
        let mut h = tar::Header::new_ustar();
        let mut pax = Vec::new();
        h.set_entry_type(e.kind);
        h.set_mode(e.mode);
        h.set_mtime(e.mtime);
        h.set_size(e.size);
        for (key, id, set) in [(&b"uid"[..], e.uid, tar::Header::set_uid as fn(&mut tar::Header, u64)), (b"gid", e.gid, tar::Header::set_gid)] {
            if id > USTAR_ID_MAX {
                pax_record(&mut pax, key, id.to_string().as_bytes());
                set(&mut h, 0);
            } else {
                set(&mut h, id);
            }
        }
        if h.set_path(OsStr::from_bytes(e.path)).is_err() {
            pax_record(&mut pax, b"path", e.path);
            let base = e.path.rsplit(|b| *b == b'/').find(|c| !c.is_empty()).unwrap_or(b"x");
            let short: Vec<u8> = base.iter().copied().take(90).collect();
            h.set_path(OsStr::from_bytes(&short)).map_err(|e| WriteError::Refused { path: show(&short), why: e.to_string() })?;
        }
        if let Some(link) = e.link {
            if h.set_link_name_literal(link).is_err() {
                pax_record(&mut pax, b"linkpath", link);
            }
        }
        for (name, value) in &e.xattrs {
            let mut key = b"SCHILY.xattr.".to_vec();
            key.extend_from_slice(name);
            pax_record(&mut pax, &key, value);
        }
        if !pax.is_empty() {
            let mut ph = tar::Header::new_ustar();
            ph.set_entry_type(tar::EntryType::XHeader);
            ph.set_mode(0o644);
            ph.set_mtime(e.mtime);
            ph.set_size(pax.len() as u64);
            let base = e.path.rsplit(|b| *b == b'/').find(|c| !c.is_empty()).unwrap_or(b"x");
            let mut name = b"PaxHeaders.0/".to_vec();
            name.extend(base.iter().copied().take(80));
            ph.set_path(OsStr::from_bytes(&name)).map_err(|e| WriteError::Refused { path: show(e.to_string().as_bytes()), why: "PAX header name".into() })?;
            ph.set_cksum();
            self.out.append(&ph, pax.as_slice()).map_err(WriteError::Output)?;
        }
        h.set_cksum();
        self.out.append(&h, data).map_err(WriteError::Output)?;
        self.entries += 1;
        Ok(())
    }

    fn marker(&mut self, path: &[u8]) -> Result<(), WriteError> {
        let e = Entry { path, kind: tar::EntryType::Regular, mode: 0, uid: 0, gid: 0, mtime: 0, size: 0, link: None, xattrs: Vec::new() };
        self.header(&e, io::empty())
    }

    fn xattrs(fd: BorrowedFd<'_>, path: &[u8]) -> Result<Xattrs, WriteError> {
        let mut out = Vec::new();
        for name in listxattr(fd).map_err(io_err("listing xattrs of", path))? {
            if name.starts_with(b"user.overlay.") && (name.ends_with(b".redirect") || name.ends_with(b".metacopy")) {
                return Err(WriteError::Refused {
                    path: show(path),
                    why: format!("it carries the overlay attribute {} (redirect_dir/metacopy are not supported)", String::from_utf8_lossy(&name)),
                });
            }
            if !keep_xattr(&name) {
                continue;
            }
            let cname = CString::new(name.clone()).expect("xattr names have no NUL");
            if let Some(v) = getxattr(fd, &cname).map_err(io_err("reading xattr of", path))? {
                out.push((name, v));
            }
        }
        Ok(out)
    }

    fn is_opaque(fd: BorrowedFd<'_>, path: &[u8]) -> Result<bool, WriteError> {
        for n in OPAQUE_NAMES {
            let c = CString::new(n).expect("constant");
            if getxattr(fd, &c).map_err(io_err("reading xattr of", path))?.as_deref() == Some(b"y") {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Write the children of the directory `dir` (at `prefix`, "" or "a/b/").
    fn dir(&mut self, dir: &OwnedFd, prefix: &[u8], depth: usize) -> Result<(), WriteError> {
        if depth > MAX_DEPTH {
            return Err(WriteError::Refused { path: show(prefix), why: format!("directories nest deeper than {MAX_DEPTH} levels") });
        }
        let names = list(dir, prefix)?;
        let opaque_file = names.iter().any(|n| n.as_slice() == OPQ);
        if opaque_file || (!prefix.is_empty() && Self::is_opaque(dir.as_fd(), prefix)?) {
            let mut p = prefix.to_vec();
            p.extend_from_slice(OPQ);
            self.marker(&p)?;
        }
        // Sorted by the name in the layer: a 0:0 device NAME is `.wh.NAME`
        // there, as fuse-overlayfs's whiteout file is (one entry for both).
        let mut children = Vec::with_capacity(names.len());
        for name in names {
            let cname = CString::new(name.clone()).expect("directory entries have no NUL");
            let st = match fstatat(dir, cname.as_c_str(), AtFlags::AT_SYMLINK_NOFOLLOW) {
                Ok(st) => st,
                Err(Errno::ENOENT) => return Err(WriteError::Changed { path: show(&[prefix, &name].concat()) }),
                Err(e) => return Err(io_err("stat", &[prefix, &name].concat())(e)),
            };
            let key = if st.st_mode & libc::S_IFMT == libc::S_IFCHR && st.st_rdev == 0 { [WH, &name].concat() } else { name.clone() };
            children.push((key, name, st));
        }
        children.sort_by(|a, b| a.0.cmp(&b.0));
        children.dedup_by(|a, b| a.0 == b.0);
        for (_, name, st) in children {
            let mut path = prefix.to_vec();
            path.extend_from_slice(&name);
            self.child(dir, &name, &path, &st, depth)?;
        }
        Ok(())
    }

    fn child(&mut self, dir: &OwnedFd, name: &[u8], path: &[u8], st: &FileStat, depth: usize) -> Result<(), WriteError> {
        let cname = CString::new(name).expect("directory entries have no NUL");
        let fmt = st.st_mode & libc::S_IFMT;
        if let Some(target) = name.strip_prefix(WH) {
            // fuse-overlayfs's whiteouts and opaque markers (and a user file
            // so named, which a layer cannot tell from one).
            if name == OPQ {
                return Ok(()); // written with its directory
            }
            if matches!(target, b"" | b"." | b"..") {
                return Err(WriteError::Refused { path: show(path), why: "whiteouts of '.', '..' or nothing are not valid in a layer".into() });
            }
            if fmt == libc::S_IFDIR {
                return Err(WriteError::Refused { path: show(path), why: "a directory named .wh.* would be read as a whiteout".into() });
            }
            return self.marker(path);
        }
        let perm = st.st_mode & 0o7777;
        let ((uid, gid), mtime) = (self.opts.owners(st), self.opts.mtime.of(st));
        match fmt {
            libc::S_IFCHR if st.st_rdev == 0 => {
                let mut p = parent_of(path).to_vec();
                p.extend_from_slice(WH);
                p.extend_from_slice(name);
                self.marker(&p)
            }
            libc::S_IFDIR => {
                let fd = open_at(dir, &cname, OFlag::O_RDONLY | OFlag::O_DIRECTORY, path)?;
                let now = fstat(&fd).map_err(io_err("stat", path))?;
                if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino) {
                    return Err(WriteError::Changed { path: show(path) });
                }
                let xattrs = Self::xattrs(fd.as_fd(), path)?;
                let mut p = path.to_vec();
                p.push(b'/');
                let e = Entry { path: &p, kind: tar::EntryType::Directory, mode: perm, uid, gid, mtime, size: 0, link: None, xattrs };
                self.header(&e, io::empty())?;
                self.dir(&fd, &p, depth + 1)
            }
            libc::S_IFREG => {
                let fd = open_at(dir, &cname, OFlag::O_RDONLY | OFlag::O_NONBLOCK | OFlag::O_NOCTTY, path)?;
                let st = fstat(&fd).map_err(io_err("stat", path))?;
                if st.st_mode & libc::S_IFMT != libc::S_IFREG {
                    return Err(WriteError::Changed { path: show(path) });
                }
                let (perm, (uid, gid), mtime) = (st.st_mode & 0o7777, self.opts.owners(&st), self.opts.mtime.of(&st));
                if st.st_nlink > 1 {
                    let key = (st.st_dev, st.st_ino);
                    if let Some(first) = self.links.get(&key).cloned() {
                        let e = Entry { path, kind: tar::EntryType::Link, mode: perm, uid, gid, mtime, size: 0, link: Some(&first), xattrs: Vec::new() };
                        return self.header(&e, io::empty());
                    }
                    self.links.insert(key, path.to_vec());
                }
                let xattrs = Self::xattrs(fd.as_fd(), path)?;
                let size = st.st_size as u64;
                let e = Entry { path, kind: tar::EntryType::Regular, mode: perm, uid, gid, mtime, size, link: None, xattrs };
                let mut reader = Exact { inner: std::fs::File::from(fd).take(size), left: size, path };
                self.header(&e, &mut reader)?;
                if reader.left != 0 {
                    return Err(WriteError::Changed { path: show(path) });
                }
                Ok(())
            }
            libc::S_IFLNK => {
                let target = nix::fcntl::readlinkat(dir, cname.as_c_str()).map_err(io_err("reading link", path))?;
                let target = target.as_bytes();
                let e = Entry { path, kind: tar::EntryType::Symlink, mode: 0o777, uid, gid, mtime, size: 0, link: Some(target), xattrs: Vec::new() };
                self.header(&e, io::empty())
            }
            libc::S_IFIFO => {
                let e = Entry { path, kind: tar::EntryType::Fifo, mode: perm, uid, gid, mtime, size: 0, link: None, xattrs: Vec::new() };
                self.header(&e, io::empty())
            }
            _ => {
                tracing::debug!(path = %show(path), "skipping a device node or socket: layers made rootless do not carry them");
                Ok(())
            }
        }
    }
}

/// Reads at most `left` bytes and fails (instead of padding) when the file
/// is shorter than its header said: the tar stream stays well formed only if
/// the caller then gives up.
struct Exact<'a, R> {
    inner: R,
    left: u64,
    path: &'a [u8],
}

impl<R: Read> Read for Exact<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && self.left > 0 && !buf.is_empty() {
            return Err(io::Error::other(format!("{} shrank while it was read (commit with --pause to freeze the container)", show(self.path))));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

fn parent_of(path: &[u8]) -> &[u8] {
    match path.iter().rposition(|b| *b == b'/') {
        Some(i) => &path[..=i],
        None => b"",
    }
}

fn open_at(dir: &OwnedFd, name: &CStr, flags: OFlag, path: &[u8]) -> Result<OwnedFd, WriteError> {
    match openat(dir, name, flags | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC, Mode::empty()) {
        Ok(fd) => Ok(fd),
        // A symlink, a FIFO or nothing now where a directory or file was.
        Err(Errno::ELOOP) | Err(Errno::ENOTDIR) | Err(Errno::ENOENT) | Err(Errno::ENXIO) => Err(WriteError::Changed { path: show(path) }),
        Err(Errno::EMFILE) => Err(WriteError::Refused { path: show(path), why: "too many open files (directories nest too deeply)".into() }),
        Err(e) => Err(io_err("opening", path)(e)),
    }
}

/// The names in directory `dir` (without `.` and `..`).
fn list(dir: &OwnedFd, prefix: &[u8]) -> Result<Vec<Vec<u8>>, WriteError> {
    // A second descriptor: nix's Dir owns and closes the one it reads.
    let fd = openat(dir, ".", OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, Mode::empty()).map_err(io_err("listing", prefix))?;
    let mut d = nix::dir::Dir::from_fd(fd).map_err(io_err("listing", prefix))?;
    let mut names = Vec::new();
    for e in d.iter() {
        let e = e.map_err(io_err("listing", prefix))?;
        let n = e.file_name().to_bytes();
        if n != b"." && n != b".." {
            names.push(n.to_vec());
        }
    }
    Ok(names)
}

/// Write the layer tar of `dir` (overlay form) to `out`. The directory's
/// own attributes are not archived (a layer has no root entry).
pub fn write_tar<W: Write>(dir: &Path, opts: &TarOptions, out: W) -> Result<TarStats, WriteError> {
    let root = nix::fcntl::open(dir, OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, Mode::empty()).map_err(|e| WriteError::Io {
        op: "opening layer directory",
        path: dir.display().to_string(),
        source: e.into(),
    })?;
    let mut b = tar::Builder::new(Counting { inner: out, count: 0 });
    b.mode(tar::HeaderMode::Complete);
    let mut w = Walker { out: b, opts: opts.clone(), links: HashMap::new(), entries: 0 };
    w.dir(&root, b"", 0)?;
    let entries = w.entries;
    let mut c = w.out.into_inner().map_err(WriteError::Output)?;
    c.flush().map_err(WriteError::Output)?;
    Ok(TarStats { entries, bytes: c.count })
}

/// Hashes and counts what is written through it.
struct Hashing<W> {
    inner: W,
    hasher: Sha256,
    count: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The gzip settings of every blob rpod writes (level 6, no name, time 0,
/// OS "unknown"): the same tar always compresses to the same blob.
pub fn gzip<W: Write>(out: W) -> flate2::write::GzEncoder<W> {
    flate2::GzBuilder::new().mtime(0).operating_system(255).write(out, flate2::Compression::new(6))
}

/// Write the layer of `dir` as a gzip blob to `out`, with both digests.
pub fn write_blob<W: Write>(dir: &Path, opts: &TarOptions, out: W) -> Result<BlobInfo, WriteError> {
    let compressed = Hashing { inner: out, hasher: Sha256::new(), count: 0 };
    let gz = gzip(compressed);
    let mut plain = Hashing { inner: gz, hasher: Sha256::new(), count: 0 };
    let stats = write_tar(dir, opts, &mut plain)?;
    let compressed = plain.inner.finish().map_err(WriteError::Output)?;
    let mut compressed_out = compressed.inner;
    compressed_out.flush().map_err(WriteError::Output)?;
    Ok(BlobInfo {
        diff_id: Digest::from_hasher(plain.hasher),
        uncompressed_size: plain.count,
        digest: Digest::from_hasher(compressed.hasher),
        size: compressed.count,
        entries: stats.entries,
    })
}

/// A layer [`store_layer`] put in the store.
#[derive(Debug, Clone)]
pub struct NewLayer {
    /// The layer's record: chain id (`parent`'s chain + this diff id),
    /// diff id, and the gzip blob's digest and size in `compressed_*`.
    pub record: LayerRecord,
    /// The tar and its gzip blob as written (the image config's diff id,
    /// the manifest's layer descriptor; `blob.entries == 0`: nothing changed).
    pub blob: BlobInfo,
    /// The same layer was already in the store (identical content and parent).
    pub reused: bool,
}

/// Make the overlay-form directory `dir` (a container's upper directory) a
/// new layer on top of the layer chain `parent` (`None`: a base layer).
///
/// The tar is written once, gzip-compressed into a scratch file in the
/// store's staging area (both digests computed on the way), then unpacked
/// from that blob by the same hostile-input unpacker a pull uses, into the
/// layer's directory: what is stored is exactly what the blob says. The blob
/// is not kept: [`write_blob`] of the stored layer's directory with
/// [`Mtime::Keep`] gives the same bytes again.
///
/// Must run inside rpod's user namespace (the engine's content access):
/// owners are read as image ids and set again by the unpack. The caller
/// holds `gc` ([`Store::gc_shared`]) until the image that uses the layer is
/// recorded, so garbage collection cannot remove it in between.
pub fn store_layer(store: &Store, _gc: &FileLock, dir: &Path, parent: Option<&Digest>, opts: &TarOptions, owners: Owners) -> anyhow::Result<NewLayer> {
    use anyhow::Context;
    let staging = store.stage()?;
    let blob_path = staging.dir.join("layer.tar.gz");
    let file =
        std::fs::OpenOptions::new().read(true).write(true).create_new(true).open(&blob_path).with_context(|| format!("creating {}", blob_path.display()))?;
    let info = write_blob(dir, opts, io::BufWriter::with_capacity(256 * 1024, &file))?;
    file.sync_data().ok();
    let blob = std::fs::File::open(&blob_path).with_context(|| format!("opening {}", blob_path.display()))?;
    let imported = super::import::import_layer(blob, &staging.diff(), owners).context("unpacking the new layer")?;
    std::fs::remove_file(&blob_path).with_context(|| format!("removing {}", blob_path.display()))?;
    if imported.diff_id != info.diff_id {
        anyhow::bail!("internal error: the new layer unpacked to {} but was written as {}", imported.diff_id, info.diff_id);
    }
    let chain = match parent {
        None => info.diff_id.clone(),
        Some(p) => Digest::of(format!("{p} {}", info.diff_id).as_bytes()),
    };
    let record = LayerRecord {
        chain_id: chain.clone(),
        diff_id: info.diff_id.clone(),
        parent: parent.cloned(),
        compressed_digest: Some(info.digest.clone()),
        compressed_size: info.size,
        uncompressed_size: info.uncompressed_size,
        created: super::now_rfc3339(),
    };
    let _lock = store.layer_lock(&chain)?;
    if store.has_layer(&chain) {
        drop(staging);
        let record = store.layer(&chain)?;
        return Ok(NewLayer { record, blob: info, reused: true });
    }
    store.commit_layer(staging, &record)?;
    Ok(NewLayer { record, blob: info, reused: false })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{symlink, PermissionsExt};
    use std::path::PathBuf;

    struct Tmp(PathBuf);
    impl Drop for Tmp {
        fn drop(&mut self) {
            let _ = crate::storage::remove_tree(&self.0);
        }
    }
    fn tmp(name: &str) -> Tmp {
        let p = std::env::temp_dir().join(format!("rpod-lw-{name}-{}", std::process::id()));
        let _ = crate::storage::remove_tree(&p);
        std::fs::create_dir_all(&p).unwrap();
        Tmp(p)
    }
    fn set_time(p: &Path, t: i64) {
        let c = CString::new(p.as_os_str().as_bytes()).unwrap();
        let ts = [libc::timespec { tv_sec: t, tv_nsec: 0 }, libc::timespec { tv_sec: t, tv_nsec: 0 }];
        // SAFETY: valid C string and two timespecs.
        assert_eq!(unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), ts.as_ptr(), libc::AT_SYMLINK_NOFOLLOW) }, 0);
    }
    fn set_xattr(p: &Path, name: &str, v: &[u8]) -> bool {
        let (c, n) = (CString::new(p.as_os_str().as_bytes()).unwrap(), CString::new(name).unwrap());
        // SAFETY: valid C strings and value buffer.
        unsafe { libc::lsetxattr(c.as_ptr(), n.as_ptr(), v.as_ptr().cast(), v.len(), 0) == 0 }
    }

    /// A tree in the shape of an upper directory, with fuse-overlayfs's
    /// file whiteouts (0:0 devices need a user namespace).
    fn sample(root: &Path, fresh_times: bool) {
        std::fs::create_dir_all(root.join("etc/app")).unwrap();
        std::fs::write(root.join("etc/app/conf"), "a=1\n").unwrap();
        std::fs::write(root.join("etc/.wh.old"), "").unwrap();
        std::fs::create_dir_all(root.join("var/cache")).unwrap();
        std::fs::write(root.join("var/cache/.wh..wh..opq"), "").unwrap();
        std::fs::write(root.join("var/cache/new"), "n").unwrap();
        std::fs::write(root.join("bin-suid"), "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(root.join("bin-suid"), std::fs::Permissions::from_mode(0o4755)).unwrap();
        std::fs::hard_link(root.join("etc/app/conf"), root.join("conf-link")).unwrap();
        symlink("/etc/shadow", root.join("shadow")).unwrap();
        nix::unistd::mkfifo(&root.join("fifo"), Mode::from_bits_truncate(0o640)).unwrap();
        let long = "d".repeat(120);
        std::fs::create_dir_all(root.join(&long).join(&long)).unwrap();
        std::fs::write(root.join(&long).join(&long).join("f".repeat(200)), "deep").unwrap();
        symlink("t".repeat(150), root.join("longlink")).unwrap();
        std::fs::write(root.join("..dots"), "x").unwrap();
        std::fs::write(root.join("..."), "y").unwrap();
        if !fresh_times {
            for p in walk(root) {
                set_time(&p, 1_000_000);
            }
        }
    }
    fn walk(root: &Path) -> Vec<PathBuf> {
        let mut v = vec![];
        for e in std::fs::read_dir(root).unwrap() {
            let p = e.unwrap().path();
            if std::fs::symlink_metadata(&p).unwrap().is_dir() {
                v.extend(walk(&p));
            }
            v.push(p);
        }
        v
    }
    fn entries(tar_bytes: &[u8]) -> Vec<(String, tar::EntryType, u32, u64, Vec<u8>)> {
        let mut a = tar::Archive::new(tar_bytes);
        let mut out = vec![];
        for e in a.entries().unwrap() {
            let mut e = e.unwrap();
            let p = String::from_utf8_lossy(&e.path_bytes()).into_owned();
            let h = e.header().clone();
            let l = e.link_name_bytes().map(|l| l.into_owned()).unwrap_or_default();
            let mut data = Vec::new();
            e.read_to_end(&mut data).unwrap();
            out.push((p, h.entry_type(), h.mode().unwrap(), h.mtime().unwrap(), if l.is_empty() { data } else { l }));
        }
        out
    }

    #[test]
    fn conventions_links_and_hostile_names() {
        let t = tmp("conv");
        let root = t.0.join("upper");
        sample(&root, false);
        let mut buf = Vec::new();
        let stats = write_tar(&root, &TarOptions::default(), &mut buf).unwrap();
        assert_eq!(stats.bytes, buf.len() as u64);
        let es = entries(&buf);
        let names: Vec<&str> = es.iter().map(|e| e.0.as_str()).collect();
        let long = "d".repeat(120);
        assert_eq!(
            names,
            [
                "...",
                "..dots",
                "bin-suid",
                "conf-link",
                &format!("{long}/"),
                &format!("{long}/{long}/"),
                &format!("{long}/{long}/{}", "f".repeat(200)),
                "etc/",
                "etc/.wh.old",
                "etc/app/",
                "etc/app/conf",
                "fifo",
                "longlink",
                "shadow",
                "var/",
                "var/cache/",
                "var/cache/.wh..wh..opq",
                "var/cache/new",
            ]
        );
        let get = |n: &str| es.iter().find(|e| e.0 == n).unwrap();
        assert_eq!(get("bin-suid").2, 0o4755, "setuid kept");
        assert_eq!(get("conf-link").1, tar::EntryType::Regular, "first name in walk order carries the content");
        assert_eq!(get("etc/app/conf").1, tar::EntryType::Link);
        assert_eq!(get("etc/app/conf").4, b"conf-link");
        // Never followed: the symlink to a host file is a symlink.
        assert_eq!(get("shadow").1, tar::EntryType::Symlink);
        assert_eq!(get("shadow").4, b"/etc/shadow");
        assert_eq!(get("longlink").4, "t".repeat(150).as_bytes());
        assert_eq!(get("fifo").1, tar::EntryType::Fifo);
        assert_eq!(get("etc/.wh.old").3, 0);
        assert_eq!(get("etc/app/").3, 1_000_000);
        // Extended attributes ride in PAX records on the entry with the content.
        let user_xattr = set_xattr(&root.join("etc/app/conf"), "user.test", b"v");
        // cap_net_bind_service, permitted and effective (VFS_CAP_REVISION_2); root only.
        let cap = [1u8, 0, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        let file_cap = set_xattr(&root.join("bin-suid"), "security.capability", &cap);
        let mut buf = Vec::new();
        write_tar(&root, &TarOptions::default(), &mut buf).unwrap();
        let mut a = tar::Archive::new(buf.as_slice());
        let mut seen = Vec::new();
        for e in a.entries().unwrap() {
            let mut e = e.unwrap();
            let path = String::from_utf8_lossy(&e.path_bytes()).into_owned();
            if let Some(exts) = e.pax_extensions().unwrap() {
                for x in exts {
                    let x = x.unwrap();
                    if x.key().unwrap().starts_with("SCHILY.xattr.") {
                        seen.push((path.clone(), x.key().unwrap().to_string(), x.value_bytes().to_vec()));
                    }
                }
            }
        }
        if user_xattr {
            assert!(seen.contains(&("conf-link".into(), "SCHILY.xattr.user.test".into(), b"v".to_vec())), "{seen:?}");
        }
        if file_cap {
            assert!(seen.contains(&("bin-suid".into(), "SCHILY.xattr.security.capability".into(), cap.to_vec())), "{seen:?}");
        }
        assert!(seen.iter().all(|(_, k, _)| !k.contains("overlay")), "overlay's own attributes are not archived: {seen:?}");
        // The hostile-input unpacker accepts what we write.
        let dest = t.0.join("unpacked");
        std::fs::create_dir(&dest).unwrap();
        let mut a = tar::Archive::new(buf.as_slice());
        crate::storage::unpack::Unpacker::new(&dest, crate::storage::unpack::Owners::Ignore).unwrap().unpack(&mut a).unwrap();
        assert_eq!(std::fs::read(dest.join(&long).join(&long).join("f".repeat(200))).unwrap(), b"deep");
    }

    #[test]
    fn mtime_policies_make_fresh_trees_reproducible() {
        let t = tmp("repro");
        let (a, b) = (t.0.join("a"), t.0.join("b"));
        sample(&a, true);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        sample(&b, true);
        let opts = TarOptions { mtime: Mtime::Set(1_700_000_000), ..Default::default() };
        let (ba, bb) = (write_blob(&a, &opts, Vec::new()).unwrap(), write_blob(&b, &opts, Vec::new()).unwrap());
        assert_eq!(ba, bb, "same changes and --timestamp: same diff id and blob digest");
        let clamp = TarOptions { mtime: Mtime::Clamp(1_000), ..Default::default() };
        assert_eq!(write_blob(&a, &clamp, Vec::new()).unwrap(), write_blob(&b, &clamp, Vec::new()).unwrap());
        let keep = TarOptions::default();
        assert_ne!(write_blob(&a, &keep, Vec::new()).unwrap().diff_id, write_blob(&b, &keep, Vec::new()).unwrap().diff_id);
        let mut buf = Vec::new();
        write_tar(&a, &opts, &mut buf).unwrap();
        assert!(entries(&buf).iter().filter(|e| !e.0.contains(".wh.")).all(|e| e.3 == 1_700_000_000));
    }

    #[test]
    fn a_stored_layer_writes_the_same_bytes_again() {
        let t = tmp("roundtrip");
        let root = t.0.join("upper");
        sample(&root, true);
        let opts = TarOptions { mtime: Mtime::Clamp(1_500_000_000), ..Default::default() };
        let mut first = Vec::new();
        write_tar(&root, &opts, &mut first).unwrap();
        let dest = t.0.join("layer");
        std::fs::create_dir(&dest).unwrap();
        crate::storage::unpack::Unpacker::new(&dest, crate::storage::unpack::Owners::Ignore).unwrap().unpack(&mut tar::Archive::new(first.as_slice())).unwrap();
        let mut again = Vec::new();
        write_tar(&dest, &TarOptions::default(), &mut again).unwrap();
        assert_eq!(entries(&first), entries(&again));
        assert!(first == again, "byte-identical");
    }

    #[test]
    fn stored_layers_are_chained_and_reused() {
        let t = tmp("store");
        let store = Store::open(&t.0.join("store")).unwrap();
        let upper = t.0.join("upper");
        sample(&upper, true);
        let opts = TarOptions { mtime: Mtime::Set(1_600_000_000), ..Default::default() };
        let gc = store.gc_shared().unwrap();
        let base = store_layer(&store, &gc, &upper, None, &opts, Owners::Ignore).unwrap();
        assert!(!base.reused);
        assert_eq!(base.record.chain_id, base.blob.diff_id);
        assert_eq!(base.record.compressed_digest.as_ref(), Some(&base.blob.digest));
        assert!(store.has_layer(&base.record.chain_id));
        assert_eq!(std::fs::read(store.layer_diff(&base.record.chain_id).join("etc/app/conf")).unwrap(), b"a=1\n");
        let again = store_layer(&store, &gc, &upper, None, &opts, Owners::Ignore).unwrap();
        assert!(again.reused);
        assert_eq!(again.blob, base.blob);
        let top = store_layer(&store, &gc, &upper, Some(&base.record.chain_id), &opts, Owners::Ignore).unwrap();
        assert_eq!(top.record.chain_id, crate::storage::digest::chain_ids(&[base.blob.diff_id.clone(), top.blob.diff_id.clone()])[1]);
        assert_eq!(top.record.parent.as_ref(), Some(&base.record.chain_id));
        // The stored layer writes the recorded blob again, byte for byte.
        let regenerated = write_blob(&store.layer_diff(&top.record.chain_id), &TarOptions::default(), Vec::new()).unwrap();
        assert_eq!(regenerated, top.blob);
        // Nothing is left in staging.
        assert_eq!(std::fs::read_dir(t.0.join("store/staging")).unwrap().count(), 0);
    }

    #[test]
    fn whiteouts_of_dot_and_dotdot_are_refused() {
        let t = tmp("dots");
        std::fs::write(t.0.join(".wh.."), "").unwrap();
        assert!(matches!(write_tar(&t.0, &TarOptions::default(), Vec::new()), Err(WriteError::Refused { .. })));
    }

    #[test]
    fn pax_records_count_their_own_length() {
        let mut v = Vec::new();
        pax_record(&mut v, b"path", b"x");
        assert_eq!(v, b"9 path=x\n");
        let mut v = Vec::new();
        pax_record(&mut v, b"k", &[b'v'; 95]);
        assert_eq!(&v[..4], b"102 ");
        assert_eq!(v.len(), 102);
    }
}

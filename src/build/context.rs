//! The build context: a directory, a tarball (unpacked into a private
//! temporary directory), or none (`-`: the Containerfile on standard input).
//!
//! Sources are resolved inside the context and never outside it (the
//! CVE-2019-14271 / context-escape class: a symlink in a downloaded context
//! pointing at `/etc/passwd`, `~/.ssh` or `..` must not pull host files into
//! an image). A named source is opened with `openat2(RESOLVE_IN_ROOT)` under
//! the context's directory descriptor, so its symlinks resolve against the
//! context as if it were `/`; everything below it is walked with
//! `O_NOFOLLOW` and symlinks are copied as symlinks. FIFOs, sockets and
//! devices are skipped (never opened, so never blocking).

use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

use nix::fcntl::{OFlag, OpenHow, ResolveFlag};
use nix::sys::stat::Mode;
use sha2::Digest as _;

use super::ignore::{glob, Ignore};

/// An opened build context.
#[derive(Debug)]
pub struct Context {
    /// The context directory (`None`: no context).
    pub dir: Option<PathBuf>,
    root: Option<OwnedFd>,
    /// A tarball's unpacked copy, removed on drop.
    tmp: Option<PathBuf>,
    pub ignore: Ignore,
}

impl Drop for Context {
    fn drop(&mut self) {
        if let Some(t) = &self.tmp {
            let _ = crate::storage::remove_tree(t);
        }
    }
}

/// The largest ignore file read.
const IGNORE_CAP: u64 = 1 << 20;

impl Context {
    /// No context: COPY and ADD of local files fail with one line.
    pub fn none() -> Context {
        Context { dir: None, root: None, tmp: None, ignore: Ignore::default() }
    }

    /// A directory, or a tarball unpacked under `scratch` (compressed, it may
    /// expand to `max_unpacked` bytes).
    pub fn open(spec: &str, scratch: &Path, max_unpacked: u64) -> Result<Context, String> {
        if spec.starts_with("http://") || spec.starts_with("https://") || spec.starts_with("git://") || spec.starts_with("git@") {
            return Err(format!("remote build context {spec:?} is not supported by rpod yet: use a local directory or tarball"));
        }
        let p = Path::new(spec);
        let md = std::fs::metadata(p).map_err(|e| format!("build context {spec:?}: {}", why(&e)))?;
        let (dir, tmp) = if md.is_dir() {
            (p.to_path_buf(), None)
        } else if md.is_file() {
            let dir = scratch.join(crate::storage::atomic::unique_name("context-"));
            std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
            let res = unpack_tarball(p, &dir, max_unpacked);
            if let Err(e) = res {
                let _ = crate::storage::remove_tree(&dir);
                return Err(format!("build context {spec:?}: {e}"));
            }
            (dir.clone(), Some(dir))
        } else {
            return Err(format!("build context {spec:?} is neither a directory nor a tarball"));
        };
        let root = nix::fcntl::open(&dir, OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, Mode::empty())
            .map_err(|e| format!("opening build context {}: {e}", dir.display()))?;
        let mut ctx = Context { dir: Some(dir), root: Some(root), tmp, ignore: Ignore::default() };
        for name in [".containerignore", ".dockerignore"] {
            match ctx.read_small(name, IGNORE_CAP) {
                Ok(Some(text)) => {
                    ctx.ignore = Ignore::parse(&String::from_utf8_lossy(&text));
                    break;
                }
                Ok(None) => {}
                Err(e) => return Err(format!("reading {name}: {e}")),
            }
        }
        Ok(ctx)
    }

    /// Read a small regular file of the context (resolved inside it).
    pub fn read_small(&self, rel: &str, cap: u64) -> Result<Option<Vec<u8>>, String> {
        let Some(root) = &self.root else { return Ok(None) };
        let fd = match open_in(root, rel, OFlag::O_RDONLY | OFlag::O_NONBLOCK | OFlag::O_NOCTTY) {
            Ok(fd) => fd,
            Err(nix::errno::Errno::ENOENT) => return Ok(None),
            Err(e) => return Err(e.to_string()),
        };
        let st = nix::sys::stat::fstat(&fd).map_err(|e| e.to_string())?;
        if st.st_mode & libc::S_IFMT != libc::S_IFREG {
            return Err(format!("{rel} is not a regular file"));
        }
        let mut out = Vec::new();
        std::fs::File::from(fd).take(cap + 1).read_to_end(&mut out).map_err(|e| e.to_string())?;
        if out.len() as u64 > cap {
            return Err(format!("{rel} is larger than {cap} bytes"));
        }
        Ok(Some(out))
    }

    /// The host path of `rel` resolved inside the context (for `RUN
    /// --mount=type=bind`): symlinks resolve against the context as `/`, and
    /// the result is checked to lie inside it. The context is the caller's
    /// own directory, so a change between this check and the mount is the
    /// caller racing themselves.
    pub fn resolve_dir_or_file(&self, rel: &str) -> Result<PathBuf, String> {
        let (Some(root), Some(dir)) = (&self.root, &self.dir) else { return Err("there is no build context".into()) };
        let rel = if rel.trim_matches('/').is_empty() { "." } else { rel };
        let fd = open_in(root, rel, OFlag::O_PATH).map_err(|e| format!("{rel:?} in the build context: {e}"))?;
        let real = std::fs::read_link(format!("/proc/self/fd/{}", std::os::fd::AsRawFd::as_raw_fd(&fd))).map_err(|e| e.to_string())?;
        let base = std::fs::canonicalize(dir).map_err(|e| e.to_string())?;
        if !real.starts_with(&base) {
            return Err(format!("{rel:?} resolves outside the build context"));
        }
        Ok(real)
    }

    /// The context paths (relative, `/`-separated) a COPY source names:
    /// itself, or the matches of a glob (any component may be a pattern).
    pub fn expand_source(&self, src: &str) -> Result<Vec<String>, String> {
        let Some(root) = &self.root else {
            return Err(format!("no build context to copy {src:?} from (the Containerfile came from standard input)"));
        };
        let comps: Vec<&str> = src.split('/').filter(|c| !c.is_empty() && *c != ".").collect();
        if comps.contains(&"..") {
            // `..` resolves inside the context as from `/` (Docker's rule): clean it.
            let mut clean: Vec<&str> = Vec::new();
            for c in &comps {
                if *c == ".." {
                    clean.pop();
                } else {
                    clean.push(c);
                }
            }
            return self.expand_source(&clean.join("/"));
        }
        if !comps.iter().any(|c| c.contains(['*', '?', '['])) {
            return Ok(vec![comps.join("/")]);
        }
        let mut found = vec![String::new()];
        for c in comps {
            let mut next = Vec::new();
            for base in &found {
                if !c.contains(['*', '?', '[']) {
                    next.push(join(base, c));
                    continue;
                }
                let Ok(dirfd) = open_in(root, if base.is_empty() { "." } else { base }, OFlag::O_RDONLY | OFlag::O_DIRECTORY) else { continue };
                let mut names: Vec<String> = read_names(dirfd)?.into_iter().filter(|n| glob(c, n)).collect();
                names.sort();
                next.extend(names.into_iter().map(|n| join(base, &n)));
            }
            found = next;
        }
        found.retain(|f| !self.ignore.excluded(f));
        if found.is_empty() {
            return Err(format!("no source files were specified: {src:?} matches nothing in the build context"));
        }
        Ok(found)
    }

    /// Walk `rel` (resolved inside the context) and emit its tree under
    /// `name` (`None`: a directory's content goes to the top) to `sink`.
    /// `.containerignore` patterns match context paths; `extra` (COPY
    /// `--exclude`) matches paths relative to the source, as BuildKit's:
    /// `--exclude=*.txt app` leaves out `app/x.txt`; a file source is
    /// matched by its name (and then nothing is emitted).
    pub fn walk(&self, rel: &str, name: Option<&str>, extra: &Ignore, sink: &mut dyn FnMut(Item) -> Result<(), String>) -> Result<bool, String> {
        let root = self.root.as_ref().ok_or("no build context")?;
        let under = |p: &'_ str| -> String {
            if rel.is_empty() {
                return p.to_string();
            }
            p.strip_prefix(rel).and_then(|r| r.strip_prefix('/')).unwrap_or(p).to_string()
        };
        let excluded = |p: &str| self.ignore.excluded(p) || extra.excluded(&under(p));
        if !rel.is_empty() && self.ignore.excluded(rel) {
            return Err(format!("{rel:?} is excluded by .containerignore/.dockerignore"));
        }
        let fd = open_in(root, if rel.is_empty() { "." } else { rel }, OFlag::O_RDONLY | OFlag::O_NONBLOCK | OFlag::O_NOCTTY).map_err(|e| match e {
            nix::errno::Errno::ENOENT => format!("{rel:?}: no such file or directory in the build context"),
            nix::errno::Errno::ELOOP => format!("{rel:?}: too many levels of symbolic links in the build context"),
            e => format!("{rel:?} in the build context: {e}"),
        })?;
        let st = nix::sys::stat::fstat(&fd).map_err(|e| e.to_string())?;
        match st.st_mode & libc::S_IFMT {
            libc::S_IFDIR => {
                if let Some(n) = name {
                    sink(Item { name: n.to_string(), kind: ItemKind::Dir, stat: st })?;
                }
                self.walk_dir(fd, rel, name.unwrap_or(""), &excluded, sink)?;
                Ok(true)
            }
            libc::S_IFREG => {
                if extra.excluded(rel.rsplit('/').next().unwrap_or(rel)) {
                    return Ok(false);
                }
                let n = name.map(str::to_string).unwrap_or_else(|| rel.rsplit('/').next().unwrap_or(rel).to_string());
                sink(Item { name: n, kind: ItemKind::File(std::fs::File::from(fd)), stat: st })?;
                Ok(false)
            }
            _ => Err(format!("{rel:?} in the build context is not a regular file, directory or symlink")),
        }
    }

    fn walk_dir(
        &self,
        dir: OwnedFd,
        rel: &str,
        name: &str,
        excluded: &dyn Fn(&str) -> bool,
        sink: &mut dyn FnMut(Item) -> Result<(), String>,
    ) -> Result<(), String> {
        let dup = nix::fcntl::openat(&dir, ".", OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, Mode::empty()).map_err(|e| e.to_string())?;
        let mut names = read_names(dup)?;
        names.sort();
        for n in names {
            let r = join(rel, &n);
            let out = join(name, &n);
            let Ok(st) = nix::sys::stat::fstatat(&dir, n.as_str(), nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW) else { continue };
            let is_dir = st.st_mode & libc::S_IFMT == libc::S_IFDIR;
            if excluded(&r) && !(is_dir && self.ignore.may_reinclude_below(&r)) {
                continue;
            }
            match st.st_mode & libc::S_IFMT {
                libc::S_IFDIR => {
                    let sub = nix::fcntl::openat(&dir, n.as_str(), OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC, Mode::empty())
                        .map_err(|e| format!("{r}: {e}"))?;
                    if !excluded(&r) {
                        sink(Item { name: out.clone(), kind: ItemKind::Dir, stat: st })?;
                    }
                    self.walk_dir(sub, &r, &out, excluded, sink)?;
                }
                libc::S_IFREG => {
                    // O_NOFOLLOW, O_NONBLOCK, and a second fstat: a file swapped for a link or FIFO since the fstatat cannot redirect or block us.
                    let fd = nix::fcntl::openat(
                        &dir,
                        n.as_str(),
                        OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_NONBLOCK | OFlag::O_NOCTTY | OFlag::O_CLOEXEC,
                        Mode::empty(),
                    )
                    .map_err(|e| format!("{r}: {e}"))?;
                    let st2 = nix::sys::stat::fstat(&fd).map_err(|e| e.to_string())?;
                    if st2.st_mode & libc::S_IFMT != libc::S_IFREG {
                        continue;
                    }
                    sink(Item { name: out, kind: ItemKind::File(std::fs::File::from(fd)), stat: st2 })?;
                }
                libc::S_IFLNK => {
                    let target = nix::fcntl::readlinkat(&dir, n.as_str()).map_err(|e| format!("{r}: {e}"))?;
                    sink(Item { name: out, kind: ItemKind::Symlink(target.to_string_lossy().into_owned()), stat: st })?;
                }
                _ => tracing::warn!("skipping {r} in the build context: not a regular file, directory or symlink"),
            }
        }
        Ok(())
    }
}

/// One entry of a walk.
pub struct Item {
    /// Path under the copy's destination.
    pub name: String,
    pub kind: ItemKind,
    pub stat: libc::stat,
}

pub enum ItemKind {
    Dir,
    File(std::fs::File),
    Symlink(String),
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}/{b}")
    }
}

fn why(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        _ => e.to_string(),
    }
}

/// Open `rel` under `root` as if `root` were `/`.
fn open_in(root: &OwnedFd, rel: &str, flags: OFlag) -> nix::Result<OwnedFd> {
    let how = OpenHow::new().flags(flags | OFlag::O_CLOEXEC).resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS);
    crate::runtime::resolve::openat2(root, rel, how)
}

fn read_names(dirfd: OwnedFd) -> Result<Vec<String>, String> {
    let mut d = nix::dir::Dir::from_fd(dirfd).map_err(|e| e.to_string())?;
    Ok(d.iter().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n != "." && n != "..").collect())
}

/// Unpack a context tarball (plain, gzip, zstd, xz or bzip2; its expanded
/// size bounded by `cap`) with the `tar` crate's checks (no absolute names,
/// no `..`, nothing written through links it made); owners are not kept.
fn unpack_tarball(path: &Path, dir: &Path, cap: u64) -> Result<(), String> {
    let data = crate::storage::read_regular(path, 16 << 30).map_err(|e| e.to_string())?;
    let reader = decompress(Compression::detect(&data), &data[..], cap)?;
    let mut a = tar::Archive::new(reader);
    a.set_preserve_permissions(true);
    a.set_preserve_mtime(true);
    a.unpack(dir).map_err(|e| format!("unpacking the tarball: {e}"))
}

/// An archive's compression, told by its magic bytes (as Docker tells it:
/// never by the file's name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Not compressed (a plain tar, or not an archive at all).
    Plain,
    Gzip,
    Zstd,
    Xz,
    Bzip2,
}

impl Compression {
    pub fn detect(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0]) {
            Compression::Xz
        } else if head.len() >= 4 && head.starts_with(b"BZh") && (b'1'..=b'9').contains(&head[3]) {
            Compression::Bzip2
        } else {
            Compression::Plain
        }
    }
}

/// How many bytes a compressed archive of a build may expand to unless
/// `RPOD_BUILD_MAX_UNPACKED` says otherwise (the decompression-bomb class:
/// a few kilobytes of xz or gzip can claim terabytes of zeros).
pub const DEFAULT_MAX_UNPACKED: u64 = 16 << 30;

/// Memory the xz decoder may take (`xz -9` needs 65 MiB): a header asking
/// for a larger dictionary is refused before anything is allocated.
const XZ_MEM_LIMIT_KIB: u32 = 256 << 10;

/// A reader of `r` decompressed per `c`, failing with one clear message
/// once more than `cap` bytes came out. Plain data is passed through as it
/// is (it cannot expand).
pub fn decompress<'a>(c: Compression, r: impl Read + 'a, cap: u64) -> Result<Box<dyn Read + 'a>, String> {
    let inner: Box<dyn Read + 'a> = match c {
        Compression::Plain => return Ok(Box::new(r)),
        Compression::Gzip => Box::new(flate2::read::GzDecoder::new(r)),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(r).map_err(|e| e.to_string())?),
        Compression::Xz => Box::new(lzma_rust2::XzReader::new_mem_limit(r, true, XZ_MEM_LIMIT_KIB)),
        Compression::Bzip2 => Box::new(bzip2::read::MultiBzDecoder::new(r)),
    };
    Ok(Box::new(Capped { inner, left: cap, cap }))
}

/// Whether `msg` is (or wraps) a bomb refused by [`decompress`].
pub fn is_expansion_error(msg: &str) -> bool {
    msg.contains("refused as a decompression bomb")
}

struct Capped<R> {
    inner: R,
    left: u64,
    cap: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // One byte more than allowed is asked for, so reaching the cap exactly is no error.
        let want = buf.len().min(usize::try_from(self.left.saturating_add(1)).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want]).map_err(|e| match e.kind() {
            // The xz decoder's refusal of a dictionary over XZ_MEM_LIMIT_KIB.
            std::io::ErrorKind::OutOfMemory => std::io::Error::other(format!(
                "the archive needs more than {} MiB of memory to decompress: refused as a decompression bomb",
                XZ_MEM_LIMIT_KIB >> 10
            )),
            _ => e,
        })?;
        if n as u64 > self.left {
            return Err(std::io::Error::other(format!(
                "the archive expands to more than {} bytes: refused as a decompression bomb (RPOD_BUILD_MAX_UNPACKED=BYTES raises the cap)",
                self.cap
            )));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// Options that change what a COPY writes.
#[derive(Debug, Clone, Copy, Default)]
pub struct TarOptions {
    pub owner: Option<(u32, u32)>,
    pub mode: Option<u32>,
}

/// Write items as a tar stream and hash what matters for the cache: names,
/// types, modes, owners, contents, link targets — not times.
pub struct TarWriter<W: Write> {
    tar: tar::Builder<W>,
    hash: sha2::Sha256,
    opts: TarOptions,
    pub count: usize,
}

impl<W: Write> TarWriter<W> {
    pub fn new(w: W, opts: TarOptions) -> TarWriter<W> {
        let mut tar = tar::Builder::new(w);
        tar.mode(tar::HeaderMode::Complete);
        TarWriter { tar, hash: sha2::Sha256::new(), opts, count: 0 }
    }

    pub fn add(&mut self, item: Item) -> Result<(), String> {
        let (uid, gid) = self.opts.owner.unwrap_or((0, 0));
        let mode = self.opts.mode.unwrap_or(item.stat.st_mode & 0o7777);
        let mtime = item.stat.st_mtime.max(0) as u64;
        let size = item.stat.st_size as u64;
        match item.kind {
            ItemKind::Dir => self.add_raw(&item.name, Raw::Dir, mode, (uid, gid), mtime),
            ItemKind::Symlink(t) => self.add_raw(&item.name, Raw::Symlink(&t), mode, (uid, gid), mtime),
            ItemKind::File(f) => self.add_raw(&item.name, Raw::File(&mut f.take(size), size), mode, (uid, gid), mtime),
        }
    }

    /// Add one entry as given (`--chown`/`--chmod` still override).
    pub fn add_raw(&mut self, name: &str, kind: Raw, mode: u32, owner: (u32, u32), mtime: u64) -> Result<(), String> {
        let (uid, gid) = self.opts.owner.unwrap_or(owner);
        let mode = self.opts.mode.unwrap_or(mode & 0o7777);
        let mut h = tar::Header::new_gnu();
        h.set_uid(uid as u64);
        h.set_gid(gid as u64);
        h.set_mode(mode);
        h.set_mtime(mtime);
        self.hash.update(name.as_bytes());
        self.hash.update([0]);
        self.hash.update(format!("{mode:o} {uid} {gid}").as_bytes());
        let res = match kind {
            Raw::Dir => {
                self.hash.update(b"d");
                h.set_entry_type(tar::EntryType::Directory);
                h.set_size(0);
                self.tar.append_data(&mut h, format!("{}/", name.trim_end_matches('/')), std::io::empty())
            }
            Raw::Symlink(t) => {
                self.hash.update(b"l");
                self.hash.update(t.as_bytes());
                h.set_entry_type(tar::EntryType::Symlink);
                h.set_size(0);
                self.tar.append_link(&mut h, name, t)
            }
            Raw::Hardlink(t) => {
                self.hash.update(b"h");
                self.hash.update(t.as_bytes());
                h.set_entry_type(tar::EntryType::Link);
                h.set_size(0);
                self.tar.append_link(&mut h, name, t)
            }
            Raw::File(r, size) => {
                self.hash.update(b"f");
                h.set_entry_type(tar::EntryType::Regular);
                h.set_size(size);
                let reader = HashingReader { inner: r, hash: &mut self.hash };
                self.tar.append_data(&mut h, name, reader)
            }
        };
        self.count += 1;
        res.map_err(|e| format!("archiving {name}: {e}"))
    }

    /// Finish: the writer and the content hash (hex).
    pub fn finish(self) -> Result<(W, String), String> {
        let w = self.tar.into_inner().map_err(|e| e.to_string())?;
        Ok((w, hex::encode(self.hash.finalize())))
    }
}

/// One entry for [`TarWriter::add_raw`].
pub enum Raw<'a> {
    Dir,
    Symlink(&'a str),
    /// A hard link to an earlier entry of the same stream.
    Hardlink(&'a str),
    File(&'a mut dyn Read, u64),
}

struct HashingReader<'a, R: Read + ?Sized> {
    inner: &'a mut R,
    hash: &'a mut sha2::Sha256,
}

impl<R: Read + ?Sized> Read for HashingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn tmp(name: &str) -> PathBuf {
        let p = std::env::temp_dir().join(format!("rpod-ctx-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        p
    }

    fn names(c: &Context, rel: &str) -> Vec<String> {
        let mut out = Vec::new();
        c.walk(rel, None, &Ignore::default(), &mut |i| {
            out.push(match i.kind {
                ItemKind::Dir => format!("{}/", i.name),
                ItemKind::Symlink(t) => format!("{} -> {t}", i.name),
                ItemKind::File(_) => i.name,
            });
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn context_escape_links_never_reach_the_host() {
        // CVE-2019-14271 / context-escape class.
        let d = tmp("escape");
        let secret = d.join("host-secret");
        std::fs::write(&secret, "secret").unwrap();
        let ctx = d.join("ctx");
        std::fs::create_dir_all(ctx.join("sub")).unwrap();
        std::fs::write(ctx.join("sub/a"), "a").unwrap();
        symlink(&secret, ctx.join("abs")).unwrap();
        symlink("../host-secret", ctx.join("rel")).unwrap();
        symlink("..", ctx.join("sub/up")).unwrap();
        nix::unistd::mkfifo(&ctx.join("fifo"), Mode::from_bits_truncate(0o644)).unwrap();
        let c = Context::open(ctx.to_str().unwrap(), &d, DEFAULT_MAX_UNPACKED).unwrap();
        assert!(c.root.is_some());
        // Named sources resolve inside the context: the host file is never found.
        for s in ["abs", "rel", "../host-secret", "/../../host-secret"] {
            let rel = c.expand_source(s).unwrap();
            let r = c.walk(&rel[0], None, &Ignore::default(), &mut |_| Ok(()));
            assert!(r.is_err(), "{s}");
        }
        // Inside a walk, links are copied as links; a FIFO is skipped without blocking.
        let all = names(&c, "");
        assert!(all.contains(&format!("abs -> {}", secret.display())), "{all:?}");
        assert!(all.contains(&"sub/up -> ..".to_string()), "{all:?}");
        assert!(!all.iter().any(|n| n.contains("fifo")), "{all:?}");
        // The walk of `sub/up` (a link to the context root) stays in the context.
        let up = names(&c, "sub/up");
        assert!(up.contains(&"sub/a".to_string()), "{up:?}");
        assert!(!up.iter().any(|n| n.contains("host-secret") && !n.contains(" -> ")), "links only, never the host file: {up:?}");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn compression_by_magic_and_the_expansion_cap() {
        use std::io::Write as _;
        assert_eq!(Compression::detect(&[0xfd, b'7', b'z', b'X', b'Z', 0, 0]), Compression::Xz);
        assert_eq!(Compression::detect(b"BZh91AY&SY"), Compression::Bzip2);
        assert_eq!(Compression::detect(b"BZhx"), Compression::Plain, "BZh needs a block size digit");
        assert_eq!(Compression::detect(&[0x1f, 0x8b, 8]), Compression::Gzip);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&vec![0u8; 1 << 20]).unwrap();
        let gz = gz.finish().unwrap();
        // Exactly at the cap is fine; one byte under it is a bomb.
        let mut out = Vec::new();
        decompress(Compression::Gzip, &gz[..], 1 << 20).unwrap().read_to_end(&mut out).unwrap();
        assert_eq!(out.len(), 1 << 20);
        let err = decompress(Compression::Gzip, &gz[..], (1 << 20) - 1).unwrap().read_to_end(&mut Vec::new()).unwrap_err();
        assert!(is_expansion_error(&err.to_string()), "{err}");
        let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
        bz.write_all(&vec![7u8; 100_000]).unwrap();
        let bz = bz.finish().unwrap();
        assert!(decompress(Compression::detect(&bz), &bz[..], 99_999).unwrap().read_to_end(&mut Vec::new()).is_err());
        let mut out = Vec::new();
        decompress(Compression::detect(&bz), &bz[..], 100_000).unwrap().read_to_end(&mut out).unwrap();
        assert_eq!(out, vec![7u8; 100_000]);
    }

    /// Memory-bomb class: an xz block header asking for a 3 GiB dictionary
    /// is refused before the dictionary is allocated.
    #[test]
    fn xz_dictionary_over_the_memory_limit_is_refused() {
        let crc = |b: &[u8]| {
            let mut c = flate2::Crc::new();
            c.update(b);
            c.sum().to_le_bytes()
        };
        let stream = |dict: u8| {
            let mut x = vec![0xfd, b'7', b'z', b'X', b'Z', 0, 0, 1];
            x.extend(crc(&[0, 1]));
            // Block header: 12 bytes, one filter (LZMA2 with this dictionary byte), padding, CRC32.
            let bh = [2u8, 0, 0x21, 1, dict, 0, 0, 0];
            x.extend(bh);
            x.extend(crc(&bh));
            x.extend([0u8; 64]);
            x
        };
        let err = |x: Vec<u8>| {
            assert_eq!(Compression::detect(&x), Compression::Xz);
            decompress(Compression::Xz, &x[..], u64::MAX).unwrap().read_to_end(&mut Vec::new()).unwrap_err().to_string()
        };
        // 39: 3 GiB, refused for memory; 20: 2 MiB, allowed (then the data is garbage).
        assert!(err(stream(39)).contains("needs more than 256 MiB of memory"), "{}", err(stream(39)));
        assert!(!err(stream(20)).contains("memory"), "{}", err(stream(20)));
    }

    #[test]
    fn ignore_globs_and_hash() {
        let d = tmp("ignore");
        let ctx = d.join("ctx");
        std::fs::create_dir_all(ctx.join("src")).unwrap();
        std::fs::write(ctx.join("src/a.rs"), "a").unwrap();
        std::fs::write(ctx.join("src/b.rs"), "b").unwrap();
        std::fs::write(ctx.join("src/c.txt"), "c").unwrap();
        std::fs::write(ctx.join(".containerignore"), "src/b.rs\n").unwrap();
        let c = Context::open(ctx.to_str().unwrap(), &d, DEFAULT_MAX_UNPACKED).unwrap();
        assert_eq!(c.expand_source("src/*.rs").unwrap(), vec!["src/a.rs"]);
        assert_eq!(names(&c, "src"), vec!["a.rs", "c.txt"]);
        let hash = |c: &Context| {
            let mut w = TarWriter::new(Vec::new(), TarOptions::default());
            c.walk("src", None, &Ignore::default(), &mut |i| w.add(i)).unwrap();
            w.finish().unwrap().1
        };
        let h1 = hash(&c);
        // A new mtime does not change the hash; new content does.
        let f = std::fs::File::options().write(true).open(ctx.join("src/a.rs")).unwrap();
        f.set_modified(std::time::SystemTime::UNIX_EPOCH).unwrap();
        assert_eq!(hash(&c), h1);
        std::fs::write(ctx.join("src/a.rs"), "A").unwrap();
        assert_ne!(hash(&c), h1);
        assert!(Context::open(d.join("missing").to_str().unwrap(), &d, DEFAULT_MAX_UNPACKED).unwrap_err().contains("no such file"));
        let _ = std::fs::remove_dir_all(&d);
    }
}

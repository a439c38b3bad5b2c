//! `cp`: files between a container and the host, both ways, for running and
//! stopped containers.
//!
//! Container paths are never resolved on the host (CVE-2019-14271,
//! CVE-2019-10152, CVE-2018-15664 class). The container side runs in a
//! forked, non-dumpable helper whose root *is* the container's root:
//! - running: it joins the container's user and mount namespaces (`setns`;
//!   the user owns the container's user namespace), so `/` is the
//!   container's root after its `pivot_root`; it stays in the host's pid
//!   namespace, where container processes cannot see or trace it;
//! - stopped: it enters a user namespace with rpod's mapping and a mount
//!   namespace of its own, mounts the container's root there (its layers
//!   and upper directory, read-write) and `chroot`s into it.
//!
//! Every path, symlinks included, is then resolved by the kernel against
//! that root: an absolute link, `..` or `/proc/1/root` all stay inside.
//! The helper never execs anything and loads nothing from the container: it
//! is this binary, already loaded. Data crosses as a tar stream on a pipe;
//! the host side (this process) unpacks with the `tar` crate's checks
//! (no absolute names, no `..`, no writing through links it made).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use serde::Serialize;

use super::error::{Error, Result};
use super::Engine;
use crate::container::Status;

/// One side of a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CpPath {
    Host(PathBuf),
    /// `-`: a tar stream on the caller's reader or writer.
    Stream,
    Container {
        container: String,
        path: String,
    },
}

impl CpPath {
    /// Parse `CTR:PATH`, `-` or a host path (Podman's rule: a colon before
    /// any slash names a container; `./a:b` is a host path).
    pub fn parse(s: &str) -> CpPath {
        if s == "-" {
            return CpPath::Stream;
        }
        match s.split_once(':') {
            Some((c, p)) if !c.is_empty() && !c.contains('/') && !s.starts_with('.') => CpPath::Container { container: c.to_string(), path: p.to_string() },
            _ => CpPath::Host(PathBuf::from(s)),
        }
    }
}

/// `cp` options.
#[derive(Debug, Clone)]
pub struct CpOptions {
    pub source: CpPath,
    pub dest: CpPath,
    /// Replace a directory by a file or a file by a directory.
    pub overwrite: bool,
    /// `-a`/`--archive` (Podman's default): what is copied into a container
    /// belongs to the container's user (its process's uid:gid); without it
    /// the owners the archive names are kept (a host file of yours is
    /// container root's, as in rpod's namespace).
    pub archive: bool,
}

/// Who owns what `cp` unpacks in a container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owners {
    /// The unpacker's own ids (container root): nothing to change.
    Root,
    /// Everything to this uid:gid (`--archive` with a non-root user).
    All(u32, u32),
    /// As the archive says; `host`: the archive was made on the host by
    /// this uid:gid, which is container root's, and other host ids are not
    /// the container's (they become the overflow id, as rpod's namespace shows them).
    Keep { host: Option<(u32, u32)> },
}

impl Owners {
    fn of(&self, uid: u64, gid: u64) -> Option<(u32, u32)> {
        const OVERFLOW: u32 = 65534;
        let clamp = |v: u64| u32::try_from(v).unwrap_or(OVERFLOW);
        match *self {
            Owners::Root => None,
            Owners::All(u, g) => Some((u, g)),
            Owners::Keep { host: None } => Some((clamp(uid), clamp(gid))),
            Owners::Keep { host: Some((hu, hg)) } => Some((if uid == hu as u64 { 0 } else { OVERFLOW }, if gid == hg as u64 { 0 } else { OVERFLOW })),
        }
    }
}

/// `cp`: `input` feeds `cp - CTR:PATH`, `output` receives `cp CTR:PATH -`.
pub fn copy(engine: &Engine, o: &CpOptions, input: &mut dyn Read, output: &mut dyn Write) -> Result<()> {
    match (&o.source, &o.dest) {
        (CpPath::Container { container, path }, dest @ (CpPath::Host(_) | CpPath::Stream)) => {
            let rec = super::container::find(engine, container)?;
            let root = ContainerRoot::of(engine, &rec)?;
            let (r, w) = pipe()?;
            let src = abs(path);
            let child = root.run(move || {
                let mut f = std::fs::File::from(w);
                pack(Path::new(&src), &mut f)
            })?;
            let mut r = std::fs::File::from(r);
            let res = match dest {
                CpPath::Stream => std::io::copy(&mut r, output).map(drop).context("writing the tar stream"),
                CpPath::Host(d) => unpack_on_host(&mut r, d, o.overwrite),
                CpPath::Container { .. } => unreachable!(),
            };
            drop(r);
            let status = child.wait()?;
            status?;
            res.map_err(Error::from)
        }
        (src @ (CpPath::Host(_) | CpPath::Stream), CpPath::Container { container, path }) => {
            let rec = super::container::find(engine, container)?;
            let root = ContainerRoot::of(engine, &rec)?;
            let (r, w) = pipe()?;
            let dest = abs(path);
            let from_stream = matches!(src, CpPath::Stream);
            let overwrite = o.overwrite;
            if let CpPath::Host(p) = src {
                std::fs::symlink_metadata(p).map_err(|e| Error::bad_input(format!("{}: {}", p.display(), io_why(&e))))?;
            }
            let user = rec.spec.process().as_ref().map(|p| (p.user().uid(), p.user().gid())).unwrap_or((0, 0));
            let owners = match (o.archive, from_stream) {
                (true, _) if user == (0, 0) => Owners::Root,
                (true, _) => Owners::All(user.0, user.1),
                (false, true) => Owners::Keep { host: None },
                // Packed here: inside rpod's namespace the archive already names its ids.
                (false, false) if crate::runtime::userns::in_user_namespace() => Owners::Keep { host: None },
                (false, false) => Owners::Keep { host: Some((nix::unistd::getuid().as_raw(), nix::unistd::getgid().as_raw())) },
            };
            let child = root.run(move || {
                let mut f = std::fs::File::from(r);
                unpack_in_container(&mut f, &dest, from_stream, overwrite, owners)
            })?;
            let mut w = std::fs::File::from(w);
            let res = match src {
                CpPath::Stream => std::io::copy(input, &mut w).map(drop).context("reading the tar stream"),
                CpPath::Host(p) => pack(p, &mut w),
                CpPath::Container { .. } => unreachable!(),
            };
            drop(w);
            let status = child.wait()?;
            status?;
            res.map_err(Error::from)
        }
        (CpPath::Container { .. }, CpPath::Container { .. }) => Err(Error::bad_input("copying between containers is not supported")),
        _ => Err(Error::bad_input("one of the paths must be a container path: CONTAINER:PATH")),
    }
}

fn abs(p: &str) -> String {
    if p.starts_with('/') {
        p.to_string()
    } else {
        format!("/{p}")
    }
}

fn io_why(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        _ => e.to_string(),
    }
}

fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    Ok(nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("creating a pipe")?)
}

/// Tar `src` (a file, a directory, or `DIR/.` for its content) onto `w`,
/// symlinks as symlinks. The top-level path itself is resolved (its links
/// followed) in the current root.
fn pack(p: &Path, w: &mut dyn Write) -> anyhow::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let bytes = p.as_os_str().as_bytes();
    let content_only = bytes.ends_with(b"/.") || bytes == b".";
    let src = p.display();
    let real = std::fs::canonicalize(p).map_err(|e| anyhow!("{src}: {}", io_why(&e)))?;
    let md = std::fs::metadata(&real).with_context(|| format!("reading {src}"))?;
    let mut b = tar::Builder::new(w);
    b.follow_symlinks(false);
    let name = real.file_name().map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    if md.is_dir() {
        if content_only { b.append_dir_all(".", &real) } else { b.append_dir_all(&name, &real) }.with_context(|| format!("archiving {src}"))?;
    } else {
        let mut f = std::fs::File::open(&real).with_context(|| format!("opening {src}"))?;
        b.append_file(&name, &mut f).with_context(|| format!("archiving {src}"))?;
    }
    b.into_inner().context("finishing the archive")?.flush()?;
    Ok(())
}

/// Unpack an archive made by [`pack`]: into `dest` when it is an existing
/// directory, else as `dest` itself.
fn unpack_to(r: &mut dyn Read, dest: &Path, overwrite: bool, into_existing_dir: bool, owners: Owners) -> anyhow::Result<()> {
    let parent =
        if into_existing_dir { dest.to_path_buf() } else { dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf() };
    if !into_existing_dir && !parent.is_dir() {
        bail!("{}: no such file or directory", parent.display());
    }
    // Unpack into a fresh directory beside the destination, then move the
    // one top-level entry into place: a half-done copy never shows.
    let stage = parent.join(crate::storage::atomic::unique_name(".rpod-cp-"));
    std::fs::create_dir(&stage).with_context(|| format!("creating {}", stage.display()))?;
    let res = (|| -> anyhow::Result<()> {
        let mut a = tar::Archive::new(r);
        a.set_preserve_permissions(true);
        a.set_preserve_mtime(true);
        a.set_overwrite(true);
        if owners == Owners::Root {
            a.unpack(&stage).context("unpacking")?;
        } else {
            unpack_owned(&mut a, &stage, owners).context("unpacking")?;
        }
        let entries: Vec<_> = std::fs::read_dir(&stage)?.collect::<std::io::Result<_>>()?;
        for e in entries {
            let target = if into_existing_dir { dest.join(e.file_name()) } else { dest.to_path_buf() };
            place(&e.path(), &target, overwrite)?;
        }
        Ok(())
    })();
    let _ = crate::storage::remove_tree(&stage);
    res
}

/// [`tar::Archive::unpack`] (directories last, deepest first, so their
/// modes and times hold), each entry then given the owner `owners` says:
/// `lchown` (a link's own owner), then the mode again, as a chown clears
/// setuid and setgid bits. Runs as container root inside the container's
/// root: a path a running container swaps for a link meanwhile leads
/// nowhere container root could not write anyway.
fn unpack_owned<R: Read>(a: &mut tar::Archive<R>, stage: &Path, owners: Owners) -> anyhow::Result<()> {
    let mut dirs = Vec::new();
    for e in a.entries()? {
        let mut e = e?;
        if e.header().entry_type().is_dir() {
            dirs.push(e);
        } else if e.unpack_in(stage)? {
            give(&e, stage, owners)?;
        }
    }
    dirs.sort_by(|a, b| b.path_bytes().cmp(&a.path_bytes()));
    for mut d in dirs {
        if d.unpack_in(stage)? {
            give(&d, stage, owners)?;
        }
    }
    Ok(())
}

/// The owner [`Owners`] says for entry `e`, unpacked under `at`.
fn give<R: Read>(e: &tar::Entry<'_, R>, at: &Path, owners: Owners) -> anyhow::Result<()> {
    let h = e.header();
    let Some((uid, gid)) = owners.of(h.uid()?, h.gid()?) else { return Ok(()) };
    let name = e.path()?;
    let path = at.join(&name);
    std::os::unix::fs::lchown(&path, Some(uid), Some(gid)).with_context(|| format!("setting the owner of {} to {uid}:{gid}", name.display()))?;
    let mode = h.mode()?;
    if mode & 0o6000 != 0 && !h.entry_type().is_symlink() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode & 0o7777))?;
    }
    Ok(())
}

/// Move `from` to `to`; an existing directory takes the content of a
/// directory (merged), an existing file is replaced by a file; a file
/// replacing a directory or the reverse needs `overwrite`.
fn place(from: &Path, to: &Path, overwrite: bool) -> anyhow::Result<()> {
    let src_dir = std::fs::symlink_metadata(from)?.is_dir();
    match std::fs::symlink_metadata(to) {
        Err(_) => std::fs::rename(from, to).with_context(|| format!("creating {}", to.display())),
        Ok(m) if m.is_dir() && src_dir => {
            for e in std::fs::read_dir(from)? {
                let e = e?;
                place(&e.path(), &to.join(e.file_name()), overwrite)?;
            }
            Ok(())
        }
        Ok(m) if m.is_dir() != src_dir && !overwrite => {
            bail!(
                "cannot overwrite {} {} with a {}: use --overwrite",
                if m.is_dir() { "directory" } else { "non-directory" },
                to.display(),
                if src_dir { "directory" } else { "non-directory" }
            )
        }
        Ok(m) => {
            if m.is_dir() {
                crate::storage::remove_tree(to)?;
            } else if src_dir {
                std::fs::remove_file(to).with_context(|| format!("replacing {}", to.display()))?;
            }
            std::fs::rename(from, to).with_context(|| format!("replacing {}", to.display()))
        }
    }
}

fn unpack_on_host(r: &mut dyn Read, dest: &Path, overwrite: bool) -> anyhow::Result<()> {
    let into = dest.is_dir();
    unpack_to(r, dest, overwrite, into, Owners::Root)
}

/// In the container's root: unpack the stream at `dest` (a `-` stream
/// goes into the existing directory `dest`).
fn unpack_in_container(r: &mut dyn Read, dest: &str, from_stream: bool, overwrite: bool, owners: Owners) -> anyhow::Result<()> {
    let d = Path::new(dest);
    let into = match std::fs::metadata(d) {
        Ok(m) => m.is_dir(),
        Err(_) if from_stream => bail!("{dest}: no such directory in the container"),
        Err(_) => false,
    };
    if from_stream && !into {
        bail!("{dest} is not a directory in the container");
    }
    // The directory is resolved (links followed) inside this root.
    let real = if into {
        std::fs::canonicalize(d)?
    } else {
        d.parent().map(std::fs::canonicalize).transpose()?.unwrap_or_default().join(d.file_name().unwrap_or_default())
    };
    unpack_to(r, &real, overwrite, into, owners)
}

/// Where the helper's root comes from.
enum ContainerRoot {
    /// The running container's init: join its user and mount namespaces.
    Running { user: std::fs::File, mnt: std::fs::File },
    /// A stopped container: mount its root privately and chroot into it.
    /// `map`: the user namespace to enter first (`None`: already in rpod's).
    Stopped { plan: Box<crate::runtime::rootfs::RootfsPlan>, map: Option<crate::runtime::userns::IdMap> },
}

struct Helper {
    pid: nix::unistd::Pid,
    err: std::fs::File,
}

impl Helper {
    /// Wait for the helper; `Err` carries its message.
    fn wait(self) -> Result<Result<(), Error>> {
        let mut msg = String::new();
        let mut err = self.err;
        let _ = err.read_to_string(&mut msg);
        let status = nix::sys::wait::waitpid(self.pid, None).context("waiting for the copy helper")?;
        Ok(match status {
            nix::sys::wait::WaitStatus::Exited(_, 0) => Ok(()),
            _ if !msg.trim().is_empty() => Err(Error::bad_input(msg.trim().to_string())),
            other => Err(anyhow!("the copy helper failed ({other:?})").into()),
        })
    }
}

impl ContainerRoot {
    fn of(engine: &Engine, rec: &crate::container::ContainerRecord) -> Result<ContainerRoot> {
        let store = super::container::containers(engine)?;
        let st = store.state(&rec.id)?;
        if let Some(pid) = st.pid.filter(|p| p.alive() && matches!(st.status, Status::Running | Status::Paused)) {
            let open = |n: &str| std::fs::File::open(format!("/proc/{}/ns/{n}", pid.pid)).with_context(|| format!("opening the container's {n} namespace"));
            return Ok(ContainerRoot::Running { user: open("user")?, mnt: open("mnt")? });
        }
        if engine.content_access {
            return Err(anyhow!("cp of a stopped container must start outside rpod's user namespace (internal error)").into());
        }
        let cdir = store.dir(&rec.id);
        let plan = crate::runtime::rootfs::RootfsPlan {
            // fuse-overlayfs keep-id containers' upper directories hold rpod's
            // default ids, which native overlay in rpod's mapping shows as
            // they are; containers on shifted layers are entered in their own mapping.
            driver: if rec.driver == "vfs" || rec.driver == "rootfs" { rec.driver.clone() } else { "overlay".into() },
            lower: crate::container::spec::container_lower_dirs(&engine.store, rec),
            upper: match &rec.rootfs {
                Some(r) if rec.driver == "rootfs" => r.path.clone(),
                _ => cdir.join("diff"),
            },
            work: cdir.join("work"),
            merged: cdir.join("merged"),
            fuse_mapping: None,
            volatile: false,
            pin: crate::container::spec::container_shift(rec).is_some_and(|s| s.leaves_out_user()),
        };
        let own = crate::container::spec::container_shift(rec).and_then(|_| crate::container::spec::container_idmap(&rec.spec));
        let map = match own {
            Some(m) => m,
            None => crate::runtime::userns::IdMap::for_current_user()?,
        };
        Ok(ContainerRoot::Stopped { plan: Box::new(plan), map: Some(map) })
    }

    /// Fork the helper: it enters the root, then runs `f`; an error is
    /// written to the returned helper's error pipe.
    fn run(self, f: impl FnOnce() -> anyhow::Result<()>) -> Result<Helper> {
        self.run_in(false, f)
    }

    /// [`run`](Self::run); with `rootfs_only`, the root is the container's
    /// root file system alone, without the mounts on it (`/proc`, `/dev`,
    /// volumes): what `export` archives.
    fn run_in(self, rootfs_only: bool, f: impl FnOnce() -> anyhow::Result<()>) -> Result<Helper> {
        if crate::runtime::userns::threads() > 1 {
            return Err(anyhow!("cp needs a single-threaded rpod (internal error)").into());
        }
        let (er, ew) = pipe()?;
        // SAFETY: the process is single-threaded (checked above); the child
        // only runs rpod's own code and leaves with _exit.
        match unsafe { nix::unistd::fork() }.context("forking the copy helper")? {
            nix::unistd::ForkResult::Parent { child } => {
                drop(ew);
                Ok(Helper { pid: child, err: std::fs::File::from(er) })
            }
            nix::unistd::ForkResult::Child => {
                drop(er);
                let res = self.enter(rootfs_only).and_then(|fuse| {
                    let r = f();
                    if let Some(pid) = fuse {
                        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
                    }
                    r
                });
                let code = match res {
                    Ok(()) => 0,
                    Err(e) => {
                        let mut w = std::fs::File::from(ew);
                        let _ = write!(w, "{e:#}");
                        1
                    }
                };
                // SAFETY: leaving the forked child without running the parent's destructors.
                unsafe { libc::_exit(code) }
            }
        }
    }

    /// In the helper: make the container's root our root.
    fn enter(self, rootfs_only: bool) -> anyhow::Result<Option<nix::unistd::Pid>> {
        use nix::sched::CloneFlags;
        // Nothing in the container may reach into this process.
        nix::sys::prctl::set_dumpable(false).context("PR_SET_DUMPABLE")?;
        let mut fuse = None;
        match self {
            ContainerRoot::Running { user, mnt } => {
                nix::sched::setns(&user, CloneFlags::CLONE_NEWUSER).context("joining the container's user namespace")?;
                nix::sched::setns(&mnt, CloneFlags::CLONE_NEWNS).context("joining the container's mount namespace")?;
                drop((user, mnt));
                // Container root, as the setup process that mounted its root
                // (a FUSE root answers only its mounter's ids).
                let _ = nix::unistd::setgroups(&[]);
                nix::unistd::setresgid(0.into(), 0.into(), 0.into()).context("setresgid(0)")?;
                nix::unistd::setresuid(0.into(), 0.into(), 0.into()).context("setresuid(0)")?;
                nix::sys::prctl::set_dumpable(false).context("PR_SET_DUMPABLE")?;
                if rootfs_only {
                    // A private copy of the container's mounts, then a
                    // non-recursive bind of its root stacked on /proc: the
                    // root without what is mounted on it.
                    use nix::mount::MsFlags;
                    nix::sched::unshare(CloneFlags::CLONE_NEWNS).context("creating a mount namespace")?;
                    nix::mount::mount(None::<&str>, "/", None::<&str>, MsFlags::MS_REC | MsFlags::MS_PRIVATE, None::<&str>).context("making / private")?;
                    nix::mount::mount(Some("/"), "/proc", None::<&str>, MsFlags::MS_BIND, None::<&str>).context("binding the root file system")?;
                    nix::unistd::chroot("/proc").context("entering the root file system")?;
                }
            }
            ContainerRoot::Stopped { mut plan, map } => {
                let private_ns = || -> anyhow::Result<()> {
                    nix::sched::unshare(CloneFlags::CLONE_NEWNS).context("creating a mount namespace")?;
                    nix::mount::mount(None::<&str>, "/", None::<&str>, nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_PRIVATE, None::<&str>)
                        .context("making / private")
                };
                let mut pinned = Vec::new();
                match map {
                    // A namespace without the user's ids: the store is
                    // reached by descriptors opened in the new mount
                    // namespace while we are still the user (runtime::pinned).
                    Some(map) if plan.pin => {
                        pinned = crate::runtime::userns::enter_then(&map, || {
                            private_ns()?;
                            crate::runtime::pinned::pin_plan(&mut plan)
                        })
                        .context("entering the container's user namespace")?;
                    }
                    Some(map) => {
                        crate::runtime::userns::enter(&map).context("entering rpod's user namespace")?;
                        private_ns()?;
                    }
                    None => private_ns()?,
                }
                if plan.pin {
                    pinned.push(crate::runtime::pinned::mount_root(&mut plan)?);
                } else {
                    // Native overlay refused: fuse-overlayfs serves it until the copy is done.
                    fuse = crate::runtime::rootfs::mount_root(&plan)?;
                }
                nix::unistd::chroot(&plan.merged).context("entering the container's root")?;
                drop(pinned);
            }
        }
        nix::unistd::chdir("/").context("chdir /")?;
        Ok(fuse)
    }
}

/// Run `f` in a forked, non-dumpable helper whose root is the overlay of
/// `lower` (top layer first; none: an empty root) with `upper` on top,
/// mounted privately and entered with `chroot`: a build's COPY writes its
/// files there, every destination path resolved inside the image as `cp`
/// resolves container paths. `scratch` (on `upper`'s file system) holds the
/// overlay's work and mount directories. Errors of `f` come back as
/// [`Error::BadInput`].
pub fn in_layers(engine: &Engine, lower: Vec<PathBuf>, upper: &Path, scratch: &Path, f: impl FnOnce() -> anyhow::Result<()>) -> Result<()> {
    let mk = |p: &Path| std::fs::create_dir_all(p).with_context(|| format!("creating {}", p.display()));
    let (work, merged, empty) = (scratch.join("work"), scratch.join("merged"), scratch.join("empty"));
    mk(&work)?;
    mk(&merged)?;
    let lower = if lower.is_empty() {
        mk(&empty)?;
        vec![empty]
    } else {
        lower
    };
    let plan = crate::runtime::rootfs::RootfsPlan {
        driver: "overlay".into(),
        lower,
        upper: upper.to_path_buf(),
        work,
        merged,
        fuse_mapping: None,
        volatile: false,
        pin: false,
    };
    let map = if engine.content_access { None } else { Some(crate::runtime::userns::IdMap::for_current_user()?) };
    let helper = ContainerRoot::Stopped { plan: Box::new(plan), map }.run(f)?;
    helper.wait()?
}

/// `export`: the container's root file system (without volumes and the
/// kernel file systems mounted on it) as a tar stream on `output`.
pub fn export(engine: &Engine, input: &str, output: &mut dyn Write) -> Result<()> {
    let rec = super::container::find(engine, input)?;
    let root = ContainerRoot::of(engine, &rec)?;
    let (r, w) = pipe()?;
    let child = root.run_in(true, move || tar_root(&mut std::fs::File::from(w)))?;
    let mut r = std::fs::File::from(r);
    let res = std::io::copy(&mut r, output).map(drop).context("writing the archive");
    drop(r);
    child.wait()??;
    Ok(res?)
}

/// In a helper whose root is a container's or an image's: tar everything
/// under `/` onto `w`, entries sorted by name (the same tree gives the same
/// bytes), symlinks stored as links (never followed: an absolute link names
/// a path of this root, and the archive holds the link, not what it would
/// reach on the host), hard links as links to their first name, owners,
/// modes and mtimes as this root shows them. Sockets are left out.
fn tar_root(w: &mut dyn Write) -> anyhow::Result<()> {
    let mut b = tar::Builder::new(w);
    let mut seen = HashMap::new();
    tar_dir(&mut b, Path::new("/"), "", &mut seen)?;
    b.into_inner()?.flush()?;
    Ok(())
}

fn tar_dir(b: &mut tar::Builder<&mut dyn Write>, dir: &Path, rel: &str, seen: &mut HashMap<(u64, u64), String>) -> anyhow::Result<()> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let mut names: Vec<std::ffi::OsString> =
        std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))?.map(|e| e.map(|e| e.file_name())).collect::<std::io::Result<_>>()?;
    names.sort();
    for n in names {
        let path = dir.join(&n);
        let name = format!("{rel}{}", n.to_string_lossy());
        let md = std::fs::symlink_metadata(&path).with_context(|| format!("reading {}", path.display()))?;
        let ft = md.file_type();
        if ft.is_socket() {
            continue;
        }
        let mut h = tar::Header::new_gnu();
        h.set_metadata_in_mode(&md, tar::HeaderMode::Complete);
        h.set_mode(md.mode() & 0o7777);
        let what = || format!("archiving {}", path.display());
        if ft.is_dir() {
            h.set_size(0);
            b.append_data(&mut h, format!("{name}/"), std::io::empty()).with_context(what)?;
            tar_dir(b, &path, &format!("{name}/"), seen)?;
        } else if ft.is_symlink() {
            h.set_size(0);
            let target = std::fs::read_link(&path).with_context(what)?;
            let bytes = std::os::unix::ffi::OsStrExt::as_bytes(target.as_os_str());
            if bytes.len() <= 100 {
                // As it is (tar's path cleaning would turn `/` into `//`).
                h.set_link_name_literal(bytes).with_context(what)?;
                b.append_data(&mut h, &name, std::io::empty()).with_context(what)?;
            } else {
                b.append_link(&mut h, &name, target).with_context(what)?;
            }
        } else if ft.is_file() {
            if md.nlink() > 1 {
                if let Some(first) = seen.get(&(md.dev(), md.ino())) {
                    h.set_entry_type(tar::EntryType::Link);
                    h.set_size(0);
                    b.append_link(&mut h, &name, first).with_context(what)?;
                    continue;
                }
                seen.insert((md.dev(), md.ino()), name.clone());
            }
            // Opened without following a link and without blocking, and
            // checked again: a running container may have swapped the file
            // for a link or a FIFO since it was listed.
            use std::os::unix::fs::OpenOptionsExt;
            let f = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(&path).with_context(what)?;
            let fmd = f.metadata().with_context(what)?;
            if !fmd.is_file() {
                continue;
            }
            h.set_metadata_in_mode(&fmd, tar::HeaderMode::Complete);
            h.set_mode(fmd.mode() & 0o7777);
            b.append_data(&mut h, &name, f).with_context(what)?;
        } else {
            // FIFOs and device nodes: the header alone.
            let dev = md.rdev();
            h.set_size(0);
            h.set_device_major(libc::major(dev)).with_context(what)?;
            h.set_device_minor(libc::minor(dev)).with_context(what)?;
            b.append_data(&mut h, &name, std::io::empty()).with_context(what)?;
        }
    }
    Ok(())
}

/// `image export`: the image's flattened root file system (its layers
/// stacked read-only by overlay, so whiteouts and opaque directories are
/// applied) as a tar stream on `output`, archived by a forked helper that
/// entered that root as a build's `COPY --from` does ([`in_layers`]).
pub fn export_image(engine: &Engine, input: &str, output: &mut dyn Write) -> Result<()> {
    let img = super::images::lookup(engine, input)?;
    let lowers: Vec<PathBuf> = img.layers.iter().rev().map(|c| engine.store.layer_diff(c)).collect();
    let scratch = engine.store.stage()?;
    let upper = scratch.dir.join("upper");
    std::fs::create_dir_all(&upper).with_context(|| format!("creating {}", upper.display()))?;
    // The helper writes straight to `output` (inherited across fork; the
    // caller's buffer is empty here and the helper flushes before it exits).
    in_layers(engine, lowers, &upper, &scratch.dir.join("ovl"), || tar_root(output))
}

/// One line of `diff`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `A` added, `C` changed, `D` deleted (Podman's letters).
    pub kind: char,
    pub path: String,
}

/// `diff`: what the container changed in its image, from its upper
/// directory (needs rpod's user namespace to read every file). Whiteouts
/// (0:0 character devices, fuse-overlayfs's `.wh.` files) are deletions; an
/// entry the image has is a change, others are additions. Sorted by path.
pub fn diff(engine: &Engine, input: &str) -> Result<Vec<Change>> {
    let rec = super::container::find(engine, input)?;
    if rec.driver == "vfs" {
        return Err(Error::bad_input("diff of a vfs container is not supported yet (its upper directory is a full copy)"));
    }
    if rec.driver == "rootfs" {
        return Err(Error::bad_input(format!(
            "container {} runs on a --rootfs directory, which has no image to compare with (--rootfs DIR:O keeps changes apart and can be diffed)",
            rec.name
        )));
    }
    let store = super::container::containers(engine)?;
    let upper = store.dir(&rec.id).join("diff");
    let lowers: Vec<OwnedFd> = crate::container::spec::container_lower_dirs(&engine.store, &rec)
        .iter()
        .map(|l| nix::fcntl::open(l, nix::fcntl::OFlag::O_PATH | nix::fcntl::OFlag::O_DIRECTORY | nix::fcntl::OFlag::O_CLOEXEC, nix::sys::stat::Mode::empty()))
        .collect::<nix::Result<_>>()
        .context("opening the image's layers")?;
    let mut out = Vec::new();
    walk_upper(&upper, "", &lowers, &mut out)?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Whether `rel` exists in one of the image's layers, looked up without
/// following any symlink (an image's links never lead rpod to the host).
fn in_image(lowers: &[OwnedFd], rel: &str) -> bool {
    use crate::runtime::resolve::openat2;
    use nix::fcntl::{OFlag, OpenHow, ResolveFlag};
    let how =
        OpenHow::new().flags(OFlag::O_PATH | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC).resolve(ResolveFlag::RESOLVE_BENEATH | ResolveFlag::RESOLVE_NO_SYMLINKS);
    lowers.iter().any(|l| openat2(l, rel, how).is_ok())
}

/// Lists the upper directory through descriptors: each subdirectory is
/// opened `O_NOFOLLOW | O_DIRECTORY` relative to its parent, so a running
/// container that swaps a directory for a symlink to the host between the
/// listing and the descent makes the open fail instead of listing a host
/// directory (CVE-2018-15664 class).
fn walk_upper(dir: &Path, rel: &str, lowers: &[OwnedFd], out: &mut Vec<Change>) -> anyhow::Result<()> {
    use nix::fcntl::{open, OFlag};
    use nix::sys::stat::Mode;
    let flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC;
    let fd = match open(dir, flags, Mode::empty()) {
        Ok(fd) => fd,
        Err(nix::errno::Errno::ENOENT) => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("opening {}", dir.display())),
    };
    walk_upper_fd(fd, rel, lowers, out)
}

fn walk_upper_fd(fd: OwnedFd, rel: &str, lowers: &[OwnedFd], out: &mut Vec<Change>) -> anyhow::Result<()> {
    use nix::fcntl::{openat, AtFlags, OFlag};
    use nix::sys::stat::{fstatat, Mode, SFlag};
    let mut dir = nix::dir::Dir::from_fd(fd).with_context(|| format!("listing {rel}/"))?;
    let mut names = Vec::new();
    for e in dir.iter() {
        let e = e.with_context(|| format!("listing {rel}/"))?;
        let name = e.file_name().to_string_lossy().into_owned();
        if name != "." && name != ".." {
            names.push(name);
        }
    }
    for name in names {
        let st = match fstatat(&dir, name.as_str(), AtFlags::AT_SYMLINK_NOFOLLOW) {
            Ok(st) => st,
            Err(nix::errno::Errno::ENOENT) => continue,
            Err(e) => return Err(e).with_context(|| format!("reading {rel}/{name}")),
        };
        if let Some(gone) = name.strip_prefix(".wh.") {
            if !gone.starts_with(".wh.") {
                out.push(Change { kind: 'D', path: format!("{rel}/{gone}") });
            }
            continue;
        }
        let path = format!("{rel}/{name}");
        let fmt = SFlag::from_bits_truncate(st.st_mode & SFlag::S_IFMT.bits());
        if fmt == SFlag::S_IFCHR && st.st_rdev == 0 {
            out.push(Change { kind: 'D', path });
            continue;
        }
        let kind = if in_image(lowers, path.trim_start_matches('/')) { 'C' } else { 'A' };
        out.push(Change { kind, path: path.clone() });
        if fmt == SFlag::S_IFDIR {
            let flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC;
            match openat(&dir, name.as_str(), flags, Mode::empty()) {
                Ok(child) => walk_upper_fd(child, &path, lowers, out)?,
                // Gone or swapped for a link since the stat: not descended.
                Err(nix::errno::Errno::ENOENT | nix::errno::Errno::ELOOP | nix::errno::Errno::ENOTDIR) => {}
                Err(e) => return Err(e).with_context(|| format!("opening {path}")),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_of_copied_entries() {
        assert_eq!(Owners::Root.of(1000, 1000), None, "container root unpacks as itself");
        assert_eq!(Owners::All(1000, 100).of(0, 0), Some((1000, 100)));
        assert_eq!(Owners::Keep { host: None }.of(1234, 5678), Some((1234, 5678)));
        assert_eq!(Owners::Keep { host: None }.of(1 << 40, 7), Some((65534, 7)), "ids beyond 32 bits are the overflow id");
        let host = Owners::Keep { host: Some((1001, 1002)) };
        assert_eq!(host.of(1001, 1002), Some((0, 0)), "the user's own files are container root's");
        assert_eq!(host.of(0, 4), Some((65534, 65534)), "other host ids are not the container's");
    }
}

//! The container's file system, built inside its user and mount namespaces:
//! overlay mount, the spec's mounts, devices, pivot_root, masked and
//! read-only paths.
//!
//! Every mount target inside the rootfs is opened with
//! `openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS)` and mounted through its
//! `/proc/self/fd` path, so an image whose `/proc`, `/sys` or `/dev/...` is a
//! symlink cannot redirect a mount to the host: it is refused.

use std::ffi::OsStr;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use nix::errno::Errno;
use nix::fcntl::{openat2, OFlag, OpenHow, ResolveFlag};
use nix::mount::{mount, umount2, MntFlags, MsFlags};
use nix::sys::stat::Mode;

/// Where the layers are and how the root is to be assembled.
#[derive(Debug, Clone)]
pub struct RootfsPlan {
    /// `overlay` (native, falling back to fuse-overlayfs), `fuse-overlayfs`, or `vfs`
    /// (`upper` then holds a full copy of the image, bind-mounted).
    pub driver: String,
    /// Lower directories, top layer first.
    pub lower: Vec<PathBuf>,
    pub upper: PathBuf,
    pub work: PathBuf,
    pub merged: PathBuf,
}

fn beneath(dir: &OwnedFd, rel: &str, flags: OFlag) -> Result<OwnedFd, Errno> {
    let how = OpenHow::new()
        .flags(flags | OFlag::O_CLOEXEC)
        .resolve(ResolveFlag::RESOLVE_BENEATH | ResolveFlag::RESOLVE_NO_SYMLINKS | ResolveFlag::RESOLVE_NO_MAGICLINKS);
    openat2(dir, OsStr::new(rel.trim_start_matches('/')), how)
}

/// Open (creating as a directory or an empty file) `dest` under `root`
/// without following symlinks; an O_PATH descriptor to mount on.
fn target(root: &OwnedFd, dest: &str, file: bool) -> Result<OwnedFd> {
    let rel = dest.trim_start_matches('/');
    if rel.is_empty() {
        return beneath(root, ".", OFlag::O_PATH).map_err(|e| anyhow::anyhow!("opening rootfs: {e}"));
    }
    match beneath(root, rel, OFlag::O_PATH) {
        Ok(fd) => return Ok(fd),
        Err(Errno::ELOOP) | Err(Errno::EXDEV) => bail!("refusing to mount on {dest}: it is a symlink in the image"),
        Err(Errno::ENOENT) => {}
        Err(e) => bail!("opening mount target {dest}: {e}"),
    }
    // Create missing components.
    let comps: Vec<&str> = rel.split('/').filter(|c| !c.is_empty()).collect();
    let mut cur = String::new();
    for (i, c) in comps.iter().enumerate() {
        let parent = if cur.is_empty() { beneath(root, ".", OFlag::O_DIRECTORY) } else { beneath(root, &cur, OFlag::O_DIRECTORY) }
            .map_err(|e| match e {
                Errno::ELOOP | Errno::EXDEV => anyhow::anyhow!("refusing to mount on {dest}: {cur} is a symlink in the image"),
                e => anyhow::anyhow!("opening {cur} for mount target {dest}: {e}"),
            })?;
        let last = i + 1 == comps.len();
        let r = if last && file {
            nix::fcntl::openat(&parent, OsStr::new(c), OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_WRONLY | OFlag::O_CLOEXEC | OFlag::O_NOFOLLOW, Mode::from_bits_truncate(0o644)).map(drop)
        } else {
            nix::sys::stat::mkdirat(&parent, OsStr::new(c), Mode::from_bits_truncate(0o755))
        };
        match r {
            Ok(()) | Err(Errno::EEXIST) => {}
            Err(e) => bail!("creating mount target {dest}: {e}"),
        }
        if !cur.is_empty() {
            cur.push('/');
        }
        cur.push_str(c);
    }
    beneath(root, rel, OFlag::O_PATH).map_err(|e| match e {
        Errno::ELOOP | Errno::EXDEV => anyhow::anyhow!("refusing to mount on {dest}: it is a symlink in the image"),
        e => anyhow::anyhow!("opening mount target {dest}: {e}"),
    })
}

fn fd_path(fd: &OwnedFd) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()))
}

/// Split mount options into flags and file-system data.
pub fn parse_options(opts: &[String]) -> (MsFlags, String) {
    let mut flags = MsFlags::empty();
    let mut data = Vec::new();
    for o in opts {
        match o.as_str() {
            "ro" => flags |= MsFlags::MS_RDONLY,
            "rw" => flags &= !MsFlags::MS_RDONLY,
            "nosuid" => flags |= MsFlags::MS_NOSUID,
            "nodev" => flags |= MsFlags::MS_NODEV,
            "noexec" => flags |= MsFlags::MS_NOEXEC,
            "strictatime" => flags |= MsFlags::MS_STRICTATIME,
            "relatime" => flags |= MsFlags::MS_RELATIME,
            "noatime" => flags |= MsFlags::MS_NOATIME,
            "bind" => flags |= MsFlags::MS_BIND,
            "rbind" => flags |= MsFlags::MS_BIND | MsFlags::MS_REC,
            "private" | "rprivate" | "shared" | "rshared" | "slave" | "rslave" => {}
            other => data.push(other.to_string()),
        }
    }
    (flags, data.join(","))
}

fn overlay_data(plan: &RootfsPlan) -> String {
    let lower: Vec<String> = plan.lower.iter().map(|p| p.display().to_string()).collect();
    format!("lowerdir={},upperdir={},workdir={}", lower.join(":"), plan.upper.display(), plan.work.display())
}

fn fuse_overlayfs(plan: &RootfsPlan) -> Result<()> {
    let status = std::process::Command::new("fuse-overlayfs")
        .arg("-o")
        .arg(overlay_data(plan))
        .arg(&plan.merged)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status()
        .context("running fuse-overlayfs (install the fuse-overlayfs package, or use --storage-driver vfs)")?;
    if !status.success() {
        bail!("fuse-overlayfs failed ({status}); is /dev/fuse usable by this user?");
    }
    Ok(())
}

/// Mount the container's root at `plan.merged` with the plan's driver.
pub fn mount_root(plan: &RootfsPlan) -> Result<()> {
    match plan.driver.as_str() {
        "vfs" => mount(Some(&plan.upper), &plan.merged, None::<&str>, MsFlags::MS_BIND | MsFlags::MS_REC, None::<&str>)
            .with_context(|| format!("binding the vfs root {}", plan.upper.display())),
        "fuse-overlayfs" => fuse_overlayfs(plan),
        _ => {
            let data = format!("{},userxattr", overlay_data(plan));
            match mount(Some("overlay"), &plan.merged, Some("overlay"), MsFlags::empty(), Some(data.as_str())) {
                Ok(()) => Ok(()),
                Err(native) => fuse_overlayfs(plan).with_context(|| {
                    format!("native overlayfs refused ({native}; it needs Linux 5.11 in a user namespace) and fuse-overlayfs failed too")
                }),
            }
        }
    }
}

/// Whether native overlayfs can be mounted in a user namespace here (for `info`).
pub fn probe_native_overlay(scratch: &Path) -> bool {
    let dirs: Vec<PathBuf> = ["l", "u", "w", "m"].iter().map(|d| scratch.join(d)).collect();
    for d in &dirs {
        if std::fs::create_dir_all(d).is_err() {
            return false;
        }
    }
    let uid = nix::unistd::getuid();
    let gid = nix::unistd::getgid();
    // SAFETY: the child only makes syscalls and _exits; the caller is single-threaded.
    let ok = match unsafe { nix::unistd::fork() } {
        Ok(nix::unistd::ForkResult::Child) => {
            let r = (|| -> Option<()> {
                nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWUSER | nix::sched::CloneFlags::CLONE_NEWNS).ok()?;
                std::fs::write("/proc/self/setgroups", "deny").ok()?;
                std::fs::write("/proc/self/uid_map", format!("0 {uid} 1")).ok()?;
                std::fs::write("/proc/self/gid_map", format!("0 {gid} 1")).ok()?;
                let data = format!("lowerdir={},upperdir={},workdir={},userxattr", dirs[0].display(), dirs[1].display(), dirs[2].display());
                mount(Some("overlay"), &dirs[3], Some("overlay"), MsFlags::empty(), Some(data.as_str())).ok()
            })();
            // SAFETY: _exit in the forked child.
            unsafe { libc::_exit(if r.is_some() { 0 } else { 1 }) }
        }
        Ok(nix::unistd::ForkResult::Parent { child }) => matches!(nix::sys::wait::waitpid(child, None), Ok(nix::sys::wait::WaitStatus::Exited(_, 0))),
        Err(_) => false,
    };
    let _ = std::fs::remove_dir_all(scratch);
    ok
}

/// Set up every mount of the spec under `rootfs` and the device nodes.
pub fn mount_all(rootfs: &Path, spec: &oci_spec::runtime::Spec) -> Result<()> {
    let root = nix::fcntl::open(rootfs, OFlag::O_DIRECTORY | OFlag::O_RDONLY | OFlag::O_CLOEXEC, Mode::empty())
        .with_context(|| format!("opening rootfs {}", rootfs.display()))?;
    for m in spec.mounts().as_deref().unwrap_or_default() {
        let dest = m.destination().display().to_string();
        let typ = m.typ().clone().unwrap_or_default();
        let opts = m.options().clone().unwrap_or_default();
        let (flags, data) = parse_options(&opts);
        let source = m.source().as_ref().map(|s| s.display().to_string()).unwrap_or_default();
        let is_bind = typ == "bind" || flags.contains(MsFlags::MS_BIND);
        let file_target = is_bind && Path::new(&source).metadata().map(|md| !md.is_dir()).unwrap_or(false);
        let fd = target(&root, &dest, file_target)?;
        let at = fd_path(&fd);
        let data_opt = (!data.is_empty()).then_some(data.as_str());
        let result = if is_bind {
            mount(Some(source.as_str()), &at, None::<&str>, MsFlags::MS_BIND | (flags & MsFlags::MS_REC), None::<&str>).and_then(|_| {
                if flags.contains(MsFlags::MS_RDONLY) { remount_ro(&at) } else { Ok(()) }
            })
        } else if typ == "sysfs" {
            mount(Some("sysfs"), &at, Some("sysfs"), flags, data_opt).or_else(|_| {
                // No network namespace of our own: bind the host's /sys read-only.
                mount(Some("/sys"), &at, None::<&str>, MsFlags::MS_BIND | MsFlags::MS_REC, None::<&str>).and_then(|_| remount_ro(&at))
            })
        } else if typ == "mqueue" {
            mount(Some("mqueue"), &at, Some("mqueue"), flags, data_opt).or_else(|_| {
                mount(Some("/dev/mqueue"), &at, None::<&str>, MsFlags::MS_BIND | MsFlags::MS_REC, None::<&str>)
            })
        } else {
            mount(Some(source.as_str()), &at, Some(typ.as_str()), flags, data_opt)
        };
        result.with_context(|| format!("mounting {typ} on {dest}"))?;
    }
    devices(&root)?;
    Ok(())
}

/// Remount a bind mount read-only, keeping the flags the kernel locked on it.
fn remount_ro(at: &Path) -> nix::Result<()> {
    let locked = nix::sys::statvfs::statvfs(at).map(|s| s.flags()).unwrap_or(nix::sys::statvfs::FsFlags::empty());
    let mut flags = MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY;
    use nix::sys::statvfs::FsFlags as F;
    for (f, m) in [(F::ST_NOSUID, MsFlags::MS_NOSUID), (F::ST_NODEV, MsFlags::MS_NODEV), (F::ST_NOEXEC, MsFlags::MS_NOEXEC), (F::ST_NOATIME, MsFlags::MS_NOATIME), (F::ST_NODIRATIME, MsFlags::MS_NODIRATIME), (F::ST_RELATIME, MsFlags::MS_RELATIME)] {
        if locked.contains(f) {
            flags |= m;
        }
    }
    mount(None::<&str>, at, None::<&str>, flags, None::<&str>)
}

/// Bind the host's harmless device nodes into the container's /dev tmpfs.
fn devices(root: &OwnedFd) -> Result<()> {
    for dev in ["null", "zero", "full", "random", "urandom", "tty"] {
        let fd = target(root, &format!("/dev/{dev}"), true)?;
        mount(Some(format!("/dev/{dev}").as_str()), &fd_path(&fd), None::<&str>, MsFlags::MS_BIND, None::<&str>)
            .with_context(|| format!("binding /dev/{dev}"))?;
    }
    let dev = beneath(root, "dev", OFlag::O_DIRECTORY).context("opening /dev")?;
    for (link, to) in [("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2"), ("ptmx", "pts/ptmx"), ("core", "/proc/kcore")] {
        match nix::unistd::symlinkat(to, &dev, link) {
            Ok(()) | Err(Errno::EEXIST) => {}
            Err(e) => bail!("creating /dev/{link}: {e}"),
        }
    }
    Ok(())
}

/// Make `rootfs` the root: pivot_root with the old root stacked and detached.
pub fn pivot(rootfs: &Path) -> Result<()> {
    nix::unistd::chdir(rootfs).with_context(|| format!("chdir {}", rootfs.display()))?;
    nix::unistd::pivot_root(".", ".").context("pivot_root")?;
    umount2(".", MntFlags::MNT_DETACH).context("detaching the old root")?;
    nix::unistd::chdir("/").context("chdir /")?;
    Ok(())
}

/// After pivot_root: hide masked paths, make read-only paths read-only.
pub fn mask_and_protect(masked: &[String], readonly: &[String]) -> Result<()> {
    for p in masked {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => mount(Some("tmpfs"), p.as_str(), Some("tmpfs"), MsFlags::MS_RDONLY, None::<&str>),
            Ok(_) => mount(Some("/dev/null"), p.as_str(), None::<&str>, MsFlags::MS_BIND, None::<&str>),
            Err(_) => continue,
        }
        .with_context(|| format!("masking {p}"))?;
    }
    for p in readonly {
        if std::fs::symlink_metadata(p).is_err() {
            continue;
        }
        mount(Some(p.as_str()), p.as_str(), None::<&str>, MsFlags::MS_BIND | MsFlags::MS_REC, None::<&str>)
            .and_then(|_| remount_ro(Path::new(p)))
            .with_context(|| format!("making {p} read-only"))?;
    }
    Ok(())
}

/// `--read-only`: remount the root read-only.
pub fn readonly_root() -> Result<()> {
    mount(Some("/"), "/", None::<&str>, MsFlags::MS_BIND | MsFlags::MS_REC, None::<&str>).context("binding / for read-only")?;
    remount_ro(Path::new("/")).context("remounting / read-only")
}

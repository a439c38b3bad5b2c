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

/// Start fuse-overlayfs in the foreground, as a child of the calling setup
/// process (which runs in the host's pid namespace: container root cannot
/// see, signal or ptrace it), and wait until the root is mounted. Returns its
/// pid: whoever inherits it ends it when the container is gone.
fn fuse_overlayfs(plan: &RootfsPlan) -> Result<nix::unistd::Pid> {
    use std::os::unix::process::CommandExt;
    const FUSE_SUPER_MAGIC: i64 = 0x6573_5546;
    let mut cmd = std::process::Command::new("fuse-overlayfs");
    cmd.arg("-f").arg("-o").arg(overlay_data(plan)).arg(&plan.merged);
    cmd.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    // SAFETY: setsid in the forked child before exec is async-signal-safe;
    // its own session keeps terminal signals for the container away from it.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let child = cmd.spawn().context("running fuse-overlayfs (install the fuse-overlayfs package, or use --storage-driver vfs)")?;
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut delay = std::time::Duration::from_micros(200);
    loop {
        if nix::sys::statfs::statfs(&plan.merged).is_ok_and(|s| s.filesystem_type().0 as i64 == FUSE_SUPER_MAGIC) {
            return Ok(pid);
        }
        match nix::sys::wait::waitpid(pid, Some(nix::sys::wait::WaitPidFlag::WNOHANG)) {
            Ok(nix::sys::wait::WaitStatus::StillAlive) => {}
            Ok(status) => bail!("fuse-overlayfs failed ({status:?}); is /dev/fuse usable by this user?"),
            Err(e) => bail!("waiting for fuse-overlayfs: {e}"),
        }
        if std::time::Instant::now() > deadline {
            let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
            bail!("fuse-overlayfs did not mount the root within 20 s");
        }
        std::thread::sleep(delay);
        delay = (delay * 2).min(std::time::Duration::from_millis(20));
    }
}

/// Mount the container's root at `plan.merged` with the plan's driver;
/// returns the fuse-overlayfs process when that is what serves it.
pub fn mount_root(plan: &RootfsPlan) -> Result<Option<nix::unistd::Pid>> {
    match plan.driver.as_str() {
        "vfs" => mount(Some(&plan.upper), &plan.merged, None::<&str>, MsFlags::MS_BIND | MsFlags::MS_REC, None::<&str>)
            .with_context(|| format!("binding the vfs root {}", plan.upper.display()))
            .map(|()| None),
        "fuse-overlayfs" => fuse_overlayfs(plan).map(Some),
        _ => {
            let data = format!("{},userxattr", overlay_data(plan));
            match mount(Some("overlay"), &plan.merged, Some("overlay"), MsFlags::empty(), Some(data.as_str())) {
                Ok(()) => Ok(None),
                Err(native) => fuse_overlayfs(plan).map(Some).with_context(|| {
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
                // /proc/self/fd/N still names what lies under the new mount:
                // resolve the path again to set the bind's own flags.
                let mut attrs = 0;
                for (f, a) in [(MsFlags::MS_RDONLY, MOUNT_ATTR_RDONLY), (MsFlags::MS_NOSUID, MOUNT_ATTR_NOSUID), (MsFlags::MS_NODEV, MOUNT_ATTR_NODEV), (MsFlags::MS_NOEXEC, MOUNT_ATTR_NOEXEC)] {
                    if flags.contains(f) {
                        attrs |= a;
                    }
                }
                if attrs == 0 {
                    return Ok(());
                }
                let top = beneath(&root, &dest, OFlag::O_PATH)?;
                set_attrs(&top, attrs, flags.contains(MsFlags::MS_REC))
            })
        } else if typ == "sysfs" {
            // Without a network namespace of our own sysfs cannot be mounted:
            // bind the host's /sys, read-only down to every submount, or fail.
            mount(Some("sysfs"), &at, Some("sysfs"), flags, data_opt).or_else(|_| bind_readonly_recursive("/sys", &fd, &root, &dest))
        } else if typ == "mqueue" {
            mount(Some("mqueue"), &at, Some("mqueue"), flags, data_opt).or_else(|_| bind_readonly_recursive("/dev/mqueue", &fd, &root, &dest))
        } else {
            mount(Some(source.as_str()), &at, Some(typ.as_str()), flags, data_opt)
        };
        result.with_context(|| format!("mounting {typ} on {dest}"))?;
    }
    devices(&root)?;
    Ok(())
}

/// Bind `source` (recursively) onto the target `fd` and make the whole tree
/// read-only, nosuid, nodev and noexec with `mount_setattr(AT_RECURSIVE)`:
/// no writable submount of the host's tree appears in the container.
fn bind_readonly_recursive(source: &str, fd: &OwnedFd, root: &OwnedFd, dest: &str) -> nix::Result<()> {
    mount(Some(source), &fd_path(fd), None::<&str>, MsFlags::MS_BIND | MsFlags::MS_REC, None::<&str>)?;
    // The bind is stacked on the target: resolve the path again to reach it.
    let top = beneath(root, dest, OFlag::O_PATH | OFlag::O_DIRECTORY)?;
    set_readonly_recursive(&top)
}

/// `struct mount_attr` of mount_setattr(2).
#[repr(C)]
struct MountAttr {
    attr_set: u64,
    attr_clr: u64,
    propagation: u64,
    userns_fd: u64,
}

const MOUNT_ATTR_RDONLY: u64 = 0x1;
const MOUNT_ATTR_NOSUID: u64 = 0x2;
const MOUNT_ATTR_NODEV: u64 = 0x4;
const MOUNT_ATTR_NOEXEC: u64 = 0x8;

/// Make the mount at `fd` and every mount below it read-only (and nosuid,
/// nodev, noexec). Adding flags is allowed even on locked mounts.
pub fn set_readonly_recursive(fd: &OwnedFd) -> nix::Result<()> {
    set_attrs(fd, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC, true)
}

/// Add mount attributes (`MOUNT_ATTR_*`) to the mount at `fd`, and to every
/// mount below it when `recursive`.
fn set_attrs(fd: &OwnedFd, attrs: u64, recursive: bool) -> nix::Result<()> {
    let attr = MountAttr { attr_set: attrs, attr_clr: 0, propagation: 0, userns_fd: 0 };
    let flags = libc::AT_EMPTY_PATH | if recursive { libc::AT_RECURSIVE } else { 0 };
    // SAFETY: mount_setattr reads `attr` (size given) and the empty path with
    // AT_EMPTY_PATH names the descriptor itself; no memory is written.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            fd.as_raw_fd(),
            c"".as_ptr(),
            flags as libc::c_uint,
            &attr as *const MountAttr,
            std::mem::size_of::<MountAttr>(),
        )
    };
    if rc == 0 { Ok(()) } else { Err(Errno::last()) }
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

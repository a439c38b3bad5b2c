//! The container's file system, built inside its user and mount namespaces:
//! overlay mount, the spec's mounts, devices, pivot_root, propagation,
//! masked and read-only paths.
//!
//! Every mount target inside the rootfs is opened with
//! `openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS)` and mounted through its
//! `/proc/self/fd` path, so an image whose `/proc`, `/sys` or `/dev/...` is a
//! symlink cannot redirect a mount to the host: it is refused. Masked and
//! read-only paths, set up after `pivot_root`, are opened with
//! `RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS` and mounted the same way.
//!
//! Every call that changes mounts goes through a [`Syscall`]: the functions
//! ending in `_with` take one (unit tests pass a [`RecordingSyscall`]
//! (crate::runtime::syscall::RecordingSyscall) and check the calls), the
//! others are the same with the real kernel. Looking paths up and creating
//! empty mount targets stay real: tests use a temporary directory as rootfs.

use std::ffi::OsStr;
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};

use crate::runtime::resolve::openat2;
use anyhow::{bail, Context, Result};
use nix::errno::Errno;
use nix::fcntl::{OFlag, OpenHow, ResolveFlag};
use nix::mount::{MntFlags, MsFlags};
use nix::sys::stat::Mode;

use super::syscall::{LinuxSyscall, Loc, MountAttr, Syscall, MOUNT_ATTR_NODEV, MOUNT_ATTR_NOEXEC, MOUNT_ATTR_NOSUID, MOUNT_ATTR_RDONLY};

/// Where the layers are and how the root is to be assembled.
#[derive(Debug, Clone, Default)]
pub struct RootfsPlan {
    /// `overlay` (native, falling back to fuse-overlayfs), `fuse-overlayfs`, `vfs`
    /// (`upper` then holds a full copy of the image, bind-mounted) or `rootfs`
    /// (`upper` is a `--rootfs` directory, bind-mounted).
    pub driver: String,
    /// Lower directories, top layer first.
    pub lower: Vec<PathBuf>,
    pub upper: PathBuf,
    pub work: PathBuf,
    pub merged: PathBuf,
    /// fuse-overlayfs `uidmapping=`/`gidmapping=` (`--userns=keep-id`): the
    /// layers shown shifted into the container's ids, nothing copied.
    pub fuse_mapping: Option<(String, String)>,
    /// Native overlay with `volatile` (`--rm` containers, as Podman does):
    /// no sync of the upper file system, above all none when the mount goes
    /// away with the container's last process, which otherwise syncs the
    /// whole file system holding the store before the exit is reported.
    pub volatile: bool,
    /// The container's user namespace lacks the user's own ids: the setup
    /// process reaches the plan's directories and the bind sources by
    /// descriptors opened before it becomes container root
    /// ([`super::pinned`]).
    pub pin: bool,
}

/// Spec annotations carrying [`RootfsPlan::fuse_mapping`] from create to start.
pub const FUSE_UIDMAPPING: &str = "io.rpod.fuse.uidmapping";
pub const FUSE_GIDMAPPING: &str = "io.rpod.fuse.gidmapping";

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
        let parent = if cur.is_empty() { beneath(root, ".", OFlag::O_DIRECTORY) } else { beneath(root, &cur, OFlag::O_DIRECTORY) }.map_err(|e| match e {
            Errno::ELOOP | Errno::EXDEV => anyhow::anyhow!("refusing to mount on {dest}: {cur} is a symlink in the image"),
            e => anyhow::anyhow!("opening {cur} for mount target {dest}: {e}"),
        })?;
        let last = i + 1 == comps.len();
        let r = if last && file {
            nix::fcntl::openat(
                &parent,
                OsStr::new(c),
                OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_WRONLY | OFlag::O_CLOEXEC | OFlag::O_NOFOLLOW,
                Mode::from_bits_truncate(0o644),
            )
            .map(drop)
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

/// Whether `dest` is where rpod mounts a kernel file system of its own
/// (`/proc`, `/sys`, `/dev` and below): such targets must not be symlinks at
/// all. Every other destination (volumes, binds, tmpfs the user asked for)
/// is resolved inside the root, following symlinks as the container would.
fn kernel_dest(dest: &str) -> bool {
    ["/proc", "/sys", "/dev"].iter().any(|k| dest == *k || dest.strip_prefix(k).is_some_and(|r| r.starts_with('/')))
}

/// Where `dest` really is inside the root: every symlink on the way is
/// read and followed as the container would follow it once `root` is `/`
/// (absolute targets restart at the root, `..` stops at it, at most 40
/// links), giving a path without symlinks (CVE-2021-30465 class: a
/// destination that is, or passes through, a symlink in the image must land
/// inside the root, never on the host). Components that do not exist yet
/// are kept; [`target`] creates them, refusing any symlink it meets (one
/// swapped in meanwhile), so the result never leaves the root.
fn resolve_in_root(root: &OwnedFd, dest: &str) -> Result<String> {
    let mut todo: std::collections::VecDeque<String> = dest.split('/').map(str::to_string).collect();
    let mut done: Vec<String> = Vec::new();
    let mut links = 0;
    let mut missing = false; // a component did not exist: nothing below it does
    while let Some(c) = todo.pop_front() {
        match c.as_str() {
            "" | "." => continue,
            ".." => {
                done.pop();
                continue;
            }
            _ => {}
        }
        if missing {
            done.push(c);
            continue;
        }
        let parent = beneath(root, &if done.is_empty() { ".".to_string() } else { done.join("/") }, OFlag::O_PATH | OFlag::O_DIRECTORY);
        let parent = match parent {
            Ok(p) => p,
            Err(Errno::ENOTDIR) => bail!("mount destination {dest}: /{} is not a directory in the image", done.join("/")),
            Err(e) => bail!("resolving mount destination {dest}: {e}"),
        };
        match nix::fcntl::readlinkat(&parent, OsStr::new(&c)) {
            Ok(target) => {
                links += 1;
                if links > 40 {
                    bail!("mount destination {dest}: too many levels of symbolic links");
                }
                let t = target.to_string_lossy().into_owned();
                if t.starts_with('/') {
                    done.clear();
                }
                for (i, part) in t.split('/').enumerate() {
                    todo.insert(i, part.to_string());
                }
            }
            Err(Errno::EINVAL) => done.push(c), // not a symlink
            Err(Errno::ENOENT) => {
                missing = true;
                done.push(c);
            }
            Err(e) => bail!("resolving mount destination {dest}: {e}"),
        }
    }
    Ok(format!("/{}", done.join("/")))
}

/// The path to mount on for `dest`: itself for rpod's kernel file systems
/// (which must not be symlinks at all), else [`resolve_in_root`].
fn mount_path(root: &OwnedFd, dest: &str) -> Result<String> {
    if kernel_dest(dest) {
        Ok(dest.to_string())
    } else {
        resolve_in_root(root, dest)
    }
}

/// Open `path` (absolute, as seen in the container) under `root` the way a
/// lookup inside the container would go once `root` is `/`: symlinks are
/// followed but stay inside, magic links (`/proc/self/fd/N`) are refused.
fn in_root(root: &OwnedFd, path: &str) -> Result<OwnedFd, Errno> {
    let how = OpenHow::new().flags(OFlag::O_PATH | OFlag::O_CLOEXEC).resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS);
    let rel = path.trim_start_matches('/');
    openat2(root, OsStr::new(if rel.is_empty() { "." } else { rel }), how)
}

/// The bind option (rpod's own) asking for a volume copy-up: see
/// [`crate::runtime::copyup`].
pub const COPYUP: &str = "rpod.copyup";

/// The bind option (rpod's own, from `U`) asking for the source to be
/// chowned to the container's user first: see [`crate::runtime::chown`].
pub const CHOWN: &str = "rpod.chown";

/// The bind option (rpod's own) of a file rpod generated for the container
/// (the added /etc/passwd and /etc/group lines): the file is given to
/// container root first, so it shows as root's, as the image's did. Best
/// effort: where the user's own id is not mapped (`nomap`) it stays as it is.
pub const ROOT_OWNED: &str = "rpod.root-owned";

/// The bind option (rpod's own) of a new volume at create: the first start
/// of the container turns it into [`COPYUP`] or drops it
/// (`engine::volumes::claim_copy_up`); the runtime ignores it.
pub const COPYUP_PENDING: &str = "rpod.copyup-pending";

/// The bind option (rpod's own) of a volume made with `o=uid=,gid=`: a
/// copy-up leaves the volume directory's own owner as it is.
pub const KEEP_OWNER: &str = "rpod.keepowner";

/// The overlay option (rpod's own, from `O` without `upperdir=`): the upper
/// and work directories are emptied before the mount, so what the last run
/// wrote is gone.
pub const VOLATILE: &str = "rpod.volatile";

/// Split mount options into flags and file-system data. Propagation
/// options are left out of both: see [`propagation`].
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
            p if propagation_flag(p).is_some() => {}
            // rpod's own: copy the image's content into a new volume first.
            COPYUP | COPYUP_PENDING | CHOWN | ROOT_OWNED | VOLATILE | KEEP_OWNER => {}
            other => data.push(other.to_string()),
        }
    }
    (flags, data.join(","))
}

/// The flags of `mount(NULL, target, NULL, flags, NULL)` for a propagation
/// name of the OCI spec (`private`, `rshared`, ...).
fn propagation_flag(name: &str) -> Option<MsFlags> {
    let (rec, base) = match name.strip_prefix('r') {
        Some(b @ ("private" | "shared" | "slave" | "unbindable")) => (MsFlags::MS_REC, b),
        _ => (MsFlags::empty(), name),
    };
    let f = match base {
        "private" => MsFlags::MS_PRIVATE,
        "shared" => MsFlags::MS_SHARED,
        "slave" => MsFlags::MS_SLAVE,
        "unbindable" => MsFlags::MS_UNBINDABLE,
        _ => return None,
    };
    Some(f | rec)
}

/// A mount's propagation options, in the order given, as the flags of the
/// calls that apply them once the mount is made.
pub fn propagation(opts: &[String]) -> Vec<MsFlags> {
    opts.iter().filter_map(|o| propagation_flag(o)).collect()
}

/// The spec's `linux.rootfsPropagation` as mount flags for the container's
/// root; `rprivate` when unset (rpod's setup already made every mount of
/// the container's namespace private before building the root).
pub fn root_propagation(spec: &oci_spec::runtime::Spec) -> Result<MsFlags> {
    match spec.linux().as_ref().and_then(|l| l.rootfs_propagation().as_deref()) {
        None | Some("") => Ok(MsFlags::MS_REC | MsFlags::MS_PRIVATE),
        Some(v) => propagation_flag(v)
            .with_context(|| format!("unknown rootfsPropagation {v:?}: use private, shared, slave or unbindable, or their r-prefixed recursive forms")),
    }
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
    let mut cmd = std::process::Command::new(crate::config::storage::fuse_program());
    let mut data = overlay_data(plan);
    if let Some((u, g)) = &plan.fuse_mapping {
        data.push_str(&format!(",uidmapping={u},gidmapping={g}"));
    }
    cmd.arg("-f").arg("-o").arg(data).arg(&plan.merged);
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
        // The field's integer type differs between architectures.
        #[allow(clippy::unnecessary_cast)]
        let is_fuse = |s: nix::sys::statfs::Statfs| s.filesystem_type().0 as i64 == FUSE_SUPER_MAGIC;
        if nix::sys::statfs::statfs(&plan.merged).is_ok_and(is_fuse) {
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
        // Short steps: the container waits on this (a keep-id start, issue 15).
        delay = (delay * 2).min(std::time::Duration::from_millis(1));
    }
}

/// Mount the container's root at `plan.merged` with the plan's driver;
/// returns the fuse-overlayfs process when that is what serves it.
pub fn mount_root(plan: &RootfsPlan) -> Result<Option<nix::unistd::Pid>> {
    mount_root_with(&LinuxSyscall, plan)
}

/// [`mount_root`] through `sys` (fuse-overlayfs, a process, is started for real).
pub fn mount_root_with(sys: &dyn Syscall, plan: &RootfsPlan) -> Result<Option<nix::unistd::Pid>> {
    let merged = Loc::Path(&plan.merged);
    match plan.driver.as_str() {
        // vfs: a full copy of the image in `upper`; rootfs (`--rootfs DIR`):
        // the user's directory in `upper`. Both are bound as they are.
        "vfs" | "rootfs" => sys
            .mount(Some(Loc::Path(&plan.upper)), merged, None, MsFlags::MS_BIND | MsFlags::MS_REC, None)
            .with_context(|| format!("binding the {} root {}", plan.driver, plan.upper.display()))
            .map(|()| None),
        "fuse-overlayfs" => fuse_overlayfs(plan).map(Some),
        _ => {
            let mut data = format!("{},userxattr", overlay_data(plan));
            if plan.volatile {
                data.push_str(",volatile");
            }
            clear_volatile_marker(&plan.work);
            match sys.mount(Some("overlay".into()), merged, Some("overlay"), MsFlags::empty(), Some(data.as_str())) {
                Ok(()) => Ok(None),
                Err(native) => fuse_overlayfs(plan)
                    .map(Some)
                    .with_context(|| format!("native overlayfs refused ({native}; it needs Linux 5.11 in a user namespace) and fuse-overlayfs failed too")),
            }
        }
    }
}

/// A `volatile` overlay leaves `WORK/work/incompat/volatile/dirty`, and the
/// kernel refuses every later mount of that work directory while it exists
/// (the upper directory may be torn if the machine crashed meanwhile). It is
/// only ever made by `--rm` containers, whose writable layer is deleted when
/// they exit and is not promised to survive a crash (as with Podman): a
/// restart (`--restart` with `--rm`, `cp` into a container whose removal is
/// pending) mounts again after removing it. Best effort, in the setup
/// process (the directories are mode 000, owned by the container's root);
/// `unlink`/`rmdir` follow no final symlink, and only the user (never the
/// container) can reach the store.
pub(crate) fn clear_volatile_marker(work: &Path) {
    let marker = work.join("work/incompat/volatile");
    if std::fs::remove_file(marker.join("dirty")).is_ok() {
        let _ = std::fs::remove_dir(&marker);
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
                nix::mount::mount(Some("overlay"), &dirs[3], Some("overlay"), MsFlags::empty(), Some(data.as_str())).ok()
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
    mount_all_with(&LinuxSyscall, rootfs, spec)
}

/// [`mount_all`] through `sys`.
pub fn mount_all_with(sys: &dyn Syscall, rootfs: &Path, spec: &oci_spec::runtime::Spec) -> Result<()> {
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
        let path = mount_path(&root, &dest)?;
        let fd = target(&root, &path, file_target)?;
        if is_bind && opts.iter().any(|o| o == COPYUP) {
            super::copyup::copy_up(&fd, &source, opts.iter().any(|o| o == KEEP_OWNER)).with_context(|| format!("filling the volume mounted on {dest}"))?;
        }
        // `U`: chown what is then mounted, through one descriptor opened
        // without following any symlink (the bind is made from it too).
        // ROOT_OWNED: the same for a file rpod generated, to container root,
        // best effort.
        let (chown, root_owned) = (opts.iter().any(|o| o == CHOWN), opts.iter().any(|o| o == ROOT_OWNED));
        let pinned = if is_bind && (chown || root_owned) {
            let src = super::chown::open_source(&source)?;
            let user = spec.process().as_ref().map(|p| (p.user().uid(), p.user().gid()));
            let (uid, gid) = if chown { user.unwrap_or((0, 0)) } else { (0, 0) };
            match super::chown::chown_tree(&src, uid, gid, Path::new(&source)) {
                Err(e) if chown => return Err(e),
                Err(e) => tracing::debug!("{dest} stays with its owner: {e:#}"),
                Ok(()) => {}
            }
            Some(src)
        } else {
            None
        };
        if typ == "overlay" && opts.iter().any(|o| o == VOLATILE) {
            fresh_overlay_dirs(&opts).with_context(|| format!("emptying the overlay's upper directory for {dest}"))?;
        }
        let at = Loc::Fd(fd.as_fd(), &dest);
        let data_opt = (!data.is_empty()).then_some(data.as_str());
        let result = if is_bind {
            let from = match &pinned {
                Some(src) => Loc::Fd(src.as_fd(), &source),
                None => source.as_str().into(),
            };
            sys.mount(Some(from), at, None, MsFlags::MS_BIND | (flags & MsFlags::MS_REC), None).and_then(|_| {
                // /proc/self/fd/N still names what lies under the new mount:
                // resolve the path again to set the bind's own flags.
                let mut attrs = 0;
                for (f, a) in [
                    (MsFlags::MS_RDONLY, MOUNT_ATTR_RDONLY),
                    (MsFlags::MS_NOSUID, MOUNT_ATTR_NOSUID),
                    (MsFlags::MS_NODEV, MOUNT_ATTR_NODEV),
                    (MsFlags::MS_NOEXEC, MOUNT_ATTR_NOEXEC),
                ] {
                    if flags.contains(f) {
                        attrs |= a;
                    }
                }
                if attrs == 0 {
                    return Ok(());
                }
                let top = beneath(&root, &path, OFlag::O_PATH)?;
                set_attrs(sys, Loc::Fd(top.as_fd(), &dest), attrs, flags.contains(MsFlags::MS_REC))
            })
        } else if typ == "sysfs" {
            // Without a network namespace of our own sysfs cannot be mounted:
            // bind the host's /sys, read-only down to every submount, or fail.
            sys.mount(Some("sysfs".into()), at, Some("sysfs"), flags, data_opt).or_else(|_| bind_readonly_recursive(sys, "/sys", &fd, &root, &dest))
        } else if typ == "mqueue" {
            sys.mount(Some("mqueue".into()), at, Some("mqueue"), flags, data_opt).or_else(|_| bind_readonly_recursive(sys, "/dev/mqueue", &fd, &root, &dest))
        } else {
            sys.mount(Some(source.as_str().into()), at, Some(typ.as_str()), flags, data_opt)
        };
        result.with_context(|| format!("mounting {typ} on {dest}"))?;
        for p in propagation(&opts) {
            // Like the bind's flags, propagation belongs to the new mount on top.
            beneath(&root, &path, OFlag::O_PATH)
                .and_then(|top| sys.mount(None, Loc::Fd(top.as_fd(), &dest), None, p, None))
                .with_context(|| format!("setting the propagation of {dest} ({p:?})"))?;
        }
    }
    devices(sys, &root)?;
    Ok(())
}

/// Remove and recreate an rpod-made overlay volume's `upperdir=` and
/// `workdir=` (inside the container's user namespace, which owns what the
/// last run left there). `remove_dir_all` does not follow symlinks.
fn fresh_overlay_dirs(opts: &[String]) -> Result<()> {
    for o in opts {
        if let Some(d) = o.strip_prefix("upperdir=").or_else(|| o.strip_prefix("workdir=")) {
            crate::storage::remove_tree(Path::new(d)).with_context(|| format!("removing {d}"))?;
            std::fs::create_dir_all(d).with_context(|| format!("creating {d}"))?;
        }
    }
    Ok(())
}

/// Bind `source` (recursively) onto the target `fd` and make the whole tree
/// read-only, nosuid, nodev and noexec with `mount_setattr(AT_RECURSIVE)`:
/// no writable submount of the host's tree appears in the container.
fn bind_readonly_recursive(sys: &dyn Syscall, source: &str, fd: &OwnedFd, root: &OwnedFd, dest: &str) -> nix::Result<()> {
    sys.mount(Some(source.into()), Loc::Fd(fd.as_fd(), dest), None, MsFlags::MS_BIND | MsFlags::MS_REC, None)?;
    // The bind is stacked on the target: resolve the path again to reach it.
    let top = beneath(root, dest, OFlag::O_PATH | OFlag::O_DIRECTORY)?;
    set_attrs(sys, Loc::Fd(top.as_fd(), dest), READONLY_ALL, true)
}

/// Read-only, nosuid, nodev, noexec.
const READONLY_ALL: u64 = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC;

/// Make the mount at `fd` and every mount below it read-only (and nosuid,
/// nodev, noexec). Adding flags is allowed even on locked mounts.
pub fn set_readonly_recursive(fd: &OwnedFd) -> nix::Result<()> {
    set_attrs(&LinuxSyscall, Loc::Fd(fd.as_fd(), "(descriptor)"), READONLY_ALL, true)
}

/// Add mount attributes (`MOUNT_ATTR_*`) to the mount at `at`, and to every
/// mount below it when `recursive`.
fn set_attrs(sys: &dyn Syscall, at: Loc<'_>, attrs: u64, recursive: bool) -> nix::Result<()> {
    sys.mount_setattr(at, recursive, &MountAttr { attr_set: attrs, ..MountAttr::default() })
}

/// Remount a bind mount read-only, keeping the flags the kernel locked on it.
fn remount_ro(sys: &dyn Syscall, at: Loc<'_>) -> nix::Result<()> {
    use nix::sys::statvfs::FsFlags as F;
    let locked = sys.mount_flags(at).unwrap_or(F::empty());
    let mut flags = MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY;
    for (f, m) in [
        (F::ST_NOSUID, MsFlags::MS_NOSUID),
        (F::ST_NODEV, MsFlags::MS_NODEV),
        (F::ST_NOEXEC, MsFlags::MS_NOEXEC),
        (F::ST_NOATIME, MsFlags::MS_NOATIME),
        (F::ST_NODIRATIME, MsFlags::MS_NODIRATIME),
        (F::ST_RELATIME, MsFlags::MS_RELATIME),
    ] {
        if locked.contains(f) {
            flags |= m;
        }
    }
    sys.mount(None, at, None, flags, None)
}

/// The host's device nodes bound into the container's /dev tmpfs: harmless
/// ones only (real nodes cannot be created in a user namespace).
pub const DEVICES: &[&str] = &["null", "zero", "full", "random", "urandom", "tty"];

/// Symlinks made in the container's /dev: name, target.
pub const DEV_LINKS: &[(&str, &str)] = &[
    ("fd", "/proc/self/fd"),
    ("stdin", "/proc/self/fd/0"),
    ("stdout", "/proc/self/fd/1"),
    ("stderr", "/proc/self/fd/2"),
    ("ptmx", "pts/ptmx"),
    ("core", "/proc/kcore"),
];

/// Bind the host's harmless device nodes into the container's /dev tmpfs.
fn devices(sys: &dyn Syscall, root: &OwnedFd) -> Result<()> {
    for dev in DEVICES {
        let path = format!("/dev/{dev}");
        let fd = target(root, &path, true)?;
        sys.mount(Some(path.as_str().into()), Loc::Fd(fd.as_fd(), &path), None, MsFlags::MS_BIND, None).with_context(|| format!("binding {path}"))?;
    }
    let dev = beneath(root, "dev", OFlag::O_DIRECTORY).context("opening /dev")?;
    for (link, to) in DEV_LINKS {
        match sys.symlinkat(to, Loc::Fd(dev.as_fd(), "/dev"), link) {
            Ok(()) | Err(Errno::EEXIST) => {}
            Err(e) => bail!("creating /dev/{link}: {e}"),
        }
    }
    Ok(())
}

/// Make `rootfs` the root: pivot_root with the old root stacked and
/// detached, then make the new root's mounts recursively private (the
/// default of `linux.rootfsPropagation`; see [`pivot_with`] for the spec's).
pub fn pivot(rootfs: &Path) -> Result<()> {
    pivot_with(&LinuxSyscall, rootfs, MsFlags::MS_REC | MsFlags::MS_PRIVATE, Detach::Here)
}

/// Who detaches the old root that pivot_root leaves stacked over the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detach {
    /// This process, before anything else (`umount2(".", MNT_DETACH)`).
    Here,
    /// Another process of the same mount namespace whose working directory
    /// is the new root (the container's setup process, `process::stage_a`):
    /// the detach waits for an RCU grace period (`namespace_unlock`, about
    /// 0.5-0.8 ms here), which then runs beside the rest of the setup. The
    /// caller must not run anything of the container's before that process
    /// says the old root is gone. Until then the old root is reachable from
    /// here only through a lookup that follows mounts on the root itself
    /// (`umount2`'s), never through a path walk from `/`.
    Elsewhere,
}

/// [`pivot`] through `sys`, then apply `propagation` to the new root
/// (from [`root_propagation`]). It must come after pivot_root, which
/// refuses a shared new root. With [`Detach::Elsewhere`] the propagation
/// must be the default (recursively private): it is applied while the old
/// root, a private copy made by `unshare`, is still stacked there.
pub fn pivot_with(sys: &dyn Syscall, rootfs: &Path, propagation: MsFlags, detach: Detach) -> Result<()> {
    if detach == Detach::Elsewhere && propagation != MsFlags::MS_REC | MsFlags::MS_PRIVATE {
        bail!("the old root can be detached elsewhere only with the default root propagation");
    }
    sys.chdir(rootfs.into()).with_context(|| format!("chdir {}", rootfs.display()))?;
    sys.pivot_root(Path::new("."), Path::new(".")).context("pivot_root")?;
    if detach == Detach::Here {
        sys.umount2(".".into(), MntFlags::MNT_DETACH).context("detaching the old root")?;
    }
    sys.chdir("/".into()).context("chdir /")?;
    sys.mount(None, "/".into(), None, propagation, None).with_context(|| format!("setting the root's propagation ({propagation:?})"))?;
    Ok(())
}

/// After pivot_root: hide masked paths, make read-only paths read-only.
pub fn mask_and_protect(masked: &[String], readonly: &[String]) -> Result<()> {
    mask_and_protect_with(&LinuxSyscall, Path::new("/"), masked, readonly)
}

/// [`mask_and_protect`] through `sys`, with paths looked up under `root`
/// (`/` once pivoted). A directory is masked by a read-only tmpfs, anything
/// else by a bind of `/dev/null`; paths that do not exist are skipped.
pub fn mask_and_protect_with(sys: &dyn Syscall, root: &Path, masked: &[String], readonly: &[String]) -> Result<()> {
    let root =
        nix::fcntl::open(root, OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, Mode::empty()).with_context(|| format!("opening {}", root.display()))?;
    let open = |p: &str| match in_root(&root, p) {
        Ok(fd) => Ok(Some(fd)),
        Err(Errno::ENOENT) | Err(Errno::ENOTDIR) => Ok(None),
        Err(e) => Err(e),
    };
    for p in masked {
        let Some(fd) = open(p).with_context(|| format!("masking {p}"))? else { continue };
        let is_dir = nix::sys::stat::fstat(&fd).with_context(|| format!("masking {p}"))?.st_mode & libc::S_IFMT == libc::S_IFDIR;
        let at = Loc::Fd(fd.as_fd(), p);
        if is_dir {
            sys.mount(Some("tmpfs".into()), at, Some("tmpfs"), MsFlags::MS_RDONLY, None)
        } else {
            sys.mount(Some("/dev/null".into()), at, None, MsFlags::MS_BIND, None)
        }
        .with_context(|| format!("masking {p}"))?;
    }
    for p in readonly {
        let Some(fd) = open(p).with_context(|| format!("making {p} read-only"))? else { continue };
        let at = Loc::Fd(fd.as_fd(), p);
        sys.mount(Some(at), at, None, MsFlags::MS_BIND | MsFlags::MS_REC, None)
            .and_then(|()| {
                // Remount the bind just made, not what lies under it.
                let top = in_root(&root, p)?;
                remount_ro(sys, Loc::Fd(top.as_fd(), p))
            })
            .with_context(|| format!("making {p} read-only"))?;
    }
    Ok(())
}

/// `--read-only`: remount the root read-only.
pub fn readonly_root() -> Result<()> {
    readonly_root_with(&LinuxSyscall)
}

/// [`readonly_root`] through `sys`.
pub fn readonly_root_with(sys: &dyn Syscall) -> Result<()> {
    sys.mount(Some("/".into()), "/".into(), None, MsFlags::MS_BIND | MsFlags::MS_REC, None).context("binding / for read-only")?;
    remount_ro(sys, "/".into()).context("remounting / read-only")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::spec::{generate, ProcessOptions};
    use crate::runtime::syscall::{Call, RecordingSyscall};
    use nix::sys::statvfs::FsFlags;
    use serde_json::json;

    /// A directory standing in for the container's rootfs, removed on drop.
    struct Tmp(PathBuf);
    impl Drop for Tmp {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    fn tmp() -> Tmp {
        let d = std::env::temp_dir().join(crate::storage::atomic::unique_name("rpod-rootfs-"));
        std::fs::create_dir_all(&d).unwrap();
        Tmp(d)
    }

    fn spec_of(o: &ProcessOptions) -> oci_spec::runtime::Spec {
        generate(&json!({"config": {"Cmd": ["sh"]}}), &[], o, None).unwrap()
    }

    fn default_spec() -> oci_spec::runtime::Spec {
        spec_of(&ProcessOptions::default())
    }

    /// The spec with its JSON edited by `f` (extra mounts, propagation).
    fn edited(spec: &oci_spec::runtime::Spec, f: impl FnOnce(&mut serde_json::Value)) -> oci_spec::runtime::Spec {
        let mut v = serde_json::to_value(spec).unwrap();
        f(&mut v);
        serde_json::from_value(v).unwrap()
    }

    const NOSUID_NOEXEC_NODEV: MsFlags = MsFlags::MS_NOSUID.union(MsFlags::MS_NOEXEC).union(MsFlags::MS_NODEV);

    /// The mounts rpod's default spec lists, in order.
    fn spec_mounts(sysfs: &[Call]) -> Vec<Call> {
        let mut v = vec![
            Call::mount(Some("proc"), "/proc", Some("proc"), NOSUID_NOEXEC_NODEV, None),
            Call::mount(Some("tmpfs"), "/dev", Some("tmpfs"), MsFlags::MS_NOSUID | MsFlags::MS_STRICTATIME, Some("mode=755,size=65536k")),
            Call::mount(Some("devpts"), "/dev/pts", Some("devpts"), MsFlags::MS_NOSUID | MsFlags::MS_NOEXEC, Some("newinstance,ptmxmode=0666,mode=0620")),
            Call::mount(Some("mqueue"), "/dev/mqueue", Some("mqueue"), NOSUID_NOEXEC_NODEV, None),
            Call::mount(Some("shm"), "/dev/shm", Some("tmpfs"), NOSUID_NOEXEC_NODEV, Some("mode=1777,size=65536k")),
        ];
        v.extend_from_slice(sysfs);
        v
    }

    /// What follows the spec's mounts: the device binds and /dev links.
    fn dev_nodes_and_links() -> Vec<Call> {
        let mut v: Vec<Call> = ["null", "zero", "full", "random", "urandom", "tty"]
            .iter()
            .map(|d| Call::mount(Some(&format!("/dev/{d}")), &format!("/dev/{d}"), None, MsFlags::MS_BIND, None))
            .collect();
        for (link, to) in [
            ("fd", "/proc/self/fd"),
            ("stdin", "/proc/self/fd/0"),
            ("stdout", "/proc/self/fd/1"),
            ("stderr", "/proc/self/fd/2"),
            ("ptmx", "pts/ptmx"),
            ("core", "/proc/kcore"),
        ] {
            v.push(Call::Symlink { target: to.into(), link: format!("/dev/{link}") });
        }
        v
    }

    #[test]
    fn default_spec_mounts_exactly_these() {
        let root = tmp();
        let sys = RecordingSyscall::new();
        mount_all_with(&sys, &root.0, &default_spec()).unwrap();
        let mut want = spec_mounts(&[Call::mount(Some("sysfs"), "/sys", Some("sysfs"), NOSUID_NOEXEC_NODEV | MsFlags::MS_RDONLY, None)]);
        want.extend(dev_nodes_and_links());
        assert_eq!(sys.calls(), want);
        // The targets were made in the rootfs: directories, and files for the device binds.
        for d in ["proc", "dev/pts", "dev/mqueue", "dev/shm", "sys"] {
            assert!(root.0.join(d).is_dir(), "{d}");
        }
        for f in ["null", "zero", "full", "random", "urandom", "tty"] {
            assert!(root.0.join("dev").join(f).is_file(), "/dev/{f}");
        }
    }

    #[test]
    fn sysfs_or_mqueue_refused_binds_the_hosts_read_only_all_the_way_down() {
        let root = tmp();
        let sys = RecordingSyscall::new();
        sys.fail_when(|c| c.is_mount_of("sysfs") || c.is_mount_of("mqueue"), Errno::EPERM);
        mount_all_with(&sys, &root.0, &default_spec()).unwrap();
        let ro_all = |t: &str| Call::MountSetattr { target: t.into(), recursive: true, attr: MountAttr { attr_set: READONLY_ALL, ..MountAttr::default() } };
        let mut want = spec_mounts(&[
            Call::mount(Some("sysfs"), "/sys", Some("sysfs"), NOSUID_NOEXEC_NODEV | MsFlags::MS_RDONLY, None),
            Call::mount(Some("/sys"), "/sys", None, MsFlags::MS_BIND | MsFlags::MS_REC, None),
            ro_all("/sys"),
        ]);
        // mqueue's fallback comes right after its own refused mount.
        let at = want.iter().position(|c| c.is_mount_of("mqueue")).unwrap();
        want.splice(at + 1..at + 1, [Call::mount(Some("/dev/mqueue"), "/dev/mqueue", None, MsFlags::MS_BIND | MsFlags::MS_REC, None), ro_all("/dev/mqueue")]);
        want.extend(dev_nodes_and_links());
        assert_eq!(sys.calls(), want);
        assert_eq!(READONLY_ALL, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
    }

    #[test]
    fn fallback_failing_fails_the_mount() {
        let root = tmp();
        let sys = RecordingSyscall::new();
        sys.fail_when(|c| c.is_mount_of("sysfs"), Errno::EPERM);
        sys.fail_when(|c| matches!(c, Call::MountSetattr { .. }), Errno::ENOSYS);
        let err = mount_all_with(&sys, &root.0, &default_spec()).unwrap_err();
        assert!(format!("{err:#}").contains("mounting sysfs on /sys"), "{err:#}");
        assert!(!sys.calls().iter().any(|c| matches!(c, Call::Symlink { .. })), "nothing after the failure");
    }

    #[test]
    fn a_symlinked_mount_target_in_the_image_is_refused() {
        let root = tmp();
        std::os::unix::fs::symlink("/etc", root.0.join("sys")).unwrap();
        let sys = RecordingSyscall::new();
        let err = mount_all_with(&sys, &root.0, &default_spec()).unwrap_err();
        assert!(format!("{err:#}").contains("refusing to mount on /sys"), "{err:#}");
        assert!(!sys.mounts().iter().any(|c| matches!(c, Call::Mount { target, .. } if target == "/sys")));
        // A symlinked parent directory is refused the same way.
        let root = tmp();
        std::fs::create_dir(root.0.join("elsewhere")).unwrap();
        std::os::unix::fs::symlink("elsewhere", root.0.join("dev")).unwrap();
        let err = mount_all_with(&RecordingSyscall::new(), &root.0, &default_spec()).unwrap_err();
        assert!(format!("{err:#}").contains("refusing to mount on /dev"), "{err:#}");
    }

    #[test]
    fn user_mount_destinations_resolve_inside_the_root() {
        // CVE-2021-30465 class: a destination that is, or passes through, a
        // symlink in the image must land inside the root, never on the host.
        let root = tmp();
        let host = tmp(); // a host directory the user owns: the bait
        let src = tmp();
        std::fs::create_dir_all(root.0.join("inside")).unwrap();
        std::os::unix::fs::symlink(&host.0, root.0.join("abs")).unwrap();
        std::os::unix::fs::symlink("../../../../../../..".to_string() + &host.0.display().to_string(), root.0.join("rel")).unwrap();
        std::os::unix::fs::symlink("/inside", root.0.join("ok")).unwrap();
        std::fs::write(src.0.join("file"), "x").unwrap();
        let spec = edited(&default_spec(), |v| {
            let m = v["mounts"].as_array_mut().unwrap();
            for d in ["/abs/sub", "/rel/sub2", "/ok/sub3", "/abs", "/ok/f"] {
                let source = if d == "/ok/f" { src.0.join("file") } else { src.0.clone() };
                m.push(json!({"destination": d, "type": "bind", "source": source, "options": ["rbind", "ro"]}));
            }
        });
        let sys = RecordingSyscall::new();
        mount_all_with(&sys, &root.0, &spec).unwrap();
        // Nothing was created on the host side of the links...
        assert_eq!(std::fs::read_dir(&host.0).unwrap().count(), 0, "a mount target was made on the host");
        // ...but inside the root, where the container's lookups go.
        let inner = root.0.join(host.0.strip_prefix("/").unwrap());
        assert!(inner.join("sub").is_dir() && inner.join("sub2").is_dir(), "{}", inner.display());
        assert!(root.0.join("inside/sub3").is_dir());
        assert!(root.0.join("inside/f").is_file(), "a file target for a file source");
        // Every bind was made and made read-only.
        let binds = sys.calls().iter().filter(|c| matches!(c, Call::Mount { flags, .. } if flags.contains(MsFlags::MS_BIND | MsFlags::MS_REC))).count();
        assert_eq!(binds, 5);
        // A dangling link is followed inside the root: what it names is made there.
        let root = tmp();
        std::os::unix::fs::symlink("/nowhere/at/../all", root.0.join("dangling")).unwrap();
        std::fs::write(root.0.join("file"), "").unwrap();
        let spec = edited(&default_spec(), |v| {
            let m = v["mounts"].as_array_mut().unwrap();
            m.push(json!({"destination": "/dangling/x", "type": "tmpfs", "source": "tmpfs", "options": []}));
            m.push(json!({"destination": "/file/x", "type": "tmpfs", "source": "tmpfs", "options": []}));
        });
        let err = mount_all_with(&RecordingSyscall::new(), &root.0, &spec).unwrap_err();
        assert!(root.0.join("nowhere/all/x").is_dir());
        assert!(format!("{err:#}").contains("/file is not a directory"), "{err:#}");
        // Kernel file systems stay strict: a symlinked /dev/shm is refused.
        let root = tmp();
        std::fs::create_dir_all(root.0.join("dev")).unwrap();
        std::os::unix::fs::symlink("/inside", root.0.join("dev/shm")).unwrap();
        assert!(kernel_dest("/dev/shm") && kernel_dest("/proc") && !kernel_dest("/devices") && !kernel_dest("/data"));
    }

    #[test]
    fn binds_get_their_flags_and_propagation_after_the_mount() {
        let root = tmp();
        let src = tmp();
        let spec = edited(&default_spec(), |v| {
            let m = v["mounts"].as_array_mut().unwrap();
            m.push(json!({"destination": "/data", "type": "bind", "source": src.0, "options": ["rbind", "ro", "nosuid", "rshared"]}));
            m.push(json!({"destination": "/scratch", "type": "tmpfs", "source": "tmpfs", "options": ["nodev", "size=1m", "slave", "unbindable"]}));
            m.push(json!({"destination": "/plain", "type": "bind", "source": src.0, "options": ["bind", "private"]}));
        });
        let sys = RecordingSyscall::new();
        mount_all_with(&sys, &root.0, &spec).unwrap();
        let calls = sys.calls();
        let from = calls.iter().position(|c| matches!(c, Call::Mount { target, .. } if target == "/data")).unwrap();
        let s = src.0.display().to_string();
        assert_eq!(
            calls[from..from + 8],
            [
                Call::mount(Some(&s), "/data", None, MsFlags::MS_BIND | MsFlags::MS_REC, None),
                Call::MountSetattr {
                    target: "/data".into(),
                    recursive: true,
                    attr: MountAttr { attr_set: MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID, ..MountAttr::default() }
                },
                Call::mount(None, "/data", None, MsFlags::MS_SHARED | MsFlags::MS_REC, None),
                Call::mount(Some("tmpfs"), "/scratch", Some("tmpfs"), MsFlags::MS_NODEV, Some("size=1m")),
                Call::mount(None, "/scratch", None, MsFlags::MS_SLAVE, None),
                Call::mount(None, "/scratch", None, MsFlags::MS_UNBINDABLE, None),
                Call::mount(Some(&s), "/plain", None, MsFlags::MS_BIND, None),
                Call::mount(None, "/plain", None, MsFlags::MS_PRIVATE, None),
            ]
        );
    }

    #[test]
    fn propagation_options() {
        let o = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let rec = MsFlags::MS_REC;
        for (name, want) in [
            ("private", MsFlags::MS_PRIVATE),
            ("rprivate", MsFlags::MS_PRIVATE | rec),
            ("shared", MsFlags::MS_SHARED),
            ("rshared", MsFlags::MS_SHARED | rec),
            ("slave", MsFlags::MS_SLAVE),
            ("rslave", MsFlags::MS_SLAVE | rec),
            ("unbindable", MsFlags::MS_UNBINDABLE),
            ("runbindable", MsFlags::MS_UNBINDABLE | rec),
        ] {
            assert_eq!(propagation(&o(&[name])), [want], "{name}");
            // Never file-system data, never mount flags.
            assert_eq!(parse_options(&o(&["ro", name, "size=1m"])), (MsFlags::MS_RDONLY, "size=1m".to_string()), "{name}");
        }
        assert_eq!(propagation(&o(&["rw", "rbind", "rro", "shared", "rslave"])), [MsFlags::MS_SHARED, MsFlags::MS_SLAVE | rec]);
    }

    #[test]
    fn rootfs_propagation_from_the_spec() {
        let spec = default_spec();
        assert_eq!(root_propagation(&spec).unwrap(), MsFlags::MS_REC | MsFlags::MS_PRIVATE, "default");
        for (v, want) in [
            ("private", MsFlags::MS_PRIVATE),
            ("rprivate", MsFlags::MS_PRIVATE | MsFlags::MS_REC),
            ("shared", MsFlags::MS_SHARED),
            ("rshared", MsFlags::MS_SHARED | MsFlags::MS_REC),
            ("slave", MsFlags::MS_SLAVE),
            ("rslave", MsFlags::MS_SLAVE | MsFlags::MS_REC),
            ("unbindable", MsFlags::MS_UNBINDABLE),
            ("runbindable", MsFlags::MS_UNBINDABLE | MsFlags::MS_REC),
        ] {
            let s = edited(&spec, |j| j["linux"]["rootfsPropagation"] = json!(v));
            assert_eq!(root_propagation(&s).unwrap(), want, "{v}");
        }
        let bad = edited(&spec, |j| j["linux"]["rootfsPropagation"] = json!("sideways"));
        assert!(format!("{:#}", root_propagation(&bad).unwrap_err()).contains("sideways"));
    }

    #[test]
    fn pivot_then_the_roots_propagation() {
        let spec = edited(&default_spec(), |j| j["linux"]["rootfsPropagation"] = json!("rshared"));
        let sys = RecordingSyscall::new();
        pivot_with(&sys, Path::new("/run/c/merged"), root_propagation(&spec).unwrap(), Detach::Here).unwrap();
        assert_eq!(
            sys.calls(),
            [
                Call::Chdir("/run/c/merged".into()),
                Call::PivotRoot { new_root: ".".into(), put_old: ".".into() },
                Call::Umount2 { target: ".".into(), flags: MntFlags::MNT_DETACH },
                Call::Chdir("/".into()),
                Call::mount(None, "/", None, MsFlags::MS_SHARED | MsFlags::MS_REC, None),
            ]
        );
        let sys = RecordingSyscall::new();
        sys.fail_when(|c| matches!(c, Call::PivotRoot { .. }), Errno::EINVAL);
        assert!(pivot_with(&sys, Path::new("/x"), MsFlags::MS_PRIVATE, Detach::Here).is_err());
        assert_eq!(sys.calls().len(), 2, "nothing after a failed pivot_root");
    }

    #[test]
    fn a_delegated_detach_leaves_out_the_umount_and_needs_the_default_propagation() {
        let sys = RecordingSyscall::new();
        pivot_with(&sys, Path::new("/run/c/merged"), MsFlags::MS_REC | MsFlags::MS_PRIVATE, Detach::Elsewhere).unwrap();
        assert_eq!(
            sys.calls(),
            [
                Call::Chdir("/run/c/merged".into()),
                Call::PivotRoot { new_root: ".".into(), put_old: ".".into() },
                Call::Chdir("/".into()),
                Call::mount(None, "/", None, MsFlags::MS_PRIVATE | MsFlags::MS_REC, None),
            ]
        );
        // A shared root would share the still-stacked old root's copies too.
        let sys = RecordingSyscall::new();
        assert!(pivot_with(&sys, Path::new("/x"), MsFlags::MS_SHARED | MsFlags::MS_REC, Detach::Elsewhere).is_err());
        assert!(sys.calls().is_empty(), "refused before anything is done");
    }

    /// A root after pivot_root: procfs and sysfs entries as plain files and
    /// directories, some of the masked and read-only paths missing.
    fn fake_proc_and_sys() -> Tmp {
        let root = tmp();
        for d in ["proc/acpi", "proc/sys", "proc/scsi", "sys/firmware"] {
            std::fs::create_dir_all(root.0.join(d)).unwrap();
        }
        for f in ["proc/kcore", "proc/keys", "proc/sysrq-trigger"] {
            std::fs::write(root.0.join(f), "").unwrap();
        }
        root
    }

    #[test]
    fn masked_and_read_only_paths() {
        let root = fake_proc_and_sys();
        let linux = default_spec().linux().clone().unwrap();
        let sys = RecordingSyscall::new();
        // What the kernel locked on /proc: a read-only remount must repeat it.
        sys.report_mount_flags(FsFlags::ST_NOSUID | FsFlags::ST_NODEV | FsFlags::ST_NOEXEC);
        mask_and_protect_with(&sys, &root.0, linux.masked_paths().as_deref().unwrap(), linux.readonly_paths().as_deref().unwrap()).unwrap();
        let tmpfs = |p: &str| Call::mount(Some("tmpfs"), p, Some("tmpfs"), MsFlags::MS_RDONLY, None);
        let null = |p: &str| Call::mount(Some("/dev/null"), p, None, MsFlags::MS_BIND, None);
        let remount = MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY | NOSUID_NOEXEC_NODEV;
        let mut want = vec![tmpfs("/proc/acpi"), null("/proc/kcore"), null("/proc/keys"), tmpfs("/proc/scsi"), tmpfs("/sys/firmware")];
        for p in ["/proc/sys", "/proc/sysrq-trigger"] {
            want.push(Call::mount(Some(p), p, None, MsFlags::MS_BIND | MsFlags::MS_REC, None));
            want.push(Call::mount(None, p, None, remount, None));
        }
        assert_eq!(sys.calls(), want);
    }

    #[test]
    fn privileged_masks_nothing() {
        let root = fake_proc_and_sys();
        let spec = spec_of(&ProcessOptions { privileged: true, ..Default::default() });
        let linux = spec.linux().clone().unwrap();
        let sys = RecordingSyscall::new();
        mask_and_protect_with(&sys, &root.0, linux.masked_paths().as_deref().unwrap_or_default(), linux.readonly_paths().as_deref().unwrap_or_default())
            .unwrap();
        assert_eq!(sys.calls(), []);
    }

    #[test]
    fn masked_paths_resolve_inside_the_root() {
        let root = tmp();
        std::fs::create_dir_all(root.0.join("proc")).unwrap();
        std::fs::write(root.0.join("inside"), "").unwrap();
        // An absolute link is followed from the container's root, not the host's.
        std::os::unix::fs::symlink("/inside", root.0.join("proc/kcore")).unwrap();
        let rootfd = nix::fcntl::open(&root.0, OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, Mode::empty()).unwrap();
        let fd = in_root(&rootfd, "/proc/kcore").unwrap();
        let resolved = std::fs::read_link(Loc::Fd(fd.as_fd(), "").kernel_path()).unwrap();
        assert_eq!(resolved, root.0.join("inside"));
        // A link that climbs out stays in, and so does not exist here.
        std::os::unix::fs::symlink("../../../../../../../../etc/passwd", root.0.join("proc/keys")).unwrap();
        assert_eq!(in_root(&rootfd, "/proc/keys").unwrap_err(), Errno::ENOENT);
        let sys = RecordingSyscall::new();
        mask_and_protect_with(&sys, &root.0, &["/proc/keys".into(), "/proc/kcore".into()], &[]).unwrap();
        assert_eq!(sys.calls(), [Call::mount(Some("/dev/null"), "/proc/kcore", None, MsFlags::MS_BIND, None)]);
    }

    #[test]
    fn read_only_root() {
        let spec = spec_of(&ProcessOptions { read_only: true, ..Default::default() });
        assert_eq!(spec.root().as_ref().and_then(|r| r.readonly()), Some(true));
        let sys = RecordingSyscall::new();
        sys.report_mount_flags(FsFlags::ST_NODEV | FsFlags::ST_RELATIME);
        readonly_root_with(&sys).unwrap();
        assert_eq!(
            sys.calls(),
            [
                Call::mount(Some("/"), "/", None, MsFlags::MS_BIND | MsFlags::MS_REC, None),
                Call::mount(None, "/", None, MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY | MsFlags::MS_NODEV | MsFlags::MS_RELATIME, None),
            ]
        );
    }

    #[test]
    fn root_by_driver() {
        let plan = |driver: &str| RootfsPlan {
            driver: driver.into(),
            lower: vec!["/s/l2".into(), "/s/l1".into()],
            upper: "/c/diff".into(),
            work: "/c/work".into(),
            merged: "/c/merged".into(),
            fuse_mapping: None,
            volatile: driver == "overlay-volatile",
            pin: false,
        };
        let sys = RecordingSyscall::new();
        assert_eq!(mount_root_with(&sys, &plan("vfs")).unwrap(), None);
        assert_eq!(mount_root_with(&sys, &plan("overlay")).unwrap(), None);
        assert_eq!(mount_root_with(&sys, &plan("overlay-volatile")).unwrap(), None);
        assert_eq!(
            sys.calls(),
            [
                Call::mount(Some("/c/diff"), "/c/merged", None, MsFlags::MS_BIND | MsFlags::MS_REC, None),
                Call::mount(
                    Some("overlay"),
                    "/c/merged",
                    Some("overlay"),
                    MsFlags::empty(),
                    Some("lowerdir=/s/l2:/s/l1,upperdir=/c/diff,workdir=/c/work,userxattr")
                ),
                Call::mount(
                    Some("overlay"),
                    "/c/merged",
                    Some("overlay"),
                    MsFlags::empty(),
                    Some("lowerdir=/s/l2:/s/l1,upperdir=/c/diff,workdir=/c/work,userxattr,volatile")
                ),
            ]
        );
    }
}

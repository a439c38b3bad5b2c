//! A container whose user namespace does not include the user's own ids
//! (`--userns=nomap`, `--userns=auto`, a `--uidmap` without host id 0):
//! container root cannot walk into rpod's store (mode 0700, the user's,
//! unmapped there, so neither owner nor capability applies). The setup
//! process therefore opens every host directory the container's root and
//! mounts are made from *before* it switches to container root, while its
//! kernel uid is still the user's, and names them `/proc/self/fd/N` from
//! then on: a magic link reaches its file without any permission check on
//! the directories above it.
//!
//! The descriptors are `O_PATH | O_CLOEXEC`, opened only after the process
//! has become non-dumpable (container root cannot open its `/proc/PID/fd`),
//! and the first process closes them after `pivot_root` (nothing that names
//! a host directory survives into the container: CVE-2024-21626 class).
//!
//! The root itself is mounted with the new mount API (`fsopen`/`fsmount`/
//! `move_mount`): `/proc/self/fd/N` of the mount point would name the
//! directory *under* the mount, but the `fsmount` descriptor names the new
//! mount's root, which is what the first process builds on and pivots into.

use std::ffi::CString;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;

use super::rootfs::RootfsPlan;

const FSOPEN_CLOEXEC: libc::c_uint = 0x1;
const FSCONFIG_SET_FLAG: libc::c_uint = 0;
const FSCONFIG_SET_STRING: libc::c_uint = 1;
const FSCONFIG_CMD_CREATE: libc::c_uint = 6;
const FSMOUNT_CLOEXEC: libc::c_uint = 0x1;
const MOVE_MOUNT_F_EMPTY_PATH: libc::c_uint = 0x4;
const MOVE_MOUNT_T_EMPTY_PATH: libc::c_uint = 0x40;
const OPEN_TREE_CLONE: libc::c_uint = 0x1;

/// The `/proc/self/fd/N` name of a descriptor of this process.
pub fn fd_path(fd: &OwnedFd) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()))
}

/// Open `p` as an `O_PATH` descriptor (following links, as mount(2) does
/// with its paths).
fn open_path(p: &Path) -> Result<OwnedFd> {
    nix::fcntl::open(p, OFlag::O_PATH | OFlag::O_CLOEXEC, Mode::empty()).with_context(|| format!("opening {}", p.display()))
}

/// Open the plan's layer, upper, work and mount-point directories and name
/// them by descriptor. The descriptors must stay open until the root is
/// mounted (and, in the first process, until `pivot_root`).
pub fn pin_plan(plan: &mut RootfsPlan) -> Result<Vec<OwnedFd>> {
    let mut fds = Vec::new();
    let mut pin = |p: &mut PathBuf| -> Result<()> {
        let fd = open_path(p)?;
        *p = fd_path(&fd);
        fds.push(fd);
        Ok(())
    };
    for l in plan.lower.iter_mut() {
        pin(l)?;
    }
    pin(&mut plan.upper)?;
    pin(&mut plan.work)?;
    pin(&mut plan.merged)?;
    Ok(fds)
}

/// Open the source of every bind mount of the spec and name it by
/// descriptor (the engine refuses overlay volumes and the `U` option for
/// such containers: both would change host files container root cannot own).
pub fn pin_mounts(spec: &mut oci_spec::runtime::Spec) -> Result<Vec<OwnedFd>> {
    let mut fds = Vec::new();
    let Some(mut mounts) = spec.mounts().clone() else { return Ok(fds) };
    for m in mounts.iter_mut() {
        let opts = m.options().clone().unwrap_or_default();
        let is_bind = m.typ().as_deref() == Some("bind") || opts.iter().any(|o| o == "bind" || o == "rbind");
        let Some(src) = m.source().clone().filter(|_| is_bind) else { continue };
        if !src.is_absolute() {
            continue;
        }
        let fd = open_path(&src).with_context(|| format!("the source of the mount on {}", m.destination().display()))?;
        m.set_source(Some(fd_path(&fd)));
        fds.push(fd);
    }
    spec.set_mounts(Some(mounts));
    Ok(fds)
}

fn cstr(s: &str) -> Result<CString> {
    CString::new(s).with_context(|| format!("{s:?} has a NUL byte"))
}

fn check(rc: libc::c_long, what: &str) -> Result<libc::c_long> {
    if rc < 0 {
        bail!("{what}: {}", std::io::Error::last_os_error());
    }
    Ok(rc)
}

/// Mount the plan's root (native overlay, or a bind of `upper` for vfs)
/// on `plan.merged` and name the new mount's root in `plan.merged`.
/// Returns its descriptor, which must stay open as long as that name is used.
pub fn mount_root(plan: &mut RootfsPlan) -> Result<OwnedFd> {
    let root = match plan.driver.as_str() {
        "vfs" => {
            let upper = cstr(&plan.upper.display().to_string())?;
            // SAFETY: open_tree reads the NUL-terminated path (alive for the
            // call) and returns a new descriptor we take ownership of.
            let fd = check(
                unsafe {
                    libc::syscall(
                        libc::SYS_open_tree,
                        libc::AT_FDCWD,
                        upper.as_ptr(),
                        OPEN_TREE_CLONE | libc::O_CLOEXEC as libc::c_uint | libc::AT_RECURSIVE as libc::c_uint,
                    )
                },
                "binding the vfs root",
            )?;
            // SAFETY: the kernel just returned this descriptor to us.
            unsafe { OwnedFd::from_raw_fd(fd as i32) }
        }
        "overlay" | "" => {
            let name = cstr("overlay")?;
            // SAFETY: fsopen reads the NUL-terminated name; the result is a new descriptor we own.
            let fs = check(unsafe { libc::syscall(libc::SYS_fsopen, name.as_ptr(), FSOPEN_CLOEXEC) }, "native overlayfs (fsopen)")?;
            // SAFETY: as above: a new descriptor of ours.
            let fs = unsafe { OwnedFd::from_raw_fd(fs as i32) };
            let lower: Vec<String> = plan.lower.iter().map(|p| p.display().to_string()).collect();
            let strings = [("lowerdir", lower.join(":")), ("upperdir", plan.upper.display().to_string()), ("workdir", plan.work.display().to_string())];
            let mut flags = vec!["userxattr"];
            if plan.volatile {
                flags.push("volatile");
            }
            super::rootfs::clear_volatile_marker(&plan.work);
            for (k, v) in strings {
                let (ck, cv) = (cstr(k)?, cstr(&v)?);
                // SAFETY: fsconfig reads the two NUL-terminated strings, alive for the call.
                check(unsafe { libc::syscall(libc::SYS_fsconfig, fs.as_raw_fd(), FSCONFIG_SET_STRING, ck.as_ptr(), cv.as_ptr(), 0) }, &format!("overlay {k}"))?;
            }
            for f in flags {
                let cf = cstr(f)?;
                // SAFETY: fsconfig reads the NUL-terminated key; no value for a flag.
                check(
                    unsafe { libc::syscall(libc::SYS_fsconfig, fs.as_raw_fd(), FSCONFIG_SET_FLAG, cf.as_ptr(), std::ptr::null::<libc::c_char>(), 0) },
                    &format!("overlay {f}"),
                )?;
            }
            // SAFETY: fsconfig with a command takes no pointers.
            check(
                unsafe {
                    libc::syscall(
                        libc::SYS_fsconfig,
                        fs.as_raw_fd(),
                        FSCONFIG_CMD_CREATE,
                        std::ptr::null::<libc::c_char>(),
                        std::ptr::null::<libc::c_char>(),
                        0,
                    )
                },
                "mounting native overlayfs (a container whose user namespace lacks your own ids needs it: Linux 5.11 or later)",
            )?;
            // SAFETY: fsmount takes the context descriptor and flags; returns a new descriptor we own.
            let m = check(unsafe { libc::syscall(libc::SYS_fsmount, fs.as_raw_fd(), FSMOUNT_CLOEXEC, 0 as libc::c_uint) }, "fsmount")?;
            // SAFETY: as above.
            unsafe { OwnedFd::from_raw_fd(m as i32) }
        }
        other => bail!(
            "the {other} storage driver cannot serve a container whose user namespace lacks your own ids (--userns=nomap or auto): use native overlay or vfs"
        ),
    };
    let target = open_path(&plan.merged)?;
    let empty = cstr("")?;
    // SAFETY: move_mount reads the two NUL-terminated empty paths (alive for
    // the call); both descriptors are ours.
    check(
        unsafe {
            libc::syscall(
                libc::SYS_move_mount,
                root.as_raw_fd(),
                empty.as_ptr(),
                target.as_raw_fd(),
                empty.as_ptr(),
                MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH,
            )
        },
        "attaching the container's root",
    )?;
    plan.merged = fd_path(&root);
    Ok(root)
}

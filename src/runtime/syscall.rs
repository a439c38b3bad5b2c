//! The kernel calls that change a container's mounts and namespaces, behind
//! one trait (youki's `Syscall`): [`LinuxSyscall`] makes them,
//! [`RecordingSyscall`] records them so that unit tests can check, without
//! root, which mounts and namespace calls a spec produces.
//!
//! What is not here: looking paths up (`openat2` of mount targets) and
//! creating the empty directories and files mounts go on. Those stay real,
//! so a test that points the rootfs code at a temporary directory still
//! exercises the symlink refusals; only calls that need privileges or
//! change what a process sees go through the trait.

use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use nix::errno::Errno;
use nix::mount::{MntFlags, MsFlags};
use nix::sched::CloneFlags;
use nix::sys::stat::{Mode, SFlag};
use nix::sys::statvfs::FsFlags;

/// Where a call acts: a plain path, or a descriptor opened safely under the
/// container's root. A descriptor is reached through `/proc/self/fd/N`,
/// which names exactly what it was opened on (a symlink swapped in later
/// changes nothing); `&str` is the container path it was opened for, used
/// in messages and recorded by the fake.
#[derive(Clone, Copy, Debug)]
pub enum Loc<'a> {
    Path(&'a Path),
    Fd(BorrowedFd<'a>, &'a str),
}

impl Loc<'_> {
    /// The name a person (or a test) knows this place by.
    pub fn name(&self) -> String {
        match self {
            Loc::Path(p) => p.display().to_string(),
            Loc::Fd(_, name) => (*name).to_string(),
        }
    }

    /// The path handed to the kernel.
    pub fn kernel_path(&self) -> PathBuf {
        match self {
            Loc::Path(p) => p.to_path_buf(),
            Loc::Fd(fd, _) => PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd())),
        }
    }
}

impl<'a> From<&'a str> for Loc<'a> {
    fn from(s: &'a str) -> Self {
        Loc::Path(Path::new(s))
    }
}

impl<'a> From<&'a Path> for Loc<'a> {
    fn from(p: &'a Path) -> Self {
        Loc::Path(p)
    }
}

/// `struct mount_attr` of mount_setattr(2).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MountAttr {
    pub attr_set: u64,
    pub attr_clr: u64,
    pub propagation: u64,
    pub userns_fd: u64,
}

pub const MOUNT_ATTR_RDONLY: u64 = 0x1;
pub const MOUNT_ATTR_NOSUID: u64 = 0x2;
pub const MOUNT_ATTR_NODEV: u64 = 0x4;
pub const MOUNT_ATTR_NOEXEC: u64 = 0x8;

/// The calls the runtime makes to build a container's view of the system.
/// Errors are the kernel's errno, so callers can choose fallbacks by it.
pub trait Syscall {
    /// mount(2).
    fn mount(&self, source: Option<Loc<'_>>, target: Loc<'_>, fstype: Option<&str>, flags: MsFlags, data: Option<&str>) -> nix::Result<()>;
    /// umount2(2).
    fn umount2(&self, target: Loc<'_>, flags: MntFlags) -> nix::Result<()>;
    /// mount_setattr(2) on the mount at `target` (and every mount below it
    /// when `recursive`).
    fn mount_setattr(&self, target: Loc<'_>, recursive: bool, attr: &MountAttr) -> nix::Result<()>;
    /// The flags of the mount at `target` (statvfs(3)): a query, not
    /// recorded; read-only remounts must repeat the locked ones.
    fn mount_flags(&self, target: Loc<'_>) -> nix::Result<FsFlags>;
    /// pivot_root(2).
    fn pivot_root(&self, new_root: &Path, put_old: &Path) -> nix::Result<()>;
    /// chdir(2), or fchdir(2) for a descriptor.
    fn chdir(&self, dir: Loc<'_>) -> nix::Result<()>;
    /// symlinkat(2): a link `name` in `dir` pointing at `target`.
    fn symlinkat(&self, target: &str, dir: Loc<'_>, name: &str) -> nix::Result<()>;
    /// mknodat(2).
    fn mknodat(&self, dir: Loc<'_>, name: &str, kind: SFlag, perm: Mode, dev: u64) -> nix::Result<()>;
    /// sethostname(2).
    fn sethostname(&self, name: &str) -> nix::Result<()>;
    /// setns(2).
    fn setns(&self, fd: BorrowedFd<'_>, nstype: CloneFlags) -> nix::Result<()>;
    /// unshare(2).
    fn unshare(&self, flags: CloneFlags) -> nix::Result<()>;
}

/// The kernel.
#[derive(Debug, Clone, Copy, Default)]
pub struct LinuxSyscall;

impl Syscall for LinuxSyscall {
    fn mount(&self, source: Option<Loc<'_>>, target: Loc<'_>, fstype: Option<&str>, flags: MsFlags, data: Option<&str>) -> nix::Result<()> {
        let source = source.map(|s| s.kernel_path());
        nix::mount::mount(source.as_deref(), &target.kernel_path(), fstype, flags, data)
    }

    fn umount2(&self, target: Loc<'_>, flags: MntFlags) -> nix::Result<()> {
        nix::mount::umount2(&target.kernel_path(), flags)
    }

    fn mount_setattr(&self, target: Loc<'_>, recursive: bool, attr: &MountAttr) -> nix::Result<()> {
        let (dirfd, path, mut flags) = match target {
            Loc::Fd(fd, _) => (fd.as_raw_fd(), std::ffi::CString::default(), libc::AT_EMPTY_PATH),
            Loc::Path(p) => {
                let c = std::ffi::CString::new(std::os::unix::ffi::OsStrExt::as_bytes(p.as_os_str())).map_err(|_| Errno::EINVAL)?;
                (libc::AT_FDCWD, c, 0)
            }
        };
        if recursive {
            flags |= libc::AT_RECURSIVE;
        }
        // SAFETY: mount_setattr only reads `path` (NUL-terminated, alive for
        // the call) and `attr` (its size passed alongside); it writes nothing.
        let rc = unsafe {
            libc::syscall(libc::SYS_mount_setattr, dirfd, path.as_ptr(), flags as libc::c_uint, attr as *const MountAttr, std::mem::size_of::<MountAttr>())
        };
        if rc == 0 {
            Ok(())
        } else {
            Err(Errno::last())
        }
    }

    fn mount_flags(&self, target: Loc<'_>) -> nix::Result<FsFlags> {
        match target {
            Loc::Fd(fd, _) => nix::sys::statvfs::fstatvfs(fd).map(|s| s.flags()),
            Loc::Path(p) => nix::sys::statvfs::statvfs(p).map(|s| s.flags()),
        }
    }

    fn pivot_root(&self, new_root: &Path, put_old: &Path) -> nix::Result<()> {
        nix::unistd::pivot_root(new_root, put_old)
    }

    fn chdir(&self, dir: Loc<'_>) -> nix::Result<()> {
        match dir {
            Loc::Fd(fd, _) => nix::unistd::fchdir(fd),
            Loc::Path(p) => nix::unistd::chdir(p),
        }
    }

    fn symlinkat(&self, target: &str, dir: Loc<'_>, name: &str) -> nix::Result<()> {
        match dir {
            Loc::Fd(fd, _) => nix::unistd::symlinkat(target, fd, name),
            Loc::Path(p) => nix::unistd::symlinkat(target, nix::fcntl::AT_FDCWD, &p.join(name)),
        }
    }

    fn mknodat(&self, dir: Loc<'_>, name: &str, kind: SFlag, perm: Mode, dev: u64) -> nix::Result<()> {
        match dir {
            Loc::Fd(fd, _) => nix::sys::stat::mknodat(fd, name, kind, perm, dev),
            Loc::Path(p) => nix::sys::stat::mknodat(nix::fcntl::AT_FDCWD, &p.join(name), kind, perm, dev),
        }
    }

    fn sethostname(&self, name: &str) -> nix::Result<()> {
        nix::unistd::sethostname(name)
    }

    fn setns(&self, fd: BorrowedFd<'_>, nstype: CloneFlags) -> nix::Result<()> {
        nix::sched::setns(fd.as_fd(), nstype)
    }

    fn unshare(&self, flags: CloneFlags) -> nix::Result<()> {
        nix::sched::unshare(flags)
    }
}

/// One call [`RecordingSyscall`] saw, with places by name
/// ([`Loc::name`]): `target: "/dev/null"`, not `/proc/self/fd/7`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Call {
    Mount {
        source: Option<String>,
        target: String,
        fstype: Option<String>,
        flags: MsFlags,
        data: Option<String>,
    },
    Umount2 {
        target: String,
        flags: MntFlags,
    },
    MountSetattr {
        target: String,
        recursive: bool,
        attr: MountAttr,
    },
    PivotRoot {
        new_root: String,
        put_old: String,
    },
    Chdir(String),
    /// The link by its full path (`/dev/fd`), and what it points at.
    Symlink {
        target: String,
        link: String,
    },
    Mknod {
        path: String,
        kind: SFlag,
        perm: Mode,
        dev: u64,
    },
    Sethostname(String),
    Setns {
        fd: RawFd,
        nstype: CloneFlags,
    },
    Unshare(CloneFlags),
}

impl Call {
    /// A [`Call::Mount`], written the short way in tests.
    pub fn mount(source: Option<&str>, target: &str, fstype: Option<&str>, flags: MsFlags, data: Option<&str>) -> Call {
        Call::Mount {
            source: source.map(str::to_string),
            target: target.to_string(),
            fstype: fstype.map(str::to_string),
            flags,
            data: data.map(str::to_string),
        }
    }

    /// Whether this is a mount of file system type `fstype`.
    pub fn is_mount_of(&self, fstype: &str) -> bool {
        matches!(self, Call::Mount { fstype: Some(t), .. } if t == fstype)
    }
}

type Rule = (Box<dyn Fn(&Call) -> bool + Send>, Errno);

/// A fake kernel for unit tests: records every call it is asked to make
/// (failed ones included, in order) and succeeds, unless told to fail calls
/// that match a rule ([`RecordingSyscall::fail_when`]) to exercise fallbacks.
pub struct RecordingSyscall {
    calls: Mutex<Vec<Call>>,
    rules: Mutex<Vec<Rule>>,
    flags: Mutex<FsFlags>,
}

impl Default for RecordingSyscall {
    fn default() -> Self {
        RecordingSyscall { calls: Mutex::new(Vec::new()), rules: Mutex::new(Vec::new()), flags: Mutex::new(FsFlags::empty()) }
    }
}

impl std::fmt::Debug for RecordingSyscall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordingSyscall").field("calls", &self.calls()).finish_non_exhaustive()
    }
}

fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl RecordingSyscall {
    pub fn new() -> Self {
        Self::default()
    }

    /// Fail every later call for which `matches` is true with `errno`.
    pub fn fail_when(&self, matches: impl Fn(&Call) -> bool + Send + 'static, errno: Errno) {
        locked(&self.rules).push((Box::new(matches), errno));
    }

    /// What [`Syscall::mount_flags`] reports (as if the kernel had locked
    /// these on every mount); empty by default.
    pub fn report_mount_flags(&self, flags: FsFlags) {
        *locked(&self.flags) = flags;
    }

    /// Every call so far, in order.
    pub fn calls(&self) -> Vec<Call> {
        locked(&self.calls).clone()
    }

    /// The mount calls so far, in order.
    pub fn mounts(&self) -> Vec<Call> {
        self.calls().into_iter().filter(|c| matches!(c, Call::Mount { .. })).collect()
    }

    fn act(&self, call: Call) -> nix::Result<()> {
        let failure = locked(&self.rules).iter().find(|(m, _)| m(&call)).map(|(_, e)| *e);
        locked(&self.calls).push(call);
        failure.map_or(Ok(()), Err)
    }
}

impl Syscall for RecordingSyscall {
    fn mount(&self, source: Option<Loc<'_>>, target: Loc<'_>, fstype: Option<&str>, flags: MsFlags, data: Option<&str>) -> nix::Result<()> {
        self.act(Call::Mount {
            source: source.map(|s| s.name()),
            target: target.name(),
            fstype: fstype.map(str::to_string),
            flags,
            data: data.map(str::to_string),
        })
    }

    fn umount2(&self, target: Loc<'_>, flags: MntFlags) -> nix::Result<()> {
        self.act(Call::Umount2 { target: target.name(), flags })
    }

    fn mount_setattr(&self, target: Loc<'_>, recursive: bool, attr: &MountAttr) -> nix::Result<()> {
        self.act(Call::MountSetattr { target: target.name(), recursive, attr: *attr })
    }

    fn mount_flags(&self, _target: Loc<'_>) -> nix::Result<FsFlags> {
        Ok(*locked(&self.flags))
    }

    fn pivot_root(&self, new_root: &Path, put_old: &Path) -> nix::Result<()> {
        self.act(Call::PivotRoot { new_root: new_root.display().to_string(), put_old: put_old.display().to_string() })
    }

    fn chdir(&self, dir: Loc<'_>) -> nix::Result<()> {
        self.act(Call::Chdir(dir.name()))
    }

    fn symlinkat(&self, target: &str, dir: Loc<'_>, name: &str) -> nix::Result<()> {
        let link = Path::new(&dir.name()).join(name).display().to_string();
        self.act(Call::Symlink { target: target.to_string(), link })
    }

    fn mknodat(&self, dir: Loc<'_>, name: &str, kind: SFlag, perm: Mode, dev: u64) -> nix::Result<()> {
        let path = Path::new(&dir.name()).join(name).display().to_string();
        self.act(Call::Mknod { path, kind, perm, dev })
    }

    fn sethostname(&self, name: &str) -> nix::Result<()> {
        self.act(Call::Sethostname(name.to_string()))
    }

    fn setns(&self, fd: BorrowedFd<'_>, nstype: CloneFlags) -> nix::Result<()> {
        self.act(Call::Setns { fd: fd.as_raw_fd(), nstype })
    }

    fn unshare(&self, flags: CloneFlags) -> nix::Result<()> {
        self.act(Call::Unshare(flags))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_in_order_and_fails_on_request() {
        let sys = RecordingSyscall::new();
        sys.fail_when(|c| c.is_mount_of("sysfs"), Errno::EPERM);
        assert_eq!(sys.mount(Some("sysfs".into()), "/sys".into(), Some("sysfs"), MsFlags::MS_RDONLY, None), Err(Errno::EPERM));
        sys.unshare(CloneFlags::CLONE_NEWCGROUP).unwrap();
        sys.sethostname("box").unwrap();
        let dev = std::fs::File::open("/dev/null").unwrap();
        sys.setns(dev.as_fd(), CloneFlags::CLONE_NEWNS).unwrap();
        sys.symlinkat("/proc/self/fd", Loc::Fd(dev.as_fd(), "/dev"), "fd").unwrap();
        assert_eq!(
            sys.calls(),
            [
                Call::mount(Some("sysfs"), "/sys", Some("sysfs"), MsFlags::MS_RDONLY, None),
                Call::Unshare(CloneFlags::CLONE_NEWCGROUP),
                Call::Sethostname("box".into()),
                Call::Setns { fd: dev.as_raw_fd(), nstype: CloneFlags::CLONE_NEWNS },
                Call::Symlink { target: "/proc/self/fd".into(), link: "/dev/fd".into() },
            ]
        );
    }

    #[test]
    fn descriptors_reach_the_kernel_through_proc_self_fd() {
        let f = std::fs::File::open("/dev/null").unwrap();
        let at = Loc::Fd(f.as_fd(), "/dev/null");
        assert_eq!(at.kernel_path(), PathBuf::from(format!("/proc/self/fd/{}", f.as_raw_fd())));
        assert_eq!(at.name(), "/dev/null");
    }

    #[test]
    fn the_real_kernel_refuses_an_unprivileged_mount() {
        // Only meaningful without CAP_SYS_ADMIN; as root it would mount.
        if nix::unistd::geteuid().is_root() {
            return;
        }
        let dir = std::env::temp_dir();
        assert!(LinuxSyscall.mount(Some("tmpfs".into()), dir.as_path().into(), Some("tmpfs"), MsFlags::empty(), None).is_err());
        assert!(LinuxSyscall.mount_flags(Loc::Path(Path::new("/"))).is_ok());
    }
}

//! The runtime: executes an OCI spec without root — the user namespace and
//! its id mappings, the mount namespace and root file system, the other
//! namespaces, seccomp and capabilities, the container's first process and
//! `exec`'d processes. State-changing mount calls go through the
//! [`syscall::Syscall`] seam so unit tests can record them.

pub mod caps;
pub mod chown;
pub mod console;
pub mod copyup;
pub mod exec;
pub mod nsfile;
pub mod pinned;
pub mod premap;
pub mod process;
pub mod resolve;
pub mod rootfs;
pub mod seccomp;
mod seccomp_default;
pub mod subid;
pub mod syscall;
mod syscalls_x86_64;
pub mod teardown;
pub mod userns;

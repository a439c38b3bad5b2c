//! The runtime: user namespaces and id mappings today; mounts, processes,
//! seccomp and the rest arrive with the container runtime.

pub mod caps;
pub mod console;
pub mod exec;
pub mod process;
pub mod rootfs;
pub mod seccomp;
mod seccomp_default;
pub mod subid;
pub mod syscall;
mod syscalls_x86_64;
pub mod userns;

//! The runtime: user namespaces and id mappings today; mounts, processes,
//! seccomp and the rest arrive with the container runtime.

pub mod subid;
pub mod userns;

//! Joining a running container (`rpod exec`): which namespaces to join and
//! in what order. The launch itself is shared with the container's first
//! process in [`super::process`] (`spawn_exec`): descriptor hygiene,
//! non-dumpable setup processes, the working directory resolved inside the
//! root, one privilege drop.

use std::fs::File;

use nix::sched::CloneFlags;

use super::process::LaunchError;

/// Open the namespaces of `pid`, user namespace first (joining it grants the
/// capabilities needed to join the others). Opened before forking, so errors
/// are reported plainly.
pub fn open_namespaces(pid: i32) -> Result<Vec<(File, CloneFlags)>, LaunchError> {
    let mut v = Vec::new();
    for (name, flag) in [
        ("user", CloneFlags::CLONE_NEWUSER),
        ("mnt", CloneFlags::CLONE_NEWNS),
        ("uts", CloneFlags::CLONE_NEWUTS),
        ("ipc", CloneFlags::CLONE_NEWIPC),
        ("net", CloneFlags::CLONE_NEWNET),
        ("cgroup", CloneFlags::CLONE_NEWCGROUP),
        ("pid", CloneFlags::CLONE_NEWPID),
    ] {
        let f = File::open(format!("/proc/{pid}/ns/{name}")).map_err(|e| LaunchError::Setup(format!("opening the container's {name} namespace: {e}")))?;
        // A namespace the container shares with us (e.g. --network=host) is not joined.
        let own = std::fs::metadata(format!("/proc/self/ns/{name}"));
        let theirs = f.metadata();
        if let (Ok(a), Ok(b)) = (own, theirs) {
            use std::os::unix::fs::MetadataExt;
            if a.ino() == b.ino() && a.dev() == b.dev() {
                continue;
            }
        }
        v.push((f, flag));
    }
    Ok(v)
}

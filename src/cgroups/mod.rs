//! cgroup v2 in the subtree delegated to the user: finding it, a cgroup
//! per container, freezing (pause/unpause). Limits and stats come later and
//! hang off the same [`Cgroup`].
//!
//! The delegated subtree is the highest ancestor of rpod's own cgroup that
//! the user owns (systemd's `user@UID.service`, or any subtree handed over
//! with chown). Where there is none, containers run in rpod's cgroup and
//! operations that need their own cgroup fail with a clear error.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use nix::unistd::Uid;

/// Where the cgroup v2 hierarchy is mounted (unified, or hybrid's `unified`).
pub fn v2_mount() -> Option<PathBuf> {
    let info = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let mut found: Vec<PathBuf> = info
        .lines()
        .filter_map(|l| {
            let (pre, post) = l.split_once(" - ")?;
            if post.split_whitespace().next()? != "cgroup2" {
                return None;
            }
            Some(PathBuf::from(pre.split_whitespace().nth(4)?))
        })
        .collect();
    found.sort_by_key(|p| p.as_os_str().len());
    found.into_iter().next()
}

/// rpod's own cgroup, relative to the v2 mount.
pub fn own_cgroup() -> Option<String> {
    let text = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    text.lines().find_map(|l| l.strip_prefix("0::")).map(|s| s.to_string())
}

fn owner(p: &Path) -> Option<u32> {
    std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(p).ok()?).into()
}

/// The delegated subtree, or an error that says what is missing.
pub fn delegated() -> Result<PathBuf> {
    let mount = v2_mount().context("no cgroup v2 hierarchy is mounted: rpod needs cgroup v2 for this")?;
    let own = own_cgroup().context("cannot tell rpod's own cgroup from /proc/self/cgroup")?;
    let me = Uid::current().as_raw();
    let mut best: Option<PathBuf> = None;
    let mut cur = mount.join(own.trim_start_matches('/'));
    while cur.starts_with(&mount) && cur != mount {
        if owner(&cur) == Some(me) && owner(&cur.join("cgroup.procs")) == Some(me) {
            best = Some(cur.clone());
        } else if best.is_some() {
            break;
        }
        if !cur.pop() {
            break;
        }
    }
    match best {
        Some(b) => Ok(b),
        None => {
            let user = nix::unistd::User::from_uid(Uid::current()).ok().flatten().map(|u| u.name).unwrap_or_else(|| me.to_string());
            bail!(
                "no cgroup v2 subtree is delegated to user {user} (rpod runs in {own}, not owned by it): this needs systemd's user@{me}.service (a login session) or a cgroup the user owns"
            )
        }
    }
}

/// One container's cgroup.
#[derive(Debug, Clone)]
pub struct Cgroup {
    pub path: PathBuf,
}

impl Cgroup {
    /// Create `<delegated>/rpod-<id>`.
    pub fn create(id: &str) -> Result<Cgroup> {
        let base = delegated()?;
        let path = base.join(format!("rpod-{}", &id[..12.min(id.len())]));
        match std::fs::create_dir(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e).with_context(|| format!("creating cgroup {}", path.display())),
        }
        Ok(Cgroup { path })
    }

    pub fn open(path: &Path) -> Cgroup {
        Cgroup { path: path.to_path_buf() }
    }

    /// Move a process in.
    pub fn add(&self, pid: i32) -> Result<()> {
        std::fs::write(self.path.join("cgroup.procs"), pid.to_string()).with_context(|| format!("moving pid {pid} into {}", self.path.display()))
    }

    /// Freeze or thaw every process, waiting until the kernel says it is done.
    pub fn freeze(&self, frozen: bool) -> Result<()> {
        let f = self.path.join("cgroup.freeze");
        std::fs::write(&f, if frozen { "1" } else { "0" }).with_context(|| format!("writing {}", f.display()))?;
        let want = if frozen { "frozen 1" } else { "frozen 0" };
        for _ in 0..500 {
            let ev = std::fs::read_to_string(self.path.join("cgroup.events")).unwrap_or_default();
            if ev.lines().any(|l| l == want) {
                return Ok(());
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        bail!("the kernel did not report {} for {}", want, self.path.display())
    }

    /// Remove the (empty) cgroup.
    pub fn remove(&self) {
        let _ = std::fs::remove_dir(&self.path);
    }
}

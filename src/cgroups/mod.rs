//! cgroup v2 in the subtree delegated to the user: finding it, a cgroup
//! per container, resource limits, freezing (pause/unpause), killing.
//!
//! The delegated subtree is the highest ancestor of rpod's own cgroup that
//! the user owns (systemd's `user@UID.service`, or any subtree handed over
//! with chown). Where there is none, containers run in rpod's cgroup and
//! operations that need their own cgroup fail with a clear error.
//!
//! A container's cgroup is `<delegated>/rpod-<id>`, driven through the
//! [`CgroupManager`] trait: [`Cgroup`] is the real one, [`RecordingCgroup`]
//! a fake that records what would be done. Limits are applied only with
//! controllers the parent has (`cgroup.controllers`, what systemd
//! delegated); one it lacks is an error naming it, never a silent no-op.

pub mod dbus;
mod fake;
pub mod resources;
pub mod scope;
pub mod stats;

pub use fake::{CgroupOp, RecordingCgroup};
pub use resources::Write;

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use nix::unistd::Uid;
use oci_spec::runtime::LinuxResources;

/// Where the cgroup v2 hierarchy is mounted (unified, or hybrid's `unified`).
pub fn v2_mount() -> Option<PathBuf> {
    // The usual places first: one statfs each, where reading mountinfo
    // costs the kernel a walk of every mount (on each container start).
    for p in ["/sys/fs/cgroup", "/sys/fs/cgroup/unified"] {
        if nix::sys::statfs::statfs(p).is_ok_and(|s| s.filesystem_type() == nix::sys::statfs::CGROUP2_SUPER_MAGIC) {
            return Some(PathBuf::from(p));
        }
    }
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

/// Which cgroup manager places containers (`--cgroup-manager`,
/// containers.conf `cgroup_manager`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Manager {
    /// A child cgroup in the subtree delegated to the user.
    #[default]
    Cgroupfs,
    /// A transient scope of the user's systemd manager (see [`scope`]).
    Systemd,
}

impl Manager {
    pub fn parse(s: &str) -> Result<Manager, String> {
        match s {
            "cgroupfs" => Ok(Manager::Cgroupfs),
            "systemd" => Ok(Manager::Systemd),
            o => Err(format!("invalid cgroup manager {o:?}: use systemd or cgroupfs")),
        }
    }

    /// As Podman: systemd where the user's session bus is reachable, else cgroupfs.
    pub fn host_default() -> Manager {
        if scope::bus_reachable() {
            Manager::Systemd
        } else {
            Manager::Cgroupfs
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Manager::Cgroupfs => "cgroupfs",
            Manager::Systemd => "systemd",
        }
    }
}

/// The cgroup of the user's systemd manager (`user@UID.service`), where
/// its scopes live, if it exists.
pub fn user_manager_root() -> Option<PathBuf> {
    let uid = Uid::current().as_raw();
    let p = v2_mount()?.join(format!("user.slice/user-{uid}.slice/user@{uid}.service"));
    p.is_dir().then_some(p)
}

/// The cgroup whose controllers a container's limits can use: the
/// delegated subtree, or with systemd (rpod itself may run outside it, in a
/// login session's scope) the user manager's own cgroup.
pub fn limits_root(manager: Manager) -> Result<PathBuf> {
    match (delegated(), manager) {
        (Ok(p), _) => Ok(p),
        (Err(e), Manager::Systemd) => user_manager_root().ok_or(e),
        (Err(e), Manager::Cgroupfs) => Err(e),
    }
}

/// Resolve a cgroupfs `--cgroup-parent`: a path relative to the delegated
/// subtree `delegated`, or an absolute one from the v2 mount `mount` that
/// lies inside it. `..` and `.` are refused outright (no escape by
/// climbing), as is anything outside the subtree the user was given.
pub fn resolve_parent(mount: &Path, delegated: &Path, parent: &str) -> Result<PathBuf, String> {
    let bad = |why: &str| format!("invalid --cgroup-parent {parent:?}: {why}");
    if parent.is_empty() || parent.chars().any(char::is_control) {
        return Err(bad("empty, or it has a control character"));
    }
    let rel = parent.trim_start_matches('/');
    if rel.split('/').any(|c| c == ".." || c == ".") {
        return Err(bad("it has a . or .. component"));
    }
    let full = if parent.starts_with('/') { mount.join(rel) } else { delegated.join(rel) };
    if !full.starts_with(delegated) {
        return Err(bad(&format!(
            "with the cgroupfs manager it must lie inside the cgroup v2 subtree delegated to you, {} (a path relative to it, or absolute from {})",
            delegated.display(),
            mount.display()
        )));
    }
    Ok(full)
}

/// Make the directories from `delegated` down to `parent`, enabling in each
/// level (best effort) the controllers it has, so the container's cgroup
/// below `parent` can be offered them; a controller still missing is
/// reported, naming it, when a limit needs it.
fn make_parent(delegated: &Path, parent: &Path) -> Result<(), CgroupError> {
    let rel = parent.strip_prefix(delegated).unwrap_or(Path::new(""));
    let mut cur = delegated.to_path_buf();
    for c in rel.components() {
        if let Ok(have) = words(&cur.join("cgroup.controllers")) {
            if !have.is_empty() {
                let line = have.iter().map(|c| format!("+{c}")).collect::<Vec<_>>().join(" ");
                let _ = write_file(&cur, "cgroup.subtree_control", &line);
            }
        }
        cur.push(c);
        match std::fs::create_dir(&cur) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(io_err("creating cgroup", &cur)(e)),
            _ => {}
        }
    }
    Ok(())
}

/// Where a container's cgroup goes (from its stored create options).
#[derive(Debug, Clone, Default)]
pub struct Placement {
    pub manager: Manager,
    /// `--cgroup-parent`: a slice (systemd) or a path (cgroupfs).
    pub parent: Option<String>,
    /// `--cgroups=no-conmon|split`: the monitor stays where it was started
    /// (a systemd unit's main process must), so no scope is made for it and
    /// the container goes to a child cgroup of the delegated subtree.
    pub monitor_stays: bool,
}

/// Make container `id`'s cgroup as `placement` says: with systemd, move
/// this process (the monitor) into a new scope and return the scope's
/// `container` cgroup; with cgroupfs, `<delegated>[/PARENT]/rpod-<id>`.
pub fn create_for(id: &str, placement: &Placement) -> Result<Cgroup> {
    create_after(id, placement, None)
}

/// With the systemd manager: ask for container `id`'s scope now, so
/// systemd starts it while the caller goes on; [`create_after`] takes it.
/// `None` for cgroupfs, or when asking failed (`create_after` then asks
/// again and reports why).
pub fn begin_for(id: &str, placement: &Placement, handed: Option<(dbus::Bus, u32)>) -> Option<scope::Pending> {
    if !placement.wants_scope() {
        return None;
    }
    let slice = placement.parent.as_deref().unwrap_or(scope::DEFAULT_SLICE);
    scope::check_slice(slice).ok()?;
    if let Some((bus, serial)) = handed {
        return Some(scope::adopt(id, slice, bus, serial));
    }
    scope::begin(id, slice).map_err(|e| tracing::debug!("asking for the scope early: {e}")).ok()
}

impl Placement {
    /// A systemd scope is made for the monitor (and the container in it).
    pub fn wants_scope(&self) -> bool {
        self.manager == Manager::Systemd && !self.monitor_stays
    }

    /// The slice the scope goes to.
    pub fn slice(&self) -> &str {
        self.parent.as_deref().unwrap_or(scope::DEFAULT_SLICE)
    }
}

/// [`create_for`], with a scope already asked for by [`begin_for`].
pub fn create_after(id: &str, placement: &Placement, pending: Option<scope::Pending>) -> Result<Cgroup> {
    if placement.manager == Manager::Systemd && !placement.monitor_stays {
        let slice = placement.parent.as_deref().unwrap_or(scope::DEFAULT_SLICE);
        scope::check_slice(slice).map_err(anyhow::Error::msg)?;
        let dir = match pending {
            Some(p) => p.finish()?,
            None => scope::enter(id, slice)?,
        };
        let cg = Cgroup { path: dir.join("container") };
        CgroupManager::create(&cg)?;
        return Ok(cg);
    }
    let delegated = delegated()?;
    match placement.parent.as_deref().filter(|_| placement.manager == Manager::Cgroupfs) {
        None => Ok(Cgroup::create_in(&delegated, id)?),
        Some(p) => {
            let mount = v2_mount().context("no cgroup v2 hierarchy is mounted")?;
            let parent = resolve_parent(&mount, &delegated, p).map_err(anyhow::Error::msg)?;
            make_parent(&delegated, &parent)?;
            Ok(Cgroup::create_in(&parent, id)?)
        }
    }
}

/// Why a cgroup operation failed.
#[derive(Debug, thiserror::Error)]
pub enum CgroupError {
    /// The parent cgroup does not offer a controller a limit needs.
    #[error(
        "cannot apply {file}: the {controller} controller is not delegated to {} (its cgroup.controllers lacks it). \
         With systemd, delegate it to user sessions with a drop-in, /etc/systemd/system/user@.service.d/delegate.conf:\n\
         [Service]\nDelegate=cpu cpuset io memory pids\n\
         then run `systemctl daemon-reload` and log in again",
        parent.display()
    )]
    NotDelegated { controller: String, file: String, parent: PathBuf },
    /// Writing `+controller` to the parent's `cgroup.subtree_control` failed.
    #[error("enabling {controllers} in {}/cgroup.subtree_control: {source}{}", parent.display(), busy_hint(source))]
    Enable { controllers: String, parent: PathBuf, source: std::io::Error },
    /// A limit cgroup v2 has no way to express.
    #[error("{what} cannot be applied: {why}")]
    Unsupported { what: String, why: String },
    /// A limit with a value that makes no sense.
    #[error("invalid {what}: {why}")]
    Invalid { what: String, why: String },
    #[error("{action} {}: {source}", path.display())]
    Io { action: String, path: PathBuf, source: std::io::Error },
    #[error("the kernel did not report {want} for {}", path.display())]
    Freeze { want: &'static str, path: PathBuf },
}

fn busy_hint(e: &std::io::Error) -> &'static str {
    if e.raw_os_error() == Some(libc::EBUSY) {
        " (processes live directly in that cgroup: cgroup v2 enables controllers only below a cgroup without processes of its own)"
    } else {
        ""
    }
}

fn io_err(action: impl Into<String>, path: &Path) -> impl FnOnce(std::io::Error) -> CgroupError {
    let (action, path) = (action.into(), path.to_path_buf());
    move |source| CgroupError::Io { action, path, source }
}

/// What rpod does with a container's cgroup.
pub trait CgroupManager {
    /// The cgroup's directory (exec joins it through its `cgroup.procs`).
    fn path(&self) -> &Path;
    /// Make the cgroup; nothing if it exists.
    fn create(&self) -> Result<(), CgroupError>;
    /// Move a process in.
    fn add_process(&self, pid: i32) -> Result<(), CgroupError>;
    /// Freeze or thaw every process in it, waiting until the kernel is done.
    fn set_frozen(&self, frozen: bool) -> Result<(), CgroupError>;
    /// SIGKILL every process in it.
    fn kill_all(&self) -> Result<(), CgroupError>;
    /// Remove the (empty) cgroup; nothing if it is gone.
    fn destroy(&self) -> Result<(), CgroupError>;
    /// Apply the spec's `linux.resources`: every limit or an error, after
    /// checking that the parent offers each controller needed and enabling
    /// it in the parent's `cgroup.subtree_control`.
    fn apply(&self, resources: &LinuxResources) -> Result<(), CgroupError>;
}

/// The controllers `writes` need, in order of first use.
fn needed(writes: &[Write]) -> Vec<&str> {
    let mut v: Vec<&str> = Vec::new();
    for c in writes.iter().filter_map(Write::controller) {
        if !v.contains(&c) {
            v.push(c);
        }
    }
    v
}

/// Check that the parent offers every controller `writes` need (its
/// `cgroup.controllers` is `available`); return those still to enable in
/// its `cgroup.subtree_control` (now `enabled`).
pub fn controllers_to_enable(writes: &[Write], available: &[String], enabled: &[String], parent: &Path) -> Result<Vec<String>, CgroupError> {
    let mut out = Vec::new();
    for c in needed(writes) {
        if !available.iter().any(|a| a == c) {
            let file = writes.iter().find(|w| w.controller() == Some(c)).map(|w| w.file.clone()).unwrap_or_default();
            return Err(CgroupError::NotDelegated { controller: c.to_string(), file, parent: parent.to_path_buf() });
        }
        if !enabled.iter().any(|e| e == c) {
            out.push(c.to_string());
        }
    }
    Ok(out)
}

/// One container's cgroup (v2).
#[derive(Debug, Clone)]
pub struct Cgroup {
    pub path: PathBuf,
}

/// The cgroup name for a container id.
fn name_for(id: &str) -> String {
    format!("rpod-{}", &id[..12.min(id.len())])
}

fn words(path: &Path) -> Result<Vec<String>, CgroupError> {
    let text = std::fs::read_to_string(path).map_err(io_err("reading", path))?;
    Ok(text.split_whitespace().map(str::to_string).collect())
}

impl Cgroup {
    /// Create `<delegated>/rpod-<id>`.
    pub fn create(id: &str) -> Result<Cgroup> {
        Ok(Cgroup::create_in(&delegated()?, id)?)
    }

    /// Create `<parent>/rpod-<id>`.
    pub fn create_in(parent: &Path, id: &str) -> Result<Cgroup, CgroupError> {
        let cg = Cgroup { path: parent.join(name_for(id)) };
        CgroupManager::create(&cg)?;
        Ok(cg)
    }

    pub fn open(path: &Path) -> Cgroup {
        Cgroup { path: path.to_path_buf() }
    }

    /// Move a process in.
    pub fn add(&self, pid: i32) -> Result<()> {
        Ok(self.add_process(pid)?)
    }

    /// Freeze or thaw every process, waiting until the kernel says it is done.
    pub fn freeze(&self, frozen: bool) -> Result<()> {
        Ok(self.set_frozen(frozen)?)
    }

    /// Remove the (empty) cgroup, ignoring failure.
    pub fn remove(&self) {
        let _ = self.destroy();
    }

    fn parent(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("/"))
    }
}

/// Write an existing interface file (cgroupfs never creates one, and a
/// missing file means a missing controller or kernel feature).
fn write_file(dir: &Path, file: &str, value: &str) -> Result<(), std::io::Error> {
    use std::io::Write as _;
    let mut f = std::fs::OpenOptions::new().write(true).truncate(true).open(dir.join(file))?;
    f.write_all(value.as_bytes())
}

impl CgroupManager for Cgroup {
    fn path(&self) -> &Path {
        &self.path
    }

    fn create(&self) -> Result<(), CgroupError> {
        match std::fs::create_dir(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(io_err("creating cgroup", &self.path)(e)),
            _ => Ok(()),
        }
    }

    fn add_process(&self, pid: i32) -> Result<(), CgroupError> {
        write_file(&self.path, "cgroup.procs", &pid.to_string()).map_err(io_err(format!("moving pid {pid} into"), &self.path))
    }

    fn set_frozen(&self, frozen: bool) -> Result<(), CgroupError> {
        let f = self.path.join("cgroup.freeze");
        write_file(&self.path, "cgroup.freeze", if frozen { "1" } else { "0" }).map_err(io_err("writing", &f))?;
        let want = if frozen { "frozen 1" } else { "frozen 0" };
        for _ in 0..500 {
            let ev = std::fs::read_to_string(self.path.join("cgroup.events")).unwrap_or_default();
            if ev.lines().any(|l| l == want) {
                return Ok(());
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        Err(CgroupError::Freeze { want, path: self.path.clone() })
    }

    fn kill_all(&self) -> Result<(), CgroupError> {
        match write_file(&self.path, "cgroup.kill", "1") {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io_err("writing", &self.path.join("cgroup.kill"))(e)),
            Err(_) => {}
        }
        // Before Linux 5.14: freeze (no new forks), kill what is listed, thaw.
        let _ = self.set_frozen(true);
        let procs = self.path.join("cgroup.procs");
        let pids = words(&procs);
        for pid in pids.iter().flatten().filter_map(|p| p.parse::<i32>().ok()) {
            let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGKILL);
        }
        let _ = self.set_frozen(false);
        pids.map(drop)
    }

    fn destroy(&self) -> Result<(), CgroupError> {
        match std::fs::remove_dir(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_err("removing cgroup", &self.path)(e)),
            _ => Ok(()),
        }
    }

    fn apply(&self, resources: &LinuxResources) -> Result<(), CgroupError> {
        let writes = resources::translate(resources)?;
        if writes.is_empty() {
            return Ok(());
        }
        let parent = self.parent();
        let available = words(&parent.join("cgroup.controllers"))?;
        let enabled = words(&parent.join("cgroup.subtree_control"))?;
        let enable = controllers_to_enable(&writes, &available, &enabled, parent)?;
        if !enable.is_empty() {
            let line = enable.iter().map(|c| format!("+{c}")).collect::<Vec<_>>().join(" ");
            write_file(parent, "cgroup.subtree_control", &line).map_err(|source| CgroupError::Enable {
                controllers: line.clone(),
                parent: parent.to_path_buf(),
                source,
            })?;
        }
        for w in &writes {
            write_file(&self.path, &w.file, &w.value).map_err(io_err(format!("writing {:?} to", w.value), &self.path.join(&w.file)))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A directory of plain files standing in for a delegated cgroup.
    struct Tree(PathBuf);
    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn tree(controllers: &str, subtree_control: &str) -> Tree {
        let d = std::env::temp_dir().join(crate::storage::atomic::unique_name("rpod-cgroup-"));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("cgroup.controllers"), controllers).unwrap();
        std::fs::write(d.join("cgroup.subtree_control"), subtree_control).unwrap();
        Tree(d)
    }

    /// The interface files the kernel would make in a new cgroup.
    fn files(cg: &Cgroup, names: &[&str]) {
        for n in names {
            std::fs::write(cg.path.join(n), "").unwrap();
        }
    }

    fn read(p: &Path) -> String {
        std::fs::read_to_string(p).unwrap()
    }

    fn res(v: serde_json::Value) -> LinuxResources {
        serde_json::from_value(v).unwrap()
    }

    const LIMIT_FILES: &[&str] =
        &["memory.max", "memory.swap.max", "memory.low", "cpu.max", "cpu.weight", "cpuset.cpus", "cpuset.mems", "pids.max", "io.weight", "io.max"];

    #[test]
    fn limits_are_written_after_enabling_their_controllers_in_the_parent() {
        let t = tree("cpuset cpu io memory hugetlb pids rdma misc\n", "memory\n");
        let cg = Cgroup::create_in(&t.0, "0123456789abcdef").unwrap();
        assert_eq!(cg.path, t.0.join("rpod-0123456789ab"));
        files(&cg, LIMIT_FILES);
        cg.apply(&res(json!({
            "memory": {"limit": 1073741824, "swap": 2147483648u64, "reservation": 536870912},
            "cpu": {"shares": 1024, "quota": 50000, "period": 100000, "cpus": "0", "mems": "0"},
            "pids": {"limit": 64},
        })))
        .unwrap();
        // One write, every controller still missing, in order of first use.
        assert_eq!(read(&t.0.join("cgroup.subtree_control")), "+cpu +cpuset +pids");
        for (f, v) in [
            ("memory.max", "1073741824"),
            ("memory.swap.max", "1073741824"),
            ("memory.low", "536870912"),
            ("cpu.weight", "39"),
            ("cpu.max", "50000 100000"),
            ("cpuset.cpus", "0"),
            ("cpuset.mems", "0"),
            ("pids.max", "64"),
        ] {
            assert_eq!(read(&cg.path.join(f)), v, "{f}");
        }
        // Nothing to enable: subtree_control is left alone.
        std::fs::write(t.0.join("cgroup.subtree_control"), "io memory").unwrap();
        cg.apply(&res(json!({"blockIO": {"weight": 1000, "throttleWriteBpsDevice": [{"major": 8, "minor": 0, "rate": 4096}]}}))).unwrap();
        assert_eq!(read(&t.0.join("cgroup.subtree_control")), "io memory");
        assert_eq!(read(&cg.path.join("io.weight")), "default 10000");
        assert_eq!(read(&cg.path.join("io.max")), "8:0 wbps=4096");
    }

    #[test]
    fn a_controller_that_is_not_delegated_is_an_error_naming_it_and_nothing_is_written() {
        let t = tree("memory pids", "");
        let cg = Cgroup::create_in(&t.0, "c1").unwrap();
        files(&cg, LIMIT_FILES);
        let err = cg.apply(&res(json!({"memory": {"limit": 1000}, "cpu": {"quota": 1000}}))).unwrap_err();
        match &err {
            CgroupError::NotDelegated { controller, file, parent } => {
                assert_eq!((controller.as_str(), file.as_str(), parent.as_path()), ("cpu", "cpu.max", t.0.as_path()));
            }
            e => panic!("{e}"),
        }
        let msg = err.to_string();
        assert!(msg.contains("the cpu controller is not delegated") && msg.contains("user@.service.d") && msg.contains("Delegate="), "{msg}");
        assert_eq!(read(&cg.path.join("memory.max")), "", "checked before writing anything");
        assert_eq!(read(&t.0.join("cgroup.subtree_control")), "");
        // Through the anyhow wrappers callers use, the typed error is still there.
        let any: anyhow::Error = err.into();
        assert!(matches!(any.downcast_ref::<CgroupError>(), Some(CgroupError::NotDelegated { .. })));
    }

    #[test]
    fn no_limits_touch_nothing() {
        let t = tree("", "");
        let cg = Cgroup::create_in(&t.0, "c2").unwrap();
        cg.apply(&LinuxResources::default()).unwrap();
        assert_eq!(read(&t.0.join("cgroup.subtree_control")), "");
    }

    #[test]
    fn a_missing_interface_file_is_an_error_naming_it() {
        // No swap accounting: memory.swap.max does not exist.
        let t = tree("memory", "memory");
        let cg = Cgroup::create_in(&t.0, "c3").unwrap();
        files(&cg, &["memory.max"]);
        let err = cg.apply(&res(json!({"memory": {"limit": 1000, "swap": 2000}}))).unwrap_err().to_string();
        assert!(err.contains("memory.swap.max"), "{err}");
    }

    #[test]
    fn enabling_refused_for_a_cgroup_with_processes_says_why() {
        let e = CgroupError::Enable { controllers: "+cpu".into(), parent: "/sys/fs/cgroup/x".into(), source: std::io::Error::from_raw_os_error(libc::EBUSY) };
        assert!(e.to_string().contains("without processes of its own"), "{e}");
    }

    #[test]
    fn processes_freezing_killing_on_plain_files() {
        let t = tree("", "");
        let cg = Cgroup::create_in(&t.0, "c4").unwrap();
        files(&cg, &["cgroup.procs", "cgroup.freeze", "cgroup.kill"]);
        std::fs::write(cg.path.join("cgroup.events"), "populated 1\nfrozen 1\n").unwrap();
        cg.add(4242).unwrap();
        assert_eq!(read(&cg.path.join("cgroup.procs")), "4242");
        cg.freeze(true).unwrap();
        assert_eq!(read(&cg.path.join("cgroup.freeze")), "1");
        cg.kill_all().unwrap();
        assert_eq!(read(&cg.path.join("cgroup.kill")), "1");
        // Create is idempotent; an existing directory is the same cgroup.
        assert_eq!(Cgroup::create_in(&t.0, "c4").unwrap().path, cg.path);
    }

    #[test]
    fn destroy_removes_and_tolerates_absence() {
        let t = tree("", "");
        let cg = Cgroup::create_in(&t.0, "c5").unwrap();
        cg.destroy().unwrap();
        assert!(!cg.path.exists());
        cg.destroy().unwrap();
        Cgroup::open(&cg.path).remove();
    }

    /// `--cgroup-parent` for cgroupfs (class: path traversal out of the
    /// delegated subtree): `..`/`.` anywhere and absolute paths outside the
    /// subtree are refused; relative paths land inside it.
    #[test]
    fn a_cgroupfs_parent_stays_inside_the_delegated_subtree() {
        let mount = Path::new("/sys/fs/cgroup");
        let del = Path::new("/sys/fs/cgroup/user.slice/user-1001.slice/user@1001.service");
        assert_eq!(resolve_parent(mount, del, "rpod/web").unwrap(), del.join("rpod/web"));
        assert_eq!(resolve_parent(mount, del, "/user.slice/user-1001.slice/user@1001.service/x").unwrap(), del.join("x"));
        assert_eq!(resolve_parent(mount, del, "/user.slice/user-1001.slice/user@1001.service").unwrap(), del);
        for bad in [
            "..",
            "../x",
            "a/../../b",
            "a/./b",
            "/user.slice/user-1001.slice/user@1001.service/../../user-0.slice",
            "/system.slice",
            "/",
            "/user.slice/user-1001.slice/user@1001.serviceX",
            "",
            "a\nb",
        ] {
            let e = resolve_parent(mount, del, bad).unwrap_err();
            assert!(e.starts_with("invalid --cgroup-parent") && !e.contains('\n'), "{bad:?}: {e}");
        }
    }

    #[test]
    fn a_nested_cgroupfs_parent_is_made_with_its_controllers_enabled() {
        let t = tree("cpu memory pids", "");
        let parent = t.0.join("a/b");
        make_parent(&t.0, &parent).unwrap();
        assert!(parent.is_dir());
        // The delegated root offered its controllers to `a` (a real `a`
        // would then list them in its own cgroup.controllers).
        assert_eq!(read(&t.0.join("cgroup.subtree_control")), "+cpu +memory +pids");
        make_parent(&t.0, &parent).unwrap();
    }

    #[test]
    fn manager_names() {
        assert_eq!(Manager::parse("systemd").unwrap(), Manager::Systemd);
        assert_eq!(Manager::parse("cgroupfs").unwrap().as_str(), "cgroupfs");
        assert!(Manager::parse("upstart").unwrap_err().contains("systemd or cgroupfs"));
    }

    #[test]
    fn the_fake_records_what_the_real_one_would_do() {
        let cg = RecordingCgroup::new("/sys/fs/cgroup/user.slice/rpod-x").with_controllers(&["memory", "pids"]);
        let m: &dyn CgroupManager = &cg;
        m.create().unwrap();
        m.add_process(7).unwrap();
        m.apply(&res(json!({"memory": {"limit": 4096}, "pids": {"limit": 5}}))).unwrap();
        m.apply(&res(json!({"pids": {"limit": 6}}))).unwrap();
        m.set_frozen(true).unwrap();
        m.set_frozen(false).unwrap();
        m.kill_all().unwrap();
        m.destroy().unwrap();
        let write = |f: &str, v: &str| CgroupOp::Write { file: f.into(), value: v.into() };
        assert_eq!(
            cg.ops(),
            [
                CgroupOp::Create,
                CgroupOp::AddProcess(7),
                CgroupOp::Enable(vec!["memory".into(), "pids".into()]),
                write("memory.max", "4096"),
                write("pids.max", "5"),
                write("pids.max", "6"),
                CgroupOp::SetFrozen(true),
                CgroupOp::SetFrozen(false),
                CgroupOp::KillAll,
                CgroupOp::Destroy,
            ]
        );
        let err = m.apply(&res(json!({"cpu": {"cpus": "1"}}))).unwrap_err();
        assert!(matches!(&err, CgroupError::NotDelegated { controller, .. } if controller == "cpuset"), "{err}");
        assert_eq!(cg.ops().len(), 10, "nothing recorded for a refused apply");
    }
}

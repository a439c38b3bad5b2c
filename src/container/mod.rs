//! Containers as rpod stores them: the record (what was asked for, with the
//! generated OCI spec), the state (what is happening), their directories,
//! and the index that finds them by name or ID prefix.
//!
//! ```text
//! ROOT/containers/<id>/container.json   the record (durable, renamed into place)
//! ROOT/containers/<id>/summary.json     the record without its spec (a cache)
//! ROOT/containers/<id>/state.json       status, pids, exit code (atomic replace)
//! ROOT/containers/<id>/diff, work       the overlay upper and work directories
//! ROOT/containers/<id>/ctr.log          the k8s-file log
//! ROOT/containers/.lock                 held to create, rename, unindex a container
//! ROOT/containers/.index/names/<name>   symlink to the ID holding the name
//! ROOT/containers/.index/ids/<2 hex>/<id>  the ID prefix index
//! ROOT/containers/.creating             "ID NAME" of the creation in progress
//! ROOT/containers/.trash/<id>/          a removed container's files, being deleted
//! RUNROOT/containers/<id>/attach        the monitor's attach socket
//! ```
//!
//! Invariants (what makes a SIGKILL at any moment harmless):
//! - a container exists when, and only when, its `container.json` does;
//!   every lookup checks it, so an index entry or directory without one is
//!   ignored;
//! - creation and renaming hold the lock, so anything half-made found while
//!   holding it belongs to a dead process: `.creating` names the creation
//!   to undo, and a listing that meets a directory without a record removes
//!   it when the lock is free;
//! - a name link counts only if its target's record has that name, so a
//!   killed create, rename or rm leaves at worst a stale link that the next
//!   claim of the name replaces;
//! - `summary.json` exists only while it agrees with `container.json`
//!   (written after it, deleted before a rename rewrites it); without it,
//!   readers parse the record;
//! - removal moves the directory into `.trash/` in one rename; the remover
//!   holds a lock on it while deleting, and a trash entry whose lock is free
//!   belongs to a dead remover.
//!
//! Liveness is never inferred from a pid alone: the state keeps the monitor's
//! pid with its start time (from /proc) and the boot id, so a reused pid or a
//! reboot shows the container as exited.

pub mod log;
pub mod mounts;
pub mod names;
pub mod namespaces;
pub mod spec;

use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use nix::fcntl::{Flock, FlockArg};
use serde::{Deserialize, Serialize};

use crate::storage::{atomic, now_rfc3339, Digest, FileLock};

/// What the container was created with. Room is left (defaulted fields) for
/// networks, volumes, limits and pods.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContainerRecord {
    pub id: String,
    pub name: String,
    pub image_id: String,
    /// The name the user gave for the image.
    pub image_name: String,
    /// Layer chain ids, bottom first.
    pub layers: Vec<Digest>,
    pub created: String,
    /// The command line as `ps` shows it (entrypoint + cmd).
    pub command: Vec<String>,
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub tty: bool,
    #[serde(default)]
    pub stdin: bool,
    #[serde(default)]
    pub remove: bool,
    #[serde(default)]
    pub restart: RestartPolicy,
    #[serde(default)]
    pub stop_signal: Option<String>,
    #[serde(default = "default_stop_timeout")]
    pub stop_timeout: u32,
    /// The OCI runtime spec generated at create time and executed at start.
    pub spec: oci_spec::runtime::Spec,
    /// Networking mode as `--network` names it: pasta, slirp4netns, none,
    /// host, container:ID or ns:PATH.
    #[serde(default = "default_network")]
    pub network: String,
    /// The mode with its options (absent in records made before networking:
    /// `network` alone then says none, host or container:ID).
    #[serde(default)]
    pub net_mode: Option<crate::network::Mode>,
    /// Published ports, host ports chosen at create time.
    #[serde(default)]
    pub ports: Vec<crate::network::PortMapping>,
    /// DNS and hosts options.
    #[serde(default)]
    pub net: crate::network::NetOptions,
    /// Storage driver of the root file system: overlay, fuse-overlayfs, vfs,
    /// or `rootfs` (`--rootfs DIR`: the directory itself, bound).
    #[serde(default = "default_driver")]
    pub driver: String,
    /// `--rootfs DIR[:O]`: the host directory the container runs on instead
    /// of an image (no layers; `image_id` and `image_name` are empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rootfs: Option<RootfsSource>,
    /// Pod membership, later.
    #[serde(default)]
    pub pod: Option<String>,
    /// `--init`: catatonit runs the command as PID 1.
    #[serde(default)]
    pub init: bool,
    /// What the container was created with, as the engine received it
    /// (`inspect` reads it; absent in records made before it was stored).
    #[serde(default)]
    pub options: Option<crate::engine::container::CreateOptions>,
}

/// `--rootfs`: a directory on the host used as the container's root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootfsSource {
    /// Absolute and resolved when the container was created.
    pub path: PathBuf,
    /// `:O`: an overlay over the directory (it is the only lower layer),
    /// the container's changes kept in its own upper directory and never
    /// written to the directory.
    #[serde(default)]
    pub overlay: bool,
}

/// The first 12 characters of an ID (all of it when shorter: a corrupt
/// record must not make a listing panic).
pub fn short_id(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

/// A container name is taken (the engine maps it to its `NameInUse`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameTaken(pub String);

impl std::fmt::Display for NameTaken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the container name {:?} is already in use: remove that container or choose another name", self.0)
    }
}

impl std::error::Error for NameTaken {}

fn default_stop_timeout() -> u32 {
    10
}
fn default_driver() -> String {
    "overlay".into()
}
fn default_network() -> String {
    "none".into()
}

/// `--restart`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "policy", content = "max_retries")]
pub enum RestartPolicy {
    #[default]
    No,
    OnFailure(Option<u32>),
    Always,
    UnlessStopped,
}

impl RestartPolicy {
    pub fn parse(s: &str) -> Result<RestartPolicy> {
        Ok(match s {
            "" | "no" => RestartPolicy::No,
            "always" => RestartPolicy::Always,
            "unless-stopped" => RestartPolicy::UnlessStopped,
            "on-failure" => RestartPolicy::OnFailure(None),
            s => match s.strip_prefix("on-failure:") {
                Some(n) => RestartPolicy::OnFailure(Some(n.parse().with_context(|| format!("invalid restart retry count {n:?}"))?)),
                None => bail!("invalid restart policy {s:?}: use no, on-failure[:N], always or unless-stopped"),
            },
        })
    }
    pub fn name(&self) -> String {
        match self {
            RestartPolicy::No => "no".into(),
            RestartPolicy::Always => "always".into(),
            RestartPolicy::UnlessStopped => "unless-stopped".into(),
            RestartPolicy::OnFailure(None) => "on-failure".into(),
            RestartPolicy::OnFailure(Some(n)) => format!("on-failure:{n}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Created,
    /// `container init`: checked and prepared, waiting for `start` (rpod
    /// makes no process or namespace before `start`: docs/decisions.md).
    Initialized,
    Running,
    Paused,
    Stopping,
    Exited,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::Initialized => "initialized",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Stopping => "stopping",
            Status::Exited => "exited",
        }
    }
}

/// A process identified beyond its pid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcId {
    pub pid: i32,
    /// Field 22 of /proc/PID/stat (clock ticks since boot).
    pub start_time: u64,
}

impl ProcId {
    pub fn of(pid: i32) -> Option<ProcId> {
        proc_start_time(pid).map(|start_time| ProcId { pid, start_time })
    }
    /// Whether this very process still exists (not a reused pid).
    pub fn alive(&self) -> bool {
        proc_start_time(self.pid) == Some(self.start_time)
    }
}

/// Start time of a process, from /proc/PID/stat.
pub fn proc_start_time(pid: i32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // comm may contain spaces and parentheses: fields start after the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    // rest starts at field 3 (state); a zombie is dead for our purposes.
    if rest.starts_with(['Z', 'X']) {
        return None;
    }
    // Start time is field 22.
    rest.split_whitespace().nth(19)?.parse().ok()
}

pub fn boot_id() -> String {
    // Read once per process: `ps` asks for every running container.
    static BOOT_ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BOOT_ID.get_or_init(|| std::fs::read_to_string("/proc/sys/kernel/random/boot_id").map(|s| s.trim().to_string()).unwrap_or_default()).clone()
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ContainerState {
    pub status: Status,
    #[serde(default)]
    pub pid: Option<ProcId>,
    #[serde(default)]
    pub monitor: Option<ProcId>,
    #[serde(default)]
    pub boot_id: String,
    #[serde(default)]
    pub started_at: Option<String>,
    #[serde(default)]
    pub finished_at: Option<String>,
    #[serde(default)]
    pub exit_code: Option<i32>,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub restart_count: u32,
    /// The container's own cgroup, when a delegated subtree exists.
    #[serde(default)]
    pub cgroup: Option<std::path::PathBuf>,
    /// Set by `stop`/`kill` so the restart policy does not bring it back.
    #[serde(default)]
    pub stopped_by_user: bool,
    /// The kernel's OOM killer ended a process of the container during its
    /// last run (its cgroup's `memory.events` oom_kill went up).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub oom_killed: bool,
    /// The listings' copy of the summary ([`ListingCache`]): `ps` reads
    /// one file per container. Keep it when replacing the whole state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listing: Option<ListingCache>,
    /// `--log-driver journald`: the mark of the last journal entry the
    /// monitor sent for the last run (`rpod logs -f` reads up to it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal_last: Option<String>,
}

/// The container's summary cached in its `state.json`, with the identity of
/// the `container.json` it was taken from. Trusted only while the record is
/// that same file: any rewrite of the record (a rename, a hand edit, an
/// older rpod) makes a new file, so the cache can be missing but never stale.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListingCache {
    pub record: FileStamp,
    pub summary: ContainerSummary,
}

/// Inode, size and modification time of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub ino: u64,
    pub size: u64,
    pub mtime_ns: i64,
}

impl ContainerState {
    /// A container that was created and never started, nor touched since:
    /// what `start` would reset the state to anyway.
    pub fn is_pristine(&self) -> bool {
        self.status == Status::Created
            && self.pid.is_none()
            && self.monitor.is_none()
            && self.started_at.is_none()
            && self.finished_at.is_none()
            && self.exit_code.is_none()
            && self.error.is_none()
            && self.restart_count == 0
            && self.cgroup.is_none()
            && !self.stopped_by_user
            && !self.oom_killed
    }

    /// The state as it really is: a "running" container whose monitor is
    /// gone (killed, or the machine rebooted) has exited.
    pub fn reconciled(mut self) -> ContainerState {
        if matches!(self.status, Status::Running | Status::Paused | Status::Stopping) {
            let monitor_alive = self.boot_id == boot_id() && self.monitor.is_some_and(|m| m.alive());
            if !monitor_alive {
                self.status = Status::Exited;
                if self.finished_at.is_none() {
                    self.finished_at = Some(now_rfc3339());
                }
                if self.exit_code.is_none() {
                    self.exit_code = Some(if self.boot_id == boot_id() && self.pid.is_some_and(|p| p.alive()) { -1 } else { 137 });
                }
                self.error.get_or_insert_with(|| "the container's monitor died".into());
            }
        }
        self
    }
}

pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    // SAFETY: getrandom writes at most buf.len() bytes into buf.
    let n = unsafe { libc::getrandom(buf.as_mut_ptr().cast(), buf.len(), 0) };
    if n != buf.len() as isize {
        // Fall back to /dev/urandom (getrandom cannot fail for small sizes on 3.17+).
        if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
            let _ = std::io::Read::read_exact(&mut f, &mut buf);
        }
    }
    buf
}

/// A new 64-hex container id.
pub fn new_id() -> String {
    hex::encode(random_bytes(32))
}

/// A container's record without its OCI spec (and without the creation
/// options `inspect` shows): what listings (`ps`, `rm -a`,
/// `container prune`, image-in-use checks) need, read from a small
/// `summary.json` instead of parsing every full record. Same fields and JSON
/// names as [`ContainerRecord`], so a full record also parses as a summary.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContainerSummary {
    pub id: String,
    pub name: String,
    pub image_id: String,
    pub image_name: String,
    pub layers: Vec<Digest>,
    pub created: String,
    pub command: Vec<String>,
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub tty: bool,
    #[serde(default)]
    pub stdin: bool,
    #[serde(default)]
    pub remove: bool,
    #[serde(default)]
    pub restart: RestartPolicy,
    #[serde(default)]
    pub stop_signal: Option<String>,
    #[serde(default = "default_stop_timeout")]
    pub stop_timeout: u32,
    #[serde(default = "default_network")]
    pub network: String,
    #[serde(default = "default_driver")]
    pub driver: String,
    #[serde(default)]
    pub pod: Option<String>,
    /// Published ports (`ps`'s PORTS column).
    #[serde(default)]
    pub ports: Vec<crate::network::PortMapping>,
}

impl ContainerRecord {
    /// The record without its spec.
    pub fn summary(&self) -> ContainerSummary {
        ContainerSummary {
            id: self.id.clone(),
            name: self.name.clone(),
            image_id: self.image_id.clone(),
            image_name: self.image_name.clone(),
            layers: self.layers.clone(),
            created: self.created.clone(),
            command: self.command.clone(),
            labels: self.labels.clone(),
            tty: self.tty,
            stdin: self.stdin,
            remove: self.remove,
            restart: self.restart.clone(),
            stop_signal: self.stop_signal.clone(),
            stop_timeout: self.stop_timeout,
            network: self.network.clone(),
            driver: self.driver.clone(),
            pod: self.pod.clone(),
            ports: self.ports.clone(),
        }
    }
}

/// Handle on the containers part of the store.
#[derive(Debug, Clone)]
pub struct ContainerStore {
    dir: PathBuf,
    /// `dir`, opened (O_PATH): records are read relative to it, a two-step
    /// path walk instead of the whole root's (listings read thousands).
    dirfd: Arc<OwnedFd>,
    rundir: PathBuf,
    words: names::Words,
}

const RECORD: &str = "container.json";
const SUMMARY: &str = "summary.json";
const STATE: &str = "state.json";
/// Set once every record has its index entries (built on first open of a
/// store made before the index existed).
const INDEX_COMPLETE: &str = ".index/complete";
const NAMES: &str = ".index/names";
const IDS: &str = ".index/ids";
const TRASH: &str = ".trash";
const CREATING: &str = ".creating";

/// A full container ID: 64 lowercase hex digits.
pub fn is_id(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Podman's rule for container names: `[a-zA-Z0-9][a-zA-Z0-9_.-]*` (and at
/// most 255 bytes, a file name here).
pub fn is_valid_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty() && b.len() <= 255 && b[0].is_ascii_alphanumeric() && b.iter().all(|c| c.is_ascii_alphanumeric() || b"_.-".contains(c))
}

fn is_id_prefix(s: &str) -> bool {
    !s.is_empty() && s.len() < 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn not_found(e: &std::io::Error) -> bool {
    matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory)
}

/// `ID/FILE`, relative to the containers directory. Built by hand: `format!`
/// was ~1,000 instructions a call, and a listing makes two per container.
fn rel_path(id: &str, file: &str) -> String {
    let mut s = String::with_capacity(id.len() + 1 + file.len());
    s.push_str(id);
    s.push('/');
    s.push_str(file);
    s
}

/// Read a whole (small) file relative to a directory descriptor: openat,
/// read, close — three system calls for a file under 4 KB (a listing
/// reads two per container). A read of a local regular file returns less
/// than asked for only at its end, so a short read ends it without the
/// usual extra read that returns 0.
fn read_at(dirfd: &OwnedFd, rel: &str) -> std::io::Result<Vec<u8>> {
    use nix::fcntl::OFlag;
    use std::os::fd::AsRawFd;
    let fd = nix::fcntl::openat(dirfd, rel, OFlag::O_RDONLY | OFlag::O_CLOEXEC | OFlag::O_NOFOLLOW, nix::sys::stat::Mode::empty())?;
    let f = std::fs::File::from(fd);
    // Read into spare capacity (never zeroed: 4 kB of zeroing per file was a
    // tenth of `ps -a`), stopping at the first short read: a regular file
    // has no more after it.
    let mut buf: Vec<u8> = Vec::with_capacity(4096);
    loop {
        if buf.len() == buf.capacity() {
            buf.reserve(buf.capacity());
        }
        let spare = buf.capacity() - buf.len();
        // SAFETY: read(2) writes at most `spare` bytes into the vector's
        // spare capacity, which starts at `len` and is `spare` bytes long.
        let n = unsafe { libc::read(f.as_raw_fd(), buf.as_mut_ptr().add(buf.len()).cast(), spare) };
        if n < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        let n = n as usize;
        // SAFETY: the kernel initialised `n` more bytes (n <= spare).
        unsafe { buf.set_len(buf.len() + n) };
        if n == 0 || n < spare {
            break;
        }
    }
    Ok(buf)
}

fn remove_file_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if !not_found(&e) => Err(e).with_context(|| format!("removing {}", path.display())),
        _ => Ok(()),
    }
}

fn warn_skipped(id: &str, e: &anyhow::Error) {
    eprintln!("WARNING: skipping container {id}: {e:#}");
}

/// Lock a directory (flock on its descriptor) if nobody else holds it.
fn try_lock_dir(path: &Path) -> Option<Flock<std::fs::File>> {
    let f = std::fs::File::open(path).ok()?;
    Flock::lock(f, FlockArg::LockExclusiveNonblock).ok()
}

/// Remove a directory of `.trash/` unless its remover still holds it.
fn remove_trash_entry(path: &Path) -> std::io::Result<()> {
    match try_lock_dir(path) {
        Some(_held) => crate::storage::remove_tree(path),
        None => Ok(()),
    }
}

/// A removed container's files, still to be deleted (see
/// [`ContainerStore::remove_begin`]); holds the directory's lock so no one
/// else deletes it meanwhile.
#[must_use]
pub struct Removal {
    trash: PathBuf,
    rundir: PathBuf,
    _held: Option<Flock<std::fs::File>>,
}

impl Removal {
    /// Delete the files. `PermissionDenied` means files of other container
    /// users: the entry stays as debris for an `rm` with the user namespace.
    pub fn finish(self) -> std::io::Result<()> {
        crate::storage::remove_tree(&self.trash)?;
        let _ = crate::storage::remove_tree(&self.rundir);
        Ok(())
    }
}

impl ContainerStore {
    /// Open (and create) the containers part of the store. A store made
    /// before the name and ID index existed is indexed now, once.
    pub fn open(root: &Path, runroot: &Path) -> Result<ContainerStore> {
        let (dir, rundir) = (root.join("containers"), runroot.join("containers"));
        for d in [&dir, &rundir] {
            std::fs::create_dir_all(d).with_context(|| format!("creating {}", d.display()))?;
        }
        let flags = nix::fcntl::OFlag::O_PATH | nix::fcntl::OFlag::O_DIRECTORY | nix::fcntl::OFlag::O_CLOEXEC;
        let dirfd = nix::fcntl::open(&dir, flags, nix::sys::stat::Mode::empty()).with_context(|| format!("opening {}", dir.display()))?;
        let s = ContainerStore { dir, dirfd: Arc::new(dirfd), rundir, words: names::Words::DEFAULT };
        if std::fs::symlink_metadata(s.dir.join(INDEX_COMPLETE)).is_err() {
            s.build_index()?;
        }
        Ok(s)
    }

    /// The same store, generating names from `words` (tests use tiny lists).
    pub fn with_words(mut self, words: names::Words) -> ContainerStore {
        self.words = words;
        self
    }

    pub fn dir(&self, id: &str) -> PathBuf {
        self.dir.join(id)
    }
    pub fn rundir(&self, id: &str) -> PathBuf {
        self.rundir.join(id)
    }
    fn lock_path(&self) -> PathBuf {
        self.dir.join(".lock")
    }
    fn lock(&self) -> Result<FileLock> {
        FileLock::exclusive(&self.lock_path())
    }
    fn name_link(&self, name: &str) -> PathBuf {
        self.dir.join(NAMES).join(name)
    }
    /// `.index/ids/<first two hex digits>/<id>` (`id` must be an ID).
    fn id_link(&self, id: &str) -> PathBuf {
        self.dir.join(IDS).join(id.get(..2).unwrap_or_default()).join(id)
    }
    fn has_record(&self, id: &str) -> bool {
        is_id(id) && nix::sys::stat::fstatat(&*self.dirfd, rel_path(id, RECORD).as_str(), nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW).is_ok()
    }

    /// Parse `<id>/<file>`; `Ok(None)` when it does not exist. `id` must be
    /// an ID (checked by the callers).
    fn read_json<T: serde::de::DeserializeOwned>(&self, id: &str, file: &str) -> Result<Option<T>> {
        let rel = rel_path(id, file);
        match read_at(&self.dirfd, &rel) {
            Ok(data) => serde_json::from_slice(&data).map(Some).with_context(|| format!("parsing {}", self.dir.join(&rel).display())),
            Err(e) if not_found(&e) => Ok(None),
            Err(e) => Err(e).with_context(|| format!("reading {}", self.dir.join(&rel).display())),
        }
    }

    /// IDs of the directories under `containers/` (index, trash and lock
    /// entries start with a dot and are not IDs).
    fn entry_ids(&self) -> Result<Vec<String>> {
        let rd = std::fs::read_dir(&self.dir).with_context(|| format!("reading {}", self.dir.display()))?;
        Ok(rd.flatten().filter_map(|e| e.file_name().into_string().ok()).filter(|n| is_id(n)).collect())
    }

    // ------------------------------------------------------------- reading

    /// The full record of container `id` (`None`: no such record).
    pub fn record(&self, id: &str) -> Result<Option<ContainerRecord>> {
        if !is_id(id) {
            return Ok(None);
        }
        match self.read_json::<ContainerRecord>(id, RECORD)? {
            Some(r) if r.id != id => bail!("{} is corrupt: it names container {:?}", self.dir(id).join(RECORD).display(), r.id),
            r => Ok(r),
        }
    }

    /// The summary of container `id`, and whether it had to be parsed out of
    /// the full record (no `summary.json`: a store written before summaries
    /// existed, or a creator killed before writing it).
    fn load_summary(&self, id: &str) -> Result<Option<(ContainerSummary, bool)>> {
        if !is_id(id) {
            return Ok(None);
        }
        // summary.json is a cache of the record: trusted only when it parses
        // and names this container; otherwise the record decides.
        if let Ok(Some(s)) = self.read_json::<ContainerSummary>(id, SUMMARY) {
            if s.id == id {
                return Ok(Some((s, false)));
            }
        }
        match self.read_json::<ContainerSummary>(id, RECORD)? {
            Some(s) if s.id != id => bail!("{} is corrupt: it names container {:?}", self.dir(id).join(RECORD).display(), s.id),
            Some(s) => Ok(Some((s, true))),
            None => Ok(None),
        }
    }

    /// Every container's full record (with its spec), newest first. A
    /// corrupt record is skipped with a warning. Parses every spec: listings
    /// that need no spec should use [`ContainerStore::list_summaries`].
    pub fn list(&self) -> Result<Vec<ContainerRecord>> {
        let mut out = Vec::new();
        let mut recordless = Vec::new();
        for id in self.entry_ids()? {
            match self.record(&id) {
                Ok(Some(r)) => out.push(r),
                Ok(None) => recordless.push(id),
                Err(e) => warn_skipped(&id, &e),
            }
        }
        self.tidy(&recordless, &[]);
        out.sort_by(|a: &ContainerRecord, b| b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id)));
        Ok(out)
    }

    /// Every container's summary (the record without its spec), newest
    /// first; a corrupt record is skipped with a warning. One small file per
    /// container: this is what `ps`, `rm -a`, `container prune` and the
    /// image-in-use checks should list.
    pub fn list_summaries(&self) -> Result<Vec<ContainerSummary>> {
        let mut out = Vec::new();
        let mut recordless = Vec::new();
        let mut uncached = Vec::new();
        for id in self.entry_ids()? {
            match self.load_summary(&id) {
                Ok(Some((s, from_record))) => {
                    if from_record {
                        uncached.push(id);
                    }
                    out.push(s);
                }
                Ok(None) => recordless.push(id),
                Err(e) => warn_skipped(&id, &e),
            }
        }
        self.tidy(&recordless, &uncached);
        out.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id)));
        Ok(out)
    }

    /// Every container's summary and state, newest first: what `ps` shows.
    /// One file per container in the common case (`state.json`, which
    /// carries the summary, and a `stat` of the record to check that the
    /// copy is current); otherwise the summary comes from `summary.json` or
    /// the record and is cached when the store lock is free. A container
    /// whose files cannot be read is skipped with a warning.
    pub fn list_with_state(&self) -> Result<Vec<(ContainerSummary, ContainerState)>> {
        let mut out = Vec::new();
        let mut recordless = Vec::new();
        let mut uncached = Vec::new();
        let ids = self.entry_ids()?;
        let entries = self.load_entries(&ids);
        for (id, entry) in ids.into_iter().zip(entries) {
            match entry {
                Ok(Some((s, st, cached))) => {
                    if !cached {
                        uncached.push(id);
                    }
                    out.push((s, st));
                }
                Ok(None) => recordless.push(id),
                Err(e) => warn_skipped(&id, &e),
            }
        }
        self.tidy(&recordless, &uncached);
        // Keys first, then the (large) entries moved once each.
        out.sort_by_cached_key(|(s, _)| (std::cmp::Reverse(s.created.clone()), s.id.clone()));
        Ok(out)
    }

    /// [`ContainerStore::load_entry`] of every ID, in order. A big store is
    /// read by a few threads (each entry is an independent open, read and
    /// JSON parse: at 1,000 containers this is most of `ps -a`); they have
    /// all exited when this returns, so the caller is single-threaded again
    /// (`unshare(CLONE_NEWUSER)` and the fork helpers need that).
    fn load_entries(&self, ids: &[String]) -> Vec<Result<Option<(ContainerSummary, ContainerState, bool)>>> {
        const PER_THREAD: usize = 128;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4).min(ids.len() / PER_THREAD);
        if threads <= 1 {
            return ids.iter().map(|id| self.load_entry(id)).collect();
        }
        let chunk = ids.len().div_ceil(threads);
        let out = std::thread::scope(|s| {
            let handles: Vec<_> = ids.chunks(chunk).map(|c| s.spawn(move || c.iter().map(|id| self.load_entry(id)).collect::<Vec<_>>())).collect();
            handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
        });
        // A joined thread may still be leaving the kernel's thread list for a moment.
        for _ in 0..10_000 {
            if crate::runtime::userns::threads() == 1 {
                break;
            }
            std::thread::yield_now();
        }
        out
    }

    /// Summary and (reconciled) state of container `id`, and whether the
    /// summary came from the cache in the state file. `None`: no record.
    fn load_entry(&self, id: &str) -> Result<Option<(ContainerSummary, ContainerState, bool)>> {
        let Some(mut st) = self.read_json::<ContainerState>(id, STATE)? else {
            if self.has_record(id) {
                bail!("{} is missing", self.dir(id).join(STATE).display());
            }
            return Ok(None);
        };
        if let Some(c) = st.listing.take() {
            if c.summary.id == id && self.record_stamp(id) == Some(c.record) {
                return Ok(Some((c.summary, st.reconciled(), true)));
            }
        }
        Ok(self.load_summary(id)?.map(|(s, _)| (s, st.reconciled(), false)))
    }

    /// The ID of the container `input` names: its full ID, its name, or a
    /// unique prefix of its ID (in that order, as Podman). Costs the same
    /// whatever the number of containers: names and IDs are looked up in the
    /// index, never by listing.
    pub fn resolve(&self, input: &str) -> Result<Option<String>> {
        if is_id(input) && self.has_record(input) {
            return Ok(Some(input.to_string()));
        }
        if is_valid_name(input) {
            if let Some(id) = self.name_owner(input)? {
                return Ok(Some(id));
            }
        }
        if is_id_prefix(input) {
            let mut found = self.ids_with_prefix(input)?;
            return match found.len() {
                0 => Ok(None),
                1 => Ok(found.pop()),
                _ => bail!("more than one container matches {input:?}: use more characters of the ID"),
            };
        }
        Ok(None)
    }

    /// Find by full id, name, or unique id prefix ([`ContainerStore::resolve`]),
    /// and read the full record.
    pub fn find(&self, input: &str) -> Result<Option<ContainerRecord>> {
        match self.resolve(input)? {
            Some(id) => self.record(&id),
            None => Ok(None),
        }
    }

    /// Like [`ContainerStore::find`], without parsing the spec.
    pub fn find_summary(&self, input: &str) -> Result<Option<ContainerSummary>> {
        match self.resolve(input)? {
            Some(id) => Ok(self.load_summary(&id)?.map(|(s, _)| s)),
            None => Ok(None),
        }
    }

    /// IDs with a record that start with `prefix`, from the index shards
    /// (one shard directory for two or more digits, sixteen for one).
    fn ids_with_prefix(&self, prefix: &str) -> Result<Vec<String>> {
        let shards: Vec<String> =
            if prefix.len() >= 2 { vec![prefix[..2].to_string()] } else { "0123456789abcdef".chars().map(|c| format!("{prefix}{c}")).collect() };
        let mut out = Vec::new();
        for shard in shards {
            let dir = self.dir.join(IDS).join(shard);
            let rd = match std::fs::read_dir(&dir) {
                Ok(rd) => rd,
                Err(e) if not_found(&e) => continue,
                Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
            };
            for e in rd.flatten() {
                let Ok(id) = e.file_name().into_string() else { continue };
                // An entry without a record belongs to a creation in progress
                // or to one that was interrupted: not a container.
                if is_id(&id) && id.starts_with(prefix) && self.has_record(&id) {
                    out.push(id);
                }
            }
        }
        Ok(out)
    }

    /// The ID a name link points at, whatever its record says.
    fn name_target(&self, name: &str) -> Option<String> {
        let t = std::fs::read_link(self.name_link(name)).ok()?;
        t.to_str().filter(|t| is_id(t)).map(str::to_string)
    }

    /// The container that really holds `name`: the link's target, if that
    /// container has a record with this name. A link to a container without a
    /// record (an interrupted create or rm) or to one renamed since (an
    /// interrupted rename) is stale: the name is free. A corrupt record keeps
    /// its name (it cannot be checked).
    fn name_owner(&self, name: &str) -> Result<Option<String>> {
        let Some(id) = self.name_target(name) else { return Ok(None) };
        Ok(match self.load_summary(&id) {
            Ok(Some((s, _))) => (s.name == name).then_some(id),
            Ok(None) => None,
            Err(_) => Some(id),
        })
    }

    // ------------------------------------------------------------- writing
    // Everything below that changes the index, or adds or removes a
    // container directory, holds the store lock.

    /// Point `name` at `id`, replacing a stale link atomically. Lock held;
    /// the caller has checked that the name is free.
    fn claim_name(&self, name: &str, id: &str) -> Result<()> {
        let link = self.name_link(name);
        match std::os::unix::fs::symlink(id, &link) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                // Names cannot start with a dot: no clash with a real name.
                let tmp = self.dir.join(NAMES).join(format!(".tmp-{id}"));
                remove_file_if_exists(&tmp)?;
                std::os::unix::fs::symlink(id, &tmp).with_context(|| format!("creating {}", tmp.display()))?;
                std::fs::rename(&tmp, &link).with_context(|| format!("replacing {}", link.display()))
            }
            Err(e) => Err(e).with_context(|| format!("creating {}", link.display())),
        }
    }

    /// Remove the link of `name` if it points at `id`. Lock held.
    fn unlink_name_if(&self, name: &str, id: &str) {
        if is_valid_name(name) && self.name_target(name).as_deref() == Some(id) {
            let _ = std::fs::remove_file(self.name_link(name));
        }
    }

    /// Add `id` to the prefix index. Lock held.
    fn link_id(&self, id: &str) -> Result<()> {
        let link = self.id_link(id);
        let target = format!("../../../{id}");
        match std::os::unix::fs::symlink(&target, &link) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let shard = link.parent().context("index shard")?;
                std::fs::create_dir_all(shard).with_context(|| format!("creating {}", shard.display()))?;
                std::os::unix::fs::symlink(&target, &link).with_context(|| format!("creating {}", link.display()))
            }
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(e).with_context(|| format!("creating {}", link.display())),
            _ => Ok(()),
        }
    }

    /// Index every record of a store written before the index existed.
    fn build_index(&self) -> Result<()> {
        let _lock = self.lock()?;
        let complete = self.dir.join(INDEX_COMPLETE);
        if std::fs::symlink_metadata(&complete).is_ok() {
            return Ok(());
        }
        for d in [NAMES, IDS, TRASH] {
            let d = self.dir.join(d);
            std::fs::create_dir_all(&d).with_context(|| format!("creating {}", d.display()))?;
        }
        for id in self.entry_ids()? {
            let s = match self.load_summary(&id) {
                Ok(Some((s, _))) => s,
                Ok(None) => continue, // debris: the next listing removes it
                Err(e) => {
                    warn_skipped(&id, &e);
                    continue;
                }
            };
            self.link_id(&id)?;
            if is_valid_name(&s.name) {
                match self.name_target(&s.name) {
                    Some(other) if other != id && self.name_owner(&s.name)?.is_some() => {
                        eprintln!("WARNING: containers {other} and {id} are both named {:?}: the name stays with the first", s.name);
                    }
                    _ => self.claim_name(&s.name, &id)?,
                }
            }
            let _ = atomic::write_json_fast(&self.dir(&id).join(SUMMARY), &s);
        }
        std::fs::File::create(&complete).with_context(|| format!("creating {}", complete.display()))?;
        Ok(())
    }

    /// A name no container holds: random `adjective_surname` picks, then the
    /// bounded fallbacks of [`names::Words::candidate`]. Lock held.
    fn generate_name(&self) -> Result<String> {
        for attempt in 0..names::MAX_ATTEMPTS {
            let name = self.words.candidate(attempt, &random_bytes(8));
            if self.name_owner(&name)?.is_none() {
                return Ok(name);
            }
        }
        bail!("no free container name found in {} attempts: name the container with --name", names::MAX_ATTEMPTS)
    }

    /// Allocate an id and (the given or a generated) name, and write the
    /// record. Costs the same whatever the number of containers.
    ///
    /// Under the store lock: clean up after a creator that died (the
    /// `.creating` marker), choose the name, write the marker (`ID NAME`),
    /// claim the name, index the ID, make the directory, write state.json,
    /// then container.json (durably: from here on the container exists),
    /// then the summary, and remove the marker.
    pub fn create(&self, mut rec: ContainerRecord) -> Result<ContainerRecord> {
        if !rec.name.is_empty() && !is_valid_name(&rec.name) {
            bail!("invalid container name {:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*", rec.name);
        }
        if rec.id.is_empty() {
            rec.id = new_id();
        } else if !is_id(&rec.id) {
            bail!("invalid container ID {:?}", rec.id);
        }
        let _lock = self.lock()?;
        self.clean_pending()?;
        if rec.name.is_empty() {
            rec.name = self.generate_name()?;
        } else if self.name_owner(&rec.name)?.is_some() {
            return Err(NameTaken(rec.name).into());
        }
        let marker = self.dir.join(CREATING);
        std::os::unix::fs::symlink(format!("{} {}", rec.id, rec.name), &marker).with_context(|| format!("creating {}", marker.display()))?;
        match self.write_new(&mut rec) {
            Ok(()) => {
                // Left behind, it is removed by the next create (the record exists).
                let _ = std::fs::remove_file(&marker);
                Ok(rec)
            }
            Err(e) => {
                let _ = self.clean_pending();
                Err(e)
            }
        }
    }

    fn write_new(&self, rec: &mut ContainerRecord) -> Result<()> {
        self.claim_name(&rec.name, &rec.id)?;
        self.link_id(&rec.id)?;
        let dir = self.dir(&rec.id);
        match std::fs::create_dir(&dir) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!("container ID {} is already in use", rec.id),
            r => r.with_context(|| format!("creating {}", dir.display()))?,
        }
        for d in [dir.join("diff"), dir.join("work")] {
            std::fs::create_dir(&d).with_context(|| format!("creating {}", d.display()))?;
        }
        rec.created = now_rfc3339();
        atomic::write_json_fast(&dir.join(STATE), &ContainerState { boot_id: boot_id(), ..Default::default() })?;
        // The record is durable; state changes need only be atomic, and the
        // summary is a cache of the record (rebuilt from it when missing).
        // A `--rm` container's record is removed when it exits, so it is not
        // worth two fsyncs (1-15 ms, most of `run --rm`'s disk wait): after a
        // power cut it may be lost (as the container would have been) or
        // torn, which listings skip with a warning and `rm ID` removes.
        if rec.remove {
            atomic::write_json_fast(&dir.join(RECORD), &*rec)?;
        } else {
            atomic::write_json(&dir.join(RECORD), &*rec)?;
        }
        let summary = rec.summary();
        let _ = atomic::write_json_fast(&dir.join(SUMMARY), &summary);
        // No one else knows this container yet: the state is rewritten whole.
        // Not for `--rm`: its record lives as long as its one run, and a
        // rewrite replacing a file that was just written waits for that
        // file's writeback (ext4 starts it at every rename over a file),
        // a disk wait in the middle of `run --rm`. Listings without the
        // cache read `summary.json`.
        if let Some(stamp) = self.record_stamp(&rec.id).filter(|_| !rec.remove) {
            let st = ContainerState { boot_id: boot_id(), listing: Some(ListingCache { record: stamp, summary }), ..Default::default() };
            atomic::write_json_fast(&dir.join(STATE), &st)?;
        }
        Ok(())
    }

    /// Undo a creation whose process died (the `.creating` marker names it):
    /// its name and ID entries and its directory, unless its record was
    /// written (then it is a container, and only the marker goes). Lock held.
    fn clean_pending(&self) -> Result<()> {
        let marker = self.dir.join(CREATING);
        let target = match std::fs::read_link(&marker) {
            Ok(t) => t.to_string_lossy().into_owned(),
            Err(e) if not_found(&e) => return Ok(()),
            Err(e) => return Err(e).with_context(|| format!("reading {}", marker.display())),
        };
        let (id, name) = target.split_once(' ').unwrap_or((&target, ""));
        if is_id(id) && !self.has_record(id) {
            self.unlink_name_if(name, id);
            let _ = std::fs::remove_file(self.id_link(id));
            self.discard(id);
        }
        remove_file_if_exists(&marker)
    }

    /// Move a directory without a record into the trash and delete it (an
    /// interrupted create holds only rpod's own files). Lock held.
    fn discard(&self, id: &str) {
        let _ = std::fs::remove_file(self.id_link(id));
        let trash = self.dir.join(TRASH).join(id);
        let _ = std::fs::create_dir_all(self.dir.join(TRASH));
        if std::fs::rename(self.dir(id), &trash).is_ok() {
            let _ = remove_trash_entry(&trash);
            let _ = crate::storage::remove_tree(&self.rundir(id));
        }
    }

    /// After a listing: remove what interrupted creates left (directories
    /// without a record, only possible when their creator died, since
    /// creation holds the lock) and write missing summaries. Only when the
    /// lock is free at once: a listing never waits.
    fn tidy(&self, recordless: &[String], uncached: &[String]) {
        if recordless.is_empty() && uncached.is_empty() {
            return;
        }
        let Ok(Some(_lock)) = FileLock::try_exclusive(&self.lock_path()) else { return };
        let _ = self.clean_pending();
        for id in recordless {
            // Re-checked under the lock: a create may have finished meanwhile.
            if self.dir(id).exists() && !self.has_record(id) {
                self.discard(id);
            }
        }
        for id in uncached {
            if let Ok(Some(s)) = self.read_json::<ContainerSummary>(id, RECORD) {
                if s.id == *id {
                    let _ = atomic::write_json_fast(&self.dir(id).join(SUMMARY), &s);
                    self.cache_listing(id, s);
                }
            }
        }
    }

    /// The identity of container `id`'s record file.
    fn record_stamp(&self, id: &str) -> Option<FileStamp> {
        let st = nix::sys::stat::fstatat(&*self.dirfd, rel_path(id, RECORD).as_str(), nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW).ok()?;
        Some(FileStamp { ino: st.st_ino, size: st.st_size as u64, mtime_ns: st.st_mtime.saturating_mul(1_000_000_000).saturating_add(st.st_mtime_nsec) })
    }

    /// Put `summary` (read from the record just now) into the state file
    /// for listings; best effort, under the container's state lock.
    fn cache_listing(&self, id: &str, summary: ContainerSummary) {
        let Some(record) = self.record_stamp(id) else { return };
        let Ok(_l) = FileLock::exclusive(&self.dir(id).join("state.lock")) else { return };
        // The raw state, not the reconciled one: only the cache changes.
        let Ok(Some(mut st)) = self.read_json::<ContainerState>(id, STATE) else { return };
        st.listing = Some(ListingCache { record, summary });
        let _ = atomic::write_json_fast(&self.dir(id).join(STATE), &st);
    }

    pub fn rename(&self, id: &str, name: &str) -> Result<()> {
        if !is_valid_name(name) {
            bail!("invalid container name {name:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
        }
        let _lock = self.lock()?;
        let mut rec = self.record(id)?.context("no such container")?;
        if rec.name == name {
            return Ok(());
        }
        if self.name_owner(name)?.is_some() {
            return Err(NameTaken(name.to_string()).into());
        }
        // New link, record, old link: a kill in between leaves a link whose
        // target's record has another name, which counts as free.
        self.claim_name(name, id)?;
        let dir = self.dir(id);
        // The summary goes first, so that it never disagrees with the record.
        remove_file_if_exists(&dir.join(SUMMARY))?;
        let old = std::mem::replace(&mut rec.name, name.to_string());
        if let Err(e) = atomic::write_json(&dir.join(RECORD), &rec) {
            self.unlink_name_if(name, id);
            return Err(e);
        }
        let _ = atomic::write_json_fast(&dir.join(SUMMARY), &rec.summary());
        self.cache_listing(id, rec.summary());
        self.unlink_name_if(&old, id);
        Ok(())
    }

    /// Change container `id`'s record in place (one atomic rewrite under the
    /// store lock; the summary follows it). Returns the new record.
    pub fn update_record(&self, id: &str, f: impl FnOnce(&mut ContainerRecord) -> Result<()>) -> Result<ContainerRecord> {
        let _lock = self.lock()?;
        let mut rec = self.record(id)?.context("no such container")?;
        f(&mut rec)?;
        let dir = self.dir(id);
        remove_file_if_exists(&dir.join(SUMMARY))?;
        atomic::write_json(&dir.join(RECORD), &rec)?;
        let _ = atomic::write_json_fast(&dir.join(SUMMARY), &rec.summary());
        self.cache_listing(id, rec.summary());
        Ok(rec)
    }

    pub fn state(&self, id: &str) -> Result<ContainerState> {
        if !is_id(id) {
            bail!("invalid container ID {id:?}");
        }
        let rel = rel_path(id, STATE);
        let data = read_at(&self.dirfd, &rel).with_context(|| format!("reading {}", self.dir.join(&rel).display()))?;
        let st: ContainerState = serde_json::from_slice(&data).with_context(|| format!("parsing {}", self.dir.join(&rel).display()))?;
        Ok(st.reconciled())
    }

    /// [`Self::update_state`] that writes only when `f` says it changed
    /// something (each write renames over the file, which on ext4 can wait
    /// for the previous version's writeback).
    pub fn update_state_if(&self, id: &str, f: impl FnOnce(&mut ContainerState) -> bool) -> Result<bool> {
        let _l = FileLock::exclusive(&self.dir(id).join("state.lock"))?;
        let mut st = self.state(id)?;
        let changed = f(&mut st);
        if changed {
            atomic::write_json_fast(&self.dir(id).join(STATE), &st)?;
        }
        Ok(changed)
    }

    /// Read-modify-write the state under the container's own lock.
    pub fn update_state<T>(&self, id: &str, f: impl FnOnce(&mut ContainerState) -> T) -> Result<T> {
        let _l = FileLock::exclusive(&self.dir(id).join("state.lock"))?;
        let mut st = self.state(id)?;
        let out = f(&mut st);
        atomic::write_json_fast(&self.dir(id).join(STATE), &st)?;
        Ok(out)
    }

    pub fn log_path(&self, id: &str) -> PathBuf {
        self.dir(id).join("ctr.log")
    }

    /// Remove a container: under the store lock its directory moves into
    /// `.trash/` in one rename (so nothing lists a half-removed container)
    /// and its name and ID leave the index; then its files are deleted,
    /// outside the lock, by this process holding a lock on the directory.
    /// Deleting needs content access (the upper dir has container ids); what
    /// a killed or unprivileged remover leaves in the trash is deleted by
    /// [`ContainerStore::remove_debris`].
    pub fn remove(&self, id: &str) -> Result<()> {
        match self.remove_begin(id)? {
            Some(r) => r.finish().with_context(|| format!("removing {}", self.dir.join(TRASH).join(id).display())),
            None => Ok(()),
        }
    }

    /// The committing half of [`ContainerStore::remove`]: under the store
    /// lock, move the container's directory to `.trash/` and drop its index
    /// entries. From here on the container does not exist; its files are
    /// deleted by [`Removal::finish`] (or, if the remover dies or lacks the
    /// rights, by the next `rm`/`prune` as debris). `None`: already gone.
    pub fn remove_begin(&self, id: &str) -> Result<Option<Removal>> {
        if !is_id(id) {
            bail!("invalid container ID {id:?}");
        }
        let dir = self.dir(id);
        let trash = self.dir.join(TRASH).join(id);
        let _lock = self.lock()?;
        let name = self.load_summary(id).ok().flatten().map(|(s, _)| s.name);
        let held = try_lock_dir(&dir);
        std::fs::create_dir_all(self.dir.join(TRASH)).with_context(|| format!("creating {}", self.dir.join(TRASH).display()))?;
        let moved = match std::fs::rename(&dir, &trash) {
            Ok(()) => true,
            Err(e) if not_found(&e) => false,
            Err(e) => return Err(e).with_context(|| format!("moving {} to {}", dir.display(), trash.display())),
        };
        if let Some(name) = name {
            self.unlink_name_if(&name, id);
        }
        let _ = std::fs::remove_file(self.id_link(id));
        // Not moved: gone already, or being deleted by another remover.
        Ok(moved.then(|| Removal { trash, rundir: self.rundir(id), _held: held }))
    }

    /// Delete what interrupted commands left: the trash entries whose remover
    /// died, and the files of a creation that was killed. Cheap (never lists
    /// the containers); needs content access for trash entries with files
    /// of container users. Record-less directories left by older rpod
    /// versions are removed by the next listing.
    pub fn remove_debris(&self) {
        if std::fs::symlink_metadata(self.dir.join(CREATING)).is_ok() {
            if let Ok(Some(_lock)) = FileLock::try_exclusive(&self.lock_path()) {
                let _ = self.clean_pending();
            }
        }
        for d in self.debris() {
            let _ = remove_trash_entry(&d);
            if let Some(id) = d.file_name().and_then(|n| n.to_str()).filter(|n| is_id(n)) {
                let _ = crate::storage::remove_tree(&self.rundir(id));
            }
        }
    }

    /// Directories of removed containers still to be deleted whose remover
    /// is gone (an interrupted or unprivileged `rm`).
    pub fn debris(&self) -> Vec<PathBuf> {
        std::fs::read_dir(self.dir.join(TRASH)).map(|rd| rd.flatten().map(|e| e.path()).filter(|p| try_lock_dir(p).is_some()).collect()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restart_policies() {
        assert_eq!(RestartPolicy::parse("no").unwrap(), RestartPolicy::No);
        assert_eq!(RestartPolicy::parse("on-failure:3").unwrap(), RestartPolicy::OnFailure(Some(3)));
        assert_eq!(RestartPolicy::parse("on-failure:3").unwrap().name(), "on-failure:3");
        assert!(RestartPolicy::parse("sometimes").is_err());
        assert!(RestartPolicy::parse("on-failure:x").is_err());
    }

    #[test]
    fn own_start_time_is_stable() {
        let me = ProcId::of(std::process::id() as i32).unwrap();
        assert!(me.alive());
        assert!(!ProcId { pid: me.pid, start_time: me.start_time + 1 }.alive());
    }
    // ---------------------------------------------------------- the store

    /// A scratch directory, removed on drop.
    struct Tmp(PathBuf);

    impl Tmp {
        fn new(tag: &str) -> Tmp {
            let p = std::env::temp_dir().join(format!("rpod-unit-{tag}-{}-{}", std::process::id(), &new_id()[..8]));
            std::fs::create_dir_all(&p).unwrap();
            Tmp(p)
        }
        fn store(&self) -> ContainerStore {
            ContainerStore::open(&self.0.join("root"), &self.0.join("run")).unwrap()
        }
        fn containers(&self) -> PathBuf {
            self.0.join("root/containers")
        }
    }

    impl Drop for Tmp {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// A minimal record (only the fields without defaults).
    fn record(id: &str, name: &str) -> ContainerRecord {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "image_id": "feed", "image_name": "busybox", "layers": [], "created": "",
            "command": ["true"], "spec": oci_spec::runtime::Spec::default(),
        }))
        .unwrap()
    }

    fn names(s: &ContainerStore) -> Vec<String> {
        let mut v: Vec<String> = s.list_summaries().unwrap().into_iter().map(|c| c.name).collect();
        v.sort();
        v
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            std::fs::read_dir(dir).map(|rd| rd.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect()).unwrap_or_default();
        v.sort();
        v
    }

    #[test]
    fn names_are_claimed_once_and_freed_by_rename_and_remove() {
        let t = Tmp::new("names");
        let s = t.store();
        let web = s.create(record("", "web")).unwrap();
        assert!(is_id(&web.id) && !web.created.is_empty());
        let err = s.create(record("", "web")).unwrap_err();
        assert_eq!(err.downcast_ref::<NameTaken>(), Some(&NameTaken("web".into())), "{err:#}");
        assert_eq!(s.find("web").unwrap().unwrap().id, web.id);
        assert!(s.create(record("", "bad/name")).is_err(), "names are file names in the index");

        s.rename(&web.id, "api").unwrap();
        assert!(s.find("web").unwrap().is_none(), "the old name is free");
        assert_eq!(s.find("api").unwrap().unwrap().name, "api");
        assert_eq!(s.find_summary("api").unwrap().unwrap().name, "api", "the summary follows the rename");
        let web2 = s.create(record("", "web")).unwrap();
        assert!(s.rename(&web2.id, "api").unwrap_err().downcast_ref::<NameTaken>().is_some());

        s.remove(&web.id).unwrap();
        assert!(s.find("api").unwrap().is_none());
        assert!(s.find(&web.id).unwrap().is_none());
        s.create(record("", "api")).unwrap();
        assert_eq!(names(&s), ["api", "web"]);
        assert_eq!(entries(&t.containers().join(TRASH)), Vec::<String>::new(), "removal leaves nothing in the trash");
        assert!(!t.containers().join(CREATING).exists());
    }

    #[test]
    fn ids_resolve_by_unique_prefix_through_the_index() {
        let t = Tmp::new("prefix");
        let s = t.store();
        let id = |p: &str, c: char| format!("{p}{}", c.to_string().repeat(64 - p.len()));
        for (i, n) in [(id("ab", '1'), "one"), (id("ab", '2'), "two"), (id("ac", '3'), "three"), (id("b", '4'), "four")] {
            s.create(record(&i, n)).unwrap();
        }
        assert_eq!(s.find(&id("ab", '1')).unwrap().unwrap().name, "one", "full ID");
        assert_eq!(s.find("ab1").unwrap().unwrap().name, "one");
        assert_eq!(s.find("ac").unwrap().unwrap().name, "three");
        assert_eq!(s.find("b").unwrap().unwrap().name, "four", "one digit: sixteen shards");
        for ambiguous in ["ab", "a"] {
            let e = s.find(ambiguous).unwrap_err();
            assert!(format!("{e}").contains("more than one container"), "{e}");
        }
        for none in ["c", "ab3", "AB1", "", "ab1x", &format!("{}0", id("ab", '1'))] {
            assert!(s.find(none).unwrap().is_none(), "{none:?}");
        }
        // A name that looks like an ID prefix wins over the prefix (as Podman).
        let named = s.create(record("", "ac")).unwrap();
        assert_eq!(s.find("ac").unwrap().unwrap().id, named.id);
        assert_eq!(s.resolve("one").unwrap(), Some(id("ab", '1')));
    }

    #[test]
    fn more_unnamed_containers_than_plain_names() {
        let t = Tmp::new("unnamed");
        let words = names::Words { adjectives: &["brave", "calm"], surnames: &["curie", "darwin", "euler"] };
        let s = t.store().with_words(words);
        assert_eq!(words.plain_count(), 6);
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..60 {
            let start = std::time::Instant::now();
            let c = s.create(record("", "")).unwrap();
            assert!(start.elapsed() < std::time::Duration::from_secs(5), "a create must not spin");
            assert!(is_valid_name(&c.name), "{:?}", c.name);
            assert!(seen.insert(c.name.clone()), "{} given twice", c.name);
        }
        assert_eq!(s.list_summaries().unwrap().len(), 60);
        assert!(seen.iter().any(|n| n.ends_with(|c: char| c.is_ascii_digit())), "fallback names carry digits: {seen:?}");
        for n in &seen {
            assert_eq!(&s.find(n).unwrap().unwrap().name, n);
        }
    }

    #[test]
    fn a_corrupt_record_is_skipped_not_fatal() {
        let t = Tmp::new("corrupt");
        let s = t.store();
        let a = s.create(record("", "a")).unwrap();
        let b = s.create(record("", "b")).unwrap();
        let c = s.create(record("", "c")).unwrap();
        // a: unparsable record (and no summary to hide it).
        std::fs::write(s.dir(&a.id).join(RECORD), b"{not json").unwrap();
        std::fs::remove_file(s.dir(&a.id).join(SUMMARY)).unwrap();
        // b: a record naming another (short, hostile) ID.
        let mut evil = b.clone();
        evil.id = "../x".into();
        std::fs::write(s.dir(&b.id).join(RECORD), serde_json::to_vec(&evil).unwrap()).unwrap();
        std::fs::remove_file(s.dir(&b.id).join(SUMMARY)).unwrap();
        // c: a corrupt summary over a good record: the record decides.
        std::fs::write(s.dir(&c.id).join(SUMMARY), b"\0\0").unwrap();

        assert_eq!(s.list().unwrap().iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["c"]);
        assert_eq!(names(&s), ["c"]);
        let summary: ContainerSummary = serde_json::from_slice(&std::fs::read(s.dir(&c.id).join(SUMMARY)).unwrap()).unwrap();
        assert_eq!(summary.name, "c", "the listing rewrote the summary from the record");
        let e = s.find(&a.id).unwrap_err();
        assert!(format!("{e:#}").contains("container.json"), "the error names the file: {e:#}");
        assert!(s.find(&b.id).is_err());
        assert!(s.find("a").is_err(), "a corrupt record keeps its name");
        assert!(s.create(record("", "a")).unwrap_err().downcast_ref::<NameTaken>().is_some());
    }

    /// What a create killed at each step leaves, and what comes of it.
    #[test]
    fn a_killed_create_is_ignored_then_cleaned() {
        let t = Tmp::new("killed-create");
        let s = t.store();
        let base = t.containers();
        let id = new_id();
        // Killed between making the directory and renaming the record into place.
        std::os::unix::fs::symlink(format!("{id} web"), base.join(CREATING)).unwrap();
        std::os::unix::fs::symlink(&id, base.join(NAMES).join("web")).unwrap();
        s.link_id(&id).unwrap();
        for d in ["", "diff", "work"] {
            std::fs::create_dir(base.join(&id).join(d)).unwrap();
        }
        std::fs::write(base.join(&id).join(STATE), b"{\"status\":\"created\"}").unwrap();
        std::fs::write(base.join(&id).join(".container.json.tmp-1-2-3"), b"{\"id\":").unwrap();

        assert!(s.find("web").unwrap().is_none());
        assert!(s.find(&id).unwrap().is_none());
        assert!(s.find(&id[..12]).unwrap().is_none());
        assert_eq!(names(&s), Vec::<String>::new());
        // That listing found the lock free: everything is gone.
        assert!(!base.join(&id).exists(), "the half-made directory is removed");
        assert!(!base.join(CREATING).exists());
        assert!(std::fs::symlink_metadata(base.join(NAMES).join("web")).is_err());
        assert!(std::fs::symlink_metadata(s.id_link(&id)).is_err());
        assert_eq!(entries(&base.join(TRASH)), Vec::<String>::new());

        // Killed after claiming the name, before the directory: the next create cleans up.
        let id2 = new_id();
        std::os::unix::fs::symlink(format!("{id2} web"), base.join(CREATING)).unwrap();
        std::os::unix::fs::symlink(&id2, base.join(NAMES).join("web")).unwrap();
        let web = s.create(record("", "web")).unwrap();
        assert_eq!(s.find("web").unwrap().unwrap().id, web.id);
        assert!(!base.join(CREATING).exists());

        // Killed after the record, before the summary and the marker's removal: a container.
        let done = s.create(record("", "done")).unwrap();
        std::fs::remove_file(s.dir(&done.id).join(SUMMARY)).unwrap();
        std::os::unix::fs::symlink(format!("{} done", done.id), base.join(CREATING)).unwrap();
        s.create(record("", "next")).unwrap();
        assert_eq!(s.find("done").unwrap().unwrap().id, done.id);
        assert_eq!(names(&s), ["done", "next", "web"]);

        // A directory without a record and without a marker (an older rpod).
        let old = new_id();
        std::fs::create_dir_all(base.join(&old).join("diff")).unwrap();
        assert_eq!(s.list().unwrap().len(), 3);
        assert!(!base.join(&old).exists());
    }

    #[test]
    fn a_killed_remove_is_finished_by_remove_debris() {
        let t = Tmp::new("killed-rm");
        let s = t.store();
        let base = t.containers();
        let x = s.create(record("", "x")).unwrap();
        // Killed right after moving the directory to the trash.
        std::fs::rename(base.join(&x.id), base.join(TRASH).join(&x.id)).unwrap();
        assert!(s.find("x").unwrap().is_none());
        assert!(s.find(&x.id).unwrap().is_none());
        assert_eq!(names(&s), Vec::<String>::new());
        assert_eq!(s.debris(), vec![base.join(TRASH).join(&x.id)]);
        s.remove_debris();
        assert_eq!(entries(&base.join(TRASH)), Vec::<String>::new());
        s.create(record("", "x")).unwrap();
        // A trash entry whose remover lives is left alone.
        let y = s.create(record("", "y")).unwrap();
        let held = try_lock_dir(&base.join(&y.id)).unwrap();
        std::fs::rename(base.join(&y.id), base.join(TRASH).join(&y.id)).unwrap();
        assert!(s.debris().is_empty());
        s.remove_debris();
        assert!(base.join(TRASH).join(&y.id).exists());
        drop(held);
        s.remove_debris();
        assert!(!base.join(TRASH).join(&y.id).exists());
    }

    #[test]
    fn an_interrupted_rename_leaves_the_new_name_free() {
        let t = Tmp::new("killed-rename");
        let s = t.store();
        let a = s.create(record("", "alpha")).unwrap();
        // Killed after linking the new name, before rewriting the record.
        std::os::unix::fs::symlink(&a.id, t.containers().join(NAMES).join("omega")).unwrap();
        std::fs::remove_file(s.dir(&a.id).join(SUMMARY)).unwrap();
        assert!(s.find("omega").unwrap().is_none());
        assert_eq!(s.find("alpha").unwrap().unwrap().id, a.id);
        let o = s.create(record("", "omega")).unwrap();
        assert_eq!(s.find("omega").unwrap().unwrap().id, o.id);
    }

    #[test]
    fn a_store_from_before_the_index_is_indexed_on_open() {
        let t = Tmp::new("old-store");
        let base = t.containers();
        let id = new_id();
        let mut rec = record(&id, "legacy");
        rec.created = now_rfc3339();
        std::fs::create_dir_all(base.join(&id)).unwrap();
        std::fs::write(base.join(&id).join(RECORD), serde_json::to_vec_pretty(&rec).unwrap()).unwrap();
        std::fs::write(base.join(&id).join(STATE), b"{\"status\":\"exited\"}").unwrap();
        let s = t.store();
        assert_eq!(s.find("legacy").unwrap().unwrap().id, id);
        assert_eq!(s.find(&id[..5]).unwrap().unwrap().id, id);
        assert!(s.dir(&id).join(SUMMARY).exists());
        assert_eq!(names(&s), ["legacy"]);
        assert_eq!(s.list().unwrap().len(), 1);
        assert!(s.create(record("", "legacy")).unwrap_err().downcast_ref::<NameTaken>().is_some());
    }

    /// `ps` reads the summary cached in state.json, never a stale one.
    #[test]
    fn listings_read_the_summary_cached_in_the_state_file_while_the_record_is_unchanged() {
        let t = Tmp::new("listing");
        let s = t.store();
        let names_now = |s: &ContainerStore| s.list_with_state().unwrap().into_iter().map(|(c, _)| c.name).collect::<Vec<_>>();
        let a = s.create(record("", "alpha")).unwrap();
        let raw = |s: &ContainerStore| serde_json::from_slice::<ContainerState>(&std::fs::read(s.dir(&a.id).join(STATE)).unwrap()).unwrap();
        assert_eq!(raw(&s).listing.unwrap().summary.name, "alpha", "create caches the summary");
        // The cache is what a listing reads: a bogus summary.json is not consulted.
        let mut bogus = a.summary();
        bogus.name = "bogus".into();
        std::fs::write(s.dir(&a.id).join(SUMMARY), serde_json::to_vec(&bogus).unwrap()).unwrap();
        assert_eq!(names_now(&s), ["alpha"]);
        std::fs::remove_file(s.dir(&a.id).join(SUMMARY)).unwrap();
        // State changes keep it; a rename replaces it.
        s.update_state(&a.id, |st| st.status = Status::Exited).unwrap();
        assert!(raw(&s).listing.is_some());
        s.rename(&a.id, "omega").unwrap();
        assert_eq!(names_now(&s), ["omega"]);
        // A record rewritten behind rpod's back (an older rpod's rename) makes the cache stale: the record decides.
        let mut rec = s.record(&a.id).unwrap().unwrap();
        rec.name = "gamma".into();
        atomic::write_json(&s.dir(&a.id).join(RECORD), &rec).unwrap();
        std::fs::remove_file(s.dir(&a.id).join(SUMMARY)).unwrap();
        assert_eq!(names_now(&s), ["gamma"]);
        assert_eq!(raw(&s).listing.unwrap().summary.name, "gamma", "that listing cached the record's summary");
        // A record corrupted in place: the cache no longer matches, the container is skipped.
        std::fs::write(s.dir(&a.id).join(RECORD), b"{not json").unwrap();
        std::fs::remove_file(s.dir(&a.id).join(SUMMARY)).unwrap();
        assert_eq!(names_now(&s), Vec::<String>::new());
    }

    /// Past a few hundred containers the listing is read by several threads:
    /// the same entries in the same order as one thread reads them.
    #[test]
    fn a_big_listing_read_by_threads_is_complete_and_ordered() {
        let t = Tmp::new("big-listing");
        let s = t.store();
        for i in 0..300 {
            s.create(record("", &format!("c{i}"))).unwrap();
        }
        let threaded: Vec<String> = s.list_with_state().unwrap().into_iter().map(|(c, _)| c.id).collect();
        let sequential: Vec<String> = s.list_summaries().unwrap().into_iter().map(|c| c.id).collect();
        assert_eq!(threaded.len(), 300);
        assert_eq!(threaded, sequential);
    }

    #[test]
    fn summaries_carry_what_listings_need() {
        let t = Tmp::new("summary");
        let s = t.store();
        let mut r = record("", "lab");
        r.labels.insert("tier".into(), "front".into());
        r.layers = vec![];
        let r = s.create(r).unwrap();
        let sum = s.find_summary(&r.id[..12]).unwrap().unwrap();
        assert_eq!((sum.id.as_str(), sum.name.as_str(), sum.image_id.as_str(), sum.created.as_str()), (r.id.as_str(), "lab", "feed", r.created.as_str()));
        assert_eq!(sum.labels.get("tier").map(String::as_str), Some("front"));
        let size = std::fs::metadata(s.dir(&r.id).join(SUMMARY)).unwrap().len();
        assert!(size < 1024, "summary.json is small ({size} bytes)");
        // Newest first.
        let later = s.create(record("", "later")).unwrap();
        assert_eq!(s.list_summaries().unwrap()[0].id, later.id);
    }
}

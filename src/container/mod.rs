//! Containers as rpod stores them: the record (what was asked for, with the
//! generated OCI spec), the state (what is happening), and their directories.
//!
//! ```text
//! ROOT/containers/<id>/container.json   the record (written once, renamed atomically)
//! ROOT/containers/<id>/state.json       status, pids, exit code (atomic replace)
//! ROOT/containers/<id>/diff, work       the overlay upper and work directories
//! ROOT/containers/<id>/ctr.log          the k8s-file log
//! RUNROOT/containers/<id>/attach        the monitor's attach socket
//! ROOT/containers.lock                  names are claimed under this lock
//! ```
//!
//! Liveness is never inferred from a pid alone: the state keeps the monitor's
//! pid with its start time (from /proc) and the boot id, so a reused pid or a
//! reboot shows the container as exited.

pub mod spec;

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
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
    /// Networking mode (only "none" until the networking issue).
    #[serde(default = "default_network")]
    pub network: String,
    /// Storage driver of the root file system: overlay, fuse-overlayfs or vfs.
    #[serde(default = "default_driver")]
    pub driver: String,
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
    Running,
    Paused,
    Stopping,
    Exited,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Created => "created",
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
    std::fs::read_to_string("/proc/sys/kernel/random/boot_id").map(|s| s.trim().to_string()).unwrap_or_default()
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
}

impl ContainerState {
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

/// Handle on the containers part of the store.
#[derive(Debug, Clone)]
pub struct ContainerStore {
    dir: PathBuf,
    rundir: PathBuf,
}

/// Docker-style generated names.
const ADJECTIVES: &[&str] = &["admiring", "brave", "clever", "dazzling", "eager", "festive", "gallant", "happy", "jolly", "keen", "lucid", "modest", "nifty", "optimistic", "peaceful", "quirky", "relaxed", "serene", "tender", "upbeat", "vibrant", "wizardly", "youthful", "zealous"];
const NOUNS: &[&str] = &["babbage", "curie", "darwin", "euler", "faraday", "gauss", "hopper", "kepler", "lovelace", "meitner", "noether", "pascal", "ritchie", "shannon", "tesla", "turing", "wozniak", "yalow"];

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

impl ContainerStore {
    pub fn open(root: &Path, runroot: &Path) -> Result<ContainerStore> {
        let s = ContainerStore { dir: root.join("containers"), rundir: runroot.join("containers") };
        for d in [&s.dir, &s.rundir] {
            std::fs::create_dir_all(d).with_context(|| format!("creating {}", d.display()))?;
        }
        Ok(s)
    }

    pub fn dir(&self, id: &str) -> PathBuf {
        self.dir.join(id)
    }
    pub fn rundir(&self, id: &str) -> PathBuf {
        self.rundir.join(id)
    }
    fn lock(&self) -> Result<FileLock> {
        FileLock::exclusive(&self.dir.join(".lock"))
    }

    /// Every record (complete ones: a directory without container.json is
    /// being created or removed).
    pub fn list(&self) -> Result<Vec<ContainerRecord>> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(&self.dir).with_context(|| format!("reading {}", self.dir.display()))?.flatten() {
            let p = e.path().join("container.json");
            match std::fs::read(&p) {
                Ok(data) => out.push(serde_json::from_slice(&data).with_context(|| format!("parsing {}", p.display()))?),
                Err(_) => continue,
            }
        }
        out.sort_by(|a: &ContainerRecord, b| b.created.cmp(&a.created));
        Ok(out)
    }

    /// Find by full id, unique id prefix, or name.
    pub fn find(&self, input: &str) -> Result<Option<ContainerRecord>> {
        let all = self.list()?;
        if let Some(c) = all.iter().find(|c| c.id == input || c.name == input) {
            return Ok(Some(c.clone()));
        }
        let found: Vec<&ContainerRecord> = all.iter().filter(|c| c.id.starts_with(input)).collect();
        match found.len() {
            0 => Ok(None),
            1 => Ok(Some(found[0].clone())),
            _ => bail!("more than one container matches {input:?}: use more characters of the ID"),
        }
    }

    /// Allocate an id and (the given or a generated) name, and write the record.
    pub fn create(&self, mut rec: ContainerRecord) -> Result<ContainerRecord> {
        let _lock = self.lock()?;
        let existing = self.list()?;
        if rec.name.is_empty() {
            loop {
                let r = random_bytes(2);
                let name = format!("{}_{}", ADJECTIVES[r[0] as usize % ADJECTIVES.len()], NOUNS[r[1] as usize % NOUNS.len()]);
                if !existing.iter().any(|c| c.name == name) {
                    rec.name = name;
                    break;
                }
            }
        } else if existing.iter().any(|c| c.name == rec.name) {
            return Err(NameTaken(rec.name.clone()).into());
        }
        if rec.id.is_empty() {
            rec.id = new_id();
        }
        rec.created = now_rfc3339();
        let dir = self.dir(&rec.id);
        for d in [dir.clone(), dir.join("diff"), dir.join("work")] {
            std::fs::create_dir_all(&d).with_context(|| format!("creating {}", d.display()))?;
        }
        atomic::write_json_fast(&dir.join("state.json"), &ContainerState { boot_id: boot_id(), ..Default::default() })?;
        // The record is durable; state changes (below) need only be atomic.
        atomic::write_json(&dir.join("container.json"), &rec)?;
        Ok(rec)
    }

    pub fn rename(&self, id: &str, name: &str) -> Result<()> {
        let _lock = self.lock()?;
        let all = self.list()?;
        if all.iter().any(|c| c.name == name && c.id != id) {
            return Err(NameTaken(name.to_string()).into());
        }
        let mut rec = all.into_iter().find(|c| c.id == id).context("no such container")?;
        rec.name = name.to_string();
        atomic::write_json(&self.dir(id).join("container.json"), &rec)
    }

    pub fn state(&self, id: &str) -> Result<ContainerState> {
        let p = self.dir(id).join("state.json");
        let data = std::fs::read(&p).with_context(|| format!("reading {}", p.display()))?;
        let st: ContainerState = serde_json::from_slice(&data).with_context(|| format!("parsing {}", p.display()))?;
        Ok(st.reconciled())
    }

    /// Read-modify-write the state under the container's own lock.
    pub fn update_state<T>(&self, id: &str, f: impl FnOnce(&mut ContainerState) -> T) -> Result<T> {
        let _l = FileLock::exclusive(&self.dir(id).join("state.lock"))?;
        let mut st = self.state(id)?;
        let out = f(&mut st);
        atomic::write_json_fast(&self.dir(id).join("state.json"), &st)?;
        Ok(out)
    }

    pub fn log_path(&self, id: &str) -> PathBuf {
        self.dir(id).join("ctr.log")
    }

    /// Remove the record first (so nothing lists a half-removed container),
    /// then its files. Needs content access (the upper dir has container ids).
    pub fn remove(&self, id: &str) -> Result<()> {
        let dir = self.dir(id);
        let rec = dir.join("container.json");
        match std::fs::remove_file(&rec) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("removing {}", rec.display())),
        }
        crate::storage::remove_tree(&dir).with_context(|| format!("removing {}", dir.display()))?;
        let _ = crate::storage::remove_tree(&self.rundir(id));
        Ok(())
    }

    /// Remove a container without a user namespace when its writable layer
    /// holds only files of rpod's user (the common case: nothing written as
    /// another container user). `Ok(false)` means it needs `rpod rm`.
    pub fn try_remove_plain(&self, id: &str) -> Result<bool> {
        let dir = self.dir(id);
        for sub in ["diff", "work", "merged"] {
            let p = dir.join(sub);
            match crate::storage::remove_tree(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => return Ok(false),
                Err(e) => return Err(e).with_context(|| format!("removing {}", p.display())),
            }
        }
        self.remove(id)?;
        Ok(true)
    }

    /// Remove directories left without a record by an interrupted `rm`
    /// (needs content access).
    pub fn remove_debris(&self) {
        for d in self.debris() {
            let _ = crate::storage::remove_tree(&d);
        }
    }

    /// Directories with no record (a create or rm that was interrupted).
    pub fn debris(&self) -> Vec<PathBuf> {
        std::fs::read_dir(&self.dir)
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.is_dir() && !p.join("container.json").exists())
                    .filter(|p| {
                        // Give a concurrent create a moment: only dirs older than a minute.
                        std::fs::metadata(p).and_then(|m| m.modified()).map(|t| t.elapsed().unwrap_or_default().as_secs() > 60).unwrap_or(false)
                    })
                    .collect()
            })
            .unwrap_or_default()
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
}

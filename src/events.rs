//! The event log: one JSON line per event, in Podman's `events.Event`
//! shape, appended by whichever rpod process did the thing (no daemon).
//!
//! Invariants: the log is `<runroot>/events/events.log` (the runroot is the
//! user's private 0700 directory); each event is one `write(2)` of one line
//! to a file opened `O_APPEND | O_NOFOLLOW`, so concurrent writers never
//! interleave within a line. Past [`MAX_SIZE`] the log is renamed to
//! `events.log.1` (replacing the previous one) under `events.log.lock`;
//! readers read `.1` then the live file. Writing is best effort: a failure
//! is logged at debug level and never fails the operation that emitted it.
//! Readers skip lines that are not events or are longer than [`MAX_LINE`],
//! and refuse anything but a regular file (a FIFO or device planted there
//! must not hang or flood them).

use std::collections::BTreeMap;
use std::io::{Read, Seek, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// Rotate the log past this size (Podman's default `events_logfile_max_size`).
pub const MAX_SIZE: u64 = 1_000_000;
/// Lines longer than this are not events rpod wrote: skipped.
pub const MAX_LINE: usize = 64 * 1024;

/// One event, with Podman's JSON field names.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Event {
    #[serde(rename = "ID", default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(rename = "Image", default, skip_serializing_if = "String::is_empty")]
    pub image: String,
    #[serde(rename = "Name", default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(rename = "Status")]
    pub status: String,
    /// RFC 3339 with nanoseconds, UTC.
    #[serde(rename = "Time")]
    pub time: String,
    #[serde(rename = "Type")]
    pub kind: String,
    #[serde(rename = "ContainerExitCode", default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    #[serde(rename = "Attributes", default)]
    pub attributes: Option<BTreeMap<String, String>>,
}

struct Config {
    log: PathBuf,
    enabled: bool,
}

static CONFIG: OnceLock<Config> = OnceLock::new();

/// The environment variable that carries `--events-backend` to the
/// processes rpod starts (the container monitor emits `died`).
pub const BACKEND_ENV: &str = "RPOD_EVENTS_BACKEND";

/// Where events go for this process: `backend` is `file`, `none` or
/// `journald` (written to the file too: rpod has no journald writer).
pub fn configure(runroot: &Path, backend: Option<&str>) {
    let from_env = std::env::var(BACKEND_ENV).ok();
    let backend = backend.or(from_env.as_deref()).unwrap_or("file");
    let _ = CONFIG.set(Config { log: log_path(runroot), enabled: backend != "none" });
}

/// The backend in force: `file` or `none` (for `info`).
pub fn backend() -> &'static str {
    match CONFIG.get() {
        Some(c) if !c.enabled => "none",
        _ => "file",
    }
}

/// The live log file under a runroot.
pub fn log_path(runroot: &Path) -> PathBuf {
    runroot.join("events").join("events.log")
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

/// Append an event (best effort).
pub fn emit(mut e: Event) {
    let Some(c) = CONFIG.get() else { return };
    if !c.enabled {
        return;
    }
    if e.time.is_empty() {
        e.time = now();
    }
    if let Err(err) = append(&c.log, &e) {
        tracing::debug!("writing event to {}: {err:#}", c.log.display());
    }
}

fn append(log: &Path, e: &Event) -> anyhow::Result<()> {
    let dir = log.parent().unwrap_or(Path::new("."));
    if !dir.is_dir() {
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    }
    use std::os::unix::fs::DirBuilderExt;
    if std::fs::symlink_metadata(log).is_ok_and(|m| m.is_file() && m.len() > MAX_SIZE) {
        rotate(log)?;
    }
    let mut line = serde_json::to_vec(e)?;
    line.push(b'\n');
    let mut f =
        std::fs::OpenOptions::new().append(true).create(true).mode(0o600).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC).open(log)?;
    if !f.metadata()?.is_file() {
        anyhow::bail!("not a regular file");
    }
    f.write_all(&line)?;
    Ok(())
}

fn rotate(log: &Path) -> anyhow::Result<()> {
    let lock_path = log.with_extension("log.lock");
    let lock = std::fs::OpenOptions::new().write(true).create(true).mode(0o600).custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC).open(&lock_path)?;
    nix::fcntl::Flock::lock(lock, nix::fcntl::FlockArg::LockExclusive).map_err(|(_, e)| e)?;
    // Another writer may have rotated while we waited.
    if std::fs::symlink_metadata(log).is_ok_and(|m| m.is_file() && m.len() > MAX_SIZE) {
        std::fs::rename(log, log.with_extension("log.1"))?;
    }
    Ok(())
}

/// A container event from its record's facts.
pub fn container(status: &str, id: &str, name: &str, image: &str, labels: &BTreeMap<String, String>) {
    emit(Event {
        id: id.to_string(),
        image: image.to_string(),
        name: name.to_string(),
        status: status.to_string(),
        kind: "container".into(),
        attributes: Some(labels.clone()),
        ..Default::default()
    });
}

/// An image event (`pull`, `tag`, `untag`, `remove`...).
pub fn image(status: &str, id: &str, name: &str) {
    emit(Event { id: id.to_string(), name: name.to_string(), status: status.to_string(), kind: "image".into(), ..Default::default() });
}

/// A volume event (`create`, `remove`, `prune`).
pub fn volume(status: &str, name: &str) {
    emit(Event { name: name.to_string(), status: status.to_string(), kind: "volume".into(), ..Default::default() });
}

/// Podman's `--filter` keys: `container`, `image`, `volume` (name or ID
/// prefix), `event`/`status`, `type`, `label` (`KEY` or `KEY=VALUE` of the
/// attributes). Values of one key are alternatives; keys must all match.
pub fn matches(e: &Event, filters: &BTreeMap<String, Vec<String>>) -> Result<bool, String> {
    for (key, values) in filters {
        let ok = values.iter().any(|v| match key.as_str() {
            "container" => e.kind == "container" && (e.name == *v || (!v.is_empty() && e.id.starts_with(v.as_str()))),
            "image" => {
                (e.kind == "image" && (e.name == *v || (!v.is_empty() && e.id.starts_with(v.as_str()))))
                    || (e.kind == "container" && (e.image == *v || e.image.ends_with(&format!("/{v}")) || e.image.ends_with(&format!("/{v}:latest"))))
            }
            "volume" => e.kind == "volume" && e.name == *v,
            "event" | "status" => e.status == *v,
            "type" => e.kind == *v,
            "label" => {
                let attrs = e.attributes.as_ref();
                match v.split_once('=') {
                    Some((k, val)) => attrs.and_then(|a| a.get(k)).is_some_and(|x| x == val),
                    None => attrs.is_some_and(|a| a.contains_key(v.as_str())),
                }
            }
            _ => false,
        });
        if !["container", "image", "volume", "event", "status", "type", "label"].contains(&key.as_str()) {
            return Err(format!("{key} is an invalid filter"));
        }
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Podman's human line for an event (`events.Event.ToHumanReadable`).
pub fn human(e: &Event, go_time: &str, truncate: bool) -> String {
    let id = if truncate && e.id.len() > 12 { &e.id[..12] } else { e.id.as_str() };
    match e.kind.as_str() {
        "container" | "pod" => {
            let mut s = format!("{go_time} {} {} {id} (image={}, name={}", e.kind, e.status, e.image, e.name);
            for (k, v) in e.attributes.iter().flatten() {
                s.push_str(&format!(", {k}={v}"));
            }
            s.push(')');
            s
        }
        "image" => format!("{go_time} {} {} {id} {}", e.kind, e.status, e.name),
        "system" if e.name.is_empty() => format!("{go_time} {} {}", e.kind, e.status),
        _ => format!("{go_time} {} {} {}", e.kind, e.status, e.name),
    }
}

/// Open a log file for reading: regular files only, never through a symlink.
fn open_log(path: &Path) -> std::io::Result<Option<std::fs::File>> {
    match std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC).open(path) {
        Ok(f) => {
            if f.metadata()?.is_file() {
                Ok(Some(f))
            } else {
                Err(std::io::Error::other(format!("{} is not a regular file", path.display())))
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Err(std::io::Error::other(format!("{} is a symbolic link", path.display()))),
        Err(e) => Err(e),
    }
}

/// Parse complete lines from `buf`, keeping a trailing partial line.
fn parse_lines(buf: &mut Vec<u8>, out: &mut Vec<Event>) {
    let mut start = 0;
    while let Some(nl) = buf[start..].iter().position(|&b| b == b'\n') {
        let line = &buf[start..start + nl];
        if line.len() <= MAX_LINE {
            if let Ok(e) = serde_json::from_slice::<Event>(line) {
                out.push(e);
            }
        }
        start += nl + 1;
    }
    buf.drain(..start);
    if buf.len() > MAX_LINE {
        buf.clear(); // an endless line: not ours
    }
}

/// A reader of the log that can follow it across rotations.
pub struct Reader {
    path: PathBuf,
    file: Option<std::fs::File>,
    pending: Vec<u8>,
}

impl Reader {
    /// Every event logged so far (the rotated file first), and a reader
    /// positioned at the end of the live file.
    pub fn open(runroot: &Path) -> std::io::Result<(Vec<Event>, Reader)> {
        let path = log_path(runroot);
        let mut events = Vec::new();
        if let Some(mut f) = open_log(&path.with_extension("log.1"))? {
            let mut buf = Vec::new();
            Read::by_ref(&mut f).take(4 * MAX_SIZE).read_to_end(&mut buf)?;
            parse_lines(&mut buf, &mut events);
        }
        let mut r = Reader { path, file: None, pending: Vec::new() };
        events.extend(r.read_new()?);
        Ok((events, r))
    }

    /// Events appended since the last call (reopening after a rotation).
    pub fn read_new(&mut self) -> std::io::Result<Vec<Event>> {
        let mut out = Vec::new();
        if self.file.is_none() {
            self.file = open_log(&self.path)?;
        }
        // Rotated: the path now names another file (or none): finish the old one, then switch.
        let rotated = match (&self.file, std::fs::symlink_metadata(&self.path)) {
            (Some(f), Ok(m)) => {
                use std::os::unix::fs::MetadataExt;
                let cur = f.metadata()?;
                cur.ino() != m.ino() || cur.dev() != m.dev()
            }
            (Some(_), Err(_)) => true,
            _ => false,
        };
        if let Some(f) = &mut self.file {
            let mut chunk = Vec::new();
            Read::by_ref(f).take(4 * MAX_SIZE).read_to_end(&mut chunk)?;
            self.pending.extend_from_slice(&chunk);
            parse_lines(&mut self.pending, &mut out);
        }
        if rotated {
            self.pending.clear();
            self.file = open_log(&self.path)?;
            if let Some(f) = &mut self.file {
                f.rewind()?;
                let mut chunk = Vec::new();
                Read::by_ref(f).take(4 * MAX_SIZE).read_to_end(&mut chunk)?;
                self.pending.extend_from_slice(&chunk);
                parse_lines(&mut self.pending, &mut out);
            }
        }
        Ok(out)
    }

    /// The directory to watch for changes.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(status: &str) -> Event {
        Event { status: status.into(), kind: "container".into(), time: now(), id: "abc".into(), ..Default::default() }
    }

    #[test]
    fn json_shape_is_podmans() {
        let mut e = ev("died");
        e.exit_code = Some(3);
        e.attributes = Some(BTreeMap::from([("a".to_string(), "b".to_string())]));
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["Status"], "died");
        assert_eq!(v["Type"], "container");
        assert_eq!(v["ContainerExitCode"], 3);
        assert_eq!(v["Attributes"]["a"], "b");
        assert!(v.get("Image").is_none(), "empty fields are left out, as Podman does");
        // Podman's own lines parse.
        let p: Event = serde_json::from_str(
            r#"{"Name":"127.0.0.1:5000/busybox","Status":"pull","Time":"2026-11-30T11:36:16.021962059Z","Type":"image","Attributes":null}"#,
        )
        .unwrap();
        assert_eq!((p.kind.as_str(), p.status.as_str()), ("image", "pull"));
    }

    #[test]
    fn filters_and_human_lines() {
        let mut e = ev("start");
        e.name = "web".into();
        e.image = "127.0.0.1:5000/busybox:latest".into();
        e.attributes = Some(BTreeMap::from([("tier".to_string(), "front".to_string())]));
        let f = |k: &str, v: &[&str]| BTreeMap::from([(k.to_string(), v.iter().map(|s| s.to_string()).collect::<Vec<_>>())]);
        assert!(matches(&e, &f("container", &["web"])).unwrap());
        assert!(matches(&e, &f("container", &["ab"])).unwrap(), "ID prefix");
        assert!(!matches(&e, &f("container", &["db"])).unwrap());
        assert!(matches(&e, &f("event", &["die", "start"])).unwrap());
        assert!(matches(&e, &f("image", &["busybox"])).unwrap());
        assert!(matches(&e, &f("label", &["tier=front"])).unwrap());
        assert!(!matches(&e, &f("type", &["image"])).unwrap());
        assert!(matches(&e, &f("nope", &["x"])).is_err());
        assert_eq!(human(&e, "T", true), "T container start abc (image=127.0.0.1:5000/busybox:latest, name=web, tier=front)");
        let i = Event { kind: "image".into(), status: "pull".into(), name: "127.0.0.1:5000/busybox".into(), ..Default::default() };
        assert_eq!(human(&i, "T", true), "T image pull  127.0.0.1:5000/busybox");
    }

    #[test]
    fn append_rotate_and_follow() {
        let dir = std::env::temp_dir().join(format!("rpod-events-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let log = log_path(&dir);
        append(&log, &ev("create")).unwrap();
        let (old, mut r) = Reader::open(&dir).unwrap();
        assert_eq!(old.len(), 1);
        append(&log, &ev("start")).unwrap();
        assert_eq!(r.read_new().unwrap().iter().map(|e| e.status.as_str()).collect::<Vec<_>>(), ["start"]);
        // Grow past the limit: the next append rotates, the reader follows.
        let big = Event { attributes: Some(BTreeMap::from([("x".to_string(), "y".repeat(MAX_SIZE as usize))])), ..ev("big") };
        append(&log, &big).unwrap();
        append(&log, &ev("after")).unwrap();
        assert!(log.with_extension("log.1").exists(), "rotated");
        let got: Vec<String> = r.read_new().unwrap().into_iter().map(|e| e.status).collect();
        assert_eq!(got, ["after"], "the oversized line is skipped, the new file read");
        let (all, _) = Reader::open(&dir).unwrap();
        assert_eq!(all.last().unwrap().status, "after");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn hostile_log_files_are_refused_not_followed() {
        // A FIFO or a symlink planted as the log must neither hang the reader
        // nor make it read (or the writer append to) another file.
        let dir = std::env::temp_dir().join(format!("rpod-events-h-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("events")).unwrap();
        let log = log_path(&dir);
        nix::unistd::mkfifo(&log, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
        assert!(Reader::open(&dir).is_err());
        assert!(append(&log, &ev("x")).is_err());
        std::fs::remove_file(&log).unwrap();
        let target = dir.join("target");
        std::fs::write(&target, "").unwrap();
        std::os::unix::fs::symlink(&target, &log).unwrap();
        assert!(Reader::open(&dir).is_err());
        assert!(append(&log, &ev("x")).is_err());
        assert_eq!(std::fs::read(&target).unwrap().len(), 0, "nothing written through the link");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

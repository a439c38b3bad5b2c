//! `logs`: reading a container's k8s-file log (`<RFC3339Nano> <stream>
//! <F|P> <text>` per line, as Podman writes it) and following it by offset,
//! woken by inotify, until the container stops.

use std::io::{Read, Seek, SeekFrom};
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::container::{containers, find};
use super::error::{Error, Result};
use super::Engine;
use crate::container::Status;

/// Which stream a log line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stream {
    Stdout,
    Stderr,
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogLine {
    pub stream: Stream,
    /// RFC 3339 with nanoseconds, as written.
    pub timestamp: String,
    pub text: Vec<u8>,
    /// The line continues in the next entry (no newline yet).
    pub partial: bool,
}

/// `logs` options.
#[derive(Debug, Clone, Default)]
pub struct LogsOptions {
    pub since: Option<DateTime<FixedOffset>>,
    pub until: Option<DateTime<FixedOffset>>,
    /// The last N complete lines (with the partial pieces that lead to them).
    pub tail: Option<usize>,
    pub follow: bool,
}

fn parse_line(l: &[u8]) -> Option<LogLine> {
    let mut parts = l.splitn(4, |b| *b == b' ');
    let (ts, stream, tag) = (parts.next()?, parts.next()?, parts.next()?);
    Some(LogLine {
        stream: if stream == b"stderr" { Stream::Stderr } else { Stream::Stdout },
        timestamp: String::from_utf8_lossy(ts).into_owned(),
        text: parts.next().unwrap_or(b"").to_vec(),
        partial: tag == b"P",
    })
}

/// The index of the first line to show for `--tail n`: the last `n` complete
/// lines, each with the partial pieces that precede it.
pub fn tail_start(lines: &[LogLine], n: usize) -> usize {
    if n == 0 {
        return lines.len();
    }
    let mut full = 0;
    let mut start = lines.len();
    while start > 0 {
        start -= 1;
        if !lines[start].partial {
            full += 1;
            if full == n {
                break;
            }
        }
    }
    if full < n {
        return 0;
    }
    // lines[start] ends the n-th complete line from the end: its pieces precede it.
    while start > 0 && lines[start - 1].partial {
        start -= 1;
    }
    start
}

fn in_window(o: &LogsOptions, l: &LogLine) -> bool {
    if o.since.is_none() && o.until.is_none() {
        return true;
    }
    match DateTime::parse_from_rfc3339(&l.timestamp) {
        Ok(t) => !(o.since.is_some_and(|s| t < s) || o.until.is_some_and(|u| t > u)),
        Err(_) => true,
    }
}

/// Complete lines of `buf` from the start; returns them and how many bytes they used.
fn split_complete(buf: &[u8]) -> (Vec<LogLine>, usize) {
    let end = buf.iter().rposition(|b| *b == b'\n').map(|i| i + 1).unwrap_or(0);
    let lines = buf[..end].split(|b| *b == b'\n').filter(|l| !l.is_empty()).filter_map(parse_line).collect();
    (lines, end)
}

/// Send the container's log to `sink`, entry by entry; with `follow`, keep
/// sending new entries until the container is no longer running.
pub fn logs(engine: &Engine, input: &str, o: &LogsOptions, sink: &mut dyn FnMut(&LogLine) -> std::io::Result<()>) -> Result<()> {
    let rec = find(engine, input)?;
    let store = containers(engine)?;
    let cfg = rec.options.as_ref().map(|o| o.log.clone()).unwrap_or_default();
    let Some(path) = cfg.file(&store.log_path(&rec.id)) else {
        use crate::container::log::LogDriver;
        if cfg.driver == LogDriver::Journald {
            return journal(engine, &rec.id, o, sink);
        }
        return Err(Error::bad_input(format!(
            "this container is using the '{}' log driver, cannot read logs: this container is not logging output",
            cfg.driver.as_str()
        )));
    };
    let mut file = match crate::container::log::open(&path, false) {
        Ok(f) => Some(f),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(anyhow::Error::from(e).context(format!("opening {}", path.display())).into()),
    };
    let mut offset = 0u64;
    let mut pending: Vec<u8> = Vec::new();
    // The whole log once (tail needs to see it all).
    if let Some(f) = &mut file {
        f.read_to_end(&mut pending).with_context(|| format!("reading {}", path.display()))?;
        let (mut lines, used) = split_complete(&pending);
        offset = used as u64;
        pending.drain(..used);
        if let Some(n) = o.tail {
            lines = lines.split_off(tail_start(&lines, n));
        }
        for l in lines.iter().filter(|l| in_window(o, l)) {
            if sink(l).is_err() {
                return Ok(()); // the reader went away (a closed pipe)
            }
        }
    }
    if !o.follow {
        return Ok(());
    }
    // Follow: wait for writes with inotify (a timeout also checks the state).
    let inotify = nix::sys::inotify::Inotify::init(nix::sys::inotify::InitFlags::IN_CLOEXEC | nix::sys::inotify::InitFlags::IN_NONBLOCK).ok();
    let dir = path.parent().map(std::path::Path::to_path_buf).unwrap_or_else(|| store.dir(&rec.id));
    if let Some(ino) = &inotify {
        let _ = ino.add_watch(&dir, nix::sys::inotify::AddWatchFlags::IN_MODIFY | nix::sys::inotify::AddWatchFlags::IN_CREATE);
    }
    loop {
        let running = matches!(store.state(&rec.id).map(|s| s.status), Ok(Status::Running | Status::Paused | Status::Stopping));
        if file.is_none() {
            file = crate::container::log::open(&path, false).ok();
        }
        if let Some(f) = &mut file {
            if f.metadata().map(|m| m.len()).unwrap_or(0) < offset + pending.len() as u64 {
                // Truncated at --log-opt max-size: read it from the start again.
                offset = 0;
                pending.clear();
            }
            f.seek(SeekFrom::Start(offset + pending.len() as u64)).with_context(|| format!("reading {}", path.display()))?;
            let before = pending.len();
            f.read_to_end(&mut pending).with_context(|| format!("reading {}", path.display()))?;
            if pending.len() > before {
                let (lines, used) = split_complete(&pending);
                offset += used as u64;
                pending.drain(..used);
                for l in lines.iter().filter(|l| in_window(o, l)) {
                    if sink(l).is_err() {
                        return Ok(());
                    }
                }
                continue;
            }
        }
        if !running {
            return Ok(());
        }
        wait_for_change(inotify.as_ref(), Duration::from_millis(250));
    }
}

/// The most of one journal entry rpod reads (journald's own limit on a
/// field is lower): a longer line from `journalctl` is cut off there.
const JOURNAL_LINE_CAP: u64 = 4 << 20;

/// A container's log from the systemd journal (`--log-driver journald`), read
/// through `journalctl -o json` as the user: only entries written by this
/// user's processes (`_UID`, a field journald sets itself) with the
/// container's full ID count, so another local user cannot put lines into
/// this container's log by sending entries with its `CONTAINER_ID_FULL`
/// (log-injection class). Follows while the container runs.
fn journal(engine: &Engine, id: &str, o: &LogsOptions, sink: &mut dyn FnMut(&LogLine) -> std::io::Result<()>) -> Result<()> {
    use std::io::BufRead;
    let uid = engine.idmap.as_ref().and_then(|m| m.uids.iter().find(|l| l.inside == 0).map(|l| l.outside)).unwrap_or_else(|| nix::unistd::getuid().as_raw());
    let mut cmd = std::process::Command::new("journalctl");
    cmd.args(["--no-pager", "--quiet", "--output=json", "--output-fields=MESSAGE,PRIORITY,CONTAINER_PARTIAL_MESSAGE,RPOD_LOG_SEQ"]);
    if o.follow {
        cmd.arg("--follow");
    }
    cmd.arg(format!("_UID={uid}")).arg(format!("CONTAINER_ID_FULL={id}"));
    cmd.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::bad_input("reading journald logs needs journalctl (package systemd), which is not installed"),
        _ => Error::Other(anyhow::anyhow!("starting journalctl: {e}")),
    })?;
    let out = child.stdout.take().expect("piped");
    // Lines come on a thread: the follower below also watches the container.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(256);
    let reader = std::thread::spawn(move || {
        let mut r = std::io::BufReader::new(out);
        loop {
            let mut line = Vec::new();
            match (&mut r).take(JOURNAL_LINE_CAP).read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {
                    if !line.ends_with(b"\n") {
                        // Cut at the cap: skip the rest of this entry.
                        let mut rest = Vec::new();
                        if r.read_until(b'\n', &mut rest).is_err() {
                            return;
                        }
                    }
                    if tx.send(line).is_err() {
                        return;
                    }
                }
            }
        }
    });
    let store = containers(engine)?;
    let mut lines = Vec::new();
    // Following: lines go straight out, once a --tail has been cut from
    // what the journal already held (at the first pause in its output).
    let mut streaming = o.follow && o.tail.is_none();
    let stop = |child: &mut std::process::Child| {
        let _ = child.kill();
        let _ = child.wait();
    };
    // The mark of the last entry read, and since when the container is seen
    // stopped: journald stores entries asynchronously, so a follower waits
    // (boundedly) for the last entry the monitor sent before it ends.
    let mut seen: Option<String> = None;
    let mut stopped_since: Option<std::time::Instant> = None;
    loop {
        match rx.recv_timeout(Duration::from_millis(250)) {
            Ok(raw) => {
                if let Some((l, mark)) = journal_line(&raw) {
                    if mark.is_some() {
                        seen = mark;
                    }
                    if streaming {
                        if in_window(o, &l) && sink(&l).is_err() {
                            stop(&mut child);
                            return Ok(());
                        }
                    } else {
                        lines.push(l);
                    }
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                if !o.follow {
                    continue;
                }
                if !streaming {
                    let start = o.tail.map(|n| tail_start(&lines, n)).unwrap_or(0);
                    for l in lines.drain(..).skip(start).filter(|l| in_window(o, l)) {
                        if sink(&l).is_err() {
                            stop(&mut child);
                            return Ok(());
                        }
                    }
                    streaming = true;
                }
                let st = store.state(id);
                let running = matches!(st.as_ref().map(|s| s.status), Ok(Status::Running | Status::Paused | Status::Stopping));
                if running {
                    stopped_since = None;
                    continue;
                }
                let last = st.ok().and_then(|s| s.journal_last);
                let waited = stopped_since.get_or_insert_with(std::time::Instant::now).elapsed();
                if last.is_none() || last == seen || waited > JOURNAL_DRAIN_WAIT {
                    stop(&mut child);
                    break;
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    let _ = reader.join();
    let status = child.wait().ok();
    if !o.follow && status.is_some_and(|s| !s.success()) && lines.is_empty() {
        return Err(Error::Other(anyhow::anyhow!("journalctl could not read the journal for container {id}")));
    }
    let start = o.tail.map(|n| tail_start(&lines, n)).unwrap_or(0);
    for l in lines.iter().skip(start).filter(|l| in_window(o, l)) {
        if sink(l).is_err() {
            break;
        }
    }
    Ok(())
}

/// How long `logs -f` waits, once the container stopped, for the journal
/// to hold the last entry its monitor sent.
const JOURNAL_DRAIN_WAIT: Duration = Duration::from_secs(5);

/// One `journalctl -o json` entry as a log line and its `RPOD_LOG_SEQ` mark
/// (`None`: not one of ours).
fn journal_line(raw: &[u8]) -> Option<(LogLine, Option<String>)> {
    let v: serde_json::Value = serde_json::from_slice(raw).ok()?;
    // journalctl prints a field that is not valid UTF-8 as an array of bytes.
    let text = match v.get("MESSAGE")? {
        serde_json::Value::String(s) => s.as_bytes().to_vec(),
        serde_json::Value::Array(a) => a.iter().map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok())).collect::<Option<Vec<u8>>>()?,
        _ => return None,
    };
    let micros: i64 = v.get("__REALTIME_TIMESTAMP")?.as_str()?.parse().ok()?;
    let timestamp = chrono::DateTime::from_timestamp_micros(micros)?.with_timezone(&chrono::Local).to_rfc3339_opts(chrono::SecondsFormat::Nanos, false);
    let mark = v.get(crate::container::log::JOURNAL_SEQ_FIELD).and_then(|m| m.as_str()).map(str::to_string);
    let line = LogLine {
        stream: if v.get("PRIORITY").and_then(|p| p.as_str()) == Some("3") { Stream::Stderr } else { Stream::Stdout },
        timestamp,
        text,
        partial: v.get("CONTAINER_PARTIAL_MESSAGE").and_then(|p| p.as_str()) == Some("true"),
    };
    Some((line, mark))
}

/// Sleep until the watched directory changes or `timeout` passes.
fn wait_for_change(ino: Option<&nix::sys::inotify::Inotify>, timeout: Duration) {
    use std::os::fd::AsFd;
    match ino {
        Some(ino) => {
            let mut fds = [nix::poll::PollFd::new(ino.as_fd(), nix::poll::PollFlags::POLLIN)];
            let _ = nix::poll::poll(&mut fds, nix::poll::PollTimeout::try_from(timeout).unwrap_or(nix::poll::PollTimeout::NONE));
            while let Ok(events) = ino.read_events() {
                if events.is_empty() {
                    break;
                }
            }
        }
        None => std::thread::sleep(timeout),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_entries_become_log_lines() {
        let (l, mark) = journal_line(br#"{"__REALTIME_TIMESTAMP":"1764540000123456","MESSAGE":"hello","PRIORITY":"6","RPOD_LOG_SEQ":"12-34-5"}"#).unwrap();
        assert_eq!((l.stream, l.text.as_slice(), l.partial, mark.as_deref()), (Stream::Stdout, &b"hello"[..], false, Some("12-34-5")));
        assert!(DateTime::parse_from_rfc3339(&l.timestamp).unwrap().timestamp_micros() == 1764540000123456, "{}", l.timestamp);
        let (l, mark) = journal_line(br#"{"__REALTIME_TIMESTAMP":"1","MESSAGE":[104,105,255],"PRIORITY":"3","CONTAINER_PARTIAL_MESSAGE":"true"}"#).unwrap();
        assert_eq!((l.stream, l.text.as_slice(), l.partial, mark), (Stream::Stderr, &[104u8, 105, 255][..], true, None));
        // Not ours, or broken: skipped, never a panic.
        for bad in
            [&br#"{"MESSAGE":"no time"}"#[..], br#"{"__REALTIME_TIMESTAMP":"x","MESSAGE":"a"}"#, b"garbage", br#"{"__REALTIME_TIMESTAMP":"1","MESSAGE":[999]}"#]
        {
            assert!(journal_line(bad).is_none());
        }
    }

    fn lines(spec: &[(&str, bool)]) -> Vec<LogLine> {
        spec.iter().map(|(t, p)| LogLine { stream: Stream::Stdout, timestamp: "t".into(), text: t.as_bytes().to_vec(), partial: *p }).collect()
    }

    #[test]
    fn tail_counts_complete_lines_with_their_pieces() {
        let l = lines(&[("a", false), ("b1", true), ("b2", false), ("c", false)]);
        assert_eq!(tail_start(&l, 1), 3);
        assert_eq!(tail_start(&l, 2), 1, "the pieces of b stay together");
        assert_eq!(tail_start(&l, 3), 0);
        assert_eq!(tail_start(&l, 10), 0);
        assert_eq!(tail_start(&l, 0), 4);
    }

    #[test]
    fn parse_and_split() {
        let buf = b"2024-01-01T00:00:00.000000000Z stdout F hello world\n2024-01-01T00:00:01Z stderr P part\n2024-01-01T00:00:02Z stdout F incompl";
        let (l, used) = split_complete(buf);
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].text, b"hello world");
        assert_eq!((l[1].stream, l[1].partial), (Stream::Stderr, true));
        assert_eq!(&buf[used..], b"2024-01-01T00:00:02Z stdout F incompl");
    }
}

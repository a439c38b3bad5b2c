//! `rpod events`: print the event log (`crate::events`), then follow it.

use std::collections::BTreeMap;
use std::os::fd::AsFd;
use std::path::Path;

use anyhow::{anyhow, Context, Result};
use serde_json::{json, Value};

use super::output::{self, Template};
use super::EventsArgs;
use crate::events::{self, Event};

/// Go's `time.Time.String()` in UTC, nanoseconds without trailing zeros.
fn go_time_nanos(t: &chrono::DateTime<chrono::FixedOffset>) -> String {
    let t = t.with_timezone(&chrono::Utc);
    let mut s = t.format("%Y-%m-%d %H:%M:%S").to_string();
    let ns = t.timestamp_subsec_nanos();
    if ns > 0 {
        let frac = format!("{ns:09}");
        s.push('.');
        s.push_str(frac.trim_end_matches('0'));
    }
    s.push_str(" +0000 UTC");
    s
}

/// The fields templates see (Podman's `events.Event` plus `TimeNano`).
fn template_value(e: &Event, t: &chrono::DateTime<chrono::FixedOffset>) -> Value {
    json!({
        "ID": e.id,
        "Image": e.image,
        "Name": e.name,
        "Status": e.status,
        "Type": e.kind,
        "Time": go_time_nanos(t),
        "TimeNano": t.timestamp_nanos_opt().unwrap_or(0),
        "ContainerExitCode": e.exit_code.unwrap_or(0),
        "Attributes": e.attributes.clone().unwrap_or_default(),
        "Network": "",
        "PodID": "",
        "HealthStatus": "",
        "Details": {},
    })
}

enum Shape {
    Human,
    Json,
    Template(Box<Template>),
}

pub fn cmd_events(runroot: &Path, a: &EventsArgs) -> Result<i32> {
    let mut filters: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in &a.filter {
        let (k, v) = f.split_once('=').ok_or_else(|| anyhow!("invalid filter {f:?}: expected KEY=VALUE"))?;
        filters.entry(k.to_string()).or_default().push(v.to_string());
    }
    let since = a.since.as_deref().map(super::containers::parse_time).transpose()?;
    let until = a.until.as_deref().map(super::containers::parse_time).transpose()?;
    let shape = match a.format.as_deref() {
        None => Shape::Human,
        Some(f) if super::template::is_json(f) => Shape::Json,
        Some(f) => Shape::Template(Box::new(Template::parse("events", f)?.go_type("", "events.Event"))),
    };
    let print = |batch: Vec<Event>| -> Result<bool> {
        let mut out = String::new();
        for e in batch {
            let Ok(t) = chrono::DateTime::parse_from_rfc3339(&e.time) else { continue };
            if since.is_some_and(|s| t < s) {
                continue;
            }
            if until.is_some_and(|u| t > u) {
                continue;
            }
            if !events::matches(&e, &filters).map_err(|m| anyhow!(m))? {
                continue;
            }
            match &shape {
                Shape::Human => out.push_str(&events::human(&e, &go_time_nanos(&t), !a.no_trunc)),
                Shape::Json => out.push_str(&serde_json::to_string(&e)?),
                Shape::Template(tpl) => out.push_str(tpl.execute(&template_value(&e, &t))?.trim_end_matches('\n')),
            }
            out.push('\n');
        }
        output::print_stdout(&out)?;
        Ok(true)
    };
    let (old, mut reader) = events::Reader::open(runroot).context("reading the event log")?;
    print(old)?;
    // Podman stops at --until even when streaming; without --stream it never follows.
    let deadline = until.map(|u| u.with_timezone(&chrono::Utc));
    if !a.stream || deadline.is_some_and(|d| d <= chrono::Utc::now()) {
        return Ok(0);
    }
    use nix::sys::inotify::{AddWatchFlags, InitFlags, Inotify};
    let dir = reader.dir().to_path_buf();
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let ino = Inotify::init(InitFlags::IN_CLOEXEC | InitFlags::IN_NONBLOCK).context("inotify")?;
    ino.add_watch(&dir, AddWatchFlags::IN_MODIFY | AddWatchFlags::IN_CREATE | AddWatchFlags::IN_MOVED_TO | AddWatchFlags::IN_CLOSE_WRITE)
        .with_context(|| format!("watching {}", dir.display()))?;
    print(reader.read_new()?)?; // what was written before the watch began
    loop {
        use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
        let timeout = match deadline {
            Some(d) => {
                let left = (d - chrono::Utc::now()).num_milliseconds();
                if left <= 0 {
                    return Ok(0);
                }
                PollTimeout::try_from(left.min(60_000) as i32).unwrap_or(PollTimeout::MAX)
            }
            None => PollTimeout::NONE,
        };
        let mut fds = [PollFd::new(ino.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, timeout) {
            Ok(_) | Err(nix::errno::Errno::EINTR) => {}
            Err(e) => return Err(anyhow!("waiting for events: {e}")),
        }
        while ino.read_events().is_ok_and(|ev| !ev.is_empty()) {}
        print(reader.read_new()?)?;
    }
}

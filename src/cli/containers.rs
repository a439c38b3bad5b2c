//! Container commands: flags to engine calls, results to Podman-shaped output.

use std::io::{IsTerminal, Read, Write};
use std::os::fd::AsFd;

use anyhow::{anyhow, bail, Context, Result};
use serde_json::{json, Value};

use super::output::{self, Template};
use super::{KillArgs, LogsArgs, NamesArgs, PsArgs, RmArgs, RunArgs, StartArgs, StopArgs};
use crate::container::spec::{read_env_file, ProcessOptions};
use crate::container::{ContainerRecord, RestartPolicy, Status};
use crate::engine::container::{self as ctr, CreateOptions};
use crate::engine::Engine;
use crate::error::ExitError;
use crate::monitor::attach::{read_frame, write_frame, Frame};

fn out(s: &str) -> Result<i32> {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(s.as_bytes());
    let _ = o.flush();
    Ok(0)
}

pub fn create_options(a: &RunArgs) -> Result<CreateOptions> {
    let mut env = Vec::new();
    for f in &a.env_file {
        env.extend(read_env_file(f)?);
    }
    env.extend(a.env.iter().cloned());
    let mut seccomp = None;
    let mut nnp = false;
    for o in &a.security_opt {
        match o.split_once(['=', ':']) {
            Some(("seccomp", "unconfined")) => seccomp = Some(None),
            Some(("seccomp", file)) => {
                let text = std::fs::read_to_string(file).with_context(|| format!("reading seccomp profile {file}"))?;
                let v: Value = serde_json::from_str(&text).with_context(|| format!("parsing seccomp profile {file}"))?;
                seccomp = Some(Some(v));
            }
            None if o == "no-new-privileges" => nnp = true,
            Some(("no-new-privileges", v)) => nnp = v != "false",
            _ => bail!("unsupported --security-opt {o:?}: use seccomp=FILE, seccomp=unconfined or no-new-privileges"),
        }
    }
    let labels = a
        .label
        .iter()
        .map(|l| match l.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (l.clone(), String::new()),
        })
        .collect();
    if let Some(n) = &a.name {
        if n.is_empty() || !n.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)) || !n.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            bail!("invalid container name {n:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
        }
    }
    Ok(CreateOptions {
        name: a.name.clone(),
        image: a.image.clone(),
        process: ProcessOptions {
            command: a.command.clone(),
            entrypoint: a.entrypoint.clone(),
            env,
            workdir: a.workdir.clone(),
            user: a.user.clone(),
            hostname: String::new(),
            read_only: a.read_only,
            host_network: false, // set by the engine from `network`
            init: a.init,
            tty: a.tty,
            cap_add: a.cap_add.clone(),
            cap_drop: a.cap_drop.clone(),
            privileged: a.privileged,
            no_new_privileges: nnp,
            seccomp,
        },
        interactive: a.interactive,
        remove: a.rm,
        labels,
        restart: RestartPolicy::parse(&a.restart)?,
        network: a.network.clone(),
        hostname: a.hostname.clone(),
    })
}

/// Make sure the image is local, pulling it like Podman's `--pull=missing`.
pub fn ensure_image(engine: &mut Engine, image: &str) -> Result<()> {
    if crate::engine::images::exists(engine, image)? {
        return Ok(());
    }
    engine.ensure_content_access()?;
    let opts = crate::engine::pull::PullOptions {
        quiet: false,
        tls_verify: None,
        platform: crate::image::platform::Platform::host(),
        authfile: None,
        creds: None,
        progress: std::io::stderr().is_terminal(),
    };
    crate::engine::pull::pull(engine, image, &opts)?;
    Ok(())
}

/// Flags checked, image present (pulled if missing), container created.
fn create_from_flags(engine: &mut Engine, a: &RunArgs) -> Result<ContainerRecord> {
    let o = create_options(a)?;
    ensure_image(engine, &a.image)?;
    if engine.driver == "vfs" {
        engine.ensure_content_access()?; // the copy keeps the layers' owners
    }
    ctr::create(engine, &o)
}

pub fn cmd_create(engine: &mut Engine, a: &RunArgs) -> Result<i32> {
    let rec = create_from_flags(engine, a)?;
    out(&format!("{}\n", rec.id))
}

pub fn cmd_run(engine: &mut Engine, a: &RunArgs) -> Result<i32> {
    let rec = create_from_flags(engine, a)?;
    if a.detach {
        match ctr::start(engine, &rec, false) {
            Ok(_) => return out(&format!("{}\n", rec.id)),
            Err(e) => {
                if a.rm {
                    let _ = remove_quietly(engine, &rec);
                }
                return Err(e);
            }
        }
    }
    let started = match ctr::start(engine, &rec, true) {
        Ok(s) => s,
        Err(e) => {
            if a.rm {
                let _ = remove_quietly(engine, &rec);
            }
            return Err(e);
        }
    };
    let sock = started.attach.context("no attach socket")?;
    let code = attach_loop(sock, a.interactive, a.tty, &signal_proxy(ctr::containers(engine)?, rec.id.clone()))?;
    if a.rm {
        // The monitor removes the container right after it exits, then exits
        // itself: like Podman, return only once the container is gone.
        if let Some(mut m) = started.monitor {
            let _ = m.wait();
        }
        let store = ctr::containers(engine)?;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while store.dir(&rec.id).join("container.json").exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    Ok(code)
}

fn remove_quietly(engine: &mut Engine, rec: &ContainerRecord) -> Result<()> {
    engine.ensure_content_access()?;
    ctr::remove(engine, rec, true)
}

/// Raw mode on the local terminal while attached; restored on drop.
struct RawMode(Option<nix::sys::termios::Termios>);

impl RawMode {
    fn enable(on: bool) -> RawMode {
        let stdin = std::io::stdin();
        if !on || !stdin.is_terminal() {
            return RawMode(None);
        }
        let Ok(old) = nix::sys::termios::tcgetattr(stdin.as_fd()) else { return RawMode(None) };
        let mut raw = old.clone();
        nix::sys::termios::cfmakeraw(&mut raw);
        let _ = nix::sys::termios::tcsetattr(stdin.as_fd(), nix::sys::termios::SetArg::TCSANOW, &raw);
        RawMode(Some(old))
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        if let Some(old) = &self.0 {
            let _ = nix::sys::termios::tcsetattr(std::io::stdin().as_fd(), nix::sys::termios::SetArg::TCSANOW, old);
        }
    }
}

fn window_size() -> Option<(u16, u16)> {
    let mut ws = libc::winsize { ws_row: 0, ws_col: 0, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: TIOCGWINSZ writes one winsize struct into ws.
    let rc = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) };
    (rc == 0 && ws.ws_row > 0).then_some((ws.ws_row, ws.ws_col))
}

/// Relay between the terminal and the monitor until the container exits
/// (its exit code) or the user detaches with ctrl-p ctrl-q (0).
/// Signals an attached CLI passes on to the container (Podman's --sig-proxy).
const PROXIED: [nix::sys::signal::Signal; 7] = {
    use nix::sys::signal::Signal::*;
    [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH]
};

/// A proxy that forwards signals to the container whose state is in `store`.
pub fn signal_proxy(store: crate::container::ContainerStore, id: String) -> impl Fn(nix::sys::signal::Signal) {
    move |sig| {
        if let Ok(st) = store.state(&id) {
            let _ = ctr::signal(&st, sig);
        }
    }
}

pub fn attach_loop(mut sock: std::os::unix::net::UnixStream, interactive: bool, tty: bool, forward: &dyn Fn(nix::sys::signal::Signal)) -> Result<i32> {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let mut mask = nix::sys::signal::SigSet::empty();
    for s in PROXIED {
        mask.add(s);
    }
    mask.thread_block().context("blocking signals to proxy")?;
    let sfd = nix::sys::signalfd::SignalFd::with_flags(&mask, nix::sys::signalfd::SfdFlags::SFD_NONBLOCK | nix::sys::signalfd::SfdFlags::SFD_CLOEXEC)?;
    let _raw = RawMode::enable(tty && interactive);
    if tty {
        if let Some((r, c)) = window_size() {
            let _ = write_frame(&mut sock, Frame::Resize, format!("{r} {c}").as_bytes());
        }
    }
    let stdin = std::io::stdin();
    let mut stdin_open = interactive;
    let mut buf = vec![0u8; 32 * 1024];
    let mut last_ctrl_p = false;
    loop {
        let mut fds = vec![PollFd::new(sock.as_fd(), PollFlags::POLLIN), PollFd::new(sfd.as_fd(), PollFlags::POLLIN)];
        if stdin_open {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => bail!("waiting for the container: {e}"),
        }
        let sock_ready = fds[0].revents().is_some_and(|r| !r.is_empty());
        let sig_ready = fds[1].revents().is_some_and(|r| !r.is_empty());
        let in_ready = stdin_open && fds.get(2).and_then(|f| f.revents()).is_some_and(|r| !r.is_empty());
        drop(fds);
        if sig_ready {
            while let Ok(Some(info)) = sfd.read_signal() {
                let Ok(sig) = nix::sys::signal::Signal::try_from(info.ssi_signo as i32) else { continue };
                if sig == nix::sys::signal::Signal::SIGWINCH {
                    if let (true, Some((r, c))) = (tty, window_size()) {
                        let _ = write_frame(&mut sock, Frame::Resize, format!("{r} {c}").as_bytes());
                    }
                } else {
                    forward(sig);
                }
            }
        }
        if sock_ready {
            match read_frame(&mut sock) {
                Ok((Frame::Stdout, d)) => {
                    let mut o = std::io::stdout().lock();
                    let _ = o.write_all(&d);
                    let _ = o.flush();
                }
                Ok((Frame::Stderr, d)) => {
                    let _ = std::io::stderr().write_all(&d);
                }
                Ok((Frame::Exit, d)) => return Ok(String::from_utf8_lossy(&d).trim().parse().unwrap_or(0)),
                Ok((Frame::Error, d)) => {
                    let s = String::from_utf8_lossy(&d).into_owned();
                    let (code, msg) = s.split_once('\t').unwrap_or(("125", &s));
                    return Err(anyhow!(ExitError::new(code.parse().unwrap_or(125), msg.to_string())));
                }
                Ok(_) => {}
                Err(_) => bail!("lost the connection to the container monitor"),
            }
        }
        if in_ready {
            let n = stdin.lock().read(&mut buf).unwrap_or(0);
            if n == 0 {
                stdin_open = false;
                let _ = write_frame(&mut sock, Frame::CloseStdin, b"");
                continue;
            }
            if tty {
                // ctrl-p ctrl-q detaches.
                for &b in &buf[..n] {
                    if last_ctrl_p && b == 0x11 {
                        drop(_raw);
                        eprintln!();
                        return Ok(0);
                    }
                    last_ctrl_p = b == 0x10;
                }
            }
            if write_frame(&mut sock, Frame::Stdin, &buf[..n]).is_err() {
                stdin_open = false;
            }
        }
    }
}

pub fn cmd_start(engine: &mut Engine, a: &StartArgs) -> Result<i32> {
    if a.attach && a.containers.len() > 1 {
        bail!("you cannot start and attach multiple containers at once");
    }
    let mut code = 0;
    for name in &a.containers {
        let rec = ctr::find(engine, name)?;
        let st = ctr::containers(engine)?.state(&rec.id)?;
        if st.status == Status::Running {
            if !a.attach {
                out(&format!("{name}\n"))?;
            }
            continue;
        }
        if a.attach {
            let s = ctr::start(engine, &rec, true)?;
            code = attach_loop(s.attach.context("no attach socket")?, a.interactive, rec.tty, &signal_proxy(ctr::containers(engine)?, rec.id.clone()))?;
        } else {
            ctr::start(engine, &rec, false)?;
            out(&format!("{name}\n"))?;
        }
    }
    Ok(code)
}

fn ps_row(rec: &ContainerRecord, st: &crate::container::ContainerState, no_trunc: bool) -> Value {
    let id = if no_trunc { rec.id.clone() } else { rec.id[..12].to_string() };
    let cmd = rec.command.join(" ");
    let cmd_short = if no_trunc || cmd.chars().count() <= 17 { cmd.clone() } else { format!("{}...", cmd.chars().take(17).collect::<String>()) };
    json!({
        "ID": id,
        "Id": rec.id,
        "Image": rec.image_name,
        "ImageID": rec.image_id,
        "Command": cmd_short,
        "FullCommand": cmd,
        "CreatedHuman": output::since(Some(&rec.created)),
        "CreatedAt": output::go_time(Some(&rec.created)),
        "Status": ctr::status_text(st),
        "State": st.status.as_str(),
        "Ports": "",
        "Names": rec.name,
        "Labels": rec.labels,
        "ExitCode": st.exit_code.unwrap_or(0),
        "Pid": st.pid.map(|p| p.pid).unwrap_or(0),
    })
}

fn matches_filter(rec: &ContainerRecord, st: &crate::container::ContainerState, f: &str) -> Result<bool> {
    let (k, v) = f.split_once('=').ok_or_else(|| anyhow!("invalid filter {f:?}: expected KEY=VALUE"))?;
    Ok(match k {
        "name" => rec.name.contains(v),
        "id" => rec.id.starts_with(v),
        "status" => {
            let s = st.status.as_str();
            if !["created", "running", "paused", "stopping", "exited", "removing", "configured"].contains(&v) {
                bail!("invalid status filter {v:?}");
            }
            s == v
        }
        "label" => match v.split_once('=') {
            Some((lk, lv)) => rec.labels.get(lk).is_some_and(|x| x == lv),
            None => rec.labels.contains_key(v),
        },
        "ancestor" => rec.image_name == v || rec.image_id.starts_with(v) || rec.image_name.ends_with(&format!("/{v}")) || rec.image_name.ends_with(&format!("/{v}:latest")),
        _ => bail!("unsupported filter {k:?}: use name, id, status, label or ancestor"),
    })
}

pub fn cmd_ps(engine: &Engine, a: &PsArgs) -> Result<i32> {
    let store = ctr::containers(engine)?;
    let mut rows = Vec::new();
    let mut recs = store.list()?;
    if a.latest {
        recs.truncate(1);
    }
    if let Some(n) = a.last {
        recs.truncate(n);
    }
    for rec in &recs {
        let st = match store.state(&rec.id) {
            Ok(st) => st,
            // Removed while we were listing.
            Err(_) if !store.dir(&rec.id).join("container.json").exists() => continue,
            Err(e) => return Err(e),
        };
        let show_all = a.all || a.latest || a.last.is_some() || !a.filter.is_empty();
        if !show_all && st.status != Status::Running && st.status != Status::Paused {
            continue;
        }
        let mut ok = true;
        for f in &a.filter {
            ok &= matches_filter(rec, &st, f)?;
        }
        if ok {
            rows.push(ps_row(rec, &st, a.no_trunc));
        }
    }
    if a.quiet {
        return out(&rows.iter().map(|r| format!("{}\n", r["ID"].as_str().unwrap_or(""))).collect::<String>());
    }
    match a.format.as_deref() {
        Some("json") => {
            let mut s = serde_json::to_string_pretty(&rows)?;
            s.push('\n');
            out(&s)
        }
        Some(f) => out(&Template::parse(f)?.render_all(&rows)?),
        None => {
            let mut t = vec![["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"].map(String::from).to_vec()];
            for r in &rows {
                t.push(["ID", "Image", "Command", "CreatedHuman", "Status", "Ports", "Names"].iter().map(|k| r[*k].as_str().unwrap_or("").to_string()).collect());
            }
            out(&output::table(&t))
        }
    }
}

pub fn cmd_stop(engine: &Engine, a: &StopArgs) -> Result<i32> {
    let names: Vec<String> = if a.all { ctr::containers(engine)?.list()?.into_iter().map(|c| c.id).collect() } else { a.containers.clone() };
    for n in &names {
        let rec = ctr::find(engine, n)?;
        ctr::stop(engine, &rec, a.time.unwrap_or(rec.stop_timeout))?;
        out(&format!("{n}\n"))?;
    }
    Ok(0)
}

pub fn cmd_kill(engine: &Engine, a: &KillArgs) -> Result<i32> {
    let sig = ctr::parse_signal(&a.signal)?;
    for n in &a.containers {
        let rec = ctr::find(engine, n)?;
        let store = ctr::containers(engine)?;
        let st = store.update_state(&rec.id, |s| {
            s.stopped_by_user = true;
            s.clone()
        })?;
        if st.status != Status::Running && st.status != Status::Paused {
            bail!("can only kill running containers. {} is in state {}", rec.id, st.status.as_str());
        }
        ctr::signal(&st, sig)?;
        out(&format!("{n}\n"))?;
    }
    Ok(0)
}

pub fn cmd_rm(engine: &Engine, a: &RmArgs) -> Result<i32> {
    let store = ctr::containers(engine)?;
    store.remove_debris();
    // (record, what to print: the name or ID as given, as Podman does; IDs for -a)
    let recs: Vec<(ContainerRecord, String)> = if a.all {
        store.list()?.into_iter().map(|r| {
            let id = r.id.clone();
            (r, id)
        }).collect()
    } else {
        let mut v = Vec::new();
        for n in &a.containers {
            match store.find(n)? {
                Some(r) => v.push((r, n.clone())),
                None if a.force => {}
                None => return Err(anyhow!(ExitError::new(1, format!("no container with ID or name {n:?} found: no such container")))),
            }
        }
        v
    };
    let mut code = 0;
    for (rec, shown) in &recs {
        match ctr::remove(engine, rec, a.force) {
            Ok(()) => {
                out(&format!("{shown}\n"))?;
            }
            Err(e) => {
                eprintln!("Error: {e:#}");
                code = crate::error::exit_code(&e);
            }
        }
    }
    Ok(code)
}

/// Parse `--since`/`--until`: RFC 3339 or a Go duration before now (10m, 1h30m, 45s).
fn parse_time(s: &str) -> Result<chrono::DateTime<chrono::FixedOffset>> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok(t);
    }
    if let Ok(secs) = s.parse::<i64>() {
        return Ok(chrono::DateTime::from_timestamp(secs, 0).context("time out of range")?.fixed_offset());
    }
    let mut total = 0f64;
    let mut num = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let n: f64 = num.parse().map_err(|_| anyhow!("invalid time {s:?}: use RFC 3339 or a duration like 10m"))?;
        num.clear();
        total += n * match c {
            's' => 1.0,
            'm' => 60.0,
            'h' => 3600.0,
            _ => bail!("invalid time {s:?}: use RFC 3339 or a duration like 10m"),
        };
    }
    if !num.is_empty() {
        bail!("invalid time {s:?}: use RFC 3339 or a duration like 10m");
    }
    Ok((chrono::Utc::now() - chrono::Duration::milliseconds((total * 1000.0) as i64)).fixed_offset())
}

pub fn cmd_logs(engine: &Engine, a: &LogsArgs) -> Result<i32> {
    let rec = ctr::find(engine, &a.container)?;
    let store = ctr::containers(engine)?;
    let path = store.log_path(&rec.id);
    let since = a.since.as_deref().map(parse_time).transpose()?;
    let until = a.until.as_deref().map(parse_time).transpose()?;
    let mut offset = 0usize;
    let mut first = true;
    loop {
        let data = std::fs::read(&path).unwrap_or_default();
        let chunk = &data[offset.min(data.len())..];
        // Only complete lines.
        let end = chunk.iter().rposition(|b| *b == b'\n').map(|i| i + 1).unwrap_or(0);
        let mut lines: Vec<&[u8]> = chunk[..end].split(|b| *b == b'\n').filter(|l| !l.is_empty()).collect();
        offset += end;
        if first {
            if let Some(n) = a.tail {
                // Count complete (F) lines from the end.
                let mut full = 0;
                let mut start = lines.len();
                while start > 0 && full < n {
                    start -= 1;
                    if lines[start].splitn(4, |b| *b == b' ').nth(2) == Some(b"F") {
                        full += 1;
                    }
                }
                if full == n && start > 0 && lines[start].splitn(4, |b| *b == b' ').nth(2) == Some(b"F") && n > 0 {
                    // keep the partial lines that precede a complete line together
                    while start > 0 && lines[start - 1].splitn(4, |b| *b == b' ').nth(2) == Some(b"P") {
                        start -= 1;
                    }
                }
                lines = if n == 0 { vec![] } else { lines.split_off(start) };
            }
            first = false;
        }
        let mut so = std::io::stdout().lock();
        let mut se = std::io::stderr().lock();
        for l in lines {
            let mut parts = l.splitn(4, |b| *b == b' ');
            let (Some(ts), Some(stream), Some(tag)) = (parts.next(), parts.next(), parts.next()) else { continue };
            let text = parts.next().unwrap_or(b"");
            let ts_s = String::from_utf8_lossy(ts);
            if since.is_some() || until.is_some() {
                if let Ok(t) = chrono::DateTime::parse_from_rfc3339(&ts_s) {
                    if since.is_some_and(|s| t < s) || until.is_some_and(|u| t > u) {
                        continue;
                    }
                }
            }
            let w: &mut dyn Write = if stream == b"stderr" { &mut se } else { &mut so };
            if a.timestamps {
                let _ = w.write_all(format!("{ts_s} ").as_bytes());
            }
            let _ = w.write_all(text);
            if tag == b"F" {
                let _ = w.write_all(b"\n");
            }
        }
        let _ = so.flush();
        if !a.follow {
            return Ok(0);
        }
        let st = store.state(&rec.id)?;
        if st.status != Status::Running && st.status != Status::Paused && st.status != Status::Stopping {
            // One last read after exit, then stop.
            let again = std::fs::read(&path).map(|d| d.len()).unwrap_or(0);
            if again <= offset {
                return Ok(0);
            }
            continue;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

pub fn cmd_wait(engine: &Engine, a: &NamesArgs) -> Result<i32> {
    for n in &a.containers {
        let rec = ctr::find(engine, n)?;
        let code = ctr::wait(engine, &rec.id, None)?;
        out(&format!("{}\n", code.unwrap_or(-1)))?;
    }
    Ok(0)
}

/// `container inspect` data, in Podman's shape.
pub fn inspect_value(engine: &Engine, rec: &ContainerRecord) -> Result<Value> {
    let st = ctr::containers(engine)?.state(&rec.id)?;
    let spec = serde_json::to_value(&rec.spec)?;
    let process = spec.get("process").cloned().unwrap_or(Value::Null);
    let args: Vec<Value> = process.get("args").and_then(Value::as_array).cloned().unwrap_or_default();
    Ok(json!({
        "Id": rec.id,
        "Created": rec.created,
        "Path": args.first().cloned().unwrap_or(Value::Null),
        "Args": args.get(1..).map(|a| a.to_vec()).unwrap_or_default(),
        "State": {
            "Status": st.status.as_str(),
            "Running": st.status == Status::Running,
            "Paused": st.status == Status::Paused,
            "Restarting": false,
            "OOMKilled": false,
            "Dead": false,
            "Pid": st.pid.map(|p| p.pid).unwrap_or(0),
            "ConmonPid": st.monitor.map(|p| p.pid).unwrap_or(0),
            "ExitCode": st.exit_code.unwrap_or(0),
            "Error": st.error.clone().unwrap_or_default(),
            "StartedAt": st.started_at.clone().unwrap_or_default(),
            "FinishedAt": st.finished_at.clone().unwrap_or_default(),
        },
        "Image": rec.image_id,
        "ImageName": rec.image_name,
        "Rootfs": "",
        "Name": rec.name,
        "RestartCount": st.restart_count,
        "Driver": "overlay",
        "Mounts": [],
        "Config": {
            "Hostname": spec.get("hostname").cloned().unwrap_or(Value::Null),
            "User": process.pointer("/user/uid").map(|u| u.to_string()).unwrap_or_default(),
            "Env": process.get("env").cloned().unwrap_or(Value::Null),
            "Cmd": args,
            "WorkingDir": process.get("cwd").cloned().unwrap_or(Value::Null),
            "Image": rec.image_name,
            "Labels": rec.labels,
            "Tty": rec.tty,
            "OpenStdin": rec.stdin,
            "StopSignal": rec.stop_signal.clone().unwrap_or_else(|| "SIGTERM".into()),
            "StopTimeout": rec.stop_timeout,
        },
        "HostConfig": {
            "RestartPolicy": {"Name": rec.restart.name(), "MaximumRetryCount": match rec.restart { RestartPolicy::OnFailure(Some(n)) => n, _ => 0 }},
            "AutoRemove": rec.remove,
            "NetworkMode": rec.network,
            "Privileged": spec.pointer("/linux/maskedPaths").and_then(Value::as_array).is_some_and(|a| a.is_empty()),
            "ReadonlyRootfs": spec.pointer("/root/readonly").and_then(Value::as_bool).unwrap_or(false),
        },
        "OCIConfig": spec,
    }))
}

pub fn cmd_container_exists(engine: &Engine, name: &str) -> Result<i32> {
    match ctr::containers(engine)?.find(name)? {
        Some(_) => Ok(0),
        None => Err(anyhow!(ExitError::silent(1))),
    }
}

pub fn cmd_exec(engine: &Engine, a: &super::ExecArgs) -> Result<i32> {
    let rec = ctr::find(engine, &a.container)?;
    let mut env = Vec::new();
    for f in &a.env_file {
        env.extend(read_env_file(f)?);
    }
    env.extend(a.env.iter().cloned());
    let o = ctr::ExecOptions { args: a.command.clone(), env, user: a.user.clone(), workdir: a.workdir.clone(), interactive: a.interactive, tty: a.tty, detach: a.detach };
    let interactive = a.interactive;
    let code = ctr::exec(engine, &rec, &o, |streams, child| match streams {
        ctr::ExecStreams::Pty(master) => relay_pty(master, child, interactive),
        ctr::ExecStreams::Pipes { stdin, stdout, stderr } => relay_pipes(stdin, stdout, stderr, child),
    })?;
    if a.detach {
        return out(&format!("{}\n", crate::container::new_id()));
    }
    Ok(code)
}

/// Relay our stdin to the exec'd process's stdin pipe (with `-i`) and its
/// output pipes to our stdout and stderr until it exits and its output is
/// drained (a background process keeping the pipes open gets 200 ms).
fn relay_pipes(stdin_pipe: Option<std::os::fd::OwnedFd>, stdout: std::os::fd::OwnedFd, stderr: std::os::fd::OwnedFd, child: nix::unistd::Pid) -> Result<i32> {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let stdin = std::io::stdin();
    let mut input = stdin_pipe;
    let mut outputs: Vec<(std::os::fd::OwnedFd, bool)> = vec![(stdout, true), (stderr, false)];
    let mut buf = vec![0u8; 64 * 1024];
    let mut exit: Option<i32> = None;
    loop {
        if exit.is_some() && outputs.is_empty() {
            break;
        }
        let mut fds: Vec<PollFd> = outputs.iter().map(|(fd, _)| PollFd::new(fd.as_fd(), PollFlags::POLLIN)).collect();
        if input.is_some() {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        let timeout = if exit.is_some() { PollTimeout::from(200u16) } else { PollTimeout::from(100u16) };
        let n = match poll(&mut fds, timeout) {
            Ok(n) => n,
            Err(nix::errno::Errno::EINTR) => 0,
            Err(e) => bail!("relaying the exec streams: {e}"),
        };
        if n == 0 && exit.is_some() {
            break;
        }
        let ready: Vec<bool> = fds.iter().map(|f| f.revents().is_some_and(|r| !r.is_empty())).collect();
        drop(fds);
        let stdin_ready = input.is_some() && ready.get(outputs.len()).copied().unwrap_or(false);
        let mut closed = Vec::new();
        for (i, (fd, is_out)) in outputs.iter().enumerate() {
            if !ready[i] {
                continue;
            }
            match nix::unistd::read(fd, &mut buf) {
                Ok(0) => closed.push(i),
                Ok(n) => {
                    if *is_out {
                        let mut o = std::io::stdout().lock();
                        let _ = o.write_all(&buf[..n]);
                        let _ = o.flush();
                    } else {
                        let _ = std::io::stderr().lock().write_all(&buf[..n]);
                    }
                }
                Err(nix::errno::Errno::EINTR) | Err(nix::errno::Errno::EAGAIN) => {}
                Err(_) => closed.push(i),
            }
        }
        for i in closed.into_iter().rev() {
            outputs.remove(i);
        }
        if stdin_ready {
            let n = stdin.lock().read(&mut buf).unwrap_or(0);
            let written = match &input {
                Some(w) if n > 0 => nix::unistd::write(w, &buf[..n]).is_ok_and(|m| m == n),
                _ => false,
            };
            if !written {
                input = None; // EOF (or the process closed its stdin): close the pipe
            }
        }
        if exit.is_none() {
            match nix::sys::wait::waitpid(child, Some(nix::sys::wait::WaitPidFlag::WNOHANG)) {
                Ok(nix::sys::wait::WaitStatus::Exited(_, c)) => exit = Some(c),
                Ok(nix::sys::wait::WaitStatus::Signaled(_, s, _)) => exit = Some(128 + s as i32),
                _ => {}
            }
        }
    }
    Ok(exit.unwrap_or(0))
}

/// Relay a local terminal and a pty master until `child` exits.
fn relay_pty(master: std::os::fd::OwnedFd, child: nix::unistd::Pid, interactive: bool) -> Result<i32> {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let _raw = RawMode::enable(interactive);
    if let Some((r, c)) = window_size() {
        let ws = libc::winsize { ws_row: r, ws_col: c, ws_xpixel: 0, ws_ypixel: 0 };
        // SAFETY: TIOCSWINSZ reads one winsize struct.
        unsafe { libc::ioctl(std::os::fd::AsRawFd::as_raw_fd(&master), libc::TIOCSWINSZ, &ws) };
    }
    let stdin = std::io::stdin();
    let mut stdin_open = interactive;
    let mut buf = vec![0u8; 32 * 1024];
    loop {
        let mut fds = vec![PollFd::new(master.as_fd(), PollFlags::POLLIN)];
        if stdin_open {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        match poll(&mut fds, PollTimeout::from(200u16)) {
            Ok(_) | Err(nix::errno::Errno::EINTR) => {}
            Err(e) => bail!("relaying the terminal: {e}"),
        }
        let m_ready = fds[0].revents().is_some_and(|r| !r.is_empty());
        let in_ready = stdin_open && fds.get(1).and_then(|f| f.revents()).is_some_and(|r| !r.is_empty());
        drop(fds);
        if m_ready {
            match nix::unistd::read(&master, &mut buf) {
                Ok(n) if n > 0 => {
                    let mut o = std::io::stdout().lock();
                    let _ = o.write_all(&buf[..n]);
                    let _ = o.flush();
                }
                _ => {}
            }
        }
        if in_ready {
            let n = stdin.lock().read(&mut buf).unwrap_or(0);
            if n == 0 {
                stdin_open = false;
            } else {
                let _ = nix::unistd::write(&master, &buf[..n]);
            }
        }
        match nix::sys::wait::waitpid(child, Some(nix::sys::wait::WaitPidFlag::WNOHANG)) {
            Ok(nix::sys::wait::WaitStatus::Exited(_, c)) => return Ok(c),
            Ok(nix::sys::wait::WaitStatus::Signaled(_, s, _)) => return Ok(128 + s as i32),
            _ => {}
        }
    }
}

pub fn cmd_attach(engine: &Engine, a: &super::AttachArgs) -> Result<i32> {
    let rec = ctr::find(engine, &a.container)?;
    let store = ctr::containers(engine)?;
    if store.state(&rec.id)?.status != Status::Running {
        bail!("you can only attach to running containers");
    }
    let (_dir, path) = crate::monitor::socket_path(&store.rundir(&rec.id))?;
    let sock = std::os::unix::net::UnixStream::connect(&path).with_context(|| format!("attaching to container {}", rec.id))?;
    attach_loop(sock, rec.stdin && !a.no_stdin, rec.tty, &signal_proxy(store, rec.id.clone()))
}

pub fn cmd_rename(engine: &Engine, a: &super::RenameArgs) -> Result<i32> {
    let rec = ctr::find(engine, &a.container)?;
    if a.name.is_empty() || !a.name.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)) {
        bail!("invalid container name {:?}", a.name);
    }
    ctr::containers(engine)?.rename(&rec.id, &a.name)?;
    Ok(0)
}

pub fn cmd_restart(engine: &mut Engine, a: &StopArgs) -> Result<i32> {
    let names: Vec<String> = if a.all { ctr::containers(engine)?.list()?.into_iter().map(|c| c.id).collect() } else { a.containers.clone() };
    for n in &names {
        let rec = ctr::find(engine, n)?;
        ctr::stop(engine, &rec, a.time.unwrap_or(rec.stop_timeout))?;
        ctr::start(engine, &rec, false)?;
        out(&format!("{}\n", rec.id))?;
    }
    Ok(0)
}

pub fn cmd_container_prune(engine: &Engine, a: &super::PruneContainersArgs) -> Result<i32> {
    if !a.force {
        eprint!("WARNING! This will remove all non running containers.\nAre you sure you want to continue? [y/N] ");
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        if !matches!(line.trim(), "y" | "Y" | "yes") {
            return Ok(0);
        }
    }
    let store = ctr::containers(engine)?;
    let mut ids = String::new();
    for rec in store.list()? {
        let Ok(st) = store.state(&rec.id) else { continue }; // removed meanwhile
        if matches!(st.status, Status::Exited | Status::Created) {
            ctr::remove(engine, &rec, false)?;
            ids.push_str(&format!("{}\n", rec.id));
        }
    }
    out(&ids)
}

/// `top`: the container's processes, found as descendants of its first process.
pub fn cmd_top(engine: &Engine, a: &super::TopArgs) -> Result<i32> {
    let rec = ctr::find(engine, &a.container)?;
    let store = ctr::containers(engine)?;
    let st = store.state(&rec.id)?;
    let Some(init) = st.pid.filter(|p| p.alive()) else { bail!("top can only be used on running containers") };
    let idmap = crate::runtime::userns::IdMap::for_current_user().ok();
    let mut layers: Vec<std::path::PathBuf> = rec.layers.iter().map(|l| engine.store.layer_diff(l)).collect();
    layers.push(store.dir(&rec.id).join("diff"));
    // Confined read: the container may have made its /etc/passwd a link to a host file or a FIFO.
    let passwd = crate::container::spec::image_file(&layers, "/etc/passwd").ok().flatten().unwrap_or_default();
    let to_container_uid = |host: u32| -> String {
        let id = idmap.as_ref().and_then(|m| m.uids.iter().find(|l| host >= l.outside && host < l.outside + l.count).map(|l| l.inside + host - l.outside));
        match id {
            Some(id) => passwd.lines().find_map(|l| {
                let f: Vec<&str> = l.split(':').collect();
                (f.len() > 2 && f[2] == id.to_string()).then(|| f[0].to_string())
            }).unwrap_or_else(|| id.to_string()),
            None => host.to_string(),
        }
    };
    // Every process in the container's pid namespace that we may look at, plus
    // the descendants of its first process.
    let target_ns = std::fs::read_link(format!("/proc/{}/ns/pid", init.pid)).ok();
    let mut pids = vec![init.pid];
    if let (Some(ns), Ok(rd)) = (&target_ns, std::fs::read_dir("/proc")) {
        for e in rd.flatten() {
            if let Ok(p) = e.file_name().to_string_lossy().parse::<i32>() {
                if p != init.pid && std::fs::read_link(format!("/proc/{p}/ns/pid")).ok().as_ref() == Some(ns) {
                    pids.push(p);
                }
            }
        }
    }
    let mut i = 0;
    while i < pids.len() {
        let p = pids[i];
        if let Ok(tasks) = std::fs::read_dir(format!("/proc/{p}/task")) {
            for t in tasks.flatten() {
                if let Ok(ch) = std::fs::read_to_string(t.path().join("children")) {
                    for c in ch.split_whitespace().filter_map(|c| c.parse::<i32>().ok()) {
                        if !pids.contains(&c) {
                            pids.push(c);
                        }
                    }
                }
            }
        }
        i += 1;
    }
    let ticks = 100f64;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime").ok().and_then(|s| s.split_whitespace().next()?.parse().ok()).unwrap_or(0.0);
    let mut rows = vec![["USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"].map(String::from).to_vec()];
    for p in pids {
        let Ok(status) = std::fs::read_to_string(format!("/proc/{p}/status")) else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat")) else { continue };
        let field = |k: &str| status.lines().find_map(|l| l.strip_prefix(k)).map(|v| v.trim().to_string()).unwrap_or_default();
        let nspid = field("NSpid:").split_whitespace().last().unwrap_or("?").to_string();
        let ppid_host: i32 = field("PPid:").parse().unwrap_or(0);
        let ppid = std::fs::read_to_string(format!("/proc/{ppid_host}/status")).ok().and_then(|s| s.lines().find_map(|l| l.strip_prefix("NSpid:")).map(|v| v.split_whitespace().last().unwrap_or("0").to_string()));
        let ppid = if p == init.pid { "0".to_string() } else { ppid.unwrap_or_else(|| "0".into()) };
        let uid: u32 = field("Uid:").split_whitespace().next().and_then(|u| u.parse().ok()).unwrap_or(0);
        let rest: Vec<&str> = stat[stat.rfind(')').map(|i| i + 2).unwrap_or(0)..].split_whitespace().collect();
        let num = |i: usize| rest.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
        let cpu_secs = (num(11) + num(12)) / ticks;
        let elapsed = (uptime - num(19) / ticks).max(0.0);
        let pct = if elapsed > 0.0 { 100.0 * cpu_secs / elapsed } else { 0.0 };
        let cmd = std::fs::read(format!("/proc/{p}/cmdline")).map(|c| String::from_utf8_lossy(&c).replace('\0', " ").trim().to_string()).unwrap_or_default();
        let t = cpu_secs as u64;
        rows.push(vec![
            to_container_uid(uid),
            nspid,
            ppid,
            format!("{pct:.3}"),
            format!("{}s", elapsed as u64),
            "?".into(),
            format!("{}h{}m{}s", t / 3600, t / 60 % 60, t % 60),
            cmd,
        ]);
    }
    out(&output::table(&rows))
}

/// `unshare`: run a command in rpod's user namespace (this process is already in it).
pub fn cmd_unshare(engine: &Engine, a: &super::UnshareArgs) -> Result<i32> {
    use std::os::unix::process::CommandExt;
    let argv: Vec<String> = if a.command.is_empty() { vec![std::env::var("SHELL").unwrap_or_else(|_| "/bin/sh".into())] } else { a.command.clone() };
    let err = std::process::Command::new(&argv[0])
        .args(&argv[1..])
        .env("_CONTAINERS_USERNS_CONFIGURED", "done")
        .env("_CONTAINERS_ROOTLESS_UID", engine.idmap.as_ref().and_then(|m| m.uids.first()).map(|l| l.outside).unwrap_or(0).to_string())
        .env("RPOD_ROOT", &engine.paths.root)
        .exec();
    let code = if err.kind() == std::io::ErrorKind::NotFound { 127 } else { 126 };
    Err(anyhow!(ExitError::new(code, format!("{}: {err}", argv[0]))))
}

/// `pause` / `unpause`: cgroup v2 freezer on the container's own cgroup.
pub fn cmd_pause(engine: &Engine, a: &NamesArgs, pause: bool) -> Result<i32> {
    let store = ctr::containers(engine)?;
    for n in &a.containers {
        let rec = ctr::find(engine, n)?;
        let st = store.state(&rec.id)?;
        let (want, verb) = if pause { (Status::Running, "pause") } else { (Status::Paused, "unpause") };
        if st.status != want {
            bail!("\"{}\" is not {}, can't {verb}: container state improper", rec.name, if pause { "running" } else { "paused" });
        }
        let Some(path) = &st.cgroup else {
            // Say why there is no cgroup: no delegated subtree.
            let why = crate::cgroups::delegated().err().map(|e| format!("{e:#}")).unwrap_or_else(|| "the container was started without a cgroup of its own".into());
            bail!("cannot {verb} container {}: {why}", rec.name);
        };
        crate::cgroups::Cgroup::open(path).freeze(pause)?;
        store.update_state(&rec.id, |s| s.status = if pause { Status::Paused } else { Status::Running })?;
        out(&format!("{}\n", rec.id))?;
    }
    Ok(0)
}

//! Container commands: flags to engine calls, results to Podman-shaped output.

use std::io::{IsTerminal, Read, Write};
use std::os::fd::AsFd;

use anyhow::{anyhow, bail, Context, Result};
use serde_json::{json, Value};

use super::output::{self, Template};
use super::{KillArgs, LogsArgs, NamesArgs, PsArgs, RmArgs, RunArgs, StartArgs, StopArgs};
use crate::container::spec::ProcessOptions;
use crate::container::{RestartPolicy, Status};
use crate::engine::container::{self as ctr, CreateOptions};
use crate::engine::{Engine, Error};
use crate::error::ExitError;
use crate::monitor::attach::{read_frame, write_frame, Frame};

fn out(s: &str) -> Result<i32> {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(s.as_bytes());
    let _ = o.flush();
    Ok(0)
}

pub fn create_options(a: &RunArgs) -> Result<CreateOptions> {
    let env = a.env.clone();
    let mut seccomp = None;
    let mut seccomp_profile = None;
    let mut nnp = false;
    for o in &a.security_opt {
        match o.split_once(['=', ':']) {
            Some(("seccomp", "unconfined")) => (seccomp, seccomp_profile) = (Some(None), None),
            Some(("seccomp", file)) => (seccomp, seccomp_profile) = (None, Some(std::path::PathBuf::from(file))),
            None if o == "no-new-privileges" => nnp = true,
            Some(("no-new-privileges", v)) => nnp = v != "false",
            _ => bail!("unsupported --security-opt {o:?}: use seccomp=FILE, seccomp=unconfined or no-new-privileges"),
        }
    }
    let mut labels: Vec<(String, String)> = a
        .label
        .iter()
        .map(|l| match l.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (l.clone(), String::new()),
        })
        .collect();
    // As Podman: a container made inside a systemd unit (Quadlet and
    // `generate systemd` set the variable) is labelled with that unit, which
    // is how `auto-update` finds the unit to restart.
    if let Some(unit) = std::env::var("PODMAN_SYSTEMD_UNIT").ok().filter(|u| !u.is_empty()) {
        if !labels.iter().any(|(k, _)| k == "PODMAN_SYSTEMD_UNIT") {
            labels.push(("PODMAN_SYSTEMD_UNIT".into(), unit));
        }
    }
    Ok(CreateOptions {
        start_now: false,
        env_files: a.env_file.clone(),
        seccomp_profile,
        replace: a.replace,
        rootfs: a.rootfs,
        cgroups_disabled: match a.cgroups.as_str() {
            "enabled" | "split" | "no-conmon" => false,
            "disabled" => true,
            other => bail!("invalid --cgroups {other:?}: use enabled, disabled, no-conmon or split"),
        },
        cgroups_monitor_stays: matches!(a.cgroups.as_str(), "split" | "no-conmon"),
        cgroup_parent: a.cgroup_parent.clone(),
        cgroup_manager: None, // the engine's (--cgroup-manager, containers.conf, the host)
        cgroupns_host: a.cgroupns.as_deref() == Some("host"),
        sdnotify: crate::systemd::notify::Mode::parse(&a.sdnotify).map_err(|e| anyhow!(e))?,
        // Under a Type=notify unit systemd says where readiness goes.
        notify_socket: std::env::var("NOTIFY_SOCKET").ok().filter(|s| !s.is_empty()),
        create_command: std::env::args().skip(1).collect(),
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
            mounts: Vec::new(), // resolved by the engine from `mounts` below
            sysctl: Default::default(),
            resources: None,
            rlimits: None, // from `ulimits` below, by the engine
            oom_score_adj: a.oom_score_adj,
            no_passwd: !a.passwd,
            passwd_entry: a.passwd_entry.clone(),
            ..Default::default() // containers.conf's defaults: the engine fills them
        },
        ulimits: a.ulimit.clone(),
        interactive: a.interactive,
        remove: a.rm || a.rmi,
        labels,
        restart: RestartPolicy::parse(&a.restart)?,
        network: a.network.clone(),
        hostname: a.hostname.clone(),
        mounts: mount_requests(a)?,
        userns: a.userns.clone(),
        uidmap: a.uidmap.clone(),
        gidmap: a.gidmap.clone(),
        subuidname: a.subuidname.clone(),
        subgidname: a.subgidname.clone(),
        volumes_from: a.volumes_from.clone(),
        publish: a.publish.clone(),
        publish_all: a.publish_all,
        expose: a.expose.clone(),
        dns: a.dns.clone(),
        dns_search: a.dns_search.clone(),
        dns_option: a.dns_option.clone(),
        add_host: a.add_host.clone(),
        no_hosts: a.no_hosts,
        sysctl: a.sysctl.clone(),
        limits: a.limits.options(),
        requires: a.requires.iter().filter(|r| !r.is_empty()).cloned().collect(),
        log: crate::container::log::LogConfig::parse(&a.log_driver, &a.log_opt).map_err(|e| anyhow!(e))?,
        timezone: a.tz.clone(),
        namespaces: crate::container::namespaces::Namespaces { pid: a.pid.clone(), ipc: a.ipc.clone(), uts: a.uts.clone() },
        umask: a.umask.clone(),
        log_driver_given: !a.log_driver.is_empty(),
        shm_size_given: a.shm_size.is_some(),
        extras: {
            let x = crate::engine::lifecycle::Extras {
                stop_signal: a.stop_signal.clone(),
                stop_timeout: a.stop_timeout,
                unsetenv: a.unsetenv.clone(),
                unsetenv_all: a.unsetenv_all,
                env_host: a.env_host,
                label_files: a.label_file.clone(),
                annotations: a
                    .annotation
                    .iter()
                    .map(|s| s.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())).ok_or_else(|| anyhow!("invalid --annotation {s:?}: use KEY=VALUE")))
                    .collect::<Result<_>>()?,
                pidfile: a.pidfile.as_deref().map(std::path::absolute).transpose().context("--pidfile")?,
                group_add: a.group_add.clone(),
            };
            x.check()?;
            x
        },
    })
}

/// `-v`, `--mount` and `--tmpfs` as mount requests.
fn mount_requests(a: &RunArgs) -> Result<Vec<crate::container::mounts::MountRequest>> {
    use crate::container::mounts;
    let mut v = Vec::new();
    for s in &a.volume {
        v.push(mounts::parse_volume(s).map_err(|e| anyhow!(e))?);
    }
    for s in &a.mount {
        v.push(mounts::parse_mount(s).map_err(|e| anyhow!(e))?);
    }
    for s in &a.tmpfs {
        v.push(mounts::parse_tmpfs(s).map_err(|e| anyhow!(e))?);
    }
    let tmpfs = |dest: &str, opts: &[&str]| mounts::MountRequest {
        kind: mounts::MountKind::Tmpfs,
        destination: dest.into(),
        options: opts.iter().map(|o| o.to_string()).collect(),
        ..Default::default()
    };
    if let Some(size) = &a.shm_size {
        let n = crate::engine::limits::parse_bytes(size).map_err(|e| anyhow!("--shm-size: {e}"))?;
        if n == 0 {
            bail!("--shm-size: the size must be more than 0");
        }
        if !v.iter().any(|m| m.destination == "/dev/shm") {
            v.push(tmpfs("/dev/shm", &["nosuid", "noexec", "nodev", "mode=1777", &format!("size={n}")]));
        }
    }
    if a.read_only && a.read_only_tmpfs {
        // Podman's default with --read-only: writable scratch space.
        for d in ["/run", "/tmp", "/var/tmp"] {
            if !v.iter().any(|m| m.destination == d) {
                v.push(tmpfs(d, &["nosuid", "nodev", "mode=1777"]));
            }
        }
    }
    Ok(v)
}

/// Flags checked, image present (pulled if missing), container created.
fn create_from_flags(engine: &mut Engine, a: &RunArgs, start_now: bool) -> Result<crate::container::ContainerRecord> {
    let o = CreateOptions { start_now, ..create_options(a)? };
    if o.replace && o.name.is_none() {
        bail!("cannot replace container without --name being set");
    }
    // As Podman: the ID file is claimed before the container exists, and
    // given back if it is not made.
    let cidfile = match &a.cidfile {
        Some(p) => Some(CidFile::claim(p)?),
        None => None,
    };
    if a.rootfs && a.rmi {
        bail!(crate::engine::Error::bad_input("--rmi cannot be used with --rootfs: the container has no image"));
    }
    if !a.rootfs {
        use crate::engine::pull::{ensure_policy, PullOptions, PullPolicy};
        let po = PullOptions {
            quiet: false,
            tls_verify: a.tls_verify,
            platform: crate::image::platform::Platform::from_flags(a.platform.as_deref(), a.os.as_deref(), a.arch.as_deref(), a.variant.as_deref())?,
            authfile: a.authfile.clone(),
            creds: None,
            progress: if a.quiet { None } else { Some(super::progress::TerminalProgress::shared(false)) },
        };
        ensure_policy(engine, &a.image, PullPolicy::parse(&a.pull)?, &po)?;
    }
    if engine.driver == "vfs" || o.replace {
        engine.ensure_content_access()?; // the copy keeps the layers' owners; replacing removes
    }
    if let (true, Some(name)) = (o.replace, &o.name) {
        ctr::replace(engine, name)?;
    }
    let rec = ctr::create(engine, &o)?;
    if let Some(c) = cidfile {
        c.write(&rec.id)?;
    }
    Ok(rec)
}

/// `--cidfile`: created exclusively, removed again unless written.
struct CidFile {
    path: std::path::PathBuf,
    file: Option<std::fs::File>,
}

impl CidFile {
    fn claim(path: &std::path::Path) -> Result<CidFile> {
        let file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                anyhow!("container id file exists. Ensure another container is not using it or delete {}", path.display())
            } else {
                anyhow!("opening container id file {}: {e}", path.display())
            }
        })?;
        Ok(CidFile { path: path.to_path_buf(), file: Some(file) })
    }

    fn write(mut self, id: &str) -> Result<()> {
        let mut f = self.file.take().expect("claimed");
        f.write_all(id.as_bytes()).with_context(|| format!("writing the container ID to {}", self.path.display()))
    }
}

impl Drop for CidFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

pub fn cmd_create(engine: &mut Engine, a: &RunArgs) -> Result<i32> {
    let rec = create_from_flags(engine, a, false)?;
    out(&format!("{}\n", rec.id))
}

pub fn cmd_run(engine: &mut Engine, a: &RunArgs) -> Result<i32> {
    if !a.sig_proxy {
        bail!(crate::engine::Error::bad_input("rpod run --sig-proxy=false is not supported: rpod always forwards signals to an attached container"));
    }
    if a.rmi {
        // Removing the image needs the user namespace: entered now, while single-threaded.
        engine.ensure_content_access()?;
    }
    let rec = create_from_flags(engine, a, true)?;
    let started = match ctr::start_record(engine, &rec, !a.detach) {
        Ok(s) => s,
        Err(e) => {
            if a.rm || a.rmi {
                let _ = remove_quietly(engine, &rec.id);
            }
            return Err(e.into());
        }
    };
    if a.detach {
        return out(&format!("{}\n", rec.id));
    }
    let sock = started.attach.context("no attach socket")?;
    let proxy = ctr::Signaller::new(engine, &rec.id)?;
    // passthrough: the container reads rpod's stdin itself.
    let relay_stdin = a.interactive && o_log_driver(&rec) != crate::container::log::LogDriver::Passthrough;
    let code = attach_loop(sock, relay_stdin, a.tty, &|s| proxy.send(s))?;
    if a.rm || a.rmi {
        // Anonymous volumes are removed after the record, by the monitor's
        // `rm -v`: wait for the monitor too, as Podman returns once they are gone.
        if rec.options.as_ref().is_some_and(|o| o.mounts.iter().any(|m| m.anonymous)) {
            if let Some(m) = started.monitor {
                m.wait();
            }
        }
        ctr::wait_removed(engine, &rec.id)?;
    }
    if a.rmi {
        // As Podman: kept when another container uses it.
        let _ = crate::engine::images::rmi(engine, std::slice::from_ref(&a.image), false, false);
    }
    Ok(code)
}

fn o_log_driver(rec: &crate::container::ContainerRecord) -> crate::container::log::LogDriver {
    rec.options.as_ref().map(|o| o.log.driver).unwrap_or_default()
}

fn remove_quietly(engine: &mut Engine, id: &str) -> Result<()> {
    engine.ensure_content_access()?;
    ctr::remove_with_volumes(engine, id, true, true)?;
    Ok(())
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

/// The newest container's ID (Podman's `--latest`).
pub(super) fn latest_id(engine: &Engine) -> Result<String> {
    let o = ctr::PsOptions { all: true, last: Some(1), ..Default::default() };
    match ctr::ps(engine, &o)?.into_iter().next() {
        Some(s) => Ok(s.id),
        None => Err(anyhow!(Error::NoSuchContainer("no containers to act on (--latest)".into()))),
    }
}

/// The containers a command names, or with `--latest` the newest one.
pub(super) fn targets(engine: &Engine, names: &[String], latest: bool) -> Result<Vec<String>> {
    if latest {
        return Ok(vec![latest_id(engine)?]);
    }
    Ok(names.to_vec())
}

/// The one container a command names, or with `--latest` the newest one.
pub fn target(engine: &Engine, name: Option<&String>, latest: bool) -> Result<String> {
    match name {
        Some(n) if !latest => Ok(n.clone()),
        _ => latest_id(engine),
    }
}

pub fn cmd_start(engine: &mut Engine, a: &StartArgs) -> Result<i32> {
    let names = targets(engine, &a.containers, a.latest)?;
    if a.attach && names.len() > 1 {
        bail!("you cannot start and attach multiple containers at once");
    }
    let mut code = 0;
    for name in &names {
        let rec = ctr::find(engine, name)?;
        match ctr::start_record(engine, &rec, a.attach) {
            Err(Error::InvalidState(_)) => {
                // Already running: Podman prints the name (unless attaching) and carries on.
                if !a.attach {
                    out(&format!("{name}\n"))?;
                }
            }
            Err(e) => return Err(e.into()),
            Ok(s) if a.attach => {
                let proxy = ctr::Signaller::new(engine, &s.id)?;
                code = attach_loop(s.attach.context("no attach socket")?, a.interactive, rec.tty, &|sig| proxy.send(sig))?;
            }
            Ok(_) => {
                out(&format!("{name}\n"))?;
            }
        }
    }
    Ok(code)
}

/// Podman's STATUS text.
pub fn status_text(s: &ctr::Summary) -> String {
    use super::output::{human_duration, since};
    match s.state {
        Status::Created => "Created".into(),
        Status::Initialized => "Initialized".into(),
        Status::Running | Status::Stopping => {
            let d = s
                .started_at
                .as_deref()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| chrono::Utc::now().signed_duration_since(t).to_std().unwrap_or_default())
                .unwrap_or_default();
            format!("Up {}", human_duration(d))
        }
        Status::Paused => "Paused".into(),
        Status::Exited => format!("Exited ({}) {}", s.exit_code.unwrap_or(0), since(s.finished_at.as_deref())),
    }
}

/// Unix seconds of an RFC 3339 time; Go's zero time when there is none.
fn unix(t: Option<&str>) -> i64 {
    t.and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()).map(|t| t.timestamp()).unwrap_or(-62135596800)
}

/// `ps --format json`: Podman's `ListContainer` shape (jq scripts written for
/// Podman read `.[].Names[0]`, `.[].State`, `.[].Labels`...).
fn ps_json(s: &ctr::Summary) -> Value {
    json!({
        "AutoRemove": false,
        "Command": s.command,
        "CreatedAt": output::since(Some(&s.created)),
        "Exited": s.state == Status::Exited,
        "ExitedAt": unix(s.finished_at.as_deref()),
        "ExitCode": s.exit_code.unwrap_or(0),
        "Id": s.id,
        "Image": s.image,
        "ImageID": s.image_id,
        "IsInfra": false,
        "Labels": s.labels,
        "Mounts": [],
        "Names": [s.name],
        "Namespaces": {},
        "Networks": [],
        "Pid": s.pid,
        "Pod": "",
        "PodName": "",
        "Ports": null,
        "Restarts": s.restart_count,
        "Size": s.size,
        "StartedAt": unix(s.started_at.as_deref()),
        "State": s.state.as_str(),
        "Status": status_text(s),
        "Created": unix(Some(&s.created)),
    })
}

/// Column titles Podman gives `ps` fields.
const PS_HEADERS: &[(&str, &str)] = &[("ID", "CONTAINER ID"), ("Id", "CONTAINER ID"), ("CreatedHuman", "CREATED"), ("Created", "CREATED")];

/// One `ps` row as Podman's templates see it (`psReporter`): `.Names` is the
/// name, `.Command` a string, `.Created`/`.CreatedAt` Go times. `.State` is
/// the state (`running`), as in Podman 5 and Docker; `.Status` the text.
fn ps_id(s: &ctr::Summary, no_trunc: bool) -> String {
    if no_trunc {
        s.id.clone()
    } else {
        crate::container::short_id(&s.id).to_string()
    }
}

/// `ps`'s COMMAND column: the command line, cut at 17 characters.
fn ps_command(cmd: &str, no_trunc: bool) -> String {
    if no_trunc || cmd.chars().count() <= 17 {
        cmd.to_string()
    } else {
        format!("{}...", cmd.chars().take(17).collect::<String>())
    }
}

/// The default table's columns, straight from the summary (the full
/// template row of [`ps_row`] costs ~30 allocations a container).
fn ps_columns(s: &ctr::Summary, no_trunc: bool) -> Vec<String> {
    vec![
        ps_id(s, no_trunc),
        s.image.clone(),
        ps_command(&s.command.join(" "), no_trunc),
        output::since(Some(&s.created)),
        status_text(s),
        crate::network::ports::ps_column(&s.ports),
        s.name.clone(),
    ]
}

/// The template row of `s` (`psReporter`), with only the fields in `want`
/// when the template says which it reads (`Template::field_names`): a full
/// row is ~30 allocations, two `since` and two Go times per container.
fn ps_row(s: &ctr::Summary, no_trunc: bool, want: Option<&std::collections::BTreeSet<&str>>) -> Value {
    let mut m = serde_json::Map::new();
    let mut put = |k: &str, v: &dyn Fn() -> Value| {
        if want.is_none_or(|w| w.contains(k)) {
            m.insert(k.to_string(), v());
        }
    };
    let cmd = || s.command.join(" ");
    put("Created", &|| json!(output::go_time(Some(&s.created))));
    put("RunningFor", &|| json!(output::since(Some(&s.created))));
    put("Mounts", &|| json!([]));
    put("Networks", &|| json!([]));
    put("Pod", &|| json!(""));
    put("PodName", &|| json!(""));
    put("Namespaces", &|| json!({}));
    put("Exited", &|| json!(s.state == Status::Exited));
    put("ExitedAt", &|| json!(unix(s.finished_at.as_deref())));
    put("StartedAt", &|| json!(unix(s.started_at.as_deref())));
    put("AutoRemove", &|| json!(false));
    put("IsInfra", &|| json!(false));
    put("Restarts", &|| json!(s.restart_count));
    put("ID", &|| json!(ps_id(s, no_trunc)));
    put("Id", &|| json!(s.id));
    put("Image", &|| json!(s.image));
    put("ImageID", &|| json!(if no_trunc { s.image_id.clone() } else { crate::container::short_id(&s.image_id).to_string() }));
    put("Command", &|| json!(ps_command(&cmd(), no_trunc)));
    put("FullCommand", &|| json!(cmd()));
    put("CreatedHuman", &|| json!(output::since(Some(&s.created))));
    put("CreatedAt", &|| json!(output::go_time(Some(&s.created))));
    put("Status", &|| json!(status_text(s)));
    put("State", &|| json!(s.state.as_str()));
    put("Ports", &|| json!(crate::network::ports::ps_column(&s.ports)));
    put("Names", &|| json!(s.name));
    put("Labels", &|| json!(s.labels));
    put("ExitCode", &|| json!(s.exit_code.unwrap_or(0)));
    put("Pid", &|| json!(s.pid));
    put("Size", &|| json!(ps_size(s)));
    Value::Object(m)
}

/// `ps --size`'s SIZE: `RW (virtual ROOTFS)` in go-units' 3-digit form
/// without a space (`12B (virtual 4.26MB)`), as Podman's psReporter; empty
/// without `--size`.
fn ps_size(s: &ctr::Summary) -> String {
    match &s.size {
        Some(z) => format!("{} (virtual {})", output::human_size(z.rw_size).replace(' ', ""), output::human_size(z.root_fs_size).replace(' ', "")),
        None => String::new(),
    }
}

/// `ps --sort`, as Podman's: newest first for `created`, else ascending.
fn sort_ps(list: &mut [ctr::Summary], key: &str) {
    match key {
        "command" => list.sort_by(|a, b| a.command.cmp(&b.command)),
        "id" => list.sort_by(|a, b| a.id.cmp(&b.id)),
        "image" => list.sort_by(|a, b| a.image.cmp(&b.image)),
        "names" => list.sort_by(|a, b| a.name.cmp(&b.name)),
        "status" => list.sort_by(|a, b| a.state.as_str().cmp(b.state.as_str())),
        "size" => list.sort_by_key(|s| s.size.map(|z| z.rw_size).unwrap_or(0)),
        "runningfor" => list.sort_by(|a, b| b.created.cmp(&a.created)),
        // The engine lists newest first already.
        _ => {}
    }
}

pub fn cmd_ps(engine: &Engine, a: &PsArgs) -> Result<i32> {
    let mut filters: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for f in &a.filter {
        let (k, v) = f.split_once('=').ok_or_else(|| anyhow!("invalid filter {f:?}: expected KEY=VALUE"))?;
        // `until` as a time: RFC 3339, Unix seconds or a duration before now.
        let v = if k == "until" { parse_time(v)?.to_rfc3339() } else { v.to_string() };
        filters.entry(k.to_string()).or_default().push(v);
    }
    // A template naming .Size needs the sizes, as `--size` does.
    let size = a.size || a.format.as_deref().is_some_and(|f| f.contains(".Size"));
    let o = ctr::PsOptions { all: a.all, last: if a.latest { Some(1) } else { a.last }, filters, size };
    let mut list = ctr::ps(engine, &o)?;
    sort_ps(&mut list, &a.sort);
    if a.quiet {
        return out(&list.iter().map(|s| format!("{}\n", ps_id(s, a.no_trunc))).collect::<String>());
    }
    match a.format.as_deref() {
        Some(f) if super::template::is_json(f) => {
            let mut s = serde_json::to_string_pretty(&list.iter().map(ps_json).collect::<Vec<_>>())?;
            s.push('\n');
            out(&s)
        }
        Some(f) => {
            let t = Template::parse("ps", f)?.ranged().go_type("", "containers.psReporter");
            let want = t.field_names();
            let rows: Vec<Value> = list.iter().map(|s| ps_row(s, a.no_trunc, want.as_ref())).collect();
            output::print_rows_owned(&t, rows, PS_HEADERS, a.noheading)
        }
        None => {
            let mut t = vec![["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"].map(String::from).to_vec()];
            if a.size {
                t[0].push("SIZE".into());
            }
            if a.noheading {
                t.clear();
            }
            t.extend(list.iter().map(|s| {
                let mut row = ps_columns(s, a.no_trunc);
                if a.size {
                    row.push(ps_size(s));
                }
                row
            }));
            out(&output::table(&t))
        }
    }
}

pub fn cmd_stop(engine: &Engine, a: &StopArgs) -> Result<i32> {
    let mut names: Vec<String> = if a.all { ctr::all_ids(engine)? } else { targets(engine, &a.containers, a.latest)? };
    for f in &a.cidfile {
        match read_cidfile(f) {
            Ok(id) => names.push(id),
            Err(_) if a.ignore => {}
            Err(e) => return Err(e),
        }
    }
    for n in &names {
        match ctr::stop(engine, n, a.time) {
            Err(Error::NoSuchContainer(_)) if a.ignore => continue,
            r => r?,
        };
        out(&format!("{n}\n"))?;
    }
    Ok(0)
}

pub fn cmd_kill(engine: &Engine, a: &KillArgs) -> Result<i32> {
    let sig = ctr::parse_signal(&a.signal)?;
    let mut names: Vec<String> = if a.all {
        let o = ctr::PsOptions { all: false, ..Default::default() };
        ctr::ps(engine, &o)?.into_iter().map(|s| s.id).collect()
    } else {
        targets(engine, &a.containers, a.latest)?
    };
    for f in &a.cidfile {
        names.push(read_cidfile(f)?);
    }
    for n in &names {
        ctr::kill(engine, n, sig)?;
        out(&format!("{n}\n"))?;
    }
    Ok(0)
}

pub fn cmd_rm(engine: &Engine, a: &RmArgs) -> Result<i32> {
    ctr::remove_debris(engine)?;
    // What to print: the name or ID as given, as Podman does; IDs for -a.
    let mut names: Vec<String> = if a.all { ctr::all_ids(engine)? } else { targets(engine, &a.containers, a.latest)? };
    for f in &a.cidfile {
        match read_cidfile(f) {
            Ok(id) => names.push(id),
            Err(_) if a.ignore => {}
            Err(e) => return Err(e),
        }
    }
    if a.depend || a.all {
        // Those that require a container go first (each once).
        let mut ordered: Vec<String> = Vec::new();
        for n in &names {
            match crate::engine::lifecycle::removal_order(engine, n) {
                Ok(order) => {
                    for id in order {
                        let shown = if ctr::find(engine, n).is_ok_and(|r| r.id == id) { n.clone() } else { id };
                        if !ordered.contains(&shown) {
                            ordered.push(shown);
                        }
                    }
                }
                Err(_) => ordered.push(n.clone()), // reported below
            }
        }
        names = ordered;
    }
    let mut code = 0;
    for n in &names {
        if let (true, Some(t)) = (a.force, a.time) {
            // Podman's -t: give a running container that long to stop.
            match ctr::stop(engine, n, Some(t)) {
                Ok(_) | Err(Error::InvalidState(_)) | Err(Error::NoSuchContainer(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        match ctr::remove_with_volumes(engine, n, a.force, a.volumes) {
            Ok(_) => {
                out(&format!("{n}\n"))?;
            }
            Err(Error::NoSuchContainer(_)) if a.force || a.ignore => {}
            Err(e @ Error::NoSuchContainer(_)) if names.len() == 1 => return Err(anyhow!(ExitError::new(1, e.to_string()))),
            Err(e) => {
                eprintln!("Error: {e:#}");
                code = match &e {
                    Error::NoSuchContainer(_) => 1,
                    Error::InvalidState(_) => 2,
                    _ => super::exit_code_for_engine(&e),
                };
            }
        }
    }
    if code == 0 {
        // As Podman: the ID file goes with its container, so the next
        // `run --cidfile` of a systemd unit can claim it again.
        for f in &a.cidfile {
            if std::fs::symlink_metadata(f).is_ok_and(|m| m.is_file()) {
                let _ = std::fs::remove_file(f);
            }
        }
    }
    Ok(code)
}

/// A container ID from a `--cidfile` (one line, as `create --cidfile` writes
/// it). Capped and regular files only: the path is the user's, but a FIFO or
/// /dev/zero must not hang or exhaust rpod.
fn read_cidfile(path: &std::path::Path) -> Result<String> {
    use std::os::unix::fs::OpenOptionsExt;
    let f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .with_context(|| format!("reading CIDFile {}", path.display()))?;
    if !f.metadata()?.is_file() {
        bail!("reading CIDFile {}: not a regular file", path.display());
    }
    let mut text = String::new();
    f.take(4096).read_to_string(&mut text).with_context(|| format!("reading CIDFile {}", path.display()))?;
    let id = text.trim();
    if id.is_empty() {
        bail!("reading CIDFile {}: empty", path.display());
    }
    Ok(id.to_string())
}

/// Parse `--since`/`--until`: RFC 3339 or a Go duration before now (10m, 1h30m, 45s).
pub(super) fn parse_time(s: &str) -> Result<chrono::DateTime<chrono::FixedOffset>> {
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
    use crate::engine::logs::{self, LogsOptions, Stream};
    let o = LogsOptions {
        since: a.since.as_deref().map(parse_time).transpose()?,
        until: a.until.as_deref().map(parse_time).transpose()?,
        tail: a.tail,
        follow: a.follow,
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let name = target(engine, a.container.as_ref(), a.latest)?;
    logs::logs(engine, &name, &o, &mut |l| {
        let mut buf = Vec::with_capacity(l.text.len() + 40);
        if a.timestamps {
            buf.extend_from_slice(l.timestamp.as_bytes());
            buf.push(b' ');
        }
        buf.extend_from_slice(&l.text);
        if !l.partial {
            buf.push(b'\n');
        }
        match l.stream {
            Stream::Stdout => {
                let mut o = stdout.lock();
                o.write_all(&buf)?;
                o.flush()
            }
            Stream::Stderr => stderr.lock().write_all(&buf),
        }
    })?;
    Ok(0)
}

pub fn cmd_wait(engine: &Engine, a: &NamesArgs) -> Result<i32> {
    for n in &targets(engine, &a.containers, a.latest)? {
        let code = ctr::wait(engine, n)?;
        out(&format!("{code}\n"))?;
    }
    Ok(0)
}

pub fn cmd_container_exists(engine: &Engine, name: &str) -> Result<i32> {
    if ctr::exists(engine, name)? {
        Ok(0)
    } else {
        Err(anyhow!(ExitError::silent(1)))
    }
}

pub fn cmd_exec(engine: &Engine, a: &super::ExecArgs) -> Result<i32> {
    if a.command.is_empty() {
        // Podman's words and class (125) for `exec CTR` alone.
        return Err(Error::bad_input("must provide a non-empty command to start an exec session: invalid argument").into());
    }
    let o = ctr::ExecOptions {
        args: a.command.clone(),
        env: a.env.clone(),
        env_files: a.env_file.clone(),
        user: a.user.clone(),
        workdir: a.workdir.clone(),
        interactive: a.interactive,
        tty: a.tty,
        detach: a.detach,
    };
    let session = ctr::exec(engine, &a.container, &o)?;
    match session.streams {
        Some(ctr::ExecStreams::Pty(master)) => relay_pty(master, session.pid, &session.exited, a.interactive),
        Some(ctr::ExecStreams::Pipes { stdin, stdout, stderr }) => relay_pipes(stdin, stdout, stderr, session.pid, &session.exited),
        // Detached: Podman prints nothing for `exec -d` (its session ID is internal).
        None if a.detach => Ok(0),
        None => Ok(ctr::wait_exec(session.pid)?),
    }
}

/// Relay our stdin to the exec'd process's stdin pipe (with `-i`) and its
/// output pipes to our stdout and stderr until it exits and its output is
/// drained (a background process keeping the pipes open gets 200 ms).
/// `exited` (the process's pidfd) wakes the poll when the process ends: no
/// timer, so nothing waits once both the pipes and the process are done.
fn relay_pipes(
    stdin_pipe: Option<std::os::fd::OwnedFd>,
    stdout: std::os::fd::OwnedFd,
    stderr: std::os::fd::OwnedFd,
    child: nix::unistd::Pid,
    exited: &std::os::fd::OwnedFd,
) -> Result<i32> {
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
        let stdin_at = input.as_ref().map(|_| {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
            fds.len() - 1
        });
        let exit_at = exit.is_none().then(|| {
            fds.push(PollFd::new(exited.as_fd(), PollFlags::POLLIN));
            fds.len() - 1
        });
        let timeout = if exit.is_some() { PollTimeout::from(200u16) } else { PollTimeout::NONE };
        let n = match poll(&mut fds, timeout) {
            Ok(n) => n,
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => bail!("relaying the exec streams: {e}"),
        };
        if n == 0 && exit.is_some() {
            break;
        }
        let ready: Vec<bool> = fds.iter().map(|f| f.revents().is_some_and(|r| !r.is_empty())).collect();
        drop(fds);
        let stdin_ready = stdin_at.is_some_and(|i| ready[i]);
        let ended = exit_at.is_some_and(|i| ready[i]);
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
        if ended {
            // The pidfd is readable: the process has exited, so this wait returns at once.
            exit = Some(ctr::wait_exec(child)?);
        }
    }
    Ok(exit.unwrap_or(0))
}

/// Relay a local terminal and a pty master until `child` exits (its pidfd
/// `exited` turns readable), then copy what the terminal still holds.
fn relay_pty(master: std::os::fd::OwnedFd, child: nix::unistd::Pid, exited: &std::os::fd::OwnedFd, interactive: bool) -> Result<i32> {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let _raw = RawMode::enable(interactive);
    if let Some((r, c)) = window_size() {
        let ws = libc::winsize { ws_row: r, ws_col: c, ws_xpixel: 0, ws_ypixel: 0 };
        // SAFETY: TIOCSWINSZ reads one winsize struct.
        unsafe { libc::ioctl(std::os::fd::AsRawFd::as_raw_fd(&master), libc::TIOCSWINSZ, &ws) };
    }
    let stdin = std::io::stdin();
    let mut stdin_open = interactive;
    let mut master_open = true;
    let mut buf = vec![0u8; 32 * 1024];
    let copy_out = |buf: &mut [u8]| -> bool {
        match nix::unistd::read(&master, buf) {
            Ok(n) if n > 0 => {
                let mut o = std::io::stdout().lock();
                let _ = o.write_all(&buf[..n]);
                let _ = o.flush();
                true
            }
            // EIO once no process holds the terminal's other side.
            _ => false,
        }
    };
    loop {
        let mut fds = vec![PollFd::new(exited.as_fd(), PollFlags::POLLIN)];
        if master_open {
            fds.push(PollFd::new(master.as_fd(), PollFlags::POLLIN));
        }
        let stdin_at = stdin_open.then(|| {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
            fds.len() - 1
        });
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) | Err(nix::errno::Errno::EINTR) => {}
            Err(e) => bail!("relaying the terminal: {e}"),
        }
        let ready = |i: usize| fds.get(i).and_then(|f| f.revents()).is_some_and(|r| !r.is_empty());
        let ended = ready(0);
        let m_ready = master_open && ready(1);
        let in_ready = stdin_at.is_some_and(ready);
        drop(fds);
        if m_ready && !copy_out(&mut buf) {
            // Hung up while the process lives on (it closed the terminal): wait for its exit alone.
            master_open = false;
        }
        if in_ready {
            let n = stdin.lock().read(&mut buf).unwrap_or(0);
            if n == 0 {
                stdin_open = false;
            } else {
                let _ = nix::unistd::write(&master, &buf[..n]);
            }
        }
        if ended {
            // What the process wrote just before it exited is still in the terminal.
            if master_open {
                loop {
                    let mut f = [PollFd::new(master.as_fd(), PollFlags::POLLIN)];
                    let more = matches!(poll(&mut f, PollTimeout::ZERO), Ok(1)) && f[0].revents().is_some_and(|r| r.contains(PollFlags::POLLIN));
                    if !more || !copy_out(&mut buf) {
                        break;
                    }
                }
            }
            return Ok(ctr::wait_exec(child)?);
        }
    }
}

pub fn cmd_attach(engine: &Engine, a: &super::AttachArgs) -> Result<i32> {
    if !a.sig_proxy {
        bail!(crate::engine::Error::bad_input("rpod attach --sig-proxy=false is not supported: rpod always forwards signals to an attached container"));
    }
    let at = ctr::attach(engine, &target(engine, a.container.as_ref(), a.latest)?)?;
    let proxy = ctr::Signaller::new(engine, &at.id)?;
    attach_loop(at.socket, at.stdin && !a.no_stdin, at.tty, &|s| proxy.send(s))
}

/// `port`: Podman's shapes — `80/tcp -> 0.0.0.0:8080` per port, only the
/// address with a port given, `ID\tmapping` lines with `--all`.
pub fn cmd_port(engine: &Engine, a: &super::PortArgs) -> Result<i32> {
    let latest = || -> Result<String> {
        let l = ctr::ps(engine, &ctr::PsOptions { all: true, last: Some(1), ..Default::default() })?;
        l.into_iter().next().map(|s| s.id).context("no containers to list ports of")
    };
    let (target, filter) = match (a.all, a.latest, a.args.as_slice()) {
        (true, _, []) => (None, None),
        (false, true, []) => (Some(latest()?), None),
        (false, true, [p]) => (Some(latest()?), Some(p.clone())),
        (false, false, [c]) => (Some(c.clone()), None),
        (false, false, [c, p]) => (Some(c.clone()), Some(p.clone())),
        _ => bail!("port: give one container (and optionally a port), or --all, or --latest"),
    };
    let filter = match &filter {
        Some(f) => {
            let (p, proto) = f.split_once('/').unwrap_or((f, "tcp"));
            let port: u16 = p.parse().map_err(|_| anyhow!("port: invalid port {f:?}"))?;
            Some((port, proto.to_string()))
        }
        None => None,
    };
    let list = ctr::ports(engine, target.as_deref())?;
    let mut text = String::new();
    let mut found = false;
    for (id, ports) in &list {
        for m in ports {
            for (port, line) in m.port_lines() {
                match &filter {
                    Some((fp, fproto)) => {
                        if port == *fp && m.protocol == *fproto {
                            found = true;
                            let addr = line.split(" -> ").nth(1).unwrap_or_default();
                            text.push_str(&format!("{addr}\n"));
                        }
                    }
                    None if a.all => text.push_str(&format!("{}\t{line}\n", crate::container::short_id(id))),
                    None => text.push_str(&format!("{line}\n")),
                }
            }
        }
    }
    if let (Some((p, proto)), false) = (&filter, found) {
        bail!("failed to find published port \"{p}/{proto}\"");
    }
    out(&text)
}

pub fn cmd_rename(engine: &Engine, a: &super::RenameArgs) -> Result<i32> {
    ctr::rename(engine, &a.container, &a.name)?;
    Ok(0)
}

pub fn cmd_restart(engine: &mut Engine, a: &super::RestartArgs) -> Result<i32> {
    let mut names: Vec<String> = if a.all && a.running {
        ids_in_state(engine, Status::Running)?
    } else if a.all {
        ctr::all_ids(engine)?
    } else {
        targets(engine, &a.containers, a.latest)?
    };
    for f in &a.cidfile {
        names.push(read_cidfile(f)?);
    }
    for n in &names {
        let id = ctr::restart(engine, n, a.time)?;
        out(&format!("{id}\n"))?;
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
    let ids = ctr::prune(engine)?;
    out(&ids.iter().map(|i| format!("{i}\n")).collect::<String>())
}

/// `top`: the container's processes.
pub fn cmd_top(engine: &Engine, a: &super::TopArgs) -> Result<i32> {
    let r = crate::engine::top::top(engine, &target(engine, a.container.as_ref(), a.latest)?)?;
    let mut rows = vec![r.titles];
    rows.extend(r.processes);
    out(&output::table(&rows))
}

/// `unshare`: run a command in rpod's user namespace (this process is already in it).
pub fn cmd_unshare(engine: &Engine, a: &super::UnshareArgs) -> Result<i32> {
    let argv: Vec<String> = if a.command.is_empty() { vec![std::env::var("SHELL").unwrap_or_else(|_| "/bin/sh".into())] } else { a.command.clone() };
    Err(crate::engine::host::unshare(engine, &argv).into())
}

/// `pause` / `unpause`: cgroup v2 freezer on the container's own cgroup.
/// The IDs of the containers in `state`, newest first (as `ps -a` lists them).
fn ids_in_state(engine: &Engine, state: Status) -> Result<Vec<String>> {
    let o = ctr::PsOptions { all: true, ..Default::default() };
    Ok(ctr::ps(engine, &o)?.into_iter().filter(|s| s.state == state).map(|s| s.id).collect())
}

pub fn cmd_pause(engine: &Engine, a: &super::PauseArgs, pause: bool) -> Result<i32> {
    // --all: Podman pauses the running containers and unpauses the paused ones.
    let mut names = if a.all { ids_in_state(engine, if pause { Status::Running } else { Status::Paused })? } else { targets(engine, &a.containers, a.latest)? };
    for f in &a.cidfile {
        names.push(read_cidfile(f)?);
    }
    for n in &names {
        let id = ctr::pause(engine, n, pause)?;
        out(&format!("{id}\n"))?;
    }
    Ok(0)
}

/// `init`: what was named is printed back (IDs for `--all`/`--latest`).
pub fn cmd_init(engine: &Engine, a: &super::InitArgs) -> Result<i32> {
    if a.all {
        let o = ctr::PsOptions { all: true, ..Default::default() };
        for s in ctr::ps(engine, &o)?.into_iter().filter(|s| matches!(s.state, Status::Created | Status::Exited)) {
            crate::engine::lifecycle::init(engine, &s.id)?;
            out(&format!("{}\n", s.id))?;
        }
        return Ok(0);
    }
    for n in &targets(engine, &a.containers, a.latest)? {
        crate::engine::lifecycle::init(engine, n)?;
        out(&format!("{n}\n"))?;
    }
    Ok(0)
}

/// `mount [CTR...]`: the mount points, one a line; without containers
/// (and without `--all`) the mounted containers, `ID PATH` as Podman.
pub fn cmd_mount(engine: &Engine, a: &super::MountArgs) -> Result<i32> {
    use crate::engine::mount;
    if a.all {
        let store = ctr::containers(engine)?;
        for rec in store.list()? {
            if !matches!(store.state(&rec.id)?.status, Status::Running | Status::Paused | Status::Stopping) {
                mount::mount(engine, &rec.id)?;
            }
        }
    } else if !a.containers.is_empty() {
        for c in &a.containers {
            let p = mount::mount(engine, c)?;
            out(&format!("{}\n", p.display()))?;
        }
        return Ok(0);
    }
    let list = mount::list(engine)?;
    let rows: Vec<serde_json::Value> = list
        .iter()
        .map(|m| {
            let id = if a.no_trunc { m.id.clone() } else { crate::container::short_id(&m.id).to_string() };
            json!({"ID": id, "Names": m.names, "Path": m.mountpoint, "Mountpoint": m.mountpoint})
        })
        .collect();
    match a.format.as_deref() {
        Some(f) if super::template::is_json(f) => out(&format!("{}\n", serde_json::to_string_pretty(&list)?)),
        Some(f) => super::output::print_rows(&super::output::Template::parse("mount", f)?.ranged(), &rows, &[], true),
        None => out(&rows.iter().map(|r| format!("{} {}\n", r["ID"].as_str().unwrap_or(""), r["Path"].as_str().unwrap_or(""))).collect::<String>()),
    }
}

/// `unmount [-a] [-f] CTR...`: the IDs unmounted, one a line.
pub fn cmd_unmount(engine: &Engine, a: &super::UnmountArgs) -> Result<i32> {
    use crate::engine::mount;
    let names: Vec<String> = if a.all { mount::list(engine)?.into_iter().map(|m| m.id).collect() } else { a.containers.clone() };
    if names.is_empty() && !a.all {
        return Err(crate::engine::Error::bad_input("unmount needs at least one container, or --all").into());
    }
    for n in &names {
        let id = mount::unmount(engine, n, a.force)?;
        out(&format!("{id}\n"))?;
    }
    Ok(0)
}

/// `cp SRC DEST`: one side is `CONTAINER:PATH`; `-` is a tar stream.
pub fn cmd_cp(engine: &Engine, a: &super::CpArgs) -> Result<i32> {
    use crate::engine::cp::{self, CpOptions, CpPath};
    let o = CpOptions { source: CpPath::parse(&a.source), dest: CpPath::parse(&a.dest), overwrite: a.overwrite, archive: a.archive };
    let mut stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    cp::copy(engine, &o, &mut stdin, &mut stdout)?;
    stdout.flush()?;
    Ok(0)
}

/// `diff CTR`: `A PATH` / `C PATH` / `D PATH`, or `--format json`.
pub fn cmd_diff(engine: &Engine, a: &super::DiffArgs) -> Result<i32> {
    let changes = crate::engine::cp::diff(engine, &a.container)?;
    match a.format.as_deref() {
        None => out(&changes.iter().map(|c| format!("{} {}\n", c.kind, c.path)).collect::<String>()),
        Some("json") => {
            let pick = |k: char| changes.iter().filter(|c| c.kind == k).map(|c| c.path.clone()).collect::<Vec<_>>();
            let v = json!({"changed": pick('C'), "added": pick('A'), "deleted": pick('D')});
            out(&format!("{}\n", serde_json::to_string_pretty(&v)?))
        }
        Some(f) => bail!("unsupported --format {f:?} for diff: use json"),
    }
}

/// `export CTR [-o FILE]`.
pub fn cmd_export(engine: &Engine, a: &super::ExportArgs) -> Result<i32> {
    write_archive(a.output.as_deref(), |w| Ok(crate::engine::cp::export(engine, &a.container, w)?))
}

/// `image export IMAGE [-o FILE]`.
pub fn cmd_image_export(engine: &Engine, a: &super::ImageExportArgs) -> Result<i32> {
    write_archive(a.output.as_deref(), |w| Ok(crate::engine::cp::export_image(engine, &a.image, w)?))
}

/// An archive to `-o FILE` (made, synced) or to standard output, which may
/// not be a terminal (as Podman's export).
fn write_archive(output: Option<&std::path::Path>, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<i32> {
    match output {
        Some(p) => {
            let mut f = std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?;
            write(&mut f)?;
            f.sync_all()?;
        }
        None => {
            if std::io::stdout().is_terminal() {
                bail!("refusing to export to a terminal: use -o FILE or redirect the output");
            }
            let mut o = std::io::stdout().lock();
            o.flush()?;
            write(&mut o)?;
            o.flush()?;
        }
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> ctr::Summary {
        ctr::Summary {
            id: "a532887372cb".repeat(5) + "abcd",
            name: "web".into(),
            image: "127.0.0.1:5000/busybox:latest".into(),
            image_id: "e179da018c37".repeat(5) + "0123",
            command: vec!["sleep".into(), "1000".into()],
            created: "2026-12-01T22:35:16.695222194Z".into(),
            state: Status::Exited,
            exit_code: Some(3),
            pid: 0,
            started_at: Some("2026-12-01T22:35:17Z".into()),
            finished_at: Some("2026-12-01T22:35:18Z".into()),
            labels: [("a".to_string(), "b".to_string())].into(),
            restart_count: 1,
            ports: vec![],
            size: None,
        }
    }

    #[test]
    fn a_ps_row_built_for_some_fields_has_exactly_those_of_the_full_row() {
        let s = summary();
        let full = ps_row(&s, false, None);
        let Value::Object(all) = &full else { panic!("a row is an object") };
        assert_eq!(all.len(), 29, "every psReporter field: {:?}", all.keys().collect::<Vec<_>>());
        for f in ["table {{.ID}} {{.Names}} {{.Status}}", "{{.Labels.a}} {{if .Exited}}{{.ExitCode}}{{end}} {{$.Image}}", "{{.Nope}} {{.Command}}"] {
            let t = Template::parse("ps", f).unwrap();
            let want = t.field_names().expect("these templates name their fields");
            let Value::Object(some) = ps_row(&s, false, Some(&want)) else { panic!("a row is an object") };
            assert!(!some.is_empty() && some.len() < all.len(), "{f}");
            for (k, v) in &some {
                assert_eq!(Some(v), all.get(k), "{f}: {k}");
            }
            assert!(all.keys().filter(|k| want.contains(k.as_str())).all(|k| some.contains_key(k)), "{f}");
            // Rendered, the template cannot tell the two rows apart.
            let t = t.ranged().go_type("", "containers.psReporter");
            assert_eq!(t.execute(&full).map_err(|e| e.0), t.execute(&Value::Object(some.clone())).map_err(|e| e.0), "{f}");
        }
    }
}

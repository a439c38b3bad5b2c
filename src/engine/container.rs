//! Container verbs: create, start, stop, kill, rm, wait, and the data for
//! ps, inspect and logs. Starting spawns the per-container monitor
//! (`rpod container-monitor`, hidden) in its own session.

use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};

use super::{images, Engine};
use crate::container::spec::{self, ProcessOptions};
use crate::container::{ContainerRecord, ContainerState, ContainerStore, RestartPolicy, Status};
use crate::error::ExitError;

/// Options for `create`/`run`.
#[derive(Debug, Clone, Default)]
pub struct CreateOptions {
    pub name: Option<String>,
    pub image: String,
    pub process: ProcessOptions,
    pub interactive: bool,
    pub remove: bool,
    pub labels: Vec<(String, String)>,
    pub restart: RestartPolicy,
    pub network: String,
    pub hostname: Option<String>,
}

pub fn containers(engine: &Engine) -> Result<ContainerStore> {
    ContainerStore::open(&engine.paths.root, &engine.paths.runroot)
}

/// Find a container or fail like Podman ("no such container").
pub fn find(engine: &Engine, input: &str) -> Result<ContainerRecord> {
    containers(engine)?
        .find(input)?
        .ok_or_else(|| anyhow!(ExitError::new(125, format!("no container with name or ID {input:?} found: no such container"))))
}

pub fn create(engine: &Engine, o: &CreateOptions) -> Result<ContainerRecord> {
    let network = match o.network.as_str() {
        "" | "none" | "private" => "none",
        "host" => "host",
        other => bail!("network mode {other:?} is not supported yet: only --network=none (loopback only) and --network=host are"),
    };
    let imgs = engine.store.images()?;
    let img = images::resolve(engine, &imgs, &o.image)?;
    let config = images::config(engine, &img)?;
    let store = containers(engine)?;
    let id = crate::container::new_id();
    let mut p = o.process.clone();
    p.hostname = o.hostname.clone().unwrap_or_else(|| id[..12].to_string());
    p.host_network = network == "host";
    let lowers: Vec<_> = img.layers.iter().map(|l| engine.store.layer_diff(l)).collect();
    // Rootless needs subordinate ids: say so now, before anything is stored.
    let idmap = match (&engine.idmap, crate::runtime::userns::already_privileged()) {
        (Some(m), _) => Some(m.clone()),
        (None, true) => None,
        (None, false) => Some(crate::runtime::userns::IdMap::for_current_user()?),
    };
    let generated = spec::generate(&config, &lowers, &p, idmap.as_ref())?;
    let command = generated.process().as_ref().and_then(|x| x.args().clone()).unwrap_or_default();
    let stop_signal = config.pointer("/config/StopSignal").and_then(|v| v.as_str()).map(str::to_string);
    let rec = ContainerRecord {
        id,
        name: o.name.clone().unwrap_or_default(),
        image_id: img.id.clone(),
        image_name: image_name_for(engine, &img, &o.image),
        layers: img.layers.clone(),
        created: String::new(),
        command,
        labels: o.labels.iter().cloned().collect(),
        tty: p.tty,
        stdin: o.interactive,
        remove: o.remove,
        restart: o.restart.clone(),
        stop_signal,
        stop_timeout: 10,
        spec: generated,
        network: network.into(),
        driver: engine.driver.clone(),
        pod: None,
    };
    let rec = store.create(rec)?;
    if rec.driver == "vfs" {
        // The copy is made now, inside the user namespace (owners are kept).
        let res = if engine.content_access {
            crate::storage::vfs::assemble(&lowers, &store.dir(&rec.id).join("diff")).context("copying the image for the vfs driver")
        } else {
            Err(anyhow!("the vfs driver needs rpod's user namespace (internal error)"))
        };
        if let Err(e) = res {
            let _ = store.remove(&rec.id);
            return Err(e);
        }
    }
    std::fs::create_dir_all(store.dir(&rec.id).join("merged")).context("creating the rootfs mount point")?;
    Ok(rec)
}

/// The image name as Podman shows it: the stored name the user's input matched.
fn image_name_for(engine: &Engine, img: &crate::storage::ImageRecord, input: &str) -> String {
    if let (Ok(r), Ok(conf)) = (crate::image::reference::Reference::parse(input), engine.registries()) {
        for q in super::lookup::local_candidates(&r, &conf) {
            if let Some(t) = q.tagged().filter(|t| img.names.contains(t)) {
                return t;
            }
        }
        if let Some(n) = img.names.iter().find(|n| n.ends_with(&format!("/{}:{}", r.path, r.tag.as_deref().unwrap_or("latest")))) {
            return n.clone();
        }
    }
    img.names.first().cloned().unwrap_or_else(|| img.id.clone())
}

/// A started container: the attach socket is ready when `attach` was asked.
pub struct Started {
    pub pid: i32,
    pub attach: Option<std::os::unix::net::UnixStream>,
    /// The monitor (our child until we exit): `run --rm` waits for it.
    pub monitor: Option<std::process::Child>,
}

/// Start a created or exited container by spawning its monitor.
pub fn start(engine: &Engine, rec: &ContainerRecord, attach: bool) -> Result<Started> {
    let store = containers(engine)?;
    let st = store.state(&rec.id)?;
    if matches!(st.status, Status::Running | Status::Paused | Status::Stopping) {
        bail!("container {} is already running", rec.name);
    }
    store.update_state(&rec.id, |s| {
        *s = ContainerState { restart_count: s.restart_count, ..ContainerState::default() };
        s.status = Status::Created;
    })?;
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("pipe")?;
    let exe = std::env::current_exe().context("finding the rpod binary")?;
    let mut cmd = std::process::Command::new(exe);
    cmd.arg("--root").arg(&engine.paths.root).arg("--runroot").arg(&engine.paths.runroot).arg("container-monitor");
    if attach {
        cmd.arg("--attach");
    }
    cmd.arg(&rec.id).stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    let wfd = w.as_raw_fd();
    // SAFETY: the closure runs in the forked child before exec and only calls
    // async-signal-safe functions (dup2, setsid).
    unsafe {
        cmd.pre_exec(move || {
            if libc::dup2(wfd, 3) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::setsid();
            Ok(())
        });
    }
    // The monitor is our child only until we exit; it lives on in its own session.
    let child = cmd.spawn().context("starting the container monitor")?;
    drop(w);
    let mut rd = std::fs::File::from(r);
    let first = crate::monitor::read_line(&mut rd);
    match first.as_deref() {
        Some("ready") => {}
        Some(l) if l.starts_with("error ") => {
            let rest = &l[6..];
            bail!("{}", rest.split_once(' ').map(|x| x.1).unwrap_or(rest));
        }
        _ => bail!("the container monitor failed to start"),
    }
    let sock = if attach {
        let (_dirfd, path) = crate::monitor::socket_path(&store.rundir(&rec.id))?;
        Some(std::os::unix::net::UnixStream::connect(&path).with_context(|| format!("attaching to container {}", rec.id))?)
    } else {
        None
    };
    match crate::monitor::read_line(&mut rd) {
        Some(l) if l.starts_with("started ") => Ok(Started { pid: l[8..].trim().parse().unwrap_or(0), attach: sock, monitor: Some(child) }),
        Some(l) if l.starts_with("error ") => {
            let rest = &l[6..];
            let (code, msg) = rest.split_once(' ').unwrap_or(("125", rest));
            Err(anyhow!(ExitError::new(code.parse().unwrap_or(125), msg.to_string())))
        }
        other => bail!("the container monitor exited unexpectedly ({})", other.unwrap_or_default()),
    }
}

/// Send a signal to the container's first process. The process may run as a
/// subordinate uid, so the signal is sent from inside the container's user
/// namespace (which this user owns) by a short-lived child.
pub fn signal(st: &ContainerState, sig: nix::sys::signal::Signal) -> Result<()> {
    let Some(pid) = st.pid.filter(|p| p.alive()) else { bail!("container is not running") };
    let target = nix::unistd::Pid::from_raw(pid.pid);
    match nix::sys::signal::kill(target, sig) {
        Ok(()) => return Ok(()),
        Err(nix::errno::Errno::EPERM) => {}
        Err(e) => bail!("sending {sig} to the container: {e}"),
    }
    let ns = std::fs::File::open(format!("/proc/{}/ns/user", pid.pid)).context("opening the container's user namespace")?;
    // SAFETY: rpod's CLI is single-threaded here; the child only calls setns, kill and _exit.
    match unsafe { nix::unistd::fork() }? {
        nix::unistd::ForkResult::Child => {
            // Non-dumpable before joining: container root cannot reach into this copy of rpod.
            let ok = nix::sys::prctl::set_dumpable(false).is_ok()
                && nix::sched::setns(&ns, nix::sched::CloneFlags::CLONE_NEWUSER).is_ok()
                && nix::sys::signal::kill(target, sig).is_ok();
            // SAFETY: _exit in the forked child.
            unsafe { libc::_exit(if ok { 0 } else { 1 }) }
        }
        nix::unistd::ForkResult::Parent { child } => match nix::sys::wait::waitpid(child, None)? {
            nix::sys::wait::WaitStatus::Exited(_, 0) => Ok(()),
            _ => bail!("sending {sig} to the container failed"),
        },
    }
}

pub fn parse_signal(s: &str) -> Result<nix::sys::signal::Signal> {
    use std::str::FromStr;
    let up = s.trim().to_ascii_uppercase();
    if let Ok(n) = up.parse::<i32>() {
        return nix::sys::signal::Signal::try_from(n).map_err(|_| anyhow!("invalid signal {s:?}"));
    }
    let name = if up.starts_with("SIG") { up } else { format!("SIG{up}") };
    nix::sys::signal::Signal::from_str(&name).map_err(|_| anyhow!("invalid signal {s:?}"))
}

/// Wait until the container is no longer running; returns its exit code.
pub fn wait(engine: &Engine, id: &str, timeout: Option<Duration>) -> Result<Option<i32>> {
    let store = containers(engine)?;
    let start = Instant::now();
    let mut delay = Duration::from_millis(5);
    loop {
        let st = store.state(id)?;
        if !matches!(st.status, Status::Running | Status::Paused | Status::Stopping | Status::Created) || (st.status == Status::Created && st.exit_code.is_some()) {
            return Ok(st.exit_code);
        }
        if st.status == Status::Created && st.monitor.is_none() && start.elapsed() > Duration::from_millis(500) {
            return Ok(st.exit_code);
        }
        if timeout.is_some_and(|t| start.elapsed() > t) {
            return Ok(None);
        }
        std::thread::sleep(delay);
        delay = (delay * 2).min(Duration::from_millis(100));
    }
}

/// Stop: the stop signal, then SIGKILL after `timeout` seconds.
pub fn stop(engine: &Engine, rec: &ContainerRecord, timeout: u32) -> Result<()> {
    let store = containers(engine)?;
    let st = store.update_state(&rec.id, |s| {
        s.stopped_by_user = true;
        s.clone()
    })?;
    if st.status != Status::Running && st.status != Status::Paused {
        return Ok(());
    }
    let sig = rec.stop_signal.as_deref().map(parse_signal).transpose()?.unwrap_or(nix::sys::signal::Signal::SIGTERM);
    if timeout > 0 {
        let _ = signal(&st, sig);
        if wait(engine, &rec.id, Some(Duration::from_secs(timeout as u64)))?.is_some() {
            return Ok(());
        }
    }
    let _ = signal(&st, nix::sys::signal::Signal::SIGKILL);
    wait(engine, &rec.id, Some(Duration::from_secs(10)))?;
    Ok(())
}

/// Remove a container (`force` stops it first). Needs content access.
pub fn remove(engine: &Engine, rec: &ContainerRecord, force: bool) -> Result<()> {
    let store = containers(engine)?;
    let st = store.state(&rec.id)?;
    if matches!(st.status, Status::Running | Status::Paused | Status::Stopping) {
        if !force {
            return Err(anyhow!(ExitError::new(2, format!("cannot remove container {} as it is {} - running or paused containers cannot be removed without force", rec.id, st.status.as_str()))));
        }
        stop(engine, rec, 0)?;
    } else if st.pid.is_some_and(|p| p.alive()) {
        // Its monitor died but the processes live on: end them too.
        let _ = signal(&st, nix::sys::signal::Signal::SIGKILL);
    }
    if let Some(cg) = &st.cgroup {
        crate::cgroups::Cgroup::open(cg).remove();
    }
    store.remove(&rec.id)
}

/// Podman's STATUS text.
pub fn status_text(st: &ContainerState) -> String {
    use crate::cli::output::{human_duration, since};
    let ago = |t: &Option<String>| since(t.as_deref());
    match st.status {
        Status::Created => "Created".into(),
        Status::Running | Status::Stopping => {
            let d = st.started_at.as_deref().and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok()).map(|t| chrono::Utc::now().signed_duration_since(t).to_std().unwrap_or_default()).unwrap_or_default();
            format!("Up {}", human_duration(d))
        }
        Status::Paused => "Paused".into(),
        Status::Exited => format!("Exited ({}) {}", st.exit_code.unwrap_or(0), ago(&st.finished_at)),
    }
}

/// `exec` options.
#[derive(Debug, Clone, Default)]
pub struct ExecOptions {
    pub args: Vec<String>,
    pub env: Vec<String>,
    pub user: Option<String>,
    pub workdir: Option<String>,
    /// Keep stdin open (`-i`): the caller relays it through a pipe.
    pub interactive: bool,
    pub tty: bool,
    pub detach: bool,
}

/// The exec'd process's streams, for the caller to relay. The process never
/// gets the caller's own descriptors (container root could reopen them
/// through /proc/PID/fd): stdin is a pipe with `-i` and /dev/null without,
/// output comes back through pipes or a terminal made inside the container.
pub enum ExecStreams {
    /// The terminal's master side.
    Pty(std::os::fd::OwnedFd),
    Pipes { stdin: Option<std::os::fd::OwnedFd>, stdout: std::os::fd::OwnedFd, stderr: std::os::fd::OwnedFd },
}

/// Run a command in a running container. Returns the exit code (0 for
/// `--detach`); `relay` moves the streams until the process (our child) exits
/// and returns its exit code.
pub fn exec(engine: &Engine, rec: &ContainerRecord, o: &ExecOptions, relay: impl FnOnce(ExecStreams, nix::unistd::Pid) -> Result<i32>) -> Result<i32> {
    use crate::runtime::process::{spawn_exec, Credentials, ExecProcess, Stdio, Target};
    let launch_err = |e: crate::runtime::process::LaunchError| anyhow!(ExitError::new(e.exit_code(), e.to_string()));
    let store = containers(engine)?;
    let st = store.state(&rec.id)?;
    let Some(pid) = st.pid.filter(|p| p.alive() && st.status == Status::Running) else {
        bail!("can only create exec sessions on running containers: container state improper");
    };
    let process = rec.spec.process().clone().context("the stored spec has no process")?;
    let mut layers: Vec<std::path::PathBuf> = rec.layers.iter().map(|l| engine.store.layer_diff(l)).collect();
    layers.push(store.dir(&rec.id).join("diff"));
    let mut creds = Credentials::from_spec(&process, rec.spec.linux().as_ref().and_then(|l| l.seccomp().as_ref())).map_err(launch_err)?;
    if let Some(u) = &o.user {
        let user = spec::resolve_user(Some(u), spec::image_file(&layers, "/etc/passwd")?.as_deref(), spec::image_file(&layers, "/etc/group")?.as_deref())?;
        creds.uid = user.uid;
        creds.gid = user.gid;
        creds.groups = user.additional_gids;
    }
    // As Podman: an exec'd process gets the bounding set as its capabilities
    // when it runs as root, none otherwise.
    let caps = if creds.uid == 0 { creds.bounding.clone() } else { vec![] };
    creds.effective = caps.clone();
    creds.permitted = caps;
    creds.inheritable = vec![];
    creds.ambient = vec![];
    let env = spec::merge_env(&process.env().clone().unwrap_or_default(), &o.env);
    let xp = ExecProcess { args: o.args.clone(), env, cwd: o.workdir.clone().unwrap_or_else(|| process.cwd().display().to_string()), creds, tty: o.tty };
    let namespaces = crate::runtime::exec::open_namespaces(pid.pid).map_err(launch_err)?;
    let target = Target { namespaces, cgroup: st.cgroup.clone() };
    let pipe = || nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("creating a pipe");
    let (stdio, streams) = if o.detach {
        (Stdio::Null, None)
    } else if o.tty {
        let (a, b) = std::os::unix::net::UnixStream::pair().context("creating the console socket")?;
        (Stdio::Console(b.into()), Some(Err(std::os::fd::OwnedFd::from(a))))
    } else {
        let (stdin_r, stdin_w) = if o.interactive { let (r, w) = pipe()?; (Some(r), Some(w)) } else { (None, None) };
        let (out_r, out_w) = pipe()?;
        let (err_r, err_w) = pipe()?;
        (Stdio::Pipes { stdin: stdin_r, stdout: out_w, stderr: err_w }, Some(Ok(ExecStreams::Pipes { stdin: stdin_w, stdout: out_r, stderr: err_r })))
    };
    let child = spawn_exec(target, &xp, stdio).map_err(launch_err)?;
    match streams {
        None => Ok(0),
        Some(Ok(pipes)) => relay(pipes, child),
        Some(Err(sock)) => match crate::runtime::console::receive(&sock) {
            Ok(master) => relay(ExecStreams::Pty(master), child),
            // The process failed before making its terminal: its status says why.
            Err(_) => wait_child(child),
        },
    }
}

/// Wait for a child and return its exit code (128+N for a signal).
pub fn wait_child(child: nix::unistd::Pid) -> Result<i32> {
    loop {
        match nix::sys::wait::waitpid(child, None) {
            Ok(nix::sys::wait::WaitStatus::Exited(_, c)) => return Ok(c),
            Ok(nix::sys::wait::WaitStatus::Signaled(_, s, _)) => return Ok(128 + s as i32),
            Ok(_) | Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => bail!("waiting for the exec process: {e}"),
        }
    }
}

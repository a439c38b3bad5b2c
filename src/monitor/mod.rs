//! The per-container monitor (conmon's role): a small rpod process, started
//! detached in its own session, that launches the container, holds its
//! stdio, writes the k8s-file log, serves attach clients over a unix socket,
//! reaps the container, records the exit atomically, applies the restart
//! policy and `--rm`, then exits. There is no daemon: one monitor per
//! running container, and nothing else outlives an rpod call.
//!
//! Attach protocol (unix stream socket `RUNROOT/containers/<id>/attach`):
//! frames of `[kind: u8][len: u32 big-endian][payload]`.

pub mod attach;

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};

use attach::{read_frame, write_frame, Frame};

use crate::container::{boot_id, ContainerRecord, ContainerStore, ProcId, RestartPolicy, Status};
use crate::runtime::premap::Premapped;
use crate::runtime::process::{launch, Launch, Stdio};
use crate::runtime::rootfs::RootfsPlan;
use crate::storage::{now_rfc3339, Store};

/// Append container output to the log in Podman's k8s-file format:
/// `<RFC3339Nano> <stdout|stderr> <F|P> <text>` per line; or, per the
/// container's `--log-driver`, to the journal, or nowhere.
pub struct K8sLog {
    sink: LogSink,
    partial: [bool; 2],
    /// `--log-opt max-size`: the file is truncated before it would pass this.
    max_size: Option<u64>,
    written: u64,
}

enum LogSink {
    File(std::fs::File),
    /// `seq`: entries sent; each carries `RPOD_LOG_SEQ=RUN-N` (`run` unique
    /// to this monitor) so `rpod logs -f` knows when it has read the last.
    Journal {
        sock: std::os::unix::net::UnixDatagram,
        id: String,
        name: String,
        tag: String,
        run: String,
        seq: u64,
    },
    Discard,
}

impl K8sLog {
    pub fn open(path: &std::path::Path) -> Result<K8sLog> {
        let file = crate::container::log::open(path, true).with_context(|| format!("opening log {}", path.display()))?;
        let written = file.metadata().map(|m| m.len()).unwrap_or(0);
        Ok(K8sLog { sink: LogSink::File(file), partial: [false, false], max_size: None, written })
    }

    /// The log a container's `--log-driver`/`--log-opt` ask for.
    pub fn for_container(rec: &ContainerRecord, default: &std::path::Path) -> Result<K8sLog> {
        use crate::container::log::LogDriver;
        let cfg = rec.options.as_ref().map(|o| o.log.clone()).unwrap_or_default();
        let sink = match cfg.driver {
            LogDriver::K8sFile => {
                return K8sLog::open(&cfg.file(default).unwrap_or_else(|| default.to_path_buf())).map(|l| K8sLog { max_size: cfg.max_size, ..l })
            }
            LogDriver::Journald => {
                let sock = std::os::unix::net::UnixDatagram::unbound().context("creating a journal socket")?;
                let tag = cfg.tag.clone().unwrap_or_else(|| crate::container::short_id(&rec.id).to_string());
                let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
                let run = format!("{}-{nanos}", std::process::id());
                LogSink::Journal { sock, id: rec.id.clone(), name: rec.name.clone(), tag, run, seq: 0 }
            }
            LogDriver::None | LogDriver::Passthrough => LogSink::Discard,
        };
        Ok(K8sLog { sink, partial: [false, false], max_size: None, written: 0 })
    }

    /// The mark of the last journal entry sent (`--log-driver journald`).
    pub fn journal_last(&self) -> Option<String> {
        match &self.sink {
            LogSink::Journal { run, seq, .. } if *seq > 0 => Some(format!("{run}-{seq}")),
            _ => None,
        }
    }

    pub fn write(&mut self, stream: usize, data: &[u8]) {
        let name = if stream == 0 { "stdout" } else { "stderr" };
        if let LogSink::Journal { sock, id, name: cname, tag, run, seq } = &mut self.sink {
            for (line, partial) in split_lines(data) {
                let prio: &[u8] = if stream == 0 { b"6" } else { b"3" };
                *seq += 1;
                let mark = format!("{run}-{seq}");
                let mut f: Vec<(&str, &[u8])> = vec![
                    ("MESSAGE", line),
                    ("PRIORITY", prio),
                    ("CONTAINER_ID", crate::container::short_id(id).as_bytes()),
                    ("CONTAINER_ID_FULL", id.as_bytes()),
                    ("CONTAINER_NAME", cname.as_bytes()),
                    ("SYSLOG_IDENTIFIER", tag.as_bytes()),
                    (crate::container::log::JOURNAL_SEQ_FIELD, mark.as_bytes()),
                ];
                if partial {
                    f.push(("CONTAINER_PARTIAL_MESSAGE", b"true"));
                }
                let _ = crate::container::log::journal_send(sock, &f);
            }
            return;
        }
        let LogSink::File(file) = &mut self.sink else { return };
        let ts = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, false);
        let mut out = Vec::with_capacity(data.len() + 64);
        for (line, partial) in split_lines(data) {
            let head = format!("{ts} {name} {} ", if partial { "P" } else { "F" });
            let len = (head.len() + line.len() + 1) as u64;
            if self.max_size.is_some_and(|m| self.written + out.len() as u64 + len > m) {
                // As conmon: the log starts over rather than growing past its cap.
                out.clear();
                let _ = file.set_len(0);
                self.written = 0;
            }
            out.extend_from_slice(head.as_bytes());
            out.extend_from_slice(line);
            out.push(b'\n');
            self.partial[stream] = partial;
        }
        if file.write_all(&out).is_ok() {
            self.written += out.len() as u64;
        }
    }
}

/// `data` cut into lines: (text without its newline, whether it is partial).
fn split_lines(data: &[u8]) -> Vec<(&[u8], bool)> {
    let mut v = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        match rest.iter().position(|b| *b == b'\n') {
            Some(i) => {
                v.push((&rest[..i], false));
                rest = &rest[i + 1..];
            }
            None => {
                v.push((rest, true));
                rest = &[];
            }
        }
    }
    v
}

fn set_nonblock(fd: BorrowedFd<'_>) {
    use nix::fcntl::{fcntl, FcntlArg, OFlag};
    if let Ok(fl) = fcntl(fd, FcntlArg::F_GETFL) {
        let _ = fcntl(fd, FcntlArg::F_SETFL(OFlag::from_bits_truncate(fl) | OFlag::O_NONBLOCK));
    }
}

struct Io {
    /// Container output we read: stdout, stderr (a pty has only the first).
    outputs: Vec<(usize, OwnedFd)>,
    /// Where client input goes (pipe write end or pty master).
    input: Option<OwnedFd>,
    pty_master: Option<OwnedFd>,
    /// `--sdnotify=container`: the container's notify socket, forwarded to systemd.
    notify: Option<crate::systemd::notify::Proxy>,
}

/// The `--sdnotify` mode and the `$NOTIFY_SOCKET` rpod was started under, if any.
fn notify_of(rec: &ContainerRecord) -> Option<(crate::systemd::notify::Mode, &str)> {
    let o = rec.options.as_ref()?;
    Some((o.sdnotify, o.notify_socket.as_deref()?))
}

/// The container's own notify socket (in its run directory).
fn notify_socket_path(containers: &ContainerStore, id: &str) -> std::path::PathBuf {
    containers.rundir(id).join("notify.sock")
}

/// The console socket's monitor end, when the container has a terminal.
type ConsoleSock = Option<OwnedFd>;

fn make_io(rec: &ContainerRecord) -> Result<(Io, Stdio, ConsoleSock)> {
    if rec.tty {
        let (mine, theirs) = std::os::unix::net::UnixStream::pair().context("creating the console socket")?;
        Ok((Io { outputs: vec![], input: None, pty_master: None, notify: None }, Stdio::Console(theirs.into()), Some(mine.into())))
    } else if rec.options.as_ref().is_some_and(|o| o.log.driver == crate::container::log::LogDriver::Passthrough) {
        // `--log-driver passthrough`: the container writes straight to the
        // stdio of the rpod call that started it (the CLI checked that none
        // is a terminal); its stdin only with -i.
        let dup = |fd: i32| -> Result<OwnedFd> {
            // SAFETY: fds 0-2 stay open for the monitor's life; the dup is owned.
            let b = unsafe { BorrowedFd::borrow_raw(fd) };
            b.try_clone_to_owned().with_context(|| format!("duplicating fd {fd} for --log-driver passthrough"))
        };
        let stdin = if rec.stdin { Some(dup(0)?) } else { None };
        Ok((Io { outputs: vec![], input: None, pty_master: None, notify: None }, Stdio::Pipes { stdin, stdout: dup(1)?, stderr: dup(2)? }, None))
    } else {
        let (or, ow) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
        let (er, ew) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
        set_nonblock(or.as_fd());
        set_nonblock(er.as_fd());
        let (stdin, input) = if rec.stdin {
            let (ir, iw) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
            (Some(ir), Some(iw))
        } else {
            (None, None)
        };
        Ok((Io { outputs: vec![(0, or), (1, er)], input, pty_master: None, notify: None }, Stdio::Pipes { stdin, stdout: ow, stderr: ew }, None))
    }
}

/// What the monitor tells the process that started it, over the sync pipe
/// (one JSON object per line): `Ready` once the attach socket listens, then
/// `Started` or `Error`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MonitorMsg {
    Ready,
    Started {
        pid: i32,
    },
    /// The container could not start; `code` is 125, 126 or 127.
    Error {
        code: i32,
        message: String,
    },
}

impl MonitorMsg {
    /// Read the next message; `None` at end of file or on garbage.
    pub fn read(r: &mut impl std::io::BufRead) -> Option<MonitorMsg> {
        let mut line = String::new();
        match r.read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => serde_json::from_str(line.trim_end()).ok(),
        }
    }
}

fn notify(sync: &mut Option<std::fs::File>, msg: MonitorMsg) {
    if let Some(f) = sync {
        if let Ok(mut line) = serde_json::to_string(&msg) {
            line.push('\n');
            let _ = f.write_all(line.as_bytes());
        }
    }
}

/// glibc settings for the monitor process (`GLIBC_TUNABLES`, read by the
/// loader at exec): no per-thread cache of freed chunks. The cache would
/// keep ~100 kB of start-up garbage resident for the container's whole life
/// (`malloc_trim` does not empty it); the monitor allocates little after
/// start-up, so it loses nothing by going without.
pub const MONITOR_TUNABLES: &str = "glibc.malloc.tcache_count=0";

/// Run the monitor for container `id`. `sync_fd` is the pipe to the CLI
/// that started us; `attach` makes us wait for one client before launching.
/// `premapped`: the container's user namespace, made and being mapped by
/// the CLI ([`crate::runtime::premap`]), for the first start.
pub fn run(store: &Store, containers: &ContainerStore, id: &str, attach: bool, sync_fd: Option<i32>, premapped: Option<Premapped>) -> Result<i32> {
    if std::env::var_os("GLIBC_TUNABLES").is_some_and(|v| v == MONITOR_TUNABLES) {
        // Ours, not the user's: the processes the monitor starts (newuidmap, fuse-overlayfs, `rm`) get the user's environment.
        // The monitor is single-threaded here, so changing the environment races with nothing.
        std::env::remove_var("GLIBC_TUNABLES");
    }
    // SAFETY: the starting CLI passes the write end of its pipe as this fd number and nothing else uses it.
    let mut sync = sync_fd.map(|fd| unsafe { std::fs::File::from_raw_fd(fd) });
    let result = monitor(store, containers, id, attach, &mut sync, premapped);
    if let Err(e) = &result {
        // Before "started": tell the CLI why (one line).
        notify(&mut sync, MonitorMsg::Error { code: 125, message: format!("{e:#}").replace('\n', " ") });
    }
    result
}

/// Unix socket paths are limited to 108 bytes: reach the directory through
/// `/proc/self/fd/N` (an O_PATH descriptor) so deep runroots still work.
pub fn socket_path(dir: &std::path::Path) -> Result<(OwnedFd, std::path::PathBuf)> {
    let fd = nix::fcntl::open(dir, nix::fcntl::OFlag::O_PATH | nix::fcntl::OFlag::O_DIRECTORY | nix::fcntl::OFlag::O_CLOEXEC, nix::sys::stat::Mode::empty())
        .with_context(|| format!("opening {}", dir.display()))?;
    let p = std::path::PathBuf::from(format!("/proc/self/fd/{}/attach", fd.as_raw_fd()));
    Ok((fd, p))
}

fn monitor(
    store: &Store,
    containers: &ContainerStore,
    id: &str,
    attach: bool,
    sync: &mut Option<std::fs::File>,
    mut premapped: Option<Premapped>,
) -> Result<i32> {
    let rec = containers.find(id)?.context("no such container")?;
    let id = rec.id.clone();
    // A cgroup of its own where the user has a delegated subtree (pause, limits).
    let resources = rec.spec.linux().as_ref().and_then(|l| l.resources().clone());
    let (placement, disabled) = placement(&rec);
    // With systemd's manager the scope is asked for first thing: systemd
    // starts it while the monitor sets up (taken below, before the launch).
    // The starting CLI may have asked already, while this process started
    // up: it hands over the call's connection (read when the cgroup is made).
    let handoff = crate::cgroups::scope::handoff_channel();
    let pending_scope = if disabled || handoff.is_some() { None } else { crate::cgroups::begin_for(&rec.id, &placement, None) };
    let remove = rec.remove;
    let anonymous_volumes = rec.options.as_ref().is_some_and(|o| o.mounts.iter().any(|m| m.anonymous));
    let rundir = containers.rundir(&id);
    std::fs::create_dir_all(&rundir).with_context(|| format!("creating {}", rundir.display()))?;
    let _ = std::fs::remove_file(rundir.join("attach"));
    // `generate systemd` units (Type=forking) follow the monitor through this file.
    let _ = crate::storage::atomic::write_file_fast(&rundir.join("monitor.pid"), format!("{}\n", std::process::id()).as_bytes());
    let (_dirfd, sock_path) = socket_path(&rundir)?;
    let listener = UnixListener::bind(&sock_path).with_context(|| format!("binding the attach socket in {}", rundir.display()))?;
    listener.set_nonblocking(true)?;
    let mut log = K8sLog::for_container(&rec, &containers.log_path(&rec.id))?;
    let mut clients: Vec<UnixStream> = Vec::new();
    notify(sync, MonitorMsg::Ready);
    if attach {
        listener.set_nonblocking(false)?;
        // The attaching CLI connects right after "ready"; do not wait forever.
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let mut fds = [PollFd::new(listener.as_fd(), PollFlags::POLLIN)];
            let _ = poll(&mut fds, PollTimeout::from(1000u16));
            if fds[0].revents().is_some_and(|r| r.contains(PollFlags::POLLIN)) {
                if let Ok((s, _)) = listener.accept() {
                    clients.push(s);
                }
                break;
            }
            if Instant::now() > deadline {
                break;
            }
        }
        listener.set_nonblocking(true)?;
    }
    // fuse-overlayfs outlives the setup process that started it: as a
    // subreaper the monitor inherits it, reaps it and ends it with the container.
    nix::sys::prctl::set_child_subreaper(true).context("PR_SET_CHILD_SUBREAPER")?;
    // SIGCHLD through a signalfd; ignore terminal signals aimed at our session.
    let mut mask = SigSet::empty();
    mask.add(Signal::SIGCHLD);
    mask.thread_block()?;
    let sfd = SignalFd::with_flags(&mask, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)?;
    for s in [Signal::SIGHUP, Signal::SIGINT, Signal::SIGPIPE] {
        // SAFETY: setting a signal to SIG_IGN installs no handler code.
        unsafe { nix::sys::signal::signal(s, nix::sys::signal::SigHandler::SigIgn) }?;
    }
    let layers = crate::container::spec::container_lower_dirs(store, &rec);
    let cdir = containers.dir(&rec.id);
    let plan = RootfsPlan {
        driver: rec.driver.clone(),
        lower: layers,
        upper: match &rec.rootfs {
            Some(r) if rec.driver == "rootfs" => r.path.clone(),
            _ => cdir.join("diff"),
        },
        work: cdir.join("work"),
        merged: cdir.join("merged"),
        fuse_mapping: fuse_mapping(&rec.spec),
        // `--rm`: the writable layer is deleted at exit anyway (docs/decisions.md).
        volatile: rec.remove,
        pin: crate::container::spec::container_shift(&rec).is_some_and(|s| s.leaves_out_user()),
    };
    // The cgroup is made (the scope's reply read, limits applied) only when
    // the first launch needs it: after the setup process exists and its
    // namespaces are made, just before it may go on (a launch hook), so
    // systemd's work on the scope overlaps all of that.
    let cgroup = std::cell::RefCell::new(CgroupSlot {
        cg: None,
        pending: Some(Box::new({
            let (id, placement, resources) = (rec.id.clone(), placement.clone(), resources.clone());
            move || {
                let handed = handoff.and_then(crate::cgroups::scope::receive);
                let pending = if disabled { None } else { pending_scope.or_else(|| crate::cgroups::begin_for(&id, &placement, handed)) };
                make_cgroup(&id, &placement, pending, disabled, resources.is_some())
            }
        })),
        oom_base: None,
        resources,
    });
    let mode = rec.net_mode.clone().unwrap_or_else(|| legacy_mode(&rec.network));
    let mut final_code;
    let mut removal = None;
    // Under a systemd unit the monitor is its main process, and its exit
    // status the unit's result: see the end of this function.
    let under_systemd = notify_of(&rec).is_some();
    let mut stop_requested = false;
    let who = (rec.id.clone(), rec.name.clone(), rec.image_name.clone(), rec.labels.clone());
    let mut next = Some(rec);
    loop {
        // The launch runs in a frame of its own: its stack pages are dead
        // (and given back) once the container runs.
        // The OOM killer's count before this run: more after it means OOMKilled.
        // (Read by the launch, once the process is in the cgroup and before it runs.)
        cgroup.borrow_mut().oom_base = None;
        let (pid, fuse, mut io, restart, mut helper, mount_ns) =
            match start_once(next.take(), &id, containers, &plan, &cgroup, &mut clients, sync, &mode, premapped.take())? {
                Ok(started) => started,
                Err(code) => {
                    final_code = code;
                    break;
                }
            };
        release_startup_memory();
        let code = serve(pid, &mut io, &listener, &mut clients, &sfd, &mut log);
        // Published ports are free again before the container counts as
        // exited; a helper without any is reaped after the exit is recorded
        // (its own teardown takes tens of milliseconds).
        let mut dying_helper = None;
        if let Some(h) = helper.take() {
            if crate::network::helper::kill(&h) {
                if h.holds_ports {
                    crate::network::helper::reap(h);
                } else {
                    dying_helper = Some(h);
                }
            }
        }
        if let Some(f) = fuse {
            crate::runtime::process::stop_fuse(f);
        }
        let (oom_before, oom_after) = {
            let slot = cgroup.borrow();
            (slot.oom_base, slot.cg.as_ref().and_then(|c| crate::cgroups::stats::oom_kills(&c.path)))
        };
        let oom_killed = matches!((oom_before, oom_after), (Some(b), Some(a)) if a > b);
        let st = containers.update_state(&id, |st| {
            st.status = Status::Exited;
            st.oom_killed = oom_killed;
            st.exit_code = Some(code);
            st.finished_at = Some(now_rfc3339());
            st.pid = None;
            st.journal_last = log.journal_last();
            st.clone()
        })?;
        crate::events::emit(crate::events::Event {
            id: who.0.clone(),
            name: who.1.clone(),
            image: who.2.clone(),
            status: "died".into(),
            kind: "container".into(),
            exit_code: Some(code),
            attributes: Some(who.3.clone()),
            ..Default::default()
        });
        final_code = code;
        stop_requested = st.stopped_by_user;
        let again = !st.stopped_by_user
            && match &restart {
                RestartPolicy::No => false,
                RestartPolicy::Always | RestartPolicy::UnlessStopped => true,
                RestartPolicy::OnFailure(max) => code != 0 && max.is_none_or(|m| st.restart_count < m),
            };
        if !again && remove && !anonymous_volumes {
            // `--rm`: the container stops existing (one rename under the
            // store lock) before anyone hears of its exit, so `run --rm`
            // returns at once; its files are deleted after that.
            removal = Some(containers.remove_begin(&id));
        }
        for c in &mut clients {
            let _ = write_frame(c, Frame::Exit, code.to_string().as_bytes());
        }
        // Now that the exit is known, the namespace goes (its mounts, the
        // root's overlay: RCU grace periods this process waits for).
        drop(mount_ns);
        if let Some(h) = dying_helper {
            crate::network::helper::reap(h);
        }
        if !again {
            break;
        }
        containers.update_state(&id, |st| st.restart_count += 1)?;
        clients.clear();
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(clients);
    // As a subreaper the monitor inherited what its helpers left (pasta's
    // own short-lived children): reap them rather than leave zombies.
    while matches!(waitpid(None, Some(WaitPidFlag::WNOHANG)), Ok(st) if st != WaitStatus::StillAlive) {}
    let _ = std::fs::remove_file(rundir.join("attach"));
    if let Some(cg) = &cgroup.borrow().cg {
        // Under the container's state lock: a `start`/`restart` that came
        // after the exit was recorded resets the state (no monitor) under
        // that lock before its monitor makes the cgroup again, so the
        // cgroup is removed before that, or left to the new run.
        let me = ProcId::of(std::process::id() as i32);
        if containers
            .update_state(&id, |st| {
                if st.monitor == me {
                    cg.remove()
                }
            })
            .is_err()
        {
            cg.remove(); // the container is gone (--rm): no new run can come
        }
    }
    // With anonymous volumes, `rpod rm -v` needs the record to find them.
    let removed = remove
        && !anonymous_volumes
        && match removal.unwrap_or_else(|| containers.remove_begin(&id)) {
            Ok(Some(r)) => r.finish().is_ok(),
            Ok(None) => true,
            Err(_) => false,
        };
    if removed {
        crate::events::container("remove", &who.0, &who.1, &who.2, &who.3);
    }
    if remove && !removed {
        // `--rm`: files of other container users need the user namespace; a
        // fresh rpod deletes them (what is left in the trash, or the
        // container with its anonymous volumes: `rm -v`).
        let exe = std::env::current_exe().unwrap_or_else(|_| "rpod".into());
        let root = store.root().display().to_string();
        let runroot = containers.rundir("").parent().map(|p| p.display().to_string()).unwrap_or_default();
        let _ = std::process::Command::new(exe)
            .args(["--root", &root, "--runroot", &runroot, "rm", "-f", "-v", &id])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
    }
    // A stop that was asked for (`systemctl stop` runs `rpod rm -f`, or
    // `rpod stop`) ends the unit `inactive`, not `failed` because the
    // container ignored SIGTERM and was killed (137) or died of it (143):
    // Podman's units fail then (containers/podman#16726). A container that
    // exits on its own keeps its status, so `Restart=on-failure` applies.
    if under_systemd && stop_requested {
        return Ok(0);
    }
    Ok(final_code)
}

/// Launch the container once: read its record (unless `rec` is the one
/// already read), finalise the spec, launch, record it as running and tell
/// the starting CLI. `Ok(Err(code))`: the launch failed, already recorded
/// and reported. The record and spec (tens of kB with the seccomp profile)
/// are dropped on return; a restart reads them again.
#[inline(never)]
#[allow(clippy::type_complexity)]
// The monitor's whole start context; a struct would only rename these.
#[allow(clippy::too_many_arguments)]
fn start_once(
    rec: Option<ContainerRecord>,
    id: &str,
    containers: &ContainerStore,
    plan: &RootfsPlan,
    cgroup: &std::cell::RefCell<CgroupSlot>,
    clients: &mut [UnixStream],
    sync: &mut Option<std::fs::File>,
    mode: &crate::network::Mode,
    premapped: Option<Premapped>,
) -> Result<Result<Started, i32>> {
    let rec = match rec {
        Some(r) => r,
        None => containers.find(id)?.context("the container's record is gone")?,
    };
    let (mut io, stdio, console) = make_io(&rec)?;
    if let Some((crate::systemd::notify::Mode::Container, target)) = notify_of(&rec) {
        let path = notify_socket_path(containers, &rec.id);
        // Bound through /proc/self/fd/N: socket addresses are limited to 108 bytes.
        let (dirfd, _) = socket_path(&containers.rundir(&rec.id))?;
        let short = std::path::PathBuf::from(format!("/proc/self/fd/{}/notify.sock", dirfd.as_raw_fd()));
        io.notify = Some(crate::systemd::notify::Proxy::bind(&short, target).with_context(|| format!("binding the notify socket {}", path.display()))?);
    }
    let spec = match finalize_spec(&rec, containers, mode, plan) {
        Ok(s) => s,
        Err(e) => {
            record_exit(containers, &rec.id, 125, Some(format!("{e:#}")))?;
            notify(sync, MonitorMsg::Error { code: 125, message: format!("{e:#}") });
            return Ok(Err(125));
        }
    };
    // The network helper attaches to the new namespaces before the
    // container's process may run.
    let rundir = containers.rundir(&rec.id);
    // It is started once the namespaces exist and gets ready while the
    // container mounts its root; the process runs only after that.
    let pending = std::cell::RefCell::new(None);
    let mut helper = None;
    let launched = {
        let mut attach_network = |a: nix::unistd::Pid| -> std::result::Result<(), String> {
            *pending.borrow_mut() = crate::network::helper::spawn(mode, &rec.ports, a.as_raw(), &rundir)?;
            Ok(())
        };
        let mut network_ready = || -> std::result::Result<(), String> {
            if let Some(p) = pending.borrow_mut().take() {
                helper = Some(p.wait_ready()?);
            }
            Ok(())
        };
        // Before the network helper (which must be born in the monitor's
        // leaf, not in the scope: see CgroupSlot::place): the container's
        // cgroup, made now on the first launch, joined by A.
        let mut place = |a: nix::unistd::Pid| -> std::result::Result<(), String> { cgroup.borrow_mut().place(a.as_raw()) };
        let gates: Vec<crate::runtime::process::Gate<'_>> = if mode.has_helper() { vec![&mut network_ready] } else { Vec::new() };
        // The CLI's premade user namespace (used once the CLI says it is mapped).
        launch(Launch { spec: &spec, plan, stdio, cgroup: None, hooks: vec![&mut place, &mut attach_network], gates, userns: premapped })
    };
    if let Some(p) = pending.into_inner() {
        p.abort();
    }
    let (pid, fuse, mount_ns) = match launched {
        Ok(l) => (l.pid, l.fuse, l.mount_ns),
        Err(e) => {
            if let Some(h) = helper.take() {
                crate::network::helper::stop(h);
            }
            let code = e.exit_code();
            record_exit(containers, &rec.id, code, Some(e.to_string()))?;
            notify(sync, MonitorMsg::Error { code, message: e.to_string() });
            for c in clients.iter_mut() {
                let _ = write_frame(c, Frame::Error, format!("{code}\t{e}").as_bytes());
            }
            return Ok(Err(code));
        }
    };
    if let Some(sock) = &console {
        // The child sent the pty master before it exec'd.
        let master = crate::runtime::console::receive(sock).map_err(|e| anyhow::anyhow!(e))?;
        let out = master.try_clone()?;
        set_nonblock(out.as_fd());
        io.outputs.push((0, out));
        io.input = if rec.stdin { Some(master.try_clone()?) } else { None };
        io.pty_master = Some(master);
    }
    let me = ProcId::of(std::process::id() as i32);
    containers.update_state(&rec.id, |st| {
        st.status = Status::Running;
        st.pid = ProcId::of(pid.as_raw());
        st.monitor = me;
        st.boot_id = boot_id();
        st.started_at = Some(now_rfc3339());
        st.finished_at = None;
        st.exit_code = None;
        st.error = None;
        st.oom_killed = false;
        st.cgroup = cgroup.borrow().cg.as_ref().map(|c| c.path.clone());
    })?;
    crate::events::container("init", &rec.id, &rec.name, &rec.image_name, &rec.labels);
    crate::events::container("start", &rec.id, &rec.name, &rec.image_name, &rec.labels);
    // Under a Type=notify unit the monitor is the main process: it is what
    // outlives `rpod run -d`. systemd must have MAINPID queued before that
    // `rpod run -d` (the unit's first main process) exits, or it may see the
    // exit first and fail the unit with result `protocol`: so this is sent
    // before `rpod run` is told the container started, never after.
    if let Some((mode, target)) = notify_of(&rec) {
        if let Some(msg) = crate::systemd::notify::started_message(mode, std::process::id()) {
            if let Err(e) = crate::systemd::notify::send(target, &msg) {
                tracing::warn!("telling systemd at {target}: {e}");
            }
        }
    }
    notify(sync, MonitorMsg::Started { pid: pid.as_raw() });
    *sync = None;
    Ok(Ok((pid, fuse, io, rec.restart, helper, mount_ns)))
}

/// Where container `rec`'s cgroup goes, and whether it has none
/// (`--cgroups=disabled`).
pub fn placement(rec: &ContainerRecord) -> (crate::cgroups::Placement, bool) {
    let o = rec.options.as_ref();
    let placement = crate::cgroups::Placement {
        manager: o.and_then(|o| o.cgroup_manager).unwrap_or_default(),
        parent: o.and_then(|o| o.cgroup_parent.clone()),
        monitor_stays: o.is_some_and(|o| o.cgroups_monitor_stays),
    };
    (placement, o.is_some_and(|o| o.cgroups_disabled))
}

/// Making the cgroup: what the first launch runs ([`CgroupSlot::place`]).
type MakeCgroup = Box<dyn FnOnce() -> Result<Option<crate::cgroups::Cgroup>>>;

/// The container's cgroup, made by its first launch.
struct CgroupSlot {
    /// The cgroup, once made (`None` also when the container runs without one).
    cg: Option<crate::cgroups::Cgroup>,
    /// Not made yet.
    pending: Option<MakeCgroup>,
    /// The OOM killer's count when this run's process joined: more after
    /// the run means it was OOM-killed.
    oom_base: Option<u64>,
    /// The limits, applied once the first run's process is in.
    resources: Option<oci_spec::runtime::LinuxResources>,
}

impl CgroupSlot {
    /// Make the cgroup if this is the first launch, move the setup process
    /// `a` in (before it runs anything of the container's, and before it
    /// makes the cgroup namespace), apply the limits and note the OOM count.
    /// `a` goes in before the limits: systemd may have moved the monitor
    /// into its scope before `a` was cloned, and controllers are enabled in
    /// the scope only once no process lives directly in it.
    fn place(&mut self, a: i32) -> std::result::Result<(), String> {
        let first = self.pending.is_some();
        if let Some(make) = self.pending.take() {
            self.cg = make().map_err(|e| format!("{e:#}"))?;
        }
        if let Some(cg) = &self.cg {
            cg.add(a).map_err(|e| format!("{e:#}"))?;
            if let (true, Some(r)) = (first, &self.resources) {
                use crate::cgroups::CgroupManager;
                cg.apply(r).map_err(|e| format!("applying the container's resource limits: {e}"))?;
            }
            self.oom_base = crate::cgroups::stats::oom_kills(&cg.path);
        }
        Ok(())
    }
}

/// The container's cgroup as `placement` says (the systemd scope asked for
/// by `pending`); `None` when it runs without one.
fn make_cgroup(
    id: &str,
    placement: &crate::cgroups::Placement,
    pending: Option<crate::cgroups::scope::Pending>,
    disabled: bool,
    has_limits: bool,
) -> Result<Option<crate::cgroups::Cgroup>> {
    match if disabled { Err(anyhow::anyhow!("--cgroups=disabled")) } else { crate::cgroups::create_after(id, placement, pending) } {
        Ok(c) => Ok(Some(c)),
        // As Podman: without a cgroup of its own a container still runs,
        // unless it asked for limits, which are never silently dropped.
        Err(e) if !has_limits => {
            tracing::debug!("container runs in the monitor's cgroup: {e:#}");
            Ok(None)
        }
        Err(e) => Err(e.context("the container asks for resource limits but no cgroup can be made for it")),
    }
}

/// A started container: its first process, fuse-overlayfs, its I/O, its
/// restart policy, its network helper and its mount namespace (held so
/// that the first process's exit is quick: `runtime::process::Launched`).
type Started = (nix::unistd::Pid, Option<nix::unistd::Pid>, Io, RestartPolicy, Option<crate::network::helper::Helper>, Option<OwnedFd>);

/// The mode of a record made before modes were stored typed.
fn legacy_mode(network: &str) -> crate::network::Mode {
    use crate::network::Mode;
    match network {
        "host" => Mode::Host,
        n if n.starts_with("container:") => Mode::Container(n["container:".len()..].to_string()),
        _ => Mode::None,
    }
}

/// `--userns=keep-id`'s fuse-overlayfs id mapping, from the spec's annotations.
fn fuse_mapping(spec: &oci_spec::runtime::Spec) -> Option<(String, String)> {
    use crate::runtime::rootfs::{FUSE_GIDMAPPING, FUSE_UIDMAPPING};
    let a = spec.annotations().as_ref()?;
    Some((a.get(FUSE_UIDMAPPING)?.clone(), a.get(FUSE_GIDMAPPING)?.clone()))
}

/// The spec for this start: the stored one plus what only exists now — the
/// namespaces of another container joined by path (`--network
/// container:ID` joins its network namespace and the user namespace that
/// owns it), and the network's files (`/etc/hosts`, `/etc/resolv.conf`,
/// `/etc/hostname`), generated in the run directory and bound over the
/// image's.
fn finalize_spec(rec: &ContainerRecord, containers: &ContainerStore, mode: &crate::network::Mode, plan: &RootfsPlan) -> Result<oci_spec::runtime::Spec> {
    use oci_spec::runtime::LinuxNamespaceType as T;
    let mut spec = rec.spec.clone();
    if let Some(other) = rec.network.strip_prefix("container:") {
        let st = containers.state(other).with_context(|| format!("reading the state of container {other}"))?;
        let pid = st
            .pid
            .filter(|p| p.alive() && matches!(st.status, Status::Running | Status::Paused))
            .with_context(|| format!("container {} whose network namespace this one joins is not running", crate::container::short_id(other)))?;
        let mut linux = spec.linux().clone().unwrap_or_default();
        let mut namespaces = linux.namespaces().clone().unwrap_or_default();
        for ns in namespaces.iter_mut() {
            let file = match ns.typ() {
                T::User => "user",
                T::Network => "net",
                _ => continue,
            };
            ns.set_path(Some(format!("/proc/{}/ns/{file}", pid.pid).into()));
        }
        linux.set_namespaces(Some(namespaces));
        // The joined user namespace is already mapped.
        linux.set_uid_mappings(None);
        linux.set_gid_mappings(None);
        spec.set_linux(Some(linux));
    }
    if let Some(o) = &rec.options {
        // --pid/--ipc/--uts container:ID (the runtime joins their owner's user namespace).
        crate::container::namespaces::join_paths(&o.namespaces, &mut spec, |other| {
            let st = containers.state(other).with_context(|| format!("reading the state of container {other}"))?;
            st.pid
                .filter(|p| p.alive() && matches!(st.status, Status::Running | Status::Paused))
                .map(|p| p.pid)
                .with_context(|| format!("container {} whose namespaces this one joins is not running", crate::container::short_id(other)))
        })?;
    }
    let mut files = network_files(rec, containers, mode)?;
    files.extend(user_files(rec, containers, plan)?);
    let mut mounts = spec.mounts().clone().unwrap_or_default();
    for (dest, source) in files {
        // A mount the user asked for at the same place wins (as Podman).
        if mounts.iter().any(|m| m.destination() == std::path::Path::new(dest)) {
            continue;
        }
        let mut m = oci_spec::runtime::Mount::default();
        m.set_destination(dest.into());
        m.set_typ(Some("bind".into()));
        m.set_source(Some(source));
        let mut options: Vec<String> = ["bind", "nosuid", "nodev", "noexec"].map(String::from).to_vec();
        // The added user's entries: root's and read-only, as keep-id's user
        // owns the run directory's file (and could edit root's entry).
        if matches!(dest, "/etc/passwd" | "/etc/group") {
            options.extend(["ro".to_string(), crate::runtime::rootfs::ROOT_OWNED.to_string()]);
        }
        m.set_options(Some(options));
        mounts.push(m);
    }
    if let Some((crate::systemd::notify::Mode::Container, _)) = notify_of(rec) {
        // Only the socket, read-only (sending needs no write access to the
        // file system): the container gets no writable host directory.
        let mut m = oci_spec::runtime::Mount::default();
        m.set_destination(crate::systemd::notify::CONTAINER_SOCKET.into());
        m.set_typ(Some("bind".into()));
        m.set_source(Some(notify_socket_path(containers, &rec.id)));
        m.set_options(Some(vec!["bind".into(), "ro".into(), "nosuid".into(), "nodev".into(), "noexec".into()]));
        mounts.push(m);
        if let Some(p) = spec.process().clone() {
            let mut p = p;
            let mut env = p.env().clone().unwrap_or_default();
            env.retain(|e| !e.starts_with("NOTIFY_SOCKET="));
            env.push(format!("NOTIFY_SOCKET={}", crate::systemd::notify::CONTAINER_SOCKET));
            p.set_env(Some(env));
            spec.set_process(Some(p));
        }
    }
    spec.set_mounts(Some(mounts));
    Ok(spec)
}

/// Write this start's network files; returns (destination, source) pairs.
fn network_files(rec: &ContainerRecord, containers: &ContainerStore, mode: &crate::network::Mode) -> Result<Vec<(&'static str, std::path::PathBuf)>> {
    use crate::network::{files, helper, Mode};
    let rundir = containers.rundir(&rec.id);
    let hostname = rec.spec.hostname().clone().unwrap_or_default();
    let mut out = Vec::new();
    if let Mode::Container(other) = mode {
        // Sharing another container's network: its files too, when it has them.
        let theirs = containers.rundir(other);
        for (dest, file) in [("/etc/hosts", "hosts"), ("/etc/resolv.conf", "resolv.conf")] {
            if theirs.join(file).is_file() && !(file == "hosts" && rec.net.no_hosts) {
                out.push((dest, theirs.join(file)));
            }
        }
    } else {
        let resolv = files::resolv_conf(mode, &rec.net, &files::host_resolv());
        crate::storage::atomic::write_file_fast(&rundir.join("resolv.conf"), resolv.as_bytes())?;
        out.push(("/etc/resolv.conf", rundir.join("resolv.conf")));
        if !rec.net.no_hosts {
            let addrs = helper::hosts_addrs(mode);
            let base = if matches!(mode, Mode::Host) {
                crate::storage::read_regular(std::path::Path::new("/etc/hosts"), 1 << 20).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
            } else {
                String::new()
            };
            let mut net = rec.net.clone();
            for (_, ip) in net.add_hosts.iter_mut() {
                if ip == "host-gateway" {
                    *ip = addrs.host.clone().unwrap_or_else(|| "127.0.0.1".into());
                }
            }
            let text = files::hosts(&base, &net, &addrs, &hostname, &rec.name);
            crate::storage::atomic::write_file_fast(&rundir.join("hosts"), text.as_bytes())?;
            out.push(("/etc/hosts", rundir.join("hosts")));
        }
    }
    // Empty when the UTS namespace is joined by path: the image's file stays.
    if !hostname.is_empty() {
        crate::storage::atomic::write_file_fast(&rundir.join("hostname"), format!("{hostname}\n").as_bytes())?;
        out.push(("/etc/hostname", rundir.join("hostname")));
    }
    Ok(out)
}

/// The lines the spec asks to add for the container's user
/// (`spec::PASSWD_LINE`, `GROUP_LINE`: keep-id's user, a numeric `--user`),
/// appended to the container's /etc/passwd and /etc/group as they are now
/// and bound over them from the run directory; only while the id is still
/// missing there, and only where the file exists. The container's files
/// are read through its layers and upper directory as overlay shows them
/// (`storage::layered`: links resolved inside the container's tree,
/// regular files only, at most 4 MiB), since container root may have made
/// them anything between two starts (a link to a host path, a FIFO); a
/// file that cannot be read so gets no line, and the container starts.
fn user_files(rec: &ContainerRecord, containers: &ContainerStore, plan: &RootfsPlan) -> Result<Vec<(&'static str, std::path::PathBuf)>> {
    use crate::container::spec::{GROUP_LINE, PASSWD_LINE};
    let Some(a) = rec.spec.annotations().as_ref() else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for (key, dest, file) in [(PASSWD_LINE, "/etc/passwd", "passwd"), (GROUP_LINE, "/etc/group", "group")] {
        let Some(line) = a.get(key) else { continue };
        // Bottom first, then what the container wrote.
        let layers: Vec<std::path::PathBuf> = plan.lower.iter().rev().chain([&plan.upper]).cloned().collect();
        let current = match crate::storage::layered::read_text(&layers, dest) {
            Ok(Some(t)) => t,
            Ok(None) => continue,
            Err(e) => {
                tracing::warn!("not adding the container user's entry to {dest}: {e}");
                continue;
            }
        };
        let id = line.split(':').nth(2).unwrap_or_default();
        if current.lines().any(|l| l.split(':').nth(2) == Some(id)) {
            continue;
        }
        let mut text = current;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(line);
        text.push('\n');
        let path = containers.rundir(&rec.id).join(file);
        crate::storage::atomic::write_file_fast(&path, text.as_bytes())?;
        out.push((dest, path));
    }
    Ok(out)
}

fn record_exit(containers: &ContainerStore, id: &str, code: i32, error: Option<String>) -> Result<()> {
    containers.update_state(id, |st| {
        st.status = Status::Exited;
        st.exit_code = Some(code);
        st.finished_at = Some(now_rfc3339());
        st.error = error;
        st.pid = None;
    })
}

/// Give back the memory that only start-up needed: the monitor then idles
/// for the container's lifetime, one per running container (conmon's role),
/// so what it keeps resident is what grows with the number of containers.
/// Start-up (argument parsing, the record with its spec, the launch) leaves
/// freed heap chunks and a deep stack behind; neither is used again.
pub fn release_startup_memory() {
    // SAFETY: malloc_trim only hands free heap pages back to the kernel; no live allocation is touched.
    unsafe { libc::malloc_trim(0) };
    trim_stack();
}

/// Drop the pages of the main thread's stack below the current frame (they
/// hold only dead frames; touching them again faults in zero pages).
#[inline(never)]
fn trim_stack() {
    let here = 0u8;
    let sp = std::hint::black_box(&here) as *const u8 as usize;
    let Some(bottom) = stack_bottom() else { return };
    // Two pages of margin below this frame cover the madvise call's own frames.
    let end = (sp & !4095).saturating_sub(2 * 4096);
    if end > bottom {
        // SAFETY: [bottom, end) lies in this thread's [stack] mapping strictly below every live frame
        // (the current frame and the callee's are above `end`), so discarding it frees only dead data.
        unsafe { libc::madvise(bottom as *mut libc::c_void, end - bottom, libc::MADV_DONTNEED) };
    }
}

/// The lowest address of the main thread's `[stack]` mapping.
fn stack_bottom() -> Option<usize> {
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    let line = maps.lines().find(|l| l.ends_with("[stack]"))?;
    usize::from_str_radix(line.split('-').next()?, 16).ok()
}

/// Pump output to the log and clients until the container's first process
/// exits; returns its exit code (128+N for a signal).
fn serve(pid: nix::unistd::Pid, io: &mut Io, listener: &UnixListener, clients: &mut Vec<UnixStream>, sfd: &SignalFd, log: &mut K8sLog) -> i32 {
    let mut exit: Option<i32> = None;
    // conmon's size: a bigger buffer is resident for the container's lifetime.
    let mut buf = [0u8; 8192];
    loop {
        if exit.is_some() && io.outputs.is_empty() {
            break;
        }
        let mut fds: Vec<PollFd> = Vec::new();
        for (_, fd) in &io.outputs {
            fds.push(PollFd::new(fd.as_fd(), PollFlags::POLLIN));
        }
        let n_out = fds.len();
        fds.push(PollFd::new(sfd.as_fd(), PollFlags::POLLIN));
        fds.push(PollFd::new(listener.as_fd(), PollFlags::POLLIN));
        for c in clients.iter() {
            fds.push(PollFd::new(c.as_fd(), PollFlags::POLLIN));
        }
        let n_notify = fds.len();
        if let Some(n) = &io.notify {
            fds.push(PollFd::new(n.socket.as_fd(), PollFlags::POLLIN));
        }
        let timeout = if exit.is_some() { PollTimeout::from(200u16) } else { PollTimeout::NONE };
        match poll(&mut fds, timeout) {
            Ok(0) if exit.is_some() => break, // output drained (or a grandchild holds it open)
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => break,
        }
        let ready: Vec<bool> = fds.iter().map(|f| f.revents().is_some_and(|r| !r.is_empty())).collect();
        drop(fds);
        if ready.get(n_notify).copied().unwrap_or(false) {
            if let Some(n) = &io.notify {
                n.forward();
            }
        }
        // Output.
        let mut closed = Vec::new();
        for (i, (stream, fd)) in io.outputs.iter().enumerate() {
            if !ready[i] {
                continue;
            }
            match nix::unistd::read(fd, &mut buf) {
                Ok(0) | Err(nix::errno::Errno::EIO) => closed.push(i),
                Ok(n) => {
                    log.write(*stream, &buf[..n]);
                    let kind = if *stream == 0 { Frame::Stdout } else { Frame::Stderr };
                    clients.retain_mut(|c| write_frame(c, kind, &buf[..n]).is_ok());
                }
                Err(nix::errno::Errno::EAGAIN) => {}
                Err(_) => closed.push(i),
            }
        }
        for i in closed.into_iter().rev() {
            io.outputs.remove(i);
        }
        // Exit of the container's first process.
        if ready[n_out] {
            while sfd.read_signal().ok().flatten().is_some() {}
            loop {
                match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
                    Ok(WaitStatus::Exited(p, code)) if p == pid => exit = Some(code),
                    Ok(WaitStatus::Signaled(p, sig, _)) if p == pid => exit = Some(128 + sig as i32),
                    Ok(WaitStatus::StillAlive) | Err(_) => break,
                    Ok(_) => {}
                }
            }
        }
        // New clients.
        if ready[n_out + 1] {
            while let Ok((s, _)) = listener.accept() {
                clients.push(s);
            }
        }
        // Client input.
        let mut gone = Vec::new();
        for (i, c) in clients.iter_mut().enumerate() {
            if !ready.get(n_out + 2 + i).copied().unwrap_or(false) {
                continue;
            }
            match read_frame(c) {
                Ok((Frame::Stdin, data)) => {
                    if let Some(inp) = &io.input {
                        let _ = nix::unistd::write(inp, &data);
                    }
                }
                Ok((Frame::CloseStdin, _)) => {
                    if io.pty_master.is_none() {
                        io.input = None;
                    } else if let Some(inp) = &io.input {
                        let _ = nix::unistd::write(inp, &[4u8]); // ^D on a terminal
                    }
                }
                Ok((Frame::Resize, data)) => {
                    if let (Some(m), Some((rows, cols))) = (&io.pty_master, attach::parse_size(&data)) {
                        let ws = libc::winsize { ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0 };
                        // SAFETY: TIOCSWINSZ reads one winsize struct.
                        unsafe { libc::ioctl(m.as_raw_fd(), libc::TIOCSWINSZ, &ws) };
                    }
                }
                Ok(_) => {}
                Err(_) => gone.push(i),
            }
        }
        for i in gone.into_iter().rev() {
            clients.remove(i);
        }
    }
    exit.unwrap_or(-1)
}

//! Starting and ending a container's user-mode network helper.
//!
//! Both helpers run as children of the container's monitor, in the host's
//! namespaces, and attach to the container's network namespace (and the
//! user namespace that owns it) through `/proc/PID/ns/*` of the container's
//! setup process, while that process waits for its go-ahead:
//! - pasta runs in the foreground (`-f`); it is ready once it has written
//!   its pid file (it configures the namespace's interface, address, routes
//!   and port forwards first). Ports are forwarded by pasta itself, which
//!   keeps the client's source address.
//! - slirp4netns reports readiness on a pipe (`-r`), exits when its exit
//!   pipe (`-e`) closes, and forwards ports through its API socket with its
//!   own handler (the client's address is kept, no proxy in between).
//!
//! Each helper gets `PR_SET_PDEATHSIG(SIGKILL)`, so a SIGKILLed monitor
//! takes its helper (and the host ports it holds) with it. Signals go
//! through a pidfd, so a helper already reaped by the monitor's wait loop
//! can never be confused with a process that reused its pid.

use std::io::{BufRead, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::files::{HostsAddrs, PASTA_DNS};
use super::{Mode, PortMapping, SlirpOptions};

/// A running helper.
#[derive(Debug)]
pub struct Helper {
    pub pid: i32,
    /// It holds published host ports (which must be free once it is reaped).
    pub holds_ports: bool,
    pidfd: Option<OwnedFd>,
    /// slirp4netns exits when this (its exit pipe's write end) closes.
    _exit_pipe: Option<OwnedFd>,
}

/// How long a helper that is still alive may take to get ready (one that
/// dies is seen at once). Generous: a unit started at boot on a slow or
/// busy machine waits for its network rather than failing (seen with 10 s
/// in the systemd tier's second boot, tests/quadlet.rs).
const READY_TIMEOUT: Duration = Duration::from_secs(60);

/// Waiting for a started helper to get ready.
type Wait = Box<dyn FnOnce(&Helper) -> Result<(), String>>;

/// A helper started but maybe not ready yet: the launch lets the
/// container set itself up meanwhile and waits before its process runs.
pub struct Pending {
    helper: Helper,
    wait: Wait,
}

impl Pending {
    /// Wait until the helper serves the namespace (ended on failure).
    pub fn wait_ready(self) -> Result<Helper, String> {
        match (self.wait)(&self.helper) {
            Ok(()) => Ok(self.helper),
            Err(e) => {
                stop(self.helper);
                Err(e)
            }
        }
    }

    /// The launch failed before the helper was waited for: end it.
    pub fn abort(self) {
        stop(self.helper)
    }
}

/// Start the helper `mode` needs for the namespaces of process `pid`;
/// `None` for modes without one. `rundir` holds its pid file, log and socket.
pub fn spawn(mode: &Mode, ports: &[PortMapping], pid: i32, rundir: &Path) -> Result<Option<Pending>, String> {
    if mode.has_helper() {
        super::ports::check_bindable(ports)?;
    }
    match mode {
        Mode::Pasta(opts) => spawn_pasta(opts, ports, pid, rundir).map(Some),
        Mode::Slirp4netns(opts) => spawn_slirp(opts, ports, pid, rundir).map(Some),
        _ => Ok(None),
    }
}

/// The addresses `/etc/hosts` names under `mode`.
pub fn hosts_addrs(mode: &Mode) -> HostsAddrs {
    match mode {
        Mode::Pasta(opts) => HostsAddrs {
            container: super::files::default_address_v4(),
            // pasta maps the gateway's address to the host (its loopback
            // included) unless told not to.
            host: if opts.iter().any(|o| o == "--no-map-gw") { None } else { super::files::default_gateway_v4() },
        },
        Mode::Slirp4netns(o) => {
            let (net, _) = slirp_net(o);
            HostsAddrs {
                container: Some(format!("{net}.100")),
                host: if o.allow_host_loopback { Some(format!("{net}.2")) } else { super::files::default_address_v4() },
            }
        }
        Mode::Host => HostsAddrs { container: super::files::default_address_v4(), host: super::files::default_address_v4() },
        _ => HostsAddrs { container: None, host: None },
    }
}

/// slirp4netns's network: the first three octets and the prefix length.
fn slirp_net(o: &SlirpOptions) -> (String, String) {
    let cidr = o.cidr.clone().unwrap_or_else(|| "10.0.2.0/24".into());
    let (addr, len) = cidr.split_once('/').unwrap_or(("10.0.2.0", "24"));
    let a: std::net::Ipv4Addr = addr.parse().unwrap_or(std::net::Ipv4Addr::new(10, 0, 2, 0));
    let o = a.octets();
    (format!("{}.{}.{}", o[0], o[1], o[2]), len.to_string())
}

fn pidfd_open(pid: i32) -> Option<OwnedFd> {
    // SAFETY: pidfd_open takes a pid and flags and returns a new descriptor we own.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    // SAFETY: a non-negative return is a fresh descriptor nobody else owns.
    (fd >= 0).then(|| unsafe { OwnedFd::from_raw_fd(fd as RawFd) })
}

/// `pre_exec` work for a helper: die with the monitor.
fn die_with_parent(cmd: &mut std::process::Command) {
    let parent = std::process::id() as i32;
    // SAFETY: the closure runs in the forked child of our single-threaded
    // monitor and only makes async-signal-safe calls (prctl, getppid).
    unsafe {
        cmd.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            if libc::getppid() != parent {
                return Err(std::io::Error::other("the monitor went away"));
            }
            Ok(())
        })
    };
}

/// The last lines a failed helper logged, without pasta's syslog noise.
fn log_tail(path: &Path) -> String {
    let text = crate::storage::read_regular(path, 1 << 20).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("Failed to send") && !l.contains("syslog")).collect();
    lines.iter().rev().take(3).rev().cloned().collect::<Vec<_>>().join("; ")
}

fn spawn_pasta(opts: &[String], ports: &[PortMapping], pid: i32, rundir: &Path) -> Result<Pending, String> {
    let exe = super::require("pasta").map_err(|e| e.0)?;
    let pidfile = rundir.join("pasta.pid");
    let logfile = rundir.join("pasta.log");
    let _ = std::fs::remove_file(&pidfile);
    let mut args: Vec<String> = vec!["--config-net".into(), "-f".into(), "-q".into()];
    let mut tcp = 0;
    let mut udp = 0;
    for p in ports {
        match p.protocol.as_str() {
            "tcp" => {
                args.extend(["-t".into(), p.pasta_spec()]);
                tcp += 1;
            }
            "udp" => {
                args.extend(["-u".into(), p.pasta_spec()]);
                udp += 1;
            }
            other => return Err(format!("pasta cannot forward {other} ports (only tcp and udp)")),
        }
    }
    if tcp == 0 {
        args.extend(["-t".into(), "none".into()]);
    }
    if udp == 0 {
        args.extend(["-u".into(), "none".into()]);
    }
    // No forwarding from the container to the host's ports by default.
    args.extend(["-T".into(), "none".into(), "-U".into(), "none".into()]);
    args.extend(["--dns-forward".into(), PASTA_DNS.into()]);
    args.extend(opts.iter().cloned());
    let (netns, userns) = namespace_fds(pid)?;
    args.extend(["--netns".into(), "/proc/self/fd/3".into(), "--userns".into(), "/proc/self/fd/4".into(), "-P".into(), pidfile.display().to_string()]);
    let log = std::fs::File::create(&logfile).map_err(|e| format!("creating {}: {e}", logfile.display()))?;
    let mut cmd = std::process::Command::new(&exe);
    cmd.args(&args).stdin(std::process::Stdio::null()).stdout(log.try_clone().map_err(|e| e.to_string())?).stderr(log);
    die_with_parent(&mut cmd);
    let (n, u) = (netns.as_raw_fd(), userns.as_raw_fd());
    // SAFETY: runs in the forked child before exec; only fcntl/dup2.
    unsafe { cmd.pre_exec(move || place_fds(&[(n, 3), (u, 4)])) };
    let mut child = cmd.spawn().map_err(|e| format!("starting {}: {e}", exe.display()))?;
    drop((netns, userns));
    let helper = Helper { pid: child.id() as i32, holds_ports: !ports.is_empty(), pidfd: pidfd_open(child.id() as i32), _exit_pipe: None };
    let wait = move |_: &Helper| -> Result<(), String> {
        let deadline = Instant::now() + READY_TIMEOUT;
        let mut pause = Duration::from_micros(200);
        loop {
            if pidfile.metadata().is_ok_and(|m| m.len() > 0) {
                return Ok(());
            }
            if let Ok(Some(st)) = child.try_wait() {
                return Err(format!("pasta failed ({st}): {}", log_tail(&logfile)));
            }
            if Instant::now() > deadline {
                return Err(format!("pasta did not get ready in {} s: {}", READY_TIMEOUT.as_secs(), log_tail(&logfile)));
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(2));
        }
    };
    Ok(Pending { helper, wait: Box::new(wait) })
}

/// The container's network and user namespaces, opened now: the setup
/// process turns non-dumpable once released, after which its `/proc/PID/ns`
/// files cannot be opened any more; the helper gets these descriptors.
fn namespace_fds(pid: i32) -> Result<(OwnedFd, OwnedFd), String> {
    let open = |ns: &str| {
        let path = format!("/proc/{pid}/ns/{ns}");
        nix::fcntl::open(path.as_str(), nix::fcntl::OFlag::O_RDONLY | nix::fcntl::OFlag::O_CLOEXEC, nix::sys::stat::Mode::empty())
            .map_err(|e| format!("opening {path}: {e}"))
    };
    Ok((open("net")?, open("user")?))
}

/// In a `pre_exec` closure: put each `(from, to)` descriptor at `to`,
/// inherited across exec (all are first copied above 9 so that placing one
/// cannot clobber another).
fn place_fds(pairs: &[(RawFd, RawFd)]) -> std::io::Result<()> {
    let mut lifted = [0 as RawFd; 8];
    for (i, (from, _)) in pairs.iter().enumerate() {
        // SAFETY: duplicating a descriptor the child owns; async-signal-safe.
        let n = unsafe { libc::fcntl(*from, libc::F_DUPFD_CLOEXEC, 10) };
        if n < 0 {
            return Err(std::io::Error::last_os_error());
        }
        lifted[i] = n;
    }
    for (i, (_, to)) in pairs.iter().enumerate() {
        keep_fd(lifted[i], *to)?;
    }
    Ok(())
}

/// Make `fd` survive exec as descriptor `to` in a `pre_exec` closure.
fn keep_fd(from: RawFd, to: RawFd) -> std::io::Result<()> {
    // SAFETY: dup2/fcntl on descriptors this child owns; async-signal-safe.
    unsafe {
        if from == to {
            let fl = libc::fcntl(to, libc::F_GETFD);
            if fl < 0 || libc::fcntl(to, libc::F_SETFD, fl & !libc::FD_CLOEXEC) < 0 {
                return Err(std::io::Error::last_os_error());
            }
        } else if libc::dup2(from, to) < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

fn spawn_slirp(o: &SlirpOptions, ports: &[PortMapping], pid: i32, rundir: &Path) -> Result<Pending, String> {
    let exe = super::require("slirp4netns").map_err(|e| e.0)?;
    let logfile = rundir.join("slirp4netns.log");
    let api = rundir.join("slirp4netns.sock");
    let _ = std::fs::remove_file(&api);
    let (ready_r, ready_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(|e| format!("creating a pipe: {e}"))?;
    let (exit_r, exit_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(|e| format!("creating a pipe: {e}"))?;
    // The API socket path must fit in sun_path (108 bytes): slirp4netns
    // binds it through its descriptor 5, the run directory, and we connect
    // through our own descriptor of it.
    let dirfd =
        nix::fcntl::open(rundir, nix::fcntl::OFlag::O_PATH | nix::fcntl::OFlag::O_DIRECTORY | nix::fcntl::OFlag::O_CLOEXEC, nix::sys::stat::Mode::empty())
            .map_err(|e| format!("opening {}: {e}", rundir.display()))?;
    let api_arg = PathBuf::from("/proc/self/fd/5/slirp4netns.sock");
    let api_ours = PathBuf::from(format!("/proc/self/fd/{}/slirp4netns.sock", dirfd.as_raw_fd()));
    let mut args: Vec<String> = vec!["--configure".into(), format!("--mtu={}", o.mtu.unwrap_or(65520))];
    if !o.allow_host_loopback {
        args.push("--disable-host-loopback".into());
    }
    if o.enable_ipv6 {
        args.push("--enable-ipv6".into());
    }
    if let Some(c) = &o.cidr {
        args.push(format!("--cidr={c}"));
    }
    if let Some(a) = &o.outbound_addr {
        args.push(format!("--outbound-addr={a}"));
    }
    // The sandbox (a mount namespace of its own) needs privileges the
    // monitor, outside the user namespace, does not have; seccomp it can do.
    args.extend(["--enable-seccomp".into(), "-r".into(), "3".into(), "-e".into(), "4".into()]);
    args.extend(["--api-socket".into(), api_arg.display().to_string()]);
    let (netns, userns) = namespace_fds(pid)?;
    args.extend(["--netns-type=path".into(), "--userns-path=/proc/self/fd/7".into(), "/proc/self/fd/6".into(), "tap0".into()]);
    let log = std::fs::File::create(&logfile).map_err(|e| format!("creating {}: {e}", logfile.display()))?;
    let mut cmd = std::process::Command::new(&exe);
    cmd.args(&args).stdin(std::process::Stdio::null()).stdout(log.try_clone().map_err(|e| e.to_string())?).stderr(log);
    die_with_parent(&mut cmd);
    let fds = [(ready_w.as_raw_fd(), 3), (exit_r.as_raw_fd(), 4), (dirfd.as_raw_fd(), 5), (netns.as_raw_fd(), 6), (userns.as_raw_fd(), 7)];
    // SAFETY: runs in the forked child before exec; only fcntl/dup2.
    unsafe { cmd.pre_exec(move || place_fds(&fds)) };
    let mut child = cmd.spawn().map_err(|e| format!("starting {}: {e}", exe.display()))?;
    drop((netns, userns));
    drop(ready_w);
    drop(exit_r);
    let helper = Helper { pid: child.id() as i32, holds_ports: !ports.is_empty(), pidfd: pidfd_open(child.id() as i32), _exit_pipe: Some(exit_w) };
    let ports = ports.to_vec();
    let wait = move |_: &Helper| -> Result<(), String> {
        // Ready: slirp4netns writes "1" on the ready pipe.
        let mut fds = [nix::poll::PollFd::new(std::os::fd::AsFd::as_fd(&ready_r), nix::poll::PollFlags::POLLIN)];
        let ok = matches!(nix::poll::poll(&mut fds, nix::poll::PollTimeout::from(10_000u16)), Ok(n) if n > 0) && {
            let mut b = [0u8; 1];
            matches!(nix::unistd::read(&ready_r, &mut b), Ok(1))
        };
        if !ok {
            let st = child.try_wait().ok().flatten().map(|s| format!(" ({s})")).unwrap_or_default();
            return Err(format!("slirp4netns failed{st}: {}", log_tail(&logfile)));
        }
        let _keep = &dirfd; // the API socket is reached through it
        ports.iter().try_for_each(|p| slirp_forward(&api_ours, p))
    };
    Ok(Pending { helper, wait: Box::new(wait) })
}

/// Publish one mapping through slirp4netns's API (`add_hostfwd`), port by port.
fn slirp_forward(api: &Path, p: &PortMapping) -> Result<(), String> {
    if p.protocol == "sctp" {
        return Err("slirp4netns cannot forward sctp ports (only tcp and udp)".into());
    }
    for i in 0..p.range {
        let req = serde_json::json!({
            "execute": "add_hostfwd",
            "arguments": {
                "proto": p.protocol,
                "host_addr": if p.host_ip.is_empty() { "0.0.0.0" } else { p.host_ip.as_str() },
                "host_port": p.host_port + i,
                "guest_port": p.container_port + i,
            }
        });
        let mut s = std::os::unix::net::UnixStream::connect(api).map_err(|e| format!("connecting to slirp4netns's API socket: {e}"))?;
        s.set_read_timeout(Some(Duration::from_secs(5))).ok();
        s.write_all(req.to_string().as_bytes()).map_err(|e| format!("talking to slirp4netns: {e}"))?;
        let _ = s.shutdown(std::net::Shutdown::Write);
        let mut reply = String::new();
        std::io::BufReader::new((&s).take(64 * 1024)).read_line(&mut reply).map_err(|e| format!("reading slirp4netns's reply: {e}"))?;
        let v: serde_json::Value = serde_json::from_str(reply.trim()).map_err(|_| format!("slirp4netns answered {reply:?}"))?;
        if let Some(err) = v.get("error") {
            let desc = err.get("desc").and_then(|d| d.as_str()).unwrap_or("unknown error");
            return Err(format!("cannot publish host port {}/{}: {desc}", p.host_port + i, p.protocol));
        }
    }
    Ok(())
}

/// End a helper and reap it if it is still ours.
pub fn stop(h: Helper) {
    if kill(&h) {
        reap(h);
    }
}

/// SIGKILL a helper: neither keeps state worth a graceful exit. Returns
/// whether it was still there (then [`reap`] must follow).
pub fn kill(h: &Helper) -> bool {
    match &h.pidfd {
        // SAFETY: pidfd_send_signal on our pidfd; no siginfo.
        Some(fd) => unsafe { libc::syscall(libc::SYS_pidfd_send_signal, fd.as_raw_fd(), libc::SIGKILL, std::ptr::null::<libc::siginfo_t>(), 0) == 0 },
        None => nix::sys::signal::kill(nix::unistd::Pid::from_raw(h.pid), nix::sys::signal::Signal::SIGKILL).is_ok(),
    }
}

/// Wait for a killed helper. Its exit takes a while (pasta closes its tap
/// device, which the kernel unregisters synchronously: ~25 ms here), and
/// its host ports are free only once it is done. The signal was delivered,
/// so it is not reaped yet and its pid cannot have been reused.
pub fn reap(h: Helper) {
    let _ = nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(h.pid), None);
}

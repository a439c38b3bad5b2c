//! Starting and ending a container's user-mode network helper.
//!
//! Both helpers run as children of the container's monitor, in the host's
//! namespaces, and attach to the container's network namespace (and the
//! user namespace that owns it) through `/proc/PID/ns/*` of the container's
//! setup process, while that process waits for its go-ahead:
//! - pasta runs in the foreground (`-f`); it is ready once it has written
//!   its pid file (it configures the namespace's interface, address, routes
//!   and UDP port forwards first). Without published ports or options
//!   of the user's, the container goes on as soon as its namespace has the
//!   default routes pasta adds last in its namespace set-up ([`RouteProbe`]):
//!   Debian 12's pasta then spends ~20 ms of CPU filling socket pools and
//!   buffers before it writes its pid file, which nothing in the container
//!   needs to wait for (packets sent meanwhile queue on the tap device).
//! - slirp4netns reports readiness on a pipe (`-r`), exits when its exit
//!   pipe (`-e`) closes, and forwards UDP ports through its API socket with
//!   its own handler (the client's address is kept, no proxy in between).
//! - Published TCP ports, in both modes, go to rpod's own forwarder
//!   ([`super::forward`]): spliced, and the container sees the client's
//!   address.
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
    /// rpod's own forwarder of the published TCP ports (forward.rs).
    forwarder: Option<super::forward::Forwarder>,
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
        let Pending { mut helper, wait } = self;
        let r = wait(&helper).and_then(|()| helper.forwarder.as_mut().map_or(Ok(()), |f| f.wait_ready()));
        match r {
            Ok(()) => Ok(helper),
            Err(e) => {
                stop(helper);
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
    // TCP ports go to rpod's own forwarder (spliced, the client's address
    // kept: forward.rs); the helper keeps UDP's.
    let own: Vec<PortMapping> = ports.iter().filter(|p| p.protocol != "tcp").cloned().collect();
    let mut pending = match mode {
        Mode::Pasta(opts) => spawn_pasta(opts, &own, pid, rundir)?,
        Mode::Slirp4netns(opts) => spawn_slirp(opts, &own, pid, rundir)?,
        _ => return Ok(None),
    };
    pending.helper.holds_ports = !ports.is_empty();
    if super::forward::wanted(ports) {
        let started = namespace_fds(pid).and_then(|(netns, userns)| super::forward::Forwarder::spawn(ports, &netns, &userns));
        match started {
            Ok(f) => pending.helper.forwarder = Some(f),
            Err(e) => {
                pending.abort();
                return Err(e);
            }
        }
    }
    Ok(Some(pending))
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

pub(super) fn pidfd_open(pid: i32) -> Option<OwnedFd> {
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
    // Without published ports or options of the user's, the container needs
    // only the interface pasta configures first, not the rest of its start.
    let probe = if ports.is_empty() && opts.is_empty() { RouteWant::of_host().and_then(|w| spawn_route_probe(&netns, &userns, w).ok()) } else { None };
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
    let helper = Helper { pid: child.id() as i32, holds_ports: !ports.is_empty(), pidfd: pidfd_open(child.id() as i32), _exit_pipe: None, forwarder: None };
    let wait = move |h: &Helper| -> Result<(), String> {
        let deadline = Instant::now() + READY_TIMEOUT;
        if let Some(probe) = probe {
            if probe.wait(h, &pidfile, deadline) {
                return Ok(());
            }
            // The probe gave up (pasta failed, or configured something else):
            // the pid file and pasta's exit status decide, as without it.
        }
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

/// The default routes pasta's `--config-net` gives the container: one per
/// address family for which the host has a default route (pasta copies the
/// host's addresses and gateway from that route's interface). Adding the
/// last of them is the last step of its namespace configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RouteWant {
    v4: bool,
    v6: bool,
}

impl RouteWant {
    /// What the host has (`/proc/net/route`, `/proc/net/ipv6_route`); `None`
    /// when it has no default route at all (pasta then fails on its own).
    fn of_host() -> Option<RouteWant> {
        let w = RouteWant { v4: has_default_route(Path::new("/proc/net/route"), false), v6: has_default_route(Path::new("/proc/net/ipv6_route"), true) };
        (w.v4 || w.v6).then_some(w)
    }

    /// Whether the network namespace this process is in has those routes.
    fn met_here(self) -> bool {
        (!self.v4 || has_default_route(Path::new("/proc/thread-self/net/route"), false))
            && (!self.v6 || has_default_route(Path::new("/proc/thread-self/net/ipv6_route"), true))
    }
}

fn has_default_route(table: &Path, v6: bool) -> bool {
    let text = crate::storage::read_regular(table, 1 << 20).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    has_default_route_in(&text, v6)
}

/// A default route not on `lo` and not a reject route, in the text of
/// `/proc/net/route` (v4) or `/proc/net/ipv6_route` (v6).
fn has_default_route_in(text: &str, v6: bool) -> bool {
    const RTF_UP: u32 = 0x1;
    const RTF_REJECT: u32 = 0x200;
    text.lines().any(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        let (iface, dest_zero, flags) = if v6 {
            // dest plen src plen next-hop metric refcnt use flags iface
            if f.len() < 10 {
                return false;
            }
            (f[9], f[0].bytes().all(|b| b == b'0') && f[1] == "00", u32::from_str_radix(f[8], 16).unwrap_or(0))
        } else {
            // Iface Destination Gateway Flags RefCnt Use Metric Mask ...
            if f.len() < 8 {
                return false;
            }
            (f[0], f[1] == "00000000" && f[7] == "00000000", u32::from_str_radix(f[3], 16).unwrap_or(0))
        };
        dest_zero && iface != "lo" && flags & RTF_UP != 0 && flags & RTF_REJECT == 0
    })
}

/// A child of the monitor inside the container's user and network
/// namespaces that exits 0 once the namespace has the routes pasta adds.
struct RouteProbe {
    pid: nix::unistd::Pid,
    pidfd: Option<OwnedFd>,
}

/// Fork the probe. The monitor is single-threaded, so the child may
/// allocate; it is non-dumpable before it joins anything (no container
/// process runs yet, and none may reach into a copy of rpod:
/// CVE-2019-5736), dies with the monitor, and never execs. Route changes
/// wake it through a netlink socket (no timer); it re-reads the tables then.
fn spawn_route_probe(netns: &OwnedFd, userns: &OwnedFd, want: RouteWant) -> Result<RouteProbe, String> {
    let parent = nix::unistd::getpid();
    // SAFETY: the monitor is single-threaded (no lock can be held by another
    // thread across the fork); the child only runs the code below and _exits.
    match unsafe { nix::unistd::fork() }.map_err(|e| format!("fork: {e}"))? {
        nix::unistd::ForkResult::Child => {
            let ok = (|| -> Option<()> {
                // SAFETY: prctl with integer arguments only.
                (unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0) } == 0).then_some(())?;
                (nix::unistd::getppid() == parent).then_some(())?;
                nix::sys::prctl::set_dumpable(false).ok()?;
                // Nothing of the monitor's crosses into the namespaces: only
                // stdio (/dev/null) and the two namespace descriptors stay.
                let (lo, hi) = (netns.as_raw_fd().min(userns.as_raw_fd()), netns.as_raw_fd().max(userns.as_raw_fd()));
                for (from, to) in [(3, lo - 1), (lo + 1, hi - 1), (hi + 1, libc::c_int::MAX)] {
                    if from <= to {
                        // SAFETY: close_range on descriptor numbers only; nothing in this child uses the closed ones.
                        unsafe { libc::syscall(libc::SYS_close_range, from as libc::c_uint, to as libc::c_uint, 0) };
                    }
                }
                nix::sched::setns(userns, nix::sched::CloneFlags::CLONE_NEWUSER).ok()?;
                nix::sched::setns(netns, nix::sched::CloneFlags::CLONE_NEWNET).ok()?;
                // SAFETY: plain socket(2); the result is checked and owned below.
                let fd = unsafe { libc::socket(libc::AF_NETLINK, libc::SOCK_RAW | libc::SOCK_CLOEXEC | libc::SOCK_NONBLOCK, libc::NETLINK_ROUTE) };
                (fd >= 0).then_some(())?;
                // SAFETY: a fresh descriptor nobody else owns.
                let sock = unsafe { OwnedFd::from_raw_fd(fd) };
                // SAFETY: sockaddr_nl is plain data; all-zero is valid.
                let mut sa: libc::sockaddr_nl = unsafe { std::mem::zeroed() };
                sa.nl_family = libc::AF_NETLINK as libc::sa_family_t;
                sa.nl_groups = (libc::RTMGRP_IPV4_ROUTE | libc::RTMGRP_IPV6_ROUTE) as u32;
                // SAFETY: bind with a sockaddr_nl of the size we pass.
                let r = unsafe { libc::bind(sock.as_raw_fd(), (&sa as *const libc::sockaddr_nl).cast(), std::mem::size_of::<libc::sockaddr_nl>() as u32) };
                (r == 0).then_some(())?;
                let mut buf = [0u8; 8192];
                // Subscribed first, then checked: no change can slip between.
                while !want.met_here() {
                    let mut fds = [nix::poll::PollFd::new(std::os::fd::AsFd::as_fd(&sock), nix::poll::PollFlags::POLLIN)];
                    let _ = nix::poll::poll(&mut fds, nix::poll::PollTimeout::from(1000u16));
                    while nix::sys::socket::recv(sock.as_raw_fd(), &mut buf, nix::sys::socket::MsgFlags::empty()).is_ok_and(|n| n > 0) {}
                }
                Some(())
            })();
            // SAFETY: _exit in the forked child: no destructors of the monitor's state run here.
            unsafe { libc::_exit(if ok.is_some() { 0 } else { 1 }) }
        }
        nix::unistd::ForkResult::Parent { child } => Ok(RouteProbe { pid: child, pidfd: crate::runtime::process::pidfd_open(child).ok() }),
    }
}

impl RouteProbe {
    /// Wait for the probe; `true` once the routes are there or pasta has
    /// written its pid file (fully ready: a route pasta could not add must
    /// not hold the container up). `false` if the probe failed, pasta exited
    /// or the deadline passed. Either way the probe is ended and reaped.
    fn wait(self, pasta: &Helper, pidfile: &Path, deadline: Instant) -> bool {
        use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
        use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
        let mut reaped = false;
        let mut met = false;
        while !reaped && Instant::now() < deadline {
            let mut fds = Vec::new();
            if let Some(p) = &self.pidfd {
                fds.push(PollFd::new(std::os::fd::AsFd::as_fd(p), PollFlags::POLLIN));
            }
            let pasta_at = pasta.pidfd.as_ref().map(|p| {
                fds.push(PollFd::new(std::os::fd::AsFd::as_fd(p), PollFlags::POLLIN));
                fds.len() - 1
            });
            // The exits wake the poll; the pid file is looked at every 2 ms.
            let _ = poll(&mut fds, PollTimeout::from(2u16));
            if pidfile.metadata().is_ok_and(|m| m.len() > 0) {
                met = true;
                break;
            }
            // pasta's pidfd is readable once it has exited: it failed.
            let pasta_gone = pasta_at.is_some_and(|i| fds[i].revents().is_some_and(|r| !r.is_empty()));
            drop(fds);
            match waitpid(self.pid, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::StillAlive) if !pasta_gone => {}
                Ok(WaitStatus::StillAlive) => break,
                st => {
                    reaped = true;
                    met = matches!(st, Ok(WaitStatus::Exited(_, 0)));
                }
            }
        }
        if !reaped {
            // Still our unreaped child: its pid cannot have been reused.
            let _ = nix::sys::signal::kill(self.pid, nix::sys::signal::Signal::SIGKILL);
            let _ = waitpid(self.pid, None);
        }
        met
    }
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
    let helper =
        Helper { pid: child.id() as i32, holds_ports: !ports.is_empty(), pidfd: pidfd_open(child.id() as i32), _exit_pipe: Some(exit_w), forwarder: None };
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
    if let Some(f) = &h.forwarder {
        f.kill();
    }
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
    if let Some(f) = &h.forwarder {
        f.reap();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_routes_are_found_in_the_proc_tables() {
        let v4 = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
                  eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n\
                  eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
        assert!(has_default_route_in(v4, false));
        // Only the subnet route: pasta has not added the default route yet.
        let partial = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
                       eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
        assert!(!has_default_route_in(partial, false));
        // A fresh namespace: only the unreachable default route on lo.
        let v6_fresh = "00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n";
        assert!(!has_default_route_in(v6_fresh, true));
        let v6 = "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003     eth0\n";
        assert!(has_default_route_in(v6, true));
        assert!(!has_default_route_in("", true) && !has_default_route_in("garbage", false));
    }
}

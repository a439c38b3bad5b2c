//! rpod's own forwarder for published TCP ports: spliced, and the container
//! sees the client's real address.
//!
//! User-mode helpers move a published port's bytes through their own packet
//! paths: pasta's tap path is bound by pasta's CPU (a quarter of a veth
//! pair's throughput here), Debian 12's pasta corrupts or stalls a stream
//! whose container side has shut down its sending direction first, and
//! slirp4netns's own handler is slower still. Podman's answer, rootlessport,
//! splices (fast) but the container then sees its own address as every
//! client's. This forwarder does both right:
//!
//! 1. A child of the monitor binds the host ports (in the host's network
//!    namespace, as the user) and then joins the container's user and
//!    network namespaces (non-dumpable first: nothing of the container's may
//!    reach into it; it is not in the container's pid namespace either).
//! 2. There it adds a policy rule per published container port,
//!    `ipproto tcp sport PORT lookup 100` with `local default dev lo` in
//!    table 100, for IPv4 and IPv6: the container's replies from a published
//!    port are delivered locally, whatever address they go to.
//! 3. Each accepted connection is connected inside the namespace from a
//!    transparent socket (`IP_TRANSPARENT`, allowed by the capabilities the
//!    forwarder holds in the container's user namespace) bound to the
//!    client's own address and port, to the namespace's address: the server
//!    sees the client as it is. A client on the host's loopback is connected
//!    from the namespace's loopback instead (as pasta's splice path does).
//! 4. Two threads per connection splice the directions (socket → pipe →
//!    socket, no copy through user space); an end of file in one direction
//!    is passed on as a shutdown of that direction only (half-close), an
//!    error ends both.
//!
//! UDP ports stay with the helper (pasta or slirp4netns). The rules cost one
//! thing: a TCP connection the container itself opens *from* a published
//! port's number (an outgoing connection whose local port happens to be one
//! of them) is not routed out. The forwarder dies with the monitor
//! (`PR_SET_PDEATHSIG`) and is SIGKILLed when the container stops, which
//! frees the host ports at once.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::PortMapping;

/// The routing table that delivers the container's replies locally.
const TABLE: u32 = 100;
/// The rules' priority: after `local` (0), before `main` (32766).
const PRIORITY: u32 = 100;
/// At most this many connections at once (two threads each); more are
/// accepted and closed, so a flood cannot take the user's process quota.
const MAX_CONNECTIONS: usize = 1000;
/// A pump thread's stack: it only loops over splice(2).
const STACK: usize = 64 << 10;
/// How long connections may still deliver after the container stopped.
const DRAIN: Duration = Duration::from_millis(500);

/// The forwarder of one container, as the monitor holds it.
#[derive(Debug)]
pub struct Forwarder {
    pub pid: i32,
    pidfd: Option<OwnedFd>,
    /// Reads one 0 byte when the forwarder serves, or its error text.
    ready: Option<OwnedFd>,
    /// A SIGKILL was delivered: it is not reaped yet, so its pid is still ours to wait for.
    killed: std::cell::Cell<bool>,
}

/// Whether `ports` has anything for this forwarder.
pub fn wanted(ports: &[PortMapping]) -> bool {
    ports.iter().any(|p| p.protocol == "tcp")
}

/// One host port and the container port it leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Route {
    host: SocketAddr,
    container_port: u16,
}

/// The host sockets to bind for `ports` (TCP only): a mapping without a
/// host address listens on IPv4's and IPv6's wildcard, as pasta does.
fn routes(ports: &[PortMapping]) -> Result<Vec<Route>, String> {
    let mut out = Vec::new();
    for p in ports.iter().filter(|p| p.protocol == "tcp") {
        let ips: Vec<IpAddr> = if p.host_ip.is_empty() {
            vec![IpAddr::V4(Ipv4Addr::UNSPECIFIED), IpAddr::V6(Ipv6Addr::UNSPECIFIED)]
        } else {
            let s = p.host_ip.trim_start_matches('[').trim_end_matches(']');
            vec![s.parse().map_err(|_| format!("invalid host address {:?} for port {}", p.host_ip, p.host_port))?]
        };
        for i in 0..p.range {
            for ip in &ips {
                out.push(Route { host: SocketAddr::new(*ip, p.host_port + i), container_port: p.container_port + i });
            }
        }
    }
    Ok(out)
}

/// The container ports to route back: (first, last) ranges.
fn port_ranges(ports: &[PortMapping]) -> Vec<(u16, u16)> {
    let mut r: Vec<(u16, u16)> = ports.iter().filter(|p| p.protocol == "tcp").map(|p| (p.container_port, p.container_port + (p.range.max(1) - 1))).collect();
    r.sort_unstable();
    r.dedup();
    r
}

impl Forwarder {
    /// Start the forwarder for `ports` into the namespaces `netns` and
    /// `userns` (of the container's setup process). The monitor is
    /// single-threaded, so the child may allocate after the fork.
    pub fn spawn(ports: &[PortMapping], netns: &OwnedFd, userns: &OwnedFd) -> Result<Forwarder, String> {
        let routes = routes(ports)?;
        let ranges = port_ranges(ports);
        let (ready_r, ready_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(|e| format!("creating a pipe: {e}"))?;
        let parent = nix::unistd::getpid();
        // SAFETY: the monitor is single-threaded (no lock can be held by
        // another thread across the fork); the child runs `child` and _exits.
        match unsafe { nix::unistd::fork() }.map_err(|e| format!("fork: {e}"))? {
            nix::unistd::ForkResult::Child => {
                drop(ready_r);
                child(parent, &routes, &ranges, netns, userns, ready_w)
            }
            nix::unistd::ForkResult::Parent { child } => {
                drop(ready_w);
                let pidfd = super::helper::pidfd_open(child.as_raw());
                Ok(Forwarder { pid: child.as_raw(), pidfd, ready: Some(ready_r), killed: std::cell::Cell::new(false) })
            }
        }
    }

    /// Wait until the forwarder serves (its ports bound, its rules in).
    pub fn wait_ready(&mut self) -> Result<(), String> {
        let Some(r) = self.ready.take() else { return Ok(()) };
        let mut f = std::fs::File::from(r);
        let mut buf = Vec::new();
        // It writes one byte or its error and closes (or dies: end of file).
        let _ = std::io::Read::read_to_end(&mut std::io::Read::take(&mut f, 4096), &mut buf);
        match buf.as_slice() {
            [0] => Ok(()),
            [] => Err("rpod's port forwarder died while starting".into()),
            text => Err(String::from_utf8_lossy(text).into_owned()),
        }
    }

    /// End it: SIGTERM, on which it closes its listeners at once and exits
    /// when its connections have delivered what the container wrote (at
    /// most [`DRAIN`] later; a SIGKILL would cut data in flight, such as a
    /// reply the container wrote just before it exited). Returns whether it
    /// was still there ([`Forwarder::reap`] must follow).
    pub fn kill(&self) -> bool {
        let delivered = match &self.pidfd {
            // SAFETY: pidfd_send_signal on our pidfd; no siginfo.
            Some(fd) => unsafe { libc::syscall(libc::SYS_pidfd_send_signal, fd.as_raw_fd(), libc::SIGTERM, std::ptr::null::<libc::siginfo_t>(), 0) == 0 },
            None => nix::sys::signal::kill(nix::unistd::Pid::from_raw(self.pid), nix::sys::signal::Signal::SIGTERM).is_ok(),
        };
        self.killed.set(self.killed.get() || delivered);
        delivered
    }

    /// Wait for the killed forwarder: its host ports are free after this.
    pub fn reap(&self) {
        if self.killed.replace(false) {
            let _ = nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(self.pid), None);
        }
    }
}

/// The forwarder process. Never returns.
fn child(parent: nix::unistd::Pid, routes: &[Route], ranges: &[(u16, u16)], netns: &OwnedFd, userns: &OwnedFd, ready: OwnedFd) -> ! {
    let mut ready = std::fs::File::from(ready);
    match setup(parent, routes, ranges, netns, userns, ready.as_raw_fd()) {
        Ok(listeners) => {
            let _ = ready.write_all(&[0]);
            drop(ready);
            serve(listeners)
        }
        Err(e) => {
            let _ = ready.write_all(e.as_bytes());
            // SAFETY: _exit ends this forked child without running the monitor's exit handlers.
            unsafe { libc::_exit(1) }
        }
    }
}

fn setup(
    parent: nix::unistd::Pid,
    routes: &[Route],
    ranges: &[(u16, u16)],
    netns: &OwnedFd,
    userns: &OwnedFd,
    ready: RawFd,
) -> Result<Vec<(TcpListener, u16)>, String> {
    // SAFETY: prctl and signal with integer arguments only.
    unsafe {
        if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0) != 0 {
            return Err("prctl(PR_SET_PDEATHSIG) failed".into());
        }
        libc::prctl(libc::PR_SET_NAME, c"rpod-forward".as_ptr() as libc::c_ulong, 0, 0, 0);
        // A peer gone mid-splice is an EPIPE to handle, not a signal.
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    // SIGTERM (the container stopped) is read by the accept loop through a
    // signalfd: blocked here, before any thread exists, so every thread has it blocked.
    let mut term = nix::sys::signal::SigSet::empty();
    term.add(nix::sys::signal::Signal::SIGTERM);
    term.thread_block().map_err(|e| format!("blocking SIGTERM: {e}"))?;
    if nix::unistd::getppid() != parent {
        return Err("the monitor went away".into());
    }
    // Nothing of the container's may ever reach into this process
    // (CVE-2019-5736 class): it joins the container's namespaces below.
    nix::sys::prctl::set_dumpable(false).map_err(|e| format!("prctl(PR_SET_DUMPABLE): {e}"))?;
    raise_nofile();
    let mut listeners = Vec::new();
    for r in routes {
        match listen(r.host) {
            Ok(l) => listeners.push((l, r.container_port)),
            // A wildcard IPv6 socket on a host without IPv6: IPv4 serves.
            Err(e) if r.host.is_ipv6() && r.host.ip().is_unspecified() && matches!(e.raw_os_error(), Some(libc::EAFNOSUPPORT) | Some(libc::EADDRNOTAVAIL)) => {}
            Err(e) => return Err(format!("cannot publish host port {}/tcp on {}: {e}", r.host.port(), r.host.ip())),
        }
    }
    // Only the listeners, the namespaces and the ready pipe stay open: no
    // descriptor of the monitor's (its store, its pipes) crosses into the
    // container's namespaces (CVE-2024-21626 class).
    let mut keep: Vec<RawFd> = listeners.iter().map(|(l, _)| l.as_raw_fd()).collect();
    keep.extend([netns.as_raw_fd(), userns.as_raw_fd(), ready]);
    close_all_but(&mut keep);
    nix::sched::setns(userns, nix::sched::CloneFlags::CLONE_NEWUSER).map_err(|e| format!("joining the container's user namespace: {e}"))?;
    nix::sched::setns(netns, nix::sched::CloneFlags::CLONE_NEWNET).map_err(|e| format!("joining the container's network namespace: {e}"))?;
    // Joined: the namespace descriptors are not needed any more (this child
    // never returns, so nothing else closes or uses these numbers).
    // SAFETY: closing descriptors this process holds and never uses again.
    unsafe {
        libc::close(netns.as_raw_fd());
        libc::close(userns.as_raw_fd());
    }
    let lo = nix::net::if_::if_nametoindex("lo").map_err(|e| format!("no loopback in the container's network namespace: {e}"))?;
    // A route through lo needs lo up; the container's set-up brings it up too.
    loopback_up().map_err(|e| format!("bringing up the container's loopback: {e}"))?;
    for family in [libc::AF_INET, libc::AF_INET6] {
        let r = netlink::add_local_route(family as u8, lo).and_then(|_| ranges.iter().try_for_each(|&(a, b)| netlink::add_sport_rule(family as u8, a, b)));
        match r {
            Ok(()) => {}
            // A namespace without IPv6 (ipv6.disable=1 on the host).
            Err(e) if family == libc::AF_INET6 && matches!(e, libc::EAFNOSUPPORT | libc::EOPNOTSUPP) => {}
            Err(e) => {
                return Err(format!("setting up the port forwarder's routing in the container: {}", std::io::Error::from_raw_os_error(e)));
            }
        }
    }
    Ok(listeners)
}

/// Set `IFF_UP` on this namespace's `lo`.
fn loopback_up() -> std::io::Result<()> {
    let fd = socket(SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 0))?;
    // SAFETY: ifreq is plain data; all-zero is valid.
    let mut ifr: libc::ifreq = unsafe { std::mem::zeroed() };
    for (d, s) in ifr.ifr_name.iter_mut().zip(b"lo\0") {
        *d = *s as libc::c_char;
    }
    // SAFETY: SIOCGIFFLAGS/SIOCSIFFLAGS read and write the ifreq we pass; ifru_flags is the member they use.
    unsafe {
        if libc::ioctl(fd.as_raw_fd(), libc::SIOCGIFFLAGS, &mut ifr) < 0 {
            return Err(std::io::Error::last_os_error());
        }
        ifr.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
        if libc::ioctl(fd.as_raw_fd(), libc::SIOCSIFFLAGS, &ifr) < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// As many descriptors as the hard limit allows: each connection takes six.
fn raise_nofile() {
    if let Ok((_, hard)) = nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE) {
        let _ = nix::sys::resource::setrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE, hard, hard);
    }
}

/// Close every descriptor from 3 up except those in `keep`.
fn close_all_but(keep: &mut [RawFd]) {
    keep.sort_unstable();
    let mut from: RawFd = 3;
    for &k in keep.iter() {
        if k >= from {
            if k > from {
                // SAFETY: close_range on descriptor numbers this process owns; none of them is used again.
                unsafe { libc::syscall(libc::SYS_close_range, from as libc::c_uint, (k - 1) as libc::c_uint, 0) };
            }
            from = k + 1;
        }
    }
    // SAFETY: as above, for everything above the last kept descriptor.
    unsafe { libc::syscall(libc::SYS_close_range, from as libc::c_uint, libc::c_uint::MAX, 0) };
}

/// A listening TCP socket on `addr` (IPv6 sockets IPv6-only, so that the
/// two wildcards can share a port, as pasta binds them).
fn listen(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let fd = socket(addr)?;
    setsockopt_int(&fd, libc::SOL_SOCKET, libc::SO_REUSEADDR, 1)?;
    if addr.is_ipv6() {
        setsockopt_int(&fd, libc::IPPROTO_IPV6, libc::IPV6_V6ONLY, 1)?;
    }
    bind(&fd, addr)?;
    // SAFETY: listen on a socket we own.
    if unsafe { libc::listen(fd.as_raw_fd(), libc::SOMAXCONN) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(TcpListener::from(fd))
}

fn socket(addr: SocketAddr) -> std::io::Result<OwnedFd> {
    let family = if addr.is_ipv4() { libc::AF_INET } else { libc::AF_INET6 };
    // SAFETY: plain socket(2); the result is checked and owned below.
    let fd = unsafe { libc::socket(family, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: a fresh descriptor nobody else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

fn setsockopt_int(fd: &OwnedFd, level: libc::c_int, name: libc::c_int, v: libc::c_int) -> std::io::Result<()> {
    // SAFETY: setsockopt with a pointer to an int and its size.
    let r = unsafe { libc::setsockopt(fd.as_raw_fd(), level, name, (&v as *const libc::c_int).cast(), std::mem::size_of::<libc::c_int>() as libc::socklen_t) };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// A `sockaddr_in`/`sockaddr_in6` for `addr`, and its length.
fn sockaddr(addr: SocketAddr) -> (libc::sockaddr_storage, libc::socklen_t) {
    // SAFETY: sockaddr_storage is plain data; all-zero is valid.
    let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let len = match addr {
        SocketAddr::V4(a) => {
            // SAFETY: sockaddr_storage is large enough and aligned for sockaddr_in.
            let sin = unsafe { &mut *(&mut ss as *mut libc::sockaddr_storage).cast::<libc::sockaddr_in>() };
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            sin.sin_port = a.port().to_be();
            sin.sin_addr = libc::in_addr { s_addr: u32::from(*a.ip()).to_be() };
            std::mem::size_of::<libc::sockaddr_in>()
        }
        SocketAddr::V6(a) => {
            // SAFETY: sockaddr_storage is large enough and aligned for sockaddr_in6.
            let sin6 = unsafe { &mut *(&mut ss as *mut libc::sockaddr_storage).cast::<libc::sockaddr_in6>() };
            sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sin6.sin6_port = a.port().to_be();
            sin6.sin6_addr = libc::in6_addr { s6_addr: a.ip().octets() };
            sin6.sin6_scope_id = a.scope_id();
            std::mem::size_of::<libc::sockaddr_in6>()
        }
    };
    (ss, len as libc::socklen_t)
}

fn bind(fd: &OwnedFd, addr: SocketAddr) -> std::io::Result<()> {
    let (ss, len) = sockaddr(addr);
    // SAFETY: bind with a sockaddr of the length we pass.
    if unsafe { libc::bind(fd.as_raw_fd(), (&ss as *const libc::sockaddr_storage).cast(), len) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

fn connect(fd: &OwnedFd, addr: SocketAddr) -> std::io::Result<()> {
    let (ss, len) = sockaddr(addr);
    // SAFETY: connect with a sockaddr of the length we pass.
    if unsafe { libc::connect(fd.as_raw_fd(), (&ss as *const libc::sockaddr_storage).cast(), len) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Accept connections forever; each gets its own pump threads.
fn serve(listeners: Vec<(TcpListener, u16)>) -> ! {
    for (l, _) in &listeners {
        let _ = l.set_nonblocking(true);
    }
    let live = Arc::new(AtomicUsize::new(0));
    let mut term = nix::sys::signal::SigSet::empty();
    term.add(nix::sys::signal::Signal::SIGTERM);
    let sfd = nix::sys::signalfd::SignalFd::with_flags(&term, nix::sys::signalfd::SfdFlags::SFD_CLOEXEC).ok();
    loop {
        let mut fds: Vec<nix::poll::PollFd> =
            listeners.iter().map(|(l, _)| nix::poll::PollFd::new(std::os::fd::AsFd::as_fd(l), nix::poll::PollFlags::POLLIN)).collect();
        if let Some(sfd) = &sfd {
            fds.push(nix::poll::PollFd::new(std::os::fd::AsFd::as_fd(sfd), nix::poll::PollFlags::POLLIN));
        }
        if nix::poll::poll(&mut fds, nix::poll::PollTimeout::NONE).is_err() {
            continue;
        }
        if sfd.is_some() && fds.last().and_then(|f| f.revents()).is_some_and(|r| !r.is_empty()) {
            drop(fds);
            drain(listeners, &live);
        }
        let ready: Vec<bool> = fds.iter().map(|f| f.revents().is_some_and(|r| !r.is_empty())).collect();
        for (i, (l, cport)) in listeners.iter().enumerate() {
            if !ready[i] {
                continue;
            }
            match l.accept() {
                Ok((host, peer)) => {
                    if live.load(Ordering::Relaxed) >= MAX_CONNECTIONS {
                        continue; // dropped: closed at once
                    }
                    let _ = host.set_nonblocking(false);
                    live.fetch_add(1, Ordering::Relaxed);
                    let (live2, cport) = (live.clone(), *cport);
                    let spawned = std::thread::Builder::new().stack_size(STACK).spawn(move || {
                        forward(host, peer, cport);
                        live2.fetch_sub(1, Ordering::Relaxed);
                    });
                    if spawned.is_err() {
                        live.fetch_sub(1, Ordering::Relaxed);
                    }
                }
                // Out of descriptors or memory: the connection waits in the
                // backlog; pause rather than spin on it.
                Err(e) if matches!(e.raw_os_error(), Some(libc::EMFILE) | Some(libc::ENFILE) | Some(libc::ENOBUFS) | Some(libc::ENOMEM)) => {
                    std::thread::sleep(Duration::from_millis(50))
                }
                Err(_) => {}
            }
        }
    }
}

/// The container stopped: free the host ports at once (close the
/// listeners), let the connections under way deliver what the container
/// wrote before it ended (its sockets are closed, so they end by
/// themselves), at most for [`DRAIN`], and exit.
fn drain(listeners: Vec<(TcpListener, u16)>, live: &AtomicUsize) -> ! {
    drop(listeners);
    let end = std::time::Instant::now() + DRAIN;
    while live.load(Ordering::Relaxed) > 0 && std::time::Instant::now() < end {
        std::thread::sleep(Duration::from_millis(2));
    }
    // SAFETY: _exit ends this process without running the monitor's exit handlers.
    unsafe { libc::_exit(0) }
}

/// Connect one client inside the namespace and splice until both
/// directions are done.
fn forward(host: TcpStream, peer: SocketAddr, cport: u16) {
    let Some(inner) = connect_inside(peer, cport) else { return };
    let _ = host.set_nodelay(true);
    let _ = inner.set_nodelay(true);
    let (Ok(host2), Ok(inner2)) = (host.try_clone(), inner.try_clone()) else { return };
    let back = match std::thread::Builder::new().stack_size(STACK).spawn(move || pump(&inner2, &host2)) {
        Ok(t) => t,
        // No thread for the way back: end the connection rather than carry one direction.
        Err(_) => {
            let _ = host.shutdown(std::net::Shutdown::Both);
            let _ = inner.shutdown(std::net::Shutdown::Both);
            return;
        }
    };
    pump(&host, &inner);
    let _ = back.join();
}

/// The socket inside the namespace for a client at `peer`.
fn connect_inside(peer: SocketAddr, cport: u16) -> Option<TcpStream> {
    let peer = match peer {
        SocketAddr::V6(a) => match a.ip().to_ipv4_mapped() {
            Some(v4) => SocketAddr::new(IpAddr::V4(v4), a.port()),
            None => peer,
        },
        v4 => v4,
    };
    if peer.ip().is_loopback() {
        // As pasta's splice path: from the namespace's own loopback.
        let (first, other) = if peer.is_ipv4() {
            (IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V6(Ipv6Addr::LOCALHOST))
        } else {
            (IpAddr::V6(Ipv6Addr::LOCALHOST), IpAddr::V4(Ipv4Addr::LOCALHOST))
        };
        return TcpStream::connect(SocketAddr::new(first, cport)).or_else(|_| TcpStream::connect(SocketAddr::new(other, cport))).ok();
    }
    let target = SocketAddr::new(namespace_address(peer.is_ipv6())?, cport);
    let fd = socket(peer).ok()?;
    let (level, name) = if peer.is_ipv4() { (libc::SOL_IP, libc::IP_TRANSPARENT) } else { (libc::SOL_IPV6, libc::IPV6_TRANSPARENT) };
    setsockopt_int(&fd, level, name, 1).ok()?;
    // The client's own address and port; another host port leading to the
    // same container port may have taken the pair: then any port.
    if bind(&fd, peer).is_err() {
        bind(&fd, SocketAddr::new(peer.ip(), 0)).ok()?;
    }
    connect(&fd, target).ok()?;
    Some(TcpStream::from(fd))
}

/// The namespace's own address of a family (the first global one on an
/// interface that is up), which the helper configured.
fn namespace_address(v6: bool) -> Option<IpAddr> {
    let addrs = nix::ifaddrs::getifaddrs().ok()?;
    for a in addrs {
        if a.interface_name == "lo" || !a.flags.contains(nix::net::if_::InterfaceFlags::IFF_UP) {
            continue;
        }
        let Some(sa) = a.address else { continue };
        if let (false, Some(s)) = (v6, sa.as_sockaddr_in()) {
            return Some(IpAddr::V4(s.ip()));
        }
        if let (true, Some(s)) = (v6, sa.as_sockaddr_in6()) {
            let ip = s.ip();
            // Link-local addresses need a scope; pasta's copies of the host's
            // global address come first anyway.
            if (ip.segments()[0] & 0xffc0) != 0xfe80 {
                return Some(IpAddr::V6(ip));
            }
        }
    }
    None
}

/// Move one direction's bytes from `src` to `dst` through a pipe until
/// `src` ends (then `dst`'s sending side is shut: a half-close is passed on)
/// or an error (then both connections are shut, which ends the other pump).
fn pump(src: &TcpStream, dst: &TcpStream) {
    let Ok((r, w)) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC) else {
        let _ = src.shutdown(std::net::Shutdown::Both);
        let _ = dst.shutdown(std::net::Shutdown::Both);
        return;
    };
    // A larger pipe moves more per call; the default stays if the user's
    // pipe quota is spent.
    // SAFETY: fcntl(F_SETPIPE_SZ) on a pipe we own.
    let cap = match unsafe { libc::fcntl(w.as_raw_fd(), libc::F_SETPIPE_SZ, 1 << 20) } {
        n if n > 0 => n as usize,
        _ => 64 << 10,
    };
    loop {
        // SAFETY: splice between descriptors we hold open; null offsets (sockets and pipes).
        let n = unsafe { libc::splice(src.as_raw_fd(), std::ptr::null_mut(), w.as_raw_fd(), std::ptr::null_mut(), cap, libc::SPLICE_F_MOVE) };
        if n == 0 {
            let _ = dst.shutdown(std::net::Shutdown::Write);
            return;
        }
        if n < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            break;
        }
        let mut left = n as usize;
        while left > 0 {
            // SAFETY: as above.
            let m = unsafe { libc::splice(r.as_raw_fd(), std::ptr::null_mut(), dst.as_raw_fd(), std::ptr::null_mut(), left, libc::SPLICE_F_MOVE) };
            if m <= 0 {
                if m < 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                    continue;
                }
                let _ = src.shutdown(std::net::Shutdown::Both);
                let _ = dst.shutdown(std::net::Shutdown::Both);
                return;
            }
            left -= m as usize;
        }
    }
    let _ = src.shutdown(std::net::Shutdown::Both);
    let _ = dst.shutdown(std::net::Shutdown::Both);
}

/// The two routing messages the forwarder needs (rtnetlink; the
/// `ip rule`/`ip route` commands are not assumed to be installed).
mod netlink {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

    const NLMSG_ERROR: u16 = 2;
    const RTM_NEWROUTE: u16 = 24;
    const RTM_NEWRULE: u16 = 32;
    const FLAGS: u16 = (libc::NLM_F_REQUEST | libc::NLM_F_ACK | libc::NLM_F_CREATE | libc::NLM_F_EXCL) as u16;
    const RTA_OIF: u16 = 4;
    const RTA_TABLE: u16 = 15;
    const FRA_PRIORITY: u16 = 6;
    const FRA_TABLE: u16 = 15;
    const FRA_IP_PROTO: u16 = 22;
    const FRA_SPORT_RANGE: u16 = 23;
    const FR_ACT_TO_TBL: u8 = 1;
    const RTPROT_BOOT: u8 = 3;
    const RT_SCOPE_HOST: u8 = 254;
    const RTN_LOCAL: u8 = 2;

    fn attr(buf: &mut Vec<u8>, kind: u16, data: &[u8]) {
        let len = 4 + data.len();
        buf.extend_from_slice(&(len as u16).to_ne_bytes());
        buf.extend_from_slice(&kind.to_ne_bytes());
        buf.extend_from_slice(data);
        while buf.len() % 4 != 0 {
            buf.push(0);
        }
    }

    /// Send one request (`body` after the 16-byte header) and read its
    /// acknowledgement: Ok, or the errno the kernel answered.
    fn request(kind: u16, body: &[u8]) -> Result<(), i32> {
        // SAFETY: plain socket(2); the result is checked and owned below.
        let fd = unsafe { libc::socket(libc::AF_NETLINK, libc::SOCK_RAW | libc::SOCK_CLOEXEC, libc::NETLINK_ROUTE) };
        if fd < 0 {
            return Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO));
        }
        // SAFETY: a fresh descriptor nobody else owns.
        let sock = unsafe { OwnedFd::from_raw_fd(fd) };
        let mut msg = Vec::with_capacity(16 + body.len());
        msg.extend_from_slice(&((16 + body.len()) as u32).to_ne_bytes());
        msg.extend_from_slice(&kind.to_ne_bytes());
        msg.extend_from_slice(&FLAGS.to_ne_bytes());
        msg.extend_from_slice(&1u32.to_ne_bytes()); // sequence
        msg.extend_from_slice(&0u32.to_ne_bytes()); // port id: the kernel's
        msg.extend_from_slice(body);
        // SAFETY: sockaddr_nl is plain data; all-zero addresses the kernel.
        let mut sa: libc::sockaddr_nl = unsafe { std::mem::zeroed() };
        sa.nl_family = libc::AF_NETLINK as libc::sa_family_t;
        // SAFETY: sendto with our buffer and a sockaddr_nl of the size we pass.
        let n = unsafe {
            libc::sendto(
                sock.as_raw_fd(),
                msg.as_ptr().cast(),
                msg.len(),
                0,
                (&sa as *const libc::sockaddr_nl).cast(),
                std::mem::size_of::<libc::sockaddr_nl>() as u32,
            )
        };
        if n < 0 {
            return Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO));
        }
        let mut buf = [0u8; 4096];
        // SAFETY: recv into our buffer of the length we pass.
        let n = unsafe { libc::recv(sock.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len(), 0) };
        if n < 20 {
            return Err(libc::EIO);
        }
        let ty = u16::from_ne_bytes([buf[4], buf[5]]);
        if ty != NLMSG_ERROR {
            return Err(libc::EIO);
        }
        match i32::from_ne_bytes([buf[16], buf[17], buf[18], buf[19]]) {
            0 => Ok(()),
            e if -e == libc::EEXIST => Ok(()),
            e => Err(-e),
        }
    }

    /// `ip route add local default dev lo table 100` for `family`.
    pub fn add_local_route(family: u8, lo: u32) -> Result<(), i32> {
        // struct rtmsg: family, dst_len, src_len, tos, table, protocol, scope, type; flags u32.
        let mut body = vec![family, 0, 0, 0, 0, RTPROT_BOOT, RT_SCOPE_HOST, RTN_LOCAL];
        body.extend_from_slice(&0u32.to_ne_bytes());
        attr(&mut body, RTA_TABLE, &super::TABLE.to_ne_bytes());
        attr(&mut body, RTA_OIF, &lo.to_ne_bytes());
        request(RTM_NEWROUTE, &body)
    }

    /// `ip rule add ipproto tcp sport FIRST-LAST lookup 100 priority 100`.
    pub fn add_sport_rule(family: u8, first: u16, last: u16) -> Result<(), i32> {
        // struct fib_rule_hdr: family, dst_len, src_len, tos, table, res1, res2, action; flags u32.
        let mut body = vec![family, 0, 0, 0, 0, 0, 0, FR_ACT_TO_TBL];
        body.extend_from_slice(&0u32.to_ne_bytes());
        attr(&mut body, FRA_TABLE, &super::TABLE.to_ne_bytes());
        attr(&mut body, FRA_PRIORITY, &super::PRIORITY.to_ne_bytes());
        attr(&mut body, FRA_IP_PROTO, &[libc::IPPROTO_TCP as u8]);
        let mut range = first.to_ne_bytes().to_vec();
        range.extend_from_slice(&last.to_ne_bytes());
        attr(&mut body, FRA_SPORT_RANGE, &range);
        request(RTM_NEWRULE, &body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pm(host_ip: &str, hp: u16, cp: u16, range: u16, proto: &str) -> PortMapping {
        PortMapping { host_ip: host_ip.into(), container_port: cp, host_port: hp, range, protocol: proto.into() }
    }

    #[test]
    fn routes_cover_both_wildcards_ranges_and_only_tcp() {
        let r =
            routes(&[pm("", 8080, 80, 1, "tcp"), pm("127.0.0.1", 9000, 90, 2, "tcp"), pm("", 5353, 53, 1, "udp"), pm("[::1]", 7000, 70, 1, "tcp")]).unwrap();
        let got: Vec<(String, u16)> = r.iter().map(|r| (r.host.to_string(), r.container_port)).collect();
        assert_eq!(
            got,
            [
                ("0.0.0.0:8080".to_string(), 80),
                ("[::]:8080".to_string(), 80),
                ("127.0.0.1:9000".to_string(), 90),
                ("127.0.0.1:9001".to_string(), 91),
                ("[::1]:7000".to_string(), 70)
            ]
        );
        assert!(routes(&[pm("not-an-ip", 1, 1, 1, "tcp")]).is_err());
        assert_eq!(port_ranges(&[pm("", 8000, 80, 3, "tcp"), pm("1.2.3.4", 9000, 80, 3, "tcp"), pm("", 53, 53, 1, "udp")]), [(80, 82)]);
        assert!(wanted(&[pm("", 1, 1, 1, "tcp")]) && !wanted(&[pm("", 1, 1, 1, "udp")]));
    }
}

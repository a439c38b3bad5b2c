//! Launching processes into containers: the container's first process
//! (creating its namespaces) and `exec` processes (joining them) share this
//! code — the descriptor hygiene, the report protocol, the working-directory
//! resolution and the privilege drop.
//!
//! # Creating a container (`launch`)
//!
//! 1. The monitor `clone`s child **A** into the spec's new namespaces except
//!    the pid namespace. A immediately puts the descriptors it needs on fixed
//!    numbers (0-2 stdio, 3 console socket, 4 sync, 5 report) and closes
//!    every other one (`close_range`), then waits on the sync pipe.
//! 2. The monitor maps A's ids (newuidmap/newgidmap), moves A into the
//!    container's cgroup and lets it go.
//! 3. A makes itself non-dumpable, mounts the root file system (fuse-overlayfs
//!    runs here, so it stays in the host's pid namespace where container root
//!    cannot see, signal or ptrace it), unshares the pid namespace and clones
//!    **B** with `CLONE_PARENT`: B is the container's PID 1 and the monitor's
//!    child. A reports B's pid and exits.
//! 4. B mounts /proc, /dev, /sys..., pivots, resolves the working directory
//!    inside the new root, drops privileges and execs the command.
//!
//! # Joining a container (`spawn_exec`)
//!
//! The caller forks **A'**, which makes itself non-dumpable, closes every
//! descriptor it does not need, joins the container's cgroup and namespaces
//! and clones **B'** (`CLONE_PARENT`, so the caller waits for it) into the
//! pid namespace. B' starts a new session, resolves the working directory,
//! drops privileges the same way and execs.
//!
//! # Report protocol
//!
//! Children write JSON lines ([`Report`]) on a close-on-exec pipe: A's pid
//! report, fuse-overlayfs's pid, or an error with its exit class
//! (125/126/127). End of file with no error means the command was exec'd.

use std::convert::Infallible;
use std::ffi::CString;
use std::io::{BufRead, Write};
use std::os::fd::{AsRawFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};

use nix::mount::MsFlags;
use nix::unistd::{Gid, Pid, Uid};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::rootfs::{self, RootfsPlan};
use super::{caps, seccomp};

#[derive(Debug, Error)]
pub enum LaunchError {
    /// rpod could not set the container up (exit 125).
    #[error("{0}")]
    Setup(String),
    /// The command exists but cannot be run (exit 126).
    #[error("{0}")]
    CannotInvoke(String),
    /// The command was not found (exit 127).
    #[error("{0}")]
    NotFound(String),
}

impl LaunchError {
    pub fn exit_code(&self) -> i32 {
        match self {
            LaunchError::Setup(_) => 125,
            LaunchError::CannotInvoke(_) => 126,
            LaunchError::NotFound(_) => 127,
        }
    }
    fn from_code(code: i32, msg: String) -> LaunchError {
        match code {
            126 => LaunchError::CannotInvoke(msg),
            127 => LaunchError::NotFound(msg),
            _ => LaunchError::Setup(msg),
        }
    }
}

/// One message on the report pipe.
#[derive(Debug, Serialize, Deserialize)]
enum Report {
    /// The pid (in the caller's pid namespace) of the process that will exec.
    Pid(i32),
    /// The pid of the fuse-overlayfs process serving the root.
    Fuse(i32),
    Error {
        code: i32,
        message: String,
    },
}

/// The process's standard streams.
pub enum Stdio {
    /// Pipes the monitor or the CLI relays; no stdin means /dev/null.
    Pipes { stdin: Option<OwnedFd>, stdout: OwnedFd, stderr: OwnedFd },
    /// A terminal made inside the container; its master is sent over this socket.
    Console(OwnedFd),
    /// /dev/null for all three (`exec -d`).
    Null,
}

/// Work done by the caller between namespace creation and the child's
/// go-ahead, with the pid of the process that holds the new namespaces
/// (ids are mapped and the cgroup joined by then): where network helpers
/// attach to the network namespace. An error aborts the launch.
pub type Hook<'a> = &'a mut dyn FnMut(Pid) -> Result<(), String>;

/// Work that overlaps with the container's setup (mounts, pivot): run by the
/// caller after the go-ahead; the container's process execs only once every
/// gate has passed (a network helper getting ready). An error aborts the launch.
pub type Gate<'a> = &'a mut dyn FnMut() -> Result<(), String>;

/// Everything the container's first process needs. The spec is the whole
/// contract: namespaces to create or join (`linux.namespaces`, with
/// `path`), id mappings (`linux.uidMappings`/`gidMappings`), mounts,
/// process, resources (applied by the caller's cgroup layer).
pub struct Launch<'a> {
    pub spec: &'a oci_spec::runtime::Spec,
    pub plan: &'a RootfsPlan,
    pub stdio: Stdio,
    /// Move the process into this cgroup before it runs anything.
    pub cgroup: Option<&'a crate::cgroups::Cgroup>,
    pub hooks: Vec<Hook<'a>>,
    pub gates: Vec<Gate<'a>>,
    /// A user namespace made (and being mapped) with the spec's mappings
    /// by the starting CLI ([`super::premap`]): joined instead of making one
    /// once the CLI says it is mapped, when the spec joins no other
    /// namespace by path.
    pub userns: Option<super::premap::Premapped>,
}

/// A started container.
#[derive(Debug)]
pub struct Launched {
    /// The container's first process (PID 1 inside), a child of the caller.
    pub pid: Pid,
    /// fuse-overlayfs serving the root, when that driver is used: the caller
    /// ends it once the container has exited.
    pub fuse: Option<Pid>,
    /// The container's mount namespace, held open (when the setup made it
    /// while the caller could still open it; never with fuse-overlayfs):
    /// the first process's exit then does not tear the namespace down (two
    /// RCU grace periods, 0.3-0.8 ms here, before its parent hears of the
    /// exit); the caller drops it once the exit has been reported.
    pub mount_ns: Option<OwnedFd>,
}

/// Where `--init`'s init (catatonit) is bound in the container, as Podman's
/// `/run/podman-init`.
pub const INIT_PATH: &str = "/run/rpod-init";

// Fixed descriptor numbers in the children, after `arrange_fds`.
const CONSOLE_FD: RawFd = 3;
const SYNC_FD: RawFd = 4;
const REPORT_FD: RawFd = 5;

fn fail<E: std::fmt::Display>(what: &str) -> impl FnOnce(E) -> LaunchError + '_ {
    move |e| LaunchError::Setup(format!("{what}: {e}"))
}

/// One line of a uid_map/gid_map: (inside, outside, count).
type MapLine = (u32, u32, u32);

fn spec_lines(m: Option<&Vec<oci_spec::runtime::LinuxIdMapping>>) -> Vec<MapLine> {
    m.map(|v| v.iter().map(|l| (l.container_id(), l.host_id(), l.size())).collect()).unwrap_or_default()
}

fn own_lines(file: &str) -> Result<Vec<MapLine>, String> {
    let own = std::fs::read_to_string(format!("/proc/self/{file}")).map_err(|e| format!("reading {file}: {e}"))?;
    Ok(own
        .lines()
        .filter_map(|l| {
            let v: Vec<u32> = l.split_whitespace().filter_map(|x| x.parse().ok()).collect();
            (v.len() == 3).then(|| (v[0], v[1], v[2]))
        })
        .collect())
}

/// Inside our own user namespace, host ids are written as our ids: split
/// each wanted line along the extents of our own map. Without wanted lines,
/// map our ids one-to-one.
pub fn translate(wanted: &[MapLine], own: &[MapLine]) -> Vec<MapLine> {
    if wanted.is_empty() {
        return own.iter().map(|&(inside, _, count)| (inside, inside, count)).collect();
    }
    let mut out = Vec::new();
    for &(c, h, n) in wanted {
        for &(oi, oo, on) in own {
            let lo = h.max(oo) as u64;
            let hi = (h as u64 + n as u64).min(oo as u64 + on as u64);
            if lo < hi {
                out.push(((c as u64 + lo - h as u64) as u32, (oi as u64 + lo - oo as u64) as u32, (hi - lo) as u32));
            }
        }
    }
    out
}

/// Write the spec's id mappings for `pid` (newuidmap/newgidmap, or directly
/// when we are root of our own user namespace).
fn map_ids(pid: Pid, spec: &oci_spec::runtime::Spec) -> Result<(), String> {
    let linux = spec.linux().as_ref();
    let uids = spec_lines(linux.and_then(|l| l.uid_mappings().as_ref()));
    let gids = spec_lines(linux.and_then(|l| l.gid_mappings().as_ref()));
    if super::userns::in_user_namespace() {
        for (file, wanted) in [("uid_map", &uids), ("gid_map", &gids)] {
            let lines: String = translate(wanted, &own_lines(file)?).iter().map(|(a, b, c)| format!("{a} {b} {c}\n")).collect();
            std::fs::write(format!("/proc/{pid}/{file}"), lines).map_err(|e| format!("writing {file}: {e}"))?;
        }
        return Ok(());
    }
    if uids.is_empty() && gids.is_empty() {
        return Ok(()); // real root with no mapping asked for
    }
    let args = |lines: &[(u32, u32, u32)]| {
        let mut args = vec![pid.to_string()];
        for (a, b, c) in lines.iter() {
            args.extend([a.to_string(), b.to_string(), c.to_string()]);
        }
        args
    };
    let (uid_args, gid_args) = (args(&uids), args(&gids));
    super::userns::run_map_helpers([(std::path::Path::new("newuidmap"), &uid_args), (std::path::Path::new("newgidmap"), &gid_args)])
}

/// How the spec's namespaces are made: some by the first clone, some
/// joined by path, some unshared later.
struct NamespacePlan {
    /// Flags of the first clone (a new user namespace and what it owns).
    clone: libc::c_int,
    /// Namespaces to join, user first (opened before the clone).
    join: Vec<(std::fs::File, nix::sched::CloneFlags)>,
    /// Namespaces to create after joining (when the user namespace is joined).
    unshare: libc::c_int,
    pid: bool,
    cgroup: bool,
}

fn namespace_plan(spec: &oci_spec::runtime::Spec, premade: Option<std::fs::File>) -> Result<NamespacePlan, LaunchError> {
    use nix::sched::CloneFlags as C;
    use oci_spec::runtime::LinuxNamespaceType as T;
    let namespaces = spec.linux().as_ref().and_then(|l| l.namespaces().clone()).unwrap_or_default();
    // A premade user namespace stands in for the one the spec makes, unless
    // the spec joins namespaces by path (they bring their own owner).
    let mut premade = premade.filter(|_| namespaces.iter().all(|n| n.path().is_none()) && namespaces.iter().any(|n| n.typ() == T::User));
    let user_joined = premade.is_some() || namespaces.iter().any(|n| n.typ() == T::User && n.path().is_some());
    let mut plan = NamespacePlan { clone: 0, join: Vec::new(), unshare: 0, pid: false, cgroup: false };
    let mut mount = false;
    for ns in &namespaces {
        let flag = match ns.typ() {
            T::User => libc::CLONE_NEWUSER,
            T::Mount => libc::CLONE_NEWNS,
            T::Pid => libc::CLONE_NEWPID,
            T::Uts => libc::CLONE_NEWUTS,
            T::Ipc => libc::CLONE_NEWIPC,
            T::Network => libc::CLONE_NEWNET,
            T::Cgroup => libc::CLONE_NEWCGROUP,
            T::Time => libc::CLONE_NEWTIME,
        };
        mount |= ns.typ() == T::Mount;
        if let Some(path) = ns.path() {
            if ns.typ() == T::Mount {
                return Err(LaunchError::Setup("joining a mount namespace by path is not supported: a container needs a mount namespace of its own".into()));
            }
            let f = super::nsfile::open(path, C::from_bits_truncate(flag)).map_err(LaunchError::Setup)?;
            let entry = (f, C::from_bits_truncate(flag));
            if ns.typ() == T::User {
                plan.join.insert(0, entry)
            } else {
                plan.join.push(entry)
            }
            continue;
        }
        if ns.typ() == T::User {
            if let Some(f) = premade.take() {
                plan.join.insert(0, (f, C::CLONE_NEWUSER));
                continue;
            }
        }
        match ns.typ() {
            // The pid namespace is unshared by A right before it clones PID 1;
            // the cgroup namespace once A sits in the container's cgroup.
            T::Pid => plan.pid = true,
            T::Cgroup => plan.cgroup = true,
            _ if user_joined => plan.unshare |= flag,
            _ => plan.clone |= flag,
        }
    }
    if !mount {
        return Err(LaunchError::Setup("the spec must create a mount namespace".into()));
    }
    if namespaces.iter().any(|n| n.typ() == T::User) {
        join_owner(&mut plan, user_joined)?;
    }
    Ok(plan)
}

/// Namespaces joined by path can only be entered from the user namespace
/// that owns them (setns needs CAP_SYS_ADMIN there): a container that
/// would make a user namespace of its own joins their owner instead (it is
/// already mapped), and they must all have the same one. A namespace owned
/// by rpod's own user namespace (the host's, rootless) cannot be joined.
fn join_owner(plan: &mut NamespacePlan, user_joined: bool) -> Result<(), LaunchError> {
    let others: Vec<&(std::fs::File, nix::sched::CloneFlags)> = plan.join.iter().filter(|(_, f)| *f != nix::sched::CloneFlags::CLONE_NEWUSER).collect();
    let Some((first, first_kind)) = others.first() else { return Ok(()) };
    let name = |k: &nix::sched::CloneFlags| super::nsfile::kind_name(*k);
    let owner = super::nsfile::owner(first)
        .map_err(|e| LaunchError::Setup(format!("finding the user namespace of the {} namespace to join: {e}", name(first_kind))))?;
    let owner_id = super::nsfile::id(&owner);
    for (f, k) in &others[1..] {
        let o = super::nsfile::owner(f).map_err(|e| LaunchError::Setup(format!("finding the user namespace of the {} namespace to join: {e}", name(k))))?;
        if super::nsfile::id(&o) != owner_id {
            return Err(LaunchError::Setup(format!(
                "the {} and {} namespaces to join belong to different user namespaces: a container can only join namespaces of one container",
                name(first_kind),
                name(k)
            )));
        }
    }
    if user_joined {
        if super::nsfile::id(&plan.join[0].0) != owner_id {
            return Err(LaunchError::Setup(format!("the {} namespace to join belongs to another user namespace than the one joined", name(first_kind))));
        }
        return Ok(());
    }
    let own = std::fs::File::open("/proc/self/ns/user").ok().and_then(|f| super::nsfile::id(&f));
    if own.is_some() && own == owner_id {
        return Err(LaunchError::Setup(format!(
            "the {} namespace to join belongs to rpod's own user namespace, which a rootless container cannot enter",
            name(first_kind)
        )));
    }
    plan.join.insert(0, (owner, nix::sched::CloneFlags::CLONE_NEWUSER));
    // What the first clone would have made is unshared after joining.
    plan.unshare |= plan.clone & !libc::CLONE_NEWUSER;
    plan.clone = 0;
    Ok(())
}

/// A fork-like `clone` with extra flags. The caller must be single-threaded:
/// the children allocate and format before they exec, which is only sound
/// when no other thread can hold the allocator's locks. A multi-threaded
/// caller (an API server) runs launches in a re-executed rpod instead
/// (docs/decisions.md), and gets an error here rather than a deadlock.
fn clone_process(flags: libc::c_int) -> std::io::Result<libc::pid_t> {
    if super::userns::threads() > 1 {
        return Err(std::io::Error::other("rpod cannot start container processes from a multi-threaded process: run it in a re-executed rpod"));
    }
    // SAFETY: clone without CLONE_VM and without a new stack behaves like
    // fork: the child gets a copy-on-write copy of this single-threaded process.
    let pid = unsafe { libc::syscall(libc::SYS_clone, (flags | libc::SIGCHLD) as libc::c_ulong, 0usize, 0usize, 0usize, 0usize) };
    if pid < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(pid as libc::pid_t)
    }
}

fn kill_and_reap(pid: Pid) {
    let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
    let _ = nix::sys::wait::waitpid(pid, None);
}

/// Read the children's reports until every writer is gone.
fn read_reports(report: OwnedFd) -> (Option<Pid>, Option<Pid>, Option<LaunchError>) {
    let (mut pid, mut fuse, mut err) = (None, None, None);
    let reader = std::io::BufReader::new(std::fs::File::from(report));
    for line in reader.lines() {
        let Ok(line) = line else { break };
        match serde_json::from_str::<Report>(&line) {
            Ok(Report::Pid(p)) => pid = Some(Pid::from_raw(p)),
            Ok(Report::Fuse(p)) => fuse = Some(Pid::from_raw(p)),
            Ok(Report::Error { code, message }) => err = err.or(Some(LaunchError::from_code(code, message))),
            Err(_) => err = err.or(Some(LaunchError::Setup(format!("garbled report from the container setup: {line:?}")))),
        }
    }
    (pid, fuse, err)
}

/// Write a report on the fixed report descriptor (children only).
fn report(r: &Report) {
    if let Ok(mut line) = serde_json::to_string(r) {
        line.push('\n');
        // SAFETY: REPORT_FD is the report pipe's write end, placed by
        // arrange_fds; ManuallyDrop keeps it open for later reports.
        let mut f = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(REPORT_FD) });
        let _ = f.write_all(line.as_bytes());
    }
}

/// End a child after a failure: report it and `_exit` with its class.
fn die(e: LaunchError) -> ! {
    report(&Report::Error { code: e.exit_code(), message: e.to_string() });
    // SAFETY: _exit ends the child without running the parent's destructors.
    unsafe { libc::_exit(e.exit_code()) }
}

/// Start the container; returns its first process (PID 1 inside). The
/// caller must be single-threaded.
pub fn launch(mut l: Launch<'_>) -> Result<Launched, LaunchError> {
    // Who the command runs as, with the seccomp filter compiled: here,
    // before the clone, while the CLI may still be mapping the namespace
    // (not in the container's first process, on the start's critical path).
    let process = l.spec.process().as_ref().ok_or_else(|| LaunchError::Setup("the spec has no process".into()))?;
    let mut creds = Credentials::from_spec(process, l.spec.linux().as_ref().and_then(|x| x.seccomp().as_ref()))?;
    creds.keep_groups = keep_original_groups(l.spec);
    let plan = namespace_plan(l.spec, l.userns.take().and_then(super::premap::Premapped::wait))?;
    let (sync_r, sync_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(fail("creating a pipe"))?;
    let (report_r, report_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(fail("creating a pipe"))?;
    let monitor = nix::unistd::getpid();
    // The exec gate: PID 1 reads one byte from it before it execs (only when
    // there is work to wait for).
    let gate = if l.gates.is_empty() { None } else { Some(nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(fail("creating a pipe"))?) };
    let new_user = plan.clone & libc::CLONE_NEWUSER != 0;
    // A joined user namespace: A makes the container's other namespaces
    // only after the clone, and says when they exist (the gates open them).
    let ready = if !new_user && plan.unshare != 0 { Some(nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(fail("creating a pipe"))?) } else { None };
    let new_mount_ns = plan.unshare & libc::CLONE_NEWNS != 0;
    let a = clone_process(plan.clone).map_err(|e| LaunchError::Setup(format!("creating the container namespaces: {e}")))?;
    if a == 0 {
        // Child A: nothing it holds may be dropped (descriptors are renumbered).
        let keep = [sync_r.as_raw_fd(), report_w.as_raw_fd()];
        let stdio = std::mem::ManuallyDrop::new(l.stdio);
        let plan = std::mem::ManuallyDrop::new(plan);
        let gate_r = gate.as_ref().map(|(r, _)| r.as_raw_fd());
        let ready_w = ready.as_ref().map(|(_, w)| w.as_raw_fd());
        std::mem::forget((sync_r, sync_w, report_r, report_w, gate, ready));
        match stage_a(l.spec, l.plan, &stdio, keep, monitor, &plan, [gate_r, ready_w], &creds) {
            Ok(never) => match never {},
            Err(e) => die(e),
        }
    }
    let a = Pid::from_raw(a);
    drop(sync_r);
    drop(report_w);
    let gate_w = gate.map(|(r, w)| {
        drop(r);
        w
    });
    drop(l.stdio);
    drop(plan);
    if new_user {
        if let Err(e) = map_ids(a, l.spec) {
            kill_and_reap(a);
            return Err(LaunchError::Setup(format!("mapping ids into the container's user namespace: {e}")));
        }
    }
    if let Some(cg) = l.cgroup {
        if let Err(e) = cg.add(a.as_raw()) {
            kill_and_reap(a);
            return Err(LaunchError::Setup(format!("{e:#}")));
        }
    }
    let mut mount_ns = None;
    if let Some((r, w)) = ready {
        drop(w);
        // One byte once A's namespaces exist (the hooks open them); end of
        // file if A failed first (its report says why).
        let mut b = [0u8; 1];
        if matches!(nix::unistd::read(&r, &mut b), Ok(1)) && new_mount_ns {
            // A is still dumpable (until the sync byte): its namespaces open
            // like the network hook's. Best effort: without it the exit only
            // takes longer.
            mount_ns = std::fs::File::open(format!("/proc/{a}/ns/mnt")).ok().map(OwnedFd::from);
        }
    }
    for hook in l.hooks.iter_mut() {
        if let Err(e) = hook(a) {
            kill_and_reap(a);
            return Err(LaunchError::Setup(e));
        }
    }
    let _ = nix::unistd::write(&sync_w, b"1");
    drop(sync_w);
    // While the container sets itself up, the gates' work runs here; the
    // gate opens only if all of it succeeded (else PID 1 reads end of file
    // and gives up before it runs anything of the container's).
    let mut gate_err = None;
    for g in l.gates.iter_mut() {
        if let Err(e) = g() {
            gate_err = Some(e);
            break;
        }
    }
    if let Some(w) = gate_w {
        if gate_err.is_none() {
            let _ = nix::unistd::write(&w, b"1");
        }
        drop(w);
    }
    let (pid, fuse, err) = read_reports(report_r);
    let err = match gate_err {
        Some(e) => Some(LaunchError::Setup(e)),
        None => err,
    };
    let _ = nix::sys::wait::waitpid(a, None);
    match (pid, err) {
        // With fuse-overlayfs the root is served from A's namespace by a
        // process the caller ends: nothing of it is kept.
        (Some(pid), None) => Ok(Launched { pid, fuse, mount_ns: mount_ns.filter(|_| fuse.is_none()) }),
        (pid, err) => {
            if let Some(p) = pid {
                kill_and_reap(p);
            }
            if let Some(f) = fuse {
                stop_fuse(f);
            }
            Err(err.unwrap_or_else(|| LaunchError::Setup("the container setup ended without a report".into())))
        }
    }
}

/// End a fuse-overlayfs process started for a container (it unmounts on SIGTERM).
pub fn stop_fuse(pid: Pid) {
    use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
    let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
    for _ in 0..200 {
        match waitpid(pid, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::StillAlive) => std::thread::sleep(std::time::Duration::from_millis(5)),
            // Reaped, or not our child (we are not its subreaper): either way
            // it is gone or no longer ours to wait for.
            _ => return,
        }
    }
    kill_and_reap(pid);
}

/// Put the descriptors a child keeps on fixed numbers — stdio on 0-2, the
/// console socket on 3, `keep` on 4 and 5 — and close every other one but
/// `extra` (which must lie above the stdio sources' copies, at 64 and up). Only pipes, sockets, /dev/null and
/// `extra` survive: nothing that names a place in the host's file system
/// (CVE-2024-21626).
fn arrange_fds(stdio: &Stdio, keep: [RawFd; 2], extra: &[RawFd]) -> Result<(), LaunchError> {
    let null = nix::fcntl::open("/dev/null", nix::fcntl::OFlag::O_RDWR | nix::fcntl::OFlag::O_CLOEXEC, nix::sys::stat::Mode::empty())
        .map_err(fail("opening /dev/null"))?;
    let n = null.as_raw_fd();
    let (i, o, e, c) = match stdio {
        Stdio::Pipes { stdin, stdout, stderr } => (stdin.as_ref().map_or(n, |f| f.as_raw_fd()), stdout.as_raw_fd(), stderr.as_raw_fd(), n),
        Stdio::Console(sock) => (n, n, n, sock.as_raw_fd()),
        Stdio::Null => (n, n, n, n),
    };
    // First lift everything above the target numbers so no dup3 clobbers a source.
    let lift = |fd: RawFd| -> Result<RawFd, LaunchError> {
        // SAFETY: F_DUPFD_CLOEXEC duplicates a descriptor this process owns.
        let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 16) };
        if r < 0 {
            Err(LaunchError::Setup(format!("duplicating descriptor {fd}: {}", std::io::Error::last_os_error())))
        } else {
            Ok(r)
        }
    };
    let sources = [lift(i)?, lift(o)?, lift(e)?, lift(c)?, lift(keep[0])?, lift(keep[1])?];
    std::mem::forget(null); // closed below with the rest
    for (target, src) in sources.iter().enumerate() {
        let target = target as RawFd;
        // stdio is inherited by the command; 3-5 are close-on-exec.
        let flags = if target < 3 { 0 } else { libc::O_CLOEXEC };
        // SAFETY: dup3 onto a fixed number; both descriptors are ours.
        if unsafe { libc::dup3(*src, target, flags) } < 0 {
            return Err(LaunchError::Setup(format!("placing descriptor {target}: {}", std::io::Error::last_os_error())));
        }
    }
    let mut kept: Vec<RawFd> = extra.to_vec();
    kept.sort_unstable();
    let mut from = 6;
    for fd in kept {
        for stray in from..fd {
            // SAFETY: closing a descriptor of this process that is not kept; EBADF is harmless.
            unsafe { libc::close(stray) };
        }
        from = fd + 1;
    }
    close_from(from)
}

/// Close every descriptor from `first` up: `close_range`, else each entry of
/// /proc/self/fd; an error if neither works.
fn close_from(first: RawFd) -> Result<(), LaunchError> {
    // SAFETY: close_range closes descriptors of this (single-threaded) process only.
    if unsafe { libc::syscall(libc::SYS_close_range, first as libc::c_uint, libc::c_uint::MAX, 0 as libc::c_uint) } == 0 {
        return Ok(());
    }
    let close_range_err = std::io::Error::last_os_error();
    let fds: Vec<RawFd> = std::fs::read_dir("/proc/self/fd")
        .map_err(|e| {
            LaunchError::Setup(format!("cannot close inherited descriptors: close_range failed ({close_range_err}) and /proc/self/fd is unreadable ({e})"))
        })?
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .filter(|fd| *fd >= first)
        .collect();
    for fd in fds {
        // SAFETY: closing a descriptor of this process; EBADF (the directory's own) is harmless.
        unsafe { libc::close(fd) };
    }
    Ok(())
}

/// Make this process non-dumpable: container root can then neither ptrace
/// it nor open its /proc/PID/{exe,fd,cwd,root,mem} (CVE-2019-5736 class).
/// `execve` of the container's command resets it.
fn not_dumpable() -> Result<(), LaunchError> {
    nix::sys::prctl::set_dumpable(false).map_err(fail("PR_SET_DUMPABLE"))
}

/// Die with `sig` when the process that started us does; `expected` is its
/// pid, checked after the call to close the race with its death.
fn die_with_parent(expected: Pid) -> Result<(), LaunchError> {
    nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL).map_err(fail("PR_SET_PDEATHSIG"))?;
    if nix::unistd::getppid() != expected {
        return Err(LaunchError::Setup("the container monitor went away".into()));
    }
    Ok(())
}

// A's whole context from the monitor (all prepared before the clone); a
// struct would only rename these.
#[allow(clippy::too_many_arguments)]
fn stage_a(
    spec: &oci_spec::runtime::Spec,
    plan: &RootfsPlan,
    stdio: &Stdio,
    keep: [RawFd; 2],
    monitor: Pid,
    ns: &NamespacePlan,
    [gate, ready]: [Option<RawFd>; 2],
    creds: &Credentials,
) -> Result<Infallible, LaunchError> {
    die_with_parent(monitor)?;
    if let Some(adj) = spec.process().as_ref().and_then(|p| p.oom_score_adj()) {
        // Here, while still dumpable and with the host's /proc: a
        // non-dumpable process cannot write its own /proc files. B inherits
        // it. The kernel lets an unprivileged process only raise it
        // (checked at create).
        std::fs::write("/proc/self/oom_score_adj", adj.to_string()).map_err(|e| LaunchError::Setup(format!("setting oom_score_adj to {adj}: {e}")))?;
    }
    // Namespace files to join and the exec gate survive arrange_fds as
    // copies at 64 and up.
    let joins = lift_namespace_fds(&ns.join)?;
    let gate = gate.map(lift_fd).transpose()?;
    let ready = ready.map(lift_fd).transpose()?;
    let mut extra: Vec<RawFd> = joins.iter().map(|(fd, _)| *fd).collect();
    extra.extend(gate);
    extra.extend(ready);
    arrange_fds(stdio, keep, &extra)?;
    if let Some(fd) = ready {
        // A joined user namespace needs no id mapping: the namespaces are
        // made now, while the monitor can still open /proc/A/ns/* (A is
        // dumpable until the sync byte), and the monitor is told.
        join_namespaces(&joins)?;
        nix::sched::unshare(nix::sched::CloneFlags::from_bits_truncate(ns.unshare)).map_err(fail("creating the container namespaces"))?;
        // SAFETY: fd is the ready pipe's write end, lifted above; written once and closed.
        unsafe {
            libc::write(fd, b"1".as_ptr().cast(), 1);
            libc::close(fd);
        }
    }
    let mut buf = [0u8; 1];
    // SAFETY: SYNC_FD is the sync pipe's read end (arrange_fds put it there).
    let n = unsafe { libc::read(SYNC_FD, buf.as_mut_ptr().cast(), 1) };
    if n != 1 {
        return Err(LaunchError::Setup("the monitor went away before mapping ids".into()));
    }
    // SAFETY: closing our own descriptor; B does not need the sync pipe.
    unsafe { libc::close(SYNC_FD) };
    // Ids are mapped now (newuidmap checked that /proc/PID is ours): from
    // here on container root must not be able to reach into this process.
    not_dumpable()?;
    // A namespace without the user's ids: the store is reached through
    // descriptors opened now, while the kernel still sees the user (runtime::pinned).
    let (mut pinned_plan, pinned_spec, mut pinned) = if plan.pin {
        let (mut p, mut s) = (plan.clone(), spec.clone());
        let mut fds = super::pinned::pin_plan(&mut p).map_err(|e| LaunchError::Setup(format!("{e:#}")))?;
        fds.extend(super::pinned::pin_mounts(&mut s).map_err(|e| LaunchError::Setup(format!("{e:#}")))?);
        (Some(p), Some(s), fds)
    } else {
        (None, None, Vec::new())
    };
    let spec = pinned_spec.as_ref().unwrap_or(spec);
    if ready.is_none() {
        join_namespaces(&joins)?;
        if ns.unshare != 0 {
            nix::sched::unshare(nix::sched::CloneFlags::from_bits_truncate(ns.unshare)).map_err(fail("creating the container namespaces"))?;
        }
    }
    nix::unistd::setresgid(Gid::from_raw(0), Gid::from_raw(0), Gid::from_raw(0)).map_err(fail("setresgid(0)"))?;
    nix::unistd::setresuid(Uid::from_raw(0), Uid::from_raw(0), Uid::from_raw(0)).map_err(fail("setresuid(0)"))?;
    not_dumpable()?;
    if ns.cgroup {
        // The monitor has moved us into the container's cgroup: it becomes the namespace's root.
        nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWCGROUP).map_err(fail("creating the cgroup namespace"))?;
    }
    nix::mount::mount(None::<&str>, "/", None::<&str>, nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_PRIVATE, None::<&str>)
        .map_err(fail("making / private"))?;
    let fuse = match pinned_plan.as_mut() {
        Some(p) => {
            pinned.push(super::pinned::mount_root(p).map_err(|e| LaunchError::Setup(format!("{e:#}")))?);
            None
        }
        None => rootfs::mount_root(plan).map_err(|e| LaunchError::Setup(format!("{e:#}")))?,
    };
    let plan = pinned_plan.as_ref().unwrap_or(plan);
    let pinned: Vec<RawFd> = pinned.into_iter().map(std::os::fd::IntoRawFd::into_raw_fd).collect();
    if let Some(f) = fuse {
        report(&Report::Fuse(f.as_raw()));
    }
    if ns.pid {
        nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWPID).map_err(fail("creating the pid namespace"))?;
    }
    // With fuse-overlayfs, B takes a mount namespace of its own so that
    // pivot_root in it leaves the fuse process's view (the host's) alone.
    let extra = if fuse.is_some() { libc::CLONE_NEWNS } else { 0 };
    // In a mount namespace shared with B, A detaches the old root B's
    // pivot_root leaves behind (rootfs::Detach::Elsewhere): its RCU wait
    // then overlaps B's remaining setup instead of delaying it.
    let handoff = if fuse.is_none() && rootfs::root_propagation(spec).is_ok_and(|p| p == MsFlags::MS_REC | MsFlags::MS_PRIVATE) {
        // From the new root's own directory: after B's pivot_root, "." names
        // the old root stacked on it, as it does for B (chroot_fs_refs moves
        // only the processes whose directory was the old root itself).
        nix::unistd::chdir(&plan.merged).map_err(fail("entering the container's root"))?;
        Some(Handoff::new()?)
    } else {
        None
    };
    let b = clone_process(libc::CLONE_PARENT | extra).map_err(fail("starting the container's first process"))?;
    if b == 0 {
        let detach = handoff.map(Handoff::into_b_side);
        match stage_b(spec, plan, gate, &pinned, creds, detach) {
            Ok(never) => match never {},
            Err(e) => die(e),
        }
    }
    report(&Report::Pid(b));
    if let Some(h) = handoff {
        h.detach_for_b();
    }
    // SAFETY: A's work is done; _exit skips destructors of the monitor's copies.
    unsafe { libc::_exit(0) }
}

/// The two pipes between A and B for detaching the old root in A
/// ([`rootfs::Detach::Elsewhere`]): B says "pivoted", A answers with one
/// byte, 0 once the old root is detached, else the errno of `umount2`.
/// Both are close-on-exec: the container's command never holds them.
#[derive(Clone, Copy)]
struct Handoff {
    pivoted: (RawFd, RawFd),
    detached: (RawFd, RawFd),
}

/// B's ends of a [`Handoff`].
struct DetachWait {
    pivoted_w: OwnedFd,
    detached_r: OwnedFd,
}

impl Handoff {
    fn new() -> Result<Handoff, LaunchError> {
        let (a, b) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(fail("creating a pipe"))?;
        let (c, d) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(fail("creating a pipe"))?;
        Ok(Handoff { pivoted: (a.into_raw_fd(), b.into_raw_fd()), detached: (c.into_raw_fd(), d.into_raw_fd()) })
    }

    /// In B: keep B's ends, close A's.
    fn into_b_side(self) -> DetachWait {
        // SAFETY: the four descriptors were made by `new` in A, inherited by
        // this clone, and each is owned exactly once from here on.
        unsafe {
            libc::close(self.pivoted.0);
            libc::close(self.detached.1);
            DetachWait { pivoted_w: OwnedFd::from_raw_fd(self.pivoted.1), detached_r: OwnedFd::from_raw_fd(self.detached.0) }
        }
    }

    /// In A: wait for B's pivot_root, detach the old root, answer. End of
    /// file (B failed before its pivot) ends it without a detach.
    fn detach_for_b(self) {
        // SAFETY: A's ends, made by `new`; B's ends are closed here so that
        // B's death reads as end of file.
        let (pivoted_r, detached_w) = unsafe {
            libc::close(self.pivoted.1);
            libc::close(self.detached.0);
            (OwnedFd::from_raw_fd(self.pivoted.0), OwnedFd::from_raw_fd(self.detached.1))
        };
        let mut b = [0u8; 1];
        if !matches!(nix::unistd::read(&pivoted_r, &mut b), Ok(1)) {
            return;
        }
        let answer = match nix::mount::umount2(".", nix::mount::MntFlags::MNT_DETACH) {
            Ok(()) => 0u8,
            Err(e) => u8::try_from(e as i32).unwrap_or(u8::MAX),
        };
        let _ = nix::unistd::write(&detached_w, &[answer]);
    }
}

impl DetachWait {
    /// In B, right after pivot_root.
    fn pivoted(&self) -> Result<(), LaunchError> {
        nix::unistd::write(&self.pivoted_w, b"1").map(drop).map_err(fail("asking for the old root's detach"))
    }

    /// In B, before the container's command: the old root must be gone.
    fn wait(self) -> Result<(), LaunchError> {
        drop(self.pivoted_w);
        let mut b = [0u8; 1];
        match nix::unistd::read(&self.detached_r, &mut b) {
            Ok(1) if b[0] == 0 => Ok(()),
            Ok(1) => Err(LaunchError::Setup(format!("detaching the old root: {}", nix::errno::Errno::from_raw(i32::from(b[0]))))),
            _ => Err(LaunchError::Setup("detaching the old root: the setup process went away".into())),
        }
    }
}

/// The container's first process: mounts, pivot, then the command.
fn stage_b(
    spec: &oci_spec::runtime::Spec,
    plan: &RootfsPlan,
    gate: Option<RawFd>,
    pinned: &[RawFd],
    creds: &Credentials,
    detach: Option<DetachWait>,
) -> Result<Infallible, LaunchError> {
    not_dumpable()?;
    nix::unistd::setsid().map_err(fail("setsid"))?;
    let own_netns = spec
        .linux()
        .as_ref()
        .and_then(|l| l.namespaces().as_ref())
        .is_some_and(|v| v.iter().any(|n| n.typ() == oci_spec::runtime::LinuxNamespaceType::Network && n.path().is_none()));
    if own_netns {
        // A new network namespace starts with `lo` down (pasta brings it up
        // too; `--network none` relies on this).
        loopback_up()?;
    }
    rootfs::mount_all(&plan.merged, spec).map_err(|e| LaunchError::Setup(format!("{e:#}")))?;
    let propagation = rootfs::root_propagation(spec).map_err(|e| LaunchError::Setup(format!("{e:#}")))?;
    let how = if detach.is_some() { rootfs::Detach::Elsewhere } else { rootfs::Detach::Here };
    rootfs::pivot_with(&super::syscall::LinuxSyscall, &plan.merged, propagation, how).map_err(|e| LaunchError::Setup(format!("{e:#}")))?;
    if let Some(d) = detach {
        d.pivoted()?;
        // Wait for the old root to be gone before any lookup in the new one:
        // until then it is stacked on "/", and a `..` at the root (a working
        // directory of `/../tmp`, a masked path) steps into it, i.e. into the
        // host's root (CVE-2024-21626 class; seen as a working directory
        // created in the host's / by tests/escapes.rs, 2026-12-01).
        d.wait()?;
    }
    for fd in pinned {
        // SAFETY: descriptors A opened for the pinned root and inherited by
        // this clone; nothing uses them after pivot_root (CVE-2024-21626 class).
        unsafe { libc::close(*fd) };
    }
    let linux = spec.linux().clone().unwrap_or_default();
    // Before /proc/sys turns read-only: this /proc is the one just mounted
    // for the container's pid namespace, and each key names a sysctl of a
    // namespace the container owns (checked at create).
    for (key, value) in linux.sysctl().clone().unwrap_or_default() {
        set_sysctl(&key, &value)?;
    }
    rootfs::mask_and_protect(linux.masked_paths().as_deref().unwrap_or_default(), linux.readonly_paths().as_deref().unwrap_or_default())
        .map_err(|e| LaunchError::Setup(format!("{e:#}")))?;
    let process = spec.process().clone().ok_or_else(|| LaunchError::Setup("the spec has no process".into()))?;
    console_or_close(process.terminal().unwrap_or(false))?;
    if spec.root().as_ref().and_then(|r| r.readonly()).unwrap_or(false) {
        rootfs::readonly_root().map_err(|e| LaunchError::Setup(format!("{e:#}")))?;
    }
    // Only in a UTS namespace made for this container: a joined one (or
    // the host's) keeps its name; the spec's is then only for /etc/hostname.
    let own_uts = linux.namespaces().as_ref().is_some_and(|v| v.iter().any(|n| n.typ() == oci_spec::runtime::LinuxNamespaceType::Uts && n.path().is_none()));
    if let Some(h) = spec.hostname().as_ref().filter(|_| own_uts) {
        nix::unistd::sethostname(h).map_err(fail("sethostname"))?;
    }
    set_rlimits(process.rlimits().as_deref().unwrap_or_default())?;
    enter_workdir(&process.cwd().display().to_string(), true)?;
    let init = linux_init_marker(spec);
    become_user(creds)?;
    // The container dies with its monitor (after the id change, which clears
    // the setting): no container runs on untracked when the monitor is killed.
    nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL).map_err(fail("PR_SET_PDEATHSIG"))?;
    let args = process.args().clone().unwrap_or_default();
    let env = process.env().clone().unwrap_or_default();
    if let Some(init_path) = init {
        // `--init`: check the command the way exec would, then exec the init
        // (catatonit, bound read-only) that runs it.
        let cmd: Vec<String> = args.iter().skip_while(|a| **a == init_path || *a == "--").cloned().collect();
        find_command(&cmd, &env)?;
    }
    if let Some(fd) = gate {
        // SAFETY: fd is the exec gate's read end (lifted by A, inherited);
        // we own it and close it here, so the command never sees it.
        let f = unsafe { OwnedFd::from_raw_fd(fd) };
        let mut b = [0u8; 1];
        if !matches!(nix::unistd::read(&f, &mut b), Ok(1)) {
            return Err(LaunchError::Setup("the container's network was not set up".into()));
        }
    }
    exec(&args, &env)
}

/// The nofile limit rpod's specs ask for unless `--ulimit` says otherwise.
const DEFAULT_NOFILE: u64 = 1_048_576;

/// Apply the spec's `process.rlimits` (`--ulimit`). The default nofile
/// limit (1048576) is lowered to the hard limit rpod itself has; any other
/// value was checked at create against the user's own hard limit, so a
/// failure here is an error, never silently dropped.
fn set_rlimits(rlimits: &[oci_spec::runtime::PosixRlimit]) -> Result<(), LaunchError> {
    use nix::sys::resource::{getrlimit, setrlimit, Resource};
    use oci_spec::runtime::PosixRlimitType as T;
    for r in rlimits {
        let res = match r.typ() {
            T::RlimitCpu => Resource::RLIMIT_CPU,
            T::RlimitFsize => Resource::RLIMIT_FSIZE,
            T::RlimitData => Resource::RLIMIT_DATA,
            T::RlimitStack => Resource::RLIMIT_STACK,
            T::RlimitCore => Resource::RLIMIT_CORE,
            T::RlimitRss => Resource::RLIMIT_RSS,
            T::RlimitNproc => Resource::RLIMIT_NPROC,
            T::RlimitNofile => Resource::RLIMIT_NOFILE,
            T::RlimitMemlock => Resource::RLIMIT_MEMLOCK,
            T::RlimitAs => Resource::RLIMIT_AS,
            T::RlimitLocks => Resource::RLIMIT_LOCKS,
            T::RlimitSigpending => Resource::RLIMIT_SIGPENDING,
            T::RlimitMsgqueue => Resource::RLIMIT_MSGQUEUE,
            T::RlimitNice => Resource::RLIMIT_NICE,
            T::RlimitRtprio => Resource::RLIMIT_RTPRIO,
            T::RlimitRttime => Resource::RLIMIT_RTTIME,
        };
        let (mut soft, mut hard) = (r.soft(), r.hard());
        if res == Resource::RLIMIT_NOFILE && hard == DEFAULT_NOFILE {
            let (_, own) = getrlimit(res).unwrap_or((1024, 1024));
            hard = hard.min(own);
            soft = soft.min(hard);
        }
        setrlimit(res, soft, hard).map_err(|e| LaunchError::Setup(format!("setting {:?} to {soft}:{hard}: {e}", r.typ())))?;
    }
    Ok(())
}

/// Bring up `lo` in the current network namespace.
fn loopback_up() -> Result<(), LaunchError> {
    let sock =
        nix::sys::socket::socket(nix::sys::socket::AddressFamily::Inet, nix::sys::socket::SockType::Datagram, nix::sys::socket::SockFlag::SOCK_CLOEXEC, None)
            .map_err(fail("creating a socket to configure lo"))?;
    // SAFETY: ifreq is plain data; all-zero is a valid value.
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
    for (d, s) in req.ifr_name.iter_mut().zip(b"lo\0") {
        *d = *s as libc::c_char;
    }
    // SAFETY: SIOCGIFFLAGS/SIOCSIFFLAGS read and write the ifreq we own.
    unsafe {
        if libc::ioctl(sock.as_raw_fd(), libc::SIOCGIFFLAGS, &mut req) != 0 {
            return Err(LaunchError::Setup(format!("reading the flags of lo: {}", std::io::Error::last_os_error())));
        }
        req.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
        if libc::ioctl(sock.as_raw_fd(), libc::SIOCSIFFLAGS, &req) != 0 {
            return Err(LaunchError::Setup(format!("bringing up lo: {}", std::io::Error::last_os_error())));
        }
    }
    Ok(())
}

/// Write one sysctl under the container's `/proc/sys`.
fn set_sysctl(key: &str, value: &str) -> Result<(), LaunchError> {
    let valid = !key.is_empty() && !key.contains("..") && key.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
    if !valid {
        return Err(LaunchError::Setup(format!("invalid sysctl name {key:?}")));
    }
    let path = format!("/proc/sys/{}", key.replace('.', "/"));
    let fd = nix::fcntl::open(
        path.as_str(),
        nix::fcntl::OFlag::O_WRONLY | nix::fcntl::OFlag::O_NOFOLLOW | nix::fcntl::OFlag::O_CLOEXEC,
        nix::sys::stat::Mode::empty(),
    )
    .map_err(|e| LaunchError::Setup(format!("setting sysctl {key}: {e}")))?;
    nix::unistd::write(&fd, value.as_bytes()).map_err(|e| LaunchError::Setup(format!("setting sysctl {key}={value:?}: {e}")))?;
    Ok(())
}

/// The init binary's path in the container when the spec runs one
/// (`--init`: args start with it and `--`, as Podman's `/run/podman-init`).
fn linux_init_marker(spec: &oci_spec::runtime::Spec) -> Option<String> {
    let args = spec.process().as_ref()?.args().as_ref()?;
    let first = args.first()?;
    (first == INIT_PATH && args.get(1).map(String::as_str) == Some("--")).then(|| first.clone())
}

/// With a terminal, make it from the container's /dev/pts and send its
/// master through the console socket; then close the socket either way.
fn console_or_close(terminal: bool) -> Result<(), LaunchError> {
    // SAFETY: CONSOLE_FD was placed by arrange_fds and is owned by us from here.
    let sock = unsafe { OwnedFd::from_raw_fd(CONSOLE_FD) };
    if terminal {
        super::console::setup_inside(&sock).map_err(LaunchError::Setup)?;
    }
    drop(sock);
    Ok(())
}

/// Change to `cwd`, resolved inside the current root: `openat2` with
/// `RESOLVE_IN_ROOT` (`..` and absolute symlinks stay inside) and
/// `RESOLVE_NO_MAGICLINKS` (no `/proc/self/fd/N` or `/proc/PID/cwd` jumps).
/// Missing directories are created when `create`. `getcwd` must then name a
/// path under the root (CVE-2024-21626).
pub fn enter_workdir(cwd: &str, create: bool) -> Result<(), LaunchError> {
    use crate::runtime::resolve::openat2;
    use nix::errno::Errno;
    use nix::fcntl::{OFlag, OpenHow, ResolveFlag};
    if !cwd.starts_with('/') {
        return Err(LaunchError::Setup(format!("invalid working directory {cwd:?}: it must be absolute")));
    }
    let how = || {
        OpenHow::new().flags(OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC).resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS)
    };
    let root = nix::fcntl::open("/", OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, nix::sys::stat::Mode::empty()).map_err(fail("opening /"))?;
    let rel = cwd.trim_start_matches('/');
    let bad = |e: Errno| match e {
        Errno::ELOOP | Errno::EXDEV => LaunchError::Setup(format!("working directory {cwd:?} resolves through a magic link or out of the container: refused")),
        Errno::ENOTDIR => LaunchError::Setup(format!("working directory {cwd:?} is not a directory")),
        e => LaunchError::Setup(format!("working directory {cwd:?}: {e}")),
    };
    let dir = match openat2(&root, if rel.is_empty() { "." } else { rel }, how()) {
        Ok(d) => d,
        Err(Errno::ENOENT) if create => {
            // Create the missing components one by one, each resolved from
            // the root again (so `..` climbs as it would in the container).
            let mut prefix = String::new();
            let mut cur = openat2(&root, ".", how()).map_err(bad)?;
            for comp in rel.split('/').filter(|c| !c.is_empty() && *c != ".") {
                let path = if prefix.is_empty() { comp.to_string() } else { format!("{prefix}/{comp}") };
                cur = match openat2(&root, path.as_str(), how()) {
                    Ok(d) => d,
                    Err(Errno::ENOENT) if comp != ".." => {
                        match nix::sys::stat::mkdirat(&cur, comp, nix::sys::stat::Mode::from_bits_truncate(0o755)) {
                            Ok(()) | Err(Errno::EEXIST) => {}
                            Err(e) => return Err(LaunchError::Setup(format!("creating working directory {cwd:?}: {e}"))),
                        }
                        openat2(&root, path.as_str(), how()).map_err(bad)?
                    }
                    Err(e) => return Err(bad(e)),
                };
                prefix = path;
            }
            cur
        }
        Err(e) => return Err(bad(e)),
    };
    nix::unistd::fchdir(&dir).map_err(|e| LaunchError::Setup(format!("changing to working directory {cwd:?}: {e}")))?;
    match nix::unistd::getcwd() {
        Ok(p) if p.is_absolute() => Ok(()),
        Ok(p) => Err(LaunchError::Setup(format!("working directory {cwd:?} is outside the container ({})", p.display()))),
        Err(e) => Err(LaunchError::Setup(format!("working directory {cwd:?} is outside the container: {e}"))),
    }
}

/// The spec annotation (crun's, set by Podman for `--group-add keep-groups`).
pub const KEEP_GROUPS: &str = "run.oci.keep_original_groups";

/// Whether the spec asks to keep the caller's supplementary groups.
pub fn keep_original_groups(spec: &oci_spec::runtime::Spec) -> bool {
    spec.annotations().as_ref().and_then(|a| a.get(KEEP_GROUPS)).is_some_and(|v| v == "1")
}

/// Who the command runs as and with what privileges: the one privilege
/// drop used by the first process and by `exec`.
pub struct Credentials {
    pub uid: u32,
    pub gid: u32,
    pub groups: Vec<u32>,
    /// `--group-add keep-groups` (crun's `run.oci.keep_original_groups`):
    /// no setgroups, so the process keeps the supplementary groups rpod was
    /// started with (shown as the overflow gid inside: they are not mapped).
    pub keep_groups: bool,
    pub bounding: Vec<String>,
    pub effective: Vec<String>,
    pub permitted: Vec<String>,
    pub inheritable: Vec<String>,
    pub ambient: Vec<String>,
    pub no_new_privileges: bool,
    /// A compiled seccomp filter.
    pub seccomp: Option<Vec<libc::sock_filter>>,
    /// `process.user.umask`: set before the command runs (else inherited).
    pub umask: Option<u32>,
}

impl Credentials {
    pub fn from_spec(process: &oci_spec::runtime::Process, seccomp: Option<&oci_spec::runtime::LinuxSeccomp>) -> Result<Credentials, LaunchError> {
        let c = process.capabilities().clone().unwrap_or_default();
        let names = |s: &Option<std::collections::HashSet<oci_spec::runtime::Capability>>| -> Vec<String> {
            s.as_ref().map(|s| s.iter().map(|c| format!("CAP_{c}")).collect()).unwrap_or_default()
        };
        let user = process.user();
        Ok(Credentials {
            uid: user.uid(),
            gid: user.gid(),
            groups: user.additional_gids().clone().unwrap_or_default(),
            keep_groups: false,
            bounding: names(c.bounding()),
            effective: names(c.effective()),
            permitted: names(c.permitted()),
            inheritable: names(c.inheritable()),
            ambient: names(c.ambient()),
            no_new_privileges: process.no_new_privileges().unwrap_or(false),
            seccomp: compile_seccomp(seccomp)?,
            umask: user.umask(),
        })
    }
}

/// Compile the spec's seccomp section (done before any fork where possible).
pub fn compile_seccomp(s: Option<&oci_spec::runtime::LinuxSeccomp>) -> Result<Option<Vec<libc::sock_filter>>, LaunchError> {
    match s {
        Some(s) => Ok(Some(seccomp::compile_cached(s).map_err(|e| LaunchError::Setup(format!("seccomp: {e:#}")))?)),
        None => Ok(None),
    }
}

/// Every signal at its default action and none blocked, as a process that
/// no container engine started has them. The monitor ignores SIGHUP, SIGINT
/// and SIGPIPE, blocks the signals it reads from a signalfd, and glibc's
/// `posix_spawn` hands its children its two internal signals ignored; an
/// ignored or blocked signal survives `execve`, so container processes
/// inherited all that: an interactive shell's `sleep` could not be
/// interrupted, a pipeline's writer never died of SIGPIPE, SIGCHLD never
/// arrived. runc and crun reset them the same way.
fn default_signals() -> Result<(), LaunchError> {
    /// The kernel's `struct sigaction` (x86_64 and aarch64 layout).
    #[repr(C)]
    struct KernelSigaction {
        handler: usize,
        flags: libc::c_ulong,
        restorer: usize,
        mask: u64,
    }
    let default = KernelSigaction { handler: libc::SIG_DFL, flags: 0, restorer: 0, mask: 0 };
    for sig in 1..=64 {
        if sig == libc::SIGKILL || sig == libc::SIGSTOP {
            continue;
        }
        // SAFETY: rt_sigaction with a valid struct of the kernel's layout and
        // size 8 for the mask; SIG_DFL runs no code of ours. The raw call
        // reaches glibc's internal signals too (its wrapper refuses them).
        if unsafe { libc::syscall(libc::SYS_rt_sigaction, sig, &default as *const KernelSigaction, std::ptr::null_mut::<KernelSigaction>(), 8usize) } != 0 {
            return Err(LaunchError::Setup(format!("resetting signal {sig}: {}", std::io::Error::last_os_error())));
        }
    }
    nix::sys::signal::sigprocmask(nix::sys::signal::SigmaskHow::SIG_SETMASK, Some(&nix::sys::signal::SigSet::empty()), None).map_err(fail("unblocking signals"))
}

/// Drop to the command's user: signals to their defaults, bounding set,
/// groups, seccomp (while we still hold CAP_SYS_ADMIN in the namespace),
/// ids, capabilities, no_new_privs.
pub fn become_user(c: &Credentials) -> Result<(), LaunchError> {
    default_signals()?;
    caps::set_bounding(&c.bounding).map_err(fail("dropping capabilities from the bounding set"))?;
    if !c.keep_groups {
        let groups: Vec<Gid> = c.groups.iter().map(|g| Gid::from_raw(*g)).collect();
        nix::unistd::setgroups(&groups).map_err(fail("setgroups"))?;
    }
    if let Some(f) = &c.seccomp {
        seccomp::install(f).map_err(fail("installing the seccomp filter"))?;
    }
    let gid = Gid::from_raw(c.gid);
    let uid = Uid::from_raw(c.uid);
    nix::unistd::setresgid(gid, gid, gid).map_err(fail("setresgid"))?;
    nix::unistd::setresuid(uid, uid, uid).map_err(fail("setresuid"))?;
    // Changing ids resets dumpability to the system default: make sure.
    not_dumpable()?;
    caps::set(&c.effective, &c.permitted, &c.inheritable, &c.ambient).map_err(fail("setting capabilities"))?;
    if c.no_new_privileges {
        nix::sys::prctl::set_no_new_privs().map_err(fail("no_new_privs"))?;
    }
    if let Some(m) = c.umask {
        nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(m & 0o777));
    }
    Ok(())
}

const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

fn candidates(cmd: &str, env: &[String]) -> Vec<String> {
    if cmd.contains('/') {
        vec![cmd.to_string()]
    } else {
        let path = env.iter().find_map(|e| e.strip_prefix("PATH=")).unwrap_or(DEFAULT_PATH);
        path.split(':').filter(|d| !d.is_empty()).map(|d| format!("{d}/{cmd}")).collect()
    }
}

fn not_found(cmd: &str) -> LaunchError {
    if cmd.contains('/') {
        LaunchError::NotFound(format!("{cmd}: No such file or directory: OCI runtime attempted to invoke a command that was not found"))
    } else {
        LaunchError::NotFound(format!(
            "executable file `{cmd}` not found in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found"
        ))
    }
}

/// Find the command as exec would, without running it (for `--init`, whose
/// init does the exec): 127 when missing, 126 when not executable.
fn find_command(args: &[String], env: &[String]) -> Result<(), LaunchError> {
    let Some(cmd) = args.first() else { return Err(LaunchError::Setup("no command to run".into())) };
    let mut denied = None;
    for c in candidates(cmd, env) {
        let Ok(p) = CString::new(c.as_bytes()) else { continue };
        // SAFETY: access(2) on a NUL-terminated path.
        if unsafe { libc::access(p.as_ptr(), libc::X_OK) } == 0 {
            if std::fs::metadata(&c).map(|m| m.is_dir()).unwrap_or(false) {
                denied = Some(c);
                continue;
            }
            return Ok(());
        }
        if std::fs::metadata(&c).is_ok() {
            denied = Some(c);
        }
    }
    match denied {
        Some(c) => Err(LaunchError::CannotInvoke(format!("{c}: Permission denied: OCI permission denied"))),
        None => Err(not_found(cmd)),
    }
}

/// execve along the container's PATH; 127 when not found, 126 when not executable.
fn exec(args: &[String], env: &[String]) -> Result<Infallible, LaunchError> {
    let Some(cmd) = args.first() else { return Err(LaunchError::Setup("no command to run".into())) };
    let cargs: Vec<CString> = args.iter().map(|a| CString::new(a.as_bytes())).collect::<Result<_, _>>().map_err(fail("argument"))?;
    let cenv: Vec<CString> = env.iter().map(|a| CString::new(a.as_bytes())).collect::<Result<_, _>>().map_err(fail("environment"))?;
    let mut denied = None;
    for c in candidates(cmd, env) {
        let Ok(p) = CString::new(c.as_bytes()) else { continue };
        match nix::unistd::execve(&p, &cargs, &cenv) {
            Ok(never) => match never {},
            Err(nix::errno::Errno::ENOENT) | Err(nix::errno::Errno::ENOTDIR) => continue,
            Err(e @ (nix::errno::Errno::EACCES | nix::errno::Errno::ENOEXEC | nix::errno::Errno::EISDIR | nix::errno::Errno::EPERM)) => {
                denied = Some((c.clone(), e));
            }
            Err(e) => return Err(LaunchError::CannotInvoke(format!("{c}: {e}"))),
        }
    }
    match denied {
        Some((c, e)) => Err(LaunchError::CannotInvoke(format!("{c}: {e}: OCI permission denied"))),
        None => Err(not_found(cmd)),
    }
}

/// A pidfd for `pid` (pidfd_open(2), Linux 5.3): it polls readable once the
/// process has exited, so a caller can wait for an exit and for I/O in one
/// `poll` instead of waking up on a timer to check.
pub fn pidfd_open(pid: Pid) -> std::io::Result<OwnedFd> {
    // SAFETY: pidfd_open takes a pid and flags and returns a new descriptor we own (close-on-exec).
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid.as_raw(), 0) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: a non-negative return is a fresh descriptor nobody else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as RawFd) })
}

/// An extra process for a running container (`rpod exec`).
pub struct ExecProcess {
    pub args: Vec<String>,
    pub env: Vec<String>,
    pub cwd: String,
    pub creds: Credentials,
    /// Make a terminal inside the container (stdio must be `Console`).
    pub tty: bool,
}

/// The running container an exec joins.
pub struct Target {
    /// Namespace files of the container's first process, in join order (user first).
    pub namespaces: Vec<(std::fs::File, nix::sched::CloneFlags)>,
    /// The container's cgroup, joined before the namespaces.
    pub cgroup: Option<std::path::PathBuf>,
}

/// Run `p` inside the container: returns the pid of the process that execs
/// the command (a child of the caller). The caller must be single-threaded.
pub fn spawn_exec(target: Target, p: &ExecProcess, stdio: Stdio) -> Result<Pid, LaunchError> {
    let (report_r, report_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(fail("creating a pipe"))?;
    let caller = nix::unistd::getpid();
    let a = clone_process(0).map_err(fail("fork"))?;
    if a == 0 {
        let keep = [report_w.as_raw_fd(), report_w.as_raw_fd()];
        let stdio = std::mem::ManuallyDrop::new(stdio);
        let target = std::mem::ManuallyDrop::new(target);
        std::mem::forget((report_r, report_w));
        match exec_stage_a(&target, p, &stdio, keep, caller) {
            Ok(never) => match never {},
            Err(e) => die(e),
        }
    }
    let a = Pid::from_raw(a);
    drop(report_w);
    drop(stdio);
    drop(target);
    let (pid, _, err) = read_reports(report_r);
    let _ = nix::sys::wait::waitpid(a, None);
    match (pid, err) {
        (Some(pid), None) => Ok(pid),
        (pid, err) => {
            if let Some(p) = pid {
                let _ = nix::sys::wait::waitpid(p, None);
            }
            Err(err.unwrap_or_else(|| LaunchError::Setup("the exec setup ended without a report".into())))
        }
    }
}

fn exec_stage_a(target: &Target, p: &ExecProcess, stdio: &Stdio, keep: [RawFd; 2], caller: Pid) -> Result<Infallible, LaunchError> {
    // Non-dumpable before joining anything: container root must never reach
    // this process, a copy of rpod (CVE-2019-5736, CVE-2016-9962).
    not_dumpable()?;
    die_with_parent(caller)?;
    // The namespace files must survive arrange_fds: copies above 64 are kept.
    let ns = lift_namespace_fds(&target.namespaces)?;
    // Join the container's cgroup first, while its path is still ours to see.
    if let Some(cg) = &target.cgroup {
        std::fs::write(cg.join("cgroup.procs"), "0").map_err(|e| LaunchError::Setup(format!("joining the container's cgroup {}: {e}", cg.display())))?;
    }
    // Now close everything but stdio, the console socket and the report pipe
    // (the namespace descriptors are closed right after they are joined).
    arrange_fds(stdio, keep, &ns.iter().map(|(fd, _)| *fd).collect::<Vec<_>>())?;
    join_namespaces(&ns)?;
    let b = clone_process(libc::CLONE_PARENT).map_err(fail("fork into the container"))?;
    if b == 0 {
        match exec_stage_b(p) {
            Ok(never) => match never {},
            Err(e) => die(e),
        }
    }
    report(&Report::Pid(b));
    // SAFETY: A's work is done; _exit skips destructors of the caller's copies.
    unsafe { libc::_exit(0) }
}

/// Copy namespace descriptors to numbers >= 64 (close-on-exec), which
/// `arrange_fds` keeps.
/// Copy a descriptor to a free number >= 64 (it survives arrange_fds).
fn lift_fd(fd: RawFd) -> Result<RawFd, LaunchError> {
    // SAFETY: F_DUPFD_CLOEXEC duplicates a descriptor we own onto a free number >= 64.
    let n = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 64) };
    if n < 0 {
        return Err(LaunchError::Setup(format!("keeping the exec gate: {}", std::io::Error::last_os_error())));
    }
    Ok(n)
}

fn lift_namespace_fds(files: &[(std::fs::File, nix::sched::CloneFlags)]) -> Result<Vec<(RawFd, nix::sched::CloneFlags)>, LaunchError> {
    let mut out = Vec::new();
    for (f, flag) in files {
        // SAFETY: F_DUPFD_CLOEXEC duplicates a descriptor we own onto a free number >= 64.
        let fd = unsafe { libc::fcntl(f.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 64) };
        if fd < 0 {
            return Err(LaunchError::Setup(format!("keeping the namespace descriptors: {}", std::io::Error::last_os_error())));
        }
        out.push((fd, *flag));
    }
    Ok(out)
}

/// Join each namespace (user first, as listed) and close its descriptor.
fn join_namespaces(ns: &[(RawFd, nix::sched::CloneFlags)]) -> Result<(), LaunchError> {
    for (fd, flag) in ns {
        // SAFETY: fd is a namespace descriptor this process owns (from lift_namespace_fds).
        let f = unsafe { OwnedFd::from_raw_fd(*fd) };
        nix::sched::setns(&f, *flag).map_err(|e| LaunchError::Setup(format!("joining the namespace ({flag:?}): {e}")))?;
    }
    Ok(())
}

fn exec_stage_b(p: &ExecProcess) -> Result<Infallible, LaunchError> {
    not_dumpable()?;
    nix::unistd::setsid().map_err(fail("setsid"))?;
    nix::unistd::setresgid(Gid::from_raw(0), Gid::from_raw(0), Gid::from_raw(0)).map_err(fail("setresgid(0)"))?;
    nix::unistd::setresuid(Uid::from_raw(0), Uid::from_raw(0), Uid::from_raw(0)).map_err(fail("setresuid(0)"))?;
    not_dumpable()?;
    console_or_close(p.tty)?;
    enter_workdir(&p.cwd, false)?;
    become_user(&p.creds)?;
    exec(&p.args, &p.env)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_round_trip() {
        let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).unwrap();
        let mut f = std::fs::File::from(w);
        for rep in [Report::Fuse(7), Report::Pid(42), Report::Error { code: 127, message: "not found\nsecond line".into() }] {
            writeln!(f, "{}", serde_json::to_string(&rep).unwrap()).unwrap();
        }
        drop(f);
        let (pid, fuse, err) = read_reports(r);
        assert_eq!(pid, Some(Pid::from_raw(42)));
        assert_eq!(fuse, Some(Pid::from_raw(7)));
        let err = err.unwrap();
        assert_eq!(err.exit_code(), 127);
        assert!(err.to_string().contains("second line"));
    }

    #[test]
    fn mappings_inside_our_namespace_follow_our_extents() {
        // Our namespace: 0 -> 1000, 1..65537 -> 100000.., as rpod's own.
        let own = [(0, 1000, 1), (1, 100000, 65536)];
        // No mapping asked for: ours, one-to-one.
        assert_eq!(translate(&[], &own), vec![(0, 0, 1), (1, 1, 65536)]);
        // The spec's host ids become our ids, split where our extents split.
        assert_eq!(translate(&[(0, 1000, 1), (1, 100000, 65536)], &own), vec![(0, 0, 1), (1, 1, 65536)]);
        assert_eq!(translate(&[(0, 100010, 10)], &own), vec![(0, 11, 10)]);
        assert_eq!(translate(&[(5, 999, 3)], &own), vec![(6, 0, 1)], "only the part our map covers");
        assert_eq!(translate(&[(0, 165530, 20)], &own), vec![(0, 65531, 6)]);
    }

    fn spec_with(namespaces: &[(oci_spec::runtime::LinuxNamespaceType, Option<&str>)]) -> oci_spec::runtime::Spec {
        let list = namespaces
            .iter()
            .map(|(t, p)| {
                let mut n = oci_spec::runtime::LinuxNamespace::default();
                n.set_typ(*t);
                n.set_path(p.map(Into::into));
                n
            })
            .collect();
        let mut linux = oci_spec::runtime::Linux::default();
        linux.set_namespaces(Some(list));
        let mut spec = oci_spec::runtime::Spec::default();
        spec.set_linux(Some(linux));
        spec
    }

    #[test]
    fn a_premade_user_namespace_is_joined_and_the_rest_made_inside_it() {
        use oci_spec::runtime::LinuxNamespaceType as T;
        let all = [(T::User, None), (T::Mount, None), (T::Network, None), (T::Uts, None), (T::Ipc, None), (T::Pid, None)];
        // Without one: the first clone makes the user namespace and what it owns.
        let plan = namespace_plan(&spec_with(&all), None).unwrap();
        assert_eq!(plan.clone, libc::CLONE_NEWUSER | libc::CLONE_NEWNS | libc::CLONE_NEWNET | libc::CLONE_NEWUTS | libc::CLONE_NEWIPC);
        assert!(plan.join.is_empty() && plan.pid);
        // With one (any user namespace file stands in for it here): joined
        // first, the others unshared inside it, nothing made by the clone.
        let ns = std::fs::File::open("/proc/self/ns/user").unwrap();
        let plan = namespace_plan(&spec_with(&all), Some(ns)).unwrap();
        assert_eq!(plan.clone, 0);
        assert_eq!(plan.unshare, libc::CLONE_NEWNS | libc::CLONE_NEWNET | libc::CLONE_NEWUTS | libc::CLONE_NEWIPC);
        assert_eq!(plan.join.iter().map(|(_, k)| *k).collect::<Vec<_>>(), [nix::sched::CloneFlags::CLONE_NEWUSER]);
        assert!(plan.pid);
        // A spec that makes no user namespace, or joins one by path, ignores it.
        let ns = std::fs::File::open("/proc/self/ns/user").unwrap();
        let plan = namespace_plan(&spec_with(&all[1..]), Some(ns)).unwrap();
        assert!(plan.join.is_empty() && plan.clone == libc::CLONE_NEWNS | libc::CLONE_NEWNET | libc::CLONE_NEWUTS | libc::CLONE_NEWIPC);
        let ns = std::fs::File::open("/proc/self/ns/user").unwrap();
        let joined = [(T::User, Some("/proc/self/ns/user")), (T::Mount, None)];
        let plan = namespace_plan(&spec_with(&joined), Some(ns)).unwrap();
        assert_eq!((plan.join.len(), plan.clone, plan.unshare), (1, 0, libc::CLONE_NEWNS));
    }

    #[test]
    fn command_candidates_follow_path() {
        assert_eq!(candidates("/bin/sh", &[]), ["/bin/sh"]);
        assert_eq!(candidates("sh", &["PATH=/a::/b".into()]), ["/a/sh", "/b/sh"]);
        assert_eq!(candidates("sh", &[]).len(), 6);
    }
}

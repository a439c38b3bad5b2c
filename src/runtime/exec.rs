//! Running an extra process in a running container (`rpod exec`): join the
//! container's user namespace first (rpod's user owns it, so that needs no
//! privilege), then its mount, uts, ipc, network, cgroup and pid
//! namespaces; fork so the command lands in the pid namespace; apply the
//! container's user, capabilities and seccomp filter; exec.

use std::fs::File;
use std::os::fd::OwnedFd;

use nix::sched::{setns, CloneFlags};
use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{fork, ForkResult, Gid, Pid, Uid};

use super::process::{exec_command, LaunchError};
use super::{caps, seccomp};

/// What to run and as whom.
pub struct ExecSpec {
    pub args: Vec<String>,
    pub env: Vec<String>,
    pub cwd: String,
    pub uid: u32,
    pub gid: u32,
    pub groups: Vec<u32>,
    pub bounding: Vec<String>,
    pub effective: Vec<String>,
    pub no_new_privileges: bool,
    pub seccomp: Option<serde_json::Value>,
    /// Make the pty slave on stdin the controlling terminal.
    pub tty: bool,
}

fn fail<E: std::fmt::Display>(what: &str) -> impl FnOnce(E) -> LaunchError + '_ {
    move |e| LaunchError::Setup(format!("{what}: {e}"))
}

/// Open the namespaces of `pid` (before forking, so errors are reported plainly).
pub fn open_namespaces(pid: i32) -> Result<Vec<(File, CloneFlags)>, LaunchError> {
    let mut v = Vec::new();
    for (name, flag) in [
        ("user", CloneFlags::CLONE_NEWUSER),
        ("mnt", CloneFlags::CLONE_NEWNS),
        ("uts", CloneFlags::CLONE_NEWUTS),
        ("ipc", CloneFlags::CLONE_NEWIPC),
        ("net", CloneFlags::CLONE_NEWNET),
        ("cgroup", CloneFlags::CLONE_NEWCGROUP),
        ("pid", CloneFlags::CLONE_NEWPID),
    ] {
        let f = File::open(format!("/proc/{pid}/ns/{name}")).map_err(|e| LaunchError::Setup(format!("opening the container's {name} namespace: {e}")))?;
        v.push((f, flag));
    }
    Ok(v)
}

/// Fork a child that joins the namespaces and runs the command; returns the
/// pid of that child, whose exit status is the command's. The caller must be
/// single-threaded (setns into a user namespace requires it).
/// `console`: a socket to send the pty master through (made inside the
/// container, see [`super::console`]).
pub fn spawn(namespaces: Vec<(File, CloneFlags)>, spec: &ExecSpec, console: Option<OwnedFd>) -> Result<Pid, LaunchError> {
    // SAFETY: single-threaded caller (documented); the child only joins
    // namespaces, forks once more and execs.
    match unsafe { fork() }.map_err(fail("fork"))? {
        ForkResult::Parent { child } => Ok(child),
        ForkResult::Child => {
            let code = match join_and_run(namespaces, spec, console.as_ref()) {
                Ok(code) => code,
                Err(e) => {
                    eprintln!("Error: {e}");
                    e.exit_code()
                }
            };
            // SAFETY: _exit ends the forked child without the parent's destructors.
            unsafe { libc::_exit(code) }
        }
    }
}

fn join_and_run(namespaces: Vec<(File, CloneFlags)>, spec: &ExecSpec, console: Option<&OwnedFd>) -> Result<i32, LaunchError> {
    for (f, flag) in &namespaces {
        setns(f, *flag).map_err(|e| LaunchError::Setup(format!("joining the container's namespace ({flag:?}): {e}")))?;
    }
    drop(namespaces);
    // The pid namespace applies to children: fork once more.
    // SAFETY: single-threaded (this is a fork child of a single-threaded process).
    match unsafe { fork() }.map_err(fail("fork"))? {
        ForkResult::Parent { child } => loop {
            match waitpid(child, None) {
                Ok(WaitStatus::Exited(_, c)) => return Ok(c),
                Ok(WaitStatus::Signaled(_, s, _)) => return Ok(128 + s as i32),
                Ok(_) => continue,
                Err(nix::errno::Errno::EINTR) => continue,
                Err(e) => return Err(LaunchError::Setup(format!("waiting for the exec process: {e}"))),
            }
        },
        ForkResult::Child => {
            let err = match become_and_exec(spec, console) {
                Ok(never) => match never {},
                Err(e) => e,
            };
            eprintln!("Error: {err}");
            // SAFETY: _exit in the forked grandchild.
            unsafe { libc::_exit(err.exit_code()) }
        }
    }
}

fn become_and_exec(spec: &ExecSpec, console: Option<&OwnedFd>) -> Result<std::convert::Infallible, LaunchError> {
    nix::unistd::setresgid(Gid::from_raw(0), Gid::from_raw(0), Gid::from_raw(0)).map_err(fail("setresgid(0)"))?;
    nix::unistd::setresuid(Uid::from_raw(0), Uid::from_raw(0), Uid::from_raw(0)).map_err(fail("setresuid(0)"))?;
    if let Some(sock) = console {
        let _ = nix::unistd::setsid();
        super::console::setup_inside(sock).map_err(LaunchError::Setup)?;
    }
    nix::unistd::chdir(spec.cwd.as_str()).map_err(|e| LaunchError::Setup(format!("chdir to {}: {e}", spec.cwd)))?;
    let filter = match &spec.seccomp {
        Some(v) => Some(seccomp::compile(v).map_err(|e| LaunchError::Setup(format!("seccomp: {e:#}")))?),
        None => None,
    };
    caps::set_bounding(&spec.bounding).map_err(fail("dropping capabilities"))?;
    let groups: Vec<Gid> = spec.groups.iter().map(|g| Gid::from_raw(*g)).collect();
    nix::unistd::setgroups(&groups).map_err(fail("setgroups"))?;
    if let Some(f) = &filter {
        seccomp::install(f).map_err(fail("installing the seccomp filter"))?;
    }
    let (gid, uid) = (Gid::from_raw(spec.gid), Uid::from_raw(spec.uid));
    nix::unistd::setresgid(gid, gid, gid).map_err(fail("setresgid"))?;
    nix::unistd::setresuid(uid, uid, uid).map_err(fail("setresuid"))?;
    let eff = if spec.uid == 0 { spec.effective.clone() } else { vec![] };
    caps::set(&eff, &eff, &[], &[]).map_err(fail("setting capabilities"))?;
    if spec.no_new_privileges {
        nix::sys::prctl::set_no_new_privs().map_err(fail("no_new_privs"))?;
    }
    // SAFETY: marks our own descriptors 3.. close-on-exec.
    unsafe { libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, libc::CLOSE_RANGE_CLOEXEC as libc::c_uint) };
    exec_command(&spec.args, &spec.env)
}

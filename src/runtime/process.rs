//! Launching the container process: one `clone` into new user, mount, pid,
//! uts, ipc, network and cgroup namespaces; the parent maps ids with the
//! setuid helpers; the child builds the rootfs, drops privileges and execs.
//!
//! Parent and child talk over two pipes: `sync` (parent → child: "ids are
//! mapped") and `report` (child → parent, close-on-exec: empty at EOF means
//! the exec succeeded, otherwise `CODE\tmessage` says why not, with 126/127
//! for a command that cannot be invoked or is not found).

use std::convert::Infallible;
use std::ffi::CString;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicI32, Ordering};

use nix::unistd::{Gid, Pid, Uid};
use thiserror::Error;

use super::rootfs::{self, RootfsPlan};
use super::userns::IdMap;
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
    fn parse(report: &str) -> LaunchError {
        let (code, msg) = report.split_once('\t').unwrap_or(("125", report));
        match code {
            "126" => LaunchError::CannotInvoke(msg.to_string()),
            "127" => LaunchError::NotFound(msg.to_string()),
            _ => LaunchError::Setup(msg.to_string()),
        }
    }
}

/// The container's standard streams: pipes, or (for a terminal) a socket
/// to send the pty master through once the child has made it inside.
pub enum Stdio {
    Pipes { stdin: Option<OwnedFd>, stdout: OwnedFd, stderr: OwnedFd },
    Console(OwnedFd),
}

/// Everything the child needs.
pub struct Launch<'a> {
    pub spec: &'a oci_spec::runtime::Spec,
    pub plan: &'a RootfsPlan,
    pub idmap: Option<&'a IdMap>,
    pub stdio: Stdio,
    /// Run a tiny reaper as PID 1 (`--init`).
    pub init: bool,
    /// Move the process into this cgroup before it runs anything.
    pub cgroup: Option<&'a crate::cgroups::Cgroup>,
}

fn map_ids(pid: Pid, map: &IdMap) -> Result<(), String> {
    if super::userns::in_user_namespace() {
        // Already inside rpod's user namespace (as root of it): map the child
        // one-to-one onto ours, one line per extent of our own map (a line
        // may not span two parent extents).
        for f in ["uid_map", "gid_map"] {
            let own = std::fs::read_to_string(format!("/proc/self/{f}")).map_err(|e| format!("reading {f}: {e}"))?;
            let lines: String = own
                .lines()
                .filter_map(|l| {
                    let v: Vec<&str> = l.split_whitespace().collect();
                    (v.len() == 3).then(|| format!("{} {} {}\n", v[0], v[0], v[2]))
                })
                .collect();
            std::fs::write(format!("/proc/{pid}/{f}"), lines).map_err(|e| format!("writing {f}: {e}"))?;
        }
        return Ok(());
    }
    for (tool, lines) in [("newuidmap", &map.uids), ("newgidmap", &map.gids)] {
        let mut args = vec![pid.to_string()];
        for l in lines.iter() {
            args.extend([l.inside.to_string(), l.outside.to_string(), l.count.to_string()]);
        }
        let out = std::process::Command::new(tool).args(&args).output().map_err(|e| format!("running {tool}: {e} (install the uidmap package)"))?;
        if !out.status.success() {
            return Err(format!("{tool} {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()));
        }
    }
    Ok(())
}

/// Placeholder mapping for a monitor that already runs inside rpod's user
/// namespace: `map_ids` maps the container one-to-one onto it.
static IDENTITY: IdMap = IdMap { uids: Vec::new(), gids: Vec::new() };

/// Start the container; returns the pid of its first process (PID 1 inside).
/// The caller must be single-threaded.
pub fn launch(l: Launch<'_>) -> Result<Pid, LaunchError> {
    let setup = |e: std::io::Error| LaunchError::Setup(format!("creating pipes: {e}"));
    let (sync_r, sync_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(|e| setup(e.into()))?;
    let (report_r, report_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(|e| setup(e.into()))?;
    let flags = libc::CLONE_NEWUSER | libc::CLONE_NEWNS | libc::CLONE_NEWPID | libc::CLONE_NEWUTS | libc::CLONE_NEWIPC | libc::CLONE_NEWNET | libc::CLONE_NEWCGROUP;
    // SAFETY: clone without CLONE_VM and without a new stack behaves like fork:
    // the child gets a copy-on-write copy of this single-threaded process.
    let pid = unsafe { libc::syscall(libc::SYS_clone, (flags | libc::SIGCHLD) as libc::c_ulong, 0usize, 0usize, 0usize, 0usize) };
    if pid < 0 {
        return Err(LaunchError::Setup(format!("creating the container namespaces: {}", std::io::Error::last_os_error())));
    }
    if pid == 0 {
        drop(sync_w);
        drop(report_r);
        REPORT_FD.store(report_w.as_raw_fd(), Ordering::Relaxed);
        let mut report = std::fs::File::from(report_w);
        let err = child(l, sync_r);
        let code = err.exit_code();
        let _ = write!(report, "{code}\t{err}");
        // SAFETY: _exit ends the child without running the parent's destructors.
        unsafe { libc::_exit(code) }
    }
    let pid = Pid::from_raw(pid as i32);
    drop(sync_r);
    drop(report_w);
    drop(l.stdio);
    let mut sync = std::fs::File::from(sync_w);
    let nested = super::userns::in_user_namespace();
    if let Some(map) = l.idmap.filter(|_| !nested).or(nested.then_some(&IDENTITY)) {
        if let Err(e) = map_ids(pid, map) {
            let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
            let _ = nix::sys::wait::waitpid(pid, None);
            return Err(LaunchError::Setup(format!("mapping ids into the container's user namespace: {e}")));
        }
    }
    if let Some(cg) = l.cgroup {
        if let Err(e) = cg.add(pid.as_raw()) {
            let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
            let _ = nix::sys::wait::waitpid(pid, None);
            return Err(LaunchError::Setup(format!("{e:#}")));
        }
    }
    let _ = sync.write_all(b"1");
    drop(sync);
    let mut report = String::new();
    let _ = std::fs::File::from(report_r).read_to_string(&mut report);
    if !report.is_empty() {
        let _ = nix::sys::wait::waitpid(pid, None);
        return Err(LaunchError::parse(&report));
    }
    Ok(pid)
}

fn child(l: Launch<'_>, sync: OwnedFd) -> LaunchError {
    let mut buf = [0u8; 1];
    if std::fs::File::from(sync).read_exact(&mut buf).is_err() {
        return LaunchError::Setup("the parent went away before mapping ids".into());
    }
    match setup_and_exec(l) {
        Ok(never) => match never {},
        Err(e) => e,
    }
}

fn fail<E: std::fmt::Display>(what: &str) -> impl FnOnce(E) -> LaunchError + '_ {
    move |e| LaunchError::Setup(format!("{what}: {e}"))
}

fn dup_onto(fd: RawFd, target: RawFd) -> Result<(), LaunchError> {
    // SAFETY: dup2 on descriptors we own; target is 0, 1 or 2.
    if unsafe { libc::dup2(fd, target) } < 0 {
        return Err(LaunchError::Setup(format!("dup2: {}", std::io::Error::last_os_error())));
    }
    Ok(())
}

static MAIN_CHILD: AtomicI32 = AtomicI32::new(0);
/// The child's end of the report pipe (for `--init`, whose PID 1 never execs).
static REPORT_FD: AtomicI32 = AtomicI32::new(-1);

extern "C" fn forward_signal(sig: libc::c_int) {
    let pid = MAIN_CHILD.load(Ordering::Relaxed);
    if pid > 0 {
        // SAFETY: kill is async-signal-safe.
        unsafe { libc::kill(pid, sig) };
    }
}

fn setup_and_exec(l: Launch<'_>) -> Result<Infallible, LaunchError> {
    let spec = l.spec;
    nix::unistd::setresgid(Gid::from_raw(0), Gid::from_raw(0), Gid::from_raw(0)).map_err(fail("setresgid(0)"))?;
    nix::unistd::setresuid(Uid::from_raw(0), Uid::from_raw(0), Uid::from_raw(0)).map_err(fail("setresuid(0)"))?;
    // Standard streams (a terminal is made after the mounts, from the container's /dev/pts).
    nix::unistd::setsid().map_err(fail("setsid"))?;
    if let Stdio::Pipes { stdin, stdout, stderr } = &l.stdio {
        let null = std::fs::File::open("/dev/null").map_err(fail("opening /dev/null"))?;
        let stdin_fd = stdin.as_ref().map(|f| f.as_raw_fd()).unwrap_or(null.as_raw_fd());
        dup_onto(stdin_fd, 0)?;
        dup_onto(stdout.as_raw_fd(), 1)?;
        dup_onto(stderr.as_raw_fd(), 2)?;
    }
    // File system.
    nix::mount::mount(None::<&str>, "/", None::<&str>, nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_PRIVATE, None::<&str>)
        .map_err(fail("making / private"))?;
    rootfs::mount_root(l.plan).map_err(|e| LaunchError::Setup(format!("{e:#}")))?;
    rootfs::mount_all(&l.plan.merged, spec).map_err(|e| LaunchError::Setup(format!("{e:#}")))?;
    rootfs::pivot(&l.plan.merged).map_err(|e| LaunchError::Setup(format!("{e:#}")))?;
    let linux = spec.linux().clone().unwrap_or_default();
    rootfs::mask_and_protect(linux.masked_paths().as_deref().unwrap_or_default(), linux.readonly_paths().as_deref().unwrap_or_default())
        .map_err(|e| LaunchError::Setup(format!("{e:#}")))?;
    if let Stdio::Console(sock) = &l.stdio {
        super::console::setup_inside(sock).map_err(LaunchError::Setup)?;
    }
    if spec.root().as_ref().and_then(|r| r.readonly()).unwrap_or(false) {
        rootfs::readonly_root().map_err(|e| LaunchError::Setup(format!("{e:#}")))?;
    }
    if let Some(h) = spec.hostname() {
        nix::unistd::sethostname(h).map_err(fail("sethostname"))?;
    }
    let process = spec.process().clone().ok_or_else(|| LaunchError::Setup("the spec has no process".into()))?;
    for r in process.rlimits().as_deref().unwrap_or_default() {
        if r.typ() == oci_spec::runtime::PosixRlimitType::RlimitNofile {
            let (_, hard) = nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE).unwrap_or((1024, 1024));
            let want = r.hard().min(hard);
            let _ = nix::sys::resource::setrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE, r.soft().min(want), want);
        }
    }
    // Working directory: inside the new root by construction; created if missing.
    let cwd = process.cwd().display().to_string();
    if !cwd.starts_with('/') || cwd.split('/').any(|c| c == "..") {
        return Err(LaunchError::Setup(format!("invalid working directory {cwd}")));
    }
    if std::fs::symlink_metadata(&cwd).is_err() {
        std::fs::create_dir_all(&cwd).map_err(fail("creating the working directory"))?;
    }
    nix::unistd::chdir(cwd.as_str()).map_err(|e| LaunchError::Setup(format!("chdir to working directory {cwd}: {e}")))?;
    // Seccomp while we still hold CAP_SYS_ADMIN in the namespace.
    let filter = match linux.seccomp() {
        Some(s) => {
            let v = serde_json::to_value(s).map_err(fail("seccomp profile"))?;
            Some(seccomp::compile(&v).map_err(|e| LaunchError::Setup(format!("seccomp: {e:#}")))?)
        }
        None => None,
    };
    // Privileges.
    let c = process.capabilities().clone().unwrap_or_default();
    let names = |s: &Option<std::collections::HashSet<oci_spec::runtime::Capability>>| -> Vec<String> {
        s.as_ref().map(|s| s.iter().map(|c| format!("CAP_{c}")).collect()).unwrap_or_default()
    };
    let (bounding, effective, permitted, inheritable, ambient) = (names(c.bounding()), names(c.effective()), names(c.permitted()), names(c.inheritable()), names(c.ambient()));
    caps::set_bounding(&bounding).map_err(fail("dropping capabilities from the bounding set"))?;
    let user = process.user();
    let groups: Vec<Gid> = user.additional_gids().as_deref().unwrap_or_default().iter().map(|g| Gid::from_raw(*g)).collect();
    nix::unistd::setgroups(&groups).map_err(fail("setgroups"))?;
    if let Some(f) = &filter {
        seccomp::install(f).map_err(fail("installing the seccomp filter"))?;
    }
    let gid = Gid::from_raw(user.gid());
    let uid = Uid::from_raw(user.uid());
    nix::unistd::setresgid(gid, gid, gid).map_err(fail("setresgid"))?;
    nix::unistd::setresuid(uid, uid, uid).map_err(fail("setresuid"))?;
    caps::set(&effective, &permitted, &inheritable, &ambient).map_err(fail("setting capabilities"))?;
    if process.no_new_privileges().unwrap_or(false) {
        nix::sys::prctl::set_no_new_privs().map_err(fail("no_new_privs"))?;
    }
    // Only 0-2 reach the command: everything else becomes close-on-exec.
    // SAFETY: close_range with CLOSE_RANGE_CLOEXEC only sets flags on our own fds.
    unsafe { libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, libc::CLOSE_RANGE_CLOEXEC as libc::c_uint) };
    let args = process.args().clone().unwrap_or_default();
    let env = process.env().clone().unwrap_or_default();
    if l.init {
        return run_init(&args, &env);
    }
    exec(&args, &env)
}

/// `--init`: stay as PID 1, run the command as a child, reap everything,
/// forward signals, and exit with the command's status.
fn run_init(args: &[String], env: &[String]) -> Result<Infallible, LaunchError> {
    let args: Vec<String> = args.iter().skip_while(|a| *a == "/dev/init" || *a == "--").cloned().collect();
    // The command's exec is confirmed through its own close-on-exec pipe;
    // then PID 1 closes the launch report pipe (success) or forwards the error.
    let (exec_r, exec_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(fail("pipe"))?;
    // SAFETY: single-threaded; the child only execs.
    match unsafe { nix::unistd::fork() }.map_err(fail("fork"))? {
        nix::unistd::ForkResult::Child => match exec(&args, env) {
            Ok(never) => match never {},
            Err(e) => {
                let _ = write!(std::fs::File::from(exec_w), "{}\t{e}", e.exit_code());
                // SAFETY: _exit in the forked child.
                unsafe { libc::_exit(e.exit_code()) }
            }
        },
        nix::unistd::ForkResult::Parent { child } => {
            drop(exec_w);
            let mut failure = String::new();
            let _ = std::fs::File::from(exec_r).read_to_string(&mut failure);
            if !failure.is_empty() {
                return Err(LaunchError::parse(&failure));
            }
            // SAFETY: closing our own copy of the report pipe's write end tells
            // the monitor the command runs; nothing else uses that descriptor.
            unsafe { libc::close(REPORT_FD.load(Ordering::Relaxed)) };
            MAIN_CHILD.store(child.as_raw(), Ordering::Relaxed);
            for sig in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP, libc::SIGQUIT, libc::SIGUSR1, libc::SIGUSR2, libc::SIGWINCH] {
                // SAFETY: installing a handler that only calls kill(2), which is async-signal-safe.
                unsafe { libc::signal(sig, forward_signal as *const () as libc::sighandler_t) };
            }
            loop {
                match nix::sys::wait::waitpid(None, None) {
                    Ok(nix::sys::wait::WaitStatus::Exited(p, code)) if p == child => unsafe { libc::_exit(code) },
                    // SAFETY (both arms): _exit from PID 1 ends the container with the command's status.
                    Ok(nix::sys::wait::WaitStatus::Signaled(p, sig, _)) if p == child => unsafe { libc::_exit(128 + sig as i32) },
                    Ok(_) => {}
                    Err(nix::errno::Errno::EINTR) => {}
                    Err(_) => unsafe { libc::_exit(0) },
                }
            }
        }
    }
}

/// execvpe with the container's PATH; 127 when not found, 126 when not executable.
pub fn exec_command(args: &[String], env: &[String]) -> Result<Infallible, LaunchError> {
    exec(args, env)
}

fn exec(args: &[String], env: &[String]) -> Result<Infallible, LaunchError> {
    let Some(cmd) = args.first() else { return Err(LaunchError::Setup("no command to run".into())) };
    let cargs: Vec<CString> = args.iter().map(|a| CString::new(a.as_bytes())).collect::<Result<_, _>>().map_err(fail("argument"))?;
    let cenv: Vec<CString> = env.iter().map(|a| CString::new(a.as_bytes())).collect::<Result<_, _>>().map_err(fail("environment"))?;
    let candidates: Vec<String> = if cmd.contains('/') {
        vec![cmd.clone()]
    } else {
        let path = env.iter().find_map(|e| e.strip_prefix("PATH=")).unwrap_or("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        path.split(':').filter(|d| !d.is_empty()).map(|d| format!("{d}/{cmd}")).collect()
    };
    let mut denied = None;
    for c in &candidates {
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
        None if cmd.contains('/') => Err(LaunchError::NotFound(format!("{cmd}: No such file or directory: OCI runtime attempted to invoke a command that was not found"))),
        None => Err(LaunchError::NotFound(format!("executable file `{cmd}` not found in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found"))),
    }
}

//! A container's user namespace made and mapped ahead of its launch.
//!
//! Mapping a new user namespace rootless takes the setuid helpers
//! `newuidmap` and `newgidmap`: two execs of about 1 ms each, a quarter of
//! `run --rm`'s own time, on the critical path when the monitor runs them
//! after cloning the container's first process. The starting CLI knows the
//! mapping (it is in the container's spec) before it spawns the monitor, so
//! it makes the namespace first and lets the helpers run while the monitor
//! starts up:
//!
//! 1. [`Premap::start`] clones a *holder* process into a new user namespace
//!    (it only waits to be killed), opens `/proc/HOLDER/ns/user` and starts
//!    both helpers on the holder without waiting for them.
//! 2. The CLI spawns the monitor, handing it the namespace descriptor.
//! 3. [`Premap::finish`] waits for the helpers and kills the holder: the
//!    open descriptor keeps the namespace alive (and joinable) without any
//!    process in it. The CLI then tells the monitor the mapping is complete;
//!    the container's first process joins the namespace (`setns`) and
//!    creates the others inside it, as for a user namespace joined by path.
//!
//! When anything here fails the monitor is told nothing and maps a fresh
//! namespace itself as before, so errors are reported the one usual way.
//! A restart by the monitor (restart policies) also maps its own.

use std::os::fd::OwnedFd;
use std::process::{Child, Command, Stdio};

use nix::sys::signal::{kill, Signal};
use nix::sys::wait::waitpid;
use nix::unistd::Pid;

/// One mapping line: (inside, outside, count).
pub type Line = (u32, u32, u32);

/// A user namespace being mapped: its holder, its descriptor and the
/// running helpers.
pub struct Premap {
    holder: Option<Pid>,
    ns: Option<OwnedFd>,
    helpers: Vec<(String, Child)>,
}

impl Premap {
    /// Make the namespace and start mapping `uids`/`gids` (host ids) into it.
    /// Sound from a multi-threaded process: the holder is a fork-like clone
    /// that only makes raw system calls until it is killed.
    pub fn start(uids: &[Line], gids: &[Line]) -> std::io::Result<Premap> {
        if uids.is_empty() || gids.is_empty() {
            return Err(std::io::Error::other("no id mapping to make"));
        }
        let parent = nix::unistd::getpid().as_raw();
        // SAFETY: clone without CLONE_VM and without a new stack behaves like
        // fork; the child only calls async-signal-safe system calls (prctl,
        // getppid, close_range, pause, _exit) and never returns, so locks held
        // by other threads at the clone cannot matter.
        let pid = unsafe { libc::syscall(libc::SYS_clone, (libc::CLONE_NEWUSER | libc::SIGCHLD) as libc::c_ulong, 0usize, 0usize, 0usize, 0usize) };
        if pid < 0 {
            return Err(std::io::Error::last_os_error());
        }
        if pid == 0 {
            // SAFETY: raw system calls in the fresh child (see above); it
            // holds no descriptors of ours (a lock stays the caller's alone)
            // and dies with its parent.
            unsafe {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
                if libc::getppid() != parent {
                    libc::_exit(0);
                }
                libc::syscall(libc::SYS_close_range, 0u32, u32::MAX, 0u32);
                loop {
                    libc::pause();
                }
            }
        }
        let mut p = Premap { holder: Some(Pid::from_raw(pid as i32)), ns: None, helpers: Vec::with_capacity(2) };
        // The holder is our child and cannot exit before we kill it, so this
        // pid names it until then.
        p.ns = Some(std::fs::File::open(format!("/proc/{pid}/ns/user"))?.into());
        for (tool, lines) in [("newuidmap", uids), ("newgidmap", gids)] {
            let mut args = vec![pid.to_string()];
            for (a, b, c) in lines {
                args.extend([a.to_string(), b.to_string(), c.to_string()]);
            }
            let child = Command::new(tool).args(&args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn()?;
            p.helpers.push((format!("{tool} {}", args.join(" ")), child));
        }
        Ok(p)
    }

    /// The descriptor of the namespace (for the monitor to inherit).
    pub fn ns(&self) -> Option<&OwnedFd> {
        self.ns.as_ref()
    }

    /// Wait for the helpers and end the holder: `Ok` when both mapped.
    pub fn finish(mut self) -> Result<(), String> {
        let mut first_error = None;
        for (what, child) in self.helpers.drain(..) {
            match child.wait_with_output() {
                Ok(out) if out.status.success() => {}
                Ok(out) => {
                    first_error.get_or_insert(format!("{what} failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
                }
                Err(e) => {
                    first_error.get_or_insert(format!("waiting for {what}: {e}"));
                }
            }
        }
        self.end_holder();
        first_error.map_or(Ok(()), Err)
    }

    fn end_holder(&mut self) {
        if let Some(h) = self.holder.take() {
            let _ = kill(h, Signal::SIGKILL);
            let _ = waitpid(h, None);
        }
    }
}

impl Drop for Premap {
    fn drop(&mut self) {
        for (_, mut child) in self.helpers.drain(..) {
            let _ = child.wait();
        }
        self.end_holder();
    }
}

/// What the monitor received: the namespace and the pipe on which the CLI
/// says (one byte, `1`) that its mapping is complete.
pub struct Premapped {
    pub ns: OwnedFd,
    pub ready: OwnedFd,
}

impl Premapped {
    /// The namespace, once the CLI says it is mapped (`None`: it is not;
    /// the caller maps a namespace of its own).
    pub fn wait(self) -> Option<std::fs::File> {
        let mut b = [0u8; 1];
        match nix::unistd::read(&self.ready, &mut b) {
            Ok(1) if b[0] == b'1' => Some(std::fs::File::from(self.ns)),
            _ => None,
        }
    }
}

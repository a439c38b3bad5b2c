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
//!    (it only waits to be killed) and opens `/proc/HOLDER/ns/user`.
//! 2. The CLI spawns the monitor, handing it the namespace descriptor, and
//!    then ([`Premap::map`]) starts both helpers on the holder.
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
    /// The holder's stack (`HOLDER_STACK` bytes, its address), unmapped
    /// once the holder is dead; 0 once unmapped or given up.
    stack: usize,
    /// The lines being mapped ([`Premap::map`]).
    lines: Option<(Vec<Line>, Vec<Line>)>,
    ns: Option<OwnedFd>,
    helpers: Vec<(String, Child)>,
}

/// The holder's stack (it shares our memory: see [`Premap::start`]).
const HOLDER_STACK: usize = 64 << 10;

/// The holder: waits, in its new user namespace, to be killed. It shares
/// the caller's memory and thread-local storage, so it makes only raw
/// system calls that cannot fail into `errno` (and never returns); every
/// signal but SIGKILL is blocked from its first instruction.
extern "C" fn holder(arg: *mut libc::c_void) -> libc::c_int {
    let parent = arg as usize as libc::c_long;
    // SAFETY: raw system calls on the holder's own stack, touching no memory
    // of the caller: prctl and getppid cannot fail, close_range on its own
    // descriptor table (no CLONE_FILES) cannot fail for this range, and
    // pause returns only after a signal handler ran, which none can.
    unsafe {
        libc::syscall(libc::SYS_prctl, libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0usize, 0usize, 0usize);
        if libc::syscall(libc::SYS_getppid) != parent {
            libc::syscall(libc::SYS_exit, 0);
        }
        libc::syscall(libc::SYS_close_range, 0u32, u32::MAX, 0u32);
        loop {
            libc::syscall(libc::SYS_pause);
        }
    }
}

impl Premap {
    /// Make the namespace (held by a process of its own until [`finish`]).
    /// Cheap and sound from a multi-threaded process: the holder is cloned
    /// with `CLONE_VM` (no copy of our page tables, ~50 µs instead of a
    /// fork's ~0.5 ms on the start path) onto a stack of its own, and runs
    /// only [`holder`].
    ///
    /// [`finish`]: Premap::finish
    pub fn start() -> std::io::Result<Premap> {
        // SAFETY: a fresh anonymous mapping, ours alone; unmapped only after
        // the holder using it is dead (end_holder).
        let stack = unsafe {
            libc::mmap(std::ptr::null_mut(), HOLDER_STACK, libc::PROT_READ | libc::PROT_WRITE, libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_STACK, -1, 0)
        };
        if stack == libc::MAP_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        let parent = nix::unistd::getpid().as_raw() as usize;
        // The holder starts with every signal blocked (the mask is inherited):
        // a handler of ours (Ctrl-C reaches the whole process group) must
        // never run on its stack, in our memory. SIGKILL still ends it.
        let all = nix::sys::signal::SigSet::all();
        let mut old = nix::sys::signal::SigSet::empty();
        nix::sys::signal::pthread_sigmask(nix::sys::signal::SigmaskHow::SIG_SETMASK, Some(&all), Some(&mut old))?;
        // SAFETY: the child runs `holder` on the new stack (its top, as the
        // stack grows down) and touches nothing else of ours; it is not a
        // thread of ours (no CLONE_THREAD), has its own descriptor table and
        // signal handlers, and we reap it before unmapping the stack.
        let pid = unsafe {
            libc::clone(holder, stack.cast::<u8>().add(HOLDER_STACK).cast(), libc::CLONE_VM | libc::CLONE_NEWUSER | libc::SIGCHLD, parent as *mut libc::c_void)
        };
        let _ = nix::sys::signal::pthread_sigmask(nix::sys::signal::SigmaskHow::SIG_SETMASK, Some(&old), None);
        if pid < 0 {
            let e = std::io::Error::last_os_error();
            // SAFETY: no child uses the stack.
            unsafe { libc::munmap(stack, HOLDER_STACK) };
            return Err(e);
        }
        let mut p = Premap { holder: Some(Pid::from_raw(pid)), stack: stack as usize, ns: None, helpers: Vec::with_capacity(2), lines: None };
        // The holder is our child and cannot exit before we kill it (short of
        // our death), so this pid names it until then.
        p.ns = Some(std::fs::File::open(format!("/proc/{pid}/ns/user"))?.into());
        Ok(p)
    }

    /// Start mapping `uids`/`gids` (host ids) into the namespace: the
    /// helpers run on their own; [`Premap::finish`] waits for them.
    pub fn map(&mut self, uids: &[Line], gids: &[Line]) -> std::io::Result<()> {
        let Some(pid) = self.holder else { return Err(std::io::Error::other("the namespace's holder is gone")) };
        if uids.is_empty() || gids.is_empty() {
            return Err(std::io::Error::other("no id mapping to make"));
        }
        if self.lines.is_some() {
            return Err(std::io::Error::other("the namespace is already being mapped"));
        }
        self.lines = Some((uids.to_vec(), gids.to_vec()));
        for (tool, lines) in [("newuidmap", uids), ("newgidmap", gids)] {
            let mut args = vec![pid.to_string()];
            for (a, b, c) in lines {
                args.extend([a.to_string(), b.to_string(), c.to_string()]);
            }
            let child = Command::new(tool).args(&args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn()?;
            self.helpers.push((format!("{tool} {}", args.join(" ")), child));
        }
        Ok(())
    }

    /// Whether the namespace is being mapped with exactly these lines.
    pub fn maps(&self, uids: &[Line], gids: &[Line]) -> bool {
        self.lines.as_ref().is_some_and(|(u, g)| u == uids && g == gids)
    }

    /// Whether [`Premap::map`] was called.
    pub fn is_mapping(&self) -> bool {
        self.lines.is_some()
    }

    /// The descriptor of the namespace (for the monitor to inherit).
    pub fn ns(&self) -> Option<&OwnedFd> {
        self.ns.as_ref()
    }

    /// Wait for the helpers and end the holder: `Ok` when both mapped.
    pub fn finish(mut self) -> Result<(), String> {
        if self.helpers.is_empty() {
            self.end_holder();
            return Err("no mapping was started".into());
        }
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
            if waitpid(h, None).is_ok() && self.stack != 0 {
                // SAFETY: the holder, the stack's only user, is dead and reaped.
                unsafe { libc::munmap(self.stack as *mut libc::c_void, HOLDER_STACK) };
            }
            // Not reaped (cannot happen to our own child): the stack stays mapped.
            self.stack = 0;
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

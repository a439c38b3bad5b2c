//! Exit without waiting for the address space to be torn down.
//!
//! A process's parent hears of its exit only after the kernel has unmapped
//! all of its memory (`exit_mm` comes before `exit_notify`): for rpod's CLI,
//! a 119 MB binary's touched pages, its heap and stacks, about 0.3 ms of
//! `run --rm`'s 10 (perf, 2026-12-01). [`exit`] first clones a *keeper* that
//! shares the memory (`CLONE_VM`, ~30 µs): the exiting process then only
//! drops its reference, and the teardown happens when the keeper dies, right
//! after, once the parent (the shell, a script) has already been told.

/// The keeper's stack.
const KEEPER_STACK: usize = 16 << 10;

/// The keeper: waits, sharing the exiting process's memory, for that
/// process to die (its parent-death signal, SIGKILL, ends it). Raw system
/// calls only, on its own stack, touching no memory of the caller's; every
/// signal but SIGKILL is blocked from its first instruction (the mask is
/// inherited from [`exit`]).
extern "C" fn keeper(arg: *mut libc::c_void) -> libc::c_int {
    let parent = arg as usize as libc::c_long;
    // SAFETY: raw system calls that cannot fail into errno or touch our
    // memory: prctl and getppid, close_range on the keeper's own descriptor
    // table (no CLONE_FILES), pause (no handler can run: all blocked), exit.
    unsafe {
        libc::syscall(libc::SYS_prctl, libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0usize, 0usize, 0usize);
        libc::syscall(libc::SYS_close_range, 0u32, u32::MAX, 0u32);
        if libc::syscall(libc::SYS_getppid) != parent {
            libc::syscall(libc::SYS_exit, 0);
        }
        loop {
            libc::syscall(libc::SYS_pause);
        }
    }
}

/// End the process with `code` (as [`std::process::exit`]: standard
/// streams flushed, `atexit` handlers run), leaving the unmapping of its
/// memory to a keeper (module doc). Without a keeper (clone refused) it is
/// a plain exit.
pub fn exit(code: i32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: a fresh anonymous mapping that nothing else uses; it is never
    // unmapped by us (the process ends next, the keeper goes with it).
    let stack = unsafe {
        libc::mmap(std::ptr::null_mut(), KEEPER_STACK, libc::PROT_READ | libc::PROT_WRITE, libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_STACK, -1, 0)
    };
    if stack != libc::MAP_FAILED {
        let all = nix::sys::signal::SigSet::all();
        let mut old = nix::sys::signal::SigSet::empty();
        if nix::sys::signal::pthread_sigmask(nix::sys::signal::SigmaskHow::SIG_SETMASK, Some(&all), Some(&mut old)).is_ok() {
            let me = std::process::id() as usize;
            // SAFETY: the child runs `keeper` on the new stack's top and
            // touches nothing else of ours; not a thread (no CLONE_THREAD),
            // with its own descriptor table and signal handlers. A failed
            // clone changes nothing.
            unsafe { libc::clone(keeper, stack.cast::<u8>().add(KEEPER_STACK).cast(), libc::CLONE_VM | libc::SIGCHLD, me as *mut libc::c_void) };
            let _ = nix::sys::signal::pthread_sigmask(nix::sys::signal::SigmaskHow::SIG_SETMASK, Some(&old), None);
        }
    }
    std::process::exit(code)
}

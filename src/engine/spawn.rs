//! Starting a detached helper process (the container monitor) with
//! `posix_spawn`: glibc's is a `vfork`-style clone, so nothing of the
//! caller's address space is copied, and it is sound in a multi-threaded
//! process (a future API server) because the child only runs glibc's file
//! actions before it execs.
//!
//! `std::process::Command` takes that path too, but falls back to `fork`
//! as soon as descriptors must land on fixed numbers (`pre_exec`): the
//! fork copied the page tables of the starting rpod (on a slow VM ~0.5 ms
//! on `run`'s critical path, and the exec then tore the copy down again),
//! and every page rpod wrote afterwards took a copy-on-write fault.

use std::ffi::{CString, OsStr, OsString};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use nix::spawn::{PosixSpawnAttr, PosixSpawnFileActions, PosixSpawnFlags};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::wait::waitpid;
use nix::unistd::Pid;

/// What the child gets as its standard input or output.
#[derive(Debug, Clone, Copy)]
pub enum Io {
    /// `/dev/null`.
    Null,
    /// The caller's own descriptor of that number.
    Inherit,
}

/// A detached process: spawned as the caller's child, in a session of its
/// own, with exactly the descriptors asked for (besides 0-2).
#[derive(Debug)]
pub struct Detached {
    pid: Pid,
}

impl Detached {
    pub fn id(&self) -> u32 {
        self.pid.as_raw() as u32
    }

    /// Wait for it to exit (it is our child until we exit).
    pub fn wait(&self) {
        while let Err(nix::errno::Errno::EINTR) = waitpid(self.pid, None) {}
    }
}

/// Spawn `exe` with `args` (after argv[0], which is `exe`) and the caller's
/// environment changed by `env` (`None` removes a variable), stdio as
/// `stdio` says and each `(source, target)` of `fds` at `target` (targets
/// above 2). The child starts a new session (`setsid`), with no signal
/// blocked and SIGPIPE at its default action, as `Command` children do.
pub fn detached(exe: &Path, args: &[&OsStr], env: &[(&str, Option<&OsStr>)], stdio: [Io; 3], fds: &[(RawFd, RawFd)]) -> std::io::Result<Detached> {
    let cstr = |s: &OsStr| CString::new(s.as_bytes()).map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{s:?} contains a NUL byte")));
    let mut argv = vec![cstr(exe.as_os_str())?];
    for a in args {
        argv.push(cstr(a)?);
    }
    let mut envp = Vec::new();
    for (k, v) in std::env::vars_os() {
        if env.iter().any(|(name, _)| OsStr::new(name) == k) {
            continue;
        }
        envp.push(cstr(&join_env(&k, &v))?);
    }
    for (k, v) in env {
        if let Some(v) = v {
            envp.push(cstr(&join_env(OsStr::new(k), v))?);
        }
    }
    // Every source is first copied above the targets (close-on-exec, so no
    // other child of ours inherits it): no dup2 below can then overwrite a
    // descriptor that is still to be moved, and dup2 onto a target clears
    // its close-on-exec flag.
    let high = |fd: RawFd| -> std::io::Result<OwnedFd> {
        // SAFETY: F_DUPFD_CLOEXEC makes a new descriptor (ours, owned below) of an open one.
        let n = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 10) };
        if n < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: `n` was just made by fcntl and nothing else owns it.
        Ok(unsafe { OwnedFd::from_raw_fd(n) })
    };
    let null = if stdio.iter().any(|s| matches!(s, Io::Null)) {
        let f = std::fs::OpenOptions::new().read(true).write(true).open("/dev/null")?;
        Some(high(f.as_raw_fd())?)
    } else {
        None
    };
    let mut moved = Vec::with_capacity(fds.len());
    for &(src, target) in fds {
        if target <= 2 {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("descriptor target {target} is a standard one")));
        }
        moved.push((high(src)?, target));
    }
    let mut actions = PosixSpawnFileActions::init()?;
    for (n, io) in stdio.iter().enumerate() {
        if let (Io::Null, Some(null)) = (io, &null) {
            actions.add_dup2(null.as_raw_fd(), n as RawFd)?;
        }
    }
    for (src, target) in &moved {
        actions.add_dup2(src.as_raw_fd(), *target)?;
    }
    let mut attr = PosixSpawnAttr::init()?;
    attr.set_sigmask(&SigSet::empty())?;
    let mut sigdef = SigSet::empty();
    sigdef.add(Signal::SIGPIPE);
    attr.set_sigdefault(&sigdef)?;
    let setsid = PosixSpawnFlags::from_bits_retain(libc::POSIX_SPAWN_SETSID as libc::c_int);
    attr.set_flags(PosixSpawnFlags::POSIX_SPAWN_SETSIGMASK | PosixSpawnFlags::POSIX_SPAWN_SETSIGDEF | setsid)?;
    let pid = nix::spawn::posix_spawn(exe, &actions, &attr, &argv, &envp)?;
    Ok(Detached { pid })
}

fn join_env(k: &OsStr, v: &OsStr) -> OsString {
    let mut s = OsString::with_capacity(k.len() + 1 + v.len());
    s.push(k);
    s.push("=");
    s.push(v);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The child sees exactly the descriptors, environment and session
    /// asked for (a shell reports them into a file).
    #[test]
    fn a_detached_child_gets_its_descriptors_environment_and_session() {
        let dir = std::env::temp_dir().join(format!("rpod-spawn-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("out");
        let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).unwrap();
        let file = std::fs::File::open("/proc/self/status").unwrap();
        let script = format!(
            "exec >{}; echo \"v=$RPOD_SPAWN_TEST_V gone=${{CARGO_MANIFEST_DIR-unset}}\"; ls /proc/self/fd | sort -n | tr '\\n' ' '; echo; \
             read -r line <&3; echo \"fd3=$line\"; head -c 5 <&4; echo; cut -d' ' -f6 /proc/$$/stat; echo $$",
            out.display()
        );
        assert!(std::env::var_os("CARGO_MANIFEST_DIR").is_some(), "cargo sets it for tests: the removal below is checked");
        let c = detached(
            Path::new("/bin/sh"),
            &[OsStr::new("-c"), OsStr::new(&script)],
            &[("RPOD_SPAWN_TEST_V", Some(OsStr::new("1"))), ("CARGO_MANIFEST_DIR", None)],
            [Io::Null, Io::Null, Io::Null],
            &[(r.as_raw_fd(), 3), (file.as_raw_fd(), 4)],
        )
        .unwrap();
        drop(r);
        nix::unistd::write(&w, b"hello\n").unwrap();
        drop(w);
        c.wait();
        let text = std::fs::read_to_string(&out).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "v=1 gone=unset", "{text}");
        // 0-2, 3, 4, what this process holds without close-on-exec (a test
        // harness inherits some) and the one `ls` opens: nothing else leaked.
        let inheritable: Vec<i32> = std::fs::read_dir("/proc/self/fd")
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
            // SAFETY: F_GETFD only reads the flags of a descriptor number.
            .filter(|&n| n > 2 && unsafe { libc::fcntl(n, libc::F_GETFD) } == 0)
            .collect();
        let extra: Vec<i32> = lines[1].split_whitespace().map(|n| n.parse().unwrap()).filter(|n| !(0..=4).contains(n) && !inheritable.contains(n)).collect();
        assert!(extra.len() <= 1, "leaked {extra:?} (inheritable here: {inheritable:?}): {text}");
        assert!(lines[1].split_whitespace().take(5).eq(["0", "1", "2", "3", "4"]), "{text}");
        assert_eq!(lines[2], "fd3=hello", "{text}");
        assert_eq!(lines[3], "Name:", "{text}");
        assert_eq!(lines[4].trim(), lines[5].trim(), "the child leads a session of its own: {text}");
    }

    #[test]
    fn standard_descriptors_are_not_targets() {
        let f = std::fs::File::open("/dev/null").unwrap();
        assert!(detached(Path::new("/bin/true"), &[], &[], [Io::Null; 3], &[(f.as_raw_fd(), 1)]).is_err());
    }
}

//! `openat2` for lookups that must stay inside a root, retried when the
//! kernel cannot vouch for a `..`.
//!
//! With `RESOLVE_IN_ROOT` or `RESOLVE_BENEATH`, a path with a `..` fails with
//! `EAGAIN` whenever any mount or rename happened anywhere on the machine
//! while it was being walked (the kernel then cannot prove the `..` stayed
//! inside). That is not an attack on us, only a busy machine (other
//! containers mounting their roots), and openat2(2) says to retry. The
//! retry repeats the same checked lookup, so it never weakens it.

use std::os::fd::{AsFd, OwnedFd};

use nix::errno::Errno;
use nix::fcntl::OpenHow;
use nix::NixPath;

/// How often a lookup is repeated after `EAGAIN` before that error is
/// returned (a steady stream of mounts elsewhere could otherwise spin it).
const ATTEMPTS: usize = 1000;

/// `nix::fcntl::openat2`, repeated on `EAGAIN` (at most [`ATTEMPTS`] times).
pub fn openat2<Fd: AsFd, P: ?Sized + NixPath>(dirfd: Fd, path: &P, how: OpenHow) -> nix::Result<OwnedFd> {
    let mut last = Errno::EAGAIN;
    for i in 0..ATTEMPTS {
        match nix::fcntl::openat2(dirfd.as_fd(), path, how) {
            Err(Errno::EAGAIN) => {
                last = Errno::EAGAIN;
                if i % 16 == 15 {
                    std::thread::yield_now();
                }
            }
            r => return r,
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nix::fcntl::{OFlag, ResolveFlag};

    #[test]
    fn dotdot_stays_in_the_root_and_plain_errors_pass_through() {
        let dir = std::env::temp_dir().join(format!("rpod-resolve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("a")).unwrap();
        let root = nix::fcntl::open(&dir, OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, nix::sys::stat::Mode::empty()).unwrap();
        let how = OpenHow::new().flags(OFlag::O_PATH | OFlag::O_CLOEXEC).resolve(ResolveFlag::RESOLVE_IN_ROOT);
        assert!(openat2(&root, "../../a", how).is_ok(), "'..' at the root stays at the root");
        assert_eq!(openat2(&root, "missing", how).unwrap_err(), Errno::ENOENT);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

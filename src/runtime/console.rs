//! The container's terminal: created inside the container from its own
//! `/dev/pts` instance (so `tty` and `ttyname` work there), and the master
//! side sent back to the monitor or the exec'ing CLI over a unix socket
//! (SCM_RIGHTS), as runc's `--console-socket` does.

use std::io::{IoSlice, IoSliceMut};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use nix::fcntl::OFlag;
use nix::sys::socket::{recvmsg, sendmsg, ControlMessage, ControlMessageOwned, MsgFlags};

/// In the container (after its mounts): open a pty from /dev/ptmx, make the
/// slave our stdin/stdout/stderr and controlling terminal, and send the
/// master through `sock`.
pub fn setup_inside(sock: &OwnedFd) -> Result<(), String> {
    let master = nix::pty::posix_openpt(OFlag::O_RDWR | OFlag::O_NOCTTY | OFlag::O_CLOEXEC).map_err(|e| format!("opening /dev/ptmx: {e}"))?;
    nix::pty::grantpt(&master).map_err(|e| format!("grantpt: {e}"))?;
    nix::pty::unlockpt(&master).map_err(|e| format!("unlockpt: {e}"))?;
    let name = nix::pty::ptsname_r(&master).map_err(|e| format!("ptsname: {e}"))?;
    let slave = nix::fcntl::open(name.as_str(), OFlag::O_RDWR | OFlag::O_NOCTTY | OFlag::O_CLOEXEC, nix::sys::stat::Mode::empty())
        .map_err(|e| format!("opening {name}: {e}"))?;
    for target in 0..3 {
        // SAFETY: dup2 of our own descriptor onto the standard streams.
        if unsafe { libc::dup2(slave.as_raw_fd(), target) } < 0 {
            return Err(format!("dup2: {}", std::io::Error::last_os_error()));
        }
    }
    // SAFETY: TIOCSCTTY on stdin (the slave) with arg 0; we lead a new session.
    unsafe { libc::ioctl(0, libc::TIOCSCTTY, 0) };
    let fds = [master.as_raw_fd()];
    let cmsg = [ControlMessage::ScmRights(&fds)];
    sendmsg::<()>(sock.as_raw_fd(), &[IoSlice::new(b"m")], &cmsg, MsgFlags::empty(), None).map_err(|e| format!("sending the terminal: {e}"))?;
    Ok(())
}

/// Receive the master side sent by [`setup_inside`].
pub fn receive(sock: &OwnedFd) -> Result<OwnedFd, String> {
    let mut byte = [0u8; 1];
    let mut iov = [IoSliceMut::new(&mut byte)];
    let mut space = nix::cmsg_space!([RawFd; 1]);
    let msg = recvmsg::<()>(sock.as_raw_fd(), &mut iov, Some(&mut space), MsgFlags::MSG_CMSG_CLOEXEC).map_err(|e| format!("receiving the terminal: {e}"))?;
    for c in msg.cmsgs().map_err(|e| format!("receiving the terminal: {e}"))? {
        if let ControlMessageOwned::ScmRights(fds) = c {
            if let Some(fd) = fds.first() {
                // SAFETY: the kernel just installed this descriptor for us.
                return Ok(unsafe { OwnedFd::from_raw_fd(*fd) });
            }
        }
    }
    Err("the container sent no terminal".into())
}

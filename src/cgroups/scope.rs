//! The systemd cgroup manager: a transient scope per container, made by
//! the user's own systemd manager over the session bus.
//!
//! The container's monitor asks for `rpod-<ID>.scope` in a slice of the
//! user's manager (`user.slice`, or `--cgroup-parent NAME.slice`) with
//! `Delegate=yes` and itself in `PIDs`. systemd moves the monitor in and
//! hands the scope's subtree to the user. The monitor then moves itself to
//! the leaf `<scope>/monitor` (cgroup v2 enables controllers only for a
//! cgroup without processes of its own), and the container runs in
//! `<scope>/container`, where its limits go — the layout crun gives
//! Podman's containers under systemd (`libpod-<ID>.scope/container`), with
//! the monitor (Podman's conmon) beside the container rather than in a
//! second scope. The scope lives as long as the monitor: restarts reuse
//! it, the OOM count is read after the container exits, and when the
//! monitor exits systemd stops the empty scope and removes its cgroup.
//!
//! The one D-Bus call (src/cgroups/dbus.rs) is sent first thing
//! ([`begin`]) and its reply read only when the monitor needs the cgroup
//! ([`Pending::finish`]): the monitor's own start-up overlaps systemd's
//! work. systemd starts the scope a moment after it answers, so the
//! monitor then waits (bounded) until `/proc/self/cgroup` shows it inside.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::dbus::{Arg, Bus, BusError};

/// How long the bus and the scope's start may take together (generous:
/// the systemd test tier runs under software emulation).
const LIMIT: Duration = Duration::from_secs(20);

/// The slice scopes go to without `--cgroup-parent` (Podman's rootless default).
pub const DEFAULT_SLICE: &str = "user.slice";

/// Why the scope could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ScopeError {
    #[error("asking the user's systemd manager for {unit}: {source}")]
    Bus { unit: String, source: BusError },
    #[error("systemd did not move the monitor into {unit} within {limit:?} (it runs in {now})")]
    NotMoved { unit: String, limit: Duration, now: String },
    #[error("setting up {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

/// The unit name of a container's scope.
pub fn unit_name(id: &str) -> String {
    format!("rpod-{id}.scope")
}

/// Whether a systemd manager is likely reachable: a session bus socket
/// exists (`$DBUS_SESSION_BUS_ADDRESS` or `$XDG_RUNTIME_DIR/bus`), as
/// Podman decides its default cgroup manager.
pub fn bus_reachable() -> bool {
    super::dbus::session_bus_path().is_some_and(|p| std::fs::symlink_metadata(&p).is_ok_and(|m| std::os::unix::fs::FileTypeExt::is_socket(&m.file_type())))
}

/// Check a `--cgroup-parent` for the systemd manager: a slice unit name
/// (`NAME.slice`, letters, digits and `:_.-`, as systemd's unit names;
/// dashes name the nesting, so no leading, trailing or doubled dash).
pub fn check_slice(name: &str) -> Result<(), String> {
    let stem = name
        .strip_suffix(".slice")
        .ok_or_else(|| format!("invalid --cgroup-parent {name:?}: with the systemd cgroup manager it is a slice name such as user-rpod.slice"))?;
    let ok_chars = stem.bytes().all(|b| b.is_ascii_alphanumeric() || b":_.-".contains(&b));
    if stem.is_empty() || !ok_chars || stem.starts_with('-') || stem.ends_with('-') || stem.contains("--") || name.len() > 255 {
        return Err(format!(
            "invalid --cgroup-parent {name:?}: a slice name is letters, digits and :_.- ending in .slice, with no leading, trailing or doubled dash"
        ));
    }
    Ok(())
}

/// The unit properties of a container's scope.
pub fn properties(id: &str, slice: &str, pid: u32) -> Vec<(String, Arg)> {
    vec![
        ("Description".into(), Arg::Str(format!("rpod container {id}"))),
        ("Slice".into(), Arg::Str(slice.to_string())),
        ("Delegate".into(), Arg::Bool(true)),
        ("PIDs".into(), Arg::U32s(vec![pid])),
        // A scope that failed is not kept loaded: the name is free for the next start.
        ("CollectMode".into(), Arg::Str("inactive-or-failed".into())),
    ]
}

/// This process's cgroup, relative to the v2 mount.
fn own() -> String {
    super::own_cgroup().unwrap_or_default()
}

/// Move this process (the monitor) into a new scope for container `id` in
/// `slice`, then into the scope's `monitor` leaf; return the scope's
/// directory.
pub fn enter(id: &str, slice: &str) -> Result<PathBuf, ScopeError> {
    begin(id, slice)?.finish()
}

/// A scope asked for and being started by systemd: the monitor goes on
/// with its own start-up meanwhile and calls [`Pending::finish`] when it
/// needs the cgroup.
pub struct Pending {
    unit: String,
    slice: String,
    id: String,
    start: Instant,
    /// The connection with the call's reply still to read, and its serial.
    bus: Bus,
    serial: u32,
}

/// Ask the user's systemd manager for container `id`'s scope in `slice`,
/// with this process in it: the one D-Bus call, sent without waiting for
/// its reply ([`Pending::finish`] reads it; systemd moves us a moment
/// after it answers).
pub fn begin(id: &str, slice: &str) -> Result<Pending, ScopeError> {
    let unit = unit_name(id);
    let bus_err = |source| ScopeError::Bus { unit: unit.clone(), source };
    let start = Instant::now();
    let mut bus = Bus::session(LIMIT).map_err(bus_err)?;
    let serial = bus.send(SYSTEMD, SYSTEMD_PATH, MANAGER, "StartTransientUnit", &start_args(id, slice, std::process::id())).map_err(bus_err)?;
    Ok(Pending { unit, slice: slice.to_string(), id: id.to_string(), start, bus, serial })
}

/// [`begin`] on behalf of process `pid` (the starting CLI asks for its
/// monitor's scope while the monitor is still starting up): the connection,
/// the call's reply unread, and the call's serial, for [`adopt`].
pub fn ask_for(id: &str, slice: &str, pid: u32) -> Result<(Bus, u32), ScopeError> {
    let bus_err = |source| ScopeError::Bus { unit: unit_name(id), source };
    check_slice(slice).map_err(|e| bus_err(BusError::Protocol(e)))?;
    let mut bus = Bus::session(LIMIT).map_err(bus_err)?;
    let serial = bus.send(SYSTEMD, SYSTEMD_PATH, MANAGER, "StartTransientUnit", &start_args(id, slice, pid)).map_err(bus_err)?;
    Ok((bus, serial))
}

/// The scope asked for by [`ask_for`] for this process, taken over with
/// its connection: [`Pending::finish`] reads the reply.
pub fn adopt(id: &str, slice: &str, bus: Bus, serial: u32) -> Pending {
    Pending { unit: unit_name(id), slice: slice.to_string(), id: id.to_string(), start: Instant::now(), bus, serial }
}

/// The variable that names, in the monitor's environment, the socket on
/// which the starting CLI hands over the scope's connection.
pub const HANDOFF_ENV: &str = "RPOD_SCOPE_FD";
/// The descriptor it names: nothing else is taken.
pub const HANDOFF_FD: i32 = 6;

/// The CLI side: send the connection of an [`ask_for`] call, with its
/// serial, to the monitor over `chan`.
pub fn hand_over(chan: &std::os::unix::net::UnixStream, bus: Bus, serial: u32) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let (sock, _) = bus.into_parts();
    let data = serial.to_ne_bytes();
    let iov = [std::io::IoSlice::new(&data)];
    let fds = [sock.as_raw_fd()];
    let cmsg = [nix::sys::socket::ControlMessage::ScmRights(&fds)];
    nix::sys::socket::sendmsg::<()>(chan.as_raw_fd(), &iov, &cmsg, nix::sys::socket::MsgFlags::empty(), None)?;
    Ok(())
}

/// The monitor side, first thing: the channel the CLI named in
/// [`HANDOFF_ENV`] (taken out of the environment, close-on-exec from now).
pub fn handoff_channel() -> Option<std::os::unix::net::UnixStream> {
    use std::os::fd::FromRawFd;
    let fd: i32 = std::env::var(HANDOFF_ENV).ok()?.parse().ok()?;
    // The monitor is single-threaded here: changing the environment races with nothing.
    std::env::remove_var(HANDOFF_ENV);
    // SAFETY: fcntl(F_SETFD) on a descriptor number; it fails harmlessly if that is not open.
    if fd != HANDOFF_FD || unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) } != 0 {
        return None;
    }
    // SAFETY: the starting CLI passes this descriptor for this use alone, and it is open (F_SETFD succeeded).
    Some(unsafe { std::os::unix::net::UnixStream::from_raw_fd(fd) })
}

/// The monitor side, when it needs the cgroup: what the CLI handed over on
/// `chan` (the connection and the call's serial); `None` when the CLI
/// could not ask (it closed the channel) or sent anything else.
pub fn receive(chan: std::os::unix::net::UnixStream) -> Option<(Bus, u32)> {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    chan.set_read_timeout(Some(LIMIT)).ok()?;
    let mut data = [0u8; 4];
    let mut space = nix::cmsg_space!([std::os::fd::RawFd; 2]);
    let mut iov = [std::io::IoSliceMut::new(&mut data)];
    let msg = nix::sys::socket::recvmsg::<()>(chan.as_raw_fd(), &mut iov, Some(&mut space), nix::sys::socket::MsgFlags::MSG_CMSG_CLOEXEC).ok()?;
    let bytes = msg.bytes;
    let mut fds: Vec<OwnedFd> = Vec::new();
    for c in msg.cmsgs().ok()? {
        if let nix::sys::socket::ControlMessageOwned::ScmRights(got) = c {
            // SAFETY: descriptors just received are this process's own, owned by nobody else yet.
            fds.extend(got.into_iter().map(|fd| unsafe { OwnedFd::from_raw_fd(fd) }));
        }
    }
    if bytes != 4 || fds.len() != 1 {
        return None;
    }
    let sock = std::os::unix::net::UnixStream::from(fds.pop()?);
    let serial = u32::from_ne_bytes(data);
    Some((Bus::from_parts(sock, serial, LIMIT), serial))
}

const SYSTEMD: &str = "org.freedesktop.systemd1";
const SYSTEMD_PATH: &str = "/org/freedesktop/systemd1";
const MANAGER: &str = "org.freedesktop.systemd1.Manager";

fn start_args(id: &str, slice: &str, pid: u32) -> [Arg; 4] {
    [Arg::Str(unit_name(id)), Arg::Str("fail".into()), Arg::Props(properties(id, slice, pid)), Arg::NoAux]
}

impl Pending {
    /// Wait (bounded) until systemd has moved us into the scope, then move
    /// into its `monitor` leaf; the scope's directory.
    pub fn finish(self) -> Result<PathBuf, ScopeError> {
        let Pending { unit, slice, id, start, mut bus, serial } = self;
        let bus_err = |source| ScopeError::Bus { unit: unit.clone(), source };
        let mut answer = bus.reply(serial);
        loop {
            match answer {
                Ok(()) => break,
                // The scope of this container's previous run is still being
                // stopped (its monitor has just exited): wait for it to go.
                Err(BusError::Method { name, .. }) if name == "org.freedesktop.systemd1.UnitExists" && start.elapsed() < LIMIT / 2 => {
                    std::thread::sleep(Duration::from_millis(20));
                    answer = bus.call(SYSTEMD, SYSTEMD_PATH, MANAGER, "StartTransientUnit", &start_args(&id, &slice, std::process::id()));
                }
                Err(e) => return Err(bus_err(e)),
            }
        }
        drop(bus);
        let suffix = format!("/{unit}");
        // A short, even poll: systemd moves us within a few milliseconds
        // (tens under emulation), and a doubling pause overshoots that.
        while !own().ends_with(&suffix) {
            if start.elapsed() > LIMIT {
                return Err(ScopeError::NotMoved { unit, limit: LIMIT, now: own() });
            }
            std::thread::sleep(Duration::from_micros(500));
        }
        let mount =
            super::v2_mount().ok_or_else(|| ScopeError::Io { path: "/proc/self/mountinfo".into(), source: std::io::Error::other("no cgroup v2 mount") })?;
        let dir = mount.join(own().trim_start_matches('/'));
        let leaf = dir.join("monitor");
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| ScopeError::Io { path, source }
        };
        match std::fs::create_dir(&leaf) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(io(&leaf)(e)),
            _ => {}
        }
        std::fs::write(leaf.join("cgroup.procs"), "0").map_err(io(&leaf.join("cgroup.procs")))?;
        Ok(dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_names_are_checked_like_systemd_unit_names() {
        for ok in ["user.slice", "rpod.slice", "user-rpod.slice", "a:b_c.d.slice"] {
            check_slice(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
        // Paths and escapes (class: path traversal via a unit name) are refused.
        for bad in ["user", "/user.slice", "../x.slice", "a/b.slice", "-x.slice", "x-.slice", "a--b.slice", ".slice", "a b.slice", "a\n.slice"] {
            let e = check_slice(bad).unwrap_err();
            assert!(e.contains("--cgroup-parent") && !e.contains('\n'), "{bad}: {e}");
        }
    }

    #[test]
    fn the_scope_delegates_and_holds_the_monitor() {
        let p = properties("abc", "user.slice", 42);
        let names: Vec<&str> = p.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Description", "Slice", "Delegate", "PIDs", "CollectMode"]);
        assert_eq!(p[2].1, Arg::Bool(true));
        assert_eq!(p[3].1, Arg::U32s(vec![42]));
        assert_eq!(unit_name("abc"), "rpod-abc.scope");
    }
}

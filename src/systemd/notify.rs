//! The `sd_notify` protocol for `--sdnotify`: one datagram of
//! `KEY=VALUE` lines to `$NOTIFY_SOCKET` (a path, or `@name` for an
//! abstract socket).
//!
//! With `--sdnotify=container` the container gets a socket of its own
//! (bound by the monitor, bind-mounted read-only at
//! [`CONTAINER_SOCKET`]); the monitor forwards what arrives there after
//! [`filter`]ing it: container root must not be able to name another
//! process as the unit's main process or hand systemd file descriptors.

use std::os::unix::net::UnixDatagram;
use std::path::Path;

/// Where the container sees its notify socket (Podman's path).
pub const CONTAINER_SOCKET: &str = "/run/notify/notify.sock";

/// The largest datagram read from a container (systemd's own limit is
/// about the same); the rest is cut.
pub const MAX_MESSAGE: usize = 4096;

/// `--sdnotify` modes (Podman's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The container's process says when it is ready (Podman's default).
    #[default]
    Container,
    /// rpod's monitor says ready once the container's process has started.
    Conmon,
    /// NOTIFY_SOCKET is not used.
    Ignore,
}

impl Mode {
    pub fn parse(s: &str) -> Result<Mode, String> {
        match s {
            "" | "container" => Ok(Mode::Container),
            "conmon" => Ok(Mode::Conmon),
            "ignore" => Ok(Mode::Ignore),
            "healthy" => Err("--sdnotify=healthy needs healthchecks, which rpod does not have yet".into()),
            other => Err(format!("invalid --sdnotify {other:?}: use container, conmon or ignore")),
        }
    }
}

/// Check a `$NOTIFY_SOCKET` value before it is stored.
pub fn check_socket(s: &str) -> Result<(), String> {
    if s.is_empty() || s.len() > 107 || s.contains('\0') || !(s.starts_with('/') || s.starts_with('@')) {
        return Err(format!("invalid NOTIFY_SOCKET {s:?}: an absolute path or @abstract name"));
    }
    Ok(())
}

/// Send one message to a notify socket.
pub fn send(socket: &str, msg: &str) -> std::io::Result<()> {
    let sock = UnixDatagram::unbound()?;
    if let Some(name) = socket.strip_prefix('@') {
        use std::os::linux::net::SocketAddrExt;
        let addr = std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes())?;
        sock.send_to_addr(msg.as_bytes(), &addr)?;
    } else {
        sock.send_to(msg.as_bytes(), socket)?;
    }
    Ok(())
}

/// What the monitor tells systemd once the container's process runs:
/// the monitor is the main process (it outlives `rpod run -d`), and in
/// `conmon` mode the unit is ready now.
pub fn started_message(mode: Mode, monitor_pid: u32) -> Option<String> {
    match mode {
        Mode::Conmon => Some(format!("MAINPID={monitor_pid}\nREADY=1\n")),
        Mode::Container => Some(format!("MAINPID={monitor_pid}\n")),
        Mode::Ignore => None,
    }
}

/// The lines of a container's message that may reach systemd: readiness,
/// status, reloading/stopping, watchdog and errno. `MAINPID=` (which would
/// make systemd watch, and signal, any process), `FDSTORE=` and anything
/// else are dropped. Returns `None` when nothing is left.
pub fn filter(msg: &[u8]) -> Option<String> {
    let msg = &msg[..msg.len().min(MAX_MESSAGE)];
    let text = String::from_utf8_lossy(msg);
    const ALLOWED: &[&str] =
        &["READY=", "STATUS=", "RELOADING=", "STOPPING=", "WATCHDOG=", "WATCHDOG_USEC=", "ERRNO=", "EXTEND_TIMEOUT_USEC=", "MONOTONIC_USEC="];
    let kept: Vec<&str> = text.lines().filter(|l| ALLOWED.iter().any(|p| l.starts_with(p)) && !l.chars().any(|c| c.is_control())).collect();
    if kept.is_empty() {
        return None;
    }
    Some(kept.join("\n") + "\n")
}

/// The monitor's end of a container's notify socket.
pub struct Proxy {
    pub socket: UnixDatagram,
    /// Where messages go: the `$NOTIFY_SOCKET` rpod was given.
    pub target: String,
}

impl Proxy {
    /// Bind the container's socket at `path` (a stale one is replaced).
    pub fn bind(path: &Path, target: &str) -> std::io::Result<Proxy> {
        match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let socket = UnixDatagram::bind(path)?;
        socket.set_nonblocking(true)?;
        Ok(Proxy { socket, target: target.to_string() })
    }

    /// Forward whatever is queued, filtered. Errors are not the
    /// container's to cause: a message systemd refuses is dropped.
    pub fn forward(&self) {
        let mut buf = vec![0u8; MAX_MESSAGE];
        while let Ok(n) = self.socket.recv(&mut buf) {
            if let Some(m) = filter(&buf[..n]) {
                let _ = send(&self.target, &m);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A container's notify message cannot name a main process or pass
    /// descriptors to systemd (PID confusion: systemd would kill, or
    /// consider the unit alive through, a process of the container's choice).
    #[test]
    fn filter_keeps_readiness_and_drops_mainpid() {
        assert_eq!(filter(b"READY=1\nMAINPID=1\nFDSTORE=1\nSTATUS=up\n").as_deref(), Some("READY=1\nSTATUS=up\n"));
        assert_eq!(filter(b"MAINPID=1"), None);
        assert_eq!(filter(&[b'X'; 100_000]), None);
        let big = format!("STATUS={}", "a".repeat(10_000));
        assert!(filter(big.as_bytes()).unwrap().len() <= MAX_MESSAGE + 1);
    }

    #[test]
    fn modes_and_sockets() {
        assert_eq!(Mode::parse("").unwrap(), Mode::Container);
        assert_eq!(Mode::parse("conmon").unwrap(), Mode::Conmon);
        assert!(Mode::parse("healthy").unwrap_err().contains("healthcheck"));
        assert!(Mode::parse("x").is_err());
        assert!(check_socket("/run/user/1000/systemd/notify").is_ok());
        assert!(check_socket("@abstract").is_ok());
        assert!(check_socket("relative").is_err());
        assert_eq!(started_message(Mode::Conmon, 7).unwrap(), "MAINPID=7\nREADY=1\n");
        assert_eq!(started_message(Mode::Ignore, 7), None);
    }

    #[test]
    fn proxy_forwards_filtered_messages() {
        let dir = std::env::temp_dir().join(format!("rpod-notify-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("systemd.sock");
        let systemd = UnixDatagram::bind(&target).unwrap();
        let p = Proxy::bind(&dir.join("ctr.sock"), target.to_str().unwrap()).unwrap();
        let ctr = UnixDatagram::unbound().unwrap();
        ctr.send_to(b"MAINPID=1\nREADY=1\n", dir.join("ctr.sock")).unwrap();
        p.forward();
        let mut buf = [0u8; 100];
        let n = systemd.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"READY=1\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

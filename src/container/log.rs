//! `--log-driver` and `--log-opt`: where a container's output goes.
//!
//! Podman's drivers: `k8s-file` (rpod's default; `json-file` is Podman's
//! alias for it), `journald` (needs a journal socket), `none` (output is
//! still relayed to an attached client, but not kept), `passthrough` (the
//! container gets the starting process's own stdio; refused on a terminal,
//! as Podman does, since a terminal handed to a container can be written to
//! with TIOCSTI). Options: `path=FILE` (k8s-file), `max-size=SIZE`
//! (k8s-file: the log is truncated when it would pass this size, as conmon
//! does), `tag=TEXT` (journald's SYSLOG_IDENTIFIER; kept for inspect).
//!
//! Pure parsing and the file open: the monitor writes, `logs` reads.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The field on each journal entry rpod sends that marks it `RUN-N` (the
/// monitor's run and a count): the last one is in the container's state.
pub const JOURNAL_SEQ_FIELD: &str = "RPOD_LOG_SEQ";

/// The journal's native socket (systemd-journald.socket).
pub const JOURNAL_SOCKET: &str = "/run/systemd/journal/socket";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LogDriver {
    #[default]
    K8sFile,
    Journald,
    None,
    Passthrough,
}

impl LogDriver {
    pub fn as_str(self) -> &'static str {
        match self {
            LogDriver::K8sFile => "k8s-file",
            LogDriver::Journald => "journald",
            LogDriver::None => "none",
            LogDriver::Passthrough => "passthrough",
        }
    }
}

/// A container's log configuration (in its stored create options).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogConfig {
    pub driver: LogDriver,
    /// `path=`: the k8s-file log here instead of in the container's directory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<PathBuf>,
    /// `max-size=`: bytes; the log is truncated before it would pass this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_size: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

impl LogConfig {
    pub fn is_default(&self) -> bool {
        *self == LogConfig::default()
    }

    /// `--log-driver` (empty: the default) and `--log-opt KEY=VALUE`s.
    pub fn parse(driver: &str, opts: &[String]) -> Result<LogConfig, String> {
        let driver = match driver {
            "" | "k8s-file" | "json-file" => LogDriver::K8sFile,
            "journald" => {
                if !Path::new(JOURNAL_SOCKET).exists() {
                    return Err(format!("--log-driver journald needs the systemd journal, and {JOURNAL_SOCKET} does not exist: use k8s-file"));
                }
                LogDriver::Journald
            }
            "none" => LogDriver::None,
            "passthrough" => LogDriver::Passthrough,
            "passthrough-tty" => {
                return Err("--log-driver passthrough-tty is not supported: a terminal handed to a container can be written to with TIOCSTI".into())
            }
            d => return Err(format!("invalid --log-driver {d:?}: use k8s-file, json-file, journald, none or passthrough")),
        };
        let mut c = LogConfig { driver, ..LogConfig::default() };
        for o in opts {
            let (k, v) = o.split_once('=').ok_or_else(|| format!("invalid --log-opt {o:?}: use KEY=VALUE (path, max-size, tag)"))?;
            match k {
                "path" => {
                    let p = PathBuf::from(v);
                    if !p.is_absolute() || v.contains('\0') {
                        return Err(format!("invalid --log-opt path={v:?}: the path must be absolute"));
                    }
                    c.path = Some(p);
                }
                "max-size" => {
                    // Podman: -1 is no limit; otherwise a size with an optional unit.
                    if v != "-1" {
                        let n = crate::engine::limits::parse_bytes(v).map_err(|_| format!("invalid --log-opt max-size={v:?}: use a size such as 10m"))? as u64;
                        if n < 8192 {
                            return Err(format!("invalid --log-opt max-size={v:?}: the log size must be at least 8k"));
                        }
                        c.max_size = Some(n);
                    }
                }
                "tag" => {
                    if v.contains(['\n', '\0']) {
                        return Err(format!("invalid --log-opt tag={v:?}"));
                    }
                    c.tag = Some(v.to_string());
                }
                _ => return Err(format!("invalid --log-opt {k:?}: use path, max-size or tag")),
            }
        }
        if c.path.is_some() && c.driver != LogDriver::K8sFile {
            return Err(format!("--log-opt path= applies to the k8s-file driver, not {}", c.driver.as_str()));
        }
        Ok(c)
    }

    /// The k8s-file log's path for a container whose default is `default`.
    pub fn file(&self, default: &Path) -> Option<PathBuf> {
        match self.driver {
            LogDriver::K8sFile => Some(self.path.clone().unwrap_or_else(|| default.to_path_buf())),
            _ => None,
        }
    }
}

/// Open a log file to append (`write`) or read. A `path=` may lie in a
/// directory the container can reach through a bind mount: the last
/// component is never followed (a symlink planted there would otherwise
/// make the monitor append container output to any file of the user's, such
/// as ~/.bashrc), and only a regular file is accepted (a FIFO must not
/// block the monitor, a device must not be written).
pub fn open(path: &Path, write: bool) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut o = std::fs::OpenOptions::new();
    if write {
        o.create(true).append(true).mode(0o600);
    } else {
        o.read(true);
    }
    let f = o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC).open(path)?;
    if !f.metadata()?.is_file() {
        return Err(std::io::Error::other(format!("{} is not a regular file", path.display())));
    }
    Ok(f)
}

/// Send one entry to the journal over its native protocol (one datagram of
/// `KEY=VALUE` fields; a value with a newline uses the binary form).
pub fn journal_send(sock: &std::os::unix::net::UnixDatagram, fields: &[(&str, &[u8])]) -> std::io::Result<()> {
    let mut msg = Vec::new();
    for (k, v) in fields {
        msg.extend_from_slice(k.as_bytes());
        if v.contains(&b'\n') {
            msg.push(b'\n');
            msg.extend_from_slice(&(v.len() as u64).to_le_bytes());
        } else {
            msg.push(b'=');
        }
        msg.extend_from_slice(v);
        msg.push(b'\n');
    }
    sock.send_to(&msg, JOURNAL_SOCKET).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drivers_and_options_parse_as_podman_names_them() {
        assert_eq!(LogConfig::parse("", &[]).unwrap(), LogConfig::default());
        assert_eq!(LogConfig::parse("json-file", &[]).unwrap().driver, LogDriver::K8sFile);
        assert_eq!(LogConfig::parse("none", &[]).unwrap().driver, LogDriver::None);
        assert_eq!(LogConfig::parse("passthrough", &[]).unwrap().driver, LogDriver::Passthrough);
        let c = LogConfig::parse("k8s-file", &["path=/tmp/x.log".into(), "max-size=1m".into(), "tag=web".into()]).unwrap();
        assert_eq!(c.path.as_deref(), Some(Path::new("/tmp/x.log")));
        assert_eq!(c.max_size, Some(1 << 20));
        assert_eq!(c.tag.as_deref(), Some("web"));
        assert_eq!(LogConfig::parse("", &["max-size=-1".into()]).unwrap().max_size, None);
        for bad in ["syslog", "fluentd", "passthrough-tty"] {
            assert!(LogConfig::parse(bad, &[]).is_err(), "{bad}");
        }
        for bad in ["path=rel.log", "max-size=lots", "max-size=10", "color=1", "noequals", "tag=a\nb"] {
            assert!(LogConfig::parse("", &[bad.into()]).is_err(), "{bad}");
        }
        assert!(LogConfig::parse("none", &["path=/tmp/x".into()]).is_err());
    }

    /// Symlink-following writes (the class of CVE-2021-20291-style log and
    /// state file redirections): a link planted where the log goes is refused.
    #[test]
    fn a_symlink_or_fifo_in_place_of_the_log_is_refused() {
        let d = std::env::temp_dir().join(format!("rpod-log-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        let target = d.join("bashrc");
        std::fs::write(&target, "safe\n").unwrap();
        let link = d.join("ctr.log");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(open(&link, true).is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "safe\n");
        let fifo = d.join("fifo");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
        assert!(open(&fifo, false).is_err());
        assert!(open(&fifo, true).is_err());
        let ok = d.join("real.log");
        assert!(open(&ok, true).is_ok());
        std::fs::remove_dir_all(&d).unwrap();
    }
}

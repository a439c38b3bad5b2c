//! `containers.conf(5)`: the engine defaults Podman users set once for every
//! container (capabilities, environment, DNS, pids limit, init, network
//! helper, events backend...).
//!
//! What this module owns, and its invariants:
//! - The files, read once per rpod call (the first [`load`] or [`get`]), in
//!   Podman's order, later ones winning key by key: `CONTAINERS_CONF` alone
//!   when set; otherwise `/usr/share/containers/containers.conf`, its
//!   `containers.conf.d/*.conf` drop-ins (in name order), the same under
//!   `/etc/containers/`, then (not as real root) the user's
//!   `$XDG_CONFIG_HOME/containers/containers.conf` and its drop-ins; then the
//!   `--module` files; then `CONTAINERS_CONF_OVERRIDE`. Tables merge key by
//!   key, arrays and values replace (containers/common's decoding).
//! - Every file is opened regular-file-only and read with a size cap (a
//!   FIFO, a device or a huge file is refused, never waited on); missing
//!   files are skipped; at most [`MAX_DROPINS`] drop-ins per directory.
//! - Unknown keys and tables are ignored, as Podman does (it logs them at
//!   debug level); a file that is not TOML, or has a known key of the
//!   wrong type, is one error naming the file (exit 125).
//! - Only the keys that mean the same for rpod are typed here; what each
//!   does (or why it is ignored) is in docs/decisions.md.
//!
//! Not for: registries.conf (`image::registries`), auth.json (`image::auth`).
//! storage.conf has its own reader ([`storage`]).

pub mod storage;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

/// Cap on one configuration file (Podman's stock file is 24 KB).
pub const MAX_FILE: u64 = 1 << 20;
/// Cap on the drop-ins read from one `.d` directory.
pub const MAX_DROPINS: usize = 256;

/// `[containers]`: defaults for new containers. `None` means "not set in
/// any file": rpod's built-in default (Podman's) applies.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Containers {
    pub default_capabilities: Option<Vec<String>>,
    pub default_sysctls: Option<Vec<String>>,
    /// `KEY=VALUE` (or `KEY`: the host's value), under the image's.
    pub env: Option<Vec<String>>,
    /// Copy rpod's whole environment into containers (`--env-host`).
    pub env_host: Option<bool>,
    pub dns_servers: Option<Vec<String>>,
    pub dns_searches: Option<Vec<String>>,
    pub dns_options: Option<Vec<String>>,
    /// 0 or -1: no limit.
    pub pids_limit: Option<i64>,
    pub log_driver: Option<String>,
    pub log_size_max: Option<i64>,
    pub tz: Option<String>,
    pub umask: Option<String>,
    pub init: Option<bool>,
    pub init_path: Option<PathBuf>,
    pub no_hosts: Option<bool>,
    pub base_hosts_file: Option<String>,
    pub default_ulimits: Option<Vec<String>>,
    pub shm_size: Option<String>,
    pub userns: Option<String>,
    pub annotations: Option<Vec<String>>,
}

/// `[engine]`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct EngineConf {
    /// `file`, `journald` or `none` (`--events-backend` wins).
    pub events_logger: Option<String>,
    /// The transport of a name without one (`docker://`).
    pub image_default_transport: Option<String>,
    /// `cgroupfs` or `systemd` (`--cgroup-manager` wins).
    pub cgroup_manager: Option<String>,
    /// `push`'s default layer compression (`gzip`, `zstd`).
    pub compression_format: Option<String>,
}

/// `[network]`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct NetworkConf {
    /// `pasta` or `slirp4netns`: the network of a container without `--network`.
    pub default_rootless_network_cmd: Option<String>,
}

/// The merged configuration.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct ContainersConf {
    #[serde(default)]
    pub containers: Containers,
    #[serde(default)]
    pub engine: EngineConf,
    #[serde(default)]
    pub network: NetworkConf,
    /// The files that were read, in order (for `--log-level=debug` and `info`).
    #[serde(skip)]
    pub files: Vec<PathBuf>,
}

/// A file that could not be used: one line naming it.
#[derive(Debug, Clone, thiserror::Error)]
#[error("reading system config {:?}: {message}", path.display().to_string())]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

/// Where the files are looked for (what [`files`] needs from the caller).
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// `$XDG_CONFIG_HOME` (or `~/.config`); `None` as real root.
    pub user_config_home: Option<PathBuf>,
    /// `CONTAINERS_CONF`.
    pub containers_conf: Option<PathBuf>,
    /// `CONTAINERS_CONF_OVERRIDE`.
    pub override_conf: Option<PathBuf>,
    /// `--module` files, resolved.
    pub modules: Vec<PathBuf>,
    /// The system directories (`/usr/share/containers`, `/etc/containers`).
    pub system_dirs: Vec<PathBuf>,
}

impl Sources {
    /// From the environment and `--module` values.
    pub fn from_env(modules: &[String]) -> Result<Sources, ConfigError> {
        let env = |n: &str| std::env::var_os(n).filter(|v| !v.is_empty()).map(PathBuf::from);
        let rootless = !nix::unistd::geteuid().is_root();
        let user_config_home =
            rootless.then(|| env("XDG_CONFIG_HOME").filter(|p| p.is_absolute()).or_else(|| env("HOME").map(|h| h.join(".config")))).flatten();
        let system_dirs = vec![PathBuf::from("/usr/share/containers"), PathBuf::from("/etc/containers")];
        let mut s =
            Sources { user_config_home, containers_conf: env("CONTAINERS_CONF"), override_conf: env("CONTAINERS_CONF_OVERRIDE"), modules: vec![], system_dirs };
        for m in modules {
            s.modules.push(s.module_path(m)?);
        }
        Ok(s)
    }

    /// `--module NAME`: an absolute path, else the first
    /// `containers.conf.modules/NAME` under the user's, `/etc`'s and
    /// `/usr/share`'s directories. A relative name may not climb out (`..`).
    fn module_path(&self, name: &str) -> Result<PathBuf, ConfigError> {
        let p = Path::new(name);
        if p.is_absolute() {
            return Ok(p.to_path_buf());
        }
        if p.components().any(|c| !matches!(c, std::path::Component::Normal(_))) {
            return Err(ConfigError { path: p.into(), message: "a module name may not contain '..'".into() });
        }
        let mut dirs: Vec<PathBuf> = self.user_config_home.iter().map(|h| h.join("containers")).collect();
        dirs.extend(self.system_dirs.iter().rev().cloned());
        dirs.iter()
            .map(|d| d.join("containers.conf.modules").join(p))
            .find(|f| f.exists())
            .ok_or_else(|| ConfigError { path: p.into(), message: "module not found in any containers.conf.modules directory".into() })
    }
}

/// The drop-ins of `dir`: `*.conf`, in name order, at most [`MAX_DROPINS`].
fn dropins(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else { return vec![] };
    let mut v: Vec<PathBuf> = rd.flatten().take(4 * MAX_DROPINS).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "conf")).collect();
    v.sort();
    v.truncate(MAX_DROPINS);
    v
}

/// The files to read, in order (missing ones included: [`load_from`] skips them).
pub fn files(s: &Sources) -> Vec<PathBuf> {
    let mut v = Vec::new();
    match &s.containers_conf {
        Some(f) => v.push(f.clone()),
        None => {
            let mut bases: Vec<PathBuf> = s.system_dirs.clone();
            bases.extend(s.user_config_home.iter().map(|h| h.join("containers")));
            for b in bases {
                v.push(b.join("containers.conf"));
                v.extend(dropins(&b.join("containers.conf.d")));
            }
        }
    }
    v.extend(s.modules.iter().cloned());
    v.extend(s.override_conf.iter().cloned());
    v
}

/// One line from a TOML error: the message and its line.
pub(crate) fn toml_error(text: &str, e: &toml::de::Error) -> String {
    let msg = e.message().trim().replace('\n', " ");
    match e.span() {
        Some(span) => format!("toml: line {}: {msg}", text[..span.start.min(text.len())].matches('\n').count() + 1),
        None => format!("toml: {msg}"),
    }
}

/// Deep merge: tables key by key, anything else replaced.
fn merge(into: &mut toml::Table, from: toml::Table) {
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(toml::Value::Table(a)), toml::Value::Table(b)) => merge(a, b),
            (_, v) => {
                into.insert(k, v);
            }
        }
    }
}

/// `text` with every whole-line comment emptied (its newline kept, so
/// error line numbers stay right). Distribution files are mostly comments
/// (Debian's containers.conf: 24 kB, 40 lines of settings), and the TOML
/// parser lexes them at a cost paid by every rpod call. Outside multi-line
/// strings a line whose first non-blank character is `#` is a comment in
/// TOML, also inside a multi-line array; a file with a multi-line string
/// delimiter on any other line is parsed as it is (a multi-line string
/// opens on a line that is not a comment, before any line inside it).
fn blank_comment_lines(text: &str) -> std::borrow::Cow<'_, str> {
    // Line by line with `find` (memchr), and the delimiter search only on
    // the few lines that are not comments: searching the whole text for
    // them was ~20 instructions a byte, most of reading containers.conf.
    let mut out = String::with_capacity(text.len() / 4);
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let (line, next) = rest.split_at(end);
        let first = line.bytes().find(|b| *b != b' ' && *b != b'\t');
        if first == Some(b'#') {
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else if line.contains("\"\"\"") || line.contains("'''") {
            return std::borrow::Cow::Borrowed(text);
        } else {
            out.push_str(line);
        }
        rest = next;
    }
    std::borrow::Cow::Owned(out)
}

/// Parse one file's text (typed check included), naming `path` on error.
pub fn parse(path: &Path, text: &str) -> Result<toml::Table, ConfigError> {
    let err = |message: String| ConfigError { path: path.to_path_buf(), message };
    let table: toml::Table = blank_comment_lines(text).parse().map_err(|e| err(toml_error(text, &e)))?;
    // Check the keys rpod knows now, so the error names this file.
    let _: ContainersConf = table.clone().try_into().map_err(|e: toml::de::Error| err(e.message().trim().replace('\n', " ")))?;
    Ok(table)
}

/// Read and merge `files` (missing ones skipped).
pub fn load_from(files: &[PathBuf]) -> Result<ContainersConf, ConfigError> {
    let mut merged = toml::Table::new();
    let mut read = Vec::new();
    for f in files {
        if f == Path::new("/dev/null") {
            // `CONTAINERS_CONF=/dev/null`: the usual way to say "no file".
            continue;
        }
        let bytes = match crate::storage::read_regular(f, MAX_FILE) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(ConfigError { path: f.clone(), message: e.to_string() }),
        };
        let text = String::from_utf8(bytes).map_err(|_| ConfigError { path: f.clone(), message: "not UTF-8 text".into() })?;
        merge(&mut merged, parse(f, &text)?);
        tracing::debug!("Merged system config {:?}", f.display().to_string());
        read.push(f.clone());
    }
    let mut conf: ContainersConf =
        merged.try_into().map_err(|e: toml::de::Error| ConfigError { path: read.last().cloned().unwrap_or_default(), message: e.message().to_string() })?;
    conf.files = read;
    Ok(conf)
}

static CONF: OnceLock<ContainersConf> = OnceLock::new();

/// Read the configuration for this call (once; later calls return the
/// same). The CLI calls this first, so a broken file fails every command.
pub fn load(modules: &[String]) -> Result<&'static ContainersConf, ConfigError> {
    if let Some(c) = CONF.get() {
        return Ok(c);
    }
    let conf = load_from(&files(&Sources::from_env(modules)?))?;
    Ok(CONF.get_or_init(|| conf))
}

/// The configuration in force. Before [`load`] (a library caller, a unit
/// test) it is read now; a file that cannot be read then gives Podman's
/// built-in defaults with a warning (the CLI has already failed on it).
pub fn get() -> &'static ContainersConf {
    match load(&[]) {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!("{e}; using the built-in defaults");
            CONF.get_or_init(ContainersConf::default)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(crate::storage::atomic::unique_name(&format!("rpod-conf-{tag}-")));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn later_files_win_key_by_key_and_unknown_keys_are_ignored() {
        let d = tmpdir("merge");
        let a = d.join("a.conf");
        let b = d.join("b.conf");
        std::fs::write(&a, "[containers]\nenv=['A=1']\npids_limit=100\n[engine]\nevents_logger='none'\nruntime='crun'\nnum_locks=2048\n[secrets.opts]\n")
            .unwrap();
        std::fs::write(&b, "[containers]\nenv=['B=2']\nnot_a_key=true\n[bogus]\nx=1\n").unwrap();
        let c = load_from(&[a.clone(), d.join("missing.conf"), b.clone()]).unwrap();
        assert_eq!(c.containers.env, Some(vec!["B=2".to_string()]), "arrays replace");
        assert_eq!(c.containers.pids_limit, Some(100), "keys not in the later file stay");
        assert_eq!(c.engine.events_logger.as_deref(), Some("none"));
        assert_eq!(c.files, [a, b]);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn comment_lines_are_blanked_outside_multiline_strings() {
        let t = "# head\n[containers]\n  # indented\nenv = [\n # in an array\n 'A=1', # trailing\n]\n#last";
        assert_eq!(blank_comment_lines(t), "\n[containers]\n\nenv = [\n\n 'A=1', # trailing\n]\n");
        let parsed: toml::Table = blank_comment_lines(t).parse().unwrap();
        assert_eq!(parsed["containers"]["env"].as_array().unwrap().len(), 1);
        // A `#` line inside a multi-line string is content, not a comment.
        for t in ["[c]\nx = \"\"\"\n# kept\n\"\"\"\n", "# a\n[c]\nx = '''\n# kept\n'''\n"] {
            assert_eq!(blank_comment_lines(t), t);
            let parsed: toml::Table = blank_comment_lines(t).parse().unwrap();
            assert!(parsed["c"]["x"].as_str().unwrap().contains("# kept"));
        }
        // A delimiter inside a comment opens nothing.
        assert_eq!(blank_comment_lines("# x = \"\"\"\n[c]\n"), "\n[c]\n");
    }

    #[test]
    fn malformed_and_mistyped_files_name_the_file_on_one_line() {
        let d = tmpdir("bad");
        let f = d.join("containers.conf");
        std::fs::write(&f, "[containers]\nenv = [\n").unwrap();
        let e = load_from(std::slice::from_ref(&f)).unwrap_err().to_string();
        assert!(e.contains(&f.display().to_string()) && e.contains("line") && !e.contains('\n'), "{e}");
        std::fs::write(&f, "[containers]\npids_limit = \"abc\"\n").unwrap();
        let e = load_from(std::slice::from_ref(&f)).unwrap_err().to_string();
        assert!(e.contains(&f.display().to_string()) && !e.contains('\n'), "{e}");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn hostile_files_are_refused_not_waited_on() {
        // Class: resource exhaustion / blocking read via a FIFO or an endless file.
        let d = tmpdir("hostile");
        let fifo = d.join("fifo.conf");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
        assert!(load_from(std::slice::from_ref(&fifo)).unwrap_err().to_string().contains("not a regular file"));
        assert!(load_from(&[PathBuf::from("/dev/zero")]).is_err());
        let big = d.join("big.conf");
        std::fs::write(&big, "#".repeat(MAX_FILE as usize + 1)).unwrap();
        assert!(load_from(std::slice::from_ref(&big)).unwrap_err().to_string().contains("larger than"));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn file_order_follows_podman() {
        let d = tmpdir("order");
        let sys = d.join("usr");
        let etc = d.join("etc");
        let home = d.join("home");
        for dir in [sys.join("containers.conf.d"), etc.clone(), home.join("containers/containers.conf.d")] {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(sys.join("containers.conf.d/20-b.conf"), "").unwrap();
        std::fs::write(sys.join("containers.conf.d/10-a.conf"), "").unwrap();
        std::fs::write(sys.join("containers.conf.d/x.txt"), "").unwrap();
        std::fs::write(home.join("containers/containers.conf.d/u.conf"), "").unwrap();
        let s = Sources {
            user_config_home: Some(home.clone()),
            system_dirs: vec![sys.clone(), etc.clone()],
            override_conf: Some(d.join("over.conf")),
            ..Default::default()
        };
        assert_eq!(
            files(&s),
            [
                sys.join("containers.conf"),
                sys.join("containers.conf.d/10-a.conf"),
                sys.join("containers.conf.d/20-b.conf"),
                etc.join("containers.conf"),
                home.join("containers/containers.conf"),
                home.join("containers/containers.conf.d/u.conf"),
                d.join("over.conf"),
            ]
        );
        let only = Sources { containers_conf: Some(d.join("only.conf")), ..s.clone() };
        assert_eq!(files(&only), [d.join("only.conf"), d.join("over.conf")]);
        assert!(s.module_path("../../etc/passwd").is_err(), "path traversal in --module");
        std::fs::remove_dir_all(&d).unwrap();
    }
}

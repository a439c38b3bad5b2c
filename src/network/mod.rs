//! Rootless networking: the container's network mode, published ports, and
//! the per-start files (`/etc/hosts`, `/etc/resolv.conf`, `/etc/hostname`).
//!
//! A container with a network of its own gets a user-mode helper attached
//! to its network namespace before its process runs: pasta (package
//! `passt`, the default where installed) or slirp4netns. The helper is a
//! child of the container's monitor, started from the launch hook (between
//! namespace creation and the child's go-ahead) and ended with the
//! container; it also dies with a SIGKILLed monitor (`PR_SET_PDEATHSIG`,
//! and slirp4netns's exit pipe), so no published port outlives its
//! container. See [`helper`].
//!
//! The design leaves room for user-defined networks: a mode names a kind of
//! attachment, and a later `Mode::Bridge(network)` gets a network record and
//! a per-network helper.

pub mod files;
pub mod forward;
pub mod helper;
pub mod ports;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use ports::PortMapping;

/// How a container is networked (`--network`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "mode", content = "options")]
pub enum Mode {
    /// pasta with extra options (Podman's `pasta:OPT,OPT`).
    Pasta(Vec<String>),
    /// slirp4netns with Podman's options.
    Slirp4netns(SlirpOptions),
    /// Loopback only.
    None,
    /// The host's network namespace.
    Host,
    /// Another container's network namespace (the full ID).
    Container(String),
    /// A network namespace file (`ns:PATH`).
    Ns(PathBuf),
}

/// `slirp4netns:` options as Podman takes them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlirpOptions {
    pub allow_host_loopback: bool,
    pub enable_ipv6: bool,
    pub mtu: Option<u32>,
    pub cidr: Option<String>,
    /// `port_handler`: rpod only has slirp4netns's own (which keeps the
    /// client's address); `rootlesskit` is refused.
    pub port_handler: Option<String>,
    pub outbound_addr: Option<String>,
}

/// Why a `--network` value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadMode(pub String);

impl std::fmt::Display for BadMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadMode {}

impl Mode {
    /// Parse `--network`; `default` is the mode used for "" and `private`.
    /// `container:` keeps the name as given (the engine resolves it).
    pub fn parse(s: &str, default: &Mode) -> Result<Mode, BadMode> {
        let (kind, opts) = match s.split_once(':') {
            Some((k, o)) => (k, Some(o)),
            None => (s, None),
        };
        let no_opts = |m: Mode| match opts {
            Some(_) => Err(BadMode(format!("network mode {kind:?} takes no options"))),
            None => Ok(m),
        };
        match kind {
            "" | "private" | "default" => no_opts(default.clone()),
            "none" => no_opts(Mode::None),
            "host" => no_opts(Mode::Host),
            "pasta" => Ok(Mode::Pasta(opts.map(|o| o.split(',').filter(|x| !x.is_empty()).map(str::to_string).collect()).unwrap_or_default())),
            "slirp4netns" => Ok(Mode::Slirp4netns(parse_slirp(opts.unwrap_or(""))?)),
            "container" => match opts {
                Some(c) if !c.is_empty() => Ok(Mode::Container(c.to_string())),
                _ => Err(BadMode("--network container: needs a container name or ID".into())),
            },
            "ns" => match opts {
                Some(p) if p.starts_with('/') => Ok(Mode::Ns(PathBuf::from(p))),
                _ => Err(BadMode("--network ns: needs an absolute path to a network namespace".into())),
            },
            "bridge" => Err(BadMode("rootless rpod has no bridge networks yet: use pasta (the default) or slirp4netns".into())),
            _ => Err(BadMode(format!(
                "network mode {s:?} is not supported: use pasta[:OPTIONS], slirp4netns[:OPTIONS], none, host, container:NAME, ns:PATH or private"
            ))),
        }
    }

    /// The mode as `--network` spells it (inspect's NetworkMode).
    pub fn name(&self) -> String {
        match self {
            Mode::Pasta(_) => "pasta".into(),
            Mode::Slirp4netns(_) => "slirp4netns".into(),
            Mode::None => "none".into(),
            Mode::Host => "host".into(),
            Mode::Container(id) => format!("container:{id}"),
            Mode::Ns(p) => format!("ns:{}", p.display()),
        }
    }

    /// Whether a user-mode helper serves this mode (and ports can be published).
    pub fn has_helper(&self) -> bool {
        matches!(self, Mode::Pasta(_) | Mode::Slirp4netns(_))
    }

    /// Whether the container gets a network namespace of its own.
    pub fn own_namespace(&self) -> bool {
        matches!(self, Mode::Pasta(_) | Mode::Slirp4netns(_) | Mode::None)
    }
}

fn parse_slirp(opts: &str) -> Result<SlirpOptions, BadMode> {
    let mut o = SlirpOptions::default();
    let flag = |v: &str, k: &str| match v {
        "true" | "" => Ok(true),
        "false" => Ok(false),
        _ => Err(BadMode(format!("slirp4netns option {k}: {v:?} is not true or false"))),
    };
    for item in opts.split(',').filter(|x| !x.is_empty()) {
        let (k, v) = item.split_once('=').unwrap_or((item, ""));
        match k {
            "allow_host_loopback" => o.allow_host_loopback = flag(v, k)?,
            "enable_ipv6" => o.enable_ipv6 = flag(v, k)?,
            "mtu" => o.mtu = Some(v.parse().map_err(|_| BadMode(format!("slirp4netns option mtu: {v:?} is not a number")))?),
            "cidr" => {
                let ok = v.split_once('/').is_some_and(|(a, b)| a.parse::<std::net::Ipv4Addr>().is_ok() && b.parse::<u8>().is_ok_and(|n| n <= 30));
                if !ok {
                    return Err(BadMode(format!("slirp4netns option cidr: {v:?} is not an IPv4 network such as 10.0.2.0/24")));
                }
                o.cidr = Some(v.to_string())
            }
            "port_handler" => match v {
                "slirp4netns" => o.port_handler = Some(v.into()),
                "rootlesskit" => {
                    return Err(BadMode(
                        "slirp4netns option port_handler=rootlesskit is not supported: rpod forwards ports with slirp4netns's own handler, which keeps the client's address".into(),
                    ))
                }
                _ => return Err(BadMode(format!("slirp4netns option port_handler: {v:?} is not slirp4netns or rootlesskit"))),
            },
            "outbound_addr" => o.outbound_addr = Some(v.to_string()),
            _ => return Err(BadMode(format!("unknown slirp4netns option {k:?}: allow_host_loopback, enable_ipv6, mtu, cidr, port_handler, outbound_addr"))),
        }
    }
    Ok(o)
}

/// Networking options of a container besides its mode, stored with its
/// record and applied at each start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetOptions {
    /// `--dns`: nameservers replacing the host's.
    #[serde(default)]
    pub dns: Vec<String>,
    /// `--dns-search` (`.` clears the host's list).
    #[serde(default)]
    pub dns_search: Vec<String>,
    /// `--dns-option`.
    #[serde(default)]
    pub dns_options: Vec<String>,
    /// `--add-host NAME:IP` entries.
    #[serde(default)]
    pub add_hosts: Vec<(String, String)>,
    /// `--no-hosts`: leave the image's /etc/hosts alone.
    #[serde(default)]
    pub no_hosts: bool,
}

/// A helper found on this machine.
#[derive(Debug, Clone, Serialize)]
pub struct HelperInfo {
    pub name: String,
    pub path: Option<String>,
    pub package: String,
}

/// `PATH` lookup, then the directories Podman searches for helpers.
pub fn find_helper(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/local/bin:/usr/bin:/bin".into());
    std::env::split_paths(&path)
        .chain(["/usr/local/libexec/podman", "/usr/libexec/podman", "/usr/lib/podman", "/usr/local/bin", "/usr/bin"].iter().map(PathBuf::from))
        .map(|d| d.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The package that ships a helper (Debian's and Fedora's name).
pub fn package_of(helper: &str) -> &'static str {
    match helper {
        "pasta" => "passt",
        "slirp4netns" => "slirp4netns",
        _ => "",
    }
}

/// Helpers rpod can use, for `rpod info`.
pub fn helpers() -> Vec<HelperInfo> {
    ["pasta", "slirp4netns"]
        .iter()
        .map(|n| HelperInfo { name: n.to_string(), path: find_helper(n).map(|p| p.display().to_string()), package: package_of(n).into() })
        .collect()
}

/// containers.conf's `[network] default_rootless_network_cmd` (see `crate::config`).
pub fn configured_network_cmd() -> Option<String> {
    crate::config::get().network.default_rootless_network_cmd.clone()
}

/// The mode a container gets without `--network`: containers.conf's
/// choice, else pasta, else slirp4netns; `Err` names the package to install
/// when the configured (or any) helper is missing.
pub fn default_mode() -> Result<Mode, BadMode> {
    match configured_network_cmd().as_deref() {
        Some("slirp4netns") => return require("slirp4netns").map(|_| Mode::Slirp4netns(SlirpOptions::default())),
        Some("pasta") => return require("pasta").map(|_| Mode::Pasta(Vec::new())),
        Some(other) => tracing::warn!("containers.conf: unknown default_rootless_network_cmd {other:?}, using pasta"),
        None => {}
    }
    if find_helper("pasta").is_some() {
        Ok(Mode::Pasta(Vec::new()))
    } else if find_helper("slirp4netns").is_some() {
        Ok(Mode::Slirp4netns(SlirpOptions::default()))
    } else {
        Err(BadMode("no network helper found: install the passt package (pasta) or slirp4netns, or use --network none".into()))
    }
}

/// Fail with one line naming the package when a helper is missing.
pub fn require(helper: &str) -> Result<PathBuf, BadMode> {
    find_helper(helper).ok_or_else(|| BadMode(format!("{helper} is not installed: install the {} package, or use another --network", package_of(helper))))
}

/// Sysctls a container may set (`--sysctl`), as Podman allows them: those
/// of namespaces it has of its own.
pub fn check_sysctl(key: &str, own_net: bool, own_uts: bool) -> Result<(), String> {
    let valid_chars = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-') && !key.contains("..");
    if !valid_chars || key.starts_with('.') || key.ends_with('.') {
        return Err(format!("invalid sysctl name {key:?}"));
    }
    let ipc = ["kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"];
    if ipc.contains(&key) || key.starts_with("fs.mqueue.") {
        return Ok(());
    }
    if key.starts_with("net.") {
        return if own_net { Ok(()) } else { Err(format!("sysctl {key:?} is not allowed: the container has no network namespace of its own")) };
    }
    if key == "kernel.domainname" || key == "kernel.hostname" {
        return if own_uts { Ok(()) } else { Err(format!("sysctl {key:?} is not allowed without a UTS namespace of its own")) };
    }
    Err(format!("sysctl {key:?} is not allowed in a container: only IPC (kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*), net.* and kernel.domainname are"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes() {
        let d = Mode::Pasta(vec![]);
        assert_eq!(Mode::parse("", &d).unwrap(), d);
        assert_eq!(Mode::parse("private", &d).unwrap(), d);
        assert_eq!(Mode::parse("none", &d).unwrap(), Mode::None);
        assert_eq!(Mode::parse("host", &d).unwrap(), Mode::Host);
        assert_eq!(Mode::parse("pasta:--mtu,1500", &d).unwrap(), Mode::Pasta(vec!["--mtu".into(), "1500".into()]));
        assert_eq!(Mode::parse("container:web", &d).unwrap(), Mode::Container("web".into()));
        assert_eq!(Mode::parse("ns:/run/netns/x", &d).unwrap(), Mode::Ns("/run/netns/x".into()));
        assert!(Mode::parse("ns:relative", &d).is_err());
        assert!(Mode::parse("container:", &d).is_err());
        assert!(Mode::parse("none:x", &d).is_err());
        assert!(Mode::parse("bridge", &d).is_err());
        assert!(Mode::parse("weird", &d).is_err());
        let s = Mode::parse("slirp4netns:allow_host_loopback=true,mtu=1500,cidr=10.5.0.0/24,port_handler=slirp4netns", &d).unwrap();
        let Mode::Slirp4netns(o) = s else { panic!() };
        assert!(o.allow_host_loopback && o.mtu == Some(1500) && o.cidr.as_deref() == Some("10.5.0.0/24"));
        assert!(Mode::parse("slirp4netns:port_handler=rootlesskit", &d).is_err());
        assert!(Mode::parse("slirp4netns:cidr=nonsense", &d).is_err());
        assert!(Mode::parse("slirp4netns:bogus=1", &d).is_err());
    }

    #[test]
    fn sysctls() {
        assert!(check_sysctl("net.ipv4.ping_group_range", true, true).is_ok());
        assert!(check_sysctl("net.ipv4.ping_group_range", false, true).is_err());
        assert!(check_sysctl("kernel.shmmax", false, false).is_ok());
        assert!(check_sysctl("fs.mqueue.msg_max", false, false).is_ok());
        assert!(check_sysctl("kernel.core_pattern", true, true).is_err());
        assert!(check_sysctl("net/../../kernel", true, true).is_err());
        assert!(check_sysctl("net..ipv4", true, true).is_err());
        assert!(check_sysctl("vm.overcommit_memory", true, true).is_err());
    }
}

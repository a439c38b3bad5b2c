//! `--pid`, `--ipc`, `--uts`: which of its namespaces a container makes
//! for itself and which it shares (Podman's modes: private, host,
//! container:ID, ns:PATH; `--ipc` also none and shareable). What the spec
//! says for each: private keeps the namespace entry; host removes it (and
//! the mounts that need a namespace of one's own become binds of the
//! host's); ns:PATH records the path; container:ID is resolved to that
//! container's `/proc/PID/ns/*` when this one starts ([`join_paths`]).
//! Joined namespaces are entered from the user namespace that owns them
//! (the runtime finds it), so a container joins the namespaces of one
//! other container only.

use std::path::PathBuf;

use oci_spec::runtime::{LinuxNamespaceType as T, Spec};
use serde::{Deserialize, Serialize};

/// The modes as given (stored in the container's options; container
/// names are replaced by IDs at create).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Namespaces {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pid: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ipc: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uts: String,
}

impl Namespaces {
    pub fn is_default(&self) -> bool {
        self == &Self::default()
    }

    /// (flag name, mode string, namespace type) for each of the three.
    pub fn each(&self) -> [(&'static str, &str, T); 3] {
        [("--pid", self.pid.as_str(), T::Pid), ("--ipc", self.ipc.as_str(), T::Ipc), ("--uts", self.uts.as_str(), T::Uts)]
    }

    pub fn get_mut(&mut self, t: T) -> &mut String {
        match t {
            T::Pid => &mut self.pid,
            T::Ipc => &mut self.ipc,
            _ => &mut self.uts,
        }
    }
}

/// One namespace's mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NsMode {
    Private,
    /// `--ipc none`: a private IPC namespace without /dev/shm.
    NoShm,
    Host,
    Container(String),
    Path(PathBuf),
}

impl NsMode {
    /// Parse `s` given to `flag` (`--pid`, `--ipc` or `--uts`).
    pub fn parse(flag: &str, s: &str) -> Result<NsMode, String> {
        let ipc = flag == "--ipc";
        Ok(match s {
            "" | "private" => NsMode::Private,
            "shareable" if ipc => NsMode::Private,
            "none" if ipc => NsMode::NoShm,
            "host" => NsMode::Host,
            _ => match s.split_once(':') {
                Some(("container", c)) if !c.is_empty() => NsMode::Container(c.to_string()),
                Some(("ns", p)) if p.starts_with('/') => NsMode::Path(PathBuf::from(p)),
                Some(("ns", _)) => return Err(format!("invalid {flag} {s:?}: the namespace path must be absolute")),
                _ => {
                    let extra = if ipc { ", none, shareable" } else { "" };
                    return Err(format!("invalid {flag} {s:?}: use private, host{extra}, container:NAME or ns:PATH"));
                }
            },
        })
    }

    /// Whether the container has this namespace to itself.
    pub fn own(&self) -> bool {
        matches!(self, NsMode::Private | NsMode::NoShm)
    }
}

/// Sysctls that live in the IPC and UTS namespaces.
fn sysctl_namespace(key: &str) -> Option<T> {
    if key.starts_with("kernel.msg") || key.starts_with("kernel.shm") || key == "kernel.sem" || key.starts_with("fs.mqueue.") {
        Some(T::Ipc)
    } else if key == "kernel.hostname" || key == "kernel.domainname" {
        Some(T::Uts)
    } else {
        None
    }
}

/// A `--sysctl` the user asked for that the modes forbid: one would change
/// a namespace the container does not own (the host's or another container's).
pub fn check_sysctl(ns: &Namespaces, key: &str) -> Result<(), String> {
    for (flag, s, t) in ns.each() {
        if sysctl_namespace(key) == Some(t) && !NsMode::parse(flag, s)?.own() {
            return Err(format!("sysctl {key:?} cannot be set: {flag} {s} shares the namespace it belongs to"));
        }
    }
    Ok(())
}

fn bind(dest: &str, source: &str, opts: &[&str]) -> oci_spec::runtime::Mount {
    let mut m = oci_spec::runtime::Mount::default();
    m.set_destination(dest.into());
    m.set_typ(Some("bind".into()));
    m.set_source(Some(source.into()));
    m.set_options(Some(opts.iter().map(|s| s.to_string()).collect()));
    m
}

/// Edit a generated spec for the modes (already checked): namespace
/// entries, the mounts a shared namespace needs, sysctls of namespaces not
/// owned (containers.conf defaults; the user's were refused by
/// [`check_sysctl`]).
pub fn apply(ns: &Namespaces, spec: &mut Spec) -> Result<(), String> {
    let modes = ns.each().into_iter().map(|(flag, s, t)| NsMode::parse(flag, s).map(|m| (t, m))).collect::<Result<Vec<_>, _>>()?;
    // Taken out and put back, not cloned: `linux` holds the seccomp profile.
    let mut linux = spec.linux_mut().take().unwrap_or_default();
    let mut list = linux.namespaces_mut().take().unwrap_or_default();
    let mut mounts = spec.mounts_mut().take().unwrap_or_default();
    for (t, mode) in modes {
        match &mode {
            NsMode::Host => list.retain(|n| n.typ() != t),
            NsMode::Path(p) => list.iter_mut().filter(|n| n.typ() == t).for_each(|n| {
                n.set_path(Some(p.clone()));
            }),
            _ => {}
        }
        let is_default = |m: &oci_spec::runtime::Mount, dest: &str, typ: &str| m.destination() == std::path::Path::new(dest) && m.typ().as_deref() == Some(typ);
        match (t, &mode) {
            // The host's pid namespace is not ours: proc cannot be mounted
            // fresh (EPERM rootless), so the host's /proc is bound, with
            // the usual masked and read-only paths over it.
            (T::Pid, NsMode::Host) => {
                for m in mounts.iter_mut().filter(|m| is_default(m, "/proc", "proc")) {
                    *m = bind("/proc", "/proc", &["rbind", "nosuid", "noexec", "nodev"]);
                }
            }
            (T::Ipc, NsMode::Host) => {
                // The host's queues, where it has them mounted (else none).
                if !std::path::Path::new("/dev/mqueue").is_dir() {
                    mounts.retain(|m| !is_default(m, "/dev/mqueue", "mqueue"));
                }
                for m in mounts.iter_mut() {
                    if is_default(m, "/dev/mqueue", "mqueue") {
                        *m = bind("/dev/mqueue", "/dev/mqueue", &["bind", "nosuid", "noexec", "nodev"]);
                    } else if is_default(m, "/dev/shm", "tmpfs") && m.source().as_deref() == Some(std::path::Path::new("shm")) {
                        *m = bind("/dev/shm", "/dev/shm", &["bind", "nosuid", "noexec", "nodev"]);
                    }
                }
            }
            (T::Ipc, NsMode::NoShm) => mounts.retain(|m| !(is_default(m, "/dev/shm", "tmpfs") && m.source().as_deref() == Some(std::path::Path::new("shm")))),
            _ => {}
        }
        if !mode.own() {
            if let Some(mut sysctl) = linux.sysctl().clone() {
                sysctl.retain(|k, _| sysctl_namespace(k) != Some(t));
                linux.set_sysctl(Some(sysctl));
            }
        }
    }
    linux.set_namespaces(Some(list));
    spec.set_linux(Some(linux));
    spec.set_mounts(Some(mounts));
    Ok(())
}

/// The containers whose namespaces these modes join (IDs after create).
pub fn joined(ns: &Namespaces) -> Vec<(T, String)> {
    ns.each()
        .into_iter()
        .filter_map(|(flag, s, t)| match NsMode::parse(flag, s) {
            Ok(NsMode::Container(c)) => Some((t, c)),
            _ => None,
        })
        .collect()
}

/// At start: point each container: namespace at that container's
/// `/proc/PID/ns/*` (`pid_of` gives the running container's first process).
pub fn join_paths(ns: &Namespaces, spec: &mut Spec, mut pid_of: impl FnMut(&str) -> anyhow::Result<i32>) -> anyhow::Result<()> {
    let joins = joined(ns);
    if joins.is_empty() {
        return Ok(());
    }
    let mut linux = spec.linux().clone().unwrap_or_default();
    let mut list = linux.namespaces().clone().unwrap_or_default();
    for (t, id) in joins {
        let pid = pid_of(&id)?;
        let file = match t {
            T::Pid => "pid",
            T::Ipc => "ipc",
            _ => "uts",
        };
        for n in list.iter_mut().filter(|n| n.typ() == t) {
            n.set_path(Some(format!("/proc/{pid}/ns/{file}").into()));
        }
    }
    linux.set_namespaces(Some(list));
    spec.set_linux(Some(linux));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> Spec {
        let p = crate::container::spec::ProcessOptions { hostname: "h".into(), command: vec!["true".into()], ..Default::default() };
        crate::container::spec::generate(&serde_json::json!({}), &[], &p, None).unwrap()
    }

    fn types(s: &Spec) -> Vec<T> {
        s.linux().as_ref().unwrap().namespaces().as_ref().unwrap().iter().map(|n| n.typ()).collect()
    }

    #[test]
    fn parse_modes() {
        assert_eq!(NsMode::parse("--pid", "").unwrap(), NsMode::Private);
        assert_eq!(NsMode::parse("--pid", "host").unwrap(), NsMode::Host);
        assert_eq!(NsMode::parse("--uts", "container:web").unwrap(), NsMode::Container("web".into()));
        assert_eq!(NsMode::parse("--ipc", "ns:/proc/1/ns/ipc").unwrap(), NsMode::Path("/proc/1/ns/ipc".into()));
        assert_eq!(NsMode::parse("--ipc", "none").unwrap(), NsMode::NoShm);
        assert!(NsMode::parse("--pid", "none").is_err());
        assert!(NsMode::parse("--pid", "ns:rel").is_err());
        assert!(NsMode::parse("--pid", "container:").is_err());
        assert!(NsMode::parse("--uts", "bogus").is_err());
    }

    #[test]
    fn host_modes_drop_namespaces_and_bind_the_hosts_mounts() {
        let mut s = spec();
        let ns = Namespaces { pid: "host".into(), ipc: "host".into(), uts: "host".into() };
        apply(&ns, &mut s).unwrap();
        let t = types(&s);
        assert!(!t.contains(&T::Pid) && !t.contains(&T::Ipc) && !t.contains(&T::Uts) && t.contains(&T::User), "{t:?}");
        let mounts = s.mounts().clone().unwrap();
        let at = |d: &str| mounts.iter().find(|m| m.destination() == std::path::Path::new(d)).unwrap().clone();
        assert_eq!(at("/proc").typ().as_deref(), Some("bind"));
        assert!(at("/proc").options().as_ref().unwrap().contains(&"rbind".to_string()));
        if std::path::Path::new("/dev/mqueue").is_dir() {
            assert_eq!(at("/dev/mqueue").source().as_deref(), Some(std::path::Path::new("/dev/mqueue")));
        }
        assert_eq!(at("/dev/shm").source().as_deref(), Some(std::path::Path::new("/dev/shm")));
    }

    #[test]
    fn paths_and_sysctls() {
        let mut s = spec();
        let mut linux = s.linux().clone().unwrap();
        linux.set_sysctl(Some([("kernel.shmmax".to_string(), "1".to_string()), ("net.ipv4.ip_forward".to_string(), "1".to_string())].into()));
        s.set_linux(Some(linux));
        let ns = Namespaces { ipc: "ns:/run/x".into(), uts: "container:abc".into(), ..Default::default() };
        apply(&ns, &mut s).unwrap();
        let l = s.linux().clone().unwrap();
        let ipc = l.namespaces().as_ref().unwrap().iter().find(|n| n.typ() == T::Ipc).unwrap().clone();
        assert_eq!(ipc.path().as_deref(), Some(std::path::Path::new("/run/x")));
        assert_eq!(l.sysctl().as_ref().unwrap().keys().collect::<Vec<_>>(), ["net.ipv4.ip_forward"]);
        assert!(check_sysctl(&ns, "kernel.shmmax").is_err());
        assert!(check_sysctl(&ns, "kernel.domainname").is_err());
        assert!(check_sysctl(&Namespaces::default(), "kernel.shmmax").is_ok());
        join_paths(&ns, &mut s, |id| if id == "abc" { Ok(42) } else { anyhow::bail!("no") }).unwrap();
        let uts = s.linux().clone().unwrap().namespaces().clone().unwrap().into_iter().find(|n| n.typ() == T::Uts).unwrap();
        assert_eq!(uts.path().as_deref(), Some(std::path::Path::new("/proc/42/ns/uts")));
    }

    #[test]
    fn ipc_none_has_no_shm() {
        let mut s = spec();
        apply(&Namespaces { ipc: "none".into(), ..Default::default() }, &mut s).unwrap();
        assert!(!s.mounts().clone().unwrap().iter().any(|m| m.destination() == std::path::Path::new("/dev/shm")));
    }
}

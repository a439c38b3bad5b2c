//! `--pid`, `--ipc`, `--uts` at create: container names resolved to IDs
//! (the container then requires them: they start first and cannot be
//! removed under it, as in Podman), `ns:PATH` checked to be a namespace
//! file of the right kind, the host name the container will have, and the
//! user's sysctls checked against namespaces it does not own. What the
//! modes do to the spec lives in [`crate::container::namespaces`].

use crate::container::namespaces::{check_sysctl, Namespaces, NsMode};

use super::error::{Error, Result};
use super::Engine;

/// The checked modes.
pub struct Resolved {
    /// As stored: container names replaced by IDs.
    pub stored: Namespaces,
    /// IDs of the containers whose namespaces are joined.
    pub requires: Vec<String>,
    /// The host name when the UTS namespace is not the container's own
    /// (`Some("")` when it cannot be known: `--uts ns:PATH`).
    pub hostname: Option<String>,
}

pub fn resolve(engine: &Engine, ns: &Namespaces, asked_hostname: Option<&str>, sysctls: &[String]) -> Result<Resolved> {
    use nix::sched::CloneFlags as C;
    let mut out = Resolved { stored: ns.clone(), requires: Vec::new(), hostname: None };
    for (flag, s, t) in ns.each() {
        let mode = NsMode::parse(flag, s).map_err(Error::bad_input)?;
        let kind = match flag {
            "--pid" => C::CLONE_NEWPID,
            "--ipc" => C::CLONE_NEWIPC,
            _ => C::CLONE_NEWUTS,
        };
        let uts = flag == "--uts";
        if uts && !mode.own() && asked_hostname.is_some() {
            return Err(Error::bad_input(format!("--hostname cannot be used with --uts {s}: the container does not have a UTS namespace of its own")));
        }
        match mode {
            NsMode::Container(c) => {
                let rec = super::container::find(engine, &c)?;
                if uts {
                    out.hostname = Some(rec.spec.hostname().clone().unwrap_or_default());
                }
                *out.stored.get_mut(t) = format!("container:{}", rec.id);
                if !out.requires.contains(&rec.id) {
                    out.requires.push(rec.id);
                }
            }
            NsMode::Path(p) => {
                // Checked now for a clear error; the runtime checks it again
                // at every start (the path may have changed since).
                crate::runtime::nsfile::open(&p, kind).map_err(|e| Error::bad_input(format!("invalid {flag} {s:?}: {e}")))?;
                if uts {
                    out.hostname = Some(String::new());
                }
            }
            NsMode::Host if uts => {
                out.hostname = Some(nix::unistd::gethostname().map(|h| h.to_string_lossy().into_owned()).unwrap_or_default());
            }
            _ => {}
        }
    }
    for s in sysctls {
        if let Some((k, _)) = s.split_once('=') {
            check_sysctl(ns, k.trim()).map_err(Error::bad_input)?;
        }
    }
    Ok(out)
}

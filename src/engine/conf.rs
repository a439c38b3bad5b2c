//! containers.conf's `[containers]` defaults applied to a new container:
//! what the user did not say on the command line, the configuration says.
//! The flags always win; the record keeps the result, so a container does
//! not change when the configuration does later (as in Podman).

use super::container::CreateOptions;
use super::error::{Error, Result};
use crate::config::Containers;
use crate::container::spec::ProcessOptions;

/// `o` with the option-level defaults filled in (DNS, hosts, init, userns).
pub fn apply(o: &CreateOptions, c: &Containers) -> CreateOptions {
    let mut o = o.clone();
    let fill = |v: &mut Vec<String>, d: &Option<Vec<String>>| {
        if v.is_empty() {
            *v = d.clone().unwrap_or_default();
        }
    };
    fill(&mut o.dns, &c.dns_servers);
    fill(&mut o.dns_search, &c.dns_searches);
    fill(&mut o.dns_option, &c.dns_options);
    if c.no_hosts == Some(true) {
        o.no_hosts = true;
    }
    if c.init == Some(true) {
        o.process.init = true;
    }
    if o.userns.is_empty() {
        // `host` (rootless: the user's own namespace) is rpod's default mapping.
        o.userns = c.userns.clone().filter(|u| u != "host").unwrap_or_default();
    }
    o
}

/// The process-level defaults: capabilities, environment, init path.
pub fn process(p: &mut ProcessOptions, c: &Containers) {
    p.default_caps = c.default_capabilities.clone();
    p.default_env = c.env.clone().unwrap_or_default();
    if c.env_host == Some(true) {
        // `--env-host`: rpod's environment, under --env-file and --env.
        let mut env: Vec<String> = std::env::vars().map(|(k, v)| format!("{k}={v}")).collect();
        env.append(&mut p.env);
        p.env = env;
    }
    p.init_path = c.init_path.clone();
}

/// `default_sysctls` for a container: `net.*` only with a network namespace
/// of its own (skipped otherwise, as Podman does); others must be allowed.
/// `None` when the configuration has none (the built-in default applies).
pub fn sysctls(c: &Containers, own_net: bool) -> Result<Option<Vec<(String, String)>>> {
    let Some(list) = &c.default_sysctls else { return Ok(None) };
    let mut out = Vec::new();
    for s in list {
        let (k, v) = s.split_once('=').ok_or_else(|| Error::bad_input(format!("containers.conf default_sysctls: invalid {s:?}: use KEY=VALUE")))?;
        let (k, v) = (k.trim(), v.trim());
        if k.starts_with("net.") && !own_net {
            continue;
        }
        crate::network::check_sysctl(k, own_net, true).map_err(|e| Error::bad_input(format!("containers.conf default_sysctls: {e}")))?;
        if v.contains('\n') {
            return Err(Error::bad_input(format!("containers.conf default_sysctls: the value of {k} has a newline")));
        }
        out.push((k.to_string(), v.to_string()));
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_over_the_configuration() {
        let c = Containers {
            dns_servers: Some(vec!["203.0.113.53".into()]),
            dns_searches: Some(vec!["example.test".into()]),
            init: Some(true),
            userns: Some("host".into()),
            ..Default::default()
        };
        let o = CreateOptions { dns: vec!["198.51.100.1".into()], ..Default::default() };
        let a = apply(&o, &c);
        assert_eq!(a.dns, ["198.51.100.1"]);
        assert_eq!(a.dns_search, ["example.test"]);
        assert!(a.process.init);
        assert_eq!(a.userns, "");
    }

    #[test]
    fn default_sysctls() {
        let c = Containers { default_sysctls: Some(vec!["net.ipv4.ping_group_range=0 1000".into(), "kernel.shmmax = 4096".into()]), ..Default::default() };
        assert_eq!(sysctls(&c, true).unwrap().unwrap().len(), 2);
        assert_eq!(sysctls(&c, false).unwrap().unwrap(), [("kernel.shmmax".to_string(), "4096".to_string())]);
        let bad = Containers { default_sysctls: Some(vec!["kernel.core_pattern=|/tmp/x".into()]), ..Default::default() };
        assert!(sysctls(&bad, true).is_err(), "a host-wide sysctl from containers.conf is refused");
        assert!(sysctls(&Containers::default(), true).unwrap().is_none());
    }
}

//! containers.conf's `[containers]` defaults applied to a new container:
//! what the user did not say on the command line, the configuration says.
//! The flags always win; the record keeps the result, so a container does
//! not change when the configuration does later (as in Podman).

use super::container::CreateOptions;
use super::error::{Error, Result};
use crate::config::Containers;
use crate::container::spec::ProcessOptions;

/// `o` with the option-level defaults filled in (DNS, hosts, init, userns,
/// log driver, time zone, umask, ulimits, /dev/shm size, annotations).
pub fn apply(o: &CreateOptions, c: &Containers) -> Result<CreateOptions> {
    let mut o = o.clone();
    let bad = |key: &str, e: String| Error::bad_input(format!("containers.conf {key}: {e}"));
    if !o.log_driver_given {
        if let Some(d) = c.log_driver.as_deref().filter(|d| !d.is_empty()) {
            let parsed = crate::container::log::LogConfig::parse(d, &[]).map_err(|e| bad("log_driver", e))?;
            o.log.driver = parsed.driver;
        }
    }
    if o.log.max_size.is_none() {
        // Podman: log_size_max in bytes, -1 (the default) for no limit.
        o.log.max_size = c.log_size_max.filter(|n| *n > 0).map(|n| n as u64);
    }
    if o.timezone.is_none() {
        o.timezone = c.tz.clone().filter(|t| !t.is_empty());
    }
    if o.umask.is_none() {
        o.umask = c.umask.clone().filter(|u| !u.is_empty());
    }
    // default_ulimits: each type the flags do not set (`--ulimit host` keeps rpod's own).
    if !o.ulimits.iter().any(|u| u == "host") {
        let set: Vec<String> = o.ulimits.iter().filter_map(|u| u.split_once('=').map(|(t, _)| t.trim().to_string())).collect();
        let mut defaults: Vec<String> = c
            .default_ulimits
            .clone()
            .unwrap_or_default()
            .into_iter()
            .filter(|u| u.split_once('=').is_none_or(|(t, _)| !set.iter().any(|s| s == t.trim())))
            .collect();
        defaults.append(&mut o.ulimits);
        o.ulimits = defaults;
    }
    if !o.shm_size_given && !o.mounts.iter().any(|m| m.destination == "/dev/shm") {
        if let Some(size) = c.shm_size.as_deref().filter(|s| !s.is_empty()) {
            let n = super::limits::parse_bytes(size).map_err(|e| bad("shm_size", e.to_string()))?;
            if n == 0 {
                return Err(bad("shm_size", "the size must be more than 0".into()));
            }
            o.mounts.push(crate::container::mounts::MountRequest {
                kind: crate::container::mounts::MountKind::Tmpfs,
                destination: "/dev/shm".into(),
                options: ["nosuid", "noexec", "nodev", "mode=1777"].iter().map(|s| s.to_string()).chain([format!("size={n}")]).collect(),
                ..Default::default()
            });
        }
    }
    for a in c.annotations.clone().unwrap_or_default() {
        let (k, v) = a.split_once('=').ok_or_else(|| bad("annotations", format!("invalid {a:?}: use KEY=VALUE")))?;
        if !o.extras.annotations.iter().any(|(uk, _)| uk == k) {
            o.extras.annotations.push((k.to_string(), v.to_string()));
        }
    }
    if c.annotations.is_some() {
        // The same rules as --annotation (rpod's reserved prefixes).
        o.extras.check().map_err(|e| bad("annotations", e.to_string()))?;
    }
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
    Ok(o)
}

/// `--umask` (or containers.conf's): the spec's `process.user.umask`,
/// Podman's default 0022 when neither says.
pub fn set_umask(spec: &mut oci_spec::runtime::Spec, umask: Option<&str>) -> Result<()> {
    let s = umask.unwrap_or("0022");
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return Err(Error::bad_input(format!("invalid umask string {s}: invalid argument")));
    }
    let m = u32::from_str_radix(s, 8).map_err(|e| Error::bad_input(format!("invalid umask string {s}: {e}")))?;
    let Some(mut p) = spec.process().clone() else { return Ok(()) };
    let mut u = p.user().clone();
    u.set_umask(Some(m & 0o777));
    p.set_user(u);
    spec.set_process(Some(p));
    Ok(())
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
        let a = apply(&o, &c).unwrap();
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

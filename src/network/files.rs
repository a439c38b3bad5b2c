//! The files a container's network gives it, generated at each start in
//! the container's run directory and bind-mounted over the image's (never
//! written into its layers): `/etc/hosts`, `/etc/resolv.conf`,
//! `/etc/hostname`.

use std::net::IpAddr;
use std::path::Path;

use super::{Mode, NetOptions};

/// The forwarder pasta answers DNS on (Podman 5's address).
pub const PASTA_DNS: &str = "169.254.1.1";
/// slirp4netns's built-in DNS forwarder (its default network 10.0.2.0/24).
pub const SLIRP_DNS: &str = "10.0.2.3";

/// What the host's resolver configuration says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolv {
    pub nameservers: Vec<String>,
    pub search: Vec<String>,
    pub options: Vec<String>,
}

/// Parse resolv.conf text (unknown lines are dropped).
pub fn parse_resolv(text: &str) -> Resolv {
    let mut r = Resolv::default();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        match words.next() {
            Some("nameserver") => r.nameservers.extend(words.next().map(str::to_string)),
            Some("search") | Some("domain") => r.search = words.map(str::to_string).collect(),
            Some("options") => r.options.extend(words.map(str::to_string)),
            _ => {}
        }
    }
    r
}

/// The host's resolver configuration: `/etc/resolv.conf`, or systemd-resolved's
/// upstream list when the stub resolver (127.0.0.53) is all it names, as Podman does.
pub fn host_resolv() -> Resolv {
    let read = |p: &str| crate::storage::read_regular(Path::new(p), 1 << 20).ok().map(|b| parse_resolv(&String::from_utf8_lossy(&b)));
    let r = read("/etc/resolv.conf").unwrap_or_default();
    if !r.nameservers.is_empty() && r.nameservers.iter().all(|n| n == "127.0.0.53") {
        if let Some(up) = read("/run/systemd/resolve/resolv.conf") {
            if !up.nameservers.is_empty() {
                return up;
            }
        }
    }
    r
}

fn is_loopback(ns: &str) -> bool {
    ns.split('%').next().and_then(|a| a.parse::<IpAddr>().ok()).is_some_and(|a| a.is_loopback())
}

/// The container's resolv.conf: `--dns*` options win; otherwise the host's,
/// with loopback nameservers (unreachable from the container) replaced by
/// the helper's forwarder.
pub fn resolv_conf(mode: &Mode, o: &NetOptions, host: &Resolv) -> String {
    let forwarder = match mode {
        Mode::Pasta(_) => Some(PASTA_DNS),
        Mode::Slirp4netns(_) => Some(SLIRP_DNS),
        _ => None,
    };
    let mut servers: Vec<String> = if o.dns.is_empty() {
        let mut v = Vec::new();
        for ns in &host.nameservers {
            if is_loopback(ns) && !matches!(mode, Mode::Host) {
                if let Some(f) = forwarder {
                    if !v.iter().any(|x| x == f) {
                        v.push(f.to_string());
                    }
                }
            } else {
                v.push(ns.clone());
            }
        }
        v
    } else {
        o.dns.clone()
    };
    if servers.is_empty() {
        if let Some(f) = forwarder {
            servers.push(f.to_string());
        }
    }
    let search = if o.dns_search.is_empty() {
        host.search.clone()
    } else if o.dns_search.iter().any(|s| s == ".") {
        Vec::new()
    } else {
        o.dns_search.clone()
    };
    let options = if o.dns_options.is_empty() { host.options.clone() } else { o.dns_options.clone() };
    let mut out = String::new();
    if !search.is_empty() {
        out.push_str(&format!("search {}\n", search.join(" ")));
    }
    for s in servers {
        out.push_str(&format!("nameserver {s}\n"));
    }
    if !options.is_empty() {
        out.push_str(&format!("options {}\n", options.join(" ")));
    }
    out
}

/// Addresses for `/etc/hosts`: the container's own and the host's as the
/// container reaches it (`host.containers.internal`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostsAddrs {
    pub container: Option<String>,
    pub host: Option<String>,
}

/// The container's `/etc/hosts`, in Podman's shape.
pub fn hosts(base: &str, o: &NetOptions, addrs: &HostsAddrs, hostname: &str, name: &str) -> String {
    let mut out = String::new();
    if base.is_empty() {
        out.push_str("127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4\n");
        out.push_str("::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6\n");
    } else {
        out.push_str(base);
        if !base.ends_with('\n') {
            out.push('\n');
        }
    }
    for (h, ip) in &o.add_hosts {
        out.push_str(&format!("{ip}\t{h}\n"));
    }
    if let Some(h) = &addrs.host {
        out.push_str(&format!("{h}\thost.containers.internal host.docker.internal\n"));
    }
    let names = if name.is_empty() || name == hostname { hostname.to_string() } else { format!("{hostname} {name}") };
    out.push_str(&format!("{}\t{names}\n", addrs.container.as_deref().unwrap_or("127.0.1.1")));
    out
}

/// Parse `--add-host NAME:IP` (IPv6 addresses keep their colons;
/// `host-gateway` stands for the host's address).
pub fn parse_add_host(s: &str) -> Result<(String, String), String> {
    let (name, ip) = s.split_once(':').ok_or_else(|| format!("invalid --add-host {s:?}: use NAME:IP"))?;
    let name_ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "-._".contains(c));
    if !name_ok {
        return Err(format!("invalid --add-host {s:?}: {name:?} is not a host name"));
    }
    let ip = ip.trim_start_matches('[').trim_end_matches(']');
    if ip != "host-gateway" && ip.parse::<IpAddr>().is_err() {
        return Err(format!("invalid --add-host {s:?}: {ip:?} is not an IP address"));
    }
    Ok((name.to_string(), ip.to_string()))
}

/// The host's IPv4 default gateway (from `/proc/net/route`): pasta maps it
/// to the host itself, so it is `host.containers.internal` under pasta.
pub fn default_gateway_v4() -> Option<String> {
    let text = String::from_utf8(crate::storage::read_regular(Path::new("/proc/net/route"), 1 << 20).ok()?).ok()?;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() > 2 && f[1] == "00000000" {
            let g = u32::from_str_radix(f[2], 16).ok()?;
            if g != 0 {
                return Some(std::net::Ipv4Addr::from(g.to_le_bytes()).to_string());
            }
        }
    }
    None
}

/// The host's first global IPv4 address on the default route's interface
/// (pasta gives the container the same address).
pub fn default_address_v4() -> Option<String> {
    let text = String::from_utf8(crate::storage::read_regular(Path::new("/proc/net/route"), 1 << 20).ok()?).ok()?;
    let iface = text.lines().skip(1).map(|l| l.split_whitespace().collect::<Vec<_>>()).find(|f| f.len() > 2 && f[1] == "00000000").map(|f| f[0].to_string())?;
    // SIOCGIFADDR on a throwaway socket: the interface's primary address.
    let sock = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() }; // SAFETY: ifreq is plain data; all-zero is a valid value.
    for (d, s) in req.ifr_name.iter_mut().zip(iface.bytes().take(libc::IFNAMSIZ - 1)) {
        *d = s as libc::c_char;
    }
    use std::os::fd::AsRawFd;
    // SAFETY: SIOCGIFADDR reads ifr_name and writes one sockaddr into the ifreq we own.
    if unsafe { libc::ioctl(sock.as_raw_fd(), libc::SIOCGIFADDR, &mut req) } != 0 {
        return None;
    }
    // SAFETY: for AF_INET the kernel stored a sockaddr_in in the union.
    let sin: libc::sockaddr_in = unsafe { std::mem::transmute_copy(&req.ifr_ifru.ifru_addr) };
    Some(std::net::Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr)).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolv_replaces_loopback_servers() {
        let host = parse_resolv("# comment\nnameserver 127.0.0.53\nnameserver 10.1.1.1\nsearch example.org lan\noptions edns0\n");
        assert_eq!(host.nameservers, ["127.0.0.53", "10.1.1.1"]);
        let r = resolv_conf(&Mode::Pasta(vec![]), &NetOptions::default(), &host);
        assert_eq!(r, "search example.org lan\nnameserver 169.254.1.1\nnameserver 10.1.1.1\noptions edns0\n");
        let r = resolv_conf(&Mode::Slirp4netns(Default::default()), &NetOptions::default(), &host);
        assert!(r.contains("nameserver 10.0.2.3\n"));
        let o = NetOptions { dns: vec!["198.51.100.53".into()], dns_search: vec![".".into()], dns_options: vec!["ndots:2".into()], ..Default::default() };
        assert_eq!(resolv_conf(&Mode::Pasta(vec![]), &o, &host), "nameserver 198.51.100.53\noptions ndots:2\n");
        // None: no forwarder, loopback servers dropped.
        assert_eq!(resolv_conf(&Mode::None, &NetOptions::default(), &parse_resolv("nameserver ::1\n")), "");
    }

    #[test]
    fn hosts_file() {
        let o = NetOptions { add_hosts: vec![("db".into(), "203.0.113.5".into())], ..Default::default() };
        let h = hosts("", &o, &HostsAddrs { container: Some("192.0.2.2".into()), host: Some("192.0.2.1".into()) }, "abc123", "web");
        assert!(h.starts_with("127.0.0.1\tlocalhost"));
        assert!(h.contains("203.0.113.5\tdb\n"));
        assert!(h.contains("192.0.2.1\thost.containers.internal host.docker.internal\n"));
        assert!(h.ends_with("192.0.2.2\tabc123 web\n"));
    }

    #[test]
    fn add_host() {
        assert_eq!(parse_add_host("db:203.0.113.5").unwrap(), ("db".into(), "203.0.113.5".into()));
        assert_eq!(parse_add_host("v6:2001:db8::1").unwrap(), ("v6".into(), "2001:db8::1".into()));
        assert_eq!(parse_add_host("gw:host-gateway").unwrap().1, "host-gateway");
        assert!(parse_add_host("nocolon").is_err());
        assert!(parse_add_host("bad name:1.2.3.4").is_err());
        assert!(parse_add_host("x:notanip").is_err());
        assert!(parse_add_host("evil\n1.2.3.4 x:1.2.3.4").is_err());
    }
}

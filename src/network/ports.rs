//! Published ports: Podman's `-p/--publish` syntax, random host ports, and
//! the shapes `ps`, `port` and `inspect` print.

use serde::{Deserialize, Serialize};

/// One published port or range, as Podman stores it (`types.PortMapping`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortMapping {
    /// Host address to listen on; empty means all.
    #[serde(default)]
    pub host_ip: String,
    pub container_port: u16,
    pub host_port: u16,
    /// Number of consecutive ports (1 for a single port).
    #[serde(default = "one")]
    pub range: u16,
    /// tcp, udp or sctp.
    pub protocol: String,
}

fn one() -> u16 {
    1
}

/// A publish request as parsed; host port 0 means "pick one".
pub type Request = PortMapping;

fn parse_range(s: &str, what: &str) -> Result<(u16, u16), String> {
    let num = |x: &str| -> Result<u16, String> {
        match x.parse::<u16>() {
            Ok(0) | Err(_) => Err(format!("invalid {what} port {x:?}: ports are 1-65535")),
            Ok(n) => Ok(n),
        }
    };
    match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (num(a)?, num(b)?);
            if b < a {
                return Err(format!("invalid {what} port range {s:?}: the end is below the start"));
            }
            Ok((a, b - a + 1))
        }
        None => Ok((num(s)?, 1)),
    }
}

/// Parse one `-p` value: `[[ip:][hostPort]:]containerPort[/protocol]`,
/// ports or ranges (`8000-8010:80-90`), IPv6 addresses in brackets.
pub fn parse(spec: &str) -> Result<Vec<Request>, String> {
    let (addr_ports, protos) = match spec.rsplit_once('/') {
        Some((a, p)) => (a, p),
        None => (spec, "tcp"),
    };
    let mut protocols = Vec::new();
    for p in protos.split(',') {
        match p {
            "tcp" | "udp" | "sctp" => protocols.push(p.to_string()),
            _ => return Err(format!("invalid protocol {p:?} in -p {spec:?}: use tcp, udp or sctp")),
        }
    }
    // An IPv6 host address comes in brackets: [::1]:8080:80.
    let (ip, rest) = if let Some(r) = addr_ports.strip_prefix('[') {
        let (ip, after) = r.split_once(']').ok_or_else(|| format!("invalid -p {spec:?}: unclosed '['"))?;
        let after = after.strip_prefix(':').ok_or_else(|| format!("invalid -p {spec:?}: expected ':' after the address"))?;
        (Some(ip.to_string()), after.to_string())
    } else {
        let parts: Vec<&str> = addr_ports.split(':').collect();
        match parts.len() {
            1 | 2 => (None, addr_ports.to_string()),
            3 => (Some(parts[0].to_string()), format!("{}:{}", parts[1], parts[2])),
            _ => return Err(format!("invalid -p {spec:?}: use [[ip:][hostPort]:]containerPort[/protocol]")),
        }
    };
    if let Some(ip) = &ip {
        if !ip.is_empty() && ip.parse::<std::net::IpAddr>().is_err() {
            return Err(format!("invalid host address {ip:?} in -p {spec:?}"));
        }
    }
    let (host, ctr) = match rest.split_once(':') {
        Some((h, c)) => (Some(h), c),
        None => (None, rest.as_str()),
    };
    let (cport, crange) = parse_range(ctr, "container")?;
    let (hport, hrange) = match host {
        Some(h) if !h.is_empty() => parse_range(h, "host")?,
        _ => (0, crange),
    };
    if hrange != crange {
        return Err(format!("invalid -p {spec:?}: the host range ({hrange} ports) and the container range ({crange}) differ in length"));
    }
    if u32::from(cport) + u32::from(crange) - 1 > 65535 || u32::from(hport) + u32::from(hrange) - 1 > 65535 {
        return Err(format!("invalid -p {spec:?}: the range passes port 65535"));
    }
    let host_ip = ip.unwrap_or_default();
    let host_ip = if host_ip == "0.0.0.0" { String::new() } else { host_ip };
    Ok(protocols
        .into_iter()
        .map(|protocol| PortMapping { host_ip: host_ip.clone(), container_port: cport, host_port: hport, range: crange, protocol })
        .collect())
}

/// `--expose`/EXPOSE entries: `PORT[-END][/proto]`; -P publishes them on random host ports.
pub fn parse_expose(spec: &str) -> Result<Vec<Request>, String> {
    let (p, proto) = spec.split_once('/').unwrap_or((spec, "tcp"));
    if !["tcp", "udp", "sctp"].contains(&proto) {
        return Err(format!("invalid protocol {proto:?} in {spec:?}"));
    }
    let (port, range) = parse_range(p, "exposed")?;
    Ok(vec![PortMapping { host_ip: String::new(), container_port: port, host_port: 0, range, protocol: proto.into() }])
}

/// The lowest port an unprivileged user may bind
/// (`net.ipv4.ip_unprivileged_port_start`).
pub fn unprivileged_port_start() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(1024)
}

fn bind_probe(ip: &str, port: u16, protocol: &str) -> std::io::Result<u16> {
    let addr: std::net::IpAddr = if ip.is_empty() { std::net::Ipv4Addr::UNSPECIFIED.into() } else { ip.parse().map_err(std::io::Error::other)? };
    let sa = std::net::SocketAddr::new(addr, port);
    match protocol {
        "udp" => std::net::UdpSocket::bind(sa).and_then(|s| s.local_addr()).map(|a| a.port()),
        _ => std::net::TcpListener::bind(sa).and_then(|s| s.local_addr()).map(|a| a.port()),
    }
}

/// Check a request's host ports can be bound now (a clear error before the
/// helper tries), choosing free host ports where none were given.
pub fn assign(reqs: &[Request]) -> Result<Vec<PortMapping>, String> {
    let start = unprivileged_port_start();
    let mut out: Vec<PortMapping> = Vec::new();
    for r in reqs {
        let mut m = r.clone();
        if m.host_port == 0 {
            m.host_port = free_range(&m.host_ip, m.range, &m.protocol, &out)?;
        } else {
            if m.host_port < start {
                return Err(format!(
                    "rootless rpod cannot publish privileged port {}: add 'net.ipv4.ip_unprivileged_port_start={}' to /etc/sysctl.conf (currently {start}), or choose a host port of {start} or more",
                    m.host_port, m.host_port
                ));
            }
            for p in m.host_port..=m.host_port + (m.range - 1) {
                if out.iter().any(|o| o.protocol == m.protocol && (o.host_port..=o.host_port + (o.range - 1)).contains(&p)) {
                    return Err(format!("host port {p}/{} is published twice", m.protocol));
                }
                if m.protocol != "sctp" {
                    bind_probe(&m.host_ip, p, &m.protocol).map_err(|e| {
                        let at = if m.host_ip.is_empty() { String::new() } else { format!("{}:", m.host_ip) };
                        format!("cannot publish host port {at}{p}/{}: {e}", m.protocol)
                    })?;
                }
            }
        }
        out.push(m);
    }
    Ok(out)
}

/// Check, at start, that every host port can still be bound (a port taken
/// since create gets a clear line instead of a helper's warning).
pub fn check_bindable(ports: &[PortMapping]) -> Result<(), String> {
    for m in ports.iter().filter(|m| m.protocol != "sctp") {
        for p in m.host_port..=m.host_port + (m.range - 1) {
            bind_probe(&m.host_ip, p, &m.protocol).map_err(|e| {
                let at = if m.host_ip.is_empty() { String::new() } else { format!("{}:", m.host_ip) };
                format!("cannot publish host port {at}{p}/{}: {e}", m.protocol)
            })?;
        }
    }
    Ok(())
}

fn free_range(ip: &str, range: u16, protocol: &str, taken: &[PortMapping]) -> Result<u16, String> {
    let proto = if protocol == "sctp" { "tcp" } else { protocol };
    for _ in 0..64 {
        let base = bind_probe(ip, 0, proto).map_err(|e| format!("finding a free host port: {e}"))?;
        if u32::from(base) + u32::from(range) > 65536 {
            continue;
        }
        let clash = |p: u16| taken.iter().any(|o| o.protocol == protocol && (o.host_port..=o.host_port + (o.range - 1)).contains(&p));
        if (base..base + range).all(|p| !clash(p) && (p == base || bind_probe(ip, p, proto).is_ok())) {
            return Ok(base);
        }
    }
    Err(format!("no {range} free consecutive host ports found"))
}

impl PortMapping {
    fn addr(&self) -> String {
        if self.host_ip.is_empty() {
            "0.0.0.0".into()
        } else if self.host_ip.contains(':') {
            format!("[{}]", self.host_ip)
        } else {
            self.host_ip.clone()
        }
    }

    /// `ps`'s PORTS entry: `0.0.0.0:8080->80/tcp`, ranges `0.0.0.0:8000-8002->80-82/tcp`.
    pub fn ps_entry(&self) -> String {
        if self.range > 1 {
            format!(
                "{}:{}-{}->{}-{}/{}",
                self.addr(),
                self.host_port,
                self.host_port + self.range - 1,
                self.container_port,
                self.container_port + self.range - 1,
                self.protocol
            )
        } else {
            format!("{}:{}->{}/{}", self.addr(), self.host_port, self.container_port, self.protocol)
        }
    }

    /// One line per port, as `podman port`: `80/tcp -> 0.0.0.0:8080`.
    pub fn port_lines(&self) -> Vec<(u16, String)> {
        (0..self.range)
            .map(|i| (self.container_port + i, format!("{}/{} -> {}:{}", self.container_port + i, self.protocol, self.addr(), self.host_port + i)))
            .collect()
    }

    /// pasta's `-t`/`-u` spec: `[ADDR/]HOST[-END]:CTR[-END]`.
    pub fn pasta_spec(&self) -> String {
        let addr = if self.host_ip.is_empty() { String::new() } else { format!("{}/", self.host_ip) };
        if self.range > 1 {
            format!("{addr}{}-{}:{}-{}", self.host_port, self.host_port + self.range - 1, self.container_port, self.container_port + self.range - 1)
        } else {
            format!("{addr}{}:{}", self.host_port, self.container_port)
        }
    }
}

/// `ps`'s PORTS column.
pub fn ps_column(ports: &[PortMapping]) -> String {
    ports.iter().map(PortMapping::ps_entry).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pm(ip: &str, h: u16, c: u16, r: u16, p: &str) -> PortMapping {
        PortMapping { host_ip: ip.into(), container_port: c, host_port: h, range: r, protocol: p.into() }
    }

    #[test]
    fn forms() {
        assert_eq!(parse("8080:80").unwrap(), vec![pm("", 8080, 80, 1, "tcp")]);
        assert_eq!(parse("127.0.0.1:8080:80").unwrap(), vec![pm("127.0.0.1", 8080, 80, 1, "tcp")]);
        assert_eq!(parse("0.0.0.0:8080:80").unwrap(), vec![pm("", 8080, 80, 1, "tcp")]);
        assert_eq!(parse("127.0.0.1::80").unwrap(), vec![pm("127.0.0.1", 0, 80, 1, "tcp")]);
        assert_eq!(parse("80").unwrap(), vec![pm("", 0, 80, 1, "tcp")]);
        assert_eq!(parse("8000-8010:80-90").unwrap(), vec![pm("", 8000, 80, 11, "tcp")]);
        assert_eq!(parse("5353:53/udp").unwrap(), vec![pm("", 5353, 53, 1, "udp")]);
        assert_eq!(parse("9000:9000/tcp,udp").unwrap(), vec![pm("", 9000, 9000, 1, "tcp"), pm("", 9000, 9000, 1, "udp")]);
        assert_eq!(parse("[::1]:8080:80").unwrap(), vec![pm("::1", 8080, 80, 1, "tcp")]);
        assert_eq!(parse("80-82").unwrap(), vec![pm("", 0, 80, 3, "tcp")]);
        for bad in ["", "0:80", "8080:0", "70000:80", "8000-8010:80", "a:b", "1:2:3:4", "8080:80/icmp", "nope:8080:80", "[::1:8080:80", "90-80:90-80"] {
            assert!(parse(bad).is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn shapes() {
        assert_eq!(pm("", 8080, 80, 1, "tcp").ps_entry(), "0.0.0.0:8080->80/tcp");
        assert_eq!(pm("127.0.0.1", 8000, 80, 3, "udp").ps_entry(), "127.0.0.1:8000-8002->80-82/udp");
        assert_eq!(pm("::1", 8080, 80, 1, "tcp").ps_entry(), "[::1]:8080->80/tcp");
        assert_eq!(pm("", 8080, 80, 2, "tcp").port_lines()[1].1, "81/tcp -> 0.0.0.0:8081");
        assert_eq!(pm("", 8000, 80, 3, "tcp").pasta_spec(), "8000-8002:80-82");
        assert_eq!(pm("127.0.0.1", 8080, 80, 1, "tcp").pasta_spec(), "127.0.0.1/8080:80");
        assert_eq!(ps_column(&[pm("", 1, 2, 1, "tcp"), pm("", 3, 4, 1, "udp")]), "0.0.0.0:1->2/tcp, 0.0.0.0:3->4/udp");
    }

    #[test]
    fn expose() {
        assert_eq!(parse_expose("80/tcp").unwrap(), vec![pm("", 0, 80, 1, "tcp")]);
        assert_eq!(parse_expose("53/udp").unwrap(), vec![pm("", 0, 53, 1, "udp")]);
        assert!(parse_expose("80/icmp").is_err());
    }

    #[test]
    fn random_ports_are_free_and_distinct() {
        let got = assign(&[pm("127.0.0.1", 0, 80, 1, "tcp"), pm("127.0.0.1", 0, 81, 2, "tcp")]).unwrap();
        assert!(got.iter().all(|m| m.host_port >= 1024));
        assert!(got[0].host_port < got[1].host_port || got[0].host_port > got[1].host_port + 1);
        // A port in use is refused with a clear line.
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let p = l.local_addr().unwrap().port();
        let e = assign(&[pm("127.0.0.1", p, 80, 1, "tcp")]).unwrap_err();
        assert!(e.contains(&format!("{p}/tcp")) && e.contains("in use"), "{e}");
    }
}

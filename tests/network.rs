//! Rootless networking, run as the unprivileged test user: pasta (the
//! default) and slirp4netns, published ports, the client's source address,
//! hosts and resolv.conf, and that no helper outlives its container.
//!
//! Traffic stays on loopback and in the network namespace `rpod-client`
//! that contrib/setup-test-env.sh makes (198.51.100.2, reaching the host as
//! 198.51.100.1; the machine's own interface is in 192.0.2.0/24).

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

fn busybox_env(name: &str) -> (TestEnv, String) {
    let env = TestEnv::new(name);
    env.pull(&img("busybox"));
    (env, img("busybox"))
}

/// A host port free right now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Whether something listens on the host's TCP port.
fn port_in_use(port: u16) -> bool {
    TcpListener::bind(("0.0.0.0", port)).is_err()
}

/// Poll `f` until it holds or `secs` pass.
fn eventually(secs: u64, mut f: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < end {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    f()
}

/// GET `path` from `addr:port` with a bare HTTP/1.0 request; the body.
fn http_get(addr: &str, port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect_timeout(&format!("{addr}:{port}").parse().ok()?, Duration::from_secs(3)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    s.write_all(format!("GET {path} HTTP/1.0\r\nHost: x\r\n\r\n").as_bytes()).ok()?;
    let mut text = String::new();
    s.read_to_string(&mut text).ok()?;
    text.split_once("\r\n\r\n").map(|(_, b)| b.to_string())
}

/// A shell line for busybox httpd serving `body` at / and the client's
/// address (CGI's REMOTE_ADDR) at /cgi-bin/ip, on `port`.
fn httpd(body: &str, port: u16) -> String {
    format!(
        "mkdir -p /w/cgi-bin && echo {body} > /w/index.html && printf '#!/bin/sh\\necho Content-Type: text/plain\\necho\\necho $REMOTE_ADDR\\n' > /w/cgi-bin/ip && chmod +x /w/cgi-bin/ip && exec httpd -f -p {port} -h /w"
    )
}

fn wait_http(port: u16, body: &str) {
    assert!(eventually(10, || http_get("127.0.0.1", port, "/").is_some_and(|b| b.trim() == body)), "nothing served {body:?} on host port {port}");
}

#[test]
fn published_tcp_port_serves_and_is_free_after_stop_and_rm() {
    let (env, bb) = busybox_env("net-tcp");
    let hp = free_port();
    let id = env.ok(&["run", "-d", "--name", "web", "-p", &format!("{hp}:80"), &bb, "sh", "-c", &httpd("hello-tcp", 80)]);
    assert!(!id.trim().is_empty());
    wait_http(hp, "hello-tcp");
    // IPv6 where the host has it: the published port answers on ::1, and
    // the container has the host's global IPv6 address (pasta copies it).
    if TcpListener::bind("[::1]:0").is_ok() {
        assert_eq!(http_get("[::1]", hp, "/").as_deref().map(str::trim), Some("hello-tcp"), "no answer on [::1]:{hp}");
    } else {
        eprintln!("skipping the [::1] check: this host has no IPv6 loopback");
    }
    let host_v6_global = std::fs::read_to_string("/proc/net/if_inet6").unwrap_or_default().lines().any(|l| l.split_whitespace().nth(3) == Some("00"));
    if host_v6_global {
        let addrs = env.ok(&["exec", "web", "ip", "-6", "addr", "show", "scope", "global"]);
        assert!(addrs.contains("inet6 "), "the host has a global IPv6 address, the container none: {addrs}");
    } else {
        eprintln!("skipping the container IPv6 address check: the host has no global IPv6 address");
    }
    // ps's PORTS column and `port`, in Podman's shapes.
    let ps = env.ok(&["ps", "--format", "{{.Names}} {{.Ports}}"]);
    assert_eq!(ps.trim(), format!("web 0.0.0.0:{hp}->80/tcp"), "{ps}");
    assert_eq!(env.ok(&["port", "web"]), format!("80/tcp -> 0.0.0.0:{hp}\n"));
    assert_eq!(env.ok(&["port", "web", "80"]), format!("0.0.0.0:{hp}\n"));
    assert_eq!(env.fails(&["port", "web", "81"], 125).assert_one_error_line(), "Error: failed to find published port \"81/tcp\"");
    // Free the moment the container stops; served again after a start; free after rm -f.
    env.ok(&["stop", "-t", "0", "web"]);
    assert!(!port_in_use(hp), "host port {hp} still held after stop");
    env.ok(&["start", "web"]);
    wait_http(hp, "hello-tcp");
    env.ok(&["rm", "-f", "web"]);
    assert!(!port_in_use(hp), "host port {hp} still held after rm -f");
    assert!(!helpers_running(&env), "a network helper outlived its container");
}

/// Whether a pasta, slirp4netns or port forwarder process of this test's
/// containers runs.
fn helpers_running(env: &TestEnv) -> bool {
    !helper_pids(env, &["pasta", "passt", "slirp4netns", "rpod-forward"]).is_empty()
}

/// The processes of this test's containers whose name starts with one of
/// `names` (helpers inherit their monitor's environment, which names the
/// env's runtime directory; the tests run as root, so non-dumpable ones
/// are readable too).
fn helper_pids(env: &TestEnv, names: &[&str]) -> Vec<i32> {
    let marker = format!("XDG_RUNTIME_DIR={}", env.runtime.display());
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| {
            let comm = std::fs::read_to_string(e.path().join("comm")).unwrap_or_default();
            names.iter().any(|n| comm.starts_with(n))
                && std::fs::read(e.path().join("environ")).unwrap_or_default().split(|b| *b == 0).any(|v| v == marker.as_bytes())
        })
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect()
}

/// tests/data/netprobe.c, compiled static once per test run.
fn netprobe_base64() -> &'static str {
    static B64: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    B64.get_or_init(|| {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/netprobe.c");
        let out = std::env::temp_dir().join(format!("rpod-netprobe-{}", std::process::id()));
        let st = Command::new("cc").args(["-static", "-s", "-O1", "-o"]).arg(&out).arg(&src).status();
        assert!(st.is_ok_and(|s| s.success()), "{MISSING_ENV}: cannot compile {} statically (packages gcc, libc6-dev)", src.display());
        let b = Command::new("base64").arg(&out).output().unwrap();
        let _ = std::fs::remove_file(&out);
        String::from_utf8(b.stdout).unwrap()
    })
}

/// Copy netprobe into running container `name` at /netprobe.
fn install_netprobe(env: &TestEnv, name: &str) {
    let out = env.run_full(&["exec", "-i", name, "sh", "-c", "base64 -d > /netprobe && chmod 755 /netprobe"], &[], Some(netprobe_base64()));
    assert_eq!(out.code, 0, "{}", out.dump());
}

#[test]
fn published_udp_port_echoes_datagrams() {
    let (env, bb) = busybox_env("net-udp");
    for net in ["pasta", "slirp4netns"] {
        let hp = free_port();
        let name = format!("udp-{net}");
        env.ok(&["run", "-d", "--name", &name, "--network", net, "-p", &format!("{hp}:9999/udp"), &bb, "sleep", "1000"]);
        install_netprobe(&env, &name);
        env.ok(&["exec", "-d", &name, "/netprobe", "udp-echo", "9999"]);
        // Debian 12's pasta (2023-03) and slirp4netns (1.2.0) do not return
        // UDP replies to a client on the host's own loopback (README, known
        // limits); a client elsewhere, the case publishing is for, gets its
        // echo in both modes.
        let t = "198.51.100.1";
        let sock = UdpSocket::bind((t, 0)).unwrap_or_else(|e| panic!("{MISSING_ENV}: no address {t} on the host ({e})"));
        sock.set_read_timeout(Some(Duration::from_millis(300))).unwrap();
        let got = eventually(10, || {
            let _ = sock.send_to(b"hello-udp", (t, hp));
            let mut buf = [0u8; 64];
            matches!(sock.recv_from(&mut buf), Ok((n, _)) if &buf[..n] == b"hello-udp")
        });
        assert!(got, "{net}: no echo through host port {t}:{hp}/udp");
        assert_eq!(env.ok(&["port", &name]), format!("9999/udp -> 0.0.0.0:{hp}\n"));
        env.ok(&["rm", "-f", &name]);
        assert!(eventually(5, || UdpSocket::bind(("0.0.0.0", hp)).is_ok()), "{net}: host port {hp}/udp still held after rm -f");
    }
}

#[test]
fn ping_works_for_container_root() {
    // Podman sets net.ipv4.ping_group_range=0 0 so ICMP echo sockets work
    // without CAP_NET_RAW; busybox's ping needs raw sockets, so netprobe pings.
    let (env, bb) = busybox_env("net-ping");
    env.ok(&["run", "-d", "--name", "p", &bb, "sleep", "1000"]);
    install_netprobe(&env, "p");
    let out = env.ok(&["exec", "p", "/netprobe", "ping", "127.0.0.1"]);
    assert_eq!(out, "echo reply from 127.0.0.1\n");
    env.ok(&["rm", "-f", "p"]);
    // A range without the container's group: refused, as on the host.
    env.ok(&["run", "-d", "--name", "q", "--sysctl", "net.ipv4.ping_group_range=1 0", &bb, "sleep", "1000"]);
    install_netprobe(&env, "q");
    let out = env.rpod(&["exec", "q", "/netprobe", "ping", "127.0.0.1"]);
    assert_ne!(out.code, 0, "{}", out.dump());
    env.ok(&["rm", "-f", "q"]);
}

#[test]
fn container_sees_the_clients_real_address_with_pasta_and_slirp4netns() {
    // Podman's rootlessport proxy rewrites the source; pasta and
    // slirp4netns's own port handler must not.
    let (env, bb) = busybox_env("net-source");
    assert!(
        Command::new("ip").args(["netns", "exec", "rpod-client", "true"]).status().is_ok_and(|s| s.success()),
        "{MISSING_ENV}: network namespace rpod-client (contrib/setup-test-env.sh) is missing"
    );
    for net in ["pasta", "slirp4netns"] {
        let hp = free_port();
        let name = format!("src-{net}");
        env.ok(&["run", "-d", "--name", &name, "--network", net, "-p", &format!("{hp}:80"), &bb, "sh", "-c", &httpd("src", 80)]);
        wait_http(hp, "src");
        let out = Command::new("ip")
            .args(["netns", "exec", "rpod-client", "curl", "-s", "-m", "5", &format!("http://198.51.100.1:{hp}/cgi-bin/ip")])
            .output()
            .unwrap();
        let seen = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(
            seen.trim_start_matches('[').trim_end_matches(']').trim_start_matches("::ffff:") == "198.51.100.2",
            "{net}: the container saw {seen:?} as the client, not 198.51.100.2 ({})",
            String::from_utf8_lossy(&out.stderr)
        );
        env.ok(&["rm", "-f", &name]);
    }
}

#[test]
fn host_loopback_is_reachable_as_host_containers_internal() {
    let (env, bb) = busybox_env("net-hostlo");
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut s in l.incoming().flatten() {
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf);
            let _ = s.write_all(b"HTTP/1.0 200 OK\r\nContent-Length: 12\r\n\r\nhost-server\n");
        }
    });
    let out = env.ok(&["run", "--rm", &bb, "wget", "-q", "-O", "-", &format!("http://host.containers.internal:{port}/")]);
    assert_eq!(out, "host-server\n");
    // slirp4netns reaches the host's loopback only when allowed.
    let out = env.ok(&[
        "run",
        "--rm",
        "--network",
        "slirp4netns:allow_host_loopback=true",
        &bb,
        "wget",
        "-q",
        "-O",
        "-",
        &format!("http://host.containers.internal:{port}/"),
    ]);
    assert_eq!(out, "host-server\n");
    let out = env.rpod(&["run", "--rm", "--network", "slirp4netns", &bb, "wget", "-q", "-T", "2", "-O", "-", &format!("http://10.0.2.2:{port}/")]);
    assert_ne!(out.code, 0, "slirp4netns without allow_host_loopback reached the host's loopback: {}", out.dump());
}

#[test]
fn none_host_and_container_modes() {
    let (env, bb) = busybox_env("net-modes");
    let links = |args: &[&str]| -> Vec<String> {
        let out = env.ok(args);
        let mut v: Vec<String> = out.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
        v.sort();
        v
    };
    assert_eq!(links(&["run", "--rm", "--network", "none", &bb, "ls", "/sys/class/net"]), ["lo"]);
    let mut host: Vec<String> = std::fs::read_dir("/sys/class/net").unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    host.sort();
    assert_eq!(links(&["run", "--rm", "--network", "host", &bb, "ls", "/sys/class/net"]), host, "--network host shows the host's interfaces");
    // The default (pasta) gives one interface besides lo.
    let def = links(&["run", "--rm", &bb, "ls", "/sys/class/net"]);
    assert_eq!(def.len(), 2, "{def:?}");
    // container:NAME shares the other's localhost.
    env.ok(&["run", "-d", "--name", "a", "--network", "none", &bb, "sh", "-c", &httpd("shared-lo", 8080)]);
    let got = eventually(10, || {
        env.rpod(&["run", "--rm", "--network", "container:a", &bb, "wget", "-q", "-O", "-", "http://127.0.0.1:8080/"]).stdout == "shared-lo\n"
    });
    assert!(got, "container:a does not share a's localhost");
    let inspect = env.ok(&["inspect", "--format", "{{.HostConfig.NetworkMode}}", "a"]);
    assert_eq!(inspect.trim(), "none");
    env.ok(&["rm", "-f", "a"]);
}

#[test]
fn a_used_host_port_fails_clearly_and_the_first_keeps_serving() {
    let (env, bb) = busybox_env("net-conflict");
    let hp = free_port();
    env.ok(&["run", "-d", "--name", "first", "-p", &format!("{hp}:80"), &bb, "sh", "-c", &httpd("first", 80)]);
    wait_http(hp, "first");
    let out = env.fails(&["run", "--rm", "-p", &format!("{hp}:80"), &bb, "true"], 125);
    let line = out.assert_one_error_line();
    assert!(line.contains(&format!("{hp}/tcp")) && line.contains("in use"), "{line}");
    // Created earlier, started while the port is taken: the start fails, the first still serves.
    let hp2 = free_port();
    env.ok(&["create", "--name", "second", "-p", &format!("{hp2}:80"), &bb, "sh", "-c", &httpd("second", 80)]);
    let squatter = TcpListener::bind(("0.0.0.0", hp2)).unwrap();
    let out = env.fails(&["start", "second"], 125);
    assert!(out.stderr.contains(&format!("{hp2}/tcp")) && out.stderr.contains("in use"), "{}", out.dump());
    drop(squatter);
    assert_eq!(http_get("127.0.0.1", hp, "/").as_deref().map(str::trim), Some("first"));
    env.ok(&["rm", "-f", "first", "second"]);
}

#[test]
fn ports_are_freed_when_the_monitor_is_sigkilled() {
    let (env, bb) = busybox_env("net-monitor-kill");
    for net in ["pasta", "slirp4netns"] {
        let hp = free_port();
        let name = format!("mk-{net}");
        env.ok(&["run", "-d", "--name", &name, "--network", net, "-p", &format!("{hp}:80"), &bb, "sh", "-c", &httpd("mk", 80)]);
        wait_http(hp, "mk");
        let monitor = env.ok(&["inspect", "--format", "{{.State.ConmonPid}}", &name]);
        let monitor: i32 = monitor.trim().parse().unwrap_or_else(|_| panic!("no monitor pid: {monitor:?}"));
        assert!(monitor > 0);
        // SAFETY: signalling a pid read from rpod's own state.
        assert_eq!(unsafe { libc::kill(monitor, libc::SIGKILL) }, 0);
        assert!(eventually(10, || !port_in_use(hp)), "{net}: host port {hp} still held after the monitor was killed");
        assert!(eventually(10, || !helpers_running(&env)), "{net}: the helper outlived its SIGKILLed monitor");
        env.ok(&["rm", "-f", &name]);
    }
}

#[test]
fn hosts_resolv_conf_and_hostname_are_generated_per_start() {
    let (env, bb) = busybox_env("net-files");
    let out = env.ok(&[
        "run",
        "--rm",
        "--name",
        "files",
        "--hostname",
        "box",
        "--add-host",
        "db.example:203.0.113.7",
        "--dns",
        "198.51.100.53",
        "--dns-search",
        "example.org",
        "--dns-option",
        "ndots:2",
        &bb,
        "sh",
        "-c",
        "cat /etc/hosts; echo ---; cat /etc/resolv.conf; echo ---; cat /etc/hostname; echo ---; cat /proc/sys/net/ipv4/ping_group_range",
    ]);
    let parts: Vec<&str> = out.split("---\n").collect();
    assert_eq!(parts.len(), 4, "{out}");
    assert!(parts[0].starts_with("127.0.0.1\tlocalhost"), "{out}");
    assert!(parts[0].contains("203.0.113.7\tdb.example\n"), "{out}");
    assert!(parts[0].contains("\thost.containers.internal host.docker.internal\n"), "{out}");
    assert!(parts[0].lines().last().unwrap().ends_with("\tbox files"), "{out}");
    assert_eq!(parts[1], "search example.org\nnameserver 198.51.100.53\noptions ndots:2\n");
    assert_eq!(parts[2], "box\n");
    // Ping works for container root (ICMP datagram sockets), as on Podman.
    assert_eq!(parts[3].split_whitespace().collect::<Vec<_>>(), ["0", "0"]);
    // Without --dns: the host's servers, loopback ones replaced by pasta's forwarder.
    let resolv = env.ok(&["run", "--rm", &bb, "cat", "/etc/resolv.conf"]);
    assert!(resolv.contains("nameserver "), "{resolv}");
    assert!(!resolv.lines().any(|l| l.starts_with("nameserver 127.")), "loopback nameserver leaked into the container: {resolv}");
    // --no-hosts keeps the image's /etc/hosts; none of these files lands in the container's layer.
    let id = env.ok(&["create", "--no-hosts", &bb, "sh", "-c", "cat /etc/hosts 2>&1; true"]).trim().to_string();
    let out = env.ok(&["start", "-a", &id]);
    assert!(!out.contains("host.containers.internal"), "{out}");
    // At most an empty mount point in the container's own layer (the image
    // has none of these files), never the content.
    let upper = env.store().join("containers").join(&id).join("diff/etc");
    for f in ["hosts", "resolv.conf", "hostname"] {
        let len = std::fs::metadata(upper.join(f)).map(|m| m.len()).unwrap_or(0);
        assert_eq!(len, 0, "/etc/{f} was written into the container's layer");
    }
    env.ok(&["rm", &id]);
}

#[test]
fn bad_network_input_is_one_line_and_exit_125() {
    let (env, bb) = busybox_env("net-bad");
    for (args, needle) in [
        (vec!["--network", "bogus"], "not supported"),
        (vec!["--network", "bridge"], "bridge"),
        (vec!["--network", "slirp4netns:port_handler=rootlesskit"], "rootlesskit"),
        (vec!["-p", "notaport"], "invalid"),
        (vec!["-p", "8000-8010:80"], "differ"),
        (vec!["-p", "80:80"], "ip_unprivileged_port_start"),
        (vec!["--network", "none", "-p", "18099:80"], "publishing ports"),
        (vec!["--dns", "not-an-ip"], "--dns"),
        (vec!["--add-host", "x"], "--add-host"),
        (vec!["--sysctl", "kernel.core_pattern=|/tmp/x"], "not allowed"),
        (vec!["--network", "host", "--sysctl", "net.ipv4.ip_forward=1"], "not allowed"),
        (vec!["--network", "container:nosuch"], "nosuch"),
    ] {
        let mut a = vec!["run", "--rm"];
        a.extend(args.iter().copied());
        a.extend([bb.as_str(), "true"]);
        let out = env.fails(&a, 125);
        let line = out.assert_one_error_line();
        assert!(line.contains(needle), "{args:?}: {line}");
    }
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "", "a refused run left a container behind");
}

#[test]
fn sysctl_applies_in_the_containers_namespace() {
    let (env, bb) = busybox_env("net-sysctl");
    let out = env.ok(&[
        "run",
        "--rm",
        "--sysctl",
        "net.ipv4.ip_default_ttl=42",
        "--sysctl",
        "kernel.shmmni=1234",
        &bb,
        "sh",
        "-c",
        "cat /proc/sys/net/ipv4/ip_default_ttl /proc/sys/kernel/shmmni",
    ]);
    assert_eq!(out, "42\n1234\n");
    // The host's value is untouched.
    assert_ne!(std::fs::read_to_string("/proc/sys/net/ipv4/ip_default_ttl").unwrap().trim(), "42");
}

/// CVE-2021-30465 class, for the network's files: `hostile:netfiles` has
/// `/etc/hosts -> /tmp/rpod-netfile-escape/hosts` (absolute),
/// `/etc/resolv.conf -> ../../../../../../../../tmp/rpod-netfile-escape/resolv.conf`
/// (climbing) and `/etc/hostname -> /tmp/rpod-netfile-escape/hostname`
/// (dangling: missing on the host too). The same host paths
/// exist, owned by the test user: the binds must land inside the
/// container's root, and nothing the container writes may reach the host.
#[test]
fn network_files_bound_over_hostile_symlinks_stay_inside_the_root() {
    let (env, _) = busybox_env("net-hostile-files");
    let image = img("hostile:netfiles");
    env.pull(&image);
    let bait = std::path::PathBuf::from("/tmp/rpod-netfile-escape");
    let _ = std::fs::remove_dir_all(&bait);
    std::fs::create_dir(&bait).unwrap();
    for f in ["hosts", "resolv.conf"] {
        std::fs::write(bait.join(f), "HOST-ORIGINAL\n").unwrap();
    }
    if is_root() {
        for p in [bait.clone(), bait.join("hosts"), bait.join("resolv.conf")] {
            std::os::unix::fs::lchown(&p, Some(env.user.uid), Some(env.user.gid)).unwrap();
        }
    }
    let out = env.ok(&[
        "run",
        "--rm",
        "--hostname",
        "box",
        &image,
        "sh",
        "-c",
        "cat /etc/hosts /etc/resolv.conf /etc/hostname; echo pwned >> /etc/hosts; echo pwned >> /etc/resolv.conf; echo pwned > /etc/hostname",
    ]);
    assert!(out.contains("host.containers.internal") && out.contains("nameserver ") && out.contains("box\n"), "{out}");
    assert!(!out.contains("HOST-ORIGINAL"), "the container read the host's files: {out}");
    for f in ["hosts", "resolv.conf"] {
        assert_eq!(std::fs::read_to_string(bait.join(f)).unwrap(), "HOST-ORIGINAL\n", "{f} on the host was changed");
    }
    let mut names: Vec<String> = std::fs::read_dir(&bait).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["hosts", "resolv.conf"], "something was created on the host");
    let _ = std::fs::remove_dir_all(&bait);
}

#[test]
fn containers_conf_default_publish_all_and_ranges() {
    let (env, bb) = busybox_env("net-conf");
    // containers.conf picks the default helper; `rpod info` says which.
    env.write_file(&env.config.join("containers/containers.conf"), "[network]\ndefault_rootless_network_cmd = \"slirp4netns\"\n");
    let info = env.ok(&["info", "--format", "json"]);
    assert!(info.contains("\"rootlessNetworkCmd\": \"slirp4netns\""), "{info}");
    let links = env.ok(&["run", "--rm", &bb, "ls", "/sys/class/net"]);
    assert_eq!(links, "lo\ntap0\n");
    // -P publishes --expose'd ports (and the image's EXPOSE) on random host ports.
    env.ok(&["create", "--name", "pa", "-P", "--expose", "80", "--expose", "53/udp", &bb, "true"]);
    let ports = env.ok(&["port", "pa"]);
    let lines: Vec<&str> = ports.lines().collect();
    assert_eq!(lines.len(), 2, "{ports}");
    assert!(lines.iter().any(|l| l.starts_with("80/tcp -> 0.0.0.0:")) && lines.iter().any(|l| l.starts_with("53/udp -> 0.0.0.0:")), "{ports}");
    // A range maps port by port, as `podman port` prints it.
    let base = (0..50).map(|_| free_port()).find(|b| *b < 65000 && (*b..=b + 2).all(|p| !port_in_use(p))).expect("three free consecutive ports");
    let spec = format!("{base}-{}:8080-8082", base + 2);
    env.ok(&["create", "--name", "range", "-p", &spec, &bb, "true"]);
    let want: String = (0..3).map(|i| format!("{}/tcp -> 0.0.0.0:{}\n", 8080 + i, base + i)).collect();
    assert_eq!(env.ok(&["port", "range"]), want);
    let ps = env.ok(&["ps", "-a", "--filter", "name=range", "--format", "{{.Ports}}"]);
    assert_eq!(ps.trim(), format!("0.0.0.0:{base}-{}->8080-8082/tcp", base + 2));
    env.ok(&["rm", "pa", "range"]);
}

#[test]
fn slirp4netns_options_apply() {
    let (env, bb) = busybox_env("net-slirp-opts");
    let out = env.ok(&[
        "run",
        "--rm",
        "--network",
        "slirp4netns:cidr=10.5.0.0/24,mtu=1500",
        &bb,
        "sh",
        "-c",
        "ip -4 addr show tap0; ip link show tap0; tail -n 1 /etc/hosts",
    ]);
    assert!(out.contains("inet 10.5.0.100/24"), "{out}");
    assert!(out.contains("mtu 1500"), "{out}");
    assert!(out.lines().last().unwrap_or("").starts_with("10.5.0.100\t"), "/etc/hosts names the container's address: {out}");
}

/// A client that sends `mib` MiB of an 8-byte big-endian counter to
/// `addr:port`, closes its sending side and prints what comes back.
const BULK_CLIENT: &str = r#"
import array, socket, sys
addr, port, mib = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
s = socket.create_connection((addr, port), timeout=20)
for blk in range(mib):
    a = array.array("Q", range(blk * 131072, (blk + 1) * 131072)); a.byteswap()
    s.sendall(a.tobytes())
s.shutdown(socket.SHUT_WR)
reply = b""
while True:
    d = s.recv(4096)
    if not d:
        break
    reply += d
sys.stdout.write(reply.decode())
"#;

#[test]
fn bulk_upload_through_a_published_port_arrives_intact() {
    // Host -> container bulk transfers (issue 14's benchmark path), checked
    // byte for byte: from the host's loopback (pasta splices) and from
    // another address (pasta's tap path; slirp4netns's own handler for
    // both). The receiver reads the socket itself (`nc -e`), as a server
    // does; it does not shut its sending side down first, which Debian 12's
    // pasta mishandles (docs/decisions.md, contrib/bench/pasta-halfclose.sh).
    use sha2::{Digest, Sha256};
    let (env, bb) = busybox_env("net-bulk");
    assert!(
        Command::new("ip").args(["netns", "exec", "rpod-client", "true"]).status().is_ok_and(|s| s.success()),
        "{MISSING_ENV}: network namespace rpod-client (contrib/setup-test-env.sh) is missing"
    );
    const MIB: u64 = 32;
    let mut h = Sha256::new();
    let mut block = Vec::with_capacity(1 << 20);
    for blk in 0..MIB {
        block.clear();
        (blk * 131072..(blk + 1) * 131072).for_each(|i| block.extend_from_slice(&i.to_be_bytes()));
        h.update(&block);
    }
    let want = format!("{:x}", h.finalize());
    for net in ["pasta", "slirp4netns"] {
        for (client, addr) in [("loopback", "127.0.0.1"), ("rpod-client", "198.51.100.1")] {
            let hp = free_port();
            let name = format!("bulk-{net}-{client}");
            env.ok(&["run", "-d", "--name", &name, "--network", net, "-p", &format!("{hp}:80"), &bb, "nc", "-l", "-p", "80", "-e", "sha256sum"]);
            env.ok(&["exec", &name, "sh", "-c", "i=0; until netstat -ltn | grep -q ':80 '; do i=$((i+1)); [ $i -lt 200 ] || exit 1; sleep 0.05; done"]);
            let mut cmd = Command::new(if client == "loopback" { "python3" } else { "ip" });
            if client != "loopback" {
                cmd.args(["netns", "exec", "rpod-client", "python3"]);
            }
            let out = cmd.args(["-c", BULK_CLIENT, addr, &hp.to_string(), &MIB.to_string()]).output().unwrap();
            let got = String::from_utf8_lossy(&out.stdout);
            assert_eq!(
                got.split_whitespace().next().unwrap_or(""),
                want,
                "{net}, client {client}: {MIB} MiB through host port {hp} arrived changed ({got:?}; client stderr: {})",
                String::from_utf8_lossy(&out.stderr)
            );
            env.ok(&["rm", "-f", &name]);
        }
    }
}

#[test]
fn an_upload_to_a_server_that_half_closed_first_arrives_intact() {
    // Debian 12's pasta corrupts or stalls a stream whose container side
    // shut its sending direction first (docs/decisions.md, 2026-12-01): busybox
    // `nc -l` does that in `run -d` (its stdin is at end of file). rpod's own
    // forwarder carries published TCP ports now and passes a half-close on
    // as a half-close: the bytes must all arrive, from both kinds of client.
    use sha2::{Digest, Sha256};
    let (env, bb) = busybox_env("net-halfclose");
    assert!(
        Command::new("ip").args(["netns", "exec", "rpod-client", "true"]).status().is_ok_and(|s| s.success()),
        "{MISSING_ENV}: network namespace rpod-client (contrib/setup-test-env.sh) is missing"
    );
    const MIB: u64 = 24;
    let mut h = Sha256::new();
    for blk in 0..MIB {
        let block: Vec<u8> = (blk * 131072..(blk + 1) * 131072).flat_map(|i: u64| i.to_be_bytes()).collect();
        h.update(&block);
    }
    let want = format!("{:x}", h.finalize());
    for net in ["pasta", "slirp4netns"] {
        for (client, addr) in [("loopback", "127.0.0.1"), ("rpod-client", "198.51.100.1")] {
            let hp = free_port();
            let name = format!("hc-{net}-{client}");
            env.ok(&[
                "run",
                "-d",
                "--name",
                &name,
                "--network",
                net,
                "-p",
                &format!("{hp}:80"),
                &bb,
                "sh",
                "-c",
                "nc -l -p 80 > /tmp/got; touch /tmp/done; exec sleep 600",
            ]);
            env.ok(&["exec", &name, "sh", "-c", "i=0; until netstat -ltn | grep -q ':80 '; do i=$((i+1)); [ $i -lt 200 ] || exit 1; sleep 0.05; done"]);
            let mut cmd = Command::new(if client == "loopback" { "python3" } else { "ip" });
            if client != "loopback" {
                cmd.args(["netns", "exec", "rpod-client", "python3"]);
            }
            let out = cmd.args(["-c", BULK_CLIENT, addr, &hp.to_string(), &MIB.to_string()]).output().unwrap();
            assert!(out.status.success(), "{net}, client {client}: the upload failed: {}", String::from_utf8_lossy(&out.stderr));
            let got = env.ok(&[
                "exec",
                &name,
                "sh",
                "-c",
                "i=0; until [ -e /tmp/done ]; do i=$((i+1)); [ $i -lt 200 ] || exit 1; sleep 0.05; done; sha256sum < /tmp/got",
            ]);
            assert_eq!(got.split_whitespace().next().unwrap_or(""), want, "{net}, client {client}: {MIB} MiB sent to a half-closed server arrived changed");
            env.ok(&["rm", "-f", &name]);
        }
    }
}

#[test]
fn the_port_forwarder_holds_only_sockets_and_cannot_be_reached_from_the_container() {
    // The forwarder joins the container's user and network namespaces. A
    // descriptor of the host's it kept (the store, a directory) would be
    // the CVE-2024-21626 route, and a dumpable process in the container's
    // user namespace could be ptraced or read through /proc by container
    // root (CVE-2019-5736 class).
    let (env, bb) = busybox_env("net-fwd-fds");
    let hp = free_port();
    env.ok(&["run", "-d", "--name", "fwd", "-p", &format!("{hp}:80"), &bb, "sh", "-c", &httpd("fwd", 80)]);
    wait_http(hp, "fwd");
    let pids = helper_pids(&env, &["rpod-forward"]);
    assert_eq!(pids.len(), 1, "expected one port forwarder, found {pids:?}");
    let pid = pids[0];
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let ns_user = std::fs::read_link(format!("/proc/{pid}/ns/user")).unwrap();
    assert_ne!(ns_user, std::fs::read_link("/proc/self/ns/user").unwrap(), "the forwarder is not in the container's user namespace");
    for e in std::fs::read_dir(format!("/proc/{pid}/fd")).unwrap().flatten() {
        let target = std::fs::read_link(e.path()).unwrap().display().to_string();
        let n: i32 = e.file_name().to_str().unwrap().parse().unwrap();
        assert!(
            target.starts_with("socket:") || target.starts_with("pipe:") || target == "anon_inode:[signalfd]" || (n <= 2 && target == "/dev/null"),
            "the forwarder holds descriptor {n} -> {target}, not a socket, a splice pipe or its signalfd ({status})"
        );
    }
    // Non-dumpable: /proc/PID/* of it belongs to root, not to the user.
    let meta = std::fs::metadata(format!("/proc/{pid}/environ")).unwrap();
    assert_eq!(std::os::unix::fs::MetadataExt::uid(&meta), 0, "the forwarder is dumpable");
    // And from inside, it is not there to find: no process of the container
    // is named like it.
    let inside = env.ok(&["exec", "fwd", "sh", "-c", "cat /proc/[0-9]*/comm"]);
    assert!(!inside.contains("rpod-forward"), "the container sees the forwarder: {inside}");
    env.ok(&["rm", "-f", "fwd"]);
    assert!(!helpers_running(&env), "the forwarder outlived its container");
}

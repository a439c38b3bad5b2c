//! Turning an image config and the user's flags into an OCI runtime spec,
//! with Podman's rootless defaults. The spec is stored with the container
//! and is all the runtime reads at start.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use crate::runtime::userns::IdMap;

pub use crate::runtime::caps::{ALL_CAPS, DEFAULT_CAPS};

pub const MASKED_PATHS: &[&str] = &[
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/proc/interrupts",
    "/sys/firmware",
    "/sys/fs/selinux",
    "/sys/devices/virtual/powercap",
];

pub const READONLY_PATHS: &[&str] = &["/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

/// What the user asked for, already parsed.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ProcessOptions {
    pub command: Vec<String>,
    /// `--entrypoint`: `Some("")` clears the image's.
    pub entrypoint: Option<String>,
    pub env: Vec<String>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub hostname: String,
    pub read_only: bool,
    /// `--network=host`: no network namespace of its own.
    pub host_network: bool,
    /// `--cgroupns=host`: no cgroup namespace of its own.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub host_cgroupns: bool,
    /// `--init`: bind catatonit at [`INIT_PATH`] and run the command under it.
    pub init: bool,
    pub tty: bool,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub privileged: bool,
    pub no_new_privileges: bool,
    /// `None` default profile, `Some(None)` unconfined, `Some(Some(json))` a profile.
    pub seccomp: Option<Option<Value>>,
    /// Binds and tmpfs mounts, resolved by the engine (volumes are binds of
    /// their directories by now), parents before children.
    pub mounts: Vec<crate::container::mounts::MountRequest>,
    /// `linux.sysctl`: namespaced sysctls (`--sysctl`, and the network's defaults).
    pub sysctl: std::collections::BTreeMap<String, String>,
    /// `linux.resources` (see `engine::limits`), applied by the cgroup layer.
    pub resources: Option<Value>,
    /// `process.rlimits` from `--ulimit` (see `engine::limits::rlimits`);
    /// `None`: rpod's default (nofile 1048576, lowered to the user's own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rlimits: Option<Value>,
    /// `--oom-score-adj`: `process.oomScoreAdj`, written by the runtime.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oom_score_adj: Option<i32>,
    /// containers.conf's `default_capabilities` (Podman's set when `None`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_caps: Option<Vec<String>>,
    /// containers.conf's `env`: under the image's environment.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub default_env: Vec<String>,
    /// containers.conf's `init_path` for `--init`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub init_path: Option<PathBuf>,
    /// `--passwd=false`: no line is added to /etc/passwd or /etc/group.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_passwd: bool,
    /// `--passwd-entry`: the template of the /etc/passwd line added
    /// (`$USERNAME`, `$UID`, `$GID`, `$NAME`, `$HOME`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passwd_entry: Option<String>,
    /// `--userns=keep-id`: the host user whose entry the container gets
    /// when its uid is not in the image's /etc/passwd.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_user: Option<HostUser>,
}

/// The user running rpod, as keep-id's /etc/passwd and /etc/group lines
/// name them (from the host's passwd and group databases).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct HostUser {
    pub name: String,
    /// The GECOS field (`$NAME`).
    pub gecos: String,
    pub home: String,
    /// The name of the user's primary group on the host.
    pub group: String,
}

impl HostUser {
    /// The calling user from the host's databases; `None` when the uid has
    /// no passwd entry (nothing to name the container's entry after).
    pub fn current() -> Option<HostUser> {
        let u = nix::unistd::User::from_uid(nix::unistd::getuid()).ok()??;
        let group = nix::unistd::Group::from_gid(u.gid).ok().flatten().map(|g| g.name).unwrap_or_else(|| u.name.clone());
        Some(HostUser { name: u.name, gecos: u.gecos.to_string_lossy().into_owned(), home: u.dir.to_string_lossy().into_owned(), group })
    }
}

/// Spec annotations carrying the lines rpod adds, at each start, to the
/// container's /etc/passwd and /etc/group when its uid or gid is still
/// missing there (Podman's `--passwd`; the monitor writes the files).
pub const PASSWD_LINE: &str = "io.rpod.passwd-entry";
pub const GROUP_LINE: &str = "io.rpod.group-entry";

/// The lines for /etc/passwd and /etc/group, and the `HOME` to use, when
/// `user` (resolved from `spec`, the `--user` value) has no entry in the
/// image: as Podman, for keep-id's user (named after the host user, home
/// the host home when it is mounted into the container, else the working
/// directory) and for a numeric `--user` (`UID:*:UID:GID:container
/// user:WORKDIR:/bin/sh`, and `GID:x:GID:UID` for a numeric group).
fn added_entries(
    o: &ProcessOptions,
    spec: Option<&str>,
    user: &User,
    passwd: Option<&str>,
    group: Option<&str>,
    cwd: &str,
) -> (Option<String>, Option<String>, Option<String>) {
    let Some(passwd) = passwd.filter(|_| !o.no_passwd) else {
        return (None, None, None);
    };
    let has = |file: &str, field: usize, id: u32| file.lines().any(|l| l.split(':').nth(field).is_some_and(|f| f.parse() == Ok(id)));
    let (uspec, gspec) = match spec.unwrap_or("").split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec.unwrap_or(""), None),
    };
    let fill = |name: &str, gecos: &str, home: &str| -> String {
        let t = o.passwd_entry.as_deref().unwrap_or("$USERNAME:*:$UID:$GID:$NAME:$HOME:/bin/sh");
        let line = t
            .replace("$USERNAME", name)
            .replace("$UID", &user.uid.to_string())
            .replace("$GID", &user.gid.to_string())
            .replace("$NAME", gecos)
            .replace("$HOME", home);
        // One line, whatever the template or the names hold.
        line.replace(['\n', '\r'], " ")
    };
    let group_text = group.unwrap_or("");
    if let Some(h) = &o.host_user {
        if has(passwd, 2, user.uid) || passwd.lines().any(|l| l.split(':').next() == Some(h.name.as_str())) {
            return (None, None, None);
        }
        // Podman: the host home when it (or a directory above it) is mounted in.
        let mounted = |d: &str| o.mounts.iter().any(|m| m.destination.trim_end_matches('/') == d.trim_end_matches('/'));
        let mut dir = std::path::Path::new(&h.home);
        let mut home = cwd.to_string();
        while dir != std::path::Path::new("/") && !h.home.is_empty() {
            if mounted(&dir.to_string_lossy()) {
                home = h.home.clone();
                break;
            }
            match dir.parent() {
                Some(p) => dir = p,
                None => break,
            }
        }
        let g = (!has(group_text, 2, user.gid) && group.is_some()).then(|| format!("{}:x:{}:{}", h.group, user.gid, h.name));
        return (Some(fill(&h.name, &h.gecos, &home)), g, Some(home));
    }
    if uspec.parse::<u32>().is_err() || has(passwd, 2, user.uid) {
        return (None, None, None);
    }
    let g = gspec
        .filter(|g| g.parse::<u32>().is_ok() && group.is_some() && !has(group_text, 2, user.gid))
        .map(|_| format!("{}:x:{}:{}", user.gid, user.gid, user.uid));
    (Some(fill(&user.uid.to_string(), "container user", cwd)), g, None)
}

/// Normalise a capability name (`net_admin` → `CAP_NET_ADMIN`).
pub fn cap_name(s: &str) -> Result<String> {
    let up = s.trim().to_ascii_uppercase();
    let name = if up.starts_with("CAP_") { up } else { format!("CAP_{up}") };
    if name == "CAP_ALL" || ALL_CAPS.contains(&name.as_str()) {
        Ok(name)
    } else {
        bail!("unknown capability {s:?}")
    }
}

/// The capability set after `--cap-add`, `--cap-drop`, `--privileged`.
pub fn capabilities(o: &ProcessOptions) -> Result<Vec<String>> {
    let mut caps: Vec<String> = match &o.default_caps {
        _ if o.privileged => ALL_CAPS.iter().map(|s| s.to_string()).collect(),
        Some(d) => d.iter().map(|c| cap_name(c).map_err(|e| anyhow::anyhow!("containers.conf default_capabilities: {e}"))).collect::<Result<_>>()?,
        None => DEFAULT_CAPS.iter().map(|s| s.to_string()).collect(),
    };
    for d in &o.cap_drop {
        let d = cap_name(d)?;
        if d == "CAP_ALL" {
            caps.clear()
        } else {
            caps.retain(|c| *c != d)
        }
    }
    for a in &o.cap_add {
        let a = cap_name(a)?;
        if a == "CAP_ALL" {
            caps = ALL_CAPS.iter().map(|s| s.to_string()).collect();
        } else if !caps.contains(&a) {
            caps.push(a);
        }
    }
    Ok(caps)
}

/// Read a small text file of the image (bottom-first layer directories),
/// confined to the image's tree: see [`crate::storage::layered`].
pub fn image_file(layers: &[PathBuf], path: &str) -> Result<Option<String>> {
    Ok(crate::storage::layered::read_text(layers, path)?)
}

/// Where `--init`'s init is bound in the container (Podman: `/run/podman-init`).
pub use crate::runtime::process::INIT_PATH;

/// The init binary for `--init`: containers.conf's `init_path`, else
/// catatonit where Debian, Fedora and Podman install it.
pub fn find_init(configured: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = configured {
        return if p.is_file() { Ok(p.to_path_buf()) } else { bail!("init_path {} (containers.conf) does not exist", p.display()) };
    }
    [
        "/usr/libexec/podman/catatonit",
        "/usr/bin/catatonit",
        "/usr/local/libexec/podman/catatonit",
        "/usr/local/bin/catatonit",
        "/usr/libexec/catatonit/catatonit",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.is_file())
    .context("--init needs catatonit: install the catatonit package (or set init_path in containers.conf)")
}

/// A resolved `user[:group]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub uid: u32,
    pub gid: u32,
    pub additional_gids: Vec<u32>,
    pub home: String,
}

/// Resolve `-u user[:group]` against the image's /etc/passwd and /etc/group.
pub fn resolve_user(spec: Option<&str>, passwd: Option<&str>, group: Option<&str>) -> Result<User> {
    let spec = spec.unwrap_or("").trim();
    let (u, g) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let u = if u.is_empty() { "0" } else { u };
    let passwd_entries: Vec<Vec<&str>> = passwd.unwrap_or("").lines().map(|l| l.split(':').collect::<Vec<_>>()).filter(|f| f.len() >= 7).collect();
    let group_entries: Vec<Vec<&str>> = group.unwrap_or("").lines().map(|l| l.split(':').collect::<Vec<_>>()).filter(|f| f.len() >= 4).collect();
    let (uid, mut gid, name, home) = if let Ok(n) = u.parse::<u32>() {
        match passwd_entries.iter().find(|f| f[2].parse() == Ok(n)) {
            Some(f) => (n, f[3].parse().unwrap_or(0), f[0].to_string(), f[5].to_string()),
            None => (n, 0, String::new(), "/".into()),
        }
    } else {
        let f = passwd_entries.iter().find(|f| f[0] == u).with_context(|| format!("unable to find user {u}: no matching entries in passwd file"))?;
        (f[2].parse().context("bad uid in /etc/passwd")?, f[3].parse().unwrap_or(0), u.to_string(), f[5].to_string())
    };
    if let Some(g) = g {
        gid = match g.parse::<u32>() {
            Ok(n) => n,
            Err(_) => group_entries.iter().find(|f| f[0] == g).with_context(|| format!("unable to find group {g}: no matching entries in group file"))?[2]
                .parse()
                .context("bad gid in /etc/group")?,
        };
    }
    let mut additional = vec![gid];
    if !name.is_empty() && g.is_none() {
        for f in &group_entries {
            if f[3].split(',').any(|m| m == name) {
                if let Ok(n) = f[2].parse::<u32>() {
                    if !additional.contains(&n) {
                        additional.push(n);
                    }
                }
            }
        }
    }
    Ok(User { uid, gid, additional_gids: additional, home: if uid == 0 && home.is_empty() { "/root".into() } else { home } })
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array).map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

/// `KEY=VALUE` list merge: later wins, `KEY` alone takes the host's value.
pub fn merge_env(base: &[String], extra: &[String]) -> Vec<String> {
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for e in base.iter().chain(extra) {
        let (k, v) = match e.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => match std::env::var(e) {
                Ok(v) => (e.clone(), v),
                Err(_) => continue,
            },
        };
        if !map.contains_key(&k) {
            order.push(k.clone());
        }
        map.insert(k, v);
    }
    order.into_iter().map(|k| format!("{k}={}", map[&k])).collect()
}

/// The process's argv from image config and flags (Docker's rules).
pub fn argv(config: &Value, o: &ProcessOptions) -> Result<Vec<String>> {
    let c = config.get("config");
    let mut entry = match &o.entrypoint {
        Some(e) if e.is_empty() => vec![],
        Some(e) => match serde_json::from_str::<Vec<String>>(e) {
            Ok(v) => v,
            Err(_) => vec![e.clone()],
        },
        None => strings(c.and_then(|c| c.get("Entrypoint"))),
    };
    let cmd = if !o.command.is_empty() {
        o.command.clone()
    } else if o.entrypoint.is_some() {
        vec![]
    } else {
        strings(c.and_then(|c| c.get("Cmd")))
    };
    entry.extend(cmd);
    if entry.is_empty() {
        bail!("no command or entrypoint provided, and no CMD or ENTRYPOINT from image");
    }
    Ok(entry)
}

/// Generate the spec.
pub fn generate(config: &Value, layers: &[PathBuf], o: &ProcessOptions, idmap: Option<&IdMap>) -> Result<oci_spec::runtime::Spec> {
    let c = config.get("config");
    let mut args = argv(config, o)?;
    let init = if o.init {
        args.insert(0, INIT_PATH.into());
        args.insert(1, "--".into());
        Some(find_init(o.init_path.as_deref())?)
    } else {
        None
    };
    let user_spec = o.user.clone().or_else(|| c.and_then(|c| c.get("User")).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string));
    let (passwd, group) = (image_file(layers, "/etc/passwd")?, image_file(layers, "/etc/group")?);
    let user = resolve_user(user_spec.as_deref(), passwd.as_deref(), group.as_deref())?;
    let mut env = strings(c.and_then(|c| c.get("Env")));
    if !env.iter().chain(&o.default_env).any(|e| e.starts_with("PATH=")) {
        env.insert(0, "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into());
    }
    let cwd = o
        .workdir
        .clone()
        .or_else(|| c.and_then(|c| c.get("WorkingDir")).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string))
        .unwrap_or_else(|| "/".into());
    if !cwd.starts_with('/') {
        bail!("working directory {cwd:?} must be an absolute path");
    }
    let (passwd_line, group_line, added_home) = added_entries(o, user_spec.as_deref(), &user, passwd.as_deref(), group.as_deref(), &cwd);
    let home = added_home.unwrap_or_else(|| user.home.clone());
    let mut defaults = vec!["container=rpod".to_string(), format!("HOSTNAME={}", o.hostname), format!("HOME={home}")];
    if o.tty {
        defaults.push("TERM=xterm".into());
    }
    let env = merge_env(&merge_env(&merge_env(&defaults, &o.default_env), &env), &o.env);
    let caps = capabilities(o)?;
    let (eff, inh) = if user.uid == 0 { (caps.clone(), Vec::<String>::new()) } else { (vec![], vec![]) };
    let mut mounts = vec![
        json!({"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid", "noexec", "nodev"]}),
        json!({"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]}),
        json!({"destination": "/dev/pts", "type": "devpts", "source": "devpts", "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]}),
        json!({"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue", "options": ["nosuid", "noexec", "nodev"]}),
        json!({"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]}),
        json!({"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]}),
    ];
    if let Some(path) = init {
        // `--init`: the host's catatonit, bound read-only (never an rpod
        // process as PID 1: it would hold rpod's binary and descriptors).
        mounts.push(json!({"destination": INIT_PATH, "type": "bind", "source": path, "options": ["bind", "ro", "nosuid", "nodev"]}));
    }
    add_user_mounts(&mut mounts, &o.mounts);
    let map = |lines: &[crate::runtime::userns::MapLine]| -> Vec<Value> {
        lines.iter().map(|l| json!({"containerID": l.inside, "hostID": l.outside, "size": l.count})).collect()
    };
    let mut namespaces = vec![json!({"type": "user"}), json!({"type": "mount"}), json!({"type": "pid"}), json!({"type": "uts"}), json!({"type": "ipc"})];
    if !o.host_network {
        namespaces.push(json!({"type": "network"}));
    }
    if !o.host_cgroupns {
        namespaces.push(json!({"type": "cgroup"}));
    }
    let mut linux = json!({
        "maskedPaths": if o.privileged { vec![] } else { MASKED_PATHS.to_vec() },
        "readonlyPaths": if o.privileged { vec![] } else { READONLY_PATHS.to_vec() },
    });
    linux["namespaces"] = Value::Array(namespaces);
    if !o.sysctl.is_empty() {
        linux["sysctl"] = json!(o.sysctl);
    }
    if let Some(r) = &o.resources {
        linux["resources"] = r.clone();
    }
    if let Some(m) = idmap {
        linux["uidMappings"] = Value::Array(map(&m.uids));
        linux["gidMappings"] = Value::Array(map(&m.gids));
    }
    match &o.seccomp {
        _ if o.privileged => {}
        None => linux["seccomp"] = crate::runtime::seccomp::default_profile(&caps),
        Some(None) => {}
        Some(Some(profile)) => linux["seccomp"] = crate::runtime::seccomp::from_docker_json(profile, &caps)?,
    }
    let mut spec = json!({
        "ociVersion": "1.0.2",
        "process": {
            "terminal": o.tty,
            "user": {"uid": user.uid, "gid": user.gid, "additionalGids": user.additional_gids},
            "args": args,
            "env": env,
            "cwd": cwd,
            "capabilities": {"bounding": caps, "effective": eff, "permitted": eff, "inheritable": inh, "ambient": []},
            "noNewPrivileges": o.no_new_privileges,
            "rlimits": o.rlimits.clone().unwrap_or_else(|| json!([{"type": "RLIMIT_NOFILE", "hard": 1048576u64, "soft": 1048576u64}])),
            "oomScoreAdj": o.oom_score_adj,
        },
        "root": {"path": "rootfs", "readonly": o.read_only},
        "hostname": o.hostname,
        "annotations": {"io.rpod.image.config.StopSignal": c.and_then(|c| c.get("StopSignal")).and_then(Value::as_str).unwrap_or("")},
    });
    // Moved in, not interpolated: `json!` would copy them value by value
    // (`linux` holds the seccomp profile: most of this function's work).
    spec["mounts"] = Value::Array(mounts);
    spec["linux"] = linux;
    if let Some(l) = passwd_line {
        spec["annotations"][PASSWD_LINE] = json!(l);
    }
    if let Some(l) = group_line {
        spec["annotations"][GROUP_LINE] = json!(l);
    }
    serde_json::from_value(spec).context("building the OCI runtime spec")
}

/// Append the user's mounts to the spec's; one on a default mount's
/// destination (`--tmpfs /dev/shm`) replaces it, as in Podman.
fn add_user_mounts(mounts: &mut Vec<Value>, user: &[crate::container::mounts::MountRequest]) {
    use crate::container::mounts::MountKind;
    mounts.retain(|m| !user.iter().any(|u| m["destination"].as_str() == Some(u.destination.as_str())));
    for m in user {
        let mut opts: Vec<String> = Vec::new();
        if m.kind == MountKind::Image {
            // An image's layer directories (top first, as the engine
            // resolved them), read-only, or with `O` over the scratch
            // upper and work directories the engine added. The layers mark
            // opaque directories with user xattrs, as for the root.
            opts.push(format!("lowerdir={}", m.source));
            opts.push("userxattr".into());
            opts.extend(m.options.iter().filter(|o| o.as_str() != "O").cloned());
            mounts.push(json!({"destination": m.destination, "type": "overlay", "source": "overlay", "options": opts}));
            continue;
        }
        if m.options.iter().any(|o| o == "O") {
            // An overlay over a host directory; the engine has added
            // upperdir=/workdir= (and `rpod.volatile` for its own).
            opts.push(format!("lowerdir={}", m.source));
            opts.extend(m.options.iter().filter(|o| !matches!(o.as_str(), "O" | "norbind" | "nocopy")).cloned());
            mounts.push(json!({"destination": m.destination, "type": "overlay", "source": "overlay", "options": opts}));
            continue;
        }
        let typ = match m.kind {
            MountKind::Tmpfs => "tmpfs",
            MountKind::Devpts => "devpts",
            MountKind::Bind | MountKind::Volume | MountKind::Image => {
                opts.push(if m.options.iter().any(|o| o == "norbind") { "bind" } else { "rbind" }.into());
                "bind"
            }
        };
        opts.extend(m.options.iter().filter(|o| !matches!(o.as_str(), "norbind" | "nocopy")).map(|o| match o.as_str() {
            "U" => crate::runtime::rootfs::CHOWN.to_string(),
            _ => o.clone(),
        }));
        let source = match m.kind {
            MountKind::Tmpfs => "tmpfs",
            MountKind::Devpts => "devpts",
            _ => m.source.as_str(),
        };
        mounts.push(json!({"destination": m.destination, "type": typ, "source": source, "options": opts}));
    }
}

/// The lower directories of a container, top layer first (overlay order).
/// Spec annotation naming the id mapping whose shifted layers a container's
/// root is made of (`Store::mapped_diff(key, _)`, engine::mapped), and
/// one with that mapping itself (a [`crate::runtime::userns::Shift`] in JSON).
pub const MAPPED_LAYERS: &str = "io.rpod.mapped-layers";
pub const ID_SHIFT: &str = "io.rpod.idshift";

/// Where container `rec`'s ids sit among rpod's default namespace's ids,
/// when its root is made of shifted layers.
pub fn container_shift(rec: &crate::container::ContainerRecord) -> Option<crate::runtime::userns::Shift> {
    serde_json::from_str(rec.spec.annotations().as_ref()?.get(ID_SHIFT)?).ok()
}

/// The lower directories (top first) of container `rec`: the shifted
/// copies when it was made with them, else the image's layers.
pub fn container_lower_dirs(store: &crate::storage::Store, rec: &crate::container::ContainerRecord) -> Vec<PathBuf> {
    if let Some(r) = &rec.rootfs {
        // `--rootfs DIR:O`: the directory is the one lower layer; plain
        // `--rootfs DIR` has none (the directory is the root itself).
        return if r.overlay { vec![r.path.clone()] } else { vec![] };
    }
    match rec.spec.annotations().as_ref().and_then(|a| a.get(MAPPED_LAYERS)) {
        Some(key) => rec.layers.iter().rev().map(|l| store.mapped_diff(key, l)).collect(),
        None => lower_dirs(store, &rec.layers),
    }
}

/// The directories a container's files are read from outside it (user
/// lookups by name for `exec -u`), bottom first: its layers, then what it
/// wrote (its upper directory, or a `--rootfs` directory itself).
pub fn container_file_layers(store: &crate::storage::Store, rec: &crate::container::ContainerRecord, upper: PathBuf) -> Vec<PathBuf> {
    let mut layers: Vec<PathBuf> = container_lower_dirs(store, rec).into_iter().rev().collect();
    match &rec.rootfs {
        Some(r) if !r.overlay => layers.push(r.path.clone()),
        _ => layers.push(upper),
    }
    layers
}

/// The host id mapping a container's spec asks for (`None`: rpod's default).
pub fn container_idmap(spec: &oci_spec::runtime::Spec) -> Option<crate::runtime::userns::IdMap> {
    use crate::runtime::userns::MapLine;
    let linux = spec.linux().as_ref()?;
    let conv = |v: &Vec<oci_spec::runtime::LinuxIdMapping>| {
        v.iter().map(|m| MapLine { inside: m.container_id(), outside: m.host_id(), count: m.size() }).collect::<Vec<_>>()
    };
    Some(crate::runtime::userns::IdMap { uids: conv(linux.uid_mappings().as_ref()?), gids: conv(linux.gid_mappings().as_ref()?) })
}

pub fn lower_dirs(store: &crate::storage::Store, layers: &[crate::storage::Digest]) -> Vec<PathBuf> {
    layers.iter().rev().map(|l| store.layer_diff(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWD: &str = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n";
    const GROUP: &str = "root:x:0:\napp:x:1000:\nwheel:x:10:app,other\n";

    #[test]
    fn added_entries_follow_podmans_rules() {
        let passwd = "root:x:0:0:root:/root:/bin/sh\n";
        let group = "root:x:0:\n";
        let user = |uid, gid| User { uid, gid, additional_gids: vec![gid], home: "/".into() };
        let host = HostUser { name: "me".into(), gecos: "Me".into(), home: "/home/me".into(), group: "us".into() };
        let keep = ProcessOptions { host_user: Some(host.clone()), ..Default::default() };
        // keep-id: named after the host user; home is the working directory...
        assert_eq!(
            added_entries(&keep, Some("1000:1000"), &user(1000, 1000), Some(passwd), Some(group), "/w"),
            (Some("me:*:1000:1000:Me:/w:/bin/sh".into()), Some("us:x:1000:me".into()), Some("/w".into()))
        );
        // ...unless the host home, or a directory above it, is mounted in.
        let mut mounted = keep.clone();
        mounted.mounts = vec![crate::container::mounts::MountRequest { destination: "/home".into(), ..Default::default() }];
        assert_eq!(added_entries(&mounted, Some("1000:1000"), &user(1000, 1000), Some(passwd), Some(group), "/w").2.as_deref(), Some("/home/me"));
        // The template, kept to one line.
        let tmpl = ProcessOptions { passwd_entry: Some("$USERNAME:x:$UID:$GID:$NAME\n:$HOME:/bin/ash".into()), ..keep.clone() };
        assert_eq!(added_entries(&tmpl, None, &user(1000, 1000), Some(passwd), None, "/").0.as_deref(), Some("me:x:1000:1000:Me :/:/bin/ash"));
        // A numeric --user; nothing for a name, an id the image has, --passwd=false, or no /etc/passwd.
        let plain = ProcessOptions::default();
        assert_eq!(
            added_entries(&plain, Some("7:8"), &user(7, 8), Some(passwd), Some(group), "/"),
            (Some("7:*:7:8:container user:/:/bin/sh".into()), Some("8:x:8:7".into()), None)
        );
        assert_eq!(added_entries(&plain, Some("7"), &user(7, 0), Some(passwd), Some(group), "/").1, None, "group 0 exists");
        assert_eq!(added_entries(&plain, Some("0"), &user(0, 0), Some(passwd), Some(group), "/"), (None, None, None));
        assert_eq!(added_entries(&plain, Some("root"), &user(0, 0), Some(passwd), Some(group), "/"), (None, None, None));
        let off = ProcessOptions { no_passwd: true, ..keep.clone() };
        assert_eq!(added_entries(&off, None, &user(1000, 1000), Some(passwd), Some(group), "/"), (None, None, None));
        assert_eq!(added_entries(&keep, None, &user(1000, 1000), None, Some(group), "/"), (None, None, None));
    }

    #[test]
    fn users_and_groups() {
        let u = resolve_user(None, Some(PASSWD), Some(GROUP)).unwrap();
        assert_eq!((u.uid, u.gid, u.home.as_str()), (0, 0, "/root"));
        let u = resolve_user(Some("app"), Some(PASSWD), Some(GROUP)).unwrap();
        assert_eq!((u.uid, u.gid), (1000, 1000));
        assert_eq!(u.additional_gids, vec![1000, 10]);
        let u = resolve_user(Some("1000:wheel"), Some(PASSWD), Some(GROUP)).unwrap();
        assert_eq!((u.uid, u.gid), (1000, 10));
        let u = resolve_user(Some("4242"), Some(PASSWD), Some(GROUP)).unwrap();
        assert_eq!((u.uid, u.gid), (4242, 0));
        assert!(resolve_user(Some("nobody-here"), Some(PASSWD), Some(GROUP)).is_err());
        assert!(resolve_user(Some("app:nogroup"), Some(PASSWD), Some(GROUP)).is_err());
    }

    #[test]
    fn argv_rules() {
        let cfg = json!({"config": {"Entrypoint": ["/ep"], "Cmd": ["a", "b"]}});
        let o = |cmd: &[&str], ep: Option<&str>| ProcessOptions {
            command: cmd.iter().map(|s| s.to_string()).collect(),
            entrypoint: ep.map(str::to_string),
            ..Default::default()
        };
        assert_eq!(argv(&cfg, &o(&[], None)).unwrap(), ["/ep", "a", "b"]);
        assert_eq!(argv(&cfg, &o(&["x"], None)).unwrap(), ["/ep", "x"]);
        assert_eq!(argv(&cfg, &o(&[], Some("sh"))).unwrap(), ["sh"]);
        assert_eq!(argv(&cfg, &o(&["-c", "true"], Some(""))).unwrap(), ["-c", "true"]);
        assert!(argv(&json!({}), &o(&[], None)).is_err());
    }

    #[test]
    fn caps_add_drop() {
        let mut o = ProcessOptions::default();
        assert_eq!(capabilities(&o).unwrap().len(), 11);
        o.cap_drop = vec!["chown".into()];
        o.cap_add = vec!["NET_ADMIN".into()];
        let c = capabilities(&o).unwrap();
        assert!(!c.contains(&"CAP_CHOWN".to_string()) && c.contains(&"CAP_NET_ADMIN".to_string()));
        o.cap_add = vec!["bogus".into()];
        assert!(capabilities(&o).is_err());
    }

    #[test]
    fn env_merge() {
        let e = merge_env(&["PATH=/bin".into(), "A=1".into()], &["A=2".into(), "B=3".into()]);
        assert_eq!(e, ["PATH=/bin", "A=2", "B=3"]);
    }
}

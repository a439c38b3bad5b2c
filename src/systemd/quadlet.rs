//! Quadlet: `*.container`, `*.volume` and `*.image` files turned into
//! systemd services that run rpod, with Podman Quadlet's keys and unit
//! shape, so the same files work with Podman and with rpod.
//!
//! Pure conversion: [`load`] reads the search path, [`convert_all`] makes
//! the units, [`write_units`] writes them where systemd's generator
//! protocol says. `.network`, `.pod`, `.kube` and `.build` files are
//! reported as not supported yet (rpod has no user-defined networks, pods,
//! kube or build behind them); the other units are still made.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::unit::{split_words, UnitFile};

/// Quadlet's healthcheck keys, refused until rpod has healthchecks.
const HEALTH_KEYS: &[&str] = &[
    "HealthCmd",
    "HealthInterval",
    "HealthOnFailure",
    "HealthRetries",
    "HealthStartPeriod",
    "HealthTimeout",
    "HealthStartupCmd",
    "HealthStartupInterval",
    "HealthStartupRetries",
    "HealthStartupSuccess",
    "HealthStartupTimeout",
];

/// The unit kinds Quadlet knows, by file extension.
pub const EXTENSIONS: &[&str] = &["container", "volume", "image", "network", "pod", "kube", "build", "artifact"];

/// Where Quadlet looks, first match of a file name wins (Podman's order),
/// and which directories under `/etc/containers/systemd/users` each
/// generator may read. `QUADLET_UNIT_DIRS` (colon-separated) replaces the
/// list and lifts that rule, as Podman's.
pub fn search_dirs(user: bool, uid: u32, runtime_dir: Option<&Path>, config_dir: Option<&Path>) -> SearchPath {
    if let Some(v) = std::env::var_os("QUADLET_UNIT_DIRS").filter(|v| !v.is_empty()) {
        return SearchPath { dirs: std::env::split_paths(&v).collect(), users: None };
    }
    let users = UsersDir { path: PathBuf::from(ADMIN_USERS_DIR), uid: user.then_some(uid) };
    if user {
        let mut v = Vec::new();
        if let Some(r) = runtime_dir {
            v.push(r.join("containers/systemd"));
        }
        if let Some(c) = config_dir {
            v.push(c.join("containers/systemd"));
        }
        v.push(PathBuf::from(format!("{ADMIN_USERS_DIR}/{uid}")));
        v.push(PathBuf::from(ADMIN_USERS_DIR));
        SearchPath { dirs: v, users: Some(users) }
    } else {
        let dirs = ["/run/containers/systemd", "/etc/containers/systemd", "/usr/share/containers/systemd"].iter().map(PathBuf::from).collect();
        SearchPath { dirs, users: Some(users) }
    }
}

/// The administrator's directory of units for users' generators.
pub const ADMIN_USERS_DIR: &str = "/etc/containers/systemd/users";

/// The directories a generator reads.
#[derive(Debug, Clone)]
pub struct SearchPath {
    pub dirs: Vec<PathBuf>,
    /// Which parts of the administrator's users directory are read (`None`:
    /// no rule, as with `QUADLET_UNIT_DIRS`).
    pub users: Option<UsersDir>,
}

/// Podman's rule for `/etc/containers/systemd/users`: the system generator
/// reads nothing under it; a user's generator reads it and its
/// non-numeric subdirectories, and of the numeric ones (`users/UID`) only
/// its own. Another user's units are never made into this user's services.
#[derive(Debug, Clone)]
pub struct UsersDir {
    pub path: PathBuf,
    /// The user whose generator runs; `None` for the system generator.
    pub uid: Option<u32>,
}

impl UsersDir {
    /// Whether the directory `dir` (symlinks resolved) may be read.
    fn admits(&self, dir: &Path) -> bool {
        let users = std::fs::canonicalize(&self.path).unwrap_or_else(|_| self.path.clone());
        let Ok(rest) = dir.strip_prefix(&users) else { return true };
        let Some(uid) = self.uid else { return false };
        match rest.components().next() {
            Some(std::path::Component::Normal(first)) => {
                let first = first.to_string_lossy();
                !first.bytes().all(|b| b.is_ascii_digit()) || first == uid.to_string().as_str()
            }
            _ => true,
        }
    }
}

/// One source file, parsed, with its drop-ins (`NAME.container.d/*.conf`) applied.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    /// File name, e.g. `web.container`.
    pub file_name: String,
    pub unit: UnitFile,
}

impl Source {
    pub fn ext(&self) -> &str {
        self.file_name.rsplit_once('.').map(|(_, e)| e).unwrap_or("")
    }
    pub fn base(&self) -> &str {
        self.file_name.rsplit_once('.').map(|(b, _)| b).unwrap_or(&self.file_name)
    }
}

/// Read every Quadlet file in the search path. Errors (unreadable or
/// malformed files) are returned beside the files that loaded.
pub fn load(search: &SearchPath) -> (Vec<Source>, Vec<String>) {
    let dirs = &search.dirs;
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for dir in dirs {
        let mut names: Vec<(String, PathBuf)> = Vec::new();
        // Compared by real path: `users` reached through a symlink is still `users`.
        let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
        collect(dir, &real, search.users.as_ref(), 0, &mut names);
        names.sort();
        for (name, path) in names {
            if !seen.insert(name.clone()) {
                continue; // an earlier directory has this unit
            }
            match read_unit(&path) {
                Ok(mut unit) => {
                    for d in dropins(dirs, &name) {
                        match read_unit(&d) {
                            Ok(extra) => unit.merge(&extra),
                            Err(e) => errors.push(format!("{}: {e}", d.display())),
                        }
                    }
                    out.push(Source { path, file_name: name, unit });
                }
                Err(e) => errors.push(format!("{}: {e}", path.display())),
            }
        }
    }
    (out, errors)
}

/// Unit files under a directory (and its subdirectories, as Podman 5),
/// skipping the directories `users` does not admit. Symlinked
/// subdirectories are not followed. `real` is `dir` with symlinks resolved.
fn collect(dir: &Path, real: &Path, users: Option<&UsersDir>, depth: usize, out: &mut Vec<(String, PathBuf)>) {
    if users.is_some_and(|u| !u.admits(real)) {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            // NAME.container.d holds drop-ins, not units; depth bounds a symlink loop.
            if !name.ends_with(".d") && depth < 8 {
                collect(&path, &real.join(&name), users, depth + 1, out);
            }
            continue;
        }
        if let Some((_, ext)) = name.rsplit_once('.') {
            if EXTENSIONS.contains(&ext) && !name.starts_with('.') {
                out.push((name, path));
            }
        }
    }
}

/// Drop-ins for a unit: `NAME.EXT.d/*.conf` in every search directory,
/// applied in file-name order (a later directory's file of the same name
/// is shadowed, as systemd does).
fn dropins(dirs: &[PathBuf], name: &str) -> Vec<PathBuf> {
    let mut by_name: BTreeMap<String, PathBuf> = BTreeMap::new();
    for dir in dirs.iter().rev() {
        let d = dir.join(format!("{name}.d"));
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.ends_with(".conf") {
                by_name.insert(n, e.path());
            }
        }
    }
    by_name.into_values().collect()
}

fn read_unit(path: &Path) -> Result<UnitFile, String> {
    // Bounded, regular files only: a FIFO or /dev/zero named *.container
    // must not hang or exhaust the generator (systemd waits for it at boot).
    let bytes = crate::storage::read_regular(path, super::unit::MAX_UNIT_SIZE).map_err(|e| format!("cannot read: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
    UnitFile::parse(&text).map_err(|e| e.to_string())
}

/// What [`convert_all`] made.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Generated {
    pub units: Vec<GeneratedUnit>,
    /// One line per source that could not be converted.
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct GeneratedUnit {
    /// `web.service`
    pub name: String,
    pub source: PathBuf,
    pub text: String,
    /// `[Install]` links: (`default.target.wants`, `web.service`).
    pub links: Vec<String>,
}

/// Convert every source. `rpod` is the binary the units run.
pub fn convert_all(sources: &[Source], rpod: &Path, user: bool) -> Generated {
    let by_name: BTreeMap<&str, &Source> = sources.iter().map(|s| (s.file_name.as_str(), s)).collect();
    let mut g = Generated::default();
    for s in sources {
        let mut warnings = Vec::new();
        let r = match s.ext() {
            "container" => convert_container(s, &by_name, rpod, user, &mut warnings),
            "volume" => convert_volume(s, rpod),
            "image" => convert_image(s, rpod),
            "network" => Err("rpod has no user-defined networks yet: .network files are not supported".into()),
            "pod" => Err("rpod has no pods yet: .pod files are not supported".into()),
            "kube" => Err("rpod has no kube play yet: .kube files are not supported".into()),
            "build" => Err("rpod has no build units yet: .build files are not supported".into()),
            other => Err(format!(".{other} files are not supported")),
        };
        g.warnings.extend(warnings.into_iter().map(|w| format!("{}: {w}", s.path.display())));
        match r {
            Ok(mut unit) => {
                let name = match service_name(s) {
                    Ok(n) => n,
                    Err(e) => {
                        g.errors.push(format!("converting {:?}: {e}", s.path.display().to_string()));
                        continue;
                    }
                };
                unit.move_first("Unit");
                let links = install_links(&unit, &name);
                let text = format!("# Automatically generated by rpod quadlet from {}\n#\n{}", s.path.display(), unit.to_text());
                g.units.push(GeneratedUnit { name, source: s.path.clone(), text, links });
            }
            Err(e) => g.errors.push(format!("converting {:?}: {e}", s.path.display().to_string())),
        }
    }
    g
}

/// The service a source becomes (Podman's names).
pub fn service_name(s: &Source) -> Result<String, String> {
    let group = group_of(s.ext());
    if let Some(n) = s.unit.lookup(&group, "ServiceName") {
        if n.is_empty() || n.contains('/') {
            return Err(format!("invalid ServiceName={n:?}"));
        }
        return Ok(format!("{}.service", n.trim_end_matches(".service")));
    }
    let base = s.base();
    Ok(match s.ext() {
        "container" | "kube" => format!("{base}.service"),
        ext => format!("{base}-{ext}.service"),
    })
}

fn group_of(ext: &str) -> String {
    let mut c = ext.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// `[Install]`'s WantedBy/RequiredBy/UpheldBy as links systemd follows
/// (`TARGET.wants/NAME`): generated units cannot be `systemctl enable`d.
fn install_links(u: &UnitFile, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (key, dir) in [("WantedBy", "wants"), ("RequiredBy", "requires"), ("UpheldBy", "upholds")] {
        for v in u.lookup_all_words("Install", key).unwrap_or_default() {
            if valid_unit_name(&v) {
                out.push(format!("{v}.{dir}/{name}"));
            }
        }
    }
    for v in u.lookup_all_words("Install", "Alias").unwrap_or_default() {
        if valid_unit_name(&v) {
            out.push(v);
        }
    }
    out
}

/// A unit name usable as a path component.
fn valid_unit_name(n: &str) -> bool {
    !n.is_empty() && n.len() <= 255 && !n.starts_with('.') && n.chars().all(|c| c.is_ascii_alphanumeric() || "@-_.:\\".contains(c))
}

const CONTAINER_KEYS: &[&str] = &[
    "AddCapability",
    "AddDevice",
    "AddHost",
    "Annotation",
    "AppArmor",
    "AutoUpdate",
    "CgroupsMode",
    "ContainerName",
    "ContainersConfModule",
    "DNS",
    "DNSOption",
    "DNSSearch",
    "DropCapability",
    "Entrypoint",
    "Environment",
    "EnvironmentFile",
    "EnvironmentHost",
    "Exec",
    "ExposeHostPort",
    "GIDMap",
    "GlobalArgs",
    "Group",
    "GroupAdd",
    "HealthCmd",
    "HealthInterval",
    "HealthOnFailure",
    "HealthRetries",
    "HealthStartPeriod",
    "HealthStartupCmd",
    "HealthStartupInterval",
    "HealthStartupRetries",
    "HealthStartupSuccess",
    "HealthStartupTimeout",
    "HealthTimeout",
    "HostName",
    "HttpProxy",
    "Image",
    "IP",
    "IP6",
    "Label",
    "LogDriver",
    "LogOpt",
    "Mask",
    "Memory",
    "Mount",
    "Network",
    "NetworkAlias",
    "NoNewPrivileges",
    "Notify",
    "PidsLimit",
    "Pod",
    "PodmanArgs",
    "PublishPort",
    "Pull",
    "ReadOnly",
    "ReadOnlyTmpfs",
    "ReloadCmd",
    "ReloadSignal",
    "Retry",
    "RetryDelay",
    "Rootfs",
    "RunInit",
    "SeccompProfile",
    "Secret",
    "SecurityLabelDisable",
    "SecurityLabelFileType",
    "SecurityLabelLevel",
    "SecurityLabelNested",
    "SecurityLabelType",
    "ServiceName",
    "ShmSize",
    "StartWithPod",
    "StopSignal",
    "StopTimeout",
    "SubGIDMap",
    "SubUIDMap",
    "Sysctl",
    "Timezone",
    "Tmpfs",
    "UIDMap",
    "Ulimit",
    "Unmask",
    "User",
    "UserNS",
    "VolatileTmp",
    "Volume",
    "WorkingDir",
    "DefaultDependencies",
];

const VOLUME_KEYS: &[&str] = &[
    "ContainersConfModule",
    "Copy",
    "Device",
    "Driver",
    "GlobalArgs",
    "Group",
    "Image",
    "Label",
    "Options",
    "PodmanArgs",
    "ServiceName",
    "Type",
    "User",
    "VolumeName",
    "DefaultDependencies",
];

const IMAGE_KEYS: &[&str] = &[
    "AllTags",
    "Arch",
    "AuthFile",
    "CertDir",
    "ContainersConfModule",
    "Creds",
    "DecryptionKey",
    "GlobalArgs",
    "Image",
    "ImageTag",
    "OS",
    "PodmanArgs",
    "Policy",
    "Retry",
    "RetryDelay",
    "ServiceName",
    "TLSVerify",
    "Variant",
    "DefaultDependencies",
];

fn check_keys(u: &UnitFile, group: &str, allowed: &[&str]) -> Result<(), String> {
    for s in u.sections.iter().filter(|s| s.name == group) {
        for (k, _) in &s.entries {
            if !allowed.contains(&k.as_str()) {
                return Err(format!("unsupported key '{k}' in group '{group}'"));
            }
        }
    }
    Ok(())
}

/// The service skeleton every kind shares: the source's own sections, its
/// Quadlet group kept as `[X-Group]`, and `[Unit]` additions.
fn init_service(s: &Source, group: &str) -> Result<UnitFile, String> {
    let mut u = s.unit.clone();
    if u.lookup_bool(group, "DefaultDependencies")?.unwrap_or(true) {
        u.add("Unit", "Wants", "network-online.target");
        u.add("Unit", "After", "network-online.target");
    }
    u.set("Unit", "SourcePath", &s.path.display().to_string());
    u.add("Unit", "RequiresMountsFor", "%t/containers");
    u.rename_section(group, &format!("X-{group}"));
    Ok(u)
}

/// `rpod [GlobalArgs] [--module M]`
fn base_command(s: &Source, group: &str, rpod: &Path) -> Result<Vec<String>, String> {
    let mut v = vec![rpod.display().to_string()];
    if let Some(m) = s.unit.lookup(group, "ContainersConfModule") {
        v.push("--module".into());
        v.push(m.to_string());
    }
    v.extend(s.unit.lookup_all_words(group, "GlobalArgs")?);
    Ok(v)
}

fn words(u: &UnitFile, group: &str, key: &str) -> Result<Vec<String>, String> {
    u.lookup_all_words(group, key).map_err(|e| format!("{key}: {e}"))
}

fn convert_container(s: &Source, all: &BTreeMap<&str, &Source>, rpod: &Path, _user: bool, warnings: &mut Vec<String>) -> Result<UnitFile, String> {
    const G: &str = "Container";
    check_keys(&s.unit, G, CONTAINER_KEYS)?;
    let c = &s.unit;
    let mut service = init_service(s, G)?;
    let image = c.lookup(G, "Image").unwrap_or("");
    let rootfs = c.lookup(G, "Rootfs").unwrap_or("");
    if image.is_empty() && rootfs.is_empty() {
        return Err("no Image or Rootfs key specified".into());
    }
    if !image.is_empty() && !rootfs.is_empty() {
        return Err("the Image and Rootfs keys conflict: use one".into());
    }
    let image = if image.is_empty() { String::new() } else { resolve_image(image, all, &mut service)? };
    let name = c.lookup(G, "ContainerName").filter(|n| !n.is_empty()).unwrap_or("systemd-%N").to_string();

    service.add("Service", "Environment", "PODMAN_SYSTEMD_UNIT=%n");
    match service.lookup("Service", "KillMode") {
        None => service.set("Service", "KillMode", "mixed"),
        Some("mixed" | "control-group") => {}
        Some(k) => return Err(format!("invalid KillMode '{k}'")),
    }
    let mut stop = base_command(s, G, rpod)?;
    stop.extend(["rm", "-v", "-f", "-i", &name].map(String::from));
    service.add_cmdline("Service", "ExecStop", &stop);
    // ExecStopPost runs when the monitor was killed and ExecStop did not.
    stop[0] = format!("-{}", stop[0]);
    service.add_cmdline("Service", "ExecStopPost", &stop);

    let mut a = base_command(s, G, rpod)?;
    a.extend(["run", "--name", &name, "--replace", "--rm"].map(String::from));
    if let Some(d) = c.lookup(G, "LogDriver") {
        a.push(format!("--log-driver={d}"));
    }
    for o in words(c, G, "LogOpt")? {
        a.extend(["--log-opt".into(), o]);
    }
    service.add("Service", "Delegate", "yes");
    match c.lookup(G, "CgroupsMode").filter(|m| !m.is_empty()) {
        Some(m) => a.extend(["--cgroups".into(), m.to_string()]),
        None => a.push("--cgroups=split".into()),
    }
    if let Some(e) = c.lookup(G, "Entrypoint") {
        a.push(format!("--entrypoint={e}"));
    }
    for (key, flag) in [
        ("Timezone", "--tz"),
        ("PidsLimit", "--pids-limit"),
        ("ShmSize", "--shm-size"),
        ("WorkingDir", "--workdir"),
        ("IP", "--ip"),
        ("IP6", "--ip6"),
        ("HostName", "--hostname"),
        ("StopSignal", "--stop-signal"),
        ("StopTimeout", "--stop-timeout"),
        ("Pull", "--pull"),
        ("Memory", "--memory"),
        ("Retry", "--retry"),
        ("RetryDelay", "--retry-delay"),
    ] {
        if let Some(v) = c.lookup(G, key).filter(|v| !v.is_empty()) {
            a.extend([flag.to_string(), v.to_string()]);
        }
    }
    for (key, flag) in [
        ("NetworkAlias", "--network-alias"),
        ("Ulimit", "--ulimit"),
        ("DNS", "--dns"),
        ("DNSOption", "--dns-option"),
        ("DNSSearch", "--dns-search"),
        ("GroupAdd", "--group-add"),
        ("AddHost", "--add-host"),
        ("Tmpfs", "--tmpfs"),
    ] {
        for v in words(c, G, key)? {
            a.extend([flag.to_string(), v]);
        }
    }
    for (key, flag) in [("RunInit", "--init"), ("EnvironmentHost", "--env-host"), ("HttpProxy", "--http-proxy"), ("ReadOnlyTmpfs", "--read-only-tmpfs")] {
        if let Some(b) = c.lookup_bool(G, key)? {
            a.push(format!("{flag}={b}"));
        }
    }
    for n in c.lookup_all(G, "Network") {
        if let Some(unit) = n.split(':').next().filter(|u| u.ends_with(".network")) {
            return Err(format!("Network={n}: rpod has no user-defined networks yet ({unit})"));
        }
        a.extend(["--network".into(), n]);
    }
    match service.lookup("Service", "Type") {
        Some("oneshot") => {}
        Some("notify") | None => {
            if c.lookup(G, "Notify").is_some_and(|n| n.eq_ignore_ascii_case("healthy")) {
                return Err("Notify=healthy: rpod has no healthchecks yet".into());
            }
            a.push(if c.lookup_bool(G, "Notify").ok().flatten().unwrap_or(false) { "--sdnotify=container".into() } else { "--sdnotify=conmon".into() });
            service.set("Service", "Type", "notify");
            service.set("Service", "NotifyAccess", "all");
            a.push("-d".into());
        }
        Some(t) => return Err(format!("invalid service Type '{t}'")),
    }
    if !c.has_key("Service", "SyslogIdentifier") {
        service.set("Service", "SyslogIdentifier", "%N");
    }
    if c.lookup_bool(G, "NoNewPrivileges")?.unwrap_or(false) {
        a.push("--security-opt=no-new-privileges".into());
    }
    if c.lookup_bool(G, "SecurityLabelDisable")?.unwrap_or(false) {
        a.extend(["--security-opt".into(), "label=disable".into()]);
    }
    if c.lookup_bool(G, "SecurityLabelNested")?.unwrap_or(false) {
        a.extend(["--security-opt".into(), "label=nested".into()]);
    }
    for (key, opt) in
        [("SecurityLabelType", "label=type:"), ("SecurityLabelFileType", "label=filetype:"), ("SecurityLabelLevel", "label=level:"), ("AppArmor", "apparmor=")]
    {
        if let Some(v) = c.lookup(G, key).filter(|v| !v.is_empty()) {
            a.extend(["--security-opt".into(), format!("{opt}{v}")]);
        }
    }
    for d in words(c, G, "AddDevice")? {
        let (optional, d) = match d.strip_prefix('-') {
            Some(rest) => (true, rest.to_string()),
            None => (false, d),
        };
        if optional && !Path::new(d.split(':').next().unwrap_or("")).exists() {
            continue;
        }
        a.extend(["--device".into(), d]);
    }
    if let Some(p) = c.lookup(G, "SeccompProfile") {
        a.extend(["--security-opt".into(), format!("seccomp={p}")]);
    }
    for cap in words(c, G, "DropCapability")? {
        a.extend(["--cap-drop".into(), cap.to_lowercase()]);
    }
    for cap in words(c, G, "AddCapability")? {
        a.extend(["--cap-add".into(), cap.to_lowercase()]);
    }
    for v in words(c, G, "Sysctl")? {
        a.extend(["--sysctl".into(), v]);
    }
    let read_only = c.lookup_bool(G, "ReadOnly")?;
    if let Some(b) = read_only {
        a.push(format!("--read-only={b}"));
    }
    if c.lookup_bool(G, "VolatileTmp")?.unwrap_or(false) && !read_only.unwrap_or(false) {
        a.extend(["--tmpfs".into(), "/tmp:rw,size=512M,mode=1777".into()]);
    }
    match (c.lookup(G, "User").filter(|v| !v.is_empty()), c.lookup(G, "Group").filter(|v| !v.is_empty())) {
        (Some(u), Some(g)) => a.extend(["--user".into(), format!("{u}:{g}")]),
        (Some(u), None) => a.extend(["--user".into(), u.to_string()]),
        (None, Some(_)) => return Err("Group= needs User= as well".into()),
        (None, None) => {}
    }
    if let Some(n) = c.lookup(G, "UserNS").filter(|v| !v.is_empty()) {
        a.extend(["--userns".into(), n.to_string()]);
    }
    for (key, flag) in [("UIDMap", "--uidmap"), ("GIDMap", "--gidmap")] {
        for v in words(c, G, key)? {
            a.extend([flag.to_string(), v]);
        }
    }
    for (key, flag) in [("SubUIDMap", "--subuidname"), ("SubGIDMap", "--subgidname")] {
        if let Some(v) = c.lookup(G, key).filter(|v| !v.is_empty()) {
            a.extend([flag.to_string(), v.to_string()]);
        }
    }
    for v in c.lookup_all(G, "Volume") {
        a.extend(["-v".into(), resolve_volume(s, &v, all, &mut service)?]);
    }
    if let Some(u) = c.lookup(G, "AutoUpdate").filter(|v| !v.is_empty()) {
        a.extend(["--label".into(), format!("io.containers.autoupdate={u}")]);
    }
    for p in c.lookup_all(G, "ExposeHostPort") {
        let p = p.trim();
        if !p.chars().all(|ch| ch.is_ascii_digit() || ch == '-') || p.is_empty() {
            return Err(format!("invalid port format '{p}'"));
        }
        a.extend(["--expose".into(), p.to_string()]);
    }
    for p in c.lookup_all(G, "PublishPort") {
        a.extend(["--publish".into(), p.trim().to_string()]);
    }
    for (key, flag) in [("Environment", "--env"), ("Label", "--label"), ("Annotation", "--annotation")] {
        for kv in words(c, G, key)? {
            if !kv.contains('=') && key != "Environment" {
                warnings.push(format!("{key}={kv}: no '=', taken as an empty value"));
            }
            a.extend([flag.to_string(), kv]);
        }
    }
    for (key, opt) in [("Mask", "mask="), ("Unmask", "unmask=")] {
        for v in words(c, G, key)? {
            a.extend(["--security-opt".into(), format!("{opt}{v}")]);
        }
    }
    for f in words(c, G, "EnvironmentFile")? {
        a.extend(["--env-file".into(), absolute(s, &f)]);
    }
    for v in words(c, G, "Secret")? {
        a.extend(["--secret".into(), v]);
    }
    for m in words(c, G, "Mount")? {
        a.extend(["--mount".into(), resolve_mount(s, &m, all, &mut service)?]);
    }
    // rpod has no healthchecks yet: refuse the file here, naming it, rather
    // than make a unit whose `rpod run --health-*` fails at `systemctl start`.
    let health: Vec<&str> = HEALTH_KEYS.iter().copied().filter(|k| c.lookup(G, k).is_some_and(|v| !v.is_empty())).collect();
    if !health.is_empty() {
        return Err(format!("{}: rpod has no healthchecks yet", health.join(", ")));
    }
    if let Some(p) = c.lookup(G, "Pod").filter(|v| !v.is_empty()) {
        return Err(format!("Pod={p}: rpod has no pods yet"));
    }
    a.extend(words(c, G, "PodmanArgs")?);
    if image.is_empty() {
        a.extend(["--rootfs".into(), rootfs.to_string()]);
    } else {
        a.push(image);
    }
    // Exec: the last value, split as systemd splits command lines.
    if let Some(e) = c.lookup(G, "Exec") {
        a.extend(split_words(e).map_err(|e| format!("Exec: {e}"))?);
    }
    service.add_cmdline("Service", "ExecStart", &a);
    Ok(service)
}

/// `Image=NAME.image`: the image that unit pulls, and a dependency on it.
fn resolve_image(image: &str, all: &BTreeMap<&str, &Source>, service: &mut UnitFile) -> Result<String, String> {
    if !image.ends_with(".image") {
        return Ok(image.to_string());
    }
    let src = all.get(image).ok_or_else(|| format!("requested Quadlet image {image} was not found"))?;
    let name = src.unit.lookup("Image", "ImageTag").filter(|v| !v.is_empty()).or_else(|| src.unit.lookup("Image", "Image")).unwrap_or("");
    if name.is_empty() {
        return Err(format!("{image} names no Image"));
    }
    let svc = service_name(src)?;
    service.add("Unit", "Wants", &svc);
    service.add("Unit", "After", &svc);
    Ok(name.to_string())
}

/// A relative host path is relative to the unit file's directory.
fn absolute(s: &Source, p: &str) -> String {
    if p.starts_with('/') || p.starts_with('%') {
        return p.to_string();
    }
    // Lexically cleaned, as Go's filepath.Abs (Podman's) does.
    let joined = s.path.parent().unwrap_or(Path::new("/")).join(p);
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out.display().to_string()
}

/// `Volume=SRC:DST[:OPTS]`: `NAME.volume` is that unit's volume (and a
/// dependency on it), a path is a bind mount (and `RequiresMountsFor=`).
fn resolve_volume(s: &Source, v: &str, all: &BTreeMap<&str, &Source>, service: &mut UnitFile) -> Result<String, String> {
    let mut parts: Vec<String> = v.splitn(3, ':').map(String::from).collect();
    if parts.len() < 2 {
        return Ok(v.to_string()); // an anonymous volume: DST only
    }
    let src = parts[0].clone();
    if src.ends_with(".volume") {
        let vs = all.get(src.as_str()).ok_or_else(|| format!("requested Quadlet volume {src} was not found"))?;
        parts[0] = volume_name(vs);
        let svc = service_name(vs)?;
        service.add("Unit", "Requires", &svc);
        service.add("Unit", "After", &svc);
    } else if src.starts_with('/') || src.starts_with('.') || src.starts_with('%') {
        parts[0] = absolute(s, &src);
        if parts[0].starts_with('/') {
            service.add("Unit", "RequiresMountsFor", &super::unit::escape_word(&parts[0]));
        }
    }
    Ok(parts.join(":"))
}

fn resolve_mount(s: &Source, m: &str, all: &BTreeMap<&str, &Source>, service: &mut UnitFile) -> Result<String, String> {
    let mut out = Vec::new();
    for kv in m.split(',') {
        match kv.split_once('=') {
            Some((k @ ("source" | "src"), v)) if v.ends_with(".volume") => {
                let vs = all.get(v).ok_or_else(|| format!("requested Quadlet volume {v} was not found"))?;
                let svc = service_name(vs)?;
                service.add("Unit", "Requires", &svc);
                service.add("Unit", "After", &svc);
                out.push(format!("{k}={}", volume_name(vs)));
            }
            Some((k @ ("source" | "src"), v)) if v.starts_with('.') => out.push(format!("{k}={}", absolute(s, v))),
            _ => out.push(kv.to_string()),
        }
    }
    Ok(out.join(","))
}

fn volume_name(v: &Source) -> String {
    v.unit.lookup("Volume", "VolumeName").filter(|n| !n.is_empty()).map(String::from).unwrap_or_else(|| format!("systemd-{}", v.base()))
}

fn oneshot(service: &mut UnitFile) {
    if !service.has_key("Service", "Type") {
        service.set("Service", "Type", "oneshot");
    }
    if !service.has_key("Service", "RemainAfterExit") {
        service.set("Service", "RemainAfterExit", "yes");
    }
    if !service.has_key("Service", "SyslogIdentifier") {
        service.set("Service", "SyslogIdentifier", "%N");
    }
}

fn convert_volume(s: &Source, rpod: &Path) -> Result<UnitFile, String> {
    const G: &str = "Volume";
    check_keys(&s.unit, G, VOLUME_KEYS)?;
    let v = &s.unit;
    let mut service = init_service(s, G)?;
    let mut a = base_command(s, G, rpod)?;
    a.extend(["volume", "create", "--ignore"].map(String::from));
    if let Some(d) = v.lookup(G, "Driver").filter(|d| !d.is_empty()) {
        a.extend(["--driver".into(), d.to_string()]);
    }
    let mut opts = Vec::new();
    if let Some(dev) = v.lookup(G, "Device").filter(|d| !d.is_empty()) {
        if let Some(t) = v.lookup(G, "Type").filter(|t| !t.is_empty()) {
            opts.push(format!("type={t}"));
            if t == "bind" {
                service.add("Unit", "RequiresMountsFor", &super::unit::escape_word(dev));
            }
        }
        opts.push(format!("device={dev}"));
        if v.lookup_bool(G, "Copy")?.unwrap_or(false) {
            a.push("--opt=copy".into());
        }
    } else if v.has_key(G, "Type") {
        return Err("key Type can't be used without Device".into());
    }
    let mut o = Vec::new();
    for (key, what) in [("User", "uid"), ("Group", "gid")] {
        if let Some(x) = v.lookup(G, key).filter(|x| !x.is_empty()) {
            o.push(format!("{what}={x}"));
        }
    }
    if let Some(x) = v.lookup(G, "Options").filter(|x| !x.is_empty()) {
        o.push(x.to_string());
    }
    if !o.is_empty() {
        opts.push(format!("o={}", o.join(",")));
    }
    for x in opts {
        a.extend(["--opt".into(), x]);
    }
    for l in words(v, G, "Label")? {
        a.extend(["--label".into(), l]);
    }
    a.extend(words(v, G, "PodmanArgs")?);
    a.push(volume_name(s));
    service.add_cmdline("Service", "ExecStart", &a);
    oneshot(&mut service);
    Ok(service)
}

fn convert_image(s: &Source, rpod: &Path) -> Result<UnitFile, String> {
    const G: &str = "Image";
    check_keys(&s.unit, G, IMAGE_KEYS)?;
    let u = &s.unit;
    let image = u.lookup(G, "Image").filter(|i| !i.is_empty()).ok_or("no Image key specified")?.to_string();
    let mut service = init_service(s, G)?;
    let mut a = base_command(s, G, rpod)?;
    a.extend(["image", "pull"].map(String::from));
    for (key, flag) in [("AllTags", "--all-tags"), ("TLSVerify", "--tls-verify")] {
        if let Some(b) = u.lookup_bool(G, key)? {
            a.push(format!("{flag}={b}"));
        }
    }
    for (key, flag) in [
        ("Arch", "--arch"),
        ("AuthFile", "--authfile"),
        ("CertDir", "--cert-dir"),
        ("Creds", "--creds"),
        ("DecryptionKey", "--decryption-key"),
        ("OS", "--os"),
        ("Variant", "--variant"),
        ("Policy", "--policy"),
        ("Retry", "--retry"),
        ("RetryDelay", "--retry-delay"),
    ] {
        if let Some(v) = u.lookup(G, key).filter(|v| !v.is_empty()) {
            a.extend([flag.to_string(), v.to_string()]);
        }
    }
    a.extend(words(u, G, "PodmanArgs")?);
    a.push(image);
    service.add_cmdline("Service", "ExecStart", &a);
    oneshot(&mut service);
    Ok(service)
}

/// Write the units (and their `[Install]` links) into the generator's
/// output directory. Names are checked: a source named `../x.container`
/// cannot write outside it.
pub fn write_units(g: &Generated, out: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    for u in &g.units {
        if !valid_unit_name(&u.name) {
            continue;
        }
        let path = out.join(&u.name);
        let tmp = out.join(format!(".{}.tmp", u.name));
        std::fs::write(&tmp, &u.text)?;
        std::fs::rename(&tmp, &path)?;
        for l in &u.links {
            let link = out.join(l);
            if let Some(dir) = link.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let target = if l.contains('/') { PathBuf::from("..").join(&u.name) } else { PathBuf::from(&u.name) };
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(target, &link)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(name: &str, text: &str) -> Source {
        Source { path: PathBuf::from(format!("/home/u/.config/containers/systemd/{name}")), file_name: name.into(), unit: UnitFile::parse(text).unwrap() }
    }

    fn exec_start(g: &GeneratedUnit) -> Vec<String> {
        let body: String = g.text.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n");
        let u = UnitFile::parse(&body).unwrap();
        split_words(u.lookup("Service", "ExecStart").unwrap()).unwrap()
    }

    #[test]
    fn a_container_becomes_podmans_unit_shape() {
        let s = src(
            "web.container",
            "[Unit]\nDescription=web\n[Container]\nImage=busybox\nPublishPort=8080:80\nEnvironment=A=1 \"B=two words\"\nVolume=data.volume:/data:Z\nVolume=./site:/site\nExec=httpd -f -p 80\n[Install]\nWantedBy=default.target\n",
        );
        let v = src("data.volume", "[Volume]\nLabel=k=v\n");
        let g = convert_all(&[s, v], Path::new("/usr/bin/rpod"), true);
        assert!(g.errors.is_empty(), "{:?}", g.errors);
        let web = g.units.iter().find(|u| u.name == "web.service").unwrap();
        let a = exec_start(web);
        assert_eq!(&a[..7], &["/usr/bin/rpod", "run", "--name", "systemd-%N", "--replace", "--rm", "--cgroups=split"]);
        assert!(a.windows(2).any(|w| w == ["--publish", "8080:80"]));
        assert!(a.windows(2).any(|w| w == ["--env", "B=two words"]));
        assert!(a.windows(2).any(|w| w == ["-v", "systemd-data:/data:Z"]));
        assert!(a.windows(2).any(|w| w == ["-v", "/home/u/.config/containers/systemd/site:/site"]));
        assert!(a.contains(&"--sdnotify=conmon".to_string()) && a.contains(&"-d".to_string()));
        assert_eq!(&a[a.len() - 5..], ["busybox", "httpd", "-f", "-p", "80"]);
        for needle in [
            "Type=notify",
            "NotifyAccess=all",
            "KillMode=mixed",
            "Delegate=yes",
            "SyslogIdentifier=%N",
            "Requires=data-volume.service",
            "RequiresMountsFor=%t/containers",
            "[X-Container]",
            "Environment=PODMAN_SYSTEMD_UNIT=%n",
        ] {
            assert!(web.text.contains(needle), "{needle} missing:\n{}", web.text);
        }
        assert!(web.text.contains("ExecStop=/usr/bin/rpod rm -v -f -i systemd-%N"), "{}", web.text);
        assert!(web.text.contains("ExecStopPost=-/usr/bin/rpod rm -v -f -i systemd-%N"), "{}", web.text);
        assert_eq!(web.links, vec!["default.target.wants/web.service"]);
        let vol = g.units.iter().find(|u| u.name == "data-volume.service").unwrap();
        assert_eq!(exec_start(vol), ["/usr/bin/rpod", "volume", "create", "--ignore", "--label", "k=v", "systemd-data"]);
        assert!(vol.text.contains("Type=oneshot") && vol.text.contains("RemainAfterExit=yes"));
    }

    #[test]
    fn exec_ends_the_command_line_after_the_image() {
        let g = convert_all(&[src("a.container", "[Container]\nImage=busybox\nExec=sh -c 'echo hi'\n")], Path::new("/bin/rpod"), true);
        let a = exec_start(&g.units[0]);
        assert_eq!(&a[a.len() - 4..], ["busybox", "sh", "-c", "echo hi"]);
    }

    #[test]
    fn unknown_keys_and_missing_images_are_errors_naming_the_file() {
        let g = convert_all(
            &[
                src("a.container", "[Container]\nImage=busybox\nFrobnicate=yes\n"),
                src("b.container", "[Container]\nExec=true\n"),
                src("n.network", "[Network]\n"),
            ],
            Path::new("/bin/rpod"),
            true,
        );
        assert!(g.units.is_empty());
        assert_eq!(g.errors.len(), 3, "{:?}", g.errors);
        assert!(g.errors[0].contains("a.container") && g.errors[0].contains("Frobnicate"));
        assert!(g.errors[1].contains("no Image"));
        assert!(g.errors[2].contains("networks"));
    }

    /// Unit-file injection: a value with an escaped line break or quotes
    /// stays one argument of ExecStart; it never adds a key to the unit.
    #[test]
    fn hostile_values_stay_one_argument() {
        let g = convert_all(
            &[src("a.container", "[Container]\nImage=busybox\nEnvironment=\"X=1\\nExecStartPre=/bin/evil\"\nLabel=\"k=v; rm -rf ~\"\n")],
            Path::new("/bin/rpod"),
            true,
        );
        let u = &g.units[0];
        assert!(!u.text.lines().any(|l| l.starts_with("ExecStartPre")), "{}", u.text);
        let a = exec_start(u);
        assert!(a.windows(2).any(|w| w == ["--env", "X=1\nExecStartPre=/bin/evil"]));
        assert!(a.windows(2).any(|w| w == ["--label", "k=v; rm -rf ~"]));
    }

    #[test]
    fn image_units_and_references() {
        let g = convert_all(
            &[src("c.container", "[Container]\nImage=bb.image\n"), src("bb.image", "[Image]\nImage=registry.example/busybox:1\nTLSVerify=false\n")],
            Path::new("/bin/rpod"),
            true,
        );
        assert!(g.errors.is_empty(), "{:?}", g.errors);
        let c = g.units.iter().find(|u| u.name == "c.service").unwrap();
        assert!(exec_start(c).last().unwrap() == "registry.example/busybox:1");
        assert!(c.text.contains("After=bb-image.service"));
        let i = g.units.iter().find(|u| u.name == "bb-image.service").unwrap();
        assert_eq!(exec_start(i), ["/bin/rpod", "image", "pull", "--tls-verify=false", "registry.example/busybox:1"]);
    }

    /// A scratch tree of unit files, removed on drop.
    struct Tree(PathBuf);
    impl Tree {
        fn new(name: &str) -> Tree {
            let d = std::env::temp_dir().join(format!("rpod-quadlet-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&d);
            std::fs::create_dir_all(&d).unwrap();
            Tree(d)
        }
        fn unit(&self, rel: &str) {
            let p = self.0.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "[Container]\nImage=busybox\n").unwrap();
        }
    }
    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn names(search: &SearchPath) -> Vec<String> {
        let (sources, errors) = load(search);
        assert!(errors.is_empty(), "{errors:?}");
        let mut v: Vec<String> = sources.into_iter().map(|s| s.file_name).collect();
        v.sort();
        v
    }

    /// Hostile class: another user's unit files. `users/UID` of user B is
    /// never turned into services of user A (Podman's numeric-directory
    /// rule), not even through a symlinked `users` directory; the system
    /// generator reads nothing under `users/`.
    #[test]
    fn users_directories_of_other_users_are_never_read() {
        let t = Tree::new("users");
        let etc = t.0.join("etc");
        let users = etc.join("users");
        t.unit("etc/system.container");
        t.unit("etc/sub/system-sub.container");
        t.unit("etc/users/everyone.container");
        t.unit("etc/users/team/team.container");
        t.unit("etc/users/team/2000/nested-number.container");
        t.unit("etc/users/1000/mine.container");
        t.unit("etc/users/1000/deep/mine-deep.container");
        t.unit("etc/users/1001/other.container");
        t.unit("etc/users/01000/padded.container");
        t.unit("etc/users/1001/sub/other-deep.container");
        let user = |uid: u32, users_path: &Path| SearchPath {
            dirs: vec![users_path.join(uid.to_string()), users_path.to_path_buf()],
            users: Some(UsersDir { path: users.clone(), uid: Some(uid) }),
        };
        let mine = ["everyone.container", "mine-deep.container", "mine.container", "nested-number.container", "team.container"];
        assert_eq!(names(&user(1000, &users)), mine);
        let other = names(&user(1001, &users));
        assert!(other.contains(&"other.container".to_string()) && !other.iter().any(|n| n.starts_with("mine")), "{other:?}");
        // A user with no directory of their own gets only the shared units.
        assert_eq!(names(&user(4242, &users)), ["everyone.container", "nested-number.container", "team.container"]);
        // The same through a symlink to `users`.
        let link = t.0.join("users-link");
        std::os::unix::fs::symlink(&users, &link).unwrap();
        assert_eq!(names(&user(1000, &link)), mine);
        // The system generator: nothing of users/, the rest recursively.
        let system = SearchPath { dirs: vec![etc.clone()], users: Some(UsersDir { path: users.clone(), uid: None }) };
        assert_eq!(names(&system), ["system-sub.container", "system.container"]);
        // QUADLET_UNIT_DIRS lifts the rule, as Podman's.
        assert!(names(&SearchPath { dirs: vec![users.clone()], users: None }).contains(&"other.container".to_string()));
    }

    #[test]
    fn search_dirs_follow_podmans_order() {
        assert!(std::env::var_os("QUADLET_UNIT_DIRS").is_none(), "unset QUADLET_UNIT_DIRS to run the unit tests");
        let s = search_dirs(true, 1000, Some(Path::new("/run/user/1000")), Some(Path::new("/home/u/.config")));
        let want: Vec<PathBuf> =
            ["/run/user/1000/containers/systemd", "/home/u/.config/containers/systemd", "/etc/containers/systemd/users/1000", "/etc/containers/systemd/users"]
                .iter()
                .map(PathBuf::from)
                .collect();
        assert_eq!(s.dirs, want);
        assert_eq!(s.users.as_ref().unwrap().uid, Some(1000));
        assert_eq!(search_dirs(false, 0, None, None).users.unwrap().uid, None);
    }

    /// Healthcheck keys and `Notify=healthy` are refused when the units are
    /// made, in one line naming the file and the keys, as `Pod=` is; the
    /// other files still become units.
    #[test]
    fn healthchecks_are_refused_at_generation_naming_the_file() {
        let g = convert_all(
            &[
                src("h.container", "[Container]\nImage=busybox\nHealthCmd=true\nHealthInterval=5s\n"),
                src("n.container", "[Container]\nImage=busybox\nNotify=healthy\n"),
                src("ok.container", "[Container]\nImage=busybox\nNotify=true\n"),
            ],
            Path::new("/bin/rpod"),
            true,
        );
        assert_eq!(g.units.len(), 1, "{:?}", g.errors);
        assert!(exec_start(&g.units[0]).contains(&"--sdnotify=container".to_string()));
        assert_eq!(g.errors.len(), 2, "{:?}", g.errors);
        assert!(g.errors[0].contains("h.container") && g.errors[0].contains("HealthCmd, HealthInterval: rpod has no healthchecks yet"), "{}", g.errors[0]);
        assert!(g.errors[1].contains("n.container") && g.errors[1].contains("Notify=healthy: rpod has no healthchecks yet"), "{}", g.errors[1]);
        assert!(g.errors.iter().all(|e| !e.contains('\n')));
    }

    #[test]
    fn install_links_refuse_path_names() {
        let u = UnitFile::parse("[Install]\nWantedBy=default.target ../../etc/evil.target\n").unwrap();
        assert_eq!(install_links(&u, "a.service"), vec!["default.target.wants/a.service"]);
    }
}

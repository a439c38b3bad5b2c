//! `rpod doctor`: check, as the calling user, everything rootless rpod
//! needs, and say for each problem the exact command that fixes it.
//!
//! Every check only reads (files, sysctls, metadata) or probes in a
//! short-lived forked child (a user namespace, an overlay mount in a scratch
//! directory that is removed afterwards); opening `/dev/fuse` and
//! `/dev/net/tun` allocates nothing until an ioctl or mount, which doctor
//! never makes. It needs no store and no user namespace of its own, so it
//! runs even when `Paths` cannot be resolved.

use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::paths::Paths;

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    /// Works, with a limit the user should know about (an optional feature
    /// is unavailable or slower).
    Warn,
    /// Something rootless rpod needs is missing: `rpod run` fails.
    Fail,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warn => "warn",
            Status::Fail => "fail",
        }
    }
}

/// One check: what, how it came out, why, and the command that fixes it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Check {
    pub name: String,
    pub status: Status,
    pub detail: String,
    /// The exact shell command that fixes a warn or fail (empty when ok).
    pub fix: String,
}

/// Everything doctor found.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Report {
    pub user: String,
    pub uid: u32,
    pub checks: Vec<Check>,
}

impl Report {
    /// Whether something rpod needs is missing (doctor exits 1).
    pub fn failed(&self) -> bool {
        self.checks.iter().any(|c| c.status == Status::Fail)
    }
}

fn check(name: &str, status: Status, detail: impl Into<String>, fix: impl Into<String>) -> Check {
    Check { name: name.into(), status, detail: detail.into(), fix: if status == Status::Ok { String::new() } else { fix.into() } }
}

fn ok(name: &str, detail: impl Into<String>) -> Check {
    check(name, Status::Ok, detail, "")
}

/// Run every check. `paths` is what the global flags and the environment
/// resolved to (an error is itself reported).
pub fn doctor(paths: Result<&Paths, String>) -> Report {
    let uid = nix::unistd::getuid().as_raw();
    let user = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid)).ok().flatten().map(|u| u.name).unwrap_or_else(|| uid.to_string());
    let mut checks = Vec::new();
    let subs = [("/etc/subuid", "subuid"), ("/etc/subgid", "subgid")];
    for (file, kind) in subs {
        checks.push(subids(Path::new(file), kind, &user, uid));
    }
    if let Ok(p) = &paths {
        checks.push(userns_auto(p, &user));
    }
    for helper in ["newuidmap", "newgidmap"] {
        checks.push(id_helper(helper));
    }
    checks.push(userns(Path::new("/proc/sys")));
    let tun = device("/dev/net/tun", "tun", "pasta and slirp4netns need it for a container's network", Status::Fail);
    let fuse = device("/dev/fuse", "fuse", "fuse-overlayfs needs it where native overlayfs is refused", Status::Warn);
    let overlay = native_overlay(paths.as_ref().ok().copied(), fuse.status == Status::Ok);
    checks.extend([fuse, tun, overlay]);
    checks.push(network_helpers());
    checks.extend(cgroups(&user));
    checks.push(runtime_dir(std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from), uid, &user));
    match paths {
        Ok(p) => checks.push(store_fs(&p.root)),
        Err(e) => checks.push(check("paths", Status::Fail, e, "export XDG_RUNTIME_DIR=/run/user/$(id -u)   # or pass --root and --runroot")),
    }
    checks.push(init());
    checks.push(linger(&user));
    Report { user, uid, checks }
}

// ------------------------------------------------------------ subordinate ids

/// The first subordinate id after every range in the file: where a new range
/// for this user can start without overlapping another user's.
fn free_start(text: &str) -> u64 {
    text.lines()
        .filter_map(|l| {
            let mut it = l.trim().split(':');
            let (_, s, c) = (it.next()?, it.next()?, it.next()?);
            Some(s.trim().parse::<u64>().ok()? + c.trim().parse::<u64>().ok()?)
        })
        .fold(100_000, u64::max)
}

fn subids(file: &Path, kind: &str, user: &str, uid: u32) -> Check {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return check(kind, Status::Fail, format!("cannot read {}: {e}", file.display()), format!("sudo chmod 0644 {}", file.display())),
    };
    let ranges = crate::runtime::subid::parse_ranges(&text, user, uid);
    let total: u64 = ranges.iter().map(|r| u64::from(r.count)).sum();
    let start = free_start(&text);
    let flag = if kind == "subuid" { "--add-subuids" } else { "--add-subgids" };
    let fix = format!("sudo usermod {flag} {start}-{} {user}", start + 65535);
    if ranges.is_empty() {
        return check(kind, Status::Fail, format!("no range for {user} in {}: containers cannot map more than one id", file.display()), fix);
    }
    let list: Vec<String> = ranges.iter().map(|r| format!("{}-{}", r.start, u64::from(r.start) + u64::from(r.count) - 1)).collect();
    let detail = format!("{user}: {} ({total} ids{})", list.join(", "), if total >= 65536 { ", enough for --userns=auto's default size" } else { "" });
    if total < 65536 {
        return check(kind, Status::Warn, format!("{detail}; fewer than 65536: images with owners above {} fail to unpack", total), fix);
    }
    ok(kind, detail)
}

/// The smallest `--userns=auto` container (Podman's default minimum size).
const AUTO_MIN: u64 = 1024;

/// Free intermediate ids for `--userns=auto`: the user's ranges minus what
/// existing `auto` containers hold (the allocation `run` makes, read-only).
fn userns_auto(paths: &Paths, user: &str) -> Check {
    const NAME: &str = "userns-auto";
    let Ok(base) = crate::runtime::userns::IdMap::for_current_user() else {
        return check(NAME, Status::Warn, "no subordinate ids: --userns=auto cannot run", "see the subuid and subgid checks");
    };
    let a = match super::identity::auto_ids(&paths.root, &paths.runroot, &base) {
        Ok(a) => a,
        Err(e) => return check(NAME, Status::Warn, format!("cannot read the containers of {}: {e}", paths.root.display()), "rpod ps -a   # to see what fails"),
    };
    let detail = format!(
        "{} of {} subordinate ids free (largest free run {}); {} held by {} auto container(s)",
        a.total - a.held,
        a.total,
        a.largest_free,
        a.held,
        a.containers.len()
    );
    if a.largest_free >= AUTO_MIN {
        return ok(NAME, detail);
    }
    let add = |file: &str, flag: &str| {
        let start = free_start(&std::fs::read_to_string(file).unwrap_or_default());
        format!("{flag} {start}-{}", start + 65535)
    };
    let grow = format!("sudo usermod {} {} {user}", add("/etc/subuid", "--add-subuids"), add("/etc/subgid", "--add-subgids"));
    let fix = if a.containers.is_empty() { grow } else { format!("rpod rm -f {}   # those you no longer need; or: {grow}", a.containers.join(" ")) };
    check(NAME, Status::Warn, format!("{detail}: a --userns=auto container needs {AUTO_MIN}"), fix)
}

// ------------------------------------------------------- newuidmap/newgidmap

/// Whether `path` carries file capabilities (`security.capability`).
fn has_file_caps(path: &Path) -> bool {
    let Ok(c) = std::ffi::CString::new(std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str())) else { return false };
    // SAFETY: both strings are NUL-terminated; a null buffer of size 0 asks
    // only for the attribute's size and writes nothing.
    let n = unsafe { libc::getxattr(c.as_ptr(), c"security.capability".as_ptr(), std::ptr::null_mut(), 0) };
    n > 0
}

fn id_helper(name: &str) -> Check {
    let Some(path) = crate::runtime::userns::helper_path(name) else {
        return check(
            name,
            Status::Fail,
            format!("{name} not found in PATH or /usr/bin"),
            "sudo apt-get install uidmap   # Fedora: sudo dnf install shadow-utils",
        );
    };
    let Ok(m) = std::fs::metadata(&path) else {
        return check(name, Status::Fail, format!("cannot stat {}", path.display()), "sudo apt-get install --reinstall uidmap");
    };
    let setuid = m.mode() & 0o4000 != 0 && m.uid() == 0;
    if setuid {
        return ok(name, format!("{} (setuid root)", path.display()));
    }
    if has_file_caps(&path) {
        return ok(name, format!("{} (file capabilities)", path.display()));
    }
    let cap = if name == "newuidmap" { "cap_setuid" } else { "cap_setgid" };
    // A good copy further down the search path: put its directory first.
    let good = ["/usr/bin", "/usr/sbin", "/bin"]
        .iter()
        .map(|d| Path::new(d).join(name))
        .find(|p| p != &path && (std::fs::metadata(p).is_ok_and(|m| m.uid() == 0 && m.mode() & 0o4000 != 0) || has_file_caps(p)));
    let fix = match good {
        Some(g) => format!("export PATH={}:$PATH   # or: sudo setcap {cap}+ep {}", g.parent().unwrap_or(Path::new("/usr/bin")).display(), path.display()),
        None => format!("sudo chown root:root {p} && sudo chmod u+s {p}   # or: sudo setcap {cap}+ep {p}", p = path.display()),
    };
    check(name, Status::Fail, format!("{} is neither setuid root nor has file capabilities: it cannot write a user namespace's id map", path.display()), fix)
}

// ------------------------------------------------------------ user namespaces

fn sysctl(root: &Path, key: &str) -> Option<i64> {
    std::fs::read_to_string(root.join(key.replace('.', "/"))).ok()?.trim().parse().ok()
}

fn sysctl_fix(key: &str, value: &str) -> String {
    format!("sudo sysctl -w {key}={value} && echo {key}={value} | sudo tee /etc/sysctl.d/90-rpod-{}.conf", key.replace('.', "-"))
}

/// Whether this process may create a user namespace and map its own id
/// (probed in a forked child).
fn probe_userns() -> Result<(), String> {
    let uid = nix::unistd::getuid();
    let (r, w) = nix::unistd::pipe().map_err(|e| e.to_string())?;
    // SAFETY: the child only makes syscalls, writes to a pipe and _exits; the
    // CLI is single-threaded when doctor runs.
    match unsafe { nix::unistd::fork() } {
        Ok(nix::unistd::ForkResult::Child) => {
            drop(r);
            let res = nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWUSER)
                .map_err(|e| format!("unshare(CLONE_NEWUSER): {e}"))
                .and_then(|_| std::fs::write("/proc/self/uid_map", format!("0 {uid} 1")).map_err(|e| format!("writing uid_map: {e}")));
            let code = match res {
                Ok(()) => 0,
                Err(m) => {
                    let _ = nix::unistd::write(&w, m.as_bytes());
                    1
                }
            };
            // SAFETY: _exit in the forked child.
            unsafe { libc::_exit(code) }
        }
        Ok(nix::unistd::ForkResult::Parent { child }) => {
            drop(w);
            let mut msg = String::new();
            let _ = std::io::Read::read_to_string(&mut std::fs::File::from(r), &mut msg);
            match nix::sys::wait::waitpid(child, None) {
                Ok(nix::sys::wait::WaitStatus::Exited(_, 0)) => Ok(()),
                _ => Err(if msg.is_empty() { "the probe died".into() } else { msg }),
            }
        }
        Err(e) => Err(format!("fork: {e}")),
    }
}

fn userns(proc_sys: &Path) -> Check {
    let mut problems = Vec::new();
    let mut fixes = Vec::new();
    let mut seen = Vec::new();
    if let Some(v) = sysctl(proc_sys, "kernel.unprivileged_userns_clone") {
        seen.push(format!("kernel.unprivileged_userns_clone={v}"));
        if v == 0 {
            problems.push("kernel.unprivileged_userns_clone=0 forbids them".to_string());
            fixes.push(sysctl_fix("kernel.unprivileged_userns_clone", "1"));
        }
    }
    if let Some(v) = sysctl(proc_sys, "user.max_user_namespaces") {
        seen.push(format!("user.max_user_namespaces={v}"));
        if v == 0 {
            problems.push("user.max_user_namespaces=0 forbids them".to_string());
            fixes.push(sysctl_fix("user.max_user_namespaces", "28633"));
        }
    }
    if let Some(v) = sysctl(proc_sys, "kernel.apparmor_restrict_unprivileged_userns") {
        seen.push(format!("kernel.apparmor_restrict_unprivileged_userns={v}"));
        if v != 0 {
            problems.push("AppArmor restricts unprivileged user namespaces to profiles that allow them".to_string());
            let exe = std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_else(|_| "/usr/local/bin/rpod".into());
            fixes.push(format!(
                "printf 'abi <abi/4.0>,\\ninclude <tunables/global>\\nprofile rpod {exe} flags=(unconfined) {{\\n  userns,\\n}}\\n' | sudo tee /etc/apparmor.d/rpod && sudo apparmor_parser -r /etc/apparmor.d/rpod"
            ));
        }
    }
    let probe = probe_userns();
    let sysctls = if seen.is_empty() { String::new() } else { format!(" ({})", seen.join(", ")) };
    match (probe, problems.is_empty()) {
        (Ok(()), true) => ok("userns", format!("an unprivileged user namespace can be created{sysctls}")),
        (Ok(()), false) => check("userns", Status::Warn, format!("created one, but {}", problems.join("; ")), fixes.join(" && ")),
        (Err(e), _) => {
            let why = if problems.is_empty() { String::new() } else { format!(": {}", problems.join("; ")) };
            let fix =
                if fixes.is_empty() { "check the kernel's user namespace support (CONFIG_USER_NS) and any LSM policy".into() } else { fixes.join(" && ") };
            check("userns", Status::Fail, format!("cannot create a user namespace ({e}){why}{sysctls}"), fix)
        }
    }
}

// ------------------------------------------------------------------- devices

fn device(path: &str, name: &str, why: &str, missing: Status) -> Check {
    // Opening allocates nothing (no TUNSETIFF, no mount): a read/write open
    // is exactly the access pasta, slirp4netns and fuse-overlayfs need.
    match std::fs::OpenOptions::new().read(true).write(true).custom_flags(libc::O_CLOEXEC | libc::O_NOCTTY).open(path) {
        Ok(_) => ok(name, format!("{path} opens read-write")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let module = if name == "tun" { "tun" } else { "fuse" };
            check(name, missing, format!("{path} does not exist: {why}"), format!("sudo modprobe {module}"))
        }
        Err(e) => {
            let mode = std::fs::metadata(path).map(|m| format!(" (mode {:04o}, owner uid {})", m.mode() & 0o7777, m.uid())).unwrap_or_default();
            check(name, missing, format!("cannot open {path}{mode}: {e}; {why}"), format!("sudo chmod 0666 {path}"))
        }
    }
}

fn native_overlay(paths: Option<&Paths>, fuse_ok: bool) -> Check {
    let base = paths.map(|p| p.runroot.clone()).filter(|p| std::fs::create_dir_all(p).is_ok()).unwrap_or_else(std::env::temp_dir);
    let scratch = base.join(format!("doctor-overlay-{}", std::process::id()));
    if crate::runtime::rootfs::probe_native_overlay(&scratch) {
        return ok("overlay", "native overlayfs mounts in a user namespace (userxattr)");
    }
    match crate::network::find_helper("fuse-overlayfs") {
        Some(f) if fuse_ok => check(
            "overlay",
            Status::Warn,
            format!("native overlayfs is refused in a user namespace (Linux >= 5.11 needed); {} is used instead (slower)", f.display()),
            "upgrade the kernel to 5.11 or later for native overlayfs",
        ),
        _ => check(
            "overlay",
            Status::Warn,
            "neither native overlayfs nor fuse-overlayfs works: containers need --storage-driver vfs (a full copy per container)",
            "sudo apt-get install fuse-overlayfs && sudo chmod 0666 /dev/fuse",
        ),
    }
}

fn network_helpers() -> Check {
    let found: Vec<String> = crate::network::helpers().into_iter().filter_map(|h| h.path.map(|p| format!("{} ({p})", h.name))).collect();
    if found.is_empty() {
        return check(
            "network",
            Status::Fail,
            "neither pasta nor slirp4netns is installed: only --network none and host work",
            "sudo apt-get install passt   # or: sudo apt-get install slirp4netns",
        );
    }
    let default = crate::network::default_mode().map(|m| m.name()).unwrap_or_else(|e| e.to_string());
    ok("network", format!("{}; default network {default}", found.join(", ")))
}

// ------------------------------------------------------------------- cgroups

const DELEGATE_FIX: &str = "sudo mkdir -p /etc/systemd/system/user@.service.d && printf '[Service]\\nDelegate=cpu cpuset io memory pids\\n' | sudo tee /etc/systemd/system/user@.service.d/delegate.conf && sudo systemctl daemon-reload   # then log in again";

fn cgroups(user: &str) -> Vec<Check> {
    let v2 = match crate::cgroups::v2_mount() {
        None => {
            return vec![check(
                "cgroups",
                Status::Warn,
                "no cgroup v2 hierarchy is mounted: --memory, --cpus, --pids-limit, pause and stats are unavailable",
                "boot with systemd.unified_cgroup_hierarchy=1 (cgroup v2)",
            )]
        }
        Some(m) => m,
    };
    let mut out = Vec::new();
    if v2 == Path::new("/sys/fs/cgroup") {
        out.push(ok("cgroups", "cgroup v2 (unified) at /sys/fs/cgroup"));
    } else {
        out.push(check(
            "cgroups",
            Status::Warn,
            format!("hybrid: cgroup v1 controllers, cgroup v2 at {} with few controllers", v2.display()),
            "boot with systemd.unified_cgroup_hierarchy=1 (cgroup v2 only)",
        ));
    }
    match crate::cgroups::delegated() {
        Ok(d) => {
            let have: Vec<String> = std::fs::read_to_string(d.join("cgroup.controllers")).unwrap_or_default().split_whitespace().map(String::from).collect();
            let missing: Vec<&str> = ["cpu", "memory", "pids", "io"].into_iter().filter(|c| !have.iter().any(|h| h == c)).collect();
            let detail = format!("{} is delegated; controllers: {}", d.display(), if have.is_empty() { "none".into() } else { have.join(" ") });
            if missing.is_empty() {
                out.push(ok("delegation", detail));
            } else {
                out.push(check("delegation", Status::Warn, format!("{detail}; missing {}: limits that need them fail", missing.join(" ")), DELEGATE_FIX));
            }
        }
        Err(e) => out.push(check(
            "delegation",
            Status::Warn,
            format!("{e:#}; containers run in rpod's cgroup: limits, pause and stats fail"),
            format!("log in through a systemd session (ssh, or `machinectl shell {user}@`), not su; or: systemd-run --user --scope -p Delegate=yes rpod ..."),
        )),
    }
    out
}

// --------------------------------------------------------- XDG_RUNTIME_DIR

fn runtime_dir(var: Option<PathBuf>, uid: u32, user: &str) -> Check {
    let own = PathBuf::from(format!("/run/user/{uid}"));
    let own_ok = std::fs::symlink_metadata(&own).is_ok_and(|m| m.is_dir() && m.uid() == uid);
    let export = if own_ok {
        format!("export XDG_RUNTIME_DIR={}", own.display())
    } else {
        format!("sudo loginctl enable-linger {user}   # then log in with ssh or `machinectl shell {user}@` (not su), or: export XDG_RUNTIME_DIR=/tmp/$(id -u)-runtime && mkdir -m 0700 -p $XDG_RUNTIME_DIR")
    };
    let Some(dir) = var.filter(|v| !v.as_os_str().is_empty()) else {
        return check(
            "runtime-dir",
            Status::Warn,
            format!(
                "XDG_RUNTIME_DIR is not set (typical after su or sudo -u); live state goes to {}",
                if own_ok { own.display().to_string() } else { format!("/tmp/rpod-run-{uid}") }
            ),
            export,
        );
    };
    let m = match std::fs::symlink_metadata(&dir) {
        Ok(m) => m,
        Err(e) => return check("runtime-dir", Status::Fail, format!("XDG_RUNTIME_DIR={}: {e}", dir.display()), export),
    };
    if !m.is_dir() {
        return check("runtime-dir", Status::Fail, format!("XDG_RUNTIME_DIR={} is not a directory", dir.display()), export);
    }
    if m.uid() != uid {
        return check(
            "runtime-dir",
            Status::Fail,
            format!("XDG_RUNTIME_DIR={} belongs to uid {}, not to you (uid {uid}): a leftover of su or sudo", dir.display(), m.uid()),
            export,
        );
    }
    if m.mode() & 0o077 != 0 {
        return check(
            "runtime-dir",
            Status::Warn,
            format!("XDG_RUNTIME_DIR={} has mode {:04o}: other users can reach rpod's sockets", dir.display(), m.mode() & 0o7777),
            format!("chmod 0700 {}", dir.display()),
        );
    }
    ok("runtime-dir", format!("XDG_RUNTIME_DIR={} (yours, mode 0700)", dir.display()))
}

// ------------------------------------------------------------------- store

const OVERLAYFS_MAGIC: i64 = 0x794c_7630;
const NFS_MAGIC: i64 = 0x6969;

fn store_fs(root: &Path) -> Check {
    // The store may not exist yet: its nearest existing ancestor tells.
    let mut p = root.to_path_buf();
    while !p.exists() && p.pop() {}
    let ty = match nix::sys::statfs::statfs(&p) {
        Ok(s) => s.filesystem_type().0,
        Err(e) => return check("store", Status::Warn, format!("cannot statfs {}: {e}", p.display()), "rpod --root DIR   # a directory on a local disk"),
    };
    let local = format!("rpod --root /var/tmp/{}-rpod ...   # a store on a local disk", nix::unistd::getuid());
    match ty {
        OVERLAYFS_MAGIC => check(
            "store",
            Status::Warn,
            format!("the store {} is on overlayfs (a container's root?): native overlay cannot stack on it; fuse-overlayfs or vfs is used", root.display()),
            local,
        ),
        NFS_MAGIC => check("store", Status::Warn, format!("the store {} is on NFS: subordinate-id owners and xattrs fail there", root.display()), local),
        t => ok("store", format!("{} on {}", root.display(), fs_name(t))),
    }
}

fn fs_name(magic: i64) -> String {
    match magic {
        0xef53 => "ext4".into(),
        0x9123_683e => "btrfs".into(),
        0x5846_5342 => "xfs".into(),
        0x0102_1994 => "tmpfs".into(),
        0x2fc1_2fc1 => "zfs".into(),
        0xf2f5_2010 => "f2fs".into(),
        m => format!("file system 0x{m:x}"),
    }
}

// -------------------------------------------------------- init and linger

fn init() -> Check {
    match crate::container::spec::find_init(None) {
        Ok(p) => ok("init", format!("catatonit for --init: {}", p.display())),
        Err(_) => check("init", Status::Warn, "catatonit not found: --init fails", "sudo apt-get install catatonit"),
    }
}

fn linger(user: &str) -> Check {
    if !Path::new("/run/systemd/system").is_dir() {
        return ok("linger", "not a systemd host: user units and linger do not apply");
    }
    if Path::new("/var/lib/systemd/linger").join(user).exists() {
        return ok("linger", format!("enabled for {user}: user units start at boot"));
    }
    check(
        "linger",
        Status::Warn,
        format!("not enabled for {user}: user units (Quadlet) stop at logout and do not start at boot"),
        format!("loginctl enable-linger {user}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_start_is_after_every_range() {
        assert_eq!(free_start(""), 100_000);
        assert_eq!(free_start("a:100000:65536\nb:165536:65536\n# x\nbad\n"), 231_072);
    }

    #[test]
    fn subids_without_range_names_usermod_with_a_free_range() {
        let dir = std::env::temp_dir().join(format!("rpod-doctor-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("subuid");
        std::fs::write(&f, "alice:100000:65536\n").unwrap();
        let c = subids(&f, "subuid", "bob", 4242);
        assert_eq!(c.status, Status::Fail);
        assert_eq!(c.fix, "sudo usermod --add-subuids 165536-231071 bob");
        let c = subids(&f, "subuid", "alice", 1000);
        assert_eq!(c.status, Status::Ok, "{c:?}");
        assert!(c.fix.is_empty());
        std::fs::write(&f, "bob:200000:1000\n").unwrap();
        let c = subids(&f, "subuid", "bob", 4242);
        assert_eq!(c.status, Status::Warn, "{c:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn userns_sysctls_name_their_fix() {
        let dir = std::env::temp_dir().join(format!("rpod-doctor-sys-{}", std::process::id()));
        for (k, v) in [("kernel/unprivileged_userns_clone", "0"), ("user/max_user_namespaces", "0"), ("kernel/apparmor_restrict_unprivileged_userns", "1")] {
            std::fs::create_dir_all(dir.join(k).parent().unwrap()).unwrap();
            std::fs::write(dir.join(k), v).unwrap();
        }
        let c = userns(&dir);
        assert_ne!(c.status, Status::Ok);
        assert!(c.fix.contains("sudo sysctl -w kernel.unprivileged_userns_clone=1"), "{c:?}");
        assert!(c.fix.contains("sudo sysctl -w user.max_user_namespaces=28633"), "{c:?}");
        assert!(c.fix.contains("userns,"), "{c:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn runtime_dir_unset_and_foreign() {
        let c = runtime_dir(None, 4242, "bob");
        assert_eq!(c.status, Status::Warn);
        assert!(c.fix.contains("loginctl enable-linger bob") || c.fix.starts_with("export XDG_RUNTIME_DIR="), "{c:?}");
        // / belongs to root: wrong owner for any other uid.
        let c = runtime_dir(Some("/".into()), 4242, "bob");
        assert_eq!(c.status, Status::Fail, "{c:?}");
    }
}

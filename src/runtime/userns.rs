//! Entering a user namespace mapped with the setuid helpers.
//!
//! Rootless rpod maps container root to the invoking user and container ids
//! 1..N to the user's subordinate range (`/etc/subuid`, `/etc/subgid`). Only a
//! process outside the new namespace can write the full mapping, through the
//! setuid `newuidmap`/`newgidmap` helpers (newuidmap(1)). So the choreography is:
//!
//! 1. fork a helper child while still in the initial namespace;
//! 2. the parent `unshare(CLONE_NEWUSER)`s itself and tells the child;
//! 3. the child runs `newuidmap PARENT ...` and `newgidmap PARENT ...`, reports, exits;
//! 4. the parent is now uid 0 in a fully mapped namespace with all capabilities in it.
//!
//! `unshare(CLONE_NEWUSER)` fails in a multi-threaded process, so this runs
//! before any thread (tokio, progress bars) starts.

use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::process::Command;

use anyhow::{bail, Context, Result};
use nix::sched::CloneFlags;
use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{fork, ForkResult, Pid};

use super::subid::{self, IdRange};

/// One line of a uid_map/gid_map: `inside outside count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MapLine {
    pub inside: u32,
    pub outside: u32,
    pub count: u32,
}

/// The uid and gid mappings of rpod's user namespace.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct IdMap {
    pub uids: Vec<MapLine>,
    pub gids: Vec<MapLine>,
}

fn build(own: u32, ranges: &[IdRange]) -> Vec<MapLine> {
    let mut lines = vec![MapLine { inside: 0, outside: own, count: 1 }];
    let mut next = 1u32;
    for r in ranges {
        lines.push(MapLine { inside: next, outside: r.start, count: r.count });
        next = next.saturating_add(r.count);
    }
    lines
}

impl IdMap {
    /// The mapping for the invoking user from `/etc/subuid` and `/etc/subgid`.
    pub fn for_current_user() -> Result<IdMap> {
        let uid = nix::unistd::getuid();
        let gid = nix::unistd::getgid();
        let user = nix::unistd::User::from_uid(uid).ok().flatten().map(|u| u.name).or_else(|| std::env::var("USER").ok()).unwrap_or_else(|| uid.to_string());
        let subuids = subid::ranges_for("/etc/subuid".as_ref(), "UID", &user, uid.as_raw())?;
        let subgids = subid::ranges_for("/etc/subgid".as_ref(), "GID", &user, uid.as_raw())?;
        Ok(IdMap { uids: build(uid.as_raw(), &subuids), gids: build(gid.as_raw(), &subgids) })
    }

    /// How many ids (0..n) the namespace maps.
    pub fn uid_count(&self) -> u64 {
        self.uids.iter().map(|l| l.count as u64).sum()
    }

    /// The first `n` ids of each kind only (`--userns=keep-id:size=N`).
    pub fn truncated(&self, n: u32) -> IdMap {
        let cut =
            |lines: &[MapLine]| -> Vec<MapLine> { lines.iter().filter(|l| l.inside < n).map(|l| MapLine { count: l.count.min(n - l.inside), ..*l }).collect() };
        IdMap { uids: cut(&self.uids), gids: cut(&self.gids) }
    }

    /// How many gids (0..n) the namespace maps.
    pub fn gid_count(&self) -> u64 {
        self.gids.iter().map(|l| l.count as u64).sum()
    }
}

/// `--userns=keep-id`: the container's ids and how fuse-overlayfs must show
/// the layers (stored under rpod's default mapping) in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeepId {
    /// The container's mapping: container id `uid` is the user, 0..uid-1
    /// and uid+1.. are the subordinate ids in order.
    pub map: IdMap,
    /// fuse-overlayfs `uidmapping=`: `ID-ON-DISK:ID-SHOWN:COUNT` triples,
    /// ids as seen in the container's user namespace.
    pub fuse_uids: String,
    pub fuse_gids: String,
}

/// The host ids of positions `from..from+count` of a mapping's id sequence
/// (position j is the host id that container id j has under `lines`).
fn host_segments(lines: &[MapLine], from: u64, count: u64) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let (mut pos, end) = (from, from + count);
    for l in lines {
        let (ls, le) = (l.inside as u64, l.inside as u64 + l.count as u64);
        let (s, e) = (pos.max(ls), end.min(le));
        if s < e {
            out.push(((l.outside as u64 + (s - ls)) as u32, (e - s) as u32));
            pos = e;
        }
    }
    out
}

/// Keep-id for one id kind: `base` is rpod's default mapping (0 = the
/// user, 1.. = subordinate ids), `keep` the container id that is to be
/// the user.
fn keep_one(base: &[MapLine], keep: u32, what: &str) -> Result<(Vec<MapLine>, String)> {
    let total: u64 = base.iter().map(|l| l.count as u64).sum();
    if keep as u64 >= total {
        bail!("--userns=keep-id: {what} {keep} is outside the {total} ids this user can map (see /etc/sub{what}); use keep-id:{what}=N with N < {total}");
    }
    // Container id c sits at position π⁻¹(c) of the default sequence:
    // keep → 0, c < keep → c + 1, c > keep → c.
    let mut lines = Vec::new();
    let mut push = |inside: u64, pos: u64, count: u64| {
        let mut i = inside;
        for (host, n) in host_segments(base, pos, count) {
            lines.push(MapLine { inside: i as u32, outside: host, count: n });
            i += n as u64;
        }
    };
    push(0, 1, keep as u64);
    push(keep as u64, 0, 1);
    push(keep as u64 + 1, keep as u64 + 1, total - keep as u64 - 1);
    lines.sort_by_key(|l| l.inside);
    // The file with image id x is stored as host id base(x), which the
    // container's namespace sees as π(x): show it as x.
    let mut fuse = vec![format!("{keep}:0:1")];
    if keep > 0 {
        fuse.push(format!("0:1:{keep}"));
    }
    if total > keep as u64 + 1 {
        fuse.push(format!("{}:{}:{}", keep as u64 + 1, keep as u64 + 1, total - keep as u64 - 1));
    }
    Ok((lines, fuse.join(":")))
}

impl IdMap {
    /// `--userns=keep-id[:uid=U,gid=G]` from rpod's default mapping `self`.
    pub fn keep_id(&self, uid: u32, gid: u32) -> Result<KeepId> {
        let (uids, fuse_uids) = keep_one(&self.uids, uid, "uid")?;
        let (gids, fuse_gids) = keep_one(&self.gids, gid, "gid")?;
        Ok(KeepId { map: IdMap { uids, gids }, fuse_uids, fuse_gids })
    }
}

/// Where a container's ids sit among rpod's default namespace's ids (the
/// "intermediate" ids of Podman's rootless `--uidmap`): each line maps
/// container ids `inside..inside+count` to intermediate ids `outside..`.
/// The identity (container id j = image id j = intermediate id j) is rpod's
/// default; anything else needs the layers shown shifted (native overlay
/// over per-mapping copies, `storage::shift`, or fuse-overlayfs mappings).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shift {
    pub uids: Vec<MapLine>,
    pub gids: Vec<MapLine>,
}

/// The id `c` maps to under `lines`, if any.
fn forward(lines: &[MapLine], c: u32) -> Option<u32> {
    lines.iter().find(|l| c >= l.inside && (c - l.inside) < l.count).map(|l| l.outside + (c - l.inside))
}

/// keep-id for one id kind: container id `keep` is intermediate 0 (the
/// user), 0..keep-1 are 1..keep, the rest map to themselves.
fn keep_lines(keep: u32, total: u64) -> Vec<MapLine> {
    let mut v = Vec::new();
    if keep > 0 {
        v.push(MapLine { inside: 0, outside: 1, count: keep });
    }
    v.push(MapLine { inside: keep, outside: 0, count: 1 });
    if total > keep as u64 + 1 {
        v.push(MapLine { inside: keep + 1, outside: keep + 1, count: (total - keep as u64 - 1) as u32 });
    }
    v
}

impl Shift {
    /// `--userns=keep-id:uid=U,gid=G` over `total` mapped uids/gids.
    pub fn keep_id(uid: u32, gid: u32, uid_total: u64, gid_total: u64) -> Shift {
        Shift { uids: keep_lines(uid, uid_total), gids: keep_lines(gid, gid_total) }
    }

    /// Whether container ids are the default namespace's ids (nothing to shift).
    pub fn is_identity(&self) -> bool {
        self.uids.iter().chain(&self.gids).all(|l| l.inside == l.outside)
    }

    /// The intermediate uid of container uid `c`.
    pub fn uid(&self, c: u32) -> Option<u32> {
        forward(&self.uids, c)
    }

    /// The intermediate gid of container gid `c`.
    pub fn gid(&self, c: u32) -> Option<u32> {
        forward(&self.gids, c)
    }

    /// The container uid of intermediate uid `i` (the inverse).
    pub fn uid_back(&self, i: u32) -> Option<u32> {
        self.uids.iter().find(|l| i >= l.outside && (i - l.outside) < l.count).map(|l| l.inside + (i - l.outside))
    }

    /// The container gid of intermediate gid `i`.
    pub fn gid_back(&self, i: u32) -> Option<u32> {
        self.gids.iter().find(|l| i >= l.outside && (i - l.outside) < l.count).map(|l| l.inside + (i - l.outside))
    }

    /// Whether the user's own uid or gid (intermediate id 0) is left out of
    /// the container (`nomap`, `auto`, a `--uidmap` without host id 0).
    pub fn leaves_out_user(&self) -> bool {
        self.uid_back(0).is_none() || self.gid_back(0).is_none()
    }

    /// A name for this mapping: the store keeps one shifted copy of a layer per key.
    pub fn key(&self) -> String {
        let mut text = String::new();
        for (k, lines) in [("u", &self.uids), ("g", &self.gids)] {
            for l in lines {
                text.push_str(&format!("{k}{}:{}:{};", l.inside, l.outside, l.count));
            }
        }
        crate::storage::Digest::of(text.as_bytes()).hex()[..32].to_string()
    }
}

impl IdMap {
    /// The host mapping of a container whose ids sit at `shift` among this
    /// (default) mapping's ids. Fails when `shift` names an intermediate
    /// id this mapping does not have.
    pub fn compose(&self, shift: &Shift) -> Result<IdMap> {
        let one = |base: &[MapLine], lines: &[MapLine], what: &str| -> Result<Vec<MapLine>> {
            let total: u64 = base.iter().map(|l| l.count as u64).sum();
            let mut out = Vec::new();
            for l in lines {
                if l.outside as u64 + l.count as u64 > total {
                    bail!(
                        "the {what} mapping {}:{}:{} needs intermediate {what}s up to {}, but this user has {total} (0 and the ranges in /etc/sub{what})",
                        l.inside,
                        l.outside,
                        l.count,
                        l.outside as u64 + l.count as u64 - 1
                    );
                }
                let mut i = l.inside as u64;
                for (host, n) in host_segments(base, l.outside as u64, l.count as u64) {
                    out.push(MapLine { inside: i as u32, outside: host, count: n });
                    i += n as u64;
                }
            }
            out.sort_by_key(|l| l.inside);
            Ok(out)
        };
        Ok(IdMap { uids: one(&self.uids, &shift.uids, "uid")?, gids: one(&self.gids, &shift.gids, "gid")? })
    }
}

fn helper_args(pid: Pid, lines: &[MapLine]) -> Vec<String> {
    let mut args = vec![pid.to_string()];
    for l in lines {
        args.extend([l.inside.to_string(), l.outside.to_string(), l.count.to_string()]);
    }
    args
}

/// Whether this process already has full privileges over its ids: real root,
/// or root inside a user namespace (e.g. under `rpod unshare`).
pub fn already_privileged() -> bool {
    nix::unistd::geteuid().is_root()
}

/// Whether this process runs in a user namespace other than the initial one.
pub fn in_user_namespace() -> bool {
    match std::fs::read_to_string("/proc/self/uid_map") {
        Ok(m) => m.split_whitespace().collect::<Vec<_>>() != ["0", "0", "4294967295"],
        Err(_) => false,
    }
}

/// Where `enter` finds an id-mapping helper: PATH, then /usr/bin, /usr/sbin,
/// /bin (`rpod doctor` checks the same file).
pub fn helper_path(name: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/sbin:/usr/bin:/sbin:/bin".into());
    std::env::split_paths(&path).chain(["/usr/bin".into(), "/usr/sbin".into(), "/bin".into()]).map(|d| d.join(name)).find(|p| p.is_file())
}

fn find_helper(name: &str) -> Result<std::path::PathBuf> {
    helper_path(name).with_context(|| format!("{name} not found: install the uidmap package (e.g. `sudo apt-get install uidmap`)"))
}

/// Move the calling process into a new user namespace mapped by `map`.
/// Must be called while the process is single-threaded.
pub fn enter(map: &IdMap) -> Result<()> {
    enter_then(map, || Ok(()))
}

/// [`enter`], running `f` once the ids are mapped but before this process
/// becomes uid 0 there: its kernel uid is still the user's, so `f` can
/// open the user's files even when the mapping leaves the user out
/// (`runtime::pinned`), and it already holds every capability of the new namespace.
pub fn enter_then<T>(map: &IdMap, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let newuidmap = find_helper("newuidmap")?;
    let newgidmap = find_helper("newgidmap")?;
    if !single_threaded_soon() {
        bail!("cannot create a user namespace from a multi-threaded process (internal error)");
    }
    let parent = nix::unistd::getpid();
    let (go_r, go_w) = nix::unistd::pipe().context("pipe")?;
    let (res_r, res_w) = nix::unistd::pipe().context("pipe")?;
    let uid_args = helper_args(parent, &map.uids);
    let gid_args = helper_args(parent, &map.gids);
    // SAFETY: the process is single-threaded (checked just above via
    // /proc/self/status), so the child may allocate and spawn processes.
    match unsafe { fork() }.context("fork for the id-mapping helper")? {
        ForkResult::Child => {
            drop(go_w);
            drop(res_r);
            let code = child_map(go_r, res_w, &newuidmap, &uid_args, &newgidmap, &gid_args);
            // SAFETY: _exit is async-signal-safe and skips the parent's atexit state.
            unsafe { libc::_exit(code) }
        }
        ForkResult::Parent { child } => {
            drop(go_r);
            drop(res_w);
            let unshared = nix::sched::unshare(CloneFlags::CLONE_NEWUSER);
            let mut go = std::fs::File::from(go_w);
            // Tell the helper to go (1) or to give up (0) when unshare failed.
            let _ = go.write_all(if unshared.is_ok() { b"1" } else { b"0" });
            drop(go);
            let mut report = String::new();
            let _ = std::fs::File::from(res_r).read_to_string(&mut report);
            let status = waitpid(child, None);
            if let Err(e) = unshared {
                bail!("cannot create a user namespace: {e} (are unprivileged user namespaces enabled? see sysctl kernel.unprivileged_userns_clone and user.max_user_namespaces)");
            }
            match status {
                Ok(WaitStatus::Exited(_, 0)) => {}
                _ => bail!("{}", if report.is_empty() { "setting up the user namespace mapping failed".into() } else { report.trim().to_string() }),
            }
            let t = f()?;
            // We are uid 0 in the namespace now; make it explicit for the gid too.
            nix::unistd::setresgid(0.into(), 0.into(), 0.into()).context("setresgid(0) in the user namespace")?;
            nix::unistd::setresuid(0.into(), 0.into(), 0.into()).context("setresuid(0) in the user namespace")?;
            Ok(t)
        }
    }
}

fn child_map(go: OwnedFd, res: OwnedFd, newuidmap: &std::path::Path, uid_args: &[String], newgidmap: &std::path::Path, gid_args: &[String]) -> i32 {
    let mut buf = [0u8; 1];
    let mut go = std::fs::File::from(go);
    let mut res = std::fs::File::from(res);
    if go.read_exact(&mut buf).is_err() || buf[0] != b'1' {
        return 1;
    }
    match run_map_helpers([(newuidmap, uid_args), (newgidmap, gid_args)]) {
        Ok(()) => 0,
        Err(msg) => {
            let _ = write!(res, "{msg} (check the ranges in /etc/subuid and /etc/subgid)");
            1
        }
    }
}

/// Run newuidmap and newgidmap side by side (two setuid execs, ~1 ms each,
/// on a path every start takes) and wait for both; the first failure in
/// order is reported, with the helper's own message.
pub fn run_map_helpers(helpers: [(&std::path::Path, &[String]); 2]) -> Result<(), String> {
    let mut running = Vec::with_capacity(2);
    for (tool, args) in helpers {
        let child = Command::new(tool)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run {} (install the uidmap package): {e}", tool.display()));
        running.push((tool, args, child));
    }
    let mut first_error = None;
    for (tool, args, child) in running {
        let result = child.and_then(|c| c.wait_with_output().map_err(|e| format!("waiting for {}: {e}", tool.display())));
        let err = match result {
            Ok(out) if out.status.success() => continue,
            Ok(out) => format!("{} {} failed: {}", tool.display(), args.join(" "), String::from_utf8_lossy(&out.stderr).trim()),
            Err(e) => e,
        };
        first_error.get_or_insert(err);
    }
    first_error.map_or(Ok(()), Err)
}

/// Number of threads of this process.
/// Whether the process is, or within a moment becomes, single-threaded.
/// A thread that was joined (a dropped tokio runtime's workers, as `push`
/// does before entering the namespace) is still counted by the kernel for a
/// short while: pthread_join returns when the thread clears its tid, before
/// the kernel has released it from the thread group. Seen under TCG in the
/// systemd tier (2026-12-01). Threads that still run keep the count up and
/// make this false after the wait.
fn single_threaded_soon() -> bool {
    let end = std::time::Instant::now() + std::time::Duration::from_millis(500);
    loop {
        if threads() <= 1 {
            return true;
        }
        if std::time::Instant::now() >= end {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

pub fn threads() -> usize {
    // num_threads, field 20 of /proc/self/stat (after the command name in
    // parentheses, which may hold anything): cheaper for the kernel to
    // produce than /proc/self/status, on every container start.
    std::fs::read_to_string("/proc/self/stat").ok().and_then(|s| stat_threads(&s)).unwrap_or(1)
}

fn stat_threads(stat: &str) -> Option<usize> {
    stat.get(stat.rfind(')')? + 1..)?.split_whitespace().nth(17)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_count_from_a_stat_line() {
        // comm "a) S 1 2" tries to shift the fields.
        let stat = "42 (a) S 1 2) S 1 42 42 0 -1 4194560 100 0 0 0 7 5 0 0 20 0 3 0 1000 1000 100 0";
        assert_eq!(stat_threads(stat), Some(3));
        assert_eq!(stat_threads("garbage"), None);
        assert!(threads() >= 1);
    }

    #[test]
    fn keep_id_mapping() {
        let base = IdMap {
            uids: vec![
                MapLine { inside: 0, outside: 1001, count: 1 },
                MapLine { inside: 1, outside: 100000, count: 600 },
                MapLine { inside: 601, outside: 300000, count: 400 },
            ],
            gids: vec![MapLine { inside: 0, outside: 1001, count: 1 }, MapLine { inside: 1, outside: 100000, count: 1000 }],
        };
        let k = base.keep_id(1000, 5).unwrap();
        // uid 1000 is the user; 0..999 are the 1000 subordinate ids
        // (across both ranges); nothing is left above.
        assert_eq!(
            k.map.uids,
            [
                MapLine { inside: 0, outside: 100000, count: 600 },
                MapLine { inside: 600, outside: 300000, count: 400 },
                MapLine { inside: 1000, outside: 1001, count: 1 },
            ]
        );
        assert_eq!(k.fuse_uids, "1000:0:1:0:1:1000");
        // gid 5: 0..4 → the first five subordinate gids, 5 → the user, 6.. → the rest.
        assert_eq!(
            k.map.gids,
            [
                MapLine { inside: 0, outside: 100000, count: 5 },
                MapLine { inside: 5, outside: 1001, count: 1 },
                MapLine { inside: 6, outside: 100005, count: 995 },
            ]
        );
        assert_eq!(k.fuse_gids, "5:0:1:0:1:5:6:6:995");
        // Every host id is mapped exactly once.
        let total = |v: &[MapLine]| v.iter().map(|l| l.count as u64).sum::<u64>();
        assert_eq!(total(&k.map.gids), base.gid_count());
        assert!(base.keep_id(1001, 1001).is_err(), "gid 1001 is beyond the 1001 gids");
        assert!(base.keep_id(0, 0).is_ok());
    }

    #[test]
    fn keep_id_as_a_shift() {
        let base = IdMap {
            uids: vec![
                MapLine { inside: 0, outside: 1001, count: 1 },
                MapLine { inside: 1, outside: 100000, count: 600 },
                MapLine { inside: 601, outside: 300000, count: 400 },
            ],
            gids: vec![MapLine { inside: 0, outside: 1001, count: 1 }, MapLine { inside: 1, outside: 100000, count: 1000 }],
        };
        for (u, g) in [(1000, 5), (0, 0), (3, 999)] {
            let s = Shift::keep_id(u, g, base.uid_count(), base.gid_count());
            assert_eq!(base.compose(&s).unwrap(), base.keep_id(u, g).unwrap().map, "keep-id {u}:{g}");
            assert_eq!(s.is_identity(), (u, g) == (0, 0));
            assert_eq!(s.uid(u), Some(0), "the user's own id");
            for c in [0, 1, 2, u, u.saturating_sub(1), 700] {
                assert_eq!(s.uid(c).and_then(|i| s.uid_back(i)), Some(c));
            }
        }
        assert_eq!(Shift::keep_id(1000, 1000, 65537, 65537).uid(5), Some(6));
        assert_ne!(Shift::keep_id(1000, 1000, 65537, 65537).key(), Shift::keep_id(1000, 1001, 65537, 65537).key());
        let too_far = Shift { uids: vec![MapLine { inside: 0, outside: 900, count: 200 }], gids: vec![] };
        assert!(base.compose(&too_far).is_err());
    }

    #[test]
    fn mapping_lines_are_consecutive() {
        let m = build(1000, &[IdRange { start: 100000, count: 65536 }, IdRange { start: 300000, count: 10 }]);
        assert_eq!(
            m,
            vec![
                MapLine { inside: 0, outside: 1000, count: 1 },
                MapLine { inside: 1, outside: 100000, count: 65536 },
                MapLine { inside: 65537, outside: 300000, count: 10 },
            ]
        );
        assert_eq!(helper_args(Pid::from_raw(7), &m[..1]), ["7", "0", "1000", "1"]);
    }
}

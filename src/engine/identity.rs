//! The container's ids (`--userns`, `--uidmap`, `--gidmap`, `--subuidname`,
//! `--subgidname`), Podman's rootless semantics: ids are given relative to
//! rpod's own user namespace ("intermediate" ids: 0 is you, 1.. your
//! subordinate ids), and anything other than that namespace's own mapping
//! is a [`Shift`] the layers are copied for once (engine::mapped).
//!
//! | mode | container ids |
//! |---|---|
//! | default, `host` | rpod's namespace: container root is you |
//! | `keep-id[:uid=,gid=,size=]` | your uid/gid at U/G (default: your own), the rest subordinate |
//! | `nomap` | subordinate ids only: your own uid is not in the container |
//! | `auto[:size=N,uidmapping=C:H:N,gidmapping=C:H:N]` | N subordinate ids no other `auto` container has (forced lines as given) |
//! | `--uidmap C:I:N` / `--gidmap` | container C.. = intermediate I.. |

use anyhow::Context;

use super::error::{Error, Result};
use super::Engine;
use crate::runtime::userns::{IdMap, MapLine, Shift};
use crate::storage::FileLock;

/// Spec annotation marking a container whose ids were allocated by `--userns=auto`.
pub const AUTO: &str = "io.rpod.userns.auto";

/// What the container's ids are.
#[derive(Debug, Default)]
pub struct Identity {
    /// The host mapping for the spec (`None`: real root, no mapping).
    pub map: Option<IdMap>,
    /// Layers to shift into the container's ids (not the identity).
    pub shift: Option<Shift>,
    /// fuse-overlayfs `uidmapping=`/`gidmapping=` (keep-id, fuse-overlayfs driver).
    pub fuse: Option<(String, String)>,
    /// The process's user unless `--user` says otherwise (keep-id: you).
    pub user: Option<String>,
    /// `--userns=auto`: held until the container's record is stored, so two
    /// creates never pick the same range.
    pub auto_lock: Option<FileLock>,
}

/// The flags that choose the ids.
#[derive(Debug, Clone, Default)]
pub struct IdFlags<'a> {
    pub userns: &'a str,
    pub uidmap: &'a [String],
    pub gidmap: &'a [String],
    pub subuidname: Option<&'a str>,
    pub subgidname: Option<&'a str>,
}

/// `C:I:N` lines of `--uidmap`/`--gidmap` (several flags, or several lines joined by `,`).
pub fn parse_map_lines(flag: &str, values: &[String]) -> Result<Vec<MapLine>> {
    let mut v = Vec::new();
    for s in values.iter().flat_map(|s| s.split(',')).filter(|s| !s.is_empty()) {
        let bad = || {
            Error::bad_input(format!(
                "invalid --{flag} {s:?}: use CONTAINER_ID:HOST_ID:SIZE (host ids are ids of rpod's user namespace, as with rootless Podman)"
            ))
        };
        let n: Vec<u32> = s.split(':').map(|x| x.parse::<u32>()).collect::<std::result::Result<_, _>>().map_err(|_| bad())?;
        let [inside, outside, count] = n[..] else { return Err(bad()) };
        if count == 0 {
            return Err(bad());
        }
        v.push(MapLine { inside, outside, count });
    }
    v.sort_by_key(|l| l.inside);
    for w in v.windows(2) {
        if w[0].inside as u64 + w[0].count as u64 > w[1].inside as u64 {
            return Err(Error::bad_input(format!(
                "invalid --{flag}: container ids {}..{} are mapped twice",
                w[1].inside,
                w[0].inside as u64 + w[0].count as u64 - 1
            )));
        }
    }
    Ok(v)
}

/// `key=N` options of a `--userns` mode.
fn options<'a>(mode: &str, opts: &'a str, allowed: &[&str]) -> Result<Vec<(&'a str, u32)>> {
    let mut v = Vec::new();
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        let bad = || {
            Error::bad_input(format!("invalid --userns option {o:?}: {mode} takes {}", allowed.iter().map(|a| format!("{a}=N")).collect::<Vec<_>>().join(", ")))
        };
        let (k, val) = o.split_once('=').ok_or_else(bad)?;
        if !allowed.contains(&k) {
            return Err(bad());
        }
        v.push((k, val.parse::<u32>().map_err(|_| bad())?));
    }
    Ok(v)
}

/// The largest uid and gid named in the image's /etc/passwd and /etc/group.
fn image_max_ids(lowers: &[std::path::PathBuf]) -> (u32, u32) {
    let max = |path: &str, field: usize| -> u32 {
        let text = crate::container::spec::image_file(lowers, path).ok().flatten().unwrap_or_default();
        // As containers/storage: nobody/nogroup (65534) do not size the namespace.
        text.lines().filter_map(|l| l.split(':').nth(field)?.parse::<u32>().ok()).filter(|id| *id != 65534).max().unwrap_or(0)
    };
    let (u, g) = (max("/etc/passwd", 2), max("/etc/group", 2));
    (u.max(max("/etc/passwd", 3)), g.max(max("/etc/passwd", 3)))
}

/// Ranges of intermediate ids other `auto` containers hold: `(start, end)`.
fn auto_taken(engine: &Engine) -> Result<Vec<(u64, u64)>> {
    Ok(auto_holders(&super::container::containers(engine)?)?.into_iter().flat_map(|(_, r)| r).collect::<std::collections::BTreeSet<_>>().into_iter().collect())
}

/// Intermediate ids `[start, end)`.
type IdRange = (u64, u64);

/// Each `auto` container's name and the intermediate ids it holds.
fn auto_holders(store: &crate::container::ContainerStore) -> Result<Vec<(String, Vec<IdRange>)>> {
    let mut v = Vec::new();
    for rec in store.list()? {
        if !rec.spec.annotations().as_ref().is_some_and(|a| a.contains_key(AUTO)) {
            continue;
        }
        if let Some(s) = crate::container::spec::container_shift(&rec) {
            v.push((rec.name.clone(), s.uids.iter().map(|l| (l.outside as u64, l.outside as u64 + l.count as u64)).collect()));
        }
    }
    Ok(v)
}

/// How `--userns=auto` stands: what rpod's namespace can hand out and
/// what `auto` containers already hold ([`resolve`]'s allocation, read-only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutoIds {
    /// Intermediate ids `--userns=auto` may use (all but the user's own).
    pub total: u64,
    /// Ids held by `auto` containers.
    pub held: u64,
    /// The largest run of free ids: the biggest `size=` that fits now.
    pub largest_free: u64,
    /// The `auto` containers, by name.
    pub containers: Vec<String>,
}

/// [`AutoIds`] for the store at `root`/`runroot` and rpod's mapping `base`.
/// A store that does not exist yet holds nothing (and is not created).
pub fn auto_ids(root: &std::path::Path, runroot: &std::path::Path, base: &IdMap) -> Result<AutoIds> {
    let total = base.uid_count().min(base.gid_count());
    let holders = if root.join("containers").is_dir() { auto_holders(&crate::container::ContainerStore::open(root, runroot)?)? } else { Vec::new() };
    let taken: std::collections::BTreeSet<(u64, u64)> = holders.iter().flat_map(|(_, r)| r.iter().copied()).collect();
    Ok(summarize(&taken.into_iter().collect::<Vec<_>>(), total, holders.into_iter().map(|(n, _)| n).collect()))
}

/// Held ids and the largest free run in `1..total`, given sorted `taken` ranges.
fn summarize(taken: &[(u64, u64)], total: u64, containers: Vec<String>) -> AutoIds {
    let (mut held, mut largest, mut next) = (0u64, 0u64, 1u64);
    for &(s, e) in taken {
        let (s, e) = (s.clamp(1, total), e.clamp(1, total));
        largest = largest.max(s.saturating_sub(next));
        held += e.saturating_sub(s.max(next));
        next = next.max(e);
    }
    largest = largest.max(total.saturating_sub(next));
    AutoIds { total: total.saturating_sub(1), held, largest_free: largest, containers }
}

/// How many of the container ids `0..size` the `lines` map.
fn covered(lines: &[MapLine], size: u64) -> u64 {
    lines.iter().map(|l| (l.inside as u64 + l.count as u64).min(size).saturating_sub(l.inside as u64)).sum()
}

/// Container ids `0..size` not mapped by `extra`, in order, onto the
/// intermediate ids from `start`; then `extra` itself. Sorted by container id.
fn auto_lines(size: u64, start: u32, extra: &[MapLine]) -> Vec<MapLine> {
    let mut v: Vec<MapLine> = extra.to_vec();
    let mut next = start as u64;
    let mut c = 0u64;
    while c < size {
        if let Some(l) = extra.iter().find(|l| (l.inside as u64..l.inside as u64 + l.count as u64).contains(&c)) {
            c = l.inside as u64 + l.count as u64;
            continue;
        }
        let end = extra.iter().map(|l| l.inside as u64).filter(|&i| i > c).min().unwrap_or(size).min(size);
        v.push(MapLine { inside: c as u32, outside: next as u32, count: (end - c) as u32 });
        next += end - c;
        c = end;
    }
    v.sort_by_key(|l| l.inside);
    v
}

/// The first `size` free intermediate ids (1.. : 0 is the user) below `total`.
fn allocate(taken: &[(u64, u64)], size: u64, total: u64) -> Option<u32> {
    let mut start = 1u64;
    for &(s, e) in taken {
        if start + size <= s {
            break;
        }
        start = start.max(e);
    }
    (start + size <= total).then_some(start as u32)
}

/// The container's ids from its flags; `base` is rpod's default mapping
/// (`None` when rpod runs as real root), `lowers` the image's layers
/// (bottom first), `driver` the storage driver for the container.
pub fn resolve(engine: &Engine, f: &IdFlags, base: Option<IdMap>, lowers: &[std::path::PathBuf], driver: &str) -> Result<Identity> {
    if f.subuidname.is_some() || f.subgidname.is_some() {
        return Err(Error::bad_input("--subuidname and --subgidname cannot be used rootless: only the subordinate ids of the user running rpod can be mapped (use --uidmap/--gidmap with ids of rpod's user namespace)"));
    }
    let (mode, opts) = f.userns.split_once(':').unwrap_or((f.userns, ""));
    let custom = !f.uidmap.is_empty() || !f.gidmap.is_empty();
    if custom && !matches!(mode, "" | "host" | "private") {
        return Err(Error::bad_input(format!("--userns={mode} cannot be combined with --uidmap or --gidmap")));
    }
    let need_base = |what: &str| base.clone().ok_or_else(|| Error::bad_input(format!("{what} needs rootless rpod (a user with subordinate ids)")));
    let mut id = Identity { map: base.clone(), ..Default::default() };
    match mode {
        "" | "host" | "private" if !custom => {
            if mode == "private" {
                return Err(Error::bad_input("--userns=private is not supported by rpod yet: use the default, keep-id, nomap, auto or --uidmap"));
            }
        }
        "" | "host" | "private" => {
            let base = need_base("--uidmap/--gidmap")?;
            let uids = parse_map_lines("uidmap", f.uidmap)?;
            let gids = parse_map_lines("gidmap", f.gidmap)?;
            // As Podman: one given, the other is the same.
            let (uids, gids) = match (uids.is_empty(), gids.is_empty()) {
                (true, _) => (gids.clone(), gids),
                (_, true) => (uids.clone(), uids),
                _ => (uids, gids),
            };
            id.shift = Some(Shift { uids, gids });
            id.map = Some(base.compose(id.shift.as_ref().expect("set")).map_err(|e| Error::bad_input(format!("{e:#}")))?);
        }
        "keep-id" => {
            let mut base = need_base("--userns=keep-id")?;
            let (mut uid, mut gid) = (None, None);
            for (k, v) in options("keep-id", opts, &["uid", "gid", "size"])? {
                match k {
                    "uid" => uid = Some(v),
                    "gid" => gid = Some(v),
                    _ if v > 0 => base = base.truncated(v),
                    _ => return Err(Error::bad_input("invalid --userns option \"size=0\"")),
                }
            }
            // The user's own ids: container root's under rpod's mapping
            // (getuid() says 0 once this process is in that namespace).
            let own = |lines: &[MapLine]| lines.iter().find(|l| l.inside == 0).map(|l| l.outside);
            let uid = uid.or_else(|| own(&base.uids)).unwrap_or_else(|| nix::unistd::getuid().as_raw());
            let gid = gid.or_else(|| own(&base.gids)).unwrap_or_else(|| nix::unistd::getgid().as_raw());
            let k = base.keep_id(uid, gid).map_err(|e| Error::bad_input(format!("{e:#}")))?;
            // As Podman: the command runs as that user unless --user says otherwise.
            id.user = Some(format!("{uid}:{gid}"));
            if driver == "fuse-overlayfs" {
                // Nothing copied: fuse-overlayfs shows the layers shifted.
                id.fuse = Some((k.fuse_uids, k.fuse_gids));
            } else {
                id.shift = Some(Shift::keep_id(uid, gid, base.uid_count(), base.gid_count()));
            }
            id.map = Some(k.map);
        }
        "nomap" => {
            let base = need_base("--userns=nomap")?;
            options("nomap", opts, &[])?;
            let line = |total: u64| vec![MapLine { inside: 0, outside: 1, count: (total - 1) as u32 }];
            if base.uid_count() < 2 || base.gid_count() < 2 {
                return Err(Error::bad_input("--userns=nomap needs subordinate ids (see /etc/subuid and /etc/subgid)"));
            }
            let s = Shift { uids: line(base.uid_count()), gids: line(base.gid_count()) };
            id.map = Some(base.compose(&s).map_err(|e| Error::bad_input(format!("{e:#}")))?);
            id.shift = Some(s);
        }
        "auto" => {
            let base = need_base("--userns=auto")?;
            let mut size = None;
            let (mut extra_u, mut extra_g) = (Vec::new(), Vec::new());
            for o in opts.split(',').filter(|o| !o.is_empty()) {
                match o.split_once('=') {
                    Some(("uidmapping", v)) => extra_u.push(v.to_string()),
                    Some(("gidmapping", v)) => extra_g.push(v.to_string()),
                    Some(("size", v)) => match v.parse::<u32>() {
                        Ok(n) if n > 0 => size = Some(n as u64),
                        _ => return Err(Error::bad_input(format!("invalid --userns option {o:?}: size= takes a positive number"))),
                    },
                    _ => {
                        return Err(Error::bad_input(format!(
                            "invalid --userns option {o:?}: auto takes size=N, uidmapping=CONTAINER_ID:HOST_ID:SIZE, gidmapping=CONTAINER_ID:HOST_ID:SIZE"
                        )))
                    }
                }
            }
            // Forced mappings (Podman's uidmapping=/gidmapping=): host ids are
            // ids of rpod's namespace; their container ids take no auto ids.
            let extra_u = parse_map_lines("userns=auto:uidmapping", &extra_u)?;
            let extra_g = parse_map_lines("userns=auto:gidmapping", &extra_g)?;
            // As Podman: without size=, what the image's users and groups need, at least 1024.
            let size = size.unwrap_or_else(|| {
                let (u, g) = image_max_ids(lowers);
                (u.max(g) as u64 + 1).max(1024)
            });
            let need = size.saturating_sub(covered(&extra_u, size)).max(size.saturating_sub(covered(&extra_g, size)));
            let total = base.uid_count().min(base.gid_count());
            let lock = FileLock::exclusive(&engine.paths.root.join("userns-auto.lock")).context("locking --userns=auto allocations")?;
            let mut taken = auto_taken(engine)?;
            taken.extend(extra_u.iter().chain(&extra_g).map(|l| (l.outside as u64, l.outside as u64 + l.count as u64)));
            taken.sort();
            let start = if need == 0 {
                1
            } else {
                allocate(&taken, need, total).ok_or_else(|| {
                    Error::bad_input(format!("--userns=auto: no {need} subordinate ids are free (this user has {} and other auto containers hold some); remove one or ask for a smaller size=", total - 1))
                })?
            };
            let s = Shift { uids: auto_lines(size, start, &extra_u), gids: auto_lines(size, start, &extra_g) };
            id.map = Some(base.compose(&s).map_err(|e| Error::bad_input(format!("{e:#}")))?);
            id.shift = Some(s);
            id.auto_lock = Some(lock);
        }
        "ns" | "container" => return Err(Error::bad_input(format!("--userns={mode} is not supported by rpod yet"))),
        _ => {
            return Err(Error::bad_input(format!(
                "invalid --userns {:?}: use host, keep-id[:uid=N,gid=N,size=N], nomap or auto[:size=N,uidmapping=C:H:N,gidmapping=C:H:N]",
                f.userns
            )))
        }
    }
    if id.shift.as_ref().is_some_and(Shift::is_identity) {
        id.shift = None;
    }
    if id.shift.as_ref().is_some_and(Shift::leaves_out_user) && driver == "fuse-overlayfs" {
        // The root is mounted by descriptors (runtime::pinned), which
        // fuse-overlayfs, another process, cannot use.
        let what = if custom { "--uidmap/--gidmap without your own id (host id 0)".to_string() } else { format!("--userns={mode}") };
        return Err(Error::bad_input(format!("{what} needs native overlay or vfs: the fuse-overlayfs storage driver cannot serve it")));
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_ranges_do_not_overlap() {
        assert_eq!(allocate(&[], 1024, 65537), Some(1));
        assert_eq!(allocate(&[(1, 1025)], 1024, 65537), Some(1025));
        assert_eq!(allocate(&[(1, 1025), (3000, 4000)], 1024, 65537), Some(1025));
        assert_eq!(allocate(&[(1, 1025), (1500, 4000)], 1024, 65537), Some(4000));
        assert_eq!(allocate(&[(1, 65000)], 1024, 65537), None);
    }

    #[test]
    fn auto_ids_count_overlaps_once_and_find_the_largest_gap() {
        let a = summarize(&[], 65537, vec![]);
        assert_eq!((a.total, a.held, a.largest_free), (65536, 0, 65536));
        let a = summarize(&[(1, 1025), (1, 1025), (2000, 3000), (64000, 65537)], 65537, vec!["a".into()]);
        assert_eq!(a.held, 1024 + 1000 + 1537);
        assert_eq!(a.largest_free, 64000 - 3000);
        let a = summarize(&[(1, 65537)], 65537, vec![]);
        assert_eq!((a.held, a.largest_free), (65536, 0));
        assert_eq!(allocate(&[], 65536, 65537), Some(1));
    }

    #[test]
    fn auto_with_forced_mappings() {
        let l = |inside, outside, count| MapLine { inside, outside, count };
        assert_eq!(auto_lines(1024, 5, &[]), vec![l(0, 5, 1024)]);
        // The user as container root: 1..1023 from the allocation.
        assert_eq!(auto_lines(1024, 5, &[l(0, 0, 1)]), vec![l(0, 0, 1), l(1, 5, 1023)]);
        // A hole in the middle, and a forced line beyond the size.
        assert_eq!(auto_lines(10, 100, &[l(4, 0, 2), l(50, 7, 1)]), vec![l(0, 100, 4), l(4, 0, 2), l(6, 104, 4), l(50, 7, 1)]);
        assert_eq!(covered(&[l(4, 0, 2), l(50, 7, 1)], 10), 2);
        assert_eq!(covered(&[l(8, 0, 5)], 10), 2);
    }

    #[test]
    fn map_lines() {
        let l = parse_map_lines("uidmap", &["0:1:1000".into(), "1000:0:1".into()]).unwrap();
        assert_eq!(l, vec![MapLine { inside: 0, outside: 1, count: 1000 }, MapLine { inside: 1000, outside: 0, count: 1 }]);
        for bad in ["0:1", "a:b:c", "0:1:0", "0:1:10,5:20:1"] {
            assert!(parse_map_lines("uidmap", &[bad.into()]).is_err(), "{bad}");
        }
    }
}

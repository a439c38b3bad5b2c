//! `system df` and `system prune`: disk use of images, containers and
//! volumes, and removing what nothing uses.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::{container, images, volumes, Engine, Result};
use crate::container::Status;

/// One image in `system df -v`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ImageUsage {
    pub id: String,
    pub names: Vec<String>,
    pub created: Option<String>,
    pub size: u64,
    /// Bytes of layers other images use too.
    pub shared_size: u64,
    pub unique_size: u64,
    pub containers: usize,
}

/// One container in `system df -v`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContainerUsage {
    pub id: String,
    pub name: String,
    pub image_id: String,
    pub command: Vec<String>,
    pub created: String,
    pub status: String,
    /// Bytes written by the container (its upper directory).
    pub size: u64,
    pub local_volumes: usize,
}

/// One volume in `system df -v`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VolumeUsage {
    pub name: String,
    /// Containers using it.
    pub links: usize,
    pub size: u64,
}

/// `system df`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DiskUsage {
    pub images: Vec<ImageUsage>,
    pub containers: Vec<ContainerUsage>,
    pub volumes: Vec<VolumeUsage>,
}

/// Bytes under `dir`, not following symlinks or crossing into what cannot
/// be read (a container's files may belong to ids this process lacks).
///
/// `dir` may be a running container's writable layer, which container root
/// changes while we walk it: each directory is opened relative to its
/// parent's descriptor with `O_NOFOLLOW | O_DIRECTORY`, so a directory
/// swapped for a symlink (to `/`, or to an ancestor: a loop) between the
/// listing and the descent is skipped, never followed (the symlink-exchange
/// race class of CVE-2018-15664). Depth is capped at [`MAX_WALK_DEPTH`].
pub fn dir_size(dir: &Path) -> u64 {
    use nix::fcntl::OFlag;
    let flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC;
    match nix::dir::Dir::open(dir, flags, nix::sys::stat::Mode::empty()) {
        Ok(d) => walk_size(d, 0),
        Err(_) => 0,
    }
}

/// Deep enough for any real tree; bounds descriptors and recursion.
pub const MAX_WALK_DEPTH: usize = 256;

fn walk_size(mut d: nix::dir::Dir, depth: usize) -> u64 {
    use nix::fcntl::{AtFlags, OFlag};
    use std::os::fd::AsFd;
    let mut total = 0;
    let mut subdirs = Vec::new();
    let fd = d.as_fd().try_clone_to_owned();
    let Ok(fd) = fd else { return 0 };
    for e in d.iter().flatten() {
        let name = e.file_name();
        if name == c"." || name == c".." {
            continue;
        }
        let Ok(st) = nix::sys::stat::fstatat(&fd, name, AtFlags::AT_SYMLINK_NOFOLLOW) else { continue };
        if st.st_mode & libc::S_IFMT == libc::S_IFDIR {
            subdirs.push(name.to_owned());
        } else {
            total += st.st_size.max(0) as u64;
        }
    }
    if depth < MAX_WALK_DEPTH {
        let flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC;
        for name in subdirs {
            if let Ok(sub) = nix::dir::Dir::openat(&fd, name.as_c_str(), flags, nix::sys::stat::Mode::empty()) {
                total += walk_size(sub, depth + 1);
            }
        }
    }
    total
}

pub fn df(engine: &Engine) -> Result<DiskUsage> {
    let store = container::containers(engine)?;
    let recs = store.list_summaries()?;
    let vols = volumes::list(engine, &BTreeMap::new())?;
    let imgs = images::list(engine)?;
    // How many images use each layer, for shared and unique sizes.
    let mut layer_users: BTreeMap<String, usize> = BTreeMap::new();
    for i in &imgs {
        for l in &i.layers {
            *layer_users.entry(l.to_string()).or_default() += 1;
        }
    }
    let images = imgs
        .iter()
        .map(|i| {
            let shared: u64 = i
                .layers
                .iter()
                .filter(|l| layer_users.get(&l.to_string()).copied().unwrap_or(0) > 1)
                .map(|l| engine.store.layer(l).map(|r| r.uncompressed_size).unwrap_or(0))
                .sum();
            ImageUsage {
                id: i.id.clone(),
                names: i.names.clone(),
                created: i.created.clone(),
                size: i.size,
                shared_size: shared.min(i.size),
                unique_size: i.size.saturating_sub(shared),
                containers: recs.iter().filter(|c| c.image_id == i.id).count(),
            }
        })
        .collect();
    let containers = recs
        .iter()
        .map(|c| {
            let status = store.state(&c.id).map(|s| s.status).unwrap_or(Status::Exited);
            ContainerUsage {
                id: c.id.clone(),
                name: c.name.clone(),
                image_id: c.image_id.clone(),
                command: c.command.clone(),
                created: c.created.clone(),
                status: status.as_str().to_string(),
                size: dir_size(&store.dir(&c.id).join("diff")),
                local_volumes: vols.iter().filter(|v| v.users.contains(&c.id)).count(),
            }
        })
        .collect();
    let volumes = vols.iter().map(|v| VolumeUsage { name: v.name.clone(), links: v.users.len(), size: dir_size(Path::new(&v.mountpoint)) }).collect();
    Ok(DiskUsage { images, containers, volumes })
}

/// `system prune` options.
#[derive(Debug, Clone, Default)]
pub struct PruneOptions {
    /// Every unused image, not only dangling ones.
    pub all: bool,
    /// Unused volumes too.
    pub volumes: bool,
    /// `--filter`, compiled by [`PruneFilters::parse`].
    pub filters: PruneFilters,
}

/// `system prune --filter`: Podman's keys. `until=TIME` (RFC 3339; the
/// CLI turns durations and Unix times into it) keeps what was created
/// after it; `label=KEY[=VALUE]` prunes only what carries the label (all
/// such filters must hold); `label!=KEY[=VALUE]` spares what carries it.
/// The same filters apply to containers, images and volumes.
#[derive(Debug, Clone, Default)]
pub struct PruneFilters {
    pub until: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub labels: Vec<String>,
    pub not_labels: Vec<String>,
}

/// Whether `labels` has `KEY` (any value) or `KEY=VALUE`.
fn has_label(labels: &BTreeMap<String, String>, filter: &str) -> bool {
    match filter.split_once('=') {
        Some((k, v)) => labels.get(k).is_some_and(|x| x == v),
        None => labels.contains_key(filter),
    }
}

impl PruneFilters {
    /// Compile `KEY=VALUE` filters; an unknown key is Podman's error.
    pub fn parse(filters: &[String]) -> Result<PruneFilters> {
        let mut f = PruneFilters::default();
        for item in filters {
            let (k, v) = item.split_once('=').ok_or_else(|| super::Error::bad_input(format!("invalid filter {item:?}: it must be KEY=VALUE")))?;
            match k {
                "until" => {
                    let t = chrono::DateTime::parse_from_rfc3339(v).map_err(|_| super::Error::bad_input(format!("invalid until filter {v:?}")))?;
                    // Several: the earliest holds (each must be satisfied).
                    f.until = Some(f.until.map_or(t, |u| u.min(t)));
                }
                "label" => f.labels.push(v.to_string()),
                "label!" => f.not_labels.push(v.to_string()),
                other => return Err(super::Error::bad_input(format!("{other} is an invalid filter")).into()),
            }
        }
        Ok(f)
    }

    /// Whether an object created at `created` (RFC 3339; unknown: never
    /// older than `until`) with `labels` may be pruned.
    pub fn matches(&self, created: Option<&str>, labels: &BTreeMap<String, String>) -> bool {
        let old_enough = match (self.until, created.and_then(|c| chrono::DateTime::parse_from_rfc3339(c).ok())) {
            (None, _) => true,
            (Some(u), Some(c)) => c <= u,
            (Some(_), None) => false,
        };
        old_enough && self.labels.iter().all(|l| has_label(labels, l)) && !self.not_labels.iter().any(|l| has_label(labels, l))
    }

    fn is_empty(&self) -> bool {
        self.until.is_none() && self.labels.is_empty() && self.not_labels.is_empty()
    }
}

/// What `system prune` removed.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PruneReport {
    pub containers: Vec<String>,
    pub images: Vec<String>,
    pub volumes: Vec<String>,
    /// Bytes freed (container upper directories, image and volume sizes).
    pub reclaimed: u64,
}

/// Stopped containers, then dangling (or with `all`, unused) images, then
/// with `volumes` unused volumes: Podman's order, so what the containers
/// held is free for the later steps. Only what the filters select goes.
pub fn prune(engine: &Engine, o: &PruneOptions) -> Result<PruneReport> {
    let before = df(engine)?;
    let f = &o.filters;
    let mut r = PruneReport { containers: container::prune_matching(engine, &|c| f.matches(Some(&c.created), &c.labels))?, ..Default::default() };
    r.reclaimed += before.containers.iter().filter(|c| r.containers.contains(&c.id)).map(|c| c.size).sum::<u64>();
    r.images = if f.is_empty() {
        images::prune(engine, o.all)?
    } else {
        images::prune_matching(engine, o.all, &|i| {
            let labels: BTreeMap<String, String> = images::config(engine, i)
                .ok()
                .and_then(|c| c.pointer("/config/Labels").cloned())
                .and_then(|l| serde_json::from_value(l).ok())
                .unwrap_or_default();
            f.matches(i.created.as_deref(), &labels)
        })?
    };
    r.reclaimed += before.images.iter().filter(|i| r.images.contains(&i.id)).map(|i| i.unique_size).sum::<u64>();
    if o.volumes {
        if f.is_empty() {
            r.volumes = volumes::prune(engine, &BTreeMap::new())?;
        } else {
            let unused = volumes::list(engine, &BTreeMap::from([("dangling".to_string(), vec!["true".to_string()])]))?;
            for v in unused.into_iter().filter(|v| f.matches(Some(&v.created_at), &v.labels)) {
                match volumes::remove(engine, &v.name, false) {
                    Ok(()) => r.volumes.push(v.name),
                    Err(super::Error::InUse(_)) | Err(super::Error::NoSuchVolume(_)) => {} // used or removed meanwhile
                    Err(e) => return Err(e.into()),
                }
            }
        }
        r.reclaimed += before.volumes.iter().filter(|v| r.volumes.contains(&v.name)).map(|v| v.size).sum::<u64>();
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    #[test]
    fn prune_filters_until_label_and_not_label() {
        use super::PruneFilters;
        let labels = |kv: &[(&str, &str)]| kv.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<std::collections::BTreeMap<_, _>>();
        let f = PruneFilters::parse(&["until=2026-01-01T00:00:00Z".into(), "label=tier".into(), "label!=keep=yes".into()]).unwrap();
        assert!(f.matches(Some("2025-12-31T23:59:59Z"), &labels(&[("tier", "x")])));
        assert!(!f.matches(Some("2026-01-01T00:00:01Z"), &labels(&[("tier", "x")])), "newer than until");
        assert!(!f.matches(None, &labels(&[("tier", "x")])), "unknown creation time is kept");
        assert!(!f.matches(Some("2025-01-01T00:00:00Z"), &labels(&[])), "label missing");
        assert!(!f.matches(Some("2025-01-01T00:00:00Z"), &labels(&[("tier", "x"), ("keep", "yes")])), "label! spares it");
        assert!(f.matches(Some("2025-01-01T00:00:00Z"), &labels(&[("tier", "x"), ("keep", "no")])));
        let e = PruneFilters::parse(&["bogus=1".into()]).unwrap_err();
        assert_eq!(e.to_string(), "bogus is an invalid filter");
        assert!(PruneFilters::parse(&["label".into()]).is_err());
    }

    use super::*;

    #[test]
    fn dir_size_counts_files_and_does_not_follow_links() {
        let d = std::env::temp_dir().join(format!("rpod-df-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("a/b")).unwrap();
        std::fs::write(d.join("a/f"), vec![0u8; 1000]).unwrap();
        std::fs::write(d.join("a/b/g"), vec![0u8; 24]).unwrap();
        // A link to a big tree outside, and a loop: neither is followed.
        std::os::unix::fs::symlink("/usr", d.join("a/usr")).unwrap();
        std::os::unix::fs::symlink(&d, d.join("a/b/loop")).unwrap();
        let links = std::fs::symlink_metadata(d.join("a/usr")).unwrap().len() + std::fs::symlink_metadata(d.join("a/b/loop")).unwrap().len();
        assert_eq!(dir_size(&d), 1024 + links);
        let _ = std::fs::remove_dir_all(&d);
    }
}

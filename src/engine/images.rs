//! Local image verbs: list, inspect, history, tag, untag, rmi, prune, exists.

use anyhow::{anyhow, bail, Context, Result};
use serde::Serialize;
use serde_json::Value;

use super::lookup;
use super::Engine;
use crate::image::reference::{split_name, Reference};
use crate::storage::{Digest, ImageRecord};

/// All images, newest first (Podman's default order).
pub fn list(engine: &Engine) -> Result<Vec<ImageRecord>> {
    let mut images = engine.store.images()?;
    images.sort_by_key(|i| std::cmp::Reverse(created_of(i)));
    Ok(images)
}

fn created_of(i: &ImageRecord) -> String {
    i.created.clone().unwrap_or_else(|| i.stored.clone())
}

/// Resolve user input to one image or fail with Podman's "image not known".
/// A manifest list stands for its local image for this host's platform (as
/// in Podman's image lookup); [`resolve_record`] gives the list itself.
pub fn resolve(engine: &Engine, images: &[ImageRecord], input: &str) -> Result<ImageRecord> {
    let img = resolve_record(engine, images, input)?;
    if super::manifest::is_list(&img) {
        return super::manifest::local_instance(engine, images, &img, input, &crate::image::platform::Platform::host());
    }
    Ok(img)
}

/// The record `input` names, a manifest list included.
pub fn resolve_record(engine: &Engine, images: &[ImageRecord], input: &str) -> Result<ImageRecord> {
    lookup::find_with(images, input, || engine.registries())?.cloned().ok_or_else(|| anyhow!(super::error::Error::NoSuchImage(input.to_string())))
}

/// Resolve user input to a local image (Podman's "image not known" otherwise).
pub fn lookup(engine: &Engine, input: &str) -> Result<ImageRecord> {
    let imgs = engine.store.images()?;
    resolve(engine, &imgs, input)
}

/// Whether an image exists locally.
pub fn exists(engine: &Engine, input: &str) -> Result<bool> {
    let images = engine.store.images()?;
    Ok(lookup::find_with(&images, input, || engine.registries())?.is_some())
}

/// The parsed config of an image (the OCI image configuration JSON).
pub fn config(engine: &Engine, img: &ImageRecord) -> Result<Value> {
    let raw = engine.store.image_config(&img.id)?;
    serde_json::from_slice(&raw).with_context(|| format!("parsing config of image {}", img.id))
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GraphDriver {
    pub name: String,
    pub data: serde_json::Map<String, Value>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RootFs {
    #[serde(rename = "Type")]
    pub kind: String,
    pub layers: Vec<Value>,
}

/// `image inspect` output, in Podman's field order.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Inspect {
    pub id: String,
    pub digest: Digest,
    pub repo_tags: Vec<String>,
    pub repo_digests: Vec<String>,
    pub parent: String,
    pub comment: String,
    pub created: Option<String>,
    pub config: Value,
    pub version: String,
    pub author: String,
    pub architecture: String,
    pub os: String,
    pub size: u64,
    pub virtual_size: u64,
    pub graph_driver: GraphDriver,
    #[serde(rename = "RootFS")]
    pub root_fs: RootFs,
    pub labels: Value,
    pub annotations: Value,
    pub manifest_type: String,
    pub user: String,
    pub history: Value,
    pub names_history: Vec<String>,
}

pub fn inspect(engine: &Engine, img: &ImageRecord) -> Result<Inspect> {
    let cfg = config(engine, img)?;
    let c = cfg.get("config").cloned().unwrap_or(Value::Object(Default::default()));
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let manifest: Value = engine.store.image_manifest(&img.id, &img.digest).ok().and_then(|m| serde_json::from_slice(&m).ok()).unwrap_or(Value::Null);
    let mut data = serde_json::Map::new();
    let dirs: Vec<String> = img.layers.iter().rev().map(|l| engine.store.layer_diff(l).display().to_string()).collect();
    if let Some((upper, lower)) = dirs.split_first() {
        data.insert("UpperDir".into(), Value::String(upper.clone()));
        if !lower.is_empty() {
            data.insert("LowerDir".into(), Value::String(lower.join(":")));
        }
    }
    Ok(Inspect {
        id: img.id.clone(),
        digest: img.digest.clone(),
        repo_tags: img.names.clone(),
        repo_digests: img.repo_digests.clone(),
        parent: String::new(),
        comment: s(&cfg, "comment"),
        created: img.created.clone(),
        config: c.clone(),
        version: s(&cfg, "docker_version"),
        author: s(&cfg, "author"),
        architecture: img.architecture.clone(),
        os: img.os.clone(),
        size: img.size,
        virtual_size: img.size,
        graph_driver: GraphDriver { name: "overlay".into(), data },
        root_fs: RootFs { kind: "layers".into(), layers: cfg.pointer("/rootfs/diff_ids").and_then(Value::as_array).cloned().unwrap_or_default() },
        labels: c.get("Labels").cloned().unwrap_or(Value::Null),
        annotations: manifest.get("annotations").cloned().unwrap_or(Value::Object(Default::default())),
        manifest_type: img.manifest_media_type.clone(),
        user: s(&c, "User"),
        history: cfg.get("history").cloned().unwrap_or(Value::Array(vec![])),
        names_history: img.names.clone(),
    })
}

/// One row of `history`.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryRow {
    pub id: String,
    pub created: Option<String>,
    #[serde(rename = "CreatedBy")]
    pub created_by: String,
    pub size: u64,
    pub comment: String,
}

/// History, newest first; sizes are those of the layers the entries made.
pub fn history(engine: &Engine, img: &ImageRecord) -> Result<Vec<HistoryRow>> {
    let cfg = config(engine, img)?;
    let entries = cfg.get("history").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut layer_sizes = img.layers.iter().map(|l| engine.store.layer(l).map(|r| r.uncompressed_size).unwrap_or(0));
    let mut rows = Vec::new();
    for e in &entries {
        let empty = e.get("empty_layer").and_then(Value::as_bool).unwrap_or(false);
        let size = if empty { 0 } else { layer_sizes.next().unwrap_or(0) };
        rows.push(HistoryRow {
            id: "<missing>".into(),
            created: e.get("created").and_then(Value::as_str).map(str::to_string),
            created_by: e.get("created_by").and_then(Value::as_str).unwrap_or("").to_string(),
            size,
            comment: e.get("comment").and_then(Value::as_str).unwrap_or("").to_string(),
        });
    }
    if rows.is_empty() {
        // No history in the config: one row per layer, as Podman shows.
        for (i, l) in img.layers.iter().enumerate() {
            let size = engine.store.layer(l).map(|r| r.uncompressed_size).unwrap_or(0);
            rows.push(HistoryRow {
                id: if i + 1 == img.layers.len() { img.id.clone() } else { "<missing>".into() },
                created: img.created.clone(),
                created_by: String::new(),
                size,
                comment: String::new(),
            });
        }
    }
    rows.reverse();
    if let Some(top) = rows.first_mut() {
        top.id = img.id.clone();
    }
    Ok(rows)
}

/// Qualify a name for `tag`/`untag`: short names land in `localhost/`, as in Podman.
pub fn qualify_tag(input: &str) -> Result<String> {
    let r = Reference::parse(input)?;
    if r.digest.is_some() {
        bail!("{input}: a tag cannot contain a digest");
    }
    Ok(r.qualify("localhost").tagged().expect("no digest, so tagged"))
}

pub fn tag(engine: &Engine, source: &str, targets: &[String]) -> Result<()> {
    let names: Vec<String> = targets.iter().map(|t| qualify_tag(t)).collect::<Result<_>>()?;
    let images = engine.store.images()?;
    let img = resolve_record(engine, &images, source)?;
    engine.store.update_images(|images| {
        for n in &names {
            for other in images.iter_mut() {
                if other.id != img.id {
                    other.names.retain(|x| x != n);
                }
            }
        }
        let rec = images.iter_mut().find(|i| i.id == img.id).ok_or_else(|| anyhow!("{source}: image not known"))?;
        for n in &names {
            if !rec.names.contains(n) {
                rec.names.push(n.clone());
            }
        }
        Ok(())
    })?;
    for n in &names {
        crate::events::image("tag", &img.id, n);
    }
    Ok(())
}

pub fn untag(engine: &Engine, image: &str, names: &[String]) -> Result<()> {
    let images = engine.store.images()?;
    let img = resolve_record(engine, &images, image)?;
    let wanted: Vec<String> = names
        .iter()
        .map(|n| {
            // Accept the name as stored, or as the lookup would qualify it.
            let q = qualify_tag(n)?;
            Ok(img.names.iter().find(|x| **x == q || x.ends_with(&format!("/{n}")) || **x == *n).cloned().unwrap_or(q))
        })
        .collect::<Result<_>>()?;
    let untagged = if wanted.is_empty() { img.names.clone() } else { wanted.clone() };
    engine.store.update_images(|images| {
        let rec = images.iter_mut().find(|i| i.id == img.id).ok_or_else(|| anyhow!("{image}: image not known"))?;
        if wanted.is_empty() {
            rec.names.clear();
        }
        for w in &wanted {
            if !rec.names.contains(w) {
                bail!("{w}: tag not known");
            }
            rec.names.retain(|n| n != w);
        }
        Ok(())
    })?;
    for n in &untagged {
        crate::events::image("untag", &img.id, n);
    }
    Ok(())
}

/// One line of `rmi` output.
#[derive(Debug, PartialEq)]
pub enum Removal {
    Untagged(String),
    Deleted(String),
}

/// Outcome of `rmi`: what was done, and errors for what was not.
pub struct RmiReport {
    pub done: Vec<Removal>,
    pub not_found: Vec<String>,
    pub errors: Vec<super::error::Error>,
}

pub fn rmi(engine: &Engine, inputs: &[String], all: bool, force: bool) -> Result<RmiReport> {
    let conf = engine.registries()?;
    let mut report = RmiReport { done: vec![], not_found: vec![], errors: vec![] };
    let targets: Vec<String> = if all { engine.store.images()?.iter().map(|i| i.id.clone()).collect() } else { inputs.to_vec() };
    let ctrs = super::container::containers(engine)?;
    for input in &targets {
        // Containers using the image: refuse (exit 2), or with -f remove them first.
        let images = engine.store.images()?;
        let found_id = lookup::find(&images, input, &conf)?.map(|i| i.id.clone());
        if let Some(img) = lookup::find(&images, input, &conf)? {
            let users: Vec<_> = ctrs.list_summaries()?.into_iter().filter(|c| c.image_id == img.id).collect();
            let last_name = img.names.len() <= 1 || img.id.starts_with(input.strip_prefix("sha256:").unwrap_or(input));
            if !users.is_empty() && last_name {
                if !force {
                    report.errors.push(super::error::Error::InUse(format!(
                        "image used by {}: image is in use by a container: consider listing external containers and force-removing image",
                        users[0].id
                    )));
                    continue;
                }
                for c in &users {
                    super::container::remove(engine, &c.id, true)?;
                }
            }
        }
        let res = engine.store.update_images(|images| {
            let Some(img) = lookup::find(images, input, &conf)?.cloned() else { return Ok(None) };
            let mut out = Vec::new();
            // By name, with other names left: just untag that name.
            let by_id = img.id.starts_with(input.strip_prefix("sha256:").unwrap_or(input));
            let named = if by_id { None } else { name_for_input(&img, input, &conf) };
            if let (Some(n), false) = (&named, img.names.len() <= 1) {
                let rec = images.iter_mut().find(|i| i.id == img.id).expect("found above");
                rec.names.retain(|x| x != n);
                out.push(Removal::Untagged(n.clone()));
                return Ok(Some(out));
            }
            if by_id && img.names.len() > 1 && !force && !all {
                return Err(anyhow!(super::error::Error::InUse(format!(
                    "unable to delete image {:?} by ID with more than one tag ({}): please force removal",
                    input,
                    img.names.join(", ")
                ))));
            }
            for n in &img.names {
                out.push(Removal::Untagged(n.clone()));
            }
            images.retain(|i| i.id != img.id);
            out.push(Removal::Deleted(img.id.clone()));
            Ok(Some(out))
        });
        match res {
            Ok(Some(lines)) => {
                for l in &lines {
                    match l {
                        Removal::Untagged(n) => crate::events::image("untag", found_id.as_deref().unwrap_or(""), n),
                        Removal::Deleted(id) => crate::events::image("remove", id, id),
                    }
                }
                report.done.extend(lines)
            }
            Ok(None) => report.not_found.push(input.clone()),
            Err(e) => report.errors.push(e.into()),
        }
    }
    // Free unused layers now unless a pull is running (then the next gc does);
    // always, so an earlier rmi killed between its two steps is finished too.
    engine.collect_garbage(false)?;
    Ok(report)
}

fn name_for_input(img: &ImageRecord, input: &str, conf: &crate::image::registries::RegistriesConf) -> Option<String> {
    let r = Reference::parse(input).ok()?;
    for q in lookup::local_candidates(&r, conf) {
        if let Some(t) = q.tagged() {
            if img.names.contains(&t) {
                return Some(t);
            }
        }
    }
    let tag = r.tag.clone().unwrap_or_else(|| "latest".into());
    let suffix = format!("/{}:{tag}", r.path);
    img.names.iter().find(|n| n.ends_with(&suffix)).cloned()
}

/// Remove dangling images (no names), or with `all` every image; then
/// collect unused layers. Returns the removed IDs.
pub fn prune(engine: &Engine, all: bool) -> Result<Vec<String>> {
    prune_matching(engine, all, &|_| true)
}

/// [`prune`], only the images `select` accepts (`system prune --filter`).
pub fn prune_matching(engine: &Engine, all: bool, select: &dyn Fn(&ImageRecord) -> bool) -> Result<Vec<String>> {
    let in_use: Vec<String> = super::container::containers(engine)?.list_summaries()?.into_iter().map(|c| c.image_id).collect();
    let removed = engine.store.update_images(|images| {
        let (gone, keep): (Vec<ImageRecord>, Vec<ImageRecord>) =
            std::mem::take(images).into_iter().partition(|i| (all || i.names.is_empty()) && !in_use.contains(&i.id) && select(i));
        *images = keep;
        Ok(gone.into_iter().map(|i| i.id).collect::<Vec<_>>())
    })?;
    engine.collect_garbage(true)?;
    for id in &removed {
        crate::events::image("remove", id, id);
    }
    Ok(removed)
}

/// Shell-style match of `*` and `?` (Podman's reference filter uses path.Match).
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    // Iterative matcher with one backtrack point: linear in practice, never exponential.
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Whether an image name matches a `reference=` pattern: the whole name,
/// the name without its tag, or its last path component (with or without
/// the tag), so `busybox`, `busybox:latest` and `*/busybox` all match
/// `127.0.0.1:5000/busybox:latest`.
fn reference_matches(pattern: &str, name: &str) -> bool {
    let untagged = name.rsplit_once(':').filter(|(_, t)| !t.contains('/')).map(|(r, _)| r).unwrap_or(name);
    let last = name.rsplit('/').next().unwrap_or(name);
    let last_untagged = untagged.rsplit('/').next().unwrap_or(untagged);
    [name, untagged, last, last_untagged].iter().any(|n| glob(pattern, n))
}

/// `images --filter`: Podman's keys `dangling=true|false`, `label=KEY[=VALUE]`,
/// `reference=PATTERN`, `before=IMAGE`, `since=IMAGE`, `until=RFC3339`
/// (the CLI turns durations into times). Values of one key are
/// alternatives; keys must all match.
pub fn filter(engine: &Engine, imgs: Vec<ImageRecord>, filters: &std::collections::BTreeMap<String, Vec<String>>) -> Result<Vec<ImageRecord>> {
    let created = |i: &ImageRecord| i.created.as_deref().and_then(|c| chrono::DateTime::parse_from_rfc3339(c).ok());
    let mut bounds = Vec::new();
    for key in ["before", "since"] {
        for v in filters.get(key).into_iter().flatten() {
            let img = resolve(engine, &imgs, v)?;
            bounds.push((key, created(&img)));
        }
    }
    let mut out = Vec::new();
    for img in imgs {
        let mut keep = true;
        for (key, values) in filters {
            let ok = match key.as_str() {
                "dangling" => values.iter().any(|v| matches!(v.as_str(), "true" | "1") == img.names.is_empty()),
                "reference" => values.iter().any(|v| img.names.iter().any(|n| reference_matches(v, n))),
                "label" => {
                    let labels = config(engine, &img).ok().and_then(|c| c.pointer("/config/Labels").cloned()).unwrap_or(Value::Null);
                    values.iter().any(|v| match v.split_once('=') {
                        Some((k, val)) => labels.get(k).and_then(Value::as_str) == Some(val),
                        None => labels.get(v.as_str()).is_some(),
                    })
                }
                "before" | "since" => bounds.iter().filter(|(k, _)| k == key).all(|(_, t)| match (created(&img), t) {
                    (Some(c), Some(t)) => {
                        if key == "before" {
                            c < *t
                        } else {
                            c > *t
                        }
                    }
                    _ => false,
                }),
                "until" => values.iter().any(|v| match (created(&img), chrono::DateTime::parse_from_rfc3339(v)) {
                    (Some(c), Ok(u)) => c <= u,
                    _ => false,
                }),
                other => {
                    return Err(
                        super::Error::bad_input(format!("invalid image filter {other:?}: use dangling, label, reference, before, since or until")).into()
                    )
                }
            };
            keep &= ok;
        }
        if keep {
            out.push(img);
        }
    }
    Ok(out)
}

/// `(repository, tag)` rows of an image for `images`; `<none>` when untagged.
pub fn repo_tags(img: &ImageRecord) -> Vec<(String, String)> {
    if img.names.is_empty() {
        return vec![("<none>".into(), "<none>".into())];
    }
    img.names
        .iter()
        .map(|n| {
            let (r, t) = split_name(n);
            (r.to_string(), t.to_string())
        })
        .collect()
}

#[cfg(test)]
mod filter_tests {
    use super::*;

    #[test]
    fn reference_patterns_as_podman_matches_them() {
        let n = "127.0.0.1:5000/busybox:latest";
        for p in ["busybox", "busybox:latest", "*/busybox", "127.0.0.1:5000/busybox", "127.0.0.1:5000/*:latest", "busy*", "b?sybox"] {
            assert!(reference_matches(p, n), "{p}");
        }
        for p in ["debian", "busybox:1", "*/debian*", "box"] {
            assert!(!reference_matches(p, n), "{p}");
        }
        // A hostile pattern stays linear (no exponential backtracking).
        let long = "a".repeat(5000);
        assert!(!glob(&"*a".repeat(200).to_string().replace("a", "*a"), &(long.clone() + "b")));
        assert!(glob("*", ""));
        assert!(!glob("?", ""));
    }
}

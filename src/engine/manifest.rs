//! `rpod manifest`: manifest lists (OCI image indexes) kept in the store as
//! Podman keeps them, as a *list image*: an image record with no layers and
//! no config whose manifest is the index, plus `instances.json` saying where
//! each entry's image is (a local image ID, or the remote repository an
//! entry added from a registry came from: only its manifest and config were
//! read then, its blobs are copied by `manifest push --all`).
//!
//! ```text
//! images/<list-id>/manifest-<hex>.json   the index, as it will be pushed (OCI)
//! images/<list-id>/instances.json        digest -> where the image is
//! ```
//!
//! Everything read from a registry or the store is size-capped
//! ([`MAX_MANIFEST`] bytes a document, [`MAX_INSTANCES`] entries a list), and
//! a list never lists a list (nested indexes are refused when added), so a
//! hostile registry can neither exhaust memory nor make rpod loop.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};

use super::error::Error;
use super::pull::PullProgress;
use super::push::{ManifestFormat, PushOptions};
use super::Engine;
use crate::image::auth::{self, Credentials};
use crate::image::platform::Platform;
use crate::image::reference::{Qualified, Reference};
use crate::image::transfer::{ManifestDoc, DOCKER_LIST, DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST};
use crate::image::upload::{Uploader, MAX_MANIFEST};
use crate::storage::{now_rfc3339, Digest, ImageRecord};

/// Most entries one list may hold (real lists have a few dozen).
pub const MAX_INSTANCES: usize = 1024;
const INSTANCES_FILE: &str = "instances.json";

/// A platform as an index entry states it (Podman's field order).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexPlatform {
    pub architecture: String,
    pub os: String,
    #[serde(rename = "os.version", default, skip_serializing_if = "Option::is_none")]
    pub os_version: Option<String>,
    #[serde(rename = "os.features", default, skip_serializing_if = "Vec::is_empty")]
    pub os_features: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
}

/// One entry of an index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    #[serde(rename = "mediaType")]
    pub media_type: String,
    pub size: i64,
    pub digest: Digest,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<IndexPlatform>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

/// An OCI image index (or Docker manifest list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Index {
    #[serde(rename = "schemaVersion")]
    pub schema_version: u32,
    #[serde(rename = "mediaType", default)]
    pub media_type: String,
    #[serde(default)]
    pub manifests: Vec<IndexEntry>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

impl Index {
    fn empty() -> Index {
        Index { schema_version: 2, media_type: OCI_INDEX.into(), manifests: vec![], annotations: BTreeMap::new() }
    }
    fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("an index serialises")
    }
}

/// Where an entry's image is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A local image, by ID.
    Local(String),
    /// `registry/repository` on a registry (the entry's digest names it there).
    Remote(String),
}

/// The instances file: entry digest -> source.
type Instances = BTreeMap<Digest, Source>;

pub fn is_list(img: &ImageRecord) -> bool {
    img.manifest_media_type == OCI_INDEX || img.manifest_media_type == DOCKER_LIST
}

/// A list as stored.
struct List {
    record: ImageRecord,
    index: Index,
    instances: Instances,
}

fn read_list(engine: &Engine, record: ImageRecord) -> Result<List> {
    let raw = engine.store.image_manifest(&record.id, &record.digest)?;
    let index: Index = serde_json::from_slice(&raw).with_context(|| format!("parsing manifest list {}", record.id))?;
    let instances: Instances = match engine.store.read_image_file(&record.id, INSTANCES_FILE, MAX_MANIFEST as u64)? {
        Some(d) => serde_json::from_slice(&d).with_context(|| format!("parsing the instances of manifest list {}", record.id))?,
        None => Instances::new(),
    };
    Ok(List { record, index, instances })
}

/// The local list `input` names (not dereferenced to an instance).
fn find_list(engine: &Engine, input: &str) -> Result<List> {
    let all = engine.store.images()?;
    let conf = engine.registries()?;
    let rec = super::lookup::find(&all, input, &conf)?.cloned().ok_or_else(|| anyhow!(Error::NoSuchImage(input.to_string())))?;
    if !is_list(&rec) {
        bail!(Error::bad_input(format!("{input} is not a manifest list")));
    }
    read_list(engine, rec)
}

/// Write the list's data, then its record (new digest and size).
fn save_list(engine: &Engine, list: &List) -> Result<String> {
    if list.index.manifests.len() > MAX_INSTANCES {
        bail!(Error::bad_input(format!("a manifest list holds at most {MAX_INSTANCES} images")));
    }
    let body = list.index.to_bytes();
    let digest = Digest::of(&body);
    let id = list.record.id.clone();
    let store = &engine.store;
    store.write_image_file(&id, &format!("manifest-{}.json", digest.hex()), &body)?;
    let kept: Instances =
        list.instances.iter().filter(|(d, _)| list.index.manifests.iter().any(|m| &m.digest == *d)).map(|(d, s)| (d.clone(), s.clone())).collect();
    store.write_image_file(&id, INSTANCES_FILE, &serde_json::to_vec_pretty(&kept)?)?;
    let old = list.record.digest.clone();
    store.update_images(|images| {
        let rec = images.iter_mut().find(|i| i.id == id).ok_or_else(|| anyhow!(Error::NoSuchImage(id.clone())))?;
        rec.digest = digest.clone();
        rec.manifest_media_type = list.index.media_type.clone();
        rec.size = body.len() as u64;
        Ok(())
    })?;
    if old != digest {
        store.remove_image_file(&id, &format!("manifest-{}.json", old.hex()));
    }
    Ok(id)
}

/// How to reach registries (flags shared by add, create, inspect and push).
#[derive(Debug, Clone, Default)]
pub struct RegistryOptions {
    pub tls_verify: Option<bool>,
    pub authfile: Option<PathBuf>,
    pub creds: Option<Credentials>,
}

/// Overrides and annotations for one entry (`add`, `annotate`).
#[derive(Debug, Clone, Default)]
pub struct EntryOptions {
    pub arch: Option<String>,
    pub os: Option<String>,
    pub variant: Option<String>,
    pub os_version: Option<String>,
    pub os_features: Vec<String>,
    pub features: Vec<String>,
    /// `KEY=VALUE`.
    pub annotations: Vec<String>,
}

impl EntryOptions {
    fn apply(&self, e: &mut IndexEntry) -> Result<()> {
        let p = e.platform.get_or_insert_with(IndexPlatform::default);
        if let Some(a) = &self.arch {
            p.architecture = a.clone();
        }
        if let Some(o) = &self.os {
            p.os = o.clone();
        }
        if let Some(v) = &self.variant {
            p.variant = Some(v.clone()).filter(|v| !v.is_empty());
        }
        if let Some(v) = &self.os_version {
            p.os_version = Some(v.clone()).filter(|v| !v.is_empty());
        }
        if !self.os_features.is_empty() {
            p.os_features = self.os_features.clone();
        }
        if !self.features.is_empty() {
            p.features = self.features.clone();
        }
        for a in &self.annotations {
            let (k, v) = a.split_once('=').ok_or_else(|| anyhow!(Error::bad_input(format!("no value given for annotation {a:?}: use KEY=VALUE"))))?;
            if k.is_empty() {
                bail!(Error::bad_input(format!("invalid annotation {a:?}: empty key")));
            }
            e.annotations.insert(k.to_string(), v.to_string());
        }
        Ok(())
    }
}

/// `manifest add` / `create` options.
#[derive(Debug, Clone, Default)]
pub struct AddOptions {
    /// Add every entry of an image that is itself a list.
    pub all: bool,
    pub entry: EntryOptions,
    pub registry: RegistryOptions,
}

/// `manifest create NAME [IMAGE...]`: a new empty list (or, with `amend`,
/// the existing one), then each image added. Returns the list's ID.
pub fn create(engine: &mut Engine, name: &str, images: &[String], amend: bool, opts: &AddOptions) -> Result<String> {
    let name = super::images::qualify_tag(name).map_err(|e| Error::bad_input(format!("{e:#}")))?;
    let all = engine.store.images()?;
    let id = match all.iter().find(|i| i.names.contains(&name)) {
        Some(i) if amend && is_list(i) => i.id.clone(),
        Some(_) if amend => bail!(Error::bad_input(format!("{name} is not a manifest list"))),
        Some(i) => bail!(Error::bad_input(format!("creating manifest: image name {name:?} is already associated with image {:?}", i.id))),
        None => {
            let id = Digest::of(format!("{name}\0{}\0{}", now_rfc3339(), std::process::id()).as_bytes()).hex().to_string();
            let body = Index::empty().to_bytes();
            let digest = Digest::of(&body);
            engine.store.write_image_file(&id, &format!("manifest-{}.json", digest.hex()), &body)?;
            let now = now_rfc3339();
            let record = ImageRecord {
                id: id.clone(),
                names: vec![],
                repo_digests: vec![],
                digest,
                manifest_media_type: OCI_INDEX.into(),
                layers: vec![],
                created: Some(now.clone()),
                stored: now,
                size: body.len() as u64,
                architecture: String::new(),
                os: String::new(),
            };
            engine.store.update_images(|images| {
                if let Some(other) = images.iter().find(|i| i.names.contains(&name)) {
                    bail!(Error::bad_input(format!("creating manifest: image name {name:?} is already associated with image {:?}", other.id)));
                }
                let mut r = record.clone();
                r.names.push(name.clone());
                images.push(r);
                Ok(())
            })?;
            crate::events::image("create", &id, &name);
            id
        }
    };
    for image in images {
        add(engine, &id, image, opts)?;
    }
    Ok(id)
}

/// What `add` was given.
enum Target {
    Local(ImageRecord),
    Remote(Qualified),
}

fn target(engine: &Engine, image: &str) -> Result<Target> {
    if let Some(rest) = image.strip_prefix("docker://") {
        let r = Reference::parse(rest).map_err(|e| Error::bad_input(e.to_string()))?;
        return Ok(Target::Remote(r.qualify("docker.io")));
    }
    if let Some((transport, rest)) = image.split_once(':') {
        if transport == "containers-storage" {
            return Ok(Target::Local(super::images::lookup(engine, rest)?));
        }
        if ["oci", "oci-archive", "docker-archive", "dir", "docker-daemon"].contains(&transport) {
            bail!(Error::bad_input(format!("adding {transport}: images to a manifest list is not supported: load or pull the image first")));
        }
    }
    // No transport: a local image if there is one (raw: a list is refused
    // below), else the registry, as Podman does.
    let all = engine.store.images()?;
    if let Some(img) = super::lookup::find(&all, image, &engine.registries()?)? {
        return Ok(Target::Local(img.clone()));
    }
    let r = Reference::parse(image).map_err(|e| Error::bad_input(e.to_string()))?;
    if r.is_short() {
        let regs = engine.registries()?.search;
        let reg = regs.first().cloned().unwrap_or_else(|| "docker.io".into());
        return Ok(Target::Remote(r.qualify(&reg)));
    }
    Ok(Target::Remote(r.qualify("docker.io")))
}

fn transfer_runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().context("starting the transfer runtime")
}

/// A push/pull session with `q`'s registry, as registries.conf and the flags say.
async fn session(engine: &Engine, q: &Qualified, o: &RegistryOptions) -> Result<Uploader> {
    let conf = engine.registries()?;
    if conf.blocked(&q.name()) {
        bail!(Error::bad_input(format!("registry {} is blocked in registries.conf", q.registry)));
    }
    let insecure = match o.tls_verify {
        Some(v) => !v,
        None => conf.insecure(&q.name()),
    };
    let creds = match &o.creds {
        Some(c) => Some(c.clone()),
        None => auth::lookup(&engine.paths, o.authfile.as_deref(), &q.name())?,
    };
    Uploader::connect(&q.registry, insecure, creds).await.map_err(|e| anyhow!(Error::Registry(format!("{e:#}"))))
}

fn parse_index(raw: &[u8], what: &str) -> Result<Index> {
    let index: Index = serde_json::from_slice(raw).with_context(|| format!("parsing the manifest list {what}"))?;
    if index.manifests.len() > MAX_INSTANCES {
        bail!("the manifest list {what} has {} entries; rpod takes at most {MAX_INSTANCES}", index.manifests.len());
    }
    Ok(index)
}

fn check_entry_type(e: &IndexEntry, what: &str) -> Result<()> {
    if e.media_type == OCI_INDEX || e.media_type == DOCKER_LIST {
        bail!("the manifest list {what} lists another manifest list ({}): nested lists are not supported", e.digest);
    }
    Ok(())
}

/// Entries (and their sources) for a remote image: one image, or with
/// `all` every entry of a remote list (else the one for this platform).
async fn remote_entries(engine: &Engine, q: &Qualified, o: &AddOptions) -> Result<Vec<(IndexEntry, Source)>> {
    let up = session(engine, q, &o.registry).await?;
    let reference = q.digest.as_ref().map(|d| d.to_string()).or(q.tag.clone()).unwrap_or_else(|| "latest".into());
    let (raw, header) = up.manifest(&q.repository, &reference).await.map_err(|e| anyhow!(Error::Registry(format!("{e:#}"))))?;
    let (doc, mt) = ManifestDoc::parse(&raw, &header)?;
    let source = Source::Remote(q.name());
    if doc.is_index(&mt) {
        let index = parse_index(&raw, &q.to_string())?;
        if o.all {
            let mut out = Vec::new();
            for e in index.manifests {
                check_entry_type(&e, &q.to_string())?;
                out.push((e, source.clone()));
            }
            return Ok(out);
        }
        let host = Platform::host();
        let e = index
            .manifests
            .into_iter()
            .find(|e| e.platform.as_ref().is_some_and(|p| host.matches(&p.os, &p.architecture, p.variant.as_deref())))
            .ok_or_else(|| anyhow!(Error::bad_input(format!("no image found in manifest list {q} for platform {host}"))))?;
        check_entry_type(&e, &q.to_string())?;
        return Ok(vec![(e, source)]);
    }
    // One image: its config says the platform.
    let config = doc.config.as_ref().context("the image manifest has no config")?;
    let cfg = up.small_blob(&q.repository, &config.digest).await?;
    let cfg: serde_json::Value = serde_json::from_slice(&cfg).context("parsing the image config")?;
    let s = |k: &str| cfg.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let platform = IndexPlatform {
        architecture: s("architecture").unwrap_or_default(),
        os: s("os").unwrap_or_default(),
        os_version: s("os.version"),
        variant: s("variant"),
        ..Default::default()
    };
    Ok(vec![(IndexEntry { media_type: mt, size: raw.len() as i64, digest: Digest::of(&raw), platform: Some(platform), annotations: BTreeMap::new() }, source)])
}

fn local_entry(engine: &Engine, img: &ImageRecord) -> Result<IndexEntry> {
    let raw = engine.store.image_manifest(&img.id, &img.digest).with_context(|| format!("image {} has no stored manifest", img.id))?;
    let cfg = super::images::config(engine, img)?;
    let s = |k: &str| cfg.get(k).and_then(|v| v.as_str()).map(str::to_string).filter(|v| !v.is_empty());
    let media_type = if img.manifest_media_type.is_empty() { OCI_MANIFEST.to_string() } else { img.manifest_media_type.clone() };
    Ok(IndexEntry {
        media_type,
        size: raw.len() as i64,
        digest: img.digest.clone(),
        platform: Some(IndexPlatform {
            architecture: img.architecture.clone(),
            os: img.os.clone(),
            os_version: s("os.version"),
            variant: s("variant"),
            ..Default::default()
        }),
        annotations: BTreeMap::new(),
    })
}

/// `manifest add LIST IMAGE`: returns the list's ID.
pub fn add(engine: &mut Engine, list: &str, image: &str, o: &AddOptions) -> Result<String> {
    let mut l = find_list(engine, list)?;
    let entries: Vec<(IndexEntry, Source)> = match target(engine, image)? {
        Target::Local(img) if img.id == l.record.id => bail!(Error::bad_input(format!("cannot add manifest list {list} to itself"))),
        Target::Local(img) if is_list(&img) => {
            if !o.all {
                bail!(Error::bad_input(format!("{image} is a manifest list: give --all to add its images")));
            }
            let inner = read_list(engine, img)?;
            inner.index.manifests.iter().map(|e| (e.clone(), inner.instances.get(&e.digest).cloned().unwrap_or(Source::Remote(String::new())))).collect()
        }
        Target::Local(img) => vec![(local_entry(engine, &img)?, Source::Local(img.id.clone()))],
        Target::Remote(q) => {
            let rt = transfer_runtime()?;
            rt.block_on(remote_entries(engine, &q, o))?
        }
    };
    for (mut e, src) in entries {
        o.entry.apply(&mut e)?;
        l.index.manifests.retain(|m| m.digest != e.digest);
        l.instances.insert(e.digest.clone(), src);
        l.index.manifests.push(e);
    }
    save_list(engine, &l)
}

/// The list `build --manifest LIST` adds to: `None` when it is to be made;
/// an error when the name is an image that is not a list (checked before
/// the build starts, and again when it ends).
pub fn build_target(engine: &Engine, list: &str) -> Result<Option<ImageRecord>> {
    let all = engine.store.images()?;
    match super::lookup::find(&all, list, &engine.registries()?)? {
        Some(r) if is_list(r) => Ok(Some(r.clone())),
        Some(r) => {
            bail!(Error::bad_input(format!("--manifest {list}: the name is used by image {}, which is not a manifest list", crate::container::short_id(&r.id))))
        }
        None => {
            super::images::qualify_tag(list).map_err(|e| Error::bad_input(format!("--manifest {list}: {e:#}")))?;
            Ok(None)
        }
    }
}

/// `build --manifest LIST`: add the built local image `id` to LIST, made
/// first when no image has that name (as Podman does); a name that is an
/// image but not a list is refused. The list's entries for the same
/// platform (os, architecture, variant) are replaced, so building again
/// updates the list instead of growing it. Returns the list's ID.
pub fn add_built(engine: &mut Engine, list: &str, id: &str) -> Result<String> {
    let all = engine.store.images()?;
    let img = all.iter().find(|i| i.id == id).cloned().ok_or_else(|| anyhow!(Error::NoSuchImage(id.to_string())))?;
    let record = match build_target(engine, list)? {
        Some(r) => r,
        None => {
            let list_id = create(engine, list, &[], false, &AddOptions::default())?;
            engine.store.images()?.into_iter().find(|i| i.id == list_id).ok_or_else(|| anyhow!(Error::NoSuchImage(list_id.clone())))?
        }
    };
    let mut l = read_list(engine, record)?;
    let e = local_entry(engine, &img)?;
    let platform = |m: &IndexEntry| m.platform.as_ref().map(|p| (p.os.clone(), p.architecture.clone(), p.variant.clone().unwrap_or_default()));
    let mine = platform(&e);
    let replaced: Vec<Digest> =
        l.index.manifests.iter().filter(|m| m.digest == e.digest || (mine.is_some() && platform(m) == mine)).map(|m| m.digest.clone()).collect();
    l.index.manifests.retain(|m| !replaced.contains(&m.digest));
    for d in &replaced {
        l.instances.remove(d);
    }
    l.instances.insert(e.digest.clone(), Source::Local(img.id.clone()));
    l.index.manifests.push(e);
    save_list(engine, &l)
}

/// The digest `image` names in list `l`: a digest, or a local image's.
fn entry_digest(engine: &Engine, l: &List, image: &str) -> Result<Digest> {
    let text = image.strip_prefix("docker://").unwrap_or(image);
    if let Ok(d) = text.parse::<Digest>() {
        return Ok(d);
    }
    if let Some((_, d)) = text.rsplit_once('@') {
        if let Ok(d) = d.parse::<Digest>() {
            return Ok(d);
        }
    }
    let all = engine.store.images()?;
    if let Some(img) = super::lookup::find(&all, text, &engine.registries()?)? {
        if l.index.manifests.iter().any(|m| m.digest == img.digest) {
            return Ok(img.digest.clone());
        }
    }
    bail!(Error::bad_input(format!("{image}: no such image in manifest list {}", l.record.names.first().unwrap_or(&l.record.id))))
}

/// `manifest annotate LIST IMAGE`: returns the list's ID.
pub fn annotate(engine: &Engine, list: &str, image: &str, o: &EntryOptions) -> Result<String> {
    let mut l = find_list(engine, list)?;
    let d = entry_digest(engine, &l, image)?;
    let e = l
        .index
        .manifests
        .iter_mut()
        .find(|m| m.digest == d)
        .ok_or_else(|| anyhow!(Error::bad_input(format!("{image}: no such image in manifest list {list}"))))?;
    o.apply(e)?;
    save_list(engine, &l)
}

/// `manifest remove LIST DIGEST`: returns the list's ID.
pub fn remove(engine: &Engine, list: &str, image: &str) -> Result<String> {
    let mut l = find_list(engine, list)?;
    let d = entry_digest(engine, &l, image)?;
    let before = l.index.manifests.len();
    l.index.manifests.retain(|m| m.digest != d);
    if l.index.manifests.len() == before {
        bail!(Error::bad_input(format!("removing from manifest list {list}: no instance matching digest {d} found in manifest list")));
    }
    l.instances.remove(&d);
    save_list(engine, &l)
}

/// `manifest exists NAME`: a local list by that name.
pub fn exists(engine: &Engine, name: &str) -> Result<bool> {
    let all = engine.store.images()?;
    Ok(super::lookup::find(&all, name, &engine.registries()?)?.is_some_and(is_list))
}

/// What `manifest inspect` shows.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Inspected {
    /// A list (local, or a registry's), fields in Podman's order.
    Index(Index),
    /// A registry's image manifest, as sent.
    Manifest(serde_json::Value),
}

/// `manifest inspect NAME`: the local list's index, else the registry's
/// manifest (capped).
pub fn inspect(engine: &Engine, name: &str, registry: &RegistryOptions) -> Result<Inspected> {
    let all = engine.store.images()?;
    if let Some(rec) = super::lookup::find(&all, name, &engine.registries()?)? {
        if is_list(rec) {
            let l = read_list(engine, rec.clone())?;
            return Ok(Inspected::Index(l.index));
        }
    }
    let text = name.strip_prefix("docker://").unwrap_or(name);
    let r = Reference::parse(text).map_err(|e| Error::bad_input(e.to_string()))?;
    if r.is_short() {
        bail!(Error::NoSuchImage(name.to_string()));
    }
    let q = r.qualify("docker.io");
    let rt = transfer_runtime()?;
    let raw = rt.block_on(async {
        let up = session(engine, &q, registry).await?;
        let reference = q.digest.as_ref().map(|d| d.to_string()).or(q.tag.clone()).unwrap_or_else(|| "latest".into());
        anyhow::Ok(up.manifest(&q.repository, &reference).await.map_err(|e| anyhow!(Error::Registry(format!("{e:#}"))))?.0)
    })?;
    let (doc, mt) = ManifestDoc::parse(&raw, "")?;
    if doc.is_index(&mt) {
        return Ok(Inspected::Index(parse_index(&raw, &q.to_string())?));
    }
    Ok(Inspected::Manifest(serde_json::from_slice(&raw).with_context(|| format!("parsing the manifest of {q}"))?))
}

/// `manifest rm LIST...`: only lists are removed (their images stay).
pub fn rm(engine: &Engine, lists: &[String]) -> Result<super::images::RmiReport> {
    let mut report = super::images::RmiReport { done: vec![], not_found: vec![], errors: vec![] };
    for l in lists {
        match find_list(engine, l) {
            Ok(_) => {
                let r = super::images::rmi(engine, std::slice::from_ref(l), false, false)?;
                report.done.extend(r.done);
                report.not_found.extend(r.not_found);
                report.errors.extend(r.errors);
            }
            Err(e) => match super::error::find(&e) {
                Some(Error::NoSuchImage(_)) => report.not_found.push(l.clone()),
                _ => report.errors.push(e.into()),
            },
        }
    }
    Ok(report)
}

/// `manifest push` options.
#[derive(Clone, Default)]
pub struct PushListOptions {
    /// Push the list's images too (Podman's default).
    pub all: bool,
    /// `v2s2` writes a Docker manifest list (and Docker image manifests).
    pub format: Option<ManifestFormat>,
    pub registry: RegistryOptions,
    pub compression: Option<super::push::LayerCompression>,
    pub compression_level: Option<i32>,
    /// Remove the local list after a successful push.
    pub rm: bool,
    pub progress: Option<Arc<dyn PullProgress>>,
}

/// What `manifest push` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct PushedList {
    pub destination: String,
    pub digest: Digest,
    pub media_type: String,
    pub instances: usize,
}

/// `manifest push LIST DEST`.
pub fn push(engine: &mut Engine, list: &str, dest: Option<&str>, o: &PushListOptions) -> Result<PushedList> {
    let mut l = find_list(engine, list)?;
    let text = match dest {
        Some(d) => d.strip_prefix("docker://").unwrap_or(d).to_string(),
        None => l.record.names.first().cloned().ok_or_else(|| anyhow!(Error::bad_input(format!("{list} has no name: give a destination"))))?,
    };
    if let Some((transport, _)) = text.split_once(':') {
        if ["oci-archive", "docker-archive", "oci", "dir", "containers-storage", "docker-daemon"].contains(&transport) {
            bail!(Error::bad_input(format!("pushing a manifest list to {transport}: is not supported")));
        }
    }
    let r = Reference::parse(&text).map_err(|e| Error::bad_input(e.to_string()))?;
    if r.is_short() || r.registry.as_deref() == Some("localhost") {
        bail!(Error::bad_input(format!("destination {text:?} names no registry: use REGISTRY/REPOSITORY[:TAG]")));
    }
    let q = r.qualify("docker.io");
    if q.digest.is_some() {
        bail!(Error::bad_input(format!("cannot push to a digest reference {text:?}: give a tag")));
    }
    if l.index.manifests.is_empty() {
        bail!(Error::bad_input(format!("manifest list {list} is empty: add images first")));
    }
    let say = |m: &str| {
        if let Some(p) = &o.progress {
            p.message(m)
        }
    };
    let by_digest = Qualified { tag: None, digest: None, ..q.clone() };
    if o.all {
        let images = engine.store.images()?;
        let popts = PushOptions {
            tls_verify: o.registry.tls_verify,
            authfile: o.registry.authfile.clone(),
            creds: o.registry.creds.clone(),
            format: o.format,
            compression: o.compression,
            compression_level: o.compression_level,
            progress: o.progress.clone(),
        };
        for i in 0..l.index.manifests.len() {
            let e = l.index.manifests[i].clone();
            match l.instances.get(&e.digest).cloned() {
                Some(Source::Local(id)) => {
                    let img =
                        images.iter().find(|x| x.id == id).cloned().ok_or_else(|| {
                            anyhow!(Error::bad_input(format!("image {id} of manifest list {list} ({}) is no longer in local storage", e.digest)))
                        })?;
                    say(&format!("Copying image {} ({}/{})", e.digest, img.os, img.architecture));
                    let pushed = super::push::push_image(engine, &images, &img, &by_digest, &popts)?;
                    let entry = &mut l.index.manifests[i];
                    if entry.digest != pushed.digest {
                        l.instances.remove(&entry.digest);
                        l.instances.insert(pushed.digest.clone(), Source::Local(id));
                    }
                    entry.digest = pushed.digest;
                    entry.media_type = pushed.media_type;
                    entry.size = pushed.size as i64;
                }
                Some(Source::Remote(from)) if !from.is_empty() => {
                    say(&format!("Copying image {} from {from}", e.digest));
                    copy_remote(engine, &from, &e, &q, &o.registry)?;
                }
                _ => {
                    // Neither local nor known remotely: the registry must have it already.
                    tracing::debug!("manifest list entry {} has no known source; pushing the list only", e.digest);
                }
            }
        }
    }
    let mut index = l.index.clone();
    if o.format == Some(ManifestFormat::V2s2) {
        index.media_type = DOCKER_LIST.into();
        if index.manifests.iter().any(|m| m.media_type != DOCKER_MANIFEST) {
            bail!(Error::bad_input(
                "a Docker manifest list (--format v2s2) can only list Docker image manifests; push with --all --format v2s2 to convert local images"
            ));
        }
    } else if o.format == Some(ManifestFormat::Oci) {
        index.media_type = OCI_INDEX.into();
    }
    let body = index.to_bytes();
    let digest = Digest::of(&body);
    say("Writing manifest list to image destination");
    let rt = transfer_runtime()?;
    rt.block_on(async {
        let up = session(engine, &q, &o.registry).await?;
        let reference = q.tag.clone().unwrap_or_else(|| "latest".into());
        up.push_manifest(&q.repository, &reference, &body, &index.media_type).await.map_err(|e| anyhow!(Error::Registry(format!("pushing {q}: {e:#}"))))
    })?;
    if index != l.index && !o.rm {
        // Local images pushed under new digests: the list says so from now on.
        l.index = index.clone();
        save_list(engine, &l)?;
    }
    if o.rm {
        super::images::rmi(engine, std::slice::from_ref(&l.record.id), false, true)?;
    }
    crate::events::image("push", &l.record.id, &q.to_string());
    Ok(PushedList { destination: q.to_string(), digest, media_type: index.media_type, instances: index.manifests.len() })
}

/// Copy the image `e` names from repository `from` (`registry/repo`) to
/// `dest`'s repository: blobs mounted (same registry) or streamed through,
/// then the manifest, byte for byte, under its digest.
fn copy_remote(engine: &Engine, from: &str, e: &IndexEntry, dest: &Qualified, o: &RegistryOptions) -> Result<()> {
    check_entry_type(e, from)?;
    let src = Reference::parse(from).map_err(|err| Error::bad_input(err.to_string()))?.qualify("docker.io");
    let rt = transfer_runtime()?;
    rt.block_on(async {
        let s = session(engine, &src, o).await?;
        let (raw, header) = s.manifest(&src.repository, e.digest.as_str()).await?;
        let (doc, mt) = ManifestDoc::parse(&raw, &header)?;
        if doc.is_index(&mt) {
            bail!("{from}@{} is a manifest list: nested lists are not supported", e.digest);
        }
        let d = if src.registry == dest.registry { None } else { Some(session(engine, dest, o).await?) };
        let d_ref = d.as_ref().unwrap_or(&s);
        let mut blobs: Vec<(Digest, i64)> = doc.config.iter().map(|c| (c.digest.clone(), c.size)).collect();
        blobs.extend(doc.layers.unwrap_or_default().into_iter().map(|l| (l.digest, l.size)));
        for (digest, size) in blobs {
            if d.is_none() && d_ref.mount_blob(&dest.repository, &src.repository, &digest).await {
                continue;
            }
            if d_ref.blob_exists(&dest.repository, &digest).await? {
                continue;
            }
            let body = s.blob_body(&src.repository, &digest).await?;
            d_ref.push_blob(&dest.repository, &digest, size.max(0) as u64, body).await?;
        }
        d_ref.push_manifest(&dest.repository, e.digest.as_str(), &raw, &mt).await
    })
    .map_err(|err| match super::error::find(&err) {
        Some(_) => err,
        None => anyhow!(Error::Registry(format!("copying {from}@{} to {}: {err:#}", e.digest, dest.name()))),
    })
}

/// The local image a list stands for on `platform` (what `run LIST` uses,
/// as Podman's image lookup does).
pub fn local_instance(engine: &Engine, images: &[ImageRecord], list: &ImageRecord, input: &str, platform: &Platform) -> Result<ImageRecord> {
    let l = read_list(engine, list.clone())?;
    for e in &l.index.manifests {
        let Some(p) = &e.platform else { continue };
        if !platform.matches(&p.os, &p.architecture, p.variant.as_deref()) {
            continue;
        }
        let found = match l.instances.get(&e.digest) {
            Some(Source::Local(id)) => images.iter().find(|i| &i.id == id && i.digest == e.digest),
            _ => None,
        }
        .or_else(|| images.iter().find(|i| !is_list(i) && i.digest == e.digest));
        if let Some(i) = found {
            return Ok(i.clone());
        }
    }
    bail!(Error::NoSuchImage(format!("{input} (a manifest list with no local image for {platform})")))
}

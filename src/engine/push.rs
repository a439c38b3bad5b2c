//! `rpod push`: copy a local image to a registry.
//!
//! The store keeps layers unpacked, so a layer blob is either *reused* or
//! *rebuilt*, as Podman's containers/image does with its blob-info cache:
//! - reused: the layer's known compressed blob (its record's
//!   `compressed_digest`, with the media type from a stored manifest that
//!   lists it) is already in the destination repository (HEAD), or can be
//!   mounted from a repository on the same registry that an image using the
//!   layer was pulled from (`POST ?mount=&from=`). A pulled image thus
//!   pushes back with the same layer digests and nothing uploaded;
//! - rebuilt: the layer's tar stream is written again, bit for bit, from its
//!   tar-split record (`storage::tarsplit`) and the unpacked files, checked
//!   against the diff id, compressed (gzip, or zstd) into a temporary file
//!   while hashing, and uploaded unless the registry already has that digest.
//!
//! The config goes up as stored (so the image ID is kept); the manifest is
//! the stored one, byte for byte, when every layer was reused as listed and
//! the format is unchanged, otherwise a new OCI (or Docker v2s2) manifest.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{anyhow, bail, Context, Result};
use bytes::Bytes;
use serde_json::json;
use sha2::{Digest as _, Sha256};

use super::error::Error;
use super::pull::{LayerProgress, PullProgress};
use super::Engine;
use crate::image::auth::{self, Credentials};
use crate::image::reference::{Qualified, Reference};
use crate::image::transfer::{Descriptor, ManifestDoc, DOCKER_MANIFEST, OCI_MANIFEST};
use crate::image::upload::Uploader;
use crate::storage::blobinfo::{self, BlobInfoCache, Seen};
use crate::storage::{Digest, ImageRecord, LayerRecord, Store};

pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";

/// Manifest format of the pushed image (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestFormat {
    Oci,
    V2s2,
}

impl std::str::FromStr for ManifestFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "oci" => Ok(ManifestFormat::Oci),
            "v2s2" | "docker" => Ok(ManifestFormat::V2s2),
            _ => Err(Error::bad_input(format!("unsupported manifest format {s:?}: use oci or v2s2"))),
        }
    }
}

/// Compression of pushed layers (`--compression-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerCompression {
    Gzip,
    Zstd,
}

impl std::str::FromStr for LayerCompression {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "gzip" => Ok(LayerCompression::Gzip),
            "zstd" => Ok(LayerCompression::Zstd),
            _ => Err(Error::bad_input(format!("unsupported compression format {s:?}: use gzip or zstd"))),
        }
    }
}

/// What the user asked for.
#[derive(Clone, Default)]
pub struct PushOptions {
    pub tls_verify: Option<bool>,
    pub authfile: Option<PathBuf>,
    pub creds: Option<Credentials>,
    /// `None`: keep the stored manifest's format when it can be reused, else OCI.
    pub format: Option<ManifestFormat>,
    /// `None`: reuse blobs in any compression, rebuild as gzip.
    pub compression: Option<LayerCompression>,
    pub compression_level: Option<i32>,
    pub progress: Option<Arc<dyn PullProgress>>,
}

/// The outcome.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Pushed {
    /// Where it went: `registry/repository:tag`.
    pub destination: String,
    /// Digest of the manifest written.
    pub digest: Digest,
    /// Its media type and size.
    pub media_type: String,
    pub size: u64,
    /// How many layer blobs were uploaded (the rest were reused).
    pub uploaded: usize,
}

/// How a layer blob of the pushed image is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Gzip,
    Zstd,
}

fn kind_of(media_type: &str) -> Option<Kind> {
    if media_type.ends_with("zstd") {
        Some(Kind::Zstd)
    } else if media_type.ends_with("gzip") {
        Some(Kind::Gzip)
    } else if media_type.ends_with(".tar") || media_type.ends_with("tar") {
        Some(Kind::Plain)
    } else {
        None // foreign or unknown layers are never reused
    }
}

fn layer_media_type(format: ManifestFormat, kind: Kind) -> Result<&'static str> {
    Ok(match (format, kind) {
        (ManifestFormat::Oci, Kind::Plain) => "application/vnd.oci.image.layer.v1.tar",
        (ManifestFormat::Oci, Kind::Gzip) => "application/vnd.oci.image.layer.v1.tar+gzip",
        (ManifestFormat::Oci, Kind::Zstd) => "application/vnd.oci.image.layer.v1.tar+zstd",
        (ManifestFormat::V2s2, Kind::Plain) => "application/vnd.docker.image.rootfs.diff.tar",
        (ManifestFormat::V2s2, Kind::Gzip) => "application/vnd.docker.image.rootfs.diff.tar.gzip",
        (ManifestFormat::V2s2, Kind::Zstd) => {
            return Err(anyhow!(Error::bad_input("zstd-compressed layers need the oci manifest format (--format oci)")));
        }
    })
}

/// A known blob of one layer and where it might be mounted from.
#[derive(Debug, Clone)]
struct Known {
    desc: Descriptor,
    kind: Kind,
    /// Repositories on the destination registry that hold it.
    mount_from: Vec<String>,
}

/// One layer's plan.
struct LayerPlan {
    record: LayerRecord,
    diff: PathBuf,
    split: Option<PathBuf>,
    known: Vec<Known>,
}

/// The stored manifest of `img`, parsed (absent for images without one).
fn stored_manifest(store: &Store, img: &ImageRecord) -> Option<(Vec<u8>, ManifestDoc)> {
    let raw = store.image_manifest(&img.id, &img.digest).ok()?;
    let (doc, _) = ManifestDoc::parse(&raw, &img.manifest_media_type).ok()?;
    Some((raw, doc))
}

/// The registry part of a stored `registry/repo@digest` or `registry/repo:tag`.
fn repo_on(name: &str, registry: &str) -> Option<String> {
    let repo = name.split('@').next()?;
    let repo = crate::image::reference::split_name(repo).0;
    repo.strip_prefix(registry)?.strip_prefix('/').map(str::to_string)
}

/// Find, for each layer of `img`, the compressed blobs known to be its own:
/// the one it was pulled as (listed in a stored manifest), then those the
/// blob-location record ([`BlobInfoCache`]) knows for its diff id; each with
/// the repositories on `registry` it may be mounted from.
fn known_blobs(store: &Store, all: &[ImageRecord], img: &ImageRecord, registry: &str, cache: &BlobInfoCache) -> Result<Vec<Vec<Known>>> {
    let mut out = Vec::new();
    for chain in &img.layers {
        let rec = store.layer(chain)?;
        let mut known: Vec<Known> = Vec::new();
        if let Some(cd) = rec.compressed_digest.clone() {
            let mut k: Option<Known> = None;
            // This image first, then every other image that uses the layer.
            let users = std::iter::once(img).chain(all.iter().filter(|o| o.id != img.id && o.layers.contains(chain)));
            for user in users {
                let Some((_, doc)) = stored_manifest(store, user) else { continue };
                let Some(d) = doc.layers.unwrap_or_default().into_iter().find(|d| d.digest == cd) else { continue };
                let Some(kind) = kind_of(&d.media_type) else { continue };
                let k = k.get_or_insert_with(|| Known { desc: d.clone(), kind, mount_from: Vec::new() });
                for rd in &user.repo_digests {
                    if let Some(repo) = repo_on(rd, registry) {
                        if !k.mount_from.contains(&repo) {
                            k.mount_from.push(repo);
                        }
                    }
                }
            }
            known.extend(k);
        }
        for b in cache.for_layer(&rec.diff_id) {
            let Some(kind) = kind_of(&b.media_type) else { continue };
            let repos = cache.repositories_on(&b.digest, registry);
            match known.iter_mut().find(|k| k.desc.digest == b.digest) {
                Some(k) => {
                    for r in repos {
                        if !k.mount_from.contains(&r) {
                            k.mount_from.push(r);
                        }
                    }
                }
                None => known.push(Known {
                    desc: Descriptor { media_type: b.media_type.clone(), digest: b.digest.clone(), size: b.size as i64, platform: None },
                    kind,
                    mount_from: repos,
                }),
            }
        }
        out.push(known);
    }
    Ok(out)
}

/// Where `input` (and the optional `dest`) should go.
fn destination(img: &ImageRecord, input: &str, dest: Option<&str>) -> Result<Qualified> {
    let text = match dest {
        Some(d) => d.strip_prefix("docker://").unwrap_or(d).to_string(),
        None => {
            let r = Reference::parse(input).map_err(|e| Error::bad_input(e.to_string()))?;
            if r.is_short() {
                // The local name it matched, fully qualified.
                let suffix = format!("/{}:{}", r.path, r.tag.clone().unwrap_or_else(|| "latest".into()));
                img.names.iter().find(|n| n.ends_with(&suffix)).cloned().ok_or_else(|| {
                    anyhow!(Error::bad_input(format!("{input:?} names no registry: give a destination (rpod push IMAGE REGISTRY/REPOSITORY[:TAG])")))
                })?
            } else {
                input.to_string()
            }
        }
    };
    if let Some((transport, _)) = text.split_once(':') {
        if ["oci-archive", "docker-archive", "oci", "dir", "containers-storage", "docker-daemon"].contains(&transport) {
            bail!(Error::bad_input(format!("pushing to {transport}: is not supported; use rpod save for archives")));
        }
    }
    let r = Reference::parse(&text).map_err(|e| Error::bad_input(e.to_string()))?;
    if r.is_short() {
        bail!(Error::bad_input(format!("destination {text:?} names no registry: use REGISTRY/REPOSITORY[:TAG]")));
    }
    let q = r.qualify("docker.io");
    if q.registry == "localhost" {
        bail!(Error::bad_input(format!("{q} is a local name: give a registry destination (rpod push IMAGE REGISTRY/REPOSITORY[:TAG])")));
    }
    if q.digest.is_some() {
        bail!(Error::bad_input(format!("cannot push to a digest reference {text:?}: give a tag")));
    }
    Ok(q)
}

/// Push `input` (a local image) to `dest` (or to its own name).
/// The engine must have content access (layer files are read).
pub fn push(engine: &mut Engine, input: &str, dest: Option<&str>, opts: &PushOptions) -> Result<Pushed> {
    let with_conf;
    let opts = match (&opts.compression, &crate::config::get().engine.compression_format) {
        // containers.conf's compression_format when --compression-format is not given.
        (None, Some(f)) => {
            with_conf = PushOptions { compression: Some(f.parse()?), ..opts.clone() };
            &with_conf
        }
        _ => opts,
    };
    let all = engine.store.images()?;
    let img = super::images::resolve(engine, &all, input)?;
    let q = destination(&img, input, dest)?;
    let pushed = push_image(engine, &all, &img, &q, opts)?;
    crate::events::image("push", &img.id, &pushed.destination);
    Ok(pushed)
}

/// Push local image `img` to `q`: under its tag, or by the digest of the
/// manifest written when `q` has no tag (an instance of a manifest list).
pub(crate) fn push_image(engine: &mut Engine, all: &[ImageRecord], img: &ImageRecord, q: &Qualified, opts: &PushOptions) -> Result<Pushed> {
    if opts.format == Some(ManifestFormat::V2s2) && opts.compression == Some(LayerCompression::Zstd) {
        bail!(Error::bad_input("zstd-compressed layers need the oci manifest format (--format oci)"));
    }
    if let Some(l) = opts.compression_level {
        let ok = match opts.compression.unwrap_or(LayerCompression::Gzip) {
            LayerCompression::Gzip => (0..=9).contains(&l),
            LayerCompression::Zstd => (1..=22).contains(&l),
        };
        if !ok {
            bail!(Error::bad_input(format!("invalid --compression-level {l}: gzip takes 0-9, zstd 1-22")));
        }
    }
    let conf = engine.registries()?;
    if conf.blocked(&q.name()) {
        bail!(Error::bad_input(format!("registry {} is blocked in registries.conf", q.registry)));
    }
    let insecure = match opts.tls_verify {
        Some(v) => !v,
        None => conf.insecure(&q.name()),
    };
    let creds = match &opts.creds {
        Some(c) => Some(c.clone()),
        None => auth::lookup(&engine.paths, opts.authfile.as_deref(), &q.name())?,
    };
    let config = engine.store.image_config(&img.id)?;
    let config_digest = Digest::of(&config);
    let cache = BlobInfoCache::load(engine.store.root());
    let known = known_blobs(&engine.store, all, img, &q.registry, &cache)?;
    let mut plans = Vec::new();
    let mut diff_ids = Vec::new();
    for (chain, known) in img.layers.iter().zip(known) {
        let record = engine.store.layer(chain)?;
        diff_ids.push(record.diff_id.clone());
        plans.push(LayerPlan { record, diff: engine.store.layer_diff(chain), split: engine.store.layer_tar_split(chain), known });
    }
    let stored = stored_manifest(&engine.store, img);
    let config_from = mount_sources(&cache, all, &config_digest, &q.registry, img);
    let _gc = engine.store.gc_shared()?;
    let progress = opts.progress.clone();
    let say = |m: &str| {
        if let Some(p) = &progress {
            p.message(m)
        }
    };
    say("Getting image source signatures");
    let registry_err = |e: anyhow::Error| match super::error::find(&e) {
        Some(_) => e,
        None => anyhow!(Error::Registry(format!("pushing {q}: {e:#}"))),
    };
    let repo = q.repository.clone();
    let tag = q.tag.clone();
    // Phase 1, outside the user namespace (nothing of a layer's files is
    // read): every layer and the config that the registry has or can mount.
    let runtime = transfer_runtime()?;
    let (up, mut done) = runtime
        .block_on(async {
            let up = Arc::new(Uploader::connect(&q.registry, insecure, creds.clone()).await.map_err(|e| anyhow!(Error::Registry(format!("{e:#}"))))?);
            let config_task = {
                let (up, repo, config, digest) = (up.clone(), repo.clone(), config.clone(), config_digest.clone());
                tokio::spawn(async move {
                    if !reuse_blob(&up, &repo, &digest, &config_from).await? {
                        let size = config.len() as u64;
                        up.push_blob(&repo, &digest, size, reqwest::Body::from(config)).await?;
                    }
                    anyhow::Ok(())
                })
            };
            let mut tasks = tokio::task::JoinSet::new();
            for (i, plan) in plans.iter().enumerate() {
                let (up, repo, known, compression) = (up.clone(), repo.clone(), plan.known.clone(), opts.compression);
                tasks.spawn(async move { (i, reuse_layer(&up, &repo, &known, compression).await) });
            }
            let mut done: Vec<Option<Pushed1>> = vec![None; plans.len()];
            while let Some(res) = tasks.join_next().await {
                let (i, r) = res.map_err(|e| anyhow!("layer task failed: {e}"))?;
                done[i] = r?;
            }
            config_task.await.context("config upload task")??;
            anyhow::Ok((up, done))
        })
        .map_err(registry_err)?;
    for p in done.iter().flatten() {
        if let Some(pr) = &progress {
            pr.layer(&p.desc.digest, p.desc.size.max(0) as u64).finish(true);
        }
    }
    // Phase 2: the others are written again from the layer files, which
    // needs rpod's user namespace (entered only now, with no thread running).
    let (runtime, up) = if done.iter().any(Option::is_none) {
        if !engine.content_access {
            drop(up);
            drop(runtime);
            engine.ensure_content_access()?;
            let runtime = transfer_runtime()?;
            let up = runtime.block_on(Uploader::connect(&q.registry, insecure, creds.clone())).map_err(|e| anyhow!(Error::Registry(format!("{e:#}"))))?;
            (runtime, Arc::new(up))
        } else {
            (runtime, up)
        }
    } else {
        (runtime, up)
    };
    let result = runtime.block_on(async {
        let mut tasks = tokio::task::JoinSet::new();
        for (i, plan) in plans.into_iter().enumerate() {
            if done[i].is_some() {
                continue;
            }
            let job = LayerJob {
                up: up.clone(),
                repo: repo.clone(),
                store: engine.store.clone(),
                plan,
                compression: opts.compression,
                level: opts.compression_level,
                progress: progress.clone(),
            };
            tasks.spawn(async move { (i, job.run().await) });
        }
        let mut first_err = None;
        while let Some(res) = tasks.join_next().await {
            match res.map_err(|e| anyhow!("layer task failed: {e}")) {
                Ok((i, Ok(p))) => done[i] = Some(p),
                Ok((_, Err(e))) | Err(e) => {
                    if first_err.is_none() {
                        first_err = Some(e);
                        tasks.abort_all();
                    }
                }
            }
        }
        if let Some(e) = first_err {
            return Err(e);
        }
        let layers: Vec<Pushed1> = done.into_iter().map(|d| d.expect("every layer finished")).collect();
        say(&format!("Copying config {} done", config_digest.short()));
        say("Writing manifest to image destination");
        let (body, media_type) = manifest_for(img, stored.as_ref(), &config, &config_digest, &layers, opts.format)?;
        let reference = tag.clone().unwrap_or_else(|| Digest::of(&body).to_string());
        up.push_manifest(&repo, &reference, &body, &media_type).await?;
        // Remember where each blob now is, for the next push.
        let location = format!("{}/{}", q.registry, q.repository);
        let mut seen = vec![Seen {
            digest: config_digest.clone(),
            uncompressed: None,
            media_type: String::new(),
            size: config.len() as u64,
            location: Some(location.clone()),
        }];
        if let Ok((doc, _)) = ManifestDoc::parse(&body, &media_type) {
            seen.extend(doc.layers.unwrap_or_default().into_iter().zip(&diff_ids).map(|(d, diff)| Seen {
                digest: d.digest,
                uncompressed: Some(diff.clone()),
                media_type: d.media_type,
                size: d.size.max(0) as u64,
                location: Some(location.clone()),
            }));
        }
        blobinfo::record(engine.store.root(), &seen);
        let uploaded = layers.iter().filter(|l| l.uploaded).count();
        Ok(Pushed { destination: q.to_string(), digest: Digest::of(&body), media_type, size: body.len() as u64, uploaded })
    });
    result.map_err(registry_err)
}

fn transfer_runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().context("starting the transfer runtime")
}

/// Repositories on `registry` that may hold blob `digest`: from the
/// blob-location record, then those `img` was pulled from.
fn mount_sources(cache: &BlobInfoCache, _all: &[ImageRecord], digest: &Digest, registry: &str, img: &ImageRecord) -> Vec<String> {
    let mut v = cache.repositories_on(digest, registry);
    for rd in &img.repo_digests {
        if let Some(r) = repo_on(rd, registry) {
            if !v.contains(&r) {
                v.push(r);
            }
        }
    }
    v
}

/// Most mounts tried for one blob (each is a request).
const MAX_MOUNTS: usize = 4;

/// Make blob `digest` present in `repo` without uploading it: mounted from
/// one of `from` (a mount of a blob the destination already has succeeds
/// too, so this answers the HEAD question in the same request), else
/// already there.
async fn reuse_blob(up: &Uploader, repo: &str, digest: &Digest, from: &[String]) -> Result<bool> {
    for f in from.iter().filter(|f| f.as_str() != repo).take(MAX_MOUNTS) {
        if up.mount_blob(repo, f, digest).await {
            tracing::debug!("blob {digest} mounted from {f}");
            return Ok(true);
        }
    }
    up.blob_exists(repo, digest).await
}

/// A known blob of the layer that the destination has or can mount, in an
/// acceptable compression; `None` when the layer must be written again.
async fn reuse_layer(up: &Uploader, repo: &str, known: &[Known], compression: Option<LayerCompression>) -> Result<Option<Pushed1>> {
    for k in known {
        let acceptable = match compression {
            None => true,
            Some(LayerCompression::Gzip) => k.kind == Kind::Gzip,
            Some(LayerCompression::Zstd) => k.kind == Kind::Zstd,
        };
        if acceptable && reuse_blob(up, repo, &k.desc.digest, &k.mount_from).await? {
            tracing::debug!("blob {} reused, not uploaded", k.desc.digest);
            return Ok(Some(Pushed1 { desc: k.desc.clone(), kind: k.kind, uploaded: false }));
        }
    }
    Ok(None)
}

/// The manifest to write: the stored one when it still describes exactly
/// what was pushed, else a new one in the asked (default OCI) format.
fn manifest_for(
    img: &ImageRecord,
    stored: Option<&(Vec<u8>, ManifestDoc)>,
    config: &[u8],
    config_digest: &Digest,
    layers: &[Pushed1],
    format: Option<ManifestFormat>,
) -> Result<(Vec<u8>, String)> {
    if let Some((raw, doc)) = stored {
        let stored_format = if img.manifest_media_type == DOCKER_MANIFEST { ManifestFormat::V2s2 } else { ManifestFormat::Oci };
        let same_layers = doc.layers.as_ref().is_some_and(|ls| {
            ls.len() == layers.len()
                && ls.iter().zip(layers).all(|(s, p)| s.digest == p.desc.digest && s.media_type == p.desc.media_type && s.size == p.desc.size)
        });
        let same_config = doc.config.as_ref().is_some_and(|c| &c.digest == config_digest);
        if same_layers
            && same_config
            && format.is_none_or(|f| f == stored_format)
            && (img.manifest_media_type == OCI_MANIFEST || img.manifest_media_type == DOCKER_MANIFEST)
        {
            return Ok((raw.clone(), img.manifest_media_type.clone()));
        }
    }
    let format = format.unwrap_or(ManifestFormat::Oci);
    let mut descs = Vec::new();
    for l in layers {
        descs.push(json!({"mediaType": layer_media_type(format, l.kind)?, "digest": l.desc.digest.as_str(), "size": l.desc.size}));
    }
    let (mt, cmt) = match format {
        ManifestFormat::Oci => (OCI_MANIFEST, OCI_CONFIG),
        ManifestFormat::V2s2 => (DOCKER_MANIFEST, DOCKER_CONFIG),
    };
    let doc = json!({
        "schemaVersion": 2,
        "mediaType": mt,
        "config": {"mediaType": cmt, "digest": config_digest.as_str(), "size": config.len()},
        "layers": descs,
    });
    Ok((serde_json::to_vec(&doc)?, mt.to_string()))
}

/// A layer as it ended up in the destination.
#[derive(Debug, Clone)]
struct Pushed1 {
    desc: Descriptor,
    kind: Kind,
    uploaded: bool,
}

struct LayerJob {
    up: Arc<Uploader>,
    repo: String,
    store: Store,
    plan: LayerPlan,
    compression: Option<LayerCompression>,
    level: Option<i32>,
    progress: Option<Arc<dyn PullProgress>>,
}

struct NoBar;
impl LayerProgress for NoBar {
    fn advance(&self, _: u64) {}
    fn finish(&self, _: bool) {}
}

impl LayerJob {
    fn bar(&self, digest: &Digest, size: u64) -> Box<dyn LayerProgress> {
        match &self.progress {
            Some(p) => p.layer(digest, size),
            None => Box::new(NoBar),
        }
    }

    /// Write the blob again from the unpacked layer and upload it.
    async fn run(self) -> Result<Pushed1> {
        let Some(split) = self.plan.split.clone() else {
            bail!(Error::InvalidState(format!(
                "layer {} cannot be pushed: the registry does not have its blob and rpod kept no record of its tar stream (it was stored by an older rpod); remove the image and pull or build it again",
                self.plan.record.diff_id
            )));
        };
        let staging = self.store.stage()?;
        let blob_path = staging.dir.join("blob");
        let (diff, want) = (self.plan.diff.clone(), self.plan.record.diff_id.clone());
        let compression = self.compression.unwrap_or(LayerCompression::Gzip);
        let level = self.level;
        let bp = blob_path.clone();
        let (digest, size) = tokio::task::spawn_blocking(move || compress_layer(&split, &diff, &want, compression, level, &bp)).await??;
        let kind = match compression {
            LayerCompression::Gzip => Kind::Gzip,
            LayerCompression::Zstd => Kind::Zstd,
        };
        let desc = Descriptor { media_type: String::new(), digest: digest.clone(), size: size as i64, platform: None };
        let bar = self.bar(&digest, size);
        if self.up.blob_exists(&self.repo, &digest).await? {
            bar.finish(true);
            return Ok(Pushed1 { desc, kind, uploaded: false });
        }
        let bar: Arc<dyn LayerProgress> = Arc::from(bar);
        let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(4);
        let reader = tokio::task::spawn_blocking(move || read_chunks(&blob_path, tx));
        let b2 = bar.clone();
        let stream = futures_util::stream::unfold(rx, move |mut rx| {
            let b2 = b2.clone();
            async move {
                let item = rx.recv().await?;
                Some((item.inspect(|b| b2.advance(b.len() as u64)), rx))
            }
        });
        tracing::debug!("uploading blob {digest}");
        self.up.push_blob(&self.repo, &digest, size, reqwest::Body::wrap_stream(stream)).await?;
        reader.await.context("layer reader task")?;
        drop(staging);
        bar.finish(false);
        Ok(Pushed1 { desc, kind, uploaded: true })
    }
}

/// Send the file at `path` in 8 MiB chunks.
fn read_chunks(path: &Path, tx: tokio::sync::mpsc::Sender<std::io::Result<Bytes>>) {
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            let _ = tx.blocking_send(Err(e));
            return;
        }
    };
    loop {
        let mut buf = vec![0u8; 8 << 20];
        let mut filled = 0;
        while filled < buf.len() {
            match f.read(&mut buf[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let _ = tx.blocking_send(Err(e));
                    return;
                }
            }
        }
        if filled == 0 {
            return;
        }
        buf.truncate(filled);
        if tx.blocking_send(Ok(Bytes::from(buf))).is_err() {
            return;
        }
    }
}

/// Counts and hashes what is written through it.
pub struct HashingWriter<W> {
    pub inner: W,
    hasher: Sha256,
    pub count: u64,
}

impl<W: Write> HashingWriter<W> {
    pub fn new(inner: W) -> Self {
        HashingWriter { inner, hasher: Sha256::new(), count: 0 }
    }
    pub fn digest(self) -> (Digest, u64, W) {
        (Digest::from_hasher(self.hasher), self.count, self.inner)
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Write layer `diff`'s tar stream, compressed, to `out`; check it against
/// the diff id `want`. Returns the compressed digest and size.
pub(crate) fn compress_layer(split: &Path, diff: &Path, want: &Digest, c: LayerCompression, level: Option<i32>, out: &Path) -> Result<(Digest, u64)> {
    let file = std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?;
    let compressed = HashingWriter::new(std::io::BufWriter::with_capacity(1 << 20, file));
    let (got, compressed) = match c {
        LayerCompression::Gzip => {
            // On every core, as Podman's pgzip does; same bytes whatever the core count.
            let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
            let mut got = None;
            let (w, _) = crate::storage::pgzip::gzip(compressed, level.unwrap_or(6).clamp(0, 9) as u32, threads, |w: &mut dyn Write| -> Result<()> {
                let mut h = HashingWriter::new(w);
                crate::storage::tarsplit::reassemble(split, diff, &mut h)?;
                got = Some(h.digest().0);
                Ok(())
            })?;
            (got.expect("set when the stream was written"), w)
        }
        LayerCompression::Zstd => {
            let enc = zstd::stream::write::Encoder::new(compressed, level.unwrap_or(3))?;
            let mut w = HashingWriter::new(enc);
            crate::storage::tarsplit::reassemble(split, diff, &mut w)?;
            let (d, _, enc) = w.digest();
            (d, enc.finish()?)
        }
    };
    if &got != want {
        bail!("layer {want} could not be written back as it was stored (its files were changed: the stream digests to {got})");
    }
    let (digest, size, mut w) = compressed.digest();
    w.flush()?;
    Ok((digest, size))
}

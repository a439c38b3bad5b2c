//! `rpod pull`: resolve a reference, fetch manifest and config, fetch and
//! unpack the layers concurrently, then commit the image record.
//!
//! Each layer is streamed from the registry into a blocking thread that
//! decompresses, digests and unpacks it into a staging directory; when the
//! blob's digest and size and the layer's diff id all check out, the staging
//! directory is renamed into place. The image record is written last, so an
//! interrupted or failed pull never leaves an image that points at nothing.

use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{anyhow, bail, Context, Result};
use bytes::{Buf, Bytes};
use futures_util::StreamExt;

use super::Engine;
use crate::image::auth::{self, Credentials};
use crate::image::platform::Platform;
use crate::image::reference::{Qualified, Reference};
use crate::image::registries::{PullSource, RegistriesConf};
use crate::image::transfer::{is_not_found, Descriptor, ManifestDoc, Remote};
use crate::storage::blobinfo::{self, Seen};
use crate::storage::digest::chain_ids;
use crate::storage::import::import_layer;
use crate::storage::unpack::Owners;
use crate::storage::{now_rfc3339, Digest, ImageRecord, LayerRecord, Store};

/// What the user asked for.
#[derive(Clone)]
pub struct PullOptions {
    pub quiet: bool,
    /// `--tls-verify`: `Some(false)` allows HTTP and unverified TLS, `Some(true)`
    /// forces verification even for registries marked insecure.
    pub tls_verify: Option<bool>,
    pub platform: Platform,
    pub authfile: Option<PathBuf>,
    pub creds: Option<Credentials>,
    /// Where progress goes; `None` reports nothing (warnings go to tracing).
    pub progress: Option<Arc<dyn PullProgress>>,
}

/// The outcome.
#[derive(Debug, Clone)]
pub struct Pulled {
    pub id: String,
    pub name: String,
}

impl std::fmt::Debug for PullOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PullOptions")
            .field("quiet", &self.quiet)
            .field("tls_verify", &self.tls_verify)
            .field("platform", &self.platform)
            .finish_non_exhaustive()
    }
}

/// Progress of a pull, for the front end to show (the engine draws nothing
/// and never writes to the process's stdio). Called from several threads.
pub trait PullProgress: Send + Sync {
    /// A step, in Podman's words ("Trying to pull ...", "Writing manifest ...").
    fn message(&self, line: &str);
    /// Something the user should know that does not stop the pull.
    fn warning(&self, line: &str);
    /// A layer blob starts: `size` bytes are expected.
    fn layer(&self, digest: &Digest, size: u64) -> Box<dyn LayerProgress>;
    /// Whether [`PullProgress::choose`] can ask the user (Podman prompts
    /// only when stdin and stdout are terminals).
    fn can_prompt(&self) -> bool {
        false
    }
    /// Ask the user to pick one of `items` (short-name resolution).
    fn choose(&self, label: &str, items: &[String]) -> Result<usize> {
        let _ = items;
        bail!("{label}: cannot prompt without a TTY")
    }
}

/// Progress of one layer.
pub trait LayerProgress: Send + Sync {
    fn advance(&self, bytes: u64);
    /// The layer is stored (`skipped`: it already was).
    fn finish(&self, skipped: bool);
}

struct NoLayerProgress;
impl LayerProgress for NoLayerProgress {
    fn advance(&self, _: u64) {}
    fn finish(&self, _: bool) {}
}

/// Forwards to the caller's progress, or to nothing.
#[derive(Clone)]
struct Progress(Option<Arc<dyn PullProgress>>);

impl Progress {
    fn line(&self, msg: &str) {
        if let Some(p) = &self.0 {
            p.message(msg);
        }
    }
    fn warning(&self, msg: &str) {
        match &self.0 {
            Some(p) => p.warning(msg),
            None => tracing::warn!("{msg}"),
        }
    }
    fn bar(&self, digest: &Digest, size: u64) -> Box<dyn LayerProgress> {
        match &self.0 {
            Some(p) => p.layer(digest, size),
            None => Box::new(NoLayerProgress),
        }
    }
}

/// Make sure `image` is local, pulling it when missing (Podman's
/// `--pull=missing`, the default of `create` and `run`).
pub fn ensure(engine: &mut Engine, image: &str, progress: Option<Arc<dyn PullProgress>>) -> Result<()> {
    if super::images::exists(engine, image)? {
        return Ok(());
    }
    engine.ensure_content_access()?;
    let opts = PullOptions { quiet: false, tls_verify: None, platform: Platform::host(), authfile: None, creds: None, progress };
    pull(engine, image, &opts)?;
    Ok(())
}

/// Pull `input` into the store. The engine must have content access.
///
/// A short name is resolved as Podman does (alias, search registries,
/// `short-name-mode`); each candidate is read from its registry's mirrors
/// (in order) and then from its primary location, each refused if blocked.
/// The image is stored under the name the user meant, wherever it came from.
pub fn pull(engine: &Engine, input: &str, opts: &PullOptions) -> Result<Pulled> {
    let reference = Reference::parse(input)?;
    let conf = engine.registries()?;
    let progress = Progress(opts.progress.clone());
    let prompt = opts.progress.clone().filter(|p| p.can_prompt());
    let choose = |items: &[String]| -> Result<usize> { prompt.as_ref().expect("only offered with a prompt").choose("Please select an image", items) };
    let chooser: Option<&crate::image::registries::Chooser<'_>> = if prompt.is_some() { Some(&choose) } else { None };
    let resolved = conf.resolve(&reference, chooser)?;
    if let Some(d) = &resolved.description {
        progress.line(d);
    }
    let _gc = engine.store.gc_shared()?;
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().context("starting the transfer runtime")?;
    let mut errors = Vec::new();
    for q in &resolved.candidates {
        progress.line(&format!("Trying to pull {q}..."));
        match pull_from_sources(engine, &conf, q, opts, &progress, &runtime) {
            Ok(id) => {
                crate::events::image("pull", &id, &q.to_string());
                if let Some((name, value)) = &resolved.record {
                    if let Err(e) = conf.record_alias(name, value) {
                        progress.warning(&format!("recording short-name alias ({name:?}={value:?}): {e:#}"));
                    }
                }
                return Ok(Pulled { id, name: q.to_string() });
            }
            Err(e) => {
                let not_found = is_not_found(&e);
                errors.push((q.clone(), e));
                if !not_found {
                    break;
                }
            }
        }
    }
    drop(_gc);
    // Drop any layer a failed attempt committed that no image uses (best effort).
    let _ = engine.collect_garbage(false);
    match errors.len() {
        1 => {
            let (q, e) = errors.pop().expect("one error");
            Err(e.context(format!("pulling {q}")))
        }
        _ => {
            let lines: Vec<String> = errors.iter().map(|(q, e)| format!("\n * {q}: {e:#}")).collect();
            bail!("{} errors occurred while pulling {input}:{}", errors.len(), lines.concat())
        }
    }
}

/// Pull the logical reference `q` from the first of its sources (mirrors,
/// then the primary location) that has it. With mirrors, a failure names
/// every attempt, Podman's way: `(Mirrors also failed: [m: err]): primary: err`.
fn pull_from_sources(
    engine: &Engine,
    conf: &RegistriesConf,
    q: &Qualified,
    opts: &PullOptions,
    progress: &Progress,
    rt: &tokio::runtime::Runtime,
) -> Result<String> {
    let sources = conf.pull_sources(q)?;
    let mut attempts: Vec<(Qualified, anyhow::Error)> = Vec::new();
    for src in &sources {
        let res = match conf.blocked_error(&src.reference.name()) {
            Some(msg) => Err(anyhow!(msg)),
            None => rt.block_on(pull_one(engine, q, src, opts, progress)),
        };
        match res {
            Ok(id) => return Ok(id),
            Err(e) => {
                tracing::debug!("pulling {} failed: {e:#}", src.reference);
                attempts.push((src.reference.clone(), e));
            }
        }
    }
    let (primary, err) = attempts.pop().context("no pull source")?;
    if attempts.is_empty() {
        return Err(err);
    }
    let extras: Vec<String> = attempts.iter().map(|(r, e)| format!("[{r}: {}]", format!("{e:#}").replace('\n', " "))).collect();
    Err(err.context(format!("(Mirrors also failed: {}): {primary}", extras.join(" "))))
}

fn insecure(opts: &PullOptions, src: &PullSource) -> bool {
    match opts.tls_verify {
        Some(v) => !v,
        None => src.insecure,
    }
}

/// Pick the manifest for `platform` from an index.
fn select(entries: &[Descriptor], platform: &Platform) -> Result<Descriptor> {
    entries.iter().find(|d| d.platform.as_ref().is_some_and(|p| platform.matches(&p.os, &p.architecture, p.variant.as_deref()))).cloned().ok_or_else(|| {
        let have: Vec<String> = entries
            .iter()
            .filter_map(|d| d.platform.as_ref())
            .map(|p| format!("{}/{}{}", p.os, p.architecture, p.variant.as_ref().map(|v| format!("/{v}")).unwrap_or_default()))
            .collect();
        anyhow!("no image found in manifest list for platform {platform} (available: {})", have.join(", "))
    })
}

/// Pull `q` (the name the image is stored under) from `src` (where it is read).
async fn pull_one(engine: &Engine, q: &Qualified, src: &PullSource, opts: &PullOptions, progress: &Progress) -> Result<String> {
    let physical = &src.reference;
    // `--creds` are meant for the registry the user named, never for a
    // mirror elsewhere (containers/image drops them likewise).
    let creds = match &opts.creds {
        Some(c) if physical.registry == q.registry => Some(c.clone()),
        _ => auth::lookup(&engine.paths, opts.authfile.as_deref(), &physical.name())?,
    };
    let remote = Remote::connect(&physical.registry, insecure(opts, src), creds).await?;
    let oref = physical.to_oci();
    let (mut manifest, mut digest, mut media_type) = remote.manifest(&oref).await.context("reading manifest")?;
    let mut list_digest = None;
    let (doc, _) = ManifestDoc::parse(&manifest, &media_type)?;
    let doc = if doc.is_index(&media_type) {
        let entry = select(doc.manifests.as_deref().unwrap_or_default(), &opts.platform)?;
        list_digest = Some(digest.clone());
        let by_digest = oci_client::Reference::with_digest(physical.registry.clone(), physical.repository.clone(), entry.digest.to_string());
        (manifest, digest, media_type) = remote.manifest(&by_digest).await.context("reading platform manifest")?;
        let (doc, _) = ManifestDoc::parse(&manifest, &media_type)?;
        if doc.is_index(&media_type) {
            bail!("manifest list {} points at another manifest list", entry.digest);
        }
        doc
    } else {
        doc
    };
    let config_desc = doc.config.clone().context("manifest has no config")?;
    let layers = doc.layers.clone().unwrap_or_default();
    progress.line("Getting image source signatures");
    let config = remote.blob(&oref, &config_desc).await.context("fetching image config")?;
    if Digest::of(&config) != config_desc.digest {
        bail!("image config does not match its digest {}", config_desc.digest);
    }
    let cfg: serde_json::Value = serde_json::from_slice(&config).context("parsing image config")?;
    let diff_ids: Vec<Digest> = cfg
        .pointer("/rootfs/diff_ids")
        .and_then(|v| v.as_array())
        .context("image config has no rootfs.diff_ids")?
        .iter()
        .map(|v| v.as_str().unwrap_or("").parse::<Digest>())
        .collect::<Result<_, _>>()
        .context("image config has an invalid diff id")?;
    if diff_ids.len() != layers.len() {
        bail!("image config lists {} layers (rootfs.diff_ids), the manifest {}", diff_ids.len(), layers.len());
    }
    let arch = cfg.get("architecture").and_then(|v| v.as_str()).unwrap_or("").to_string();
    let os = cfg.get("os").and_then(|v| v.as_str()).unwrap_or("").to_string();
    if list_digest.is_none() && !opts.platform.matches(&os, &arch, cfg.get("variant").and_then(|v| v.as_str())) && !opts.quiet {
        progress.warning(&format!("image platform ({os}/{arch}) does not match the expected platform ({})", opts.platform));
    }
    let chains = chain_ids(&diff_ids);
    let id = config_desc.digest.hex().to_string();

    // Layers, concurrently.
    let mut tasks = tokio::task::JoinSet::new();
    let remote = Arc::new(remote);
    for (i, desc) in layers.iter().enumerate() {
        let job = LayerJob {
            store: engine.store.clone(),
            owners: engine.owners(),
            remote: remote.clone(),
            oref: oref.clone(),
            desc: desc.clone(),
            diff_id: diff_ids[i].clone(),
            chain: chains[i].clone(),
            parent: i.checked_sub(1).map(|p| chains[p].clone()),
            bar: progress.bar(&desc.digest, desc.size.max(0) as u64),
        };
        tasks.spawn(job.run());
    }
    let mut sizes = Vec::new();
    let mut first_err = None;
    while let Some(res) = tasks.join_next().await {
        match res.map_err(|e| anyhow!("layer task failed: {e}")).and_then(|r| r) {
            Ok(size) => sizes.push(size),
            Err(e) => {
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
    // Remember where these blobs are (only those whose content was checked
    // against the diff id when the layer was stored from them).
    let location = physical.name();
    let seen: Vec<Seen> = layers
        .iter()
        .zip(&chains)
        .filter_map(|(d, chain)| {
            let rec = engine.store.layer(chain).ok()?;
            (rec.compressed_digest.as_ref() == Some(&d.digest)).then(|| Seen {
                digest: d.digest.clone(),
                uncompressed: Some(rec.diff_id),
                media_type: d.media_type.clone(),
                size: d.size.max(0) as u64,
                location: Some(location.clone()),
            })
        })
        .collect();
    blobinfo::record(engine.store.root(), &seen);
    progress.line(&format!("Copying config {} done", config_desc.digest.short()));
    progress.line("Writing manifest to image destination");

    // Commit: data files, then the record.
    let store = &engine.store;
    store.write_image_data(&id, &config, &digest, &manifest)?;
    let size: u64 = sizes.iter().sum();
    let tagged = q.tagged();
    let mut repo_digests = vec![q.with_digest(&digest)];
    if let Some(l) = &list_digest {
        repo_digests.push(q.with_digest(l));
    }
    let created = cfg.get("created").and_then(|v| v.as_str()).map(str::to_string);
    store.update_images(|images| {
        if let Some(t) = &tagged {
            for other in images.iter_mut().filter(|i| i.id != id) {
                other.names.retain(|n| n != t);
            }
        }
        let rec = match images.iter_mut().find(|i| i.id == id) {
            Some(r) => r,
            None => {
                images.push(ImageRecord {
                    id: id.clone(),
                    names: vec![],
                    repo_digests: vec![],
                    digest: digest.clone(),
                    manifest_media_type: media_type.clone(),
                    layers: chains.clone(),
                    created: created.clone(),
                    stored: now_rfc3339(),
                    size,
                    architecture: arch.clone(),
                    os: os.clone(),
                });
                images.last_mut().expect("just pushed")
            }
        };
        if let Some(t) = &tagged {
            if !rec.names.contains(t) {
                rec.names.insert(0, t.clone());
            }
        }
        for d in &repo_digests {
            if !rec.repo_digests.contains(d) {
                rec.repo_digests.push(d.clone());
            }
        }
        Ok(())
    })?;
    Ok(id)
}

/// Fetching and unpacking one layer.
struct LayerJob {
    store: Store,
    owners: Owners,
    remote: Arc<Remote>,
    oref: oci_client::Reference,
    desc: Descriptor,
    diff_id: Digest,
    chain: Digest,
    parent: Option<Digest>,
    bar: Box<dyn LayerProgress>,
}

/// Feeds bytes from the download task to the blocking unpacker.
pub(crate) struct ChannelReader {
    rx: tokio::sync::mpsc::Receiver<Bytes>,
    cur: Bytes,
}

impl ChannelReader {
    pub(crate) fn new(rx: tokio::sync::mpsc::Receiver<Bytes>) -> ChannelReader {
        ChannelReader { rx, cur: Bytes::new() }
    }
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.cur.is_empty() {
            match self.rx.blocking_recv() {
                Some(b) => self.cur = b,
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.cur.len());
        buf[..n].copy_from_slice(&self.cur[..n]);
        self.cur.advance(n);
        Ok(n)
    }
}

impl LayerJob {
    /// Returns the layer's uncompressed size.
    async fn run(self) -> Result<u64> {
        let (store, chain) = (self.store.clone(), self.chain.clone());
        let lock = tokio::task::spawn_blocking(move || store.layer_lock(&chain)).await??;
        if self.store.has_layer(&self.chain) {
            let rec = self.store.layer(&self.chain)?;
            if rec.diff_id != self.diff_id {
                bail!("stored layer {} has diff id {}, expected {}", self.chain, rec.diff_id, self.diff_id);
            }
            self.bar.finish(true);
            return Ok(rec.uncompressed_size);
        }
        let staging = self.store.stage()?;
        let mut stream = self.remote.blob_stream(&self.oref, &self.desc).await?;
        let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(64);
        let dest = staging.diff();
        let owners = self.owners;
        let unpack = tokio::task::spawn_blocking(move || import_layer(ChannelReader { rx, cur: Bytes::new() }, &dest, owners));
        let mut received: u64 = 0;
        let mut download_err = None;
        while let Some(chunk) = stream.next().await {
            match chunk {
                Ok(b) => {
                    received += b.len() as u64;
                    self.bar.advance(b.len() as u64);
                    if received > self.desc.size.max(0) as u64 {
                        download_err = Some(anyhow!("blob {} is larger than the {} bytes the manifest says", self.desc.digest, self.desc.size));
                        break;
                    }
                    if tx.send(b).await.is_err() {
                        break; // the unpacker stopped early: its error explains why
                    }
                }
                Err(e) => {
                    download_err = Some(anyhow!(e).context(format!("fetching blob {}", self.desc.digest)));
                    break;
                }
            }
        }
        drop(tx);
        let imported = unpack.await.context("layer unpack task")?;
        if let Some(e) = download_err {
            return Err(e);
        }
        let imported = imported.with_context(|| format!("unpacking layer {}", self.desc.digest))?;
        if received != self.desc.size.max(0) as u64 {
            bail!("blob {} has {received} bytes, the manifest says {}", self.desc.digest, self.desc.size);
        }
        if imported.diff_id != self.diff_id {
            bail!("layer {} uncompresses to {}, but the image config says {}", self.desc.digest, imported.diff_id, self.diff_id);
        }
        let record = LayerRecord {
            chain_id: self.chain.clone(),
            diff_id: self.diff_id.clone(),
            parent: self.parent.clone(),
            compressed_digest: Some(self.desc.digest.clone()),
            compressed_size: received,
            uncompressed_size: imported.uncompressed_size,
            created: now_rfc3339(),
        };
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || store.commit_layer(staging, &record)).await??;
        drop(lock);
        self.bar.finish(false);
        Ok(imported.uncompressed_size)
    }
}

/// `--pull` of `create` and `run` (Podman's policies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PullPolicy {
    Always,
    #[default]
    Missing,
    Never,
    /// Pull when the registry's image differs from the local one; the local
    /// one is used when the registry cannot be reached.
    Newer,
}

impl PullPolicy {
    pub fn parse(s: &str) -> Result<PullPolicy> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "always" | "true" => PullPolicy::Always,
            "missing" | "" => PullPolicy::Missing,
            "never" | "false" => PullPolicy::Never,
            "newer" | "ifnewer" => PullPolicy::Newer,
            _ => return Err(super::Error::bad_input(format!("invalid pull policy {s:?}: use always, missing, never or newer")).into()),
        })
    }
}

/// Make `image` local as `policy` says. A pull of an image whose layers are
/// all here only fetches the manifest, so `newer` is `always` that falls
/// back to the local image when the pull fails.
pub fn ensure_policy(engine: &mut Engine, image: &str, policy: PullPolicy, opts: &PullOptions) -> Result<()> {
    let local = super::images::exists(engine, image)?;
    match policy {
        PullPolicy::Missing | PullPolicy::Never if local => return Ok(()),
        PullPolicy::Never => return Err(super::Error::NoSuchImage(image.to_string()).into()),
        _ => {}
    }
    engine.ensure_content_access()?;
    match pull(engine, image, opts) {
        Ok(_) => Ok(()),
        Err(e) if policy == PullPolicy::Newer && local => {
            tracing::warn!("--pull=newer: {e:#}; using the local image");
            Ok(())
        }
        Err(e) => Err(e),
    }
}

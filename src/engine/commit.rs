//! `rpod commit CTR [IMAGE]`: a container's changes become a new layer on
//! top of its image, and a new image. Also the image-writing half that
//! `build` shares: [`write_image`] turns a config and a list of layers into
//! a stored image (config, OCI or Docker v2s2 manifest, record, name).
//!
//! The layer comes from the container's upper directory alone
//! ([`crate::storage::layer_writer`]), read inside rpod's user namespace so
//! owners come out as image ids. Containers on the copy (`vfs`) driver have
//! no upper directory and are refused (see docs/decisions.md).

use anyhow::Context;
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::error::{Error, Result};
use super::Engine;
use crate::container::Status;
use crate::storage::layer_writer::{self, Mtime, NewLayer, TarOptions};
use crate::storage::{now_rfc3339, Digest, ImageRecord};

pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const OCI_LAYER_GZIP: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
pub const OCI_LAYER: &str = "application/vnd.oci.image.layer.v1.tar";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
pub const DOCKER_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";

/// The manifest format of a new image (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum ImageFormat {
    #[default]
    Oci,
    Docker,
}

impl ImageFormat {
    pub fn parse(s: &str) -> Result<ImageFormat> {
        match s {
            "oci" | "" => Ok(ImageFormat::Oci),
            "docker" => Ok(ImageFormat::Docker),
            other => Err(Error::bad_input(format!("unrecognized image type {other:?}: use oci or docker"))),
        }
    }
    fn manifest(self) -> &'static str {
        match self {
            ImageFormat::Oci => OCI_MANIFEST,
            ImageFormat::Docker => DOCKER_MANIFEST,
        }
    }
    fn config(self) -> &'static str {
        match self {
            ImageFormat::Oci => OCI_CONFIG,
            ImageFormat::Docker => DOCKER_CONFIG,
        }
    }
    /// A layer media type in this format (gzip, zstd and plain tar keep their compression).
    pub fn layer(self, media_type: &str) -> String {
        let gzip = media_type.ends_with("gzip");
        let zstd = media_type.ends_with("zstd");
        match (self, gzip, zstd) {
            (ImageFormat::Oci, true, _) => OCI_LAYER_GZIP.into(),
            (ImageFormat::Docker, true, _) => DOCKER_LAYER_GZIP.into(),
            (ImageFormat::Oci, _, true) => "application/vnd.oci.image.layer.v1.tar+zstd".into(),
            (ImageFormat::Oci, false, false) if media_type.ends_with(".tar") || media_type.ends_with(".diff.tar") => OCI_LAYER.into(),
            _ => media_type.to_string(),
        }
    }
}

/// One layer of a new image, as its manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayerDescriptor {
    /// Chain id of the layer in the store.
    pub chain_id: Digest,
    pub diff_id: Digest,
    pub media_type: String,
    /// Digest and size of the blob (compressed, or the tar itself).
    pub digest: Digest,
    pub size: u64,
}

impl LayerDescriptor {
    /// The descriptor of a layer [`layer_writer::store_layer`] made (gzip).
    pub fn of_new(l: &NewLayer) -> LayerDescriptor {
        LayerDescriptor {
            chain_id: l.record.chain_id.clone(),
            diff_id: l.blob.diff_id.clone(),
            media_type: OCI_LAYER_GZIP.into(),
            digest: l.blob.digest.clone(),
            size: l.blob.size,
        }
    }
}

/// The layers of a stored image, with their blob descriptors from its
/// manifest (as pulled), else from the layer records.
pub fn image_layers(engine: &Engine, img: &ImageRecord) -> Result<Vec<LayerDescriptor>> {
    let manifest: Option<Value> = engine.store.image_manifest(&img.id, &img.digest).ok().and_then(|m| serde_json::from_slice(&m).ok());
    let listed = manifest.as_ref().and_then(|m| m.get("layers")).and_then(Value::as_array).cloned().unwrap_or_default();
    let mut out = Vec::new();
    for (i, chain) in img.layers.iter().enumerate() {
        let rec = engine.store.layer(chain)?;
        let from_manifest = listed
            .get(i)
            .filter(|_| listed.len() == img.layers.len())
            .and_then(|d| Some((d.get("mediaType")?.as_str()?.to_string(), d.get("digest")?.as_str()?.parse::<Digest>().ok()?, d.get("size")?.as_u64()?)));
        let (media_type, digest, size) = match (from_manifest, &rec.compressed_digest) {
            (Some(m), _) => m,
            (None, Some(d)) => (OCI_LAYER_GZIP.to_string(), d.clone(), rec.compressed_size),
            (None, None) => (OCI_LAYER.to_string(), rec.diff_id.clone(), rec.uncompressed_size),
        };
        out.push(LayerDescriptor { chain_id: chain.clone(), diff_id: rec.diff_id.clone(), media_type, digest, size });
    }
    Ok(out)
}

/// Everything a new image is made of. `config` is the full image
/// configuration; [`write_image`] sets its `rootfs` from `layers`, and its
/// `created` when absent.
#[derive(Debug, Clone)]
pub struct NewImage {
    pub config: Value,
    /// Bottom first; every chain id is in the store.
    pub layers: Vec<LayerDescriptor>,
    pub format: ImageFormat,
    /// A name to give it (`IMAGE`, `-t`), qualified as `tag` does.
    pub name: Option<String>,
}

/// Store a new image: config, manifest, record (under the store lock), then
/// its name. The caller holds [`crate::storage::Store::gc_shared`] since it
/// stored the layers. Returns the image ID (hex of the config digest).
pub fn write_image(engine: &Engine, img: &NewImage) -> Result<String> {
    let mut config = img.config.clone();
    let obj = config.as_object_mut().ok_or_else(|| anyhow::anyhow!("internal error: an image config must be a JSON object"))?;
    let diff_ids: Vec<&str> = img.layers.iter().map(|l| l.diff_id.as_str()).collect();
    obj.insert("rootfs".into(), json!({"type": "layers", "diff_ids": diff_ids}));
    if !obj.contains_key("created") {
        obj.insert("created".into(), json!(now_rfc3339()));
    }
    let created = obj.get("created").and_then(Value::as_str).map(str::to_string);
    let arch = obj.get("architecture").and_then(Value::as_str).unwrap_or(crate::image::platform::go_arch(std::env::consts::ARCH)).to_string();
    let os = obj.get("os").and_then(Value::as_str).unwrap_or("linux").to_string();
    obj.insert("architecture".into(), json!(arch));
    obj.insert("os".into(), json!(os));
    let config = serde_json::to_vec(&config).context("encoding the image config")?;
    let config_digest = Digest::of(&config);
    let layers: Vec<Value> =
        img.layers.iter().map(|l| json!({"mediaType": img.format.layer(&l.media_type), "digest": l.digest.as_str(), "size": l.size})).collect();
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": img.format.manifest(),
        "config": {"mediaType": img.format.config(), "digest": config_digest.as_str(), "size": config.len()},
        "layers": layers,
    }))
    .context("encoding the manifest")?;
    let digest = Digest::of(&manifest);
    let id = config_digest.hex().to_string();
    let mut size = 0;
    for l in &img.layers {
        size += engine.store.layer(&l.chain_id)?.uncompressed_size;
    }
    engine.store.write_image_data(&id, &config, &digest, &manifest)?;
    let chains: Vec<Digest> = img.layers.iter().map(|l| l.chain_id.clone()).collect();
    let media_type = img.format.manifest().to_string();
    engine.store.update_images(|images| {
        match images.iter_mut().find(|i| i.id == id) {
            // The same image again (a reproducible build): keep it, now in this format.
            Some(i) => {
                i.digest = digest.clone();
                i.manifest_media_type = media_type.clone();
            }
            None => images.push(ImageRecord {
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
            }),
        }
        Ok(())
    })?;
    if let Some(n) = &img.name {
        super::images::tag(engine, &id, std::slice::from_ref(n))?;
    }
    Ok(id)
}

/// What `commit` does beyond the container's changes.
#[derive(Debug, Clone, Default)]
pub struct CommitOptions {
    /// Dockerfile-style changes (`-c`): CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR.
    pub changes: Vec<String>,
    /// History comment (`-m`).
    pub message: Option<String>,
    /// Author (`-a`).
    pub author: Option<String>,
    /// Freeze a running container while its layer is written (`--pause`).
    pub pause: bool,
    /// One layer holding the whole file system (`--squash`).
    pub squash: bool,
    pub format: ImageFormat,
    /// Record the container's volumes as the image's `Volumes` (`--include-volumes`).
    pub include_volumes: bool,
    /// Seconds since the epoch for `created` and every file's mtime
    /// (`SOURCE_DATE_EPOCH`, build's `--timestamp`): the same changes give
    /// the same image ID.
    pub timestamp: Option<i64>,
}

/// What `commit` made.
#[derive(Debug, Clone, Serialize)]
pub struct CommitReport {
    pub id: String,
    pub layer: Digest,
    /// The layer had no entries (the container changed nothing).
    pub empty: bool,
}

fn rfc3339(t: i64) -> Result<String> {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .ok_or_else(|| Error::bad_input(format!("timestamp {t} is out of range")))
}

/// Fold what the container was created with into the image's `config`
/// object, as Podman does: `-e`, the command, `--entrypoint`, `-w`, `-u`,
/// labels and exposed ports.
fn container_config(cfg: &mut Map<String, Value>, rec: &crate::container::ContainerRecord) {
    let Some(o) = &rec.options else { return };
    let p = &o.process;
    if !p.env.is_empty() {
        let resolved: Vec<String> = rec.spec.process().as_ref().and_then(|p| p.env().clone()).unwrap_or_default();
        let mut env: Vec<String> =
            cfg.get("Env").and_then(Value::as_array).map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default();
        for e in &p.env {
            let key = e.split_once('=').map_or(e.as_str(), |(k, _)| k);
            let Some(val) = resolved.iter().find(|r| r.split_once('=').is_some_and(|(k, _)| k == key)) else { continue };
            env.retain(|x| x.split_once('=').map_or(x.as_str(), |(k, _)| k) != key);
            env.push(val.clone());
        }
        cfg.insert("Env".into(), json!(env));
    }
    match p.entrypoint.as_deref() {
        Some("") => {
            cfg.insert("Entrypoint".into(), Value::Null);
        }
        Some(e) => {
            let v = serde_json::from_str::<Vec<String>>(e).unwrap_or_else(|_| vec![e.to_string()]);
            cfg.insert("Entrypoint".into(), json!(v));
        }
        None => {}
    }
    if !p.command.is_empty() {
        cfg.insert("Cmd".into(), json!(p.command));
    }
    if let Some(w) = &p.workdir {
        cfg.insert("WorkingDir".into(), json!(w));
    }
    if let Some(u) = &p.user {
        cfg.insert("User".into(), json!(u));
    }
    for (k, v) in &o.labels {
        cfg.entry("Labels").or_insert_with(|| json!({})).as_object_mut().map(|m| m.insert(k.clone(), json!(v)));
    }
    for e in &o.expose {
        let e = if e.contains('/') { e.clone() } else { format!("{e}/tcp") };
        cfg.entry("ExposedPorts").or_insert_with(|| json!({})).as_object_mut().map(|m| m.insert(e, json!({})));
    }
}

/// Unfreezes a container paused for the commit, whatever happens.
struct Unpause<'a> {
    engine: &'a Engine,
    id: Option<String>,
}

impl Drop for Unpause<'_> {
    fn drop(&mut self) {
        if let Some(id) = self.id.take() {
            if let Err(e) = super::container::pause(self.engine, &id, false) {
                tracing::warn!("unpausing {id} after commit: {e}");
            }
        }
    }
}

/// `commit`: the container `input`'s changes as a new image, named `name`
/// if given. The engine must have content access (rpod's user namespace).
pub fn commit(engine: &mut Engine, input: &str, name: Option<&str>, o: &CommitOptions) -> Result<CommitReport> {
    let rec = super::container::find(engine, input)?;
    if rec.driver == "vfs" {
        return Err(Error::bad_input(format!(
            "cannot commit container {}: it uses the vfs storage driver, which keeps no upper directory to take a layer from (use overlay or fuse-overlayfs)",
            rec.name
        )));
    }
    if rec.rootfs.is_some() {
        return Err(Error::bad_input(format!(
            "cannot commit container {}: it runs on a --rootfs directory, not an image (make an image of the directory with `tar -C DIR -c . | rpod import - NAME`)",
            rec.name
        )));
    }
    let name = name.filter(|n| !n.is_empty()).map(super::images::qualify_tag).transpose()?;
    let mut cfg_changes = Map::new();
    super::import::apply_changes(&mut cfg_changes, &o.changes)?;
    let timestamp = match o.timestamp {
        Some(t) => Some(t),
        None => match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(v) if !v.trim().is_empty() => {
                Some(v.trim().parse::<i64>().map_err(|_| Error::bad_input(format!("SOURCE_DATE_EPOCH={v:?} is not a number of seconds")))?)
            }
            _ => None,
        },
    };
    let created = match timestamp {
        Some(t) => rfc3339(t)?,
        None => now_rfc3339(),
    };
    engine.ensure_content_access()?;
    let cstore = super::container::containers(engine)?;
    let upper = cstore.dir(&rec.id).join("diff");
    // The base image's config (its record may be gone since the container was made).
    let base_img = engine.store.images()?.into_iter().find(|i| i.id == rec.image_id);
    let mut config: Value = match engine.store.image_config(&rec.image_id) {
        Ok(raw) => serde_json::from_slice(&raw).with_context(|| format!("parsing config of image {}", rec.image_id))?,
        Err(_) => json!({}),
    };
    let obj = config.as_object_mut().ok_or_else(|| anyhow::anyhow!("the config of image {} is not a JSON object", rec.image_id))?;
    let mut inner = obj.get("config").and_then(Value::as_object).cloned().unwrap_or_default();
    container_config(&mut inner, &rec);
    if o.include_volumes {
        for m in rec.options.iter().flat_map(|o| &o.mounts).filter(|m| m.kind == crate::container::mounts::MountKind::Volume) {
            inner.entry("Volumes").or_insert_with(|| json!({})).as_object_mut().map(|v| v.insert(m.destination.clone(), json!({})));
        }
    }
    for (k, v) in cfg_changes {
        if k == "Env" {
            // ENV changes replace keys one by one.
            let mut env: Vec<Value> = inner.get("Env").and_then(Value::as_array).cloned().unwrap_or_default();
            for e in v.as_array().into_iter().flatten() {
                let key = e.as_str().and_then(|s| s.split_once('=')).map(|(k, _)| k.to_string()).unwrap_or_default();
                env.retain(|x| x.as_str().and_then(|s| s.split_once('=')).is_none_or(|(k, _)| k != key));
                env.push(e.clone());
            }
            inner.insert(k, Value::Array(env));
        } else if let (Some(Value::Object(old)), Value::Object(new)) = (inner.get_mut(&k), &v) {
            old.extend(new.clone());
        } else {
            inner.insert(k, v);
        }
    }
    obj.insert("config".into(), Value::Object(inner));
    obj.insert("created".into(), json!(created));
    obj.remove("container_config");
    obj.remove("container");
    match &o.author {
        Some(a) => {
            obj.insert("author".into(), json!(a));
        }
        None => {
            obj.remove("author");
        }
    }

    // --squash copies with the vfs copier, which walks by path: a running
    // container could swap what it reads for links to host files
    // (CVE-2018-15664 class), so it is always frozen for a squash. The layer
    // writer alone is safe without (it reads by descriptor).
    let pause = (o.pause || o.squash) && cstore.state(&rec.id)?.status == Status::Running;
    let mut unpause = Unpause { engine, id: None };
    if pause {
        super::container::pause(engine, &rec.id, true)?;
        unpause.id = Some(rec.id.clone());
    }
    let tar_opts =
        TarOptions { mtime: timestamp.map_or(Mtime::Keep, Mtime::Clamp), ids: crate::container::spec::container_shift(&rec).map(std::sync::Arc::new) };
    let gc = engine.store.gc_shared()?;
    let mut history: Vec<Value> = obj_history(&config);
    let created_by = format!("rpod commit {}", rec.command.join(" ")).trim_end().to_string();
    let mut entry = json!({"created": created, "created_by": created_by});
    if let Some(m) = &o.message {
        entry["comment"] = json!(m);
    }
    if let Some(a) = &o.author {
        entry["author"] = json!(a);
    }
    let (layers, new) = if o.squash {
        // The whole file system flattened into one directory, then one layer.
        let scratch = engine.store.stage()?;
        let mut dirs = crate::container::spec::container_lower_dirs(&engine.store, &rec);
        dirs.reverse();
        dirs.push(upper.clone());
        let flat = scratch.diff();
        crate::storage::vfs::assemble(&dirs, &flat).with_context(|| format!("flattening container {}", rec.name))?;
        let new = layer_writer::store_layer(&engine.store, &gc, &flat, None, &tar_opts, engine.owners()).map_err(layer_error)?;
        drop(scratch);
        history.clear();
        (vec![LayerDescriptor::of_new(&new)], new)
    } else {
        let mut layers = match &base_img {
            Some(img) if img.layers == rec.layers => image_layers(engine, img)?,
            _ => image_layers(
                engine,
                &ImageRecord {
                    id: rec.image_id.clone(),
                    names: vec![],
                    repo_digests: vec![],
                    digest: Digest::of(b""),
                    manifest_media_type: String::new(),
                    layers: rec.layers.clone(),
                    created: None,
                    stored: String::new(),
                    size: 0,
                    architecture: String::new(),
                    os: String::new(),
                },
            )?,
        };
        let new = layer_writer::store_layer(&engine.store, &gc, &upper, rec.layers.last(), &tar_opts, engine.owners()).map_err(layer_error)?;
        layers.push(LayerDescriptor::of_new(&new));
        (layers, new)
    };
    drop(unpause);
    history.push(entry);
    config["history"] = Value::Array(history);
    let id = write_image(engine, &NewImage { config, layers, format: o.format, name: name.clone() })?;
    drop(gc);
    crate::events::image("commit", &id, name.as_deref().unwrap_or(""));
    Ok(CommitReport { id, layer: new.record.chain_id.clone(), empty: new.blob.entries == 0 })
}

fn obj_history(config: &Value) -> Vec<Value> {
    config.get("history").and_then(Value::as_array).cloned().unwrap_or_default()
}

/// A refusal of the layer writer (a hostile or changing upper directory) is
/// bad input: one line, exit 125.
pub fn layer_error(e: anyhow::Error) -> Error {
    match e.downcast::<layer_writer::WriteError>() {
        Ok(w @ (layer_writer::WriteError::Refused { .. } | layer_writer::WriteError::Changed { .. })) => Error::bad_input(w.to_string()),
        Ok(w) => anyhow::Error::from(w).into(),
        Err(e) => e.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_layer_media_types() {
        assert_eq!(ImageFormat::parse("docker").unwrap(), ImageFormat::Docker);
        assert!(ImageFormat::parse("v2s1").is_err());
        assert_eq!(ImageFormat::Docker.layer(OCI_LAYER_GZIP), DOCKER_LAYER_GZIP);
        assert_eq!(ImageFormat::Oci.layer(DOCKER_LAYER_GZIP), OCI_LAYER_GZIP);
        assert_eq!(ImageFormat::Oci.layer("application/vnd.docker.image.rootfs.diff.tar"), OCI_LAYER);
    }
}

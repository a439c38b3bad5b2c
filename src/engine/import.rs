//! `rpod import TARBALL [NAME]`: a root file system tarball becomes a
//! one-layer image, unpacked by the same hostile-input-safe unpacker as a
//! pulled layer (no `..`, no links out of the layer, owners within the
//! mapping). The first image on a machine that reaches no registry.
//!
//! `rpod import http(s)://...` streams the download into the same unpacker
//! (through [`crate::image::download`]: capped in bytes, idle timeout,
//! redirects only to http/https); a refused or failed download leaves
//! nothing in the store.

use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use bytes::Bytes;
use serde_json::{json, Map, Value};

use super::{Engine, Error};
use crate::image::download;
use crate::storage::import::{import_layer, Imported};
use crate::storage::unpack::Owners;
use crate::storage::{now_rfc3339, Digest, ImageRecord, LayerRecord};

/// What to import and how to describe it.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Dockerfile-style changes: `CMD`, `ENTRYPOINT`, `ENV`, `WORKDIR`,
    /// `USER`, `LABEL`, `EXPOSE` (`-c`).
    pub changes: Vec<String>,
    /// The history comment (`-m`).
    pub message: Option<String>,
    /// Most bytes downloaded for a URL source (default [`URL_MAX_BYTES`]).
    pub max_download: Option<u64>,
    /// `--os`, `--arch`, `--variant`: the platform the image says it is
    /// for (default the host's; nothing checks the files against it, as in Podman).
    pub os: Option<String>,
    pub arch: Option<String>,
    pub variant: Option<String>,
}

/// Most bytes `import URL` downloads unless told otherwise.
pub const URL_MAX_BYTES: u64 = 32 << 30;
/// How long a URL's server may take to accept, and to send the next bytes.
const URL_CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
const URL_IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// Open the tarball: a regular file only (a FIFO or a device such as
/// /dev/zero in its place is refused before anything is read), or "-" for
/// standard input.
fn open_source(path: &str) -> Result<Box<dyn Read>> {
    if path == "-" {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    let f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| Error::bad_input(format!("opening {path}: {e}")))?;
    if !f.metadata()?.is_file() {
        return Err(Error::bad_input(format!("{path} is not a regular file (a tarball is needed; use - for standard input)")).into());
    }
    Ok(Box::new(f))
}

/// A Dockerfile value list: the JSON form, else the shell form.
fn exec_form(v: &str) -> Value {
    match serde_json::from_str::<Vec<String>>(v.trim()) {
        Ok(list) => json!(list),
        Err(_) => json!(["/bin/sh", "-c", v.trim()]),
    }
}

/// Apply `-c` changes to an image config's `config` object.
pub fn apply_changes(cfg: &mut Map<String, Value>, changes: &[String]) -> Result<(), Error> {
    for ch in changes {
        let (key, value) = ch.trim().split_once([' ', '=']).ok_or_else(|| Error::bad_input(format!("invalid change {ch:?}: expected INSTRUCTION VALUE")))?;
        let value = value.trim();
        let kv = |v: &str| -> Result<(String, String), Error> {
            let (k, val) =
                v.split_once('=').or_else(|| v.split_once(' ')).ok_or_else(|| Error::bad_input(format!("invalid change {ch:?}: expected KEY=VALUE")))?;
            Ok((k.trim().to_string(), val.trim().trim_matches('"').to_string()))
        };
        match key.to_ascii_uppercase().as_str() {
            "CMD" => {
                cfg.insert("Cmd".into(), exec_form(value));
            }
            "ENTRYPOINT" => {
                cfg.insert("Entrypoint".into(), exec_form(value));
            }
            "WORKDIR" => {
                if !value.starts_with('/') {
                    return Err(Error::bad_input(format!("invalid change {ch:?}: WORKDIR must be absolute")));
                }
                cfg.insert("WorkingDir".into(), json!(value));
            }
            "USER" => {
                cfg.insert("User".into(), json!(value));
            }
            "ENV" => {
                let (k, v) = kv(value)?;
                let env = cfg.entry("Env").or_insert_with(|| json!([])).as_array_mut().expect("Env is a list");
                env.retain(|e| e.as_str().and_then(|s| s.split_once('=')).is_none_or(|(ek, _)| ek != k));
                env.push(json!(format!("{k}={v}")));
            }
            "LABEL" => {
                let (k, v) = kv(value)?;
                cfg.entry("Labels").or_insert_with(|| json!({})).as_object_mut().expect("Labels is a map").insert(k, json!(v));
            }
            "EXPOSE" => {
                for p in value.split_whitespace() {
                    let p = if p.contains('/') { p.to_string() } else { format!("{p}/tcp") };
                    cfg.entry("ExposedPorts").or_insert_with(|| json!({})).as_object_mut().expect("ExposedPorts is a map").insert(p, json!({}));
                }
            }
            other => {
                return Err(Error::bad_input(format!("invalid change {ch:?}: {other} is not supported (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR)")))
            }
        }
    }
    Ok(())
}

/// Download `url` into the unpacker, streaming (the download task feeds a
/// blocking unpack task, as a pulled layer is). Called inside rpod's user
/// namespace: the runtime and its threads start here and are gone when
/// this returns.
fn import_url(url: &str, dest: &Path, owners: Owners, max_bytes: u64) -> Result<Imported> {
    let limits = download::Limits { max_bytes, connect_timeout: URL_CONNECT_TIMEOUT, idle_timeout: URL_IDLE_TIMEOUT };
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().context("starting the transfer runtime")?;
    let (url, dest) = (url.to_string(), dest.to_path_buf());
    let result = runtime.block_on(async move {
        let mut dl = download::start(&url, limits).await.map_err(|e| Error::bad_input(format!("{e:#}")))?;
        let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(16);
        let unpack = tokio::task::spawn_blocking(move || import_layer(super::pull::ChannelReader::new(rx), &dest, owners));
        let mut download_err = None;
        loop {
            match dl.chunk().await {
                Ok(Some(b)) => {
                    if tx.send(b).await.is_err() {
                        break; // the unpacker stopped early: its error says why
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    download_err = Some(e);
                    break;
                }
            }
        }
        drop(tx);
        let imported = unpack.await.context("the unpack task")?;
        if let Some(e) = download_err {
            return Err(Error::bad_input(format!("{e:#}")).into());
        }
        imported.with_context(|| format!("importing {url}"))
    });
    runtime.shutdown_timeout(Duration::from_secs(5));
    result
}

/// Import `source` ("-" for stdin, or an http/https URL) as a one-layer image; name it `name` if
/// given. Returns the image ID. The engine must have content access.
pub fn import(engine: &mut Engine, source: &str, name: Option<&str>, o: &ImportOptions) -> Result<String> {
    let mut cfg = Map::new();
    apply_changes(&mut cfg, &o.changes)?;
    if !cfg.contains_key("Env") {
        cfg.insert("Env".into(), json!(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]));
    }
    let reader = if download::is_url(source) {
        download::check_url(source).map_err(Error::bad_input)?;
        None
    } else {
        Some(open_source(source)?)
    };
    engine.ensure_content_access()?;
    let store = &engine.store;
    let _gc = store.gc_shared()?;
    let staging = store.stage()?;
    let imported = match reader {
        Some(r) => import_layer(r, &staging.diff(), engine.owners()).with_context(|| format!("importing {source}"))?,
        None => import_url(source, &staging.diff(), engine.owners(), o.max_download.unwrap_or(URL_MAX_BYTES))?,
    };
    let diff_id = imported.diff_id.clone();
    // One layer: its chain id is its diff id.
    let chain = diff_id.clone();
    let lock = store.layer_lock(&chain)?;
    if store.has_layer(&chain) {
        drop(staging);
    } else {
        let record = LayerRecord {
            chain_id: chain.clone(),
            diff_id: diff_id.clone(),
            parent: None,
            compressed_digest: None,
            compressed_size: 0,
            uncompressed_size: imported.uncompressed_size,
            created: now_rfc3339(),
        };
        store.commit_layer(staging, &record)?;
    }
    drop(lock);
    let created = now_rfc3339();
    let arch = o.arch.clone().unwrap_or_else(|| crate::image::platform::go_arch(std::env::consts::ARCH).to_string());
    let os = o.os.clone().unwrap_or_else(|| "linux".to_string());
    let comment = o.message.clone().unwrap_or_else(|| format!("imported from {}", if source == "-" { "standard input" } else { source }));
    let mut config = json!({
        "created": created,
        "architecture": arch,
        "os": os,
        "config": Value::Object(cfg),
        "rootfs": {"type": "layers", "diff_ids": [diff_id.as_str()]},
        "history": [{"created": created, "created_by": "rpod import", "comment": comment}],
    });
    if let Some(v) = &o.variant {
        config["variant"] = json!(v);
    }
    let config = serde_json::to_vec(&config)?;
    let config_digest = Digest::of(&config);
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest.as_str(), "size": config.len()},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": diff_id.as_str(), "size": imported.uncompressed_size}],
    }))?;
    let digest = Digest::of(&manifest);
    let id = config_digest.hex().to_string();
    store.write_image_data(&id, &config, &digest, &manifest)?;
    store.update_images(|images| {
        if !images.iter().any(|i| i.id == id) {
            images.push(ImageRecord {
                id: id.clone(),
                names: vec![],
                repo_digests: vec![],
                digest: digest.clone(),
                manifest_media_type: "application/vnd.oci.image.manifest.v1+json".into(),
                layers: vec![chain.clone()],
                created: Some(created.clone()),
                stored: now_rfc3339(),
                size: imported.uncompressed_size,
                architecture: arch.clone(),
                os: os.clone(),
            });
        }
        Ok(())
    })?;
    if let Some(n) = name {
        if n.is_empty() {
            bail!(Error::bad_input("empty image name"));
        }
        super::images::tag(engine, &id, &[n.to_string()])?;
    }
    crate::events::image("import", &id, name.unwrap_or(""));
    Ok(id)
}

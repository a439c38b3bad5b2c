//! `rpod save` and `rpod load`: images to and from archives, in the formats
//! Podman and skopeo read and write (containers/image's transports):
//! - `docker-archive`: a tar with `manifest.json` (`Config`, `RepoTags`,
//!   `Layers`), `<config hex>.json` and uncompressed `<diff id hex>.tar`
//!   layers (several images with `-m`);
//! - `oci-archive` / `oci-dir`: an OCI image layout (`oci-layout`,
//!   `index.json` with `org.opencontainers.image.ref.name`,
//!   `blobs/sha256/`), layers gzip-compressed unless `--uncompressed`;
//! - `docker-dir`: containers/image's `dir:` layout (`version`,
//!   `manifest.json` in Docker v2s2, blobs by hex), layers uncompressed
//!   unless `--compress`.
//!
//! Layer streams are written again bit for bit from their tar-split record
//! (same diff ids, so the image ID is kept).
//!
//! Loading treats the archive as hostile: it is unpacked into a staging
//! directory as numbered flat files (no name from the archive touches the
//! file system), names with `..` or a leading `/` are refused, links are
//! resolved inside the archive's own name space only (CVE-2019-14271's
//! class: an archive steering a write or read outside its root), JSON
//! documents are read with a size cap, and every blob is checked against the
//! digest that names it.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256};

use super::error::Error;
use super::push::{HashingWriter, DOCKER_CONFIG, OCI_CONFIG};
use super::Engine;
use crate::image::reference::Reference;
use crate::image::transfer::{ManifestDoc, DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST};
use crate::storage::digest::chain_ids;
use crate::storage::import::{import_layer, sniff, Compression};
use crate::storage::{now_rfc3339, Digest, ImageRecord, LayerRecord, Staging, Store};

/// Largest JSON document (manifest.json, index.json, a manifest, a config) read from an archive.
pub const JSON_LIMIT: u64 = 4 << 20;

const REF_NAME: &str = "org.opencontainers.image.ref.name";

/// Archive formats (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveFormat {
    DockerArchive,
    OciArchive,
    OciDir,
    DockerDir,
}

impl std::str::FromStr for ArchiveFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "docker-archive" => Ok(ArchiveFormat::DockerArchive),
            "oci-archive" => Ok(ArchiveFormat::OciArchive),
            "oci-dir" => Ok(ArchiveFormat::OciDir),
            "docker-dir" => Ok(ArchiveFormat::DockerDir),
            _ => Err(Error::bad_input(format!("unsupported save format {s:?}: use docker-archive, oci-archive, oci-dir or docker-dir"))),
        }
    }
}

impl ArchiveFormat {
    pub fn is_dir(self) -> bool {
        matches!(self, ArchiveFormat::OciDir | ArchiveFormat::DockerDir)
    }
}

/// What `save` writes and how.
#[derive(Debug, Clone)]
pub struct SaveOptions {
    pub format: ArchiveFormat,
    /// `-m`: every name is an image (docker-archive only); otherwise names
    /// after the first are extra tags of the first image.
    pub multi: bool,
    /// `--uncompressed`: OCI layers stay uncompressed.
    pub uncompressed: bool,
    /// `--compress`: docker-dir layers are gzip-compressed.
    pub compress: bool,
}

/// Where `save` writes.
pub enum SaveTarget<'a> {
    /// A file (archives) or a directory (dir formats).
    Path(&'a Path),
    /// A stream (archives only): standard output.
    Stream(&'a mut dyn Write),
}

/// Resolve names to images and their tags.
fn selection(engine: &Engine, names: &[String], opts: &SaveOptions) -> Result<Vec<(ImageRecord, Vec<String>)>> {
    let Some(first) = names.first() else { bail!(Error::bad_input("save needs at least one image")) };
    let all = engine.store.images()?;
    if opts.multi {
        if opts.format != ArchiveFormat::DockerArchive {
            bail!(Error::bad_input("-m/--multi-image-archive works only with --format docker-archive"));
        }
        let mut out: Vec<(ImageRecord, Vec<String>)> = Vec::new();
        for n in names {
            let img = super::images::resolve(engine, &all, n)?;
            let tags = tags_for(&img, n);
            match out.iter_mut().find(|(i, _)| i.id == img.id) {
                Some((_, t)) => {
                    for x in tags {
                        if !t.contains(&x) {
                            t.push(x);
                        }
                    }
                }
                None => out.push((img, tags)),
            }
        }
        return Ok(out);
    }
    let img = super::images::resolve(engine, &all, first)?;
    let mut tags = tags_for(&img, first);
    for extra in &names[1..] {
        let r = Reference::parse(extra).map_err(|e| Error::bad_input(format!("{e} (without -m, names after the first are tags for it)")))?;
        let q = r.qualify(if r.is_short() { "localhost" } else { "docker.io" });
        let t = q.tagged().ok_or_else(|| anyhow!(Error::bad_input(format!("{extra:?} is not a tag"))))?;
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    Ok(vec![(img, tags)])
}

/// The stored names of `img` that `input` names (all of them for an ID).
fn tags_for(img: &ImageRecord, input: &str) -> Vec<String> {
    let by_id = img.id.starts_with(input.strip_prefix("sha256:").unwrap_or(input));
    if by_id {
        return img.names.clone();
    }
    match Reference::parse(input) {
        Ok(r) => {
            let suffix = format!("{}:{}", r.path, r.tag.clone().unwrap_or_else(|| "latest".into()));
            let found: Vec<String> = img.names.iter().filter(|n| n.ends_with(&suffix)).cloned().collect();
            if found.is_empty() {
                img.names.clone()
            } else {
                found
            }
        }
        Err(_) => img.names.clone(),
    }
}

/// Write layer `chain`'s tar stream to `out`, checked against its diff id.
fn layer_stream(store: &Store, chain: &crate::storage::Digest, out: &mut dyn Write) -> Result<()> {
    let rec = store.layer(chain)?;
    let split = store.layer_tar_split(chain).ok_or_else(|| {
        anyhow!(Error::InvalidState(format!(
            "layer {} cannot be saved: rpod kept no record of its tar stream (it was stored by an older rpod); remove the image and pull it again",
            rec.diff_id
        )))
    })?;
    let mut w = HashingWriter::new(out);
    crate::storage::tarsplit::reassemble(&split, &store.layer_diff(chain), &mut w)?;
    let (got, n, _) = w.digest();
    if got != rec.diff_id || n != rec.uncompressed_size {
        bail!("layer {} could not be written back as it was stored (its files were changed)", rec.diff_id);
    }
    Ok(())
}

/// A blob of a layout being written: where its bytes come from.
enum Blob {
    Bytes(Vec<u8>),
    /// An uncompressed layer stream of known size.
    Layer {
        chain: crate::storage::Digest,
        size: u64,
    },
    /// A file made in staging (a compressed layer).
    File(PathBuf, u64),
}

/// Receives the files of an archive or directory.
trait Sink {
    fn put(&mut self, store: &Store, name: &str, blob: Blob) -> Result<()>;
}

struct TarSink<W: Write> {
    b: tar::Builder<W>,
    mtime: u64,
}

impl<W: Write> Sink for TarSink<W> {
    fn put(&mut self, store: &Store, name: &str, blob: Blob) -> Result<()> {
        let mut h = tar::Header::new_ustar();
        h.set_mode(0o644);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(self.mtime);
        h.set_entry_type(tar::EntryType::Regular);
        match blob {
            Blob::Bytes(data) => {
                h.set_size(data.len() as u64);
                self.b.append_data(&mut h, name, &data[..])?;
            }
            Blob::File(path, size) => {
                h.set_size(size);
                let f = File::open(&path).with_context(|| format!("opening {}", path.display()))?;
                self.b.append_data(&mut h, name, f)?;
            }
            Blob::Layer { chain, size } => {
                h.set_size(size);
                h.set_path(name)?;
                h.set_cksum();
                // The header alone, then the stream, then the padding.
                self.b.append(&h, io::empty())?;
                layer_stream(store, &chain, self.b.get_mut())?;
                let pad = (512 - size % 512) % 512;
                self.b.get_mut().write_all(&vec![0u8; pad as usize])?;
            }
        }
        Ok(())
    }
}

struct DirSink {
    root: PathBuf,
}

impl Sink for DirSink {
    fn put(&mut self, store: &Store, name: &str, blob: Blob) -> Result<()> {
        let path = self.root.join(name);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).with_context(|| format!("creating {}", p.display()))?;
        }
        match blob {
            Blob::Bytes(data) => std::fs::write(&path, data).with_context(|| format!("writing {}", path.display()))?,
            Blob::File(src, _) => {
                std::fs::copy(&src, &path).with_context(|| format!("writing {}", path.display()))?;
            }
            Blob::Layer { chain, .. } => {
                let mut f = BufWriter::with_capacity(1 << 20, File::create(&path).with_context(|| format!("creating {}", path.display()))?);
                layer_stream(store, &chain, &mut f)?;
                f.flush()?;
            }
        }
        Ok(())
    }
}

/// Save images. The engine must have content access (layer files are read).
pub fn save(engine: &Engine, names: &[String], target: SaveTarget<'_>, opts: &SaveOptions) -> Result<()> {
    let images = selection(engine, names, opts)?;
    let store = &engine.store;
    let _gc = store.gc_shared()?;
    let staging = store.stage()?;
    let mtime = chrono::Utc::now().timestamp().max(0) as u64;
    match (target, opts.format.is_dir()) {
        (SaveTarget::Path(dir), true) => {
            if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
                bail!(Error::bad_input(format!("{} exists and is not an empty directory", dir.display())));
            }
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            let mut sink = DirSink { root: dir.to_path_buf() };
            write_all(store, &staging, &images, opts, &mut sink)?;
        }
        (SaveTarget::Path(path), false) => {
            let f = File::create(path).with_context(|| format!("creating {}", path.display()))?;
            let mut sink = TarSink { b: tar::Builder::new(BufWriter::with_capacity(1 << 20, f)), mtime };
            write_all(store, &staging, &images, opts, &mut sink)?;
            let mut w = sink.b.into_inner()?;
            w.flush()?;
            w.get_ref().sync_data().ok();
        }
        (SaveTarget::Stream(w), false) => {
            let mut sink = TarSink { b: tar::Builder::new(BufWriter::with_capacity(1 << 20, w)), mtime };
            write_all(store, &staging, &images, opts, &mut sink)?;
            sink.b.into_inner()?.flush()?;
        }
        (SaveTarget::Stream(_), true) => bail!(Error::bad_input("a directory format needs -o DIRECTORY")),
    }
    Ok(())
}

fn write_all(store: &Store, staging: &Staging, images: &[(ImageRecord, Vec<String>)], opts: &SaveOptions, sink: &mut dyn Sink) -> Result<()> {
    match opts.format {
        ArchiveFormat::DockerArchive => {
            let mut entries = Vec::new();
            let mut written: std::collections::HashSet<String> = Default::default();
            let mut repositories = serde_json::Map::new();
            for (img, tags) in images {
                let config = store.image_config(&img.id)?;
                let cname = format!("{}.json", img.id);
                if written.insert(cname.clone()) {
                    sink.put(store, &cname, Blob::Bytes(config))?;
                }
                let mut layers = Vec::new();
                for chain in &img.layers {
                    let rec = store.layer(chain)?;
                    let lname = format!("{}.tar", rec.diff_id.hex());
                    if written.insert(lname.clone()) {
                        sink.put(store, &lname, Blob::Layer { chain: chain.clone(), size: rec.uncompressed_size })?;
                    }
                    layers.push(lname);
                }
                let top = img.layers.last().map(|c| store.layer(c).map(|r| r.diff_id.hex().to_string())).transpose()?.unwrap_or_default();
                for t in tags {
                    let (repo, tag) = crate::image::reference::split_name(t);
                    repositories.entry(repo.to_string()).or_insert_with(|| json!({})).as_object_mut().expect("an object").insert(tag.to_string(), json!(top));
                }
                entries.push(json!({"Config": cname, "RepoTags": tags, "Layers": layers}));
            }
            sink.put(store, "manifest.json", Blob::Bytes(serde_json::to_vec(&entries)?))?;
            sink.put(store, "repositories", Blob::Bytes(serde_json::to_vec(&Value::Object(repositories))?))?;
        }
        ArchiveFormat::OciArchive | ArchiveFormat::OciDir => {
            let (img, tags) = &images[0];
            let (manifest, blobs) = layout_manifest(store, staging, img, true, !opts.uncompressed)?;
            for (digest, blob) in blobs {
                sink.put(store, &format!("blobs/sha256/{}", digest.hex()), blob)?;
            }
            let mdigest = Digest::of(&manifest);
            let mut desc = json!({"mediaType": OCI_MANIFEST, "digest": mdigest.as_str(), "size": manifest.len()});
            if let Some(t) = tags.first() {
                desc["annotations"] = json!({ REF_NAME: t });
            }
            sink.put(store, &format!("blobs/sha256/{}", mdigest.hex()), Blob::Bytes(manifest))?;
            sink.put(store, "oci-layout", Blob::Bytes(br#"{"imageLayoutVersion":"1.0.0"}"#.to_vec()))?;
            let index = json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": [desc]});
            sink.put(store, "index.json", Blob::Bytes(serde_json::to_vec(&index)?))?;
        }
        ArchiveFormat::DockerDir => {
            let (img, _) = &images[0];
            let (manifest, blobs) = layout_manifest(store, staging, img, false, opts.compress)?;
            for (digest, blob) in blobs {
                sink.put(store, digest.hex(), blob)?;
            }
            sink.put(store, "manifest.json", Blob::Bytes(manifest))?;
            sink.put(store, "version", Blob::Bytes(b"Directory Transport Version: 1.1\n".to_vec()))?;
        }
    }
    Ok(())
}

/// Blobs of a layout by digest, in writing order.
type Blobs = Vec<(Digest, Blob)>;

/// A manifest (OCI or Docker v2s2) for `img` and the blobs it names.
fn layout_manifest(store: &Store, staging: &Staging, img: &ImageRecord, oci: bool, gzip: bool) -> Result<(Vec<u8>, Blobs)> {
    let config = store.image_config(&img.id)?;
    let cdigest = Digest::of(&config);
    let mut blobs = vec![(cdigest.clone(), Blob::Bytes(config.clone()))];
    let mut layers = Vec::new();
    for (i, chain) in img.layers.iter().enumerate() {
        let rec = store.layer(chain)?;
        let (digest, size, blob) = if gzip {
            let split = store.layer_tar_split(chain).ok_or_else(|| {
                anyhow!(Error::InvalidState(format!(
                    "layer {} cannot be saved: rpod kept no record of its tar stream; remove the image and pull it again",
                    rec.diff_id
                )))
            })?;
            let path = staging.dir.join(format!("layer-{i}.gz"));
            let (d, n) = super::push::compress_layer(&split, &store.layer_diff(chain), &rec.diff_id, super::push::LayerCompression::Gzip, None, &path)?;
            (d, n, Blob::File(path, n))
        } else {
            (rec.diff_id.clone(), rec.uncompressed_size, Blob::Layer { chain: chain.clone(), size: rec.uncompressed_size })
        };
        let mt = match (oci, gzip) {
            (true, true) => "application/vnd.oci.image.layer.v1.tar+gzip",
            (true, false) => "application/vnd.oci.image.layer.v1.tar",
            (false, true) => "application/vnd.docker.image.rootfs.diff.tar.gzip",
            (false, false) => "application/vnd.docker.image.rootfs.diff.tar",
        };
        layers.push(json!({"mediaType": mt, "digest": digest.as_str(), "size": size}));
        if !blobs.iter().any(|(d, _)| *d == digest) {
            blobs.push((digest, blob));
        }
    }
    let (mt, cmt) = if oci { (OCI_MANIFEST, OCI_CONFIG) } else { (DOCKER_MANIFEST, DOCKER_CONFIG) };
    let manifest = json!({
        "schemaVersion": 2,
        "mediaType": mt,
        "config": {"mediaType": cmt, "digest": cdigest.as_str(), "size": config.len()},
        "layers": layers,
    });
    Ok((serde_json::to_vec(&manifest)?, blobs))
}

// ---- load -------------------------------------------------------------

/// The files of an archive, unpacked as numbered flat files in staging.
struct Unpacked {
    /// Holds the copied files; removed when dropped.
    _staging: Staging,
    files: HashMap<String, (PathBuf, u64)>,
    /// Symbolic and hard links: normalised name → normalised target.
    links: HashMap<String, String>,
}

/// Normalise an archive entry name; refuse absolute names and `..`.
fn clean_name(raw: &str) -> Result<String> {
    if raw.starts_with('/') {
        bail!(Error::bad_input(format!("refusing archive entry {raw:?}: absolute path (path traversal)")));
    }
    let mut parts = Vec::new();
    for c in raw.split('/') {
        match c {
            "" | "." => {}
            ".." => bail!(Error::bad_input(format!("refusing archive entry {raw:?}: path contains '..' (path traversal)"))),
            c => parts.push(c),
        }
    }
    Ok(parts.join("/"))
}

impl Unpacked {
    fn read<R: Read>(reader: R, staging: Staging) -> Result<Unpacked> {
        let mut archive = tar::Archive::new(reader);
        let mut files = HashMap::new();
        let mut links = HashMap::new();
        for (n, entry) in archive.entries().context("reading the archive")?.enumerate() {
            let mut entry = entry.context("reading the archive (not a tar archive?)")?;
            let raw = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
            let name = clean_name(&raw)?;
            match entry.header().entry_type() {
                tar::EntryType::Regular | tar::EntryType::Continuous => {
                    let path = staging.dir.join(format!("f{n}"));
                    let mut f = BufWriter::with_capacity(1 << 20, File::create(&path).with_context(|| format!("creating {}", path.display()))?);
                    let size = io::copy(&mut entry, &mut f).with_context(|| format!("reading {name} from the archive"))?;
                    f.flush()?;
                    links.remove(&name);
                    files.insert(name, (path, size));
                }
                kind @ (tar::EntryType::Symlink | tar::EntryType::Link) => {
                    let target = entry.link_name_bytes().map(|t| String::from_utf8_lossy(&t).into_owned()).unwrap_or_default();
                    // A symlink is relative to its directory, a hard link to the root;
                    // neither may leave the archive.
                    let joined = if kind == tar::EntryType::Symlink && !target.starts_with('/') {
                        match name.rsplit_once('/') {
                            Some((dir, _)) => format!("{dir}/{target}"),
                            None => target.clone(),
                        }
                    } else {
                        target.trim_start_matches('/').to_string()
                    };
                    let resolved = resolve_dots(&joined).ok_or_else(|| {
                        anyhow!(Error::bad_input(format!("refusing archive entry {raw:?}: link to {target:?} leaves the archive (path traversal)")))
                    })?;
                    files.remove(&name);
                    links.insert(name, resolved);
                }
                _ => {}
            }
        }
        Ok(Unpacked { _staging: staging, files, links })
    }

    /// Read an image directory (an OCI layout, or a docker-archive's files
    /// unpacked, as `save --format oci-dir|docker-dir` writes them) into
    /// `staging`, as [`Unpacked::read`] reads an archive. Every entry is
    /// opened with `openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS)` under
    /// the directory and `O_NOFOLLOW | O_NONBLOCK`, checked with `fstat`,
    /// and copied for its `fstat` size only: a link is taken as an archive
    /// link (kept inside the directory), a FIFO, device or socket is
    /// skipped, so nothing can block the load, grow without end, or reach
    /// outside the directory (CVE-2018-15664 / path traversal class).
    fn read_dir(dir: &Path, staging: Staging) -> Result<Unpacked> {
        use nix::fcntl::{OFlag, OpenHow, ResolveFlag};
        use std::os::fd::OwnedFd;
        let root: OwnedFd = nix::fcntl::open(dir, OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, nix::sys::stat::Mode::empty())
            .map_err(|e| anyhow!(Error::bad_input(format!("opening {}: {e}", dir.display()))))?;
        let how = |flags: OFlag| {
            OpenHow::new()
                .flags(flags | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC | OFlag::O_NONBLOCK | OFlag::O_NOCTTY)
                .resolve(ResolveFlag::RESOLVE_BENEATH | ResolveFlag::RESOLVE_NO_SYMLINKS | ResolveFlag::RESOLVE_NO_MAGICLINKS)
        };
        let mut files = HashMap::new();
        let mut links = HashMap::new();
        let mut todo = vec![String::new()];
        let mut n = 0usize;
        while let Some(rel) = todo.pop() {
            let d = crate::runtime::resolve::openat2(&root, if rel.is_empty() { "." } else { rel.as_str() }, how(OFlag::O_RDONLY | OFlag::O_DIRECTORY))
                .map_err(|e| anyhow!(Error::bad_input(format!("opening {}/{rel}: {e} (changed while it was read?)", dir.display()))))?;
            let mut entries = nix::dir::Dir::from_fd(d).with_context(|| format!("reading {}/{rel}", dir.display()))?;
            let names: Vec<Vec<u8>> = entries
                .iter()
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_bytes().to_vec())
                .filter(|b| b.as_slice() != b"." && b.as_slice() != b"..")
                .collect();
            for raw in names {
                n += 1;
                if n > 100_000 {
                    bail!(Error::bad_input(format!("{} has more than 100000 entries: not an image directory", dir.display())));
                }
                let name = String::from_utf8_lossy(&raw).into_owned();
                let path = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
                let st = nix::sys::stat::fstatat(&root, path.as_str(), nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW)
                    .with_context(|| format!("reading {}/{path}", dir.display()))?;
                match st.st_mode & libc::S_IFMT {
                    libc::S_IFDIR => todo.push(path),
                    libc::S_IFLNK => {
                        let parent =
                            crate::runtime::resolve::openat2(&root, if rel.is_empty() { "." } else { rel.as_str() }, how(OFlag::O_PATH | OFlag::O_DIRECTORY))?;
                        let target = nix::fcntl::readlinkat(&parent, name.as_str())?.to_string_lossy().into_owned();
                        let joined = if target.starts_with('/') {
                            bail!(Error::bad_input(format!("refusing {}/{path}: a link to the absolute path {target:?} (path traversal)", dir.display())));
                        } else if rel.is_empty() {
                            target.clone()
                        } else {
                            format!("{rel}/{target}")
                        };
                        let resolved = resolve_dots(&joined).ok_or_else(|| {
                            anyhow!(Error::bad_input(format!("refusing {}/{path}: link to {target:?} leaves the directory (path traversal)", dir.display())))
                        })?;
                        links.insert(path, resolved);
                    }
                    libc::S_IFREG => {
                        let fd = crate::runtime::resolve::openat2(&root, path.as_str(), how(OFlag::O_RDONLY))
                            .map_err(|e| anyhow!(Error::bad_input(format!("opening {}/{path}: {e} (changed while it was read?)", dir.display()))))?;
                        let f = File::from(fd);
                        let meta = f.metadata()?;
                        if !meta.is_file() {
                            bail!(Error::bad_input(format!("{}/{path} changed while it was read", dir.display())));
                        }
                        let out = staging.dir.join(format!("f{n}"));
                        let mut w = BufWriter::with_capacity(1 << 20, File::create(&out).with_context(|| format!("creating {}", out.display()))?);
                        let size = io::copy(&mut (&f).take(meta.len()), &mut w).with_context(|| format!("reading {}/{path}", dir.display()))?;
                        w.flush()?;
                        files.insert(path, (out, size));
                    }
                    _ => {} // FIFOs, devices, sockets: never opened
                }
            }
        }
        Ok(Unpacked { _staging: staging, files, links })
    }

    /// The file named `name`, following links inside the archive.
    fn find(&self, name: &str) -> Result<&(PathBuf, u64)> {
        let mut cur = clean_name(name)?;
        for _ in 0..16 {
            if let Some(f) = self.files.get(&cur) {
                return Ok(f);
            }
            match self.links.get(&cur) {
                Some(t) => cur = t.clone(),
                None => bail!(Error::bad_input(format!("the archive has no file {name:?}"))),
            }
        }
        bail!(Error::bad_input(format!("the archive's links for {name:?} loop")))
    }

    fn has(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// A JSON document of the archive, at most [`JSON_LIMIT`] bytes.
    fn json_bytes(&self, name: &str) -> Result<Vec<u8>> {
        let (path, size) = self.find(name)?;
        if *size > JSON_LIMIT {
            bail!(Error::bad_input(format!("{name} in the archive has {size} bytes, more than the {JSON_LIMIT} allowed (resource exhaustion)")));
        }
        Ok(std::fs::read(path)?)
    }
}

/// Resolve `.` and `..` in a name relative to the archive root; `None` if it climbs out.
fn resolve_dots(p: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            c => parts.push(c),
        }
    }
    Some(parts.join("/"))
}

/// Reads and hashes.
struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// One image found in an archive.
struct Found {
    config: Vec<u8>,
    /// Archive names of the layer blobs, bottom first, with the digest the blob must have (OCI).
    layers: Vec<(String, Option<Digest>)>,
    names: Vec<String>,
    /// The manifest to store and its media type (OCI: as in the archive).
    manifest: Option<(Vec<u8>, String)>,
}

#[derive(Deserialize)]
struct DockerEntry {
    #[serde(rename = "Config")]
    config: String,
    #[serde(rename = "RepoTags", default)]
    repo_tags: Option<Vec<String>>,
    #[serde(rename = "Layers")]
    layers: Vec<String>,
}

fn qualify_name(n: &str) -> Option<String> {
    let r = Reference::parse(n).ok()?;
    let q = r.qualify(if r.is_short() && !n.contains('/') && !n.contains(':') { "localhost" } else { "docker.io" });
    q.tagged()
}

fn blob_name(d: &Digest) -> String {
    format!("blobs/sha256/{}", d.hex())
}

fn found_images(u: &Unpacked) -> Result<Vec<Found>> {
    if u.has("version") && u.has("manifest.json") && !u.has("index.json") {
        // containers/image's `dir:` layout (save --format docker-dir): one
        // image, its manifest, blobs named by their hex digest.
        let bytes = u.json_bytes("manifest.json")?;
        let (m, mt) = ManifestDoc::parse(&bytes, "").map_err(|e| anyhow!(Error::bad_input(format!("the directory's manifest.json: {e:#}"))))?;
        if m.is_index(&mt) {
            bail!(Error::bad_input("the directory holds a manifest list; load one image per directory"));
        }
        let cdesc = m.config.clone().ok_or_else(|| anyhow!(Error::bad_input("the directory's manifest has no config")))?;
        let config = u.json_bytes(cdesc.digest.hex())?;
        if Digest::of(&config) != cdesc.digest {
            bail!(Error::bad_input(format!("config {} in the directory does not match its digest", cdesc.digest)));
        }
        let layers = m.layers.clone().unwrap_or_default().iter().map(|l| (l.digest.hex().to_string(), Some(l.digest.clone()))).collect();
        return Ok(vec![Found { config, layers, names: vec![], manifest: Some((bytes, mt)) }]);
    }
    if u.has("manifest.json") && !u.has("index.json") {
        let entries: Vec<DockerEntry> = serde_json::from_slice(&u.json_bytes("manifest.json")?)
            .map_err(|e| anyhow!(Error::bad_input(format!("the archive's manifest.json is invalid: {e}"))))?;
        let mut out = Vec::new();
        for e in entries {
            let config = u.json_bytes(&e.config)?;
            let names = e.repo_tags.unwrap_or_default().iter().filter_map(|t| qualify_name(t)).collect();
            out.push(Found { config, layers: e.layers.into_iter().map(|l| (l, None)).collect(), names, manifest: None });
        }
        return Ok(out);
    }
    if u.has("index.json") {
        let (index, _) =
            ManifestDoc::parse(&u.json_bytes("index.json")?, OCI_INDEX).map_err(|e| anyhow!(Error::bad_input(format!("the archive's index.json: {e:#}"))))?;
        let raw_index: Value = serde_json::from_slice(&u.json_bytes("index.json")?)?;
        let mut out = Vec::new();
        for (i, d) in index.manifests.unwrap_or_default().iter().enumerate() {
            let bytes = u.json_bytes(&blob_name(&d.digest))?;
            if Digest::of(&bytes) != d.digest {
                bail!(Error::bad_input(format!("manifest {} in the archive does not match its digest", d.digest)));
            }
            let (m, mt) = ManifestDoc::parse(&bytes, &d.media_type)?;
            if m.is_index(&mt) {
                bail!(Error::bad_input("the archive holds a manifest list; load one image per archive"));
            }
            let cdesc = m.config.clone().ok_or_else(|| anyhow!(Error::bad_input("a manifest in the archive has no config")))?;
            let config = u.json_bytes(&blob_name(&cdesc.digest))?;
            if Digest::of(&config) != cdesc.digest {
                bail!(Error::bad_input(format!("config {} in the archive does not match its digest", cdesc.digest)));
            }
            let layers = m.layers.clone().unwrap_or_default().iter().map(|l| (blob_name(&l.digest), Some(l.digest.clone()))).collect();
            let ann = raw_index.pointer(&format!("/manifests/{i}/annotations/{}", REF_NAME.replace('/', "~1"))).and_then(Value::as_str);
            let names = ann.and_then(qualify_name).into_iter().collect();
            out.push(Found { config, layers, names, manifest: Some((bytes, mt)) });
        }
        return Ok(out);
    }
    bail!(Error::bad_input("not an image archive: it has neither manifest.json (docker-archive) nor index.json (oci-archive)"))
}

/// Load from the archive file `path`: a regular file only (a FIFO or a
/// device would block or never end: resource exhaustion class).
pub fn load_path(engine: &Engine, path: &Path) -> Result<Vec<String>> {
    use std::os::unix::fs::OpenOptionsExt;
    let f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| anyhow!(Error::bad_input(format!("opening {}: {e}", path.display()))))?;
    let meta = f.metadata()?;
    if meta.is_dir() {
        drop(f);
        return load_dir(engine, path);
    }
    if !meta.is_file() {
        bail!(Error::bad_input(format!("{} is not a regular file or directory (use standard input for a pipe)", path.display())));
    }
    load(engine, &mut &f)
}

/// Load every image of an image directory: an OCI layout (`index.json`,
/// `blobs/`) or a docker-archive's files (`manifest.json`), as `save
/// --format oci-dir|docker-dir` and skopeo's `oci:`/`docker-archive` write.
pub fn load_dir(engine: &Engine, dir: &Path) -> Result<Vec<String>> {
    let store = &engine.store;
    let _gc = store.gc_shared()?;
    let u = Unpacked::read_dir(dir, store.stage()?)?;
    load_unpacked(engine, &u)
}

/// Load every image of the archive read from `input` (plain, gzip or zstd).
/// Returns what Podman prints: the names, or `sha256:ID` for a nameless image.
/// The engine must have content access.
pub fn load(engine: &Engine, input: &mut dyn Read) -> Result<Vec<String>> {
    let store = &engine.store;
    let _gc = store.gc_shared()?;
    let mut input = BufReader::with_capacity(1 << 20, input);
    let head = io::BufRead::fill_buf(&mut input).context("reading the archive")?;
    if head.is_empty() {
        bail!(Error::bad_input("the archive is empty"));
    }
    let reader: Box<dyn Read> = match sniff(head) {
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(input)),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(input)?),
        Compression::None => Box::new(input),
    };
    let u = Unpacked::read(reader, store.stage()?)?;
    load_unpacked(engine, &u)
}

/// Store every image found in `u`.
fn load_unpacked(engine: &Engine, u: &Unpacked) -> Result<Vec<String>> {
    let found = found_images(u)?;
    if found.is_empty() {
        bail!(Error::bad_input("the archive holds no image"));
    }
    let mut printed = Vec::new();
    for f in found {
        let id = load_one(engine, u, &f)?;
        if f.names.is_empty() {
            printed.push(format!("sha256:{id}"));
        } else {
            printed.extend(f.names.iter().cloned());
        }
        crate::events::image("load", &id, f.names.first().map(String::as_str).unwrap_or(""));
    }
    Ok(printed)
}

fn load_one(engine: &Engine, u: &Unpacked, f: &Found) -> Result<String> {
    let store = &engine.store;
    let cfg: Value = serde_json::from_slice(&f.config).map_err(|e| anyhow!(Error::bad_input(format!("an image config in the archive is invalid: {e}"))))?;
    let diff_ids: Vec<Digest> = cfg
        .pointer("/rootfs/diff_ids")
        .and_then(Value::as_array)
        .ok_or_else(|| anyhow!(Error::bad_input("an image config in the archive has no rootfs.diff_ids")))?
        .iter()
        .map(|v| v.as_str().unwrap_or("").parse::<Digest>())
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow!(Error::bad_input(format!("an image config in the archive: {e}"))))?;
    if diff_ids.len() != f.layers.len() {
        bail!(Error::bad_input(format!("an image in the archive lists {} layers, its config {}", f.layers.len(), diff_ids.len())));
    }
    let chains = chain_ids(&diff_ids);
    let mut size = 0;
    let mut descs = Vec::new();
    for (i, (name, want)) in f.layers.iter().enumerate() {
        let chain = &chains[i];
        let lock = store.layer_lock(chain)?;
        let (path, blob_size) = u.find(name)?;
        if store.has_layer(chain) {
            let rec = store.layer(chain)?;
            size += rec.uncompressed_size;
            descs.push(json!({"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": rec.diff_id.as_str(), "size": rec.uncompressed_size}));
            continue;
        }
        let staging = store.stage()?;
        let file = File::open(path)?;
        let mut head = [0u8; 4];
        let compressed = {
            let mut f2 = File::open(path)?;
            let n = f2.read(&mut head)?;
            sniff(&head[..n]) != Compression::None
        };
        let mut hr = HashingReader { inner: BufReader::with_capacity(1 << 20, file), hasher: Sha256::new() };
        let imported = import_layer(&mut hr, &staging.diff(), engine.owners()).with_context(|| format!("unpacking layer {name} of the archive"))?;
        io::copy(&mut hr, &mut io::sink())?;
        let blob_digest = Digest::from_hasher(hr.hasher);
        if let Some(w) = want {
            if &blob_digest != w {
                bail!(Error::bad_input(format!("layer blob {w} in the archive does not match its digest (it digests to {blob_digest})")));
            }
        }
        if imported.diff_id != diff_ids[i] {
            bail!(Error::bad_input(format!("layer {name} of the archive uncompresses to {}, but the image config says {}", imported.diff_id, diff_ids[i])));
        }
        let record = LayerRecord {
            chain_id: chain.clone(),
            diff_id: diff_ids[i].clone(),
            parent: i.checked_sub(1).map(|p| chains[p].clone()),
            compressed_digest: compressed.then(|| blob_digest.clone()),
            compressed_size: if compressed { *blob_size } else { 0 },
            uncompressed_size: imported.uncompressed_size,
            created: now_rfc3339(),
        };
        store.commit_layer(staging, &record)?;
        drop(lock);
        size += imported.uncompressed_size;
        descs.push(json!({"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": diff_ids[i].as_str(), "size": imported.uncompressed_size}));
    }
    let cdigest = Digest::of(&f.config);
    let id = cdigest.hex().to_string();
    let (manifest, media_type) = match &f.manifest {
        Some((m, mt)) => (m.clone(), mt.clone()),
        None => {
            let m = json!({
                "schemaVersion": 2,
                "mediaType": OCI_MANIFEST,
                "config": {"mediaType": OCI_CONFIG, "digest": cdigest.as_str(), "size": f.config.len()},
                "layers": descs,
            });
            (serde_json::to_vec(&m)?, OCI_MANIFEST.to_string())
        }
    };
    let mdigest = Digest::of(&manifest);
    store.write_image_data(&id, &f.config, &mdigest, &manifest)?;
    let arch = cfg.get("architecture").and_then(Value::as_str).unwrap_or("").to_string();
    let os = cfg.get("os").and_then(Value::as_str).unwrap_or("").to_string();
    let created = cfg.get("created").and_then(Value::as_str).map(str::to_string);
    store.update_images(|images| {
        for n in &f.names {
            for other in images.iter_mut().filter(|i| i.id != id) {
                other.names.retain(|x| x != n);
            }
        }
        if !images.iter().any(|i| i.id == id) {
            images.push(ImageRecord {
                id: id.clone(),
                names: vec![],
                repo_digests: vec![],
                digest: mdigest.clone(),
                manifest_media_type: media_type.clone(),
                layers: chains.clone(),
                created: created.clone(),
                stored: now_rfc3339(),
                size,
                architecture: arch.clone(),
                os: os.clone(),
            });
        }
        let rec = images.iter_mut().find(|i| i.id == id).expect("present");
        for n in &f.names {
            if !rec.names.contains(n) {
                rec.names.push(n.clone());
            }
        }
        Ok(())
    })?;
    Ok(id)
}

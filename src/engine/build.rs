//! `rpod build`: run a Containerfile's stages and store the result as an
//! image. Parsing, expansion, ignore rules and the context live in
//! [`crate::build`]; this module decides and stores.
//!
//! Every step makes an image (metadata-only steps share their parent's
//! layers), recorded in the build cache (`ROOT/build-cache.json`) under a key
//! that covers the parent image, the instruction as expanded, the build
//! arguments in effect and, for `COPY`/`ADD`, a hash of the copied content
//! (names, types, modes, owners, bytes, link targets — not times). A rebuild
//! with nothing changed finds every step there and stores nothing new.
//! Intermediate images (no name, a child in the cache) are hidden from
//! `images` as Podman hides them; `images -a` shows them, `image prune`
//! removes them.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context as _};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use sha2::Digest as _;

use super::error::{Error, Result};
use super::Engine;
use crate::build::context::{Context, ItemKind, TarWriter};
use crate::build::parser::{self, Instruction};
use crate::build::{self as b, shell, Containerfile};
use crate::storage::{now_rfc3339, Digest, ImageRecord};

/// `--pull`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PullPolicy {
    Always,
    #[default]
    Missing,
    Never,
    Newer,
}

impl PullPolicy {
    pub fn parse(s: &str) -> Result<PullPolicy> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "always" | "true" => PullPolicy::Always,
            "missing" | "ifmissing" | "false" | "" => PullPolicy::Missing,
            "never" => PullPolicy::Never,
            "newer" | "ifnewer" => PullPolicy::Newer,
            _ => return Err(Error::bad_input(format!("invalid --pull {s:?}: use always, missing, never or newer"))),
        })
    }
}

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The context: a directory, a tarball, or `None` (no context).
    pub context: Option<String>,
    /// `-f`: the Containerfile's path (relative to the working directory).
    pub file: Option<PathBuf>,
    /// The Containerfile's text when it came on standard input.
    pub file_text: Option<String>,
    /// `-t`, in order.
    pub tags: Vec<String>,
    /// `--build-arg KEY=VALUE` (a bare `KEY` takes the caller's environment value, given here).
    pub build_args: Vec<(String, String)>,
    /// `--build-arg-file`s, read by the engine (bounded, regular files).
    pub build_arg_files: Vec<PathBuf>,
    pub target: Option<String>,
    pub no_cache: bool,
    /// `--layers` (default true): use and fill the build cache.
    pub layers: bool,
    pub squash: bool,
    pub squash_all: bool,
    pub labels: Vec<String>,
    pub annotations: Vec<String>,
    pub pull: PullPolicy,
    /// `oci` or `docker`.
    pub format: String,
    /// `--network` for RUN steps (empty: the default mode).
    pub network: String,
    pub platform: Option<String>,
    /// `--secret id=ID,src=PATH`.
    pub secrets: Vec<String>,
    /// `--timestamp`: seconds since the epoch for every created time.
    pub timestamp: Option<i64>,
    /// `SOURCE_DATE_EPOCH` (used when `timestamp` is not given, as buildah):
    /// seconds since the epoch for every created time, and the latest
    /// mtime a layer's files keep (later ones are clamped to it).
    pub source_date_epoch: Option<i64>,
    pub omit_history: bool,
    /// Where RUN output and step lines go.
    pub quiet: bool,
    /// `--manifest LIST`: add the image to this manifest list (made if needed).
    pub manifest: Option<String>,
    /// `--tls-verify`, `--authfile`, `--creds`: how base images are pulled.
    pub registry: super::manifest::RegistryOptions,
    /// How many bytes a compressed archive (an ADD source, a context
    /// tarball) may expand to (`None`: [`crate::build::context::DEFAULT_MAX_UNPACKED`]).
    pub max_unpacked: Option<u64>,
}

/// The outcome.
#[derive(Debug, Clone, Serialize)]
pub struct Built {
    pub id: String,
    pub names: Vec<String>,
}

/// What the build tells its front end as it goes.
pub enum Progress<'a> {
    /// A line of Podman's step output (`STEP 1/3: FROM busybox`, `--> ID`).
    Line(&'a str),
    /// Output of a RUN step.
    Output(&'a [u8]),
}

/// The cache index: step key → image, with the image's parent.
#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    #[serde(default)]
    entries: BTreeMap<String, CacheEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CacheEntry {
    id: String,
    #[serde(default)]
    parent: Option<String>,
}

fn cache_path(engine: &Engine) -> PathBuf {
    engine.store.root().join("build-cache.json")
}

fn read_cache(engine: &Engine) -> CacheFile {
    std::fs::read(cache_path(engine)).ok().and_then(|d| serde_json::from_slice(&d).ok()).unwrap_or_default()
}

fn cache_put(engine: &Engine, key: &str, id: &str, parent: Option<&str>) -> anyhow::Result<()> {
    let _lock = engine.store.lock()?;
    let mut c = read_cache(engine);
    c.entries.insert(key.to_string(), CacheEntry { id: id.to_string(), parent: parent.map(str::to_string) });
    crate::storage::atomic::write_json(&cache_path(engine), &c)
}

/// Images a build made as intermediate steps: no name, and a child in the
/// build cache. `images` hides them unless `--all`.
pub fn intermediate_ids(engine: &Engine) -> anyhow::Result<HashSet<String>> {
    let c = read_cache(engine);
    if c.entries.is_empty() {
        return Ok(HashSet::new());
    }
    let parents: HashSet<String> = c.entries.values().filter_map(|e| e.parent.clone()).collect();
    Ok(engine.store.images()?.into_iter().filter(|i| i.names.is_empty() && parents.contains(&i.id)).map(|i| i.id).collect())
}

/// One layer of an image as its manifest and config describe it.
#[derive(Debug, Clone)]
pub struct LayerDesc {
    pub chain: Digest,
    pub diff_id: Digest,
    pub digest: Digest,
    pub size: u64,
    pub media_type: String,
}

/// The image a step works on.
#[derive(Debug, Clone)]
struct State {
    /// The stored image (`None`: scratch, nothing stored yet).
    id: Option<String>,
    config: Value,
    layers: Vec<LayerDesc>,
    /// The cache key of the last step (chains the keys).
    key: String,
    /// `ARG`s declared in this stage, with their values.
    args: BTreeMap<String, String>,
    /// `SHELL` (default `/bin/sh -c`).
    shell: Vec<String>,
    /// Whether CMD was set in this stage (ENTRYPOINT resets an inherited one).
    cmd_set: bool,
    /// Layers the stage started with (what `--squash` leaves alone).
    base: usize,
}

impl State {
    fn cfg(&mut self) -> &mut Map<String, Value> {
        let root = self.config.as_object_mut().expect("config is an object");
        root.entry("config").or_insert_with(|| json!({}));
        root.get_mut("config").and_then(Value::as_object_mut).expect("config.config is an object")
    }
    fn env(&self) -> Vec<String> {
        self.config
            .pointer("/config/Env")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    }
    /// A variable as expansion sees it: ENV wins over ARG (Docker's rule).
    fn var(&self, name: &str) -> Option<String> {
        for e in self.env().iter().rev() {
            if let Some((k, v)) = e.split_once('=') {
                if k == name {
                    return Some(v.to_string());
                }
            }
        }
        self.args.get(name).cloned()
    }
    fn set_env(&mut self, k: &str, v: &str) {
        let env = self.cfg().entry("Env").or_insert_with(|| json!([]));
        if !env.is_array() {
            *env = json!([]);
        }
        let list = env.as_array_mut().expect("array");
        list.retain(|e| e.as_str().and_then(|s| s.split_once('=')).is_none_or(|(ek, _)| ek != k));
        list.push(json!(format!("{k}={v}")));
    }
    fn workdir(&self) -> String {
        self.config.pointer("/config/WorkingDir").and_then(Value::as_str).filter(|s| !s.is_empty()).unwrap_or("/").to_string()
    }
}

/// One build: everything the steps share.
struct Build<'a> {
    engine: &'a mut Engine,
    o: &'a BuildOptions,
    file: Containerfile,
    ctx: Context,
    /// Build args given by the caller (flags over files).
    given: BTreeMap<String, String>,
    /// Global ARGs (before the first FROM) with their values.
    global: BTreeMap<String, String>,
    used_args: HashSet<String>,
    /// The result of each stage built so far.
    done: BTreeMap<usize, State>,
    /// Images this build stored (for `--layers=false` clean-up).
    made: Vec<String>,
    created: String,
    progress: &'a mut dyn FnMut(Progress),
    secrets: BTreeMap<String, PathBuf>,
    /// Held for the whole build: no gc between storing a layer and its image.
    gc: Option<crate::storage::FileLock>,
    /// The Containerfile's text (children read a copy).
    text: String,
    child_file: Option<PathBuf>,
    /// Stages child rpods are building.
    pending: BTreeMap<usize, std::process::Child>,
    bases: Vec<String>,
    prefixes: BTreeMap<usize, String>,
}

fn bad(msg: impl Into<String>) -> Error {
    Error::bad_input(msg)
}

/// The predefined platform arguments.
fn platform_args() -> BTreeMap<String, String> {
    let arch = crate::image::platform::go_arch(std::env::consts::ARCH).to_string();
    let mut m = BTreeMap::new();
    for p in ["TARGET", "BUILD"] {
        m.insert(format!("{p}PLATFORM"), format!("linux/{arch}"));
        m.insert(format!("{p}OS"), "linux".into());
        m.insert(format!("{p}ARCH"), arch.clone());
        m.insert(format!("{p}VARIANT"), String::new());
    }
    m
}

fn host_platform_ok(p: &str) -> bool {
    let arch = crate::image::platform::go_arch(std::env::consts::ARCH);
    let p = p.trim_end_matches('/');
    p == format!("linux/{arch}")
        || p == arch
        || p == "linux"
        || p == "$BUILDPLATFORM"
        || p == "$TARGETPLATFORM"
        || p == "${BUILDPLATFORM}"
        || p == "${TARGETPLATFORM}"
}

/// Read KEY=VALUE lines of a `--build-arg-file` (comments and blanks skipped).
fn read_arg_file(p: &Path) -> Result<Vec<(String, String)>> {
    let data = crate::storage::read_regular(p, 1 << 20).map_err(|e| bad(format!("--build-arg-file {}: {e}", p.display())))?;
    let mut out = Vec::new();
    for line in String::from_utf8_lossy(&data).lines() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let (k, v) = l.split_once('=').ok_or_else(|| bad(format!("--build-arg-file {}: {l:?} is not KEY=VALUE", p.display())))?;
        out.push((k.trim().to_string(), v.to_string()));
    }
    Ok(out)
}

/// Find the Containerfile: `-f`, else `Containerfile`, else `Dockerfile` in the context.
fn containerfile_text(o: &BuildOptions, ctx_dir: Option<&Path>) -> Result<(String, String)> {
    if let Some(t) = &o.file_text {
        return Ok((t.clone(), "Containerfile".into()));
    }
    let path = match &o.file {
        Some(f) => {
            // A relative -f is taken from the working directory, else from the context.
            if f.is_absolute() || f.exists() {
                f.clone()
            } else {
                ctx_dir.unwrap_or(Path::new(".")).join(f)
            }
        }
        None => {
            // A tarball context: its unpacked copy.
            let dir = ctx_dir.unwrap_or(Path::new("."));
            let c = dir.join("Containerfile");
            if c.exists() {
                c
            } else {
                let d = dir.join("Dockerfile");
                if !d.exists() {
                    return Err(bad(format!("no Containerfile or Dockerfile in {} (use -f)", o.context.as_deref().unwrap_or("."))));
                }
                d
            }
        }
    };
    let data = crate::storage::read_regular(&path, 4 << 20).map_err(|e| {
        let why = if e.kind() == std::io::ErrorKind::NotFound { "no such file or directory".to_string() } else { e.to_string() };
        bad(format!("reading Containerfile {}: {why}", path.display()))
    })?;
    let text = String::from_utf8(data).map_err(|_| bad(format!("Containerfile {} is not UTF-8 text", path.display())))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "Containerfile".into());
    Ok((text, name))
}

/// Build. `progress` receives step lines and RUN output.
pub fn build(engine: &mut Engine, o: &BuildOptions, progress: &mut dyn FnMut(Progress)) -> Result<Built> {
    if let Some(p) = &o.platform {
        if !host_platform_ok(p) {
            return Err(bad(format!(
                "--platform {p} is not supported: rpod builds for the host's platform only (linux/{})",
                crate::image::platform::go_arch(std::env::consts::ARCH)
            )));
        }
    }
    match o.format.as_str() {
        "" | "oci" | "docker" => {}
        f => return Err(bad(format!("invalid --format {f:?}: use oci or docker"))),
    }
    if o.squash && o.squash_all {
        return Err(bad("--squash and --squash-all cannot be used together"));
    }
    if let Some(list) = &o.manifest {
        super::manifest::build_target(engine, list)?;
    }
    // The context first: a missing one is the most likely mistake.
    let scratch = engine.paths.runroot.join("build");
    std::fs::create_dir_all(&scratch).with_context(|| format!("creating {}", scratch.display()))?;
    let ctx = match &o.context {
        Some(c) => Context::open(c, &scratch, o.max_unpacked.unwrap_or(crate::build::context::DEFAULT_MAX_UNPACKED)).map_err(bad)?,
        None => Context::none(),
    };
    let (text, fname) = containerfile_text(o, ctx.dir.as_deref())?;
    let file = b::parse(&text).map_err(|e| bad(format!("{fname}:{}: {}", e.line, e.message)))?;
    let mut given = BTreeMap::new();
    for f in &o.build_arg_files {
        given.extend(read_arg_file(f)?);
    }
    given.extend(o.build_args.iter().cloned());
    let mut secrets = BTreeMap::new();
    for s in &o.secrets {
        let m = b::mount_options(s);
        let id = m.get("id").cloned().ok_or_else(|| bad(format!("invalid --secret {s:?}: use id=ID,src=PATH")))?;
        let src = m.get("src").or_else(|| m.get("source")).cloned().ok_or_else(|| bad(format!("invalid --secret {s:?}: use id=ID,src=PATH")))?;
        secrets.insert(id, PathBuf::from(src));
    }
    let created = match (o.timestamp, o.source_date_epoch) {
        (Some(t), _) => {
            chrono::DateTime::from_timestamp(t, 0).ok_or_else(|| bad(format!("invalid --timestamp {t}")))?.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        }
        (None, Some(t)) => chrono::DateTime::from_timestamp(t, 0)
            .ok_or_else(|| bad(format!("invalid SOURCE_DATE_EPOCH {t}")))?
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        (None, None) => now_rfc3339(),
    };
    let mut bld = Build {
        engine,
        o,
        file,
        ctx,
        given,
        global: BTreeMap::new(),
        used_args: HashSet::new(),
        done: BTreeMap::new(),
        made: Vec::new(),
        created,
        progress,
        secrets,
        gc: None,
        text: text.clone(),
        child_file: None,
        pending: BTreeMap::new(),
        bases: Vec::new(),
        prefixes: BTreeMap::new(),
    };
    bld.gc = Some(bld.engine.store.gc_shared()?);
    let res = bld.run();
    // Children of stages never reached after an error finish on their own
    // (killing one could strand its build container): wait for them.
    for (_, mut c) in std::mem::take(&mut bld.pending) {
        let _ = c.wait();
    }
    if let Some(f) = bld.child_file.take() {
        let _ = std::fs::remove_file(f);
    }
    if res.is_err() || !o.layers {
        // Without the cache, intermediate images are not kept.
        let keep = res.as_ref().ok().map(|b| b.id.clone());
        let gone: Vec<String> = bld.made.iter().filter(|id| Some(*id) != keep.as_ref()).cloned().collect();
        if !gone.is_empty() && !o.layers {
            let _ = bld.engine.store.update_images(|imgs| {
                imgs.retain(|i| !(gone.contains(&i.id) && i.names.is_empty()));
                Ok(())
            });
        }
    }
    drop(bld);
    let built = res?;
    if let Some(list) = &o.manifest {
        super::manifest::add_built(engine, list, &built.id)?;
    }
    Ok(built)
}

impl Build<'_> {
    fn line(&mut self, s: &str) {
        (self.progress)(Progress::Line(s));
    }

    fn run(&mut self) -> Result<Built> {
        // The predefined platform args are in the global scope without an
        // ARG line, as in BuildKit and buildah (`FROM busybox:$TARGETARCH`);
        // an ARG line may still override them.
        self.global.extend(platform_args());
        // Global ARGs: defaults, overridden by --build-arg.
        for ins in self.file.global_args.clone() {
            for w in parser::split_words(&ins.args).map_err(bad)? {
                let (k, v) = match w.split_once('=') {
                    Some((k, v)) => {
                        let g = self.global.clone();
                        (k.to_string(), Some(shell::expand(v, &|n| g.get(n).cloned()).map_err(|e| bad(format!("line {}: {e}", ins.line)))?))
                    }
                    None => (w.clone(), None),
                };
                let val = self.given.get(&k).cloned().or(v).or_else(|| platform_args().get(&k).cloned());
                self.used_args.insert(k.clone());
                if let Some(v) = val {
                    self.global.insert(k, v);
                }
            }
        }
        let target = self.file.target(self.o.target.as_deref()).map_err(bad)?;
        let bases: Vec<String> = (0..self.file.stages.len()).map(|i| self.expand_from(i)).collect::<Result<_>>()?;
        let global = self.global.clone();
        let plain = |s: &str| shell::expand(s, &|n| global.get(n).cloned()).unwrap_or_else(|_| s.to_string());
        let file = self.file.clone();
        let needed = file.needed(target, &|i| file.stage_ref(&bases[i], i), &plain);
        let multi = needed.len() > 1;
        // Independent stages (FROM an image, reading no other stage) build
        // at the same time in child rpods that fill the cache; this build
        // takes their results from it when it first needs them.
        self.spawn_stage_builders(&needed, target, &bases)?;
        self.engine.ensure_content_access()?;
        self.bases = bases.clone();
        for (n, &i) in needed.iter().enumerate() {
            let prefix = if multi { format!("[{}/{}] ", n + 1, needed.len()) } else { String::new() };
            self.prefixes.insert(i, prefix.clone());
            if self.pending.contains_key(&i) {
                continue;
            }
            let state = self.stage(i, &bases[i], &prefix, i == target)?;
            self.done.insert(i, state);
        }
        for k in self.given.keys() {
            if !self.used_args.contains(k) {
                tracing::warn!("build argument {k:?} is not used by the Containerfile");
            }
        }
        let mut fin = self.done.remove(&target).expect("target built");
        if self.o.squash || self.o.squash_all {
            self.squash(&mut fin)?;
        }
        let id = fin.id.clone().ok_or_else(|| anyhow!("the build produced no image"))?;
        let names = if self.o.tags.is_empty() {
            Vec::new()
        } else {
            super::images::tag(self.engine, &id, &self.o.tags)?;
            self.o.tags.iter().map(|t| super::images::qualify_tag(t)).collect::<anyhow::Result<Vec<_>>>()?
        };
        if names.is_empty() {
            self.line("COMMIT");
        } else {
            let l = format!("COMMIT {}", self.o.tags.join(", "));
            self.line(&l);
        }
        let l = format!("--> {}", &id[..12.min(id.len())]);
        self.line(&l);
        for n in &names {
            let l = format!("Successfully tagged {n}");
            self.line(&l);
        }
        crate::events::image("build", &id, names.first().map(String::as_str).unwrap_or(""));
        Ok(Built { id, names })
    }

    /// Start a child `rpod build --target N -q` for each needed stage
    /// other than the target that builds FROM an image and reads no other
    /// stage. Only with the cache on (the children fill it) and a context
    /// directory; a child that fails changes nothing (the stage is then
    /// built here and its error shown here).
    fn spawn_stage_builders(&mut self, needed: &[usize], target: usize, bases: &[String]) -> Result<()> {
        if !self.o.layers || self.o.no_cache || needed.len() < 2 || self.ctx.dir.is_none() || crate::runtime::userns::threads() > 1 {
            return Ok(());
        }
        let leaves: Vec<usize> = needed
            .iter()
            .copied()
            .filter(|&i| {
                i != target && self.file.stage_ref(&bases[i], i).is_none() && self.file.stages[i].instructions.iter().all(|x| b::stage_uses(x).is_empty())
            })
            .collect();
        if leaves.is_empty() {
            return Ok(());
        }
        let scratch = self.engine.paths.runroot.join("build");
        let file = scratch.join(crate::storage::atomic::unique_name("Containerfile-"));
        std::fs::write(&file, &self.text).with_context(|| format!("writing {}", file.display()))?;
        self.child_file = Some(file.clone());
        let exe = std::env::current_exe().context("finding the rpod binary")?;
        for i in leaves {
            let mut cmd = std::process::Command::new(&exe);
            cmd.arg("--root").arg(&self.engine.paths.root).arg("--runroot").arg(&self.engine.paths.runroot);
            cmd.arg("--storage-driver").arg(&self.engine.driver);
            cmd.args(["build", "-q", "--target", &i.to_string(), "--format"]).arg(if self.o.format.is_empty() { "oci" } else { &self.o.format });
            cmd.arg("-f").arg(&file);
            for (k, v) in &self.given {
                cmd.arg("--build-arg").arg(format!("{k}={v}"));
            }
            for sec in &self.o.secrets {
                cmd.arg("--secret").arg(sec);
            }
            if let Some(t) = self.o.timestamp {
                cmd.arg("--timestamp").arg(t.to_string());
            }
            match self.o.source_date_epoch {
                Some(t) => cmd.env("SOURCE_DATE_EPOCH", t.to_string()),
                None => cmd.env_remove("SOURCE_DATE_EPOCH"),
            };
            if self.o.omit_history {
                cmd.arg("--omit-history");
            }
            if !self.o.network.is_empty() {
                cmd.arg("--network").arg(&self.o.network);
            }
            cmd.arg(format!(
                "--pull={}",
                match self.o.pull {
                    PullPolicy::Always => "always",
                    PullPolicy::Missing => "missing",
                    PullPolicy::Never => "never",
                    PullPolicy::Newer => "newer",
                }
            ));
            cmd.arg(self.ctx.dir.as_ref().expect("checked above"));
            cmd.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
            match cmd.spawn() {
                Ok(child) => {
                    self.pending.insert(i, child);
                }
                Err(e) => tracing::warn!("starting a parallel build of stage {i}: {e}"),
            }
        }
        Ok(())
    }

    /// Stage `j`, built: a stage a child builds is waited for, then taken
    /// from the cache (or built here if the child failed).
    fn ensure_stage(&mut self, j: usize) -> Result<()> {
        if self.done.contains_key(&j) {
            return Ok(());
        }
        if let Some(mut child) = self.pending.remove(&j) {
            let _ = child.wait();
            let base = self.bases[j].clone();
            let prefix = self.prefixes.get(&j).cloned().unwrap_or_default();
            let state = self.stage(j, &base, &prefix, false)?;
            self.done.insert(j, state);
        }
        Ok(())
    }

    /// Stage i's FROM image after expansion with the global ARGs; a
    /// variable that is not set is one clear error.
    fn expand_from(&mut self, i: usize) -> Result<String> {
        let st = &self.file.stages[i];
        let raw = st.base().to_string();
        let line = st.from.line;
        let global = self.global.clone();
        let missing = std::cell::RefCell::new(Vec::<String>::new());
        let v = shell::expand_noting_unset(&raw, &|n| global.get(n).cloned(), &|n| {
            let mut m = missing.borrow_mut();
            if !m.iter().any(|x| x == n) {
                m.push(n.to_string());
            }
        })
        .map_err(|e| bad(format!("line {line}: FROM {raw}: {e}")))?;
        let missing = missing.into_inner();
        if !missing.is_empty() {
            let m = missing.join(", ");
            let (s, first) = (if missing.len() > 1 { "s" } else { "" }, &missing[0]);
            return Err(bad(format!(
                "line {line}: FROM {raw}: build argument{s} {m} not set (declare it with ARG before the first FROM and pass --build-arg {first}=..., or give a default: ARG {first}=VALUE)"
            )));
        }
        if v.trim().is_empty() {
            return Err(bad(format!("line {line}: FROM {raw}: the base image name is empty")));
        }
        if let Some(p) = st.from.flag("platform").and_then(|f| f.value.clone()) {
            let p = shell::expand(&p, &|n| global.get(n).cloned().or_else(|| platform_args().get(n).cloned())).unwrap_or(p);
            if !host_platform_ok(&p) {
                return Err(bad(format!("line {line}: FROM --platform={p} is not supported: rpod builds for the host's platform only")));
            }
        }
        Ok(v)
    }

    /// Build one stage.
    fn stage(&mut self, i: usize, base: &str, prefix: &str, is_target: bool) -> Result<State> {
        let st = self.file.stages[i].clone();
        let total = st.instructions.len() + 1;
        let l = format!("{prefix}STEP 1/{total}: {}", st.from.display());
        self.line(&l);
        let mut state = self.base_state(i, base)?;
        // A base image's ONBUILD triggers run first.
        let triggers: Vec<String> = state
            .config
            .pointer("/config/OnBuild")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        if !triggers.is_empty() {
            state.cfg().remove("OnBuild");
            for t in triggers {
                let ins = parser::parse(&t).map_err(|e| bad(format!("ONBUILD trigger {t:?} of {base}: {}", e.message)))?;
                for x in ins {
                    self.step(&mut state, &x, i)?;
                }
            }
        }
        for (n, ins) in st.instructions.iter().enumerate() {
            let l = format!("{prefix}STEP {}/{total}: {}", n + 2, ins.display());
            self.line(&l);
            let last = is_target && n + 1 == st.instructions.len();
            self.step(&mut state, ins, i)?;
            if last {
                break;
            }
        }
        if is_target {
            self.finish(&mut state)?;
        }
        if state.id.is_none() {
            // FROM scratch with nothing but metadata: still an image.
            self.commit(&mut state, "FROM scratch".into(), None, None)?;
        }
        Ok(state)
    }

    /// The state FROM gives: a previous stage, scratch, or an image (pulled per --pull).
    fn base_state(&mut self, i: usize, base: &str) -> Result<State> {
        let shell = vec!["/bin/sh".to_string(), "-c".to_string()];
        if let Some(j) = self.file.stage_ref(base, i) {
            self.ensure_stage(j)?;
            let s = self.done.get(&j).cloned().ok_or_else(|| anyhow!("stage {j} was not built"))?;
            return Ok(State { args: BTreeMap::new(), cmd_set: false, base: s.layers.len(), ..s });
        }
        if base.eq_ignore_ascii_case("scratch") {
            let arch = crate::image::platform::go_arch(std::env::consts::ARCH);
            let config = json!({"architecture": arch, "os": "linux", "config": {}, "rootfs": {"type": "layers", "diff_ids": []}});
            return Ok(State { id: None, config, layers: vec![], key: "scratch".into(), args: BTreeMap::new(), shell, cmd_set: false, base: 0 });
        }
        let img = self.base_image(base)?;
        let config = super::images::config(self.engine, &img)?;
        let layers = image_layers(self.engine, &img, &config)?;
        let shell = config
            .pointer("/config/Shell")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or(shell);
        let base = layers.len();
        Ok(State { id: Some(img.id.clone()), config, layers, key: format!("image:{}", img.id), args: BTreeMap::new(), shell, cmd_set: false, base })
    }

    fn base_image(&mut self, base: &str) -> Result<ImageRecord> {
        let local = super::images::lookup(self.engine, base);
        let pull = match self.o.pull {
            PullPolicy::Never => false,
            PullPolicy::Missing => local.is_err(),
            PullPolicy::Always | PullPolicy::Newer => true,
        };
        if pull {
            self.engine.ensure_content_access()?;
            let opts = super::pull::PullOptions {
                quiet: true,
                tls_verify: self.o.registry.tls_verify,
                platform: crate::image::platform::Platform::host(),
                authfile: self.o.registry.authfile.clone(),
                creds: self.o.registry.creds.clone(),
                progress: None,
            };
            match super::pull::pull(self.engine, base, &opts) {
                Ok(p) => return Ok(super::images::lookup(self.engine, &p.id)?),
                Err(e) if self.o.pull == PullPolicy::Newer && local.is_ok() => tracing::warn!("pulling {base}: {e:#}; using the local image"),
                Err(e) => return Err(e.into()),
            }
        }
        local.map_err(|_| match self.o.pull {
            PullPolicy::Never => bad(format!("{base}: image not known (and --pull=never)")),
            _ => Error::NoSuchImage(base.to_string()),
        })
    }

    fn expand(&self, state: &State, s: &str, line: usize) -> Result<String> {
        shell::expand(s, &|n| state.var(n)).map_err(|e| bad(format!("line {line}: {e}")))
    }

    /// The key of a step: parent key, instruction, build args in effect, extra (content hash).
    fn key(&self, state: &State, what: &str, extra: &str) -> String {
        let mut h = sha2::Sha256::new();
        h.update(state.id.as_deref().unwrap_or(&state.key).as_bytes());
        h.update([0]);
        h.update(what.as_bytes());
        h.update([0]);
        for (k, v) in &state.args {
            h.update(format!("{k}={v}\n").as_bytes());
        }
        h.update([0]);
        h.update(extra.as_bytes());
        h.update([0]);
        h.update(self.o.format.as_bytes());
        // Reproducible builds never take a layer made with other mtimes.
        match (self.o.timestamp, self.o.source_date_epoch) {
            (Some(t), _) => h.update(format!("\0timestamp={t}")),
            (None, Some(t)) => h.update(format!("\0epoch={t}")),
            (None, None) => {}
        }
        hex::encode(h.finalize())
    }

    /// A cached image for `key`, if it exists.
    fn cached(&self, key: &str) -> Option<ImageRecord> {
        if self.o.no_cache || !self.o.layers {
            return None;
        }
        let c = read_cache(self.engine);
        let e = c.entries.get(key)?;
        super::images::lookup(self.engine, &e.id).ok()
    }

    /// Take a cached step: the state becomes that image.
    fn use_cached(&mut self, state: &mut State, img: &ImageRecord, key: String) -> Result<()> {
        let l = format!("--> Using cache {}", img.id);
        self.line(&l);
        state.config = super::images::config(self.engine, img)?;
        state.layers = image_layers(self.engine, img, &state.config)?;
        state.id = Some(img.id.clone());
        state.key = key;
        let l = format!("--> {}", &img.id[..12]);
        self.line(&l);
        Ok(())
    }

    /// Run one instruction.
    fn step(&mut self, state: &mut State, ins: &Instruction, stage: usize) -> Result<()> {
        let line = ins.line;
        let kw = ins.keyword.as_str();
        match kw {
            "ARG" => {
                for w in parser::split_words(&ins.args).map_err(bad)? {
                    let (k, default) = match w.split_once('=') {
                        Some((k, v)) => (k.to_string(), Some(self.expand(state, v, line)?)),
                        None => (w.clone(), None),
                    };
                    self.used_args.insert(k.clone());
                    let v = self.given.get(&k).cloned().or(default).or_else(|| self.global.get(&k).cloned()).or_else(|| platform_args().get(&k).cloned());
                    if let Some(v) = v {
                        state.args.insert(k, v);
                    }
                }
                // ARG changes no image; it enters the keys of the steps after it.
                return Ok(());
            }
            "RUN" => return self.run_step(state, ins, stage),
            "COPY" | "ADD" => return self.copy_step(state, ins, stage),
            _ => {}
        }
        // Metadata: apply to the config, then commit without a layer.
        let mut next = state.clone();
        let shown = self.metadata(&mut next, ins)?;
        let key = self.key(state, &shown, "");
        if let Some(img) = self.cached(&key) {
            let (args, shell, cmd_set) = (next.args.clone(), next.shell.clone(), next.cmd_set);
            self.use_cached(state, &img, key)?;
            state.args = args;
            state.shell = shell;
            state.cmd_set = cmd_set;
            return Ok(());
        }
        let parent = state.id.clone();
        self.commit(&mut next, shown, None, Some(&key))?;
        next.key = key;
        let _ = parent;
        *state = next;
        Ok(())
    }

    /// Apply a metadata instruction; returns its history text.
    fn metadata(&mut self, state: &mut State, ins: &Instruction) -> Result<String> {
        let line = ins.line;
        let form = |state: &State, ins: &Instruction| -> Value {
            match parser::json_or_shell(ins).ok().flatten() {
                Some(v) => json!(v),
                None => {
                    let mut v = state.shell.clone();
                    v.push(ins.args.clone());
                    json!(v)
                }
            }
        };
        let shown: String;
        match ins.keyword.as_str() {
            "ENV" => {
                let kv = parser::key_values(&ins.args, true).map_err(|e| bad(format!("line {line}: ENV: {e}")))?;
                let mut parts = Vec::new();
                for (k, v) in kv {
                    let v = self.expand(state, &v, line)?;
                    state.set_env(&k, &v);
                    parts.push(format!("{k}={v}"));
                }
                shown = format!("ENV {}", parts.join(" "));
            }
            "LABEL" => {
                let kv = parser::key_values(&ins.args, false).map_err(|e| bad(format!("line {line}: LABEL: {e}")))?;
                let mut parts = Vec::new();
                for (k, v) in kv {
                    let k = self.expand(state, &k, line)?;
                    let v = self.expand(state, &v, line)?;
                    let labels = state.cfg().entry("Labels").or_insert_with(|| json!({}));
                    if !labels.is_object() {
                        *labels = json!({});
                    }
                    labels.as_object_mut().expect("object").insert(k.clone(), json!(v));
                    parts.push(format!("{k}={v}"));
                }
                shown = format!("LABEL {}", parts.join(" "));
            }
            "MAINTAINER" => {
                let v = ins.args.trim().to_string();
                state.config.as_object_mut().expect("object").insert("author".into(), json!(v));
                shown = format!("MAINTAINER {v}");
            }
            "CMD" => {
                let v = form(state, ins);
                state.cfg().insert("Cmd".into(), v.clone());
                state.cmd_set = true;
                shown = format!("CMD {v}");
            }
            "ENTRYPOINT" => {
                let v = form(state, ins);
                state.cfg().insert("Entrypoint".into(), v.clone());
                if !state.cmd_set {
                    state.cfg().insert("Cmd".into(), Value::Null);
                }
                shown = format!("ENTRYPOINT {v}");
            }
            "SHELL" => {
                let v = parser::json_or_shell(ins).map_err(|e| bad(e.to_string()))?.unwrap_or_default();
                state.shell = v.clone();
                state.cfg().insert("Shell".into(), json!(v));
                shown = format!("SHELL {}", json!(v));
            }
            "WORKDIR" => {
                let v = self.expand(state, ins.args.trim(), line)?;
                let path = if v.starts_with('/') { v } else { format!("{}/{}", state.workdir().trim_end_matches('/'), v) };
                let path = clean_abs(&path);
                state.cfg().insert("WorkingDir".into(), json!(path.clone()));
                shown = format!("WORKDIR {path}");
            }
            "USER" => {
                let v = self.expand(state, ins.args.trim(), line)?;
                state.cfg().insert("User".into(), json!(v.clone()));
                shown = format!("USER {v}");
            }
            "EXPOSE" => {
                let mut ports = Vec::new();
                for w in parser::split_words(&ins.args).map_err(bad)? {
                    let p = self.expand(state, &w, line)?;
                    let (num, proto) = p.split_once('/').unwrap_or((&p, "tcp"));
                    let ok = num.split('-').all(|x| x.parse::<u16>().is_ok()) && matches!(proto.to_ascii_lowercase().as_str(), "tcp" | "udp" | "sctp");
                    if !ok {
                        return Err(bad(format!("line {line}: EXPOSE: invalid port {p:?}")));
                    }
                    let key = format!("{num}/{}", proto.to_ascii_lowercase());
                    let e = state.cfg().entry("ExposedPorts").or_insert_with(|| json!({}));
                    if !e.is_object() {
                        *e = json!({});
                    }
                    e.as_object_mut().expect("object").insert(key.clone(), json!({}));
                    ports.push(key);
                }
                shown = format!("EXPOSE {}", ports.join(" "));
            }
            "VOLUME" => {
                let list = match parser::json_or_shell(ins).map_err(|e| bad(e.to_string()))? {
                    Some(v) => v,
                    None => parser::split_words(&ins.args).map_err(bad)?,
                };
                let mut vols = Vec::new();
                for w in list {
                    let v = self.expand(state, &w, line)?;
                    if v.is_empty() {
                        return Err(bad(format!("line {line}: VOLUME: empty path")));
                    }
                    let e = state.cfg().entry("Volumes").or_insert_with(|| json!({}));
                    if !e.is_object() {
                        *e = json!({});
                    }
                    e.as_object_mut().expect("object").insert(v.clone(), json!({}));
                    vols.push(v);
                }
                shown = format!("VOLUME {}", json!(vols));
            }
            "STOPSIGNAL" => {
                let v = self.expand(state, ins.args.trim(), line)?;
                super::container::parse_signal(&v).map_err(|_| bad(format!("line {line}: STOPSIGNAL: invalid signal {v:?}")))?;
                state.cfg().insert("StopSignal".into(), json!(v.clone()));
                shown = format!("STOPSIGNAL {v}");
            }
            "HEALTHCHECK" => {
                let a = ins.args.trim();
                let (first, rest) = a.split_once(char::is_whitespace).unwrap_or((a, ""));
                if first.eq_ignore_ascii_case("NONE") {
                    state.cfg().insert("Healthcheck".into(), json!({"Test": ["NONE"]}));
                } else {
                    let rest = rest.trim();
                    let test = match serde_json::from_str::<Vec<String>>(rest) {
                        Ok(v) => {
                            let mut t = vec!["CMD".to_string()];
                            t.extend(v);
                            t
                        }
                        Err(_) => vec!["CMD-SHELL".to_string(), rest.to_string()],
                    };
                    let mut hc = Map::new();
                    hc.insert("Test".into(), json!(test));
                    for f in &ins.flags {
                        let v = f.value.clone().unwrap_or_default();
                        let key = match f.name.as_str() {
                            "interval" => "Interval",
                            "timeout" => "Timeout",
                            "start-period" => "StartPeriod",
                            "start-interval" => "StartInterval",
                            "retries" => {
                                let n: u64 = v.parse().map_err(|_| bad(format!("line {line}: HEALTHCHECK --retries {v:?} is not a number")))?;
                                hc.insert("Retries".into(), json!(n));
                                continue;
                            }
                            _ => continue,
                        };
                        let ns = parse_duration_ns(&v).ok_or_else(|| bad(format!("line {line}: HEALTHCHECK --{} {v:?} is not a duration", f.name)))?;
                        hc.insert(key.into(), json!(ns));
                    }
                    state.cfg().insert("Healthcheck".into(), Value::Object(hc));
                }
                shown = format!("HEALTHCHECK {a}");
            }
            "ONBUILD" => {
                let v = ins.args.trim().to_string();
                let e = state.cfg().entry("OnBuild").or_insert_with(|| json!([]));
                if !e.is_array() {
                    *e = json!([]);
                }
                e.as_array_mut().expect("array").push(json!(v.clone()));
                shown = format!("ONBUILD {v}");
            }
            other => return Err(bad(format!("line {line}: {other} is not supported here"))),
        }
        Ok(shown)
    }

    /// `--label`, `--annotation` on the final image (a step of their own).
    fn finish(&mut self, state: &mut State) -> Result<()> {
        if self.o.labels.is_empty() && self.o.annotations.is_empty() {
            return Ok(());
        }
        let mut next = state.clone();
        for l in &self.o.labels {
            let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
            let labels = next.cfg().entry("Labels").or_insert_with(|| json!({}));
            if !labels.is_object() {
                *labels = json!({});
            }
            labels.as_object_mut().expect("object").insert(k.to_string(), json!(v));
        }
        let shown = format!("LABEL {} ANNOTATION {}", self.o.labels.join(" "), self.o.annotations.join(" "));
        let key = self.key(state, &shown, "");
        if let Some(img) = self.cached(&key) {
            return self.use_cached(state, &img, key);
        }
        self.commit(&mut next, shown, None, Some(&key))?;
        next.key = key;
        *state = next;
        Ok(())
    }

    fn mtime(&self) -> crate::storage::layer_writer::Mtime {
        match (self.o.timestamp, self.o.source_date_epoch) {
            (Some(t), _) => crate::storage::layer_writer::Mtime::Set(t),
            (None, Some(t)) => crate::storage::layer_writer::Mtime::Clamp(t),
            (None, None) => crate::storage::layer_writer::Mtime::Keep,
        }
    }

    /// Make `upper` (overlay form) a layer on top of `state` and commit the image.
    fn commit_upper(&mut self, state: &mut State, upper: &Path, created_by: String, key: &str) -> Result<()> {
        let opts = crate::storage::layer_writer::TarOptions { mtime: self.mtime(), ..Default::default() };
        let parent = state.layers.last().map(|l| l.chain.clone());
        let gc = self.gc.take().ok_or_else(|| anyhow!("the build lost its gc lock (internal error)"))?;
        let res = crate::storage::layer_writer::store_layer(&self.engine.store, &gc, upper, parent.as_ref(), &opts, self.engine.owners());
        self.gc = Some(gc);
        let new = res.context("storing the step's layer")?;
        let desc = LayerDesc {
            chain: new.record.chain_id.clone(),
            diff_id: new.blob.diff_id.clone(),
            digest: new.blob.digest.clone(),
            size: new.blob.size,
            media_type: "application/vnd.oci.image.layer.v1.tar+gzip".into(),
        };
        self.commit(state, created_by, Some(desc), Some(key))?;
        state.key = key.to_string();
        Ok(())
    }

    /// `--squash`: the stage's new layers become one; `--squash-all`: the
    /// whole file system becomes one layer (as Podman's). History entries
    /// of the squashed layers give way to one entry for the new layer.
    fn squash(&mut self, state: &mut State) -> Result<()> {
        let from = if self.o.squash_all { 0 } else { state.base.min(state.layers.len()) };
        if state.layers.len() - from <= 1 && !(self.o.squash_all && state.layers.len() > 1) {
            return Ok(()); // already one layer (or none) to squash
        }
        let store = self.engine.store.clone();
        let dirs: Vec<PathBuf> = state.layers[from..].iter().map(|l| store.layer_diff(&l.chain)).collect();
        let staging = store.stage()?;
        let merged = staging.diff();
        if from == 0 {
            crate::storage::vfs::assemble(&dirs, &merged).context("flattening the image's layers")?;
        } else {
            for d in &dirs {
                crate::storage::vfs::merge_layer(d, &merged).with_context(|| format!("merging layer {}", d.display()))?;
            }
        }
        let parent = from.checked_sub(1).map(|i| state.layers[i].chain.clone());
        let opts = crate::storage::layer_writer::TarOptions { mtime: self.mtime(), ..Default::default() };
        let gc = self.gc.take().ok_or_else(|| anyhow!("the build lost its gc lock (internal error)"))?;
        let res = crate::storage::layer_writer::store_layer(&store, &gc, &merged, parent.as_ref(), &opts, self.engine.owners());
        self.gc = Some(gc);
        drop(staging);
        let new = res.context("storing the squashed layer")?;
        let desc = LayerDesc {
            chain: new.record.chain_id.clone(),
            diff_id: new.blob.diff_id.clone(),
            digest: new.blob.digest.clone(),
            size: new.blob.size,
            media_type: "application/vnd.oci.image.layer.v1.tar+gzip".into(),
        };
        // History: what the kept layers had, then one entry for the new one.
        if let Some(h) = state.config.get_mut("history").and_then(Value::as_array_mut) {
            let mut layers_seen = 0;
            let cut = h
                .iter()
                .position(|e| {
                    let empty = e.get("empty_layer").and_then(Value::as_bool).unwrap_or(false);
                    if !empty {
                        layers_seen += 1;
                    }
                    !empty && layers_seen > from
                })
                .unwrap_or(h.len());
            h.truncate(if from == 0 { 0 } else { cut });
        }
        state.layers.truncate(from);
        let what = if self.o.squash_all { "--squash-all" } else { "--squash" };
        self.commit(state, format!("rpod build {what}"), Some(desc), None)
    }

    /// The stored image of `state` (a scratch stage gets an empty one first).
    fn ensure_image(&mut self, state: &mut State) -> Result<String> {
        if state.id.is_none() {
            self.commit(state, "FROM scratch".into(), None, None)?;
        }
        Ok(state.id.clone().expect("committed"))
    }

    fn run_step(&mut self, state: &mut State, ins: &Instruction, stage: usize) -> Result<()> {
        use crate::container::mounts::{MountKind, MountRequest};
        let line = ins.line;
        if let Some(f) = ins.flag("security") {
            return Err(bad(format!("line {line}: RUN --security={} is not supported by rpod", f.value.as_deref().unwrap_or(""))));
        }
        let network = match ins.flag("network").and_then(|f| f.value.clone()) {
            Some(n) if n == "default" => self.o.network.clone(),
            Some(n) => n,
            None => self.o.network.clone(),
        };
        // The command: exec form, or the shell with the script; heredocs are
        // handed to the shell as written (it expands them, as Docker's do).
        let argv: Vec<String> = match parser::json_or_shell(ins).map_err(|e| bad(e.to_string()))? {
            Some(v) if ins.heredocs.is_empty() => v,
            _ => {
                let mut script = ins.args.clone();
                let only_doc = ins.heredocs.len() == 1 && {
                    let a = ins.args.trim().trim_start_matches("<<").trim_start_matches('-');
                    a.trim_matches(|c| c == '"' || c == '\'') == ins.heredocs[0].name
                };
                if only_doc {
                    script = ins.heredocs[0].content.clone();
                } else {
                    for h in &ins.heredocs {
                        script.push('\n');
                        script.push_str(&h.content);
                        script.push_str(&h.name);
                    }
                }
                let mut v = state.shell.clone();
                v.push(script);
                v
            }
        };
        // Mounts: cache, bind (from the context or a stage), tmpfs, secret.
        let mut mounts = Vec::new();
        let mut shown_mounts = Vec::new();
        // Assembled roots of `bind,from=` sources: kept until the step ends.
        let mut from_roots: Vec<crate::storage::Staging> = Vec::new();
        // The ids of `from=` sources: a changed stage is a new key.
        let mut from_ids = String::new();
        for f in ins.flags.iter().filter(|f| f.name == "mount") {
            let raw = f.value.clone().unwrap_or_default();
            let raw = self.expand(state, &raw, line)?;
            let m = b::mount_options(&raw);
            let kind = m.get("type").map(String::as_str).unwrap_or("bind");
            let target = m.get("target").or_else(|| m.get("dst")).or_else(|| m.get("destination")).cloned();
            let ro = m.get("ro").or_else(|| m.get("readonly")).is_some_and(|v| v == "true");
            let abs_target = |t: Option<String>| -> Result<String> {
                let t = t.ok_or_else(|| bad(format!("line {line}: RUN --mount={raw}: target= is required")))?;
                Ok(if t.starts_with('/') { clean_abs(&t) } else { clean_abs(&format!("{}/{t}", state.workdir())) })
            };
            match kind {
                "cache" => {
                    if m.contains_key("from") {
                        return Err(bad(format!("line {line}: RUN --mount=type=cache,from= is not supported by rpod yet")));
                    }
                    let target = abs_target(target)?;
                    let id = m.get("id").cloned().unwrap_or_else(|| target.clone());
                    let dir = self.engine.store.root().join("build-cache-mounts").join(hex::encode(sha2::Sha256::digest(id.as_bytes())));
                    if !dir.exists() {
                        std::fs::create_dir_all(&dir).with_context(|| format!("creating the cache mount {}", dir.display()))?;
                        // Owner and mode as asked, in the container's ids (we are in rpod's user namespace).
                        let id_of = |k: &str| -> Result<Option<u32>> {
                            m.get(k).map(|v| v.parse::<u32>().map_err(|_| bad(format!("line {line}: RUN --mount={raw}: {k}={v} is not a number")))).transpose()
                        };
                        let (uid, gid) = (id_of("uid")?, id_of("gid")?);
                        if uid.is_some() || gid.is_some() {
                            nix::unistd::chown(&dir, uid.map(nix::unistd::Uid::from_raw), gid.map(nix::unistd::Gid::from_raw))
                                .with_context(|| format!("setting the owner of the cache mount {}", dir.display()))?;
                        }
                        if let Some(mode) = m.get("mode") {
                            let mode = u32::from_str_radix(mode, 8).map_err(|_| bad(format!("line {line}: RUN --mount={raw}: mode={mode} is not octal")))?;
                            std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(mode & 0o7777))
                                .with_context(|| format!("setting the mode of the cache mount {}", dir.display()))?;
                        }
                    }
                    let mut options = vec!["rbind".to_string()];
                    if ro {
                        options.push("ro".into());
                    }
                    mounts.push(MountRequest { kind: MountKind::Bind, source: dir.display().to_string(), destination: target, options, anonymous: false });
                }
                "tmpfs" => {
                    let target = abs_target(target)?;
                    let mut options = Vec::new();
                    if let Some(sz) = m.get("size").or_else(|| m.get("tmpfs-size")) {
                        options.push(format!("size={sz}"));
                    }
                    mounts.push(MountRequest { kind: MountKind::Tmpfs, source: String::new(), destination: target, options, anonymous: false });
                }
                "secret" => {
                    let id = m.get("id").cloned().or_else(|| target.as_ref().and_then(|t| t.rsplit('/').next().map(str::to_string)));
                    let id = id.ok_or_else(|| bad(format!("line {line}: RUN --mount=type=secret needs id=")))?;
                    let Some(src) = self.secrets.get(&id).cloned() else {
                        if m.get("required").is_some_and(|v| v == "true") {
                            return Err(bad(format!("line {line}: secret {id:?} is required: pass --secret id={id},src=PATH")));
                        }
                        continue;
                    };
                    let md = std::fs::metadata(&src).map_err(|e| bad(format!("--secret id={id}: {}: {e}", src.display())))?;
                    if !md.is_file() {
                        return Err(bad(format!("--secret id={id}: {} is not a regular file", src.display())));
                    }
                    let target = target.unwrap_or_else(|| format!("/run/secrets/{id}"));
                    let target = abs_target(Some(target))?;
                    mounts.push(MountRequest {
                        kind: MountKind::Bind,
                        source: src.display().to_string(),
                        destination: target,
                        options: vec!["ro".into(), "nosuid".into(), "nodev".into(), "noexec".into()],
                        anonymous: false,
                    });
                    // The secret's content is not part of the cache key (as in buildah): its name is.
                }
                "bind" => {
                    let target = abs_target(target)?;
                    let src = m.get("source").or_else(|| m.get("src")).cloned().unwrap_or_default();
                    let host = match m.get("from") {
                        // A stage or an image: its layers put together in a
                        // staging directory, `source` resolved inside it.
                        Some(from) => {
                            let (lowers, st) = self.copy_source(from, stage).map_err(|e| match e {
                                Error::BadInput(msg) => bad(format!("line {line}: RUN --mount={raw}: {}", msg.replace("COPY --from", "from"))),
                                e => e,
                            })?;
                            let staging = self.engine.store.stage()?;
                            let root = staging.dir.join("root");
                            let bottom_first: Vec<PathBuf> = lowers.into_iter().rev().collect();
                            crate::storage::vfs::assemble(&bottom_first, &root).with_context(|| format!("assembling the root of {from}"))?;
                            let real = resolve_in_root(&root, &src).map_err(|e| bad(format!("line {line}: RUN --mount={raw}: {e}")))?;
                            from_roots.push(staging);
                            from_ids.push_str(&format!("{from}={}\n", st.id.as_deref().unwrap_or(&st.key)));
                            real
                        }
                        None => self.ctx.resolve_dir_or_file(&src).map_err(|e| bad(format!("line {line}: RUN --mount={raw}: {e}")))?,
                    };
                    let options = vec!["rbind".to_string(), "ro".to_string()];
                    mounts.push(MountRequest { kind: MountKind::Bind, source: host.display().to_string(), destination: target, options, anonymous: false });
                }
                other => return Err(bad(format!("line {line}: RUN --mount=type={other} is not supported by rpod (cache, bind, tmpfs, secret)"))),
            }
            shown_mounts.push(raw);
        }
        let mount_targets: Vec<String> = mounts.iter().map(|m: &MountRequest| m.destination.clone()).collect();
        let mut what = format!("RUN {}", serde_json::to_string(&argv).unwrap_or_default());
        for m in &shown_mounts {
            what.push_str(&format!(" --mount={m}"));
        }
        what.push_str(&format!(" --network={network}"));
        let key = self.key(state, &what, &from_ids);
        if let Some(img) = self.cached(&key) {
            return self.use_cached(state, &img, key);
        }
        if state.layers.is_empty() {
            return Err(bad(format!("line {line}: RUN needs a base image with a shell: this stage has no layers (FROM scratch)")));
        }
        let image = self.ensure_image(state)?;
        // ARG values are the command's environment, not the image's (ENV wins).
        let cfg_env: HashSet<String> = state.env().iter().filter_map(|e| e.split_once('=').map(|(k, _)| k.to_string())).collect();
        let env: Vec<String> = state.args.iter().filter(|(k, _)| !cfg_env.contains(*k)).map(|(k, v)| format!("{k}={v}")).collect();
        let co = super::container::CreateOptions {
            start_now: true,
            image: image.clone(),
            // No added /etc/passwd line for a numeric USER (buildah adds none):
            // a RUN step sees and changes the image's own file.
            process: crate::container::spec::ProcessOptions {
                command: argv.clone(),
                entrypoint: Some(String::new()),
                env,
                no_passwd: true,
                ..Default::default()
            },
            network: network.clone(),
            mounts,
            labels: vec![("io.rpod.build".into(), "1".into())],
            ..Default::default()
        };
        let rec = super::container::create(self.engine, &co)?;
        let res = self.run_container(&rec);
        let res = res.and_then(|code| {
            if code != 0 {
                return Err(Error::Launch { code, message: format!("building at STEP \"{}\": exit status {code}", ins.display()) });
            }
            let upper = super::container::containers(self.engine)?.dir(&rec.id).join("diff");
            // Mount points the runtime made for this step are not content.
            let lowers: Vec<PathBuf> = state.layers.iter().map(|l| self.engine.store.layer_diff(&l.chain)).collect();
            let mut points: Vec<String> = mount_targets.clone();
            points.extend(["/etc/hosts", "/etc/hostname", "/etc/resolv.conf", "/run/.containerenv"].map(String::from));
            remove_mount_points(&upper, &lowers, &points);
            let shown = format!("/bin/sh -c {}", argv.last().cloned().unwrap_or_default());
            self.commit_upper(state, &upper, shown, &key)
        });
        // The build container never outlives its step.
        if let Err(e) = super::container::remove(self.engine, &rec.id, true) {
            tracing::warn!("removing build container {}: {e}", rec.id);
        }
        res
    }

    /// Start a RUN container attached, relay its output, return its exit code.
    fn run_container(&mut self, rec: &crate::container::ContainerRecord) -> Result<i32> {
        use crate::monitor::attach::{read_frame, Frame};
        let started = super::container::start_record(self.engine, rec, true)?;
        let mut sock = started.attach.ok_or_else(|| anyhow!("no attach socket for the build container"))?;
        let code = loop {
            match read_frame(&mut sock) {
                Ok((Frame::Stdout | Frame::Stderr, d)) => {
                    if !self.o.quiet {
                        (self.progress)(Progress::Output(&d));
                    }
                }
                Ok((Frame::Exit, d)) => break String::from_utf8_lossy(&d).trim().parse().unwrap_or(1),
                Ok((Frame::Error, d)) => {
                    let s = String::from_utf8_lossy(&d).into_owned();
                    let (code, msg) = s.split_once('\t').unwrap_or(("125", &s));
                    return Err(Error::Launch { code: code.parse().unwrap_or(125), message: msg.to_string() });
                }
                Ok(_) => {}
                Err(_) => return Err(anyhow!("lost the connection to the build container's monitor").into()),
            }
        };
        if let Some(m) = started.monitor {
            m.wait();
        }
        Ok(code)
    }

    /// The image a `--from` names: an earlier stage, or an image (pulled per --pull).
    fn copy_source(&mut self, from: &str, stage: usize) -> Result<(Vec<PathBuf>, State)> {
        let st = match self.file.stage_ref(from, stage) {
            Some(j) => {
                self.ensure_stage(j)?;
                self.done.get(&j).cloned().ok_or_else(|| anyhow!("stage {j} was not built"))?
            }
            None => {
                if self.file.stages.iter().any(|s| s.name.as_deref() == Some(from.to_ascii_lowercase().as_str())) {
                    return Err(bad(format!("COPY --from={from}: stage {from:?} is defined after this one")));
                }
                // A bare word is a stage name first: it is only looked up
                // locally, never pulled by a guess.
                let looks_like_image = from.contains('/') || from.contains(':') || from.contains('.');
                let found = if looks_like_image { self.base_image(from) } else { super::images::lookup(self.engine, from).map_err(Error::from) };
                match found {
                    Ok(img) => {
                        let config = super::images::config(self.engine, &img)?;
                        let layers = image_layers(self.engine, &img, &config)?;
                        let base = layers.len();
                        State { id: Some(img.id.clone()), config, layers, key: String::new(), args: BTreeMap::new(), shell: vec![], cmd_set: false, base }
                    }
                    Err(_) if !looks_like_image => return Err(bad(format!("COPY --from={from}: no stage or image named {from:?}"))),
                    Err(e) => return Err(e),
                }
            }
        };
        let lowers: Vec<PathBuf> = st.layers.iter().rev().map(|l| self.engine.store.layer_diff(&l.chain)).collect();
        Ok((lowers, st))
    }

    fn copy_step(&mut self, state: &mut State, ins: &Instruction, stage: usize) -> Result<()> {
        use crate::build::context::{Raw, TarOptions as CopyOpts};
        let line = ins.line;
        let is_add = ins.keyword == "ADD";
        let words = parser::paths(ins).map_err(|e| bad(format!("line {}: {}", e.line, e.message)))?;
        let words: Vec<String> = words.iter().map(|w| self.expand(state, w, line)).collect::<Result<_>>()?;
        let (dest_raw, srcs) = words.split_last().ok_or_else(|| bad(format!("line {line}: {} needs a destination", ins.keyword)))?;
        let flagv = |n: &str| ins.flag(n).and_then(|f| f.value.clone());
        let from = flagv("from").map(|v| self.expand(state, &v, line)).transpose()?;
        let excludes: Vec<String> = ins.flags.iter().filter(|f| f.name == "exclude").filter_map(|f| f.value.clone()).collect();
        let checksum = flagv("checksum");
        let mut opts = CopyOpts::default();
        if let Some(c) = flagv("chown") {
            let c = self.expand(state, &c, line)?;
            opts.owner = Some(self.owner_ids(state, &c).map_err(|e| bad(format!("line {line}: --chown={c}: {e}")))?);
        }
        if let Some(m) = flagv("chmod") {
            opts.mode =
                Some(u32::from_str_radix(&m, 8).ok().filter(|m| *m <= 0o7777).ok_or_else(|| bad(format!("line {line}: --chmod={m}: not an octal mode")))?);
        }
        let dest = if dest_raw.starts_with('/') { dest_raw.clone() } else { format!("{}/{}", state.workdir().trim_end_matches('/'), dest_raw) };
        let dest_is_dir = dest_raw.ends_with('/') || dest_raw == "." || srcs.len() > 1;
        let scratch = self.engine.store.stage()?;
        let tar_path = scratch.dir.join("copy.tar");
        let file = std::fs::File::create(&tar_path).with_context(|| format!("creating {}", tar_path.display()))?;
        let mut w = TarWriter::new(std::io::BufWriter::new(file), opts);
        let extra = crate::build::ignore::Ignore::default().with(&excludes);
        let mut single_file: Option<String> = None;
        let mut count_sources = 0;
        let mut any_dir = false;
        let mut docs_done = HashSet::new();
        for src in srcs {
            // A heredoc source: a file named after it.
            if let Some(name) = src.strip_prefix("<<").map(|n| n.trim_start_matches('-').trim_matches(|c| c == '"' || c == '\'')) {
                if let Some(h) = ins.heredocs.iter().find(|h| h.name == name && !docs_done.contains(&h.name)) {
                    docs_done.insert(h.name.clone());
                    let content = if h.quoted { h.content.clone() } else { self.expand(state, &h.content, line).unwrap_or_else(|_| h.content.clone()) };
                    let mtime = self.o.timestamp.unwrap_or(0).max(0) as u64;
                    w.add_raw(&h.name, Raw::File(&mut content.as_bytes(), content.len() as u64), 0o644, (0, 0), mtime).map_err(bad)?;
                    count_sources += 1;
                    single_file = Some(h.name.clone());
                    continue;
                }
            }
            if is_add && (src.starts_with("http://") || src.starts_with("https://")) {
                let name = self.add_url(src, checksum.as_deref(), &mut w).map_err(|e| bad(format!("line {line}: ADD {src}: {e}")))?;
                count_sources += 1;
                single_file = Some(name);
                continue;
            }
            if checksum.is_some() {
                return Err(bad(format!("line {line}: ADD --checksum is only for remote URLs")));
            }
            if let Some(from) = &from {
                let (lowers, _) = self.copy_source(from, stage)?;
                let before = w.count;
                let matches = self.copy_from_layers(lowers, src, &extra, &mut w, &scratch).map_err(|e| match e {
                    Error::BadInput(m) => bad(format!("line {line}: COPY --from={from}: {m}")),
                    e => e,
                })?;
                if w.count == before && matches.iter().all(Option::is_some) {
                    return Err(bad(format!("line {line}: COPY --from={from}: {src}: no such file or directory")));
                }
                count_sources += matches.len();
                for m in matches {
                    match m {
                        None => any_dir = true,
                        Some(name) => single_file = Some(name),
                    }
                }
                continue;
            }
            if self.ctx.dir.is_none() {
                return Err(bad(format!("line {line}: {} {src}: there is no build context (the Containerfile came from standard input)", ins.keyword)));
            }
            let matches = self.ctx.expand_source(src).map_err(|e| bad(format!("line {line}: {} {src}: {e}", ins.keyword)))?;
            count_sources += matches.len();
            for rel in matches {
                if is_add {
                    if let Some(done) = self.add_archive(&rel, &mut w).map_err(|e| bad(format!("line {line}: ADD {rel}: {e}")))? {
                        any_dir |= done;
                        continue;
                    }
                }
                let is_dir = self.ctx.walk(&rel, None, &extra, &mut |item| w.add(item)).map_err(|e| bad(format!("line {line}: {} {rel}: {e}", ins.keyword)))?;
                any_dir |= is_dir;
                if !is_dir {
                    single_file = Some(rel.rsplit('/').next().unwrap_or(&rel).to_string());
                }
            }
        }
        let (bw, hash) = w.finish().map_err(bad)?;
        drop(bw);
        let rename = (!dest_is_dir && count_sources == 1 && !any_dir).then(|| single_file.clone()).flatten();
        let mut shown = ins.display();
        shown = format!("{shown} # dest={dest}");
        let key = self.key(state, &shown, &hash);
        if let Some(img) = self.cached(&key) {
            return self.use_cached(state, &img, key);
        }
        // Unpack into a fresh upper directory over the image, inside its root.
        let lowers: Vec<PathBuf> = state.layers.iter().rev().map(|l| self.engine.store.layer_diff(&l.chain)).collect();
        let upper = scratch.dir.join("upper");
        std::fs::create_dir_all(&upper).with_context(|| format!("creating {}", upper.display()))?;
        let tar = std::fs::File::open(&tar_path).with_context(|| format!("opening {}", tar_path.display()))?;
        let dest_c = dest.clone();
        super::cp::in_layers(self.engine, lowers, &upper, &scratch.dir.join("ovl"), move || unpack_copy(tar, &dest_c, rename.as_deref())).map_err(
            |e| match e {
                Error::BadInput(m) => bad(format!("line {line}: {}: {m}", ins.keyword)),
                e => e,
            },
        )?;
        self.commit_upper(state, &upper, format!("/bin/sh -c #(nop) {} {hash} in {dest}", ins.keyword), &key)
    }

    /// `--chown` value to ids, names looked up in the image's /etc/passwd and /etc/group.
    fn owner_ids(&self, state: &State, spec: &str) -> std::result::Result<(u32, u32), String> {
        let (u, g) = spec.split_once(':').map(|(u, g)| (u, Some(g))).unwrap_or((spec, None));
        let layers: Vec<PathBuf> = state.layers.iter().map(|l| self.engine.store.layer_diff(&l.chain)).collect();
        let lookup = |file: &str, name: &str| -> std::result::Result<(u32, Option<u32>), String> {
            if let Ok(n) = name.parse::<u32>() {
                return Ok((n, None));
            }
            let text = crate::storage::layered::read_text(&layers, file).map_err(|e| e.to_string())?.unwrap_or_default();
            for l in text.lines() {
                let f: Vec<&str> = l.split(':').collect();
                if f.len() >= 4 && f[0] == name {
                    let id = f[2].parse().map_err(|_| format!("bad entry for {name} in {file}"))?;
                    return Ok((id, f[3].parse().ok()));
                }
            }
            Err(format!("no {name:?} in the image's {file}"))
        };
        let (uid, primary) = lookup("/etc/passwd", u)?;
        let gid = match g {
            Some(g) => lookup("/etc/group", g)?.0,
            None => primary.unwrap_or(uid),
        };
        Ok((uid, gid))
    }

    /// ADD of a local archive: its entries go under the destination.
    /// `Ok(None)`: not an archive (copied as a file).
    fn add_archive<W: std::io::Write>(&self, rel: &str, w: &mut TarWriter<W>) -> std::result::Result<Option<bool>, String> {
        use std::io::Read;
        let mut head = Vec::new();
        let mut found_file = None;
        self.ctx.walk(rel, Some("x"), &crate::build::ignore::Ignore::default(), &mut |item| {
            if let ItemKind::File(f) = item.kind {
                found_file = Some(f);
            }
            Ok(())
        })?;
        let Some(mut f) = found_file else { return Ok(None) };
        (&mut f).take(512).read_to_end(&mut head).map_err(|e| e.to_string())?;
        use crate::build::context::{decompress, Compression};
        let comp = Compression::detect(&head);
        let is_tar = head.len() >= 262 && &head[257..262] == b"ustar";
        if comp == Compression::Plain && !is_tar {
            return Ok(None);
        }
        use std::io::Seek;
        f.seek(std::io::SeekFrom::Start(0)).map_err(|e| e.to_string())?;
        let cap = self.o.max_unpacked.unwrap_or(crate::build::context::DEFAULT_MAX_UNPACKED);
        let reader = decompress(comp, std::io::BufReader::new(f), cap)?;
        self.add_entries(reader, w).map(|()| Some(true)).map_err(|e| match e.find("the archive ") {
            // A bomb: the cap's own line, not the tar reader's wrapping of it.
            Some(i) if crate::build::context::is_expansion_error(&e) => e[i..].to_string(),
            _ => e,
        })
    }

    /// The entries of an ADD archive, under the destination (`..` refused).
    fn add_entries<W: std::io::Write>(&self, reader: Box<dyn std::io::Read + '_>, w: &mut TarWriter<W>) -> std::result::Result<(), String> {
        use crate::build::context::Raw;
        let mut a = tar::Archive::new(reader);
        for e in a.entries().map_err(|e| e.to_string())? {
            let mut e = e.map_err(|e| e.to_string())?;
            let path = e.path().map_err(|e| e.to_string())?.to_string_lossy().into_owned();
            let clean: Vec<&str> = path.split('/').filter(|c| !c.is_empty() && *c != ".").collect();
            if clean.contains(&"..") {
                return Err(format!("archive entry {path:?} climbs out with .."));
            }
            let name = clean.join("/");
            if name.is_empty() {
                continue;
            }
            let h = e.header().clone();
            let mode = h.mode().unwrap_or(0o644);
            let owner = (h.uid().unwrap_or(0) as u32, h.gid().unwrap_or(0) as u32);
            let mtime = h.mtime().unwrap_or(0);
            match h.entry_type() {
                tar::EntryType::Directory => w.add_raw(&name, Raw::Dir, mode, owner, mtime)?,
                tar::EntryType::Symlink => {
                    let t = e.link_name().map_err(|e| e.to_string())?.map(|t| t.to_string_lossy().into_owned()).unwrap_or_default();
                    w.add_raw(&name, Raw::Symlink(&t), mode, owner, mtime)?
                }
                tar::EntryType::Link => {
                    let t = e.link_name().map_err(|e| e.to_string())?.map(|t| t.to_string_lossy().into_owned()).unwrap_or_default();
                    let t: Vec<&str> = t.split('/').filter(|c| !c.is_empty() && *c != ".").collect();
                    if t.contains(&"..") {
                        return Err(format!("archive hard link {name:?} climbs out with .."));
                    }
                    w.add_raw(&name, Raw::Hardlink(&t.join("/")), mode, owner, mtime)?
                }
                tar::EntryType::Regular | tar::EntryType::Continuous => {
                    let size = h.size().unwrap_or(0);
                    w.add_raw(&name, Raw::File(&mut e, size), mode, owner, mtime)?
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// ADD of a remote file: fetched (no cache: its content is hashed), checked against --checksum.
    fn add_url<W: std::io::Write>(&self, url: &str, checksum: Option<&str>, w: &mut TarWriter<W>) -> std::result::Result<String, String> {
        use crate::build::context::Raw;
        const CAP: usize = 1 << 30;
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
        crate::image::tls_init();
        let data = rt.block_on(async {
            let resp = reqwest::get(url).await.map_err(|e| e.to_string())?;
            if !resp.status().is_success() {
                return Err(format!("HTTP {}", resp.status()));
            }
            let mut out = Vec::new();
            let mut resp = resp;
            while let Some(chunk) = resp.chunk().await.map_err(|e| e.to_string())? {
                out.extend_from_slice(&chunk);
                if out.len() > CAP {
                    return Err(format!("larger than {CAP} bytes"));
                }
            }
            Ok(out)
        })?;
        // Its threads must be gone before the next fork (the copy helper checks).
        rt.shutdown_timeout(std::time::Duration::from_secs(5));
        if let Some(c) = checksum {
            let want = c.strip_prefix("sha256:").ok_or_else(|| format!("--checksum={c}: only sha256:HEX is supported"))?;
            let got = hex::encode(sha2::Sha256::digest(&data));
            if got != want.to_ascii_lowercase() {
                return Err(format!("checksum mismatch: expected sha256:{want}, got sha256:{got}"));
            }
        }
        let name = url.split(['?', '#']).next().unwrap_or(url).rsplit('/').find(|c| !c.is_empty()).unwrap_or("index.html").to_string();
        let mtime = self.o.timestamp.unwrap_or(0).max(0) as u64;
        w.add_raw(&name, Raw::File(&mut &data[..], data.len() as u64), 0o600, (0, 0), mtime)?;
        Ok(name)
    }

    /// COPY --from: pack `src` (a path or a glob) inside the source image's
    /// root (resolved there, links followed only inside it) and add its
    /// entries but those `--exclude` names (matched against the path under
    /// the destination, as BuildKit does); returns one item per match:
    /// `None` for a directory (its content was added), the name of a file.
    fn copy_from_layers<W: std::io::Write>(
        &mut self,
        lowers: Vec<PathBuf>,
        src: &str,
        exclude: &crate::build::ignore::Ignore,
        w: &mut TarWriter<W>,
        scratch: &crate::storage::Staging,
    ) -> Result<Vec<Option<String>>> {
        use crate::build::context::Raw;
        let base = scratch.dir.join(crate::storage::atomic::unique_name("from-"));
        let upper = base.join("u");
        std::fs::create_dir_all(&upper).with_context(|| format!("creating {}", upper.display()))?;
        let (out_path, kind_path) = (base.join("out.tar"), base.join("kind"));
        let out = std::fs::File::create(&out_path).with_context(|| format!("creating {}", out_path.display()))?;
        let kind = std::fs::File::create(&kind_path).with_context(|| format!("creating {}", kind_path.display()))?;
        let src_abs = clean_abs(src);
        super::cp::in_layers(self.engine, lowers, &upper, &base.join("o"), move || pack_path(&src_abs, out, kind))?;
        let matches: Vec<Option<String>> =
            std::fs::read_to_string(&kind_path).unwrap_or_default().lines().map(|l| l.strip_prefix("file\t").map(str::to_string)).collect();
        let f = std::fs::File::open(&out_path).with_context(|| format!("opening {}", out_path.display()))?;
        let mut a = tar::Archive::new(std::io::BufReader::new(f));
        for e in a.entries().context("reading the --from archive")? {
            let mut e = e.context("reading the --from archive")?;
            let path = e.path().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
            let h = e.header().clone();
            let mode = h.mode().unwrap_or(0o644);
            let owner = (h.uid().unwrap_or(0) as u32, h.gid().unwrap_or(0) as u32);
            let mtime = h.mtime().unwrap_or(0);
            let name = path.trim_start_matches("./").trim_end_matches('/').to_string();
            if name.is_empty() || name == "." || exclude.excluded(&name) {
                continue;
            }
            match h.entry_type() {
                tar::EntryType::Directory => w.add_raw(&name, Raw::Dir, mode, owner, mtime),
                tar::EntryType::Symlink => {
                    let t = e.link_name().ok().flatten().map(|t| t.to_string_lossy().into_owned()).unwrap_or_default();
                    w.add_raw(&name, Raw::Symlink(&t), mode, owner, mtime)
                }
                tar::EntryType::Link => {
                    let t = e.link_name().ok().flatten().map(|t| t.to_string_lossy().trim_start_matches("./").to_string()).unwrap_or_default();
                    if exclude.excluded(&t) {
                        continue; // its target was left out: so is the link
                    }
                    w.add_raw(&name, Raw::Hardlink(&t), mode, owner, mtime)
                }
                tar::EntryType::Regular => {
                    let size = h.size().unwrap_or(0);
                    w.add_raw(&name, Raw::File(&mut e, size), mode, owner, mtime)
                }
                _ => Ok(()),
            }
            .map_err(bad)?;
        }
        Ok(matches)
    }

    /// Store `state` as an image: its config gains a history entry (and
    /// `layer` when the step made one); the cache records it under `key`.
    fn commit(&mut self, state: &mut State, created_by: String, layer: Option<LayerDesc>, key: Option<&str>) -> Result<()> {
        let parent = state.id.clone();
        let empty = layer.is_none();
        if let Some(l) = layer {
            state.layers.push(l);
        }
        let fmt_docker = self.o.format == "docker";
        let arch = crate::image::platform::go_arch(std::env::consts::ARCH).to_string();
        let cfg = state.config.as_object_mut().expect("object");
        cfg.insert("created".into(), json!(self.created));
        cfg.entry("architecture").or_insert_with(|| json!(arch));
        cfg.entry("os").or_insert_with(|| json!("linux"));
        cfg.insert("rootfs".into(), json!({"type": "layers", "diff_ids": state.layers.iter().map(|l| l.diff_id.as_str()).collect::<Vec<_>>()}));
        if self.o.omit_history {
            cfg.remove("history");
        } else {
            let h = cfg.entry("history").or_insert_with(|| json!([]));
            if !h.is_array() {
                *h = json!([]);
            }
            let mut e = json!({"created": self.created, "created_by": format!("/bin/sh -c #(nop) {created_by}")});
            if !empty {
                e["created_by"] = json!(created_by);
            } else {
                e["empty_layer"] = json!(true);
            }
            h.as_array_mut().expect("array").push(e);
        }
        let config = serde_json::to_vec(&state.config).context("serialising the image config")?;
        let config_digest = Digest::of(&config);
        let (mt_manifest, mt_config) = if fmt_docker {
            ("application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.container.image.v1+json")
        } else {
            ("application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.config.v1+json")
        };
        let mut manifest = json!({
            "schemaVersion": 2,
            "mediaType": mt_manifest,
            "config": {"mediaType": mt_config, "digest": config_digest.as_str(), "size": config.len()},
            "layers": state.layers.iter().map(|l| json!({"mediaType": layer_media_type(&l.media_type, fmt_docker), "digest": l.digest.as_str(), "size": l.size})).collect::<Vec<_>>(),
        });
        if !self.o.annotations.is_empty() {
            let mut a = Map::new();
            for an in &self.o.annotations {
                let (k, v) = an.split_once('=').unwrap_or((an.as_str(), ""));
                a.insert(k.to_string(), json!(v));
            }
            manifest["annotations"] = Value::Object(a);
        }
        let manifest = serde_json::to_vec(&manifest).context("serialising the manifest")?;
        let digest = Digest::of(&manifest);
        let id = config_digest.hex().to_string();
        let store = &self.engine.store;
        store.write_image_data(&id, &config, &digest, &manifest)?;
        let chains: Vec<Digest> = state.layers.iter().map(|l| l.chain.clone()).collect();
        let mut size = 0;
        for c in &chains {
            size += store.layer(c).map(|r| r.uncompressed_size).unwrap_or(0);
        }
        let record = ImageRecord {
            id: id.clone(),
            names: vec![],
            repo_digests: vec![],
            digest,
            manifest_media_type: mt_manifest.into(),
            layers: chains,
            created: Some(self.created.clone()),
            stored: now_rfc3339(),
            size,
            architecture: arch,
            os: "linux".into(),
        };
        store.update_images(|imgs| {
            if !imgs.iter().any(|i| i.id == id) {
                imgs.push(record);
            }
            Ok(())
        })?;
        if let Some(k) = key {
            if self.o.layers {
                cache_put(self.engine, k, &id, parent.as_deref())?;
            }
        }
        self.made.push(id.clone());
        state.id = Some(id.clone());
        let l = format!("--> {}", &id[..12]);
        self.line(&l);
        Ok(())
    }
}

fn layer_media_type(mt: &str, docker: bool) -> String {
    if !docker {
        return mt.replace("application/vnd.docker.image.rootfs.diff.tar.gzip", "application/vnd.oci.image.layer.v1.tar+gzip");
    }
    match mt {
        "application/vnd.oci.image.layer.v1.tar+gzip" => "application/vnd.docker.image.rootfs.diff.tar.gzip".into(),
        m => m.to_string(),
    }
}

/// An image's layers as manifest descriptors plus chain and diff ids.
fn image_layers(engine: &Engine, img: &ImageRecord, config: &Value) -> Result<Vec<LayerDesc>> {
    let manifest: Value = engine.store.image_manifest(&img.id, &img.digest).ok().and_then(|m| serde_json::from_slice(&m).ok()).unwrap_or(Value::Null);
    let descs = manifest.get("layers").and_then(Value::as_array).cloned().unwrap_or_default();
    let diff_ids: Vec<Digest> = config
        .pointer("/rootfs/diff_ids")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str().and_then(|s| s.parse().ok())).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for (n, chain) in img.layers.iter().enumerate() {
        let rec = engine.store.layer(chain).ok();
        let diff_id = diff_ids
            .get(n)
            .cloned()
            .or_else(|| rec.as_ref().map(|r| r.diff_id.clone()))
            .ok_or_else(|| anyhow!("image {} lacks the diff id of layer {n}", img.id))?;
        let d = descs.get(n);
        let digest = d.and_then(|d| d.get("digest")).and_then(Value::as_str).and_then(|s| s.parse().ok()).unwrap_or_else(|| diff_id.clone());
        let size = d.and_then(|d| d.get("size")).and_then(Value::as_u64).unwrap_or(0);
        let media_type = d.and_then(|d| d.get("mediaType")).and_then(Value::as_str).unwrap_or("application/vnd.oci.image.layer.v1.tar").to_string();
        out.push(LayerDesc { chain: chain.clone(), diff_id, digest, size, media_type });
    }
    Ok(out)
}

/// Remove from a RUN step's upper directory the empty files and
/// directories the runtime made as mount points (`targets`) where the image
/// had nothing, and the parents made for them. The upper directory is the
/// container's to shape: every lookup is `openat2(RESOLVE_BENEATH |
/// RESOLVE_NO_SYMLINKS)`, so a symlink planted there stops the clean-up
/// instead of redirecting it to a host path.
fn remove_mount_points(upper: &Path, lowers: &[PathBuf], targets: &[String]) {
    use nix::fcntl::{OFlag, OpenHow, ResolveFlag};
    let Ok(root) = nix::fcntl::open(upper, OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, nix::sys::stat::Mode::empty()) else { return };
    for t in targets {
        let comps: Vec<&str> = t.split('/').filter(|c| !c.is_empty() && *c != "." && *c != "..").collect();
        for n in (1..=comps.len()).rev() {
            let rel = comps[..n].join("/");
            // The image has it: a mount over it left nothing behind; stop.
            if lowers.iter().any(|l| std::fs::symlink_metadata(l.join(&rel)).is_ok()) {
                break;
            }
            let parent = comps[..n - 1].join("/");
            let how = OpenHow::new()
                .flags(OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC)
                .resolve(ResolveFlag::RESOLVE_BENEATH | ResolveFlag::RESOLVE_NO_SYMLINKS | ResolveFlag::RESOLVE_NO_MAGICLINKS);
            let Ok(dir) = crate::runtime::resolve::openat2(&root, if parent.is_empty() { "." } else { parent.as_str() }, how) else { break };
            let name = comps[n - 1];
            let Ok(st) = nix::sys::stat::fstatat(&dir, name, nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW) else { break };
            let how = match st.st_mode & libc::S_IFMT {
                libc::S_IFDIR => nix::unistd::UnlinkatFlags::RemoveDir,
                libc::S_IFREG if st.st_size == 0 => nix::unistd::UnlinkatFlags::NoRemoveDir,
                _ => break,
            };
            // A non-empty directory (the step wrote into it) stays.
            if nix::unistd::unlinkat(&dir, name, how).is_err() {
                break;
            }
        }
    }
}

/// In a COPY helper (root: the image's): unpack the step's archive at
/// `dest`, or as `dest` itself when `rename` names the one file copied and
/// `dest` is not a directory. Paths resolve inside this root (`chroot`).
fn unpack_copy(tar: std::fs::File, dest: &str, rename: Option<&str>) -> anyhow::Result<()> {
    nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o022));
    let d = Path::new(dest);
    let into_dir = rename.is_none() || dest.ends_with('/') || d.is_dir();
    let mut a = tar::Archive::new(std::io::BufReader::new(tar));
    a.set_preserve_permissions(true);
    a.set_preserve_ownerships(true);
    a.set_preserve_mtime(true);
    a.set_overwrite(true);
    if into_dir {
        std::fs::create_dir_all(d).with_context(|| format!("creating {dest}"))?;
        a.unpack(d).with_context(|| format!("copying into {dest}"))?;
    } else {
        if let Some(p) = d.parent() {
            std::fs::create_dir_all(p).with_context(|| format!("creating {}", p.display()))?;
        }
        for e in a.entries()? {
            let mut e = e?;
            if std::fs::symlink_metadata(d).is_ok_and(|m| !m.is_dir()) {
                std::fs::remove_file(d).with_context(|| format!("replacing {dest}"))?;
            }
            e.unpack(d).with_context(|| format!("copying to {dest}"))?;
        }
    }
    Ok(())
}

/// In a COPY --from helper (root: the source image's, entered with
/// `chroot`, so every path and link below resolves inside it): archive
/// `src` or each match of it as a glob to `out` (a directory's content, a
/// file under its name) and say what each was in `kind`: one line per
/// match, `dir` or `file<TAB>NAME`.
fn pack_path(src: &str, out: std::fs::File, mut kind: std::fs::File) -> anyhow::Result<()> {
    use std::io::Write;
    let mut b = tar::Builder::new(std::io::BufWriter::new(out));
    b.follow_symlinks(false);
    b.mode(tar::HeaderMode::Complete);
    for path in expand_in_root(src)? {
        let real = std::fs::canonicalize(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => anyhow!("{path}: no such file or directory"),
            _ => anyhow!("{path}: {e}"),
        })?;
        let md = std::fs::metadata(&real).with_context(|| format!("reading {path}"))?;
        if md.is_dir() {
            kind.write_all(b"dir\n")?;
            b.append_dir_all(".", &real).with_context(|| format!("archiving {path}"))?;
        } else if md.is_file() {
            // Named as the source names it (a link's name, not its target's).
            let name = Path::new(&path).file_name().or(real.file_name()).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("file"));
            writeln!(kind, "file\t{}", name.to_string_lossy())?;
            b.append_path_with_name(&real, name).with_context(|| format!("archiving {path}"))?;
        } else {
            anyhow::bail!("{path} is not a regular file or directory");
        }
    }
    b.into_inner().context("finishing the archive")?.flush()?;
    Ok(())
}

/// In a COPY --from helper: the absolute paths `src` names, its glob
/// components (`*`, `?`, `[...]`, Go's filepath.Match rules, one path
/// component each) matched against the directories of this root. A literal
/// path is returned as it is (its absence is reported when it is opened).
fn expand_in_root(src: &str) -> anyhow::Result<Vec<String>> {
    let clean = clean_abs(src);
    let is_glob = |c: &str| c.contains(['*', '?', '[']);
    let comps: Vec<&str> = clean.split('/').filter(|c| !c.is_empty()).collect();
    if !comps.iter().any(|c| is_glob(c)) {
        return Ok(vec![clean]);
    }
    let mut found = vec![String::new()];
    for c in comps {
        let mut next = Vec::new();
        for base in &found {
            if !is_glob(c) {
                next.push(format!("{base}/{c}"));
                continue;
            }
            let Ok(rd) = std::fs::read_dir(if base.is_empty() { "/" } else { base }) else { continue };
            let mut names: Vec<String> =
                rd.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| crate::build::ignore::glob(c, n)).collect();
            names.sort();
            next.extend(names.into_iter().map(|n| format!("{base}/{n}")));
        }
        found = next;
    }
    found.retain(|p| std::fs::metadata(p).is_ok());
    if found.is_empty() {
        anyhow::bail!("no source files were specified: {src:?} matches nothing in the source image");
    }
    Ok(found)
}

/// `rel` resolved inside `root` as if `root` were `/` (`openat2` with
/// `RESOLVE_IN_ROOT`: `..` and absolute links stay inside; magic links
/// refused), as the real host path, checked to lie under `root`.
fn resolve_in_root(root: &Path, rel: &str) -> std::result::Result<PathBuf, String> {
    use nix::fcntl::{OFlag, OpenHow, ResolveFlag};
    let dir = nix::fcntl::open(root, OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC, nix::sys::stat::Mode::empty()).map_err(|e| e.to_string())?;
    let rel = if rel.trim_matches('/').is_empty() { "." } else { rel.trim_start_matches('/') };
    let how = OpenHow::new().flags(OFlag::O_PATH | OFlag::O_CLOEXEC).resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS);
    let fd = crate::runtime::resolve::openat2(&dir, rel, how).map_err(|e| format!("source={rel}: {e}"))?;
    let real = std::fs::read_link(format!("/proc/self/fd/{}", std::os::fd::AsRawFd::as_raw_fd(&fd))).map_err(|e| e.to_string())?;
    let base = std::fs::canonicalize(root).map_err(|e| e.to_string())?;
    if !real.starts_with(&base) {
        return Err(format!("source={rel} resolves outside the source's root"));
    }
    Ok(real)
}

/// `/a/./b/../c` → `/a/c`.
fn clean_abs(p: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    format!("/{}", out.join("/"))
}

/// Go durations as HEALTHCHECK takes them (`30s`, `1m30s`, `500ms`) in ns.
fn parse_duration_ns(s: &str) -> Option<u64> {
    let mut total: f64 = 0.0;
    let mut num = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    if s.is_empty() {
        return None;
    }
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            i += 1;
            continue;
        }
        let mut unit = String::new();
        while i < chars.len() && !chars[i].is_ascii_digit() {
            unit.push(chars[i]);
            i += 1;
        }
        let n: f64 = num.parse().ok()?;
        num.clear();
        total += n * match unit.as_str() {
            "ns" => 1.0,
            "us" | "µs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
    }
    if !num.is_empty() {
        return None;
    }
    Some(total as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_paths() {
        assert_eq!(parse_duration_ns("30s"), Some(30_000_000_000));
        assert_eq!(parse_duration_ns("1m30s"), Some(90_000_000_000));
        assert_eq!(parse_duration_ns("500ms"), Some(500_000_000));
        assert_eq!(parse_duration_ns("5"), None);
        assert_eq!(clean_abs("/a/./b/../c/"), "/a/c");
        assert!(host_platform_ok(&format!("linux/{}", crate::image::platform::go_arch(std::env::consts::ARCH))));
        assert!(!host_platform_ok("linux/s390x-nope"));
    }
}

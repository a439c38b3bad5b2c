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
use crate::build::context::Context;
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
    pub omit_history: bool,
    /// Where RUN output and step lines go.
    pub quiet: bool,
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
    #[allow(dead_code)] // read by COPY and ADD (next change)
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
    #[allow(dead_code)] // read by RUN --mount=type=secret (next change)
    secrets: BTreeMap<String, PathBuf>,
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
fn containerfile_text(o: &BuildOptions) -> Result<(String, String)> {
    if let Some(t) = &o.file_text {
        return Ok((t.clone(), "Containerfile".into()));
    }
    let path = match &o.file {
        Some(f) => {
            // A relative -f is taken from the working directory, else from the context.
            if f.is_absolute() || f.exists() {
                f.clone()
            } else {
                Path::new(o.context.as_deref().unwrap_or(".")).join(f)
            }
        }
        None => {
            let dir = Path::new(o.context.as_deref().unwrap_or("."));
            let c = dir.join("Containerfile");
            if c.exists() {
                c
            } else {
                let d = dir.join("Dockerfile");
                if !d.exists() {
                    return Err(bad(format!("no Containerfile or Dockerfile in {} (use -f)", dir.display())));
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
    if o.squash || o.squash_all {
        return Err(bad("--squash and --squash-all are not supported by rpod yet"));
    }
    // The context first: a missing one is the most likely mistake.
    let scratch = engine.paths.runroot.join("build");
    std::fs::create_dir_all(&scratch).with_context(|| format!("creating {}", scratch.display()))?;
    let ctx = match &o.context {
        Some(c) => Context::open(c, &scratch).map_err(bad)?,
        None => Context::none(),
    };
    let (text, fname) = containerfile_text(o)?;
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
    let created = match o.timestamp {
        Some(t) => {
            chrono::DateTime::from_timestamp(t, 0).ok_or_else(|| bad(format!("invalid --timestamp {t}")))?.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        }
        None => now_rfc3339(),
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
    };
    let res = bld.run();
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
    res
}

impl Build<'_> {
    fn line(&mut self, s: &str) {
        (self.progress)(Progress::Line(s));
    }

    fn run(&mut self) -> Result<Built> {
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
        for (n, &i) in needed.iter().enumerate() {
            let prefix = if multi { format!("[{}/{}] ", n + 1, needed.len()) } else { String::new() };
            let state = self.stage(i, &bases[i], &prefix, i == target)?;
            self.done.insert(i, state);
        }
        for k in self.given.keys() {
            if !self.used_args.contains(k) {
                tracing::warn!("build argument {k:?} is not used by the Containerfile");
            }
        }
        let fin = self.done.remove(&target).expect("target built");
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

    /// Stage i's FROM image after expansion with the global ARGs; a
    /// variable that is not set is one clear error.
    fn expand_from(&mut self, i: usize) -> Result<String> {
        let st = &self.file.stages[i];
        let raw = st.base().to_string();
        let line = st.from.line;
        let global = self.global.clone();
        let missing = std::cell::RefCell::new(Vec::new());
        let v = shell::expand(&raw, &|n| {
            let r = global.get(n).cloned();
            if r.is_none() {
                missing.borrow_mut().push(n.to_string());
            }
            r
        })
        .map_err(|e| bad(format!("line {line}: FROM {raw}: {e}")))?;
        if v.is_empty() || !missing.borrow().is_empty() && v.trim().is_empty() {
            let m = missing.borrow().join(", ");
            return Err(bad(format!("line {line}: FROM {raw}: the base image name is empty: build argument {m} is not set (declare it with ARG before FROM and pass --build-arg {m}=...)")));
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
            let s = self.done.get(&j).cloned().ok_or_else(|| anyhow!("stage {j} was not built"))?;
            return Ok(State { args: BTreeMap::new(), cmd_set: false, ..s });
        }
        if base.eq_ignore_ascii_case("scratch") {
            let arch = crate::image::platform::go_arch(std::env::consts::ARCH);
            let config = json!({"architecture": arch, "os": "linux", "config": {}, "rootfs": {"type": "layers", "diff_ids": []}});
            return Ok(State { id: None, config, layers: vec![], key: "scratch".into(), args: BTreeMap::new(), shell, cmd_set: false });
        }
        let img = self.base_image(base)?;
        let config = super::images::config(self.engine, &img)?;
        let layers = image_layers(self.engine, &img, &config)?;
        let shell = config
            .pointer("/config/Shell")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or(shell);
        Ok(State { id: Some(img.id.clone()), config, layers, key: format!("image:{}", img.id), args: BTreeMap::new(), shell, cmd_set: false })
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
                tls_verify: None,
                platform: crate::image::platform::Platform::host(),
                authfile: None,
                creds: None,
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
            "RUN" => return self.run_step(state, ins),
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

    fn run_step(&mut self, _state: &mut State, ins: &Instruction) -> Result<()> {
        Err(bad(format!("line {}: RUN is not supported by rpod build yet", ins.line)))
    }

    fn copy_step(&mut self, _state: &mut State, ins: &Instruction, _stage: usize) -> Result<()> {
        Err(bad(format!("line {}: {} is not supported by rpod build yet", ins.line, ins.keyword)))
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

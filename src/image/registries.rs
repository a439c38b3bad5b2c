//! `containers-registries.conf(5)`: search registries for short names,
//! short-name aliases and mode, insecure and blocked registries, prefix
//! rewriting and mirrors — what containers/image's `sysregistriesv2` and
//! `shortnames` packages do for Podman.
//!
//! Files read: `$CONTAINERS_REGISTRIES_CONF` alone when set; otherwise
//! `$XDG_CONFIG_HOME/containers/registries.conf` and its drop-ins
//! `registries.conf.d/*.conf` if that file exists, else
//! `/etc/containers/registries.conf`, then `/etc/containers/registries.conf.d/`
//! and the user's `registries.conf.d/` (drop-ins in name order, v2 format
//! only). Then the machine-written aliases in
//! `$XDG_CACHE_HOME/containers/short-name-aliases.conf`, which win over the
//! `[aliases]` of registries.conf.
//!
//! Invariants:
//! - Every file is opened regular-file-only with a size cap ([`MAX_FILE`]):
//!   a FIFO, a device or a huge file is one error naming it, never a hang;
//!   at most [`MAX_DROPINS`] drop-ins per directory. Missing files are
//!   skipped.
//! - Both the v2 format (`unqualified-search-registries`, `[[registry]]`
//!   with `prefix`, `location`, `insecure`, `blocked`,
//!   `mirror-by-digest-only` and `[[registry.mirror]]` with `location`,
//!   `insecure`, `pull-from-mirror`; `short-name-mode`; `[aliases]`) and
//!   the v1 tables (`[registries.search]`, `[registries.insecure]`,
//!   `[registries.block]`) are understood, with
//!   Podman's validation (a bad value is one error naming the file).
//!   The global `credential-helpers` list is not used (auth.json's
//!   `credHelpers` and `credsStore` are, in `image::auth`).
//! - Later files replace `[[registry]]` entries of the same prefix, the
//!   search list, the mode and single aliases; within one file the first
//!   entry for a prefix wins.
//!
//! Not for: talking to registries (`image::transfer`), credentials
//! (`image::auth`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;

use super::reference::{Qualified, Reference};

/// Cap on one registries.conf, drop-in or aliases file (Podman's stock
/// shortnames.conf is about 40 KB).
pub const MAX_FILE: u64 = 1 << 20;
/// Cap on the drop-ins read from one `registries.conf.d` directory.
pub const MAX_DROPINS: usize = 256;

#[derive(Debug, Default, Deserialize)]
struct V1List {
    #[serde(default)]
    registries: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
struct V1Tables {
    #[serde(default)]
    search: Option<V1List>,
    #[serde(default)]
    insecure: Option<V1List>,
    #[serde(default)]
    block: Option<V1List>,
}

/// One `[[registry.mirror]]`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
pub struct Mirror {
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub insecure: bool,
    /// `all` (default), `digest-only` or `tag-only`.
    #[serde(default)]
    pub pull_from_mirror: Option<String>,
}

/// One `[[registry]]`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
pub struct RegistryEntry {
    #[serde(default)]
    pub location: String,
    /// Set to `location` when the file leaves it out.
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default)]
    pub insecure: bool,
    #[serde(default)]
    pub blocked: bool,
    #[serde(default)]
    pub mirror: Vec<Mirror>,
    #[serde(default)]
    pub mirror_by_digest_only: bool,
    /// Only valid on a mirror: read to refuse it here, as Podman does.
    #[serde(default)]
    pull_from_mirror: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct File {
    #[serde(default)]
    unqualified_search_registries: Option<Vec<String>>,
    #[serde(default)]
    registry: Vec<RegistryEntry>,
    #[serde(default)]
    registries: Option<V1Tables>,
    #[serde(default)]
    short_name_mode: Option<String>,
    #[serde(default)]
    aliases: Option<BTreeMap<String, String>>,
}

/// `short-name-mode`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ShortNameMode {
    /// Use every search registry, never prompt.
    Disabled,
    /// Prompt on a terminal when several registries could hold the image;
    /// use them all otherwise (Podman's default).
    #[default]
    Permissive,
    /// Prompt on a terminal; without one, an ambiguous short name is an error.
    Enforcing,
}

impl std::str::FromStr for ShortNameMode {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "disabled" => Ok(ShortNameMode::Disabled),
            "permissive" => Ok(ShortNameMode::Permissive),
            "enforcing" => Ok(ShortNameMode::Enforcing),
            _ => bail!("invalid short-name mode: {s:?}"),
        }
    }
}

/// A short-name alias: the qualified repository (no tag), or `None` when a
/// later file reset it with `""`; and the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    pub value: Option<String>,
    pub origin: PathBuf,
}

/// The merged configuration.
#[derive(Debug, Clone, Default)]
pub struct RegistriesConf {
    pub search: Vec<String>,
    /// The file that set `search`.
    pub search_origin: Option<PathBuf>,
    pub registries: Vec<RegistryEntry>,
    pub short_name_mode: ShortNameMode,
    /// `[aliases]` of registries.conf and its drop-ins.
    pub aliases: BTreeMap<String, Alias>,
    /// short-name-aliases.conf (wins over `aliases`).
    pub user_aliases: BTreeMap<String, Alias>,
    /// Where aliases chosen at the prompt are recorded.
    pub user_aliases_file: Option<PathBuf>,
    /// Files that were read, for `info` and error messages.
    pub files: Vec<PathBuf>,
}

/// Where one pull may read an image from: a mirror or the primary location,
/// with the reference rewritten for it.
#[derive(Debug, Clone, PartialEq)]
pub struct PullSource {
    pub reference: Qualified,
    pub insecure: bool,
    pub mirror: bool,
}

/// Asks the user to pick one of the candidates (their index).
pub type Chooser<'a> = dyn Fn(&[String]) -> Result<usize> + 'a;

/// The outcome of short-name resolution.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// Fully qualified references to try, in order.
    pub candidates: Vec<Qualified>,
    /// Podman's line saying how the name was resolved, if any.
    pub description: Option<String>,
    /// `Some((short name, repository))` when the user chose at the prompt:
    /// record it as an alias once the pull succeeds.
    pub record: Option<(String, String)>,
}

/// Drop-ins of `dir`: `*.conf` files, in name order, at most [`MAX_DROPINS`].
fn dropins(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else { return vec![] };
    let mut v: Vec<PathBuf> = rd
        .flatten()
        .take(4 * MAX_DROPINS)
        .filter(|e| !e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "conf"))
        .collect();
    v.sort();
    v.truncate(MAX_DROPINS);
    v
}

/// Read a configuration file: `Ok(None)` when missing.
fn read_file(path: &Path) -> Result<Option<String>> {
    match crate::storage::read_regular(path, MAX_FILE) {
        Ok(b) => String::from_utf8(b).map(Some).map_err(|_| anyhow!("reading {}: not UTF-8 text", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(anyhow!("reading {}: {e}", path.display())),
    }
}

/// A location or prefix: no URI scheme, no trailing `/`.
fn parse_location(input: &str) -> Result<String> {
    let t = input.trim_end_matches('/');
    if t.starts_with("http://") || t.starts_with("https://") {
        bail!("invalid location '{input}': URI schemes are not supported");
    }
    if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        bail!("invalid location {input:?}: spaces and control characters are not allowed");
    }
    Ok(t.to_string())
}

/// The left side of an alias: a short repository name, no tag or digest.
fn validate_short_name(name: &str) -> Result<()> {
    let r = Reference::parse(name).map_err(|e| anyhow!("cannot parse short name: {name:?}: {e}"))?;
    if r.digest.is_some() {
        bail!("invalid short name {name:?}: must not contain digest");
    }
    if r.tag.is_some() {
        bail!("invalid short name {name:?}: must not contain tag");
    }
    if !r.is_short() {
        bail!("invalid short name {name:?}: must not contain registry");
    }
    Ok(())
}

/// The right side of an alias: a qualified repository, no tag or digest;
/// returned normalized (`docker.io/alpine` is `docker.io/library/alpine`).
fn parse_alias_value(value: &str) -> Result<String> {
    let r = Reference::parse(value).map_err(|e| anyhow!("parsing alias {value:?}: {e}"))?;
    if r.digest.is_some() {
        bail!("invalid alias {value:?}: must not contain digest");
    }
    if r.tag.is_some() {
        bail!("invalid alias {value:?}: must not contain tag");
    }
    if r.is_short() {
        bail!("invalid alias {value:?}: must contain registry and repository");
    }
    Ok(r.qualify("docker.io").name())
}

/// Podman's `refMatchingPrefix`: the length of `prefix` when `reference`
/// (`registry/repo[:tag][@digest]`) falls under it.
fn ref_matching_prefix(reference: &str, prefix: &str) -> Option<usize> {
    if let Some(domain) = prefix.strip_prefix('*') {
        // `*.example.com`: a subdomain, in the host part only.
        let i = reference.find(domain)?;
        if reference[..i].contains('/') || i == 0 {
            return None;
        }
        let end = i + domain.len();
        return match reference.as_bytes().get(end) {
            None | Some(b':' | b'/' | b'@') => Some(end),
            _ => None,
        };
    }
    if reference == prefix {
        return Some(prefix.len());
    }
    match reference.strip_prefix(prefix)?.as_bytes().first() {
        Some(b':' | b'/' | b'@') => Some(prefix.len()),
        _ => None,
    }
}

fn aliases_from(map: BTreeMap<String, String>, origin: &Path) -> Result<BTreeMap<String, Alias>> {
    let mut out = BTreeMap::new();
    for (name, value) in map {
        validate_short_name(&name)?;
        let value = if value.is_empty() { None } else { Some(parse_alias_value(&value)?) };
        out.insert(name, Alias { value, origin: origin.to_path_buf() });
    }
    Ok(out)
}

impl RegistriesConf {
    /// Load from the standard locations, given `$XDG_CONFIG_HOME` and the
    /// cache directory (`$XDG_CACHE_HOME`, `/var/cache` as root).
    pub fn load(config_home: &Path, cache_home: &Path) -> Result<RegistriesConf> {
        let mut conf = RegistriesConf::default();
        match std::env::var_os("CONTAINERS_REGISTRIES_CONF").filter(|v| !v.is_empty()) {
            Some(p) => {
                // Named explicitly: a missing file is an error, as in Podman.
                if std::fs::symlink_metadata(&p).is_err() {
                    bail!("loading registries configuration {}: no such file ($CONTAINERS_REGISTRIES_CONF)", Path::new(&p).display());
                }
                conf.merge_file(Path::new(&p), false)?
            }
            None => {
                let user = config_home.join("containers/registries.conf");
                let user_dir = config_home.join("containers/registries.conf.d");
                let dirs = if std::fs::symlink_metadata(&user).is_ok() {
                    conf.merge_file(&user, false)?;
                    vec![user_dir]
                } else {
                    conf.merge_file(Path::new("/etc/containers/registries.conf"), false)?;
                    vec![PathBuf::from("/etc/containers/registries.conf.d"), user_dir]
                };
                for d in dirs {
                    for f in dropins(&d) {
                        conf.merge_file(&f, true)?;
                    }
                }
            }
        }
        let aliases = cache_home.join("containers/short-name-aliases.conf");
        conf.load_user_aliases(&aliases)?;
        conf.user_aliases_file = Some(aliases);
        Ok(conf)
    }

    /// Merge one file's settings over the current ones (a missing file is
    /// skipped). Drop-ins must be in the v2 format.
    pub fn merge_file(&mut self, path: &Path, dropin: bool) -> Result<()> {
        let Some(text) = read_file(path)? else { return Ok(()) };
        self.merge_from(&text, path, dropin).with_context(|| format!("loading registries configuration {}", path.display()))?;
        self.files.push(path.to_path_buf());
        Ok(())
    }

    /// The machine-written short-name-aliases.conf (only `[aliases]`).
    pub fn load_user_aliases(&mut self, path: &Path) -> Result<()> {
        let Some(text) = read_file(path)? else { return Ok(()) };
        let ctx = || format!("loading short-name aliases config file {}", path.display());
        let f: File = toml::from_str(&text).map_err(|e| anyhow!(crate::config::toml_error(&text, &e))).with_context(ctx)?;
        self.user_aliases = aliases_from(f.aliases.unwrap_or_default(), path).with_context(ctx)?;
        Ok(())
    }

    /// Merge TOML text (for tests; `origin` names it in messages).
    pub fn merge_str(&mut self, text: &str) -> Result<()> {
        self.merge_from(text, Path::new("registries.conf"), false)
    }

    fn merge_from(&mut self, text: &str, origin: &Path, dropin: bool) -> Result<()> {
        let f: File = toml::from_str(text).map_err(|e| anyhow!(crate::config::toml_error(text, &e)))?;
        let v1 = f.registries.as_ref().is_some_and(|v| v.search.is_some() || v.insecure.is_some() || v.block.is_some());
        let v2 = f.unqualified_search_registries.is_some() || !f.registry.is_empty() || f.short_name_mode.is_some() || f.aliases.is_some();
        if v1 && dropin {
            bail!("registry must be in v2 format but is in v1");
        }
        if v1 && v2 {
            bail!("mixing sysregistry v1/v2 is not supported");
        }
        // [[registry]] entries of this file, validated; first one per prefix wins.
        let mut entries: Vec<RegistryEntry> = Vec::new();
        for mut r in f.registry {
            r.location = parse_location(&r.location)?;
            let prefix = match r.prefix.take().filter(|p| !p.is_empty()) {
                None if r.location.is_empty() => bail!("invalid condition: both location and prefix are unset"),
                None => r.location.clone(),
                Some(p) => {
                    let p = parse_location(&p)?;
                    if !p.starts_with("*.") && r.location.is_empty() {
                        bail!("invalid condition: location is unset and prefix is not in the format: *.example.com");
                    }
                    p
                }
            };
            if prefix.starts_with("*.") && prefix.contains(['/', '@', ':']) {
                bail!("Wildcarded prefix should be in the format: *.example.com. Current prefix {prefix:?} is incorrectly formatted");
            }
            if r.pull_from_mirror.is_some() {
                bail!("pull-from-mirror must not be set for a non-mirror registry {prefix:?}");
            }
            for m in &mut r.mirror {
                m.location = parse_location(&m.location)?;
                if m.location.is_empty() {
                    bail!("invalid condition: mirror location is unset");
                }
                if r.mirror_by_digest_only && m.pull_from_mirror.is_some() {
                    bail!(
                        "cannot set mirror usage mirror-by-digest-only for the registry ({prefix:?}) and pull-from-mirror for per-mirror ({:?}) at the same time",
                        m.location
                    );
                }
                match m.pull_from_mirror.as_deref() {
                    None | Some("" | "all" | "digest-only" | "tag-only") => {}
                    Some(v) => bail!("unsupported pull-from-mirror value {v:?} for mirror {:?}", m.location),
                }
            }
            r.prefix = Some(prefix);
            if !entries.iter().any(|e| e.key() == r.key()) {
                entries.push(r);
            }
        }
        for a in &entries {
            let loc = if a.location.is_empty() { a.key() } else { a.location.as_str() };
            for b in &entries {
                let other = if b.location.is_empty() { b.key() } else { b.location.as_str() };
                if loc == other && a.insecure != b.insecure {
                    bail!("registry '{loc}' is defined multiple times with conflicting 'insecure' setting");
                }
                if loc == other && a.blocked != b.blocked {
                    bail!("registry '{loc}' is defined multiple times with conflicting 'blocked' setting");
                }
            }
        }
        if let Some(v1) = f.registries {
            if let Some(s) = v1.search {
                self.set_search(s.registries, origin)?;
            }
            for (list, insecure) in [(v1.block, false), (v1.insecure, true)] {
                for loc in list.map(|l| l.registries).unwrap_or_default() {
                    let loc = parse_location(&loc)?;
                    let i = match entries.iter().position(|e| e.key() == loc) {
                        Some(i) => i,
                        None => {
                            entries.push(RegistryEntry { location: loc.clone(), prefix: Some(loc), ..Default::default() });
                            entries.len() - 1
                        }
                    };
                    let e = &mut entries[i];
                    if insecure {
                        e.insecure = true
                    } else {
                        e.blocked = true
                    }
                }
            }
        }
        for r in entries {
            self.registries.retain(|e| e.key() != r.key());
            self.registries.push(r);
        }
        if let Some(s) = f.unqualified_search_registries {
            self.set_search(s, origin)?;
        }
        if let Some(m) = f.short_name_mode.filter(|m| !m.is_empty()) {
            self.short_name_mode = m.parse()?;
        }
        if let Some(a) = f.aliases {
            let a = aliases_from(a, origin).context("validating short-name aliases")?;
            self.aliases.extend(a);
        }
        Ok(())
    }

    fn set_search(&mut self, list: Vec<String>, origin: &Path) -> Result<()> {
        let mut v = Vec::new();
        for r in list {
            let r = parse_location(&r)?;
            if !super::reference::valid_registry(&r) {
                bail!("Invalid unqualified-search-registries entry {r:?}");
            }
            v.push(r);
        }
        self.search = v;
        self.search_origin = Some(origin.to_path_buf());
        Ok(())
    }

    /// The `[[registry]]` entry that applies to `name` (`registry/repository`):
    /// the longest matching prefix; `*.example.com` matches subdomains.
    pub fn find(&self, name: &str) -> Option<&RegistryEntry> {
        self.registries.iter().filter(|e| ref_matching_prefix(name, e.key()).is_some()).max_by_key(|e| e.key().len())
    }

    /// Whether plain HTTP / unverified TLS is allowed for `name`.
    pub fn insecure(&self, name: &str) -> bool {
        self.find(name).is_some_and(|e| e.insecure)
    }

    pub fn blocked(&self, name: &str) -> bool {
        self.find(name).is_some_and(|e| e.blocked)
    }

    /// Podman's refusal for a blocked `name`, or `None`.
    pub fn blocked_error(&self, name: &str) -> Option<String> {
        let e = self.find(name).filter(|e| e.blocked)?;
        let files: Vec<String> = self.files.iter().map(|f| f.display().to_string()).collect();
        let files = if files.is_empty() { "registries.conf".to_string() } else { files.join(", ") };
        Some(format!("registry {} is blocked in {files}", e.key()))
    }

    /// Where to pull `q` from: its mirrors that apply (in order), then the
    /// primary location, each with the reference rewritten from the
    /// entry's prefix to the endpoint's location.
    pub fn pull_sources(&self, q: &Qualified) -> Result<Vec<PullSource>> {
        let Some(reg) = self.find(&q.name()) else {
            return Ok(vec![PullSource { reference: q.clone(), insecure: false, mirror: false }]);
        };
        let digested = q.digest.is_some();
        let mut endpoints: Vec<(&str, bool, bool)> = Vec::new();
        for m in &reg.mirror {
            let usable = if reg.mirror_by_digest_only {
                digested
            } else {
                match m.pull_from_mirror.as_deref() {
                    Some("digest-only") => digested,
                    Some("tag-only") => !digested,
                    _ => true,
                }
            };
            if usable {
                endpoints.push((m.location.as_str(), m.insecure, true));
            }
        }
        endpoints.push((reg.location.as_str(), reg.insecure, false));
        let text = q.to_string();
        let n = ref_matching_prefix(&text, reg.key()).with_context(|| format!("invalid prefix '{}' for reference '{text}'", reg.key()))?;
        endpoints
            .into_iter()
            .map(|(location, insecure, mirror)| {
                if location.is_empty() {
                    // A wildcard prefix without a location: the name as it is.
                    return Ok(PullSource { reference: q.clone(), insecure, mirror });
                }
                let rewritten = format!("{location}{}", &text[n..]);
                let r = Reference::parse(&rewritten).map_err(|e| anyhow!("rewriting reference {text} for {location:?}: {e}"))?;
                if r.is_short() {
                    bail!("rewriting reference {text} for {location:?}: {rewritten:?} has no registry");
                }
                Ok(PullSource { reference: r.qualify("docker.io"), insecure, mirror })
            })
            .collect()
    }

    /// The alias for a short reference, with its tag or digest carried over,
    /// and the file it came from.
    pub fn alias_for(&self, r: &Reference) -> Option<(Qualified, PathBuf)> {
        if !r.is_short() {
            return None;
        }
        let a = self.user_aliases.get(&r.path).or_else(|| self.aliases.get(&r.path))?;
        let value = Reference::parse(a.value.as_deref()?).ok()?;
        let with = Reference { tag: r.tag.clone(), digest: r.digest.clone(), ..value };
        Some((with.qualify("docker.io"), a.origin.clone()))
    }

    /// Podman's short-name resolution for pulling `r`: an alias if there is
    /// one, else the search registries (docker.io when none are set), then
    /// the mode decides. `choose` prompts the user (only when stdin and
    /// stdout are terminals); `None` means no prompt is possible.
    pub fn resolve(&self, r: &Reference, choose: Option<&Chooser<'_>>) -> Result<Resolved> {
        if !r.is_short() {
            return Ok(Resolved { candidates: vec![r.qualify("docker.io")], description: None, record: None });
        }
        if let Some((q, origin)) = self.alias_for(r) {
            let description = Some(format!("Resolved {:?} as an alias ({})", r.path, origin.display()));
            return Ok(Resolved { candidates: vec![q], description, record: None });
        }
        let regs = if self.search.is_empty() { vec!["docker.io".to_string()] } else { self.search.clone() };
        let candidates: Vec<Qualified> = regs.iter().map(|reg| r.qualify(reg)).collect();
        let origin = self.search_origin.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "no containers-registries.conf(5) was found".into());
        let description = Some(format!("Resolving {:?} using unqualified-search registries ({origin})", r.path));
        if self.short_name_mode == ShortNameMode::Disabled || candidates.len() == 1 {
            return Ok(Resolved { candidates, description, record: None });
        }
        let Some(choose) = choose else {
            return match self.short_name_mode {
                ShortNameMode::Enforcing => bail!("short-name resolution enforced but cannot prompt without a TTY"),
                _ => Ok(Resolved { candidates, description, record: None }),
            };
        };
        let items: Vec<String> = candidates.iter().map(|q| q.to_string()).collect();
        let i = choose(&items)?;
        let chosen = candidates.get(i).cloned().context("no image was selected")?;
        let record = Some((r.path.clone(), chosen.name()));
        Ok(Resolved { candidates: vec![chosen], description: None, record })
    }

    /// Record `name = value` in short-name-aliases.conf (after a pull of an
    /// image chosen at the prompt), keeping the other aliases.
    pub fn record_alias(&self, name: &str, value: &str) -> Result<()> {
        use std::os::unix::fs::DirBuilderExt;
        let path = self.user_aliases_file.as_deref().context("no short-name aliases file")?;
        validate_short_name(name)?;
        let value = parse_alias_value(value)?;
        let mut aliases: BTreeMap<String, String> = self.user_aliases.iter().filter_map(|(k, a)| a.value.clone().map(|v| (k.clone(), v))).collect();
        aliases.insert(name.to_string(), value);
        let mut table = toml::Table::new();
        table.insert("aliases".into(), toml::Value::Table(aliases.into_iter().map(|(k, v)| (k, toml::Value::String(v))).collect()));
        let dir = path.parent().context("aliases file has no parent directory")?;
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).with_context(|| format!("creating {}", dir.display()))?;
        crate::storage::atomic::write_file(path, toml::to_string(&table)?.as_bytes())
    }
}

impl RegistryEntry {
    /// The prefix (set to the location while loading when absent).
    pub fn key(&self) -> &str {
        self.prefix.as_deref().unwrap_or(&self.location)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conf(text: &str) -> RegistriesConf {
        let mut c = RegistriesConf::default();
        c.merge_str(text).unwrap();
        c
    }

    fn q(s: &str) -> Qualified {
        Reference::parse(s).unwrap().qualify("docker.io")
    }

    #[test]
    fn v2_and_prefix_matching() {
        let c = conf(
            r#"
unqualified-search-registries = ["127.0.0.1:5000", "docker.io"]
[[registry]]
location = "127.0.0.1:5000"
insecure = true
[[registry]]
prefix = "example.com/blocked"
location = "example.com/blocked"
blocked = true
[[registry]]
prefix = "*.corp.test"
insecure = true
"#,
        );
        assert_eq!(c.search, ["127.0.0.1:5000", "docker.io"]);
        assert!(c.insecure("127.0.0.1:5000/busybox"));
        assert!(!c.insecure("127.0.0.1:50001/busybox"));
        assert!(c.blocked("example.com/blocked/x"));
        assert!(!c.blocked("example.com/blockedx"));
        assert!(c.insecure("reg.corp.test/a"));
        assert!(!c.insecure("corp.test/a"));
        assert!(!c.insecure("evil.test/reg.corp.test/a"), "a wildcard matches the host part only");
        assert!(c.blocked_error("example.com/blocked/x").unwrap().contains("registry example.com/blocked is blocked in"));
    }

    #[test]
    fn v1_tables() {
        let c = conf("[registries.search]\nregistries = ['a.io']\n[registries.insecure]\nregistries = ['b.io']\n[registries.block]\nregistries = ['c.io']\n");
        assert_eq!(c.search, ["a.io"]);
        assert!(c.insecure("b.io/x"));
        assert!(c.blocked("c.io/x"));
    }

    #[test]
    fn later_files_override() {
        let mut c = conf("unqualified-search-registries=['a.io']\n[[registry]]\nlocation='x.io'\ninsecure=true\n");
        c.merge_str("[[registry]]\nlocation='x.io'\ninsecure=false\n").unwrap();
        assert_eq!(c.search, ["a.io"]);
        assert!(!c.insecure("x.io/y"));
    }

    #[test]
    fn malformed_or_invalid_is_an_error_on_one_line() {
        for bad in [
            "unqualified-search-registries = 3",
            "unqualified-search-registries = ['https://a.io']",
            "unqualified-search-registries = ['a b']",
            "[[registry]]\ninsecure = true",
            "[[registry]]\nprefix = 'a.io/x'",
            "[[registry]]\nprefix = '*.a.io/x'",
            "[[registry]]\nlocation = 'a.io'\npull-from-mirror = 'all'",
            "[[registry]]\nlocation = 'a.io'\n[[registry.mirror]]\nlocation = 'm.io'\npull-from-mirror = 'sometimes'",
            "[[registry]]\nlocation = 'a.io'\nmirror-by-digest-only = true\n[[registry.mirror]]\nlocation = 'm.io'\npull-from-mirror = 'all'",
            "[[registry]]\nlocation = 'a.io'\n[[registry.mirror]]\ninsecure = true",
            "[[registry]]\nprefix = 'a.io/x'\nlocation = 'a.io'\ninsecure = true\n[[registry]]\nprefix = 'a.io/y'\nlocation = 'a.io'",
            "short-name-mode = 'sometimes'",
            "[aliases]\n'quay.io/x' = 'quay.io/x'",
            "[aliases]\n'x:1' = 'quay.io/x'",
            "[aliases]\nx = 'x'",
            "[aliases]\nx = 'quay.io/x:1'",
            "[aliases]\nx = '../../etc'",
            "unqualified-search-registries = ['a.io']\n[registries.search]\nregistries = ['b.io']",
        ] {
            let e = RegistriesConf::default().merge_str(bad).map(|_| ()).unwrap_err();
            assert!(!format!("{e:#}").contains('\n'), "{bad}: {e:#}");
        }
        let e = RegistriesConf::default().merge_from("[registries.search]\nregistries = ['a.io']", Path::new("d.conf"), true).unwrap_err();
        assert!(e.to_string().contains("v2 format"), "{e}");
    }

    #[test]
    fn mirrors_come_first_and_follow_pull_from_mirror() {
        let c = conf(
            r#"
[[registry]]
prefix = "example.test/team"
location = "primary.test/mirrored/team"
[[registry.mirror]]
location = "127.0.0.1:5000"
insecure = true
[[registry.mirror]]
location = "digests.test/only"
pull-from-mirror = "digest-only"
[[registry.mirror]]
location = "tags.test"
pull-from-mirror = "tag-only"
"#,
        );
        let refs = |s: &str| c.pull_sources(&q(s)).unwrap().into_iter().map(|p| (p.reference.to_string(), p.insecure, p.mirror)).collect::<Vec<_>>();
        assert_eq!(
            refs("example.test/team/app:1"),
            [
                ("127.0.0.1:5000/app:1".to_string(), true, true),
                ("tags.test/app:1".to_string(), false, true),
                ("primary.test/mirrored/team/app:1".to_string(), false, false),
            ]
        );
        let d = format!("sha256:{}", "ab".repeat(32));
        assert_eq!(
            refs(&format!("example.test/team/app@{d}")),
            [
                (format!("127.0.0.1:5000/app@{d}"), true, true),
                (format!("digests.test/only/app@{d}"), false, true),
                (format!("primary.test/mirrored/team/app@{d}"), false, false),
            ]
        );
        assert_eq!(refs("other.test/x"), [("other.test/x:latest".to_string(), false, false)]);
        // mirror-by-digest-only on the registry.
        let c = conf("[[registry]]\nlocation = 'a.test'\nmirror-by-digest-only = true\n[[registry.mirror]]\nlocation = 'm.test'\n");
        assert_eq!(c.pull_sources(&q("a.test/x")).unwrap().len(), 1);
        assert_eq!(c.pull_sources(&q(&format!("a.test/x@{d}"))).unwrap().len(), 2);
    }

    #[test]
    fn docker_hub_mirror_rewrites_library_names() {
        let c = conf("[[registry]]\nprefix = 'docker.io'\nlocation = 'docker.io'\n[[registry.mirror]]\nlocation = 'mirror.test:5000'\n");
        let s = c.pull_sources(&q("busybox")).unwrap();
        assert_eq!(s[0].reference.to_string(), "mirror.test:5000/library/busybox:latest");
        assert_eq!(s[1].reference.to_string(), "docker.io/library/busybox:latest");
    }

    #[test]
    fn prefix_matching_follows_podman() {
        assert_eq!(ref_matching_prefix("a.io/x:1", "a.io"), Some(4));
        assert_eq!(ref_matching_prefix("a.io", "a.io"), Some(4));
        assert_eq!(ref_matching_prefix("a.iox/y", "a.io"), None);
        assert_eq!(ref_matching_prefix("a.io/x@sha256:0", "a.io/x"), Some(6));
        assert_eq!(ref_matching_prefix("r.a.io/x", "*.a.io"), Some(6));
        assert_eq!(ref_matching_prefix("a.io/x", "*.a.io"), None);
        assert_eq!(ref_matching_prefix("r.a.iox/x", "*.a.io"), None);
    }

    #[test]
    fn short_names_aliases_and_modes() {
        let mut c = conf(
            "unqualified-search-registries = ['a.test', 'b.test']\nshort-name-mode = 'enforcing'\n[aliases]\nbox = 'c.test/tools/box'\nhub = 'docker.io/alpine'\n",
        );
        let r = |s: &str| Reference::parse(s).unwrap();
        let res = c.resolve(&r("box:1"), None).unwrap();
        assert_eq!(res.candidates, [q("c.test/tools/box:1")]);
        assert!(res.description.unwrap().starts_with("Resolved \"box\" as an alias"));
        assert_eq!(c.resolve(&r("hub"), None).unwrap().candidates, [q("docker.io/library/alpine:latest")]);
        let e = c.resolve(&r("other"), None).unwrap_err();
        assert_eq!(e.to_string(), "short-name resolution enforced but cannot prompt without a TTY");
        let pick = |items: &[String]| -> Result<usize> {
            assert_eq!(items, ["a.test/other:latest", "b.test/other:latest"]);
            Ok(1)
        };
        let res = c.resolve(&r("other"), Some(&pick)).unwrap();
        assert_eq!(res.candidates, [q("b.test/other:latest")]);
        assert_eq!(res.record, Some(("other".to_string(), "b.test/other".to_string())));
        assert_eq!(c.resolve(&r("q.test/x"), None).unwrap().candidates, [q("q.test/x")]);
        c.merge_str("short-name-mode = 'permissive'\n[aliases]\nbox = ''\n").unwrap();
        assert_eq!(c.resolve(&r("other"), None).unwrap().candidates.len(), 2);
        assert_eq!(c.resolve(&r("box"), None).unwrap().candidates.len(), 2, "an empty alias resets it");
        c.merge_str("short-name-mode = 'disabled'\nunqualified-search-registries = ['a.test', 'b.test']").unwrap();
        assert_eq!(c.resolve(&r("other"), Some(&|_: &[String]| -> Result<usize> { panic!("disabled never prompts") })).unwrap().candidates.len(), 2);
    }

    #[test]
    fn hostile_files_are_refused_not_waited_on() {
        // Class: resource exhaustion / blocking read (a FIFO, a device, a huge file).
        let d = std::env::temp_dir().join(crate::storage::atomic::unique_name("rpod-regconf-"));
        std::fs::create_dir_all(&d).unwrap();
        let fifo = d.join("fifo.conf");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
        let e = RegistriesConf::default().merge_file(&fifo, false).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        assert!(RegistriesConf::default().merge_file(Path::new("/dev/zero"), false).is_err());
        let big = d.join("big.conf");
        std::fs::write(&big, "#".repeat(MAX_FILE as usize + 1)).unwrap();
        assert!(RegistriesConf::default().merge_file(&big, false).unwrap_err().to_string().contains("larger than"));
        let mut c = RegistriesConf::default();
        c.merge_file(&d.join("missing.conf"), false).unwrap();
        assert!(c.files.is_empty());
        assert!(RegistriesConf::default().load_user_aliases(&fifo).is_err());
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn recorded_aliases_keep_the_others() {
        let d = std::env::temp_dir().join(crate::storage::atomic::unique_name("rpod-aliases-"));
        let f = d.join("containers/short-name-aliases.conf");
        let mut c = RegistriesConf { user_aliases_file: Some(f.clone()), ..Default::default() };
        c.record_alias("one", "a.test/one").unwrap();
        c.load_user_aliases(&f).unwrap();
        c.record_alias("two", "b.test/two").unwrap();
        c.load_user_aliases(&f).unwrap();
        assert_eq!(c.user_aliases.len(), 2);
        assert_eq!(c.user_aliases["one"].value.as_deref(), Some("a.test/one"));
        assert!(c.record_alias("x", "../../etc").is_err());
        std::fs::remove_dir_all(&d).unwrap();
    }
}

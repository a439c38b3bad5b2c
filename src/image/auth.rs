//! Registry credentials in the `auth.json` format shared by Podman, Skopeo
//! and Docker (`containers-auth.json(5)`):
//! `{"auths": {"registry[/namespace]": {"auth": base64("user:password")}}}`.
//!
//! Read order (first file with a matching entry wins): `--authfile` or
//! `$REGISTRY_AUTH_FILE`; `$XDG_RUNTIME_DIR/containers/auth.json`;
//! `$XDG_CONFIG_HOME/containers/auth.json`; `~/.docker/config.json`.
//! `login`/`logout` write the first of these (or `--authfile`).
//!
//! Credential helpers (`image::credhelper`): a file's `credHelpers` entry
//! for the registry is asked first (and `login`/`logout` store in and erase
//! from it, as Podman does); then the file's `auths`; then its `credsStore`
//! helper (Docker's catch-all store; only read). Files are read
//! regular-file-only with a size cap. Identity tokens are not supported.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use base64::Engine as _;
use serde_json::{Map, Value};

use crate::paths::Paths;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

/// The files consulted, in order.
pub fn auth_files(paths: &Paths, authfile: Option<&Path>) -> Vec<PathBuf> {
    if let Some(f) = authfile {
        return vec![f.to_path_buf()];
    }
    if let Some(f) = std::env::var_os("REGISTRY_AUTH_FILE").filter(|v| !v.is_empty()) {
        return vec![PathBuf::from(f)];
    }
    let mut v = Vec::new();
    if let Some(r) = &paths.runtime_dir {
        v.push(r.join("containers/auth.json"));
    }
    v.push(paths.config_home.join("containers/auth.json"));
    v.push(paths.home.join(".docker/config.json"));
    v
}

/// The file `login` writes.
pub fn write_target(paths: &Paths, authfile: Option<&Path>) -> PathBuf {
    auth_files(paths, authfile).into_iter().next().expect("at least one auth file")
}

fn normalize_key(key: &str) -> &str {
    let k = key.strip_prefix("https://").or_else(|| key.strip_prefix("http://")).unwrap_or(key);
    let k = k.trim_end_matches('/');
    match k {
        "index.docker.io/v1" | "index.docker.io" | "registry-1.docker.io" => "docker.io",
        k => k,
    }
}

fn decode(entry: &Value) -> Option<Credentials> {
    let auth = entry.get("auth")?.as_str()?;
    let raw = base64::engine::general_purpose::STANDARD.decode(auth.trim()).ok()?;
    let text = String::from_utf8(raw).ok()?;
    let (u, p) = text.split_once(':')?;
    Some(Credentials { username: u.to_string(), password: p.to_string() })
}

/// Credentials for `name` (`registry/repository`) from the JSON text of one
/// auth file: the most specific key (`registry/ns/repo`, ..., `registry`).
pub fn lookup_in(text: &str, name: &str) -> Result<Option<Credentials>> {
    let v: Value = serde_json::from_str(text)?;
    let Some(auths) = v.get("auths").and_then(Value::as_object) else { return Ok(None) };
    let mut best: Option<(usize, Credentials)> = None;
    for (key, entry) in auths {
        let k = normalize_key(key);
        let matches = name == k || (name.starts_with(k) && name.as_bytes().get(k.len()) == Some(&b'/'));
        if matches && best.as_ref().map(|(l, _)| k.len() > *l).unwrap_or(true) {
            if let Some(c) = decode(entry) {
                best = Some((k.len(), c));
            }
        }
    }
    Ok(best.map(|(_, c)| c))
}

/// Cap on an auth file (they hold a few entries; Docker's can hold many).
pub const MAX_AUTH_FILE: u64 = 4 << 20;

/// An auth file's text; `Ok(None)` when it does not exist. A FIFO, a device
/// or a huge file is refused, not waited on.
fn read_auth_file(path: &Path) -> Result<Option<String>> {
    match crate::storage::read_regular(path, MAX_AUTH_FILE) {
        Ok(b) => String::from_utf8(b).map(Some).map_err(|_| anyhow::anyhow!("reading credentials {}: not UTF-8 text", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading credentials {}", path.display())),
    }
}

/// The registry host of `name` (`registry[/repository]`).
pub fn registry_of(name: &str) -> &str {
    name.split('/').next().unwrap_or(name)
}

/// The credential helper an auth file's `credHelpers` names for `registry`.
pub fn helper_for(v: &Value, registry: &str) -> Option<String> {
    let helpers = v.get("credHelpers")?.as_object()?;
    helpers.iter().find(|(k, _)| normalize_key(k) == registry).and_then(|(_, h)| h.as_str()).map(str::to_string)
}

/// Credentials for `name` from the standard files.
pub fn lookup(paths: &Paths, authfile: Option<&Path>, name: &str) -> Result<Option<Credentials>> {
    let registry = registry_of(name);
    for f in auth_files(paths, authfile) {
        let Some(text) = read_auth_file(&f)? else { continue };
        if text.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&text).with_context(|| format!("parsing credentials {}", f.display()))?;
        if let Some(h) = helper_for(&v, registry) {
            // Podman: a helper without credentials sends us on to the next file.
            match super::credhelper::get(&h, registry)? {
                Some(c) => return Ok(Some(c)),
                None => continue,
            }
        }
        if let Some(c) = lookup_in(&text, name).with_context(|| format!("parsing credentials {}", f.display()))? {
            return Ok(Some(c));
        }
        if let Some(store) = v.get("credsStore").and_then(Value::as_str).filter(|s| !s.is_empty()) {
            if let Some(c) = super::credhelper::get(store, registry)? {
                return Ok(Some(c));
            }
        }
    }
    Ok(None)
}

/// The `credHelpers` helper of `path` for `registry`, if any.
pub fn file_helper(path: &Path, registry: &str) -> Result<Option<String>> {
    let obj = load_object(path)?;
    Ok(helper_for(&Value::Object(obj), registry))
}

fn load_object(path: &Path) -> Result<Map<String, Value>> {
    let Some(t) = read_auth_file(path)? else { return Ok(Map::new()) };
    if t.trim().is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_str(&t).with_context(|| format!("parsing credentials {}", path.display()))? {
        Value::Object(m) => Ok(m),
        _ => bail!("{} is not a JSON object", path.display()),
    }
}

fn save_object(path: &Path, obj: Map<String, Value>) -> Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    let dir = path.parent().context("auth file has no parent directory")?;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).with_context(|| format!("creating {}", dir.display()))?;
    let data = serde_json::to_vec_pretty(&Value::Object(obj))?;
    crate::storage::atomic::write_file(path, &data)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).with_context(|| format!("chmod {}", path.display()))
}

/// Store credentials for `key` (a registry, or registry/namespace), keeping
/// everything else in the file.
pub fn store(path: &Path, key: &str, c: &Credentials) -> Result<()> {
    let mut obj = load_object(path)?;
    let auths = obj.entry("auths").or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(auths) = auths else { bail!("{}: \"auths\" is not an object", path.display()) };
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", c.username, c.password));
    auths.retain(|k, _| normalize_key(k) != key);
    auths.insert(key.to_string(), serde_json::json!({ "auth": token }));
    save_object(path, obj)
}

/// Remove credentials for `key`; `Ok(false)` when there were none.
pub fn remove(path: &Path, key: Option<&str>) -> Result<bool> {
    let mut obj = load_object(path)?;
    let Some(Value::Object(auths)) = obj.get_mut("auths") else { return Ok(false) };
    let before = auths.len();
    match key {
        Some(key) => auths.retain(|k, _| normalize_key(k) != key),
        None => auths.clear(),
    }
    if auths.len() == before {
        return Ok(false);
    }
    save_object(path, obj)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(s)
    }

    #[test]
    fn most_specific_key_wins() {
        let text = format!(
            r#"{{"auths":{{"reg.io":{{"auth":"{}"}},"reg.io/team":{{"auth":"{}"}},"https://index.docker.io/v1/":{{"auth":"{}"}}}}}}"#,
            b64("a:1"),
            b64("b:2"),
            b64("d:4")
        );
        assert_eq!(lookup_in(&text, "reg.io/other/x").unwrap().unwrap().username, "a");
        assert_eq!(lookup_in(&text, "reg.io/team/x").unwrap().unwrap().username, "b");
        assert_eq!(lookup_in(&text, "reg.io/teamx/x").unwrap().unwrap().username, "a");
        assert_eq!(lookup_in(&text, "docker.io/library/busybox").unwrap().unwrap().password, "4");
        assert!(lookup_in(&text, "other.io/x").unwrap().is_none());
    }

    #[test]
    fn password_may_contain_colons() {
        let text = format!(r#"{{"auths":{{"r":{{"auth":"{}"}}}}}}"#, b64("u:p:q"));
        assert_eq!(lookup_in(&text, "r/x").unwrap().unwrap().password, "p:q");
    }

    #[test]
    fn store_and_remove_keep_other_fields() {
        let dir = std::env::temp_dir().join(crate::storage::atomic::unique_name("rpod-auth-"));
        let f = dir.join("auth.json");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&f, r#"{"auths":{"x":{"auth":"eDp5"}},"credHelpers":{"y":"z"}}"#).unwrap();
        store(&f, "r", &Credentials { username: "u".into(), password: "p".into() }).unwrap();
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(text.contains("credHelpers"));
        assert_eq!(lookup_in(&text, "r/a").unwrap().unwrap().username, "u");
        assert!(remove(&f, Some("r")).unwrap());
        assert!(!remove(&f, Some("r")).unwrap());
        assert!(lookup_in(&std::fs::read_to_string(&f).unwrap(), "x/a").unwrap().is_some());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

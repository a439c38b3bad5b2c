//! Registry credentials in the `auth.json` format shared by Podman, Skopeo
//! and Docker (`containers-auth.json(5)`):
//! `{"auths": {"registry[/namespace]": {"auth": base64("user:password")}}}`.
//!
//! Read order (first file with a matching entry wins): `--authfile` or
//! `$REGISTRY_AUTH_FILE`; `$XDG_RUNTIME_DIR/containers/auth.json`;
//! `$XDG_CONFIG_HOME/containers/auth.json`; `~/.docker/config.json`.
//! `login`/`logout` write the first of these (or `--authfile`). Credential
//! helpers and identity tokens are not supported yet.

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

/// Credentials for `name` from the standard files.
pub fn lookup(paths: &Paths, authfile: Option<&Path>, name: &str) -> Result<Option<Credentials>> {
    for f in auth_files(paths, authfile) {
        let text = match std::fs::read_to_string(&f) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("reading credentials {}", f.display())),
        };
        if let Some(c) = lookup_in(&text, name).with_context(|| format!("parsing credentials {}", f.display()))? {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

fn load_object(path: &Path) -> Result<Map<String, Value>> {
    match std::fs::read_to_string(path) {
        Ok(t) if t.trim().is_empty() => Ok(Map::new()),
        Ok(t) => match serde_json::from_str(&t).with_context(|| format!("parsing credentials {}", path.display()))? {
            Value::Object(m) => Ok(m),
            _ => bail!("{} is not a JSON object", path.display()),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Map::new()),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
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

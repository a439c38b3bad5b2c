//! `containers-registries.conf(5)`: search registries for short names,
//! insecure and blocked registries.
//!
//! Files read, as containers/image does: `$CONTAINERS_REGISTRIES_CONF` alone
//! when set; otherwise `$XDG_CONFIG_HOME/containers/registries.conf` if it
//! exists, else `/etc/containers/registries.conf`; then the drop-ins
//! `registries.conf.d/*.conf` next to the file that was used, in name order.
//! Both the v2 format (`unqualified-search-registries`, `[[registry]]`) and the
//! v1 tables (`[registries.search]`, `[registries.insecure]`,
//! `[registries.block]`) are understood. Mirrors and short-name aliases are
//! not supported yet (see docs/decisions.md).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

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

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct RegistryEntry {
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default)]
    pub insecure: bool,
    #[serde(default)]
    pub blocked: bool,
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
}

/// The merged configuration.
#[derive(Debug, Default, Clone)]
pub struct RegistriesConf {
    pub search: Vec<String>,
    pub registries: Vec<RegistryEntry>,
    /// Files that were read, for `info` and error messages.
    pub files: Vec<PathBuf>,
}

impl RegistriesConf {
    /// Load from the standard locations, given `$XDG_CONFIG_HOME`.
    pub fn load(config_home: &Path) -> Result<RegistriesConf> {
        let mut conf = RegistriesConf::default();
        let main = match std::env::var_os("CONTAINERS_REGISTRIES_CONF").filter(|v| !v.is_empty()) {
            Some(p) => {
                conf.merge_file(Path::new(&p))?;
                return Ok(conf);
            }
            None => {
                let user = config_home.join("containers/registries.conf");
                if user.exists() {
                    user
                } else {
                    PathBuf::from("/etc/containers/registries.conf")
                }
            }
        };
        if main.exists() {
            conf.merge_file(&main)?;
        }
        let dropins = main.with_extension("conf.d");
        if let Ok(rd) = std::fs::read_dir(&dropins) {
            let mut files: Vec<PathBuf> = rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "conf")).collect();
            files.sort();
            for f in files {
                conf.merge_file(&f)?;
            }
        }
        Ok(conf)
    }

    /// Merge one file's settings over the current ones.
    pub fn merge_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        self.merge_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        self.files.push(path.to_path_buf());
        Ok(())
    }

    pub fn merge_str(&mut self, text: &str) -> Result<()> {
        let f: File = toml::from_str(text)?;
        if let Some(s) = f.unqualified_search_registries {
            self.search = s;
        }
        for mut r in f.registry {
            if r.location.is_empty() {
                r.location = r.prefix.clone().unwrap_or_default();
            }
            self.registries.retain(|e| e.key() != r.key());
            self.registries.push(r);
        }
        if let Some(v1) = f.registries {
            if let Some(s) = v1.search {
                self.search = s.registries;
            }
            for (list, insecure) in [(v1.insecure, true), (v1.block, false)] {
                for loc in list.map(|l| l.registries).unwrap_or_default() {
                    let entry = self.entry_mut(&loc);
                    if insecure {
                        entry.insecure = true
                    } else {
                        entry.blocked = true
                    }
                }
            }
        }
        Ok(())
    }

    fn entry_mut(&mut self, loc: &str) -> &mut RegistryEntry {
        if let Some(i) = self.registries.iter().position(|e| e.key() == loc) {
            return &mut self.registries[i];
        }
        self.registries.push(RegistryEntry { location: loc.into(), prefix: None, insecure: false, blocked: false });
        self.registries.last_mut().expect("just pushed")
    }

    /// The `[[registry]]` entry that applies to `name` (`registry/repository`):
    /// the longest matching prefix; `*.example.com` matches subdomains.
    pub fn find(&self, name: &str) -> Option<&RegistryEntry> {
        self.registries.iter().filter(|e| e.matches(name)).max_by_key(|e| e.key().len())
    }

    /// Whether plain HTTP / unverified TLS is allowed for `name`.
    pub fn insecure(&self, name: &str) -> bool {
        self.find(name).is_some_and(|e| e.insecure)
    }

    pub fn blocked(&self, name: &str) -> bool {
        self.find(name).is_some_and(|e| e.blocked)
    }
}

impl RegistryEntry {
    fn key(&self) -> &str {
        self.prefix.as_deref().unwrap_or(&self.location)
    }

    fn matches(&self, name: &str) -> bool {
        let key = self.key();
        if let Some(domain) = key.strip_prefix("*.") {
            let host = name.split('/').next().unwrap_or("");
            return host.ends_with(&format!(".{domain}"));
        }
        name == key || (name.starts_with(key) && name.as_bytes().get(key.len()) == Some(&b'/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v2_and_prefix_matching() {
        let mut c = RegistriesConf::default();
        c.merge_str(
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
location = "*.corp.test"
insecure = true
"#,
        )
        .unwrap();
        assert_eq!(c.search, ["127.0.0.1:5000", "docker.io"]);
        assert!(c.insecure("127.0.0.1:5000/busybox"));
        assert!(!c.insecure("127.0.0.1:50001/busybox"));
        assert!(c.blocked("example.com/blocked/x"));
        assert!(!c.blocked("example.com/blockedx"));
        assert!(c.insecure("reg.corp.test/a"));
        assert!(!c.insecure("corp.test/a"));
    }

    #[test]
    fn v1_tables() {
        let mut c = RegistriesConf::default();
        c.merge_str("[registries.search]\nregistries = ['a.io']\n[registries.insecure]\nregistries = ['b.io']\n").unwrap();
        assert_eq!(c.search, ["a.io"]);
        assert!(c.insecure("b.io/x"));
    }

    #[test]
    fn later_files_override() {
        let mut c = RegistriesConf::default();
        c.merge_str("unqualified-search-registries=['a']\n[[registry]]\nlocation='x'\ninsecure=true\n").unwrap();
        c.merge_str("[[registry]]\nlocation='x'\ninsecure=false\n").unwrap();
        assert_eq!(c.search, ["a"]);
        assert!(!c.insecure("x/y"));
    }

    #[test]
    fn malformed_is_an_error() {
        assert!(RegistriesConf::default().merge_str("unqualified-search-registries = 3").is_err());
    }
}

//! Image references in Docker's grammar: `[registry/]repo/path[:tag][@sha256:...]`.
//!
//! A reference without a registry (`busybox`, `library/alpine`) is a *short
//! name*: the engine qualifies it through `unqualified-search-registries`, or
//! with `docker.io` when none are configured. On `docker.io` a one-component
//! path gains `library/` (`busybox` → `docker.io/library/busybox:latest`).

use std::fmt;

use thiserror::Error;

use crate::storage::Digest;

#[derive(Debug, Error, PartialEq)]
pub enum ReferenceError {
    #[error("invalid reference format {0:?}: {1}")]
    Invalid(String, &'static str),
}

/// A parsed reference, maybe short (no registry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub registry: Option<String>,
    pub path: String,
    pub tag: Option<String>,
    pub digest: Option<Digest>,
}

/// A fully qualified reference; `tag` is `latest` unless a digest was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qualified {
    pub registry: String,
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<Digest>,
}

fn valid_path_component(c: &str) -> bool {
    // [a-z0-9]+ separated by '.', '_', '__', or one or more '-'.
    if c.is_empty() || !c.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')) {
        return false;
    }
    let first = c.as_bytes()[0];
    let last = c.as_bytes()[c.len() - 1];
    first.is_ascii_alphanumeric() && last.is_ascii_alphanumeric() && !c.contains("..") && !c.contains("___")
}

fn valid_tag(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 128
        && (t.as_bytes()[0].is_ascii_alphanumeric() || t.as_bytes()[0] == b'_')
        && t.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

pub(crate) fn valid_registry(r: &str) -> bool {
    // host[:port], host a DNS name, an IPv4 address or a bracketed IPv6 address.
    let (host, port) = if r.starts_with('[') {
        match r.find(']') {
            Some(i) => match &r[i + 1..] {
                "" => (&r[..=i], None),
                rest => match rest.strip_prefix(':') {
                    Some(p) => (&r[..=i], Some(p)),
                    None => return false,
                },
            },
            None => return false,
        }
    } else {
        match r.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (r, None),
        }
    };
    let port_ok = port.map(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit())).unwrap_or(true);
    let host_ok = if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !v6.is_empty() && v6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
    } else {
        !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')) && !host.starts_with(['-', '.'])
    };
    port_ok && host_ok
}

/// Whether the first component of a name is a registry host (Docker's rule).
fn looks_like_registry(first: &str) -> bool {
    first.contains('.') || first.contains(':') || first == "localhost"
}

impl Reference {
    pub fn parse(input: &str) -> Result<Reference, ReferenceError> {
        let bad = |why| ReferenceError::Invalid(input.to_string(), why);
        let s = input.trim();
        if s.is_empty() {
            return Err(bad("empty"));
        }
        let s = s.strip_prefix("docker://").unwrap_or(s);
        let (rest, digest) = match s.split_once('@') {
            Some((r, d)) => (r, Some(d.parse::<Digest>().map_err(|_| bad("invalid digest"))?)),
            None => (s, None),
        };
        // A tag is after the last ':' that follows the last '/'.
        let slash = rest.rfind('/').map(|i| i + 1).unwrap_or(0);
        let (name, tag) = match rest[slash..].rfind(':') {
            Some(i) => (&rest[..slash + i], Some(rest[slash + i + 1..].to_string())),
            None => (rest, None),
        };
        if let Some(t) = &tag {
            if !valid_tag(t) {
                return Err(bad("invalid tag"));
            }
        }
        let (registry, path) = match name.split_once('/') {
            Some((first, more)) if looks_like_registry(first) => (Some(first.to_string()), more.to_string()),
            _ => (None, name.to_string()),
        };
        if let Some(r) = &registry {
            if !valid_registry(r) {
                return Err(bad("invalid registry"));
            }
        }
        if path.is_empty() || !path.split('/').all(valid_path_component) {
            return Err(bad("repository name must be lowercase letters, digits and separators"));
        }
        if path.len() > 255 {
            return Err(bad("repository name too long"));
        }
        Ok(Reference { registry, path, tag, digest })
    }

    pub fn is_short(&self) -> bool {
        self.registry.is_none()
    }

    /// Qualify with `registry` (the reference's own when it has one).
    pub fn qualify(&self, registry: &str) -> Qualified {
        let registry = self.registry.as_deref().unwrap_or(registry);
        let registry = if registry == "index.docker.io" { "docker.io" } else { registry };
        let repository = if registry == "docker.io" && !self.path.contains('/') { format!("library/{}", self.path) } else { self.path.clone() };
        let tag = match (&self.tag, &self.digest) {
            (None, None) => Some("latest".to_string()),
            (t, _) => t.clone(),
        };
        Qualified { registry: registry.to_string(), repository, tag, digest: self.digest.clone() }
    }
}

impl Qualified {
    /// `registry/repository`.
    pub fn name(&self) -> String {
        format!("{}/{}", self.registry, self.repository)
    }
    /// `registry/repository:tag`, if tagged.
    pub fn tagged(&self) -> Option<String> {
        self.tag.as_ref().map(|t| format!("{}:{t}", self.name()))
    }
    /// `registry/repository@digest`.
    pub fn with_digest(&self, d: &Digest) -> String {
        format!("{}@{d}", self.name())
    }
    /// The oci-client form of this reference.
    pub fn to_oci(&self) -> oci_client::Reference {
        match (&self.tag, &self.digest) {
            (_, Some(d)) => oci_client::Reference::with_digest(self.registry.clone(), self.repository.clone(), d.to_string()),
            (Some(t), None) => oci_client::Reference::with_tag(self.registry.clone(), self.repository.clone(), t.clone()),
            (None, None) => oci_client::Reference::with_tag(self.registry.clone(), self.repository.clone(), "latest".into()),
        }
    }
}

impl fmt::Display for Qualified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name())?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// Split a stored `registry/repo:tag` name into (repository, tag).
pub fn split_name(name: &str) -> (&str, &str) {
    let slash = name.rfind('/').map(|i| i + 1).unwrap_or(0);
    match name[slash..].rfind(':') {
        Some(i) => (&name[..slash + i], &name[slash + i + 1..]),
        None => (name, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> String {
        Reference::parse(s).unwrap().qualify("docker.io").to_string()
    }

    #[test]
    fn docker_normalisation() {
        assert_eq!(q("busybox"), "docker.io/library/busybox:latest");
        assert_eq!(q("library/busybox:1.36"), "docker.io/library/busybox:1.36");
        assert_eq!(q("user/app"), "docker.io/user/app:latest");
        assert_eq!(q("docker.io/busybox"), "docker.io/library/busybox:latest");
        assert_eq!(q("index.docker.io/busybox"), "docker.io/library/busybox:latest");
        assert_eq!(q("quay.io/a/b:c"), "quay.io/a/b:c");
        assert_eq!(q("localhost/x"), "localhost/x:latest");
        assert_eq!(q("127.0.0.1:5000/busybox"), "127.0.0.1:5000/busybox:latest");
        assert_eq!(q("docker://alpine:3"), "docker.io/library/alpine:3");
    }

    #[test]
    fn digests() {
        let d = format!("sha256:{}", "ab".repeat(32));
        let r = Reference::parse(&format!("127.0.0.1:5000/x@{d}")).unwrap();
        assert_eq!(r.qualify("docker.io").to_string(), format!("127.0.0.1:5000/x@{d}"));
        assert_eq!(r.qualify("docker.io").tag, None);
        let r = Reference::parse(&format!("x:1@{d}")).unwrap();
        assert_eq!(r.tag.as_deref(), Some("1"));
    }

    #[test]
    fn short_names() {
        assert!(Reference::parse("busybox").unwrap().is_short());
        assert!(Reference::parse("a/b").unwrap().is_short());
        assert!(!Reference::parse("a.b/c").unwrap().is_short());
        assert!(!Reference::parse("host:5000/c").unwrap().is_short());
    }

    #[test]
    fn rejects_bad_input() {
        for s in ["", "UPPER", "a/../b", "x:", "x:-bad", "x@sha256:12", "a//b", "-a", "a:b:c/d"] {
            assert!(Reference::parse(s).is_err(), "{s} should be rejected");
        }
    }

    #[test]
    fn split_names() {
        assert_eq!(split_name("127.0.0.1:5000/a/b:c"), ("127.0.0.1:5000/a/b", "c"));
        assert_eq!(split_name("docker.io/library/busybox:latest"), ("docker.io/library/busybox", "latest"));
    }
}

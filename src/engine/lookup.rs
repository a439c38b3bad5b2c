//! Finding a local image from what a user typed: a full or short ID, a
//! qualified name, a short name (its alias, then qualified through the search registries,
//! `docker.io` and `localhost`, then matched by repository suffix), or a
//! `name@digest`.

use anyhow::{bail, Result};

use crate::image::reference::{Qualified, Reference};
use crate::image::registries::RegistriesConf;
use crate::storage::ImageRecord;

fn hex_prefix(s: &str) -> Option<&str> {
    let s = s.strip_prefix("sha256:").unwrap_or(s);
    (!s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))).then_some(s)
}

fn matches_qualified(img: &ImageRecord, q: &Qualified) -> bool {
    if let Some(d) = &q.digest {
        let want = q.with_digest(d);
        if img.repo_digests.contains(&want) {
            return true;
        }
        return &img.digest == d && img.names.iter().any(|n| crate::image::reference::split_name(n).0 == q.name());
    }
    q.tagged().is_some_and(|t| img.names.contains(&t))
}

/// The qualified forms a short reference can take locally.
pub fn local_candidates(r: &Reference, conf: &RegistriesConf) -> Vec<Qualified> {
    if !r.is_short() {
        return vec![r.qualify("docker.io")];
    }
    let mut regs: Vec<String> = conf.search.clone();
    for extra in ["localhost", "docker.io"] {
        if !regs.iter().any(|x| x == extra) {
            regs.push(extra.to_string());
        }
    }
    // A short-name alias comes first, as in Podman's ResolveLocally.
    conf.alias_for(r).map(|(q, _)| q).into_iter().chain(regs.iter().map(|reg| r.qualify(reg))).collect()
}

/// Find one image; `Ok(None)` when absent, an error when ambiguous.
pub fn find<'a>(images: &'a [ImageRecord], input: &str, conf: &RegistriesConf) -> Result<Option<&'a ImageRecord>> {
    find_with(images, input, || Ok(conf))
}

/// [`find`], with registries.conf read only when `input` is a short name:
/// an ID or a qualified name needs neither its search list nor its aliases
/// (reading and parsing registries.conf and the short-name aliases is about
/// 1 M instructions, a sixth of `run`'s own work before the container starts).
pub fn find_with<'a, C: std::borrow::Borrow<RegistriesConf>>(
    images: &'a [ImageRecord],
    input: &str,
    conf: impl FnOnce() -> Result<C>,
) -> Result<Option<&'a ImageRecord>> {
    if let Some(hex) = hex_prefix(input) {
        if let Some(i) = images.iter().find(|i| i.id == hex) {
            return Ok(Some(i));
        }
    }
    if let Ok(r) = Reference::parse(input) {
        let candidates = if r.is_short() { local_candidates(&r, conf()?.borrow()) } else { vec![r.qualify("docker.io")] };
        for q in candidates {
            if let Some(i) = images.iter().find(|i| matches_qualified(i, &q)) {
                return Ok(Some(i));
            }
        }
        if r.is_short() {
            let tag = r.tag.clone().unwrap_or_else(|| "latest".into());
            let suffix = format!("/{}:{}", r.path, tag);
            let found: Vec<&ImageRecord> = images.iter().filter(|i| r.digest.is_none() && i.names.iter().any(|n| n.ends_with(&suffix))).collect();
            match found.len() {
                0 => {}
                1 => return Ok(Some(found[0])),
                _ => bail!("short name {input:?} matches several images; use a fully qualified name"),
            }
        }
    }
    if let Some(hex) = hex_prefix(input) {
        let found: Vec<&ImageRecord> = images.iter().filter(|i| i.id.starts_with(hex)).collect();
        match found.len() {
            0 => {}
            1 => return Ok(Some(found[0])),
            _ => bail!("image ID prefix {input:?} is ambiguous"),
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Digest;

    fn img(id: &str, names: &[&str]) -> ImageRecord {
        ImageRecord {
            id: id.repeat(64 / id.len()),
            names: names.iter().map(|s| s.to_string()).collect(),
            repo_digests: vec![],
            digest: Digest::of(id.as_bytes()),
            manifest_media_type: String::new(),
            layers: vec![],
            created: None,
            stored: String::new(),
            size: 0,
            architecture: "amd64".into(),
            os: "linux".into(),
        }
    }

    #[test]
    fn finds_by_name_short_name_and_id() {
        let images =
            vec![img("a", &["docker.io/library/busybox:latest"]), img("b", &["127.0.0.1:5000/layers:latest"]), img("c", &["127.0.0.1:5000/busybox:1"])];
        let conf = RegistriesConf::default();
        let f = |s: &str| find(&images, s, &conf).unwrap().map(|i| i.id[..1].to_string());
        assert_eq!(f("busybox").as_deref(), Some("a"));
        assert_eq!(f("docker.io/busybox:latest").as_deref(), Some("a"));
        assert_eq!(f("layers").as_deref(), Some("b"));
        assert_eq!(f("busybox:1").as_deref(), Some("c"));
        assert_eq!(f("bbbb").as_deref(), Some("b"));
        assert_eq!(f(&format!("sha256:{}", "c".repeat(64))).as_deref(), Some("c"));
        assert_eq!(f("nothere"), None);
        assert_eq!(f("busybox:2"), None);
    }
}

//! `rpod auto-update`: Podman's auto-updates for containers run by systemd
//! units. A running container labelled `io.containers.autoupdate=registry`
//! or `=local` and `PODMAN_SYSTEMD_UNIT=UNIT` (rpod sets that label when it
//! runs inside a unit, as Quadlet's and `generate systemd`'s units do) is
//! updated when its image changed: `registry` compares the registry's
//! manifest digest of the container's image name with the local image's and
//! pulls; `local` compares with the image now tagged with that name. The
//! unit is then restarted (its ExecStart recreates the container from the
//! name); when that fails and rollback is on, the old image gets the name
//! back and the unit is restarted again.
//!
//! Restarting goes through [`Units`] (`systemctl`, or a fake in tests).

use std::collections::BTreeMap;

use anyhow::{anyhow, bail, Context, Result};
use serde::Serialize;

use super::Engine;
use crate::image::platform::Platform;
use crate::image::reference::Reference;
use crate::image::transfer::{ManifestDoc, Remote};
use crate::storage::{Digest, ImageRecord};

pub const POLICY_LABEL: &str = "io.containers.autoupdate";
pub const UNIT_LABEL: &str = "PODMAN_SYSTEMD_UNIT";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    Registry,
    Local,
}

impl Policy {
    /// The label's value; `disabled` (or empty) means no updates. `image` is
    /// Podman's old name for `registry`.
    pub fn parse(v: &str) -> Result<Option<Policy>, String> {
        match v {
            "registry" | "image" => Ok(Some(Policy::Registry)),
            "local" => Ok(Some(Policy::Local)),
            "" | "disabled" => Ok(None),
            other => Err(format!("invalid auto-update policy {other:?}: use registry, local or disabled")),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Policy::Registry => "registry",
            Policy::Local => "local",
        }
    }
}

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct AutoUpdateOptions {
    pub dry_run: bool,
    pub rollback: bool,
    pub authfile: Option<std::path::PathBuf>,
    pub tls_verify: Option<bool>,
}

/// One row of the report, Podman's fields.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct Row {
    pub unit: String,
    /// `ID12 (name)`, as Podman prints it.
    pub container: String,
    #[serde(rename = "ContainerName")]
    pub container_name: String,
    #[serde(rename = "ContainerID")]
    pub container_id: String,
    pub image: String,
    pub policy: String,
    /// `false`, `true`, `pending` (dry run), `failed` or `rolled back`.
    pub updated: String,
}

/// Restarts systemd units.
pub trait Units {
    fn restart(&self, unit: &str) -> Result<(), String>;
}

/// The real one: `systemctl [--user] restart UNIT`.
pub struct Systemctl {
    pub user: bool,
}

impl Units for Systemctl {
    fn restart(&self, unit: &str) -> Result<(), String> {
        let mut c = std::process::Command::new("systemctl");
        if self.user {
            c.arg("--user");
        }
        let out = c.args(["restart", "--", unit]).stdin(std::process::Stdio::null()).output().map_err(|e| format!("running systemctl: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            let err = String::from_utf8_lossy(&out.stderr);
            Err(format!("restarting unit {unit}: {}", err.lines().next().unwrap_or("systemctl failed").trim()))
        }
    }
}

/// A container to consider.
#[derive(Debug, Clone)]
struct Task {
    id: String,
    name: String,
    unit: String,
    image_name: String,
    image_id: String,
    policy: Policy,
}

/// Whether a local image differs from what the registry serves: the
/// registry's top-level digest and, for an index, the digest of the entry
/// for this platform. The local image is current when either is one of its
/// digests (its manifest's, or a repo digest of a list it was pulled by).
pub fn registry_has_newer(local: &ImageRecord, remote_top: &Digest, remote_instance: Option<&Digest>) -> bool {
    let known = |d: &Digest| local.digest == *d || local.repo_digests.iter().any(|r| r.rsplit_once('@').is_some_and(|(_, x)| x == d.to_string()));
    !(known(remote_top) || remote_instance.is_some_and(known))
}

/// Run the auto-updates (or only check them, with `dry_run`). Errors of
/// single containers are collected beside the rows; the caller prints the
/// rows, then the errors, and fails when there are any.
pub fn auto_update(engine: &mut Engine, o: &AutoUpdateOptions, units: &dyn Units) -> Result<(Vec<Row>, Vec<String>)> {
    let mut errors = Vec::new();
    let tasks = tasks(engine, &mut errors)?;
    let mut rows = Vec::new();
    // One unit may run several containers: it is restarted once.
    let mut by_unit: BTreeMap<String, Vec<Task>> = BTreeMap::new();
    for t in tasks {
        by_unit.entry(t.unit.clone()).or_default().push(t);
    }
    if !o.dry_run && by_unit.values().flatten().any(|t| t.policy == Policy::Registry) {
        engine.ensure_content_access()?;
    }
    for (unit, tasks) in by_unit {
        let mut pending: Vec<(Task, Option<String>)> = Vec::new(); // (task, old image id to roll back to)
        let mut unit_rows = Vec::new();
        for t in tasks {
            let newer = match t.policy {
                Policy::Registry => registry_check(engine, &t, o),
                Policy::Local => local_check(engine, &t),
            };
            let updated = match newer {
                Err(e) => {
                    errors.push(format!("{} ({}): {e:#}", t.name, t.unit));
                    "failed"
                }
                Ok(false) => "false",
                Ok(true) if o.dry_run => "pending",
                Ok(true) => {
                    if t.policy == Policy::Registry {
                        let opts = super::pull::PullOptions {
                            quiet: true,
                            tls_verify: o.tls_verify,
                            platform: Platform::host(),
                            authfile: o.authfile.clone(),
                            creds: None,
                            progress: None,
                        };
                        match super::pull::pull(engine, &t.image_name, &opts) {
                            Ok(_) => {
                                pending.push((t.clone(), Some(t.image_id.clone())));
                                "true"
                            }
                            Err(e) => {
                                errors.push(format!("{} ({}): pulling {}: {e:#}", t.name, t.unit, t.image_name));
                                "failed"
                            }
                        }
                    } else {
                        pending.push((t.clone(), Some(t.image_id.clone())));
                        "true"
                    }
                }
            };
            unit_rows.push((t, updated.to_string()));
        }
        if !pending.is_empty() {
            if let Err(e) = units.restart(&unit) {
                let mut outcome = "failed";
                if o.rollback {
                    let mut retagged = true;
                    for (t, old) in &pending {
                        if let Some(old) = old {
                            if let Err(e) = super::images::tag(engine, old, std::slice::from_ref(&t.image_name)) {
                                errors.push(format!("{} ({}): rolling back to image {}: {e:#}", t.name, t.unit, &old[..12.min(old.len())]));
                                retagged = false;
                            }
                        }
                    }
                    if retagged {
                        match units.restart(&unit) {
                            Ok(()) => outcome = "rolled back",
                            Err(e2) => errors.push(format!("{unit}: restarting after the rollback: {e2}")),
                        }
                    }
                }
                errors.push(format!("{unit}: {e}"));
                for (t, updated) in unit_rows.iter_mut() {
                    if pending.iter().any(|(p, _)| p.id == t.id) {
                        *updated = outcome.to_string();
                    }
                }
            }
        }
        for (t, updated) in unit_rows {
            rows.push(Row {
                unit: t.unit.clone(),
                container: format!("{} ({})", &t.id[..12.min(t.id.len())], t.name),
                container_name: t.name.clone(),
                container_id: t.id.clone(),
                image: t.image_name.clone(),
                policy: t.policy.as_str().into(),
                updated,
            });
        }
    }
    Ok((rows, errors))
}

/// The running containers with an auto-update policy.
fn tasks(engine: &Engine, errors: &mut Vec<String>) -> Result<Vec<Task>> {
    let store = super::container::containers(engine)?;
    let mut out = Vec::new();
    for (s, st) in store.list_with_state()? {
        let Some(v) = s.labels.get(POLICY_LABEL) else { continue };
        let policy = match Policy::parse(v) {
            Ok(Some(p)) => p,
            Ok(None) => continue,
            Err(e) => {
                errors.push(format!("{}: {e}", s.name));
                continue;
            }
        };
        if st.status != crate::container::Status::Running {
            continue;
        }
        let Some(unit) = s.labels.get(UNIT_LABEL).filter(|u| !u.is_empty()) else {
            errors.push(format!(
                "{}: auto-updating container {}: no {UNIT_LABEL} label found (run it from a systemd unit: Quadlet or rpod generate systemd --new)",
                s.name,
                &s.id[..12]
            ));
            continue;
        };
        if policy == Policy::Registry {
            match Reference::parse(&s.image_name) {
                Ok(r) if !r.is_short() && r.digest.is_none() => {}
                _ => {
                    errors.push(format!(
                        "{}: auto-updating container {}: image {:?} is not a fully-qualified tagged reference (registry/repository:tag), which the registry policy needs",
                        s.name,
                        &s.id[..12],
                        s.image_name
                    ));
                    continue;
                }
            }
        }
        out.push(Task { id: s.id.clone(), name: s.name.clone(), unit: unit.clone(), image_name: s.image_name.clone(), image_id: s.image_id.clone(), policy });
    }
    Ok(out)
}

fn local_image(engine: &Engine, id: &str) -> Result<ImageRecord> {
    engine
        .store
        .images()?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or_else(|| anyhow!("the container's image {} is no longer in the store", &id[..12.min(id.len())]))
}

/// `local`: the image now named like the container's differs from it.
fn local_check(engine: &Engine, t: &Task) -> Result<bool> {
    let now = super::images::lookup(engine, &t.image_name).with_context(|| format!("looking up the local image {}", t.image_name))?;
    Ok(now.id != t.image_id)
}

/// `registry`: the registry serves another manifest for the image's name.
fn registry_check(engine: &Engine, t: &Task, o: &AutoUpdateOptions) -> Result<bool> {
    let local = local_image(engine, &t.image_id)?;
    let q = Reference::parse(&t.image_name)?.qualify("docker.io");
    let conf = engine.registries()?;
    let name = q.name();
    if conf.blocked(&name) {
        bail!("registry {} is blocked in registries.conf", q.registry);
    }
    let insecure = match o.tls_verify {
        Some(v) => !v,
        None => conf.insecure(&name),
    };
    let creds = crate::image::auth::lookup(&engine.paths, o.authfile.as_deref(), &name)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().context("starting the transfer runtime")?;
    let (top, instance) = runtime.block_on(async {
        let remote = Remote::connect(&q.registry, insecure, creds).await?;
        let (bytes, digest, media_type) = remote.manifest(&q.to_oci()).await.with_context(|| format!("reading the manifest of {q}"))?;
        let (doc, _) = ManifestDoc::parse(&bytes, &media_type)?;
        let instance = if doc.is_index(&media_type) {
            let host = Platform::host();
            doc.manifests
                .as_deref()
                .unwrap_or_default()
                .iter()
                .find(|d| d.platform.as_ref().is_some_and(|p| host.matches(&p.os, &p.architecture, p.variant.as_deref())))
                .map(|d| d.digest.clone())
        } else {
            None
        };
        anyhow::Ok((digest, instance))
    })?;
    Ok(registry_has_newer(&local, &top, instance.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(c: char) -> Digest {
        format!("sha256:{}", c.to_string().repeat(64)).parse().unwrap()
    }

    fn image(digest: Digest, repo: &[&str]) -> ImageRecord {
        ImageRecord {
            id: "f".repeat(64),
            names: vec![],
            repo_digests: repo.iter().map(|s| s.to_string()).collect(),
            digest,
            manifest_media_type: String::new(),
            layers: vec![],
            created: None,
            stored: String::new(),
            size: 0,
            architecture: String::new(),
            os: String::new(),
        }
    }

    #[test]
    fn policies_as_podman() {
        assert_eq!(Policy::parse("registry"), Ok(Some(Policy::Registry)));
        assert_eq!(Policy::parse("image"), Ok(Some(Policy::Registry)));
        assert_eq!(Policy::parse("local"), Ok(Some(Policy::Local)));
        assert_eq!(Policy::parse("disabled"), Ok(None));
        assert!(Policy::parse("sometimes").unwrap_err().contains("sometimes"));
    }

    #[test]
    fn registry_digest_comparison() {
        let a = d('a');
        let b = d('b');
        let c = d('c');
        // Same manifest: nothing newer.
        assert!(!registry_has_newer(&image(a.clone(), &[]), &a, None));
        // Another manifest: newer.
        assert!(registry_has_newer(&image(a.clone(), &[]), &b, None));
        // An index whose entry for this platform is the local manifest.
        assert!(!registry_has_newer(&image(a.clone(), &[]), &b, Some(&a)));
        // Pulled by that same index (its digest is a repo digest).
        let by_list = format!("r.example/x@{b}");
        assert!(!registry_has_newer(&image(a.clone(), &[&by_list]), &b, Some(&c)));
        // A new index with a new entry.
        assert!(registry_has_newer(&image(a, &[&by_list]), &c, Some(&c)));
    }
}

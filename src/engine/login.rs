//! `login` and `logout`: check credentials against a registry and keep them
//! in auth.json.

use std::path::Path;

use anyhow::{bail, Context, Result};

use super::Engine;
use crate::image::auth::{self, Credentials};
use crate::image::reference::Reference;

/// The auth.json key for what the user typed: `registry[/namespace...]`.
pub fn key_for(input: &str) -> Result<String> {
    let s = input.trim().trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/');
    if s.is_empty() {
        bail!("missing registry");
    }
    let first = s.split('/').next().unwrap_or(s);
    if s.contains('/') {
        // registry/namespace: validate as a reference.
        let r = Reference::parse(s)?;
        if r.tag.is_some() || r.digest.is_some() {
            bail!("{input}: credentials cannot be scoped to a tag or digest");
        }
    }
    Ok(match first {
        "index.docker.io" | "registry-1.docker.io" => s.replacen(first, "docker.io", 1),
        _ => s.to_string(),
    })
}

pub fn login(engine: &Engine, registry: &str, creds: &Credentials, tls_verify: Option<bool>, authfile: Option<&Path>) -> Result<std::path::PathBuf> {
    let key = key_for(registry)?;
    let host = key.split('/').next().unwrap_or(&key).to_string();
    let conf = engine.registries()?;
    let insecure = match tls_verify {
        Some(v) => !v,
        None => conf.insecure(&key),
    };
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().context("starting the transfer runtime")?;
    rt.block_on(crate::image::transfer::check_login(&host, insecure, creds))?;
    let file = auth::write_target(&engine.paths, authfile);
    // A `credHelpers` entry for the registry in that file: the helper keeps
    // the credentials (Podman's SetCredentials), not the file.
    if let Some(helper) = auth::file_helper(&file, &host)? {
        if key != host {
            bail!("namespaced key is not supported for credential helper {helper}");
        }
        crate::image::credhelper::store(&helper, &host, creds)?;
        return Ok(file);
    }
    auth::store(&file, &key, creds)?;
    Ok(file)
}

/// Remove credentials for one registry from every auth file rpod reads (and
/// from the `credHelpers` helper a file names for it), or (`registry =
/// None`, `--all`) every `auths` credential from the file login writes
/// (helpers are not asked to forget everything).
pub fn logout(engine: &Engine, registry: Option<&str>, authfile: Option<&Path>) -> Result<()> {
    let Some(reg) = registry else {
        auth::remove(&auth::write_target(&engine.paths, authfile), None)?;
        return Ok(());
    };
    let key = key_for(reg)?;
    let host = auth::registry_of(&key).to_string();
    let mut removed = false;
    for f in auth::auth_files(&engine.paths, authfile) {
        if let Some(helper) = auth::file_helper(&f, &host)? {
            // Namespaced keys are never in a helper (Podman skips them too).
            if key == host {
                removed |= crate::image::credhelper::erase(&helper, &host)?;
            }
        }
        removed |= auth::remove(&f, Some(&key))?;
    }
    if !removed {
        bail!("not logged into {key}");
    }
    Ok(())
}

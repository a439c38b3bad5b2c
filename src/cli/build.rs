//! `rpod build`: flags to [`BuildOptions`], step lines and RUN output to
//! standard output (Podman's shape: `STEP 1/3: FROM ...`, `--> ID`,
//! `COMMIT NAME`, the full ID last; `-q` prints only the ID).

use std::io::{Read, Write};

use anyhow::{bail, Context, Result};

use super::BuildArgs;
use crate::engine::build::{self, BuildOptions, Progress, PullPolicy};
use crate::engine::Engine;

pub fn cmd_build(engine: &mut Engine, a: &BuildArgs) -> Result<i32> {
    if a.file.len() > 1 {
        bail!(crate::engine::Error::bad_input("more than one -f is not supported by rpod yet"));
    }
    // rpod removes every step's container, after success and failure alike.
    if !a.rm {
        bail!(crate::engine::Error::bad_input("rpod build --rm=false is not supported: rpod always removes each step's container"));
    }
    if a.force_rm == Some(false) {
        bail!(crate::engine::Error::bad_input("rpod build --force-rm=false is not supported: rpod always removes a failed step's container"));
    }
    if !a.skip_unused_stages {
        bail!(crate::engine::Error::bad_input("rpod build --skip-unused-stages=false is not supported: rpod builds only the stages the target needs"));
    }
    let registry = crate::engine::manifest::RegistryOptions {
        tls_verify: a.tls_verify,
        authfile: a.authfile.clone(),
        creds: a.creds.as_deref().map(super::commands::parse_creds).transpose()?,
    };
    let mut o = BuildOptions {
        registry,
        tags: a.tag.clone(),
        build_arg_files: a.build_arg_file.clone(),
        target: a.target.clone(),
        no_cache: a.no_cache,
        layers: a.layers,
        squash: a.squash,
        squash_all: a.squash_all,
        labels: a.label.clone(),
        annotations: a.annotation.clone(),
        pull: PullPolicy::parse(&a.pull)?,
        format: a.format.clone(),
        network: a.network.clone().unwrap_or_default(),
        platform: a.platform.clone(),
        secrets: a.secret.clone(),
        timestamp: a.timestamp,
        omit_history: a.omit_history,
        quiet: a.quiet,
        manifest: a.manifest.clone(),
        ..Default::default()
    };
    if a.timestamp.is_none() {
        if let Ok(v) = std::env::var("SOURCE_DATE_EPOCH") {
            if !v.trim().is_empty() {
                o.source_date_epoch =
                    Some(v.trim().parse::<i64>().map_err(|_| crate::engine::Error::bad_input(format!("SOURCE_DATE_EPOCH={v:?} is not a number of seconds")))?);
            }
        }
    }
    if let Ok(v) = std::env::var("RPOD_BUILD_MAX_UNPACKED") {
        o.max_unpacked =
            Some(v.trim().parse::<u64>().map_err(|_| crate::engine::Error::bad_input(format!("RPOD_BUILD_MAX_UNPACKED={v:?}: expected a number of bytes")))?);
    }
    for b in &a.build_arg {
        match b.split_once('=') {
            Some((k, v)) => o.build_args.push((k.to_string(), v.to_string())),
            // A bare KEY takes the caller's value, as Podman does; unset, it is ignored.
            None => {
                if let Ok(v) = std::env::var(b) {
                    o.build_args.push((b.clone(), v));
                }
            }
        }
    }
    let context = a.context.clone().unwrap_or_else(|| ".".into());
    let stdin_file = context == "-" || a.file.first().is_some_and(|f| f == "-");
    if stdin_file {
        let mut text = String::new();
        std::io::stdin().lock().take(4 << 20).read_to_string(&mut text).context("reading the Containerfile from standard input")?;
        o.file_text = Some(text);
    } else if let Some(f) = a.file.first() {
        o.file = Some(f.into());
    }
    o.context = (context != "-").then_some(context);
    let quiet = a.quiet;
    let mut out = std::io::stdout().lock();
    let mut sink = |p: Progress| {
        if quiet {
            return;
        }
        let _ = match p {
            Progress::Line(l) => writeln!(out, "{l}"),
            Progress::Output(d) => out.write_all(d),
        };
        let _ = out.flush();
    };
    let built = build::build(engine, &o, &mut sink)?;
    if let Some(p) = &a.iidfile {
        std::fs::write(p, format!("sha256:{}", built.id)).with_context(|| format!("writing --iidfile {}", p.display()))?;
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", built.id);
    Ok(0)
}

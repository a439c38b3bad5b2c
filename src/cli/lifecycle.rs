//! `container clone`, `container cleanup`, `system reset`, `system migrate`:
//! flags to engine calls, reports to Podman-shaped output.

use std::io::Write;

use anyhow::{Context, Result};

use super::{CleanupArgs, CloneArgs, ResetArgs};
use crate::engine::container as ctr;
use crate::engine::lifecycle::{self, CloneOptions};
use crate::engine::limits::LimitOptions;
use crate::engine::{Engine, Error};

fn print(s: &str) -> Result<i32> {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(s.as_bytes());
    let _ = o.flush();
    Ok(0)
}

pub fn cmd_clone(engine: &mut Engine, a: &CloneArgs) -> Result<i32> {
    let l = &a.limits;
    let o = CloneOptions {
        name: a.name.clone().or_else(|| a.new_name.clone()),
        image: a.image.clone(),
        limits: LimitOptions {
            memory: l.memory.clone(),
            memory_swap: l.memory_swap.clone(),
            memory_reservation: l.memory_reservation.clone(),
            cpus: l.cpus,
            cpu_shares: l.cpu_shares,
            cpu_quota: l.cpu_quota,
            cpu_period: l.cpu_period,
            cpuset_cpus: l.cpuset_cpus.clone(),
            cpuset_mems: l.cpuset_mems.clone(),
            pids_limit: None,
            blkio_weight: l.blkio_weight,
            ..Default::default()
        },
    };
    if let Some(i) = &o.image {
        crate::engine::pull::ensure(engine, i, Some(super::progress::TerminalProgress::shared(false)))?;
    }
    if a.destroy || engine.driver == "vfs" {
        engine.ensure_content_access()?; // removing the original; the vfs copy keeps owners
    }
    let orig = ctr::find(engine, &a.container)?;
    if a.destroy
        && !a.force
        && matches!(
            ctr::containers(engine)?.state(&orig.id)?.status,
            crate::container::Status::Running | crate::container::Status::Paused | crate::container::Status::Stopping
        )
    {
        // Checked before the copy exists, so a refusal leaves nothing behind.
        return Err(Error::invalid_state(format!("cannot destroy container {} as it is running: use --force", orig.name)).into());
    }
    let rec = lifecycle::clone(engine, &orig.id, &o)?;
    if a.destroy {
        ctr::remove_with_volumes(engine, &orig.id, a.force, false)?;
    }
    if a.run {
        ctr::start_record(engine, &rec, false)?;
    }
    print(&format!("{}\n", rec.id))
}

pub fn cmd_cleanup(engine: &mut Engine, a: &CleanupArgs) -> Result<i32> {
    let names: Vec<String> = if a.all { ctr::all_ids(engine)? } else { super::containers::targets(engine, &a.containers, a.latest)? };
    let remove = a.rm || a.rmi;
    let mut code = 0;
    for n in &names {
        let image = ctr::find(engine, n).ok().map(|r| r.image_id);
        match lifecycle::cleanup(engine, n, remove, a.all) {
            Ok(Some(id)) => {
                if a.rmi {
                    if let Some(img) = image {
                        // Kept when another container uses it, as Podman does.
                        let _ = crate::engine::images::rmi(engine, &[img], false, false);
                    }
                }
                print(&format!("{id}\n"))?;
            }
            Ok(None) => {}
            Err(e) => {
                eprintln!("Error: {e:#}");
                code = super::exit_code_for_engine(&e);
            }
        }
    }
    Ok(code)
}

pub fn cmd_reset(engine: &Engine, a: &ResetArgs) -> Result<i32> {
    if !a.force {
        eprint!(
            "WARNING! This will remove:\n        - all containers\n        - all images\n        - all volumes\n        - all build cache\n        - the store {} and the live state {}\nAre you sure you want to continue? [y/N] ",
            engine.paths.root.display(),
            engine.paths.runroot.display()
        );
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).context("reading the answer")?;
        if !matches!(line.trim(), "y" | "Y" | "yes" | "Yes") {
            return Ok(0);
        }
    }
    lifecycle::reset(engine)?;
    Ok(0)
}

pub fn cmd_migrate(engine: &Engine) -> Result<i32> {
    let r = lifecycle::migrate(engine)?;
    if r.unreadable.is_empty() {
        return Ok(0);
    }
    for id in &r.unreadable {
        eprintln!("Error: the record of container {id} cannot be read: `rpod rm -f {id}` removes it");
    }
    Ok(crate::error::EXIT_ENGINE)
}

//! `rpod volume ...`: flags to engine calls, results printed as Podman does.

use super::lazy::Lazy;
use std::collections::BTreeMap;
use std::io::Write;

use anyhow::{anyhow, Result};
use serde_json::Value;

use super::output::{self, Template};
use super::VolumeCommand;
use crate::engine::volumes::{self as vol, VolumeCreateOptions};
use crate::engine::{Access, Engine, Error};
use crate::error::ExitError;

fn out(s: &str) -> Result<i32> {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(s.as_bytes());
    let _ = o.flush();
    Ok(0)
}

fn key_values(v: &[String], what: &str) -> Result<BTreeMap<String, String>> {
    let mut m = BTreeMap::new();
    for s in v {
        let (k, val) = s.split_once('=').unwrap_or((s.as_str(), ""));
        if k.is_empty() {
            return Err(anyhow!("invalid {what} {s:?}: expected KEY=VALUE"));
        }
        m.insert(k.to_string(), val.to_string());
    }
    Ok(m)
}

fn filters(v: &[String]) -> Result<BTreeMap<String, Vec<String>>> {
    let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in v {
        let (k, val) = f.split_once('=').ok_or_else(|| anyhow!("invalid filter {f:?}: expected KEY=VALUE"))?;
        m.entry(k.to_string()).or_default().push(val.to_string());
    }
    Ok(m)
}

pub fn run(c: VolumeCommand, open: &dyn Fn(Access) -> Result<Engine>) -> Result<i32> {
    match c {
        VolumeCommand::Create(Lazy(a)) => {
            let o = VolumeCreateOptions {
                name: a.name.unwrap_or_default(),
                driver: a.driver,
                labels: key_values(&a.label, "label")?,
                options: key_values(&a.opt, "option")?,
                ignore_existing: a.ignore,
            };
            let name = vol::create(&open(Access::Metadata)?, &o)?;
            out(&format!("{name}\n"))
        }
        VolumeCommand::Ls(Lazy(a)) => {
            let rows: Vec<Value> = vol::list(&open(Access::Metadata)?, &filters(&a.filter)?)?.iter().map(serde_json::to_value).collect::<Result<_, _>>()?;
            if a.quiet {
                return out(&rows.iter().map(|r| format!("{}\n", r["Name"].as_str().unwrap_or(""))).collect::<String>());
            }
            match a.format.as_deref() {
                Some(f) if super::template::is_json(f) => out(&format!("{}\n", serde_json::to_string_pretty(&rows)?)),
                Some(f) => {
                    output::print_rows(&Template::parse("ls", f)?.ranged().go_type("", "*entities.VolumeListReport"), &rows, &[("Name", "VOLUME NAME")], false)
                }
                None => {
                    let mut t = if a.noheading { vec![] } else { vec![vec!["DRIVER".to_string(), "VOLUME NAME".to_string()]] };
                    for r in &rows {
                        t.push(vec![r["Driver"].as_str().unwrap_or("").into(), r["Name"].as_str().unwrap_or("").into()]);
                    }
                    out(&output::table(&t))
                }
            }
        }
        VolumeCommand::Inspect(Lazy(a)) => {
            let engine = open(Access::Metadata)?;
            let names = if a.all { vol::list(&engine, &BTreeMap::new())?.into_iter().map(|v| v.name).collect() } else { a.volumes };
            let mut rows = Vec::new();
            let mut code = 0;
            for n in &names {
                match vol::inspect(&engine, n) {
                    Ok(r) => rows.push(serde_json::to_value(r)?),
                    Err(e) => {
                        eprintln!("Error: {e}");
                        code = 125;
                    }
                }
            }
            match a.format.as_deref() {
                None => {
                    out(&format!("{}\n", serde_json::to_string_pretty(&rows)?))?;
                }
                Some(f) if super::template::is_json(f) => {
                    out(&format!("{}\n", serde_json::to_string_pretty(&rows)?))?;
                }
                Some(f) => {
                    let t = Template::parse("inspect", f)?.ranged().go_type("", "interface {}");
                    output::print_rows(&t, &rows, &[], true)?;
                }
            }
            Ok(code)
        }
        VolumeCommand::Rm(Lazy(a)) => {
            let engine = open(Access::Content)?;
            let names = if a.all { vol::list(&engine, &BTreeMap::new())?.into_iter().map(|v| v.name).collect() } else { a.volumes };
            let mut code = 0;
            for n in &names {
                match vol::remove(&engine, n, a.force) {
                    Ok(()) => {
                        out(&format!("{n}\n"))?;
                    }
                    Err(e @ Error::NoSuchVolume(_)) if names.len() == 1 => return Err(anyhow!(ExitError::new(1, e.to_string()))),
                    Err(e) => {
                        eprintln!("Error: {e}");
                        code = match &e {
                            Error::NoSuchVolume(_) => 1,
                            Error::InUse(_) => 2,
                            _ => super::exit_code_for_engine(&e),
                        };
                    }
                }
            }
            Ok(code)
        }
        VolumeCommand::Prune(Lazy(a)) => {
            let _ = a.force; // no prompt: rpod never asks
            let removed = vol::prune(&open(Access::Content)?, &filters(&a.filter)?)?;
            out(&removed.iter().map(|n| format!("{n}\n")).collect::<String>())
        }
        VolumeCommand::Export(Lazy(a)) => {
            let engine = open(Access::Content)?;
            match &a.output {
                Some(p) => {
                    let mut f = std::fs::File::create(p).map_err(|e| anyhow!("creating {}: {e}", p.display()))?;
                    vol::export(&engine, &a.volume, &mut f)?;
                    f.sync_all()?;
                }
                None => {
                    use std::io::IsTerminal;
                    if std::io::stdout().is_terminal() {
                        return Err(anyhow!("refusing to export to a terminal: use -o FILE or redirect the output"));
                    }
                    let mut o = std::io::stdout().lock();
                    vol::export(&engine, &a.volume, &mut o)?;
                    o.flush()?;
                }
            }
            Ok(0)
        }
        VolumeCommand::Import(Lazy(a)) => {
            let engine = open(Access::Content)?;
            if a.source == "-" {
                vol::import(&engine, &a.volume, &mut std::io::stdin().lock())?;
            } else {
                // The archive is the user's own file, opened as the user (this
                // process is in rpod's user namespace as the user's own uid).
                let mut f = std::fs::File::open(&a.source).map_err(|e| anyhow!("opening {}: {e}", a.source))?;
                vol::import(&engine, &a.volume, &mut f)?;
            }
            Ok(0)
        }
        VolumeCommand::Exists(Lazy(a)) => Ok(if vol::exists(&open(Access::Metadata)?, &a.volume)? { 0 } else { 1 }),
    }
}

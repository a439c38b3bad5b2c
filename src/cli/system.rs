//! `system df` and `system prune`, in Podman's shapes.

use anyhow::{Context, Result};
use serde_json::{json, Value};

use super::output::{self, human_size_compact, Template};
use super::{DfArgs, SystemPruneArgs};
use crate::engine::system::{self, PruneOptions};
use crate::engine::Engine;

/// "0B (0%)": reclaimable bytes and their share of the total.
fn reclaimable(part: u64, total: u64) -> String {
    let pct = if total == 0 { 0 } else { ((part as f64 / total as f64) * 100.0).round() as u64 };
    format!("{} ({pct}%)", human_size_compact(part))
}

pub fn cmd_df(engine: &Engine, a: &DfArgs) -> Result<i32> {
    let du = system::df(engine)?;
    if a.format.as_deref().is_some_and(super::template::is_json) {
        let mut s = serde_json::to_string_pretty(&du)?;
        s.push('\n');
        return output::print_stdout(&s);
    }
    if a.verbose && a.format.is_none() {
        return print_verbose(&du);
    }
    let img_total: u64 = du.images.iter().map(|i| i.size).sum();
    let img_free: u64 = du.images.iter().filter(|i| i.containers == 0).map(|i| i.unique_size).sum();
    let ctr_total: u64 = du.containers.iter().map(|c| c.size).sum();
    let ctr_free: u64 = du.containers.iter().filter(|c| c.status != "running" && c.status != "paused").map(|c| c.size).sum();
    let vol_total: u64 = du.volumes.iter().map(|v| v.size).sum();
    let vol_free: u64 = du.volumes.iter().filter(|v| v.links == 0).map(|v| v.size).sum();
    let row = |kind: &str, total: usize, active: usize, size: u64, free: u64| {
        json!({
            "Type": kind,
            "Total": total,
            "Active": active,
            "Size": human_size_compact(size),
            "Reclaimable": reclaimable(free, size),
            "RawSize": size,
            "RawReclaimable": free,
        })
    };
    let rows: Vec<Value> = vec![
        row("Images", du.images.len(), du.images.iter().filter(|i| i.containers > 0).count(), img_total, img_free),
        row("Containers", du.containers.len(), du.containers.iter().filter(|c| c.status == "running").count(), ctr_total, ctr_free),
        row("Local Volumes", du.volumes.len(), du.volumes.iter().filter(|v| v.links > 0).count(), vol_total, vol_free),
    ];
    let f = a.format.clone().unwrap_or_else(|| "table {{.Type}}\t{{.Total}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}".into());
    let t = Template::parse("df", &f)?.ranged().go_type("", "*system.dfSummary");
    output::print_rows(&t, &rows, &[], false)
}

fn print_verbose(du: &system::DiskUsage) -> Result<i32> {
    let mut out = String::from("Images space usage:\n\n");
    let mut t = vec![["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE", "SHARED SIZE", "UNIQUE SIZE", "CONTAINERS"].map(String::from).to_vec()];
    for i in &du.images {
        let names: Vec<(String, String)> = if i.names.is_empty() {
            vec![("<none>".into(), "<none>".into())]
        } else {
            i.names
                .iter()
                .map(|n| match n.rsplit_once(':').filter(|(_, t)| !t.contains('/')) {
                    Some((r, t)) => (r.to_string(), t.to_string()),
                    None => (n.clone(), "<none>".into()),
                })
                .collect()
        };
        let created = output::since(i.created.as_deref());
        for (repo, tag) in names {
            t.push(vec![
                repo,
                tag,
                crate::container::short_id(&i.id).to_string(),
                created.trim_end_matches(" ago").to_string(),
                human_size_compact(i.size),
                human_size_compact(i.shared_size),
                human_size_compact(i.unique_size),
                i.containers.to_string(),
            ]);
        }
    }
    out.push_str(&output::table(&t));
    out.push_str("\nContainers space usage:\n\n");
    let mut t = vec![["CONTAINER ID", "IMAGE", "COMMAND", "LOCAL VOLUMES", "SIZE", "CREATED", "STATUS", "NAMES"].map(String::from).to_vec()];
    for c in &du.containers {
        t.push(vec![
            crate::container::short_id(&c.id).to_string(),
            crate::container::short_id(&c.image_id).to_string(),
            c.command.join(" "),
            c.local_volumes.to_string(),
            human_size_compact(c.size),
            output::since(Some(&c.created)).trim_end_matches(" ago").to_string(),
            c.status.clone(),
            c.name.clone(),
        ]);
    }
    out.push_str(&output::table(&t));
    out.push_str("\nLocal Volumes space usage:\n\n");
    let mut t = vec![["VOLUME NAME", "LINKS", "SIZE"].map(String::from).to_vec()];
    for v in &du.volumes {
        t.push(vec![v.name.clone(), v.links.to_string(), human_size_compact(v.size)]);
    }
    out.push_str(&output::table(&t));
    output::print_stdout(&out)
}

pub fn cmd_prune(engine: &Engine, a: &SystemPruneArgs) -> Result<i32> {
    // `until` as a time: RFC 3339, Unix seconds or a duration before now.
    let mut filters = Vec::new();
    for f in &a.filter {
        filters.push(match f.split_once('=') {
            Some(("until", v)) => format!("until={}", super::containers::parse_time(v)?.to_rfc3339()),
            _ => f.clone(),
        });
    }
    let filters = system::PruneFilters::parse(&filters)?;
    if !a.force {
        let mut what = String::from("WARNING! This command removes:\n\t- all stopped containers\n");
        if a.volumes {
            what.push_str("\t- all volumes not used by at least one container\n");
        }
        what.push_str(if a.all { "\t- all images without at least one container associated with them\n" } else { "\t- all dangling images\n" });
        eprint!("{what}\nAre you sure you want to continue? [y/N] ");
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).context("reading the answer")?;
        if !matches!(line.trim(), "y" | "Y" | "yes" | "Yes") {
            return Ok(0);
        }
    }
    let r = system::prune(engine, &PruneOptions { all: a.all, volumes: a.volumes, filters })?;
    let mut out = String::new();
    for (title, ids) in [("Deleted Containers", &r.containers), ("Deleted Volumes", &r.volumes), ("Deleted Images", &r.images)] {
        if !ids.is_empty() {
            out.push_str(title);
            out.push('\n');
            for id in ids {
                out.push_str(id);
                out.push('\n');
            }
        }
    }
    out.push_str(&format!("Total reclaimed space: {}\n", human_size_compact(r.reclaimed)));
    output::print_stdout(&out)
}

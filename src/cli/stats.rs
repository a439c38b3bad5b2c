//! `stats` and `update`: the engine's numbers in Podman's shapes (its
//! columns, its `--format json` keys, its template fields), and the limit
//! flags shared by `run`/`create` and `update`.

use std::io::IsTerminal;

use anyhow::Result;
use serde_json::{json, Value};

use super::output::{self, Template};
use super::{LimitArgs, StatsArgs, UpdateArgs};
use crate::engine::limits::LimitOptions;
use crate::engine::stats::{ContainerStats, StatsOptions, StatsSampler};
use crate::engine::Engine;

impl LimitArgs {
    /// The engine's options for these flags.
    pub fn options(&self) -> LimitOptions {
        LimitOptions {
            memory: self.memory.clone(),
            memory_swap: self.memory_swap.clone(),
            memory_reservation: self.memory_reservation.clone(),
            cpus: self.cpus,
            cpu_shares: self.cpu_shares,
            cpu_quota: self.cpu_quota,
            cpu_period: self.cpu_period,
            cpuset_cpus: self.cpuset_cpus.clone(),
            cpuset_mems: self.cpuset_mems.clone(),
            pids_limit: self.pids_limit,
            blkio_weight: self.blkio_weight,
            device_read_bps: self.device_read_bps.clone(),
            device_write_bps: self.device_write_bps.clone(),
            device_read_iops: self.device_read_iops.clone(),
            device_write_iops: self.device_write_iops.clone(),
        }
    }
}

/// Go's `time.Duration.String()`: `14.73ms`, `1.5s`, `2m3.000000001s`.
pub fn go_duration(ns: u64) -> String {
    fn frac(v: u64, unit: u64, digits: usize) -> String {
        let (i, r) = (v / unit, v % unit);
        if r == 0 {
            i.to_string()
        } else {
            format!("{i}.{}", format!("{r:0digits$}").trim_end_matches('0'))
        }
    }
    match ns {
        0 => "0s".into(),
        n if n < 1_000 => format!("{n}ns"),
        n if n < 1_000_000 => format!("{}µs", frac(n, 1_000, 3)),
        n if n < 1_000_000_000 => format!("{}ms", frac(n, 1_000_000, 6)),
        n => {
            let (h, m) = (n / 3_600_000_000_000, n / 60_000_000_000 % 60);
            let s = frac(n % 60_000_000_000, 1_000_000_000, 9);
            match (h, m) {
                (0, 0) => format!("{s}s"),
                (0, m) => format!("{m}m{s}s"),
                (h, m) => format!("{h}h{m}m{s}s"),
            }
        }
    }
}

/// Podman's `floatToPercentString`.
fn pct(f: f64) -> String {
    format!("{f:.2}%")
}

/// Podman's `combineHumanValues`: go-units HumanSize of both, `--` when both are 0.
fn pair(a: u64, b: u64) -> String {
    if a == 0 && b == 0 {
        return "-- / --".into();
    }
    format!("{} / {}", output::human_size_compact(a), output::human_size_compact(b))
}

/// go-units `BytesSize`: binary units, 4 significant digits.
fn bytes_size(n: u64) -> String {
    output::four_digits(n, 1024.0, &["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"])
}

fn short(id: &str, no_trunc: bool) -> String {
    if no_trunc {
        id.to_string()
    } else {
        crate::container::short_id(id).to_string()
    }
}

/// One row as Podman's `stats` templates see it (`containerStats`: the
/// raw `define.ContainerStats` fields plus its formatting methods).
fn row(s: &ContainerStats, no_trunc: bool) -> Value {
    json!({
        "ID": short(&s.id, no_trunc),
        "ContainerID": s.id,
        "Name": s.name,
        "CPUPerc": pct(s.cpu_percent),
        "AVGCPU": pct(s.avg_cpu),
        "CPU": s.cpu_percent,
        "AvgCPU": s.avg_cpu,
        "CPUNano": s.cpu_nano,
        "SystemNano": s.system_nano,
        "UpTime": go_duration(s.cpu_nano),
        "Duration": s.cpu_nano,
        "MemUsage": pair(s.mem_usage, s.mem_limit),
        "MemUsageBytes": if s.mem_usage == 0 && s.mem_limit == 0 { "-- / --".to_string() } else { format!("{} / {}", bytes_size(s.mem_usage), bytes_size(s.mem_limit)) },
        "MemLimit": s.mem_limit,
        "MemPerc": pct(s.mem_percent),
        "NetIO": pair(s.net_input, s.net_output),
        "NetInput": s.net_input,
        "NetOutput": s.net_output,
        "BlockIO": pair(s.block_input, s.block_output),
        "BlockInput": s.block_input,
        "BlockOutput": s.block_output,
        "PIDS": if s.pids == 0 { "--".to_string() } else { s.pids.to_string() },
        "PIDs": s.pids,
        "Source": s.source,
    })
}

/// Podman's `--format json` of `stats`: formatted strings, in its order.
#[derive(serde::Serialize)]
struct JsonStat {
    id: String,
    name: String,
    cpu_time: String,
    cpu_percent: String,
    avg_cpu: String,
    mem_usage: String,
    mem_percent: String,
    net_io: String,
    block_io: String,
    pids: String,
}

fn json_row(s: &ContainerStats, no_trunc: bool) -> JsonStat {
    let r = row(s, no_trunc);
    let f = |k: &str| r[k].as_str().unwrap_or_default().to_string();
    JsonStat {
        id: f("ID"),
        name: f("Name"),
        cpu_time: f("UpTime"),
        cpu_percent: f("CPUPerc"),
        avg_cpu: f("AVGCPU"),
        mem_usage: f("MemUsage"),
        mem_percent: f("MemPerc"),
        net_io: f("NetIO"),
        block_io: f("BlockIO"),
        pids: f("PIDS"),
    }
}

const STATS_HEADERS: &[(&str, &str)] = &[
    ("ID", "ID"),
    ("UpTime", "CPU TIME"),
    ("CPUPerc", "CPU %"),
    ("AVGCPU", "AVG CPU %"),
    ("MemUsage", "MEM USAGE / LIMIT"),
    ("MemUsageBytes", "MEM USAGE / LIMIT"),
    ("MemPerc", "MEM %"),
    ("NetIO", "NET IO"),
    ("BlockIO", "BLOCK IO"),
    ("PIDS", "PIDS"),
];

const DEFAULT_FORMAT: &str =
    "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDS}}\t{{.UpTime}}\t{{.AVGCPU}}";

fn render(list: &[ContainerStats], a: &StatsArgs, t: Option<&Template>) -> Result<String> {
    match t {
        None => {
            let mut s = serde_json::to_string_pretty(&list.iter().map(|s| json_row(s, a.no_trunc)).collect::<Vec<_>>())?;
            s.push('\n');
            Ok(s)
        }
        Some(t) => {
            let rows: Vec<Value> = list.iter().map(|s| row(s, a.no_trunc)).collect();
            let (out, err) = super::template::render_rows(t, &rows, STATS_HEADERS, false);
            match err {
                Some(e) => Err(e.into()),
                None => Ok(out),
            }
        }
    }
}

/// `stats`: one sample with `--no-stream`, else a sample every `--interval`
/// seconds (the terminal cleared between them unless `--no-reset`).
pub fn cmd_stats(engine: &Engine, a: &StatsArgs) -> Result<i32> {
    let o = StatsOptions { containers: a.containers.clone(), all: a.all, latest: a.latest };
    let format = a.format.as_deref().unwrap_or(DEFAULT_FORMAT);
    let template =
        if super::template::is_json(format) { None } else { Some(Template::parse("stats", format)?.ranged().go_type("", "containers.containerStats")) };
    let mut sampler = StatsSampler::new();
    let terminal = std::io::stdout().is_terminal();
    loop {
        let list = sampler.sample(engine, &o)?;
        let mut s = render(&list, a, template.as_ref())?;
        if !a.no_stream && terminal && !a.no_reset {
            // Home the cursor and clear the screen, as Podman's goterm does.
            s.insert_str(0, "\x1b[H\x1b[2J");
        }
        output::print_stdout(&s)?;
        if a.no_stream {
            return Ok(0);
        }
        std::thread::sleep(std::time::Duration::from_secs(a.interval.max(1) as u64));
    }
}

/// `update`: new limits for a container; a running one gets them at once.
pub fn cmd_update(engine: &Engine, a: &UpdateArgs) -> Result<i32> {
    let input = super::containers::target(engine, a.container.as_ref(), a.latest)?;
    let id = crate::engine::limits::update(engine, &input, &a.limits.options())?;
    output::print_stdout(&format!("{id}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_go_prints_them() {
        assert_eq!(go_duration(0), "0s");
        assert_eq!(go_duration(999), "999ns");
        assert_eq!(go_duration(1_500), "1.5µs");
        assert_eq!(go_duration(14_730_000), "14.73ms");
        assert_eq!(go_duration(1_500_000_000), "1.5s");
        assert_eq!(go_duration(123_000_000_001), "2m3.000000001s");
        assert_eq!(go_duration(3_600_000_000_000), "1h0m0s");
    }

    #[test]
    fn podman_shapes() {
        let s = ContainerStats {
            id: "0123456789abcdef0123".into(),
            name: "web".into(),
            cpu_nano: 14_730_000,
            system_nano: 1,
            cpu_percent: 0.0213,
            avg_cpu: 1.5,
            mem_usage: 1_024_000,
            mem_limit: 33_630_000_000,
            mem_percent: 0.003,
            net_input: 796,
            net_output: 796,
            block_input: 0,
            block_output: 0,
            pids: 1,
            source: crate::engine::stats::Source::Cgroup,
        };
        let j = serde_json::to_string(&json_row(&s, false)).unwrap();
        assert!(j.starts_with(r#"{"id":"0123456789ab","name":"web","cpu_time""#), "Podman's key order: {j}");
        assert_eq!(
            serde_json::from_str::<Value>(&j).unwrap(),
            json!({"id": "0123456789ab", "name": "web", "cpu_time": "14.73ms", "cpu_percent": "0.02%", "avg_cpu": "1.50%",
                   "mem_usage": "1.024MB / 33.63GB", "mem_percent": "0.00%", "net_io": "796B / 796B", "block_io": "-- / --", "pids": "1"})
        );
        assert_eq!(bytes_size(1_048_576), "1MiB");
        let a = StatsArgs { containers: vec![], all: false, latest: false, no_stream: true, no_reset: false, no_trunc: false, interval: 5, format: None };
        let t = Template::parse("stats", DEFAULT_FORMAT).unwrap().ranged();
        let out = render(std::slice::from_ref(&s), &a, Some(&t)).unwrap();
        let mut lines = out.lines();
        let head: Vec<&str> = lines.next().unwrap().split("  ").filter(|c| !c.trim().is_empty()).map(str::trim).collect();
        assert_eq!(head, ["ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET IO", "BLOCK IO", "PIDS", "CPU TIME", "AVG CPU %"]);
        assert!(lines.next().unwrap().starts_with("0123456789ab  web "), "{out}");
        let t = Template::parse("stats", "{{.Name}} {{.CPUNano}} {{.PIDs}}").unwrap().ranged();
        assert_eq!(render(&[s], &a, Some(&t)).unwrap(), "web 14730000 1\n");
    }
}

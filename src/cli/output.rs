//! Output shapes shared by commands: Podman's tables (Go's tabwriter with
//! minwidth 12, padding 2), go-units human sizes and durations, printing
//! through `--format` templates (`super::template`), and YAML for `info`.

use anyhow::Result;
use serde_json::Value;

pub use super::template::Template;

/// Render rows like Go's `tabwriter.NewWriter(out, 12, 2, 2, ' ', 0)`: every
/// column but the last is padded to max(12, widest cell + 2).
pub fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; cols];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if i + 1 < r.len() {
                widths[i] = widths[i].max((c.chars().count() + 2).max(12));
            }
        }
    }
    // One buffer, padding written in place (a `ps -a` of 1,000 rows made a
    // String per row and per padding: 5 M instructions, on the main thread).
    let mut out = String::with_capacity(rows.len() * (widths.iter().sum::<usize>() + 40));
    for r in rows {
        let start = out.len();
        for (i, c) in r.iter().enumerate() {
            out.push_str(c);
            if i + 1 < r.len() {
                out.extend(std::iter::repeat_n(' ', widths[i].saturating_sub(c.chars().count())));
            }
        }
        let kept = out[start..].trim_end().len();
        out.truncate(start + kept);
        out.push('\n');
    }
    out
}

/// go-units `HumanSizeWithPrecision(size, 3)`: decimal units, 3 significant digits.
pub fn human_size(size: u64) -> String {
    const UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    let mut v = size as f64;
    let mut i = 0;
    while v >= 1000.0 && i + 1 < UNITS.len() {
        v /= 1000.0;
        i += 1;
    }
    let s = if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    };
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    format!("{s} {}", UNITS[i])
}

/// go-units `HumanSize`: decimal units, 4 significant digits, no space
/// (`2.132MB`, `0B`), as `system df` prints sizes.
pub fn human_size_compact(size: u64) -> String {
    four_digits(size, 1000.0, &["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"])
}

/// go-units' `%.4g` with a unit and no space: the value divided by `base`
/// until below it, four significant digits, trailing zeros dropped.
pub fn four_digits(n: u64, base: f64, units: &[&str]) -> String {
    let mut v = n as f64;
    let mut i = 0;
    while v >= base && i + 1 < units.len() {
        v /= base;
        i += 1;
    }
    let digits = if v >= 100.0 {
        1
    } else if v >= 10.0 {
        2
    } else {
        3
    };
    let s = format!("{v:.digits$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    format!("{s}{}", units[i])
}

/// go-units `HumanDuration`.
pub fn human_duration(d: std::time::Duration) -> String {
    let secs = d.as_secs_f64();
    let s = secs as u64;
    let minutes = (secs / 60.0) as u64;
    let hours = (secs / 3600.0 + 0.5) as u64;
    if secs < 1.0 {
        "Less than a second".into()
    } else if s == 1 {
        "1 second".into()
    } else if s < 60 {
        format!("{s} seconds")
    } else if minutes == 1 {
        "About a minute".into()
    } else if minutes < 60 {
        format!("{minutes} minutes")
    } else if hours == 1 {
        "About an hour".into()
    } else if hours < 48 {
        format!("{hours} hours")
    } else if hours < 24 * 7 * 2 {
        format!("{} days", hours / 24)
    } else if hours < 24 * 30 * 2 {
        format!("{} weeks", hours / 24 / 7)
    } else if hours < 24 * 365 * 2 {
        format!("{} months", hours / 24 / 30)
    } else {
        format!("{} years", hours / 24 / 365)
    }
}

/// "3 weeks ago" for an RFC 3339 time; empty for none.
pub fn since(rfc3339: Option<&str>) -> String {
    let Some(t) = rfc3339.and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok()) else { return String::new() };
    let d = chrono::Utc::now().signed_duration_since(t).to_std().unwrap_or_default();
    format!("{} ago", human_duration(d))
}

/// Go's time.Time default format: `2006-01-02 15:04:05.999999999 -0700 MST`.
pub fn go_time(rfc3339: Option<&str>) -> String {
    match rfc3339.and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok()) {
        Some(t) => t.with_timezone(&chrono::Utc).format("%Y-%m-%d %H:%M:%S%.f +0000 UTC").to_string(),
        None => String::new(),
    }
}

/// Go templates see Go field names: `{{.Store.GraphRoot}}` for the JSON key
/// `store.graphRoot`. Copy a value with every object key's first letter
/// upper-cased (the JSON output keeps Podman's camelCase), and the
/// initialisms Podman's Go names spell in capitals (`OCIRuntime`, `CPUs`).
pub fn go_fields(v: &Value) -> Value {
    const RENAMES: &[(&str, &str)] = &[
        ("ociRuntime", "OCIRuntime"),
        ("idMappings", "IDMappings"),
        ("cpus", "CPUs"),
        ("cpuUtilization", "CPUUtilization"),
        ("cgroupVersion", "CgroupsVersion"),
        ("seccompEnabled", "SECCOMPEnabled"),
        ("seccompProfilePath", "SECCOMPProfilePath"),
        ("selinuxEnabled", "SELinuxEnabled"),
        ("apparmorEnabled", "AppArmorEnabled"),
        ("capabilities", "DefaultCapabilities"),
        ("uidmap", "UIDMap"),
        ("gidmap", "GIDMap"),
        ("container_id", "ContainerID"),
        ("host_id", "HostID"),
        ("size", "Size"),
    ];
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let key = match RENAMES.iter().find(|(from, _)| from == k) {
                        Some((_, to)) => to.to_string(),
                        None => {
                            let mut c = k.chars();
                            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
                        }
                    };
                    // `info.registries` is a Go map (prefixes, `search`): its
                    // keys stay as they are; its values are already Go-named.
                    if k == "registries" {
                        return (key, v.clone());
                    }
                    (key, go_fields(v))
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(go_fields).collect()),
        other => other.clone(),
    }
}

/// Print rows through a list command's `--format` template, as Podman does
/// (rows printed before a template error are still printed).
pub fn print_rows(t: &Template, rows: &[Value], headers: &[(&str, &str)], noheading: bool) -> Result<i32> {
    print_rendered(super::template::render_rows(t, rows, headers, noheading))
}

/// [`print_rows`] of rows built only to be printed (none is copied).
pub fn print_rows_owned(t: &Template, rows: Vec<Value>, headers: &[(&str, &str)], noheading: bool) -> Result<i32> {
    print_rendered(super::template::render_rows_owned(t, rows, headers, noheading))
}

/// Print what rendered, then fail with the template's error if there was one.
fn print_rendered((out, err): (String, Option<super::template::TemplateError>)) -> Result<i32> {
    print_stdout(&out)?;
    match err {
        Some(e) => Err(e.into()),
        None => Ok(0),
    }
}

/// Print one value through a `--format` template.
pub fn print_one(t: &Template, v: &Value) -> Result<i32> {
    print_stdout(&super::template::render_one(t, v)?)
}

/// Write to stdout; a closed pipe is not an error.
pub fn print_stdout(s: &str) -> Result<i32> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(0),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(anyhow::Error::from(e).context("writing to stdout")),
    }
}

/// YAML for `info` (maps, lists and scalars of a JSON value).
pub fn yaml(v: &Value) -> String {
    let mut out = String::new();
    yaml_into(v, 0, &mut out);
    out
}

fn yaml_scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::String(s) if s.is_empty() || s.contains(": ") || s.starts_with(['*', '&', '!', '{', '[', '-', '#', ' ']) || s.contains('\n') => {
            serde_json::to_string(s).unwrap_or_default()
        }
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn yaml_into(v: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) => {
            for (k, val) in m {
                match val {
                    Value::Object(x) if !x.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        yaml_into(val, indent + 2, out);
                    }
                    Value::Array(x) if !x.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        yaml_into(val, indent, out);
                    }
                    Value::Object(_) => out.push_str(&format!("{pad}{k}: {{}}\n")),
                    Value::Array(_) => out.push_str(&format!("{pad}{k}: []\n")),
                    s => out.push_str(&format!("{pad}{k}: {}\n", yaml_scalar(s))),
                }
            }
        }
        Value::Array(a) => {
            for item in a {
                match item {
                    Value::Object(_) | Value::Array(_) => {
                        let mut inner = String::new();
                        yaml_into(item, indent + 2, &mut inner);
                        let inner = inner.trim_start().to_string();
                        out.push_str(&format!("{pad}- {inner}"));
                    }
                    s => out.push_str(&format!("{pad}- {}\n", yaml_scalar(s))),
                }
            }
        }
        s => out.push_str(&format!("{pad}{}\n", yaml_scalar(s))),
    }
}

#[cfg(test)]
mod tests {
    /// The one-buffer table is the straightforward one, cell for cell:
    /// wide characters, empty and trailing cells, ragged rows, blanks at
    /// the end of a row.
    #[test]
    fn table_matches_the_straightforward_layout() {
        fn reference(rows: &[Vec<String>]) -> String {
            let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
            let mut widths = vec![0usize; cols];
            for r in rows {
                for (i, c) in r.iter().enumerate() {
                    if i + 1 < r.len() {
                        widths[i] = widths[i].max((c.chars().count() + 2).max(12));
                    }
                }
            }
            let mut out = String::new();
            for r in rows {
                let mut line = String::new();
                for (i, c) in r.iter().enumerate() {
                    line.push_str(c);
                    if i + 1 < r.len() {
                        line.push_str(&" ".repeat(widths[i].saturating_sub(c.chars().count())));
                    }
                }
                out.push_str(line.trim_end());
                out.push('\n');
            }
            out
        }
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let tables = [
            vec![row(&["CONTAINER ID", "IMAGE", "NAMES"]), row(&["abc", "docker.io/library/busybox:latest", "ünïcödé_名前"]), row(&["x", "", ""])],
            vec![row(&["A"]), row(&["a long cell with trailing blanks   "]), row(&[])],
            vec![row(&["A", "B", "C", "D"]), row(&["1", "2"]), row(&["", "", "", "last "])],
            vec![],
        ];
        for t in tables {
            assert_eq!(table(&t), reference(&t), "{t:?}");
        }
    }

    use super::*;
    use std::time::Duration;

    #[test]
    fn sizes_like_go_units() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(1000), "1 kB");
        assert_eq!(human_size(4_261_888), "4.26 MB");
        assert_eq!(human_size(75_800_000), "75.8 MB");
        assert_eq!(human_size(204_000_000), "204 MB");
        assert_eq!(human_size_compact(2_132_133), "2.132MB");
        assert_eq!(human_size_compact(12), "12B");
        assert_eq!(human_size_compact(0), "0B");
        assert_eq!(human_size_compact(204_000_000), "204MB");
    }

    #[test]
    fn durations_like_go_units() {
        assert_eq!(human_duration(Duration::from_millis(10)), "Less than a second");
        assert_eq!(human_duration(Duration::from_secs(3)), "3 seconds");
        assert_eq!(human_duration(Duration::from_secs(70)), "About a minute");
        assert_eq!(human_duration(Duration::from_secs(3600)), "About an hour");
        assert_eq!(human_duration(Duration::from_secs(3 * 86400)), "3 days");
        assert_eq!(human_duration(Duration::from_secs(21 * 86400)), "3 weeks");
        assert_eq!(human_duration(Duration::from_secs(90 * 86400)), "3 months");
        assert_eq!(human_duration(Duration::from_secs(800 * 86400)), "2 years");
    }

    #[test]
    fn table_pads_like_tabwriter() {
        let t = table(&[vec!["REPOSITORY".into(), "TAG".into(), "SIZE".into()], vec!["docker.io/library/busybox".into(), "latest".into(), "4.26 MB".into()]]);
        assert_eq!(t, "REPOSITORY                 TAG         SIZE\ndocker.io/library/busybox  latest      4.26 MB\n");
    }

    #[test]
    fn yaml_shape() {
        let v = serde_json::json!({"host": {"arch": "amd64", "list": [{"a": 1, "b": "x"}], "empty": []}});
        assert_eq!(yaml(&v), "host:\n  arch: amd64\n  empty: []\n  list:\n  - a: 1\n    b: x\n");
    }
}

//! `ps --filter` with Podman's keys and matching rules: values of one key
//! are alternatives (OR), keys must all match (AND), except `label`, whose
//! values must all match, as in Podman. `name` and `ancestor` are regular
//! expressions (Go's RE2 syntax; the `regex` crate has the same semantics),
//! matched anywhere in the name unless anchored.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use super::container::{containers, find};
use super::error::{Error, Result};
use super::Engine;
use crate::container::{ContainerState, ContainerSummary, Status};

/// Podman's filter keys for containers.
pub const KEYS: &[&str] = &["id", "name", "label", "exited", "status", "ancestor", "before", "since", "volume", "health", "network", "pod", "until"];

const STATUSES: &[&str] = &["created", "initialized", "running", "paused", "stopping", "exited", "stopped", "configured", "removing", "unknown"];

enum Test {
    Id(Vec<String>),
    Name(Vec<regex::Regex>),
    Label(Vec<(String, Option<String>)>),
    Exited(Vec<i32>),
    Status(Vec<String>),
    Ancestor(Vec<(String, Option<regex::Regex>)>),
    Before(DateTime<FixedOffset>),
    Since(DateTime<FixedOffset>),
    Until(Vec<DateTime<FixedOffset>>),
    Volume(Vec<String>),
    Health(Vec<String>),
    Network(Vec<String>),
}

/// Compiled filters: checked once (a bad regex, status or container is one
/// clear error), then matched against every container.
pub struct Filters(Vec<Test>);

fn regex(key: &str, v: &str) -> Result<regex::Regex> {
    regex::Regex::new(v).map_err(|e| {
        let msg = e.to_string();
        let why = msg.lines().last().unwrap_or("").trim().trim_start_matches("error: ").to_string();
        Error::bad_input(format!("invalid {key} filter {v:?}: not a regular expression: {why}"))
    })
}

fn created_of(engine: &Engine, key: &str, v: &str) -> Result<DateTime<FixedOffset>> {
    let rec = find(engine, v).map_err(|e| match e {
        Error::NoSuchContainer(_) => Error::bad_input(format!("invalid {key} filter: no container with name or ID {v:?} found")),
        e => e,
    })?;
    let st = containers(engine)?.find_summary(&rec.id)?.map(|s| s.created).unwrap_or(rec.created);
    parse_rfc3339(&st)
}

fn parse_rfc3339(t: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(t).map_err(|_| Error::bad_input(format!("invalid time {t:?}")))
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `until` values must be RFC 3339 by now (the front end resolves durations).
    pub fn compile(engine: &Engine, filters: &BTreeMap<String, Vec<String>>) -> Result<Filters> {
        let mut tests = Vec::new();
        for (k, vals) in filters {
            let t = match k.as_str() {
                "id" => Test::Id(vals.clone()),
                "name" => Test::Name(vals.iter().map(|v| regex(k, v)).collect::<Result<_>>()?),
                "label" => Test::Label(
                    vals.iter()
                        .map(|v| match v.split_once('=') {
                            Some((a, b)) => (a.to_string(), Some(b.to_string())),
                            None => (v.clone(), None),
                        })
                        .collect(),
                ),
                "exited" => Test::Exited(
                    vals.iter()
                        .map(|v| v.parse::<i32>().map_err(|_| Error::bad_input(format!("invalid exited filter {v:?}: not an exit code"))))
                        .collect::<Result<_>>()?,
                ),
                "status" => {
                    for v in vals {
                        if !STATUSES.contains(&v.as_str()) {
                            return Err(Error::bad_input(format!("invalid status filter {v:?}: use created, running, paused, exited or unknown")));
                        }
                    }
                    Test::Status(vals.clone())
                }
                "ancestor" => Test::Ancestor(vals.iter().map(|v| (v.clone(), regex::Regex::new(v).ok())).collect()),
                "before" => {
                    let mut t = None;
                    for v in vals {
                        let c = created_of(engine, k, v)?;
                        t = Some(t.map_or(c, |x: DateTime<FixedOffset>| x.max(c)));
                    }
                    match t {
                        Some(t) => Test::Before(t),
                        None => continue,
                    }
                }
                "since" => {
                    let mut t = None;
                    for v in vals {
                        let c = created_of(engine, k, v)?;
                        t = Some(t.map_or(c, |x: DateTime<FixedOffset>| x.min(c)));
                    }
                    match t {
                        Some(t) => Test::Since(t),
                        None => continue,
                    }
                }
                "until" => Test::Until(vals.iter().map(|v| parse_rfc3339(v)).collect::<Result<_>>()?),
                "volume" => Test::Volume(vals.clone()),
                "health" => {
                    for v in vals {
                        if !["healthy", "unhealthy", "starting", "none"].contains(&v.as_str()) {
                            return Err(Error::bad_input(format!("invalid health filter {v:?}: use healthy, unhealthy, starting or none")));
                        }
                    }
                    Test::Health(vals.clone())
                }
                "network" => Test::Network(vals.clone()),
                "pod" => {
                    // rpod has no pods: a pod filter names one that does not exist.
                    let v = vals.first().cloned().unwrap_or_default();
                    return Err(Error::bad_input(format!("no pod with name or ID {v} found: no such pod")));
                }
                other => return Err(Error::bad_input(format!("invalid filter {other:?}: use {}", KEYS.join(", ")))),
            };
            tests.push(t);
        }
        Ok(Filters(tests))
    }

    /// Whether a container passes every filter. `mounts` gives the
    /// container's mounts (destination, volume name) when a filter needs them.
    pub fn matches(&self, rec: &ContainerSummary, st: &ContainerState, mounts: &dyn Fn() -> Vec<(String, String)>) -> bool {
        let created = DateTime::parse_from_rfc3339(&rec.created).ok();
        self.0.iter().all(|t| match t {
            Test::Id(v) => v.iter().any(|p| rec.id.starts_with(p.as_str())),
            Test::Name(v) => v.iter().any(|r| r.is_match(&rec.name)),
            Test::Label(v) => v.iter().all(|(k, val)| match val {
                Some(val) => rec.labels.get(k).is_some_and(|x| x == val),
                None => rec.labels.contains_key(k),
            }),
            Test::Exited(v) => st.status == Status::Exited && v.contains(&st.exit_code.unwrap_or(0)),
            Test::Status(v) => v.iter().any(|s| {
                let s = match s.as_str() {
                    "stopped" => "exited",
                    "configured" => "created",
                    s => s,
                };
                st.status.as_str() == s
            }),
            Test::Ancestor(v) => v.iter().any(|(plain, re)| {
                let (untagged, tag) = rec.image_name.rsplit_once(':').filter(|(_, t)| !t.contains('/')).unwrap_or((&rec.image_name, ""));
                rec.image_id == *plain
                    || (plain.len() >= 3 && rec.image_id.starts_with(plain.as_str()))
                    || rec.image_name == *plain
                    || rec.image_name.ends_with(&format!("/{plain}"))
                    || (tag == "latest" && untagged.ends_with(&format!("/{plain}")))
                    || re.as_ref().is_some_and(|r| r.is_match(&rec.image_name) || (tag == "latest" && r.is_match(untagged)))
            }),
            Test::Before(t) => created.is_some_and(|c| c < *t),
            Test::Since(t) => created.is_some_and(|c| c > *t),
            Test::Until(v) => created.is_some_and(|c| v.iter().any(|t| c <= *t)),
            Test::Volume(v) => {
                let m = mounts();
                v.iter().any(|want| {
                    let (src, dst) = want.split_once(':').map(|(a, b)| (Some(a), b)).unwrap_or((None, want.as_str()));
                    m.iter().any(|(d, name)| match src {
                        Some(s) => name == s && d == dst,
                        None => name == dst || d == dst,
                    })
                })
            }
            // rpod has no health checks: every container is "none".
            Test::Health(v) => v.iter().any(|h| h == "none"),
            Test::Network(v) => v.iter().any(|n| rec.network == *n || rec.network.split(':').next() == Some(n.as_str())),
        })
    }
}

//! Live names for shell completion (`rpod __complete`): containers, images
//! and volumes as the store lists them. Read-only and fast: container
//! summaries cached in each `state.json`, image and volume records, never a
//! user namespace or a lock held for writing.

use serde::Serialize;

use super::Engine;
use crate::container::Status;

/// Which names a position takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NameKind {
    /// Containers whose processes run (exec, attach, top, pause).
    RunningContainers,
    /// Running or paused (stop, kill).
    LiveContainers,
    /// Paused containers (unpause).
    PausedContainers,
    /// Every container (rm, start, logs, inspect...).
    AllContainers,
    /// Every image name (short id for images without one).
    Images,
    /// Containers and images (top-level `inspect`).
    ContainersAndImages,
    Volumes,
}

/// The names of `kind`, sorted, without duplicates. Errors (no store yet, an
/// unreadable record) give no names: completion must never print an error.
pub fn names(engine: &Engine, kind: NameKind) -> Vec<String> {
    let mut out = Vec::new();
    let containers = |pred: &dyn Fn(Status) -> bool, out: &mut Vec<String>| {
        let o = super::container::PsOptions { all: true, ..Default::default() };
        for s in super::container::ps(engine, &o).unwrap_or_default() {
            if pred(s.state) {
                out.push(s.name);
            }
        }
    };
    match kind {
        NameKind::RunningContainers => containers(&|s| s == Status::Running, &mut out),
        NameKind::LiveContainers => containers(&|s| matches!(s, Status::Running | Status::Paused | Status::Stopping), &mut out),
        NameKind::PausedContainers => containers(&|s| s == Status::Paused, &mut out),
        NameKind::AllContainers => containers(&|_| true, &mut out),
        NameKind::Images => images(engine, &mut out),
        NameKind::ContainersAndImages => {
            containers(&|_| true, &mut out);
            images(engine, &mut out);
        }
        NameKind::Volumes => {
            if let Ok(s) = super::volumes::store(engine) {
                out.extend(s.list().unwrap_or_default().into_iter().map(|v| v.name));
            }
        }
    }
    out.retain(|n| shell_safe(n));
    out.sort();
    out.dedup();
    out
}

fn images(engine: &Engine, out: &mut Vec<String>) {
    for img in engine.store.images().unwrap_or_default() {
        if img.names.is_empty() {
            out.push(crate::container::short_id(&img.id).to_string());
        }
        out.extend(img.names.iter().cloned());
    }
}

/// Whether a name may be handed to a shell's completion: bash's `compgen -W`
/// expands `$(...)`, backquotes and globs in its word list, so a record with
/// such a name (names are validated at creation; this guards a tampered or
/// foreign store) must never reach it (shell injection class).
pub fn shell_safe(name: &str) -> bool {
    !name.is_empty() && name.len() <= 512 && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-:/@+".contains(&b))
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_that_a_shell_would_expand_are_never_offered() {
        for bad in ["$(touch /tmp/x)", "`id`", "a b", "a\nb", "*", "a;b", "a|b", "", "x\u{1b}[2J"] {
            assert!(!super::shell_safe(bad), "{bad:?}");
        }
        for good in ["web", "127.0.0.1:5000/busybox:latest", "docker.io/library/alpine@sha256:abc", "my_vol-1.2"] {
            assert!(super::shell_safe(good), "{good:?}");
        }
    }
}

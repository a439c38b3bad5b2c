//! `rpod __complete WORD...`: the names the next word may be, for the shell
//! completion scripts (`completions/`). WORDs are the words already typed
//! after `rpod`, not the one being completed; the shell filters by its
//! prefix. Prints nothing where the next word is not a container, image or
//! volume name, so the static completion (flags, subcommands, files) stays.

use std::path::PathBuf;

use crate::engine::complete::{self, NameKind};
use crate::engine::{Access, Engine};
use crate::paths::Paths;

/// Where the typed words leave the cursor: the subcommand path, how many
/// positionals it already has, and the global store flags seen.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub path: Vec<String>,
    pub positionals: usize,
    /// The next word is an option's value.
    pub in_value: bool,
    pub root: Option<PathBuf>,
    pub runroot: Option<PathBuf>,
}

/// Walk the typed words through the clap tree (so an option's value is never
/// counted as a positional).
pub fn position(words: &[String]) -> Position {
    let mut cmd = super::command();
    cmd.build();
    let mut cur = &cmd;
    let mut pos = Position::default();
    let mut value_for: Option<String> = None;
    let mut only_positionals = false;
    for w in words {
        if let Some(long) = value_for.take() {
            match long.as_str() {
                "root" => pos.root = Some(w.into()),
                "runroot" => pos.runroot = Some(w.into()),
                _ => {}
            }
            continue;
        }
        if !only_positionals && w == "--" {
            only_positionals = true;
            continue;
        }
        if !only_positionals && w.starts_with("--") {
            let (name, inline) = match w[2..].split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (&w[2..], None),
            };
            let arg = cur.get_arguments().find(|a| a.get_long() == Some(name) || a.get_all_aliases().is_some_and(|al| al.contains(&name)));
            if let Some(a) = arg {
                if a.get_action().takes_values() {
                    let id = a.get_id().as_str().to_string();
                    match inline {
                        Some(v) if id == "root" => pos.root = Some(v.into()),
                        Some(v) if id == "runroot" => pos.runroot = Some(v.into()),
                        Some(_) => {}
                        None => value_for = Some(id),
                    }
                }
            }
            continue;
        }
        if !only_positionals && w.len() > 1 && w.starts_with('-') {
            // A cluster of short flags; the first that takes a value takes
            // the rest of the word, or the next word.
            for (i, c) in w.char_indices().skip(1) {
                if let Some(a) = cur.get_arguments().find(|a| a.get_short() == Some(c)) {
                    if a.get_action().takes_values() {
                        if i + c.len_utf8() == w.len() {
                            value_for = Some(a.get_id().as_str().to_string());
                        }
                        break;
                    }
                }
            }
            continue;
        }
        if pos.positionals == 0 && !only_positionals {
            if let Some(sub) = cur.find_subcommand(w) {
                pos.path.push(sub.get_name().to_string());
                cur = sub;
                continue;
            }
        }
        pos.positionals += 1;
    }
    pos.in_value = value_for.is_some();
    pos
}

/// The names the next word takes at `pos`, if any.
pub fn kind(pos: &Position) -> Option<NameKind> {
    if pos.in_value {
        return None;
    }
    let path: Vec<&str> = pos.path.iter().map(String::as_str).collect();
    let first = pos.positionals == 0;
    use NameKind::*;
    Some(match path.as_slice() {
        ["volume", "rm" | "inspect" | "exists"] => Volumes,
        ["image", "rm" | "inspect" | "history" | "exists"] | ["rmi" | "history"] => Images,
        ["image", "tag" | "untag"] | ["tag" | "untag"] if first => Images,
        ["run" | "create"] | ["container", "run" | "create"] if first => Images,
        ["inspect"] => ContainersAndImages,
        ["stop" | "kill"] | ["container", "stop" | "kill"] => LiveContainers,
        ["pause"] | ["container", "pause"] => RunningContainers,
        ["unpause"] | ["container", "unpause"] => PausedContainers,
        ["exec" | "attach" | "top"] | ["container", "exec" | "attach" | "top"] if first => RunningContainers,
        ["rm" | "start" | "logs" | "wait" | "restart"] | ["container", "rm" | "start" | "logs" | "wait" | "restart" | "inspect"] => AllContainers,
        ["rename" | "port"] | ["container", "rename" | "port" | "exists"] if first => AllContainers,
        _ => return None,
    })
}

/// Print the names, one a line. Never fails: a shell's completion must not
/// print errors.
pub fn run(words: &[String]) -> i32 {
    let pos = position(words);
    let Some(kind) = kind(&pos) else { return 0 };
    let Ok(paths) = Paths::resolve(pos.root.as_deref(), pos.runroot.as_deref()) else { return 0 };
    let Ok(engine) = Engine::open(paths, Access::Metadata) else { return 0 };
    let mut out = String::new();
    for n in complete::names(&engine, kind) {
        out.push_str(&n);
        out.push('\n');
    }
    let _ = super::output::print_stdout(&out);
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn options_values_are_not_positionals() {
        let p = position(&w("--root /x run --name web -e A=1 -it"));
        assert_eq!(p.path, ["run"]);
        assert_eq!(p.positionals, 0);
        assert_eq!(p.root, Some("/x".into()));
        assert_eq!(kind(&p), Some(NameKind::Images));
        assert_eq!(kind(&position(&w("run --name"))), None, "the value of --name");
        assert_eq!(kind(&position(&w("run alpine"))), None, "the command, not an image");
        assert_eq!(kind(&position(&w("exec -it web"))), None);
        assert_eq!(kind(&position(&w("exec -it"))), Some(NameKind::RunningContainers));
        assert_eq!(kind(&position(&w("stop -t 3 a"))), Some(NameKind::LiveContainers));
        assert_eq!(kind(&position(&w("container rm -f"))), Some(NameKind::AllContainers));
        assert_eq!(kind(&position(&w("volume rm"))), Some(NameKind::Volumes));
        assert_eq!(kind(&position(&w("volume remove"))), Some(NameKind::Volumes), "an alias");
        assert_eq!(kind(&position(&w("image rm"))), Some(NameKind::Images));
        assert_eq!(kind(&position(&w("--runroot=/r rmi"))).map(|_| ()), Some(()));
        assert_eq!(position(&w("--runroot=/r rmi")).runroot, Some("/r".into()));
        assert_eq!(kind(&position(&w("ps"))), None);
        assert_eq!(kind(&position(&w(""))), None);
    }
}

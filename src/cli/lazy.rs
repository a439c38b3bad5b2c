//! Deferred construction of subcommands for the parse path.
//!
//! clap's derive builds every subcommand's arguments (help texts included)
//! before parsing, although one command line uses one of them: with
//! Podman's whole surface that is about 2 ms of CPU on every `rpod` call,
//! the largest single item of `rpod run`'s own time (perf trace of
//! 2026-12-01, docs/decisions.md). [`Lazy`] wraps a variant's arguments so
//! that clap builds them only when the parser enters that subcommand
//! (`Command::defer`). Code that walks the whole tree (man
//! pages, completions, the flag table, refusals) gets it fully built from
//! [`eager_tree`].
//!
//! [`Only`] does the same for subcommands: clap copies every global flag
//! into every subcommand of the command it builds (12 flags into about 90
//! commands: close to 1 MB of heap, 250 page faults, before any parsing),
//! so a parse registers only the subcommand the command line names
//! ([`parse_only`]); any other command line (a typo, `help`, no command)
//! gets them all, as before.

use std::cell::{Cell, RefCell};
use std::ffi::OsString;
use std::ops::{Deref, DerefMut};

use clap::{ArgMatches, Args, Command, Error, FromArgMatches, Subcommand};

thread_local! {
    static EAGER: Cell<bool> = const { Cell::new(false) };
    /// The command line being parsed by [`parse_only`] (empty otherwise).
    static ARGV: RefCell<Vec<OsString>> = const { RefCell::new(Vec::new()) };
    /// Its command path (`["container", "ls"]`), found when the root's
    /// subcommands are registered.
    static PATH: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Build the command tree with [`Only`]'s pruning for `argv` and hand it to
/// `f` (which parses `argv` with it).
pub fn parse_only<R>(argv: Vec<OsString>, f: impl FnOnce(&[OsString]) -> R) -> R {
    ARGV.with(|a| *a.borrow_mut() = argv.clone());
    PATH.with(|p| *p.borrow_mut() = None);
    let r = f(&argv);
    ARGV.with(|a| a.borrow_mut().clear());
    PATH.with(|p| *p.borrow_mut() = None);
    r
}

/// The leading words of `argv` that are not flags of `root` (nor their
/// values): the subcommand path. Stops at a flag `root` does not know (a
/// subcommand's own flag, whose values it cannot tell from words) or `--`.
fn command_path(root: &Command, argv: &[OsString]) -> Vec<String> {
    let consumes = |a: &clap::Arg| a.get_action().takes_values() && !a.is_require_equals_set() && a.get_num_args().is_none_or(|n| n.min_values() > 0);
    let mut out = Vec::new();
    let mut words = argv.iter().skip(1);
    while let Some(w) = words.next() {
        let Some(w) = w.to_str() else { break };
        if w == "--" {
            break;
        }
        let arg = if let Some(long) = w.strip_prefix("--") {
            if long.contains('=') {
                continue;
            }
            root.get_arguments().find(|a| a.get_long() == Some(long) || a.get_all_aliases().is_some_and(|al| al.contains(&long)))
        } else if let Some(short) = w.strip_prefix('-').filter(|s| !s.is_empty()) {
            let mut chars = short.chars();
            let c = chars.next();
            let found = root.get_arguments().find(|a| a.get_short().is_some() && a.get_short() == c);
            if found.is_some_and(&consumes) && chars.next().is_some() {
                continue; // `-xVALUE`
            }
            found
        } else {
            out.push(w.to_string());
            continue;
        };
        match arg {
            Some(a) if consumes(a) => {
                words.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    out
}

/// Subcommands registered at parse time: only the one the command line
/// names (with its aliases), when [`parse_only`] is parsing and the name is
/// one of them; otherwise all (help, errors and their suggestions see the
/// whole list). Code that walks the tree uses [`eager_tree`].
#[derive(Debug)]
pub struct Only<T>(pub T);

impl<T: Subcommand> Only<T> {
    fn prune(cmd: Command, augment: fn(Command) -> Command) -> Command {
        let argv = ARGV.with(|a| a.borrow().clone());
        if eager() || argv.is_empty() {
            return augment(cmd);
        }
        // The root (the command `parse_only` parses) knows the global
        // flags, so it reads the path; a group prunes to the word after its
        // own name.
        let path = PATH.with(|p| p.borrow().clone());
        let want = match path {
            None => {
                let path = command_path(&cmd, &argv);
                let first = path.first().cloned();
                PATH.with(|p| *p.borrow_mut() = Some(path));
                first
            }
            Some(path) => path.iter().position(|w| w == cmd.get_name()).and_then(|i| path.get(i + 1).cloned()),
        };
        let Some(want) = want else { return augment(cmd) };
        let all = augment(Command::new(cmd.get_name().to_string()));
        let one = all.get_subcommands().find(|s| s.get_name() == want || s.get_all_aliases().any(|a| a == want)).cloned();
        match one {
            Some(one) => cmd.subcommand(one),
            None => augment(cmd),
        }
    }
}

impl<T: Subcommand> Subcommand for Only<T> {
    fn augment_subcommands(cmd: Command) -> Command {
        Self::prune(cmd, T::augment_subcommands)
    }
    fn augment_subcommands_for_update(cmd: Command) -> Command {
        Self::prune(cmd, T::augment_subcommands_for_update)
    }
    fn has_subcommand(name: &str) -> bool {
        T::has_subcommand(name)
    }
}

impl<T: FromArgMatches> FromArgMatches for Only<T> {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, Error> {
        T::from_arg_matches(m).map(Only)
    }
    fn from_arg_matches_mut(m: &mut ArgMatches) -> Result<Self, Error> {
        T::from_arg_matches_mut(m).map(Only)
    }
    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), Error> {
        self.0.update_from_arg_matches(m)
    }
    fn update_from_arg_matches_mut(&mut self, m: &mut ArgMatches) -> Result<(), Error> {
        self.0.update_from_arg_matches_mut(m)
    }
}

/// Build `f`'s command tree with nothing deferred.
pub fn eager_tree(f: impl FnOnce() -> Command) -> Command {
    EAGER.with(|e| e.set(true));
    let cmd = f();
    EAGER.with(|e| e.set(false));
    cmd
}

fn eager() -> bool {
    EAGER.with(Cell::get)
}

/// Arguments of one subcommand, built when the parser enters it.
#[derive(Debug, Clone)]
pub struct Lazy<T>(pub T);

impl<T> Deref for Lazy<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for Lazy<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

/// The variant's `about` is set on the subcommand before the deferred
/// arguments run; the arguments' own doc comment must not replace it.
fn keep_about(cmd: Command, augment: fn(Command) -> Command) -> Command {
    let (about, long) = (cmd.get_about().cloned(), cmd.get_long_about().cloned());
    let mut cmd = augment(cmd);
    if let Some(about) = about {
        cmd = cmd.about(about);
    }
    if let Some(long) = long {
        cmd = cmd.long_about(long);
    }
    cmd
}

fn deferred_args<T: Args>(cmd: Command) -> Command {
    keep_about(cmd, T::augment_args)
}

fn deferred_args_for_update<T: Args>(cmd: Command) -> Command {
    keep_about(cmd, T::augment_args_for_update)
}

impl<T: Args> Args for Lazy<T> {
    fn augment_args(cmd: Command) -> Command {
        if eager() {
            T::augment_args(cmd)
        } else {
            cmd.defer(deferred_args::<T>)
        }
    }
    fn augment_args_for_update(cmd: Command) -> Command {
        if eager() {
            T::augment_args_for_update(cmd)
        } else {
            cmd.defer(deferred_args_for_update::<T>)
        }
    }
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
}

impl<T: FromArgMatches> FromArgMatches for Lazy<T> {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, Error> {
        T::from_arg_matches(m).map(Lazy)
    }
    fn from_arg_matches_mut(m: &mut ArgMatches) -> Result<Self, Error> {
        T::from_arg_matches_mut(m).map(Lazy)
    }
    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), Error> {
        self.0.update_from_arg_matches(m)
    }
    fn update_from_arg_matches_mut(&mut self, m: &mut ArgMatches) -> Result<(), Error> {
        self.0.update_from_arg_matches_mut(m)
    }
}

#[cfg(test)]
mod tests {
    use clap::error::ErrorKind;
    use clap::{CommandFactory, Parser};

    use crate::cli::Cli;

    fn paths(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands() {
            let mut p = prefix.to_vec();
            p.push(sub.get_name().to_string());
            out.push(p.clone());
            paths(sub, &p, out);
        }
    }

    /// Deferring changes nothing a user sees: every subcommand's help (its
    /// about, flags, order) is the same as with the whole tree built, and
    /// the fully built tree has every flag.
    #[test]
    fn lazy_parse_shows_the_same_help_as_the_eager_tree() {
        let eager = crate::cli::command();
        let mut all = Vec::new();
        paths(&eager, &[], &mut all);
        assert!(all.len() > 100, "only {} subcommands", all.len());
        for path in all {
            let mut argv = vec!["rpod".to_string()];
            argv.extend(path.iter().cloned());
            argv.push("--help".into());
            let lazy = match Cli::try_parse_from(&argv) {
                Err(e) if e.kind() == ErrorKind::DisplayHelp => e.render().to_string(),
                other => panic!("{argv:?}: {other:?}"),
            };
            let full = match crate::cli::command().try_get_matches_from(&argv) {
                Err(e) if e.kind() == ErrorKind::DisplayHelp => e.render().to_string(),
                other => panic!("{argv:?}: {other:?}"),
            };
            assert_eq!(lazy, full, "help of {argv:?} differs when deferred");
            let pruned = match crate::cli::parse_from(argv.iter().map(Into::into).collect()) {
                Err(e) if e.kind() == ErrorKind::DisplayHelp => e.render().to_string(),
                other => panic!("{argv:?}: {other:?}"),
            };
            assert_eq!(pruned, full, "help of {argv:?} differs when only its subcommand is registered");
        }
        // Without eager_tree the arguments are deferred (the point of it).
        let unbuilt = Cli::command();
        let run = unbuilt.get_subcommands().find(|c| c.get_name() == "run").expect("run");
        assert_eq!(run.get_arguments().count(), 0, "run's arguments were built before parsing");
    }

    /// The command path is read past the global flags and their values, and
    /// stops at the first flag a subcommand owns.
    #[test]
    fn the_command_path_skips_global_flags_only() {
        let root = crate::cli::command();
        let path = |args: &[&str]| {
            let argv: Vec<std::ffi::OsString> = std::iter::once("rpod").chain(args.iter().copied()).map(Into::into).collect();
            super::command_path(&root, &argv)
        };
        assert_eq!(path(&["--root", "/r", "--log-level=debug", "container", "--runroot", "/x", "ls", "-a"]), ["container", "ls"]);
        assert_eq!(path(&["run", "--rm", "busybox", "true"]), ["run"]);
        assert_eq!(path(&["--noout", "-v"]), Vec::<String>::new());
        assert_eq!(path(&["--", "run"]), Vec::<String>::new());
        assert_eq!(path(&["--bogus", "run"]), Vec::<String>::new());
        // A global flag's value that looks like a command is a value.
        assert_eq!(path(&["--root", "run", "ps"]), ["ps"]);
    }

    /// A parse registers only the named subcommand (the point), and a command
    /// line that names none, or an unknown one, sees them all: the same
    /// errors and suggestions as with the whole tree.
    #[test]
    fn parsing_registers_only_the_named_subcommand() {
        let argv = |args: &[&str]| -> Vec<std::ffi::OsString> { std::iter::once("rpod").chain(args.iter().copied()).map(Into::into).collect() };
        let counts = |args: &[&str]| {
            super::parse_only(argv(args), |_| {
                let cmd = Cli::command();
                let group = cmd.get_subcommands().next().map_or(0, |s| s.get_subcommands().count());
                (cmd.get_subcommands().count(), group)
            })
        };
        assert_eq!(counts(&["run", "--rm", "busybox"]).0, 1);
        assert_eq!(counts(&["--root", "/r", "container", "list", "-a"]), (1, 1), "an alias (list) is found too");
        assert_eq!(counts(&["container", "--help"]).0, 1);
        assert!(counts(&["container", "--help"]).1 > 20, "a group's help lists all of its commands");
        assert!(counts(&["rn"]).0 > 50);
        assert!(counts(&[]).0 > 50);
        for args in [&["rn"][..], &["container", "lss"], &["ps", "--bogus-flag"], &[], &["--log-level", "nope", "ps"]] {
            let a = argv(args);
            let pruned = crate::cli::parse_from(a.clone()).err().map(|e| (e.kind(), e.render().to_string()));
            let full = Cli::try_parse_from(&a).err().map(|e| (e.kind(), e.render().to_string()));
            assert!(pruned.is_some(), "{args:?} parsed");
            assert_eq!(pruned, full, "{args:?}");
        }
    }
}

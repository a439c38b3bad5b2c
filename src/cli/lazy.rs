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

use std::cell::Cell;
use std::ops::{Deref, DerefMut};

use clap::{ArgMatches, Args, Command, Error, FromArgMatches};

thread_local! {
    static EAGER: Cell<bool> = const { Cell::new(false) };
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
        }
        // Without eager_tree the arguments are deferred (the point of it).
        let unbuilt = Cli::command();
        let run = unbuilt.get_subcommands().find(|c| c.get_name() == "run").expect("run");
        assert_eq!(run.get_arguments().count(), 0, "run's arguments were built before parsing");
    }
}

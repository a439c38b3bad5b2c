//! Podman's flags, and what rpod does with each.
//!
//! `podman-flags.tsv` is generated from Podman's own `--help`
//! (`contrib/podman-flags.sh`); `podman-flags-not-yet.tsv` is written by
//! hand: the flags rpod knows it lacks, each with a reason. A flag is
//! *implemented* when rpod's clap definitions have it (so a branch that adds
//! a real flag needs no edit here, and a not-yet line for a flag that has
//! since been implemented is simply dead). A Podman flag rpod lacks is
//! refused with one line and exit 125, never clap's "unexpected argument".

use clap::Command;

/// Every flag of every Podman command: command path, long, short, value type.
pub const PODMAN_FLAGS: &str = include_str!("podman-flags.tsv");

/// Flags rpod does not have yet: command path (or `*`), long, reason.
pub const NOT_YET: &str = include_str!("podman-flags-not-yet.tsv");

/// One line of the Podman table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodmanFlag {
    /// `podman`, `podman rm`, `podman container rm`...
    pub command: String,
    pub long: String,
    pub short: Option<char>,
    /// Podman's value type (`string`, `uint`...), `None` for a boolean.
    pub value: Option<String>,
}

fn data_lines(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').collect())
}

/// The Podman table.
pub fn podman_flags() -> Vec<PodmanFlag> {
    data_lines(PODMAN_FLAGS)
        .filter(|f| f.len() >= 4)
        .map(|f| PodmanFlag {
            command: f[0].to_string(),
            long: f[1].to_string(),
            short: f[2].chars().next().filter(|_| f[2] != "-"),
            value: (f[3] != "-").then(|| f[3].to_string()),
        })
        .collect()
}

/// The same command under its other Podman names (`container rm` is `rm`,
/// `image ls` is `images`...), for reasons written once.
fn equivalents(command: &str) -> Vec<String> {
    const SAME: &[(&str, &str)] = &[
        ("podman container ls", "podman ps"),
        ("podman container ps", "podman ps"),
        ("podman container list", "podman ps"),
        ("podman image ls", "podman images"),
        ("podman image list", "podman images"),
        ("podman image rm", "podman rmi"),
        ("podman image build", "podman build"),
        ("podman container inspect", "podman inspect"),
        ("podman image inspect", "podman inspect"),
        ("podman system info", "podman info"),
    ];
    let mut out = vec![command.to_string()];
    if let Some((_, to)) = SAME.iter().find(|(from, _)| *from == command) {
        out.push(to.to_string());
    }
    for group in ["podman container ", "podman image "] {
        if let Some(rest) = command.strip_prefix(group) {
            out.push(format!("podman {rest}"));
        }
    }
    // run and create share their flags.
    if out.iter().any(|c| c == "podman create") {
        out.push("podman run".into());
    }
    out
}

/// Why rpod does not have `--long` on `command` yet, if the table says.
pub fn not_yet_reason(command: &str, long: &str) -> Option<String> {
    let names = equivalents(command);
    let lines: Vec<Vec<&str>> = data_lines(NOT_YET).filter(|f| f.len() >= 3).collect();
    for name in names.iter().map(String::as_str).chain(std::iter::once("*")) {
        if let Some(f) = lines.iter().find(|f| f[0] == name && f[1] == long) {
            return Some(f[2].to_string());
        }
    }
    None
}

/// The clap command for a Podman command path (`podman container rm`),
/// following visible aliases; `None` when rpod has no such command.
pub fn find_command<'a>(root: &'a Command, path: &str) -> Option<&'a Command> {
    let mut cur = root;
    for word in path.split_whitespace().skip(1) {
        cur = cur.get_subcommands().find(|s| s.get_name() == word || s.get_all_aliases().any(|a| a == word))?;
    }
    Some(cur)
}

/// Whether clap defines `--long` on `cmd` (its own or a global one).
pub fn has_long(cmd: &Command, long: &str) -> bool {
    cmd.get_arguments().any(|a| a.get_long() == Some(long) || a.get_all_aliases().is_some_and(|al| al.contains(&long)))
}

/// The command path (`podman container rm`) an argv addresses, following
/// subcommand names and aliases until the first word that is none.
pub fn command_path(root: &Command, args: &[String]) -> String {
    let mut path = String::from("podman");
    let mut cur = root;
    for a in args.iter().skip(1) {
        if a.starts_with('-') {
            continue;
        }
        match cur.get_subcommands().find(|s| s.get_name() == a || s.get_all_aliases().any(|x| x == a)) {
            Some(s) => {
                path.push(' ');
                path.push_str(s.get_name());
                cur = s;
            }
            None if cur.has_subcommands() => continue, // a global option's value
            None => break,
        }
    }
    path
}

/// The one-line refusal for an argument clap does not know, when it is a
/// Podman flag of this command (or a global one): `None` otherwise.
pub fn refusal(root: &Command, args: &[String], bad: &str) -> Option<String> {
    let path = command_path(root, args);
    let flags = podman_flags();
    let name = bad.split('=').next().unwrap_or(bad);
    let long = if let Some(l) = name.strip_prefix("--") {
        l.to_string()
    } else {
        let c = name.strip_prefix('-')?.chars().next()?;
        // The command's own short flag wins over a global one (`rm -v` is --volumes).
        let own = flags.iter().find(|f| f.command == path && f.short == Some(c));
        own.or_else(|| flags.iter().find(|f| f.command == "podman" && f.short == Some(c)))?.long.clone()
    };
    let owner = if flags.iter().any(|f| f.command == path && f.long == long) {
        path
    } else if flags.iter().any(|f| f.command == "podman" && f.long == long) {
        "podman".to_string()
    } else {
        return None;
    };
    let display = owner.replacen("podman", "rpod", 1);
    Some(match not_yet_reason(&owner, &long) {
        Some(reason) => format!("{display} --{long} is not supported yet: {reason}"),
        None => format!("{display} --{long} is not supported yet"),
    })
}

/// Coverage of one Podman command: (implemented, not yet with reasons).
pub struct Coverage {
    pub command: String,
    pub implemented: Vec<String>,
    pub not_yet: Vec<(String, Option<String>)>,
}

/// For every Podman command rpod has, which of its flags rpod implements.
pub fn coverage(root: &Command) -> Vec<Coverage> {
    let flags = podman_flags();
    let mut out: Vec<Coverage> = Vec::new();
    for f in &flags {
        let Some(cmd) = find_command(root, &f.command) else { continue };
        if cmd.is_hide_set() {
            continue;
        }
        let idx = match out.iter().position(|c| c.command == f.command) {
            Some(i) => i,
            None => {
                out.push(Coverage { command: f.command.clone(), implemented: Vec::new(), not_yet: Vec::new() });
                out.len() - 1
            }
        };
        // Global flags are defined on the root command only.
        let defined = if f.command == "podman" { has_long(root, &f.long) } else { has_long(cmd, &f.long) };
        if defined {
            out[idx].implemented.push(f.long.clone());
        } else {
            out[idx].not_yet.push((f.long.clone(), not_yet_reason(&f.command, &f.long)));
        }
    }
    out
}

/// A command's state: every Podman flag accepted, some, or none.
fn state(c: &Coverage) -> &'static str {
    if c.not_yet.is_empty() {
        "works"
    } else if c.implemented.is_empty() {
        "not yet"
    } else {
        "partly"
    }
}

/// The markers around README's generated command table.
pub const README_BEGIN: &str = "<!-- generated: podman coverage begin (src/cli/flags.rs; RPOD_UPDATE_GENERATED=1 cargo test --test generated) -->";
pub const README_END: &str = "<!-- generated: podman coverage end -->";

/// README's generated section: one line per Podman command rpod has, with
/// its state and how many of Podman's flags it accepts (the same data as
/// `docs/podman-flags.md`, without the flag lists).
pub fn coverage_readme(root: &Command) -> String {
    let cov = coverage(root);
    let total: usize = cov.iter().map(|c| c.implemented.len() + c.not_yet.len()).sum();
    let done: usize = cov.iter().map(|c| c.implemented.len()).sum();
    let mut s = String::new();
    s.push_str(&format!(
        "Of the {total} flags Podman 4.3 documents for the {} commands rpod has, rpod accepts {done}; the others are refused in one line with a reason ([docs/podman-flags.md](docs/podman-flags.md) lists them).\n\n",
        cov.len()
    ));
    s.push_str("| command | state | Podman flags accepted |\n|---|---|---|\n");
    for c in &cov {
        let n = c.implemented.len() + c.not_yet.len();
        s.push_str(&format!("| `{}` | {} | {}/{n} |\n", c.command.replacen("podman", "rpod", 1), state(c), c.implemented.len()));
    }
    s
}

/// `text` (README.md) with the part between [`README_BEGIN`] and
/// [`README_END`] replaced by `section`; `None` when the markers are missing.
pub fn splice_readme(text: &str, section: &str) -> Option<String> {
    let b = text.find(README_BEGIN)? + README_BEGIN.len();
    let e = b + text[b..].find(README_END)?;
    Some(format!("{}\n{section}{}", &text[..b], &text[e..]))
}

/// `docs/podman-flags.md`: the coverage table, generated (tests/generated.rs).
pub fn coverage_markdown(root: &Command) -> String {
    let cov = coverage(root);
    let total: usize = cov.iter().map(|c| c.implemented.len() + c.not_yet.len()).sum();
    let done: usize = cov.iter().map(|c| c.implemented.len()).sum();
    let mut s = String::new();
    s.push_str("# Podman's flags in rpod\n\n");
    s.push_str("Generated from `src/cli/podman-flags.tsv` (Podman's own `--help`, made by\n");
    s.push_str("`contrib/podman-flags.sh`), `src/cli/podman-flags-not-yet.tsv` and rpod's\n");
    s.push_str("clap definitions: `RPOD_UPDATE_GENERATED=1 cargo test --test generated`.\n");
    s.push_str("A flag rpod lacks is refused with one line (`rpod run --secret is not\n");
    s.push_str("supported yet: ...`) and exit 125.\n\n");
    s.push_str(&format!("Of the {total} flags Podman documents for the commands rpod has, rpod accepts {done}.\n\n"));
    s.push_str("| command | state | flags | not yet |\n|---|---|---|---|\n");
    for c in &cov {
        let n = c.implemented.len() + c.not_yet.len();
        let state = state(c);
        let missing = c.not_yet.iter().map(|(f, _)| format!("`--{f}`")).collect::<Vec<_>>().join(" ");
        s.push_str(&format!("| `{}` | {state} | {}/{n} | {missing} |\n", c.command.replacen("podman", "rpod", 1), c.implemented.len()));
    }
    s.push_str("\n## Why not yet\n\n");
    let mut reasons: Vec<(String, Vec<String>)> = Vec::new();
    for c in &cov {
        for (f, r) in &c.not_yet {
            let r = r.clone().unwrap_or_else(|| "(no reason recorded)".into());
            let item = format!("`{} --{f}`", c.command.replacen("podman", "rpod", 1));
            match reasons.iter_mut().find(|(x, _)| *x == r) {
                Some((_, v)) => v.push(item),
                None => reasons.push((r, vec![item])),
            }
        }
    }
    for (r, items) in reasons {
        s.push_str(&format!("- {r}: {}\n", items.join(", ")));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_podman_flag_is_implemented_or_not_yet_with_a_reason() {
        // Every command rpod has (coverage() walks them all): a new command
        // or flag fails here until each Podman flag is accounted for.
        let mut root = crate::cli::command();
        root.build();
        let cov = coverage(&root);
        assert!(cov.len() >= 100, "coverage() walks every Podman command rpod has ({} found)", cov.len());
        let mut unaccounted = Vec::new();
        for c in cov {
            for (f, r) in &c.not_yet {
                if r.as_deref().is_none_or(|r| r.trim().is_empty()) {
                    unaccounted.push(format!("{}\t{f}", c.command));
                }
            }
        }
        assert!(
            unaccounted.is_empty(),
            "Podman flags neither implemented nor in src/cli/podman-flags-not-yet.tsv (add `COMMAND<TAB>FLAG<TAB>REASON`):\n{}",
            unaccounted.join("\n")
        );
    }

    #[test]
    fn short_flags_are_podmans() {
        // For every Podman flag rpod accepts, the short letter is Podman's
        // (`run -h` is --hostname, `rpod -v` is --version); a letter rpod
        // adds on its own must not be one Podman gives another flag of the
        // command (nor -h, which is help in Podman where nothing else has it).
        let mut root = crate::cli::command();
        root.build();
        let flags = podman_flags();
        let mut wrong = Vec::new();
        let mut checked = 0;
        for f in &flags {
            let Some(cmd) = find_command(&root, &f.command) else { continue };
            if cmd.is_hide_set() {
                continue;
            }
            let named = |a: &&clap::Arg| a.get_long() == Some(f.long.as_str()) || a.get_all_aliases().is_some_and(|al| al.contains(&f.long.as_str()));
            let Some(arg) = cmd.get_arguments().find(named) else { continue };
            checked += 1;
            let ours = arg.get_short();
            let letter = |c: Option<char>| c.map_or("none".to_string(), |c| format!("-{c}"));
            if f.short.is_some() && ours != f.short {
                wrong.push(format!("{} --{}: Podman {}, rpod {}", f.command, f.long, letter(f.short), letter(ours)));
            } else if let (None, Some(c)) = (f.short, ours) {
                let taken = flags.iter().any(|g| g.command == f.command && g.short == Some(c)) || c == 'h';
                if taken {
                    wrong.push(format!("{} --{}: Podman has no short flag, rpod -{c} (another Podman flag's letter)", f.command, f.long));
                }
            }
        }
        // The other way round: every letter Podman gives a command's flag
        // means that flag in rpod too, or nothing (then it is refused with
        // the flag's name): never another flag, nor help.
        for f in flags.iter().filter(|f| f.short.is_some()) {
            let Some(cmd) = find_command(&root, &f.command) else { continue };
            if cmd.is_hide_set() {
                continue;
            }
            let c = f.short.expect("filtered");
            let scope = if f.command == "podman" { &root } else { cmd };
            if let Some(arg) = scope.get_arguments().find(|a| a.get_short() == Some(c)) {
                let long = arg.get_long().unwrap_or("");
                if long != f.long && !arg.get_all_aliases().is_some_and(|al| al.contains(&f.long.as_str())) {
                    wrong.push(format!("{} -{c}: Podman --{}, rpod --{long}", f.command, f.long));
                }
            }
        }
        assert!(checked > 500, "the flags rpod accepts were found ({checked})");
        assert!(wrong.is_empty(), "short flags that are not Podman's:\n{}", wrong.join("\n"));
    }

    #[test]
    fn readme_section_is_spliced_between_its_markers() {
        let text = format!("intro\n{README_BEGIN}\nold line\n{README_END}\nrest\n");
        assert_eq!(splice_readme(&text, "| new |\n").unwrap(), format!("intro\n{README_BEGIN}\n| new |\n{README_END}\nrest\n"));
        assert!(splice_readme("no markers here", "x").is_none());
        assert!(splice_readme(&format!("{README_END} {README_BEGIN}"), "x").is_none(), "the end before the begin is no section");
        let mut root = crate::cli::command();
        root.build();
        let section = coverage_readme(&root);
        assert!(section.contains("| `rpod run` | partly |"), "{section}");
        assert_eq!(section.lines().filter(|l| l.starts_with("| `rpod")).count(), coverage(&root).len());
    }

    #[test]
    fn no_not_yet_line_names_a_flag_rpod_has() {
        let mut root = crate::cli::command();
        root.build();
        let flags = podman_flags();
        let mut stale = Vec::new();
        for f in data_lines(NOT_YET).filter(|f| f.len() >= 3) {
            let (command, long) = (f[0], f[1]);
            let gone = if command == "*" {
                // Stale when no command rpod has still lacks the flag.
                !coverage(&root).iter().any(|c| c.not_yet.iter().any(|(l, r)| l == long && r.as_deref() == Some(f[2])))
            } else if command == "podman" {
                has_long(&root, long)
            } else {
                find_command(&root, command).is_some_and(|c| has_long(c, long))
            };
            if gone && (command == "*" || flags.iter().any(|p| p.command == command && p.long == long) || command == "podman") {
                stale.push(format!("{command}\t{long}"));
            }
        }
        assert!(stale.is_empty(), "src/cli/podman-flags-not-yet.tsv lists flags rpod has (delete these lines):\n{}", stale.join("\n"));
    }

    #[test]
    fn the_table_covers_the_commands_rpod_has() {
        let root = crate::cli::command();
        let flags = podman_flags();
        assert!(flags.len() > 1000, "the generated table is complete ({} flags)", flags.len());
        for c in ["podman", "podman run", "podman container create", "podman image ls", "podman build", "podman system prune", "podman volume rm"] {
            assert!(find_command(&root, c).is_some(), "rpod has {c}");
        }
        assert!(flags.iter().any(|f| f.command == "podman rm" && f.long == "time" && f.short == Some('t')));
    }

    #[test]
    fn not_yet_lines_are_well_formed() {
        for (i, l) in NOT_YET.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()) {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() == 3 && !f[2].trim().is_empty(), "line {}: {l:?}: want COMMAND<TAB>FLAG<TAB>REASON", i + 1);
            assert!(f[0] == "*" || f[0].starts_with("podman"), "line {}: {l:?}", i + 1);
            assert!(!f[1].starts_with('-'), "line {}: flag names without dashes: {l:?}", i + 1);
        }
    }

    #[test]
    fn refusals_name_the_flag_and_resolve_short_ones() {
        let root = crate::cli::command();
        let args = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(command_path(&root, &args("rpod --root /x container rm -f a")), "podman container rm");
        assert_eq!(command_path(&root, &args("rpod container ls -a")), "podman container ls");
        let r = refusal(&root, &args("rpod run --secret s a"), "--secret").unwrap();
        assert!(r.starts_with("rpod run --secret is not supported yet"), "{r}");
        // A command's own short flag wins over the global one (-v is --version globally).
        let r = refusal(&root, &args("rpod ps -s"), "-s").unwrap();
        assert!(r.starts_with("rpod ps --size is not supported yet"), "{r}");
        let r = refusal(&root, &args("rpod inspect -l"), "-l").unwrap();
        assert!(r.starts_with("rpod inspect --latest is not supported yet"), "{r}");
        let r = refusal(&root, &args("rpod --url x ps"), "--url").unwrap();
        assert!(r.starts_with("rpod --url is not supported yet: rpod is daemonless"), "{r}");
        // Not a Podman flag at all: Podman's "unknown flag" instead.
        assert!(refusal(&root, &args("rpod rm --bogus a"), "--bogus").is_none());
    }
}

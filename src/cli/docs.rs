//! Man pages, shell completions and the Podman flag coverage
//! (`docs/podman-flags.md`, and README's command table between its
//! markers), generated from the clap definitions and
//! checked in under `man/`, `completions/`, `docs/` and README.md. `tests/generated.rs` fails
//! when they are stale; `RPOD_UPDATE_GENERATED=1 cargo test --test generated`
//! rewrites them.

use std::path::PathBuf;

use clap_complete::Shell;

/// Every generated file: (path relative to the repository, contents).
pub fn generated_files() -> Vec<(PathBuf, Vec<u8>)> {
    let mut cmd = super::command();
    cmd.build();
    let mut out = Vec::new();
    man_pages(&cmd, "rpod", "", &mut out);
    for (shell, file) in [(Shell::Bash, "rpod.bash"), (Shell::Zsh, "_rpod"), (Shell::Fish, "rpod.fish")] {
        out.push((PathBuf::from("completions").join(file), completion_script(shell).into_bytes()));
    }
    out.push((PathBuf::from("docs/podman-flags.md"), super::flags::coverage_markdown(&cmd).into_bytes()));
    // README's command table (works / partly / not yet), between its markers
    // in the hand-written rest of the file.
    let readme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let text = std::fs::read_to_string(&readme).unwrap_or_else(|e| panic!("reading {}: {e}", readme.display()));
    let spliced = super::flags::splice_readme(&text, &super::flags::coverage_readme(&cmd))
        .unwrap_or_else(|| panic!("README.md lacks the markers {} ... {}", super::flags::README_BEGIN, super::flags::README_END));
    out.push((PathBuf::from("README.md"), spliced.into_bytes()));
    out
}

/// The completion script for `shell`: clap's static completion of the
/// visible commands, wired to `rpod __complete` for live names.
pub fn completion_script(shell: Shell) -> String {
    with_live_names(shell, static_completion(shell))
}

/// clap's completion for `shell`, without the hidden subcommands
/// (`__complete`, `container-monitor`): clap_complete offers every
/// subcommand it is given, hidden or not.
fn static_completion(shell: Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut visible_tree(&super::command()), "rpod", &mut buf);
    String::from_utf8(buf).expect("clap_complete writes UTF-8")
}

/// A copy of the (unbuilt) command tree without hidden subcommands: what
/// the completion generators read of a command (names, help, aliases,
/// arguments, groups and the settings that shape them), subcommands copied
/// the same way. clap has no call to remove a subcommand.
fn visible_tree(cmd: &clap::Command) -> clap::Command {
    let mut c = clap::Command::new(cmd.get_name().to_string())
        .args(cmd.get_arguments().cloned())
        .groups(cmd.get_groups().cloned())
        .visible_aliases(cmd.get_visible_aliases().map(String::from))
        .aliases(cmd.get_all_aliases().filter(|a| !cmd.get_visible_aliases().any(|v| v == *a)).map(String::from))
        .subcommands(cmd.get_subcommands().filter(|s| !s.is_hide_set()).map(visible_tree));
    // Only settings that are on: clearing one clears it for the subtree too,
    // and clap reports `disable_version_flag` for any command without a
    // version (the version reaches subcommands by propagation, at build).
    type Setter = fn(clap::Command) -> clap::Command;
    let on: [(bool, Setter); 7] = [
        (cmd.is_disable_help_flag_set(), |c| c.disable_help_flag(true)),
        (cmd.get_version().is_some() && cmd.is_disable_version_flag_set(), |c| c.disable_version_flag(true)),
        (cmd.is_disable_help_subcommand_set(), |c| c.disable_help_subcommand(true)),
        (cmd.is_propagate_version_set(), |c| c.propagate_version(true)),
        (cmd.is_allow_external_subcommands_set(), |c| c.allow_external_subcommands(true)),
        (cmd.is_subcommand_required_set(), |c| c.subcommand_required(true)),
        (cmd.is_args_conflicts_with_subcommands_set(), |c| c.args_conflicts_with_subcommands(true)),
    ];
    for (set, apply) in on {
        if set {
            c = apply(c);
        }
    }
    if let Some(a) = cmd.get_about() {
        c = c.about(a.clone());
    }
    if let Some(a) = cmd.get_long_about() {
        c = c.long_about(a.clone());
    }
    if let Some(v) = cmd.get_version() {
        c = c.version(v.to_string());
    }
    c
}

/// `path`: the command's words after `rpod` (empty for rpod itself).
fn man_pages(cmd: &clap::Command, name: &str, path: &str, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    let page = cmd.clone().name(name.to_string()).bin_name(name.replace('-', " "));
    let mut buf = Vec::new();
    clap_mangen::Man::new(page).render(&mut buf).expect("rendering to memory cannot fail");
    // EXAMPLES (src/cli/examples.rs) before VERSION, where Podman's pages have them.
    if let Some(ex) = super::examples::for_command(path) {
        let text = String::from_utf8(buf).expect("clap_mangen writes UTF-8");
        let section = super::examples::roff(ex);
        let text = match text.find("\n.SH VERSION") {
            Some(i) => format!("{}\n{}{}", &text[..i], section, &text[i + 1..]),
            None => format!("{text}{section}"),
        };
        buf = text.into_bytes();
    }
    out.push((PathBuf::from("man").join(format!("{name}.1")), buf));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        let sub_path = if path.is_empty() { sub.get_name().to_string() } else { format!("{path} {}", sub.get_name()) };
        man_pages(sub, &format!("{name}-{}", sub.get_name()), &sub_path, out);
    }
}

/// bash: after clap's static completion, ask `rpod __complete` for the
/// names the next word takes; words come from the line itself (not
/// COMP_WORDS, which `:` and `=` split), and a `:` in the word is trimmed
/// from the candidates as bash-completion's `__ltrim_colon_completions` does.
const BASH_LIVE: &str = r#"
# Live names (containers, images, volumes) from `rpod __complete`, on top of
# the static completion above.
_rpod_live() {
    _rpod "$@"
    local line=${COMP_LINE:0:COMP_POINT} cur= names
    local -a words
    read -ra words <<< "$line"
    if [[ -n $line && $line != *[[:space:]] ]]; then
        cur=${words[${#words[@]}-1]}
        words=("${words[@]:0:${#words[@]}-1}")
    fi
    [[ $cur == -* ]] && return 0
    names=$(command rpod __complete -- "${words[@]:1}" 2>/dev/null) || return 0
    [[ -z $names ]] && return 0
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$names" -- "$cur"))
    if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
        local colon_prefix=${cur%"${cur##*:}"}
        COMPREPLY=("${COMPREPLY[@]#"$colon_prefix"}")
    fi
    return 0
}
"#;

/// zsh: live names when `rpod __complete` has some, else clap's completion.
const ZSH_LIVE: &str = r#"# Live names (containers, images, volumes) from `rpod __complete`; clap's
# static completion otherwise.
_rpod_live() {
    local -a names
    if [[ $PREFIX != -* ]]; then
        names=(${(f)"$(command rpod __complete -- "${(@)words[2,CURRENT-1]}" 2>/dev/null)"})
    fi
    if (( ${#names} )); then
        compadd -a names
    else
        _rpod "$@"
    fi
}

"#;

/// fish: one more candidate source, merged with the static ones.
const FISH_LIVE: &str = r#"
# Live names (containers, images, volumes) from `rpod __complete`.
complete -c rpod -n 'not string match -q -- "-*" (commandline -ct)' -a '(command rpod __complete -- (commandline -opc)[2..-1] 2>/dev/null)'
"#;

/// Wire `rpod __complete` into clap's generated script (docs/decisions.md:
/// a wrapper around the static script rather than clap_complete's unstable
/// dynamic engine).
fn with_live_names(shell: Shell, script: String) -> String {
    match shell {
        Shell::Bash => {
            let mut s = script.replace("complete -F _rpod ", "complete -F _rpod_live ");
            let at = s.rfind("\nif [[ \"${BASH_VERSINFO[0]}\" -eq 4").map(|i| i + 1).expect("clap's bash script registers _rpod under a version check");
            s.insert_str(at, BASH_LIVE.trim_start_matches('\n'));
            s
        }
        Shell::Zsh => {
            let tail = "if [ \"$funcstack[1]\" = \"_rpod\" ]; then\n    _rpod \"$@\"\nelse\n    compdef _rpod rpod\nfi\n";
            assert!(script.ends_with(tail), "clap's zsh script ends with its dispatch");
            let mut s = script[..script.len() - tail.len()].to_string();
            s.push_str(ZSH_LIVE);
            // Register the wrapper in both cases: after the first load `_rpod`
            // is clap's function, so `#compdef` alone would lose the names.
            s.push_str(
                "if [ \"$funcstack[1]\" = \"_rpod\" ]; then\n    compdef _rpod_live rpod\n    _rpod_live \"$@\"\nelse\n    compdef _rpod_live rpod\nfi\n",
            );
            s
        }
        Shell::Fish => script + FISH_LIVE,
        _ => script,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `rpod <TAB>` offers what users type, never the hidden entries
    /// (`__complete` is named only by the live-name wrapper that calls it).
    #[test]
    fn completion_scripts_never_offer_hidden_subcommands() {
        let hidden: Vec<String> = super::super::command().get_subcommands().filter(|s| s.is_hide_set()).map(|s| s.get_name().to_string()).collect();
        assert!(hidden.contains(&"__complete".to_string()) && hidden.contains(&"container-monitor".to_string()), "{hidden:?}");
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let s = static_completion(shell);
            for h in &hidden {
                assert!(!s.contains(h.as_str()), "{shell:?} completion names the hidden {h}");
            }
            for visible in ["pull", "volume", "container", "quadlet", "format"] {
                assert!(s.contains(visible), "{shell:?} completion lost {visible}");
            }
            let full = completion_script(shell);
            assert!(!full.contains("container-monitor"), "{shell:?}");
            assert!(full.contains("rpod __complete --"), "{shell:?}: the live names are still wired");
        }
    }
}

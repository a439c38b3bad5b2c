//! Man pages, shell completions and the Podman flag coverage
//! (`docs/podman-flags.md`), generated from the clap definitions and
//! checked in under `man/`, `completions/` and `docs/`. `tests/generated.rs` fails
//! when they are stale; `RPOD_UPDATE_GENERATED=1 cargo test --test generated`
//! rewrites them.

use std::path::PathBuf;

use clap_complete::Shell;

/// Every generated file: (path relative to the repository, contents).
pub fn generated_files() -> Vec<(PathBuf, Vec<u8>)> {
    let mut cmd = super::command();
    cmd.build();
    let mut out = Vec::new();
    man_pages(&cmd, "rpod", &mut out);
    for (shell, file) in [(Shell::Bash, "rpod.bash"), (Shell::Zsh, "_rpod"), (Shell::Fish, "rpod.fish")] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut super::command(), "rpod", &mut buf);
        out.push((PathBuf::from("completions").join(file), buf));
    }
    out.push((PathBuf::from("docs/podman-flags.md"), super::flags::coverage_markdown(&cmd).into_bytes()));
    out
}

fn man_pages(cmd: &clap::Command, name: &str, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    let page = cmd.clone().name(name.to_string()).bin_name(name.replace('-', " "));
    let mut buf = Vec::new();
    clap_mangen::Man::new(page).render(&mut buf).expect("rendering to memory cannot fail");
    out.push((PathBuf::from("man").join(format!("{name}.1")), buf));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        man_pages(sub, &format!("{name}-{}", sub.get_name()), out);
    }
}

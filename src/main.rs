//! The `rpod` binary: parse the command line, run the command, map errors to
//! Podman's exit codes. Everything else lives in the library (`src/lib.rs`).

fn main() {
    std::process::exit(rpod::cli::main());
}

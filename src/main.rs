//! The `rpod` binary: parse the command line, run the command, map errors to
//! Podman's exit codes. Everything else lives in the library (`src/lib.rs`).

fn main() {
    let code = rpod::cli::main();
    // The caller hears of the exit without waiting for the memory to be
    // unmapped (runtime::teardown).
    rpod::runtime::teardown::exit(code)
}

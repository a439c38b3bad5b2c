//! Exit codes and the error type that carries one to `main`.
//!
//! Podman's convention: the container's own code, 125 for errors of the engine,
//! 126 when the command cannot be invoked, 127 when it is not found. A few
//! commands have their own (`image exists` → 1, `rmi` of an unknown image → 1).

use std::fmt;

/// The engine failed (bad flag, bad image, registry error, ...).
pub const EXIT_ENGINE: i32 = 125;
/// The contained command could not be invoked.
pub const EXIT_CANNOT_INVOKE: i32 = 126;
/// The contained command was not found.
pub const EXIT_NOT_FOUND: i32 = 127;

/// An error that asks for a specific exit code; anything else exits 125.
#[derive(Debug)]
pub struct ExitError {
    pub code: i32,
    /// Printed as `Error: {message}` unless empty.
    pub message: String,
}

impl ExitError {
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        ExitError { code, message: message.into() }
    }
    /// Exit with `code`, printing nothing (e.g. `image exists`).
    pub fn silent(code: i32) -> Self {
        ExitError { code, message: String::new() }
    }
}

impl fmt::Display for ExitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExitError {}

/// The exit code for an error that reached `main`.
pub fn exit_code(err: &anyhow::Error) -> i32 {
    err.chain().find_map(|e| e.downcast_ref::<ExitError>().map(|x| x.code)).unwrap_or(EXIT_ENGINE)
}

//! The engine's error type: what went wrong, in terms a front end can map
//! to its own vocabulary — Podman's exit codes for the CLI (see
//! `crate::cli::exit_code_for`), HTTP statuses for a future API server.
//! Context (which file, which image, why) travels in the messages; the
//! variant says what kind of failure it is.

use thiserror::Error;

/// Why an engine call failed.
#[derive(Debug, Error)]
pub enum Error {
    /// No container has this name, ID or ID prefix.
    #[error("no container with name or ID {0:?} found: no such container")]
    NoSuchContainer(String),
    /// No volume has this name.
    #[error("no volume with name {0:?} found: no such volume")]
    NoSuchVolume(String),
    /// No local image matches.
    #[error("{0}: image not known")]
    NoSuchImage(String),
    /// A name is already taken by another container.
    #[error("the container name {0:?} is already in use: remove that container or choose another name")]
    NameInUse(String),
    /// The container is not in a state that allows the operation.
    #[error("{0}")]
    InvalidState(String),
    /// The object is used by something else (an image by a container, ...).
    #[error("{0}")]
    InUse(String),
    /// The caller asked for something malformed or unsupported.
    #[error("{0}")]
    BadInput(String),
    /// A registry refused or failed (network, protocol, manifest, blob).
    #[error("{0}")]
    Registry(String),
    /// Credentials are missing or wrong.
    #[error("{0}")]
    Auth(String),
    /// The container's process could not be started; `code` is Podman's
    /// class: 125 (setup), 126 (cannot invoke), 127 (not found).
    #[error("{message}")]
    Launch { code: i32, message: String },
    /// Anything else, with its context chain.
    #[error(transparent)]
    Other(anyhow::Error),
}

/// The engine's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn bad_input(msg: impl Into<String>) -> Error {
        Error::BadInput(msg.into())
    }
    pub fn invalid_state(msg: impl Into<String>) -> Error {
        Error::InvalidState(msg.into())
    }
}

/// An `anyhow` error that carries an engine error (possibly under context)
/// becomes that error again; anything else is [`Error::Other`].
impl From<anyhow::Error> for Error {
    fn from(e: anyhow::Error) -> Error {
        if e.downcast_ref::<Error>().is_some() {
            // The outer context messages are dropped with the wrapper; the
            // variant (and its own message) is what callers match on.
            match e.downcast::<Error>() {
                Ok(inner) => return inner,
                Err(e) => return Error::Other(e),
            }
        }
        Error::Other(e)
    }
}

impl From<crate::runtime::process::LaunchError> for Error {
    fn from(e: crate::runtime::process::LaunchError) -> Error {
        Error::Launch { code: e.exit_code(), message: e.to_string() }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Other(e.into())
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        Error::Other(e.into())
    }
}

impl From<nix::errno::Errno> for Error {
    fn from(e: nix::errno::Errno) -> Error {
        Error::Other(e.into())
    }
}

/// Find the engine error in an `anyhow` chain (the CLI's edge).
pub fn find(err: &anyhow::Error) -> Option<&Error> {
    err.chain().find_map(|e| e.downcast_ref::<Error>())
}

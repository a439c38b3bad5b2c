//! rpod: a rootless, daemonless container engine.
//!
//! Layers, top to bottom (data flows one way):
//! - [`cli`]: clap definitions, output formatting; parses and prints only.
//! - [`engine`]: the verbs (pull, images, rmi, ...), orchestrating the modules below.
//! - [`image`]: references, registries.conf, auth.json, registry transfer (the only async code).
//! - [`storage`]: the on-disk store: layout, locks, atomic metadata, layers, secure unpack.
//! - [`runtime`]: user namespaces and id mappings (more arrives with the runtime issue).
//! - [`paths`]: where things live (XDG, `--root`, `--runroot`).

pub mod cgroups;
pub mod cli;
pub mod container;
pub mod engine;
pub mod error;
pub mod image;
pub mod monitor;
pub mod paths;
pub mod runtime;
pub mod storage;

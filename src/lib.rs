//! rpod: a rootless, daemonless container engine.
//!
//! Layers, top to bottom (data flows one way: flags → options → spec → runtime;
//! `docs/architecture.md` draws it):
//! - [`cli`]: clap definitions, output formatting, terminal relays; parses and prints only.
//! - [`engine`]: the one API: every verb takes an options struct and returns a
//!   typed report or an [`engine::Error`]; a future API server calls the same functions.
//! - [`image`]: references, registries.conf, auth.json, registry transfer (the only async code).
//! - [`storage`]: the on-disk store: layout, locks, atomic metadata, layers, secure
//!   unpack, confined reads of image files.
//! - [`container`]: container records, state, the name/ID index, and the OCI spec
//!   generated from image config and options.
//! - [`monitor`]: the per-container process that outlives an rpod call.
//! - [`runtime`]: executes a spec: namespaces, id mappings, mounts, seccomp,
//!   capabilities, the process and `exec`, behind a syscall seam.
//! - [`network`]: network modes, published ports, pasta/slirp4netns helpers, hosts and resolv.conf.
//! - [`cgroups`]: the delegated cgroup v2 subtree: placement, limits, freezing.
//! - [`systemd`]: unit files, Quadlet, `generate systemd`, the `sd_notify` protocol.
//! - [`events`]: the event log every rpod call appends to (`rpod events`).
//! - [`config`]: containers.conf, read once per call (engine defaults).
//! - [`paths`]: where things live (XDG, `--root`, `--runroot`).
//! - [`error`]: exit codes and the error that carries one to `main`.

pub mod build;
pub mod cgroups;
pub mod cli;
pub mod config;
pub mod container;
pub mod engine;
pub mod error;
pub mod events;
pub mod image;
pub mod monitor;
pub mod network;
pub mod paths;
pub mod runtime;
pub mod storage;
pub mod systemd;
pub mod volumes;

//! systemd integration: unit files, Quadlet (`*.container` files turned
//! into services), `generate systemd`, and the `sd_notify` protocol the
//! monitor speaks for `--sdnotify`.
//!
//! Nothing here talks to systemd over D-Bus: units are files systemd reads
//! (a generator's output directory, or files `generate systemd --files`
//! writes), and readiness is one datagram to `$NOTIFY_SOCKET`.

pub mod notify;
pub mod quadlet;
pub mod unit;

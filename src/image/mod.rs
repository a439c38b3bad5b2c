//! Images as the outside world names and serves them: references,
//! registries.conf, credentials, platforms, and the registry transfer (the
//! only async code in rpod, on tokio).

pub mod auth;
pub mod credhelper;
pub mod download;
pub mod platform;
pub mod reference;
pub mod registries;
pub mod transfer;
pub mod upload;

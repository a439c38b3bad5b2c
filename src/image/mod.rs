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

/// Make rustls use ring for TLS in this process (its process-wide default
/// provider), instead of aws-lc, which reqwest picks otherwise. aws-lc
/// seeds its random generator from CPU jitter entropy on first use: about
/// 25 ms of CPU in every rpod process that opens a TLS connection (even the
/// `https` probe of a plain-HTTP registry), measured as 70% of the CPU of a
/// `push` that only mounts blobs; ring asks the kernel (`getrandom`).
/// Call before building an HTTP client; later calls do nothing.
pub fn tls_init() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

#[cfg(test)]
mod tests {
    #[test]
    fn tls_runs_on_ring() {
        super::tls_init();
        let p = rustls::crypto::CryptoProvider::get_default().expect("a provider is installed");
        let groups: Vec<String> = p.kx_groups.iter().map(|g| format!("{:?}", g.name())).collect();
        // aws-lc's default provider leads with the post-quantum hybrid; ring has none.
        assert!(!groups.iter().any(|g| g.contains("MLKEM")), "{groups:?}");
        assert!(groups.iter().any(|g| g == "X25519"), "{groups:?}");
    }
}

//! Link the `rpod` binary position-dependent (`-no-pie`): the loader then
//! has ~280 relocations to apply instead of ~29,000, so `.data.rel.ro`
//! (~500 kB) stays clean page cache shared by every rpod process instead of
//! private memory in each one — above all in every container's monitor.
//! Why that trade is accepted: docs/security.md ("The binary is linked
//! without PIE") and docs/decisions.md ("The monitor's memory").
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    // `rpod version`'s compiler line (Podman's "Go Version") and build time.
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    if let Ok(out) = std::process::Command::new(rustc).arg("--version").output() {
        let v = String::from_utf8_lossy(&out.stdout);
        if out.status.success() && !v.trim().is_empty() {
            println!("cargo:rustc-env=RPOD_RUSTC_VERSION={}", v.trim());
        }
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        println!("cargo:rustc-env=RPOD_SOURCE_DATE_EPOCH={epoch}");
    }
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

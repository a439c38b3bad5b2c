//! Link the `rpod` binary position-dependent (`-no-pie`): the loader then
//! has ~280 relocations to apply instead of ~29,000, so `.data.rel.ro`
//! (~500 kB) stays clean page cache shared by every rpod process instead of
//! private memory in each one — above all in every container's monitor.
//! Why that trade is accepted: docs/security.md ("The binary is linked
//! without PIE") and docs/decisions.md ("The monitor's memory").
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

//! The checked-in man pages and completions must match the CLI definitions.
//! Regenerate with `RPOD_UPDATE_GENERATED=1 cargo test --test generated`.

use std::path::Path;

#[test]
fn man_pages_and_completions_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("RPOD_UPDATE_GENERATED").is_some();
    let files = rpod::cli::docs::generated_files();
    assert!(files.iter().any(|(p, _)| p == Path::new("man/rpod-pull.1")), "rpod-pull.1 is generated");
    let mut stale = Vec::new();
    for (rel, data) in &files {
        let path = root.join(rel);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, data).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(data.as_slice()) {
            stale.push(rel.display().to_string());
        }
    }
    // Nothing generated earlier for a command that no longer exists.
    for dir in ["man", "completions"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            let rel = Path::new(dir).join(e.file_name());
            if !files.iter().any(|(p, _)| *p == rel) {
                if update {
                    std::fs::remove_file(e.path()).unwrap();
                } else {
                    stale.push(format!("{} (no longer generated)", rel.display()));
                }
            }
        }
    }
    assert!(stale.is_empty(), "stale generated files: {stale:?}\nrun: RPOD_UPDATE_GENERATED=1 cargo test --test generated");
}

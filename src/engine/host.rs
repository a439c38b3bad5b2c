//! What the engine reads or runs on the caller's side of the host: files
//! named in options (`--env-file`, `--security-opt seccomp=FILE`) and
//! `rpod unshare`. Front ends pass paths and argv; they read no files and
//! exec nothing themselves.

use std::path::{Path, PathBuf};

use super::error::{Error, Result};
use super::Engine;

/// Largest option file read (an env file or a seccomp profile; Podman's
/// default profile is ~20 KB).
pub const OPTION_FILE_LIMIT: u64 = 4 << 20;

/// Read a small regular file the caller named. A FIFO, a device or a file
/// over `limit` bytes is one clear error: never waited on (the open does
/// not block), never read without end (`/dev/zero`, a growing file).
pub fn read_option_file(path: &Path, what: &str, limit: u64) -> Result<String> {
    let bad = |why: String| Error::bad_input(format!("{what} {}: {why}", path.display()));
    let data = crate::storage::read_regular(path, limit).map_err(|e| bad(e.to_string()))?;
    String::from_utf8(data).map_err(|_| bad("not UTF-8 text".into()))
}

/// `--env-file`s, in order: `KEY=VALUE` lines, blank lines and `#`
/// comments skipped.
pub fn env_files(paths: &[PathBuf]) -> Result<Vec<String>> {
    let mut env = Vec::new();
    for p in paths {
        let text = read_option_file(p, "env file", OPTION_FILE_LIMIT)?;
        env.extend(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string));
    }
    Ok(env)
}

/// `--security-opt seccomp=FILE`: the profile as JSON.
pub fn seccomp_profile(path: &Path) -> Result<serde_json::Value> {
    let text = read_option_file(path, "seccomp profile", OPTION_FILE_LIMIT)?;
    serde_json::from_str(&text).map_err(|e| Error::bad_input(format!("parsing seccomp profile {}: {e}", path.display())))
}

/// `rpod unshare [CMD...]`: replace this process with `argv` inside rpod's
/// user namespace (the engine was opened with content access, so the
/// process is already in it), with the variables Podman sets. Returns only
/// on failure: 127 when the command does not exist, 126 when it cannot run.
pub fn unshare(engine: &Engine, argv: &[String]) -> Error {
    use std::os::unix::process::CommandExt;
    let Some((cmd, args)) = argv.split_first() else { return Error::bad_input("unshare: no command") };
    // A mount namespace of the session's own, owned by rpod's user
    // namespace: where `rpod mount` can mount (and the only place its mounts
    // are seen). The host's mounts still propagate in (slave), none out.
    use nix::mount::MsFlags;
    if let Err(e) = nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS)
        .and_then(|()| nix::mount::mount(None::<&str>, "/", None::<&str>, MsFlags::MS_REC | MsFlags::MS_SLAVE, None::<&str>))
    {
        return Error::Other(anyhow::anyhow!("unshare: creating a mount namespace: {e}"));
    }
    let err = std::process::Command::new(cmd)
        .args(args)
        .env("_CONTAINERS_USERNS_CONFIGURED", "done")
        .env("_CONTAINERS_ROOTLESS_UID", engine.idmap.as_ref().and_then(|m| m.uids.first()).map(|l| l.outside).unwrap_or(0).to_string())
        .env("RPOD_ROOT", &engine.paths.root)
        .exec();
    let code = if err.kind() == std::io::ErrorKind::NotFound { 127 } else { 126 };
    Error::Launch { code, message: format!("{cmd}: {err}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_files_are_bounded_regular_files() {
        let dir = std::env::temp_dir().join(format!("rpod-host-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let env = dir.join("env");
        std::fs::write(&env, "# comment\n\nA=1\n  B=two  \n").unwrap();
        assert_eq!(env_files(std::slice::from_ref(&env)).unwrap(), ["A=1", "B=two"]);
        // Endless, blocking and oversized inputs are refused at once (DoS class).
        let e = env_files(&[PathBuf::from("/dev/zero")]).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        let fifo = dir.join("fifo");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
        assert!(seccomp_profile(&fifo).unwrap_err().to_string().contains("not a regular file"));
        let big = dir.join("big");
        std::fs::File::create(&big).unwrap().set_len(OPTION_FILE_LIMIT + 1).unwrap();
        assert!(read_option_file(&big, "env file", OPTION_FILE_LIMIT).unwrap_err().to_string().contains("larger than"));
        assert!(matches!(seccomp_profile(&env), Err(Error::BadInput(_))), "not JSON");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

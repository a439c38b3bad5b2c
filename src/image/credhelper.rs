//! Docker credential helpers (`docker-credential-NAME get|store|erase`),
//! named by auth.json's `credHelpers` (per registry) and `credsStore`.
//!
//! The protocol (docker/docker-credential-helpers): `get` and `erase` read
//! the server (the registry host) on stdin; `get` prints
//! `{"ServerURL":..,"Username":..,"Secret":..}`; `store` reads that JSON.
//! A helper that does not know the server prints "credentials not found"
//! and exits non-zero.
//!
//! A helper is a program found on `PATH` that the user's config names; it
//! runs as the user, so the danger is not privilege but a helper (or a
//! config naming the wrong program) that hangs or floods: each run has a
//! time limit ([`TIMEOUT`]) after which its whole process group is killed,
//! and its output is capped ([`MAX_OUTPUT`]). A name with `/` (which would
//! run a path relative to the working directory) or control characters
//! is refused.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;

use super::auth::Credentials;

/// How long one helper run may take (helpers may unlock a keyring).
pub const TIMEOUT: Duration = Duration::from_secs(60);
/// Cap on a helper's output (a credential is a few KB at most).
pub const MAX_OUTPUT: usize = 64 * 1024;

/// The helper's program name for `name` (`pass` -> `docker-credential-pass`).
pub fn program(name: &str) -> Result<String> {
    if name.is_empty() || name.len() > 128 || name.contains('/') || name.starts_with('.') || name.chars().any(|c| c.is_control() || c.is_whitespace()) {
        bail!("invalid credential helper name {name:?}");
    }
    Ok(format!("docker-credential-{name}"))
}

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
pub enum HelperError {
    /// The helper has no credentials for the server.
    #[error("credentials not found")]
    NotFound,
    #[error("{0}")]
    Failed(String),
}

/// One line of a helper's text, safe to print.
fn one_line(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let line: String = text.trim().chars().map(|c| if c.is_control() { ' ' } else { c }).take(200).collect();
    line
}

/// Run `program action` with `input` on stdin; its stdout, bounded in size
/// and time. `timeout` is [`TIMEOUT`] outside tests.
pub fn run(program: &str, action: &str, input: &[u8], timeout: Duration) -> Result<Vec<u8>, HelperError> {
    let fail = |m: String| HelperError::Failed(format!("credential helper {program} {action}: {m}"));
    let mut child = Command::new(program)
        .arg(action)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| fail(if e.kind() == std::io::ErrorKind::NotFound { "not found in $PATH".into() } else { e.to_string() }))?;
    let pgid = child.id() as i32;
    let kill = |child: &mut std::process::Child| {
        // SAFETY: killpg on the helper's own process group (made by
        // process_group(0) above); no memory is involved.
        unsafe { libc::killpg(pgid, libc::SIGKILL) };
        let _ = child.wait();
    };
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = input.to_vec();
    // A helper that never reads stdin must not block us: write from a thread.
    std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let r = (&mut stdout).take(MAX_OUTPUT as u64 + 1).read_to_end(&mut buf);
        let _ = tx.send(r.map(|_| buf));
    });
    let deadline = Instant::now() + timeout;
    let out = match rx.recv_timeout(timeout) {
        Ok(Ok(buf)) if buf.len() > MAX_OUTPUT => {
            kill(&mut child);
            return Err(fail(format!("printed more than {MAX_OUTPUT} bytes")));
        }
        Ok(Ok(buf)) => buf,
        Ok(Err(e)) => {
            kill(&mut child);
            return Err(fail(format!("reading its output: {e}")));
        }
        Err(_) => {
            kill(&mut child);
            return Err(fail(format!("did not finish within {} s", timeout.as_secs_f32())));
        }
    };
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                kill(&mut child);
                return Err(fail(format!("did not exit within {} s", timeout.as_secs_f32())));
            }
            Err(e) => return Err(fail(e.to_string())),
        }
    };
    if !status.success() {
        let msg = one_line(&out);
        if msg.to_lowercase().contains("credentials not found") {
            return Err(HelperError::NotFound);
        }
        return Err(fail(if msg.is_empty() { format!("exited with {status}") } else { msg }));
    }
    Ok(out)
}

#[derive(Deserialize)]
struct HelperCreds {
    #[serde(rename = "Username", default)]
    username: String,
    #[serde(rename = "Secret", default)]
    secret: String,
}

/// `get`: the helper's credentials for `server`; `None` when it has none.
pub fn get(name: &str, server: &str) -> Result<Option<Credentials>> {
    get_with(name, server, TIMEOUT)
}

pub fn get_with(name: &str, server: &str, timeout: Duration) -> Result<Option<Credentials>> {
    let program = program(name)?;
    let out = match run(&program, "get", server.as_bytes(), timeout) {
        Ok(o) => o,
        Err(HelperError::NotFound) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let c: HelperCreds = serde_json::from_slice(&out).map_err(|e| anyhow!("credential helper {program} get: invalid JSON output: {e}"))?;
    if c.username == "<token>" {
        bail!("credential helper {program} returned an identity token for {server}: identity tokens are not supported");
    }
    if c.username.is_empty() && c.secret.is_empty() {
        return Ok(None);
    }
    Ok(Some(Credentials { username: c.username, password: c.secret }))
}

/// `store`: keep `c` for `server` in the helper.
pub fn store(name: &str, server: &str, c: &Credentials) -> Result<()> {
    let program = program(name)?;
    let input = serde_json::to_vec(&serde_json::json!({ "ServerURL": server, "Username": c.username, "Secret": c.password }))?;
    run(&program, "store", &input, TIMEOUT).map(|_| ()).map_err(anyhow::Error::from).with_context(|| format!("storing credentials for {server}"))
}

/// `erase`: `Ok(false)` when the helper had nothing for `server`.
pub fn erase(name: &str, server: &str) -> Result<bool> {
    let program = program(name)?;
    match run(&program, "erase", server.as_bytes(), TIMEOUT) {
        Ok(_) => Ok(true),
        Err(HelperError::NotFound) => Ok(false),
        Err(e) => Err(anyhow::Error::from(e).context(format!("removing credentials for {server}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn script(dir: &std::path::Path, name: &str, body: &str) -> String {
        let p = dir.join(name);
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        p.display().to_string()
    }

    fn tmp() -> std::path::PathBuf {
        let d = std::env::temp_dir().join(crate::storage::atomic::unique_name("rpod-credhelper-"));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn names_with_paths_are_refused() {
        // Class: path traversal / running a program the config did not mean.
        for bad in ["../../bin/sh", "a/b", "", ".hidden", "x y", "x\n"] {
            assert!(program(bad).is_err(), "{bad:?}");
        }
        assert_eq!(program("pass").unwrap(), "docker-credential-pass");
    }

    #[test]
    fn get_protocol_and_not_found() {
        let d = tmp();
        let ok =
            script(&d, "ok", r#"read s; [ "$1" = get ] && [ "$s" = "reg.test:5001" ] && echo '{"ServerURL":"reg.test:5001","Username":"u","Secret":"p:w"}'"#);
        assert!(run(&ok, "get", b"reg.test:5001", TIMEOUT).unwrap().len() > 10);
        let nf = script(&d, "nf", "echo 'credentials not found in native keychain'; exit 1");
        assert!(matches!(run(&nf, "get", b"x", TIMEOUT), Err(HelperError::NotFound)));
        let bad = script(&d, "bad", "printf 'boom\\033[2J'; exit 3");
        let e = run(&bad, "get", b"x", TIMEOUT).unwrap_err().to_string();
        assert!(e.contains("boom") && !e.contains('\u{1b}'), "{e}");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn endless_output_and_hangs_are_cut_off() {
        // Class: resource exhaustion by a hostile or broken helper (endless
        // output, a helper that never exits, a child holding stdout open).
        let d = tmp();
        let flood = script(&d, "flood", "yes");
        let e = run(&flood, "get", b"x", TIMEOUT).unwrap_err().to_string();
        assert!(e.contains("more than"), "{e}");
        let hang = script(&d, "hang", "sleep 1000");
        let t = Instant::now();
        let e = run(&hang, "get", b"x", Duration::from_millis(300)).unwrap_err().to_string();
        assert!(e.contains("did not finish"), "{e}");
        assert!(t.elapsed() < Duration::from_secs(30));
        let bg = script(&d, "bg", "sleep 1000 & echo '{}'; exit 0");
        let e = run(&bg, "get", b"x", Duration::from_millis(300)).unwrap_err().to_string();
        assert!(e.contains("did not finish"), "a child keeping stdout open is waited for only until the deadline: {e}");
        std::fs::remove_dir_all(&d).unwrap();
    }
}

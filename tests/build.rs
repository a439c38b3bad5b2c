//! `rpod build` as the unprivileged user: Containerfile instructions, the
//! layer cache, multi-stage plans, bad input, and reproducible images.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// A build context directory with these files (owned by the test user).
fn context(env: &TestEnv, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = env.dir.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    if is_root() {
        std::os::unix::fs::chown(&dir, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    for (p, content) in files {
        env.write_file(&dir.join(p), content);
    }
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The image ID a build printed last.
fn built_id(out: &str) -> String {
    let id = out.lines().last().unwrap_or("").trim().to_string();
    assert!(is_hex64(&id), "the last line of build output is not an image ID:\n{out}");
    id
}

#[test]
fn metadata_instructions_cache_and_intermediate_images() {
    let env = TestEnv::new("build-meta");
    let bb = img("busybox");
    let file = format!(
        "# a comment\nARG BASE={bb}\nFROM $BASE\nARG GREETING=hello\nENV A=1 B=\"two words\" \\\n    C=${{GREETING}}-x\nLABEL com.example.x=$A \"with space\"=yes\nWORKDIR /srv\nWORKDIR sub\nUSER 1000:1000\nEXPOSE 8080 53/udp\nSTOPSIGNAL SIGINT\nVOLUME /data\nHEALTHCHECK --interval=30s --retries=2 CMD true\nENTRYPOINT [\"sh\", \"-c\"]\nCMD [\"echo $A $C\"]\n"
    );
    let ctx = context(&env, "ctx", &[("Containerfile", &file), ("Dockerfile", "FROM scratch-is-not-used\n")]);
    let iid = env.dir.join("iid");
    let out = env.ok(&["build", "-t", "meta", "-t", "meta:two", "--label", "extra=1", "--iidfile", s(&iid), s(&ctx)]);
    let id = built_id(&out);
    assert!(out.starts_with("STEP 1/13: FROM $BASE\n"), "Podman's step lines (Containerfile preferred over Dockerfile):\n{out}");
    assert!(out.contains("COMMIT meta, meta:two\n"), "{out}");
    assert!(out.contains("Successfully tagged localhost/meta:latest\n"), "{out}");
    assert_eq!(std::fs::read_to_string(&iid).unwrap(), format!("sha256:{id}"));
    let cfg = env.ok(&["image", "inspect", "meta", "--format", "{{json .Config}}"]);
    let cfg: serde_json::Value = serde_json::from_str(&cfg).unwrap();
    let env_list: Vec<&str> = cfg["Env"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(env_list.contains(&"A=1") && env_list.contains(&"B=two words") && env_list.contains(&"C=hello-x"), "{cfg}");
    assert_eq!(cfg["Labels"]["com.example.x"], "1", "{cfg}");
    assert_eq!(cfg["Labels"]["with space"], "yes", "{cfg}");
    assert_eq!(cfg["Labels"]["extra"], "1", "--label: {cfg}");
    assert_eq!(cfg["WorkingDir"], "/srv/sub");
    assert_eq!(cfg["User"], "1000:1000");
    assert!(cfg["ExposedPorts"]["8080/tcp"].is_object() && cfg["ExposedPorts"]["53/udp"].is_object(), "{cfg}");
    assert_eq!(cfg["StopSignal"], "SIGINT");
    assert!(cfg["Volumes"]["/data"].is_object(), "{cfg}");
    assert_eq!(cfg["Healthcheck"]["Test"], serde_json::json!(["CMD-SHELL", "true"]), "{cfg}");
    assert_eq!(cfg["Healthcheck"]["Interval"], 30_000_000_000u64, "{cfg}");
    assert_eq!(cfg["Entrypoint"], serde_json::json!(["sh", "-c"]));
    assert_eq!(cfg["Cmd"], serde_json::json!(["echo $A $C"]));
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "--user", "0", "meta"]), "1 hello-x\n");
    // Intermediate images are hidden, as Podman hides them; -a shows them.
    let shown = env.ok(&["images", "-q", "--no-trunc"]);
    let all = env.ok(&["images", "-a", "-q", "--no-trunc"]);
    assert_eq!(shown.lines().count(), 2, "busybox and the build's image only:\n{shown}");
    assert!(all.lines().count() > 2, "{all}");
    // A second build with nothing changed: every step from the cache, the same image.
    let again = env.ok(&["build", "-t", "meta", "--label", "extra=1", s(&ctx)]);
    assert_eq!(built_id(&again), id);
    assert_eq!(again.matches("--> Using cache").count(), 12, "{again}");
    assert_eq!(env.ok(&["images", "-a", "-q", "--no-trunc"]), all, "a cached build stores nothing");
    // A changed build argument rebuilds from the ARG on; -q prints only the ID.
    let q = env.ok(&["build", "-q", "--build-arg", "GREETING=bye", s(&ctx)]);
    assert_eq!(q.lines().count(), 1, "{q}");
    assert_ne!(q.trim(), id);
    // --no-cache rebuilds every step.
    let nc = env.ok(&["build", "--no-cache", s(&ctx)]);
    assert!(!nc.contains("Using cache"), "{nc}");
    // The Dockerfile is used when there is no Containerfile; - reads standard input.
    let ctx2 = context(&env, "ctx2", &[("Dockerfile", &format!("FROM {bb}\nLABEL from=dockerfile\n"))]);
    env.ok(&["build", "-t", "docker-file", s(&ctx2)]);
    assert_eq!(env.ok(&["image", "inspect", "docker-file", "--format", "{{index .Config.Labels \"from\"}}"]), "dockerfile\n");
    let out = env.run_full(&["build", "-t", "stdin", "-"], &[], Some(&format!("FROM {bb}\nLABEL from=stdin\n")));
    assert!(out.success(), "{}", out.dump());
    assert_eq!(env.ok(&["image", "inspect", "stdin", "--format", "{{index .Config.Labels \"from\"}}"]), "stdin\n");
}

#[test]
fn multi_stage_plans_skip_unused_stages() {
    let env = TestEnv::new("build-stages");
    let bb = img("busybox");
    // The unused stage names an image no registry has: building it would fail.
    let file =
        format!("FROM {bb} AS base\nLABEL stage=base\n\nFROM 127.0.0.1:5000/no-such-image AS unused\nRUN false\n\nFROM base AS final\nLABEL stage=final\n");
    let ctx = context(&env, "ctx", &[("Containerfile", &file)]);
    let out = env.ok(&["build", "-t", "staged", s(&ctx)]);
    assert!(!out.contains("no-such-image"), "the unused stage was skipped:\n{out}");
    assert!(out.contains("[1/2] STEP 1/2: FROM"), "{out}");
    assert_eq!(env.ok(&["image", "inspect", "staged", "--format", "{{index .Config.Labels \"stage\"}}"]), "final\n");
    env.ok(&["build", "-t", "base-only", "--target", "base", s(&ctx)]);
    assert_eq!(env.ok(&["image", "inspect", "base-only", "--format", "{{index .Config.Labels \"stage\"}}"]), "base\n");
}

#[test]
fn bad_input_gives_one_line() {
    let env = TestEnv::new("build-bad");
    let bb = img("busybox");
    // A syntax error names the line.
    let ctx = context(&env, "syntax", &[("Containerfile", &format!("FROM {bb}\n\nRUNN echo\n"))]);
    let out = env.fails(&["build", s(&ctx)], 125);
    let line = out.assert_one_error_line();
    assert!(line.contains("Containerfile:3") && line.contains("RUNN"), "{line}");
    // A context that does not exist.
    let out = env.fails(&["build", s(&env.dir.join("nowhere"))], 125);
    assert!(out.assert_one_error_line().contains("nowhere"), "{}", out.dump());
    // A build argument used in FROM but never set.
    let ctx = context(&env, "arg", &[("Containerfile", "ARG BASE\nFROM $BASE\n")]);
    let out = env.fails(&["build", s(&ctx)], 125);
    let line = out.assert_one_error_line();
    assert!(line.contains("BASE") && line.contains("not set"), "{line}");
    // An unknown --target, another platform, a missing -f.
    let ctx = context(&env, "ok", &[("Containerfile", &format!("FROM {bb} AS a\nLABEL x=1\n"))]);
    env.fails(&["build", "--target", "nope", s(&ctx)], 125).assert_one_error_line();
    let out = env.fails(&["build", "--platform", "linux/s390x", s(&ctx)], 125);
    assert!(out.assert_one_error_line().contains("host's platform"), "{}", out.dump());
    env.fails(&["build", "-f", "/nonexistent/Containerfile", s(&ctx)], 125).assert_one_error_line();
    // --pull=never with an image that is not local.
    let out = env.fails(&["build", "--pull=never", s(&ctx)], 125);
    assert!(out.assert_one_error_line().contains("never"), "{}", out.dump());
    // Nothing was left behind by the failures.
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "");
}

#[test]
fn timestamp_makes_metadata_builds_reproducible() {
    let bb = img("busybox");
    let file = format!("FROM {bb}\nENV A=1\nLABEL b=2\nCMD [\"true\"]\n");
    let mut ids = Vec::new();
    for n in 0..2 {
        let env = TestEnv::new(&format!("build-ts{n}"));
        let ctx = context(&env, "ctx", &[("Containerfile", &file)]);
        ids.push(built_id(&env.ok(&["build", "--timestamp", "1700000000", s(&ctx)])));
        let created = env.ok(&["image", "inspect", ids[n].as_str(), "--format", "{{.Created}}"]);
        assert!(created.starts_with("2023-11-14"), "{created}");
    }
    assert_eq!(ids[0], ids[1], "two stores, the same digest");
}

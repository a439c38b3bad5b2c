//! Shipping images: `rpod push` to the loopback registries, checked with
//! skopeo (the reference implementation of containers/image) and by pulling
//! back with rpod.

mod common;

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use serde_json::Value;

static N: AtomicUsize = AtomicUsize::new(0);

/// A repository name no earlier run used (the registry keeps what is pushed).
fn fresh_repo(what: &str) -> String {
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{}/ship-{what}-{t:x}-{}-{}", registry(), std::process::id(), N.fetch_add(1, Ordering::SeqCst))
}

fn skopeo(args: &[&str]) -> String {
    let out = Command::new("skopeo").args(args).output().expect("skopeo is installed (contrib/setup-test-env.sh)");
    assert!(out.status.success(), "skopeo {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn skopeo_inspect(reference: &str, raw: bool) -> Value {
    let r = format!("docker://{reference}");
    let mut args = vec!["inspect", "--tls-verify=false"];
    if raw {
        args.push("--raw");
    }
    args.push(&r);
    serde_json::from_str(&skopeo(&args)).unwrap()
}

/// skopeo copies the image into an OCI layout, verifying every blob's digest.
fn skopeo_verifies(reference: &str, env: &TestEnv) {
    let dir = env.dir.join(format!("skopeo-{}", N.fetch_add(1, Ordering::SeqCst)));
    skopeo(&["copy", "-q", "--src-tls-verify=false", &format!("docker://{reference}"), &format!("oci:{}:x", dir.display())]);
    assert!(dir.join("index.json").is_file());
}

#[test]
fn a_pulled_image_pushes_back_with_the_same_digests_and_round_trips() {
    let env = TestEnv::new("push-reuse");
    let id = env.pull(&img("busybox"));
    let dest = format!("{}:v1", fresh_repo("reuse"));
    let digestfile = env.runtime.join("digest");
    let out = env.ok(&["push", "--digestfile", digestfile.to_str().unwrap(), &img("busybox"), &dest]);
    assert_eq!(out, "", "push prints nothing on standard output");
    let src = skopeo_inspect(&img("busybox"), false);
    let pushed = skopeo_inspect(&dest, false);
    assert_eq!(pushed["Layers"], src["Layers"], "layers are reused, not recompressed");
    assert_eq!(pushed["Digest"], src["Digest"], "the stored manifest is pushed unchanged");
    let written = std::fs::read_to_string(&digestfile).unwrap();
    assert_eq!(written, pushed["Digest"].as_str().unwrap(), "--digestfile holds the manifest digest");
    skopeo_verifies(&dest, &env);
    // rmi, pull back, run.
    env.ok(&["rmi", &img("busybox")]);
    assert_eq!(env.pull(&dest), id, "pulled back with the same ID");
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", &dest, "echo", "shipped"]), "shipped\n");
    // Without a destination it goes to its own name (tagged first).
    let own = format!("{}:own", fresh_repo("own"));
    env.ok(&["tag", &dest, &own]);
    env.ok(&["push", "-q", &own]);
    assert_eq!(skopeo_inspect(&own, false)["Layers"], src["Layers"]);
}

#[test]
fn rebuilt_layers_are_bit_for_bit_and_keep_the_image_id() {
    let env = TestEnv::new("push-rebuild");
    let id = env.pull(&img("busybox"));
    // zstd: the gzip blob cannot be reused, the layer is written again.
    let zdest = format!("{}:zstd", fresh_repo("zstd"));
    env.ok(&["push", "--compression-format", "zstd", "--compression-level", "5", &img("busybox"), &zdest]);
    let raw = skopeo_inspect(&zdest, true);
    assert_eq!(raw["mediaType"], "application/vnd.oci.image.manifest.v1+json", "{raw}");
    assert_eq!(raw["layers"][0]["mediaType"], "application/vnd.oci.image.layer.v1.tar+zstd", "{raw}");
    assert_ne!(raw["layers"][0]["digest"], skopeo_inspect(&img("busybox"), false)["Layers"][0], "{raw}");
    skopeo_verifies(&zdest, &env);
    // A fresh store pulls it with the same ID: the tar stream (the diff id) is unchanged.
    let other = TestEnv::new("push-rebuild-back");
    assert_eq!(other.pull(&zdest), id);
    assert_eq!(other.ok(&["run", "--rm", "--network", "none", &zdest, "echo", "zstd"]), "zstd\n");

    // Docker v2s2 with gzip.
    let vdest = format!("{}:v2s2", fresh_repo("v2s2"));
    env.ok(&["push", "--format", "v2s2", &img("busybox"), &vdest]);
    let raw = skopeo_inspect(&vdest, true);
    assert_eq!(raw["mediaType"], "application/vnd.docker.distribution.manifest.v2+json", "{raw}");
    assert_eq!(raw["config"]["mediaType"], "application/vnd.docker.container.image.v1+json", "{raw}");
    skopeo_verifies(&vdest, &env);

    // An imported image has no compressed blob anywhere: gzip is made here.
    let root = env.dir.join("rootfs");
    std::fs::create_dir_all(root.join("etc")).unwrap();
    std::fs::write(root.join("etc/motd"), "imported\n").unwrap();
    std::fs::write(root.join("etc/empty"), "").unwrap();
    let tar = env.dir.join("rootfs.tar");
    assert!(Command::new("tar").args(["--numeric-owner", "--owner=0", "--group=0", "-C"]).arg(&root).arg("-cf").arg(&tar).arg(".").status().unwrap().success());
    if is_root() {
        std::os::unix::fs::chown(&tar, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    let imported = env.ok(&["import", tar.to_str().unwrap(), "imported"]);
    let idest = format!("{}:imp", fresh_repo("import"));
    env.ok(&["push", "imported", &idest]);
    let raw = skopeo_inspect(&idest, true);
    assert_eq!(raw["layers"][0]["mediaType"], "application/vnd.oci.image.layer.v1.tar+gzip", "{raw}");
    skopeo_verifies(&idest, &env);
    let other = TestEnv::new("push-import-back");
    assert_eq!(format!("sha256:{}\n", other.pull(&idest)), imported, "the imported image keeps its ID through the registry");
}

#[test]
fn push_to_the_auth_registry_needs_credentials() {
    let env = TestEnv::new("push-auth");
    let id = env.pull(&img("busybox"));
    let dest = format!("{}/ship-auth-{}:v1", auth_registry(), std::process::id());
    let out = env.fails(&["push", &img("busybox"), &dest], 125);
    out.assert_one_error_line();
    env.ok(&["push", "--creds", &format!("{AUTH_USER}:{AUTH_PASS}"), &img("busybox"), &dest]);
    let creds = format!("--creds={AUTH_USER}:{AUTH_PASS}");
    let v: Value = serde_json::from_str(&skopeo(&["inspect", "--tls-verify=false", &creds, &format!("docker://{dest}")])).unwrap();
    assert_eq!(v["Layers"].as_array().map(Vec::len), Some(1), "{v}");
    // Another registry has no blob to mount: the layer was rebuilt and
    // uploaded; a fresh store pulls it back as the same image.
    let other = TestEnv::new("push-auth-back");
    let out = other.ok(&["pull", "-q", &creds, &dest]);
    assert_eq!(out.trim(), id);
    // From the auth file written by login.
    let env2 = TestEnv::new("push-auth-file");
    env2.pull(&img("busybox"));
    env2.ok(&["login", "-u", AUTH_USER, "-p", AUTH_PASS, &auth_registry()]);
    env2.ok(&["push", &img("busybox"), &format!("{}/ship-auth-{}:v2", auth_registry(), std::process::id())]);
}

#[test]
fn push_refuses_bad_input_in_one_line() {
    let env = TestEnv::new("push-bad");
    env.pull(&img("busybox"));
    let dest = format!("{}:x", fresh_repo("bad"));
    let b = img("busybox");
    let digest_dest = format!("{}@sha256:{}", fresh_repo("bad"), "a".repeat(64));
    for args in [
        vec!["push", "nothere", dest.as_str()],
        vec!["push", b.as_str(), "localhost/mine"],
        vec!["push", b.as_str(), "mine"],
        vec!["push", b.as_str(), digest_dest.as_str()],
        vec!["push", "--format", "v1", b.as_str(), dest.as_str()],
        vec!["push", "--compression-format", "lz4", b.as_str(), dest.as_str()],
        vec!["push", "--compression-format", "zstd", "--format", "v2s2", b.as_str(), dest.as_str()],
        vec!["push", "--compression-level", "12", b.as_str(), dest.as_str()],
        vec!["push", b.as_str(), "oci-archive:/tmp/x.tar"],
        vec!["push", "--sign-by", "me", b.as_str(), dest.as_str()],
    ] {
        let out = env.fails(&args, 125);
        out.assert_one_error_line();
    }
    // Nothing was written for the refused destination.
    let out = Command::new("skopeo").args(["inspect", "--tls-verify=false", &format!("docker://{dest}")]).output().unwrap();
    assert!(!out.status.success(), "nothing was pushed to {dest}");
}

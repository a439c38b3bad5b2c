//! Shipping images: `rpod push` to the loopback registries, checked with
//! skopeo (the reference implementation of containers/image) and by pulling
//! back with rpod.

mod common;

use std::fs::File;
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

/// The blob-location record (storage::blobinfo): a layer rpod compressed and
/// uploaded once is mounted, not rebuilt and uploaded, by the next push to
/// another repository of that registry; a corrupt record only costs speed.
#[test]
fn a_second_push_mounts_what_the_first_uploaded() {
    let env = TestEnv::new("push-record");
    let root = env.dir.join("rootfs");
    std::fs::create_dir_all(root.join("etc")).unwrap();
    std::fs::write(root.join("etc/motd"), "recorded\n").unwrap();
    let tar = env.dir.join("rootfs.tar");
    assert!(Command::new("tar").args(["--numeric-owner", "--owner=0", "--group=0", "-C"]).arg(&root).arg("-cf").arg(&tar).arg(".").status().unwrap().success());
    chown_to(&env, &tar);
    env.ok(&["import", tar.to_str().unwrap(), "recorded"]);
    let first = format!("{}:a", fresh_repo("record-a"));
    let out = env.rpod(&["--log-level=debug", "push", "recorded", &first]);
    assert_eq!(out.code, 0, "{}", out.dump());
    assert!(out.stderr.contains("uploading blob"), "the first push uploads the layer:\n{}", out.dump());
    let record: Value = serde_json::from_slice(&std::fs::read(env.store().join("blob-info.json")).unwrap()).unwrap();
    let layer = skopeo_inspect(&first, false)["Layers"][0].clone();
    let entry = record["blobs"].as_array().unwrap().iter().find(|b| b["digest"] == layer).unwrap_or_else(|| panic!("{layer} recorded: {record}"));
    let repo = first.rsplit_once(':').unwrap().0;
    assert_eq!(entry["locations"][0], repo, "{record}");
    // Another repository: mounted from the first, nothing uploaded.
    let second = format!("{}:b", fresh_repo("record-b"));
    let out = env.rpod(&["--log-level=debug", "push", "recorded", &second]);
    assert_eq!(out.code, 0, "{}", out.dump());
    assert!(out.stderr.contains("mounted from") && !out.stderr.contains("uploading blob"), "the second push mounts the layer:\n{}", out.dump());
    assert_eq!(skopeo_inspect(&second, false)["Layers"][0], layer);
    skopeo_verifies(&second, &env);
    // Class: tampered or corrupt store metadata (the record is a hint, a
    // broken one is ignored and replaced, the push still works).
    for junk in [&b"{not json"[..], &b"{\"blobs\":[{\"digest\":\"sha256:zz\"}]}"[..]] {
        std::fs::write(env.store().join("blob-info.json"), junk).unwrap();
        let third = format!("{}:c", fresh_repo("record-c"));
        env.ok(&["push", "-q", "recorded", &third]);
        assert_eq!(skopeo_inspect(&third, false)["Layers"][0], layer);
    }
    let record: Value = serde_json::from_slice(&std::fs::read(env.store().join("blob-info.json")).unwrap()).unwrap();
    assert!(record["blobs"].as_array().is_some_and(|b| !b.is_empty()), "the record was rewritten: {record}");
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

/// Write `entries` (name, content) as a tar, owned by the env's user.
fn write_tar(env: &TestEnv, name: &str, build: impl FnOnce(&mut tar::Builder<Vec<u8>>)) -> std::path::PathBuf {
    let mut b = tar::Builder::new(Vec::new());
    build(&mut b);
    let path = env.dir.join(name);
    std::fs::write(&path, b.into_inner().unwrap()).unwrap();
    if is_root() {
        std::os::unix::fs::chown(&path, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    path
}

fn add_file(b: &mut tar::Builder<Vec<u8>>, name: &str, data: &[u8]) {
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    h.set_mtime(0);
    h.set_uid(0);
    h.set_gid(0);
    h.set_entry_type(tar::EntryType::Regular);
    // set_path refuses `..` and absolute names: write the raw name field.
    let bytes = name.as_bytes();
    h.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
    h.set_cksum();
    b.append(&h, data).unwrap();
}

fn add_symlink(b: &mut tar::Builder<Vec<u8>>, name: &str, target: &str) {
    let mut h = tar::Header::new_gnu();
    h.set_size(0);
    h.set_mode(0o777);
    h.set_mtime(0);
    h.set_uid(0);
    h.set_gid(0);
    h.set_entry_type(tar::EntryType::Symlink);
    b.append_link(&mut h, name, target).unwrap();
}

fn chown_to(env: &TestEnv, p: &std::path::Path) {
    if is_root() {
        let st = Command::new("chown").arg("-R").arg(format!("{}:{}", env.user.uid, env.user.gid)).arg(p).status().unwrap();
        assert!(st.success());
    }
}

#[test]
fn save_and_load_round_trip_in_every_format() {
    let env = TestEnv::new("save");
    let id = env.pull(&img("busybox"));
    env.ok(&["tag", &img("busybox"), "localhost/extra:two"]);
    let out = env.dir.join("out");
    std::fs::create_dir(&out).unwrap();
    chown_to(&env, &out);
    let p = |n: &str| out.join(n).to_str().unwrap().to_string();

    // docker-archive (the default), the second name as an extra tag.
    env.ok(&["save", "-o", &p("d.tar"), &img("busybox"), "localhost/extra:two"]);
    let v: Value = serde_json::from_str(&skopeo(&["inspect", &format!("docker-archive:{}", p("d.tar"))])).unwrap();
    assert_eq!(v["Layers"].as_array().map(Vec::len), Some(1), "{v}");
    let v: Value = serde_json::from_str(&skopeo(&["inspect", "--config", &format!("docker-archive:{}", p("d.tar"))])).unwrap();
    assert!(v["rootfs"]["diff_ids"].is_array(), "{v}");
    // oci-archive, gzip layers; --uncompressed keeps them plain.
    env.ok(&["save", "--format", "oci-archive", "-o", &p("o.tar"), &img("busybox")]);
    skopeo(&["copy", "-q", &format!("oci-archive:{}", p("o.tar")), &format!("oci:{}:x", p("copy-o"))]);
    env.ok(&["save", "--format", "oci-archive", "--uncompressed", "-o", &p("u.tar"), &img("busybox")]);
    let raw: Value = serde_json::from_str(&skopeo(&["inspect", "--raw", &format!("oci-archive:{}", p("u.tar"))])).unwrap();
    assert_eq!(raw["layers"][0]["mediaType"], "application/vnd.oci.image.layer.v1.tar", "{raw}");
    // The directory formats.
    env.ok(&["save", "--format", "oci-dir", "-o", &p("od"), &img("busybox")]);
    skopeo(&["inspect", &format!("oci:{}", p("od"))]);
    env.ok(&["save", "--format", "docker-dir", "-o", &p("dd"), &img("busybox")]);
    let raw: Value = serde_json::from_str(&skopeo(&["inspect", "--raw", &format!("dir:{}", p("dd"))])).unwrap();
    assert_eq!(raw["mediaType"], "application/vnd.docker.distribution.manifest.v2+json", "{raw}");
    skopeo(&["copy", "-q", &format!("dir:{}", p("dd")), &format!("oci:{}:x", p("copy-dd"))]);
    // To standard output.
    let mut cmd = env.command(&["save", &img("busybox")], &[]);
    cmd.stdin(std::process::Stdio::null());
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.len() > 1_000_000, "a tar on standard output");

    // Load each archive into a fresh store: same ID, same names.
    for (file, names) in
        [("d.tar", vec![format!("{}:latest", img("busybox")), "localhost/extra:two".to_string()]), ("o.tar", vec![format!("{}:latest", img("busybox"))])]
    {
        let fresh = TestEnv::new("load");
        let loaded = fresh.ok(&["load", "-i", &p(file)]);
        let want: String = names.iter().map(|n| format!("Loaded image: {n}\n")).collect();
        assert_eq!(loaded, want);
        let v = fresh.inspect(&names[0]);
        assert_eq!(v["Id"], id.as_str(), "{file} keeps the image ID");
        assert_eq!(fresh.ok(&["run", "--rm", "--network", "none", &names[0], "echo", "loaded"]), "loaded\n");
        // A loaded image can be pushed again (its layers were rebuilt bit for bit).
        let dest = format!("{}:loaded", fresh_repo("loaded"));
        fresh.ok(&["push", &names[0], &dest]);
        skopeo_verifies(&dest, &fresh);
    }
    // Compressed archives, from standard input.
    let gz = out.join("o.tar.zst");
    let st = Command::new("zstd").args(["-q", "-f"]).arg(out.join("d.tar")).arg("-o").arg(&gz).status();
    if st.map(|s| s.success()).unwrap_or(false) {
        chown_to(&env, &gz);
        let fresh = TestEnv::new("load-zstd");
        let mut cmd = fresh.command(&["load"], &[]);
        cmd.stdin(File::open(&gz).unwrap());
        let o = cmd.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(fresh.inspect(&img("busybox"))["Id"], id.as_str());
    } else {
        eprintln!("skipping the zstd-compressed load: zstd(1) is not installed");
    }
    let fresh = TestEnv::new("load-gzip");
    let st = Command::new("sh").arg("-c").arg(format!("gzip -c {} > {}", p("o.tar"), p("o.tar.gz"))).status().unwrap();
    assert!(st.success());
    chown_to(&env, &out);
    let mut cmd = fresh.command(&["load"], &[]);
    cmd.stdin(File::open(out.join("o.tar.gz")).unwrap());
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(fresh.inspect(&img("busybox"))["Id"], id.as_str());

    // -m: several images in one docker-archive.
    let imp = env.dir.join("rootfs");
    std::fs::create_dir_all(imp.join("etc")).unwrap();
    std::fs::write(imp.join("etc/x"), "x\n").unwrap();
    let tar = env.dir.join("rootfs.tar");
    assert!(Command::new("tar").args(["--numeric-owner", "--owner=0", "--group=0", "-C"]).arg(&imp).arg("-cf").arg(&tar).arg(".").status().unwrap().success());
    chown_to(&env, &tar);
    let imported = env.ok(&["import", tar.to_str().unwrap(), "second"]);
    env.ok(&["save", "-m", "-o", &p("m.tar"), &img("busybox"), "second"]);
    let fresh = TestEnv::new("load-multi");
    let loaded = fresh.ok(&["load", "-i", &p("m.tar")]);
    assert_eq!(loaded, format!("Loaded image: {}:latest\nLoaded image: localhost/second:latest\n", img("busybox")));
    assert_eq!(format!("sha256:{}\n", fresh.inspect("second")["Id"].as_str().unwrap()), imported);
}

#[test]
fn load_reads_what_skopeo_writes() {
    let env = TestEnv::new("load-skopeo");
    let dir = env.dir.join("sk");
    std::fs::create_dir(&dir).unwrap();
    let d = dir.join("d.tar");
    let o = dir.join("o.tar");
    skopeo(&[
        "copy",
        "-q",
        "--src-tls-verify=false",
        &format!("docker://{}", img("busybox")),
        &format!("docker-archive:{}:{}", d.display(), "example.com/sk/busybox:v1"),
    ]);
    skopeo(&[
        "copy",
        "-q",
        "--src-tls-verify=false",
        &format!("docker://{}", img("busybox")),
        &format!("oci-archive:{}:{}", o.display(), "example.com/sk/oci:v2"),
    ]);
    chown_to(&env, &dir);
    let want = skopeo_inspect(&img("busybox"), false);
    let out = env.ok(&["load", "-i", d.to_str().unwrap()]);
    assert_eq!(out, "Loaded image: example.com/sk/busybox:v1\n");
    let out = env.ok(&["load", "-i", o.to_str().unwrap()]);
    assert_eq!(out, "Loaded image: example.com/sk/oci:v2\n");
    let v = env.inspect("example.com/sk/oci:v2");
    assert_eq!(v["Id"], env.inspect("example.com/sk/busybox:v1")["Id"], "both archives hold the same config");
    assert_eq!(want["Layers"].as_array().map(Vec::len), Some(1));
}

#[test]
fn load_refuses_hostile_archives_in_one_line() {
    let env = TestEnv::new("load-hostile");
    let layer = {
        let mut b = tar::Builder::new(Vec::new());
        add_file(&mut b, "etc/hello", b"hi\n");
        b.into_inner().unwrap()
    };
    let diff = format!("sha256:{}", hex_sha256(&layer));
    let config = format!(r#"{{"architecture":"amd64","os":"linux","rootfs":{{"type":"layers","diff_ids":["{diff}"]}}}}"#);
    let cname = format!("{}.json", hex_sha256(config.as_bytes()));
    let manifest = |layer_name: &str| format!(r#"[{{"Config":"{cname}","RepoTags":["localhost/evil:1"],"Layers":["{layer_name}"]}}]"#);

    // Path traversal: an entry climbing out of the archive, or absolute.
    for (n, bad) in ["../escape", "/abs/file"].iter().enumerate() {
        let t = write_tar(&env, &format!("trav{n}.tar"), |b| {
            add_file(b, bad, b"x");
            add_file(b, &cname, config.as_bytes());
            add_file(b, "l.tar", &layer);
            add_file(b, "manifest.json", manifest("l.tar").as_bytes());
        });
        let line = env.fails(&["load", "-i", t.to_str().unwrap()], 125).assert_one_error_line().to_string();
        assert!(line.contains("path traversal"), "{line}");
    }
    assert!(!env.dir.parent().unwrap().join("escape").exists());
    // CVE-2019-14271-like: manifest.json a symlink to a host file is never followed out.
    let t = write_tar(&env, "link.tar", |b| {
        add_symlink(b, "manifest.json", "/etc/passwd");
        add_file(b, &cname, config.as_bytes());
    });
    let out = env.fails(&["load", "-i", t.to_str().unwrap()], 125);
    let line = out.assert_one_error_line();
    assert!(!line.contains("root:"), "{line}");
    let t = write_tar(&env, "link2.tar", |b| {
        add_symlink(b, "manifest.json", "../../../../etc/passwd");
    });
    let line = env.fails(&["load", "-i", t.to_str().unwrap()], 125).assert_one_error_line().to_string();
    assert!(line.contains("path traversal"), "{line}");
    // A symlink inside the archive is followed inside it (docker's legacy layout).
    let t = write_tar(&env, "inner-link.tar", |b| {
        add_file(b, &cname, config.as_bytes());
        add_file(b, "blobs/l.tar", &layer);
        add_symlink(b, "layer/layer.tar", "../blobs/l.tar");
        add_file(b, "manifest.json", manifest("layer/layer.tar").as_bytes());
    });
    assert_eq!(env.ok(&["load", "-i", t.to_str().unwrap()]), "Loaded image: localhost/evil:1\n");
    env.ok(&["rmi", "localhost/evil:1"]);
    // Resource exhaustion: a huge manifest.json is refused, not read.
    let huge = format!("[{}]", " ".repeat(5 << 20));
    let t = write_tar(&env, "huge.tar", |b| add_file(b, "manifest.json", huge.as_bytes()));
    let line = env.fails(&["load", "-i", t.to_str().unwrap()], 125).assert_one_error_line().to_string();
    assert!(line.contains("resource exhaustion"), "{line}");
    // Digest mismatch: the layer does not match the config's diff id.
    let t = write_tar(&env, "mismatch.tar", |b| {
        add_file(b, &cname, config.as_bytes());
        let mut other = layer.clone();
        other[600] ^= 1;
        add_file(b, "l.tar", &other);
        add_file(b, "manifest.json", manifest("l.tar").as_bytes());
    });
    let line = env.fails(&["load", "-i", t.to_str().unwrap()], 125).assert_one_error_line().to_string();
    assert!(line.contains("image config says"), "{line}");
    // A FIFO as -i never blocks (resource exhaustion class), nor does a device.
    let fifo = env.dir.join("fifo");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    chown_to(&env, &fifo);
    env.fails(&["load", "-i", fifo.to_str().unwrap()], 125).assert_one_error_line();
    env.fails(&["load", "-i", "/dev/zero"], 125).assert_one_error_line();
    // Not an archive at all.
    let junk = env.dir.join("junk");
    std::fs::write(&junk, vec![b'x'; 4096]).unwrap();
    chown_to(&env, &junk);
    env.fails(&["load", "-i", junk.to_str().unwrap()], 125).assert_one_error_line();
    let images = env.ok(&["images", "-q"]);
    assert_eq!(images, "", "nothing was loaded");
    // Bad save requests.
    env.fails(&["save", "--format", "tarball", "-o", "/tmp/x", "nothere"], 125).assert_one_error_line();
    env.fails(&["save", "-o", env.dir.join("n.tar").to_str().unwrap(), "nothere"], 125).assert_one_error_line();
}

fn hex_sha256(data: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(data))
}

/// Podman (Debian's 4.3, rootless with runc and its own vfs store under the
/// test's directories) pulls and runs what rpod built and pushed: an OCI
/// image with a layer rpod wrote and compressed, the same as a Docker v2s2
/// image, and a manifest list; the digests Podman sees are rpod's.
#[test]
fn podman_pulls_and_runs_what_rpod_pushed() {
    if Command::new("podman").arg("--version").output().map(|o| !o.status.success()).unwrap_or(true) {
        eprintln!("SKIPPED: podman is not installed (contrib/setup-test-env.sh installs it)");
        return;
    }
    let env = TestEnv::new("push-to-podman");
    env.pull(&img("busybox"));
    let ctx = env.dir.join("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(ctx.join("Containerfile"), format!("FROM {}\nCOPY motd /etc/motd\nCMD [\"cat\", \"/etc/motd\"]\n", img("busybox"))).unwrap();
    std::fs::write(ctx.join("motd"), "built by rpod\n").unwrap();
    chown_to(&env, &ctx);
    env.ok(&["build", "-q", "-t", "localhost/for-podman", ctx.to_str().unwrap()]);
    let oci = format!("{}:oci", fresh_repo("podman"));
    let v2s2 = format!("{}:v2s2", fresh_repo("podman"));
    let list = format!("{}:list", fresh_repo("podman"));
    let digestfile = env.runtime.join("oci-digest");
    env.ok(&["push", "-q", "--digestfile", digestfile.to_str().unwrap(), "localhost/for-podman", &oci]);
    env.ok(&["push", "-q", "--format", "v2s2", "localhost/for-podman", &v2s2]);
    env.ok(&["manifest", "create", "podman-list", "localhost/for-podman"]);
    env.ok(&["manifest", "push", "-q", "podman-list", &list]);

    // Podman's configuration beside rpod's (same XDG_CONFIG_HOME: registries.conf is shared).
    let conf = env.config.join("containers");
    std::fs::write(conf.join("containers.conf"), "[engine]\nruntime = \"runc\"\ncgroup_manager = \"cgroupfs\"\nevents_logger = \"file\"\n").unwrap();
    std::fs::write(conf.join("storage.conf"), "[storage]\ndriver = \"vfs\"\n").unwrap();
    chown_to(&env, &conf);
    let podman = |args: &[&str]| {
        let out = env.command_of("podman", args, &[]).output().unwrap();
        assert!(out.status.success(), "podman {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let stop_pause = || {
        // Podman's rootless pause process outlives it: end the one this test started.
        if let Ok(pid) = std::fs::read_to_string(env.runtime.join("libpod/tmp/pause.pid")) {
            if let Ok(pid) = pid.trim().parse::<i32>() {
                // SAFETY: kill(2) with a pid read from this test's own runtime directory.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
        }
    };
    for image in [&oci, &v2s2, &list] {
        let out = podman(&["run", "--rm", "--network", "none", "--tls-verify=false", image]);
        assert_eq!(out, "built by rpod\n", "podman ran {image}");
    }
    let digest = podman(&["image", "inspect", "--format", "{{.Digest}}", &oci]);
    assert_eq!(digest.trim(), std::fs::read_to_string(&digestfile).unwrap(), "Podman sees the manifest rpod pushed");
    let id = podman(&["image", "inspect", "--format", "{{.Id}}", &oci]);
    assert_eq!(id.trim(), env.inspect("localhost/for-podman")["Id"].as_str().unwrap(), "same image ID in Podman");
    // What `rpod save` writes, both archive kinds: Podman loads and runs it.
    for format in ["docker-archive", "oci-archive"] {
        let archive = env.dir.join(format!("{format}.tar"));
        env.ok(&["save", "--format", format, "-o", archive.to_str().unwrap(), "localhost/for-podman"]);
        let loaded = podman(&["load", "-q", "-i", archive.to_str().unwrap()]);
        let name = loaded.lines().last().and_then(|l| l.split_once(": ")).map(|(_, n)| n.trim().to_string()).unwrap_or_default();
        assert!(!name.is_empty(), "podman load of rpod's {format} printed {loaded:?}");
        assert_eq!(podman(&["run", "--rm", "--network", "none", &name]), "built by rpod\n", "podman ran the {format} ({name})");
        let id = podman(&["image", "inspect", "--format", "{{.Id}}", &name]);
        assert_eq!(id.trim(), env.inspect("localhost/for-podman")["Id"].as_str().unwrap(), "{format}: same image ID in Podman");
        podman(&["rmi", "-f", &name]);
    }
    stop_pause();
}

/// `load -i DIR`: an OCI layout (rpod's `save --format oci-dir`, skopeo's
/// `oci:`) and a docker-archive directory load as their archives do. A
/// hostile directory (path traversal / CVE-2018-15664 class, and FIFOs for
/// resource exhaustion): a link leaving it, an absolute link, a FIFO in
/// place of index.json: one line, exit 125, nothing stored, nothing blocks.
#[test]
fn load_reads_image_directories_and_refuses_hostile_ones() {
    let env = TestEnv::new("load-dir");
    let id = env.pull(&img("busybox"));
    for format in ["oci-dir", "docker-dir"] {
        let dir = env.dir.join(format);
        env.ok(&["save", "--format", format, "-o", dir.to_str().unwrap(), &img("busybox")]);
        env.ok(&["rmi", &img("busybox")]);
        let out = env.ok(&["load", "-i", dir.to_str().unwrap()]);
        // A dir: layout keeps no name (as containers/image's): load prints the ID.
        let name = if format == "oci-dir" { img("busybox") } else { format!("sha256:{id}") };
        assert!(out.contains(&name), "{format}: {out}");
        assert_eq!(env.inspect(&id)["Id"], id.as_str(), "{format}");
        env.ok(&["tag", &id, &img("busybox")]);
    }
    let sk = env.dir.join("skopeo-oci");
    skopeo(&["copy", "-q", "--src-tls-verify=false", &format!("docker://{}", img("busybox")), &format!("oci:{}:sk", sk.display())]);
    chown_to(&env, &sk);
    let other = TestEnv::new("load-dir-skopeo");
    other.ok(&["load", "-i", sk.to_str().unwrap()]);
    assert_eq!(other.ok(&["run", "--rm", "--network", "none", &id, "echo", "loaded"]), "loaded\n");

    // Hostile copies of the OCI layout.
    let secret = env.dir.join("secret");
    std::fs::write(&secret, "HOST SECRET\n").unwrap();
    let mk = |name: &str, f: &dyn Fn(&std::path::Path)| {
        let d = env.dir.join(name);
        assert!(Command::new("cp").arg("-a").arg(env.dir.join("oci-dir")).arg(&d).status().unwrap().success());
        f(&d);
        chown_to(&env, &d);
        d
    };
    let blob = |d: &std::path::Path| {
        let idx: Value = serde_json::from_slice(&std::fs::read(d.join("index.json")).unwrap()).unwrap();
        let m = idx["manifests"][0]["digest"].as_str().unwrap().replace("sha256:", "");
        d.join("blobs/sha256").join(m)
    };
    let escaping = mk("escaping", &|d| {
        let b = blob(d);
        std::fs::remove_file(&b).unwrap();
        std::os::unix::fs::symlink("../../../secret", &b).unwrap();
    });
    let absolute = mk("absolute", &|d| {
        let b = blob(d);
        std::fs::remove_file(&b).unwrap();
        std::os::unix::fs::symlink(&secret, &b).unwrap();
    });
    let fifo = mk("fifo", &|d| {
        std::fs::remove_file(d.join("index.json")).unwrap();
        nix::unistd::mkfifo(&d.join("index.json"), nix::sys::stat::Mode::from_bits_truncate(0o644)).unwrap();
    });
    let fresh = TestEnv::new("load-dir-hostile");
    for d in [&escaping, &absolute, &fifo] {
        let out = fresh.fails(&["load", "-i", d.to_str().unwrap()], 125);
        let line = out.assert_one_error_line();
        assert!(!line.contains("HOST SECRET"), "{}", out.dump());
    }
    fresh.assert_store_empty("after hostile image directories");
}

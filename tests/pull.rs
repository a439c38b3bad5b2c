//! `rpod pull` against the local registry: what lands in the store, on disk,
//! for every kind of test image, and how hostile or broken images are refused.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

fn meta(p: &Path) -> std::fs::Metadata {
    lmeta(p)
}

fn json_strs(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

#[test]
fn pull_busybox_stores_image_record_and_layer() {
    let env = TestEnv::new("pull-busybox");
    let user = &env.user;
    let out = env.rpod(&["pull", &img("busybox:latest")]);
    assert_eq!(out.code, 0, "{}", out.dump());
    assert!(
        out.stdout.len() == 65 && out.stdout.ends_with('\n') && is_hex64(&out.stdout[..64]),
        "stdout must be exactly a 64-hex image ID and a newline:\n{}",
        out.dump()
    );
    let id = out.stdout.trim().to_string();

    // images
    let rows = env.images_table();
    assert_eq!(rows.len(), 1, "one row expected: {rows:?}");
    let r = &rows[0];
    assert_eq!(r[0], img("busybox"), "REPOSITORY: {r:?}");
    assert_eq!(r[1], "latest", "TAG: {r:?}");
    assert_eq!(r[2], id[..12], "IMAGE ID: {r:?}");
    let size = parse_human_size(r.last().unwrap()).unwrap_or_else(|| panic!("SIZE cell {:?} is not a size: {r:?}", r.last()));
    assert!(size > 1e6 && size < 1e7, "busybox should be a few MB, SIZE says {size}: {r:?}");

    // image inspect
    let v = env.inspect(&img("busybox"));
    assert_eq!(v["Id"], id.as_str(), "{v:#}");
    let digest = registry_digest(&img("busybox:latest"));
    assert_eq!(v["Digest"], digest.as_str(), "Digest must be the manifest digest the registry serves: {v:#}");
    assert_eq!(json_strs(&v["RepoTags"]), vec![img("busybox:latest")], "{v:#}");
    assert_eq!(json_strs(&v["RepoDigests"]), vec![format!("{}@{digest}", img("busybox"))], "{v:#}");
    let created = v["Created"].as_str().unwrap_or_else(|| panic!("no Created: {v:#}"));
    assert!(created.len() >= 20 && created.as_bytes()[4] == b'-' && created.contains('T'), "Created {created:?} is not RFC 3339");
    assert_eq!(v["Architecture"], "amd64", "{v:#}");
    assert_eq!(v["Os"], "linux", "{v:#}");
    assert_eq!(v["Config"]["Cmd"], serde_json::json!(["sh"]), "{v:#}");
    let envs = json_strs(&v["Config"]["Env"]);
    assert!(envs.iter().any(|e| e.starts_with("PATH=") && e.contains("/bin")), "Config.Env has no PATH: {envs:?}");
    assert_eq!(v["RootFS"]["Type"], "layers", "{v:#}");
    let diff_ids = json_strs(&v["RootFS"]["Layers"]);
    assert_eq!(diff_ids.len(), 1, "one diff id: {v:#}");
    assert!(diff_ids[0].starts_with("sha256:") && is_hex64(&diff_ids[0][7..]), "diff id {:?}", diff_ids[0]);
    assert!(v["Size"].as_u64().unwrap_or(0) > 0, "Size must be > 0: {v:#}");
    assert_eq!(v["Labels"]["org.rpod.test"], "busybox", "{v:#}");

    // on disk: one layer, ids shifted through the user's mapping
    let layers = env.layer_paths(&img("busybox"));
    assert_eq!(layers.len(), 1, "{layers:?}");
    let root = &layers[0];
    assert!(root.starts_with(env.store().join("layers")), "layer {} is not under the store", root.display());
    assert_eq!(env.store_entries("layers").len(), 1);
    let app = meta(&root.join("home/app"));
    assert!(app.is_dir());
    assert_eq!(app.uid(), user.host_uid(1000), "/home/app must be owned by container uid 1000 = subuid start + 999");
    assert_eq!(app.gid(), user.host_gid(1000), "/home/app group must be container gid 1000");
    let bb = meta(&root.join("bin/busybox"));
    assert!(bb.is_file() && bb.len() > 500_000, "bin/busybox: {bb:?}");
    assert_eq!(bb.uid(), user.uid, "/bin/busybox (uid 0 in the image) must be owned by the user's own uid");
    assert_eq!(bb.gid(), user.gid);
    assert_eq!(mode_bits(&root.join("bin/busybox")), 0o755);
    assert_eq!(mode_bits(&root.join("tmp")), 0o1777, "/tmp must keep its sticky bit");
    assert_eq!(mode_bits(&root.join("root")), 0o700);
    assert_eq!(std::fs::read_link(root.join("bin/sh")).unwrap(), PathBuf::from("busybox"));
    let passwd = std::fs::read_to_string(root.join("etc/passwd")).unwrap();
    assert!(passwd.contains("app:x:1000:1000:app:/home/app:/bin/sh"), "{passwd}");
    assert_eq!(env.store_entries("staging"), Vec::<String>::new(), "staging/ must be empty after a pull");
}

#[test]
fn pull_variants_share_one_image_and_layer() {
    let env = TestEnv::new("pull-variants");
    let names = ["busybox", "busybox-docker", "busybox-zstd", "busybox-plain"];
    let ids: Vec<String> = names.iter().map(|n| env.pull(&img(n))).collect();
    for (n, id) in names.iter().zip(&ids) {
        assert_eq!(id, &ids[0], "{n} has the same config as busybox, so the same image ID");
    }
    let rows = env.images_table();
    assert_eq!(rows.len(), 4, "one row per name: {rows:?}");
    let mut repos: Vec<String> = rows.iter().map(|r| r[0].clone()).collect();
    repos.sort();
    let mut want: Vec<String> = names.iter().map(|n| img(n)).collect();
    want.sort();
    assert_eq!(repos, want);
    for r in &rows {
        assert_eq!(r[1], "latest", "{r:?}");
        assert_eq!(r[2], ids[0][..12], "all rows show the one ID: {r:?}");
    }
    assert_eq!(env.ok(&["images", "-q"]).lines().count(), 1, "one image");
    assert_eq!(env.store_entries("layers").len(), 1, "the four variants unpack to one layer");
    let v = env.inspect(&ids[0]);
    let tags = json_strs(&v["RepoTags"]);
    for n in names {
        assert!(tags.contains(&img(&format!("{n}:latest"))), "RepoTags lacks {n}: {tags:?}");
    }
    let digests = json_strs(&v["RepoDigests"]);
    for n in names {
        let d = registry_digest(&img(&format!("{n}:latest")));
        assert!(digests.contains(&format!("{}@{d}", img(n))), "RepoDigests lacks {n}@{d}: {digests:?}");
    }
}

/// Expected on-disk form of layers:latest, layer by layer (README of contrib/images).
#[test]
fn pull_layers_keeps_metadata_whiteouts_and_shares_base() {
    let env = TestEnv::new("pull-layers");
    let user = &env.user;
    let bb_id = env.pull(&img("busybox"));
    let bb_layer = env.layer_paths(&bb_id)[0].clone();
    env.pull(&img("layers"));
    assert_eq!(env.store_entries("layers").len(), 4, "layers shares busybox's base layer: 4 layer directories, not 5");
    let l = env.layer_paths(&img("layers"));
    assert_eq!(l.len(), 4, "{l:?}");
    assert_eq!(l[0], bb_layer, "layer 1 of layers is busybox's layer directory");
    let (l2, l3, l4) = (l[1].join("data"), l[2].join("data"), l[3].join("data"));
    let v = env.inspect(&img("layers"));
    assert_eq!(json_strs(&v["RootFS"]["Layers"]).len(), 4);
    assert_eq!(v["Config"]["WorkingDir"], "/data", "{v:#}");
    assert!(json_strs(&v["Config"]["Env"]).contains(&"RPOD_IMAGE=layers".to_string()), "{v:#}");

    // Layer 2: the /data tree.
    let keep = meta(&l2.join("keep"));
    let hard = meta(&l2.join("hard"));
    assert_eq!(std::fs::read_to_string(l2.join("keep")).unwrap(), "keep\n");
    assert_eq!((keep.dev(), keep.ino()), (hard.dev(), hard.ino()), "data/hard must be a hard link to data/keep");
    assert_eq!(keep.nlink(), 2, "keep and hard share one inode");
    assert_eq!(keep.mtime(), 981173106, "keep mtime must be 2001-02-03T04:05:06Z");
    assert_eq!(keep.mode() & 0o7777, 0o644);
    assert_eq!(meta(&l2.join("dir/a")).mtime(), 1577836800, "file mtimes come from the tar");
    assert_eq!(std::fs::read_link(l2.join("link")).unwrap(), PathBuf::from("keep"));
    assert_eq!(std::fs::read_link(l2.join("abslink")).unwrap(), PathBuf::from("/data/keep"));
    assert_eq!(mode_bits(&l2.join("suid")), 0o4755, "setuid bit kept");
    assert_eq!(meta(&l2.join("suid")).uid(), user.uid);
    assert_eq!(mode_bits(&l2.join("sgid")), 0o2755, "setgid bit kept (after chown)");
    assert_eq!(meta(&l2.join("sgid")).gid(), user.host_gid(1000), "sgid is 0:1000");
    assert_eq!(meta(&l2.join("sgid")).uid(), user.uid);
    let owned = meta(&l2.join("owned"));
    assert_eq!((owned.uid(), owned.gid()), (user.host_uid(1000), user.host_gid(1000)), "owned is 1000:1000");
    assert_eq!(owned.mode() & 0o7777, 0o640);
    let appdir = meta(&l2.join("appdir"));
    assert!(appdir.is_dir());
    assert_eq!((appdir.uid(), appdir.gid(), appdir.mode() & 0o7777), (user.host_uid(1000), user.host_gid(1000), 0o700));
    if is_root() {
        // appdir is 0700 and owned by a subordinate id: only root can look inside.
        let secret = meta(&l2.join("appdir/secret"));
        assert_eq!((secret.uid(), secret.mode() & 0o7777), (user.host_uid(1000), 0o600));
        assert_eq!(std::fs::read_to_string(l2.join("appdir/secret")).unwrap(), "secret\n");
    }

    let cap = xattr(&l2.join("cap"), "security.capability").expect("data/cap must carry security.capability");
    assert!(cap.len() == 20 || cap.len() == 24, "vfs_cap_data v2 (20 bytes) or v3 (24 bytes), got {cap:02x?}");
    let magic = u32::from_le_bytes(cap[0..4].try_into().unwrap());
    let permitted = u32::from_le_bytes(cap[4..8].try_into().unwrap());
    assert_eq!(magic & 1, 1, "effective flag: {cap:02x?}");
    assert_eq!(permitted, 1 << 10, "permitted = CAP_NET_BIND_SERVICE: {cap:02x?}");
    if magic >> 24 == 3 {
        let rootid = u32::from_le_bytes(cap[20..24].try_into().unwrap());
        assert_eq!(rootid, user.uid, "a v3 capability's root id is the namespace root = the user's uid");
    } else {
        assert_eq!(magic >> 24, 2, "{cap:02x?}");
    }
    assert_eq!(xattr(&l2.join("xattr"), "user.rpod").as_deref(), Some(&b"hello"[..]), "user.rpod xattr");
    let empty = meta(&l2.join("empty"));
    assert_eq!((empty.len(), empty.mode() & 0o7777), (0, 0o600));
    assert_eq!(file_type_bits(&l2.join("fifo")), libc::S_IFIFO, "data/fifo must be a fifo");
    assert_eq!(mode_bits(&l2.join("fifo")), 0o644);
    let long = format!("this-is-a-long-file-name-{}.txt", "x".repeat(120));
    assert_eq!(std::fs::read_to_string(l2.join("long").join(&long)).unwrap(), "long\n", "long PAX name");
    assert_eq!(std::fs::read_to_string(l2.join("gone")).unwrap(), "gone\n", "gone exists in layer 2");
    assert!(l2.join("rmdir/sub/y").is_file());
    assert!(meta(&l2.join("replaced")).is_file());

    // Layer 3: whiteout of gone, opaque dir.
    let wh = meta(&l3.join("gone"));
    assert_eq!(wh.mode() & libc::S_IFMT, libc::S_IFCHR, "the whiteout of gone is a character device");
    assert_eq!(wh.rdev(), 0, "whiteout device is 0:0");
    assert!(!lexists(&l3.join(".wh.gone")), "no .wh. names on disk");
    assert_eq!(xattr(&l3.join("dir"), "user.overlay.opaque").as_deref(), Some(&b"y"[..]), "data/dir is opaque in layer 3");
    assert!(!lexists(&l3.join("dir/.wh..wh..opq")));
    assert_eq!(list_dir(&l3.join("dir")), ["c"]);
    assert_eq!(xattr(&l2.join("dir"), "user.overlay.opaque"), None, "layer 2's data/dir is not opaque");

    // Layer 4: whiteout of a whole directory, a file replaced by a directory.
    let wh = meta(&l4.join("rmdir"));
    assert_eq!((wh.mode() & libc::S_IFMT, wh.rdev()), (libc::S_IFCHR, 0), "rmdir whiteout is a 0:0 char device");
    assert!(meta(&l4.join("replaced")).is_dir());
    assert_eq!(std::fs::read_to_string(l4.join("replaced/inner")).unwrap(), "inner\n");
    assert_eq!(std::fs::read_to_string(l4.join("dir/b")).unwrap(), "b again\n");
    assert_eq!(xattr(&l4.join("dir"), "user.overlay.opaque"), None, "layer 4's data/dir is not opaque");
    assert_eq!(std::fs::read_to_string(l4.join("new")).unwrap(), "new in layer 4\n");
    for layer in &l {
        for p in walk(layer) {
            assert!(!p.file_name().unwrap().to_string_lossy().starts_with(".wh."), "{} keeps a .wh. name on disk", layer.join(&p).display());
        }
    }
}

fn arch_file(env: &TestEnv, image: &str) -> String {
    let layers = env.layer_paths(image);
    std::fs::read_to_string(layers.last().unwrap().join("etc/rpod-arch")).expect("etc/rpod-arch in the top layer")
}

#[test]
fn pull_multiarch_selects_platform() {
    let mi = img("multiarch");
    let env = TestEnv::new("multiarch-default");
    let amd = env.pull(&mi);
    let v = env.inspect(&mi);
    assert_eq!(v["Architecture"], "amd64", "{v:#}");
    assert_eq!(v["Labels"]["org.rpod.test"], "multiarch-amd64");
    assert_eq!(arch_file(&env, &mi), "amd64\n");
    let index = registry_digest(&img("multiarch:latest"));
    assert!(json_strs(&v["RepoDigests"]).contains(&format!("{mi}@{index}")), "RepoDigests should include the index digest {index}: {v:#}");
    assert_ne!(v["Digest"], index.as_str(), "Digest is the platform manifest, not the index");

    for flags in [&["--platform", "linux/arm64"][..], &["--arch", "arm64"][..]] {
        let env = TestEnv::new("multiarch-arm64");
        let mut args = vec!["pull"];
        args.extend_from_slice(flags);
        args.push(&mi);
        let id = env.ok(&args).trim().to_string();
        assert!(is_hex64(&id));
        assert_ne!(id, amd, "{flags:?} must select the arm64 image");
        let v = env.inspect(&mi);
        assert_eq!(v["Architecture"], "arm64", "{flags:?}: {v:#}");
        assert_eq!(v["Labels"]["org.rpod.test"], "multiarch-arm64");
        assert_eq!(arch_file(&env, &mi), "arm64\n", "{flags:?}");
    }

    let env = TestEnv::new("multiarch-bad");
    let out = env.fails(&["pull", "--platform", "linux/s390x", &mi], 125);
    let line = out.assert_one_error_line();
    assert!(line.contains("linux/amd64") && line.contains("linux/arm64"), "the error must name the available platforms:\n{}", out.dump());
    let out = env.fails(&["pull", "--platform", "bogus", &mi], 125);
    out.assert_one_error_line();
    env.assert_store_empty("after failed platform pulls");
}

#[test]
fn pull_debian_minbase_ownership_setuid_hardlinks() {
    let env = TestEnv::new("pull-debian");
    let user = &env.user;
    let id = env.pull(&img("debian:minbase"));
    let layers = env.layer_paths(&id);
    assert_eq!(layers.len(), 1);
    let root = &layers[0];
    let passwd = meta(&root.join("usr/bin/passwd"));
    assert_eq!(passwd.mode() & 0o7777, 0o4755, "/usr/bin/passwd keeps its setuid bit");
    assert_eq!(passwd.uid(), user.uid, "root-owned files belong to the user's own uid");
    let shadow = meta(&root.join("etc/shadow"));
    assert_eq!(shadow.uid(), user.uid);
    assert_eq!(shadow.gid(), user.host_gid(42), "/etc/shadow group shadow (42) = subgid start + 41");
    let perl = meta(&root.join("usr/bin/perl"));
    let perl2 = meta(&root.join("usr/bin/perl5.36.0"));
    assert_eq!(perl.ino(), perl2.ino(), "usr/bin/perl5.36.0 is a hard link to usr/bin/perl");
    assert!(perl.nlink() >= 2, "nlink {}", perl.nlink());
    let linked = walk(root)
        .into_iter()
        .filter(|p| {
            let m = meta(&root.join(p));
            m.is_file() && m.nlink() > 1
        })
        .count();
    assert!(linked >= 2, "hard links survive the unpack ({linked} multiply-linked files)");
    let files = walk(root).len();
    assert!(files > 5000, "minbase has about 6 760 entries, found {files}");
    let rows = env.images_table();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0][0].as_str(), rows[0][1].as_str()), (img("debian").as_str(), "minbase"));
    let size = parse_human_size(rows[0].last().unwrap()).expect("SIZE");
    assert!((150e6..260e6).contains(&size), "debian minbase is about 205 MB, images says {:?}", rows[0]);
    assert_eq!(env.store_entries("staging"), Vec::<String>::new());
}

/// Names the hostile images try to create outside their layer.
const ESCAPE_NAMES: [&str; 4] = ["escape", "abs-escape", "owned", "hl"];

fn host_state(p: &str) -> Option<(u64, i64, u64)> {
    std::fs::symlink_metadata(p).ok().map(|m| (m.ino(), m.mtime(), m.nlink()))
}

#[test]
fn pull_hostile_images_refused_without_escape() {
    let env = TestEnv::new("pull-hostile");
    let watched = ["/tmp/owned", "/abs-escape", "/escape", "/tmp/escape", "/etc/passwd"];
    let before: Vec<_> = watched.iter().map(|p| host_state(p)).collect();
    let cases =
        [("dotdot", "\"../escape\""), ("absolute", "\"/abs-escape\""), ("symlink", "\"evil/owned\""), ("symlink-rel", "\"up/owned\""), ("hardlink", "\"hl\"")];
    for (tag, entry) in cases {
        let out = env.fails(&["pull", &img(&format!("hostile:{tag}"))], 125);
        let line = out.assert_one_error_line();
        assert!(line.contains("refusing layer entry"), "hostile:{tag}: the error must say `refusing layer entry`:\n{}", out.dump());
        assert!(line.contains(entry), "hostile:{tag}: the error must name the entry {entry}:\n{}", out.dump());
        env.assert_store_empty(&format!("after hostile:{tag}"));
        for p in walk(&env.dir) {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            assert!(!ESCAPE_NAMES.contains(&name.as_str()), "hostile:{tag} created {}", env.dir.join(&p).display());
        }
    }
    let after: Vec<_> = watched.iter().map(|p| host_state(p)).collect();
    assert_eq!(before, after, "host paths {watched:?} changed");
    assert_eq!(list_dir(&env.store()).iter().filter(|n| ESCAPE_NAMES.contains(&n.as_str())).count(), 0);
}

fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(data))
}

#[test]
fn pull_broken_images_fail_cleanly() {
    let env = TestEnv::new("pull-bad");
    let out = env.fails(&["pull", &img("bad:diffid")], 125);
    let line = out.assert_one_error_line().to_string();
    let claimed = format!("sha256:{}", sha256_hex(b"this is not the layer"));
    assert!(line.contains(&claimed), "bad:diffid: the error must name the config's diff id {claimed}:\n{}", out.dump());
    let lower = line.to_lowercase();
    assert!(lower.contains("diff") || lower.contains("config"), "the error must say it is a diff id mismatch:\n{}", out.dump());
    env.assert_store_empty("after bad:diffid");

    let out = env.fails(&["pull", &img("bad:highuid")], 125);
    let line = out.assert_one_error_line();
    assert!(line.contains("200000"), "bad:highuid: the error must name uid 200000:\n{}", out.dump());
    assert!(line.contains("/etc/subuid"), "bad:highuid: the error must name /etc/subuid:\n{}", out.dump());
    env.assert_store_empty("after bad:highuid");

    let out = env.fails(&["pull", &img("bad:notar")], 125);
    let line = out.assert_one_error_line();
    assert!(line.len() < 400, "bad:notar: the error should be one short line:\n{}", out.dump());
    assert!(line.chars().all(|c| !c.is_control() && c != '\u{fffd}'), "bad:notar: printable text only:\n{}", out.dump());
    env.assert_store_empty("after bad:notar");
}

#[test]
fn pull_without_subuid_range_explains_fix() {
    let env = TestEnv::new_as("pull-nosub", User::nosub_user());
    assert!(env.user.subuid_start.is_none(), "{} must have no /etc/subuid range (run contrib/setup-test-env.sh)", env.user.name);
    let out = env.fails(&["pull", &img("busybox")], 125);
    let line = out.assert_one_error_line();
    assert!(line.contains("/etc/subuid"), "the error must name /etc/subuid:\n{}", out.dump());
    assert!(line.contains("usermod --add-subuids"), "the error must show the usermod fix:\n{}", out.dump());
    assert!(line.contains(&env.user.name), "the error should name the user:\n{}", out.dump());
}

#[test]
fn pull_with_root_and_runroot_flags() {
    let env = TestEnv::new("pull-root");
    let root = env.dir.join("other-store");
    let run = env.dir.join("other-run");
    let (r, rr) = (root.display().to_string(), run.display().to_string());
    let id = env.ok(&["--root", &r, "--runroot", &rr, "pull", &img("busybox")]).trim().to_string();
    assert!(is_hex64(&id));
    assert_eq!(list_dir(&root.join("layers")).len(), 1, "the layer goes under --root");
    let v: Value = serde_json::from_str(&env.ok(&["--root", &r, "image", "inspect", &img("busybox")])).unwrap();
    let upper = v[0]["GraphDriver"]["Data"]["UpperDir"].as_str().unwrap().to_string();
    assert!(Path::new(&upper).starts_with(&root), "UpperDir {upper} is not under --root {r}");
    assert!(Path::new(&upper).join("bin/busybox").is_file());
    assert_eq!(env.ok(&["--root", &r, "images", "-q"]).trim(), &id[..12]);
    assert_eq!(env.ok(&["images", "-q"]), "", "the default store must not see an image pulled with --root");
    assert!(list_dir(&env.store().join("layers")).is_empty(), "nothing in the default store");
    let info: Value = serde_json::from_str(&env.ok(&["--root", &r, "--runroot", &rr, "info", "--format", "json"])).unwrap();
    assert_eq!(info["store"]["graphRoot"], r.as_str());
    assert_eq!(info["store"]["runRoot"], rr.as_str());
}

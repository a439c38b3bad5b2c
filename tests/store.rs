//! The store under concurrent pulls and after SIGKILL at arbitrary moments:
//! every pull succeeds, layers are shared, nothing half-made is ever listed,
//! and what an interrupted rpod leaves behind is cleaned up.

mod common;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

/// Start all `images` pulls at once in `env` and wait for every one.
fn parallel_pulls(env: &TestEnv, images: &[String]) -> Vec<(String, Output)> {
    let spawned: Vec<(String, Spawned)> = images.iter().map(|i| (i.clone(), env.spawn(&["pull", i]))).collect();
    spawned.into_iter().map(|(i, s)| (i, s.wait())).collect()
}

/// Every image's layer directories exist, are complete (layer.json) and
/// there is no layer directory that no image uses.
fn assert_store_consistent(env: &TestEnv, why: &str) {
    let v: Value = serde_json::from_str(&env.ok(&["images", "--format", "json"])).expect("images json");
    let mut used = BTreeSet::new();
    for i in v.as_array().expect("array") {
        let id = i["Id"].as_str().expect("Id");
        for layer in env.layer_paths(id) {
            assert!(layer.is_dir(), "{why}: image {id} lists layer {} which does not exist", layer.display());
            let dir = layer.parent().expect("layer dir");
            assert!(dir.join("layer.json").is_file(), "{why}: layer {} has no layer.json", dir.display());
            used.insert(dir.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    let on_disk: BTreeSet<String> = env.store_entries("layers").into_iter().collect();
    assert_eq!(on_disk, used, "{why}: layer directories on disk vs. layers the images use");
    assert_eq!(env.store_entries("staging"), Vec::<String>::new(), "{why}: staging/ must be empty");
}

#[test]
fn parallel_pulls_of_one_image() {
    let env = TestEnv::new("parallel-same");
    let image = img("busybox");
    let results = parallel_pulls(&env, &vec![image; 8]);
    let mut ids = BTreeSet::new();
    for (_, out) in &results {
        assert_eq!(out.code, 0, "every concurrent pull must succeed:\n{}", out.dump());
        let id = out.stdout.trim().to_string();
        assert!(is_hex64(&id), "{}", out.dump());
        ids.insert(id);
    }
    assert_eq!(ids.len(), 1, "all pulls report the same ID: {ids:?}");
    assert_eq!(env.ok(&["images", "-q"]).lines().count(), 1, "one image");
    assert_eq!(env.images_table().len(), 1, "one name, listed once");
    assert_eq!(env.store_entries("layers").len(), 1, "one layer directory");
    assert_store_consistent(&env, "after 8 parallel pulls");
}

#[test]
fn parallel_pulls_of_images_sharing_a_layer() {
    let env = TestEnv::new("parallel-mixed");
    let (bb, layers) = (img("busybox"), img("layers"));
    let list: Vec<String> = (0..8).map(|i| if i % 2 == 0 { bb.clone() } else { layers.clone() }).collect();
    let results = parallel_pulls(&env, &list);
    let mut ids = std::collections::BTreeMap::<String, BTreeSet<String>>::new();
    for (image, out) in &results {
        assert_eq!(out.code, 0, "every concurrent pull must succeed:\n{}", out.dump());
        ids.entry(image.clone()).or_default().insert(out.stdout.trim().to_string());
    }
    assert!(ids.values().all(|s| s.len() == 1), "each image has one ID: {ids:?}");
    assert_eq!(env.ok(&["images", "-q"]).lines().count(), 2, "two images");
    assert_eq!(env.store_entries("layers").len(), 4, "busybox's layer is shared: 4 layer directories");
    assert_store_consistent(&env, "after 4+4 parallel pulls");
    let l = env.layer_paths(&layers);
    assert_eq!(l[0], env.layer_paths(&bb)[0], "layers:latest builds on busybox's layer directory");
    assert_eq!(std::fs::read_to_string(l[3].join("data/new")).unwrap(), "new in layer 4\n");
}

fn debian_listed(env: &TestEnv) -> bool {
    let out = env.rpod(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert_eq!(out.code, 0, "`images` must work after a killed pull:\n{}", out.dump());
    assert!(!out.stderr.contains("panicked"), "{}", out.dump());
    out.stdout.lines().any(|l| l == format!("{}:minbase", img("debian")))
}

/// SIGKILL `rpod pull debian:minbase` (and runuser: the whole process group)
/// at several moments, in one store: after each kill `images` works and lists
/// nothing half-made, and the next attempt starts from what the killed one
/// left. Then a retry succeeds.
#[test]
fn killed_pull_leaves_a_consistent_store() {
    let image = img("debian:minbase");
    let env = TestEnv::new("kill-pull");
    let mut interrupted = 0;
    for delay_ms in [50u64, 300, 800, 1500] {
        let mut child = env.spawn(&["pull", &image]);
        std::thread::sleep(Duration::from_millis(delay_ms).saturating_sub(child.elapsed()));
        let running = child.try_code().is_none();
        let out = child.kill_and_wait();
        let completed = out.code == 0;
        if running && !completed {
            interrupted += 1;
        }
        let listed = debian_listed(&env);
        eprintln!("kill at {delay_ms} ms: running={running} exit={} listed={listed}", out.code);
        if listed {
            // Listed means complete: the record is written after every layer.
            assert_store_consistent(&env, &format!("killed at {delay_ms} ms, image listed"));
        } else {
            assert!(!completed, "pull finished but the image is not listed:\n{}", out.dump());
            assert_eq!(env.store_entries("staging"), Vec::<String>::new(), "killed at {delay_ms} ms: the next rpod command (`images`) must clean staging/");
            assert!(env.ok(&["images", "-q"]).is_empty(), "nothing listed after a pull killed at {delay_ms} ms");
        }
    }
    assert!(interrupted >= 2, "at least the early kills must interrupt a running pull (got {interrupted})");

    let start = Instant::now();
    let id = env.pull(&image);
    eprintln!("retry took {:?}", start.elapsed());
    assert!(debian_listed(&env));
    assert_store_consistent(&env, "after the retry");
    assert_eq!(env.store_entries("layers").len(), 1);
    let layer = &env.layer_paths(&id)[0];
    assert!(layer.join("usr/bin/passwd").is_file() && layer.join("usr/bin/perl").is_file(), "retry gives a complete layer");
    let files = walk(layer).len();
    assert!(files > 5000, "complete layer after the retry: {files} entries");

    env.ok(&["rmi", "-a"]);
    env.assert_store_empty("after rmi -a");
}

/// SIGKILL `rpod rmi -a` while it removes the layer: as soon as something
/// shows up in staging/ (the layer is renamed there, then deleted). The image
/// is either still listed and complete, or gone; either way the user's next
/// `rmi -a` must leave an empty store (no layer directory leaked).
#[test]
fn killed_rmi_leaves_no_orphan_layer() {
    let env = TestEnv::new("kill-rmi");
    let staging = env.store().join("staging");
    for round in 0..3 {
        let id = env.pull(&img("busybox"));
        let mut child = env.spawn(&["rmi", "-a"]);
        let mut seen = false;
        while child.try_code().is_none() && child.elapsed() < Duration::from_secs(30) {
            if list_dir(&staging).iter().any(|n| !n.ends_with(".lock")) {
                seen = true;
                break;
            }
        }
        let at = child.elapsed();
        let out = child.kill_and_wait();
        let layers_left = env.store_entries("layers");
        let listed = env.ok(&["images", "-q", "--no-trunc"]).contains(&id);
        eprintln!("round {round}: rmi killed after {at:?} (staging entry seen: {seen}), exit {}, listed={listed}, layers left={layers_left:?}", out.code);
        if listed {
            assert_store_consistent(&env, "after a killed rmi (image kept)");
        }
        let out = env.rpod(&["rmi", "-a"]);
        assert_eq!(out.code, 0, "{}", out.dump());
        env.assert_store_empty(&format!(
            "round {round}: `rmi -a` after an rmi killed midway (image listed before: {listed}, layer dirs left by the kill: {layers_left:?})"
        ));
    }
}

/// A full disk: a one-line error, and the store is left consistent (no
/// image, nothing in staging) so that a pull with room succeeds.
#[test]
fn full_disk_fails_cleanly() {
    if !is_root() {
        panic!("this test mounts a small tmpfs and so must run as root (contrib/test.sh does)");
    }
    let env = TestEnv::new("full-disk");
    let mnt = env.dir.join("small");
    std::fs::create_dir(&mnt).unwrap();
    let ok = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size=1m,uid={},gid={},mode=0700", env.user.uid, env.user.gid), "tmpfs"])
        .arg(&mnt)
        .status()
        .expect("mount");
    assert!(ok.success(), "mounting a tmpfs for the test");
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mnt.clone());
    let root = mnt.join("store");
    let root_s = root.display().to_string();
    let out = env.rpod(&["--root", &root_s, "pull", &img("busybox")]);
    assert_eq!(out.code, 125, "{}", out.dump());
    let line = out.assert_one_error_line();
    assert!(line.contains("No space left on device"), "{line}");
    assert_eq!(env.ok(&["--root", &root_s, "images", "-q"]), "");
    assert_eq!(list_dir(&root.join("staging")), Vec::<String>::new(), "staging is cleaned");
    assert_eq!(list_dir(&root.join("layers")), Vec::<String>::new());
}

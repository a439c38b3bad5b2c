//! Local image commands: images (and its flags), tag, untag, rmi, prune,
//! exists, history, inspect, info, and how bad input is reported.

mod common;

use std::collections::BTreeSet;

use common::*;
use serde_json::Value;

fn parse_json(out: &str, what: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{what} is not JSON ({e}):\n{out}"))
}

#[test]
fn tag_untag_rmi_prune_exists() {
    let env = TestEnv::new("tag-rmi");
    let bb = img("busybox");
    let id = env.pull(&bb);

    // tag: a short name lands in localhost/
    assert_eq!(env.ok(&["tag", &bb, "myimg"]), "");
    let rows = env.images_table();
    assert!(rows.iter().any(|r| r[0] == "localhost/myimg" && r[1] == "latest" && r[2] == id[..12]), "images must list localhost/myimg latest: {rows:?}");
    assert_eq!(rows.len(), 2, "{rows:?}");
    env.ok(&["image", "exists", "myimg"]);
    env.ok(&["image", "exists", "localhost/myimg:latest"]);
    env.ok(&["image", "exists", &id[..12]]);
    env.ok(&["image", "exists", &id]);
    let out = env.fails(&["image", "exists", "nothere"], 1);
    assert_eq!(out.stderr, "", "image exists prints nothing:\n{}", out.dump());

    // rmi by one of several names only untags it
    assert_eq!(env.ok(&["rmi", "myimg"]), "Untagged: localhost/myimg:latest\n");
    assert_eq!(env.ok(&["images", "-q"]).trim(), &id[..12], "the image stays");
    assert_eq!(env.store_entries("layers").len(), 1);
    env.fails(&["image", "exists", "myimg"], 1);

    // rmi by ID with two names needs --force (exit 2)
    env.ok(&["tag", &bb, "myimg", "other:v1"]);
    let out = env.fails(&["rmi", &id[..12]], 2);
    let line = out.assert_one_error_line();
    assert!(line.contains("force"), "the error must suggest forcing:\n{}", out.dump());
    assert_eq!(env.ok(&["images", "-q"]).trim(), &id[..12], "nothing removed without --force");

    let out = env.ok(&["rmi", "-f", &id]);
    let lines: Vec<&str> = out.lines().collect();
    let untagged: BTreeSet<&str> = lines.iter().filter_map(|l| l.strip_prefix("Untagged: ")).collect();
    let want: BTreeSet<String> = [format!("{bb}:latest"), "localhost/myimg:latest".into(), "localhost/other:v1".into()].into_iter().collect();
    assert_eq!(untagged, want.iter().map(String::as_str).collect(), "rmi -f output:\n{out}");
    assert_eq!(lines.last().copied(), Some(format!("Deleted: {id}").as_str()), "rmi -f output:\n{out}");
    assert_eq!(lines.len(), 4, "{out}");
    env.assert_store_empty("after rmi -f");
    assert_eq!(list_dir(&env.store().join("images")), Vec::<String>::new(), "image data removed");

    // unknown image
    let out = env.fails(&["rmi", "nothere"], 1);
    assert!(out.stderr.contains("nothere"), "{}", out.dump());
    env.ok(&["rmi", "-f", "nothere"]);

    // untag everything → dangling; prune removes it
    let id = env.pull(&bb);
    assert_eq!(env.ok(&["untag", &bb]), "");
    let rows = env.images_table();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!((rows[0][0].as_str(), rows[0][1].as_str(), rows[0][2].as_str()), ("<none>", "<none>", &id[..12]), "a dangling row: {rows:?}");
    let v = env.inspect(&id);
    assert_eq!(v["RepoTags"], serde_json::json!([]), "{v:#}");
    let out = env.ok(&["image", "prune", "-f"]);
    assert_eq!(out.trim(), id, "prune prints the removed IDs");
    env.assert_store_empty("after prune");

    // prune keeps named images
    env.pull(&bb);
    assert_eq!(env.ok(&["image", "prune", "-f"]), "", "no dangling image, nothing pruned");
    assert_eq!(env.ok(&["images", "-q"]).lines().count(), 1);

    // rmi -a
    env.pull(&img("layers"));
    assert_eq!(env.store_entries("layers").len(), 4);
    let out = env.ok(&["rmi", "-a"]);
    assert_eq!(out.lines().filter(|l| l.starts_with("Deleted: ")).count(), 2, "{out}");
    env.assert_store_empty("after rmi -a");
}

#[test]
fn images_listing_flags() {
    let env = TestEnv::new("images-flags");
    let bb_id = env.pull(&img("busybox"));
    let layers_id = env.pull(&img("layers"));
    env.ok(&["tag", &img("busybox"), "second"]);
    let ids: BTreeSet<String> = [bb_id[..12].to_string(), layers_id[..12].to_string()].into_iter().collect();

    let header = env.ok(&["images"]).lines().next().unwrap().to_string();
    assert_eq!(table_cells(&header), ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]);
    assert_eq!(env.images_table().len(), 3, "one row per name");

    // -q: unique short IDs
    let q = env.ok(&["images", "-q"]);
    let qs: Vec<&str> = q.lines().collect();
    assert_eq!(qs.len(), 2, "-q lists each image once:\n{q}");
    assert!(qs.iter().all(|l| is_hex12(l)), "{q}");
    assert_eq!(qs.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>(), ids);

    // --no-trunc
    let out = env.ok(&["images", "--no-trunc"]);
    for line in out.lines().skip(1) {
        let c = table_cells(line);
        assert!(c[2].starts_with("sha256:") && is_hex64(&c[2][7..]), "--no-trunc IMAGE ID: {line}");
    }
    let out = env.ok(&["images", "-q", "--no-trunc"]);
    let full: BTreeSet<&str> = out.lines().collect();
    assert_eq!(full, [format!("sha256:{bb_id}"), format!("sha256:{layers_id}")].iter().map(String::as_str).collect());

    // --digests
    let out = env.ok(&["images", "--digests"]);
    let mut lines = out.lines();
    assert_eq!(table_cells(lines.next().unwrap()), ["REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"]);
    for line in lines {
        let c = table_cells(line);
        let want = if c[0] == img("layers") { registry_digest(&img("layers:latest")) } else { registry_digest(&img("busybox:latest")) };
        assert_eq!(c[2], want, "DIGEST column: {line}");
    }

    // --format json
    let v = parse_json(&env.ok(&["images", "--format", "json"]), "images --format json");
    let arr = v.as_array().expect("array");
    assert_eq!(arr.len(), 2, "{v:#}");
    for i in arr {
        let id = i["Id"].as_str().expect("Id");
        assert!(is_hex64(id), "{i:#}");
        assert!(i["Size"].as_u64().unwrap_or(0) > 0, "{i:#}");
        let tags: Vec<&str> = i["RepoTags"].as_array().expect("RepoTags").iter().filter_map(Value::as_str).collect();
        if id == bb_id {
            assert_eq!(
                tags.iter().copied().collect::<BTreeSet<_>>(),
                [format!("{}:latest", img("busybox")).as_str(), "localhost/second:latest"].into_iter().collect()
            );
        } else {
            assert_eq!(id, layers_id);
            assert_eq!(tags, [format!("{}:latest", img("layers"))]);
        }
    }

    // --format template
    let out = env.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    let names: BTreeSet<&str> = out.lines().collect();
    let want = [format!("{}:latest", img("busybox")), format!("{}:latest", img("layers")), "localhost/second:latest".into()];
    assert_eq!(names, want.iter().map(String::as_str).collect(), "{out}");

    // -n: no heading
    let out = env.ok(&["images", "-n"]);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(!out.contains("REPOSITORY"), "{out}");

    // filter by name
    let out = env.ok(&["images", "-q", &img("layers")]);
    assert_eq!(out.trim(), &layers_id[..12]);
}

#[test]
fn history_of_layers() {
    let env = TestEnv::new("history");
    let id = env.pull(&img("layers"));
    let out = env.ok(&["history", &img("layers")]);
    let mut lines = out.lines();
    assert_eq!(table_cells(lines.next().unwrap()), ["ID", "CREATED", "CREATED BY", "SIZE", "COMMENT"], "{out}");
    let rows: Vec<Vec<String>> = lines.map(table_cells).collect();
    assert_eq!(rows.len(), 5, "one row per config history entry (5, one empty_layer):\n{out}");
    assert_eq!(rows[0][0], id[..12], "the newest row carries the image ID:\n{out}");
    assert!(rows[2][2].starts_with("ENV RPOD_IMAGE=layers"), "newest first; row 3 is the ENV entry:\n{out}");
    assert_eq!(rows[2][3], "0 B", "an empty_layer entry has no size:\n{out}");
    assert!(rows[4][2].starts_with("rpod test: busybox"), "the oldest row is busybox's:\n{out}");
    let bb = parse_human_size(&rows[4][3]).expect("size");
    assert!(bb > 1e6, "busybox layer size: {out}");

    let v = parse_json(&env.ok(&["history", "--format", "json", &img("layers")]), "history --format json");
    let arr = v.as_array().expect("array");
    assert_eq!(arr.len(), 5, "{v:#}");
    assert_eq!(arr[0]["id"], id.as_str(), "{v:#}");
    assert_eq!(arr[2]["CreatedBy"], "ENV RPOD_IMAGE=layers", "{v:#}");
    assert_eq!(arr[2]["size"], 0, "{v:#}");

    let q = env.ok(&["history", "-q", &img("layers")]);
    assert_eq!(q.lines().count(), 5, "{q}");

    let out = env.fails(&["history", "nothere"], 125);
    let line = out.assert_one_error_line();
    assert!(line.contains("image not known"), "{}", out.dump());
}

#[test]
fn info_reports_store_and_mappings() {
    let env = TestEnv::new("info");
    let user = env.user.clone();
    let graph = env.store().display().to_string();
    let run = env.runtime.join("rpod").display().to_string();

    let yaml = env.ok(&["info"]);
    let trimmed: Vec<&str> = yaml.lines().map(str::trim).collect();
    assert!(trimmed.contains(&format!("graphRoot: {graph}").as_str()), "info YAML must show graphRoot: {graph}\n{yaml}");
    assert!(trimmed.contains(&format!("runRoot: {run}").as_str()), "info YAML must show runRoot: {run}\n{yaml}");
    assert!(yaml.starts_with("host:\n"), "{yaml}");

    let v = parse_json(&env.ok(&["info", "--format", "json"]), "info --format json");
    assert_eq!(v["store"]["graphRoot"], graph.as_str(), "{v:#}");
    assert_eq!(v["store"]["runRoot"], run.as_str(), "{v:#}");
    assert_eq!(v["host"]["arch"], "amd64");
    assert_eq!(v["host"]["os"], "linux");
    assert_eq!(v["host"]["security"]["rootless"], true, "{v:#}");
    // The mappings: own id, then the subordinate range (whatever the field names).
    for (key, own, start, count) in [
        ("uidmap", user.uid, user.subuid_start.unwrap(), user.subuid_count.unwrap()),
        ("gidmap", user.gid, user.subgid_start.unwrap(), user.subgid_count.unwrap()),
    ] {
        let map = v["host"]["idMappings"][key].as_array().unwrap_or_else(|| panic!("no host.idMappings.{key}: {v:#}"));
        assert_eq!(map.len(), 2, "{key}: {map:?}");
        let nums = |e: &Value| -> BTreeSet<u64> { e.as_object().map(|o| o.values().filter_map(Value::as_u64).collect()).unwrap_or_default() };
        assert_eq!(nums(&map[0]), [0, own as u64, 1].into_iter().collect(), "{key}[0]: {map:?}");
        assert_eq!(nums(&map[1]), [1, start as u64, count as u64].into_iter().collect(), "{key}[1]: {map:?}");
    }
    let helpers = v["host"]["helpers"].as_array().unwrap_or_else(|| panic!("no host.helpers: {v:#}"));
    for h in ["newuidmap", "newgidmap"] {
        let e = helpers.iter().find(|x| x["name"] == h).unwrap_or_else(|| panic!("helper {h} not listed: {helpers:?}"));
        let p = e["path"].as_str().unwrap_or_else(|| panic!("helper {h} has no path: {e}"));
        assert!(std::path::Path::new(p).is_file(), "{h} path {p}");
    }

    let (root, runroot) = (env.dir.join("r1").display().to_string(), env.dir.join("r2").display().to_string());
    let v = parse_json(&env.ok(&["--root", &root, "--runroot", &runroot, "info", "--format", "json"]), "info");
    assert_eq!(v["store"]["graphRoot"], root.as_str(), "{v:#}");
    assert_eq!(v["store"]["runRoot"], runroot.as_str(), "{v:#}");
}

#[test]
fn bad_input_is_reported_not_panicked() {
    let env = TestEnv::new("bad-input");
    let out = env.fails(&["images", "--bogus-flag"], 125);
    assert!(out.stderr.contains("--bogus-flag"), "{}", out.dump());
    env.fails(&["--bogus-global", "images"], 125);
    env.fails(&["nosuchcommand"], 125);

    let out = env.fails(&["pull", "UPPER"], 125);
    let line = out.assert_one_error_line();
    assert!(line.contains("invalid reference format"), "{}", out.dump());
    env.fails(&["pull", "127.0.0.1:5000/a::b"], 125).assert_one_error_line();

    let out = env.fails(&["image", "inspect", "nothere"], 125);
    assert!(out.stderr.contains("nothere: image not known"), "{}", out.dump());
    assert_eq!(out.stderr_lines().len(), 1, "{}", out.dump());

    // A corrupt image index: every command that reads it fails with a message naming it.
    env.ok(&["images"]);
    let index = env.store().join("images.json");
    env.write_file(&index, "{ this is not json\u{0}garbage");
    let name = index.display().to_string();
    for args in [&["images"][..], &["image", "inspect", "x"], &["rmi", "x"], &["pull", &img("busybox")], &["tag", "x", "y"]] {
        let out = env.rpod(args);
        assert_eq!(out.code, 125, "corrupt images.json must give exit 125:\n{}", out.dump());
        let line = out.assert_one_error_line();
        assert!(line.contains(&name), "the error must name {name}:\n{}", out.dump());
    }
}

/// `info` in Podman's shape, which scripts read: `host.idMappings` entries are
/// `{container_id, host_id, size}`, and templates use the Go field names.
#[test]
fn info_uses_podman_field_names() {
    let env = TestEnv::new("info-podman");
    let user = env.user.clone();
    let graph = env.store().display().to_string();
    let mut problems = Vec::new();
    let v = parse_json(&env.ok(&["info", "--format", "json"]), "info --format json");
    for (key, own, start, count) in [
        ("uidmap", user.uid, user.subuid_start.unwrap(), user.subuid_count.unwrap()),
        ("gidmap", user.gid, user.subgid_start.unwrap(), user.subgid_count.unwrap()),
    ] {
        let want = serde_json::json!([
            {"container_id": 0, "host_id": own, "size": 1},
            {"container_id": 1, "host_id": start, "size": count},
        ]);
        if v["host"]["idMappings"][key] != want {
            problems.push(format!("host.idMappings.{key} is {}, Podman prints {want}", v["host"]["idMappings"][key]));
        }
    }
    let out = env.rpod(&["info", "--format", "{{.Store.GraphRoot}}"]);
    if out.code != 0 || out.stdout.trim() != graph {
        problems.push(format!("Podman's template field names (.Store.GraphRoot) should print {graph}:\n{}", out.dump()));
    }
    assert!(problems.is_empty(), "info differs from Podman:\n{}", problems.join("\n"));
}

//! `alias podman=rpod`: Podman invocations as scripts and tools write them,
//! run against rpod, with their output checked (issue 17). The shapes were
//! taken from Podman 4.3 run side by side on this machine.

mod common;

use common::*;
use serde_json::Value;

fn busybox_env(name: &str) -> (TestEnv, String) {
    let env = TestEnv::new(name);
    env.pull(&img("busybox"));
    (env, img("busybox"))
}

#[test]
fn the_lines_the_issue_says_fail_today() {
    let (env, bb) = busybox_env("fmt-issue-lines");
    let id = env.ok(&["run", "-d", "--name", "web", &bb, "sleep", "100"]).trim().to_string();
    env.ok(&["create", "--name", "idle", &bb, "true"]);
    let out = env.ok(&["ps", "--all", "--external", "--format", "{{.ID}} {{.Names}}"]);
    let mut lines: Vec<&str> = out.lines().collect();
    lines.sort();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines.contains(&format!("{} web", &id[..12]).as_str()), "{out}");
    let distro = env.ok(&["info", "--format", "{{.Host.Distribution.Distribution}}"]);
    let expect =
        std::fs::read_to_string("/etc/os-release").unwrap().lines().find_map(|l| l.strip_prefix("ID=").map(|v| v.trim_matches('"').to_string())).unwrap();
    assert_eq!(distro, format!("{expect}\n"));
    let out = env.ok(&["rm", "-t", "0", "--all", "--force", "--ignore"]);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "");
    // --ignore: a missing container is no error.
    env.ok(&["rm", "--ignore", "no-such-container"]);
    env.ok(&["stop", "--ignore", "no-such-container"]);
}

#[test]
fn ps_templates_as_scripts_write_them() {
    let (env, bb) = busybox_env("fmt-ps");
    let id = env.ok(&["run", "-d", "--name", "web", "--label", "tier=front", &bb, "sleep", "100"]).trim().to_string();
    let short = &id[..12];
    // Podman's table: headers from field names, tabwriter columns.
    let out = env.ok(&["ps", "--format", "table {{.ID}}\\t{{.Names}}\\t{{.Status}}"]);
    let mut lines = out.lines();
    assert_eq!(lines.next().unwrap(), "CONTAINER ID  NAMES       STATUS", "{out}");
    assert!(lines.next().unwrap().starts_with(&format!("{short}  web         Up ")), "{out}");
    assert_eq!(env.ok(&["ps", "--noheading", "--format", "table {{.ID}} {{.Names}}"]), format!("{short}  web\n"));
    // Control structures, functions, labels, missing map keys, escapes.
    let f = r#"{{if eq .State "running"}}up{{else}}down{{end}} {{.Labels.tier}} {{index .Labels "nope"}}|{{.Labels.nope}} {{.Names | upper}} {{printf "%.4s" .ID}}{{"\t"}}{{len .Names}}"#;
    assert_eq!(env.ok(&["ps", "--format", f]), format!("up front |<no value> WEB {}\t3\n", &id[..4]));
    assert_eq!(env.ok(&["ps", "--format", "{{range $k, $v := .Labels}}{{$k}}={{$v}};{{end}}"]), "tier=front;\n");
    assert_eq!(env.ok(&["ps", "--format", "{{json .Labels}}"]), "{\"tier\":\"front\"}\n");
    // {{json .}} and json: Podman's ListContainer array, which jq scripts read.
    for f in ["json", "{{json .}}"] {
        let v: Value = serde_json::from_str(&env.ok(&["ps", "--format", f])).unwrap();
        assert_eq!(v[0]["Id"], id.as_str());
        assert_eq!(v[0]["Names"][0], "web");
        assert_eq!(v[0]["State"], "running");
        assert_eq!(v[0]["Command"][0], "sleep");
        assert!(v[0]["Created"].is_i64() && v[0]["StartedAt"].is_i64(), "{v}");
    }
    // A missing field: Podman's error, word for word, exit 125.
    let out = env.fails(&["ps", "--format", "{{.ID}} {{.Nope}}"], 125);
    assert_eq!(out.assert_one_error_line(), r#"Error: template: ps:1:21: executing "ps" at <.Nope>: can't evaluate field Nope in type containers.psReporter"#);
    let out = env.fails(&["ps", "--format", "{{nope .ID}}"], 125);
    assert_eq!(out.assert_one_error_line(), r#"Error: template: ps:1: function "nope" not defined"#);
    env.ok(&["rm", "-f", "-t", "0", "web"]);
}

#[test]
fn images_inspect_info_version_history_templates() {
    let (env, bb) = busybox_env("fmt-images");
    let out = env.ok(&["images", "--format", "table {{.Repository}} {{.Tag}} {{.ID}} {{.Size}}"]);
    let mut lines = out.lines();
    assert_eq!(lines.next().unwrap(), "REPOSITORY              TAG         IMAGE ID      SIZE", "{out}");
    let row = table_cells(lines.next().unwrap());
    assert_eq!(&row[..2], &[bb.clone(), "latest".into()], "{out}");
    assert!(is_hex12(&row[2]), "{out}");
    assert_eq!(env.ok(&["images", "--format", "{{.Repository}}:{{.Tag}} {{.Dangling}} {{.Containers}}"]), format!("{bb}:latest false 0\n"));
    let id = env.ok(&["image", "inspect", "--format", "{{.Id}}", &bb]);
    assert!(is_hex64(id.trim()), "{id}");
    assert_eq!(env.ok(&["inspect", "--format", "{{.Os}}/{{.Architecture}} {{len .RootFS.Layers}}", &bb]), "linux/amd64 1\n");
    let out = env.fails(&["inspect", "--format", "{{.Nope}}", &bb], 125);
    assert_eq!(
        out.assert_one_error_line(),
        r#"Error: inspecting object: printing inspect output: template: inspect:1:13: executing "inspect" at <.Nope>: can't evaluate field Nope in type interface {}"#
    );
    assert_eq!(env.ok(&["info", "--format", "{{.Host.Security.Rootless}} {{.Host.OCIRuntime.Name}} {{.Store.ImageStore.Number}}"]), "true rpod 1\n");
    let out = env.fails(&["info", "--format", "{{.Host.Nope}}"], 125);
    assert_eq!(
        out.assert_one_error_line(),
        r#"Error: template: info:1:7: executing "info" at <.Host.Nope>: can't evaluate field Nope in type *define.HostInfo"#
    );
    let v = env.ok(&["version", "--format", "{{.Version}}"]);
    assert_eq!(env.ok(&["version", "--format", "{{.Client.Version}}"]), v);
    let out = env.ok(&["history", "--format", "table {{.ID}} {{.CreatedBy}}", &bb]);
    assert!(out.starts_with("ID            CREATED BY\n"), "{out}");
    let v: Value = serde_json::from_str(&env.ok(&["info", "--format", "{{json .}}"])).unwrap();
    assert_eq!(v["host"]["security"]["rootless"], true);
}

#[test]
fn podman_flags_rpod_lacks_are_refused_in_one_line() {
    let env = TestEnv::new("fmt-flags");
    for (args, want) in [
        (&["run", "--secret", "s", "img"][..], "Error: rpod run --secret is not supported yet: "),
        (&["ps", "--pod"][..], "Error: rpod ps --pod is not supported yet: rpod has no pods"),
        (&["container", "rm", "--filter", "id=1", "x"][..], "Error: rpod container rm --filter is not supported yet: "),
        (&["run", "--cpu-rt-period", "2", "img"][..], "Error: rpod run --cpu-rt-period is not supported yet: cgroup v2 has no realtime"),
        (&["--url", "unix:///x", "ps"][..], "Error: rpod --url is not supported yet: rpod is daemonless"),
        (&["ps", "--bogus"][..], "Error: unknown flag: --bogus"),
    ] {
        let out = env.fails(args, 125);
        assert!(out.stderr.starts_with(want), "{}", out.dump());
        assert!(!out.stderr.contains("unexpected argument"), "{}", out.dump());
    }
    // Global flags scripts pass are accepted.
    let out = env.ok(&[
        "--log-level",
        "warning",
        "--cgroup-manager",
        "cgroupfs",
        "--events-backend",
        "file",
        "--storage-opt",
        "overlay.mount_program=/usr/bin/fuse-overlayfs",
        "--tmpdir",
        "/tmp",
        "--syslog",
        "version",
        "--format",
        "{{.Version}}",
    ]);
    assert_eq!(out, format!("{}\n", env!("CARGO_PKG_VERSION")));
    assert_eq!(env.ok(&["--noout", "version"]), "", "--noout silences stdout");
}

#[test]
fn short_flags_and_version_as_podman_has_them() {
    let (env, bb) = busybox_env("fmt-short");
    // `podman -v` / `--version`: `podman version 4.3.1`.
    let want = format!("rpod version {}\n", env!("CARGO_PKG_VERSION"));
    assert_eq!(env.ok(&["-v"]), want);
    assert_eq!(env.ok(&["--version"]), want);
    // run/create -h is --hostname, as in Podman; --help still prints help.
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "-h", "shorthost", &bb, "hostname"]), "shorthost\n");
    let id = env.ok(&["create", "--network", "none", "-h", "other", &bb, "hostname"]).trim().to_string();
    assert_eq!(env.ok(&["start", "-a", &id]), "other\n");
    assert!(env.ok(&["create", "--help"]).contains("--hostname"));
    assert!(env.ok(&["ps", "-h"]).contains("Usage:"), "-h is help where Podman's is");
    env.ok(&["rm", &id]);
}

#[test]
fn flags_end_at_the_image_as_in_podman() {
    // Podman stops reading its own flags at the image: what follows is the
    // command, even when it looks like one of run's flags (`-c` is
    // --cpu-shares, `-e` --env, `-v` --volume).
    let (env, bb) = busybox_env("fmt-flags-end");
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "--entrypoint", "sh", &bb, "-c", "echo from -c"]), "from -c\n");
    let entry = r#"["sh","-c","printf '%s\\n' \"$*\"","sh"]"#;
    let out = env.ok(&["run", "--rm", "--network", "none", "--entrypoint", entry, &bb, "-e", "X=1", "-v", "/a:/b"]);
    assert_eq!(out, "-e X=1 -v /a:/b\n");
    let id = env.ok(&["create", "--network", "none", "--entrypoint", "sh", &bb, "-c", "echo created"]).trim().to_string();
    assert_eq!(env.ok(&["start", "-a", &id]), "created\n");
    let cmd = env.ok(&["inspect", &id, "--format", "{{json .Config.Cmd}}"]);
    assert_eq!(cmd.trim(), r#"["-c","echo created"]"#);
    env.ok(&["rm", &id]);
    // Flags before the image still count.
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "-e", "X=2", &bb, "sh", "-c", "echo $X"]), "2\n");
}

#[test]
fn pause_kill_restart_and_sig_proxy_flags_as_scripts_use_them() {
    let (env, bb) = busybox_env("fmt-lifecycle-flags");
    let a = env.ok(&["run", "-d", &bb, "sleep", "100"]).trim().to_string();
    let b = env.ok(&["run", "-d", &bb, "sleep", "100"]).trim().to_string();
    let idle = env.ok(&["create", &bb, "true"]).trim().to_string();
    let status = |id: &str| env.ok(&["inspect", id, "--format", "{{.State.Status}}"]).trim().to_string();
    // pause --all: every running container; unpause --all: every paused one.
    let mut paused: Vec<String> = env.ok(&["pause", "--all"]).lines().map(str::to_string).collect();
    paused.sort();
    let mut both = vec![a.clone(), b.clone()];
    both.sort();
    assert_eq!(paused, both);
    assert_eq!((status(&a), status(&b), status(&idle)), ("paused".into(), "paused".into(), "created".into()));
    let mut unpaused: Vec<String> = env.ok(&["unpause", "-a"]).lines().map(str::to_string).collect();
    unpaused.sort();
    assert_eq!(unpaused, both);
    assert_eq!(status(&a), "running");
    // restart --all --running leaves the created container alone.
    let mut restarted: Vec<String> = env.ok(&["restart", "--all", "--running", "-t", "0"]).lines().map(str::to_string).collect();
    restarted.sort();
    assert_eq!(restarted, both);
    assert_eq!(status(&idle), "created");
    // kill/restart/pause --cidfile, as systemd units write them.
    let dir = tempdir_for(&env);
    let cid = dir.join("cid");
    let c = env.ok(&["run", "-d", "--cidfile", cid.to_str().unwrap(), &bb, "sleep", "100"]).trim().to_string();
    assert_eq!(env.ok(&["pause", "--cidfile", cid.to_str().unwrap()]), format!("{c}\n"));
    assert_eq!(env.ok(&["unpause", "--cidfile", cid.to_str().unwrap()]), format!("{c}\n"));
    assert_eq!(env.ok(&["restart", "-t", "0", "--cidfile", cid.to_str().unwrap()]), format!("{c}\n"));
    assert_eq!(env.ok(&["kill", "--cidfile", cid.to_str().unwrap()]), format!("{c}\n"));
    assert_eq!(env.ok(&["wait", &c]), "137\n");
    // Hostile input class: a FIFO named as the ID file is refused, not read.
    let fifo = dir.join("fifo");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o666)).unwrap();
    let out = env.fails(&["kill", "--cidfile", fifo.to_str().unwrap()], 125);
    assert!(out.assert_one_error_line().contains("not a regular file"), "{}", out.dump());
    // --sig-proxy: true is what rpod does; false is refused in one line.
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "--sig-proxy", &bb, "echo", "ok"]), "ok\n");
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "--sig-proxy=true", &bb, "echo", "ok"]), "ok\n");
    let out = env.fails(&["run", "--rm", "--sig-proxy=false", &bb, "true"], 125);
    assert!(out.assert_one_error_line().contains("--sig-proxy=false is not supported"), "{}", out.dump());
    let out = env.fails(&["attach", "--sig-proxy=false", &a], 125);
    assert!(out.assert_one_error_line().contains("--sig-proxy=false is not supported"), "{}", out.dump());
    env.ok(&["rm", "-f", "-t", "0", "-a"]);
}

#[test]
fn rm_cidfile_refuses_what_is_not_a_regular_file() {
    // Hostile input class: a path the user names may be a FIFO or a device;
    // reading it must neither hang nor read without bound.
    let (env, bb) = busybox_env("fmt-cidfile");
    let id = env.ok(&["create", &bb, "true"]).trim().to_string();
    let dir = tempdir_for(&env);
    let cid = dir.join("cid");
    env.write_file(&cid, &format!("{id}\n"));
    assert_eq!(env.ok(&["rm", "--cidfile", cid.to_str().unwrap()]), format!("{id}\n"));
    let out = env.fails(&["rm", "--cidfile", "/dev/zero"], 125);
    assert!(out.assert_one_error_line().contains("not a regular file"), "{}", out.dump());
    let fifo = dir.join("fifo");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o666)).unwrap();
    let out = env.fails(&["rm", "--cidfile", fifo.to_str().unwrap()], 125);
    assert!(out.assert_one_error_line().contains("not a regular file"), "{}", out.dump());
    env.ok(&["rm", "--ignore", "--cidfile", "/nonexistent/cid"]);
}

/// A directory of the test's own, owned by the test user.
fn tempdir_for(env: &TestEnv) -> std::path::PathBuf {
    let d = env.dir.join("files");
    env.write_file(&d.join(".keep"), "");
    d
}

#[test]
fn events_written_by_one_call_are_read_by_another() {
    let (env, bb) = busybox_env("fmt-events");
    // Following live: started before the container, it stops at --until.
    let until = (chrono::Utc::now() + chrono::Duration::seconds(6)).to_rfc3339();
    let follower = env.spawn(&["events", "--until", &until, "--filter", "type=container", "--format", "{{.Status}} {{.Name}} {{.ContainerExitCode}}"]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    env.fails(&["run", "--name", "ex", "--label", "k=v", &bb, "sh", "-c", "exit 3"], 3);
    env.ok(&["tag", &bb, "mine:1"]);
    env.ok(&["rmi", "mine:1"]);
    env.ok(&["rm", "ex"]);
    let out = env.ok(&["events", "--stream=false"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.iter().any(|l| l.contains(" image pull ") && l.contains(&bb)), "{out}");
    assert!(lines.iter().any(|l| l.contains(" container died ") && l.contains("name=ex, k=v)")), "{out}");
    assert!(lines.iter().any(|l| l.contains(" image tag ") && l.ends_with(" localhost/mine:1")), "{out}");
    assert!(lines.iter().any(|l| l.contains(" image untag ") && l.ends_with(" localhost/mine:1")), "{out}");
    // JSON lines in Podman's shape, filtered.
    let json = env.ok(&["events", "--stream=false", "--format", "json", "--filter", "event=died"]);
    let v: Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!((v["Type"].as_str(), v["Status"].as_str(), v["Name"].as_str()), (Some("container"), Some("died"), Some("ex")));
    assert_eq!(v["ContainerExitCode"], 3);
    assert_eq!(v["Attributes"]["k"], "v");
    assert_eq!(env.ok(&["events", "--stream=false", "--filter", "container=nope"]), "");
    let followed = follower.wait();
    assert_eq!(followed.code, 0, "{}", followed.dump());
    let got: Vec<&str> = followed.stdout.lines().collect();
    assert_eq!(got, ["create ex 0", "init ex 0", "start ex 0", "died ex 3", "remove ex 0"], "{}", followed.dump());
    // --events-backend none writes nothing.
    let before = env.ok(&["events", "--stream=false"]).lines().count();
    env.ok(&["--events-backend", "none", "create", "--name", "quiet", &bb, "true"]);
    assert_eq!(env.ok(&["events", "--stream=false"]).lines().count(), before);
    let out = env.fails(&["events", "--stream=false", "--filter", "bogus=1"], 125);
    out.assert_one_error_line();
}

#[test]
fn a_hostile_event_log_is_refused_not_followed() {
    // The log lives in the user's private runroot, but a planted symlink or
    // FIFO there must not make rpod read another file or hang.
    let env = TestEnv::new("fmt-events-hostile");
    let dir = env.runtime.join("rpod/events");
    env.write_file(&dir.join(".keep"), "");
    let secret = env.dir.join("secret");
    env.write_file(&secret, "{\"Status\":\"leak\",\"Time\":\"2026-01-01T00:00:00Z\",\"Type\":\"container\"}\n");
    std::os::unix::fs::symlink(&secret, dir.join("events.log")).unwrap();
    let out = env.fails(&["events", "--stream=false"], 125);
    assert!(out.assert_one_error_line().contains("symbolic link"), "{}", out.dump());
    std::fs::remove_file(dir.join("events.log")).unwrap();
    nix::unistd::mkfifo(&dir.join("events.log"), nix::sys::stat::Mode::from_bits_truncate(0o666)).unwrap();
    let out = env.fails(&["events", "--stream=false"], 125);
    assert!(out.assert_one_error_line().contains("not a regular file"), "{}", out.dump());
    // Writers skip it too (the operation itself succeeds).
    env.ok(&["volume", "create", "v1"]);
}

#[test]
fn system_df_and_prune() {
    let (env, bb) = busybox_env("fmt-system");
    env.ok(&["run", "--name", "done", &bb, "sh", "-c", "head -c 5000 /dev/zero > /junk"]);
    env.ok(&["volume", "create", "unused"]);
    let out = env.ok(&["system", "df"]);
    let lines: Vec<Vec<String>> = out.lines().map(|l| l.split("  ").map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect()).collect();
    assert_eq!(lines[0], ["TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"], "{out}");
    assert_eq!(&lines[1][..3], ["Images", "1", "1"], "{out}");
    assert_eq!(lines[2], ["Containers", "1", "0", "5kB", "5kB (100%)"], "{out}");
    assert_eq!(&lines[3][..3], ["Local Volumes", "1", "0"], "{out}");
    assert_eq!(env.ok(&["system", "df", "--format", "{{.Type}}={{.RawSize}}"]).lines().nth(1), Some("Containers=5000"));
    let v = env.ok(&["system", "df", "-v"]);
    assert!(v.contains("Images space usage:") && v.contains("Containers space usage:") && v.contains("Local Volumes space usage:"), "{v}");
    assert!(v.lines().any(|l| l.starts_with("unused ")), "{v}");
    let out = env.ok(&["system", "prune", "-f", "--volumes"]);
    assert!(out.starts_with("Deleted Containers\n"), "{out}");
    assert!(out.contains("Deleted Volumes\nunused\n"), "{out}");
    assert!(out.ends_with("Total reclaimed space: 5kB\n"), "{out}");
    assert_eq!(env.ok(&["ps", "-aq"]), "");
    // The image is unused now: -a removes it, a plain prune does not.
    env.ok(&["system", "prune", "-f"]);
    assert_eq!(env.ok(&["images", "-q"]).lines().count(), 1);
    env.ok(&["system", "prune", "-f", "-a"]);
    assert_eq!(env.ok(&["images", "-q"]), "");
    assert_eq!(env.ok(&["system", "info", "--format", "{{.Store.ImageStore.Number}}"]), "0\n");
}

#[test]
fn latest_and_usage_errors_as_podman_users_meet_them() {
    let (env, bb) = busybox_env("fmt-latest");
    env.ok(&["run", "-d", "--name", "older", &bb, "sleep", "100"]);
    let id = env.ok(&["run", "-d", "--name", "newest", &bb, "sh", "-c", "echo hello; sleep 100"]).trim().to_string();
    assert_eq!(env.ok(&["inspect", "-l", "--format", "{{.Name}}"]), "newest\n");
    assert_eq!(env.ok(&["container", "inspect", "--latest", "--format", "{{.Id}}"]), format!("{id}\n"));
    let mut got = String::new();
    for _ in 0..100 {
        got = env.ok(&["logs", "-l"]);
        if !got.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(got, "hello\n");
    assert!(env.ok(&["top", "-l"]).contains("sleep 100"));
    assert_eq!(env.ok(&["stop", "-l", "-t", "0"]).trim(), id);
    assert_eq!(env.ok(&["wait", "-l"]), "137\n");
    assert_eq!(env.ok(&["ps", "--format", "{{.Names}}"]), "older\n", "only the latest was stopped");
    // Usage mistakes: one `Error:` line and 125, as Podman prints them.
    for args in [&["logs", "-l", "newest"][..], &["logs"][..], &["ps", "--sort", "bogus"][..]] {
        env.fails(args, 125).assert_one_error_line();
    }
    env.ok(&["rm", "-f", "-t", "0", "-a"]);
}

#[test]
fn images_filters_and_sort() {
    let env = TestEnv::new("fmt-images-filter");
    let bb = img("busybox");
    let bb_id = env.pull(&bb);
    let other_id = env.pull(&img("layers"));
    assert_ne!(bb_id, other_id);
    env.ok(&["tag", &bb, "mine:1"]);
    // Image IDs listed for a filter (an image shows once per name, as in Podman).
    let ids = |args: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = env.ok(&[&["images", "--no-trunc", "--format", "{{.Id}}"][..], args].concat()).lines().map(str::to_string).collect();
        v.sort();
        v.dedup();
        v
    };
    assert_eq!(ids(&["--filter", "reference=mine"]), std::slice::from_ref(&bb_id));
    assert_eq!(ids(&["--filter", "reference=*/layers"]), std::slice::from_ref(&other_id));
    assert_eq!(ids(&["--filter", "reference=layers", "--filter", "reference=mine"]).len(), 2, "values of one key are alternatives");
    assert_eq!(ids(&["--filter", "label=org.rpod.test=busybox"]), std::slice::from_ref(&bb_id));
    assert_eq!(ids(&["--filter", "dangling=true"]), Vec::<String>::new());
    assert_eq!(ids(&["--filter", "dangling=false"]).len(), 2);
    let out = env.fails(&["images", "--filter", "bogus=1"], 125);
    assert!(out.assert_one_error_line().contains("invalid image filter"), "{}", out.dump());
    let sizes: Vec<u64> = env.ok(&["images", "--sort", "size", "--format", "{{.VirtualSize}}"]).lines().map(|l| l.parse().unwrap()).collect();
    assert!(sizes.windows(2).all(|w| w[0] <= w[1]), "{sizes:?}");
}

#[test]
fn ps_filters_with_podmans_keys_and_rules() {
    let (env, bb) = busybox_env("fmt-ps-filter");
    env.ok(&["run", "--name", "x1", "-l", "app=web", "-l", "tier=fe", &bb, "true"]);
    assert_eq!(env.rpod(&["run", "--name", "x2", "-l", "app=db", &bb, "sh", "-c", "exit 3"]).code, 3);
    env.ok(&["run", "-d", "--name", "y3", "-v", "vol1:/data", &bb, "sleep", "100"]);
    let ps = |filters: &[&str]| {
        let mut a = vec!["ps", "-a", "--format", "{{.Names}}"];
        for f in filters {
            a.extend(["--filter", f]);
        }
        let mut v: Vec<String> = env.ok(&a).lines().map(str::to_string).collect();
        v.sort();
        v.join(" ")
    };
    for (filters, want) in [
        (&["name=^x"][..], "x1 x2"), // a regular expression, unanchored
        (&["name=1"][..], "x1"),
        (&["name=x1", "name=y3"][..], "x1 y3"),               // values of a key: OR
        (&["name=x", "status=exited", "exited=3"][..], "x2"), // keys: AND
        (&["label=app"][..], "x1 x2"),
        (&["label=app=web", "label=tier=fe"][..], "x1"), // labels: all must match
        (&["label=app=web", "label=tier=be"][..], ""),
        (&["exited=0"][..], "x1"),
        (&["status=running"][..], "y3"),
        (&["status=stopped"][..], "x1 x2"),
        (&["ancestor=busybox"][..], "x1 x2 y3"),
        (&["before=y3"][..], "x1 x2"),
        (&["since=x1"][..], "x2 y3"),
        (&["volume=vol1"][..], "y3"),
        (&["volume=/data"][..], "y3"),
        (&["health=none"][..], "x1 x2 y3"),
        (&["health=healthy"][..], ""),
        (&["until=1h"][..], ""),
        (&["until=2099-01-01T00:00:00Z"][..], "x1 x2 y3"),
    ] {
        assert_eq!(ps(filters), want, "--filter {filters:?}");
    }
    let id = env.ok(&["inspect", "--format", "{{.Id}}", "x1"]).trim().to_string();
    assert_eq!(ps(&[&format!("id={}", &id[..8])]), "x1");
    // Without -a a filter still looks at every container, as Podman does.
    assert_eq!(env.ok(&["ps", "--filter", "name=x1", "--format", "{{.Names}}"]), "x1\n");
    for (f, want) in [
        ("pod=p1", "no pod with name or ID p1 found"),
        ("name=(", "not a regular expression"),
        ("status=sleeping", "invalid status filter"),
        ("before=nosuch", "no container with name or ID"),
        ("bogus=1", "invalid filter \"bogus\""),
    ] {
        let out = env.fails(&["ps", "-a", "--filter", f], 125);
        assert!(out.assert_one_error_line().contains(want), "{}", out.dump());
    }
    env.ok(&["rm", "-af", "-t", "0"]);
}

#[test]
fn ps_size_and_namespace_modes_in_inspect() {
    let (env, bb) = busybox_env("fmt-ps-size");
    // Hostile (class: symlink following out of a container's files, as in
    // CVE-2018-15664): links to / and a loop in the writable layer are
    // counted as links, never walked.
    env.ok(&["run", "--name", "writer", &bb, "sh", "-c", "head -c 50000 /dev/zero > /big && ln -s / /rootlink && mkdir -p /d/e && ln -s /d /d/e/loop"]);
    env.ok(&["create", "--name", "hostns", "--pid", "host", "--ipc", "none", "--uts", "host", &bb, "true"]);
    let image_size: u64 = env.ok(&["image", "inspect", "--format", "{{.Size}}", &bb]).trim().parse().unwrap();
    // Table: a SIZE column last, `RW (virtual ROOTFS)` without spaces in the sizes.
    let out = env.ok(&["ps", "-a", "--size"]);
    let mut lines = out.lines();
    let header = table_cells(lines.next().unwrap());
    assert_eq!(header.last().map(String::as_str), Some("SIZE"), "{out}");
    let row =
        lines.map(table_cells).find(|c| c.last().is_some_and(|n| n.contains("virtual")) && c.iter().any(|x| x == "writer")).unwrap_or_else(|| panic!("{out}"));
    let size = row.last().unwrap();
    let re = |s: &str| s.trim_end_matches('B').trim_end_matches(['k', 'M', 'G']).parse::<f64>().is_ok();
    let (rw, virt) = size.strip_suffix(')').and_then(|s| s.split_once(" (virtual ")).unwrap_or_else(|| panic!("SIZE cell {size:?}"));
    assert!(re(rw) && re(virt) && !rw.contains(' '), "SIZE cell {size:?}");
    // JSON: Podman's Size object, the writable layer holding /big.
    let v: Value = serde_json::from_str(&env.ok(&["ps", "-a", "--size", "--format", "json", "--filter", "name=writer"])).unwrap();
    let rw = v[0]["Size"]["rwSize"].as_u64().unwrap_or_else(|| panic!("{v:#}"));
    assert!((50000..1_000_000).contains(&rw), "rwSize counts the container's changes: {v:#}");
    assert_eq!(v[0]["Size"]["rootFsSize"].as_u64(), Some(image_size), "rootFsSize is the image's layers: {v:#}");
    // Without --size, none (Podman's null), and a template asking for .Size gets it.
    let v: Value = serde_json::from_str(&env.ok(&["ps", "-a", "--format", "json"])).unwrap();
    assert!(v[0]["Size"].is_null(), "{v:#}");
    let out = env.ok(&["ps", "-a", "--filter", "name=writer", "--format", "{{.Names}} {{.Size}}"]);
    assert!(out.starts_with("writer ") && out.contains("(virtual "), "{out}");
    assert_eq!(env.ok(&["ps", "-a", "-s", "--sort", "size", "--format", "{{.Names}}"]).lines().last(), Some("writer"));

    // inspect HostConfig.PidMode / IpcMode / UTSMode, Podman's words.
    let modes = |name: &str| env.ok(&["inspect", "--format", "{{.HostConfig.PidMode}} {{.HostConfig.IpcMode}} {{.HostConfig.UTSMode}}", name]);
    assert_eq!(modes("writer"), "private shareable private\n");
    assert_eq!(modes("hostns"), "host none host\n");
}

#[test]
fn container_init_then_start() {
    let (env, bb) = busybox_env("fmt-init");
    env.ok(&["create", "--name", "c1", &bb, "echo", "hello-init"]);
    assert_eq!(env.ok(&["container", "init", "c1"]), "c1\n");
    assert_eq!(env.ok(&["inspect", "--format", "{{.State.Status}}", "c1"]), "initialized\n");
    let out = env.ok(&["ps", "-a", "--filter", "status=initialized", "--format", "{{.Names}} {{.Status}}"]);
    assert_eq!(out, "c1 Initialized\n");
    // State machine (class: state confusion): a second init, or init of a
    // running container, is refused in one line.
    let out = env.fails(&["container", "init", "c1"], 125);
    assert!(out.assert_one_error_line().contains("already been created"), "{}", out.dump());
    env.ok(&["start", "c1"]);
    assert_eq!(env.ok(&["wait", "c1"]), "0\n");
    assert!(env.ok(&["logs", "c1"]).contains("hello-init"));
    // An exited container can be initialized again; `init --all` takes every one.
    env.ok(&["create", "--name", "c2", &bb, "true"]);
    let out = env.ok(&["init", "--all"]);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert_eq!(env.ok(&["ps", "-a", "--filter", "status=initialized", "-q"]).lines().count(), 2);
    env.ok(&["run", "-d", "--name", "up", &bb, "sleep", "100"]);
    env.fails(&["container", "init", "up"], 125).assert_one_error_line();
    // --requires: the dependency must be running (Podman's rule for init).
    env.ok(&["create", "--name", "dep", &bb, "true"]);
    env.ok(&["create", "--name", "needs", "--requires", "dep", &bb, "true"]);
    let out = env.fails(&["container", "init", "needs"], 125);
    assert!(out.assert_one_error_line().contains("not running"), "{}", out.dump());
    env.ok(&["rm", "-f", "-t", "0", "up"]);
}

/// A host port for `-p` that parallel test processes do not share.
fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[test]
fn container_inspect_has_podmans_network_and_runtime_fields() {
    let (env, bb) = busybox_env("fmt-inspect-net");
    let port = free_port();
    env.ok(&["volume", "create", "vol"]);
    let publish = format!("{port}:80");
    env.ok(&["run", "-d", "--name", "web", "-p", &publish, "-v", "vol:/data", "--dns", "198.51.100.53", &bb, "sleep", "100"]);
    env.ok(&["run", "-d", "--name", "nonet", "--network", "none", &bb, "sleep", "100"]);
    let v: Value = serde_json::from_str(&env.ok(&["inspect", "web"])).unwrap();
    let c = &v[0];
    // Ports as Podman shows them, in NetworkSettings and HostConfig alike.
    let want = serde_json::json!({ "80/tcp": [{ "HostIp": "", "HostPort": port.to_string() }] });
    assert_eq!(c["NetworkSettings"]["Ports"], want, "{c:#}");
    assert_eq!(c["HostConfig"]["PortBindings"], want, "{c:#}");
    // Rootless pasta/slirp4netns: Podman leaves the address fields empty strings.
    for k in ["IPAddress", "Gateway", "MacAddress"] {
        assert_eq!(c["NetworkSettings"][k], "", "{k}: {c:#}");
    }
    let key = c["NetworkSettings"]["SandboxKey"].as_str().unwrap();
    assert!(key.starts_with("/proc/") && key.ends_with("/ns/net"), "{key}");
    for k in ["ResolvConfPath", "HostsPath", "HostnamePath"] {
        let p = c[k].as_str().unwrap_or_else(|| panic!("{k}: {c:#}"));
        assert!(std::path::Path::new(p).is_file(), "{k} {p:?}");
    }
    assert!(std::fs::read_to_string(c["ResolvConfPath"].as_str().unwrap()).unwrap().contains("nameserver 198.51.100.53"));
    assert_eq!(c["HostConfig"]["Dns"], serde_json::json!(["198.51.100.53"]));
    assert_eq!(c["HostConfig"]["DnsSearch"], serde_json::json!([]));
    let binds = c["HostConfig"]["Binds"].as_array().unwrap();
    assert!(binds.len() == 1 && binds[0].as_str().unwrap().starts_with("vol:/data"), "{binds:?}");
    let ulimits = c["HostConfig"]["Ulimits"].as_array().unwrap();
    assert!(ulimits.iter().any(|u| u["Name"] == "RLIMIT_NOFILE" && u["Soft"].is_u64() && u["Hard"].is_u64()), "{ulimits:?}");
    // Capabilities: Podman's default set, no NET_RAW.
    let eff: Vec<&str> = c["EffectiveCaps"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
    assert!(eff.contains(&"CAP_CHOWN") && !eff.contains(&"CAP_NET_RAW"), "{eff:?}");
    assert!(c["BoundingCaps"].as_array().unwrap().iter().any(|x| x == "CAP_KILL"));
    // Types as Podman 4.3 prints them.
    assert_eq!(c["ExecIDs"], serde_json::json!([]));
    assert_eq!(c["Dependencies"], serde_json::json!([]));
    assert_eq!(c["State"]["Health"], serde_json::json!({ "Status": "", "FailingStreak": 0, "Log": null }));
    assert_eq!(c["Config"]["Entrypoint"], "", "busybox has no entrypoint: {c:#}");
    assert_eq!(c["Config"]["Cmd"], serde_json::json!(["sleep", "100"]));
    let digest = env.ok(&["image", "inspect", "--format", "{{.Digest}}", &bb]);
    assert_eq!(c["ImageDigest"].as_str().unwrap(), digest.trim());
    assert!(c.get("SizeRw").is_none(), "SizeRw only with --size");
    // --size: the writable layer and the whole root file system.
    let v: Value = serde_json::from_str(&env.ok(&["container", "inspect", "--size", "web"])).unwrap();
    let image_size: u64 = env.ok(&["image", "inspect", "--format", "{{.Size}}", &bb]).trim().parse().unwrap();
    assert!(v[0]["SizeRw"].is_u64() && v[0]["SizeRootFs"].as_u64().unwrap() >= image_size, "{:#}", v[0]);
    // Templates written for Podman, the man page's example among them.
    assert_eq!(env.ok(&["inspect", "--format", "{{.NetworkSettings.IPAddress}}", "web"]), "\n");
    let f = "{{range $p, $b := .NetworkSettings.Ports}}{{$p}}->{{range $b}}{{.HostPort}}{{end}}{{end}}";
    assert_eq!(env.ok(&["inspect", "--format", f, "web"]), format!("80/tcp->{port}\n"));
    // --network none: no ports, no sandbox key, as Podman prints it.
    let n: Value = serde_json::from_str(&env.ok(&["inspect", "nonet"])).unwrap();
    assert_eq!(n[0]["NetworkSettings"]["Ports"], serde_json::json!({}));
    assert_eq!(n[0]["NetworkSettings"]["SandboxKey"], "");
    assert_eq!(n[0]["HostConfig"]["NetworkMode"], "none");
    assert_eq!(env.ok(&["inspect", "--format", "{{.NetworkSettings.IPAddress}}|{{len .HostConfig.PortBindings}}", "nonet"]), "|0\n");
    env.ok(&["rm", "-f", "-t", "0", "web", "nonet"]);
    // A created container has no generated files yet.
    env.ok(&["create", "--name", "idle", "--entrypoint", r#"["/bin/sh","-c"]"#, &bb, "true"]);
    let i: Value = serde_json::from_str(&env.ok(&["inspect", "idle"])).unwrap();
    assert_eq!(i[0]["ResolvConfPath"], "");
    assert_eq!(i[0]["Config"]["Entrypoint"], "/bin/sh -c");
    assert_eq!(i[0]["Config"]["Cmd"], serde_json::json!(["true"]));
    assert_eq!(i[0]["Path"], "/bin/sh");
}

#[test]
fn version_in_podmans_shapes() {
    let env = TestEnv::new("fmt-version");
    let out = env.ok(&["version"]);
    let labels: Vec<&str> = out.lines().map(|l| l.split("  ").next().unwrap()).collect();
    let want: &[&str] = if out.contains("Git Commit:") {
        &["Client:", "Version:", "API Version:", "Go Version:", "Git Commit:", "Built:", "OS/Arch:"]
    } else {
        &["Client:", "Version:", "API Version:", "Go Version:", "Built:", "OS/Arch:"]
    };
    assert_eq!(labels, want, "{out}");
    // Podman's columns: values start at column 14.
    assert!(out.lines().all(|l| l.len() > 14 && l.as_bytes()[13] == b' ' && l.as_bytes()[14] != b' '), "{out}");
    let v: Value = serde_json::from_str(&env.ok(&["version", "--format", "json"])).unwrap();
    let c = &v["Client"];
    for k in ["APIVersion", "Version", "GoVersion", "GitCommit", "BuiltTime", "OsArch", "Os"] {
        assert!(c[k].is_string(), "{k}: {v:#}");
    }
    assert!(c["Built"].is_i64(), "{v:#}");
    assert_eq!(c["Os"], "linux");
    assert!(c["GoVersion"].as_str().unwrap().starts_with("rustc "), "the compiler's version: {v:#}");
    assert_eq!(env.ok(&["version", "--format", "{{.Server}}"]), "<nil>\n");
    assert_eq!(env.ok(&["version", "--format", "{{.Client.APIVersion}} {{.Os}}"]), format!("{} linux\n", env!("CARGO_PKG_VERSION")));
    let out = env.fails(&["version", "extra"], 125);
    assert_eq!(out.assert_one_error_line(), "Error: `rpod version` takes no arguments");
}

#[test]
fn info_has_podmans_keys() {
    let env = TestEnv::new("fmt-info-keys");
    let f = "{{.Host.LogDriver}} {{.Host.ServiceIsRemote}} {{.Host.NetworkBackend}} {{.Host.Linkmode}} {{.Version.Os}} {{.Version.APIVersion}}";
    assert_eq!(env.ok(&["info", "--format", f]), format!("k8s-file false none dynamic linux {}\n", env!("CARGO_PKG_VERSION")));
    let caps = env.ok(&["info", "--format", "{{.Host.Security.DefaultCapabilities}}"]);
    assert!(caps.starts_with("CAP_CHOWN,") && !caps.contains("CAP_NET_RAW"), "{caps}");
    assert!(env.ok(&["info", "--format", "{{.Host.Uptime}}"]).contains("(Approximately "), "Podman's uptime text");
    assert_eq!(env.ok(&["info", "--format", "{{.Store.VolumePath}}"]), format!("{}/volumes\n", env.store().display()));
    assert_eq!(env.ok(&["info", "--format", "{{.Store.ConfigFile}}"]), format!("{}/containers/storage.conf\n", env.config.display()));
    assert_eq!(env.ok(&["info", "--format", "{{range .Plugins.Volume}}{{.}}{{end}} {{len .Plugins.Log}}"]), "local 4\n");
    let v: Value = serde_json::from_str(&env.ok(&["info", "--format", "json"])).unwrap();
    for k in ["cpuUtilization", "swapFree", "swapTotal", "uptime", "linkmode", "serviceIsRemote", "logDriver", "networkBackend"] {
        assert!(!v["host"][k].is_null(), "host.{k}: {v:#}");
    }
    for k in ["configFile", "graphStatus", "graphOptions", "volumePath"] {
        assert!(!v["store"][k].is_null(), "store.{k}: {v:#}");
    }
    for k in ["APIVersion", "GoVersion", "Built", "BuiltTime", "Os"] {
        assert!(!v["version"][k].is_null(), "version.{k}: {v:#}");
    }
    assert!(v["host"]["cpuUtilization"]["idlePercent"].is_f64(), "{v:#}");
    assert!(v["plugins"]["authorization"].is_null() && v["plugins"]["network"].is_array(), "{v:#}");
}

#[test]
fn system_prune_filters_until_and_labels() {
    let (env, bb) = busybox_env("fmt-prune-filter");
    env.ok(&["create", "--name", "old-a", "--label", "tier=a", &bb, "true"]);
    env.ok(&["create", "--name", "old-b", "--label", "tier=b", &bb, "true"]);
    env.ok(&["create", "--name", "keep", "--label", "tier=a", "--label", "keep=yes", &bb, "true"]);
    env.ok(&["volume", "create", "--label", "tier=a", "va"]);
    env.ok(&["volume", "create", "vb"]);
    let names = || {
        let mut v: Vec<String> = env.ok(&["ps", "-a", "--format", "{{.Names}}"]).lines().map(str::to_string).collect();
        v.sort();
        v
    };
    // until: only what is older than the time; a duration counts back from now.
    let out = env.ok(&["system", "prune", "-f", "--volumes", "--filter", "until=1h"]);
    assert!(!out.contains("Deleted Containers"), "nothing is an hour old: {out}");
    assert_eq!(names(), ["keep", "old-a", "old-b"]);
    // label= and label!=, on containers and volumes alike.
    env.ok(&["system", "prune", "-f", "--volumes", "--filter", "label=tier=a", "--filter", "label!=keep"]);
    assert_eq!(names(), ["keep", "old-b"]);
    let vols = env.ok(&["volume", "ls", "-q"]);
    assert_eq!(vols, "vb\n", "only the labelled volume went: {vols}");
    // until in the future (RFC 3339 and Unix seconds) takes the rest; the image stays without -a.
    let later = (chrono_like_now() + 3600).to_string();
    env.ok(&["system", "prune", "-f", "--filter", &format!("until={later}")]);
    assert_eq!(names(), Vec::<String>::new());
    assert_eq!(env.ok(&["images", "-q"]).lines().count(), 1);
    // Podman's error for a key it does not have.
    let out = env.fails(&["system", "prune", "-f", "--filter", "bogus=1"], 125);
    assert_eq!(out.assert_one_error_line(), "Error: bogus is an invalid filter");
}

fn chrono_like_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

#[test]
fn stop_kill_pause_unpause_events() {
    let (env, bb) = busybox_env("fmt-events-lifecycle");
    env.ok(&["run", "-d", "--name", "ev", &bb, "sleep", "100"]);
    env.ok(&["pause", "ev"]);
    env.ok(&["unpause", "ev"]);
    env.ok(&["kill", "ev"]);
    env.ok(&["wait", "ev"]);
    env.ok(&["start", "ev"]);
    env.ok(&["stop", "-t", "0", "ev"]);
    let out = env.ok(&["events", "--stream=false", "--filter", "container=ev", "--format", "{{.Status}}"]);
    let got: Vec<&str> = out.lines().collect();
    let pos =
        |what: &str, from: usize| got.iter().skip(from).position(|s| *s == what).map(|p| p + from).unwrap_or_else(|| panic!("no {what} after {from}: {got:?}"));
    let pause = pos("pause", 0);
    let unpause = pos("unpause", pause);
    let kill = pos("kill", unpause);
    let died = pos("died", kill);
    let start = pos("start", died);
    let stop = pos("stop", start);
    assert!(pause < unpause && unpause < kill && kill < died && died < start && start < stop, "{got:?}");
    // Filtered by event name, with the container's name and image as Podman prints them.
    let json = env.ok(&["events", "--stream=false", "--format", "json", "--filter", "event=pause", "--filter", "event=stop"]);
    let v: Vec<Value> = json.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(v.iter().map(|e| e["Status"].as_str().unwrap()).collect::<Vec<_>>(), ["pause", "stop"], "{json}");
    assert!(v.iter().all(|e| e["Name"] == "ev" && e["Type"] == "container" && e["Image"].as_str().is_some_and(|i| i.contains("busybox"))), "{json}");
    env.ok(&["rm", "ev"]);
}

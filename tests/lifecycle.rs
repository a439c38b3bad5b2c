//! Podman's life-cycle extras as scripts use them (issue 17 item 5):
//! `system reset`, `system migrate`, `container clone`, `container cleanup`,
//! `--requires` with `rm --depend`, `--pull` policies, `--tz`,
//! `--log-driver` and `--log-opt`.

mod common;

use common::*;

fn busybox_env(name: &str) -> (TestEnv, String) {
    let env = TestEnv::new(name);
    env.pull(&img("busybox"));
    (env, img("busybox"))
}

fn names(env: &TestEnv) -> Vec<String> {
    let mut v: Vec<String> = env.ok(&["ps", "-a", "--format", "{{.Names}}"]).lines().map(str::to_string).collect();
    v.sort();
    v
}

#[test]
fn system_reset_removes_everything_including_subordinate_owned_files() {
    let (env, bb) = busybox_env("lc-reset");
    // Files owned by subordinate ids, in a container's layer and in a volume;
    // a mode-000 directory; a link in the volume to a host directory.
    env.ok(&[
        "run",
        "--name",
        "writer",
        "-v",
        "vol1:/data",
        &bb,
        "sh",
        "-c",
        "mkdir -p /x/locked /data/d && touch /x/locked/f /data/d/f && chown -R 1000:1000 /x /data/d && chmod 000 /x/locked && ln -s /etc /data/hostlink",
    ]);
    let outside = env.dir.join("outside");
    env.write_file(&outside.join("keep"), "precious");
    env.ok(&["run", "--name", "linker", "-v", &format!("{}:/o", outside.display()), "-v", "vol1:/data", &bb, "ln", "-s", "/o", "/data/outside"]);
    env.ok(&["run", "-d", "--name", "running", &bb, "sleep", "1000"]);
    let store = env.data.join("rpod");
    assert!(store.is_dir());
    // Without -f it asks; an answer other than y keeps everything.
    let out = env.run_full(&["system", "reset"], &[], Some("n\n"));
    assert_eq!(out.code, 0, "{}", out.dump());
    assert!(out.stderr.contains("Are you sure you want to continue? [y/N]"), "{}", out.dump());
    assert_eq!(names(&env).len(), 3);
    env.ok(&["system", "reset", "-f"]);
    assert!(!store.exists(), "the store is gone: {:?}", walk(&store));
    assert_eq!(std::fs::read_to_string(outside.join("keep")).unwrap(), "precious", "links are removed, not followed");
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "");
    assert_eq!(env.ok(&["images", "-q"]), "");
    assert_eq!(env.ok(&["volume", "ls", "-q"]), "");
    // rpod works afterwards, from scratch.
    env.pull(&bb);
    assert_eq!(env.ok(&["run", "--rm", &bb, "echo", "again"]), "again\n");
}

#[test]
fn system_migrate_succeeds_with_nothing_to_migrate_and_names_unreadable_records() {
    let (env, bb) = busybox_env("lc-migrate");
    let id = env.ok(&["create", "--name", "c", &bb, "true"]).trim().to_string();
    assert_eq!(env.ok(&["system", "migrate"]), "");
    env.write_file(&env.data.join("rpod/containers").join(&id).join("container.json"), "{ not json");
    let out = env.fails(&["system", "migrate"], 125);
    assert!(out.stderr.contains(&id) && out.stderr.contains("rm -f"), "{}", out.dump());
    let out = env.fails(&["system", "migrate", "--new-runtime", "crun"], 125);
    assert!(out.assert_one_error_line().contains("is not supported yet"), "{}", out.dump());
}

#[test]
fn container_clone_copies_with_podmans_names_and_flags() {
    let (env, bb) = busybox_env("lc-clone");
    env.ok(&["run", "-d", "--name", "orig", "-e", "FOO=bar", "-l", "app=web", &bb, "sleep", "1000"]);
    let a = env.ok(&["container", "clone", "orig"]).trim().to_string();
    assert!(is_hex64(&a));
    env.ok(&["container", "clone", "orig"]);
    env.ok(&["container", "clone", "orig", "named"]);
    env.ok(&["container", "clone", "--name", "named2", "orig"]);
    assert_eq!(names(&env), ["named", "named2", "orig", "orig-clone", "orig-clone1"]);
    assert_eq!(env.ok(&["inspect", "--format", "{{.Config.Labels.app}}", "orig-clone"]), "web\n");
    // --destroy of a running original needs -f, and then nothing is made.
    let out = env.fails(&["container", "clone", "--destroy", "orig", "c3"], 125);
    assert!(out.assert_one_error_line().contains("--force"), "{}", out.dump());
    assert!(!names(&env).contains(&"c3".to_string()));
    env.ok(&["container", "clone", "--destroy", "-f", "--run", "orig", "c3"]);
    assert!(!names(&env).contains(&"orig".to_string()));
    assert_eq!(env.ok(&["ps", "--format", "{{.Names}}"]), "c3\n");
    assert_eq!(env.ok(&["exec", "c3", "sh", "-c", "echo $FOO"]), "bar\n");
    env.ok(&["rm", "-af", "-t", "0"]);
}

#[test]
fn container_cleanup_of_stopped_containers() {
    let (env, bb) = busybox_env("lc-cleanup");
    let id = env.ok(&["create", "--name", "done", &bb, "true"]).trim().to_string();
    env.ok(&["start", "-a", "done"]);
    env.ok(&["run", "-d", "--name", "up", &bb, "sleep", "1000"]);
    assert_eq!(env.ok(&["container", "cleanup", "done"]), format!("{id}\n"));
    let out = env.fails(&["container", "cleanup", "up"], 125);
    assert!(out.assert_one_error_line().contains("refusing to clean up"), "{}", out.dump());
    // -a skips running ones; --rm removes.
    assert_eq!(env.ok(&["container", "cleanup", "-a", "--rm"]), format!("{id}\n"));
    assert_eq!(names(&env), ["up"]);
    let out = env.fails(&["container", "cleanup", "nosuch"], 125);
    assert!(out.assert_one_error_line().contains("no such container"), "{}", out.dump());
    env.ok(&["rm", "-f", "-t", "0", "up"]);
}

#[test]
fn requires_starts_dependencies_and_rm_depend_removes_dependents() {
    let (env, bb) = busybox_env("lc-depend");
    env.ok(&["create", "--name", "db", &bb, "sleep", "1000"]);
    env.ok(&["create", "--name", "cache", &bb, "sleep", "1000"]);
    env.ok(&["create", "--name", "web", "--requires", "db,cache", &bb, "sleep", "1000"]);
    env.ok(&["start", "web"]);
    let mut running: Vec<String> = env.ok(&["ps", "--format", "{{.Names}}"]).lines().map(str::to_string).collect();
    running.sort();
    assert_eq!(running, ["cache", "db", "web"]);
    let out = env.fails(&["rm", "-f", "db"], 125);
    assert!(out.assert_one_error_line().contains("has dependent containers which must be removed before it"), "{}", out.dump());
    let out = env.ok(&["rm", "-f", "-t", "0", "--depend", "db"]);
    assert_eq!(out.lines().last(), Some("db"), "{out}");
    assert_eq!(out.lines().count(), 2, "{out}");
    assert_eq!(names(&env), ["cache"]);
    let out = env.fails(&["create", "--requires", "nosuch", &bb, "true"], 125);
    assert!(out.assert_one_error_line().contains("no such container"), "{}", out.dump());
    env.ok(&["rm", "-af", "-t", "0"]);
}

#[test]
fn pull_policies_of_run_and_create() {
    let (env, bb) = busybox_env("lc-pull");
    let out = env.fails(&["run", "--rm", "--pull=never", &img("no-such-image"), "true"], 125);
    assert!(out.assert_one_error_line().ends_with("image not known"), "{}", out.dump());
    assert_eq!(env.ok(&["run", "--rm", "--pull=never", &bb, "echo", "local"]), "local\n");
    let pulls = || env.ok(&["events", "--stream=false", "--filter", "event=pull", "--format", "{{.Status}}"]).lines().count();
    let before = pulls();
    assert_eq!(env.ok(&["run", "--rm", "--pull=always", &bb, "echo", "pulled"]), "pulled\n");
    assert_eq!(pulls(), before + 1, "always pulls");
    env.ok(&["run", "--rm", "--pull=missing", &bb, "true"]);
    assert_eq!(pulls(), before + 1, "missing does not pull a local image");
    // A name whose registry does not answer: newer uses the local image, always fails.
    let offline = "127.0.0.1:1/offline/busybox:latest";
    env.ok(&["tag", &bb, offline]);
    assert_eq!(env.ok(&["run", "--rm", "--pull=newer", offline, "echo", "newer"]), "newer\n");
    env.fails(&["run", "--rm", "--pull=always", offline, "true"], 125);
    let out = env.fails(&["create", "--pull=sometimes", &bb], 125);
    out.assert_one_error_line();
}

#[test]
fn tz_sets_the_zone_and_refuses_paths_out_of_the_zone_database() {
    let (env, bb) = busybox_env("lc-tz");
    if !std::path::Path::new("/usr/share/zoneinfo/Asia/Tokyo").exists() {
        eprintln!("skipped: no /usr/share/zoneinfo/Asia/Tokyo on this host (tzdata not installed)");
        return;
    }
    assert_eq!(env.ok(&["run", "--rm", "--tz", "Asia/Tokyo", &bb, "date", "+%Z"]), "JST\n");
    assert_eq!(env.ok(&["run", "--rm", "--tz=UTC", &bb, "date", "+%Z"]), "UTC\n");
    env.ok(&["run", "--rm", "--tz", "local", &bb, "true"]);
    // Path traversal (CWE-22): --tz shows zone files only, never a host file.
    for bad in ["../../../etc/shadow", "/etc/passwd", "Asia/../../../../etc/hostname", "No/Such_Zone"] {
        let out = env.fails(&["run", "--rm", "--tz", bad, &bb, "true"], 125);
        assert!(out.assert_one_error_line().contains("invalid --tz"), "{}", out.dump());
    }
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "", "a refused --tz leaves no container");
}

#[test]
fn log_drivers_and_options() {
    let (env, bb) = busybox_env("lc-log");
    // none: output still reaches the attached caller, but is not kept.
    assert_eq!(env.ok(&["run", "--name", "quiet", "--log-driver", "none", &bb, "echo", "hi"]), "hi\n");
    let out = env.fails(&["logs", "quiet"], 125);
    assert!(out.assert_one_error_line().contains("'none' log driver"), "{}", out.dump());
    // json-file is Podman's alias of k8s-file; path= and max-size=.
    let dir = env.dir.join("logs");
    env.write_file(&dir.join(".keep"), "");
    let log = dir.join("c.log");
    env.ok(&[
        "run",
        "--name",
        "big",
        "--log-driver",
        "json-file",
        "--log-opt",
        &format!("path={}", log.display()),
        "--log-opt",
        "max-size=8k",
        &bb,
        "seq",
        "1",
        "2000",
    ]);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.len() <= 8192, "the log stays under max-size: {} bytes", text.len());
    assert!(text.ends_with(" stdout F 2000\n"), "{text}");
    assert_eq!(env.ok(&["logs", "big"]).lines().last(), Some("2000"));
    // passthrough: the container writes to rpod's own stdout (a pipe here).
    assert_eq!(env.ok(&["run", "--rm", "--log-driver", "passthrough", &bb, "echo", "direct"]), "direct\n");
    let out = env.fails(&["create", "--log-driver", "passthrough", "-t", &bb, "true"], 125);
    assert!(out.assert_one_error_line().contains("passthrough"), "{}", out.dump());
    for (args, want) in [
        (&["--log-driver", "syslog"][..], "invalid --log-driver"),
        (&["--log-opt", "max-size=lots"][..], "max-size"),
        (&["--log-opt", "path=relative.log"][..], "absolute"),
        (&["--log-opt", "color=1"][..], "invalid --log-opt"),
    ] {
        let mut a = vec!["create"];
        a.extend_from_slice(args);
        a.push(&bb);
        let out = env.fails(&a, 125);
        assert!(out.assert_one_error_line().contains(want), "{}", out.dump());
    }
    if !std::path::Path::new("/run/systemd/journal/socket").exists() {
        let out = env.fails(&["create", "--log-driver", "journald", &bb], 125);
        assert!(out.assert_one_error_line().contains("journal"), "{}", out.dump());
    }
    env.ok(&["rm", "-a"]);
}

#[test]
fn a_log_path_replaced_by_a_symlink_is_not_followed() {
    // Symlink redirection of a file rpod writes (CWE-59): container root can
    // reach the log's directory through a bind mount and swap the log for a
    // link to a file of the user's; the monitor must not append there.
    let (env, bb) = busybox_env("lc-log-link");
    let dir = env.dir.join("shared");
    let victim = env.dir.join("victim");
    env.write_file(&victim, "untouched\n");
    env.write_file(&dir.join(".keep"), "");
    let log = dir.join("c.log");
    std::os::unix::fs::symlink(&victim, &log).unwrap();
    let out = env.rpod(&["run", "--log-opt", &format!("path={}", log.display()), &bb, "echo", "injected"]);
    assert_ne!(out.code, 0, "{}", out.dump());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched\n");
    env.ok(&["rm", "-a"]);
}

#[test]
fn run_flags_scripts_use() {
    let (env, bb) = busybox_env("lc-runflags");
    // --unsetenv keeps what -e sets; --unsetenv-all leaves only -e.
    let out = env.ok(&["run", "--rm", "--unsetenv", "HOSTNAME", "-e", "A=1", &bb, "env"]);
    assert!(!out.contains("HOSTNAME=") && out.contains("A=1\n") && out.contains("PATH="), "{out}");
    assert_eq!(env.ok(&["run", "--rm", "--unsetenv-all", "-e", "A=1", &bb, "/bin/env"]), "A=1\n");
    let o = env.rpod_env(&["run", "--rm", "--env-host", "-e", "B=2", &bb, "env"], &[("FROM_HOST", "yes"), ("B", "host")]);
    assert_eq!(o.code, 0, "{}", o.dump());
    let out = o.stdout;
    assert!(out.contains("FROM_HOST=yes\n") && out.contains("B=2\n") && !out.contains("B=host"), "{out}");
    // --shm-size, --read-only with its tmpfs (Podman's default) and without.
    let out = env.ok(&["run", "--rm", "--shm-size", "1m", &bb, "df", "-k", "/dev/shm"]);
    assert!(out.lines().last().unwrap().split_whitespace().nth(1) == Some("1024"), "{out}");
    assert_eq!(env.ok(&["run", "--rm", "--read-only", &bb, "sh", "-c", "touch /tmp/x /var/tmp/x /run/x && echo ok"]), "ok\n");
    assert_ne!(env.rpod(&["run", "--rm", "--read-only", "--read-only-tmpfs=false", &bb, "touch", "/tmp/x"]).code, 0);
    // --group-add: a GID or a name from the image's /etc/group.
    let out = env.ok(&["run", "--rm", "--group-add", "10", "--group-add", "app", &bb, "id", "-G"]);
    assert_eq!(out, "0 10 1000\n");
    let out = env.fails(&["run", "--rm", "--group-add", "nosuchgroup", &bb, "true"], 125);
    assert!(out.assert_one_error_line().contains("no such group"), "{}", out.dump());
    // --stop-signal, --stop-timeout, --annotation, --label-file, --pidfile.
    let dir = env.dir.join("files");
    env.write_file(&dir.join("labels"), "# comment\ntier=back\napp=file\n");
    let pidfile = dir.join("pid");
    env.ok(&[
        "run",
        "-d",
        "--name",
        "s",
        "--stop-signal",
        "SIGKILL",
        "--stop-timeout",
        "3",
        "--annotation",
        "org.example/a=b",
        "--label-file",
        dir.join("labels").to_str().unwrap(),
        "--label",
        "app=flag",
        "--pidfile",
        pidfile.to_str().unwrap(),
        &bb,
        "sleep",
        "1000",
    ]);
    assert_eq!(
        env.ok(&[
            "inspect",
            "--format",
            "{{.Config.StopSignal}} {{.Config.StopTimeout}} {{index .Config.Annotations \"org.example/a\"}} {{.Config.Labels.tier}} {{.Config.Labels.app}}",
            "s"
        ]),
        "SIGKILL 3 b back flag\n"
    );
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    assert_eq!(pid, env.ok(&["inspect", "--format", "{{.State.Pid}}", "s"]).trim());
    env.ok(&["rm", "-f", "s"]);
    let out = env.fails(&["run", "--stop-signal", "SIGBOGUS", &bb, "true"], 125);
    out.assert_one_error_line();
    // -q: no pull progress; --rmi: the image goes with the container.
    env.ok(&["tag", &bb, "localhost/rmi-me:latest"]);
    assert_eq!(env.ok(&["run", "-q", "--rmi", "localhost/rmi-me", "echo", "bye"]), "bye\n");
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "");
    assert!(env.ok(&["images", "--format", "{{.Repository}}"]).lines().all(|l| l != "localhost/rmi-me"));
    // --platform/--arch pick what is pulled; the host's platform works.
    env.ok(&["run", "--rm", "--pull=always", "--arch", &host_go_arch(), &bb, "true"]);
}

/// The host's architecture as OCI names it.
fn host_go_arch() -> String {
    match std::env::consts::ARCH {
        "x86_64" => "amd64".into(),
        "aarch64" => "arm64".into(),
        a => a.into(),
    }
}

/// rpod's own runtime settings (fuse id mappings, shifted layers, copy-up)
/// travel as `io.rpod.`/`rpod.` annotations: a user annotation (from a
/// flag, a Quadlet file or a script someone else wrote) may not forge them
/// (class: injection of internal configuration through user metadata).
#[test]
fn reserved_annotations_cannot_be_forged() {
    let env = TestEnv::new("lc-annot");
    for a in ["io.rpod.idshift={}", "io.rpod.fuse.uidmapping=0:0:1", "rpod.copyup=1"] {
        let out = env.fails(&["create", "--annotation", a, &img("busybox"), "true"], 125);
        assert!(out.assert_one_error_line().contains("reserved"), "{}", out.dump());
    }
    assert_eq!(env.ok(&["ps", "-aq"]).trim(), "", "nothing was created");
}

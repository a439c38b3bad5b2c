//! `rpod commit`: a container's changes (added, modified, deleted files, a
//! directory deleted and made again) become a layer whose image runs with
//! them; config changes, author, message, squash, docker format; hostile
//! upper directories give a layer that is safe to unpack.

mod common;

use common::*;

fn busybox() -> String {
    img("busybox")
}

/// Run `script` in a new container named `name` and wait for it to exit.
fn changed_container(env: &TestEnv, name: &str, script: &str) {
    changed_from(env, &busybox(), name, script);
}

fn changed_from(env: &TestEnv, image: &str, name: &str, script: &str) {
    env.ok(&["run", "--name", name, "--network", "none", image, "sh", "-c", script]);
}

#[test]
fn commit_keeps_additions_changes_deletions_and_opaque_directories() {
    let env = TestEnv::new("commit-basic");
    env.pull(&busybox());
    // /etc/opaque-test exists in the base? Make one in a first commit, then
    // delete and recreate it in a second container: the second layer must
    // hide the first's content (an opaque directory).
    changed_container(
        &env,
        "c1",
        "mkdir -p /data/old && echo old > /data/old/f && echo keep > /data/keep && echo hi > /added && chmod 4755 /added && chown 1234:2345 /data/keep",
    );
    let id1 = env.ok(&["commit", "c1", "step1"]);
    let id1 = id1.trim();
    assert!(is_hex64(id1), "{id1}");
    changed_from(
        &env,
        "step1",
        "c2",
        "rm -rf /data && mkdir /data && echo new > /data/new && echo changed >> /added && rm /bin/true 2>/dev/null; rm -f /etc/group; ln -s /etc/shadow /etc/passwd-link",
    );
    let id2 = env.ok(&["commit", "-m", "second step", "-a", "Ann Author <ann@example.org>", "c2", "step2"]);
    let out = env.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "step2",
        "sh",
        "-c",
        "ls -A /data; cat /added; test -e /etc/group && echo group-still-there; readlink /etc/passwd-link; stat -c '%u:%g %a' /added",
    ]);
    // (Appending to /added cleared its setuid bit in the container, as the kernel does.)
    assert_eq!(out, "new\nhi\nchanged\n/etc/shadow\n0:0 755\n", "the second image sees exactly the second container's view");
    let out = env.ok(&["run", "--rm", "--network", "none", "step1", "sh", "-c", "cat /data/old/f; stat -c '%u:%g' /data/keep; stat -c '%u:%g %a' /added"]);
    assert_eq!(out, "old\n1234:2345\n0:0 4755\n", "owners are image ids (root is 0, not the user's uid)");
    // Image metadata: a layer on top of the base's, history, author, comment.
    let base_layers = env.inspect(&busybox())["RootFS"]["Layers"].as_array().unwrap().len();
    let i2 = env.inspect("step2");
    assert_eq!(i2["Id"].as_str().unwrap(), id2.trim());
    assert_eq!(i2["RootFS"]["Layers"].as_array().unwrap().len(), base_layers + 2, "{i2}");
    assert_eq!(i2["Author"], "Ann Author <ann@example.org>");
    let history = i2["History"].as_array().unwrap();
    assert_eq!(history.last().unwrap()["comment"], "second step", "{i2}");
    assert_eq!(i2["ManifestType"], "application/vnd.oci.image.manifest.v1+json");
    let hist = env.ok(&["history", "--format", "{{.Comment}}", "step2"]);
    assert_eq!(hist.lines().next(), Some("second step"), "{hist}");
}

#[test]
fn commit_changes_format_and_squash() {
    let env = TestEnv::new("commit-opts");
    env.pull(&busybox());
    env.ok(&["create", "--name", "c", "--network", "none", "-e", "FROM_RUN=yes", &busybox(), "sh", "-c", "echo $FROM_RUN $FROM_CHANGE"]);
    let id = env.ok(&[
        "commit",
        "-q",
        "--format",
        "docker",
        "-c",
        "ENV FROM_CHANGE=also",
        "-c",
        "LABEL stage=two",
        "-c",
        "WORKDIR /tmp",
        "-c",
        "EXPOSE 8080",
        "c",
        "configured",
    ]);
    assert!(is_hex64(id.trim()), "{id}");
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "configured"]), "yes also\n", "the container's command and env, and -c ENV");
    let i = env.inspect("configured");
    assert_eq!(i["ManifestType"], "application/vnd.docker.distribution.manifest.v2+json");
    assert_eq!(i["Config"]["WorkingDir"], "/tmp");
    assert_eq!(i["Config"]["Labels"]["stage"], "two");
    assert!(i["Config"]["ExposedPorts"]["8080/tcp"].is_object(), "{i}");
    // -c CMD overrides the container's command.
    let id2 = env.ok(&["commit", "-c", "CMD [\"echo\", \"from cmd\"]", "c", "cmd"]);
    assert_ne!(id.trim(), id2.trim());
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "cmd"]), "from cmd\n");
    // --squash: one layer with everything.
    env.ok(&["run", "--name", "s", "--network", "none", &busybox(), "sh", "-c", "echo squashed > /sq; rm /bin/true 2>/dev/null; true"]);
    env.ok(&["commit", "--squash", "s", "flat"]);
    let i = env.inspect("flat");
    assert_eq!(i["RootFS"]["Layers"].as_array().unwrap().len(), 1, "{i}");
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "flat", "cat", "/sq"]), "squashed\n");
    // --iidfile.
    let f = env.dir.join("iid");
    let id3 = env.ok(&["commit", "--iidfile", f.to_str().unwrap(), "s"]);
    assert_eq!(std::fs::read_to_string(&f).unwrap(), format!("sha256:{}", id3.trim()));
}

#[test]
fn commit_with_source_date_epoch_is_reproducible() {
    let env = TestEnv::new("commit-repro");
    env.pull(&busybox());
    let script = "mkdir -p /app/sub && echo one > /app/a && echo two > /app/sub/b && ln /app/a /app/hard && rm -f /bin/true";
    changed_container(&env, "r1", script);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    changed_container(&env, "r2", script);
    let epoch = [("SOURCE_DATE_EPOCH", "1700000000")];
    let a = env.run_full(&["commit", "r1", "repro-a"], &epoch, None);
    let b = env.run_full(&["commit", "r2", "repro-b"], &epoch, None);
    assert!(a.success() && b.success(), "{}\n{}", a.dump(), b.dump());
    assert_eq!(a.stdout, b.stdout, "same changes and SOURCE_DATE_EPOCH: same image ID");
    let i = env.inspect("repro-a");
    assert_eq!(i["Created"], "2023-11-14T22:13:20Z", "{i}");
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "repro-b", "sh", "-c", "stat -c %Y /app/a; stat -c %h /app/hard"]), "1700000000\n2\n");
}

#[test]
fn commit_pause_freezes_a_running_container_and_resumes_it() {
    let env = TestEnv::new("commit-pause");
    env.pull(&busybox());
    env.ok(&["run", "-d", "--name", "live", "--network", "none", &busybox(), "sh", "-c", "echo ready > /ready; sleep 600"]);
    // Wait until the file is there.
    for _ in 0..100 {
        if env.rpod(&["exec", "live", "cat", "/ready"]).success() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = env.rpod(&["commit", "--pause", "live", "live-img"]);
    if !out.success() && out.stderr.contains("cannot pause") {
        // Without a delegated cgroup there is no freezer: one clear line.
        out.assert_one_error_line();
        eprintln!("skipped the freeze check: no delegated cgroup here ({})", out.stderr.trim());
    } else {
        assert!(out.success(), "{}", out.dump());
        assert_eq!(env.ok(&["inspect", "--format", "{{.State.Status}}", "live"]), "running\n", "resumed after the commit");
        // --squash freezes a running container too (its copier walks by path).
        env.ok(&["commit", "--squash", "live", "live-flat"]);
        assert_eq!(env.ok(&["inspect", "--format", "{{.State.Status}}", "live"]), "running\n", "resumed after the squash");
        assert_eq!(env.ok(&["run", "--rm", "--network", "none", "live-flat", "cat", "/ready"]), "ready\n");
    }
    // Without --pause a running container commits as it is.
    env.ok(&["commit", "live", "live-img2"]);
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "live-img2", "cat", "/ready"]), "ready\n");
    env.ok(&["rm", "-f", "-t", "0", "live"]);
}

#[test]
fn commit_bad_input_is_one_line_and_leaves_the_store_alone() {
    let env = TestEnv::new("commit-bad");
    env.pull(&busybox());
    changed_container(&env, "c", "echo x > /x");
    let before = env.image_ids();
    for args in
        [vec!["commit", "nosuch"], vec!["commit", "--format", "v2s1", "c"], vec!["commit", "-c", "FROM scratch", "c"], vec!["commit", "c", "UPPER:case"]]
    {
        let out = env.fails(&args, 125);
        out.assert_one_error_line();
    }
    let out = env.run_full(&["commit", "c"], &[("SOURCE_DATE_EPOCH", "yesterday")], None);
    assert_eq!(out.code, 125, "{}", out.dump());
    out.assert_one_error_line();
    assert_eq!(env.image_ids(), before, "no image was added");
    assert!(env.store_entries("staging").iter().all(|e| e.ends_with(".lock") || e.starts_with('.')), "{:?}", env.store_entries("staging"));
}

/// CVE-2018-15664 class (symlink exchange while reading the container's
/// files), with names and kinds a layer must carry safely: a file replaced
/// by a link to a host secret, `..`-like and very long names, a FIFO, a
/// setuid file, hard links. The commit reads none of them through a link,
/// and the image unpacks and runs confined.
#[test]
fn hostile_upper_directories_commit_to_safe_layers() {
    let env = TestEnv::new("commit-hostile");
    env.pull(&busybox());
    let secret = env.dir.join("host-secret");
    std::fs::write(&secret, "host secret\n").unwrap();
    let long = "l".repeat(200);
    let deep = (0..30).map(|_| "d".repeat(100)).collect::<Vec<_>>().join("/");
    let script = format!(
        "rm /etc/hostname 2>/dev/null; echo x > /etc/victim; rm /etc/victim; ln -sf {secret} /etc/victim; ln -s ../../../../../../{secret} /up; \
         echo a > '/..a'; echo b > '/...'; echo c > /{long}; mkdir -p /{deep} && echo deep > /{deep}/f; \
         mkfifo /fifo; echo s > /suid && chmod 6755 /suid; echo h > /h1 && ln /h1 /h2; \
         mkdir /loopdir && ln -s /loopdir /loopdir/self",
        secret = secret.display()
    );
    changed_container(&env, "h", &script);
    let out = env.rpod(&["commit", "h", "hostile-commit"]);
    assert!(out.success(), "{}", out.dump());
    let check = format!(
        "readlink /etc/victim; cat /etc/victim 2>&1 | head -c 40; echo; cat '/..a' '/...' /{long} /{deep}/f; \
         test -p /fifo && echo fifo; stat -c %a /suid; stat -c %h /h1; readlink /loopdir/self"
    );
    let out = env.ok(&["run", "--rm", "--network", "none", "hostile-commit", "sh", "-c", &check]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], secret.to_str().unwrap(), "the link is a link: {out}");
    assert!(!out.contains("host secret"), "the host file never reaches the image: {out}");
    assert_eq!(&lines[2..], ["a", "b", "c", "deep", "fifo", "6755", "2", "/loopdir"], "{out}");
}

/// fuse-overlayfs writes its own whiteouts and opaque markers (0:0 devices
/// or `.wh.` files, `user.fuseoverlayfs.opaque`); `--userns=keep-id`
/// containers (served by fuse-overlayfs with an id mapping) store rpod's
/// default ids. Either way the layer has OCI whiteouts and image ids.
#[test]
fn fuse_overlayfs_and_keep_id_containers_commit_like_native_overlay() {
    let env = TestEnv::new("commit-fuse");
    env.pull(&busybox());
    env.ok(&["run", "--name", "base", "--network", "none", &busybox(), "sh", "-c", "mkdir -p /d/sub && echo old > /d/sub/f && echo gone > /gone"]);
    env.ok(&["commit", "base", "fbase"]);
    let script = "rm -rf /d && mkdir /d && echo new > /d/n && rm /gone && echo added > /added";
    env.ok(&["--storage-driver", "fuse-overlayfs", "run", "--name", "f", "--network", "none", "fbase", "sh", "-c", script]);
    env.ok(&["commit", "f", "fuse-img"]);
    let check = "ls -A /d; test -e /gone && echo gone-is-back; cat /added; stat -c %u:%g /added";
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "fuse-img", "sh", "-c", check]), "n\nadded\n0:0\n");
    // keep-id: the user's own uid inside (1001 for rpodtest) is what the image records.
    let uid = env.user.uid.to_string();
    env.ok(&["run", "--name", "k", "--userns=keep-id", "--network", "none", &busybox(), "sh", "-c", "echo mine > /tmp/mine"]);
    env.ok(&["commit", "k", "keepid-img"]);
    let out = env.ok(&["run", "--rm", "--network", "none", "keepid-img", "stat", "-c", "%u", "/tmp/mine"]);
    assert_eq!(out.trim(), uid, "keep-id's file is owned by the user's uid in the image");
}

/// CVE-2018-15664 class, raced: while commit reads the upper directory,
/// container root keeps swapping a directory for a symlink to a host
/// directory the user owns. Every commit either succeeds or fails in one
/// line, and no layer ever holds the host directory's content.
#[test]
fn symlink_exchange_during_commit_never_reaches_the_host() {
    let env = TestEnv::new("commit-race");
    env.pull(&busybox());
    let host = env.dir.join("hostdir");
    std::fs::create_dir_all(&host).unwrap();
    std::fs::write(host.join("host-only-marker"), "secret").unwrap();
    if is_root() {
        std::os::unix::fs::chown(&host, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    let script = format!(
        "mkdir -p /d && for i in $(seq 50); do echo $i > /d/f$i; done; echo ready > /ready; \
         while :; do mv /d /d.x; ln -s {h} /d; rm /d; mv /d.x /d; done",
        h = host.display()
    );
    env.ok(&["run", "-d", "--name", "racer", "--network", "none", &busybox(), "sh", "-c", &script]);
    for _ in 0..100 {
        if env.rpod(&["exec", "racer", "cat", "/ready"]).success() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let (mut ok, mut refused) = (0, 0);
    for i in 0..8 {
        let out = env.rpod(&["commit", "racer", &format!("race{i}")]);
        if out.success() {
            ok += 1;
        } else {
            assert_eq!(out.code, 125, "{}", out.dump());
            out.assert_one_error_line();
            refused += 1;
        }
    }
    env.ok(&["rm", "-f", "-t", "0", "racer"]);
    eprintln!("{ok} commits succeeded, {refused} refused a changing file");
    // No stored layer holds the host directory's file.
    fn walk(dir: &std::path::Path, name: &str, hits: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if e.file_name() == name {
                hits.push(p.clone());
            }
            if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                walk(&p, name, hits);
            }
        }
    }
    let mut hits = Vec::new();
    walk(&env.store().join("layers"), "host-only-marker", &mut hits);
    assert!(hits.is_empty(), "host content in a layer: {hits:?}");
    // The walk does see the layers' content (the container's own files).
    let mut own = Vec::new();
    walk(&env.store().join("layers"), "f1", &mut own);
    assert!(ok == 0 || !own.is_empty(), "the walk found none of the committed files");
}

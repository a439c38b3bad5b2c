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
    // The same context as a tarball.
    let tar = env.dir.join("ctx.tar.gz");
    let st = std::process::Command::new("tar").arg("-czf").arg(&tar).arg("-C").arg(&ctx).arg(".").status().unwrap();
    assert!(st.success());
    if is_root() {
        std::os::unix::fs::chown(&tar, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    let out = env.ok(&["build", "-t", "from-tar", s(&tar)]);
    assert!(out.contains("Using cache"), "a tarball context gives the same cache keys:\n{out}");
    assert_eq!(env.ok(&["image", "inspect", "from-tar", "--format", "{{index .Config.Labels \"stage\"}}"]), "final\n");
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
    // A missing arg in part of the name: one line naming it (not `busybox:: image not known`).
    for text in ["FROM busybox:$TAG\n", "ARG TAG\nFROM busybox:${TAG}\n"] {
        let ctx = context(&env, "tag", &[("Containerfile", text)]);
        let out = env.fails(&["build", s(&ctx)], 125);
        let line = out.assert_one_error_line();
        assert!(line.contains("TAG") && line.contains("not set") && !line.contains("image not known"), "{line}");
    }
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

/// A gzip tarball holding `inner/file.txt`, made with the host's tar.
fn tarball(env: &TestEnv, dest: &Path) {
    let src = env.dir.join("tarsrc");
    std::fs::create_dir_all(src.join("inner")).unwrap();
    std::fs::write(src.join("inner/file.txt"), "from the tarball\n").unwrap();
    let st = std::process::Command::new("tar")
        .args(["--numeric-owner", "--owner=0", "--group=0", "-czf"])
        .arg(dest)
        .arg("-C")
        .arg(&src)
        .arg("inner")
        .status()
        .unwrap();
    assert!(st.success());
    if is_root() {
        std::os::unix::fs::chown(dest, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
}

fn image_layers(env: &TestEnv, image: &str) -> Vec<String> {
    let out = env.ok(&["image", "inspect", image, "--format", "{{json .RootFS.Layers}}"]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn run_copy_add_multi_stage_and_cache() {
    let env = TestEnv::new("build-run");
    let bb = img("busybox");
    let file = format!(
        "ARG BB={bb}\n\
         FROM $BB AS gen\n\
         ARG MSG=built\n\
         RUN echo \"$MSG in gen\" > /out.txt\n\
         \n\
         FROM $BB\n\
         WORKDIR /work\n\
         RUN mkdir -p /data/dir && echo keep > /data/keep && echo drop > /data/drop && touch /data/dir/f && echo here > rel.txt\n\
         RUN rm -r /data/drop /data/dir /bin/vi\n\
         COPY --from=gen /out.txt /result/\n\
         COPY app /app/\n\
         ADD data.tar.gz /unpacked/\n\
         COPY --chown=1000:1000 --chmod=640 app/hello.txt /owned.txt\n\
         COPY <<EOF /etc/motd\n\
         hello $MSG\n\
         EOF\n\
         USER 1000\n\
         RUN id -u && ls /data\n"
    );
    let ctx = context(
        &env,
        "ctx",
        &[
            ("Containerfile", &file),
            ("app/hello.txt", "hello\n"),
            ("app/sub/x", "x\n"),
            ("app/ignored.txt", "ignored\n"),
            ("secret.key", "do not copy\n"),
            (".containerignore", "app/ignored.txt\nsecret*\n"),
        ],
    );
    tarball(&env, &ctx.join("data.tar.gz"));
    let out = env.ok(&["build", "-t", "built", s(&ctx)]);
    let id = built_id(&out);
    assert!(out.contains("[1/2] STEP 1/3: FROM $BB AS gen"), "{out}");
    assert!(out.contains("\n1000\nkeep\n"), "RUN output (as USER 1000) is relayed:\n{out}");
    let run = |cmd: &str| env.ok(&["run", "--rm", "--network", "none", "--user", "0", "built", "sh", "-c", cmd]);
    assert_eq!(run("cat /result/out.txt"), "built in gen\n", "COPY --from a stage, ARG default");
    // Files deleted by a later RUN are gone (whiteouts), including one of the base image.
    assert_eq!(run("ls -A /data; ls /bin/vi >/dev/null 2>&1 || echo no-vi"), "keep\nno-vi\n");
    assert_eq!(run("cat /work/rel.txt"), "here\n", "WORKDIR is the RUN's directory");
    assert_eq!(run("cd /app && find . | sort"), ".\n./hello.txt\n./sub\n./sub/x\n", ".containerignore honoured");
    assert_eq!(run("cat /unpacked/inner/file.txt"), "from the tarball\n", "ADD extracts a local tarball");
    assert_eq!(run("stat -c '%u:%g %a' /owned.txt"), "1000:1000 640\n");
    assert_eq!(run("cat /etc/motd"), "hello \n", "a COPY heredoc (MSG is not declared in this stage)");
    assert_eq!(env.ok(&["image", "inspect", "built", "--format", "{{.Config.User}}"]), "1000\n");
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "", "build containers are removed");

    // A second build with nothing changed: all from the cache, nothing new stored.
    let images_before = env.ok(&["images", "-a", "-q", "--no-trunc"]);
    let layers_before = env.store_entries("layers");
    let again = env.ok(&["build", "-t", "built", s(&ctx)]);
    assert_eq!(built_id(&again), id, "{again}");
    assert_eq!(again.matches("--> Using cache").count(), 11, "{again}");
    assert!(!again.contains("\n1000\nkeep\n"), "no RUN ran:\n{again}");
    assert_eq!(env.ok(&["images", "-a", "-q", "--no-trunc"]), images_before);
    assert_eq!(env.store_entries("layers"), layers_before);

    // A new mtime on a copied file changes nothing; new content rebuilds from that COPY on.
    let hello = ctx.join("app/hello.txt");
    std::fs::File::options().write(true).open(&hello).unwrap().set_modified(std::time::SystemTime::UNIX_EPOCH).unwrap();
    assert_eq!(built_id(&env.ok(&["build", s(&ctx)])), id, "mtimes are not in the cache key");
    env.write_file(&hello, "changed\n");
    let changed = env.ok(&["build", s(&ctx)]);
    assert_ne!(built_id(&changed), id);
    let steps: Vec<&str> = changed.lines().filter(|l| l.contains("STEP") || l.contains("Using cache")).collect();
    let copy_app = steps.iter().position(|l| l.contains("COPY app /app/")).unwrap();
    assert!(steps[copy_app - 1].contains("Using cache"), "the step before is cached: {steps:?}");
    assert!(!steps[copy_app + 1].contains("Using cache"), "COPY app is rebuilt: {steps:?}");
    assert!(!changed[changed.find("COPY app /app/").unwrap()..].contains("Using cache"), "every step after is rebuilt:\n{changed}");
    // The parent layers are shared with the first build.
    let (l1, l2) = (image_layers(&env, &id), image_layers(&env, built_id(&changed).as_str()));
    assert_eq!(l1.len(), 9, "busybox and 8 steps with layers: {l1:?}");
    assert_eq!(l1[..4], l2[..4], "the layers before COPY app are the same");
    assert_ne!(l1[4], l2[4], "COPY app made a new layer");
}

#[test]
fn failing_run_exits_with_its_code_and_leaves_nothing() {
    let env = TestEnv::new("build-fail");
    let bb = img("busybox");
    env.pull(&bb);
    let images = env.ok(&["images", "-a", "-q", "--no-trunc"]);
    let layers = env.store_entries("layers");
    let ctx = context(&env, "ctx", &[("Containerfile", &format!("FROM {bb}\nRUN echo partial > /f && exit 3\nRUN echo never\n"))]);
    let out = env.fails(&["build", s(&ctx)], 3);
    assert!(out.stderr.contains("exit status 3"), "{}", out.dump());
    assert!(!out.stdout.contains("never"), "{}", out.dump());
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "", "no build container is left");
    assert_eq!(env.ok(&["images", "-a", "-q", "--no-trunc"]), images, "no image is left");
    assert_eq!(env.store_entries("layers"), layers, "no layer is left");
    assert_eq!(env.store_entries("staging"), Vec::<String>::new());
    // Unknown stage in --from: one line.
    let ctx = context(&env, "ctx2", &[("Containerfile", &format!("FROM {bb}\nCOPY --from=nope /x /y\n"))]);
    let out = env.fails(&["build", s(&ctx)], 125);
    assert!(out.assert_one_error_line().contains("nope"), "{}", out.dump());
    // RUN on scratch, a missing source: one line each.
    let ctx = context(&env, "ctx3", &[("Containerfile", "FROM scratch\nRUN true\n")]);
    env.fails(&["build", s(&ctx)], 125).assert_one_error_line();
    let ctx = context(&env, "ctx4", &[("Containerfile", &format!("FROM {bb}\nCOPY missing /x\n"))]);
    let out = env.fails(&["build", s(&ctx)], 125);
    assert!(out.assert_one_error_line().contains("missing"), "{}", out.dump());
}

#[test]
fn context_symlinks_never_copy_host_files() {
    // CVE-2019-14271 / context-escape class: links in the context that point
    // at host files or above the context.
    let env = TestEnv::new("build-escape");
    let bb = img("busybox");
    let secret = env.dir.join("host-secret");
    env.write_file(&secret, "HOSTSECRET\n");
    let ctx = context(&env, "ctx", &[("Containerfile", &format!("FROM {bb}\nCOPY . /ctx/\nCOPY up /up/\n")), ("file", "ok\n")]);
    let link = |target: &Path, name: &str| {
        std::os::unix::fs::symlink(target, ctx.join(name)).unwrap();
        if is_root() {
            std::os::unix::fs::lchown(ctx.join(name), Some(env.user.uid), Some(env.user.gid)).unwrap();
        }
    };
    link(&secret, "abs-link");
    link(Path::new("../host-secret"), "rel-link");
    link(Path::new("/etc/passwd"), "passwd-link");
    link(Path::new(".."), "up");
    env.ok(&["build", "-t", "esc", s(&ctx)]);
    let run = |cmd: &str| env.ok(&["run", "--rm", "--network", "none", "esc", "sh", "-c", cmd]);
    // The links are copied as links, never the files they name on the host.
    assert_eq!(run("for f in abs-link rel-link passwd-link; do readlink /ctx/$f; done"), format!("{}\n../host-secret\n/etc/passwd\n", secret.display()));
    assert!(!run("cat /ctx/* /up/* 2>/dev/null; true").contains("HOSTSECRET"));
    // `up` names the context's parent: resolved inside the context, it is the context itself.
    assert_eq!(run("cat /up/file"), "ok\n");
    // A link named as the source resolves inside the context: the host file is not found.
    for src in ["abs-link", "rel-link"] {
        let ctx2 = context(&env, &format!("ctx-{src}"), &[("Containerfile", &format!("FROM {bb}\nCOPY {src} /leak\n"))]);
        std::fs::rename(ctx.join(src), ctx2.join(src)).unwrap();
        let out = env.fails(&["build", s(&ctx2)], 125);
        assert!(!out.stderr.contains("HOSTSECRET"), "{}", out.dump());
        out.assert_one_error_line();
    }
}

#[test]
fn cache_mounts_persist_and_timestamp_is_reproducible() {
    let bb = img("busybox");
    let env = TestEnv::new("build-cachemount");
    let ctx = context(
        &env,
        "ctx",
        &[(
            "Containerfile",
            &format!("FROM {bb}\nRUN --mount=type=cache,target=/var/cache/app echo x >> /var/cache/app/log && echo count=$(wc -l < /var/cache/app/log)\n"),
        )],
    );
    let first = env.ok(&["build", s(&ctx)]);
    assert!(first.contains("count=1"), "{first}");
    let second = env.ok(&["build", "--no-cache", s(&ctx)]);
    assert!(second.contains("count=2"), "the cache mount kept its content:\n{second}");
    let id = built_id(&second);
    let out = env.ok(&["run", "--rm", "--network", "none", id.as_str(), "sh", "-c", "ls -A /var/cache/app 2>/dev/null | wc -l"]);
    assert_eq!(out, "0\n", "the cache's content is not in the image");

    // Two stores, RUN and COPY, --timestamp: the same image digest.
    let file = format!("FROM {bb}\nRUN echo hi > /hi && mkdir /d && touch /d/f\nCOPY f /f\nENV A=1\n");
    let mut ids = Vec::new();
    for n in 0..2 {
        let env = TestEnv::new(&format!("build-repro{n}"));
        let ctx = context(&env, "ctx", &[("Containerfile", &file), ("f", "content\n")]);
        ids.push(built_id(&env.ok(&["build", "--timestamp", "1700000000", "--network", "none", s(&ctx)])));
    }
    assert_eq!(ids[0], ids[1], "reproducible with --timestamp");
}

/// A one-shot HTTP server on loopback serving `dir` (python3's http.server).
struct Http {
    child: std::process::Child,
    port: u16,
}

impl Http {
    fn serve(dir: &Path) -> Http {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let child = std::process::Command::new("python3")
            .args(["-m", "http.server", "--bind", "127.0.0.1", &port.to_string()])
            .current_dir(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3 is installed");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Http { child, port }
    }
}

impl Drop for Http {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn scratch_onbuild_shell_remote_add_and_mounts() {
    let env = TestEnv::new("build-more");
    let bb = img("busybox");
    // ONBUILD triggers run in the image built FROM this one.
    let ctx = context(&env, "onb", &[("Containerfile", &format!("FROM {bb}\nONBUILD LABEL onbuild=ran\nONBUILD RUN echo triggered > /trig\n"))]);
    env.ok(&["build", "-t", "onb", s(&ctx)]);
    // A scratch stage with files only, SHELL, a remote ADD (loopback), tmpfs and secret mounts.
    let served = env.dir.join("www");
    std::fs::create_dir_all(&served).unwrap();
    std::fs::write(served.join("remote.txt"), "remote content\n").unwrap();
    let http = Http::serve(&served);
    let sum = "2d0f6d0d9c1ef0d5b0ea4ea39a9d16d9b0e6c1b6ad2b0c1f2a9d2f1c8f4b3a21";
    let real_sum = {
        use sha2::Digest as _;
        hex::encode(sha2::Sha256::digest(b"remote content\n"))
    };
    assert_ne!(sum, real_sum);
    let secret = env.dir.join("token");
    env.write_file(&secret, "s3cret\n");
    let file = format!(
        "FROM scratch AS files\nCOPY f /f\n\n\
         FROM localhost/onb\n\
         SHELL [\"/bin/sh\", \"-ec\"]\n\
         COPY --from=files /f /from-scratch\n\
         ADD --checksum=sha256:{real_sum} http://127.0.0.1:{port}/remote.txt /srv/\n\
         RUN --mount=type=tmpfs,target=/scratchpad --mount=type=secret,id=token echo tmp > /scratchpad/x && cat /run/secrets/token > /seen-secret && wc -c < /run/secrets/token\n",
        port = http.port
    );
    let ctx = context(&env, "more", &[("Containerfile", &file), ("f", "scratch file\n")]);
    let out = env.ok(&["build", "-t", "more", "--secret", &format!("id=token,src={}", secret.display()), s(&ctx)]);
    let run = |cmd: &str| env.ok(&["run", "--rm", "--network", "none", "more", "sh", "-c", cmd]);
    assert_eq!(run("cat /from-scratch /srv/remote.txt /trig"), "scratch file\nremote content\ntriggered\n", "{out}");
    assert_eq!(env.ok(&["image", "inspect", "more", "--format", "{{index .Config.Labels \"onbuild\"}}"]), "ran\n");
    let cfg = env.ok(&["image", "inspect", "more", "--format", "{{json .Config}}"]);
    assert!(!cfg.contains("triggered"), "triggers are not inherited: {cfg}");
    assert_eq!(run("ls -A /scratchpad 2>/dev/null | wc -l; ls /run/secrets/token 2>/dev/null | wc -l"), "0\n0\n", "mounts leave nothing in the image");
    assert_eq!(run("cat /seen-secret"), "s3cret\n", "the secret was readable by RUN");
    // A wrong checksum is one line.
    let bad = file.replace(&real_sum, sum);
    let ctx = context(&env, "badsum", &[("Containerfile", &bad), ("f", "x\n")]);
    let out = env.fails(&["build", "--secret", &format!("id=token,src={}", secret.display()), s(&ctx)], 125);
    assert!(out.assert_one_error_line().contains("checksum"), "{}", out.dump());
    // --layers=false keeps only the final image.
    let before = env.ok(&["images", "-a", "-q"]).lines().count();
    let ctx = context(&env, "nolayers", &[("Containerfile", &format!("FROM {bb}\nENV A=1\nRUN echo x > /x\nENV B=2\n"))]);
    env.ok(&["build", "--layers=false", "-t", "nolayers", s(&ctx)]);
    assert_eq!(env.ok(&["images", "-a", "-q"]).lines().count(), before + 1);
}

/// `--squash` (the final stage's new layers become one, on top of the
/// base's) and `--squash-all` (one layer in all), as Podman's: the same
/// file system as the unsquashed build, whiteouts of base files and an
/// opaque directory included; one history entry for the new layer.
#[test]
fn squash_and_squash_all() {
    let env = TestEnv::new("build-squash");
    let bb = img("busybox");
    let base = env.inspect(&{
        env.pull(&bb);
        bb.clone()
    });
    let file = format!(
        "FROM {bb}\nRUN echo a > /a && mkdir /d && echo x > /d/x && echo gone > /gone\nRUN rm /bin/ls /gone && rm -rf /d && mkdir /d && echo y > /d/y\nENV K=v\nRUN echo b > /b\n"
    );
    let ctx = context(&env, "ctx", &[("Containerfile", &file)]);
    let probe = "cat /a /b /d/*; test -e /bin/ls && echo ls-present; test -e /gone && echo gone-present; test -e /d/x && echo x-present; echo $K; test -x /bin/sh && echo sh";
    let mut seen = Vec::new();
    for (flag, layers) in [("--layers=true", 4), ("--squash", 2), ("--squash-all", 1)] {
        let id = built_id(&env.ok(&["build", "-q", "--network", "none", flag, s(&ctx)]));
        let v = env.inspect(&id);
        let diff_ids = v["RootFS"]["Layers"].as_array().unwrap().clone();
        assert_eq!(diff_ids.len(), layers, "{flag}: {v:#}");
        if flag == "--squash" {
            assert_eq!(diff_ids[0], base["RootFS"]["Layers"][0], "--squash keeps the base layer");
            let h = v["History"].as_array().unwrap();
            assert_eq!(h.last().unwrap()["created_by"], "rpod build --squash", "{h:?}");
        }
        if flag == "--squash-all" {
            assert_ne!(diff_ids[0], base["RootFS"]["Layers"][0]);
            assert_eq!(v["History"].as_array().unwrap().len(), 1, "{v:#}");
        }
        let out = env.ok(&["run", "--rm", "--network", "none", &id, "sh", "-c", probe]);
        assert_eq!(out, "a\nb\ny\nv\nsh\n", "{flag}: the same file system as the unsquashed build");
        seen.push(id);
    }
    assert_eq!(unique(&seen).len(), 3);
    env.fails(&["build", "--squash", "--squash-all", s(&ctx)], 125).assert_one_error_line();
}

/// Run a shell line on the host (test fixtures made with the system's
/// tar, xz and bzip2), as the test user's files.
fn sh(env: &TestEnv, line: &str) {
    let st = std::process::Command::new("sh").args(["-ec", line]).status().unwrap();
    assert!(st.success(), "fixture command failed: {line}");
    if is_root() {
        std::process::Command::new("chown").args(["-R", &format!("{}:{}", env.user.uid, env.user.gid)]).arg(&env.dir).status().unwrap();
    }
}

fn need_tools(tools: &[&str]) {
    for t in tools {
        let ok = std::process::Command::new(t).arg("--version").stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).status();
        assert!(ok.is_ok_and(|s| s.success()), "{t} is missing: run contrib/setup-test-env.sh as root (it installs xz-utils, bzip2)");
    }
}

/// `COPY --from=STAGE` with globs (Go's filepath.Match rules per path
/// component), resolved inside the source stage's root. Hostile part:
/// CVE-2019-14271 / symlink-escape class — links in the stage pointing at
/// `/etc`, above its root, or at a host directory never reach host files.
#[test]
fn copy_from_globs_stay_inside_the_source_root() {
    let env = TestEnv::new("build-from-glob");
    let bb = img("busybox");
    let hostdir = env.dir.join("hostdir");
    env.write_file(&hostdir.join("secret.txt"), "HOSTSECRET\n");
    let file = format!(
        "FROM {bb} AS s\n\
         RUN mkdir -p /src/sub && echo a > /src/a.txt && echo b > /src/b.txt && echo c > /src/c.log \
         && echo 1 > /src/x1 && echo 2 > /src/x2 && echo xx > /src/xx && echo f > /src/sub/f.txt \
         && echo STAGE > /etc/passwd.stage && ln -s /etc /link && ln -s ../../../../../../etc /rel && ln -s {hostdir} /hostlink\n\
         FROM {bb}\n\
         COPY --from=s /src/*.txt /txt/\n\
         COPY --from=s /src/x? /q/\n\
         COPY --from=s /src/x[0-9] /set/\n\
         COPY --from=s /s*c/su? /dirs/\n\
         COPY --from=s /src/c.* /one.log\n\
         COPY --from=s /link/passwd* /via-link/\n\
         COPY --from=s /rel/passwd* /via-rel/\n\
         COPY --from=s --exclude=*.txt --exclude=x? /src/ /ex/\n",
        hostdir = hostdir.display()
    );
    let ctx = context(&env, "ctx", &[("Containerfile", &file)]);
    env.ok(&["build", "-t", "globbed", s(&ctx)]);
    let run = |cmd: &str| env.ok(&["run", "--rm", "--network", "none", "globbed", "sh", "-c", cmd]);
    assert_eq!(run("cd /txt && find . | sort"), ".\n./a.txt\n./b.txt\n", "`*` matches files only by name, not the directory sub");
    assert_eq!(run("cd /q && find . | sort"), ".\n./x1\n./x2\n./xx\n", "`?` is one character");
    assert_eq!(run("cd /set && find . | sort"), ".\n./x1\n./x2\n", "`[...]` is a set");
    assert_eq!(run("cd /dirs && find . | sort; cat f.txt"), ".\n./f.txt\nf\n", "a matched directory's content is copied; globs in every component");
    assert_eq!(run("cat /one.log"), "c\n", "one file matched: copied as the destination");
    assert_eq!(run("cd /ex && find . | sort"), ".\n./c.log\n./sub\n./sub/f.txt\n", "--exclude applies to COPY --from (top-level patterns)");
    // The links resolve inside the stage: its own /etc, never the host's.
    for d in ["/via-link", "/via-rel"] {
        let listing = run(&format!("ls {d}"));
        assert!(listing.lines().any(|l| l == "passwd.stage"), "{d}: {listing}");
        let content = run(&format!("cat {d}/*"));
        assert!(!content.contains(&env.user.name), "{d} holds the host's passwd: {content}");
    }
    // A pattern matching nothing: one line naming it, exit 125.
    let none = context(&env, "none", &[("Containerfile", &format!("FROM {bb} AS s\nFROM {bb}\nCOPY --from=s /bin/*.none /n/\n"))]);
    let out = env.fails(&["build", s(&none)], 125);
    assert!(out.assert_one_error_line().contains("/bin/*.none"), "{}", out.dump());
    // A link to a host directory: the host file is neither matched nor copied.
    for src in ["/hostlink/sec*", "/hostlink/secret.txt", "/link/../hostlink/*"] {
        let c = format!("{}FROM {bb}\nCOPY --from=s {src} /leak/\n", file.split(&format!("FROM {bb}\nCOPY")).next().unwrap());
        let dir = context(&env, "leak", &[("Containerfile", &c)]);
        let out = env.fails(&["build", s(&dir)], 125);
        assert!(!out.stderr.contains("HOSTSECRET") && !out.stdout.contains("HOSTSECRET"), "{}", out.dump());
        out.assert_one_error_line();
    }
    assert_eq!(env.store_entries("staging"), Vec::<String>::new());
}

/// ADD of a local xz or bzip2 tarball extracts it (told by magic bytes,
/// not by name); a decompression bomb (the class of CVE-2019-9674-style
/// zip/tar bombs, decompression-bomb class: kilobytes expanding to gigabytes) stops at the cap with
/// one line, exit 125, and leaves nothing behind.
#[test]
fn add_extracts_xz_and_bzip2_and_refuses_bombs() {
    need_tools(&["tar", "xz", "bzip2"]);
    let env = TestEnv::new("build-add-xz");
    let bb = img("busybox");
    let ctx = context(
        &env,
        "ctx",
        &[
            ("Containerfile", &format!("FROM {bb}\nADD a.tar.xz /xz/\nADD b.data /bz/\nADD --chown=7:7 c.tar.bz2 /bz2/\n")),
            ("src/inner/file.txt", "from the tarball\n"),
        ],
    );
    let c = ctx.display();
    sh(
        &env,
        &format!(
            "cd {c} && tar --numeric-owner --owner=0 --group=0 -cf - -C src inner | xz -T1 > a.tar.xz \
             && tar --numeric-owner --owner=0 --group=0 -cf - -C src inner | bzip2 > b.data \
             && tar --numeric-owner --owner=0 --group=0 -cf - -C src inner | bzip2 > c.tar.bz2 && rm -r src"
        ),
    );
    env.ok(&["build", "-t", "added", s(&ctx)]);
    let run = |cmd: &str| env.ok(&["run", "--rm", "--network", "none", "added", "sh", "-c", cmd]);
    assert_eq!(run("cat /xz/inner/file.txt /bz/inner/file.txt"), "from the tarball\nfrom the tarball\n");
    assert_eq!(run("stat -c %u:%g /bz2/inner/file.txt"), "7:7\n", "--chown applies to extracted entries");

    // Bombs: 64 MiB of zeros in a tar, compressed to a few KiB, against a 16 MiB cap.
    for (name, tool) in [("bomb.tar.xz", "xz -1 -T1"), ("bomb.tar.bz2", "bzip2 -1")] {
        let images = env.ok(&["images", "-a", "-q", "--no-trunc"]);
        let layers = env.store_entries("layers");
        let dir = context(&env, &format!("bomb-{tool}").replace(' ', ""), &[("Containerfile", &format!("FROM {bb}\nADD {name} /b/\n"))]);
        let d = dir.display();
        sh(&env, &format!("cd {d} && mkdir z && truncate -s 64M z/zeros && tar -cf - -C z zeros | {tool} > {name} && rm -r z"));
        let out = env.rpod_env(&["build", s(&dir)], &[("RPOD_BUILD_MAX_UNPACKED", "16777216")]);
        assert_eq!(out.code, 125, "{}", out.dump());
        let line = out.assert_one_error_line();
        assert!(line.contains("decompression bomb") && line.contains("16777216"), "{}", out.dump());
        assert_eq!(env.store_entries("staging"), Vec::<String>::new(), "{name}: nothing left in staging");
        assert_eq!(env.ok(&["images", "-a", "-q", "--no-trunc"]), images, "{name}: no image is left");
        assert_eq!(env.store_entries("layers"), layers, "{name}: no layer is left");
        // Under the default cap the same archive is fine (64 MiB < 16 GiB).
        assert!(env.ok(&["build", "-q", s(&dir)]).trim().len() == 64);
    }
    // A memory bomb: an xz block header asking for a 3 GiB dictionary is refused before allocating it.
    let crc = |b: &[u8]| {
        let mut c = flate2::Crc::new();
        c.update(b);
        c.sum().to_le_bytes()
    };
    let mut x = vec![0xfd, b'7', b'z', b'X', b'Z', 0, 0, 1];
    x.extend(crc(&[0, 1]));
    let bh = [2u8, 0, 0x21, 1, 39, 0, 0, 0];
    x.extend(bh);
    x.extend(crc(&bh));
    x.extend([0u8; 64]);
    let dir = context(&env, "membomb", &[("Containerfile", &format!("FROM {bb}\nADD dict.xz /b/\n"))]);
    std::fs::write(dir.join("dict.xz"), &x).unwrap();
    sh(&env, "true");
    let out = env.fails(&["build", s(&dir)], 125);
    assert!(out.assert_one_error_line().contains("needs more than 256 MiB of memory"), "{}", out.dump());
    assert_eq!(env.store_entries("staging"), Vec::<String>::new());
    let out = env.rpod_env(&["build", s(&ctx)], &[("RPOD_BUILD_MAX_UNPACKED", "lots")]);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.assert_one_error_line().contains("RPOD_BUILD_MAX_UNPACKED"), "{}", out.dump());
}

/// The predefined platform args (`TARGETARCH`, ...) are usable in `FROM`
/// without an `ARG` line, as in BuildKit and buildah; a default
/// (`${TAG:-...}`) stands in for a missing arg.
#[test]
fn platform_args_and_defaults_in_from() {
    let env = TestEnv::new("build-from-args");
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        a => a,
    };
    let file = format!(
        "FROM scratch AS base-{arch}\nLABEL from=arch\n\
         FROM scratch AS base-linux-{arch}\nLABEL from=platform\n\
         FROM base-${{TARGETARCH}} AS one\n\
         FROM base-${{TARGETOS}}-${{BUILDARCH}}\nCOPY --from=one /x /x\nLABEL last=${{NOPE:-dflt}}\n"
    );
    let ctx = context(&env, "ctx", &[("Containerfile", &file), ("x", "x\n")]);
    // Stage one copies nothing in: give it a file first.
    let file = file.replace("AS one\n", "AS one\nCOPY x /x\n");
    env.write_file(&ctx.join("Containerfile"), &file);
    env.ok(&["build", "-q", "-t", "plat", s(&ctx)]);
    let labels = env.ok(&["image", "inspect", "plat", "--format", "{{.Labels.from}} {{.Labels.last}}"]);
    assert_eq!(labels.trim(), "platform dflt");
}

/// `SOURCE_DATE_EPOCH` without `--timestamp` (as buildah): created times
/// are its value and newer file mtimes are clamped to it, in the stage
/// that a child builder makes too: two stores, two contexts made at
/// different times, the same image ID.
#[test]
fn source_date_epoch_makes_builds_reproducible() {
    let bb = img("busybox");
    let file = format!(
        "FROM {bb} AS side\nCOPY a.txt /a.txt\n\
         FROM {bb}\nCOPY --from=side /a.txt /from-side.txt\nCOPY b.txt /b.txt\nRUN echo ran > /ran.txt\n"
    );
    let mut ids = Vec::new();
    for n in 0..2 {
        let env = TestEnv::new(&format!("build-sde{n}"));
        let ctx = context(&env, "ctx", &[("Containerfile", &file), ("a.txt", "a\n"), ("b.txt", "b\n")]);
        if n == 1 {
            std::thread::sleep(std::time::Duration::from_millis(1100));
            env.write_file(&ctx.join("b.txt"), "b\n");
        }
        let out = env.rpod_env(&["build", "--network", "none", s(&ctx)], &[("SOURCE_DATE_EPOCH", "1700000000")]);
        assert_eq!(out.code, 0, "{}", out.dump());
        ids.push(built_id(&out.stdout));
        let created = env.ok(&["image", "inspect", ids[n].as_str(), "--format", "{{.Created}}"]);
        assert!(created.starts_with("2023-11-14"), "{created}");
        // A bad value: one line.
        let out = env.rpod_env(&["build", s(&ctx)], &[("SOURCE_DATE_EPOCH", "yesterday")]);
        assert_eq!(out.code, 125, "{}", out.dump());
        assert!(out.assert_one_error_line().contains("SOURCE_DATE_EPOCH"), "{}", out.dump());
    }
    assert_eq!(ids[0], ids[1], "two stores, the same SOURCE_DATE_EPOCH: the same image ID");
}

/// `COPY --exclude` with a context source matches paths relative to the
/// source, as BuildKit's (Docker's documentation: `COPY --exclude=*.txt
/// hom* /mydir/`): `--exclude=*.txt app` leaves out `app/x.txt` but not
/// `app/sub/z.txt` (a pattern without `**` matches one level); a named
/// file source is matched by its name. Checked with `image export`.
#[test]
fn copy_exclude_matches_relative_to_the_source() {
    let env = TestEnv::new("build-exclude");
    let file = "FROM scratch\nCOPY --exclude=*.txt app /app/\nCOPY --exclude=*.txt app/keep.md app/drop.txt /files/\n\
                COPY --exclude=**/*.txt --exclude=y.md app /deep/\n";
    let ctx = context(
        &env,
        "ctx",
        &[("Containerfile", file), ("app/x.txt", "x"), ("app/y.md", "y"), ("app/sub/z.txt", "z"), ("app/keep.md", "k"), ("app/drop.txt", "d")],
    );
    env.ok(&["build", "-q", "-t", "excl", s(&ctx)]);
    let tar = env.dir.join("excl.tar");
    env.ok(&["image", "export", "-o", s(&tar), "excl"]);
    let out = std::process::Command::new("tar").arg("-tf").arg(&tar).output().unwrap();
    let mut names: Vec<String> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| l.trim_start_matches("./").trim_end_matches('/').to_string()).filter(|l| !l.is_empty()).collect();
    names.sort();
    assert_eq!(
        names,
        ["app", "app/keep.md", "app/sub", "app/sub/z.txt", "app/y.md", "deep", "deep/keep.md", "deep/sub", "files", "files/keep.md"],
        "{names:?}"
    );
}

/// `RUN --mount=type=bind,from=STAGE|IMAGE`: the source's assembled root,
/// read-only at the target, `source=` resolved inside it. Hostile part
/// (CVE-2019-14271 / symlink-escape class): a `source` through a link to
/// a host directory, or `..` above the root, never reaches the host: the
/// link resolves inside the source's root (here: not found, one line), and
/// `..` stops at its root.
#[test]
fn run_mount_bind_from_a_stage_or_image_stays_inside_it() {
    let env = TestEnv::new("build-bind-from");
    let bb = img("busybox");
    let hostdir = env.dir.join("hostdir");
    env.write_file(&hostdir.join("secret.txt"), "HOSTSECRET\n");
    let stage = format!(
        "FROM {bb} AS src\n\
         RUN mkdir -p /data/sub && echo inside > /data/sub/f && echo STAGE > /etc/marker.stage && ln -s {hostdir} /data/host-link && ln -s ../../../../.. /data/up\n",
        hostdir = hostdir.display()
    );
    let file = format!(
        "{stage}FROM {bb}\n\
         RUN --mount=type=bind,from=src,source=/data,target=/m cat /m/sub/f > /got && (touch /m/x 2>/dev/null && echo writable || echo ro) > /ro\n\
         RUN --mount=type=bind,from=src,source=data/up/etc,target=/e cat /e/marker.stage > /up\n\
         RUN --mount=type=bind,from={bb},target=/b ls /b/bin/busybox > /img\n"
    );
    let ctx = context(&env, "ctx", &[("Containerfile", &file)]);
    env.ok(&["build", "-q", "--network", "none", "-t", "bound", s(&ctx)]);
    let out = env.ok(&["run", "--rm", "--network", "none", "bound", "cat", "/got", "/ro", "/up", "/img"]);
    assert_eq!(out, "inside\nro\nSTAGE\n/b/bin/busybox\n");
    let leak = context(
        &env,
        "leak",
        &[("Containerfile", &format!("{stage}FROM {bb}\nRUN --mount=type=bind,from=src,source=/data/host-link,target=/h cat /h/secret.txt\n"))],
    );
    let out = env.fails(&["build", "--network", "none", s(&leak)], 125);
    assert!(!out.stdout.contains("HOSTSECRET") && !out.stderr.contains("HOSTSECRET"), "{}", out.dump());
    out.assert_one_error_line();
    assert_eq!(env.store_entries("staging"), Vec::<String>::new());
}

//! `rpod import`: a first image from the host's busybox-static, offline, and
//! hostile tarballs refused by the layer unpacker.

mod common;

use std::process::Command;

use common::*;

/// A root file system with the host's static busybox (package
/// busybox-static, installed by contrib/setup-test-env.sh) and its applets.
fn busybox_tarball(env: &TestEnv) -> std::path::PathBuf {
    let root = env.dir.join("rootfs");
    std::fs::create_dir_all(root.join("bin")).unwrap();
    std::fs::copy("/bin/busybox", root.join("bin/busybox")).expect("busybox-static is installed (/bin/busybox)");
    for a in ["sh", "echo", "cat", "ls"] {
        std::os::unix::fs::symlink("busybox", root.join("bin").join(a)).unwrap();
    }
    std::fs::create_dir(root.join("etc")).unwrap();
    std::fs::write(root.join("etc/hello"), "offline\n").unwrap();
    let tar = env.dir.join("rootfs.tar");
    let st = Command::new("tar").args(["--numeric-owner", "--owner=0", "--group=0", "-C"]).arg(&root).arg("-cf").arg(&tar).arg(".").status().unwrap();
    assert!(st.success());
    if is_root() {
        std::os::unix::fs::chown(&tar, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    tar
}

#[test]
fn import_makes_a_runnable_image_without_a_registry() {
    let env = TestEnv::new("import");
    let tar = busybox_tarball(&env);
    // No registry is configured for this store: nothing may be pulled.
    env.remove_registries_conf();
    let id = env.ok(&["import", "-c", "CMD [\"/bin/cat\", \"/etc/hello\"]", "-c", "ENV GREETING=hi", "-c", "WORKDIR /etc", tar.to_str().unwrap(), "first"]);
    let id = id.trim();
    assert!(id.starts_with("sha256:") && is_hex64(&id[7..]), "{id}");
    let images = env.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert!(images.lines().any(|l| l == "localhost/first:latest"), "{images}");
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "first"]), "offline\n");
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "first", "sh", "-c", "echo $GREETING $(pwd)"]), "hi /etc\n");
    let cfg = env.ok(&["image", "inspect", "first", "--format", "{{json .Config}}"]);
    assert!(cfg.contains("WorkingDir") && cfg.contains("GREETING=hi"), "{cfg}");
    // From standard input too, and the same content is the same layer.
    let text = std::fs::read(&tar).unwrap();
    let mut cmd = env.command(&["import", "-", "second"], &[]);
    cmd.stdin(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &text).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "second", "cat", "/etc/hello"]), "offline\n");
}

#[test]
fn import_platform_flags_describe_the_image() {
    // Podman's `import --arch/--os/--variant`: what the image says it is for.
    let env = TestEnv::new("import-platform");
    let tar = busybox_tarball(&env);
    env.ok(&["import", "--arch", "arm64", "--os", "linux", "--variant", "v8", tar.to_str().unwrap(), "armish"]);
    assert_eq!(env.ok(&["image", "inspect", "armish", "--format", "{{.Architecture}} {{.Os}}"]), "arm64 linux\n");
    let v = env.inspect("armish");
    assert_eq!(v["Architecture"], "arm64", "{v}");
    // The default is the host's platform.
    env.ok(&["import", tar.to_str().unwrap(), "native"]);
    let host = env.ok(&["image", "inspect", "native", "--format", "{{.Architecture}}"]);
    let want = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        a => a,
    };
    assert_eq!(host, format!("{want}\n"));
    // Hostile input: a platform word is one word, not a path or a line.
    for bad in ["../x", "a b", "x\ny", ""] {
        env.fails(&["import", "--arch", bad, tar.to_str().unwrap()], 125).assert_one_error_line();
    }
}

#[test]
fn import_refuses_bad_sources_and_changes() {
    let env = TestEnv::new("import-bad");
    // DoS class: a device or a FIFO where a tarball should be never blocks or
    // streams forever.
    for src in ["/dev/zero", "/nonexistent.tar"] {
        let out = env.fails(&["import", src], 125);
        out.assert_one_error_line();
    }
    let fifo = env.dir.join("fifo");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let out = env.fails(&["import", fifo.to_str().unwrap()], 125);
    assert!(out.stderr.contains("not a regular file"), "{}", out.dump());
    let tar = busybox_tarball(&env);
    let out = env.fails(&["import", "-c", "RUN rm -rf /", tar.to_str().unwrap()], 125);
    assert!(out.stderr.contains("not supported"), "{}", out.dump());
    let out = env.fails(&["import", "-c", "WORKDIR relative", tar.to_str().unwrap()], 125);
    out.assert_one_error_line();
    assert!(env.image_ids().is_empty(), "nothing imported");
}

#[test]
fn import_of_a_tarball_escaping_its_root_is_refused() {
    // CVE-2019-14271 / tar-slip class: `..` entries and links out of the
    // layer are refused by the unpacker a pulled layer goes through.
    let env = TestEnv::new("import-slip");
    let script =
        "import io,tarfile,sys\nt=tarfile.open(sys.argv[1],'w')\ni=tarfile.TarInfo('../../escaped');d=b'x';i.size=1;t.addfile(i,io.BytesIO(d))\nt.close()\n";
    let tar = env.dir.join("slip.tar");
    assert!(Command::new("python3").args(["-c", script]).arg(&tar).status().unwrap().success());
    if is_root() {
        std::os::unix::fs::chown(&tar, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    let out = env.rpod(&["import", tar.to_str().unwrap(), "slip"]);
    assert_ne!(out.code, 0, "{}", out.dump());
    assert!(!env.dir.join("escaped").exists() && !std::path::Path::new("/tmp/escaped").exists());
    assert!(env.image_ids().is_empty());
}

/// A root file system directory with the host's static busybox, owned by
/// the test user as a directory they unpacked themselves would be.
fn busybox_dir(env: &TestEnv, name: &str) -> std::path::PathBuf {
    let root = env.dir.join(name);
    std::fs::create_dir_all(root.join("bin")).unwrap();
    std::fs::copy("/bin/busybox", root.join("bin/busybox")).expect("busybox-static is installed (/bin/busybox)");
    for a in ["sh", "echo", "cat", "ls", "id", "touch", "true"] {
        std::os::unix::fs::symlink("busybox", root.join("bin").join(a)).unwrap();
    }
    std::fs::create_dir(root.join("etc")).unwrap();
    std::fs::write(root.join("etc/hello"), "rootfs\n").unwrap();
    if is_root() {
        assert!(Command::new("chown").arg("-R").arg(format!("{}:{}", env.user.uid, env.user.gid)).arg(&root).status().unwrap().success());
    }
    root
}

/// `run --rootfs DIR`: the first container on a machine without any image or
/// registry, as Podman's. The container's root is the directory (the user
/// is root in it, its writes land there, owned by the user); with `DIR:O`
/// they go to an overlay and the directory is left as it was.
#[test]
fn run_rootfs_runs_on_a_directory_without_any_image() {
    let env = TestEnv::new("rootfs");
    env.remove_registries_conf();
    let root = busybox_dir(&env, "rootfs");
    let dir = root.to_str().unwrap();
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "--rootfs", dir, "cat", "/etc/hello"]), "rootfs\n");
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "--rootfs", dir, "sh", "-c", "id -u; echo made > /made"]), "0\n");
    let made = root.join("made");
    assert_eq!(std::fs::read_to_string(&made).unwrap(), "made\n", "the container's write is in the directory");
    assert_eq!(std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(&made).unwrap()), env.user.uid, "owned by the user on the host");
    // `:O`: changes stay in the container.
    let o = format!("{dir}:O");
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "--rootfs", &o, "sh", "-c", "echo x > /overlaid; rm /made; cat /etc/hello"]), "rootfs\n");
    assert!(!root.join("overlaid").exists() && made.exists(), "an :O container changed the directory");
    // A created container shows its root in inspect, and no image.
    env.ok(&["create", "--name", "onroot", "--network", "none", "--rootfs", dir, "true"]);
    let shown = env.ok(&["inspect", "--format", "{{.Rootfs}}|{{.ImageName}}|{{.Image}}", "onroot"]);
    let canonical = std::fs::canonicalize(&root).unwrap();
    assert_eq!(shown.trim(), format!("{}||", canonical.display()));
    env.ok(&["start", "-a", "onroot"]);
    env.ok(&["rm", "onroot"]);
    assert!(root.join("bin/busybox").exists() && made.exists(), "rm touched the user's directory");
    // Nothing was pulled, no image exists.
    assert!(env.image_ids().is_empty(), "{:?}", env.image_ids());
    // No image to commit, nothing to diff against.
    env.ok(&["create", "--name", "c2", "--network", "none", "--rootfs", dir, "true"]);
    env.fails(&["commit", "c2", "img"], 125).assert_one_error_line();
    env.fails(&["diff", "c2"], 125).assert_one_error_line();
    env.ok(&["rm", "c2"]);
}

/// Hostile `--rootfs` directories and paths. Symlink class (CVE-2021-30465,
/// runc's mount-target races and symlinks): a root whose `/proc` or
/// `/etc/hosts` is a link to a host path is refused, and nothing is mounted
/// on or written to the host path. Store-overlap class: a root that is, holds
/// or lies in rpod's store (reached by `..` or a `/proc/self/root` magic
/// link too) would let the container rewrite image layers. DoS class: a FIFO
/// given as the root, or as its /etc/passwd, never blocks.
#[test]
fn run_rootfs_refuses_hostile_directories() {
    let env = TestEnv::new("rootfs-bad");
    env.remove_registries_conf();
    let host = env.dir.join("host-dir");
    std::fs::create_dir(&host).unwrap();
    std::fs::write(env.dir.join("host-file"), "host\n").unwrap();

    let linked_proc = busybox_dir(&env, "linked-proc");
    std::os::unix::fs::symlink(&host, linked_proc.join("proc")).unwrap();
    let out = env.fails(&["run", "--rm", "--network", "none", "--rootfs", linked_proc.to_str().unwrap(), "true"], 125);
    assert!(out.stderr.contains("symlink"), "{}", out.dump());
    assert!(list_dir(&host).is_empty(), "something was made in the host directory: {:?}", list_dir(&host));

    // An absolute link resolves inside the root, never to the host's file:
    // rpod's hosts file is bound on a file made under the root instead.
    let linked_hosts = busybox_dir(&env, "linked-hosts");
    std::os::unix::fs::symlink(env.dir.join("host-file"), linked_hosts.join("etc/hosts")).unwrap();
    let seen = env.ok(&["run", "--rm", "--rootfs", linked_hosts.to_str().unwrap(), "cat", "/etc/hosts"]);
    assert!(seen.contains("localhost") && !seen.contains("host\n\n") && seen != "host\n", "{seen}");
    assert_eq!(std::fs::read_to_string(env.dir.join("host-file")).unwrap(), "host\n", "the host file was written");

    let store = env.store();
    std::fs::create_dir_all(&store).unwrap();
    let fifo = env.dir.join("fifo");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let regular = env.dir.join("host-file");
    let dotdot = format!("{}/../rpod", store.display());
    for (bad, why) in [
        ("/".to_string(), "host"),
        ("/proc/self/root".to_string(), "host"),
        (store.display().to_string(), "store"),
        (dotdot, "store"),
        (env.data.display().to_string(), "store"),
        (fifo.display().to_string(), "not a directory"),
        (regular.display().to_string(), "not a directory"),
        ("/nonexistent-rootfs".to_string(), "No such file"),
        (format!("{}:idmap", linked_proc.display()), "idmap"),
    ] {
        let out = env.fails(&["run", "--rm", "--network", "none", "--rootfs", &bad, "true"], 125);
        let line = out.assert_one_error_line();
        assert!(line.contains(why), "--rootfs {bad}: {line}");
    }

    let fifo_passwd = busybox_dir(&env, "fifo-passwd");
    assert!(Command::new("mkfifo").arg(fifo_passwd.join("etc/passwd")).status().unwrap().success());
    if is_root() {
        std::os::unix::fs::lchown(fifo_passwd.join("etc/passwd"), Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    let out = env.fails(&["run", "--rm", "--network", "none", "-u", "nobody", "--rootfs", fifo_passwd.to_str().unwrap(), "true"], 125);
    out.assert_one_error_line();
    assert!(env.ok(&["ps", "-a", "-q"]).is_empty(), "a refused --rootfs left a container");
}

/// contrib/first-container.sh, the last step of contrib/install.sh: with no
/// registry in reach the first container still runs, on an image made from
/// the host's static busybox.
#[test]
fn first_container_script_works_without_a_registry() {
    let env = TestEnv::new("first-ctr");
    env.remove_registries_conf();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/first-container.sh");
    // A registry address nothing listens on (port 9 on loopback: discard, closed here).
    let out = env.run_script(&script, &["127.0.0.1:9/none/busybox:latest"], &[("RPOD_BUSYBOX", "/bin/busybox")]);
    assert_eq!(out.code, 0, "{}", out.dump());
    assert!(out.stdout.contains("hello from a rootless rpod container (offline"), "{}", out.dump());
    assert!(out.stderr.contains("could not pull"), "{}", out.dump());
    let images = env.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert!(images.lines().any(|l| l == "localhost/busybox:latest"), "{images}");
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "localhost/busybox", "sh", "-c", "echo $((6*7))"]), "42\n");
}

/// The fenced `sh` blocks of README.md's section `heading`, in order.
fn readme_blocks(heading: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find(heading).unwrap_or_else(|| panic!("README.md has no {heading:?}"));
    let section = &readme[start + heading.len()..];
    let section = &section[..section.find("\n#").unwrap_or(section.len())];
    let mut blocks = Vec::new();
    let mut rest = section;
    while let Some(i) = rest.find("```sh\n") {
        let body = &rest[i + 6..];
        let end = body.find("```").expect("an unterminated code block");
        blocks.push(body[..end].to_string());
        rest = &body[end + 3..];
    }
    blocks
}

/// README.md's "A first container without a registry", run exactly as
/// written (as the test user, `rpod` on PATH, a fresh store, no
/// registries.conf): the busybox recipe must give a runnable image, and the
/// `--rootfs` examples must run on the directory it made. Guards the README
/// against drifting: Debian's `busybox --list` names `busybox` itself, and a
/// loop linking every applet once replaced the binary by a link to itself.
#[test]
fn readme_offline_recipe_runs_as_written() {
    let env = TestEnv::new("readme-offline");
    env.remove_registries_conf();
    let blocks = readme_blocks("### A first container without a registry\n");
    assert_eq!(blocks.len(), 2, "expected the recipe and the --rootfs examples: {blocks:?}");
    assert!(blocks[0].contains("busybox --list") && blocks[1].contains("--rootfs"), "{blocks:?}");
    // `rpod` on PATH is the binary under test.
    let bin = env.dir.join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(BIN, bin.join("rpod")).unwrap();
    let path = format!("{}:{PATH}", bin.display());
    let mut outputs = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let script = env.dir.join(format!("readme-{i}.sh"));
        std::fs::write(&script, format!("set -euo pipefail\n{block}")).unwrap();
        // `-it` shells read this from the test's pipe.
        let input = format!("echo readme-{i}-$((6*7)); exit\n");
        let out = env.run_script_with_input(&script, &[], &[("PATH", &path)], Some(&input));
        assert_eq!(out.code, 0, "README block {i}:\n{block}\n{}", out.dump());
        assert!(out.stdout.contains(&format!("readme-{i}-42")), "README block {i} gave no shell:\n{}", out.dump());
        outputs.push(out);
    }
    let root = env.dir.join("rootfs");
    let bb = lmeta(&root.join("bin/busybox"));
    assert!(bb.file_type().is_file() && bb.len() > 100_000, "rootfs/bin/busybox is not the binary any more");
    assert_eq!(std::fs::read_link(root.join("bin/sh")).unwrap(), std::path::Path::new("busybox"));
    assert!(root.join("bin/rm").exists(), "the :O example's rm -rf /bin reached ./rootfs");
    let images = env.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert!(images.lines().any(|l| l == "localhost/busybox:latest"), "{images}");
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "busybox", "sh", "-c", "echo $((6*7))"]), "42\n");
}

/// A `cargo` for contrib/install.sh on a machine that reaches no crate
/// registry: `fetch` and any online `install` fail as cargo does without
/// network; `install --offline --root DIR` "builds" by linking the rpod
/// under test into DIR/bin. Every call is logged to `$FAKE_CARGO_LOG`.
const OFFLINE_CARGO: &str = r#"#!/bin/sh
echo "$*" >> "$FAKE_CARGO_LOG"
case "$1" in
fetch) echo "error: failed to query replaced source registry \`crates-io\` (simulated: no network)" >&2; exit 101 ;;
install)
    root=
    offline=
    while [ $# -gt 0 ]; do
        case "$1" in
        --root) root=$2; shift ;;
        --offline) offline=1 ;;
        esac
        shift
    done
    [ -n "$offline" ] || { echo "error: failed to download from crates.io (simulated: no network)" >&2; exit 101; }
    mkdir -p "$root/bin" && ln -s "$FAKE_CARGO_RPOD" "$root/bin/rpod" ;;
*) exit 1 ;;
esac
"#;

/// contrib/install.sh with no network at all: cargo cannot reach crates.io,
/// so rpod is built with `cargo install --offline` (and the script says
/// so), installed with its completions and man pages, and the first
/// container still runs on an image made from the host's static busybox.
#[test]
fn install_script_builds_offline_and_still_runs_a_first_container() {
    let env = TestEnv::new("install-offline");
    env.remove_registries_conf();
    let fake = env.dir.join("fake-bin");
    std::fs::create_dir(&fake).unwrap();
    std::fs::write(fake.join("cargo"), OFFLINE_CARGO).unwrap();
    std::fs::set_permissions(fake.join("cargo"), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let log = env.dir.join("cargo.log");
    env.write_file(&log, "");
    let dest = env.dir.join("installed");
    env.write_file(&dest.join(".keep"), "");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/install.sh");
    let path = format!("{}:{PATH}", fake.display());
    let out = env.run_script(
        &script,
        &["127.0.0.1:9/none/busybox:latest"],
        &[("PATH", &path), ("RPOD_INSTALL_DIR", dest.to_str().unwrap()), ("FAKE_CARGO_LOG", log.to_str().unwrap()), ("FAKE_CARGO_RPOD", BIN), ("RPOD", "rpod")],
    );
    assert_eq!(out.code, 0, "{}", out.dump());
    assert!(out.stderr.contains("crates.io is unreachable: building rpod offline (cargo install --offline)"), "{}", out.dump());
    let calls = std::fs::read_to_string(&log).unwrap();
    let calls: Vec<&str> = calls.lines().collect();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert!(calls[0].starts_with("fetch --locked"), "{calls:?}");
    assert!(calls[1].starts_with("install --locked --offline --path . --root "), "{calls:?}");
    // Installed where the user's shells look, without sudo.
    let rpod = dest.join("rpod");
    assert!(lmeta(&rpod).file_type().is_file() && mode_bits(&rpod) == 0o755, "{}", rpod.display());
    for f in [
        env.data.join("bash-completion/completions/rpod"),
        env.data.join("zsh/site-functions/_rpod"),
        env.config.join("fish/completions/rpod.fish"),
        env.data.join("man/man1/rpod-run.1"),
    ] {
        assert!(f.is_file(), "{} was not installed", f.display());
    }
    // The first-container fallback ran with the installed rpod.
    assert!(out.stderr.contains("could not pull 127.0.0.1:9/none/busybox:latest"), "{}", out.dump());
    assert!(out.stdout.contains("hello from a rootless rpod container (offline, localhost/busybox)"), "{}", out.dump());
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "localhost/busybox", "echo", "installed"]), "installed\n");
}

/// A loopback HTTP server for `import URL` (python3's http.server):
/// `/rootfs.tar.gz` serves the given file; `/endless` a body of zeros that
/// never ends (no length announced), recording in `DIR/sent` how many bytes
/// it got out before the client hung up; `/announced` announces 64 GiB;
/// `/to-file`, `/to-ftp` and `/loop` redirect to `file:///etc/passwd`, to an
/// `ftp://` URL and to themselves; anything else is a 404.
struct UrlServer {
    child: std::process::Child,
    port: u16,
    dir: std::path::PathBuf,
}

const URL_SERVER: &str = r#"
import http.server, sys, os
port, out, tarball = int(sys.argv[1]), sys.argv[2], sys.argv[3]
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    def log_message(self, *a): pass
    def redirect(self, to):
        self.send_response(302); self.send_header("Location", to); self.send_header("Content-Length", "0"); self.end_headers()
    def do_GET(self):
        p = self.path
        if p == "/rootfs.tar.gz":
            data = open(tarball, "rb").read()
            self.send_response(200); self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data); return
        if p == "/endless":
            self.send_response(200); self.send_header("Content-Type", "application/x-tar"); self.end_headers()
            sent, chunk = 0, b"\0" * 65536
            try:
                while sent < 4 << 30:
                    self.wfile.write(chunk); sent += len(chunk)
            except Exception:
                pass
            with open(os.path.join(out, "sent"), "a") as f: f.write("%d\n" % sent)
            return
        if p == "/announced":
            self.send_response(200); self.send_header("Content-Length", str(64 << 30)); self.end_headers()
            try: self.wfile.write(b"\0" * 65536)
            except Exception: pass
            return
        if p == "/to-file": return self.redirect("file:///etc/passwd")
        if p == "/to-ftp": return self.redirect("ftp://127.0.0.1/rootfs.tar")
        if p == "/loop": return self.redirect("/loop")
        self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers()
http.server.ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
"#;

impl UrlServer {
    fn start(env: &TestEnv, tarball: &std::path::Path) -> UrlServer {
        let dir = env.dir.join("url-server");
        std::fs::create_dir_all(&dir).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new("python3")
            .args(["-c", URL_SERVER, &port.to_string(), dir.to_str().unwrap(), tarball.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("python3 is installed");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        UrlServer { child, port, dir }
    }
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
    fn sent(&self) -> Vec<u64> {
        std::fs::read_to_string(self.dir.join("sent")).unwrap_or_default().lines().map(|l| l.parse().unwrap()).collect()
    }
}

impl Drop for UrlServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn import_from_a_url_makes_a_runnable_image() {
    let env = TestEnv::new("import-url");
    env.remove_registries_conf();
    let tar = busybox_tarball(&env);
    let gz = env.dir.join("rootfs.tar.gz");
    assert!(Command::new("gzip").arg("-k").arg(&tar).status().unwrap().success());
    let server = UrlServer::start(&env, &gz);
    let url = server.url("/rootfs.tar.gz");
    let id = env.ok(&["import", "-c", "CMD [\"/bin/cat\", \"/etc/hello\"]", &url, "fromurl"]);
    assert!(id.trim().starts_with("sha256:"), "{id}");
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "fromurl"]), "offline\n");
    let history = env.ok(&["history", "--no-trunc", "--format", "{{.Comment}}", "fromurl"]);
    assert!(history.contains(&url), "the history names the URL: {history}");
    // The same content from a file is the same layer (one layer stored).
    env.ok(&["import", tar.to_str().unwrap(), "fromfile"]);
    assert_eq!(env.store_entries("layers").len(), 1, "{:?}", env.store_entries("layers"));
}

/// Hostile servers for `import URL`: each refused with one line and exit
/// 125, and the store left empty.
/// - Resource exhaustion (CWE-400): an endless body is cut at the byte cap
///   (RPOD_IMPORT_MAX_SIZE here, 32 GiB by default); what the server got out
///   is bounded by the cap plus socket buffers; a body announcing more than
///   the cap is refused before it is read.
/// - Scheme confusion / SSRF to local files (the class of CVE-2023-38545's
///   redirect handling, and of curl's `file://` redirect refusal): a redirect
///   to `file://` or `ftp://` is refused, as is a `file://` source itself;
///   a redirect loop ends.
/// - A 404 is one line naming the status.
#[test]
fn import_from_hostile_urls_is_refused_in_one_line() {
    let env = TestEnv::new("import-url-bad");
    env.remove_registries_conf();
    let tar = busybox_tarball(&env);
    let server = UrlServer::start(&env, &tar);
    let cap: u64 = 8 << 20;
    let out = env.rpod_env(&["import", &server.url("/endless"), "endless"], &[("RPOD_IMPORT_MAX_SIZE", &cap.to_string())]);
    assert_eq!(out.code, 125, "{}", out.dump());
    let line = out.assert_one_error_line();
    assert!(line.contains("larger than the limit"), "{line}");
    for _ in 0..50 {
        if !server.sent().is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let sent = server.sent();
    assert_eq!(sent.len(), 1, "the server saw the client hang up: {sent:?}");
    assert!(sent[0] < cap + (32 << 20), "rpod read far past its cap: the server got out {} bytes", sent[0]);
    env.assert_store_empty("after an endless download");

    let out = env.fails(&["import", &server.url("/announced")], 125);
    assert!(out.assert_one_error_line().contains("more than the limit"), "{}", out.dump());
    for (path, want) in [("/to-file", "file:"), ("/to-ftp", "ftp:"), ("/loop", "redirects"), ("/missing.tar", "404")] {
        let out = env.fails(&["import", &server.url(path), "hostile"], 125);
        let line = out.assert_one_error_line();
        assert!(line.contains(want), "{path}: {line}");
    }
    let out = env.fails(&["import", "file:///etc/passwd"], 125);
    assert!(out.assert_one_error_line().contains("only http and https"), "{}", out.dump());
    env.assert_store_empty("after refused downloads");
    // The cap variable itself is checked.
    let out = env.rpod_env(&["import", &server.url("/rootfs.tar.gz")], &[("RPOD_IMPORT_MAX_SIZE", "lots")]);
    assert_eq!(out.code, 125, "{}", out.dump());
    out.assert_one_error_line();
}

/// A tar listing without mtimes: one line per entry with its type, owner,
/// mode, size and link target, sorted by name (`./` prefixes dropped).
fn tar_listing(tar: &std::path::Path) -> Vec<String> {
    let script = "import tarfile,sys\nfor m in tarfile.open(sys.argv[1]):\n n=m.name[2:] if m.name.startswith('./') else m.name\n n=n.rstrip('/')\n if n in ('','.'): continue\n print(n, m.type.decode(), m.uid, m.gid, oct(m.mode), m.size if m.isfile() else 0, m.linkname)\n";
    let out = Command::new("python3").args(["-c", script]).arg(tar).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut v: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect();
    v.sort();
    v
}

/// `image export`: import a root file system with owners, modes, a hard
/// link and symlinks → export it → import that → export again gives the
/// same entries (owners, modes, links) and the same bytes; a layer on top
/// that deletes a file shows the deletion (whiteouts applied). Hostile
/// class (CVE-2019-14271, docker cp following an image's links on the
/// host): symlinks pointing out of the image, at a host directory or at
/// `/`, are archived as links, never as what they reach on the host.
#[test]
fn image_export_round_trips_and_archives_links_as_links() {
    let env = TestEnv::new("image-export");
    env.remove_registries_conf();
    let secret_dir = env.dir.join("host-secret");
    std::fs::create_dir(&secret_dir).unwrap();
    std::fs::write(secret_dir.join("secret"), "host-only-secret-4242\n").unwrap();
    let script = r#"import io,tarfile,sys
t=tarfile.open(sys.argv[1],'w',format=tarfile.PAX_FORMAT)
def add(name,typ,mode,uid=0,gid=0,data=b'',link=''):
    i=tarfile.TarInfo(name);i.type=typ;i.mode=mode;i.uid=uid;i.gid=gid;i.mtime=1700000000;i.linkname=link
    if typ==tarfile.REGTYPE: i.size=len(data)
    t.addfile(i,io.BytesIO(data) if typ==tarfile.REGTYPE else None)
add('bin',tarfile.DIRTYPE,0o755)
add('bin/busybox',tarfile.REGTYPE,0o755,data=open('/bin/busybox','rb').read())
for a in ['sh','rm','mkdir','echo']: add('bin/'+a,tarfile.SYMTYPE,0o777,link='busybox')
add('etc',tarfile.DIRTYPE,0o755)
add('etc/hello',tarfile.REGTYPE,0o644,data=b'hello\n')
add('etc/owned',tarfile.REGTYPE,0o640,1000,1001,b'mine\n')
add('etc/zz-hard',tarfile.LNKTYPE,0o640,1000,1001,link='etc/owned')
add('srv',tarfile.DIRTYPE,0o700,33,33)
add('srv/setuid',tarfile.REGTYPE,0o4755,data=b'#!/bin/sh\n')
add('escape',tarfile.SYMTYPE,0o777,link=sys.argv[2])
add('hostroot',tarfile.SYMTYPE,0o777,link='/')
add('up',tarfile.SYMTYPE,0o777,link='../../../../../etc')
t.close()
"#;
    let orig = env.dir.join("orig.tar");
    assert!(Command::new("python3").args(["-c", script]).arg(&orig).arg(&secret_dir).status().unwrap().success());
    for p in [&orig, &env.dir] {
        if is_root() {
            std::os::unix::fs::chown(p, Some(env.user.uid), Some(env.user.gid)).unwrap();
        }
    }
    env.ok(&["import", orig.to_str().unwrap(), "first"]);
    let e1 = env.dir.join("e1.tar");
    env.ok(&["image", "export", "-o", e1.to_str().unwrap(), "first"]);
    let want = tar_listing(&orig);
    assert_eq!(tar_listing(&e1), want, "the export differs from what was imported");
    env.ok(&["import", e1.to_str().unwrap(), "second"]);
    // To standard output too.
    let out = env.command(&["image", "export", "second"], &[]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let e2 = env.dir.join("e2.tar");
    std::fs::write(&e2, &out.stdout).unwrap();
    assert_eq!(tar_listing(&e2), want);
    assert!(std::fs::read(&e1).unwrap() == out.stdout, "exporting the re-imported image gave other bytes");
    // The links are links; nothing of the host's behind them.
    let listing = tar_listing(&e1).join("\n");
    assert!(listing.contains(&format!("escape 2 0 0 0o777 0 {}", secret_dir.display())), "{listing}");
    assert!(listing.contains("hostroot 2 0 0 0o777 0 /\n") && listing.contains("up 2 0 0 0o777 0 ../../../../../etc"), "{listing}");
    assert!(!listing.lines().any(|l| l.starts_with("escape/") || l.starts_with("hostroot/") || l.starts_with("up/")), "{listing}");
    assert!(!out.stdout.windows(21).any(|w| w == b"host-only-secret-4242"), "a host file's content is in the export");
    // A layer that deletes and adds: the export is the flattened result.
    let ctx = env.dir.join("ctx");
    std::fs::create_dir(&ctx).unwrap();
    env.write_file(&ctx.join("Containerfile"), "FROM first\nRUN rm /etc/hello && mkdir /made && echo new > /made/new\n");
    if is_root() {
        std::os::unix::fs::chown(&ctx, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    env.ok(&["build", "-q", "--network", "none", "-t", "layered", ctx.to_str().unwrap()]);
    let e3 = env.dir.join("e3.tar");
    env.ok(&["image", "export", "-o", e3.to_str().unwrap(), "layered"]);
    let l3 = tar_listing(&e3);
    assert!(!l3.iter().any(|l| l.starts_with("etc/hello ") || l.contains(".wh.")), "{l3:?}");
    assert!(l3.iter().any(|l| l.starts_with("made/new 0 0 0 0o644 4 ")), "{l3:?}");
    assert!(l3.iter().any(|l| l.starts_with("etc/owned 0 1000 1001 0o640 5 ")), "{l3:?}");
    // Bad input: one line; a terminal is refused as Podman's export does.
    env.fails(&["image", "export", "-o", env.dir.join("x.tar").to_str().unwrap(), "nonexistent"], 125).assert_one_error_line();
    let tty = Command::new("script").args(["-qec", &env.shell_line(&["image", "export", "first"]), "/dev/null"]).output().expect("script(1) from util-linux");
    let text = String::from_utf8_lossy(&tty.stdout);
    assert!(!tty.status.success() && text.contains("refusing to export to a terminal"), "{text}");
}

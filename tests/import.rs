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

//! `rpod cp` (issue 15): both ways, running and stopped containers, tar
//! streams, and container paths resolved inside the container's root
//! (CVE-2019-14271, CVE-2019-10152, CVE-2018-15664 class).

mod common;

use common::*;

fn busybox(name: &str) -> (TestEnv, String) {
    let env = TestEnv::new(name);
    env.pull(&img("busybox"));
    (env, img("busybox"))
}

/// Links in the container to `/etc/passwd`: absolute, climbing, and through
/// `/proc/1/root` (a magic link) — and a link to a host directory.
fn links_script(host_dir: &str) -> String {
    format!(
        "ln -s /etc/passwd /link; ln -s ../../../../../../../etc/passwd /rel; mkdir -p /d; ln -s /etc /d/etcdir; ln -s {host_dir} /escape; mkdir -p {host_dir}"
    )
}

const BUSYBOX_ONLY: &str = "app:x:1000:1000:app:/home/app:/bin/sh";

#[test]
fn cve_2019_14271_container_symlinks_resolve_inside_the_container() {
    let (env, bb) = busybox("cp-symlinks");
    let host_passwd = std::fs::read_to_string("/etc/passwd").unwrap();
    assert!(!host_passwd.contains(BUSYBOX_ONLY), "the host must not look like busybox for this test");
    let bait = env.home.join("bait");
    env.write_file(&bait.join("keep"), "k\n");
    let script = links_script(&bait.display().to_string());
    // Stopped, then running: the same answers.
    env.ok(&["run", "--name", "stopped", &bb, "sh", "-c", &script]);
    env.ok(&["run", "-d", "--name", "running", &bb, "sh", "-c", &format!("{script}; sleep 600")]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    for c in ["stopped", "running"] {
        for (i, p) in ["/link", "/rel", "/d/etcdir/passwd", "/d/etcdir/../etc/passwd"].iter().enumerate() {
            let out = env.home.join(format!("out-{c}-{i}"));
            env.ok(&["cp", &format!("{c}:{p}"), out.to_str().unwrap()]);
            let got = std::fs::read_to_string(&out).unwrap();
            assert!(got.contains(BUSYBOX_ONLY), "{c}:{p} copied {got:?}, not the container's /etc/passwd");
            assert_ne!(got, host_passwd);
        }
        // Copy in through a link to a host directory: lands in the container.
        let src = env.home.join("payload");
        env.write_file(&src, "payload\n");
        env.ok(&["cp", src.to_str().unwrap(), &format!("{c}:/escape/dropped")]);
        assert_eq!(list_dir(&bait), ["keep"], "{c}: cp wrote into the host directory the link names");
        let back = env.home.join(format!("back-{c}"));
        env.ok(&["cp", &format!("{c}:{}/dropped", bait.display()), back.to_str().unwrap()]);
        assert_eq!(std::fs::read_to_string(&back).unwrap(), "payload\n");
    }
    env.ok(&["rm", "-f", "running"]);
}

#[test]
fn cp_both_ways_directories_and_streams() {
    let (env, bb) = busybox("cp-both");
    env.ok(&["run", "-d", "--name", "r", &bb, "sleep", "600"]);
    // A host directory into an existing container directory, then a file.
    let dir = env.home.join("tree");
    env.write_file(&dir.join("a"), "a\n");
    env.write_file(&dir.join("sub/b"), "b\n");
    env.ok(&["cp", dir.to_str().unwrap(), "r:/tmp"]);
    env.ok(&["cp", dir.join("a").to_str().unwrap(), "r:/renamed"]);
    let out = env.ok(&["exec", "r", "sh", "-c", "cat /tmp/tree/a /tmp/tree/sub/b /renamed"]);
    assert_eq!(out, "a\nb\na\n");
    // Out: a directory to a new name, into an existing directory, its content with /.
    let etc = env.home.join("etc-copy");
    env.ok(&["cp", "r:/etc", etc.to_str().unwrap()]);
    assert!(etc.join("passwd").is_file() && etc.join("group").is_file());
    env.ok(&["cp", "r:/etc", env.home.to_str().unwrap()]);
    assert!(env.home.join("etc/passwd").is_file());
    let content = env.home.join("content");
    env.write_file(&content.join("x"), "");
    env.ok(&["cp", "r:/tmp/tree/.", content.to_str().unwrap()]);
    assert_eq!(list_dir(&content), ["a", "sub", "x"]);
    // Streams: out as tar, in from tar.
    let out = env.rpod(&["cp", "r:/etc/passwd", "-"]);
    assert_eq!(out.code, 0, "{}", out.dump());
    assert!(out.stdout.starts_with("passwd\0") && out.stdout.contains("root:x:0:0"), "{}", out.dump());
    let mut b = tar::Builder::new(Vec::new());
    let data = b"streamed\n";
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    h.set_cksum();
    b.append_data(&mut h, "from-stdin", &data[..]).unwrap();
    let bytes = b.into_inner().unwrap();
    let out = env.run_full(&["cp", "-", "r:/tmp"], &[], Some(std::str::from_utf8(&bytes).unwrap()));
    assert_eq!(out.code, 0, "{}", out.dump());
    assert_eq!(env.ok(&["exec", "r", "cat", "/tmp/from-stdin"]), "streamed\n");
    // A file into an existing directory goes inside it; a directory may not
    // replace a file without --overwrite.
    let f = env.home.join("plain");
    env.write_file(&f, "plain\n");
    env.ok(&["cp", f.to_str().unwrap(), "r:/tmp/tree"]);
    assert_eq!(env.ok(&["exec", "r", "cat", "/tmp/tree/plain"]), "plain\n");
    let out = env.fails(&["cp", dir.to_str().unwrap(), "r:/renamed"], 125);
    assert!(out.assert_one_error_line().contains("--overwrite"), "{}", out.dump());
    env.ok(&["cp", "--overwrite", dir.to_str().unwrap(), "r:/renamed"]);
    assert_eq!(env.ok(&["exec", "r", "cat", "/renamed/sub/b"]), "b\n");
    env.ok(&["rm", "-f", "r"]);
    // A running keep-id container (its root is native overlay over the
    // layers' copies shifted for its mapping).
    env.ok(&["run", "-d", "--userns=keep-id", "--name", "k", &bb, "sleep", "600"]);
    env.ok(&["cp", f.to_str().unwrap(), "k:/tmp/kept"]);
    assert_eq!(env.ok(&["exec", "k", "cat", "/tmp/kept"]), "plain\n");
    let kb = env.home.join("from-keepid");
    env.ok(&["cp", "k:/etc/group", kb.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&kb).unwrap().starts_with("root:x:0:"));
    env.ok(&["rm", "-f", "k"]);
    // A stopped container, both ways; owners of the image's files are kept.
    env.ok(&["create", "--name", "s", &bb]);
    env.ok(&["cp", f.to_str().unwrap(), "s:/home/app/f"]);
    assert_eq!(env.ok(&["start", "-a", "s"]), "");
    let back = env.home.join("back");
    env.ok(&["cp", "s:/home/app/f", back.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&back).unwrap(), "plain\n");
}

#[test]
fn cp_errors_are_one_line() {
    let (env, bb) = busybox("cp-errors");
    env.ok(&["create", "--name", "c", &bb]);
    let home = env.home.to_str().unwrap().to_string();
    for (args, what) in [
        (vec!["cp", "c:/does/not/exist", home.as_str()], "no such file"),
        (vec!["cp", "/does/not/exist", "c:/tmp"], "no such file"),
        (vec!["cp", "nosuch:/etc", home.as_str()], "no such container"),
        (vec!["cp", "/etc/hostname", "/tmp/x"], "CONTAINER:PATH"),
    ] {
        let out = env.fails(&args, 125);
        assert!(out.assert_one_error_line().contains(what), "{what}: {}", out.dump());
    }
    // Nothing was left beside the destination.
    assert!(list_dir(&env.home).iter().all(|n| !n.starts_with(".rpod-cp")), "{:?}", list_dir(&env.home));
}

#[test]
fn diff_and_export() {
    let (env, bb) = busybox("cp-diff-export");
    env.ok(&[
        "run",
        "--name",
        "d",
        &bb,
        "sh",
        "-c",
        "echo new > /etc/added; echo x >> /etc/group; rm /etc/passwd; mkdir -p /newdir/sub; ln -s /etc/passwd /evil",
    ]);
    let out = env.ok(&["diff", "d"]);
    for line in ["C /etc", "A /etc/added", "C /etc/group", "D /etc/passwd", "A /newdir", "A /newdir/sub", "A /evil"] {
        assert!(out.lines().any(|l| l == line), "{line:?} missing from:\n{out}");
    }
    let mut sorted: Vec<&str> = out.lines().collect();
    sorted.sort_by_key(|l| &l[2..]);
    assert_eq!(out.lines().collect::<Vec<_>>(), sorted, "sorted by path");
    let j: serde_json::Value = serde_json::from_str(&env.ok(&["diff", "--format", "json", "d"])).unwrap();
    assert_eq!(j["deleted"], serde_json::json!(["/etc/passwd"]));
    // export, stopped and running: the root file system only, no /proc content, no volumes.
    env.ok(&["run", "-d", "--name", "r", "-v", "vol:/data", &bb, "sh", "-c", "echo run > /ran; echo v > /data/v; sleep 600"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    for c in ["d", "r"] {
        let file = env.home.join(format!("{c}.tar"));
        env.ok(&["export", "-o", file.to_str().unwrap(), c]);
        let mut names = Vec::new();
        let mut a = tar::Archive::new(std::fs::File::open(&file).unwrap());
        for e in a.entries().unwrap() {
            let e = e.unwrap();
            names.push(e.path().unwrap().display().to_string());
        }
        assert!(names.iter().any(|n| n == "bin/busybox"), "{c}: {names:?}");
        assert!(names.iter().any(|n| n == "etc/group"), "{c}");
        assert!(!names.iter().any(|n| n.starts_with("proc/") && n.len() > 5), "{c}: /proc content exported");
        assert!(!names.iter().any(|n| n == "data/v"), "{c}: a volume's content exported");
        if c == "d" {
            assert!(!names.iter().any(|n| n == "etc/passwd") && names.iter().any(|n| n == "etc/added"));
        } else {
            assert!(names.iter().any(|n| n == "ran"), "{names:?}");
        }
    }
    env.ok(&["rm", "-f", "r"]);
}

/// CVE-2018-15664 class, raced, for `rpod diff`: while diff lists the
/// container's upper directory, container root keeps swapping a directory
/// for a symlink to a host directory the user owns. Each diff either
/// succeeds or fails in one line, and never lists the host directory's
/// entries (it descends through descriptors opened O_NOFOLLOW).
#[test]
fn symlink_exchange_during_diff_never_lists_the_host() {
    let (env, bb) = busybox("cp-diff-race");
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
    env.ok(&["run", "-d", "--name", "racer", "--network", "none", &bb, "sh", "-c", &script]);
    for _ in 0..100 {
        if env.rpod(&["exec", "racer", "cat", "/ready"]).success() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let (mut ok, mut saw_own) = (0, false);
    for _ in 0..30 {
        let out = env.rpod(&["diff", "racer"]);
        if out.success() {
            ok += 1;
            assert!(!out.stdout.contains("host-only-marker"), "diff listed the host directory:\n{}", out.stdout);
            saw_own |= out.stdout.contains("/d/f1");
        } else {
            assert_eq!(out.code, 125, "{}", out.dump());
            out.assert_one_error_line();
        }
    }
    env.ok(&["rm", "-f", "-t", "0", "racer"]);
    assert!(ok > 0, "no diff succeeded in 30 tries");
    eprintln!("{ok} of 30 diffs succeeded; the container's own files seen: {saw_own}");
}

/// `cp -a`/`--archive` (Podman's default true): what is copied into a
/// container belongs to the container's user (`--user 1000:1000` here), a
/// setuid bit surviving the chown; `--archive=false` keeps the archive's
/// owners: a host file of the user's is container root's, a tar stream's ids
/// stay as written. Hostile (CVE-2019-14271 / CVE-2018-15664 class): the
/// owners are set inside the container's root, on the entries unpacked
/// there, never following a link: a stream entry that is a symlink to
/// `/etc/passwd` is chowned itself and the container's /etc/passwd keeps
/// root as owner.
#[test]
fn cp_archive_gives_copies_to_the_containers_user() {
    use std::os::unix::fs::PermissionsExt;
    let (env, bb) = busybox("cp-archive");
    env.ok(&["create", "--name", "u", "--network", "none", "--user", "1000:1000", &bb, "sleep", "600"]);
    let dir = env.home.join("tree");
    env.write_file(&dir.join("a"), "a\n");
    env.write_file(&dir.join("sub/b"), "b\n");
    std::fs::set_permissions(dir.join("a"), std::fs::Permissions::from_mode(0o4755)).unwrap();
    // Stopped, then running.
    env.ok(&["cp", dir.to_str().unwrap(), "u:/tmp/tree"]);
    env.ok(&["start", "u"]);
    env.ok(&["cp", "--archive=false", dir.to_str().unwrap(), "u:/tmp/kept"]);
    env.ok(&["cp", "-a", dir.join("sub/b").to_str().unwrap(), "u:/tmp/one"]);
    let mut b = tar::Builder::new(Vec::new());
    let data = b"ids\n";
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o640);
    h.set_uid(1234);
    h.set_gid(5678);
    h.set_cksum();
    b.append_data(&mut h, "streamed", &data[..]).unwrap();
    let mut l = tar::Header::new_gnu();
    l.set_entry_type(tar::EntryType::Symlink);
    l.set_size(0);
    l.set_uid(1234);
    l.set_gid(5678);
    l.set_mode(0o777);
    b.append_link(&mut l, "passwd-link", "/etc/passwd").unwrap();
    let bytes = b.into_inner().unwrap();
    let stream = std::str::from_utf8(&bytes).unwrap();
    let out = env.run_full(&["cp", "--archive=false", "-", "u:/tmp"], &[], Some(stream));
    assert_eq!(out.code, 0, "{}", out.dump());
    let out = env.run_full(&["cp", "-", "u:/home"], &[], Some(stream));
    assert_eq!(out.code, 0, "{}", out.dump());
    let got = env.ok(&[
        "exec",
        "u",
        "stat",
        "-c",
        "%n %u:%g %a",
        "/tmp/tree",
        "/tmp/tree/a",
        "/tmp/tree/sub/b",
        "/tmp/kept/a",
        "/tmp/one",
        "/tmp/streamed",
        "/home/streamed",
        "/etc/passwd",
    ]);
    assert_eq!(
        got,
        "/tmp/tree 1000:1000 755\n/tmp/tree/a 1000:1000 4755\n/tmp/tree/sub/b 1000:1000 644\n/tmp/kept/a 0:0 4755\n/tmp/one 1000:1000 644\n\
         /tmp/streamed 1234:5678 640\n/home/streamed 1000:1000 640\n/etc/passwd 0:0 644\n"
    );
    let links = env.ok(&["exec", "u", "stat", "-c", "%n %u:%g", "/tmp/passwd-link", "/home/passwd-link"]);
    assert_eq!(links, "/tmp/passwd-link 1234:5678\n/home/passwd-link 1000:1000\n", "links are chowned themselves");
    env.fails(&["cp", "--archive=maybe", dir.to_str().unwrap(), "u:/tmp"], 125).assert_one_error_line();
    env.ok(&["rm", "-f", "-t", "0", "u"]);
}

/// No library from the container is ever loaded by an rpod process
/// (CVE-2019-14271: docker cp's helper, chrooted into the container, let
/// glibc's NSS dlopen the container's libnss_*.so). The container names an
/// NSS module of its own in /etc/nsswitch.conf for every database and runs
/// as a user given by name; `rpod cp -a` both ways, on the stopped and the
/// running container, under `LD_DEBUG=files,libs` written per process
/// (`LD_DEBUG_OUTPUT`: the helpers' stderr may not reach us): the dynamic
/// loader never tries the planted module, and nothing at all is dlopen'd.
#[test]
fn cve_2019_14271_cp_loads_no_library_from_the_container() {
    let (env, bb) = busybox("cp-nss");
    env.ok(&["create", "--name", "n", "--network", "none", "--user", "app", &bb, "sleep", "600"]);
    // The planted NSS configuration and module (junk: the loader's attempt is what counts).
    let plant = env.home.join("plant");
    env.write_file(&plant.join("etc/nsswitch.conf"), "passwd: evil\ngroup: evil\nshadow: evil\nhosts: evil\ninitgroups: evil\n");
    for d in ["lib", "lib/x86_64-linux-gnu", "lib64", "usr/lib", "usr/lib/x86_64-linux-gnu"] {
        env.write_file(&plant.join(d).join("libnss_evil.so.2"), "junk\n");
    }
    env.ok(&["cp", &format!("{}/.", plant.display()), "n:/"]);
    let src = env.home.join("in.txt");
    env.write_file(&src, "in\n");
    let debug = env.home.join("lddebug");
    std::fs::create_dir_all(&debug).unwrap();
    if is_root() {
        std::os::unix::fs::chown(&debug, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    let prefix = debug.join("ld").display().to_string();
    let vars = [("LD_DEBUG", "files,libs"), ("LD_DEBUG_OUTPUT", prefix.as_str())];
    for state in ["stopped", "running"] {
        if state == "running" {
            env.ok(&["start", "n"]);
        }
        let back = env.home.join(format!("out-{state}"));
        for args in [
            vec!["cp", "-a", src.to_str().unwrap(), "n:/home/app/in.txt"],
            vec!["cp", "-a", "n:/home/app/in.txt", back.to_str().unwrap()],
            vec!["cp", "-a", "n:/etc/nsswitch.conf", env.home.join(format!("nss-{state}")).to_str().unwrap()],
        ] {
            let out = env.rpod_env(&args, &vars);
            assert_eq!(out.code, 0, "{}", out.dump());
        }
        assert_eq!(std::fs::read_to_string(&back).unwrap(), "in\n");
        assert!(std::fs::read_to_string(env.home.join(format!("nss-{state}"))).unwrap().starts_with("passwd: evil"));
    }
    assert_eq!(env.ok(&["exec", "n", "stat", "-c", "%U", "/home/app/in.txt"]), "app\n", "-a gives the copy to the container's user");
    let logs = list_dir(&debug);
    assert!(!logs.is_empty(), "LD_DEBUG_OUTPUT wrote nothing: the check would be blind");
    let all: String = logs.iter().map(|f| std::fs::read_to_string(debug.join(f)).unwrap()).collect();
    assert!(all.contains("file=libc.so.6"), "the loader's log lacks the start-up loads: {all}");
    assert!(!all.contains("libnss_evil"), "an rpod process tried the container's NSS module:\n{all}");
    assert!(!all.contains("dynamically loaded"), "an rpod process dlopen'd a library:\n{all}");
}

//! Bind mounts, tmpfs mounts and volumes (issue 15), as the unprivileged
//! test user: `-v`, `--mount`, `--tmpfs`, `volume create/ls/inspect/rm/
//! prune/exists`, anonymous volumes and their removal, copy-up, and mount
//! destinations resolved inside the container's root.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use common::*;
use rpod::systemd::unit::{split_words, UnitFile};

fn busybox(name: &str) -> (TestEnv, String) {
    let env = TestEnv::new(name);
    env.pull(&img("busybox"));
    (env, img("busybox"))
}

/// A host directory owned by the test user holding `f` ("host\n").
fn host_dir(env: &TestEnv, name: &str) -> PathBuf {
    let d = env.home.join(name);
    env.write_file(&d.join("f"), "host\n");
    d
}

fn volume_names(env: &TestEnv) -> Vec<String> {
    let mut v: Vec<String> = env.ok(&["volume", "ls", "-q"]).lines().map(str::to_string).collect();
    v.sort();
    v
}

#[test]
fn bind_mount_read_write_and_read_only() {
    let (env, bb) = busybox("vol-bind");
    let dir = host_dir(&env, "share");
    let v = format!("{}:/data", dir.display());
    // Read, and write back: the file appears on the host, owned by the user
    // (container root is the user).
    let out = env.ok(&["run", "--rm", "-v", &v, &bb, "sh", "-c", "cat /data/f; echo ctr > /data/new"]);
    assert_eq!(out, "host\n");
    assert_eq!(std::fs::read_to_string(dir.join("new")).unwrap(), "ctr\n");
    assert_eq!(std::fs::metadata(dir.join("new")).unwrap().uid(), env.user.uid);
    // `:ro` is enforced by the kernel, for -v and for --mount.
    for flags in [vec!["-v".to_string(), format!("{v}:ro,z")], vec!["--mount".into(), format!("type=bind,source={},target=/data,readonly", dir.display())]] {
        let mut args: Vec<&str> = vec!["run", "--rm"];
        args.extend(flags.iter().map(String::as_str));
        args.extend([bb.as_str(), "sh", "-c", "cat /data/f; echo x > /data/f; echo x > /data/other; grep ' /data ' /proc/mounts"]);
        let out = env.rpod(&args);
        assert_eq!(out.code, 0, "{}", out.dump());
        assert!(out.stdout.starts_with("host\n"), "{}", out.dump());
        assert!(out.stderr.contains("Read-only file system"), "{}", out.dump());
        assert!(out.stdout.contains(" ro,") || out.stdout.contains(" ro "), "the mount is not read-only: {}", out.dump());
        assert_eq!(std::fs::read_to_string(dir.join("f")).unwrap(), "host\n", "{flags:?}");
        assert!(!dir.join("other").exists(), "{flags:?}");
    }
    // A file bound onto a file, and nosuid/noexec reach the mount.
    let f = format!("{}:/etc/bound:ro,noexec,nosuid", dir.join("f").display());
    let out = env.ok(&["run", "--rm", "-v", &f, &bb, "sh", "-c", "cat /etc/bound; grep ' /etc/bound ' /proc/mounts"]);
    assert!(out.starts_with("host\n"), "{out}");
    assert!(out.contains("nosuid") && out.contains("noexec"), "{out}");
}

#[test]
fn missing_host_path_is_one_error_line() {
    let (env, bb) = busybox("vol-missing");
    let missing = env.home.join("does-not-exist");
    for args in [
        vec!["run".to_string(), "--rm".into(), "-v".into(), format!("{}:/x", missing.display()), bb.clone(), "true".into()],
        vec!["create".to_string(), "--mount".into(), format!("type=bind,src={},dst=/x", missing.display()), bb.clone()],
    ] {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = env.fails(&a, 125);
        let line = out.assert_one_error_line();
        assert!(line.contains("no such file or directory") && line.contains("does-not-exist"), "{}", out.dump());
    }
    // Bad syntax: one line, 125, nothing created.
    for bad in ["/a:/b:bogus", "rel:relative", "/x:/y:U"] {
        let out = env.fails(&["create", "-v", bad, &bb], 125);
        out.assert_one_error_line();
    }
    let out = env.fails(&["create", "--mount", "type=bind,target=/x", &bb], 125);
    out.assert_one_error_line();
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "", "a refused create left a container");
    assert!(volume_names(&env).is_empty());
}

#[test]
fn tmpfs_mounts_with_podman_defaults() {
    let (env, bb) = busybox("vol-tmpfs");
    let out = env.ok(&[
        "run",
        "--rm",
        "--tmpfs",
        "/scratch:size=1m,mode=1770",
        &bb,
        "sh",
        "-c",
        "grep ' /scratch ' /proc/mounts; stat -c %a /scratch; echo ok > /scratch/f && cat /scratch/f",
    ]);
    let line = out.lines().next().unwrap_or("");
    assert!(line.starts_with("tmpfs /scratch tmpfs "), "{out}");
    for o in ["nosuid", "nodev", "noexec", "size=1024k"] {
        assert!(line.contains(o), "{o} missing: {out}");
    }
    assert!(out.contains("\n1770\nok\n"), "{out}");
    // --mount type=tmpfs, read-only.
    let out = env.rpod(&["run", "--rm", "--mount", "type=tmpfs,target=/t,ro", &bb, "sh", "-c", "touch /t/x"]);
    assert_ne!(out.code, 0, "{}", out.dump());
    assert!(out.stderr.contains("Read-only file system"), "{}", out.dump());
    // Replacing a default mount (/dev/shm) works.
    let out = env.ok(&["run", "--rm", "--tmpfs", "/dev/shm:size=2m", &bb, "grep", " /dev/shm ", "/proc/mounts"]);
    assert!(out.contains("size=2048k") && out.lines().count() == 1, "{out}");
}

#[test]
fn named_volume_data_survives_rm_and_appears_in_a_new_container() {
    let (env, bb) = busybox("vol-named");
    assert_eq!(env.ok(&["volume", "create", "--label", "team=db", "data"]), "data\n");
    let out = env.fails(&["volume", "create", "data"], 125);
    assert!(out.assert_one_error_line().contains("already exists"), "{}", out.dump());
    assert_eq!(env.ok(&["volume", "create", "--ignore", "data"]), "data\n");
    env.ok(&["run", "--name", "writer", "-v", "data:/var/lib/data", &bb, "sh", "-c", "echo persisted > /var/lib/data/x"]);
    let i: serde_json::Value = serde_json::from_str(&env.ok(&["inspect", "writer"])).unwrap();
    let m = &i[0]["Mounts"][0];
    assert_eq!(
        (m["Type"].as_str(), m["Name"].as_str(), m["Destination"].as_str(), m["RW"].as_bool()),
        (Some("volume"), Some("data"), Some("/var/lib/data"), Some(true)),
        "{i}"
    );
    env.ok(&["rm", "-v", "writer"]);
    assert_eq!(env.ok(&["run", "--rm", "-v", "data:/d:ro", &bb, "cat", "/d/x"]), "persisted\n");
    // inspect: Podman's fields; the data is where Mountpoint says.
    let v: serde_json::Value = serde_json::from_str(&env.ok(&["volume", "inspect", "data"])).unwrap();
    let v = &v[0];
    assert_eq!(v["Name"], "data");
    assert_eq!(v["Driver"], "local");
    assert_eq!(v["Labels"]["team"], "db");
    let mp = PathBuf::from(v["Mountpoint"].as_str().unwrap());
    assert_eq!(mp, env.store().join("volumes/data/_data"));
    assert_eq!(std::fs::read_to_string(mp.join("x")).unwrap(), "persisted\n");
    // ls: table, -q, filters, json, template; exists.
    env.ok(&["volume", "create", "other"]);
    let table = env.ok(&["volume", "ls"]);
    assert_eq!(table_cells(table.lines().next().unwrap()), ["DRIVER", "VOLUME NAME"]);
    assert_eq!(volume_names(&env), ["data", "other"]);
    assert_eq!(env.ok(&["volume", "ls", "-q", "--filter", "label=team=db"]), "data\n");
    assert_eq!(env.ok(&["volume", "ls", "--format", "{{.Name}} {{.Driver}}", "--filter", "name=oth"]), "other local\n");
    let j: serde_json::Value = serde_json::from_str(&env.ok(&["volume", "ls", "--format", "json"])).unwrap();
    assert_eq!(j.as_array().unwrap().len(), 2);
    env.ok(&["volume", "exists", "data"]);
    env.fails(&["volume", "exists", "nope"], 1);
    let out = env.fails(&["volume", "inspect", "nope"], 125);
    assert!(out.stderr.contains("no such volume"), "{}", out.dump());
    // Unsupported driver and options are refused, not ignored.
    env.fails(&["volume", "create", "--driver", "nfs", "x"], 125).assert_one_error_line();
    for opt in ["type=ext4", "foo=bar", "o=size=1m", "o=uid=x"] {
        env.fails(&["volume", "create", "--opt", opt, "x"], 125).assert_one_error_line();
    }
    env.fails(&["volume", "create", "../escape"], 125).assert_one_error_line();
    assert_eq!(volume_names(&env), ["data", "other"]);
}

#[test]
fn volume_rm_refuses_a_volume_in_use() {
    let (env, bb) = busybox("vol-inuse");
    // `-v NAME:` creates a missing volume.
    let id = env.ok(&["create", "--name", "user", "-v", "auto:/d", &bb]).trim().to_string();
    assert_eq!(volume_names(&env), ["auto"]);
    let out = env.fails(&["volume", "rm", "auto"], 2);
    assert!(out.assert_one_error_line().contains(&id), "{}", out.dump());
    assert_eq!(volume_names(&env), ["auto"]);
    // prune leaves it too; dangling filter shows it is used.
    assert_eq!(env.ok(&["volume", "prune", "-f"]), "");
    assert_eq!(env.ok(&["volume", "ls", "-q", "--filter", "dangling=false"]), "auto\n");
    // -f removes the container first.
    assert_eq!(env.ok(&["volume", "rm", "-f", "auto"]), "auto\n");
    assert!(volume_names(&env).is_empty());
    env.fails(&["container", "exists", "user"], 1);
    env.fails(&["volume", "rm", "auto"], 1);
    // prune removes unused volumes, content owned by a subordinate id included.
    env.ok(&["run", "--rm", "-v", "p1:/d", &bb, "sh", "-c", "touch /d/f && chown 1234:1234 /d/f"]);
    env.ok(&["volume", "create", "p2"]);
    let mut pruned: Vec<String> = env.ok(&["volume", "prune", "-f"]).lines().map(str::to_string).collect();
    pruned.sort();
    assert_eq!(pruned, ["p1", "p2"]);
    assert!(volume_names(&env).is_empty());
    assert!(list_dir(&env.store().join("volumes")).iter().all(|n| n.starts_with('.')), "{:?}", list_dir(&env.store().join("volumes")));
}

#[test]
fn rm_and_run_rm_remove_anonymous_volumes_and_keep_named_ones() {
    let (env, bb) = busybox("vol-anon");
    env.ok(&["run", "--rm", "-v", "keep:/n", "-v", "/anon", &bb, "sh", "-c", "echo x > /anon/f; echo y > /n/f"]);
    assert_eq!(volume_names(&env), ["keep"], "--rm must remove the anonymous volume and keep the named one");
    // rm without -v keeps the anonymous volume; rm -v removes it.
    env.ok(&["create", "--name", "c1", "-v", "/anon1", &bb]);
    env.ok(&["create", "--name", "c2", "--mount", "type=volume,target=/anon2", &bb]);
    let anon: Vec<String> = volume_names(&env).into_iter().filter(|n| n != "keep").collect();
    assert_eq!(anon.len(), 2);
    assert!(anon.iter().all(|n| is_hex64(n)), "{anon:?}");
    assert_eq!(env.ok(&["volume", "ls", "-q", "--filter", "anonymous=true"]).lines().count(), 2);
    env.ok(&["rm", "c1"]);
    assert_eq!(volume_names(&env).len(), 3);
    env.ok(&["rm", "-v", "c2"]);
    assert_eq!(volume_names(&env).len(), 2, "rm -v removed c2's anonymous volume only");
    // A detached --rm container removes its anonymous volume too.
    env.ok(&["run", "-d", "--rm", "-v", "/anon3", &bb, "true"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while volume_names(&env).len() != 2 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(volume_names(&env).len(), 2);
    // The image's VOLUME (hostile:mountlink declares /evil/imgvol) becomes
    // an anonymous volume: removed by --rm, by rm -v, kept by plain rm.
    let before = volume_names(&env);
    let image = img("hostile:mountlink");
    env.pull(&image);
    env.ok(&["run", "--rm", &image, "true"]);
    assert_eq!(volume_names(&env), before, "--rm left the image VOLUME's anonymous volume");
    for (name, rm) in [("iv1", vec!["rm", "iv1"]), ("iv2", vec!["rm", "-v", "iv2"])] {
        env.ok(&["create", "--name", name, &image]);
        let made: Vec<String> = volume_names(&env).into_iter().filter(|n| !before.contains(n)).collect();
        assert_eq!(made.len(), 1, "{made:?}");
        let i: serde_json::Value = serde_json::from_str(&env.ok(&["inspect", name])).unwrap();
        assert_eq!((i[0]["Mounts"][0]["Name"].as_str(), i[0]["Mounts"][0]["Destination"].as_str()), (Some(made[0].as_str()), Some("/evil/imgvol")), "{i}");
        env.ok(&rm);
        let left = volume_names(&env).contains(&made[0]);
        assert_eq!(left, name == "iv1", "{rm:?}: the anonymous volume {}", if left { "stayed" } else { "went" });
        if left {
            env.ok(&["volume", "rm", &made[0]]);
        }
    }
}

#[test]
fn new_volume_over_image_content_is_filled_first() {
    let (env, bb) = busybox("vol-copyup");
    // busybox's /etc into a new named volume, owners and modes kept.
    let out = env.ok(&["run", "--rm", "-v", "etc:/etc", &bb, "sh", "-c", "grep ^root: /etc/passwd; stat -c '%a %u' /etc/passwd; echo added > /etc/added"]);
    assert_eq!(out, "root:x:0:0:root:/root:/bin/sh\n644 0\n");
    let data = env.store().join("volumes/etc/_data");
    assert!(data.join("group").is_file());
    // busybox's /home/app is 1000:1000: the copy keeps the owner (a subordinate id on the host).
    env.ok(&["run", "--rm", "-v", "home:/home", &bb, "true"]);
    assert_eq!(std::fs::metadata(env.store().join("volumes/home/_data/app")).unwrap().uid(), env.user.host_uid(1000));
    // Copy-up happens once: what the first container did stays, nothing is copied again.
    std::fs::remove_file(data.join("group")).ok();
    let out = env.ok(&["run", "--rm", "-v", "etc:/etc", &bb, "sh", "-c", "cat /etc/added; ls /etc/group 2>&1 || true"]);
    assert!(out.starts_with("added\n") && out.contains("No such file"), "{out}");
    // nocopy: an empty volume (but for the mount points of the network's
    // per-start files, bound over it as Podman does).
    let listing = env.ok(&["run", "--rm", "-v", "empty:/etc:nocopy", &bb, "/bin/ls", "-A", "/etc"]);
    assert_eq!(listing, "hostname\nhosts\nresolv.conf\n");
    for f in ["hostname", "hosts", "resolv.conf"] {
        assert_eq!(std::fs::metadata(env.store().join("volumes/empty/_data").join(f)).unwrap().len(), 0, "{f} content leaked into the volume");
    }
}

/// CVE-2021-30465 class (runc's mount destination symlink race): a mount
/// destination that is, or passes through, a symlink in the image must be
/// resolved inside the container's root. The image `hostile:mountlink` has
/// `/evil -> /tmp/rpod-mount-escape` (absolute), `/evil-rel -> ../../..
/// /tmp/rpod-mount-escape` (climbing) and `/evil-dangling ->
/// /tmp/rpod-mount-escape-dangling` (missing in the image), plus a `VOLUME`
/// at `/evil/imgvol`. The same paths exist on the host, owned by the test
/// user: a destination resolved on the host would create mount points there.
#[test]
fn cve_2021_30465_mount_destinations_stay_inside_the_root() {
    let (env, _) = busybox("vol-cve-2021-30465");
    let image = img("hostile:mountlink");
    env.pull(&image);
    let baits: Vec<PathBuf> = ["/tmp/rpod-mount-escape", "/tmp/rpod-mount-escape-dangling"].iter().map(PathBuf::from).collect();
    for b in &baits {
        let _ = std::fs::remove_dir_all(b);
        std::fs::create_dir(b).unwrap();
        if is_root() {
            std::os::unix::fs::lchown(b, Some(env.user.uid), Some(env.user.gid)).unwrap();
        }
    }
    let src = host_dir(&env, "src");
    let s = src.display().to_string();
    let out = env.ok(&[
        "run",
        "--rm",
        "-v",
        &format!("{s}:/evil/sub"),
        "-v",
        &format!("{s}:/evil-rel/sub2:ro"),
        "-v",
        &format!("{s}:/evil-dangling/sub3"),
        "--tmpfs",
        "/evil-rel/t",
        &image,
        "sh",
        "-c",
        "cat /tmp/rpod-mount-escape/sub/f /tmp/rpod-mount-escape/sub2/f /tmp/rpod-mount-escape-dangling/sub3/f /tmp/rpod-mount-escape/imgvol/seed; \
         grep -c ' /tmp/rpod-mount-escape/t tmpfs' /proc/mounts",
    ]);
    assert_eq!(out, "host\nhost\nhost\nseed\n1\n");
    // The destination itself a symlink: the bind covers what it names inside.
    let out = env.ok(&["run", "--rm", "-v", &format!("{s}:/evil"), &image, "cat", "/tmp/rpod-mount-escape/f"]);
    assert_eq!(out, "host\n");
    for b in &baits {
        assert_eq!(list_dir(b), Vec::<String>::new(), "a mount point was created on the host in {}", b.display());
        let _ = std::fs::remove_dir_all(b);
    }
    // The bind's source holds only its file, and the mount point the image
    // VOLUME under /evil needed once /evil was that bind (as with Podman).
    assert!(list_dir(&src).iter().all(|n| n == "f" || n == "imgvol"), "{:?}", list_dir(&src));
    assert!(Path::new(&s).join("f").is_file());
}

/// `--userns=keep-id`: the user's own uid and gid inside, so what the
/// container writes in a bind mount is the user's on the host; the image's
/// files keep their owners (native overlay over the layers' copies shifted
/// for this mapping, made once and shared: docs/decisions.md).
#[test]
fn keep_id_files_written_in_a_bind_mount_belong_to_the_user() {
    let (env, bb) = busybox("vol-keepid");
    let dir = host_dir(&env, "work");
    let v = format!("{}:/work", dir.display());
    let (uid, gid) = (env.user.uid, env.user.gid);
    let script = "id -u; id -g; echo made > /work/made; mkdir /work/dir; stat -c '%u:%g' /work/f /etc/passwd /home/app; echo up > /tmp/upper && stat -c '%u:%g' /tmp/upper";
    let out = env.ok(&["run", "--rm", "--userns=keep-id", "-v", &v, &bb, "sh", "-c", script]);
    assert_eq!(out, format!("{uid}\n{gid}\n{uid}:{gid}\n0:0\n1000:1000\n{uid}:{gid}\n"));
    for p in ["made", "dir"] {
        let md = std::fs::metadata(dir.join(p)).unwrap();
        assert_eq!((md.uid(), md.gid()), (uid, gid), "{p} on the host");
    }
    // keep-id:uid=,gid= picks the container ids that are the user; root
    // inside is then a subordinate id, so its files are not the user's.
    let out = env.ok(&["run", "--rm", "--userns=keep-id:uid=1000,gid=1000", "-v", &v, &bb, "sh", "-c", "id -un; touch /work/app-made; stat -c %u /home/app"]);
    assert_eq!(out, "app\n1000\n");
    assert_eq!(std::fs::metadata(dir.join("app-made")).unwrap().uid(), uid);
    let out = env.ok(&["run", "--rm", "--userns=keep-id:uid=1000,gid=1000", "-u", "0", "-v", &v, &bb, "sh", "-c", "touch /work/root-made; id -u"]);
    assert_eq!(out, "0\n");
    assert_eq!(std::fs::metadata(dir.join("root-made")).unwrap().uid(), env.user.host_uid(1));
    // Bad modes: one line, 125.
    for bad in ["keep-id:uid=x", "keep-id:size=x", "keep-id:uid=10,size=10", "bogus", "keep-id:uid=4000000000"] {
        env.fails(&["create", &format!("--userns={bad}"), &bb], 125).assert_one_error_line();
    }
    // keep-id:size=N: a namespace of N ids; vfs copies the shifted layers.
    let out = env.ok(&["run", "--rm", "--userns=keep-id:size=2000", &bb, "cat", "/proc/self/uid_map"]);
    assert_eq!(out.split_whitespace().skip(2).step_by(3).map(|n| n.parse::<u64>().unwrap()).sum::<u64>(), 2000, "{out}");
    let out = env.ok(&["--storage-driver", "vfs", "run", "--rm", "--userns=keep-id", &bb, "sh", "-c", "id -u; stat -c %u /etc/passwd"]);
    assert_eq!(out, format!("{uid}\n0\n"));
}

#[test]
fn volumes_from_another_container() {
    let (env, bb) = busybox("vol-from");
    let dir = host_dir(&env, "shared");
    let b = format!("{}:/b", dir.display());
    env.ok(&["create", "--name", "src", "-v", "named:/n", "-v", "/anon", "-v", &b, "--tmpfs", "/t", &bb]);
    assert_eq!(volume_names(&env).len(), 2);
    // Volumes and binds come along, tmpfs mounts do not.
    let out = env.ok(&["run", "--rm", "--volumes-from", "src", &bb, "sh", "-c", "echo n > /n/f; echo a > /anon/f; cat /b/f; test -d /t || echo no-tmpfs"]);
    assert_eq!(out, "host\nno-tmpfs\n");
    // --rm of the borrower leaves the lender's anonymous volume alone.
    assert_eq!(volume_names(&env).len(), 2);
    // :ro makes them read-only.
    let out = env.rpod(&["run", "--rm", "--volumes-from", "src:ro", &bb, "sh", "-c", "cat /n/f /anon/f; touch /n/x"]);
    assert_eq!(out.stdout, "n\na\n", "{}", out.dump());
    assert!(out.stderr.contains("Read-only file system"), "{}", out.dump());
    // The lender's volumes are in use while a borrower exists.
    env.ok(&["create", "--name", "borrower", "--volumes-from", "src", &bb]);
    env.ok(&["rm", "-v", "src"]);
    assert_eq!(volume_names(&env).len(), 2, "the anonymous volume is still used by the borrower");
    env.fails(&["volume", "rm", "named"], 2);
    for bad in ["borrower:bogus", "nosuch"] {
        env.fails(&["create", "--volumes-from", bad, &bb], 125).assert_one_error_line();
    }
}

#[test]
fn volume_export_and_import() {
    let (env, bb) = busybox("vol-export");
    env.ok(&["run", "--rm", "-v", "src:/d", &bb, "sh", "-c", "mkdir /d/sub; echo one > /d/sub/f; chown 1000:1000 /d/sub/f; ln -s /etc/passwd /d/link"]);
    let tarball = env.home.join("vol.tar");
    env.ok(&["volume", "export", "-o", tarball.to_str().unwrap(), "src"]);
    let mut names = Vec::new();
    for e in tar::Archive::new(std::fs::File::open(&tarball).unwrap()).entries().unwrap() {
        let e = e.unwrap();
        names.push((e.path().unwrap().display().to_string().trim_end_matches('/').to_string(), e.header().uid().unwrap()));
    }
    names.sort();
    assert_eq!(names.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["link", "sub", "sub/f"]);
    assert_eq!(names[2].1, 1000, "owners are exported as container ids");
    env.ok(&["volume", "create", "dst"]);
    env.ok(&["volume", "import", "dst", tarball.to_str().unwrap()]);
    let out = env.ok(&["run", "--rm", "-v", "dst:/d", &bb, "sh", "-c", "cat /d/sub/f; stat -c %u /d/sub/f; readlink /d/link"]);
    assert_eq!(out, "one\n1000\n/etc/passwd\n");
    // A link a container planted in the volume is not followed by import.
    let bait = env.home.join("bait");
    std::fs::create_dir(&bait).unwrap();
    if is_root() {
        std::os::unix::fs::lchown(&bait, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    env.ok(&["run", "--rm", "-v", "dst:/d", &bb, "sh", "-c", &format!("rm -r /d/sub; ln -s {} /d/sub", bait.display())]);
    let out = env.rpod(&["volume", "import", "dst", tarball.to_str().unwrap()]);
    assert_ne!(out.code, 0, "{}", out.dump());
    assert!(list_dir(&bait).is_empty(), "import wrote through a planted link: {:?}", list_dir(&bait));
    env.fails(&["volume", "export", "nosuch"], 125).assert_one_error_line();
}

/// `U`: the source is chowned to the container's user through the
/// container's mapping, recursively. Links inside it are chowned themselves
/// and never followed, so a link to a host file the user owns leaves that
/// file alone (CVE-2021-20199 / CVE-2018-15664 class: a chown that follows
/// a link); a source path that has become a symlink since `create` is
/// refused at start, its target untouched (symlink-swap race class).
#[test]
fn u_option_chowns_the_source_without_following_links() {
    let (env, bb) = busybox("vol-chown");
    let dir = host_dir(&env, "owned");
    env.write_file(&dir.join("sub/g"), "g\n");
    let secret = env.home.join("secret");
    env.write_file(&secret, "s\n");
    let secret_dir = env.home.join("secretdir");
    env.write_file(&secret_dir.join("inner"), "i\n");
    for (to, link) in [(&secret, dir.join("link")), (&secret_dir, dir.join("dirlink"))] {
        std::os::unix::fs::symlink(to, &link).unwrap();
        std::os::unix::fs::lchown(&link, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    let v = format!("{}:/data:U", dir.display());
    let out = env.ok(&[
        "run",
        "--rm",
        "--user",
        "1000:1000",
        "-v",
        &v,
        &bb,
        "sh",
        "-c",
        "stat -c %u:%g /data /data/f /data/sub/g; touch /data/new; stat -c %u /data/new",
    ]);
    assert_eq!(out, "1000:1000\n1000:1000\n1000:1000\n1000\n");
    let (hu, hg) = (env.user.host_uid(1000), env.user.host_gid(1000));
    for p in [dir.clone(), dir.join("f"), dir.join("sub"), dir.join("sub/g"), dir.join("new")] {
        let md = std::fs::metadata(&p).unwrap();
        assert_eq!((md.uid(), md.gid()), (hu, hg), "{}", p.display());
    }
    let md = std::fs::symlink_metadata(dir.join("link")).unwrap();
    assert_eq!(md.uid(), hu, "the link itself changes hands");
    for p in [&secret, &secret_dir, &secret_dir.join("inner")] {
        let md = std::fs::symlink_metadata(p).unwrap();
        assert_eq!((md.uid(), md.gid()), (env.user.uid, env.user.gid), "{} was reached through a link", p.display());
    }
    // U with the default user (container root is the user): back to the user.
    env.ok(&["run", "--rm", "-v", &v, &bb, "true"]);
    assert_eq!(std::fs::metadata(dir.join("sub/g")).unwrap().uid(), env.user.uid);
    // The same through --mount ... ,U=true, on a named volume.
    let out = env.ok(&["run", "--rm", "--user", "1000:1000", "--mount", "type=volume,src=uvol,dst=/v,U=true", &bb, "stat", "-c", "%u:%g", "/v"]);
    assert_eq!(out, "1000:1000\n");
    // The source replaced by a link to another directory after create.
    let swap = env.home.join("swap");
    env.write_file(&swap.join("x"), "x\n");
    let victim = env.home.join("victim");
    env.write_file(&victim.join("v"), "v\n");
    let id = env.ok(&["create", "--user", "1000:1000", "-v", &format!("{}:/data:U", swap.display()), &bb, "true"]);
    std::fs::rename(&swap, env.home.join("swap.real")).unwrap();
    std::os::unix::fs::symlink(&victim, &swap).unwrap();
    let out = env.rpod(&["start", id.trim()]);
    assert_ne!(out.code, 0, "{}", out.dump());
    assert!(out.stderr.contains("a symlink has appeared"), "{}", out.dump());
    for p in [victim.clone(), victim.join("v")] {
        assert_eq!(std::fs::metadata(&p).unwrap().uid(), env.user.uid, "{}", p.display());
    }
}

/// `O`: an overlay over a host directory. The container writes and
/// deletes, the host directory stays as it was, and each start begins from
/// the host's content again; with `upperdir=`/`workdir=` the changes are
/// kept there. A path that would end early in overlay's mount options
/// (`,workdir=...`) is refused in one line (option injection, CWE-88).
#[test]
fn o_option_overlays_a_host_directory() {
    let (env, bb) = busybox("vol-overlay");
    let dir = host_dir(&env, "lower");
    env.write_file(&dir.join("gone"), "g\n");
    let v = format!("{}:/data:O", dir.display());
    let script = "cat /data/f; echo changed > /data/f; echo new > /data/new; rm /data/gone; cat /data/f; ls /data; grep -c ' /data overlay ' /proc/mounts";
    let id = env.ok(&["create", "-v", &v, &bb, "sh", "-c", script]);
    for _ in 0..2 {
        let out = env.ok(&["start", "-a", id.trim()]);
        assert_eq!(out, "host\nchanged\nf\nnew\n1\n");
    }
    assert_eq!(std::fs::read_to_string(dir.join("f")).unwrap(), "host\n");
    assert!(dir.join("gone").exists() && !dir.join("new").exists());
    // Kept changes: in the upper directory, never in the source.
    let (up, work) = (env.home.join("up"), env.home.join("work"));
    env.write_file(&up.join(".keep"), "");
    env.write_file(&work.join(".keep"), "");
    let kept = format!("{}:/data:O,upperdir={},workdir={}", dir.display(), up.display(), work.display());
    env.ok(&["run", "--rm", "-v", &kept, &bb, "sh", "-c", "echo kept > /data/k"]);
    assert_eq!(std::fs::read_to_string(up.join("k")).unwrap(), "kept\n");
    assert!(!dir.join("k").exists());
    let out = env.ok(&["run", "--rm", "-v", &kept, &bb, "cat", "/data/k"]);
    assert_eq!(out, "kept\n");
    // Hostile source names: one line, 125, nothing created.
    let evil = env.home.join("evil,workdir=");
    env.write_file(&evil.join("f"), "");
    let out = env.fails(&["create", "-v", &format!("{}:/data:O", evil.display()), &bb], 125);
    assert!(out.assert_one_error_line().contains("cannot contain"), "{}", out.dump());
    let out = env.fails(&["create", "-v", &format!("{}:/data:O,upperdir={}", dir.display(), up.display()), &bb], 125);
    out.assert_one_error_line();
    assert_eq!(env.ok(&["ps", "-aq"]).lines().count(), 1);
}

/// `idmap`: idmapped mounts need root over the source's file system (the
/// kernel refuses them rootless for host directories: EPERM, measured):
/// one clear line, 125.
#[test]
fn idmap_is_refused_in_one_line() {
    let (env, bb) = busybox("vol-idmap");
    let dir = host_dir(&env, "m");
    for args in [
        vec!["create".to_string(), "-v".into(), format!("{}:/m:idmap", dir.display()), bb.clone()],
        vec!["create".to_string(), "--mount".into(), format!("type=bind,src={},dst=/m,idmap=uids=0-1-1", dir.display()), bb.clone()],
    ] {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = env.fails(&a, 125);
        let line = out.assert_one_error_line();
        assert!(line.contains("\"idmap\"") && line.contains("cannot work rootless"), "{}", out.dump());
    }
}

/// `--mount type=devpts`: a new devpts instance at the destination, with
/// Podman's keys, on which a pty can be opened (its own `ptmx`). The
/// destination is resolved inside the root like any other.
#[test]
fn devpts_mount_is_a_new_instance_with_its_own_ptys() {
    let (env, bb) = busybox("vol-devpts");
    let out = env.ok(&[
        "run",
        "--rm",
        "--mount",
        "type=devpts,destination=/mnt/pts,uid=0,gid=5,mode=620,ptmxmode=0666,max=8",
        &bb,
        "sh",
        "-c",
        // Opening ptmx (fd 3) makes /mnt/pts/0: a pty of this instance, not of /dev/pts.
        "grep ' /mnt/pts ' /proc/mounts; exec 3<>/mnt/pts/ptmx && ls /mnt/pts; stat -c '%a' /mnt/pts/ptmx",
    ]);
    let mount = out.lines().next().unwrap_or_default();
    assert!(mount.starts_with("devpts /mnt/pts devpts"), "{out}");
    // The kernel shows the owner as host ids: container root and group 5.
    let owner = [format!("uid={}", env.user.host_uid(0)), format!("gid={}", env.user.host_gid(5))];
    for o in owner.iter().map(String::as_str).chain(["mode=620", "ptmxmode=666", "max=8"]) {
        assert!(mount.contains(o), "{o} missing: {out}");
    }
    let rest: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rest, ["0", "ptmx", "666"], "{out}");
    // Keys that are not devpts's are refused in one line.
    for bad in ["type=devpts,destination=/p,source=/x", "type=devpts,destination=/p,mode=9", "type=devpts,destination=/p,size=1m"] {
        env.fails(&["create", "--mount", bad, &bb], 125).assert_one_error_line();
    }
}

/// `--mount type=image`: another image's files at the destination,
/// read-only by default; `rw=true` gives a scratch layer that is discarded
/// (nothing reaches the image, nothing survives a restart). The image must
/// be in the store, as in Podman (nothing is pulled for it).
#[test]
fn image_mount_shows_another_image_read_only() {
    let (env, bb) = busybox("vol-image");
    let other = img("hostile:mountlink"); // busybox plus a layer with tmp/rpod-mount-escape/imgvol/seed
    let out = env.fails(&["create", "--mount", &format!("type=image,source={other},destination=/img"), &bb], 125);
    assert!(out.assert_one_error_line().contains("image not known"), "{}", out.dump());
    env.pull(&other);
    // Two layers: an overlay, read-only.
    let m = format!("type=image,source={other},destination=/img");
    let out = env.rpod(&[
        "run",
        "--rm",
        "--mount",
        &m,
        &bb,
        "sh",
        "-c",
        "cat /img/tmp/rpod-mount-escape/imgvol/seed; touch /img/new; grep -c ' /img overlay ro' /proc/mounts",
    ]);
    assert_eq!(out.code, 0, "{}", out.dump());
    assert_eq!(out.stdout, "seed\n1\n", "{}", out.dump());
    assert!(out.stderr.contains("Read-only file system"), "{}", out.dump());
    // One layer (busybox itself): a read-only bind of that layer.
    let out = env.rpod(&["run", "--rm", "--mount", &format!("type=image,src={bb},dst=/bb"), &bb, "sh", "-c", "ls /bb/bin/busybox; touch /bb/new"]);
    assert_eq!((out.code, out.stdout.as_str()), (1, "/bb/bin/busybox\n"), "{}", out.dump());
    assert!(out.stderr.contains("Read-only file system"), "{}", out.dump());
    // Under keep-id the image's files keep their owners, as in the root.
    let m = format!("type=image,source={other},destination=/img");
    let out = env.ok(&["run", "--rm", "--userns=keep-id", "--mount", &m, &bb, "stat", "-c", "%u %n", "/img/bin/busybox", "/bin/busybox"]);
    assert_eq!(out, "0 /img/bin/busybox\n0 /bin/busybox\n");
    // rw=true: writable, discarded at the next start and never in the image.
    let m = format!("type=image,source={other},destination=/img,rw=true");
    env.ok(&[
        "create",
        "--name",
        "w",
        "--mount",
        &m,
        &bb,
        "sh",
        "-c",
        "ls /img/written 2>/dev/null; echo x > /img/written; rm /img/tmp/rpod-mount-escape/imgvol/seed",
    ]);
    env.ok(&["start", "-a", "w"]);
    assert_eq!(env.ok(&["start", "-a", "w"]), "", "the scratch layer survived a restart");
    let out = env.ok(&[
        "run",
        "--rm",
        "--mount",
        &format!("type=image,source={other},destination=/img"),
        &bb,
        "sh",
        "-c",
        "ls /img/written 2>&1; cat /img/tmp/rpod-mount-escape/imgvol/seed",
    ]);
    assert!(out.contains("No such file") && out.ends_with("seed\n"), "{out}");
    let inspect = env.ok(&["inspect", "--format", "{{range .Mounts}}{{.Type}} {{.Source}} {{.Destination}}{{end}}", "w"]);
    assert_eq!(inspect.trim(), format!("image {other} /img"));
}

/// An image mount's destination through a symlink of the container's
/// image lands inside the root (CVE-2021-30465 class).
#[test]
fn cve_2021_30465_image_and_devpts_mount_destinations_stay_inside_the_root() {
    let (env, bb) = busybox("vol-image-cve");
    let image = img("hostile:mountlink");
    env.pull(&image);
    let bait = PathBuf::from("/tmp/rpod-mount-escape");
    let _ = std::fs::remove_dir_all(&bait);
    std::fs::create_dir(&bait).unwrap();
    if is_root() {
        std::os::unix::fs::lchown(&bait, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    let out = env.ok(&[
        "run",
        "--rm",
        "--mount",
        &format!("type=image,source={bb},destination=/evil/img"),
        "--mount",
        "type=devpts,destination=/evil-rel/pts",
        &image,
        "sh",
        "-c",
        "ls /tmp/rpod-mount-escape/img/bin/busybox; grep -c ' /tmp/rpod-mount-escape/pts devpts' /proc/mounts",
    ]);
    assert_eq!(out, "/tmp/rpod-mount-escape/img/bin/busybox\n1\n");
    assert_eq!(list_dir(&bait), Vec::<String>::new(), "a mount point was created on the host");
    let _ = std::fs::remove_dir_all(&bait);
}

/// `volume create --opt` with what rootless Podman's local driver takes:
/// `o=uid=,gid=` (the owner of the data, as the container sees it),
/// `o=nocopy`, `type=tmpfs` with `o=size=,mode=` (a tmpfs in each container
/// that uses it), `type=none,o=bind,device=PATH` (a host path). Anything
/// else, and a missing bind device, is one error line. `volume inspect`
/// shows the options as Podman does.
#[test]
fn volume_create_options_of_the_local_driver() {
    let (env, bb) = busybox("vol-opts");
    let inspect = |name: &str| -> serde_json::Value { serde_json::from_str::<serde_json::Value>(&env.ok(&["volume", "inspect", name])).unwrap()[0].clone() };
    // Owner: the container sees 1000:1001, over image content too (copy-up keeps it).
    env.ok(&["volume", "create", "--opt", "o=uid=1000,gid=1001", "owned"]);
    let v = inspect("owned");
    assert_eq!(v["Options"], serde_json::json!({"GID": "1001", "UID": "1000", "o": "uid=1000,gid=1001"}), "{v}");
    assert_eq!((v["UID"].as_u64(), v["GID"].as_u64()), (Some(1000), Some(1001)), "{v}");
    assert_eq!(std::fs::metadata(env.store().join("volumes/owned/_data")).unwrap().uid(), env.user.host_uid(1000));
    let out = env.ok(&["run", "--rm", "-v", "owned:/etc", &bb, "sh", "-c", "stat -c '%u:%g' /etc; ls /etc/passwd"]);
    assert_eq!(out, "1000:1001\n/etc/passwd\n");
    // nocopy: not filled with the image's /etc.
    env.ok(&["volume", "create", "--opt", "o=nocopy", "empty"]);
    assert_eq!(inspect("empty")["Options"], serde_json::json!({"o": "nocopy"}));
    assert_eq!(env.ok(&["run", "--rm", "-v", "empty:/etc", &bb, "sh", "-c", "ls /etc/passwd 2>/dev/null; true"]), "", "copied up despite nocopy");
    // tmpfs: its options reach the mount; data lasts as long as the container.
    env.ok(&["volume", "create", "--opt", "type=tmpfs", "--opt", "device=tmpfs", "--opt", "o=size=1m,mode=700", "t"]);
    assert_eq!(inspect("t")["Options"], serde_json::json!({"device": "tmpfs", "o": "size=1m,mode=700", "type": "tmpfs"}));
    let out = env.ok(&["run", "--rm", "-v", "t:/data", &bb, "sh", "-c", "grep ' /data ' /proc/mounts; stat -c %a /data; echo x > /data/f"]);
    assert!(out.starts_with("tmpfs /data tmpfs") && out.contains("size=1024k") && out.contains("mode=700"), "{out}");
    assert!(out.ends_with("\n700\n"), "{out}");
    assert_eq!(env.ok(&["run", "--rm", "-v", "t:/data", &bb, "ls", "/data"]), "");
    assert_eq!(list_dir(&env.store().join("volumes/t/_data")), Vec::<String>::new());
    // A bind of a host path; a missing one is refused at create.
    let dir = host_dir(&env, "device");
    let missing = env.home.join("nope");
    let out = env.fails(&["volume", "create", "--opt", "type=none", "--opt", "o=bind", "--opt", &format!("device={}", missing.display()), "b"], 125);
    assert!(out.assert_one_error_line().contains("no such file or directory"), "{}", out.dump());
    env.ok(&["volume", "create", "--opt", "type=none", "--opt", "o=bind", "--opt", &format!("device={}", dir.display()), "b"]);
    assert_eq!(env.ok(&["run", "--rm", "-v", "b:/d", &bb, "sh", "-c", "cat /d/f; echo ctr > /d/new"]), "host\n");
    assert_eq!(std::fs::read_to_string(dir.join("new")).unwrap(), "ctr\n");
    assert_eq!(list_dir(&env.store().join("volumes/b/_data")), Vec::<String>::new());
    // The device removed later: the container that needs it fails in one line.
    std::fs::remove_dir_all(&dir).unwrap();
    env.fails(&["run", "--rm", "-v", "b:/d", &bb, "true"], 125).assert_one_error_line();
}

/// A new volume is filled by the first container to *start* with it, as in
/// Podman, not by the first created: `a` (busybox: nothing at the
/// destination) is created first, `b` (hostile:mountlink: `seed` there) is
/// started first and fills it; `a`'s start later copies nothing.
#[test]
fn new_volume_is_filled_by_the_first_container_to_start() {
    let (env, bb) = busybox("vol-copyup-start");
    let other = img("hostile:mountlink");
    env.pull(&other);
    let v = "fresh:/tmp/rpod-mount-escape/imgvol";
    env.ok(&["create", "--name", "a", "-v", v, &bb, "ls", "/tmp/rpod-mount-escape/imgvol"]);
    env.ok(&["create", "--name", "b", "-v", v, &other, "ls", "/tmp/rpod-mount-escape/imgvol"]);
    let needs = || serde_json::from_str::<serde_json::Value>(&env.ok(&["volume", "inspect", "fresh"])).unwrap()[0]["NeedsCopyUp"].clone();
    assert_eq!(needs(), true, "creating containers claimed the copy-up");
    assert_eq!(env.ok(&["start", "-a", "b"]), "seed\n");
    assert_eq!(needs(), false);
    assert_eq!(env.ok(&["start", "-a", "a"]), "seed\n");
    // Emptied, the volume stays empty for a container that never claimed it.
    std::fs::remove_file(env.store().join("volumes/fresh/_data/seed")).unwrap();
    assert_eq!(env.ok(&["start", "-a", "a"]), "");
}

/// Quadlet `.volume` files: `Device=`, `Type=`, `Options=`, `User=`,
/// `Group=` become `volume create --opt`s that rpod takes (a tmpfs volume,
/// a bind of a host path, an owner).
#[test]
fn quadlet_volume_device_type_and_options_work() {
    let (env, bb) = busybox("vol-quadlet");
    let dir = env.config.join("containers/systemd");
    let host = host_dir(&env, "qdev");
    env.write_file(&dir.join("t.volume"), "[Volume]\nDevice=tmpfs\nType=tmpfs\nOptions=size=2m,mode=700\n");
    env.write_file(&dir.join("b.volume"), &format!("[Volume]\nDevice={}\nType=bind\n", host.display()));
    env.write_file(&dir.join("o.volume"), "[Volume]\nUser=1000\nGroup=1000\n");
    let out = env.ok(&["quadlet", "--dryrun", "--user"]);
    for name in ["t", "b", "o"] {
        let unit = out.split(&format!("---{name}-volume.service---")).nth(1).unwrap_or_else(|| panic!("{out}")).split("---").next().unwrap();
        let body: String = unit.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n");
        let start = split_words(UnitFile::parse(&body).unwrap().lookup("Service", "ExecStart").unwrap()).unwrap();
        // The unit's command without rpod's path, run as the unit would run it.
        let args: Vec<&str> = start[1..].iter().map(String::as_str).collect();
        assert_eq!(env.ok(&args), format!("systemd-{name}\n"), "{start:?}");
    }
    let out = env.ok(&[
        "run",
        "--rm",
        "-v",
        "systemd-t:/t",
        "-v",
        "systemd-b:/b",
        "-v",
        "systemd-o:/o",
        &bb,
        "sh",
        "-c",
        "grep ' /t ' /proc/mounts; cat /b/f; stat -c %u:%g /o",
    ]);
    assert!(out.starts_with("tmpfs /t tmpfs") && out.contains("size=2048k") && out.contains("mode=700"), "{out}");
    assert!(out.ends_with("host\n1000:1000\n"), "{out}");
}

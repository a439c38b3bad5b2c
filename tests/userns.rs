//! User namespace modes (issue 15): `--userns=keep-id` on shifted copies of
//! the layers, made once per mapping and shared by later containers.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

use common::*;

/// The shifted copies in the store: `mapped/<key>/<chain>/diff`.
fn mapped(env: &TestEnv) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for k in std::fs::read_dir(env.store().join("mapped")).into_iter().flatten().flatten() {
        for l in std::fs::read_dir(k.path()).into_iter().flatten().flatten() {
            v.push(l.path().join("diff"));
        }
    }
    v.sort();
    v
}

/// The copy of `rel` in whichever shifted layer has it (the `layers` image
/// puts /data in layers 2..4: the topmost one holding it).
fn in_copies(layers: &[PathBuf], rel: &str) -> Vec<PathBuf> {
    layers.iter().map(|l| l.join(rel)).filter(|p| lexists(p)).collect()
}

/// The `layers` test image holds a hard link, relative and absolute
/// symlinks, setuid/setgid files, a file capability, a user xattr, a FIFO,
/// files of uid 1000, whiteouts and an opaque directory: all of it must look
/// the same in a keep-id container as in a plain one, with the first run
/// making the shifted copies and later runs reusing them (native overlay).
#[test]
fn keep_id_shifts_every_kind_of_entry_once() {
    let env = TestEnv::new("userns-keepid-kinds");
    let image = img("layers");
    env.pull(&image);
    let script = "cd /data && stat -c '%n %u:%g %a %F %h' keep hard suid sgid owned appdir appdir/secret fifo link abslink && \
                  [ \"$(stat -c %i keep)\" = \"$(stat -c %i hard)\" ] && echo same-inode; readlink link abslink; cat dir/b dir/c abslink; \
                  ls dir; ls -a | grep -c -e '^gone$' -e '^rmdir$'; cat replaced/inner; grep ' / ' /proc/mounts | cut -d' ' -f3";
    let plain = env.ok(&["run", "--rm", "--network", "none", &image, "sh", "-c", script]);
    assert!(plain.contains("same-inode"), "{plain}");
    let first = env.ok(&["run", "--rm", "--network", "none", "--userns=keep-id:uid=1000,gid=1000", "-u", "0", &image, "sh", "-c", script]);
    assert_eq!(first, plain, "the image looks the same under keep-id");
    assert!(plain.ends_with("overlay\n"), "native overlay: {plain}");
    let copies = mapped(&env);
    assert_eq!(copies.len(), env.layer_paths(&image).len(), "one shifted copy per layer: {copies:?}");
    // On the host: container uid 1000 is the user, container root the first subordinate id.
    let u = &env.user;
    let owned = in_copies(&copies, "data/owned");
    assert_eq!(owned.len(), 1);
    assert_eq!((lmeta(&owned[0]).uid(), lmeta(&owned[0]).gid()), (u.uid, u.gid), "uid 1000 is the user's under keep-id:uid=1000");
    let suid = &in_copies(&copies, "data/suid")[0];
    assert_eq!((lmeta(suid).uid(), mode_bits(suid) & 0o7777), (u.host_uid(1), 0o4755), "root's setuid file: owner then mode");
    let keep = &in_copies(&copies, "data/keep")[0];
    assert_eq!(lmeta(keep).nlink(), 2, "the hard link stays a hard link");
    assert_eq!(xattr(&in_copies(&copies, "data/xattr")[0], "user.rpod").as_deref(), Some(&b"hello"[..]));
    // A later container with the same mapping reuses the copies.
    let before: Vec<_> = copies.iter().map(|p| lmeta(p).ino()).collect();
    let again = env.ok(&["run", "--rm", "--network", "none", "--userns=keep-id:uid=1000,gid=1000", "-u", "0", &image, "sh", "-c", script]);
    assert_eq!(again, plain);
    assert_eq!(mapped(&env).iter().map(|p| lmeta(p).ino()).collect::<Vec<_>>(), before, "made once");
    // Another mapping is another copy; removing the image removes them all.
    env.ok(&["run", "--rm", "--network", "none", "--userns=keep-id", &image, "true"]);
    assert_eq!(mapped(&env).len(), 2 * copies.len());
    env.ok(&["rmi", &image]);
    assert!(mapped(&env).is_empty(), "shifted copies go with their layers: {:?}", mapped(&env));
    assert!(env.store_entries("staging").iter().all(|n| n.ends_with(".lock") || n.starts_with('.')), "{:?}", env.store_entries("staging"));
}

/// Hostile layers (CVE-2018-15664 class: a copy or chown that follows a
/// symlink changes the host): `etc/passwd` and `etc/group` of
/// `hostile:passwd-host` are symlinks to host files, absolute and climbing
/// out with `..`. The shifted copy holds the symlinks themselves; the host
/// files are neither read into the copy nor chowned. `hostile:devices`'
/// device nodes were never unpacked, and nothing appears in the copy either.
#[test]
fn keep_id_copies_never_follow_links_out_of_a_layer() {
    let env = TestEnv::new("userns-keepid-hostile");
    let host: Vec<(PathBuf, u32, u32, u32)> = ["/var/lib/rpod-test/host-passwd", "/var/lib/rpod-test/host-group"]
        .iter()
        .map(|p| {
            let m = std::fs::metadata(p).expect("the test setup's host files");
            (PathBuf::from(p), m.uid(), m.mode(), m.mtime() as u32)
        })
        .collect();
    for name in ["hostile:passwd-host", "hostile:devices"] {
        let image = img(name);
        env.pull(&image);
        let args = ["create", "--userns=keep-id", "--name", &name.replace(':', "-"), &image];
        if name.ends_with("passwd-host") {
            // The copy is made; the container is then refused for its /etc/passwd, as without keep-id.
            let out = env.fails(&args, 125);
            assert!(out.assert_one_error_line().contains("does not exist inside the image"), "{}", out.dump());
        } else {
            env.ok(&args);
        }
    }
    let copies = mapped(&env);
    assert!(!copies.is_empty());
    let mut links = 0;
    for l in in_copies(&copies, "etc/passwd").iter().chain(&in_copies(&copies, "etc/group")) {
        if lmeta(l).file_type().is_symlink() {
            links += 1;
            let t = std::fs::read_link(l).unwrap();
            assert!(t.to_string_lossy().contains("host-"), "{} -> {}", l.display(), t.display());
            assert_eq!(lmeta(l).uid(), env.user.host_uid(1), "the link itself is the container root's");
        }
    }
    assert_eq!(links, 2, "both links copied as links");
    assert!(in_copies(&copies, "dev/evil").is_empty() && in_copies(&copies, "dev/sda").is_empty(), "no device node");
    for (p, uid, mode, mtime) in host {
        let m = std::fs::metadata(&p).unwrap();
        assert_eq!((m.uid(), m.mode(), m.mtime() as u32), (uid, mode, mtime), "{} untouched", p.display());
    }
    // The containers still run (the links resolve inside their root).
    env.ok(&["start", "-a", "hostile-devices"]);
}

/// A file the container writes in a bind mount is the user's on the host;
/// `cp` from a stopped keep-id container (entered in its own mapping) and
/// `commit` see the container's ids; the no-copy route
/// (`--storage-driver fuse-overlayfs`) gives the same answers.
#[test]
fn keep_id_containers_on_shifted_layers_work_with_cp_and_commit() {
    let env = TestEnv::new("userns-keepid-cp");
    let bb = img("busybox");
    env.pull(&bb);
    let dir = env.home.join("work");
    env.write_file(&dir.join("f"), "host\n");
    let v = format!("{}:/work", dir.display());
    let (uid, gid) = (env.user.uid, env.user.gid);
    for driver in ["overlay", "fuse-overlayfs"] {
        let name = format!("k-{driver}");
        let out = env.ok(&[
            "--storage-driver",
            driver,
            "run",
            "--name",
            &name,
            "--userns=keep-id",
            "-v",
            &v,
            &bb,
            "sh",
            "-c",
            "touch /work/made-$(id -u); echo mine > /tmp/mine; stat -c %u:%g /tmp/mine /etc/passwd; grep ' / ' /proc/mounts | cut -d' ' -f3",
        ]);
        let root_fs = if driver == "overlay" { "overlay" } else { "fuse.fuse-overlayfs" };
        assert_eq!(out, format!("{uid}:{gid}\n0:0\n{root_fs}\n"), "{driver}");
        assert_eq!(std::fs::metadata(dir.join(format!("made-{uid}"))).unwrap().uid(), uid);
        // cp from the stopped container: its file, with its owner in the archive.
        let back = env.home.join(format!("back-{driver}"));
        env.ok(&["cp", &format!("{name}:/tmp/mine"), back.to_str().unwrap()]);
        assert_eq!(std::fs::read_to_string(&back).unwrap(), "mine\n");
        if driver == "overlay" {
            // (export of a stopped fuse-overlayfs container with a bind mount fails on main too: not this issue)
            let tar = env.home.join("k.tar");
            env.ok(&["export", "-o", tar.to_str().unwrap(), &name]);
            assert!(std::fs::metadata(&tar).unwrap().len() > 0);
        }
        env.ok(&["commit", "-q", &name, &format!("localhost/keepid-{driver}")]);
        let out = env.ok(&["run", "--rm", &format!("localhost/keepid-{driver}"), "stat", "-c", "%u:%g", "/tmp/mine"]);
        assert_eq!(out, format!("{uid}:{gid}\n"), "{driver}: the image records the container's ids");
        env.ok(&["rm", &name]);
    }
}

/// `--uidmap`/`--gidmap` in Podman's rootless syntax (host ids are ids of
/// rpod's namespace: 0 is the user), `--userns=host` (rpod's namespace),
/// and the modes rpod refuses in one line.
#[test]
fn uidmap_gidmap_host_and_refused_modes() {
    let env = TestEnv::new("userns-maps");
    let bb = img("busybox");
    env.pull(&bb);
    let dir = env.home.join("maps");
    env.write_file(&dir.join("f"), "host\n");
    let v = format!("{}:/work", dir.display());
    let u = &env.user;
    // Container 1000 is the user (intermediate 0), 0..999 the first subordinate ids.
    let out = env.ok(&[
        "run",
        "--rm",
        "--uidmap",
        "0:1:1000",
        "--uidmap",
        "1000:0:1",
        "--uidmap",
        "1001:1001:2000",
        "-u",
        "1000:1000",
        "-v",
        &v,
        &bb,
        "sh",
        "-c",
        "cat /proc/self/uid_map /proc/self/gid_map; id -u; stat -c %u:%g /etc/passwd /home/app; touch /work/by-1000",
    ]);
    let maps = format!("0 {} 1000\n1000 {} 1\n1001 {} 2000\n", u.host_uid(1), u.uid, u.host_uid(1001));
    let gmaps = format!("0 {} 1000\n1000 {} 1\n1001 {} 2000\n", u.host_gid(1), u.gid, u.host_gid(1001));
    let squash = |s: &str| s.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ") + "\n").collect::<String>();
    assert_eq!(squash(&out), format!("{maps}{gmaps}1000\n0:0\n1000:1000\n"), "the gid map follows the uid map; the image keeps its owners");
    let md = std::fs::metadata(dir.join("by-1000")).unwrap();
    assert_eq!((md.uid(), md.gid()), (u.uid, u.gid), "container 1000 is the user on the host");
    // Without your own id (container root is the first subordinate id): runs too.
    let out = env.ok(&["run", "--rm", "--network", "none", "--uidmap", "0:1:2000", &bb, "sh", "-c", "cat /proc/self/uid_map; id -u; touch /ok && echo wrote"]);
    assert_eq!(squash(&out), format!("0 {} 2000\n0\nwrote\n", u.host_uid(1)));
    // host: rpod's own namespace (the default).
    let out = env.ok(&["run", "--rm", "--userns=host", &bb, "cat", "/proc/self/uid_map"]);
    assert_eq!(squash(&out).lines().next().unwrap(), format!("0 {} 1", u.uid));
    // Refused in one line, exit 125, nothing created.
    for args in [
        vec!["--userns=auto:size=70000"],
        vec!["--userns=nomap:size=10"],
        vec!["--userns=nomap", "--uidmap", "0:1:1000"],
        vec!["--userns=auto", "--gidmap", "0:1:1000"],
        vec!["--subuidname", "rpodtest"],
        vec!["--subgidname", "rpodtest"],
        vec!["--uidmap", "0:1"],
        vec!["--uidmap", "0:0:1", "--userns=keep-id"],
        vec!["--userns=ns:/proc/1/ns/user"],
    ] {
        let mut a = vec!["create"];
        a.extend(&args);
        a.push(&bb);
        env.fails(&a, 125).assert_one_error_line();
    }
    assert_eq!(env.ok(&["ps", "-aq"]), "");
}

/// `--group-add keep-groups`: the container keeps the supplementary groups
/// rpod runs with (crun's run.oci.keep_original_groups, as Podman), so a
/// host file readable only by such a group is readable inside; without it,
/// rpod's setgroups drops them and the file is not. The groups are not
/// mapped, so `id -G` shows the overflow gid. Combining keep-groups with
/// other groups is one line, 125.
#[test]
fn keep_groups_keeps_the_callers_supplementary_groups() {
    if !is_root() {
        eprintln!("skipped: needs root to start rpod with an extra supplementary group (runuser -G)");
        return;
    }
    let env = TestEnv::new("keep-groups");
    env.pull(&img("busybox"));
    let bb = img("busybox");
    // A file only group `adm` may read (root:adm 0640): rpod is started
    // with `adm` as a supplementary group, which the test user is not in.
    let dir = env.home.join("grp");
    env.write_file(&dir.join("secret"), "for adm\n");
    std::os::unix::fs::chown(dir.join("secret"), Some(0), Some(4)).unwrap();
    std::fs::set_permissions(dir.join("secret"), std::os::unix::fs::PermissionsExt::from_mode(0o640)).unwrap();
    let v = format!("{}:/g", dir.display());
    let run = |extra: &[&str]| -> std::process::Output {
        let mut args = vec!["run", "--rm", "-v", &v];
        args.extend_from_slice(extra);
        args.extend([bb.as_str(), "sh", "-c", "cat /g/secret; id -G"]);
        let line = env.shell_line(&args);
        let line = line.replacen(&format!("runuser -u {} ", env.user.name), &format!("runuser -u {} -g {} -G adm ", env.user.name, env.user.name), 1);
        std::process::Command::new("sh").args(["-c", &line]).current_dir(&env.dir).output().unwrap()
    };
    let out = run(&["--group-add", "keep-groups"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.starts_with("for adm\n"), "{stdout}");
    assert!(stdout.contains("65534"), "the kept group shows as the overflow gid: {stdout}");
    let out = run(&[]);
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!stdout.contains("for adm") && stderr.contains("Permission denied"), "{stdout}{stderr}");
    env.fails(&["create", "--group-add", "keep-groups", "--group-add", "10", &bb], 125).assert_one_error_line();
}

/// The uid_map lines of a container as `(inside, host, count)`.
fn map_lines(text: &str) -> Vec<(u64, u64, u64)> {
    text.lines()
        .filter_map(|l| {
            let v: Vec<u64> = l.split_whitespace().filter_map(|x| x.parse().ok()).collect();
            (v.len() == 3).then(|| (v[0], v[1], v[2]))
        })
        .collect()
}

/// `--userns=nomap`: only subordinate ids, container root is the first of
/// them, and the user's own uid is not in the container at all. Container
/// root then cannot walk into rpod's store (the user's, 0700): the root and
/// the bind sources are reached through descriptors the setup process
/// opened before it became container root (runtime::pinned). Hostile: none
/// of those descriptors reaches the container — no fd of PID 1 names a host
/// path and `-w /proc/self/fd/N` never lands outside the root
/// (CVE-2024-21626 class); the writable layer and a new volume belong to
/// container root, a bind of the user's directory stays the user's (shown
/// as nobody, not writable), as with Podman.
#[test]
fn nomap_leaves_the_users_own_ids_out() {
    let env = TestEnv::new("userns-nomap");
    let bb = img("busybox");
    env.pull(&bb);
    let u = &env.user;
    let dir = env.home.join("nomap-bind");
    env.write_file(&dir.join("f"), "host\n");
    let v = format!("{}:/bind", dir.display());
    let script = "cat /proc/self/uid_map /proc/self/gid_map; id -u; stat -c %u:%g / /etc/passwd /bind/f /vol; \
                  touch /new /vol/new && echo wrote; touch /bind/no 2>/dev/null || echo bind-refused; \
                  for f in /proc/1/fd/*; do readlink $f; done; true";
    let out = env.ok(&["run", "--rm", "--network", "none", "--userns=nomap", "-v", &v, "-v", "nomapvol:/vol", &bb, "sh", "-c", script]);
    let maps = map_lines(&out);
    assert_eq!(maps.len(), 2, "{out}");
    for (i, m) in maps.iter().enumerate() {
        let (first, own) = if i == 0 { (u.host_uid(1), u.uid) } else { (u.host_gid(1), u.gid) };
        assert_eq!((m.0, m.1), (0, first as u64), "container root is the first subordinate id: {out}");
        assert!(!(m.1..m.1 + m.2).contains(&(own as u64)), "the user's own id is not mapped: {out}");
    }
    let rest: Vec<&str> = out.lines().skip(2).collect();
    assert_eq!(&rest[..6], ["0", "0:0", "0:0", "65534:65534", "0:0", "wrote"], "{out}");
    assert!(rest.contains(&"bind-refused"), "the user's directory is not container root's: {out}");
    for l in &rest[6..] {
        // stdin is the host's /dev/null (shown relative to its devtmpfs): a device, no directory.
        assert!(!l.starts_with('/') || *l == "/null" || l.starts_with("/dev/"), "PID 1 holds a host path: {l}\n{out}");
        assert!(!l.contains(env.store().to_str().unwrap()) && !l.contains("/proc/self/fd"), "a pinned descriptor leaked: {l}");
    }
    assert_eq!(list_dir(&dir), ["f"]);
    // CVE-2024-21626 class: a working directory through a descriptor never leads out.
    for n in 3..10 {
        let wd = format!("/proc/self/fd/{n}");
        let out = env.rpod(&["run", "--rm", "--network", "none", "--userns=nomap", "-w", &wd, &bb, "sh", "-c", "pwd; ls"]);
        assert!(!out.stdout.contains("diff") && !out.stdout.contains("merged") && !out.stdout.contains("work"), "-w {wd}: {}", out.dump());
    }
    // cp both ways, stopped and running; files copied in are container root's.
    env.ok(&["create", "--name", "nm", "--network", "none", "--userns=nomap", &bb, "sleep", "600"]);
    let src = env.home.join("payload");
    env.write_file(&src, "payload\n");
    env.ok(&["cp", src.to_str().unwrap(), "nm:/payload"]);
    env.ok(&["start", "nm"]);
    assert_eq!(env.ok(&["exec", "nm", "stat", "-c", "%u:%g", "/payload"]), "0:0\n");
    env.ok(&["cp", src.to_str().unwrap(), "nm:/payload2"]);
    let back = env.home.join("back");
    env.ok(&["cp", "nm:/payload2", back.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&back).unwrap(), "payload\n");
    env.ok(&["rm", "-f", "-t", "0", "nm"]);
    env.ok(&["volume", "rm", "nomapvol"]);
    assert_eq!(env.ok(&["ps", "-aq"]), "");
}

/// `--userns=auto`: each container gets subordinate ids no other existing
/// auto container holds, chosen under a lock (parallel creates never share
/// a range), sized by `size=` or by the image's users (at least 1024), and
/// released when the container is removed.
#[test]
fn auto_ranges_are_disjoint_and_released() {
    let env = TestEnv::new("userns-auto");
    let bb = img("busybox");
    env.pull(&bb);
    let u = &env.user;
    let names = ["a0", "a1", "a2", "a3"];
    let spawned: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let size = if i == 0 { "--userns=auto".to_string() } else { format!("--userns=auto:size={}", 1000 + i) };
            env.spawn(&["create", "--name", n, "--network", "none", &size, &bb, "cat", "/proc/self/uid_map"])
        })
        .collect();
    for s in spawned {
        let out = s.wait();
        assert_eq!(out.code, 0, "{}", out.dump());
    }
    let mut ranges = Vec::new();
    for n in names {
        let out = env.ok(&["start", "-a", n]);
        let m = map_lines(&out);
        assert_eq!(m.len(), 1, "{out}");
        assert!(m[0].1 >= u.host_uid(1) as u64, "only subordinate ids: {out}");
        ranges.push((n, m[0].1, m[0].1 + m[0].2));
    }
    let a0 = ranges[0];
    assert_eq!(a0.2 - a0.1, 1024, "default size: the image's largest id + 1, at least 1024: {ranges:?}");
    for (i, r) in ranges.iter().enumerate() {
        for q in &ranges[i + 1..] {
            assert!(r.2 <= q.1 || q.2 <= r.1, "overlapping auto ranges: {r:?} {q:?}");
        }
    }
    // Released on rm: the next container of that size gets the freed range.
    env.ok(&["rm", "a0"]);
    let out = env.ok(&["run", "--rm", "--network", "none", "--userns=auto:size=1024", &bb, "cat", "/proc/self/uid_map"]);
    assert_eq!(map_lines(&out)[0].1, a0.1, "the range of a removed container is free again: {out} {ranges:?}");
    // Forced mappings (Podman's uidmapping=/gidmapping=, host ids of rpod's
    // namespace): here you are container root, ids 1.. come from the allocation.
    let out = env.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--userns=auto:size=2000,uidmapping=0:0:1,gidmapping=0:0:1",
        &bb,
        "sh",
        "-c",
        "cat /proc/self/uid_map /proc/self/gid_map; stat -c %u:%g /etc/passwd",
    ]);
    let m = map_lines(&out);
    assert_eq!(m.len(), 4, "{out}");
    assert_eq!(m[0], (0, u.uid as u64, 1), "{out}");
    assert_eq!((m[1].0, m[1].2), (1, 1999), "{out}");
    // Disjoint from every auto container still there (a0's range is free
    // again, and first-fit may give it out when a0 held the top one).
    assert!(m[1].1 >= u.host_uid(1) as u64 && ranges.iter().filter(|r| r.0 != "a0").all(|r| m[1].1 + 1999 <= r.1 || r.2 <= m[1].1), "{out} {ranges:?}");
    assert_eq!(m[2], (0, u.gid as u64, 1), "{out}");
    assert!(out.ends_with("0:0\n"), "{out}");
    // More than is free, or a bad forced mapping: one line, 125, nothing created.
    env.fails(&["create", "--userns=auto:size=65000", &bb], 125).assert_one_error_line();
    env.fails(&["create", "--userns=auto:uidmapping=0:0", &bb], 125).assert_one_error_line();
    env.fails(&["create", "--userns=auto:size=0", &bb], 125).assert_one_error_line();
    env.ok(&["rm", "a1", "a2", "a3"]);
}

/// The host pids of every process in the user namespace of process `pid`.
fn userns_members(pid: i32) -> Vec<i32> {
    let ns = std::fs::metadata(format!("/proc/{pid}/ns/user")).unwrap().ino();
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter(|p| std::fs::metadata(format!("/proc/{p}/ns/user")).is_ok_and(|m| m.ino() == ns))
        .collect()
}

/// The user namespace a started container gets is made and mapped by the
/// starting CLI while the monitor starts up (runtime/premap.rs): the
/// container sees exactly the default mapping, and no other process (the
/// short-lived holder that carried the namespace for newuidmap) is left in
/// it. A `start` of a stopped container does the same again, and so does a
/// keep-id container with its own lines; the monitor's own restarts (restart policies) map one
/// themselves (tests/containers.rs `terminal_and_restart_policy`).
#[test]
fn a_started_container_is_alone_in_its_premapped_user_namespace() {
    let env = TestEnv::new("userns-premap");
    let bb = img("busybox");
    env.pull(&bb);
    let u = &env.user;
    let id = env.ok(&["run", "-d", "--network", "none", &bb, "sleep", "600"]).trim().to_string();
    let check = |round: &str| {
        let pid: i32 = env.ok(&["inspect", "--format", "{{.State.Pid}}", &id]).trim().parse().unwrap();
        let maps = map_lines(&std::fs::read_to_string(format!("/proc/{pid}/uid_map")).unwrap());
        assert_eq!(maps, [(0, u.uid as u64, 1), (1, u.host_uid(1) as u64, 65536)], "{round}: the default mapping");
        let gmaps = map_lines(&std::fs::read_to_string(format!("/proc/{pid}/gid_map")).unwrap());
        assert_eq!(gmaps, [(0, u.gid as u64, 1), (1, u.host_gid(1) as u64, 65536)], "{round}");
        // Every process in that namespace is the container's (its PID 1 here).
        assert_eq!(userns_members(pid), [pid], "{round}: only the container is in its user namespace");
    };
    check("run");
    env.ok(&["stop", "-t", "0", &id]);
    env.ok(&["start", &id]);
    check("start");
    env.ok(&["rm", "-f", "-t", "0", &id]);

    // keep-id's namespace is made just as early (its own lines): the user's
    // id maps to itself, and again only the container is in it.
    let id = env.ok(&["run", "-d", "--network", "none", "--userns", "keep-id", &bb, "sleep", "600"]).trim().to_string();
    let pid: i32 = env.ok(&["inspect", "--format", "{{.State.Pid}}", &id]).trim().parse().unwrap();
    let maps = map_lines(&std::fs::read_to_string(format!("/proc/{pid}/uid_map")).unwrap());
    assert!(maps.contains(&(u.uid as u64, u.uid as u64, 1)), "keep-id: the user's uid maps to itself: {maps:?}");
    assert_eq!(maps[0], (0, u.host_uid(1) as u64, u.uid as u64), "keep-id: container root is the first subordinate id");
    assert_eq!(userns_members(pid), [pid], "keep-id: only the container is in its user namespace");
    env.ok(&["rm", "-f", "-t", "0", &id]);
}

/// When the starting CLI cannot map the container's user namespace (here a
/// newuidmap that fails, first on PATH), the monitor maps one itself, and
/// that failure is reported the one usual way: one error line naming the
/// helper and its message, exit 125, nothing left behind (no container, no
/// holder process, no monitor).
#[test]
fn a_failed_premap_falls_back_to_the_monitors_own_mapping_and_its_error() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new("userns-premap-fail");
    let bb = img("busybox");
    env.pull(&bb);
    let bin = env.dir.join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::fs::write(bin.join("newuidmap"), "#!/bin/sh\necho 'newuidmap: refused by the test' >&2\nexit 1\n").unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(bin.join("newuidmap"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:{PATH}", bin.display());
    let out = env.rpod_env(&["run", "--rm", "--network", "none", &bb, "true"], &[("PATH", &path)]);
    assert_eq!(out.code, 125, "{}", out.dump());
    let line = out.assert_one_error_line();
    assert!(line.contains("newuidmap") && line.contains("refused by the test"), "{line}");
    assert_eq!(env.ok(&["ps", "-aq"]), "");
    let user_procs = std::process::Command::new("pgrep").args(["-u", &env.user.uid.to_string(), "-f", env.dir.to_str().unwrap()]).output().unwrap();
    assert!(user_procs.stdout.is_empty(), "left running: {}", String::from_utf8_lossy(&user_procs.stdout));
    // The same container starts once the helper works again.
    env.ok(&["run", "--rm", "--network", "none", &bb, "true"]);
}

/// As Podman's `--passwd` (default true): keep-id's user is named after the
/// host user in /etc/passwd and /etc/group (home: the host home when it is
/// mounted in, else the working directory), a numeric `--user` gets
/// `UID:*:UID:GID:container user:WORKDIR:/bin/sh`, `--passwd-entry` is the
/// template, `--passwd=false` adds nothing, and the added files are
/// read-only (keep-id's user owns them on the host side).
#[test]
fn keep_id_and_numeric_users_get_passwd_and_group_entries() {
    let env = TestEnv::new("userns-passwd");
    let bb = img("busybox");
    env.pull(&bb);
    let u = &env.user;
    let home = env.dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let show =
        "whoami; id -gn; echo HOME=$HOME; grep -v '^#' /etc/passwd | tail -n 1; tail -n 1 /etc/group; echo x >> /etc/passwd 2>/dev/null || echo read-only";
    let out = env.ok(&["run", "--rm", "--network", "none", "--userns", "keep-id", &bb, "sh", "-c", show]);
    let want = format!("{n}\n{n}\nHOME=/\n{n}:*:{uid}:{gid}::/:/bin/sh\n{n}:x:{gid}:{n}\nread-only\n", n = u.name, uid = u.uid, gid = u.gid);
    // The GECOS field is the host's (empty for the test user).
    assert_eq!(out, want, "keep-id's entries");
    let host_home = format!("/home/{}", u.name);
    let passwd_home = std::fs::read_to_string("/etc/passwd")
        .unwrap()
        .lines()
        .find(|l| l.starts_with(&format!("{}:", u.name)))
        .map(|l| l.split(':').nth(5).unwrap().to_string())
        .unwrap_or(host_home);
    let vol = format!("{}:{passwd_home}", home.display());
    let out =
        env.ok(&["run", "--rm", "--network", "none", "--userns", "keep-id", "-v", &vol, &bb, "sh", "-c", "echo HOME=$HOME; grep ^$(whoami): /etc/passwd"]);
    assert_eq!(out, format!("HOME={passwd_home}\n{n}:*:{uid}:{gid}::{passwd_home}:/bin/sh\n", n = u.name, uid = u.uid, gid = u.gid), "the mounted home");
    let out = env.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--userns",
        "keep-id",
        "--passwd-entry",
        "$USERNAME:x:$UID:$GID:me:$HOME:/bin/ash",
        &bb,
        "grep",
        "/bin/ash",
        "/etc/passwd",
    ]);
    assert_eq!(out, format!("{}:x:{}:{}:me:/:/bin/ash\n", u.name, u.uid, u.gid), "--passwd-entry");
    let out = env.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--userns",
        "keep-id",
        "--passwd=false",
        &bb,
        "sh",
        "-c",
        "id -un 2>&1; grep -c :1001: /etc/passwd || true",
    ]);
    assert!(!out.contains(&u.name), "--passwd=false adds no entry: {out}");
    let out =
        env.ok(&["run", "--rm", "--network", "none", "-w", "/tmp", "--user", "1234:1234", &bb, "sh", "-c", "id; tail -n 1 /etc/passwd; tail -n 1 /etc/group"]);
    assert_eq!(out, "uid=1234(1234) gid=1234(1234) groups=1234(1234)\n1234:*:1234:1234:container user:/tmp:/bin/sh\n1234:x:1234:1234\n", "numeric --user");
    // An image's own user is left alone: nothing is added for root.
    let out = env.ok(&["run", "--rm", "--network", "none", &bb, "sh", "-c", "tail -n 1 /etc/passwd; echo ok >> /etc/passwd && echo writable"]);
    assert_eq!(out, "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\nwritable\n", "root's /etc/passwd is the image's own");
}

/// The entries are added at every start to the container's /etc/passwd as
/// it is then, read from the host side: container root may have replaced it
/// with a link to a host file or a FIFO meanwhile. The link is resolved
/// inside the container's tree (never the host's file: the CVE-2018-15664 /
/// CVE-2021-30465 class of host paths followed through a container's
/// links), the FIFO is never opened for a blocking read, and the container
/// starts either way.
#[test]
fn added_entries_never_read_host_files_through_the_containers_links() {
    let env = TestEnv::new("userns-passwd-hostile");
    let bb = img("busybox");
    env.pull(&bb);
    let secret = env.dir.join("secret");
    std::fs::write(&secret, "host-secret-line\n").unwrap();
    let id = env.ok(&["run", "-d", "--network", "none", "--cap-add", "SYS_ADMIN", "--user", "1234:1234", &bb, "sleep", "600"]).trim().to_string();
    assert!(env.ok(&["exec", &id, "grep", "container user", "/etc/passwd"]).contains("1234:*:1234:1234"));
    // As root in the container: /etc/passwd a link to the host's secret file
    // (absolute and through ..), /etc/group a FIFO. The bind mounts over them
    // are the monitor's, so change the files beneath, in the container's tree.
    let evil = format!(
        "umount /etc/passwd /etc/group; rm -f /etc/passwd /etc/group && ln -s {}{} /etc/passwd && mkfifo /etc/group && echo done",
        "../".repeat(20).trim_end_matches('/'),
        secret.display()
    );
    assert_eq!(env.ok(&["exec", "-u", "0", &id, "sh", "-c", &evil]).trim(), "done");
    env.ok(&["stop", "-t", "0", &id]);
    env.ok(&["start", &id]);
    // (No name lookups in here: they would open the FIFO themselves.)
    let passwd = env.ok(&["exec", &id, "sh", "-c", "cat /etc/passwd 2>&1; [ -p /etc/group ] && echo fifo"]);
    assert!(!passwd.contains("host-secret-line"), "the host's file came into the container: {passwd}");
    assert!(passwd.contains("No such file") && passwd.ends_with("fifo\n"), "/etc/passwd is the container's dangling link, /etc/group its FIFO: {passwd}");
    env.ok(&["rm", "-f", "-t", "0", &id]);
}

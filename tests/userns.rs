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
    // host: rpod's own namespace (the default).
    let out = env.ok(&["run", "--rm", "--userns=host", &bb, "cat", "/proc/self/uid_map"]);
    assert_eq!(squash(&out).lines().next().unwrap(), format!("0 {} 1", u.uid));
    // Refused in one line, exit 125, nothing created.
    for args in [
        vec!["--userns=nomap"],
        vec!["--userns=auto"],
        vec!["--userns=auto:size=1024"],
        vec!["--uidmap", "0:1:1000"],
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

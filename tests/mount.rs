//! `rpod mount` / `rpod unmount` (issue 15), as rootless Podman: only inside
//! `rpod unshare`, a mount count so that only the last `unmount` unmounts,
//! `start` refused while mounted, `rm` unmounting first.

mod common;

use common::*;

fn id_of(env: &TestEnv, name: &str) -> String {
    env.ok(&["inspect", "--format", "{{.Id}}", name]).trim().to_string()
}

#[test]
fn mount_only_inside_unshare_and_counted() {
    let env = TestEnv::new("mount-count");
    let bb = img("busybox");
    env.pull(&bb);
    env.ok(&["run", "--name", "w", "--network", "none", &bb, "sh", "-c", "echo written > /marker"]);
    env.ok(&["create", "--name", "x", "--network", "none", &bb, "true"]);
    let id = id_of(&env, "w");
    let xid = id_of(&env, "x");
    // Outside `rpod unshare`: Podman's one line, 125.
    for args in [vec!["mount", "w"], vec!["mount"], vec!["unmount", "w"], vec!["umount", "-a"], vec!["container", "mount", "w"]] {
        let out = env.fails(&args, 125);
        assert!(out.assert_one_error_line().contains("rpod unshare"), "{}", out.dump());
    }
    let script = format!(
        r#"R={bin}
p=$($R mount w) || exit 1
echo "path $p"
cat "$p/marker"; test -x "$p/bin/sh" && echo has-sh
$R mount w >/dev/null || exit 2
$R mount
$R mount --no-trunc --format json | grep -c '"mountpoint"'
$R unmount w
test -f "$p/marker" && echo still-mounted
if $R start w 2>/dev/null; then echo started; else echo start-refused; fi
$R umount w
test -e "$p/marker" || echo unmounted
$R umount w >/dev/null && echo again-ok
$R mount -a | sort
$R mount --format '{{{{.ID}}}} {{{{.Names}}}}' | sort
$R umount -a | wc -l
$R mount | wc -l
$R mount w >/dev/null
$R rm w && echo removed
"#,
        bin = BIN
    );
    let out = env.ok(&["unshare", "sh", "-c", &script]);
    let merged = env.store().join("containers").join(&id).join("merged");
    let expected = format!(
        "path {m}\nwritten\nhas-sh\n{short} {m}\n1\n{id}\nstill-mounted\nstart-refused\n{id}\nunmounted\nagain-ok\n{mounted}2\n0\nw\nremoved\n",
        m = merged.display(),
        short = &id[..12],
        mounted = {
            let path = |i: &str| env.store().join("containers").join(i).join("merged").display().to_string();
            let mut listed = [format!("{} {}\n", &id[..12], path(&id)), format!("{} {}\n", &xid[..12], path(&xid))];
            let mut v = [format!("{} [w]\n", &id[..12]), format!("{} [x]\n", &xid[..12])];
            listed.sort();
            v.sort();
            listed.concat() + &v.concat()
        },
    );
    assert_eq!(out, expected);
    env.ok(&["rm", "x"]);
    assert_eq!(env.ok(&["ps", "-aq"]), "");
}

/// A mount lives in the `rpod unshare` session that made it; a count left
/// by a session that is gone, or a forged one, never blocks `start` or
/// `rm`. Hostile (DoS class): a FIFO planted as the count file neither
/// blocks `start` nor `rm` (read as a bounded regular file, else ignored).
#[test]
fn stale_or_forged_mount_counts_are_ignored() {
    let env = TestEnv::new("mount-stale");
    let bb = img("busybox");
    env.pull(&bb);
    env.ok(&["create", "--name", "s", "--network", "none", &bb, "true"]);
    let id = id_of(&env, "s");
    let script = format!("{bin} mount s >/dev/null && echo mounted", bin = BIN);
    assert_eq!(env.ok(&["unshare", "sh", "-c", &script]), "mounted\n");
    // The session is gone, and its mount with it: start works.
    env.ok(&["start", "-a", "s"]);
    let run = env.runtime.join("rpod/containers").join(&id);
    let count = run.join("mount.json");
    env.write_file(&count, "{\"count\": 3, \"mntns\": 1}");
    env.ok(&["start", "-a", "s"]);
    std::fs::remove_file(&count).unwrap();
    nix_mkfifo(&count);
    if is_root() {
        std::os::unix::fs::chown(&count, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
    env.ok(&["start", "-a", "s"]);
    env.ok(&["rm", "s"]);
}

fn nix_mkfifo(p: &std::path::Path) {
    let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: mkfifo reads the NUL-terminated path only.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo {}", p.display());
}

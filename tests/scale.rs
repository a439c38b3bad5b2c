//! The container store at scale and after crashes, driven through the real
//! binary as the unprivileged test user: more unnamed containers than the
//! old name generator had names, lookups by name and ID prefix among them,
//! and what a killed `create` or `rm` leaves behind.

mod common;

use std::os::unix::fs::lchown;
use std::path::Path;
use std::time::{Duration, Instant};

use common::*;

/// More than the 432 names the first generator had (it then spun forever
/// holding the store lock).
const UNNAMED: usize = 500;

/// Run rpod, failing the test if it takes longer than `limit` (a spinning
/// create must not hang the suite for the full command timeout).
fn ok_within(env: &TestEnv, args: &[&str], limit: Duration) -> String {
    let mut p = env.spawn(args);
    while p.try_code().is_none() {
        if p.elapsed() > limit {
            let out = p.kill_and_wait();
            panic!("rpod took more than {limit:?}:\n{}", out.dump());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let out = p.wait();
    assert!(out.success(), "{}", out.dump());
    out.stdout
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[test]
fn many_unnamed_containers_get_unique_names_and_go_with_rm_all() {
    let env = TestEnv::new("scale-unnamed");
    let bb = img("busybox");
    env.pull(&bb);
    let mut ids = Vec::new();
    let mut took = Vec::new();
    for _ in 0..UNNAMED {
        let t = Instant::now();
        let id = ok_within(&env, &["create", &bb, "true"], Duration::from_secs(30)).trim().to_string();
        took.push(t.elapsed());
        assert!(is_hex64(&id), "create prints the ID: {id:?}");
        ids.push(id);
    }
    let (first, last) = (median(took[..50].to_vec()), median(took[UNNAMED - 50..].to_vec()));
    eprintln!("create: median of the first 50 {first:?}, of the last 50 {last:?}");
    // Loose (a shared machine): the cost must not grow with the store.
    assert!(last < first * 3 + Duration::from_millis(50), "create slowed from {first:?} to {last:?}");

    let names: Vec<String> = env.ok(&["ps", "-a", "--format", "{{.Names}}"]).lines().map(str::to_string).collect();
    assert_eq!(names.len(), UNNAMED, "ps -a lists every container");
    assert_eq!(unique(&names).len(), UNNAMED, "generated names are unique");
    for n in &names {
        assert!(!n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b)), "{n:?}");
    }
    let short: Vec<String> = env.ok(&["ps", "-a", "-q"]).lines().map(str::to_string).collect();
    assert_eq!(unique(&short), ids.iter().map(|i| i[..12].to_string()).collect(), "ps -a -q lists them all");

    // Lookups among them: by name, by short ID, by a longer prefix.
    for (i, n) in names.iter().enumerate().step_by(97) {
        assert!(ids.contains(&env.ok(&["container", "inspect", "--format", "{{.Id}}", n]).trim().to_string()), "{i}: {n}");
    }
    assert_eq!(env.ok(&["container", "inspect", "--format", "{{.Id}}", &ids[7][..12]]).trim(), ids[7]);
    assert_eq!(env.ok(&["container", "inspect", "--format", "{{.Id}}", &ids[8][..20]]).trim(), ids[8]);

    let removed: Vec<String> = env.ok(&["rm", "-a"]).lines().map(str::to_string).collect();
    assert_eq!(unique(&removed), unique(&ids), "rm -a removes every container");
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "");
    let base = env.store().join("containers");
    assert!(list_dir(&base).iter().all(|n| n.starts_with('.')), "only the lock, index and trash remain: {:?}", list_dir(&base));
    assert_eq!(list_dir(&base.join(".trash")), Vec::<String>::new());
    assert_eq!(list_dir(&base.join(".index/names")), Vec::<String>::new(), "the names went with the containers");
}

#[test]
fn concurrent_creates_of_one_name_give_it_once() {
    let env = TestEnv::new("scale-same-name");
    let bb = img("busybox");
    env.pull(&bb);
    let procs: Vec<Spawned> = (0..6).map(|_| env.spawn(&["create", "--name", "dup", &bb, "true"])).collect();
    let outs: Vec<Output> = procs.into_iter().map(Spawned::wait).collect();
    let won: Vec<&Output> = outs.iter().filter(|o| o.success()).collect();
    assert_eq!(won.len(), 1, "exactly one create gets the name:\n{}", outs.iter().map(Output::dump).collect::<Vec<_>>().join("\n"));
    for o in outs.iter().filter(|o| !o.success()) {
        assert!(o.stderr.contains("already in use"), "{}", o.dump());
    }
    assert_eq!(env.ok(&["ps", "-a", "--format", "{{.Names}}"]), "dup\n");
}

/// Make `path` (and missing parents under the store) as the test user.
fn user_dir(env: &TestEnv, path: &Path) {
    let mut missing = Vec::new();
    let mut p = path;
    while !p.exists() {
        missing.push(p.to_path_buf());
        p = p.parent().unwrap();
    }
    std::fs::create_dir_all(path).unwrap();
    if is_root() {
        for d in missing {
            lchown(&d, Some(env.user.uid), Some(env.user.gid)).unwrap();
        }
    }
}

fn user_symlink(env: &TestEnv, target: &str, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap_or_else(|e| panic!("symlink {}: {e}", link.display()));
    if is_root() {
        lchown(link, Some(env.user.uid), Some(env.user.gid)).unwrap();
    }
}

/// The files a create killed between making the container's directory and
/// renaming its record into place leaves (`marker`: with the `.creating`
/// marker and name link that rpod writes first; without: as older rpods).
fn half_made_container(env: &TestEnv, id: &str, name: &str, marker: bool) {
    let base = env.store().join("containers");
    if marker {
        user_symlink(env, &format!("{id} {name}"), &base.join(".creating"));
        user_symlink(env, id, &base.join(".index/names").join(name));
        user_dir(env, &base.join(".index/ids").join(&id[..2]));
        user_symlink(env, &format!("../../../{id}"), &base.join(".index/ids").join(&id[..2]).join(id));
    }
    user_dir(env, &base.join(id).join("diff"));
    user_dir(env, &base.join(id).join("work"));
    env.write_file(&base.join(id).join("state.json"), "{\"status\":\"created\"}");
    env.write_file(&base.join(id).join(".container.json.tmp-4242-1234-0"), "{\"id\": \"");
}

#[test]
fn half_made_and_half_removed_containers_are_ignored_then_cleaned() {
    let env = TestEnv::new("scale-leftovers");
    let bb = img("busybox");
    env.pull(&bb);
    let keep = env.ok(&["create", "--name", "keep", &bb, "true"]).trim().to_string();
    let base = env.store().join("containers");
    let (a, b, c) = ("a".repeat(64), "b".repeat(64), "c".repeat(64));
    half_made_container(&env, &a, "half", true);
    half_made_container(&env, &b, "", false);
    // An rm killed after moving the directory to the trash.
    user_dir(&env, &base.join(".trash").join(&c).join("diff/etc"));
    env.write_file(&base.join(".trash").join(&c).join("diff/etc/hostname"), "x\n");

    assert_eq!(env.ok(&["ps", "-a", "--format", "{{.Names}}"]), "keep\n", "ps -a sees only the real container");
    assert_ne!(env.rpod(&["container", "inspect", "half"]).code, 0, "no container named half");
    assert_ne!(env.rpod(&["container", "inspect", &a[..12]]).code, 0);
    assert!(!base.join(&a).exists() && !base.join(&b).exists(), "the listing removed the half-made directories: {:?}", list_dir(&base));
    // The name of the interrupted create is free again.
    let half = env.ok(&["create", "--name", "half", &bb, "true"]).trim().to_string();
    assert!(is_hex64(&half));
    assert!(!lexists(&base.join(".creating")));

    // Again, this time met first by rm -a and by container prune.
    half_made_container(&env, &a, "half2", true);
    let removed: Vec<String> = env.ok(&["rm", "-a"]).lines().map(str::to_string).collect();
    assert_eq!(unique(&removed), unique(&[keep, half]), "rm -a removes the real containers only");
    assert_eq!(list_dir(&base.join(".trash")), Vec::<String>::new(), "rm finished the interrupted removal");
    assert!(!base.join(&a).exists());
    half_made_container(&env, &b, "", false);
    assert_eq!(env.ok(&["container", "prune", "-f"]), "", "prune has nothing real to remove");
    assert!(!base.join(&b).exists(), "prune's listing removed the half-made directory");
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "");
    let _ = env.ok(&["create", "--name", "half2", &bb, "true"]);
}

/// A record that cannot be parsed (a power cut after an unsynced `--rm`
/// create, a hand edit) is skipped by listings with a warning, refused by
/// name, and removed when given by its full ID (`--rm` records skip fsync).
#[test]
fn a_corrupt_record_is_listed_never_and_removed_by_its_full_id() {
    let env = TestEnv::new("scale-corrupt");
    let bb = img("busybox");
    env.pull(&bb);
    let id = env.ok(&["create", "--name", "torn", &bb, "true"]).trim().to_string();
    let keep = env.ok(&["create", "--name", "keep", &bb, "true"]).trim().to_string();
    let base = env.store().join("containers");
    env.write_file(&base.join(&id).join("container.json"), "");
    let _ = std::fs::remove_file(base.join(&id).join("summary.json"));

    let ps = env.rpod(&["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!((ps.code, ps.stdout.as_str()), (0, "keep\n"), "{}", ps.dump());
    assert!(ps.stderr.contains(&id), "the listing warns about the corrupt record:\n{}", ps.dump());
    let by_name = env.rpod(&["rm", "torn"]);
    assert_ne!(by_name.code, 0, "{}", by_name.dump());
    let short = env.rpod(&["rm", &id[..12]]);
    assert_ne!(short.code, 0, "an unreadable record is removed by its full ID only:\n{}", short.dump());
    assert!(base.join(&id).is_dir());

    assert_eq!(env.ok(&["rm", &id]), format!("{id}\n"));
    assert!(!base.join(&id).exists(), "the directory is gone: {:?}", list_dir(&base));
    assert_eq!(list_dir(&base.join(".trash")), Vec::<String>::new());
    let rm_again = env.rpod(&["rm", &id]);
    assert_eq!(rm_again.code, 1, "now it is a missing container:\n{}", rm_again.dump());
    // The name is free again; the other container was not touched.
    let _ = env.ok(&["create", "--name", "torn", &bb, "true"]);
    let mut names: Vec<String> = env.ok(&["ps", "-a", "--format", "{{.Names}}"]).lines().map(str::to_string).collect();
    names.sort();
    assert_eq!(names, ["keep", "torn"]);
    assert_eq!(env.ok(&["container", "inspect", "keep", "--format", "{{.Id}}"]).trim(), keep);
}

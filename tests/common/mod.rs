//! Harness for rpod's integration tests: a fresh store per test, the real
//! `rpod` binary run as the unprivileged test user, the local registries that
//! `contrib/setup-test-env.sh` starts, and helpers to read the layers on disk.
//!
//! When the tests run as root (CI, `contrib/test.sh`), every rpod command runs
//! as `$RPOD_TEST_USER` (default `rpodtest`) through `runuser` with a cleared
//! environment; otherwise rpod runs as the calling user with the same cleared
//! environment. Nothing is faked: a missing registry or test user is a test
//! failure, never a skip.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::ffi::CString;
use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The rpod binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_rpod");

/// PATH given to rpod (its environment is cleared).
pub const PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// How long one rpod command may take before the test fails (debian pulls in a
/// debug build are the slowest thing the suite does).
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(900);

pub const MISSING_ENV: &str = "test environment missing: run `sudo contrib/setup-test-env.sh` (or contrib/test.sh)";

/// Registry A: plain HTTP, no auth.
pub fn registry() -> String {
    std::env::var("RPOD_TEST_REGISTRY").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "127.0.0.1:5000".into())
}

/// Registry B: HTTPS (test CA) and htpasswd rpoduser/rpodpass.
pub fn auth_registry() -> String {
    std::env::var("RPOD_TEST_AUTH_REGISTRY").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "127.0.0.1:5001".into())
}

pub const AUTH_USER: &str = "rpoduser";
pub const AUTH_PASS: &str = "rpodpass";
pub const TEST_CA: &str = "/var/lib/rpod-test/tls/ca.pem";

/// `127.0.0.1:5000/NAME`.
pub fn img(name: &str) -> String {
    format!("{}/{name}", registry())
}

pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

// ------------------------------------------------------------------ users

/// A local user and its subordinate id ranges.
#[derive(Debug, Clone)]
pub struct User {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    /// First subordinate uid (from /etc/subuid), if the user has a range.
    pub subuid_start: Option<u32>,
    pub subgid_start: Option<u32>,
    /// Size of that first range.
    pub subuid_count: Option<u32>,
    pub subgid_count: Option<u32>,
}

fn passwd_entry(pred: impl Fn(&str, u32) -> bool) -> Option<(String, u32, u32)> {
    let text = std::fs::read_to_string("/etc/passwd").ok()?;
    text.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        if f.len() < 4 {
            return None;
        }
        let uid: u32 = f[2].parse().ok()?;
        let gid: u32 = f[3].parse().ok()?;
        pred(f[0], uid).then(|| (f[0].to_string(), uid, gid))
    })
}

/// The first `start:count` range of `name` (or `uid`) in /etc/subuid or /etc/subgid.
fn sub_range(file: &str, name: &str, uid: u32) -> Option<(u32, u32)> {
    let text = std::fs::read_to_string(file).ok()?;
    text.lines().find_map(|l| {
        let f: Vec<&str> = l.trim().split(':').collect();
        if f.len() < 3 || (f[0] != name && f[0] != uid.to_string()) {
            return None;
        }
        let start: u32 = f[1].parse().ok()?;
        let count: u32 = f[2].parse().ok()?;
        (count > 0).then_some((start, count))
    })
}

impl User {
    pub fn by_name(name: &str) -> User {
        let (name, uid, gid) = passwd_entry(|n, _| n == name).unwrap_or_else(|| panic!("{MISSING_ENV}: user {name:?} does not exist"));
        User::from_parts(name, uid, gid)
    }

    fn from_parts(name: String, uid: u32, gid: u32) -> User {
        let su = sub_range("/etc/subuid", &name, uid);
        let sg = sub_range("/etc/subgid", &name, uid);
        User { name, uid, gid, subuid_start: su.map(|r| r.0), subgid_start: sg.map(|r| r.0), subuid_count: su.map(|r| r.1), subgid_count: sg.map(|r| r.1) }
    }

    /// Who runs rpod: `$RPOD_TEST_USER` (default rpodtest) as root, else the caller.
    pub fn test_user() -> User {
        if is_root() {
            let name = std::env::var("RPOD_TEST_USER").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "rpodtest".into());
            let u = User::by_name(&name);
            assert!(u.uid != 0, "RPOD_TEST_USER must not be root");
            u
        } else {
            // SAFETY: getuid has no preconditions.
            let uid = unsafe { libc::getuid() };
            let (name, uid, gid) = passwd_entry(|_, u| u == uid).unwrap_or_else(|| (uid.to_string(), uid, uid));
            User::from_parts(name, uid, gid)
        }
    }

    /// The user without subordinate ids (`$RPOD_TEST_NOSUB_USER`, default rpodnosub).
    pub fn nosub_user() -> User {
        let name = std::env::var("RPOD_TEST_NOSUB_USER").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "rpodnosub".into());
        User::by_name(&name)
    }

    /// Host uid of container uid `id` under rpod's mapping.
    pub fn host_uid(&self, id: u32) -> u32 {
        if id == 0 {
            self.uid
        } else {
            self.subuid_start.expect("the test user has no /etc/subuid range") + id - 1
        }
    }

    /// Host gid of container gid `id` under rpod's mapping.
    pub fn host_gid(&self, id: u32) -> u32 {
        if id == 0 {
            self.gid
        } else {
            self.subgid_start.expect("the test user has no /etc/subgid range") + id - 1
        }
    }
}

/// Both registries must answer (a TCP connect is enough to tell).
fn check_registry() {
    use std::net::{SocketAddr, TcpStream};
    for reg in [registry(), auth_registry()] {
        let addr: SocketAddr = reg.parse().unwrap_or_else(|_| panic!("test registry {reg:?} is not IP:PORT"));
        if TcpStream::connect_timeout(&addr, Duration::from_secs(3)).is_err() {
            panic!("{MISSING_ENV}: the registry at {reg} does not answer");
        }
    }
}

// ------------------------------------------------------------ command output

/// What one rpod command did.
#[derive(Debug, Clone)]
pub struct Output {
    /// Exit code; 128 + N when killed by signal N.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub args: Vec<String>,
}

impl Output {
    pub fn success(&self) -> bool {
        self.code == 0
    }
    /// For assertion messages.
    pub fn dump(&self) -> String {
        format!("`rpod {}` exited {}\n--- stdout ---\n{}--- stderr ---\n{}--------------", self.args.join(" "), self.code, self.stdout, self.stderr)
    }
    /// Non-empty stderr lines.
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| !l.trim().is_empty()).collect()
    }
    /// Assert stderr is a single `Error: ...` line (Podman's error shape) and
    /// that rpod did not panic.
    pub fn assert_one_error_line(&self) -> &str {
        let lines = self.stderr_lines();
        assert!(!self.stderr.contains("panicked"), "rpod panicked:\n{}", self.dump());
        assert_eq!(lines.len(), 1, "expected exactly one line on stderr:\n{}", self.dump());
        assert!(lines[0].starts_with("Error: "), "stderr must start with `Error: `:\n{}", self.dump());
        assert!(lines[0].chars().all(|c| !c.is_control()), "the error line has control characters:\n{}", self.dump());
        lines[0]
    }
}

fn status_code(st: std::process::ExitStatus) -> i32 {
    st.code().unwrap_or_else(|| 128 + st.signal().unwrap_or(0))
}

/// A process started with [`TestEnv::spawn`]: in its own process group,
/// killed (the whole group) when dropped.
pub struct Spawned {
    pub child: Child,
    pub pgid: i32,
    pub args: Vec<String>,
    started: Instant,
}

impl Spawned {
    /// SIGKILL the whole process group (runuser and rpod).
    pub fn kill_group(&self) {
        // SAFETY: kill(2) with a negative pid signals a process group we created.
        unsafe {
            libc::kill(-self.pgid, libc::SIGKILL);
        }
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Whether it already exited (and with which code).
    pub fn try_code(&mut self) -> Option<i32> {
        self.child.try_wait().expect("try_wait").map(status_code)
    }

    /// Wait (with the command timeout) and collect the output.
    pub fn wait(mut self) -> Output {
        let out = collect(&mut self.child, self.pgid, &self.args, COMMAND_TIMEOUT);
        self.pgid = 0;
        out
    }

    /// Kill the group, then reap it and collect what it wrote.
    pub fn kill_and_wait(self) -> Output {
        self.kill_group();
        self.wait()
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        if self.pgid > 0 {
            self.kill_group();
            let _ = self.child.wait();
        }
    }
}

fn collect(child: &mut Child, pgid: i32, args: &[String], timeout: Duration) -> Output {
    let mut so = child.stdout.take();
    let mut se = child.stderr.take();
    let t_out = std::thread::spawn(move || {
        let mut s = Vec::new();
        if let Some(o) = so.as_mut() {
            let _ = o.read_to_end(&mut s);
        }
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = Vec::new();
        if let Some(e) = se.as_mut() {
            let _ = e.read_to_end(&mut s);
        }
        s
    });
    let deadline = Instant::now() + timeout;
    let status = loop {
        if let Some(st) = child.try_wait().expect("waiting for rpod") {
            break Some(st);
        }
        if Instant::now() > deadline {
            // SAFETY: kill(2) on the process group we created for this command.
            unsafe {
                libc::kill(-pgid, libc::SIGKILL);
            }
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = String::from_utf8_lossy(&t_out.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().unwrap_or_default()).into_owned();
    let out = Output { code: status.map(status_code).unwrap_or(-1), stdout, stderr, args: args.to_vec() };
    if status.is_none() {
        panic!("rpod did not finish within {timeout:?}:\n{}", out.dump());
    }
    out
}

// ----------------------------------------------------------------- test env

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A private rpod world for one test: its own store, config, runtime dir and
/// home, owned by the user who runs rpod. Removed on drop.
pub struct TestEnv {
    pub dir: PathBuf,
    pub home: PathBuf,
    /// `$XDG_DATA_HOME`; the store is `data/rpod`.
    pub data: PathBuf,
    /// `$XDG_CONFIG_HOME`.
    pub config: PathBuf,
    /// `$XDG_RUNTIME_DIR` (mode 0700).
    pub runtime: PathBuf,
    pub user: User,
}

fn chown(path: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::lchown(path, Some(uid), Some(gid)).unwrap_or_else(|e| panic!("chown {}: {e}", path.display()));
}

impl TestEnv {
    /// A fresh environment for the test user, with registries.conf marking
    /// both local registries insecure.
    pub fn new(name: &str) -> TestEnv {
        let user = User::test_user();
        if user.subuid_start.is_none() || user.subgid_start.is_none() {
            panic!("{MISSING_ENV}: user {} has no /etc/subuid or /etc/subgid range", user.name);
        }
        TestEnv::for_user(name, user)
    }

    /// A fresh environment for another user (root only: rpod runs through runuser).
    pub fn new_as(name: &str, user: User) -> TestEnv {
        assert!(is_root(), "this test runs rpod as user {} and so must run as root (contrib/test.sh does)", user.name);
        TestEnv::for_user(name, user)
    }

    fn for_user(name: &str, user: User) -> TestEnv {
        check_registry();
        let base = PathBuf::from("/tmp/rpod-tests");
        if std::fs::create_dir(&base).is_ok() {
            let _ = std::fs::set_permissions(&base, std::fs::Permissions::from_mode(0o1777));
        }
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = base.join(format!("{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let env = TestEnv { home: dir.join("home"), data: dir.join("data"), config: dir.join("config"), runtime: dir.join("run"), dir, user };
        for d in [&env.home, &env.data, &env.config, &env.runtime] {
            std::fs::create_dir(d).unwrap();
        }
        std::fs::set_permissions(&env.runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
        if is_root() {
            for d in [&env.dir, &env.home, &env.data, &env.config, &env.runtime] {
                chown(d, env.user.uid, env.user.gid);
            }
        }
        env.write_registries_conf(&format!(
            "[[registry]]\nlocation = \"{}\"\ninsecure = true\n\n[[registry]]\nlocation = \"{}\"\ninsecure = true\n",
            registry(),
            auth_registry()
        ));
        env
    }

    /// The store (`$XDG_DATA_HOME/rpod`).
    pub fn store(&self) -> PathBuf {
        self.data.join("rpod")
    }

    pub fn registries_conf(&self) -> PathBuf {
        self.config.join("containers/registries.conf")
    }

    pub fn write_registries_conf(&self, text: &str) {
        self.write_file(&self.registries_conf(), text);
    }

    pub fn remove_registries_conf(&self) {
        std::fs::remove_file(self.registries_conf()).expect("removing registries.conf");
    }

    /// Write a file (creating its parents) owned by the env's user.
    pub fn write_file(&self, path: &Path, content: &str) {
        let parent = path.parent().expect("a parent");
        let mut missing = Vec::new();
        let mut p = parent;
        while !p.exists() {
            missing.push(p.to_path_buf());
            p = p.parent().expect("a parent");
        }
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir {}: {e}", parent.display()));
        let mut f = std::fs::File::create(path).unwrap_or_else(|e| panic!("creating {}: {e}", path.display()));
        f.write_all(content.as_bytes()).unwrap();
        if is_root() {
            for d in &missing {
                chown(d, self.user.uid, self.user.gid);
            }
            chown(path, self.user.uid, self.user.gid);
        }
    }

    fn base_env(&self) -> Vec<(String, String)> {
        vec![
            ("PATH".into(), PATH.into()),
            ("HOME".into(), self.home.display().to_string()),
            ("XDG_DATA_HOME".into(), self.data.display().to_string()),
            ("XDG_CONFIG_HOME".into(), self.config.display().to_string()),
            ("XDG_RUNTIME_DIR".into(), self.runtime.display().to_string()),
            ("USER".into(), self.user.name.clone()),
            ("LOGNAME".into(), self.user.name.clone()),
        ]
    }

    /// The command that runs `rpod ARGS` as the env's user, with a cleared
    /// environment plus `extra` variables, in its own process group.
    pub fn command(&self, args: &[&str], extra: &[(&str, &str)]) -> Command {
        self.command_of(BIN, args, extra)
    }

    /// [`TestEnv::command`] for another program (a script that calls
    /// `$RPOD`, say), run the same way as the env's user.
    pub fn command_of(&self, program: &str, args: &[&str], extra: &[(&str, &str)]) -> Command {
        let mut vars = self.base_env();
        for (k, v) in extra {
            vars.retain(|(x, _)| x != k);
            vars.push((k.to_string(), v.to_string()));
        }
        let mut cmd = if is_root() {
            let mut c = Command::new("runuser");
            // Start inside the user's delegated cgroup v2 subtree (made by
            // contrib/setup-test-env.sh), as a systemd login session would.
            if let Some(procs) = delegated_cgroup_procs(self.user.uid) {
                let procs = CString::new(procs.as_os_str().as_bytes()).unwrap();
                // SAFETY: the closure runs after fork in the child and only
                // calls open/write/close, which are async-signal-safe.
                unsafe {
                    c.pre_exec(move || {
                        let fd = libc::open(procs.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
                        if fd >= 0 {
                            libc::write(fd, b"0".as_ptr().cast(), 1);
                            libc::close(fd);
                        }
                        Ok(())
                    });
                }
            }
            c.args(["-u", &self.user.name, "--", "env", "-i"]);
            c.args(vars.iter().map(|(k, v)| format!("{k}={v}")));
            c.arg(program);
            c
        } else {
            let mut c = Command::new(program);
            c.env_clear();
            c.envs(vars.iter().map(|(k, v)| (k.clone(), v.clone())));
            c
        };
        cmd.args(args);
        cmd.current_dir(&self.dir);
        cmd.process_group(0);
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        cmd
    }

    /// A shell command line running `rpod ARGS` as the env's user (for tools
    /// like script(1) that take a command string).
    pub fn shell_line(&self, args: &[&str]) -> String {
        let q = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
        let vars: Vec<String> = self.base_env().iter().map(|(k, v)| q(&format!("{k}={v}"))).collect();
        let mut line = if is_root() {
            format!("runuser -u {} -- env -i {} {}", self.user.name, vars.join(" "), BIN)
        } else {
            format!("env -i {} {}", vars.join(" "), BIN)
        };
        for a in args {
            line.push(' ');
            line.push_str(&q(a));
        }
        line
    }

    /// Run `rpod ARGS` with `extra` environment and `stdin` text.
    pub fn run_full(&self, args: &[&str], extra: &[(&str, &str)], stdin: Option<&str>) -> Output {
        let mut cmd = self.command(args, extra);
        cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
        let mut child = cmd.spawn().unwrap_or_else(|e| panic!("spawning rpod: {e}"));
        let pgid = child.id() as i32;
        if let Some(text) = stdin {
            let mut si = child.stdin.take().expect("stdin");
            let text = text.to_string();
            std::thread::spawn(move || {
                let _ = si.write_all(text.as_bytes());
            });
        }
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        collect(&mut child, pgid, &args, COMMAND_TIMEOUT)
    }

    /// Run the shell script `script` with `args` as the env's user, with
    /// `RPOD` set to the rpod under test and `extra` environment.
    pub fn run_script(&self, script: &Path, args: &[&str], extra: &[(&str, &str)]) -> Output {
        self.run_script_with_input(script, args, extra, None)
    }

    /// [`TestEnv::run_script`] with `stdin` text on the script's standard input.
    pub fn run_script_with_input(&self, script: &Path, args: &[&str], extra: &[(&str, &str)], stdin: Option<&str>) -> Output {
        let mut all: Vec<&str> = vec![script.to_str().expect("a UTF-8 script path")];
        all.extend_from_slice(args);
        let mut vars = vec![("RPOD", BIN)];
        vars.extend_from_slice(extra);
        let mut cmd = self.command_of("bash", &all, &vars);
        cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
        let mut child = cmd.spawn().unwrap_or_else(|e| panic!("spawning {}: {e}", script.display()));
        let pgid = child.id() as i32;
        if let Some(text) = stdin {
            let mut si = child.stdin.take().expect("stdin");
            let text = text.to_string();
            std::thread::spawn(move || {
                let _ = si.write_all(text.as_bytes());
            });
        }
        let args: Vec<String> = all.iter().map(|s| s.to_string()).collect();
        collect(&mut child, pgid, &args, COMMAND_TIMEOUT)
    }

    /// Run `rpod ARGS`.
    pub fn rpod(&self, args: &[&str]) -> Output {
        self.run_full(args, &[], None)
    }

    /// Run `rpod ARGS` with extra environment variables.
    pub fn rpod_env(&self, args: &[&str], extra: &[(&str, &str)]) -> Output {
        self.run_full(args, extra, None)
    }

    /// Run `rpod ARGS`, assert it succeeds, return stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.rpod(args);
        assert_eq!(out.code, 0, "expected success:\n{}", out.dump());
        assert!(!out.stderr.contains("panicked"), "rpod panicked:\n{}", out.dump());
        out.stdout
    }

    /// Run `rpod ARGS`, assert it exits `code`, return its output.
    pub fn fails(&self, args: &[&str], code: i32) -> Output {
        let out = self.rpod(args);
        assert_eq!(out.code, code, "expected exit code {code}:\n{}", out.dump());
        assert!(!out.stderr.contains("panicked"), "rpod panicked:\n{}", out.dump());
        out
    }

    /// Start `rpod ARGS` without waiting (own process group, stdin closed).
    pub fn spawn(&self, args: &[&str]) -> Spawned {
        let mut cmd = self.command(args, &[]);
        cmd.stdin(Stdio::null());
        let started = Instant::now();
        let child = cmd.spawn().unwrap_or_else(|e| panic!("spawning rpod: {e}"));
        let pgid = child.id() as i32;
        Spawned { child, pgid, args: args.iter().map(|s| s.to_string()).collect(), started }
    }

    /// `rpod pull IMAGE` (registries.conf marks it insecure); returns the ID.
    pub fn pull(&self, image: &str) -> String {
        let out = self.ok(&["pull", image]);
        let id = out.trim().to_string();
        assert!(is_hex64(&id), "pull {image} printed {out:?}, not an image ID");
        id
    }

    /// `rpod image inspect IMAGE` → the one object.
    pub fn inspect(&self, image: &str) -> Value {
        let out = self.ok(&["image", "inspect", image]);
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("inspect output is not JSON ({e}):\n{out}"));
        let arr = v.as_array().unwrap_or_else(|| panic!("inspect output is not an array:\n{out}"));
        assert_eq!(arr.len(), 1, "inspect of one image returned {} objects", arr.len());
        arr[0].clone()
    }

    /// Layer directories of IMAGE, bottom first (from GraphDriver.Data).
    pub fn layer_paths(&self, image: &str) -> Vec<PathBuf> {
        let v = self.inspect(image);
        let data = &v["GraphDriver"]["Data"];
        let upper = data["UpperDir"].as_str().unwrap_or_else(|| panic!("no GraphDriver.Data.UpperDir in {v:#}"));
        let mut dirs: Vec<PathBuf> = match data["LowerDir"].as_str() {
            Some(l) if !l.is_empty() => l.split(':').map(PathBuf::from).collect(), // top to bottom
            _ => vec![],
        };
        dirs.reverse();
        dirs.push(PathBuf::from(upper));
        dirs
    }

    /// Names under `store/SUB` (e.g. "layers", "staging").
    pub fn store_entries(&self, sub: &str) -> Vec<String> {
        list_dir(&self.store().join(sub))
    }

    /// Image IDs (64 hex) in the store, from `images --format json`.
    pub fn image_ids(&self) -> Vec<String> {
        let out = self.ok(&["images", "--format", "json"]);
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("images --format json is not JSON ({e}):\n{out}"));
        v.as_array()
            .unwrap_or_else(|| panic!("images --format json is not an array:\n{out}"))
            .iter()
            .map(|i| i["Id"].as_str().expect("Id").to_string())
            .collect()
    }

    /// Rows of the `images` table (header dropped), cells split on 2+ spaces.
    pub fn images_table(&self) -> Vec<Vec<String>> {
        let out = self.ok(&["images"]);
        let mut lines = out.lines();
        let header = lines.next().unwrap_or("");
        assert!(header.starts_with("REPOSITORY"), "images header: {out}");
        lines.map(table_cells).collect()
    }

    /// Assert the store has no image, no layer and an empty staging area.
    pub fn assert_store_empty(&self, why: &str) {
        let images = self.ok(&["images", "-q"]);
        assert_eq!(images, "", "{why}: expected no images");
        assert_eq!(self.store_entries("layers"), Vec::<String>::new(), "{why}: layers/ must be empty");
        assert_eq!(self.store_entries("staging"), Vec::<String>::new(), "{why}: staging/ must be empty");
    }
}

impl Drop for TestEnv {
    fn drop(&mut self) {
        if std::env::var_os("RPOD_TEST_KEEP").is_some() {
            eprintln!("keeping {}", self.dir.display());
            return;
        }
        // A test that failed half-way may have left containers running:
        // stop them (and their monitors) before their files go.
        if self.store().join("containers").exists() {
            let mut cmd = self.command(&["rm", "-fa"], &[]);
            cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
            let _ = cmd.status();
        }
        remove_all(&self.dir);
    }
}

/// `cgroup.procs` of the delegated subtree of `uid`, when the setup made one.
pub fn delegated_cgroup_procs(uid: u32) -> Option<PathBuf> {
    let info = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let mount = info.lines().find_map(|l| {
        let (pre, post) = l.split_once(" - ")?;
        (post.split_whitespace().next()? == "cgroup2").then(|| pre.split_whitespace().nth(4).map(PathBuf::from))?
    })?;
    let p = mount.join(format!("user.slice/user-{uid}.slice/user@{uid}.service/cgroup.procs"));
    p.exists().then_some(p)
}

/// Remove a tree holding files owned by subordinate ids.
pub fn remove_all(dir: &Path) {
    if !dir.exists() {
        return;
    }
    let ok = if is_root() {
        std::fs::remove_dir_all(dir).is_ok() || Command::new("rm").arg("-rf").arg(dir).status().map(|s| s.success()).unwrap_or(false)
    } else {
        Command::new("unshare").args(["--map-auto", "--map-root-user", "rm", "-rf"]).arg(dir).status().map(|s| s.success()).unwrap_or(false)
    };
    if !ok || dir.exists() {
        eprintln!("warning: could not remove {}", dir.display());
    }
}

// ---------------------------------------------------------------- helpers

pub fn is_hex64(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub fn is_hex12(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Split a table row on runs of two or more spaces.
pub fn table_cells(line: &str) -> Vec<String> {
    line.split("  ").map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect()
}

/// Sorted entry names of a directory (empty when it does not exist).
pub fn list_dir(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => vec![],
    };
    v.sort();
    v
}

pub fn unique<T: Ord + Clone>(v: &[T]) -> BTreeSet<T> {
    v.iter().cloned().collect()
}

/// lstat.
pub fn lmeta(p: &Path) -> std::fs::Metadata {
    std::fs::symlink_metadata(p).unwrap_or_else(|e| panic!("lstat {}: {e}", p.display()))
}

/// Permission bits with setuid/setgid/sticky (mode & 0o7777).
pub fn mode_bits(p: &Path) -> u32 {
    lmeta(p).mode() & 0o7777
}

/// File type bits (mode & S_IFMT).
pub fn file_type_bits(p: &Path) -> u32 {
    lmeta(p).mode() & libc::S_IFMT
}

/// An extended attribute of `p` (not following symlinks); `None` when absent.
pub fn xattr(p: &Path, name: &str) -> Option<Vec<u8>> {
    let path = CString::new(p.as_os_str().as_bytes()).unwrap();
    let name = CString::new(name).unwrap();
    let mut buf = vec![0u8; 4096];
    // SAFETY: valid NUL-terminated strings and a buffer of the given length.
    let n = unsafe { libc::lgetxattr(path.as_ptr(), name.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    if n < 0 {
        return None;
    }
    buf.truncate(n as usize);
    Some(buf)
}

/// Whether `path` exists, not following a final symlink.
pub fn lexists(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok()
}

/// The manifest digest the registry serves for `reference` (e.g.
/// `127.0.0.1:5000/busybox:latest`), from the setup's images.txt.
pub fn registry_digest(reference: &str) -> String {
    let file = "/var/lib/rpod-test/images.txt";
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{MISSING_ENV}: reading {file}: {e}"));
    text.lines()
        .find_map(|l| {
            let mut it = l.split_whitespace();
            (it.next()? == reference).then(|| it.next().map(str::to_string)).flatten()
        })
        .unwrap_or_else(|| panic!("{MISSING_ENV}: {reference} is not listed in {file}"))
}

/// Every path under `dir` (not following symlinks), relative to `dir`.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                stack.push(p.clone());
            }
            out.push(p.strip_prefix(dir).expect("under dir").to_path_buf());
        }
    }
    out
}

/// A size cell such as "2.13 MB" or "205 MB", in bytes (go-units, base 1000).
pub fn parse_human_size(s: &str) -> Option<f64> {
    let (num, unit) = s.trim().split_once(' ')?;
    let n: f64 = num.parse().ok()?;
    let mult = match unit {
        "B" => 1.0,
        "kB" => 1e3,
        "MB" => 1e6,
        "GB" => 1e9,
        "TB" => 1e12,
        _ => return None,
    };
    Some(n * mult)
}

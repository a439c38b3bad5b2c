//! Talking to registries: short-name resolution through registries.conf, TLS
//! verification, and credentials (login, logout, auth files, --creds).

mod common;

use base64::Engine as _;
use common::*;
use serde_json::Value;

fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

fn read_json(p: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON ({e}):\n{text}", p.display()))
}

#[test]
fn short_names_use_search_registries() {
    let env = TestEnv::new("shortnames");
    env.write_registries_conf(&format!("unqualified-search-registries = [\"{r}\"]\n\n[[registry]]\nlocation = \"{r}\"\ninsecure = true\n", r = registry()));
    let id = env.pull("busybox");
    let rows = env.images_table();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!((rows[0][0].as_str(), rows[0][1].as_str()), (img("busybox").as_str(), "latest"), "a short name is stored fully qualified");
    env.ok(&["image", "exists", "busybox"]);
    env.ok(&["image", "exists", "busybox:latest"]);
    env.ok(&["image", "exists", &img("busybox")]);
    let out = env.fails(&["image", "exists", "nothere"], 1);
    assert_eq!(out.stderr, "", "image exists is silent:\n{}", out.dump());
    assert_eq!(out.stdout, "");
    let v = env.inspect("busybox");
    assert_eq!(v["Id"], id.as_str());
    env.ok(&["tag", "busybox", "short:v2"]);
    env.ok(&["image", "exists", "localhost/short:v2"]);

    // No search registries: Podman's default (docker.io) is tried, and fails offline.
    let env2 = TestEnv::new("shortnames-none");
    env2.write_registries_conf(&format!("[[registry]]\nlocation = \"{}\"\ninsecure = true\n", registry()));
    let out = env2.fails(&["pull", "busybox"], 125);
    let line = out.assert_one_error_line();
    assert!(line.contains("docker.io/library/busybox:latest"), "the error must name docker.io/library/busybox:latest:\n{}", out.dump());
    env2.assert_store_empty("after a failed short-name pull");
}

#[test]
fn tls_verification_without_registries_conf() {
    let env = TestEnv::new("tls");
    env.remove_registries_conf();
    let out = env.fails(&["pull", &img("busybox")], 125);
    out.assert_one_error_line();
    env.assert_store_empty("after a refused plain-HTTP pull");
    let out = env.ok(&["pull", "--tls-verify=false", &img("busybox")]);
    assert!(is_hex64(out.trim()), "{out}");
    // An explicit --tls-verify overrides registries.conf's insecure = true.
    let env = TestEnv::new("tls-forced");
    env.fails(&["pull", "--tls-verify=true", &img("busybox")], 125).assert_one_error_line();
    env.fails(&["pull", "--tls-verify", &format!("{}/busybox", auth_registry())], 125).assert_one_error_line();
}

#[test]
fn login_pull_logout_on_auth_registry() {
    let env = TestEnv::new("auth-login");
    let reg = auth_registry();
    let image = format!("{reg}/busybox");
    let auth_json = env.runtime.join("containers/auth.json");

    let out = env.fails(&["pull", "--tls-verify=false", &image], 125);
    let line = out.assert_one_error_line().to_lowercase();
    assert!(line.contains("auth") || line.contains("401"), "anonymous pull must fail with an authentication error:\n{}", out.dump());
    assert!(!auth_json.exists());

    // A wrong password writes nothing.
    let out = env.fails(&["login", "--tls-verify=false", "-u", AUTH_USER, "-p", "wrong", &reg], 125);
    out.assert_one_error_line();
    assert!(!auth_json.exists(), "a failed login must not write {}", auth_json.display());

    let out = env.ok(&["login", "--tls-verify=false", "-u", AUTH_USER, "-p", AUTH_PASS, &reg]);
    assert_eq!(out, "Login Succeeded!\n");
    let v = read_json(&auth_json);
    assert_eq!(v["auths"][&reg]["auth"], b64(&format!("{AUTH_USER}:{AUTH_PASS}")).as_str(), "{v:#}");
    let id = env.pull(&image);
    let a_id = TestEnv::new("auth-ref").pull(&img("busybox"));
    assert_eq!(id, a_id, "the same busybox image on both registries");

    // A failed login keeps the stored credentials.
    env.fails(&["login", "--tls-verify=false", "-u", AUTH_USER, "-p", "wrong", &reg], 125);
    assert_eq!(read_json(&auth_json), v, "a failed login must not change auth.json");

    let out = env.ok(&["logout", &reg]);
    assert!(out.contains(&reg), "{out}");
    let v = read_json(&auth_json);
    assert!(v["auths"].get(&reg).is_none(), "logout must remove the entry: {v:#}");
    let out = env.fails(&["logout", &reg], 125);
    let line = out.assert_one_error_line();
    assert!(line.contains("not logged into"), "{}", out.dump());
    env.fails(&["pull", "--tls-verify=false", &image], 125);

    // --password-stdin
    let out = env.run_full(&["login", "--tls-verify=false", "-u", AUTH_USER, "--password-stdin", &reg], &[], Some(&format!("{AUTH_PASS}\n")));
    assert_eq!(out.code, 0, "{}", out.dump());
    assert_eq!(out.stdout, "Login Succeeded!\n");
    assert_eq!(read_json(&auth_json)["auths"][&reg]["auth"], b64(&format!("{AUTH_USER}:{AUTH_PASS}")).as_str());
    env.pull(&image);
}

#[test]
fn run_create_and_build_pull_with_tls_verify_authfile_and_creds() {
    // Podman's run/create --tls-verify and --authfile, and build's
    // --tls-verify, --authfile and --creds, apply to the pull of a missing image.
    let env = TestEnv::new("pull-flags-plain");
    env.remove_registries_conf();
    let bb = img("busybox");
    env.fails(&["create", &bb, "true"], 125).assert_one_error_line();
    env.assert_store_empty("after a refused plain-HTTP pull by create");
    let id = env.ok(&["create", "--tls-verify=false", &bb, "true"]);
    assert!(is_hex64(id.trim()), "{id}");
    env.ok(&["rm", id.trim()]);
    env.ok(&["rmi", &bb]);
    assert_eq!(env.ok(&["run", "--rm", "--tls-verify=false", "--network", "none", &bb, "echo", "pulled"]), "pulled\n");
    env.ok(&["rmi", &bb]);
    let ctx = env.dir.join("ctx");
    env.write_file(&ctx.join("Containerfile"), &format!("FROM {bb}\nLABEL built=yes\n"));
    let c = ctx.to_str().unwrap();
    env.fails(&["build", "-t", "b1", c], 125).assert_one_error_line();
    env.ok(&["build", "--tls-verify=false", "--rm", "--force-rm", "-t", "b1", c]);
    assert_eq!(env.ok(&["image", "inspect", "b1", "--format", "{{index .Config.Labels \"built\"}}"]), "yes\n");
    // rpod always removes each step's container: asking to keep one is refused.
    for keep in ["--rm=false", "--force-rm=false"] {
        let out = env.fails(&["build", "--tls-verify=false", keep, c], 125);
        assert!(out.assert_one_error_line().contains("not supported"), "{}", out.dump());
    }

    let reg = auth_registry();
    let image = format!("{reg}/busybox");
    let env = TestEnv::new("pull-flags-auth");
    let file = env.dir.join("my-auth.json");
    let f = file.display().to_string();
    env.ok(&["login", "--tls-verify=false", "--authfile", &f, "-u", AUTH_USER, "-p", AUTH_PASS, &reg]);
    env.fails(&["create", "--tls-verify=false", &image, "true"], 125);
    let id = env.ok(&["create", "--tls-verify=false", "--authfile", &f, &image, "true"]);
    assert!(is_hex64(id.trim()), "{id}");
    env.ok(&["rm", id.trim()]);
    env.ok(&["rmi", &image]);
    let ctx = env.dir.join("ctx");
    env.write_file(&ctx.join("Containerfile"), &format!("FROM {image}\nLABEL auth=yes\n"));
    let c = ctx.to_str().unwrap();
    env.fails(&["build", "--tls-verify=false", c], 125);
    env.ok(&["build", "--tls-verify=false", "--authfile", &f, "-t", "b2", c]);
    env.ok(&["rmi", "b2", &image]);
    env.ok(&["build", "--tls-verify=false", "--creds", &format!("{AUTH_USER}:{AUTH_PASS}"), "-t", "b3", c]);
    assert_eq!(env.ok(&["image", "inspect", "b3", "--format", "{{index .Config.Labels \"auth\"}}"]), "yes\n");
}

#[test]
fn credentials_from_authfile_env_docker_config_and_creds() {
    let reg = auth_registry();
    let image = format!("{reg}/busybox");
    let token = b64(&format!("{AUTH_USER}:{AUTH_PASS}"));

    // --authfile for login and pull
    let env = TestEnv::new("auth-file");
    let file = env.dir.join("my-auth.json");
    let f = file.display().to_string();
    assert_eq!(env.ok(&["login", "--tls-verify=false", "--authfile", &f, "-u", AUTH_USER, "-p", AUTH_PASS, &reg]), "Login Succeeded!\n");
    assert_eq!(read_json(&file)["auths"][&reg]["auth"], token.as_str());
    assert!(!env.runtime.join("containers/auth.json").exists(), "--authfile replaces the default file");
    env.fails(&["pull", "--tls-verify=false", &image], 125);
    env.ok(&["pull", "--tls-verify=false", "--authfile", &f, &image]);
    env.ok(&["logout", "--authfile", &f, &reg]);
    assert!(read_json(&file)["auths"].get(&reg).is_none());

    // REGISTRY_AUTH_FILE
    let env = TestEnv::new("auth-env");
    let file = env.dir.join("env-auth.json");
    let f = file.display().to_string();
    let vars = [("REGISTRY_AUTH_FILE", f.as_str())];
    let out = env.rpod_env(&["login", "--tls-verify=false", "-u", AUTH_USER, "-p", AUTH_PASS, &reg], &vars);
    assert_eq!(out.code, 0, "{}", out.dump());
    assert_eq!(read_json(&file)["auths"][&reg]["auth"], token.as_str(), "login writes $REGISTRY_AUTH_FILE");
    assert!(!env.runtime.join("containers/auth.json").exists());
    let out = env.rpod_env(&["pull", "--tls-verify=false", &image], &vars);
    assert_eq!(out.code, 0, "pull reads $REGISTRY_AUTH_FILE:\n{}", out.dump());

    // ~/.docker/config.json
    let env = TestEnv::new("auth-docker");
    env.write_file(&env.home.join(".docker/config.json"), &format!("{{\"auths\": {{\"{reg}\": {{\"auth\": \"{token}\"}}}}}}\n"));
    env.ok(&["pull", "--tls-verify=false", &image]);

    // $XDG_CONFIG_HOME/containers/auth.json
    let env = TestEnv::new("auth-config");
    env.write_file(&env.config.join("containers/auth.json"), &format!("{{\"auths\": {{\"https://{reg}\": {{\"auth\": \"{token}\"}}}}}}\n"));
    env.ok(&["pull", "--tls-verify=false", &image]);

    // --creds
    let env = TestEnv::new("auth-creds");
    env.ok(&["pull", "--tls-verify=false", "--creds", &format!("{AUTH_USER}:{AUTH_PASS}"), &image]);
    let out = env.fails(&["pull", "--tls-verify=false", "--creds", &format!("{AUTH_USER}:nope"), &image], 125);
    out.assert_one_error_line();
    assert!(!env.runtime.join("containers/auth.json").exists(), "--creds stores nothing");
}

/// A machine without CA certificates (no ca-certificates package, or
/// SSL_CERT_FILE pointing nowhere) used to panic inside the HTTP client;
/// now pull says what is missing (even for a --tls-verify=false registry,
/// whose client library still builds a default client) in one line, exit 125, and leave
/// the store empty.
#[test]
fn no_ca_certificates_is_one_line_not_a_panic() {
    let env = TestEnv::new("no-ca");
    let none = [("SSL_CERT_FILE", "/nonexistent/ca.pem"), ("SSL_CERT_DIR", "/nonexistent")];
    for reg in [auth_registry(), registry()] {
        let out = env.rpod_env(&["pull", &format!("{reg}/busybox")], &none);
        assert_eq!(out.code, 125, "{}", out.dump());
        let line = out.assert_one_error_line();
        assert!(line.contains("CA certificates"), "{}", out.dump());
        assert!(!out.stderr.contains("panicked"), "{}", out.dump());
    }
    env.assert_store_empty("after a pull without CA certificates");
}

/// The insecure entries every test environment has, for configs that replace it.
fn insecure_local() -> String {
    format!("[[registry]]\nlocation = \"{}\"\ninsecure = true\n\n[[registry]]\nlocation = \"{}\"\ninsecure = true\n", registry(), auth_registry())
}

/// A port on loopback where nothing listens (the discard port).
const DEAD: &str = "127.0.0.1:9";

#[test]
fn mirrors_blocked_registries_and_prefix_rewrites() {
    let r = registry();
    let env = TestEnv::new("mirrors");
    let want = TestEnv::new("mirrors-ref").pull(&img("busybox"));
    // A blocked primary whose mirror has the image: the mirror serves it,
    // and the image keeps the name the user asked for.
    env.write_registries_conf(&format!(
        "{}\n[[registry]]\nprefix = \"blocked.example.test\"\nlocation = \"blocked.example.test\"\nblocked = true\n\n\
         [[registry.mirror]]\nlocation = \"{DEAD}\"\ninsecure = true\n\n[[registry.mirror]]\nlocation = \"{r}\"\ninsecure = true\n\n\
         [[registry]]\nprefix = \"rewrite.example.test/team\"\nlocation = \"{r}\"\ninsecure = true\n\n\
         [[registry]]\nprefix = \"tagonly.example.test\"\nlocation = \"{DEAD}\"\n\n[[registry.mirror]]\nlocation = \"{r}\"\ninsecure = true\npull-from-mirror = \"digest-only\"\n",
        insecure_local()
    ));
    assert_eq!(env.pull("blocked.example.test/busybox"), want, "served by the second mirror after the first failed");
    env.ok(&["image", "exists", "blocked.example.test/busybox:latest"]);
    let names = env.ok(&["image", "inspect", "--format", "{{.RepoTags}}", &want]);
    assert!(names.contains("blocked.example.test/busybox:latest") && !names.contains(&r), "stored under the logical name only: {names}");
    // A prefix rewritten to another location.
    assert_eq!(env.pull("rewrite.example.test/team/busybox"), want);
    env.ok(&["image", "exists", "rewrite.example.test/team/busybox"]);
    // pull-from-mirror = digest-only: a tag pull skips the mirror and fails
    // on the dead primary; a digest pull uses the mirror.
    let out = env.fails(&["pull", "tagonly.example.test/busybox"], 125);
    out.assert_one_error_line();
    let digest = registry_digest(&format!("{r}/busybox:latest"));
    assert_eq!(env.pull(&format!("tagonly.example.test/busybox@{digest}")), want);

    // Every source fails: one line naming the mirrors and the blocked primary.
    let env = TestEnv::new("mirrors-fail");
    env.write_registries_conf(&format!(
        "{}\n[[registry]]\nlocation = \"blocked.example.test\"\nblocked = true\n\n[[registry.mirror]]\nlocation = \"{DEAD}\"\ninsecure = true\n",
        insecure_local()
    ));
    let out = env.fails(&["pull", "blocked.example.test/busybox"], 125);
    let line = out.assert_one_error_line();
    assert!(line.contains("Mirrors also failed") && line.contains(DEAD) && line.contains("is blocked in"), "{}", out.dump());
    env.assert_store_empty("after a pull from a blocked registry");
}

#[test]
fn blocked_registry_refuses_pull_in_one_line() {
    let env = TestEnv::new("blocked");
    env.write_registries_conf(&format!("[[registry]]\nlocation = \"{}\"\nblocked = true\ninsecure = true\n", registry()));
    let out = env.fails(&["pull", &img("busybox")], 125);
    let line = out.assert_one_error_line();
    assert!(line.contains(&format!("registry {} is blocked in", registry())), "{}", out.dump());
    assert!(line.contains(&env.registries_conf().display().to_string()), "the error names the file: {}", out.dump());
    env.fails(&["run", "--rm", &img("busybox"), "true"], 125).assert_one_error_line();
    env.assert_store_empty("after a blocked pull");
    // v1 block table.
    env.write_registries_conf(&format!("[registries.block]\nregistries = [\"{}\"]\n", registry()));
    assert!(env.fails(&["pull", &img("busybox")], 125).assert_one_error_line().contains("blocked"));
}

#[test]
fn short_name_aliases_modes_and_drop_ins() {
    let r = registry();
    let env = TestEnv::new("aliases");
    let want = TestEnv::new("aliases-ref").pull(&img("busybox"));
    env.write_registries_conf(&format!(
        "unqualified-search-registries = [\"{r}\", \"{}\"]\nshort-name-mode = \"enforcing\"\n\n[aliases]\n\"mybox\" = \"{r}/busybox\"\n\n{}",
        auth_registry(),
        insecure_local()
    ));
    // An alias: one candidate, no prompt needed; stored under the alias' target.
    assert_eq!(env.pull("mybox"), want);
    env.ok(&["image", "exists", &format!("{r}/busybox:latest")]);
    env.ok(&["image", "exists", "mybox"]);
    assert_eq!(env.inspect("mybox:latest")["Id"], want.as_str(), "local lookups use the alias too");
    // Enforcing, two search registries, no terminal: Podman's error.
    let out = env.fails(&["pull", "layers"], 125);
    let line = out.assert_one_error_line();
    assert!(line.contains("short-name resolution enforced but cannot prompt without a TTY"), "{}", out.dump());
    // A drop-in switches to permissive (the first registry that has it wins).
    let dropins = env.config.join("containers/registries.conf.d");
    env.write_file(&dropins.join("50-mode.conf"), "short-name-mode = \"permissive\"\n[aliases]\n\"other\" = \"127.0.0.1:5000/nothere\"\n");
    assert!(is_hex64(&env.pull("layers")));
    // The machine-written aliases (Podman's cache file) win over registries.conf.
    env.write_file(&env.home.join(".cache/containers/short-name-aliases.conf"), &format!("[aliases]\n\"other\" = \"{r}/busybox\"\n"));
    assert_eq!(env.pull("other"), want);
    // A v1 drop-in, or an invalid alias, is one line and 125.
    env.write_file(&dropins.join("60-v1.conf"), "[registries.search]\nregistries = [\"a.test\"]\n");
    let line = env.fails(&["pull", "busybox"], 125).assert_one_error_line().to_string();
    assert!(line.contains("60-v1.conf") && line.contains("v2 format"), "{line}");
    std::fs::remove_file(dropins.join("60-v1.conf")).unwrap();
    env.write_file(&dropins.join("70-alias.conf"), "[aliases]\n\"bad\" = \"../../etc/passwd\"\n");
    let line = env.fails(&["pull", "busybox"], 125).assert_one_error_line().to_string();
    assert!(line.contains("70-alias.conf"), "{line}");
}

/// Class: resource exhaustion / blocking read. A registries.conf, drop-in or
/// aliases file that is a FIFO (nobody writes: a plain read would wait
/// forever), a device or a huge file is one line naming it, exit 125.
#[test]
fn hostile_registries_conf_fifo_device_or_huge() {
    let env = TestEnv::new("regconf-hostile");
    let conf = env.registries_conf();
    for (want, kind) in [("not a regular file", "fifo"), ("not a regular file", "device"), ("larger than", "huge")] {
        let _ = std::fs::remove_file(&conf);
        match kind {
            "fifo" => nix::unistd::mkfifo(&conf, nix::sys::stat::Mode::from_bits_truncate(0o644)).unwrap(),
            "device" => std::os::unix::fs::symlink("/dev/zero", &conf).unwrap(),
            _ => env.write_file(&conf, &"#".repeat(2 << 20)),
        }
        let out = env.fails(&["pull", "busybox"], 125);
        let line = out.assert_one_error_line();
        assert!(line.contains(want) && line.contains("registries.conf"), "{kind}: {}", out.dump());
    }
    // A FIFO drop-in and a FIFO aliases file.
    let _ = std::fs::remove_file(&conf);
    env.write_registries_conf(&insecure_local());
    let fifo = env.config.join("containers/registries.conf.d/fifo.conf");
    std::fs::create_dir_all(fifo.parent().unwrap()).unwrap();
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o644)).unwrap();
    assert!(env.fails(&["pull", "busybox"], 125).assert_one_error_line().contains("fifo.conf"));
    std::fs::remove_file(&fifo).unwrap();
    let aliases = env.home.join(".cache/containers/short-name-aliases.conf");
    env.write_file(&aliases, "");
    std::fs::remove_file(&aliases).unwrap();
    nix::unistd::mkfifo(&aliases, nix::sys::stat::Mode::from_bits_truncate(0o644)).unwrap();
    assert!(env.fails(&["pull", "busybox"], 125).assert_one_error_line().contains("short-name-aliases.conf"));
}

/// Put an executable `docker-credential-NAME` script in the env's own bin
/// directory; returns the PATH to give rpod.
fn fake_helper(env: &TestEnv, name: &str, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let bin = env.dir.join("bin");
    let p = bin.join(format!("docker-credential-{name}"));
    env.write_file(&p, &format!("#!/bin/sh\n{body}\n"));
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!("{}:{PATH}", bin.display())
}

/// A helper that logs each call to `log` and knows rpoduser on the auth registry.
fn logging_helper(env: &TestEnv, log: &std::path::Path) -> String {
    let reg = auth_registry();
    fake_helper(
        env,
        "rpodfake",
        &format!(
            "IFS= read -r input\necho \"$1 $input\" >> '{log}'\ncase \"$1\" in\n\
             get) if [ \"$input\" = '{reg}' ]; then printf '{{\"ServerURL\":\"%s\",\"Username\":\"{AUTH_USER}\",\"Secret\":\"{AUTH_PASS}\"}}' \"$input\"; exit 0; fi\n\
                  echo 'credentials not found in native keychain'; exit 1;;\n\
             store|erase) exit 0;;\nesac\nexit 2",
            log = log.display()
        ),
    )
}

#[test]
fn credential_helpers_get_store_and_erase() {
    let reg = auth_registry();
    let image = format!("{reg}/busybox");
    let env = TestEnv::new("credhelper");
    let log = env.dir.join("helper.log");
    let path = logging_helper(&env, &log);
    let auth_json = env.runtime.join("containers/auth.json");
    env.write_file(&auth_json, &format!("{{\"credHelpers\": {{\"{reg}\": \"rpodfake\"}}}}\n"));
    let vars = [("PATH", path.as_str())];
    let out = env.rpod_env(&["pull", "--tls-verify=false", &image], &vars);
    assert_eq!(out.code, 0, "pull with credentials from the helper:\n{}", out.dump());
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.lines().any(|l| l == format!("get {reg}")), "the helper got the registry on stdin: {text}");

    // login stores in the helper, not in the file; logout erases there.
    let out = env.rpod_env(&["login", "--tls-verify=false", "-u", AUTH_USER, "-p", AUTH_PASS, &reg], &vars);
    assert_eq!(out.code, 0, "{}", out.dump());
    let text = std::fs::read_to_string(&log).unwrap();
    let store = text.lines().find(|l| l.starts_with("store ")).unwrap_or_else(|| panic!("login must call store: {text}"));
    let v: Value = serde_json::from_str(&store["store ".len()..]).unwrap();
    assert_eq!((v["ServerURL"].as_str(), v["Username"].as_str(), v["Secret"].as_str()), (Some(reg.as_str()), Some(AUTH_USER), Some(AUTH_PASS)));
    assert!(read_json(&auth_json).get("auths").is_none(), "the credentials stay out of auth.json");
    let out = env.rpod_env(&["logout", &reg], &vars);
    assert_eq!(out.code, 0, "{}", out.dump());
    assert!(std::fs::read_to_string(&log).unwrap().lines().any(|l| l == format!("erase {reg}")));
    // A namespaced login cannot go to a helper (Podman's refusal).
    let out = env.rpod_env(&["login", "--tls-verify=false", "-u", AUTH_USER, "-p", AUTH_PASS, &format!("{reg}/team")], &vars);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.assert_one_error_line().contains("namespaced key is not supported"));

    // credsStore: Docker's catch-all helper.
    let env = TestEnv::new("credsstore");
    let log = env.dir.join("helper.log");
    let path = logging_helper(&env, &log);
    env.write_file(&env.home.join(".docker/config.json"), "{\"credsStore\": \"rpodfake\"}\n");
    let out = env.rpod_env(&["pull", "--tls-verify=false", &image], &[("PATH", path.as_str())]);
    assert_eq!(out.code, 0, "{}", out.dump());
    // A registry the helper does not know: anonymous, as without a helper.
    let out = env.rpod_env(&["pull", &img("busybox")], &[("PATH", path.as_str())]);
    assert_eq!(out.code, 0, "{}", out.dump());
}

/// Classes: resource exhaustion by a credential helper (endless output);
/// running a program the config did not mean (a helper name with a path,
/// CWE-427-like); a missing helper. Each is one line and 125, fast.
#[test]
fn hostile_credential_helpers() {
    let reg = auth_registry();
    let image = format!("{reg}/busybox");
    let env = TestEnv::new("credhelper-hostile");
    let auth_json = env.runtime.join("containers/auth.json");
    let path = fake_helper(&env, "flood", "yes '{\"Username\":\"x\"'");
    let vars = [("PATH", path.as_str())];
    env.write_file(&auth_json, &format!("{{\"credHelpers\": {{\"{reg}\": \"flood\"}}}}\n"));
    let out = env.rpod_env(&["pull", "--tls-verify=false", &image], &vars);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.assert_one_error_line().contains("printed more than"), "{}", out.dump());

    // A name that is a path (relative to rpod's working directory, which is
    // env.dir here, where a planted program would be run).
    fake_helper(&env, "x", "echo '{\"Username\":\"u\",\"Secret\":\"p\"}'");
    env.write_file(&auth_json, &format!("{{\"credHelpers\": {{\"{reg}\": \"../bin/docker-credential-x\"}}}}\n"));
    let out = env.rpod_env(&["pull", "--tls-verify=false", &image], &vars);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.assert_one_error_line().contains("invalid credential helper name"), "{}", out.dump());

    env.write_file(&auth_json, &format!("{{\"credHelpers\": {{\"{reg}\": \"missing\"}}}}\n"));
    let out = env.rpod_env(&["pull", "--tls-verify=false", &image], &vars);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.assert_one_error_line().contains("docker-credential-missing"), "{}", out.dump());

    // An auth file that is a FIFO: refused, not waited on.
    std::fs::remove_file(&auth_json).unwrap();
    nix::unistd::mkfifo(&auth_json, nix::sys::stat::Mode::from_bits_truncate(0o644)).unwrap();
    let out = env.fails(&["pull", "--tls-verify=false", &image], 125);
    assert!(out.assert_one_error_line().contains("not a regular file"), "{}", out.dump());
    env.assert_store_empty("after refused credential helpers");
}

/// With a terminal, an ambiguous short name is a choice (Podman prompts);
/// the choice is recorded as an alias, so the next pull, without a
/// terminal and in enforcing mode, needs no prompt.
#[test]
fn short_name_prompt_on_a_terminal_records_the_alias() {
    use std::io::Write as _;
    let r = registry();
    let env = TestEnv::new("shortname-prompt");
    env.write_registries_conf(&format!(
        "unqualified-search-registries = [\"{}\", \"{r}\"]\nshort-name-mode = \"enforcing\"\n\n{}",
        auth_registry(),
        insecure_local()
    ));
    // script(1) gives rpod a terminal on stdin and stdout.
    let mut child = std::process::Command::new("script")
        .args(["-qec", &env.shell_line(&["pull", "busybox"]), "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux");
    let mut stdin = child.stdin.take().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    stdin.write_all(b"2\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "the pull succeeds: {text}");
    assert!(text.contains("Please select an image") && text.contains(&format!("2) {r}/busybox:latest")), "{text}");
    env.ok(&["image", "exists", &format!("{r}/busybox:latest")]);
    let aliases = std::fs::read_to_string(env.home.join(".cache/containers/short-name-aliases.conf")).expect("the choice is recorded");
    assert!(aliases.contains("[aliases]") && aliases.contains(&format!("busybox = \"{r}/busybox\"")), "{aliases}");
    env.ok(&["rmi", "-a"]);
    assert!(is_hex64(&env.pull("busybox")), "the recorded alias resolves without a terminal");
}

#[test]
fn info_shows_registries_as_podman() {
    let r = registry();
    let env = TestEnv::new("info-registries");
    env.write_registries_conf(&format!(
        "unqualified-search-registries = [\"{r}\"]\n\n[[registry]]\nlocation = \"blocked.example.test\"\nblocked = true\n\n[[registry.mirror]]\nlocation = \"{r}\"\ninsecure = true\n"
    ));
    let v: Value = serde_json::from_str(&env.ok(&["info", "--format", "json"])).unwrap();
    assert_eq!(v["registries"]["search"], serde_json::json!([r]), "{v:#}");
    let b = &v["registries"]["blocked.example.test"];
    assert_eq!(
        (b["Blocked"].as_bool(), b["Mirrors"][0]["Location"].as_str(), b["Mirrors"][0]["Insecure"].as_bool()),
        (Some(true), Some(r.as_str()), Some(true)),
        "{v:#}"
    );
    assert_eq!(env.ok(&["info", "--format", "{{.Registries.search}}"]), format!("[{r}]\n"), "Podman's template keys");
}

/// Class: credential leak. `--creds` are for the registry the user named;
/// a mirror on another host (whoever controls registries.conf drop-ins)
/// must not receive them. It gets its own auth.json entry instead.
#[test]
fn creds_are_not_sent_to_a_mirror_elsewhere() {
    let auth = auth_registry();
    let env = TestEnv::new("mirror-creds");
    env.write_registries_conf(&format!(
        "{}\n[[registry]]\nlocation = \"primary.example.test\"\nblocked = true\n\n[[registry.mirror]]\nlocation = \"{auth}\"\ninsecure = true\n",
        insecure_local()
    ));
    let out = env.fails(&["pull", "--creds", &format!("{AUTH_USER}:{AUTH_PASS}"), "primary.example.test/busybox"], 125);
    let line = out.assert_one_error_line().to_lowercase();
    assert!(line.contains("mirrors also failed") && (line.contains("401") || line.contains("auth")), "{}", out.dump());
    env.assert_store_empty("after a mirror refused anonymous access");
    let token = b64(&format!("{AUTH_USER}:{AUTH_PASS}"));
    env.write_file(&env.runtime.join("containers/auth.json"), &format!("{{\"auths\": {{\"{auth}\": {{\"auth\": \"{token}\"}}}}}}\n"));
    assert!(is_hex64(&env.pull("primary.example.test/busybox")), "the mirror's own credentials are used");
}

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

//! `rpod manifest`: manifest lists built from a local image (umoci/skopeo
//! made, pulled from the loopback registry) and a remote arm64 instance of
//! the `multiarch` test image (contrib/images/ocitool.py), pushed, read
//! back with skopeo, and pulled by platform; and hostile registries (a
//! fake one on loopback, python3) that serve endless manifests, lists with
//! thousands of entries, and lists of lists.

mod common;

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use serde_json::Value;

static N: AtomicUsize = AtomicUsize::new(0);

fn fresh_repo(what: &str) -> String {
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{}/manifest-{what}-{t:x}-{}-{}", registry(), std::process::id(), N.fetch_add(1, Ordering::SeqCst))
}

fn skopeo(args: &[&str]) -> String {
    let out = Command::new("skopeo").args(args).output().expect("skopeo is installed (contrib/setup-test-env.sh)");
    assert!(out.status.success(), "skopeo {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn raw(reference: &str) -> Value {
    serde_json::from_str(&skopeo(&["inspect", "--raw", "--tls-verify=false", &format!("docker://{reference}")])).unwrap()
}

/// The digest of the manifest the registry serves for `reference`.
fn raw_digest(reference: &str) -> String {
    use sha2::Digest as _;
    let bytes = skopeo(&["inspect", "--raw", "--tls-verify=false", &format!("docker://{reference}")]);
    format!("sha256:{}", hex::encode(sha2::Sha256::digest(bytes.as_bytes())))
}

/// The arm64 entry of the `multiarch` test image: `registry/multiarch@digest`.
fn multiarch_arm64() -> (String, String) {
    let index = raw(&img("multiarch"));
    let e = index["manifests"].as_array().unwrap().iter().find(|e| e["platform"]["architecture"] == "arm64").expect("multiarch has an arm64 entry").clone();
    let d = e["digest"].as_str().unwrap().to_string();
    (format!("{}@{d}", img("multiarch")), d)
}

#[test]
fn a_two_arch_list_is_made_pushed_read_by_skopeo_and_pulled_by_platform() {
    let env = TestEnv::new("manifest-roundtrip");
    let amd = env.pull(&img("busybox"));
    let busybox_digest = raw_digest(&img("busybox"));
    let (arm_ref, arm_digest) = multiarch_arm64();

    let id = env.ok(&["manifest", "create", "mylist"]).trim().to_string();
    assert!(is_hex64(&id), "create prints the list's ID: {id}");
    env.ok(&["manifest", "exists", "mylist"]);
    env.fails(&["manifest", "exists", &img("busybox")], 1);
    env.fails(&["manifest", "exists", "nolist"], 1);
    let empty: Value = serde_json::from_str(&env.ok(&["manifest", "inspect", "mylist"])).unwrap();
    assert_eq!(empty["manifests"], Value::Array(vec![]), "{empty}");

    // A local image, and a remote one (only its manifest and config are read).
    assert_eq!(env.ok(&["manifest", "add", "mylist", &img("busybox")]).trim(), id);
    assert_eq!(env.ok(&["manifest", "add", "--annotation", "org.example.arch=arm", "mylist", &format!("docker://{arm_ref}")]).trim(), id);
    assert_eq!(env.ok(&["images", "-q", "--no-trunc"]).lines().count(), 2, "the arm64 image's layers were not pulled: only the list is new");
    env.ok(&["manifest", "annotate", "--variant", "v8", "--os-version", "1.0", "mylist", &arm_digest]);
    let text = env.ok(&["manifest", "inspect", "mylist"]);
    assert!(
        text.starts_with("{\n    \"schemaVersion\": 2,\n    \"mediaType\": \"application/vnd.oci.image.index.v1+json\",\n    \"manifests\": ["),
        "Podman's shape, four-space indent:\n{text}"
    );
    let index: Value = serde_json::from_str(&text).unwrap();
    let entries = index["manifests"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "{index}");
    assert_eq!(entries[0]["digest"], busybox_digest.as_str());
    assert_eq!(entries[0]["platform"]["architecture"], "amd64");
    assert_eq!(entries[1]["digest"], arm_digest.as_str());
    assert_eq!(entries[1]["platform"], serde_json::json!({"architecture": "arm64", "os": "linux", "os.version": "1.0", "variant": "v8"}));
    assert_eq!(entries[1]["annotations"]["org.example.arch"], "arm");
    // The list is an image in the store, as in Podman; it stands for its
    // host-platform image where an image is run.
    let rows = env.images_table();
    assert!(rows.iter().any(|r| r[0] == "localhost/mylist" && r[1] == "latest"), "{rows:?}");
    assert_eq!(env.ok(&["run", "--rm", "--network", "none", "mylist", "echo", "via-list"]), "via-list\n");
    assert_eq!(env.inspect("mylist")["Id"], amd.as_str());

    // Push with its images: skopeo reads the index back and copies every image.
    let dest = format!("{}:v1", fresh_repo("two"));
    let digestfile = env.runtime.join("list-digest");
    env.ok(&["manifest", "push", "--digestfile", digestfile.to_str().unwrap(), "mylist", &format!("docker://{dest}")]);
    let pushed = raw(&dest);
    assert_eq!(pushed["mediaType"], "application/vnd.oci.image.index.v1+json", "{pushed}");
    assert_eq!(pushed["manifests"], index["manifests"], "the index is pushed as inspect shows it");
    assert_eq!(std::fs::read_to_string(&digestfile).unwrap(), raw_digest(&dest), "--digestfile holds the list's digest");
    let oci = env.dir.join("skopeo-all");
    skopeo(&["copy", "-q", "--all", "--src-tls-verify=false", &format!("docker://{dest}"), &format!("oci:{}:x", oci.display())]);
    assert!(oci.join("index.json").is_file());

    // A fresh store pulls the host's image from it, or arm64 when asked.
    let other = TestEnv::new("manifest-roundtrip-pull");
    assert_eq!(other.pull(&dest), amd, "the amd64 entry is the local busybox");
    assert_eq!(other.ok(&["run", "--rm", "--network", "none", &dest, "echo", "pulled"]), "pulled\n");
    let third = TestEnv::new("manifest-roundtrip-arm");
    third.ok(&["pull", "-q", "--platform", "linux/arm64", &dest]);
    assert_eq!(third.inspect(&dest)["Architecture"], "arm64");

    // Remove an entry, remove the list: the images stay.
    env.ok(&["manifest", "remove", "mylist", &arm_digest]);
    let index: Value = serde_json::from_str(&env.ok(&["manifest", "inspect", "mylist"])).unwrap();
    assert_eq!(index["manifests"].as_array().unwrap().len(), 1, "{index}");
    let out = env.fails(&["manifest", "remove", "mylist", &arm_digest], 125);
    out.assert_one_error_line();
    let out = env.ok(&["manifest", "rm", "mylist"]);
    assert!(out.contains(&format!("Deleted: {id}")), "{out}");
    env.fails(&["manifest", "exists", "mylist"], 1);
    env.ok(&["image", "exists", &img("busybox")]);
    let out = env.fails(&["manifest", "rm", &img("busybox")], 125);
    assert!(out.assert_one_error_line().contains("not a manifest list"), "{}", out.dump());
    env.ok(&["image", "exists", &img("busybox")]);

    // manifest inspect of a registry's list prints it.
    let remote: Value = serde_json::from_str(&env.ok(&["manifest", "inspect", &dest])).unwrap();
    assert_eq!(remote["manifests"], pushed["manifests"]);
}

#[test]
fn add_all_of_a_remote_list_and_push_of_a_list_copies_remote_images() {
    let env = TestEnv::new("manifest-all");
    env.ok(&["manifest", "create", "all"]);
    env.ok(&["manifest", "add", "--all", "all", &format!("docker://{}", img("multiarch"))]);
    let index: Value = serde_json::from_str(&env.ok(&["manifest", "inspect", "all"])).unwrap();
    assert_eq!(index["manifests"], raw(&img("multiarch"))["manifests"], "every entry, as the registry lists them");
    // No local image at all: `rpod push LIST` pushes the list with its images, copied registry to registry.
    let dest = format!("{}:all", fresh_repo("all"));
    env.ok(&["push", "all", &dest]);
    let oci = env.dir.join("skopeo-all");
    skopeo(&["copy", "-q", "--all", "--src-tls-verify=false", &format!("docker://{dest}"), &format!("oci:{}:x", oci.display())]);
    // A list of a name that is taken, a list added to itself, an empty push: one line each.
    env.fails(&["manifest", "create", "all"], 125).assert_one_error_line();
    env.ok(&["manifest", "create", "--amend", "all"]);
    let out = env.fails(&["manifest", "add", "all", "all"], 125);
    assert!(out.assert_one_error_line().contains("itself"), "{}", out.dump());
    env.ok(&["manifest", "create", "empty"]);
    env.fails(&["manifest", "push", "empty", &format!("{}:e", fresh_repo("empty"))], 125).assert_one_error_line();
    env.fails(&["manifest", "add", "nolist", &img("busybox")], 125).assert_one_error_line();
    env.fails(&["manifest", "inspect", "nolist"], 125).assert_one_error_line();
}

/// A fake registry on loopback (python3's http.server): `/v2/endless`
/// sends a manifest body that never ends and records how many bytes it got
/// out before the client hung up; `/v2/announced` announces 100 MiB;
/// `/v2/many` is an index of 5000 entries; `/v2/nested` a list of lists.
struct FakeRegistry {
    child: std::process::Child,
    port: u16,
    dir: std::path::PathBuf,
}

const FAKE: &str = r#"
import http.server, json, sys, os
port, out = int(sys.argv[1]), sys.argv[2]
IDX = "application/vnd.oci.image.index.v1+json"
def entry(i, mt="application/vnd.oci.image.manifest.v1+json"):
    return {"mediaType": mt, "size": 500, "digest": "sha256:%064x" % i, "platform": {"architecture": "amd64", "os": "linux"}}
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    def log_message(self, *a): pass
    def body(self, data, mt):
        self.send_response(200); self.send_header("Content-Type", mt); self.send_header("Content-Length", str(len(data))); self.end_headers()
        if self.command != "HEAD": self.wfile.write(data)
    def do_HEAD(self): self.do_GET()
    def do_GET(self):
        p = self.path
        if p == "/v2/": return self.body(b"{}", "application/json")
        if p.startswith("/v2/endless/manifests/"):
            self.send_response(200); self.send_header("Content-Type", IDX); self.end_headers()
            sent, chunk = 0, b'{"schemaVersion":2,"manifests":[' + b' ' * 65500
            try:
                while sent < 100 << 20:
                    self.wfile.write(chunk); sent += len(chunk)
            except Exception:
                pass
            with open(os.path.join(out, "sent"), "a") as f: f.write("%d\n" % sent)
            return
        if p.startswith("/v2/announced/manifests/"):
            self.send_response(200); self.send_header("Content-Type", IDX); self.send_header("Content-Length", str(100 << 20)); self.end_headers()
            try: self.wfile.write(b"{" * 65536)
            except Exception: pass
            return
        if p.startswith("/v2/many/manifests/"):
            return self.body(json.dumps({"schemaVersion": 2, "mediaType": IDX, "manifests": [entry(i) for i in range(5000)]}).encode(), IDX)
        if p.startswith("/v2/nested/manifests/"):
            return self.body(json.dumps({"schemaVersion": 2, "mediaType": IDX, "manifests": [entry(1, IDX)]}).encode(), IDX)
        self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers()
http.server.ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
"#;

impl FakeRegistry {
    fn start(env: &TestEnv) -> FakeRegistry {
        let dir = env.dir.join("fake-registry");
        std::fs::create_dir_all(&dir).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new("python3")
            .args(["-c", FAKE, &port.to_string(), dir.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("python3 is installed");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        FakeRegistry { child, port, dir }
    }
    fn image(&self, repo: &str) -> String {
        format!("127.0.0.1:{}/{repo}:latest", self.port)
    }
    /// Bytes the endless manifest got out, per request.
    fn sent(&self) -> Vec<u64> {
        std::fs::read_to_string(self.dir.join("sent")).unwrap_or_default().lines().map(|l| l.parse().unwrap()).collect()
    }
}

impl Drop for FakeRegistry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Resource exhaustion (CWE-400, the class of CVE-2024-3727's unbounded
/// manifest reads): a registry serving an endless or 100 MiB manifest gets
/// one line and exit 125 from pull, manifest add and manifest inspect, and
/// rpod stops reading after the 4 MiB cap (what the server got out is
/// bounded by the cap plus socket buffers); a list of 5000 entries and a
/// list that lists a list are refused, and nothing is stored.
#[test]
fn hostile_registries_cannot_exhaust_memory_or_nest_lists() {
    let env = TestEnv::new("manifest-hostile");
    let fake = FakeRegistry::start(&env);
    env.ok(&["manifest", "create", "h"]);
    let before = env.ok(&["manifest", "inspect", "h"]);
    for args in [vec!["pull", "--tls-verify=false"], vec!["manifest", "add", "--tls-verify=false", "h"], vec!["manifest", "inspect", "--tls-verify=false"]] {
        for repo in ["endless", "announced"] {
            let mut a = args.clone();
            let r = fake.image(repo);
            let docker = format!("docker://{r}");
            a.push(if args[0] == "manifest" && args[1] == "add" { &docker } else { &r });
            let out = env.fails(&a, 125);
            let line = out.assert_one_error_line();
            assert!(line.contains("larger than 4194304 bytes"), "{}", out.dump());
        }
    }
    let sent = fake.sent();
    assert_eq!(sent.len(), 3, "three reads of the endless manifest: {sent:?}");
    for s in sent {
        assert!(s < 24 << 20, "rpod read {s} bytes of an endless manifest: the 4 MiB cap is not applied while reading");
    }
    let out = env.fails(&["manifest", "add", "--tls-verify=false", "--all", "h", &format!("docker://{}", fake.image("many"))], 125);
    assert!(out.assert_one_error_line().contains("at most 1024"), "{}", out.dump());
    let out = env.fails(&["manifest", "add", "--tls-verify=false", "--all", "h", &format!("docker://{}", fake.image("nested"))], 125);
    assert!(out.assert_one_error_line().contains("nested"), "{}", out.dump());
    let out = env.fails(&["pull", "--tls-verify=false", &fake.image("nested")], 125);
    out.assert_one_error_line();
    assert_eq!(env.ok(&["manifest", "inspect", "h"]), before, "the list is unchanged");
    env.ok(&["manifest", "rm", "h"]);
    env.assert_store_empty("after refused hostile manifests");
}

/// `build --manifest LIST`: the built image joins LIST (made by the first
/// build), building again replaces the entry for the host's platform (an
/// entry for another platform stays), and the list pushes with it.
/// Name confusion (an image name taken for a list, the class of Podman's
/// "not a manifest list" checks): `--manifest` naming an ordinary image is
/// refused with one line, and that image is left as it was.
#[test]
fn build_adds_its_image_to_a_manifest_list() {
    let env = TestEnv::new("manifest-build");
    let bb = img("busybox");
    let ctx = env.dir.join("ctx");
    let file = ctx.join("Containerfile");
    env.write_file(&file, &format!("FROM {bb}\nLABEL build=one\n"));
    let id_of = |out: &str| out.lines().last().unwrap_or("").trim().to_string();
    let one = id_of(&env.ok(&["build", "-q", "--manifest", "built", ctx.to_str().unwrap()]));
    assert!(is_hex64(&one), "{one}");
    env.ok(&["manifest", "exists", "built"]);
    let digest_of = |id: &str| env.inspect(id)["Digest"].as_str().unwrap().to_string();
    let index: Value = serde_json::from_str(&env.ok(&["manifest", "inspect", "built"])).unwrap();
    let entries = index["manifests"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{index}");
    assert_eq!(entries[0]["digest"], digest_of(&one).as_str());
    assert_eq!(entries[0]["platform"]["os"], "linux");

    let (arm_ref, arm_digest) = multiarch_arm64();
    env.ok(&["manifest", "add", "built", &format!("docker://{arm_ref}")]);
    env.write_file(&file, &format!("FROM {bb}\nLABEL build=two\n"));
    let two = id_of(&env.ok(&["build", "-q", "--manifest", "built", "-t", "two", ctx.to_str().unwrap()]));
    assert_ne!(one, two);
    let index: Value = serde_json::from_str(&env.ok(&["manifest", "inspect", "built"])).unwrap();
    let digests: Vec<&str> = index["manifests"].as_array().unwrap().iter().map(|e| e["digest"].as_str().unwrap()).collect();
    assert_eq!(digests.len(), 2, "{index}");
    assert!(digests.contains(&arm_digest.as_str()), "the arm64 entry stays: {index}");
    assert!(digests.contains(&digest_of(&two).as_str()) && !digests.contains(&digest_of(&one).as_str()), "the rebuilt image replaced the first: {index}");
    env.ok(&["image", "exists", "two"]);

    let dest = format!("{}:built", fresh_repo("built"));
    env.ok(&["manifest", "push", "built", &format!("docker://{dest}")]);
    assert_eq!(raw(&dest)["manifests"], index["manifests"]);

    let out = env.fails(&["build", "-q", "--manifest", &bb, ctx.to_str().unwrap()], 125);
    assert!(out.assert_one_error_line().contains("not a manifest list"), "{}", out.dump());
    env.fails(&["manifest", "exists", &bb], 1);
    env.ok(&["image", "exists", &bb]);
}

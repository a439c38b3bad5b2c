//! Writing to a registry (the push half of the OCI distribution API, and
//! the few size-capped reads manifest lists need), on one HTTP client and
//! one connection pool for the whole push.
//!
//! Why not oci-client here: against a registry that needs no credentials it
//! asks `GET /v2/` again before every request (it caches no "anonymous"
//! answer), doubling the round trips of a push that only mounts blobs.
//! This session pings once, remembers the challenge, and answers a `401`
//! once per scope: `Basic` with the credentials, `Bearer` by fetching a
//! token from the challenge's realm for `repository:REPO:pull,push` (plus
//! `pull` on the repositories blobs are mounted from), as Docker does.
//!
//! Requests and what they mean:
//! - `HEAD /v2/REPO/blobs/DIGEST`: 200 present, 404 absent;
//! - `POST /v2/REPO/blobs/uploads/?mount=DIGEST&from=OTHER`: 201 mounted,
//!   202 declined (the opened upload session is cancelled);
//! - `POST /v2/REPO/blobs/uploads/` then `PUT LOCATION?digest=DIGEST`: a
//!   monolithic upload (streamed);
//! - `PUT /v2/REPO/manifests/REF` with the manifest's media type.

use std::collections::HashMap;
use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, LOCATION, WWW_AUTHENTICATE};
use reqwest::{Method, StatusCode};
use tokio::sync::Mutex;

use super::auth::Credentials;
use crate::storage::Digest;

/// Most bytes read from an error or token response.
const SMALL_BODY: usize = 1 << 20;
/// Most bytes of a manifest or config read (containers/image's limit).
pub const MAX_MANIFEST: usize = 4 << 20;

/// The registry has no such manifest (`404`, or `MANIFEST_UNKNOWN` /
/// `NAME_UNKNOWN`): worth trying the next search registry.
#[derive(Debug, thiserror::Error)]
#[error("reading {0}: manifest unknown")]
pub struct ManifestNotFound(pub String);

/// How the registry wants to be spoken to (learnt from a `401`).
#[derive(Debug, Clone)]
enum Challenge {
    /// No credentials asked.
    None,
    Basic,
    Bearer {
        realm: String,
        service: Option<String>,
    },
}

/// A push session with one registry.
pub struct Uploader {
    client: reqwest::Client,
    /// `http://host` or `https://host`.
    base: String,
    pub registry: String,
    creds: Option<Credentials>,
    challenge: Mutex<Challenge>,
    /// Bearer tokens by scope.
    tokens: Mutex<HashMap<String, String>>,
}

/// The host the API of `registry` is served on.
fn api_host(registry: &str) -> &str {
    if registry == "docker.io" || registry == "index.docker.io" {
        "registry-1.docker.io"
    } else {
        registry
    }
}

fn parse_challenge(h: &str) -> Challenge {
    let h = h.trim();
    let (scheme, params) = h.split_once(' ').unwrap_or((h, ""));
    if scheme.eq_ignore_ascii_case("basic") {
        return Challenge::Basic;
    }
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Challenge::None;
    }
    let field = |name: &str| {
        params.split(',').find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim().trim_matches('"').to_string())
        })
    };
    match field("realm") {
        Some(realm) => Challenge::Bearer { realm, service: field("service") },
        None => Challenge::None,
    }
}

/// A short, printable piece of a response body (for error messages).
async fn body_text(res: reqwest::Response) -> String {
    let mut out = Vec::new();
    let mut res = res;
    while let Ok(Some(chunk)) = res.chunk().await {
        out.extend_from_slice(&chunk);
        if out.len() > SMALL_BODY {
            break;
        }
    }
    let s = String::from_utf8_lossy(&out[..out.len().min(300)]).trim().to_string();
    s.replace('\n', " ")
}

impl Uploader {
    /// Open a session with `registry`. `insecure` (from `--tls-verify=false`
    /// or registries.conf) accepts unverified TLS and falls back to plain
    /// HTTP when the registry does not speak TLS, as Podman does.
    pub async fn connect(registry: &str, insecure: bool, creds: Option<Credentials>) -> Result<Uploader> {
        super::tls_init();
        let client = reqwest::Client::builder()
            .danger_accept_invalid_certs(insecure)
            .connect_timeout(Duration::from_secs(30))
            .read_timeout(Duration::from_secs(120))
            .user_agent(concat!("rpod/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(|e| anyhow!(super::transfer::tls_setup_error(&format!("{e}: {e:?}"))))
            .with_context(|| format!("connecting to {registry}"))?;
        let host = api_host(registry);
        let ping = |scheme: &str| client.get(format!("{scheme}://{host}/v2/")).send();
        let (base, res) = match ping("https").await {
            Ok(r) => (format!("https://{host}"), r),
            Err(tls_err) if insecure => match ping("http").await {
                Ok(r) => (format!("http://{host}"), r),
                Err(_) => return Err(anyhow!(tls_err)).with_context(|| format!("pinging registry {registry}")),
            },
            Err(e) => return Err(anyhow!(e)).with_context(|| format!("pinging registry {registry}")),
        };
        let challenge = if res.status() == StatusCode::UNAUTHORIZED {
            res.headers().get(WWW_AUTHENTICATE).and_then(|h| h.to_str().ok()).map(parse_challenge).unwrap_or(Challenge::None)
        } else {
            Challenge::None
        };
        Ok(Uploader { client, base, registry: registry.to_string(), creds, challenge: Mutex::new(challenge), tokens: Mutex::new(HashMap::new()) })
    }

    /// Whether plain HTTP is used.
    pub fn is_http(&self) -> bool {
        self.base.starts_with("http://")
    }

    /// The `Authorization` value for a request needing `scope`, if any.
    async fn authorization(&self, scope: &str) -> Result<Option<HeaderValue>> {
        let challenge = self.challenge.lock().await.clone();
        match challenge {
            Challenge::None => Ok(None),
            Challenge::Basic => {
                let Some(c) = &self.creds else { return Ok(None) };
                use base64::Engine as _;
                let v = base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", c.username, c.password));
                Ok(Some(HeaderValue::from_str(&format!("Basic {v}"))?))
            }
            Challenge::Bearer { realm, service } => {
                if let Some(t) = self.tokens.lock().await.get(scope) {
                    return Ok(Some(HeaderValue::from_str(&format!("Bearer {t}"))?));
                }
                let mut query: Vec<(&str, String)> = scope.split(' ').map(|s| ("scope", s.to_string())).collect();
                if let Some(s) = &service {
                    query.push(("service", s.clone()));
                }
                let mut req = self.client.get(&realm).query(&query);
                if let Some(c) = &self.creds {
                    query.push(("account", c.username.clone()));
                    req = self.client.get(&realm).query(&query).basic_auth(&c.username, Some(&c.password));
                }
                let res = req.send().await.with_context(|| format!("fetching a token from {realm}"))?;
                if !res.status().is_success() {
                    bail!("fetching a token from {realm}: {} (invalid username/password?)", res.status());
                }
                let bytes = res.bytes().await?;
                if bytes.len() > SMALL_BODY {
                    bail!("token response from {realm} is larger than {SMALL_BODY} bytes");
                }
                #[derive(serde::Deserialize)]
                struct Tok {
                    token: Option<String>,
                    access_token: Option<String>,
                }
                let t: Tok = serde_json::from_slice(&bytes).with_context(|| format!("parsing the token from {realm}"))?;
                let t = t.token.or(t.access_token).filter(|t| !t.is_empty()).with_context(|| format!("{realm} sent no token"))?;
                self.tokens.lock().await.insert(scope.to_string(), t.clone());
                Ok(Some(HeaderValue::from_str(&format!("Bearer {t}"))?))
            }
        }
    }

    /// Send a request (built afresh by `build` for a retry) with the
    /// credentials for `scope`; on a `401`, learn the challenge and retry once.
    async fn send(&self, scope: &str, mut build: impl FnMut() -> Result<reqwest::RequestBuilder>) -> Result<reqwest::Response> {
        for attempt in 0..2 {
            let mut req = build()?;
            if let Some(a) = self.authorization(scope).await? {
                req = req.header(AUTHORIZATION, a);
            }
            let res = req.send().await?;
            if res.status() != StatusCode::UNAUTHORIZED || attempt == 1 {
                return Ok(res);
            }
            let learnt = res.headers().get(WWW_AUTHENTICATE).and_then(|h| h.to_str().ok()).map(parse_challenge);
            match learnt {
                Some(c) if !matches!(c, Challenge::None) => {
                    *self.challenge.lock().await = c;
                    self.tokens.lock().await.remove(scope);
                }
                _ => return Ok(res),
            }
        }
        unreachable!("the loop returns on its second attempt")
    }

    fn scope(repo: &str) -> String {
        format!("repository:{repo}:pull,push")
    }

    async fn fail(what: &str, res: reqwest::Response) -> anyhow::Error {
        let status = res.status();
        let body = body_text(res).await;
        if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
            anyhow!("{what}: {status}: authentication required or denied (log in with rpod login, or give --creds) {body}")
        } else {
            anyhow!("{what}: {status} {body}")
        }
    }

    /// Whether repository `repo` has blob `digest`.
    pub async fn blob_exists(&self, repo: &str, digest: &Digest) -> Result<bool> {
        let url = format!("{}/v2/{repo}/blobs/{digest}", self.base);
        let res = self.send(&Self::scope(repo), || Ok(self.client.head(&url))).await.with_context(|| format!("checking for blob {digest}"))?;
        match res.status() {
            s if s.is_success() => Ok(true),
            StatusCode::NOT_FOUND => Ok(false),
            _ => Err(Self::fail(&format!("checking for blob {digest}"), res).await),
        }
    }

    /// Mount blob `digest` from repository `from` into `repo` (same
    /// registry). `false` when the registry declines.
    pub async fn mount_blob(&self, repo: &str, from: &str, digest: &Digest) -> bool {
        let url = format!("{}/v2/{repo}/blobs/uploads/", self.base);
        let scope = format!("{} repository:{from}:pull", Self::scope(repo));
        let res = self.send(&scope, || Ok(self.client.post(&url).query(&[("mount", digest.as_str()), ("from", from)]).header(CONTENT_LENGTH, "0"))).await;
        match res {
            Ok(r) if r.status() == StatusCode::CREATED => true,
            Ok(r) => {
                tracing::debug!("mounting {digest} from {from}: {}", r.status());
                if r.status() == StatusCode::ACCEPTED {
                    // An upload session was opened instead: cancel it.
                    if let Some(loc) = self.location(&r) {
                        let _ = self.send(&Self::scope(repo), || Ok(self.client.delete(&loc))).await;
                    }
                }
                false
            }
            Err(e) => {
                tracing::debug!("mounting {digest} from {from}: {e:#}");
                false
            }
        }
    }

    /// The absolute upload URL of a `202` (or `201`) answer.
    fn location(&self, res: &reqwest::Response) -> Option<String> {
        let loc = res.headers().get(LOCATION)?.to_str().ok()?;
        if loc.starts_with("http://") || loc.starts_with("https://") {
            Some(loc.to_string())
        } else if loc.starts_with('/') {
            Some(format!("{}{loc}", self.base))
        } else {
            None
        }
    }

    /// Upload blob `digest` of `size` bytes whose content comes from `body`
    /// (built once per attempt: a stream cannot be replayed, so only the
    /// session-opening `POST` is retried on a `401`).
    pub async fn push_blob(&self, repo: &str, digest: &Digest, size: u64, body: reqwest::Body) -> Result<()> {
        let what = format!("uploading blob {digest}");
        let url = format!("{}/v2/{repo}/blobs/uploads/", self.base);
        let scope = Self::scope(repo);
        let res = self.send(&scope, || Ok(self.client.post(&url).header(CONTENT_LENGTH, "0"))).await.with_context(|| what.clone())?;
        if res.status() != StatusCode::ACCEPTED {
            return Err(Self::fail(&what, res).await);
        }
        let loc = self.location(&res).with_context(|| format!("{what}: the registry sent no upload location"))?;
        let mut body = Some(body);
        let res = self
            .send(&scope, || {
                let b = body.take().context("the upload was refused after its body was sent")?;
                Ok(self
                    .client
                    .request(Method::PUT, &loc)
                    .query(&[("digest", digest.as_str())])
                    .header(CONTENT_TYPE, "application/octet-stream")
                    .header(CONTENT_LENGTH, size)
                    .body(b))
            })
            .await
            .with_context(|| what.clone())?;
        if res.status() != StatusCode::CREATED {
            return Err(Self::fail(&what, res).await);
        }
        Ok(())
    }

    /// Read a response body of at most `limit` bytes (more is an error,
    /// found without reading more than `limit + chunk`).
    async fn read_capped(what: &str, mut res: reqwest::Response, limit: usize) -> Result<Vec<u8>> {
        if res.content_length().is_some_and(|n| n > limit as u64) {
            bail!("{what} is larger than {limit} bytes");
        }
        let mut out = Vec::new();
        while let Some(chunk) = res.chunk().await.with_context(|| format!("reading {what}"))? {
            out.extend_from_slice(&chunk);
            if out.len() > limit {
                bail!("{what} is larger than {limit} bytes");
            }
        }
        Ok(out)
    }

    /// Fetch manifest `reference` (a tag or digest) of `repo`: its bytes and
    /// media type. At most [`MAX_MANIFEST`] bytes; a digest reference is checked.
    pub async fn manifest(&self, repo: &str, reference: &str) -> Result<(Vec<u8>, String)> {
        let what = format!("manifest {repo}:{reference}");
        let url = format!("{}/v2/{repo}/manifests/{reference}", self.base);
        let accept = [super::transfer::OCI_MANIFEST, super::transfer::OCI_INDEX, super::transfer::DOCKER_MANIFEST, super::transfer::DOCKER_LIST].join(", ");
        let res = self
            .send(&format!("repository:{repo}:pull"), || Ok(self.client.get(&url).header(reqwest::header::ACCEPT, &accept)))
            .await
            .with_context(|| format!("reading {what}"))?;
        if res.status() == StatusCode::NOT_FOUND {
            return Err(anyhow!(ManifestNotFound(what)));
        }
        if !res.status().is_success() {
            let status = res.status();
            let e = Self::fail(&format!("reading {what}"), res).await;
            // Docker Hub answers 401 for a repository that does not exist.
            if (status == StatusCode::UNAUTHORIZED && e.to_string().contains("NAME_UNKNOWN")) || e.to_string().contains("MANIFEST_UNKNOWN") {
                return Err(anyhow!(ManifestNotFound(what)));
            }
            return Err(e);
        }
        let mt = res.headers().get(CONTENT_TYPE).and_then(|h| h.to_str().ok()).unwrap_or("").split(';').next().unwrap_or("").trim().to_string();
        let body = Self::read_capped(&what, res, MAX_MANIFEST).await?;
        if let Ok(want) = reference.parse::<Digest>() {
            if Digest::of(&body) != want {
                bail!("{what}: the registry sent a manifest with digest {}", Digest::of(&body));
            }
        }
        Ok((body, mt))
    }

    /// Fetch a small blob (an image config) whole, checked against `digest`.
    pub async fn small_blob(&self, repo: &str, digest: &Digest) -> Result<Vec<u8>> {
        let what = format!("blob {digest}");
        let url = format!("{}/v2/{repo}/blobs/{digest}", self.base);
        let res = self.send(&format!("repository:{repo}:pull"), || Ok(self.client.get(&url))).await.with_context(|| format!("reading {what}"))?;
        if !res.status().is_success() {
            return Err(Self::fail(&format!("reading {what}"), res).await);
        }
        let body = Self::read_capped(&what, res, MAX_MANIFEST).await?;
        if &Digest::of(&body) != digest {
            bail!("{what} does not match its digest");
        }
        Ok(body)
    }

    /// A streaming download of blob `digest` from `repo` (the receiving
    /// registry checks the digest of what it is given).
    pub async fn blob_body(&self, repo: &str, digest: &Digest) -> Result<reqwest::Body> {
        let url = format!("{}/v2/{repo}/blobs/{digest}", self.base);
        let res = self.send(&format!("repository:{repo}:pull"), || Ok(self.client.get(&url))).await.with_context(|| format!("reading blob {digest}"))?;
        if !res.status().is_success() {
            return Err(Self::fail(&format!("reading blob {digest}"), res).await);
        }
        Ok(reqwest::Body::wrap_stream(res.bytes_stream()))
    }

    /// Store manifest `body` under `reference` (a tag or a digest) in `repo`.
    pub async fn push_manifest(&self, repo: &str, reference: &str, body: &[u8], media_type: &str) -> Result<()> {
        let url = format!("{}/v2/{repo}/manifests/{reference}", self.base);
        let body = bytes::Bytes::copy_from_slice(body);
        let res = self
            .send(&Self::scope(repo), || Ok(self.client.put(&url).header(CONTENT_TYPE, media_type).body(body.clone())))
            .await
            .context("writing the manifest")?;
        if !res.status().is_success() {
            return Err(Self::fail("writing the manifest", res).await);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges_are_parsed() {
        assert!(matches!(parse_challenge("Basic realm=\"x\""), Challenge::Basic));
        match parse_challenge(r#"Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a:pull""#) {
            Challenge::Bearer { realm, service } => {
                assert_eq!(realm, "https://auth.example/token");
                assert_eq!(service.as_deref(), Some("registry.example"));
            }
            c => panic!("{c:?}"),
        }
        assert!(matches!(parse_challenge("Bearer service=\"x\""), Challenge::None), "no realm, no token to fetch");
        assert!(matches!(parse_challenge("Negotiate"), Challenge::None));
    }
}

//! Talking to a registry (OCI distribution API) through oci-client.
//!
//! This is the only async code in rpod; the engine drives it from a tokio
//! runtime that exists just for the transfer. Blob bytes are verified against
//! their digest by oci-client's verifying stream as they arrive; sizes and
//! uncompressed digests are checked by the caller.

use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use oci_client::client::{ClientConfig, ClientProtocol, SizedStream};
use oci_client::manifest::OciDescriptor;
use oci_client::secrets::RegistryAuth;
use serde::Deserialize;

use super::auth::Credentials;
use crate::storage::Digest;

pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
const DOCKER_V1: &str = "application/vnd.docker.distribution.manifest.v1+json";
const DOCKER_V1_SIGNED: &str = "application/vnd.docker.distribution.manifest.v1+prettyjws";

/// A content descriptor (OCI and Docker share the shape).
#[derive(Debug, Clone, Deserialize)]
pub struct Descriptor {
    #[serde(rename = "mediaType", default)]
    pub media_type: String,
    pub digest: Digest,
    pub size: i64,
    #[serde(default)]
    pub platform: Option<PlatformSpec>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PlatformSpec {
    pub architecture: String,
    pub os: String,
    #[serde(default)]
    pub variant: Option<String>,
}

/// An image manifest or an index, as fetched.
#[derive(Debug, Deserialize)]
pub struct ManifestDoc {
    #[serde(rename = "schemaVersion")]
    pub schema_version: u32,
    #[serde(rename = "mediaType", default)]
    pub media_type: Option<String>,
    #[serde(default)]
    pub config: Option<Descriptor>,
    #[serde(default)]
    pub layers: Option<Vec<Descriptor>>,
    #[serde(default)]
    pub manifests: Option<Vec<Descriptor>>,
}

impl ManifestDoc {
    pub fn parse(bytes: &[u8], header_type: &str) -> Result<(ManifestDoc, String)> {
        let doc: ManifestDoc = serde_json::from_slice(bytes).context("parsing the image manifest")?;
        let mt = doc.media_type.clone().filter(|m| !m.is_empty()).unwrap_or_else(|| {
            if doc.manifests.is_some() {
                OCI_INDEX.to_string()
            } else if header_type.is_empty() {
                OCI_MANIFEST.to_string()
            } else {
                header_type.to_string()
            }
        });
        if doc.schema_version == 1 || mt == DOCKER_V1 || mt == DOCKER_V1_SIGNED {
            bail!("Docker schema 1 manifests are not supported; push the image again with a current tool");
        }
        Ok((doc, mt))
    }

    pub fn is_index(&self, media_type: &str) -> bool {
        media_type == OCI_INDEX || media_type == DOCKER_LIST || self.manifests.is_some()
    }
}

/// A connection to one registry.
pub struct Remote {
    client: oci_client::Client,
    /// Manifests are read through this session, capped at
    /// [`super::upload::MAX_MANIFEST`] bytes (oci-client reads a body whole).
    session: super::upload::Uploader,
    auth: RegistryAuth,
    pub registry: String,
    /// Plain HTTP is used (an insecure registry that does not speak TLS).
    pub http: bool,
}

/// Whether an error means "this image is not in this registry" (worth trying the next).
pub fn is_not_found(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        if e.downcast_ref::<super::upload::ManifestNotFound>().is_some() {
            return true;
        }
        if let Some(oe) = e.downcast_ref::<oci_client::errors::OciDistributionError>() {
            use oci_client::errors::OciDistributionError as E;
            return match oe {
                E::ImageManifestNotFoundError(_) => true,
                E::RegistryError { envelope, .. } => envelope
                    .errors
                    .iter()
                    .any(|x| matches!(x.code, oci_client::errors::OciErrorCode::ManifestUnknown | oci_client::errors::OciErrorCode::NameUnknown)),
                E::ServerError { code, .. } => *code == 404,
                _ => false,
            };
        }
        false
    })
}

/// One line for an HTTP client that could not be built; the usual cause is
/// a system without CA certificates.
pub(crate) fn tls_setup_error(detail: &str) -> String {
    if detail.contains("No CA certificates") || detail.contains("no CA certificates") {
        "no CA certificates were found on this system: install the ca-certificates package, or point SSL_CERT_FILE at a PEM bundle".to_string()
    } else {
        format!("setting up the HTTP client: {detail}")
    }
}

async fn probe_http(registry: &str) -> Result<bool> {
    super::tls_init();
    let c = reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| anyhow!(tls_setup_error(&format!("{e:?}"))))?;
    match c.get(format!("https://{registry}/v2/")).send().await {
        Ok(_) => Ok(false),
        Err(tls_err) => match c.get(format!("http://{registry}/v2/")).send().await {
            Ok(_) => Ok(true),
            Err(_) => Err(anyhow!(tls_err)).with_context(|| format!("pinging registry {registry}")),
        },
    }
}

impl Remote {
    /// Connect to `registry`. `insecure` (from `--tls-verify=false` or
    /// registries.conf) allows unverified TLS and falls back to plain HTTP, as
    /// Podman does.
    pub async fn connect(registry: &str, insecure: bool, creds: Option<Credentials>) -> Result<Remote> {
        // The session pings the registry (falling back to plain HTTP when
        // insecure) and learns its challenge once.
        let session = super::upload::Uploader::connect(registry, insecure, creds.clone()).await?;
        let http = session.is_http();
        let config = ClientConfig {
            protocol: if http { ClientProtocol::HttpsExcept(vec![registry.to_string()]) } else { ClientProtocol::Https },
            accept_invalid_certificates: insecure,
            connect_timeout: Some(Duration::from_secs(30)),
            read_timeout: Some(Duration::from_secs(120)),
            user_agent: concat!("rpod/", env!("CARGO_PKG_VERSION")),
            ..Default::default()
        };
        let auth = match creds {
            Some(c) => RegistryAuth::Basic(c.username, c.password),
            None => RegistryAuth::Anonymous,
        };
        // oci-client fills its struct from Default, which builds a reqwest
        // client with the system's roots and panics when there are none
        // (even for a --tls-verify=false registry): check that first.
        reqwest::Client::builder()
            .build()
            .map_err(|e| anyhow!(tls_setup_error(&format!("{e}: {e:?}"))))
            .with_context(|| format!("connecting to {registry}"))?;
        let client = oci_client::Client::try_from(config)
            .map_err(|e| anyhow!(tls_setup_error(&format!("{e}: {e:?}"))))
            .with_context(|| format!("connecting to {registry}"))?;
        Ok(Remote { client, session, auth, registry: registry.to_string(), http })
    }

    /// Fetch a manifest (or index): raw bytes, their digest, media type.
    /// At most [`super::upload::MAX_MANIFEST`] bytes are read: a registry
    /// sending an endless or huge body is refused in bounded memory.
    pub async fn manifest(&self, r: &oci_client::Reference) -> Result<(Vec<u8>, Digest, String)> {
        let reference = r.digest().or(r.tag()).unwrap_or("latest");
        let (bytes, header_type) = self.session.manifest(r.repository(), reference).await?;
        let digest = Digest::of(&bytes);
        if let Some(want) = r.digest() {
            if want != digest.as_str() {
                bail!("manifest digest mismatch: asked for {want}, registry sent {digest}");
            }
        }
        let (_, mt) = ManifestDoc::parse(&bytes, &header_type)?;
        Ok((bytes, digest, mt))
    }

    fn oci_desc(d: &Descriptor) -> OciDescriptor {
        OciDescriptor { media_type: d.media_type.clone(), digest: d.digest.to_string(), size: d.size, ..Default::default() }
    }

    /// Fetch a small blob (a config) whole, verified against digest and size.
    pub async fn blob(&self, r: &oci_client::Reference, d: &Descriptor) -> Result<Vec<u8>> {
        self.client.store_auth_if_needed(&self.registry, &self.auth).await;
        let mut out = Vec::with_capacity(d.size.max(0) as usize);
        self.client.pull_blob(r, &Self::oci_desc(d), &mut out).await.with_context(|| format!("fetching blob {}", d.digest))?;
        if out.len() as i64 != d.size {
            bail!("blob {} has {} bytes, the manifest says {}", d.digest, out.len(), d.size);
        }
        Ok(out)
    }

    /// Stream a blob; the stream ends with an error if the digest does not match.
    pub async fn blob_stream(&self, r: &oci_client::Reference, d: &Descriptor) -> Result<SizedStream> {
        self.client.store_auth_if_needed(&self.registry, &self.auth).await;
        self.client.pull_blob_stream(r, &Self::oci_desc(d)).await.with_context(|| format!("fetching blob {}", d.digest))
    }
}

/// Check credentials the way `docker login` does: `GET /v2/`, following a
/// Bearer challenge to its token endpoint with the credentials.
pub async fn check_login(registry: &str, insecure: bool, c: &Credentials) -> Result<()> {
    super::tls_init();
    let http = if insecure { probe_http(registry).await? } else { false };
    let scheme = if http { "http" } else { "https" };
    let client = reqwest::Client::builder()
        .danger_accept_invalid_certs(insecure)
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| anyhow!(tls_setup_error(&format!("{e:?}"))))?;
    let url = format!("{scheme}://{registry}/v2/");
    let res = client.get(&url).basic_auth(&c.username, Some(&c.password)).send().await.with_context(|| format!("pinging {url}"))?;
    if res.status().is_success() {
        return Ok(());
    }
    if res.status() != reqwest::StatusCode::UNAUTHORIZED {
        bail!("logging in to {registry}: unexpected status {}", res.status());
    }
    let challenge = res.headers().get(reqwest::header::WWW_AUTHENTICATE).and_then(|h| h.to_str().ok()).unwrap_or("").to_string();
    let Some(params) = challenge.strip_prefix("Bearer ").or_else(|| challenge.strip_prefix("bearer ")) else {
        bail!("logging in to {registry}: invalid username/password");
    };
    let field = |name: &str| {
        params.split(',').find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == name).then(|| v.trim_matches('"').to_string())
        })
    };
    let realm = field("realm").context("registry sent a Bearer challenge without a realm")?;
    let mut query = vec![("account", c.username.clone())];
    if let Some(s) = field("service") {
        query.push(("service", s));
    }
    let token = client.get(&realm).query(&query).basic_auth(&c.username, Some(&c.password)).send().await?;
    if token.status().is_success() {
        Ok(())
    } else {
        bail!("logging in to {registry}: invalid username/password")
    }
}

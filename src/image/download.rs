//! Downloading one file over HTTP or HTTPS (`rpod import URL`), bounded:
//! what it reads is capped in bytes, a server that stops sending is dropped
//! after an idle timeout, and redirects go only to `http`/`https` URLs and
//! never from `https` down to plain `http` (a `file://`, `ftp://` or
//! downgrade redirect is refused with one line). Not for registries: those
//! go through [`super::upload::Uploader`] and oci-client.

use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use bytes::Bytes;

/// Most redirects followed.
const MAX_REDIRECTS: usize = 10;

/// Bounds of one download.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most bytes of body read; more is an error.
    pub max_bytes: u64,
    pub connect_timeout: Duration,
    /// Longest wait for the next bytes of the response.
    pub idle_timeout: Duration,
}

/// Whether `source` names a URL rather than a file. Only `http` and
/// `https` are fetched; any other `SCHEME://` is refused by [`start`].
pub fn is_url(source: &str) -> bool {
    source.split_once("://").is_some_and(|(scheme, _)| !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
}

/// Parse `url`, refusing any scheme but `http` and `https`.
pub fn check_url(url: &str) -> Result<reqwest::Url, String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("invalid URL {url:?}: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!("cannot fetch {url}: only http and https URLs are supported"));
    }
    Ok(parsed)
}

/// Why a redirect is refused, if it is.
fn refuse_redirect(from: &reqwest::Url, to: &reqwest::Url, hops: usize) -> Option<String> {
    if hops > MAX_REDIRECTS {
        return Some(format!("more than {MAX_REDIRECTS} redirects"));
    }
    match to.scheme() {
        "http" if from.scheme() == "https" => Some(format!("refusing the redirect from https to plain http ({to})")),
        "http" | "https" => None,
        other => Some(format!("refusing the redirect to a {other}: URL ({to}): only http and https are fetched")),
    }
}

/// A response being read.
pub struct Download {
    res: reqwest::Response,
    url: String,
    got: u64,
    max: u64,
}

/// Request `url` and check its status; the body is then read with
/// [`Download::chunk`].
pub async fn start(url: &str, limits: Limits) -> Result<Download> {
    let parsed = check_url(url).map_err(|e| anyhow!(e))?;
    super::tls_init();
    let client = reqwest::Client::builder()
        .connect_timeout(limits.connect_timeout)
        .read_timeout(limits.idle_timeout)
        .user_agent(concat!("rpod/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            let from = attempt.previous().last().cloned();
            match from.and_then(|f| refuse_redirect(&f, attempt.url(), attempt.previous().len())) {
                Some(why) => attempt.error(why),
                None => attempt.follow(),
            }
        }))
        .build()
        .map_err(|e| anyhow!(super::transfer::tls_setup_error(&format!("{e}: {e:?}"))))?;
    let res = client.get(parsed).send().await.map_err(|e| anyhow!("{}", error_line(&e))).with_context(|| format!("fetching {url}"))?;
    let status = res.status();
    if !status.is_success() {
        bail!("fetching {url}: the server answered {status}");
    }
    if let Some(n) = res.content_length() {
        if n > limits.max_bytes {
            bail!("fetching {url}: the server announces {n} bytes, more than the limit of {} bytes", limits.max_bytes);
        }
    }
    Ok(Download { res, url: url.to_string(), got: 0, max: limits.max_bytes })
}

/// One line for a request error: reqwest's message and its causes.
fn error_line(e: &reqwest::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(c) = src {
        let m = c.to_string();
        if !s.contains(&m) {
            s.push_str(": ");
            s.push_str(&m);
        }
        src = c.source();
    }
    s.replace('\n', " ")
}

impl Download {
    /// The next piece of the body; `None` at its end. Past the byte limit,
    /// an error (nothing more is read).
    pub async fn chunk(&mut self) -> Result<Option<Bytes>> {
        let c = self.res.chunk().await.map_err(|e| anyhow!("{}", error_line(&e))).with_context(|| format!("reading {}", self.url))?;
        if let Some(b) = &c {
            self.got += b.len() as u64;
            if self.got > self.max {
                bail!("reading {}: the response is larger than the limit of {} bytes", self.url, self.max);
            }
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("http://h/x.tar"));
        assert!(is_url("https://h/x.tar"));
        assert!(is_url("file:///etc/passwd"));
        assert!(!is_url("./x.tar"));
        assert!(!is_url("-"));
        assert!(!is_url("dir/with://colon"));
    }

    #[test]
    fn redirects_stay_on_http() {
        let u = |s: &str| reqwest::Url::parse(s).unwrap();
        assert_eq!(refuse_redirect(&u("http://a/x"), &u("https://b/y"), 1), None);
        assert_eq!(refuse_redirect(&u("http://a/x"), &u("http://b/y"), 1), None);
        assert!(refuse_redirect(&u("http://a/x"), &u("file:///etc/shadow"), 1).unwrap().contains("file:"));
        assert!(refuse_redirect(&u("https://a/x"), &u("ftp://b/y"), 1).is_some());
        assert!(refuse_redirect(&u("https://a/x"), &u("http://b/y"), 1).unwrap().contains("plain http"));
        assert!(refuse_redirect(&u("http://a/x"), &u("http://a/x"), MAX_REDIRECTS + 1).is_some());
    }
}

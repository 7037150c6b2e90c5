//! Rendered responses kept in memory, precompressed, with validators.
//!
//! Pages change only when content or comments change, so each is rendered
//! once, compressed once with gzip and brotli, and served from memory; a
//! repeated request with a matching `If-None-Match` gets a bodiless 304.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Response, StatusCode};
use sha2::{Digest, Sha256};

/// Beyond this many entries new responses are served but not kept, so odd
/// query strings cannot grow memory without bound.
const MAX_ENTRIES: usize = 4096;
/// Below this size compression costs more than it saves.
const MIN_COMPRESS: usize = 512;

#[derive(Debug)]
pub struct Cached {
    content_type: &'static str,
    cache_control: &'static str,
    identity: bytes::Bytes,
    gzip: Option<bytes::Bytes>,
    br: Option<bytes::Bytes>,
    etag: String,
    last_modified: Option<SystemTime>,
    /// Where per-browser content goes in a personal page, found once.
    slot: Option<usize>,
}

impl Cached {
    pub fn new(
        content_type: &'static str,
        body: Vec<u8>,
        last_modified: Option<SystemTime>,
    ) -> Cached {
        Cached::with_cache_control(
            content_type,
            "public, max-age=0, must-revalidate",
            body,
            last_modified,
        )
    }

    pub fn with_cache_control(
        content_type: &'static str,
        cache_control: &'static str,
        body: Vec<u8>,
        last_modified: Option<SystemTime>,
    ) -> Cached {
        let digest = Sha256::digest(&body);
        let etag: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        let (gzip, br) = if body.len() >= MIN_COMPRESS {
            (gzip(&body), brotli(&body))
        } else {
            (None, None)
        };
        Cached {
            content_type,
            cache_control,
            identity: body.into(),
            gzip,
            br,
            etag,
            last_modified,
            slot: None,
        }
    }

    /// A page that is filled in per request where `marker` stands (the first
    /// occurrence, removed here), so compressing it ahead would be wasted.
    pub fn personal(
        content_type: &'static str,
        mut body: Vec<u8>,
        last_modified: Option<SystemTime>,
        marker: &str,
    ) -> Cached {
        let digest = Sha256::digest(&body);
        let slot = body
            .windows(marker.len().max(1))
            .position(|w| w == marker.as_bytes());
        if let Some(at) = slot {
            body.drain(at..at + marker.len());
        }
        Cached {
            content_type,
            cache_control: "private, no-cache",
            etag: digest[..12].iter().map(|b| format!("{b:02x}")).collect(),
            identity: body.into(),
            gzip: None,
            br: None,
            last_modified,
            slot,
        }
    }

    pub fn body(&self) -> &[u8] {
        &self.identity
    }

    /// Answers with the cached page filled in for one browser (`fill` makes
    /// what goes in its slot): the validator covers the page and the
    /// browser's `seed`, and compression is left to the middleware. Shared
    /// caches must not keep it.
    pub fn respond_personal(
        &self,
        request: &HeaderMap,
        seed: &str,
        set_cookie: Option<HeaderValue>,
        fill: impl FnOnce() -> String,
    ) -> Response<Body> {
        let seed_tag: String = Sha256::digest(seed.as_bytes())[..4]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let tag = format!("{}-{seed_tag}", self.etag);
        let not_modified = match request
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
        {
            Some(inm) => inm
                .split(',')
                .map(str::trim)
                .any(|t| t.strip_prefix("W/").unwrap_or(t).trim_matches('"') == tag),
            // A date alone cannot say which browser's copy it is: only a
            // browser that kept its seed may keep its copy.
            None => {
                set_cookie.is_none()
                    && matches!(
                        (
                            self.last_modified,
                            request
                                .get(header::IF_MODIFIED_SINCE)
                                .and_then(|v| v.to_str().ok())
                                .and_then(|s| httpdate::parse_http_date(s).ok()),
                        ),
                        (Some(modified), Some(since)) if modified <= since
                    )
            }
        };
        let mut builder = Response::builder()
            .header(header::ETAG, format!("\"{tag}\""))
            .header(header::CACHE_CONTROL, "private, no-cache")
            .header(header::VARY, "Accept-Encoding, Cookie");
        if let Some(modified) = self.last_modified {
            builder = builder.header(header::LAST_MODIFIED, httpdate::fmt_http_date(modified));
        }
        if let Some(c) = set_cookie {
            builder = builder.header(header::SET_COOKIE, c);
        }
        if not_modified {
            return builder
                .status(StatusCode::NOT_MODIFIED)
                .body(Body::empty())
                .unwrap_or_default();
        }
        let body = match self.slot {
            Some(at) => {
                let fields = fill();
                let mut out = Vec::with_capacity(self.identity.len() + fields.len());
                out.extend_from_slice(&self.identity[..at]);
                out.extend_from_slice(fields.as_bytes());
                out.extend_from_slice(&self.identity[at..]);
                Body::from(out)
            }
            None => Body::from(self.identity.clone()),
        };
        builder
            .header(
                header::CONTENT_TYPE,
                HeaderValue::from_static(self.content_type),
            )
            .body(body)
            .unwrap_or_default()
    }

    /// Chooses the representation and answers, or says 304 if the client has it.
    pub fn respond(&self, request: &HeaderMap) -> Response<Body> {
        let encoding = negotiate(request);
        let (body, suffix, content_encoding) = match (encoding, &self.br, &self.gzip) {
            (Encoding::Br, Some(b), _) => (b.clone(), "-br", Some("br")),
            (Encoding::Br | Encoding::Gzip, _, Some(g)) if accepts(request, "gzip") => {
                (g.clone(), "-gz", Some("gzip"))
            }
            _ => (self.identity.clone(), "", None),
        };
        let etag = format!("\"{}{}\"", self.etag, suffix);

        let not_modified = match request
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
        {
            Some(inm) => inm.split(',').map(str::trim).any(|tag| {
                tag == "*" || {
                    let tag = tag.strip_prefix("W/").unwrap_or(tag).trim_matches('"');
                    // Any encoding of the same bytes is the same resource.
                    tag.strip_suffix("-br")
                        .or_else(|| tag.strip_suffix("-gz"))
                        .unwrap_or(tag)
                        == self.etag
                }
            }),
            None => match (
                self.last_modified,
                request
                    .get(header::IF_MODIFIED_SINCE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|s| httpdate::parse_http_date(s).ok()),
            ) {
                (Some(modified), Some(since)) => modified <= since,
                _ => false,
            },
        };

        let mut builder = Response::builder()
            .header(header::ETAG, etag)
            .header(header::CACHE_CONTROL, self.cache_control)
            .header(header::VARY, "Accept-Encoding");
        if let Some(modified) = self.last_modified {
            builder = builder.header(header::LAST_MODIFIED, httpdate::fmt_http_date(modified));
        }
        if not_modified {
            return builder
                .status(StatusCode::NOT_MODIFIED)
                .body(Body::empty())
                .unwrap_or_default();
        }
        builder = builder.header(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        if let Some(enc) = content_encoding {
            builder = builder.header(header::CONTENT_ENCODING, enc);
        }
        builder.body(Body::from(body)).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Br,
    Gzip,
    Identity,
}

/// Whether `Accept-Encoding` allows `coding` (present without `q=0`).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let q_zero = parts.any(|p| {
                let p = p.trim();
                p.strip_prefix("q=")
                    .is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0))
            });
            name.eq_ignore_ascii_case(coding) && !q_zero
        })
}

fn negotiate(headers: &HeaderMap) -> Encoding {
    if accepts(headers, "br") {
        Encoding::Br
    } else if accepts(headers, "gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

fn gzip(body: &[u8]) -> Option<bytes::Bytes> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(body).ok()?;
    enc.finish().ok().map(Into::into)
}

fn brotli(body: &[u8]) -> Option<bytes::Bytes> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 9, 22);
        w.write_all(body).ok()?;
    }
    Some(out.into())
}

/// The cache itself: path (and query, where it matters) to response.
#[derive(Debug, Default)]
pub struct PageCache {
    entries: RwLock<HashMap<String, Arc<Cached>>>,
}

impl PageCache {
    pub fn get(&self, key: &str) -> Option<Arc<Cached>> {
        self.entries.read().ok()?.get(key).cloned()
    }

    pub fn insert(&self, key: String, value: Cached) -> Arc<Cached> {
        let value = Arc::new(value);
        if let Ok(mut entries) = self.entries.write() {
            if entries.len() < MAX_ENTRIES || entries.contains_key(&key) {
                entries.insert(key, value.clone());
            }
        }
        value
    }

    /// Drops everything, for when content or comment counts change.
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.write() {
            entries.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn negotiates_encodings_and_honours_q_zero() {
        assert_eq!(
            negotiate(&headers(&[("accept-encoding", "gzip, deflate, br")])),
            Encoding::Br
        );
        assert_eq!(
            negotiate(&headers(&[("accept-encoding", "br;q=0, gzip")])),
            Encoding::Gzip
        );
        assert_eq!(
            negotiate(&headers(&[("accept-encoding", "identity")])),
            Encoding::Identity
        );
        assert_eq!(negotiate(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn a_personal_page_is_filled_per_browser_and_revalidates_per_browser() {
        let page = Cached::personal(
            "text/html; charset=utf-8",
            b"<p>[X]</p>".to_vec(),
            None,
            "[X]",
        );
        let fill = |seed: &'static str| move || seed.to_string();
        let first = page.respond_personal(&HeaderMap::new(), "a", None, fill("a"));
        assert_eq!(first.headers()["content-type"], "text/html; charset=utf-8");
        assert_eq!(first.headers()["cache-control"], "private, no-cache");
        assert!(first.headers().get("content-encoding").is_none());
        let etag = first.headers()["etag"].to_str().unwrap().to_string();
        let same =
            page.respond_personal(&headers(&[("if-none-match", &etag)]), "a", None, fill("a"));
        assert_eq!(same.status(), StatusCode::NOT_MODIFIED);
        let other =
            page.respond_personal(&headers(&[("if-none-match", &etag)]), "b", None, fill("b"));
        assert_eq!(
            other.status(),
            StatusCode::OK,
            "another browser's token is another page"
        );
    }

    #[test]
    fn answers_304_for_any_encoding_of_the_same_bytes() {
        let page = Cached::new(
            "text/html; charset=utf-8",
            "x".repeat(2000).into_bytes(),
            None,
        );
        let first = page.respond(&headers(&[("accept-encoding", "br")]));
        assert_eq!(first.headers()["content-encoding"], "br");
        let etag = first.headers()["etag"].to_str().unwrap().to_string();
        assert!(etag.ends_with("-br\""));
        let again = page.respond(&headers(&[("if-none-match", &etag)]));
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let other = page.respond(&headers(&[("if-none-match", "\"nope\"")]));
        assert_eq!(other.status(), StatusCode::OK);
    }
}

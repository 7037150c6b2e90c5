//! Rendered responses as bytes: rendered once per version of what they
//! show, compressed once (gzip and brotli), kept on disk, served from a
//! small bounded memory cache.
//!
//! Every page records what it was made from, its *dependencies* (the
//! article's revision, the version of its comments, for a listing the
//! fingerprint of its language or topic, the build for everything). A page on disk is served only
//! while its dependencies still hold, so a restart serves the same bytes
//! and validators without rendering again, and a crash can never leave a
//! stale page behind. In memory, pages are dropped when what they show
//! changes ([`PageCache::invalidate`]) or when the cache is over its size.
//!
//! `Last-Modified` is when a page's bytes were first served, kept across
//! re-renders that produce the same bytes: a date-only conditional request
//! then gets 304 exactly when nothing on the page changed since that date,
//! including its comments, which an article's own date knows nothing of.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use askaf_content::Lang;
use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Response, StatusCode};
use sha2::{Digest, Sha256};

/// Below this size compression costs more than it saves.
const MIN_COMPRESS: usize = 512;
/// The first line of a page file; a change of layout changes it.
const FILE_MAGIC: &[u8] = b"ASKAFPAGE1\n";

/// Which changes make a page stale in memory.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Shows one article (its page, text, API document, comment feed).
    Article(Lang, String),
    /// Shows many articles or comments: of one language (its listings,
    /// topics, feed) or of every language with `None` (the sitemap, the
    /// site's feeds, API lists across languages).
    Listing(Option<Lang>),
    /// Changes only with the build (static files, the about page).
    Fixed,
}

#[derive(Debug)]
pub struct Cached {
    content_type: HeaderValue,
    cache_control: HeaderValue,
    identity: bytes::Bytes,
    gzip: Option<bytes::Bytes>,
    br: Option<bytes::Bytes>,
    etag: String,
    last_modified: Option<SystemTime>,
    /// What the page was made from (see the module's doc).
    deps: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Cached {
    pub fn new(content_type: &'static str, body: Vec<u8>) -> Cached {
        Cached::with_cache_control(content_type, "public, max-age=0, must-revalidate", body)
    }

    pub fn with_cache_control(
        content_type: &'static str,
        cache_control: &'static str,
        body: Vec<u8>,
    ) -> Cached {
        let etag = hex(&Sha256::digest(&body)[..12]);
        let (gzip, br) = if body.len() >= MIN_COMPRESS {
            (gzip(&body), brotli(&body))
        } else {
            (None, None)
        };
        Cached {
            content_type: HeaderValue::from_static(content_type),
            cache_control: HeaderValue::from_static(cache_control),
            identity: body.into(),
            gzip,
            br,
            etag,
            last_modified: None,
            deps: String::new(),
        }
    }

    pub fn body(&self) -> &[u8] {
        &self.identity
    }

    /// Bytes held: what the memory cache counts against its limit.
    fn size(&self) -> usize {
        self.identity.len()
            + self.gzip.as_ref().map_or(0, |b| b.len())
            + self.br.as_ref().map_or(0, |b| b.len())
            + self.deps.len()
            + 128
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
            .header(header::CACHE_CONTROL, self.cache_control.clone())
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
        builder = builder.header(header::CONTENT_TYPE, self.content_type.clone());
        if let Some(enc) = content_encoding {
            builder = builder.header(header::CONTENT_ENCODING, enc);
        }
        builder.body(Body::from(body)).unwrap_or_default()
    }

    /// The page as one file: a magic line, a JSON header line, then the bodies.
    fn to_file(&self, key: &str) -> Vec<u8> {
        let gz = self.gzip.as_deref().unwrap_or_default();
        let br = self.br.as_deref().unwrap_or_default();
        let header = serde_json::json!({
            "key": key,
            "deps": self.deps,
            "type": self.content_type.to_str().unwrap_or_default(),
            "cache": self.cache_control.to_str().unwrap_or_default(),
            "etag": self.etag,
            "modified": self.last_modified.map(unix),
            "identity": self.identity.len(),
            "gzip": self.gzip.as_ref().map(|b| b.len()),
            "br": self.br.as_ref().map(|b| b.len()),
        });
        let mut out =
            Vec::with_capacity(FILE_MAGIC.len() + 256 + self.identity.len() + gz.len() + br.len());
        out.extend_from_slice(FILE_MAGIC);
        out.extend_from_slice(header.to_string().as_bytes());
        out.push(b'\n');
        out.extend_from_slice(&self.identity);
        out.extend_from_slice(gz);
        out.extend_from_slice(br);
        out
    }

    /// Reads a page file written by [`Cached::to_file`]; `None` for anything
    /// else (another key, a torn or foreign file), which is then rendered anew.
    /// The bodies are slices of `data` itself, not copies.
    fn from_file(key: &str, data: Vec<u8>) -> Option<Cached> {
        let rest = data.strip_prefix(FILE_MAGIC)?;
        let nl = rest.iter().position(|&b| b == b'\n')?;
        let h: serde_json::Value = serde_json::from_slice(&rest[..nl]).ok()?;
        if h["key"].as_str()? != key {
            return None;
        }
        let start = FILE_MAGIC.len() + nl + 1;
        let bodies = bytes::Bytes::from(data).slice(start..);
        let id = usize::try_from(h["identity"].as_u64()?).ok()?;
        let gz = h["gzip"].as_u64().map(|n| n as usize);
        let br = h["br"].as_u64().map(|n| n as usize);
        if id + gz.unwrap_or(0) + br.unwrap_or(0) != bodies.len() {
            return None;
        }
        let identity = bodies.slice(..id);
        let gzip = gz.map(|n| bodies.slice(id..id + n));
        let after = id + gz.unwrap_or(0);
        let br = br.map(|n| bodies.slice(after..after + n));
        Some(Cached {
            content_type: HeaderValue::from_str(h["type"].as_str()?).ok()?,
            cache_control: HeaderValue::from_str(h["cache"].as_str()?).ok()?,
            identity,
            gzip,
            br,
            etag: h["etag"].as_str()?.to_string(),
            last_modified: h["modified"]
                .as_u64()
                .map(|s| SystemTime::UNIX_EPOCH + Duration::from_secs(s)),
            deps: h["deps"].as_str()?.to_string(),
        })
    }
}

fn unix(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
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

/// Names the build of this program and the address it serves under, which
/// together decide a page's bytes besides its content: a new binary (new
/// templates, new code) or another `site_url` starts the page store afresh.
/// The binary is known by its size and time, which every build changes,
/// rather than by a hash of its tens of megabytes at every start.
pub fn build_id(site_url: &str) -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let t = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{t}", m.len())
        })
        .unwrap_or_else(|_| "unknown".into());
    format!(
        "askaf {} exe={exe} site={site_url} format=1\n",
        env!("CARGO_PKG_VERSION")
    )
}

struct HotEntry {
    page: Arc<Cached>,
    scope: Scope,
    used: u64,
}

#[derive(Default)]
struct Hot {
    entries: HashMap<String, HotEntry>,
    bytes: usize,
    tick: u64,
    /// The validators of pages dropped from memory because they changed, so
    /// a re-render to the same bytes keeps its `Last-Modified`.
    previous: HashMap<String, (String, SystemTime)>,
}

/// What the page cache has done since the server started, for `/healthz`
/// and for tests that count work.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct CacheStats {
    /// Pages rendered (and compressed).
    pub rendered: u64,
    /// Pages read back from disk, still valid.
    pub loaded: u64,
    /// Pages now in memory, and their bytes.
    pub entries: usize,
    pub bytes: usize,
    pub max_bytes: usize,
}

/// The cache itself: key (path, and query where it matters) to page.
pub struct PageCache {
    hot: Mutex<Hot>,
    max_bytes: usize,
    /// Where pages are kept between runs; none for a cache in memory only.
    dir: Option<PathBuf>,
    /// Grows with every invalidation: a page rendered across one is not
    /// kept in memory, since it may show the state from before it.
    generation: AtomicU64,
    rendered: AtomicU64,
    loaded: AtomicU64,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("dir", &self.dir)
            .field("max_bytes", &self.max_bytes)
            .finish()
    }
}

impl Default for PageCache {
    fn default() -> PageCache {
        PageCache::new(None, 64 << 20)
    }
}

impl PageCache {
    /// A cache holding at most `max_bytes` in memory, keeping pages in `dir`.
    pub fn new(dir: Option<PathBuf>, max_bytes: usize) -> PageCache {
        PageCache {
            hot: Mutex::new(Hot::default()),
            max_bytes,
            dir,
            generation: AtomicU64::new(0),
            rendered: AtomicU64::new(0),
            loaded: AtomicU64::new(0),
        }
    }

    /// Opens the page directory for a build and site address: pages made by
    /// another build or for another address are removed, since the
    /// templates or the links in them may differ.
    pub fn open(dir: &Path, build: &str, max_bytes: usize) -> std::io::Result<PageCache> {
        let stamp = dir.join("BUILD");
        if std::fs::read_to_string(&stamp).ok().as_deref() != Some(build) {
            if dir.exists() {
                std::fs::remove_dir_all(dir)?;
            }
            std::fs::create_dir_all(dir)?;
            std::fs::write(&stamp, build)?;
        }
        Ok(PageCache::new(Some(dir.to_path_buf()), max_bytes))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Hot> {
        self.hot.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// The page in memory, if any.
    pub fn get(&self, key: &str) -> Option<Arc<Cached>> {
        let mut hot = self.lock();
        hot.tick += 1;
        let tick = hot.tick;
        let e = hot.entries.get_mut(key)?;
        e.used = tick;
        Some(e.page.clone())
    }

    fn file(&self, key: &str) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        let name = hex(&Sha256::digest(key.as_bytes())[..16]);
        Some(dir.join(&name[..2]).join(name))
    }

    /// The page on disk, if it was made from `deps`; kept in memory when
    /// nothing was invalidated since `generation`.
    pub fn load(
        &self,
        key: &str,
        scope: &Scope,
        deps: &str,
        generation: u64,
    ) -> Option<Arc<Cached>> {
        let path = self.file(key)?;
        // A small file, usually in the OS page cache: read it in place.
        let data = std::fs::read(path).ok()?;
        let page = Cached::from_file(key, data)?;
        if page.deps != deps {
            return None;
        }
        self.loaded.fetch_add(1, Ordering::Relaxed);
        Some(self.keep(key, scope.clone(), page, generation))
    }

    /// Stores a freshly rendered page made from `deps` and returns it.
    pub fn insert(
        &self,
        key: &str,
        scope: Scope,
        deps: String,
        mut page: Cached,
        generation: u64,
    ) -> Arc<Cached> {
        self.rendered.fetch_add(1, Ordering::Relaxed);
        page.deps = deps;
        let path = self.file(key);
        let before = self.lock().previous.remove(key).or_else(|| {
            let data = std::fs::read(path.as_ref()?).ok()?;
            let old = Cached::from_file(key, data)?;
            Some((old.etag, old.last_modified?))
        });
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(unix(SystemTime::now()));
        page.last_modified = Some(match before {
            Some((etag, at)) if etag == page.etag => at,
            // Dates have whole seconds: a change within the second of the
            // last one must still be a later date.
            Some((_, at)) => now.max(at + Duration::from_secs(1)),
            None => now,
        });
        if let Some(path) = path {
            if let Err(e) = write_atomically(&path, &page.to_file(key)) {
                tracing::warn!(error = %e, path = %path.display(), "cannot keep a rendered page on disk");
            }
        }
        self.keep(key, scope, page, generation)
    }

    fn keep(&self, key: &str, scope: Scope, page: Cached, generation: u64) -> Arc<Cached> {
        let page = Arc::new(page);
        let size = page.size();
        if size > self.max_bytes / 8 {
            return page;
        }
        let mut hot = self.lock();
        if self.generation() != generation {
            return page;
        }
        hot.tick += 1;
        let used = hot.tick;
        if let Some(old) = hot.entries.insert(
            key.to_string(),
            HotEntry {
                page: page.clone(),
                scope,
                used,
            },
        ) {
            hot.bytes -= old.page.size();
        }
        hot.bytes += size;
        if hot.bytes > self.max_bytes {
            // Drop the least recently used down to nine tenths of the limit,
            // so that eviction, which sorts, runs seldom.
            let mut by_age: Vec<(u64, String)> = hot
                .entries
                .iter()
                .map(|(k, e)| (e.used, k.clone()))
                .collect();
            by_age.sort_unstable();
            let target = self.max_bytes / 10 * 9;
            for (_, k) in by_age {
                if hot.bytes <= target {
                    break;
                }
                if let Some(e) = hot.entries.remove(&k) {
                    hot.bytes -= e.page.size();
                }
            }
        }
        page
    }

    /// Drops from memory every page that shows `article` and the listings
    /// that may show it (its language's and those of every language), or
    /// every article page and listing with `None`. Copies on disk stay:
    /// their dependencies no longer hold, so they are rendered again when
    /// next asked for, or read back if what they show did not change.
    pub fn invalidate(&self, article: Option<(Lang, &str)>) {
        self.drop_where(|scope| match (scope, article) {
            (Scope::Listing(None), _) => true,
            (Scope::Listing(Some(l)), Some((lang, _))) => *l == lang,
            (Scope::Article(l, s), Some((lang, slug))) => *l == lang && s == slug,
            (Scope::Article(..) | Scope::Listing(_), None) => true,
            (Scope::Fixed, _) => false,
        });
    }

    /// Drops from memory the pages of one article only: for a translation
    /// of a changed article, which links to it but is listed as before.
    pub fn invalidate_article(&self, lang: Lang, slug: &str) {
        self.drop_where(|scope| matches!(scope, Scope::Article(l, s) if *l == lang && s == slug));
    }

    fn drop_where(&self, stale: impl Fn(&Scope) -> bool) {
        let mut hot = self.lock();
        self.generation.fetch_add(1, Ordering::AcqRel);
        let gone: Vec<String> = hot
            .entries
            .iter()
            .filter(|(_, e)| stale(&e.scope))
            .map(|(k, _)| k.clone())
            .collect();
        for k in gone {
            if let Some(e) = hot.entries.remove(&k) {
                hot.bytes -= e.page.size();
                if let Some(at) = e.page.last_modified {
                    hot.previous.insert(k, (e.page.etag.clone(), at));
                }
            }
        }
    }

    pub fn stats(&self) -> CacheStats {
        let hot = self.lock();
        CacheStats {
            rendered: self.rendered.load(Ordering::Relaxed),
            loaded: self.loaded.load(Ordering::Relaxed),
            entries: hot.entries.len(),
            bytes: hot.bytes,
            max_bytes: self.max_bytes,
        }
    }
}

/// Writes through a temporary file and a rename, so a reader (or a crash)
/// sees the old file or the new one, never half of one.
fn write_atomically(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile_in(dir)?;
    tmp.1.write_all(data)?;
    drop(tmp.1);
    std::fs::rename(&tmp.0, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp.0);
    })?;
    tmp.0 = PathBuf::new();
    Ok(())
}

fn tempfile_in(dir: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let path = dir.join(format!(".tmp-{}-{n}", std::process::id()));
    let f = std::fs::File::create(&path)?;
    Ok((path, f))
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
    fn answers_304_for_any_encoding_of_the_same_bytes() {
        let page = Cached::new("text/html; charset=utf-8", "x".repeat(2000).into_bytes());
        let first = page.respond(&headers(&[("accept-encoding", "br")]));
        assert_eq!(first.headers()["content-encoding"], "br");
        let etag = first.headers()["etag"].to_str().unwrap().to_string();
        assert!(etag.ends_with("-br\""));
        let again = page.respond(&headers(&[("if-none-match", &etag)]));
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let other = page.respond(&headers(&[("if-none-match", "\"nope\"")]));
        assert_eq!(other.status(), StatusCode::OK);
    }

    fn page(text: &str) -> Cached {
        Cached::new("text/html; charset=utf-8", text.repeat(100).into_bytes())
    }

    #[test]
    fn a_page_on_disk_is_served_only_while_its_dependencies_hold() {
        let dir = tempfile::tempdir().unwrap();
        let cache = PageCache::open(dir.path(), "build-1", 1 << 20).unwrap();
        let scope = Scope::Article(Lang::En, "a".into());
        let g = cache.generation();
        let first = cache.insert("/en/a", scope.clone(), "rev1".into(), page("one"), g);
        assert_eq!(cache.stats().rendered, 1);

        // Another process over the same directory: the same bytes and validators.
        let again = PageCache::open(dir.path(), "build-1", 1 << 20).unwrap();
        let loaded = again
            .load("/en/a", &scope, "rev1", again.generation())
            .unwrap();
        assert_eq!(loaded.body(), first.body());
        assert_eq!(loaded.etag, first.etag);
        assert_eq!(loaded.last_modified, first.last_modified);
        assert_eq!(loaded.br, first.br);
        assert_eq!(again.stats().loaded, 1);
        // What it was made from changed: not served.
        assert!(again
            .load("/en/a", &scope, "rev2", again.generation())
            .is_none());
        assert!(again
            .load("/en/b", &scope, "rev1", again.generation())
            .is_none());
        // Another build starts from nothing.
        let other = PageCache::open(dir.path(), "build-2", 1 << 20).unwrap();
        assert!(other
            .load("/en/a", &scope, "rev1", other.generation())
            .is_none());
    }

    #[test]
    fn last_modified_moves_only_when_the_bytes_change() {
        let cache = PageCache::new(None, 1 << 20);
        let scope = Scope::Article(Lang::En, "a".into());
        let first = cache.insert("/en/a", scope.clone(), "v1".into(), page("one"), 0);
        cache.invalidate(Some((Lang::En, "a")));
        assert!(cache.get("/en/a").is_none(), "invalidated");
        let same = cache.insert(
            "/en/a",
            scope.clone(),
            "v2".into(),
            page("one"),
            cache.generation(),
        );
        assert_eq!(same.last_modified, first.last_modified);
        cache.invalidate(Some((Lang::En, "a")));
        let changed = cache.insert("/en/a", scope, "v3".into(), page("two"), cache.generation());
        assert!(
            changed.last_modified > first.last_modified,
            "a later date, even within the same second"
        );
        assert_ne!(changed.etag, first.etag);
    }

    #[test]
    fn invalidation_drops_the_article_and_the_listings_of_its_language_only() {
        let cache = PageCache::new(None, 1 << 20);
        cache.insert(
            "/en/a",
            Scope::Article(Lang::En, "a".into()),
            String::new(),
            page("a"),
            0,
        );
        cache.insert(
            "/en/b",
            Scope::Article(Lang::En, "b".into()),
            String::new(),
            page("b"),
            0,
        );
        cache.insert(
            "/en/",
            Scope::Listing(Some(Lang::En)),
            String::new(),
            page("l"),
            0,
        );
        cache.insert(
            "/fa/",
            Scope::Listing(Some(Lang::Fa)),
            String::new(),
            page("f"),
            0,
        );
        cache.insert(
            "/feed.atom",
            Scope::Listing(None),
            String::new(),
            page("x"),
            0,
        );
        cache.insert("/static/x", Scope::Fixed, String::new(), page("s"), 0);
        cache.invalidate(Some((Lang::En, "a")));
        assert!(cache.get("/en/a").is_none());
        assert!(cache.get("/en/").is_none());
        assert!(cache.get("/feed.atom").is_none(), "lists every language");
        assert!(cache.get("/fa/").is_some(), "another language's listing");
        assert!(cache.get("/en/b").is_some());
        assert!(cache.get("/static/x").is_some());
        cache.insert(
            "/en/",
            Scope::Listing(Some(Lang::En)),
            String::new(),
            page("l"),
            cache.generation(),
        );
        cache.invalidate_article(Lang::En, "b");
        assert!(cache.get("/en/b").is_none());
        assert!(cache.get("/en/").is_some(), "a translation's pages only");
        // A page rendered across an invalidation is served but not kept.
        let g = cache.generation();
        cache.invalidate(None);
        cache.insert(
            "/en/b",
            Scope::Article(Lang::En, "b".into()),
            String::new(),
            page("b"),
            g,
        );
        assert!(cache.get("/en/b").is_none());
    }

    #[test]
    fn memory_stays_under_its_limit_and_keeps_the_recently_used() {
        let cache = PageCache::new(None, 64 * 1024);
        for i in 0..200 {
            let key = format!("/en/p{i}");
            cache.insert(
                &key,
                Scope::Listing(None),
                String::new(),
                page(&format!("page {i} ")),
                0,
            );
            // One page read all along stays.
            assert!(cache.get("/en/p0").is_some(), "after {i}");
        }
        let stats = cache.stats();
        assert!(stats.bytes <= 64 * 1024, "{stats:?}");
        assert!(stats.entries < 200);
    }
}

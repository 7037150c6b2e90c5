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
//! Memory holds, of a page kept on disk, only the encodings that were asked
//! for: browsers ask for brotli, so the cache holds about four times as
//! many pages as it would with every encoding, and a page read back from
//! disk costs one read of its header and the one body a request needs.
//!
//! `Last-Modified` is when a page's bytes were first served, kept across
//! re-renders that produce the same bytes: a date-only conditional request
//! then gets 304 exactly when nothing on the page changed since that date,
//! including its comments, which an article's own date knows nothing of.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use askaf_content::Lang;
use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Response, StatusCode};
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};

/// Below this size compression costs more than it saves.
const MIN_COMPRESS: usize = 512;
/// The first line of a page file; a change of layout changes it.
const FILE_MAGIC: &[u8] = b"ASKAFPAGE2\n";
/// The first read of a page file: its header and, for most pages, the
/// brotli body, which comes first.
const FIRST_READ: usize = 8192;

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

/// One of a page's bodies. The order is the page file's: brotli first, as
/// browsers ask for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Br = 0,
    Gzip = 1,
    Identity = 2,
}

impl Coding {
    const ALL: [Coding; 3] = [Coding::Br, Coding::Gzip, Coding::Identity];

    fn etag_suffix(self) -> &'static str {
        match self {
            Coding::Br => "-br",
            Coding::Gzip => "-gz",
            Coding::Identity => "",
        }
    }

    fn content_encoding(self) -> Option<&'static str> {
        match self {
            Coding::Br => Some("br"),
            Coding::Gzip => Some("gzip"),
            Coding::Identity => None,
        }
    }
}

/// The encodings a request's `Accept-Encoding` allows (besides identity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Accept {
    br: bool,
    gzip: bool,
    /// The client weighs gzip above brotli (`br;q=0.1, gzip`): brotli is
    /// ours to prefer only where the client leaves the choice to us.
    prefer_gzip: bool,
}

impl Accept {
    pub fn of(headers: &HeaderMap) -> Accept {
        // Each coding's weight, 1 when not given; an unreadable weight
        // counts as 1, as the coding is named.
        let (mut br, mut gzip) = (0.0f32, 0.0f32);
        for item in headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
        {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(1.0, |q| q.trim().parse::<f32>().unwrap_or(1.0));
            if name.eq_ignore_ascii_case("br") {
                br = br.max(q);
            } else if name.eq_ignore_ascii_case("gzip") {
                gzip = gzip.max(q);
            }
        }
        Accept {
            br: br > 0.0,
            gzip: gzip > 0.0,
            prefer_gzip: gzip > br,
        }
    }

    /// The coding to send of those `has`: brotli, else gzip, when allowed,
    /// else identity.
    fn pick(self, has: impl Fn(Coding) -> bool) -> Coding {
        if self.prefer_gzip && has(Coding::Gzip) {
            Coding::Gzip
        } else if self.br && has(Coding::Br) {
            Coding::Br
        } else if self.gzip && has(Coding::Gzip) {
            Coding::Gzip
        } else {
            Coding::Identity
        }
    }
}

#[derive(Debug, Clone)]
pub struct Cached {
    content_type: HeaderValue,
    cache_control: HeaderValue,
    /// The length of each body the page has, in [`Coding`] order: small
    /// pages have no compressed ones.
    lens: [Option<usize>; 3],
    /// The bodies held in memory: all of a page just rendered, of a page
    /// kept on disk those asked for.
    bodies: [Option<bytes::Bytes>; 3],
    etag: String,
    /// The `ETag` of each body, made once rather than for every response.
    etags: [HeaderValue; 3],
    last_modified: Option<SystemTime>,
    /// `last_modified` as a header, made once.
    modified_value: Option<HeaderValue>,
    /// What the page was made from (see the module's doc).
    deps: String,
    /// A header made for this page and the current second (see [`Cached::per_second`]).
    per_second: SecondMemo,
}

/// One header value, kept for the second it was made in. A copy of a page
/// starts without one.
#[derive(Debug, Default)]
struct SecondMemo(std::sync::Mutex<Option<(u64, HeaderValue)>>);

impl Clone for SecondMemo {
    fn clone(&self) -> SecondMemo {
        SecondMemo::default()
    }
}

/// The `ETag`s of a page's bodies: any encoding of the same bytes is the
/// same resource to a conditional request, but caches must tell them apart.
fn etag_values(etag: &str) -> [HeaderValue; 3] {
    Coding::ALL.map(|c| {
        HeaderValue::from_str(&format!("\"{etag}{}\"", c.etag_suffix()))
            .unwrap_or_else(|_| HeaderValue::from_static("\"\""))
    })
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
        let etag = hex::encode(&Sha256::digest(&body)[..12]);
        let bodies = [None, None, Some(bytes::Bytes::from(body))];
        Cached {
            content_type: HeaderValue::from_static(content_type),
            cache_control: HeaderValue::from_static(cache_control),
            lens: bodies.each_ref().map(|b| b.as_ref().map(|b| b.len())),
            bodies,
            etags: etag_values(&etag),
            etag,
            last_modified: None,
            modified_value: None,
            deps: String::new(),
            per_second: SecondMemo::default(),
        }
    }

    /// The same page with its gzip and brotli bodies, made from the
    /// uncompressed one (none for a page too small to gain). The page cache
    /// compresses what it keeps ([`PageCache::insert`]); a cache made
    /// [`PageCache::without_compression`] (the static mirror's, which asks
    /// for the bytes alone) does not.
    #[must_use]
    pub fn compressed(mut self) -> Cached {
        let done =
            self.lens[Coding::Br as usize].is_some() || self.lens[Coding::Gzip as usize].is_some();
        if let Some(body) = self.body().filter(|b| b.len() >= MIN_COMPRESS && !done) {
            let (gz, br) = (gzip(body), brotli(body));
            self.bodies[Coding::Br as usize] = br;
            self.bodies[Coding::Gzip as usize] = gz;
            self.lens = self.bodies.each_ref().map(|b| b.as_ref().map(|b| b.len()));
        }
        self
    }

    fn set_last_modified(&mut self, at: SystemTime) {
        self.last_modified = Some(at);
        self.modified_value = HeaderValue::from_str(&httpdate::fmt_http_date(at)).ok();
    }

    /// The header `make` gives for `key`, made at most once a second for
    /// this page: `key` must be the current second, with anything else the
    /// value depends on in its low bits. The comment form's stamp cookie is
    /// the same for every reader of a page within a second, and making it
    /// (a MAC, a format) cost more than the rest of answering from memory.
    pub fn per_second(&self, key: u64, make: impl FnOnce() -> HeaderValue) -> HeaderValue {
        let mut memo = self.per_second.0.lock().unwrap_or_else(|p| p.into_inner());
        match &*memo {
            Some((k, value)) if *k == key => value.clone(),
            _ => {
                let value = make();
                *memo = Some((key, value.clone()));
                value
            }
        }
    }

    /// The uncompressed body, if held.
    pub fn body(&self) -> Option<&[u8]> {
        self.bodies[Coding::Identity as usize].as_deref()
    }

    /// The body a request accepting `accept` gets: brotli, else gzip, else
    /// identity, of those the page has.
    fn coding(&self, accept: Accept) -> Coding {
        accept.pick(|c| self.lens[c as usize].is_some())
    }

    /// Whether `accept` gets a compressed body.
    pub fn compressed_for(&self, accept: Accept) -> bool {
        self.coding(accept) != Coding::Identity
    }

    /// Whether the body `accept` gets is in memory.
    fn holds(&self, accept: Accept) -> bool {
        self.bodies[self.coding(accept) as usize].is_some()
    }

    /// The same page holding only the body `accept` gets.
    fn only(&self, accept: Accept) -> Cached {
        let keep = self.coding(accept) as usize;
        let mut page = self.clone();
        for (i, b) in page.bodies.iter_mut().enumerate() {
            if i != keep {
                *b = None;
            }
        }
        page
    }

    /// Bytes held: what the memory cache counts against its limit.
    fn size(&self) -> usize {
        self.bodies.iter().flatten().map(|b| b.len()).sum::<usize>() + self.deps.len() + 128
    }

    /// Chooses the representation and answers, or says 304 if the client
    /// has it. Of a page holding only some bodies, the best one held is
    /// sent ([`PageCache`] hands out pages holding the one asked for).
    pub fn respond(&self, request: &HeaderMap) -> Response<Body> {
        let coding = Accept::of(request).pick(|c| self.bodies[c as usize].is_some());
        let body = self.bodies[coding as usize].clone().unwrap_or_default();

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
                // A date later than now is not one (RFC 9110, 13.1.3):
                // a clock ahead must not freeze a page in a cache.
                (Some(modified), Some(since)) => modified <= since && since <= SystemTime::now(),
                _ => false,
            },
        };

        // Room for these and the headers every response gets later.
        let mut h = HeaderMap::with_capacity(16);
        h.insert(header::ETAG, self.etags[coding as usize].clone());
        h.insert(header::CACHE_CONTROL, self.cache_control.clone());
        h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        if let Some(modified) = &self.modified_value {
            h.insert(header::LAST_MODIFIED, modified.clone());
        }
        let mut response = if not_modified {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::NOT_MODIFIED;
            r
        } else {
            h.insert(header::CONTENT_TYPE, self.content_type.clone());
            if let Some(enc) = coding.content_encoding() {
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(enc));
            }
            Response::new(Body::from(body))
        };
        *response.headers_mut() = h;
        response
    }

    /// The page as one file: a magic line, a JSON header line, then the
    /// bodies in [`Coding`] order. Written from a page holding every body.
    fn to_file(&self, key: &str) -> Vec<u8> {
        let header = serde_json::json!({
            "key": key,
            "deps": self.deps,
            "type": self.content_type.to_str().unwrap_or_default(),
            "cache": self.cache_control.to_str().unwrap_or_default(),
            "etag": self.etag,
            "modified": self.last_modified.map(unix),
            "br": self.lens[Coding::Br as usize],
            "gzip": self.lens[Coding::Gzip as usize],
            "identity": self.lens[Coding::Identity as usize],
        });
        let total: usize = self.lens.iter().flatten().sum();
        let mut out = Vec::with_capacity(FILE_MAGIC.len() + 256 + total);
        out.extend_from_slice(FILE_MAGIC);
        out.extend_from_slice(header.to_string().as_bytes());
        out.push(b'\n');
        for b in self.bodies.iter().flatten() {
            out.extend_from_slice(b);
        }
        out
    }

    /// Reads a page file written by [`Cached::to_file`], with the body
    /// `want` asks for (`None`: no body, only what describes the page);
    /// `None` for anything else (another key, a torn or foreign file), which
    /// is then rendered anew. One read serves the header and, for most
    /// pages, the brotli body.
    fn from_file(key: &str, path: &Path, want: Option<Accept>) -> Option<Cached> {
        let mut file = std::fs::File::open(path).ok()?;
        let mut buf = Vec::with_capacity(FIRST_READ);
        (&mut file)
            .take(FIRST_READ as u64)
            .read_to_end(&mut buf)
            .ok()?;
        let rest = buf.strip_prefix(FILE_MAGIC)?;
        let nl = match rest.iter().position(|&b| b == b'\n') {
            Some(nl) => nl,
            None => {
                // A header longer than the first read: read the rest.
                file.read_to_end(&mut buf).ok()?;
                buf[FILE_MAGIC.len()..].iter().position(|&b| b == b'\n')?
            }
        };
        let start = FILE_MAGIC.len() + nl + 1;
        let h: serde_json::Value =
            serde_json::from_slice(&buf[FILE_MAGIC.len()..start - 1]).ok()?;
        if h["key"].as_str()? != key {
            return None;
        }
        let len = |name: &str| h[name].as_u64().and_then(|n| usize::try_from(n).ok());
        let lens = [len("br"), len("gzip"), Some(len("identity")?)];
        let total: u64 = lens.iter().flatten().map(|&n| n as u64).sum();
        if file.metadata().ok()?.len() != start as u64 + total {
            return None;
        }
        let etag = h["etag"].as_str()?.to_string();
        let mut page = Cached {
            content_type: HeaderValue::from_str(h["type"].as_str()?).ok()?,
            cache_control: HeaderValue::from_str(h["cache"].as_str()?).ok()?,
            lens,
            bodies: [None, None, None],
            etags: etag_values(&etag),
            etag,
            last_modified: None,
            modified_value: None,
            deps: h["deps"].as_str()?.to_string(),
            per_second: SecondMemo::default(),
        };
        if let Some(s) = h["modified"].as_u64() {
            page.set_last_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(s));
        }
        if let Some(accept) = want {
            let coding = page.coding(accept);
            let offset = start + lens[..coding as usize].iter().flatten().sum::<usize>();
            let len = lens[coding as usize]?;
            let body = if offset + len <= buf.len() {
                bytes::Bytes::copy_from_slice(&buf[offset..offset + len])
            } else {
                let mut body = vec![0u8; len];
                file.read_exact_at(&mut body, offset as u64).ok()?;
                body.into()
            };
            page.bodies[coding as usize] = Some(body);
        }
        Some(page)
    }
}

fn unix(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn gzip(body: &[u8]) -> Option<bytes::Bytes> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(body).ok()?;
    enc.finish().ok().map(Into::into)
}

/// Quality 10, not 9: a page is compressed once and sent many times, and
/// for an article page 10 makes it 7-10% smaller than 9 in 1.5-2 times the
/// time (6-12 ms), with a sixth of the memory (2-3 MB rather than 13-15 MB
/// of hash tables, which 9 allocates whatever the page's size).
fn brotli(body: &[u8]) -> Option<bytes::Bytes> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 10, 22);
        w.write_all(body).ok()?;
    }
    Some(out.into())
}

/// A page's dependencies with the year it is made in, which its footer
/// names: a page kept on disk across the new year is made again.
pub fn with_year(deps: String, year: i32) -> String {
    format!("{deps}|year={year}")
}

/// Names the build of this program, the address it serves under and the
/// one setting an article's page says (the comment form's most links,
/// `max_links`), which together decide a page's bytes besides its content:
/// a new binary (new templates, new code), another `site_url` or another
/// link limit starts the page store afresh.
/// The binary is known by its size and time, which every build changes,
/// rather than by a hash of its tens of megabytes at every start.
pub fn build_id(site_url: &str, max_links: usize) -> String {
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
        "askaf {} exe={exe} site={site_url} links={max_links} format=1\n",
        env!("CARGO_PKG_VERSION")
    )
}

struct HotEntry {
    page: Arc<Cached>,
    scope: Scope,
    /// When it was last served, in [`PageCache::tick`]s: a hit only reads
    /// the map, so that readers on every core do not wait for each other.
    used: AtomicU64,
}

#[derive(Default)]
struct Hot {
    /// Keyed with Fx: the keys are pages this site made, never a client's
    /// choice, and a lookup is on every request's path.
    entries: FxHashMap<String, HotEntry>,
    bytes: usize,
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
    hot: RwLock<Hot>,
    /// Counts insertions: the clock of least-recently-used, which a hit
    /// reads (see [`HotEntry::used`]).
    tick: AtomicU64,
    max_bytes: usize,
    /// Where pages are kept between runs; none for a cache in memory only.
    dir: Option<PathBuf>,
    /// Grows with every invalidation: a page rendered across one is not
    /// kept in memory, since it may show the state from before it.
    generation: AtomicU64,
    rendered: AtomicU64,
    loaded: AtomicU64,
    /// Whether pages are compressed as they are kept (see [`Cached::compressed`]).
    compress: bool,
    /// Whether pages are sent with their date (see [`PageCache::without_dates`]).
    dates: bool,
    /// The year the pages in memory were made in: every page's footer
    /// names it (see [`PageCache::year_is`]).
    year: std::sync::atomic::AtomicI32,
    /// The pages being made now, each with the lock its makers queue on
    /// (see [`PageCache::making`]).
    making: std::sync::Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
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
            hot: RwLock::new(Hot::default()),
            tick: AtomicU64::new(0),
            max_bytes,
            dir,
            generation: AtomicU64::new(0),
            rendered: AtomicU64::new(0),
            loaded: AtomicU64::new(0),
            compress: true,
            dates: true,
            year: std::sync::atomic::AtomicI32::new(chrono::Datelike::year(&chrono::Utc::now())),
            making: std::sync::Mutex::default(),
        }
    }

    /// The same cache sending no `Last-Modified` (and so answering no
    /// `If-Modified-Since`): for nodes sharing one database. A page's date
    /// is when this node first made its bytes, and another node makes them
    /// at another time: a reader who got a late date from one node and asks
    /// another, whose newer page is dated earlier, would be told with a 304
    /// that the old page is current. The ETag, a hash of the bytes, is the
    /// same on every node, so conditional requests still work by it.
    #[must_use]
    pub fn without_dates(mut self) -> PageCache {
        self.dates = false;
        self
    }

    /// The same cache keeping pages uncompressed: for the static mirror,
    /// which asks for each page's bytes once and compresses them itself.
    #[must_use]
    pub fn without_compression(mut self) -> PageCache {
        self.compress = false;
        self
    }

    /// A turn to make the page `key`: held by one request at a time, so
    /// that requests missing the same page at once wait for the first one's
    /// page rather than each making it again (on a cold site, a page every
    /// reader asks for was made once per core). After its turn comes, a
    /// request looks for the page again before making it.
    pub async fn making(&self, key: &str) -> MakingTurn<'_> {
        let lock = self
            .making
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(key.to_string())
            .or_default()
            .clone();
        let guard = lock.clone().lock_owned().await;
        MakingTurn {
            cache: self,
            key: key.to_string(),
            lock,
            _guard: guard,
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
        } else {
            remove_temporaries_left(dir, 1);
        }
        Ok(PageCache::new(Some(dir.to_path_buf()), max_bytes))
    }

    fn lock(&self) -> std::sync::RwLockWriteGuard<'_, Hot> {
        self.hot.write().unwrap_or_else(|p| p.into_inner())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Hot> {
        self.hot.read().unwrap_or_else(|p| p.into_inner())
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// The page in memory, if it holds the body `accept` gets.
    pub fn get(&self, key: &str, accept: Accept) -> Option<Arc<Cached>> {
        let hot = self.read();
        let e = hot.entries.get(key)?;
        if !e.page.holds(accept) {
            return None;
        }
        // The clock moves on insertion only: a hit writes nothing that
        // another core's hit would have to wait for.
        e.used
            .store(self.tick.load(Ordering::Relaxed), Ordering::Relaxed);
        Some(e.page.clone())
    }

    fn file(&self, key: &str) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        let name = hex::encode(&Sha256::digest(key.as_bytes())[..16]);
        Some(dir.join(&name[..2]).join(name))
    }

    /// The page on disk with the body `accept` gets, if it was made from
    /// `deps`; kept in memory when nothing was invalidated since
    /// `generation`.
    pub fn load(
        &self,
        key: &str,
        scope: &Scope,
        deps: &str,
        generation: u64,
        accept: Accept,
    ) -> Option<Arc<Cached>> {
        let path = self.file(key)?;
        let page = Cached::from_file(key, &path, Some(accept))?;
        if page.deps != deps {
            return None;
        }
        self.loaded.fetch_add(1, Ordering::Relaxed);
        Some(self.keep(key, scope.clone(), page, generation))
    }

    /// Stores a freshly rendered page made from `deps` and returns it,
    /// holding (at least) the body `accept` gets.
    pub fn insert(
        &self,
        key: &str,
        scope: Scope,
        deps: String,
        mut page: Cached,
        generation: u64,
        accept: Accept,
    ) -> Arc<Cached> {
        self.rendered.fetch_add(1, Ordering::Relaxed);
        if self.compress {
            page = page.compressed();
        }
        page.deps = deps;
        let path = self.file(key);
        let before = self.lock().previous.remove(key).or_else(|| {
            let old = Cached::from_file(key, path.as_ref()?, None)?;
            Some((old.etag, old.last_modified?))
        });
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(unix(SystemTime::now()));
        // Kept in the file even when not sent, so that a node turned
        // single again dates its pages as before.
        page.set_last_modified(match before {
            Some((etag, at)) if etag == page.etag => at,
            // Dates have whole seconds: a change within the second of the
            // last one must still be a later date.
            Some((_, at)) => now.max(at + Duration::from_secs(1)),
            None => now,
        });
        if let Some(path) = path {
            match write_atomically(&path, &page.to_file(key)) {
                // The other bodies are a read away.
                Ok(()) => page = page.only(accept),
                Err(e) => {
                    tracing::warn!(error = %e, path = %path.display(), "cannot keep a rendered page on disk")
                }
            }
        }
        self.keep(key, scope, page, generation)
    }

    /// Keeps `page` in memory, with the bodies of the same bytes already
    /// held (another encoding asked for before), and returns it.
    fn keep(&self, key: &str, scope: Scope, mut page: Cached, generation: u64) -> Arc<Cached> {
        // Read from disk or just made, a page is sent with its date only
        // where dates are sent (see [`PageCache::without_dates`]); the file
        // keeps it.
        if !self.dates {
            page.last_modified = None;
            page.modified_value = None;
        }
        let mut hot = self.lock();
        if self.generation() != generation {
            return Arc::new(page);
        }
        if let Some(old) = hot.entries.get(key) {
            if old.page.etag == page.etag && old.page.deps == page.deps {
                for (mine, held) in page.bodies.iter_mut().zip(&old.page.bodies) {
                    if mine.is_none() {
                        mine.clone_from(held);
                    }
                }
            }
        }
        let page = Arc::new(page);
        let size = page.size();
        if size > self.max_bytes / 8 {
            return page;
        }
        let used = AtomicU64::new(self.tick.fetch_add(1, Ordering::Relaxed));
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
                .map(|(k, e)| (e.used.load(Ordering::Relaxed), k.clone()))
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

    /// Drops from memory every listing, and the pages of the articles
    /// `article` says: for a change to what listings and some articles
    /// show beside the articles themselves (the topics' names).
    pub fn invalidate_listings_and(&self, article: impl Fn(Lang, &str) -> bool) {
        self.drop_where(|scope| match scope {
            Scope::Listing(_) => true,
            Scope::Article(l, s) => article(*l, s),
            Scope::Fixed => false,
        });
    }

    /// Drops from memory the pages of one article only: for a translation
    /// of a changed article, which links to it but is listed as before.
    pub fn invalidate_article(&self, lang: Lang, slug: &str) {
        self.drop_where(|scope| matches!(scope, Scope::Article(l, s) if *l == lang && s == slug));
    }

    /// Says the year is `year`: when it is not the one the pages in memory
    /// were made in, every page is dropped from memory, since each one's
    /// footer names the year ("© 2026"). Those on disk are made again when
    /// asked for: their dependencies name the year (`with_year`).
    pub fn year_is(&self, year: i32) {
        // Read first: a write on every request would pass the line between cores.
        if self.year.load(Ordering::Relaxed) != year
            && self.year.swap(year, Ordering::AcqRel) != year
        {
            self.drop_where(|_| true);
        }
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
        let hot = self.read();
        CacheStats {
            rendered: self.rendered.load(Ordering::Relaxed),
            loaded: self.loaded.load(Ordering::Relaxed),
            entries: hot.entries.len(),
            bytes: hot.bytes,
            max_bytes: self.max_bytes,
        }
    }
}

/// One request's turn to make a page (see [`PageCache::making`]).
pub struct MakingTurn<'a> {
    cache: &'a PageCache,
    key: String,
    lock: Arc<tokio::sync::Mutex<()>>,
    _guard: tokio::sync::OwnedMutexGuard<()>,
}

impl Drop for MakingTurn<'_> {
    fn drop(&mut self) {
        let mut making = self.cache.making.lock().unwrap_or_else(|p| p.into_inner());
        // The map's, this turn's and its guard's: no other request waits.
        if Arc::strong_count(&self.lock) == 3 {
            making.remove(&self.key);
        }
    }
}

/// Writes through a temporary file and a rename, so a reader (or a crash)
/// sees the old file or the new one, never half of one.
/// A write that fails (a full disk) leaves no temporary file behind.
pub(crate) fn write_atomically(path: &Path, data: &[u8]) -> std::io::Result<()> {
    write_through_temporary(path, |file| file.write_all(data))
}

/// [`write_atomically`], with the bytes on disk before the rename: for a
/// file nothing checks when it is read back and that is sent as immutable
/// for a year (an image in the media directory). Without it, a power cut
/// soon after the rename can leave the new name with a short or empty file
/// on some file systems. A page file needs no such cost: its header says
/// its length, and a torn one is rendered again ([`Cached::from_file`]).
pub(crate) fn write_durably(path: &Path, data: &[u8]) -> std::io::Result<()> {
    write_through_temporary(path, |file| {
        file.write_all(data)?;
        file.sync_all()
    })
}

/// [`write_atomically`], with what `write` puts into the temporary file.
fn write_through_temporary(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let (tmp, mut file) = tempfile_in(dir)?;
    let written = write(&mut file).and_then(|()| {
        drop(file);
        std::fs::rename(&tmp, path)
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Counts the temporary files this process made (see [`tempfile_in`]).
static TEMPORARIES: AtomicU64 = AtomicU64::new(0);

/// A new temporary file in `dir`, named `.tmp-PID-N`: this process's
/// `N`th.
fn tempfile_in(dir: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    let n = TEMPORARIES.fetch_add(1, Ordering::Relaxed);
    let path = dir.join(format!(".tmp-{}-{n}", std::process::id()));
    let f = std::fs::File::create(&path)?;
    Ok((path, f))
}

/// Removes the temporary files (see [`tempfile_in`]) in `dir` and, down to
/// `depth` levels, its folders, that no write of this process is making:
/// those left by a process killed while writing (or whose disk filled as
/// it died). A server calls it at start, holding the data directory's lock
/// (`askaf_store::DataLock`, which refuses a second server on the same
/// directory), so another PID's file is no live writer's; and one of this
/// PID that this process has not made yet is a previous process's of the
/// same number (in a container, the server is often process 1 each time).
/// Returns how many were removed; one that cannot be removed is left.
pub(crate) fn remove_stale_temporaries(dir: &Path, depth: usize) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            if depth > 0 {
                removed += remove_stale_temporaries(&path, depth - 1);
            }
            continue;
        }
        // Read after the folder was listed: a file of ours listed was made
        // before, so its number is below the count.
        let made = TEMPORARIES.load(Ordering::Relaxed);
        let stale = entry
            .file_name()
            .to_str()
            .and_then(temporary_of)
            .is_some_and(|(pid, n)| pid != std::process::id() || n >= made);
        if stale && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// [`remove_stale_temporaries`] at a server's start, in `dir` (`DATA/pages`
/// or `DATA/media`) and down to `depth` levels, saying how many were
/// removed when there were any: an operator who finds a server killed
/// while writing learns what it left, and that it is gone.
pub(crate) fn remove_temporaries_left(dir: &Path, depth: usize) {
    let removed = remove_stale_temporaries(dir, depth);
    if removed > 0 {
        tracing::info!(
            removed,
            dir = %dir.display(),
            "removed temporary files left by a server that stopped while writing"
        );
    }
}

/// The PID and number of a temporary file's name (`.tmp-PID-N`).
fn temporary_of(name: &str) -> Option<(u32, u64)> {
    let (pid, n) = name.strip_prefix(".tmp-")?.split_once('-')?;
    Some((pid.parse().ok()?, n.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Temporary files left by another process, or by a previous one of
    /// this PID, go; one this process may be writing stays, as do files of
    /// other names.
    #[test]
    fn only_temporary_files_no_write_is_making_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("ab");
        std::fs::create_dir(&sub).unwrap();
        let me = std::process::id();
        let (ours, _file) = tempfile_in(&sub).unwrap();
        let made = TEMPORARIES.load(Ordering::Relaxed);
        let stale = [
            dir.path().join(format!(".tmp-{}-0", me + 1)),
            sub.join(format!(".tmp-{}-3", me.wrapping_sub(1))),
            sub.join(format!(".tmp-{me}-{}", made + 5)),
        ];
        let kept = [
            sub.join(".tmp-x-1"),
            sub.join("0123"),
            dir.path().join("BUILD"),
        ];
        for f in stale.iter().chain(&kept) {
            std::fs::write(f, b"").unwrap();
        }
        assert_eq!(
            remove_stale_temporaries(dir.path(), 0),
            1,
            "not down into ab/"
        );
        assert_eq!(remove_stale_temporaries(dir.path(), 1), 2);
        assert!(ours.exists(), "this process's, being written");
        for f in &kept {
            assert!(f.exists(), "{}", f.display());
        }
    }

    /// A write that fails half way (as on a full disk) leaves neither the
    /// file nor its temporary file: nothing to fill the disk further, nor
    /// half an image to serve.
    #[test]
    fn a_write_that_fails_leaves_no_file_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("media").join("a.jpg");
        let full = std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left");
        let failed = write_through_temporary(&path, |file| {
            file.write_all(b"half an ima")?;
            Err(full)
        });
        assert_eq!(failed.unwrap_err().kind(), std::io::ErrorKind::StorageFull);
        let left: Vec<_> = std::fs::read_dir(dir.path().join("media"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(left.is_empty(), "{left:?}");
        write_atomically(&path, b"whole").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"whole");
        // The media directory's way: the same, with the bytes synced first.
        write_durably(&path, b"whole again").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"whole again");
        let left: Vec<_> = std::fs::read_dir(dir.path().join("media"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["a.jpg"]);
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    const BR: Accept = Accept {
        br: true,
        gzip: true,
        prefer_gzip: false,
    };
    const PLAIN: Accept = Accept {
        br: false,
        gzip: false,
        prefer_gzip: false,
    };

    #[test]
    fn negotiates_encodings_and_honours_q_zero() {
        let page =
            Cached::new("text/html; charset=utf-8", "x".repeat(2000).into_bytes()).compressed();
        let coding = |ae: &str| page.coding(Accept::of(&headers(&[("accept-encoding", ae)])));
        assert_eq!(coding("gzip, deflate, br, zstd"), Coding::Br);
        assert_eq!(coding("br;q=0, gzip"), Coding::Gzip);
        assert_eq!(coding("gzip;q=0.0"), Coding::Identity);
        assert_eq!(coding("identity"), Coding::Identity);
        // The client's weights choose; brotli where it leaves it to us.
        assert_eq!(coding("br;q=0.1, gzip;q=0.9"), Coding::Gzip);
        assert_eq!(coding("gzip;q=0.5, br;q=0.5"), Coding::Br);
        assert_eq!(coding("gzip, br;q=1.0"), Coding::Br);
        assert_eq!(coding("br;q=0.8"), Coding::Br);
        assert_eq!(page.coding(Accept::of(&HeaderMap::new())), Coding::Identity);
        // A small page has no compressed bodies.
        let small = Cached::new("text/plain", b"tiny".to_vec()).compressed();
        assert_eq!(small.coding(BR), Coding::Identity);
    }

    #[test]
    fn answers_304_for_any_encoding_of_the_same_bytes() {
        let page =
            Cached::new("text/html; charset=utf-8", "x".repeat(2000).into_bytes()).compressed();
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
        Cached::new("text/html; charset=utf-8", text.repeat(100).into_bytes()).compressed()
    }

    #[test]
    fn a_per_second_header_is_made_once_for_each_key() {
        let p = page("x");
        let made = std::cell::Cell::new(0);
        let make = |v: &'static str| {
            made.set(made.get() + 1);
            HeaderValue::from_static(v)
        };
        assert_eq!(p.per_second(10, || make("a")), "a");
        assert_eq!(p.per_second(10, || make("b")), "a");
        assert_eq!(made.get(), 1);
        assert_eq!(p.per_second(11, || make("c")), "c");
        assert_eq!(
            p.per_second(10, || make("d")),
            "d",
            "only the last key is kept"
        );
        assert_eq!(made.get(), 3);
        // A copy (a page cut down to one body) makes its own.
        assert_eq!(p.only(Accept::default()).per_second(10, || make("e")), "e");
    }

    #[test]
    fn a_page_on_disk_is_served_only_while_its_dependencies_hold() {
        let dir = tempfile::tempdir().unwrap();
        let cache = PageCache::open(dir.path(), "build-1", 1 << 20).unwrap();
        let scope = Scope::Article(Lang::En, "a".into());
        let g = cache.generation();
        let rendered = page("one");
        let first = cache.insert(
            "/en/a",
            scope.clone(),
            "rev1".into(),
            rendered.clone(),
            g,
            PLAIN,
        );
        assert_eq!(cache.stats().rendered, 1);
        assert_eq!(first.body(), rendered.body());

        // Another process over the same directory: the same bytes and validators.
        let again = PageCache::open(dir.path(), "build-1", 1 << 20).unwrap();
        let loaded = again
            .load("/en/a", &scope, "rev1", again.generation(), PLAIN)
            .unwrap();
        assert_eq!(loaded.body(), rendered.body());
        assert_eq!(loaded.etag, first.etag);
        assert_eq!(loaded.last_modified, first.last_modified);
        let br = again
            .load("/en/a", &scope, "rev1", again.generation(), BR)
            .unwrap();
        assert_eq!(br.bodies[0], rendered.bodies[0]);
        assert_eq!(again.stats().loaded, 2);
        // What it was made from changed: not served.
        assert!(again
            .load("/en/a", &scope, "rev2", again.generation(), PLAIN)
            .is_none());
        assert!(again
            .load("/en/b", &scope, "rev1", again.generation(), PLAIN)
            .is_none());
        // Another build starts from nothing.
        let other = PageCache::open(dir.path(), "build-2", 1 << 20).unwrap();
        assert!(other
            .load("/en/a", &scope, "rev1", other.generation(), PLAIN)
            .is_none());
    }

    #[test]
    fn memory_holds_only_the_encodings_asked_for_of_a_page_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let cache = PageCache::open(dir.path(), "b", 1 << 20).unwrap();
        let scope = Scope::Article(Lang::En, "a".into());
        let rendered = page("some words of an article ");
        let full = rendered.size();
        let served = cache.insert("/en/a", scope.clone(), "r".into(), rendered.clone(), 0, BR);
        assert!(served.holds(BR));
        assert!(!served.holds(PLAIN), "identity is on disk only");
        assert!(cache.stats().bytes < full / 2, "{:?}", cache.stats());
        assert!(cache.get("/en/a", BR).is_some());
        assert!(cache.get("/en/a", PLAIN).is_none());
        // Asked for identity: read from disk and held beside brotli.
        let plain = cache.load("/en/a", &scope, "r", 0, PLAIN).unwrap();
        assert_eq!(plain.body(), rendered.body());
        let both = cache.get("/en/a", BR).unwrap();
        assert!(both.holds(PLAIN) && both.holds(BR));
        let response = both.respond(&headers(&[("accept-encoding", "gzip")]));
        // A page short of the body asked for sends the best one it holds.
        assert!(response.headers().get("content-encoding").is_none());
        // Without a directory, memory is all there is: every body stays.
        let memory = PageCache::new(None, 1 << 20);
        let kept = memory.insert("/en/a", scope, "r".into(), rendered, 0, BR);
        assert!(kept.holds(PLAIN) && kept.holds(BR));
    }

    /// A date later than the server's clock is no date: the full page.
    #[test]
    fn a_future_if_modified_since_is_ignored() {
        let mut page = Cached::new("text/html; charset=utf-8", "x".repeat(2000).into_bytes());
        let now = SystemTime::now();
        page.set_last_modified(now - std::time::Duration::from_secs(3600));
        let ask = |at: SystemTime| {
            let date = httpdate::fmt_http_date(at);
            page.respond(&headers(&[("if-modified-since", &date)]))
                .status()
        };
        assert_eq!(ask(now), StatusCode::NOT_MODIFIED);
        let later = now + std::time::Duration::from_secs(86400 * 365 * 70);
        assert_eq!(ask(later), StatusCode::OK);
        assert_eq!(
            ask(now - std::time::Duration::from_secs(7200)),
            StatusCode::OK
        );
    }

    #[test]
    fn a_new_year_makes_every_page_again() {
        let dir = tempfile::tempdir().unwrap();
        let cache = PageCache::new(Some(dir.path().to_path_buf()), 1 << 20);
        let this_year = cache.year.load(Ordering::Relaxed);
        let deps = |year| with_year("rev=1".into(), year);
        for (key, scope) in [
            ("/en/a", Scope::Article(Lang::En, "a".into())),
            ("/en/", Scope::Listing(Some(Lang::En))),
            ("/en/about", Scope::Fixed),
        ] {
            let gen = cache.generation();
            let made = cache.insert(key, scope.clone(), deps(this_year), page("x"), gen, PLAIN);
            cache.year_is(this_year);
            assert!(cache.get(key, PLAIN).is_some(), "{key}: the same year");
            cache.year_is(this_year + 1);
            assert!(
                cache.get(key, PLAIN).is_none(),
                "{key}: the footer's year changed"
            );
            // On disk, made last year: not what this year's page is made from.
            let gen = cache.generation();
            assert!(
                cache
                    .load(key, &scope, &deps(this_year + 1), gen, PLAIN)
                    .is_none(),
                "{key}"
            );
            let again = cache
                .load(key, &scope, &deps(this_year), gen, PLAIN)
                .unwrap();
            assert_eq!(again.etag, made.etag);
            cache.year_is(this_year);
        }
    }

    #[test]
    fn last_modified_moves_only_when_the_bytes_change() {
        let cache = PageCache::new(None, 1 << 20);
        let scope = Scope::Article(Lang::En, "a".into());
        let first = cache.insert("/en/a", scope.clone(), "v1".into(), page("one"), 0, PLAIN);
        cache.invalidate(Some((Lang::En, "a")));
        assert!(cache.get("/en/a", PLAIN).is_none(), "invalidated");
        let same = cache.insert(
            "/en/a",
            scope.clone(),
            "v2".into(),
            page("one"),
            cache.generation(),
            PLAIN,
        );
        assert_eq!(same.last_modified, first.last_modified);
        cache.invalidate(Some((Lang::En, "a")));
        let changed = cache.insert(
            "/en/a",
            scope,
            "v3".into(),
            page("two"),
            cache.generation(),
            PLAIN,
        );
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
            PLAIN,
        );
        cache.insert(
            "/en/b",
            Scope::Article(Lang::En, "b".into()),
            String::new(),
            page("b"),
            0,
            PLAIN,
        );
        cache.insert(
            "/en/",
            Scope::Listing(Some(Lang::En)),
            String::new(),
            page("l"),
            0,
            PLAIN,
        );
        cache.insert(
            "/fa/",
            Scope::Listing(Some(Lang::Fa)),
            String::new(),
            page("f"),
            0,
            PLAIN,
        );
        cache.insert(
            "/feed.atom",
            Scope::Listing(None),
            String::new(),
            page("x"),
            0,
            PLAIN,
        );
        cache.insert(
            "/static/x",
            Scope::Fixed,
            String::new(),
            page("s"),
            0,
            PLAIN,
        );
        cache.invalidate(Some((Lang::En, "a")));
        assert!(cache.get("/en/a", PLAIN).is_none());
        assert!(cache.get("/en/", PLAIN).is_none());
        assert!(
            cache.get("/feed.atom", PLAIN).is_none(),
            "lists every language"
        );
        assert!(
            cache.get("/fa/", PLAIN).is_some(),
            "another language's listing"
        );
        assert!(cache.get("/en/b", PLAIN).is_some());
        assert!(cache.get("/static/x", PLAIN).is_some());
        cache.insert(
            "/en/",
            Scope::Listing(Some(Lang::En)),
            String::new(),
            page("l"),
            cache.generation(),
            PLAIN,
        );
        cache.invalidate_article(Lang::En, "b");
        assert!(cache.get("/en/b", PLAIN).is_none());
        assert!(
            cache.get("/en/", PLAIN).is_some(),
            "a translation's pages only"
        );
        // A page rendered across an invalidation is served but not kept.
        let g = cache.generation();
        cache.invalidate(None);
        cache.insert(
            "/en/b",
            Scope::Article(Lang::En, "b".into()),
            String::new(),
            page("b"),
            g,
            PLAIN,
        );
        assert!(cache.get("/en/b", PLAIN).is_none());
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
                PLAIN,
            );
            // One page read all along stays.
            assert!(cache.get("/en/p0", PLAIN).is_some(), "after {i}");
        }
        let stats = cache.stats();
        assert!(stats.bytes <= 64 * 1024, "{stats:?}");
        assert!(stats.entries < 200);
    }
}

//! The HTTP face of AskAfghanistan.
//!
//! Handlers are thin: they parse the request, ask the content model or the
//! store, and hand the result to a view. Rendered responses are cached in
//! memory with their validators (see the `cache` module); everything else about HTTP,
//! from security headers to compression, is middleware set up in [`router`].

mod admin;
mod api;
mod ask;
mod assets;
mod cache;
mod clock;
mod comments;
mod deps;
mod drain;
mod error;
pub mod export;
mod feeds;
pub mod i18n;
mod markup;
mod media;
mod middleware;
mod security;
mod templates;
mod views;

use std::sync::Arc;
use std::time::Duration;

use askaf_content::{Article, Body, Lang};
use askaf_search::Engine;
use askaf_store::Store;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{any, get, post};
use axum::Router;
use deps::Deps;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
use tower_http::compression::CompressionLayer;

pub use cache::{Accept, CacheStats, Cached, PageCache, Scope};
pub use error::AppError;
use middleware::{
    add_security_headers, api_for_any_origin, head_as_get, head_len, localize_errors,
    missing_whatever_the_method, refuse_cross_site, refuse_large_heads, security_headers,
    time_limit, unvalidated, with_query, Head,
};
pub use middleware::{CHANGE_WAIT, MAX_HEAD_BYTES, REQUEST_TIMEOUT};

/// Settings the web layer needs from the operator.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The public address of the site, without a trailing slash, for canonical links and feeds.
    pub site_url: String,
    /// Believe `X-Forwarded-For` and `X-Forwarded-Proto`: only behind a proxy that sets them.
    pub trust_proxy: bool,
    /// The spam defences' limits.
    pub comments: askaf_comments::Policy,
    /// Questions one address may ask a minute (the page and the API together).
    pub ask_per_minute: u32,
    pub login: askaf_auth::Throttle,
    /// Where rendered pages are kept between runs (`DATA/pages`); none keeps
    /// them in memory only.
    pub pages_dir: Option<std::path::PathBuf>,
    /// The most bytes of rendered pages held in memory.
    pub page_cache_bytes: usize,
    /// Whether rendered pages are kept with gzip and brotli bodies; the
    /// static mirror asks for the bytes alone and compresses them itself.
    pub compress_pages: bool,
    /// Where uploaded images, and their smaller copies once made, are kept
    /// as files (`DATA/media`); none reads the store, and makes the copies
    /// again, for each request.
    pub media_dir: Option<std::path::PathBuf>,
    /// How long an editorial request waits for the change it asked for
    /// before it answers 202, "still being applied": [`CHANGE_WAIT`]. Only
    /// the tests shorten it (askaf's `test-hooks`), so that a save they
    /// hold in flight is answered 202 in seconds, not 25. Never longer than
    /// [`CHANGE_WAIT`], which is under [`REQUEST_TIMEOUT`] (see [`AppState::new`]).
    pub change_wait: Duration,
    /// How long the server works on a request before it answers 408:
    /// [`REQUEST_TIMEOUT`]. Only the tests shorten it (askaf's
    /// `test-hooks`), so that the test of a form sent too slowly waits
    /// seconds for its 408, not 30; [`WebConfig::change_wait`] is then
    /// shortened in proportion, to stay under it. Never longer than
    /// [`REQUEST_TIMEOUT`], which the 408 page names.
    pub request_timeout: Duration,
}

impl WebConfig {
    /// The defaults for a site at `site_url`.
    pub fn new(site_url: impl Into<String>) -> WebConfig {
        WebConfig {
            site_url: site_url.into(),
            trust_proxy: false,
            comments: askaf_comments::Policy::default(),
            ask_per_minute: 120,
            login: askaf_auth::Throttle::default(),
            pages_dir: None,
            page_cache_bytes: 64 << 20,
            compress_pages: true,
            media_dir: None,
            change_wait: CHANGE_WAIT,
            request_timeout: REQUEST_TIMEOUT,
        }
    }
}

pub use askaf_site::{Live, Served};

struct Inner {
    served: Arc<Served>,
    config: WebConfig,
    cache: Arc<PageCache>,
    signer: askaf_auth::Signer,
    /// This process's count of questions (see [`AppState::ask_allowed`]).
    ask_limit: askaf_auth::RateLimiter<std::net::IpAddr>,
    /// Turns to render a page (see [`AppState::entry`]).
    renders: tokio::sync::Semaphore,
    /// Until when (Unix seconds) what can do without the database leaves
    /// it alone, having just found it not answering (see
    /// [`AppState::db_may_be_asked`]).
    db_resting_until: std::sync::atomic::AtomicU64,
    /// When `/media/` logs that the store could not say whether it keeps an
    /// upload (see [`AppState::media_store_failed`]).
    media_store_warned: askaf_site::Throttle,
    /// When `/media/` logs that it could not write a file into the media
    /// directory (see [`AppState::media_write_failed`]).
    media_write_warned: askaf_site::Throttle,
    /// The moderators' word list as last compiled (see [`comments::patterns`]).
    patterns: askaf_comments::CompiledPatterns,
}

/// How often, at most, a failure that comes back at every request is
/// logged.
const WARN_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Everything a handler can reach; cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    /// Serves `served`, whose changes drop the pages that show them.
    /// `signer` holds the site's secret, shared by every node through the database.
    pub fn new(
        served: Arc<Served>,
        mut config: WebConfig,
        signer: askaf_auth::Signer,
    ) -> Result<AppState, std::io::Error> {
        while config.site_url.ends_with('/') {
            config.site_url.pop();
        }
        config.request_timeout = config.request_timeout.min(REQUEST_TIMEOUT);
        // Under the request timeout as CHANGE_WAIT is under REQUEST_TIMEOUT.
        let under = config
            .request_timeout
            .mul_f64(CHANGE_WAIT.as_secs_f64() / REQUEST_TIMEOUT.as_secs_f64());
        config.change_wait = config.change_wait.min(CHANGE_WAIT).min(under);
        // What a server killed while writing left (see
        // `cache::remove_stale_temporaries`); the page directory's are
        // removed as it is opened.
        if let Some(dir) = &config.media_dir {
            cache::remove_temporaries_left(dir, 0);
        }
        let cache = match &config.pages_dir {
            Some(dir) => PageCache::open(
                dir,
                &cache::build_id(&config.site_url, config.comments.max_links),
                config.page_cache_bytes,
            )?,
            None => PageCache::new(None, config.page_cache_bytes),
        };
        let cache = if config.compress_pages {
            cache
        } else {
            cache.without_compression()
        };
        // On PostgreSQL other nodes may serve the same pages, each dating
        // them by when it made them.
        let cache = Arc::new(match served.store().kind() {
            askaf_store::Kind::Postgres => cache.without_dates(),
            askaf_store::Kind::Sqlite => cache,
        });
        let pages = cache.clone();
        served.on_change(Box::new(move |old, new, changes| {
            // The article's own pages and its language's listings, and the
            // pages of its translations before and after, which link to it
            // (their listings do not show it: they stay).
            for (lang, slug) in changes.changed.iter().chain(&changes.removed) {
                pages.invalidate(Some((*lang, slug.as_str())));
                for live in [old, new] {
                    if let Some(a) = live.get(*lang, slug.as_str()) {
                        for t in live.translations_of(a) {
                            pages.invalidate_article(t.lang(), t.slug().as_str());
                        }
                    }
                }
            }
        }));
        // An upload deleted, here or on another node: the files this node
        // kept of it (its original and the copies it made) go from its
        // media directory.
        if let Some(dir) = config.media_dir.clone() {
            served.on_media_deleted(Box::new(move |name| {
                if let Err(e) = askaf_site::remove_files(&dir, name) {
                    tracing::warn!(error = %e, upload = name.file_name(), "cannot remove the files of a deleted upload; they are not served while the database answers");
                }
            }));
        }
        // Another node's comment decisions (this node's own drop their
        // pages where they are made).
        let pages = cache.clone();
        served.on_comments(Box::new(move |article| pages.invalidate(article)));
        let ask_limit =
            askaf_auth::RateLimiter::new(config.ask_per_minute, Duration::from_secs(60));
        let state = AppState(Arc::new(Inner {
            served,
            config,
            cache,
            signer,
            ask_limit,
            renders: tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            ),
            db_resting_until: std::sync::atomic::AtomicU64::new(0),
            media_store_warned: askaf_site::Throttle::new(WARN_EVERY),
            media_write_warned: askaf_site::Throttle::new(WARN_EVERY),
            patterns: askaf_comments::CompiledPatterns::new(),
        }));
        // The topics' names another node saved: read again after each
        // catch-up (its notice brings one). Held weakly: the site outlives
        // no state of its own.
        let weak = Arc::downgrade(&state.0);
        state.0.served.on_catch_up(Box::new(move || {
            if let Some(inner) = weak.upgrade() {
                let app = AppState(inner);
                tokio::spawn(async move {
                    if let Err(e) = app.load_tag_labels().await {
                        tracing::debug!(error = %e, "cannot read the topics' names again");
                    }
                });
            }
        }));
        Ok(state)
    }

    pub fn config(&self) -> &WebConfig {
        &self.0.config
    }

    fn media_dir(&self) -> Option<&std::path::Path> {
        self.0.config.media_dir.as_deref()
    }

    fn signer(&self) -> &askaf_auth::Signer {
        &self.0.signer
    }

    /// The moderators' word list as last compiled (see [`comments::patterns`]).
    fn compiled_patterns(&self) -> &askaf_comments::CompiledPatterns {
        &self.0.patterns
    }

    /// The content now being served; hold the returned value for the whole
    /// request so every part of a response comes from one version.
    pub fn site(&self) -> Arc<Live> {
        self.0.served.current()
    }

    /// The site being served, to apply changes to.
    pub fn served(&self) -> &Arc<Served> {
        &self.0.served
    }

    pub fn store(&self) -> &Store {
        self.0.served.store()
    }

    /// Forgets the rendered pages that show `article` and the listings that
    /// may (every article's and every listing with `None`), after its
    /// content or comments changed.
    pub fn invalidate(&self, article: Option<(Lang, &str)>) {
        self.0.cache.invalidate(article);
    }

    /// Reads the topics' names editors set from the store (see
    /// [`i18n::set_tag_labels`]) and drops the pages that show a name that
    /// changed: the listings and topic pages, and the articles that carry
    /// such a topic; no other article's.
    pub async fn load_tag_labels(&self) -> Result<(), AppError> {
        let labels = self.store().tag_labels().await?;
        let changed = i18n::set_tag_labels(labels.into_iter().map(|l| (l.tag, l.lang, l.label)));
        if !changed.is_empty() {
            let live = self.site();
            self.0.cache.invalidate_listings_and(|lang, slug| {
                live.get(lang, slug).is_some_and(|a| {
                    a.front
                        .tags
                        .iter()
                        .any(|t| changed.iter().any(|c| c == t.as_str()))
                })
            });
        }
        Ok(())
    }

    /// What the page cache has done since start.
    pub fn cache_stats(&self) -> CacheStats {
        self.0.cache.stats()
    }

    /// The body of `a`, from the store (the record of every revision served).
    async fn body(&self, a: &Article) -> Result<Arc<Body>, AppError> {
        askaf_site::body_of(self.store(), &askaf_content::Bodies::new(), a)
            .await
            .map_err(AppError::from)?
            .ok_or_else(|| {
                AppError::Internal(format!(
                    "the store has no text of revision {} of {}",
                    a.revision,
                    a.path()
                ))
            })
    }

    /// The bodies of the articles a feed carries.
    async fn feed_bodies(
        &self,
        live: &Live,
        lang: Option<Lang>,
    ) -> Result<askaf_content::Bodies, AppError> {
        let mut bodies = askaf_content::Bodies::new();
        for a in feeds::feed_articles(live, lang) {
            bodies.insert((a.lang(), a.slug().clone()), self.body(a).await?);
        }
        Ok(bodies)
    }

    fn url(&self) -> &str {
        &self.0.config.site_url
    }

    /// The page for `key`: from memory, else from disk if it was made from
    /// what `deps` names now, else rendered with `render` and kept.
    ///
    /// `deps` and `render` see one version of the site, taken after the
    /// cache's generation is read: a change in between leaves the page
    /// newer than the generation says (it is then not kept in memory),
    /// never older, and what a page on disk was made from is exactly what
    /// its dependencies name, so a site that changes back cannot revive a
    /// page of the version in between. Comment versions are read before
    /// the comments are, so a page's comments are never older than its
    /// dependencies say.
    async fn entry<F, Fut>(
        &self,
        key: String,
        scope: Scope,
        deps: Deps,
        accept: Accept,
        render: F,
    ) -> Result<Arc<Cached>, AppError>
    where
        F: FnOnce(Arc<Live>) -> Fut,
        Fut: std::future::Future<Output = Result<Option<Cached>, AppError>>,
    {
        let cache = &self.0.cache;
        let year = chrono::Datelike::year(&chrono::Utc::now());
        cache.year_is(year);
        // The static mirror asks each page what it is made from: not
        // answered from memory, which would not say.
        if !export::probing() {
            if let Some(hit) = cache.get(&key, accept) {
                return Ok(hit);
            }
        }
        let generation = cache.generation();
        let live = self.site();
        let deps = cache::with_year(deps.of(self, &live), year);
        export::probed(&deps);
        if let Some(page) = cache.load(&key, &scope, &deps, generation, accept) {
            return Ok(page);
        }
        // One request makes the page; others missing it at once wait for
        // it, then find it in memory or on disk.
        let _making = cache.making(&key).await;
        if let Some(hit) = cache.get(&key, accept) {
            return Ok(hit);
        }
        if let Some(page) = cache.load(&key, &scope, &deps, generation, accept) {
            return Ok(page);
        }
        // Rendering compresses, which takes a core and, for brotli, several
        // megabytes: as many at once as there are cores, so that a burst
        // of requests for pages not yet made (after an upgrade, or a crawl)
        // neither multiplies memory nor slows every page at once.
        let _turn = self.0.renders.acquire().await;
        match render(live).await? {
            Some(page) => Ok(cache.insert(&key, scope, deps, page, generation, accept)),
            None => Err(AppError::not_found(Lang::En)),
        }
    }

    /// Counts one question from this address against the Ask rate limit:
    /// in the database on PostgreSQL, so that every node counts together
    /// ([`Store::count_ask`]); in this process's memory on SQLite, and on
    /// PostgreSQL while the database cannot count (Ask still answers from
    /// this node's index then).
    async fn ask_allowed(
        &self,
        ip: std::net::IpAddr,
        lang: Lang,
        api: bool,
    ) -> Result<(), AppError> {
        let key = askaf_auth::rate_key(ip);
        let refused = |retry_after: u64| AppError::TooManyRequests {
            lang,
            api,
            retry_after: retry_after.max(1),
        };
        if self.store().kind() == askaf_store::Kind::Postgres && self.db_may_be_asked() {
            match self.store().count_ask(&key.to_string()).await {
                Ok((n, _)) if n <= self.0.config.ask_per_minute => return Ok(()),
                Ok((_, left)) => return Err(refused(left)),
                Err(e) => {
                    self.db_failed();
                    tracing::warn!(error = %e, "cannot count a question in the database; counting it on this node alone");
                }
            }
        }
        self.0
            .ask_limit
            .check(&key, std::time::Instant::now())
            .map_err(|wait| refused(wait.as_secs()))
    }

    /// Whether a request that can do without the database may ask it: not
    /// within ten seconds of finding it not answering ([`AppState::db_failed`]),
    /// so that a reader does not wait for a pool's timeout (or a hanging
    /// server's) at every request while it is away. Ask answers from the
    /// index on its own, the database only counting and recording
    /// questions: a question is then counted on this node and not
    /// recorded. `/media/` serves what `DATA/media` has of an upload, and
    /// answers 503 for what it has not, without asking.
    pub(crate) fn db_may_be_asked(&self) -> bool {
        security::now_unix()
            >= self
                .0
                .db_resting_until
                .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Notes that `/media/` could not ask the store; whether to log it,
    /// which is so at most once a minute (once per request would flood the
    /// log while the database is away).
    fn media_store_failed(&self) -> bool {
        self.0.media_store_warned.failed()
    }

    /// Notes that `/media/` could not write a file into the media
    /// directory (a full disk, a folder it may not write); whether to log
    /// it, which is so at most once a minute.
    fn media_write_failed(&self) -> bool {
        self.0.media_write_warned.failed()
    }

    /// Notes that the database failed a request that can do without it:
    /// such requests leave it alone for ten seconds
    /// ([`AppState::db_may_be_asked`]).
    pub(crate) fn db_failed(&self) {
        self.0.db_resting_until.store(
            security::now_unix() + 10,
            std::sync::atomic::Ordering::Relaxed,
        );
    }

    /// Serves `key` from the cache (see [`AppState::entry`]).
    async fn cached<F, Fut>(
        &self,
        key: String,
        scope: Scope,
        deps: Deps,
        headers: &HeaderMap,
        render: F,
    ) -> Result<Response, AppError>
    where
        F: FnOnce(Arc<Live>) -> Fut,
        Fut: std::future::Future<Output = Result<Option<Cached>, AppError>>,
    {
        let accept = Accept::of(headers);
        Ok(self
            .entry(key, scope, deps, accept, render)
            .await?
            .respond(headers))
    }

    /// A listing of one language: made from its articles and their comments.
    async fn lang_listing<F, Fut>(
        &self,
        key: String,
        lang: Lang,
        headers: &HeaderMap,
        render: F,
    ) -> Result<Response, AppError>
    where
        F: FnOnce(Arc<Live>) -> Fut,
        Fut: std::future::Future<Output = Result<Option<Cached>, AppError>>,
    {
        self.cached(
            key,
            Scope::Listing(Some(lang)),
            Deps::Lang(lang),
            headers,
            render,
        )
        .await
    }

    /// A document about every language: made from every article, and with
    /// `comments` every comment.
    async fn site_listing<F, Fut>(
        &self,
        key: String,
        comments: bool,
        headers: &HeaderMap,
        render: F,
    ) -> Result<Response, AppError>
    where
        F: FnOnce(Arc<Live>) -> Fut,
        Fut: std::future::Future<Output = Result<Option<Cached>, AppError>>,
    {
        self.cached(
            key,
            Scope::Listing(None),
            Deps::Site { comments },
            headers,
            render,
        )
        .await
    }

    /// A page that changes only with the build (and the site's address).
    async fn fixed<F, Fut>(
        &self,
        key: String,
        headers: &HeaderMap,
        render: F,
    ) -> Result<Response, AppError>
    where
        F: FnOnce(Arc<Live>) -> Fut,
        Fut: std::future::Future<Output = Result<Option<Cached>, AppError>>,
    {
        self.cached(key, Scope::Fixed, Deps::Fixed, headers, render)
            .await
    }
}

const HTML: &str = "text/html; charset=utf-8";

/// The whole site as an axum router, with its middleware.
pub fn router(state: AppState) -> Router {
    let pages = Router::new()
        .route("/", get(home_root))
        .route("/about", get(|| async { Redirect::permanent("/en/about") }))
        .route("/healthz", get(healthz))
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap))
        .route("/sitemaps/{file}", get(sitemap_part))
        .route("/feed.atom", get(feed_all))
        .route("/favicon.ico", get(favicon))
        .route("/static/{file}", get(static_file))
        .route("/comments.atom", get(comment_feed_all))
        .route("/ask", get(ask_page))
        .route("/ask/feedback", post(ask_feedback))
        .route("/media/{file}", get(media::serve))
        .route("/api/v1/ask", get(api_ask))
        .route("/api/v1/articles", get(api_list))
        .route("/api/v1/articles/{lang}/{slug}", get(api_detail))
        // Any method: an address the API does not have is a 404 whatever
        // asked (a 405 would say it exists and takes other methods; `/api/`
        // would otherwise be `/{lang}/`'s).
        .route("/api", any(api_not_found))
        .route("/api/", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
        .route("/{lang}", get(lang_redirect))
        .route("/{lang}/", get(lang_home))
        .route("/{lang}/about", get(about))
        .route("/{lang}/ask", get(lang_ask))
        .route("/{lang}/page/{n}", get(lang_home_page))
        .route("/{lang}/tags/{tag}", get(tag_page))
        .route("/{lang}/tags/{tag}/page/{n}", get(tag_page_n))
        .route("/{lang}/{slug}", get(article))
        .route(
            "/{lang}/{slug}/comments",
            get(comments_to_article).post(post_comment).layer(
                axum::extract::DefaultBodyLimit::max(comments::MAX_FORM_BYTES),
            ),
        )
        .route("/{lang}/{slug}/comments.atom", get(comment_feed))
        .route("/{lang}/{slug}/comments/held", get(comment_held))
        .route("/{lang}/{slug}/comments/{id}/reply", get(comment_reply))
        .merge(admin::routes())
        .fallback(fallback)
        .with_state(state.clone());
    // The routes within one service, which the layers wrap whole: a layer
    // of the router itself wraps each route's methods apart, and
    // [`missing_whatever_the_method`] asks the address's `GET` of the routes.
    Router::new()
        .fallback_service(pages)
        .layer(axum::middleware::from_fn(missing_whatever_the_method))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            time_limit,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            localize_errors,
        ))
        .layer(axum::middleware::from_fn(refuse_large_heads))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            refuse_cross_site,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::map_response(security_headers))
        .layer(
            CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Fastest)
                .compress_when(DefaultPredicate::new().and(unvalidated)),
        )
        .layer(axum::middleware::from_fn(head_as_get))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
            AppError::Internal("a handler panicked".into()).into_response()
        }))
        .layer(axum::middleware::from_fn(api_for_any_origin))
        // Outside every layer that may answer without reading the body.
        .layer(axum::middleware::from_fn(drain::unread_bodies))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Forms are small: a comment is at most 5,000 characters (its form takes
/// more, [`comments::MAX_FORM_BYTES`], to hand a longer text back).
pub(crate) const MAX_BODY_BYTES: usize = 64 * 1024;
/// The language a path starts with, or the reader's 404 in English.
fn parse_lang(s: &str) -> Result<Lang, AppError> {
    s.parse::<Lang>().map_err(|_| AppError::not_found(Lang::En))
}

/// The language a query string asks for with `lang=`, if one of the
/// site's ([`Lang::from_tag`]: `fa-AF` and `prs` are Dari).
pub(crate) fn query_lang(query: Option<&str>) -> Option<Lang> {
    query?
        .split('&')
        .find_map(|kv| kv.strip_prefix("lang="))
        .and_then(Lang::from_tag)
}

/// `refused` as its response, marked as varying by `Accept-Language`: a
/// refusal said in the language it prefers, where nothing else names one
/// (an API request without `lang=`, [`api::said_in`]; a page's address
/// without a language; a cross-site form, [`middleware::refusal_lang`]).
fn varies_by_language(refused: AppError) -> Response {
    let mut said = refused.into_response();
    said.headers_mut()
        .append(header::VARY, HeaderValue::from_static("Accept-Language"));
    said
}

/// The site's language a browser's `Accept-Language` prefers: of the
/// tags that name one ([`Lang::from_tag`]), the highest weight, and of
/// equal weights the one listed first; `None` when none does.
pub(crate) fn accepted_lang(headers: &HeaderMap) -> Option<Lang> {
    preferred_lang(headers.get(header::ACCEPT_LANGUAGE))
}

/// [`accepted_lang`] of the `Accept-Language` header's value alone, for
/// what kept the value and not the request's headers ([`localize_errors`],
/// which reads it only once the response is an error: it built a header
/// map of the one value to ask).
pub(crate) fn preferred_lang(value: Option<&HeaderValue>) -> Option<Lang> {
    let header = value.and_then(|v| v.to_str().ok())?;
    let mut choices: Vec<(f32, usize, Lang)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, item)| {
            let mut parts = item.split(';');
            let lang = Lang::from_tag(parts.next()?.trim())?;
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (weight > 0.0).then_some((weight, i, lang))
        })
        .collect();
    choices.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    choices.first().map(|c| c.2)
}

/// The language a request's page is in: its path's, else its `lang=`,
/// else English.
fn request_lang(uri: &Uri) -> Lang {
    match path_lang(uri) {
        Lang::En => query_lang(uri.query()).unwrap_or(Lang::En),
        other => other,
    }
}

fn path_lang(uri: &Uri) -> Lang {
    uri.path()
        .split('/')
        .nth(1)
        .and_then(|s| s.parse::<Lang>().ok())
        .unwrap_or(Lang::En)
}

/// Nothing here. An address with a slash after what would be an article
/// (`/en/slug/`, as some links and hand-typed addresses end) is sent to the
/// address without it; the listings, which end in one, are routes and do
/// not come here. Never to a 404: `/en/tags/` (there is no topic index) or
/// `/en/no-such-article/` is one itself.
async fn fallback(State(app): State<AppState>, method: axum::http::Method, uri: Uri) -> Response {
    let path = uri.path();
    let trimmed = path.trim_end_matches('/');
    let readable = matches!(method, axum::http::Method::GET | axum::http::Method::HEAD);
    // Never to another host: `//evil.example/` (or `/\evil.example/`, which
    // browsers read alike) would otherwise become a redirect there.
    let same_host = !trimmed.contains("//") && !trimmed.contains('\\');
    let no_article = match trimmed.strip_prefix('/').and_then(|p| p.split_once('/')) {
        Some((lang, slug)) if !slug.contains('/') && slug != "about" => lang
            .parse::<Lang>()
            .is_ok_and(|lang| app.site().get(lang, slug).is_none()),
        _ => false,
    };
    if readable && same_host && !no_article && trimmed.len() > 1 && trimmed.len() < path.len() {
        let target = with_query(trimmed, &uri);
        if let Ok(location) = HeaderValue::from_str(&target) {
            return (
                StatusCode::PERMANENT_REDIRECT,
                [(header::LOCATION, location)],
            )
                .into_response();
        }
    }
    AppError::not_found(path_lang(&uri)).into_response()
}

/// `GET /{lang}/{slug}/comments`: the address a refused comment's page was
/// posted to, reloaded; the comments are on the article. An article the
/// site does not have has no such address: its 404 (it was sent on to the
/// article's 404, and another method there got a 405, as if it existed).
async fn comments_to_article(
    State(app): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: Uri,
) -> Result<Response, AppError> {
    let Path((lang, slug)) = path.map_err(|e| path_error(e, &uri))?;
    let lang = parse_lang(&lang)?;
    if !askaf_content::Slug::is_valid(&slug) || app.site().get(lang, &slug).is_none() {
        return Err(AppError::not_found(lang));
    }
    Ok(Redirect::to(&format!("/{lang}/{slug}#comments")).into_response())
}

/// An address the API does not have: its JSON 404, naming the addresses
/// it has, in the language of `lang=`, else the one `Accept-Language`
/// prefers ([`api::said_in`]; until 7 December always English). One with
/// a slash (or more) after it is sent to the address without it when that
/// one is the API's ([`api_without_slash`]; 308, the query kept, and with
/// `Access-Control-Allow-Origin`, [`api_for_any_origin`], which another
/// site's script needs to follow it), as a page's address is
/// ([`fallback`]): until 7 December it was this 404. So is the list's or
/// Ask's address with a language after it, to the one that asks for it
/// with `lang=` ([`api_lang_in_path`]).
async fn api_not_found(
    State(app): State<AppState>,
    method: axum::http::Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let readable = matches!(method, axum::http::Method::GET | axum::http::Method::HEAD);
    let moved = api_lang_in_path(&uri)
        .or_else(|| api_without_slash(&app, uri.path()).map(|to| with_query(&to, &uri)));
    if let Some(to) = moved.filter(|_| readable) {
        if let Ok(location) = HeaderValue::from_str(&to) {
            return (
                StatusCode::PERMANENT_REDIRECT,
                [(header::LOCATION, location)],
            )
                .into_response();
        }
    }
    let asked = query_lang(uri.query());
    let accepted = accepted_lang(&headers);
    if readable {
        if let Some(choices) = api_versions(&app, uri.path(), asked.or(accepted)) {
            return choices;
        }
    }
    let said = api::said_in(asked, accepted);
    varies_by_language(AppError::api_not_found(said))
}

/// `/api/v1/articles/{slug}` (a slash after it or not), an article's
/// address without its language: a `300 Multiple Choices` listing the
/// article in each language it is in ([`api::versions`], which says why
/// not a redirect), its `Location` the version in `wanted` (the language
/// of `lang=`, else the one `Accept-Language` prefers), else the only
/// one, else none. Until 7 December it was the API's 404, which said
/// there was no such address while the article was there. `None` for any
/// other address, and a slug the site has in no language (its 404).
fn api_versions(app: &AppState, path: &str, wanted: Option<Lang>) -> Option<Response> {
    let slug = path
        .strip_prefix("/api/v1/articles/")?
        .trim_end_matches('/');
    if slug.is_empty() || slug.contains('/') {
        return None;
    }
    let (langs, body) = api::versions(&app.site(), slug, app.url())?;
    let preferred = match langs.as_slice() {
        [only] => Some(*only),
        _ => wanted.filter(|l| langs.contains(l)),
    };
    let mut response = (StatusCode::MULTIPLE_CHOICES, axum::Json(body)).into_response();
    let h = response.headers_mut();
    if let Some(location) =
        preferred.and_then(|l| HeaderValue::from_str(&format!("/api/v1/articles/{l}/{slug}")).ok())
    {
        h.insert(header::LOCATION, location);
    }
    h.append(header::VARY, HeaderValue::from_static("Accept-Language"));
    Some(response)
}

/// The address that asks with `lang=` for what `uri` asks with a language
/// after the list's or Ask's address, as a reuser guesses from the site's
/// own `/en/…` addresses: `/api/v1/articles/en` (or `/en/`, or `/fa-AF`,
/// any tag [`Lang::from_tag`] takes) is `/api/v1/articles?lang=en`, the
/// query after it; `/api/v1/ask/fa?q=…` is `/api/v1/ask?lang=fa&q=…`. Until
/// 7 December each was a 404. `None` for any other address, a segment
/// that names no language of the site included (its 404 names the
/// addresses there are). A `lang=` in the query too is kept: the address
/// sent to then says it was given twice, rather than one of the two
/// being dropped unsaid.
fn api_lang_in_path(uri: &Uri) -> Option<String> {
    let (route, tag) = uri.path().trim_end_matches('/').rsplit_once('/')?;
    if !matches!(route, "/api/v1/articles" | "/api/v1/ask") {
        return None;
    }
    let lang = Lang::from_tag(tag)?;
    Some(match uri.query().filter(|q| !q.is_empty()) {
        Some(q) => format!("{route}?lang={lang}&{q}"),
        None => format!("{route}?lang={lang}"),
    })
}

/// The API's address that `path`, ending in a slash, names without it:
/// the list or Ask, or an article the site has. A language written as
/// another tag for it (`fa-AF`) is the site's own at once, before the
/// article is looked for, as [`api_detail`] sends it on without the slash
/// (the mirror's nginx block does the same). `None` for a path without a
/// slash at its end, or with nothing the API has before it (`/api/`,
/// `/api/v1/articles/fa/no-such-article/`: a 404 as it stands).
fn api_without_slash(app: &AppState, path: &str) -> Option<String> {
    let trimmed = path.trim_end_matches('/');
    if trimmed.len() == path.len() {
        return None;
    }
    if trimmed == "/api/v1/articles" || trimmed == "/api/v1/ask" {
        return Some(trimmed.to_string());
    }
    let (tag, slug) = trimmed.strip_prefix("/api/v1/articles/")?.split_once('/')?;
    let lang = Lang::from_tag(tag)?;
    let known = tag != lang.code() || app.site().get(lang, slug).is_some();
    (known && !slug.is_empty() && !slug.contains('/'))
        .then(|| format!("/api/v1/articles/{lang}/{slug}"))
}

fn path_error(e: PathRejection, uri: &Uri) -> AppError {
    // axum's words name its internals (`Invalid UTF-8 in \`slug\``): a
    // reader gets the page's language, the log the detail.
    tracing::debug!(%uri, error = %e, "unreadable address");
    let lang = path_lang(uri);
    AppError::bad_request(lang, i18n::text(lang, "address-unreadable", &[]))
}

/// A form axum could not read, said in the page's language (the editor's
/// on the editorial pages): too large (413: nothing saved, the limit, and
/// Back to the form, which the browser keeps) or not a form of ours.
/// `limit` is the bytes the form's address takes.
pub(crate) fn form_rejection(
    lang: Lang,
    e: axum::extract::rejection::FormRejection,
    limit: usize,
) -> AppError {
    tracing::debug!(error = %e.body_text(), "unreadable form");
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        let args = [("limit", size_text(lang, limit).into())];
        let message = i18n::text(lang, "request-too-large", &args);
        return AppError::rejected(lang, e.status(), message);
    }
    AppError::rejected(
        lang,
        e.status(),
        i18n::text(lang, "request-unreadable", &[]),
    )
}

/// `bytes` as a reader reads a size, in their digits and words: `256 KB`,
/// `10 MB` (binary units, as the limits are set).
pub(crate) fn size_text(lang: Lang, bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    let (key, n) = if bytes >= MB && bytes.is_multiple_of(MB) {
        ("size-mb", bytes / MB)
    } else {
        ("size-kb", bytes.div_ceil(1024))
    };
    i18n::text(lang, key, &[("n", i18n::number(lang, n))])
}

/// `/`: the same page for everyone, leading to each language (see
/// [`views::root`]); a reader's language is never guessed here, so the page
/// is cached and mirrored as every other.
async fn home_root(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let app2 = app.clone();
    app.fixed("/".into(), &headers, |_| async move {
        let html = views::root(app2.url())?;
        Ok(Some(Cached::new(HTML, html.into_bytes())))
    })
    .await
}

/// The first page of any listing.
const FIRST: views::Page = views::Page {
    number: 1,
    pages: 1,
};

/// `/{lang}`: the language's home page has one address, `/{lang}/`. The
/// query is kept, as it is where a tag for the language is sent on
/// ([`middleware::lang_tag_moved`]: `/fa-AF?x=1` is `/fa/?x=1`), so that `/fa?x=1`
/// arrives where `/prs?x=1` does, and the mirror can say both in one rule.
async fn lang_redirect(Path(lang): Path<String>, uri: Uri) -> Result<Redirect, AppError> {
    let lang = parse_lang(&lang)?;
    Ok(Redirect::permanent(&with_query(&format!("/{lang}/"), &uri)))
}

/// `/{lang}/ask`, where a reader (or a link) looks for Ask since every
/// other page of a language is under it: sent for good (308) to
/// `/ask?lang={lang}`, the question's `q` kept as it was written, byte for
/// byte, and nothing else of the query (a `lang=` there is overruled by
/// the path's). A redirect rather than the page served here too: Ask has
/// one address, the one its canonical link, its language links, the feedback
/// page and the question box name, so a shared link, a cache and a search
/// engine each hold one page for one question, and a question that cannot
/// be read is refused there, as any other.
async fn lang_ask(
    path: Result<Path<String>, PathRejection>,
    uri: Uri,
) -> Result<Redirect, AppError> {
    let Path(lang) = path.map_err(|e| path_error(e, &uri))?;
    let lang = parse_lang(&lang)?;
    let question: String = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| pair.split('=').next() == Some("q"))
        .map(|pair| format!("&{pair}"))
        .collect();
    Ok(Redirect::permanent(&format!("/ask?lang={lang}{question}")))
}

async fn lang_home(
    State(app): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Path(lang) = path.map_err(|e| path_error(e, &uri))?;
    let lang = parse_lang(&lang)?;
    render_home(&app, lang, FIRST, &headers, format!("/{lang}/")).await
}

/// Reads the page number of `/…/page/{n}`: a reader's mistake (`0`, `two`,
/// `-1`) is a 400 that says what a page number is, page 1 is `None` (the
/// listing itself, redirected to), and a page past the last is a 404 that
/// says how many there are.
fn page_number(lang: Lang, raw: &str, items: usize) -> Result<Option<views::Page>, AppError> {
    if names_a_file(raw) {
        return Err(AppError::not_found(lang));
    }
    // In the digits a Dari or Pashto page writes its numbers in, too (the
    // 400 itself says pages are numbered ۱، ۲، ۳).
    let number = match askaf_text::ascii_digits(raw).parse::<usize>() {
        Ok(n) if n >= 1 && !raw.starts_with('+') => n,
        _ => {
            // Echoed as typed, isolated in a `<bdi>` on the page.
            let value: String = raw.chars().take(20).collect();
            let message = i18n::text(lang, "page-invalid", &[("value", value.clone().into())]);
            let html = admin::reasons::message_html(
                lang,
                "page-invalid",
                Vec::new(),
                &[("value", &value)],
            );
            return Err(AppError::bad_request_html(lang, message, html));
        }
    };
    if number == 1 {
        return Ok(None);
    }
    views::Page::of(number, items).map(Some).map_err(|pages| {
        let message = i18n::text(
            lang,
            "page-out-of-range",
            &[
                ("count", (pages as u64).into()),
                ("pages", i18n::digits(lang, &pages.to_string()).into()),
                ("page", i18n::digits(lang, &number.to_string()).into()),
            ],
        );
        AppError::not_found_because(lang, message)
    })
}

/// Whether the `{n}` of `/…/page/{n}` is a number with a file's extension
/// (`2.html`, `2.html.gz`): the name of the page's file in a mirror, not a
/// page number mistyped. No address of the site, and so a 404 in the
/// address's language, as the mirror answers it and as the site answers
/// `/en/slug.html`; it was the 400 of a page number that is not one. A
/// number with a decimal part (`2.5`) is still that 400.
fn names_a_file(raw: &str) -> bool {
    raw.split_once('.').is_some_and(|(number, ext)| {
        !number.is_empty()
            && askaf_text::ascii_digits(number)
                .bytes()
                .all(|b| b.is_ascii_digit())
            && ext.bytes().any(|b| b.is_ascii_alphabetic())
            && ext
                .split('.')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()))
    })
}

/// `/{lang}/page/{n}`: the language's newest questions beyond the first page.
async fn lang_home_page(
    State(app): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Path((lang, n)) = path.map_err(|e| path_error(e, &uri))?;
    let lang = parse_lang(&lang)?;
    let items = app.site().listings().lang(lang).count;
    let Some(page) = page_number(lang, &n, items)? else {
        return Ok(Redirect::permanent(&format!("/{lang}/")).into_response());
    };
    let key = views::page_url(&format!("/{lang}/"), page.number);
    render_home(&app, lang, page, &headers, key).await
}

async fn render_home(
    app: &AppState,
    lang: Lang,
    page: views::Page,
    headers: &HeaderMap,
    key: String,
) -> Result<Response, AppError> {
    let app2 = app.clone();
    app.lang_listing(key, lang, headers, |live| async move {
        // The number of pages as this version has them.
        let page = views::Page::of(page.number, live.listings().lang(lang).count);
        let Ok(page) = page else { return Ok(None) };
        let counts = app2.store().comment_counts_in(lang).await?;
        let html = views::home(&live, lang, page, app2.url(), &counts)?;
        Ok(Some(Cached::new(HTML, html.into_bytes())))
    })
    .await
}

async fn about(
    State(app): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Path(lang) = path.map_err(|e| path_error(e, &uri))?;
    let lang = parse_lang(&lang)?;
    let app2 = app.clone();
    app.fixed(format!("/{lang}/about"), &headers, |_| async move {
        let html = views::about(lang, app2.url())?;
        Ok(Some(Cached::new(HTML, html.into_bytes())))
    })
    .await
}

async fn tag_page(
    State(app): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Path((lang, tag)) = path.map_err(|e| path_error(e, &uri))?;
    let lang = parse_lang(&lang)?;
    render_tag(&app, lang, tag, FIRST, &headers).await
}

/// `/{lang}/tags/{tag}/page/{n}`.
async fn tag_page_n(
    State(app): State<AppState>,
    path: Result<Path<(String, String, String)>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Path((lang, tag, n)) = path.map_err(|e| path_error(e, &uri))?;
    let lang = parse_lang(&lang)?;
    let Some(items) = app.site().listings().tag(lang, &tag).map(|t| t.count) else {
        return Err(AppError::not_found(lang));
    };
    let Some(page) = page_number(lang, &n, items)? else {
        return Ok(Redirect::permanent(&format!("/{lang}/tags/{tag}")).into_response());
    };
    render_tag(&app, lang, tag, page, &headers).await
}

async fn render_tag(
    app: &AppState,
    lang: Lang,
    tag: String,
    page: views::Page,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    if app.site().listings().tag(lang, &tag).is_none() {
        // A topic no article of this language has yet: the languages that
        // have it, by its name there, as a missing translation does.
        let live = app.site();
        let elsewhere: Vec<(Lang, String, String)> = Lang::ALL
            .into_iter()
            .filter(|&l| l != lang && live.listings().tag(l, &tag).is_some())
            .map(|l| (l, i18n::tag_name(l, &tag), format!("/{l}/tags/{tag}")))
            .collect();
        if elsewhere.is_empty() {
            return Err(AppError::not_found(lang));
        }
        return Err(AppError::NotFoundElsewhere {
            lang,
            elsewhere,
            said: "not-found-topic-elsewhere",
        });
    }
    let key = views::page_url(&format!("/{lang}/tags/{tag}"), page.number);
    let app2 = app.clone();
    app.cached(
        key,
        Scope::Listing(Some(lang)),
        Deps::Tag(lang, tag.clone()),
        headers,
        |live| async move {
            let Some(items) = live.listings().tag(lang, &tag).map(|t| t.count) else {
                return Ok(None);
            };
            let Ok(page) = views::Page::of(page.number, items) else {
                return Ok(None);
            };
            let counts = app2.store().comment_counts_in(lang).await?;
            let html = views::tag(&live, lang, &tag, page, app2.url(), &counts)?;
            Ok(html.map(|h| Cached::new(HTML, h.into_bytes())))
        },
    )
    .await
}

/// The article `slug` in each language it is in but `except`: (language,
/// title, path) of each, as a 404 that leads to it lists them.
fn versions(live: &Live, slug: &str, except: Option<Lang>) -> Vec<(Lang, String, String)> {
    Lang::ALL
        .into_iter()
        .filter(|&l| Some(l) != except)
        .filter_map(|l| live.get(l, slug))
        .map(|a| (a.lang(), a.front.title.clone(), a.path()))
        .collect()
}

/// The 404 of `path`, an address that names no language of the site, in
/// `lang`: when it is an article's slug (`/afghan-currency`, or with a
/// slash after it), one that says the language is missing and links the
/// article in each language it is in, since the reader's next step is
/// one of those; else the plain one. No redirect to one of them: which
/// language the reader wants is what the address leaves out, and `/`
/// does not guess it from `Accept-Language` either.
fn without_language(live: &Live, path: &str, lang: Lang) -> AppError {
    let elsewhere = versions(live, path.trim_matches('/'), None);
    if elsewhere.is_empty() {
        return AppError::not_found(lang);
    }
    AppError::NotFoundElsewhere {
        lang,
        elsewhere,
        said: "not-found-no-language",
    }
}

/// `/{lang}/{slug}`, `/{lang}/{slug}.txt` and `/{lang}/feed.atom`.
async fn article(
    State(app): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: Uri,
    client: security::Client,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Path((lang, name)) = path.map_err(|e| path_error(e, &uri))?;
    let lang = parse_lang(&lang)?;
    if name == "feed.atom" {
        // The newest articles of the language only: no comment counts.
        let app2 = app.clone();
        return app
            .cached(
                format!("/{lang}/feed.atom"),
                Scope::Listing(Some(lang)),
                Deps::LangFeed(lang),
                &headers,
                |live| async move {
                    let bodies = app2.feed_bodies(&live, Some(lang)).await?;
                    let body = feeds::atom(&live, Some(lang), app2.url(), &bodies);
                    Ok(Some(Cached::new(ATOM, body.into_bytes())))
                },
            )
            .await;
    }
    let (slug, text) = match name.strip_suffix(".txt") {
        Some(slug) => (slug, true),
        None => (name.as_str(), false),
    };
    let (lang, slug) = {
        let live = app.site();
        let Some(a) = live.get(lang, slug) else {
            // Not in this language: the languages it is in, if any.
            let elsewhere = versions(&live, slug, Some(lang));
            if elsewhere.is_empty() || text {
                return Err(AppError::not_found(lang));
            }
            return Err(AppError::NotFoundElsewhere {
                lang,
                elsewhere,
                said: "not-found-elsewhere",
            });
        };
        (a.lang(), a.slug().clone())
    };
    let key = format!("/{lang}/{slug}{}", if text { ".txt" } else { "" });
    let app2 = app.clone();
    let render_slug = slug.clone();
    let render = |live: Arc<Live>| async move {
        let slug = render_slug;
        let Some(a) = live.get(lang, slug.as_str()) else {
            return Ok(None);
        };
        let body = app2.body(a).await?;
        if text {
            let body = plain_text(a, &body, app2.url());
            return Ok(Some(Cached::new(
                "text/plain; charset=utf-8",
                body.into_bytes(),
            )));
        }
        let store = app2.store();
        let list = store.approved_comments(lang, slug.as_str()).await?;
        // The count the page shows is of the comments it shows.
        let counts: views::Counts = [((lang, slug.to_string()), list.len() as u64)].into();
        let closed = store.is_closed(lang, slug.as_str()).await?;
        let section = comments::section(a, &list, closed);
        let form = comments::article_form(a, app2.config().comments.max_links);
        let html = views::article_page(&live, a, &body, app2.url(), &counts, &section, &form)?;
        Ok(Some(Cached::with_cache_control(
            HTML,
            // The body is everyone's, the stamp cookie each browser's own.
            "private, no-cache",
            html.into_bytes(),
        )))
    };
    let scope = Scope::Article(lang, slug.to_string());
    let deps = if text {
        Deps::Text(lang, slug.to_string())
    } else {
        Deps::Article(lang, slug.to_string())
    };
    let mut response = app.cached(key, scope, deps, &headers, render).await?;
    if !text {
        let live = app.site();
        if let Some(a) = live.get(lang, slug.as_str()) {
            response
                .headers_mut()
                .append(header::SET_COOKIE, comments::shown_cookie(&app, a, &client));
        }
    }
    Ok(response)
}

impl AppState {
    /// An article page held in memory, answered before the router: the
    /// page most requests ask for, served without the router's layers and
    /// extractors, which cost more than the page does (see bench/README.md).
    ///
    /// It answers only a `GET` of `/{lang}/{slug}` exactly as the `article` handler
    /// keys its page, and only with a compressed body, which the router's
    /// compression leaves alone: its response is the one the `article` handler gives
    /// (the same bytes, validators and headers, and the reader's
    /// comment-form cookie). Anything else, or a page not in memory, goes
    /// to the router.
    pub fn hot_article<B>(&self, request: &axum::http::Request<B>) -> Option<Response> {
        if request.method() != axum::http::Method::GET || request.uri().query().is_some() {
            return None;
        }
        // An oversized head is the router's to refuse (`refuse_large_heads`).
        if head_len(request) > MAX_HEAD_BYTES {
            return None;
        }
        let path = request.uri().path();
        let (code, slug) = path.strip_prefix('/')?.split_once('/')?;
        let lang = parse_lang(code).ok()?;
        // `about` has a route of its own; a slug needs no percent-encoding,
        // so the path is the article's key as it stands.
        if lang.code() != code || slug == "about" || !askaf_content::Slug::is_valid(slug) {
            return None;
        }
        let headers = request.headers();
        let accept = Accept::of(headers);
        let page = self.0.cache.get(path, accept)?;
        if !page.compressed_for(accept) {
            return None;
        }
        let mut response = page.respond(headers);
        let https = security::https(headers, self);
        let now = security::now_unix();
        let cookie = page.per_second(now << 1 | u64::from(https), || {
            let scope = comments::stamp_scope(lang, slug);
            security::shown_cookie_at(self.signer(), &scope, path, https, now)
        });
        let h = response.headers_mut();
        add_security_headers(h);
        h.append(header::SET_COOKIE, cookie);
        Some(response)
    }
}

/// Resolves `/{lang}/{slug}` to an article, or the reader's 404.
fn article_at<'a>(
    live: &'a Live,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: &Uri,
) -> Result<&'a Article, AppError> {
    let Path((lang, slug)) = path.map_err(|e| path_error(e, uri))?;
    let lang = parse_lang(&lang)?;
    live.get(lang, &slug).ok_or(AppError::not_found(lang))
}

async fn post_comment(
    State(app): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: Uri,
    client: security::Client,
    headers: HeaderMap,
    form: Result<
        axum::extract::Form<comments::CommentForm>,
        axum::extract::rejection::FormRejection,
    >,
) -> Result<Response, AppError> {
    let live = app.site();
    let a = article_at(&live, path, &uri)?;
    let axum::extract::Form(form) = form.map_err(|e| comments::form_rejection(a.lang(), e))?;
    let kept = form.clone();
    match comments::post(&app, a, client, &headers, form).await {
        // The database is away: the comment comes back with the page that
        // says so, not a page that loses it (the reader may send it again
        // in a minute).
        Err(AppError::Unavailable(cause)) => {
            tracing::warn!(%cause, "a comment could not be saved: the database is not answering");
            let said = i18n::text(a.lang(), "comment-unavailable", &[]);
            let mut r = comments::form_page(
                &app,
                StatusCode::SERVICE_UNAVAILABLE,
                a,
                comments::Answering::unchecked(&kept),
                &kept,
                vec![said],
                &client,
            )?;
            r.headers_mut()
                .insert(header::RETRY_AFTER, error::UNAVAILABLE_RETRY_SECONDS.into());
            Ok(r)
        }
        other => other,
    }
}

/// The held page's query: why the comment waits (`comments::held_page`).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct HeldParams {
    why: String,
}

async fn comment_held(
    State(app): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    query: Result<Query<HeldParams>, QueryRejection>,
    uri: Uri,
) -> Result<Response, AppError> {
    let live = app.site();
    let a = article_at(&live, path, &uri)?;
    // A query that cannot be read says no reason: the page says the general one.
    let why = query.map(|Query(q)| q.why).unwrap_or_default();
    comments::held_page(&app, a, &why)
}

async fn comment_reply(
    State(app): State<AppState>,
    path: Result<Path<(String, String, String)>, PathRejection>,
    uri: Uri,
    client: security::Client,
) -> Result<Response, AppError> {
    let Path((lang, slug, id)) = path.map_err(|e| path_error(e, &uri))?;
    let live = app.site();
    let lang = parse_lang(&lang)?;
    let a = live.get(lang, &slug).ok_or(AppError::not_found(lang))?;
    comments::reply_page(&app, a, &id, client).await
}

async fn comment_feed(
    State(app): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (lang, slug) = {
        let live = app.site();
        let a = article_at(&live, path, &uri)?;
        (a.lang(), a.slug().to_string())
    };
    let app2 = app.clone();
    app.cached(
        format!("/{lang}/{slug}/comments.atom"),
        Scope::Article(lang, slug.clone()),
        Deps::Article(lang, slug.clone()),
        &headers,
        |live| async move {
            let list = app2
                .store()
                .recent_comments(Some(lang), Some(&slug), 50)
                .await?;
            let body = feeds::comments_atom(&live, &list, live.get(lang, &slug), app2.url());
            Ok(Some(Cached::new(ATOM, body.into_bytes())))
        },
    )
    .await
}

async fn comment_feed_all(
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let app2 = app.clone();
    app.site_listing("/comments.atom".into(), true, &headers, |live| async move {
        let list = app2.store().recent_comments(None, None, 50).await?;
        let body = feeds::comments_atom(&live, &list, None, app2.url());
        Ok(Some(Cached::new(ATOM, body.into_bytes())))
    })
    .await
}

fn underline(s: &str, c: char) -> String {
    std::iter::repeat_n(c, s.chars().count().max(3)).collect()
}

/// The article as plain text: the question, the title (labelled, as the
/// date under it is), the short answer, the body with its headings and
/// lists, the sources and the citation.
pub fn plain_text(a: &Article, body: &Body, site_url: &str) -> String {
    let lang = a.lang();
    let mut out = String::new();
    out.push_str(&a.front.question);
    out.push('\n');
    out.push_str(&underline(&a.front.question, '='));
    out.push_str("\n\n");
    out.push_str(&i18n::text(
        lang,
        "text-title",
        &[("title", a.front.title.clone().into())],
    ));
    out.push('\n');
    out.push_str(&i18n::text(
        lang,
        "updated-on",
        &[(
            "date",
            i18n::date_with_gregorian(lang, a.front.updated).into(),
        )],
    ));
    out.push_str("\n\n");
    let short = i18n::text(lang, "short-answer", &[]);
    out.push_str(&format!(
        "{short}\n{}\n\n{}\n\n",
        underline(&short, '-'),
        a.front.summary
    ));
    let page_url = format!("{site_url}{}", a.path());
    out.push_str(&body.rendered.plain_on(site_url, &page_url));
    let sources = i18n::text(lang, "sources", &[]);
    out.push_str(&format!("\n{sources}\n{}\n\n", underline(&sources, '=')));
    for (i, s) in a.front.sources.iter().enumerate() {
        // English keeps the ISO date it always had here.
        let accessed = match lang {
            Lang::En => format!("({})", s.accessed),
            _ => views::accessed_text(lang, s.accessed),
        };
        // Numbered in the language's digits, as its dates are and as the
        // page's list shows them.
        let n = i18n::digits(lang, &(i + 1).to_string());
        out.push_str(&format!("{n}. {} <{}> {accessed}\n", s.title, s.url));
    }
    let cite = i18n::text(lang, "cite-this", &[]);
    out.push_str(&format!(
        "\n{cite}\n{}\n\n{}\n\n",
        underline(&cite, '='),
        views::citation_text(a, site_url, views::Cited::default())
    ));
    out.push_str(&i18n::text(
        lang,
        "attribution",
        &[("site", site_url.to_string().into())],
    ));
    out.push('\n');
    out
}

const ATOM: &str = "application/atom+xml; charset=utf-8";

/// A document generated from every article (the site's feed, the
/// sitemap), cached like pages; `None` from `make` is a 404.
async fn generated(
    app: &AppState,
    headers: &HeaderMap,
    key: String,
    content_type: &'static str,
    make: impl FnOnce(&Live, &str) -> Option<String> + Send + 'static,
) -> Result<Response, AppError> {
    let app2 = app.clone();
    app.site_listing(key, false, headers, |live| async move {
        let body = make(&live, app2.url());
        Ok(body.map(|b| Cached::new(content_type, b.into_bytes())))
    })
    .await
}

async fn feed_all(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let app2 = app.clone();
    app.site_listing("/feed.atom".into(), false, &headers, |live| async move {
        let bodies = app2.feed_bodies(&live, None).await?;
        let body = feeds::atom(&live, None, app2.url(), &bodies);
        Ok(Some(Cached::new(ATOM, body.into_bytes())))
    })
    .await
}

const XML: &str = "application/xml; charset=utf-8";

/// `/sitemap.xml`: every address, or past the protocol's limit an index of
/// the parts under `/sitemaps/`.
async fn sitemap(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    generated(&app, &headers, "/sitemap.xml".into(), XML, |live, url| {
        Some(feeds::sitemap(live, url, feeds::SITEMAP_MAX_URLS))
    })
    .await
}

/// `/sitemaps/{n}.xml`: one part of a sitemap too large for one file.
async fn sitemap_part(
    State(app): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Path(file) = path.map_err(|e| path_error(e, &uri))?;
    let Some(n) = file
        .strip_suffix(".xml")
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| *n >= 1)
    else {
        return Err(AppError::not_found(Lang::En));
    };
    generated(
        &app,
        &headers,
        format!("/sitemaps/{n}.xml"),
        XML,
        move |live, url| feeds::sitemap_part(live, url, n, feeds::SITEMAP_MAX_URLS),
    )
    .await
}

async fn robots(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let app2 = app.clone();
    app.fixed("/robots.txt".into(), &headers, |_| async move {
        let body = feeds::robots(app2.url());
        Ok(Some(Cached::new(
            "text/plain; charset=utf-8",
            body.into_bytes(),
        )))
    })
    .await
}

async fn static_file(
    State(app): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Path(file) = path.map_err(|e| path_error(e, &uri))?;
    let Some((content_type, body)) = assets::get(&file) else {
        return Err(AppError::not_found(Lang::En));
    };
    // Kept for a year only under the name the pages give it, which
    // changes with its bytes (`?v=`); under another (a bare link, an old
    // version's) it may change with the next release.
    let versioned = uri.query() == Some(format!("v={}", views::asset_version()).as_str());
    let (key, cache_control) = if versioned {
        (
            format!("/static/{file}?v"),
            "public, max-age=31536000, immutable",
        )
    } else {
        (format!("/static/{file}"), "public, max-age=300")
    };
    app.fixed(key, &headers, |_| async move {
        Ok(Some(Cached::with_cache_control(
            content_type,
            cache_control,
            body.as_bytes().to_vec(),
        )))
    })
    .await
}

async fn favicon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        assets::ICON,
    )
        .into_response()
}

/// The search index's side of `/healthz`: its size and the work it did.
fn index_health(app: &AppState) -> serde_json::Value {
    let live = app.site();
    let stats = app.served().stats();
    let engine = live.engine();
    serde_json::json!({
        "passages": engine.passage_count(),
        "opened": match engine.opening() {
            askaf_search::IndexOpening::Built => "built",
            askaf_search::IndexOpening::Reused(_) => "reused",
        },
        "changes": stats.changes,
        "articles_indexed": stats.articles_indexed,
        "passages_indexed": stats.passages_indexed,
        "articles_removed": stats.articles_removed,
        "content_problems": stats.problems,
        // Articles whose editor's revision, saved, this node failed to
        // apply: it serves the previous version until it applies it (it
        // tries again by itself), where the other nodes serve the new one.
        "unapplied": app.served().unapplied_count(),
        // The model's passage vectors, filled in the background: until
        // `pending` is 0 and `working` false, some passages are ranked by
        // their words alone.
        "vectors": engine.vectors().map(|v| serde_json::json!({
            "model": v.encoder().id(),
            "have": v.len(),
            "pending": v.pending(),
            "working": !v.is_idle(),
            "encoded": v.encoded(),
        })),
    })
}

/// See `index_lag` in [`healthz`].
async fn index_lag(app: &AppState, db_ok: bool) -> Result<Option<u64>, askaf_store::Error> {
    Ok(match app.store().kind() {
        askaf_store::Kind::Sqlite => Some(0),
        askaf_store::Kind::Postgres if db_ok => {
            Some(app.store().edits_after(app.served().edits_seen()).await?)
        }
        askaf_store::Kind::Postgres => None,
    })
}

async fn healthz(State(app): State<AppState>) -> Response {
    let mut db_ok = match app.store().ping().await {
        Ok(()) => true,
        Err(e) => {
            // The cause goes to the log, not to whoever polls the endpoint.
            tracing::error!(error = %e, "health check: database unavailable");
            false
        }
    };
    // Answering `SELECT 1` is not serving: a table locked past the
    // store's bound (a lock timeout) makes the node unable to serve too.
    let index_lag = match index_lag(&app, db_ok).await {
        Ok(lag) => lag,
        Err(e) => {
            tracing::error!(error = %e, "health check: database unavailable");
            db_ok = !e.is_unavailable();
            None
        }
    };
    let body = serde_json::json!({
        "status": if db_ok { "ok" } else { "degraded" },
        "database": if db_ok { "ok" } else { "unavailable" },
        // Which database the node runs on: "sqlite" or "postgres".
        "database_kind": app.store().kind().as_str(),
        "articles": app.site().len(),
        "index": index_health(&app),
        // Several nodes on one PostgreSQL: the editor's revisions the
        // database has that this node has not applied yet (null while the
        // database does not answer; always 0 on SQLite), and when the last
        // notice of another node's change arrived.
        "index_lag": index_lag,
        "last_notice": app.served().last_notice().map(|t| chrono::DateTime::<chrono::Utc>::from(t)
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        "pages": app.cache_stats(),
        "version": env!("CARGO_PKG_VERSION"),
    });
    let status = if db_ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(body),
    )
        .into_response()
}

/// An API request's path or query as axum's extractor `E` reads it, or
/// the API's one JSON refusal (400) where it cannot, said in the language
/// of the query's first `lang=` that names one, else the one
/// `Accept-Language` prefers ([`api::said_in`]), with `Vary:
/// Accept-Language`. One extractor for every route of the API, so that
/// each refuses alike: the article's address said axum's English words
/// about its internals ("The address cannot be read: Invalid UTF-8 in
/// `slug`") whatever the reader asked for, where the list and Ask said
/// their query's refusals in the reader's language.
struct ApiRead<E>(E);

impl<S, E> axum::extract::FromRequestParts<S> for ApiRead<E>
where
    S: Send + Sync,
    E: axum::extract::FromRequestParts<S>,
    E::Rejection: Unreadable,
{
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Response> {
        match E::from_request_parts(parts, state).await {
            Ok(read) => Ok(ApiRead(read)),
            Err(e) => Err(varies_by_language(e.refused(
                query_lang(parts.uri.query()),
                accepted_lang(&parts.headers),
            ))),
        }
    }
}

/// A rejection of axum's that the API says in its own words ([`ApiRead`]),
/// in `lang=`'s language (`asked`), else `Accept-Language`'s (`accepted`).
trait Unreadable {
    fn refused(&self, asked: Option<Lang>, accepted: Option<Lang>) -> AppError;
}

impl Unreadable for PathRejection {
    /// A part of the address that is not text once decoded (`%FF`): what
    /// axum says of it names its internals, so it goes to the log only.
    fn refused(&self, asked: Option<Lang>, accepted: Option<Lang>) -> AppError {
        tracing::debug!(error = %self, "unreadable API address");
        let said = api::said_in(asked, accepted);
        AppError::api_bad_request(i18n::text(
            said,
            "api-address-unreadable",
            &[("field", "api_url".into()), ("encoding", "UTF-8".into())],
        ))
    }
}

impl Unreadable for QueryRejection {
    fn refused(&self, asked: Option<Lang>, accepted: Option<Lang>) -> AppError {
        api::query_error(self, asked, accepted)
    }
}

#[derive(serde::Deserialize)]
struct ListParams {
    lang: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

async fn api_list(
    State(app): State<AppState>,
    ApiRead(Query(p)): ApiRead<Query<ListParams>>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let accepted = accepted_lang(&headers);
    let parsed = api::ListQuery::parse(
        p.lang.as_deref(),
        p.limit.as_deref(),
        p.cursor.as_deref(),
        accepted,
    );
    let q = match parsed {
        Ok(q) => q,
        Err(refused) => return Ok(varies_by_language(refused)),
    };
    let key = q.key();
    let lang = q.lang;
    let app2 = app.clone();
    let render = |live: Arc<Live>| async move {
        let counts = match q.lang {
            Some(lang) => app2.store().comment_counts_in(lang).await?,
            None => app2.store().comment_counts().await?,
        };
        let body = api::list(&live, &q, app2.url(), &counts);
        Ok(Some(Cached::new(
            "application/json",
            body.to_string().into_bytes(),
        )))
    };
    match lang {
        Some(lang) => app.lang_listing(key, lang, &headers, render).await,
        None => app.site_listing(key, true, &headers, render).await,
    }
}

async fn api_detail(
    State(app): State<AppState>,
    ApiRead(Path((tag, slug))): ApiRead<Path<(String, String)>>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    // A language the site does not have is a 404, as a page's address in
    // it is, and as a static mirror (which has no file there) answers it:
    // there is no article at this address, which is what a reuser asking
    // for one needs to know, not that the request was malformed. Its words
    // name the languages the site has.
    let lang = match Lang::parse_tag(&tag) {
        Ok(lang) => lang,
        Err(refused) => {
            let said = api::said_in(None, accepted_lang(&headers));
            return Ok(varies_by_language(AppError::api_refused(
                StatusCode::NOT_FOUND,
                api::lang_refused(said, &refused),
            )));
        }
    };
    // Its language written as another tag for it (`fa-AF`, `prs`, `EN`), as
    // `lang=` takes one and a page's address is sent on: the site's own, the
    // rest of the address as it came.
    if tag != lang.code() {
        if let Some(rest) = uri
            .path()
            .strip_prefix("/api/v1/articles/")
            .and_then(|p| p.split_once('/').map(|(_, rest)| rest))
        {
            return Ok(Redirect::permanent(&with_query(
                &format!("/api/v1/articles/{lang}/{rest}"),
                &uri,
            ))
            .into_response());
        }
    }
    // Said in the article's language, as `lang=` decides elsewhere.
    if app.site().get(lang, &slug).is_none() {
        return Err(AppError::api_not_found(lang));
    }
    let app2 = app.clone();
    app.cached(
        format!("api:/{lang}/{slug}"),
        Scope::Article(lang, slug.clone()),
        Deps::Article(lang, slug.clone()),
        &headers,
        |live| async move {
            let Some(a) = live.get(lang, &slug) else {
                return Ok(None);
            };
            let count = app2.store().approved_count(lang, &slug).await?;
            let counts: views::Counts = [((lang, slug.clone()), count)].into();
            let text = app2.body(a).await?;
            let body = api::detail(&live, a, &text, app2.url(), &counts);
            Ok(Some(Cached::new(
                "application/json",
                body.to_string().into_bytes(),
            )))
        },
    )
    .await
}

#[derive(serde::Deserialize)]
struct AskParams {
    q: Option<String>,
    lang: Option<String>,
    /// Set by the as-you-type box: such partial questions are not recorded.
    live: Option<String>,
}

/// The question `q` of a request's `query`, cleaned
/// ([`ask::clean_question`]), or why it is refused, in `lang`: one written
/// as bytes that are not UTF-8 is said to be unreadable.
fn question(query: Option<&str>, q: Option<&str>, lang: Lang) -> Result<String, String> {
    if query_value_not_utf8(query, "q") {
        return Err(i18n::text(lang, "ask-not-utf8", &[]));
    }
    ask::clean_question(q, lang)
}

/// Whether the query's `name` is written as bytes that are not UTF-8
/// (`?q=%E2%82`): the query's reader makes such bytes U+FFFD, which left
/// the question without a letter, refused as if nothing had been typed.
/// A `+` is a space and a `%` without two hex digits itself, ASCII either
/// way, so the value's bytes are its percent-decoding alone.
fn query_value_not_utf8(query: Option<&str>, name: &str) -> bool {
    query.unwrap_or("").split('&').any(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        key == name
            && percent_encoding::percent_decode_str(value)
                .decode_utf8()
                .is_err()
    })
}

/// Whether a question is recorded for the editors, and whether its page
/// asks the reader "Did this answer your question?".
#[derive(Clone, Copy, PartialEq, Eq)]
enum Record {
    /// A partial question typed into the as-you-type box.
    No,
    Yes,
    /// The Ask page: a question answered carries a random token for the
    /// reader's Yes or No, which only its hash ties to the record.
    WithFeedback,
    /// A `HEAD` of the Ask page (a link checker, a crawler's look): the page
    /// its `GET` sends, with a token (so its length is the `GET`'s), but
    /// nothing recorded, so the token is tied to nothing.
    Looked,
}

impl Record {
    /// Whether the page asks "Did this answer your question?".
    fn offers_feedback(self) -> bool {
        matches!(self, Record::WithFeedback | Record::Looked)
    }

    /// Whether the question is recorded for the editors.
    fn records(self) -> bool {
        matches!(self, Record::Yes | Record::WithFeedback)
    }
}

/// Runs a question through the engine, hands the answer (and the feedback
/// token, for an answer on a page that offers one) to `show` under the same
/// read of the index (the answer's passage numbers mean nothing under
/// another), and records the question for the editors: its key, and the
/// answer it was given.
async fn run_question<T: Send + 'static>(
    app: &AppState,
    live: &Arc<Live>,
    q: &str,
    lang: Lang,
    record: Record,
    show: impl FnOnce(&Live, &Engine, &askaf_search::Answer, Option<&str>) -> T + Send + 'static,
) -> Result<T, AppError> {
    struct Asked {
        key: String,
        answered: bool,
        confidence: f32,
        answer: Option<(String, String)>,
        token: Option<String>,
        /// For a question turned away: the rule, and the sentence refused
        /// where it is near the question.
        decision: Option<&'static str>,
        near: Option<(String, String)>,
    }
    let work = {
        let (live, q) = (Arc::clone(live), q.to_string());
        move || {
            let engine = live.engine();
            let answer = engine.answer(&q, lang, 10)?;
            let token = (record.offers_feedback() && !answer.abstained).then(askaf_auth::new_token);
            let shown = show(&live, &engine, &answer, token.as_deref());
            // A sentence as the log keeps it: its paragraph's link and its text.
            let kept = |s: &askaf_search::AnswerSentence| {
                Some((engine.passage(s.passage)?.link(), s.text.clone()))
            };
            let asked = Asked {
                key: engine.question_key(&q, lang),
                answered: !answer.abstained,
                confidence: answer.confidence,
                answer: answer
                    .sentences
                    .first()
                    .filter(|_| !answer.abstained)
                    .and_then(kept),
                token,
                decision: answer.abstained.then(|| answer.decision.as_str()),
                // The sentence it came nearest to, only where that is near
                // (`Engine::near`): the editors' list links its article.
                near: engine.near(&answer).and_then(kept),
            };
            Ok::<_, askaf_search::Error>((shown, asked))
        }
    };
    // A question the sentence model is asked about costs milliseconds of
    // CPU: off the async workers, so other requests do not wait for it.
    let (shown, asked) = if live.engine().has_encoder() {
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
    } else {
        work()
    }
    .map_err(|e| AppError::Internal(e.to_string()))?;
    // A question of no words the site could weigh ("a", "the?") has no
    // key: nothing an editor could write an article for.
    if record.records() && !asked.key.is_empty() && app.db_may_be_asked() {
        let hash = asked.token.as_deref().map(askaf_auth::token_hash);
        let recorded = app
            .store()
            .record_question(&askaf_store::QuestionRecord {
                question: q,
                lang,
                key: &asked.key,
                answered: asked.answered,
                confidence: asked.confidence,
                answer: asked
                    .answer
                    .as_ref()
                    .map(|(url, text)| (url.as_str(), text.as_str())),
                feedback_hash: hash.as_deref(),
                decision: asked.decision,
                near: asked
                    .near
                    .as_ref()
                    .map(|(url, text)| (url.as_str(), text.as_str())),
            })
            .await;
        // The reader's answer does not wait on the editors' record of it.
        if let Err(e) = recorded {
            app.db_failed();
            tracing::warn!(error = %e, "cannot record a question; answering it from the index");
        }
    }
    Ok(shown)
}

async fn ask_page(
    State(app): State<AppState>,
    client: security::Client,
    head: Option<axum::Extension<Head>>,
    uri: Uri,
    headers: HeaderMap,
    query: Result<Query<AskParams>, QueryRejection>,
) -> Result<Response, AppError> {
    let Query(p) = query.map_err(|e| {
        tracing::debug!(error = %e, "unreadable question");
        let lang = request_lang(&uri);
        AppError::bad_request(lang, i18n::text(lang, "request-unreadable", &[]))
    })?;
    let live = app.site();
    let no_store = [
        (header::CACHE_CONTROL, "no-store"),
        (header::CONTENT_TYPE, HTML),
    ];
    // A question refused is shown back as typed, up to the length asked.
    let shown: String =
        p.q.as_deref()
            .unwrap_or("")
            .chars()
            .take(ask::MAX_QUESTION_CHARS)
            .collect();
    let lang = match p.lang.as_deref().filter(|l| !l.is_empty()) {
        None => Lang::En,
        Some(l) => match Lang::from_tag(l) {
            Some(lang) => lang,
            // A language the site is not written in: said in the one the
            // browser prefers of the three, on the Ask page with the
            // question kept and its language links asking it again.
            None => {
                let said = accepted_lang(&headers).unwrap_or(Lang::En);
                let message = i18n::text(
                    said,
                    "ask-lang-unknown",
                    &[("value", l.chars().take(40).collect::<String>().into())],
                );
                let html = ask::page(
                    &live,
                    &live.engine(),
                    said,
                    &shown,
                    ask::Shown::LangRefused(&message),
                    app.url(),
                )?;
                return Ok((StatusCode::BAD_REQUEST, no_store, html).into_response());
            }
        },
    };
    if p.q.is_none() {
        let html = ask::page(
            &live,
            &live.engine(),
            lang,
            "",
            ask::Shown::Refused(""),
            app.url(),
        )?;
        return Ok((no_store, html).into_response());
    }
    match question(uri.query(), p.q.as_deref(), lang) {
        Err(message) => {
            let html = ask::page(
                &live,
                &live.engine(),
                lang,
                &shown,
                ask::Shown::Refused(&message),
                app.url(),
            )?;
            Ok((StatusCode::BAD_REQUEST, no_store, html).into_response())
        }
        Ok(q) => {
            app.ask_allowed(client.ip, lang, false).await?;
            let url = app.url().to_string();
            let question = q.clone();
            let html = run_question(
                &app,
                &live,
                &q,
                lang,
                // A HEAD (a link checker, a crawler's look) asked nothing,
                // but is told what its GET would be.
                if head.is_some() {
                    Record::Looked
                } else {
                    Record::WithFeedback
                },
                move |live, engine, answer, feedback| {
                    ask::page(
                        live,
                        engine,
                        lang,
                        &question,
                        ask::Shown::Answer(answer, feedback),
                        &url,
                    )
                },
            )
            .await??;
            let mut r = (no_store, html).into_response();
            // One page per question: not for search engines' indexes.
            r.headers_mut().insert(
                header::HeaderName::from_static("x-robots-tag"),
                HeaderValue::from_static("noindex"),
            );
            Ok(r)
        }
    }
}

/// The answer page's "Did this answer your question?" form.
#[derive(serde::Deserialize)]
struct FeedbackForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    helpful: String,
    #[serde(default)]
    lang: String,
}

/// `POST /ask/feedback`: a reader's Yes or No to the answer they were
/// given, once per answer. A No puts the question on the editors' list of
/// what readers want next, with the answer. Cross-site posts are refused
/// before this runs ([`refuse_cross_site`]); the token, random and shown
/// only on the answer's page, is what ties the vote to the question.
async fn ask_feedback(
    State(app): State<AppState>,
    client: security::Client,
    form: Result<axum::extract::Form<FeedbackForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, AppError> {
    let axum::extract::Form(f) = form.map_err(|e| form_rejection(Lang::En, e, MAX_BODY_BYTES))?;
    let lang = Lang::from_tag(&f.lang).unwrap_or(Lang::En);
    let helpful = match f.helpful.as_str() {
        "yes" => true,
        "no" => false,
        _ => {
            return Err(AppError::bad_request(
                lang,
                i18n::text(lang, "feedback-unreadable", &[]),
            ))
        }
    };
    app.ask_allowed(client.ip, lang, false).await?;
    let counted = !f.token.is_empty()
        && f.token.len() <= 128
        && app
            .store()
            .answer_feedback(&askaf_auth::token_hash(&f.token), helpful)
            .await?;
    if !counted {
        return Err(AppError::rejected(
            lang,
            StatusCode::CONFLICT,
            i18n::text(lang, "feedback-gone", &[]),
        ));
    }
    let html = ask::feedback_page(lang, helpful)?;
    Ok((
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::CONTENT_TYPE, HTML),
        ],
        html,
    )
        .into_response())
}

async fn api_ask(
    State(app): State<AppState>,
    client: security::Client,
    head: Option<axum::Extension<Head>>,
    uri: Uri,
    headers: HeaderMap,
    ApiRead(Query(p)): ApiRead<Query<AskParams>>,
) -> Result<Response, AppError> {
    let accepted = accepted_lang(&headers);
    let asked = match api::lang_param(p.lang.as_deref(), accepted) {
        Ok(asked) => asked,
        Err(refused) => return Ok(varies_by_language(refused)),
    };
    let lang = asked.unwrap_or(Lang::En);
    let said = api::said_in(asked, accepted);
    let q = match question(uri.query(), p.q.as_deref(), said) {
        Ok(q) => q,
        Err(m) => {
            return Ok(varies_by_language(AppError::api_bad_request(format!(
                "q: {m}"
            ))))
        }
    };
    // Said as the API's other refusals are, `Accept-Language`'s where
    // `lang=` names none (until 7 December English for a Dari reader).
    if let Err(refused) = app.ask_allowed(client.ip, said, true).await {
        return Ok(varies_by_language(refused));
    }
    let live = app.site();
    let typing = p.live.as_deref().is_some_and(|v| !v.is_empty() && v != "0");
    let record = if typing || head.is_some() {
        Record::No
    } else {
        Record::Yes
    };
    let url = app.url().to_string();
    let question = q.clone();
    let body = run_question(
        &app,
        &live,
        &q,
        lang,
        record,
        move |live, engine, answer, _| ask::json(live, engine, lang, &question, answer, &url),
    )
    .await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], axum::Json(body)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header's value alone is read as the request's headers are:
    /// weights, ties to the first listed, tags the site names otherwise.
    #[test]
    fn the_accept_language_value_alone_is_read_as_the_headers_are() {
        for (value, lang) in [
            ("fa-AF,fa;q=0.9,en;q=0.5", Some(Lang::Fa)),
            ("de, en-GB;q=0.8", Some(Lang::En)),
            ("en;q=0.5, ps;q=0.9", Some(Lang::Ps)),
            ("prs, ps", Some(Lang::Fa)),
            ("de, fr", None),
            ("fa;q=0", None),
        ] {
            let mut headers = HeaderMap::new();
            let value = HeaderValue::from_static(value);
            headers.insert(header::ACCEPT_LANGUAGE, value.clone());
            assert_eq!(preferred_lang(Some(&value)), lang, "{value:?}");
            assert_eq!(accepted_lang(&headers), lang, "{value:?}");
        }
        assert_eq!(preferred_lang(None), None);
        assert_eq!(accepted_lang(&HeaderMap::new()), None);
    }
}

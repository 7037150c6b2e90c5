//! The HTTP face of AskAfghanistan.
//!
//! Handlers are thin: they parse the request, ask the content model or the
//! store, and hand the result to a view. Rendered responses are cached in
//! memory with their validators (see [`cache`]); everything else about HTTP,
//! from security headers to compression, is middleware set up in [`router`].

mod admin;
mod api;
mod ask;
mod assets;
mod cache;
mod comments;
mod error;
mod feeds;
pub mod i18n;
mod markup;
mod security;
mod templates;
mod views;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use askaf_content::{Article, Lang, Site};
use askaf_search::Engine;
use askaf_store::Store;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use cache::{Cached, PageCache};
pub use error::AppError;

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
        }
    }
}

/// The content being served and its search index, replaced whole when content changes.
pub struct Live {
    pub site: Site,
    pub engine: Engine,
}

impl std::ops::Deref for Live {
    type Target = Site;
    fn deref(&self) -> &Site {
        &self.site
    }
}

struct Inner {
    live: std::sync::RwLock<Arc<Live>>,
    store: Store,
    config: WebConfig,
    cache: PageCache,
    signer: askaf_auth::Signer,
    /// Per process: with several nodes each counts its own share.
    ask_limit: askaf_auth::RateLimiter<std::net::IpAddr>,
}

/// Everything a handler can reach; cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    /// `signer` holds the site's secret, shared by every node through the database.
    pub fn new(
        site: Site,
        engine: Engine,
        store: Store,
        mut config: WebConfig,
        signer: askaf_auth::Signer,
    ) -> AppState {
        while config.site_url.ends_with('/') {
            config.site_url.pop();
        }
        let ask_limit =
            askaf_auth::RateLimiter::new(config.ask_per_minute, Duration::from_secs(60));
        AppState(Arc::new(Inner {
            live: std::sync::RwLock::new(Arc::new(Live { site, engine })),
            store,
            config,
            cache: PageCache::default(),
            signer,
            ask_limit,
        }))
    }

    pub fn config(&self) -> &WebConfig {
        &self.0.config
    }

    fn signer(&self) -> &askaf_auth::Signer {
        &self.0.signer
    }

    /// The content now being served; hold the returned value for the whole
    /// request so every part of a response comes from one version.
    pub fn site(&self) -> Arc<Live> {
        match self.0.live.read() {
            Ok(live) => live.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Serves new content from now on: requests in flight finish with the old.
    pub fn replace(&self, site: Site, engine: Engine) {
        let live = Arc::new(Live { site, engine });
        match self.0.live.write() {
            Ok(mut slot) => *slot = live,
            Err(poisoned) => *poisoned.into_inner() = live,
        }
        self.invalidate();
    }

    pub fn store(&self) -> &Store {
        &self.0.store
    }

    /// Forget rendered pages, after content or comment counts changed.
    pub fn invalidate(&self) {
        self.0.cache.clear();
    }

    fn url(&self) -> &str {
        &self.0.config.site_url
    }

    /// The cached entry for `key`, rendering it with `render` on a miss.
    async fn entry<F, Fut>(&self, key: String, render: F) -> Result<Arc<Cached>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Option<Cached>, AppError>>,
    {
        if let Some(hit) = self.0.cache.get(&key) {
            return Ok(hit);
        }
        match render().await? {
            Some(page) => Ok(self.0.cache.insert(key, page)),
            None => Err(AppError::not_found(Lang::En)),
        }
    }

    /// Counts one question from this address against the Ask rate limit.
    fn ask_allowed(&self, ip: std::net::IpAddr, lang: Lang, api: bool) -> Result<(), AppError> {
        self.0
            .ask_limit
            .check(&askaf_auth::rate_key(ip), std::time::Instant::now())
            .map_err(|wait| AppError::TooManyRequests {
                lang,
                api,
                retry_after: wait.as_secs().max(1),
            })
    }

    /// Serves `key` from the cache, rendering it with `render` on a miss.
    async fn cached<F, Fut>(
        &self,
        key: String,
        headers: &HeaderMap,
        render: F,
    ) -> Result<Response, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Option<Cached>, AppError>>,
    {
        Ok(self.entry(key, render).await?.respond(headers))
    }
}

const HTML: &str = "text/html; charset=utf-8";
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

fn date_time(d: chrono::NaiveDate) -> SystemTime {
    let secs = d
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0);
    SystemTime::UNIX_EPOCH + Duration::from_secs(secs.max(0) as u64)
}

/// The whole site as an axum router, with its middleware.
pub fn router(state: AppState) -> Router {
    let security = tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(
                "camera=(), microphone=(), geolocation=(), interest-cohort=()",
            ),
        ));

    Router::new()
        .route("/", get(home_root))
        .route("/about", get(|| async { Redirect::permanent("/en/about") }))
        .route("/healthz", get(healthz))
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap))
        .route("/feed.atom", get(feed_all))
        .route("/favicon.ico", get(favicon))
        .route("/static/{file}", get(static_file))
        .route("/comments.atom", get(comment_feed_all))
        .route("/ask", get(ask_page))
        .route("/api/v1/ask", get(api_ask))
        .route("/api/v1/articles", get(api_list))
        .route("/api/v1/articles/{lang}/{slug}", get(api_detail))
        .route("/api/{*rest}", get(api_not_found))
        .route("/{lang}", get(lang_redirect))
        .route("/{lang}/", get(lang_home))
        .route("/{lang}/about", get(about))
        .route("/{lang}/tags/{tag}", get(tag_page))
        .route("/{lang}/{slug}", get(article))
        .route("/{lang}/{slug}/comments", post(post_comment))
        .route("/{lang}/{slug}/comments.atom", get(comment_feed))
        .route("/{lang}/{slug}/comments/held", get(comment_held))
        .route("/{lang}/{slug}/comments/{id}/reply", get(comment_reply))
        .merge(admin::routes())
        .fallback(fallback)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(security)
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Fastest))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
            AppError::Internal("a handler panicked".into()).into_response()
        }))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Forms are small: a comment is at most 5,000 characters.
const MAX_BODY_BYTES: usize = 64 * 1024;
/// The language a path starts with, or the reader's 404 in English.
fn parse_lang(s: &str) -> Result<Lang, AppError> {
    s.parse::<Lang>().map_err(|_| AppError::not_found(Lang::En))
}

fn path_lang(uri: &Uri) -> Lang {
    uri.path()
        .split('/')
        .nth(1)
        .and_then(|s| s.parse::<Lang>().ok())
        .unwrap_or(Lang::En)
}

async fn fallback(uri: Uri) -> AppError {
    AppError::not_found(path_lang(&uri))
}

async fn api_not_found() -> AppError {
    AppError::api_not_found()
}

fn path_error(e: PathRejection, uri: &Uri) -> AppError {
    AppError::bad_request(path_lang(uri), format!("This address cannot be read: {e}"))
}

async fn home_root(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    render_home(&app, Lang::En, &headers, "/".into()).await
}

async fn lang_redirect(Path(lang): Path<String>) -> Result<Redirect, AppError> {
    let lang = parse_lang(&lang)?;
    Ok(Redirect::permanent(&format!("/{lang}/")))
}

async fn lang_home(
    State(app): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Path(lang) = path.map_err(|e| path_error(e, &uri))?;
    let lang = parse_lang(&lang)?;
    render_home(&app, lang, &headers, format!("/{lang}/")).await
}

async fn render_home(
    app: &AppState,
    lang: Lang,
    headers: &HeaderMap,
    key: String,
) -> Result<Response, AppError> {
    let app2 = app.clone();
    app.cached(key, headers, || async move {
        let counts = app2.store().comment_counts().await?;
        let html = views::home(&app2.site(), lang, app2.url(), &counts)?;
        let newest = app2.site().in_lang(lang).map(|a| a.front.updated).max();
        Ok(Some(Cached::new(
            HTML,
            html.into_bytes(),
            newest.map(date_time),
        )))
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
    app.cached(format!("/{lang}/about"), &headers, || async move {
        let html = views::about(lang, app2.url())?;
        Ok(Some(Cached::new(HTML, html.into_bytes(), None)))
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
    if !app.site().tags(lang).contains_key(tag.as_str()) {
        return Err(AppError::not_found(lang));
    }
    let app2 = app.clone();
    app.cached(format!("/{lang}/tags/{tag}"), &headers, || async move {
        let counts = app2.store().comment_counts().await?;
        let html = views::tag(&app2.site(), lang, &tag, app2.url(), &counts)?;
        Ok(html.map(|h| Cached::new(HTML, h.into_bytes(), None)))
    })
    .await
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
        return generated(
            &app,
            &headers,
            format!("/{lang}/feed.atom"),
            ATOM,
            move |live, url| feeds::atom(live, Some(lang), url),
        )
        .await;
    }
    let (slug, text) = match name.strip_suffix(".txt") {
        Some(slug) => (slug, true),
        None => (name.as_str(), false),
    };
    let live = app.site();
    let Some(a) = live.get(lang, slug) else {
        return Err(AppError::not_found(lang));
    };
    let key = format!("{}{}", a.path(), if text { ".txt" } else { "" });
    let app2 = app.clone();
    let (lang, slug) = (a.lang(), a.slug().clone());
    let render = || async move {
        let live = app2.site();
        let Some(a) = live.get(lang, slug.as_str()) else {
            return Ok(None);
        };
        let modified = Some(date_time(a.front.updated));
        if text {
            let body = plain_text(a, app2.url());
            return Ok(Some(Cached::new(
                "text/plain; charset=utf-8",
                body.into_bytes(),
                modified,
            )));
        }
        let store = app2.store();
        let counts = store.comment_counts().await?;
        let list = store.approved_comments(lang, slug.as_str()).await?;
        let closed = store.is_closed(lang, slug.as_str()).await?;
        let section = comments::section(a, &list, closed);
        let form = comments::article_form(a);
        let html = views::article_page(&live, a, app2.url(), &counts, &section, &form)?;
        Ok(Some(Cached::personal(
            HTML,
            html.into_bytes(),
            modified,
            comments::FORM_FIELDS,
        )))
    };
    if text {
        return app.cached(key, &headers, render).await;
    }
    let page = app.entry(key, render).await?;
    let seed = security::Seed::of(&headers, &client);
    Ok(
        page.respond_personal(&headers, &seed.value, seed.set_cookie.clone(), || {
            comments::form_fields(&app, a, &seed)
        }),
    )
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
    let axum::extract::Form(form) =
        form.map_err(|e| AppError::rejected(a.lang(), e.status(), e.body_text()))?;
    comments::post(&app, a, client, &headers, form).await
}

async fn comment_held(
    State(app): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: Uri,
) -> Result<Response, AppError> {
    let live = app.site();
    let a = article_at(&live, path, &uri)?;
    comments::held_page(&app, a)
}

async fn comment_reply(
    State(app): State<AppState>,
    path: Result<Path<(String, String, String)>, PathRejection>,
    uri: Uri,
    client: security::Client,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Path((lang, slug, id)) = path.map_err(|e| path_error(e, &uri))?;
    let live = app.site();
    let lang = parse_lang(&lang)?;
    let a = live.get(lang, &slug).ok_or(AppError::not_found(lang))?;
    comments::reply_page(&app, a, &id, client, &headers).await
}

async fn comment_feed(
    State(app): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let live = app.site();
    let a = article_at(&live, path, &uri)?;
    let (lang, slug) = (a.lang(), a.slug().to_string());
    let app2 = app.clone();
    app.cached(
        format!("{}/comments.atom", a.path()),
        &headers,
        || async move {
            let list = app2
                .store()
                .recent_comments(Some(lang), Some(&slug), 50)
                .await?;
            let live = app2.site();
            let body = feeds::comments_atom(&live, &list, live.get(lang, &slug), app2.url());
            Ok(Some(Cached::new(ATOM, body.into_bytes(), None)))
        },
    )
    .await
}

async fn comment_feed_all(
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let app2 = app.clone();
    app.cached("/comments.atom".into(), &headers, || async move {
        let list = app2.store().recent_comments(None, None, 50).await?;
        let body = feeds::comments_atom(&app2.site(), &list, None, app2.url());
        Ok(Some(Cached::new(ATOM, body.into_bytes(), None)))
    })
    .await
}

fn underline(s: &str, c: char) -> String {
    std::iter::repeat_n(c, s.chars().count().max(3)).collect()
}

/// The article as plain text: the question, the short answer, the body with
/// its headings and lists, the sources and the citation.
pub fn plain_text(a: &Article, site_url: &str) -> String {
    let lang = a.lang();
    let mut out = String::new();
    out.push_str(&a.front.question);
    out.push('\n');
    out.push_str(&underline(&a.front.question, '='));
    out.push_str("\n\n");
    out.push_str(&a.front.title);
    out.push('\n');
    out.push_str(&i18n::text(
        lang,
        "updated-on",
        &[("date", i18n::date(lang, a.front.updated).into())],
    ));
    out.push_str("\n\n");
    let short = i18n::text(lang, "short-answer", &[]);
    out.push_str(&format!(
        "{short}\n{}\n\n{}\n\n",
        underline(&short, '-'),
        a.front.summary
    ));
    out.push_str(&a.rendered.plain);
    let sources = i18n::text(lang, "sources", &[]);
    out.push_str(&format!("\n{sources}\n{}\n\n", underline(&sources, '=')));
    for (i, s) in a.front.sources.iter().enumerate() {
        out.push_str(&format!(
            "{}. {} <{}> ({})\n",
            i + 1,
            s.title,
            s.url,
            s.accessed
        ));
    }
    let cite = i18n::text(lang, "cite-this", &[]);
    out.push_str(&format!(
        "\n{cite}\n{}\n\n{}\n\n",
        underline(&cite, '='),
        views::citation_text(a, site_url)
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

/// A document generated from the whole site (feeds, sitemap, robots.txt), cached like pages.
async fn generated(
    app: &AppState,
    headers: &HeaderMap,
    key: String,
    content_type: &'static str,
    make: impl FnOnce(&Live, &str) -> String + Send + 'static,
) -> Result<Response, AppError> {
    let app2 = app.clone();
    app.cached(key, headers, || async move {
        let body = make(&app2.site(), app2.url());
        Ok(Some(Cached::new(content_type, body.into_bytes(), None)))
    })
    .await
}

async fn feed_all(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    generated(&app, &headers, "/feed.atom".into(), ATOM, |live, url| {
        feeds::atom(live, None, url)
    })
    .await
}

async fn sitemap(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    generated(
        &app,
        &headers,
        "/sitemap.xml".into(),
        "application/xml; charset=utf-8",
        |live, url| feeds::sitemap(live, url),
    )
    .await
}

async fn robots(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    generated(
        &app,
        &headers,
        "/robots.txt".into(),
        "text/plain; charset=utf-8",
        |_, url| feeds::robots(url),
    )
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
    app.cached(format!("/static/{file}"), &headers, || async move {
        Ok(Some(Cached::with_cache_control(
            content_type,
            "public, max-age=31536000, immutable",
            body.as_bytes().to_vec(),
            None,
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

async fn healthz(State(app): State<AppState>) -> Response {
    let db_ok = match app.store().ping().await {
        Ok(()) => true,
        Err(e) => {
            // The cause goes to the log, not to whoever polls the endpoint.
            tracing::error!(error = %e, "health check: database unavailable");
            false
        }
    };
    let body = serde_json::json!({
        "status": if db_ok { "ok" } else { "degraded" },
        "database": if db_ok { "ok" } else { "unavailable" },
        "articles": app.site().len(),
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

#[derive(serde::Deserialize)]
struct ListParams {
    lang: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

async fn api_list(
    State(app): State<AppState>,
    query: Result<Query<ListParams>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Query(p) = query
        .map_err(|e| AppError::api_bad_request(format!("The query string cannot be read: {e}")))?;
    let q = api::ListQuery::parse(p.lang.as_deref(), p.limit.as_deref(), p.cursor.as_deref())?;
    let app2 = app.clone();
    app.cached(q.key(), &headers, || async move {
        let counts = app2.store().comment_counts().await?;
        let body = api::list(&app2.site(), &q, app2.url(), &counts)?;
        Ok(Some(Cached::new(
            "application/json",
            body.to_string().into_bytes(),
            None,
        )))
    })
    .await
}

async fn api_detail(
    State(app): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Path((lang, slug)) =
        path.map_err(|e| AppError::api_bad_request(format!("The address cannot be read: {e}")))?;
    let lang = lang
        .parse::<Lang>()
        .map_err(|e| AppError::api_bad_request(e.to_string()))?;
    if app.site().get(lang, &slug).is_none() {
        return Err(AppError::api_not_found());
    }
    let app2 = app.clone();
    app.cached(format!("api:/{lang}/{slug}"), &headers, || async move {
        let live = app2.site();
        let Some(a) = live.get(lang, &slug) else {
            return Ok(None);
        };
        let counts = app2.store().comment_counts().await?;
        let body = api::detail(&live, a, app2.url(), &counts);
        Ok(Some(Cached::new(
            "application/json",
            body.to_string().into_bytes(),
            Some(date_time(a.front.updated)),
        )))
    })
    .await
}

#[derive(serde::Deserialize)]
struct AskParams {
    q: Option<String>,
    lang: Option<String>,
    /// Set by the as-you-type box: such partial questions are not recorded.
    live: Option<String>,
}

/// Runs a question through the engine and records it for the editors.
async fn run_question(
    app: &AppState,
    live: &Arc<Live>,
    q: &str,
    lang: Lang,
    record: bool,
) -> Result<askaf_search::Answer, AppError> {
    // A question the sentence model is asked about costs milliseconds of
    // CPU: off the async workers, so other requests do not wait for it.
    let answer = if live.engine.has_encoder() {
        let (live, q) = (Arc::clone(live), q.to_string());
        tokio::task::spawn_blocking(move || live.engine.answer(&q, lang, 10))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
    } else {
        live.engine.answer(q, lang, 10)
    }
    .map_err(|e| AppError::Internal(e.to_string()))?;
    if record {
        app.store()
            .record_question(q, lang, !answer.abstained, answer.confidence)
            .await?;
    }
    Ok(answer)
}

async fn ask_page(
    State(app): State<AppState>,
    client: security::Client,
    query: Result<Query<AskParams>, QueryRejection>,
) -> Result<Response, AppError> {
    let Query(p) = query.map_err(|e| {
        AppError::bad_request(Lang::En, format!("The question could not be read: {e}"))
    })?;
    let lang = match p.lang.as_deref().filter(|l| !l.is_empty()) {
        None => Lang::En,
        Some(l) => l
            .parse::<Lang>()
            .map_err(|e| AppError::bad_request(Lang::En, e.to_string()))?,
    };
    let live = app.site();
    let no_store = [
        (header::CACHE_CONTROL, "no-store"),
        (header::CONTENT_TYPE, HTML),
    ];
    if p.q.is_none() {
        let html = ask::page(&live, &live.engine, lang, "", Err(""), app.url())?;
        return Ok((no_store, html).into_response());
    }
    match ask::clean_question(p.q.as_deref(), lang) {
        Err(message) => {
            let shown: String =
                p.q.as_deref()
                    .unwrap_or("")
                    .chars()
                    .take(ask::MAX_QUESTION_CHARS)
                    .collect();
            let html = ask::page(&live, &live.engine, lang, &shown, Err(&message), app.url())?;
            Ok((StatusCode::BAD_REQUEST, no_store, html).into_response())
        }
        Ok(q) => {
            app.ask_allowed(client.ip, lang, false)?;
            let answer = run_question(&app, &live, &q, lang, true).await?;
            let html = ask::page(&live, &live.engine, lang, &q, Ok(&answer), app.url())?;
            Ok((no_store, html).into_response())
        }
    }
}

async fn api_ask(
    State(app): State<AppState>,
    client: security::Client,
    query: Result<Query<AskParams>, QueryRejection>,
) -> Result<Response, AppError> {
    let Query(p) = query
        .map_err(|e| AppError::api_bad_request(format!("The query string cannot be read: {e}")))?;
    let lang = match p.lang.as_deref().filter(|l| !l.is_empty()) {
        None => Lang::En,
        Some(l) => l
            .parse::<Lang>()
            .map_err(|e| AppError::api_bad_request(format!("lang: {e}")))?,
    };
    let q = ask::clean_question(p.q.as_deref(), lang)
        .map_err(|m| AppError::api_bad_request(format!("q: {m}")))?;
    app.ask_allowed(client.ip, lang, true)?;
    let live = app.site();
    let record = p.live.as_deref().is_none_or(|v| v.is_empty() || v == "0");
    let answer = run_question(&app, &live, &q, lang, record).await?;
    let body = ask::json(&live, &live.engine, lang, &q, &answer, app.url());
    Ok(([(header::CACHE_CONTROL, "no-store")], axum::Json(body)).into_response())
}

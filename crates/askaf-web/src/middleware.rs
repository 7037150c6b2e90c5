//! The layers every request passes through, outside the handlers: what a
//! `HEAD` is answered with, the security headers, the refusal of
//! cross-site forms and of heads too large, the time limit, the error
//! pages said in the reader's language, and the API's cross-origin
//! answers. [`crate::router`] stacks them in their order; each says why
//! it stands where it does.

use std::time::Duration;

use askaf_content::Lang;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::{
    accepted_lang, admin, api, error, i18n, path_lang, preferred_lang, query_lang, request_lang,
    security, varies_by_language, without_language, AppError, AppState, MAX_BODY_BYTES,
};

/// The Content Security Policy of every response: no inline script or
/// style, nothing from another origin ([`security_headers`]).
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// A `HEAD` request, which [`head_as_get`] asks of the routes as a `GET`:
/// what a handler that must not act on a look (record a question) reads.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Head;

/// Answers a `HEAD` with what its `GET` sends, the body aside: the routes
/// and the compression layer are asked the `GET` (marked [`Head`]), and
/// the body is dropped here, its length said when it is known. axum
/// answers a `HEAD` within each route, before the compression layer, which
/// then saw an empty body and left it alone: a page it compresses (Ask's
/// answer, an error page) was said with no `Content-Encoding` and its
/// uncompressed length, where the `GET` sends it gzipped or in brotli.
pub(crate) async fn head_as_get(
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if request.method() != axum::http::Method::HEAD {
        return next.run(request).await;
    }
    *request.method_mut() = axum::http::Method::GET;
    request.extensions_mut().insert(Head);
    let (mut parts, body) = next.run(request).await.into_parts();
    if let Some(length) = http_body::Body::size_hint(&body).exact() {
        parts
            .headers
            .entry(header::CONTENT_LENGTH)
            .or_insert_with(|| HeaderValue::from(length));
    }
    Response::from_parts(parts, axum::body::Body::empty())
}

/// Whether the compression layer may compress a response: not one with an
/// ETag, which names its bytes. The page cache compresses what it keeps and
/// tags each encoding apart (`-gz`, `-br`); what it sends uncompressed
/// (too small to gain, such as `robots.txt`) must stay so, or one strong
/// ETag would name three different bodies.
pub(crate) fn unvalidated(
    _: StatusCode,
    _: axum::http::Version,
    headers: &HeaderMap,
    _: &axum::http::Extensions,
) -> bool {
    !headers.contains_key(header::ETAG)
}

/// The headers every response carries: one layer, not one per header, since
/// every page pays for each layer it passes through.
pub(crate) async fn security_headers(mut response: Response) -> Response {
    add_security_headers(response.headers_mut());
    response
}

pub(crate) fn add_security_headers(h: &mut HeaderMap) {
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    let permissions = header::HeaderName::from_static("permissions-policy");
    if !h.contains_key(&permissions) {
        h.insert(
            permissions,
            HeaderValue::from_static(
                "camera=(), microphone=(), geolocation=(), interest-cohort=()",
            ),
        );
    }
}

/// Refuses a state-changing request that another site's page made the
/// browser send (see [`security::cross_origin_ok`]). The comment form checks
/// for itself, to hand the reader's text back with the refusal.
pub(crate) async fn refuse_cross_site(
    State(app): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    let comment_post = request.uri().path().ends_with("/comments");
    // The API takes reads only and no cookie's authority: any other method
    // gets its 405 with `Allow`, in JSON, whoever sent it.
    let api = is_api(request.uri().path());
    if safe || comment_post || api || security::cross_origin_ok(request.headers(), app.url()) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let lang = refusal_lang(&parts.uri, &parts.headers, body).await;
    varies_by_language(AppError::forbidden(
        lang,
        i18n::text(lang, "cross-site-refused", &[]),
    ))
}

/// The language a request refused before its handler (a form another
/// site's page sent) is answered in: the reader's, as the handler would
/// have known it, not English whatever they read (until 7 December the
/// answer to a Dari reader's feedback or sign-in was English).
///
/// Under `/admin`, the editorial pages' own rule for a visitor
/// ([`admin::visitor_lang`]: `?lang=`, which the login form shown in a
/// language posts back to, the staff member's cookie, the browser's
/// `Accept-Language`), since a form's `lang` there is what it edits (an
/// article's language). Elsewhere the form's `lang` field (the page it was
/// on: the answer's Yes/No form carries it), else the path's language or
/// `?lang=`, else the browser's `Accept-Language`, else English.
pub(crate) async fn refusal_lang(uri: &Uri, headers: &HeaderMap, body: axum::body::Body) -> Lang {
    let first = uri.path().split('/').nth(1).unwrap_or("");
    if first == "admin" {
        return admin::visitor_lang(uri.query(), headers);
    }
    form_lang(headers, body)
        .await
        .or_else(|| first.parse::<Lang>().ok())
        .or_else(|| query_lang(uri.query()))
        .or_else(|| accepted_lang(headers))
        .unwrap_or(Lang::En)
}

/// The `lang` field of a URL-encoded form's `body`, if it names one of
/// the site's languages ([`Lang::from_tag`]). Read as its handler would
/// have read it: up to [`MAX_BODY_BYTES`], within [`REQUEST_TIMEOUT`];
/// past either, or another kind of body, none (what is left unread is
/// drained, [`crate::drain::unread_bodies`]).
async fn form_lang(headers: &HeaderMap, body: axum::body::Body) -> Option<Lang> {
    let urlencoded = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|t| t.split(';').next())
        .is_some_and(|t| {
            t.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    if !urlencoded {
        return None;
    }
    let read = axum::body::to_bytes(body, MAX_BODY_BYTES);
    let bytes = tokio::time::timeout(REQUEST_TIMEOUT, read)
        .await
        .ok()?
        .ok()?;
    form_urlencoded::parse(&bytes)
        .find(|(name, _)| name == "lang")
        .and_then(|(_, value)| Lang::from_tag(&value))
}

/// A method a route does not take, at an address that names nothing
/// (`POST /en/no-such-article`, `DELETE /xx`, `PUT /en/tags/nothing`), is
/// that address's 404, as a `GET` would have it: the 405 said the page
/// existed and took other methods. Whether it exists is what a `GET` of the
/// address answers, asked without the query (so that `/ask`'s question is
/// neither answered nor recorded) and without a body or conditions; an
/// address that has a page keeps its 405 and `Allow`. The API's addresses
/// are asked alike (its JSON 404, as for any address it lacks); the
/// editors' pages are not, a `GET` there needing a signed-in editor.
/// Cross-site requests are refused before this ([`refuse_cross_site`]).
pub(crate) async fn missing_whatever_the_method(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let method = request.method().clone();
    let uri = request.uri().clone();
    let first = uri.path().split('/').nth(1).unwrap_or("");
    // Every page's `GET` and `HEAD` pass through as they came, with no
    // probe made for them.
    if matches!(method, axum::http::Method::GET | axum::http::Method::HEAD) || first == "admin" {
        return next.run(request).await;
    }
    let mut probe = axum::http::Request::builder()
        .method(axum::http::Method::GET)
        .uri(uri.path());
    for name in [header::HOST, header::ACCEPT_LANGUAGE, header::ACCEPT] {
        if let Some(value) = request.headers().get(&name) {
            probe = probe.header(name, value.clone());
        }
    }
    let mut probe = probe.body(axum::body::Body::empty());
    if let Ok(p) = &mut probe {
        // The connection's address, which the handlers read.
        *p.extensions_mut() = request.extensions().clone();
    }
    let response = next.clone().run(request).await;
    if response.status() != StatusCode::METHOD_NOT_ALLOWED {
        return response;
    }
    let Ok(probe) = probe else {
        return response;
    };
    let got = next.run(probe).await;
    if matches!(got.status(), StatusCode::NOT_FOUND | StatusCode::GONE) {
        got
    } else {
        response
    }
}

/// How long the server works on a request before it answers 408: its
/// handler, and the reading of its body (a client that sends a form
/// slowly). The editorial pages wait less for a change to the site
/// ([`CHANGE_WAIT`]), to say it is still being applied.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a request waits for the change to the site it asked for (an
/// article saved, restored or published, an upload deleted): under the
/// server's request timeout ([`REQUEST_TIMEOUT`]), so that past it the
/// editor is told the change is still being applied, where the timeout
/// would answer a 408 that knows nothing of it. The change runs to its end
/// whatever becomes of the request ([`askaf_site::Served::apply_edit`]).
/// The default of [`WebConfig::change_wait`](crate::WebConfig::change_wait).
pub const CHANGE_WAIT: Duration = Duration::from_secs(25);
const _: () = assert!(CHANGE_WAIT.as_secs() < REQUEST_TIMEOUT.as_secs());

/// Answers a request not done within [`REQUEST_TIMEOUT`] (the tests'
/// [`WebConfig::request_timeout`](crate::WebConfig::request_timeout)) with 408 and its page. Inside
/// [`localize_errors`], which says it in the language of the page asked
/// for (or as JSON under `/api/`), and inside the layer that adds the
/// security headers, so that it is the site's page as any other 4xx is;
/// the bare 408 of a timeout layer outside them had no page.
pub(crate) async fn time_limit(
    State(app): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let within = app.config().request_timeout;
    match tokio::time::timeout(within, next.run(request)).await {
        Ok(response) => response,
        Err(_) => error::Unlocalized::TimedOut.response(Lang::En, false),
    }
}

/// Says an error again in the language of the page asked for (its path's
/// `/fa/`, or a `lang=` in its query; the editor's chosen language on the
/// editorial pages, [`admin::visitor_lang`]), or as JSON under `/api/`, where the
/// handler's `?` turned it into a response without knowing either (see
/// [`error::Unlocalized`]): a Dari reader whose page needs the database
/// while it is away reads why in Dari, a program gets JSON.
pub(crate) async fn localize_errors(
    State(app): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let uri = request.uri().clone();
    let readable = matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    );
    let accepted = request.headers().get(header::ACCEPT_LANGUAGE).cloned();
    // The editorial pages' addresses name no language: theirs is the one
    // the editor chose (`lang=`, else the cookie the language links set,
    // else the browser's), as every page around the error is said in
    // (until 8 December an error there was said in English).
    let first = uri.path().split('/').nth(1).unwrap_or("");
    let editors_lang =
        (first == "admin").then(|| admin::visitor_lang(uri.query(), request.headers()));
    let response = next.run(request).await;
    let api = is_api(uri.path());
    // Only what is not found pays for the look at its language.
    if response.status() == StatusCode::NOT_FOUND && readable {
        if let Some(to) = lang_tag_moved(&uri) {
            if let Ok(location) = HeaderValue::from_str(&to) {
                return (
                    StatusCode::PERMANENT_REDIRECT,
                    [(header::LOCATION, location)],
                )
                    .into_response();
            }
        }
        // An address that names no language of the site (`/slug`, typed
        // or from an old link) is not found in the one the browser
        // prefers, not in English whatever it reads. The editors' pages
        // say theirs in the language the editor chose (see `admin::Ctx`).
        if first.parse::<Lang>().is_err() && first != "admin" && !api {
            let lang = preferred_lang(accepted.as_ref()).unwrap_or(Lang::En);
            return varies_by_language(without_language(&app.site(), uri.path(), lang));
        }
    }
    // axum answers a method a route does not take with an empty 405: say
    // it in words (or JSON), keeping its `Allow`. The API's names the
    // preflight too, which [`api_for_any_origin`] answers before the
    // router sees it.
    // The API's words follow its one rule ([`api::said_in`]): `lang=`'s,
    // else `Accept-Language`'s (until 7 December `lang=`'s or English).
    let api_said = || api::said_in(query_lang(uri.query()), preferred_lang(accepted.as_ref()));
    if response.status() == StatusCode::METHOD_NOT_ALLOWED
        && !response.headers().contains_key(header::CONTENT_TYPE)
    {
        let mut said = if api {
            let mut said = error::Unlocalized::MethodNotAllowed.response(api_said(), true);
            said.headers_mut()
                .append(header::VARY, HeaderValue::from_static("Accept-Language"));
            said
        } else {
            let lang = editors_lang.unwrap_or_else(|| request_lang(&uri));
            error::Unlocalized::MethodNotAllowed.response(lang, false)
        };
        let allow = if api {
            Some(HeaderValue::from_static(API_METHODS))
        } else {
            response.headers().get(header::ALLOW).cloned()
        };
        if let Some(allow) = allow {
            said.headers_mut().insert(header::ALLOW, allow);
        }
        return said;
    }
    let Some(kind) = response.extensions().get::<error::Unlocalized>().copied() else {
        return response;
    };
    if api {
        let mut said = kind.response(api_said(), true);
        said.headers_mut()
            .append(header::VARY, HeaderValue::from_static("Accept-Language"));
        return said;
    }
    let lang = editors_lang.unwrap_or_else(|| request_lang(&uri));
    if lang == Lang::En {
        return response;
    }
    kind.response(lang, false)
}

/// The site's own address of a path whose language is written as another
/// tag for it ([`Lang::from_tag`]): `/fa-AF/x?q=1` is `/fa/x?q=1`, `/ps_AF`
/// is `/ps/`, `/FA/x` is `/fa/x` (a browser's or a link's `fa-AF`, typed
/// into the address). The rest of the path and the query are kept as they
/// came; `None` for the site's own codes and for what names no language.
pub(crate) fn lang_tag_moved(uri: &Uri) -> Option<String> {
    let path = uri.path().strip_prefix('/')?;
    let (first, rest) = path.split_at(path.find('/').unwrap_or(path.len()));
    let lang = Lang::from_tag(first)?;
    if first == lang.code() {
        return None;
    }
    let rest = if rest.is_empty() { "/" } else { rest };
    Some(with_query(&format!("/{lang}{rest}"), uri))
}

/// `path` with the request's query, if it had one: where an address is
/// sent on to its one form, what was asked of it goes along.
pub(crate) fn with_query(path: &str, uri: &Uri) -> String {
    match uri.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.to_string(),
    }
}

/// The JSON API is public and carries no cookie's authority: any site may
/// read it from a browser (a reuser's page, the static mirror's Ask box),
/// as `Access-Control-Allow-Origin: *` says. Only reads are offered, and a
/// preflight is answered for them (204, the methods, the request headers a
/// reader's conditional `GET` sends).
///
/// The outermost layer but the trace, so that whatever answers under
/// `/api/` carries the header and is JSON, even what the router never
/// made: a handler's panic ([`error::api_error`]).
pub(crate) async fn api_for_any_origin(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if !is_api(request.uri().path()) {
        return next.run(request).await;
    }
    let mut response = if request.method() == axum::http::Method::OPTIONS {
        let mut preflight = StatusCode::NO_CONTENT.into_response();
        let h = preflight.headers_mut();
        h.insert(header::ALLOW, HeaderValue::from_static(API_METHODS));
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(API_METHODS),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(
                "Accept, Accept-Language, Content-Language, If-None-Match, If-Modified-Since",
            ),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("86400"),
        );
        add_security_headers(h);
        preflight
    } else {
        let said = api::said_in(
            query_lang(request.uri().query()),
            accepted_lang(request.headers()),
        );
        error::api_error(next.run(request).await, said)
    };
    let h = response.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    // What a reuser's script may read beyond the safelisted headers: the
    // validator for its next request, how long to wait after a 429 or 503.
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("ETag, Retry-After, Allow"),
    );
    response
}

/// Whether `path` is the API's: `/api` and all under it, which are
/// answered in its one JSON shape (a 404 too, naming the list of
/// articles), whatever asked; `/apis` is a page's address.
fn is_api(path: &str) -> bool {
    path.strip_prefix("/api")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// What the API answers, `Allow` and a preflight's `Access-Control-Allow-Methods`.
const API_METHODS: &str = "GET, HEAD, OPTIONS";

/// A request whose line and headers together exceed this gets 414 (its
/// address alone) or 431, with words (JSON under `/api/`). The server reads
/// heads of up to four times as much, so that a reader or a program learns
/// why; past that it closes with a bare 431.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;

/// About how many bytes the request's line and headers took.
pub(crate) fn head_len<B>(request: &axum::http::Request<B>) -> usize {
    let uri = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    let headers: usize = request
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    uri + headers
}

/// Refuses an oversized request head with a message rather than the bare
/// status the HTTP library would give it.
pub(crate) async fn refuse_large_heads(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if head_len(&request) <= MAX_HEAD_BYTES {
        return next.run(request).await;
    }
    let uri = request.uri();
    let uri_len = uri.path_and_query().map_or(0, |p| p.as_str().len());
    let (status, key) = if uri_len > MAX_HEAD_BYTES {
        (StatusCode::URI_TOO_LONG, "request-address-too-long")
    } else {
        (
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "request-headers-too-large",
        )
    };
    let lang = path_lang(uri);
    let message = i18n::text(lang, key, &[]);
    if is_api(uri.path()) {
        AppError::api_refused(status, message).into_response()
    } else {
        AppError::rejected(lang, status, message).into_response()
    }
}

//! Every error a request can meet, mapped to a response in one place.
//!
//! Readers get an HTML page in their language; programs calling `/api/` get
//! `{"errors": [{"detail": "..."}]}`. Our own failures are logged with their
//! cause and shown as a generic 500, never with internals.

use askaf_content::Lang;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::i18n;
use crate::views;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound { lang: Lang, api: bool },
    /// Not found, with what the reader should know (there are only 3 pages).
    /// `html`, when given, is `message` as the page shows it (its English
    /// words marked so in Dari and Pashto).
    #[error("{message}")]
    NotFoundBecause {
        lang: Lang,
        message: String,
        html: Option<String>,
    },
    /// An article (or a topic) not in `lang` but in others: (language,
    /// title, path) of each; `said` is the message's key, which names
    /// which of the two it is.
    #[error("not found in this language")]
    NotFoundElsewhere {
        lang: Lang,
        elsewhere: Vec<(Lang, String, String)>,
        said: &'static str,
    },
    /// `html`, when given, is `message` as the error page shows it (what
    /// was typed in a `<bdi>`); `message` is its plain text.
    #[error("{message}")]
    BadRequest {
        lang: Lang,
        api: bool,
        message: String,
        html: Option<String>,
    },
    /// A request refused with a status of its own (413, 415, ...).
    /// `html`, when given, is `message` as the page shows it.
    #[error("{message}")]
    Refused {
        lang: Lang,
        api: bool,
        status: StatusCode,
        message: String,
        html: Option<String>,
    },
    /// A form without a valid CSRF token, a banned sender, a role that may not.
    #[error("{message}")]
    Forbidden { lang: Lang, message: String },
    #[error("too many requests")]
    TooManyRequests {
        lang: Lang,
        api: bool,
        retry_after: u64,
    },
    /// An editorial page without a login: GET goes to the login page, other
    /// methods get 401, its page in `lang` (the visitor's, see `admin::Ctx`).
    #[error("login required")]
    LoginRequired { lang: Lang, next: Option<String> },
    /// The database cannot be reached now (see
    /// [`askaf_store::Error::is_unavailable`]): 503, to be asked again.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// A change the store refused as the request's mistake (see
    /// `refused_by_store`), said in the language of the page asked for
    /// once the response is made (`Unlocalized`); `cause` is the store's
    /// own words, for the log.
    #[error("refused: {cause}")]
    RefusedByStore { kind: Unlocalized, cause: String },
    #[error("internal error: {0}")]
    Internal(String),
}

/// The store's refusals that are the request's mistake, not ours: a 4xx
/// said in the reader's words, not a 500. The one place that maps them,
/// whether the error comes straight from the store or through the site's
/// pipeline ([`askaf_site::Error::Store`]).
fn refused_by_store(e: &askaf_store::Error) -> Option<Unlocalized> {
    match e {
        askaf_store::Error::NotARevisionOf { .. } => Some(Unlocalized::NotARevision),
        _ => None,
    }
}

impl AppError {
    pub fn not_found(lang: Lang) -> AppError {
        AppError::NotFound { lang, api: false }
    }
    pub fn not_found_because(lang: Lang, message: impl Into<String>) -> AppError {
        AppError::NotFoundBecause {
            lang,
            message: message.into(),
            html: None,
        }
    }
    /// A 404 whose page shows `html`, said in plain text by `message`.
    pub fn not_found_because_html(lang: Lang, message: String, html: String) -> AppError {
        AppError::NotFoundBecause {
            lang,
            message,
            html: Some(html),
        }
    }
    /// The API's 404, said in `lang`: the addresses the API has.
    pub fn api_not_found(lang: Lang) -> AppError {
        AppError::NotFound { lang, api: true }
    }
    pub fn bad_request(lang: Lang, message: impl Into<String>) -> AppError {
        AppError::BadRequest {
            lang,
            api: false,
            message: message.into(),
            html: None,
        }
    }
    /// A 400 whose page shows `html` (escaped but for what was typed, in a
    /// `<bdi>`), said in plain text by `message`.
    pub fn bad_request_html(lang: Lang, message: String, html: String) -> AppError {
        AppError::BadRequest {
            lang,
            api: false,
            message,
            html: Some(html),
        }
    }
    pub fn api_bad_request(message: impl Into<String>) -> AppError {
        AppError::BadRequest {
            lang: Lang::En,
            api: true,
            message: message.into(),
            html: None,
        }
    }
}

impl AppError {
    /// A form or query axum could not read: its own status (400, 413, 415) and words.
    pub fn rejected(lang: Lang, status: StatusCode, message: impl Into<String>) -> AppError {
        AppError::Refused {
            lang,
            api: false,
            status,
            message: message.into(),
            html: None,
        }
    }

    /// [`AppError::rejected`] whose page shows `html` (escaped but for its
    /// marks), said in plain text by `message`.
    pub fn rejected_html(
        lang: Lang,
        status: StatusCode,
        message: String,
        html: String,
    ) -> AppError {
        AppError::Refused {
            lang,
            api: false,
            status,
            message,
            html: Some(html),
        }
    }

    /// [`AppError::rejected`] for a program calling `/api/`.
    pub fn api_refused(status: StatusCode, message: impl Into<String>) -> AppError {
        AppError::Refused {
            lang: Lang::En,
            api: true,
            status,
            message: message.into(),
            html: None,
        }
    }

    pub fn forbidden(lang: Lang, message: impl Into<String>) -> AppError {
        AppError::Forbidden {
            lang,
            message: message.into(),
        }
    }
}

impl From<askaf_store::Error> for AppError {
    fn from(e: askaf_store::Error) -> Self {
        if let Some(kind) = refused_by_store(&e) {
            return AppError::RefusedByStore {
                kind,
                cause: e.to_string(),
            };
        }
        if e.is_unavailable() {
            AppError::Unavailable(e.to_string())
        } else {
            AppError::Internal(e.to_string())
        }
    }
}

impl From<askaf_site::Error> for AppError {
    /// Said with what the site was doing ([`askaf_site::Error::Store`]).
    fn from(e: askaf_site::Error) -> Self {
        if let askaf_site::Error::Store { source, .. } = &e {
            if let Some(kind) = refused_by_store(source) {
                return AppError::RefusedByStore {
                    kind,
                    cause: e.to_string(),
                };
            }
        }
        if e.is_unavailable() {
            AppError::Unavailable(e.to_string())
        } else {
            AppError::Internal(e.to_string())
        }
    }
}

/// How long a client is asked to wait while the database is unavailable.
pub(crate) const UNAVAILABLE_RETRY_SECONDS: u32 = 10;

impl From<minijinja::Error> for AppError {
    fn from(e: minijinja::Error) -> Self {
        AppError::Internal(format!("template: {e:#}"))
    }
}

/// The API's 404 in `lang`, from its router or from outside it (`/api/`):
/// the addresses it has, which a reuser who guessed one needs (the
/// addresses themselves the same in every language).
pub fn api_not_found_text(lang: Lang) -> String {
    i18n::text(
        lang,
        "api-not-found",
        &[
            ("list", "GET /api/v1/articles".into()),
            ("en", "?lang=en".into()),
            ("fa", "?lang=fa".into()),
            ("ps", "?lang=ps".into()),
            ("article", "GET /api/v1/articles/{lang}/{slug}".into()),
            ("field", "api_url".into()),
            ("ask", "GET /api/v1/ask?q=…&lang=…".into()),
        ],
    )
}

/// An error under `/api/` that is not JSON, because a layer outside the
/// router made it (a timeout, a caught panic), said again in the API's one
/// shape, keeping the headers that tell a program what to do next. `lang`
/// is the language the request's refusals are said in
/// ([`crate::api::said_in`]).
pub fn api_error(response: Response, lang: Lang) -> Response {
    let status = response.status();
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || json {
        return response;
    }
    let mut said = match response.extensions().get::<Unlocalized>() {
        Some(kind) => kind.response(lang, true),
        None if status == StatusCode::NOT_FOUND => json_error(status, &api_not_found_text(lang)),
        None => {
            // Waiting helps a timeout or an error of ours, not a wrong address.
            let again = status.is_server_error()
                || matches!(
                    status,
                    StatusCode::REQUEST_TIMEOUT | StatusCode::TOO_MANY_REQUESTS
                );
            json_error(
                status,
                &format!(
                    "{} {}. {}GET /api/v1/articles lists every article with its address.",
                    status.as_u16(),
                    status.canonical_reason().unwrap_or("Error"),
                    if again { "Try again; " } else { "" }
                ),
            )
        }
    };
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = response.headers().get(&name) {
            said.headers_mut().insert(name, value.clone());
        }
    }
    crate::add_security_headers(said.headers_mut());
    said
}

fn json_error(status: StatusCode, detail: &str) -> Response {
    let body = serde_json::json!({ "errors": [{ "detail": detail }] });
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(body),
    )
        .into_response()
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::NotFound { api: true, lang } => {
                json_error(StatusCode::NOT_FOUND, &api_not_found_text(lang))
            }
            AppError::BadRequest {
                api: true, message, ..
            } => json_error(StatusCode::BAD_REQUEST, &message),
            AppError::Refused {
                api: true,
                status,
                message,
                ..
            } => json_error(status, &message),
            AppError::NotFound { lang, .. } => {
                let heading = i18n::text(lang, "not-found-title", &[]);
                let message = i18n::text(lang, "not-found-body", &[]);
                views::error_page(StatusCode::NOT_FOUND, lang, &heading, &message)
            }
            AppError::NotFoundBecause {
                lang,
                message,
                html,
            } => {
                let heading = i18n::text(lang, "not-found-title", &[]);
                match html {
                    Some(html) => views::error_page_html(
                        StatusCode::NOT_FOUND,
                        lang,
                        &heading,
                        &message,
                        &html,
                    ),
                    None => views::error_page(StatusCode::NOT_FOUND, lang, &heading, &message),
                }
            }
            AppError::NotFoundElsewhere {
                lang,
                elsewhere,
                said,
            } => {
                let heading = i18n::text(lang, "not-found-title", &[]);
                let message = i18n::text(lang, said, &[]);
                let what = if said == "not-found-topic-elsewhere" {
                    views::Untranslated::Topic
                } else {
                    views::Untranslated::Article
                };
                views::error_page_with_links(
                    StatusCode::NOT_FOUND,
                    lang,
                    &heading,
                    &message,
                    (&elsewhere, what),
                )
            }
            AppError::BadRequest {
                lang,
                message,
                html: Some(html),
                ..
            } => {
                let heading = i18n::text(lang, "bad-request-title", &[]);
                views::error_page_html(StatusCode::BAD_REQUEST, lang, &heading, &message, &html)
            }
            AppError::BadRequest { lang, message, .. } => {
                let heading = i18n::text(lang, "bad-request-title", &[]);
                views::error_page(StatusCode::BAD_REQUEST, lang, &heading, &message)
            }
            AppError::Refused {
                lang,
                status,
                message,
                html,
                ..
            } => {
                // Not the reader's mistake when it was done already (a
                // second vote on one answer).
                let heading = match status {
                    StatusCode::CONFLICT => "already-done-title",
                    StatusCode::PAYLOAD_TOO_LARGE => "too-large-title",
                    _ => "bad-request-title",
                };
                let heading = i18n::text(lang, heading, &[]);
                match html {
                    Some(html) => views::error_page_html(status, lang, &heading, &message, &html),
                    None => views::error_page(status, lang, &heading, &message),
                }
            }
            AppError::Forbidden { lang, message } => {
                let heading = i18n::text(lang, "forbidden-title", &[]);
                views::error_page(StatusCode::FORBIDDEN, lang, &heading, &message)
            }
            AppError::TooManyRequests {
                lang,
                api,
                retry_after,
            } => {
                let message = i18n::text(
                    lang,
                    "too-many-requests-body",
                    &[("seconds", i18n::number(lang, retry_after))],
                );
                let mut response = if api {
                    json_error(StatusCode::TOO_MANY_REQUESTS, &message)
                } else {
                    let heading = i18n::text(lang, "too-many-requests-title", &[]);
                    views::error_page(StatusCode::TOO_MANY_REQUESTS, lang, &heading, &message)
                };
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, retry_after.into());
                response
            }
            AppError::LoginRequired {
                next: Some(next), ..
            } => {
                let to = format!("/admin/login?next={}", crate::markup::url_encode(&next));
                (
                    StatusCode::SEE_OTHER,
                    [
                        (header::LOCATION, to),
                        (header::CACHE_CONTROL, "no-store".to_string()),
                    ],
                )
                    .into_response()
            }
            AppError::LoginRequired { lang, next: None } => {
                // The sign-in page's address, which stays English in Dari
                // and Pashto, marked so.
                use crate::admin::reasons::{english_html, placeholder, with_values};
                let key = "admin-error-login-required";
                let login = "/admin/login";
                let said = |login: String| i18n::text(lang, key, &[("login", login.into())]);
                let html = crate::markup::escape(&said(placeholder(0)));
                views::error_page_html(
                    StatusCode::UNAUTHORIZED,
                    lang,
                    &i18n::text(lang, "admin-title-login-required", &[]),
                    &said(login.to_string()),
                    &with_values(&html, &[english_html(login)]),
                )
            }
            AppError::Unavailable(cause) => {
                tracing::warn!(%cause, "request needs the database, which is unavailable");
                Unlocalized::Unavailable.response(Lang::En, false)
            }
            AppError::RefusedByStore { kind, cause } => {
                tracing::info!(%cause, "request refused by the store");
                kind.response(Lang::En, false)
            }
            AppError::Internal(cause) => {
                tracing::error!(%cause, "request failed");
                Unlocalized::Internal.response(Lang::En, false)
            }
        }
    }
}

/// An error met where the request's language is not known (a store error
/// turned into an [`AppError`] by `?`): its response carries this mark, and
/// [`crate::localize_errors`] says it again in the language of the page
/// asked for, or as JSON under `/api/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlocalized {
    /// 503: the database is not answering.
    Unavailable,
    /// 500: our own failure, already logged.
    Internal,
    /// 405: the address exists but not for this method (a POST to a page,
    /// a GET of a form's target); axum's own answer has no body.
    MethodNotAllowed,
    /// 408: the request took longer than the server waits
    /// ([`crate::REQUEST_TIMEOUT`]): a slow client's body, or a page whose
    /// work did not end in time.
    TimedOut,
    /// 400: a restore named a revision of another article
    /// ([`askaf_store::Error::NotARevisionOf`]).
    NotARevision,
}

impl Unlocalized {
    /// The response in `lang`, or for a program (`api`), marked with `self`.
    pub fn response(self, lang: Lang, api: bool) -> Response {
        let (status, title, body) = match self {
            Unlocalized::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable-title",
                "unavailable-body",
            ),
            Unlocalized::Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "error-title",
                "error-body",
            ),
            Unlocalized::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method-title",
                "method-body",
            ),
            Unlocalized::TimedOut => (StatusCode::REQUEST_TIMEOUT, "timeout-title", "timeout-body"),
            Unlocalized::NotARevision => (
                StatusCode::BAD_REQUEST,
                "bad-request-title",
                "not-a-revision-body",
            ),
        };
        let message = match self {
            // A program is not on a page: it needs the methods, which the
            // Allow header gives.
            Unlocalized::MethodNotAllowed if api => {
                i18n::text(lang, "api-method-refused", &[("allow", "Allow".into())])
            }
            _ => i18n::text(lang, body, &[]),
        };
        let mut response = if api {
            json_error(status, &message)
        } else {
            views::error_page(status, lang, &i18n::text(lang, title, &[]), &message)
        };
        if self == Unlocalized::Unavailable {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, UNAVAILABLE_RETRY_SECONDS.into());
        }
        response.extensions_mut().insert(self);
        response
    }
}

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
    #[error("{message}")]
    BadRequest {
        lang: Lang,
        api: bool,
        message: String,
    },
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn not_found(lang: Lang) -> AppError {
        AppError::NotFound { lang, api: false }
    }
    pub fn api_not_found() -> AppError {
        AppError::NotFound {
            lang: Lang::En,
            api: true,
        }
    }
    pub fn bad_request(lang: Lang, message: impl Into<String>) -> AppError {
        AppError::BadRequest {
            lang,
            api: false,
            message: message.into(),
        }
    }
    pub fn api_bad_request(message: impl Into<String>) -> AppError {
        AppError::BadRequest {
            lang: Lang::En,
            api: true,
            message: message.into(),
        }
    }
}

impl From<askaf_store::Error> for AppError {
    fn from(e: askaf_store::Error) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<minijinja::Error> for AppError {
    fn from(e: minijinja::Error) -> Self {
        AppError::Internal(format!("template: {e:#}"))
    }
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
            AppError::NotFound { api: true, .. } => json_error(
                StatusCode::NOT_FOUND,
                "No such resource. GET /api/v1/articles lists every article with its address.",
            ),
            AppError::BadRequest {
                api: true, message, ..
            } => json_error(StatusCode::BAD_REQUEST, &message),
            AppError::NotFound { lang, .. } => {
                let heading = i18n::text(lang, "not-found-title", &[]);
                let message = i18n::text(lang, "not-found-body", &[]);
                views::error_page(StatusCode::NOT_FOUND, lang, &heading, &message)
            }
            AppError::BadRequest { lang, message, .. } => {
                let heading = i18n::text(lang, "bad-request-title", &[]);
                views::error_page(StatusCode::BAD_REQUEST, lang, &heading, &message)
            }
            AppError::Internal(cause) => {
                tracing::error!(%cause, "request failed");
                let lang = Lang::En;
                let heading = i18n::text(lang, "error-title", &[]);
                let message = i18n::text(lang, "error-body", &[]);
                views::error_page(StatusCode::INTERNAL_SERVER_ERROR, lang, &heading, &message)
            }
        }
    }
}

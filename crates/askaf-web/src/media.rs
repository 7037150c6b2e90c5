//! `GET /media/{file}`: uploaded images and their smaller copies.
//!
//! The original comes from the store; a copy is made from it the first
//! time it is asked for and kept under `DATA/media` (made again if that
//! file is lost: the store is the record). Whether the store keeps the
//! upload is settled first, for every address: a copy of an upload it no
//! longer keeps (deleted, here or on another node, or a file left from
//! before) is a 404, and its files are removed then. The store is asked
//! that once per upload: the site remembers the uploads found kept until
//! one is deleted ([`askaf_site::Served::upload_kept`]). When the store
//! cannot be asked (the database away), a copy made before is served
//! from the folder all the same; only the store saying the upload is gone
//! makes a 404. A file's name changes with its bytes, so each is cached
//! for a year, as immutable.

use askaf_content::media::MediaName;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::{AppError, AppState};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

pub async fn serve(
    State(app): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Some(name) = MediaName::parse(&file) else {
        return Err(AppError::not_found(askaf_content::Lang::En));
    };
    match app.served().upload_kept(&name).await {
        Ok(true) => {}
        Ok(false) => {
            forget_copies(&app, &name);
            return Err(AppError::not_found(askaf_content::Lang::En));
        }
        Err(e) => return from_folder(&app, &name, &headers, e.into()).await,
    }
    if is_fresh(&headers, &name) {
        return Ok(not_modified(&name));
    }
    let bytes = match name.variant {
        None => app.store().media_bytes(&file).await?,
        Some(width) => copy(&app, &name, width).await?,
    };
    let Some(bytes) = bytes else {
        return Err(AppError::not_found(askaf_content::Lang::En));
    };
    Ok(image(&name, bytes))
}

/// `name`'s validator: its file name, which changes with its bytes.
fn etag(name: &MediaName) -> String {
    format!("\"{}\"", name.file_name())
}

/// Whether the request already holds `name` (its `If-None-Match`).
fn is_fresh(headers: &HeaderMap, name: &MediaName) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag(name).as_bytes())
}

fn not_modified(name: &MediaName) -> Response {
    (
        StatusCode::NOT_MODIFIED,
        [
            (header::ETAG, etag(name)),
            (header::CACHE_CONTROL, IMMUTABLE.into()),
        ],
    )
        .into_response()
}

fn image(name: &MediaName, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, name.format.mime().to_string()),
            (header::CACHE_CONTROL, IMMUTABLE.to_string()),
            (header::ETAG, etag(name)),
        ],
        bytes,
    )
        .into_response()
}

/// How often, at most, a store that cannot say whether it keeps an
/// upload is logged (once per request would flood the log while the
/// database is away).
const WARN_EVERY_SECONDS: u64 = 60;

/// The store could not say whether it keeps the upload `name` (`error`):
/// a copy made of it before is served from the media directory all the
/// same, as the site served it before it asked the store at all (a page's
/// image goes on showing while the database is away); only the store
/// saying it is gone makes a 404. Without such a copy (the original,
/// whose bytes are only in the store, or a copy never made), `error`.
async fn from_folder(
    app: &AppState,
    name: &MediaName,
    headers: &HeaderMap,
    error: AppError,
) -> Result<Response, AppError> {
    if app.media_store_failed(WARN_EVERY_SECONDS) {
        tracing::warn!(
            %error,
            upload = name.original().file_name(),
            "cannot ask the store whether it keeps an upload; serving the copies made before from the media directory (said once a minute at most)"
        );
    }
    let Some(path) = name
        .variant
        .and(app.media_dir())
        .map(|d| d.join(name.file_name()))
    else {
        return Err(error);
    };
    if is_fresh(headers, name) {
        return match tokio::fs::try_exists(&path).await {
            Ok(true) => Ok(not_modified(name)),
            _ => Err(error),
        };
    }
    match tokio::fs::read(&path).await {
        Ok(bytes) => Ok(image(name, bytes)),
        Err(_) => Err(error),
    }
}

/// Removes the copies of an upload the store does not keep that are left
/// in the media directory; one that cannot be removed is logged (it is
/// not served while the store can say the upload is gone).
fn forget_copies(app: &AppState, name: &MediaName) {
    if let Some(dir) = app.media_dir() {
        match askaf_site::remove_copies(dir, name) {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                upload = name.original().file_name(),
                removed = n,
                "removed the copies of an upload the store does not keep"
            ),
            Err(e) => {
                tracing::warn!(error = %e, "cannot remove the copies of an upload the store does not keep")
            }
        }
    }
}

/// The copy `width` pixels wide, from the cache directory or made now.
async fn copy(app: &AppState, name: &MediaName, width: u32) -> Result<Option<Vec<u8>>, AppError> {
    let cached = app.media_dir().map(|d| d.join(name.file_name()));
    if let Some(path) = &cached {
        if let Ok(bytes) = tokio::fs::read(path).await {
            return Ok(Some(bytes));
        }
    }
    let original = name.original();
    let Some(kept) = app.store().media_bytes(&original.file_name()).await? else {
        return Ok(None);
    };
    let made = tokio::task::spawn_blocking(move || askaf_media::resized(&kept, &original, width))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(format!("resizing {}: {e}", name.file_name())))?;
    if let Some(path) = cached {
        // Written under a temporary name and renamed: a reader never sees
        // half a file, and a failure only means making it again next time.
        let bytes = made.clone();
        let written =
            tokio::task::spawn_blocking(move || crate::cache::write_atomically(&path, &bytes))
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?;
        if let Err(e) = written {
            tracing::warn!(error = %e, "cannot keep a copy of an image in the media directory");
        }
    }
    Ok(Some(made))
}

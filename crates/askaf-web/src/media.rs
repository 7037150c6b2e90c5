//! `GET /media/{file}`: uploaded images and their smaller copies.
//!
//! The store is the record of an upload's bytes; `DATA/media` is this
//! node's cache of them. The first time an upload is asked for, its
//! original is read from the store and written there, and each copy is
//! made from that original the first time it is asked for and written
//! there too (made again if a file is lost; one that cannot be written,
//! a full disk, is logged, once a minute at most, and served all the same). After that an image
//! is served from the folder, the largest (the original) as the smallest.
//! Whether the store keeps the upload is settled first, for every
//! address: a file of an upload it no longer keeps (deleted, here or on
//! another node, or a file left from before) is a 404, and its files are
//! removed then. The store is asked that once per upload: the site
//! remembers the uploads found kept until one is deleted
//! ([`askaf_site::Served::upload_kept`]). When the store cannot be asked
//! (the database away), what the folder has of the upload is served all
//! the same; only the store saying the upload is gone makes a 404. Having
//! failed, the store is left alone for a few seconds, as Ask leaves it
//! ([`AppState::db_may_be_asked`]): a database that hangs rather than
//! refuses would make each request wait for the pool's timeout. A
//! file's name changes with its bytes, so each is cached for a year, as
//! immutable.

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
    // What the node remembers needs no store; else the store is asked,
    // unless it failed a moment ago (it may hang rather than refuse: each
    // request would wait for the pool's timeout). The files of an upload
    // not kept are removed when the store says so, not at each 404
    // remembered after that.
    let kept = match app.served().upload_remembered(&name) {
        Some(kept) => Ok(kept),
        None if !app.db_may_be_asked() => Err(resting()),
        None => match app.served().upload_kept(&name).await {
            Ok(false) => {
                forget_files(&app, &name);
                Ok(false)
            }
            Ok(true) => Ok(true),
            Err(e) => {
                app.db_failed();
                Err(AppError::from(e))
            }
        },
    };
    match kept {
        Ok(true) => {}
        Ok(false) => return Err(AppError::not_found(askaf_content::Lang::En)),
        Err(e) => return from_folder(&app, &name, &headers, e).await,
    }
    if is_fresh(&headers, &name) {
        return Ok(not_modified(&name));
    }
    match bytes(&app, &name, Ask::Store).await? {
        Some(bytes) => Ok(image(&name, bytes)),
        None => Err(AppError::not_found(askaf_content::Lang::En)),
    }
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

/// The store could not say whether it keeps the upload `name` (`error`):
/// what the media directory has of it is served all the same, as the site
/// served its copies before it asked the store at all (a page's images go
/// on showing while the database is away): the file itself, or a copy
/// made now from the original there. Only the store saying the upload is
/// gone makes a 404. Without either (an upload this node never served),
/// `error`.
async fn from_folder(
    app: &AppState,
    name: &MediaName,
    headers: &HeaderMap,
    error: AppError,
) -> Result<Response, AppError> {
    if app.media_store_failed() {
        tracing::warn!(
            %error,
            upload = name.original().file_name(),
            "cannot ask the store whether it keeps an upload; serving what the media directory has of it (said once a minute at most)"
        );
    }
    if is_fresh(headers, name) {
        return match in_folder(app, name).await {
            true => Ok(not_modified(name)),
            false => Err(error),
        };
    }
    match bytes(app, name, Ask::NotStore(error)).await? {
        Some(bytes) => Ok(image(name, bytes)),
        None => Err(AppError::not_found(askaf_content::Lang::En)),
    }
}

/// Whether the media directory has `name`, or the original it can be made
/// from.
async fn in_folder(app: &AppState, name: &MediaName) -> bool {
    let Some(dir) = app.media_dir() else {
        return false;
    };
    for file in [name.clone(), name.original()] {
        if tokio::fs::try_exists(dir.join(file.file_name()))
            .await
            .unwrap_or(false)
        {
            return true;
        }
    }
    false
}

/// Removes the files (original and copies) of an upload the store does
/// not keep that are left in the media directory; one that cannot be
/// removed is logged (it is not served while the store can say the upload
/// is gone).
fn forget_files(app: &AppState, name: &MediaName) {
    if let Some(dir) = app.media_dir() {
        match askaf_site::remove_files(dir, name) {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                upload = name.original().file_name(),
                removed = n,
                "removed the files of an upload the store does not keep"
            ),
            Err(e) => {
                tracing::warn!(error = %e, "cannot remove the files of an upload the store does not keep")
            }
        }
    }
}

/// Why the store is not asked: it failed a moment ago.
fn resting() -> AppError {
    AppError::Unavailable(
        "the database failed to answer a moment ago; it is left alone for a few seconds".into(),
    )
}

/// Whether [`bytes()`] may read an original's bytes from the store.
enum Ask {
    Store,
    /// No: it cannot be asked (this error says why), so only what the
    /// media directory has is served.
    NotStore(AppError),
}

/// The bytes of `name`: its file in the media directory; else, for a copy,
/// made from the original's file there; else made from (or, for the
/// original, being) the store's bytes of the original, when `ask` allows.
/// What is read from the store or made is written into the directory, so
/// the next request reads the file. `None` when the store keeps no such
/// upload.
async fn bytes(app: &AppState, name: &MediaName, ask: Ask) -> Result<Option<Vec<u8>>, AppError> {
    let dir = app.media_dir();
    if let Some(bytes) = read_kept(dir, name).await {
        return Ok(Some(bytes));
    }
    let original = name.original();
    let in_folder = match name.variant {
        Some(_) => read_kept(dir, &original).await,
        None => None,
    };
    let kept = match (in_folder, ask) {
        (Some(bytes), _) => bytes,
        (None, Ask::NotStore(error)) => return Err(error),
        (None, Ask::Store) if !app.db_may_be_asked() => return Err(resting()),
        (None, Ask::Store) => {
            let asked = app.store().media_bytes(&original.file_name()).await;
            let Some(bytes) = asked.inspect_err(|_| app.db_failed())? else {
                return Ok(None);
            };
            keep(app, &original, &bytes).await;
            bytes
        }
    };
    let Some(width) = name.variant else {
        return Ok(Some(kept));
    };
    let made = {
        let original = original.clone();
        tokio::task::spawn_blocking(move || askaf_media::resized(&kept, &original, width))
    }
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(|e| AppError::Internal(format!("resizing {}: {e}", name.file_name())))?;
    keep(app, name, &made).await;
    Ok(Some(made))
}

/// The file `name` in the media directory, if it is there.
async fn read_kept(dir: Option<&std::path::Path>, name: &MediaName) -> Option<Vec<u8>> {
    tokio::fs::read(dir?.join(name.file_name())).await.ok()
}

/// Writes `bytes` as the file `name` in the media directory. Under a
/// temporary name, flushed to disk and renamed: neither a reader nor a
/// power cut leaves half a file to be served as immutable. A failure
/// (a full disk, a directory that cannot be written) is logged, and only
/// means reading the store, or making the copy, again next time; it is
/// said once a minute at most, not for each request.
async fn keep(app: &AppState, name: &MediaName, bytes: &[u8]) {
    let Some(path) = app.media_dir().map(|d| d.join(name.file_name())) else {
        return;
    };
    let bytes = bytes.to_vec();
    let written =
        tokio::task::spawn_blocking(move || crate::cache::write_durably(&path, &bytes)).await;
    let error = match written {
        Ok(Ok(())) => return,
        Ok(Err(e)) => e.to_string(),
        Err(e) => e.to_string(),
    };
    if app.media_write_failed() {
        tracing::warn!(%error, file = name.file_name(), "cannot keep an image in the media directory; it is read from the store again next time (said once a minute at most)");
    }
}

//! Images uploaded from the browser (issue 12, item 5): a JPEG, PNG or WebP
//! file is checked and stripped by `askaf-media`, kept in the store, and
//! listed with the Markdown that shows it in an article. Anyone who may
//! write articles may upload.

use askaf_auth::Permission;
use askaf_content::media::MediaName;
use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use minijinja::{context, Value};

use super::{see_other, Ctx, Current, View};
use crate::{i18n, AppError, AppState};

/// The request a largest upload makes: the file and the form around it.
const MAX_UPLOAD_REQUEST: usize = askaf_media::MAX_BYTES + 64 * 1024;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route(
        "/admin/media",
        get(list)
            .post(upload)
            .layer(axum::extract::DefaultBodyLimit::max(MAX_UPLOAD_REQUEST)),
    )
}

async fn list(cx: Ctx) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::WriteArticles)).await?;
    let uploaded = cx
        .uri
        .query()
        .and_then(|q| q.strip_prefix("uploaded="))
        .and_then(MediaName::parse);
    let notice = uploaded.map(|m| {
        cx.t_with(
            "admin-notice-uploaded",
            &[(
                "markdown",
                format!("![{}]({})", cx.t("admin-media-alt-placeholder"), m.url()).into(),
            )],
        )
    });
    let mut view = page(&cx, None).await?;
    if let Some(n) = notice {
        view = view.notice(n);
    }
    cx.render(StatusCode::OK, Some(&me), view)
}

/// The media page: the upload form and the uploads, newest first.
async fn page<'a>(cx: &Ctx, problem: Option<String>) -> Result<View<'a>, AppError> {
    let items: Vec<Value> = cx
        .app
        .store()
        .media_list(200)
        .await?
        .iter()
        .filter_map(|m| {
            let name = MediaName::parse(&m.name)?;
            let preview = name.sizes()[0].url();
            Some(context! {
                url => name.url(), preview, width => name.width, height => name.height,
                by => m.uploaded_by.clone(),
                at => super::stamp(cx.lang, &m.uploaded_at), original => m.original_name.clone(),
                kb => i18n::digits(cx.lang, &m.size.div_ceil(1024).to_string()),
                size => i18n::digits(cx.lang, &format!("{} × {}", name.width, name.height)),
                markdown => format!("![]({})", name.url()),
            })
        })
        .collect();
    let view = View::new(
        "media",
        cx.t("admin-title-media"),
        context! { media => items },
    );
    Ok(match problem {
        Some(p) => view.error(p),
        None => view,
    })
}

async fn refused(
    cx: &Ctx,
    me: &Current,
    status: StatusCode,
    problem: String,
) -> Result<Response, AppError> {
    let view = page(cx, Some(problem)).await?;
    cx.render(status, Some(me), view)
}

async fn upload(
    cx: Ctx,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::WriteArticles)).await?;
    let mut multipart =
        multipart.map_err(|e| AppError::rejected(cx.lang, e.status(), e.body_text()))?;
    let (mut csrf, mut file) = (String::new(), None::<(String, Vec<u8>)>);
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                return Err(AppError::rejected(
                    cx.lang,
                    e.status(),
                    cx.t_with(
                        "admin-error-upload-unreadable",
                        &[("problem", e.body_text().into())],
                    ),
                ))
            }
        };
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().unwrap_or("").to_string();
        let bytes = field.bytes().await.map_err(|e| {
            AppError::rejected(
                cx.lang,
                e.status(),
                cx.t_with(
                    "admin-error-upload-unreadable",
                    &[("problem", e.body_text().into())],
                ),
            )
        })?;
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "file" => file = Some((file_name, bytes.to_vec())),
            _ => {}
        }
    }
    cx.csrf(&csrf)?;
    let Some((original, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return refused(
            &cx,
            &me,
            StatusCode::UNPROCESSABLE_ENTITY,
            cx.t("admin-error-upload-none"),
        )
        .await;
    };
    let kept = askaf_site::keep_image(
        cx.app.store(),
        bytes,
        &me.user.username,
        &original,
        "image uploaded",
    )
    .await?;
    let name = match kept {
        Ok(k) => k.name.file_name(),
        Err(e) => {
            let problem = cx.t_with(
                "admin-error-upload-refused",
                &[
                    ("file", original.clone().into()),
                    ("problem", media_problem(&cx, &e).into()),
                ],
            );
            return refused(&cx, &me, StatusCode::UNPROCESSABLE_ENTITY, problem).await;
        }
    };
    Ok(see_other(&format!("/admin/media?uploaded={name}")))
}

/// Why an upload was refused, in the request's language (the decoder's own
/// words, for a file that is broken inside, stay as it says them).
fn media_problem(cx: &Ctx, e: &askaf_media::MediaError) -> String {
    use askaf_media::MediaError;
    match e {
        MediaError::Empty => cx.t("admin-media-empty"),
        MediaError::TooLarge { size } => cx.t_with(
            "admin-media-too-large",
            &[
                ("size", cx.num(size)),
                ("mb", cx.num(askaf_media::MAX_BYTES / (1024 * 1024))),
            ],
        ),
        MediaError::NotAnImage => cx.t("admin-media-not-an-image"),
        MediaError::TooManyPixels { width, height } => cx.t_with(
            "admin-media-too-many-pixels",
            &[
                ("width", cx.num(width)),
                ("height", cx.num(height)),
                ("mp", cx.num(askaf_media::MAX_PIXELS / 1_000_000)),
            ],
        ),
        MediaError::Corrupt(why) => {
            cx.t_with("admin-media-corrupt", &[("problem", why.clone().into())])
        }
        MediaError::Encode(why) => {
            cx.t_with("admin-media-encode", &[("problem", why.clone().into())])
        }
    }
}

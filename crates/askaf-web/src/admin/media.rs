//! Images uploaded from the browser (issue 12, item 5): a JPEG, PNG or WebP
//! file is checked and stripped by `askaf-media`, kept in the store, and
//! listed with the Markdown that shows it in an article. Anyone who may
//! write articles may upload, and delete an upload no article shows
//! ([`askaf_site::Served::delete_image`]); one that an article shows is
//! kept, and the page names the articles, linked to their editor, and the
//! content files that show it.

use askaf_auth::Permission;
use askaf_content::media::MediaName;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Multipart, Path};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use minijinja::{context, Value};
use serde::Deserialize;

use super::reasons::{english_html, Message};
use super::{read, see_other, with_session, Again, Ctx, Current, Poster, SignIn, View};
use crate::{i18n, AppError, AppState};

/// The request a largest upload makes: the file and the form around it.
const MAX_UPLOAD_REQUEST: usize = askaf_media::MAX_BYTES + 64 * 1024;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/media",
            get(list)
                .post(upload)
                .layer(axum::extract::DefaultBodyLimit::max(MAX_UPLOAD_REQUEST)),
        )
        .route("/admin/media/{file}/delete", post(delete))
}

async fn list(cx: Ctx) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::WriteArticles)).await?;
    // `?uploaded=FILE` after an upload, `?deleted=FILE` after a deletion.
    let done = cx
        .uri
        .query()
        .and_then(|q| q.split_once('='))
        .and_then(|(what, file)| Some((what, MediaName::parse(file)?)));
    let notice = match done {
        Some(("uploaded", m)) => {
            let alt = cx.t("admin-media-alt-placeholder");
            let markdown = format!("![{alt}]({})", m.url());
            Some(cx.t_with(
                "admin-notice-uploaded",
                &[("markdown", super::ltr(&markdown))],
            ))
        }
        Some(("deleted", m)) => Some(cx.t_with(
            "admin-notice-media-deleted",
            &[("file", m.file_name().into())],
        )),
        _ => None,
    };
    let mut view = page(&cx, None, None).await?;
    if let Some(n) = notice {
        view = view.notice(n);
    }
    cx.render(StatusCode::OK, Some(&me), view)
}

/// When and by whom an image was uploaded, as HTML: the account's name as
/// typed, or the command run on the server marked as English
/// ([`super::actor_html`]; the Dari and Pashto pages showed `askaf import`
/// unmarked, for a Dari or Pashto voice to read).
fn uploaded_html(cx: &Ctx, at: &str, by: &str) -> String {
    super::reasons::Message::new("admin-media-uploaded")
        .arg("when", crate::clock::stamp(cx.lang, at).into())
        .markup("name", super::actor_html(cx, by), by)
        .html(cx.lang)
}

/// The media page: the upload form and the uploads, newest first, with
/// `problem` (an upload refused) or `in_use` (a deletion refused: why,
/// and the articles that show the upload).
async fn page<'a>(
    cx: &Ctx,
    problem: Option<Message>,
    in_use: Option<Value>,
) -> Result<View<'a>, AppError> {
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
                file => name.file_name(), url => name.url(), preview, width => name.width, height => name.height,
                uploaded => Value::from_safe_string(uploaded_html(cx, &m.uploaded_at, &m.uploaded_by)),
                original => m.original_name.clone(),
                kb => i18n::digits(cx.lang, &m.size.div_ceil(1024).to_string()),
                size => i18n::digits(cx.lang, &format!("{} × {}", name.width, name.height)),
                markdown => format!("![]({})", name.url()),
            })
        })
        .collect();
    let view = View::new(
        "media",
        cx.t("admin-title-media"),
        context! { media => items, in_use },
    );
    Ok(match problem {
        Some(p) => view.error_html(p.html(cx.lang)),
        None => view,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DeleteForm {
    csrf: String,
    #[serde(flatten)]
    login: SignIn,
}

/// `POST /admin/media/{file}/delete`: the upload, its bytes and every copy
/// made of it go, unless an article shows it; then nothing changes and
/// the page names the articles that do.
async fn delete(
    cx: Ctx,
    Path(file): Path<String>,
    form: Result<Form<DeleteForm>, FormRejection>,
) -> Result<Response, AppError> {
    let form = read(&cx, form)?;
    // The token first, then the session or a sign-in typed into the form:
    // a deletion chosen after the session lapsed comes back as a form
    // that does it.
    let poster = cx
        .poster(Permission::WriteArticles, &form.csrf, &form.login)
        .await?;
    let Poster::Signed(me, cookie) = poster else {
        let again = Again {
            what: cx.t_with("admin-again-media-delete", &[("file", file.clone().into())]),
            fields: vec![],
            password_for: None,
            button: cx.t("admin-media-delete"),
            sign_in: cx.t("admin-sign-in-media-delete"),
        };
        return cx.again_page(&poster, "media", cx.t("admin-title-media"), again);
    };
    let not_kept = || {
        AppError::not_found_because(
            cx.lang,
            cx.t_with(
                "admin-error-media-not-kept",
                &[("file", file.clone().into())],
            ),
        )
    };
    let Some(name) = MediaName::parse(&file).filter(|m| m.variant.is_none()) else {
        return Err(not_kept());
    };
    let deleting = cx.app.served().delete_image(&name, &me.user.username);
    let done = match super::applied(&cx, deleting)
        .await?
        .map_err(|message| super::not_yet(&cx, message))?
    {
        askaf_site::Deletion::Deleted { .. } => {
            tracing::info!(upload = %file, by = %me.user.username, "upload deleted");
            see_other(&format!("/admin/media?deleted={file}"))
        }
        askaf_site::Deletion::NotKept => return Err(not_kept()),
        askaf_site::Deletion::InUse {
            articles,
            files,
            catalogued,
        } => {
            let count = articles.len() + files.len() + catalogued.len();
            let articles: Vec<Value> = articles
                .iter()
                .map(|s| {
                    context! {
                        title => s.title.clone(),
                        lang => s.lang.code(),
                        dir => s.lang.dir(),
                        href => format!("/admin/articles/{}/{}/edit", s.lang, s.slug),
                    }
                })
                .collect();
            let paths = |files: &[std::path::PathBuf]| -> Vec<String> {
                files.iter().map(|f| f.display().to_string()).collect()
            };
            let (files, catalogued) = (paths(&files), paths(&catalogued));
            let problem = cx.t_with(
                "admin-error-media-in-use",
                &[
                    ("file", file.clone().into()),
                    ("count", (count as u64).into()),
                    ("n", cx.num(count)),
                ],
            );
            let in_use = context! { problem, articles, files, catalogued };
            let view = page(&cx, None, Some(in_use)).await?;
            cx.render(StatusCode::CONFLICT, Some(&me), view)?
        }
    };
    Ok(with_session(done, cookie))
}

async fn refused(
    cx: &Ctx,
    me: &Current,
    status: StatusCode,
    problem: Message,
) -> Result<Response, AppError> {
    let view = page(cx, Some(problem), None).await?;
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
            Message::new("admin-error-upload-none"),
        )
        .await;
    };
    let kept = cx
        .app
        .served()
        .keep_image(bytes, &me.user.username, &original, "image uploaded")
        .await?;
    let name = match kept {
        Ok(k) => k.name.file_name(),
        Err(e) => {
            let why = media_problem(&cx, &e);
            let problem = Message::new("admin-error-upload-refused")
                .arg("file", original.clone().into())
                .markup("problem", why.html(cx.lang), &why.text(cx.lang));
            return refused(&cx, &me, StatusCode::UNPROCESSABLE_ENTITY, problem).await;
        }
    };
    Ok(see_other(&format!("/admin/media?uploaded={name}")))
}

/// Why an upload was refused, in the request's language; the decoder's own
/// words, for a file that is broken inside, stay as it says them, marked
/// as English ([`english_html`]), as are the formats' names.
fn media_problem(cx: &Ctx, e: &askaf_media::MediaError) -> Message {
    use askaf_media::MediaError;
    match e {
        MediaError::Empty => Message::new("admin-media-empty"),
        MediaError::TooLarge { size } => Message::new("admin-media-too-large")
            .arg("size", cx.num(size))
            .arg("mb", cx.num(askaf_media::MAX_BYTES / (1024 * 1024))),
        MediaError::NotAnImage => Message::english(
            "admin-media-not-an-image",
            &[("jpeg", "JPEG"), ("png", "PNG"), ("webp", "WebP")],
        ),
        MediaError::TooManyPixels { width, height } => Message::new("admin-media-too-many-pixels")
            .arg("width", cx.num(width))
            .arg("height", cx.num(height))
            .arg("mp", cx.num(askaf_media::MAX_PIXELS / 1_000_000)),
        MediaError::Corrupt(why) => {
            Message::new("admin-media-corrupt").markup("problem", english_html(why), why)
        }
        MediaError::Encode(why) => {
            Message::new("admin-media-encode").markup("problem", english_html(why), why)
        }
    }
}

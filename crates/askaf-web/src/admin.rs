//! The editorial side: login, the moderation queue, bans, the word list,
//! the decision log and the questions readers asked.
//!
//! Every handler asks [`require`] for the permission it needs; roles are
//! checked here on the server, whatever the pages show or hide.

use askaf_auth::{Permission, Role};
use askaf_comments::{BanTarget, Patterns};
use askaf_content::Lang;
use askaf_store::{Moderation, Status, User};
use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::security::{self, Client, Seed, SESSION_COOKIE, SESSION_SECONDS};
use crate::views::{self, Head};
use crate::{AppState, HTML};

/// Who is logged in.
#[derive(Debug, Clone)]
pub struct Current {
    pub user: User,
    pub role: Role,
}

/// The logged-in account if it may do `permission`: a login redirect (or
/// 401) without a session, 403 with a role that may not.
pub async fn require(
    app: &AppState,
    headers: &HeaderMap,
    method: &Method,
    uri: &Uri,
    permission: Option<Permission>,
) -> Result<Current, AppError> {
    let login = || AppError::LoginRequired {
        next: (method == Method::GET).then(|| uri.path().to_string()),
    };
    let Some(token) = security::cookie(headers, SESSION_COOKIE) else {
        return Err(login());
    };
    let Some(session) = app.store().session(&askaf_auth::token_hash(&token)).await? else {
        return Err(login());
    };
    let role: Role = session
        .user
        .role
        .parse()
        .map_err(|e: String| AppError::Internal(format!("stored role: {e}")))?;
    if let Some(p) = permission {
        if !role.can(p) {
            return Err(AppError::forbidden(
                Lang::En,
                format!(
                    "Your account ({}) may not open this page; ask an administrator.",
                    role
                ),
            ));
        }
    }
    Ok(Current {
        user: session.user,
        role,
    })
}

#[derive(Serialize)]
struct Can {
    moderate: bool,
    spam: bool,
    editorial: bool,
    accounts: bool,
}

/// Renders an admin page: no-store, English, with the CSRF fields every form needs.
#[allow(clippy::too_many_arguments)]
fn page(
    app: &AppState,
    status: StatusCode,
    current: Option<&Current>,
    seed: &Seed,
    page: &str,
    heading: &str,
    notice: &str,
    errors: Vec<String>,
    extra: Value,
) -> Result<Response, AppError> {
    let head = Head {
        lang: Lang::En,
        title: heading.to_string(),
        description: "Editorial pages of AskAfghanistan".into(),
        canonical: format!("{}/admin", app.url()),
        alternates: vec![],
        switch: vec![],
        og_type: "website",
        jsonld: None,
        nav: "admin",
    };
    let can = current.map(|c| Can {
        moderate: c.role.can(Permission::ModerateComments),
        spam: c.role.can(Permission::ManageSpamDefences),
        editorial: c.role.can(Permission::ReadEditorialData),
        accounts: c.role.can(Permission::ManageAccounts),
    });
    let user = current
        .map(|c| context! { username => c.user.username.clone(), role => c.user.role.clone() });
    let ctx = context! {
        page => page,
        heading => heading,
        notice => notice,
        errors => errors,
        user => user,
        can => can.map(|c| Value::from_serialize(&c)),
        hidden => security::hidden_fields(app.signer(), seed, None),
        ..extra
    };
    let html = views::render_page("admin.html", &head, ctx)?;
    let mut r = (
        status,
        [
            (header::CONTENT_TYPE, HTML),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response();
    r.headers_mut().insert(
        header::HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex"),
    );
    if let Some(c) = &seed.set_cookie {
        r.headers_mut().append(header::SET_COOKIE, c.clone());
    }
    Ok(r)
}

fn see_other(to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, to.to_string()),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
    )
        .into_response()
}

/// A form with a missing or wrong CSRF token is refused before anything else happens.
fn check_csrf(app: &AppState, headers: &HeaderMap, token: &str) -> Result<(), AppError> {
    if security::csrf_ok(app.signer(), headers, token) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            Lang::En,
            "The form could not be verified (it may be from an old copy of the page, or cookies are off). Go back, reload the page and try again.",
        ))
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(dashboard))
        .route("/admin/", get(|| async { see_other("/admin") }))
        .route("/admin/login", get(login_form).post(login))
        .route("/admin/logout", post(logout))
        .route("/admin/password", get(password_form).post(change_password))
        .route("/admin/comments", get(comments))
        .route("/admin/comments/{id}", post(moderate))
        .route("/admin/comments/{id}/edit", get(edit_form).post(edit))
        .route("/admin/articles", get(articles))
        .route("/admin/articles/{lang}/{slug}", post(close_or_open))
        .route("/admin/bans", get(bans).post(add_ban))
        .route("/admin/bans/{id}/delete", post(remove_ban))
        .route("/admin/words", get(words).post(save_words))
        .route("/admin/log", get(log))
        .route("/admin/questions", get(questions))
        .route("/admin/users", get(users))
}

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Pending => "Waiting",
        Status::Approved => "Approved",
        Status::Spam => "Spam",
        Status::Deleted => "Deleted",
    }
}

async fn stats(app: &AppState) -> Result<Vec<Value>, AppError> {
    let counts = app.store().status_counts().await?;
    Ok(Status::ALL
        .iter()
        .map(|s| {
            context! {
                status => s.as_str(),
                label => status_label(*s),
                count => counts.get(s).copied().unwrap_or(0),
            }
        })
        .collect())
}

async fn dashboard(
    State(app): State<AppState>,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let me = require(&app, &headers, &method, &uri, None).await?;
    let seed = Seed::of(&headers, &client);
    let stats = stats(&app).await?;
    page(
        &app,
        StatusCode::OK,
        Some(&me),
        &seed,
        "dashboard",
        "Editorial",
        "",
        vec![],
        context! { stats => stats },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NextQuery {
    next: String,
}

/// Only editorial pages of this site, so the login form cannot be used to bounce elsewhere.
fn safe_next(next: &str) -> String {
    if next.starts_with("/admin") && !next.starts_with("//") && !next.contains("\\") {
        next.to_string()
    } else {
        "/admin".to_string()
    }
}

async fn login_form(
    State(app): State<AppState>,
    client: Client,
    headers: HeaderMap,
    query: Result<Query<NextQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let next = query.ok().map(|q| q.0.next).unwrap_or_default();
    let seed = Seed::of(&headers, &client);
    page(
        &app,
        StatusCode::OK,
        None,
        &seed,
        "login",
        "Log in",
        "",
        vec![],
        context! { next => safe_next(&next), username => "" },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginForm {
    username: String,
    password: String,
    next: String,
    csrf: String,
}

async fn login(
    State(app): State<AppState>,
    client: Client,
    headers: HeaderMap,
    form: Result<Form<LoginForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form.map_err(|e| AppError::rejected(Lang::En, e.status(), e.body_text()))?;
    check_csrf(&app, &headers, &form.csrf)?;
    let seed = Seed::of(&headers, &client);
    let name = form.username.trim().to_lowercase();
    let ip = askaf_auth::rate_key(client.ip).to_string();
    let throttle = &app.config().login;
    let (by_user, by_ip, oldest) = app
        .store()
        .login_failures(&name, &ip, throttle.window_seconds as i64)
        .await?;
    let retry = |wait: u64| {
        page(
            &app,
            StatusCode::TOO_MANY_REQUESTS,
            None,
            &seed,
            "login",
            "Log in",
            "",
            vec![format!(
                "Too many failed logins. Try again in {} minutes.",
                wait.div_ceil(60).max(1)
            )],
            context! { next => safe_next(&form.next), username => name.clone() },
        )
        .map(|mut r| {
            r.headers_mut().insert(header::RETRY_AFTER, wait.into());
            r
        })
    };
    if let Err(wait) = throttle.check(by_user, by_ip, oldest) {
        return retry(wait);
    }
    let account = app.store().user_for_login(&name).await?;
    let password = form.password.clone();
    let hash = account
        .as_ref()
        .map(|(_, h)| h.clone())
        .unwrap_or_else(|| askaf_auth::dummy_hash().to_string());
    // argon2 takes tens of milliseconds: off the async threads.
    let ok = tokio::task::spawn_blocking(move || askaf_auth::verify_password(&hash, &password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let Some((user, _)) = account.filter(|_| ok) else {
        app.store().record_login_failure(&name, &ip).await?;
        tracing::warn!(username = %name, %ip, "failed login");
        return page(
            &app,
            StatusCode::UNAUTHORIZED,
            None,
            &seed,
            "login",
            "Log in",
            "",
            vec!["The username or password is not right.".into()],
            context! { next => safe_next(&form.next), username => name },
        );
    };
    app.store().clear_login_failures(&name).await?;
    let token = askaf_auth::new_token();
    app.store()
        .create_session(user.id, &askaf_auth::token_hash(&token), SESSION_SECONDS)
        .await?;
    tracing::info!(username = %user.username, "logged in");
    let mut r = see_other(&safe_next(&form.next));
    r.headers_mut().append(
        header::SET_COOKIE,
        security::set_cookie(
            SESSION_COOKIE,
            &token,
            Some(SESSION_SECONDS),
            "Strict",
            client.https,
        ),
    );
    Ok(r)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CsrfOnly {
    csrf: String,
}

async fn logout(
    State(app): State<AppState>,
    client: Client,
    headers: HeaderMap,
    form: Result<Form<CsrfOnly>, axum::extract::rejection::FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form.map_err(|e| AppError::rejected(Lang::En, e.status(), e.body_text()))?;
    check_csrf(&app, &headers, &form.csrf)?;
    if let Some(token) = security::cookie(&headers, SESSION_COOKIE) {
        app.store()
            .delete_session(&askaf_auth::token_hash(&token))
            .await?;
    }
    let mut r = see_other("/admin/login");
    r.headers_mut().append(
        header::SET_COOKIE,
        security::set_cookie(SESSION_COOKIE, "", Some(0), "Strict", client.https),
    );
    Ok(r)
}

async fn password_form(
    State(app): State<AppState>,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let me = require(&app, &headers, &method, &uri, None).await?;
    let seed = Seed::of(&headers, &client);
    page(
        &app,
        StatusCode::OK,
        Some(&me),
        &seed,
        "password",
        "Change your password",
        "",
        vec![],
        context! {},
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PasswordForm {
    current: String,
    new: String,
    confirm: String,
    csrf: String,
}

async fn change_password(
    State(app): State<AppState>,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    form: Result<Form<PasswordForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, AppError> {
    let me = require(&app, &headers, &method, &uri, None).await?;
    let Form(form) = form.map_err(|e| AppError::rejected(Lang::En, e.status(), e.body_text()))?;
    check_csrf(&app, &headers, &form.csrf)?;
    let seed = Seed::of(&headers, &client);
    let fail = |msg: String| {
        page(
            &app,
            StatusCode::BAD_REQUEST,
            Some(&me),
            &seed,
            "password",
            "Change your password",
            "",
            vec![msg],
            context! {},
        )
    };
    if form.new != form.confirm {
        return fail("The two new passwords differ.".into());
    }
    if let Err(e) = askaf_auth::check_password_policy(&form.new) {
        return fail(format!("{e}."));
    }
    let Some((_, hash)) = app.store().user_for_login(&me.user.username).await? else {
        return Err(AppError::LoginRequired { next: None });
    };
    let (current, new) = (form.current.clone(), form.new.clone());
    let hashed = tokio::task::spawn_blocking(move || {
        if askaf_auth::verify_password(&hash, &current) {
            askaf_auth::hash_password(&new).map(Some)
        } else {
            Ok(None)
        }
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let Some(hashed) = hashed else {
        return fail("The current password is not right.".into());
    };
    // Ends every session of the account, this one too; a fresh one follows.
    app.store().set_password(&me.user.username, &hashed).await?;
    let token = askaf_auth::new_token();
    app.store()
        .create_session(me.user.id, &askaf_auth::token_hash(&token), SESSION_SECONDS)
        .await?;
    let mut r = page(
        &app,
        StatusCode::OK,
        Some(&me),
        &seed,
        "password",
        "Change your password",
        "Your password was changed. Other sessions of your account were logged out.",
        vec![],
        context! {},
    )?;
    r.headers_mut().append(
        header::SET_COOKIE,
        security::set_cookie(
            SESSION_COOKIE,
            &token,
            Some(SESSION_SECONDS),
            "Strict",
            client.https,
        ),
    );
    Ok(r)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StatusQuery {
    status: String,
    notice: String,
}

fn notice_text(code: &str) -> &'static str {
    match code {
        "approved" => "Approved: the comment is on the article now.",
        "marked-spam" => "Marked as spam.",
        "deleted" => "Deleted.",
        "requeued" => "Back in the queue.",
        "edited" => "Saved.",
        "closed" => "Comments closed.",
        "opened" => "Comments opened.",
        "banned" => "Banned.",
        "unbanned" => "Ban lifted.",
        "words" => "The word list was saved.",
        _ => "",
    }
}

fn article_title(app: &AppState, lang: Lang, slug: &str) -> String {
    app.site()
        .get(lang, slug)
        .map(|a| a.front.title.clone())
        .unwrap_or_else(|| format!("{lang}/{slug}"))
}

async fn comments(
    State(app): State<AppState>,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    query: Result<Query<StatusQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let me = require(
        &app,
        &headers,
        &method,
        &uri,
        Some(Permission::ModerateComments),
    )
    .await?;
    let q = query.ok().map(|q| q.0).unwrap_or_default();
    let status = if q.status.is_empty() {
        Status::Pending
    } else {
        Status::parse(&q.status).ok_or_else(|| {
            AppError::bad_request(
                Lang::En,
                "status must be pending, approved, spam or deleted",
            )
        })?
    };
    let list = app.store().comments_with_status(status, 200).await?;
    let items: Vec<Value> = list
        .iter()
        .map(|c| {
            context! {
                id => c.id,
                name => c.author_name.clone(),
                email => c.author_email.clone(),
                ip => c.author_ip.clone(),
                created_at => c.created_at.clone(),
                lang => c.lang.code(),
                article_url => format!("/{}/{}", c.lang, c.slug),
                article_title => article_title(&app, c.lang, &c.slug),
                parent_id => c.parent_id,
                held_detail => c.held_detail.clone(),
                html => c.body_html.clone(),
                status => c.status.as_str(),
            }
        })
        .collect();
    let seed = Seed::of(&headers, &client);
    let stats = stats(&app).await?;
    page(
        &app,
        StatusCode::OK,
        Some(&me),
        &seed,
        "comments",
        &format!("Comments: {}", status_label(status)),
        notice_text(&q.notice),
        vec![],
        context! { stats => stats, comments => items, status => status.as_str() },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ModerateForm {
    action: String,
    back: String,
    csrf: String,
}

fn parse_id(s: &str) -> Result<i64, AppError> {
    s.parse::<i64>()
        .map_err(|_| AppError::bad_request(Lang::En, format!("`{s}` is not a comment number")))
}

async fn moderate(
    State(app): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: Result<Form<ModerateForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, AppError> {
    let me = require(
        &app,
        &headers,
        &method,
        &uri,
        Some(Permission::ModerateComments),
    )
    .await?;
    let Form(form) = form.map_err(|e| AppError::rejected(Lang::En, e.status(), e.body_text()))?;
    check_csrf(&app, &headers, &form.csrf)?;
    let id = parse_id(&id)?;
    let action = Moderation::parse(&form.action).ok_or_else(|| {
        AppError::bad_request(Lang::En, "action must be approve, spam, delete or requeue")
    })?;
    let Some(c) = app.store().moderate(id, action, &me.user.username).await? else {
        return Err(AppError::not_found(Lang::En));
    };
    tracing::info!(id, moderator = %me.user.username, action = ?action, "comment moderated");
    app.invalidate();
    let back = Status::parse(&form.back).unwrap_or(Status::Pending);
    let done = match action {
        Moderation::Approve => "approved",
        Moderation::Spam => "marked-spam",
        Moderation::Delete => "deleted",
        Moderation::Requeue => "requeued",
    };
    let _ = c;
    Ok(see_other(&format!(
        "/admin/comments?status={}&notice={done}",
        back.as_str()
    )))
}

async fn edit_form(
    State(app): State<AppState>,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let me = require(
        &app,
        &headers,
        &method,
        &uri,
        Some(Permission::ModerateComments),
    )
    .await?;
    let id = parse_id(&id)?;
    let Some(c) = app.store().comment(id).await? else {
        return Err(AppError::not_found(Lang::En));
    };
    edit_page(
        &app,
        &me,
        &Seed::of(&headers, &client),
        &c,
        &c.author_name,
        &c.body,
        vec![],
        StatusCode::OK,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn edit_page(
    app: &AppState,
    me: &Current,
    seed: &Seed,
    c: &askaf_store::Comment,
    name: &str,
    body: &str,
    errors: Vec<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let history: Vec<String> = app
        .store()
        .decisions(Some(c.id), 50)
        .await?
        .iter()
        .map(|d| {
            format!(
                "{} {}{}{}",
                when(d.at_unix),
                d.action,
                if d.detail.is_empty() {
                    String::new()
                } else {
                    format!(": {}", d.detail)
                },
                d.actor
                    .as_ref()
                    .map(|a| format!(" (by {a})"))
                    .unwrap_or_default()
            )
        })
        .collect();
    page(
        app,
        status,
        Some(me),
        seed,
        "edit",
        &format!("Edit comment #{}", c.id),
        "",
        errors,
        context! {
            comment => context! { id => c.id, name => name, body => body, status => c.status.as_str() },
            history => history,
        },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EditForm {
    name: String,
    body: String,
    csrf: String,
}

async fn edit(
    State(app): State<AppState>,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: Result<Form<EditForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, AppError> {
    let me = require(
        &app,
        &headers,
        &method,
        &uri,
        Some(Permission::ModerateComments),
    )
    .await?;
    let Form(form) = form.map_err(|e| AppError::rejected(Lang::En, e.status(), e.body_text()))?;
    check_csrf(&app, &headers, &form.csrf)?;
    let id = parse_id(&id)?;
    let Some(c) = app.store().comment(id).await? else {
        return Err(AppError::not_found(Lang::En));
    };
    let name = askaf_comments::AuthorName::parse(&form.name);
    let body = askaf_comments::CommentBody::parse(&form.body);
    let (name, body) = match (name, body) {
        (Ok(n), Ok(b)) => (n, b),
        (n, b) => {
            let mut errors = vec![];
            if let Err(e) = n {
                errors.push(format!("Name {e}."));
            }
            if let Err(e) = b {
                errors.push(format!("Comment {e}."));
            }
            let seed = Seed::of(&headers, &client);
            return edit_page(
                &app,
                &me,
                &seed,
                &c,
                &form.name,
                &form.body,
                errors,
                StatusCode::BAD_REQUEST,
            )
            .await;
        }
    };
    let rendered = askaf_comments::render(body.as_str());
    app.store()
        .edit_comment(
            id,
            name.as_str(),
            body.as_str(),
            &rendered.html,
            &askaf_comments::fingerprint(body.as_str()),
            &me.user.username,
        )
        .await?;
    app.invalidate();
    Ok(see_other(&format!(
        "/admin/comments?status={}&notice=edited",
        c.status.as_str()
    )))
}

async fn articles(
    State(app): State<AppState>,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    query: Result<Query<StatusQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let me = require(
        &app,
        &headers,
        &method,
        &uri,
        Some(Permission::ModerateComments),
    )
    .await?;
    let closed = app.store().closed_articles().await?;
    let counts = app.store().comment_counts().await?;
    let live = app.site();
    let rows: Vec<Value> = live
        .articles()
        .iter()
        .map(|a| {
            let key = (a.lang(), a.slug().to_string());
            context! {
                url => a.path(),
                lang => a.lang().code(),
                slug => a.slug().as_str(),
                title => a.front.title.clone(),
                count => counts.get(&key).copied().unwrap_or(0),
                closed => closed.contains(&key),
            }
        })
        .collect();
    let notice = query.ok().map(|q| notice_text(&q.0.notice)).unwrap_or("");
    page(
        &app,
        StatusCode::OK,
        Some(&me),
        &Seed::of(&headers, &client),
        "articles",
        "Articles",
        notice,
        vec![],
        context! { articles => rows },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ActionForm {
    action: String,
    csrf: String,
}

async fn close_or_open(
    State(app): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    Path((lang, slug)): Path<(String, String)>,
    form: Result<Form<ActionForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, AppError> {
    let me = require(
        &app,
        &headers,
        &method,
        &uri,
        Some(Permission::ModerateComments),
    )
    .await?;
    let Form(form) = form.map_err(|e| AppError::rejected(Lang::En, e.status(), e.body_text()))?;
    check_csrf(&app, &headers, &form.csrf)?;
    let lang: Lang = lang
        .parse()
        .map_err(|_| AppError::bad_request(Lang::En, "unknown language"))?;
    if app.site().get(lang, &slug).is_none() {
        return Err(AppError::not_found(Lang::En));
    }
    let closed = match form.action.as_str() {
        "close" => true,
        "open" => false,
        _ => {
            return Err(AppError::bad_request(
                Lang::En,
                "action must be close or open",
            ))
        }
    };
    app.store()
        .set_comments_closed(lang, &slug, closed, &me.user.username)
        .await?;
    app.invalidate();
    Ok(see_other(&format!(
        "/admin/articles?notice={}",
        if closed { "closed" } else { "opened" }
    )))
}

#[allow(clippy::too_many_arguments)]
async fn bans_page(
    app: &AppState,
    me: &Current,
    seed: &Seed,
    status: StatusCode,
    notice: &str,
    errors: Vec<String>,
    target: &str,
    note: &str,
) -> Result<Response, AppError> {
    let bans: Vec<Value> = app
        .store()
        .bans()
        .await?
        .iter()
        .map(|b| {
            context! {
                id => b.id, kind => b.kind.clone(), target => b.target.clone(), note => b.note.clone(),
                created_at => b.created_at.clone(), created_by => b.created_by.clone(),
            }
        })
        .collect();
    page(
        app,
        status,
        Some(me),
        seed,
        "bans",
        "Bans",
        notice,
        errors,
        context! { bans => bans, target => target, note => note },
    )
}

async fn bans(
    State(app): State<AppState>,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    query: Result<Query<StatusQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let me = require(
        &app,
        &headers,
        &method,
        &uri,
        Some(Permission::ManageSpamDefences),
    )
    .await?;
    let notice = query.ok().map(|q| notice_text(&q.0.notice)).unwrap_or("");
    bans_page(
        &app,
        &me,
        &Seed::of(&headers, &client),
        StatusCode::OK,
        notice,
        vec![],
        "",
        "",
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct BanForm {
    target: String,
    note: String,
    csrf: String,
}

async fn add_ban(
    State(app): State<AppState>,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    form: Result<Form<BanForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, AppError> {
    let me = require(
        &app,
        &headers,
        &method,
        &uri,
        Some(Permission::ManageSpamDefences),
    )
    .await?;
    let Form(form) = form.map_err(|e| AppError::rejected(Lang::En, e.status(), e.body_text()))?;
    check_csrf(&app, &headers, &form.csrf)?;
    let seed = Seed::of(&headers, &client);
    let target = match BanTarget::parse(&form.target) {
        Ok(t) => t,
        Err(e) => {
            return bans_page(
                &app,
                &me,
                &seed,
                StatusCode::BAD_REQUEST,
                "",
                vec![e],
                &form.target,
                &form.note,
            )
            .await
        }
    };
    let note: String = form.note.trim().chars().take(200).collect();
    match app
        .store()
        .add_ban(target.kind(), &target.to_string(), &note, &me.user.username)
        .await
    {
        Ok(_) => Ok(see_other("/admin/bans?notice=banned")),
        Err(askaf_store::Error::Conflict(msg)) => {
            bans_page(
                &app,
                &me,
                &seed,
                StatusCode::CONFLICT,
                "",
                vec![msg],
                &form.target,
                &form.note,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn remove_ban(
    State(app): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: Result<Form<CsrfOnly>, axum::extract::rejection::FormRejection>,
) -> Result<Response, AppError> {
    let me = require(
        &app,
        &headers,
        &method,
        &uri,
        Some(Permission::ManageSpamDefences),
    )
    .await?;
    let Form(form) = form.map_err(|e| AppError::rejected(Lang::En, e.status(), e.body_text()))?;
    check_csrf(&app, &headers, &form.csrf)?;
    let id = id
        .parse::<i64>()
        .map_err(|_| AppError::bad_request(Lang::En, "not a ban number"))?;
    if !app.store().remove_ban(id, &me.user.username).await? {
        return Err(AppError::not_found(Lang::En));
    }
    Ok(see_other("/admin/bans?notice=unbanned"))
}

async fn words(
    State(app): State<AppState>,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    query: Result<Query<StatusQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let me = require(
        &app,
        &headers,
        &method,
        &uri,
        Some(Permission::ManageSpamDefences),
    )
    .await?;
    let text = app.store().spam_patterns().await?.unwrap_or_default();
    let notice = query.ok().map(|q| notice_text(&q.0.notice)).unwrap_or("");
    page(
        &app,
        StatusCode::OK,
        Some(&me),
        &Seed::of(&headers, &client),
        "words",
        "Word list",
        notice,
        vec![],
        context! { words => text },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WordsForm {
    body: String,
    csrf: String,
}

async fn save_words(
    State(app): State<AppState>,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    form: Result<Form<WordsForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, AppError> {
    let me = require(
        &app,
        &headers,
        &method,
        &uri,
        Some(Permission::ManageSpamDefences),
    )
    .await?;
    let Form(form) = form.map_err(|e| AppError::rejected(Lang::En, e.status(), e.body_text()))?;
    check_csrf(&app, &headers, &form.csrf)?;
    let body = form.body.replace("\r\n", "\n");
    if let Err(e) = Patterns::parse(&body) {
        // The list is not saved, and the moderator keeps what they typed.
        return page(
            &app,
            StatusCode::BAD_REQUEST,
            Some(&me),
            &Seed::of(&headers, &client),
            "words",
            "Word list",
            "",
            vec![format!("Not saved: {e}")],
            context! { words => body },
        );
    }
    app.store()
        .set_spam_patterns(&body, &me.user.username)
        .await?;
    Ok(see_other("/admin/words?notice=words"))
}

fn when(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
        .unwrap_or_default()
}

async fn log(
    State(app): State<AppState>,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let me = require(
        &app,
        &headers,
        &method,
        &uri,
        Some(Permission::ManageSpamDefences),
    )
    .await?;
    let rows: Vec<Value> = app
        .store()
        .decisions(None, 300)
        .await?
        .iter()
        .map(|d| {
            context! {
                when => when(d.at_unix),
                action => d.action.clone(),
                comment_id => d.comment_id,
                detail => d.detail.clone(),
                codes => d.codes.clone(),
                article => match (&d.lang, &d.slug) { (Some(l), Some(s)) => format!("{l}/{s}"), _ => String::new() },
                from => [d.ip.clone(), d.email.clone()].into_iter().flatten().collect::<Vec<_>>().join(" "),
                actor => d.actor.clone().unwrap_or_else(|| "automatic".into()),
            }
        })
        .collect();
    page(
        &app,
        StatusCode::OK,
        Some(&me),
        &Seed::of(&headers, &client),
        "log",
        "Decision log",
        "",
        vec![],
        context! { log => rows },
    )
}

async fn questions(
    State(app): State<AppState>,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let me = require(
        &app,
        &headers,
        &method,
        &uri,
        Some(Permission::ReadEditorialData),
    )
    .await?;
    let rows: Vec<Value> = app
        .store()
        .asked_questions(true, 200)
        .await?
        .iter()
        .map(|q| {
            context! { question => q.question.clone(), lang => q.lang.clone(), times => q.times, last_asked => q.last_asked.clone() }
        })
        .collect();
    page(
        &app,
        StatusCode::OK,
        Some(&me),
        &Seed::of(&headers, &client),
        "questions",
        "Unanswered questions",
        "",
        vec![],
        context! { questions => rows },
    )
}

async fn users(
    State(app): State<AppState>,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let me = require(
        &app,
        &headers,
        &method,
        &uri,
        Some(Permission::ManageAccounts),
    )
    .await?;
    let rows: Vec<Value> = app
        .store()
        .users()
        .await?
        .iter()
        .map(|u| {
            context! { username => u.username.clone(), role => u.role.clone(), created_at => u.created_at.clone(), password_changed_at => u.password_changed_at.clone() }
        })
        .collect();
    page(
        &app,
        StatusCode::OK,
        Some(&me),
        &Seed::of(&headers, &client),
        "users",
        "Accounts",
        "",
        vec![],
        context! { users => rows },
    )
}

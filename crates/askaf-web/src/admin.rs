//! The editorial side: login, the moderation queue, bans, the word list,
//! the decision log and the questions readers asked.
//!
//! Every handler takes a [`Ctx`] and asks it for the permission it needs;
//! roles are checked here on the server, whatever the pages show or hide.

use askaf_auth::{Permission, Role};
use askaf_comments::{BanTarget, Patterns};
use askaf_content::Lang;
use askaf_store::{Moderation, Status, User};
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, FromRequestParts, Path, Query};
use axum::http::request::Parts;
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

mod accounts;
mod editor;
mod media;
mod translate;

/// Who is logged in.
#[derive(Debug, Clone)]
pub struct Current {
    pub user: User,
    pub role: Role,
}

/// What every editorial handler needs from the request.
pub struct Ctx {
    app: AppState,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Ctx, Self::Rejection> {
        let client = Client::from_request_parts(parts, app).await?;
        Ok(Ctx {
            app: app.clone(),
            client,
            method: parts.method.clone(),
            uri: parts.uri.clone(),
            headers: parts.headers.clone(),
        })
    }
}

/// One editorial page: which part of `admin.html`, and what it shows.
struct View<'a> {
    page: &'a str,
    heading: &'a str,
    notice: &'a str,
    errors: Vec<String>,
    extra: Value,
}

impl<'a> View<'a> {
    fn new(page: &'a str, heading: &'a str, extra: Value) -> View<'a> {
        View {
            page,
            heading,
            notice: "",
            errors: vec![],
            extra,
        }
    }

    fn notice(mut self, notice: &'a str) -> View<'a> {
        self.notice = notice;
        self
    }

    fn error(mut self, e: impl Into<String>) -> View<'a> {
        self.errors.push(e.into());
        self
    }
}

#[derive(Serialize)]
struct Can {
    moderate: bool,
    spam: bool,
    editorial: bool,
    accounts: bool,
    write: bool,
}

impl Ctx {
    /// The logged-in account if it may do `permission`: a login redirect (or
    /// 401) without a session, 403 with a role that may not.
    async fn require(&self, permission: Option<Permission>) -> Result<Current, AppError> {
        let login = || AppError::LoginRequired {
            next: (self.method == Method::GET || self.method == Method::HEAD)
                .then(|| self.uri.path().to_string()),
        };
        let Some(token) = security::cookie(&self.headers, SESSION_COOKIE) else {
            return Err(login());
        };
        let hash = askaf_auth::token_hash(&token);
        let Some(session) = self.app.store().session(&hash).await? else {
            return Err(login());
        };
        let role: Role = session
            .user
            .role
            .parse()
            .map_err(|e: String| AppError::Internal(format!("stored role: {e}")))?;
        if let Some(p) = permission.filter(|p| !role.can(*p)) {
            tracing::warn!(username = %session.user.username, ?p, "refused by role");
            return Err(AppError::forbidden(
                Lang::En,
                format!("Your account ({role}) may not open this page; ask an administrator."),
            ));
        }
        Ok(Current {
            user: session.user,
            role,
        })
    }

    /// Refuses a form whose CSRF token does not belong to this browser.
    fn csrf(&self, token: &str) -> Result<(), AppError> {
        if security::csrf_ok(self.app.signer(), &self.headers, token) {
            Ok(())
        } else {
            Err(AppError::forbidden(
                Lang::En,
                "The form could not be verified (it may be from an old copy of the page, or cookies are off). Go back, reload the page and try again.",
            ))
        }
    }

    fn seed(&self) -> Seed {
        Seed::of(&self.headers, &self.client)
    }

    /// Starts a session for `user_id` and returns the cookie that carries it.
    async fn start_session(&self, user_id: i64) -> Result<HeaderValue, AppError> {
        let token = askaf_auth::new_token();
        self.app
            .store()
            .create_session(user_id, &askaf_auth::token_hash(&token), SESSION_SECONDS)
            .await?;
        Ok(self.session_cookie(&token, SESSION_SECONDS))
    }

    fn session_cookie(&self, token: &str, max_age: i64) -> HeaderValue {
        security::set_cookie(
            SESSION_COOKIE,
            token,
            Some(max_age),
            "Strict",
            self.client.https,
        )
    }

    /// Renders an admin page: no-store, not indexed, English, with the CSRF
    /// fields every form needs.
    fn render(
        &self,
        status: StatusCode,
        current: Option<&Current>,
        view: View<'_>,
    ) -> Result<Response, AppError> {
        let seed = self.seed();
        let head = Head {
            lang: Lang::En,
            title: view.heading.to_string(),
            description: "Editorial pages of AskAfghanistan".into(),
            canonical: format!("{}/admin", self.app.url()),
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
            write: c.role.can(Permission::WriteArticles),
        });
        let user = current
            .map(|c| context! { username => c.user.username.clone(), role => c.user.role.clone() });
        let extra = view.extra;
        let ctx = context! {
            page => view.page,
            heading => view.heading,
            notice => view.notice,
            errors => view.errors,
            user => user,
            can => can.map(|c| Value::from_serialize(&c)),
            hidden => security::hidden_fields(self.app.signer(), &seed),
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
        if let Some(c) = seed.set_cookie {
            r.headers_mut().append(header::SET_COOKIE, c);
        }
        Ok(r)
    }
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

/// The submitted form, or a 4xx that says why it could not be read.
fn read<T>(form: Result<Form<T>, FormRejection>) -> Result<T, AppError> {
    form.map(|Form(f)| f)
        .map_err(|e| AppError::rejected(Lang::En, e.status(), e.body_text()))
}

/// The query string's fields, or their defaults when it cannot be read.
fn query<T: Default>(q: Result<Query<T>, QueryRejection>) -> T {
    q.map(|Query(q)| q).unwrap_or_default()
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
        .route("/admin/articles/{lang}/{slug}", post(close_or_open))
        .route("/admin/bans", get(bans).post(add_ban))
        .route("/admin/bans/{id}/delete", post(remove_ban))
        .route("/admin/words", get(words).post(save_words))
        .route("/admin/log", get(log))
        .route("/admin/questions", get(questions))
        .merge(accounts::routes())
        .merge(editor::routes())
        .merge(media::routes())
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

async fn dashboard(cx: Ctx) -> Result<Response, AppError> {
    let me = cx.require(None).await?;
    let stats = stats(&cx.app).await?;
    cx.render(
        StatusCode::OK,
        Some(&me),
        View::new("dashboard", "Editorial", context! { stats }),
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NextQuery {
    next: String,
}

/// Only editorial pages of this site, so the login form cannot bounce anyone elsewhere.
fn safe_next(next: &str) -> String {
    if next.starts_with("/admin") && !next.starts_with("//") && !next.contains('\\') {
        next.to_string()
    } else {
        "/admin".to_string()
    }
}

fn login_view<'a>(next: &str, username: &str) -> View<'a> {
    View::new(
        "login",
        "Log in",
        context! { next => safe_next(next), username => username },
    )
}

async fn login_form(
    cx: Ctx,
    q: Result<Query<NextQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let q = query(q);
    cx.render(StatusCode::OK, None, login_view(&q.next, ""))
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
    cx: Ctx,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Result<Response, AppError> {
    let form = read(form)?;
    cx.csrf(&form.csrf)?;
    let name = form.username.trim().to_lowercase();
    let user = match check_login(&cx, &name, &form.password).await? {
        Ok(user) => user,
        Err(LoginRefused::Throttled(wait)) => {
            let minutes = wait.div_ceil(60).max(1);
            let view = login_view(&form.next, &name).error(format!(
                "Too many failed logins. Try again in {minutes} minutes."
            ));
            let mut r = cx.render(StatusCode::TOO_MANY_REQUESTS, None, view)?;
            r.headers_mut().insert(header::RETRY_AFTER, wait.into());
            return Ok(r);
        }
        Err(LoginRefused::Wrong) => {
            let view =
                login_view(&form.next, &name).error("The username or password is not right.");
            return cx.render(StatusCode::UNAUTHORIZED, None, view);
        }
    };
    let cookie = cx.start_session(user.id).await?;
    tracing::info!(username = %user.username, "logged in");
    let mut r = see_other(&safe_next(&form.next));
    r.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(r)
}

/// Why a login was refused.
enum LoginRefused {
    /// Too many failures: seconds to wait.
    Throttled(u64),
    Wrong,
}

/// Checks a username and password with the login throttle; a failure is
/// recorded, a success clears them.
async fn check_login(
    cx: &Ctx,
    name: &str,
    password: &str,
) -> Result<Result<User, LoginRefused>, AppError> {
    let store = cx.app.store();
    let ip = askaf_auth::rate_key(cx.client.ip).to_string();
    let throttle = &cx.app.config().login;
    let (by_user, by_ip, oldest) = store
        .login_failures(name, &ip, throttle.window_seconds as i64)
        .await?;
    if let Err(wait) = throttle.check(by_user, by_ip, oldest) {
        return Ok(Err(LoginRefused::Throttled(wait)));
    }
    let account = store.user_for_login(name).await?;
    let password = password.to_string();
    // Without an account the work is the same, so timing does not tell which names exist.
    let hash = account
        .as_ref()
        .map(|(_, h)| h.clone())
        .unwrap_or_else(|| askaf_auth::dummy_hash().to_string());
    // argon2 takes tens of milliseconds: off the async threads.
    let ok = tokio::task::spawn_blocking(move || askaf_auth::verify_password(&hash, &password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let Some((user, _)) = account.filter(|_| ok) else {
        store.record_login_failure(name, &ip).await?;
        tracing::warn!(username = %name, %ip, "failed login");
        return Ok(Err(LoginRefused::Wrong));
    };
    store.clear_login_failures(name).await?;
    Ok(Ok(user))
}

/// A sign-in typed into another form (the editor's, after its session
/// expired): the account, with a new session started, or `None`.
async fn verify_login(cx: &Ctx, name: &str, password: &str) -> Result<Option<User>, AppError> {
    let name = name.trim().to_lowercase();
    match check_login(cx, &name, password).await? {
        Ok(user) => Ok(Some(user)),
        Err(_) => Ok(None),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CsrfOnly {
    csrf: String,
}

async fn logout(
    cx: Ctx,
    form: Result<Form<CsrfOnly>, FormRejection>,
) -> Result<Response, AppError> {
    cx.csrf(&read(form)?.csrf)?;
    if let Some(token) = security::cookie(&cx.headers, SESSION_COOKIE) {
        cx.app
            .store()
            .delete_session(&askaf_auth::token_hash(&token))
            .await?;
    }
    let mut r = see_other("/admin/login");
    r.headers_mut()
        .append(header::SET_COOKIE, cx.session_cookie("", 0));
    Ok(r)
}

const PASSWORD_TITLE: &str = "Change your password";

async fn password_form(cx: Ctx) -> Result<Response, AppError> {
    let me = cx.require(None).await?;
    let view = View::new("password", PASSWORD_TITLE, context! {});
    cx.render(StatusCode::OK, Some(&me), view)
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
    cx: Ctx,
    form: Result<Form<PasswordForm>, FormRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(None).await?;
    let form = read(form)?;
    cx.csrf(&form.csrf)?;
    let fail = |msg: String| {
        let view = View::new("password", PASSWORD_TITLE, context! {}).error(msg);
        cx.render(StatusCode::BAD_REQUEST, Some(&me), view)
    };
    if form.new != form.confirm {
        return fail("The two new passwords differ.".into());
    }
    if let Err(e) = askaf_auth::check_password_policy(&form.new) {
        return fail(format!("{e}."));
    }
    let store = cx.app.store();
    let Some((_, hash)) = store.user_for_login(&me.user.username).await? else {
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
    store.set_password(&me.user.username, &hashed).await?;
    let cookie = cx.start_session(me.user.id).await?;
    let view = View::new("password", PASSWORD_TITLE, context! {})
        .notice("Your password was changed. Other sessions of your account were logged out.");
    let mut r = cx.render(StatusCode::OK, Some(&me), view)?;
    r.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(r)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StatusQuery {
    status: String,
    notice: String,
}

/// What the page says after a moderator's action redirected back to it.
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
        "draft-saved" => "Draft saved: a new revision, not public.",
        "published" => "Published: the page, feeds, sitemap, API and Ask show it now.",
        "unpublished" => "Unpublished: it is off the site; the text is kept as a draft.",
        "review" => "Submitted for review: an editor sees it in the list of articles waiting for review.",
        "scheduled" => "Scheduled: the text saved last is published at that time.",
        "unscheduled" => "The schedule was cancelled: the article stays as it is.",
        "restored" => "Restored as a new revision (a draft): publish it to put it on the site.",
        "up-to-date" => "Marked as up to date: the translation now records the original's current revision, and is published so.",
        "up-to-date-draft" => "Marked as up to date in a new draft: the published translation shows its notice until the draft is published.",
        "up-to-date-conflict" => "Not marked: someone saved the translation meanwhile. The page below is up to date; try again.",
        "restore-conflict" => "Not restored: someone saved the article meanwhile. The history below is up to date; try again.",
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
    cx: Ctx,
    q: Result<Query<StatusQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ModerateComments)).await?;
    let q = query(q);
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
    let list = cx.app.store().comments_with_status(status, 200).await?;
    let items: Vec<Value> = list
        .iter()
        .map(|c| {
            context! {
                id => c.id,
                name => c.author_name.clone(),
                email => c.author_email.clone(),
                ip => c.author_ip.clone(),
                created_at => c.created_at.clone(),
                // A comment on a Dari or Pashto article also has its day as
                // that article's page shows it, in the Solar Hijri calendar.
                solar => (c.lang != Lang::En).then(|| crate::comments::date_of(c.lang, &c.created_at)),
                lang => c.lang.code(),
                article_url => format!("/{}/{}", c.lang, c.slug),
                article_title => article_title(&cx.app, c.lang, &c.slug),
                parent_id => c.parent_id,
                held_detail => c.held_detail.clone(),
                html => c.body_html.clone(),
                status => c.status.as_str(),
            }
        })
        .collect();
    let stats = stats(&cx.app).await?;
    let heading = format!("Comments: {}", status_label(status));
    let view = View::new(
        "comments",
        &heading,
        context! { stats, comments => items, status => status.as_str() },
    )
    .notice(notice_text(&q.notice));
    cx.render(StatusCode::OK, Some(&me), view)
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
        .map_err(|_| AppError::bad_request(Lang::En, format!("`{s}` is not a number")))
}

async fn moderate(
    cx: Ctx,
    Path(id): Path<String>,
    form: Result<Form<ModerateForm>, FormRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ModerateComments)).await?;
    let form = read(form)?;
    cx.csrf(&form.csrf)?;
    let id = parse_id(&id)?;
    let action = Moderation::parse(&form.action).ok_or_else(|| {
        AppError::bad_request(Lang::En, "action must be approve, spam, delete or requeue")
    })?;
    let Some(c) = cx
        .app
        .store()
        .moderate(id, action, &me.user.username)
        .await?
    else {
        return Err(AppError::not_found(Lang::En));
    };
    tracing::info!(id, moderator = %me.user.username, ?action, "comment moderated");
    // Only that article's pages show the comment; the listings its count.
    cx.app.invalidate(Some((c.lang, c.slug.as_str())));
    let back = Status::parse(&form.back).unwrap_or(Status::Pending);
    let done = match action {
        Moderation::Approve => "approved",
        Moderation::Spam => "marked-spam",
        Moderation::Delete => "deleted",
        Moderation::Requeue => "requeued",
    };
    Ok(see_other(&format!(
        "/admin/comments?status={}&notice={done}",
        back.as_str()
    )))
}

fn when(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
        .unwrap_or_default()
}

/// The edit form, with what was typed and the comment's history.
async fn edit_view(
    cx: &Ctx,
    c: &askaf_store::Comment,
    name: &str,
    body: &str,
) -> Result<Value, AppError> {
    let history: Vec<String> = cx
        .app
        .store()
        .decisions(Some(c.id), 50)
        .await?
        .iter()
        .map(|d| {
            let detail = if d.detail.is_empty() {
                String::new()
            } else {
                format!(": {}", d.detail)
            };
            let by = d
                .actor
                .as_ref()
                .map(|a| format!(" (by {a})"))
                .unwrap_or_default();
            format!("{} {}{detail}{by}", when(d.at_unix), d.action)
        })
        .collect();
    Ok(context! {
        comment => context! { id => c.id, name => name, body => body, status => c.status.as_str() },
        history,
    })
}

async fn edit_form(cx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ModerateComments)).await?;
    let Some(c) = cx.app.store().comment(parse_id(&id)?).await? else {
        return Err(AppError::not_found(Lang::En));
    };
    let extra = edit_view(&cx, &c, &c.author_name, &c.body).await?;
    let heading = format!("Edit comment #{}", c.id);
    cx.render(
        StatusCode::OK,
        Some(&me),
        View::new("edit", &heading, extra),
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
    cx: Ctx,
    Path(id): Path<String>,
    form: Result<Form<EditForm>, FormRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ModerateComments)).await?;
    let form = read(form)?;
    cx.csrf(&form.csrf)?;
    let Some(c) = cx.app.store().comment(parse_id(&id)?).await? else {
        return Err(AppError::not_found(Lang::En));
    };
    let name = askaf_comments::AuthorName::parse(&form.name);
    let body = askaf_comments::CommentBody::parse(&form.body);
    let (name, body) = match (name, body) {
        (Ok(n), Ok(b)) => (n, b),
        (n, b) => {
            // Not saved; the moderator keeps what they typed.
            let extra = edit_view(&cx, &c, &form.name, &form.body).await?;
            let heading = format!("Edit comment #{}", c.id);
            let mut view = View::new("edit", &heading, extra);
            if let Err(e) = n {
                view = view.error(format!("Name {e}."));
            }
            if let Err(e) = b {
                view = view.error(format!("Comment {e}."));
            }
            return cx.render(StatusCode::BAD_REQUEST, Some(&me), view);
        }
    };
    let rendered = askaf_comments::render(body.as_str());
    cx.app
        .store()
        .edit_comment(
            c.id,
            name.as_str(),
            body.as_str(),
            &rendered.html,
            &askaf_comments::fingerprint(body.as_str()),
            &me.user.username,
        )
        .await?;
    cx.app.invalidate(Some((c.lang, c.slug.as_str())));
    Ok(see_other(&format!(
        "/admin/comments?status={}&notice=edited",
        c.status.as_str()
    )))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ActionForm {
    action: String,
    csrf: String,
}

async fn close_or_open(
    cx: Ctx,
    Path((lang, slug)): Path<(String, String)>,
    form: Result<Form<ActionForm>, FormRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ModerateComments)).await?;
    let form = read(form)?;
    cx.csrf(&form.csrf)?;
    let lang: Lang = lang
        .parse()
        .map_err(|_| AppError::bad_request(Lang::En, "unknown language"))?;
    if cx.app.site().get(lang, &slug).is_none() {
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
    cx.app
        .store()
        .set_comments_closed(lang, &slug, closed, &me.user.username)
        .await?;
    cx.app.invalidate(Some((lang, slug.as_str())));
    let done = if closed { "closed" } else { "opened" };
    Ok(see_other(&format!("/admin/articles?notice={done}")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct BanForm {
    target: String,
    note: String,
    csrf: String,
}

/// The bans page, with the add form holding `form`'s values.
async fn bans_view<'a>(cx: &Ctx, form: &BanForm) -> Result<View<'a>, AppError> {
    let bans: Vec<Value> = cx
        .app
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
    Ok(View::new(
        "bans",
        "Bans",
        context! { bans, target => form.target.clone(), note => form.note.clone() },
    ))
}

async fn bans(
    cx: Ctx,
    q: Result<Query<StatusQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ManageSpamDefences)).await?;
    let view = bans_view(&cx, &BanForm::default()).await?;
    let notice = notice_text(&query(q).notice);
    cx.render(StatusCode::OK, Some(&me), view.notice(notice))
}

async fn add_ban(
    cx: Ctx,
    form: Result<Form<BanForm>, FormRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ManageSpamDefences)).await?;
    let form = read(form)?;
    cx.csrf(&form.csrf)?;
    let target = match BanTarget::parse(&form.target) {
        Ok(t) => t,
        Err(e) => {
            let view = bans_view(&cx, &form).await?.error(e);
            return cx.render(StatusCode::BAD_REQUEST, Some(&me), view);
        }
    };
    let note: String = form.note.trim().chars().take(200).collect();
    let added = cx
        .app
        .store()
        .add_ban(target.kind(), &target.to_string(), &note, &me.user.username)
        .await;
    match added {
        Ok(_) => Ok(see_other("/admin/bans?notice=banned")),
        Err(askaf_store::Error::Conflict(msg)) => {
            let view = bans_view(&cx, &form).await?.error(msg);
            cx.render(StatusCode::CONFLICT, Some(&me), view)
        }
        Err(e) => Err(e.into()),
    }
}

async fn remove_ban(
    cx: Ctx,
    Path(id): Path<String>,
    form: Result<Form<CsrfOnly>, FormRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ManageSpamDefences)).await?;
    cx.csrf(&read(form)?.csrf)?;
    if !cx
        .app
        .store()
        .remove_ban(parse_id(&id)?, &me.user.username)
        .await?
    {
        return Err(AppError::not_found(Lang::En));
    }
    Ok(see_other("/admin/bans?notice=unbanned"))
}

async fn words(
    cx: Ctx,
    q: Result<Query<StatusQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ManageSpamDefences)).await?;
    let text = cx.app.store().spam_patterns().await?.unwrap_or_default();
    let view = View::new("words", "Word list", context! { words => text })
        .notice(notice_text(&query(q).notice));
    cx.render(StatusCode::OK, Some(&me), view)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WordsForm {
    body: String,
    csrf: String,
}

async fn save_words(
    cx: Ctx,
    form: Result<Form<WordsForm>, FormRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ManageSpamDefences)).await?;
    let form = read(form)?;
    cx.csrf(&form.csrf)?;
    let body = form.body.replace("\r\n", "\n");
    if let Err(e) = Patterns::parse(&body) {
        // Not saved, and the moderator keeps what they typed.
        let view = View::new("words", "Word list", context! { words => body })
            .error(format!("Not saved: {e}"));
        return cx.render(StatusCode::BAD_REQUEST, Some(&me), view);
    }
    cx.app
        .store()
        .set_spam_patterns(&body, &me.user.username)
        .await?;
    Ok(see_other("/admin/words?notice=words"))
}

async fn log(cx: Ctx) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ManageSpamDefences)).await?;
    let rows: Vec<Value> = cx
        .app
        .store()
        .decisions(None, 300)
        .await?
        .iter()
        .map(|d| {
            let article = match (&d.lang, &d.slug) {
                (Some(l), Some(s)) => format!("{l}/{s}"),
                _ => String::new(),
            };
            let from: Vec<String> = [d.ip.clone(), d.email.clone()]
                .into_iter()
                .flatten()
                .collect();
            context! {
                when => when(d.at_unix),
                action => d.action.clone(),
                comment_id => d.comment_id,
                detail => d.detail.clone(),
                codes => d.codes.clone(),
                article,
                from => from.join(" "),
                actor => d.actor.clone().unwrap_or_else(|| "automatic".into()),
            }
        })
        .collect();
    let view = View::new("log", "Decision log", context! { log => rows });
    cx.render(StatusCode::OK, Some(&me), view)
}

/// What readers want next: the questions that found no answer and those
/// whose reader said the answer did not answer them, grouped by what they
/// ask, newest first, each with a link that opens a draft for it.
async fn questions(cx: Ctx) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ReadEditorialData)).await?;
    let can_write = me.role.can(Permission::WriteArticles);
    let rows: Vec<Value> = cx
        .app
        .store()
        .wanted_questions(200)
        .await?
        .iter()
        .map(|q| {
            let write = can_write.then(|| {
                format!(
                    "/admin/articles/new?lang={}&question={}",
                    crate::markup::url_encode(&q.lang),
                    crate::markup::url_encode(&q.question)
                )
            });
            context! {
                question => q.question.clone(), lang => q.lang.clone(),
                langs => q.langs.join(", "),
                unanswered => q.unanswered, not_helpful => q.not_helpful,
                last_asked => when(chrono::DateTime::parse_from_rfc3339(&q.last_asked).map(|t| t.timestamp()).unwrap_or(0)),
                answer_url => q.answer.as_ref().map(|a| a.0.clone()),
                answer_text => q.answer.as_ref().map(|a| a.1.clone()),
                write,
            }
        })
        .collect();
    let view = View::new(
        "questions",
        "What readers want next",
        context! { questions => rows },
    );
    cx.render(StatusCode::OK, Some(&me), view)
}

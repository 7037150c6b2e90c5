//! The editorial side: login, the moderation queue, bans, the word list,
//! the decision log and the questions readers asked.
//!
//! Every handler takes a [`Ctx`] and asks it for the permission it needs;
//! roles are checked here on the server, whatever the pages show or hide.

use askaf_auth::{Permission, Role};
use askaf_comments::{BanTarget, PatternError, Patterns};
use askaf_content::Lang;
use askaf_store::{Detail, FailuresOf, Moderation, Status, User};
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n;
use crate::security::{self, Client, Seed, SESSION_COOKIE, SESSION_SECONDS};
use crate::views::{self, Head};
use crate::{AppState, HTML};

mod accounts;
mod check;
mod editor;
mod media;
pub(crate) mod reasons;
mod tags;
mod translate;

use crate::clock::{self, stamp, when};
pub(crate) use tags::MAX_LABEL_CHARS;

/// Who is logged in.
#[derive(Debug, Clone)]
pub struct Current {
    pub user: User,
    pub role: Role,
}

impl Current {
    /// The signed-in `user` with the role the store keeps for them. A role
    /// the store holds is one this binary wrote, so one it cannot read is
    /// the server's fault, not the request's.
    pub(crate) fn of(user: User) -> Result<Current, AppError> {
        let role: Role = user
            .role
            .parse()
            .map_err(|e: askaf_auth::RoleError| AppError::Internal(format!("stored role: {e}")))?;
        Ok(Current { user, role })
    }
}

/// What every editorial handler needs from the request.
pub struct Ctx {
    app: AppState,
    client: Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    /// The account of the session the request carries, if it is live.
    user: Option<User>,
    /// The language this request's pages and messages are in: the logged-in
    /// account's, else the visitor's (see [`visitor_lang`]): after the
    /// session lapsed, the language the staff member last had here. Decided
    /// once, when the request arrives; every editorial page and error uses it.
    lang: Lang,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Ctx, Self::Rejection> {
        let client = match Client::from_request_parts(parts, app).await {
            Ok(c) => c,
            Err(never) => match never {},
        };
        let user = match security::cookie(&parts.headers, SESSION_COOKIE) {
            Some(token) => app
                .store()
                .session(&askaf_auth::token_hash(&token))
                .await?
                .map(|s| s.user),
            None => None,
        };
        let lang = match &user {
            Some(u) => u.lang,
            None => visitor_lang(parts.uri.query(), &parts.headers),
        };
        Ok(Ctx {
            app: app.clone(),
            client,
            method: parts.method.clone(),
            uri: parts.uri.clone(),
            headers: parts.headers.clone(),
            user,
            lang,
        })
    }
}

/// The language of an editorial page shown to someone not logged in (the
/// login page, a form sent after the session lapsed): `?lang=` when the
/// page was asked for in one, else the language this browser's editorial
/// pages were last in for a staff member signed in
/// ([`security::ADMIN_LANG_COOKIE`]: a Dari moderator on an English browser
/// is answered in Dari), else the browser's `Accept-Language` (Dari for
/// `fa` and `prs`, Pashto for `ps`, the first of those or English by the
/// preference weights), else English. A logged-in editor's pages are in the
/// account's language instead.
pub(crate) fn visitor_lang(query: Option<&str>, headers: &HeaderMap) -> Lang {
    crate::query_lang(query)
        .or_else(|| security::admin_lang(headers))
        .or_else(|| crate::accepted_lang(headers))
        .unwrap_or(Lang::En)
}

/// One editorial page: which part of `admin.html`, and what it shows.
struct View<'a> {
    page: &'a str,
    heading: String,
    /// The heading as HTML, escaped already, when a part of it needs its
    /// own element ([`View::heading_html`]); `heading` stays the title.
    heading_html: Option<String>,
    /// Plain text, or HTML ([`View::notice_html`]).
    notice: Value,
    /// What stopped the request, each plain text or HTML ([`View::error_html`]).
    errors: Vec<Value>,
    extra: Value,
    /// The page the header's language links open before login, when not
    /// the one asked for (which may take no GET).
    switch_to: Option<String>,
    /// A form that chose an action and holds no typed text ([`Again`]):
    /// sent back, it says nothing was done, not that its text was kept.
    chose: bool,
}

impl<'a> View<'a> {
    fn new(page: &'a str, heading: impl Into<String>, extra: Value) -> View<'a> {
        View {
            page,
            heading: heading.into(),
            heading_html: None,
            notice: Value::from(""),
            errors: vec![],
            extra,
            switch_to: None,
            chose: false,
        }
    }

    /// The heading shown as `html` (escaped already), the title still
    /// the plain heading: an address in it kept whole in its own element.
    fn heading_html(mut self, html: String) -> View<'a> {
        self.heading_html = Some(html);
        self
    }

    fn notice(mut self, notice: impl Into<String>) -> View<'a> {
        self.notice = Value::from(notice.into());
        self
    }

    /// [`View::notice`] made as HTML, escaped already: one that names
    /// what was typed in a `<bdi>`.
    fn notice_html(mut self, html: String) -> View<'a> {
        self.notice = Value::from_safe_string(html);
        self
    }

    fn error(mut self, e: impl Into<String>) -> View<'a> {
        self.errors.push(Value::from(e.into()));
        self
    }

    /// [`View::error`] made as HTML, escaped already: one that names what
    /// was typed in a `<bdi>` ([`reasons::message_html`]).
    fn error_html(mut self, html: String) -> View<'a> {
        self.errors.push(Value::from_safe_string(html));
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
    /// An interface string of `admin.ftl` in the request's language.
    fn t(&self, key: &str) -> String {
        i18n::text(self.lang, key, &[])
    }

    /// [`Ctx::t`] with arguments; numbers go through [`Ctx::num`].
    fn t_with(&self, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
        i18n::text(self.lang, key, args)
    }

    /// A number in the request's digits, as a Fluent argument.
    fn num(&self, n: impl ToString) -> FluentValue<'static> {
        i18n::number(self.lang, n)
    }

    /// "Your account (editor) may not open this page", as a 403.
    fn refused_role(&self, role: Role) -> AppError {
        AppError::forbidden(
            self.lang,
            self.t_with(
                "admin-error-role",
                &[(
                    "role",
                    FluentValue::from(role_name(self.lang, role.as_str())),
                )],
            ),
        )
    }

    /// The logged-in account if it may do `permission`: a login redirect (or
    /// 401) without a session, 403 with a role that may not.
    async fn require(&self, permission: Option<Permission>) -> Result<Current, AppError> {
        let Some(user) = self.user.clone() else {
            return Err(self.login_required());
        };
        let me = Current::of(user)?;
        if let Some(p) = permission.filter(|p| !me.role.can(*p)) {
            tracing::warn!(username = %me.user.username, ?p, "refused by role");
            return Err(self.refused_role(me.role));
        }
        Ok(me)
    }

    /// What a request without a session gets: a page is asked for again
    /// after the sign-in; a form, 401 and the sign-in asked for.
    fn login_required(&self) -> AppError {
        AppError::LoginRequired {
            lang: self.lang,
            next: (self.method == Method::GET || self.method == Method::HEAD)
                .then(|| self.uri.path().to_string()),
        }
    }

    /// Refuses a form whose CSRF token does not belong to this browser.
    fn csrf(&self, token: &str) -> Result<(), AppError> {
        if security::csrf_ok(self.app.signer(), &self.headers, token) {
            Ok(())
        } else {
            Err(self.csrf_refused())
        }
    }

    /// The 403 of a form whose token does not hold ([`Ctx::csrf`]).
    fn csrf_refused(&self) -> AppError {
        AppError::forbidden(self.lang, self.t("admin-error-csrf"))
    }

    /// Who is posting a form that holds typed text or chose an action,
    /// checked so that neither is lost: the token first (only a form this
    /// browser was given may sign in), then the session, or, when it has
    /// lapsed, the sign-in typed into the form itself (`login_username` and
    /// `login_password`, shown with [`Poster::Lapsed`]'s page).
    async fn poster(
        &self,
        permission: Permission,
        csrf: &str,
        login: &SignIn,
    ) -> Result<Poster, AppError> {
        let verified = security::csrf_ok(self.app.signer(), &self.headers, csrf);
        match self.require(Some(permission)).await {
            Ok(me) if verified => Ok(Poster::Signed(me, None)),
            Ok(me) => Ok(Poster::Unverified(me)),
            Err(AppError::LoginRequired { .. }) if verified => {
                let name = login.login_username.trim();
                if name.is_empty() || login.login_password.is_empty() {
                    return Ok(Poster::Lapsed(None));
                }
                let user = match verify_login(self, name, &login.login_password).await? {
                    Ok(user) => user,
                    Err(refused) => return Ok(Poster::Lapsed(Some(refused))),
                };
                let me = Current::of(user)?;
                if !me.role.can(permission) {
                    return Err(self.refused_role(me.role));
                }
                let cookie = self.start_session(me.user.id).await?;
                Ok(Poster::Signed(me, Some(cookie)))
            }
            Err(AppError::LoginRequired { .. }) => Ok(Poster::Lapsed(None)),
            Err(e) => Err(e),
        }
    }

    /// `view`, holding what was typed and a sign-in, with why it was not
    /// saved ([`Ctx::lapsed`]).
    fn lapsed_page(
        &self,
        refused: Option<&LoginRefused>,
        view: View<'_>,
    ) -> Result<Response, AppError> {
        let (status, message, wait) = self.lapsed(refused, view.chose);
        let mut r = self.render(status, None, view.error(message))?;
        if let Some(wait) = wait {
            r.headers_mut().insert(header::RETRY_AFTER, wait.into());
        }
        Ok(r)
    }

    /// That sign-ins are refused for `wait` seconds more, in words.
    fn throttled(&self, wait: u64) -> String {
        let wait = i18n::wait(self.lang, wait);
        self.t_with("admin-error-login-throttled", &[("wait", wait.into())])
    }

    /// Why a form sent without a session was not saved, with its status:
    /// the session had lapsed (401); or the sign-in typed into it was
    /// wrong (401) or one of too many (429, with its wait in seconds).
    /// Each says the text is kept, or, for a form that `chose` an action,
    /// that nothing was done.
    fn lapsed(
        &self,
        refused: Option<&LoginRefused>,
        chose: bool,
    ) -> (StatusCode, String, Option<u64>) {
        let key = |kept, done| self.t(if chose { done } else { kept });
        match refused {
            None => (
                StatusCode::UNAUTHORIZED,
                key(
                    "admin-error-session-expired",
                    "admin-error-session-expired-action",
                ),
                None,
            ),
            Some(LoginRefused::Wrong) => (
                StatusCode::UNAUTHORIZED,
                key(
                    "admin-error-sign-in-wrong-kept",
                    "admin-error-sign-in-wrong-action",
                ),
                None,
            ),
            Some(LoginRefused::Throttled(wait)) => {
                let said = self.throttled(*wait);
                let kept = key("admin-error-text-kept", "admin-error-nothing-done");
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    format!("{said} {kept}"),
                    Some(*wait),
                )
            }
        }
    }

    /// The page of a form whose poster is not [`Poster::Signed`]: `view`,
    /// holding what was typed, with why nothing was done; a sign-in in the
    /// form (401) without a session, else a fresh token (403).
    fn not_done(&self, poster: &Poster, view: View<'_>) -> Result<Response, AppError> {
        match poster {
            Poster::Unverified(me) => {
                let why = match view.chose {
                    false => "admin-error-form-unverified",
                    true => "admin-error-form-unverified-action",
                };
                let view = view.error(self.t(why));
                self.render(StatusCode::FORBIDDEN, Some(me), view)
            }
            Poster::Lapsed(refused) => self.lapsed_page(refused.as_ref(), view),
            Poster::Signed(..) => self.lapsed_page(None, view),
        }
    }

    /// The page of a form that chose an action (an account's role, its
    /// password, its removal, a ban lifted) and whose poster is not
    /// [`Poster::Signed`]: [`Again`] as one form to the same address, with
    /// why nothing was done ([`Ctx::not_done`]), under `heading` on `page`,
    /// which is also the section's address (`/admin/{page}`): what its
    /// language links open, as the address posted to takes no GET.
    fn again_page(
        &self,
        poster: &Poster,
        page: &str,
        heading: String,
        again: Again,
    ) -> Result<Response, AppError> {
        let fields: Vec<Value> = again
            .fields
            .into_iter()
            .map(|(name, value)| context! { name, value })
            .collect();
        let extra = context! {
            login => matches!(poster, Poster::Lapsed(_)),
            again => context! {
                what => again.what,
                fields,
                password_for => again.password_for,
                button => again.button,
                sign_in => again.sign_in,
            },
        };
        let mut view = View::new(page, heading, extra);
        view.switch_to = Some(format!("/admin/{page}"));
        view.chose = true;
        self.not_done(poster, view)
    }

    /// A form refused for what it holds (`refusal`), answered as the other
    /// editorial forms are, the session and the token first: signed in,
    /// the refusal (with the session a sign-in typed into the form began);
    /// with a token that does not hold, its 403; without a session, 401
    /// and the sign-in asked for. A form from nobody signed in learns
    /// nothing of what it held.
    fn refused_as_posted(&self, poster: Poster, refusal: AppError) -> Result<Response, AppError> {
        match poster {
            Poster::Signed(_, cookie) => Ok(with_session(refusal.into_response(), cookie)),
            Poster::Unverified(_) => Err(self.csrf_refused()),
            Poster::Lapsed(_) => Err(self.login_required()),
        }
    }

    /// A 400 in the request's language, its message from `admin.ftl`.
    fn bad_request(&self, key: &str) -> AppError {
        AppError::bad_request(self.lang, self.t(key))
    }

    /// A 400 that says `message` ([`reasons::Message`]): its HTML on the
    /// page, its plain text for the page's description.
    fn bad_request_said(&self, message: &reasons::Message) -> AppError {
        AppError::bad_request_html(self.lang, message.text(self.lang), message.html(self.lang))
    }

    /// A 400 that says `key`, whose words that stay English in Dari and
    /// Pashto (`words`, by argument name) are marked as English
    /// ([`reasons::english_html`]).
    fn bad_request_english(&self, key: &'static str, words: &[(&'static str, &str)]) -> AppError {
        self.bad_request_said(&reasons::Message::english(key, words))
    }

    /// A 404 that says `key`, its English words marked as
    /// [`Self::bad_request_english`] marks them.
    fn not_found_english(&self, key: &'static str, words: &[(&'static str, &str)]) -> AppError {
        let said = reasons::Message::english(key, words);
        AppError::not_found_because_html(self.lang, said.text(self.lang), said.html(self.lang))
    }

    fn not_found(&self) -> AppError {
        AppError::not_found(self.lang)
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

    /// Ends, on the server, the session the request's cookie names.
    async fn end_session(&self) -> Result<(), AppError> {
        if let Some(token) = security::cookie(&self.headers, SESSION_COOKIE) {
            self.app
                .store()
                .delete_session(&askaf_auth::token_hash(&token))
                .await?;
        }
        Ok(())
    }

    fn session_cookie(&self, token: &str, max_age: i64) -> HeaderValue {
        security::set_cookie(
            SESSION_COOKIE,
            token,
            "/",
            Some(max_age),
            "Strict",
            self.client.https,
        )
    }

    /// Renders an admin page: no-store, not indexed, in the request's
    /// language (see `Ctx::lang`), with the CSRF fields every form needs.
    fn render(
        &self,
        status: StatusCode,
        current: Option<&Current>,
        view: View<'_>,
    ) -> Result<Response, AppError> {
        let seed = self.seed();
        // Before login the header's language links open this page in each
        // language; after, the account's language is chosen with a form.
        let switch = match current {
            None => {
                let path = view.switch_to.as_deref().unwrap_or(self.uri.path());
                Lang::ALL
                    .iter()
                    .map(|&l| (l, format!("{path}?lang={l}")))
                    .collect()
            }
            Some(_) => vec![],
        };
        let head = Head {
            lang: self.lang,
            title: view.heading.clone(),
            description: self.t("admin-description"),
            canonical: format!("{}/admin", self.app.url()),
            alternates: vec![],
            switch,
            untranslated: None,
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
        let user = current.map(|c| {
            context! {
                username => c.user.username.clone(),
                role => role_name(self.lang, &c.user.role),
                lang => c.user.lang.code(),
            }
        });
        let extra = view.extra;
        let ctx = context! {
            page => view.page,
            heading => match view.heading_html {
                Some(html) => Value::from_safe_string(html),
                None => Value::from(view.heading),
            },
            notice => view.notice,
            errors => view.errors,
            user => user,
            can => can.map(|c| Value::from_serialize(&c)),
            hidden => security::hidden_fields(self.app.signer(), &seed),
            here => self.uri.path(),
            ui_languages => Lang::ALL.iter().map(|l| context! { code => l.code(), name => l.native_name(), dir => l.dir() }).collect::<Vec<_>>(),
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
        // The browser keeps the language of the staff member signed in on
        // it, for the pages it is shown once the session has lapsed: set
        // when it is not what the browser holds (a new sign-in, a language
        // chosen in another browser).
        if let Some(c) =
            current.filter(|c| security::admin_lang(&self.headers) != Some(c.user.lang))
        {
            r.headers_mut().append(
                header::SET_COOKIE,
                security::admin_lang_cookie(c.user.lang, self.client.https),
            );
        }
        Ok(r)
    }
}

/// Who posted a form that holds typed text or chose an action ([`Ctx::poster`]).
enum Poster {
    /// Signed in, with the cookie of the session a sign-in in the form
    /// started, to be set with the answer.
    Signed(Current, Option<HeaderValue>),
    /// No session, and no sign-in in the form that holds (with why, when
    /// one was typed and refused): shown again with the text and a sign-in.
    Lapsed(Option<LoginRefused>),
    /// Signed in, but the form's token is not this browser's: shown again.
    Unverified(Current),
}

/// A form that chose an action rather than typed text, shown again when it
/// was not done ([`Ctx::again_page`]): what it does, in words, and what it
/// sent, in hidden fields, to be sent again as it was.
struct Again {
    /// What pressing its button does: "Remove the account sam."
    what: String,
    /// The fields it sent (not its token, not a sign-in), never a password.
    fields: Vec<(&'static str, String)>,
    /// The account whose new password it sent, which no page holds: asked
    /// for again.
    password_for: Option<String>,
    /// The label of its button, as on the form it came from.
    button: String,
    /// What signing in to it does, when the session lapsed: "Sign in to
    /// remove the account".
    sign_in: String,
}

/// The sign-in fields of a form shown again after its session lapsed.
#[derive(Deserialize, Default)]
#[serde(default)]
struct SignIn {
    login_username: String,
    login_password: String,
}

/// `r` with the cookie of a session started by a sign-in in the form.
fn with_session(mut r: Response, cookie: Option<HeaderValue>) -> Response {
    if let Some(c) = cookie {
        r.headers_mut().append(header::SET_COOKIE, c);
    }
    r
}

/// `change` once applied, or what the editor is told when it is not yet:
/// still being applied after the wait ([`crate::WebConfig::change_wait`]), or saved and not applied on
/// this node ([`askaf_site::Error::SavedNotApplied`]). [`not_yet`] says
/// it where the form has nothing more to show.
async fn applied<T>(
    cx: &Ctx,
    change: impl std::future::Future<Output = Result<T, askaf_site::Error>>,
) -> Result<Result<T, NotYet>, AppError> {
    match tokio::time::timeout(cx.app.config().change_wait, change).await {
        Ok(done) => done_or_not_applied(cx, done),
        Err(_) => Ok(Err(NotYet::said(cx, "admin-error-still-applying"))),
    }
}

/// A change that ended: done, or saved and not applied on this node
/// ([`NotYet::not_applied`]); any other failure is the request's.
pub(super) fn done_or_not_applied<T>(
    cx: &Ctx,
    done: Result<T, askaf_site::Error>,
) -> Result<Result<T, NotYet>, AppError> {
    match done {
        Ok(done) => Ok(Ok(done)),
        Err(askaf_site::Error::SavedNotApplied { source, .. }) => {
            Ok(Err(NotYet::not_applied(cx, &source.to_string())))
        }
        Err(e) => Err(e.into()),
    }
}

/// What the editor is told of a change not (yet) applied, as plain text
/// and as HTML.
pub(super) struct NotYet {
    pub(super) text: String,
    pub(super) html: String,
}

impl NotYet {
    /// The message `key`, which takes no values.
    pub(super) fn said(cx: &Ctx, key: &'static str) -> NotYet {
        let text = cx.t(key);
        NotYet {
            html: crate::markup::escape(&text),
            text,
        }
    }

    /// Saved, and not applied on this node for `reason`: the error as the
    /// log says it (a store call that failed, the database's words), a
    /// technical detail no translation holds, marked as English inside a
    /// Dari or Pashto sentence.
    pub(super) fn not_applied(cx: &Ctx, reason: &str) -> NotYet {
        let said = reasons::Message::new("admin-error-saved-not-applied").markup(
            "reason",
            reasons::english_html(reason),
            reason,
        );
        NotYet {
            text: said.text(cx.lang),
            html: said.html(cx.lang),
        }
    }
}

/// The answer to a change [`applied`] did not see applied: 202 (what was
/// asked is saved, or being done), with what the editor is told.
fn not_yet(cx: &Ctx, said: NotYet) -> AppError {
    AppError::rejected_html(cx.lang, StatusCode::ACCEPTED, said.text, said.html)
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
fn read<T>(cx: &Ctx, form: Result<Form<T>, FormRejection>) -> Result<T, AppError> {
    read_within(cx, form, crate::MAX_BODY_BYTES)
}

/// [`read`] for a form whose address takes `limit` bytes, not the site's
/// 64 KB: said in its 413.
fn read_within<T>(
    cx: &Ctx,
    form: Result<Form<T>, FormRejection>,
    limit: usize,
) -> Result<T, AppError> {
    form.map(|Form(f)| f)
        .map_err(|e| crate::form_rejection(cx.lang, e, limit))
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
        .route("/admin/account", get(account_form))
        .route("/admin/password", get(account_form).post(change_password))
        .route("/admin/language", post(change_language))
        .route("/admin/comments", get(comments))
        .route("/admin/comments/{id}", post(moderate))
        .route("/admin/comments/{id}/edit", get(edit_form).post(edit))
        .route("/admin/articles/{lang}/{slug}", post(close_or_open))
        .route("/admin/bans", get(bans).post(add_ban))
        .route("/admin/bans/{id}/delete", post(remove_ban))
        .route(
            "/admin/words",
            get(words)
                .post(save_words)
                .layer(axum::extract::DefaultBodyLimit::max(MAX_WORDS_FORM_BYTES)),
        )
        .route("/admin/log", get(log))
        .route("/admin/questions", get(questions))
        .merge(accounts::routes())
        .merge(editor::routes())
        .merge(media::routes())
        .merge(tags::routes())
}

/// The `admin.ftl` key of a comment status's name.
fn status_key(s: Status) -> &'static str {
    match s {
        Status::Pending => "admin-status-pending",
        Status::Approved => "admin-status-approved",
        Status::Spam => "admin-status-spam",
        Status::Deleted => "admin-status-deleted",
    }
}

/// A role's name in `lang`; an unknown one as stored.
fn role_name(lang: Lang, role: &str) -> String {
    let key = match role {
        "admin" => "admin-role-admin",
        "editor" => "admin-role-editor",
        "moderator" => "admin-role-moderator",
        "author" => "admin-role-author",
        other => return other.to_string(),
    };
    i18n::text(lang, key, &[])
}

async fn stats(cx: &Ctx) -> Result<Vec<Value>, AppError> {
    let counts = cx.app.store().status_counts().await?;
    Ok(Status::ALL
        .iter()
        .map(|s| {
            let count = counts.get(s).copied().unwrap_or(0);
            context! {
                status => s.as_str(),
                label => cx.t(status_key(*s)),
                count => i18n::digits(cx.lang, &count.to_string()),
            }
        })
        .collect())
}

async fn dashboard(cx: Ctx) -> Result<Response, AppError> {
    let me = cx.require(None).await?;
    let stats = stats(&cx).await?;
    let refused = match me.role.can(Permission::ReadEditorialData) {
        true => refused_files(&cx),
        false => Vec::new(),
    };
    let reserved = match me.role.can(Permission::WriteArticles) {
        true => at_reserved_slugs(&cx).await?,
        false => Vec::new(),
    };
    cx.render(
        StatusCode::OK,
        Some(&me),
        View::new(
            "dashboard",
            cx.t("admin-title-dashboard"),
            context! { stats, refused, reserved },
        ),
    )
}

/// The articles published in the editor at a slug the site now keeps for
/// its own pages (saved before it did: `ask`), which it does not serve: the
/// dashboard names each, with a link to its edit page, where another slug
/// moves it. Unpublished, it is no longer named.
async fn at_reserved_slugs(cx: &Ctx) -> Result<Vec<Value>, AppError> {
    Ok(cx
        .app
        .store()
        .editor_states()
        .await?
        .into_iter()
        .filter(|s| s.published_id.is_some() && editor::reserved_slug(&s.slug))
        .map(|s| {
            let lang = s.lang.parse::<Lang>().ok();
            context! {
                lang => lang.map(Lang::code),
                dir => lang.map_or("auto", Lang::dir),
                title => s.head.title,
                address => format!("/{}/{}", s.lang, s.slug),
                url => format!("/admin/articles/{}/{}/edit", s.lang, s.slug),
            }
        })
        .collect())
}

/// A content file the site refused, as the dashboard lists it.
#[derive(Serialize)]
struct RefusedFile {
    path: String,
    /// Each problem as `askaf check` says it, in the editor's language,
    /// with its line: HTML, escaped already.
    problems: Vec<Value>,
}

/// The content files this node refused ([`askaf_site::Served::refused_files`]),
/// their problems said as a content file's are, key and all
/// ([`check::Origin::File`]): whoever mends them edits the file.
fn refused_files(cx: &Ctx) -> Vec<RefusedFile> {
    cx.app
        .served()
        .refused_files()
        .into_iter()
        .map(|(path, problems)| refused_file_view(cx, &path, &problems))
        .collect()
}

/// The content file `path` as the dashboard lists it, if this node
/// refused its last change: for the editor's page of its article.
fn refused_file(cx: &Ctx, path: &std::path::Path) -> Option<RefusedFile> {
    cx.app
        .served()
        .refused_files()
        .into_iter()
        .find(|(p, _)| p == path)
        .map(|(path, problems)| refused_file_view(cx, &path, &problems))
}

fn refused_file_view(
    cx: &Ctx,
    path: &std::path::Path,
    problems: &[askaf_content::Problem],
) -> RefusedFile {
    RefusedFile {
        path: path.display().to_string(),
        problems: problems
            .iter()
            .map(|p| {
                let line = cx.t_with("admin-refused-line", &[("line", cx.num(p.line))]);
                let said = check::problem_html(cx.lang, &p.kind, check::Origin::File);
                Value::from_safe_string(format!("{}: {said}", crate::markup::escape(&line)))
            })
            .collect(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NextQuery {
    next: String,
    /// `signed-out`, after the *Log out* button: the page says so.
    notice: String,
}

/// Only editorial pages of this site, so the login form cannot bounce anyone elsewhere.
fn safe_next(next: &str) -> String {
    if next.starts_with("/admin") && !next.starts_with("//") && !next.contains('\\') {
        next.to_string()
    } else {
        "/admin".to_string()
    }
}

fn login_view<'a>(cx: &Ctx, next: &str, username: &str) -> View<'a> {
    // The form posts back in the language it is shown in.
    let action = match cx.uri.query().is_some_and(|q| q.contains("lang=")) {
        true => format!("/admin/login?lang={}", cx.lang),
        false => "/admin/login".to_string(),
    };
    View::new(
        "login",
        cx.t("admin-title-login"),
        context! { next => safe_next(next), username => username, action },
    )
}

async fn login_form(
    cx: Ctx,
    q: Result<Query<NextQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let q = query(q);
    let view = login_view(&cx, &q.next, "");
    let view = match q.notice.as_str() {
        "signed-out" => view.notice(cx.t("admin-notice-signed-out")),
        _ => view,
    };
    cx.render(StatusCode::OK, None, view)
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
    let form = read(&cx, form)?;
    cx.csrf(&form.csrf)?;
    let name = form.username.trim().to_lowercase();
    let mut user = match check_login(&cx, &name, &form.password).await? {
        Ok(user) => user,
        Err(LoginRefused::Throttled(wait)) => {
            let view = login_view(&cx, &form.next, &name).error(cx.throttled(wait));
            let mut r = cx.render(StatusCode::TOO_MANY_REQUESTS, None, view)?;
            r.headers_mut().insert(header::RETRY_AFTER, wait.into());
            return Ok(r);
        }
        Err(LoginRefused::Wrong) => {
            let view = login_view(&cx, &form.next, &name).error(cx.t("admin-error-login-wrong"));
            return cx.render(StatusCode::UNAUTHORIZED, None, view);
        }
    };
    // An account whose user has not chosen a language takes the one they
    // signed in in, as chosen: the login page's asked for (`?lang=`), else
    // their browser's (a new Pashto moderator who signed in on a Pashto
    // page was answered in English until 6 December). Not the language of
    // another staff member's pages on this browser (a session still live,
    // the `askaf_admin_lang` cookie), which says nothing of this user's.
    let own = crate::query_lang(cx.uri.query()).or_else(|| crate::accepted_lang(&cx.headers));
    if let Some(lang) = own.filter(|_| !user.lang_chosen) {
        if cx.app.store().adopt_user_lang(&user.username, lang).await? {
            user.lang = lang;
        }
    }
    // The session this browser had, if any, ends: a sign-in starts afresh,
    // so a token copied or planted before it does not live on beside it.
    cx.end_session().await?;
    let cookie = cx.start_session(user.id).await?;
    tracing::info!(username = %user.username, "logged in");
    let mut r = see_other(&safe_next(&form.next));
    r.headers_mut().append(header::SET_COOKIE, cookie);
    // The form tokens' seed is new too, as the session is.
    if let Some(seed) = Seed::fresh(&cx.client).set_cookie {
        r.headers_mut().append(header::SET_COOKIE, seed);
    }
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
    let counted = |of, window: u64| async move {
        let (count, oldest_age) = store.login_failures(of, window as i64).await?;
        Ok::<_, AppError>(askaf_auth::Failures { count, oldest_age })
    };
    let failures = askaf_auth::LoginFailures {
        account_from_address: counted(
            FailuresOf::AccountFromAddress(name, &ip),
            throttle.window_seconds,
        )
        .await?,
        address: counted(FailuresOf::Address(&ip), throttle.window_seconds).await?,
        account: counted(FailuresOf::Account(name), throttle.account_window_seconds).await?,
    };
    if let Err(wait) = throttle.check(&failures) {
        return Ok(Err(LoginRefused::Throttled(wait)));
    }
    let account = store.user_for_login(name).await?;
    let password = password.to_string();
    // Without an account the work is the same, so timing does not tell which names exist.
    let hash = account
        .as_ref()
        .map(|(_, h)| h.clone())
        .unwrap_or_else(|| askaf_auth::dummy_hash().to_string());
    // argon2 takes tens of milliseconds: off the async threads. A hash made
    // with weaker parameters than today's (an older build's, an imported
    // account's) is made again now, while the password is at hand.
    let checked = hash.clone();
    let (ok, stronger) = tokio::task::spawn_blocking(move || {
        let ok = askaf_auth::verify_password(&checked, &password);
        let stronger = (ok && askaf_auth::needs_rehash(&checked))
            .then(|| askaf_auth::hash_password(&password).ok())
            .flatten();
        (ok, stronger)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let Some((user, _)) = account.filter(|_| ok) else {
        store.record_login_failure(name, &ip).await?;
        tracing::warn!(username = %name, %ip, "failed login");
        return Ok(Err(LoginRefused::Wrong));
    };
    store.clear_login_failures(name).await?;
    if let Some(stronger) = stronger {
        if store
            .upgrade_password_hash(&user.username, &hash, &stronger)
            .await?
        {
            tracing::info!(username = %user.username, "password hash made again with today's parameters");
        }
    }
    Ok(Ok(user))
}

/// A sign-in typed into another form (the editor's, after its session
/// expired): the account, or why it was refused (counted as a login's).
async fn verify_login(
    cx: &Ctx,
    name: &str,
    password: &str,
) -> Result<Result<User, LoginRefused>, AppError> {
    check_login(cx, &name.trim().to_lowercase(), password).await
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
    cx.csrf(&read(&cx, form)?.csrf)?;
    cx.end_session().await?;
    let mut r = see_other("/admin/login?notice=signed-out");
    r.headers_mut()
        .append(header::SET_COOKIE, cx.session_cookie("", 0));
    Ok(r)
}

/// The account page: the interface language, and the password.
fn account_view<'a>(cx: &Ctx) -> View<'a> {
    View::new("password", cx.t("admin-title-account"), context! {})
}

async fn account_form(
    cx: Ctx,
    q: Result<Query<StatusQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(None).await?;
    let view = account_view(&cx).notice_html(notice_html(&cx, &query(q).notice));
    cx.render(StatusCode::OK, Some(&me), view)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LanguageForm {
    lang: String,
    /// The editorial page the choice was made on, shown again in the new language.
    back: String,
    csrf: String,
}

/// Sets the account's interface language: from then on every editorial
/// page and message is in it, in every session of the account.
async fn change_language(
    cx: Ctx,
    form: Result<Form<LanguageForm>, FormRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(None).await?;
    let form = read(&cx, form)?;
    cx.csrf(&form.csrf)?;
    let lang: Lang = form
        .lang
        .parse()
        .map_err(|_| cx.bad_request_english("admin-error-language", LANGUAGE_CODES))?;
    let store = cx.app.store();
    store.set_user_lang(&me.user.username, lang).await?;
    store
        .log_action(
            "language changed",
            &Detail::LanguageChanged {
                name: me.user.username.clone(),
                from: me.user.lang.code().to_string(),
                to: lang.code().to_string(),
            },
            &me.user.username,
        )
        .await?;
    let back = safe_next(&form.back);
    let mut r = see_other(if back == "/admin/account" || back == "/admin/password" {
        "/admin/account?notice=language"
    } else {
        back.as_str()
    });
    // This browser keeps the choice beyond the session (see `Ctx::render`).
    r.headers_mut().append(
        header::SET_COOKIE,
        security::admin_lang_cookie(lang, cx.client.https),
    );
    Ok(r)
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
    let form = read(&cx, form)?;
    cx.csrf(&form.csrf)?;
    let fail = |msg: String| {
        let view = account_view(&cx).error(msg);
        cx.render(StatusCode::BAD_REQUEST, Some(&me), view)
    };
    if form.new != form.confirm {
        return fail(cx.t("admin-error-passwords-differ"));
    }
    if let Err(e) = askaf_auth::check_password_policy(&form.new) {
        return fail(password_problem(&cx, &e));
    }
    let store = cx.app.store();
    let Some((_, hash)) = store.user_for_login(&me.user.username).await? else {
        return Err(AppError::LoginRequired {
            lang: cx.lang,
            next: None,
        });
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
        return fail(cx.t("admin-error-password-wrong"));
    };
    // Ends every session of the account, this one too; a fresh one follows.
    store.set_password(&me.user.username, &hashed).await?;
    let cookie = cx.start_session(me.user.id).await?;
    let view = account_view(&cx).notice(cx.t("admin-notice-password-changed"));
    let mut r = cx.render(StatusCode::OK, Some(&me), view)?;
    r.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(r)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StatusQuery {
    status: String,
    notice: String,
    /// Where the page before ended (a comment's id): the queue in pages.
    after: String,
    /// The comment a moderator's decision (`notice`) was about, and where
    /// it stood before it (`was`, a status): what the notice names and
    /// offers to put back ([`decided_notice`]).
    comment: String,
    was: String,
}

/// How many comments a page of the moderation queue shows.
const QUEUE_PAGE: u32 = 200;

/// The languages' codes, as arguments of a message that names them (they
/// stay English in Dari and Pashto).
const LANGUAGE_CODES: &[(&str, &str)] = &[("en", "en"), ("fa", "fa"), ("ps", "ps")];

/// What the page says after an action redirected back to it (`?notice=`),
/// as HTML: only the codes listed here, so a link cannot make the page say
/// anything; "API", which Dari and Pashto keep in English, marked as
/// English in their sentence ([`reasons::english_html`]; English writes it
/// itself).
fn notice_html(cx: &Ctx, code: &str) -> String {
    let key = match code {
        "approved" => "admin-notice-approved",
        "marked-spam" => "admin-notice-marked-spam",
        "deleted" => "admin-notice-deleted",
        "requeued" => "admin-notice-requeued",
        "edited" => "admin-notice-edited",
        "closed" => "admin-notice-closed",
        "opened" => "admin-notice-opened",
        "banned" => "admin-notice-banned",
        "unbanned" => "admin-notice-unbanned",
        "words" => "admin-notice-words",
        "draft-saved" => "admin-notice-draft-saved",
        "published" => "admin-notice-published",
        "unpublished" => "admin-notice-unpublished",
        "unpublished-translations" => "admin-notice-unpublished-translations",
        "review" => "admin-notice-review",
        "scheduled" => "admin-notice-scheduled",
        "unscheduled" => "admin-notice-unscheduled",
        "unscheduled-saved" => "admin-notice-unscheduled-saved",
        "unapplied-cleared" => "admin-notice-unapplied-cleared",
        "restored" => "admin-notice-restored",
        "moved" => "admin-notice-moved",
        "up-to-date" => "admin-notice-up-to-date",
        "up-to-date-draft" => "admin-notice-up-to-date-draft",
        "up-to-date-conflict" => "admin-notice-up-to-date-conflict",
        "restore-conflict" => "admin-notice-restore-conflict",
        "language" => "admin-notice-language",
        "created" => "admin-notice-created",
        "role" => "admin-notice-role",
        "password" => "admin-notice-password",
        "removed" => "admin-notice-removed",
        "tag-labels" => "admin-notice-tag-labels",
        _ => return String::new(),
    };
    reasons::Message::new(key)
        .markup("api", reasons::english_html("API"), "API")
        .html(cx.lang)
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
            // The statuses as the address writes them, English in every
            // language's sentence.
            let said = ["pending", "approved", "spam", "deleted"]
                .into_iter()
                .fold(reasons::Message::new("admin-error-status"), |m, s| {
                    m.markup(s, reasons::english_html(s), s)
                });
            AppError::bad_request_html(cx.lang, said.text(cx.lang), said.html(cx.lang))
        })?
    };
    let after = match q.after.as_str() {
        "" => None,
        id => Some(parse_id(&cx, id)?),
    };
    let mut list = cx
        .app
        .store()
        .comments_with_status_after(status, after, QUEUE_PAGE + 1)
        .await?;
    // One more than a page was asked for, to know whether there is a next.
    let next = if list.len() > QUEUE_PAGE as usize {
        list.truncate(QUEUE_PAGE as usize);
        list.last().map(|c| c.id)
    } else {
        None
    };
    let items: Vec<Value> = list
        .iter()
        .map(|c| {
            context! {
                id => c.id,
                name => c.author_name.clone(),
                email => c.author_email.clone(),
                ip => c.author_ip.clone(),
                created_at => c.created_at.clone(),
                created_text => stamp(cx.lang, &c.created_at),
                // Which comment each of its buttons acts on, said after
                // the button's word for a screen reader.
                which => Value::from_safe_string(
                    reasons::Message::new("admin-comment-which")
                        .arg("id", cx.num(c.id))
                        .typed("name", &c.author_name)
                        .arg("when", FluentValue::from(stamp(cx.lang, &c.created_at)))
                        .html(cx.lang),
                ),
                // In English, a comment on a Dari or Pashto article also has
                // its day as that article's readers date it, in the Solar
                // Hijri calendar (the Dari and Pashto pages show that day
                // anyway): Kabul's day, as the time beside it is.
                solar => (c.lang != Lang::En && cx.lang == Lang::En).then(|| clock::day(c.lang, &c.created_at)),
                lang => c.lang.code(),
                article_url => format!("/{}/{}", c.lang, c.slug),
                article_title => article_title(&cx.app, c.lang, &c.slug),
                parent_id => c.parent_id,
                held => reasons::held_html(cx.lang, c).map(Value::from_safe_string),
                staff => c.staff.clone(),
                html => c.body_html.clone(),
                // Where each of its links leads, for the moderator to see
                // before approving it.
                links => askaf_comments::links(&c.body)
                    .into_iter()
                    .map(|l| context! { text => l.text, href => l.href })
                    .collect::<Vec<_>>(),
                body_lang => crate::comments::written_lang(&c.body).map(Lang::code),
                body_dir => crate::comments::written_dir(&c.body),
                status => c.status.as_str(),
            }
        })
        .collect();
    let stats = stats(&cx).await?;
    let heading = cx.t_with(
        "admin-title-comments",
        &[("status", FluentValue::from(cx.t(status_key(status))))],
    );
    let view = View::new(
        "comments",
        heading,
        context! {
            stats,
            comments => items,
            status => status.as_str(),
            next,
            later => after.is_some(),
            page_size => i18n::digits(cx.lang, &QUEUE_PAGE.to_string()),
        },
    )
    .notice_html(notice_html(&cx, &q.notice));
    let view = match decided_notice(&cx, &q).await? {
        Some((notice, undo)) => {
            let mut view = view.notice_html(notice);
            view.extra = context! { undo, ..view.extra };
            view
        }
        None => view,
    };
    cx.render(StatusCode::OK, Some(&me), view)
}

/// The status a moderator's decision puts a comment in, by the notice
/// that says it was done (`?notice=approved`); `None` for another notice.
fn decided_status(notice: &str) -> Option<Status> {
    match notice {
        "approved" => Some(Status::Approved),
        "marked-spam" => Some(Status::Spam),
        "deleted" => Some(Status::Deleted),
        "requeued" => Some(Status::Pending),
        _ => None,
    }
}

/// The notice after a moderator's decision, as HTML, naming the comment
/// (`Approved: … Comment #3 by Maryam: “This article was…”`), and the
/// decision that undoes it (a form's `id`, `action` and `label`): where
/// the comment stood before (`?was=`), while the decision still holds
/// (the comment has not moved since). `None` when the query names no
/// comment there is, or its notice is not a decision's.
async fn decided_notice(cx: &Ctx, q: &StatusQuery) -> Result<Option<(String, Value)>, AppError> {
    let (Some(now), Ok(id)) = (decided_status(&q.notice), q.comment.parse::<i64>()) else {
        return Ok(None);
    };
    let Some(c) = cx.app.store().comment(id).await? else {
        return Ok(None);
    };
    let start = comment_start(&c.body);
    let lang =
        crate::comments::written_lang(&c.body).map_or(String::new(), |l| format!(r#" lang="{l}""#));
    let start_html = format!(
        r#"<bdi{lang} dir="{}">{}</bdi>"#,
        crate::comments::written_dir(&c.body),
        crate::markup::escape(&start)
    );
    let which = reasons::Message::new("admin-notice-which")
        .arg("id", cx.num(c.id))
        .typed("name", &c.author_name)
        .markup("start", start_html, &start)
        .html(cx.lang);
    let notice = format!("{} {which}", notice_html(cx, &q.notice));
    let undo = Status::parse(&q.was)
        .filter(|was| *was != now && c.status == now)
        .map(|was| {
            let label = cx.t_with("admin-undo", &[("to", FluentValue::from(was.as_str()))]);
            context! { id => c.id, action => Moderation::to(was).as_str(), label }
        });
    Ok(Some((notice, Value::from(undo))))
}

/// A comment's first words, for a notice to name it by: up to eight, and
/// 60 characters, with `…` when there are more.
fn comment_start(markdown: &str) -> String {
    let text = askaf_comments::plain_text(markdown);
    let mut start = String::new();
    for (n, word) in text.split_whitespace().enumerate() {
        if n == 8 || start.chars().count() + word.chars().count() > 60 {
            return format!("{start}…");
        }
        if n > 0 {
            start.push(' ');
        }
        start.push_str(word);
    }
    start
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ModerateForm {
    action: String,
    back: String,
    csrf: String,
}

/// The number in an address's path, or a 400 naming what is there
/// instead, quoted in a `<bdi>` as what someone typed is.
fn parse_id(cx: &Ctx, s: &str) -> Result<i64, AppError> {
    s.parse::<i64>().map_err(|_| {
        let said = reasons::Message::new("admin-error-not-a-number").typed("value", s);
        AppError::bad_request_html(cx.lang, said.text(cx.lang), said.html(cx.lang))
    })
}

async fn moderate(
    cx: Ctx,
    Path(id): Path<String>,
    form: Result<Form<ModerateForm>, FormRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ModerateComments)).await?;
    let form = read(&cx, form)?;
    cx.csrf(&form.csrf)?;
    let id = parse_id(&cx, &id)?;
    let action =
        Moderation::parse(&form.action).ok_or_else(|| cx.bad_request("admin-error-moderation"))?;
    let Some(askaf_store::Moderated { comment: c, was }) = cx
        .app
        .store()
        .moderate(id, action, &me.user.username)
        .await?
    else {
        return Err(cx.not_found());
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
    // The notice names the comment, and offers to put it back where it
    // stood ([`decided_notice`]).
    Ok(see_other(&format!(
        "/admin/comments?status={}&notice={done}&comment={}&was={}",
        back.as_str(),
        c.id,
        was.as_str()
    )))
}

/// The edit form, with what was typed and the comment's history.
async fn edit_view(
    cx: &Ctx,
    c: &askaf_store::Comment,
    name: &str,
    body: &str,
) -> Result<Value, AppError> {
    let history: Vec<Value> = cx
        .app
        .store()
        .decisions(Some(c.id), 50)
        .await?
        .iter()
        .map(|d| {
            let detail = reasons::detail_html(cx.lang, d);
            let detail = if detail.is_empty() {
                detail
            } else {
                format!(": {detail}")
            };
            // Who decided, named as the log names them ([`actor_html`]):
            // until 7 December the name stood bare in the sentence, and a
            // Dari or Pashto one moved a name's last full stop to its start.
            let by = d
                .actor
                .as_deref()
                .map(|a| {
                    let by = reasons::Message::new("admin-history-by")
                        .markup("name", actor_html(cx, a), a)
                        .html(cx.lang);
                    format!(" ({by})")
                })
                .unwrap_or_default();
            let action = action_name(cx.lang, &d.action);
            Value::from_safe_string(format!(
                "{} {}{detail}{by}",
                crate::markup::escape(&when(cx.lang, d.at_unix)),
                crate::markup::escape(&action),
            ))
        })
        .collect();
    Ok(context! {
        comment => context! { id => c.id, name => name, body => body, status => c.status.as_str() },
        history,
    })
}

async fn edit_form(cx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ModerateComments)).await?;
    let Some(c) = cx.app.store().comment(parse_id(&cx, &id)?).await? else {
        return Err(cx.not_found());
    };
    let extra = edit_view(&cx, &c, &c.author_name, &c.body).await?;
    cx.render(
        StatusCode::OK,
        Some(&me),
        View::new("edit", edit_heading(&cx, c.id), extra),
    )
}

fn edit_heading(cx: &Ctx, id: i64) -> String {
    cx.t_with("admin-title-edit-comment", &[("id", cx.num(id))])
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EditForm {
    name: String,
    body: String,
    csrf: String,
    #[serde(flatten)]
    login: SignIn,
}

async fn edit(
    cx: Ctx,
    Path(id): Path<String>,
    form: Result<Form<EditForm>, FormRejection>,
) -> Result<Response, AppError> {
    let form = read(&cx, form)?;
    let id = parse_id(&cx, &id)?;
    let poster = cx
        .poster(Permission::ModerateComments, &form.csrf, &form.login)
        .await?;
    let Poster::Signed(me, cookie) = poster else {
        // Not saved; the moderator keeps what they typed, and is shown
        // nothing of the comment they did not send.
        let extra = context! {
            comment => context! { id => id, name => form.name, body => form.body, status => "pending" },
            history => Vec::<String>::new(),
            login => matches!(poster, Poster::Lapsed(_)),
        };
        return cx.not_done(&poster, View::new("edit", edit_heading(&cx, id), extra));
    };
    let Some(c) = cx.app.store().comment(id).await? else {
        return Err(cx.not_found());
    };
    let name = askaf_comments::AuthorName::parse(&form.name);
    let body = askaf_comments::CommentBody::parse(&form.body);
    let (name, body) = match (name, body) {
        (Ok(n), Ok(b)) => (n, b),
        (n, b) => {
            // Not saved; the moderator keeps what they typed.
            let extra = edit_view(&cx, &c, &form.name, &form.body).await?;
            let mut view = View::new("edit", edit_heading(&cx, c.id), extra);
            if let Err(e) = n {
                let problem = field_problem(&cx, &e).into();
                view = view.error(cx.t_with("admin-error-name", &[("problem", problem)]));
            }
            if let Err(e) = b {
                let problem = field_problem(&cx, &e).into();
                view = view.error(cx.t_with("admin-error-comment", &[("problem", problem)]));
            }
            let r = cx.render(StatusCode::BAD_REQUEST, Some(&me), view)?;
            return Ok(with_session(r, cookie));
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
    let r = see_other(&format!(
        "/admin/comments?status={}&notice=edited",
        c.status.as_str()
    ));
    Ok(with_session(r, cookie))
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
    let form = read(&cx, form)?;
    cx.csrf(&form.csrf)?;
    let lang: Lang = lang
        .parse()
        .map_err(|_| cx.bad_request_english("admin-error-language", LANGUAGE_CODES))?;
    if cx.app.site().get(lang, &slug).is_none() {
        return Err(cx.not_found());
    }
    let closed = match form.action.as_str() {
        "close" => true,
        "open" => false,
        _ => {
            return Err(cx.bad_request_english(
                "admin-error-close-open",
                &[("close", "close"), ("open", "open")],
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
    /// The ban the moderator confirmed though it holds their own address
    /// (as [`BanTarget`] writes it), after the warning that says so.
    confirmed: String,
    csrf: String,
    #[serde(flatten)]
    login: SignIn,
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
                created_at => stamp(cx.lang, &b.created_at), created_by => b.created_by.clone(),
                kind_name => match b.kind.as_str() {
                    "email" => cx.t("admin-ban-email"),
                    "network" => cx.t("admin-ban-network"),
                    other => other.to_string(),
                },
            }
        })
        .collect();
    Ok(View::new(
        "bans",
        cx.t("admin-title-bans"),
        context! {
            bans, target => form.target.clone(), note => form.note.clone(),
            target_label => ban_target_label(cx),
        },
    ))
}

async fn bans(
    cx: Ctx,
    q: Result<Query<StatusQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ManageSpamDefences)).await?;
    let view = bans_view(&cx, &BanForm::default()).await?;
    let notice = notice_html(&cx, &query(q).notice);
    cx.render(StatusCode::OK, Some(&me), view.notice_html(notice))
}

async fn add_ban(
    cx: Ctx,
    form: Result<Form<BanForm>, FormRejection>,
) -> Result<Response, AppError> {
    let form = read(&cx, form)?;
    let poster = cx
        .poster(Permission::ManageSpamDefences, &form.csrf, &form.login)
        .await?;
    let (me, cookie) = match poster {
        Poster::Signed(me, cookie) => (me, cookie),
        Poster::Unverified(_) => return cx.not_done(&poster, bans_view(&cx, &form).await?),
        Poster::Lapsed(_) => {
            // What was typed, and a sign-in; not the bans, to someone not
            // signed in.
            let extra = context! {
                bans => Vec::<Value>::new(), target => form.target, note => form.note, login => true,
                target_label => ban_target_label(&cx),
            };
            let view = View::new("bans", cx.t("admin-title-bans"), extra);
            return cx.not_done(&poster, view);
        }
    };
    let target = match BanTarget::parse(&form.target) {
        Ok(t) => t,
        Err(e) => {
            let view = bans_view(&cx, &form)
                .await?
                .error_html(ban_problem(&cx, &e));
            let r = cx.render(StatusCode::BAD_REQUEST, Some(&me), view)?;
            return Ok(with_session(r, cookie));
        }
    };
    // A network that holds the moderator's own address would refuse
    // their comments too: said first, and banned only once confirmed.
    if target.matches(None, Some(cx.client.ip)) && form.confirmed != target.to_string() {
        let warning = reasons::Message::new("admin-ban-own-address")
            .ltr("target", &target.to_string())
            .ltr("address", &cx.client.ip.to_canonical().to_string())
            .html(cx.lang);
        let mut view = bans_view(&cx, &form).await?.error_html(warning);
        view.extra = context! { confirm => target.to_string(), ..view.extra };
        let r = cx.render(StatusCode::CONFLICT, Some(&me), view)?;
        return Ok(with_session(r, cookie));
    }
    let note: String = form.note.trim().chars().take(200).collect();
    let added = cx
        .app
        .store()
        .add_ban(target.kind(), &target.to_string(), &note, &me.user.username)
        .await;
    match added {
        Ok(_) => Ok(with_session(see_other("/admin/bans?notice=banned"), cookie)),
        // The one conflict of a ban: the same target banned already.
        Err(askaf_store::Error::Conflict(_)) => {
            let exists = reasons::message_html(
                cx.lang,
                "admin-error-ban-exists",
                vec![],
                &[("target", &target.to_string())],
            );
            let view = bans_view(&cx, &form).await?.error_html(exists);
            let r = cx.render(StatusCode::CONFLICT, Some(&me), view)?;
            Ok(with_session(r, cookie))
        }
        Err(e) => Err(e.into()),
    }
}

/// A ban's Lift form: its `target` only to say, if the session lapsed,
/// which ban it lifts (the ban is the one the address names).
#[derive(Deserialize, Default)]
#[serde(default)]
struct LiftForm {
    target: String,
    csrf: String,
    #[serde(flatten)]
    login: SignIn,
}

async fn remove_ban(
    cx: Ctx,
    Path(id): Path<String>,
    form: Result<Form<LiftForm>, FormRejection>,
) -> Result<Response, AppError> {
    let form = read(&cx, form)?;
    // Lifted after a sign-in in the form, when the session lapsed; nothing
    // of the bans is read before it.
    let poster = cx
        .poster(Permission::ManageSpamDefences, &form.csrf, &form.login)
        .await?;
    let id = match parse_id(&cx, &id) {
        Ok(id) => id,
        Err(refusal) => return cx.refused_as_posted(poster, refusal),
    };
    let Poster::Signed(me, cookie) = poster else {
        let target = match form.target.trim() {
            "" => format!("#{id}"),
            t => t.to_string(),
        };
        let again = Again {
            what: cx.t_with("admin-again-lift", &[("target", target.into())]),
            fields: vec![("target", form.target)],
            password_for: None,
            button: cx.t("admin-lift"),
            sign_in: cx.t("admin-sign-in-lift"),
        };
        return cx.again_page(&poster, "bans", cx.t("admin-title-bans"), again);
    };
    let removed = cx
        .app
        .store()
        .remove_ban(id, &me.user.username)
        .await
        .map_err(AppError::from);
    let r = match removed {
        Ok(true) => see_other("/admin/bans?notice=unbanned"),
        Ok(false) => cx.not_found().into_response(),
        Err(e) => e.into_response(),
    };
    Ok(with_session(r, cookie))
}

async fn words(
    cx: Ctx,
    q: Result<Query<StatusQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ManageSpamDefences)).await?;
    let text = cx.app.store().spam_patterns().await?.unwrap_or_default();
    let view = View::new(
        "words",
        cx.t("admin-title-words"),
        context! { words => text },
    )
    .notice_html(notice_html(&cx, &query(q).notice));
    cx.render(StatusCode::OK, Some(&me), view)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WordsForm {
    body: String,
    csrf: String,
    #[serde(flatten)]
    login: SignIn,
}

/// What the word list's form takes: a list as long as its field lets one
/// type ([`askaf_comments::MAX_PATTERN_LIST_CHARS`]) at its largest
/// URL-encoded (9 bytes a character: three UTF-8 bytes, each `%XX`; a line
/// break is `%0D%0A`), and the site's 64 KB for the rest. A longer list,
/// pasted past the field by an older browser, still arrives up to this, to
/// come back as typed with the limit it broke rather than lost to a 413.
const MAX_WORDS_FORM_BYTES: usize =
    9 * askaf_comments::MAX_PATTERN_LIST_CHARS + crate::MAX_BODY_BYTES;

async fn save_words(
    cx: Ctx,
    form: Result<Form<WordsForm>, FormRejection>,
) -> Result<Response, AppError> {
    let form = read_within(&cx, form, MAX_WORDS_FORM_BYTES)?;
    let body = form.body.replace("\r\n", "\n");
    let words_view = |login: bool| {
        View::new(
            "words",
            cx.t("admin-title-words"),
            context! { words => body.clone(), login },
        )
    };
    let poster = cx
        .poster(Permission::ManageSpamDefences, &form.csrf, &form.login)
        .await?;
    let Poster::Signed(me, cookie) = poster else {
        // Not saved, and the moderator keeps what they typed.
        let login = matches!(poster, Poster::Lapsed(_));
        return cx.not_done(&poster, words_view(login));
    };
    if let Err(e) = Patterns::parse(&body) {
        let words = match e {
            PatternError::TooLong { chars, max } => crate::markup::escape(&cx.t_with(
                "admin-error-words-too-long",
                &[("chars", cx.num(chars)), ("max", cx.num(max))],
            )),
            PatternError::Line { line, problem } => pattern_problem(&cx, line, &problem),
        };
        let r = cx.render(
            StatusCode::BAD_REQUEST,
            Some(&me),
            words_view(false).error_html(words),
        )?;
        return Ok(with_session(r, cookie));
    }
    cx.app
        .store()
        .set_spam_patterns(&body, &me.user.username)
        .await?;
    Ok(with_session(see_other("/admin/words?notice=words"), cookie))
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
            let article = log_article(d);
            let from: Vec<String> = [d.ip.clone(), d.email.clone()]
                .into_iter()
                .flatten()
                .collect();
            context! {
                when => when(cx.lang, d.at_unix),
                action => action_name(cx.lang, &d.action),
                comment_id => d.comment_id,
                detail => Value::from_safe_string(reasons::detail_html(cx.lang, d)),
                article,
                from => from.join(" "),
                actor => Value::from_safe_string(d.actor.as_deref().map_or_else(
                    || crate::markup::escape(&cx.t("admin-log-automatic")),
                    |a| actor_html(&cx, a),
                )),
                // The reasons' codes, English words the site does not
                // translate (`no-email`), marked as English.
                codes => (!d.codes.is_empty()).then(|| Value::from_safe_string(reasons::english_html(&d.codes))),
            }
        })
        .collect();
    let view = View::new("log", cx.t("admin-title-log"), context! { log => rows });
    cx.render(StatusCode::OK, Some(&me), view)
}

/// The article a line of the decision log is about, as its address and a
/// link to it: to the comment the line is about where the article shows it
/// (`#comment-N`, approved), else to the article; `None` for a line about
/// no article.
fn log_article(d: &askaf_store::Decision) -> Option<Value> {
    let (lang, slug) = (d.lang.as_deref()?, d.slug.as_deref()?);
    let address = format!("/{lang}/{slug}");
    let href = match (d.comment_id, d.comment_status) {
        (Some(id), Some(Status::Approved)) => format!("{address}#comment-{id}"),
        _ => address.clone(),
    };
    Some(context! { address, href })
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
                // Each language's name in itself, marked with its language.
                langs => q.langs.iter().map(|l| match l.parse::<Lang>() {
                    Ok(l) => context! { code => l.code(), name => l.native_name(), dir => l.dir() },
                    Err(_) => context! { code => l, name => l, dir => "auto" },
                }).collect::<Vec<_>>(),
                unanswered => i18n::digits(cx.lang, &q.unanswered.to_string()),
                not_helpful => i18n::digits(cx.lang, &q.not_helpful.to_string()),
                last_asked => when(cx.lang, chrono::DateTime::parse_from_rfc3339(&q.last_asked).map(|t| t.timestamp()).unwrap_or(0)),
                answer_url => q.answer.as_ref().map(|a| a.0.clone()),
                answer_text => q.answer.as_ref().map(|a| a.1.clone()),
                answer_lang => q.answer.as_ref().and_then(|a| address_lang(&a.0)).map(Lang::code),
                why => q.decision.as_deref().and_then(|d| why_unanswered(&cx, d)),
                near_url => q.near.as_ref().map(|n| n.0.clone()),
                near_text => q.near.as_ref().map(|n| n.1.clone()),
                near_lang => q.near.as_ref().and_then(|n| address_lang(&n.0)).map(Lang::code),
                // The article that would answer it: the one whose answer
                // the reader said did not, else the one that nearly did.
                fix => can_write.then(|| q.answer.as_ref().or(q.near.as_ref()).and_then(|a| answering_article(&cx, &a.0, &q.lang))).flatten(),
                write,
            }
        })
        .collect();
    let view = View::new(
        "questions",
        cx.t("admin-title-questions"),
        context! { questions => rows, list_separator => cx.t("admin-list-separator") },
    );
    cx.render(StatusCode::OK, Some(&me), view)
}

/// The language of the article at `address` (`/en/slug#p-3`, a sentence's
/// paragraph Ask quoted or weighed): the sentence's own, which a Dari or
/// Pashto editor's list read as its own language (a screen reader spoke an
/// English sentence with Dari's voice).
fn address_lang(address: &str) -> Option<Lang> {
    address.strip_prefix('/')?.split('/').next()?.parse().ok()
}

/// A link to the editing of the article at `address` (`/en/slug#p-3`,
/// where Ask found the answer or the nearest sentence) for a question in
/// `question_lang`: its edit page, for a sentence more; for an article in
/// another language, its translation into the question's, begun or not (a
/// Dari reader's question that an English article nearly answers wants
/// the Dari translation). The list linked the sentence's page alone, from
/// which an editor had to find the article among the editor's.
fn answering_article(cx: &Ctx, address: &str, question_lang: &str) -> Option<Value> {
    let lang = address_lang(address)?;
    let slug = address
        .strip_prefix('/')?
        .split_once('/')?
        .1
        .split('#')
        .next()?;
    let article = format!("/{lang}/{slug}");
    Some(match question_lang.parse::<Lang>() {
        Ok(into) if into != lang => {
            let name = lang_name(cx.lang, into);
            let begun = cx
                .app
                .site()
                .get(lang, slug)
                .is_some_and(|a| a.front.translations.contains_key(&into));
            let label = if begun {
                cx.t_with("admin-translation-edit", &[("language", name.into())])
            } else {
                cx.t_with("admin-translation-new", &[("language", name.into())])
            };
            context! { url => format!("/admin/articles/{lang}/{slug}/translate?into={into}"), label, article }
        }
        _ => {
            context! { url => format!("/admin/articles/{lang}/{slug}/edit"), label => cx.t("admin-edit"), article }
        }
    })
}

/// Why Ask found no answer to a question, as its log recorded the rule
/// (`askaf_search::Decision::as_str`), in the request's language: whether
/// the site lacks the subject or a paragraph nearly answers it. A name this
/// version does not know, or an answer, shows nothing.
fn why_unanswered(cx: &Ctx, decision: &str) -> Option<String> {
    use askaf_search::Decision;
    let id = match Decision::parse(decision)? {
        Decision::NoWords => "admin-questions-why-no-words",
        Decision::TooLittleCovered => "admin-questions-why-too-little",
        Decision::LacksMainWord => "admin-questions-why-lacks-main-word",
        Decision::ShortAndLacking => "admin-questions-why-short",
        Decision::OneWordHeld => "admin-questions-why-one-word",
        Decision::FarInMeaning => "admin-questions-why-far",
        Decision::Answered | Decision::AnsweredAcross => return None,
    };
    Some(cx.t(id))
}

/// What is wrong with a comment's name or body, or a banned email address,
/// in the request's language: "is empty", «خالی است».
fn field_problem(cx: &Ctx, problem: &askaf_comments::Problem) -> String {
    use askaf_comments::Problem;
    match problem {
        Problem::Empty => cx.t("admin-problem-empty"),
        Problem::TooLong { max } => cx.t_with("admin-problem-too-long", &[("max", cx.num(max))]),
        Problem::InvalidEmail => cx.t("admin-problem-invalid-email"),
        Problem::ControlChars => cx.t("admin-problem-control-chars"),
    }
}

/// Why line `line` of a word list cannot be used, in the request's
/// language, as HTML: the entry as typed in a `<bdi>` of its own, so that
/// a Latin pattern keeps its order in a Dari or Pashto sentence. The
/// regular expression engine's own words (English) are given in English
/// alone.
fn pattern_problem(cx: &Ctx, line: usize, problem: &askaf_comments::LineProblem) -> String {
    use askaf_comments::LineProblem;
    let mut args = vec![("line", cx.num(line))];
    let (key, entry) = match problem {
        LineProblem::EmptyRegex { entry } => ("admin-error-words-empty-regex", entry),
        LineProblem::BadRegex { entry, detail } => {
            args.push(("detail", detail.clone().into()));
            ("admin-error-words-bad-regex", entry)
        }
        LineProblem::NoTerms { entry } => ("admin-error-words-no-terms", entry),
    };
    reasons::message_html(cx.lang, key, args, &[("entry", entry)])
}

/// Why a typed ban is none ([`BanTarget::parse`]), in the request's
/// language, as HTML: what was typed in a `<bdi>` of its own, so that an
/// address keeps its order in a Dari or Pashto sentence.
fn ban_problem(cx: &Ctx, e: &askaf_comments::BanError) -> String {
    use askaf_comments::BanError;
    // The examples, written left to right in every language (see
    // `reasons::Message::ltr`): 2001:db8::/32 was shown "db8::/32:2001" in
    // a Dari sentence. Documentation addresses (RFC 5737, RFC 3849).
    let said = |key, typed: Option<&str>| {
        let mut m = with_ip_terms(reasons::Message::new(key))
            .ltr("address", "203.0.113.7")
            .ltr("network", "203.0.113.0/24")
            .ltr("network6", "2001:db8::/32");
        if let Some(typed) = typed {
            m = m.typed("target", typed);
        }
        m
    };
    match e {
        BanError::Empty => said("admin-error-ban-empty", None),
        BanError::Email { typed, problem } => said("admin-error-ban-email", Some(typed))
            .arg("problem", field_problem(cx, problem).into()),
        BanError::Network { typed } => said("admin-error-ban-network", Some(typed)),
        BanError::Neither { typed } => said("admin-error-ban-neither", Some(typed)),
    }
    .html(cx.lang)
}

/// `message` with "IP" and "CIDR" as its `$ip` and `$cidr`: names Dari
/// and Pashto take from English as they are, marked as English in their
/// sentences ([`reasons::english_html`]). English writes them itself.
fn with_ip_terms(message: reasons::Message) -> reasons::Message {
    message
        .markup("ip", reasons::english_html("IP"), "IP")
        .markup("cidr", reasons::english_html("CIDR"), "CIDR")
}

/// The label of the bans page's field, as HTML ([`with_ip_terms`]).
fn ban_target_label(cx: &Ctx) -> Value {
    Value::from_safe_string(
        with_ip_terms(reasons::Message::new("admin-field-ban-target")).html(cx.lang),
    )
}

/// Why a password was refused, in the request's language.
fn password_problem(cx: &Ctx, e: &askaf_auth::PasswordError) -> String {
    use askaf_auth::PasswordError;
    match e {
        PasswordError::TooShort { min } => {
            cx.t_with("admin-error-password-too-short", &[("min", cx.num(min))])
        }
        PasswordError::TooLong { max } => {
            cx.t_with("admin-error-password-too-long", &[("max", cx.num(max))])
        }
        // Not a rule the person broke but our failure to hash, which the
        // policy check never reports; said as it is.
        PasswordError::Hash(_) => format!("{e}."),
    }
}

/// An article's address, `/fa/kabul`, as an argument of a message in plain
/// text (a heading, a notice): isolated left to right (U+2066 … U+2069), so
/// that a Dari or Pashto sentence does not show it as `fa/kabul/`.
fn article_path(lang: impl std::fmt::Display, slug: &str) -> FluentValue<'static> {
    ltr(&format!("/{lang}/{slug}"))
}

/// The message `key` as HTML, escaped, its `$article` the article's
/// address in an element of its own: left to right, isolated, and one
/// piece (`.address`, an inline block), so that on a phone it goes whole
/// to a line of its own rather than break between the heading's words
/// (until 6 December a Dari history's heading at 360 px read
/// "/en/e2e-editor-" beside «تاریخچهٔ» and "article" on the next line),
/// breaking inside at its hyphens only when longer than a line.
fn with_article_address(cx: &Ctx, key: &str, lang: Lang, slug: &str) -> String {
    let at = reasons::placeholder(0);
    let sentence =
        crate::markup::escape(&cx.t_with(key, &[("article", FluentValue::from(at.clone()))]));
    let address = format!(
        r#"<bdi class="address" dir="ltr">/{lang}/{}</bdi>"#,
        crate::markup::escape(slug)
    );
    reasons::with_values(&sentence, &[address])
}

/// A value written left to right (an address, a line of Markdown), isolated
/// so in a plain-text message, where a `<bdi>` cannot be ([`reasons::Message`]
/// does that in HTML).
fn ltr(text: &str) -> FluentValue<'static> {
    FluentValue::from(format!("\u{2066}{text}\u{2069}"))
}

/// Who acted, as the decision log and the images page name them, as HTML:
/// an account's name as typed, in a `<bdi>`; or a command run on the
/// server, which the binary records in English (`askaf user (command
/// line)`, `askaf import (command line)`, in rows old and new), said in the
/// page's language with the command's name as typed and marked as English
/// ([`reasons::english_html`]) in the page's sentence, `<span lang="en"
/// dir="ltr">askaf user</span> (خط فرمان)`, read with an English voice.
fn actor_html(cx: &Ctx, actor: &str) -> String {
    match command_run(actor) {
        Some(command) => reasons::Message::new("admin-actor-command-line")
            .markup("command", reasons::english_html(command), command)
            .html(cx.lang),
        None => reasons::bdi(actor),
    }
}

/// The command an actor of the log names, when it is one run on the
/// server (`askaf user (command line)`): `askaf user`.
fn command_run(actor: &str) -> Option<&str> {
    actor.strip_suffix(" (command line)")
}

/// A language's name in the editorial pages of `ui`: "Dari", «دری», «دري».
fn lang_name(ui: Lang, of: Lang) -> String {
    let key = match of {
        Lang::En => "admin-lang-en",
        Lang::Fa => "admin-lang-fa",
        Lang::Ps => "admin-lang-ps",
    };
    i18n::text(ui, key, &[])
}

/// A decision log action as `lang` names it: the store records them in
/// English words (`approved`, `account created`); one it does not know is
/// shown as recorded.
fn action_name(lang: Lang, action: &str) -> String {
    let key = match action {
        "published" => "admin-action-published",
        "held" => "admin-action-held",
        "imported" => "admin-action-imported",
        "refused" => "admin-action-refused",
        "approved" => "admin-action-approved",
        "marked-spam" => "admin-action-marked-spam",
        "deleted" => "admin-action-deleted",
        "requeued" => "admin-action-requeued",
        "edited" => "admin-action-edited",
        "rerendered" => "admin-action-rerendered",
        "closed" => "admin-action-closed",
        "opened" => "admin-action-opened",
        "banned" => "admin-action-banned",
        "unbanned" => "admin-action-unbanned",
        "patterns" => "admin-action-patterns",
        "account created" => "admin-action-account-created",
        "role changed" => "admin-action-role-changed",
        "password set" => "admin-action-password-set",
        "account removed" => "admin-action-account-removed",
        "image uploaded" => "admin-action-image-uploaded",
        "image imported" => "admin-action-image-imported",
        "image deleted" => "admin-action-image-deleted",
        "language changed" => "admin-action-language-changed",
        other => return other.to_string(),
    };
    i18n::text(lang, key, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_str(value).unwrap(),
        );
        h
    }

    #[test]
    fn a_visitor_gets_the_language_asked_for_else_the_browsers() {
        let none = HeaderMap::new();
        assert_eq!(visitor_lang(None, &none), Lang::En);
        assert_eq!(
            visitor_lang(None, &accept("fa-AF,fa;q=0.9,en;q=0.8")),
            Lang::Fa
        );
        assert_eq!(visitor_lang(None, &accept("prs")), Lang::Fa);
        assert_eq!(
            visitor_lang(None, &accept("de, ps;q=0.5, en;q=0.4")),
            Lang::Ps
        );
        assert_eq!(visitor_lang(None, &accept("en-GB,ps;q=0.9")), Lang::En);
        assert_eq!(visitor_lang(None, &accept("de,fr;q=0.9")), Lang::En);
        assert_eq!(visitor_lang(None, &accept("fa;q=0")), Lang::En);
        // An explicit choice wins over the browser's.
        assert_eq!(
            visitor_lang(Some("next=/admin&lang=ps"), &accept("fa")),
            Lang::Ps
        );
        assert_eq!(visitor_lang(Some("lang=xx"), &accept("fa")), Lang::Fa);
        // So does the staff member's, kept by this browser; `?lang=` wins
        // over both.
        let mut kept = accept("en-GB,en;q=0.9");
        kept.insert(
            header::COOKIE,
            HeaderValue::from_static("askaf_admin_lang=fa"),
        );
        assert_eq!(visitor_lang(None, &kept), Lang::Fa);
        assert_eq!(visitor_lang(Some("lang=ps"), &kept), Lang::Ps);
        kept.insert(
            header::COOKIE,
            HeaderValue::from_static("askaf_admin_lang=x"),
        );
        assert_eq!(visitor_lang(None, &kept), Lang::En);
    }

    /// Every key the editorial templates and handlers ask for is in the
    /// English, Dari and Pashto `admin.ftl`, so no editor meets a raw key or
    /// an English fallback.
    #[test]
    fn every_key_the_editorial_pages_use_is_in_every_language() {
        // A key is a template's `t('…'` (not a CSS class), or a Rust string.
        let sources = [
            (include_str!("../templates/admin.html"), "t('"),
            (include_str!("admin.rs"), "\""),
            (include_str!("admin/accounts.rs"), "\""),
            (include_str!("admin/editor.rs"), "\""),
            (include_str!("admin/media.rs"), "\""),
            (include_str!("admin/translate.rs"), "\""),
            (include_str!("error.rs"), "\""),
        ];
        let mut used: Vec<&str> = Vec::new();
        for (source, opening) in sources {
            for (i, _) in source.match_indices("admin-") {
                if !source[..i].ends_with(opening) {
                    continue;
                }
                let quote = source[..i].chars().next_back();
                let key: &str = source[i..]
                    .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                    .next()
                    .unwrap_or("");
                let closed = source[i + key.len()..].chars().next() == quote;
                if closed && !key.ends_with('-') {
                    used.push(key);
                }
            }
        }
        used.sort_unstable();
        used.dedup();
        assert!(used.len() > 250, "found only {} keys", used.len());
        for (lang, file) in [
            ("en", include_str!("../locales/en/admin.ftl")),
            ("fa", include_str!("../locales/fa/admin.ftl")),
            ("ps", include_str!("../locales/ps/admin.ftl")),
        ] {
            for key in &used {
                assert!(
                    file.lines().any(|l| l.starts_with(&format!("{key} = "))),
                    "{lang}/admin.ftl: missing `{key}`"
                );
            }
        }
    }
}

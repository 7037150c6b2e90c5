//! Readers' comments: the list and form under every article, posting with
//! the spam defences, replies, and the comment feeds.
//!
//! The article page, form included, is the same bytes for every reader: it
//! is rendered and compressed once. Forgery is refused from the browser's
//! own headers ([`security::cross_origin_ok`]), and the time the form was
//! shown travels in a cookie scoped to the article ([`shown_cookie`]).

use std::net::IpAddr;
use std::sync::Arc;

use askaf_comments::{BanTarget, Commenter, Decision, Email, Facts, FieldError, Patterns, Reason};
use askaf_content::{Article, Lang};
use askaf_store::{Attempts, AttemptsBy, Comment, NewComment, Refusal, Status};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::security::{self, Client};
use crate::views::{self, Head};
use crate::{i18n, AppState, HTML};

/// One comment as a page shows it.
#[derive(Debug, Serialize, Clone)]
pub struct CommentItem {
    pub id: i64,
    pub name: String,
    pub html: String,
    /// The text's language and direction where its letters say another
    /// language than the page's ([`other_lang`]), else `None`.
    pub lang: Option<&'static str>,
    pub dir: Option<&'static str>,
    pub iso: String,
    pub date: String,
    pub edited: bool,
    /// Written by the site's staff, signed in (see [`askaf_store::Comment::staff`]).
    pub staff: bool,
    pub reply_url: String,
    pub replies: Vec<CommentItem>,
}

/// The comment section under an article.
#[derive(Debug, Serialize)]
pub struct Section {
    pub items: Vec<CommentItem>,
    pub closed: bool,
    pub feed: String,
}

/// A comment form, empty or filled in again after a problem.
#[derive(Debug, Serialize, Default)]
pub struct FormView {
    pub action: String,
    pub heading: String,
    pub name: String,
    pub email: String,
    pub body: String,
    pub parent: String,
    pub errors: Vec<FormProblem>,
    /// The fields the problems are about (`name`, `email`, `body`):
    /// marked `aria-invalid` and described by their problem's words.
    pub invalid: Vec<&'static str>,
    /// The most links a comment may hold and still be published at once
    /// (`comment_max_links`), which the form's help says.
    pub max_links: usize,
}

/// One thing a refused comment form says is wrong: its words, and the
/// field it is about, if it is about one (`name`, `email`, `body`; none for
/// a refusal of the whole post, such as a form sent too soon).
#[derive(Debug, Serialize, Default, Clone)]
pub struct FormProblem {
    pub message: String,
    pub field: Option<&'static str>,
}

/// What a comment form given back says is wrong, in order.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<FormProblem>);

/// Problems about the whole post, none about one field.
impl From<Vec<String>> for Problems {
    fn from(messages: Vec<String>) -> Self {
        Problems(
            messages
                .into_iter()
                .map(|message| FormProblem {
                    message,
                    field: None,
                })
                .collect(),
        )
    }
}

/// The day a comment was made, as a reader of `lang` reads dates: its
/// day in Kabul, as the moderators date it ([`crate::clock::day`]).
pub(crate) fn date_of(lang: Lang, created_at: &str) -> String {
    crate::clock::day(lang, created_at)
}

/// The language a comment is written in, by its letters
/// ([`askaf_text::written_in`]): not its article's (a Dari comment on an
/// English article is Dari), and `None` when its letters do not say (both
/// scripts, or none), so that it is given no language rather than a
/// wrong one.
pub(crate) fn written_lang(markdown: &str) -> Option<Lang> {
    askaf_text::written_in(&askaf_comments::plain_text(markdown)).map(askaf_search::site_lang)
}

/// The direction of a comment as a whole, by its words
/// ([`askaf_text::direction`]), as its paragraphs each get theirs; `auto`
/// when no word has a letter.
pub(crate) fn written_dir(markdown: &str) -> &'static str {
    askaf_text::direction(&askaf_comments::plain_text(markdown)).map_or("auto", |d| d.as_str())
}

/// The language of a comment on a page of `page`'s, where its letters
/// ([`written_lang`]) say another: an English comment on a Dari page, a
/// Dari one on an English page, one with Pashto's own letters on a Dari
/// page. Arabic-script letters none of which only Pashto uses say Dari,
/// which a Pashto comment may be written in too: on a Pashto page they
/// say nothing.
pub(crate) fn other_lang(page: Lang, markdown: &str) -> Option<Lang> {
    match (page, written_lang(markdown)?) {
        (Lang::Ps, Lang::Fa) => None,
        (page, written) => (written != page).then_some(written),
    }
}

fn item(lang: Lang, c: &Comment, reply_url: Option<String>) -> CommentItem {
    let other = other_lang(lang, &c.body);
    CommentItem {
        id: c.id,
        name: c.author_name.clone(),
        html: c.body_html.clone(),
        lang: other.map(Lang::code),
        dir: other.map(|_| written_dir(&c.body)),
        iso: c.created_at.clone(),
        date: date_of(lang, &c.created_at),
        edited: c.edited_at.is_some(),
        staff: c.staff.is_some(),
        reply_url: reply_url.unwrap_or_default(),
        replies: vec![],
    }
}

/// Approved comments, oldest first, with replies under the comment they answer.
pub fn section(a: &Article, comments: &[Comment], closed: bool) -> Section {
    let lang = a.lang();
    let mut items: Vec<CommentItem> = Vec::new();
    for c in comments.iter().filter(|c| c.parent_id.is_none()) {
        let reply = (!closed).then(|| format!("{}/comments/{}/reply", a.path(), c.id));
        items.push(item(lang, c, reply));
    }
    for c in comments.iter().filter(|c| c.parent_id.is_some()) {
        let r = item(lang, c, None);
        match items.iter_mut().find(|p| Some(p.id) == c.parent_id) {
            Some(parent) => parent.replies.push(r),
            // The comment it answered is gone: show the reply on its own.
            None => items.push(r),
        }
    }
    Section {
        items,
        closed,
        feed: format!("{}/comments.atom", a.path()),
    }
}

/// The empty form under an article: the same for every reader, its help
/// saying how many links `max_links` lets through.
pub fn article_form(a: &Article, max_links: usize) -> FormView {
    FormView {
        action: format!("{}/comments", a.path()),
        heading: i18n::text(a.lang(), "comment-form-heading", &[]),
        max_links,
        ..FormView::default()
    }
}

/// The stamp scope ties a form's timing stamp to one article.
fn scope(a: &Article) -> String {
    stamp_scope(a.lang(), a.slug().as_str())
}

/// [`scope`] of the article at `/{lang}/{slug}`, for a page served without
/// looking the article up (`AppState::hot_article`).
pub fn stamp_scope(lang: Lang, slug: &str) -> String {
    format!("{lang}/{slug}")
}

/// The `Set-Cookie` that stamps when this browser was shown `a`'s comment form.
pub fn shown_cookie(app: &AppState, a: &Article, client: &Client) -> HeaderValue {
    security::shown_cookie(app.signer(), &scope(a), &a.path(), client.https)
}

/// What the comment form's address takes. The textarea stops a reader at
/// [`askaf_comments::MAX_BODY_CHARS`], which URL-encoded is at most 45 KB
/// (9 bytes a character); a text pasted past it by an older browser, or a
/// form whose limit was lifted, still arrives whole up to this, to be
/// handed back with the rule it broke rather than lost to a bare 413.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// The comment form, unread: too large, said with the comment's own limit
/// and that the form the reader came from still holds their text (an
/// article page is not `no-store`, so Back gives it back as typed);
/// anything else as any other form ([`crate::form_rejection`]).
pub fn form_rejection(lang: Lang, e: axum::extract::rejection::FormRejection) -> AppError {
    if e.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return crate::form_rejection(lang, e, MAX_FORM_BYTES);
    }
    let args = [
        ("limit", crate::size_text(lang, MAX_FORM_BYTES).into()),
        ("max", i18n::number(lang, askaf_comments::MAX_BODY_CHARS)),
    ];
    AppError::rejected(
        lang,
        e.status(),
        i18n::text(lang, "comment-too-large", &args),
    )
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct CommentForm {
    pub name: String,
    pub email: String,
    pub body: String,
    /// The honeypot: hidden from people, filled in by bots.
    pub website: String,
    pub parent: String,
}

fn field_message(lang: Lang, e: &FieldError) -> String {
    use askaf_comments::{Field, Problem};
    let key = match (e.field, &e.problem) {
        (Field::Name, Problem::Empty) => "comment-name-empty",
        (Field::Name, Problem::TooLong { .. }) => "comment-name-too-long",
        (Field::Name, _) => "comment-name-control-chars",
        (Field::Email, _) => "comment-email-invalid",
        (Field::Body, Problem::Empty) => "comment-body-empty",
        (Field::Body, Problem::TooLong { .. }) => "comment-body-too-long",
        (Field::Body, _) => "comment-body-control-chars",
    };
    let max = match e.problem {
        Problem::TooLong { max } => max as u64,
        _ => 0,
    };
    i18n::text(lang, key, &[("max", i18n::number(lang, max))])
}

/// What the reader is told; `retry_after`, in seconds, for a rate limit.
fn reason_message(lang: Lang, r: &Reason, retry_after: Option<u64>) -> String {
    let wait = i18n::wait(lang, retry_after.unwrap_or(60));
    i18n::text(
        lang,
        &format!("comment-refused-{}", r.code()),
        &[("wait", wait.into())],
    )
}

/// Seconds until the rate limit `r` lets this sender post again: when the
/// attempts it counts fall below its limit (the comments taken, for the
/// hourly limits; the refusals logged, for the limit on refusals).
async fn retry_after(
    app: &AppState,
    r: &Reason,
    ip: &str,
    email: Option<&str>,
) -> Result<Option<u64>, AppError> {
    let policy = &app.config().comments;
    let (by, kind, limit) = match (r, email) {
        (Reason::RateLimitIp { .. }, _) => (
            AttemptsBy::Address(ip),
            Attempts::Taken,
            policy.per_ip_per_hour,
        ),
        (Reason::RateLimitEmail { .. }, Some(email)) => (
            AttemptsBy::EmailAt { email, ip },
            Attempts::Taken,
            policy.per_email_per_hour,
        ),
        (Reason::RateLimitRefused { .. }, _) => (
            AttemptsBy::Address(ip),
            Attempts::Refused,
            policy.refused_per_ip_per_hour,
        ),
        _ => return Ok(None),
    };
    let free_at = app
        .store()
        .comment_attempts_fall_below(by, kind, limit, RATE_WINDOW_SECONDS)
        .await?;
    let now = security::now_unix() as i64;
    Ok(Some(free_at.map_or(1, |at| (at - now).max(1) as u64)))
}

/// The window the per-address and per-email limits count in: an hour.
const RATE_WINDOW_SECONDS: i64 = 3600;

fn reason_status(r: &Reason) -> StatusCode {
    match r {
        Reason::RateLimitIp { .. }
        | Reason::RateLimitEmail { .. }
        | Reason::RateLimitRefused { .. } => StatusCode::TOO_MANY_REQUESTS,
        Reason::Banned(_) | Reason::Closed | Reason::TakenName(_) => StatusCode::FORBIDDEN,
        Reason::Duplicate => StatusCode::CONFLICT,
        _ => StatusCode::BAD_REQUEST,
    }
}

/// The head of a page of one article's comments (the held page, a comment
/// form's page), at `here`: its language links lead to it in its own
/// language and to the article in each other it is in (the comment is on
/// this version alone), as every page's lead to the same page elsewhere;
/// to a language's home page only where the article is not in it.
fn head_for(app: &AppState, a: &Article, title: String, here: String) -> Head<'static> {
    let switch = app
        .site()
        .translations_of(a)
        .iter()
        .map(|t| (t.lang(), t.path()))
        .chain([(a.lang(), here)])
        .collect();
    Head {
        lang: a.lang(),
        description: a.front.summary.clone(),
        title,
        canonical: format!("{}{}", app.url(), a.path()),
        alternates: vec![],
        switch,
        untranslated: Some(views::Untranslated::Article),
        og_type: "website",
        jsonld: None,
        nav: "",
    }
}

/// What a comment form answers.
#[derive(Debug, Clone, Copy)]
pub enum Answering<'a> {
    /// The article: a top-level comment.
    Article,
    /// One comment, shown above the form.
    Comment(&'a Comment),
    /// A comment the database could not be asked about (it is away): the
    /// id the form carried, kept so that the form sent again is still a
    /// reply, and checked then.
    Unchecked(i64),
}

impl<'a> Answering<'a> {
    fn of(parent: Option<&'a Comment>) -> Answering<'a> {
        parent.map_or(Answering::Article, Answering::Comment)
    }

    /// The reply a form asks for by its `parent` field, unchecked.
    pub fn unchecked(form: &CommentForm) -> Answering<'static> {
        form.parent
            .trim()
            .parse()
            .map_or(Answering::Article, Answering::Unchecked)
    }

    fn parent_id(self) -> Option<i64> {
        match self {
            Answering::Article => None,
            Answering::Comment(c) => Some(c.id),
            Answering::Unchecked(id) => Some(id),
        }
    }
}

/// A page with only a comment form: after a problem (status 4xx, the
/// reader's text in it) or to reply to one comment.
pub fn form_page(
    app: &AppState,
    status: StatusCode,
    a: &Article,
    answering: Answering<'_>,
    form: &CommentForm,
    errors: impl Into<Problems>,
    client: &Client,
) -> Result<Response, AppError> {
    let Problems(errors) = errors.into();
    // Each field is described by its first problem (one id per field).
    let mut invalid: Vec<&'static str> = Vec::new();
    let errors = errors
        .into_iter()
        .map(|mut p| {
            match p.field {
                Some(field) if !invalid.contains(&field) => invalid.push(field),
                _ => p.field = None,
            }
            p
        })
        .collect();
    let lang = a.lang();
    let heading = match answering {
        Answering::Comment(p) => i18n::text(
            lang,
            "comment-reply-heading",
            &[("name", FluentValue::from(p.author_name.clone()))],
        ),
        // Whose comment it answers is in the database.
        Answering::Unchecked(_) => i18n::text(lang, "comment-reply", &[]),
        Answering::Article => i18n::text(lang, "comment-form-heading", &[]),
    };
    // The heading as the page's h1 shows it: the name it answers isolated
    // (`<bdi>`), so that a name written in the other direction than the
    // page's keeps its punctuation at its own end (`Ana!` in a Dari
    // heading, not `!Ana`).
    let heading_html = match answering {
        Answering::Comment(p) => crate::markup::with_slot_html(
            &i18n::text(
                lang,
                "comment-reply-heading",
                &[("name", FluentValue::from(crate::markup::SLOT))],
            ),
            &format!("<bdi>{}</bdi>", crate::markup::escape(&p.author_name)),
        ),
        _ => crate::markup::escape(&heading),
    };
    let f = FormView {
        action: format!("{}/comments", a.path()),
        heading: heading.clone(),
        name: form.name.clone(),
        email: form.email.clone(),
        body: form.body.clone(),
        parent: answering
            .parent_id()
            .map(|id| id.to_string())
            .unwrap_or_default(),
        errors,
        invalid,
        max_links: app.config().comments.max_links,
    };
    let parent_item = match answering {
        Answering::Comment(p) => Some(item(lang, p, None)),
        _ => None,
    };
    // The page's title says first that something is to be mended.
    let title = if f.errors.is_empty() {
        heading.clone()
    } else {
        format!(
            "{}: {heading}",
            i18n::text(lang, "comment-error-title", &[])
        )
    };
    // A reply's form is at its own address; a form given back after a
    // refusal was posted, and stands for the article's.
    let here = match answering {
        Answering::Comment(p) => format!("{}/comments/{}/reply", a.path(), p.id),
        _ => a.path(),
    };
    let html = views::render_page(
        "commentpage.html",
        &head_for(app, a, title, here),
        context! {
            f => Value::from_serialize(&f),
            heading_html => Value::from_safe_string(heading_html),
            parent => parent_item.map(|p| Value::from_serialize(&p)),
            article_url => a.path(),
            article_title => a.front.title.clone(),
        },
    )?;
    let mut r = page_response(status, html);
    r.headers_mut()
        .append(header::SET_COOKIE, shown_cookie(app, a, client));
    Ok(r)
}

fn page_response(status: StatusCode, html: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, HTML),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

/// Why a held comment waits, as the page it lands on tells its reader
/// (`?why=` in that page's address, from the hold's reasons). Not every
/// reason is told: a match in the moderators' word list is not, so that the
/// list stays theirs; a comment signed with an email approved from another
/// browser is told what a first comment is, so that the page does not tell
/// whoever typed the email that its owner comments here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Waits {
    Links,
    FirstComment,
    NoEmail,
}

impl Waits {
    const ALL: [Waits; 3] = [Waits::Links, Waits::FirstComment, Waits::NoEmail];

    fn code(self) -> &'static str {
        match self {
            Waits::Links => "links",
            Waits::FirstComment => "first-comment",
            Waits::NoEmail => "no-email",
        }
    }

    fn of(reason: &Reason) -> Option<Waits> {
        match reason {
            Reason::TooManyLinks { .. } => Some(Waits::Links),
            Reason::FirstComment | Reason::UnprovenCommenter => Some(Waits::FirstComment),
            Reason::NoEmail => Some(Waits::NoEmail),
            _ => None,
        }
    }

    /// The reasons a `why` names, in their order, each once; a word it
    /// does not know is passed over.
    fn parse_list(why: &str) -> Vec<Waits> {
        Waits::each_once(
            why.split(',')
                .filter_map(|code| Waits::ALL.into_iter().find(|w| w.code() == code.trim())),
        )
    }

    /// `reasons` in their order, each once.
    fn each_once(reasons: impl Iterator<Item = Waits>) -> Vec<Waits> {
        let mut out = Vec::new();
        for w in reasons {
            if !out.contains(&w) {
                out.push(w);
            }
        }
        out
    }

    /// What the held page says of it in `lang`.
    fn sentence(self, lang: Lang, max_links: usize) -> String {
        match self {
            Waits::Links => i18n::count_text(lang, "comment-held-why-links", max_links as u64),
            Waits::FirstComment => i18n::text(lang, "comment-held-why-first-comment", &[]),
            Waits::NoEmail => i18n::text(lang, "comment-held-why-no-email", &[]),
        }
    }
}

/// Where a comment held for `reasons` sends its reader: the held page,
/// saying why (see [`Waits`]).
fn held_address(a: &Article, reasons: &[Reason]) -> String {
    held_at(a, &Waits::each_once(reasons.iter().filter_map(Waits::of)))
}

/// The held page's address, saying `why`.
fn held_at(a: &Article, why: &[Waits]) -> String {
    let codes: Vec<&str> = why.iter().map(|w| w.code()).collect();
    if codes.is_empty() {
        format!("{}/comments/held", a.path())
    } else {
        format!("{}/comments/held?why={}", a.path(), codes.join(","))
    }
}

/// The page a held comment lands on, saying why it waits as `why` names
/// it (see [`Waits`]); without a reason it knows, that a moderator reads
/// some comments first.
pub fn held_page(app: &AppState, a: &Article, why: &str) -> Result<Response, AppError> {
    let lang = a.lang();
    let title = i18n::text(lang, "comment-held-title", &[]);
    let max_links = app.config().comments.max_links;
    let why = Waits::parse_list(why);
    let here = held_at(a, &why);
    let mut said: Vec<String> = why
        .into_iter()
        .map(|w| w.sentence(lang, max_links))
        .collect();
    if said.is_empty() {
        said.push(i18n::text(lang, "comment-held-why-other", &[]));
    }
    let html = views::render_page(
        "commentheld.html",
        &head_for(app, a, title, here),
        context! { article_url => a.path(), article_title => a.front.title.clone(), why => said },
    )?;
    Ok((
        [
            (header::CONTENT_TYPE, HTML),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response())
}

/// The approved top-level comment a reply answers, on the same article.
async fn parent_of(app: &AppState, a: &Article, id: &str) -> Result<Option<Comment>, AppError> {
    let Ok(id) = id.trim().parse::<i64>() else {
        return Ok(None);
    };
    let shown_here = |c: &Comment| {
        c.lang == a.lang() && c.slug == a.slug().as_str() && c.status == Status::Approved
    };
    let Some(c) = app.store().comment(id).await?.filter(|c| shown_here(c)) else {
        return Ok(None);
    };
    // Replies are one level deep: a reply to a reply joins its thread,
    // under the comment that began it.
    match c.parent_id {
        None => Ok(Some(c)),
        Some(top) => Ok(app
            .store()
            .comment(top)
            .await?
            .filter(|t| shown_here(t) && t.parent_id.is_none())),
    }
}

/// The first ban that covers this sender.
async fn ban_for(
    app: &AppState,
    email: Option<&Email>,
    ip: IpAddr,
) -> Result<Option<String>, AppError> {
    Ok(app
        .store()
        .bans()
        .await?
        .iter()
        .filter_map(|b| BanTarget::parse(&b.target).ok())
        .find(|b| b.matches(email, Some(ip)))
        .map(|b| b.to_string()))
}

/// The moderators' list as saved, compiled when it was saved anew (through
/// this node or another) and kept for the comments after: each comment asks
/// the store only for the saved list's revision ([`CompiledPatterns`]). It
/// was checked when saved, so a list that no longer parses (a newer
/// syntax, say) counts as empty, said once a revision in the log.
///
/// [`CompiledPatterns`]: askaf_comments::CompiledPatterns
pub async fn patterns(app: &AppState) -> Result<Arc<Patterns>, AppError> {
    let kept = app.compiled_patterns();
    if let Some(list) = kept.get(app.store().spam_patterns_revision().await?) {
        return Ok(list);
    }
    let (revision, text) = app.store().spam_patterns_revised().await?;
    let list = match text {
        Some(text) => Patterns::parse(&text)
            .inspect(|p| tracing::info!(revision, entries = p.len(), "word list compiled"))
            .unwrap_or_else(|e| {
                tracing::error!(revision, error = %e, "the saved word list does not parse; ignoring it");
                Patterns::empty()
            }),
        None => Patterns::empty(),
    };
    Ok(kept.keep(revision, list))
}

/// `POST /{lang}/{slug}/comments`.
pub async fn post(
    app: &AppState,
    a: &Article,
    client: Client,
    headers: &HeaderMap,
    form: CommentForm,
) -> Result<Response, AppError> {
    let lang = a.lang();
    // How long ago this browser was shown the form, by its stamp.
    let shown_age = security::cookie(headers, security::SHOWN_COOKIE).and_then(|stamp| {
        app.signer()
            .form_age(&scope(a), &stamp, security::now_unix())
    });
    // A refused post hands the form back; the stamp of when it was first
    // shown stands, or the reader who mends an empty name within the
    // minimum time is refused again as too fast.
    let refused = |page: Result<Response, AppError>| {
        page.map(|mut r| {
            if shown_age.is_some() {
                r.headers_mut().remove(header::SET_COOKIE);
            }
            r
        })
    };
    let parent = if form.parent.trim().is_empty() {
        None
    } else {
        match parent_of(app, a, &form.parent).await? {
            Some(p) => Some(p),
            None => {
                let msg = i18n::text(lang, "comment-refused-parent", &[]);
                return refused(form_page(
                    app,
                    StatusCode::BAD_REQUEST,
                    a,
                    Answering::Article,
                    &form,
                    vec![msg],
                    &client,
                ));
            }
        }
    };
    if !security::cross_origin_ok(headers, app.url()) {
        let msg = i18n::text(lang, "comment-refused-csrf", &[]);
        return refused(form_page(
            app,
            StatusCode::FORBIDDEN,
            a,
            Answering::of(parent.as_ref()),
            &form,
            vec![msg],
            &client,
        ));
    }
    let draft = match askaf_comments::parse_draft(&form.name, &form.email, &form.body) {
        Ok(d) => d,
        Err(errors) => {
            let msgs = Problems(
                errors
                    .iter()
                    .map(|e| FormProblem {
                        message: field_message(lang, e),
                        field: Some(e.field.code()),
                    })
                    .collect(),
            );
            return refused(form_page(
                app,
                StatusCode::BAD_REQUEST,
                a,
                Answering::of(parent.as_ref()),
                &form,
                msgs,
                &client,
            ));
        }
    };
    let policy = &app.config().comments;
    let ip = client.ip.to_string();
    let email = draft.email.as_ref().map(|e| e.as_str());
    let refusing = Refusing {
        app,
        a,
        client: &client,
        form: &form,
        answering: Answering::of(parent.as_ref()),
        ip: &ip,
        email,
    };
    // Throttled, the post is refused whatever else is true of it: asked
    // first, so a flood costs this one count, not the reads below.
    let refused_from_ip = app
        .store()
        .comment_attempts(
            AttemptsBy::Address(&ip),
            Attempts::Refused,
            RATE_WINDOW_SECONDS,
        )
        .await?;
    if let Some(reason) = askaf_comments::throttled(policy, refused_from_ip) {
        let decision = Decision::Reject(reason.clone());
        tracing::info!(lang = %lang, slug = %a.slug(), ?decision, "comment submitted");
        return refused(refusing.refuse(reason).await);
    }
    let rendered = askaf_comments::render(draft.body.as_str());
    let fingerprint = askaf_comments::fingerprint(draft.body.as_str());
    let ctx = app
        .store()
        .comment_context(
            lang,
            a.slug().as_str(),
            Some(&ip),
            email,
            &fingerprint,
            RATE_WINDOW_SECONDS,
        )
        .await?;
    let list = patterns(app).await?;
    let pattern = list
        .find(draft.name.as_str())
        .or_else(|| email.and_then(|e| list.find(e)))
        .or_else(|| list.find(draft.body.as_str()));
    let staff = staff(app, headers).await?;
    let taken = if staff.is_some() {
        None
    } else {
        // The site's name (in Latin letters and as each language writes
        // it), and the mark its team's replies bear ("Site team"), in
        // every language: a reader signing "Mina, Site team" would read
        // exactly as a marked reply.
        let site: Vec<String> = Lang::ALL
            .into_iter()
            .flat_map(|l| {
                ["site-name", "site-name-written", "comment-staff"]
                    .map(|key| i18n::text(l, key, &[]))
            })
            .collect();
        let site: Vec<&str> = site.iter().map(String::as_str).collect();
        let staff_names = app.store().staff_names().await?;
        askaf_comments::taken_name(draft.name.as_str(), &site, &staff_names).map(str::to_string)
    };
    let commenter = match email {
        Some(email) if ctx.known_commenter => {
            let shown = security::cookie(headers, security::COMMENTER_COOKIE)
                .and_then(|mark| app.signer().commenter_comment(email, &mark));
            match shown {
                Some(id) if app.store().approved_with_email(id, email).await? => {
                    Commenter::Returning
                }
                _ => Commenter::Unproven,
            }
        }
        _ => Commenter::New,
    };
    let facts = Facts {
        honeypot_filled: !form.website.trim().is_empty(),
        seconds_since_form: shown_age,
        links: rendered.links,
        duplicate: ctx.duplicate,
        recent_from_ip: ctx.recent_from_ip,
        recent_from_email: ctx.recent_from_email,
        refused_from_ip,
        commenter,
        banned: ban_for(app, draft.email.as_ref(), client.ip).await?,
        closed: ctx.closed,
        pattern,
        by_moderator: staff.is_some(),
        taken_name: taken,
    };
    let decision = askaf_comments::decide(policy, &facts, draft.email.is_some());
    tracing::info!(lang = %lang, slug = %a.slug(), ?decision, "comment submitted");
    let held = match decision {
        Decision::Reject(reason) => return refused(refusing.refuse(reason).await),
        Decision::Hold(reasons) => reasons,
        Decision::Publish => vec![],
    };
    let held_at = held_address(a, &held);
    let status = if held.is_empty() {
        Status::Approved
    } else {
        Status::Pending
    };
    let id = app
        .store()
        .insert_comment(&NewComment {
            lang,
            slug: a.slug().as_str(),
            parent_id: parent.as_ref().map(|p| p.id),
            name: draft.name.as_str(),
            email,
            ip: Some(&ip),
            body: draft.body.as_str(),
            body_html: &rendered.html,
            fingerprint: &fingerprint,
            status,
            held,
            staff: staff.as_deref(),
        })
        .await?;
    let to = if status == Status::Approved {
        app.invalidate(Some((lang, a.slug().as_str())));
        format!("{}#comment-{id}", a.path())
    } else {
        held_at
    };
    let mut r = (
        StatusCode::SEE_OTHER,
        [
            (
                header::LOCATION,
                HeaderValue::from_str(&to).unwrap_or(HeaderValue::from_static("/")),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
    )
        .into_response();
    // This browser wrote the comment: once one signed with the email is
    // approved, its mark lets the next be published at once. A browser
    // that showed the mark of an approved one keeps it.
    if let Some(email) = email.filter(|_| commenter != Commenter::Returning) {
        for cookie in security::commenter_cookies(app.signer(), email, id, client.https) {
            r.headers_mut().append(header::SET_COOKIE, cookie);
        }
    }
    Ok(r)
}

/// What refusing a post needs: the form to hand back, and whom to log.
struct Refusing<'a> {
    app: &'a AppState,
    a: &'a Article,
    client: &'a Client,
    form: &'a CommentForm,
    answering: Answering<'a>,
    ip: &'a str,
    email: Option<&'a str>,
}

impl Refusing<'_> {
    /// Logs the refusal (a throttled address's once a window) and hands
    /// the form back with why, and, for a limit, when to come back.
    async fn refuse(&self, reason: Reason) -> Result<Response, AppError> {
        let Refusing { app, a, .. } = *self;
        let refusal = Refusal {
            lang: a.lang(),
            slug: a.slug().as_str(),
            email: self.email,
            ip: Some(self.ip),
            reason: reason.clone(),
        };
        if matches!(reason, Reason::RateLimitRefused { .. }) {
            // Throttled: one line in the log says so, not one a post.
            app.store()
                .log_throttled(&refusal, RATE_WINDOW_SECONDS)
                .await?;
        } else {
            app.store().log_refusal(&refusal).await?;
        }
        let wait = retry_after(app, &reason, self.ip, self.email).await?;
        let msg = reason_message(a.lang(), &reason, wait);
        let mut page = form_page(
            app,
            reason_status(&reason),
            a,
            self.answering,
            self.form,
            vec![msg],
            self.client,
        )?;
        if let Some(wait) = wait {
            page.headers_mut().insert(header::RETRY_AFTER, wait.into());
        }
        Ok(page)
    }
}

/// The account whose session the request carries, if it moderates
/// comments: its reply to a reader is published at once rather than held
/// in its own queue, and marked as the site's. The session cookie is
/// `SameSite=Strict`, so another site's page never posts with it.
async fn staff(app: &AppState, headers: &HeaderMap) -> Result<Option<String>, AppError> {
    let Some(token) = security::cookie(headers, security::SESSION_COOKIE) else {
        return Ok(None);
    };
    let Some(session) = app.store().session(&askaf_auth::token_hash(&token)).await? else {
        return Ok(None);
    };
    let moderates = session
        .user
        .role
        .parse::<askaf_auth::Role>()
        .is_ok_and(|r| r.can(askaf_auth::Permission::ModerateComments));
    Ok(moderates.then_some(session.user.username))
}

/// `GET /{lang}/{slug}/comments/{id}/reply`: a form answering one comment.
pub async fn reply_page(
    app: &AppState,
    a: &Article,
    id: &str,
    client: Client,
) -> Result<Response, AppError> {
    let Some(parent) = parent_of(app, a, id).await? else {
        return Err(AppError::not_found(a.lang()));
    };
    if app.store().is_closed(a.lang(), a.slug().as_str()).await? {
        return Err(AppError::forbidden(
            a.lang(),
            i18n::text(a.lang(), "comment-closed", &[]),
        ));
    }
    form_page(
        app,
        StatusCode::OK,
        a,
        Answering::Comment(&parent),
        &CommentForm::default(),
        Problems::default(),
        &client,
    )
}

#[cfg(test)]
mod tests {
    use super::other_lang;
    use askaf_content::Lang;

    #[test]
    fn a_comment_has_its_own_language_where_its_letters_say_another() {
        let english = "This is written in **English**.";
        let dari = "این نظر به دری نوشته شده است.";
        let pashto = "دا نظر په پښتو لیکل شوی دی.";
        assert_eq!(other_lang(Lang::Fa, english), Some(Lang::En));
        assert_eq!(other_lang(Lang::En, dari), Some(Lang::Fa));
        assert_eq!(other_lang(Lang::Fa, pashto), Some(Lang::Ps));
        assert_eq!(other_lang(Lang::En, pashto), Some(Lang::Ps));
        assert_eq!(other_lang(Lang::Fa, dari), None);
        assert_eq!(other_lang(Lang::En, english), None);
        // Pashto may be written without its own letters.
        assert_eq!(other_lang(Lang::Ps, dari), None);
        assert_eq!(other_lang(Lang::Ps, english), Some(Lang::En));
        // Both scripts, or none: the page's.
        assert_eq!(other_lang(Lang::Fa, "واکسین COVID چیست؟"), None);
        assert_eq!(other_lang(Lang::Fa, "2021!"), None);
    }
}

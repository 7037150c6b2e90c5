//! Writing articles in the browser: the article list, the editor with its
//! server-side preview, saving drafts, publishing and unpublishing, each
//! save a revision (issue 12). The work is `Served::apply_edit`'s; these
//! handlers read the form, ask for the permission, and show the outcome.
//!
//! Nothing typed is lost: a form refused for a problem, or posted after the
//! session expired, comes back holding what was typed (with a sign-in in the
//! form itself for the latter, so the text never leaves the page).

use std::collections::HashMap;

use askaf_auth::Permission;
use askaf_content::calendar::{self, SolarDateError, TypedDateError};
use askaf_content::{
    parse_article, ArticleFields, Lang, Problem, ProblemKind, SourceFields, Written,
};
use askaf_site::{EditOutcome, EditRequest, Then};
use askaf_store::EditAction;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Path, Query};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

use super::check::{problem_html, problem_text, Origin};
use super::reasons::{english_html, Message};
use super::{article_path, query, read, read_within, see_other, Ctx, Current, View};
use crate::clock;
use crate::error::AppError;
use crate::markup::escape;
use crate::{i18n, views, AppState};

mod late;

/// What the editor's forms take, which is not an article's limit: that is
/// the content file's alone ([`askaf_content::MAX_FILE_BYTES`], in bytes,
/// which the check holds a save to and says in the editor's language). The
/// body field has no `maxlength`, which counts characters: one of a
/// million characters, the limit for a body all in Arabic script (two
/// bytes a letter), stopped an English article between 1 and 2 MB from
/// being lengthened in a browser. URL-encoded, an article at the limit
/// takes at most three times its bytes (each `%XX`); the rest leaves room
/// for the other fields, and for a body past the limit to come back in the
/// form with the check's words rather than as a 413.
const MAX_FORM_BYTES: usize = 5 * askaf_content::MAX_FILE_BYTES as usize;

/// Blank source rows the form offers beyond those filled in.
const BLANK_SOURCES: usize = 2;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/articles", get(list))
        .route(
            "/admin/articles/new",
            get(new_form)
                .post(post_new)
                .layer(axum::extract::DefaultBodyLimit::max(MAX_FORM_BYTES)),
        )
        .route(
            "/admin/articles/{lang}/{slug}/edit",
            get(edit_form)
                .post(post_edit)
                .layer(axum::extract::DefaultBodyLimit::max(MAX_FORM_BYTES)),
        )
        .route(
            "/admin/articles/preview",
            axum::routing::post(live_preview)
                .layer(axum::extract::DefaultBodyLimit::max(MAX_FORM_BYTES)),
        )
        .route("/admin/articles/{lang}/{slug}/history", get(history))
        .route("/admin/saves/{id}", get(late::page))
        .route(
            "/admin/articles/{lang}/{slug}/restore",
            axum::routing::post(restore),
        )
        .route(
            "/admin/articles/{lang}/{slug}/unapplied",
            axum::routing::post(clear_unapplied),
        )
        .merge(super::translate::routes())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    lang: String,
    tag: String,
    status: String,
    q: String,
    notice: String,
    page: String,
    /// A language: only the articles not yet published in it.
    missing: String,
}

/// Rows on one page of the list: a site of 100,000 articles is listed in
/// pages, never in one table.
const PER_PAGE: usize = 200;

#[derive(Serialize)]
struct Row {
    lang: &'static str,
    slug: String,
    title: String,
    url: String,
    status: &'static str,
    /// Saved changes not yet published.
    pending: bool,
    tags: Vec<String>,
    updated: String,
    /// [`Row::updated`] as the editor's language writes a day.
    updated_text: String,
    count: String,
    closed: bool,
    /// When it is scheduled to be published (Kabul time).
    due: Option<String>,
    /// When it is tried again, its publish at that time having failed.
    due_failed: Option<String>,
    /// While it waits for an editor: that it does and who submitted it,
    /// as HTML (the name isolated, [`author_html`]).
    review: Option<String>,
    /// A translation whose original has changed since it was made.
    outdated: bool,
    /// With the "not yet translated into" filter: the link that starts
    /// the translation, or goes on with the draft begun.
    translate: Option<Value>,
}

/// The language an editorial address names, or a 404 that names the
/// site's three, their codes marked as English in Dari and Pashto.
pub(super) fn parse_lang(cx: &Ctx, s: &str) -> Result<Lang, AppError> {
    s.parse().map_err(|_| {
        let codes = Lang::ALL.map(|l| (l.code(), l.code()));
        cx.not_found_english("admin-error-no-language", &codes)
    })
}

/// One article of the list before it becomes a [`Row`]: borrowed from the
/// site and the editor's states, so that filtering and sorting 100,000
/// articles copies no text, and only the page shown is built.
struct Entry<'a> {
    lang: Lang,
    slug: &'a str,
    title: &'a str,
    status: &'static str,
    tags: Vec<&'a str>,
    updated: String,
    url: Option<String>,
    state: Option<&'a askaf_store::EditorState>,
    /// See [`Row::outdated`].
    outdated: bool,
}

/// The articles the site holds as drafts (in their files), by language and slug.
fn draft_keys(site: &askaf_content::Site) -> std::collections::HashSet<(Lang, &str)> {
    site.drafts()
        .map(|d| (d.lang(), d.slug().as_str()))
        .collect()
}

/// Every article, published and draft, from the site and from the editor,
/// newest first.
fn entries<'a>(
    site: &'a askaf_content::Site,
    states: &'a HashMap<(String, String), askaf_store::EditorState>,
    drafts: &'a HashMap<(Lang, String), askaf_content::FrontMatter>,
) -> Vec<Entry<'a>> {
    let site_drafts = draft_keys(site);
    let mut out = Vec::with_capacity(site.len() + states.len());
    let site_rows = site
        .articles()
        .map(|a| (a, "published"))
        .chain(site.drafts().map(|a| (a, "draft")));
    for (a, status) in site_rows {
        let state = states.get(&(a.lang().code().to_string(), a.slug().to_string()));
        out.push(Entry {
            lang: a.lang(),
            slug: a.slug().as_str(),
            title: state.map_or(a.front.title.as_str(), |s| s.head.title.as_str()),
            status,
            tags: a.front.tags.iter().map(|t| t.as_str()).collect(),
            updated: a.front.updated.to_string(),
            url: Some(a.path()),
            state,
            outdated: site.stale_original(&a.front).is_some(),
        });
    }
    for s in states.values() {
        let Ok(lang) = s.lang.parse::<Lang>() else {
            continue;
        };
        if site.get(lang, &s.slug).is_some() || site_drafts.contains(&(lang, s.slug.as_str())) {
            continue;
        }
        let front = drafts.get(&(lang, s.slug.clone()));
        out.push(Entry {
            lang,
            slug: &s.slug,
            title: &s.head.title,
            status: "draft",
            tags: front.map_or_else(Vec::new, |f| f.tags.iter().map(|t| t.as_str()).collect()),
            updated: s.head.saved_at.chars().take(10).collect(),
            url: None,
            state: Some(s),
            outdated: front.is_some_and(|f| site.stale_original(f).is_some()),
        });
    }
    out.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.slug.cmp(b.slug)));
    out
}

/// The front matter of the editor's articles the site does not hold,
/// published or as a draft: only those are read from the editor's text.
fn editor_drafts<'a>(
    site: &askaf_content::Site,
    states: impl Iterator<Item = &'a askaf_store::EditorState>,
) -> HashMap<(Lang, String), askaf_content::FrontMatter> {
    let site_drafts = draft_keys(site);
    states
        .filter_map(|s| {
            let lang = s.lang.parse::<Lang>().ok()?;
            if site.get(lang, &s.slug).is_some() || site_drafts.contains(&(lang, s.slug.as_str())) {
                return None;
            }
            let (a, _) = parse_article(std::path::Path::new(""), &s.head.source).ok()?;
            Some(((lang, s.slug.clone()), a.front))
        })
        .collect()
}

/// The slug of the version into `to` that the article `lang`/`slug` has
/// or has begun (see [`versions_in`]): published, or a draft the
/// translator comes back to rather than start another.
pub(super) async fn version_into(
    cx: &Ctx,
    lang: Lang,
    slug: &str,
    to: Lang,
) -> Result<Option<String>, AppError> {
    let states = cx.app.store().editor_states().await?;
    let live = cx.app.site();
    let drafts = editor_drafts(&live, states.iter());
    Ok(versions_in(&live, &drafts, to)
        .get(&(lang, slug))
        .map(|(s, _)| s.to_string()))
}

/// The version into `to` each article has or has begun, by the article's
/// language and slug: its slug, and whether it is published. Published
/// versions are the site's (linked either way, or through another
/// translation); a draft counts when it names the article among its
/// translations, or the article names it.
fn versions_in<'a>(
    site: &'a askaf_content::Site,
    drafts: &'a HashMap<(Lang, String), askaf_content::FrontMatter>,
    to: Lang,
) -> HashMap<(Lang, &'a str), (&'a str, bool)> {
    let mut found: HashMap<(Lang, &str), (&str, bool)> = HashMap::new();
    for a in site.articles().filter(|a| a.lang() != to) {
        if let Some(t) = site.translations_of(a).into_iter().find(|t| t.lang() == to) {
            found.insert((a.lang(), a.slug().as_str()), (t.slug().as_str(), true));
        }
    }
    let fronts: Vec<&askaf_content::FrontMatter> = site
        .articles()
        .chain(site.drafts())
        .map(|a| &a.front)
        .chain(drafts.values())
        .collect();
    let begun: std::collections::HashSet<&str> = site
        .drafts()
        .map(|a| &a.front)
        .chain(drafts.values())
        .filter(|f| f.lang == to)
        .map(|f| f.slug.as_str())
        .collect();
    for f in &fronts {
        if f.lang == to && begun.contains(f.slug.as_str()) {
            for (l, s) in &f.translations {
                found
                    .entry((*l, s.as_str()))
                    .or_insert((f.slug.as_str(), false));
            }
        } else if let Some(s) = f
            .translations
            .get(&to)
            .filter(|s| begun.contains(s.as_str()))
        {
            found
                .entry((f.lang, f.slug.as_str()))
                .or_insert((s.as_str(), false));
        }
    }
    found
}

async fn list(cx: Ctx, q: Result<Query<ListQuery>, QueryRejection>) -> Result<Response, AppError> {
    let me = cx.require(None).await?;
    let (write, moderate) = (
        me.role.can(Permission::WriteArticles),
        me.role.can(Permission::ModerateComments),
    );
    if !write && !moderate {
        return Err(cx.refused_role(me.role));
    }
    let q = query(q);
    let store = cx.app.store();
    let states: HashMap<(String, String), askaf_store::EditorState> = store
        .editor_states()
        .await?
        .into_iter()
        .map(|s| ((s.lang.clone(), s.slug.clone()), s))
        .collect();
    let live = cx.app.site();
    let drafts = editor_drafts(&live, states.values());
    let all = entries(&live, &states, &drafts);
    let missing: Option<Lang> = q.missing.parse().ok();
    let versions = missing.map(|to| versions_in(&live, &drafts, to));
    let version = |e: &Entry| {
        versions
            .as_ref()
            .and_then(|v| v.get(&(e.lang, e.slug)).copied())
    };
    let schedule: HashMap<(String, String), askaf_store::Scheduled> = store
        .schedule_list()
        .await?
        .into_iter()
        .map(|s| ((s.lang.clone(), s.slug.clone()), s))
        .collect();
    let scheduled = |e: &Entry| schedule.get(&(e.lang.code().to_string(), e.slug.to_string()));
    let due = |e: &Entry| scheduled(e).map(|s| s.due_unix);
    let review: HashMap<(String, String), String> = store
        .review_requests()
        .await?
        .into_iter()
        .map(|r| ((r.lang, r.slug), r.by))
        .collect();
    let waiting = |e: &Entry| {
        review
            .get(&(e.lang.code().to_string(), e.slug.to_string()))
            .cloned()
    };
    // The topic filter names each topic in the editor's language, by name.
    let tags: std::collections::BTreeSet<&str> =
        all.iter().flat_map(|e| e.tags.iter().copied()).collect();
    let mut tags: Vec<crate::views::TagView> = tags
        .into_iter()
        .map(|t| crate::views::TagView::of(cx.lang, t))
        .collect();
    tags.sort_by(|a, b| a.name.cmp(&b.name));
    // Titles and the search alike as Ask reads text: `ولايت` typed on an
    // Arabic keyboard finds `ولایت`, a ZWNJ or its absence does not matter.
    let fold = |text: &str| askaf_text::normalize_mixed(text, askaf_text::Language::English);
    let needle = q.q.trim().to_lowercase();
    let folded = fold(&needle);
    let shown: Vec<&Entry> = all
        .iter()
        .filter(|e| q.lang.is_empty() || e.lang.code() == q.lang)
        .filter(|e| q.tag.is_empty() || e.tags.contains(&q.tag.as_str()))
        .filter(|e| match q.status.as_str() {
            "" => true,
            "scheduled" => due(e).is_some(),
            "review" => waiting(e).is_some(),
            "outdated" => e.outdated,
            status => e.status == status,
        })
        .filter(|e| match missing {
            None => true,
            Some(to) => e.lang != to && !version(e).is_some_and(|(_, published)| published),
        })
        .filter(|e| {
            needle.is_empty() || fold(e.title).contains(&folded) || e.slug.contains(&needle)
        })
        .collect();
    let matching = shown.len();
    let pages = matching.div_ceil(PER_PAGE).max(1);
    let page = q.page.parse::<usize>().unwrap_or(1).clamp(1, pages);
    let closed = store.closed_articles().await?;
    let counts = store.comment_counts().await?;
    let shown: Vec<Row> = shown
        .into_iter()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .map(|e| {
            let key = (e.lang, e.slug.to_string());
            Row {
                lang: e.lang.code(),
                slug: e.slug.to_string(),
                title: e.title.to_string(),
                url: e
                    .url
                    .clone()
                    .unwrap_or_else(|| format!("/{}/{}", e.lang, e.slug)),
                status: e.status,
                pending: e.state.is_some_and(|s| s.published_id != Some(s.head.id)),
                tags: e.tags.iter().map(|t| t.to_string()).collect(),
                updated: e.updated.clone(),
                updated_text: day(cx.lang, &e.updated),
                count: i18n::digits(cx.lang, &counts.get(&key).copied().unwrap_or(0).to_string()),
                closed: closed.contains(&key),
                due: due(e).map(|d| clock::when(cx.lang, d)),
                due_failed: scheduled(e)
                    .and_then(|s| s.retry_unix)
                    .map(|r| clock::when(cx.lang, r)),
                review: waiting(e).map(|by| {
                    Message::new("admin-article-waiting")
                        .markup("name", author_html(&cx, Some(&by)), &by)
                        .html(cx.lang)
                }),
                outdated: e.outdated,
                translate: missing.map(|to| {
                    let (url, started) = match version(e) {
                        Some((slug, _)) => (format!("/admin/articles/{to}/{slug}/edit"), true),
                        None => (
                            format!("/admin/articles/{}/{}/translate?into={to}", e.lang, e.slug),
                            false,
                        ),
                    };
                    context! { url, started, name => super::lang_name(cx.lang, to) }
                }),
            }
        })
        .collect();
    let link = |n: usize| {
        let query: String = [
            ("lang", q.lang.as_str()),
            ("tag", q.tag.as_str()),
            ("status", q.status.as_str()),
            ("q", q.q.as_str()),
            ("missing", q.missing.as_str()),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}&", encode(v)))
        .collect();
        format!("/admin/articles?{query}page={n}")
    };
    let extra = context! {
        articles => Value::from_serialize(&shown),
        total => all.len(),
        matching,
        page_no => page,
        pages,
        prev => (page > 1).then(|| link(page - 1)),
        next => (page < pages).then(|| link(page + 1)),
        tags => tags,
        filter => context! {
            lang => q.lang, tag => q.tag, status => q.status, q => q.q, missing => q.missing,
        },
        write => write,
        moderate => moderate,
    };
    let view = View::new("articles", cx.t("admin-title-articles"), extra)
        .notice_html(super::notice_html(&cx, &q.notice));
    cx.render(StatusCode::OK, Some(&me), view)
}

/// A query-string value, percent-encoded.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// More source rows than any article cites; a form claiming more is
/// read up to this many.
const MAX_SOURCE_ROWS: usize = 200;

/// The form's fields by name; sources are `source_title_N` and so on,
/// translations `translation_LANG`.
pub(super) type FormFields = HashMap<String, String>;

pub(super) fn fields_of(form: &FormFields) -> ArticleFields {
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    // Every row any of whose fields was sent, up to the last: a row is not
    // dropped for a field a client left out (its problems are then shown).
    let rows = form
        .keys()
        .filter_map(|k| {
            ["source_title_", "source_url_", "source_accessed_"]
                .iter()
                .find_map(|prefix| k.strip_prefix(prefix)?.parse::<usize>().ok())
        })
        .filter(|&i| i < MAX_SOURCE_ROWS)
        .max()
        .map_or(0, |last| last + 1);
    let mut sources = Vec::new();
    for i in 0..rows {
        sources.push(SourceFields {
            title: get(&format!("source_title_{i}")),
            url: get(&format!("source_url_{i}")),
            accessed: get(&format!("source_accessed_{i}")),
        });
    }
    ArticleFields {
        lang: get("lang"),
        slug: get("slug").trim().to_string(),
        title: get("title"),
        question: get("question"),
        summary: get("summary"),
        tags: get("tags"),
        published: get("published"),
        updated: get("updated"),
        translations: [Lang::En, Lang::Fa, Lang::Ps]
            .iter()
            .map(|l| (l.code().to_string(), get(&format!("translation_{l}"))))
            .collect(),
        translated_from_lang: get("translated_from_lang"),
        translated_from_revision: get("translated_from_revision").trim().to_string(),
        sources,
        body: get("body"),
    }
}

/// A source's row of the form, its title marked with the language it is
/// written in: the one its letters say where that is another script than
/// the article's (an English title in a Dari article, or copied from an
/// English original into its translation), else the article's
/// ([`views::other_lang`]). The titles took the page's language until 6
/// December: on a Dari or Pashto editor's page a screen reader read the
/// English ones copied into a translation with a Dari voice. An empty
/// title (a row to fill in) says no language, and takes its direction
/// from what is typed.
#[derive(Serialize)]
struct SourceRow<'a> {
    #[serde(flatten)]
    typed: &'a SourceFields,
    title_lang: Option<&'static str>,
    title_dir: Option<&'static str>,
}

impl<'a> SourceRow<'a> {
    fn new(typed: &'a SourceFields, article: Option<Lang>) -> SourceRow<'a> {
        let title = typed.title.trim();
        let title_lang = match article {
            _ if title.is_empty() => None,
            Some(own) => Some(views::other_lang(own, title).unwrap_or(own)),
            None => askaf_text::written_in(title).map(askaf_search::site_lang),
        };
        SourceRow {
            typed,
            title_lang: title_lang.map(Lang::code),
            title_dir: title_lang.map(Lang::dir),
        }
    }
}

/// What the editor page shows besides the fields.
#[derive(Default)]
pub(super) struct Extras {
    /// The article's translations, or its original (see `translate::panel`).
    pub(super) translation: Option<Value>,
    problems: Vec<Problem>,
    written: Option<Written>,
    preview: Option<String>,
    base: Option<i64>,
    published: bool,
    login: bool,
    conflict: Option<Value>,
    /// Shown by Preview, which never saves.
    previewing: bool,
    /// When the article is scheduled to be published, and by whom.
    scheduled: Option<ScheduledView>,
    /// The schedule's fields as typed, and what is wrong with them (HTML,
    /// from [`due_unix`]).
    publish_date: String,
    publish_time: String,
    schedule_error: Option<String>,
    /// The article's content file, when the site refused its last change
    /// (the dashboard's entry for it): the form holds the version served,
    /// not the file's text on disk, and says so.
    refused_file: Option<Value>,
    /// A save the server stopped waiting for: the link to how it ended
    /// (`url`, `label`), and, on the article's page, what it says of it
    /// (`said`); on the save's own page, the link to the article's.
    late: Option<Value>,
    /// The servers that do not serve the article as saved, their last
    /// publish or unpublish saved and not applied there
    /// ([`askaf_site::Served::unapplied_of`]): see [`unapplied_said`].
    unapplied: Vec<Value>,
}

impl Extras {
    /// What the article's editor page shows around its fields, as the
    /// article stands now: its translations or its original
    /// (`translate::panel`), its schedule, its content file refused, its
    /// revision not applied here. Every page that shows the article's form
    /// to its editor (the page itself, and the form handed back: with
    /// problems, in a conflict, with a step not done, still being applied,
    /// a late save's outcome) takes them from here, so that none lacks
    /// one. `at` is the article (`None`: a new one, of which only a
    /// translation's original is shown).
    pub(super) async fn around(
        cx: &Ctx,
        at: Option<(Lang, &str)>,
        fields: &ArticleFields,
    ) -> Result<Extras, AppError> {
        let translation = super::translate::panel(cx, at, fields).await?;
        let Some((lang, slug)) = at else {
            return Ok(Extras {
                translation,
                ..Extras::default()
            });
        };
        Ok(Extras {
            translation,
            scheduled: scheduled_of(cx, lang, slug).await?,
            refused_file: refused_file_of(cx, lang, slug).await?,
            unapplied: unapplied_said(
                cx,
                (lang, slug),
                &cx.app.served().unapplied_of(lang, slug).await?,
            ),
            ..Extras::default()
        })
    }
}

pub(super) fn editor_view<'a>(
    cx: &Ctx,
    me: Option<&Current>,
    lang_slug: Option<(Lang, &str)>,
    fields: &ArticleFields,
    x: Extras,
) -> View<'a> {
    // Each field's problems, as HTML (what was typed in a `<bdi>`).
    let mut errors: HashMap<&'static str, Vec<Value>> = HashMap::new();
    for p in &x.problems {
        let field = x.written.as_ref().map_or("general", |w| w.field_of(p));
        let html = problem_html(cx.lang, &p.kind, Origin::Editor);
        // A problem in the text is found by its line there.
        let line = x
            .written
            .as_ref()
            .filter(|_| field == "body")
            .and_then(|w| w.body_line(p));
        let html = match line {
            Some(n) => {
                let text = problem_text(cx.lang, &p.kind, Origin::Editor);
                Message::new("admin-problem-body-line")
                    .arg("n", cx.num(n))
                    .markup("problem", html, &text)
                    .html(cx.lang)
            }
            None => html,
        };
        errors
            .entry(field)
            .or_default()
            .push(Value::from_safe_string(html));
    }
    let errors: Value = errors
        .into_iter()
        .map(|(field, said)| (field, Value::from(said)))
        .collect();
    // The rows typed in (a date typed alone is kept, as typed), then empty
    // rows dated today, every one as the first: a source added is dated
    // without the editor typing it, with or without JavaScript, as the
    // editor writes the article's dates.
    let own = fields.language();
    let today = clock::today(own.unwrap_or(cx.lang));
    let is_today = |typed: &str| {
        askaf_content::calendar::parse_typed_date(typed).ok() == Some(clock::kabul_today())
    };
    let mut sources = fields.sources.clone();
    sources.retain(|s| !s.is_blank() || !(s.accessed.trim().is_empty() || is_today(&s.accessed)));
    // An article citing nothing yet gets one more: the one it needs.
    let blanks = BLANK_SOURCES + usize::from(sources.is_empty());
    sources.extend(std::iter::repeat_n(
        SourceFields {
            accessed: today,
            ..SourceFields::default()
        },
        blanks,
    ));
    let sources: Vec<SourceRow> = sources.iter().map(|s| SourceRow::new(s, own)).collect();
    let translations: Vec<Value> = [Lang::En, Lang::Fa, Lang::Ps]
        .into_iter()
        .filter(|l| Some(*l) != own)
        .map(|l| {
            context! {
                code => l.code(),
                name => l.native_name(),
                value => fields.translations.get(l.code()).cloned().unwrap_or_default(),
            }
        })
        .collect();
    let (action, heading) = match lang_slug {
        Some((l, s)) => (
            format!("/admin/articles/{l}/{s}/edit"),
            cx.t("admin-title-edit-article"),
        ),
        None => (
            "/admin/articles/new".to_string(),
            cx.t("admin-title-new-article"),
        ),
    };
    let can_publish = me.is_some_and(|m| m.role.can(Permission::PublishArticles));
    let dir = own.map_or("auto", |l| l.dir());
    let count = x.problems.len();
    let mut view = View::new(
        "editor",
        heading,
        context! {
            editor => context! {
                action,
                new => lang_slug.is_none(),
                reserved => lang_slug.filter(|(_, s)| reserved_slug(s)).map(|(l, s)| format!("/{l}/{s}")),
                view_url => lang_slug.map(|(l, s)| format!("/{l}/{s}")),
                f => Value::from_serialize(fields),
                sources => Value::from_serialize(&sources),
                translations,
                dir,
                base => x.base.map(|b| b.to_string()).unwrap_or_default(),
                published => x.published,
                can_publish,
                login => x.login,
                preview => x.preview,
                conflict => x.conflict,
                errors,
                scheduled => x.scheduled.map(Value::from_serialize),
                calendar_hint => cx.lang != Lang::En,
                publish_date => x.publish_date,
                publish_time => x.publish_time,
                schedule_error => x.schedule_error.map(Value::from_safe_string),
                translation => x.translation,
                refused_file => x.refused_file,
                late => x.late,
                unapplied => x.unapplied,
            },
        },
    );
    if count > 0 {
        let key = if x.previewing {
            "admin-error-problems-preview"
        } else {
            "admin-error-problems-not-saved"
        };
        view = view.error(i18n::count_text(cx.lang, key, count as u64));
    }
    view
}

/// The servers that do not serve an article as saved, as its editor page
/// says them: whether it is this one (`here`, first when it is), and a
/// paragraph (`said`, HTML) that names the server (another's name, its
/// host and data directory, left to right) and gives the reason, the
/// log's words marked as English ([`english_html`]). Until 7 December
/// only the server that failed said it, and only until it restarted.
///
/// Each says when the store last recorded it, and how long ago: a server
/// renews its record each time it tries again, so one not renewed for
/// [`askaf_store::UNAPPLIED_STALE_AFTER`] is another server's that
/// stopped trying, which an editor may clear (`clear`, the address of
/// [`clear_unapplied`]): a server gone for good (its data directory
/// removed) left it on every page for ever until 7 December.
fn unapplied_said(
    cx: &Ctx,
    (lang, slug): (Lang, &str),
    on: &[askaf_site::UnappliedOn],
) -> Vec<Value> {
    let now = chrono::Utc::now();
    on.iter()
        .map(|u| {
            let mut said = match &u.node {
                None => escape(&cx.t("admin-editor-unapplied-help")),
                Some(node) => Message::new("admin-editor-unapplied-other")
                    .ltr("node", node)
                    .html(cx.lang),
            };
            said = format!("{said} {}", english_html(&u.reason));
            let ago = u.noted_at.as_deref().and_then(|at| {
                let at = chrono::DateTime::parse_from_rfc3339(at).ok()?;
                Some(
                    (now - at.with_timezone(&chrono::Utc))
                        .num_seconds()
                        .max(0)
                        .unsigned_abs(),
                )
            });
            let mut stale = false;
            if let (Some(at), Some(secs)) = (&u.noted_at, ago) {
                let noted = cx.t_with(
                    "admin-editor-unapplied-noted",
                    &[
                        ("ago", i18n::ago(cx.lang, secs).into()),
                        ("when", clock::stamp(cx.lang, at).into()),
                    ],
                );
                said = format!("{said} {}", escape(&noted));
                stale = secs >= askaf_store::UNAPPLIED_STALE_AFTER.as_secs();
            }
            let clear = u.node.as_ref().filter(|_| stale).map(|node| {
                context! {
                    action => format!("/admin/articles/{lang}/{slug}/unapplied"),
                    node,
                    help => cx.t("admin-editor-unapplied-stale"),
                }
            });
            context! { here => u.node.is_none(), said => Value::from_safe_string(said), clear }
        })
        .collect()
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ClearUnappliedForm {
    csrf: String,
    /// The server whose record is cleared, as the page names it.
    node: String,
}

/// `POST /admin/articles/{lang}/{slug}/unapplied`: clears another server's
/// record that it does not serve the article as saved, once it has not
/// been renewed for [`askaf_store::UNAPPLIED_STALE_AFTER`] (see
/// [`unapplied_said`]); an editor's, who may publish. A record renewed
/// since the page was opened (that server still trying), this server's,
/// or one gone already is refused, 409, and stays as it is.
async fn clear_unapplied(
    cx: Ctx,
    Path((lang, slug)): Path<(String, String)>,
    form: Result<Form<ClearUnappliedForm>, FormRejection>,
) -> Result<Response, AppError> {
    cx.require(Some(Permission::PublishArticles)).await?;
    let form = read(&cx, form)?;
    cx.csrf(&form.csrf)?;
    let lang = parse_lang(&cx, &lang)?;
    let cleared = cx
        .app
        .served()
        .clear_stale_unapplied(&form.node, lang, &slug)
        .await?;
    if !cleared {
        return Err(AppError::rejected(
            cx.lang,
            StatusCode::CONFLICT,
            cx.t("admin-error-unapplied-not-stale"),
        ));
    }
    Ok(see_other(&format!(
        "/admin/articles/{lang}/{slug}/edit?notice=unapplied-cleared"
    )))
}

/// What a new article's form may be opened with: the question a reader
/// asked, from the list of what readers want next.
#[derive(Deserialize, Default)]
#[serde(default)]
struct NewQuery {
    lang: String,
    question: String,
}

async fn new_form(
    cx: Ctx,
    q: Result<Query<NewQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::WriteArticles)).await?;
    let q = q.map(|Query(q)| q).unwrap_or_default();
    // Unless the link names one, the editor's own language: a Dari
    // editor's new article is a Dari one, written right to left, and
    // dated as the editor writes a Dari article's dates.
    let lang = q.lang.parse::<Lang>().unwrap_or(cx.lang);
    let today = clock::today(lang);
    let fields = ArticleFields {
        lang: lang.code().into(),
        question: q.question.chars().take(300).collect(),
        published: today.clone(),
        updated: today,
        ..ArticleFields::default()
    };
    let view = editor_view(&cx, Some(&me), None, &fields, Extras::default());
    cx.render(StatusCode::OK, Some(&me), view)
}

/// The fields of an article as the editor opens it: its head revision in
/// the editor, else the site's version; with the revision it was made from.
/// Whether an article's slug is one the site keeps for its own pages: an
/// article saved with it before it was (`ask`) is not served, and its
/// edit page asks for another slug, under which a save moves it (`act`).
pub(super) fn reserved_slug(slug: &str) -> bool {
    matches!(
        askaf_content::article_slug(slug),
        Err(ProblemKind::ReservedSlug { .. })
    )
}

pub(super) async fn current_fields(
    cx: &Ctx,
    lang: Lang,
    slug: &str,
) -> Result<Option<(ArticleFields, Option<i64>, bool)>, AppError> {
    if let Some(s) = cx.app.store().editor_state(lang, slug).await? {
        let fields = match parse_article(std::path::Path::new(&s.path), &s.head.source) {
            Ok((a, body)) => ArticleFields::for_editor(&a.front, &body.markdown)
                .with_dates_as_written(&s.head.source),
            // Saved with a slug the site now keeps for itself: its fields,
            // for the editor to give it another ([`reserved_slug`]).
            Err(_) => {
                ArticleFields::with_reserved_slug(&s.head.source).unwrap_or_else(|| ArticleFields {
                    body: s.head.source.clone(),
                    ..ArticleFields::default()
                })
            }
        };
        return Ok(Some((fields, Some(s.head.id), s.published_id.is_some())));
    }
    let live = cx.app.site();
    let found = live
        .get(lang, slug)
        .map(|a| (a, true))
        .or_else(|| live.draft(lang, slug).map(|a| (a, false)));
    let Some((a, published)) = found else {
        return Ok(None);
    };
    let body = cx.app.body(a).await?;
    Ok(Some((
        ArticleFields::for_editor(&a.front, &body.markdown),
        None,
        published,
    )))
}

/// Writes in each translation box the article's own front matter leaves
/// empty the published translation the site links it to, as the links
/// beside the boxes do: a translation made in the editor names its
/// original, which need not name it, and until 7 December the original's
/// boxes stayed empty though its translations were linked. A save then
/// writes the link the site already holds. A draft translation is not
/// named: an original that names a translation the site does not serve
/// is refused.
fn name_published_translations(cx: &Ctx, lang: Lang, slug: &str, fields: &mut ArticleFields) {
    for (to, their) in super::translate::published_translations(cx, lang, slug) {
        let named = fields
            .translations
            .entry(to.code().to_string())
            .or_default();
        if named.trim().is_empty() {
            *named = their;
        }
    }
}

async fn edit_form(
    cx: Ctx,
    Path((lang, slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::WriteArticles)).await?;
    let lang = parse_lang(&cx, &lang)?;
    let Some((mut fields, base, published)) = current_fields(&cx, lang, &slug).await? else {
        return Err(cx.not_found());
    };
    name_published_translations(&cx, lang, &slug, &mut fields);
    let x = Extras {
        base,
        published,
        late: late::unseen(&cx, &me, lang, &slug).await?,
        ..Extras::around(&cx, Some((lang, &slug)), &fields).await?
    };
    let view = editor_view(&cx, Some(&me), Some((lang, &slug)), &fields, x);
    let q: Option<&str> = cx.uri.query();
    let view = match q.and_then(|q| q.strip_prefix("notice=")) {
        Some(n) => view.notice_html(super::notice_html(&cx, n)),
        None => view,
    };
    cx.render(StatusCode::OK, Some(&me), view)
}

/// The article's content file as the dashboard lists it, when the site
/// refused its last change: the file the site knows the article by (the
/// editor's record of it, else the article's, served or a draft).
async fn refused_file_of(cx: &Ctx, lang: Lang, slug: &str) -> Result<Option<Value>, AppError> {
    let path = match cx.app.store().editor_state(lang, slug).await? {
        Some(s) => std::path::PathBuf::from(s.path),
        None => {
            let live = cx.app.site();
            match live.get(lang, slug).or_else(|| live.draft(lang, slug)) {
                Some(a) => a.file.clone(),
                None => return Ok(None),
            }
        }
    };
    Ok(super::refused_file(cx, &path).map(|f| Value::from_serialize(&f)))
}

async fn post_new(
    cx: Ctx,
    form: Result<Form<FormFields>, FormRejection>,
) -> Result<Response, AppError> {
    let form = read_within(&cx, form, MAX_FORM_BYTES)?;
    submit(cx, None, form).await
}

async fn post_edit(
    cx: Ctx,
    Path((lang, slug)): Path<(String, String)>,
    form: Result<Form<FormFields>, FormRejection>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&cx, &lang)?;
    let mut form = read_within(&cx, form, MAX_FORM_BYTES)?;
    if form.get("do").is_some_and(|b| b == "up-to-date") {
        super::translate::typed_up_to_date(&cx, lang, &slug, &mut form).await?;
    }
    submit(cx, Some((lang, slug)), form).await
}

/// The account posting the form: its session, or the sign-in typed into
/// the form when the session has expired. `Ok(Err(_))`: neither (with why,
/// when a sign-in was typed and refused); the form is shown again with its
/// text and a sign-in.
async fn who(
    cx: &Ctx,
    form: &FormFields,
) -> Result<Result<(Current, Option<HeaderValue>), Option<super::LoginRefused>>, AppError> {
    match cx.require(Some(Permission::WriteArticles)).await {
        Ok(me) => Ok(Ok((me, None))),
        Err(AppError::LoginRequired { .. }) => {
            let name = form.get("login_username").map(|s| s.trim()).unwrap_or("");
            let password = form.get("login_password").map(String::as_str).unwrap_or("");
            if name.is_empty() || password.is_empty() {
                return Ok(Err(None));
            }
            let user = match super::verify_login(cx, name, password).await? {
                Ok(user) => user,
                Err(refused) => return Ok(Err(Some(refused))),
            };
            let me = Current::of(user)?;
            if !me.role.can(Permission::WriteArticles) {
                return Err(AppError::forbidden(
                    cx.lang,
                    cx.t("admin-error-may-not-write"),
                ));
            }
            let cookie = cx.start_session(me.user.id).await?;
            Ok(Ok((me, Some(cookie))))
        }
        Err(e) => Err(e),
    }
}

async fn submit(
    cx: Ctx,
    at: Option<(Lang, String)>,
    form: FormFields,
) -> Result<Response, AppError> {
    let fields = fields_of(&form);
    let base: Option<i64> = form.get("base").and_then(|b| b.parse().ok());
    let published = form.get("published_now").is_some_and(|v| v == "1");
    let lang_slug = at.as_ref().map(|(l, s)| (*l, s.as_str()));
    if cx
        .csrf(form.get("csrf").map(String::as_str).unwrap_or(""))
        .is_err()
    {
        return unverified(&cx, lang_slug, &form, &fields, base, published).await;
    }
    let (me, cookie) = match who(&cx, &form).await? {
        Ok(found) => found,
        Err(refused) => {
            let x = Extras {
                base,
                published,
                login: true,
                ..Extras::default()
            };
            let view = editor_view(&cx, None, lang_slug, &fields, x);
            return cx.lapsed_page(refused.as_ref(), view);
        }
    };
    let mut r = act(&cx, &me, at, &form, fields, base, published).await?;
    if let Some(c) = cookie {
        r.headers_mut().append(header::SET_COOKIE, c);
    }
    Ok(r)
}

/// A form whose token is not this browser's: opened before the browser
/// lost the seed it was made from (left open overnight, past the seed's
/// eight hours, or the cookies cleared), or an old copy of the page. It is
/// shown again with what was typed and a fresh token, with a sign-in when
/// there is no session; nothing is saved and the sign-in typed into it is
/// not tried, since the token is what says this page sent it. Showing it
/// back is safe: another site's page never gets here (`refuse_cross_site`
/// turned it away), and what comes back is only the form, escaped.
async fn unverified(
    cx: &Ctx,
    lang_slug: Option<(Lang, &str)>,
    form: &FormFields,
    fields: &ArticleFields,
    base: Option<i64>,
    published: bool,
) -> Result<Response, AppError> {
    let me = match cx.require(Some(Permission::WriteArticles)).await {
        Ok(me) => Some(me),
        Err(AppError::LoginRequired { .. }) => None,
        Err(e) => return Err(e),
    };
    let x = Extras {
        base,
        published,
        login: me.is_none(),
        publish_date: form.get("publish_date").cloned().unwrap_or_default(),
        publish_time: form.get("publish_time").cloned().unwrap_or_default(),
        ..Extras::default()
    };
    let (status, message) = match &me {
        Some(_) => (StatusCode::FORBIDDEN, "admin-error-form-unverified"),
        None => (StatusCode::UNAUTHORIZED, "admin-error-session-expired"),
    };
    let view = editor_view(cx, me.as_ref(), lang_slug, fields, x).error(cx.t(message));
    cx.render(status, me.as_ref(), view)
}

/// What the form's button asks for, done as `me`.
async fn act(
    cx: &Ctx,
    me: &Current,
    at: Option<(Lang, String)>,
    form: &FormFields,
    fields: ArticleFields,
    base: Option<i64>,
    published: bool,
) -> Result<Response, AppError> {
    let lang_slug = at.as_ref().map(|(l, s)| (*l, s.as_str()));
    let button = form.get("do").map(String::as_str).unwrap_or("");
    let action = match button {
        "preview" => None,
        "draft" => Some(EditAction::Draft),
        "publish" => Some(EditAction::Publish),
        "unpublish" => Some(EditAction::Unpublish),
        // Saved as a draft, then published at a time, or no longer.
        "schedule" | "unschedule" => Some(EditAction::Draft),
        // An author's draft, for an editor to publish.
        "review" => Some(EditAction::Review),
        _ => return Err(cx.bad_request("admin-error-editor-button")),
    };
    let scheduling = matches!(button, "schedule" | "unschedule");
    if (matches!(action, Some(EditAction::Publish | EditAction::Unpublish)) || scheduling)
        && !me.role.can(Permission::PublishArticles)
    {
        return Err(AppError::forbidden(
            cx.lang,
            cx.t_with(
                "admin-error-may-not-publish",
                &[("role", super::role_name(cx.lang, me.role.as_str()).into())],
            ),
        ));
    }
    // An article at a slug the site keeps for itself, saved under another:
    // made there, as a new article, then unpublished at its old one.
    let moving_from = at
        .as_ref()
        .filter(|(_, s)| reserved_slug(s) && fields.slug.trim() != s.as_str())
        .filter(|_| matches!(button, "draft" | "publish"))
        .map(|(_, s)| s.clone());
    let (lang, slug) = match &at {
        Some((l, _)) if moving_from.is_some() => (*l, fields.slug.trim().to_string()),
        Some((l, s)) => (*l, s.clone()),
        None => (fields.language().unwrap_or(Lang::En), fields.slug.clone()),
    };
    let written = fields.write();
    let served = cx.app.served();
    let Some(action) = action else {
        let problems = served
            .check_edit(lang, &slug, at.is_none(), &written.source)
            .await
            .map_err(AppError::from)?;
        let preview = preview(cx, &written.source)?;
        let x = Extras {
            problems,
            written: Some(written),
            preview,
            base,
            published,
            previewing: true,
            ..Extras::around(cx, lang_slug, &fields).await?
        };
        let view = editor_view(cx, Some(me), lang_slug, &fields, x);
        return cx.render(StatusCode::OK, Some(me), view);
    };
    let publish_date = form.get("publish_date").cloned().unwrap_or_default();
    let publish_time = form.get("publish_time").cloned().unwrap_or_default();
    let due = match button {
        "schedule" => match due_unix(cx, &publish_date, &publish_time) {
            Ok(due) => Some(due),
            Err(problem) => {
                let x = Extras {
                    written: Some(written),
                    base,
                    published,
                    publish_date,
                    publish_time,
                    schedule_error: Some(problem),
                    ..Extras::around(cx, lang_slug, &fields).await?
                };
                let view = editor_view(cx, Some(me), lang_slug, &fields, x)
                    .error(cx.t("admin-error-not-scheduled"));
                return cx.render(StatusCode::UNPROCESSABLE_ENTITY, Some(me), view);
            }
        },
        _ => None,
    };
    // What the button does once the revision is saved, part of the change
    // (so done even when the save ends after the server stopped waiting).
    // An article moved off a reserved slug is unpublished there by whoever
    // may unpublish; an author's save leaves it named on the dashboard for
    // an editor.
    let then = match (button, &moving_from) {
        ("schedule", _) => Then::Schedule {
            due_unix: due.unwrap_or_default(),
        },
        ("unschedule", _) => Then::Unschedule,
        ("review", _) => Then::RequestReview,
        (_, Some(old)) if me.role.can(Permission::PublishArticles) => Then::UnpublishOld {
            slug: old.clone(),
            base,
        },
        _ => Then::Nothing,
    };
    let moved = matches!(then, Then::UnpublishOld { .. });
    let step = then.clone();
    // Cancelling a schedule saves the form's text only if it was changed.
    let unchanged = button == "unschedule"
        && match base {
            Some(b) => cx
                .app
                .store()
                .edit(b)
                .await?
                .is_some_and(|e| e.source == written.source),
            None => false,
        };
    let outcome = if unchanged {
        cx.app.store().unschedule(lang, &slug, None).await?;
        EditOutcome::Saved {
            id: base.unwrap_or_default(),
            changes: Default::default(),
        }
    } else {
        let request = EditRequest {
            lang,
            slug: slug.clone(),
            new: at.is_none() || moving_from.is_some(),
            source: written.source.clone(),
            author: me.user.username.clone(),
            base: base.filter(|_| moving_from.is_none()),
            action,
            then,
        };
        match late::save(cx, me, request, &fields).await? {
            Ok(outcome) => outcome,
            Err(late::NotDone::Step { id, reason }) => {
                // Saved, at `slug` (where a move put it too), and its step
                // not done: said as the late save's page says it, the
                // form on the revision saved, the button one click away.
                let published = current_fields(cx, lang, &slug)
                    .await?
                    .is_some_and(|(_, _, published)| published);
                let mut x = Extras {
                    written: Some(written),
                    published,
                    ..Extras::around(cx, Some((lang, slug.as_str())), &fields).await?
                };
                let (status, said) =
                    late::step_not_done(cx, &mut x, &step, Some(id), &reason, None);
                let view = editor_view(cx, Some(me), Some((lang, slug.as_str())), &fields, x)
                    .error_html(said);
                return cx.render(status, Some(me), view);
            }
            Err(late::NotDone::Late(not_yet)) => {
                // The text is kept in the form: sent again, the same save
                // is the one being applied, not a second. The link says
                // how it ends, whenever it does. An article saved and not
                // applied (a new one, or one moved, exists now at `slug`):
                // the form is its editor's, on the revision saved, so that
                // sent again changed it is not a conflict with that
                // revision (until 7 December a new article's went to
                // /admin/articles/new with no base, and an existing one's
                // kept the base it was opened on, and were); sent
                // unchanged, it is that save.
                let (at, base, published) = match not_yet.saved {
                    Some(id) => (
                        Some((lang, slug.as_str())),
                        Some(id),
                        current_fields(cx, lang, &slug)
                            .await?
                            .is_some_and(|(_, _, published)| published),
                    ),
                    None => (lang_slug, base, published),
                };
                let x = Extras {
                    written: Some(written),
                    base,
                    published,
                    late: not_yet.id.map(|id| late::link(cx, id, "", false)),
                    ..Extras::around(cx, at, &fields).await?
                };
                let view = editor_view(cx, Some(me), at, &fields, x).error_html(not_yet.said.html);
                return cx.render(StatusCode::ACCEPTED, Some(me), view);
            }
        }
    };
    match outcome {
        EditOutcome::Saved { changes, .. } => {
            if moved {
                return Ok(see_other(&format!(
                    "/admin/articles/{lang}/{slug}/edit?notice=moved"
                )));
            }
            // Translations that link to an article taken off the site stay
            // on it, their link hidden: the editor is told so.
            let orphaned = changes.problems.iter().any(|p| {
                matches!(&p.kind, ProblemKind::TranslationNotAnArticle { lang: l, slug: s }
                    if *l == lang && s.as_str() == slug.as_str())
            });
            let notice = match button {
                "schedule" => "scheduled",
                // The form's text changed: saved as a draft too, and said so.
                "unschedule" if unchanged => "unscheduled",
                "unschedule" => "unscheduled-saved",
                "review" => "review",
                "publish" => "published",
                "unpublish" if orphaned => "unpublished-translations",
                "unpublish" => "unpublished",
                _ => "draft-saved",
            };
            Ok(see_other(&format!(
                "/admin/articles/{lang}/{slug}/edit?notice={notice}"
            )))
        }
        EditOutcome::Invalid(problems) => {
            let x = Extras {
                problems,
                written: Some(written),
                base,
                published,
                ..Extras::around(cx, lang_slug, &fields).await?
            };
            let view = editor_view(cx, Some(me), lang_slug, &fields, x);
            cx.render(StatusCode::UNPROCESSABLE_ENTITY, Some(me), view)
        }
        EditOutcome::Conflict(head) => {
            // The form keeps the author's text and now stands on the other
            // revision: saving again is a deliberate choice, made having seen both.
            // Whether the article is published is as it stands now, not as
            // the form was opened: the other save may have unpublished it
            // (until 7 December its link and *Unpublish* stayed) or
            // published it.
            let conflict = conflict_of(cx, &head, &written.source);
            let published = current_fields(cx, lang, &slug)
                .await?
                .is_some_and(|(_, _, published)| published);
            let x = Extras {
                written: Some(written),
                base: Some(head.id),
                published,
                conflict: Some(conflict),
                ..Extras::around(cx, lang_slug, &fields).await?
            };
            let view = editor_view(cx, Some(me), lang_slug, &fields, x)
                .error(cx.t("admin-error-conflict"));
            cx.render(StatusCode::CONFLICT, Some(me), view)
        }
    }
}

/// A conflict as the editor's page shows it: who saved `head` and when,
/// what changed from it to `mine` (the text the form sent), and both.
fn conflict_of(cx: &Ctx, head: &askaf_store::Edit, mine: &str) -> Value {
    context! {
        title => Message::new("admin-conflict-title")
            .markup("name", author_html(cx, head.author.as_deref()), head.author.as_deref().unwrap_or_default())
            .arg("when", FluentValue::from(clock::stamp(cx.lang, &head.saved_at)))
            .html(cx.lang),
        changes => diff_view(cx, &head.source, mine),
        theirs => head.source.clone(),
        mine => mine.to_string(),
    }
}

/// Why a typed date was not read, in the request's language, the Solar
/// Hijri month by its Afghan name; as HTML, the date as typed in a
/// `<bdi>` of its own.
fn date_problem(cx: &Ctx, typed: &str, e: &TypedDateError) -> String {
    let said = match e {
        TypedDateError::Form => {
            return Message::english("admin-error-date-form", &[("form", "YYYY-MM-DD")])
                .typed("date", typed.trim())
                .html(cx.lang)
        }
        TypedDateError::Gregorian {
            year,
            month,
            day,
            length,
        } => cx.t_with(
            "admin-error-date-gregorian",
            &[(
                "problem",
                super::check::gregorian_problem(cx.lang, *year, *month, *day, *length).into(),
            )],
        ),
        TypedDateError::GregorianMonth(month) => cx.t_with(
            "admin-error-date-gregorian",
            &[(
                "problem",
                super::check::no_such_month(cx.lang, *month).into(),
            )],
        ),
        TypedDateError::Ambiguous => {
            return Message::new("admin-error-date-ambiguous")
                .typed("date", typed.trim())
                .html(cx.lang)
        }
        TypedDateError::Solar(SolarDateError::Year(year)) => cx.t_with(
            "admin-error-date-year",
            &[
                ("year", cx.num(year)),
                ("first", cx.num(calendar::FIRST_YEAR)),
                ("last", cx.num(calendar::LAST_YEAR)),
            ],
        ),
        TypedDateError::Solar(SolarDateError::Month(month)) => {
            cx.t_with("admin-error-date-month", &[("month", cx.num(month))])
        }
        TypedDateError::Solar(SolarDateError::Day {
            year,
            month,
            day,
            length,
        }) => {
            // English's message selects the Latin name from the number and
            // leaves `name` unused.
            let name = crate::i18n::solar_month_name(cx.lang, *month);
            cx.t_with(
                "admin-error-date-day",
                &[
                    ("month", FluentValue::from(*month)),
                    ("name", name.unwrap_or_default().into()),
                    ("year", cx.num(year)),
                    ("day", cx.num(day)),
                    ("length", cx.num(length)),
                ],
            )
        }
    };
    escape(&said)
}

/// When a schedule is due: a date as editors type dates (Gregorian, or
/// Solar Hijri, see `askaf_content::calendar::parse_typed_date`) and a time
/// of day in Kabul (`HH:MM`, midnight when empty). Refused in the past,
/// saying why as HTML (what was typed in a `<bdi>`).
fn due_unix(cx: &Ctx, date: &str, time: &str) -> Result<i64, String> {
    if date.trim().is_empty() {
        return Err(escape(&cx.t("admin-error-schedule-no-date")));
    }
    let day =
        askaf_content::calendar::parse_typed_date(date).map_err(|e| date_problem(cx, date, &e))?;
    let at = if time.trim().is_empty() {
        chrono::NaiveTime::MIN
    } else {
        // Browsers send `HH:MM`, or `HH:MM:SS` when the field's step asks for seconds.
        chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M")
            .or_else(|_| chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M:%S"))
            .map_err(|_| {
                Message::new("admin-error-schedule-time")
                    .typed("time", time.trim())
                    .html(cx.lang)
            })?
    };
    let due = day
        .and_time(at)
        .and_local_timezone(clock::kabul())
        .single()
        .ok_or_else(|| escape(&cx.t("admin-error-schedule-no-such-time")))?
        .timestamp();
    if due <= chrono::Utc::now().timestamp() {
        return Err(escape(&cx.t("admin-error-schedule-past")));
    }
    Ok(due)
}

/// An article's schedule as the editor shows it.
#[derive(Debug, Serialize)]
pub(super) struct ScheduledView {
    /// When, in Kabul time, and who set it, as HTML (the name isolated,
    /// [`author_html`]).
    said: String,
    /// Its publish at that time failed: when it is tried again, and why
    /// (the reason as the server's log has it).
    failed: Option<ScheduleFailure>,
}

#[derive(Debug, Serialize)]
struct ScheduleFailure {
    retry: String,
    /// The log's words, as HTML marked as English ([`english_html`]).
    why: String,
}

/// An article's schedule as the editor shows it: Kabul time, who set it,
/// and whether publishing at that time failed.
async fn scheduled_of(cx: &Ctx, lang: Lang, slug: &str) -> Result<Option<ScheduledView>, AppError> {
    let Some(s) = cx.app.store().scheduled(lang, slug).await? else {
        return Ok(None);
    };
    let failed = s.retry_unix.map(|retry| ScheduleFailure {
        retry: clock::when(cx.lang, retry),
        why: english_html(s.failure.as_deref().unwrap_or_default()),
    });
    Ok(Some(ScheduledView {
        said: Message::new("admin-scheduled")
            .arg("when", FluentValue::from(clock::when(cx.lang, s.due_unix)))
            .markup("name", author_html(cx, Some(&s.by)), &s.by)
            .html(cx.lang),
        failed,
    }))
}

/// A day the store keeps as `YYYY-MM-DD` as `lang` writes it: as it is in
/// English, the Solar Hijri day in Dari and Pashto.
fn day(lang: Lang, text: &str) -> String {
    match (lang, text.parse::<chrono::NaiveDate>()) {
        (Lang::Fa | Lang::Ps, Ok(d)) => i18n::date(lang, d),
        _ => text.to_string(),
    }
}

/// The preview beside the editor while typing: the editor's form, posted
/// by its script after a pause, answered with the article as its page will
/// show it (the same render as the Preview button), or a line saying why
/// there is none yet. An HTML fragment the script puts in place of the
/// last one; nothing is saved.
async fn live_preview(
    cx: Ctx,
    form: Result<Form<FormFields>, FormRejection>,
) -> Result<Response, AppError> {
    cx.require(Some(Permission::WriteArticles)).await?;
    let form = read_within(&cx, form, MAX_FORM_BYTES)?;
    cx.csrf(form.get("csrf").map(String::as_str).unwrap_or(""))?;
    let written = fields_of(&form).write();
    let html = match preview(&cx, &written.source)? {
        Some(article) => article,
        None => format!(
            "<p class=\"preview-none\">{}</p>",
            crate::markup::escape(&cx.t("admin-preview-none"))
        ),
    };
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response())
}

/// The article as its public page will show it: the same render as the
/// page (`views::article_page`), its `<article>` element only (the page's
/// frame is the editor's). `None` when the file does not parse.
fn preview(cx: &Ctx, source: &str) -> Result<Option<String>, AppError> {
    let Ok((a, body)) = parse_article(std::path::Path::new("preview.md"), source) else {
        return Ok(None);
    };
    let live = cx.app.site();
    let section = crate::comments::section(&a, &[], false);
    let form = crate::comments::article_form(&a, cx.app.config().comments.max_links);
    let page = views::article_page(
        &live,
        &a,
        &body,
        cx.app.url(),
        &views::Counts::new(),
        &section,
        &form,
    )?;
    let start = page.find("<article");
    let end = page.rfind("</article>").map(|e| e + "</article>".len());
    Ok(match (start, end) {
        (Some(s), Some(e)) if s < e => Some(page[s..e].to_string()),
        _ => None,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CompareQuery {
    from: String,
    to: String,
    notice: String,
}

#[derive(Serialize)]
struct RevisionRow {
    /// The store's id, which the forms post.
    id: i64,
    /// Its place in the article's history, which the page shows.
    number: i64,
    /// Who saved it, as HTML ([`author_html`]).
    author: String,
    saved_at: String,
    action: String,
    title: String,
    served: bool,
}

/// Who saved a revision, set a schedule or submitted a draft, as HTML: an
/// account's name as typed, isolated in a `<bdi>` (Latin letters, perhaps
/// ending in a full stop, which a Dari or Pashto sentence would otherwise
/// move to the name's other end), as the decision log names it; or, for
/// a revision no account saved, the content file, in the page's language.
fn author_html(cx: &Ctx, author: Option<&str>) -> String {
    match author {
        Some(name) => super::reasons::bdi(name),
        None => escape(&cx.t("admin-content-file")),
    }
}

fn action_label(cx: &Ctx, action: &str) -> String {
    cx.t(match action {
        "draft" => "admin-revision-draft",
        "publish" => "admin-revision-publish",
        "unpublish" => "admin-revision-unpublish",
        "restore" => "admin-revision-restore",
        "file" => "admin-revision-file",
        "review" => "admin-revision-review",
        _ => "admin-revision-saved",
    })
}

/// Which revision's text the first of `edits` (an article's history from
/// it back, newest first) brought back, by its number, if it is a restore:
/// the one it recorded ([`askaf_store::Edit::restored_from`]). A restore
/// saved before the store recorded it names the newest revision before it
/// with its very text, since a restore saves the text of the revision
/// restored as it is; of several with that text (a draft and its
/// publication), the newest, which is why the history says *the text of*
/// revision #2. Until 7 December it said "Restored" alone, and an editor
/// compared texts to learn which.
fn restored_from(edits: &[askaf_store::Edit]) -> Option<i64> {
    let (restore, before) = edits.split_first()?;
    if restore.action != "restore" {
        return None;
    }
    let found = match restore.restored_from {
        Some(id) => before.iter().find(|e| e.id == id),
        None => before.iter().find(|e| e.source == restore.source),
    };
    found.map(|e| e.number)
}

/// How many unchanged lines a diff shows around a change: a paragraph of
/// the body, with the blank line between, on each side.
pub(super) const DIFF_CONTEXT: usize = 3;

/// What changed from one revision's file to another's as the editorial
/// pages show it (the history's comparison, a conflict): the lines that
/// changed, word by word, with [`DIFF_CONTEXT`] lines around them, in
/// stretches (`hunks`) each headed by the line an editor finds it at, in
/// the front matter or in the body field ([`askaf_content::article_hunks`]);
/// `same` when nothing changed, for the page to say so rather than show
/// an empty box.
pub(super) fn diff_view(cx: &Ctx, old: &str, new: &str) -> Value {
    let hunks: Vec<(&'static str, askaf_content::Hunk)> =
        askaf_content::article_hunks(old, new, DIFF_CONTEXT)
            .into_iter()
            .map(|(part, h)| (part_name(part), h))
            .collect();
    let shown = hunk_views(cx, &hunks);
    context! {
        same => shown.is_empty(),
        hunks => Value::from_serialize(shown),
    }
}

/// What a part of a file is called in `admin-diff-at`.
fn part_name(part: askaf_content::Part) -> &'static str {
    match part {
        askaf_content::Part::FrontMatter => "front_matter",
        askaf_content::Part::Body => "body",
        askaf_content::Part::File => "file",
    }
}

/// Stretches of a diff as the page shows them, each headed by what it is
/// in and the line it starts at there, by one message (`admin-diff-at`)
/// for every diff the editorial pages show (the history's, a conflict's, a
/// stale translation's original): `part` is a field a translation follows
/// (`title`, `question`, `summary`, `tags`, `sources`), the body (`body`,
/// its line in the Body field), the front matter (`front_matter`, its line
/// in the file) or a file with none (`file`). Until 7 December the
/// template worded the first two and Rust the third, each its own way
/// ("Line 54 of the text", "Body, line 54").
pub(super) fn hunk_views<'a>(
    cx: &Ctx,
    hunks: &'a [(&'static str, askaf_content::Hunk)],
) -> Vec<HunkView<'a>> {
    hunks
        .iter()
        .map(|(part, h)| HunkView {
            heading: cx.t_with(
                "admin-diff-at",
                &[("part", (*part).into()), ("line", cx.num(h.line))],
            ),
            pieces: piece_views(&h.pieces),
            marked: !matches!(*part, "front_matter" | "file"),
        })
        .collect()
}

/// A stretch of [`askaf_content::hunks`] as the page shows it.
#[derive(Serialize)]
pub(super) struct HunkView<'a> {
    /// What it is in and where, in the editor's words ([`hunk_views`]).
    heading: String,
    pieces: Vec<PieceView<'a>>,
    /// Whether its words of another script are marked as the article's
    /// page marks them (`runs`): a field's or the body's text, not the
    /// front matter's TOML, whose line reads left to right from its key,
    /// as it would not with the key isolated.
    marked: bool,
}

/// A stretch's pieces as the page shows them: each with whether it is set
/// apart from the one before ([`run_together`]).
fn piece_views(pieces: &[askaf_content::Piece]) -> Vec<PieceView<'_>> {
    pieces
        .iter()
        .enumerate()
        .map(|(i, p)| PieceView {
            kind: p.kind,
            text: &p.text,
            apart: i > 0 && run_together(&pieces[i - 1], p),
        })
        .collect()
}

#[derive(Serialize)]
struct PieceView<'a> {
    kind: &'static str,
    text: &'a str,
    /// Shown apart from the piece before it ([`run_together`]).
    apart: bool,
}

/// Whether two pieces of a diff, one removed and the other added, would
/// read as one word: the one ends and the other starts with a letter or
/// a digit. A word replaced and its replacement do ("EnglishPhrase" for a
/// table's header cell renamed; in Dari and Pashto their letters join,
/// "بلیآری"), so the page sets them apart with a space that is neither's.
fn run_together(before: &askaf_content::Piece, after: &askaf_content::Piece) -> bool {
    let changed = |p: &askaf_content::Piece| p.kind != "same";
    changed(before)
        && changed(after)
        && before.kind != after.kind
        && before
            .text
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        && after.text.chars().next().is_some_and(char::is_alphanumeric)
}

/// An article's revisions, newest first, and the diff of two of them (by
/// default the one before the newest and the newest, see [`diff_view`]).
async fn history(
    cx: Ctx,
    Path((lang, slug)): Path<(String, String)>,
    q: Result<Query<CompareQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::WriteArticles)).await?;
    let lang = parse_lang(&cx, &lang)?;
    let q = query(q);
    let store = cx.app.store();
    let edits = store.edits(lang, &slug).await?;
    if edits.is_empty() && current_fields(&cx, lang, &slug).await?.is_none() {
        return Err(cx.not_found());
    }
    let state = store.editor_state(lang, &slug).await?;
    let served = state.as_ref().and_then(|s| s.published_id);
    let head = state.as_ref().map(|s| s.head.id);
    let rows: Vec<RevisionRow> = edits
        .iter()
        .enumerate()
        .map(|(i, e)| RevisionRow {
            id: e.id,
            number: e.number,
            author: author_html(&cx, e.author.as_deref()),
            saved_at: clock::stamp(cx.lang, &e.saved_at),
            action: match (e.is_original(), restored_from(&edits[i..])) {
                (true, _) => cx.t("admin-revision-original"),
                (false, Some(number)) => {
                    cx.t_with("admin-revision-restored", &[("number", cx.num(number))])
                }
                // Saved by Schedule: a draft, and when it was to go out,
                // as the editor's page said it while it was scheduled.
                // Saved by "Cancel the schedule" with changed text: a
                // draft too, which cancelled the schedule it names (until
                // h57 said as any draft).
                (false, None) => match (e.scheduled_unix, e.unscheduled_unix) {
                    (Some(due), _) => cx.t_with(
                        "admin-revision-scheduled",
                        &[("when", FluentValue::from(clock::when(cx.lang, due)))],
                    ),
                    (None, Some(due)) => cx.t_with(
                        "admin-revision-unscheduled",
                        &[("when", FluentValue::from(clock::when(cx.lang, due)))],
                    ),
                    (None, None) => action_label(&cx, &e.action),
                },
            },
            title: e.title.clone(),
            served: Some(e.id) == served,
        })
        .collect();
    let find = |raw: &str| {
        raw.parse::<i64>()
            .ok()
            .and_then(|id| edits.iter().find(|e| e.id == id))
    };
    let to = find(&q.to).or(edits.first());
    let from = find(&q.from).or(edits.get(1)).or(edits.first());
    let diff = match (from, to) {
        (Some(f), Some(t)) => Some(context! {
            from => f.id,
            to => t.id,
            from_number => f.number,
            to_number => t.number,
            changes => diff_view(&cx, &f.source, &t.source),
        }),
        _ => None,
    };
    let heading = cx.t_with(
        "admin-title-history",
        &[("article", article_path(lang, &slug))],
    );
    let extra = context! {
        history => context! {
            lang => lang.code(),
            slug => slug.clone(),
            dir => lang.dir(),
            edit_url => format!("/admin/articles/{lang}/{slug}/edit"),
            restore_url => format!("/admin/articles/{lang}/{slug}/restore"),
            head => head.map(|h| h.to_string()).unwrap_or_default(),
            rows => Value::from_serialize(&rows),
            diff,
        },
    };
    let view = View::new("history", heading, extra)
        .heading_html(super::with_article_address(
            &cx,
            "admin-title-history",
            lang,
            &slug,
        ))
        .notice_html(super::notice_html(&cx, &q.notice));
    cx.render(StatusCode::OK, Some(&me), view)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RestoreForm {
    id: String,
    base: String,
    csrf: String,
}

/// Saves an older revision again, as a new one (a draft: publishing it is
/// the editor's next step), based on the head the page showed.
async fn restore(
    cx: Ctx,
    Path((lang, slug)): Path<(String, String)>,
    form: Result<Form<RestoreForm>, FormRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::WriteArticles)).await?;
    let form = read(&cx, form)?;
    cx.csrf(&form.csrf)?;
    let lang = parse_lang(&cx, &lang)?;
    let old = match form.id.parse::<i64>() {
        Ok(id) => cx.app.store().edit(id).await?,
        Err(_) => None,
    };
    // Whose revision it is, the store checks, as for every caller: one of
    // another article's is refused there (`Error::NotARevisionOf`, a 400).
    let Some(old) = old else {
        return Err(cx.not_found());
    };
    let request = EditRequest {
        lang,
        slug: slug.clone(),
        new: false,
        source: old.source.clone(),
        author: me.user.username.clone(),
        base: form.base.parse().ok(),
        action: EditAction::Restore { from: old.id },
        then: Then::Nothing,
    };
    let outcome = super::applied(&cx, cx.app.served().apply_edit(request))
        .await?
        .map_err(|message| super::not_yet(&cx, message))?;
    match outcome {
        EditOutcome::Saved { .. } => Ok(see_other(&format!(
            "/admin/articles/{lang}/{slug}/edit?notice=restored"
        ))),
        EditOutcome::Conflict(_) => Ok(see_other(&format!(
            "/admin/articles/{lang}/{slug}/history?notice=restore-conflict"
        ))),
        EditOutcome::Invalid(problems) => Err(refused(
            &cx,
            cx.t_with(
                "admin-error-cannot-restore",
                &[("number", cx.num(old.number))],
            ),
            &problems,
        )),
    }
}

/// A save made for the editor (not typed into its form) that `askaf check`
/// refuses: `what` went wrong, and the problems in its words, said in the
/// editor's language (as the editor says them: see [`Origin`]).
pub(super) fn refused(cx: &Ctx, what: String, problems: &[Problem]) -> AppError {
    let said = |problem: fn(Lang, &askaf_content::ProblemKind, Origin) -> String| {
        let words: Vec<String> = problems
            .iter()
            .map(|p| problem(cx.lang, &p.kind, Origin::Editor))
            .collect();
        words.join("; ")
    };
    let text = format!("{what}: {}", said(problem_text));
    let html = format!("{}: {}", escape(&what), said(problem_html));
    AppError::bad_request_html(cx.lang, text, html)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn revision(
        id: i64,
        source: &str,
        action: &str,
        restored_from: Option<i64>,
    ) -> askaf_store::Edit {
        askaf_store::Edit {
            id,
            number: id,
            lang: "en".into(),
            slug: "a".into(),
            source: source.into(),
            title: "T".into(),
            author: Some("ana".into()),
            saved_at: "2026-12-07T10:00:00Z".into(),
            action: action.into(),
            base_id: (id > 1).then_some(id - 1),
            restored_from,
            scheduled_unix: None,
            unscheduled_unix: None,
        }
    }

    /// A restore names the revision it recorded, even when a newer one has
    /// the same text; one saved before the store recorded it (`None`)
    /// names, as it did, the newest earlier revision with its text.
    #[test]
    fn a_restore_names_the_revision_it_recorded_else_the_newest_with_its_text() {
        let before = [
            revision(3, "two", "draft", None),
            revision(2, "one", "publish", None),
            revision(1, "one", "draft", None),
        ];
        let history = |restore: askaf_store::Edit| {
            let mut all = vec![restore];
            all.extend(before.iter().cloned());
            restored_from(&all)
        };
        assert_eq!(history(revision(4, "one", "restore", Some(1))), Some(1));
        assert_eq!(history(revision(4, "one", "restore", None)), Some(2));
        assert_eq!(history(revision(4, "gone", "restore", None)), None);
        assert_eq!(history(revision(4, "one", "draft", None)), None);
    }
}

//! Translations in the editor (issue 12, item 4): "Translate into Dari /
//! Pashto" opens a new draft prefilled from the original, beside its
//! paragraphs; a translation whose original has changed since the
//! revision it records (`translated_from`) is shown out of date with what
//! changed in the original since then (its title, question, short answer,
//! tags and sources, then the lines of its body), and "Mark as up to date"
//! records the original's current revision.
//!
//! The revision a translation records, and is out of date against, is the
//! one of what it follows ([`askaf_content::followed_revision`]), not of the
//! original's whole file: a save of the original that changes none of its
//! title, question, short answer, tags, sources or body (its first save
//! writing the links to its translations, a new `updated` date) leaves its
//! translations up to date. A translation that recorded the whole file's
//! revision, as all did until 7 December, is up to date while what it
//! follows of the original is as it was at that revision
//! ([`askaf_content::Site::follows`]).
//!
//! Which revision counts is the one the site serves: what readers of the
//! original see is what the translation must keep up with. An original
//! that is not published yet is translated from the editor's text, and
//! the translation cannot be behind a text nobody reads.

use askaf_auth::Permission;
use askaf_content::{parse_article, text_is_followed_at, Article, ArticleFields, Lang};
use askaf_site::{EditOutcome, EditRequest};
use askaf_store::EditAction;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use minijinja::{context, Value};
use serde::Deserialize;

use super::editor::{
    current_fields, editor_view, parse_lang, refused, version_into, Extras, DIFF_CONTEXT,
};
use super::reasons::Message;
use super::{article_path, lang_name, query, read, see_other, Ctx};
use crate::clock;
use crate::error::AppError;
use crate::i18n;
use crate::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/articles/{lang}/{slug}/translate", get(translate))
        .route("/admin/articles/{lang}/{slug}/up-to-date", post(up_to_date))
}

/// An original as a translation is made from it: its fields, and its
/// article (its revisions: its text's and what a translation follows).
struct Original {
    fields: ArticleFields,
    article: Article,
}

/// The original's text a translation starts from, or is compared with:
/// the published one when it is on the site, else the editor's newest.
async fn original_text(cx: &Ctx, lang: Lang, slug: &str) -> Result<Option<Original>, AppError> {
    let live = cx.app.site();
    if let Some(a) = live.get(lang, slug) {
        let body = cx.app.body(a).await?;
        return Ok(Some(Original {
            fields: ArticleFields::of(&a.front, &body.markdown),
            article: a.clone(),
        }));
    }
    if let Some(s) = cx.app.store().editor_state(lang, slug).await? {
        if let Ok((a, body)) = parse_article(std::path::Path::new(&s.path), &s.head.source) {
            return Ok(Some(Original {
                fields: ArticleFields::of(&a.front, &body.markdown),
                article: a,
            }));
        }
    }
    let Some(draft) = live.draft(lang, slug) else {
        return Ok(None);
    };
    let body = cx.app.body(draft).await?;
    Ok(Some(Original {
        fields: ArticleFields::of(&draft.front, &body.markdown),
        article: draft.clone(),
    }))
}

/// The original as it was at `revision`, and whether all of it is known:
/// from the record of served revisions, else from the editor's history (a
/// revision saved but never served). `revision` is what a translation
/// recorded: the revision of what it follows, or (until 7 December) of the
/// whole file. A revision the store recorded before it kept front matter is
/// known by its title and body alone, unless the editor's history holds it
/// whole. `None` when neither holds it any more.
async fn original_at(
    cx: &Ctx,
    lang: Lang,
    slug: &str,
    revision: &str,
) -> Result<Option<(ArticleFields, bool)>, AppError> {
    let store = cx.app.store();
    let kept = store.recorded_revision(lang, slug, revision).await?;
    if let Some(front) = kept.as_ref().and_then(|k| k.front.as_ref()) {
        let markdown = kept.as_ref().map_or("", |k| k.markdown.as_str());
        return Ok(Some((ArticleFields::of(front, markdown), true)));
    }
    let saved = store
        .edits(lang, slug)
        .await?
        .into_iter()
        .find(|e| text_is_followed_at(&e.source, revision))
        .and_then(|e| parse_article(std::path::Path::new(""), &e.source).ok());
    if let Some((a, body)) = saved {
        return Ok(Some((ArticleFields::of(&a.front, &body.markdown), true)));
    }
    Ok(kept.map(|k| {
        let fields = ArticleFields {
            title: k.title,
            body: k.markdown.trim_start_matches('\n').to_string(),
            ..ArticleFields::default()
        };
        (fields, false)
    }))
}

/// A revision of an original as the out-of-date notice names it to a
/// translator, never by its hash, which tells them nothing: by its number
/// in the original's history, as the history names it (`#2`, in the page's
/// digits). The history's first revision, the text its content file had
/// when the editor first touched it, is that text as the editor writes it,
/// not the file's, so its hash is not the file's revision: it is found by
/// the fields the store kept of that revision. Where the history holds
/// neither (a file's version never opened in the editor), as the content
/// file's version by the time the site first served it. Until 6 December
/// such a revision was named by its hash (`3052376d…`).
async fn revision_name(
    cx: &Ctx,
    lang: Lang,
    slug: &str,
    edits: &[askaf_store::Edit],
    revision: &str,
) -> Result<String, AppError> {
    let kept = cx
        .app
        .store()
        .recorded_revision(lang, slug, revision)
        .await?;
    let written = kept.as_ref().and_then(|k| {
        let front = k.front.as_ref()?;
        Some(ArticleFields::for_editor(front, &k.markdown).write().source)
    });
    let number = edits
        .iter()
        .filter(|e| Some(&e.source) == written.as_ref() || text_is_followed_at(&e.source, revision))
        .map(|e| e.number)
        .max();
    Ok(match (number, kept) {
        (Some(n), _) => i18n::digits(cx.lang, &format!("#{n}")),
        (None, Some(k)) => cx.t_with(
            "admin-stale-file-version",
            &[("when", clock::stamp(cx.lang, &k.first_seen).into())],
        ),
        (None, None) => cx.t("admin-stale-unknown-version"),
    })
}

/// What changed in an original from `old` to `new`, in the history's
/// style (see [`super::editor::diff_view`]): each field a translation
/// follows that changed, in stretches headed by its name, then the body's,
/// each headed by its line ([`changes`]); `fields_lost` when `old` is not
/// known whole (see [`original_at`]).
fn changes_view(cx: &Ctx, old: &ArticleFields, new: &ArticleFields, whole: bool) -> Value {
    let hunks = changes(old, new, whole);
    let shown = super::editor::hunk_views(cx, &hunks);
    context! {
        same => shown.is_empty(),
        hunks => Value::from_serialize(shown),
        fields_lost => !whole,
    }
}

/// The stretches of what changed from `old` to `new`, each with its field
/// (`body` for the body's): the fields a translation follows
/// ([`ArticleFields::followed`])
/// in the form's order, then the body. Of an `old` not known whole, its
/// title and body alone.
fn changes(
    old: &ArticleFields,
    new: &ArticleFields,
    whole: bool,
) -> Vec<(&'static str, askaf_content::Hunk)> {
    let fields = old.followed().into_iter().zip(new.followed());
    fields
        .filter(|((field, _), _)| whole || *field == "title")
        .map(|((field, was), (_, is))| (field, was, is))
        .chain([("body", old.body.clone(), new.body.clone())])
        .flat_map(|(field, was, is)| {
            askaf_content::hunks(&was, &is, DIFF_CONTEXT)
                .into_iter()
                .map(move |h| (field, h))
        })
        .collect()
}

/// The original named by a translation's fields: its language and slug.
fn original_of(fields: &ArticleFields) -> Option<(Lang, String)> {
    let lang: Lang = fields.translated_from_lang.parse().ok()?;
    let slug = fields.translations.get(lang.code())?.trim();
    (!slug.is_empty()).then(|| (lang, slug.to_string()))
}

/// The published translations of the article at `lang`/`slug`, by
/// language and slug, as the site links them (either way, or through
/// another translation): none while it is not published itself.
pub(super) fn published_translations(cx: &Ctx, lang: Lang, slug: &str) -> Vec<(Lang, String)> {
    let live = cx.app.site();
    match live.get(lang, slug) {
        Some(a) => live
            .translations_of(a)
            .iter()
            .map(|t| (t.lang(), t.slug().to_string()))
            .collect(),
        None => Vec::new(),
    }
}

/// The paragraphs of a Markdown body, as the translator goes through them.
fn paragraphs(markdown: &str) -> Vec<String> {
    markdown
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// What the editor page shows of an article's translations: for an
/// original, a link per other language (to translate it, or to its
/// translation); for a translation, its original beside the form and,
/// when the original has changed since, what changed in its body and
/// "Mark as up to date". `at` is the article being edited (`None`: a new one).
pub(super) async fn panel(
    cx: &Ctx,
    at: Option<(Lang, &str)>,
    fields: &ArticleFields,
) -> Result<Option<Value>, AppError> {
    let Some((from_lang, from_slug)) = original_of(fields) else {
        // An original (or an article that is no translation): the links.
        let Some((lang, slug)) = at else {
            return Ok(None);
        };
        // One at a slug the site keeps for its own pages (saved there
        // before it was), none: its translation would name it at that
        // address. It is to move first (see `editor::reserved_slug`).
        if super::editor::reserved_slug(slug) {
            return Ok(None);
        }
        let existing = published_translations(cx, lang, slug);
        let mut links = Vec::new();
        for to in [Lang::En, Lang::Fa, Lang::Ps]
            .into_iter()
            .filter(|l| *l != lang)
        {
            let named = match existing
                .iter()
                .find(|(l, _)| *l == to)
                .map(|(_, s)| s.clone())
                .or_else(|| {
                    fields
                        .translations
                        .get(to.code())
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                }) {
                Some(s) => Some(s),
                // A translation begun as a draft is gone on with.
                None => version_into(cx, lang, slug, to).await?,
            };
            links.push(match named {
                Some(s) => context! {
                    name => lang_name(cx.lang, to), lang => to.code(), exists => true,
                    url => format!("/admin/articles/{to}/{s}/edit"),
                },
                None => context! {
                    name => lang_name(cx.lang, to), lang => to.code(), exists => false,
                    url => format!("/admin/articles/{lang}/{slug}/translate?into={to}"),
                },
            });
        }
        return Ok(Some(
            context! { links, original => None::<Value>, stale => None::<Value> },
        ));
    };
    let Some(original) = original_text(cx, from_lang, &from_slug).await? else {
        return Ok(None);
    };
    let o = &original.fields;
    let recorded = fields.translated_from_revision.trim();
    let live = cx.app.site();
    let stale = if live
        .get(from_lang, &from_slug)
        .is_some_and(|served| !live.follows(served, recorded))
    {
        let then = original_at(cx, from_lang, &from_slug, recorded).await?;
        let edits = cx.app.store().edits(from_lang, &from_slug).await?;
        Some(context! {
            recorded => revision_name(cx, from_lang, &from_slug, &edits, recorded).await?,
            current => revision_name(cx, from_lang, &from_slug, &edits, &original.article.revision).await?,
            // Both as the form holds them (a body without its leading
            // blank line), so that the lines are the form's.
            changes => then.map(|(old, whole)| changes_view(cx, &old, o, whole)),
            action => at.map(|(l, s)| format!("/admin/articles/{l}/{s}/up-to-date")),
        })
    } else {
        None
    };
    Ok(Some(context! {
        links => Vec::<Value>::new(),
        original => context! {
            lang => from_lang.code(),
            name => lang_name(cx.lang, from_lang),
            dir => from_lang.dir(),
            slug => from_slug.clone(),
            edit_url => format!("/admin/articles/{from_lang}/{from_slug}/edit"),
            title => o.title.clone(),
            question => o.question.clone(),
            summary => o.summary.clone(),
            paragraphs => paragraphs(&o.body),
            revision => original.article.followed.clone(),
        },
        stale,
    }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TranslateQuery {
    into: String,
}

/// A new draft in another language, prefilled from the original: its slug,
/// tags, sources and body (paragraph by paragraph, for the translator to
/// replace), the link back and the original's revision; title, question
/// and summary are left for the translator, with the original's beside them.
async fn translate(
    cx: Ctx,
    Path((lang, slug)): Path<(String, String)>,
    q: Result<Query<TranslateQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::WriteArticles)).await?;
    let lang = parse_lang(&cx, &lang)?;
    let into = parse_lang(&cx, &query(q).into)?;
    if into == lang {
        return Err(AppError::bad_request(
            cx.lang,
            cx.t_with(
                "admin-error-same-language",
                &[("article", article_path(lang, &slug))],
            ),
        ));
    }
    // An original at a slug the site keeps for its own pages (saved there
    // before it was): its translation would name it there, and it is not
    // on the site. Said as such, not as a page not found: it is to move
    // first, on its edit page (see `editor::reserved_slug`), as its edit
    // page offers no translation.
    if super::editor::reserved_slug(&slug) {
        return Err(AppError::rejected(
            cx.lang,
            StatusCode::CONFLICT,
            cx.t_with(
                "admin-error-translate-reserved",
                &[("article", article_path(lang, &slug))],
            ),
        ));
    }
    let Some(original) = original_text(&cx, lang, &slug).await? else {
        return Err(cx.not_found());
    };
    let live = cx.app.site();
    let published = live
        .get(lang, &slug)
        .map(|a| live.translations_of(a))
        .unwrap_or_default();
    // A translation that exists already, published or begun as a draft,
    // is edited, not started again.
    if let Some(t) = version_into(&cx, lang, &slug, into).await? {
        return Ok(see_other(&format!("/admin/articles/{into}/{t}/edit")));
    }
    // The original's other translations are this one's siblings: linked
    // too, so the three versions link each other from the first save.
    let mut translations: std::collections::BTreeMap<String, String> = published
        .iter()
        .map(|t| (t.lang().code().to_string(), t.slug().to_string()))
        .collect();
    let today = crate::clock::today(into);
    let o = original.fields;
    translations.insert(lang.code().to_string(), o.slug.clone());
    let fields = ArticleFields {
        lang: into.code().to_string(),
        slug: o.slug.clone(),
        tags: o.tags.clone(),
        published: today.clone(),
        updated: today,
        translations,
        translated_from_lang: lang.code().to_string(),
        translated_from_revision: original.article.followed.clone(),
        sources: o.sources.clone(),
        body: o.body.clone(),
        ..ArticleFields::default()
    }
    .with_dates_in_form_of(into);
    let x = Extras::around(&cx, None, &fields).await?;
    let notice = cx.t_with(
        "admin-notice-new-translation",
        &[
            ("language", lang_name(cx.lang, into).into()),
            ("article", article_path(lang, &slug)),
        ],
    );
    let view = editor_view(&cx, Some(&me), None, &fields, x).notice(notice);
    cx.render(StatusCode::OK, Some(&me), view)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct UpToDateForm {
    base: String,
    csrf: String,
}

/// The revision the site serves of the original of the translation whose
/// fields are `fields`, at `lang`/`slug`; a 400 that says why when it
/// names none, or one the site does not serve.
fn original_revision(
    cx: &Ctx,
    lang: Lang,
    slug: &str,
    fields: &ArticleFields,
) -> Result<String, AppError> {
    let Some((from_lang, from_slug)) = original_of(fields) else {
        return Err(cx.bad_request_said(
            &Message::english(
                "admin-error-not-a-translation",
                &[("key", "translated_from")],
            )
            .arg("article", article_path(lang, slug)),
        ));
    };
    match cx.app.site().get(from_lang, &from_slug) {
        Some(original) => Ok(original.followed.clone()),
        None => Err(AppError::bad_request(
            cx.lang,
            cx.t_with(
                "admin-error-original-unpublished",
                &[("article", article_path(from_lang, &from_slug))],
            ),
        )),
    }
}

/// Whether the site serves the newest text of `lang`/`slug`: a translation
/// marked up to date is published again only then (a draft waiting to be
/// published stays one).
async fn served_is_newest(cx: &Ctx, lang: Lang, slug: &str) -> Result<bool, AppError> {
    Ok(match cx.app.store().editor_state(lang, slug).await? {
        Some(s) => s.published_id == Some(s.head.id),
        None => cx.app.site().get(lang, slug).is_some(),
    })
}

/// "Mark as up to date" sent with the editor's form, whose button it is:
/// the text as typed, with the original's current revision recorded in it,
/// is saved as [`up_to_date`] saves the stored one (published when the
/// published text is the newest and the account may publish, else a
/// draft), through the editor's own save, which hands the text back with
/// any problem. The button was a form of its own that sent the revision
/// alone: what the translator had typed to follow the original's change
/// was not saved, and was gone from the page.
pub(super) async fn typed_up_to_date(
    cx: &Ctx,
    lang: Lang,
    slug: &str,
    form: &mut super::editor::FormFields,
) -> Result<(), AppError> {
    let fields = super::editor::fields_of(form);
    let revision = original_revision(cx, lang, slug, &fields)?;
    let publish = served_is_newest(cx, lang, slug).await?
        && cx.require(Some(Permission::PublishArticles)).await.is_ok();
    form.insert("translated_from_revision".into(), revision);
    form.insert(
        "do".into(),
        if publish { "publish" } else { "draft" }.into(),
    );
    Ok(())
}

/// Records the original's current revision in the translation, as a new
/// revision of it: published at once when the published text is the
/// newest and the account may publish, else a draft for an editor.
async fn up_to_date(
    cx: Ctx,
    Path((lang, slug)): Path<(String, String)>,
    form: Result<Form<UpToDateForm>, FormRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::WriteArticles)).await?;
    let form = read(&cx, form)?;
    cx.csrf(&form.csrf)?;
    let lang = parse_lang(&cx, &lang)?;
    let Some((mut fields, head, _)) = current_fields(&cx, lang, &slug).await? else {
        return Err(cx.not_found());
    };
    let revision = original_revision(&cx, lang, &slug, &fields)?;
    // The revision the page was opened on: without it, a change saved
    // since by someone else would be overwritten unseen. Only an article
    // the editor has never saved (a file's) has none to give.
    let base = match (form.base.trim(), head) {
        ("", None) => None,
        (b, _) => Some(b.parse::<i64>().map_err(|_| {
            cx.bad_request_said(
                &Message::english("admin-error-up-to-date-base", &[("base", "base")])
                    .arg("article", article_path(lang, &slug)),
            )
        })?),
    };
    fields.translated_from_revision = revision;
    let action =
        if served_is_newest(&cx, lang, &slug).await? && me.role.can(Permission::PublishArticles) {
            EditAction::Publish
        } else {
            EditAction::Draft
        };
    let request = EditRequest {
        lang,
        slug: slug.clone(),
        new: false,
        source: fields.write().source,
        author: me.user.username.clone(),
        base,
        action,
        then: askaf_site::Then::Nothing,
    };
    let outcome = super::applied(&cx, cx.app.served().apply_edit(request))
        .await?
        .map_err(|message| super::not_yet(&cx, message))?;
    let notice = match (outcome, action) {
        (EditOutcome::Saved { .. }, EditAction::Publish) => "up-to-date",
        (EditOutcome::Saved { .. }, _) => "up-to-date-draft",
        (EditOutcome::Conflict(_), _) => "up-to-date-conflict",
        (EditOutcome::Invalid(problems), _) => {
            return Err(refused(
                &cx,
                cx.t_with(
                    "admin-error-cannot-save",
                    &[("article", article_path(lang, &slug))],
                ),
                &problems,
            ))
        }
    };
    Ok(see_other(&format!(
        "/admin/articles/{lang}/{slug}/edit?notice={notice}"
    )))
}

#[cfg(test)]
mod tests {
    use super::{changes, paragraphs};
    use askaf_content::{ArticleFields, SourceFields};

    fn original(
        title: &str,
        question: &str,
        tags: &str,
        source: &str,
        body: &str,
    ) -> ArticleFields {
        ArticleFields {
            title: title.into(),
            question: question.into(),
            summary: "From wells.".into(),
            tags: tags.into(),
            sources: vec![
                SourceFields {
                    title: source.into(),
                    url: "https://example.org/".into(),
                    accessed: "2026-01-01".into(),
                },
                SourceFields::default(),
            ],
            body: body.into(),
            ..ArticleFields::default()
        }
    }

    /// Each followed field that changed, in the form's order, then the
    /// body's lines; of a revision known by its title and body alone, the
    /// other fields are not compared (nothing is said changed that is not
    /// known to have).
    #[test]
    fn what_changed_is_each_followed_field_then_the_body() {
        let old = original("Water", "Where?", "water", "A study", "One.\n\nTwo.\n");
        let new = original(
            "Kabul water",
            "Where from?",
            "water, kabul",
            "A survey",
            "One.\n\nTwo!\n",
        );
        let fields =
            |whole| -> Vec<&str> { changes(&old, &new, whole).iter().map(|(f, _)| *f).collect() };
        assert_eq!(
            fields(true),
            ["title", "question", "tags", "sources", "body"]
        );
        assert_eq!(fields(false), ["title", "body"]);
        let sources = changes(&old, &new, true).remove(3).1;
        let text: String = sources
            .pieces
            .iter()
            .map(|p| format!("{}:{}|", p.kind, p.text))
            .collect();
        assert_eq!(
            text,
            "same:A |del:study|ins:survey|same: (https://example.org/)|"
        );
        assert!(changes(&old, &old, true).is_empty());
    }

    #[test]
    fn a_body_splits_into_its_paragraphs() {
        assert_eq!(
            paragraphs("First line\nsame paragraph.\r\n\r\n## Heading\n\n\n\n- a\n- b\n"),
            vec!["First line\nsame paragraph.", "## Heading", "- a\n- b"]
        );
    }
}

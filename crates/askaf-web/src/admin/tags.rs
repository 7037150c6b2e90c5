//! Topics' names per language (`/admin/tags`). A topic (tag) is an address,
//! `/fa/tags/water`; its name on the pages came from the interface's Fluent
//! files only, so a topic an editor made showed its slug to Dari and Pashto
//! readers. Editors and admins name it here in each language, saved in the
//! store (`tag_labels`); a page shows the name in its own language, else the
//! built-in one, else the English name, else the slug ([`i18n::tag_name`]).

use std::collections::BTreeMap;

use askaf_auth::Permission;
use askaf_content::Lang;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

use super::{
    lang_name, notice_html, query, read, see_other, with_session, Ctx, Current, Poster, SignIn,
    StatusQuery, View,
};
use crate::error::AppError;
use crate::{i18n, AppState};

/// The longest name a topic may be given, in characters: a name is a word
/// or a few, shown in a list of topics and a page's title.
pub(crate) const MAX_LABEL_CHARS: usize = 80;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/admin/tags", get(list).post(save))
}

/// One topic's row: its slug, how many articles carry it, and a field for
/// its name in each language.
#[derive(Serialize)]
struct TagRow {
    slug: String,
    /// `None` on the page shown to someone whose session lapsed, who is
    /// shown only the topic they sent.
    count: Option<usize>,
    fields: Vec<LabelField>,
}

#[derive(Serialize)]
struct LabelField {
    lang: &'static str,
    dir: &'static str,
    /// "Name in Dari", in the editor's language.
    label: String,
    /// The name set, or as typed when the form comes back.
    value: String,
    /// What readers see when the field is left empty.
    fallback: String,
}

/// Every topic the site knows, with how many articles carry it: those of
/// the published articles and the drafts, and those named already.
fn topics(cx: &Ctx, named: &BTreeMap<String, BTreeMap<Lang, String>>) -> BTreeMap<String, usize> {
    let live = cx.app.site();
    let mut topics: BTreeMap<String, usize> = BTreeMap::new();
    for lang in Lang::ALL {
        for (tag, t) in &live.listings().lang(lang).tags {
            *topics.entry(tag.clone()).or_default() += t.count;
        }
    }
    for a in live.drafts() {
        for t in &a.front.tags {
            topics.entry(t.to_string()).or_default();
        }
    }
    for tag in named.keys() {
        topics.entry(tag.clone()).or_default();
    }
    topics
}

/// The names set in the store, by topic then language.
async fn named(cx: &Ctx) -> Result<BTreeMap<String, BTreeMap<Lang, String>>, AppError> {
    let mut named: BTreeMap<String, BTreeMap<Lang, String>> = BTreeMap::new();
    for l in cx.app.store().tag_labels().await? {
        named.entry(l.tag).or_default().insert(l.lang, l.label);
    }
    Ok(named)
}

/// The page, with `typed` (a topic and its fields as posted) in place of
/// what the store holds for that topic.
async fn page(
    cx: &Ctx,
    me: &Current,
    status: StatusCode,
    typed: Option<&TagsForm>,
    view: impl FnOnce(View<'static>) -> View<'static>,
) -> Result<Response, AppError> {
    let named = named(cx).await?;
    let rows: Vec<TagRow> = topics(cx, &named)
        .into_iter()
        .map(|(slug, count)| {
            let typed = typed.filter(|f| f.tag == slug);
            let fields = fields(cx, &slug, |lang| match typed {
                Some(f) => f.label(lang).to_string(),
                None => named
                    .get(&slug)
                    .and_then(|n| n.get(&lang))
                    .cloned()
                    .unwrap_or_default(),
            });
            TagRow {
                slug,
                count: Some(count),
                fields,
            }
        })
        .collect();
    cx.render(status, Some(me), view(tags_view(cx, &rows, false)))
}

/// A topic's field in each language, holding `value(lang)`.
fn fields(cx: &Ctx, slug: &str, value: impl Fn(Lang) -> String) -> Vec<LabelField> {
    Lang::ALL
        .into_iter()
        .map(|lang| LabelField {
            lang: lang.code(),
            dir: lang.dir(),
            label: cx.t_with(
                "admin-tags-field",
                &[("language", lang_name(cx.lang, lang).into())],
            ),
            value: value(lang),
            fallback: i18n::tag_fallback(lang, slug),
        })
        .collect()
}

fn tags_view(cx: &Ctx, rows: &[TagRow], login: bool) -> View<'static> {
    View::new(
        "tags",
        cx.t("admin-title-tags"),
        context! { tags => Value::from_serialize(rows), login },
    )
}

/// `GET /admin/tags`.
async fn list(
    cx: Ctx,
    q: Result<Query<StatusQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::PublishArticles)).await?;
    let notice = notice_html(&cx, &query(q).notice);
    page(&cx, &me, StatusCode::OK, None, |v| v.notice_html(notice)).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TagsForm {
    csrf: String,
    tag: String,
    label_en: String,
    label_fa: String,
    label_ps: String,
    #[serde(flatten)]
    login: SignIn,
}

impl TagsForm {
    fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.label_en,
            Lang::Fa => &self.label_fa,
            Lang::Ps => &self.label_ps,
        }
    }
}

/// Whether `label` may be a topic's name: one line, of printable
/// characters, at most [`MAX_LABEL_CHARS`].
fn label_ok(label: &str) -> bool {
    let label = label.trim();
    label.chars().count() <= MAX_LABEL_CHARS && !label.chars().any(char::is_control)
}

/// `POST /admin/tags`: one topic's names; the pages that name it show
/// them at once.
async fn save(cx: Ctx, form: Result<Form<TagsForm>, FormRejection>) -> Result<Response, AppError> {
    let form = read(&cx, form)?;
    // The token first, then the session or a sign-in typed into the form:
    // names typed after the session lapsed come back with it, not lost.
    let poster = cx
        .poster(Permission::PublishArticles, &form.csrf, &form.login)
        .await?;
    let (me, cookie) = match poster {
        Poster::Signed(me, cookie) => (me, cookie),
        Poster::Unverified(me) => {
            let problem = cx.t("admin-error-form-unverified");
            return page(&cx, &me, StatusCode::FORBIDDEN, Some(&form), |v| {
                v.error(problem)
            })
            .await;
        }
        Poster::Lapsed(_) => {
            // Only the topic sent, as typed: whoever is not signed in is
            // shown nothing of the others (a draft's among them).
            let row = TagRow {
                slug: form.tag.clone(),
                count: None,
                fields: fields(&cx, &form.tag, |lang| form.label(lang).to_string()),
            };
            return cx.not_done(&poster, tags_view(&cx, &[row], true));
        }
    };
    if !topics(&cx, &named(&cx).await?).contains_key(&form.tag) {
        return Err(cx.not_found());
    }
    // A name is written as its readers read: a Dari name in Latin letters
    // would be shown as the Dari name (a name of the other script inside
    // it, `COVID`, is fine, as in alt text).
    let wrong_script = Lang::ALL.into_iter().find(|&l| {
        let label = form.label(l).trim();
        label.chars().any(char::is_alphabetic) && !askaf_content::alt_in_language(label, l)
    });
    let error = if !Lang::ALL.into_iter().all(|l| label_ok(form.label(l))) {
        let max = cx.num(MAX_LABEL_CHARS);
        Some(cx.t_with("admin-error-tag-label", &[("max", max)]))
    } else {
        wrong_script.map(|lang| {
            let language = lang_name(cx.lang, lang).into();
            cx.t_with("admin-error-tag-label-script", &[("language", language)])
        })
    };
    if let Some(error) = error {
        // Not saved, and the editor keeps what they typed.
        let r = page(&cx, &me, StatusCode::BAD_REQUEST, Some(&form), |v| {
            v.error(error)
        })
        .await?;
        return Ok(with_session(r, cookie));
    }
    let labels: Vec<(Lang, &str)> = Lang::ALL.into_iter().map(|l| (l, form.label(l))).collect();
    cx.app
        .store()
        .set_tag_labels(&form.tag, &labels, &me.user.username)
        .await?;
    cx.app.load_tag_labels().await?;
    tracing::info!(tag = %form.tag, by = %me.user.username, "topic names saved");
    let r = see_other(&format!("/admin/tags?notice=tag-labels#tag-{}", form.tag));
    Ok(with_session(r, cookie))
}

//! What each page shows, built from the domain model; no HTTP here beyond the error page.

use std::collections::HashMap;

use askaf_content::{Article, Body, Lang, Site};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::{context, Value};
use serde::Serialize;
use serde_json::json;

use crate::i18n;
use crate::templates;

pub type Counts = HashMap<(Lang, String), u64>;

/// Where pages link to themselves and to each other, for `<head>`.
pub struct Head<'a> {
    pub lang: Lang,
    pub title: String,
    pub description: String,
    /// Absolute canonical URL; empty for error pages.
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    /// The same page in each language, for the language switcher.
    pub switch: Vec<(Lang, String)>,
    /// What this page is a version of, when a language missing from
    /// `switch` means the page is not in it: that language's link still
    /// leads to its home page, and says why, in its own language.
    pub untranslated: Option<Untranslated>,
    pub og_type: &'a str,
    pub jsonld: Option<String>,
    pub nav: &'a str,
}

#[derive(Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// What a page is that is not in every language, for the language link
/// to a language it is not in ([`Head::untranslated`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Untranslated {
    /// An article (or a page of its comments, or the 404 of it in a
    /// language it is not in).
    Article,
    /// A topic, which no question in that language has yet.
    Topic,
}

impl Untranslated {
    /// The Fluent message the link says it with, in the link's language.
    fn message(self) -> &'static str {
        match self {
            Untranslated::Article => "lang-link-article-untranslated",
            Untranslated::Topic => "lang-link-topic-untranslated",
        }
    }
}

#[derive(Serialize)]
struct LangLink {
    code: &'static str,
    name: &'static str,
    href: String,
    current: bool,
    /// Why the link leads to the language's home page and not to this
    /// page, in the link's language: a reader who follows "دری" from an
    /// article expects the article in Dari, and is told beforehand that it
    /// is not there yet. The same words for every visitor.
    note: Option<String>,
}

/// A hash of the embedded stylesheet, script and icon, which the pages
/// link with it (`?v=`), so their URLs change when any of them does.
pub fn asset_version() -> &'static str {
    use std::sync::LazyLock;
    static V: LazyLock<String> = LazyLock::new(|| {
        use crate::assets::{short_digest, CSS, ICON, JS};
        short_digest(&[CSS, JS, ICON])
    });
    &V
}

fn base(head: &Head<'_>) -> Value {
    let lang = head.lang;
    let languages: Vec<LangLink> = Lang::ALL
        .iter()
        .map(|&l| {
            let here = head.switch.iter().find(|(sl, _)| *sl == l);
            LangLink {
                code: l.code(),
                name: l.native_name(),
                href: here.map_or_else(|| format!("/{l}/"), |(_, h)| h.clone()),
                // The site's root is in no one language: it leads to each.
                current: l == lang && head.nav != "root",
                note: match (here, head.untranslated) {
                    (None, Some(what)) => Some(i18n::text(l, what.message(), &[])),
                    _ => None,
                },
            }
        })
        .collect();
    let year = chrono::Utc::now().year().to_string();
    let rights = i18n::text(
        lang,
        "rights",
        &[("year", FluentValue::from(i18n::digits(lang, &year)))],
    );
    let site_name = i18n::text(lang, "site-name", &[]);
    context! {
        lang => lang.code(),
        dir => lang.dir(),
        lang_name => lang.native_name(),
        page_title => if head.title == site_name { head.title.clone() } else { format!("{} — {}", head.title, site_name) },
        og_title => head.title.clone(),
        description => head.description.clone(),
        canonical => head.canonical.clone(),
        alternates => Value::from_serialize(&head.alternates),
        og_type => head.og_type,
        og_locale => lang.locale().replace('-', "_"),
        jsonld => head.jsonld.clone(),
        languages => Value::from_serialize(&languages),
        nav => head.nav,
        rights => rights,
        asset_version => asset_version(),
    }
}

fn merge(base: Value, page: Value) -> Value {
    context! { ..page, ..base }
}

/// Renders a page template with the shared `<head>` and frame.
pub fn render_page(
    template: &str,
    head: &Head<'_>,
    page: Value,
) -> Result<String, minijinja::Error> {
    templates::render(template, merge(base(head), page))
}

#[derive(Serialize, Clone)]
pub struct Card {
    /// The article's language, which its words are marked against.
    pub lang: &'static str,
    pub url: String,
    pub question: String,
    pub title: String,
    pub summary: String,
    pub updated_iso: String,
    pub updated_text: String,
    pub comments_text: String,
}

pub fn comment_count(counts: &Counts, a: &Article) -> u64 {
    counts
        .get(&(a.lang(), a.slug().to_string()))
        .copied()
        .unwrap_or(0)
}

fn card(a: &Article, counts: &Counts) -> Card {
    let lang = a.lang();
    Card {
        lang: lang.code(),
        url: a.path(),
        question: a.front.question.clone(),
        title: a.front.title.clone(),
        summary: a.front.summary.clone(),
        updated_iso: a.front.updated.to_string(),
        updated_text: i18n::text(
            lang,
            "updated-on",
            &[("date", FluentValue::from(i18n::date(lang, a.front.updated)))],
        ),
        comments_text: i18n::count_text(lang, "comments", comment_count(counts, a)),
    }
}

/// Articles on one page of a listing: a language's home page, a topic.
pub const PAGE_SIZE: usize = 50;
/// Questions shown under each topic on a language's home page; the topic's
/// own pages list them all.
const PER_TOPIC: usize = 5;

/// One page of a listing, counted from 1, among `pages` (at least one, so
/// an empty listing still has its first page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub number: usize,
    pub pages: usize,
}

impl Page {
    /// Page `number` of a listing of `items` articles; `Err` with the
    /// number of pages when there is no such page.
    pub fn of(number: usize, items: usize) -> Result<Page, usize> {
        let pages = Page::pages_for(items);
        if (1..=pages).contains(&number) {
            Ok(Page { number, pages })
        } else {
            Err(pages)
        }
    }

    /// How many pages a listing of `items` articles has: at least one.
    pub fn pages_for(items: usize) -> usize {
        items.div_ceil(PAGE_SIZE).max(1)
    }

    /// How many articles to skip before this page's.
    fn skip(&self) -> usize {
        (self.number - 1) * PAGE_SIZE
    }
}

/// The address of page `n` of the listing whose first page is `base`
/// (`/en/`, `/en/tags/history`): the first page is the listing itself.
pub fn page_url(base: &str, n: usize) -> String {
    match n {
        1 => base.to_string(),
        n if base.ends_with('/') => format!("{base}page/{n}"),
        n => format!("{base}/page/{n}"),
    }
}

#[derive(Serialize)]
struct PageLink {
    href: String,
    label: String,
    /// "Page 3", for a screen reader, where the label is just "3".
    aria: String,
    current: bool,
    /// A gap in the numbers (…), not a link.
    gap: bool,
}

/// The links between the pages of a listing, for the page's `<nav>` and
/// `<link rel="prev|next">`.
#[derive(Serialize)]
struct Paging {
    number: usize,
    pages: usize,
    prev: Option<String>,
    next: Option<String>,
    links: Vec<PageLink>,
    /// "Page 2 of 7".
    status: String,
}

fn paging(lang: Lang, base: &str, page: Page) -> Paging {
    let n = |k: usize| i18n::digits(lang, &k.to_string());
    // The first and last pages, and two on each side of this one.
    let shown: Vec<usize> = (1..=page.pages)
        .filter(|&k| k == 1 || k == page.pages || k.abs_diff(page.number) <= 2)
        .collect();
    let mut links = Vec::new();
    let mut before = 0;
    for k in shown {
        if k > before + 1 {
            links.push(PageLink {
                href: String::new(),
                label: "…".into(),
                aria: String::new(),
                current: false,
                gap: true,
            });
        }
        links.push(PageLink {
            href: page_url(base, k),
            label: n(k),
            aria: i18n::text(lang, "page-number", &[("n", FluentValue::from(n(k)))]),
            current: k == page.number,
            gap: false,
        });
        before = k;
    }
    Paging {
        number: page.number,
        pages: page.pages,
        prev: (page.number > 1).then(|| page_url(base, page.number - 1)),
        next: (page.number < page.pages).then(|| page_url(base, page.number + 1)),
        links,
        status: i18n::text(
            lang,
            "page-of",
            &[
                ("page", FluentValue::from(n(page.number))),
                ("pages", FluentValue::from(n(page.pages))),
            ],
        ),
    }
}

/// The page's title: "Page 2 of 7" after the listing's name beyond the first.
fn paged_title(lang: Lang, title: String, page: Page) -> String {
    if page.number == 1 {
        title
    } else {
        format!("{title} · {}", paging(lang, "", page).status)
    }
}

#[derive(Serialize)]
struct Topic {
    #[serde(flatten)]
    tag: TagView,
    count_text: String,
    /// Its newest questions, at most [`PER_TOPIC`].
    articles: Vec<Card>,
    /// "All 12 questions on this topic", when there are more than shown.
    all_text: Option<String>,
}

/// Every topic in the language with its count and, with `per_topic`, its
/// newest questions; one pass over the language's articles.
fn topics(site: &Site, lang: Lang, counts: &Counts, per_topic: usize) -> Vec<Topic> {
    let tags = site.tags(lang);
    let mut newest: HashMap<&str, Vec<Card>> = HashMap::new();
    if per_topic > 0 {
        for a in site.in_lang(lang) {
            for t in &a.front.tags {
                let list = newest.entry(t.as_str()).or_default();
                if list.len() < per_topic {
                    list.push(card(a, counts));
                }
            }
        }
    }
    tags.into_iter()
        .map(|(tag, n)| Topic {
            tag: TagView::of(lang, tag),
            count_text: i18n::digits(lang, &n.to_string()),
            articles: newest.remove(tag).unwrap_or_default(),
            all_text: (per_topic > 0 && n > per_topic)
                .then(|| i18n::count_text(lang, "topic-all", n as u64)),
        })
        .collect()
}

/// An article's language versions (its own and [`Site::translations_of`]),
/// with `x-default` the English one, else the original the others were
/// translated from, else the first: its page's `hreflang` links and its
/// sitemap entry's. An article in one language alone has none to name.
pub(crate) fn article_alternates(
    a: &Article,
    translations: &[&Article],
    site_url: &str,
) -> Vec<Alternate> {
    if translations.is_empty() {
        return vec![];
    }
    let mut versions: Vec<&Article> = std::iter::once(a)
        .chain(translations.iter().copied())
        .collect();
    versions.sort_by_key(|t| t.lang());
    let default = versions
        .iter()
        .find(|t| t.lang() == Lang::En)
        .or_else(|| versions.iter().find(|t| t.front.translated_from.is_none()))
        .unwrap_or(&versions[0])
        .path();
    with_default(
        versions
            .iter()
            .map(|t| (t.lang(), format!("{site_url}{}", t.path())))
            .collect(),
        format!("{site_url}{default}"),
    )
}

/// `versions` as `hreflang` links, and `default` as `x-default`. Each is
/// named by the language's code (`fa`), as the pages' links, the
/// citation, `<html lang>` and the API name it, not by its locale
/// (`fa-AF`), which the head, the sitemap and the feeds said until
/// 7 December: Dari and Pashto are read beyond Afghanistan, and a region
/// in `hreflang` says where a page is meant to be read.
fn with_default(versions: Vec<(Lang, String)>, default: String) -> Vec<Alternate> {
    versions
        .into_iter()
        .map(|(l, href)| Alternate {
            hreflang: l.code().into(),
            href,
        })
        .chain(std::iter::once(Alternate {
            hreflang: "x-default".into(),
            href: default,
        }))
        .collect()
}

/// A topic's first page in each language that has it, with `x-default`
/// the English one, else the first: its page's `hreflang` links and its
/// sitemap entry's. A topic in one language alone has none to name.
pub(crate) fn tag_alternates(site: &Site, tag: &str, site_url: &str) -> Vec<Alternate> {
    let versions: Vec<(Lang, String)> = Lang::ALL
        .into_iter()
        .filter(|l| site.tagged(*l, tag).next().is_some())
        .map(|l| (l, format!("{site_url}/{l}/tags/{tag}")))
        .collect();
    if versions.len() < 2 {
        return vec![];
    }
    let default = versions[0].1.clone();
    with_default(versions, default)
}

/// A page every language has (a listing, the about page) in each, and the
/// English one as `x-default`: its `hreflang` links and its sitemap entry's.
pub(crate) fn lang_alternates(site_url: &str, suffix: &str) -> Vec<Alternate> {
    with_default(
        Lang::ALL
            .iter()
            .map(|l| (*l, format!("{site_url}/{l}/{suffix}")))
            .collect(),
        // The listings' `x-default` is the root, which leads to each.
        if suffix.is_empty() {
            format!("{site_url}/")
        } else {
            format!("{site_url}/en/{suffix}")
        },
    )
}

/// Page `page` of a language's home: its newest questions, and on the
/// first page the topics with a few questions each.
pub fn home(
    site: &Site,
    lang: Lang,
    page: Page,
    site_url: &str,
    counts: &Counts,
) -> Result<String, minijinja::Error> {
    let base = format!("/{lang}/");
    let first = page.number == 1;
    let head = Head {
        lang,
        // Its heading, in its language, as every page's title is: the
        // site's name alone would title the three homes alike.
        title: paged_title(lang, i18n::text(lang, "lang-home-title", &[]), page),
        description: i18n::text(lang, "tagline", &[]),
        canonical: format!("{site_url}{}", page_url(&base, page.number)),
        // The other languages have pages of their own count.
        alternates: if first {
            lang_alternates(site_url, "")
        } else {
            vec![]
        },
        switch: vec![],
        untranslated: None,
        og_type: "website",
        jsonld: first.then(|| {
            script_json(&json!({
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": "AskAfghanistan",
                "url": format!("{site_url}/{lang}/"),
                "inLanguage": lang.locale(),
                "description": i18n::text(lang, "tagline", &[]),
            }))
        }),
        nav: if first { "home" } else { "" },
    };
    let cards: Vec<Card> = site
        .in_lang(lang)
        .skip(page.skip())
        .take(PAGE_SIZE)
        .map(|a| card(a, counts))
        .collect();
    let topics = if first {
        topics(site, lang, counts, PER_TOPIC)
    } else {
        vec![]
    };
    let page = context! {
        articles => Value::from_serialize(&cards),
        topics => Value::from_serialize(topics),
        paging => Value::from_serialize(paging(lang, &base, page)),
    };
    templates::render("home.html", merge(self::base(&head), page))
}

/// Page `page` of a topic in one language; `None` if no article there has it.
pub fn tag(
    site: &Site,
    lang: Lang,
    tag: &str,
    page: Page,
    site_url: &str,
    counts: &Counts,
) -> Result<Option<String>, minijinja::Error> {
    let mut total = 0;
    let mut cards: Vec<Card> = Vec::new();
    for a in site.tagged(lang, tag) {
        if total >= page.skip() && cards.len() < PAGE_SIZE {
            cards.push(card(a, counts));
        }
        total += 1;
    }
    if total == 0 {
        return Ok(None);
    }
    let base = format!("/{lang}/tags/{tag}");
    let first = page.number == 1;
    let heading = i18n::text(
        lang,
        "tag-title",
        &[("tag", FluentValue::from(i18n::tag_name(lang, tag)))],
    );
    let intro = i18n::count_text(lang, "tag-intro", total as u64);
    let has_tag: Vec<Lang> = Lang::ALL
        .into_iter()
        .filter(|l| site.tagged(*l, tag).next().is_some())
        .collect();
    let head = Head {
        lang,
        title: paged_title(lang, heading.clone(), page),
        description: intro.clone(),
        canonical: format!("{site_url}{}", page_url(&base, page.number)),
        alternates: if first {
            tag_alternates(site, tag, site_url)
        } else {
            vec![]
        },
        switch: has_tag
            .iter()
            .map(|l| (*l, format!("/{l}/tags/{tag}")))
            .collect(),
        untranslated: Some(Untranslated::Topic),
        og_type: "website",
        jsonld: None,
        nav: "",
    };
    // The heading says the topic's name in its own language when it is
    // another (an English name on a Dari page): the message is filled with
    // a mark where the name goes, and the name set apart there.
    let named = TagView::of(lang, tag);
    const NAME_MARK: &str = "\u{E000}";
    let marked = i18n::text(lang, "tag-title", &[("tag", FluentValue::from(NAME_MARK))]);
    let (heading_before, heading_after) = marked
        .split_once(NAME_MARK)
        .map_or((marked.as_str(), ""), |(b, a)| (b, a));
    let page = context! {
        heading => heading,
        heading_before => heading_before,
        heading_after => heading_after,
        named => Value::from_serialize(&named),
        intro => intro,
        tag => tag,
        articles => Value::from_serialize(&cards),
        topics => Value::from_serialize(topics(site, lang, counts, 0)),
        paging => Value::from_serialize(paging(lang, &base, page)),
    };
    templates::render("tag.html", merge(self::base(&head), page)).map(Some)
}

/// The site's root, `/`: the same page for every reader, whatever their
/// browser's language, leading to each language's home with its own
/// words and its own question box, so a Dari or Pashto reader is one
/// click (or one question) from their language. Its frame is English;
/// each language's part is marked with its language and direction. It is
/// every listing's `x-default`.
pub fn root(site_url: &str) -> Result<String, minijinja::Error> {
    let head = Head {
        lang: Lang::En,
        title: i18n::text(Lang::En, "site-name", &[]),
        description: Lang::ALL
            .iter()
            .map(|l| i18n::text(*l, "lang-home-title", &[]))
            .collect::<Vec<_>>()
            .join(" · "),
        canonical: format!("{site_url}/"),
        alternates: lang_alternates(site_url, ""),
        switch: vec![],
        untranslated: None,
        og_type: "website",
        jsonld: None,
        nav: "root",
    };
    let choices: Vec<Value> = Lang::ALL
        .iter()
        .map(|l| {
            context! {
                lang => l.code(),
                dir => l.dir(),
                name => l.native_name(),
            }
        })
        .collect();
    templates::render(
        "root.html",
        merge(base(&head), context! { choices => choices }),
    )
}

pub fn about(lang: Lang, site_url: &str) -> Result<String, minijinja::Error> {
    let head = Head {
        lang,
        title: i18n::text(lang, "about-title", &[]),
        description: i18n::text(lang, "tagline", &[]),
        canonical: format!("{site_url}/{lang}/about"),
        alternates: lang_alternates(site_url, "about"),
        switch: Lang::ALL
            .iter()
            .map(|l| (*l, format!("/{l}/about")))
            .collect(),
        untranslated: None,
        og_type: "website",
        jsonld: None,
        nav: "about",
    };
    templates::render("about.html", base(&head))
}

/// An error page; rendering it cannot fail in a way the reader sees.
pub fn error_page(status: StatusCode, lang: Lang, heading: &str, message: &str) -> Response {
    render_error(status, lang, heading, (message, None), (&[], None))
}

/// [`error_page`] whose message is `html` (escaped, what was typed in a
/// `<bdi>`), `message` being its plain text, for the page's description.
pub fn error_page_html(
    status: StatusCode,
    lang: Lang,
    heading: &str,
    message: &str,
    html: &str,
) -> Response {
    render_error(status, lang, heading, (message, Some(html)), (&[], None))
}

/// [`error_page`] with links to the same article (or topic: `what`) in
/// other languages: (language, title, path) of each. The header's link to
/// a language it is not in says so ([`Head::untranslated`]).
pub fn error_page_with_links(
    status: StatusCode,
    lang: Lang,
    heading: &str,
    message: &str,
    (elsewhere, what): (&[(Lang, String, String)], Untranslated),
) -> Response {
    render_error(
        status,
        lang,
        heading,
        (message, None),
        (elsewhere, Some(what)),
    )
}

/// An error page saying `message` (plain text, and HTML if it has any).
fn render_error(
    status: StatusCode,
    lang: Lang,
    heading: &str,
    (message, html): (&str, Option<&str>),
    (elsewhere, untranslated): (&[(Lang, String, String)], Option<Untranslated>),
) -> Response {
    // The header's language links lead to the article where it is, as
    // they do on its pages, rather than to those languages' home pages.
    let switch = elsewhere
        .iter()
        .map(|(l, _, url)| (*l, url.clone()))
        .collect();
    let elsewhere: Vec<_> = elsewhere
        .iter()
        // Named by its language, as an article's translations are: a
        // Pashto reader cannot tell a Dari title from a Pashto one by its
        // letters.
        .map(|(l, title, url)| context! { lang => l.code(), dir => l.dir(), lang_name => l.native_name(), title => title, url => url })
        .collect();
    let head = Head {
        lang,
        title: heading.to_string(),
        description: message.to_string(),
        canonical: String::new(),
        alternates: vec![],
        switch,
        untranslated,
        og_type: "website",
        jsonld: None,
        nav: "",
    };
    let shown = match html {
        Some(html) => Value::from_safe_string(html.to_string()),
        None => Value::from(message),
    };
    let page = context! { heading => heading, message => shown, elsewhere => elsewhere };
    match templates::render("error.html", merge(base(&head), page)) {
        Ok(html) => (
            status,
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            html,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "error page did not render");
            (status, format!("{heading}\n\n{message}\n")).into_response()
        }
    }
}

/// JSON for a `<script type="application/ld+json">`: `<` is escaped so no
/// string in it can close the script element.
pub fn script_json(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// What the page, the API and the citation box say about one article.
#[derive(Serialize)]
pub struct ArticleView {
    pub lang: &'static str,
    pub dir: &'static str,
    pub slug: String,
    pub title: String,
    pub question: String,
    pub summary: String,
    pub tags: Vec<TagView>,
    pub published_iso: String,
    pub updated_iso: String,
    pub published_label: String,
    pub updated_label: String,
    pub canonical: String,
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub sources: Vec<SourceView>,
    pub translations: Vec<TranslationView>,
    /// For a translation whose original changed since it was made: the
    /// notice, in the page's language, with a link to the newer original.
    pub outdated: Option<OutdatedView>,
    pub comment_count: u64,
    pub comments_text: String,
    pub citation_text: String,
    /// The HTML citation as its box shows it ([`citation_code`]): HTML.
    pub citation_code: String,
    /// What the page's script needs to add the day the reader read the
    /// page to both citations.
    pub accessed: AccessedView,
}

/// The day a reader read the page, which only the browser knows: the page
/// is cached, the same bytes for every reader, so its script adds
/// "Accessed 5 December 2026." to both citations, the date written as
/// [`i18n::date_with_gregorian`] writes it in the page's language (the
/// browser's Persian calendar gives the Solar Hijri day's numbers; the
/// names and digits are these). Without the script the citations stay as
/// the server wrote them.
#[derive(Serialize)]
pub struct AccessedView {
    /// The sentence, `{date}` where the date goes.
    pub sentence: String,
    /// The page's digits, 0 to 9.
    pub digits: String,
    /// The Gregorian month names, January first, `|` between them.
    pub months: String,
    /// The Solar Hijri month names, Hamal first, in Dari and Pashto.
    pub solar_months: Option<String>,
    /// The end of the plain-text citation (its URL) and of the HTML one
    /// (the reuse link): the sentence goes before it.
    pub before_text: String,
    pub before_html: String,
}

impl AccessedView {
    fn of(a: &Article, site_url: &str) -> AccessedView {
        let lang = a.lang();
        AccessedView {
            sentence: i18n::text(
                lang,
                "citation-accessed",
                &[("date", FluentValue::from("{date}"))],
            ),
            digits: i18n::digits(lang, "0123456789"),
            months: i18n::gregorian_months(lang).join("|"),
            solar_months: i18n::solar_months(lang).map(|m| m.join("|")),
            before_text: format!("{site_url}{}", a.path()),
            before_html: citation_html_end(lang, site_url),
        }
    }
}

#[derive(Serialize)]
pub struct TagView {
    pub slug: String,
    pub name: String,
    /// The name's language and direction where it is not the page's.
    pub name_lang: Option<&'static str>,
    pub name_dir: Option<&'static str>,
}

impl TagView {
    /// `tag` as a page in `lang` names it (see [`i18n::tag_name`]).
    pub(crate) fn of(lang: Lang, tag: &str) -> TagView {
        let name = i18n::tag_name(lang, tag);
        let other = other_lang(lang, &name);
        TagView {
            slug: tag.to_string(),
            name,
            name_lang: other.map(Lang::code),
            name_dir: other.map(Lang::dir),
        }
    }
}

#[derive(Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Serialize)]
pub struct SourceView {
    pub title: String,
    /// The title's language and direction where its script is not the
    /// article's (an English title in a Dari article), else `None`.
    pub title_lang: Option<&'static str>,
    pub title_dir: Option<&'static str>,
    pub url: String,
    pub accessed: String,
    pub accessed_text: String,
}

/// The language a text shown on a page of `article`'s language is in, where
/// it is another: a source's title, a topic's name fallen back to English.
/// Neither records a language of its own, so its letters say it
/// ([`askaf_text::written_in`]); a title of mixed scripts, or in the
/// article's script, is taken to be in the article's language (Dari and
/// Pashto share theirs, and their letters alone tell them apart only
/// sometimes).
pub(crate) fn other_lang(article: Lang, title: &str) -> Option<Lang> {
    let lang = askaf_search::site_lang(askaf_text::written_in(title)?);
    (lang.is_rtl() != article.is_rtl()).then_some(lang)
}

#[derive(Serialize)]
pub struct TranslationView {
    pub lang: &'static str,
    pub dir: &'static str,
    pub lang_name: &'static str,
    pub title: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct OutdatedView {
    pub text: String,
    pub link_text: String,
    pub url: String,
    pub lang: &'static str,
}

/// Whether a title already ends its sentence (`…its government?`, `…ب؟`,
/// `U.S.`), so that a citation adds no full stop after it. Closing quotes
/// and brackets after the mark are looked through: `…called “Why?”`.
fn ends_a_sentence(title: &str) -> bool {
    title
        .trim_end()
        .chars()
        .rev()
        .find(|c| !matches!(c, '”' | '’' | '"' | '\'' | '»' | '›' | ')' | ']'))
        .is_some_and(|c| matches!(c, '.' | '?' | '!' | '؟' | '…' | '۔'))
}

/// What a citation cites, and when: an article's page, or one of its
/// paragraphs (an answer's quoted sentence, a passage) by its anchor
/// (`p-4`); and the day it was read, where the citation is made for one
/// reader at one time (the Ask API's answer, never cached). A page, its
/// `.txt` and the article API are the same bytes for everyone, cached and
/// validated by their ETag for as long as the article is unchanged: a day
/// written into them would be the day they were rendered, not the day
/// they were read, so they carry none (the page's script adds the reader's,
/// see [`AccessedView`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Cited<'a> {
    pub anchor: Option<&'a str>,
    pub accessed: Option<chrono::NaiveDate>,
}

impl Cited<'_> {
    /// The address the citation names: the article's page, or its paragraph.
    fn url(&self, a: &Article, site_url: &str) -> String {
        match self.anchor {
            Some(anchor) => format!("{site_url}{}#{anchor}", a.path()),
            None => format!("{site_url}{}", a.path()),
        }
    }

    /// "Accessed 5 December 2026." in `lang`, the date written as the
    /// site writes its own (Solar Hijri, Gregorian beside, in Dari and
    /// Pashto), as the page's script writes it; `None` without a day.
    fn accessed_sentence(&self, lang: Lang) -> Option<String> {
        self.accessed.map(|d| {
            i18n::text(
                lang,
                "citation-accessed",
                &[(
                    "date",
                    FluentValue::from(i18n::date_with_gregorian(lang, d)),
                )],
            )
        })
    }
}

/// The citation as plain text: `“Title.” AskAfghanistan, updated 20
/// February 2026. URL` (`… 2026. Accessed 5 December 2026. URL` with the
/// day read), with no full stop added after a title that ends in
/// `?`, `!`, `؟` or `.`; in Dari and Pashto the date is Solar Hijri with the
/// Gregorian beside it. The URL is the article's, or the paragraph's that
/// `cited` names.
pub fn citation_text(a: &Article, site_url: &str, cited: Cited<'_>) -> String {
    let lang = a.lang();
    let stop = if ends_a_sentence(&a.front.title) {
        ""
    } else {
        "."
    };
    i18n::text(
        lang,
        "citation",
        &[
            ("title", FluentValue::from(a.front.title.clone())),
            ("stop", FluentValue::from(stop)),
            ("updated", FluentValue::from(citation_updated(a))),
            // The day read goes before the URL, where the page's script
            // puts it.
            (
                "url",
                FluentValue::from(match cited.accessed_sentence(lang) {
                    Some(sentence) => format!("{sentence} {}", cited.url(a, site_url)),
                    None => cited.url(a, site_url),
                }),
            ),
        ],
    )
}

/// What both citations say of the article's date, in its language:
/// `updated 20 February 2026`, in Dari and Pashto the Solar Hijri date
/// with the Gregorian beside it. (The HTML citation once said the date
/// alone, which reads as the day it was published.)
fn citation_updated(a: &Article) -> String {
    let lang = a.lang();
    i18n::text(
        lang,
        "citation-updated",
        &[(
            "date",
            FluentValue::from(i18n::date_with_gregorian(lang, a.front.updated)),
        )],
    )
}

/// The citation as HTML to paste into a page. Its date is written as the
/// plain-text citation and the day read write theirs (English once had the
/// ISO date here, beside "Accessed 6 December 2026"); Dari and Pashto have
/// the Solar Hijri date, Gregorian beside, the Arabic comma, and the reuse
/// link in their own words. The link is to the article, or to the paragraph
/// `cited` names. All of it is in one `<span lang dir>` of the article's
/// language ([`citation_html_end`]).
pub fn citation_html(a: &Article, site_url: &str, cited: Cited<'_>) -> String {
    let lang = a.lang();
    let url = cited.url(a, site_url);
    let date = citation_updated(a);
    let comma = i18n::comma(lang);
    // The day read goes before the reuse link, where the page's script puts it.
    let accessed = cited
        .accessed_sentence(lang)
        .map(|s| format!("{} ", crate::markup::escape(&s)))
        .unwrap_or_default();
    format!(
        "<span lang=\"{lang}\" dir=\"{}\"><a href=\"{}\" hreflang=\"{}\">{}</a>{comma} AskAfghanistan{comma} {}. {accessed}{}",
        lang.dir(),
        crate::markup::escape(&url),
        lang,
        crate::markup::escape(&a.front.title),
        crate::markup::escape(&date),
        citation_html_end(lang, site_url),
    )
}

/// How the HTML citation ends: the reuse link, and the end of the element
/// that gives it its language and direction, so that it reads as written
/// wherever it is pasted (a Dari citation in an English page was laid out
/// left to right, its parts in the reverse of their order). The day read
/// goes before it.
fn citation_html_end(lang: Lang, site_url: &str) -> String {
    format!("{}</span>", reuse_link_html(lang, site_url))
}

/// The HTML citation as the article page's box shows it (`#cite-html`):
/// its source, escaped, for a box that is code and reads left to right,
/// each stretch of its text in Arabic script (the title, the date, the
/// reuse link's words) isolated right to left in a `<bdi>` of the
/// article's language, which would otherwise be reordered with the markup
/// around it; and, before the reuse link, the empty element the page's
/// script writes the day read into (isolated in its turn). Its text is
/// [`citation_html`]'s, what Copy copies. The code as a whole (its tags,
/// the site's name) is marked as English, so that on a Dari or Pashto
/// page a screen reader does not read it with the page's voice.
pub fn citation_code(a: &Article, site_url: &str) -> String {
    let lang = a.lang();
    let html = citation_html(a, site_url, Cited::default());
    let reuse = citation_html_end(lang, site_url);
    let isolated = |source: &str| isolated_code(source, lang);
    let code = match html.strip_suffix(&reuse) {
        Some(head) => format!(
            "{}<bdi class=\"cite-accessed\" lang=\"{}\" dir=\"{}\"></bdi>{}",
            isolated(head),
            lang.code(),
            lang.dir(),
            isolated(&reuse)
        ),
        None => isolated(&html),
    };
    crate::admin::reasons::english_markup(&code)
}

/// HTML `source`, escaped to be shown as code, each text between its tags
/// that holds an Arabic-script letter in a right-to-left `<bdi>` of `lang`
/// (the spaces around it left out of it).
fn isolated_code(source: &str, lang: Lang) -> String {
    let escape = crate::markup::escape;
    let mut out = String::with_capacity(source.len() * 2);
    // Each part is text, then a tag (`<…>`) or the source's end.
    for part in source.split_inclusive('>') {
        let (text, tag) = part.split_at(part.find('<').unwrap_or(part.len()));
        let core = text.trim();
        if core.chars().any(arabic_letter) {
            let lead = &text[..text.len() - text.trim_start().len()];
            let trail = &text[text.trim_end().len()..];
            out.push_str(&format!(
                "{lead}<bdi lang=\"{}\" dir=\"rtl\">{}</bdi>{trail}",
                lang.code(),
                escape(core)
            ));
        } else {
            out.push_str(&escape(text));
        }
        out.push_str(&escape(tag));
    }
    out
}

/// A letter of the Arabic script (Dari's and Pashto's).
fn arabic_letter(c: char) -> bool {
    c.is_alphabetic()
        && matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Where the reuse terms are, in `lang`: the about page's section.
pub fn reuse_policy_url(lang: Lang, site_url: &str) -> String {
    format!("{site_url}/{lang}/about#reuse")
}

/// The link to the reuse terms near the HTML citation's end, in its words.
fn reuse_link_html(lang: Lang, site_url: &str) -> String {
    format!(
        "<a href=\"{}\">{}</a>",
        crate::markup::escape(&reuse_policy_url(lang, site_url)),
        crate::markup::escape(&i18n::text(lang, "about-reuse-title", &[])),
    )
}

/// When a source was read, as the article's source list shows it after the
/// source's title: `(accessed 20 February 2026)`, `— دیده شده در ۱ حوت ۱۴۰۴ (۲۰ فبروری ۲۰۲۶)`.
pub fn accessed_text(lang: Lang, accessed: chrono::NaiveDate) -> String {
    i18n::text(
        lang,
        "accessed-on",
        &[(
            "date",
            FluentValue::from(i18n::date_with_gregorian(lang, accessed)),
        )],
    )
}

pub fn article_view(
    site: &Site,
    a: &Article,
    body: &Body,
    site_url: &str,
    counts: &Counts,
) -> ArticleView {
    let lang = a.lang();
    let count = comment_count(counts, a);
    ArticleView {
        lang: lang.code(),
        dir: lang.dir(),
        slug: a.slug().to_string(),
        title: a.front.title.clone(),
        question: a.front.question.clone(),
        summary: a.front.summary.clone(),
        tags: a
            .front
            .tags
            .iter()
            .map(|t| TagView::of(lang, t.as_str()))
            .collect(),
        published_iso: a.front.published.to_string(),
        updated_iso: a.front.updated.to_string(),
        published_label: i18n::text(
            lang,
            "published-on",
            &[(
                "date",
                FluentValue::from(i18n::date_with_gregorian(lang, a.front.published)),
            )],
        ),
        updated_label: i18n::text(
            lang,
            "updated-on",
            &[(
                "date",
                FluentValue::from(i18n::date_with_gregorian(lang, a.front.updated)),
            )],
        ),
        canonical: format!("{site_url}{}", a.path()),
        html: body.rendered.html.clone(),
        toc: body
            .rendered
            .headings
            .iter()
            .filter(|h| h.level <= 3)
            .map(|h| TocEntry {
                level: h.level,
                id: h.id.clone(),
                text: h.text.clone(),
            })
            .collect(),
        sources: a
            .front
            .sources
            .iter()
            .map(|s| {
                let other = other_lang(lang, &s.title);
                SourceView {
                    title: s.title.clone(),
                    title_lang: other.map(Lang::code),
                    title_dir: other.map(Lang::dir),
                    url: s.url.clone(),
                    accessed: s.accessed.to_string(),
                    accessed_text: accessed_text(lang, s.accessed),
                }
            })
            .collect(),
        translations: site
            .translations_of(a)
            .into_iter()
            .map(|t| TranslationView {
                lang: t.lang().code(),
                dir: t.lang().dir(),
                lang_name: t.lang().native_name(),
                title: t.front.title.clone(),
                url: t.path(),
            })
            .collect(),
        outdated: site.stale_original(&a.front).map(|o| OutdatedView {
            text: i18n::text(lang, "translation-outdated", &[]),
            link_text: i18n::text(
                lang,
                "translation-outdated-link",
                &[("lang", FluentValue::from(o.lang().code()))],
            ),
            url: o.path(),
            lang: o.lang().code(),
        }),
        comment_count: count,
        comments_text: i18n::count_text(lang, "comments", count),
        citation_text: citation_text(a, site_url, Cited::default()),
        citation_code: citation_code(a, site_url),
        accessed: AccessedView::of(a, site_url),
    }
}

/// schema.org for an article: the question it answers and the article itself.
pub fn article_jsonld(a: &Article, site_url: &str) -> serde_json::Value {
    let url = format!("{site_url}{}", a.path());
    let org =
        json!({ "@type": "Organization", "name": "AskAfghanistan", "url": format!("{site_url}/") });
    json!({
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "QAPage",
                "@id": format!("{url}#qa"),
                "url": url,
                "inLanguage": a.lang().locale(),
                "mainEntity": {
                    "@type": "Question",
                    "name": a.front.question,
                    "text": a.front.question,
                    "answerCount": 1,
                    "dateCreated": a.front.published.to_string(),
                    "author": org,
                    "acceptedAnswer": {
                        "@type": "Answer",
                        "text": a.front.summary,
                        "url": format!("{url}#short-answer"),
                        "dateCreated": a.front.published.to_string(),
                        "author": org,
                    }
                }
            },
            {
                "@type": "Article",
                "@id": format!("{url}#article"),
                "headline": a.front.title,
                "description": a.front.summary,
                "inLanguage": a.lang().locale(),
                "datePublished": a.front.published.to_string(),
                "dateModified": a.front.updated.to_string(),
                "mainEntityOfPage": url,
                "author": org,
                "publisher": org,
                "keywords": a.front.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
                "citation": a.front.sources.iter().map(|s| json!({"@type": "CreativeWork", "name": s.title, "url": s.url})).collect::<Vec<_>>(),
                // The footer's notice, in the page's language, and where
                // the terms are.
                "copyrightNotice": i18n::text(a.lang(), "reuse-notice", &[]),
                "usageInfo": reuse_policy_url(a.lang(), site_url),
            }
        ]
    })
}

pub fn article_page(
    site: &Site,
    a: &Article,
    body: &Body,
    site_url: &str,
    counts: &Counts,
    comments: &crate::comments::Section,
    form: &crate::comments::FormView,
) -> Result<String, minijinja::Error> {
    let view = article_view(site, a, body, site_url, counts);
    let translations = site.translations_of(a);
    let alternates = article_alternates(a, &translations, site_url);
    let head = Head {
        lang: a.lang(),
        title: a.front.title.clone(),
        description: a.front.summary.clone(),
        canonical: view.canonical.clone(),
        alternates,
        switch: translations
            .iter()
            .map(|t| (t.lang(), t.path()))
            .chain([(a.lang(), a.path())])
            .collect(),
        untranslated: Some(Untranslated::Article),
        og_type: "article",
        jsonld: Some(script_json(&article_jsonld(a, site_url))),
        nav: "",
    };
    templates::render(
        "article.html",
        merge(
            base(&head),
            context! {
                a => Value::from_serialize(&view),
                c => Value::from_serialize(comments),
                f => Value::from_serialize(form),
            },
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::{ends_a_sentence, other_lang};
    use askaf_content::Lang;

    #[test]
    fn a_source_title_in_another_script_is_marked_with_its_language() {
        let english = "World Bank in Afghanistan";
        assert_eq!(other_lang(Lang::Fa, english), Some(Lang::En));
        assert_eq!(other_lang(Lang::Ps, english), Some(Lang::En));
        assert_eq!(other_lang(Lang::En, english), None);
        assert_eq!(other_lang(Lang::En, "بانک مرکزی افغانستان"), Some(Lang::Fa));
        assert_eq!(
            other_lang(Lang::En, "د افغانستان بانک ګزارش"),
            Some(Lang::Ps)
        );
        // The article's own script: its language, whichever letters.
        assert_eq!(other_lang(Lang::Ps, "بانک مرکزی افغانستان"), None);
        // Both scripts, or none: the article's language stands.
        assert_eq!(other_lang(Lang::Fa, "گزارش UNHCR"), None);
        assert_eq!(other_lang(Lang::Fa, "2021"), None);
    }

    #[test]
    fn a_title_that_ends_its_own_sentence_takes_no_full_stop() {
        for title in [
            "Who governs Afghanistan, and who recognises its government?",
            "Visit Bamiyan!",
            "Afghanistan and the U.S.",
            "چه کسی افغانستان را اداره می‌کند؟",
            "افغانستان څوک اداره کوي؟ ",
            "What did the report call “a crisis?”",
            "Wait…",
        ] {
            assert!(ends_a_sentence(title), "{title}");
        }
        for title in [
            "What is Afghanistan’s currency",
            "زبان‌های افغانستان",
            "Provinces (34)",
            "",
        ] {
            assert!(!ends_a_sentence(title), "{title}");
        }
    }
}

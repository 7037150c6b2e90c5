//! What a cached page is made from, by the kind of page.
//!
//! A page is kept (in memory, on disk, in a static mirror) with the
//! dependencies it was made from, and made again when they differ. They
//! are named here once for each kind of page: its handler keys its page
//! with them ([`AppState::entry`]), and the static mirror asks them of
//! every address directly, without the router, to tell which pages it
//! must make again (`export::addresses`). Each is answered from memory:
//! the site being served, the store's comment versions, the topics' names.
//!
//! Each kind's answer starts with a word of its own (`rev=`, `lang=`,
//! `tag=`, `site=`), so a page asked as the wrong kind never matches what
//! its handler recorded: it is made again, never kept stale.

use askaf_content::{Article, Lang};

use crate::{i18n, AppState, Live};

/// The kind of a cached page, with what names it among its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Deps {
    /// Changes only with the build and the site's address, which the
    /// build id names (the root, `about`, `robots.txt`, the assets).
    Fixed,
    /// An article's page, its comment feed and its API document: its
    /// revision, its comments and its translations.
    Article(Lang, String),
    /// An article's plain text: its revision alone.
    Text(Lang, String),
    /// A listing of one language (its home pages, its API list): its
    /// articles in order, their comments, the topics' names.
    Lang(Lang),
    /// A language's feed: its newest articles, without comment counts,
    /// and the translations its entries link.
    LangFeed(Lang),
    /// A topic's page in a language.
    Tag(Lang, String),
    /// A document about every language (the feed, the sitemap, the API
    /// list); with `comments`, every comment too.
    Site { comments: bool },
}

impl Deps {
    /// What the page is made from in `live` now.
    pub(crate) fn of(&self, app: &AppState, live: &Live) -> String {
        match self {
            Deps::Fixed => String::new(),
            Deps::Article(lang, slug) => match live.get(*lang, slug) {
                Some(a) => article(app, live, a),
                None => "gone".into(),
            },
            Deps::Text(lang, slug) => match live.get(*lang, slug) {
                Some(a) => format!("rev={}", a.revision),
                None => "gone".into(),
            },
            // Its listings and topic pages name the topics: their names too.
            Deps::Lang(lang) => format!(
                "lang={} comments={} tags={}",
                live.listings().lang(*lang).fingerprint,
                app.store().lang_comment_version(*lang),
                i18n::tag_labels_fingerprint()
            ),
            // Its entries link their articles' translations, by address.
            Deps::LangFeed(lang) => {
                use sha2::Digest as _;
                let mut versions = sha2::Sha256::new();
                for a in crate::feeds::feed_articles(live, Some(*lang)) {
                    for t in live.translations_of(a) {
                        versions.update(format!("{}>{}/{} ", a.slug(), t.lang(), t.slug()));
                    }
                }
                format!(
                    "lang={} tr={}",
                    live.listings().lang(*lang).fingerprint,
                    hex::encode(&versions.finalize()[..8])
                )
            }
            Deps::Tag(lang, tag) => {
                // Its own articles, the topics of its language (the list of
                // topics) and the names editors set them, and the languages
                // that have it (the language switch).
                let listings = live.listings();
                let mut deps = format!(
                    "tag={} names={} labels={} comments={} in=",
                    listings
                        .tag(*lang, tag)
                        .map(|t| t.fingerprint.as_str())
                        .unwrap_or(""),
                    listings.lang(*lang).tag_names,
                    i18n::tag_labels_fingerprint(),
                    app.store().lang_comment_version(*lang),
                );
                for l in Lang::ALL {
                    if listings.tag(l, tag).is_some() {
                        deps.push_str(l.code());
                    }
                }
                deps
            }
            Deps::Site { comments: true } => format!(
                "site={} comments={}",
                live.fingerprint(),
                app.store().comment_version(None)
            ),
            Deps::Site { comments: false } => format!("site={}", live.fingerprint()),
        }
    }
}

/// What a page showing `a` is made from: its revision, its comments'
/// version and the translations it links to (by their titles, which the
/// page shows).
fn article(app: &AppState, live: &Live, a: &Article) -> String {
    let comments = app
        .store()
        .comment_version(Some((a.lang(), a.slug().as_str())));
    let mut deps = format!("rev={} comments={comments} tr=", a.revision);
    for t in live.translations_of(a) {
        let title = <sha2::Sha256 as sha2::Digest>::digest(t.front.title.as_bytes());
        let title = hex::encode(&title[..8]);
        deps.push_str(&format!("{}/{}:{title} ", t.lang(), t.slug()));
    }
    // A translation shows whether what it follows of its original changed
    // since (its notice names the original by its language and address
    // alone): a page kept on disk across a restart must not outlive that.
    // Not the original's revision: a change of its dates, or of its links
    // to its translations, leaves the page as it was.
    if a.front.original().is_some() {
        let stale = live.stale_original(&a.front).is_some();
        deps.push_str(&format!(" from={}", if stale { "changed" } else { "same" }));
    }
    // The names editors set for its topics, which the page shows.
    let names = i18n::tag_labels_fingerprint_of(a.front.tags.iter().map(|t| t.as_str()));
    if !names.is_empty() {
        deps.push_str(&format!(" tags={names}"));
    }
    deps
}

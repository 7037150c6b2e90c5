//! The comment versions of every article, kept in memory.
//!
//! A rendered page records the version of the comments it shows (see
//! [`Store::comment_version`](crate::Store::comment_version)): the id of the
//! latest decision in `comment_decisions` about them. Every page-cache miss
//! asks for it, so it must not cost a query: the versions are read once,
//! with one grouped query, when the store opens, and advanced in memory by
//! the one place that logs a decision, after its transaction commits.
//!
//! With one process per database (the data directory is locked by the
//! server) that is the whole truth. Several nodes over one PostgreSQL each
//! see only their own decisions advance; each node then refreshes from the
//! decision log ([`CommentVersions::load`] reads only what is newer than
//! the last id it read) when another node tells it of a decision, after a
//! reconnect and on a slow timer (see [`crate::notices`]), and drops the
//! pages that show what changed. Versions only grow, and every update takes
//! the larger of two numbers, so a refresh and a local decision may arrive
//! in any order. A local decision does not move where the next refresh
//! starts: another node's decision with a smaller id may have committed
//! before it and not been read yet. On PostgreSQL sequence values may in general commit out of
//! order, which would let a refresh skip a late commit; here every decision
//! is logged inside [`Store::begin_write`](crate::Store)'s transaction, which
//! holds one advisory lock for the whole database, so the log's ids commit in
//! the order they are drawn. A decision written any other way must keep that.

use std::collections::HashMap;
use std::sync::RwLock;

use askaf_content::Lang;
use sqlx::{AnyPool, Row};

use crate::Error;

#[derive(Debug, Default)]
struct Versions {
    by_article: HashMap<(Lang, String), i64>,
    by_lang: HashMap<Lang, i64>,
    all: i64,
    /// The newest decision about no one article.
    unattached: i64,
    /// The newest id a [`CommentVersions::load`] has read.
    loaded: i64,
}

impl Versions {
    fn advance(&mut self, article: Option<(Lang, &str)>, id: i64) {
        self.all = self.all.max(id);
        let Some((lang, slug)) = article else {
            self.unattached = self.unattached.max(id);
            return;
        };
        let l = self.by_lang.entry(lang).or_insert(0);
        *l = (*l).max(id);
        match self.by_article.get_mut(&(lang, slug.to_string())) {
            Some(v) => *v = (*v).max(id),
            None => {
                self.by_article.insert((lang, slug.to_string()), id);
            }
        }
    }
}

/// See the module's doc.
#[derive(Debug, Default)]
pub(crate) struct CommentVersions {
    inner: RwLock<Versions>,
}

impl CommentVersions {
    fn read(&self) -> std::sync::RwLockReadGuard<'_, Versions> {
        self.inner.read().unwrap_or_else(|p| p.into_inner())
    }

    /// One article's version, or the whole site's with `None`.
    pub(crate) fn get(&self, article: Option<(Lang, &str)>) -> i64 {
        let v = self.read();
        match article {
            None => v.all,
            Some((lang, slug)) => v
                .by_article
                .get(&(lang, slug.to_string()))
                .copied()
                .unwrap_or(0),
        }
    }

    pub(crate) fn lang(&self, lang: Lang) -> i64 {
        self.read().by_lang.get(&lang).copied().unwrap_or(0)
    }

    pub(crate) fn advance(&self, article: Option<(Lang, &str)>, id: i64) {
        self.inner
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .advance(article, id);
    }

    /// Reads every decision newer than the newest one read before, grouped
    /// by article: all of them at the first call. Returns the articles
    /// whose shown comments changed by decisions this process did not know
    /// of (`None`: a decision about no one article).
    pub(crate) async fn load(&self, pool: &AnyPool) -> Result<Vec<Option<(Lang, String)>>, Error> {
        let since = self.read().loaded;
        let rows = sqlx::query(
            "SELECT lang, slug, MAX(id) AS v, MAX(CASE WHEN action <> 'refused' THEN id END) AS shown
             FROM comment_decisions WHERE id > $1 GROUP BY lang, slug",
        )
        .bind(since)
        .fetch_all(pool)
        .await?;
        let mut v = self.inner.write().unwrap_or_else(|p| p.into_inner());
        let mut changed = Vec::new();
        for row in rows {
            v.loaded = v.loaded.max(row.get::<i64, _>("v"));
            let Some(id) = row.get::<Option<i64>, _>("shown") else {
                continue;
            };
            let lang: Option<String> = row.get("lang");
            let slug: Option<String> = row.get("slug");
            let article = match (lang.and_then(|l| l.parse::<Lang>().ok()), slug) {
                (Some(lang), Some(slug)) => Some((lang, slug)),
                _ => None,
            };
            let key = article.as_ref().map(|(l, s)| (*l, s.as_str()));
            let before = match &article {
                Some(k) => v.by_article.get(k).copied().unwrap_or(0),
                None => v.unattached,
            };
            v.advance(key, id);
            // This process's own decisions advanced it already: its pages
            // were dropped where the decision was made.
            if id > before {
                changed.push(article);
            }
        }
        Ok(changed)
    }
}

//! Editor's revisions saved that this node failed to apply.
//!
//! A publish or unpublish is saved in the store before this node applies it
//! ([`Served::apply_edit`]), so that what the store says is settled first:
//! what fails after the save (the index cannot be written, the database
//! failing midway) leaves the store, and every other node, serving the new
//! revision, and this node the old one. Such an article is recorded with
//! the reason, so that the truth is told: the editor's page says so, on
//! every node ([`Served::unapplied_of`]), and the health check counts
//! them. And it is mended without anyone touching the database: the node
//! tries again by itself ([`retry_unapplied`]), and at once when the same
//! save is sent again; on PostgreSQL the follower's catch-up applies it
//! too.
//!
//! The record is the store's (`unapplied_edits`), written as the failure
//! happens and deleted once the article is applied; this node's memory
//! holds its own as a cache, which [`retry_unapplied`] works through and
//! the health check counts. Until 7 December it was memory alone: a
//! restart forgot what it had not applied, and the other nodes never knew.
//! A node started again takes its records back ([`Served::resume_unapplied`])
//! and tries them at once. Where the store cannot be written (the database
//! failing, the very cause, often), the failure is logged and memory still
//! holds it, so this node still says it and tries again.

use std::sync::Arc;
use std::time::Duration;

use askaf_content::Lang;

use crate::{Error, Served, Throttle};

/// The first wait before trying an unapplied article again, doubled after
/// each round that leaves one unapplied, up to [`RETRY_MOST`]: a failure
/// that lasts (an index directory gone, mended only by a restart) is not
/// tried every few seconds for ever.
const RETRY_FIRST: Duration = Duration::from_secs(5);
const RETRY_MOST: Duration = Duration::from_secs(300);

/// A server that does not serve an article as the store has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnappliedOn {
    /// The server ([`askaf_store::Options::node`]: its host and data
    /// directory); `None` for this one.
    pub node: Option<String>,
    /// Why applying it failed, as that server's log says it.
    pub reason: String,
    /// When the store last recorded it (RFC 3339, UTC): that server
    /// renews it each time it tries again and fails, so an old one is a
    /// server's that stopped trying (see
    /// [`askaf_store::UNAPPLIED_STALE_AFTER`]). `None` for this server's
    /// where the store has no record of it (its write failed).
    pub noted_at: Option<String>,
}

impl Served {
    /// Records that the article's revision saved in the store is not
    /// what this node serves, because applying it failed (`reason`).
    pub(crate) async fn note_unapplied(&self, lang: Lang, slug: &str, reason: String) {
        let recorded = self
            .answered(
                "recording an article this server did not apply",
                self.store.note_unapplied(lang, slug, &reason),
            )
            .await;
        if let Err(e) = recorded {
            tracing::warn!(%lang, slug, "could not record that this server does not serve the article as saved: {e} (it remembers it and tries again; the other servers' editor pages will not say it)");
        }
        self.unapplied
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert((lang, slug.to_string()), reason);
        self.unapplied_changed.notify_one();
    }

    /// The article is served as the store has it: its record goes.
    pub(crate) async fn note_applied(&self, lang: Lang, slug: &str) {
        let was = self
            .unapplied
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&(lang, slug.to_string()))
            .is_some();
        if !was {
            return;
        }
        tracing::info!(%lang, slug, "the article saved earlier is applied: served as saved");
        let deleted = self
            .answered(
                "recording an article applied",
                self.store.note_applied(lang, slug),
            )
            .await;
        if let Err(e) = deleted {
            tracing::warn!(%lang, slug, "could not record that this server serves the article as saved now: {e} (the other servers' editor pages may still say it does not, until this server starts again)");
        }
    }

    /// Takes back what this node recorded as not applied before it
    /// stopped ([`askaf_store::Store::claim_unapplied`]); how many. A start
    /// calls it, then [`Served::apply_unapplied`], before it serves, so
    /// that what is still not applied is said from the first request, and
    /// [`retry_unapplied`] goes on with it.
    pub async fn resume_unapplied(&self) -> Result<usize, Error> {
        let claimed = self
            .answered(
                "reading the articles this server had not applied",
                self.store.claim_unapplied(),
            )
            .await?;
        let mut unapplied = self.unapplied.write().unwrap_or_else(|p| p.into_inner());
        for u in &claimed {
            match u.lang.parse::<Lang>() {
                Ok(lang) => {
                    unapplied.insert((lang, u.slug.clone()), u.reason.clone());
                }
                Err(_) => {
                    tracing::warn!(lang = u.lang, slug = u.slug, "an article recorded as not applied is in no language the site has: left alone")
                }
            }
        }
        if !unapplied.is_empty() {
            self.unapplied_changed.notify_one();
        }
        Ok(claimed.len())
    }

    /// Whether this node does not serve the article as the store has it.
    pub(crate) fn unapplied_here(&self, lang: Lang, slug: &str) -> bool {
        self.unapplied
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .contains_key(&(lang, slug.to_string()))
    }

    /// The servers that do not serve the article as the store has it (its
    /// editor's revision saved, then not applied there), each with why:
    /// this one first, from its memory, then the others the store names.
    pub async fn unapplied_of(&self, lang: Lang, slug: &str) -> Result<Vec<UnappliedOn>, Error> {
        let here = self
            .unapplied
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(&(lang, slug.to_string()))
            .cloned();
        let recorded = self
            .answered(
                "reading which servers do not serve an article as saved",
                self.store.unapplied_of(lang, slug),
            )
            .await?;
        let this = self.store.node();
        let (own, others): (Vec<_>, Vec<_>) = recorded.into_iter().partition(|u| u.node == this);
        let own_noted = own.into_iter().next().map(|u| u.noted_at);
        Ok(here
            .map(|reason| UnappliedOn {
                node: None,
                reason,
                noted_at: own_noted,
            })
            .into_iter()
            .chain(others.into_iter().map(|u| UnappliedOn {
                node: Some(u.node),
                reason: u.reason,
                noted_at: Some(u.noted_at),
            }))
            .collect())
    }

    /// Once an editor's publish or unpublish is applied here: the other
    /// servers' records of the article not renewed for
    /// [`askaf_store::UNAPPLIED_STALE_AFTER`] go (a server that runs
    /// applies the new revision, or fails and records it anew), as an
    /// editor could clear them by hand ([`Served::clear_stale_unapplied`]).
    /// A failure is logged: the save stands.
    pub(crate) async fn clear_stale_elsewhere(&self, lang: Lang, slug: &str) {
        let cleared = self
            .answered(
                "clearing other servers' old records of an article they did not apply",
                self.store.clear_stale_unapplied_elsewhere(lang, slug),
            )
            .await;
        match cleared {
            Ok(0) => {}
            Ok(n) => {
                tracing::info!(%lang, slug, records = n, "the article is published again here: other servers' records older than an hour that they did not apply it are cleared")
            }
            Err(e) => {
                tracing::warn!(%lang, slug, "could not clear other servers' old records of the article: {e}")
            }
        }
    }

    /// Clears another server's record that it does not serve the article
    /// as saved, once it has not been renewed for
    /// [`askaf_store::UNAPPLIED_STALE_AFTER`] (a server gone for good, its
    /// data directory removed, would leave it on every page for ever).
    /// Whether it was cleared.
    pub async fn clear_stale_unapplied(
        &self,
        node: &str,
        lang: Lang,
        slug: &str,
    ) -> Result<bool, Error> {
        let cleared = self
            .answered(
                "clearing another server's record of an article it did not apply",
                self.store.clear_stale_unapplied(node, lang, slug),
            )
            .await?;
        if cleared {
            tracing::info!(%lang, slug, node, "another server's record of an article it did not apply was cleared by an editor");
        }
        Ok(cleared)
    }

    /// How many articles this node does not serve as the store has them
    /// (see [`Served::unapplied_of`]).
    pub fn unapplied_count(&self) -> usize {
        self.unapplied
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .len()
    }

    /// Applies again every article saved that this node failed to apply;
    /// the first failure, if any is still unapplied.
    pub async fn apply_unapplied(&self) -> Result<(), Error> {
        let keys: Vec<(Lang, String)> = self
            .unapplied
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .keys()
            .cloned()
            .collect();
        let mut first = None;
        for (lang, slug) in keys {
            if let Err(e) = self.apply_stored(lang, &slug).await {
                first.get_or_insert(e);
            }
        }
        first.map_or(Ok(()), Err)
    }
}

/// Tries again, for as long as the server runs, to apply the articles
/// saved that this node failed to apply: 5 s after a failure, then twice
/// as long after each round that fails, up to 5 minutes. A failure that
/// lasts is logged once, then once a minute; its end is said.
pub async fn retry_unapplied(served: Arc<Served>) {
    let failing = Throttle::new(Duration::from_secs(60));
    let mut wait = RETRY_FIRST;
    loop {
        if served.unapplied_count() == 0 {
            served.unapplied_changed.notified().await;
            wait = RETRY_FIRST;
            continue;
        }
        tokio::time::sleep(wait).await;
        match served.apply_unapplied().await {
            Ok(()) => {
                if failing.recovered() {
                    tracing::info!("every article saved is applied on this node again");
                }
                wait = RETRY_FIRST;
            }
            Err(e) => {
                wait = (wait * 2).min(RETRY_MOST);
                if failing.failed() {
                    tracing::error!(
                        unapplied = served.unapplied_count(),
                        retry_in_s = wait.as_secs(),
                        "articles saved are still not served as saved on this node: {e} (tried again less and less often, up to every 5 minutes, and when sent again; a restart serves them; said again once a minute while it fails)"
                    );
                }
            }
        }
    }
}

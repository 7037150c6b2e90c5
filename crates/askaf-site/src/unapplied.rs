//! Editor's revisions saved that this node failed to apply.
//!
//! A publish or unpublish is saved in the store before this node applies it
//! ([`Served::apply_edit`]), so that what the store says is settled first:
//! what fails after the save (the index cannot be written, the database
//! failing midway) leaves the store, and every other node, serving the new
//! revision, and this node the old one. Such an article is remembered here
//! with the reason, so that the truth is told: the editor's page says so
//! ([`Served::unapplied_of`]), and the health check counts them. And it is
//! mended without anyone touching the database: the node tries again by
//! itself ([`retry_unapplied`]), and at once when the same save is sent
//! again; a restart serves what the store has; on PostgreSQL the
//! follower's catch-up applies it too.

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

impl Served {
    /// Remembers that the article's revision saved in the store is not
    /// what this node serves, because applying it failed (`reason`).
    pub(crate) fn note_unapplied(&self, lang: Lang, slug: &str, reason: String) {
        self.unapplied
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert((lang, slug.to_string()), reason);
        self.unapplied_changed.notify_one();
    }

    /// The article is served as the store has it: forgotten as unapplied.
    pub(crate) fn note_applied(&self, lang: Lang, slug: &str) {
        let mut unapplied = self.unapplied.write().unwrap_or_else(|p| p.into_inner());
        if unapplied.remove(&(lang, slug.to_string())).is_some() {
            tracing::info!(%lang, slug, "the article saved earlier is applied: served as saved");
        }
    }

    /// Why this node does not serve the article as the store has it (its
    /// editor's revision saved, then not applied here), if it does not.
    pub fn unapplied_of(&self, lang: Lang, slug: &str) -> Option<String> {
        self.unapplied
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(&(lang, slug.to_string()))
            .cloned()
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

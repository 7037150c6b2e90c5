//! Following the other nodes on one PostgreSQL: their changes applied here.
//!
//! Each node keeps caches of its own (the served site, the search index,
//! rendered pages, comment versions) made from the shared database. A
//! change saved through another node reaches this one as a notice (see
//! [`askaf_store::Notice`]), which only says "look": the node then catches
//! up from the store ([`Served::catch_up`]): every editor revision newer
//! than the last it applied is applied through the one pipeline as a
//! change ([`Served::apply_stored`]: re-rendered, re-indexed, listings
//! invalidated), and every comment decision newer than the last it read
//! bumps that article's comment version and drops its pages. It catches up
//! the same way after it (re)connects and on a slow timer, so nothing
//! depends on a notice arriving. An upload deleted is the one notice that
//! names what to drop (the files the node kept of it, and its memory that
//! the upload is kept, see [`Served::upload_kept`]); after it (re)connects and
//! on the slow timer the node also asks the store about every upload it
//! remembers, so one deleted unannounced is forgotten within that time
//! too ([`Served::recheck_uploads`]). On SQLite there is nothing to follow.
//!
//! A database that hangs (see [`crate::hang`]) holds none of it for ever:
//! listening, and the reads of a catch-up, are given up after the store's
//! [`answer_within`](askaf_store::Store::answer_within) (20 s, longer on a
//! host that connects slowly) like any failure; applying
//! an article read is not cut short (it updates the index in place before
//! it swaps the site), and finishes when the database answers. The
//! listening connection cannot tell a hang (it waits for a notice, in
//! vain): the catch-up on the slow timer says it, once a minute while it
//! lasts, and says its end.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::{Error, Served, Throttle};

/// How often a node catches up with no notice: a notice lost on a
/// connection that looks alive is found within this.
const CATCH_UP_EVERY: Duration = Duration::from_secs(10);
/// The first wait before listening again after the connection is lost,
/// doubled after each failure up to [`BACKOFF_MAX`].
const BACKOFF_FIRST: Duration = Duration::from_millis(250);
const BACKOFF_MAX: Duration = Duration::from_secs(5);

impl Served {
    /// Applies what the store holds that this node has not: editor
    /// revisions after the last applied, comment decisions after the last
    /// read. One catch-up at a time.
    pub async fn catch_up(&self) -> Result<(), Error> {
        let _one_at_a_time = self.catching_up.lock().await;
        let seen = self.edits_seen.load(Ordering::Acquire);
        let (articles, newest) = self
            .answered(
                "reading the articles saved on other nodes",
                self.store.edits_since(seen),
            )
            .await?;
        for (lang, slug) in &articles {
            let changes = self.apply_stored(*lang, slug).await?;
            if !changes.is_empty() {
                tracing::info!(%lang, slug, "applied an article saved on another node");
            }
        }
        self.edits_seen.store(newest, Ordering::Release);
        let changed = self
            .answered(
                "reading the comment decisions made on other nodes",
                self.store.refresh_comment_versions(),
            )
            .await?;
        let listeners = self
            .comment_listeners
            .read()
            .unwrap_or_else(|p| p.into_inner());
        for article in &changed {
            for listener in listeners.iter() {
                listener(article.as_ref().map(|(l, s)| (*l, s.as_str())));
            }
        }
        drop(listeners);
        for listener in self
            .catch_up_listeners
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
        {
            listener();
        }
        Ok(())
    }

    /// The newest editor revision this node has applied (see [`follow`]).
    pub fn edits_seen(&self) -> i64 {
        self.edits_seen.load(Ordering::Acquire)
    }

    /// When the last notice from the database arrived, if one did.
    pub fn last_notice(&self) -> Option<SystemTime> {
        *self.last_notice.read().unwrap_or_else(|p| p.into_inner())
    }
}

/// Follows the other nodes' changes for as long as the server runs (see
/// the module's doc); returns at once on SQLite. `since` is the newest
/// editor revision the site was loaded with (read before loading it:
/// whatever came later is applied again, harmlessly).
///
/// A lost connection is logged, and listening starts again after a wait
/// that doubles up to 5 s, then everything missed is caught up. The
/// failures are logged once, then once a minute while they last, not at
/// each try; the return is said.
pub async fn follow(served: Arc<Served>, since: i64) {
    if served.store.kind() != askaf_store::Kind::Postgres {
        return;
    }
    served.edits_seen.fetch_max(since, Ordering::AcqRel);
    // Whether the listening below is connected and caught up: while it is
    // not, it says why itself, and the catch-up on the timer says nothing
    // of the same failure.
    let listening = Arc::new(AtomicBool::new(false));
    let ticker = {
        let served = served.clone();
        let listening = listening.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(CATCH_UP_EVERY);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let failing = Throttle::new(Duration::from_secs(60));
            loop {
                every.tick().await;
                let caught_up = served.catch_up().await;
                let rechecked = served.recheck_uploads().await;
                match caught_up.and(rechecked) {
                    Ok(()) => {
                        if failing.recovered() {
                            tracing::info!("catching up with the other nodes works again");
                        }
                    }
                    // The database away, or the listening failing: the
                    // listening says so.
                    Err(e)
                        if !listening.load(Ordering::Acquire)
                            || (e.is_unavailable() && !matches!(e, Error::Unanswered { .. })) =>
                    {
                        tracing::debug!(error = %e, "catching up with the database failed; trying again");
                    }
                    // A database that hangs while the listening waits for a
                    // notice (in vain, and unaware), or a failure of this
                    // node's own (its index): said, as a follower silently
                    // behind is a node serving the past.
                    Err(e) => {
                        if failing.failed() {
                            tracing::warn!(error = %e, "catching up with the other nodes failed; trying again every {} s (said again once a minute while it fails)", CATCH_UP_EVERY.as_secs());
                        } else {
                            // Each try, for whoever follows the tries.
                            tracing::debug!(error = %e, "catching up with the other nodes failed again");
                        }
                    }
                }
            }
        })
    };
    let _stop_ticker = AbortOnDrop(ticker);
    let mut backoff = BACKOFF_FIRST;
    let failing = Throttle::new(Duration::from_secs(60));
    let mut listened = false;
    loop {
        let connected = async {
            let listener = served
                .answered(
                    "listening for the other nodes' changes",
                    served.store.listen(),
                )
                .await?;
            // Listening from here: everything committed before is read now,
            // uploads deleted while no notice could arrive included, and
            // uploads made meanwhile are asked about again.
            served.forget_uploads_not_kept();
            served.catch_up().await?;
            served.recheck_uploads().await?;
            Ok::<_, Error>(listener)
        };
        let mut listener = match connected.await {
            Ok(Some(l)) => l,
            Ok(None) => return,
            Err(e) => {
                if failing.failed() {
                    tracing::warn!(error = %e, retry_in_ms = backoff.as_millis() as u64, "cannot listen for the other nodes' changes (said again once a minute while it fails)");
                }
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(BACKOFF_MAX);
                continue;
            }
        };
        if failing.recovered() {
            tracing::info!(
                "listening for the other nodes' changes again; caught up with the database"
            );
        } else if !listened {
            tracing::info!("listening for the other nodes' changes; caught up with the database");
        }
        listened = true;
        backoff = BACKOFF_FIRST;
        listening.store(true, Ordering::Release);
        loop {
            match listener.next().await {
                Ok(notice) => {
                    *served
                        .last_notice
                        .write()
                        .unwrap_or_else(|p| p.into_inner()) = Some(SystemTime::now());
                    tracing::debug!(?notice, "notice from the database");
                    if let Err(e) = served.catch_up().await {
                        if failing.failed() {
                            tracing::warn!(error = %e, "cannot catch up with the database (said again once a minute while it fails); listening again");
                        }
                        break;
                    }
                    // An upload deleted: the files this node kept of it go;
                    // one made: no longer taken for not kept.
                    use askaf_content::media::MediaName;
                    use askaf_store::Notice;
                    match &notice {
                        Some(Notice::Media(file)) => {
                            if let Some(name) = MediaName::parse(file) {
                                served.media_deleted(&name);
                            }
                        }
                        Some(Notice::Uploaded(file)) => {
                            if let Some(name) = MediaName::parse(file) {
                                served.upload_added(&name);
                            }
                        }
                        _ => {}
                    }
                }
                Err(e) => {
                    if failing.failed() {
                        tracing::warn!(error = %e, "lost the connection that listens for the other nodes' changes; reconnecting (failures said again once a minute while they last)");
                    }
                    break;
                }
            }
        }
        listening.store(false, Ordering::Release);
        tokio::time::sleep(backoff).await;
    }
}

/// Stops a task when the owner is dropped (the server's follower ends).
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

//! Publishing at a time (issue 12, item 3).
//!
//! The store keeps when each scheduled article is due (it survives a
//! restart); [`run_schedule`] publishes what is due, through
//! [`Served::apply_edit`] like an editor's Publish, so the page, the feeds,
//! the sitemap, the API and Ask follow at once. What is published is the
//! article's newest saved revision at that moment, as WordPress publishes a
//! scheduled post as it then stands, and the account that scheduled it is
//! its author in the history. A due article is claimed with a lease
//! ([`askaf_store::Store::claim_due`]), so with several servers on one
//! database each is published once.
//!
//! A database that hangs (see [`crate::hang`]) stops none of it for long:
//! the scheduler's own calls to the store are given up after
//! [`ANSWER_WITHIN`], and a round that publishes runs in a task of its own,
//! waited for as long, then left to finish while the failure is logged.

use std::sync::Arc;
use std::time::Duration;

use askaf_content::Lang;
use askaf_store::{EditAction, Scheduled};

use crate::hang::{answered, ANSWER_WITHIN};
use crate::{EditOutcome, EditRequest, Error, Served, Throttle};

/// How long a claim holds: far longer than a publish takes.
const LEASE_SECONDS: i64 = 60;

/// The longest the runner sleeps: a schedule set by another server (which
/// cannot wake this one) is seen within this.
const IDLE: Duration = Duration::from_secs(30);

/// How soon the runner asks again while the database fails: an article
/// that fell due meanwhile goes out, and the database's return is said,
/// within this of its coming back. The failure itself is logged once a
/// minute, however often it is met.
const RETRY: Duration = Duration::from_secs(5);

fn now_unix() -> i64 {
    chrono::Utc::now().timestamp()
}

impl Served {
    /// Schedules the article's newest saved revision to be published at
    /// `due_unix`, by `by`.
    pub async fn schedule(
        &self,
        lang: Lang,
        slug: &str,
        due_unix: i64,
        by: &str,
    ) -> Result<(), Error> {
        self.store.schedule(lang, slug, due_unix, by).await?;
        tracing::info!(%lang, slug, due_unix, by, "article scheduled");
        self.schedule_changed.notify_one();
        Ok(())
    }

    /// Publishes every article that is due; returns those published.
    ///
    /// Its own calls to the store (the claim, the revision, taking an
    /// article off the schedule) are given up after [`ANSWER_WITHIN`]:
    /// each is a read or one transaction, which a database that hangs
    /// leaves undone or done whole (see [`answered`]), and a claim left
    /// runs out with its lease. The publish itself is not cut short; see
    /// [`run_schedule`].
    pub async fn publish_due(&self) -> Result<Vec<Scheduled>, Error> {
        let mut published = Vec::new();
        let due = answered(
            "claiming the due articles",
            self.store.claim_due(now_unix(), LEASE_SECONDS),
        )
        .await?;
        for s in due {
            let Ok(lang) = s.lang.parse::<Lang>() else {
                self.finish_scheduled(&s).await?;
                continue;
            };
            let state = answered(
                "reading a due article's newest revision",
                self.store.editor_state(lang, &s.slug),
            )
            .await?;
            let Some(state) = state else {
                tracing::error!(%lang, slug = %s.slug, "scheduled, but the editor has no revision of it: taken off the schedule");
                self.finish_scheduled(&s).await?;
                continue;
            };
            let outcome = self
                .apply_edit(EditRequest {
                    lang,
                    slug: s.slug.clone(),
                    new: false,
                    source: state.head.source.clone(),
                    author: s.by.clone(),
                    base: Some(state.head.id),
                    action: EditAction::Publish,
                })
                .await?;
            match outcome {
                EditOutcome::Saved { .. } => published.push(s),
                EditOutcome::Invalid(problems) => {
                    // Valid when scheduled; the site changed since (a
                    // translation it names was unpublished, say).
                    for p in &problems {
                        tracing::error!(%lang, slug = %s.slug, "not published as scheduled: {p}");
                    }
                    self.finish_scheduled(&s).await?;
                }
                // Someone saved between reading the head and publishing it:
                // the lease runs out and the next round publishes the newer text.
                EditOutcome::Conflict(_) => {}
            }
        }
        Ok(published)
    }

    /// Takes a claimed article off the schedule.
    async fn finish_scheduled(&self, s: &Scheduled) -> Result<(), Error> {
        answered(
            "taking an article off the schedule",
            self.store.finish_scheduled(s),
        )
        .await
    }
}

/// Publishes scheduled articles when they are due, for as long as the
/// server runs: at start (what fell due while it was stopped), at each due
/// time, when an article is scheduled, and every half minute.
///
/// A failure (the database away or hanging) is logged once, then once a
/// minute while it lasts, not at each round; its end is said. While it
/// lasts the runner asks again every 5 s ([`RETRY`]).
///
/// A round runs in a task of its own, waited for at most [`ANSWER_WITHIN`]:
/// a publish caught by a hang halfway (its revision saved, the site not yet
/// swapped) is not dropped, which would leave the index updated and the
/// site not, but finishes when the database answers. Until it has, the
/// runner starts no other round and waits for that one again.
pub async fn run_schedule(served: Arc<Served>) {
    let failing = Throttle::new(Duration::from_secs(60));
    let failed = |e: &dyn std::fmt::Display| {
        if failing.failed() {
            tracing::error!("scheduled publishing: {e} (said again once a minute while it fails)");
        }
    };
    let mut unfinished = None;
    loop {
        let mut round = unfinished.take().unwrap_or_else(|| {
            let served = served.clone();
            tokio::spawn(async move { served.publish_due().await })
        });
        let published = match tokio::time::timeout(ANSWER_WITHIN, &mut round).await {
            Ok(Ok(published)) => published,
            Ok(Err(panicked)) => Err(Error::Task(panicked.to_string())),
            Err(_) => {
                unfinished = Some(round);
                Err(Error::Unanswered {
                    what: "publishing the due articles",
                    after: ANSWER_WITHIN,
                })
            }
        };
        if let Err(e) = &published {
            failed(e);
        }
        let next = answered(
            "asking when the next article is due",
            served.store.next_due(),
        )
        .await;
        let wait = match next {
            Ok(_) if published.is_err() => RETRY,
            Ok(next) => {
                if failing.recovered() {
                    tracing::info!("scheduled publishing works again");
                }
                match next {
                    Some(due) => {
                        let secs = (due - now_unix()).clamp(0, IDLE.as_secs() as i64);
                        // A due article held by another server's lease: look
                        // again in a moment rather than at once.
                        Duration::from_secs(secs.max(1) as u64)
                    }
                    None => IDLE,
                }
            }
            Err(e) => {
                failed(&e);
                RETRY
            }
        };
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = served.schedule_changed.notified() => {}
        }
    }
}

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
//! database each is published once. A publish that fails for a reason of
//! the article's own is held longer after each failure ([`retry_after`]),
//! logged once, and shown on the article's editor page; one that fails
//! for the database's is tried again when the lease runs out.
//!
//! A database that hangs (see [`crate::hang`]) stops none of it for long:
//! the scheduler's own calls to the store are given up after the store's
//! [`answer_within`](askaf_store::Store::answer_within), and a round that
//! publishes runs in a task of its own,
//! waited for as long, then left to finish while the failure is logged.

use std::sync::Arc;
use std::time::Duration;

use askaf_content::Lang;
use askaf_store::{EditAction, Scheduled};

use crate::{Doing, EditOutcome, EditRequest, Error, Served, Throttle};

/// How long a claim holds: far longer than a publish takes.
const LEASE_SECONDS: i64 = 60;

/// The longest the runner sleeps: a schedule set by another server (which
/// cannot wake this one) is seen within this.
const IDLE: Duration = Duration::from_secs(30);

/// How soon the runner asks again while the database fails: the
/// database's return is said, and what fell due meanwhile goes out (unless
/// a claim made before the failure holds it to the end of its lease),
/// within this of its coming back. The failure itself is logged once a
/// minute, however often it is met.
const RETRY: Duration = Duration::from_secs(5);

/// How long a due article whose publish failed for the `failures`-th time
/// (for a reason of its own, not the database's) waits before it is tried
/// again: a minute, doubled after each failure, at most an hour. Such a
/// failure (a text the site now refuses, a change refused) lasts until
/// someone mends it; asked again at every round it would fill the log and
/// hold the database's write lock for nothing, and an hour is as long as
/// the publish waits once it is mended, unless an editor publishes it by
/// hand.
fn retry_after(failures: i64) -> Duration {
    const FIRST: Duration = Duration::from_secs(LEASE_SECONDS as u64);
    const MOST: Duration = Duration::from_secs(3600);
    let doublings = failures.clamp(1, 7) - 1;
    (FIRST * (1 << doublings)).min(MOST)
}

pub(crate) fn now_unix() -> i64 {
    chrono::Utc::now().timestamp()
}

impl Served {
    /// Schedules the article's newest saved revision to be published at
    /// `due_unix`, by `by`; `revision`, the one saved to be scheduled,
    /// keeps the time in its history (see [`askaf_store::Store::schedule`]).
    pub async fn schedule(
        &self,
        lang: Lang,
        slug: &str,
        due_unix: i64,
        by: &str,
        revision: Option<i64>,
    ) -> Result<(), Error> {
        self.store
            .schedule(lang, slug, due_unix, by, revision)
            .await
            .doing("scheduling the article")?;
        tracing::info!(%lang, slug, due_unix, by, "article scheduled");
        self.schedule_changed.notify_one();
        Ok(())
    }

    /// Publishes every article that is due; returns those published.
    ///
    /// Its own calls to the store (the claim, the revision, taking an
    /// article off the schedule) are given up after the store's
    /// [`answer_within`](askaf_store::Store::answer_within) (20 s on a host
    /// that connects quickly): each is a read
    /// or one transaction, which a database that hangs leaves undone or
    /// done whole (see `Served::answered`), and a claim left
    /// runs out with its lease. The publish itself is not cut short; see
    /// [`run_schedule`].
    pub async fn publish_due(&self) -> Result<Vec<Scheduled>, Error> {
        let mut published = Vec::new();
        let due = self
            .answered(
                "claiming the due articles",
                self.store.claim_due(now_unix(), LEASE_SECONDS),
            )
            .await?;
        for s in due {
            let Ok(lang) = s.lang.parse::<Lang>() else {
                self.finish_scheduled(&s).await?;
                continue;
            };
            let state = self
                .answered(
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
                    then: crate::Then::Nothing,
                })
                .await;
            let why = match outcome {
                Ok(EditOutcome::Saved { .. }) => {
                    published.push(s);
                    continue;
                }
                // Someone saved between reading the head and publishing it:
                // the lease runs out and the next round publishes the newer text.
                Ok(EditOutcome::Conflict(_)) => continue,
                // Valid when scheduled; the site changed since (a
                // translation it names was unpublished, say).
                Ok(EditOutcome::Invalid(problems)) => problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
                // The database's failure: the round stops, and the lease
                // runs out.
                Err(e) if e.is_unavailable() => return Err(e),
                Err(e) => e.to_string(),
            };
            self.publish_failed(lang, &s, &why).await?;
        }
        Ok(published)
    }

    /// Notes that publishing the claimed `s` failed for a reason of its
    /// own (`why`), which retrying at once would not mend: it is held
    /// longer after each failure ([`retry_after`]), logged the first time
    /// only, and its editor's page shows the failure until it is published,
    /// scheduled anew or unscheduled.
    async fn publish_failed(&self, lang: Lang, s: &Scheduled, why: &str) -> Result<(), Error> {
        let retry_unix = now_unix() + retry_after(s.failures + 1).as_secs() as i64;
        let noted = self
            .answered(
                "noting a failed publish",
                self.store.schedule_failed(s, why, retry_unix),
            )
            .await?;
        match noted {
            Some(1) => tracing::error!(
                %lang, slug = %s.slug, retry_unix,
                "not published as scheduled: {why}; tried again later, less and less often, until it is published or its schedule cancelled (said once; its editor's page shows it)"
            ),
            Some(failures) => tracing::debug!(
                %lang, slug = %s.slug, failures, retry_unix,
                "again not published as scheduled: {why}"
            ),
            // Off the schedule already: moved meanwhile, or the publish
            // failed after saving its revision (which takes it off).
            None => tracing::error!(%lang, slug = %s.slug, "publishing as scheduled failed: {why}"),
        }
        Ok(())
    }

    /// Takes a claimed article off the schedule.
    async fn finish_scheduled(&self, s: &Scheduled) -> Result<(), Error> {
        self.answered(
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
/// lasts the runner asks again every 5 s.
///
/// A round runs in a task of its own, waited for at most the store's
/// [`answer_within`](askaf_store::Store::answer_within) (20 s on a host
/// that connects quickly):
/// a publish caught by a hang halfway (its revision saved, the site not yet
/// swapped) is not dropped, which would leave the index updated and the
/// site not, but finishes when the database answers. Until it has, the
/// runner starts no other round and waits for that one again.
pub async fn run_schedule(served: Arc<Served>) {
    let failing = Throttle::new(Duration::from_secs(60));
    let failed = |e: &dyn std::fmt::Display| {
        if failing.failed() {
            tracing::error!("scheduled publishing: {e} (said again once a minute while it fails)");
        } else {
            // Each try, for whoever follows the tries.
            tracing::debug!("scheduled publishing failed again: {e}");
        }
    };
    let mut unfinished = None;
    loop {
        let mut round = unfinished.take().unwrap_or_else(|| {
            let served = served.clone();
            tokio::spawn(async move { served.publish_due().await })
        });
        let within = served.store.answer_within();
        let published = match tokio::time::timeout(within, &mut round).await {
            Ok(Ok(published)) => published,
            Ok(Err(panicked)) => Err(Error::Task(panicked.to_string())),
            Err(_) => {
                unfinished = Some(round);
                Err(Error::Unanswered {
                    what: "publishing the due articles",
                    after: within,
                })
            }
        };
        if let Err(e) = &published {
            failed(e);
        }
        let next = served
            .answered(
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
                        // When it can be claimed: due, or its lease (or the
                        // wait after a failure) over. At least a second, so
                        // that a clock behind the database's never spins.
                        let secs = (due - now_unix()).clamp(0, IDLE.as_secs() as i64);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_publish_that_keeps_failing_is_tried_half_as_often_each_time_down_to_once_an_hour() {
        let minutes = |n| retry_after(n).as_secs() / 60;
        let waits: Vec<u64> = (1..=9).map(minutes).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(minutes(i64::MAX), 60);
        assert_eq!(minutes(0), 1, "a count that cannot be is the first");
    }
}

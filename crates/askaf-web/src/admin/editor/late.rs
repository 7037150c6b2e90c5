//! An editor's save the server stopped waiting for.
//!
//! A save waits its turn behind the change being applied (one at a time,
//! see `askaf_site::Served`), and is checked for problems and conflicts
//! only then. Past [`crate::WebConfig::change_wait`] the editor is
//! answered 202, "still being applied", while the save goes on to its end;
//! if it then ends refused (its problems, a revision saved meanwhile) it is
//! in no table, and what was typed into it would be lost with the 202 page.
//! So the store keeps it (`late_saves`): the form as typed, and how the
//! save ended. Its page, `/admin/saves/ID`, which the 202 page links to,
//! shows that outcome with the form as it was sent (the problems as the
//! check finds them now, a conflict's diff); the article's editor page
//! links to it while the save is being applied or ended refused.
//!
//! What the button does after the save (schedule it, ask for review,
//! unpublish the reserved slug it moved off) is part of the change
//! (`askaf_site::Then`), so it is done when a late save ends too; the
//! page then says it was, or that it was not, and why. A save whose node
//! stopped while applying it reads as lost (see `askaf_store`'s `late`):
//! its outcome is unknown, and the page says so with the form as sent.

use askaf_content::{ArticleFields, Lang};
use askaf_site::{EditOutcome, EditRequest, Then};
use askaf_store::{LateOutcome, LateSave, NewLateSave};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::{context, Value};

use super::super::reasons::{english_html, Message};
use super::super::{see_other, Ctx, Current, NotYet};
use super::{editor_view, parse_lang, Extras};
use crate::clock;
use crate::error::AppError;

/// A save the server stopped waiting for: what the editor is told, and
/// its record (`None` when the store could not keep it, which is logged).
pub(super) struct Late {
    pub(super) said: NotYet,
    pub(super) id: Option<i64>,
    /// The revision saved, when the save ended saved and not applied on
    /// this node within the wait: the form sent again stands on it, at
    /// the article's address (a new article exists now).
    pub(super) saved: Option<i64>,
}

/// A save that did not end as asked for within the wait.
pub(super) enum NotDone {
    /// Still being applied, or saved and not applied on this node.
    Late(Late),
    /// Saved as revision `id`, and the step after it ([`Then`]) not done,
    /// for `reason` ([`askaf_site::Error::StepNotDone`]): said as a late
    /// save's page says it ([`step_not_done`]).
    Step { id: i64, reason: String },
}

/// Applies `request`, made from `fields` by `me`, waiting at most
/// [`crate::WebConfig::change_wait`]: its outcome, or, past that, the record that will say
/// how it ends ([`Late`]). Saved and not applied on this node, it is a
/// [`Late`] without a record, said at once as the 202 says it; saved
/// without its step, [`NotDone::Step`].
pub(super) async fn save(
    cx: &Ctx,
    me: &Current,
    request: EditRequest,
    fields: &ArticleFields,
) -> Result<Result<EditOutcome, NotDone>, AppError> {
    let served = cx.app.served().clone();
    let record = (
        request.lang,
        request.slug.clone(),
        request.action,
        request.new,
        request.base,
        request.then.as_text(),
    );
    let mut saving = tokio::spawn(async move { served.apply_edit(request).await });
    let ended = match tokio::time::timeout(cx.app.config().change_wait, &mut saving).await {
        Ok(ended) => ended.map_err(|e| AppError::Internal(format!("a save's task: {e}")))?,
        Err(_) => {
            let (lang, slug, action, new, base, step) = record;
            let form = serde_json::to_string(fields)
                .map_err(|e| AppError::Internal(format!("a form as JSON: {e}")))?;
            let store = cx.app.store().clone();
            let recorded = store
                .record_late_save(&NewLateSave {
                    lang,
                    slug: &slug,
                    author: &me.user.username,
                    action,
                    new,
                    form: &form,
                    base,
                    step: step.as_deref(),
                })
                .await;
            let id = match recorded {
                Ok(id) => {
                    tokio::spawn(ends(store, id, saving));
                    Some(id)
                }
                Err(e) => {
                    tracing::error!(%lang, slug, error = %e, "could not record a save still being applied");
                    None
                }
            };
            let key = match id {
                Some(_) => "admin-error-still-applying-late",
                None => "admin-error-still-applying",
            };
            return Ok(Err(NotDone::Late(Late {
                said: NotYet::said(cx, key),
                id,
                saved: None,
            })));
        }
    };
    if let Err(askaf_site::Error::StepNotDone { id, source, .. }) = ended {
        let reason = source.to_string();
        return Ok(Err(NotDone::Step { id, reason }));
    }
    let saved = match &ended {
        Err(askaf_site::Error::SavedNotApplied { id, .. }) => Some(*id),
        _ => None,
    };
    Ok(
        super::super::done_or_not_applied(cx, ended)?.map_err(|said| {
            NotDone::Late(Late {
                said,
                id: None,
                saved,
            })
        }),
    )
}

/// Waits for the save `saving` to end, and records how (late save `id`).
async fn ends(
    store: askaf_store::Store,
    id: i64,
    saving: tokio::task::JoinHandle<Result<EditOutcome, askaf_site::Error>>,
) {
    let (outcome, revision, reason) = match saving.await {
        Ok(Ok(EditOutcome::Saved { id, .. })) => (LateOutcome::Saved, Some(id), None),
        Ok(Ok(EditOutcome::Invalid(problems))) => {
            let said: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            (LateOutcome::Invalid, None, Some(said.join("; ")))
        }
        Ok(Ok(EditOutcome::Conflict(head))) => (LateOutcome::Conflict, Some(head.id), None),
        Ok(Err(askaf_site::Error::SavedNotApplied { id, source })) => {
            (LateOutcome::NotApplied, Some(id), Some(source.to_string()))
        }
        Ok(Err(askaf_site::Error::StepNotDone { id, source, .. })) => {
            (LateOutcome::StepNotDone, Some(id), Some(source.to_string()))
        }
        Ok(Err(e)) => (LateOutcome::Failed, None, Some(e.to_string())),
        Err(e) => (
            LateOutcome::Failed,
            None,
            Some(format!("a save's task: {e}")),
        ),
    };
    tracing::info!(
        late_save = id,
        outcome = outcome.as_str(),
        "a save the server stopped waiting for ended"
    );
    if let Err(e) = store
        .end_late_save(id, outcome, revision, reason.as_deref())
        .await
    {
        tracing::error!(late_save = id, error = %e, "could not record how a save ended");
    }
}

/// The link to late save `id`'s page as the editor's page shows it, after
/// `said` (none when empty); a warning (`warn`) when the save ended
/// otherwise than sent, which asks something of the editor, where a save
/// still being applied is news.
pub(super) fn link(cx: &Ctx, id: i64, said: &str, warn: bool) -> Value {
    context! {
        url => format!("/admin/saves/{id}"),
        label => cx.t("admin-late-check"),
        said,
        warn,
    }
}

/// Where a late save's own page leads on, in place of the link to itself
/// that [`link`] would be there: the article's page in the editor, which
/// holds it as saved now (its history, its schedule, the public page).
fn onward(cx: &Ctx, lang: Lang, slug: &str) -> Value {
    context! {
        url => format!("/admin/articles/{lang}/{slug}/edit"),
        label => cx.t("admin-late-open-article"),
        said => "",
        warn => false,
    }
}

/// `GET /admin/saves/{id}`: how a late save ended, for its author, with
/// the form as it was sent (see the module's doc).
pub(super) async fn page(cx: Ctx, Path(id): Path<String>) -> Result<Response, AppError> {
    let me = cx
        .require(Some(askaf_auth::Permission::WriteArticles))
        .await?;
    let late = match id.parse::<i64>() {
        Ok(id) => cx.app.store().late_save(id).await?,
        Err(_) => None,
    };
    // Another's save is theirs to see: its text is what they typed.
    let Some(late) = late.filter(|l| l.author == me.user.username) else {
        return Err(cx.not_found());
    };
    let lang = parse_lang(&cx, &late.lang)?;
    let slug = late.slug.as_str();
    let fields: ArticleFields = serde_json::from_str(&late.form)
        .map_err(|e| AppError::Internal(format!("late save {}: its form: {e}", late.id)))?;
    // Seen ended, it goes once its author saves the article again.
    if late.outcome.is_some() && late.seen_at.is_none() {
        cx.app.store().seen_late_save(late.id).await?;
    }
    let then = Then::parse(late.step.as_deref());
    if late.outcome == Some(LateOutcome::Saved) {
        let notice = match (&then, late.action.as_str()) {
            (Then::Schedule { .. }, _) => "scheduled",
            // A late save saved its text: a draft, the schedule cancelled.
            (Then::Unschedule, _) => "unscheduled-saved",
            (Then::RequestReview, _) => "review",
            (Then::UnpublishOld { .. }, _) => "moved",
            (Then::Nothing, "publish") => "published",
            (Then::Nothing, "unpublish") => "unpublished",
            (Then::Nothing, _) => "draft-saved",
        };
        return Ok(see_other(&format!(
            "/admin/articles/{lang}/{slug}/edit?notice={notice}"
        )));
    }
    let current = super::current_fields(&cx, lang, slug).await?;
    let published = current.as_ref().is_some_and(|(_, _, published)| *published);
    let when = || clock::stamp(cx.lang, &late.started_at);
    let sent = |key: &'static str| Message::new(key).arg("when", when().into()).html(cx.lang);
    let written = fields.write();
    // The article as it stands now, once it exists (a new one refused has
    // no page yet: this one is where it is). A new one saved (not applied,
    // its step not done) exists: the form is sent to its editor address,
    // not checked again as a new article on a slug now its own.
    let article = current.is_some().then_some((lang, slug));
    let mut x = Extras {
        base: late.base_id,
        published,
        late: article.map(|(lang, slug)| onward(&cx, lang, slug)),
        ..Extras::around(&cx, article, &fields).await?
    };
    let (status, said) = match late.outcome {
        None => {
            // Its revision saved already (the save is applying it): the
            // form stands on it, so that sent again once the save has
            // ended it is not a conflict with it (a new article's form
            // has no base of its own).
            if let Some(id) = own_revision(&cx, &late, &written.source).await? {
                x.base = Some(id);
            }
            (StatusCode::ACCEPTED, sent("admin-late-pending"))
        }
        Some(LateOutcome::Invalid) => {
            let problems = cx
                .app
                .served()
                .check_edit(lang, slug, late.new, &written.source)
                .await
                .map_err(AppError::from)?;
            let key = match problems.is_empty() {
                true => "admin-late-invalid-now-fine",
                false => "admin-late-invalid",
            };
            x.problems = problems;
            x.written = Some(written);
            (StatusCode::UNPROCESSABLE_ENTITY, sent(key))
        }
        Some(LateOutcome::Conflict) => {
            let head = match late.revision_id {
                Some(id) => cx.app.store().edit(id).await?,
                None => None,
            };
            if let Some(head) = head {
                x.base = Some(head.id);
                x.conflict = Some(super::conflict_of(&cx, &head, &written.source));
            }
            (StatusCode::CONFLICT, sent("admin-late-conflict"))
        }
        Some(LateOutcome::NotApplied) => {
            x.base = late.revision_id;
            let reason = late.reason.clone().unwrap_or_default();
            (StatusCode::ACCEPTED, NotYet::not_applied(&cx, &reason).html)
        }
        Some(LateOutcome::StepNotDone) => {
            let reason = late.reason.clone().unwrap_or_default();
            step_not_done(&cx, &mut x, &then, late.revision_id, &reason, Some(when()))
        }
        Some(LateOutcome::Lost) => (StatusCode::OK, sent("admin-late-lost")),
        Some(LateOutcome::Failed) | Some(LateOutcome::Saved) => {
            let reason = late.reason.clone().unwrap_or_default();
            let said = Message::new("admin-late-failed")
                .arg("when", when().into())
                .markup("reason", english_html(&reason), &reason)
                .html(cx.lang);
            (StatusCode::INTERNAL_SERVER_ERROR, said)
        }
    };
    let view = editor_view(&cx, Some(&me), article, &fields, x).error_html(said);
    cx.render(status, Some(&me), view)
}

/// The revision late save `late` (still being applied) has saved, if it
/// has: the article's head, by its author, of its action and its text
/// (`source`), and not the revision its form stood on.
async fn own_revision(cx: &Ctx, late: &LateSave, source: &str) -> Result<Option<i64>, AppError> {
    let lang = parse_lang(cx, &late.lang)?;
    let state = cx.app.store().editor_state(lang, &late.slug).await?;
    Ok(state.map(|s| s.head).and_then(|head| {
        (head.author.as_deref() == Some(late.author.as_str())
            && head.action == late.action
            && head.source == source
            && Some(head.id) != late.base_id)
            .then_some(head.id)
    }))
}

/// What the editor is told of a save whose step after it (`then`) was not
/// done for `reason`, its revision `id` saved; `when` it was sent, on a
/// late save's page. The form stands on the revision saved, its button's
/// step one click away: pressed again, the same text is the same save, and
/// the step is done. A schedule whose time has passed (the save waited its
/// turn past it, [`askaf_site::Error::SchedulePassed`], or it has passed
/// since) is said so, its time marked, to choose another or publish now.
pub(super) fn step_not_done(
    cx: &Ctx,
    x: &mut Extras,
    then: &Then,
    id: Option<i64>,
    reason: &str,
    when: Option<String>,
) -> (StatusCode, String) {
    x.base = id;
    let message = |late: &'static str, now: &'static str| match &when {
        Some(when) => Message::new(late).arg("when", when.clone().into()),
        None => Message::new(now),
    };
    if let Then::Schedule { due_unix } = then {
        let at = clock::kabul_time(*due_unix);
        x.publish_date = at.format("%Y-%m-%d").to_string();
        x.publish_time = at.format("%H:%M").to_string();
        if *due_unix <= chrono::Utc::now().timestamp() {
            x.schedule_error = Some(crate::markup::escape(&cx.t("admin-error-schedule-past")));
            let said = message("admin-late-schedule-passed", "admin-error-schedule-passed")
                .arg("at", clock::when(cx.lang, *due_unix).into())
                .html(cx.lang);
            return (StatusCode::UNPROCESSABLE_ENTITY, said);
        }
    }
    let said = message("admin-late-step-not-done", "admin-error-step-not-done")
        .arg("step", step_name(then).into())
        .markup("reason", english_html(reason), reason)
        .html(cx.lang);
    (StatusCode::INTERNAL_SERVER_ERROR, said)
}

/// [`Then`] as the translations' `$step` selector names it.
fn step_name(then: &Then) -> &'static str {
    match then {
        Then::Nothing => "nothing",
        Then::Schedule { .. } => "schedule",
        Then::Unschedule => "unschedule",
        Then::RequestReview => "review",
        Then::UnpublishOld { .. } => "unpublish",
    }
}

/// What the article's editor page says of `me`'s newest late save of it,
/// while it is being applied or when it ended otherwise than saved and
/// applied, until they save the article again: the link to its page.
pub(super) async fn unseen(
    cx: &Ctx,
    me: &Current,
    lang: Lang,
    slug: &str,
) -> Result<Option<Value>, AppError> {
    let store = cx.app.store();
    let Some(late) = store
        .newest_late_save(lang, slug, &me.user.username)
        .await?
    else {
        return Ok(None);
    };
    let head = store.editor_state(lang, slug).await?.map(|s| s.head);
    if !still_news(&late, head.as_ref(), &me.user.username) {
        return Ok(None);
    }
    let state = match late.outcome {
        None => "pending",
        Some(LateOutcome::Lost) => "lost",
        Some(LateOutcome::StepNotDone) => "step",
        Some(_) => "ended",
    };
    Ok(Some(link(
        cx,
        late.id,
        &cx.t_with(
            "admin-late-unseen",
            &[
                ("state", state.into()),
                ("when", clock::stamp(cx.lang, &late.started_at).into()),
            ],
        ),
        state != "pending",
    )))
}

/// Whether `late` is still news on its article's page, whose head
/// revision is `head`: being applied; or saved and not applied, or
/// refused for a conflict, while the head is the revision it names; or
/// refused for problems, failed or lost, while `author` has saved nothing
/// since; saved without the step after it, while the head is that
/// revision.
fn still_news(late: &LateSave, head: Option<&askaf_store::Edit>, author: &str) -> bool {
    let head_is = |id: Option<i64>| head.is_some_and(|h| Some(h.id) == id);
    match late.outcome {
        None => true,
        Some(LateOutcome::Saved) => false,
        Some(LateOutcome::NotApplied | LateOutcome::Conflict | LateOutcome::StepNotDone) => {
            head_is(late.revision_id)
        }
        Some(LateOutcome::Invalid | LateOutcome::Failed | LateOutcome::Lost) => head
            .is_none_or(|h| h.author.as_deref() != Some(author) || h.saved_at <= late.started_at),
    }
}

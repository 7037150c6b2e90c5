//! An editor's save, applied through the same pipeline as a file.
//!
//! How edits persist beside a content directory: the store is the record.
//! An editor's save is a revision in the store (`article_edits`), and the
//! article's row in `editor_articles` names the revision the site serves.
//! An article born in the editor is known by the path `editor:LANG/SLUG.md`,
//! which no content file has. An article that came from a content file keeps
//! its file's path; the editor's version replaces the file's in the site, and
//! the store remembers the file's revision at that moment. Then:
//!
//! - while serving, a later change to the file is the newest change and
//!   wins: it is applied as any file change, and recorded in the article's
//!   history as a revision with no author (action `file`), so an editor's
//!   form opened before it gets the conflict page rather than overwriting it;
//! - at start, a file whose revision is the one remembered keeps the
//!   editor's version (or keeps the article unpublished); a file that
//!   changed while the server was stopped wins the same way, and is
//!   recorded; a deleted file takes its article off the site.
//!
//! `askaf export --markdown` (issue 12, item 10) is what writes the editor's
//! articles back as files.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use askaf_content::{
    parse_article, parse_article_with, Bodies, Changes, Lang, Problem, ProblemKind,
};
use askaf_store::{Edit, EditAction, NewEdit};

use crate::{body_of, Doing, Error, Served};

const PREFIX: &str = "editor:";

/// The path the site knows an article born in the editor by.
pub fn editor_path(lang: Lang, slug: &str) -> PathBuf {
    PathBuf::from(format!("{PREFIX}{lang}/{slug}.md"))
}

/// Whether `path` is an article born in the editor (no file).
pub fn is_editor_path(path: &Path) -> bool {
    path.to_string_lossy().starts_with(PREFIX)
}

/// A save from the editor's form.
#[derive(Debug, Clone)]
pub struct EditRequest {
    pub lang: Lang,
    pub slug: String,
    /// A new article: its slug must be free.
    pub new: bool,
    /// The whole article as a file (see `askaf_content::ArticleFields::write`).
    /// Ignored for [`EditAction::Unpublish`], which keeps the head's text.
    pub source: String,
    pub author: String,
    /// The revision the form was made from.
    pub base: Option<i64>,
    pub action: EditAction,
    /// What is done once the revision is saved, as part of the same change.
    pub then: Then,
}

/// What a save does once its revision is saved: the second half of the
/// editor's Schedule, Cancel the schedule, Submit for review, or a move off
/// a reserved slug. It is part of the change ([`Served::apply_edit`]), not
/// of whoever waits for it, so that a save still running when its editor
/// was answered "still being applied" does it too when it ends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Then {
    #[default]
    Nothing,
    /// Published at `due_unix` by the save's author (see [`Served::schedule`]).
    Schedule { due_unix: i64 },
    /// Taken off the schedule.
    Unschedule,
    /// Named on the dashboard for an editor to publish.
    RequestReview,
    /// The article is saved at a new slug, moved off `slug` (one the site
    /// keeps for itself, in the same language), which is unpublished;
    /// `base` is the revision there the form was made from. Refused when
    /// someone saved it meanwhile: the dashboard still names it, to
    /// unpublish by hand.
    UnpublishOld { slug: String, base: Option<i64> },
}

impl Then {
    /// As text, for a record of the save ([`Then::parse`] reads it back):
    /// `None` for [`Then::Nothing`].
    pub fn as_text(&self) -> Option<String> {
        match self {
            Then::Nothing => None,
            Then::Schedule { due_unix } => Some(format!("schedule:{due_unix}")),
            Then::Unschedule => Some("unschedule".into()),
            Then::RequestReview => Some("review".into()),
            Then::UnpublishOld { slug, base } => Some(format!(
                "unpublish:{}:{slug}",
                base.map(|b| b.to_string()).unwrap_or_default()
            )),
        }
    }

    /// [`Then::as_text`] read back; what it does not know is nothing.
    pub fn parse(text: Option<&str>) -> Then {
        let Some(text) = text else {
            return Then::Nothing;
        };
        match text.split_once(':') {
            Some(("schedule", due)) => due
                .parse()
                .map_or(Then::Nothing, |due_unix| Then::Schedule { due_unix }),
            Some(("unpublish", rest)) => match rest.split_once(':') {
                Some((base, slug)) => Then::UnpublishOld {
                    slug: slug.to_string(),
                    base: base.parse().ok(),
                },
                None => Then::Nothing,
            },
            _ => match text {
                "unschedule" => Then::Unschedule,
                "review" => Then::RequestReview,
                _ => Then::Nothing,
            },
        }
    }

    /// What it does, as the log and [`Error::StepNotDone`] say it.
    pub fn what(&self) -> &'static str {
        match self {
            Then::Nothing => "nothing",
            Then::Schedule { .. } => "scheduling the article",
            Then::Unschedule => "taking the article off the schedule",
            Then::RequestReview => "asking for the article's review",
            Then::UnpublishOld { .. } => "unpublishing the article at its old slug",
        }
    }
}

/// What a save came to.
#[derive(Debug)]
pub enum EditOutcome {
    /// Recorded as revision `id`; `changes` is what the site now serves differently.
    Saved { id: i64, changes: Changes },
    /// Refused: the problems `askaf check` would report, by line of `source`.
    Invalid(Vec<Problem>),
    /// Refused: someone saved since the form was made; this is their revision.
    Conflict(Edit),
}

impl Served {
    /// Validates a form's file as `askaf check` would, alone and against
    /// the rest of the site (a slug taken, a translation to nowhere).
    pub async fn check_edit(
        &self,
        lang: Lang,
        slug: &str,
        new: bool,
        source: &str,
    ) -> Result<Vec<Problem>, Error> {
        let path = self.path_for(lang, slug).await?;
        let live = self.current();
        let mut problems = Vec::new();
        if new {
            if let Some(taken) = self.taken(lang, slug).await? {
                problems.push(Problem::new(
                    &path,
                    1,
                    ProblemKind::DuplicateSlug {
                        slug: slug.to_string(),
                        lang,
                        other: taken,
                    },
                ));
            }
        }
        // An image at an upload's address the store does not keep is one
        // of them, as it is for a file the watch reads.
        let uploads = crate::uploads_kept_for(&self.store, [source]).await?;
        let files = vec![(path.clone(), Some(source.to_string()))];
        let (_, changes) =
            tokio::task::spawn_blocking(move || live.site.apply_with(files, &uploads))
                .await
                .map_err(|e| Error::Task(e.to_string()))?;
        problems.extend(changes.problems.into_iter().filter(|p| p.file == path));
        if !new && problems.is_empty() {
            if let Ok((a, _)) = parse_article(&path, source) {
                if a.lang() != lang || a.slug().as_str() != slug {
                    problems.push(Problem::new(
                        &path,
                        1,
                        ProblemKind::AddressChanged {
                            lang,
                            slug: slug.to_string(),
                        },
                    ));
                }
            }
        }
        Ok(problems)
    }

    /// Where an article that exists (served, a draft of the site, or in
    /// the editor) lives, if it does.
    async fn taken(&self, lang: Lang, slug: &str) -> Result<Option<PathBuf>, Error> {
        if let Some(s) = (self.store.editor_state(lang, slug).await)
            .doing("reading the article's newest revision")?
        {
            return Ok(Some(PathBuf::from(s.path)));
        }
        let live = self.current();
        if let Some(a) = live.site.get(lang, slug) {
            return Ok(Some(a.file.clone()));
        }
        let draft = live.site.draft(lang, slug).map(|a| a.file.clone());
        Ok(draft)
    }

    /// The path the site knows the article by: the editor's record, its
    /// file, or a new editor path.
    async fn path_for(&self, lang: Lang, slug: &str) -> Result<PathBuf, Error> {
        Ok(self
            .taken(lang, slug)
            .await?
            .unwrap_or_else(|| editor_path(lang, slug)))
    }

    /// Saves an edit: validated, checked against the revision it was made
    /// from, recorded with its author and time, and, when it publishes or
    /// unpublishes, applied to the site as a file change is (the index, the
    /// pages, the feeds, the sitemap and the API follow at once); then,
    /// saved, what it asked for after that ([`EditRequest::then`]). Once
    /// begun, it ends whole even if whoever asked stops waiting
    /// (`Served::to_the_end`). A step after the save that fails is
    /// [`Error::StepNotDone`], the revision saved.
    pub async fn apply_edit(&self, edit: EditRequest) -> Result<EditOutcome, Error> {
        self.to_the_end(|served| async move {
            let then = edit.then.clone();
            let (lang, slug, author) = (edit.lang, edit.slug.clone(), edit.author.clone());
            let outcome = served.apply_edit_now(edit).await?;
            if let EditOutcome::Saved { id, .. } = &outcome {
                let done = async {
                    #[cfg(feature = "test-hooks")]
                    crate::step_fails_for_tests(&then).await?;
                    match &then {
                        Then::Nothing => Ok(()),
                        // Its time passed while the save waited its turn:
                        // set, it would be published at the scheduler's
                        // next round, at once and unsaid.
                        Then::Schedule { due_unix } if *due_unix <= crate::schedule::now_unix() => {
                            Err(Error::SchedulePassed {
                                due_unix: *due_unix,
                            })
                        }
                        Then::Schedule { due_unix } => {
                            (served.schedule(lang, &slug, *due_unix, &author, Some(*id))).await
                        }
                        Then::Unschedule => (served.store.unschedule(lang, &slug, Some(*id)).await)
                            .map(|_| ())
                            .doing("taking the article off the schedule"),
                        Then::RequestReview => (served.store.request_review(lang, &slug, &author))
                            .await
                            .doing("asking for the article's review"),
                        Then::UnpublishOld { slug: old, base } => {
                            served.unpublish_moved(lang, old, &author, *base).await
                        }
                    }
                }
                .await;
                if let Err(e) = done {
                    // A time that passed is the editor's to choose again,
                    // not the server failing.
                    let passed = matches!(e, Error::SchedulePassed { .. });
                    let e = Error::StepNotDone {
                        id: *id,
                        step: then.what(),
                        source: Box::new(e),
                    };
                    if passed {
                        tracing::warn!(%lang, slug, author, "{e}");
                    } else {
                        tracing::error!(%lang, slug, author, "{e}");
                    }
                    return Err(e);
                }
            }
            Ok(outcome)
        })
        .await
    }

    /// Unpublishes `old`, the slug an article saved by `author` moved off
    /// ([`Then::UnpublishOld`]), whose head was `base`.
    async fn unpublish_moved(
        &self,
        lang: Lang,
        old: &str,
        author: &str,
        base: Option<i64>,
    ) -> Result<(), Error> {
        let off = EditRequest {
            lang,
            slug: old.to_string(),
            new: false,
            source: String::new(),
            author: author.to_string(),
            base,
            action: EditAction::Unpublish,
            then: Then::Nothing,
        };
        // Refused only when someone saved it meanwhile: the dashboard
        // still names it, to be unpublished by hand.
        if let EditOutcome::Conflict(_) = self.apply_edit_now(off).await? {
            tracing::warn!(%lang, slug = old, "an article moved off a reserved slug was saved there meanwhile: left as it is");
        }
        Ok(())
    }

    /// [`Served::apply_edit`], in the task that runs it to its end
    /// ([`Served::to_the_end`]).
    async fn apply_edit_now(&self, edit: EditRequest) -> Result<EditOutcome, Error> {
        // Checked under the lock, so that the site it is checked against is
        // the one the change applies to.
        let _one_at_a_time = self.applying.lock().await;
        let (lang, slug) = (edit.lang, edit.slug.as_str());
        let state = (self.store.editor_state(lang, slug).await)
            .doing("reading the article's newest revision")?;
        // The same save sent twice (a double click, a form sent again
        // after a slow answer): the first made it, and the second is that
        // one, not a conflict with it nor a new article on a taken slug.
        // So is the same text sent from the form that stands on the
        // revision saved and not applied here (the page that said so):
        // not a second revision, the first applied.
        if let Some(head) = state.as_ref().map(|s| &s.head) {
            let again = head.source == edit.source
                && head.action == edit.action.as_str()
                && head.author.as_deref() == Some(edit.author.as_str())
                && (edit.new || edit.base != Some(head.id) || self.unapplied_here(lang, slug));
            if again {
                // Saved, and then not applied here: sent again, it is
                // tried again now, and said again if it fails again.
                let changes = match self.unapplied_here(lang, slug) {
                    true => self.apply_stored_locked(lang, slug).await.map_err(|e| {
                        let e = Error::SavedNotApplied {
                            id: head.id,
                            source: Box::new(e),
                        };
                        tracing::error!(%lang, slug, author = %edit.author, action = edit.action.as_str(), "sent again: {e}");
                        e
                    })?,
                    false => Changes::default(),
                };
                return Ok(EditOutcome::Saved {
                    id: head.id,
                    changes,
                });
            }
        }
        // A restore of another article's revision is refused for that,
        // by the store's rule, before its text is checked as this one's.
        if let EditAction::Restore { from } = edit.action {
            (self.store.check_restore(from, lang, slug).await)
                .doing("checking the revision to restore")?;
        }
        let problems = match edit.action {
            EditAction::Unpublish => Vec::new(),
            _ => {
                self.check_edit(edit.lang, &edit.slug, edit.new, &edit.source)
                    .await?
            }
        };
        if !problems.is_empty() {
            return Ok(EditOutcome::Invalid(problems));
        }
        let old = self.current();
        let path = self.path_for(lang, slug).await?;
        // The first edit of an article from a file (served, or a draft in
        // its file): its text so far opens the history.
        let existing = match state {
            Some(_) => None,
            None => old
                .site
                .get_shared(lang, slug)
                .or_else(|| old.site.draft(lang, slug).map(|a| Arc::new(a.clone()))),
        };
        let original = match &existing {
            // As the editor opened it: a save that changes nothing is the
            // same text (`ArticleFields::for_editor`).
            Some(a) => body_of(&self.store, &Bodies::new(), a).await?.map(|b| {
                askaf_content::ArticleFields::for_editor(&a.front, &b.markdown)
                    .write()
                    .source
            }),
            None => None,
        };
        let source = match (edit.action, &state) {
            (EditAction::Unpublish, Some(s)) => s.head.source.clone(),
            (EditAction::Unpublish, None) => original.clone().unwrap_or_default(),
            _ => edit.source.clone(),
        };
        let title = parse_article(&path, &source)
            .map(|(a, _)| a.front.title)
            .unwrap_or_else(|_| slug.to_string());
        let path_text = path.to_string_lossy().to_string();
        let saved = self
            .store
            .save_edit(&NewEdit {
                lang,
                slug,
                path: &path_text,
                source: &source,
                title: &title,
                author: Some(&edit.author),
                action: edit.action,
                base: edit.base,
                file_revision: existing
                    .as_ref()
                    .filter(|a| !is_editor_path(&a.file))
                    .map(|a| a.revision.as_str()),
                original: original.as_deref(),
                original_served: existing.as_ref().is_some_and(|a| !a.front.draft),
            })
            .await;
        let saved = match saved {
            // An image it shows deleted since it was checked (through
            // another node; this one's deletions wait for the change
            // lock): refused as the check refuses it, by its line.
            Err(askaf_store::Error::UploadsGone(gone)) => {
                let problems = self.check_edit(lang, slug, edit.new, &edit.source).await?;
                if problems.is_empty() {
                    // Uploaded again meanwhile: sent again, it is saved.
                    return Err(askaf_store::Error::UploadsGone(gone)).doing("saving the revision");
                }
                return Ok(EditOutcome::Invalid(problems));
            }
            other => other.doing("saving the revision")?,
        };
        let id = match saved {
            Ok(id) => id,
            Err(conflict) => return Ok(EditOutcome::Conflict(conflict.head)),
        };
        let files = match edit.action {
            EditAction::Publish => vec![(path.clone(), Some(source))],
            EditAction::Unpublish => vec![(path.clone(), None)],
            _ => {
                return Ok(EditOutcome::Saved {
                    id,
                    changes: Changes::default(),
                })
            }
        };
        // The revision is saved, published or taken down as the store
        // sees it: what fails from here is this node's serving of it.
        let applied = async {
            // Published or taken down by hand (or by the schedule itself):
            // nothing is left to publish later, or to review.
            self.store
                .unschedule(lang, slug, None)
                .await
                .doing("taking the article off the schedule")?;
            self.store
                .clear_review(lang, slug)
                .await
                .doing("clearing the article's request for review")?;
            self.apply_locked(old, files).await
        };
        let changes = match applied.await {
            Ok(changes) => changes,
            Err(e) => {
                self.note_unapplied(lang, slug, e.to_string()).await;
                let e = Error::SavedNotApplied {
                    id,
                    source: Box::new(e),
                };
                tracing::error!(%lang, slug, author = %edit.author, action = edit.action.as_str(), "{e}");
                return Err(e);
            }
        };
        self.note_applied(lang, slug).await;
        self.clear_stale_elsewhere(lang, slug).await;
        tracing::info!(%lang, slug, author = %edit.author, action = edit.action.as_str(), revision = id, "article saved in the editor");
        Ok(EditOutcome::Saved { id, changes })
    }
}

impl Served {
    /// Serves an article as the editor left it in the store: its published
    /// revision, or nothing when it is unpublished. What a node does when
    /// another saved the article; an article the editor never touched, or
    /// one already served as stored, changes nothing.
    pub async fn apply_stored(&self, lang: Lang, slug: &str) -> Result<Changes, Error> {
        let slug = slug.to_string();
        self.to_the_end(|served| async move { served.apply_stored_now(lang, &slug).await })
            .await
    }

    /// [`Served::apply_stored`], in the task that runs it to its end.
    async fn apply_stored_now(&self, lang: Lang, slug: &str) -> Result<Changes, Error> {
        let _one_at_a_time = self.applying.lock().await;
        self.apply_stored_locked(lang, slug).await
    }

    /// [`Served::apply_stored`], holding `applying`. A failure to apply
    /// what was read is remembered ([`Served::unapplied_of`]) until it is
    /// applied.
    async fn apply_stored_locked(&self, lang: Lang, slug: &str) -> Result<Changes, Error> {
        let overlay = self
            .answered(
                "reading an article saved on another node",
                self.store.editor_overlay_of(lang, slug),
            )
            .await?;
        let Some(o) = overlay else {
            return Ok(Changes::default());
        };
        let files = vec![(PathBuf::from(o.path), o.served)];
        match self.apply_locked(self.current(), files).await {
            Ok(changes) => {
                self.note_applied(lang, slug).await;
                Ok(changes)
            }
            Err(e) => {
                self.note_unapplied(lang, slug, e.to_string()).await;
                Err(e)
            }
        }
    }
}

/// A content file written while serving: if the editor has touched its
/// article, the file's text is the newest revision (see the module's doc).
pub(crate) async fn file_changed(served: &Served, path: &Path, text: &str) -> Result<(), Error> {
    let path_text = path.to_string_lossy();
    let Some(state) = served
        .store
        .editor_article_at(&path_text)
        .await
        .doing("reading the editor's article at a changed file")?
    else {
        return Ok(());
    };
    // Nodes that share a content directory each see the file change: the
    // first to record it has, and the others find it the newest revision.
    if state.head.action == EditAction::File.as_str() && state.head.source == text {
        return Ok(());
    }
    let live = served.current();
    // Served as this text: a change refused with problems leaves the
    // previous version served (the editor's, at the same path), and is no
    // revision to record.
    let revision = askaf_content::revision_of(text);
    let Some(a) = live.site.articles().find(|a| {
        a.lang().code() == state.lang
            && a.slug().as_str() == state.slug
            && a.file == path
            && a.revision == revision
    }) else {
        return Ok(());
    };
    let Ok(lang) = state.lang.parse::<Lang>() else {
        return Ok(());
    };
    served
        .store
        .save_edit(&NewEdit {
            lang,
            slug: &state.slug,
            path: &path_text,
            source: text,
            title: &a.front.title,
            author: None,
            action: EditAction::File,
            base: Some(state.head.id),
            file_revision: Some(&a.revision),
            original: None,
            original_served: false,
        })
        .await
        .doing("recording a changed file as the newest revision")?
        .map_err(|c| Error::Task(format!("file edit refused by revision {}", c.head.id)))?;
    Ok(())
}

/// What a start makes of the editor's versions over the articles read
/// from files ([`overlay`]).
pub(crate) struct Overlaid {
    /// The articles to serve.
    pub articles: Vec<Arc<askaf_content::Article>>,
    /// The paths whose article the editor changed (took one out or put one in).
    pub edited: HashSet<PathBuf>,
    /// The texts of the files that changed since the editor's last save,
    /// which are served in place of the editor's version if the site takes
    /// them: to be recorded as their articles' newest revisions by
    /// [`record_files_served`] once the load knows which it serves.
    pub changed: Vec<FileText>,
    /// For each file that changed since the editor took its article over,
    /// what the site served of it before: the editor's version, or nothing
    /// when the editor unpublished it. Served again if the file is refused
    /// (the catalogue holds the file's own earlier version, which the
    /// editor's replaced).
    pub served_before: HashMap<PathBuf, Option<Arc<askaf_content::Article>>>,
    /// The problems of the editor's versions not served (one saved at a
    /// slug since reserved), logged already, for the health check's count.
    pub not_served: Vec<askaf_content::Problem>,
    /// The images of the editor's versions served whose uploads the store
    /// no longer keeps ([`askaf_content::ProblemKind::ImageNotKept`]),
    /// logged already, for the health check's count.
    pub missing_images: Vec<askaf_content::Problem>,
}

/// At start: the editor's versions laid over the articles read from files
/// (see the module's doc and [`Overlaid`]), their images checked against
/// `uploads`. Read through `reads`, it records the editor's versions only
/// in a store ([`crate::load::Reads::store`]): a load that only reads
/// takes their text from the store's revisions, where each was recorded
/// when it was published.
pub(crate) async fn overlay(
    reads: crate::load::Reads<'_>,
    mut articles: Vec<Arc<askaf_content::Article>>,
    uploads: &askaf_content::Uploads,
) -> Result<Overlaid, Error> {
    let mut missing_images = Vec::new();
    let mut edited = HashSet::new();
    let mut not_served = Vec::new();
    let mut changed = Vec::new();
    let mut served_before = HashMap::new();
    let record = |a: askaf_content::Article, body: askaf_content::Body| async move {
        if let Some(store) = reads.store() {
            store
                .record_articles(&[(&a, &body)])
                .await
                .doing("recording the article revisions")?;
        }
        Ok::<_, Error>(a)
    };
    for o in reads
        .editor_overlay()
        .await
        .doing("reading the articles saved in the editor")?
    {
        let path = PathBuf::from(&o.path);
        let at = articles.iter().position(|a| a.file == path);
        if !is_editor_path(&path) {
            let Some(i) = at else { continue };
            if o.file_revision.as_deref() != Some(articles[i].revision.as_str()) {
                // Its text on disk, if that is the version read: a file
                // refused with problems of its own is served at the
                // version last accepted from it (see `load`), and its
                // text on disk is no revision (as in `file_changed`).
                let text = askaf_content::read_article(&path)
                    .ok()
                    .flatten()
                    .filter(|text| askaf_content::revision_of(text) == articles[i].revision);
                if let (Some(text), Ok(lang)) = (text, o.lang.parse::<Lang>()) {
                    changed.push(FileText {
                        lang,
                        slug: o.slug.clone(),
                        path: path.clone(),
                        text,
                        article: articles[i].clone(),
                    });
                }
                let before = match &o.served {
                    Some(source) => match parse_article(&path, source) {
                        Ok((a, body)) => Some(Arc::new(record(a, body).await?)),
                        Err(_) => None,
                    },
                    None => None,
                };
                served_before.insert(path, before);
                continue;
            }
        }
        if let Some(i) = at {
            articles.remove(i);
            edited.insert(path.clone());
        }
        if let Some(source) = &o.served {
            match parse_article(&path, source) {
                Ok((a, body)) => {
                    // Recorded when published; again here in case it was not.
                    let a = record(a, body).await?;
                    // An image it shows whose upload is gone (deleted on
                    // one node while another published it, a database
                    // restored without it): served all the same, as an
                    // article is never taken down for an image, and said.
                    if let Err(gone) = parse_article_with(&path, source, uploads) {
                        for p in &gone {
                            tracing::error!(
                                "{p}: the editor's version is served with that image missing"
                            );
                        }
                        missing_images.extend(gone);
                    }
                    articles.push(Arc::new(a));
                    edited.insert(path.clone());
                }
                Err(problems) => {
                    for p in &problems {
                        tracing::error!("{p}: the editor's version is not served");
                    }
                    not_served.extend(problems);
                }
            }
        }
    }
    Ok(Overlaid {
        articles,
        edited,
        changed,
        served_before,
        not_served,
        missing_images,
    })
}

/// A content file's text read at start, changed since the editor's last
/// save of its article (see [`overlay`]).
pub(crate) struct FileText {
    lang: Lang,
    slug: String,
    path: PathBuf,
    text: String,
    /// The article read from it.
    article: Arc<askaf_content::Article>,
}

/// Records each of `changed` the site serves (`site`, as the load settled
/// it) as its article's newest revision, by "content file", as the watch
/// records a file change it applies. One the site refused for a conflict
/// with the rest (a translation to nowhere, a slug another file has) is
/// not recorded: the editor's form opens on the newest revision, which
/// must be the text the site serves, not one it refused (until 7 December
/// it was recorded all the same, and the form showed the refused text
/// while the site served the editor's; at the next start, taken for the
/// editor's own version, it was served despite its problems).
pub(crate) async fn record_files_served(
    store: &askaf_store::Store,
    site: &askaf_content::Site,
    changed: Vec<FileText>,
) -> Result<(), Error> {
    for f in changed {
        let a = &f.article;
        let served = site
            .get(f.lang, &f.slug)
            .is_some_and(|s| s.file == f.path && s.revision == a.revision);
        if !served {
            continue;
        }
        tracing::info!(file = %f.path.display(), "the file changed since the editor's last save: the file's version is served");
        let state = (store.editor_state(f.lang, &f.slug).await)
            .doing("reading the article's newest revision")?;
        let path = f.path.to_string_lossy();
        store
            .save_edit(&NewEdit {
                lang: f.lang,
                slug: &f.slug,
                path: &path,
                source: &f.text,
                title: &a.front.title,
                author: None,
                action: EditAction::File,
                base: state.map(|s| s.head.id),
                file_revision: Some(&a.revision),
                original: None,
                original_served: false,
            })
            .await
            .doing("recording a served file as the newest revision")?
            .ok();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{article, open_served};
    use crate::{load, Content};

    async fn serve(dir: &Path) -> Arc<Served> {
        open_served(&dir.join("data"), &dir.join("content")).await
    }

    fn save(
        slug: &str,
        new: bool,
        body: &str,
        base: Option<i64>,
        action: EditAction,
    ) -> EditRequest {
        EditRequest {
            lang: Lang::En,
            slug: slug.into(),
            new,
            source: article(slug, body),
            author: "ana".into(),
            base,
            action,
            then: Then::Nothing,
        }
    }

    /// What a save does next is kept as text with a late save, and read
    /// back the same; text it does not know is nothing.
    #[test]
    fn a_step_after_the_save_reads_back_as_written() {
        for then in [
            Then::Nothing,
            Then::Schedule {
                due_unix: 1_800_000_000,
            },
            Then::Unschedule,
            Then::RequestReview,
            Then::UnpublishOld {
                slug: "search".into(),
                base: Some(7),
            },
            Then::UnpublishOld {
                slug: "api".into(),
                base: None,
            },
        ] {
            assert_eq!(Then::parse(then.as_text().as_deref()), then);
        }
        for odd in ["", "schedule:soon", "unpublish", "publish"] {
            assert_eq!(Then::parse(Some(odd)), Then::Nothing, "{odd}");
        }
    }

    fn saved(o: EditOutcome) -> i64 {
        match o {
            EditOutcome::Saved { id, .. } => id,
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn editor_saves_are_served_survive_a_restart_and_yield_to_a_later_file_change() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir(&content).unwrap();
        let file = content.join("river.md");
        std::fs::write(&file, article("river", "The river text from the file.")).unwrap();
        let drafty = article("drafty", "A draft in its file.")
            .replace("lang = \"en\"\n", "lang = \"en\"\ndraft = true\n");
        std::fs::write(content.join("drafty.md"), drafty).unwrap();
        let served = serve(dir.path()).await;
        // A draft in its file, saved as a draft in the editor, stays unserved.
        saved(
            served
                .apply_edit(save(
                    "drafty",
                    false,
                    "Still a draft.",
                    None,
                    EditAction::Draft,
                ))
                .await
                .unwrap(),
        );
        assert!(served.current().get(Lang::En, "drafty").is_none());

        // A new article: a draft is not served, publishing serves it.
        let id = saved(
            served
                .apply_edit(save(
                    "fresh",
                    true,
                    "Glaciers of Wakhan.",
                    None,
                    EditAction::Draft,
                ))
                .await
                .unwrap(),
        );
        assert!(served.current().get(Lang::En, "fresh").is_none());
        let id = saved(
            served
                .apply_edit(save(
                    "fresh",
                    false,
                    "Glaciers of Wakhan.",
                    Some(id),
                    EditAction::Publish,
                ))
                .await
                .unwrap(),
        );
        assert!(served.current().get(Lang::En, "fresh").is_some());
        // Its slug is taken now.
        let again = served
            .apply_edit(save("fresh", true, "Other.", None, EditAction::Draft))
            .await
            .unwrap();
        assert!(
            matches!(again, EditOutcome::Invalid(p) if p[0].message().contains("duplicate slug"))
        );
        // A save from an old revision is a conflict.
        let stale = served
            .apply_edit(save(
                "fresh",
                false,
                "Stale.",
                Some(id - 1),
                EditAction::Publish,
            ))
            .await
            .unwrap();
        assert!(matches!(stale, EditOutcome::Conflict(_)));

        // The file's article, edited and published.
        let e = saved(
            served
                .apply_edit(save(
                    "river",
                    false,
                    "The river text from the editor.",
                    None,
                    EditAction::Publish,
                ))
                .await
                .unwrap(),
        );
        assert!(e > id);
        let history = served.store().edits(Lang::En, "river").await.unwrap();
        assert_eq!(history.len(), 2, "the file's text opens the history");
        assert_eq!(history[1].author, None);
        drop(served);

        // A restart: the editor's versions stay served.
        let served = serve(dir.path()).await;
        let live = served.current();
        let river = live.get(Lang::En, "river").unwrap();
        let body = body_of(served.store(), &Bodies::new(), river)
            .await
            .unwrap()
            .unwrap();
        assert!(body.markdown.contains("from the editor"));
        assert!(live.get(Lang::En, "fresh").is_some());
        assert!(
            live.get(Lang::En, "drafty").is_none(),
            "a draft stays a draft"
        );

        // A change to the file that is refused (a problem of its own) is
        // no revision: the editor's version stays served and the newest in
        // its history, which gains nothing.
        let changes = served
            .apply(vec![(
                file.clone(),
                Some(article("river", "Broken.").replacen("title = ", "titel = ", 1)),
            )])
            .await
            .unwrap();
        assert!(!changes.problems.is_empty());
        let history = served.store().edits(Lang::En, "river").await.unwrap();
        assert_eq!(history.len(), 2, "{history:?}");
        assert_eq!(history[0].author.as_deref(), Some("ana"));

        // The file changes while serving: the file's version wins and is recorded.
        served
            .apply(vec![(
                file.clone(),
                Some(article("river", "The file again.")),
            )])
            .await
            .unwrap();
        let head = served
            .store()
            .editor_state(Lang::En, "river")
            .await
            .unwrap()
            .unwrap()
            .head;
        assert_eq!((head.action.as_str(), head.author.clone()), ("file", None));
        assert!(head.source.contains("The file again."));
    }

    /// A save sent twice (a double click, a form sent again) is the one
    /// save: the same revision, no conflict, no "slug taken", no new entry
    /// in the history. The same text saved again on purpose, from the
    /// newest revision, is a revision as before.
    #[tokio::test]
    async fn the_same_save_sent_twice_is_one_save() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let served = serve(dir.path()).await;
        let new = || save("twice", true, "Sent twice.", None, EditAction::Publish);
        let first = saved(served.apply_edit(new()).await.unwrap());
        assert_eq!(saved(served.apply_edit(new()).await.unwrap()), first);
        let edit = || save("twice", false, "Edited.", Some(first), EditAction::Publish);
        let second = saved(served.apply_edit(edit()).await.unwrap());
        assert!(second > first);
        assert_eq!(saved(served.apply_edit(edit()).await.unwrap()), second);
        let history = served.store().edits(Lang::En, "twice").await.unwrap();
        assert_eq!(history.len(), 2);
        // Another text from the old revision is still a conflict.
        let other = save("twice", false, "Other.", Some(first), EditAction::Publish);
        assert!(matches!(
            served.apply_edit(other).await.unwrap(),
            EditOutcome::Conflict(_)
        ));
        // The same text again from the newest revision: a revision.
        let again = save("twice", false, "Edited.", Some(second), EditAction::Publish);
        assert!(saved(served.apply_edit(again).await.unwrap()) > second);
    }

    /// The file's article `river`, published from the editor.
    async fn take_over_river(served: &Served) -> i64 {
        let edit = save(
            "river",
            false,
            "From the editor.",
            None,
            EditAction::Publish,
        );
        saved(served.apply_edit(edit).await.unwrap())
    }

    /// An editor's publish or unpublish of an article born as a content
    /// file changes no file: the file's row in the catalogue stays what the
    /// file holds, and a restart neither reads the file again nor serves
    /// it over the editor's word. Until 7 December a publish rewrote the
    /// row as the editor's version marked to be read again, and an
    /// unpublish dropped it, so the next start read the file as new.
    #[tokio::test]
    async fn an_editor_publish_or_unpublish_leaves_the_file_catalogued_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir(&content).unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        for slug in ["river", "lake"] {
            let file = content.join(format!("{slug}.md"));
            std::fs::write(&file, article(slug, "From a file.")).unwrap();
            let f = std::fs::File::options().append(true).open(&file).unwrap();
            f.set_modified(old).unwrap();
        }
        let served = serve(dir.path()).await;
        let store = served.store().clone();
        let before = store.catalogue().await.unwrap();
        assert_eq!(before.len(), 2);
        assert!(before.iter().all(|e| e.mtime_ns >= 0), "{before:?}");
        take_over_river(&served).await;
        let unpublish = save("lake", false, "", None, EditAction::Unpublish);
        saved(served.apply_edit(unpublish).await.unwrap());
        assert!(served.current().get(Lang::En, "lake").is_none());
        assert_eq!(store.catalogue().await.unwrap(), before);
        drop(served);

        let loaded = load(&store, Content::Dir(content)).await.unwrap();
        assert_eq!((loaded.files_read, loaded.files_reused), (0, 2));
        assert_eq!(loaded.new_revisions, 0);
        assert!(loaded.site.get(Lang::En, "lake").is_none(), "unpublished");
        let river = loaded.site.get(Lang::En, "river").unwrap();
        let body = body_of(&store, &loaded.bodies, river)
            .await
            .unwrap()
            .unwrap();
        assert!(body.markdown.contains("From the editor."));
        assert_eq!(store.catalogue().await.unwrap(), before);
        let lake = store.edits(Lang::En, "lake").await.unwrap();
        assert_eq!(lake.len(), 2, "the file's text and the unpublish: {lake:?}");
    }

    /// Two nodes that share a content directory both see a file change to
    /// an article the editor touched: it is one revision in its history.
    #[tokio::test]
    async fn a_file_change_seen_by_two_nodes_is_one_revision() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let file = dir.path().join("content/river.md");
        std::fs::write(&file, article("river", "From a file.")).unwrap();
        let a = serve(dir.path()).await;
        let b = serve(dir.path()).await;
        take_over_river(&a).await;
        let text = article("river", "The file again.");
        std::fs::write(&file, &text).unwrap();
        a.apply(vec![(file.clone(), Some(text.clone()))])
            .await
            .unwrap();
        b.apply(vec![(file, Some(text))]).await.unwrap();
        let history = a.store().edits(Lang::En, "river").await.unwrap();
        let from_file: Vec<_> = history
            .iter()
            .filter(|e| e.action == "file" && e.source.contains("The file again."))
            .collect();
        assert_eq!(from_file.len(), 1, "{history:?}");
    }

    /// At start, a file changed since the editor's last save is recorded
    /// as the article's newest revision only as the text the site serves:
    /// a file refused with problems is served at the version last accepted
    /// from it, and its text on disk, bad, is no revision. Until 6 December
    /// the start read the file and recorded that text all the same.
    #[tokio::test]
    async fn a_start_records_a_changed_file_only_as_the_text_served() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir(&content).unwrap();
        let file = content.join("river.md");
        std::fs::write(&file, article("river", "From a file.")).unwrap();
        let served = serve(dir.path()).await;
        take_over_river(&served).await;
        let store = served.store().clone();
        drop(served);
        let before = store.edits(Lang::En, "river").await.unwrap();

        // Served at revision A, the file's last accepted text; on disk,
        // another text, with a problem.
        let accepted = article("river", "The file's last accepted text.");
        let (a, _) = parse_article(&file, &accepted).unwrap();
        let a = Arc::new(a);
        let bad = article("river", "Broken.").replacen("title = ", "titel = ", 1);
        std::fs::write(&file, &bad).unwrap();
        assert_ne!(askaf_content::revision_of(&bad), a.revision);
        let Overlaid {
            articles, changed, ..
        } = overlay(
            crate::load::Reads::Store(&store),
            vec![a.clone()],
            &askaf_content::Uploads::Unknown,
        )
        .await
        .unwrap();
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].revision, a.revision, "revision A is served");
        let site = askaf_content::Site::from_articles(articles).unwrap();
        record_files_served(&store, &site, changed).await.unwrap();
        let after = store.edits(Lang::En, "river").await.unwrap();
        assert_eq!(after.len(), before.len(), "nothing recorded: {after:?}");
        assert!(after.iter().all(|e| !e.source.contains("Broken.")));

        // The file on disk is the text served: recorded, by "content file".
        std::fs::write(&file, &accepted).unwrap();
        let Overlaid {
            articles, changed, ..
        } = overlay(
            crate::load::Reads::Store(&store),
            vec![a],
            &askaf_content::Uploads::Unknown,
        )
        .await
        .unwrap();
        let site = askaf_content::Site::from_articles(articles).unwrap();
        record_files_served(&store, &site, changed).await.unwrap();
        let head = store
            .editor_state(Lang::En, "river")
            .await
            .unwrap()
            .unwrap()
            .head;
        assert_eq!((head.action.as_str(), head.author.clone()), ("file", None));
        assert_eq!(head.source, accepted);
    }

    /// An original unpublished while its translation still links to it:
    /// the change applies (the link is hidden), and a restart serves what
    /// was served, with the problem counted, rather than every article
    /// written in the editor being dropped for the one link.
    #[tokio::test]
    async fn unpublishing_an_original_with_a_translation_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join("content/river.md"),
            article("river", "From a file."),
        )
        .unwrap();
        let served = serve(dir.path()).await;
        let publish = |lang: Lang, slug: &str, body: &str, translations: &str| EditRequest {
            lang,
            source: article(slug, body)
                .replacen("lang = \"en\"", &format!("lang = \"{lang}\""), 1)
                .replacen(
                    "published =",
                    &format!("translations = {{ {translations} }}\npublished ="),
                    1,
                ),
            ..save(slug, true, body, None, EditAction::Publish)
        };
        let original = saved(
            served
                .apply_edit(publish(Lang::Fa, "orig", "The original.", ""))
                .await
                .unwrap(),
        );
        saved(
            served
                .apply_edit(publish(
                    Lang::En,
                    "copy",
                    "Its translation.",
                    "fa = \"orig\"",
                ))
                .await
                .unwrap(),
        );
        saved(
            served
                .apply_edit(publish(Lang::En, "other", "Unrelated.", ""))
                .await
                .unwrap(),
        );
        // A content file that names an article born in the editor as its
        // translation: the files alone do not hold together, the site does.
        saved(
            served
                .apply_edit(publish(Lang::Fa, "pul", "A Dari bridge.", ""))
                .await
                .unwrap(),
        );
        let bridge = dir.path().join("content/bridge.md");
        let text = article("bridge", "A bridge from a file.").replacen(
            "published =",
            "translations = { fa = \"pul\" }\npublished =",
            1,
        );
        std::fs::write(&bridge, &text).unwrap();
        let changes = served.apply(vec![(bridge, Some(text))]).await.unwrap();
        assert!(changes.problems.is_empty(), "{:?}", changes.problems);
        let unpublish = EditRequest {
            lang: Lang::Fa,
            ..save("orig", false, "", Some(original), EditAction::Unpublish)
        };
        saved(served.apply_edit(unpublish).await.unwrap());
        let live = served.current();
        assert!(live.get(Lang::Fa, "orig").is_none());
        let copy = live.get(Lang::En, "copy").expect("the translation stays");
        assert!(live.translations_of(copy).is_empty(), "its link is hidden");
        drop(live);
        let store = served.store().clone();
        drop(served);

        // The restart's load: the same site, the problem named.
        let loaded = load(&store, Content::Dir(dir.path().join("content")))
            .await
            .unwrap();
        assert!(loaded.site.get(Lang::Fa, "pul").is_some());
        for slug in ["copy", "other", "river", "bridge"] {
            assert!(
                loaded.site.get(Lang::En, slug).is_some(),
                "{slug} is served"
            );
        }
        assert!(loaded.site.get(Lang::Fa, "orig").is_none());
        assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
        assert!(loaded.problems[0]
            .to_string()
            .contains("points to /fa/orig, which is not an article"));
    }

    /// Two nodes over one store: what one publishes or unpublishes in the
    /// editor, the other serves and answers from its index once it catches
    /// up, and its listeners hear of it; a catch-up with nothing new does nothing.
    #[tokio::test]
    async fn another_node_catches_up_with_the_editor() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let a = serve(dir.path()).await;
        let b = serve(dir.path()).await;
        let heard = Arc::new(std::sync::Mutex::new(0));
        let h = heard.clone();
        b.on_change(Box::new(move |_, _, _| *h.lock().unwrap() += 1));
        let id = saved(
            a.apply_edit(save(
                "fresh",
                true,
                "Glaciers of Wakhan.",
                None,
                EditAction::Publish,
            ))
            .await
            .unwrap(),
        );
        assert!(b.current().get(Lang::En, "fresh").is_none(), "not yet");
        b.catch_up().await.unwrap();
        assert!(b.current().get(Lang::En, "fresh").is_some());
        assert_eq!(b.edits_seen(), id);
        {
            let live = b.current();
            let engine = live.engine();
            let answer = engine.answer("Wakhan glaciers", Lang::En, 5).unwrap();
            assert_eq!(
                engine.passage(answer.hits[0].passage).unwrap().article,
                "fresh"
            );
        }
        assert_eq!(*heard.lock().unwrap(), 1);
        b.catch_up().await.unwrap();
        assert_eq!(*heard.lock().unwrap(), 1, "nothing new, nothing applied");

        saved(
            a.apply_edit(save("fresh", false, "", Some(id), EditAction::Unpublish))
                .await
                .unwrap(),
        );
        b.catch_up().await.unwrap();
        assert!(b.current().get(Lang::En, "fresh").is_none(), "unpublished");
        assert_eq!(*heard.lock().unwrap(), 2);
    }
}

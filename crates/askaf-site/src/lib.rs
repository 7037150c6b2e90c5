//! The site being served, and the one place a change to it is applied.
//!
//! A change (a file written or deleted in the content directory today; an
//! editor's save or another node's notice later) goes through
//! [`Served::apply`], which does every step in one order: parse and render
//! only the changed articles ([`Site::apply`]), record their revisions in
//! the store, re-index only their passages ([`Engine::update`]), serve the
//! new version, and tell whoever caches what it shows ([`Served::on_change`]).
//! The server, the command line and the content watch ([`watch`]) only call it.
//! Once begun, a change runs to its end in a task of its own, whoever stops
//! waiting for it (a request timed out or abandoned by its browser).
//! An upload deleted ([`Served::delete_image`]) goes through it too, so that
//! no article that shows it is left without it.
//!
//! This crate knows no HTTP and no SQL: the store and the index are behind
//! their own crates.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, SystemTime};

use askaf_content::{Article, Body, Changes, Lang, Site};
use askaf_search::{passages_of, Engine, Passage, Synonyms};
use askaf_store::{CatalogueEntry, Store};

pub mod archive;
mod editor;
mod follow;
mod hang;
mod kept;
mod load;
pub mod media;
mod schedule;
mod throttle;
mod unapplied;

pub use editor::{editor_path, is_editor_path, EditOutcome, EditRequest, Then};
pub use follow::follow;
pub use load::{
    body_of, engine_read_only, load, load_read_only, load_with, open_engine, Content, FileStats,
    Loaded, OnProblems,
};
pub use media::{
    keep_image, remove_files, uploads_kept, uploads_kept_for, Deletion, Kept, ShownIn,
};
pub use schedule::run_schedule;
pub use throttle::Throttle;
pub use unapplied::{retry_unapplied, UnappliedOn};

/// What can go wrong while loading or applying a change.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Content(#[from] askaf_content::Error),
    /// A call to the store failed, doing `what` (a phrase such as
    /// "recording the article revisions", see `Doing`).
    #[error("{what} failed: {source}")]
    Store {
        what: &'static str,
        #[source]
        source: askaf_store::Error,
    },
    #[error("cannot update the search index: {0}")]
    Search(#[from] askaf_search::Error),
    /// An editor's revision saved (published or unpublished, as the
    /// store and every other node see it) that this node could not apply:
    /// it serves the previous version until it applies it, which a restart
    /// does (the load serves the editor's revisions, [`load()`]).
    #[error("revision {id} is saved; this node could not apply it: {source}; a restart will")]
    SavedNotApplied { id: i64, source: Box<Error> },
    /// An editor's revision saved (and applied, if it publishes or
    /// unpublishes) whose next step (`step`, [`Then::what`]) failed.
    #[error("revision {id} is saved; {step} failed: {source}")]
    StepNotDone {
        id: i64,
        step: &'static str,
        source: Box<Error>,
    },
    /// A schedule whose time had passed when its save ended (it waited its
    /// turn behind other changes): not set, since the scheduler would
    /// publish it at its next round, at a time no one chose.
    #[error(
        "the time it was to be published at ({due_unix}, Unix time) had passed when its save ended"
    )]
    SchedulePassed { due_unix: i64 },
    #[error("a background task failed: {0}")]
    Task(String),
    /// The database did not answer within the store's
    /// [`answer_within`](askaf_store::Store::answer_within) (20 s on a host
    /// that connects quickly): it may be hanging, taking
    /// connections but never answering (a frozen host, a connection lost
    /// without a reset).
    #[error(
        "the database did not answer within {} s ({what}); it may be hanging",
        .after.as_secs()
    )]
    Unanswered { what: &'static str, after: Duration },
}

impl Error {
    /// Whether the database could not be asked (away, busy past its bounds,
    /// or hanging): asked again later, it may answer. Any other failure is
    /// the change's own.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Error::Store { source, .. } => source.is_unavailable(),
            Error::Unanswered { .. } => true,
            Error::SavedNotApplied { source, .. } | Error::StepNotDone { source, .. } => {
                source.is_unavailable()
            }
            _ => false,
        }
    }
}

/// Says what a call to the store was doing when it failed, for
/// [`Error::Store`]: an error a handler shows or the log keeps names the
/// operation, not one fixed context for them all.
pub(crate) trait Doing<T> {
    fn doing(self, what: &'static str) -> Result<T, Error>;
}

impl<T> Doing<T> for Result<T, askaf_store::Error> {
    fn doing(self, what: &'static str) -> Result<T, Error> {
        self.map_err(|source| Error::Store { what, source })
    }
}

/// One version of the site as served: its articles, what its listings are
/// made from, and the search index, which is shared by every version and
/// updated in place.
pub struct Live {
    pub site: Site,
    listings: Listings,
    engine: Arc<RwLock<Engine>>,
}

/// What the listings of one version of the site are made from: a request
/// then asks a map, never the whole site, and a listing's dependencies are
/// those of its own language or topic, so a change elsewhere leaves it
/// valid. Made in one pass over the articles at start; a change then moves
/// only what its articles count for ([`Listings::updated`]), so an edit on
/// a site of 100,000 articles does not hash them all again (90 ms a time).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Listings {
    langs: HashMap<Lang, LangListing>,
}

/// One language's articles, as its listings see them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LangListing {
    /// Changes when an article of the language is added, changed or
    /// removed (which is also when their order may change).
    pub fingerprint: String,
    /// Published articles in the language.
    pub count: usize,
    /// Every tag used in the language, by name.
    pub tags: BTreeMap<String, TagListing>,
    /// Changes when a tag appears in or leaves the language: what a list
    /// of topic names shows.
    pub tag_names: String,
    /// The sum of its articles' shares ([`Article::share`]), which names
    /// the set whatever the order it was summed in. The set is all a listing
    /// depends on: the order it shows them in comes from their front
    /// matter, which their revisions cover.
    sum: u128,
}

/// One topic in one language.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TagListing {
    /// Articles that carry it.
    pub count: usize,
    /// Changes when one of those articles changes, or one gains or loses the tag.
    pub fingerprint: String,
    sum: u128,
}

impl LangListing {
    /// Counts `a` in (`sign` 1) or out (`sign` -1).
    fn count(&mut self, a: &Article, sign: i8) {
        let s = a.share();
        let step = |sum: &mut u128, count: &mut usize| {
            if sign > 0 {
                *sum = sum.wrapping_add(s);
                *count += 1;
            } else {
                *sum = sum.wrapping_sub(s);
                *count = count.saturating_sub(1);
            }
        };
        step(&mut self.sum, &mut self.count);
        for t in &a.front.tags {
            let tag = self.tags.entry(t.as_str().to_string()).or_default();
            step(&mut tag.sum, &mut tag.count);
        }
    }

    /// Drops topics no article carries any more and writes the fingerprints.
    fn seal(&mut self) {
        use sha2::{Digest, Sha256};
        self.tags.retain(|_, t| t.count > 0);
        let mut names = Sha256::new();
        for (tag, listing) in &mut self.tags {
            names.update(tag.as_bytes());
            names.update(b"\n");
            listing.fingerprint = format!("{:032x}", listing.sum);
        }
        self.tag_names = hex::encode(&names.finalize()[..16]);
        self.fingerprint = format!("{:032x}", self.sum);
    }
}

impl Listings {
    /// One pass over `site`.
    pub fn of(site: &Site) -> Listings {
        let mut langs: HashMap<Lang, LangListing> = HashMap::new();
        for a in site.articles() {
            langs.entry(a.lang()).or_default().count(a, 1);
        }
        for listing in langs.values_mut() {
            listing.seal();
        }
        Listings { langs }
    }

    /// The listings of `new`, made from these, which are `old`'s, by
    /// counting out the old versions of the articles `changes` names and
    /// counting in the new: the same as [`Listings::of`] `new`, in time
    /// that grows with the change, not the site.
    pub fn updated(&self, old: &Site, new: &Site, changes: &Changes) -> Listings {
        let mut langs = self.langs.clone();
        let mut touched = std::collections::BTreeSet::new();
        let keys: std::collections::BTreeSet<&(Lang, askaf_content::Slug)> =
            changes.changed.iter().chain(&changes.removed).collect();
        for (lang, slug) in keys {
            for (site, sign) in [(old, -1), (new, 1)] {
                if let Some(a) = site.get(*lang, slug.as_str()) {
                    langs.entry(a.lang()).or_default().count(a, sign);
                    touched.insert(a.lang());
                }
            }
        }
        for lang in touched {
            if langs.get(&lang).is_some_and(|l| l.count == 0) {
                langs.remove(&lang);
            } else if let Some(listing) = langs.get_mut(&lang) {
                listing.seal();
            }
        }
        Listings { langs }
    }

    /// One language's listing; empty for a language without articles.
    pub fn lang(&self, lang: Lang) -> std::borrow::Cow<'_, LangListing> {
        match self.langs.get(&lang) {
            Some(l) => std::borrow::Cow::Borrowed(l),
            None => std::borrow::Cow::Owned(LangListing::default()),
        }
    }

    /// One topic in one language, if any article there carries it.
    pub fn tag(&self, lang: Lang, tag: &str) -> Option<&TagListing> {
        self.langs.get(&lang)?.tags.get(tag)
    }
}

impl std::ops::Deref for Live {
    type Target = Site;
    fn deref(&self) -> &Site {
        &self.site
    }
}

impl Live {
    fn new(site: Site, listings: Listings, engine: Arc<RwLock<Engine>>) -> Live {
        Live {
            site,
            listings,
            engine,
        }
    }

    /// What this version's listings are made from.
    pub fn listings(&self) -> &Listings {
        &self.listings
    }

    /// The search index, for reading. Hold it while you use what a search
    /// returned (passage numbers are only meaningful under one read), and
    /// never across an `.await`.
    pub fn engine(&self) -> RwLockReadGuard<'_, Engine> {
        self.engine.read().unwrap_or_else(|p| p.into_inner())
    }
}

fn write(engine: &RwLock<Engine>) -> RwLockWriteGuard<'_, Engine> {
    engine.write().unwrap_or_else(|p| p.into_inner())
}

/// Tells a cache what changed: the version before, the one after, and the
/// articles that differ.
pub type Listener = Box<dyn Fn(&Live, &Live, &Changes) + Send + Sync>;

/// Tells a cache that what pages show of an article's comments changed on
/// another node (`None`: of the whole site's).
pub type CommentListener = Box<dyn Fn(Option<(Lang, &str)>) + Send + Sync>;

/// Called after each catch-up with the other nodes (see [`follow()`]).
pub type CatchUpListener = Box<dyn Fn() + Send + Sync>;

/// Tells a cache that an upload was deleted, here or on another node
/// ([`Served::delete_image`]): what it keeps of it (the original and the
/// smaller copies a server writes into `DATA/media`) goes.
pub type MediaListener = Box<dyn Fn(&askaf_content::media::MediaName) + Send + Sync>;

/// What the index has done since the server started, for `/healthz` and for
/// tests that count work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndexStats {
    /// Changes applied (each a batch of files).
    pub changes: u64,
    /// Articles (re-)indexed by those changes, and their passages.
    pub articles_indexed: u64,
    pub passages_indexed: u64,
    /// Articles taken out of the index (deleted or unpublished).
    pub articles_removed: u64,
    /// Problems found in changed files, whose previous version was kept,
    /// and at the start between the editor's versions and the files.
    pub problems: u64,
}

/// How many slots the vector worker reads per hold of the engine.
const FEED_SLICE: usize = 256;

/// The site being served.
pub struct Served {
    /// This value's own `Arc`, for the changes that run to their end in a
    /// task of their own ([`Served::to_the_end`]).
    this: std::sync::Weak<Served>,
    live: RwLock<Arc<Live>>,
    engine: Arc<RwLock<Engine>>,
    store: Store,
    /// One change at a time, so each starts from the version the last made.
    applying: tokio::sync::Mutex<()>,
    listeners: RwLock<Vec<Listener>>,
    comment_listeners: RwLock<Vec<CommentListener>>,
    catch_up_listeners: RwLock<Vec<CatchUpListener>>,
    media_listeners: RwLock<Vec<MediaListener>>,
    /// The uploads found kept in the store, and those found not kept a
    /// moment ago ([`Served::upload_kept`]).
    kept_uploads: kept::KeptUploads,
    /// The content files whose last change was refused with problems: the
    /// site serves their previous version (or none), but the text on disk
    /// is what they will serve once fixed ([`Served::delete_image`] looks
    /// at it). Each with its problems, for the editors' dashboard
    /// ([`Served::refused_files`]).
    refused_files: RwLock<std::collections::BTreeMap<PathBuf, Vec<askaf_content::Problem>>>,
    /// The newest editor revision applied from the store (see [`follow()`]).
    edits_seen: AtomicI64,
    /// One catch-up with the store at a time.
    catching_up: tokio::sync::Mutex<()>,
    last_notice: RwLock<Option<SystemTime>>,
    changes: AtomicU64,
    articles_indexed: AtomicU64,
    passages_indexed: AtomicU64,
    articles_removed: AtomicU64,
    problems: AtomicU64,
    /// Wakes [`run_schedule`] when an article is scheduled.
    schedule_changed: tokio::sync::Notify,
    /// The articles whose editor's revision, saved, this node failed to
    /// apply, each with the reason ([`Served::unapplied`]).
    unapplied: RwLock<BTreeMap<(Lang, String), String>>,
    /// Wakes [`retry_unapplied`] when one is added.
    unapplied_changed: tokio::sync::Notify,
}

impl Served {
    /// Serves `site`, whose passages `engine` already holds.
    pub fn new(site: Site, engine: Engine, store: Store) -> Arc<Served> {
        let engine = Arc::new(RwLock::new(engine));
        let listings = Listings::of(&site);
        Arc::new_cyclic(|this| Served {
            this: this.clone(),
            live: RwLock::new(Arc::new(Live::new(site, listings, engine.clone()))),
            engine,
            store,
            applying: tokio::sync::Mutex::new(()),
            listeners: RwLock::new(Vec::new()),
            comment_listeners: RwLock::new(Vec::new()),
            catch_up_listeners: RwLock::new(Vec::new()),
            media_listeners: RwLock::new(Vec::new()),
            kept_uploads: kept::KeptUploads::new(kept::KEPT_UPLOADS, kept::NOT_KEPT_UPLOADS),
            refused_files: RwLock::new(std::collections::BTreeMap::new()),
            edits_seen: AtomicI64::new(0),
            catching_up: tokio::sync::Mutex::new(()),
            last_notice: RwLock::new(None),
            changes: AtomicU64::new(0),
            articles_indexed: AtomicU64::new(0),
            passages_indexed: AtomicU64::new(0),
            articles_removed: AtomicU64::new(0),
            problems: AtomicU64::new(0),
            schedule_changed: tokio::sync::Notify::new(),
            unapplied: RwLock::new(BTreeMap::new()),
            unapplied_changed: tokio::sync::Notify::new(),
        })
    }

    /// Counts problems found in the content outside a change (at the load
    /// before serving), with those found since, in [`IndexStats::problems`]
    /// and so in the health check.
    pub fn count_problems(&self, n: usize) {
        self.problems.fetch_add(n as u64, Ordering::Relaxed);
    }

    /// Remembers `files` as refused, as a change refused with problems is
    /// ([`Served::apply_files`]): the load before serving refused them
    /// ([`Loaded::refused`]), for these of its `problems`. Until each
    /// changes again, an upload its text on disk shows is not deleted
    /// ([`Served::delete_image`]), and the editors' dashboard lists it.
    pub fn refuse_files(
        &self,
        files: impl IntoIterator<Item = PathBuf>,
        problems: &[askaf_content::Problem],
    ) {
        let mut refused = self
            .refused_files
            .write()
            .unwrap_or_else(|p| p.into_inner());
        for path in files {
            let its = problems
                .iter()
                .filter(|p| p.file == path)
                .cloned()
                .collect();
            refused.insert(path, its);
        }
    }

    /// The content files refused now, each with its problems, by path: the
    /// site serves each one's previous version (or, new, none) until it is
    /// fixed. Editors who work in the browser see them on the dashboard,
    /// where otherwise only the server's log and the health check's count
    /// would say that a file written by someone else is not what is served.
    pub fn refused_files(&self) -> Vec<(PathBuf, Vec<askaf_content::Problem>)> {
        self.refused_files
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .map(|(path, problems)| (path.clone(), problems.clone()))
            .collect()
    }

    /// Starts the engine's vector worker (when the engine has a model, see
    /// [`Engine::with_vectors`]): it reads the vector file, queues every
    /// passage of the site that has no vector, a slice of slots per read of
    /// the engine (an edit waits for one slice, never for the site), and
    /// encodes them in the background; the edits applied meanwhile queue
    /// their own passages. `None` without a model.
    pub fn encode_in_background(&self) -> Option<std::io::Result<std::thread::JoinHandle<()>>> {
        let vectors = self
            .engine
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .vectors()?
            .clone();
        let engine = self.engine.clone();
        Some(vectors.start(move |_| {
            let mut live = std::collections::HashSet::new();
            let mut from = 0;
            loop {
                let engine = engine.read().unwrap_or_else(|p| p.into_inner());
                match engine.want_vectors(from, FEED_SLICE, &mut live) {
                    Ok(Some(next)) => from = next,
                    Ok(None) => break,
                    Err(e) => {
                        // The passages not queued yet are ranked by their words.
                        tracing::warn!("cannot read the passages to encode: {e}");
                        break;
                    }
                }
            }
            live
        }))
    }

    /// The version now served; hold it for a whole request so that every
    /// part of a response comes from one version.
    pub fn current(&self) -> Arc<Live> {
        self.live.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Calls `listener` after every change, once the new version is served.
    pub fn on_change(&self, listener: Listener) {
        self.listeners
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .push(listener);
    }

    /// Calls `listener` when another node changed what pages show of
    /// comments (see [`follow()`]); this node's own changes drop their pages
    /// where they are made.
    pub fn on_comments(&self, listener: CommentListener) {
        self.comment_listeners
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .push(listener);
    }

    /// Calls `listener` after each catch-up with the other nodes (a notice
    /// of any kind, a reconnection, the slow timer; PostgreSQL only): for
    /// what the site keeps beside its articles and comments and reads
    /// again itself, such as the topics' names.
    pub fn on_catch_up(&self, listener: CatchUpListener) {
        self.catch_up_listeners
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .push(listener);
    }

    /// Calls `listener` when an upload is deleted, through this node
    /// ([`Served::delete_image`]) or another (its notice, or on PostgreSQL
    /// the check that finds an upload gone without one, see [`follow()`]).
    pub fn on_media_deleted(&self, listener: MediaListener) {
        self.media_listeners
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .push(listener);
    }

    /// The one place a deleted upload is heard of, from this node or
    /// another: it is no longer remembered as kept
    /// ([`Served::upload_kept`]), and the media listeners are told.
    fn media_deleted(&self, name: &askaf_content::media::MediaName) {
        self.kept_uploads.forget(&name.original().file_name());
        for listener in self
            .media_listeners
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
        {
            listener(name);
        }
    }

    pub fn stats(&self) -> IndexStats {
        IndexStats {
            changes: self.changes.load(Ordering::Relaxed),
            articles_indexed: self.articles_indexed.load(Ordering::Relaxed),
            passages_indexed: self.passages_indexed.load(Ordering::Relaxed),
            articles_removed: self.articles_removed.load(Ordering::Relaxed),
            problems: self.problems.load(Ordering::Relaxed),
        }
    }

    /// Takes the editors' synonyms anew; no article is indexed again.
    pub fn set_synonyms(&self, synonyms: &Synonyms) {
        write(&self.engine).set_synonyms(synonyms);
    }

    /// Applies files written (`Some(text)`) or deleted (`None`), by the
    /// path the articles were loaded under. See the crate's doc for the
    /// steps. Problems in a file (an image at an upload's address the store
    /// does not keep among them) are logged with its file and line, and
    /// that file's previous version stays; the rest applies.
    pub async fn apply(&self, files: Vec<(PathBuf, Option<String>)>) -> Result<Changes, Error> {
        self.apply_files(files, Vec::new()).await
    }

    /// [`Served::apply`], with the files that changed but could not be read
    /// as text at all (not UTF-8, larger than the limit), each by the
    /// problem that says so ([`askaf_content::read_article`]): refused as a
    /// file with problems is, its previous version served, its problem
    /// logged and counted, and the file remembered as refused (so that the
    /// upload it shows is not deleted, see [`Served::delete_image`]).
    pub async fn apply_files(
        &self,
        files: Vec<(PathBuf, Option<String>)>,
        unreadable: Vec<askaf_content::Problem>,
    ) -> Result<Changes, Error> {
        self.to_the_end(|served| async move { served.apply_files_now(files, unreadable).await })
            .await
    }

    /// Runs `change`, a change to the site, to its end in a task of its
    /// own, and waits for it. Whoever waits may stop waiting (a request
    /// timed out, or its browser gone, drops its handler; a command stopped)
    /// and the change still ends whole: dropped halfway, it could leave the
    /// editor's revision saved as published, or the index updated, and the
    /// site served not. Every change this crate applies goes through it:
    /// files ([`Served::apply_files`]), an editor's save
    /// ([`Served::apply_edit`]), another node's ([`Served::apply_stored`]),
    /// an upload deleted ([`Served::delete_image`]).
    async fn to_the_end<T, F, Fut>(&self, change: F) -> Result<T, Error>
    where
        F: FnOnce(Arc<Served>) -> Fut,
        Fut: std::future::Future<Output = Result<T, Error>> + Send + 'static,
        T: Send + 'static,
    {
        let Some(served) = self.this.upgrade() else {
            return Err(Error::Task("the site is no longer served".into()));
        };
        tokio::spawn(change(served))
            .await
            .map_err(|e| Error::Task(e.to_string()))?
    }

    /// [`Served::apply_files`], in the task that runs it to its end.
    async fn apply_files_now(
        &self,
        files: Vec<(PathBuf, Option<String>)>,
        unreadable: Vec<askaf_content::Problem>,
    ) -> Result<Changes, Error> {
        let _one_at_a_time = self.applying.lock().await;
        // The texts of files written, to follow in the editor's history of
        // the articles it has touched.
        let written: Vec<(PathBuf, String)> = files
            .iter()
            .filter_map(|(p, t)| Some((p.clone(), t.clone()?)))
            .collect();
        let changes = self
            .apply_refusing(self.current(), files, unreadable, Origin::Files)
            .await?;
        for (path, text) in written {
            editor::file_changed(self, &path, &text).await?;
        }
        Ok(changes)
    }

    /// Applies the editor's versions `files` (this node's save or
    /// another's, by the path the site knows each article by) to `old`,
    /// the version served, while holding `applying`: the new site made,
    /// then [`Served::finish`]. No content file changed: the catalogue and
    /// the refused files are left as they are (see [`Origin::Editor`]).
    async fn apply_locked(
        &self,
        old: Arc<Live>,
        files: Vec<(PathBuf, Option<String>)>,
    ) -> Result<Changes, Error> {
        self.apply_refusing(old, files, Vec::new(), Origin::Editor)
            .await
    }

    /// Applies `files` to `old` as [`Served::apply_locked`] does, with files
    /// refused before they could be parsed, by their problems (see
    /// [`Served::apply_files`]), the texts coming from `origin`.
    ///
    /// Content files are checked against the uploads kept before the site
    /// is made, and recorded in the catalogue after, where the uploads are
    /// checked again ([`Store::record_changed_files`]): an upload deleted
    /// between the two (through another node: this one's deletions wait
    /// for the change lock) makes the change go round again, checked
    /// against the uploads kept now, so that the file that shows it is
    /// refused for it rather than served with a broken image.
    async fn apply_refusing(
        &self,
        old: Arc<Live>,
        mut files: Vec<(PathBuf, Option<String>)>,
        mut unreadable: Vec<askaf_content::Problem>,
        origin: Origin,
    ) -> Result<Changes, Error> {
        let mut round = 1;
        loop {
            let again = (origin == Origin::Files && round < UPLOAD_ROUNDS)
                .then(|| (files.clone(), unreadable.clone()));
            let applied = self
                .apply_round(old.clone(), files, unreadable, origin)
                .await;
            let gone = match &applied {
                Err(Error::Store {
                    source: askaf_store::Error::UploadsGone(gone),
                    ..
                }) => gone,
                _ => return applied,
            };
            let Some((f, u)) = again else {
                return applied;
            };
            tracing::warn!(
                uploads = gone.join(", "),
                "an image the changed content files show was deleted (through another server) while the change was applied: checked again"
            );
            (files, unreadable) = (f, u);
            round += 1;
        }
    }

    /// One round of [`Served::apply_refusing`].
    async fn apply_round(
        &self,
        old: Arc<Live>,
        files: Vec<(PathBuf, Option<String>)>,
        unreadable: Vec<askaf_content::Problem>,
        origin: Origin,
    ) -> Result<Changes, Error> {
        // The files that went: their catalogue rows go too (a refused file
        // keeps its place). An editor's unpublish removes no file.
        let deleted: Vec<PathBuf> = files
            .iter()
            .filter(|(_, text)| text.is_none() && origin == Origin::Files)
            .map(|(path, _)| path.clone())
            .collect();
        let touched: Vec<PathBuf> = files
            .iter()
            .map(|(path, _)| path.clone())
            .chain(unreadable.iter().map(|p| p.file.clone()))
            .filter(|_| origin == Origin::Files)
            .collect();
        // Which of the uploads the texts show are kept: an image at any
        // other upload's address refuses its file, as the editor refuses it.
        let uploads =
            media::uploads_kept_for(&self.store, files.iter().filter_map(|(_, t)| t.as_deref()))
                .await?;
        let base = old.clone();
        let started = std::time::Instant::now();
        let (site, mut changes) =
            tokio::task::spawn_blocking(move || base.site.apply_with(files, &uploads))
                .await
                .map_err(|e| Error::Task(e.to_string()))?;
        let applied = started.elapsed();
        if !unreadable.is_empty() {
            changes.problems.extend(unreadable);
            changes
                .problems
                .sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
        }
        {
            let mut refused = self
                .refused_files
                .write()
                .unwrap_or_else(|p| p.into_inner());
            for path in touched.into_iter().filter(|p| !editor::is_editor_path(p)) {
                let its: Vec<askaf_content::Problem> = match deleted.contains(&path) {
                    true => Vec::new(),
                    false => (changes.problems.iter())
                        .filter(|p| p.file == path)
                        .cloned()
                        .collect(),
                };
                if its.is_empty() {
                    refused.remove(&path);
                } else {
                    refused.insert(path, its);
                }
            }
        }
        let changes = self.finish(old, site, changes, &deleted, origin).await?;
        if !changes.is_empty() {
            tracing::debug!(
                site_ms = applied.as_secs_f64() * 1e3,
                total_ms = started.elapsed().as_secs_f64() * 1e3,
                "content change applied"
            );
        }
        Ok(changes)
    }

    /// The rest of a change once the new site is made: record its
    /// revisions and catalogue, re-index, serve it, tell the listeners.
    async fn finish(
        &self,
        old: Arc<Live>,
        site: Site,
        changes: Changes,
        deleted: &[PathBuf],
        origin: Origin,
    ) -> Result<Changes, Error> {
        // How long each step took, for the log: an edit's time to be served
        // is what the large-site benchmark holds us to.
        let mut clock = std::time::Instant::now();
        let mut lap = || {
            let now = std::time::Instant::now();
            let ms = (now - clock).as_secs_f64() * 1e3;
            clock = now;
            ms
        };
        let listings = old.listings.updated(&old.site, &site, &changes);
        let listings_ms = lap();
        for p in &changes.problems {
            tracing::error!("{p}");
        }
        if !changes.problems.is_empty() {
            self.problems
                .fetch_add(changes.problems.len() as u64, Ordering::Relaxed);
            tracing::error!(
                problems = changes.problems.len(),
                "content changed with problems: the files named keep their previous version"
            );
        }
        let changed: Vec<_> = changes
            .changed
            .iter()
            .filter_map(|(l, s)| {
                Some((
                    site.get_shared(*l, s.as_str())?,
                    changes.bodies.get(&(*l, s.clone()))?,
                ))
            })
            .collect();
        #[cfg(feature = "test-hooks")]
        held_for_tests().await?;
        let articles: Vec<(&Article, &Body)> = changed.iter().map(|(a, b)| (&**a, &***b)).collect();
        // The catalogue is recorded with the revisions, so a restart does
        // not take the old revision for current: changed files are marked
        // to be read again
        // (their time is not known to match the text read). Drafts too, as
        // a start records them: the catalogue is what every node knows of
        // the uploads each file shows (see `Served::delete_image`), and a
        // draft changed, made or deleted left it stale until 7 December.
        // Articles born in the editor have no file to catalogue, and an
        // editor's version of one born as a file changes no file: its row
        // stays what the file holds, which a start lays the editor's
        // version over (until 7 December a publish rewrote the row as the
        // editor's version, to be read again, and an unpublish dropped
        // it, so the next start read the file as new).
        let entries: Vec<CatalogueEntry> = changed
            .iter()
            .map(|(a, body)| (&**a, &***body))
            .chain(changes.drafts.iter().map(|(a, body)| (&**a, &**body)))
            .filter(|(a, _)| origin == Origin::Files && !editor::is_editor_path(&a.file))
            .map(|(a, body)| CatalogueEntry {
                path: a.file.clone(),
                size: 0,
                mtime_ns: -1,
                revision: a.revision.clone(),
                front: a.front.clone(),
                uploads: Some(load::uploads_of(body)),
                followed: Some(a.followed.clone()),
            })
            .collect();
        let files = !entries.is_empty() || !deleted.is_empty();
        if !articles.is_empty() || files {
            let doing = match (articles.is_empty(), files) {
                (false, false) => "recording the article revisions",
                (true, _) => "recording the content files' catalogue",
                (false, true) => "recording the article revisions and the content files' catalogue",
            };
            // The uploads they show checked again as they are recorded,
            // the revisions with them: a file refused for an upload
            // deleted meanwhile leaves no revision, which the site never
            // served (see `Served::apply_refusing`).
            self.store
                .record_changed_files(&articles, &entries, deleted)
                .await
                .doing(doing)?;
        }
        let store_ms = lap();
        if !changes.is_empty() {
            let remove: Vec<(Lang, String)> = changes
                .removed
                .iter()
                .chain(&changes.changed)
                .map(|(l, s)| (*l, s.to_string()))
                .collect();
            let add: Vec<Passage> = changed
                .iter()
                .flat_map(|(a, b)| passages_of(a, b))
                .collect();
            let versions = changed
                .iter()
                .map(|(a, _)| ((a.lang(), a.slug().to_string()), a.revision.clone()))
                .collect();
            let engine = self.engine.clone();
            let stats = tokio::task::spawn_blocking(move || {
                write(&engine).update_versioned(&remove, add, versions)
            })
            .await
            .map_err(|e| Error::Task(e.to_string()))??;
            self.articles_indexed
                .fetch_add(stats.articles_added as u64, Ordering::Relaxed);
            self.passages_indexed
                .fetch_add(stats.passages_added as u64, Ordering::Relaxed);
            self.articles_removed
                .fetch_add(changes.removed.len() as u64, Ordering::Relaxed);
            tracing::info!(
                changed = changes.changed.len(),
                removed = changes.removed.len(),
                passages = stats.passages_added,
                articles = site.len(),
                listings_ms,
                store_ms,
                index_ms = lap(),
                "content changed: now serving the new version"
            );
        }
        let new = Arc::new(Live::new(site, listings, self.engine.clone()));
        *self.live.write().unwrap_or_else(|p| p.into_inner()) = new.clone();
        if !changes.is_empty() {
            for listener in self
                .listeners
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .iter()
            {
                listener(&old, &new, &changes);
            }
            // Counted once everything is done, so that whoever waits on the
            // count sees the new version everywhere.
            self.changes.fetch_add(1, Ordering::Relaxed);
        }
        Ok(changes)
    }
}

/// How many times a change of content files is checked again for an
/// upload deleted while it was applied ([`Served::apply_refusing`]): each
/// round finds the uploads deleted until then, so a second is enough but
/// for another deletion meanwhile.
const UPLOAD_ROUNDS: usize = 3;

/// Where the texts of a change come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// The content directory: files written, deleted, or refused, which the
    /// catalogue and the refused files follow.
    Files,
    /// The editor (this node's save, or another's read from the store): no
    /// file changed, so neither the catalogue nor the refused files do.
    Editor,
}

/// Waits while the file `ASKAF_TEST_HOLD_APPLY` names exists, if it names
/// one: a change caught in flight, its editor's revision saved and the site
/// not yet changed, for a test to drop whoever waits for it. Fails while
/// the file `ASKAF_TEST_FAIL_APPLY` names exists: a change that fails once
/// its editor's revision is saved, as one whose index cannot be written
/// does, for a test to see it said and applied later.
#[cfg(feature = "test-hooks")]
async fn held_for_tests() -> Result<(), Error> {
    let exists = |var: &str| {
        let path = std::env::var_os(var);
        async move {
            match path {
                Some(path) => tokio::fs::try_exists(&path).await.unwrap_or(false),
                None => false,
            }
        }
    };
    if exists("ASKAF_TEST_HOLD_APPLY").await {
        tracing::info!("a change is held for a test (ASKAF_TEST_HOLD_APPLY)");
        while exists("ASKAF_TEST_HOLD_APPLY").await {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    if exists("ASKAF_TEST_FAIL_APPLY").await {
        return Err(Error::Task(
            "failed for a test (ASKAF_TEST_FAIL_APPLY)".into(),
        ));
    }
    Ok(())
}

/// Fails the step after a save ([`Then`], not [`Then::Nothing`]) while
/// the file `ASKAF_TEST_FAIL_STEP` names exists, if it names one: the
/// revision saved and the schedule, the review or the unpublish at the old
/// slug not done, as when the database fails between the two, for a test
/// to see it said.
#[cfg(feature = "test-hooks")]
pub(crate) async fn step_fails_for_tests(then: &Then) -> Result<(), Error> {
    let Some(path) = std::env::var_os("ASKAF_TEST_FAIL_STEP") else {
        return Ok(());
    };
    if *then != Then::Nothing && tokio::fs::try_exists(&path).await.unwrap_or(false) {
        return Err(Error::Task(
            "failed for a test (ASKAF_TEST_FAIL_STEP)".into(),
        ));
    }
    Ok(())
}

/// A content directory as seen from outside: each article file's size and
/// time, and the synonyms file's.
type Snapshot = HashMap<PathBuf, Stat>;
type Stat = (u64, Option<SystemTime>);

fn stat(path: &Path) -> Option<Stat> {
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.len(), m.modified().ok()))
}

fn snapshot(dir: &Path) -> Snapshot {
    let mut out = Snapshot::new();
    let mut files = askaf_content::article_files(dir).unwrap_or_default();
    files.push(dir.join(SYNONYMS_FILE));
    for path in files {
        if let Some(s) = stat(&path) {
            out.insert(path, s);
        }
    }
    out
}

/// The editors' synonyms, beside the articles.
pub const SYNONYMS_FILE: &str = "synonyms.txt";

/// How long the watch lets a burst of file-system events settle (an editor
/// writes a temporary file, renames it, sets its time) before it applies
/// them together.
const DEBOUNCE: Duration = Duration::from_millis(100);

/// How often the directory is rescanned when the operating system's
/// notifications cannot be had (no inotify, or no watch left): polling,
/// as the watch did before it had events.
const POLL_WITHOUT_EVENTS: Duration = Duration::from_secs(2);

/// What the file-system watcher tells the watch.
enum Signal {
    /// These paths changed (written, created, removed, renamed).
    Paths(Vec<PathBuf>),
    /// Events were lost or cannot be trusted: compare the whole directory.
    Rescan,
}

/// What one event path means to the content: an article file or the
/// synonyms file to read again, something to ignore, or a change (a
/// directory created, moved or removed) that only a rescan can see whole.
enum Relevance {
    File,
    Ignore,
    Rescan,
}

/// The folders under the content directory that files were seen in.
type Folders = std::collections::HashSet<PathBuf>;

/// The folders between `dir` and `file`.
fn folders_above<'a>(dir: &'a Path, file: &'a Path) -> impl Iterator<Item = PathBuf> + 'a {
    file.ancestors()
        .skip(1)
        .take_while(move |a| *a != dir && a.starts_with(dir))
        .map(Path::to_path_buf)
}

/// Every folder a file of `seen` is in.
fn folders_of(dir: &Path, seen: &Snapshot) -> Folders {
    seen.keys().flat_map(|f| folders_above(dir, f)).collect()
}

fn relevance(dir: &Path, path: &Path, folders: &Folders) -> Relevance {
    let Ok(rel) = path.strip_prefix(dir) else {
        return Relevance::Ignore;
    };
    // Hidden files and folders (an editor's swap file, `.git`) are not content.
    if rel
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
    {
        return Relevance::Ignore;
    }
    if rel == Path::new(SYNONYMS_FILE) {
        return Relevance::File;
    }
    let is_article = path.extension().is_some_and(|e| e == "md")
        && !path
            .file_name()
            .is_some_and(|n| n.eq_ignore_ascii_case("README.md"));
    if is_article && !path.is_dir() {
        return Relevance::File;
    }
    // A folder: one moved in may hold articles no event named.
    if path.is_dir() {
        return Relevance::Rescan;
    }
    // Something gone whose kind is unknown: a folder if articles were seen
    // under it. Most often it is an editor's or `sed -i`'s temporary file,
    // renamed over an article as it saved; a rescan for each of those made
    // every save on a site of 100,000 files stat them all and allocate a
    // listing of them (85 MB at once). The folders are kept apart, so this
    // is a lookup, not a pass over every file seen (which cost each such
    // event a few milliseconds at 100,000 files).
    if !path.exists() && folders.contains(path) {
        return Relevance::Rescan;
    }
    Relevance::Ignore
}

/// Starts the operating system's notifications for `dir` (inotify on Linux),
/// each sent to `tx`; `None`, with the reason logged, where they cannot be had.
///
/// The paths sent are under `dir` as it was given. The watcher names
/// files by an absolute path, and `askaf serve --content site` gives a
/// relative one: compared with it, every event looked like a file outside
/// the content directory and was ignored, so edits waited for the
/// 30-second rescan.
fn notifications(
    dir: &Path,
    tx: tokio::sync::mpsc::UnboundedSender<Signal>,
) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher;
    let given = dir.to_path_buf();
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| given.clone());
    let handler = move |event: notify::Result<notify::Event>| {
        let signal = match event {
            Ok(e) if e.need_rescan() => Signal::Rescan,
            Ok(e) if e.kind.is_access() => return,
            Ok(e) => Signal::Paths(
                e.paths
                    .into_iter()
                    .map(|p| as_given(&given, &absolute, p))
                    .collect(),
            ),
            Err(e) => {
                tracing::warn!(error = %e, "content watch: events lost; rescanning the directory");
                Signal::Rescan
            }
        };
        // The watch has stopped when the receiver is gone: nothing to tell.
        let _ = tx.send(signal);
    };
    let started = notify::recommended_watcher(handler).and_then(|mut w| {
        w.watch(dir, notify::RecursiveMode::Recursive)?;
        Ok(w)
    });
    match started {
        Ok(w) => Some(w),
        Err(e) => {
            tracing::warn!(
                error = %e,
                dir = %dir.display(),
                "content watch: no file-system notifications; looking for changes every {}s instead",
                POLL_WITHOUT_EVENTS.as_secs()
            );
            None
        }
    }
}

/// `path`, which the watcher named under `absolute`, as a path under
/// `given`, the content directory as the watch knows it.
fn as_given(given: &Path, absolute: &Path, path: PathBuf) -> PathBuf {
    match path.strip_prefix(absolute) {
        Ok(rest) if given != absolute => given.join(rest),
        _ => path,
    }
}

/// Watches `dir` and applies what changed, through [`Served::apply`]: the
/// operating system tells of each file written, created or removed (inotify
/// on Linux), and after a short pause for the rest of the burst only those
/// files are read. The whole directory is compared with what was last seen
/// every `rescan_every`, and at once when events were lost (the kernel's
/// queue overflowed) or a folder came or went, so that no change is missed
/// for longer than that, on file systems without notifications (some
/// network and container mounts) included. Where notifications cannot be
/// had at all, the directory is compared every few seconds instead. Runs
/// until the task is dropped.
///
/// A rescan costs one `stat` per file; an event, one per changed file.
/// Each records that this server looked at `dir`
/// ([`Store::record_content_look`]): its files keep the uploads they show
/// from deletion while it does (see [`load`]).
pub async fn watch(served: Arc<Served>, dir: PathBuf, rescan_every: Duration, loaded: FileStats) {
    let scan = |dir: PathBuf| async move {
        tokio::task::spawn_blocking(move || snapshot(&dir))
            .await
            .unwrap_or_default()
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    // Held for as long as the watch runs: dropping it stops the events.
    let watcher = {
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || notifications(&dir, tx))
            .await
            .ok()
            .flatten()
    };
    let every = if watcher.is_some() {
        rescan_every
    } else {
        rescan_every.min(POLL_WITHOUT_EVENTS)
    };
    // What the site was loaded from; the first pass, a rescan made once
    // the notifications run, applies whatever changed since (a write
    // between the load and now would otherwise be in the watch's first
    // look and so never differ from it).
    let mut last: Snapshot = loaded
        .into_iter()
        .map(|(path, (size, modified))| (path, (size, Some(modified))))
        .collect();
    // Made by the first pass, which is a full rescan.
    let mut folders = Folders::new();
    let mut caught_up = false;
    let mut rescan = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    rescan.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // Closed when the watcher is gone (or never started): rescans alone then.
    let mut events = watcher.is_some();
    loop {
        let mut pending = std::collections::BTreeSet::new();
        let mut full = false;
        if !caught_up {
            caught_up = true;
            full = true;
        } else {
            tokio::select! {
                _ = rescan.tick() => full = true,
                signal = rx.recv(), if events => match signal {
                    Some(signal) => {
                        full |= take(&dir, signal, &mut pending, &folders);
                        // The rest of the burst.
                        let settle = tokio::time::sleep(DEBOUNCE);
                        tokio::pin!(settle);
                        loop {
                            tokio::select! {
                                _ = &mut settle => break,
                                more = rx.recv() => match more {
                                    Some(signal) => full |= take(&dir, signal, &mut pending, &folders),
                                    None => break,
                                },
                            }
                        }
                    }
                    None => events = false,
                },
            }
        }
        let mut paths: Vec<PathBuf> = Vec::new();
        if full {
            let now = scan(dir.clone()).await;
            paths.extend(
                now.iter()
                    .filter(|(p, v)| last.get(*p) != Some(v))
                    .map(|(p, _)| p.clone())
                    .chain(last.keys().filter(|p| !now.contains_key(*p)).cloned()),
            );
            last = now;
            folders = folders_of(&dir, &last);
            // Its files keep the uploads they show (see `load`).
            if let Err(e) = served.store.record_content_look(&dir).await {
                tracing::warn!(error = %e, "cannot record that the content directory was looked at; trying again at the next comparison");
            }
        }
        // Each file an event named: compared with what was last seen, before
        // it is read, so a write after the read is seen as a change again.
        for p in pending {
            let seen = stat(&p);
            if seen.is_some() && p.is_dir() {
                continue;
            }
            if last.get(&p) == seen.as_ref() {
                continue;
            }
            match seen {
                Some(s) => {
                    folders.extend(folders_above(&dir, &p));
                    last.insert(p.clone(), s)
                }
                None => last.remove(&p),
            };
            paths.push(p);
        }
        if paths.is_empty() {
            continue;
        }
        paths.sort();
        paths.dedup();
        if !apply_paths(&served, &dir, paths.clone()).await {
            // Not applied (the index, the store): taken for changed at the
            // next comparison, and so applied again then, rather than left
            // unserved until the file changes again.
            for p in paths {
                last.insert(p, NOT_APPLIED);
            }
        }
    }
}

/// What the watch remembers of a file whose change failed to apply: no
/// file's size and time, so that the next comparison takes it (written or
/// deleted) for changed.
const NOT_APPLIED: Stat = (u64::MAX, None);

/// Adds the content files `signal` names to `pending`; true if it calls for
/// a rescan.
fn take(
    dir: &Path,
    signal: Signal,
    pending: &mut std::collections::BTreeSet<PathBuf>,
    folders: &Folders,
) -> bool {
    let mut full = false;
    match signal {
        Signal::Rescan => full = true,
        Signal::Paths(paths) => {
            for p in paths {
                match relevance(dir, &p, folders) {
                    Relevance::File => {
                        pending.insert(p);
                    }
                    Relevance::Rescan => full = true,
                    Relevance::Ignore => {}
                }
            }
        }
    }
    full
}

/// Reads the changed `paths` (synonyms and articles) and applies them;
/// whether the change was applied (or had nothing to apply).
async fn apply_paths(served: &Served, dir: &Path, paths: Vec<PathBuf>) -> bool {
    let synonyms = dir.join(SYNONYMS_FILE);
    if paths.contains(&synonyms) {
        match Synonyms::read(&synonyms) {
            Ok(s) => {
                served.set_synonyms(&s);
                tracing::info!(file = %synonyms.display(), "synonyms changed: now in use");
            }
            Err(e) => tracing::error!("{e}; still using the previous synonyms"),
        }
    }
    let read = tokio::task::spawn_blocking(move || {
        let (mut files, mut unreadable) = (Vec::new(), Vec::new());
        for path in paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
        {
            match askaf_content::read_article(&path) {
                Ok(text) => files.push((path, text)),
                // Refused as a file with problems is, through the same
                // pipeline: logged, counted and remembered with them.
                Err(problem) => unreadable.push(problem),
            }
        }
        (files, unreadable)
    })
    .await;
    let Ok((files, unreadable)) = read else {
        return false;
    };
    if files.is_empty() && unreadable.is_empty() {
        return true;
    }
    match served.apply_files(files, unreadable).await {
        Ok(_) => true,
        Err(e) => {
            tracing::error!(error = %e, "could not apply a content change; trying again at the next comparison of the directory");
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use askaf_search::{passages_from_site, EngineConfig};
    use std::sync::Mutex;

    /// An English article file, valid as `askaf check` reads it. The
    /// editor's tests use it too.
    pub(crate) fn article(slug: &str, body: &str) -> String {
        format!(
            "+++\nslug = \"{slug}\"\nlang = \"en\"\ntitle = \"About {slug}\"\nquestion = \"What about {slug}?\"\nsummary = \"A short answer about {slug}.\"\npublished = 2026-01-01\nupdated = 2026-01-02\n\n[[sources]]\ntitle = \"Src\"\nurl = \"https://example.org/\"\naccessed = 2026-01-01\n+++\n\n{body}\n"
        )
    }

    async fn served(dir: &Path, n: usize) -> Arc<Served> {
        for i in 0..n {
            std::fs::write(
                dir.join(format!("a{i}.md")),
                article(
                    &format!("a{i}"),
                    &format!("Article number {i} talks of rivers."),
                ),
            )
            .unwrap();
        }
        open_served(&dir.join("data"), dir).await
    }

    /// The site in `content`, its store in `data`, indexed in memory.
    pub(crate) async fn open_served(data: &Path, content: &Path) -> Arc<Served> {
        let store = Store::open(data).await.unwrap();
        let loaded = load(&store, Content::Dir(content.to_path_buf()))
            .await
            .unwrap();
        let engine = Engine::in_memory(
            passages_from_site(&loaded.site, &loaded.bodies),
            &Synonyms::default(),
            EngineConfig::default(),
        )
        .unwrap();
        Served::new(loaded.site, engine, store)
    }

    /// The body the store holds for an article's current revision.
    async fn markdown(served: &Served, slug: &str) -> String {
        let live = served.current();
        let a = live.get(Lang::En, slug).unwrap();
        body_of(served.store(), &askaf_content::Bodies::new(), a)
            .await
            .unwrap()
            .expect("the store has the current revision")
            .markdown
            .clone()
    }

    #[tokio::test]
    async fn a_restart_reads_only_the_files_that_changed() {
        let dir = tempfile::tempdir().unwrap();
        let served = served(dir.path(), 5).await;
        let store = served.store().clone();
        // Files just written are too fresh to trust by their time: read again next time.
        let again = load(&store, Content::Dir(dir.path().to_path_buf()))
            .await
            .unwrap();
        assert_eq!(again.site.len(), 5);
        // Made old enough, they are read once more and then trusted.
        let old = SystemTime::now() - Duration::from_secs(60);
        for i in 0..5 {
            let f = std::fs::File::options()
                .append(true)
                .open(dir.path().join(format!("a{i}.md")))
                .unwrap();
            f.set_modified(old).unwrap();
        }
        let first = load(&store, Content::Dir(dir.path().to_path_buf()))
            .await
            .unwrap();
        assert_eq!((first.files_read, first.files_reused), (5, 0));
        let second = load(&store, Content::Dir(dir.path().to_path_buf()))
            .await
            .unwrap();
        assert_eq!((second.files_read, second.files_reused), (0, 5));
        assert!(second.bodies.is_empty(), "no file was read");
        assert_eq!(second.site.fingerprint(), first.site.fingerprint());
        // One file changed: only it is read; the others' bodies come from the store.
        let path = dir.path().join("a3.md");
        std::fs::write(&path, article("a3", "Article three now talks of deserts.")).unwrap();
        std::fs::File::options()
            .append(true)
            .open(&path)
            .unwrap()
            .set_modified(old + Duration::from_secs(1))
            .unwrap();
        let third = load(&store, Content::Dir(dir.path().to_path_buf()))
            .await
            .unwrap();
        assert_eq!((third.files_read, third.files_reused), (1, 4));
        let a3 = third.site.get(Lang::En, "a3").unwrap();
        let body = body_of(&store, &askaf_content::Bodies::new(), a3)
            .await
            .unwrap()
            .unwrap();
        assert!(body.markdown.contains("deserts"));
        let a1 = third.site.get(Lang::En, "a1").unwrap();
        let body = body_of(&store, &askaf_content::Bodies::new(), a1)
            .await
            .unwrap()
            .unwrap();
        assert!(body.markdown.contains("number 1"));
        // A deleted file leaves the site and the catalogue.
        std::fs::remove_file(dir.path().join("a4.md")).unwrap();
        let fourth = load(&store, Content::Dir(dir.path().to_path_buf()))
            .await
            .unwrap();
        assert_eq!(fourth.site.len(), 4);
        assert_eq!(store.catalogue().await.unwrap().len(), 4);
    }

    /// A file not read again at a start is checked by the uploads the
    /// catalogue says it shows: one the store no longer keeps has its file
    /// read and refused, as a change showing it is, and its article served
    /// as catalogued; a row that does not say has its file read once.
    #[tokio::test]
    async fn a_restart_reads_a_file_again_when_an_upload_it_shows_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let served = served(dir.path(), 2).await;
        let store = served.store().clone();
        let upload = "0123456789abcdef-30x20.png";
        store
            .add_media(upload, b"png", "ana", "a.png")
            .await
            .unwrap();
        let maps = dir.path().join("maps.md");
        std::fs::write(
            &maps,
            article("maps", &format!("![A map](/media/{upload})")),
        )
        .unwrap();
        let old = SystemTime::now() - Duration::from_secs(60);
        for name in ["a0.md", "a1.md", "maps.md"] {
            let f = std::fs::File::options()
                .append(true)
                .open(dir.path().join(name))
                .unwrap();
            f.set_modified(old).unwrap();
        }
        let load_dir = || load(&store, Content::Dir(dir.path().to_path_buf()));
        let first = load_dir().await.unwrap();
        assert_eq!((first.files_read, first.refused.len()), (3, 0));
        let revision = first.site.get(Lang::En, "maps").unwrap().revision.clone();
        let second = load_dir().await.unwrap();
        assert_eq!((second.files_read, second.files_reused), (0, 3));

        store.delete_media(upload).await.unwrap();
        for _ in 0..2 {
            let lost = load_dir().await.unwrap();
            assert_eq!((lost.files_read, lost.files_reused), (1, 2));
            assert_eq!(lost.refused, vec![maps.clone()], "every start, until fixed");
            assert_eq!(lost.problems.len(), 1, "{:?}", lost.problems);
            assert_eq!(
                lost.problems[0].kind,
                askaf_content::ProblemKind::ImageNotKept {
                    url: format!("/media/{upload}")
                }
            );
            let served = lost.site.get(Lang::En, "maps").unwrap();
            assert_eq!(served.revision, revision, "served as catalogued");
        }

        // A row from before the catalogue kept the uploads: read once.
        store
            .add_media(upload, b"png", "ana", "a.png")
            .await
            .unwrap();
        let mut rows = store.catalogue().await.unwrap();
        for row in &mut rows {
            row.uploads = None;
        }
        store.record_files(&rows, &[]).await.unwrap();
        let upgraded = load_dir().await.unwrap();
        assert_eq!((upgraded.files_read, upgraded.refused.len()), (3, 0));
        let after = load_dir().await.unwrap();
        assert_eq!((after.files_read, after.files_reused), (0, 3));

        // A row from before the catalogue kept what translations follow of
        // its article (which needs the body, not catalogued): read once,
        // the same taken from the catalogue after.
        let followed = after.site.get(Lang::En, "maps").unwrap().followed.clone();
        assert!(askaf_content::is_revision(&followed), "{followed}");
        let mut rows = store.catalogue().await.unwrap();
        for row in &mut rows {
            row.followed = None;
        }
        store.record_files(&rows, &[]).await.unwrap();
        let upgraded = load_dir().await.unwrap();
        assert_eq!((upgraded.files_read, upgraded.refused.len()), (3, 0));
        let after = load_dir().await.unwrap();
        assert_eq!((after.files_read, after.files_reused), (0, 3));
        let maps = after.site.get(Lang::En, "maps").unwrap();
        assert_eq!(maps.followed, followed);
    }

    #[tokio::test]
    async fn an_edit_reindexes_that_article_only_and_tells_the_listeners() {
        let dir = tempfile::tempdir().unwrap();
        let served = served(dir.path(), 20).await;
        let told = Arc::new(Mutex::new(Vec::new()));
        let t = told.clone();
        served.on_change(Box::new(move |_, _, c| {
            t.lock().unwrap().push(c.changed.clone())
        }));
        let path = dir.path().join("a7.md");
        let changes = served
            .apply(vec![(
                path,
                Some(article(
                    "a7",
                    "Article seven now talks of the Helmand glaciers.",
                )),
            )])
            .await
            .unwrap();
        assert_eq!(changes.changed.len(), 1);
        let stats = served.stats();
        assert_eq!(stats.articles_indexed, 1, "{stats:?}");
        assert_eq!(
            stats.passages_indexed, 2,
            "its short answer and its paragraph"
        );
        assert_eq!(told.lock().unwrap().len(), 1);
        assert!(markdown(&served, "a7").await.contains("glaciers"));
        let live = served.current();
        {
            let engine = live.engine();
            let answer = engine.answer("Helmand glaciers", Lang::En, 5).unwrap();
            assert_eq!(
                engine.passage(answer.hits[0].passage).unwrap().article,
                "a7"
            );
        }
        assert_eq!(
            served.store().revision_count(Lang::En, "a7").await.unwrap(),
            2
        );
        assert_eq!(
            served.store().revision_count(Lang::En, "a3").await.unwrap(),
            1
        );
    }

    /// A store error says what the site was doing, where every one said
    /// "cannot record the article revisions" whatever failed.
    #[tokio::test]
    async fn a_store_error_says_what_the_site_was_doing() {
        let dir = tempfile::tempdir().unwrap();
        let served = served(dir.path(), 1).await;
        served.store().close().await;
        let e = served
            .schedule(Lang::En, "a0", 4_000_000_000, "ana", None)
            .await
            .unwrap_err();
        assert!(
            e.to_string().starts_with("scheduling the article failed: "),
            "{e}"
        );
        let deleted = vec![(dir.path().join("a0.md"), None)];
        let e = served.apply(deleted).await.unwrap_err();
        assert!(
            e.to_string()
                .starts_with("recording the content files' catalogue failed: "),
            "{e}"
        );
    }

    #[tokio::test]
    async fn a_deleted_file_leaves_the_site_and_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let served = served(dir.path(), 3).await;
        let path = dir.path().join("a1.md");
        served.apply(vec![(path, None)]).await.unwrap();
        let live = served.current();
        assert!(live.get(Lang::En, "a1").is_none());
        let answer = live
            .engine()
            .answer("article number 1 rivers", Lang::En, 10)
            .unwrap();
        let engine = live.engine();
        assert!(answer
            .hits
            .iter()
            .all(|h| engine.passage(h.passage).unwrap().article != "a1"));
        assert_eq!(served.stats().articles_removed, 1);
    }

    #[tokio::test]
    async fn a_bad_edit_keeps_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let served = served(dir.path(), 3).await;
        let path = dir.path().join("a2.md");
        let changes = served
            .apply(vec![(path, Some("+++\nslug = \"a2\"\n+++\n".into()))])
            .await
            .unwrap();
        assert!(changes.is_empty());
        assert!(!changes.problems.is_empty());
        assert_eq!(served.stats().problems, changes.problems.len() as u64);
        assert!(markdown(&served, "a2").await.contains("rivers"));
        assert_eq!(served.stats().articles_indexed, 0);
    }

    /// The content files' sizes and times now, as a load that read them
    /// just now saw them.
    fn stats_now(dir: &Path) -> FileStats {
        snapshot(dir)
            .into_iter()
            .filter_map(|(p, (size, modified))| Some((p, (size, modified?))))
            .collect()
    }

    /// A change made after the load and before the watch began is applied
    /// when it begins, with no event and no rescan to bring it.
    #[tokio::test]
    async fn the_watch_applies_what_changed_between_the_load_and_its_start() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..3 {
            std::fs::write(
                dir.path().join(format!("a{i}.md")),
                article(&format!("a{i}"), "About rivers."),
            )
            .unwrap();
        }
        let store = Store::open(&dir.path().join("data")).await.unwrap();
        let loaded = load(&store, Content::Dir(dir.path().to_path_buf()))
            .await
            .unwrap();
        assert_eq!(loaded.files.len(), 3);
        let engine = Engine::in_memory(
            passages_from_site(&loaded.site, &loaded.bodies),
            &Synonyms::default(),
            EngineConfig::default(),
        )
        .unwrap();
        let files = loaded.files;
        let served = Served::new(loaded.site, engine, store);
        // Between the load and the watch: one file rewritten, one deleted,
        // one added. A look taken now would hold all three as seen.
        std::fs::write(
            dir.path().join("a0.md"),
            article("a0", "About rivers and the mountains between them."),
        )
        .unwrap();
        std::fs::remove_file(dir.path().join("a1.md")).unwrap();
        std::fs::write(dir.path().join("b.md"), article("b", "About Bamyan.")).unwrap();
        let task = tokio::spawn(watch(
            served.clone(),
            dir.path().to_path_buf(),
            Duration::from_secs(3600),
            files,
        ));
        let caught_up = within(|| {
            let live = served.current();
            live.get(Lang::En, "b").is_some() && live.get(Lang::En, "a1").is_none()
        })
        .await;
        let body = markdown(&served, "a0").await;
        task.abort();
        assert!(
            caught_up,
            "the file added is served and the one deleted is not"
        );
        assert!(body.contains("mountains"), "{body}");
        assert_eq!(served.stats().articles_indexed, 2, "a0 and b, nothing else");
    }

    #[tokio::test]
    async fn the_watch_applies_a_file_written_to_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let served = served(dir.path(), 3).await;
        let task = tokio::spawn(watch(
            served.clone(),
            dir.path().to_path_buf(),
            Duration::from_millis(50),
            stats_now(dir.path()),
        ));
        tokio::time::sleep(Duration::from_millis(120)).await;
        std::fs::write(
            dir.path().join("new.md"),
            article("new", "A new article about Bamyan."),
        )
        .unwrap();
        let mut found = false;
        for _ in 0..200 {
            if served.current().get(Lang::En, "new").is_some() {
                found = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        task.abort();
        assert!(found, "the new file is served");
        assert_eq!(served.stats().articles_indexed, 1);
    }

    fn in_lang(lang: &str, slug: &str, tags: &str, body: &str) -> String {
        article(slug, body).replace(
            "lang = \"en\"",
            &format!("lang = \"{lang}\"\ntags = [{tags}]"),
        )
    }

    #[test]
    fn a_listing_moves_only_with_its_own_language_or_topic() {
        let files = |fa_body: &str, en_tags: &str| {
            vec![
                (
                    PathBuf::from("en/a.md"),
                    in_lang("en", "a", en_tags, "English."),
                ),
                (
                    PathBuf::from("en/b.md"),
                    in_lang("en", "b", "\"war\"", "More."),
                ),
                (
                    PathBuf::from("fa/a.md"),
                    in_lang("fa", "a", "\"history\"", fa_body),
                ),
            ]
        };
        let before = Listings::of(&Site::from_files(files("دری.", "\"history\"")).unwrap());
        let fa_edit = Listings::of(&Site::from_files(files("دری، دیگر.", "\"history\"")).unwrap());
        assert_ne!(
            before.lang(Lang::Fa).fingerprint,
            fa_edit.lang(Lang::Fa).fingerprint
        );
        assert_eq!(
            before.lang(Lang::En).fingerprint,
            fa_edit.lang(Lang::En).fingerprint
        );
        assert_eq!(before.lang(Lang::En).count, 2);
        assert_eq!(before.lang(Lang::Ps).count, 0);
        assert!(before.tag(Lang::Fa, "war").is_none());

        // An English article leaves one topic for another: those two move,
        // the list of topic names does not, and Dari stays.
        let retag = Listings::of(&Site::from_files(files("دری.", "\"war\"")).unwrap());
        let (b, r) = (before.lang(Lang::En), retag.lang(Lang::En));
        assert_ne!(b.fingerprint, r.fingerprint);
        assert!(retag.tag(Lang::En, "history").is_none());
        assert_eq!(r.tags["war"].count, 2);
        assert_ne!(b.tags["war"].fingerprint, r.tags["war"].fingerprint);
        assert_ne!(b.tag_names, r.tag_names, "history is gone from English");
        assert_eq!(
            before.lang(Lang::Fa).fingerprint,
            retag.lang(Lang::Fa).fingerprint
        );
    }

    /// Counting a change in gives the listings a pass over the whole site
    /// would: through edits, a retag, a new language, a language emptied,
    /// a draft and a deletion.
    #[test]
    fn listings_counted_through_changes_are_those_of_the_site() {
        let start = vec![
            (
                PathBuf::from("en/a.md"),
                in_lang("en", "a", "\"history\"", "A."),
            ),
            (
                PathBuf::from("en/b.md"),
                in_lang("en", "b", "\"war\", \"history\"", "B."),
            ),
            (
                PathBuf::from("fa/a.md"),
                in_lang("fa", "a", "\"history\"", "دری."),
            ),
        ];
        let mut site = Site::from_files(start).unwrap();
        let mut listings = Listings::of(&site);
        let steps: Vec<Vec<(PathBuf, Option<String>)>> = vec![
            vec![(
                PathBuf::from("en/a.md"),
                Some(in_lang("en", "a", "\"history\"", "A, again.")),
            )],
            vec![(
                PathBuf::from("en/b.md"),
                Some(in_lang("en", "b", "\"economy\"", "B.")),
            )],
            vec![(
                PathBuf::from("ps/c.md"),
                Some(in_lang("ps", "c", "\"war\"", "پښتو.")),
            )],
            vec![(PathBuf::from("fa/a.md"), None)],
            vec![(
                PathBuf::from("en/a.md"),
                Some(
                    in_lang("en", "a", "\"history\"", "A.")
                        .replace("tags = [", "draft = true\ntags = ["),
                ),
            )],
            // Back as it was: the same fingerprints as before the edits.
            vec![(
                PathBuf::from("en/a.md"),
                Some(in_lang("en", "a", "\"history\"", "A.")),
            )],
        ];
        let first = listings.lang(Lang::En).fingerprint.clone();
        for files in steps {
            let (next, changes) = site.apply(files);
            assert!(changes.problems.is_empty(), "{:?}", changes.problems);
            assert!(!changes.is_empty());
            let counted = listings.updated(&site, &next, &changes);
            assert_eq!(counted, Listings::of(&next));
            (site, listings) = (next, counted);
        }
        assert!(!listings.langs.contains_key(&Lang::Fa), "Dari emptied");
        assert_eq!(listings.lang(Lang::Ps).count, 1);
        assert_ne!(listings.lang(Lang::En).fingerprint, first, "b was retagged");
    }

    /// Waits up to 10 s for `check`.
    async fn within(check: impl Fn() -> bool) -> bool {
        for _ in 0..400 {
            if check() {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        false
    }

    #[tokio::test]
    async fn the_watch_applies_changes_from_file_system_events_without_a_rescan() {
        let dir = tempfile::tempdir().unwrap();
        let served = served(dir.path(), 3).await;
        // No rescan for an hour: only events can bring a change in time.
        let task = tokio::spawn(watch(
            served.clone(),
            dir.path().to_path_buf(),
            Duration::from_secs(3600),
            stats_now(dir.path()),
        ));
        tokio::time::sleep(Duration::from_millis(300)).await;
        std::fs::create_dir(dir.path().join("more")).unwrap();
        std::fs::write(
            dir.path().join("more/new.md"),
            article("new", "A new article about Bamyan."),
        )
        .unwrap();
        let added = within(|| served.current().get(Lang::En, "new").is_some()).await;
        std::fs::remove_file(dir.path().join("a1.md")).unwrap();
        let removed = within(|| served.current().get(Lang::En, "a1").is_none()).await;
        // A swap file, a hidden folder and a README are not articles.
        std::fs::write(dir.path().join(".a0.md.swp"), "x").unwrap();
        std::fs::write(dir.path().join("README.md"), "# Notes").unwrap();
        // A folder moved out of the directory: the one event names the
        // folder, gone, and its articles go with it.
        let away = tempfile::tempdir().unwrap();
        std::fs::rename(dir.path().join("more"), away.path().join("more")).unwrap();
        let moved_out = within(|| served.current().get(Lang::En, "new").is_none()).await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        task.abort();
        assert!(added, "a file in a new folder is served");
        assert!(removed, "a deleted file is unpublished");
        assert!(
            moved_out,
            "the articles of a folder moved away are unpublished"
        );
        assert_eq!(served.stats().problems, 0, "{:?}", served.stats());
        assert_eq!(served.current().len(), 2);
    }

    /// An editor's temporary file, gone by the time its event is read, is
    /// nothing to rescan for; a folder gone with articles seen in it is.
    #[test]
    fn only_a_folder_that_held_articles_calls_for_a_rescan() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("fa")).unwrap();
        let mut last = Snapshot::new();
        last.insert(root.join("en/a.md"), (1, None));
        last.insert(root.join("fa/b.md"), (1, None));
        let is = |path: &Path, last: &Snapshot| match relevance(root, path, &folders_of(root, last))
        {
            Relevance::File => "file",
            Relevance::Ignore => "ignore",
            Relevance::Rescan => "rescan",
        };
        assert_eq!(is(&root.join("en/sedX4b2Qa"), &last), "ignore");
        assert_eq!(is(&root.join("en/4913"), &last), "ignore");
        assert_eq!(
            is(&root.join("en"), &last),
            "rescan",
            "gone, with en/a.md in it"
        );
        assert_eq!(
            is(&root.join("e"), &last),
            "ignore",
            "a prefix of a name is not a folder"
        );
        assert_eq!(
            is(&root.join("fa"), &last),
            "rescan",
            "a folder that is there"
        );
        assert_eq!(is(&root.join("en/c.md"), &last), "file");
        last.clear();
        assert_eq!(
            is(&root.join("en"), &last),
            "ignore",
            "no article was ever seen in it"
        );
    }

    #[tokio::test]
    async fn the_operating_system_names_each_file_written_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let _watcher = notifications(dir.path(), tx).expect("inotify on this machine");
        let file = dir.path().join("a.md");
        std::fs::write(&file, "text").unwrap();
        std::fs::remove_file(&file).unwrap();
        let mut named = 0;
        while named < 2 {
            let signal = tokio::time::timeout(Duration::from_secs(10), rx.recv())
                .await
                .expect("an event within 10 s")
                .unwrap();
            if let Signal::Paths(paths) = signal {
                named += paths.iter().filter(|p| **p == file).count();
            }
        }
    }
}

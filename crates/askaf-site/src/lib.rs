//! The site being served, and the one place a change to it is applied.
//!
//! A change (a file written or deleted in the content directory today; an
//! editor's save or another node's notice later) goes through
//! [`Served::apply`], which does every step in one order: parse and render
//! only the changed articles ([`Site::apply`]), record their revisions in
//! the store, re-index only their passages ([`Engine::update`]), serve the
//! new version, and tell whoever caches what it shows ([`Served::on_change`]).
//! The server, the command line and the content watch ([`watch`]) only call it.
//!
//! This crate knows no HTTP and no SQL: the store and the index are behind
//! their own crates.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, SystemTime};

use askaf_content::{Article, Body, Changes, Lang, Site};
use askaf_search::{passages_of, Engine, Passage, Synonyms};
use askaf_store::{CatalogueEntry, Store};

mod load;

pub use load::{body_of, load, open_engine, Content, Loaded};

/// What can go wrong while loading or applying a change.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Content(#[from] askaf_content::Error),
    #[error("cannot record the article revisions: {0}")]
    Store(#[from] askaf_store::Error),
    #[error("cannot update the search index: {0}")]
    Search(#[from] askaf_search::Error),
    #[error("a background task failed: {0}")]
    Task(String),
}

/// One version of the site as served: its articles, and the search index,
/// which is shared by every version and updated in place.
pub struct Live {
    pub site: Site,
    engine: Arc<RwLock<Engine>>,
}

impl std::ops::Deref for Live {
    type Target = Site;
    fn deref(&self) -> &Site {
        &self.site
    }
}

impl Live {
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
    /// Problems found in changed files, whose previous version was kept.
    pub problems: u64,
}

/// The site being served.
pub struct Served {
    live: RwLock<Arc<Live>>,
    engine: Arc<RwLock<Engine>>,
    store: Store,
    /// One change at a time, so each starts from the version the last made.
    applying: tokio::sync::Mutex<()>,
    listeners: RwLock<Vec<Listener>>,
    changes: AtomicU64,
    articles_indexed: AtomicU64,
    passages_indexed: AtomicU64,
    articles_removed: AtomicU64,
    problems: AtomicU64,
}

impl Served {
    /// Serves `site`, whose passages `engine` already holds.
    pub fn new(site: Site, engine: Engine, store: Store) -> Arc<Served> {
        let engine = Arc::new(RwLock::new(engine));
        Arc::new(Served {
            live: RwLock::new(Arc::new(Live {
                site,
                engine: engine.clone(),
            })),
            engine,
            store,
            applying: tokio::sync::Mutex::new(()),
            listeners: RwLock::new(Vec::new()),
            changes: AtomicU64::new(0),
            articles_indexed: AtomicU64::new(0),
            passages_indexed: AtomicU64::new(0),
            articles_removed: AtomicU64::new(0),
            problems: AtomicU64::new(0),
        })
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
    /// steps. Problems in a file are logged with its file and line, and
    /// that file's previous version stays; the rest applies.
    pub async fn apply(&self, files: Vec<(PathBuf, Option<String>)>) -> Result<Changes, Error> {
        let _one_at_a_time = self.applying.lock().await;
        let old = self.current();
        let base = old.clone();
        let (site, changes) = tokio::task::spawn_blocking(move || base.site.apply(files))
            .await
            .map_err(|e| Error::Task(e.to_string()))?;
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
        if !changed.is_empty() {
            let articles: Vec<(&Article, &Body)> =
                changed.iter().map(|(a, b)| (&**a, &***b)).collect();
            self.store.record_articles(&articles).await?;
        }
        if !changes.is_empty() {
            // The catalogue follows, so a restart does not take the old
            // revision for current: changed files are marked to be read
            // again (their time is not known to match the text read).
            let entries: Vec<CatalogueEntry> = changed
                .iter()
                .map(|(a, _)| CatalogueEntry {
                    path: a.file.clone(),
                    size: 0,
                    mtime_ns: -1,
                    revision: a.revision.clone(),
                    front: a.front.clone(),
                })
                .collect();
            let now: std::collections::HashSet<&PathBuf> = site
                .articles()
                .chain(site.drafts())
                .map(|a| &a.file)
                .collect();
            let gone: Vec<PathBuf> = old
                .articles()
                .chain(old.drafts())
                .map(|a| &a.file)
                .filter(|f| !now.contains(f))
                .cloned()
                .collect();
            self.store.record_files(&entries, &gone).await?;
        }
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
                "content changed: now serving the new version"
            );
        }
        let new = Arc::new(Live {
            site,
            engine: self.engine.clone(),
        });
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

/// A content directory as seen from outside: each article file's size and
/// time, and the synonyms file's.
type Snapshot = HashMap<PathBuf, (u64, Option<SystemTime>)>;

fn snapshot(dir: &Path) -> Snapshot {
    let mut out = Snapshot::new();
    let mut files = askaf_content::article_files(dir).unwrap_or_default();
    files.push(dir.join(SYNONYMS_FILE));
    for path in files {
        if let Ok(m) = std::fs::metadata(&path) {
            out.insert(path, (m.len(), m.modified().ok()));
        }
    }
    out
}

/// The editors' synonyms, beside the articles.
pub const SYNONYMS_FILE: &str = "synonyms.txt";

/// Watches `dir` every `every` and applies what changed: only the files
/// whose size or time moved are read. Runs until the task is dropped.
///
/// Polling, not file-system notifications: it works the same on every
/// file system, network and container mounts included; its cost is one
/// `stat` per file per round.
pub async fn watch(served: Arc<Served>, dir: PathBuf, every: Duration) {
    let scan = |dir: PathBuf| async move {
        tokio::task::spawn_blocking(move || snapshot(&dir))
            .await
            .unwrap_or_default()
    };
    let mut last = scan(dir.clone()).await;
    let mut interval = tokio::time::interval(every);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        let now = scan(dir.clone()).await;
        if now == last {
            continue;
        }
        let mut paths: Vec<PathBuf> = now
            .iter()
            .filter(|(p, v)| last.get(*p) != Some(v))
            .map(|(p, _)| p.clone())
            .chain(last.keys().filter(|p| !now.contains_key(*p)).cloned())
            .collect();
        paths.sort();
        last = now;
        let synonyms = dir.join(SYNONYMS_FILE);
        if paths.contains(&synonyms) {
            match std::fs::read_to_string(&synonyms)
                .map_err(|e| e.to_string())
                .and_then(|t| {
                    Synonyms::parse(&t).map_err(|e| format!("line {}: {}", e.line, e.message))
                }) {
                Ok(s) => {
                    served.set_synonyms(&s);
                    tracing::info!(file = %synonyms.display(), "synonyms changed: now in use");
                }
                Err(e) => tracing::error!(
                    "{}: {e}; still using the previous synonyms",
                    synonyms.display()
                ),
            }
        }
        let read = tokio::task::spawn_blocking(move || {
            let mut files = Vec::new();
            for path in paths
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
            {
                match askaf_content::read_article(&path) {
                    Ok(text) => files.push((path, text)),
                    Err(problem) => {
                        tracing::error!("{problem}; its previous version stays online")
                    }
                }
            }
            files
        })
        .await;
        let Ok(files) = read else { continue };
        if files.is_empty() {
            continue;
        }
        if let Err(e) = served.apply(files).await {
            tracing::error!(error = %e, "could not apply a content change");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use askaf_search::{passages_from_site, EngineConfig};
    use std::sync::Mutex;

    fn article(slug: &str, body: &str) -> String {
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
        let store = Store::open(&dir.join("data")).await.unwrap();
        let loaded = load(&store, Content::Dir(dir.to_path_buf())).await.unwrap();
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

    #[tokio::test]
    async fn the_watch_applies_a_file_written_to_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let served = served(dir.path(), 3).await;
        let task = tokio::spawn(watch(
            served.clone(),
            dir.path().to_path_buf(),
            Duration::from_millis(50),
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
}

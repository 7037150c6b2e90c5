use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use askaf_search::{Encoder, Engine, Synonyms};
use askaf_store::Store;
use askaf_web::{router, AppState};

use tokio::net::TcpListener;

use crate::settings::{LogFormat, Settings};

fn init_tracing(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ASKAF_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tower_http=warn,sqlx=warn"));
    // Colour codes help a person at a terminal and garble a log file, journald
    // or a pipe; NO_COLOR (https://no-color.org: set and not empty) turns them
    // off at a terminal too.
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal() && !no_color)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

pub fn run(settings: Settings) -> anyhow::Result<ExitCode> {
    init_tracing(settings.log_format);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let (code, serving) = runtime.block_on(serve(settings))?;
    // The serving threads end last, once the store is closed: a database
    // connection may have been opened on one of their runtimes.
    if let Some(serving) = serving {
        serving.finish();
    }
    Ok(code)
}

/// The threads that served HTTP ([`serve_per_core`]), which go on driving
/// their runtimes after serving until [`Serving::finish`]. A database
/// connection a request dropped on one of them is handed back to the pool
/// by a task on that runtime (sqlx spawns it where the connection is
/// dropped); a runtime no longer driven would never run it, and the
/// store's close would wait its whole bound for a connection that is never
/// handed back (a server that stopped listening on SIGTERM and did not
/// exit was seen once; not reproduced).
struct Serving {
    release: tokio::sync::watch::Sender<bool>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Serving {
    /// Lets the serving threads end, and waits for them: after the store
    /// is closed.
    fn finish(self) {
        let _ = self.release.send(true);
        for thread in self.threads {
            let _ = thread.join();
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<(ExitCode, Option<Serving>)> {
    // The address first: a port in use is said at once, before the data
    // directory is made or a large site's index built. Connections that
    // arrive meanwhile wait in the backlog until the site is ready.
    let listener = TcpListener::bind(settings.addr)
        .await
        .with_context(|| format!("cannot listen on {}", settings.addr))?;
    // A content directory that is not there (a typo) is said before the
    // data directory and its database are made for a site nobody meant.
    if let Some(dir) = &settings.content {
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    }
    // One server per data directory; `askaf restore` checks the same lock.
    // With PostgreSQL too: the index and the pages there are this node's.
    let _lock = askaf_store::DataLock::acquire(&settings.data)?;
    let database = settings.database()?;
    let options = askaf_store::Options {
        bounded: true,
        application_name: format!("askaf serve {}/{}", host_name(), std::process::id()),
        // The same from one start to the next, and this process's alone
        // while it holds the data directory's lock.
        node: format!(
            "{}:{}",
            host_name(),
            std::fs::canonicalize(&settings.data)
                .unwrap_or_else(|_| settings.data.clone())
                .display()
        ),
        #[cfg(feature = "test-hooks")]
        answer_within: crate::settings::test_answer_within(),
        ..askaf_store::Options::default()
    };
    let store = Store::connect_with(&database, &options)
        .await
        .with_context(|| format!("cannot open the database {database}"))?;
    tracing::info!(database = %database, kind = database.kind().as_str(), "database open");
    // Saves this node was applying, its editors answered "still being
    // applied", when it stopped: they will never end, and say so.
    // Not a reason to stay down: unmarked, they read as lost after a while.
    match store.lose_late_saves().await {
        Ok(0) => {}
        Ok(lost) => tracing::warn!(
            lost,
            "saves this server was applying when it stopped have an unknown outcome: their editors are told so"
        ),
        Err(e) => tracing::error!(error = %e, "could not mark the saves this server was applying when it stopped"),
    }
    // Comments rendered by an older renderer (before bare URLs were links,
    // say) are rendered again from the text their readers wrote, once,
    // before the pages that show them are (see `Store::rerender_comments`).
    // Not a reason to stay down: they show as they did until the next start.
    match store.rerender_comments().await {
        Ok(0) => {}
        Ok(n) => tracing::info!(
            comments = n,
            "comments rendered again by this version's renderer"
        ),
        Err(e) => tracing::error!(error = %e, "could not render older comments again"),
    }
    // Read before the site is: an editor's save on another node from here
    // on is applied again once this node follows them (see `follow`).
    let edits_seen = store.last_edit_id().await?;
    // A file with problems is refused alone, as the content watch refuses
    // it: the site a start serves is the one the running site served, so
    // that a typo saved into one file does not take the whole site down at
    // the next restart. What is not a file's problem stops the start.
    let start = std::time::Instant::now();
    let mut loaded = super::load_as_served(&store, settings.content.as_deref()).await?;
    if store.kind() == askaf_store::Kind::Postgres {
        match store.content_dirs_named_otherwise().await {
            Ok(found) => {
                for dir in &found {
                    tracing::warn!("{}", named_otherwise(dir, settings.content.as_deref()));
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot list the content directories recorded"),
        }
    }
    // What the content watch compares with first (see `Loaded::files`);
    // the synonyms are looked at before they are read, as the articles were.
    let mut loaded_files = std::mem::take(&mut loaded.files);
    if let Some(dir) = &settings.content {
        let synonyms = dir.join(askaf_site::SYNONYMS_FILE);
        if let Ok(m) = std::fs::metadata(&synonyms) {
            if let Ok(modified) = m.modified() {
                loaded_files.insert(synonyms, (m.len(), modified));
            }
        }
    }
    tracing::info!(
        articles = loaded.site.len(),
        files_read = loaded.files_read,
        files_unchanged = loaded.files_reused,
        new_revisions = loaded.new_revisions,
        seconds = start.elapsed().as_secs_f32(),
        data = %settings.data.display(),
        "content loaded"
    );
    if let Some(dir) = &settings.content {
        if loaded.files_read + loaded.files_reused == 0 {
            tracing::warn!("{}", super::no_articles(dir));
        }
    }
    let synonyms = super::ask::synonyms_for(settings.content.as_deref())?;
    // A model that cannot be loaded (missing, truncated, corrupt) costs Ask
    // its sense of meaning, not the site: it warns, naming the file, and
    // questions are answered by their words.
    let encoder = match &settings.ask_model {
        Some(path) => match super::ask::open_model(path, settings.ask_model_langs.as_deref()) {
            Ok(e) => {
                tracing::info!(
                    model = e.id(),
                    languages = ?e.languages(),
                    "Ask ranks by meaning with a sentence model"
                );
                Some(e)
            }
            Err(e) => {
                // The error names the file.
                tracing::warn!(
                    "cannot load the Ask model: {}; Ask answers by the question's words alone",
                    crate::said(&e)
                );
                None
            }
        },
        None => None,
    };
    let problems = std::mem::take(&mut loaded.problems);
    let refused = std::mem::take(&mut loaded.refused);
    let (engine, site) =
        build_engine(&settings.data, loaded, &store, &synonyms, encoder.clone()).await?;
    let served = askaf_site::Served::new(site, engine, store.clone());
    served.count_problems(problems.len());
    served.refuse_files(refused, &problems);
    release_freed_memory();
    if let Some(Err(e)) = served.encode_in_background() {
        tracing::warn!("cannot start the passage vector worker: {e}; Ask answers by the question's words alone");
    }

    let addr = listener.local_addr()?;
    let site_url = settings
        .site_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    let secret = store
        .site_secret("signing", || askaf_auth::new_token().into_bytes())
        .await?;
    let signer = askaf_auth::Signer::new(&secret).map_err(|e| anyhow::anyhow!(e))?;
    // The first use computes it; do that now, not during someone's login.
    tokio::task::spawn_blocking(askaf_auth::dummy_hash).await?;
    let mut config = settings.limits.web_config(site_url);
    config.pages_dir = Some(settings.data.join("pages"));
    config.media_dir = Some(settings.data.join("media"));
    let state = AppState::new(served.clone(), config, signer).with_context(|| {
        format!(
            "cannot open the page store in {}",
            settings.data.join("pages").display()
        )
    })?;
    state
        .load_tag_labels()
        .await
        .context("cannot read the topics' names from the database")?;
    // Articles scheduled to be published, including those that fell due
    // while the server was stopped.
    tokio::spawn(askaf_site::run_schedule(served.clone()));
    // Editor's revisions saved that this node then failed to apply, and
    // had not applied when it stopped: tried again now (the load above
    // has served most), and what is still not applied is said from the
    // first request and tried again by itself. Not a reason to stay down.
    match served.resume_unapplied().await {
        Ok(0) => {}
        Ok(n) => match served.apply_unapplied().await {
            Ok(()) => tracing::info!(
                n,
                "the articles saved that this server had not applied when it stopped are applied"
            ),
            Err(e) => tracing::warn!(
                n,
                unapplied = served.unapplied_count(),
                "articles saved that this server had not applied when it stopped are still not applied: {e} (tried again by itself)"
            ),
        },
        Err(e) => tracing::error!(error = %e, "could not read the articles saved that this server had not applied when it stopped"),
    }
    tokio::spawn(askaf_site::retry_unapplied(served.clone()));
    // Other nodes' changes on the same PostgreSQL; nothing on SQLite.
    tokio::spawn(askaf_site::follow(served.clone(), edits_seen));
    if let Some(dir) = settings.content.clone() {
        tokio::spawn(askaf_site::watch(served, dir, RESCAN_EVERY, loaded_files));
    }
    let app = router(state.clone());

    println!("listening on http://{addr}");
    use std::io::Write;
    std::io::stdout().flush()?;

    let serving = serve_per_core(listener, state, app).await?;
    store.close().await;
    tracing::info!("stopped");
    Ok((ExitCode::SUCCESS, Some(serving)))
}

/// What a start on PostgreSQL says of a content directory the catalogue
/// records under a name no server of this version gives one
/// ([`Store::content_dirs_named_otherwise`]), `content` being this
/// server's: what it is, whether it still keeps images from deletion and
/// until when, when it goes by itself, and how to forget it at once. The
/// store cannot tell whether it is this node's from before an upgrade or
/// the live directory of a node of an older version (see there), and so
/// leaves it; the operator knows which servers run.
fn named_otherwise(dir: &askaf_store::NamedOtherwise, content: Option<&Path>) -> String {
    let at = |unix: i64| {
        chrono::DateTime::from_timestamp(unix, 0).map_or_else(
            || unix.to_string(),
            |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
        )
    };
    let secs = |d: Duration| i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
    let name = &dir.dir;
    let this = content.map_or_else(String::new, |c| format!(" (this one: {})", c.display()));
    let served_until = dir
        .looked_at
        .saturating_add(secs(askaf_store::SERVED_WITHIN));
    let keeps = if served_until > chrono::Utc::now().timestamp() {
        format!(
            "its files keep the images they show from deletion until {} (an hour after a server \
             last looked at it, {}), and the dashboard names them when it refuses to delete one",
            at(served_until),
            at(dir.looked_at)
        )
    } else {
        format!(
            "last looked at {}, over an hour ago, its files keep no image from deletion",
            at(dir.looked_at)
        )
    };
    let quoted = name.replace('\'', "''");
    format!(
        "the catalogue of content files holds {} file(s) under `{name}`, a content directory \
         named as servers before 7 December named theirs, as typed (relative to where the \
         server ran, or with ./ or //); every server since names its directory by its absolute \
         path{this}, so no server of this version reads `{name}`, and it is another node's only \
         if a server of an older version still runs on this database. {keeps}; it is forgotten \
         by itself a week after that look, at {}. If no server of an older version runs (it is \
         then most often this server's own directory from before an upgrade), forget it now, in \
         psql: DELETE FROM content_files WHERE starts_with(path, '{quoted}'); \
         DELETE FROM content_dirs WHERE dir = '{quoted}';",
        dir.files,
        at(dir
            .looked_at
            .saturating_add(secs(askaf_store::FORGOTTEN_AFTER)))
    )
}

/// This machine's name, which tells the nodes on one database apart;
/// `unknown` when the system does not say.
fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is writable for its whole length, which is passed.
    let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    match std::str::from_utf8(&buf[..end]) {
        Ok(name) if ok && !name.is_empty() => name.to_string(),
        _ => "unknown".to_string(),
    }
}

/// How often the whole content directory is compared with what was last
/// seen (a `stat` of every file): the file system's own notifications bring
/// each edit at once, and this catches whatever they missed (a file system
/// without them, a lost event) within half a minute.
const RESCAN_EVERY: Duration = Duration::from_secs(30);

/// How long a client may take to send a request's head: a slow trickle
/// (slowloris) cannot hold connections open for longer.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// At shutdown, how long a connection that has not yet sent a whole
/// request head may take to finish it before it is closed: a request
/// already on its way is served, a client that stalled does not hold the
/// server's stop for [`HEADER_READ_TIMEOUT`].
const HEAD_GRACE_ON_STOP: Duration = Duration::from_millis(500);

/// Whether a connection has begun a request (its head was read whole and
/// handed to the service), and a way to wait for it.
#[derive(Default)]
struct Begun {
    set: std::sync::atomic::AtomicBool,
    notify: tokio::sync::Notify,
}

impl Begun {
    fn now(&self) {
        if !self.set.swap(true, std::sync::atomic::Ordering::Relaxed) {
            self.notify.notify_one();
        }
    }

    fn is_set(&self) -> bool {
        self.set.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Returns once [`Begun::now`] has been called (before or after).
    async fn wait(&self) {
        if !self.is_set() {
            self.notify.notified().await;
        }
    }
}
/// The request line and headers together must fit in this, or hyper answers
/// a bare 431; browsers send a few kilobytes. Above
/// [`askaf_web::MAX_HEAD_BYTES`] the router refuses the request with words
/// (414 or 431), which it can only do for a head it was given. Bodies
/// stream through it in pieces.
const MAX_HEAD_BUFFER: usize = 4 * askaf_web::MAX_HEAD_BYTES;

/// Serves HTTP on one thread per core, each with a single-threaded runtime
/// accepting from the same listening socket, until a shutdown signal.
///
/// A connection stays on the thread that accepted it, so a request is
/// read, answered and written without waking another thread; under load the
/// work-stealing runtime spent a good part of each request handing
/// connections between its workers. Background work (the content watch,
/// the schedule, vectors) stays on the main runtime.
async fn serve_per_core(
    listener: TcpListener,
    state: AppState,
    app: axum::Router,
) -> anyhow::Result<Serving> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let listener = listener.into_std()?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let (release_tx, release_rx) = tokio::sync::watch::channel(false);
    let (served_tx, mut served_rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let mut threads = Vec::with_capacity(workers);
    for n in 0..workers {
        let listener = listener.try_clone()?;
        let (state, app) = (state.clone(), app.clone());
        let mut stop = stop_rx.clone();
        let mut release = release_rx.clone();
        let served = served_tx.clone();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start a serving thread's runtime")?;
        let thread = std::thread::Builder::new()
            .name(format!("askaf-http-{n}"))
            .spawn(move || {
                runtime.block_on(async move {
                    match TcpListener::from_std(listener) {
                        Ok(listener) => {
                            let stopped = async move {
                                let _ = stop.wait_for(|s| *s).await;
                            };
                            serve_http(listener, state, app, stopped).await;
                        }
                        Err(e) => tracing::error!(error = %e, "a serving thread cannot listen"),
                    }
                    let _ = served.send(());
                    // Driven on until the store is closed ([`Serving`]).
                    let _ = release.wait_for(|r| *r).await;
                });
            })
            .context("cannot start a serving thread")?;
        threads.push(thread);
    }
    drop(listener);
    drop(served_tx);
    shutdown_signal().await;
    let _ = stop_tx.send(true);
    // Every thread says when its requests are answered; one that panicked
    // drops its sender instead, and `recv` says none is left.
    for _ in 0..workers {
        if served_rx.recv().await.is_none() {
            break;
        }
    }
    Ok(Serving {
        release: release_tx,
        threads,
    })
}

/// Serves HTTP/1.1 until `stopped`, then lets requests in flight finish.
///
/// `axum::serve` sets no timer, and without one hyper has no header read
/// timeout; this loop is the same thing with the timeouts and limits set.
/// Each request goes to the page cache's hot lane first
/// ([`AppState::hot_article`]), then to the router.
async fn serve_http(
    listener: TcpListener,
    state: AppState,
    app: axum::Router,
    stopped: impl std::future::Future<Output = ()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;

    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(stopped);
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let app = app.clone();
        let state = state.clone();
        let begun = Arc::new(Begun::default());
        let begins = begun.clone();
        let service =
            hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
                begins.now();
                let hot = state.hot_article(&req);
                let app = app.clone();
                async move {
                    if let Some(response) = hot {
                        return Ok(response);
                    }
                    req.extensions_mut()
                        .insert(axum::extract::ConnectInfo(remote));
                    app.oneshot(req.map(axum::body::Body::new)).await
                }
            });
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_READ_TIMEOUT)
            .max_buf_size(MAX_HEAD_BUFFER)
            .serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            let mut conn = std::pin::pin!(conn);
            let ended = tokio::select! {
                ended = &mut conn => Some(ended),
                _ = stop.wait_for(|s| *s) => None,
            };
            // Stopping. hyper lets a request in flight finish, and closes
            // an idle connection, but waits for a connection's first
            // request head to be whole (up to HEADER_READ_TIMEOUT): a client
            // that sent part of one gets a moment to finish it, not more.
            let ended = match ended {
                Some(ended) => ended,
                None if begun.is_set() => conn.await,
                None => tokio::select! {
                    ended = &mut conn => ended,
                    _ = begun.wait() => conn.await,
                    _ = tokio::time::sleep(HEAD_GRACE_ON_STOP) => {
                        tracing::debug!(%remote, "closed a connection whose request head was unfinished at shutdown");
                        return;
                    }
                },
            };
            if let Err(e) = ended {
                tracing::debug!(error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    // Requests in flight get a while to finish; idle keep-alive connections close now.
    if tokio::time::timeout(Duration::from_secs(20), graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("some connections did not finish within 20 s of shutdown");
    }
}

/// The passage index lives in the data directory and is rebuilt when missing
/// or of an older format; otherwise only the articles that changed since it
/// was written are indexed again. The site's passages are made one article
/// at a time as the engine reads them, never all at once; on a terminal a
/// progress bar counts the articles.
/// With a sentence model, its vectors are kept in `DATA/vectors`, so a
/// restart or an edit encodes only texts it has not seen; nothing is
/// encoded here.
pub(crate) async fn build_engine(
    data: &Path,
    loaded: askaf_site::Loaded,
    store: &Store,
    synonyms: &Synonyms,
    encoder: Option<Arc<dyn Encoder>>,
) -> anyhow::Result<(Engine, askaf_content::Site)> {
    let dir = data.join("index");
    let bar = indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template(
            "search index: {wide_bar} {pos}/{len} articles indexed, {elapsed}, {eta} left",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let start = std::time::Instant::now();
    let shown = bar.clone();
    let (engine, site) = askaf_site::open_engine(
        dir.clone(),
        loaded.site,
        loaded.bodies,
        store.clone(),
        synonyms.clone(),
        Box::new(move |done, total| {
            shown.set_length(total as u64);
            shown.set_position(done as u64);
        }),
    )
    .await
    .with_context(|| format!("cannot build the search index in {}", dir.display()))?;
    bar.finish_and_clear();
    match engine.opening() {
        askaf_search::IndexOpening::Built => tracing::info!(
            passages = engine.passage_count(),
            seconds = start.elapsed().as_secs_f32(),
            "search index built"
        ),
        askaf_search::IndexOpening::Reused(st) => tracing::info!(
            passages = engine.passage_count(),
            sizes = ?engine.sizes(),
            articles_reindexed = st.articles_added,
            articles_removed = st.articles_removed,
            seconds = start.elapsed().as_secs_f32(),
            "search index opened"
        ),
    }
    // The model's vectors are read and computed in the background once the
    // site listens ([`askaf_site::Served::encode_in_background`]); until a
    // passage has one, it is ranked by its words.
    Ok(match encoder {
        Some(e) => {
            let file = askaf_search::vector_file(data, e.as_ref());
            // The f32 cache of earlier versions, read before listening; the
            // f16 file replaces it.
            let old = data.join("vectors").join(format!("{}.bin", e.id()));
            if std::fs::remove_file(&old).is_ok() {
                tracing::info!(file = %old.display(), "removed the passage vectors of an older format");
            }
            (
                engine.with_vectors(askaf_search::Vectors::new(e, Some(file))),
                site,
            )
        }
        None => (engine, site),
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Hands the memory freed since start back to the system. Loading a large
/// site parses every catalogue row and the index's record into temporary
/// structures; the allocator keeps some of what they freed for reuse, where
/// it counts as the process's resident memory. Collecting once, when loading
/// is over, returns it.
fn release_freed_memory() {
    // SAFETY: mi_collect only walks the allocator's own free lists; it may
    // be called at any time from any thread.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
    // SQLite allocates with the C library's malloc, not ours: the rows read
    // at start (the catalogue, revisions) leave glibc's thread arenas full
    // of freed chunks it keeps unless asked (132 MB at 100,000 articles).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

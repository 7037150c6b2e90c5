use std::process::ExitCode;

use anyhow::Context;
use askaf_store::Store;
use askaf_web::{router, AppState, WebConfig};
use tokio::net::TcpListener;

use crate::settings::{LogFormat, Settings};

fn init_tracing(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ASKAF_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tower_http=warn,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
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
    runtime.block_on(serve(settings))
}

async fn serve(settings: Settings) -> anyhow::Result<ExitCode> {
    // Content first: an invalid site is refused whole, before anything listens.
    let site = match super::load_site(settings.content.as_deref()) {
        Ok(site) => site,
        Err(askaf_content::Error::Invalid(problems)) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!(
                "refusing to start: {} problem(s) in the content",
                problems.len()
            );
            return Ok(ExitCode::FAILURE);
        }
        Err(e) => return Err(e.into()),
    };
    let store = Store::open(&settings.data)
        .await
        .with_context(|| format!("cannot open the data directory {}", settings.data.display()))?;
    let new = store.record_revisions(&site).await?;
    tracing::info!(articles = site.len(), new_revisions = new, data = %settings.data.display(), "content loaded");

    let listener = TcpListener::bind(settings.addr)
        .await
        .with_context(|| format!("cannot listen on {}", settings.addr))?;
    let addr = listener.local_addr()?;
    let site_url = settings
        .site_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    let state = AppState::new(site, store.clone(), WebConfig { site_url });
    let app = router(state);

    println!("listening on http://{addr}");
    use std::io::Write;
    std::io::stdout().flush()?;

    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("the server stopped with an error")?;
    store.close().await;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
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

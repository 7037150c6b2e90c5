//! `askaf export DIR`: the public site as static files.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use askaf_search::{Engine, EngineConfig, Synonyms};
use askaf_web::export::{export, ExportOptions};
use askaf_web::{AppState, Served, WebConfig};

/// Where Ask and comments point in a mirror made without `--site-url`.
const DEFAULT_SITE_URL: &str = "http://127.0.0.1:8080";

pub fn run(
    dir: &Path,
    content: Option<&Path>,
    site_url: Option<&str>,
    relative: bool,
    database: &askaf_store::Location,
) -> anyhow::Result<ExitCode> {
    let site_url = match site_url {
        Some(url) => {
            anyhow::ensure!(
                url.starts_with("http://") || url.starts_with("https://"),
                "--site-url must start with http:// or https://, not `{url}`"
            );
            url.trim_end_matches('/').to_string()
        }
        None => {
            eprintln!("note: no --site-url: canonical links, and Ask and comments in the mirror, point to {DEFAULT_SITE_URL}");
            DEFAULT_SITE_URL.to_string()
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        // Comments come from the database; a server may be using it (reads are safe).
        let store = askaf_store::Store::connect(database)
            .await
            .with_context(|| format!("cannot open the database {database}"))?;
        // Pages are rendered from the store's record of each article.
        let Some(loaded) = super::load_or_report(&store, content, "export").await? else {
            return Ok(ExitCode::FAILURE);
        };
        let site = loaded.site;
        let secret = store
            .site_secret("signing", || askaf_auth::new_token().into_bytes())
            .await?;
        let signer = askaf_auth::Signer::new(&secret).map_err(|e| anyhow::anyhow!(e))?;
        // A mirror asks no questions: the search index stays empty.
        let engine = Engine::in_memory(vec![], &Synonyms::default(), EngineConfig::default())?;
        let served = Served::new(site, engine, store.clone());
        let state = AppState::new(served, WebConfig::new(site_url), signer)?;
        let bar = indicatif::ProgressBar::new(0).with_style(
            indicatif::ProgressStyle::with_template(
                "exporting {bar:40} {pos}/{len} pages, {eta} left",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let report = export(&state, dir, &ExportOptions { relative }, |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        })
        .await;
        bar.finish_and_clear();
        store.close().await;
        let report = report?;
        println!(
            "exported {} pages to {}: {} files written, {} removed",
            report.pages,
            dir.display(),
            report.written,
            report.removed
        );
        Ok(ExitCode::SUCCESS)
    })
}

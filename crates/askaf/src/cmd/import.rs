use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use askaf_content::{article_slug, import_text, Lang};

pub fn run(text: &Path, lang: Lang, slug: &str, out: Option<&Path>) -> anyhow::Result<ExitCode> {
    // The check a content file's `slug` gets, so the draft is not refused
    // later for a slug the site keeps for itself (`about`).
    let slug = article_slug(slug).map_err(|why| anyhow::anyhow!("--slug {slug}: {why}"))?;
    let source = askaf_content::read_text(text)?;
    anyhow::ensure!(
        !source.trim().is_empty(),
        "{} is empty: there is no text to import",
        text.display()
    );
    let today = chrono::Utc::now().date_naive();
    let imported = import_text(&source, lang, &slug, today);
    for w in &imported.warnings {
        eprintln!("{}: {w}", text.display());
    }
    match out {
        Some(path) => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .map_err(|e| cannot_create(path, e))?;
            file.write_all(imported.markdown.as_bytes())?;
            file.sync_all()?;
            eprintln!(
                "wrote the draft to {}; run `askaf check` on its folder to see what it still needs",
                path.display()
            );
        }
        None => print!("{}", imported.markdown),
    }
    Ok(ExitCode::SUCCESS)
}

/// Why `--out` could not be created, in words that say what to do: the
/// system's "No such file or directory" means the folder is missing, not
/// the file.
fn cannot_create(path: &Path, e: std::io::Error) -> anyhow::Error {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match e.kind() {
        std::io::ErrorKind::AlreadyExists => anyhow::anyhow!(
            "cannot create {}: it exists already, and --out never overwrites a file",
            path.display()
        ),
        std::io::ErrorKind::NotFound if !parent.is_dir() => anyhow::anyhow!(
            "cannot create {}: the directory {} does not exist",
            path.display(),
            parent.display()
        ),
        _ => anyhow::Error::new(e).context(format!("cannot create {}", path.display())),
    }
}

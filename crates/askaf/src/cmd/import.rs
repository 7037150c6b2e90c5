use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use askaf_content::{import_text, Lang, Slug};

pub fn run(text: &Path, lang: &str, slug: &str, out: Option<&Path>) -> anyhow::Result<ExitCode> {
    let lang: Lang = lang.parse()?;
    let slug = Slug::parse(slug)?;
    let bytes = std::fs::read(text).with_context(|| format!("cannot read {}", text.display()))?;
    let source = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{} is not UTF-8 text", text.display()))?;
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
                .with_context(|| {
                    format!("cannot create {} (it must not exist yet)", path.display())
                })?;
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

pub mod ask;
pub mod backup;
pub mod check;
pub mod eval;
pub mod export;
pub mod import;
pub mod questions;
pub mod reindex;
pub mod serve;
pub mod user;

use std::path::{Path, PathBuf};

use askaf_content::Site;
use include_dir::{include_dir, Dir};

/// The built-in sample site, embedded at build time from `content/`.
/// The editors' synonyms for the built-in site.
pub const BUILTIN_SYNONYMS: &str = include_str!("../../../../content/synonyms.txt");

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../content");

fn builtin_files(dir: &'static Dir<'static>, out: &mut Vec<(PathBuf, String)>) {
    for file in dir.files() {
        let path = file.path();
        let is_article = path.extension().is_some_and(|e| e == "md")
            && !path
                .file_name()
                .is_some_and(|n| n.eq_ignore_ascii_case("README.md"));
        if is_article {
            out.push((
                Path::new("(built-in)").join(path),
                String::from_utf8_lossy(file.contents()).into_owned(),
            ));
        }
    }
    for sub in dir.dirs() {
        builtin_files(sub, out);
    }
}

/// Loads the site as [`load_site`] does; on invalid content prints every
/// problem and "refusing to {doing}", and gives `None` (the command then
/// exits with failure, having touched nothing).
pub fn load_site_or_report(
    content: Option<&Path>,
    doing: &str,
) -> Result<Option<Site>, askaf_content::Error> {
    match load_site(content) {
        Ok(site) => Ok(Some(site)),
        Err(askaf_content::Error::Invalid(problems)) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!(
                "refusing to {doing}: {} problem(s) in the content",
                problems.len()
            );
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Loads the content directory, or the built-in site when none is given.
pub fn load_site(content: Option<&Path>) -> Result<Site, askaf_content::Error> {
    match content {
        Some(dir) => Site::load_dir(dir),
        None => {
            let mut files = Vec::new();
            builtin_files(&BUILTIN, &mut files);
            files.sort();
            Site::from_files(files)
        }
    }
}

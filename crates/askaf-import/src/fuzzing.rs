//! What the fuzz target `wxr_import` (fuzz/fuzz_targets/wxr_import.rs)
//! checks, kept here so that `cargo test` replays its committed seeds on
//! stable through the same code (the test below).
//!
//! A WordPress export is a file from another system, often edited by hand
//! or cut short: reading it must never panic, and what the import would
//! write must be what `askaf check` accepts, before and after its images
//! are brought in.

use std::collections::BTreeSet;
use std::path::Path;

use askaf_content::parse_article;
use chrono::NaiveDate;

use crate::{convert, parse, Options};

/// Reads `data` (as UTF-8, else nothing) as an export and plans its import
/// in each way `askaf import --wxr` can; panics when a promise above breaks.
pub fn import_any(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let export = parse(text);
    // The end of a file that ends with a newline is the line after its last.
    let lines = text.split('\n').count();
    for note in &export.problems {
        assert!(
            (1..=lines).contains(&note.line),
            "a problem at line {} of {lines}: {}",
            note.line,
            note.message
        );
    }
    let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default();
    for lang in [None, Some(askaf_content::Lang::Fa)] {
        let plan = convert(
            &export,
            &Options {
                lang,
                today,
                uploads: true,
            },
        );
        let mut taken = BTreeSet::new();
        for mut article in plan.articles {
            assert!(
                taken.insert((article.lang, article.slug.to_string())),
                "two articles {}/{}",
                article.lang,
                article.slug
            );
            let path = Path::new(article.lang.code()).join(format!("{}.md", article.slug));
            if let Err(problems) = parse_article(&path, &article.source) {
                panic!(
                    "the import would write an invalid file: {problems:?}\n{}",
                    article.source
                );
            }
            for (i, image) in article.images.clone().iter().enumerate() {
                // An upload's address as the import gives it (`MediaName::url`).
                let url = format!("/media/{i:016x}-640x480.jpg");
                if article.show_upload(image, &url).is_ok() {
                    if let Err(problems) = parse_article(&path, &article.source) {
                        panic!(
                            "showing {image:?} made the file invalid: {problems:?}\n{}",
                            article.source
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// Every committed seed of `fuzz/seeds/wxr_import/`, and the import's
    /// own test exports (`testdata/`, which the fuzz run also starts from),
    /// through the same call as the fuzz target, so a seed that breaks a
    /// promise fails CI without a nightly compiler.
    #[test]
    fn every_wxr_import_fuzz_seed_reads_and_plans_valid_files() {
        let root = env!("CARGO_MANIFEST_DIR");
        for (dir, least) in [
            (format!("{root}/../../fuzz/seeds/wxr_import"), 4),
            (format!("{root}/testdata"), 2),
        ] {
            let mut seen = 0;
            for entry in std::fs::read_dir(&dir).expect("the seed directory") {
                let path = entry.unwrap().path();
                super::import_any(&std::fs::read(&path).unwrap());
                seen += 1;
            }
            assert!(seen >= least, "only {seen} seeds in {dir}");
        }
    }
}

//! An article file as an editor (or a broken editor) can write it: loading it
//! must give a site or a list of problems, never a panic.
//!
//! `askaf-content`'s tests make the same call on every seed in
//! `fuzz/seeds/front_matter/` (site.rs, `every_front_matter_fuzz_seed_*`).

#![no_main]

use std::path::PathBuf;

use askaf_content::Site;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Site::from_files([(PathBuf::from("en/fuzz.md"), text.to_string())]);
});

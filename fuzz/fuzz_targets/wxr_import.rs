//! A WordPress export as another system (or a hand, or a cut-short
//! download) left it: reading it never panics, and every file the import
//! would write is one `askaf check` accepts, before and after its images
//! are shown.
//!
//! `askaf-import`'s tests make the same call on every seed in
//! `fuzz/seeds/wxr_import/` and `crates/askaf-import/testdata/` (fuzzing.rs,
//! `every_wxr_import_fuzz_seed_reads_and_plans_valid_files`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| askaf_import::fuzzing::import_any(data));

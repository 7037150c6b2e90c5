//! A reader's question, any text in any script, asked of a small site in
//! the three languages: Ask answers or turns it away, never panics, and
//! quotes only the passages' own text.
//!
//! `askaf-search`'s tests make the same call on every seed in
//! `fuzz/seeds/ask_question/` (fuzzing.rs,
//! `every_ask_question_fuzz_seed_is_answered_or_turned_away`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| askaf_search::fuzzing::ask_any(data));

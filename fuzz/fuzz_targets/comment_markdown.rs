//! A comment as a reader can send it: any text, as the body, and cut in three
//! as the whole form. The rendered HTML must never hold live markup, and every
//! parsed field must be a fixed point of its own parser.
//!
//! The checks are `askaf_comments::check_comment_input`, which the crate's own
//! tests also run on every seed in `fuzz/seeds/comment_markdown/`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(problem) = askaf_comments::check_comment_input(text) {
        panic!("{problem}");
    }
});

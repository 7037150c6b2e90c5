//! A comment as a reader can send it: any text, as the body, and cut in three
//! as the whole form. The rendered HTML must never hold live markup, and every
//! parsed field must be a fixed point of its own parser.

#![no_main]

use askaf_comments::{
    assert_safe_html, fingerprint, parse_draft, plain_text, render, AuthorName, CommentBody, Email,
    Patterns, MAX_BODY_CHARS, MAX_EMAIL_CHARS, MAX_NAME_CHARS,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };

    let rendered = render(text);
    if let Err(problem) = assert_safe_html(&rendered.html) {
        panic!(
            "live markup: {problem}\ninput: {text:?}\nhtml: {:?}",
            rendered.html
        );
    }
    let plain = plain_text(text);
    assert!(!plain.chars().any(|c| c.is_control()), "{plain:?}");
    assert_eq!(fingerprint(text).len(), 64);

    // The form's three fields, split at the unit separator.
    let mut fields = text.splitn(3, '\u{1f}');
    let name = fields.next().unwrap_or("");
    let email = fields.next().unwrap_or("");
    let body = fields.next().unwrap_or("");
    if let Ok(draft) = parse_draft(name, email, body) {
        assert!(draft.name.as_str().chars().count() <= MAX_NAME_CHARS);
        assert_eq!(
            AuthorName::parse(draft.name.as_str()),
            Ok(draft.name.clone())
        );
        assert!(draft.body.as_str().chars().count() <= MAX_BODY_CHARS);
        assert_eq!(
            CommentBody::parse(draft.body.as_str()),
            Ok(draft.body.clone())
        );
        if let Some(email) = &draft.email {
            assert!(email.as_str().chars().count() <= MAX_EMAIL_CHARS);
            assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
        }
    }

    // The input as a moderator's word list, matched against itself.
    if let Ok(patterns) = Patterns::parse(text) {
        let _ = patterns.find(text);
    }
});

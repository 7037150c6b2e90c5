//! What must hold for any text a reader can send, checked in one place: the
//! fuzz target `comment_markdown` runs it on every input it makes up, and this
//! crate's tests run it on every committed seed (`fuzz/seeds/comment_markdown/`)
//! on stable Rust, so the two cannot drift apart.

use crate::{
    assert_safe_html, fingerprint, parse_draft, plain_text, render, AuthorName, CommentBody, Email,
    Patterns, MAX_BODY_CHARS, MAX_EMAIL_CHARS, MAX_NAME_CHARS,
};

/// Runs `text` through everything that takes a reader's input (as a comment
/// body, as the whole form cut in three at U+001F, and as a moderator's word
/// list) and returns the first broken promise: live markup in the rendered
/// HTML, a control character in the plain text, a fingerprint of the wrong
/// length, or a parsed field that does not parse to itself again. A panic
/// inside any of them is, for a fuzzer, a finding too.
pub fn check_comment_input(text: &str) -> Result<(), String> {
    let rendered = render(text);
    assert_safe_html(&rendered.html).map_err(|problem| {
        format!(
            "live markup: {problem}\ninput: {text:?}\nhtml: {:?}",
            rendered.html
        )
    })?;
    let plain = plain_text(text);
    if plain.chars().any(char::is_control) {
        return Err(format!("a control character in plain text: {plain:?}"));
    }
    let fp = fingerprint(text);
    if fp.len() != 64 {
        return Err(format!("a fingerprint of {} characters: {fp}", fp.len()));
    }

    let mut fields = text.splitn(3, '\u{1f}');
    let name = fields.next().unwrap_or("");
    let email = fields.next().unwrap_or("");
    let body = fields.next().unwrap_or("");
    if let Ok(draft) = parse_draft(name, email, body) {
        let name = draft.name.as_str();
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(format!("a name too long: {name:?}"));
        }
        if AuthorName::parse(name).as_ref() != Ok(&draft.name) {
            return Err(format!("the name {name:?} does not parse to itself"));
        }
        let body = draft.body.as_str();
        if body.chars().count() > MAX_BODY_CHARS {
            return Err(format!(
                "a body too long: {} characters",
                body.chars().count()
            ));
        }
        if CommentBody::parse(body).as_ref() != Ok(&draft.body) {
            return Err(format!("the body {body:?} does not parse to itself"));
        }
        if let Some(email) = &draft.email {
            let e = email.as_str();
            if e.chars().count() > MAX_EMAIL_CHARS {
                return Err(format!("an email too long: {e:?}"));
            }
            if Email::parse(e).as_ref() != Ok(email) {
                return Err(format!("the email {e:?} does not parse to itself"));
            }
        }
    }

    if let Ok(patterns) = Patterns::parse(text) {
        let _ = patterns.find(text);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fuzz target's committed seeds, replayed on stable.
    #[test]
    fn every_fuzz_seed_keeps_the_promises() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fuzz/seeds/comment_markdown"
        );
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).expect("the seed directory") {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            // As the target does: input that is not UTF-8 is not a comment.
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            if let Err(problem) = check_comment_input(text) {
                panic!("{}: {problem}", path.display());
            }
            seen += 1;
        }
        assert!(seen >= 5, "only {seen} seeds in {dir}");
    }
}

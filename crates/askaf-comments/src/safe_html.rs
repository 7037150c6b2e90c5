//! An independent check that rendered comment HTML holds no live markup.
//!
//! The renderer's own tests, the XSS fixture test, the fuzz target and the web
//! layer's tests all ask the same question of HTML that reaches a reader, so the
//! answer lives here, once. It tokenizes the HTML the way a browser does
//! (html5ever), rather than searching strings, so `<ScRiPt`, `<img/src`, entity
//! encoded URLs and attributes without quotes are all seen for what they are.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// The elements a rendered comment may contain.
pub const ALLOWED_TAGS: &[&str] = &[
    "p",
    "em",
    "strong",
    "a",
    "blockquote",
    "ul",
    "ol",
    "li",
    "code",
    "br",
];

/// Checks that `html` holds only the comment subset's markup.
///
/// Every element must be one of [`ALLOWED_TAGS`]; the only attributes are `href`
/// and `rel` on `a`, `dir` (`auto`, `ltr` or `rtl`) on `p`, `li` and `blockquote`,
/// and a number as `start` on `ol`; every `href` is an `http:`, `https:` or
/// `mailto:` URL as a browser would read it; no HTML comments or doctypes. Text is
/// not judged: escaped markup such as `&lt;script&gt;` is harmless text.
///
/// Returns the first problem found, naming the tag or attribute.
pub fn assert_safe_html(html: &str) -> Result<(), String> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Checker::default(), TokenizerOpts::default());
    // The sink never asks the tokenizer to pause (it only returns `Continue`),
    // so one feed consumes all the input and there is no script to run.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    match tokenizer.sink.problem.into_inner() {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

#[derive(Default)]
struct Checker {
    problem: RefCell<Option<String>>,
}

impl TokenSink for Checker {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if self.problem.borrow().is_none() {
            if let Err(problem) = check(token) {
                *self.problem.borrow_mut() = Some(problem);
            }
        }
        TokenSinkResult::Continue
    }
}

fn check(token: Token) -> Result<(), String> {
    match token {
        Token::TagToken(tag) => {
            let name: &str = &tag.name;
            if !ALLOWED_TAGS.contains(&name) {
                return Err(format!("element <{name}> is not allowed"));
            }
            if tag.kind == TagKind::EndTag {
                return Ok(());
            }
            for attr in &tag.attrs {
                let attr_name: &str = &attr.name.local;
                let value: &str = &attr.value;
                if attr_name.starts_with("on") {
                    return Err(format!("event handler {attr_name}={value:?} on <{name}>"));
                }
                let ok = match (name, attr_name) {
                    ("a", "href") => href_ok(value),
                    ("a", "rel") => true,
                    ("p" | "li" | "blockquote", "dir") => {
                        matches!(value, "auto" | "ltr" | "rtl")
                    }
                    ("ol", "start") => {
                        !value.is_empty()
                            && value.len() <= 20
                            && value.bytes().all(|b| b.is_ascii_digit())
                    }
                    _ => false,
                };
                if !ok {
                    return Err(format!(
                        "attribute {attr_name}={value:?} is not allowed on <{name}>"
                    ));
                }
            }
            Ok(())
        }
        Token::CommentToken(text) => Err(format!("HTML comment <!--{text}-->")),
        Token::DoctypeToken(_) => Err("a doctype".to_string()),
        Token::CharacterTokens(_)
        | Token::NullCharacterToken
        | Token::EOFToken
        | Token::ParseError(_) => Ok(()),
    }
}

/// Reads the URL's scheme as a browser's URL parser does: leading spaces and
/// control characters dropped, tabs and newlines removed anywhere, case ignored.
fn href_ok(value: &str) -> bool {
    let url: String = value
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    ["http:", "https:", "mailto:"]
        .iter()
        .any(|scheme| url.starts_with(scheme))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_subset() {
        let html = "<p dir=\"auto\">a <em>b</em> <strong>c</strong> <code>d</code><br>\n<a href=\"https://x.example/\" rel=\"nofollow\">e</a> <a href=\"MAILTO:a@b.example\">f</a></p><blockquote dir=\"rtl\"><ul><li dir=\"auto\">g</li></ul><ol start=\"3\"><li>h</li></ol></blockquote>&lt;script&gt;";
        assert_eq!(assert_safe_html(html), Ok(()));
    }

    #[test]
    fn refuses_live_markup() {
        for html in [
            "<script>alert(1)</script>",
            "<ScRiPt>alert(1)</sCrIpT>",
            "<img src=x onerror=alert(1)>",
            "<p onclick=\"x()\">a</p>",
            "<p ONCLICK=x>a</p>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<a href=\"java&#9;script:alert(1)\">x</a>",
            "<a href=\" data:text/html,x\">x</a>",
            "<a href=\"/relative\">x</a>",
            "<a href=x title=y>x</a>",
            "<p dir=\"auto\" style=\"color:red\">x</p>",
            "<p dir=\"x\">x</p>",
            "<ol start=\"1x\"><li>x</li></ol>",
            "<div>x</div>",
            "<svg/onload=alert(1)>",
            "<!-- c -->",
            "<!DOCTYPE html>",
            "</iframe>",
        ] {
            assert!(assert_safe_html(html).is_err(), "{html}");
        }
        assert_eq!(
            assert_safe_html("<p><img src=x onerror=alert(1)></p>"),
            Err("element <img> is not allowed".to_string())
        );
    }
}

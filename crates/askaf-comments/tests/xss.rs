//! Every XSS vector in the fixture, in every place a reader could put it in a
//! comment, must come out of the renderer with no live markup.

use askaf_comments::{assert_safe_html, plain_text, render};
use proptest::prelude::*;
use regex::Regex;

/// The fixture's vectors, with `\n` decoded to a newline.
fn vectors() -> Vec<String> {
    include_str!("fixtures/xss-vectors.txt")
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.replace("\\n", "\n"))
        .collect()
}

/// The places a vector can stand in a comment's Markdown.
fn placements(vector: &str) -> [String; 7] {
    [
        vector.to_string(),
        format!("[x]({vector})"),
        format!("[x](<{vector}>)"),
        format!("[{vector}](https://example.org/)"),
        format!("<{vector}>"),
        format!("![{vector}]({vector})"),
        format!("> - **{vector}**\n>\n> `{vector}`\n\n    {vector}\n\n[x]: {vector}\n[y][x]"),
    ]
}

#[test]
fn the_fixture_has_hundreds_of_vectors() {
    let v = vectors();
    assert!(v.len() >= 300, "only {} vectors", v.len());
    assert!(v.iter().any(|v| v.contains('\n')), "no multi-line vector");
}

#[test]
fn the_check_refuses_the_vectors_themselves() {
    // Unrendered, nearly every vector is live markup: the check has teeth.
    let v = vectors();
    let refused = v.iter().filter(|v| assert_safe_html(v).is_err()).count();
    assert!(
        refused * 10 >= v.len() * 7,
        "{refused} of {} refused",
        v.len()
    );
}

#[test]
fn no_vector_yields_live_markup() {
    let mut failures = Vec::new();
    for vector in vectors() {
        for markdown in placements(&vector) {
            let html = render(&markdown).html;
            if let Err(problem) = assert_safe_html(&html) {
                failures.push(format!("{markdown:?}\n  -> {html:?}\n  {problem}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} unsafe renderings:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_vector_written_as_text_stays_visible() {
    // The reader's words are shown, escaped, rather than silently dropped.
    for vector in vectors() {
        if vector.trim().is_empty() {
            continue;
        }
        assert!(!render(&vector).html.is_empty(), "{vector:?}");
        assert!(!plain_text(&vector).is_empty(), "{vector:?}");
    }
    let html = render("<script>alert(1)</script>").html;
    assert_eq!(
        html,
        "<p dir=\"ltr\">&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    );
}

/// Fragments that make Markdown and HTML parsers work hardest, to build inputs
/// more likely than random text to reach the renderer's corners.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("<a href=\"javascript:alert(1)\">".to_string()),
        Just("<svg/onload=alert(1)>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("[x](".to_string()),
        Just("](".to_string()),
        Just(")".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("![".to_string()),
        Just("javascript:".to_string()),
        Just("jav&#x09;ascript:".to_string()),
        Just("data:text/html,".to_string()),
        Just("https://example.org/".to_string()),
        Just("mailto:a@b.example".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("&#".to_string()),
        Just("&lt;".to_string()),
        Just("*".to_string()),
        Just("`".to_string()),
        Just("```".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("    ".to_string()),
        Just("> ".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("# ".to_string()),
        Just("[r]: ".to_string()),
        Just("|".to_string()),
        Just("\u{0}".to_string()),
        Just("سلام".to_string()),
        "\\PC{0,8}",
        any::<String>(),
    ]
}

fn markdownish() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..24).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_yields_live_markup(markdown in markdownish()) {
        let html = render(&markdown).html;
        prop_assert!(assert_safe_html(&html).is_ok(), "{:?} -> {:?}", markdown, html);
        let lower = html.to_ascii_lowercase();
        prop_assert!(!lower.contains("<script"), "{:?} -> {:?}", markdown, html);
        let handler = Regex::new(r"<[^>]*\son[a-z]*\s*=").unwrap();
        prop_assert!(!handler.is_match(&lower), "{:?} -> {:?}", markdown, html);
    }

    #[test]
    fn arbitrary_strings_never_yield_live_markup(markdown in any::<String>()) {
        let html = render(&markdown).html;
        prop_assert!(assert_safe_html(&html).is_ok(), "{:?} -> {:?}", markdown, html);
    }
}

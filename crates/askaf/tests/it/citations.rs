//! An answer's sentence stands, word for word, inside the element its
//! citation link names: what a reader who follows `/en/SLUG#p-4` sees there.

use crate::helpers::{without_tags, TestApp};

/// Checks every sentence of an `/api/v1/ask` answer against the page it cites:
/// the page is fetched, parsed with html5ever as a browser would, the element
/// with the citation's id is found and its text (entities decoded, tags
/// dropped, whitespace folded) must contain the sentence's text.
pub async fn assert_citations_hold(app: &TestApp, answer: &serde_json::Value) {
    let sentences = answer["answer"]
        .as_array()
        .unwrap_or_else(|| panic!("no `answer` list: {answer}"));
    if answer["abstained"] == false {
        assert!(!sentences.is_empty(), "answered with no sentence: {answer}");
    }
    for s in sentences {
        let citation = s["path"]
            .as_str()
            .unwrap_or_else(|| panic!("a sentence without a citation: {s}"));
        let (page, id) = citation
            .split_once('#')
            .unwrap_or_else(|| panic!("`{citation}` names no element"));
        let html = app.text(page).await;
        let text = element_text(&html, id)
            .unwrap_or_else(|| panic!("{citation}: no element with id `{id}` on {page}"));
        let sentence = fold_space(s["text"].as_str().expect("the sentence's text"));
        assert!(!sentence.is_empty(), "{citation}: an empty sentence");
        assert!(
            fold_space(&text).contains(&sentence),
            "{citation}: the sentence `{sentence}` is not in its element, which reads `{text}`"
        );
    }
}

/// Runs of whitespace as one space, as a reader sees text.
fn fold_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements that start a new line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "br",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "section",
    "pre",
];

/// The text inside the element whose `id` is `id`: from its start tag to the
/// end tag that closes it (elements of the same name nested inside counted).
fn element_text(html: &str, id: &str) -> Option<String> {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::RefCell;

    #[derive(Default)]
    struct State {
        /// The element's tag name and how deep in it we are, once found.
        inside: Option<(String, usize)>,
        found: bool,
        text: String,
    }
    struct Sink {
        id: String,
        state: RefCell<State>,
    }
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let st = &mut *self.state.borrow_mut();
            match token {
                Token::TagToken(tag) => {
                    let name = tag.name.to_string();
                    if let Some((open, depth)) = st.inside.as_mut() {
                        if *open == name {
                            match tag.kind {
                                TagKind::StartTag if !tag.self_closing => *depth += 1,
                                TagKind::StartTag => {}
                                TagKind::EndTag => {
                                    *depth -= 1;
                                    if *depth == 0 {
                                        st.inside = None;
                                    }
                                }
                            }
                        } else if BLOCKS.contains(&name.as_str()) {
                            // Block elements inside separate words; inline ones do not.
                            st.text.push(' ');
                        }
                    } else if !st.found
                        && tag.kind == TagKind::StartTag
                        && tag
                            .attrs
                            .iter()
                            .any(|a| &*a.name.local == "id" && *a.value == *self.id)
                    {
                        st.found = true;
                        if !tag.self_closing {
                            st.inside = Some((name, 1));
                        }
                    }
                }
                Token::CharacterTokens(t) if st.inside.is_some() => st.text.push_str(&t),
                _ => {}
            }
            TokenSinkResult::Continue
        }
    }
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let sink = Sink {
        id: id.to_string(),
        state: RefCell::default(),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let st = tokenizer.sink.state.into_inner();
    st.found.then_some(st.text)
}

#[test]
fn element_text_reads_only_the_named_element() {
    let html = "<p id=\"p-1\">One &amp; <em>two</em>.</p><div id=\"p-2\"><div>in</div> out</div><p id=\"p-3\">x</p>";
    assert_eq!(
        fold_space(&element_text(html, "p-1").unwrap()),
        "One & two."
    );
    assert_eq!(fold_space(&element_text(html, "p-2").unwrap()), "in out");
    assert_eq!(element_text(html, "p-9"), None);
}

/// The "cite this" box with the HTML to copy is code, read left to right
/// in every language (`dir="ltr"`), and each stretch of Dari or Pashto in
/// it (the title, the date, the reuse link's words) is isolated right to
/// left in a `<bdi>` of its language, so it reads as written rather than
/// reordered with the markup around it, as it did until 7 December ("،
/// AskAfghanistan، ۱۵ قوس" split by the code's own direction). What it
/// holds, and Copy copies, is the citation as the API gives it.
#[tokio::test]
async fn the_html_citation_box_reads_left_to_right_with_its_dari_and_pashto_isolated() {
    let app = TestApp::spawn().await;
    let slug = "who-governs-afghanistan";
    for lang in ["fa", "ps", "en"] {
        let page = app.text(&format!("/{lang}/{slug}")).await;
        let api = app.json(&format!("/api/v1/articles/{lang}/{slug}")).await;
        let html = api["citation"]["html"].as_str().expect("the citation");
        let at = page.find("id=\"cite-html\"").expect("the box");
        let start = page[..at].rfind('<').unwrap();
        let end = at + page[at..].find('>').unwrap();
        assert!(
            page[start..end].starts_with("<pre ") && page[start..end].contains(" dir=\"ltr\""),
            "{lang}: {}",
            &page[start..=end]
        );
        assert_eq!(
            element_text(&page, "cite-html").as_deref(),
            Some(html),
            "{lang}"
        );
        let inside = &page[end + 1..];
        let inside = &inside[..inside.find("</pre>").unwrap()];
        // Outside its `<bdi>`s, the box holds no Arabic-script letter.
        let mut outside = String::new();
        let mut rest = inside;
        while let Some(open) = rest.find("<bdi") {
            outside.push_str(&rest[..open]);
            rest = &rest[open + rest[open..].find("</bdi>").unwrap() + "</bdi>".len()..];
        }
        outside.push_str(rest);
        assert!(
            !outside
                .chars()
                .any(|c| c.is_alphabetic() && ('\u{0600}'..='\u{06FF}').contains(&c)),
            "{lang}: {inside}"
        );
        if lang != "en" {
            let title = api["title"].as_str().unwrap();
            let isolated = format!("<bdi lang=\"{lang}\" dir=\"rtl\">{title}</bdi>");
            assert!(inside.contains(&isolated), "{lang}: {isolated} in {inside}");
            // The date too, with the comma before it: one stretch.
            assert!(
                inside.contains(&format!(
                    "<bdi lang=\"{lang}\" dir=\"rtl\">، AskAfghanistan،"
                )),
                "{lang}: {inside}"
            );
        }
    }
}

/// What an article page tells machines of its reuse (schema.org's
/// `copyrightNotice`, and `usageInfo`, the reuse policy's address) is the
/// notice its footer gives readers, in the page's language: it was the
/// English sentence on Dari and Pashto pages too, with no link.
#[tokio::test]
async fn an_articles_structured_data_gives_the_reuse_notice_in_its_language() {
    let app = TestApp::spawn().await;
    for lang in ["en", "fa", "ps"] {
        let page = app.text(&format!("/{lang}/who-governs-afghanistan")).await;
        let json = page
            .split("<script type=\"application/ld+json\">")
            .nth(1)
            .and_then(|rest| rest.split("</script>").next())
            .expect("structured data");
        let data: serde_json::Value = serde_json::from_str(json).unwrap();
        let article = data["@graph"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["@type"] == "Article")
            .unwrap();
        let notice = article["copyrightNotice"].as_str().unwrap();
        let rights = element_text(
            &page.replacen("<p class=\"rights\">", "<p id=\"rights\">", 1),
            "rights",
        )
        .unwrap();
        assert!(
            rights.trim_end().ends_with(notice),
            "{lang}: `{notice}` is not the footer's `{rights}`"
        );
        assert_eq!(
            article["usageInfo"],
            format!("{}/{lang}/about#reuse", app.url),
            "{lang}"
        );
        if lang == "en" {
            assert_eq!(notice, "Content reuse requires attribution and a link.");
        } else {
            assert!(
                !notice.chars().any(|c| c.is_ascii_alphabetic()),
                "{lang}: {notice}"
            );
        }
    }
}

/// The HTML citation carries its language and direction, so that pasted
/// into a page of another (a Dari article cited in an English report, an
/// English one on a Dari site) it is read as written: one element, `<span
/// lang dir>`, around it all, wherever the site gives it (the article API,
/// an answer's, the article's box, which is what Copy copies). Bare, a
/// Dari citation in an English paragraph was laid out left to right, its
/// title, publisher, date and reuse link in the reverse of the order a
/// Dari reader reads them.
#[tokio::test]
async fn the_html_citation_says_its_language_and_direction() {
    let app = TestApp::spawn().await;
    let slug = "who-governs-afghanistan";
    for (lang, dir, q) in [
        ("en", "ltr", "Who governs Afghanistan?"),
        ("fa", "rtl", "چه کسی بر افغانستان حکومت می‌کند؟"),
        ("ps", "rtl", "په افغانستان کې څوک حکومت کوي؟"),
    ] {
        let article = app.json(&format!("/api/v1/articles/{lang}/{slug}")).await;
        let answer = app
            .json(&format!("/api/v1/ask?lang={lang}&q={}", crate::ask::enc(q)))
            .await;
        assert_eq!(
            answer["answer"][0]["article"]["lang"], lang,
            "{q}: {answer}"
        );
        let page = app.text(&format!("/{lang}/{slug}")).await;
        let boxed = element_text(&page, "cite-html").unwrap();
        for html in [
            article["citation"]["html"].as_str().unwrap(),
            answer["answer"][0]["citation"]["html"].as_str().unwrap(),
            &boxed,
        ] {
            let open = format!("<span lang=\"{lang}\" dir=\"{dir}\">");
            let inside = html
                .strip_prefix(&open)
                .and_then(|rest| rest.strip_suffix("</span>"))
                .unwrap_or_else(|| panic!("{lang}: {html}"));
            assert!(!inside.contains("<span"), "{lang}: one span: {html}");
            assert!(inside.starts_with("<a href="), "{lang}: {html}");
        }
    }
}

/// The plain-text and the HTML citation say the same of the article's
/// date, in each language, wherever they are given (the article API, the
/// page's box): the plain text said "updated 20 February 2026", the HTML
/// "20 February 2026", which reads as the day it was published.
#[tokio::test]
async fn the_text_and_html_citations_date_the_article_in_the_same_words() {
    let app = TestApp::spawn().await;
    let slug = "who-governs-afghanistan";
    // What a citation says after the site's name, to the end of that
    // sentence: the date, with its words.
    let dated = |citation: &str| -> String {
        let from = citation.find("AskAfghanistan").expect("the site's name");
        let rest = &citation[from..];
        rest[..rest.find(". ").expect("the date's full stop")].to_string()
    };
    for (lang, updated) in [
        ("en", "updated"),
        ("fa", "به\u{200c}روز شده در"),
        ("ps", "تازه شوې:"),
    ] {
        let api = app.json(&format!("/api/v1/articles/{lang}/{slug}")).await;
        let text = api["citation"]["text"].as_str().unwrap();
        let html = without_tags(api["citation"]["html"].as_str().unwrap());
        let page = app.text(&format!("/{lang}/{slug}")).await;
        let boxed = without_tags(&element_text(&page, "cite-html").unwrap());
        let said = dated(text);
        assert!(said.contains(updated), "{lang}: {said}");
        assert_eq!(dated(&html), said, "{lang}: the API's HTML citation");
        assert_eq!(dated(&boxed), said, "{lang}: the page's HTML citation");
    }
}

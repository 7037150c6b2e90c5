//! An answer's sentence stands, word for word, inside the element its
//! citation link names: what a reader who follows `/en/SLUG#p-4` sees there.

use crate::helpers::TestApp;

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

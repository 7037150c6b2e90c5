//! Every vector of a public XSS list, posted as a comment's name, body and
//! link, comes back as text: on the article, in the moderation queue, in the
//! feeds, and in the form that hands a refused comment back.

use crate::helpers::{TestApp, MOD_PASSWORD};

const ARTICLE: &str = "/en/afghan-currency";

pub(crate) fn vectors() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../askaf-comments/tests/fixtures/xss-vectors.txt"
    );
    std::fs::read_to_string(path)
        .expect("the XSS fixture")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.replace("\\n", "\n"))
        .collect()
}

/// The elements our own templates write; anything else in a page came from input.
const OUR_TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "link",
    "script",
    "body",
    "a",
    "header",
    "div",
    "nav",
    "ul",
    "ol",
    "li",
    "span",
    "form",
    "label",
    "input",
    "button",
    "main",
    "article",
    "p",
    "h1",
    "h2",
    "h3",
    "time",
    "section",
    "pre",
    "small",
    "footer",
    "textarea",
    "strong",
    "em",
    "blockquote",
    "code",
    "br",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "select",
    "option",
    "fieldset",
    "legend",
    "ins",
    "del",
    // A long comment's text before an edit, folded in the decision log.
    "details",
    "summary",
    // What was typed, named in an error, isolated in a sentence.
    "bdi",
];

/// A start tag: its name and its attributes.
pub(crate) type Tag = (String, Vec<(String, String)>);

/// The start tags of a page as a browser's tokenizer reads them.
pub(crate) fn start_tags(html: &str) -> Vec<Tag> {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::RefCell;

    #[derive(Default)]
    struct Sink(RefCell<Vec<Tag>>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            if let Token::TagToken(tag) = token {
                if tag.kind == TagKind::StartTag {
                    let attrs = tag
                        .attrs
                        .iter()
                        .map(|a| (a.name.local.to_string(), a.value.to_string()))
                        .collect();
                    self.0.borrow_mut().push((tag.name.to_string(), attrs));
                }
            }
            TokenSinkResult::Continue
        }
    }
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.into_inner()
}

/// Checks a whole page: only our elements, no event handlers, only safe
/// link targets, and exactly the scripts the page itself loads.
pub(crate) fn assert_page_clean(html: &str, scripts: usize, what: &str) {
    let tags = start_tags(html);
    for (name, attrs) in &tags {
        assert!(
            OUR_TAGS.contains(&name.as_str()),
            "{what}: a <{name}> element came through"
        );
        for (attr, value) in attrs {
            assert!(!attr.starts_with("on"), "{what}: {attr}= on <{name}>");
            if matches!(attr.as_str(), "href" | "src" | "action" | "formaction") {
                let v = value.trim_start().to_ascii_lowercase();
                let ok = ["/", "#", "?", "http://", "https://", "mailto:"]
                    .iter()
                    .any(|p| v.starts_with(p));
                assert!(ok, "{what}: {attr}=`{value}` on <{name}>");
            }
        }
    }
    assert_eq!(
        tags.iter().filter(|(n, _)| n == "script").count(),
        scripts,
        "{what}: scripts"
    );
    for body in html.split("<div class=\"comment-body\"").skip(1) {
        let body = &body[body.find('>').unwrap() + 1..body.find("</div>").unwrap()];
        askaf_comments::assert_safe_html(body).unwrap_or_else(|e| panic!("{what}: {e}"));
    }
}

/// Undoes the templates' escaping of an attribute value.
fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[tokio::test]
async fn no_xss_vector_comes_back_as_live_markup() {
    let app = TestApp::spawn_for_comments(&[
        "--comments-per-ip-per-hour",
        "100000",
        "--comments-per-email-per-hour",
        "100000",
        "--comment-max-links",
        "100",
    ]);
    let vectors = vectors();
    assert!(vectors.len() >= 300, "the fixture holds the list");

    // The first comment from the address waits; once approved, the rest are
    // published at once, so the article page shows them all.
    let r = app
        .comment(
            ARTICLE,
            &[
                ("name", "Tester"),
                ("email", "xss@example.org"),
                ("body", "first"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    app.login("mod", MOD_PASSWORD).await;
    let r = app
        .admin_post(
            "/admin/comments",
            "/admin/comments/1",
            &[("action", "approve")],
        )
        .await;
    assert_eq!(r.status(), 303);

    let (csrf, t) = app.form_tokens(ARTICLE).await;
    let form_scripts = {
        let r = app
            .post_form(
                &format!("{ARTICLE}/comments"),
                &[("csrf", &csrf), ("t", &t), ("name", ""), ("body", "x")],
            )
            .await;
        assert_eq!(r.status(), 400);
        start_tags(&r.text().await.unwrap())
            .iter()
            .filter(|(n, _)| n == "script")
            .count()
    };
    let mut published = 0;
    for (i, v) in vectors.iter().enumerate() {
        let link = format!("[link {i}]({v}) and <{v}>");
        for (name, body) in [(v.as_str(), format!("{i}: {v}")), ("Tester", link)] {
            let r = app
                .post_form(
                    &format!("{ARTICLE}/comments"),
                    &[
                        ("csrf", &csrf),
                        ("t", &t),
                        ("name", name),
                        ("email", "xss@example.org"),
                        ("body", &body),
                    ],
                )
                .await;
            let status = r.status();
            if status == 303 {
                published += 1;
                continue;
            }
            // Refused (a name too long, a control character): the form comes
            // back holding exactly what was typed, as text.
            assert!(status.is_client_error(), "{v}: {status}");
            let html = r.text().await.unwrap();
            assert_page_clean(&html, form_scripts, &format!("form for {v:?}"));
            let shown = crate::helpers::attr(&html, "<input id=\"comment-name\"", "value").unwrap();
            assert_eq!(
                unescape(&shown),
                name.trim(),
                "the name comes back as typed"
            );
        }
    }
    assert!(
        published > vectors.len(),
        "most vectors were published ({published})"
    );

    let page = app.text(ARTICLE).await;
    let scripts = start_tags(&app.text("/en/travel-and-visas").await)
        .iter()
        .filter(|(n, _)| n == "script")
        .count();
    assert_page_clean(&page, scripts, "article page");
    assert!(page.contains(&format!("{} Comments", published + 1)));
    let queue = app.text("/admin/comments?status=approved").await;
    assert_page_clean(&queue, 1, "moderation queue");

    for feed in [
        format!("{ARTICLE}/comments.atom"),
        "/comments.atom".to_string(),
    ] {
        assert_feed_clean(&app.text(&feed).await, &feed);
    }
}

/// Each comment in the comment feed `xml` is well-formed XML and holds
/// only the comment subset's markup ([`askaf_comments::assert_safe_html`])
/// inside the one block the feed puts it in, which says its language and
/// direction and nothing else: `<div lang="…" dir="…">`, one of the site's
/// languages and `ltr` or `rtl`.
pub(crate) fn assert_feed_clean(xml: &str, what: &str) {
    let doc = roxmltree::Document::parse(xml).expect("the feed stays well-formed XML");
    for content in doc.descendants().filter(|n| n.has_tag_name("content")) {
        let html = content.text().unwrap_or("");
        let inner = ["en", "fa", "ps"]
            .iter()
            .flat_map(|lang| {
                ["ltr", "rtl"].map(|dir| format!("<div lang=\"{lang}\" dir=\"{dir}\">\n"))
            })
            .find_map(|open| html.strip_prefix(open.as_str()))
            .and_then(|rest| rest.strip_suffix("</div>"))
            .unwrap_or_else(|| panic!("{what}: not in its block: {html}"));
        askaf_comments::assert_safe_html(inner).unwrap_or_else(|e| panic!("{what}: {e}"));
    }
}

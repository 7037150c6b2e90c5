//! The Markdown a reader may write in a comment, rendered to HTML that cannot run.
//!
//! Comments get a small subset: paragraphs, emphasis and strong, links (a bare
//! `http(s)://` URL among them, as an autolink), block quotes, bullet and
//! numbered lists, inline code and line breaks. Anything else a
//! reader types (raw HTML, images, headings, tables, code blocks) is still shown,
//! as the characters they typed: a comment never loses words because they happened
//! to look like markup.
//!
//! Two layers keep the output safe. The walk below only ever produces the subset's
//! own markup, with raw HTML turned into text and link targets checked; then
//! ammonia cleans the result against an allow-list all the same, so a mistake in
//! the walk, or in pulldown-cmark, cannot reach a reader.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

/// The version of [`render`]'s output, stored with each comment's HTML.
/// Raise it whenever `render` makes other HTML of some text than before:
/// comments are stored rendered, and a server started with a higher
/// version renders again, from the text their readers wrote, every comment
/// an older one made (`askaf_store::Store::rerender_comments`).
///
/// 0: stored before versions were kept. 1: bare `http(s)://` URLs are
/// links (stop 56).
pub const RENDER_VERSION: i64 = 1;

/// A comment body, rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitized HTML: only the elements in [`crate::ALLOWED_TAGS`], with the
    /// attributes [`crate::assert_safe_html`] allows.
    pub html: String,
    /// Every link the reader wrote: Markdown links and autolinks (whether or not
    /// their target was allowed), images, link definitions shown as text, and bare
    /// `http(s)://` URLs in the text.
    /// Spam is mostly links, so this feeds the link cap in [`crate::decide`].
    pub links: usize,
}

/// Renders a comment body. Never fails: any input yields safe HTML.
///
/// A newline inside a paragraph is a line break, as readers typing into a text
/// box expect. An ordered list keeps its first number (`<ol start="3">`), since a
/// line such as `2021. A hard year` is a list to Markdown and must not be shown as
/// `1. A hard year`.
pub fn render(markdown: &str) -> Rendered {
    let walk = Walk::run(markdown);
    let mut raw = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut raw, walk.events.into_iter());
    Rendered {
        html: SANITIZER.clean(&raw).to_string(),
        links: walk.links,
    }
}

/// The body as a reader sees it, without markup, on one line.
///
/// Link targets are left out: a feed summary wants the words, and two comments
/// that differ only in where their links point are the same comment. Control
/// characters are dropped, as the HTML parser drops them: a feed's XML cannot
/// hold them.
pub fn plain_text(markdown: &str) -> String {
    let walk = Walk::run(markdown);
    let visible: String = walk
        .plain
        .chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A link a comment makes, as a moderator checks it before approving: its
/// words and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The link's words, as a reader sees them, on one line.
    pub text: String,
    /// Where it leads: the `href` [`render`] gives it (an `http`, `https`
    /// or `mailto` address; a link to anywhere else is shown as the text
    /// typed and is none).
    pub href: String,
}

/// The links [`render`] makes of a comment, in order: what a reader's
/// words say a link is and where it goes may differ (`[the UN
/// report](https://phish.example)`), and a moderator sees both.
pub fn links(markdown: &str) -> Vec<Link> {
    Walk::run(markdown).made
}

/// Bare URLs, counted in the text a reader sees outside links.
#[expect(
    clippy::expect_used,
    reason = "the pattern is a literal that compiles (every test uses it)"
)]
static BARE_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)https?://\S").expect("valid regex"));

/// A bare URL where [`Walk::text_with_urls`] makes it a link: to the
/// first space or `<`, its end trimmed by [`trim_url_end`].
#[expect(
    clippy::expect_used,
    reason = "the pattern is a literal that compiles (every test uses it)"
)]
static URL_IN_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)https?://[^\s<]+").expect("valid regex"));

/// `url` without the punctuation that ends the sentence around it rather
/// than the URL: `https://example.org/x.` links `https://example.org/x`,
/// `(see https://example.org/x)` leaves the `)`, but
/// `https://en.wikipedia.org/wiki/Kabul_(city)` keeps its own. Dari and
/// Pashto's comma, semicolon, question mark and full stop, and closing
/// quotes of either script, are punctuation too.
fn trim_url_end(url: &str) -> &str {
    let mut url = url;
    loop {
        let Some(last) = url.chars().next_back() else {
            return url;
        };
        let unbalanced = |open: char| url.matches(open).count() < url.matches(last).count();
        let trailing = match last {
            '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '"' | '*' | '_' | '~' => true,
            '،' | '؛' | '؟' | '۔' | '”' | '’' | '»' | '›' => true,
            ')' => unbalanced('('),
            ']' => unbalanced('['),
            _ => false,
        };
        if !trailing {
            return url;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut tag_attributes = HashMap::new();
    tag_attributes.insert("a", HashSet::from(["href"]));
    tag_attributes.insert("ol", HashSet::from(["start"]));
    let dir = || HashMap::from([("dir", HashSet::from(["auto", "ltr", "rtl"]))]);
    let tag_attribute_values = HashMap::from([("p", dir()), ("li", dir()), ("blockquote", dir())]);
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(crate::ALLOWED_TAGS.iter().copied().collect())
        .tag_attributes(tag_attributes)
        .tag_attribute_values(tag_attribute_values)
        .generic_attributes(HashSet::new())
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("nofollow ugc noopener noreferrer"))
        .clean_content_tags(HashSet::from(["script", "style"]))
        .strip_comments(true)
        .id_prefix(None);
    builder
});

/// One pass over pulldown-cmark's events, producing the subset's events, the
/// plain text and the link count together so the three always agree.
struct Walk<'a> {
    markdown: &'a str,
    events: Vec<Event<'a>>,
    plain: String,
    /// The text outside links, where bare URLs are counted; `\n` separates runs
    /// that a reader does not see as one word.
    bare: String,
    links: usize,
    /// Inside an allowed link: its text is not scanned for bare URLs.
    in_link: bool,
    /// The allowed link open: its `href`, and where its text starts in
    /// `plain`.
    link: Option<(String, usize)>,
    /// The links made, in order ([`links`]).
    made: Vec<Link>,
    /// Inside a code block or an HTML block, whose lines become line breaks.
    in_lines: bool,
    /// A line ended in a code or HTML block; the break is written only if
    /// another line follows, so a block's last newline adds nothing.
    pending_break: bool,
    /// Inside a fenced code block, which is wrapped in `<code>`.
    fenced: bool,
    /// The blocks open (paragraph, quote, list item), innermost last: where
    /// each start tag stands in `events`, where its text starts in `plain`
    /// and its element. A start tag is written when its block ends, with
    /// the direction its words give ([`askaf_text::direction`]).
    open: Vec<(usize, usize, &'static str)>,
}

impl<'a> Walk<'a> {
    fn run(markdown: &'a str) -> Walk<'a> {
        // No extensions: tables, strikethrough, footnotes and the rest stay text.
        let mut parser = Parser::new_ext(markdown, Options::empty()).into_offset_iter();
        let source: Vec<(Event<'a>, Range<usize>)> = parser.by_ref().collect();
        let mut definitions = unused_definitions(&source, parser.reference_definitions());
        let mut w = Walk {
            markdown,
            events: Vec::with_capacity(source.len() + 8),
            plain: String::with_capacity(markdown.len()),
            bare: String::new(),
            links: 0,
            in_link: false,
            link: None,
            made: Vec::new(),
            in_lines: false,
            pending_break: false,
            fenced: false,
            open: Vec::new(),
        };
        let mut i = 0;
        while i < source.len() {
            let (event, range) = &source[i];
            if starts_block(event) {
                while definitions.first().is_some_and(|d| d.start <= range.start) {
                    let d = definitions.remove(0);
                    w.definition(d);
                }
            }
            match event {
                Event::Start(Tag::Paragraph) | Event::Start(Tag::Heading { .. }) => w.open("p"),
                Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Heading(_)) => w.close("</p>\n"),
                Event::Start(Tag::BlockQuote(_)) => w.open("blockquote"),
                Event::End(TagEnd::BlockQuote(_)) => w.close("</blockquote>\n"),
                Event::Start(Tag::List(_)) | Event::End(TagEnd::List(_)) => {
                    w.gap();
                    w.events.push(event.clone());
                }
                Event::Start(Tag::Item) => w.open("li"),
                Event::End(TagEnd::Item) => w.close("</li>\n"),
                Event::Start(Tag::CodeBlock(kind)) => {
                    w.open("p");
                    w.fenced = matches!(kind, CodeBlockKind::Fenced(_));
                    if w.fenced {
                        w.html("<code>");
                    }
                    w.in_lines = true;
                }
                Event::End(TagEnd::CodeBlock) => {
                    w.in_lines = false;
                    w.pending_break = false;
                    if std::mem::take(&mut w.fenced) {
                        w.html("</code>");
                    }
                    w.close("</p>\n");
                }
                Event::Start(Tag::HtmlBlock) => {
                    w.open("p");
                    w.in_lines = true;
                }
                Event::End(TagEnd::HtmlBlock) => {
                    w.in_lines = false;
                    w.pending_break = false;
                    w.close("</p>\n");
                }
                Event::Start(Tag::Emphasis)
                | Event::Start(Tag::Strong)
                | Event::End(TagEnd::Emphasis)
                | Event::End(TagEnd::Strong) => w.events.push(event.clone()),
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }) => match safe_href(*link_type, dest_url) {
                    Some(href) => {
                        w.links += 1;
                        w.bare.push('\n');
                        w.in_link = true;
                        w.link = Some((href.clone(), w.plain.len()));
                        w.events.push(Event::Start(Tag::Link {
                            link_type: LinkType::Inline,
                            dest_url: CowStr::from(href),
                            title: CowStr::Borrowed(""),
                            id: CowStr::Borrowed(""),
                        }));
                    }
                    None => i = w.literal(&source, i),
                },
                Event::End(TagEnd::Link) => {
                    if let Some((href, from)) = w.link.take() {
                        let text = w.plain[from..].split_whitespace().collect::<Vec<_>>();
                        w.made.push(Link {
                            text: text.join(" "),
                            href,
                        });
                    }
                    w.in_link = false;
                    w.bare.push('\n');
                    w.events.push(event.clone());
                }
                Event::Start(Tag::Image { .. }) => i = w.literal(&source, i),
                Event::Text(_) if !w.in_lines && !w.in_link => {
                    // One run of text, which pulldown-cmark may hand over in
                    // pieces (at a `&`, a `[`, an escape): a URL in it is
                    // whole only once they are put together.
                    let mut run = String::new();
                    let mut j = i;
                    while let Some((Event::Text(t), _)) = source.get(j) {
                        run.push_str(t);
                        j += 1;
                    }
                    w.text_with_urls(run);
                    i = j - 1;
                }
                Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    if w.in_lines {
                        w.lines(t);
                    } else {
                        w.text(t.clone());
                    }
                }
                Event::Code(t) => {
                    w.seen(t);
                    w.events.push(event.clone());
                }
                Event::SoftBreak | Event::HardBreak => {
                    w.gap();
                    w.events.push(Event::HardBreak);
                }
                Event::Rule => {
                    w.open("p");
                    w.text(CowStr::Borrowed(markdown[range.clone()].trim()));
                    w.close("</p>\n");
                }
                // Extensions that are off; should one appear, its tag goes and its text stays.
                Event::Start(_) | Event::End(_) => {}
                Event::FootnoteReference(_)
                | Event::TaskListMarker(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_) => w.text(CowStr::Borrowed(&markdown[range.clone()])),
            }
            i += 1;
        }
        for d in definitions {
            w.definition(d);
        }
        w.links += BARE_URL.find_iter(&w.bare).count();
        w
    }

    fn html(&mut self, html: &'static str) {
        self.events.push(Event::Html(CowStr::Borrowed(html)));
    }

    /// Markup that starts or ends a block, which a reader sees as a gap.
    fn block(&mut self, html: &'static str) {
        self.gap();
        self.html(html);
    }

    /// Starts a block of `element`; its start tag waits for [`Walk::close`].
    fn open(&mut self, element: &'static str) {
        self.gap();
        self.open
            .push((self.events.len(), self.plain.len(), element));
        self.events.push(Event::Html(CowStr::Borrowed("")));
    }

    /// Ends the innermost block with `end`, and writes its start tag with
    /// the direction of its words: a Dari paragraph that opens with a Latin
    /// name still reads right to left (`dir="auto"` would go by that name).
    /// A block without a letter keeps `auto`, and so its parent's direction.
    fn close(&mut self, end: &'static str) {
        if let Some((at, from, element)) = self.open.pop() {
            let dir = askaf_text::direction(&self.plain[from..]).map_or("auto", |d| d.as_str());
            let newline = if element == "blockquote" { "\n" } else { "" };
            self.events[at] =
                Event::Html(CowStr::from(format!("<{element} dir=\"{dir}\">{newline}")));
        }
        self.block(end);
    }

    /// A boundary a reader sees as whitespace.
    fn gap(&mut self) {
        self.plain.push(' ');
        self.bare.push('\n');
    }

    /// Text the reader wrote, shown as text.
    fn text(&mut self, t: CowStr<'a>) {
        self.seen(&t);
        self.events.push(Event::Text(t));
    }

    /// Text the reader wrote, with each bare `http(s)://` URL in it made a
    /// link, as a Markdown autolink would be (GitHub's "extended
    /// autolinks"): it counts toward the link cap already, so it should
    /// work as one. A URL starts after a space, punctuation or the start,
    /// not inside a word, and ends at a space or `<`; punctuation that
    /// ends the sentence around it (`.`, `,`, `?`, `؟`, `،`, a closing
    /// quote, a `)` that closes nothing in the URL) stays text. A URL
    /// [`safe_href`] refuses (no host) stays text. Counted as before: the
    /// whole run is text outside links ([`Walk::bare`]).
    fn text_with_urls(&mut self, run: String) {
        self.seen(&run);
        let mut shown = 0;
        for m in URL_IN_TEXT.find_iter(&run) {
            if run[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let url = trim_url_end(m.as_str());
            let Some(href) = safe_href(LinkType::Inline, url) else {
                continue;
            };
            let end = m.start() + url.len();
            if m.start() > shown {
                self.events
                    .push(Event::Text(CowStr::from(run[shown..m.start()].to_string())));
            }
            self.events.push(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: CowStr::from(href.clone()),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            }));
            self.events.push(Event::Text(CowStr::from(url.to_string())));
            self.events.push(Event::End(TagEnd::Link));
            self.made.push(Link {
                text: url.to_string(),
                href,
            });
            shown = end;
        }
        if shown < run.len() {
            self.events
                .push(Event::Text(CowStr::from(run[shown..].to_string())));
        }
    }

    fn seen(&mut self, t: &str) {
        self.plain.push_str(t);
        if !self.in_link {
            self.bare.push_str(t);
        }
    }

    /// Lines of a code or HTML block: each shown as text, joined by line breaks.
    fn lines(&mut self, t: &str) {
        for piece in t.split_inclusive('\n') {
            if self.pending_break {
                self.pending_break = false;
                self.gap();
                self.events.push(Event::HardBreak);
            }
            let line = piece.trim_end_matches(['\n', '\r']);
            if !line.is_empty() {
                self.text(CowStr::from(line.to_string()));
            }
            if piece.ends_with('\n') {
                self.pending_break = true;
            }
        }
    }

    /// Shows the source of the element starting at `source[start]` as typed, and
    /// returns the index of its end event. Used for images and for links whose
    /// target is not allowed: the reader's text stays, nothing becomes live.
    fn literal(&mut self, source: &[(Event<'a>, Range<usize>)], start: usize) -> usize {
        self.source_text(source[start].1.clone());
        let mut depth = 0usize;
        let mut j = start;
        while j < source.len() {
            match source[j].0 {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                return j;
            }
            j += 1;
        }
        j
    }

    /// The source at `range`, shown as typed. It was a link of sorts (an image,
    /// a link to a refused target, a link definition) even if it is not one now,
    /// so it counts as at least one.
    fn source_text(&mut self, range: Range<usize>) {
        let text = self.markdown[range].trim();
        self.links += BARE_URL.find_iter(text).count().max(1);
        self.bare.push('\n');
        self.plain.push_str(text);
        self.events.push(Event::Text(CowStr::Borrowed(text)));
        self.bare.push('\n');
    }

    /// A link reference definition that no published link uses, as a paragraph.
    fn definition(&mut self, range: Range<usize>) {
        self.open("p");
        self.source_text(range);
        self.close("</p>\n");
    }
}

/// Where a definition shown as text may go: before a block that can stand in
/// any container, so the paragraph it becomes is never put inside a list
/// between two items.
fn starts_block(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Start(
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
        ) | Event::Rule
    )
}

/// The spans of link reference definitions (`[label]: target`) that no
/// published link uses, in document order.
///
/// Markdown hides every definition, but in a comment one that no link uses was
/// most likely meant as text (`[1]: https://source.example`, a footnote), and
/// one whose target is refused would hide the reader's words; both are shown.
fn unused_definitions(
    source: &[(Event<'_>, Range<usize>)],
    definitions: &pulldown_cmark::RefDefs<'_>,
) -> Vec<Range<usize>> {
    let mut used = HashSet::new();
    for (event, _) in source {
        if let Event::Start(Tag::Link {
            link_type: LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut,
            dest_url,
            id,
            ..
        }) = event
        {
            if safe_href(LinkType::Inline, dest_url).is_some() {
                if let Some(definition) = definitions.get(id) {
                    used.insert(definition.span.start);
                }
            }
        }
    }
    let mut spans: Vec<Range<usize>> = definitions
        .iter()
        .map(|(_, d)| d.span.clone())
        .filter(|span| !used.contains(&span.start))
        .collect();
    spans.sort_by_key(|span| span.start);
    spans
}

/// The link target to publish, or `None` when a link must be shown as text:
/// anything but an absolute `http`, `https` or `mailto` URL.
///
/// The URL is parsed as a browser would (entities are already decoded by
/// pulldown-cmark; tabs, newlines and leading control characters are dropped by
/// the URL parser), so `jAvAsCrIpT:`, `&#106;avascript:` and `java\tscript:` are
/// all seen as the `javascript` scheme they are.
fn safe_href(link_type: LinkType, dest: &str) -> Option<String> {
    let candidate = match link_type {
        LinkType::Email => format!("mailto:{}", dest.trim()),
        _ => dest.trim().to_string(),
    };
    let url = ammonia::Url::parse(&candidate).ok()?;
    let ok = match url.scheme() {
        "http" | "https" => url.host_str().is_some_and(|h| !h.is_empty()),
        "mailto" => url.path().contains('@'),
        _ => false,
    };
    ok.then(|| url.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assert_safe_html;

    fn html(md: &str) -> String {
        let r = render(md);
        assert_safe_html(&r.html).unwrap_or_else(|e| panic!("{e}\n{}", r.html));
        r.html
    }

    /// Each link says its words and where it leads, the address as the
    /// rendered comment has it; a link to anywhere else is none, its text
    /// shown as typed.
    #[test]
    fn links_say_their_words_and_where_they_lead() {
        let md = "See [the *UN* report](https://phish.example/x?a=1&b=<b>) and \
                  [this](javascript:alert(1)), <https://example.org> and <me@example.org>.";
        let link = |text: &str, href: &str| Link {
            text: text.into(),
            href: href.into(),
        };
        assert_eq!(
            links(md),
            [
                link("the UN report", "https://phish.example/x?a=1&b=%3Cb%3E"),
                link("https://example.org", "https://example.org/"),
                link("me@example.org", "mailto:me@example.org"),
            ]
        );
        let shown = html(md);
        for made in links(md) {
            let href = made.href.replace('&', "&amp;");
            assert!(shown.contains(&format!("href=\"{href}\"")), "{shown}");
        }
        assert!(shown.contains("[this](javascript:alert(1))"), "{shown}");
        assert_eq!(
            links("no markup, [x] https://bare.example only"),
            [link("https://bare.example", "https://bare.example/")]
        );
    }

    #[test]
    fn each_allowed_construct_renders() {
        assert_eq!(
            html("Hello *there* **friend**"),
            "<p dir=\"ltr\">Hello <em>there</em> <strong>friend</strong></p>\n"
        );
        assert_eq!(
            html("[UNHCR](https://www.unhcr.org/)"),
            "<p dir=\"ltr\"><a href=\"https://www.unhcr.org/\" rel=\"nofollow ugc noopener noreferrer\">UNHCR</a></p>\n"
        );
        assert!(html("<https://example.org/a>").contains("<a href=\"https://example.org/a\""));
        assert!(html("<someone@example.org>").contains("<a href=\"mailto:someone@example.org\""));
        assert!(html("[me](mailto:me@example.org)").contains("href=\"mailto:me@example.org\""));
        assert_eq!(
            html("> quoted"),
            "<blockquote dir=\"ltr\">\n<p dir=\"ltr\">quoted</p>\n</blockquote>\n"
        );
        assert_eq!(
            html("- one\n- two\n  1. nested"),
            "<ul>\n<li dir=\"ltr\">one</li>\n<li dir=\"ltr\">two\n<ol>\n<li dir=\"ltr\">nested</li>\n</ol>\n</li>\n</ul>\n"
        );
        assert_eq!(
            html("use `x < y`"),
            "<p dir=\"ltr\">use <code>x &lt; y</code></p>\n"
        );
        assert_eq!(
            html("line one\nline two"),
            "<p dir=\"ltr\">line one<br>\nline two</p>\n"
        );
        assert_eq!(
            html("hard  \nbreak"),
            "<p dir=\"ltr\">hard<br>\nbreak</p>\n"
        );
    }

    /// A bare URL is a link, as a Markdown autolink is: it counts toward
    /// the link cap, so it works as one. The punctuation of the sentence
    /// around it stays outside it; `javascript:` and `data:` are never
    /// links, nor a URL in code or inside a word.
    #[test]
    fn a_bare_url_is_a_link_without_the_sentences_punctuation() {
        assert_eq!(
            html("See https://example.org/x."),
            "<p dir=\"ltr\">See <a href=\"https://example.org/x\" rel=\"nofollow ugc noopener noreferrer\">https://example.org/x</a>.</p>\n"
        );
        for (md, text, href) in [
            (
                "(see https://example.org/x)",
                "https://example.org/x",
                "https://example.org/x",
            ),
            (
                "https://en.wikipedia.org/wiki/Kabul_(city), a city",
                "https://en.wikipedia.org/wiki/Kabul_(city)",
                "https://en.wikipedia.org/wiki/Kabul_(city)",
            ),
            (
                "“https://example.org/a?b=1&c=2”!",
                "https://example.org/a?b=1&c=2",
                "https://example.org/a?b=1&c=2",
            ),
            (
                "*HTTP://Example.org/em*",
                "HTTP://Example.org/em",
                "http://example.org/em",
            ),
            (
                "این را ببینید: https://fa.wikipedia.org/wiki/کابل؟",
                "https://fa.wikipedia.org/wiki/کابل",
                "https://fa.wikipedia.org/wiki/%DA%A9%D8%A7%D8%A8%D9%84",
            ),
            (
                "«https://example.org/ps»، او",
                "https://example.org/ps",
                "https://example.org/ps",
            ),
        ] {
            let link = Link {
                text: text.into(),
                href: href.into(),
            };
            assert_eq!(links(md), [link], "{md}");
            let shown = html(md);
            let want = format!(
                "<a href=\"{}\" rel=\"nofollow ugc noopener noreferrer\">{}</a>",
                href.replace('&', "&amp;"),
                text.replace('&', "&amp;")
            );
            assert!(shown.contains(&want), "{md}: {shown}");
            assert_eq!(render(md).links, 1, "{md}");
        }
        for md in [
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "`https://code.example`",
            "```\nhttps://fenced.example\n```",
            "xhttps://glued.example",
            "https:// and https://.",
        ] {
            assert_eq!(links(md), [], "{md}");
            assert!(!html(md).contains("<a "), "{md}: {}", html(md));
        }
        // Two in a run, beside a link: three links, each counted once.
        let md = "[a](https://a.example), https://b.example and https://c.example/&x";
        assert_eq!(render(md).links, 3);
        assert_eq!(links(md).len(), 3);
        // What a browser would read as markup stays text.
        let shown = html("https://x.example/\"><script>alert(1)</script>");
        assert!(shown.contains("&lt;script&gt;"), "{shown}");
    }

    #[test]
    fn numbered_lists_keep_their_first_number() {
        assert!(html("2021. A hard year").contains("<ol start=\"2021\">"));
        assert!(html("1. first").contains("<ol>\n<li"));
    }

    #[test]
    fn dari_and_pashto_paragraphs_choose_their_own_direction() {
        let h = html("این یک نظر است.\n\n- د ښځو زده‌کړه");
        assert!(h.contains("<p dir=\"rtl\">این یک نظر است.</p>"), "{h}");
        assert!(
            h.contains("<li dir=\"rtl\">د ښځو زده\u{200c}کړه</li>"),
            "{h}"
        );
    }

    /// Each block reads the way most of its words do, not the way its
    /// first letter does: a Dari paragraph opening with a Latin name is
    /// right to left, an English one quoting a Dari word left to right.
    #[test]
    fn a_block_reads_the_way_its_words_do_not_its_first_letter() {
        for (md, want) in [
            (
                "UNHCR گزارش داده است که نرخ افغانی در 2025 ثابت ماند. آیا این درست است؟",
                "<p dir=\"rtl\">UNHCR",
            ),
            (
                "[World Bank](https://www.worldbank.org/) می‌گوید اقتصاد کوچک‌تر شده است.",
                "<p dir=\"rtl\"><a ",
            ),
            (
                "Taliban په ۲۰۲۱ کال کې واک ته ورسېدل",
                "<p dir=\"rtl\">Taliban",
            ),
            (
                "کابل is the capital, and I lived there.",
                "<p dir=\"ltr\">کابل",
            ),
            (
                "> Kabul Bank ورشکست شد\n\nYes, in 2010.",
                "<blockquote dir=\"rtl\">\n<p dir=\"rtl\">Kabul Bank",
            ),
            ("2025 👍", "<p dir=\"auto\">2025"),
        ] {
            let h = html(md);
            assert!(h.starts_with(want), "{md}: {h}");
        }
        assert!(html("> Kabul Bank ورشکست شد\n\nYes, in 2010.").contains("<p dir=\"ltr\">Yes"));
    }

    #[test]
    fn raw_html_is_shown_as_the_text_typed() {
        let h = html("Hello <script>alert(1)</script> and <img src=x onerror=alert(1)>");
        assert_eq!(
            h,
            "<p dir=\"ltr\">Hello &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;</p>\n"
        );
        let h = html("<div onclick=\"x()\">\nblock\n</div>");
        assert_eq!(
            h,
            "<p dir=\"ltr\">&lt;div onclick=\"x()\"&gt;<br>\nblock<br>\n&lt;/div&gt;</p>\n"
        );
        assert_eq!(
            html("<!-- hidden -->"),
            "<p dir=\"ltr\">&lt;!-- hidden --&gt;</p>\n"
        );
    }

    #[test]
    fn dangerous_link_targets_stay_text() {
        for md in [
            "[x](javascript:alert(1))",
            "[x](jAvAsCrIpT:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](&#x6A;&#x61;vascript:alert(1))",
            "[x](java&#9;script:alert(1))",
            "[x](<java\tscript:alert(1)>)",
            "[x](%20javascript:alert(1))",
            "[x](\u{1}javascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[x](vbscript:msgbox(1))",
            "[x](VBScript:msgbox(1))",
            "<javascript:alert(1)>",
            "[x][r]\n\n[r]: javascript:alert(1)",
            "[x](/relative/path)",
            "[x](//example.org/protocol-relative)",
            "[x](www.example.org)",
        ] {
            let h = html(md);
            assert!(!h.contains("<a"), "{md:?} gave {h}");
        }
        // The words are kept, as typed.
        assert_eq!(
            html("[x](javascript:alert(1))"),
            "<p dir=\"ltr\">[x](javascript:alert(1))</p>\n"
        );
    }

    #[test]
    fn headings_images_code_blocks_and_tables_become_text() {
        assert_eq!(html("# Title"), "<p dir=\"ltr\">Title</p>\n");
        assert_eq!(
            html("![a cat](https://example.org/cat.png)"),
            "<p dir=\"ltr\">![a cat](https://example.org/cat.png)</p>\n"
        );
        assert_eq!(
            html("![x](javascript:alert(1))\"onerror=\"alert(1)"),
            "<p dir=\"ltr\">![x](javascript:alert(1))\"onerror=\"alert(1)</p>\n"
        );
        assert_eq!(
            html("```\nfn main() {}\nlet x = 1;\n```"),
            "<p dir=\"ltr\"><code>fn main() {}<br>\nlet x = 1;</code></p>\n"
        );
        assert_eq!(
            html("    indented\n    twice"),
            "<p dir=\"ltr\">indented<br>\ntwice</p>\n"
        );
        let t = html("| a | b |\n|---|---|\n| 1 | 2 |");
        assert!(!t.contains("<table"), "{t}");
        assert!(t.contains("| a | b |"), "{t}");
        assert_eq!(html("---"), "<p dir=\"auto\">---</p>\n");
        assert_eq!(html("~~struck~~"), "<p dir=\"ltr\">~~struck~~</p>\n");
    }

    #[test]
    fn link_definitions_no_link_uses_stay_text() {
        // Used by a published link: hidden, as Markdown hides it.
        assert_eq!(
            html("See [UNHCR][1].\n\n[1]: https://www.unhcr.org/"),
            "<p dir=\"ltr\">See <a href=\"https://www.unhcr.org/\" rel=\"nofollow ugc noopener noreferrer\">UNHCR</a>.</p>\n"
        );
        // Unused, or with a refused target: the reader's words are shown.
        assert_eq!(
            html("A claim.\n\n[1]: https://source.example/report"),
            "<p dir=\"ltr\">A claim.</p>\n<p dir=\"auto\">[1]: https://source.example/report</p>\n"
        );
        assert_eq!(
            html("[x][r]\n\n[r]: javascript:alert(1)"),
            "<p dir=\"ltr\">[x][r]</p>\n<p dir=\"ltr\">[r]: javascript:alert(1)</p>\n"
        );
        assert_eq!(
            html("[1]: https://a.example\n\nThen text."),
            "<p dir=\"auto\">[1]: https://a.example</p>\n<p dir=\"ltr\">Then text.</p>\n"
        );
        let h = html("- a\n\n  [1]: https://a.example\n- b");
        assert!(h.contains("[1]: https://a.example"), "{h}");
        assert_eq!(
            render("A claim.\n\n[1]: https://source.example/report").links,
            1
        );
        assert_eq!(
            render("See [UNHCR][1].\n\n[1]: https://www.unhcr.org/").links,
            1
        );
    }

    #[test]
    fn links_are_counted_wherever_they_are() {
        assert_eq!(render("no links here").links, 0);
        assert_eq!(
            render("[a](https://a.example) and <https://b.example>").links,
            2
        );
        assert_eq!(
            render("see http://a.example and HTTPS://b.example/x").links,
            2
        );
        assert_eq!(render("[http://a.example](http://a.example)").links, 1);
        assert_eq!(render("ht**tp://**x").links, 0);
        assert_eq!(render("http://**x**.example").links, 1);
        assert_eq!(render("![img](https://a.example/i.png)").links, 1);
        assert_eq!(render("[x](javascript:alert(1))").links, 1);
        assert_eq!(render("`http://code.example`").links, 1);
        assert_eq!(render("<a href=\"http://raw.example\">x</a>").links, 1);
    }

    #[test]
    fn plain_text_is_the_words_on_one_line() {
        assert_eq!(
            plain_text(
                "# Hi\n\nSee [UNHCR](https://www.unhcr.org/) *now*.\n\n- one\n- two\n\n<b>bold</b>"
            ),
            "Hi See UNHCR now. one two <b>bold</b>"
        );
        assert_eq!(plain_text("  \n\n "), "");
        assert_eq!(plain_text("a\u{0}b\u{7}c"), "abc");
        assert_eq!(
            plain_text("[Kabul](https://k.example)'s ![map](m.png)."),
            "Kabul's ![map](m.png)."
        );
        assert_eq!(plain_text("سلام  \n  دوستان"), "سلام دوستان");
    }
}

//! WordPress post HTML to the article Markdown.
//!
//! A WordPress export holds whatever the classic or block editor saved:
//! paragraphs with or without `<p>` (the classic editor leaves blank lines
//! and adds `<p>` only when it shows the post), block-editor comments,
//! shortcodes, embeds, and markup a browser forgives (unclosed `<li>`, stray
//! end tags). The HTML is read token by token with html5ever's tokenizer, the
//! one a browser uses, so broken markup yields its text rather than an error;
//! what Markdown cannot hold (embeds, scripts, forms) is left out and named,
//! so the import report can say what an editor has to look at.
//!
//! The output never contains raw HTML: articles refuse it (`askaf check`), so
//! every `<`, `*`, `_` or `[` of the text is escaped.

use std::cell::RefCell;

use askaf_content::escape_text;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    states::RawKind, BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};

/// An image the post shows, as it was referenced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    pub src: String,
    pub alt: String,
}

/// A link the post makes, with its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub href: String,
    pub text: String,
}

/// The Markdown of one post and what it could not keep.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    pub markdown: String,
    /// What was left out, in words ("an embedded `<iframe>` (https://…)").
    pub dropped: Vec<String>,
    pub images: Vec<ImageRef>,
    pub links: Vec<LinkRef>,
    /// Elements this converter does not know, by name, once each: their
    /// text is kept and what they did (`<marquee>`'s motion, a plugin's
    /// own element) is not, which an editor should know.
    pub unwrapped: Vec<String>,
}

/// Elements whose content is not text a reader reads: left out, and named.
const DROPPED: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "form", "video", "audio", "svg", "canvas",
    "noscript", "select", "button", "textarea", "input", "template", "map", "math",
];

/// Elements that end one block of text and start another.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
    "figure",
    "figcaption",
    "address",
    "dl",
    "dt",
    "dd",
    "details",
    "summary",
    "center",
];

/// Elements whose text is kept and whose markup only changes how it looks
/// (or groups a table's rows): unwrapped without a word. Any element not
/// here, in [`DROPPED`] or [`BLOCKS`], or handled by [`Writer::tag`], is
/// unwrapped too, and named in [`Converted::unwrapped`].
const QUIETLY_UNWRAPPED: &[&str] = &[
    "span", "font", "u", "ins", "del", "s", "strike", "sub", "sup", "small", "big", "mark", "abbr",
    "acronym", "dfn", "q", "var", "time", "bdi", "bdo", "wbr", "nobr", "ruby", "rt", "rp", "thead",
    "tbody", "tfoot", "caption", "colgroup", "col", "tr", "td", "th", "html", "head", "body",
    "meta", "link", "picture", "source", "label", "hgroup",
];

/// Elements [`Writer::tag`] turns into Markdown.
const CONVERTED: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "hr",
    "blockquote",
    "ul",
    "ol",
    "li",
    "pre",
    "code",
    "kbd",
    "samp",
    "tt",
    "strong",
    "b",
    "em",
    "i",
    "cite",
    "a",
    "img",
    "table",
];

/// WordPress shortcodes: `[caption]` keeps what it wraps; the others stand
/// for media or plugins that only WordPress can draw.
const SHORTCODES: &[&str] = &[
    "caption",
    "wp_caption",
    "gallery",
    "embed",
    "audio",
    "video",
    "playlist",
    "contact-form",
    "contact-form-7",
];

/// Converts a post's HTML to Markdown. Never fails.
pub fn to_markdown(html: &str) -> Converted {
    let (html, shortcodes) = strip_shortcodes(html);
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(&html));
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    // The sink only ever returns `Continue`: one feed reads everything.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut writer = tokenizer.sink.writer.into_inner();
    writer.flush();
    let mut out = writer.result;
    out.dropped.splice(0..0, shortcodes);
    out
}

/// Removes shortcodes, keeping the content of `[caption]`; returns the
/// others, named.
fn strip_shortcodes(html: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(html.len());
    let mut dropped = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('[') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let closing = after.starts_with('/');
        let name_start = usize::from(closing);
        let name: String = after[name_start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        let end = after.find(']');
        match (SHORTCODES.contains(&name.as_str()), end) {
            (true, Some(end)) => {
                let code = &after[..end];
                if !closing && !name.contains("caption") {
                    // `[embed]URL[/embed]` names its URL; others their attributes.
                    let inner_end = after.find(&format!("[/{name}]"));
                    let what = match inner_end {
                        Some(i) if i > end => after[end + 1..i].trim().to_string(),
                        _ => code.to_string(),
                    };
                    dropped.push(format!("the WordPress shortcode [{name}] ({what})"));
                    if let Some(i) = inner_end.filter(|i| *i > end) {
                        rest = &after[i + name.len() + 3..];
                        continue;
                    }
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, dropped)
}

#[derive(Default)]
struct Sink {
    writer: RefCell<Writer>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        // What a browser's tree builder tells its tokenizer: the content of
        // these elements is text up to their end tag, not markup, so a
        // script's `a<b` does not hide the `</script>` after it.
        let raw = match &token {
            Token::TagToken(t) if t.kind == TagKind::StartTag && !t.self_closing => {
                match &*t.name {
                    "script" => Some(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(RawKind::Rawtext),
                    "textarea" | "title" => Some(RawKind::Rcdata),
                    _ => None,
                }
            }
            _ => None,
        };
        self.writer.borrow_mut().token(token);
        match raw {
            Some(kind) => TokenSinkResult::RawData(kind),
            None => TokenSinkResult::Continue,
        }
    }
}

struct List {
    ordered: bool,
    next: u64,
}

/// Builds the Markdown block by block.
#[derive(Default)]
struct Writer {
    result: Converted,
    /// The text of the block being written.
    inline: String,
    /// Emphasis opened but with no text yet: written before the first word,
    /// so that `<b> word</b>` becomes ` **word**`, which Markdown reads.
    pending_marks: Vec<&'static str>,
    /// Open emphasis, innermost last: its marker and whether it was written.
    marks: Vec<(&'static str, bool)>,
    /// Open links: where their text starts in `inline`, and the target.
    links: Vec<(usize, Option<String>)>,
    heading: Option<usize>,
    lists: Vec<List>,
    /// The list item whose first block is still to be written: its marker.
    item_marker: Option<String>,
    quote_depth: usize,
    /// Inside `<pre>`: text kept as it is.
    pre: Option<String>,
    /// Inside a table: the rows so far, and the cell being read.
    table: Option<Vec<Vec<String>>>,
    cell: Option<usize>,
    /// Inside a dropped element: its name, and how deeply it nests.
    skipping: Option<(String, usize)>,
    /// Inside inline code (`<code>`, `<kbd>`, …): its text as the reader
    /// sees it, and how deeply such elements nest. Kept apart from
    /// `inline` because nothing in a code span is Markdown: escaping it
    /// would show the backslashes.
    code: Option<(String, usize)>,
    last_was_item: bool,
}

impl Writer {
    fn token(&mut self, token: Token) {
        match token {
            Token::TagToken(tag) => self.tag(tag),
            Token::CharacterTokens(text) => self.text(&text),
            Token::NullCharacterToken
            | Token::CommentToken(_)
            | Token::DoctypeToken(_)
            | Token::EOFToken
            | Token::ParseError(_) => {}
        }
    }

    fn tag(&mut self, tag: Tag) {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        if let Some((skipped, depth)) = &mut self.skipping {
            if name == skipped.as_str() {
                if start && !tag.self_closing {
                    *depth += 1;
                } else if !start {
                    *depth -= 1;
                    if *depth == 0 {
                        self.skipping = None;
                    }
                }
            }
            return;
        }
        let attr = |key: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == key)
                .map(|a| a.value.to_string())
        };
        if self.code.is_some() && self.in_code_tag(name, start, tag.self_closing) {
            return;
        }
        if self.pre.is_some() {
            if name == "pre" && !start {
                self.end_pre();
            } else if name == "br" {
                self.pre.get_or_insert_with(String::new).push('\n');
            }
            return;
        }
        match (name, start) {
            (n, true) if DROPPED.contains(&n) => {
                let what = attr("src")
                    .or_else(|| attr("data"))
                    .or_else(|| attr("action"))
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default();
                self.result.dropped.push(format!("an embedded <{n}>{what}"));
                let void = matches!(n, "embed" | "input") || tag.self_closing;
                if !void {
                    self.skipping = Some((n.to_string(), 1));
                }
            }
            (n, false) if DROPPED.contains(&n) => {}
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", true) => {
                self.flush();
                let level: usize = name[1..].parse().unwrap_or(2);
                // The title is the page's only first-level heading.
                self.heading = Some(level.max(2));
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => self.flush(),
            (n, _) if BLOCKS.contains(&n) => self.flush(),
            ("br", _) => {
                if self.cell.is_some() {
                    self.inline.push(' ');
                } else if !self.inline.trim().is_empty() {
                    // A hard line break: a backslash at the end of the line.
                    self.trim_inline_end();
                    self.inline.push_str("\\\n");
                }
            }
            ("hr", true) => {
                self.flush();
                self.block("* * *".to_string());
            }
            ("blockquote", true) => {
                self.flush();
                self.quote_depth += 1;
            }
            ("blockquote", false) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            ("ul" | "ol", true) => {
                self.flush();
                let next = attr("start").and_then(|s| s.parse().ok()).unwrap_or(1);
                self.lists.push(List {
                    ordered: name == "ol",
                    next,
                });
            }
            ("ul" | "ol", false) => {
                self.flush();
                self.lists.pop();
                if self.lists.is_empty() {
                    self.last_was_item = false;
                }
            }
            ("li", true) => {
                self.flush();
                if self.lists.is_empty() {
                    // An `<li>` outside a list: browsers show a bullet.
                    self.lists.push(List {
                        ordered: false,
                        next: 1,
                    });
                }
                let last = self.lists.len() - 1;
                let list = &mut self.lists[last];
                let marker = if list.ordered {
                    let m = format!("{}. ", list.next);
                    list.next += 1;
                    m
                } else {
                    "- ".to_string()
                };
                self.item_marker = Some(marker);
            }
            ("li", false) => self.flush(),
            ("pre", true) => {
                self.flush();
                self.pre = Some(String::new());
            }
            ("code" | "kbd" | "samp" | "tt", true) if !tag.self_closing => {
                self.write_pending();
                self.code = Some((String::new(), 1));
            }
            ("strong" | "b", true) => self.open_mark("**"),
            ("em" | "i" | "cite", true) => self.open_mark("*"),
            ("strong" | "b", false) => self.close_mark("**"),
            ("em" | "i" | "cite", false) => self.close_mark("*"),
            ("a", true) => {
                self.write_pending();
                let href = attr("href");
                if let Some(refused) = href
                    .as_deref()
                    .filter(|h| !h.trim().is_empty() && !link_ok(h))
                {
                    self.result.dropped.push(refused_link(refused));
                }
                self.links
                    .push((self.inline.len(), href.filter(|h| link_ok(h))));
            }
            ("a", false) => self.close_link(),
            ("img", true) => {
                let src = attr("src").unwrap_or_default();
                let alt = attr("alt").unwrap_or_default();
                if link_ok(&src) {
                    // A link to the image where it was, not an image: an
                    // article shows uploads only (`/media/…`), so the editor
                    // uploads it and writes it as an image in its place.
                    self.write_pending();
                    self.inline.push_str(&image_link(&src, &alt));
                    self.result.images.push(ImageRef { src, alt });
                } else {
                    self.result
                        .dropped
                        .push(format!("an image with no usable address ({src:?})"));
                }
            }
            ("table", true) => {
                self.flush();
                self.table = Some(Vec::new());
            }
            ("tr", true) => {
                if let Some(rows) = &mut self.table {
                    rows.push(Vec::new());
                }
            }
            ("td" | "th", true) if self.table.is_some() => {
                self.end_cell();
                self.cell = Some(self.inline.len());
            }
            ("td" | "th", false) => self.end_cell(),
            ("table", false) => self.end_table(),
            (n, true)
                if !QUIETLY_UNWRAPPED.contains(&n)
                    && !CONVERTED.contains(&n)
                    && !self.result.unwrapped.iter().any(|u| u == n) =>
            {
                self.result.unwrapped.push(n.to_string());
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.skipping.is_some() {
            return;
        }
        if let Some((code, _)) = &mut self.code {
            code.push_str(text);
            return;
        }
        if let Some(pre) = &mut self.pre {
            pre.push_str(text);
            return;
        }
        let text = text.replace("\r\n", "\n");
        // A blank line is a paragraph break, as WordPress's `wpautop` reads it.
        let mut pieces = text.split("\n\n").peekable();
        while let Some(piece) = pieces.next() {
            self.words(piece);
            if pieces.peek().is_some() && self.cell.is_none() {
                self.flush();
            }
        }
    }

    fn words(&mut self, piece: &str) {
        let mut first = true;
        for word in piece.split_whitespace() {
            let space_before = !first || piece.starts_with(char::is_whitespace);
            first = false;
            let at_start = self.inline.is_empty() && self.pending_marks.is_empty();
            if space_before && !at_start && !self.inline.ends_with([' ', '\n']) {
                self.inline.push(' ');
            }
            self.write_pending();
            let start_of_line =
                self.cell.is_none() && (self.inline.is_empty() || self.inline.ends_with('\n'));
            self.inline.push_str(&escape_word(word, start_of_line));
        }
        if piece.ends_with(char::is_whitespace)
            && !self.inline.is_empty()
            && !self.inline.ends_with([' ', '\n'])
        {
            self.inline.push(' ');
        }
    }

    /// A tag inside inline code: whether it was taken (the code span's own
    /// nesting, a line break as the space a browser shows). Any other tag
    /// ends the span first when it ends a block; inline markup inside code
    /// (`<code><b>x</b></code>`) is dropped, as a code span cannot hold it.
    fn in_code_tag(&mut self, name: &str, start: bool, self_closing: bool) -> bool {
        let Some((code, depth)) = &mut self.code else {
            return false;
        };
        match name {
            "code" | "kbd" | "samp" | "tt" if start && !self_closing => *depth += 1,
            "code" | "kbd" | "samp" | "tt" if !start => {
                *depth -= 1;
                if *depth == 0 {
                    self.end_code();
                }
            }
            "br" => code.push(' '),
            "strong" | "b" | "em" | "i" | "cite" | "span" | "a" | "sub" | "sup" | "u" | "s"
            | "mark" | "small" | "var" | "abbr" => {}
            _ => {
                // A block, a table cell, an image: the span ends here.
                self.end_code();
                return false;
            }
        }
        true
    }

    /// Writes the open code span: its text as it is, between backtick
    /// fences one longer than any run of backticks inside it, and padded
    /// with a space where the text starts or ends with a backtick (CommonMark
    /// strips one such space on each side).
    fn end_code(&mut self) {
        let Some((code, _)) = self.code.take() else {
            return;
        };
        let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
        if code.is_empty() {
            return;
        }
        let mut longest = 0;
        let mut run = 0;
        for c in code.chars() {
            run = if c == '`' { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        let fence = "`".repeat(longest + 1);
        let pad = if code.starts_with('`') || code.ends_with('`') {
            " "
        } else {
            ""
        };
        // In a table cell a `|` ends the cell even inside code: GFM reads
        // `\|` there as the character.
        let code = if self.cell.is_some() {
            code.replace('|', "\\|")
        } else {
            code
        };
        self.inline
            .push_str(&format!("{fence}{pad}{code}{pad}{fence}"));
    }

    fn open_mark(&mut self, mark: &'static str) {
        self.pending_marks.push(mark);
        self.marks.push((mark, false));
    }

    fn write_pending(&mut self) {
        for mark in self.pending_marks.drain(..) {
            self.inline.push_str(mark);
            if let Some(open) = self.marks.iter_mut().rev().find(|(m, w)| *m == mark && !w) {
                open.1 = true;
            }
        }
    }

    fn close_mark(&mut self, mark: &'static str) {
        let Some(at) = self.marks.iter().rposition(|(m, _)| *m == mark) else {
            return; // A stray end tag.
        };
        let (_, written) = self.marks.remove(at);
        if !written {
            if let Some(p) = self.pending_marks.iter().rposition(|m| *m == mark) {
                self.pending_marks.remove(p);
            }
            return;
        }
        let trailing = self.inline.len() - self.inline.trim_end().len();
        let space = self.inline.split_off(self.inline.len() - trailing);
        if self.inline.ends_with(mark) {
            // Nothing inside: drop the opening mark.
            self.inline.truncate(self.inline.len() - mark.len());
        } else {
            self.inline.push_str(mark);
        }
        self.inline.push_str(&space);
    }

    fn close_link(&mut self) {
        let Some((start, href)) = self.links.pop() else {
            return;
        };
        let start = start.min(self.inline.len());
        let text = self.inline[start..].trim().to_string();
        let plain = text.replace('\\', "");
        if let Some(href) = href {
            self.result.links.push(LinkRef {
                href: href.clone(),
                text: plain,
            });
            if !text.is_empty() {
                self.inline.truncate(start);
                self.inline
                    .push_str(&format!("[{text}]({})", destination(&href)));
            }
        }
    }

    fn trim_inline_end(&mut self) {
        let len = self.inline.trim_end().len();
        self.inline.truncate(len);
    }

    /// Ends the block being written.
    fn flush(&mut self) {
        self.end_code();
        if self.cell.is_some() {
            self.inline.push(' ');
            return;
        }
        // Links and emphasis do not run across blocks.
        while !self.links.is_empty() {
            self.close_link();
        }
        while let Some((mark, _)) = self.marks.last().copied() {
            self.close_mark(mark);
        }
        self.pending_marks.clear();
        let mut text = std::mem::take(&mut self.inline);
        while text.ends_with("\\\n") {
            text.truncate(text.len() - 2);
        }
        let text = text.trim().to_string();
        if text.is_empty() {
            return;
        }
        let text = match self.heading.take() {
            Some(level) => format!("{} {}", "#".repeat(level), text.replace("\\\n", " ")),
            None => text,
        };
        self.block(text);
    }

    /// Writes a finished block with its list and quote prefixes.
    fn block(&mut self, text: String) {
        let out = &mut self.result.markdown;
        let indent: usize = self
            .lists
            .iter()
            .take(self.lists.len().saturating_sub(1))
            .map(|l| if l.ordered { 3 } else { 2 })
            .sum();
        let (first, rest) = match self.item_marker.take() {
            Some(marker) => (
                format!("{}{marker}", " ".repeat(indent)),
                " ".repeat(indent + marker.len()),
            ),
            None if !self.lists.is_empty() => {
                let width = self
                    .lists
                    .last()
                    .map_or(0, |l| if l.ordered { 3 } else { 2 });
                (" ".repeat(indent + width), " ".repeat(indent + width))
            }
            None => (String::new(), String::new()),
        };
        let is_item = !first.trim().is_empty();
        let quote = "> ".repeat(self.quote_depth);
        if !out.is_empty() {
            if is_item && self.last_was_item {
                out.push('\n');
            } else {
                out.push_str("\n\n");
            }
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&quote);
            out.push_str(if i == 0 { &first } else { &rest });
            out.push_str(line);
        }
        self.last_was_item = is_item;
    }

    fn end_pre(&mut self) {
        let code = self.pre.take().unwrap_or_default();
        let code = code.trim_matches('\n');
        if code.trim().is_empty() {
            return;
        }
        let mut fence = "```".to_string();
        while code.contains(&fence) {
            fence.push('`');
        }
        self.block(format!("{fence}\n{code}\n{fence}"));
    }

    fn end_cell(&mut self) {
        let Some(start) = self.cell.take() else {
            return;
        };
        let start = start.min(self.inline.len());
        let text = self.inline.split_off(start);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(rows) = &mut self.table {
            if rows.is_empty() {
                rows.push(Vec::new());
            }
            if let Some(row) = rows.last_mut() {
                row.push(text);
            }
        }
    }

    fn end_table(&mut self) {
        self.end_cell();
        let Some(rows) = self.table.take() else {
            return;
        };
        self.inline.clear();
        let rows: Vec<Vec<String>> = rows.into_iter().filter(|r| !r.is_empty()).collect();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        let line = |cells: &[String]| {
            let mut l = String::from("|");
            for i in 0..width {
                l.push(' ');
                l.push_str(cells.get(i).map_or("", String::as_str));
                l.push_str(" |");
            }
            l
        };
        let mut table = line(&rows[0]);
        table.push('\n');
        table.push('|');
        table.push_str(&" --- |".repeat(width));
        for row in &rows[1..] {
            table.push('\n');
            table.push_str(&line(row));
        }
        self.block(table);
    }
}

/// The link an image becomes, to where it was: its alt text, or its file
/// name when it has none. [`crate::Article::show_upload`] finds it by this.
pub fn image_link(src: &str, alt: &str) -> String {
    let text = match alt.trim() {
        "" => src.rsplit('/').next().unwrap_or(src),
        alt => alt,
    };
    format!("[{}]({})", escape_text(text), destination(src))
}

/// Whether a link or image address can stand in an article.
fn link_ok(href: &str) -> bool {
    let h = href.trim().to_ascii_lowercase();
    h.starts_with("http://") || h.starts_with("https://") || h.starts_with("mailto:")
}

/// What the report says of a link [`link_ok`] refused: its text stays, the
/// address goes. A script (`javascript:`) is named as one, since it is what
/// an editor most needs to know was in the post.
fn refused_link(href: &str) -> String {
    let shown: String = href.trim().chars().take(80).collect();
    let scheme = shown
        .split_once(':')
        .map(|(s, _)| s.trim().to_ascii_lowercase());
    match scheme.as_deref() {
        Some("javascript" | "vbscript" | "data") => {
            format!("a link that runs a script ({shown}): its text is kept as text")
        }
        _ => {
            format!("a link to {shown}, not an http(s) or mailto address: its text is kept as text")
        }
    }
}

/// A link destination Markdown reads whole: no spaces or parentheses.
fn destination(href: &str) -> String {
    href.trim()
        .replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

/// A word of text; at the start of a line, also what would begin a heading,
/// a list or a quote.
fn escape_word(word: &str, start_of_line: bool) -> String {
    let escaped = escape_text(word);
    if !start_of_line {
        return escaped;
    }
    if escaped.starts_with(['#', '-', '+', '=']) {
        return format!("\\{escaped}");
    }
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && escaped[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> String {
        to_markdown(html).markdown
    }

    #[test]
    fn paragraphs_with_and_without_p_tags() {
        assert_eq!(md("<p>One.</p><p>Two.</p>"), "One.\n\nTwo.");
        // The classic editor's blank lines.
        assert_eq!(
            md("One line.\n\nAnother\nline."),
            "One line.\n\nAnother line."
        );
    }

    #[test]
    fn emphasis_links_and_headings() {
        assert_eq!(
            md("<h2>Why</h2><p>It is <strong> very </strong>old, see <a href=\"https://ex.org/a b\">the <em>report</em></a>.</p>"),
            "## Why\n\nIt is **very** old, see [the *report*](https://ex.org/a%20b)."
        );
        assert_eq!(md("<h1>Top</h1>"), "## Top");
        // A link to a script is text, and said.
        let c = to_markdown("<a href=\"javascript:alert(1)\">click</a> <a href=\"/2019/other/\">other</a> <a name=\"top\">here</a>");
        assert_eq!(c.markdown, "click other here");
        assert_eq!(
            c.dropped,
            [
                "a link that runs a script (javascript:alert(1)): its text is kept as text",
                "a link to /2019/other/, not an http(s) or mailto address: its text is kept as text"
            ]
        );
    }

    #[test]
    fn unknown_elements_are_unwrapped_and_named_once() {
        let c = to_markdown(
            "<p><marquee>News</marquee> <span>and</span> <marquee>more</marquee> <my-widget>w</my-widget> <u>u</u></p><table><tbody><tr><td>x</td></tr></tbody></table>",
        );
        assert_eq!(c.markdown, "News and more w u\n\n| x |\n| --- |");
        assert_eq!(c.unwrapped, ["marquee", "my-widget"]);
        assert!(c.dropped.is_empty(), "{:?}", c.dropped);
    }

    #[test]
    fn lists_nested_and_numbered() {
        assert_eq!(
            md("<ul><li>A<ul><li>A1</li></ul></li><li>B</li></ul><ol start=\"3\"><li>C<li>D</ol><p>After.</p>"),
            "- A\n  - A1\n- B\n\n3. C\n4. D\n\nAfter."
        );
    }

    #[test]
    fn quotes_code_and_tables() {
        assert_eq!(md("<blockquote><p>Said.</p></blockquote>"), "> Said.");
        assert_eq!(
            md("<pre><code>a < b\n  c</code></pre>"),
            "```\na < b\n  c\n```"
        );
        assert_eq!(
            md("<table><tr><th>Year</th><th>Value</th></tr><tr><td>2021</td><td>4.6 a|b</td></tr></table>"),
            "| Year | Value |\n| --- | --- |\n| 2021 | 4.6 a\\|b |"
        );
    }

    #[test]
    fn markup_characters_in_text_are_escaped() {
        let out = md("<p>1. not a list, a <b>*star*</b> and &lt;script&gt; and [1]</p><p># not a heading</p>");
        assert_eq!(
            out,
            "1\\. not a list, a **\\*star\\*** and \\<script\\> and \\[1\\]\n\n\\# not a heading"
        );
        let rendered = askaf_content::render(&out);
        assert!(rendered.raw_html_at.is_empty(), "{out}");
        assert!(!rendered.html.contains("<ol"), "{}", rendered.html);
        assert!(!rendered.html.contains("<h"), "{}", rendered.html);
    }

    /// Nothing in code is Markdown: `<` and `*` stay as they are, and a
    /// backtick inside takes a longer fence. The page shows what the post did.
    #[test]
    fn code_keeps_its_characters_unescaped() {
        let table: &[(&str, &str, &str)] = &[
            (
                "<p>Write <code>&lt;b&gt;</code> for bold.</p>",
                "Write `<b>` for bold.",
                "<code><b></code>",
            ),
            (
                "<p>Run <kbd>a*b_c [x]</kbd> now.</p>",
                "Run `a*b_c [x]` now.",
                "<code>a*b_c [x]</code>",
            ),
            (
                "<p>The <code>`tick`</code> and <code>a``b</code>.</p>",
                "The `` `tick` `` and ```a``b```.",
                "<code>`tick`</code>",
            ),
            (
                "<p><code>one\n  <b>two</b><br>three</code></p>",
                "`one two three`",
                "<code>one two three</code>",
            ),
            (
                "<pre><code>&lt;b&gt; *x* [1]</code></pre>",
                "```\n<b> *x* [1]\n```",
                "&lt;b&gt; *x* [1]\n</code>",
            ),
        ];
        for (html, want, shown) in table {
            let out = md(html);
            assert_eq!(out, *want, "{html}");
            let rendered = askaf_content::render(&out);
            let page = rendered.html.replace("&lt;", "<").replace("&gt;", ">");
            let shown = shown.replace("&lt;", "<").replace("&gt;", ">");
            assert!(page.contains(&shown), "{html} shows {}", rendered.html);
            assert!(!rendered.html.contains('\\'), "{}", rendered.html);
        }
        // In a table a `|` in code is escaped, or it would end the cell.
        let out = md("<table><tr><td><code>a|b</code></td><td>c</td></tr></table>");
        assert_eq!(out, "| `a\\|b` | c |\n| --- | --- |");
        assert!(askaf_content::render(&out)
            .html
            .contains("<code>a|b</code>"));
    }

    #[test]
    fn embeds_and_scripts_are_left_out_and_named() {
        let c = to_markdown(
            "<p>Before.</p><iframe src=\"https://video.example/1\"><p>fallback</p></iframe><script>if (a<b) alert(1)</script><p>After.</p>[gallery ids=\"1,2\"]",
        );
        assert_eq!(c.markdown, "Before.\n\nAfter.");
        assert_eq!(c.dropped.len(), 3, "{:?}", c.dropped);
        assert!(c
            .dropped
            .iter()
            .any(|d| d.contains("https://video.example/1")));
        assert!(c.dropped.iter().any(|d| d.contains("<script>")));
        assert!(c.dropped.iter().any(|d| d.contains("[gallery]")));
    }

    #[test]
    fn captions_keep_their_image_and_text() {
        let c = to_markdown(
            "[caption id=\"a\" align=\"alignnone\"]<img src=\"https://ex.org/k.jpg\" alt=\"Kabul at dusk\"> Kabul in 2020[/caption]",
        );
        assert_eq!(
            c.markdown,
            "[Kabul at dusk](https://ex.org/k.jpg) Kabul in 2020"
        );
        assert_eq!(c.images.len(), 1);
        assert!(c.dropped.is_empty());
    }

    #[test]
    fn broken_markup_keeps_its_text() {
        let c = to_markdown("<p>Open <b>bold <i>both</p><p>Next</b> <div><span>in span");
        assert_eq!(c.markdown, "Open **bold *both***\n\nNext\n\nin span");
        let rendered = askaf_content::render(&c.markdown);
        assert!(rendered.raw_html_at.is_empty());
    }

    #[test]
    fn dari_text_is_kept_as_it_is() {
        assert_eq!(
            md("<p dir=\"rtl\">کابل پایتخت افغانستان است.</p>"),
            "کابل پایتخت افغانستان است."
        );
    }
}

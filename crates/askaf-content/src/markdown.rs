//! Markdown to sanitized HTML, plain text and passages, in one walk over pulldown-cmark's events.
//!
//! Every paragraph, list item, table and quoted paragraph gets a stable anchor
//! (`p-1`, `p-2`, … in document order) so that an answer can cite the exact
//! place it quotes. The numbering depends only on the Markdown, so it is the
//! same on every render and every node.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::bidi::runs_html;
use crate::media::MediaName;
use crate::Lang;

/// The article body, rendered for every reader the site has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitized HTML with anchors on blocks and ids on headings.
    pub html: String,
    /// Plain text that keeps headings as headings and lists as lists.
    /// A link to the site's own pages says its path (`/en/slug`, `#p-2`):
    /// read away from the site, [`Rendered::plain_on`] names it in full.
    pub plain: String,
    /// Where in `plain` (byte offsets) each link to the site's own pages
    /// starts, its path or `#fragment` written after the link's words.
    pub plain_site_links: Vec<usize>,
    /// Each anchored block's text, for citations and the passage index.
    pub blocks: Vec<Block>,
    pub headings: Vec<Heading>,
    /// Byte offsets of raw HTML in the source, which is shown as text and refused by validation.
    pub raw_html_at: Vec<usize>,
    /// Links the page cannot keep (`link_allowed`), with their byte
    /// offsets in the source, refused by validation: the sanitizer would
    /// drop their address and leave a link to nowhere.
    pub links_refused: Vec<(usize, String)>,
    /// Every image the body shows, for validation: only uploads are drawn.
    pub images: Vec<ImageUse>,
    /// A code fence opened and never closed (see `left_open`): its byte
    /// offset in the source and the fence as typed (```` ``` ````), for
    /// validation to say so.
    pub unclosed_fence: Option<(usize, String)>,
}

impl Rendered {
    /// `plain` with each link to the site's own pages written in full on
    /// `site_url` (a fragment alone on `page_url`, the article's address),
    /// as the API's HTML names them: plain text is read where no address
    /// is resolved against the site's (the `.txt` form, a program reading
    /// the API), and `(/en/slug)` leads nowhere there.
    pub fn plain_on(&self, site_url: &str, page_url: &str) -> String {
        let mut out = String::with_capacity(self.plain.len() + 64 * self.plain_site_links.len());
        let mut from = 0;
        for &at in &self.plain_site_links {
            out.push_str(&self.plain[from..at]);
            out.push_str(if self.plain[at..].starts_with('#') {
                page_url
            } else {
                site_url
            });
            from = at;
        }
        out.push_str(&self.plain[from..]);
        out
    }

    /// The uploads the body shows (each image whose address names one), in
    /// the order it shows them: what a change's text is checked against the
    /// uploads kept for, and what the catalogue of content files records
    /// of each, so that a start can check a file it does not read.
    pub fn uploads(&self) -> impl Iterator<Item = MediaName> + '_ {
        self.images
            .iter()
            .filter_map(|image| MediaName::from_url(&image.url))
    }
}

/// An image in an article's Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageUse {
    /// Byte offset in the source.
    pub at: usize,
    pub url: String,
    pub alt: String,
    /// Whether it names an upload ([`MediaName::from_url`]); any other is
    /// not drawn, and validation refuses it.
    pub upload: bool,
}

/// How wide an image is shown at most: the article column.
const IMAGE_SIZES: &str = "(min-width: 48rem) 48rem, 100vw";

/// The `<img>` for an upload: its copies in `srcset`, the original's size
/// (so the page does not jump as it loads), loaded when scrolled near.
fn image_html(m: &MediaName, alt: &str) -> String {
    let sizes = m.sizes();
    let srcset: Vec<String> = sizes
        .iter()
        .map(|s| format!("{} {}w", s.url(), s.shown_width()))
        .collect();
    // The 960-pixel copy where there is one: sharp in the column on most
    // screens, for a browser that reads no srcset.
    let src = sizes
        .iter()
        .find(|s| s.variant == Some(960))
        .unwrap_or(&sizes[sizes.len() - 1]);
    format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{IMAGE_SIZES}\" width=\"{}\" height=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\">",
        src.url(),
        srcset.join(", "),
        m.width,
        m.height,
        attr_escape(alt)
    )
}

fn attr_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    ListItem,
    Table,
    Quote,
    Code,
}

impl BlockKind {
    const ALL: [BlockKind; 5] = [
        BlockKind::Paragraph,
        BlockKind::ListItem,
        BlockKind::Table,
        BlockKind::Quote,
        BlockKind::Code,
    ];

    /// The kind's name where it is stored (the search index keeps each
    /// passage's kind, so Ask knows a table's rows without reading its text).
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list-item",
            BlockKind::Table => "table",
            BlockKind::Quote => "quote",
            BlockKind::Code => "code",
        }
    }

    /// The kind [`BlockKind::name`] gave `name`.
    pub fn from_name(name: &str) -> Option<BlockKind> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// One anchored block of an article: the unit an answer quotes and links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The fragment id, `p-3`.
    pub anchor: String,
    pub kind: BlockKind,
    pub text: String,
    /// The headings this block stands under, outermost first.
    pub headings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[cfg(test)]
thread_local! {
    /// How many bodies this thread has rendered ([`render_in`]): what a
    /// test counts to see that a step which needs only part of a
    /// rendering does not render.
    pub(crate) static RENDERS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The address of each image `markdown` shows, in order: those of
/// [`Rendered::images`], found by parsing alone, as [`render_in`] finds
/// them (an image inside another's alt text is part of that text, not an
/// image of its own). What is checked against the uploads kept before a
/// change is applied, for an editor's save three times (its check, the
/// store's, the change's): rendering a body of 1.5 MB for it was a third
/// of the work of a publish in a debug build (until 7 December).
pub fn image_urls(markdown: &str) -> Vec<String> {
    let mut urls = Vec::new();
    let mut in_image = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) if !in_image => {
                urls.push(dest_url.to_string());
                in_image = true;
            }
            Event::End(TagEnd::Image) => in_image = false,
            _ => {}
        }
    }
    urls
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// The id of the article page's heading, its question, which names a table
/// that comes before any heading of the body.
pub const QUESTION_ID: &str = "question";

/// The fence (```` ``` ````, `~~~`) of the fenced code block at `range` of
/// `markdown` when it is never closed: CommonMark then ends the block with
/// the text, so everything after the fence shows as code, the rest of the
/// article gone from its page without a word. A block that ends with the
/// text is closed when its last line is a fence of its character at least
/// as long as the one that opened it (inside a quote, after its `>`).
fn left_open(markdown: &str, range: &Range<usize>) -> Option<String> {
    if !markdown.get(range.end..)?.trim().is_empty() {
        return None;
    }
    let block = markdown.get(range.clone())?.trim_end();
    let bare = |line: &str| -> String {
        line.trim_start_matches(|c: char| c.is_whitespace() || c == '>')
            .trim_end()
            .to_string()
    };
    let mut lines = block.lines();
    let first = bare(lines.next()?);
    let mark = first.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let fence: String = first.chars().take_while(|c| *c == mark).collect();
    let closed = lines.next_back().map(bare).is_some_and(|last| {
        !last.is_empty() && last.chars().all(|c| c == mark) && last.len() >= fence.len()
    });
    (!closed).then_some(fence)
}

/// Renders an article body. Never fails: any input yields safe HTML. The
/// plain text's words of its own ("Image:") are English: [`render_in`]
/// says them in the article's language.
pub fn render(markdown: &str) -> Rendered {
    render_in(markdown, Lang::En)
}

/// [`render`] for an article in `lang`, whose plain text marks an image's
/// alt text in that language (`[تصویر: …]`), as the alt text itself is.
pub fn render_in(markdown: &str, lang: Lang) -> Rendered {
    #[cfg(test)]
    RENDERS.with(|n| n.set(n.get() + 1));
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .map(|(event, range)| (on_the_site(event, lang), range))
        .collect();

    let mut out = Rendered::default();
    let mut html_events: Vec<Event<'_>> = Vec::with_capacity(events.len() + 16);
    let mut text = TextWriter::default();
    let mut used_ids = HashSet::new();
    let mut counter = 0usize;
    // Open anchored blocks (indices into out.blocks) collecting their text.
    let mut open: Vec<usize> = Vec::new();
    // For each open container that may own an anchor: whether it did.
    let mut owns: Vec<bool> = Vec::new();
    let mut item_depth = 0usize;
    let mut quote_depth = 0usize;
    let mut trail: Vec<(u8, String)> = Vec::new();
    let mut heading: Option<(u8, String)> = None;

    let mut new_block =
        |kind: BlockKind, trail: &[(u8, String)], out: &mut Rendered| -> (usize, String) {
            counter += 1;
            let anchor = format!("p-{counter}");
            out.blocks.push(Block {
                anchor: anchor.clone(),
                kind,
                text: String::new(),
                headings: trail.iter().map(|(_, t)| t.clone()).collect(),
            });
            (out.blocks.len() - 1, anchor)
        };

    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level_n = heading_level(*level);
                let mut heading_text = String::new();
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
                    if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                        heading_text.push_str(t);
                    }
                    j += 1;
                }
                let heading_text = heading_text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let id = unique_id(&heading_text, &mut used_ids, out.headings.len() + 1);
                out.headings.push(Heading {
                    level: level_n,
                    id: id.clone(),
                    text: heading_text.clone(),
                });
                trail.retain(|(l, _)| *l < level_n);
                trail.push((level_n, heading_text));
                heading = Some((level_n, String::new()));
                html_events.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: vec![],
                    attrs: vec![],
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((level_n, t)) = heading.take() {
                    text.heading(level_n, &t);
                }
                html_events.push(Event::End(TagEnd::Heading(*level)));
            }
            Event::Start(Tag::Paragraph) => {
                if item_depth == 0 {
                    let kind = if quote_depth > 0 {
                        BlockKind::Quote
                    } else {
                        BlockKind::Paragraph
                    };
                    let (idx, anchor) = new_block(kind, &trail, &mut out);
                    open.push(idx);
                    owns.push(true);
                    html_events.push(Event::Html(format!("<p id=\"{anchor}\">").into()));
                } else {
                    owns.push(false);
                    html_events.push(event.clone());
                    text.item_paragraph();
                    // The item's second paragraph is words apart from its first.
                    push_text(&mut out, &open, " ");
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if owns.pop() == Some(true) {
                    open.pop();
                    text.end_paragraph(quote_depth);
                }
                html_events.push(event.clone());
            }
            Event::Start(Tag::Item) => {
                item_depth += 1;
                // A nested item's words are apart from those of the item
                // it stands in, whose text holds them too ("Kabul Herat",
                // not "KabulHerat", in the API's paragraphs and Ask's passages).
                push_text(&mut out, &open, " ");
                let (idx, anchor) = new_block(BlockKind::ListItem, &trail, &mut out);
                open.push(idx);
                text.start_item();
                html_events.push(Event::Html(format!("<li id=\"{anchor}\">").into()));
            }
            Event::End(TagEnd::Item) => {
                item_depth -= 1;
                open.pop();
                text.end_item();
                html_events.push(event.clone());
            }
            Event::Start(Tag::List(start)) => {
                text.start_list(*start);
                html_events.push(event.clone());
            }
            Event::End(TagEnd::List(_)) => {
                text.end_list();
                html_events.push(event.clone());
            }
            Event::Start(Tag::BlockQuote(_)) => {
                quote_depth += 1;
                html_events.push(event.clone());
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                quote_depth = quote_depth.saturating_sub(1);
                html_events.push(event.clone());
            }
            Event::Start(Tag::Table(_)) => {
                push_text(&mut out, &open, " ");
                let (idx, anchor) = new_block(BlockKind::Table, &trail, &mut out);
                open.push(idx);
                // A table wider than the column scrolls in its wrapper: the
                // keyboard must reach it (axe's scrollable-region-focusable)
                // and a screen reader name the region, by the heading it
                // falls under or, before any, the article's question (the
                // page's `h1#question`), in the article's own words.
                let label = out.headings.last().map_or(QUESTION_ID, |h| h.id.as_str());
                html_events.push(Event::Html(
                    format!(
                        "<div class=\"table-wrap\" id=\"{anchor}\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{label}\">"
                    )
                    .into(),
                ));
                html_events.push(event.clone());
            }
            Event::End(TagEnd::Table) => {
                open.pop();
                text.end_table();
                html_events.push(event.clone());
                html_events.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                text.start_row();
                html_events.push(event.clone());
            }
            Event::End(TagEnd::TableHead) => {
                text.end_row(true);
                push_text(&mut out, &open, ROW);
                html_events.push(event.clone());
            }
            Event::End(TagEnd::TableRow) => {
                text.end_row(false);
                push_text(&mut out, &open, ROW);
                html_events.push(event.clone());
            }
            Event::Start(Tag::TableCell) => {
                // A table block's text marks its cells and rows apart,
                // and is written out at the end a row to a sentence
                // (`table_text`, which drops the empty cell before the first).
                text.start_cell();
                push_text(&mut out, &open, CELL);
                html_events.push(event.clone());
            }
            Event::End(TagEnd::TableCell) => {
                html_events.push(event.clone());
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                if matches!(kind, pulldown_cmark::CodeBlockKind::Fenced(_)) {
                    if let Some(fence) = left_open(markdown, range) {
                        out.unclosed_fence = Some((range.start, fence));
                    }
                }
                push_text(&mut out, &open, " ");
                let (idx, anchor) = new_block(BlockKind::Code, &trail, &mut out);
                open.push(idx);
                text.start_code();
                html_events.push(Event::Html(
                    format!("<div class=\"code\" id=\"{anchor}\">").into(),
                ));
                html_events.push(event.clone());
            }
            Event::End(TagEnd::CodeBlock) => {
                open.pop();
                text.end_code();
                html_events.push(event.clone());
                html_events.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::HtmlBlock) => {
                out.raw_html_at.push(range.start);
                let (idx, anchor) = new_block(BlockKind::Paragraph, &trail, &mut out);
                open.push(idx);
                html_events.push(Event::Html(format!("<p id=\"{anchor}\">").into()));
            }
            Event::End(TagEnd::HtmlBlock) => {
                open.pop();
                text.end_paragraph(quote_depth);
                html_events.push(Event::Html("</p>\n".into()));
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                if matches!(event, Event::InlineHtml(_)) {
                    out.raw_html_at.push(range.start);
                }
                // Shown as the characters the editor typed, never as markup.
                let raw = raw.trim_end_matches('\n');
                inline_text(raw, &mut heading, &mut text, &mut out, &open);
                html_events.push(Event::Text(CowStr::from(raw.to_string())));
            }
            Event::Text(t) | Event::Code(t) => {
                inline_text(t, &mut heading, &mut text, &mut out, &open);
                html_events.push(event.clone());
            }
            Event::SoftBreak => {
                inline_text(" ", &mut heading, &mut text, &mut out, &open);
                html_events.push(event.clone());
            }
            Event::HardBreak => {
                text.push("\n");
                push_text(&mut out, &open, " ");
                html_events.push(event.clone());
            }
            Event::Rule => {
                text.rule();
                html_events.push(event.clone());
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                // The alt text is the events up to the image's end; drawn
                // here whole, so they are not walked again.
                let mut alt = String::new();
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Image)) {
                    match &events[j].0 {
                        Event::Text(t) | Event::Code(t) => alt.push_str(t),
                        // Raw HTML is refused here as anywhere in an article.
                        Event::InlineHtml(_) | Event::Html(_) => {
                            out.raw_html_at.push(events[j].1.start)
                        }
                        _ => {}
                    }
                    j += 1;
                }
                let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
                // Plain text keeps what the image shows, unless the words
                // beside it (its caption) say it already.
                if heading.is_none() && !alt.is_empty() && !says(&beside(&events, i, j), &alt) {
                    let image = match lang {
                        Lang::En => "Image",
                        Lang::Fa => "تصویر",
                        Lang::Ps => "انځور",
                    };
                    text.push(&format!("[{image}: {alt}]"));
                }
                let upload = MediaName::from_url(dest_url);
                if let Some(m) = &upload {
                    html_events.push(Event::InlineHtml(image_html(m, &alt).into()));
                }
                out.images.push(ImageUse {
                    at: range.start,
                    url: dest_url.to_string(),
                    alt,
                    upload: upload.is_some(),
                });
                i = j + 1;
                continue;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if !link_allowed(dest_url) {
                    out.links_refused.push((range.start, dest_url.to_string()));
                }
                html_events.push(event.clone());
            }
            Event::End(TagEnd::Link) => {
                // Plain text keeps where a link pointed; a link to the
                // site's own pages is marked, to be named in full where
                // the text is read (`Rendered::plain_on`).
                if let Some(url) = link_target(&events[..i]) {
                    let mark = if on_this_site(url) { SITE_LINK } else { "" };
                    text.push(&format!(" ({mark}{url})"));
                }
                html_events.push(event.clone());
            }
            _ => html_events.push(event.clone()),
        }
        i += 1;
    }

    let mut raw_html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut raw_html, mark_runs(html_events, lang).into_iter());
    out.html = sanitize(&raw_html);
    (out.plain, out.plain_site_links) = site_links_marked(&text.finish());
    for block in &mut out.blocks {
        block.text = if block.kind == BlockKind::Table {
            table_text(&block.text)
        } else {
            one_line(&block.text)
        };
    }
    out
}

/// `events` with each run of words in another script than `lang`'s
/// in its element ([`runs_html`], the text escaped): a text's runs, not code's (a code
/// span or block is shown as typed), nor a link's address or an image's
/// alt text, which are attributes. Text that pulldown-cmark cut in pieces
/// (at an entity, a bracket) is one text here, so a run is one element.
fn mark_runs(events: Vec<Event<'_>>, lang: Lang) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut in_code = false;
    let mut pending = String::new();
    let flush = |pending: &mut String, out: &mut Vec<Event<'_>>| {
        if pending.is_empty() {
            return;
        }
        let text = std::mem::take(pending);
        out.push(Event::InlineHtml(
            runs_html(&text, lang, &[], attr_escape).into(),
        ));
    };
    for event in events {
        match event {
            Event::Text(t) if !in_code => pending.push_str(&t),
            event => {
                flush(&mut pending, &mut out);
                match &event {
                    Event::Start(Tag::CodeBlock(_)) => in_code = true,
                    Event::End(TagEnd::CodeBlock) => in_code = false,
                    _ => {}
                }
                out.push(event);
            }
        }
    }
    flush(&mut pending, &mut out);
    out
}

/// Text as Markdown reads it literally: every character that could start
/// emphasis, code, a link, raw HTML, a table cell or a strikethrough is
/// escaped. What only matters at the start of a line (`#`, list markers)
/// is the caller's to handle.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The words in the same paragraph (list item, cell) as the image whose
/// events run from `start` to `end`: its caption, if it has one.
fn beside(events: &[(Event<'_>, Range<usize>)], start: usize, end: usize) -> String {
    let opens = |e: &Event<'_>| {
        matches!(
            e,
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::Heading { .. })
        )
    };
    let closes = |e: &Event<'_>| {
        matches!(
            e,
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_))
        )
    };
    let before = events[..start].iter().rev().take_while(|(e, _)| !opens(e));
    let after = events
        .get(end + 1..)
        .unwrap_or_default()
        .iter()
        .take_while(|(e, _)| !closes(e));
    let mut words = String::new();
    for (e, _) in before.chain(after) {
        if let Event::Text(t) | Event::Code(t) = e {
            words.push(' ');
            words.push_str(t);
        }
    }
    words
}

/// Whether `text` holds `words`, letter case and spacing aside.
fn says(text: &str, words: &str) -> bool {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    fold(text).contains(&fold(words))
}

/// Where the link that ends after `before` leads, for the plain text to
/// say after its words; `None` for an address written between angle
/// brackets (`<https://…>`, `<info@example.org>`), whose words say it.
fn link_target<'a>(before: &'a [(Event<'a>, std::ops::Range<usize>)]) -> Option<&'a str> {
    before.iter().rev().find_map(|(e, _)| match e {
        Event::Start(Tag::Link {
            link_type: LinkType::Autolink | LinkType::Email,
            ..
        }) => Some(None),
        Event::Start(Tag::Link { dest_url, .. }) => Some(Some(dest_url.as_ref())),
        _ => None,
    })?
}

/// Before a link's target in the plain text being written, where the link
/// leads to one of the site's own pages: a noncharacter, which Unicode
/// keeps for a program's own use, so no text holds it (one that did would
/// lose it, with no harm).
const SITE_LINK: &str = "\u{fdd0}";

/// Whether `url` (as [`on_the_site`] left it) is a path or a fragment on
/// the site rather than another site's address or scheme.
fn on_this_site(url: &str) -> bool {
    url.starts_with('#') || (url.starts_with('/') && !url.starts_with("//"))
}

/// `marked` without its [`SITE_LINK`] marks, and where each stood.
fn site_links_marked(marked: &str) -> (String, Vec<usize>) {
    let mut plain = String::with_capacity(marked.len());
    let mut at = Vec::new();
    for (k, part) in marked.split(SITE_LINK).enumerate() {
        if k > 0 && on_this_site(part) {
            at.push(plain.len());
        }
        plain.push_str(part);
    }
    (plain, at)
}

fn inline_text(
    t: &str,
    heading: &mut Option<(u8, String)>,
    text: &mut TextWriter,
    out: &mut Rendered,
    open: &[usize],
) {
    if let Some((_, h)) = heading.as_mut() {
        h.push_str(t);
    } else {
        text.push(t);
        push_text(out, open, t);
    }
}

/// Before each cell of a table row in a block's text, until [`table_text`].
const CELL: &str = "\u{1f}";
/// After a table row in a block's text, until [`table_text`].
const ROW: &str = "\u{1e}";

/// `t` on one line: its whitespace (and any table marks) one space.
fn one_line(t: &str) -> String {
    t.split(|c: char| c.is_whitespace() || CELL.contains(c) || ROW.contains(c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Between two rows of a table block's text.
const TABLE_ROW_SEPARATOR: &str = "\n\n";
/// Between two cells of a row of a table block's text: a tab, as a
/// browser copies a table row.
pub const TABLE_CELL_SEPARATOR: &str = "\t";

/// A table block's text: a row to a line (rows apart by a blank line), its
/// cells apart by a tab, as a browser copies a table row. Ask quotes the row
/// that answers, word for word, where a table had been one run of words ("…
/// Banned since 20 December 2022 Medical and nursing institutes Women's
/// courses halted …").
///
/// The header row comes first, always, as an empty line when its cells are
/// all empty: what names the columns is read by its place ([`table_rows`]).
/// A cell left empty keeps its place (`\tBanned` under `Level\tStatus` is
/// a status), but the empty cells that end a row are dropped, and so is a
/// row below the header with no cell written.
fn table_text(marked: &str) -> String {
    let mut rows = marked.split(ROW).map(|row| {
        row.split(CELL)
            // What stands before a row's first cell is no cell.
            .skip(1)
            .map(one_line)
            .collect::<Vec<_>>()
            .join(TABLE_CELL_SEPARATOR)
            .trim_end_matches(TABLE_CELL_SEPARATOR)
            .to_string()
    });
    let header = rows.next().unwrap_or_default();
    std::iter::once(header)
        .chain(rows.filter(|row| !row.is_empty()))
        .collect::<Vec<_>>()
        .join(TABLE_ROW_SEPARATOR)
}

/// A [`BlockKind::Table`] block's text cut into its rows ([`table_rows`]),
/// as byte ranges of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableRows {
    /// The header row, which names the columns: `None` where its cells are
    /// all empty. Never an answer, but what each row is read with.
    pub header: Option<Range<usize>>,
    /// The rows below it, in order: what Ask quotes of a table, whole,
    /// whatever punctuation their cells hold (a cell ending in "؟" would
    /// end a sentence).
    pub rows: Vec<Range<usize>>,
}

/// The rows of a [`BlockKind::Table`] block's text: its first line is the
/// header row, the others its rows. A row keeps its leading tabs (its empty
/// first cells), so that its cells stand under their columns.
pub fn table_rows(text: &str) -> TableRows {
    let mut out = TableRows::default();
    let mut start = 0;
    for (i, part) in text.split(TABLE_ROW_SEPARATOR).enumerate() {
        let edge = |c: char| c.is_whitespace() && !TABLE_CELL_SEPARATOR.contains(c);
        let lead = part.len() - part.trim_start_matches(edge).len();
        let row = start + lead..start + part.trim_end_matches(edge).len();
        let written = text[row.clone()]
            .split(TABLE_CELL_SEPARATOR)
            .any(|cell| !cell.trim().is_empty());
        if written && i == 0 {
            out.header = Some(row);
        } else if written {
            out.rows.push(row);
        }
        start += part.len() + TABLE_ROW_SEPARATOR.len();
    }
    out
}

fn push_text(out: &mut Rendered, open: &[usize], t: &str) {
    for &idx in open {
        out.blocks[idx].text.push_str(t);
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The ids an article's page gives its own parts around the body: its
/// question, short answer, translations, contents, sources, citation box,
/// comments and their form, and the page's main element. A heading in the
/// body never takes one (its id takes `-h` after it): the page would hold the id
/// twice, and a part's `aria-labelledby` and a link to `#sources` would
/// find the body's heading (until 7 December "## Sources" took `sources`).
pub const PAGE_IDS: &[&str] = &[
    "main",
    "question",
    "short-answer",
    "translations",
    "toc-title",
    "sources",
    "cite",
    "cite-plain",
    "cite-plain-label",
    "cite-html",
    "cite-html-label",
    "comments",
    "comments-title",
    "comment-form",
    "comment-form-title",
    "comment-errors",
    "comment-name",
    "comment-email",
    "comment-email-help",
    "comment-website",
    "comment-body",
    "comment-body-help",
];

/// Whether `id` is of a form the page's own anchors take: a paragraph's
/// `p-N`, a comment's `comment-N` (and its author's `comment-N-by`), or
/// one of [`PAGE_IDS`].
fn page_anchor(id: &str) -> bool {
    let numbered = |prefix: &str| {
        id.strip_prefix(prefix).is_some_and(|rest| {
            let digits = rest.strip_suffix("-by").unwrap_or(rest);
            !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
        })
    };
    PAGE_IDS.contains(&id)
        || id
            .strip_prefix("p-")
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
        || numbered("comment-")
}

/// A heading id from its text: letters of any script kept, so Dari and Pashto
/// headings get readable fragments; never one of the page's own anchors
/// ([`page_anchor`]: a paragraph's `p-N`, a comment's, a part's), which
/// takes `-h` after it.
fn unique_id(text: &str, used: &mut HashSet<String>, n: usize) -> String {
    let mut id = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            id.push(c);
        } else if (c.is_whitespace() || c == '-' || c == '_' || c == '\u{200c}')
            && !id.ends_with('-')
            && !id.is_empty()
        {
            id.push('-');
        }
    }
    let mut id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        id = format!("section-{n}");
    }
    if page_anchor(&id) {
        id.push_str("-h");
    }
    let mut candidate = id.clone();
    let mut k = 2;
    while !used.insert(candidate.clone()) {
        candidate = format!("{id}-{k}");
        k += 1;
    }
    candidate
}

/// `event` with a link written relative to the article's page made
/// root-relative (see [`from_the_page`]).
fn on_the_site(event: Event<'_>, lang: Lang) -> Event<'_> {
    match event {
        // An email address between angle brackets is no page's: its
        // address is the email's (`mailto:` is added when it is drawn).
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if link_type != LinkType::Email => Event::Start(Tag::Link {
            link_type,
            dest_url: from_the_page(&dest_url, lang).map_or(dest_url, CowStr::from),
            title,
            id,
        }),
        event => event,
    }
}

/// A link's address written relative to the page of an article in `lang`,
/// `/{lang}/{slug}` (`afghan-currency`, `./afghan-currency#p-2`,
/// `../fa/afghan-currency`, `tags/economy`), as the root-relative address
/// a browser on that page would go to (`/en/afghan-currency`, …), or
/// `None` for any other: with a scheme, root-relative, `//host`, or a part
/// of the page itself (`#p-2`, `?…`). What is read away from the page (a
/// feed's content, the API's `html` and `text`, a mirror whose links are
/// rewritten for a disk, the editor's preview) would otherwise resolve it
/// elsewhere, or not at all. Dot segments go as RFC 3986 removes them,
/// never above the root.
fn from_the_page(url: &str, lang: Lang) -> Option<String> {
    if url.is_empty() || url.starts_with(['/', '#', '?']) || scheme(url).is_some() {
        return None;
    }
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let (path, rest) = url.split_at(end);
    // The page's directory, then the path's segments.
    let mut segments = vec![lang.code()];
    let parts: Vec<&str> = path.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        match *part {
            "." => {}
            ".." => {
                segments.pop();
            }
            part => segments.push(part),
        }
        // `..` or `.` last names a directory.
        if i + 1 == parts.len() && matches!(*part, "." | "..") {
            segments.push("");
        }
    }
    Some(format!("/{}{rest}", segments.join("/")))
}

/// The scheme `url` starts with, if any: letters, digits, `+`, `-` or `.`
/// before the first `:`, starting with a letter, ahead of any `/`, `?` or
/// `#` (RFC 3986). `a b:c` has none: it is a relative address.
fn scheme(url: &str) -> Option<&str> {
    let head = &url[..url.find(':')?];
    let is_scheme = !head.contains(['/', '?', '#'])
        && head.starts_with(|c: char| c.is_ascii_alphabetic())
        && head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then_some(head)
}

/// The schemes an article's links may have: the web, mail, and `tel:` for a
/// hotline's number, which a phone dials from the page.
const LINK_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Whether a link's address is one the page keeps: of [`LINK_SCHEMES`], or
/// with no scheme at all (a page of this site, an `#anchor`). A scheme is
/// letters, digits, `+`, `-` or `.` before the first `:`, ahead of any `/`,
/// `?` or `#` (RFC 3986), compared without case, as a browser does.
pub fn link_allowed(url: &str) -> bool {
    // A browser drops tabs and line breaks from an address before reading
    // its scheme (the URL standard): `java&#x09;script:` is read so.
    let url: String = url
        .trim()
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    // No scheme at all (`a b:c`): a relative address the browser resolves here.
    scheme(&url).is_none_or(|head| LINK_SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(head)))
}

/// Defence in depth: the events above never carry the editor's raw HTML, but
/// whatever reaches a reader passes an allow-list all the same.
fn sanitize(html: &str) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tag_attributes("p", &["id"])
        .add_tag_attributes("li", &["id"])
        .add_tag_attributes(
            "div",
            &["id", "class", "role", "tabindex", "aria-labelledby"],
        )
        .add_tags(&["div"])
        .add_tag_attributes("h2", &["id"])
        .add_tag_attributes("h3", &["id"])
        .add_tag_attributes("h4", &["id"])
        .add_tag_attributes("h5", &["id"])
        .add_tag_attributes("h6", &["id"])
        .add_tag_attributes("h1", &["id"])
        .add_tag_attributes("th", &["style"])
        .add_tag_attributes("td", &["style"])
        .add_tag_attributes("ol", &["start"])
        .add_tag_attributes("img", &["srcset", "sizes", "loading", "decoding"])
        // A run of another script (`mark_runs`): its language and direction.
        .add_tag_attributes("bdi", &["lang", "dir"])
        .url_schemes(LINK_SCHEMES.into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .id_prefix(None);
    builder.clean(html).to_string()
}

/// Builds the plain-text rendering, which must never lose a list or a heading.
#[derive(Default)]
struct TextWriter {
    out: String,
    /// One entry per open list: `None` for bullets, `Some(n)` for the next number.
    lists: Vec<Option<u64>>,
    row: Vec<String>,
    in_cell: bool,
    in_code: bool,
}

impl TextWriter {
    fn push(&mut self, t: &str) {
        if self.in_cell {
            if let Some(cell) = self.row.last_mut() {
                cell.push_str(t);
            }
        } else if self.in_code {
            for (k, line) in t.split_inclusive('\n').enumerate() {
                if k > 0 || self.out.ends_with('\n') {
                    self.out.push_str("    ");
                }
                self.out.push_str(line);
            }
        } else {
            self.out.push_str(t);
        }
    }

    fn blank_line(&mut self) {
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        if self.out.is_empty() {
            return;
        }
        if !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        if !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn heading(&mut self, level: u8, t: &str) {
        self.blank_line();
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        let underline = if level <= 2 { '=' } else { '-' };
        self.out.push_str(&t);
        self.out.push('\n');
        self.out
            .extend(std::iter::repeat_n(underline, t.chars().count().max(3)));
        self.out.push_str("\n\n");
    }

    fn end_paragraph(&mut self, quote_depth: usize) {
        if quote_depth > 0 {
            // Quote the paragraph just written.
            let start = self.out.rfind("\n\n").map(|p| p + 2).unwrap_or(0);
            let para = self.out.split_off(start);
            for line in para.lines() {
                self.out.push_str("> ");
                self.out.push_str(line);
                self.out.push('\n');
            }
        }
        self.blank_line();
    }

    fn start_list(&mut self, start: Option<u64>) {
        if self.lists.is_empty() {
            self.blank_line();
        } else if !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.lists.push(start);
    }

    fn end_list(&mut self) {
        self.lists.pop();
        if self.lists.is_empty() {
            self.blank_line();
        }
    }

    fn start_item(&mut self) {
        if !self.out.ends_with('\n') && !self.out.is_empty() {
            self.out.push('\n');
        }
        let depth = self.lists.len().saturating_sub(1);
        self.out.extend(std::iter::repeat_n("   ", depth));
        match self.lists.last_mut() {
            Some(Some(n)) => {
                self.out.push_str(&format!("{n}. "));
                *n += 1;
            }
            _ => self.out.push_str("- "),
        }
    }

    fn item_paragraph(&mut self) {
        // A loose list item's second paragraph starts on its own indented line.
        if !self.out.ends_with(". ") && !self.out.ends_with("- ") {
            self.out.push('\n');
            let depth = self.lists.len();
            self.out.extend(std::iter::repeat_n("   ", depth));
        }
    }

    fn end_item(&mut self) {
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        if !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn start_row(&mut self) {
        self.row.clear();
    }

    fn start_cell(&mut self) {
        self.row.push(String::new());
        self.in_cell = true;
    }

    fn end_row(&mut self, header: bool) {
        self.in_cell = false;
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.blank_line();
        }
        let cells: Vec<String> = self.row.iter().map(|c| c.trim().to_string()).collect();
        self.out.push_str(&cells.join(" | "));
        self.out.push('\n');
        if header {
            let widths: Vec<String> = cells
                .iter()
                .map(|c| "-".repeat(c.chars().count().max(3)))
                .collect();
            self.out.push_str(&widths.join(" | "));
            self.out.push('\n');
        }
    }

    fn end_table(&mut self) {
        self.in_cell = false;
        self.blank_line();
    }

    fn start_code(&mut self) {
        self.blank_line();
        self.in_code = true;
        self.out.push_str("    ");
    }

    fn end_code(&mut self) {
        self.in_code = false;
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        self.blank_line();
    }

    fn rule(&mut self) {
        self.blank_line();
        self.out.push_str("* * *\n\n");
    }

    fn finish(mut self) -> String {
        while self.out.ends_with('\n') || self.out.ends_with(' ') {
            self.out.pop();
        }
        self.out.push('\n');
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fence never closed is found, by where it opens and as typed; one
    /// closed, at the text's end or before it, or inside a quote, is not.
    #[test]
    fn a_code_fence_left_open_is_found() {
        let open = "Text.\n\n```\nlet x = 1;\n\nThe rest.";
        assert_eq!(render(open).unclosed_fence, Some((7, "```".into())));
        let tilde = "Text.\n\n~~~~ rust\ncode\n~~~\n";
        assert_eq!(
            render(tilde).unclosed_fence.map(|f| f.1),
            Some("~~~~".into())
        );
        for closed in [
            "Text.\n\n```\ncode\n```",
            "Text.\n\n```\ncode\n```\n\nMore text.",
            "> ```\n> code\n> ```\n",
            "```\n````\n",
            "Text with ``` inside.",
        ] {
            assert_eq!(render(closed).unclosed_fence, None, "{closed:?}");
        }
    }

    #[test]
    fn escaped_text_renders_as_the_characters_typed() {
        let typed = "a ~~struck~~ *em* _u_ `code` [link](x) <b> a|b \\ end";
        let r = render(&escape_text(typed));
        assert!(r.raw_html_at.is_empty());
        for tag in ["<del>", "<em>", "<code>", "<a ", "<b>"] {
            assert!(!r.html.contains(tag), "{tag} in {}", r.html);
        }
        assert_eq!(r.blocks[0].text, typed);
    }

    #[test]
    fn uploads_are_drawn_with_their_copies_and_other_images_not_at_all() {
        let md = "Before.\n\n![The Salang \"tunnel\" <b>in</b> winter](/media/3fa2c19be0d54e71-1200x800.jpg)\n\n![](https://evil.example/x.png) ![x](javascript:alert(1)) after.\n";
        let r = render(md);
        assert!(
            r.html.contains(
                "<img src=\"/media/3fa2c19be0d54e71-1200x800-960.jpg\" srcset=\"/media/3fa2c19be0d54e71-1200x800-480.jpg 480w, /media/3fa2c19be0d54e71-1200x800-960.jpg 960w, /media/3fa2c19be0d54e71-1200x800.jpg 1200w\""
            ),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("width=\"1200\" height=\"800\""),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("alt=\"The Salang &quot;tunnel&quot; in winter\""),
            "{}",
            r.html
        );
        assert_eq!(r.raw_html_at.len(), 2, "the <b> and </b> of the alt text");
        assert!(
            !r.html.contains("evil.example") && !r.html.contains("javascript"),
            "{}",
            r.html
        );
        assert_eq!(r.html.matches("<img").count(), 1);
        let uses: Vec<(bool, &str)> = r
            .images
            .iter()
            .map(|i| (i.upload, i.alt.as_str()))
            .collect();
        assert_eq!(
            uses,
            [
                (true, "The Salang \"tunnel\" in winter"),
                (false, ""),
                (false, "x")
            ]
        );
        assert_eq!(&md[r.images[1].at..r.images[1].at + 2], "![");
        // Alt text is not quoted by Ask as if it were the article's words.
        assert!(
            r.blocks.iter().all(|b| !b.text.contains("Salang")),
            "{:?}",
            r.blocks
        );
    }

    const SAMPLE: &str = "Russia’s recognition ends the country’s complete isolation.\n\n## What changes\n\nKey limitations remain:\n\n- Western states have not followed.\n- The UN seat is still held by the former government’s envoy.\n\nAs a result, the change is symbolic.\n\n### Numbers\n\n| Year | Event |\n|---|---|\n| 2021 | Taliban return |\n\n1. First\n2. Second\n";

    #[test]
    fn anchors_every_paragraph_item_and_table_in_order() {
        let r = render(SAMPLE);
        assert!(
            r.html.contains("<p id=\"p-1\">Russia’s recognition"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<h2 id=\"what-changes\">What changes</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<p id=\"p-2\">Key limitations remain:</p>"));
        assert!(r
            .html
            .contains("<li id=\"p-3\">Western states have not followed.</li>"));
        assert!(r.html.contains("<li id=\"p-4\">"));
        assert!(r.html.contains("<p id=\"p-5\">As a result"));
        assert!(
            r.html
                .contains("<div class=\"table-wrap\" id=\"p-6\" role=\"region\" tabindex=\"0\" aria-labelledby=\"numbers\"><table>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<li id=\"p-7\">First</li>"));
        let anchors: Vec<_> = r.blocks.iter().map(|b| b.anchor.as_str()).collect();
        assert_eq!(
            anchors,
            ["p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "p-7", "p-8"]
        );
        assert_eq!(r.blocks[2].text, "Western states have not followed.");
        assert_eq!(r.blocks[2].headings, ["What changes"]);
        assert_eq!(r.blocks[5].headings, ["What changes", "Numbers"]);
        assert_eq!(r.blocks[5].kind, BlockKind::Table);
        // A row to a sentence, its cells apart by a tab.
        assert_eq!(r.blocks[5].text, "Year\tEvent\n\n2021\tTaliban return");
        let r = render(
            "| Level | Status |\n| --- | --- |\n| Primary | Allowed |\n| | Banned |\n\nAfter.\n",
        );
        // An empty cell keeps its place: "Banned" is a status.
        assert_eq!(
            r.blocks[0].text,
            "Level\tStatus\n\nPrimary\tAllowed\n\n\tBanned"
        );
        assert_eq!(r.blocks[1].text, "After.");
        let r = render("- item\n\n  | A | B |\n  | - | - |\n  | 1 | 2 |\n");
        assert!(
            r.blocks
                .iter()
                .all(|b| !b.text.contains(CELL) && !b.text.contains(ROW)),
            "{:?}",
            r.blocks
        );
    }

    #[test]
    fn a_tables_rows_are_whole_whatever_their_cells_hold() {
        let r = render(
            "| پوښتنه | ځواب |\n| --- | --- |\n| کابل چېرته دی؟ | په ختیځ کې. |\n| Why? | Because. |\n",
        );
        let text = &r.blocks[0].text;
        let t = table_rows(text);
        assert_eq!(t.header.map(|h| &text[h]), Some("پوښتنه\tځواب"));
        let rows: Vec<&str> = t.rows.into_iter().map(|x| &text[x]).collect();
        assert_eq!(rows, ["کابل چېرته دی؟\tپه ختیځ کې.", "Why?\tBecause."]);
        assert_eq!(table_rows(""), TableRows::default());
        let padded = "\n\nA\tB\n\n";
        let t = table_rows(padded);
        assert_eq!(t.header, None);
        let rows: Vec<&str> = t.rows.into_iter().map(|x| &padded[x]).collect();
        assert_eq!(rows, ["A\tB"]);
    }

    /// The header row is the table text's first line, even with no cell
    /// written: a table whose header is empty has rows only, and an empty
    /// cell keeps its place, so each cell stands under its column's name.
    #[test]
    fn a_tables_header_is_its_first_line_and_cells_keep_their_columns() {
        let r = render("| | |\n|---|---|\n| Kabul | Capital |\n| Herat | |\n");
        let text = &r.blocks[0].text;
        assert_eq!(text, "\n\nKabul\tCapital\n\nHerat");
        let t = table_rows(text);
        assert_eq!(t.header, None);
        let rows: Vec<&str> = t.rows.into_iter().map(|x| &text[x]).collect();
        assert_eq!(rows, ["Kabul\tCapital", "Herat"]);
        let r = render("| | 2020 | 2021 |\n|---|---|---|\n| Wheat | | 4.1 |\n| | | |\n");
        let text = &r.blocks[0].text;
        assert_eq!(text, "\t2020\t2021\n\nWheat\t\t4.1");
        let t = table_rows(text);
        assert_eq!(t.header.map(|h| &text[h]), Some("\t2020\t2021"));
        let rows: Vec<&str> = t.rows.into_iter().map(|x| &text[x]).collect();
        assert_eq!(rows, ["Wheat\t\t4.1"]);
    }

    #[test]
    fn a_block_kind_is_read_back_from_its_name() {
        for kind in BlockKind::ALL {
            assert_eq!(BlockKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(BlockKind::from_name("Table"), None);
    }

    /// An image in plain text is its alt text, unless its caption beside
    /// it says as much.
    #[test]
    fn plain_text_keeps_an_images_alt_text() {
        let image = |md: &str| render(md).plain;
        assert_eq!(
            image("Before.\n\n![The Salang tunnel in snow](/media/a.jpg)\n"),
            "Before.\n\n[Image: The Salang tunnel in snow]\n"
        );
        assert_eq!(
            image("![Kabul at dusk](/media/a.jpg) Kabul in 2020\n"),
            "[Image: Kabul at dusk] Kabul in 2020\n"
        );
        assert_eq!(
            image("![Kabul at dusk](/media/a.jpg) *Kabul at  dusk*, 2020\n"),
            " Kabul at  dusk, 2020\n"
        );
        // In the article's language, as its alt text is.
        for (lang, said) in [
            (Lang::Fa, "[تصویر: کابل در شب]\n"),
            (Lang::Ps, "[انځور: کابل در شب]\n"),
        ] {
            assert_eq!(render_in("![کابل در شب](/media/a.jpg)\n", lang).plain, said);
        }
    }

    #[test]
    fn plain_text_keeps_lists_and_headings() {
        let r = render(SAMPLE);
        let expected = "Russia’s recognition ends the country’s complete isolation.\n\nWhat changes\n============\n\nKey limitations remain:\n\n- Western states have not followed.\n- The UN seat is still held by the former government’s envoy.\n\nAs a result, the change is symbolic.\n\nNumbers\n-------\n\nYear | Event\n---- | -----\n2021 | Taliban return\n\n1. First\n2. Second\n";
        assert_eq!(r.plain, expected);
    }

    #[test]
    fn plain_text_names_the_sites_links_in_full_wherever_they_stand() {
        let r = render(
            "> See [Kabul](/en/kabul#p-2).\n\n| City | Page |\n|---|---|\n| Herat | [here](#p-1) |\n\n\
             [Elsewhere](https://example.org/x)\n",
        );
        let text = r.plain_on("https://ask.example", "https://ask.example/en/cities");
        assert!(
            text.contains("> See Kabul (https://ask.example/en/kabul#p-2)."),
            "{text}"
        );
        assert!(
            text.contains("Herat | here (https://ask.example/en/cities#p-1)"),
            "{text}"
        );
        assert!(text.contains("Elsewhere (https://example.org/x)"), "{text}");
        assert!(!r.plain.contains(SITE_LINK), "{}", r.plain);
    }

    #[test]
    fn plain_text_says_an_address_once_where_the_link_shows_it() {
        let r = render("See <https://example.org/a> or <info@example.org>, or [the bank](https://dab.gov.af/).\n");
        assert_eq!(
            r.plain,
            "See https://example.org/a or info@example.org, or the bank (https://dab.gov.af/).\n"
        );
    }

    #[test]
    fn a_hotline_number_is_a_link_a_script_is_not() {
        let r = render("Call [the hotline](tel:+93700123456) or [x](javascript:alert(1)).\n");
        assert!(r.html.contains("href=\"tel:+93700123456\""), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
    }

    #[test]
    fn raw_html_and_scripts_never_become_markup() {
        let r = render("Hello <script>alert(1)</script> and <img src=x onerror=alert(1)>\n\n<div onclick=\"x()\">block</div>\n\n[x](javascript:alert(1))\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<img"), "{}", r.html);
        assert!(!r.html.contains("<div"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
        // Two inline tags pairs in the first paragraph, one HTML block.
        assert_eq!(r.raw_html_at.len(), 4, "{:?}", r.raw_html_at);
    }

    #[test]
    fn arabic_script_and_curly_quotes_pass_untouched() {
        let md = "## وضعیت کنونی\n\nروسیه نخستین کشوری است که «امارت اسلامی» را به رسمیت شناخت.\n\nد ښځو زده‌کړه — “quoted” it’s\n";
        let r = render_in(md, Lang::Fa);
        assert!(
            r.html.contains("<h2 id=\"وضعیت-کنونی\">وضعیت کنونی</h2>"),
            "{}",
            r.html
        );
        assert!(r
            .html
            .contains("روسیه نخستین کشوری است که «امارت اسلامی» را به رسمیت شناخت."));
        // Pashto and English words in it are marked, the quotation marks
        // between two English words too.
        assert!(
            r.html.contains(
                "د <bdi lang=\"ps\" dir=\"rtl\">ښځو زده\u{200c}کړه</bdi> — “<bdi lang=\"en\" dir=\"ltr\">quoted” it’s</bdi>"
            ),
            "{}",
            r.html
        );
        assert!(r.plain.contains("د ښځو زده\u{200c}کړه — “quoted” it’s"));
    }

    /// Words of another script are marked with their language and
    /// isolated in their direction: Dari and Pashto in English (by their
    /// letters), English in Dari and Pashto; digits alone, code and a
    /// link's address never; a link's words are.
    #[test]
    fn runs_of_another_script_declare_language_and_direction() {
        let fa = "<bdi lang=\"fa\" dir=\"rtl\">";
        let ps = "<bdi lang=\"ps\" dir=\"rtl\">";
        let en = "<bdi lang=\"en\" dir=\"ltr\">";
        let md = "| English | Dari | Pashto |\n|---|---|---|\n| Thank you | تشکر | ډېره مننه |\n\n\
                  Say «تشکر»! Not `تشکر` in code, and [مننه](https://example.org/مننه) is a link.\n\n\
                  In 2021, 1400 ۱۴۰۰.\n\n```\nسلام\n```\n";
        let r = render_in(md, Lang::En);
        assert!(
            r.html.contains(&format!("<td>{fa}تشکر</bdi></td>")),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(&format!("<td>{ps}ډېره مننه</bdi></td>")),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains(&format!("Say «{fa}تشکر</bdi>»! Not <code>تشکر</code>")),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(&format!("<a href=\"https://example.org/%D9%85%D9%86%D9%86%D9%87\" rel=\"noopener noreferrer\">{fa}مننه</bdi></a>")),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<p id=\"p-3\">In 2021, 1400 ۱۴۰۰.</p>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<code>سلام\n</code>"), "{}", r.html);
        // The text Ask and search read is untouched.
        assert_eq!(
            r.blocks[0].text,
            "English\tDari\tPashto\n\nThank you\tتشکر\tډېره مننه"
        );

        let r = render_in(
            "دفتر (UNAMA) و Human Rights Watch در سال 2021 گفتند: COVID-19.\n\n![Kabul](/media/x.jpg)\n",
            Lang::Fa,
        );
        assert!(
            r.html.contains(&format!("دفتر ({en}UNAMA</bdi>) و {en}Human Rights Watch</bdi> در سال 2021 گفتند: {en}COVID-19</bdi>.")),
            "{}",
            r.html
        );
        // A transliteration in brackets keeps its question mark, which
        // the right-to-left line would otherwise show at its left.
        let r = render_in(
            "| دری | پشتو |\n| --- | --- |\n| چطور هستید؟ (četor hastēd?) | څنګه یاست؟ (tsanga yāst?) |\n",
            Lang::Fa,
        );
        assert_eq!(
            r.html,
            format!(
                "<div class=\"table-wrap\" id=\"p-1\" role=\"region\" tabindex=\"0\" aria-labelledby=\"question\"><table><thead><tr><th>دری</th><th>پشتو</th></tr></thead><tbody>\n\
                 <tr><td>چطور هستید؟ ({en}četor hastēd?</bdi>)</td><td>{ps}څنګه</bdi> یاست؟ ({en}tsanga yāst?</bdi>)</td></tr>\n\
                 </tbody></table>\n</div>\n"
            )
        );
        let r = render_in("د **WHO** راپور\n", Lang::Ps);
        assert!(
            r.html
                .contains(&format!("د <strong>{en}WHO</bdi></strong> راپور")),
            "{}",
            r.html
        );
        // Text of one script only is as it was.
        assert_eq!(
            render_in("Kabul, 2021.\n", Lang::En).html,
            "<p id=\"p-1\">Kabul, 2021.</p>\n"
        );
    }

    /// The sanitizer keeps what the runs' element carries and no more.
    #[test]
    fn the_sanitizer_keeps_a_runs_language_and_direction_only() {
        assert_eq!(
            sanitize("<bdi lang=\"fa\" dir=\"rtl\" style=\"x\" onclick=\"y\">a</bdi><span dir=\"rtl\">b</span><p dir=\"ltr\">c</p>"),
            "<bdi lang=\"fa\" dir=\"rtl\">a</bdi><span>b</span><p>c</p>"
        );
    }

    #[test]
    fn heading_ids_are_unique_and_never_look_like_anchors() {
        let r = render("## Overview\n\n## Overview\n\n## P 3\n\n## ???\n");
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["overview", "overview-2", "p-3-h", "section-4"]);
        // Named as a part of the page, or as a comment's anchor.
        let r = render("## Sources\n\n## Comments\n\n## Comment 12\n\n## Comment 3 by\n\n## Comment x\n\n## Sources list\n");
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "sources-h",
                "comments-h",
                "comment-12-h",
                "comment-3-by-h",
                "comment-x",
                "sources-list"
            ]
        );
    }

    #[test]
    fn links_keep_their_targets_in_plain_text() {
        let r = render("See [UNHCR](https://www.unhcr.org/) now.\n");
        assert_eq!(r.plain, "See UNHCR (https://www.unhcr.org/) now.\n");
        assert!(r.html.contains("rel=\"noopener noreferrer\""));
    }

    /// A link written relative to the article's page, `/{lang}/{slug}`, is
    /// the root-relative address it leads to there, in the HTML and the
    /// plain text alike; any other is left as written.
    #[test]
    fn a_link_relative_to_the_page_is_made_root_relative() {
        for (written, en, fa) in [
            (
                "afghan-currency",
                "/en/afghan-currency",
                "/fa/afghan-currency",
            ),
            (
                "./afghan-currency#p-2",
                "/en/afghan-currency#p-2",
                "/fa/afghan-currency#p-2",
            ),
            ("../fa/x?a=1#b", "/fa/x?a=1#b", "/fa/x?a=1#b"),
            ("tags/economy", "/en/tags/economy", "/fa/tags/economy"),
            ("../../../x", "/x", "/x"),
            ("..", "/", "/"),
            (".", "/en/", "/fa/"),
            ("./", "/en/", "/fa/"),
            ("x.txt", "/en/x.txt", "/fa/x.txt"),
        ] {
            assert_eq!(
                from_the_page(written, Lang::En).as_deref(),
                Some(en),
                "{written}"
            );
            assert_eq!(
                from_the_page(written, Lang::Fa).as_deref(),
                Some(fa),
                "{written}"
            );
        }
        for kept in [
            "/en/afghan-currency",
            "#p-3",
            "?q=1",
            "https://www.unhcr.org/",
            "//cdn.example/a",
            "mailto:a@example.org",
            "tel:+93",
            "",
        ] {
            assert_eq!(from_the_page(kept, Lang::En), None, "{kept}");
        }
        let r = render_in(
            "See [the afghani](afghan-currency#p-2) and [UN](https://un.org/).\n",
            Lang::Fa,
        );
        assert!(
            r.html.contains("href=\"/fa/afghan-currency#p-2\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"https://un.org/\""), "{}", r.html);
        assert!(r.plain.contains("(/fa/afghan-currency#p-2)"), "{}", r.plain);
    }

    /// A wide table scrolls in its wrapper: the wrapper is a named region
    /// the keyboard reaches, named by its heading, else the question.
    #[test]
    fn a_table_is_a_focusable_region_named_by_its_heading() {
        let table = "| Year | Event |\n|---|---|\n| 2021 | Taliban return |\n";
        let r = render(table);
        assert!(
            r.html.contains("<div class=\"table-wrap\" id=\"p-1\" role=\"region\" tabindex=\"0\" aria-labelledby=\"question\">"),
            "{}",
            r.html
        );
        let r = render(&format!("## Provinces by size\n\n{table}"));
        assert!(
            r.html.contains("aria-labelledby=\"provinces-by-size\""),
            "{}",
            r.html
        );
    }
}

//! Reading a WordPress export (WXR: RSS 2.0 with WordPress's own elements).
//!
//! A real export is not always well-formed XML: plugins write control
//! characters or unescaped `&` into titles, and a file cut short loses its
//! end. When the whole file does not parse, each `<item>` is read on its own
//! (with the namespaces of the `<rss>` element), so one broken post costs
//! that post, named with its line, and not the whole import.
//! Elements this reader does not know are listed once, so the report can say
//! what was ignored.

use std::collections::BTreeSet;

use roxmltree::{Document, Node, ParsingOptions};

/// What a problem in the file is about: a line of the file and, when it is
/// one post, its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: usize,
    pub message: String,
}

/// A post's category or tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// `category`, `post_tag`, or a plugin's taxonomy (Polylang: `language`,
    /// `post_translations`).
    pub domain: String,
    pub nicename: String,
    pub label: String,
}

/// A comment as WordPress kept it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WxrComment {
    pub id: i64,
    pub parent: Option<i64>,
    pub author: String,
    pub email: Option<String>,
    pub ip: Option<String>,
    /// `YYYY-MM-DD HH:MM:SS`, UTC.
    pub date_gmt: String,
    /// The same in the site's own time zone: what is left when an export
    /// holds `0000-00-00 00:00:00` or nothing for the UTC one.
    pub date: String,
    pub content_html: String,
    /// `1`, `0`, `spam` or `trash`.
    pub approved: String,
    /// Empty for a comment; `pingback` or `trackback` otherwise.
    pub kind: String,
}

/// One `<item>`: a post, page, attachment or anything else WordPress keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    /// The line of the file the item starts on.
    pub line: usize,
    pub id: i64,
    pub title: String,
    pub link: String,
    pub creator: String,
    pub content_html: String,
    pub excerpt_html: String,
    pub post_name: String,
    pub status: String,
    pub post_type: String,
    pub date: String,
    pub date_gmt: String,
    pub modified: String,
    pub modified_gmt: String,
    pub attachment_url: String,
    pub terms: Vec<Term>,
    pub comments: Vec<WxrComment>,
}

/// An author of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub login: String,
    pub display_name: String,
}

/// The export, as far as it could be read.
#[derive(Debug, Clone, Default)]
pub struct Export {
    pub site_title: String,
    pub site_link: String,
    /// The channel's `<language>`, such as `en-US`.
    pub language: String,
    pub authors: Vec<Author>,
    pub items: Vec<Item>,
    /// What could not be read.
    pub problems: Vec<Note>,
    /// Elements of an item this reader does not use, by name.
    pub unknown: BTreeSet<String>,
}

/// Reads an export. Never fails: what cannot be read is in `problems`.
pub fn parse(text: &str) -> Export {
    let mut export = Export::default();
    match Document::parse_with_options(text, options()) {
        Ok(doc) => {
            read_channel(&doc, 0, &mut export);
            if export.items.is_empty() && export.site_title.is_empty() {
                export.problems.push(Note {
                    line: 1,
                    message:
                        "this is XML but not a WordPress export: it has no <channel> with posts"
                            .into(),
                });
            }
        }
        Err(e) => {
            export.problems.push(Note {
                line: e.pos().row as usize,
                message: format!(
                    "the file is not well-formed XML ({e}); reading each post on its own"
                ),
            });
            read_items_one_by_one(text, &mut export);
        }
    }
    export
}

/// WordPress writes a DOCTYPE-free file, but an export passed through other
/// tools may carry one: allowed, as a reader of RSS would.
fn options() -> ParsingOptions {
    ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

fn read_channel(doc: &Document, line_offset: usize, export: &mut Export) {
    let Some(channel) = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name("channel"))
    else {
        return;
    };
    for node in channel.children().filter(Node::is_element) {
        match (ns(node), node.tag_name().name()) {
            (Ns::None, "title") => export.site_title = text_of(node),
            (Ns::None, "link") => export.site_link = text_of(node),
            (Ns::None, "language") => export.language = text_of(node),
            (Ns::Wp, "author") => export.authors.push(Author {
                login: child_text(node, Ns::Wp, "author_login"),
                display_name: child_text(node, Ns::Wp, "author_display_name"),
            }),
            (Ns::None, "item") => {
                let line = line_offset + doc.text_pos_at(node.range().start).row as usize;
                export
                    .items
                    .push(read_item(node, line, &mut export.unknown));
            }
            _ => {}
        }
    }
}

/// Reads each `<item>` of a file that does not parse as a whole.
fn read_items_one_by_one(text: &str, export: &mut Export) {
    // The namespaces are declared on <rss>: each item is read inside a copy of it.
    let rss_open = text
        .find("<rss")
        .and_then(|at| text[at..].find('>').map(|end| &text[at..=at + end]))
        .unwrap_or("<rss>");
    // On one line, so that a line inside an item counts from the item's first.
    let rss_open = rss_open
        .trim_end_matches("/>")
        .trim_end_matches('>')
        .replace(['\n', '\r'], " ");
    let head_end = text.find("<item").unwrap_or(text.len());
    // The channel's own fields, from the part before the first item.
    let head = format!(
        "{rss_open}><channel>{}</channel></rss>",
        channel_head(&text[..head_end])
    );
    if let Ok(doc) = Document::parse_with_options(&head, options()) {
        read_channel(&doc, 0, export);
    }
    let mut from = 0;
    while let Some(at) = find_item(text, from) {
        let line = line_of(text, at);
        let end = text[at..].find("</item>").map(|e| at + e + "</item>".len());
        let Some(end) = end else {
            export.problems.push(Note {
                line,
                message: format!(
                    "{}: the post is cut off (no </item>); not imported",
                    describe_raw(&text[at..])
                ),
            });
            break;
        };
        let chunk = &text[at..end];
        let wrapped = format!("{rss_open}><channel>{chunk}</channel></rss>");
        match Document::parse_with_options(&wrapped, options()) {
            Ok(doc) => {
                if let Some(node) = doc.descendants().find(|n| n.has_tag_name("item")) {
                    export
                        .items
                        .push(read_item(node, line, &mut export.unknown));
                }
            }
            Err(e) => {
                // Lines inside the chunk count from the item's first line.
                let row = line + (e.pos().row as usize).saturating_sub(1);
                export.problems.push(Note {
                    line: row,
                    message: format!(
                        "{}: not imported, its XML is broken ({e})",
                        describe_raw(chunk)
                    ),
                });
            }
        }
        from = end;
    }
}

/// The channel's elements before the first item, without the opening tags.
fn channel_head(head: &str) -> &str {
    match head.find("<channel>") {
        Some(at) => &head[at + "<channel>".len()..],
        None => "",
    }
}

fn find_item(text: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = text[at..].find("<item") {
        let start = at + i;
        let next = text[start + 5..].chars().next();
        if matches!(next, Some('>' | ' ' | '\n' | '\t' | '\r')) {
            return Some(start);
        }
        at = start + 5;
    }
    None
}

/// A post named by the title found in its raw text, for a broken item.
fn describe_raw(chunk: &str) -> String {
    let title = chunk
        .find("<title>")
        .and_then(|s| {
            let rest = &chunk[s + 7..];
            rest.find("</title>").map(|e| rest[..e].trim())
        })
        .map(|t| t.trim_start_matches("<![CDATA[").trim_end_matches("]]>"))
        .filter(|t| !t.is_empty());
    match title {
        Some(t) => format!("the post “{t}”"),
        None => "a post with no title".to_string(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ns {
    None,
    Wp,
    Content,
    Excerpt,
    Dc,
    Other,
}

/// Which vocabulary an element is from. WordPress has written several
/// versions of its namespace (`export/1.0/` to `export/1.2/`), so it is
/// recognised by its stem.
fn ns(node: Node) -> Ns {
    match node.tag_name().namespace() {
        None | Some("") => Ns::None,
        Some(uri) if uri.contains("wordpress.org/export") && uri.contains("excerpt") => Ns::Excerpt,
        Some(uri) if uri.contains("wordpress.org/export") => Ns::Wp,
        Some(uri) if uri.contains("purl.org/rss/1.0/modules/content") => Ns::Content,
        Some(uri) if uri.contains("purl.org/dc/elements") => Ns::Dc,
        Some(_) => Ns::Other,
    }
}

fn text_of(node: Node) -> String {
    node.children()
        .filter_map(|c| c.text())
        .collect::<String>()
        .trim()
        .to_string()
}

fn child_text(node: Node, want: Ns, name: &str) -> String {
    node.children()
        .find(|c| c.is_element() && ns(*c) == want && c.tag_name().name() == name)
        .map(text_of)
        .unwrap_or_default()
}

fn read_item(node: Node, line: usize, unknown: &mut BTreeSet<String>) -> Item {
    let mut item = Item {
        line,
        ..Item::default()
    };
    for child in node.children().filter(Node::is_element) {
        let name = child.tag_name().name();
        match (ns(child), name) {
            (Ns::None, "title") => item.title = text_of(child),
            (Ns::None, "link") => item.link = text_of(child),
            (Ns::None, "category") => item.terms.push(Term {
                domain: child.attribute("domain").unwrap_or("category").to_string(),
                nicename: child.attribute("nicename").unwrap_or_default().to_string(),
                label: text_of(child),
            }),
            (Ns::Dc, "creator") => item.creator = text_of(child),
            (Ns::Content, "encoded") => item.content_html = text_of(child),
            (Ns::Excerpt, "encoded") => item.excerpt_html = text_of(child),
            (Ns::Wp, "post_id") => item.id = text_of(child).parse().unwrap_or(0),
            (Ns::Wp, "post_name") => item.post_name = text_of(child),
            (Ns::Wp, "status") => item.status = text_of(child),
            (Ns::Wp, "post_type") => item.post_type = text_of(child),
            (Ns::Wp, "post_date") => item.date = text_of(child),
            (Ns::Wp, "post_date_gmt") => item.date_gmt = text_of(child),
            (Ns::Wp, "post_modified") => item.modified = text_of(child),
            (Ns::Wp, "post_modified_gmt") => item.modified_gmt = text_of(child),
            (Ns::Wp, "attachment_url") => item.attachment_url = text_of(child),
            (Ns::Wp, "comment") => item.comments.push(read_comment(child)),
            // Known, and not needed for an article.
            (Ns::None, "pubDate" | "guid" | "description")
            | (
                Ns::Wp,
                "comment_status" | "ping_status" | "post_parent" | "menu_order" | "post_password"
                | "is_sticky" | "postmeta",
            ) => {}
            (kind, _) => {
                let prefix = match kind {
                    Ns::Wp => "wp:",
                    Ns::Content => "content:",
                    Ns::Excerpt => "excerpt:",
                    Ns::Dc => "dc:",
                    Ns::None => "",
                    Ns::Other => "?:",
                };
                unknown.insert(format!("<{prefix}{name}>"));
            }
        }
    }
    item
}

fn read_comment(node: Node) -> WxrComment {
    let field = |name: &str| child_text(node, Ns::Wp, name);
    let optional = |name: &str| Some(field(name)).filter(|s| !s.is_empty());
    WxrComment {
        id: field("comment_id").parse().unwrap_or(0),
        parent: field("comment_parent").parse().ok().filter(|p| *p != 0),
        author: field("comment_author"),
        email: optional("comment_author_email"),
        ip: optional("comment_author_IP"),
        date_gmt: field("comment_date_gmt"),
        date: field("comment_date"),
        content_html: field("comment_content"),
        approved: field("comment_approved"),
        kind: field("comment_type"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Old site</title>
<link>https://old.example</link>
<language>fa-AF</language>
<wp:author><wp:author_login>amina</wp:author_login><wp:author_display_name><![CDATA[Amina K.]]></wp:author_display_name></wp:author>
"#;

    fn item(title: &str, extra: &str) -> String {
        format!(
            "<item>\n<title>{title}</title>\n<dc:creator>amina</dc:creator>\n<content:encoded><![CDATA[<p>Body & more</p>]]></content:encoded>\n<wp:post_id>7</wp:post_id>\n<wp:status>publish</wp:status>\n<wp:post_type>post</wp:post_type>{extra}\n</item>\n"
        )
    }

    #[test]
    fn reads_the_channel_items_and_comments() {
        let text = format!(
            "{HEAD}{}</channel></rss>",
            item(
                "First",
                "<category domain=\"post_tag\" nicename=\"kabul\"><![CDATA[Kabul]]></category><wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_author>R</wp:comment_author><wp:comment_approved>1</wp:comment_approved><wp:comment_content>Hi</wp:comment_content><wp:comment_parent>0</wp:comment_parent></wp:comment><wp:shiny>x</wp:shiny>"
            )
        );
        let export = parse(&text);
        assert!(export.problems.is_empty(), "{:?}", export.problems);
        assert_eq!(export.site_title, "Old site");
        assert_eq!(export.language, "fa-AF");
        assert_eq!(export.authors[0].display_name, "Amina K.");
        let post = &export.items[0];
        assert_eq!((post.title.as_str(), post.id, post.line), ("First", 7, 8));
        assert_eq!(post.content_html, "<p>Body & more</p>");
        assert_eq!(post.terms[0].nicename, "kabul");
        assert_eq!(post.comments[0].parent, None);
        assert_eq!(post.comments[0].approved, "1");
        assert_eq!(
            export.unknown.iter().collect::<Vec<_>>(),
            vec!["<wp:shiny>"]
        );
    }

    #[test]
    fn a_broken_item_costs_only_itself() {
        let text = format!(
            "{HEAD}{}{}{}</channel></rss>",
            item("Good one", ""),
            item("Bad & broken <b>", ""),
            item("Good two", "")
        );
        let export = parse(&text);
        let titles: Vec<&str> = export.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, vec!["Good one", "Good two"]);
        assert_eq!(export.site_title, "Old site");
        // One note for the file, one naming the broken post and its line.
        assert_eq!(export.problems.len(), 2, "{:?}", export.problems);
        let broken = &export.problems[1];
        assert!(broken.message.contains("Bad & broken"), "{broken:?}");
        assert_eq!(broken.line, 17, "the line of the broken title");
    }

    #[test]
    fn a_file_cut_short_keeps_what_came_before() {
        let text = format!("{HEAD}{}<item><title>Cut", item("Whole", ""));
        let export = parse(&text);
        assert_eq!(export.items.len(), 1);
        assert!(export
            .problems
            .iter()
            .any(|p| p.message.contains("cut off")));
    }

    #[test]
    fn not_an_export() {
        let export = parse("<html><body>hi</body></html>");
        assert!(export.items.is_empty());
        assert!(export.problems[0]
            .message
            .contains("not a WordPress export"));
        let export = parse("just text");
        assert!(!export.problems.is_empty());
    }
}

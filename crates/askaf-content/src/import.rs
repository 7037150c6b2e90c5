//! Turns a plain-text article, such as an old page saved as text, into a draft Markdown file.
//!
//! Plain text has no markup, so structure is inferred line by line: a line
//! ending in a colon is a lead-in, and the short lines after it are its list.
//! Where a lead-in has nothing after it that could be a list (as in a careless
//! export that dropped it), the importer says so instead of guessing.

use crate::lang::{Lang, Slug};

/// The draft file and what an editor should look at before publishing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub markdown: String,
    pub warnings: Vec<String>,
}

const ITEM_MAX_CHARS: usize = 90;
const HEADING_MAX_CHARS: usize = 80;
/// The longest title a draft is given.
const TITLE_MAX_CHARS: usize = 120;

fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '؟', '۔', '…', '"', '”', '»'])
}

fn bullet(line: &str) -> Option<&str> {
    for marker in ["- ", "* ", "• ", "– ", "— "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some(rest.trim());
        }
    }
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits < 3 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(rest.trim());
        }
    }
    None
}

/// Lines that belong to the page around an article, not to the article.
fn is_site_chrome(line: &str) -> bool {
    let lower = line.to_lowercase();
    line.starts_with('©')
        || lower == "no comments"
        || lower.ends_with(" comments")
            && lower.split_whitespace().count() == 2
            && lower
                .split_whitespace()
                .next()
                .is_some_and(|n| n.parse::<u32>().is_ok())
        || lower == "1 comment"
        || lower.starts_with("askafghanistan provides clear answers")
}

fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Markdown-escapes a line of plain text, so `*`, `_` or a leading `#` stay text.
fn escape(line: &str) -> String {
    let mut out = crate::markdown::escape_text(line);
    if out.starts_with('#')
        || out.starts_with("+++")
        || bullet(&out).is_some()
        || out.starts_with('-')
    {
        out.insert(0, '\\');
    }
    out
}

/// Builds a draft article from plain text; `today` dates it.
pub fn import_text(text: &str, lang: Lang, slug: &Slug, today: chrono::NaiveDate) -> Imported {
    let mut warnings = Vec::new();
    let lines: Vec<(usize, &str)> = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .collect();

    let mut content: Vec<(usize, &str)> = Vec::new();
    for &(n, line) in &lines {
        if line.is_empty() {
            content.push((n, ""));
        } else if is_site_chrome(line) {
            warnings.push(format!(
                "line {n}: left out `{line}`: it belongs to the page, not the article"
            ));
        } else {
            content.push((n, line));
        }
    }

    // A title on a line of its own first, as an old page saved as text has
    // it: the draft's title, and not its first paragraph as well (the
    // article page shows the title above the body, so it was said twice).
    // A first line that ends as a sentence of the text does, a lead-in, an
    // item, or the text's only line stays in the body, its first sentence
    // the title.
    let first = content.iter().position(|(_, l)| !l.is_empty());
    let title_line = first.filter(|&at| {
        let line = content[at].1;
        line.chars().count() <= TITLE_MAX_CHARS
            && !line.ends_with(['.', '۔', '…', ':', '：'])
            && bullet(line).is_none()
            && content[at + 1..].iter().any(|(_, l)| !l.is_empty())
    });
    let mut body = String::new();
    let mut first_paragraph: Option<&str> = None;
    let mut i = title_line.map_or(0, |at| at + 1);
    while i < content.len() {
        let (n, line) = content[i];
        i += 1;
        if line.is_empty() {
            continue;
        }
        if line.ends_with(':') || line.ends_with('：') {
            body.push_str(&escape(line));
            body.push_str("\n\n");
            let mut items = 0;
            while i < content.len() {
                let (_, next) = content[i];
                if next.is_empty() {
                    i += 1;
                    if items > 0 {
                        break;
                    }
                    continue;
                }
                let item = match bullet(next) {
                    Some(rest) => rest,
                    None if next.chars().count() <= ITEM_MAX_CHARS || !ends_sentence(next) => next,
                    None => break,
                };
                body.push_str("- ");
                body.push_str(&escape(item));
                body.push('\n');
                items += 1;
                i += 1;
            }
            if items == 0 {
                warnings.push(format!(
                    "line {n}: `{line}` introduces a list, but no items follow: the list may have been lost in the export; restore it from the original"
                ));
            } else {
                body.push('\n');
            }
            continue;
        }
        if let Some(item) = bullet(line) {
            body.push_str("- ");
            body.push_str(&escape(item));
            body.push('\n');
            if content
                .get(i)
                .is_none_or(|(_, l)| l.is_empty() || bullet(l).is_none())
            {
                body.push('\n');
            }
            continue;
        }
        let next_is_paragraph = content
            .get(i)
            .is_some_and(|(_, l)| l.chars().count() > HEADING_MAX_CHARS);
        if line.chars().count() <= HEADING_MAX_CHARS && !ends_sentence(line) && next_is_paragraph {
            body.push_str("## ");
            body.push_str(&escape(line));
            body.push_str("\n\n");
            continue;
        }
        first_paragraph.get_or_insert(line);
        body.push_str(&escape(line));
        body.push_str("\n\n");
    }

    let lead = first_paragraph.unwrap_or("");
    let first_sentence = lead
        .split_inclusive(['.', '?', '!', '؟'])
        .next()
        .unwrap_or(lead)
        .trim();
    let title: String = title_line
        .map_or(first_sentence, |at| content[at].1)
        .chars()
        .take(TITLE_MAX_CHARS)
        .collect();
    if first_paragraph.is_none() {
        warnings.push("the text has no paragraph to take a title and summary from".into());
    }
    warnings.push(
        "the draft needs its `question`, `tags` and `sources` before it can be published".into(),
    );

    let markdown = format!(
        "+++\nslug = {slug}\nlang = {lang}\ndraft = true\ntitle = {title}\nquestion = \"\"\nsummary = {summary}\ntags = []\npublished = {today}\nupdated = {today}\n\n[[sources]]\ntitle = \"\"\nurl = \"\"\naccessed = {today}\n+++\n\n{body}",
        slug = toml_string(slug.as_str()),
        lang = toml_string(lang.code()),
        title = toml_string(&title),
        summary = toml_string(lead),
        body = body.trim_end().to_string() + "\n",
    );
    Imported { markdown, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn lead_in_lines_become_lists() {
        let text = "Recognition changed little in practice.\nKey limitations remain:\nNo Western state has followed\nThe UN seat is unchanged\nSanctions still apply\nAs a result, Afghanistan’s international status has changed symbolically but not structurally.\n";
        let out = import_text(text, Lang::En, &Slug::parse("x").unwrap(), today());
        let body = out.markdown.split("+++\n").nth(2).unwrap();
        assert_eq!(
            body,
            "\nRecognition changed little in practice.\n\nKey limitations remain:\n\n- No Western state has followed\n- The UN seat is unchanged\n- Sanctions still apply\n\nAs a result, Afghanistan’s international status has changed symbolically but not structurally.\n"
        );
    }

    #[test]
    fn a_lost_list_is_reported_and_chrome_left_out() {
        let text = "Key limitations remain:\nAs a result, Afghanistan’s international status has changed symbolically but not structurally, and that matters a great deal.\n© 2026 All rights reserved.\nNo Comments";
        let out = import_text(text, Lang::En, &Slug::parse("x").unwrap(), today());
        assert!(
            out.warnings.iter().any(|w| w.starts_with(
                "line 1: `Key limitations remain:` introduces a list, but no items follow"
            )),
            "{:?}",
            out.warnings
        );
        assert!(out
            .warnings
            .iter()
            .any(|w| w.starts_with("line 3: left out `© 2026")));
        assert!(out
            .warnings
            .iter()
            .any(|w| w.starts_with("line 4: left out `No Comments`")));
        assert!(!out.markdown.contains("No Comments"));
    }

    #[test]
    fn the_draft_parses_and_escapes_markup() {
        let text = "Title *with* stars and <b>tags</b>.\n# not a heading\n";
        let out = import_text(text, Lang::Fa, &Slug::parse("x").unwrap(), today());
        let parsed = crate::front::parse_file(std::path::Path::new("d.md"), &out.markdown);
        // The draft is deliberately incomplete: the editor must add the question and a source.
        let problems: Vec<String> = parsed.unwrap_err().iter().map(|p| p.message()).collect();
        assert!(
            problems.iter().any(|m| m == "field `question` is empty"),
            "{problems:?}"
        );
        let r = crate::markdown::render(out.markdown.split("+++\n").nth(2).unwrap());
        assert!(r.raw_html_at.is_empty());
        assert!(
            r.html
                .contains("Title *with* stars and &lt;b&gt;tags&lt;/b&gt;."),
            "{}",
            r.html
        );
        assert!(r.html.contains("# not a heading"), "{}", r.html);
    }

    /// An old page saved as text starts with its title on a line of its
    /// own: the draft's `title`, and not its first paragraph as well (the
    /// article page shows the title above the body, so it was said twice).
    /// The summary is the first paragraph after it.
    #[test]
    fn a_title_on_its_own_first_line_is_the_title_and_not_the_body() {
        for (text, title, first) in [
            (
                "Who governs Afghanistan?\n\nThe Taliban have governed Afghanistan since August 2021.\nRussia recognised them in July 2025.\n",
                "Who governs Afghanistan?",
                "The Taliban have governed Afghanistan since August 2021.",
            ),
            (
                "\u{feff}Afghanistan's currency\nThe afghani is the currency of Afghanistan.\n",
                "Afghanistan's currency",
                "The afghani is the currency of Afghanistan.",
            ),
            (
                "زبان‌های افغانستان\n\nدری و پشتو زبان‌های رسمی افغانستان استند.\n",
                "زبان‌های افغانستان",
                "دری و پشتو زبان‌های رسمی افغانستان استند.",
            ),
        ] {
            let out = import_text(text, Lang::En, &Slug::parse("x").unwrap(), today());
            let (front, body) = out.markdown.split_once("+++\n\n").unwrap();
            assert!(
                front.contains(&format!("title = {}\n", toml_string(title))),
                "{front}"
            );
            assert!(
                front.contains(&format!("summary = {}\n", toml_string(first))),
                "{front}"
            );
            assert!(!body.contains(title), "the title again in the body: {body}");
            assert!(body.starts_with(&escape(first)), "{body}");
        }
        // A first line that is a sentence of the text, or the text's only
        // line, stays in the body (its first sentence the title, as before).
        for text in [
            "Recognition changed little in practice.\nThe UN seat is unchanged.\n",
            "Who governs Afghanistan?\n",
        ] {
            let out = import_text(text, Lang::En, &Slug::parse("x").unwrap(), today());
            let first = text.lines().next().unwrap();
            let body = out.markdown.split_once("+++\n\n").unwrap().1;
            assert!(body.starts_with(first), "{body}");
            assert!(out.markdown.contains(&format!("title = \"{first}\"")));
        }
    }
}

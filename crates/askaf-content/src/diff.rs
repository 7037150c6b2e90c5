//! A word-level diff of two texts, for an article's history.
//!
//! Words are found by Unicode's word boundaries (UAX #29), which keep a
//! Dari or Pashto word whole with its zero-width non-joiner (`می‌آید`) and
//! its diacritics, and keep spaces and punctuation as pieces of their own,
//! so a changed word is marked alone and the text around it reads as typed.
//!
//! [`hunks`] shows only what changed in a file: the lines that differ
//! (found line by line by `similar`), word by word within them, with a few
//! unchanged lines around each stretch, as a unified diff does.

use std::time::Duration;

use similar::{DiffTag, TextDiff};
use unicode_segmentation::UnicodeSegmentation;

/// One run of the diff.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Piece {
    /// `same`, `ins` (only in the newer text) or `del` (only in the older).
    pub kind: &'static str,
    pub text: String,
}

/// Above this many cells (words × words of the part that differs) the
/// changed middle is shown as one deletion and one insertion, not aligned
/// word by word: the table would cost more memory than a page is worth.
const MAX_CELLS: usize = 4_000_000;

/// The pieces that turn `old` into `new`, word by word.
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let a: Vec<&str> = old.split_word_bounds().collect();
    let b: Vec<&str> = new.split_word_bounds().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut out = Vec::new();
    push(&mut out, "same", &a[..prefix]);
    if am.len().saturating_mul(bm.len()) > MAX_CELLS {
        push(&mut out, "del", am);
        push(&mut out, "ins", bm);
    } else {
        middle(&mut out, am, bm);
    }
    push(&mut out, "same", &a[a.len() - suffix..]);
    out
}

/// One stretch of [`hunks`]: changed lines and the unchanged ones around
/// them, as pieces (a changed line word by word).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Hunk {
    /// The line of the newer text the stretch starts at, counted from 1.
    pub line: usize,
    pub pieces: Vec<Piece>,
}

/// Which part of an article's file a stretch of [`article_hunks`] is in,
/// and so what its `line` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The front matter, its fences included: lines of the file from its
    /// first, as an editor finds them in it.
    FrontMatter,
    /// The body, as the editor's body field holds it (without the blank
    /// lines after the closing fence): its first line is 1.
    Body,
    /// The whole text, one of the two being no article with front matter.
    File,
}

/// What changed from one article's file to another's, as [`hunks`], the
/// front matter and the body compared apart: each stretch is headed by
/// its line in its part, the line an editor finds it at, in the file or in
/// the form's body field. A stretch of the whole text would have counted
/// the lines of the newer front matter, which an editor never sees as
/// such (the editor writes `[translations]` as a table, a file may have
/// it on one line), and a stretch could begin in one part and end in the
/// other. Blank lines between the front matter and the body, which the
/// body field drops, are neither's.
pub fn article_hunks(old: &str, new: &str, context: usize) -> Vec<(Part, Hunk)> {
    match (split_article(old), split_article(new)) {
        (Some((old_front, old_body)), Some((new_front, new_body))) => {
            let front = hunks(old_front, new_front, context);
            let body = hunks(old_body, new_body, context);
            let front = front.into_iter().map(|h| (Part::FrontMatter, h));
            front
                .chain(body.into_iter().map(|h| (Part::Body, h)))
                .collect()
        }
        _ => hunks(old, new, context)
            .into_iter()
            .map(|h| (Part::File, h))
            .collect(),
    }
}

/// An article's text cut into its front matter (with its fences, as the
/// file's first lines) and its body as the editor's body field holds it.
fn split_article(text: &str) -> Option<(&str, &str)> {
    let fenced = crate::front::fenced(text).ok()?;
    let front = &text[..text.len() - fenced.body.len()];
    Some((front, fenced.body.trim_start_matches('\n')))
}

/// How long the line diff may look for the shortest one before it settles
/// for a longer, still correct one: two 2 MB files that share nothing
/// would otherwise take seconds.
const LINE_DIFF_DEADLINE: Duration = Duration::from_millis(500);

/// What changed from `old` to `new`, as stretches of lines: each changed
/// run of lines with up to `context` unchanged lines before and after it,
/// stretches closer than twice that joined. Within a run, the old lines
/// and the new are compared word by word ([`word_diff`]). No stretch when
/// the texts are the same.
pub fn hunks(old: &str, new: &str, context: usize) -> Vec<Hunk> {
    let diff = TextDiff::configure()
        .timeout(LINE_DIFF_DEADLINE)
        .diff_lines(old, new);
    let (old_lines, new_lines) = (diff.old_slices(), diff.new_slices());
    diff.grouped_ops(context)
        .iter()
        .map(|group| {
            let mut pieces = Vec::new();
            for op in group {
                let (tag, was, is) = op.as_tag_tuple();
                let (was, is) = (old_lines[was].concat(), new_lines[is].concat());
                match tag {
                    DiffTag::Equal => append(&mut pieces, "same", was),
                    DiffTag::Delete => append(&mut pieces, "del", was),
                    DiffTag::Insert => append(&mut pieces, "ins", is),
                    DiffTag::Replace => {
                        for p in word_diff(&was, &is) {
                            append(&mut pieces, p.kind, p.text);
                        }
                    }
                }
            }
            // The last line's break ends the stretch; shown, it would
            // leave an empty line (one that was added or removed stays).
            if let Some(last) = pieces.last_mut().filter(|p| p.kind == "same") {
                if last.text.ends_with('\n') {
                    last.text.pop();
                }
                if last.text.is_empty() {
                    pieces.pop();
                }
            }
            Hunk {
                line: group.first().map_or(0, |op| op.new_range().start) + 1,
                pieces,
            }
        })
        .collect()
}

/// Appends `text` as `kind`, joining a run of the same kind.
fn append(out: &mut Vec<Piece>, kind: &'static str, text: String) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(&text),
        _ => out.push(Piece { kind, text }),
    }
}

/// Longest common subsequence of the changed middle.
fn middle(out: &mut Vec<Piece>, a: &[&str], b: &[&str]) {
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if a[i] == b[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            push(out, "same", &a[i..=i]);
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
            // Deletions first: what went, then what came in its place.
            push(out, "del", &a[i..=i]);
            i += 1;
        } else {
            push(out, "ins", &b[j..=j]);
            j += 1;
        }
    }
}

/// Appends `words` as `kind`, joining a run of the same kind.
fn push(out: &mut Vec<Piece>, kind: &'static str, words: &[&str]) {
    append(out, kind, words.concat());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p.kind {
                "ins" => format!("[+{}]", p.text),
                "del" => format!("[-{}]", p.text),
                _ => p.text.clone(),
            })
            .collect()
    }

    #[test]
    fn a_changed_word_is_marked_alone() {
        let d = word_diff("The river feeds Kabul.", "The reservoir feeds Kabul today.");
        assert_eq!(show(&d), "The [-river][+reservoir] feeds Kabul[+ today].");
    }

    #[test]
    fn dari_words_stay_whole_with_their_non_joiner() {
        // «می‌آید» (with a zero-width non-joiner) becomes «می‌رسد».
        let d = word_diff("آب از کوه می‌آید.", "آب از کوه می‌رسد.");
        assert_eq!(show(&d), "آب از کوه [-می‌آید][+می‌رسد].");
        let d = word_diff("د کابل اوبه", "د کندهار اوبه");
        assert_eq!(show(&d), "د [-کابل][+کندهار] اوبه");
    }

    fn show_hunks(hunks: &[Hunk]) -> Vec<(usize, String)> {
        hunks.iter().map(|h| (h.line, show(&h.pieces))).collect()
    }

    fn lines(n: usize, changed: &[(usize, &str)]) -> String {
        (1..=n)
            .map(|i| match changed.iter().find(|(at, _)| *at == i) {
                Some((_, text)) => format!("{text}\n"),
                None => format!("line {i}\n"),
            })
            .collect()
    }

    #[test]
    fn hunks_show_the_changed_lines_with_their_context() {
        let old = lines(20, &[]);
        let new = lines(20, &[(10, "line ten")]);
        assert_eq!(
            show_hunks(&hunks(&old, &new, 2)),
            [(
                8,
                "line 8\nline 9\nline [-10][+ten]\nline 11\nline 12".to_string()
            )]
        );
        // Two changes far apart: two stretches, each headed by its line.
        let new = lines(20, &[(2, "line two"), (18, "line eighteen")]);
        assert_eq!(
            show_hunks(&hunks(&old, &new, 2)),
            [
                (1, "line 1\nline [-2][+two]\nline 3\nline 4".to_string()),
                (
                    16,
                    "line 16\nline 17\nline [-18][+eighteen]\nline 19\nline 20".to_string()
                ),
            ]
        );
        // Close together: one.
        let new = lines(20, &[(5, "line five"), (9, "line nine")]);
        assert_eq!(hunks(&old, &new, 2).len(), 1);
    }

    #[test]
    fn hunks_count_lines_in_the_newer_text_and_keep_added_and_removed_lines() {
        let old = lines(10, &[]);
        let mut new = String::from("a new first line\nanother\n");
        new.push_str(&old.replace("line 9\n", ""));
        assert_eq!(
            show_hunks(&hunks(&old, &new, 1)),
            [
                (1, "[+a new first line\nanother\n]line 1".to_string()),
                (10, "line 8\n[-line 9\n]line 10".to_string()),
            ]
        );
        // A line break added at the end is shown, not trimmed.
        assert_eq!(
            show_hunks(&hunks("a\nb", "a\nb\n", 1)),
            [(1, "a\nb[+\n]".to_string())]
        );
    }

    #[test]
    fn an_articles_stretches_count_the_lines_of_their_part() {
        let file = |front: &str, body: &str| format!("+++\n{front}+++\n\n{body}");
        let old = file("slug = \"a\"\ntitle = \"Old\"\n", &lines(20, &[]));
        // Two more lines of front matter in the newer text, the title on
        // its third line, and the body's 10th line changed.
        let new = file(
            "slug = \"a\"\ntitle = \"New\"\n[translations]\nfa = \"a\"\n",
            &lines(20, &[(10, "line ten")]),
        );
        let shown: Vec<(Part, usize, String)> = article_hunks(&old, &new, 2)
            .into_iter()
            .map(|(part, h)| (part, h.line, show(&h.pieces)))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    Part::FrontMatter,
                    1,
                    "+++\nslug = \"a\"\ntitle = \"[-Old][+New\"\n[translations]\nfa = \"a]\"\n+++"
                        .to_string()
                ),
                (
                    Part::Body,
                    8,
                    "line 8\nline 9\nline [-10][+ten]\nline 11\nline 12".to_string()
                ),
            ]
        );
        // No front matter: the whole text's lines.
        let parts: Vec<(Part, usize)> = article_hunks("a\nb\n", "a\nc\n", 1)
            .into_iter()
            .map(|(part, h)| (part, h.line))
            .collect();
        assert_eq!(parts, [(Part::File, 1)]);
    }

    #[test]
    fn the_same_text_has_no_hunk() {
        let text = lines(50, &[]);
        assert!(hunks(&text, &text, 3).is_empty());
        assert!(hunks("", "", 3).is_empty());
    }

    #[test]
    fn equal_and_empty_texts() {
        assert_eq!(show(&word_diff("same text", "same text")), "same text");
        assert_eq!(show(&word_diff("", "new")), "[+new]");
        assert_eq!(show(&word_diff("old", "")), "[-old]");
    }
}

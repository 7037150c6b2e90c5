//! A word-level diff of two texts, for an article's history.
//!
//! Words are found by Unicode's word boundaries (UAX #29), which keep a
//! Dari or Pashto word whole with its zero-width non-joiner (`می‌آید`) and
//! its diacritics, and keep spaces and punctuation as pieces of their own,
//! so a changed word is marked alone and the text around it reads as typed.

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
    if words.is_empty() {
        return;
    }
    let text = words.concat();
    match out.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(&text),
        _ => out.push(Piece { kind, text }),
    }
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

    #[test]
    fn equal_and_empty_texts() {
        assert_eq!(show(&word_diff("same text", "same text")), "same text");
        assert_eq!(show(&word_diff("", "new")), "[+new]");
        assert_eq!(show(&word_diff("old", "")), "[-old]");
    }
}

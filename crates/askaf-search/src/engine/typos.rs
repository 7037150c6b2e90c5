//! Typo tolerance: a question's word the articles never use is matched to
//! known terms a few characters away, tested cheaply first by signature.

/// A known term, with its characters' signature for a cheap first test.
/// The characters themselves are taken from the term when a word passes
/// it: kept for every word, they would cost a large site a hundred megabytes.
pub(super) struct VocabWord {
    /// The term's id in the engine's [`Terms`](super::terms::Terms).
    pub(super) id: u32,
    /// [`char_signature`] of the term's characters.
    pub(super) sig: u64,
}

/// The set of a word's characters as 64 bits, each character hashed to one.
/// A character of one word missing from another leaves a bit of the first's
/// signature unset in the second's, so `(a & !b).count_ones()` never exceeds
/// the number of `a`'s characters missing from `b`: a test of a few
/// instructions that turns away most of the vocabulary before the exact ones.
pub(super) fn char_signature(chars: &[char]) -> u64 {
    chars.iter().fold(0u64, |sig, &c| {
        sig | 1u64 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 26)
    })
}

impl VocabWord {
    /// A term as typo tolerance keeps it, with its length in characters;
    /// `None` under four characters.
    pub(super) fn new(id: u32, term: &str) -> Option<(usize, VocabWord)> {
        let chars: Vec<char> = term.chars().collect();
        (chars.len() >= 4).then(|| {
            (
                chars.len(),
                VocabWord {
                    id,
                    sig: char_signature(&chars),
                },
            )
        })
    }
}

/// How many characters of `a` (sorted) have no partner in `b` (sorted): a
/// lower bound of the edit distance that needs no allocation.
pub(super) fn missing_chars(a: &[char], b: &[char]) -> usize {
    let (mut i, mut j, mut missing) = (0, 0, 0);
    while i < a.len() {
        if j >= b.len() || a[i] < b[j] {
            missing += 1;
            i += 1;
        } else if a[i] == b[j] {
            i += 1;
            j += 1;
        } else {
            j += 1;
        }
    }
    missing
}

pub(super) fn edit_distance_at_most(a: &[char], b: &[char], max: usize) -> bool {
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    // Damerau-Levenshtein (optimal string alignment), rows of three.
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
            row_min = row_min.min(cur[j]);
        }
        if row_min > max {
            return false;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_test_never_turns_away_a_word_one_edit_away() {
        let word: Vec<char> = "قندهار".chars().collect();
        let alphabet: Vec<char> = "ابتقندهارکیkandhr".chars().collect();
        let passes = |a: &[char], b: &[char]| {
            let (sa, sb) = (char_signature(a), char_signature(b));
            (sa & !sb).count_ones() <= 1 && (sb & !sa).count_ones() <= 1
        };
        let mut variants: Vec<Vec<char>> = Vec::new();
        for i in 0..=word.len() {
            for &c in &alphabet {
                let mut v = word.clone();
                v.insert(i, c);
                variants.push(v);
                if i < word.len() {
                    let mut v = word.clone();
                    v[i] = c;
                    variants.push(v);
                }
            }
            if i < word.len() {
                let mut v = word.clone();
                v.remove(i);
                variants.push(v);
            }
        }
        for v in &variants {
            assert!(edit_distance_at_most(&word, v, 1));
            assert!(passes(&word, v), "{v:?}");
        }
        let far: Vec<char> = "کابلستان".chars().collect();
        assert!(!passes(&word, &far));
    }

    #[test]
    fn edit_distance() {
        let d = |a: &str, b: &str, max| {
            edit_distance_at_most(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
                max,
            )
        };
        assert!(d("afganistan", "afghanistan", 1));
        assert!(d("qandahar", "kandahar", 1));
        assert!(d("kabul", "kbaul", 1), "transposition");
        assert!(!d("kabul", "herat", 2));
    }
}

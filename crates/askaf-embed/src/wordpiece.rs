//! BERT's WordPiece tokenizer, read from a model directory's `tokenizer.json`
//! and run as HuggingFace's `tokenizers` crate runs that file, so that the
//! token ids (and so the vectors) stay the ones the model was shipped with.
//! Ours rather than that crate because, for this one tokenizer, it and the
//! 24 crates only it brought (among them the C library oniguruma, for
//! regular expressions BERT's tokenizer never uses) cost 87 s of one core
//! in a first release build, 61 s of them `tokenizers` itself.
//!
//! A text goes through the steps the file names, in `tokenizers`' order:
//! 1. The added tokens (`[CLS]`, `[MASK]`, …), matched as they are written
//!    in the raw text, leftmost and then longest first, become their own
//!    ids; the text between them goes on alone.
//! 2. BertNormalizer: control characters, U+0000 and U+FFFD dropped and
//!    white space made a plain space; spaces around CJK ideographs; accents
//!    stripped (NFD, then no nonspacing marks); lower case, one character at
//!    a time (so a final Σ becomes σ, as there).
//! 3. BertPreTokenizer: words split at white space, and every punctuation
//!    character (Unicode's P* or ASCII's symbols) a word of its own.
//! 4. WordPiece: each word cut greedily into the longest pieces in the
//!    vocabulary, the pieces after the first looked up with `##`; a word
//!    with a part no piece covers, or longer than the limit, is one
//!    `[UNK]`.
//! 5. The post-processor's template (`[CLS] $A [SEP]`) around the pieces,
//!    cut first so that the whole fits the model's longest input.
//!
//! The character classes are `unicode_categories`' tables, the very ones
//! `tokenizers` asks (Unicode 8.0), not today's Unicode: it is their
//! answers that decide which characters are dropped, split off or stripped.
//! NFD is `unicode-normalization`'s; `tokenizers` uses a Unicode 9.0 copy,
//! and the two agree on every character assigned by then (decompositions
//! and combining classes never change once assigned).

use std::collections::HashMap;

use serde::Deserialize;
use unicode_categories::UnicodeCategories;
use unicode_normalization::UnicodeNormalization;

/// A BERT WordPiece tokenizer as a `tokenizer.json` configures it.
#[derive(Debug)]
pub(crate) struct WordPiece {
    /// Every piece of the vocabulary, for the first piece of a word.
    vocab: HashMap<Box<str>, u32>,
    /// The pieces that start with the continuing prefix (`##`), without it,
    /// for the pieces after a word's first.
    continuing: HashMap<Box<str>, u32>,
    /// The longest piece in bytes: no longer part of a word is looked up.
    longest: usize,
    unk: u32,
    max_chars: usize,
    normalizer: BertNormalizer,
    /// Tokens matched in the raw text before anything else, with their ids.
    added: Vec<(Box<str>, u32)>,
    /// The ids the post-processor puts before and after a text's pieces.
    before: Vec<u32>,
    after: Vec<u32>,
}

/// The `normalizer` section: which of BERT's cleaning steps to take.
#[derive(Debug, Clone, Copy, Deserialize)]
struct BertNormalizer {
    #[serde(default = "yes")]
    clean_text: bool,
    #[serde(default = "yes")]
    handle_chinese_chars: bool,
    /// Unset, it follows `lowercase` (as BERT's uncased models were trained).
    #[serde(default)]
    strip_accents: Option<bool>,
    #[serde(default = "yes")]
    lowercase: bool,
}

fn yes() -> bool {
    true
}

/// The parts of `tokenizer.json` read; `truncation` and `padding` are not,
/// as the model sets its own (cut to its longest input, no padding).
#[derive(Deserialize)]
struct File {
    #[serde(default)]
    added_tokens: Vec<AddedToken>,
    normalizer: Option<serde_json::Value>,
    pre_tokenizer: Option<serde_json::Value>,
    post_processor: Option<serde_json::Value>,
    model: serde_json::Value,
}

#[derive(Deserialize)]
struct AddedToken {
    id: u32,
    content: String,
    #[serde(default)]
    single_word: bool,
    #[serde(default)]
    lstrip: bool,
    #[serde(default)]
    rstrip: bool,
    #[serde(default = "yes")]
    normalized: bool,
}

#[derive(Deserialize)]
struct Model {
    vocab: HashMap<String, u32>,
    #[serde(default = "default_unk")]
    unk_token: String,
    #[serde(default = "default_prefix")]
    continuing_subword_prefix: String,
    #[serde(default = "default_max_chars")]
    max_input_chars_per_word: usize,
}

fn default_unk() -> String {
    "[UNK]".into()
}
fn default_prefix() -> String {
    "##".into()
}
fn default_max_chars() -> usize {
    100
}

#[derive(Deserialize)]
struct Template {
    single: Vec<Piece>,
    #[serde(default)]
    special_tokens: HashMap<String, SpecialToken>,
}

#[derive(Deserialize)]
enum Piece {
    Sequence { id: String },
    SpecialToken { id: String },
}

#[derive(Deserialize)]
struct SpecialToken {
    ids: Vec<u32>,
}

#[derive(Deserialize)]
struct BertProcessing {
    cls: (String, u32),
    sep: (String, u32),
}

/// The `type` of a section of the file, for the messages of refusal.
fn kind(section: &serde_json::Value) -> &str {
    section
        .get("type")
        .and_then(|t| t.as_str())
        .unwrap_or("(no type)")
}

impl WordPiece {
    /// Reads `tokenizer.json`. Any other tokenizer than BERT's (a model
    /// other than WordPiece, a normalizer or pre-tokenizer other than
    /// BERT's, added tokens matched in other ways than as written) is
    /// refused with what was found, rather than run differently from the
    /// way the model was trained.
    pub(crate) fn from_json(bytes: &[u8]) -> Result<WordPiece, String> {
        let file: File = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        let model = match kind(&file.model) {
            "WordPiece" => Model::deserialize(&file.model).map_err(|e| format!("model: {e}"))?,
            other => {
                return Err(format!(
                    "the model is {other}; only BERT's WordPiece is supported"
                ))
            }
        };
        let normalizer = match &file.normalizer {
            Some(n) if kind(n) == "BertNormalizer" => {
                BertNormalizer::deserialize(n).map_err(|e| format!("normalizer: {e}"))?
            }
            Some(n) => {
                return Err(format!(
                    "the normalizer is {}; only BertNormalizer is supported",
                    kind(n)
                ))
            }
            None => return Err("there is no normalizer; BertNormalizer is needed".into()),
        };
        match &file.pre_tokenizer {
            Some(p) if kind(p) == "BertPreTokenizer" => {}
            Some(p) => {
                return Err(format!(
                    "the pre-tokenizer is {}; only BertPreTokenizer is supported",
                    kind(p)
                ))
            }
            None => return Err("there is no pre-tokenizer; BertPreTokenizer is needed".into()),
        }
        let (before, after) = match &file.post_processor {
            None | Some(serde_json::Value::Null) => (vec![], vec![]),
            Some(p) if kind(p) == "TemplateProcessing" => {
                let t =
                    Template::deserialize(p).map_err(|e| format!("post_processor: {e}"))?;
                template(&t)?
            }
            Some(p) if kind(p) == "BertProcessing" => {
                let b =
                    BertProcessing::deserialize(p).map_err(|e| format!("post_processor: {e}"))?;
                (vec![b.cls.1], vec![b.sep.1])
            }
            Some(p) => {
                return Err(format!(
                    "the post-processor is {}; only TemplateProcessing and BertProcessing are supported",
                    kind(p)
                ))
            }
        };
        let mut added = Vec::new();
        for t in file.added_tokens {
            let set: Vec<&str> = [
                (t.normalized, "normalized"),
                (t.lstrip, "lstrip"),
                (t.rstrip, "rstrip"),
                (t.single_word, "single_word"),
            ]
            .into_iter()
            .filter_map(|(on, name)| on.then_some(name))
            .collect();
            if !set.is_empty() {
                return Err(format!(
                    "added token {:?} has {} set; only added tokens matched as written \
                     (normalized, lstrip, rstrip and single_word false) are supported",
                    t.content,
                    set.join(", ")
                ));
            }
            if !t.content.is_empty() {
                // As `tokenizers`: the vocabulary's id where it has the token.
                let id = model.vocab.get(&t.content).copied().unwrap_or(t.id);
                added.push((t.content.into_boxed_str(), id));
            }
        }
        let unk = *model.vocab.get(&model.unk_token).ok_or_else(|| {
            format!(
                "the unknown token {:?} is not in the vocabulary",
                model.unk_token
            )
        })?;
        let prefix = model.continuing_subword_prefix;
        let mut continuing: HashMap<Box<str>, u32> = HashMap::new();
        let mut longest = 0;
        for (piece, &id) in &model.vocab {
            longest = longest.max(piece.len());
            if let Some(rest) = piece.strip_prefix(prefix.as_str()) {
                continuing.insert(rest.into(), id);
            }
        }
        Ok(WordPiece {
            vocab: model
                .vocab
                .into_iter()
                .map(|(p, id)| (p.into_boxed_str(), id))
                .collect(),
            continuing,
            longest,
            unk,
            max_chars: model.max_input_chars_per_word,
            normalizer,
            added,
            before,
            after,
        })
    }

    /// The ids of `text` with the post-processor's special tokens around
    /// them, at most `max_tokens` in all: the text's pieces are cut to
    /// leave room for the special tokens, as `tokenizers` cuts them.
    pub(crate) fn encode(&self, text: &str, max_tokens: usize) -> Vec<u32> {
        let room = max_tokens.saturating_sub(self.before.len() + self.after.len());
        let mut pieces = Vec::new();
        let mut normalized = String::new();
        let mut rest = text;
        // Once `room` pieces are found, the rest would only be cut.
        while pieces.len() < room {
            match self.next_added(rest) {
                Some((start, end, id)) => {
                    self.segment(&rest[..start], &mut normalized, &mut pieces, room);
                    pieces.push(id);
                    rest = &rest[end..];
                }
                None => {
                    self.segment(rest, &mut normalized, &mut pieces, room);
                    break;
                }
            }
        }
        pieces.truncate(room);
        let mut ids = Vec::with_capacity(self.before.len() + pieces.len() + self.after.len());
        ids.extend_from_slice(&self.before);
        ids.extend_from_slice(&pieces);
        ids.extend_from_slice(&self.after);
        ids
    }

    /// Where the first added token in `text` starts and ends, and its id:
    /// at the leftmost place one starts, the longest there.
    fn next_added(&self, text: &str) -> Option<(usize, usize, u32)> {
        if self.added.is_empty() {
            return None;
        }
        for (i, _) in text.char_indices() {
            let at = &text[i..];
            let mut best: Option<(usize, u32)> = None;
            for (token, id) in &self.added {
                if at.starts_with(&**token) && best.is_none_or(|(len, _)| token.len() > len) {
                    best = Some((token.len(), *id));
                }
            }
            if let Some((len, id)) = best {
                return Some((i, i + len, id));
            }
        }
        None
    }

    /// Normalizes `text` into `buf`, then adds the pieces of its words to
    /// `out`, stopping once it holds `room`.
    fn segment(&self, text: &str, buf: &mut String, out: &mut Vec<u32>, room: usize) {
        self.normalizer.apply(text, buf);
        for chunk in buf.split(char::is_whitespace) {
            let mut start = 0;
            for (i, c) in chunk.char_indices() {
                if is_bert_punctuation(c) {
                    self.word(&chunk[start..i], out);
                    let end = i + c.len_utf8();
                    self.word(&chunk[i..end], out);
                    start = end;
                }
            }
            self.word(&chunk[start..], out);
            if out.len() >= room {
                return;
            }
        }
    }

    /// Adds the pieces of one word to `out`: the longest piece that starts
    /// the word, then the longest continuing piece from there, and so on.
    fn word(&self, word: &str, out: &mut Vec<u32>) {
        if word.is_empty() {
            return;
        }
        if word.chars().count() > self.max_chars {
            out.push(self.unk);
            return;
        }
        let mark = out.len();
        let mut start = 0;
        while start < word.len() {
            let pieces = if start == 0 {
                &self.vocab
            } else {
                &self.continuing
            };
            let mut end = word.len().min(start + self.longest);
            while !word.is_char_boundary(end) {
                end -= 1;
            }
            let found = loop {
                if end <= start {
                    break None;
                }
                if let Some(&id) = pieces.get(&word[start..end]) {
                    break Some(id);
                }
                end = word[..end].char_indices().next_back().map_or(0, |(i, _)| i);
            };
            match found {
                Some(id) => out.push(id),
                None => {
                    out.truncate(mark);
                    out.push(self.unk);
                    return;
                }
            }
            start = end;
        }
    }
}

/// The special tokens of a single text's template, before and after its
/// one sequence.
fn template(t: &Template) -> Result<(Vec<u32>, Vec<u32>), String> {
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut seen = false;
    for piece in &t.single {
        match piece {
            Piece::Sequence { id } if id == "A" && !seen => seen = true,
            Piece::Sequence { id } => {
                return Err(format!(
                    "post_processor: the single template has sequence {id} where one A is expected"
                ))
            }
            Piece::SpecialToken { id } => {
                let ids = &t
                    .special_tokens
                    .get(id)
                    .ok_or_else(|| format!("post_processor: special token {id:?} has no ids"))?
                    .ids;
                let side = if seen { &mut after } else { &mut before };
                side.extend_from_slice(ids);
            }
        }
    }
    if !seen {
        return Err("post_processor: the single template has no sequence A".into());
    }
    Ok((before, after))
}

impl BertNormalizer {
    fn apply(&self, text: &str, out: &mut String) {
        let mut s = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            if self.clean_text {
                if c == '\0' || c == '\u{fffd}' || is_control(c) {
                    continue;
                }
                // Tab, newline and return are white space here, not control characters.
                if c.is_whitespace() {
                    s.push(' ');
                    continue;
                }
            }
            if self.handle_chinese_chars && is_chinese(c) {
                s.push(' ');
                s.push(c);
                s.push(' ');
            } else {
                s.push(c);
            }
        }
        if self.strip_accents.unwrap_or(self.lowercase) {
            s = s.nfd().filter(|c| !c.is_mark_nonspacing()).collect();
        }
        out.clear();
        if self.lowercase {
            // Character by character, as `tokenizers` does: `str::to_lowercase`
            // would make a word-final Σ into ς.
            out.extend(s.chars().flat_map(char::to_lowercase));
        } else {
            out.push_str(&s);
        }
    }
}

/// The characters BERT's cleaning drops: control (Cc), format (Cf) and
/// private use (Co), but not tab, newline and return. Among the format
/// characters are the zero-width joiner and non-joiner.
fn is_control(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r') && c.is_other()
}

/// BERT's punctuation: any P* character, and ASCII's symbols (`$`, `+`,
/// `<`, `^`, `` ` ``, `|`, …) too.
fn is_bert_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || c.is_punctuation()
}

/// The CJK ideographs that BERT splits one by one, as its blocks stood
/// (so not Hangul, Hiragana or Katakana, which are written in words).
fn is_chinese(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0x20000..=0x2A6DF
        | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F
        | 0x2B920..=0x2CEAF
        | 0xF900..=0xFAFF
        | 0x2F800..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy vocabulary in the layout of all-MiniLM-L6-v2's file: the
    /// special tokens first, then whole words and `##` pieces.
    #[rustfmt::skip]
    const VOCAB: &[&str] = &[
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cafe", "naive", "un", "##aff",
        "##able", "aff", "##a", "##b", "a", "b", "!", ",", "?", "$", "«", "»", "中", "文", "kabul",
        "σ", "ς", "ab", "##c", "[", "]", "mask", "café", "i", "\u{307}", "##\u{307}", "،", "€",
        "کابل", "ᄒ", "##ᅡ", "##ᆫ",
    ];

    fn json(normalizer: &str, post: &str, added: &str) -> String {
        let vocab: Vec<String> = VOCAB
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{}: {i}", serde_json::to_string(p).unwrap()))
            .collect();
        format!(
            r###"{{"version": "1.0", "truncation": null, "padding": null,
            "added_tokens": [{added}],
            "normalizer": {normalizer},
            "pre_tokenizer": {{"type": "BertPreTokenizer"}},
            "post_processor": {post},
            "decoder": {{"type": "WordPiece", "prefix": "##", "cleanup": true}},
            "model": {{"type": "WordPiece", "unk_token": "[UNK]",
                "continuing_subword_prefix": "##", "max_input_chars_per_word": 12,
                "vocab": {{{}}}}}}}"###,
            vocab.join(", ")
        )
    }

    const UNCASED: &str = r#"{"type": "BertNormalizer", "clean_text": true,
        "handle_chinese_chars": true, "strip_accents": null, "lowercase": true}"#;
    const TEMPLATE: &str = r#"{"type": "TemplateProcessing",
        "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                   {"Sequence": {"id": "A", "type_id": 0}},
                   {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
        "pair": [],
        "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                           "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}}"#;
    const ADDED: &str = r#"
        {"id": 0, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
        {"id": 1, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
        {"id": 2, "content": "[CLS]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
        {"id": 3, "content": "[SEP]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
        {"id": 4, "content": "[MASK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}"#;

    fn toy() -> WordPiece {
        WordPiece::from_json(json(UNCASED, TEMPLATE, ADDED).as_bytes()).unwrap()
    }

    fn id(piece: &str) -> u32 {
        VOCAB.iter().position(|p| *p == piece).unwrap() as u32
    }

    /// The pieces of `text` between [CLS] and [SEP], by their text.
    fn pieces(t: &WordPiece, text: &str) -> Vec<&'static str> {
        let ids = t.encode(text, 512);
        assert_eq!(ids.first(), Some(&2), "{text:?} starts with [CLS]");
        assert_eq!(ids.last(), Some(&3), "{text:?} ends with [SEP]");
        ids[1..ids.len() - 1]
            .iter()
            .map(|&i| VOCAB[i as usize])
            .collect()
    }

    #[test]
    fn accents_are_stripped_and_case_folded_when_lowercasing() {
        let t = toy();
        assert_eq!(pieces(&t, "Café NAÏVE"), ["cafe", "naive"]);
        // A decomposed accent is stripped the same way.
        assert_eq!(pieces(&t, "Cafe\u{301}"), ["cafe"]);
        // İ is I and a dot above in NFD, and the dot is stripped.
        assert_eq!(pieces(&t, "İ"), ["i"]);
        // Σ is σ on its own, never the final ς.
        assert_eq!(pieces(&t, "Σ"), ["σ"]);
    }

    #[test]
    fn accents_stay_when_the_normalizer_says_so() {
        let cased = UNCASED.replace("null", "false");
        let t = WordPiece::from_json(json(&cased, TEMPLATE, ADDED).as_bytes()).unwrap();
        assert_eq!(pieces(&t, "Café"), ["café"]);
        // Lowercased after the accents would have gone, İ keeps its dot:
        // to lower case, it is i and a combining dot above.
        assert_eq!(pieces(&t, "İ"), ["i", "##\u{307}"]);
        let keep_case = r#"{"type": "BertNormalizer", "lowercase": false}"#;
        let t = WordPiece::from_json(json(keep_case, TEMPLATE, ADDED).as_bytes()).unwrap();
        // Neither lowercased nor (following `lowercase`) stripped.
        assert_eq!(pieces(&t, "Café café"), ["[UNK]", "café"]);
    }

    #[test]
    fn cjk_ideographs_are_words_of_their_own_and_hangul_is_decomposed() {
        let t = toy();
        assert_eq!(pieces(&t, "中文kabul"), ["中", "文", "kabul"]);
        // Hangul is not split per syllable, but NFD makes 한 three jamo.
        assert_eq!(pieces(&t, "한"), ["ᄒ", "##ᅡ", "##ᆫ"]);
    }

    #[test]
    fn punctuation_and_ascii_symbols_are_split_off_but_other_symbols_are_not() {
        let t = toy();
        assert_eq!(
            pieces(&t, "the,cafe!?«kabul»"),
            ["the", ",", "cafe", "!", "?", "«", "kabul", "»"]
        );
        assert_eq!(pieces(&t, "$the"), ["$", "the"]);
        // The Arabic comma is punctuation; the euro sign is a symbol (Sc), part of its word.
        assert_eq!(pieces(&t, "کابل،the"), ["کابل", "،", "the"]);
        assert_eq!(pieces(&t, "€ €the"), ["€", "[UNK]"]);
    }

    #[test]
    fn control_and_format_characters_are_dropped_and_white_space_splits() {
        let t = toy();
        // NUL, U+FFFD, a zero-width space and the zero-width non-joiner go.
        assert_eq!(pieces(&t, "ca\0f\u{fffd}e\u{200b}\u{200c}"), ["cafe"]);
        assert_eq!(
            pieces(&t, "the\tcafe\nthe\u{a0}kabul\u{3000}a"),
            ["the", "cafe", "the", "kabul", "a"]
        );
        assert_eq!(pieces(&t, "   \t\n "), Vec::<&str>::new());
        assert_eq!(pieces(&t, ""), Vec::<&str>::new());
    }

    #[test]
    fn words_are_cut_into_the_longest_pieces_first() {
        let t = toy();
        assert_eq!(pieces(&t, "unaffable"), ["un", "##aff", "##able"]);
        assert_eq!(pieces(&t, "aff"), ["aff"]);
        // "ab" is taken whole before "a" + "##b"; then "##c".
        assert_eq!(pieces(&t, "abc"), ["ab", "##c"]);
        assert_eq!(pieces(&t, "aab"), ["a", "##a", "##b"]);
    }

    #[test]
    fn a_word_with_an_uncovered_part_or_too_long_is_one_unknown() {
        let t = toy();
        // "un" + "##aff" match, "##x" does not: the whole word is one [UNK].
        assert_eq!(pieces(&t, "unaffx the"), ["[UNK]", "the"]);
        assert_eq!(pieces(&t, "zzz"), ["[UNK]"]);
        // Twelve characters is the limit here; thirteen is one [UNK] however well it splits.
        assert_eq!(pieces(&t, "aaaaaaaaaaaa").len(), 12);
        assert_eq!(pieces(&t, "aaaaaaaaaaaaa"), ["[UNK]"]);
    }

    #[test]
    fn added_tokens_are_matched_as_written_before_normalizing() {
        let t = toy();
        assert_eq!(pieces(&t, "the[MASK]cafe"), ["the", "[MASK]", "cafe"]);
        assert_eq!(pieces(&t, "[CLS][SEP]"), ["[CLS]", "[SEP]"]);
        // Written otherwise, it is ordinary text.
        assert_eq!(pieces(&t, "[mask]"), ["[", "mask", "]"]);
        assert_eq!(pieces(&t, "[[MASK]]"), ["[", "[MASK]", "]"]);
        // Each side is normalized alone: the accent after the token is not the word's.
        assert_eq!(pieces(&t, "the[PAD]\u{301}"), ["the", "[PAD]"]);
    }

    #[test]
    fn a_long_text_is_cut_to_leave_room_for_cls_and_sep() {
        let t = toy();
        let text = "the cafe ".repeat(50);
        let ids = t.encode(&text, 8);
        assert_eq!(ids.len(), 8);
        assert_eq!(ids[0], id("[CLS]"));
        assert_eq!(ids[7], id("[SEP]"));
        assert_eq!(&ids[1..7], &[5, 6, 5, 6, 5, 6]);
        // A cut inside a word keeps the word's first pieces.
        assert_eq!(t.encode("unaffable", 4), vec![2, id("un"), id("##aff"), 3]);
        // Added tokens count as pieces.
        assert_eq!(t.encode("[MASK] the [MASK] the", 4), vec![2, 4, 5, 3]);
        assert_eq!(t.encode("the", 2), vec![2, 3]);
        assert_eq!(t.encode("the cafe", 512), vec![2, 5, 6, 3]);
    }

    proptest::proptest! {
        /// Stopping once the pieces fill the room gives what cutting the
        /// whole text's pieces would.
        #[test]
        fn a_cut_text_is_the_start_of_the_whole(
            text in "(the|cafe|unaffable|aab|\\[MASK\\]|[ ,!?中é\u{301}\t\0]|\\PC){0,40}",
            max in 0usize..24,
        ) {
            let t = toy();
            let whole = t.encode(&text, usize::MAX);
            let pieces = &whole[1..whole.len() - 1];
            let mut want = vec![2];
            want.extend(pieces.iter().take(max.saturating_sub(2)));
            want.push(3);
            proptest::prop_assert_eq!(t.encode(&text, max), want);
        }
    }

    #[test]
    fn bert_processing_adds_its_own_cls_and_sep() {
        let post = r#"{"type": "BertProcessing", "sep": ["[SEP]", 3], "cls": ["[CLS]", 2]}"#;
        let t = WordPiece::from_json(json(UNCASED, post, ADDED).as_bytes()).unwrap();
        assert_eq!(t.encode("the cafe", 3), vec![2, 5, 3]);
    }

    #[test]
    fn other_tokenizers_are_refused_with_what_was_found() {
        let refused = |text: String, what: &str| {
            let e = WordPiece::from_json(text.as_bytes()).unwrap_err();
            assert!(e.contains(what), "{e:?} names {what:?}");
        };
        let good = json(UNCASED, TEMPLATE, ADDED);
        refused(
            good.replace(
                r#""model": {"type": "WordPiece""#,
                r#""model": {"type": "BPE""#,
            ),
            "the model is BPE",
        );
        refused(
            good.replace(r#""type": "BertNormalizer""#, r#""type": "Lowercase""#),
            "the normalizer is Lowercase",
        );
        refused(
            good.replace("BertPreTokenizer", "Whitespace"),
            "the pre-tokenizer is Whitespace",
        );
        refused(
            json(UNCASED, r#"{"type": "RobertaProcessing"}"#, ADDED),
            "the post-processor is RobertaProcessing",
        );
        refused(
            json(
                UNCASED,
                TEMPLATE,
                &ADDED.replace(r#""lstrip": false"#, r#""lstrip": true"#),
            ),
            "added token \"[PAD]\"",
        );
        refused(
            good.replace(r#""unk_token": "[UNK]""#, r#""unk_token": "<unk>""#),
            "\"<unk>\" is not in the vocabulary",
        );
        refused(
            json(
                UNCASED,
                &TEMPLATE.replace(r#""id": "A""#, r#""id": "B""#),
                ADDED,
            ),
            "sequence B",
        );
        refused("{}".into(), "model");
    }
}

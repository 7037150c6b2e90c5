//! Our WordPiece tokenizer against HuggingFace's `tokenizers` (a
//! dev-dependency only), both reading all-MiniLM-L6-v2's `tokenizer.json`
//! from ASKAF_TEST_MODEL: the same ids for thousands of generated texts in
//! the languages and scripts Ask sees and the characters that trip
//! tokenizers, and for every character of the planes Unicode has assigned
//! characters in. Without the model these tests say so and pass, unless
//! ASKAF_REQUIRE_EXTERNAL=1 (as in CI), when they fail.

use std::sync::OnceLock;

use askaf_content::Lang;
use askaf_embed::SentenceModel;
use tokenizers::{Tokenizer, TruncationParams};

struct Pair {
    ours: SentenceModel,
    theirs: Tokenizer,
}

/// Loaded once for all tests; `tokenizers` set up as the model used it
/// before it had its own tokenizer: cut to the model's longest input, not
/// padded.
fn pair() -> Option<&'static Pair> {
    static PAIR: OnceLock<Option<Pair>> = OnceLock::new();
    PAIR.get_or_init(|| {
        let dir = super::model_dir(
            "ASKAF_TEST_MODEL",
            "model.safetensors",
            "bash scripts/fetch-model.sh",
        )?;
        let ours = SentenceModel::load(&dir, &[Lang::En]).expect("the model loads");
        let mut theirs = Tokenizer::from_file(dir.join("tokenizer.json")).unwrap();
        theirs
            .with_truncation(Some(TruncationParams {
                max_length: ours.max_tokens(),
                ..Default::default()
            }))
            .unwrap();
        theirs.with_padding(None);
        Some(Pair { ours, theirs })
    })
    .as_ref()
}

fn assert_same(p: &Pair, text: &str) {
    let want = p.theirs.encode(text, true).unwrap();
    assert_eq!(
        p.ours.token_ids(text),
        want.get_ids(),
        "ids of {text:?}, which tokenizers reads as {:?}",
        want.get_tokens()
    );
}

/// splitmix64: the same texts on every run, without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

// Words to build texts from; the separators repeat plain spaces to make
// them the most frequent.
#[rustfmt::skip]
const ENGLISH: &[&str] = &[
    "What", "is", "the", "capital", "of", "Afghanistan", "Kabul", "population", "people",
    "unaffable", "tokenization", "Hindu", "Kush", "mountains", "province", "Herat's", "don't",
    "U.S.", "e-mail", "co-operate", "1,800", "2021", "3.14", "50%", "#hashtag", "@user",
    "https://example.org/a?b=c&d=e", "C++", "x86_64", "AFN", "I", "a", "IS", "Internationalization",
    "pneumonoultramicroscopicsilicovolcanoconiosis",
];

#[rustfmt::skip]
const DARI: &[&str] = &[
    "پایتخت", "افغانستان", "کجاست؟", "پايتخت", "كجاست", "می‌خواهم", "درباره‌ی", "تاریخ", "کابل",
    "بزرگ‌ترین", "شهر", "است.", "جمعیت", "۴٬۶۰۱٬۷۸۹", "١٢٣", "نفر", "«کابل»", "هرات،", "ولایت؛",
    "افغانی", "ﻻ", "ـــ", "آ", "أ", "ؤ", "إ", "ئ", "ة", "ۀ",
];

#[rustfmt::skip]
const PASHTO: &[&str] = &[
    "د", "افغانستان", "پلازمېنه", "چېرته", "ده؟", "ښځې", "نارینه", "ټولنه", "کې", "ډېر", "کار",
    "کوي", "ګ", "ږ", "ځ", "څ", "ړ", "ڼ", "ۍ", "ې", "ښ", "ټ", "ډ", "پښتو",
];

#[rustfmt::skip]
const LATIN: &[&str] = &[
    "Café", "naïve", "Ångström", "façade", "Über", "São", "Paulo", "İstanbul", "ıi", "straße",
    "STRASSE", "Œuvre", "æsir", "ǅemal", "Ǆ", "ﬁne", "ﬂoor", "Σίσυφος", "ΣΑΣ", "Ελλάδα", "Москва",
    "Ёж", "Đà", "Nẵng", "Việt", "Kraków", "Łódź", "Dvořák", "ﬀ", "e\u{301}", "a\u{308}\u{323}",
    "o\u{323}\u{302}", "\u{301}alone", "ℌ", "Ω", "Å", "K", "①", "²", "½", "ⅷ", "Ｆｕｌｌ", "ｗｉｄｔｈ",
    "２０２４", "ﾃｽﾄ",
];

#[rustfmt::skip]
const CJK: &[&str] = &[
    "中文", "北京是中国的首都", "日本語", "東京", "ひらがな", "カタカナ", "한국어", "서울", "ㄱ", "𠀀", "𪚲", "豈", "丽", "〇", "〜",
    "。", "、", "「引用」", "㊀", "㍻",
];

#[rustfmt::skip]
const EMOJI: &[&str] = &[
    "😀", "👍🏽", "👨\u{200d}👩\u{200d}👧", "🇦🇫", "🥰", "🫠", "❤️", "✌🏿", "🏳️\u{200d}🌈", "©", "™", "€", "$",
    "£", "₹", "∑", "√", "≠", "→", "★", "♥", "🂡", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "𝟏𝟐",
];

#[rustfmt::skip]
const PUNCTUATION: &[&str] = &[
    "!!!", "...", "?!", "«»", "—", "–", "“”", "‘’", "،", "؛", "؟", "•", "…", "(())", "[]", "{}",
    "<>", "~", "^", "`", "|", "\\", "/", "_", "-", "--", "'", "\"", "¡", "¿", "§", "¶", "‰", "†",
    "‡", "※", "⁂", "٪", "٫", "٬", "۔", "་", "៚", "᠂", "〰", "﹏", "＂",
];

#[rustfmt::skip]
const CONTROL: &[&str] = &[
    "\u{0}", "\u{1}", "\u{7}", "\u{1b}", "\u{7f}", "\u{85}", "\u{9f}", "\u{ad}", "\u{200b}",
    "\u{200c}", "\u{200d}", "\u{200e}", "\u{202e}", "\u{2066}", "\u{feff}", "\u{fffd}", "\u{fffe}",
    "\u{e000}", "\u{f8ff}", "\u{e0041}", "\u{2028}", "\u{2029}", "\u{a0}", "\u{1680}", "\u{2000}",
    "\u{2009}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{180e}", "\u{61c}", "\u{600}", "\t", "\n",
    "\r", "\u{b}", "\u{c}",
];

#[rustfmt::skip]
const SPECIAL: &[&str] = &[
    "[CLS]", "[SEP]", "[MASK]", "[UNK]", "[PAD]", "[cls]", "[[MASK]]", "[MASK", "MASK]",
    "[SEP][CLS]", "x[UNK]y", "[MA[MASK]SK]",
];

#[rustfmt::skip]
const SEPARATORS: &[&str] = &[
    " ", " ", " ", " ", "", "  ", "\t", "\n", ", ", ". ", "-", "\u{a0}",
];

const POOLS: [&[&str]; 9] = [
    ENGLISH,
    DARI,
    PASHTO,
    LATIN,
    CJK,
    EMOJI,
    PUNCTUATION,
    CONTROL,
    SPECIAL,
];

/// One word from a pool chosen at random, or now and then a very long one
/// or a run of random characters from a few blocks.
fn word(rng: &mut Rng) -> String {
    match rng.below(40) {
        0 => {
            // Around max_input_chars_per_word (100), on both sides of it.
            let n = 90 + rng.below(30);
            let piece = rng.pick(&["a", "ab", "ک", "é", "x1", "😀"]);
            piece.repeat(n.div_ceil(piece.chars().count()))
        }
        1 => {
            let blocks: [(u32, u32); 8] = [
                (0x20, 0x2ff),
                (0x300, 0x36f),
                (0x600, 0x6ff),
                (0x750, 0x8ff),
                (0x2000, 0x206f),
                (0x3000, 0x30ff),
                (0xac00, 0xd7a3),
                (0x1f300, 0x1faff),
            ];
            let (lo, hi) = blocks[rng.below(blocks.len())];
            (0..1 + rng.below(8))
                .filter_map(|_| char::from_u32(lo + rng.below((hi - lo + 1) as usize) as u32))
                .collect()
        }
        _ => {
            let pool = POOLS[rng.below(POOLS.len())];
            rng.pick(pool).to_owned()
        }
    }
}

/// A text of a few words, now and then of hundreds (longer than the
/// model's 256 tokens), or of one language's words only.
fn text(rng: &mut Rng) -> String {
    let words = match rng.below(10) {
        0 => 150 + rng.below(500),
        1..=3 => 1 + rng.below(3),
        _ => 3 + rng.below(25),
    };
    let only: Option<&[&str]> = match rng.below(6) {
        0 => Some(ENGLISH),
        1 => Some(DARI),
        2 => Some(PASHTO),
        _ => None,
    };
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push_str(rng.pick(SEPARATORS));
        }
        match only {
            Some(pool) => s.push_str(rng.pick(pool)),
            None => s.push_str(&word(rng)),
        }
    }
    s
}

#[test]
fn the_same_ids_as_huggingface_tokenizers_for_varied_texts() {
    let Some(p) = pair() else { return };
    for w in POOLS.iter().flat_map(|pool| pool.iter()) {
        assert_same(p, w);
    }
    assert_same(p, "");
    let mut rng = Rng(0x00a5_4af6);
    let mut cut = 0;
    for _ in 0..4000 {
        let t = text(&mut rng);
        assert_same(p, &t);
        cut += usize::from(p.ours.token_ids(&t).len() == p.ours.max_tokens());
    }
    assert!(cut > 100, "only {cut} texts were long enough to be cut");
}

#[test]
fn the_same_ids_as_huggingface_tokenizers_for_every_character() {
    let Some(p) = pair() else { return };
    // Planes 0–3 and 14 hold every assigned character but private use;
    // 63 characters a text, each between two letters, keeps a text under
    // the 256 tokens even when each is three.
    let chars: Vec<char> = (0..0x40000)
        .chain(0xe0000..0xe1000)
        .chain([0xf0000, 0x10fffd])
        .filter_map(char::from_u32)
        .collect();
    for group in chars.chunks(63) {
        let text: String = group.iter().map(|c| format!("a{c}b ")).collect();
        assert_same(p, &text);
    }
}

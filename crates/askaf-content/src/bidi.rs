//! Words of another script in a text: where they run, and the element that
//! declares their language and isolates their direction.
//!
//! An English article's table holds Dari and Pashto cells; a Dari article
//! names an English organisation. Unmarked, a screen reader reads those
//! words with the page's voice, and a Latin name with digits or punctuation
//! inside a right-to-left paragraph can show reordered. Each such run is
//! wrapped in `<bdi lang="…" dir="…">`: `bdi` isolates its contents from
//! the text around it (and is isolated by the browser's own style sheet,
//! whatever the site's CSS), `lang` gives assistive technology its
//! language, and `dir` its direction, so nothing is left to the browser's
//! guess from its first letter.

use std::ops::Range;

use crate::Lang;

/// A run of words in another script than the text's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptRun {
    /// Byte range in the text, on `char` boundaries.
    pub range: Range<usize>,
    /// The run's language: English for Latin letters, and for Arabic-script
    /// ones what their letters say ([`askaf_text::written_in`], as the
    /// comment queue reads a comment): Pashto where a letter only Pashto
    /// writes is among them, else Dari.
    pub lang: Lang,
}

impl ScriptRun {
    /// The tag that opens the run's element.
    pub fn open_tag(&self) -> String {
        format!(
            "<bdi lang=\"{}\" dir=\"{}\">",
            self.lang.code(),
            self.lang.dir()
        )
    }
}

/// The tag that closes a [`ScriptRun`]'s element.
pub const RUN_CLOSE: &str = "</bdi>";

impl From<askaf_text::Language> for Lang {
    fn from(language: askaf_text::Language) -> Lang {
        match language {
            askaf_text::Language::English => Lang::En,
            askaf_text::Language::Dari => Lang::Fa,
            askaf_text::Language::Pashto => Lang::Ps,
        }
    }
}

/// What a character is to a text in some language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A letter of another language's: Latin in Dari or Pashto, Arabic
    /// script in English (`false`), and in Dari a word's letters where
    /// one of them only Pashto writes (`true`: one script, so no run of
    /// Latin letters joins it).
    Foreign(bool),
    /// Any other letter: of the text's own script, or of a third one.
    Own,
    /// Where a run never crosses: a line or a table cell ends.
    Break,
    /// Digits, spaces and punctuation: inside a run between its words,
    /// never a run alone.
    Neutral,
}

fn kind(c: char, lang: Lang) -> Kind {
    if matches!(c, '\n' | '\r' | '\t') {
        return Kind::Break;
    }
    if !c.is_alphabetic() {
        return Kind::Neutral;
    }
    let foreign = match letter_language(c) {
        Some(Lang::En) => lang != Lang::En,
        Some(_) => lang == Lang::En,
        None => false,
    };
    if foreign {
        Kind::Foreign(false)
    } else {
        Kind::Own
    }
}

/// The language a letter's script says ([`askaf_text::written_in`]): `None`
/// for a letter of a third script.
fn letter_language(c: char) -> Option<Lang> {
    let mut buf = [0u8; 4];
    askaf_text::written_in(c.encode_utf8(&mut buf)).map(Lang::from)
}

/// In a Dari text, each Arabic-script word that a letter only Pashto writes
/// says is Pashto: its letters become [`Kind::Foreign`]. A word around it
/// that says nothing either way stays Dari's.
fn pashto_words(chars: &[(usize, char)], kinds: &mut [Kind], text: &str) {
    let arabic: Vec<bool> = chars
        .iter()
        .zip(kinds.iter())
        .map(|(&(_, c), &k)| {
            k == Kind::Own && (c == '\u{200c}' || letter_language(c).is_some_and(|l| l != Lang::En))
        })
        .collect();
    let arabic = |k: usize| arabic[k];
    let mut i = 0;
    while i < chars.len() {
        if !arabic(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && arabic(j) {
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |&(at, _)| at);
        if askaf_text::written_in(&text[chars[i].0..end]) == Some(askaf_text::Language::Pashto) {
            for k in &mut kinds[i..j] {
                *k = Kind::Foreign(true);
            }
        }
        i = j;
    }
}

/// A sign only Arabic script writes: its comma, semicolon, question mark,
/// full stop, and the like.
fn is_arabic_sign(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The brackets and quotation marks a run may stand in, each with the
/// mark that closes it.
const PAIRS: [(char, char); 9] = [
    ('(', ')'),
    ('[', ']'),
    ('{', '}'),
    ('«', '»'),
    ('‹', '›'),
    ('“', '”'),
    ('‘', '’'),
    ('"', '"'),
    ('\'', '\''),
];

/// Of the marks written onto a run's first word (`lead`) and onto its last
/// (`tail`), the innermost pair that holds the run alone: the last opening
/// mark of `lead` and the first closing one of `tail`, where the one closes
/// the other. Their places in `lead` and `tail`.
fn holding_pair(lead: &[(usize, char)], tail: &[(usize, char)]) -> Option<(usize, usize)> {
    let open = lead
        .iter()
        .rposition(|&(_, c)| PAIRS.iter().any(|&(o, _)| o == c))?;
    let close = tail
        .iter()
        .position(|&(_, c)| PAIRS.iter().any(|&(_, e)| e == c))?;
    PAIRS
        .contains(&(lead[open].1, tail[close].1))
        .then_some((open, close))
}

/// The runs of words in `text` written in another script than `lang`'s:
/// Arabic script in English, Latin letters in Dari or Pashto. A run is
/// words of that script with the spaces, digits and punctuation between
/// them; the punctuation around it stays outside (`(UNAMA),` marks
/// `UNAMA`), but what is written onto its first or last word stays with it
/// (`COVID-19.` marks `COVID-19`). Digits alone are no run. Words of the
/// text's own script (or of a third) end a run, and so do a line's end and
/// a tab (between table cells).
///
/// A run that a bracket or a pair of quotes holds alone takes all they hold
/// (`(tsanga yāst?)` marks `tsanga yāst?`): that punctuation is the run's
/// own, and outside its element it would take the direction of the text
/// around it, a Latin question's `?` shown at its left in a right-to-left
/// line. After a run not so held, a `.`, `?` or `:` ends the sentence the
/// run stands in, and stays outside, where that direction puts it at the
/// sentence's end.
pub fn script_runs(text: &str, lang: Lang) -> Vec<ScriptRun> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut kinds: Vec<Kind> = chars.iter().map(|&(_, c)| kind(c, lang)).collect();
    if lang == Lang::Fa {
        // ZWNJ is no letter, but inside a word part of it.
        for (k, &(_, c)) in kinds.iter_mut().zip(&chars) {
            if c == '\u{200c}' {
                *k = Kind::Own;
            }
        }
        pashto_words(&chars, &mut kinds, text);
    }
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Kind::Foreign(script) = kinds[i] else {
            i += 1;
            continue;
        };
        // From its first foreign letter to its last, across neutrals only.
        let first = i;
        let mut last = i;
        let mut j = i + 1;
        while let Some(&k) = kinds.get(j) {
            if k == Kind::Foreign(script) {
                last = j;
            } else if k != Kind::Neutral {
                break;
            }
            j += 1;
        }
        // What is written onto the first and last words (no space between),
        // less the punctuation at its edges.
        let attached = |k: usize| kinds[k] == Kind::Neutral && !chars[k].1.is_whitespace();
        // Punctuation kept at an edge: a letter's or a digit's, and an
        // Arabic-script run's own signs (`؟ ، ؛`), which end its phrase
        // on its side.
        let kept =
            |c: char| c.is_alphanumeric() || ((lang == Lang::En || script) && is_arabic_sign(c));
        let mut start = first;
        while start > 0 && attached(start - 1) {
            start -= 1;
        }
        let mut end = last + 1;
        while end < chars.len() && attached(end) {
            end += 1;
        }
        if let Some((open, close)) = holding_pair(&chars[start..first], &chars[last + 1..end]) {
            start += open + 1;
            end = last + 1 + close;
        } else {
            let reach = end;
            while start < first && !kept(chars[start].1) {
                start += 1;
            }
            while end > last + 1 && !kept(chars[end - 1].1) {
                end -= 1;
            }
            // A bracket opened in the run and closed just after it is the
            // run's: outside, it takes the direction of the line around.
            let mut unclosed: Vec<char> = Vec::new();
            for &(_, c) in &chars[start..end] {
                if unclosed.last() == Some(&c) {
                    unclosed.pop();
                } else if let Some(&(_, close)) = PAIRS.iter().find(|&&(o, _)| o == c) {
                    unclosed.push(close);
                }
            }
            while end < reach && unclosed.last() == Some(&chars[end].1) {
                unclosed.pop();
                end += 1;
            }
        }
        let range = chars[start].0..end_of(end);
        let run_lang = askaf_text::written_in(&text[range.clone()]).map_or(Lang::En, Lang::from);
        runs.push(ScriptRun {
            range,
            lang: run_lang,
        });
        i = last + 1;
    }
    runs
}

/// `text` as HTML, each of its runs of another script than `lang`'s
/// ([`script_runs`]) in its element, and the `highlights` (byte ranges of
/// it, in order; one that overlaps the one before or falls outside it is
/// left out) in `<mark>`: a mark that crosses a run's edge is closed and
/// opened again there, so the elements nest. `escaped` writes the text
/// between the tags (escaping it, and whatever else the caller shows
/// otherwise, such as a table's cells apart).
///
/// The one way the site marks another script's words in what it shows of
/// an article: its body (the Markdown renderer), its question, short
/// answer, headings and title wherever they are listed, and Ask's quotes
/// and passages.
pub fn runs_html(
    text: &str,
    lang: Lang,
    highlights: &[Range<usize>],
    escaped: impl Fn(&str) -> String,
) -> String {
    let mut marks: Vec<Range<usize>> = Vec::with_capacity(highlights.len());
    for r in highlights {
        let at = marks.last().map_or(0, |m| m.end);
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        marks.push(r.clone());
    }
    let runs = script_runs(text, lang);
    // Every place an element opens or closes, in order.
    let mut edges: Vec<usize> = marks
        .iter()
        .chain(runs.iter().map(|r| &r.range))
        .flat_map(|r| [r.start, r.end])
        .chain([0, text.len()])
        .collect();
    edges.sort_unstable();
    edges.dedup();
    let mut out = String::with_capacity(text.len() + 32);
    for piece in edges.windows(2) {
        let (start, end) = (piece[0], piece[1]);
        let run = runs
            .iter()
            .find(|r| r.range.start <= start && end <= r.range.end);
        let marked = marks.iter().any(|m| m.start <= start && end <= m.end);
        if let Some(r) = run.filter(|r| r.range.start == start) {
            out.push_str(&r.open_tag());
        }
        if marked {
            out.push_str("<mark>");
        }
        out.push_str(&escaped(&text[start..end]));
        if marked {
            out.push_str("</mark>");
        }
        if run.is_some_and(|r| r.range.end == end) {
            out.push_str(RUN_CLOSE);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, lang: Lang) -> Vec<(&str, &'static str)> {
        script_runs(text, lang)
            .into_iter()
            .map(|r| (&text[r.range], r.lang.code()))
            .collect()
    }

    #[test]
    fn arabic_script_in_english_is_dari_or_pashto_by_its_letters() {
        assert_eq!(
            marked(
                "Say تشکر in Dari and مننه or ډېره مننه in Pashto.",
                Lang::En
            ),
            vec![("تشکر", "fa"), ("مننه", "fa"), ("ډېره مننه", "ps")]
        );
        assert_eq!(marked("Thank you", Lang::En), vec![]);
    }

    #[test]
    fn latin_in_dari_and_pashto_is_english() {
        assert_eq!(
            marked("دفتر (UNAMA) در کابل، و Human Rights Watch گفت.", Lang::Fa),
            vec![("UNAMA", "en"), ("Human Rights Watch", "en")]
        );
        assert_eq!(
            marked("د WHO راپور: COVID-19.", Lang::Ps),
            vec![("WHO", "en"), ("COVID-19", "en")]
        );
    }

    /// In Dari, a word a letter only Pashto writes says is Pashto is
    /// marked so (a table's Pashto column); the words around it that say
    /// nothing either way are Dari's.
    #[test]
    fn pashto_words_in_dari_are_pashto() {
        assert_eq!(
            marked("چطور هستید؟ و څنګه یاست؟ (tsanga yāst?) مننه", Lang::Fa),
            vec![("څنګه", "ps"), ("tsanga yāst?", "en")]
        );
        assert_eq!(
            marked("د ښځو زده\u{200c}کړه، ښځې UNAMA", Lang::Fa),
            vec![("ښځو زده\u{200c}کړه، ښځې", "ps"), ("UNAMA", "en")]
        );
        // In Pashto no Arabic-script word is another language's.
        assert_eq!(marked("چطور هستید؟ د ښځو", Lang::Ps), vec![]);
    }

    #[test]
    fn digits_alone_are_no_run_and_stay_inside_one() {
        assert_eq!(marked("سال 2021 و ۱۴۰۰", Lang::Fa), vec![]);
        assert_eq!(marked("In 2021, 1400.", Lang::En), vec![]);
        assert_eq!(
            marked("گزارش Amnesty 2021 report آمد", Lang::Fa),
            vec![("Amnesty 2021 report", "en")]
        );
    }

    #[test]
    fn punctuation_at_the_edges_stays_outside() {
        assert_eq!(
            marked("Words: «سلام، دوست»! and “شکریه”.", Lang::En),
            vec![("سلام، دوست", "fa"), ("شکریه", "fa")]
        );
        // Its own question mark ends an Arabic-script phrase; a Latin run's
        // full stop is the sentence's around it.
        assert_eq!(
            marked("How are you? څنګه یاست؟ (tsanga yāst?)", Lang::En),
            vec![("څنګه یاست؟", "ps")]
        );
        assert_eq!(marked("گفت: UNAMA.", Lang::Fa), vec![("UNAMA", "en")]);
        // A ZWNJ inside a word is part of it.
        assert_eq!(
            marked("Girls' education (د ښځو زده\u{200c}کړه).", Lang::En),
            vec![("د ښځو زده\u{200c}کړه", "ps")]
        );
    }

    /// A run that fills a bracket or a pair of quotes takes what is
    /// written inside them at its edges: `(tsanga yāst?)`, the English
    /// reading of a Pashto phrase in a Dari table, is a question of its
    /// own. Left outside its run, its `?` took the direction of the
    /// right-to-left line around it and stood at the run's left
    /// ("(?tsanga yāst)"). Without such a pair the punctuation after a run
    /// is the sentence's, and stays outside.
    #[test]
    fn a_run_in_brackets_or_quotes_keeps_what_they_hold() {
        assert_eq!(
            marked("چطور هستید؟ (četor hastēd?)", Lang::Fa),
            vec![("četor hastēd?", "en")]
        );
        assert_eq!(
            marked("پوښتنه «Who governs?» وه، (tsanga yāst?).", Lang::Ps),
            vec![("Who governs?", "en"), ("tsanga yāst?", "en")]
        );
        // The innermost pair; a digit written onto the word stays with it.
        assert_eq!(
            marked("(«COVID-19!») و \"etc.\"", Lang::Fa),
            vec![("COVID-19!", "en"), ("etc.", "en")]
        );
        // Arabic script in English, the same.
        assert_eq!(
            marked("Say (چطور هستید?) or [مننه.]", Lang::En),
            vec![("چطور هستید?", "fa"), ("مننه.", "fa")]
        );
        // No pair around the run alone: the sentence's punctuation.
        assert_eq!(marked("گفت: UNAMA.", Lang::Fa), vec![("UNAMA", "en")]);
        assert_eq!(marked("(UNAMA).", Lang::Fa), vec![("UNAMA", "en")]);
        assert_eq!(marked("(see UNAMA.", Lang::Fa), vec![("see UNAMA", "en")]);
        assert_eq!(marked("(UNAMA.] گفت", Lang::Fa), vec![("UNAMA", "en")]);
        assert_eq!(
            marked("(گفت UNAMA.)", Lang::Fa),
            vec![("UNAMA", "en")],
            "the bracket holds more than the run"
        );
    }

    /// A bracket opened inside a run is closed inside it: "AskAfghanistan
    /// (https://…)." under a Dari answer, or a source's "Bank (central
    /// bank of Afghanistan)" in a Dari sentence. Left outside, the closing
    /// bracket took the right-to-left direction around it and showed,
    /// mirrored, as an opening one at the run's left.
    #[test]
    fn a_bracket_opened_in_a_run_closes_in_it() {
        assert_eq!(
            marked(
                "AskAfghanistan (https://askaf.org). استفادهٔ دوباره",
                Lang::Fa
            ),
            vec![("AskAfghanistan (https://askaf.org)", "en")]
        );
        assert_eq!(
            marked("از Da Afghanistan Bank (central bank) گفت.", Lang::Fa),
            vec![("Da Afghanistan Bank (central bank)", "en")]
        );
        assert_eq!(
            marked("Afghan afghani [Wikipedia]، و", Lang::Ps),
            vec![("Afghan afghani [Wikipedia]", "en")]
        );
        // A closing bracket the run did not open stays outside.
        assert_eq!(marked("(گفت UNAMA.)", Lang::Fa), vec![("UNAMA", "en")]);
        assert_eq!(
            marked("Bank (central) bank)", Lang::Fa),
            vec![("Bank (central) bank", "en")]
        );
    }

    #[test]
    fn a_run_ends_at_a_line_or_a_cell() {
        assert_eq!(
            marked("سلام\tمننه\nتشکر", Lang::En),
            vec![("سلام", "fa"), ("مننه", "fa"), ("تشکر", "fa")]
        );
    }

    #[test]
    fn the_element_declares_language_and_direction() {
        let run = ScriptRun {
            range: 0..1,
            lang: Lang::Ps,
        };
        assert_eq!(run.open_tag(), "<bdi lang=\"ps\" dir=\"rtl\">");
        let run = ScriptRun {
            range: 0..1,
            lang: Lang::En,
        };
        assert_eq!(run.open_tag(), "<bdi lang=\"en\" dir=\"ltr\">");
    }
}

//! A passage's analysis at indexing time ([`Prepared`]): its terms,
//! context and sentences, numbered for [`Terms`] before it is stored.

use std::ops::Range;

use askaf_content::{BlockKind, Lang};
use askaf_text::{analyze, sentences};
use rustc_hash::FxHashSet;

use crate::language;
use crate::passage::Passage;
use crate::semantic::Encoder;

use super::cues::{has_negation, is_ordinal};
use super::terms::Terms;

/// A passage's analysis with its terms as text: what indexing counts (see
/// [`prepare`]). A question never needs it: the passages it reads back come
/// with their analysis as term ids ([`Analyzed`](super::Analyzed), stored in the index).
#[derive(Default)]
pub(super) struct Prepared {
    /// The body's terms, with their positions and byte ranges, in order.
    pub(super) tokens: Vec<askaf_text::Token>,
    /// The body's terms as a set, with the context's.
    pub(super) all_terms: FxHashSet<String>,
    /// Each sentence: its byte range, flags and which of `tokens` it holds.
    pub(super) sentences: Vec<SentenceInfo>,
    /// Terms of the title, question and headings.
    pub(super) context: FxHashSet<String>,
    /// Terms of the article's question alone.
    pub(super) question_terms: FxHashSet<String>,
}

/// A sentence of a [`Prepared`] passage.
pub(super) struct SentenceInfo {
    pub(super) range: Range<usize>,
    /// Its terms: a run of the passage's `tokens`.
    pub(super) tokens: Range<usize>,
    /// Whether the sentence holds a number, for questions that ask for one.
    pub(super) has_number: bool,
    pub(super) negated: bool,
    /// Whether it holds an ordinal ("پنجمین", "شانزدهم"), for questions that ask for one.
    pub(super) has_ordinal: bool,
    /// Whether it is a table's header row, which names the columns: never
    /// quoted, its words read with each row ([`Engine::answer`](super::Engine::answer)).
    pub(super) header: bool,
}

#[cfg(test)]
thread_local! {
    /// How many passages this thread has analyzed ([`prepare`]): what a
    /// test counts to see that an update analyzes no passage twice.
    pub(super) static PREPARED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A passage's analysis: its terms, context and sentences.
pub(super) fn prepare(p: &Passage) -> Prepared {
    #[cfg(test)]
    PREPARED.with(|n| n.set(n.get() + 1));
    let lang = language(p.lang);
    // The text is split into words once: its terms are analyzed from them,
    // and a sentence's ordinals are looked for among them rather than by
    // splitting the sentence again.
    let words = askaf_text::tokenize(&p.text, lang);
    let tokens = askaf_text::analyze_words(&words, lang);
    let question_terms: FxHashSet<String> = analyze(&p.question, lang)
        .into_iter()
        .map(|t| t.term)
        .collect();
    let mut context = question_terms.clone();
    context.extend(analyze(&p.title, lang).into_iter().map(|t| t.term));
    for h in &p.headings {
        context.extend(analyze(h, lang).into_iter().map(|t| t.term));
    }
    // A table's sentences are its rows, its header row first.
    let (ranges, header) = if p.kind == BlockKind::Table {
        let table = askaf_content::table_rows(&p.text);
        let header = table.header.is_some();
        (table.header.into_iter().chain(table.rows).collect(), header)
    } else {
        (sentences(&p.text, lang), false)
    };
    let mut sents: Vec<SentenceInfo> = ranges
        .into_iter()
        .enumerate()
        .map(|(i, range)| {
            let text = &p.text[range.clone()];
            SentenceInfo {
                has_number: text.chars().any(|c| c.is_numeric()),
                negated: has_negation(text),
                // Only Dari and Pashto questions ask for one (`asks_for_ordinal`).
                has_ordinal: p.lang != Lang::En
                    && words.iter().any(|t| {
                        t.range.start >= range.start
                            && t.range.end <= range.end
                            && is_ordinal(&t.term)
                    }),
                range,
                tokens: 0..0,
                header: header && i == 0,
            }
        })
        .collect();
    // Each token belongs to the sentence it starts in (one before the first
    // sentence to the first, one after the last to the last): the sentences'
    // runs of tokens follow one another and cover them all.
    let mut k = 0;
    for (i, t) in tokens.iter().enumerate() {
        while k + 1 < sents.len() && t.range.start >= sents[k].range.end {
            k += 1;
            sents[k].tokens = i..i;
        }
        if let Some(s) = sents.get_mut(k) {
            s.tokens.end = i + 1;
        }
    }
    let all_terms: FxHashSet<String> = tokens
        .iter()
        .map(|t| t.term.clone())
        .chain(context.iter().cloned())
        .collect();
    Prepared {
        question_terms,
        tokens,
        all_terms,
        sentences: sents,
        context,
    }
}

/// The texts of a passage the model encodes: the passage, and each of
/// its sentences when the model's tuning weighs them; none for a language
/// the model does not know.
pub(super) fn texts_to_encode<'a>(
    encoder: &dyn Encoder,
    with_sentences: bool,
    p: &'a Passage,
    sentence_ranges: impl Iterator<Item = Range<usize>> + 'a,
) -> impl Iterator<Item = &'a str> + 'a {
    let known = encoder.languages().contains(&p.lang);
    let sentences = known && with_sentences;
    known.then_some(p.text.as_str()).into_iter().chain(
        sentence_ranges
            .take_while(move |_| sentences)
            .map(|r| &p.text[r]),
    )
}

/// Numbers a passage's new terms.
pub(super) fn number_terms(terms: &mut Terms, p: &Prepared) {
    for t in p.all_terms.iter().chain(&p.question_terms) {
        terms.intern(t);
    }
}

/// The id a passage's term has when the engine never numbered it: none
/// (the passage was numbered when indexed), but should it happen it must
/// match nothing, not even a question's unknown words ([`NO_TERM`](super::NO_TERM)).
pub(super) const UNNUMBERED: u32 = u32::MAX - 1;

//! Each language's term statistics and vocabulary ([`LangStats`]), and the
//! view a question weighs its words with ([`Stats`]).

use std::collections::HashMap;

use super::prepare::Prepared;
use super::terms::{Counts, Terms};
use super::typos::VocabWord;

#[derive(Default)]
pub(super) struct LangStats {
    pub(super) docs: u32,
    /// In how many passages each term (by id) occurs, body or context. A
    /// term no passage holds any longer counts 0, as one never seen: its
    /// absence says the articles never use the word.
    pub(super) df: Counts,
    /// How many passages have each term in some title, question or heading:
    /// counted, so that removing a passage knows whether the term is still
    /// in some other passage's context.
    pub(super) context_terms: Counts,
    /// Terms of four or more characters by length (in characters), for typo
    /// tolerance, in the order of their text.
    pub(super) vocab: HashMap<usize, Vec<VocabWord>>,
}

impl LangStats {
    /// Counts a passage in: one more document, and each of its terms (which
    /// [`number_terms`](super::prepare::number_terms) numbered) in one more. `learn` puts a term new to
    /// the language into the vocabulary, in order; a whole build leaves that
    /// to [`Self::build_vocab`] at the end.
    pub(super) fn add(&mut self, prep: &Prepared, terms: &Terms, learn: bool) {
        self.docs += 1;
        for t in &prep.context {
            if let Some(id) = terms.get(t) {
                self.context_terms.increment(id);
            }
        }
        for t in &prep.all_terms {
            if let Some(id) = terms.get(t) {
                if self.df.increment(id) && learn {
                    self.learn_word(id, terms);
                }
            }
        }
    }

    /// The typo-tolerance vocabulary of the terms counted, by length, in order.
    pub(super) fn build_vocab(&mut self, terms: &Terms) {
        let mut vocab: HashMap<usize, Vec<VocabWord>> = HashMap::new();
        for (len, w) in self
            .df
            .iter()
            .filter_map(|(id, _)| VocabWord::new(id, terms.text(id)))
        {
            vocab.entry(len).or_default().push(w);
        }
        for words in vocab.values_mut() {
            words.sort_by(|a, b| terms.text(a.id).cmp(terms.text(b.id)));
            words.shrink_to_fit();
        }
        self.vocab = vocab;
    }
}

/// A language's statistics, asked by a term's text.
#[derive(Clone, Copy)]
pub(super) struct Stats<'a> {
    pub(super) st: &'a LangStats,
    pub(super) terms: &'a Terms,
}

impl Stats<'_> {
    /// In how many passages `term` occurs; 0 for a word the articles never use.
    pub(super) fn df(&self, term: &str) -> u32 {
        self.terms.get(term).map_or(0, |id| self.st.df.get(id))
    }

    /// Whether some passage has `term`.
    pub(super) fn has(&self, term: &str) -> bool {
        self.df(term) > 0
    }

    /// Whether some title, question or heading has `term`.
    pub(super) fn in_context(&self, term: &str) -> bool {
        self.terms
            .get(term)
            .is_some_and(|id| self.st.context_terms.get(id) > 0)
    }

    pub(super) fn idf(&self, term: &str) -> f32 {
        let n = self.st.docs.max(1) as f32;
        let df = self.df(term) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }
}

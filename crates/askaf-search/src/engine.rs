//! The passage index and the answer it gives.

use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};

use rustc_hash::{FxHashMap, FxHashSet};
use std::num::NonZeroUsize;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, Mutex};

use askaf_content::{BlockKind, Lang};
use askaf_text::{analyze, sentences, Language};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED,
    STRING,
};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::{doc, DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::passage::Passage;
use crate::semantic::{Encoder, Role, Semantic, Tuning};
use crate::synonyms::{AnalyzedGroup, Synonyms};
use crate::vectors::{dot16, key, Key, Vectors};
use crate::{language, Error};

mod analyzed;
mod bm25;
mod codec;
mod directory;
mod terms;
mod update;

use analyzed::Analyzed;
use terms::{Counts, Terms};

pub use update::{IndexOpening, UpdateStats};

/// Bump when the schema or the analysis changes: an index on disk from an
/// older format is rebuilt rather than read. 3: each document names its
/// article (`lang/slug`), so an edit deletes just that article's documents.
/// 4: documents store their passage (the engine no longer keeps every
/// passage in memory) and the record beside the index holds the engine's
/// statistics, so a restart analyzes nothing that has not changed.
/// 5: documents store their analysis as term ids (`analyzed.rs`), so a
/// question reads its candidates back without analyzing them again.
/// 6: a table's passage holds a row to a sentence, its cells apart by a
/// tab (`askaf_content::render`), where it was one run of words;
/// "become" in its forms is an English stop word, and irregular English
/// past forms stem as their verb ("won" as "win"). The index holds
/// passages' text and its analysis, so a site served before takes them
/// anew.
/// 7: documents store their block's kind, and a table's sentences are its
/// rows (`askaf_content::table_rows`), whatever their cells hold.
pub const INDEX_FORMAT: u32 = 7;

/// Tunable weights; the defaults are what `askaf eval` was measured with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EngineConfig {
    pub boost_question: f32,
    pub boost_title: f32,
    pub boost_headings: f32,
    /// Weight of question coverage when re-ranking passages.
    pub coverage_weight: f32,
    /// Weight of term proximity when re-ranking passages.
    pub proximity_weight: f32,
    /// Below this confidence the engine abstains when words are all it has
    /// (no sentence model, or one without a cutoff for the language), by
    /// language: English, Dari, Pashto. The confidence is the share of the
    /// question's weight the answer holds, and a share means less in
    /// Persian, whose questions carry colloquial forms, misspellings and
    /// joined words the articles never use. Calibrated with `askaf eval
    /// --offcorpus`: the cutoff at which a set's answerable questions are
    /// turned away at most about 4% of the time (README, issue 11). English
    /// 0.38 took off-corpus abstention on SQuAD from 0.57 to 0.78 (answerable
    /// 0.011 → 0.035); Dari 0.27 brought the answerable questions turned away
    /// from 0.079 and 0.065 to 0.048 on ParsiNLU and PersianQA. Pashto has no
    /// public set: it takes Dari's value, its analysis being the closest.
    pub abstain_below: [f32; 3],
    /// With the rule by meaning (a model with a cutoff for the language),
    /// the words' cutoff, by language as [`Self::abstain_below`]: low,
    /// since the combined rule ([`Tuning::abstain_below`]) does the telling
    /// apart. 0.2 in every language. Dari and Pashto took it first: at 0.3
    /// the words alone turned away 0.079 of ParsiNLU's and 0.071 of
    /// PersianQA's answerable questions in the off-corpus test, most of
    /// them ones the meaning vouched for; at 0.2, 0.079 and 0.036, with
    /// PersianQA's answer accuracy 0.649 → 0.661 and the off-corpus
    /// questions turned away unchanged (0.839 and 0.974, README). English
    /// kept 0.3, with which the rule was fitted on the first half of
    /// SQuAD's off-corpus test, until the second half (`--offcorpus=second`)
    /// showed the words turning away twice as many of its answerable
    /// questions (0.067 in all): at 0.2, 0.044 → 0.037 and 0.067 → 0.059 on
    /// the two halves, answer accuracy up on both, for 0.007 and 0.002 of
    /// the off-corpus questions (README, "Both halves").
    pub abstain_below_with_meaning: [f32; 3],
    /// The engine abstains when the answer (its sentence, with the passage's
    /// title and headings) lacks one word of the question that carries this
    /// share of the question's weight or more. Words weigh by their rarity
    /// in the index, so this is a rare main word of the question that the
    /// answer does not hold: most often a name the site never uses
    /// ("How many provinces does Canada have?"). Measured with `askaf eval
    /// --offcorpus`: at 0.5 it abstains on more off-corpus questions at no
    /// cost in answer accuracy; lower, it turns away answerable questions
    /// that paraphrase a word, which short Persian questions often do.
    /// When a model's rule of meaning decides, this rule is not applied:
    /// that rule weighs the same share ([`Tuning::abstain_missing`]).
    pub abstain_missing: f32,
    /// When words are all it has, the engine abstains on a question of at
    /// most this many words (concepts) whose answer (its sentence, with the
    /// passage's title and headings) lacks any one of them, whatever their
    /// weights; by language as [`Self::abstain_below`]. With a model's rule
    /// of meaning, such a question is answered only when its similarity
    /// alone reaches that rule's cutoff. In a short question
    /// every word is a main one, and a word's rarity in a small site says
    /// little: "What is the capital of France?" was answered with "…a little
    /// larger than France…" because "France" occurs once in the built-in
    /// site and so outweighed "capital". Measured with `askaf eval
    /// --offcorpus --details` (README, issue 11): in English, at 2 it turned
    /// away 0.013 more of SQuAD's off-corpus questions for 0.006 of its
    /// answerable ones, 17 of the 20 answered wrongly; in Persian it turned
    /// away 4 of ParsiNLU's 63 answerable questions (3 answered rightly) for
    /// 1 off-corpus one, as short Persian queries paraphrase or join their
    /// words, so Dari and Pashto keep 0 (off).
    pub abstain_short: [u32; 3],
    /// How many passages answer sentences are drawn from.
    pub answer_passages: usize,
    /// Weight of the passage's best sentence's coverage when re-ranking passages.
    pub sentence_weight: f32,
    /// When choosing the answer sentence, how much a question word that the
    /// passage's title or headings already hold counts: the topic is named
    /// in many sentences (or only by pronoun) and tells them apart poorly.
    pub topic_weight: f32,
    /// With a sentence encoder, each of these overrides the model's own
    /// [`Tuning`] (`None` keeps it): the model is asked only when the
    /// second passage's score is within this share of the first's (`inf`:
    /// always).
    pub semantic_gate: Option<f32>,
    /// How many lexical candidates the model re-ranks.
    pub semantic_candidates: Option<usize>,
    /// [`Tuning::added`].
    pub semantic_added: Option<usize>,
    /// Weight of the lexical score (divided by the best) in the blend.
    pub semantic_lexical_weight: Option<f32>,
    /// Weight of the question's similarity to the whole passage.
    pub semantic_passage_weight: Option<f32>,
    /// Weight of its similarity to the passage's closest sentence.
    pub semantic_sentence_weight: Option<f32>,
    /// [`Tuning::phrase_weight`].
    pub semantic_phrase_weight: Option<f32>,
    /// The cutoff of the rule by meaning ([`Tuning::abstain_below`]).
    pub semantic_abstain_below: Option<f32>,
    /// [`Tuning::across_below`].
    pub semantic_across_below: Option<f32>,
    /// [`Tuning::abstain_confidence`].
    pub semantic_abstain_confidence: Option<f32>,
    /// [`Tuning::abstain_missing`].
    pub semantic_abstain_missing: Option<f32>,
    /// [`Tuning::prior_scale`].
    pub semantic_prior_scale: Option<f32>,
    /// [`Tuning::quoted_abstain_below`], by language as
    /// [`Self::abstain_below`]; 0 (or less) weighs the closest passage.
    pub semantic_quoted_abstain_below: [Option<f32>; 3],
    /// When choosing the answer sentence for a question that asks for a
    /// number ("how many", "چند"): added to sentences that hold one.
    pub number_bonus: f32,
    /// Added as well when the number counts one of the question's words.
    pub count_bonus: f32,
    /// When choosing the answer sentence: weight of the question's coverage
    /// by the sentence's opening words.
    pub opening_weight: f32,
    /// When choosing the answer sentence for "چندمین": added to sentences
    /// that hold an ordinal.
    pub ordinal_bonus: f32,
}

impl EngineConfig {
    /// Applies `name=value` settings, for tuning from the command line.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let v: f32 = value
            .parse()
            .map_err(|_| format!("`{value}` is not a number"))?;
        // The cutoffs kept by language: `NAME_en` sets one language's,
        // `NAME` (where it is allowed) every language's.
        let (base, lang) = match name.rsplit_once('_') {
            Some((base, code)) => match code.parse::<Lang>() {
                Ok(lang) => (base, Some(lang)),
                Err(_) => (name, None),
            },
            None => (name, None),
        };
        let langs = match &lang {
            Some(l) => std::slice::from_ref(l),
            None => &Lang::ALL[..],
        };
        match (base, lang) {
            ("abstain_below", _) => langs.iter().for_each(|l| self.abstain_below[l.index()] = v),
            ("abstain_short", _) => langs
                .iter()
                .for_each(|l| self.abstain_short[l.index()] = v.max(0.0) as u32),
            ("abstain_below_with_meaning", _) => langs
                .iter()
                .for_each(|l| self.abstain_below_with_meaning[l.index()] = v),
            // 0 (or less) weighs the closest passage instead.
            ("semantic_quoted_abstain_below", Some(l)) => {
                self.semantic_quoted_abstain_below[l.index()] = Some(v)
            }
            _ => self.set_one(name, v)?,
        }
        Ok(())
    }

    /// [`Self::set`] for the settings that are not by language.
    fn set_one(&mut self, name: &str, v: f32) -> Result<(), String> {
        match name {
            "boost_question" => self.boost_question = v,
            "boost_title" => self.boost_title = v,
            "boost_headings" => self.boost_headings = v,
            "coverage_weight" => self.coverage_weight = v,
            "proximity_weight" => self.proximity_weight = v,
            "sentence_weight" => self.sentence_weight = v,
            "topic_weight" => self.topic_weight = v,
            "semantic_gate" => self.semantic_gate = Some(v),
            "semantic_candidates" => self.semantic_candidates = Some(v.max(0.0) as usize),
            "semantic_lexical_weight" => self.semantic_lexical_weight = Some(v),
            "semantic_passage_weight" => self.semantic_passage_weight = Some(v),
            "semantic_sentence_weight" => self.semantic_sentence_weight = Some(v),
            "semantic_phrase_weight" => self.semantic_phrase_weight = Some(v),
            "semantic_abstain_below" => self.semantic_abstain_below = Some(v),
            "semantic_across_below" => self.semantic_across_below = Some(v),
            "semantic_abstain_confidence" => self.semantic_abstain_confidence = Some(v),
            "semantic_abstain_missing" => self.semantic_abstain_missing = Some(v),
            "semantic_prior_scale" => self.semantic_prior_scale = Some(v),
            "number_bonus" => self.number_bonus = v,
            "count_bonus" => self.count_bonus = v,
            "opening_weight" => self.opening_weight = v,
            "ordinal_bonus" => self.ordinal_bonus = v,
            "abstain_missing" => self.abstain_missing = v,
            "semantic_added" => self.semantic_added = Some(v.max(0.0) as usize),
            "answer_passages" => self.answer_passages = v.max(1.0) as usize,
            other => return Err(format!("unknown setting `{other}`")),
        }
        Ok(())
    }

    /// The words' cutoff for a question in `lang` ([`Self::abstain_below`]).
    pub fn lexical_cutoff(&self, lang: Lang) -> f32 {
        self.abstain_below[lang.index()]
    }

    /// A model's tuning with these settings' overrides applied.
    pub fn tuning(&self, model: Tuning) -> Tuning {
        Tuning {
            gate: self.semantic_gate.unwrap_or(model.gate),
            candidates: self.semantic_candidates.unwrap_or(model.candidates),
            added: self.semantic_added.unwrap_or(model.added),
            lexical_weight: self.semantic_lexical_weight.unwrap_or(model.lexical_weight),
            passage_weight: self.semantic_passage_weight.unwrap_or(model.passage_weight),
            sentence_weight: self
                .semantic_sentence_weight
                .unwrap_or(model.sentence_weight),
            phrase_weight: self.semantic_phrase_weight.unwrap_or(model.phrase_weight),
            abstain_below: self.semantic_abstain_below.or(model.abstain_below),
            across_below: self.semantic_across_below.or(model.across_below),
            abstain_confidence: self
                .semantic_abstain_confidence
                .unwrap_or(model.abstain_confidence),
            abstain_missing: self
                .semantic_abstain_missing
                .unwrap_or(model.abstain_missing),
            prior_scale: self.semantic_prior_scale.or(model.prior_scale),
            quoted_abstain_below: std::array::from_fn(|i| {
                match self.semantic_quoted_abstain_below[i] {
                    Some(v) => (v > 0.0).then_some(v),
                    None => model.quoted_abstain_below[i],
                }
            }),
        }
    }
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            boost_question: 2.0,
            boost_title: 1.5,
            boost_headings: 1.2,
            coverage_weight: 1.0,
            proximity_weight: 0.3,
            abstain_below: [0.38, 0.27, 0.27],
            abstain_below_with_meaning: [0.2, 0.2, 0.2],
            abstain_missing: 0.5,
            abstain_short: [2, 0, 0],
            answer_passages: 5,
            sentence_weight: 0.5,
            topic_weight: 0.2,
            semantic_gate: None,
            semantic_candidates: None,
            semantic_added: None,
            semantic_lexical_weight: None,
            semantic_passage_weight: None,
            semantic_sentence_weight: None,
            semantic_phrase_weight: None,
            semantic_abstain_below: None,
            semantic_across_below: None,
            semantic_abstain_confidence: None,
            semantic_abstain_missing: None,
            semantic_prior_scale: None,
            semantic_quoted_abstain_below: [None; 3],
            number_bonus: 0.15,
            count_bonus: 0.15,
            opening_weight: 0.2,
            ordinal_bonus: 0.3,
        }
    }
}

/// A passage found for a question.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The passage's slot: [`Engine::passage`] reads it.
    pub passage: usize,
    pub score: f32,
    /// The question's similarity in meaning to the passage, when a sentence
    /// model compared them.
    pub similarity: Option<f32>,
}

/// Gives one article's passages (language, slug), for [`Engine::on_disk_with`].
pub type PassagesOf<'a> = dyn FnMut(Lang, &str) -> Result<Vec<Passage>, Error> + 'a;

/// An article as [`Engine::on_disk_with`] is told of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleVersion {
    pub lang: Lang,
    pub slug: String,
    /// Changes whenever the article's passages would: a revision of its file.
    pub version: String,
}

/// One sentence of an answer, quoted exactly from its passage.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerSentence {
    pub passage: usize,
    /// Byte range of the sentence in the passage's text.
    pub range: Range<usize>,
    pub text: String,
    /// Byte ranges, within `text`, of the words that matched the question.
    pub highlights: Vec<Range<usize>>,
}

/// The engine's reply to a question.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// True when no sentence answered well enough to quote.
    pub abstained: bool,
    /// From 0 to 1: how much of the question the best sentence covers, weighted by rarity.
    pub confidence: f32,
    /// One to three sentences of one passage, in its order; empty when abstaining.
    pub sentences: Vec<AnswerSentence>,
    /// Ranked passages, reader's language first.
    pub hits: Vec<Hit>,
    /// The best sentence found (one of `sentences` when answering), kept even
    /// when the engine abstained, for evaluation and for editors.
    pub candidate: Option<AnswerSentence>,
    /// What the confidence was computed from.
    pub signals: Signals,
    /// Set when the reader's language held no confident answer and the
    /// answer is quoted from an article in this other language, found by
    /// meaning ([`Engine::answer`]); the confidence is then the question's
    /// similarity to that passage.
    pub from_lang: Option<Lang>,
    /// Which rule answered or turned the question away.
    pub decision: Decision,
}

/// Which rule settled an answer ([`Answer::decision`]): what an editor asks
/// first of a question Ask turned away ("did the words fail, or the
/// meaning?"), and what `askaf ask --explain` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// No passage of the reader's language holds any of the question's words.
    NoWords,
    /// The best sentence covers too little of the question's weight
    /// ([`EngineConfig::lexical_cutoff`], or its cutoff with a model).
    TooLittleCovered,
    /// The best sentence lacks a word carrying at least
    /// [`EngineConfig::abstain_missing`] of the question's weight (without a model).
    LacksMainWord,
    /// A short question whose answer lacks one of its words
    /// ([`EngineConfig::abstain_short`]).
    ShortAndLacking,
    /// The words vouched for the sentence, but the question stands too far
    /// in meaning from the site's passages ([`crate::Tuning::abstain_below`]).
    FarInMeaning,
    /// Answered from the reader's language.
    Answered,
    /// Answered from a passage in another language, found by meaning.
    AnsweredAcross,
}

impl Decision {
    /// Every decision, in the order the rules are tried.
    pub const ALL: [Decision; 7] = [
        Decision::NoWords,
        Decision::TooLittleCovered,
        Decision::LacksMainWord,
        Decision::ShortAndLacking,
        Decision::FarInMeaning,
        Decision::Answered,
        Decision::AnsweredAcross,
    ];

    /// The decision [`Self::as_str`] names, as the questions log reads it
    /// back; `None` for a name this version does not know.
    pub fn parse(name: &str) -> Option<Decision> {
        Self::ALL.into_iter().find(|d| d.as_str() == name)
    }

    /// Its name in snake case, as `askaf eval --details` writes it and the
    /// questions log keeps it.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::NoWords => "no_words",
            Decision::TooLittleCovered => "too_little_covered",
            Decision::LacksMainWord => "lacks_main_word",
            Decision::ShortAndLacking => "short_and_lacking",
            Decision::FarInMeaning => "far_in_meaning",
            Decision::Answered => "answered",
            Decision::AnsweredAcross => "answered_across",
        }
    }
}

/// By its [`Decision::as_str`] name: `askaf eval --details` writes the
/// name the questions log keeps, from one mapping.
impl serde::Serialize for Decision {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The parts of an answer's confidence, each from 0 to 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Signals {
    /// Share of the question's weight found in the chosen passage, title and headings.
    pub passage_coverage: f32,
    /// Share found in the chosen sentence (with its passage's title and headings).
    pub sentence_coverage: f32,
    /// Share found in the chosen sentence alone.
    pub sentence_only: f32,
    /// Share of the question's weight on words no passage uses at all.
    pub unknown: f32,
    /// The largest share of the question's weight on one word that the
    /// sentence the confidence was taken from (with its passage's title and
    /// headings) lacks: a question is rarely answered by a sentence that
    /// misses one of its main words, however much of the rest it holds.
    pub missing: f32,
    /// How many words (concepts) the question has, and how many of them
    /// the sentence the confidence was taken from (with its passage's
    /// title and headings) lacks.
    pub words: u32,
    pub words_missing: u32,
    /// The question's similarity in meaning to its best passage in its own
    /// language, when a sentence model compared them.
    pub similarity: Option<f32>,
    /// The question's similarity in meaning to the passage the answer is
    /// quoted from, when a sentence model compared them.
    pub answer_similarity: Option<f32>,
    pub question_negated: bool,
    pub sentence_negated: bool,
    pub wants_number: bool,
    pub sentence_has_number: bool,
}

#[derive(Clone)]
struct LangFields {
    body: Field,
    title: Field,
    question: Field,
    headings: Field,
}

/// A passage's analysis with its terms as text: what indexing counts (see
/// [`prepare`]). A question never needs it: the passages it reads back come
/// with their analysis as term ids ([`Analyzed`], stored in the index).
#[derive(Default)]
struct Prepared {
    /// The body's terms, with their positions and byte ranges, in order.
    tokens: Vec<askaf_text::Token>,
    /// The body's terms as a set, with the context's.
    all_terms: FxHashSet<String>,
    /// Each sentence: its byte range, flags and which of `tokens` it holds.
    sentences: Vec<SentenceInfo>,
    /// Terms of the title, question and headings.
    context: FxHashSet<String>,
    /// Terms of the article's question alone.
    question_terms: FxHashSet<String>,
}

/// A sentence of a [`Prepared`] passage.
struct SentenceInfo {
    range: Range<usize>,
    /// Its terms: a run of the passage's `tokens`.
    tokens: Range<usize>,
    /// Whether the sentence holds a number, for questions that ask for one.
    has_number: bool,
    negated: bool,
    /// Whether it holds an ordinal ("پنجمین", "شانزدهم"), for questions that ask for one.
    has_ordinal: bool,
}

/// A known term, with its characters' signature for a cheap first test.
/// The characters themselves are taken from the term when a word passes
/// it: kept for every word, they would cost a large site a hundred megabytes.
struct VocabWord {
    /// The term's id in the engine's [`Terms`].
    id: u32,
    /// [`char_signature`] of the term's characters.
    sig: u64,
}

/// The set of a word's characters as 64 bits, each character hashed to one.
/// A character of one word missing from another leaves a bit of the first's
/// signature unset in the second's, so `(a & !b).count_ones()` never exceeds
/// the number of `a`'s characters missing from `b`: a test of a few
/// instructions that turns away most of the vocabulary before the exact ones.
fn char_signature(chars: &[char]) -> u64 {
    chars.iter().fold(0u64, |sig, &c| {
        sig | 1u64 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 26)
    })
}

impl VocabWord {
    /// A term as typo tolerance keeps it, with its length in characters;
    /// `None` under four characters.
    fn new(id: u32, term: &str) -> Option<(usize, VocabWord)> {
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

#[derive(Default)]
struct LangStats {
    docs: u32,
    /// In how many passages each term (by id) occurs, body or context. A
    /// term no passage holds any longer counts 0, as one never seen: its
    /// absence says the articles never use the word.
    df: Counts,
    /// How many passages have each term in some title, question or heading:
    /// counted, so that removing a passage knows whether the term is still
    /// in some other passage's context.
    context_terms: Counts,
    /// Terms of four or more characters by length (in characters), for typo
    /// tolerance, in the order of their text.
    vocab: HashMap<usize, Vec<VocabWord>>,
}

impl LangStats {
    /// Counts a passage in: one more document, and each of its terms (which
    /// [`number_terms`] numbered) in one more. `learn` puts a term new to
    /// the language into the vocabulary, in order; a whole build leaves that
    /// to [`Self::build_vocab`] at the end.
    fn add(&mut self, prep: &Prepared, terms: &Terms, learn: bool) {
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
    fn build_vocab(&mut self, terms: &Terms) {
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
struct Stats<'a> {
    st: &'a LangStats,
    terms: &'a Terms,
}

impl Stats<'_> {
    /// In how many passages `term` occurs; 0 for a word the articles never use.
    fn df(&self, term: &str) -> u32 {
        self.terms.get(term).map_or(0, |id| self.st.df.get(id))
    }

    /// Whether some passage has `term`.
    fn has(&self, term: &str) -> bool {
        self.df(term) > 0
    }

    /// Whether some title, question or heading has `term`.
    fn in_context(&self, term: &str) -> bool {
        self.terms
            .get(term)
            .is_some_and(|id| self.st.context_terms.get(id) > 0)
    }

    fn idf(&self, term: &str) -> f32 {
        let n = self.st.docs.max(1) as f32;
        let df = self.df(term) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }
}

/// One part of a question: any of its alternatives (each a sequence of terms) satisfies it.
#[derive(Debug, Clone)]
struct Concept {
    alts: Vec<Vec<String>>,
    weight: f32,
    /// `alts` as term ids; [`NO_TERM`] for a term no passage has.
    ids: Vec<Vec<u32>>,
}

/// The id of a term that no passage holds: it matches nothing.
const NO_TERM: u32 = u32::MAX;

/// Two neighbouring words of a question ([`Engine::question_pairs`]).
struct Pair {
    first: u32,
    second: u32,
    /// Positions from the first to the second (1: side by side).
    gap: u32,
    weight: f32,
}

fn in_ids(ids: &[u32], t: u32) -> bool {
    ids.binary_search(&t).is_ok()
}

/// Sorted, deduplicated ids of `terms`.
fn id_set<'a>(ids: &Terms, terms: impl Iterator<Item = &'a String>) -> Vec<u32> {
    let mut v: Vec<u32> = terms.filter_map(|t| ids.get(t)).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// A passage read back from the index, with its analysis.
struct Loaded {
    passage: Arc<Passage>,
    prep: Analyzed,
    /// The key of the passage's text among the model's vectors.
    key: Key,
}

/// How many passages, read back and analyzed, the engine keeps at hand: a
/// question reads at most three times its limit in each language, and the
/// questions readers ask most come back to the same passages. An analyzed
/// passage costs tens of kilobytes: this bounds them to a few megabytes.
const LOADED_PASSAGES: usize = 512;

/// The passage index, its statistics and its synonyms.
///
/// What the engine keeps in memory is what every question needs: term
/// statistics, the vocabulary, which slots hold which article's passages.
/// The passages themselves live in the index (its stored fields) and are
/// read back, and analyzed, only for the candidates a question finds, so
/// memory grows with the vocabulary, not with the articles' text.
pub struct Engine {
    index: Index,
    reader: IndexReader,
    /// The index's fields.
    ix: IndexSchema,
    /// Each slot's language ([`Hit::passage`] numbers slots); a free slot's is meaningless.
    slot_langs: Vec<Lang>,
    /// Each slot's key among the model's vectors, once known: set as the
    /// vector worker is fed ([`Engine::want_vectors`]) and by an update,
    /// so a question can be compared with every passage of the other
    /// languages (answers across languages) without reading them back.
    /// `None` for a free slot, one not fed yet, or without a model.
    slot_keys: std::sync::RwLock<Vec<Option<Key>>>,
    /// Passages read back from the index lately, by slot.
    loaded: Mutex<lru::LruCache<usize, Arc<Loaded>>>,
    stats: HashMap<Lang, LangStats>,
    synonyms: HashMap<Lang, Vec<AnalyzedGroup>>,
    config: EngineConfig,
    /// Every term of every passage, numbered: sets of small integers are
    /// much cheaper to test than sets of strings. [`Engine::update`] only
    /// adds to it: the id of a term no passage holds any longer matches no
    /// passage's sets, as [`NO_TERM`] would (see `update.rs`).
    terms: Terms,
    /// Vectors from an optional sentence encoder (see [`crate::semantic`]).
    semantic: Option<Semantic>,
    /// Each article's slots in `passages`, in the article's order.
    articles: FxHashMap<(Lang, String), Vec<u32>>,
    /// Slots whose passage was removed: no document points at them, and the
    /// next passages added fill them, lowest first.
    free: BTreeSet<usize>,
    /// BM25's statistics over the live passages, for tantivy's scoring.
    bm25: bm25::Bm25Stats,
    /// Spares analyzing an article's title and question again for each of its passages.
    recent: bm25::Recent,
    /// For an index in a directory, what is recorded there of each article.
    disk: Option<update::Disk>,
    /// How the tantivy index was come by.
    opening: IndexOpening,
    /// Set when an update committed to the index but could not be taken in:
    /// the index then holds documents the engine does not know of.
    diverged: bool,
}

/// An answer found in another language than the reader's ([`Engine::answer_across`]).
struct Across {
    /// The sentence closest in meaning to the question.
    sentence: AnswerSentence,
    /// It and its closer neighbour, in the passage's order.
    sentences: Vec<AnswerSentence>,
    /// The question's similarity to the sentence's passage.
    similarity: f32,
}

/// How much closer in meaning than the reader's language's closest
/// candidate a passage in another language must stand to be quoted.
const ACROSS_MARGIN: f32 = 0.01;

/// What [`Engine::sizes`] counts.
#[derive(Debug, Clone, Copy, Default)]
pub struct EngineSizes {
    pub terms: usize,
    pub df: usize,
    pub context_terms: usize,
    pub vocab: usize,
    pub bm25_df: usize,
    pub articles: usize,
    pub slots: usize,
}

/// The tantivy tokenizer that hands over `askaf-text`'s analysis unchanged.
#[derive(Clone)]
struct AskTokenizer {
    lang: Language,
}

struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for AskTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let tokens = analyze(text, self.lang)
            .into_iter()
            .map(|t| Token {
                offset_from: t.range.start,
                offset_to: t.range.end,
                position: t.position,
                text: t.term,
                position_length: 1,
            })
            .collect();
        VecTokenStream { tokens, next: 0 }
    }
}

fn tokenizer_name(lang: Lang) -> String {
    format!("askaf_{lang}")
}

/// The schema and its fields: the `pid` field (a passage's slot), the
/// `article` field (`lang/slug`), the `anchor` field, and each language's text fields.
struct IndexSchema {
    schema: Schema,
    pid: Field,
    article: Field,
    anchor: Field,
    /// The block's kind ([`BlockKind::name`]).
    kind: Field,
    analysis: Field,
    fields: HashMap<Lang, LangFields>,
}

fn schema() -> IndexSchema {
    let mut b = Schema::builder();
    // Indexed too: a passage is read back by its slot.
    let pid = b.add_u64_field("pid", INDEXED | FAST | STORED);
    // Indexed whole, not analyzed: a term to delete an article's documents by.
    let article = b.add_text_field("article", STRING | STORED);
    let anchor = b.add_text_field("anchor", STORED);
    let kind = b.add_text_field("kind", STORED);
    // The passage's analysis as term ids (`analyzed.rs`): read back with it.
    let analysis = b.add_bytes_field("analysis", STORED);
    let mut fields = HashMap::new();
    for lang in Lang::ALL {
        let opts = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(&tokenizer_name(lang))
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored();
        let f = LangFields {
            body: b.add_text_field(&format!("body_{lang}"), opts.clone()),
            title: b.add_text_field(&format!("title_{lang}"), opts.clone()),
            question: b.add_text_field(&format!("question_{lang}"), opts.clone()),
            headings: b.add_text_field(&format!("headings_{lang}"), opts),
        };
        fields.insert(lang, f);
    }
    IndexSchema {
        schema: b.build(),
        pid,
        article,
        anchor,
        kind,
        analysis,
        fields,
    }
}

/// The value of a document's `article` field.
fn article_key(lang: Lang, slug: &str) -> String {
    format!("{lang}/{slug}")
}

/// The text of the `headings` field: the headings above a passage, one a line.
fn headings_text(p: &Passage) -> String {
    p.headings.join(HEADINGS_SEPARATOR)
}

/// Between two headings in the `headings` field.
const HEADINGS_SEPARATOR: &str = " \n ";

/// The tantivy document of the passage in `slot`, with its analysis
/// ([`analyzed::encode`]).
fn document(s: &IndexSchema, slot: usize, p: &Passage, analysis: Vec<u8>) -> TantivyDocument {
    let f = &s.fields[&p.lang];
    doc!(
        s.pid => slot as u64,
        s.article => article_key(p.lang, &p.article),
        s.anchor => p.anchor.as_str(),
        s.kind => p.kind.name(),
        s.analysis => analysis,
        f.body => p.text.as_str(),
        f.title => p.title.as_str(),
        f.question => p.question.as_str(),
        f.headings => headings_text(p),
    )
}

fn register_tokenizers(index: &Index) {
    for lang in Lang::ALL {
        index.tokenizers().register(
            &tokenizer_name(lang),
            TextAnalyzer::from(AskTokenizer {
                lang: language(lang),
            }),
        );
    }
}

/// A fingerprint of passages (an article's), to tell whether the index on disk holds them as they are.
fn fingerprint<'a>(passages: impl IntoIterator<Item = &'a Passage>) -> String {
    // FNV-1a: stable across builds and platforms, which `DefaultHasher` is not.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |s: &str| {
        for b in s.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    eat(&INDEX_FORMAT.to_string());
    for p in passages {
        eat(p.lang.code());
        eat(&p.article);
        eat(&p.anchor);
        eat(p.kind.name());
        eat(&p.title);
        eat(&p.question);
        for h in &p.headings {
            eat(h);
        }
        eat(&p.text);
    }
    format!("{h:016x}")
}

/// Whether a question (normalized) asks for a quantity or a date, so its answer holds a number.
fn asks_for_number(q: &str, lang: Lang) -> bool {
    let cues: &[&str] = match lang {
        Lang::En => &[
            "how many",
            "how much",
            "when",
            "what year",
            "which year",
            "how long",
            "how old",
            "what percentage",
            "how far",
            "how large",
            "how big",
            "how high",
            "how tall",
            "what age",
            "what date",
            "what century",
            "how often",
        ],
        Lang::Fa | Lang::Ps => &[
            "چند",
            "چه سال",
            "کدام سال",
            "چه زمان",
            "چه تاریخ",
            "چقدر",
            "چه مقدار",
            "چه تعداد",
            "چه قرن",
            "کدام قرن",
            "چه ماه",
            "څو",
            "کوم کال",
            "کله",
        ],
    };
    let padded = format!(" {q} ");
    cues.iter().any(|c| padded.contains(&format!(" {c}")))
}

/// The kind of thing a question asks for, as the stem of the word after
/// "which" ("which province" → "provinc"), "کدام" (Dari) or "کوم" (Pashto):
/// a sentence that answers it names one. `None` when no such word follows
/// (or only a stop word: "What is …").
fn kind_asked(question: &str, lang: Lang) -> Option<String> {
    let language = language(lang);
    let cues: &[&str] = match lang {
        Lang::En => &["which", "what"],
        Lang::Fa => &["کدام", "کدامین"],
        Lang::Ps => &["کوم", "کومه", "کومې", "کومو"],
    };
    let cues: Vec<String> = cues
        .iter()
        .map(|c| askaf_text::normalize(c, language))
        .collect();
    let tokens = askaf_text::tokenize(question, language);
    tokens.windows(2).find_map(|w| {
        (cues.contains(&w[0].term) && !askaf_text::is_stop_word(&w[1].term, language))
            .then(|| askaf_text::stem(&w[1].term, language))
    })
}

/// Whether a Dari or Pashto question (normalized: typed on an Arabic keyboard
/// it is "چندمين") asks for an ordinal: "چندمین رئیس‌جمهور", "چندم" ("the
/// how-manieth"), answered by a sentence holding one ("شانزدهمین").
fn asks_for_ordinal(q: &str, lang: Lang) -> bool {
    match lang {
        Lang::En => false,
        Lang::Fa | Lang::Ps => q
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w == "چندمین" || w == "چندم"),
    }
}

/// Whether a normalized Dari word is an ordinal: "اولین", "نخستین", "آخرین",
/// or a number (in digits or in words) with the ordinal ending "م" or "مین":
/// "دوم", "سومین", "پنجمین", "شانزدهم", "بیستمین", "۱۶مین".
fn is_ordinal(word: &str) -> bool {
    // Normalized: alef madda is folded to alef ("آخرین" → "اخرین").
    const WORDS: [&str; 5] = ["اول", "اولین", "نخست", "نخستین", "اخرین"];
    // Cardinals as they stand before the ending; "one" is "یک" ("یکم"), "three" "سو" ("سوم").
    const NUMBERS: [&str; 36] = [
        "یک",
        "دو",
        "سو",
        "چهار",
        "پنج",
        "شش",
        "هفت",
        "هشت",
        "نه",
        "ده",
        "یازده",
        "دوازده",
        "سیزده",
        "چهارده",
        "پانزده",
        "شانزده",
        "هفده",
        "هجده",
        "هیجده",
        "نوزده",
        "بیست",
        "سی",
        "چهل",
        "پنجاه",
        "شصت",
        "هفتاد",
        "هشتاد",
        "نود",
        "صد",
        "دویست",
        "سیصد",
        "پانصد",
        "هزار",
        "میلیون",
        "میلیارد",
        "چهارصد",
    ];
    if WORDS.contains(&word) {
        return true;
    }
    let Some(number) = word.strip_suffix("مین").or_else(|| word.strip_suffix('م')) else {
        return false;
    };
    !number.is_empty() && (number.chars().all(char::is_numeric) || NUMBERS.contains(&number))
}

/// Whether a term is a number that can count things: digits, but not a year
/// ("the 2025 earthquake" counts no earthquakes). Thousands are written with a
/// separator ("2,205 people"), which the tokenizer splits, so a bare four-digit
/// number from 1000 to 2100 (or a solar-hijri ۱۳۰۰–۱۵۰۰, normalized to ASCII) is
/// read as a year.
fn is_count(term: &str) -> bool {
    if term.is_empty() || !term.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    !(term.len() == 4
        && term
            .parse::<u32>()
            .is_ok_and(|n| (1000..=2100).contains(&n)))
}

/// Negation cues in English, Dari and Pashto, for telling "which X cannot…" from "which X can…".
fn has_negation(text: &str) -> bool {
    const EN: [&str; 5] = ["not", "never", "no", "without", "cannot"];
    // Negated verb stems of Dari (ن + verb) and Pashto (نه / نشي), and "without".
    const ARABIC_SCRIPT_PREFIXES: [&str; 12] = [
        "نمی",
        "نمي",
        "نیست",
        "نيست",
        "نبود",
        "ندار",
        "نکرد",
        "نكرد",
        "نشد",
        "نخواه",
        "نتوان",
        "نشي",
    ];
    const ARABIC_SCRIPT_WORDS: [&str; 3] = ["نه", "بدون", "هیچ"];
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '\u{200c}'))
        .filter(|w| !w.is_empty())
        .any(|w| {
            let w = w.trim_matches('\u{200c}');
            EN.contains(&w)
                || w.ends_with("n't")
                || w.ends_with("n’t")
                || ARABIC_SCRIPT_WORDS.contains(&w)
                || ARABIC_SCRIPT_PREFIXES.iter().any(|p| w.starts_with(p))
        })
}

/// How many characters of `a` (sorted) have no partner in `b` (sorted): a
/// lower bound of the edit distance that needs no allocation.
fn missing_chars(a: &[char], b: &[char]) -> usize {
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

fn edit_distance_at_most(a: &[char], b: &[char], max: usize) -> bool {
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

/// A question's terms as [`analyze`] gives them, in order and once each, and
/// for the words of a compound typed apart (`بین المللی`, where the articles
/// write `بین‌المللی`), the compound.
///
/// This needs the corpus, so it is here rather than in the analyzer: `قطب نما`
/// is a compass only because the articles say `قطب‌نما`, while `از این` also
/// spells `ازاین`, and no rule of the language tells them apart. The articles
/// decide: two words with only a space between them are read as a compound
/// when it is at least as common in the articles as the rarer of the two (a
/// stop word counts as never seen, an unknown word too). A reader's `بین`
/// (common) `المللی` (never seen) is then the compound, while two words each
/// used far more often than their accidental join stay apart. Two stop words
/// are never joined: their join (`ازاین`) is no content either. Only Dari's
/// words are offered ([`askaf_text::compound`]): Pashto and English write their
/// compounds joined or as phrases, and their questions keep [`analyze`]'s terms.
fn question_terms(
    question: &str,
    lang: Lang,
    stats: Stats<'_>,
) -> (Vec<String>, FxHashMap<String, String>) {
    let language = language(lang);
    let df = |t: &str| stats.df(t);
    let tokens = askaf_text::tokenize(question, language);
    // Each token's term as analyze makes it, `None` for a stop word and for
    // the noun of Dari's "there is" (`وجود دارد`), which asks for nothing.
    let stems: Vec<Option<String>> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let there_is = tokens
                .get(i + 1)
                .is_some_and(|next| askaf_text::is_there_is(&t.term, &next.term, language));
            (!there_is && !askaf_text::is_stop_word(&t.term, language))
                .then(|| askaf_text::stem(&t.term, language))
        })
        .collect();
    let mut compounds: FxHashMap<String, String> = FxHashMap::default();
    let mut i = 0;
    while i + 1 < tokens.len() {
        let (a, b) = (&tokens[i], &tokens[i + 1]);
        // Only a space between them: not punctuation, not one span's two terms.
        let spaced = question
            .get(a.range.end..b.range.start)
            .is_some_and(|gap| !gap.is_empty() && gap.chars().all(char::is_whitespace));
        let parts: Vec<&String> = stems[i..i + 2].iter().flatten().collect();
        let joined = (spaced && !parts.is_empty())
            .then(|| askaf_text::compound(&a.term, &b.term, language))
            .flatten();
        if let Some(joined) = joined {
            let rarer = if parts.len() < 2 {
                0
            } else {
                parts.iter().map(|p| df(p)).min().unwrap_or(0)
            };
            let common = df(&joined);
            if common > 0 && common >= rarer {
                for p in parts {
                    compounds.entry(p.clone()).or_insert_with(|| joined.clone());
                }
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    let mut terms: Vec<String> = Vec::new();
    for (token, stem) in tokens.iter().zip(stems) {
        let Some(t) = stem else { continue };
        // A word the articles never use may be two they do, run together
        // where the space would not show (`درطول`, `شترچیست`).
        let parts = if df(&t) == 0 && !compounds.contains_key(&t) {
            unseen_space(&token.term, language, &df)
        } else {
            None
        };
        for t in parts.unwrap_or_else(|| vec![t]) {
            if !terms.contains(&t) {
                terms.push(t);
            }
        }
    }
    (terms, compounds)
}

/// The terms of `word` read as two words with a space left out where it
/// would not show ([`askaf_text::unseen_spaces`]), when the articles
/// confirm the reading: each half a stop word or a word of at least three
/// letters the articles use, and at least one of them such a word. Short
/// words are left out, as a two-letter word is too easily a piece of a
/// longer one (`کودکم` "my child" is not `کود` + `کم`). The right-most
/// seam that reads so is taken; the words' stems are returned, stop words
/// left out.
fn unseen_space(word: &str, language: Language, df: &dyn Fn(&str) -> u32) -> Option<Vec<String>> {
    askaf_text::unseen_spaces(word, language)
        .into_iter()
        .find_map(|(left, right)| {
            let mut words = Vec::new();
            for half in [left, right] {
                if askaf_text::is_stop_word(half, language) {
                    continue;
                }
                let stem = askaf_text::stem(half, language);
                if stem.chars().count() < 3 || df(&stem) == 0 {
                    return None;
                }
                words.push(stem);
            }
            (!words.is_empty()).then_some(words)
        })
}

/// The tantivy writer's memory budget.
const WRITER_HEAP: usize = 30_000_000;

/// Segments with more passages than this are never merged again. A merge
/// reads each of its segments' document stores whole (see
/// [`directory`]), one after another; segments grow eightfold a level
/// (eight 30 MB writes make one of about 500,000 passages and a 220 MB
/// store), and merging eight of those would hold one such store in memory
/// at a time for no gain a reader sees: a question visits a few more
/// segments instead, at 100,000 articles none, since it takes about
/// 170,000 articles to make eight.
const MAX_MERGED_PASSAGES: usize = 400_000;

/// A writer for `index`: one indexing thread, [`WRITER_HEAP`], and merges
/// capped at [`MAX_MERGED_PASSAGES`].
fn index_writer(index: &Index) -> Result<tantivy::IndexWriter<TantivyDocument>, Error> {
    let writer = index.writer_with_num_threads(1, WRITER_HEAP)?;
    let mut policy = tantivy::merge_policy::LogMergePolicy::default();
    policy.set_max_docs_before_merge(MAX_MERGED_PASSAGES);
    writer.set_merge_policy(Box::new(policy));
    Ok(writer)
}

/// A passage's analysis: its terms, context and sentences.
fn prepare(p: &Passage) -> Prepared {
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
    // A table's sentences are its rows.
    let ranges = if p.kind == BlockKind::Table {
        askaf_content::table_rows(&p.text)
    } else {
        sentences(&p.text, lang)
    };
    let mut sents: Vec<SentenceInfo> = ranges
        .into_iter()
        .map(|range| {
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
fn texts_to_encode<'a>(
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
fn number_terms(terms: &mut Terms, p: &Prepared) {
    for t in p.all_terms.iter().chain(&p.question_terms) {
        terms.intern(t);
    }
}

/// The id a passage's term has when the engine never numbered it: none
/// (the passage was numbered when indexed), but should it happen it must
/// match nothing, not even a question's unknown words ([`NO_TERM`]).
const UNNUMBERED: u32 = u32::MAX - 1;

impl Engine {
    /// Builds an index in memory.
    pub fn in_memory(
        passages: Vec<Passage>,
        synonyms: &Synonyms,
        config: EngineConfig,
    ) -> Result<Engine, Error> {
        let ix = schema();
        let index = Index::create_in_ram(ix.schema.clone());
        let mut engine = Self::empty(index, ix, synonyms, config)?;
        engine.fill(passages.into_iter())?;
        Ok(engine)
    }

    /// Opens the index kept in `dir`, or rebuilds it there when it is missing,
    /// of an older format, or not as its record in `dir` says it was left.
    /// See [`Engine::on_disk_with`], which this calls with each article's
    /// passages (those of an article together, in order) and their
    /// fingerprint as its version.
    pub fn on_disk(
        dir: &Path,
        passages: Vec<Passage>,
        synonyms: &Synonyms,
        config: EngineConfig,
    ) -> Result<Engine, Error> {
        let mut groups: Vec<Vec<Passage>> = Vec::new();
        for p in passages {
            match groups.last_mut() {
                Some(g) if g[0].lang == p.lang && g[0].article == p.article => g.push(p),
                _ => groups.push(vec![p]),
            }
        }
        let versions: Vec<ArticleVersion> = groups
            .iter()
            .map(|g| ArticleVersion {
                lang: g[0].lang,
                slug: g[0].article.clone(),
                version: fingerprint(g),
            })
            .collect();
        let mut by_key: FxHashMap<(Lang, String), Vec<Passage>> = groups
            .into_iter()
            .map(|g| ((g[0].lang, g[0].article.clone()), g))
            .collect();
        Self::on_disk_with(
            dir,
            &versions,
            &mut |lang, slug| Ok(by_key.remove(&(lang, slug.to_string())).unwrap_or_default()),
            synonyms,
            config,
            &mut |_, _| {},
        )
    }

    /// Opens the index kept in `dir` and brings it up to date with
    /// `articles`, or builds it there when it is missing, of an older
    /// format, or not as its record says it was left.
    ///
    /// Each article's version is the caller's name for what its passages
    /// are made from (a revision of its file, say): an article whose version
    /// is the one recorded is not looked at, so a restart reads no article
    /// that did not change. The others (changed, new) are indexed with the
    /// passages `passages(lang, slug)` gives, all of one article; the
    /// articles `articles` lacks are taken out ([`Engine::opening`] says how
    /// many of each). A build asks for every article's passages, one article
    /// at a time, and keeps none of them: memory holds one article, not the
    /// site. `progress` hears (articles indexed, articles to index).
    pub fn on_disk_with(
        dir: &Path,
        articles: &[ArticleVersion],
        passages: &mut PassagesOf<'_>,
        synonyms: &Synonyms,
        config: EngineConfig,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Engine, Error> {
        let io = |source| Error::Dir {
            path: dir.to_path_buf(),
            source,
        };
        if let Some(mut engine) = Self::restore(dir, synonyms, config) {
            if engine.catch_up(articles, passages, progress).is_ok() {
                return Ok(engine);
            }
        }
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(io)?;
        }
        std::fs::create_dir_all(dir).map_err(io)?;
        let ix = schema();
        let index = Index::create(
            directory::IndexDirectory::open(dir)?,
            ix.schema.clone(),
            tantivy::IndexSettings::default(),
        )?;
        let mut engine = Self::empty(index, ix, synonyms, config)?;
        let mut writer = index_writer(&engine.index)?;
        let mut versions = FxHashMap::default();
        for (i, a) in articles.iter().enumerate() {
            for p in passages(a.lang, &a.slug)? {
                engine.fill_passage(&mut writer, &p)?;
            }
            versions.insert((a.lang, a.slug.clone()), a.version.clone());
            progress(i + 1, articles.len());
        }
        engine.fill_finish(writer)?;
        engine.keep_on_disk(dir, versions)?;
        Ok(engine)
    }

    /// An engine over `index`, which holds no documents or the ones the
    /// caller is about to account for.
    fn empty(
        index: Index,
        ix: IndexSchema,
        synonyms: &Synonyms,
        config: EngineConfig,
    ) -> Result<Engine, Error> {
        register_tokenizers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let synonyms = Lang::ALL
            .iter()
            .map(|&l| (l, synonyms.analyzed(language(l))))
            .collect();
        Ok(Engine {
            index,
            reader,
            ix,
            slot_langs: Vec::new(),
            slot_keys: std::sync::RwLock::new(Vec::new()),
            loaded: Mutex::new(lru::LruCache::new(
                NonZeroUsize::new(LOADED_PASSAGES).expect("not zero"),
            )),
            stats: HashMap::new(),
            synonyms,
            config,
            terms: Terms::default(),
            semantic: None,
            articles: FxHashMap::default(),
            free: BTreeSet::new(),
            bm25: bm25::Bm25Stats::default(),
            recent: bm25::Recent::default(),
            disk: None,
            opening: IndexOpening::Built,
            diverged: false,
        })
    }

    /// Indexes `passages` into an engine that holds none yet, in one
    /// commit, each in the next slot, keeping only their counts.
    fn fill(&mut self, passages: impl Iterator<Item = Passage>) -> Result<(), Error> {
        let mut writer = index_writer(&self.index)?;
        for p in passages {
            self.fill_passage(&mut writer, &p)?;
        }
        self.fill_finish(writer)
    }

    /// Adds a passage to a build: a document in the next slot, and its
    /// counts; the passage is analyzed, counted and let go.
    fn fill_passage(
        &mut self,
        writer: &mut tantivy::IndexWriter<TantivyDocument>,
        p: &Passage,
    ) -> Result<(), Error> {
        let slot = self.slot_langs.len();
        let prep = prepare(p);
        self.occupy(slot, p, &prep, false);
        let analysis = analyzed::encode(&prep, &self.terms);
        writer.add_document(document(&self.ix, slot, p, analysis))?;
        Ok(())
    }

    /// Commits a build and sorts its vocabulary.
    fn fill_finish(
        &mut self,
        mut writer: tantivy::IndexWriter<TantivyDocument>,
    ) -> Result<(), Error> {
        writer.commit()?;
        let _ = writer.wait_merging_threads();
        self.reader.reload()?;
        for st in self.stats.values_mut() {
            st.build_vocab(&self.terms);
        }
        Ok(())
    }

    /// The passage in `slot` with its analysis: from the passages at hand,
    /// else read back from the index. `None` for a free slot.
    fn load(&self, slot: usize) -> Result<Option<Arc<Loaded>>, Error> {
        if slot >= self.slot_langs.len() || self.free.contains(&slot) {
            return Ok(None);
        }
        if let Some(l) = self.at_hand(slot) {
            return Ok(Some(l));
        }
        let searcher = self.reader.searcher();
        match self.address(&searcher, slot)? {
            Some(addr) => self.load_at(&searcher, addr, slot).map(Some),
            None => Ok(None),
        }
    }

    fn at_hand(&self, slot: usize) -> Option<Arc<Loaded>> {
        self.loaded
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&slot)
            .cloned()
    }

    /// Where the document of `slot` is in the index.
    fn address(&self, searcher: &Searcher, slot: usize) -> Result<Option<DocAddress>, Error> {
        let q = TermQuery::new(
            Term::from_field_u64(self.ix.pid, slot as u64),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
        Ok(top.first().map(|(_, addr)| *addr))
    }

    /// The passage of `slot`, whose document is at `addr`: from the
    /// passages at hand, else read back, analyzed and kept at hand.
    fn load_at(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        slot: usize,
    ) -> Result<Arc<Loaded>, Error> {
        if let Some(l) = self.at_hand(slot) {
            return Ok(l);
        }
        let l = Arc::new(self.read_back(searcher, addr)?);
        self.loaded
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .put(slot, l.clone());
        Ok(l)
    }

    /// Reads the passage at `addr` back from the index and analyzes it.
    fn read_back(&self, searcher: &Searcher, addr: DocAddress) -> Result<Loaded, Error> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let text = |f: Field| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let key = text(self.ix.article);
        let corrupt = || Error::Stored(key.clone());
        let (lang, article) = key.split_once('/').ok_or_else(corrupt)?;
        let lang: Lang = lang.parse().map_err(|_| corrupt())?;
        let f = &self.ix.fields[&lang];
        let headings = text(f.headings);
        let passage = Passage {
            lang,
            article: article.to_string(),
            anchor: text(self.ix.anchor),
            title: text(f.title),
            question: text(f.question),
            headings: if headings.is_empty() {
                Vec::new()
            } else {
                headings
                    .split(HEADINGS_SEPARATOR)
                    .map(String::from)
                    .collect()
            },
            kind: BlockKind::from_name(&text(self.ix.kind)).ok_or_else(corrupt)?,
            text: text(f.body),
        };
        let prep = doc
            .get_first(self.ix.analysis)
            .and_then(|v| v.as_bytes())
            .and_then(Analyzed::decode)
            .ok_or_else(corrupt)?;
        Ok(Loaded {
            key: crate::vectors::key(&passage.text),
            passage: Arc::new(passage),
            prep,
        })
    }

    /// The passage in `slot` ([`Hit::passage`], [`AnswerSentence::passage`]),
    /// read back from the index; `None` for a slot no passage holds (one
    /// an update freed) or a document that cannot be read.
    pub fn passage(&self, slot: usize) -> Option<Arc<Passage>> {
        self.load(slot).ok().flatten().map(|l| l.passage.clone())
    }

    /// How many passages the index holds.
    pub fn passage_count(&self) -> usize {
        self.slot_langs.len() - self.free.len()
    }

    /// How many things the engine holds in memory, by kind, for the log
    /// and for finding what grows with the site.
    pub fn sizes(&self) -> EngineSizes {
        let mut s = EngineSizes {
            terms: self.terms.len(),
            articles: self.articles.len(),
            slots: self.slot_langs.len(),
            ..EngineSizes::default()
        };
        for st in self.stats.values() {
            s.df += st.df.len();
            s.context_terms += st.context_terms.len();
            s.vocab += st.vocab.values().map(Vec::len).sum::<usize>();
        }
        s.bm25_df = self.bm25.df_entries();
        s
    }

    /// Every passage a search can return, with its slot, read back from the
    /// index: for evaluation and tests, not for serving (it reads them all).
    pub fn live_passages(&self) -> Result<Vec<(usize, Arc<Passage>)>, Error> {
        let searcher = self.reader.searcher();
        let mut out = Vec::with_capacity(self.passage_count());
        for slot in (0..self.slot_langs.len()).filter(|s| !self.free.contains(s)) {
            if let Some(addr) = self.address(&searcher, slot)? {
                out.push((slot, self.read_back(&searcher, addr)?.passage));
            }
        }
        Ok(out)
    }

    /// Adds semantic re-ranking with `encoder` for the languages it knows,
    /// with every passage (and sentence) encoded now, on this thread, each
    /// text once: for the command line and evaluation. `cache`, when
    /// given, is a file that keeps the vectors between runs; the records of
    /// texts these passages do not hold stay in it, so that one file serves
    /// a set's whole run and its off-corpus run (half its articles) without
    /// either encoding again what the other dropped. A server attaches its
    /// vectors with [`Engine::with_vectors`] instead, encodes them in the
    /// background and drops the stale ones once it has seen the whole site.
    pub fn with_encoder(
        self,
        encoder: Arc<dyn Encoder>,
        cache: Option<&Path>,
    ) -> Result<Engine, Error> {
        let vectors = Vectors::new(encoder, cache.map(Path::to_path_buf));
        let io = |source| Error::Dir {
            path: cache.map(Path::to_path_buf).unwrap_or_default(),
            source,
        };
        vectors.load().map_err(io)?;
        let engine = self.with_vectors(vectors.clone());
        // What a server's worker keeps when it drops stale records; here
        // nothing is dropped (above), so the set is not read.
        let mut wanted = std::collections::HashSet::new();
        let mut from = 0;
        while let Some(next) = engine.want_vectors(from, usize::MAX, &mut wanted)? {
            from = next;
        }
        vectors.encode_now()?;
        Ok(engine)
    }

    /// Adds semantic re-ranking with the model of `vectors`, using the
    /// vectors it holds now and as they come: a passage without one is
    /// ranked by its words. Nothing is encoded here; the passages added
    /// by [`Engine::update`] are queued ([`Vectors::want`]) for the
    /// worker, or encoded at once when `vectors` has none.
    pub fn with_vectors(mut self, vectors: Arc<Vectors>) -> Engine {
        let encoder = vectors.encoder().clone();
        self.semantic = Some(Semantic {
            tuning: self.config.tuning(encoder.tuning()),
            encoder,
            vectors,
        });
        self
    }

    /// Queues for encoding the texts of up to `count` live passages, from
    /// slot `from` on, and adds their keys to `live`; gives the slot to go
    /// on from, `None` after the last. A worker calls this a slice at a
    /// time, so that an edit waiting for the engine waits for one slice.
    pub fn want_vectors(
        &self,
        from: usize,
        count: usize,
        live: &mut std::collections::HashSet<Key>,
    ) -> Result<Option<usize>, Error> {
        let Some(sem) = &self.semantic else {
            return Ok(None);
        };
        let end = from.saturating_add(count).min(self.slot_langs.len());
        if from >= end {
            return Ok(None);
        }
        let with_sentences = sem.tuning.sentence_weight != 0.0;
        let searcher = self.reader.searcher();
        let mut loaded = Vec::new();
        let mut slots = Vec::new();
        for slot in (from..end).filter(|s| !self.free.contains(s)) {
            if !sem.encoder.languages().contains(&self.slot_langs[slot]) {
                continue;
            }
            if let Some(addr) = self.address(&searcher, slot)? {
                loaded.push(self.read_back(&searcher, addr)?);
                slots.push(slot);
            }
        }
        {
            let mut keys = self.slot_keys.write().unwrap_or_else(|p| p.into_inner());
            if keys.len() < end {
                keys.resize(end, None);
            }
            for (&slot, l) in slots.iter().zip(&loaded) {
                keys[slot] = Some(l.key);
            }
        }
        let texts: Vec<&str> = loaded
            .iter()
            .flat_map(|l| {
                texts_to_encode(
                    sem.encoder.as_ref(),
                    with_sentences,
                    &l.passage,
                    l.prep.sentences.iter().map(|s| s.range.clone()),
                )
            })
            .collect();
        live.extend(texts.iter().map(|t| key(t)));
        sem.vectors.want(texts);
        Ok(Some(end))
    }

    /// The model's vectors, when the engine has a model.
    pub fn vectors(&self) -> Option<&Arc<Vectors>> {
        self.semantic.as_ref().map(|s| &s.vectors)
    }

    /// What a question asks, as a key that the same question shares however
    /// it is spelled or worded: its analyzed terms (folded letters, stems,
    /// no stop words), each phrase of an editors' synonym group replaced by
    /// the group's name, sorted and without repeats. "What is the capital of
    /// France?" and "france's capital?" share one; so do a Dari question
    /// typed with Arabic-keyboard letters and with Persian ones, and, through
    /// a synonym group that holds both, questions in two languages. Editors
    /// see the questions readers could not get answered grouped by it.
    pub fn question_key(&self, question: &str, lang: Lang) -> String {
        let mut terms: Vec<String> = askaf_text::analyze(question, language(lang))
            .into_iter()
            .map(|t| t.term)
            .collect();
        let mut key: Vec<String> = Vec::new();
        for group in self.synonyms.get(&lang).map(Vec::as_slice).unwrap_or(&[]) {
            for phrase in &group.phrases {
                if phrase.iter().all(|t| terms.contains(t)) {
                    terms.retain(|t| !phrase.contains(t));
                    key.push(format!("~{}", group.name));
                    break;
                }
            }
        }
        key.extend(terms);
        key.sort_unstable();
        key.dedup();
        key.join(" ")
    }

    /// Whether a sentence encoder re-ranks some questions (which then cost milliseconds).
    pub fn has_encoder(&self) -> bool {
        self.semantic.is_some()
    }

    /// How many lexical candidates of a question in `lang` the model re-ranks (0: none).
    fn semantic_candidates(&self, lang: Lang) -> usize {
        match &self.semantic {
            Some(sem) if sem.encoder.languages().contains(&lang) => sem.tuning.candidates,
            _ => 0,
        }
    }

    /// The question's vector, encoded the first time a language's ranking
    /// needs it and kept in `cell` for the others.
    fn question_vector<'c>(
        sem: &Semantic,
        question: &str,
        cell: &'c OnceCell<Vec<f32>>,
    ) -> Result<&'c [f32], Error> {
        if let Some(v) = cell.get() {
            return Ok(v);
        }
        let v = sem
            .encoder
            .encode(&[question], Role::Query)?
            .pop()
            .ok_or_else(|| crate::EncodeError("no vector for the question".into()))?;
        Ok(cell.get_or_init(|| v))
    }

    /// The question's similarity (`q`) to every live passage that `wanted`
    /// takes and that has a vector, by slot: linear in those passages.
    fn similarities_of(
        &self,
        sem: &Semantic,
        q: &[f32],
        wanted: impl Fn(usize) -> bool,
    ) -> Vec<(usize, f32)> {
        let (slots, keys): (Vec<usize>, Vec<Key>) = {
            let keys = self.slot_keys.read().unwrap_or_else(|p| p.into_inner());
            keys.iter()
                .enumerate()
                .filter_map(|(slot, k)| Some((slot, (*k)?)))
                .filter(|(slot, _)| !self.free.contains(slot) && wanted(*slot))
                .unzip()
        };
        if keys.is_empty() {
            return Vec::new();
        }
        sem.vectors.with(&keys, |found| {
            found
                .iter()
                .zip(&slots)
                .filter_map(|(v, &slot)| Some((slot, dot16(q, (*v)?))))
                .collect()
        })
    }

    /// Adds to `hits` the `count` passages of `lang` closest in meaning to
    /// the question that its words did not find (a paraphrase, a synonym
    /// the editors have not listed), each standing with the lowest lexical
    /// score among the candidates: the blend then weighs them by meaning.
    /// Every passage of the language with a vector is compared, as
    /// [`Self::answer_across`] compares the other languages'.
    fn add_by_meaning(
        &self,
        sem: &Semantic,
        q: &[f32],
        lang: Lang,
        count: usize,
        hits: &mut Vec<Hit>,
    ) {
        let mut near = self.similarities_of(sem, q, |slot| {
            self.slot_langs.get(slot).is_some_and(|l| *l == lang)
                && !hits.iter().any(|h| h.passage == slot)
        });
        let closer = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if near.len() > count {
            near.select_nth_unstable_by(count, closer);
            near.truncate(count);
        }
        near.sort_by(closer);
        let floor = hits.iter().map(|h| h.score).fold(f32::INFINITY, f32::min);
        let floor = if floor.is_finite() { floor } else { 0.0 };
        hits.extend(near.into_iter().map(|(passage, _)| Hit {
            passage,
            score: floor,
            similarity: None,
        }));
    }

    /// Re-ranks `hits` by meaning as well as words, when a model knows the
    /// language, as its [`Tuning`] says: a symmetric model only when the
    /// lexical ranking is close at the top, a retrieval model always.
    fn rerank_semantic(
        &self,
        concepts: &[Concept],
        question: &str,
        lang: Lang,
        hits: &mut Vec<Hit>,
        question_vector: &OnceCell<Vec<f32>>,
    ) -> Result<(), Error> {
        let Some(sem) = &self.semantic else {
            return Ok(());
        };
        if hits.is_empty() || !sem.encoder.languages().contains(&lang) {
            return Ok(());
        }
        let t = &sem.tuning;
        let top = hits[0].score.max(f32::EPSILON);
        let asked = t.gate == f32::INFINITY
            || (hits.len() >= 2 && (hits[0].score - hits[1].score) / top < t.gate);
        if !asked {
            return Ok(());
        }
        // Those added stand below the first, so `top` stays the best.
        if t.added > 0 {
            let q = Self::question_vector(sem, question, question_vector)?;
            self.add_by_meaning(sem, q, lang, t.added, hits);
        }
        // The candidates' texts: the passage, and its sentences when
        // weighed; and how many of the question's neighbouring words each
        // holds side by side, while it is at hand.
        let with_sentences = t.sentence_weight != 0.0;
        let pairs = if t.phrase_weight > 0.0 {
            self.question_pairs(concepts, question, lang)
        } else {
            Vec::new()
        };
        let mut keys: Vec<Key> = Vec::new();
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(hits.len());
        let mut phrases: Vec<f32> = Vec::with_capacity(hits.len());
        for h in hits.iter() {
            let start = keys.len();
            let mut phrase = 0.0;
            if let Some(l) = self.load(h.passage)? {
                if !pairs.is_empty() {
                    phrase = Self::phrase_share(&pairs, &l.prep.tokens);
                }
                keys.push(l.key);
                if with_sentences {
                    keys.extend(
                        l.prep
                            .sentences
                            .iter()
                            .map(|s| key(&l.passage.text[s.range.clone()])),
                    );
                }
            }
            spans.push((start, keys.len()));
            phrases.push(phrase);
        }
        // Until the worker has encoded them all, a candidate without a
        // vector is ranked by its words: no vector at all leaves the
        // lexical order as it is.
        let present = sem.vectors.with(&keys, |found| {
            spans
                .iter()
                .filter(|(a, b)| b > a && found[*a].is_some())
                .count()
        });
        if present == 0 {
            return Ok(());
        }
        let q = Self::question_vector(sem, question, question_vector)?;
        let similarities: Vec<(Option<f32>, f32)> = sem.vectors.with(&keys, |found| {
            spans
                .iter()
                .map(|&(a, b)| {
                    if a == b {
                        return (None, 0.0);
                    }
                    let passage = found[a].map(|v| dot16(q, v));
                    let sentence = found[a + 1..b]
                        .iter()
                        .flatten()
                        .map(|v| dot16(q, v))
                        .fold(0.0, f32::max);
                    (passage, sentence)
                })
                .collect()
        });
        // A candidate not encoded yet stands as the least similar of those
        // that are: not raised above any the model vouches for, nor sunk
        // below them all by its words' share alone.
        let floor = similarities
            .iter()
            .filter_map(|(p, _)| *p)
            .fold(f32::INFINITY, f32::min);
        let complete = present == hits.len();
        for ((h, (passage, sentence)), phrase) in hits.iter_mut().zip(similarities).zip(phrases) {
            // The cutoff by meaning holds only when every candidate was compared.
            h.similarity = passage.filter(|_| complete);
            h.score = t.lexical_weight * h.score / top
                + t.passage_weight * passage.unwrap_or(floor)
                + t.sentence_weight * sentence
                + t.phrase_weight * phrase;
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.passage.cmp(&b.passage)));
        Ok(())
    }

    /// Takes the editors' synonyms anew (their file changed): they are read
    /// when a question is, so no passage needs indexing again.
    pub fn set_synonyms(&mut self, synonyms: &Synonyms) {
        self.synonyms = Lang::ALL
            .iter()
            .map(|&l| (l, synonyms.analyzed(language(l))))
            .collect();
    }

    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// The tantivy index, for inspection in tests and tools.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The statistics of `lang`, if any passage is in it.
    fn stats_of(&self, lang: Lang) -> Option<Stats<'_>> {
        self.stats.get(&lang).map(|st| Stats {
            st,
            terms: &self.terms,
        })
    }

    /// Turns a question into weighted concepts in one language.
    fn concepts(&self, question: &str, lang: Lang) -> Vec<Concept> {
        let Some(stats) = self.stats_of(lang) else {
            return Vec::new();
        };
        let (terms, compounds) = question_terms(question, lang, stats);
        let mut concepts = Vec::new();
        let mut used: FxHashSet<String> = FxHashSet::default();
        for group in self.synonyms.get(&lang).map(Vec::as_slice).unwrap_or(&[]) {
            let group = &group.phrases;
            for phrase in group {
                if phrase
                    .iter()
                    .all(|t| terms.contains(t) && !used.contains(t))
                {
                    used.extend(phrase.iter().cloned());
                    let weight = group
                        .iter()
                        .map(|alt| alt.iter().map(|t| stats.idf(t)).fold(0.0, f32::max))
                        .fold(0.0, f32::max);
                    concepts.push(Concept {
                        alts: group.clone(),
                        weight,
                        ids: Vec::new(),
                    });
                    break;
                }
            }
        }
        for t in &terms {
            if used.contains(t) {
                continue;
            }
            let compound = compounds.get(t);
            if stats.has(t) {
                // `قطب` of `قطب نما`: a passage that writes the compound has it
                // too. Weighed as the reader's word alone, as the compound is
                // another spelling of it, not more of the question.
                let mut alts = vec![vec![t.clone()]];
                alts.extend(compound.map(|c| vec![c.clone()]));
                concepts.push(Concept {
                    weight: stats.idf(t),
                    alts,
                    ids: Vec::new(),
                });
                continue;
            }
            // `المللی` of `بین المللی`, a word the articles only use in the
            // compound: the compound stands for it, once for both its words.
            if let Some(c) = compound {
                let alts = vec![vec![c.clone()]];
                if !concepts.iter().any(|k| k.alts == alts) {
                    concepts.push(Concept {
                        weight: stats.idf(c),
                        alts,
                        ids: Vec::new(),
                    });
                }
                continue;
            }
            // A word written the way it is spoken, with the copula or another
            // enclitic joined on (`ایرانه`): the word under it, if the articles
            // use that. Never for a word they know: `دره` is not `در` + `ه`.
            let host = askaf_text::enclitic_hosts(t, language(lang))
                .into_iter()
                .find(|h| stats.has(h));
            if let Some(host) = host {
                if !terms.contains(&host) {
                    concepts.push(Concept {
                        weight: stats.idf(&host),
                        alts: vec![vec![host]],
                        ids: Vec::new(),
                    });
                }
                continue;
            }
            let t = t.clone();
            // A word the articles never use: perhaps a misspelt name.
            let len = t.chars().count();
            if len >= 5 {
                let max = if len >= 8 { 2 } else { 1 };
                let chars: Vec<char> = t.chars().collect();
                let mut sorted = chars.clone();
                sorted.sort_unstable();
                let sig = char_signature(&chars);
                let mut near: Vec<(&str, u32)> = (len - max..=len + max)
                    .filter_map(|n| stats.st.vocab.get(&n))
                    .flatten()
                    .filter(|w| {
                        // An edit changes at most one character each way.
                        if (sig & !w.sig).count_ones() as usize > max
                            || (w.sig & !sig).count_ones() as usize > max
                        {
                            return false;
                        }
                        let word: Vec<char> = self.terms.text(w.id).chars().collect();
                        let mut word_sorted = word.clone();
                        word_sorted.sort_unstable();
                        missing_chars(&sorted, &word_sorted) <= max
                            && edit_distance_at_most(&chars, &word, max)
                    })
                    .map(|w| (self.terms.text(w.id), stats.st.df.get(w.id)))
                    .collect();
                near.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                if !near.is_empty() {
                    let alts: Vec<Vec<String>> = near
                        .iter()
                        .take(3)
                        .map(|(v, _)| vec![v.to_string()])
                        .collect();
                    let weight = alts.iter().map(|a| stats.idf(&a[0])).fold(0.0, f32::max);
                    concepts.push(Concept {
                        alts,
                        weight,
                        ids: Vec::new(),
                    });
                    continue;
                }
            }
            // Unknown everywhere: it still counts against coverage, so a
            // question about something the articles never mention abstains.
            concepts.push(Concept {
                weight: stats.idf(&t),
                alts: vec![vec![t]],
                ids: Vec::new(),
            });
        }
        for c in &mut concepts {
            c.ids = c
                .alts
                .iter()
                .map(|alt| {
                    alt.iter()
                        .map(|t| self.terms.get(t).unwrap_or(NO_TERM))
                        .collect()
                })
                .collect();
        }
        concepts
    }

    fn query(&self, concepts: &[Concept], lang: Lang) -> Option<BooleanQuery> {
        let f = self.ix.fields.get(&lang)?;
        let stats = self.stats_of(lang)?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for c in concepts {
            for alt in &c.alts {
                // Terms no passage has cannot match; skipping them (and the
                // context fields for terms no title, question or heading has)
                // saves tantivy building weights for empty posting lists.
                for term in alt.iter().filter(|t| stats.has(t)) {
                    let in_context = stats.in_context(term);
                    let fields = [
                        (f.body, 1.0),
                        (f.title, self.config.boost_title),
                        (f.question, self.config.boost_question),
                        (f.headings, self.config.boost_headings),
                    ];
                    for (field, boost) in fields.into_iter().take(if in_context { 4 } else { 1 }) {
                        let q = TermQuery::new(
                            Term::from_field_text(field, term),
                            IndexRecordOption::WithFreqs,
                        );
                        clauses
                            .push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
                    }
                }
            }
        }
        if clauses.is_empty() {
            None
        } else {
            Some(BooleanQuery::new(clauses))
        }
    }

    /// [`Self::coverage`] over term ids: the form the per-question loops use.
    fn covers(concepts: &[Concept], has: impl Fn(u32) -> bool) -> f32 {
        let total: f32 = concepts.iter().map(|c| c.weight).sum();
        if total <= 0.0 {
            return 0.0;
        }
        let got: f32 = concepts
            .iter()
            .filter(|c| c.ids.iter().any(|alt| alt.iter().all(|&t| has(t))))
            .map(|c| c.weight)
            .sum();
        got / total
    }

    /// Share of the concepts' weight a set of terms satisfies.
    fn coverage(concepts: &[Concept], has: impl Fn(&str) -> bool) -> f32 {
        let total: f32 = concepts.iter().map(|c| c.weight).sum();
        if total <= 0.0 {
            return 0.0;
        }
        let got: f32 = concepts
            .iter()
            .filter(|c| c.alts.iter().any(|alt| alt.iter().all(|t| has(t))))
            .map(|c| c.weight)
            .sum();
        got / total
    }

    /// Which concepts each term can start, for [`Self::proximity`]: built once a question.
    fn first_terms(concepts: &[Concept]) -> FxHashMap<u32, Vec<usize>> {
        let mut first_terms: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for (ci, c) in concepts.iter().enumerate() {
            for alt in &c.ids {
                // A term no passage has starts nothing.
                if let Some(&f) = alt.first().filter(|&&f| f != NO_TERM) {
                    first_terms.entry(f).or_default().push(ci);
                }
            }
        }
        first_terms
    }

    /// The question's neighbouring words, as pairs of term ids with the
    /// number of positions between them (a stop word keeps its position:
    /// "capital of Afghanistan" is `capital`, 2, `afghanistan`), each
    /// weighed by the lighter of its two words' concepts. A word that is
    /// no concept of its own (a compound's part) makes no pair.
    fn question_pairs(&self, concepts: &[Concept], question: &str, lang: Lang) -> Vec<Pair> {
        let weight_of = |term: &str| {
            concepts
                .iter()
                .find(|c| c.alts.iter().any(|alt| alt.len() == 1 && alt[0] == term))
                .map(|c| c.weight)
        };
        let id = |t: &str| self.terms.get(t).unwrap_or(NO_TERM);
        let words = analyze(question, language(lang));
        words
            .windows(2)
            .filter_map(|w| {
                let weight = weight_of(&w[0].term)?.min(weight_of(&w[1].term)?);
                Some(Pair {
                    first: id(&w[0].term),
                    second: id(&w[1].term),
                    gap: (w[1].position - w[0].position) as u32,
                    weight,
                })
            })
            .collect()
    }

    /// The share of the pairs' weight that a passage holds as the question
    /// has them: the same two words, as far apart.
    fn phrase_share(pairs: &[Pair], tokens: &[analyzed::Tok]) -> f32 {
        let total: f32 = pairs.iter().map(|p| p.weight).sum();
        if total <= 0.0 {
            return 0.0;
        }
        let found: f32 = pairs
            .iter()
            .filter(|p| {
                p.first != NO_TERM
                    && tokens.windows(2).any(|w| {
                        w[0].id == p.first && w[1].id == p.second && w[1].pos - w[0].pos == p.gap
                    })
            })
            .map(|p| p.weight)
            .sum();
        found / total
    }

    /// 1 when every matched concept stands in one short window, falling towards 0 as they spread.
    fn proximity(
        first_terms: &FxHashMap<u32, Vec<usize>>,
        concept_count: usize,
        tokens: &[analyzed::Tok],
    ) -> f32 {
        let mut hits: Vec<(usize, usize)> = Vec::new();
        for t in tokens {
            if let Some(cis) = first_terms.get(&t.id) {
                hits.extend(cis.iter().map(|&ci| (t.pos as usize, ci)));
            }
        }
        let mut counts = vec![0usize; concept_count];
        for h in &hits {
            counts[h.1] = 1;
        }
        let k = counts.iter().sum::<usize>();
        if k < 2 {
            return 0.0;
        }
        counts.fill(0);
        hits.sort_unstable();
        let mut best = usize::MAX;
        let mut covered = 0;
        let mut left = 0;
        for right in 0..hits.len() {
            let c = &mut counts[hits[right].1];
            *c += 1;
            if *c == 1 {
                covered += 1;
            }
            while covered == k {
                best = best.min(hits[right].0 - hits[left].0 + 1);
                let lc = &mut counts[hits[left].1];
                *lc -= 1;
                if *lc == 0 {
                    covered -= 1;
                }
                left += 1;
            }
        }
        if best == usize::MAX {
            0.0
        } else {
            (k as f32) / (best as f32)
        }
    }

    fn search_lang(
        &self,
        concepts: &[Concept],
        question: &str,
        lang: Lang,
        limit: usize,
        question_vector: &OnceCell<Vec<f32>>,
    ) -> Result<Vec<Hit>, Error> {
        let Some(query) = self.query(concepts, lang) else {
            return Ok(Vec::new());
        };
        // The model re-ranks its candidates before they are cut to `limit`.
        let wanted = limit.max(self.semantic_candidates(lang));
        let searcher = self.reader.searcher();
        // BM25 from the engine's own counts, which leave out the documents of
        // removed passages that tantivy counts until a merge drops them.
        let top = searcher.search_with_statistics_provider(
            &query,
            &TopDocs::with_limit(wanted.max(1) * 3).order_by_score(),
            &bm25::Statistics {
                stats: &self.bm25,
                terms: &self.terms,
            },
        )?;
        let best = top
            .first()
            .map(|(s, _)| *s)
            .unwrap_or(1.0)
            .max(f32::EPSILON);
        let mut hits = Vec::with_capacity(top.len());
        let first_terms = Self::first_terms(concepts);
        // Opening a fast-field column costs more than reading it: once per segment.
        let mut columns: Vec<(u32, tantivy::columnar::Column<u64>)> = Vec::new();
        for (score, addr) in top {
            let ids = match columns.iter().find(|(seg, _)| *seg == addr.segment_ord) {
                Some((_, c)) => c,
                None => {
                    let c = searcher
                        .segment_reader(addr.segment_ord)
                        .fast_fields()
                        .u64("pid")?;
                    columns.push((addr.segment_ord, c));
                    &columns[columns.len() - 1].1
                }
            };
            let Some(i) = ids.first(addr.doc_id) else {
                continue;
            };
            let i = i as usize;
            if self.free.contains(&i) {
                continue;
            }
            let loaded = self.load_at(&searcher, addr, i)?;
            let prep = &loaded.prep;
            let coverage = Self::covers(concepts, |t| in_ids(&prep.all_ids, t));
            let proximity = Self::proximity(&first_terms, concepts.len(), &prep.tokens);
            // A question usually paraphrases one sentence: how much of it the
            // passage's best sentence holds tells passages apart that share its words.
            let best_sentence = if self.config.sentence_weight > 0.0 {
                prep.sentences
                    .iter()
                    .map(|s| Self::covers(concepts, |t| in_ids(&s.ids, t)))
                    .fold(0.0, f32::max)
            } else {
                0.0
            };
            let rescored = score / best
                + self.config.coverage_weight * coverage
                + self.config.proximity_weight * proximity
                + self.config.sentence_weight * best_sentence;
            hits.push(Hit {
                passage: i,
                score: rescored,
                similarity: None,
            });
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.passage.cmp(&b.passage)));
        hits.truncate(wanted);
        self.rerank_semantic(concepts, question, lang, &mut hits, question_vector)?;
        hits.truncate(limit);
        Ok(hits)
    }

    fn search_concepts(
        &self,
        concepts: &[Concept],
        question: &str,
        lang: Lang,
        limit: usize,
        question_vector: &OnceCell<Vec<f32>>,
    ) -> Result<Vec<Hit>, Error> {
        let mut hits = self.search_lang(concepts, question, lang, limit, question_vector)?;
        for other in Lang::ALL
            .into_iter()
            .filter(|l| *l != lang && self.stats.contains_key(l))
        {
            if hits.len() >= limit {
                break;
            }
            let more = self.search_lang(
                &self.concepts(question, other),
                question,
                other,
                limit - hits.len(),
                question_vector,
            )?;
            hits.extend(more);
        }
        Ok(hits)
    }

    /// Ranked passages for a question: the reader's language first, then the others.
    pub fn search(&self, question: &str, lang: Lang, limit: usize) -> Result<Vec<Hit>, Error> {
        self.search_concepts(
            &self.concepts(question, lang),
            question,
            lang,
            limit,
            &OnceCell::new(),
        )
    }

    /// Answers a question with sentences quoted from the best passages, or abstains.
    ///
    /// Confidence combines two coverages of the question's weight: by the
    /// whole passage (with its title and headings), since a question whose
    /// rare words the passage never uses is rarely answered by it; and by the
    /// chosen sentence. A question that asks for a number prefers sentences
    /// that hold one, one that asks for an ordinal ("چندمین") sentences that
    /// hold an ordinal, and every question sentences that open with its words.
    /// Those preferences choose the sentence but not the confidence, which is
    /// the coverage of the sentence the question's words alone would choose.
    pub fn answer(&self, question: &str, lang: Lang, limit: usize) -> Result<Answer, Error> {
        let concepts = self.concepts(question, lang);
        let question_vector = OnceCell::new();
        let mut hits = self.search_concepts(
            &concepts,
            question,
            lang,
            limit.max(self.config.answer_passages),
            &question_vector,
        )?;
        let top_score = hits
            .first()
            .map(|h| h.score)
            .unwrap_or(0.0)
            .max(f32::EPSILON);
        // How much each passage is preferred, from 0 to 1, when choosing the sentence.
        let ranked_by_meaning = hits.first().is_some_and(|h| h.similarity.is_some());
        let prior_scale = self
            .semantic
            .as_ref()
            .and_then(|sem| sem.tuning.prior_scale);
        let prior = |score: f32| match prior_scale {
            Some(scale) if ranked_by_meaning => (1.0 - scale * (top_score - score)).max(0.0),
            _ => score / top_score,
        };
        let normalized = askaf_text::normalize(question, language(lang));
        let wants_number = asks_for_number(&normalized, lang);
        let wants_ordinal = asks_for_ordinal(&normalized, lang);
        let asked_kind = kind_asked(question, lang).and_then(|kind| {
            concepts
                .iter()
                .position(|c| c.alts.iter().any(|alt| alt.len() == 1 && alt[0] == kind))
        });
        let question_negated = has_negation(question);

        struct Best {
            score: f32,
            loaded: Arc<Loaded>,
            hit: usize,
            sentence: usize,
            sentence_cov: f32,
            sentence_only: f32,
            passage_cov: f32,
        }
        let mut best: Option<Best> = None;
        // Confidence stays what the question's coverage alone would choose:
        // the cues below pick among sentences, not whether to answer at all.
        struct ByCoverage {
            score: f32,
            /// The sentence's coverage with its passage's title and headings.
            coverage: f32,
            /// The weight of the heaviest question word it lacks.
            heaviest_missing: f32,
            /// How many question words it lacks.
            lacking: u32,
        }
        let mut by_coverage: Option<ByCoverage> = None;
        for (hi, hit) in hits.iter().enumerate().take(self.config.answer_passages) {
            if self.slot_langs[hit.passage] != lang {
                break;
            }
            let Some(loaded) = self.load(hit.passage)? else {
                continue;
            };
            let prep = &loaded.prep;
            let passage_cov = Self::covers(&concepts, |t| in_ids(&prep.all_ids, t));
            // An article's short answer is written to answer its question:
            // the closer the reader's question is to it, the more it is preferred.
            let summary_bonus = if loaded.passage.anchor == crate::SUMMARY_ANCHOR {
                0.3 * Self::covers(&concepts, |t| in_ids(&prep.question_ids, t))
            } else {
                0.0
            };
            // The question's words that name the passage's topic weigh less
            // in choosing among its sentences.
            let topical: Vec<bool> = concepts
                .iter()
                .map(|c| {
                    c.ids
                        .iter()
                        .any(|alt| alt.iter().all(|&t| in_ids(&prep.context_ids, t)))
                })
                .collect();
            let weight_of = |c: &Concept, topic: bool| {
                if topic {
                    c.weight * self.config.topic_weight
                } else {
                    c.weight
                }
            };
            let total: f32 = concepts.iter().map(|c| c.weight).sum();
            let focus_total: f32 = concepts
                .iter()
                .zip(&topical)
                .map(|(c, &tp)| weight_of(c, tp))
                .sum();
            for (si, s) in prep.sentences.iter().enumerate() {
                // One pass gives the sentence's plain and topic-discounted coverage.
                let (mut got, mut got_focused) = (0.0, 0.0);
                for (c, &tp) in concepts.iter().zip(&topical) {
                    if c.ids
                        .iter()
                        .any(|alt| alt.iter().all(|&t| in_ids(&s.ids, t)))
                    {
                        got += c.weight;
                        got_focused += weight_of(c, tp);
                    }
                }
                let cov = if total > 0.0 { got / total } else { 0.0 };
                let focused = if focus_total > 0.0 {
                    got_focused / focus_total
                } else {
                    cov
                };
                let with_context = Self::covers(&concepts, |t| {
                    in_ids(&s.ids, t) || in_ids(&prep.context_ids, t)
                });
                let mut score =
                    focused + 0.25 * with_context + 0.2 * prior(hit.score) + summary_bonus;
                if wants_number && s.has_number {
                    score += self.config.number_bonus;
                }
                if by_coverage.as_ref().is_none_or(|b| score > b.score) {
                    let lacked = concepts.iter().filter(|c| {
                        !c.ids.iter().any(|alt| {
                            alt.iter()
                                .all(|&t| in_ids(&s.ids, t) || in_ids(&prep.context_ids, t))
                        })
                    });
                    by_coverage = Some(ByCoverage {
                        score,
                        coverage: with_context,
                        heaviest_missing: lacked.clone().map(|c| c.weight).fold(0.0, f32::max),
                        lacking: lacked.count() as u32,
                    });
                }
                // A sentence is usually about what it opens with: the one whose
                // first words are the question's ("X چیست" answered by "X is …",
                // "who founded X" by "X was founded by …") is preferred to one
                // that names the same things in passing.
                score += self.config.opening_weight
                    * Self::opening_coverage(&concepts, &prep.tokens[s.tokens.clone()]);
                if wants_ordinal && s.has_ordinal {
                    score += self.config.ordinal_bonus;
                }
                // "How many provinces" is answered by "34 provinces"; "چندمین"
                // asks which one in order, not how many.
                if wants_number
                    && !wants_ordinal
                    && concepts.iter().any(|c| {
                        c.ids
                            .iter()
                            .any(|alt| alt.iter().any(|&t| in_ids(&s.counted_ids, t)))
                    })
                {
                    score += self.config.count_bonus;
                }
                if best.as_ref().is_none_or(|b| score > b.score) {
                    best = Some(Best {
                        score,
                        loaded: loaded.clone(),
                        hit: hi,
                        sentence: si,
                        sentence_cov: with_context,
                        sentence_only: cov,
                        passage_cov,
                    });
                }
            }
        }
        let mut answer = Answer {
            abstained: true,
            confidence: 0.0,
            sentences: Vec::new(),
            hits: Vec::new(),
            candidate: None,
            signals: Signals::default(),
            from_lang: None,
            decision: Decision::NoWords,
        };
        // Answered in the reader's language with a model, but weakly: by a
        // sentence that lacks the question's heaviest word (where it stands
        // by the rule of meaning), or from a passage far in meaning (its
        // similarity). A passage of another language must stand closer.
        let mut weak: Option<f32> = None;
        if let Some(b) = best {
            let passage = hits[b.hit].passage;
            let loaded = &b.loaded;
            let s = &loaded.prep.sentences[b.sentence];
            let stats = self.stats_of(lang);
            answer.signals = Signals {
                passage_coverage: b.passage_cov,
                sentence_coverage: b.sentence_cov,
                sentence_only: b.sentence_only,
                unknown: Self::coverage(&concepts, |t| stats.is_none_or(|st| !st.has(t))),
                question_negated,
                sentence_negated: s.negated,
                wants_number,
                sentence_has_number: s.has_number,
                words: concepts.len() as u32,
                words_missing: by_coverage.as_ref().map_or(0, |by| by.lacking),
                missing: by_coverage.as_ref().map_or(0.0, |by| {
                    let total: f32 = concepts.iter().map(|c| c.weight).sum();
                    if total > 0.0 {
                        by.heaviest_missing / total
                    } else {
                        0.0
                    }
                }),

                similarity: self.best_similarity(&hits, lang),
                answer_similarity: hits[b.hit].similarity,
            };
            // Measured on the public sets, passage coverage and negation cues
            // did not separate answerable from unanswerable questions better
            // than the sentence's own coverage; they stay in `signals`.
            let confidence = by_coverage.map_or(b.sentence_cov, |c| c.coverage);
            answer.confidence = confidence.clamp(0.0, 1.0);
            let sentence = Self::sentence(passage, loaded, b.sentence, &concepts);
            // Words, then meaning: with a model calibrated for it, a question
            // whose closeness to every passage found in its language, with
            // what its words say, stands below the cutoff has no answer on
            // the site. Fitted with `askaf eval --offcorpus --details` on the
            // three public sets (README): the similarity alone turned away
            // answerable questions that the words vouched for (Persian
            // accuracy below the lexical figure), and let through questions
            // whose answer lacks their main word.
            // The similarity the rule weighs, its cutoff, and the model's tuning.
            let weighed = match (answer.signals.similarity, &self.semantic) {
                (Some(similarity), Some(sem)) => sem.tuning.abstain_below.map(|cut| {
                    match (
                        sem.tuning.quoted_abstain_below[lang.index()],
                        answer.signals.answer_similarity,
                    ) {
                        (Some(quoted_cut), Some(quoted)) => (quoted, quoted_cut, &sem.tuning),
                        _ => (similarity, cut, &sem.tuning),
                    }
                }),
                _ => None,
            };
            // Where the question stands by the rule of meaning, and its cutoff.
            let standing = weighed.map(|(similarity, cut, t)| {
                let standing = similarity + t.abstain_confidence * answer.confidence
                    - t.abstain_missing * answer.signals.missing;
                (standing, cut)
            });
            let meaning = standing.map(|(standing, cut)| standing >= cut);
            let words_cutoff = match meaning {
                Some(_) => self.config.abstain_below_with_meaning[lang.index()],
                None => self.config.lexical_cutoff(lang),
            };
            // A short question whose answer lacks one of its words: the
            // words alone turn it away; with a model, the similarity alone
            // must reach the cutoff, as the coverage that would add to it is
            // only the words the answer holds ("Who is the president of
            // Iran?" stood at 0.81 from "Ashraf Ghani became president in
            // 2014.", its coverage lifting it over).
            let short_and_lacking = answer.signals.words <= self.config.abstain_short[lang.index()]
                && answer.signals.words_missing > 0
                && weighed.is_none_or(|(similarity, cut, _)| similarity < cut);
            // The heaviest word the answer lacks is weighed by the rule of
            // meaning when there is one (`Tuning::abstain_missing`), so it
            // does not turn the question away a second time by itself: it
            // had turned away "آزمایش ژنتیک چیست؟" (what is a genetic test?),
            // whose passage stood at 0.93, and changed no off-corpus question
            // in the public sets (README, issue 11).
            let lacks_main_word_at_all = answer.signals.missing >= self.config.abstain_missing;
            let lacks_main_word = meaning.is_none() && lacks_main_word_at_all;
            // The words' rules first, then the meaning's: the first that
            // turns the question away names the decision.
            answer.decision = if answer.confidence < words_cutoff {
                Decision::TooLittleCovered
            } else if lacks_main_word {
                Decision::LacksMainWord
            } else if short_and_lacking {
                Decision::ShortAndLacking
            } else if meaning == Some(false) {
                Decision::FarInMeaning
            } else {
                Decision::Answered
            };
            if answer.decision == Decision::Answered {
                answer.abstained = false;
                // With a model, an answer that lacks the question's main
                // word is a weak one (below); where it stands is what a
                // passage in another language must beat.
                if lacks_main_word_at_all {
                    weak = standing.map(|(standing, _)| standing);
                } else if let (Some(quoted), Some((_, cut, _))) =
                    (answer.signals.answer_similarity, weighed)
                {
                    // So is one quoted from a passage that stands below the
                    // cutoff by itself, where another passage of the
                    // reader's language carried the rule: "افغانستان څو
                    // ولایتونه لري؟" (how many provinces?) was answered from
                    // a Pashto list of languages "of the northern
                    // provinces" (0.81), while the Dari and English
                    // articles on the provinces say 34.
                    if quoted < cut {
                        weak = Some(quoted);
                    }
                }
                // Up to one neighbour on each side joins the answer when it
                // carries at least half as much of the question: the sentence
                // that names the thing often stands just before the one that
                // matched best. Sentences stay in the passage's order.
                let sents = &loaded.prep.sentences;
                let cover = |i: usize| Self::covers(&concepts, |t| in_ids(&sents[i].ids, t));
                let floor = 0.5 * b.sentence_only;
                // "Which province was hit hardest?": a neighbour that names
                // the kind asked for joins a sentence that does not, however
                // little else of the question it holds ("The heaviest
                // destruction was in neighbouring Kunar province." stood
                // before "Districts such as Nurgal … were among the hardest
                // hit.").
                let names_kind = |i: usize| {
                    asked_kind.is_some_and(|k| {
                        concepts[k]
                            .ids
                            .iter()
                            .any(|alt| alt.iter().all(|&t| in_ids(&sents[i].ids, t)))
                    })
                };
                let lacks_kind = asked_kind.is_some() && !names_kind(b.sentence);
                let joins =
                    |i: usize| (floor > 0.0 && cover(i) >= floor) || (lacks_kind && names_kind(i));
                // A table row is quoted under its table's header row, the
                // passage's first sentence: "2025 | about 65–72" says little
                // without "Period | Afghanis per US dollar (approx.)". It
                // stands in the place of the row before.
                let before = if b.sentence > 0 && loaded.passage.kind == BlockKind::Table {
                    Some(0)
                } else {
                    (b.sentence > 0 && joins(b.sentence - 1)).then(|| b.sentence - 1)
                };
                if let Some(i) = before {
                    answer
                        .sentences
                        .push(Self::sentence(passage, loaded, i, &concepts));
                }
                answer.sentences.push(sentence.clone());
                if b.sentence + 1 < sents.len() && joins(b.sentence + 1) {
                    answer.sentences.push(Self::sentence(
                        passage,
                        loaded,
                        b.sentence + 1,
                        &concepts,
                    ));
                }
            }
            answer.candidate = Some(sentence);
        }
        // The other languages are searched by meaning when the reader's holds
        // no answer, or only a weak one: "د افغانستان پیسې څه نومیږي؟" (what
        // is Afghanistan's money called?) was answered from a Pashto
        // paragraph on frozen reserves, "پیسې لا هم کنګلې دي." (the money is
        // still frozen), which never names the afghani: close in meaning
        // (0.88) but lacking the question's main word, while the Dari and
        // English articles on the currency answer it. A weak answer is
        // replaced only by a passage standing closer than it does by the
        // rule of meaning, which weighs the word it lacks; with nothing
        // closer elsewhere it is kept.
        if answer.abstained || weak.is_some() {
            let own = weak.or_else(|| self.best_similarity(&hits, lang));
            if let Some(across) = self.answer_across(question, lang, own, &question_vector)? {
                // The passage joins the results after the reader's language's.
                hits.retain(|h| h.passage != across.sentence.passage);
                let at = hits
                    .iter()
                    .position(|h| self.slot_langs[h.passage] != lang)
                    .unwrap_or(hits.len());
                hits.insert(
                    at.min(limit.saturating_sub(1)),
                    Hit {
                        passage: across.sentence.passage,
                        score: across.similarity,
                        similarity: Some(across.similarity),
                    },
                );
                answer.abstained = false;
                answer.confidence = across.similarity.clamp(0.0, 1.0);
                answer.from_lang = Some(self.slot_langs[across.sentence.passage]);
                answer.decision = Decision::AnsweredAcross;
                answer.candidate = Some(across.sentence.clone());
                answer.sentences = across.sentences;
            }
        }
        answer.hits = hits.into_iter().take(limit).collect();
        Ok(answer)
    }

    /// The model, when it is calibrated to say that the site holds no
    /// answer ([`Tuning::abstain_below`]): only then are similarities
    /// across passages and languages comparable enough to decide with.
    fn calibrated(&self) -> Option<&Semantic> {
        self.semantic
            .as_ref()
            .filter(|sem| sem.tuning.abstain_below.is_some())
    }

    /// The question's similarity to each of `texts`, encoded now as passages.
    fn similarities(sem: &Semantic, q: &[f32], texts: &[&str]) -> Result<Vec<f32>, Error> {
        Ok(sem
            .encoder
            .encode(texts, Role::Passage)?
            .iter()
            .map(|v| crate::semantic::dot(q, v))
            .collect())
    }

    /// When the reader's language holds no confident answer: the passage
    /// in another language closest in meaning to the question, compared
    /// with every passage of those languages that has a vector (a
    /// multilingual model puts a question and its answer close whatever
    /// their languages, where their words share nothing), and its sentence
    /// closest to the question, quoted in its own language with the
    /// closer of its neighbours: across languages a small model tells a
    /// passage's sentences apart less sharply than it tells passages apart
    /// (multilingual-e5-small puts "Where is the capital?" in Pashto
    /// closer to the Dari sentence before "the capital, Kabul" than to that
    /// one). `None` without a calibrated model, when no passage stands at
    /// the model's cutoff, or when one in the reader's language (`own`, the
    /// best similarity among its candidates) stands as close: the reader's
    /// language's closest passage did not answer, and one no closer in
    /// another language is no likelier to.
    ///
    /// The comparison is linear in the passages of the other languages: a
    /// few milliseconds at the built-in site's size, and only for questions
    /// the reader's language could not answer. The passage's sentences are
    /// encoded now, as few passages are ever quoted this way.
    fn answer_across(
        &self,
        question: &str,
        lang: Lang,
        own: Option<f32>,
        question_vector: &OnceCell<Vec<f32>>,
    ) -> Result<Option<Across>, Error> {
        let Some(sem) = self.calibrated() else {
            return Ok(None);
        };
        let cut = sem
            .tuning
            .across_below
            .or(sem.tuning.abstain_below)
            .unwrap_or(f32::INFINITY)
            .max(own.map_or(f32::NEG_INFINITY, |o| o + ACROSS_MARGIN));
        let q = Self::question_vector(sem, question, question_vector)?;
        let best = self
            .similarities_of(sem, q, |slot| {
                self.slot_langs.get(slot).is_some_and(|l| *l != lang)
            })
            .into_iter()
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let Some((slot, similarity)) = best.filter(|(_, sim)| *sim >= cut) else {
            return Ok(None);
        };
        let Some(loaded) = self.load(slot)? else {
            return Ok(None);
        };
        let sents = &loaded.prep.sentences;
        let texts: Vec<&str> = sents
            .iter()
            .map(|s| &loaded.passage.text[s.range.clone()])
            .collect();
        if texts.is_empty() {
            return Ok(None);
        }
        let by_sentence = Self::similarities(sem, q, &texts)?;
        let Some((si, _)) = by_sentence
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
        else {
            return Ok(None);
        };
        // The question's words in the passage's language, for highlights.
        let concepts = self.concepts(question, loaded.passage.lang);
        let neighbour = [si.checked_sub(1), Some(si + 1).filter(|&n| n < texts.len())]
            .into_iter()
            .flatten()
            .max_by(|&a, &b| by_sentence[a].total_cmp(&by_sentence[b]));
        let mut quoted: Vec<usize> = std::iter::once(si).chain(neighbour).collect();
        quoted.sort_unstable();
        Ok(Some(Across {
            sentence: Self::sentence(slot, &loaded, si, &concepts),
            sentences: quoted
                .into_iter()
                .map(|i| Self::sentence(slot, &loaded, i, &concepts))
                .collect(),
            similarity,
        }))
    }

    /// The question's similarity to its most similar passage in `lang` among
    /// `hits`, when the model was asked.
    fn best_similarity(&self, hits: &[Hit], lang: Lang) -> Option<f32> {
        hits.iter()
            .filter(|h| self.slot_langs[h.passage] == lang)
            .filter_map(|h| h.similarity)
            .reduce(f32::max)
    }

    /// Share of the concepts' weight found among a sentence's first terms: one
    /// more than the question has concepts, so a sentence that opens with the
    /// question's words, in any order, scores in full.
    fn opening_coverage(concepts: &[Concept], tokens: &[analyzed::Tok]) -> f32 {
        let opening = &tokens[..tokens.len().min(concepts.len() + 1)];
        Self::covers(concepts, |t| opening.iter().any(|o| o.id == t))
    }

    fn sentence(
        passage: usize,
        loaded: &Loaded,
        si: usize,
        concepts: &[Concept],
    ) -> AnswerSentence {
        let p = &loaded.passage;
        let s = &loaded.prep.sentences[si];
        let wanted: FxHashSet<u32> = concepts
            .iter()
            .flat_map(|c| c.ids.iter().flatten())
            .copied()
            .filter(|&t| t != NO_TERM)
            .collect();
        let text = p.text[s.range.clone()].to_string();
        let highlights = loaded.prep.tokens[s.tokens.clone()]
            .iter()
            .map(|t| (t.id, t.start as usize..t.end as usize))
            // A word is highlighted only where it lies wholly inside the sentence.
            .filter(|(id, r)| {
                wanted.contains(id) && r.start >= s.range.start && r.end <= s.range.end
            })
            .map(|(_, r)| (r.start - s.range.start)..(r.end - s.range.start))
            .collect();
        AnswerSentence {
            passage,
            range: s.range.clone(),
            text,
            highlights,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn passage(lang: Lang, article: &str, anchor: &str, title: &str, text: &str) -> Passage {
        Passage {
            lang,
            article: article.into(),
            anchor: anchor.into(),
            title: title.into(),
            question: String::new(),
            headings: vec![],
            kind: BlockKind::Paragraph,
            text: text.into(),
        }
    }

    fn engine() -> Engine {
        engine_with(EngineConfig::default())
    }

    fn engine_with(config: EngineConfig) -> Engine {
        let passages = vec![
            passage(Lang::En, "gov", "p-1", "Who governs Afghanistan", "The Taliban returned to power in August 2021. Their leader is Hibatullah Akhundzada, who lives in Kandahar."),
            passage(Lang::En, "gov", "p-2", "Who governs Afghanistan", "In July 2025 Russia became the first country to formally recognise the Islamic Emirate. No other state had followed by early 2026."),
            passage(Lang::En, "money", "p-1", "Currency", "The afghani is the currency of Afghanistan. Its code is AFN and the central bank is Da Afghanistan Bank."),
            passage(Lang::Fa, "gov", "p-1", "چه کسی بر افغانستان حکومت می‌کند", "روسیه در جولای ۲۰۲۵ نخستین کشوری شد که امارت اسلامی را به رسمیت شناخت."),
        ];
        let synonyms = Synonyms::parse("Taliban, Islamic Emirate\n").unwrap();
        Engine::in_memory(passages, &synonyms, config).unwrap()
    }

    /// Without a model the words' cutoff is the question's language's: one
    /// language's cutoff neither answers nor turns away another's questions.
    #[test]
    fn the_words_cutoff_is_the_question_s_language_s() {
        let passages = engine_with;
        let en = "Which country recognised the Islamic Emirate first?";
        let fa = "نخستین کشوری که امارت اسلامی را به رسمیت شناخت کدام است؟";
        let base = passages(EngineConfig::default());
        let (a_en, a_fa) = (
            base.answer(en, Lang::En, 5).unwrap(),
            base.answer(fa, Lang::Fa, 5).unwrap(),
        );
        assert!(!a_en.abstained && !a_fa.abstained, "{a_en:?} {a_fa:?}");
        let mut config = EngineConfig::default();
        config
            .set("abstain_below_en", &(a_en.confidence + 0.01).to_string())
            .unwrap();
        let strict_en = passages(config);
        assert!(strict_en.answer(en, Lang::En, 5).unwrap().abstained);
        assert!(!strict_en.answer(fa, Lang::Fa, 5).unwrap().abstained);
        let mut config = EngineConfig::default();
        config
            .set("abstain_below_fa", &(a_fa.confidence + 0.01).to_string())
            .unwrap();
        let strict_fa = passages(config);
        assert!(!strict_fa.answer(en, Lang::En, 5).unwrap().abstained);
        assert!(strict_fa.answer(fa, Lang::Fa, 5).unwrap().abstained);
        // `abstain_below` alone sets every language.
        let mut config = EngineConfig::default();
        config.set("abstain_below", "0.5").unwrap();
        assert_eq!(config.abstain_below, [0.5; 3]);
    }

    #[test]
    fn a_question_s_key_is_the_same_however_it_is_spelled_and_across_a_synonym_group() {
        let synonyms = Synonyms::parse("Taliban, Islamic Emirate, طالبان, امارت اسلامی\n").unwrap();
        let e = Engine::in_memory(Vec::new(), &synonyms, EngineConfig::default()).unwrap();
        let key = |q: &str, lang: Lang| e.question_key(q, lang);
        let france = key("What is the capital of France?", Lang::En);
        assert_eq!(france, "capit franc");
        assert_eq!(key("  france's CAPITAL ", Lang::En), france);
        assert_ne!(key("What is the capital of Spain?", Lang::En), france);
        // Arabic-keyboard yeh and kaf, and a ZWNJ, fold to the Persian letters.
        assert_eq!(
            key("پایتخت کشور فرانسه چیست؟", Lang::Fa),
            key("پايتخت كشور فرانسه چيست", Lang::Fa)
        );
        // A synonym group joins the languages and the group's phrases.
        let en = key("Who leads the Islamic Emirate?", Lang::En);
        assert!(en.contains("~taliban"), "{en}");
        assert_eq!(key("Who leads the Taliban?", Lang::En), en);
        assert!(key("رهبر طالبان کیست؟", Lang::Fa).contains("~taliban"));
    }

    /// One unit vector per text: a dimension per idea, 1 where one of its
    /// words is in the text, and a small constant one so that no vector is 0.
    fn idea_vectors(ideas: &[&[&str]], texts: &[&str]) -> Vec<Vec<f32>> {
        texts
            .iter()
            .map(|t| {
                let t = t.to_lowercase();
                let mut v: Vec<f32> = ideas
                    .iter()
                    .map(|words| f32::from(u8::from(words.iter().any(|w| t.contains(w)))))
                    .collect();
                v.push(0.1);
                let n = crate::semantic::dot(&v, &v).sqrt();
                v.into_iter().map(|x| x / n).collect()
            })
            .collect()
    }

    /// Meaning by hand: one dimension per idea, whatever words name it.
    struct Ideas {
        calls: std::sync::atomic::AtomicUsize,
    }

    impl Encoder for Ideas {
        fn id(&self) -> &str {
            "ideas"
        }
        fn languages(&self) -> &[Lang] {
            &[Lang::En]
        }
        fn encode(
            &self,
            texts: &[&str],
            _: crate::Role,
        ) -> Result<Vec<Vec<f32>>, crate::EncodeError> {
            self.calls
                .fetch_add(texts.len(), std::sync::atomic::Ordering::SeqCst);
            let ideas: [&[&str]; 3] = [
                &["capital", "seat of government"],
                &["largest", "most people"],
                &["money", "currency"],
            ];
            Ok(idea_vectors(&ideas, texts))
        }
    }

    #[test]
    fn a_sentence_encoder_breaks_close_lexical_ties_by_meaning() {
        let passages = vec![
            passage(Lang::En, "kabul", "p-1", "Kabul", "Kabul has the most people in Afghanistan."),
            passage(Lang::En, "kabul", "p-2", "Kabul", "Kabul has been the seat of government of Afghanistan since 1776, when Timur Shah moved his court there."),
            passage(Lang::En, "money", "p-1", "Afghani", "The afghani is the currency of Afghanistan. The central bank issues it."),
        ];
        let question = "What is the capital of Afghanistan, Kabul?";
        let lexical = Engine::in_memory(
            passages.clone(),
            &Synonyms::default(),
            EngineConfig::default(),
        )
        .unwrap();
        let hits = lexical.search(question, Lang::En, 3).unwrap();
        assert_eq!(
            hits[0].passage, 0,
            "lexically the shorter Kabul passage wins: {hits:?}"
        );

        let ideas = Arc::new(Ideas {
            calls: Default::default(),
        });
        let semantic = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default())
            .unwrap()
            .with_encoder(ideas.clone(), None)
            .unwrap();
        let encoded = ideas.calls.load(std::sync::atomic::Ordering::SeqCst);
        // Three passages and their four sentences, but a one-sentence
        // passage is the same text twice: each distinct text is encoded once.
        assert_eq!(encoded, 5);
        let hits = semantic.search(question, Lang::En, 3).unwrap();
        assert_eq!(
            hits[0].passage, 1,
            "the seat of government is the capital: {hits:?}"
        );
        assert_eq!(
            ideas.calls.load(std::sync::atomic::Ordering::SeqCst),
            encoded + 1
        );

        // A clear lexical winner is not second-guessed, and the model is not asked.
        let hits = semantic
            .search("Which bank issues the afghani currency?", Lang::En, 3)
            .unwrap();
        assert_eq!(hits[0].passage, 2);
        assert_eq!(
            ideas.calls.load(std::sync::atomic::Ordering::SeqCst),
            encoded + 1
        );
        // Nor for a language the model does not know.
        semantic.search("پایتخت", Lang::Fa, 3).unwrap();
        assert_eq!(
            ideas.calls.load(std::sync::atomic::Ordering::SeqCst),
            encoded + 1
        );
    }

    /// A passage the question's words did not find, close in meaning,
    /// joins the candidates (`semantic_added`) and is ranked by the blend.
    #[test]
    fn a_passage_close_in_meaning_that_the_words_missed_is_added() {
        let passages = vec![
            passage(
                Lang::En,
                "kabul",
                "p-1",
                "Kabul",
                "Kabul has the most people in Afghanistan.",
            ),
            passage(
                Lang::En,
                "money",
                "p-1",
                "Afghani",
                "The afghani is the currency of Afghanistan.",
            ),
            passage(
                Lang::En,
                "seat",
                "p-1",
                "Government",
                "The seat of government has been in one city since 1776.",
            ),
        ];
        let question = "What is the capital of Afghanistan?";
        let with = |added: &str| {
            let mut config = EngineConfig::default();
            for (k, v) in [
                ("semantic_gate", "inf"),
                ("semantic_candidates", "2"),
                ("semantic_lexical_weight", "0.1"),
                ("semantic_passage_weight", "0.9"),
                ("semantic_sentence_weight", "0"),
                ("semantic_added", added),
            ] {
                config.set(k, v).unwrap();
            }
            let ideas = Arc::new(Ideas {
                calls: Default::default(),
            });
            Engine::in_memory(passages.clone(), &Synonyms::default(), config)
                .unwrap()
                .with_encoder(ideas, None)
                .unwrap()
        };
        // "Afghanistan" is all the words find: the seat of government,
        // which never names it, is not among them.
        let words = with("0").search(question, Lang::En, 3).unwrap();
        assert!(words.iter().all(|h| h.passage != 2), "{words:?}");
        let meaning = with("1").search(question, Lang::En, 3).unwrap();
        assert_eq!(meaning[0].passage, 2, "{meaning:?}");
        assert!(meaning[0].similarity.is_some(), "{meaning:?}");
        assert_eq!(meaning.len(), 3, "{meaning:?}");
    }

    /// [`Ideas`] whose background encoding waits until the test opens it.
    struct Gated {
        ideas: Ideas,
        open: (std::sync::Mutex<bool>, std::sync::Condvar),
    }

    impl Gated {
        fn new() -> Arc<Gated> {
            Arc::new(Gated {
                ideas: Ideas {
                    calls: Default::default(),
                },
                open: Default::default(),
            })
        }
        fn open(&self) {
            *self.open.0.lock().unwrap() = true;
            self.open.1.notify_all();
        }
        fn calls(&self) -> usize {
            self.ideas.calls.load(std::sync::atomic::Ordering::SeqCst)
        }
    }

    impl Encoder for Gated {
        fn id(&self) -> &str {
            "gated"
        }
        fn languages(&self) -> &[Lang] {
            self.ideas.languages()
        }
        fn encode(&self, texts: &[&str], role: Role) -> Result<Vec<Vec<f32>>, crate::EncodeError> {
            self.ideas.encode(texts, role)
        }
        fn encode_in_background(
            &self,
            texts: &[&str],
            role: Role,
        ) -> Result<Vec<Vec<f32>>, crate::EncodeError> {
            let mut open = self.open.0.lock().unwrap();
            while !*open {
                open = self.open.1.wait(open).unwrap();
            }
            drop(open);
            self.ideas.encode(texts, role)
        }
    }

    /// A multilingual model by hand, calibrated to abstain as E5 is: one
    /// dimension per idea, whatever language names it.
    struct Calibrated {
        id: &'static str,
        ideas: &'static [&'static [&'static str]],
    }

    /// Capitals, currencies, languages and visas.
    const MULTILINGUAL: Calibrated = Calibrated {
        id: "multilingual-ideas",
        ideas: &[
            &["capital", "پایتخت", "پلازمېنه"],
            &["currency", "afghani", "پول"],
            &["language", "ژبې", "زبان"],
            &["visa"],
        ],
    };

    /// Provinces and languages.
    const PROVINCES: Calibrated = Calibrated {
        id: "provinces-and-languages",
        ideas: &[&["ولایت", "province"], &["ژبې", "زبان"]],
    };

    impl Encoder for Calibrated {
        fn id(&self) -> &str {
            self.id
        }
        fn languages(&self) -> &[Lang] {
            &Lang::ALL
        }
        fn encode(
            &self,
            texts: &[&str],
            _: crate::Role,
        ) -> Result<Vec<Vec<f32>>, crate::EncodeError> {
            Ok(idea_vectors(self.ideas, texts))
        }
        fn tuning(&self) -> Tuning {
            Tuning {
                gate: f32::INFINITY,
                candidates: 10,
                added: 0,
                lexical_weight: 0.1,
                passage_weight: 0.9,
                sentence_weight: 0.0,
                phrase_weight: 0.0,
                abstain_below: Some(0.8),
                across_below: None,
                abstain_confidence: 0.0,
                abstain_missing: 0.0,
                prior_scale: None,
                quoted_abstain_below: [Some(0.84), None, None],
            }
        }
    }

    /// In English the rule by meaning weighs the passage the answer is
    /// quoted from: a passage close in meaning elsewhere does not vouch
    /// for a sentence that only shares the question's words.
    #[test]
    fn in_english_the_rule_by_meaning_weighs_the_passage_it_quotes() {
        let passages = vec![
            passage(
                Lang::En,
                "travel",
                "p-1",
                "Travel",
                "Visas are issued at embassies abroad.",
            ),
            passage(
                Lang::En,
                "sanctions",
                "p-1",
                "Sanctions",
                "UN sanctions still apply in Kabul.",
            ),
        ];
        let engine = |config: EngineConfig| {
            Engine::in_memory(passages.clone(), &Synonyms::default(), config)
                .unwrap()
                .with_encoder(Arc::new(MULTILINGUAL), None)
                .unwrap()
        };
        let q = "How do I apply for a US visa in Kabul?";
        // Weighing the closest passage (the travel one), the words' choice
        // stands.
        let mut closest = EngineConfig::default();
        closest
            .set("semantic_quoted_abstain_below_en", "0")
            .unwrap();
        let a = engine(closest).answer(q, Lang::En, 5).unwrap();
        assert!(!a.abstained, "{a:?}");
        assert!(a.sentences[0].text.contains("sanctions"), "{a:?}");
        // Weighing the quoted one (the default), the engine abstains.
        let quoted = engine(EngineConfig::default());
        let a = quoted.answer(q, Lang::En, 5).unwrap();
        assert!(a.abstained, "{a:?}");
        assert!(a.signals.answer_similarity < a.signals.similarity, "{a:?}");
        // A question its quoted passage is close to is answered.
        let a = quoted
            .answer("Where are visas issued?", Lang::En, 5)
            .unwrap();
        assert!(!a.abstained, "{a:?}");
        assert!(a.sentences[0].text.starts_with("Visas"), "{a:?}");
    }

    /// The heaviest word the answer lacks turns a question away by itself
    /// only when words are all the engine has: a model's rule of meaning
    /// weighs it already, and a paraphrase the model knows is answered.
    #[test]
    fn a_lacking_main_word_is_weighed_by_meaning_when_a_model_decides() {
        let passages = vec![
            passage(
                Lang::En,
                "markets",
                "p-1",
                "Markets",
                "Shops in Kabul take the afghani, and dollars for large sums.",
            ),
            passage(
                Lang::En,
                "roads",
                "p-1",
                "Roads",
                "The road from Kabul to Jalalabad runs through the Tang-e Gharu gorge.",
            ),
        ];
        let q = "Which currency do shops in Kabul take?";
        let words = Engine::in_memory(
            passages.clone(),
            &Synonyms::default(),
            EngineConfig::default(),
        )
        .unwrap();
        let a = words.answer(q, Lang::En, 5).unwrap();
        assert!(a.abstained, "{a:?}");
        assert!(
            a.signals.missing >= EngineConfig::default().abstain_missing,
            "the words turn it away for the word they lack: {a:?}"
        );
        let meaning = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default())
            .unwrap()
            .with_encoder(Arc::new(MULTILINGUAL), None)
            .unwrap();
        let a = meaning.answer(q, Lang::En, 5).unwrap();
        assert!(!a.abstained, "{a:?}");
        assert!(a.sentences[0].text.contains("afghani"), "{a:?}");
        // A question the model finds no passage close to is still turned away.
        let a = meaning
            .answer("Which visa do shops in Kabul take?", Lang::En, 5)
            .unwrap();
        assert!(a.abstained, "{a:?}");
    }

    /// A Pashto passage on the languages, which says nothing of the capital.
    fn pashto_languages() -> Passage {
        passage(
            Lang::Ps,
            "langs",
            "p-1",
            "ژبې",
            "پښتو او دري د افغانستان رسمي ژبې دي.",
        )
    }

    #[test]
    fn a_question_its_language_cannot_answer_is_answered_from_another_by_meaning() {
        let cities = "افغانستان ۳۴ ولایت دارد. کابل، پایتخت افغانستان، بزرگ‌ترین شهر کشور است.";
        let passages = vec![
            pashto_languages(),
            passage(Lang::Fa, "cities", "p-1", "ولایت‌ها و شهرها", cities),
            passage(
                Lang::En,
                "money",
                "p-1",
                "Currency",
                "The afghani is the currency of Afghanistan. Its code is AFN.",
            ),
        ];
        let mut e = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default())
            .unwrap()
            .with_encoder(Arc::new(MULTILINGUAL), None)
            .unwrap();
        let pashto = "د افغانستان پلازمېنه چېرته ده؟";
        let a = e.answer(pashto, Lang::Ps, 5).unwrap();
        assert!(!a.abstained, "{a:?}");
        assert_eq!(a.from_lang, Some(Lang::Fa));
        // The sentence that answers, in its own language, with its neighbour.
        assert_eq!(a.sentences.len(), 2);
        let best = a.candidate.as_ref().unwrap();
        assert!(best.text.starts_with("کابل، پایتخت"), "{a:?}");
        assert_eq!(&a.sentences[1], best);
        assert!(a.sentences[0].text.starts_with("افغانستان ۳۴ ولایت"));
        let p = e.passage(a.sentences[0].passage).unwrap();
        assert_eq!((p.lang, p.article.as_str()), (Lang::Fa, "cities"));
        assert!(a.hits.iter().any(|h| h.passage == a.sentences[0].passage));
        // The reader's language's passages come first.
        let langs: Vec<Lang> = a.hits.iter().map(|h| e.slot_langs[h.passage]).collect();
        let first_other = langs
            .iter()
            .position(|l| *l != Lang::Ps)
            .unwrap_or(langs.len());
        assert!(
            langs[first_other..].iter().all(|l| *l != Lang::Ps),
            "{langs:?}"
        );

        // A question answered in its own language is answered as before.
        let en = e
            .answer("What is the currency of Afghanistan?", Lang::En, 5)
            .unwrap();
        assert!(!en.abstained, "{en:?}");
        assert_eq!(en.from_lang, None);
        assert!(en.sentences[0].text.contains("afghani"));
        // One no language's passage is close to is still abstained on.
        let off = e
            .answer("Who won the 2022 World Cup?", Lang::Ps, 5)
            .unwrap();
        assert!(off.abstained && off.from_lang.is_none(), "{off:?}");

        // The Dari article goes: its slot leaves the comparison.
        e.update(&[(Lang::Fa, "cities".into())], vec![]).unwrap();
        let gone = e.answer(pashto, Lang::Ps, 5).unwrap();
        assert!(gone.abstained && gone.from_lang.is_none(), "{gone:?}");
        // An English one that says it comes: found by meaning at once.
        e.update(
            &[],
            vec![passage(
                Lang::En,
                "cities",
                "p-1",
                "Cities",
                "Kabul is the capital and the largest city.",
            )],
        )
        .unwrap();
        let back = e.answer(pashto, Lang::Ps, 5).unwrap();
        assert_eq!(back.from_lang, Some(Lang::En), "{back:?}");
        assert!(back.candidate.unwrap().text.starts_with("Kabul"));
    }

    /// A passage in another language stands by its meaning alone, against
    /// its own cutoff: the reader's language's cutoff, where the words add
    /// their part, neither lets it in nor keeps it out.
    #[test]
    fn an_answer_across_languages_has_its_own_cutoff() {
        let passages = vec![
            pashto_languages(),
            passage(
                Lang::Fa,
                "cities",
                "p-1",
                "شهرها",
                "کابل، پایتخت افغانستان، بزرگ‌ترین شهر کشور است.",
            ),
        ];
        let answer = |settings: &[(&str, &str)]| {
            let mut config = EngineConfig::default();
            for (k, v) in settings {
                config.set(k, v).unwrap();
            }
            Engine::in_memory(passages.clone(), &Synonyms::default(), config)
                .unwrap()
                .with_encoder(Arc::new(MULTILINGUAL), None)
                .unwrap()
                .answer("د افغانستان پلازمېنه چېرته ده؟", Lang::Ps, 5)
                .unwrap()
        };
        // By default it falls back on the reader's cutoff (0.8 here).
        let a = answer(&[]);
        assert_eq!(a.from_lang, Some(Lang::Fa), "{a:?}");
        // Above the passage's similarity, nothing is quoted across.
        let a = answer(&[("semantic_across_below", "1.01")]);
        assert!(a.abstained && a.from_lang.is_none(), "{a:?}");
        // The reader's cutoff out of reach, the passage still stands at its own.
        let a = answer(&[
            ("semantic_abstain_below", "1.01"),
            ("semantic_across_below", "0.8"),
        ]);
        assert_eq!(a.from_lang, Some(Lang::Fa), "{a:?}");
        assert!(a.sentences[0].text.starts_with("کابل"), "{a:?}");
    }

    /// The reader's language answers with a sentence that holds every word
    /// of the question, from a passage far in meaning, while another of its
    /// passages carries the rule of meaning: a passage in another language
    /// that stands closer is quoted instead, and with none the answer stays.
    #[test]
    fn an_answer_quoted_from_a_passage_far_in_meaning_gives_way_to_a_closer_one_elsewhere() {
        let pashto = vec![
            // The words' choice: provinces and languages (0.71 from the question).
            passage(
                Lang::Ps,
                "langs",
                "p-1",
                "د افغانستان ژبې",
                "د شمالي ولایتونو خلک ترکي ژبې لري.",
            ),
            // Close in meaning, few of the words.
            passage(
                Lang::Ps,
                "governors",
                "p-1",
                "والیان",
                "د افغانستان هر province یو والي لري.",
            ),
        ];
        let dari = passage(
            Lang::Fa,
            "provinces",
            "p-1",
            "ولایت‌ها",
            "افغانستان ۳۴ ولایت دارد.",
        );
        let engine = |passages: Vec<Passage>| {
            Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default())
                .unwrap()
                .with_encoder(Arc::new(PROVINCES), None)
                .unwrap()
        };
        let q = "افغانستان څو ولایتونه لري؟";
        let alone = engine(pashto.clone()).answer(q, Lang::Ps, 5).unwrap();
        assert!(!alone.abstained && alone.from_lang.is_none(), "{alone:?}");
        assert!(alone.sentences[0].text.contains("ولایتونو"), "{alone:?}");
        let (quoted, best) = (
            alone.signals.answer_similarity.unwrap(),
            alone.signals.similarity.unwrap(),
        );
        assert!(quoted < 0.8 && best >= 0.8, "{alone:?}");
        assert_eq!(alone.signals.words_missing, 0, "{alone:?}");

        let mut all = pashto;
        all.push(dari);
        let a = engine(all).answer(q, Lang::Ps, 5).unwrap();
        assert!(!a.abstained, "{a:?}");
        assert_eq!(a.from_lang, Some(Lang::Fa), "{a:?}");
        assert!(a.sentences[0].text.contains("۳۴"), "{a:?}");
    }

    /// Starts `vectors`' worker over `engine`, as a server does.
    fn start_worker(vectors: &Arc<Vectors>, engine: &Arc<std::sync::RwLock<Engine>>) {
        let engine = engine.clone();
        vectors
            .start(move |_| {
                let mut live = std::collections::HashSet::new();
                let mut from = 0;
                while let Some(next) = engine
                    .read()
                    .unwrap()
                    .want_vectors(from, 2, &mut live)
                    .unwrap()
                {
                    from = next;
                }
                live
            })
            .unwrap();
    }

    #[test]
    fn vectors_come_in_the_background_are_used_once_there_and_kept_across_restarts() {
        let kabul = |second: &str| {
            vec![
                passage(
                    Lang::En,
                    "kabul",
                    "p-1",
                    "Kabul",
                    "Kabul has the most people in Afghanistan.",
                ),
                passage(Lang::En, "kabul", "p-2", "Kabul", second),
                passage(
                    Lang::En,
                    "money",
                    "p-1",
                    "Afghani",
                    "The afghani is the currency of Afghanistan. The central bank issues it.",
                ),
            ]
        };
        let seat = "Kabul has been the seat of government of Afghanistan since 1776, when Timur Shah moved his court there.";
        let question = "What is the capital of Afghanistan, Kabul?";
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("vectors.f16");
        let open = |encoder: Arc<Gated>, passages: Vec<Passage>| {
            let vectors = Vectors::new(encoder, Some(file.clone()));
            let engine = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default())
                .unwrap()
                .with_vectors(vectors.clone());
            let engine = Arc::new(std::sync::RwLock::new(engine));
            start_worker(&vectors, &engine);
            (vectors, engine)
        };
        let search = |engine: &std::sync::RwLock<Engine>| {
            engine
                .read()
                .unwrap()
                .search(question, Lang::En, 3)
                .unwrap()
        };
        let gated = Gated::new();
        let (vectors, engine) = open(gated.clone(), kabul(seat));
        // The model is busy (held at its gate): the engine answers by words.
        let hits = search(&engine);
        assert_eq!(
            hits[0].passage, 0,
            "lexical order before any vector: {hits:?}"
        );
        assert!(hits.iter().all(|h| h.similarity.is_none()));
        let lexical =
            Engine::in_memory(kabul(seat), &Synonyms::default(), EngineConfig::default()).unwrap();
        let (a, b) = (
            engine
                .read()
                .unwrap()
                .answer(question, Lang::En, 3)
                .unwrap(),
            lexical.answer(question, Lang::En, 3).unwrap(),
        );
        assert_eq!(
            (a.abstained, a.confidence, a.hits),
            (b.abstained, b.confidence, b.hits)
        );
        assert_eq!(vectors.len(), 0);

        gated.open();
        assert!(vectors.wait_idle(Duration::from_secs(20)));
        // Three passages and their four sentences, a one-sentence passage
        // being its sentence: five texts, each encoded once.
        assert_eq!((gated.calls(), vectors.encoded(), vectors.len()), (5, 5, 5));
        let hits = search(&engine);
        assert_eq!(
            hits[0].passage, 1,
            "by meaning once the vectors exist: {hits:?}"
        );
        assert!(hits[0].similarity.is_some());

        // An edit to one paragraph queues its text alone; the update does
        // not wait for the model.
        engine
            .write()
            .unwrap()
            .update(
                &[],
                kabul("Kabul is the seat of government of Afghanistan.")[..2].to_vec(),
            )
            .unwrap();
        assert!(vectors.wait_idle(Duration::from_secs(20)));
        assert_eq!(vectors.encoded(), 6, "only the edited paragraph is encoded");
        vectors.stop();

        // A restart reads the file and encodes nothing.
        let restarted = Gated::new();
        restarted.open();
        let edited = kabul("Kabul is the seat of government of Afghanistan.");
        let (vectors, engine) = open(restarted.clone(), edited);
        assert!(vectors.wait_idle(Duration::from_secs(20)));
        assert_eq!(
            (restarted.calls(), vectors.encoded(), vectors.len()),
            (0, 0, 5)
        );
        let hits = search(&engine);
        assert_eq!(hits[0].passage, 1, "{hits:?}");
        vectors.stop();
    }

    #[test]
    fn the_topic_named_in_the_title_does_not_choose_the_sentence() {
        let passages = vec![
            passage(Lang::En, "majidi", "p-1", "Farhad Majidi", "Farhad Majidi Ghadikolaei is an Iranian football coach and former player. He was born in Tehran and grew up in a family of footballers."),
            passage(Lang::En, "other", "p-1", "Football in Iran", "Football is the most popular sport in Iran, played in every province."),
        ];
        let question = "Where was Farhad Majidi born?";
        let candidate = |topic_weight: f32| {
            let config = EngineConfig {
                topic_weight,
                ..EngineConfig::default()
            };
            let e = Engine::in_memory(passages.clone(), &Synonyms::default(), config).unwrap();
            e.answer(question, Lang::En, 5)
                .unwrap()
                .candidate
                .unwrap()
                .text
        };
        // Counted in full, the rare name picks the sentence that names him.
        assert!(candidate(1.0).starts_with("Farhad Majidi Ghadikolaei"));
        // Discounted as the passage's topic, the sentence about birth wins.
        assert!(
            candidate(EngineConfig::default().topic_weight).starts_with("He was born in Tehran")
        );
    }

    #[test]
    fn a_table_is_quoted_a_whole_row_under_its_header() {
        // A Pashto phrase table: the question in its first cell ends in "؟",
        // which ends a sentence anywhere but in a table.
        let table = "پوښتنه\tځواب\n\nپلازمېنه چېرته ده؟\tکابل د افغانستان پلازمېنه ده.\n\nڅو ولایتونه؟\tدېرش او څلور";
        let mut rows = passage(Lang::Ps, "phrases", "p-1", "عبارتونه", table);
        rows.kind = BlockKind::Table;
        let e = Engine::in_memory(
            vec![rows, pashto_languages()],
            &Synonyms::default(),
            EngineConfig::default(),
        )
        .unwrap();
        let a = e.answer("پلازمېنه چېرته ده؟", Lang::Ps, 5).unwrap();
        assert!(!a.abstained, "{a:?}");
        let quoted: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            quoted,
            [
                "پوښتنه\tځواب",
                "پلازمېنه چېرته ده؟\tکابل د افغانستان پلازمېنه ده."
            ]
        );
    }

    #[test]
    fn there_is_asks_nothing_of_its_own() {
        let title = "افغانستان چند ولایت دارد؟";
        let e = Engine::in_memory(
            vec![
                passage(Lang::Fa, "prov", "p-1", title, "افغانستان ۳۴ ولایت دارد."),
                passage(
                    Lang::Fa,
                    "prov",
                    "p-2",
                    title,
                    "آمار قابل اعتمادی وجود ندارد.",
                ),
                passage(
                    Lang::Fa,
                    "lang",
                    "p-1",
                    "زبان‌ها",
                    "دری و پشتو زبان‌های رسمی هستند.",
                ),
            ],
            &Synonyms::default(),
            EngineConfig::default(),
        )
        .unwrap();
        let a = e
            .answer("در افغانستان چند ولایت وجود دارد؟", Lang::Fa, 5)
            .unwrap();
        assert!(!a.abstained, "{a:?}");
        assert_eq!(a.candidate.unwrap().text, "افغانستان ۳۴ ولایت دارد.");
    }

    #[test]
    fn a_passage_holds_the_questions_words_side_by_side_or_not() {
        let e = Engine::in_memory(
            vec![
                passage(
                    Lang::En,
                    "kabul",
                    "p-1",
                    "Kabul",
                    "Kabul is the capital of Afghanistan.",
                ),
                passage(
                    Lang::En,
                    "prov",
                    "p-1",
                    "Provinces",
                    "Afghanistan gives a capital to each province.",
                ),
                passage(
                    Lang::En,
                    "far",
                    "p-1",
                    "Kabul",
                    "The capital grew fast after 2001 in all of Afghanistan.",
                ),
            ],
            &Synonyms::default(),
            EngineConfig::default(),
        )
        .unwrap();
        let share = |question: &str, article: &str| {
            let pairs = e.question_pairs(&e.concepts(question, Lang::En), question, Lang::En);
            let slot = (0..3)
                .find(|&i| e.passage(i).unwrap().article == article)
                .unwrap();
            Engine::phrase_share(&pairs, &e.load(slot).unwrap().unwrap().prep.tokens)
        };
        // "capital of Afghanistan": the same words, as far apart.
        assert_eq!(share("What is the capital of Afghanistan?", "kabul"), 1.0);
        // Both words, in the other order or farther apart.
        assert_eq!(share("What is the capital of Afghanistan?", "prov"), 0.0);
        assert_eq!(share("What is the capital of Afghanistan?", "far"), 0.0);
        // "capital city", "city of Afghanistan": no passage says "city", so
        // both pairs count and neither is found.
        assert_eq!(
            share("What is the capital city of Afghanistan?", "kabul"),
            0.0
        );
    }

    #[test]
    fn answers_with_the_sentence_that_covers_the_question() {
        let e = engine();
        let a = e
            .answer("Which country first recognised the Taliban?", Lang::En, 5)
            .unwrap();
        assert!(!a.abstained, "{a:?}");
        assert_eq!(
            e.passage(a.candidate.as_ref().unwrap().passage)
                .unwrap()
                .link(),
            "/en/gov#p-2"
        );
        assert!(a
            .candidate
            .as_ref()
            .unwrap()
            .text
            .starts_with("In July 2025 Russia became the first country"));
        let highlighted: Vec<&str> = a
            .candidate
            .as_ref()
            .unwrap()
            .highlights
            .iter()
            .map(|r| &a.candidate.as_ref().unwrap().text[r.clone()])
            .collect();
        assert!(highlighted.contains(&"recognise"), "{highlighted:?}");
        assert!(
            highlighted.contains(&"Islamic") && highlighted.contains(&"Emirate"),
            "synonym matched: {highlighted:?}"
        );
    }

    #[test]
    fn tolerates_typos_in_names() {
        let e = engine();
        let a = e.answer("currency of Afganistan", Lang::En, 5).unwrap();
        assert!(!a.abstained);
        assert_eq!(
            e.passage(a.candidate.as_ref().unwrap().passage)
                .unwrap()
                .article,
            "money"
        );
        let hits = e
            .search("where does the leader live, Qandahar?", Lang::En, 3)
            .unwrap();
        assert_eq!(e.passage(hits[0].passage).unwrap().link(), "/en/gov#p-1");
    }

    #[test]
    fn abstains_on_unrelated_questions() {
        let e = engine();
        for q in [
            "How tall is the Eiffel tower in Paris?",
            "What is the recipe for chocolate cake?",
        ] {
            let a = e.answer(q, Lang::En, 5).unwrap();
            assert!(a.abstained, "{q}: {a:?}");
            assert!(a.sentences.is_empty());
        }
    }

    /// A short question is turned away when its answer lacks one of its
    /// words, however rare the other is in the site (`abstain_short`).
    #[test]
    fn a_two_word_question_whose_answer_lacks_one_word_is_turned_away() {
        let site = |config| {
            let passages = vec![
                passage(Lang::En, "geo", "p-1", "Geography", "Afghanistan covers about 652,000 square kilometres, a little larger than France."),
                passage(Lang::En, "cities", "p-1", "Cities", "Kabul is the capital of Afghanistan."),
                passage(Lang::En, "provinces", "p-1", "Provinces", "Each province has a capital."),
                passage(Lang::En, "history", "p-1", "History", "Kandahar was the first capital."),
            ];
            Engine::in_memory(passages, &Synonyms::default(), config).unwrap()
        };
        let france = "What is the capital of France?";
        let mut off = EngineConfig::default();
        off.set("abstain_short_en", "0").unwrap();
        let a = site(off).answer(france, Lang::En, 5).unwrap();
        assert!(!a.abstained, "the rare word alone carries it: {a:?}");
        assert_eq!((a.signals.words, a.signals.words_missing), (2, 1));
        assert_eq!(a.decision, Decision::Answered);
        let e = site(EngineConfig::default());
        let a = e.answer(france, Lang::En, 5).unwrap();
        assert!(a.abstained && a.sentences.is_empty(), "{a:?}");
        assert_eq!(a.decision, Decision::ShortAndLacking);
        let a = e
            .answer("What is the capital of Afghanistan?", Lang::En, 5)
            .unwrap();
        assert!(!a.abstained, "{a:?}");
        assert!(a.sentences[0].text.contains("Kabul"), "{a:?}");
        assert_eq!(a.decision, Decision::Answered);
    }

    /// The questions log keeps a decision by the name `--details` writes.
    #[test]
    fn a_decision_is_named_alike_in_json_and_in_the_log() {
        for d in Decision::ALL {
            assert_eq!(serde_json::to_value(d).unwrap(), d.as_str());
            assert_eq!(Decision::parse(d.as_str()), Some(d));
        }
        assert_eq!(Decision::parse("not_a_rule"), None);
    }

    /// Each rule that turns a question away says so in `Answer::decision`.
    #[test]
    fn the_answer_names_the_rule_that_decided_it() {
        let passages = vec![
            passage(
                Lang::En,
                "cities",
                "p-1",
                "Cities",
                "Kabul is the capital of Afghanistan.",
            ),
            passage(
                Lang::En,
                "money",
                "p-1",
                "Money",
                "The afghani is printed by the central bank in Kabul.",
            ),
            passage(
                Lang::En,
                "rivers",
                "p-1",
                "Rivers",
                "The Amu Darya forms much of the northern border.",
            ),
        ];
        let e = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default()).unwrap();
        let decided = |q: &str| e.answer(q, Lang::En, 5).unwrap().decision;
        assert_eq!(
            decided("Where is the capital of Afghanistan?"),
            Decision::Answered
        );
        assert_eq!(
            decided("What is a chocolate cake recipe?"),
            Decision::NoWords
        );
        // One word of five, the others unknown to the site.
        assert_eq!(
            decided("Which bank in Switzerland froze reserves belonging to Venezuela?"),
            Decision::TooLittleCovered
        );
        let mut lenient = EngineConfig::default();
        lenient.set("abstain_below", "0").unwrap();
        lenient.set("abstain_short_en", "0").unwrap();
        let e = Engine::in_memory(
            vec![passage(
                Lang::En,
                "rivers",
                "p-1",
                "Rivers",
                "The Amu Darya forms much of the northern border of the country.",
            )],
            &Synonyms::default(),
            lenient,
        )
        .unwrap();
        let a = e
            .answer(
                "Which river forms the northern border of Tajikistan?",
                Lang::En,
                5,
            )
            .unwrap();
        assert!(a.abstained, "{a:?}");
        assert_eq!(a.decision, Decision::LacksMainWord, "{a:?}");
    }

    /// A vector file given to `with_encoder` keeps what other runs encoded:
    /// a set's off-corpus run (half its passages) does not make its whole
    /// run encode the other half again.
    #[test]
    fn a_vector_file_keeps_what_a_smaller_run_did_not_use() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("set.f16");
        let all = vec![
            passage(Lang::En, "a", "p-1", "A", "Kabul is the capital."),
            passage(Lang::En, "b", "p-1", "B", "The afghani is the currency."),
        ];
        let encoded_by_a_run = |passages: &[Passage]| {
            let ideas = Arc::new(Ideas {
                calls: Default::default(),
            });
            Engine::in_memory(
                passages.to_vec(),
                &Synonyms::default(),
                EngineConfig::default(),
            )
            .unwrap()
            .with_encoder(ideas.clone(), Some(&file))
            .unwrap();
            ideas.calls.load(std::sync::atomic::Ordering::SeqCst)
        };
        assert!(encoded_by_a_run(&all) > 0);
        assert_eq!(encoded_by_a_run(&all[..1]), 0);
        assert_eq!(
            encoded_by_a_run(&all),
            0,
            "what the smaller run left out is still in the file"
        );
    }

    /// With a model, a short question whose answer lacks one of its words
    /// is answered only when its similarity alone reaches the cutoff: the
    /// coverage that the rule adds to it is half the question at most.
    #[test]
    fn with_a_model_a_short_lacking_question_needs_the_similarity_alone() {
        let passages = vec![
            passage(
                Lang::En,
                "bank",
                "p-1",
                "Bank",
                "The capital keeps the afghani, the currency, in its vaults.",
            ),
            passage(
                Lang::En,
                "geo",
                "p-1",
                "Geography",
                "Afghanistan is a little larger than France.",
            ),
        ];
        let ask = |short: &str| {
            let mut config = EngineConfig::default();
            config.set("semantic_abstain_confidence", "0.5").unwrap();
            config.set("abstain_short_en", short).unwrap();
            Engine::in_memory(passages.clone(), &Synonyms::default(), config)
                .unwrap()
                .with_encoder(Arc::new(MULTILINGUAL), None)
                .unwrap()
                .answer("What is the capital of France?", Lang::En, 5)
                .unwrap()
        };
        // The bank's passage shares one of the question's two ideas (0.71,
        // under the 0.8 of the cutoff); its coverage lifts it over.
        let a = ask("0");
        assert!(!a.abstained, "{a:?}");
        assert!(a.sentences[0].text.contains("vaults"), "{a:?}");
        assert_eq!((a.signals.words, a.signals.words_missing), (2, 1));
        assert!(a.signals.answer_similarity.unwrap() < 0.8, "{a:?}");
        let a = ask("2");
        assert!(a.abstained && a.sentences.is_empty(), "{a:?}");
    }

    #[test]
    fn readers_language_first_then_others() {
        let e = engine();
        let hits = e
            .search("روسیه امارت اسلامی را به رسمیت شناخت", Lang::Fa, 5)
            .unwrap();
        assert_eq!(e.passage(hits[0].passage).unwrap().lang, Lang::Fa);
        let a = e
            .answer("روسيه امارت اسلامي را به رسميت شناخت؟", Lang::Fa, 5)
            .unwrap();
        assert!(!a.abstained, "Arabic-keyboard letters still match: {a:?}");
    }

    #[test]
    fn negation_cues() {
        assert!(has_negation("Which animals cannot live here?"));
        assert!(has_negation("It isn't the capital."));
        assert!(!has_negation("Kabul is the capital."));
        assert!(has_negation("قطب نما با چه چیزی جهت را نشان نمی‌دهد؟"));
        assert!(has_negation("این شهر پایتخت نیست."));
        assert!(!has_negation(
            "نام پایتخت افغانستان کابل است و نیز بزرگترین شهر آن."
        ));
    }

    /// The cues as `answer` asks them: of the normalized question.
    fn asks_for_number(question: &str, lang: Lang) -> bool {
        super::asks_for_number(&askaf_text::normalize(question, language(lang)), lang)
    }

    fn asks_for_ordinal(question: &str, lang: Lang) -> bool {
        super::asks_for_ordinal(&askaf_text::normalize(question, language(lang)), lang)
    }

    #[test]
    fn the_kind_a_question_asks_for() {
        for (q, lang, kind) in [
            (
                "Which province was hit hardest?",
                Lang::En,
                Some("province"),
            ),
            ("What languages are spoken?", Lang::En, Some("languages")),
            ("What is the capital?", Lang::En, None),
            ("Who governs Afghanistan?", Lang::En, None),
            ("کدام ولایت بیشتر آسیب دید؟", Lang::Fa, Some("ولایت")),
            ("کوم ولایت ډېر زیان ولید؟", Lang::Ps, Some("ولایت")),
        ] {
            let stem = kind.map(|w| askaf_text::stem(w, language(lang)));
            assert_eq!(kind_asked(q, lang), stem, "{q}");
        }
    }

    /// A sentence that does not name the kind of thing asked for is quoted
    /// with the neighbour that does, though that one holds little else of
    /// the question; asked otherwise, the neighbour stays out.
    #[test]
    fn a_neighbour_naming_the_kind_asked_for_joins_the_answer() {
        let e = Engine::in_memory(
            vec![passage(
                Lang::En,
                "quake",
                "p-1",
                "The earthquake",
                "The heaviest destruction was in neighbouring Kunar province. \
                 Districts such as Nurgal and Watapur were among the hardest hit by the earthquake. \
                 Roads into the valleys were blocked.",
            )],
            &Synonyms::default(),
            EngineConfig::default(),
        )
        .unwrap();
        let texts = |q: &str| -> Vec<String> {
            let a = e.answer(q, Lang::En, 5).unwrap();
            assert!(!a.abstained, "{a:?}");
            a.sentences.into_iter().map(|s| s.text).collect()
        };
        let which = texts("Which province was hit hardest by the earthquake?");
        assert_eq!(which.len(), 2, "{which:?}");
        assert!(which[0].contains("Kunar province"), "{which:?}");
        assert!(which[1].starts_with("Districts"), "{which:?}");
        let plain = texts("Where did the earthquake hit hardest?");
        assert_eq!(plain.len(), 1, "{plain:?}");
        assert!(plain[0].starts_with("Districts"), "{plain:?}");
    }

    #[test]
    fn number_questions() {
        assert!(asks_for_number("How many provinces are there?", Lang::En));
        assert!(asks_for_number("When did the Soviets leave?", Lang::En));
        assert!(!asks_for_number("Who governs Afghanistan?", Lang::En));
        assert!(asks_for_number("افغانستان چند ولایت دارد؟", Lang::Fa));
        assert!(asks_for_number("در چه سالی استقلال یافت؟", Lang::Fa));
        assert!(!asks_for_number("پایتخت افغانستان کجاست؟", Lang::Fa));
    }

    #[test]
    fn prefers_the_sentence_that_opens_with_the_question_words() {
        let passages = vec![
            passage(Lang::En, "compass", "p-1", "Compass", "Early compasses were pieces of magnetite floating on wood in a bowl of water. Magnetite is a magnetic mineral of iron, also called lodestone."),
            passage(Lang::En, "other", "p-1", "Rivers", "The Kabul river flows east into the Indus."),
        ];
        let e = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default()).unwrap();
        let a = e.answer("What is magnetite?", Lang::En, 5).unwrap();
        let text = &a.candidate.as_ref().unwrap().text;
        assert!(
            text.starts_with("Magnetite is a magnetic mineral"),
            "{text}"
        );
        // Both sentences hold the question's one word: the confidence is its coverage either way.
        assert_eq!(a.confidence, 1.0);
        assert_eq!(
            Engine::opening_coverage(&e.concepts("magnetite", Lang::En), &[]),
            0.0
        );
    }

    #[test]
    fn an_ordinal_question_prefers_a_sentence_with_an_ordinal() {
        let passages = vec![
            passage(
                Lang::Fa,
                "lincoln",
                "p-1",
                "آبراهام لینکلن",
                "لینکلن در سال ۱۸۶۰ رئیس جمهور آمریکا شد. او شانزدهمین رئیس جمهور آمریکا بود.",
            ),
            passage(
                Lang::Fa,
                "other",
                "p-1",
                "کابل",
                "کابل پایتخت افغانستان است.",
            ),
        ];
        let e = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default()).unwrap();
        let candidate = |q: &str| e.answer(q, Lang::Fa, 5).unwrap().candidate.unwrap().text;
        // Without the ordinal question word, the sentence with more of the question's words wins…
        let plain = candidate("لینکلن رئیس جمهور آمریکا بود؟");
        assert!(plain.starts_with("لینکلن در سال"), "{plain}");
        // …with it, the one that holds an ordinal.
        let ordinal = candidate("لینکلن چندمین رئیس جمهور آمریکا بود؟");
        assert!(ordinal.contains("شانزدهمین"), "{ordinal}");
    }

    #[test]
    fn a_how_many_question_prefers_the_sentence_that_counts_its_words() {
        let text = "Provinces differ in size: 6 million people live in the largest. \
                    The country, mountainous and landlocked, has 34 provinces.";
        let mut passages = vec![
            passage(Lang::En, "country", "p-1", "Afghanistan", text),
            passage(
                Lang::En,
                "langs",
                "p-1",
                "Languages",
                "Many Afghans speak two languages.",
            ),
        ];
        passages.extend(
            engine()
                .live_passages()
                .unwrap()
                .into_iter()
                .map(|(_, p)| (*p).clone()),
        );
        let count = |bonus: f32| {
            let config = EngineConfig {
                count_bonus: bonus,
                ..EngineConfig::default()
            };
            let e = Engine::in_memory(passages.clone(), &Synonyms::default(), config).unwrap();
            let a = e
                .answer("How many provinces are there?", Lang::En, 5)
                .unwrap();
            (a.candidate.unwrap().text, a.confidence)
        };
        // Both sentences hold a number and the question's word; the one that
        // opens with that word wins unless the number counting it counts…
        let (without, confidence) = count(0.0);
        assert!(without.starts_with("Provinces differ"), "{without}");
        let (with, same) = count(EngineConfig::default().count_bonus);
        assert_eq!(
            with,
            "The country, mountainous and landlocked, has 34 provinces."
        );
        // …and it chooses the sentence without changing whether to answer.
        assert_eq!(confidence, same);
    }

    #[test]
    fn years_count_nothing() {
        for t in ["34", "205", "6", "400", "12000"] {
            assert!(is_count(t), "{t}");
        }
        for t in ["2025", "1919", "1404", "1000", "", "34a"] {
            assert!(!is_count(t), "{t}");
        }
    }

    #[test]
    fn ordinals() {
        assert!(asks_for_ordinal(
            "لینکلن چندمین رئیس جمهور آمریکا بود؟",
            Lang::Fa
        ));
        assert!(asks_for_ordinal("این تیم در جام چندم شد؟", Lang::Fa));
        // As typed on an Arabic keyboard (Arabic yeh) and with a ZWNJ-less spelling.
        assert!(asks_for_ordinal(
            "لينكلن چندمين رئيس جمهور آمريكا بود؟",
            Lang::Fa
        ));
        assert!(!asks_for_ordinal("افغانستان چند ولایت دارد؟", Lang::Fa));
        assert!(!asks_for_ordinal("Which was the first?", Lang::En));
        let ordinal = |w: &str| {
            askaf_text::tokenize(w, Language::Dari)
                .iter()
                .any(|t| is_ordinal(&t.term))
        };
        for w in [
            "شانزدهمین",
            "پنجمین",
            "دوم",
            "سومین",
            "نخستین",
            "آخرین",
            "بیستم",
            "۱۶مین",
        ] {
            assert!(ordinal(w), "{w}");
        }
        for w in ["زمین", "سرزمین", "تامین", "همین", "مردم", "کابل", "چند"]
        {
            assert!(!ordinal(w), "{w}");
        }
    }

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

    /// Articles that spell compounds with a ZWNJ, as edited Dari does.
    fn informal_engine() -> Engine {
        let fa = |n: &str, text: &str| passage(Lang::Fa, n, "p-1", "", text);
        let passages = vec![
            fa("a", "فرودگاه بین‌المللی کابل در سال ۱۳۳۰ ساخته شد."),
            fa("b", "قطب‌نما جهت شمال را نشان می‌دهد و در ایران ساخته شد."),
            fa("c", "بین دو کشور مرز طولانی است و خان در خانه بود."),
            fa("d", "شهر کابل بزرگ‌ترین شهر این کشور در دنیا است."),
            fa("e", "شهر هرات و شهر مزار و کابل."),
            fa("f", "شهرکابل نام یک فیلم است که به‌وجود آمد."),
            passage(Lang::Ps, "g", "p-1", "", "دا کور په کابل کې دی."),
        ];
        Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default()).unwrap()
    }

    /// Each concept's alternatives, one string per concept (`a|b` for either).
    fn concept_alts(e: &Engine, question: &str, lang: Lang) -> Vec<String> {
        e.concepts(question, lang)
            .iter()
            .map(|c| {
                let alts: Vec<String> = c.alts.iter().map(|a| a.join(" ")).collect();
                alts.join("|")
            })
            .collect()
    }

    #[test]
    fn a_compound_typed_apart_meets_the_articles_spelling() {
        let e = informal_engine();
        // (question, its concepts)
        for (question, expected) in [
            // `المللی` alone is unknown: the compound stands for it; `بین` is
            // also satisfied by the compound.
            (
                "فرودگاه بین المللی کابل",
                &["فرودگاه", "بین|بینالمللی", "بینالمللی", "کابل"][..],
            ),
            // Neither word is known alone: one concept for the pair.
            ("قطب نما چیست", &["قطبنما"]),
            // Joined, ZWNJ-spelt and spaced all meet.
            ("قطب‌نما", &["قطبنما"]),
            ("قطبنما", &["قطبنما"]),
            // Punctuation between the words: not a compound.
            ("قطب، نما", &["قطب", "نما"]),
            // `شهر` and `کابل` are each far commoner than `شهرکابل`: apart.
            ("شهر کابل", &["شهر", "کابل"]),
            // A stop word's compound: the articles write `به‌وجود`.
            ("به وجود امد", &["بهوجود", "امد"]),
        ] {
            assert_eq!(concept_alts(&e, question, Lang::Fa), expected, "{question}");
        }
    }

    #[test]
    fn a_spoken_enclitic_comes_off_only_unknown_words() {
        let e = informal_engine();
        // (as typed, the concept it becomes)
        for (word, concept) in [
            ("ایرانه", "ایران"),
            ("کشوره", "کشور"),
            ("دنیاست", "دنیا"),
            ("شهری", "شهر"),
            ("شهرش", "شهر"),
            ("خانش", "خان"),
            // Known words stay as they are: `خانه` is not `خان` + `ه`.
            ("خانه", "خانه"),
            // Nothing known underneath: still an uncovered word.
            ("پاریسه", "پاریسه"),
        ] {
            assert_eq!(concept_alts(&e, word, Lang::Fa), [concept], "{word}");
        }
        // Once only, when the question also has the word itself.
        assert_eq!(concept_alts(&e, "ایران ایرانه", Lang::Fa), ["ایران"]);
        // Pashto's own endings are not Dari's copula: `کوره` stays.
        assert_eq!(concept_alts(&e, "کوره", Lang::Ps), ["کوره"]);
        assert_eq!(concept_alts(&e, "کور", Lang::Ps), ["کور"]);
    }

    #[test]
    fn a_space_left_out_where_it_would_not_show_is_read_back() {
        let e = informal_engine();
        // (as typed, its concepts)
        for (question, expected) in [
            // `در` never joins the next letter: `درکابل` looks like `در کابل`.
            ("درکابل", &["کابل"][..]),
            ("مرزایران", &["مرز", "ایران"]),
            // A word the articles use is never split: `شهرکابل` is a film.
            ("شهرکابل", &["شهرکابل"]),
            // A two-letter half that is no stop word is too easily a piece
            // of a longer word: nothing is read into `زرکابل`.
            ("زرکابل", &["زرکابل"]),
            // Both halves must be words the articles use.
            ("مرزپاریس", &["مرزپاریس"]),
        ] {
            assert_eq!(concept_alts(&e, question, Lang::Fa), expected, "{question}");
        }
        // Pashto's `د` ("of") never joins either.
        assert_eq!(concept_alts(&e, "دکابل", Lang::Ps), ["کابل"]);
    }

    #[test]
    fn spoken_question_words_are_no_concepts_and_the_cues_still_hold() {
        let e = informal_engine();
        for (question, expected) in [
            (
                "فرودگاه کابل در چه سالی ساخته شد؟",
                &["فرودگاه", "کابل", "ساخته"][..],
            ),
            ("کابل چندمین شهر دنیاست؟", &["کابل", "شهر", "دنیا"]),
            ("کابل کجاییه؟", &["کابل"]),
            ("قطب نما چقدره؟", &["قطبنما"]),
        ] {
            assert_eq!(concept_alts(&e, question, Lang::Fa), expected, "{question}");
        }
        assert!(asks_for_number(
            "فرودگاه کابل در چه سالی ساخته شد؟",
            Lang::Fa
        ));
        assert!(asks_for_ordinal("کابل چندمین شهر دنیاست؟", Lang::Fa));
    }

    #[test]
    fn an_index_on_disk_is_reused_and_rebuilt_when_content_changes() {
        let dir = tempfile::tempdir().unwrap();
        let idx = dir.path().join("index");
        let ps = vec![passage(Lang::En, "a", "p-1", "T", "Kabul is the capital.")];
        let e = Engine::on_disk(
            &idx,
            ps.clone(),
            &Synonyms::default(),
            EngineConfig::default(),
        )
        .unwrap();
        assert_eq!(e.search("capital", Lang::En, 3).unwrap().len(), 1);
        drop(e);
        let stamp = std::fs::read(idx.join("askaf-index.record")).unwrap();
        let e = Engine::on_disk(
            &idx,
            ps.clone(),
            &Synonyms::default(),
            EngineConfig::default(),
        )
        .unwrap();
        assert_eq!(e.search("capital", Lang::En, 3).unwrap().len(), 1);
        assert_eq!(
            std::fs::read(idx.join("askaf-index.record")).unwrap(),
            stamp
        );
        let mut changed = ps;
        changed.push(passage(Lang::En, "b", "p-1", "T", "Herat is in the west."));
        let e =
            Engine::on_disk(&idx, changed, &Synonyms::default(), EngineConfig::default()).unwrap();
        assert_eq!(e.search("herat", Lang::En, 3).unwrap().len(), 1);
        assert_ne!(
            std::fs::read(idx.join("askaf-index.record")).unwrap(),
            stamp
        );
        // An older format is rebuilt, not read.
        let mut old = std::fs::read(idx.join("askaf-index.record")).unwrap();
        old[8..12].copy_from_slice(&3u32.to_le_bytes());
        std::fs::write(idx.join("askaf-index.record"), old).unwrap();
        let e = Engine::on_disk(
            &idx,
            vec![passage(Lang::En, "c", "p-1", "T", "Mazar")],
            &Synonyms::default(),
            EngineConfig::default(),
        )
        .unwrap();
        assert_eq!(e.search("mazar", Lang::En, 3).unwrap().len(), 1);
    }
}

//! What a question gets back, and how the answer is chosen: the passages
//! ranked, the sentence quoted with its neighbour, and the decision to
//! answer or to say the site has no clear answer yet.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

use askaf_content::{BlockKind, Lang};
use rustc_hash::FxHashSet;

use crate::passage::Passage;
use crate::{language, Error};

use super::analyzed::Analyzed;
use super::columns::TableHeader;
use super::cues::{asks, asks_for_number, asks_for_ordinal, has_negation, kind_asked, refers_back};
use super::meaning::AcrossWhen;
use super::{analyzed, in_ids, Concept, Engine, Loaded, NO_TERM};

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
    /// For a table's row: its table's header row, which names the columns
    /// (cells apart by a tab, as in `text`), so that the quote can say
    /// which is which ([`AnswerSentence::cells`]). It is read with the row
    /// and never quoted as an answer of its own. `None` for any other
    /// sentence, and for a table whose header cells are all empty.
    pub header: Option<TableHeader>,
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
    /// Set when the answer is quoted from an article in this other language
    /// than the reader's ([`Engine::answer`]): found by meaning when the
    /// reader's language held no confident answer (the confidence is then
    /// the question's similarity to that passage, the decision
    /// [`Decision::AnsweredAcross`]), or by the words of a question written
    /// in that language's script.
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
    /// ([`EngineConfig::lexical_cutoff`](crate::EngineConfig::lexical_cutoff), or its cutoff with a model).
    TooLittleCovered,
    /// The best sentence lacks a word carrying at least
    /// [`EngineConfig::abstain_missing`](crate::EngineConfig::abstain_missing) of the question's weight (without a model).
    LacksMainWord,
    /// A short question whose answer lacks one of its words
    /// ([`EngineConfig::abstain_short`](crate::EngineConfig::abstain_short)).
    ShortAndLacking,
    /// A question of several words whose answer holds only one of them
    /// ([`EngineConfig::abstain_one_held`](crate::EngineConfig::abstain_one_held)).
    OneWordHeld,
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
    pub const ALL: [Decision; 8] = [
        Decision::NoWords,
        Decision::TooLittleCovered,
        Decision::LacksMainWord,
        Decision::ShortAndLacking,
        Decision::OneWordHeld,
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
            Decision::OneWordHeld => "one_word_held",
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
    /// Share found in the chosen sentence alone (a table's row read with
    /// its header row, once it holds a word of the question itself).
    pub sentence_only: f32,
    /// Share of the question's weight on words no passage uses at all, in
    /// any of the forms the question's word may take (its synonyms, its
    /// other number): a word is unknown only when no form of it is known.
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

/// The share of a question's words ([`Signals::words`]) that the sentence
/// Ask weighed and refused, with its passage's title and headings, holds
/// at the least for [`Engine::near`] to call it near: half. "What is the
/// capital of France?" is near the sentence that names France (one of its
/// two words); "chocolate CAKES: the best recipe" is near none that holds
/// only "best" (one of four).
const NEAR_WORDS_HELD: f32 = 0.5;

impl Engine {
    /// The sentence a question turned away was nearest to
    /// ([`Answer::candidate`]) when it is near the question in the engine's
    /// own terms, for the editors' list of what readers want to link its
    /// article (where a sentence more may answer it): it holds at least
    /// half the question's words, or, with a calibrated model, the
    /// question stands at the model's cutoff in meaning from its passage
    /// ([`crate::Tuning::abstain_below`]). Else `None`: the nearest
    /// sentence to a question the site knows nothing of is only the least
    /// far ("chocolate CAKES: the best recipe" weighed a sentence on the
    /// economy), and the way on is a new article. `None` for an answer given.
    pub fn near<'a>(&self, answer: &'a Answer) -> Option<&'a AnswerSentence> {
        let candidate = answer.candidate.as_ref().filter(|_| answer.abstained)?;
        let s = &answer.signals;
        let held = s.words.saturating_sub(s.words_missing) as f32;
        let by_words = s.words > 0 && held >= NEAR_WORDS_HELD * s.words as f32;
        let cut = self.calibrated().and_then(|sem| sem.tuning.abstain_below);
        let by_meaning = cut
            .zip(s.answer_similarity.or(s.similarity))
            .is_some_and(|(cut, similarity)| similarity >= cut);
        (by_words || by_meaning).then_some(candidate)
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
    ///
    /// A question written in the other script than the reader's language
    /// (English typed on a Dari page, Dari on an English one) is answered
    /// in the language its letters say ([`askaf_text::written_in`]), and the
    /// answer is marked as from that language's article
    /// ([`Answer::from_lang`]), as an answer across languages is.
    pub fn answer(&self, question: &str, lang: Lang, limit: usize) -> Result<Answer, Error> {
        let written = askaf_text::written_in(question).map(crate::site_lang);
        let answer = match written {
            Some(asked)
                if (asked == Lang::En) != (lang == Lang::En) && self.stats_of(asked).is_some() =>
            {
                let mut answer = self.answer_in(question, asked, limit)?;
                if !answer.abstained && answer.from_lang.is_none() {
                    answer.from_lang = Some(asked);
                }
                answer
            }
            _ => self.answer_in(question, lang, limit)?,
        };
        // What an operator reads to see why a question was turned away or
        // answered (`ASKAF_LOG=info,askaf_search=debug`): the decision and every
        // signal it weighed.
        tracing::debug!(
            question,
            lang = lang.code(),
            decision = answer.decision.as_str(),
            confidence = answer.confidence,
            signals = ?answer.signals,
            "ask"
        );
        Ok(answer)
    }

    /// [`Self::answer`] in `lang`, the reader's language as far as the
    /// question's words go.
    fn answer_in(&self, question: &str, lang: Lang, limit: usize) -> Result<Answer, Error> {
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
        // Where the rule by meaning weighs the quoted passage (English), the
        // words choose it; but two words tell little by themselves: "who is
        // in charge of afghanistan" was quoted from a passage on the
        // International Criminal Court's "charges", which the words ranked
        // first, 0.05 below the article on who governs in meaning. So a
        // question that short is quoted only from near the passage
        // closest in meaning (`EngineConfig::quote_near_words`).
        let short = concepts.len() as u32 <= self.config.quote_near_words[lang.index()];
        let weighs_quoted = self
            .semantic
            .as_ref()
            .is_some_and(|sem| sem.tuning.quoted_abstain_below[lang.index()].is_some());
        let quote_within = self
            .semantic
            .as_ref()
            .and_then(|sem| sem.tuning.quote_within)
            .filter(|_| !weighs_quoted || short);
        let top_similarity = if weighs_quoted {
            self.best_similarity(&hits, lang)
        } else {
            hits.first().and_then(|h| h.similarity)
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
            // A passage far below the first in meaning is not quoted from
            // on the strength of its words (`Tuning::quote_within`); its
            // sentences still count toward the confidence.
            let near_in_meaning = match (quote_within, top_similarity, hit.similarity) {
                (Some(within), Some(top), Some(sim)) => top - sim <= within,
                _ => true,
            };
            // An article's short answer is written to answer its question:
            // the closer the reader's question is to it, the more it is
            // preferred, and when the article asks the reader's question
            // itself (`Self::article_asks`: its title or question holds every word
            // of it), it is the answer. "چه کسی افغانستان را اداره می‌کند؟"
            // (who runs Afghanistan?, the Dari title's first half) was
            // quoted from the provinces article's "…اداره می‌شود"
            // (administered), as the article's question says "حکومت
            // می‌کند" (governs) where its title says "اداره می‌کند".
            let summary_bonus = if loaded.passage.anchor != crate::SUMMARY_ANCHOR {
                0.0
            } else if Self::article_asks(&concepts, prep) {
                1.0
            } else {
                0.3 * Self::covers(&concepts, |t| in_ids(&prep.question_ids, t))
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
            // A table's header row names its columns: it answers nothing
            // itself, but a row is read with it, its words the row's own,
            // once the row holds a word of the question itself ("Thank you
            // in Pashto": "Thank you" in a row of the column "Pashto"); a
            // row that holds none is not chosen for the header's words.
            let header_ids: &[u32] = prep
                .sentences
                .iter()
                .find(|s| s.header)
                .map_or(&[], |h| &h.ids);
            let holds_any = |ids: &[u32]| {
                concepts
                    .iter()
                    .any(|c| c.ids.iter().any(|alt| alt.iter().all(|&t| in_ids(ids, t))))
            };
            for (si, s) in prep.sentences.iter().enumerate() {
                if !Self::quotable(&loaded, si) {
                    continue;
                }
                let columns = if !header_ids.is_empty() && holds_any(&s.ids) {
                    header_ids
                } else {
                    &[]
                };
                let in_sentence = |t: u32| in_ids(&s.ids, t) || in_ids(columns, t);
                // One pass gives the sentence's plain and topic-discounted coverage.
                let (mut got, mut got_focused) = (0.0, 0.0);
                for (c, &tp) in concepts.iter().zip(&topical) {
                    if c.ids.iter().any(|alt| alt.iter().all(|&t| in_sentence(t))) {
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
                    in_sentence(t) || in_ids(&prep.context_ids, t)
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
                                .all(|&t| in_sentence(t) || in_ids(&prep.context_ids, t))
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
                if near_in_meaning && best.as_ref().is_none_or(|b| score > b.score) {
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
        // Whether the answer's article asks the reader's question itself
        // (`Self::article_asks`).
        let mut asks_own = false;
        if let Some(b) = best {
            let passage = hits[b.hit].passage;
            let loaded = &b.loaded;
            let s = &loaded.prep.sentences[b.sentence];
            let stats = self.stats_of(lang);
            asks_own = Self::article_asks(&concepts, &loaded.prep);
            answer.signals = Signals {
                passage_coverage: b.passage_cov,
                sentence_coverage: b.sentence_cov,
                sentence_only: b.sentence_only,
                unknown: 1.0 - Self::coverage(&concepts, |t| stats.is_some_and(|st| st.has(t))),
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
            // three public sets (docs/ask-measurements.md): the similarity alone turned away
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
            let words_alone = weighed.is_none_or(|(similarity, cut, _)| similarity < cut);
            let short_and_lacking = answer.signals.words <= self.config.abstain_short[lang.index()]
                && answer.signals.words_missing > 0
                && words_alone;
            // A question of several words whose answer holds only one of
            // them, on the same terms ("How do I apply for a US visa?" had
            // "UN sanctions still apply.").
            let one_of_many = self.config.abstain_one_held[lang.index()];
            let one_held = one_of_many > 0
                && answer.signals.words >= one_of_many
                && answer
                    .signals
                    .words
                    .saturating_sub(answer.signals.words_missing)
                    <= 1
                && words_alone;
            // The heaviest word the answer lacks is weighed by the rule of
            // meaning when there is one (`Tuning::abstain_missing`), so it
            // does not turn the question away a second time by itself: it
            // had turned away "آزمایش ژنتیک چیست؟" (what is a genetic test?),
            // whose passage stood at 0.93, and changed no off-corpus question
            // in the public sets (docs/ask-measurements.md).
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
            } else if one_held {
                Decision::OneWordHeld
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
                    // Not one from the article that asks the question
                    // itself (`asks_own`, below).
                    if quoted < cut && !asks_own {
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
                // Nor does a sentence that asks join, as it says nothing
                // more, nor a table's header row (each row quoted carries
                // it as the names of its columns).
                let joins = |i: usize| {
                    Self::quotable(loaded, i)
                        && ((floor > 0.0 && cover(i) >= floor) || (lacks_kind && names_kind(i)))
                };
                // A sentence that points back to the one before it ("او در
                // قندهار به سر می‌برد", he lives in Kandahar, quoted alone for
                // "who governs Afghanistan?") is quoted with it, which names
                // whom or what it is about.
                let points_back = b.sentence > 0
                    && Self::quotable(loaded, b.sentence - 1)
                    && refers_back(&loaded.passage.text[s.range.clone()], loaded.passage.lang);
                if b.sentence > 0 && (points_back || joins(b.sentence - 1)) {
                    answer.sentences.push(Self::sentence(
                        passage,
                        loaded,
                        b.sentence - 1,
                        &concepts,
                    ));
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
        // A confident answer gives way too, to a passage elsewhere that
        // stands far closer when each is taken from its language's mean
        // (`AcrossWhen::Instead`): "جمعیت افغانستان چقدر است؟" (what is the
        // population of Afghanistan?) quoted the Dari sentence on two
        // provinces' populations, which holds both its words, where the
        // English article on the population answers it.
        // Neither gives way when the answer's article asks the question
        // itself (`asks_own`): "نن ورځ په افغانستان کې څوک حکومت کوي…" (who
        // governs Afghanistan today…, the Pashto article's own question),
        // quoted from a passage of that article a little below the cutoff,
        // gave way to the English time-zone table, which stood 0.01 closer.
        let when = if answer.abstained || weak.is_some() {
            Some(AcrossWhen::Unanswered(
                weak.or_else(|| self.best_similarity(&hits, lang)),
            ))
        } else if answer.candidate.is_some() && !asks_own {
            Some(AcrossWhen::Instead)
        } else {
            None
        };
        if let Some(when) = when {
            if let Some(across) = self.answer_across(question, lang, when, &question_vector)? {
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

    /// Whether a passage's article asks the reader's question itself: its
    /// title, question or the passage's headings hold every word of a
    /// question of two words or more. Each article answers one question,
    /// and readers ask it in its own words.
    fn article_asks(concepts: &[Concept], prep: &Analyzed) -> bool {
        concepts.len() >= 2
            && concepts.iter().all(|c| {
                c.ids
                    .iter()
                    .any(|alt| alt.iter().all(|&t| in_ids(&prep.context_ids, t)))
            })
    }

    /// Whether a passage's sentence may be quoted: not a table's header row,
    /// which names the columns ([`AnswerSentence::header`]), nor a sentence
    /// that asks ([`Self::sentence_asks`]).
    pub(super) fn quotable(loaded: &Loaded, si: usize) -> bool {
        loaded
            .prep
            .sentences
            .get(si)
            .is_some_and(|s| !s.header && !Self::sentence_asks(loaded, &s.range))
    }

    /// Whether a passage's sentence asks a question, and so answers none:
    /// "آیا ویتامین دی می‌تواند از ابتلا به کرونا جلوگیری کند؟" holds the
    /// words of a question about vitamin B1 and says nothing of it. Such a
    /// sentence is neither quoted nor joined to a quote. A table's row may
    /// end in a question mark and still be quoted (a phrase list).
    fn sentence_asks(loaded: &Loaded, range: &Range<usize>) -> bool {
        loaded.passage.kind != BlockKind::Table && asks(&loaded.passage.text[range.clone()])
    }

    /// Share of the concepts' weight found among a sentence's first terms: one
    /// more than the question has concepts, so a sentence that opens with the
    /// question's words, in any order, scores in full.
    pub(super) fn opening_coverage(concepts: &[Concept], tokens: &[analyzed::Tok]) -> f32 {
        let opening = &tokens[..tokens.len().min(concepts.len() + 1)];
        Self::covers(concepts, |t| opening.iter().any(|o| o.id == t))
    }

    pub(super) fn sentence(
        passage: usize,
        loaded: &Loaded,
        si: usize,
        concepts: &[Concept],
    ) -> AnswerSentence {
        let wanted: FxHashSet<u32> = concepts
            .iter()
            .flat_map(|c| c.ids.iter().flatten())
            .copied()
            .filter(|&t| t != NO_TERM)
            .collect();
        let s = &loaded.prep.sentences[si];
        let (text, highlights) = Self::highlighted(loaded, s, &wanted);
        // A table's row comes with the names of its columns.
        let header = loaded
            .prep
            .sentences
            .iter()
            .find(|h| h.header && !s.header)
            .map(|h| {
                let (text, highlights) = Self::highlighted(loaded, h, &wanted);
                TableHeader { text, highlights }
            });
        AnswerSentence {
            passage,
            range: s.range.clone(),
            text,
            highlights,
            header,
        }
    }

    /// A sentence's text, and the byte ranges in it of the `wanted` terms.
    fn highlighted(
        loaded: &Loaded,
        s: &analyzed::SentenceIds,
        wanted: &FxHashSet<u32>,
    ) -> (String, Vec<Range<usize>>) {
        let text = loaded.passage.text[s.range.clone()].to_string();
        let highlights = loaded.prep.tokens[s.tokens.clone()]
            .iter()
            .map(|t| (t.id, t.start as usize..t.end as usize))
            // A word is highlighted only where it lies wholly inside the sentence.
            .filter(|(id, r)| {
                wanted.contains(id) && r.start >= s.range.start && r.end <= s.range.end
            })
            .map(|(_, r)| (r.start - s.range.start)..(r.end - s.range.start))
            .collect();
        (text, highlights)
    }
}

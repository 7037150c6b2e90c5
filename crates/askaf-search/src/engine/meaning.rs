//! Ranking and answering by meaning, with a sentence model: the blend of
//! the lexical score with the question's similarity to each candidate,
//! passages close in meaning the words missed, and answers across languages.

use std::cell::OnceCell;
use std::path::Path;
use std::sync::Arc;

use askaf_content::Lang;
use askaf_text::analyze;

use crate::semantic::{Encoder, Role, Semantic, MEAN_MIN_PASSAGES};
use crate::vectors::{dot16, key, Key, Vectors};
use crate::{language, Error};

use super::answer::{AnswerSentence, Hit};
use super::prepare::texts_to_encode;
use super::question::synonyms_met;
use super::{analyzed, Concept, Engine, NO_TERM};

/// Two neighbouring words of a question ([`Engine::question_pairs`]).
pub(super) struct Pair {
    pub(super) first: u32,
    pub(super) second: u32,
    /// Positions from the first to the second (1: side by side).
    pub(super) gap: u32,
    pub(super) weight: f32,
}

/// An answer found in another language than the reader's ([`Engine::answer_across`]).
pub(super) struct Across {
    /// The sentence closest in meaning to the question.
    pub(super) sentence: AnswerSentence,
    /// It and its closer neighbour, in the passage's order.
    pub(super) sentences: Vec<AnswerSentence>,
    /// The question's similarity to the sentence's passage.
    pub(super) similarity: f32,
}

/// How much closer in meaning than the reader's language's closest
/// candidate a passage in another language must stand to be quoted.
pub(super) const ACROSS_MARGIN: f32 = 0.01;

/// How much closer than every passage of the reader's language, each
/// taken from its language's mean, a passage in another language must
/// stand to be quoted instead of a confident answer in the reader's
/// language ([`AcrossWhen::Instead`]). On the built-in site the Dari and
/// Pashto questions its own articles answer stood at most 0.035 closer to
/// another language's passage (the one more, 0.29, was already answered
/// across), the population and visa questions only the English articles
/// answer 0.18 and 0.24.
pub(super) const INSTEAD_MARGIN: f32 = 0.15;

/// When the other languages are searched for an answer.
#[derive(Debug, Clone, Copy)]
pub(super) enum AcrossWhen {
    /// The reader's language has none, or a weak one: the best similarity
    /// among its candidates, or the weak answer's standing, when known.
    Unanswered(Option<f32>),
    /// The reader's language answered: only a passage standing far closer
    /// when each is taken from its language's mean replaces that answer.
    Instead,
}

/// Each language's mean passage vector ([`Engine::closest_across_centered`]),
/// over the passages that had vectors when it was taken.
pub(super) struct Means {
    /// What it was taken over: the vectors held, the passages with a key
    /// and the sum of their keys. A passage added, removed or given its
    /// vector changes it, and the means are taken again.
    stamp: (usize, usize, u128),
    /// By language, for those with at least [`MEAN_MIN_PASSAGES`] passages
    /// with vectors: the mean and its squared length.
    by_lang: Vec<(Lang, Vec<f32>, f32)>,
}

/// The passage of another language closest to a question when each is
/// taken from its language's mean passage vector.
pub(super) struct Centered {
    slot: usize,
    /// Its similarity so taken.
    centered: f32,
    /// Its similarity as it is.
    similarity: f32,
    /// The reader's language's best similarity so taken.
    own: Option<f32>,
}

impl Means {
    /// `lang`'s mean and its squared length, when it has one.
    fn of(&self, lang: Lang) -> Option<(&[f32], f32)> {
        self.by_lang
            .iter()
            .find(|(l, _, _)| *l == lang)
            .map(|(_, m, sq)| (m.as_slice(), *sq))
    }
}

impl Engine {
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
        vectors.load().map_err(|source| Error::Vectors {
            path: cache.map(Path::to_path_buf).unwrap_or_default(),
            source,
        })?;
        self.encoding_now(vectors)
    }

    /// As [`Engine::with_encoder`], starting from the vectors a server
    /// keeps in `stored` ([`crate::vector_file`]), which is read and left
    /// as it is: only the texts it lacks are encoded, in memory. A
    /// question asked on the command line of a site a server has encoded
    /// takes a second where encoding every passage again took half a
    /// minute for the built-in site and would take hours for a large one;
    /// and the server, which may be appending to the file at that moment,
    /// is the file's one writer.
    pub fn with_encoder_reading(
        self,
        encoder: Arc<dyn Encoder>,
        stored: &Path,
    ) -> Result<Engine, Error> {
        let vectors = Vectors::new(encoder, None);
        vectors.read_from(stored).map_err(|source| Error::Vectors {
            path: stored.to_path_buf(),
            source,
        })?;
        self.encoding_now(vectors)
    }

    /// Attaches `vectors` and encodes, on this thread, every text of the
    /// engine's passages they lack.
    fn encoding_now(self, vectors: Arc<Vectors>) -> Result<Engine, Error> {
        let engine = self.with_vectors(vectors.clone());
        // What a server's worker keeps when it drops stale records; here
        // nothing is dropped, so the set is not read.
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
        let groups = self.synonyms.get(&lang).map(Vec::as_slice).unwrap_or(&[]);
        for (gi, phrase) in synonyms_met(groups, &terms) {
            terms.retain(|t| !phrase.contains(t));
            key.push(format!("~{}", groups[gi].name));
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
    pub(super) fn semantic_candidates(&self, lang: Lang) -> usize {
        match &self.semantic {
            Some(sem) if sem.encoder.languages().contains(&lang) => sem.tuning.candidates,
            _ => 0,
        }
    }

    /// The question's vector, encoded the first time a language's ranking
    /// needs it and kept in `cell` for the others.
    pub(super) fn question_vector<'c>(
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
    pub(super) fn similarities_of(
        &self,
        sem: &Semantic,
        q: &[f32],
        wanted: impl Fn(usize) -> bool,
    ) -> Vec<(usize, f32)> {
        let (slots, keys) = self.keyed_slots(wanted);
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
    pub(super) fn add_by_meaning(
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
    /// language, as its [`Tuning`](crate::Tuning) says: a symmetric model only when the
    /// lexical ranking is close at the top, a retrieval model always.
    pub(super) fn rerank_semantic(
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

    /// The question's neighbouring words, as pairs of term ids with the
    /// number of positions between them (a stop word keeps its position:
    /// "capital of Afghanistan" is `capital`, 2, `afghanistan`), each
    /// weighed by the lighter of its two words' concepts. A word that is
    /// no concept of its own (a compound's part) makes no pair.
    pub(super) fn question_pairs(
        &self,
        concepts: &[Concept],
        question: &str,
        lang: Lang,
    ) -> Vec<Pair> {
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
    pub(super) fn phrase_share(pairs: &[Pair], tokens: &[analyzed::Tok]) -> f32 {
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

    /// The model, when it is calibrated to say that the site holds no
    /// answer ([`Tuning::abstain_below`](crate::Tuning::abstain_below)): only then are similarities
    /// across passages and languages comparable enough to decide with.
    pub(super) fn calibrated(&self) -> Option<&Semantic> {
        self.semantic
            .as_ref()
            .filter(|sem| sem.tuning.abstain_below.is_some())
    }

    /// The question's similarity to each of `texts`, encoded now as passages.
    pub(super) fn similarities(
        sem: &Semantic,
        q: &[f32],
        texts: &[&str],
    ) -> Result<Vec<f32>, Error> {
        Ok(sem
            .encoder
            .encode(texts, Role::Passage)?
            .iter()
            .map(|v| crate::semantic::dot(q, v))
            .collect())
    }

    /// When the reader's language holds no confident answer
    /// ([`AcrossWhen::Unanswered`]), or one another language's passage
    /// stands far closer to ([`AcrossWhen::Instead`]): the passage in
    /// another language closest in meaning to the question, compared with
    /// every passage of those languages that has a vector (a multilingual
    /// model puts a question and its answer close whatever their
    /// languages, where their words share nothing), as it is and, failing
    /// that, taken from its language's mean
    /// ([`Self::closest_across_centered`]), and its sentence closest to the
    /// question, quoted in its own language with the closer of its
    /// neighbours: across languages a small model tells a passage's
    /// sentences apart less sharply than it tells passages apart
    /// (multilingual-e5-small puts "Where is the capital?" in Pashto
    /// closer to the Dari sentence before "the capital, Kabul" than to that
    /// one). `None` without a calibrated model, when no passage stands at
    /// the model's cutoffs, or when one in the reader's language (`own`, the
    /// best similarity among its candidates) stands as close: the reader's
    /// language's closest passage did not answer, and one no closer in
    /// another language is no likelier to.
    ///
    /// The comparison is linear in the passages: a few milliseconds at the
    /// built-in site's size, about 17 ms by the means at 100,000 (the
    /// `scan_cost` example). The passage's sentences are encoded now, as
    /// few passages are ever quoted this way.
    pub(super) fn answer_across(
        &self,
        question: &str,
        lang: Lang,
        when: AcrossWhen,
        question_vector: &OnceCell<Vec<f32>>,
    ) -> Result<Option<Across>, Error> {
        let Some(sem) = self.calibrated() else {
            return Ok(None);
        };
        let centered_cut = sem.tuning.across_centered_below;
        let (own, margin) = match when {
            AcrossWhen::Unanswered(own) => (own, ACROSS_MARGIN),
            // Only by the means: the plain similarity cannot tell a
            // passage elsewhere from the reader's language's.
            AcrossWhen::Instead if centered_cut.is_some() => (None, INSTEAD_MARGIN),
            AcrossWhen::Instead => return Ok(None),
        };
        let q = Self::question_vector(sem, question, question_vector)?;
        let plain = match when {
            AcrossWhen::Unanswered(_) => {
                let cut = sem
                    .tuning
                    .across_below
                    .or(sem.tuning.abstain_below)
                    .unwrap_or(f32::INFINITY)
                    .max(own.map_or(f32::NEG_INFINITY, |o| o + ACROSS_MARGIN));
                self.similarities_of(sem, q, |slot| {
                    self.slot_langs.get(slot).is_some_and(|l| *l != lang)
                })
                .into_iter()
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .filter(|(_, sim)| *sim >= cut)
            }
            AcrossWhen::Instead => None,
        };
        let chosen = match plain {
            Some(found) => Some(found),
            None => centered_cut.and_then(|cut| {
                self.closest_across_centered(sem, q, lang)
                    .filter(|c| c.centered >= cut && c.own.is_none_or(|o| c.centered >= o + margin))
                    .map(|c| (c.slot, c.similarity))
            }),
        };
        let Some((slot, similarity)) = chosen else {
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
        // A table's header row is not quoted: it names the columns of the
        // row that is.
        let header = |i: usize| sents[i].header;
        let Some((si, _)) = by_sentence
            .iter()
            .enumerate()
            .filter(|&(i, _)| !header(i))
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
        else {
            return Ok(None);
        };
        // The question's words in the passage's language, for highlights.
        let concepts = self.concepts(question, loaded.passage.lang);
        // Its closer neighbour joins it, or the one before when it points
        // back to that (`refers_back`).
        let before = si.checked_sub(1).filter(|&i| !header(i));
        let neighbour = match before {
            Some(i) if super::cues::refers_back(texts[si], loaded.passage.lang) => Some(i),
            _ => [
                before,
                Some(si + 1).filter(|&n| n < texts.len() && !header(n)),
            ]
            .into_iter()
            .flatten()
            .max_by(|&a, &b| by_sentence[a].total_cmp(&by_sentence[b])),
        };
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

    /// The passage of another language than `lang` closest to the
    /// question when each vector, the question's too, is taken from its
    /// language's mean passage vector and normalized, with the reader's
    /// language's best so taken; `None` when the reader's language, or
    /// every other, has fewer than [`MEAN_MIN_PASSAGES`] passages with
    /// vectors.
    ///
    /// A multilingual model's vectors share a part by language, whatever
    /// the text says: with multilingual-e5-small a Dari question stands
    /// closer to a Dari paragraph on another subject than to the English
    /// one that answers it, so across languages the plain similarity
    /// finds an answer only where the two languages are close (Dari and
    /// Pashto). Taking each language's mean away leaves what the texts
    /// say (Libovický et al., "On the Language Neutrality of Pre-trained
    /// Multilingual Representations", 2020). The mean is the site's own,
    /// over every passage of the language, taken again only when the
    /// passages with vectors change.
    pub(super) fn closest_across_centered(
        &self,
        sem: &Semantic,
        q: &[f32],
        lang: Lang,
    ) -> Option<Centered> {
        let (slots, keys) = self.keyed_slots(|_| true);
        let stamp = (
            sem.vectors.len(),
            keys.len(),
            keys.iter()
                .fold(0u128, |sum, k| sum.wrapping_add(u128::from_le_bytes(*k))),
        );
        let means = self.means(sem, stamp, &slots, &keys);
        let (own_mean, _) = means.of(lang)?;
        // A site of one language (a public set's, or one whose other
        // languages have too few passages) has nothing to compare.
        if means.by_lang.iter().all(|(l, _, _)| *l == lang) {
            return None;
        }
        let mut qc: Vec<f32> = q.iter().zip(own_mean).map(|(a, m)| a - m).collect();
        let norm = crate::semantic::dot(&qc, &qc).sqrt();
        if norm <= f32::EPSILON {
            return None;
        }
        qc.iter_mut().for_each(|x| *x /= norm);
        // The centred question's share along each language's mean.
        let shift: Vec<f32> = means
            .by_lang
            .iter()
            .map(|(_, m, _)| crate::semantic::dot(&qc, m))
            .collect();
        sem.vectors.with(&keys, |found| {
            let mut own: Option<f32> = None;
            let mut best: Option<Centered> = None;
            for (v, &slot) in found.iter().zip(&slots) {
                let Some(v) = v else { continue };
                let l = self.slot_langs[slot];
                let Some(i) = means.by_lang.iter().position(|(ml, _, _)| *ml == l) else {
                    continue;
                };
                let (_, mean, mean_sq) = &means.by_lang[i];
                // |v − mean|², the vector being of unit length.
                let len_sq = 1.0 - 2.0 * dot16(mean, v) + mean_sq;
                if len_sq <= f32::EPSILON {
                    continue;
                }
                let centered = (dot16(&qc, v) - shift[i]) / len_sq.sqrt();
                if l == lang {
                    own = Some(own.map_or(centered, |o| o.max(centered)));
                } else if best.as_ref().is_none_or(|b| centered > b.centered) {
                    best = Some(Centered {
                        slot,
                        centered,
                        similarity: dot16(q, v),
                        own: None,
                    });
                }
            }
            best.map(|b| Centered { own, ..b })
        })
    }

    /// The live slots with a vector key that `wanted` keeps, and their keys.
    fn keyed_slots(&self, wanted: impl Fn(usize) -> bool) -> (Vec<usize>, Vec<Key>) {
        let keys = self.slot_keys.read().unwrap_or_else(|p| p.into_inner());
        keys.iter()
            .enumerate()
            .filter_map(|(slot, k)| Some((slot, (*k)?)))
            .filter(|(slot, _)| !self.free.contains(slot) && wanted(*slot))
            .unzip()
    }

    /// Each language's mean passage vector over `slots` (whose keys are
    /// `keys`), as kept when taken over the same (`stamp`), else taken now.
    fn means(
        &self,
        sem: &Semantic,
        stamp: (usize, usize, u128),
        slots: &[usize],
        keys: &[Key],
    ) -> Arc<Means> {
        use half::slice::HalfFloatSliceExt;
        let mut kept = self.means.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(means) = kept.as_ref().filter(|m| m.stamp == stamp) {
            return means.clone();
        }
        let by_lang = sem.vectors.with(keys, |found| {
            let mut sums: Vec<(Lang, Vec<f32>, usize)> = Vec::new();
            let mut wide: Vec<f32> = Vec::new();
            for (v, &slot) in found.iter().zip(slots) {
                let Some(v) = v else { continue };
                let l = self.slot_langs[slot];
                let at = match sums.iter().position(|(sl, _, _)| *sl == l) {
                    Some(at) => at,
                    None => {
                        sums.push((l, vec![0.0; v.len()], 0));
                        sums.len() - 1
                    }
                };
                let (_, sum, count) = &mut sums[at];
                if sum.len() != v.len() {
                    continue;
                }
                wide.resize(v.len(), 0.0);
                v.convert_to_f32_slice(&mut wide);
                sum.iter_mut().zip(&wide).for_each(|(s, x)| *s += x);
                *count += 1;
            }
            sums.into_iter()
                .filter(|(_, _, count)| *count >= MEAN_MIN_PASSAGES)
                .map(|(l, sum, count)| {
                    let mean: Vec<f32> = sum.iter().map(|s| s / count as f32).collect();
                    let sq = crate::semantic::dot(&mean, &mean);
                    (l, mean, sq)
                })
                .collect()
        });
        let means = Arc::new(Means { stamp, by_lang });
        *kept = Some(means.clone());
        means
    }

    /// The question's similarity to its most similar passage in `lang` among
    /// `hits`, when the model was asked.
    pub(super) fn best_similarity(&self, hits: &[Hit], lang: Lang) -> Option<f32> {
        hits.iter()
            .filter(|h| self.slot_langs[h.passage] == lang)
            .filter_map(|h| h.similarity)
            .reduce(f32::max)
    }
}

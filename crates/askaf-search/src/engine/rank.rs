//! Lexical ranking: tantivy's BM25 candidates re-ranked by how much of the
//! question a passage covers and how close together it holds the words.

use std::cell::OnceCell;

use askaf_content::Lang;
use rustc_hash::FxHashMap;
use tantivy::collector::TopDocs;

use crate::Error;

use super::answer::Hit;
use super::{analyzed, bm25, in_ids, Concept, Engine, NO_TERM};

impl Engine {
    /// [`Self::coverage`] over term ids: the form the per-question loops use.
    pub(super) fn covers(concepts: &[Concept], has: impl Fn(u32) -> bool) -> f32 {
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
    pub(super) fn coverage(concepts: &[Concept], has: impl Fn(&str) -> bool) -> f32 {
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
    pub(super) fn first_terms(concepts: &[Concept]) -> FxHashMap<u32, Vec<usize>> {
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

    /// 1 when every matched concept stands in one short window, falling towards 0 as they spread.
    pub(super) fn proximity(
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

    pub(super) fn search_lang(
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

    pub(super) fn search_concepts(
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
}

//! BM25's statistics over the live passages, kept by the engine.
//!
//! Tantivy scores a term with three numbers: how many documents the index
//! holds, how many of them have the term in the field, and how many tokens
//! the field has in all. It reads them from its segments, which go on
//! counting a deleted document until a merge rewrites its segment. An index
//! that [`Engine::update`](super::Engine::update) changed in place would then
//! score passages differently from one built afresh over the same passages,
//! and differently again after each merge. The engine counts the same three
//! numbers over the passages it holds and hands them to tantivy instead:
//! they are what tantivy itself reads from an index built afresh, so ranking
//! is unchanged, and an updated index ranks exactly as a rebuilt one.

use std::collections::{BTreeMap, BTreeSet};

use askaf_content::Lang;
use rustc_hash::FxHashMap;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::tokenizer::MAX_TOKEN_LEN;
use tantivy::Term;

use super::{headings_text, LangFields, Prepared};
use crate::language;
use crate::passage::Passage;

/// The counts of the live passages' documents.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Bm25Stats {
    /// Documents, of every language: tantivy's BM25 averages a field's
    /// length over all the documents of the index.
    docs: u64,
    /// By field id: tokens in all, and in how many documents each term (by id) occurs.
    fields: Vec<FieldCounts>,
}

#[derive(Debug, Default, Clone, PartialEq)]
struct FieldCounts {
    tokens: u64,
    df: FxHashMap<u32, u32>,
}

/// What one passage's document adds to the counts: for each of its text
/// fields, the tokens tantivy indexes and the ids of its distinct terms.
pub(super) struct Share {
    fields: Vec<(Field, u64, Vec<u32>)>,
}

/// The title, question and headings last counted, with their counts: the
/// passages of an article come one after another and share their title and
/// question, and a section's passages their headings, so most passages need
/// only their body analyzed.
#[derive(Default)]
pub(super) struct Recent {
    /// Per kind: title, question, headings.
    last: [Option<Counted>; 3],
}

/// A text in a language, with its tokens and its distinct terms' ids.
type Counted = (Lang, String, u64, Vec<u32>);

impl Share {
    /// The passage's share, numbering any term not yet numbered (a term of
    /// the joined headings, say, that no heading alone yields).
    pub fn of(
        p: &Passage,
        prep: &Prepared,
        f: &LangFields,
        term_ids: &mut super::Terms,
        recent: &mut Recent,
    ) -> Share {
        let body = counted(prep.tokens.iter().map(|t| t.term.as_str()), term_ids);
        let mut fields = vec![(f.body, body.0, body.1)];
        let headings = headings_text(p);
        let texts = [
            (f.title, &p.title),
            (f.question, &p.question),
            (f.headings, &headings),
        ];
        for (kind, (field, text)) in texts.into_iter().enumerate() {
            let last = &mut recent.last[kind];
            let (tokens, ids) = match last {
                Some((lang, t, tokens, ids)) if *lang == p.lang && t == text => {
                    (*tokens, ids.clone())
                }
                _ => {
                    let terms = askaf_text::analyze(text, language(p.lang));
                    let (tokens, ids) = counted(terms.iter().map(|t| t.term.as_str()), term_ids);
                    *last = Some((p.lang, text.clone(), tokens, ids.clone()));
                    (tokens, ids)
                }
            };
            fields.push((field, tokens, ids));
        }
        Share { fields }
    }
}

impl Share {
    /// Each field's id with the ids of the terms whose counts this share
    /// changes: what a journal entry of the update must say of BM25.
    pub fn touched(&self) -> impl Iterator<Item = (usize, &[u32])> + '_ {
        self.fields
            .iter()
            .map(|(field, _, ids)| (field.field_id() as usize, ids.as_slice()))
    }
}

/// A field's tokens as tantivy counts them, and its distinct terms' ids.
fn counted<'a>(
    terms: impl Iterator<Item = &'a str>,
    term_ids: &mut super::Terms,
) -> (u64, Vec<u32>) {
    let mut tokens = 0;
    let mut ids: Vec<u32> = Vec::new();
    // Tantivy drops a token longer than this, uncounted.
    for t in terms.filter(|t| t.len() <= MAX_TOKEN_LEN) {
        tokens += 1;
        ids.push(term_ids.intern(t));
    }
    ids.sort_unstable();
    ids.dedup();
    (tokens, ids)
}

impl Bm25Stats {
    /// Entries of the per-field document frequencies, all fields together.
    pub fn df_entries(&self) -> usize {
        self.fields.iter().map(|f| f.df.len()).sum()
    }

    pub fn add(&mut self, share: &Share) {
        self.docs += 1;
        for (field, tokens, ids) in &share.fields {
            let i = field.field_id() as usize;
            if self.fields.len() <= i {
                self.fields.resize_with(i + 1, FieldCounts::default);
            }
            let counts = &mut self.fields[i];
            counts.tokens += tokens;
            for &id in ids {
                *counts.df.entry(id).or_insert(0) += 1;
            }
        }
    }

    /// Takes out a share [`Self::add`] put in. A term whose count falls to
    /// 0 is dropped, so the counts are the same as if never added.
    pub fn remove(&mut self, share: &Share) {
        self.docs = self.docs.saturating_sub(1);
        for (field, tokens, ids) in &share.fields {
            let Some(counts) = self.fields.get_mut(field.field_id() as usize) else {
                continue;
            };
            counts.tokens = counts.tokens.saturating_sub(*tokens);
            for id in ids {
                if let Some(n) = counts.df.get_mut(id) {
                    *n -= 1;
                    if *n == 0 {
                        counts.df.remove(id);
                    }
                }
            }
        }
    }

    /// Writes the counts to the record beside the index.
    pub fn write<W: std::io::Write>(&self, w: &mut super::codec::Writer<W>) {
        w.u64(self.docs);
        w.len(self.fields.len());
        for c in &self.fields {
            w.u64(c.tokens);
            w.pairs(c.df.iter().map(|(&id, &n)| (id, n)));
        }
    }

    /// Reads back what [`Self::write`] wrote; `None` for a term id not
    /// below `terms` (the record does not hold together).
    pub fn read(r: &mut super::codec::Reader<'_>, terms: usize) -> Option<Bm25Stats> {
        let docs = r.u64()?;
        let n = r.len(12)?;
        let mut fields = Vec::with_capacity(n);
        for _ in 0..n {
            let tokens = r.u64()?;
            let pairs = r.pairs()?;
            if pairs.iter().any(|&(id, _)| id as usize >= terms) {
                return None;
            }
            fields.push(FieldCounts {
                tokens,
                df: pairs.into_iter().collect(),
            });
        }
        Some(Bm25Stats { docs, fields })
    }

    /// Writes what an update changed: the documents, and for each field in
    /// `touched` its tokens and the document frequency each of its touched
    /// terms now has (0 for one no document has any more). Read back by
    /// [`Self::apply_changes`].
    pub fn write_changes<W: std::io::Write>(
        &self,
        w: &mut super::codec::Writer<W>,
        touched: &BTreeMap<usize, BTreeSet<u32>>,
    ) {
        w.u64(self.docs);
        w.len(touched.len());
        for (&field, ids) in touched {
            let counts = self.fields.get(field);
            w.len(field);
            w.u64(counts.map_or(0, |c| c.tokens));
            w.pairs(
                ids.iter()
                    .map(|id| (*id, counts.and_then(|c| c.df.get(id)).copied().unwrap_or(0))),
            );
        }
    }

    /// Applies what [`Self::write_changes`] wrote; `None` for a term id not
    /// below `terms` (the entry does not hold together).
    pub fn apply_changes(&mut self, r: &mut super::codec::Reader<'_>, terms: usize) -> Option<()> {
        self.docs = r.u64()?;
        for _ in 0..r.len(16)? {
            let field = r.u32()? as usize;
            let tokens = r.u64()?;
            let pairs = r.pairs()?;
            if pairs.iter().any(|&(id, _)| id as usize >= terms) {
                return None;
            }
            // A field id from a garbled entry would grow the list without bound.
            if field > u8::MAX as usize {
                return None;
            }
            if self.fields.len() <= field {
                self.fields.resize_with(field + 1, FieldCounts::default);
            }
            let counts = &mut self.fields[field];
            counts.tokens = tokens;
            for (id, n) in pairs {
                if n == 0 {
                    counts.df.remove(&id);
                } else {
                    counts.df.insert(id, n);
                }
            }
        }
        Some(())
    }

    /// The counts with terms as text, to compare two engines' (whose term
    /// ids differ): documents, and by field id its tokens and document
    /// frequencies. A field no passage uses is left out, as never seen.
    #[cfg(test)]
    pub fn by_term(&self, terms: &super::Terms) -> (u64, TermCounts) {
        let fields = self
            .fields
            .iter()
            .enumerate()
            .filter(|(_, c)| c.tokens > 0 || !c.df.is_empty())
            .map(|(i, c)| {
                let df =
                    c.df.iter()
                        .map(|(&i, &n)| (terms.text(i).to_string(), n))
                        .collect();
                (i, (c.tokens, df))
            })
            .collect();
        (self.docs, fields)
    }
}

/// By field id, its tokens and each term's document frequency.
#[cfg(test)]
pub(super) type TermCounts =
    std::collections::BTreeMap<usize, (u64, std::collections::BTreeMap<String, u32>)>;

/// The counts as tantivy asks for them.
pub(super) struct Statistics<'a> {
    pub stats: &'a Bm25Stats,
    pub terms: &'a super::Terms,
}

impl Bm25StatisticsProvider for Statistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        Ok(self
            .stats
            .fields
            .get(field.field_id() as usize)
            .map_or(0, |c| c.tokens))
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.stats.docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let df = term
            .value()
            .as_str()
            .and_then(|t| self.terms.get(t))
            .and_then(|id| {
                self.stats
                    .fields
                    .get(term.field().field_id() as usize)?
                    .df
                    .get(&id)
            })
            .copied()
            .unwrap_or(0);
        Ok(u64::from(df))
    }
}

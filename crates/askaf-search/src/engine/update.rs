//! Incremental indexing: an edited article re-indexes only its own passages.
//!
//! [`Engine::update`] takes whole articles out and puts whole articles in,
//! in the tantivy index and in every structure the engine keeps beside it,
//! so that it then answers exactly as an engine built afresh over the
//! resulting passages would (see the tests at the end). [`Engine::on_disk`]
//! uses it to open an index written before some articles changed.
//!
//! How each structure follows an update, and why that is exact:
//! - Passages live in slots, which [`Hit::passage`](crate::Hit::passage)
//!   numbers. A removed passage's slot is freed (its document is deleted,
//!   so no search returns it) and is filled by the next passage added,
//!   lowest slot first. Ties between equal scores are broken by slot, so
//!   the engine matches a fresh build over its live passages taken in slot
//!   order. Scores may differ in the last bits: tantivy adds up a
//!   document's term scores in an order that depends on its segment.
//!   Where tantivy's cut to 3 × limit candidates falls inside a run of
//!   equal scores, it keeps the tied documents that come first in its
//!   segments, which an update places differently; two fresh builds of an
//!   index of several segments already differ there (tantivy orders
//!   segments by random ids).
//! - Per-language document counts, document frequencies and context terms
//!   are counts, decremented on removal; a term whose count falls to 0 is
//!   dropped, as a fresh build would never have had it.
//! - The typo-tolerance vocabulary gains a new term of four or more
//!   characters in its sorted place and loses a term no passage holds.
//! - BM25 reads the engine's own counts (see `bm25.rs`), not tantivy's,
//!   which count deleted documents until a merge.
//! - Term ids are only ever added. A stale id (of a term no passage holds
//!   any more) is harmless: ids are only compared for equality, between a
//!   question's terms and passages' sets, and no live passage's set holds
//!   it, so it matches nothing, exactly as [`NO_TERM`](super::NO_TERM) does
//!   in a fresh build. It costs a map entry per word ever indexed.
//! - Vectors of an encoder are computed for the new passages only; texts
//!   the replaced passages had (paragraphs an edit left alone) reuse theirs.

use std::collections::BTreeSet;
use std::sync::Arc;

use askaf_content::Lang;
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::Term;

use crate::passage::Passage;
use crate::Error;

use super::bm25::Share;
use super::record::{JOURNAL, RECORD};
use super::{
    article_key, document, fingerprint, index_writer, number_terms, prepare, texts_to_encode,
    Engine, LangStats, Loaded, PassagesOf, Prepared, Terms, VocabWord,
};

/// What one [`Engine::update`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpdateStats {
    /// Articles the engine held that were taken out (removed or replaced).
    pub articles_removed: usize,
    /// Their passages, whose documents were deleted.
    pub passages_removed: usize,
    /// Articles put in (new or replacing).
    pub articles_added: usize,
    /// Their passages: the only ones analyzed and indexed.
    pub passages_added: usize,
}

/// What [`prepare`] reads of a passage: two passages alike in it are
/// analyzed alike (but for their kind, compared apart).
type PreparedFrom<'a> = (Lang, &'a str, &'a str, &'a [String], &'a str);

fn prepared_from(p: &Passage) -> PreparedFrom<'_> {
    (p.lang, &p.title, &p.question, &p.headings, &p.text)
}

impl UpdateStats {
    fn plus(self, o: UpdateStats) -> UpdateStats {
        UpdateStats {
            articles_removed: self.articles_removed + o.articles_removed,
            passages_removed: self.passages_removed + o.passages_removed,
            articles_added: self.articles_added + o.articles_added,
            passages_added: self.passages_added + o.passages_added,
        }
    }
}

/// How the engine came by its tantivy index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexOpening {
    /// Built whole: in memory, or on disk where no current index was found.
    Built,
    /// Found on disk and brought up to date by re-indexing only the
    /// articles that changed, appeared or went since it was written.
    Reused(UpdateStats),
}

/// How many changed articles' passages a catch-up gathers before it
/// indexes them: a site whose every article changed (an analysis that
/// changed) is re-indexed in batches, never held whole in memory.
const CATCH_UP_BATCH: usize = 4096;

impl LangStats {
    /// Counts a passage out, as if [`LangStats::add`] had never counted it in.
    fn remove(&mut self, prep: &Prepared, terms: &Terms) {
        self.docs = self.docs.saturating_sub(1);
        for t in &prep.context {
            if let Some(id) = terms.get(t) {
                self.context_terms.decrement(id);
            }
        }
        for t in &prep.all_terms {
            if let Some(id) = terms.get(t) {
                if self.df.decrement(id) {
                    self.forget_word(id, terms);
                }
            }
        }
    }

    /// Puts a term new to the language into the vocabulary, in order.
    pub(super) fn learn_word(&mut self, id: u32, terms: &Terms) {
        let Some((len, w)) = VocabWord::new(id, terms.text(id)) else {
            return;
        };
        let term = terms.text(id);
        let words = self.vocab.entry(len).or_default();
        if let Err(i) = words.binary_search_by(|v| terms.text(v.id).cmp(term)) {
            words.insert(i, w);
        }
    }

    fn forget_word(&mut self, id: u32, terms: &Terms) {
        let term = terms.text(id);
        let len = term.chars().count();
        if let Some(words) = self.vocab.get_mut(&len) {
            if let Ok(i) = words.binary_search_by(|v| terms.text(v.id).cmp(term)) {
                words.remove(i);
            }
            if words.is_empty() {
                self.vocab.remove(&len);
            }
        }
    }
}

/// Each article's [`fingerprint`] over `passages` (its passages in order).
fn fingerprints_of(passages: &[Passage]) -> FxHashMap<(Lang, String), String> {
    let mut groups: FxHashMap<(Lang, String), Vec<&Passage>> = FxHashMap::default();
    for p in passages {
        groups
            .entry((p.lang, p.article.clone()))
            .or_default()
            .push(p);
    }
    groups
        .into_iter()
        .map(|(key, ps)| (key, fingerprint(ps)))
        .collect()
}

impl Engine {
    /// Takes out every passage of the articles in `remove` and of the
    /// articles that `add` has passages of, then puts in `add`: an article
    /// is replaced whole, so give all of its passages at once (as
    /// [`crate::passages_from_site`] makes them). Only the new passages are
    /// analyzed, indexed and (with an encoder) encoded; the documents of
    /// the articles taken out are deleted (their passages are read back
    /// first, to count them out). The engine then answers as one built
    /// afresh over its passages would.
    ///
    /// An article in `remove` that the engine does not hold is no error.
    /// With an index on disk, what the call changed is appended to the
    /// record's journal beside it (see this module's `Disk`), so that
    /// [`Engine::on_disk`] can reopen it later without analyzing anything;
    /// passing several articles to one call appends one entry.
    ///
    /// Errors: one from reading back, analysis, encoding or tantivy before
    /// its commit leaves everything as it was, and the same call can be
    /// tried again. One writing the record comes after the engine took the
    /// change in: it answers from the new passages, and the next `on_disk`
    /// rebuilds the index unless a later update writes the record (after a
    /// failed append, the next update writes a whole snapshot). If
    /// tantivy committed but its reader cannot reload, the engine keeps
    /// answering from the old passages and refuses further updates
    /// ([`Error::Diverged`]): open it again. Another writer on the same
    /// directory (tantivy's lock) is an error before the commit.
    ///
    /// Each call commits to tantivy and waits for the merges the commit
    /// starts, which keep the number of segments (and the deleted documents
    /// they carry) small; a merge of large segments can take a second.
    pub fn update(
        &mut self,
        remove: &[(Lang, String)],
        add: Vec<Passage>,
    ) -> Result<UpdateStats, Error> {
        let versions = fingerprints_of(&add);
        self.update_versioned(remove, add, versions)
    }

    /// [`Engine::update`], recording `versions` (by article) as the added
    /// articles' versions, as [`Engine::on_disk_with`] compares them.
    pub fn update_versioned(
        &mut self,
        remove: &[(Lang, String)],
        add: Vec<Passage>,
        versions: FxHashMap<(Lang, String), String>,
    ) -> Result<UpdateStats, Error> {
        if self.diverged {
            return Err(Error::Diverged);
        }
        let mut seen: FxHashSet<(Lang, String)> = FxHashSet::default();
        let gone: Vec<(Lang, String)> = remove
            .iter()
            .cloned()
            .chain(add.iter().map(|p| (p.lang, p.article.clone())))
            .filter(|key| seen.insert(key.clone()))
            .collect();
        if gone.is_empty() {
            return Ok(UpdateStats::default());
        }
        let freed: Vec<usize> = gone
            .iter()
            .filter_map(|key| self.articles.get(key))
            .flatten()
            .map(|&s| s as usize)
            .collect();
        let added: FxHashSet<(Lang, String)> =
            add.iter().map(|p| (p.lang, p.article.clone())).collect();
        let stats = UpdateStats {
            articles_removed: gone
                .iter()
                .filter(|key| self.articles.contains_key(*key))
                .count(),
            passages_removed: freed.len(),
            articles_added: added.len(),
            passages_added: add.len(),
        };
        // Slots for the new passages: free ones first, lowest first, then new ones at the end.
        let mut open: BTreeSet<usize> = self.free.iter().chain(&freed).copied().collect();
        let mut end = self.slot_langs.len();
        let slots: Vec<usize> = add
            .iter()
            .map(|_| {
                open.pop_first().unwrap_or_else(|| {
                    end += 1;
                    end - 1
                })
            })
            .collect();

        // What can fail comes before the engine changes: reading back the
        // passages that go, the analyses, the vectors, the commit.
        let old: FxHashMap<usize, Arc<Loaded>> = freed
            .iter()
            .map(|&slot| {
                let loaded = self
                    .load(slot)?
                    .ok_or_else(|| Error::Stored(format!("slot {slot}")))?;
                Ok((slot, loaded))
            })
            .collect::<Result<_, Error>>()?;
        let prepared: Vec<Prepared> = add.iter().map(prepare).collect();
        // An edit leaves most passages of an article as they were: one that
        // goes whose words come back is counted out with the analysis of the
        // one that comes (the same words analyze alike), not analyzed again.
        // Until 7 December every passage that went was: a publish of an
        // article of 2,800 paragraphs analyzed 5,600.
        let mut same: FxHashMap<PreparedFrom<'_>, usize> = FxHashMap::default();
        for (i, p) in add.iter().enumerate() {
            same.entry(prepared_from(p)).or_insert(i);
        }
        self.want_vectors_of(&add, &prepared)?;
        let mut writer = index_writer(&self.index)?;
        for (lang, slug) in &gone {
            writer.delete_term(Term::from_field_text(
                self.ix.article,
                &article_key(*lang, slug),
            ));
        }
        // The new passages' terms are numbered before their documents are
        // written, which store them as ids. Should the commit fail, the new
        // ids stay unused, which is harmless (see the module's notes).
        for prep in &prepared {
            number_terms(&mut self.terms, prep);
        }
        for ((&slot, p), prep) in slots.iter().zip(&add).zip(&prepared) {
            let analysis = super::analyzed::encode(prep, &self.terms);
            writer.add_document(document(&self.ix, slot, p, analysis))?;
        }
        let opstamp = writer.commit()?;
        // The commit stands whatever the merges do: a merge that fails
        // leaves its segments as they were, still correct.
        let _ = writer.wait_merging_threads();
        if let Err(e) = self.reader.reload() {
            // The index holds the new documents, the engine does not know
            // them: it answers from the old ones (the reader still has
            // them), refuses further updates, and the record goes, so the
            // next `on_disk` rebuilds.
            self.diverged = true;
            if let Some(disk) = &self.disk {
                let _ = std::fs::remove_file(disk.dir.join(RECORD));
                let _ = std::fs::remove_file(disk.dir.join(JOURNAL));
            }
            return Err(e.into());
        }

        {
            let at_hand = self.loaded.get_mut().unwrap_or_else(|p| p.into_inner());
            for slot in &freed {
                at_hand.pop(slot);
            }
        }
        for key in &gone {
            for slot in self.articles.remove(key).unwrap_or_default() {
                let slot = slot as usize;
                if let Some(loaded) = old.get(&slot) {
                    let came = same
                        .get(&prepared_from(&loaded.passage))
                        .filter(|&&i| add[i].kind == loaded.passage.kind)
                        .map(|&i| &prepared[i]);
                    self.vacate(slot, loaded, came);
                }
            }
            if let Some(disk) = &mut self.disk {
                disk.fingerprints.remove(key);
            }
        }
        {
            // Freed slots lose their key; new passages in the model's
            // languages get theirs, for answers across languages.
            let keys = self.slot_keys.get_mut().unwrap_or_else(|p| p.into_inner());
            for &slot in &freed {
                if let Some(k) = keys.get_mut(slot) {
                    *k = None;
                }
            }
            if let Some(sem) = &self.semantic {
                for (&slot, p) in slots.iter().zip(&add) {
                    if sem.encoder.languages().contains(&p.lang) {
                        if keys.len() <= slot {
                            keys.resize(slot + 1, None);
                        }
                        keys[slot] = Some(crate::vectors::key(&p.text));
                    }
                }
            }
        }
        for ((&slot, p), prep) in slots.iter().zip(&add).zip(&prepared) {
            self.occupy(slot, p, prep, true);
        }

        if let Some(disk) = &mut self.disk {
            disk.fingerprints.extend(versions);
            let changed: BTreeSet<usize> = freed.iter().chain(&slots).copied().collect();
            self.record_update(opstamp, &gone, &added, &changed)?;
        }
        Ok(stats)
    }

    /// How the tantivy index was come by: built, or reopened and updated.
    pub fn opening(&self) -> IndexOpening {
        self.opening
    }

    /// Counts a passage (analyzed) in, in `slot`: a free one or the next at
    /// the end. `incremental` keeps the vocabulary in order as it goes; a
    /// whole build sorts it once at the end instead. Nothing of the passage
    /// is kept but its counts: a question reads it back from the index.
    pub(super) fn occupy(&mut self, slot: usize, p: &Passage, prep: &Prepared, incremental: bool) {
        number_terms(&mut self.terms, prep);
        let share = Share::of(
            p,
            prep,
            &self.ix.fields[&p.lang],
            &mut self.terms,
            &mut self.recent,
        );
        self.bm25.add(&share);
        if let Some(disk) = &mut self.disk {
            disk.touched.note(p.lang, prep, &share, &self.terms);
        }
        let st = self.stats.entry(p.lang).or_default();
        st.add(prep, &self.terms, incremental);
        self.articles
            .entry((p.lang, p.article.clone()))
            .or_default()
            .push(super::codec::u32_of(slot));
        self.free.remove(&slot);
        match slot.cmp(&self.slot_langs.len()) {
            std::cmp::Ordering::Less => self.slot_langs[slot] = p.lang,
            std::cmp::Ordering::Equal => self.slot_langs.push(p.lang),
            std::cmp::Ordering::Greater => {
                unreachable!(
                    "slots are taken in order: {slot} after {}",
                    self.slot_langs.len()
                )
            }
        }
    }

    /// Frees a slot: its passage `loaded` (read back before its document
    /// went) no longer counts anywhere. `came`: the analysis of a passage
    /// put in by the same update whose words are its own
    /// ([`PreparedFrom`]), which is its analysis too.
    fn vacate(&mut self, slot: usize, loaded: &Loaded, came: Option<&Prepared>) {
        let p = &loaded.passage;
        let lang = p.lang;
        // Its counts are taken out as they were put in: from its terms as text.
        let fresh;
        let prep = match came {
            Some(prep) => prep,
            None => {
                fresh = prepare(p);
                &fresh
            }
        };
        let share = Share::of(
            p,
            prep,
            &self.ix.fields[&lang],
            &mut self.terms,
            &mut self.recent,
        );
        self.bm25.remove(&share);
        if let Some(disk) = &mut self.disk {
            disk.touched.note(lang, prep, &share, &self.terms);
        }
        if let Some(st) = self.stats.get_mut(&lang) {
            st.remove(prep, &self.terms);
            // A fresh build has no statistics for a language without passages.
            if st.docs == 0 {
                self.stats.remove(&lang);
            }
        }
        self.free.insert(slot);
    }

    /// With an encoder, queues the texts of the passages `add` that have
    /// no vector (an edit leaves most paragraphs of an article as they
    /// were, and their texts keep theirs). With a worker, that is all: it
    /// encodes them outside the engine's lock. Without one they are
    /// encoded now, before anything changes, so an error leaves the
    /// engine as it was.
    fn want_vectors_of(&self, add: &[Passage], prepared: &[Prepared]) -> Result<(), Error> {
        let Some(sem) = &self.semantic else {
            return Ok(());
        };
        let with_sentences = sem.tuning.sentence_weight != 0.0;
        sem.vectors
            .want(add.iter().zip(prepared).flat_map(|(p, prep)| {
                texts_to_encode(
                    sem.encoder.as_ref(),
                    with_sentences,
                    p,
                    prep.sentences.iter().map(|s| s.range.clone()),
                )
            }));
        if !sem.vectors.in_background() {
            sem.vectors.encode_now()?;
        }
        Ok(())
    }

    /// Brings a restored engine up to date with `articles`: those whose
    /// version differs from the record's, or that the record lacks, are
    /// indexed anew with `passages`, in batches, and the articles the record
    /// has but `articles` lacks go.
    pub(super) fn catch_up(
        &mut self,
        articles: &[super::ArticleVersion],
        passages: &mut PassagesOf<'_>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(), Error> {
        let listed: FxHashSet<(Lang, String)> =
            articles.iter().map(|a| (a.lang, a.slug.clone())).collect();
        let mut remove: Vec<(Lang, String)> = self
            .articles
            .keys()
            .filter(|key| !listed.contains(*key))
            .cloned()
            .collect();
        let stale: Vec<&super::ArticleVersion> = articles
            .iter()
            .filter(|a| {
                let key = (a.lang, a.slug.clone());
                let recorded = self.disk.as_ref().and_then(|d| d.fingerprints.get(&key));
                !self.articles.contains_key(&key) || recorded != Some(&a.version)
            })
            .collect();
        let mut total = UpdateStats::default();
        let mut pending: Vec<Passage> = Vec::new();
        let mut versions: FxHashMap<(Lang, String), String> = FxHashMap::default();
        for (i, a) in stale.iter().enumerate() {
            let ps = passages(a.lang, &a.slug)?;
            if ps.is_empty() {
                // Nothing to index (no body to be had): whatever the index has of it goes.
                remove.push((a.lang, a.slug.clone()));
            } else {
                pending.extend(ps);
                versions.insert((a.lang, a.slug.clone()), a.version.clone());
            }
            progress(i + 1, stale.len());
            if pending.len() >= CATCH_UP_BATCH || i + 1 == stale.len() {
                let add = std::mem::take(&mut pending);
                let stats = self.update_versioned(
                    &std::mem::take(&mut remove),
                    add,
                    std::mem::take(&mut versions),
                )?;
                total = total.plus(stats);
            }
        }
        if !remove.is_empty() {
            total = total.plus(self.update_versioned(&remove, Vec::new(), FxHashMap::default())?);
        }
        self.opening = IndexOpening::Reused(total);
        Ok(())
    }
}

#[cfg(test)]
mod tests;

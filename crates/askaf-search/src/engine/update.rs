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

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use askaf_content::Lang;
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::{Index, Term};

use super::bm25::{Bm25Stats, Share};
use super::codec::{Reader, Writer};
use super::{
    article_key, document, fingerprint, index_writer, number_terms, prepare, schema,
    texts_to_encode, Counts, Engine, LangStats, Loaded, PassagesOf, Prepared, Terms, VocabWord,
    INDEX_FORMAT,
};
use crate::passage::Passage;
use crate::synonyms::Synonyms;
use crate::{EngineConfig, Error};

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

/// What the engine records in its index directory: which articles the
/// index holds, as of which commit.
///
/// The record is a snapshot ([`RECORD`]) and a journal ([`JOURNAL`]) of
/// the updates since: an edit appends what it changed, a few kilobytes,
/// where rewriting the snapshot costs tens of megabytes at 100,000
/// articles. When the journal outgrows a share of the snapshot
/// ([`COMPACT_SHARE`]), the snapshot is written anew and the journal starts
/// empty, so a restart never replays more than that share.
pub(super) struct Disk {
    dir: PathBuf,
    /// Each article's version, as indexed: what [`Engine::on_disk_with`]
    /// was told, or the [`fingerprint`] of its passages.
    fingerprints: FxHashMap<(Lang, String), String>,
    /// The term ids whose counts changed since the record was last written.
    touched: Touched,
    /// The commit the snapshot describes, which the journal's header names.
    snapshot_opstamp: u64,
    /// The journal's size past which it is compacted: the snapshot's
    /// divided by [`COMPACT_SHARE`] (a test raises it to keep a long journal).
    compact_past: u64,
    /// The journal's size; 0 when there is none (the next entry starts one).
    journal_bytes: u64,
    /// The commit snapshot and journal together describe.
    recorded_opstamp: u64,
    /// How many terms snapshot and journal together hold: the next entry
    /// holds the ones numbered since.
    recorded_terms: usize,
    /// Set when writing to the journal failed: it may lack an entry or end
    /// in a torn one, so the next update writes a whole snapshot instead.
    snapshot_due: bool,
}

impl Disk {
    fn new(dir: &Path, fingerprints: FxHashMap<(Lang, String), String>) -> Disk {
        Disk {
            dir: dir.to_path_buf(),
            fingerprints,
            touched: Touched::default(),
            snapshot_opstamp: 0,
            compact_past: 0,
            journal_bytes: 0,
            recorded_opstamp: 0,
            recorded_terms: 0,
            snapshot_due: true,
        }
    }
}

/// The term ids whose counts the passages counted in or out since the last
/// entry changed: an entry says what those counts now are, and nothing of
/// the counts no passage of the update has, which are most of them.
#[derive(Default)]
struct Touched {
    /// By language: ids of its document frequencies and context counts.
    langs: BTreeMap<Lang, BTreeSet<u32>>,
    /// By BM25 field id: ids of its document frequencies.
    bm25: BTreeMap<usize, BTreeSet<u32>>,
}

impl Touched {
    fn note(&mut self, lang: Lang, prep: &Prepared, share: &Share, terms: &Terms) {
        let ids = self.langs.entry(lang).or_default();
        ids.extend(
            prep.context
                .iter()
                .chain(&prep.all_terms)
                .filter_map(|t| terms.get(t)),
        );
        for (field, field_ids) in share.touched() {
            self.bm25
                .entry(field)
                .or_default()
                .extend(field_ids.iter().copied());
        }
    }
}

/// The snapshot: the file that records what the index directory holds,
/// the engine's statistics, its slots and each article's fingerprint, as of
/// one commit (see [`Engine::write_record`] for the layout); the journal
/// holds the commits since.
const RECORD: &str = "askaf-index.record";

/// The record's first bytes.
const MAGIC: &[u8; 8] = b"ASKAFIX\0";

/// The journal of the updates since the snapshot in [`RECORD`]: a header
/// (its magic, the format, the snapshot's opstamp), then one framed entry
/// per update (see [`Engine::journal_entry`]).
const JOURNAL: &str = "askaf-index.journal";

/// The journal's first bytes.
const JOURNAL_MAGIC: &[u8; 8] = b"ASKAFIJ\0";

/// The journal is compacted into a new snapshot once it is larger than
/// the snapshot divided by this: a restart then reads at most a quarter
/// more than the snapshot, and the snapshot is rewritten once per that
/// many bytes of edits rather than on every edit.
const COMPACT_SHARE: u64 = 4;

/// How many changed articles' passages a catch-up gathers before it
/// indexes them: a site whose every article changed (an analysis that
/// changed) is re-indexed in batches, never held whole in memory.
const CATCH_UP_BATCH: usize = 4096;

fn lang_code(lang: Lang) -> u8 {
    Lang::ALL
        .iter()
        .position(|&l| l == lang)
        .expect("a language") as u8
}

fn lang_of(code: u8) -> Option<Lang> {
    Lang::ALL.get(usize::from(code)).copied()
}

/// The code of a free slot in the record.
const FREE_SLOT: u8 = u8::MAX;

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

/// Writes an article as the record holds it: its language, slug,
/// fingerprint (empty for none) and slots.
fn write_article<W: std::io::Write>(
    w: &mut Writer<W>,
    (lang, slug): &(Lang, String),
    print: Option<&String>,
    slots: &[u32],
) {
    w.u8(lang_code(*lang));
    w.str(slug);
    w.str(print.map_or("", String::as_str));
    w.len(slots.len());
    for &s in slots {
        w.u32(s);
    }
}

/// Numbers `term`, which must be new: false when it already had an id (a
/// record that holds the same term twice does not hold together).
fn intern_new(terms: &mut Terms, term: &str) -> bool {
    let before = terms.len();
    terms.intern(term);
    terms.len() > before
}

/// Sets the counts a record gives; `None` for a term id not below `terms`.
fn set_counts(counts: &mut Counts, pairs: Vec<(u32, u32)>, terms: usize) -> Option<()> {
    for (id, n) in pairs {
        if id as usize >= terms {
            return None;
        }
        counts.set(id, n);
    }
    Some(())
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
                    self.vacate(slot, loaded);
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
            .push(u32::try_from(slot).expect("fewer than 2^32 slots"));
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

    /// Frees a slot: its passage (read back before its document went) no
    /// longer counts anywhere.
    fn vacate(&mut self, slot: usize, loaded: &Loaded) {
        let p = &loaded.passage;
        let lang = p.lang;
        // Its counts are taken out as they were put in: from its terms as text.
        let prep = prepare(p);
        let share = Share::of(
            p,
            &prep,
            &self.ix.fields[&lang],
            &mut self.terms,
            &mut self.recent,
        );
        self.bm25.remove(&share);
        if let Some(disk) = &mut self.disk {
            disk.touched.note(lang, &prep, &share, &self.terms);
        }
        if let Some(st) = self.stats.get_mut(&lang) {
            st.remove(&prep, &self.terms);
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

    /// Starts keeping the record in `dir` of an index just built there.
    pub(super) fn keep_on_disk(
        &mut self,
        dir: &Path,
        fingerprints: FxHashMap<(Lang, String), String>,
    ) -> Result<(), Error> {
        self.disk = Some(Disk::new(dir, fingerprints));
        let opstamp = self.index.load_metas()?.opstamp;
        self.write_record(opstamp)
    }

    /// Records update `opstamp`, which freed or took the slots `slots`,
    /// took out the articles `gone` and put in `added`: one entry appended
    /// to the journal, then a new snapshot if the journal has grown past
    /// its share. After a failed append, a whole snapshot.
    fn record_update(
        &mut self,
        opstamp: u64,
        gone: &[(Lang, String)],
        added: &FxHashSet<(Lang, String)>,
        slots: &BTreeSet<usize>,
    ) -> Result<(), Error> {
        let Some(disk) = &mut self.disk else {
            return Ok(());
        };
        let touched = std::mem::take(&mut disk.touched);
        if disk.snapshot_due {
            return self.write_record(opstamp);
        }
        let started = std::time::Instant::now();
        let entry = self.journal_entry(opstamp, &touched, gone, added, slots);
        let Some(disk) = &mut self.disk else {
            return Ok(());
        };
        let path = disk.dir.join(JOURNAL);
        let mut w = Writer::new(Vec::with_capacity(entry.len() + 32));
        let begins = disk.journal_bytes == 0;
        if begins {
            w.bytes(JOURNAL_MAGIC);
            w.u32(INDEX_FORMAT);
            w.u64(disk.snapshot_opstamp);
        }
        w.frame(&entry);
        // Writing to a vector cannot fail.
        let bytes = w.finish().unwrap_or_default();
        // A journal begins anew (truncated) with its header, and grows by
        // appends; one write of the whole entry, so a crash leaves at most
        // one torn entry at the end, which a restore refuses.
        let written = if begins {
            std::fs::File::create(&path)
        } else {
            std::fs::OpenOptions::new().append(true).open(&path)
        }
        .and_then(|mut file| {
            file.write_all(&bytes)?;
            // On the disk before the update counts as recorded: tantivy has
            // synced its commit, and a record behind it means a rebuild. A
            // new journal's name, too.
            file.sync_data()?;
            if begins {
                sync_dir(&disk.dir)?;
            }
            Ok(())
        });
        if let Err(source) = written {
            disk.snapshot_due = true;
            return Err(Error::Dir { path, source });
        }
        disk.journal_bytes += bytes.len() as u64;
        disk.recorded_opstamp = opstamp;
        disk.recorded_terms = self.terms.len();
        tracing::debug!(
            seconds = started.elapsed().as_secs_f64(),
            bytes = bytes.len(),
            journal_bytes = disk.journal_bytes,
            "index record: journal entry appended"
        );
        if disk.journal_bytes > disk.compact_past {
            return self.write_record(opstamp);
        }
        Ok(())
    }

    /// One journal entry: what update `opstamp` changed, each value as it
    /// now is, so that replaying it ([`Engine::replay`]) after the entries
    /// before it leaves the engine exactly as this one is.
    ///
    /// Layout ([`super::codec`]): the opstamp the record stood at before
    /// and this one; the number of slots and each changed slot's language
    /// (or free); the terms numbered since the last entry, after the id of
    /// the first; per touched language whether it still has passages and
    /// then its documents, and the document frequency and context count of
    /// each touched term; BM25's documents and touched fields
    /// ([`Bm25Stats::write_changes`]); the articles taken out; the articles
    /// put in, each as the snapshot holds an article.
    fn journal_entry(
        &self,
        opstamp: u64,
        touched: &Touched,
        gone: &[(Lang, String)],
        added: &FxHashSet<(Lang, String)>,
        slots: &BTreeSet<usize>,
    ) -> Vec<u8> {
        let Some(disk) = &self.disk else {
            return Vec::new();
        };
        let mut w = Writer::new(Vec::new());
        w.u64(disk.recorded_opstamp);
        w.u64(opstamp);
        w.len(self.slot_langs.len());
        w.pairs(slots.iter().map(|&slot| {
            let slot = u32::try_from(slot).expect("fewer than 2^32 slots");
            (slot, u32::from(self.slot_code(slot as usize)))
        }));
        w.len(disk.recorded_terms);
        w.len(self.terms.len() - disk.recorded_terms);
        for id in disk.recorded_terms..self.terms.len() {
            w.str(self.terms.text(id as u32));
        }
        w.len(touched.langs.len());
        for (&lang, ids) in &touched.langs {
            w.u8(lang_code(lang));
            match self.stats.get(&lang) {
                None => w.u8(0),
                Some(st) => {
                    w.u8(1);
                    w.u32(st.docs);
                    w.pairs(ids.iter().map(|&id| (id, st.df.get(id))));
                    w.pairs(ids.iter().map(|&id| (id, st.context_terms.get(id))));
                }
            }
        }
        self.bm25.write_changes(&mut w, &touched.bm25);
        w.len(gone.len());
        for (lang, slug) in gone {
            w.u8(lang_code(*lang));
            w.str(slug);
        }
        let mut added: Vec<&(Lang, String)> = added.iter().collect();
        added.sort_unstable();
        w.len(added.len());
        for key in added {
            let slots = self.articles.get(key).map_or(&[][..], Vec::as_slice);
            write_article(&mut w, key, disk.fingerprints.get(key), slots);
        }
        // Writing to a vector cannot fail.
        w.finish().unwrap_or_default()
    }

    /// A slot's code in the record: its language's, or [`FREE_SLOT`].
    fn slot_code(&self, slot: usize) -> u8 {
        if self.free.contains(&slot) {
            FREE_SLOT
        } else {
            lang_code(self.slot_langs[slot])
        }
    }

    /// Writes the snapshot of the index as of commit `opstamp`: to a
    /// temporary file first, so a reader never sees half of one; then the
    /// journal, which the snapshot now holds, goes.
    ///
    /// Layout ([`super::codec`]): the magic, the format and the opstamp;
    /// each slot's language (or free); every term, in id order; per
    /// language its documents, document frequencies and context counts by
    /// term id; BM25's counts; each article with its fingerprint and slots.
    fn write_record(&mut self, opstamp: u64) -> Result<(), Error> {
        let Some(disk) = &self.disk else {
            return Ok(());
        };
        let started = std::time::Instant::now();
        let path = disk.dir.join(RECORD);
        let io = |source| Error::Dir {
            path: path.clone(),
            source,
        };
        let tmp = path.with_extension("tmp");
        let file = std::fs::File::create(&tmp).map_err(io)?;
        let mut w = Writer::new(std::io::BufWriter::with_capacity(1 << 16, file));
        w.bytes(MAGIC);
        w.u32(INDEX_FORMAT);
        w.u64(opstamp);
        w.len(self.slot_langs.len());
        for slot in 0..self.slot_langs.len() {
            w.u8(self.slot_code(slot));
        }
        w.len(self.terms.len());
        for (_, t) in self.terms.iter() {
            w.str(t);
        }
        w.len(self.stats.len());
        for (&lang, st) in &self.stats {
            w.u8(lang_code(lang));
            w.u32(st.docs);
            w.pairs(st.df.iter());
            w.pairs(st.context_terms.iter());
        }
        self.bm25.write(&mut w);
        w.len(self.articles.len());
        for (key, slots) in &self.articles {
            write_article(&mut w, key, disk.fingerprints.get(key), slots);
        }
        let file = w
            .finish()
            .and_then(|out| out.into_inner().map_err(|e| e.into_error()));
        let file = file.map_err(io)?;
        // Synced before it replaces the old one, and the rename with the
        // folder: after a power loss the record is whole and current, not
        // a reason to rebuild the index from the articles.
        file.sync_all().map_err(io)?;
        let bytes = file.metadata().map_err(io)?.len();
        drop(file);
        std::fs::rename(&tmp, &path).map_err(io)?;
        sync_dir(&disk.dir).map_err(io)?;
        // A crash here leaves the old journal beside the new snapshot: its
        // header names the old snapshot's commit, so a restore ignores it.
        match std::fs::remove_file(disk.dir.join(JOURNAL)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::Dir {
                    path: disk.dir.join(JOURNAL),
                    source: e,
                })
            }
            _ => {}
        }
        tracing::debug!(
            seconds = started.elapsed().as_secs_f64(),
            bytes,
            "index record: snapshot written"
        );
        let terms = self.terms.len();
        if let Some(disk) = &mut self.disk {
            disk.snapshot_opstamp = opstamp;
            disk.compact_past = bytes / COMPACT_SHARE;
            disk.journal_bytes = 0;
            disk.recorded_opstamp = opstamp;
            disk.recorded_terms = terms;
            disk.snapshot_due = false;
        }
        Ok(())
    }

    /// The engine over the index in `dir` as its record describes it, with
    /// no passage analyzed: the snapshot, then the journal's entries in
    /// order. `None` when it must be rebuilt: no snapshot, one of another
    /// format, a snapshot or journal entry that does not read (an entry cut
    /// short or failing its checksum: a torn append) or does not hold
    /// together, a record that ends at another commit than the index's, or
    /// any failure opening the index.
    pub(super) fn restore(dir: &Path, synonyms: &Synonyms, config: EngineConfig) -> Option<Engine> {
        let bytes = std::fs::read(dir.join(RECORD)).ok()?;
        let snapshot_bytes = bytes.len() as u64;
        let mut r = Reader::new(bytes.strip_prefix(MAGIC.as_slice())?);
        if r.u32()? != INDEX_FORMAT {
            return None;
        }
        let opstamp = r.u64()?;
        let index = Index::open(super::directory::IndexDirectory::open(dir).ok()?).ok()?;
        let index_opstamp = index.load_metas().ok()?.opstamp;
        let mut engine = Self::empty(index, schema(), synonyms, config).ok()?;
        let slots = r.len(1)?;
        for slot in 0..slots {
            match r.u8()? {
                FREE_SLOT => {
                    engine.free.insert(slot);
                    engine.slot_langs.push(Lang::En);
                }
                code => engine.slot_langs.push(lang_of(code)?),
            }
        }
        let n = r.len(4)?;
        let mut terms = Terms::default();
        terms.reserve(n, r.remaining());
        for _ in 0..n {
            // The same term twice: the record does not hold together.
            if !intern_new(&mut terms, r.str()?) {
                return None;
            }
        }
        terms.shrink_to_fit();
        for _ in 0..r.len(1)? {
            let lang = lang_of(r.u8()?)?;
            let mut st = LangStats {
                docs: r.u32()?,
                ..LangStats::default()
            };
            set_counts(&mut st.df, r.pairs()?, n)?;
            set_counts(&mut st.context_terms, r.pairs()?, n)?;
            engine.stats.insert(lang, st);
        }
        engine.bm25 = Bm25Stats::read(&mut r, terms.len())?;
        engine.terms = terms;
        let mut disk = Disk::new(dir, FxHashMap::default());
        for _ in 0..r.len(1)? {
            engine.read_article(&mut r, &mut disk)?;
        }
        if !r.is_empty() {
            return None;
        }
        drop(bytes);
        disk.snapshot_opstamp = opstamp;
        disk.compact_past = snapshot_bytes / COMPACT_SHARE;
        disk.recorded_opstamp = opstamp;
        disk.recorded_terms = engine.terms.len();
        disk.snapshot_due = false;

        let journal = match std::fs::read(dir.join(JOURNAL)) {
            Ok(journal) => journal,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(_) => return None,
        };
        let mut r = Reader::new(
            journal
                .strip_prefix(JOURNAL_MAGIC.as_slice())
                .unwrap_or(&[]),
        );
        // A journal of another snapshot (a compaction stopped between
        // writing the snapshot and removing the journal) is not this
        // one's: none of it applies, and the next entry starts it anew.
        if r.u32() == Some(INDEX_FORMAT) && r.u64() == Some(opstamp) {
            while !r.is_empty() {
                engine.replay(&mut r.frame()?, &mut disk)?;
            }
            disk.journal_bytes = journal.len() as u64;
        }
        if disk.recorded_opstamp != index_opstamp {
            return None;
        }
        // Every slot is free or some article's, once: what the checks of
        // each article's slots leave unchecked of a journal's frees.
        let taken: usize = engine.articles.values().map(Vec::len).sum();
        if taken + engine.free.len() != engine.slot_langs.len() {
            return None;
        }
        for st in engine.stats.values_mut() {
            st.build_vocab(&engine.terms);
        }
        engine.disk = Some(disk);
        Some(engine)
    }

    /// Reads an article as [`write_article`] wrote it and puts it in, or
    /// replaces it; `None` for a slot out of range, free, or of another
    /// language, which says the record is not to be trusted.
    fn read_article(&mut self, r: &mut Reader<'_>, disk: &mut Disk) -> Option<()> {
        let lang = lang_of(r.u8()?)?;
        let key = (lang, r.str()?.to_string());
        disk.fingerprints.insert(key.clone(), r.str()?.to_string());
        let n = r.len(4)?;
        let mut taken = Vec::with_capacity(n);
        for _ in 0..n {
            let slot = r.u32()? as usize;
            if slot >= self.slot_langs.len()
                || self.free.contains(&slot)
                || self.slot_langs[slot] != lang
            {
                return None;
            }
            taken.push(slot as u32);
        }
        self.articles.insert(key, taken);
        Some(())
    }

    /// Applies one journal entry ([`Engine::journal_entry`]) to an engine
    /// restored up to the commit before it; `None` when it does not follow
    /// on (another commit before it) or does not hold together.
    fn replay(&mut self, r: &mut Reader<'_>, disk: &mut Disk) -> Option<()> {
        if r.u64()? != disk.recorded_opstamp {
            return None;
        }
        let opstamp = r.u64()?;
        let slots = r.u32()? as usize;
        // Slots are only ever added; those new here are taken below.
        if slots < self.slot_langs.len() || slots - self.slot_langs.len() > r.remaining() {
            return None;
        }
        for slot in self.slot_langs.len()..slots {
            self.free.insert(slot);
            self.slot_langs.push(Lang::En);
        }
        for (slot, code) in r.pairs()? {
            let slot = slot as usize;
            if slot >= slots {
                return None;
            }
            match u8::try_from(code).ok()? {
                FREE_SLOT => {
                    self.free.insert(slot);
                }
                code => {
                    self.slot_langs[slot] = lang_of(code)?;
                    self.free.remove(&slot);
                }
            }
        }
        if r.u32()? as usize != self.terms.len() {
            return None;
        }
        for _ in 0..r.len(4)? {
            if !intern_new(&mut self.terms, r.str()?) {
                return None;
            }
        }
        let n = self.terms.len();
        for _ in 0..r.len(2)? {
            let lang = lang_of(r.u8()?)?;
            match r.u8()? {
                0 => {
                    self.stats.remove(&lang);
                }
                1 => {
                    let st = self.stats.entry(lang).or_default();
                    st.docs = r.u32()?;
                    set_counts(&mut st.df, r.pairs()?, n)?;
                    set_counts(&mut st.context_terms, r.pairs()?, n)?;
                }
                _ => return None,
            }
        }
        self.bm25.apply_changes(r, n)?;
        for _ in 0..r.len(5)? {
            let key = (lang_of(r.u8()?)?, r.str()?.to_string());
            self.articles.remove(&key);
            disk.fingerprints.remove(&key);
        }
        for _ in 0..r.len(13)? {
            self.read_article(r, disk)?;
        }
        if !r.is_empty() {
            return None;
        }
        disk.recorded_opstamp = opstamp;
        disk.recorded_terms = n;
        Some(())
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

/// Makes a file created or renamed in `dir` durable: the name lives in
/// the folder. Windows cannot open a folder to sync it, and needs not.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    if cfg!(unix) {
        std::fs::File::open(dir)?.sync_all()
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::*;
    use crate::{Answer, EncodeError, Encoder, Hit};

    /// SplitMix64: sites and edits drawn from a seed, the same on every run.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
            words[self.below(words.len())]
        }
    }

    const EN: &[&str] = &[
        "kabul",
        "herat",
        "kandahar",
        "mazar",
        "river",
        "mountain",
        "province",
        "capital",
        "currency",
        "afghani",
        "bank",
        "school",
        "winter",
        "wheat",
        "market",
        "border",
        "airport",
        "language",
        "poet",
        "king",
        "emirate",
        "valley",
        "desert",
        "snow",
        "population",
        "university",
        "museum",
        "garden",
        "bridge",
        "tunnel",
        "salang",
        "helmand",
        "lake",
        "national",
        "music",
        "poetry",
        "football",
        "cricket",
        "34",
        "1919",
        "the",
        "is",
        "of",
        "in",
        "not",
        "and",
        "first",
    ];
    const FA: &[&str] = &[
        "کابل",
        "هرات",
        "قندهار",
        "مزار",
        "دریا",
        "کوه",
        "ولایت",
        "پایتخت",
        "پول",
        "افغانی",
        "بانک",
        "مکتب",
        "زمستان",
        "گندم",
        "بازار",
        "مرز",
        "فرودگاه",
        "زبان",
        "شاعر",
        "پادشاه",
        "امارت",
        "دره",
        "برف",
        "جمعیت",
        "دانشگاه",
        "باغ",
        "مسجد",
        "تونل",
        "سالنگ",
        "هلمند",
        "بند",
        "ملی",
        "موسیقی",
        "شعر",
        "فوتبال",
        "۳۴",
        "است",
        "در",
        "و",
        "را",
        "نیست",
        "شانزدهمین",
        "بین‌المللی",
    ];
    const PS: &[&str] = &[
        "کابل",
        "هیواد",
        "ولایت",
        "پلازمینه",
        "سیند",
        "غر",
        "دی",
        "په",
        "کې",
    ];

    fn words(lang: Lang) -> &'static [&'static str] {
        match lang {
            Lang::En => EN,
            Lang::Fa => FA,
            Lang::Ps => PS,
        }
    }

    /// An article as an editor writes it: the model the engine is checked against.
    #[derive(Clone, Debug)]
    struct Article {
        lang: Lang,
        slug: String,
        title: String,
        question: String,
        summary: String,
        /// Each section: its heading (if any) and its paragraphs.
        sections: Vec<(Option<String>, Vec<String>)>,
    }

    fn phrase(rng: &mut Rng, lang: Lang, min: usize, max: usize) -> String {
        let n = min + rng.below(max - min + 1);
        (0..n)
            .map(|_| rng.pick(words(lang)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn paragraph(rng: &mut Rng, lang: Lang) -> String {
        let n = 1 + rng.below(3);
        (0..n)
            .map(|_| format!("{}.", phrase(rng, lang, 3, 9)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn article(rng: &mut Rng, lang: Lang, slug: &str) -> Article {
        let sections = (0..1 + rng.below(3))
            .map(|_| {
                let heading = (rng.below(3) > 0).then(|| phrase(rng, lang, 1, 3));
                let paragraphs = (0..1 + rng.below(3))
                    .map(|_| paragraph(rng, lang))
                    .collect();
                (heading, paragraphs)
            })
            .collect();
        Article {
            lang,
            slug: slug.to_string(),
            title: phrase(rng, lang, 1, 3),
            question: format!("{}?", phrase(rng, lang, 2, 4)),
            summary: paragraph(rng, lang),
            sections,
        }
    }

    /// The article's passages, as `passages_from_site` makes them.
    fn passages(a: &Article) -> Vec<Passage> {
        let passage = |anchor: usize, headings: Vec<String>, text: &str| Passage {
            lang: a.lang,
            article: a.slug.clone(),
            anchor: format!("p-{anchor}"),
            title: a.title.clone(),
            question: a.question.clone(),
            headings,
            kind: askaf_content::BlockKind::Paragraph,
            text: text.to_string(),
        };
        let mut out = vec![passage(0, vec![], &a.summary)];
        for (heading, paragraphs) in &a.sections {
            for text in paragraphs {
                out.push(passage(out.len(), heading.iter().cloned().collect(), text));
            }
        }
        out
    }

    fn site_passages(site: &[Article]) -> Vec<Passage> {
        site.iter().flat_map(passages).collect()
    }

    fn key(a: &Article) -> (Lang, String) {
        (a.lang, a.slug.clone())
    }

    fn synonyms() -> Synonyms {
        Synonyms::parse("capital, kabul\nriver, lake\nپایتخت، کابل\nپول، افغانی\n").unwrap()
    }

    /// Questions in both languages: words of passages (present and gone),
    /// some misspelt, a few the site never had.
    fn questions(rng: &mut Rng, seen: &[Passage]) -> Vec<(String, Lang)> {
        let mut out = Vec::new();
        for _ in 0..24 {
            let p = &seen[rng.below(seen.len())];
            let source: Vec<&str> = p
                .text
                .split(|c: char| c.is_whitespace() || c == '.')
                .chain(p.title.split_whitespace())
                .filter(|w| !w.is_empty())
                .collect();
            let mut q: Vec<String> = (0..2 + rng.below(3))
                .map(|_| source[rng.below(source.len())].to_string())
                .collect();
            match rng.below(4) {
                // One letter dropped: typo tolerance, over the vocabulary as it now is.
                0 => {
                    let i = rng.below(q.len());
                    let chars: Vec<char> = q[i].chars().collect();
                    if chars.len() >= 6 {
                        let cut = 1 + rng.below(chars.len() - 2);
                        q[i] = chars[..cut].iter().chain(&chars[cut + 1..]).collect();
                    }
                }
                1 => q.insert(
                    0,
                    if p.lang == Lang::En {
                        "how many"
                    } else {
                        "چند"
                    }
                    .into(),
                ),
                2 => q.push("zanzibar".into()),
                _ => {}
            }
            out.push((format!("{}?", q.join(" ")), p.lang));
        }
        out
    }

    /// An answer with passages named by link (slots differ between
    /// engines), its hits apart: their scores carry float noise.
    type AnswerView = (
        bool,
        f32,
        Vec<(String, Range<usize>, Vec<Range<usize>>)>,
        Option<(String, Range<usize>, Vec<Range<usize>>)>,
        crate::Signals,
    );
    use std::ops::Range;

    /// Asserts two rankings the same up to float noise: the same passages
    /// with the same scores, give or take a few ulps (tantivy sums a
    /// document's term scores in an order that depends on its segment), in
    /// the same order but where two scores are that close.
    fn assert_same_hits(got: &[(String, f32)], expected: &[(String, f32)], context: &str) {
        let close = |a: f32, b: f32| (a - b).abs() <= 1e-5 * a.abs().max(b.abs()).max(1.0);
        assert_eq!(got.len(), expected.len(), "{context}: {got:?} {expected:?}");
        for (i, ((link, score), (_, want))) in got.iter().zip(expected).enumerate() {
            assert!(
                close(*score, *want),
                "{context}: place {i}: {got:?} {expected:?}"
            );
            let same = expected
                .iter()
                .find(|(l, _)| l == link)
                .is_some_and(|(_, s)| close(*s, *score));
            assert!(same, "{context}: {link}: {got:?} {expected:?}");
        }
    }

    fn hits_view(e: &Engine, hits: &[Hit]) -> Vec<(String, f32)> {
        hits.iter()
            .map(|h| (e.passage(h.passage).unwrap().link(), h.score))
            .collect()
    }

    fn answer_view(e: &Engine, a: &Answer) -> AnswerView {
        let sentence = |s: &crate::AnswerSentence| {
            assert_eq!(e.passage(s.passage).unwrap().text[s.range.clone()], s.text);
            (
                e.passage(s.passage).unwrap().link(),
                s.range.clone(),
                s.highlights.clone(),
            )
        };
        (
            a.abstained,
            a.confidence,
            a.sentences.iter().map(sentence).collect(),
            a.candidate.as_ref().map(sentence),
            a.signals,
        )
    }

    /// A language's documents, document frequencies, context terms and
    /// vocabulary (by length, in order), with terms as text.
    type StatsView = (
        u32,
        BTreeMap<String, u32>,
        BTreeMap<String, u32>,
        BTreeMap<usize, Vec<String>>,
    );

    /// The per-language statistics with terms as text.
    fn stats_view(e: &Engine) -> BTreeMap<Lang, StatsView> {
        e.stats
            .iter()
            .map(|(&lang, st)| {
                let vocab = st
                    .vocab
                    .iter()
                    .map(|(&n, words)| {
                        (
                            n,
                            words
                                .iter()
                                .map(|w| e.terms.text(w.id).to_string())
                                .collect(),
                        )
                    })
                    .collect();
                let df = st
                    .df
                    .iter()
                    .map(|(t, n)| (e.terms.text(t).to_string(), n))
                    .collect();
                let context = st
                    .context_terms
                    .iter()
                    .map(|(t, n)| (e.terms.text(t).to_string(), n))
                    .collect();
                (lang, (st.docs, df, context, vocab))
            })
            .collect()
    }

    /// Asserts that `e` holds exactly the site's passages and answers every
    /// question as an engine built afresh over them does.
    fn assert_as_fresh(e: &Engine, site: &[Article], questions: &[(String, Lang)], context: &str) {
        let mut live: Vec<Passage> = e
            .live_passages()
            .unwrap()
            .into_iter()
            .map(|(_, p)| (*p).clone())
            .collect();
        let mut want = site_passages(site);
        let by_link = |a: &Passage, b: &Passage| a.link().cmp(&b.link());
        let mut sorted = live.clone();
        sorted.sort_by(by_link);
        want.sort_by(by_link);
        assert_eq!(
            sorted, want,
            "{context}: the engine holds the site's passages"
        );
        // Slot order: ties between equal scores are broken by slot.
        let fresh = Engine::in_memory(std::mem::take(&mut live), &synonyms(), *e.config()).unwrap();
        assert_eq!(stats_view(e), stats_view(&fresh), "{context}: statistics");
        assert_eq!(
            e.bm25.by_term(&e.terms),
            fresh.bm25.by_term(&fresh.terms),
            "{context}: BM25 counts"
        );
        let searcher = e.reader.searcher();
        assert_eq!(
            searcher.num_docs(),
            want.len() as u64,
            "{context}: live documents"
        );
        for (q, lang) in questions {
            // A limit above the site's passages: tantivy's candidates are all the matches (see the report on cuts).
            let context = format!("{context}: {q}");
            let (got, expected) = (
                e.search(q, *lang, 200).unwrap(),
                fresh.search(q, *lang, 200).unwrap(),
            );
            assert_same_hits(&hits_view(e, &got), &hits_view(&fresh, &expected), &context);
            let (got, expected) = (
                e.answer(q, *lang, 200).unwrap(),
                fresh.answer(q, *lang, 200).unwrap(),
            );
            assert_eq!(
                answer_view(e, &got),
                answer_view(&fresh, &expected),
                "{context}"
            );
            assert_same_hits(
                &hits_view(e, &got.hits),
                &hits_view(&fresh, &expected.hits),
                &context,
            );
        }
    }

    #[test]
    fn updates_answer_as_a_fresh_build_over_the_resulting_passages() {
        for seed in 1..=6u64 {
            let mut rng = Rng(seed);
            let mut next_slug = 0;
            let mut slug = |lang: Lang| {
                next_slug += 1;
                format!("{lang}-{next_slug}")
            };
            let mut site: Vec<Article> = Vec::new();
            for lang in [
                Lang::En,
                Lang::En,
                Lang::En,
                Lang::En,
                Lang::Fa,
                Lang::Fa,
                Lang::Fa,
                Lang::Ps,
            ] {
                site.push(article(&mut rng, lang, &slug(lang)));
            }
            let mut e =
                Engine::in_memory(site_passages(&site), &synonyms(), EngineConfig::default())
                    .unwrap();
            // Questions draw on every passage the site ever had, so gone words are asked for too.
            let mut seen = site_passages(&site);
            for step in 0..9 {
                let (remove, add): (Vec<(Lang, String)>, Vec<Article>) = match (step, rng.below(4))
                {
                    // A replaced article with a new title and new headings.
                    (0, _) => {
                        let i = rng.below(site.len());
                        let mut a = site[i].clone();
                        a.title = phrase(&mut rng, a.lang, 2, 3);
                        for (heading, _) in &mut a.sections {
                            *heading = Some(phrase(&mut rng, a.lang, 1, 2));
                        }
                        a.sections[0].1[0] = paragraph(&mut rng, a.lang);
                        (vec![], vec![a])
                    }
                    // Every Dari and Pashto article goes at once: those languages have no statistics left.
                    (6, _) => (
                        site.iter()
                            .filter(|a| a.lang != Lang::En)
                            .map(key)
                            .collect(),
                        vec![],
                    ),
                    // And come back.
                    (7, _) => (
                        vec![],
                        vec![
                            article(&mut rng, Lang::Fa, &slug(Lang::Fa)),
                            article(&mut rng, Lang::Ps, &slug(Lang::Ps)),
                        ],
                    ),
                    (_, 0) if site.len() > 2 => (vec![key(&site[rng.below(site.len())])], vec![]),
                    (_, 1) => {
                        let i = rng.below(site.len());
                        let (lang, slug) = key(&site[i]);
                        (vec![], vec![article(&mut rng, lang, &slug)])
                    }
                    (_, 2) => {
                        let lang = [Lang::En, Lang::Fa][rng.below(2)];
                        (vec![], vec![article(&mut rng, lang, &slug(lang))])
                    }
                    // Several articles in one call: one removed, one replaced, one added.
                    _ => {
                        let gone = key(&site[rng.below(site.len())]);
                        let (lang, replaced) = key(&site[rng.below(site.len())]);
                        let replacing = article(&mut rng, lang, &replaced);
                        let new = article(&mut rng, Lang::Fa, &slug(Lang::Fa));
                        let remove = if (lang, replaced.clone()) == gone {
                            vec![]
                        } else {
                            vec![gone]
                        };
                        (remove, vec![replacing, new])
                    }
                };
                let before: usize = site
                    .iter()
                    .filter(|a| remove.contains(&key(a)) || add.iter().any(|n| key(n) == key(a)))
                    .map(|a| passages(a).len())
                    .sum();
                site.retain(|a| !remove.contains(&key(a)) && !add.iter().any(|n| key(n) == key(a)));
                site.extend(add.iter().cloned());
                let added = site_passages(&add);
                seen.extend(added.iter().cloned());
                let stats = e.update(&remove, added.clone()).unwrap();
                let context = format!("seed {seed}, step {step}");
                assert_eq!(stats.passages_removed, before, "{context}");
                assert_eq!(stats.passages_added, added.len(), "{context}");
                assert_as_fresh(&e, &site, &questions(&mut rng, &seen), &context);
            }
        }
    }

    /// Per segment: (documents written, documents deleted), largest first.
    fn segments(e: &Engine) -> Vec<(u32, u32)> {
        let mut v: Vec<(u32, u32)> = e
            .reader
            .searcher()
            .segment_readers()
            .iter()
            .map(|s| (s.max_doc(), s.num_deleted_docs()))
            .collect();
        v.sort_unstable_by(|a, b| b.cmp(a));
        v
    }

    fn small_site() -> Vec<Article> {
        let mut rng = Rng(42);
        let mut site: Vec<Article> = [Lang::En, Lang::En, Lang::Fa, Lang::En]
            .into_iter()
            .enumerate()
            .map(|(i, lang)| article(&mut rng, lang, &format!("a{i}")))
            .collect();
        // The article to edit: three passages, the summary and two paragraphs.
        site[1].sections = vec![(
            Some("Roads".into()),
            vec![
                "The Salang tunnel crosses the Hindu Kush.".into(),
                "Snow closes the road in winter.".into(),
            ],
        )];
        site
    }

    #[test]
    fn an_update_reindexes_only_the_touched_articles_passages() {
        let mut site = small_site();
        let total = site_passages(&site).len();
        let mut e =
            Engine::in_memory(site_passages(&site), &synonyms(), EngineConfig::default()).unwrap();
        assert_eq!(e.opening(), IndexOpening::Built);
        assert_eq!(segments(&e), [(total as u32, 0)]);

        // One paragraph edited, one added: three passages out, four in.
        site[1].sections[0].1[1] = "Snow closed the road for a week in January.".into();
        site[1].sections[0].1.push("A new road is planned.".into());
        let stats = e.update(&[], passages(&site[1])).unwrap();
        assert_eq!(
            stats,
            UpdateStats {
                articles_removed: 1,
                passages_removed: 3,
                articles_added: 1,
                passages_added: 4,
            }
        );
        // The other articles' documents stay where they were; only the four are new.
        assert_eq!(segments(&e), [(total as u32, 3), (4, 0)]);
        // Three freed slots were filled and one was added at the end.
        assert_eq!(e.slot_langs.len(), total + 1);
        let hits = e
            .search("when was the road closed by snow", Lang::En, 10)
            .unwrap();
        assert_eq!(
            e.passage(hits[0].passage).unwrap().text,
            "Snow closed the road for a week in January."
        );
        assert_as_fresh(
            &e,
            &site,
            &[
                ("salang tunnel".into(), Lang::En),
                ("snow road".into(), Lang::En),
            ],
            "edit",
        );

        // Removing an article deletes its documents and adds none; one the engine never held changes nothing.
        let gone = site.remove(2);
        let n = passages(&gone).len();
        let stats = e
            .update(&[key(&gone), (Lang::Ps, "never".into())], vec![])
            .unwrap();
        assert_eq!(
            stats,
            UpdateStats {
                articles_removed: 1,
                passages_removed: n,
                articles_added: 0,
                passages_added: 0,
            }
        );
        assert!(
            !e.stats.contains_key(&Lang::Fa),
            "its language has no passages left"
        );
        assert_eq!(e.free.len(), n);
        assert_as_fresh(&e, &site, &[("salang".into(), Lang::En)], "removal");
        assert_eq!(e.update(&[], vec![]).unwrap(), UpdateStats::default());
    }

    /// Words hashed to a few dimensions, normalized: a deterministic stand-in for a model.
    struct Hashed {
        texts: AtomicUsize,
    }

    impl Encoder for Hashed {
        fn id(&self) -> &str {
            "hashed"
        }
        fn languages(&self) -> &[Lang] {
            &[Lang::En]
        }
        fn encode(&self, texts: &[&str], _: crate::Role) -> Result<Vec<Vec<f32>>, EncodeError> {
            self.texts.fetch_add(texts.len(), Ordering::SeqCst);
            Ok(texts
                .iter()
                .map(|t| {
                    let mut v = vec![0.1f32; 8];
                    for w in t.split_whitespace() {
                        let h = w
                            .bytes()
                            .fold(7usize, |h, b| h.wrapping_mul(31) + b as usize);
                        v[h % 8] += 1.0;
                    }
                    let n = crate::semantic::dot(&v, &v).sqrt();
                    v.into_iter().map(|x| x / n).collect()
                })
                .collect())
        }
    }

    #[test]
    fn with_an_encoder_only_the_new_texts_are_encoded() {
        let mut site = small_site();
        // Close lexical ties, so the model is asked.
        let config = EngineConfig {
            semantic_gate: Some(10.0),
            ..EngineConfig::default()
        };
        let encoder = Arc::new(Hashed {
            texts: AtomicUsize::new(0),
        });
        let build = |passages: Vec<Passage>, encoder: Arc<Hashed>| {
            Engine::in_memory(passages, &synonyms(), config)
                .unwrap()
                .with_encoder(encoder, None)
                .unwrap()
        };
        let mut e = build(site_passages(&site), encoder.clone());
        let before = encoder.texts.load(Ordering::SeqCst);
        // One one-sentence paragraph edited: its text is the only new one.
        site[1].sections[0].1[1] = "Snow closed the road for a week in January.".into();
        e.update(&[], passages(&site[1])).unwrap();
        assert_eq!(encoder.texts.load(Ordering::SeqCst), before + 1);
        // A Dari article is not encoded at all: the model does not know the language.
        let fa = article(&mut Rng(7), Lang::Fa, "fa-new");
        site.push(fa.clone());
        e.update(&[], passages(&fa)).unwrap();
        assert_eq!(encoder.texts.load(Ordering::SeqCst), before + 1);

        let live: Vec<Passage> = e
            .live_passages()
            .unwrap()
            .into_iter()
            .map(|(_, p)| (*p).clone())
            .collect();
        let fresh = build(
            live,
            Arc::new(Hashed {
                texts: AtomicUsize::new(0),
            }),
        );
        for q in [
            "snow road winter",
            "salang tunnel",
            "what closes the road",
            "kabul river",
        ] {
            let (got, expected) = (
                e.answer(q, Lang::En, 50).unwrap(),
                fresh.answer(q, Lang::En, 50).unwrap(),
            );
            assert_eq!(answer_view(&e, &got), answer_view(&fresh, &expected), "{q}");
            assert_same_hits(
                &hits_view(&e, &got.hits),
                &hits_view(&fresh, &expected.hits),
                q,
            );
        }
        assert_as_fresh(&e, &site, &[], "with an encoder");

        // An encoder added after an update (as `on_disk` then `with_encoder`
        // do) encodes the live passages only, not the free slots.
        let mut plain = Engine::in_memory(site_passages(&site), &synonyms(), config).unwrap();
        let gone = site.remove(0);
        plain.update(&[key(&gone)], vec![]).unwrap();
        assert!(!plain.free.is_empty());
        let late = Arc::new(Hashed {
            texts: AtomicUsize::new(0),
        });
        let plain = plain.with_encoder(late.clone(), None).unwrap();
        let live: Vec<Passage> = plain
            .live_passages()
            .unwrap()
            .into_iter()
            .map(|(_, p)| (*p).clone())
            .collect();
        let counter = Arc::new(Hashed {
            texts: AtomicUsize::new(0),
        });
        let fresh = build(live, counter.clone());
        assert_eq!(
            late.texts.load(Ordering::SeqCst),
            counter.texts.load(Ordering::SeqCst)
        );
        for q in ["snow road winter", "salang tunnel", "what closes the road"] {
            let (got, expected) = (
                plain.answer(q, Lang::En, 50).unwrap(),
                fresh.answer(q, Lang::En, 50).unwrap(),
            );
            assert_eq!(
                answer_view(&plain, &got),
                answer_view(&fresh, &expected),
                "{q}"
            );
            assert_same_hits(
                &hits_view(&plain, &got.hits),
                &hits_view(&fresh, &expected.hits),
                q,
            );
        }
    }

    #[test]
    fn our_bm25_counts_are_tantivys_for_a_fresh_index() {
        let mut rng = Rng(3);
        let site: Vec<Article> = (0..6)
            .map(|i| article(&mut rng, [Lang::En, Lang::Fa][i % 2], &format!("s{i}")))
            .collect();
        let e =
            Engine::in_memory(site_passages(&site), &synonyms(), EngineConfig::default()).unwrap();
        let searcher = e.reader.searcher();
        let ours = super::super::bm25::Statistics {
            stats: &e.bm25,
            terms: &e.terms,
        };
        let mut compared = 0;
        for (q, lang) in questions(&mut rng, &site_passages(&site)) {
            let Some(query) = e.query(&e.concepts(&q, lang), lang) else {
                continue;
            };
            let top = tantivy::collector::TopDocs::with_limit(1000).order_by_score();
            let theirs = searcher.search(&query, &top).unwrap();
            assert!(!theirs.is_empty(), "{q}");
            assert_eq!(
                searcher
                    .search_with_statistics_provider(&query, &top, &ours)
                    .unwrap(),
                theirs,
                "{q}"
            );
            compared += 1;
        }
        assert!(compared > 10);
    }

    #[test]
    fn a_reopened_index_reindexes_only_the_articles_that_changed() {
        let dir = tempfile::tempdir().unwrap();
        let idx = dir.path().join("index");
        let open = |site: &[Article]| {
            Engine::on_disk(
                &idx,
                site_passages(site),
                &synonyms(),
                EngineConfig::default(),
            )
            .unwrap()
        };
        let mut site = small_site();
        let total = site_passages(&site).len();
        let e = open(&site);
        assert_eq!(e.opening(), IndexOpening::Built);
        drop(e);

        // Unchanged: nothing re-indexed, the record left as it was.
        let record = std::fs::read(idx.join(RECORD)).unwrap();
        let e = open(&site);
        assert_eq!(e.opening(), IndexOpening::Reused(UpdateStats::default()));
        assert_eq!(segments(&e), [(total as u32, 0)]);
        assert_eq!(std::fs::read(idx.join(RECORD)).unwrap(), record);
        drop(e);

        // One article edited (its title too), one gone, one new.
        site[1].title = "The Salang pass".into();
        site[1].sections[0].1[1] = "Snow closed the road for a week in January.".into();
        let gone = site.remove(2);
        let new = article(&mut Rng(9), Lang::Fa, "new");
        site.push(new.clone());
        let e = open(&site);
        assert_eq!(
            e.opening(),
            IndexOpening::Reused(UpdateStats {
                articles_removed: 2,
                passages_removed: 3 + passages(&gone).len(),
                articles_added: 2,
                passages_added: 3 + passages(&new).len(),
            })
        );
        // The other articles' documents were not written again.
        assert_eq!(
            segments(&e),
            [
                (total as u32, 3 + passages(&gone).len() as u32),
                (3 + passages(&new).len() as u32, 0)
            ]
        );
        let mut rng = Rng(5);
        assert_as_fresh(
            &e,
            &site,
            &questions(&mut rng, &site_passages(&site)),
            "reopened",
        );

        // An update on the opened engine keeps the record: the next opening has nothing to do.
        let mut e = e;
        site[0].summary = "Kabul is the capital.".into();
        e.update(&[], passages(&site[0])).unwrap();
        drop(e);
        let e = open(&site);
        assert_eq!(e.opening(), IndexOpening::Reused(UpdateStats::default()));
        assert_as_fresh(&e, &site, &[("capital".into(), Lang::En)], "after update");
        drop(e);

        // A record of another commit does not describe the index: rebuilt.
        let mut stale = std::fs::read(idx.join(RECORD)).unwrap();
        let at = MAGIC.len() + 4;
        let opstamp = u64::from_le_bytes(stale[at..at + 8].try_into().unwrap());
        stale[at..at + 8].copy_from_slice(&(opstamp + 9).to_le_bytes());
        std::fs::write(idx.join(RECORD), stale).unwrap();
        let e = open(&site);
        assert_eq!(e.opening(), IndexOpening::Built);
        assert_eq!(segments(&e), [(site_passages(&site).len() as u32, 0)]);
        drop(e);

        // A record cut short (a torn write) reads as none: rebuilt, never a panic.
        let whole = std::fs::read(idx.join(RECORD)).unwrap();
        std::fs::write(idx.join(RECORD), &whole[..whole.len() / 2]).unwrap();
        let e = open(&site);
        assert_eq!(e.opening(), IndexOpening::Built);
        assert_as_fresh(
            &e,
            &site,
            &[("capital".into(), Lang::En)],
            "after a torn record",
        );
    }

    /// Everything the record holds of an engine, as it holds it: each
    /// slot's language (`None` when free), the terms in id order, per
    /// language its documents and counts by id, BM25's counts, and each
    /// article's slots and fingerprint.
    type RecordView = (
        Vec<Option<Lang>>,
        Vec<String>,
        BTreeMap<Lang, (u32, Vec<(u32, u32)>, Vec<(u32, u32)>)>,
        Bm25Stats,
        BTreeMap<(Lang, String), (Vec<u32>, Option<String>)>,
    );

    fn record_view(e: &Engine) -> RecordView {
        let slots = (0..e.slot_langs.len())
            .map(|s| (!e.free.contains(&s)).then_some(e.slot_langs[s]))
            .collect();
        let terms = e.terms.iter().map(|(_, t)| t.to_string()).collect();
        let stats = e
            .stats
            .iter()
            .map(|(&lang, st)| {
                let counts = (
                    st.docs,
                    st.df.iter().collect(),
                    st.context_terms.iter().collect(),
                );
                (lang, counts)
            })
            .collect();
        let fingerprints = &e.disk.as_ref().unwrap().fingerprints;
        let articles = e
            .articles
            .iter()
            .map(|(key, slots)| (key.clone(), (slots.clone(), fingerprints.get(key).cloned())))
            .collect();
        (slots, terms, stats, e.bm25.clone(), articles)
    }

    /// How many whole entries the journal in `idx` holds (0 without one).
    fn journal_entries(idx: &Path) -> usize {
        let Ok(bytes) = std::fs::read(idx.join(JOURNAL)) else {
            return 0;
        };
        let mut r = Reader::new(&bytes[JOURNAL_MAGIC.len() + 4 + 8..]);
        let mut n = 0;
        while r.frame().is_some() {
            n += 1;
        }
        n
    }

    fn modified(path: &Path) -> std::time::SystemTime {
        std::fs::metadata(path).unwrap().modified().unwrap()
    }

    fn open_on_disk(idx: &Path, site: &[Article]) -> Engine {
        Engine::on_disk(
            idx,
            site_passages(site),
            &synonyms(),
            EngineConfig::default(),
        )
        .unwrap()
    }

    /// A site of `n` articles in the three languages, drawn from `rng`.
    fn site_of(rng: &mut Rng, n: usize) -> Vec<Article> {
        (0..n)
            .map(|i| {
                let lang = [Lang::En, Lang::Fa, Lang::En, Lang::Ps][i % 4];
                article(rng, lang, &format!("{lang}-{i}"))
            })
            .collect()
    }

    /// A site of `n` articles drawn from `seed`, indexed on disk in a new
    /// directory (kept alive by the first value), with its index's path
    /// and what is left of the generator.
    fn on_disk_site(
        seed: u64,
        n: usize,
    ) -> (tempfile::TempDir, PathBuf, Rng, Vec<Article>, Engine) {
        let dir = tempfile::tempdir().unwrap();
        let idx = dir.path().join("index");
        let mut rng = Rng(seed);
        let site = site_of(&mut rng, n);
        let e = open_on_disk(&idx, &site);
        (dir, idx, rng, site, e)
    }

    /// One edit of the kinds a site sees: an article replaced, removed or
    /// added, or several at once; applied to `site`, and given back as an
    /// update's arguments.
    fn edit(
        rng: &mut Rng,
        site: &mut Vec<Article>,
        n: usize,
    ) -> (Vec<(Lang, String)>, Vec<Article>) {
        let (remove, add) = match rng.below(4) {
            0 if site.len() > 2 => (vec![key(&site[rng.below(site.len())])], vec![]),
            1 => {
                let (lang, slug) = key(&site[rng.below(site.len())]);
                (vec![], vec![article(rng, lang, &slug)])
            }
            2 => {
                let lang = [Lang::En, Lang::Fa, Lang::Ps][rng.below(3)];
                (vec![], vec![article(rng, lang, &format!("{lang}-new-{n}"))])
            }
            _ => {
                let gone = key(&site[rng.below(site.len())]);
                let (lang, replaced) = key(&site[rng.below(site.len())]);
                let replacing = article(rng, lang, &replaced);
                let new = article(rng, Lang::Fa, &format!("fa-more-{n}"));
                let remove = if (lang, replaced) == gone {
                    vec![]
                } else {
                    vec![gone]
                };
                (remove, vec![replacing, new])
            }
        };
        site.retain(|a| !remove.contains(&key(a)) && !add.iter().any(|n| key(n) == key(a)));
        site.extend(add.iter().cloned());
        (remove, add)
    }

    #[test]
    fn a_restart_replays_the_journal_to_the_engine_before_it_and_a_fresh_build() {
        for seed in [11u64, 12, 13] {
            let dir = tempfile::tempdir().unwrap();
            let idx = dir.path().join("index");
            let mut rng = Rng(seed);
            let mut site = site_of(&mut rng, 24);
            let mut e = open_on_disk(&idx, &site);
            // No compaction: every update below stays in the journal.
            e.disk.as_mut().unwrap().compact_past = u64::MAX;
            let snapshot = std::fs::read(idx.join(RECORD)).unwrap();
            let mut seen = site_passages(&site);
            for step in 0..10 {
                let (remove, add) = match step {
                    // Every Pashto article goes: the language has no statistics left.
                    4 => {
                        let gone: Vec<_> = site
                            .iter()
                            .filter(|a| a.lang == Lang::Ps)
                            .map(key)
                            .collect();
                        site.retain(|a| a.lang != Lang::Ps);
                        (gone, vec![])
                    }
                    // And one comes back, in slots Dari passages may have freed.
                    5 => {
                        let a = article(&mut rng, Lang::Ps, "ps-back");
                        site.push(a.clone());
                        (vec![], vec![a])
                    }
                    _ => edit(&mut rng, &mut site, step),
                };
                let added = site_passages(&add);
                seen.extend(added.iter().cloned());
                e.update(&remove, added).unwrap();
                assert_eq!(journal_entries(&idx), step + 1, "seed {seed}, step {step}");
                assert_eq!(std::fs::read(idx.join(RECORD)).unwrap(), snapshot);
            }
            let questions = questions(&mut rng, &seen);
            let before = record_view(&e);
            let answers: Vec<_> = questions
                .iter()
                .map(|(q, lang)| {
                    let a = e.answer(q, *lang, 200).unwrap();
                    (answer_view(&e, &a), hits_view(&e, &a.hits))
                })
                .collect();
            drop(e);

            // Snapshot and ten entries: nothing to index again, the same record, the same answers.
            let e = open_on_disk(&idx, &site);
            let context = format!("seed {seed}, restored");
            assert_eq!(
                e.opening(),
                IndexOpening::Reused(UpdateStats::default()),
                "{context}"
            );
            assert_eq!(record_view(&e), before, "{context}");
            for ((q, lang), (view, hits)) in questions.iter().zip(&answers) {
                let a = e.answer(q, *lang, 200).unwrap();
                assert_eq!(&answer_view(&e, &a), view, "{context}: {q}");
                assert_same_hits(&hits_view(&e, &a.hits), hits, &format!("{context}: {q}"));
            }
            assert_as_fresh(&e, &site, &questions, &context);

            // The same engine written as one snapshot restores the same.
            let mut e = e;
            let opstamp = e.index.load_metas().unwrap().opstamp;
            e.write_record(opstamp).unwrap();
            assert!(!idx.join(JOURNAL).exists(), "a snapshot holds the journal");
            drop(e);
            let e = open_on_disk(&idx, &site);
            assert_eq!(e.opening(), IndexOpening::Reused(UpdateStats::default()));
            assert_eq!(record_view(&e), before, "seed {seed}, one snapshot");
        }
    }

    #[test]
    fn an_update_appends_one_entry_and_leaves_the_snapshot_alone() {
        // Large enough that an entry is a small share of the snapshot, as on a real site.
        let (_dir, idx, _, mut site, mut e) = on_disk_site(21, 400);
        let snapshot = std::fs::read(idx.join(RECORD)).unwrap();
        let stamp = modified(&idx.join(RECORD));
        assert!(!idx.join(JOURNAL).exists());

        site[1].sections[0].1[0] = "Snow closed the Salang road for a week.".into();
        e.update(&[], passages(&site[1])).unwrap();
        assert_eq!(journal_entries(&idx), 1);
        let one = std::fs::metadata(idx.join(JOURNAL)).unwrap().len();
        site[2].title = "کابل پایتخت".into();
        e.update(&[], passages(&site[2])).unwrap();
        assert_eq!(journal_entries(&idx), 2);
        assert!(std::fs::metadata(idx.join(JOURNAL)).unwrap().len() > one);
        assert_eq!(std::fs::read(idx.join(RECORD)).unwrap(), snapshot);
        assert_eq!(modified(&idx.join(RECORD)), stamp);
        // An entry is a small share of the snapshot: what an edit no longer writes.
        assert!(
            one * 10 < snapshot.len() as u64,
            "{one} of {}",
            snapshot.len()
        );
        drop(e);
        let e = open_on_disk(&idx, &site);
        assert_eq!(e.opening(), IndexOpening::Reused(UpdateStats::default()));
        assert_as_fresh(
            &e,
            &site,
            &[("salang road snow".into(), Lang::En)],
            "appended",
        );
    }

    #[test]
    fn a_torn_or_changed_journal_is_refused_and_the_index_rebuilt() {
        // Each case on its own index: a snapshot and four entries.
        let journaled = |idx: &Path| {
            let mut rng = Rng(31);
            let mut site = site_of(&mut rng, 40);
            let mut e = open_on_disk(idx, &site);
            e.disk.as_mut().unwrap().compact_past = u64::MAX;
            let mut three = 0;
            for n in 0..4 {
                three = std::fs::metadata(idx.join(JOURNAL)).map_or(0, |m| m.len());
                let (remove, add) = edit(&mut rng, &mut site, n);
                e.update(&remove, site_passages(&add)).unwrap();
            }
            assert_eq!(journal_entries(idx), 4);
            let questions = questions(&mut rng, &site_passages(&site));
            (site, three as usize, questions)
        };
        type Damage = fn(&mut Vec<u8>, usize);
        let cases: [(&str, Damage, bool); 4] = [
            ("whole", |_, _| {}, true),
            // kill -9 in the middle of an append.
            ("torn", |j, _| j.truncate(j.len() - 3), false),
            // A byte of the last entry changed: its checksum tells.
            (
                "changed",
                |j, _| {
                    let at = j.len() - 10;
                    j[at] ^= 0x40;
                },
                false,
            ),
            // The last entry whole but missing: the record ends a commit before the index.
            ("short", |j, three| j.truncate(three), false),
        ];
        for (what, damage, trusted) in cases {
            let dir = tempfile::tempdir().unwrap();
            let idx = dir.path().join("index");
            let (site, three, questions) = journaled(&idx);
            let mut journal = std::fs::read(idx.join(JOURNAL)).unwrap();
            damage(&mut journal, three);
            std::fs::write(idx.join(JOURNAL), journal).unwrap();
            let e = open_on_disk(&idx, &site);
            let opening = if trusted {
                IndexOpening::Reused(UpdateStats::default())
            } else {
                IndexOpening::Built
            };
            assert_eq!(e.opening(), opening, "{what}");
            assert_as_fresh(&e, &site, &questions, what);
            drop(e);
            if !trusted {
                // The rebuild wrote a snapshot of its own and no journal, and it is trusted.
                assert!(!idx.join(JOURNAL).exists(), "{what}");
                let e = open_on_disk(&idx, &site);
                assert_eq!(
                    e.opening(),
                    IndexOpening::Reused(UpdateStats::default()),
                    "{what}"
                );
            }
        }
    }

    #[test]
    fn past_its_share_the_journal_is_compacted_into_a_new_snapshot() {
        // Large enough that several entries fit in the journal's share.
        let (_dir, idx, mut rng, mut site, mut e) = on_disk_site(51, 400);
        let mut appended = 0;
        let mut compacted = None;
        for n in 0..60 {
            let snapshot = std::fs::read(idx.join(RECORD)).unwrap();
            let journal = std::fs::read(idx.join(JOURNAL)).ok();
            let (remove, add) = edit(&mut rng, &mut site, n);
            e.update(&remove, site_passages(&add)).unwrap();
            let now = std::fs::read(idx.join(RECORD)).unwrap();
            match std::fs::metadata(idx.join(JOURNAL)) {
                Ok(m) => {
                    // Appended, within its share of the snapshot, which is as it was.
                    assert_eq!(now, snapshot, "edit {n}");
                    assert!(m.len() <= now.len() as u64 / COMPACT_SHARE, "edit {n}");
                    appended += 1;
                }
                Err(_) => {
                    // Compacted: a new snapshot, and the journal gone.
                    assert_ne!(now, snapshot, "edit {n}");
                    let grown = journal.as_ref().map_or(0, Vec::len) as u64;
                    assert!(grown <= snapshot.len() as u64 / COMPACT_SHARE, "edit {n}");
                    compacted = journal.map(|j| (j, n));
                    if appended > 1 {
                        break;
                    }
                }
            }
        }
        let (old_journal, n) = compacted.expect("a compaction in 60 edits");
        assert!(
            appended > 1,
            "edits appended before compaction {n}: {appended}"
        );
        drop(e);
        let e = open_on_disk(&idx, &site);
        assert_eq!(e.opening(), IndexOpening::Reused(UpdateStats::default()));
        let questions = questions(&mut rng, &site_passages(&site));
        assert_as_fresh(&e, &site, &questions, "compacted");
        let view = record_view(&e);
        drop(e);

        // A crash between the new snapshot's rename and the journal's
        // removal: the old journal names the old snapshot and is ignored.
        std::fs::write(idx.join(JOURNAL), &old_journal).unwrap();
        let mut e = open_on_disk(&idx, &site);
        assert_eq!(e.opening(), IndexOpening::Reused(UpdateStats::default()));
        assert_eq!(record_view(&e), view);
        // And the next entry starts the journal anew rather than appending to it.
        let (remove, add) = edit(&mut rng, &mut site, 99);
        e.update(&remove, site_passages(&add)).unwrap();
        assert_eq!(journal_entries(&idx), 1);
        drop(e);
        let e = open_on_disk(&idx, &site);
        assert_eq!(e.opening(), IndexOpening::Reused(UpdateStats::default()));
        assert_as_fresh(&e, &site, &questions, "after the crash");
    }

    #[test]
    fn after_a_failed_append_the_next_update_writes_a_snapshot() {
        let (_dir, idx, mut rng, mut site, mut e) = on_disk_site(61, 400);
        // A directory where the journal goes: the append fails.
        std::fs::create_dir(idx.join(JOURNAL)).unwrap();
        let (remove, add) = edit(&mut rng, &mut site, 0);
        assert!(matches!(
            e.update(&remove, site_passages(&add)),
            Err(Error::Dir { .. })
        ));
        std::fs::remove_dir(idx.join(JOURNAL)).unwrap();
        let snapshot = std::fs::read(idx.join(RECORD)).unwrap();
        // The engine took the change in; the record missed it, so the next one is whole.
        let (remove, add) = edit(&mut rng, &mut site, 1);
        e.update(&remove, site_passages(&add)).unwrap();
        assert_ne!(std::fs::read(idx.join(RECORD)).unwrap(), snapshot);
        assert!(!idx.join(JOURNAL).exists());
        let (remove, add) = edit(&mut rng, &mut site, 2);
        e.update(&remove, site_passages(&add)).unwrap();
        assert_eq!(journal_entries(&idx), 1, "then appends again");
        drop(e);
        let e = open_on_disk(&idx, &site);
        assert_eq!(e.opening(), IndexOpening::Reused(UpdateStats::default()));
        let questions = questions(&mut rng, &site_passages(&site));
        assert_as_fresh(&e, &site, &questions, "after a failed append");
    }
}

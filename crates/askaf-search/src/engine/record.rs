//! What the engine records beside the index in its directory: which
//! articles the index holds, the engine's statistics and slots, as of
//! which commit, so that a restart reads the record rather than analyzing
//! every passage again.
//!
//! The record is a snapshot ([`RECORD`]) and a journal ([`JOURNAL`]) of the
//! updates since ([`Engine::update`](super::Engine::update) appends to it);
//! [`Engine::restore`] reads both back, and a record that does not hold
//! together (torn, changed, of another format) is refused, so the index is
//! rebuilt.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use askaf_content::Lang;
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::Index;

use crate::synonyms::Synonyms;
use crate::{EngineConfig, Error};

use super::bm25::{Bm25Stats, Share};
use super::codec::{u32_of, Reader, Writer};
use super::{schema, Counts, Engine, LangStats, Prepared, Terms, INDEX_FORMAT};

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
    pub(super) dir: PathBuf,
    /// Each article's version, as indexed: what [`Engine::on_disk_with`]
    /// was told, or the [`fingerprint`](super::fingerprint) of its passages.
    pub(super) fingerprints: FxHashMap<(Lang, String), String>,
    /// The term ids whose counts changed since the record was last written.
    pub(super) touched: Touched,
    /// The commit the snapshot describes, which the journal's header names.
    snapshot_opstamp: u64,
    /// The journal's size past which it is compacted: the snapshot's
    /// divided by [`COMPACT_SHARE`] (a test raises it to keep a long journal).
    pub(super) compact_past: u64,
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
pub(super) struct Touched {
    /// By language: ids of its document frequencies and context counts.
    langs: BTreeMap<Lang, BTreeSet<u32>>,
    /// By BM25 field id: ids of its document frequencies.
    bm25: BTreeMap<usize, BTreeSet<u32>>,
}

impl Touched {
    pub(super) fn note(&mut self, lang: Lang, prep: &Prepared, share: &Share, terms: &Terms) {
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
pub(super) const RECORD: &str = "askaf-index.record";

/// The record's first bytes.
pub(super) const MAGIC: &[u8; 8] = b"ASKAFIX\0";

/// The journal of the updates since the snapshot in [`RECORD`]: a header
/// (its magic, the format, the snapshot's opstamp), then one framed entry
/// per update (see [`Engine::journal_entry`]).
pub(super) const JOURNAL: &str = "askaf-index.journal";

/// The journal's first bytes.
pub(super) const JOURNAL_MAGIC: &[u8; 8] = b"ASKAFIJ\0";

/// The journal is compacted into a new snapshot once it is larger than
/// the snapshot divided by this: a restart then reads at most a quarter
/// more than the snapshot, and the snapshot is rewritten once per that
/// many bytes of edits rather than on every edit.
pub(super) const COMPACT_SHARE: u64 = 4;

fn lang_code(lang: Lang) -> u8 {
    // `index` is the place in `Lang::ALL`, at most 2.
    lang.index() as u8
}

fn lang_of(code: u8) -> Option<Lang> {
    Lang::ALL.get(usize::from(code)).copied()
}

/// The code of a free slot in the record.
const FREE_SLOT: u8 = u8::MAX;

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

/// Makes a file created or renamed in `dir` durable: the name lives in
/// the folder. Windows cannot open a folder to sync it, and needs not.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    if cfg!(unix) {
        std::fs::File::open(dir)?.sync_all()
    } else {
        Ok(())
    }
}

impl Engine {
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
    pub(super) fn record_update(
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
            let slot = u32_of(slot);
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
    pub(super) fn write_record(&mut self, opstamp: u64) -> Result<(), Error> {
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
}

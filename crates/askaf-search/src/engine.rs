//! The passage index and the answer it gives.
//!
//! This file holds the [`Engine`] itself: its state, how it is built or
//! opened, and how it reads passages back from the index. The rest is one
//! concern a file:
//! - `question`: a question's terms and compounds, the concepts a passage
//!   must cover, the tantivy query; `typos`: its words the articles never use;
//! - `rank`: the lexical ranking (BM25 re-ranked by coverage and proximity);
//! - `meaning`: ranking and answering with a sentence model, across
//!   languages too;
//! - `answer`: what a question gets back, the sentence quoted and the
//!   decision to answer or not; `cues`: what a question asks for;
//! - `schema`, `prepare`, `analyzed`, `stats`, `terms`, `codec`, `bm25`,
//!   `directory`: the index's layout and what indexing stores beside it;
//! - `update`: taking edited articles in without rebuilding; `record`: what
//!   the engine keeps beside the index on disk (a snapshot and a journal),
//!   so a restart analyzes nothing that has not changed;
//! - `config`: the weights and cutoffs, settable by name.

use std::collections::{BTreeSet, HashMap};

use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::{Arc, Mutex};

use askaf_content::{BlockKind, Lang};
use rustc_hash::FxHashMap;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::passage::Passage;
use crate::semantic::Semantic;
use crate::synonyms::{AnalyzedGroup, Synonyms};
use crate::vectors::Key;
use crate::{language, Error};

mod analyzed;
mod answer;
mod bm25;
mod codec;
mod columns;
mod config;
mod cues;
mod directory;
mod meaning;
mod prepare;
mod question;
mod rank;
mod record;
mod schema;
mod stats;
mod terms;
mod typos;
mod update;

use analyzed::Analyzed;
use terms::{Counts, Terms};

pub use answer::{Answer, AnswerSentence, ArticleVersion, Decision, Hit, PassagesOf, Signals};
pub use columns::{Cell, Marked, TableHeader};
pub use config::EngineConfig;
use cues::is_count;
use prepare::{number_terms, prepare, texts_to_encode, Prepared, UNNUMBERED};
use schema::{
    article_key, document, fingerprint, headings_text, index_writer, register_tokenizers, schema,
    IndexSchema, LangFields, HEADINGS_SEPARATOR,
};
use stats::{LangStats, Stats};
use typos::VocabWord;
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
/// 8: a table's header row is its text's first line, empty cells keep
/// their place, and the stored analysis marks the header row, which is
/// never quoted and is read with each row.
pub const INDEX_FORMAT: u32 = 8;

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
const LOADED_PASSAGES: NonZeroUsize = match NonZeroUsize::new(512) {
    Some(n) => n,
    None => panic!("LOADED_PASSAGES is not zero"),
};

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
    /// Each language's mean passage vector, kept until the passages with
    /// vectors change (answers across languages: `meaning.rs`).
    means: Mutex<Option<Arc<meaning::Means>>>,
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
    disk: Option<record::Disk>,
    /// How the tantivy index was come by.
    opening: IndexOpening,
    /// Set when an update committed to the index but could not be taken in:
    /// the index then holds documents the engine does not know of.
    diverged: bool,
}

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
            loaded: Mutex::new(lru::LruCache::new(LOADED_PASSAGES)),
            means: Mutex::new(None),
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
}

#[cfg(test)]
mod tests;

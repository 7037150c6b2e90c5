//! The tantivy side: the index's fields, the tokenizer that hands over
//! `askaf-text`'s analysis, a passage's document, the writer, and the
//! fingerprint that tells whether the index on disk holds an article as it is.

use std::collections::HashMap;

use askaf_content::Lang;
use askaf_text::{analyze, Language};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::{doc, Index, TantivyDocument};

use crate::passage::Passage;
use crate::{language, Error};

use super::INDEX_FORMAT;

#[derive(Clone)]
pub(super) struct LangFields {
    pub(super) body: Field,
    pub(super) title: Field,
    pub(super) question: Field,
    pub(super) headings: Field,
}

/// The tantivy tokenizer that hands over `askaf-text`'s analysis unchanged.
#[derive(Clone)]
pub(super) struct AskTokenizer {
    pub(super) lang: Language,
}

pub(super) struct VecTokenStream {
    pub(super) tokens: Vec<Token>,
    pub(super) next: usize,
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

pub(super) fn tokenizer_name(lang: Lang) -> String {
    format!("askaf_{lang}")
}

/// The schema and its fields: the `pid` field (a passage's slot), the
/// `article` field (`lang/slug`), the `anchor` field, and each language's text fields.
pub(super) struct IndexSchema {
    pub(super) schema: Schema,
    pub(super) pid: Field,
    pub(super) article: Field,
    pub(super) anchor: Field,
    /// The block's kind ([`BlockKind::name`](askaf_content::BlockKind::name)).
    pub(super) kind: Field,
    pub(super) analysis: Field,
    pub(super) fields: HashMap<Lang, LangFields>,
}

pub(super) fn schema() -> IndexSchema {
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
pub(super) fn article_key(lang: Lang, slug: &str) -> String {
    format!("{lang}/{slug}")
}

/// The text of the `headings` field: the headings above a passage, one a line.
pub(super) fn headings_text(p: &Passage) -> String {
    p.headings.join(HEADINGS_SEPARATOR)
}

/// Between two headings in the `headings` field.
pub(super) const HEADINGS_SEPARATOR: &str = " \n ";

/// The tantivy document of the passage in `slot`, with its analysis
/// ([`analyzed::encode`](super::analyzed::encode)).
pub(super) fn document(
    s: &IndexSchema,
    slot: usize,
    p: &Passage,
    analysis: Vec<u8>,
) -> TantivyDocument {
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

pub(super) fn register_tokenizers(index: &Index) {
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
pub(super) fn fingerprint<'a>(passages: impl IntoIterator<Item = &'a Passage>) -> String {
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

/// The tantivy writer's memory budget.
pub(super) const WRITER_HEAP: usize = 30_000_000;

/// Segments with more passages than this are never merged again. A merge
/// reads each of its segments' document stores whole (see
/// [`directory`](super::directory)), one after another; segments grow eightfold a level
/// (eight 30 MB writes make one of about 500,000 passages and a 220 MB
/// store), and merging eight of those would hold one such store in memory
/// at a time for no gain a reader sees: a question visits a few more
/// segments instead, at 100,000 articles none, since it takes about
/// 170,000 articles to make eight.
pub(super) const MAX_MERGED_PASSAGES: usize = 400_000;

/// A writer for `index`: one indexing thread, [`WRITER_HEAP`], and merges
/// capped at [`MAX_MERGED_PASSAGES`].
pub(super) fn index_writer(index: &Index) -> Result<tantivy::IndexWriter<TantivyDocument>, Error> {
    let writer = index.writer_with_num_threads(1, WRITER_HEAP)?;
    let mut policy = tantivy::merge_policy::LogMergePolicy::default();
    policy.set_max_docs_before_merge(MAX_MERGED_PASSAGES);
    writer.set_merge_policy(Box::new(policy));
    Ok(writer)
}

//! A passage's analysis as term ids, stored in the index beside its text.
//!
//! A question reads its candidate passages back from the index and weighs
//! their terms and sentences. Analyzing a passage again for that (splitting
//! it into words, stemming them, finding its sentences) took as long as
//! tantivy's search itself: at a hundred thousand articles, about half of a
//! question's time. So the analysis is done once, when the passage is
//! indexed, and stored with it as the ids the engine's [`Terms`] gives its
//! terms. Ids are only ever added to [`Terms`] and are written in the
//! index's record, so they stay valid for as long as the index does; an
//! index of another [`INDEX_FORMAT`](super::INDEX_FORMAT) is rebuilt.
//!
//! The layout: unsigned LEB128 varints, differences where values rise.
//! - the body's tokens: their count, then each token's term id, its position
//!   after the previous one's, its start after the previous one's start
//!   (zigzag: a token's range may begin before the last one's ends), and
//!   its length;
//! - the question's and the context's term ids, sorted, as differences;
//! - the sentences: their count, then each one's start (after the previous
//!   one's end) and length, how many tokens it holds, a byte of flags (a
//!   number, a negation, an ordinal, a table's header row), and
//!   the sorted ids of the terms it counts (those that follow a number).

use std::ops::Range;

use super::{id_set, is_count, Prepared, Terms, UNNUMBERED};

/// A body term of a passage as a question weighs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tok {
    pub id: u32,
    /// Its position among the body's words (stop words keep theirs).
    pub pos: u32,
    /// Its byte range in the passage's text, for highlighting.
    pub start: u32,
    pub end: u32,
}

/// A passage's analysis as ids: what [`Engine::load`](super::Engine) keeps
/// of a passage read back, and all a question weighs.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Analyzed {
    /// The body's terms, in order.
    pub tokens: Vec<Tok>,
    /// Sorted ids of the body's and the context's terms.
    pub all_ids: Vec<u32>,
    /// Sorted ids of the terms of the title, question and headings.
    pub context_ids: Vec<u32>,
    /// Sorted ids of the terms of the article's question.
    pub question_ids: Vec<u32>,
    pub sentences: Vec<SentenceIds>,
}

/// A sentence of an [`Analyzed`] passage.
#[derive(Debug, PartialEq)]
pub(super) struct SentenceIds {
    pub range: Range<usize>,
    /// Its run of the passage's tokens.
    pub tokens: Range<usize>,
    /// Its terms' ids as a sorted set.
    pub ids: Vec<u32>,
    /// Sorted ids of the terms that directly follow a number: what the
    /// sentence counts ("34 provinces", "۳۴ ولایت").
    pub counted_ids: Vec<u32>,
    /// Whether the sentence holds a number, for questions that ask for one.
    pub has_number: bool,
    pub negated: bool,
    /// Whether it holds an ordinal ("پنجمین", "شانزدهم"), for questions that ask for one.
    pub has_ordinal: bool,
    /// Whether it is a table's header row, which names the columns.
    pub header: bool,
}

const HAS_NUMBER: u8 = 1;
const NEGATED: u8 = 2;
const HAS_ORDINAL: u8 = 4;
const HEADER: u8 = 8;

fn put(buf: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        buf.push((v as u8) | 0x80);
        v >>= 7;
    }
    buf.push(v as u8);
}

fn put_signed(buf: &mut Vec<u8>, v: i64) {
    put(buf, ((v << 1) ^ (v >> 63)) as u64);
}

fn put_set(buf: &mut Vec<u8>, ids: &[u32]) {
    put(buf, ids.len() as u64);
    let mut last = 0;
    for &id in ids {
        put(buf, u64::from(id - last));
        last = id;
    }
}

/// The stored form of `prep`, whose terms [`number_terms`](super::number_terms) numbered.
pub(super) fn encode(prep: &Prepared, terms: &Terms) -> Vec<u8> {
    let mut buf = Vec::with_capacity(prep.tokens.len() * 5 + 64);
    let ids: Vec<u32> = prep
        .tokens
        .iter()
        .map(|t| terms.get(&t.term).unwrap_or(UNNUMBERED))
        .collect();
    put(&mut buf, prep.tokens.len() as u64);
    let (mut pos, mut start) = (0i64, 0i64);
    for (t, &id) in prep.tokens.iter().zip(&ids) {
        put(&mut buf, u64::from(id));
        put_signed(&mut buf, t.position as i64 - pos);
        put_signed(&mut buf, t.range.start as i64 - start);
        put(&mut buf, (t.range.end - t.range.start) as u64);
        pos = t.position as i64;
        start = t.range.start as i64;
    }
    put_set(&mut buf, &id_set(terms, prep.question_terms.iter()));
    put_set(&mut buf, &id_set(terms, prep.context.iter()));
    put(&mut buf, prep.sentences.len() as u64);
    let mut end = 0;
    for s in &prep.sentences {
        put_signed(&mut buf, s.range.start as i64 - end as i64);
        put(&mut buf, (s.range.end - s.range.start) as u64);
        put(&mut buf, s.tokens.len() as u64);
        end = s.range.end;
        let mut flags = 0;
        for (set, bit) in [
            (s.has_number, HAS_NUMBER),
            (s.negated, NEGATED),
            (s.has_ordinal, HAS_ORDINAL),
            (s.header, HEADER),
        ] {
            if set {
                flags |= bit;
            }
        }
        buf.push(flags);
        let run = &prep.tokens[s.tokens.clone()];
        let mut counted: Vec<u32> = run
            .windows(2)
            .filter(|w| is_count(&w[0].term))
            .filter_map(|w| terms.get(&w[1].term))
            .collect();
        counted.sort_unstable();
        counted.dedup();
        put_set(&mut buf, &counted);
    }
    buf
}

/// Reads values back; `None` past the end or on a value out of range.
struct Cursor<'a> {
    buf: &'a [u8],
}

impl Cursor<'_> {
    fn u64(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.buf.split_first()?;
            self.buf = rest;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }
    fn i64(&mut self) -> Option<i64> {
        let v = self.u64()?;
        Some(((v >> 1) as i64) ^ -((v & 1) as i64))
    }
    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.u64()?).ok()
    }
    /// A count of entries of at least one byte each: never more than the bytes left.
    fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n <= self.buf.len()).then_some(n)
    }
    fn set(&mut self) -> Option<Vec<u32>> {
        let n = self.count()?;
        let mut last = 0u32;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            last = last.checked_add(self.u32()?)?;
            v.push(last);
        }
        Some(v)
    }
    fn offset(&mut self, from: i64) -> Option<u32> {
        u32::try_from(from.checked_add(self.i64()?)?).ok()
    }
}

impl Analyzed {
    /// The analysis [`encode`] stored; `None` for bytes that do not read as one.
    pub fn decode(bytes: &[u8]) -> Option<Analyzed> {
        let mut c = Cursor { buf: bytes };
        let n = c.count()?;
        let mut tokens = Vec::with_capacity(n);
        let (mut pos, mut start) = (0i64, 0i64);
        for _ in 0..n {
            let id = c.u32()?;
            let p = c.offset(pos)?;
            let s = c.offset(start)?;
            let end = s.checked_add(c.u32()?)?;
            tokens.push(Tok {
                id,
                pos: p,
                start: s,
                end,
            });
            pos = i64::from(p);
            start = i64::from(s);
        }
        let question_ids = c.set()?;
        let context_ids = c.set()?;
        let mut all_ids: Vec<u32> = tokens
            .iter()
            .map(|t| t.id)
            .filter(|&id| id != UNNUMBERED)
            .chain(context_ids.iter().copied())
            .collect();
        all_ids.sort_unstable();
        all_ids.dedup();
        let n = c.count()?;
        let mut sentences = Vec::with_capacity(n);
        let (mut end, mut next) = (0i64, 0usize);
        for _ in 0..n {
            let s = c.offset(end)? as usize;
            let e = s.checked_add(c.u64()? as usize)?;
            let run = next..next.checked_add(usize::try_from(c.u64()?).ok()?)?;
            let seq = tokens.get(run.clone())?;
            let flags = *c.buf.first()?;
            c.buf = &c.buf[1..];
            let mut ids: Vec<u32> = seq
                .iter()
                .map(|t| t.id)
                .filter(|&id| id != UNNUMBERED)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            sentences.push(SentenceIds {
                range: s..e,
                tokens: run.clone(),
                ids,
                counted_ids: c.set()?,
                has_number: flags & HAS_NUMBER != 0,
                negated: flags & NEGATED != 0,
                has_ordinal: flags & HAS_ORDINAL != 0,
                header: flags & HEADER != 0,
            });
            end = e as i64;
            next = run.end;
        }
        if !c.buf.is_empty() || (!sentences.is_empty() && next != tokens.len()) {
            return None;
        }
        Some(Analyzed {
            tokens,
            all_ids,
            context_ids,
            question_ids,
            sentences,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{number_terms, prepare};
    use super::*;
    use crate::passage::Passage;
    use askaf_content::Lang;

    fn passage(lang: Lang, title: &str, text: &str) -> Passage {
        Passage {
            lang,
            article: "a".into(),
            anchor: "p1".into(),
            title: title.into(),
            question: format!("{title}?"),
            headings: vec!["History".into()],
            kind: askaf_content::BlockKind::Paragraph,
            text: text.into(),
        }
    }

    /// The stored analysis reads back as the passage's own: every token's
    /// id, position and range, every sentence's run, flags and counts.
    #[test]
    fn an_analysis_reads_back_as_it_was_stored() {
        for p in [
            passage(
                Lang::En,
                "Provinces of Afghanistan",
                "Afghanistan is divided into 34 provinces. It was not always so: \
                 in 1964 there were 28. The capital is Kabul.",
            ),
            passage(
                Lang::Fa,
                "ولایات افغانستان",
                "افغانستان ۳۴ ولایت دارد. کابل پایتخت است و شانزدهمین شهر نیست.",
            ),
        ] {
            let prep = prepare(&p);
            let mut terms = Terms::default();
            terms.intern("unrelated");
            number_terms(&mut terms, &prep);
            let a = Analyzed::decode(&encode(&prep, &terms)).expect("reads back");
            let id = |t: &str| terms.get(t).unwrap();
            assert_eq!(a.tokens.len(), prep.tokens.len());
            for (got, want) in a.tokens.iter().zip(&prep.tokens) {
                assert_eq!(got.id, id(&want.term));
                assert_eq!(got.pos as usize, want.position);
                assert_eq!(got.start as usize..got.end as usize, want.range);
            }
            assert_eq!(a.sentences.len(), prep.sentences.len());
            assert!(a.sentences.len() >= 2);
            for (got, want) in a.sentences.iter().zip(&prep.sentences) {
                assert_eq!(got.range, want.range);
                assert_eq!(got.tokens, want.tokens);
                assert_eq!(
                    (got.has_number, got.negated, got.has_ordinal, got.header),
                    (want.has_number, want.negated, want.has_ordinal, want.header)
                );
                let seq: Vec<u32> = prep.tokens[want.tokens.clone()]
                    .iter()
                    .map(|t| id(&t.term))
                    .collect();
                let ids: Vec<u32> = a.tokens[got.tokens.clone()].iter().map(|t| t.id).collect();
                assert_eq!(ids, seq);
                let mut set = seq.clone();
                set.sort_unstable();
                set.dedup();
                assert_eq!(got.ids, set);
            }
            // The first sentence counts provinces ("34 provinces", "۳۴ ولایت").
            let counted = &a.sentences[0].counted_ids;
            assert_eq!(counted.len(), 1, "{:?}", p.lang);
            let provinces = prep.tokens.iter().position(|t| is_count(&t.term)).unwrap() + 1;
            assert_eq!(counted[0], id(&prep.tokens[provinces].term));
            assert!(a.sentences.iter().skip(1).all(|s| s.counted_ids.is_empty()));
            let mut question: Vec<u32> = prep.question_terms.iter().map(|t| id(t)).collect();
            question.sort_unstable();
            assert_eq!(a.question_ids, question);
            let mut all: Vec<u32> = prep.all_terms.iter().map(|t| id(t)).collect();
            all.sort_unstable();
            assert_eq!(a.all_ids, all);
            assert!(a.context_ids.contains(&id(&prep.tokens[0].term)));
        }
        // Negation and ordinals are kept per sentence.
        let fa = prepare(&passage(
            Lang::Fa,
            "کابل",
            "کابل بزرگ است. کابل شانزدهمین شهر نیست.",
        ));
        let mut terms = Terms::default();
        number_terms(&mut terms, &fa);
        let a = Analyzed::decode(&encode(&fa, &terms)).unwrap();
        assert_eq!(
            a.sentences
                .iter()
                .map(|s| (s.negated, s.has_ordinal))
                .collect::<Vec<_>>(),
            [(false, false), (true, true)]
        );
    }

    /// A table's header row is marked as such in the stored analysis, and
    /// its rows are not.
    #[test]
    fn a_tables_header_row_reads_back_as_its_header() {
        let mut p = passage(Lang::Ps, "ژبې", "دري\tپښتو\n\nسلام\tسلام\n\nتشکر\tمننه");
        p.kind = askaf_content::BlockKind::Table;
        let prep = prepare(&p);
        let mut terms = Terms::default();
        number_terms(&mut terms, &prep);
        let a = Analyzed::decode(&encode(&prep, &terms)).unwrap();
        let header: Vec<bool> = a.sentences.iter().map(|s| s.header).collect();
        assert_eq!(header, [true, false, false]);
        // A table whose header cells are all empty has rows only.
        p.text = "\n\nسلام\tسلام".into();
        let prep = prepare(&p);
        assert_eq!(prep.sentences.len(), 1);
        assert!(!prep.sentences[0].header);
    }

    /// Stored bytes that were cut short or garbled read as none (the
    /// engine reports the document as corrupt), never as a wrong analysis
    /// or a panic.
    #[test]
    fn cut_or_garbled_bytes_read_as_none() {
        let p = passage(
            Lang::En,
            "Kabul",
            "Kabul is the capital. It has 5 million people.",
        );
        let prep = prepare(&p);
        let mut terms = Terms::default();
        number_terms(&mut terms, &prep);
        let bytes = encode(&prep, &terms);
        for cut in 0..bytes.len() {
            assert_eq!(Analyzed::decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(Analyzed::decode(&longer), None);
        assert_eq!(Analyzed::decode(&[0xff; 16]), None);
        // A sentence claiming more tokens than the passage has.
        assert_eq!(Analyzed::decode(&[0, 0, 0, 1, 0, 5, 3, 0, 0]), None);
    }
}

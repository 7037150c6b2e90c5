use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use std::path::{Path, PathBuf};

use super::super::bm25::Bm25Stats;
use super::super::codec::Reader;
use super::super::record::{COMPACT_SHARE, JOURNAL, JOURNAL_MAGIC, MAGIC, RECORD};
use super::*;
use crate::synonyms::Synonyms;
use crate::EngineConfig;
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
            Engine::in_memory(site_passages(&site), &synonyms(), EngineConfig::default()).unwrap();
        // Questions draw on every passage the site ever had, so gone words are asked for too.
        let mut seen = site_passages(&site);
        for step in 0..9 {
            let (remove, add): (Vec<(Lang, String)>, Vec<Article>) = match (step, rng.below(4)) {
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
    let analyzed = super::super::prepare::PREPARED.with(|n| n.get());
    let stats = e.update(&[], passages(&site[1])).unwrap();
    // The four that come are analyzed, and of the three that go only the
    // edited one: the others' words come back, and are counted out with
    // the analysis of those that come (until 7 December each was analyzed
    // again, twice the work of an edit of a long article).
    assert_eq!(
        super::super::prepare::PREPARED.with(|n| n.get()) - analyzed,
        5
    );
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
    let e = Engine::in_memory(site_passages(&site), &synonyms(), EngineConfig::default()).unwrap();
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
fn on_disk_site(seed: u64, n: usize) -> (tempfile::TempDir, PathBuf, Rng, Vec<Article>, Engine) {
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
fn edit(rng: &mut Rng, site: &mut Vec<Article>, n: usize) -> (Vec<(Lang, String)>, Vec<Article>) {
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

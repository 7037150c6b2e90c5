//! A question's analysis: its terms and compounds, the concepts a passage
//! must cover (with synonyms and typo tolerance), and the tantivy query.

use askaf_content::Lang;
use askaf_text::Language;
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::language;
use crate::synonyms::AnalyzedGroup;

use super::stats::Stats;
use super::typos::{char_signature, edit_distance_at_most, missing_chars};
use super::{Concept, Engine, NO_TERM};

/// A question's terms as [`analyze`](askaf_text::analyze) gives them, in order and once each, and
/// for the words of a compound typed apart (`بین المللی`, where the articles
/// write `بین‌المللی`), the compound.
///
/// This needs the corpus, so it is here rather than in the analyzer: `قطب نما`
/// is a compass only because the articles say `قطب‌نما`, while `از این` also
/// spells `ازاین`, and no rule of the language tells them apart. The articles
/// decide: two words with only a space between them are read as a compound
/// when it is at least as common in the articles as the rarer of the two (a
/// stop word counts as never seen, an unknown word too). A reader's `بین`
/// (common) `المللی` (never seen) is then the compound, while two words each
/// used far more often than their accidental join stay apart. Two stop words
/// are never joined: their join (`ازاین`) is no content either. Only Dari's
/// words are offered ([`askaf_text::compound`]): Pashto and English write their
/// compounds joined or as phrases, and their questions keep [`analyze`](askaf_text::analyze)'s terms.
pub(super) fn question_terms(
    question: &str,
    lang: Lang,
    stats: Stats<'_>,
) -> (Vec<String>, FxHashMap<String, String>) {
    let language = language(lang);
    let df = |t: &str| stats.df(t);
    let tokens = askaf_text::tokenize(question, language);
    // Each token's term as analyze makes it, `None` for a stop word, for
    // the noun of Dari's "there is" (`وجود دارد`), for English "get", for
    // English "look like" and for the "kind" of "what kind of", which ask
    // for nothing.
    let stems: Vec<Option<String>> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let next = tokens.get(i + 1).map(|n| n.term.as_str());
            let before = i.checked_sub(1).map(|b| tokens[b].term.as_str());
            let there_is = next.is_some_and(|n| askaf_text::is_there_is(&t.term, n, language));
            let frame = askaf_text::is_description_frame(before, &t.term, next, language)
                || askaf_text::is_category_frame(before, &t.term, next, language);
            (!there_is
                && !frame
                && !askaf_text::is_stop_word(&t.term, language)
                && !askaf_text::is_empty_verb(&t.term, language))
            .then(|| askaf_text::stem(&t.term, language))
        })
        .collect();
    let mut compounds: FxHashMap<String, String> = FxHashMap::default();
    let mut i = 0;
    while i + 1 < tokens.len() {
        let (a, b) = (&tokens[i], &tokens[i + 1]);
        // Only a space between them: not punctuation, not one span's two terms.
        let spaced = question
            .get(a.range.end..b.range.start)
            .is_some_and(|gap| !gap.is_empty() && gap.chars().all(char::is_whitespace));
        let parts: Vec<&String> = stems[i..i + 2].iter().flatten().collect();
        let joined = (spaced && !parts.is_empty())
            .then(|| askaf_text::compound(&a.term, &b.term, language))
            .flatten();
        if let Some(joined) = joined {
            let rarer = if parts.len() < 2 {
                0
            } else {
                parts.iter().map(|p| df(p)).min().unwrap_or(0)
            };
            let common = df(&joined);
            if common > 0 && common >= rarer {
                for p in parts {
                    compounds.entry(p.clone()).or_insert_with(|| joined.clone());
                }
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    let mut terms: Vec<String> = Vec::new();
    for (token, stem) in tokens.iter().zip(stems) {
        let Some(t) = stem else { continue };
        // A word the articles never use may be two they do, run together
        // where the space would not show (`درطول`, `شترچیست`).
        let parts = if df(&t) == 0 && !compounds.contains_key(&t) {
            unseen_space(&token.term, language, &df)
        } else {
            None
        };
        for t in parts.unwrap_or_else(|| vec![t]) {
            if !terms.contains(&t) {
                terms.push(t);
            }
        }
    }
    (terms, compounds)
}

/// The terms of `word` read as two words with a space left out where it
/// would not show ([`askaf_text::unseen_spaces`]), when the articles
/// confirm the reading: each half a stop word or a word of at least three
/// letters the articles use, and at least one of them such a word. Short
/// words are left out, as a two-letter word is too easily a piece of a
/// longer one (`کودکم` "my child" is not `کود` + `کم`). The right-most
/// seam that reads so is taken; the words' stems are returned, stop words
/// left out.
pub(super) fn unseen_space(
    word: &str,
    language: Language,
    df: &dyn Fn(&str) -> u32,
) -> Option<Vec<String>> {
    askaf_text::unseen_spaces(word, language)
        .into_iter()
        .find_map(|(left, right)| {
            let mut words = Vec::new();
            for half in [left, right] {
                if askaf_text::is_stop_word(half, language) {
                    continue;
                }
                let stem = askaf_text::stem(half, language);
                if stem.chars().count() < 3 || df(&stem) == 0 {
                    return None;
                }
                words.push(stem);
            }
            (!words.is_empty()).then_some(words)
        })
}

/// The synonym groups a question's terms meet, each with the phrase that
/// meets it, in the groups' order. A phrase stands for the words it
/// covers, and the longest phrases are matched first, whichever group
/// they are in, so that a group of one word does not take a word of a
/// longer phrase: "به دنیا آمد" (was born) meets "متولد شد" before "دنیا"
/// (world) alone meets "جهان". No two groups share a word.
pub(super) fn synonyms_met<'g>(
    groups: &'g [AnalyzedGroup],
    terms: &[String],
) -> Vec<(usize, &'g Vec<String>)> {
    let mut phrases: Vec<(usize, &Vec<String>)> = groups
        .iter()
        .enumerate()
        .flat_map(|(gi, g)| g.phrases.iter().map(move |p| (gi, p)))
        .collect();
    phrases.sort_by_key(|(_, p)| std::cmp::Reverse(p.len()));
    let mut used: Vec<&String> = Vec::new();
    let mut met: Vec<(usize, &Vec<String>)> = Vec::new();
    for (gi, phrase) in phrases {
        if !met.iter().any(|(g, _)| *g == gi)
            && phrase
                .iter()
                .all(|t| terms.contains(t) && !used.contains(&t))
        {
            used.extend(phrase);
            met.push((gi, phrase));
        }
    }
    met.sort_unstable_by_key(|(gi, _)| *gi);
    met
}

impl Engine {
    /// Turns a question into weighted concepts in one language.
    pub(super) fn concepts(&self, question: &str, lang: Lang) -> Vec<Concept> {
        let Some(stats) = self.stats_of(lang) else {
            return Vec::new();
        };
        let (terms, compounds) = question_terms(question, lang, stats);
        let mut concepts = Vec::new();
        let mut used: FxHashSet<String> = FxHashSet::default();
        let groups = self.synonyms.get(&lang).map(Vec::as_slice).unwrap_or(&[]);
        let met = synonyms_met(groups, &terms);
        for (gi, phrase) in met {
            used.extend(phrase.iter().cloned());
            let group = &groups[gi].phrases;
            let weight = group
                .iter()
                .map(|alt| alt.iter().map(|t| stats.idf(t)).fold(0.0, f32::max))
                .fold(0.0, f32::max);
            concepts.push(Concept {
                alts: group.clone(),
                weight,
                ids: Vec::new(),
            });
        }
        for t in &terms {
            if used.contains(t) {
                continue;
            }
            let compound = compounds.get(t);
            if stats.has(t) {
                // `قطب` of `قطب نما`: a passage that writes the compound has it
                // too. Weighed as the reader's word alone, as the compound is
                // another spelling of it, not more of the question.
                let mut alts = vec![vec![t.clone()]];
                alts.extend(compound.map(|c| vec![c.clone()]));
                // `ماهی` (fish) meets the articles' `ماهیان`: the plural the
                // stemmer leaves alone, where the articles confirm it.
                alts.extend(
                    askaf_text::other_number(t, language(lang))
                        .into_iter()
                        .filter(|f| stats.has(f))
                        .map(|f| vec![f]),
                );
                concepts.push(Concept {
                    weight: stats.idf(t),
                    alts,
                    ids: Vec::new(),
                });
                continue;
            }
            // `المللی` of `بین المللی`, a word the articles only use in the
            // compound: the compound stands for it, once for both its words.
            if let Some(c) = compound {
                let alts = vec![vec![c.clone()]];
                if !concepts.iter().any(|k| k.alts == alts) {
                    concepts.push(Concept {
                        weight: stats.idf(c),
                        alts,
                        ids: Vec::new(),
                    });
                }
                continue;
            }
            // A relative of the word that the articles use: its other number
            // (`پرندگان`, birds, where they only say `پرنده`), else, for a
            // word written the way it is spoken with the copula or another
            // enclitic joined on (`ایرانه`), the word under it. Never for a
            // word they know: `دره` is not `در` + `ه`.
            let host = askaf_text::other_number(t, language(lang))
                .into_iter()
                .chain(askaf_text::enclitic_hosts(t, language(lang)))
                .find(|h| stats.has(h));
            if let Some(host) = host {
                if !terms.contains(&host) {
                    concepts.push(Concept {
                        weight: stats.idf(&host),
                        alts: vec![vec![host]],
                        ids: Vec::new(),
                    });
                }
                continue;
            }
            let t = t.clone();
            // A word the articles never use: perhaps a misspelt name.
            let len = t.chars().count();
            if len >= 5 {
                let max = if len >= 8 { 2 } else { 1 };
                let chars: Vec<char> = t.chars().collect();
                let mut sorted = chars.clone();
                sorted.sort_unstable();
                let sig = char_signature(&chars);
                let mut near: Vec<(&str, u32)> = (len - max..=len + max)
                    .filter_map(|n| stats.st.vocab.get(&n))
                    .flatten()
                    .filter(|w| {
                        // An edit changes at most one character each way.
                        if (sig & !w.sig).count_ones() as usize > max
                            || (w.sig & !sig).count_ones() as usize > max
                        {
                            return false;
                        }
                        let word: Vec<char> = self.terms.text(w.id).chars().collect();
                        let mut word_sorted = word.clone();
                        word_sorted.sort_unstable();
                        missing_chars(&sorted, &word_sorted) <= max
                            && edit_distance_at_most(&chars, &word, max)
                    })
                    .map(|w| (self.terms.text(w.id), stats.st.df.get(w.id)))
                    .collect();
                near.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                if !near.is_empty() {
                    let alts: Vec<Vec<String>> = near
                        .iter()
                        .take(3)
                        .map(|(v, _)| vec![v.to_string()])
                        .collect();
                    let weight = alts.iter().map(|a| stats.idf(&a[0])).fold(0.0, f32::max);
                    concepts.push(Concept {
                        alts,
                        weight,
                        ids: Vec::new(),
                    });
                    continue;
                }
            }
            // Unknown everywhere: it still counts against coverage, so a
            // question about something the articles never mention abstains.
            concepts.push(Concept {
                weight: stats.idf(&t),
                alts: vec![vec![t]],
                ids: Vec::new(),
            });
        }
        for c in &mut concepts {
            c.ids = c
                .alts
                .iter()
                .map(|alt| {
                    alt.iter()
                        .map(|t| self.terms.get(t).unwrap_or(NO_TERM))
                        .collect()
                })
                .collect();
        }
        concepts
    }

    pub(super) fn query(&self, concepts: &[Concept], lang: Lang) -> Option<BooleanQuery> {
        let f = self.ix.fields.get(&lang)?;
        let stats = self.stats_of(lang)?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for c in concepts {
            for alt in &c.alts {
                // Terms no passage has cannot match; skipping them (and the
                // context fields for terms no title, question or heading has)
                // saves tantivy building weights for empty posting lists.
                for term in alt.iter().filter(|t| stats.has(t)) {
                    let in_context = stats.in_context(term);
                    let fields = [
                        (f.body, 1.0),
                        (f.title, self.config.boost_title),
                        (f.question, self.config.boost_question),
                        (f.headings, self.config.boost_headings),
                    ];
                    for (field, boost) in fields.into_iter().take(if in_context { 4 } else { 1 }) {
                        let q = TermQuery::new(
                            Term::from_field_text(field, term),
                            IndexRecordOption::WithFreqs,
                        );
                        clauses
                            .push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
                    }
                }
            }
        }
        if clauses.is_empty() {
            None
        } else {
            Some(BooleanQuery::new(clauses))
        }
    }
}

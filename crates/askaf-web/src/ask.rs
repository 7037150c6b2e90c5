//! Ask: the question box's page and `GET /api/v1/ask`.

use askaf_content::Lang;
use askaf_search::{Answer, AnswerSentence, Engine};
use minijinja::{context, Value};
use serde::Serialize;
use serde_json::json;

use crate::i18n;
use crate::views;

/// Longer questions are refused: no reader's question needs more, and the
/// engine's work grows with the number of terms.
pub const MAX_QUESTION_CHARS: usize = 500;
const PASSAGES: usize = 5;

/// A question as asked, cleaned of control characters and surrounding space.
pub fn clean_question(q: Option<&str>, lang: Lang) -> Result<String, String> {
    let q = q.unwrap_or("");
    if q.chars().count() > MAX_QUESTION_CHARS {
        return Err(i18n::text(
            lang,
            "ask-too-long",
            &[("max", i18n::number(lang, MAX_QUESTION_CHARS as u64))],
        ));
    }
    let cleaned: String = q
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // Invisible marks at either end (a zero-width non-joiner, a
    // direction mark pasted with the text) carry nothing; inside a word a
    // ZWNJ is part of its spelling and stays. A question without a letter
    // or a digit ("?", a lone ZWNJ, bytes that were not UTF-8) asks nothing.
    let cleaned = cleaned.trim_matches(|c: char| c.is_whitespace() || askaf_text::is_invisible(c));
    if !cleaned.chars().any(char::is_alphanumeric) {
        return Err(i18n::text(lang, "ask-empty", &[]));
    }
    Ok(cleaned.to_string())
}

/// What stands between two cells of a quoted table row: a rule, which
/// assistive technology skips.
const CELL_RULE: &str = " <span class=\"cell-rule\" aria-hidden=\"true\">|</span> ";

/// The sentence, of an article in `lang`, as HTML with the matched words
/// in `<mark>` and its words in another script in their language's element
/// ([`askaf_content::script_runs`]), as the article's page has them. A table row
/// quoted with its header reads "English: Thank you | Dari: تشکر | …":
/// each cell under its column's name, each isolated in its own direction
/// (a Pashto table's English cell keeps its words in order), the empty
/// cells left out. A row of a table without column names shows its cells
/// (apart by a tab in the text, as a browser copies them) apart by the rule.
pub fn highlighted_html(s: &AnswerSentence, lang: Lang) -> String {
    let Some(cells) = s.cells() else {
        return marked_html(&s.text, &s.highlights, lang);
    };
    cells
        .iter()
        .map(|c| {
            let value = marked_html(c.value.text, &c.value.highlights, lang);
            match &c.column {
                Some(name) => format!(
                    "<bdi class=\"cell-name\">{}</bdi>: <bdi>{value}</bdi>",
                    marked_html(name.text, &name.highlights, lang)
                ),
                None => format!("<bdi>{value}</bdi>"),
            }
        })
        .collect::<Vec<_>>()
        .join(CELL_RULE)
}

/// `text` escaped, with the `highlights` (byte ranges of it) in `<mark>`
/// and its runs of another script than `lang`'s in their element
/// ([`askaf_content::runs_html`]), a table's cells apart by the rule.
fn marked_html(text: &str, highlights: &[std::ops::Range<usize>], lang: Lang) -> String {
    let escaped =
        |t: &str| crate::markup::escape(t).replace(askaf_content::TABLE_CELL_SEPARATOR, CELL_RULE);
    askaf_content::runs_html(text, lang, highlights, escaped)
}

/// A passage's text as HTML: escaped, its words in another script than
/// its article's in their element. A table's rows each on a line, the
/// header's first, its cells apart by the rule, as a quoted row's are: as
/// text, a browser shows its tabs and blank lines as spaces, and its rows
/// and cells ran together ("English Dari Pashto Hello سلام (salām) …").
fn passage_html(p: &askaf_search::Passage) -> String {
    if p.kind != askaf_content::BlockKind::Table {
        return askaf_content::runs_html(&p.text, p.lang, &[], crate::markup::escape);
    }
    let rows = askaf_content::table_rows(&p.text);
    rows.header
        .iter()
        .chain(&rows.rows)
        .map(|row| marked_html(&p.text[row.clone()], &[], p.lang))
        .collect::<Vec<_>>()
        .join("<br>")
}

#[derive(Serialize)]
struct SentenceView {
    lang: &'static str,
    dir: &'static str,
    html: String,
    citation: String,
    /// "From “title”", as HTML ([`source_html`]).
    source_html: String,
}

#[derive(Serialize)]
struct TranslationView {
    lang: &'static str,
    dir: &'static str,
    title: String,
    /// `title` as HTML, the article's title marked ([`with_title_html`]).
    title_html: String,
    url: String,
}

/// Where an answer quoted from another language's article is marked as
/// such: what the reader is told, and the article's translation into the
/// reader's language when one exists (it may answer in other words).
struct Across {
    from: Lang,
    note: String,
    translation: Option<TranslationView>,
}

fn across(
    site: &askaf_content::Site,
    engine: &Engine,
    answer: &Answer,
    lang: Lang,
) -> Option<Across> {
    let from = answer.from_lang.filter(|l| *l != lang)?;
    let translation = answer
        .sentences
        .first()
        .and_then(|s| engine.passage(s.passage))
        .and_then(|p| site.get(p.lang, &p.article))
        .and_then(|a| {
            site.translations_of(a)
                .into_iter()
                .find(|t| t.lang() == lang)
        })
        .map(|t| {
            let text = |title: &str| {
                i18n::text(
                    lang,
                    "answer-translation",
                    &[("title", title.to_string().into())],
                )
            };
            // Named by its question, as the article quoted is ([`article_name`]).
            TranslationView {
                lang: lang.code(),
                dir: lang.dir(),
                title: text(&t.front.question),
                title_html: with_title_html(lang, &t.front.question, text),
                url: t.path(),
            }
        });
    Some(Across {
        from,
        // Found by meaning in another language, or asked in another
        // language's script and answered by its words.
        note: i18n::text(
            lang,
            if answer.decision == askaf_search::Decision::AnsweredAcross {
                "answer-in-language"
            } else {
                "answer-asked-in-language"
            },
            &[("lang", from.code().into())],
        ),
        translation,
    })
}

/// What the Ask page calls the article a passage is from: its question,
/// which heads its page (the `<h1>`) and names it in every list (the home
/// page, a topic's, the Ask page's passages and related articles), so a
/// reader who follows a citation lands under the words they followed. Its
/// title, should the article be gone from the site since the index was
/// read.
fn article_name(site: &askaf_content::Site, p: &askaf_search::Passage) -> String {
    site.get(p.lang, &p.article)
        .map_or_else(|| p.title.clone(), |a| a.front.question.clone())
}

/// "From “question”", or, quoted from another language than the reader's,
/// "From the Dari article “question”", in the reader's language, as plain
/// text (the API's `source`); the article named by [`article_name`].
fn source_text(site: &askaf_content::Site, lang: Lang, p: &askaf_search::Passage) -> String {
    source_with(lang, p, &article_name(site, p))
}

/// [`source_text`] as the page shows it: the sentence escaped, the name's
/// words of another script than the reader's marked ([`with_title_html`]).
fn source_html(site: &askaf_content::Site, lang: Lang, p: &askaf_search::Passage) -> String {
    with_title_html(lang, &article_name(site, p), |slot| {
        source_with(lang, p, slot)
    })
}

fn source_with(lang: Lang, p: &askaf_search::Passage, title: &str) -> String {
    if p.lang == lang {
        i18n::text(
            lang,
            "answer-source",
            &[("title", title.to_string().into())],
        )
    } else {
        // The title is in its own language and direction inside a sentence
        // of the reader's: isolated (FSI … PDI), as plain text carries it to
        // the page and to the API alike, so an English title's question mark
        // stays at its end in a Pashto sentence.
        i18n::text(
            lang,
            "answer-from-language",
            &[
                ("lang", p.lang.code().into()),
                ("title", format!("\u{2068}{title}\u{2069}").into()),
            ],
        )
    }
}

/// An interface sentence of the reader's language `lang`, made by
/// `sentence` around a title, as HTML: the sentence's own words escaped,
/// the title escaped with its words of another script than `lang`'s marked
/// ([`askaf_content::runs_html`], as the body marks them), which a title
/// formatted into the translated string had left unmarked.
fn with_title_html(lang: Lang, title: &str, sentence: impl Fn(&str) -> String) -> String {
    let title = askaf_content::runs_html(title, lang, &[], crate::markup::escape);
    crate::markup::with_slot_html(&sentence(crate::markup::SLOT), &title)
}

#[derive(Serialize)]
struct PassageView {
    lang: &'static str,
    dir: &'static str,
    /// The article's question, in the passage's language.
    title: String,
    /// Where in it, in the reader's: "short answer", "¶3".
    place: String,
    /// Its text, escaped, with its words of another script marked.
    html: String,
    /// A table: its rows are lines, so it is a block of its own, below
    /// its question, not in the question's line.
    table: bool,
    citation: String,
}

#[derive(Serialize)]
struct RelatedView {
    lang: &'static str,
    dir: &'static str,
    question: String,
    url: String,
}

/// The closest articles; where nothing matched at all, the newest in the reader's language.
fn related(
    engine: &Engine,
    answer: &Answer,
    site: &askaf_content::Site,
    lang: Lang,
) -> Vec<RelatedView> {
    let mut out: Vec<RelatedView> = Vec::new();
    for h in &answer.hits {
        let Some(p) = engine.passage(h.passage) else {
            continue;
        };
        let url = format!("/{}/{}", p.lang, p.article);
        if out.iter().any(|r| r.url == url) {
            continue;
        }
        if let Some(a) = site.get(p.lang, &p.article) {
            out.push(RelatedView {
                lang: p.lang.code(),
                dir: p.lang.dir(),
                question: a.front.question.clone(),
                url,
            });
        }
        if out.len() == 3 {
            break;
        }
    }
    if out.is_empty() {
        out = site
            .in_lang(lang)
            .take(3)
            .map(|a| RelatedView {
                lang: a.lang().code(),
                dir: a.lang().dir(),
                question: a.front.question.clone(),
                url: a.path(),
            })
            .collect();
    }
    out
}

/// The head of a page of Ask: its language switch goes to the Ask page,
/// with the question asked (if any), so a reader who switches the page's
/// language keeps their question and its answer rather than retyping it.
fn ask_head(
    lang: Lang,
    title: String,
    description: String,
    canonical: String,
    asked: &str,
) -> views::Head<'static> {
    let question = if asked.is_empty() {
        String::new()
    } else {
        format!("&q={}", crate::markup::url_encode(asked))
    };
    views::Head {
        lang,
        title,
        description,
        canonical,
        alternates: vec![],
        switch: Lang::ALL
            .iter()
            .map(|l| (*l, format!("/ask?lang={l}{question}")))
            .collect(),
        untranslated: None,
        og_type: "website",
        jsonld: None,
        nav: "ask",
    }
}

/// What the Ask page shows under its form.
pub enum Shown<'a> {
    /// The answer to the question, and the token of its feedback form.
    Answer(&'a Answer, Option<&'a str>),
    /// Why the question was refused (empty, too long), or nothing for the
    /// form alone; a refused question is not carried to the language links.
    Refused(&'a str),
    /// Why the question was not asked: its `lang=` is none of the site's.
    /// The question is carried to the language links, which ask it.
    LangRefused(&'a str),
}

/// The ask page: the form, and for a question its answer or an honest "no clear answer yet".
pub fn page(
    site: &askaf_content::Site,
    engine: &Engine,
    lang: Lang,
    q: &str,
    shown: Shown<'_>,
    site_url: &str,
) -> Result<String, minijinja::Error> {
    // A question refused is titled, and headed, with why and what to do:
    // a reader (and a screen reader, which says the title first) learns
    // before anything else that nothing was asked. Its 400's title was
    // "Ask", or the spaces typed, before.
    let refused = match shown {
        Shown::Refused(message) if !message.is_empty() => Some(i18n::text(
            lang,
            "ask-refused-title",
            &[("reason", message.to_string().into())],
        )),
        _ => None,
    };
    let heading = refused
        .clone()
        .unwrap_or_else(|| i18n::text(lang, "ask-title", &[]));
    let title = match refused {
        Some(refused) => refused,
        None if q.is_empty() => heading.clone(),
        None => q.to_string(),
    };
    let head = ask_head(
        lang,
        title,
        i18n::text(lang, "ask-intro", &[]),
        format!("{site_url}/ask?lang={lang}"),
        // A question refused (empty, too long) is not carried over.
        if matches!(shown, Shown::Refused(_)) {
            ""
        } else {
            q
        },
    );
    let page = match shown {
        Shown::Refused(message) | Shown::LangRefused(message) => {
            context! { heading => heading, q => q, error => message, asked => false }
        }
        Shown::Answer(answer, feedback) => {
            let sentences: Vec<SentenceView> = answer
                .sentences
                .iter()
                .filter_map(|s| {
                    let p = engine.passage(s.passage)?;
                    Some(SentenceView {
                        lang: p.lang.code(),
                        dir: p.lang.dir(),
                        html: highlighted_html(s, p.lang),
                        citation: p.link(),
                        source_html: source_html(site, lang, &p),
                    })
                })
                .collect();
            let passages: Vec<PassageView> = answer
                .hits
                .iter()
                .take(PASSAGES)
                .filter_map(|h| {
                    let p = engine.passage(h.passage)?;
                    let paragraph = p.anchor.trim_start_matches("p-");
                    Some(PassageView {
                        lang: p.lang.code(),
                        dir: p.lang.dir(),
                        title: article_name(site, &p),
                        place: if paragraph == "0" {
                            i18n::text(lang, "short-answer", &[])
                        } else {
                            format!("¶{}", i18n::digits(lang, paragraph))
                        },
                        html: passage_html(&p),
                        table: p.kind == askaf_content::BlockKind::Table,
                        citation: p.link(),
                    })
                })
                .collect();
            let percent = (answer.confidence * 100.0).round() as u64;
            let across = across(site, engine, answer, lang);
            context! {
                across_note => across.as_ref().map(|a| a.note.clone()),
                translation => Value::from_serialize(across.and_then(|a| a.translation)),
                heading => heading,
                q => q,
                feedback => feedback,
                error => Value::from(()),
                asked => true,
                answered => !answer.abstained,
                sentences => Value::from_serialize(&sentences),
                passages => Value::from_serialize(&passages),
                related => Value::from_serialize(related(engine, answer, site, lang)),
                confidence_text => i18n::text(lang, "answer-confidence", &[("n", i18n::digits(lang, &percent.to_string()).into())]),
                attribution => i18n::text(lang, "attribution", &[("site", site_url.to_string().into())]),
            }
        }
    };
    views::render_page("ask.html", &head, page)
}

/// The page a reader's Yes or No leads to.
pub fn feedback_page(lang: Lang, helpful: bool) -> Result<String, minijinja::Error> {
    let title = i18n::text(lang, "feedback-thanks", &[]);
    let head = ask_head(lang, title.clone(), title, String::new(), "");
    let message = i18n::text(
        lang,
        if helpful {
            "feedback-thanks-yes"
        } else {
            "feedback-thanks-no"
        },
        &[],
    );
    views::render_page("feedback.html", &head, context! { message => message })
}

/// `highlights` (byte ranges of `text`, as the engine and [`marked_html`]
/// keep them) as `[start, end]` in characters (Unicode code points), as a
/// program reading the JSON counts them: a byte offset falls beside the
/// word past a curly quote, and everywhere in Dari and Pashto. A range
/// that does not fall on characters' bounds (none does) is left out.
fn char_ranges(text: &str, highlights: &[std::ops::Range<usize>]) -> Vec<[usize; 2]> {
    let chars = |byte: usize| text.get(..byte).map(|before| before.chars().count());
    highlights
        .iter()
        .filter_map(|r| Some([chars(r.start)?, chars(r.end)?]))
        .collect()
}

/// `GET /api/v1/ask`: the answer, its citations, the ranked passages and the attribution.
pub fn json(
    site: &askaf_content::Site,
    engine: &Engine,
    lang: Lang,
    q: &str,
    answer: &Answer,
    site_url: &str,
) -> serde_json::Value {
    // The paragraph cited as the article API cites an article, in the same
    // shape (`api::citation`), read today: this answer is made for this
    // request and never cached (`no-store`, no ETag), so it can say the day,
    // the server's (UTC). Its path on the site, which `citation` was
    // before, is `path`. Null for an article gone from the site since the
    // index was read.
    let today = chrono::Utc::now().date_naive();
    let cite = |p: &askaf_search::Passage| {
        site.get(p.lang, &p.article)
            .map_or(serde_json::Value::Null, |a| {
                let cited = views::Cited {
                    anchor: Some(&p.anchor),
                    accessed: Some(today),
                };
                crate::api::citation(a, site_url, cited)
            })
    };
    let sentence = |s: &AnswerSentence| {
        let p = engine.passage(s.passage)?;
        Some(json!({
            "text": s.text,
            "html": highlighted_html(s, p.lang),
            "highlights": char_ranges(&s.text, &s.highlights),
            // A table's row: the names of its columns, one for each of
            // its cells (`text` split at its tabs), from the header row,
            // which is never quoted as an answer itself.
            "columns": s.header.as_ref().map(|h| {
                h.text.split(askaf_content::TABLE_CELL_SEPARATOR).collect::<Vec<_>>()
            }),
            "citation": cite(&p),
            "path": p.link(),
            "url": format!("{site_url}{}", p.link()),
            "article": { "lang": p.lang.code(), "slug": p.article, "title": p.title },
            "source": source_text(site, lang, &p),
        }))
    };
    let across = across(site, engine, answer, lang);
    json!({
        "question": q,
        "lang": lang.code(),
        "abstained": answer.abstained,
        // Which rule answered or turned it away (`askaf_search::Decision`):
        // a reuser can tell "the site has nothing on this" (`no_words`)
        // from "a paragraph nearly answers it".
        "decision": answer.decision.as_str(),
        "confidence": (answer.confidence * 1000.0).round() / 1000.0,
        "answer": answer.sentences.iter().filter_map(sentence).collect::<Vec<_>>(),
        // Set when the reader's language held no answer and this one is
        // quoted from an article in another language.
        "answer_from": across.as_ref().map(|a| json!({
            "lang": a.from.code(),
            "note": a.note,
            "translation": a.translation.as_ref().map(|t| json!({
                "lang": t.lang,
                "title": t.title,
                "url": format!("{site_url}{}", t.url),
            })),
        })),
        "passages": answer.hits.iter().take(PASSAGES).filter_map(|h| engine.passage(h.passage).map(|p| (h, p))).enumerate().map(|(i, (h, p))| {
            json!({
                "rank": i + 1,
                "score": (h.score * 1000.0).round() / 1000.0,
                "text": p.text,
                "citation": cite(&p),
                "path": p.link(),
                "url": format!("{site_url}{}", p.link()),
                "article": { "lang": p.lang.code(), "slug": p.article, "title": p.title },
            })
        }).collect::<Vec<_>>(),
        "related": related(engine, answer, site, lang).iter().map(|r| json!({"question": r.question, "url": format!("{site_url}{}", r.url), "lang": r.lang})).collect::<Vec<_>>(),
        "attribution": crate::api::attribution(lang, site_url),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_are_cleaned_or_refused_with_a_reason() {
        assert_eq!(
            clean_question(Some("  who\u{0}governs\tAfghanistan? \n"), Lang::En).unwrap(),
            "who governs Afghanistan?"
        );
        assert_eq!(
            clean_question(Some(" \u{7} "), Lang::En).unwrap_err(),
            "Type a question to ask."
        );
        assert_eq!(
            clean_question(None, Lang::En).unwrap_err(),
            "Type a question to ask."
        );
        let long = "a".repeat(501);
        assert_eq!(
            clean_question(Some(&long), Lang::En).unwrap_err(),
            "Questions are limited to 500 characters."
        );
        assert!(clean_question(Some(r#"what "is" (x:y)* AND OR -z"#), Lang::En).is_ok());
    }

    /// A title in an interface sentence: its words of another script
    /// marked as the body marks them, the sentence's own not; a title's
    /// markup (and the slot's character typed in one) stays text.
    #[test]
    fn a_title_in_a_sentence_is_marked_and_escaped() {
        let translation = |lang: Lang, title: &str| {
            with_title_html(lang, title, |t| {
                i18n::text(
                    lang,
                    "answer-translation",
                    &[("title", t.to_string().into())],
                )
            })
        };
        assert_eq!(
            translation(Lang::Fa, "زبان‌های افغانستان (Languages)"),
            "این مقاله به دری: «زبان‌های افغانستان (<bdi lang=\"en\" dir=\"ltr\">Languages</bdi>)»"
        );
        assert_eq!(
            translation(Lang::En, "Say <script>alert(1)</script> & \u{E000} تشکر"),
            "Read the article in English: “Say &lt;script&gt;alert(1)&lt;/script&gt; &amp; \u{E000} \
             <bdi lang=\"fa\" dir=\"rtl\">تشکر</bdi>”"
        );
    }

    #[test]
    fn a_question_in_the_language_links_is_encoded_as_a_query_value() {
        use crate::markup::url_encode;
        assert_eq!(url_encode("Who governs?"), "Who%20governs%3F");
        assert_eq!(url_encode("a&b=c+d#e"), "a%26b%3Dc%2Bd%23e");
        assert_eq!(url_encode("پول"), "%D9%BE%D9%88%D9%84");
        assert_eq!(url_encode("x-y_z.~"), "x-y_z.~");
    }

    /// [`highlighted_html`] of a sentence (no table's row) of an article in `lang`.
    fn sentence_html(text: &str, highlights: Vec<std::ops::Range<usize>>, lang: Lang) -> String {
        highlighted_html(
            &AnswerSentence {
                passage: 0,
                range: 0..text.len(),
                text: text.into(),
                highlights,
                header: None,
            },
            lang,
        )
    }

    /// Words marked, text escaped, and a table row's cells shown apart.
    #[test]
    fn highlights_escape_and_mark() {
        let html = |text: &str, highlights| sentence_html(text, highlights, Lang::En);
        assert_eq!(
            html("Kabul <is> the capital", vec![0..5, 15..22]),
            "<mark>Kabul</mark> &lt;is&gt; the <mark>capital</mark>"
        );
        assert_eq!(
            html("2025\tabout 65–72", vec![0..4, 5..10]),
            "<mark>2025</mark> <span class=\"cell-rule\" aria-hidden=\"true\">|</span> <mark>about</mark> 65–72"
        );
    }

    /// Highlights are counted in characters for the API: past `’` (three
    /// bytes) and in Dari (two bytes a letter) alike.
    #[test]
    fn highlights_count_characters_for_the_api() {
        let text = "Afghanistan’s afghani, پول افغانستان";
        let bytes = |word: &str| {
            let at = text.find(word).unwrap();
            at..at + word.len()
        };
        assert_eq!(
            char_ranges(text, &[bytes("afghani,"), bytes("افغانستان")]),
            [[14, 22], [27, 36]]
        );
        // Inside the apostrophe: not a character's bound.
        assert_eq!(char_ranges(text, &[bytes("afghani,"), 12..13]), [[14, 22]]);
    }

    /// A table's row says which cell is which: each under its column's
    /// name from the header row, marked where the question's words are,
    /// each isolated in its direction; an empty cell left out.
    #[test]
    fn a_rows_cells_are_shown_under_their_columns() {
        let row = AnswerSentence {
            passage: 0,
            range: 0..0,
            text: "\tThank <you>\tمننه".into(),
            highlights: vec![1..6, 13..21],
            header: Some(askaf_search::TableHeader {
                text: "Level\tEnglish\tپښتو".into(),
                highlights: vec![6..13, 14..22],
            }),
        };
        assert_eq!(
            highlighted_html(&row, Lang::En),
            "<bdi class=\"cell-name\"><mark>English</mark></bdi>: <bdi><mark>Thank</mark> &lt;you&gt;</bdi> \
             <span class=\"cell-rule\" aria-hidden=\"true\">|</span> \
             <bdi class=\"cell-name\"><bdi lang=\"ps\" dir=\"rtl\"><mark>پښتو</mark></bdi></bdi>: \
             <bdi><bdi lang=\"fa\" dir=\"rtl\"><mark>مننه</mark></bdi></bdi>"
        );
    }

    /// A quoted sentence's words in another script than its article's are
    /// marked as on the article's page, the highlights nested inside: a
    /// mark across a run's edge is cut there; a run across cells is two.
    #[test]
    fn a_quotes_words_of_another_script_declare_their_language() {
        let html = sentence_html;
        let text = "Say «تشکر» or ډېره مننه.";
        let thanks = text.find("تشکر").unwrap_or_default();
        assert_eq!(
            html(text, vec![0..3, thanks..thanks + "تشکر".len()], Lang::En),
            "<mark>Say</mark> «<bdi lang=\"fa\" dir=\"rtl\"><mark>تشکر</mark></bdi>» or \
             <bdi lang=\"ps\" dir=\"rtl\">ډېره مننه</bdi>."
        );
        // One highlight over an English word and the Dari one after it.
        let text = "Say تشکر";
        assert_eq!(
            html(text, std::iter::once(0..text.len()).collect(), Lang::En),
            "<mark>Say </mark><bdi lang=\"fa\" dir=\"rtl\"><mark>تشکر</mark></bdi>"
        );
        let text = "د WHO <راپور>\tUNAMA 2021";
        assert_eq!(
            html(text, std::iter::once(3..6).collect(), Lang::Ps),
            "د <bdi lang=\"en\" dir=\"ltr\"><mark>WHO</mark></bdi> &lt;راپور&gt; \
             <span class=\"cell-rule\" aria-hidden=\"true\">|</span> \
             <bdi lang=\"en\" dir=\"ltr\">UNAMA</bdi> 2021"
        );
    }
}

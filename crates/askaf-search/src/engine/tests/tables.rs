//! Tables in Ask: a row is a sentence, read with its header row, which
//! names the columns and is never quoted as an answer; and text without a
//! table is cut into passages and sentences as it always was.

use super::*;

/// What Ask makes of a body: each block's kind and text, and each of its
/// sentences with its flags, one to a line.
fn cut(md: &str, lang: Lang) -> String {
    let mut out = String::new();
    for p in article(lang, "a", "T", md) {
        let prep = prepare(&p);
        out.push_str(&format!("{} {}: {:?}\n", p.anchor, p.kind.name(), p.text));
        for s in &prep.sentences {
            assert!(!s.header, "a header row in text without a table: {p:?}");
            out.push_str(&format!(
                "  {:?} tokens {:?} number {} negated {} ordinal {}\n",
                &p.text[s.range.clone()],
                s.tokens,
                s.has_number,
                s.negated,
                s.has_ordinal
            ));
            let terms: Vec<String> = prep.tokens[s.tokens.clone()]
                .iter()
                .map(|t| format!("{}@{}:{:?}", t.term, t.position, t.range))
                .collect();
            out.push_str(&format!("    {}\n", terms.join(" ")));
        }
    }
    out
}

/// An article's passages, its table among them, cut from its Markdown as the site cuts them.
fn article(lang: Lang, slug: &str, title: &str, md: &str) -> Vec<Passage> {
    askaf_content::render(md)
        .blocks
        .into_iter()
        .filter(|b| !b.text.trim().is_empty())
        .map(|b| Passage {
            lang,
            article: slug.into(),
            anchor: b.anchor,
            title: title.into(),
            question: String::new(),
            headings: b.headings,
            kind: b.kind,
            text: b.text,
        })
        .collect()
}

/// Everyday phrases in a table, in each language's article, with a
/// paragraph about the languages beside it.
fn phrases() -> Engine {
    let mut passages = article(
        Lang::En,
        "languages",
        "Languages of Afghanistan",
        "Pashto is spoken mainly in the south and east.\n\n\
         ## A few everyday phrases\n\n\
         | English | Dari | Pashto |\n| --- | --- | --- |\n\
         | Hello | سلام (salām) | سلام (salām) |\n\
         | Thank you | تشکر (tašakor) | مننه (manana) |\n\
         | Yes | بلی (balē) | هو (ho) |\n",
    );
    passages.extend(article(
        Lang::Fa,
        "languages",
        "زبان‌های افغانستان",
        "پشتو بیشتر در جنوب و شرق گپ زده می‌شود.\n\n\
         ## چند جملهٔ روزمره\n\n\
         | دری | پشتو |\n| --- | --- |\n\
         | سلام (salām) | سلام (salām) |\n\
         | تشکر (tašakor) | مننه (manana) |\n\
         | بلی (balē) | هو (ho) |\n",
    ));
    passages.extend(article(
        Lang::Ps,
        "languages",
        "د افغانستان ژبې",
        "پښتو زیاتره په سویل او ختیځ کې ویل کېږي.\n\n\
         ## څو ورځنۍ جملې\n\n\
         | دري | پښتو |\n| --- | --- |\n\
         | سلام (salām) | سلام (salām) |\n\
         | تشکر (tašakor) | مننه (manana) |\n\
         | بلی (balē) | هو (ho) |\n",
    ));
    Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default()).unwrap()
}

/// The header row of each language's table, as its passage's text holds it.
const HEADERS: [&str; 3] = ["English\tDari\tPashto", "دری\tپشتو", "دري\tپښتو"];

/// A header row names the columns and answers nothing: whatever of its
/// words a question holds, it is neither the sentence chosen nor one
/// quoted, in any language; a question of its words alone ("Dari Pashto
/// phrases") is answered by a row only where a row holds one of its words.
#[test]
fn a_header_row_is_never_the_answer() {
    let e = phrases();
    for (q, lang) in [
        ("Dari Pashto phrases", Lang::En),
        ("English Dari Pashto", Lang::En),
        ("Pashto", Lang::En),
        ("Hello in Dari", Lang::En),
        ("دری پشتو", Lang::Fa),
        ("سلام", Lang::Fa),
        ("دري پښتو", Lang::Ps),
        ("سلام", Lang::Ps),
    ] {
        let a = e.answer(q, lang, 5).unwrap();
        let quoted: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
        for h in HEADERS {
            assert!(!quoted.contains(&h), "{q}: quoted the header: {quoted:?}");
            assert_ne!(
                a.candidate.as_ref().map(|c| c.text.as_str()),
                Some(h),
                "{q}: chose the header"
            );
        }
        // A row is quoted only for a word of its own, not for the header's.
        for s in &a.sentences {
            assert!(!s.highlights.is_empty(), "{q}: {quoted:?}");
        }
    }
    // "سلام" is answered by its row, alone.
    for lang in [Lang::Fa, Lang::Ps] {
        let a = e.answer("سلام", lang, 5).unwrap();
        assert!(!a.abstained, "{a:?}");
        let quoted: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(quoted, ["سلام (salām)\tسلام (salām)"]);
    }
}

/// A row is read with its header: the question's word in a cell and
/// another in the header row ("thank you" and "Pashto") answer it in
/// full, and the row is quoted first, alone, with its columns named.
#[test]
fn a_row_matched_by_a_header_word_and_a_cell_word_is_quoted_with_its_columns() {
    let e = phrases();
    for (q, lang, row) in [
        (
            "Thank you in Pashto",
            Lang::En,
            "Thank you\tتشکر (tašakor)\tمننه (manana)",
        ),
        ("تشکر به پشتو", Lang::Fa, "تشکر (tašakor)\tمننه (manana)"),
        ("تشکر په پښتو", Lang::Ps, "تشکر (tašakor)\tمننه (manana)"),
    ] {
        let a = e.answer(q, lang, 5).unwrap();
        assert!(!a.abstained, "{q}: {a:?}");
        assert_eq!(a.confidence, 1.0, "{q}: the header's word counts: {a:?}");
        let quoted: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(quoted, [row], "{q}");
        // Its columns named, the header's word that matched marked.
        let header = a.sentences[0].header.as_ref().expect("the row's header");
        assert_eq!(header.text, HEADERS[lang.index()], "{q}");
        let marked: Vec<&str> = header
            .highlights
            .iter()
            .map(|r| &header.text[r.clone()])
            .collect();
        assert_eq!(marked.len(), 1, "{q}: {marked:?}");
        assert_eq!(
            a.sentences[0].labelled(),
            match lang {
                Lang::En => "English: Thank you | Dari: تشکر (tašakor) | Pashto: مننه (manana)",
                Lang::Fa => "دری: تشکر (tašakor) | پشتو: مننه (manana)",
                Lang::Ps => "دري: تشکر (tašakor) | پښتو: مننه (manana)",
            },
            "{q}"
        );
    }
}

/// A body without a table in each language, with every other kind of
/// block: its passages and sentences as they were before tables' header
/// rows were set apart (recorded from that code), byte for byte.
#[test]
fn text_without_a_table_is_cut_as_before() {
    let en = "Kabul has been the capital since 1776, when Timur Shah moved the court. \
              It is not the largest city by area? Mr. Karzai said so.\n\n\
              ## Where | and why\n\n\
              - Kandahar, the second city.\n- Herat: 34 provinces | no tables here.\n\n\
              > A quote. Two sentences!\n\n\
              ```\ncode | not a table\n```\n\n\
              1. First\n2. Second\n";
    let fa = "کابل پایتخت افغانستان است. آیا بزرگ‌ترین شهر است؟ افغانستان ۳۴ ولایت دارد.\n\n\
              ### ولایت‌ها\n\n\
              - هرات، شانزدهمین ولایت نیست.\n- بلخ | مزار شریف\n";
    let ps = "کابل د افغانستان پلازمېنه ده. افغانستان ۳۴ ولایتونه لري؟ هو.\n\n\
              > پښتو او دري رسمي ژبې دي.\n";
    let got = format!(
        "{}---\n{}---\n{}",
        cut(en, Lang::En),
        cut(fa, Lang::Fa),
        cut(ps, Lang::Ps)
    );
    assert_eq!(got, CUT_BEFORE, "\n{got}");
}

/// [`text_without_a_table_is_cut_as_before`]'s body as Ask cut it before.
const CUT_BEFORE: &str = r#"p-1 paragraph: "Kabul has been the capital since 1776, when Timur Shah moved the court. It is not the largest city by area? Mr. Karzai said so."
  "Kabul has been the capital since 1776, when Timur Shah moved the court." tokens 0..8 number true negated false ordinal false
    kabul@0:0..5 capit@4:19..26 sinc@5:27..32 1776@6:33..37 timur@8:44..49 shah@9:50..54 move@10:55..60 court@12:65..70
  "It is not the largest city by area?" tokens 8..12 number false negated true ordinal false
    not@15:78..81 largest@17:86..93 citi@18:94..98 area@20:102..106
  "Mr. Karzai said so." tokens 12..15 number false negated false ordinal false
    mr@21:108..110 karzai@22:112..118 say@23:119..123
p-2 list-item: "Kandahar, the second city."
  "Kandahar, the second city." tokens 0..3 number false negated false ordinal false
    kandahar@0:0..8 second@2:14..20 citi@3:21..25
p-3 list-item: "Herat: 34 provinces | no tables here."
  "Herat: 34 provinces | no tables here." tokens 0..5 number true negated true ordinal false
    herat@0:0..5 34@1:7..9 provinc@2:10..19 no@3:22..24 tabl@4:25..31
p-4 quote: "A quote. Two sentences!"
  "A quote." tokens 0..1 number false negated false ordinal false
    quot@1:2..7
  "Two sentences!" tokens 1..3 number false negated false ordinal false
    two@2:9..12 sentenc@3:13..22
p-5 code: "code | not a table"
  "code | not a table" tokens 0..3 number false negated true ordinal false
    code@0:0..4 not@1:7..10 tabl@3:13..18
p-6 list-item: "First"
  "First" tokens 0..1 number false negated false ordinal false
    first@0:0..5
p-7 list-item: "Second"
  "Second" tokens 0..1 number false negated false ordinal false
    second@0:0..6
---
p-1 paragraph: "کابل پایتخت افغانستان است. آیا بزرگ\u{200c}ترین شهر است؟ افغانستان ۳۴ ولایت دارد."
  "کابل پایتخت افغانستان است." tokens 0..3 number false negated false ordinal false
    کابل@0:0..8 پایتخت@1:9..21 افغانستان@2:22..40
  "آیا بزرگ\u{200c}ترین شهر است؟" tokens 3..6 number false negated false ordinal false
    ایا@4:49..55 بزرگ@5:56..75 شهر@6:76..82
  "افغانستان ۳۴ ولایت دارد." tokens 6..9 number true negated false ordinal false
    افغانستان@8:92..110 34@9:111..115 ولایت@10:116..126
p-2 list-item: "هرات، شانزدهمین ولایت نیست."
  "هرات، شانزدهمین ولایت نیست." tokens 0..3 number false negated true ordinal true
    هرات@0:0..8 شانزدهمین@1:11..29 ولایت@2:30..40
p-3 list-item: "بلخ | مزار شریف"
  "بلخ | مزار شریف" tokens 0..3 number false negated false ordinal false
    بلخ@0:0..6 مزار@1:9..17 شریف@2:18..26
---
p-1 paragraph: "کابل د افغانستان پلازمېنه ده. افغانستان ۳۴ ولایتونه لري؟ هو."
  "کابل د افغانستان پلازمېنه ده." tokens 0..3 number false negated false ordinal false
    کابل@0:0..8 افغانستان@2:12..30 پلازمینه@3:31..47
  "افغانستان ۳۴ ولایتونه لري؟" tokens 3..7 number true negated false ordinal false
    افغانستان@5:54..72 34@6:73..77 ولایت@7:78..94 لری@8:95..101
  "هو." tokens 7..8 number false negated false ordinal false
    هو@9:104..108
p-2 quote: "پښتو او دري رسمي ژبې دي."
  "پښتو او دري رسمي ژبې دي." tokens 0..4 number false negated false ordinal false
    پښتو@0:0..8 دری@2:14..20 رسمی@3:21..29 ژبی@4:30..36
"#;

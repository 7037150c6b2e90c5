use std::time::{Duration, Instant};

use crate::citations::assert_citations_hold;
use crate::helpers::{article, TestApp, BIN};

/// Percent-encodes a query value.
pub(crate) fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An answer's quoted sentences and ranked passages carry their citation
/// in the shape an article's has in the article API (`citation`: the same
/// keys, made by the same function), citing the paragraph quoted; the
/// paragraph's path on the site, which `citation` was before, is `path`.
/// Before, an answer's `citation` was that path, a string.
#[tokio::test]
async fn an_answer_cites_its_paragraph_in_the_shape_the_article_api_cites() {
    let app = TestApp::spawn().await;
    for (q, lang) in [
        ("What is the capital of Afghanistan?", "en"),
        ("چه کسی بر افغانستان حکومت می‌کند؟", "fa"),
    ] {
        let body = app
            .json(&format!("/api/v1/ask?lang={lang}&q={}", enc(q)))
            .await;
        assert_eq!(body["abstained"], false, "{q}: {body}");
        let answer = body["answer"].as_array().unwrap();
        let passages = body["passages"].as_array().unwrap();
        assert!(!answer.is_empty() && !passages.is_empty(), "{body}");
        for item in answer.iter().chain(passages) {
            let path = item["path"]
                .as_str()
                .unwrap_or_else(|| panic!("no path: {item}"));
            let paragraph = format!("{}{path}", app.url);
            assert_eq!(item["url"], paragraph.as_str(), "{item}");
            let (page, _) = path.split_once('#').unwrap();
            let article = app.json(&format!("/api/v1/articles{page}")).await;
            let whole = &article["citation"];
            let cited = &item["citation"];
            let keys = |v: &serde_json::Value| {
                v.as_object()
                    .map(|o| o.keys().cloned().collect::<Vec<_>>())
                    .unwrap_or_default()
            };
            assert!(!keys(whole).is_empty(), "{article}");
            assert_eq!(keys(cited), keys(whole), "{item}");
            // The article's citation, of the paragraph, with the day read
            // (`dates.rs` holds that to the site's way of writing a day).
            let page_url = article["url"].as_str().unwrap();
            let lang = article["lang"].as_str().unwrap();
            let day = cited["accessed"].as_str().unwrap().parse().unwrap();
            let read = crate::dates::accessed_sentence(lang, day);
            assert_eq!(
                cited["text"].as_str().unwrap(),
                whole["text"]
                    .as_str()
                    .unwrap()
                    .replace(page_url, &format!("{read} {paragraph}")),
                "{q}"
            );
            let reuse = format!("<a href=\"{}/{lang}/about#reuse\"", app.url);
            assert_eq!(
                cited["html"].as_str().unwrap(),
                whole["html"]
                    .as_str()
                    .unwrap()
                    .replace(
                        &format!("href=\"{page_url}\""),
                        &format!("href=\"{paragraph}\"")
                    )
                    .replace(&reuse, &format!("{read} {reuse}")),
                "{q}"
            );
        }
    }
}

/// Questions a reader asks of the built-in site, each with words its
/// answer holds: asked by the lexical API test here and again with the
/// model (`offtopic.rs`), which must answer each as well. A "how many"
/// question gets the sentence that gives the count, not one that merely
/// names a year ("the 2025 earthquake"); the synonyms let "died" find
/// "deaths".
pub(crate) const BUILT_IN_ANSWERS: &[(&str, &str, &str)] = &[
    (
        "Which country was the first to recognise the Taliban government?",
        "en",
        "Russia",
    ),
    ("What currency does Afghanistan use?", "en", "afghani"),
    (
        "How many provinces does Afghanistan have?",
        "en",
        "34 provinces",
    ),
    ("چه کسی بر افغانستان حکومت می‌کند؟", "fa", "طالبان"),
    ("How many provinces are there?", "en", "34 provinces"),
    ("چند ولایت دارد؟", "fa", "۳۴ ولایت"),
    (
        "How many people died in the 2025 earthquake?",
        "en",
        "2,200 deaths",
    ),
    (
        "What is the capital of Afghanistan?",
        "en",
        "Kabul, the capital",
    ),
    ("پایتخت افغانستان کجاست؟", "fa", "کابل، پایتخت افغانستان"),
    // "How long" meets the table's "border length" through the synonyms
    // (without them the row lost to "long periods" in the crossings' sentence).
    (
        "How long is the border with Pakistan?",
        "en",
        "2,600–2,700 km",
    ),
    // Readers ask who "runs" Afghanistan, the article says who "governs"
    // it (the synonyms' phrase): "runs" alone quoted "The Hindu Kush runs
    // across its centre", at confidence 1.0.
    ("Who runs Afghanistan?", "en", "ruled by the Taliban"),
    // And the central bank is still "run" by officials.
    ("Who runs the central bank?", "en", "run by officials"),
    // "What kind of" asks about the thing: "kind" stood in no paragraph
    // on who governs and turned both away.
    (
        "What kind of government does Afghanistan have?",
        "en",
        "Islamic Emirate",
    ),
    ("چه نوع حکومتی در افغانستان است؟", "fa", "امارت اسلامی"),
];

#[tokio::test]
async fn api_answers_with_citations_that_resolve_to_paragraphs() {
    let app = TestApp::spawn().await;
    for (q, lang) in [
        (
            "Which country was the first to recognise the Taliban government?",
            "en",
        ),
        ("What currency does Afghanistan use?", "en"),
        ("How many provinces does Afghanistan have?", "en"),
        ("چه کسی بر افغانستان حکومت می‌کند؟", "fa"),
    ] {
        let body = app
            .json(&format!("/api/v1/ask?lang={lang}&q={}", enc(q)))
            .await;
        assert_eq!(body["abstained"], false, "{q}: {body}");
        assert_eq!(body["decision"], "answered", "{q}: {body}");
        let answer = body["answer"].as_array().unwrap();
        assert!(!answer.is_empty() && answer.len() <= 3);
        assert!(body["attribution"]["text"]
            .as_str()
            .unwrap()
            .contains("AskAfghanistan"));
        assert!(!body["passages"].as_array().unwrap().is_empty());
        for s in answer {
            let citation = s["path"].as_str().unwrap();
            assert!(citation.contains("#p-"), "{citation}");
        }
        // The quoted sentence stands, word for word, in that paragraph.
        assert_citations_hold(&app, &body).await;
    }
    let russia = app
        .json(&format!(
            "/api/v1/ask?q={}",
            enc("Which country was the first to recognise the Taliban government?")
        ))
        .await;
    assert!(
        russia["answer"][0]["text"]
            .as_str()
            .unwrap()
            .contains("Russia"),
        "{russia}"
    );
    assert!(russia["answer"][0]["html"]
        .as_str()
        .unwrap()
        .contains("<mark>"));
    assert_citations_hold(&app, &russia).await;
    // Common questions get the sentence that answers them.
    for &(q, lang, count) in BUILT_IN_ANSWERS {
        let body = app
            .json(&format!("/api/v1/ask?lang={lang}&q={}", enc(q)))
            .await;
        let answer = body["answer"].as_array().cloned().unwrap_or_default();
        assert!(
            answer
                .iter()
                .any(|s| s["text"].as_str().unwrap_or_default().contains(count)),
            "{q}: {body}"
        );
        assert_citations_hold(&app, &body).await;
    }
    // Typed as it is spoken ("چیه"), a Dari question finds the Dari article.
    let body = app
        .json(&format!(
            "/api/v1/ask?lang=fa&q={}",
            enc("پول افغانستان چیه؟")
        ))
        .await;
    let citation = body["answer"][0]["path"].as_str().unwrap_or_default();
    assert!(citation.starts_with("/fa/afghan-currency#p-"), "{body}");
    assert_citations_hold(&app, &body).await;
}

/// The text of each sentence of an `/api/v1/ask` answer.
fn answer_texts(body: &serde_json::Value) -> Vec<&str> {
    body["answer"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect()
}

/// A table answers with the row that holds the answer, word for word as
/// the page shows it, not with the whole table run together, nor with its
/// header row: the header names the row's columns (`columns`), and the
/// page and the API show each cell under its column's name.
#[tokio::test]
async fn a_table_answers_with_its_row_under_its_header() {
    let app = TestApp::spawn().await;
    for (q, lang, header, row) in [
        (
            "What was the exchange rate in 2025?",
            "en",
            "Period\tAfghanis per US dollar (approx.)",
            "2025\tabout 65–72",
        ),
        (
            "Are madrasas open to girls?",
            "en",
            "Level\tStatus for girls and women (as of early 2026)",
            "Religious schools (madrasas)\tOpen to girls",
        ),
        (
            "آیا مدرسه‌های دینی به روی دختران باز است؟",
            "fa",
            "مقطع\tوضعیت برای دختران و زنان (تا اوایل ۲۰۲۶)",
            "مدرسه‌های دینی\tدر بسیاری از مناطق",
        ),
    ] {
        let body = app
            .json(&format!("/api/v1/ask?lang={lang}&q={}", enc(q)))
            .await;
        assert_eq!(body["decision"], "answered", "{q}: {body}");
        let texts = answer_texts(&body);
        assert!(!texts.contains(&header), "{q}: {body}");
        assert!(texts[0].starts_with(row), "{q}: {body}");
        let columns: Vec<&str> = header.split('\t').collect();
        assert_eq!(
            body["answer"][0]["columns"],
            serde_json::json!(columns),
            "{q}: {body}"
        );
        // Rows, not the table: each sentence one row.
        assert!(texts.iter().all(|t| !t.contains('\n')), "{q}: {body}");
        let html = body["answer"][0]["html"].as_str().unwrap();
        assert!(html.contains("cell-rule"), "{q}: {body}");
        assert!(
            html.contains(&format!("<bdi class=\"cell-name\">{}</bdi>: ", columns[0])),
            "{q}: {html}"
        );
        assert_citations_hold(&app, &body).await;
    }
}

/// A table's header row names its columns and answers nothing: on a site
/// of tables in English and Pashto, a question of its words is not
/// answered with it (nor quotes it among its sentences), and one whose
/// words stand in a row and in the header ("thank you" under "Pashto")
/// is answered with the row, its columns named, cited at the table's
/// paragraph, which holds it. "سلام" (hello) had been answered with the
/// header "دري پښتو" (Dari, Pashto), and "د کوکنارو کښت" (poppy
/// cultivation) with a header that named it.
#[tokio::test]
async fn a_tables_header_row_is_never_the_answer_but_names_the_rows_columns() {
    let content = tempfile::tempdir().unwrap();
    for dir in ["en", "ps"] {
        std::fs::create_dir_all(content.path().join(dir)).unwrap();
    }
    let write = |path: &str, slug: &str, lang: &str, body: &str| {
        std::fs::write(content.path().join(path), article(slug, lang, "", body)).unwrap();
    };
    write(
        "en/phrases.md",
        "phrases",
        "en",
        "Pashto is spoken mainly in the south and east.\n\n## A few everyday phrases\n\n\
         | English | Dari | Pashto |\n| --- | --- | --- |\n\
         | Hello | سلام (salām) | سلام (salām) |\n\
         | Thank you | تشکر (tašakor) | مننه (manana) |\n\
         | Yes | بلی (balē) | هو (ho) |\n",
    );
    write(
        "ps/phrases.md",
        "phrases",
        "ps",
        "پښتو زیاتره په سویل او ختیځ کې ویل کېږي.\n\n## څو ورځنۍ جملې\n\n\
         | دري | پښتو |\n| --- | --- |\n\
         | سلام (salām) | سلام (salām) |\n\
         | تشکر (tašakor) | مننه (manana) |\n\
         | بلی (balē) | هو (ho) |\n",
    );
    write(
        "ps/poppy.md",
        "poppy",
        "ps",
        "طالبانو په ۲۰۲۲ کال کې بندیز ولګاوه.\n\n## شمېرې\n\n\
         | کال | د کوکنارو کښت (هکتاره) |\n| --- | --- |\n\
         | ۲۰۲۲ | ۲۳۳٬۰۰۰ |\n| ۲۰۲۳ | ۱۰٬۸۰۰ |\n",
    );
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(
        data.path(),
        &["--content", content.path().to_str().unwrap()],
        None,
    );
    let ask = |q: &str, lang: &str| {
        let path = format!("/api/v1/ask?lang={lang}&q={}", enc(q));
        let app = &app;
        async move { app.json(&path).await }
    };
    let headers = [
        "English\tDari\tPashto",
        "دري\tپښتو",
        "کال\tد کوکنارو کښت (هکتاره)",
    ];
    for (q, lang) in [
        ("Dari Pashto phrases", "en"),
        ("English Dari Pashto", "en"),
        ("سلام", "ps"),
        ("دري پښتو", "ps"),
        ("د کوکنارو کښت", "ps"),
    ] {
        let body = ask(q, lang).await;
        for s in body["answer"].as_array().unwrap() {
            let text = s["text"].as_str().unwrap();
            assert!(!headers.contains(&text), "{q}: quoted a header: {body}");
            // Each sentence quoted holds a word of the question itself.
            assert!(
                s["html"].as_str().unwrap().contains("<mark>"),
                "{q}: {body}"
            );
        }
        assert_citations_hold(&app, &body).await;
    }

    // A row, read with its header: its columns named, the header's word marked.
    let body = ask("How do you say thank you in Pashto?", "en").await;
    assert_eq!(body["decision"], "answered", "{body}");
    let answer = body["answer"].as_array().unwrap();
    assert_eq!(answer.len(), 1, "{body}");
    assert_eq!(
        answer[0]["text"],
        "Thank you\tتشکر (tašakor)\tمننه (manana)"
    );
    assert_eq!(
        answer[0]["columns"],
        serde_json::json!(["English", "Dari", "Pashto"])
    );
    assert_eq!(
        answer[0]["html"],
        "<bdi class=\"cell-name\">English</bdi>: <bdi><mark>Thank</mark> you</bdi> \
         <span class=\"cell-rule\" aria-hidden=\"true\">|</span> \
         <bdi class=\"cell-name\">Dari</bdi>: <bdi><bdi lang=\"fa\" dir=\"rtl\">تشکر</bdi> (tašakor)</bdi> \
         <span class=\"cell-rule\" aria-hidden=\"true\">|</span> \
         <bdi class=\"cell-name\"><mark>Pashto</mark></bdi>: <bdi><bdi lang=\"fa\" dir=\"rtl\">مننه</bdi> (manana)</bdi>"
    );
    // Cited at the table, which the page marks when the link is followed.
    assert_eq!(answer[0]["path"], "/en/phrases#p-2");
    let page = app.text("/en/phrases").await;
    assert!(
        page.contains("<div class=\"table-wrap\" id=\"p-2\""),
        "{page}"
    );
    // The page marks the cells' Dari and Pashto words as the answer does.
    assert!(
        page.contains("<td><bdi lang=\"fa\" dir=\"rtl\">تشکر</bdi> (tašakor)</td>"),
        "{page}"
    );
    assert_citations_hold(&app, &body).await;

    let body = ask("سلام", "ps").await;
    assert_eq!(body["decision"], "answered", "{body}");
    assert_eq!(answer_texts(&body), ["سلام (salām)\tسلام (salām)"], "{body}");
    assert_eq!(
        body["answer"][0]["columns"],
        serde_json::json!(["دري", "پښتو"])
    );
    // The Ask page, without JavaScript, shows the row under its columns.
    let page = app.text(&format!("/ask?lang=ps&q={}", enc("سلام"))).await;
    assert!(
        page.contains(
            "<bdi class=\"cell-name\">دري</bdi>: <bdi><mark>سلام</mark> (<bdi lang=\"en\" dir=\"ltr\">salām</bdi>)</bdi>"
        ),
        "{page}"
    );
    let page = app.text("/ps/phrases").await;
    assert!(
        page.contains("<td>سلام (<bdi lang=\"en\" dir=\"ltr\">salām</bdi>)</td>"),
        "{page}"
    );
}

/// On the built-in site, the English article's table of phrases has its
/// Dari and Pashto words marked with their language, on its page and in
/// Ask's answer from it; the Dari article its English words.
#[tokio::test]
async fn words_of_another_script_are_marked_on_the_page_and_in_the_answer() {
    let app = TestApp::spawn().await;
    let page = app.text("/en/languages-of-afghanistan").await;
    assert!(
        page.contains("<td><bdi lang=\"fa\" dir=\"rtl\">تشکر</bdi> (tašakor)</td>"),
        "{page}"
    );
    assert!(
        page.contains("<td><bdi lang=\"ps\" dir=\"rtl\">څنګه یاست؟</bdi> (tsanga yāst?)</td>"),
        "{page}"
    );
    let body = app
        .json(&format!(
            "/api/v1/ask?lang=en&q={}",
            enc("How do you say thank you in Pashto?")
        ))
        .await;
    assert_eq!(body["decision"], "answered", "{body}");
    let html = body["answer"][0]["html"].as_str().unwrap_or_default();
    assert!(
        html.contains("<bdi><bdi lang=\"fa\" dir=\"rtl\">تشکر</bdi> (tašakor)</bdi>"),
        "{body}"
    );
    let page = app
        .text(&format!(
            "/ask?lang=en&q={}",
            enc("How do you say thank you in Pashto?")
        ))
        .await;
    assert!(
        page.contains("<bdi lang=\"fa\" dir=\"rtl\">تشکر</bdi>"),
        "{page}"
    );
}

/// A table among the passages Ask lists shows its rows each on a line and
/// its cells apart by the rule, as a quoted row's are; its text had run
/// together, cells and rows alike ("English Dari Pashto Hello سلام
/// (salām) …"), as a browser shows tabs and blank lines.
#[tokio::test]
async fn a_table_among_the_passages_shows_its_rows_and_cells_apart() {
    let app = TestApp::spawn().await;
    let page = app
        .text(&format!(
            "/ask?lang=en&q={}",
            enc("How do you say thank you in Pashto?")
        ))
        .await;
    let passages = &page[page.find("class=\"passages\"").expect("passages")..];
    let rule = "<span class=\"cell-rule\" aria-hidden=\"true\">|</span>";
    let fa = |w: &str| format!("<bdi lang=\"fa\" dir=\"rtl\">{w}</bdi>");
    assert!(
        passages.contains("<a href=\"/en/languages-of-afghanistan#p-13\">"),
        "{passages}"
    );
    assert!(
        passages.contains(&format!(
            "English {rule} Dari {rule} Pashto<br>Hello {rule} {} (salām) {rule} {} (salām)<br>How are you? {rule} ",
            fa("سلام"),
            fa("سلام")
        )) && passages.contains(&format!(
            "<br>No {rule} {} (na) {rule} {} (na)</div></li>",
            fa("نه"),
            fa("نه")
        )),
        "{passages}"
    );
}

/// A table among the passages begins on its own line, below "question —
/// ¶13:", in every language: a block of its own, as its rows are lines;
/// it had begun on that line, after the colon, its first row run into it
/// (on the Dari and Pashto pages too, `/ask?lang=fa&q=سلام`).
#[tokio::test]
async fn a_table_passage_begins_on_its_own_line_in_every_language() {
    let app = TestApp::spawn().await;
    for (lang, q, dir) in [
        ("en", "How do you say thank you in Pashto?", "ltr"),
        ("fa", "سلام", "rtl"),
        ("ps", "سلام", "rtl"),
    ] {
        let page = app.text(&format!("/ask?lang={lang}&q={}", enc(q))).await;
        let passages = &page[page.find("class=\"passages\"").expect("passages")..];
        let table = format!(
            "#p-13\">\
             <bdi lang=\"{lang}\" dir=\"{dir}\">"
        );
        let at = passages
            .find(&table)
            .unwrap_or_else(|| panic!("{lang}: the table's passage: {passages}"));
        let item = &passages[at..at + passages[at..].find("</li>").unwrap()];
        assert!(
            item.contains(&format!(
                "</a>: <div class=\"passage-table\" lang=\"{lang}\" dir=\"{dir}\">"
            )) && item.ends_with("</div>"),
            "{lang}: {item}"
        );
        // A paragraph stays in the line of its link (on the Dari and
        // Pashto pages, all three listed are the table).
        if lang == "en" {
            assert!(
                passages.contains("</a>: <span lang=\"en\" dir=\"ltr\">"),
                "{passages}"
            );
        }
    }
}

/// Words of another script are marked as in an article's body (one
/// function, `askaf_content::runs_html`) wherever the site shows an
/// article's words outside it: its question as the page's heading, its
/// short answer, its table of contents, the questions and short answers
/// listed on a language's home page and a topic's, its title where a page
/// names it (its translations', its comment form's, a "not found" that
/// says where it is), and on Ask the passages' questions and the closest
/// articles'. Before,
/// only the body and Ask's quotes were. `<title>` holds no markup.
#[tokio::test]
async fn an_articles_words_of_another_script_are_marked_outside_its_body_too() {
    let content = tempfile::tempdir().unwrap();
    let write = |name: &str, text: String| {
        let path = content.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let fa_front = "+++\nslug = \"unama\"\nlang = \"fa\"\ntitle = \"گزارش UNAMA چیست؟\"\n\
         question = \"گزارش UNAMA دربارهٔ چه است؟\"\n\
         summary = \"دفتر UNAMA هر سال دربارهٔ غیرنظامیان گزارش می‌دهد.\"\n\
         tags = [\"test\"]\npublished = 2026-01-01\nupdated = 2026-01-02\n\
         translations = { en = \"unama\" }\n\
         [[sources]]\ntitle = \"A source\"\nurl = \"https://example.org/\"\naccessed = 2026-01-01\n+++\n\n";
    write(
        "fa/unama.md",
        format!(
            "{fa_front}## یافته‌های UNAMA\n\nدفتر ملل متحد گزارش سالانهٔ غیرنظامیان را منتشر می‌کند.\n\n\
             ## روش کار\n\nگزارش از گفت‌وگو با شاهدان ساخته می‌شود.\n"
        ),
    );
    write(
        "en/unama.md",
        article(
            "unama",
            "en",
            "translations = { fa = \"unama\" }",
            "UNAMA reports on civilians every year.",
        ),
    );
    write(
        "en/greetings.md",
        article(
            "greetings",
            "en",
            "",
            "## Saying تشکر\n\nPeople say تشکر.\n\n## More\n\nText.",
        )
        .replace("What about greetings?", "How do you say سلام?")
        .replace("A short answer about greetings.", "Say سلام (salām)."),
    );
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(
        data.path(),
        &["--content", content.path().to_str().unwrap()],
        None,
    );
    let en = "<bdi lang=\"en\" dir=\"ltr\">UNAMA</bdi>";
    let question = format!("گزارش {en} دربارهٔ چه است؟");
    let summary = format!("دفتر {en} هر سال");

    // Listed: the language's home (its newest and its topic) and the topic's page.
    let home = app.text("/fa/").await;
    assert!(
        home.contains(&format!("<a href=\"/fa/unama\">{question}</a></h3>"))
            && home.contains(&format!("<li><a href=\"/fa/unama\">{question}</a></li>"))
            && home.contains(&format!("<p class=\"card-summary\">{summary}")),
        "{home}"
    );
    let topic = app.text("/fa/tags/test").await;
    assert!(
        topic.contains(&format!("<a href=\"/fa/unama\">{question}</a></h2>"))
            && topic.contains(&summary),
        "{topic}"
    );

    // The article's page: its heading, short answer and contents; not its <title>.
    let page = app.text("/fa/unama").await;
    assert!(
        page.contains(&format!("<h1 id=\"question\">{question}</h1>"))
            && page.contains(&format!("<p id=\"p-0\">{summary}"))
            && page.contains(&format!("\">یافته‌های {en}</a></li>")),
        "{page}"
    );
    let title = &page[page.find("<title>").unwrap()..page.find("</title>").unwrap()];
    assert!(
        title.contains("UNAMA") && !title.contains("<bdi"),
        "{title}"
    );
    // An English page: its Dari words, and the Dari translation's title.
    let page = app.text("/en/greetings").await;
    let fa = |w: &str| format!("<bdi lang=\"fa\" dir=\"rtl\">{w}</bdi>");
    assert!(
        page.contains(&format!(
            "<h1 id=\"question\">How do you say {}?</h1>",
            fa("سلام")
        )) && page.contains(&format!("\">Saying {}</a></li>", fa("تشکر"))),
        "{page}"
    );
    let page = app.text("/en/unama").await;
    assert!(page.contains(&format!("گزارش {en} چیست؟</a>")), "{page}");
    // Named on the comment form's own page, and where the article is not.
    let r = app
        .comment("/fa/unama", &[("name", "Ali"), ("body", "")])
        .await;
    assert_eq!(r.status(), 400);
    let page = r.text().await.unwrap();
    assert!(
        page.contains(&format!("<a href=\"/fa/unama\">گزارش {en} چیست؟</a>")),
        "{page}"
    );
    let page = app.text("/fa/unama/comments/held").await;
    assert!(page.contains(&format!(": گزارش {en} چیست؟</a>")), "{page}");
    let r = app.get("/ps/unama").await;
    assert_eq!(r.status(), 404);
    let page = r.text().await.unwrap();
    assert!(
        page.contains(&format!("hreflang=\"fa\">دری: گزارش {en} چیست؟</a>")),
        "{page}"
    );

    // Ask: the passages' questions, and the closest articles.
    let page = app
        .text(&format!("/ask?lang=fa&q={}", enc("گزارش سالانهٔ غیرنظامیان")))
        .await;
    assert!(
        page.contains(&format!("<bdi lang=\"fa\" dir=\"rtl\">{question}</bdi> — ")),
        "{page}"
    );
    let page = app
        .text(&format!("/ask?lang=en&q={}", enc("xylophone quartz zebra")))
        .await;
    assert!(
        page.contains(&format!(
            "dir=\"ltr\">How do you say {}?</a></li>",
            fa("سلام")
        )),
        "{page}"
    );
}

/// Every page of a language is under it, and so a reader (or a link) looks
/// for Ask at `/{lang}/ask`, which was a 404. It sends them for good to the
/// one Ask page, `/ask?lang=…`, in the path's language, the question kept
/// as it was written (and nothing else of the query); the page answers it.
#[tokio::test]
async fn ask_under_a_language_is_sent_to_the_ask_page_with_its_question() {
    let app = TestApp::spawn().await;
    let q = enc("چه کسی بر افغانستان حکومت می‌کند؟");
    for (from, to) in [
        ("/en/ask".to_string(), "/ask?lang=en".to_string()),
        ("/fa/ask".into(), "/ask?lang=fa".into()),
        ("/ps/ask".into(), "/ask?lang=ps".into()),
        (format!("/fa/ask?q={q}"), format!("/ask?lang=fa&q={q}")),
        // The path's language is the one asked in; `live` is the box's.
        (
            "/en/ask?lang=ps&q=Who+governs%3F&live=1".into(),
            "/ask?lang=en&q=Who+governs%3F".into(),
        ),
        // A region's tag goes to the site's own path first.
        ("/fa-AF/ask?q=x".into(), "/fa/ask?q=x".into()),
    ] {
        for r in [
            app.get(&from).await,
            app.client
                .head(format!("{}{from}", app.url))
                .send()
                .await
                .unwrap(),
        ] {
            assert_eq!(r.status(), 308, "{from}");
            assert_eq!(TestApp::location(&r), to, "{from}");
        }
    }
    let r = app.get(&format!("/fa/ask?q={q}")).await;
    let page = app.text(&TestApp::location(&r)).await;
    assert!(page.contains("<html lang=\"fa\" dir=\"rtl\""), "{page}");
    assert!(page.contains("class=\"answer-sentence\""), "{page}");
    // Not a language of the site: a 404, as `/de/` is.
    assert_eq!(app.get("/de/ask").await.status(), 404);
}

#[tokio::test]
async fn arabic_keyboard_letters_and_missing_zwnj_find_the_same_answer() {
    let app = TestApp::spawn().await;
    let persian = "چه کسی بر افغانستان حکومت می‌کند؟";
    let arabic = persian
        .replace('ی', "ي")
        .replace('ک', "ك")
        .replace('\u{200c}', "");
    let a = app
        .json(&format!("/api/v1/ask?lang=fa&q={}", enc(persian)))
        .await;
    let b = app
        .json(&format!("/api/v1/ask?lang=fa&q={}", enc(&arabic)))
        .await;
    assert_eq!(a["answer"][0]["path"], b["answer"][0]["path"], "{a}\n{b}");
    assert_eq!(b["abstained"], false);
    assert_citations_hold(&app, &a).await;
    assert_citations_hold(&app, &b).await;
}

#[tokio::test]
async fn unrelated_questions_get_no_clear_answer_and_related_articles() {
    let app = TestApp::spawn().await;
    let body = app
        .json("/api/v1/ask?q=What%20is%20the%20best%20recipe%20for%20chocolate%20cake%3F")
        .await;
    assert_eq!(body["abstained"], true, "{body}");
    assert!(body["answer"].as_array().unwrap().is_empty());
    assert!(!body["related"].as_array().unwrap().is_empty());
    // Why: only "best" (in "best-known") is in the site.
    assert_eq!(body["decision"], "too_little_covered", "{body}");
    let body = app
        .json("/api/v1/ask?q=What%20is%20the%20capital%20of%20France%3F")
        .await;
    assert_eq!(body["decision"], "short_and_lacking", "{body}");
    let body = app.json("/api/v1/ask?q=zzyzx%20qwxv").await;
    assert_eq!(body["decision"], "no_words", "{body}");
    let html = app
        .text("/ask?q=What%20is%20the%20best%20recipe%20for%20chocolate%20cake%3F")
        .await;
    assert!(html.contains("No clear answer yet"));
}

#[tokio::test]
async fn bad_questions_get_a_400_with_a_reason_never_a_500() {
    let app = TestApp::spawn().await;
    let long = "a".repeat(10_000);
    for (q, want) in [
        ("", 400),
        ("%20%20", 400),
        (long.as_str(), 400),
        ("%00%01%02Kabul%7F", 200),
        // Query syntax is words to us, never an error.
        ("taliban%20AND%20(OR%20%22", 200),
        // No letter or digit: nothing asked.
        ("%22%3A%28%2A%29%22%22", 400),
        ("%FF%FE", 400),
    ] {
        let r = app.get(&format!("/api/v1/ask?q={q}")).await;
        assert_eq!(r.status().as_u16(), want, "q={}", &q[..q.len().min(40)]);
        let body: serde_json::Value = r.json().await.unwrap();
        if want == 400 {
            assert!(!body["errors"][0]["detail"].as_str().unwrap().is_empty());
        } else {
            assert!(body["abstained"].is_boolean());
        }
    }
    assert_eq!(app.get("/api/v1/ask").await.status(), 400);
    assert_eq!(app.get("/api/v1/ask?q=kabul&lang=de").await.status(), 400);
    let r = app.get("/ask?q=").await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("Type a question to ask."));
    let r = app.get(&format!("/ask?q={long}")).await;
    assert_eq!(r.status(), 400);
}

/// English typed on the Dari page is answered from the English article,
/// said so in Dari, with a link to the article's Dari translation.
#[tokio::test]
async fn a_question_in_another_script_is_answered_from_its_language() {
    let app = TestApp::spawn().await;
    let body = app
        .json("/api/v1/ask?lang=fa&q=What%20is%20the%20capital%20of%20Afghanistan%3F")
        .await;
    assert_eq!(body["abstained"], false, "{body}");
    assert_eq!(body["answer_from"]["lang"], "en", "{body}");
    let note = body["answer_from"]["note"].as_str().unwrap();
    assert!(note.starts_with("پرسش شما به زبان انگلیسی بود"), "{note}");
    assert!(body["answer_from"]["translation"]["url"]
        .as_str()
        .unwrap()
        .contains("/fa/"));
    assert!(body["answer"][0]["text"]
        .as_str()
        .unwrap()
        .contains("Kabul"));

    // On the page, the English article's question (its name on the Ask
    // page, as its heading) in the Dari line "From the English article
    // «…»" is marked as English, as the quote is (its question mark
    // outside, as the body marks a run), the line's Dari words not (until
    // 6 December the title was plain text there).
    let page = app
        .text("/ask?lang=fa&q=What%20is%20the%20capital%20of%20Afghanistan%3F")
        .await;
    let footer = &page[page.find("<footer>— <a href=").expect("a source line")..];
    let footer = &footer[..footer.find("</footer>").unwrap()];
    let cited = app
        .json(&format!(
            "/api/v1/articles/en/{}",
            body["answer"][0]["article"]["slug"].as_str().unwrap()
        ))
        .await;
    let title = cited["question"].as_str().unwrap();
    let (words, mark) = title.split_at(title.len() - 1);
    assert_eq!(mark, "?", "{title}");
    assert!(
        footer.contains(&format!(
            ">از مقالهٔ انگلیسی «\u{2068}<bdi lang=\"en\" dir=\"ltr\">{}</bdi>?\u{2069}»</a>",
            words.replace('\'', "&#39;")
        )),
        "{footer}"
    );
}

#[tokio::test]
async fn the_ask_page_works_without_javascript_and_questions_are_recorded() {
    let app = TestApp::spawn().await;
    let home = app.text("/fa/").await;
    assert!(home.contains(
        "<form class=\"ask-form\" role=\"search\" aria-labelledby=\"ask-label-header\" action=\"/ask\" method=\"get\" data-lang=\"fa\" data-no-answer=\"هنوز پاسخ روشنی نداریم\">"
    ));
    assert!(home.contains("<input type=\"hidden\" name=\"lang\" value=\"fa\">"));
    let html = app
        .text("/ask?lang=en&q=What%20is%20the%20currency%20of%20Afghanistan%3F")
        .await;
    assert!(html.contains("<h2 id=\"answer-title\">Answer</h2>"));
    assert!(
        html.contains("href=\"/en/afghan-currency#p-"),
        "answer links its paragraph"
    );
    assert!(html.contains("<mark>"));
    assert!(html.contains("Content reuse requires attribution and a link."));
    // As-you-type requests are not recorded; asked questions are, answered
    // or not. Nor is a HEAD (a link checker's look) nor a question with no
    // word to weigh; one without a letter or digit is refused.
    app.json("/api/v1/ask?live=1&q=curren").await;
    for path in ["/ask?q=zebra%20headonly", "/api/v1/ask?q=zebra%20headonly"] {
        let r = app
            .client
            .head(format!("{}{path}", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{path}");
    }
    let r = app
        .get("/ask?lang=en&q=What%20is%20the%20currency%20of%20Afghanistan%3F")
        .await;
    assert_eq!(
        r.headers().get("x-robots-tag").unwrap(),
        "noindex",
        "an answer's page is kept out of search indexes"
    );
    for junk in ["%3F", "%E2%80%8C", "%FF%FE", "%E2%80%8F%20%3F%20"] {
        let r = app.get(&format!("/ask?lang=fa&q={junk}")).await;
        assert_eq!(r.status(), 400, "{junk}");
        let r = app.get(&format!("/api/v1/ask?q={junk}")).await;
        assert_eq!(r.status(), 400, "{junk}");
    }
    app.json("/api/v1/ask?q=the").await;
    app.json("/api/v1/ask?q=Who%20won%20the%201994%20football%20world%20cup%3F")
        .await;
    let out = std::process::Command::new(BIN)
        .args(["questions", "--data"])
        .arg(&app.data_dir)
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        listed.contains("What is the currency of Afghanistan?"),
        "{listed}"
    );
    assert!(
        listed.contains("Who won the 1994 football world cup?"),
        "{listed}"
    );
    assert!(
        !listed.contains("curren\n") && !listed.contains("\tcurren"),
        "{listed}"
    );
    assert_eq!(
        listed.lines().count(),
        2,
        "only the currency and football questions: not zebra headonly (HEAD) nor the (no word): {listed}"
    );
    let out = std::process::Command::new(BIN)
        .args(["questions", "--unanswered", "--data"])
        .arg(&app.data_dir)
        .output()
        .unwrap();
    let unanswered = String::from_utf8_lossy(&out.stdout);
    assert!(
        unanswered.contains("football") && !unanswered.contains("currency"),
        "{unanswered}"
    );
    // The last column says which rule turned it away (without a model,
    // never "far in meaning").
    let line = unanswered.lines().find(|l| l.contains("football")).unwrap();
    let columns: Vec<&str> = line.split('\t').collect();
    assert_eq!(columns.len(), 6, "{line}");
    assert!(
        [
            "no_words",
            "too_little_covered",
            "lacks_main_word",
            "short_and_lacking"
        ]
        .contains(&columns[5]),
        "{line}"
    );
    assert!(
        app.data_dir
            .join("index")
            .join("askaf-index.record")
            .exists(),
        "the index lives in the data directory"
    );
}

#[test]
fn ask_on_the_command_line_prints_the_answer_and_its_link() {
    let out = std::process::Command::new(BIN)
        .args(["ask", "What currency does Afghanistan use?"])
        .env_remove("ASKAF_CONTENT")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("afghani"), "{text}");
    assert!(text.contains("</en/afghan-currency#p-"), "{text}");
    let out = std::process::Command::new(BIN)
        .args(["ask", "recipe for chocolate cake"])
        .env_remove("ASKAF_CONTENT")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("No clear answer yet."));
}

/// `askaf ask --explain` says which rule turned a question away and what it
/// weighed: the sentence the words chose, its coverage and the word it lacks.
#[test]
fn ask_explain_names_the_rule_and_the_sentence_it_weighed() {
    let ask = |q: &str| {
        let out = std::process::Command::new(BIN)
            .args(["ask", "--explain", q])
            .env_remove("ASKAF_CONTENT")
            .env_remove("ASKAF_ASK_MODEL")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let text = ask("What is the capital of France?");
    assert!(text.starts_with("No clear answer yet."), "{text}");
    // The sentence that names France, on the geography page, was weighed and refused.
    assert!(
        text.contains("sentence the words chose: It covers about 652,000"),
        "{text}"
    );
    assert!(text.contains("</en/geography-and-climate#p-"), "{text}");
    assert!(
        text.contains("question words: 2, lacking from that sentence: 1"),
        "{text}"
    );
    assert!(
        text.contains(
            "decision: no clear answer: a short question, and the sentence lacks one of its words"
        ),
        "{text}"
    );
    assert!(
        text.contains("closeness in meaning: best passage no model"),
        "{text}"
    );
    let text = ask("What currency does Afghanistan use?");
    assert!(text.contains("decision: answered"), "{text}");
    assert!(text.contains("lacking from that sentence: 0"), "{text}");
    let text = ask("recipe for chocolate cake");
    assert!(
        text.contains("decision: no clear answer: no passage holds any of the question's words"),
        "{text}"
    );
}

#[tokio::test]
async fn the_index_follows_content_changes_without_a_restart() {
    let content = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(content.path().join("en")).unwrap();
    std::fs::write(
        content.path().join("en/kabul.md"),
        article("kabul", "en", "", "Kabul is the capital of Afghanistan."),
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(
        data.path(),
        &["--content", content.path().to_str().unwrap()],
        None,
    );
    let q = "/api/v1/ask?q=Which%20river%20flows%20through%20Jalalabad%3F";
    assert_eq!(app.json(q).await["abstained"], true);
    std::fs::write(
        content.path().join("en/jalalabad.md"),
        article(
            "jalalabad",
            "en",
            "",
            "The Kabul River flows through Jalalabad on its way to Pakistan.",
        ),
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let body = app.json(q).await;
        if body["abstained"] == false {
            assert_eq!(body["answer"][0]["path"], "/en/jalalabad#p-1");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the new article was not picked up: {body}"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    assert_eq!(
        app.get("/en/jalalabad").await.status(),
        200,
        "pages follow too"
    );
    // An invalid edit is refused and the site keeps serving the last good version.
    std::fs::write(
        content.path().join("en/broken.md"),
        "+++\nslug = \"broken\"\n",
    )
    .unwrap();
    // A good file written after it: once it is served, the watch has
    // looked at the broken one too (no fixed sleep).
    std::fs::write(
        content.path().join("en/probe.md"),
        article("probe", "en", "", "A probe."),
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while app.get("/en/probe").await.status() != 200 {
        assert!(Instant::now() < deadline, "the probe was not picked up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(app.get("/en/broken").await.status(), 404);
    assert_eq!(app.get("/en/jalalabad").await.status(), 200);
    assert_eq!(app.get("/healthz").await.status(), 200);
}

#[tokio::test]
async fn asking_is_rate_limited_per_address() {
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(data.path(), &["--ask-per-minute", "3"], None);
    for _ in 0..2 {
        assert_eq!(
            app.get("/ask?q=Who+governs+Afghanistan%3F").await.status(),
            200
        );
    }
    assert_eq!(app.get("/api/v1/ask?q=currency").await.status(), 200);
    let page = app.get("/ask?q=currency").await;
    assert_eq!(page.status(), 429);
    assert!(page.headers().contains_key("retry-after"));
    assert!(page.text().await.unwrap().contains("Please wait"));
    let api = app.get("/api/v1/ask?q=currency").await;
    assert_eq!(api.status(), 429);
    let body: serde_json::Value = api.json().await.unwrap();
    assert!(body["errors"][0]["detail"]
        .as_str()
        .unwrap()
        .contains("wait"));
    // The empty form and the rest of the site are not counted.
    assert_eq!(app.get("/ask").await.status(), 200);
    assert_eq!(app.get("/en/").await.status(), 200);
}

/// The multilingual model's directory (ASKAF_TEST_E5; see
/// crates/askaf-embed/tests), or `None` with a note, unless
/// ASKAF_REQUIRE_EXTERNAL=1, when its absence fails the test.
pub(crate) fn e5_dir() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("ASKAF_TEST_E5")
        .map(std::path::PathBuf::from)
        .filter(|d| d.join("e5-small-q4.bin").exists());
    if dir.is_none() {
        assert_ne!(
            std::env::var("ASKAF_REQUIRE_EXTERNAL").as_deref(),
            Ok("1"),
            "ASKAF_TEST_E5 must name the model directory when ASKAF_REQUIRE_EXTERNAL=1"
        );
        eprintln!("skipped: set ASKAF_TEST_E5=$(bash scripts/fetch-model.sh)");
    }
    dir
}

/// A model that cannot be loaded costs Ask its sense of meaning, not the
/// site: the server starts, warns naming the file, and answers by words.
#[tokio::test]
async fn serve_starts_without_a_model_it_cannot_load_and_names_the_file() {
    let empty = tempfile::tempdir().unwrap();
    // The English model Ask ran before E5, in its sentence-transformers
    // layout: refused, saying so.
    let retired = tempfile::tempdir().unwrap();
    std::fs::write(retired.path().join("config.json"), "{}").unwrap();
    let mut cases = vec![
        (empty.path().to_path_buf(), "e5-small-q4.bin"),
        (retired.path().to_path_buf(), "no longer runs"),
    ];
    let truncated = tempfile::tempdir().unwrap();
    if let Some(dir) = e5_dir() {
        let full = std::fs::read(dir.join("e5-small-q4.bin")).unwrap();
        let file = truncated.path().join("e5-small-q4.bin");
        std::fs::write(&file, &full[..full.len() / 2]).unwrap();
        cases.push((truncated.path().to_path_buf(), "e5-small-q4.bin"));
    }
    for (model, file) in cases {
        let data = tempfile::tempdir().unwrap();
        let log = data.path().join("serve.log");
        let app = TestApp::spawn_logged(
            data.path(),
            &["--model", model.to_str().unwrap()],
            None,
            Some(&log),
        );
        let body = app
            .json(&format!(
                "/api/v1/ask?q={}",
                enc("What currency does Afghanistan use?")
            ))
            .await;
        assert_eq!(body["abstained"], false, "{body}");
        let log = std::fs::read_to_string(&log).unwrap();
        let warning = log
            .lines()
            .find(|l| l.contains("cannot load the Ask model"))
            .unwrap_or_else(|| panic!("no warning in {log}"));
        assert!(warning.contains("WARN"), "{warning}");
        #[cfg(feature = "model")]
        assert!(warning.contains(file), "{warning}");
        // Built without the sentence model, no file is looked for: the
        // warning names the directory it was given and how to build a
        // binary that can load it.
        #[cfg(not(feature = "model"))]
        {
            let _ = file;
            assert!(warning.contains(model.to_str().unwrap()), "{warning}");
            assert!(warning.contains("--features model"), "{warning}");
        }
        assert!(warning.contains("words alone"), "{warning}");
    }
}

/// With the sentence model (ASKAF_TEST_E5; see crates/askaf-embed/tests).
#[tokio::test]
async fn serving_with_the_model_ranks_by_meaning_and_keeps_its_vectors() {
    let Some(model) = e5_dir() else {
        return;
    };
    let content = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(content.path().join("en")).unwrap();
    let kabul = |people: &str| {
        let body = format!("Kabul lies in a high valley of the Hindu Kush.\n\nAbout {people} million people live in Kabul, which has grown fast since 2001.");
        std::fs::write(
            content.path().join("en/kabul.md"),
            article("kabul", "en", "", &body),
        )
        .unwrap();
    };
    kabul("five");
    let data = tempfile::tempdir().unwrap();
    let args = [
        "--content",
        content.path().to_str().unwrap(),
        "--model",
        model.to_str().unwrap(),
    ];
    let q = "/api/v1/ask?q=What%20is%20the%20population%20of%20Kabul%3F";
    // The paragraph on people living in Kabul against the one on its valley:
    // words alone (neither says "population") rank the shorter one higher.
    let rank = |body: &serde_json::Value, anchor: &str| {
        body["passages"]
            .as_array()
            .unwrap()
            .iter()
            .position(|p| p["path"].as_str().unwrap().ends_with(anchor))
            .unwrap_or_else(|| panic!("{anchor} not among the passages: {body}"))
    };
    let lexical_data = tempfile::tempdir().unwrap();
    let lexical = TestApp::spawn_with(lexical_data.path(), &args[..2], None);
    let body = lexical.json(q).await;
    assert!(rank(&body, "#p-1") < rank(&body, "#p-2"), "{body}");

    let mut app = TestApp::spawn_with(data.path(), &args, None);
    // The site answers at once; the vectors come in the background.
    assert_eq!(app.get(q).await.status(), 200);
    let first = wait_for_vectors(&app).await;
    let body = app.json(q).await;
    assert!(rank(&body, "#p-2") < rank(&body, "#p-1"), "{body}");
    assert_citations_hold(&app, &body).await;
    let vectors: Vec<_> = std::fs::read_dir(data.path().join("vectors"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "f16"))
        .collect();
    assert_eq!(vectors.len(), 1, "one vector file for the one model");
    assert!(vectors[0].metadata().unwrap().len() > 1000);
    // Summary, two one-sentence paragraphs: three texts.
    assert_eq!(
        (&first["have"], &first["encoded"]),
        (&3.into(), &3.into()),
        "{first}"
    );

    // An edit to one paragraph encodes that paragraph alone.
    kabul("six");
    let deadline = Instant::now() + Duration::from_secs(30);
    let edited = loop {
        let v = wait_for_vectors(&app).await;
        if v["encoded"] != 3 {
            break v;
        }
        assert!(Instant::now() < deadline, "the edit was not encoded: {v}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(edited["encoded"], 4, "{edited}");

    // A restart reads the vectors back and encodes nothing.
    app.kill_hard();
    let app = TestApp::spawn_with(data.path(), &args, None);
    let again = wait_for_vectors(&app).await;
    assert_eq!(
        (&again["have"], &again["encoded"]),
        (&3.into(), &0.into()),
        "{again}"
    );
    let body = app.json(q).await;
    assert!(rank(&body, "#p-2") < rank(&body, "#p-1"), "{body}");

    // The command line asked of the served site reads the server's vectors
    // (leaving the file as it is, the server still running) and encodes
    // nothing; asked of the content alone, it encodes them and says so.
    let file = vectors[0].path();
    let stored = std::fs::read(&file).unwrap();
    let ask = |data: Option<&std::path::Path>| {
        let mut command = std::process::Command::new(BIN);
        command.args(["ask", "What is the population of Kabul?"]);
        command.args(args);
        if let Some(data) = data {
            command.arg("--data").arg(data);
        }
        let out = command.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (read, said) = ask(Some(data.path()));
    assert!(read.contains("</en/kabul>"), "{read}");
    assert!(!said.contains("encoded"), "{said}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        stored,
        "the file is left as it was"
    );
    let (encoded, said) = ask(None);
    assert_eq!(encoded, read, "the same vectors, the same answer");
    assert!(said.contains("note: the model encoded 3 text(s)"), "{said}");
}

/// The built-in site's passage vectors for a model, as a server with it
/// leaves them in its data directory (`vectors/`): encoded once for the
/// whole test binary, by a server of their own ([`built_in_vectors`]), and
/// put into the data directory of each test that serves the built-in site
/// with the model, so that its server encodes nothing. Encoding the whole
/// site costs some 45 CPU-seconds in a debug build, at the lowest priority
/// (see [`wait_for_vectors`]), and the two tests that did it each for
/// themselves were the binary's last to end. A server reads the file back
/// as the vectors it wrote (f16 on disk as in memory), so its answers are
/// those of a server that encoded them itself;
/// `serving_with_the_model_ranks_by_meaning_and_keeps_its_vectors` tests
/// the encoding and the reading back.
pub(crate) struct Vectors(Vec<(std::ffi::OsString, Vec<u8>)>);

impl Vectors {
    /// Writes the vector files into `data`'s `vectors/`.
    pub(crate) fn put_into(&self, data: &std::path::Path) {
        let dir = data.join("vectors");
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in &self.0 {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    }
}

/// The built-in site's [`Vectors`] for `model`, encoded by the first test
/// that asks for them (the others wait for that).
pub(crate) async fn built_in_vectors(model: &std::path::Path) -> &'static Vectors {
    static VECTORS: tokio::sync::OnceCell<Vectors> = tokio::sync::OnceCell::const_new();
    VECTORS
        .get_or_init(|| async {
            let encoded = tempfile::tempdir().unwrap();
            let mut app =
                TestApp::spawn_with(encoded.path(), &["--model", model.to_str().unwrap()], None);
            let v = wait_for_vectors(&app).await;
            assert!(v["have"].as_u64().unwrap_or(0) > 0, "{v}");
            // Stopped as an operator stops it, its file written whole.
            assert!(app.terminate(Duration::from_secs(30)).is_some());
            let files: Vec<_> = std::fs::read_dir(encoded.path().join("vectors"))
                .unwrap()
                .flatten()
                .map(|e| (e.file_name(), std::fs::read(e.path()).unwrap()))
                .collect();
            assert!(!files.is_empty(), "no vector file written");
            Vectors(files)
        })
        .await
}

/// Waits until the server's passage vectors are all computed (its
/// `/healthz` says nothing is pending or being encoded) and gives what it
/// says of them.
///
/// The encoder runs at the lowest CPU priority by design, so while the
/// other tests of this binary run it gets little of the machine (in CI it
/// encoded 8 of 29 passages in two minutes); it catches up once they end.
/// The wait is long enough for that, and ends as soon as it is done.
pub(crate) async fn wait_for_vectors(app: &TestApp) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let v = app.json("/healthz").await["index"]["vectors"].clone();
        assert!(v.is_object(), "no vectors in /healthz: {v}");
        if v["working"] == false && v["pending"] == 0 {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "the vectors were not done in time: {v}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The Ask page's language links keep the question: a reader who asked in
/// Dari and switches to English gets the English page with their question
/// answered (and a link to the English article), not an empty form.
#[tokio::test]
async fn switching_the_ask_pages_language_keeps_the_question() {
    let app = TestApp::spawn().await;
    let q = "زبان‌های رسمی افغانستان کدام‌اند؟";
    let page = app.text(&format!("/ask?lang=fa&q={}", enc(q))).await;
    let start = page.find("<nav class=\"lang-switch\"").unwrap();
    let nav = &page[start..start + page[start..].find("</nav>").unwrap()];
    let en = crate::helpers::attr(nav, "<a href=", "href").unwrap();
    assert!(en.starts_with("/ask?lang=en&amp;q=%D8%B2"), "{nav}");
    let en = app.text(&en.replace("&amp;", "&")).await;
    assert!(en.contains("<html lang=\"en\""));
    assert!(
        en.contains(&format!("value=\"{q}\"")),
        "the question is in the box"
    );
    assert!(en.contains("class=\"answer-sentence\""), "and answered");
    // No question, or one refused: the links go to the empty form.
    let page = app.text("/ask?lang=ps").await;
    assert!(
        page.contains("<a href=\"/ask?lang=en\" lang=\"en\""),
        "{page}"
    );
    let r = app.get("/ask?lang=ps&q=%20").await;
    assert_eq!(r.status(), 400);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("<a href=\"/ask?lang=en\" lang=\"en\""));
}

/// A language given as a BCP 47 tag with a region or a script, as
/// browsers and links write it (`fa-AF`, `prs`, `ps-AF`, `en-GB`), is the
/// site's language, on the page and in the API alike.
#[tokio::test]
async fn a_language_tag_with_a_region_is_the_sites_language() {
    let app = TestApp::spawn().await;
    let q = enc("Who governs Afghanistan?");
    for (tag, lang) in [
        ("fa-AF", "fa"),
        ("prs", "fa"),
        ("prs-AF", "fa"),
        ("ps-AF", "ps"),
        ("en-GB", "en"),
    ] {
        let page = app.text(&format!("/ask?lang={tag}&q={q}")).await;
        assert!(page.contains(&format!("<html lang=\"{lang}\"")), "{tag}");
        assert!(
            page.contains(&format!(
                "<input type=\"hidden\" name=\"lang\" value=\"{lang}\">"
            )),
            "{tag}"
        );
        let form = app.text(&format!("/ask?lang={tag}")).await;
        assert!(form.contains(&format!("<html lang=\"{lang}\"")), "{tag}");
        let body = app.json(&format!("/api/v1/ask?lang={tag}&q={q}")).await;
        assert!(body["abstained"].is_boolean(), "{tag}: {body}");
        let list = app.json(&format!("/api/v1/articles?lang={tag}")).await;
        let articles = list["articles"].as_array().unwrap();
        assert!(!articles.is_empty(), "{tag}");
        assert!(articles.iter().all(|a| a["lang"] == lang), "{tag}: {list}");
    }
}

/// A language the site is not written in is a 400 on the Ask page in the
/// language the browser prefers of the three (English when none), with
/// the question kept in the box and carried by the language links, which
/// ask it; the API says which codes it takes.
#[tokio::test]
async fn an_unknown_language_is_refused_in_the_readers_language_keeping_the_question() {
    let app = TestApp::spawn().await;
    let q = "Who governs Afghanistan?";
    for (accept, lang, words) in [
        (None, "en", "is not one of this site"),
        (
            Some("de-DE,de;q=0.9,fa;q=0.5"),
            "fa",
            "یکی از زبان‌های این سایت نیست",
        ),
        (Some("ps-AF"), "ps", "د دې سایټ له ژبو څخه نه ده"),
    ] {
        let mut request = app
            .client
            .get(format!("{}/ask?lang=de&q={}", app.url, enc(q)));
        if let Some(accept) = accept {
            request = request.header("Accept-Language", accept);
        }
        let r = request.send().await.unwrap();
        assert_eq!(r.status(), 400, "{accept:?}");
        let page = r.text().await.unwrap();
        assert!(
            page.contains(&format!("<html lang=\"{lang}\"")),
            "{accept:?}"
        );
        assert!(page.contains(words), "{accept:?}: {page}");
        assert!(
            page.contains(&format!("value=\"{q}\"")),
            "the question is kept"
        );
        assert!(
            page.contains(&format!("<a href=\"/ask?lang=en&amp;q={}\"", enc(q))),
            "the language links ask it: {page}"
        );
    }
    let r = app.get(&format!("/api/v1/ask?lang=de&q={}", enc(q))).await;
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    let detail = body["errors"][0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("`de`") && detail.contains("fa-AF"),
        "{detail}"
    );
}

/// A question whose bytes are not UTF-8 (`?q=%E2%82`, a truncated letter)
/// is a 400 that says it could not be read, in the reader's language on the
/// page and in JSON from the API: it was refused as if nothing had been
/// typed ("Type a question to ask.").
#[tokio::test]
async fn a_question_that_is_not_utf8_is_said_to_be_unreadable() {
    let app = TestApp::spawn().await;
    let r = app.get("/api/v1/ask?q=%E2%82").await;
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    let detail = body["errors"][0]["detail"].as_str().unwrap().to_string();
    assert!(detail.contains("UTF-8"), "{detail}");
    assert!(!detail.contains("Type a question"), "{detail}");
    for (lang, said) in [
        ("en", "not valid UTF-8"),
        ("fa", "پرسش خوانده نشد"),
        ("ps", "پوښتنه ونه لوستل شوه"),
    ] {
        // `/{lang}/ask` is sent to `/ask?lang=…` with the question's bytes.
        let r = app.get(&format!("/{lang}/ask?q=k%E2%82")).await;
        assert_eq!(r.status(), 308, "{lang}");
        let to = TestApp::location(&r);
        let r = app.get(&to).await;
        assert_eq!(r.status(), 400, "{lang} {to}");
        let page = r.text().await.unwrap();
        assert!(page.contains(said), "{lang}: {page}");
        assert!(page.contains(&format!(r#"<html lang="{lang}""#)), "{lang}");
    }
    // Bytes that are UTF-8, `+` and a lone `%` included, are asked.
    let r = app.get("/api/v1/ask?q=kabul+%D8%A7%%20x").await;
    assert_eq!(r.status(), 200);
}

/// What is left of `html` once every run marked as English
/// (`<bdi lang="en" dir="ltr">…</bdi>`) is taken out: in a Dari or
/// Pashto sentence, no Latin letter should be.
fn outside_english_runs(html: &str) -> String {
    const OPEN: &str = "<bdi lang=\"en\" dir=\"ltr\">";
    let mut rest = html;
    let mut out = String::new();
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        let end = after.find("</bdi>").expect("a run is closed");
        rest = &after[end + "</bdi>".len()..];
    }
    out.push_str(rest);
    out
}

/// Under a Dari or Pashto answer, the attribution ("AskAfghanistan
/// (address). Reuse is allowed…") opens with the site's name and address
/// in Latin letters. Unmarked, a right-to-left line put its closing
/// bracket at the far right, before the name, and a Dari voice read the
/// English; it was written as plain text while the footer's rights, the
/// same kind of sentence, marked its English run.
#[tokio::test]
async fn the_attribution_under_an_answer_marks_its_english_run() {
    let app = TestApp::spawn().await;
    for (lang, q) in [
        ("fa", "پایتخت افغانستان کجاست؟"),
        ("ps", "افغانستان څوک اداره کوي؟"),
    ] {
        let page = app.text(&format!("/ask?lang={lang}&q={}", enc(q))).await;
        let start = page
            .find("<p class=\"meta attribution\">")
            .unwrap_or_else(|| panic!("{lang}: no attribution: {page}"));
        let line = &page[start..start + page[start..].find("</p>").unwrap()];
        assert!(
            line.contains(&format!(
                "<bdi lang=\"en\" dir=\"ltr\">AskAfghanistan ({})</bdi>",
                app.url
            )),
            "{lang}: {line}"
        );
        let rest = crate::helpers::without_tags(&outside_english_runs(line));
        assert!(
            !rest.chars().any(|c| c.is_ascii_alphabetic()),
            "{lang}: Latin letters outside a run marked as English: {rest}"
        );
    }
}

/// A question the Ask page refuses (empty, too long) is refused on its
/// box: the box is marked invalid and described by the reason, which a
/// screen reader then reads on coming to it. The reason stood below the
/// form with `role="alert"`, which is not read when a page loads with it,
/// and nothing tied it to the box. The header's box on the same page
/// (none on Ask) and a question answered are not marked.
#[tokio::test]
async fn a_refused_question_is_named_on_its_box() {
    let app = TestApp::spawn().await;
    let long = "ا".repeat(600);
    for (lang, q, reason) in [
        ("fa", "", "پرسشی بنویسید."),
        ("ps", long.as_str(), "پوښتنه تر ۵۰۰ تورو اوږده نه شي کېدای."),
        ("en", "  ", "Type a question to ask."),
    ] {
        let r = app.get(&format!("/ask?lang={lang}&q={}", enc(q))).await;
        assert_eq!(r.status(), 400, "{lang}");
        let page = r.text().await.unwrap();
        let input = &page[page.find("<input type=\"search\" id=\"ask-q\"").unwrap()..];
        let input = &input[..input.find('>').unwrap()];
        assert!(
            input.contains(" aria-invalid=\"true\"")
                && input.contains(" aria-describedby=\"ask-error\""),
            "{lang}: {input}"
        );
        assert!(
            page.contains(&format!(
                "<p class=\"form-error\" id=\"ask-error\" role=\"alert\">{reason}</p>"
            )),
            "{lang}: {page}"
        );
    }
    let page = app
        .text(&format!(
            "/ask?lang=fa&q={}",
            enc("پایتخت افغانستان کجاست؟")
        ))
        .await;
    assert!(!page.contains("aria-invalid"), "{page}");
    assert!(!app.text("/fa/").await.contains("aria-invalid"));
}

/// Every link of an answer's page to an article in another language than
/// the reader's (the sentence's source, the passages, the related
/// questions) says which language it leads to (`hreflang`), as the
/// article pages' links to their translations do. Until 7 December none
/// of them did.
#[tokio::test]
async fn asks_links_to_another_languages_article_name_its_language() {
    let app = TestApp::spawn().await;
    // Answered from the English article; turned away, with English
    // passages and related questions.
    for (q, across) in [
        (
            "What is the currency of Afghanistan",
            "<footer>— <a href=\"/en/",
        ),
        ("visa price for a dog", "<ul class=\"related\">"),
    ] {
        let page = app.text(&format!("/ask?lang=ps&q={}", enc(q))).await;
        let main = &page[page.find("<main").unwrap()..];
        assert!(main.contains(across), "{q}: {main}");
        let mut seen = 0;
        for (at, _) in main.match_indices("<a href=\"/") {
            let tag = &main[at..at + main[at..].find('>').unwrap()];
            let href = &tag["<a href=\"".len()..];
            let Some((lang, _)) = href[1..].split_once('/') else {
                continue;
            };
            if ["en", "fa"].contains(&lang) {
                seen += 1;
                assert!(tag.contains(&format!(" hreflang=\"{lang}\"")), "{q}: {tag}");
            }
        }
        assert!(seen >= 3, "{q}: links to another language: {seen}");
    }
}

/// The Ask page names an article by its question wherever it cites it (the
/// answer's "From “…”", the passages, the related articles), as the
/// article's own heading and every list of articles do, so a reader who
/// follows a citation lands under the words they followed; the API's
/// `source` says the same. Before, the answer's citation used the
/// article's title ("What currency does Afghanistan use?") where the
/// passages below it used its question.
#[tokio::test]
async fn the_ask_page_names_an_article_by_its_question_as_its_heading_does() {
    const QUESTION: &str = "What is the currency of Afghanistan, and what is it worth?";
    const TITLE: &str = "What currency does Afghanistan use?";
    let app = TestApp::spawn().await;
    assert!(app
        .text("/en/afghan-currency")
        .await
        .contains(&format!("<h1 id=\"question\">{QUESTION}</h1>")));
    let q = "Which money is used in Afghanistan, the afghani?";
    let page = app.text(&format!("/ask?lang=en&q={}", enc(q))).await;
    let answer = &page[page.find("<section class=\"answer\"").expect("an answer")..];
    let answer = &answer[..answer.find("</section>").unwrap()];
    assert!(
        answer.contains("— <a href=\"/en/afghan-currency#p-"),
        "answered from the currency article: {answer}"
    );
    assert!(
        answer.contains(&format!("From “{QUESTION}”</a>")),
        "{answer}"
    );
    assert!(!page.contains(TITLE), "{page}");
    let body = app.json(&format!("/api/v1/ask?lang=en&q={}", enc(q))).await;
    assert_eq!(
        body["answer"][0]["source"],
        format!("From “{QUESTION}”"),
        "{body}"
    );
}

/// A question refused (nothing typed, only spaces, too long) is a 400
/// whose title and heading say it was not asked and what to do, in the
/// page's language; before, an empty question's page was titled "Ask"
/// and one of spaces titled with its spaces.
#[tokio::test]
async fn a_refused_question_is_titled_with_what_to_do() {
    let app = TestApp::spawn().await;
    let long = "a".repeat(501);
    for (path, title) in [
        ("/ask?lang=en&q=", "Not asked: Type a question to ask."),
        ("/ask?lang=en&q=+++", "Not asked: Type a question to ask."),
        (
            &format!("/ask?lang=en&q={long}") as &str,
            "Not asked: Questions are limited to 500 characters.",
        ),
        ("/ask?lang=fa&q=", "پرسیده نشد: پرسشی بنویسید."),
        ("/ask?lang=ps&q=", "ونه پوښتل شوه: یوه پوښتنه ولیکئ."),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 400, "{path}");
        let page = r.text().await.unwrap();
        assert!(
            page.contains(&format!("<title>{title} — AskAfghanistan</title>")),
            "{path}: {}",
            &page[..page.find("</title>").unwrap_or(0)]
        );
        assert!(page.contains(&format!("<h1>{title}</h1>")), "{path}");
    }
    // The form alone, with nothing asked yet, is not refused.
    let page = app.text("/ask?lang=en").await;
    assert!(
        page.contains("<title>Ask — AskAfghanistan</title>"),
        "{page}"
    );
    assert!(page.contains("<h1>Ask</h1>"));
}

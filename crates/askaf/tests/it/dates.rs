//! Dates as readers see them: on Dari and Pashto pages in the Solar Hijri
//! calendar with Afghanistan's month names, the Gregorian date beside it
//! where a reader may need it (an article's dates, its sources, its
//! citation); English as it always was; citations that add no full stop
//! after a title that ends its own sentence; Solar Hijri dates typed in
//! the front matter.

use askaf_content::SolarDate;

use crate::helpers::{article, TestApp, MOD_PASSWORD};

const ZWNJ: char = '\u{200c}';
const ARTICLE: &str = "who-governs-afghanistan";

#[tokio::test]
async fn dari_and_pashto_pages_date_in_the_solar_hijri_calendar() {
    let app = TestApp::spawn().await;
    // The sample article is dated 20 February 2026 throughout: 1 Hut 1404.
    let fa_both = "۱ حوت ۱۴۰۴ (۲۰ فبروری ۲۰۲۶)";
    let fa_updated = format!("به{ZWNJ}روز شده در");
    let fa = app.text(&format!("/fa/{ARTICLE}")).await;
    for expected in [
        format!("<time datetime=\"2026-02-20\">{fa_updated} {fa_both}</time>"),
        format!("<span class=\"accessed\">— دیده شده در {fa_both}</span>"),
        // The title ends in an Arabic question mark: no full stop after it.
        format!(
            "می{ZWNJ}شناسد؟» AskAfghanistan، {fa_updated} {fa_both}. {}/fa/{ARTICLE}",
            app.url
        ),
    ] {
        assert!(fa.contains(&expected), "/fa/{ARTICLE} lacks {expected}");
    }
    // A listing has the Solar Hijri date alone.
    let listing = app.text("/fa/").await;
    assert!(
        listing.contains(&format!(
            "<time datetime=\"2026-02-20\">{fa_updated} ۱ حوت ۱۴۰۴</time>"
        )),
        "/fa/ card"
    );

    let ps_both = "۱ کب ۱۴۰۴ (۲۰ فبروري ۲۰۲۶)";
    let ps = app.text(&format!("/ps/{ARTICLE}")).await;
    for expected in [
        format!("<time datetime=\"2026-02-20\">تازه شوې: {ps_both}</time>"),
        format!("<span class=\"accessed\">— کتل شوې: {ps_both}</span>"),
        format!("پېژني؟» AskAfghanistan، تازه شوې: {ps_both}. "),
    ] {
        assert!(ps.contains(&expected), "/ps/{ARTICLE} lacks {expected}");
    }

    let text = app.text(&format!("/fa/{ARTICLE}.txt")).await;
    assert!(
        text.contains(&format!("\n{fa_updated} {fa_both}\n")),
        "{text}"
    );
    assert!(
        text.contains(&format!("<https://mid.ru/en/> — دیده شده در {fa_both}\n")),
        "{text}"
    );
    // The sources are numbered in the page's digits, as its dates are and
    // as the page's list shows them (`list-style-type: persian`), not
    // "1." among "۱ حوت ۱۴۰۴"; in both languages.
    assert!(
        text.contains("\n۱. Ministry of Foreign Affairs") && !text.contains("\n1. "),
        "{text}"
    );
    let ps_text = app.text(&format!("/ps/{ARTICLE}.txt")).await;
    assert!(
        ps_text.contains("\n۳. Security Council Committee") && !ps_text.contains("\n3. "),
        "{ps_text}"
    );
    let api = app.json(&format!("/api/v1/articles/fa/{ARTICLE}")).await;
    let citation = api["citation"]["text"].as_str().unwrap();
    assert!(
        citation.contains(&format!("؟» AskAfghanistan، {fa_updated} {fa_both}.")),
        "{citation}"
    );
    let html = api["citation"]["html"].as_str().unwrap();
    assert!(
        html.contains(&format!("، AskAfghanistan، {fa_updated} {fa_both}. ")),
        "{html}"
    );
    // The reuse link in the reader's language, not English.
    assert!(
        html.contains("/fa/about#reuse\">استفادهٔ دوباره از محتوا</a>"),
        "{html}"
    );
    assert!(!html.contains("Reuse policy"), "{html}");
}

#[tokio::test]
async fn english_dates_are_written_out_and_a_question_takes_no_full_stop() {
    let app = TestApp::spawn().await;
    let en = app.text(&format!("/en/{ARTICLE}")).await;
    assert!(en.contains("<time datetime=\"2026-02-20\">Updated 20 February 2026</time>"));
    assert!(en.contains("<span class=\"accessed\">(accessed 20 February 2026)</span>"));
    assert!(en.contains(
        "“Who governs Afghanistan, and who recognises its government?” AskAfghanistan, updated 20 February 2026."
    ));
    assert!(!en.contains("?.”"), "no full stop after the question mark");
    let text = app.text(&format!("/en/{ARTICLE}.txt")).await;
    assert!(text.contains("\nUpdated 20 February 2026\n"));
    assert!(text.contains("<https://mid.ru/en/> (2026-02-20)\n"));
    assert!(text.contains("government?” AskAfghanistan, updated 20 February 2026. "));
    let api = app.json(&format!("/api/v1/articles/en/{ARTICLE}")).await;
    assert!(api["citation"]["html"]
        .as_str()
        .unwrap()
        .contains("</a>, AskAfghanistan, updated 20 February 2026. "));
    assert!(api["citation"]["html"]
        .as_str()
        .unwrap()
        .ends_with("/en/about#reuse\">Reusing our content</a></span>"));
}

#[tokio::test]
async fn solar_hijri_dates_typed_in_front_matter_are_read_and_shown() {
    let content = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(content.path().join("fa")).unwrap();
    // 15 Jadi 1404 is 5 January 2026; 31 Sawr 1404 (quoted: TOML would read
    // it as 31 February) is 21 May 2025.
    let text = article("solar", "fa", "", "متن.")
        .replace("title = \"Title of solar\"", "title = \"عنوان\"")
        .replace("published = 2026-01-01", "published = \"1404-02-31\"")
        .replace("updated = 2026-01-02", "updated = \"۱۴۰۴/۱۰/۱۵\"")
        .replace("accessed = 2026-01-01", "accessed = 1404-10-15");
    std::fs::write(content.path().join("fa/solar.md"), text).unwrap();
    std::fs::create_dir_all(content.path().join("en")).unwrap();
    std::fs::write(
        content.path().join("en/plain.md"),
        article("plain", "en", "", "Body."),
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(
        data.path(),
        &["--content", content.path().to_str().unwrap()],
        None,
    );
    let page = app.text("/fa/solar").await;
    let both = "۱۵ جدی ۱۴۰۴ (۵ جنوری ۲۰۲۶)";
    assert!(
        page.contains(&format!(
            "<time datetime=\"2026-01-05\">به{ZWNJ}روز شده در {both}</time>"
        )),
        "{page}"
    );
    assert!(page.contains(&format!("— دیده شده در {both}")));
    // A title with no closing mark gets its full stop after the quotes.
    assert!(page.contains(&format!(
        "«عنوان». AskAfghanistan، به{ZWNJ}روز شده در {both}. "
    )));
    // So does an English title with none.
    let en = app.text("/en/plain").await;
    assert!(en.contains("“Title of plain.” AskAfghanistan, updated 2 January 2026. "));
    let api = app.json("/api/v1/articles/fa/solar").await;
    assert_eq!(api["published"], "2025-05-21");
    assert_eq!(api["updated"], "2026-01-05");
}

const FA_MONTHS: [&str; 12] = [
    "حمل",
    "ثور",
    "جوزا",
    "سرطان",
    "اسد",
    "سنبله",
    "میزان",
    "عقرب",
    "قوس",
    "جدی",
    "دلو",
    "حوت",
];

/// Persian digits, as the Dari and Pashto pages write numbers.
pub(crate) fn persian_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x06F0 + d).unwrap(),
            None => c,
        })
        .collect()
}

#[tokio::test]
async fn a_comment_on_a_dari_article_is_dated_in_the_solar_hijri_calendar() {
    let app = TestApp::spawn_for_comments(&[]);
    let fa = format!("/fa/{ARTICLE}");
    let r = app
        .comment(&fa, &[("name", "احمد"), ("body", "تشکر از این معلومات.")])
        .await;
    assert_eq!(r.status(), 303);
    app.login("mod", MOD_PASSWORD).await;
    // The queue, in English, shows the day as the Dari page will.
    let queue = app.text("/admin/comments").await;
    let at = queue.find("<time datetime=\"").expect("the comment's time") + 16;
    let created = &queue[at..at + queue[at..].find('"').unwrap()];
    // In English as the public pages write a day, with the time in Kabul,
    // where the editors are (the `datetime` stays UTC); the Solar Hijri
    // day beside it is Kabul's too.
    let kabul = chrono::FixedOffset::east_opt(4 * 3600 + 30 * 60).unwrap();
    let t = chrono::DateTime::parse_from_rfc3339(created)
        .unwrap()
        .with_timezone(&kabul);
    let solar = |day: chrono::NaiveDate| {
        let s = SolarDate::from_gregorian(day).unwrap();
        persian_digits(&format!(
            "{} {} {}",
            s.day(),
            FA_MONTHS[s.month() as usize - 1],
            s.year()
        ))
    };
    let shown = solar(t.date_naive());
    let english = format!(
        "{}, {} (Kabul time)",
        t.format("%-d %B %Y"),
        t.format("%H:%M")
    );
    assert!(
        queue.contains(&format!(
            "<time datetime=\"{created}\">{english}</time> (<span lang=\"fa\" dir=\"rtl\">{shown}</span>)"
        )),
        "{queue}"
    );
    let r = app
        .admin_post(
            "/admin/comments",
            "/admin/comments/1",
            &[("action", "approve")],
        )
        .await;
    assert_eq!(r.status(), 303);
    // The public page dates it by the same day, Kabul's.
    let page = app.text(&fa).await;
    assert!(
        page.contains(&format!("<time datetime=\"{created}\">{shown}</time>")),
        "{page}"
    );
}

/// The attribute `name` of the first start tag in `page` that contains
/// `marker`, as written (escaped), and the element's content up to `</pre>`.
fn tag_attribute_and_text<'a>(
    page: &'a str,
    marker: &str,
    name: &str,
) -> (Option<&'a str>, &'a str) {
    let start = page.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let tag_end = start + page[start..].find('>').unwrap();
    let tag = &page[start..tag_end];
    let value = tag.find(&format!(" {name}=\"")).map(|at| {
        let from = at + name.len() + 3;
        &tag[from..from + tag[from..].find('"').unwrap()]
    });
    let rest = &page[tag_end + 1..];
    let text = rest.find("</pre>").map_or(rest, |end| &rest[..end]);
    (value, text)
}

#[tokio::test]
async fn the_cite_box_carries_what_the_script_needs_to_add_the_day_it_was_read() {
    let app = TestApp::spawn().await;
    let pashto_solar = "وری|غویی|غبرګولی|چنګاښ|زمری|وږی|تله|لړم|لیندۍ|مرغومی|سلواغه|کب";
    let cases = [
        (
            "en",
            "Accessed {date}.",
            "0123456789",
            "January|February|March|April|May|June|July|August|September|October|November|December",
            None,
            "Reusing our content",
        ),
        (
            "fa",
            "دیده شده در {date}.",
            "۰۱۲۳۴۵۶۷۸۹",
            "جنوری|فبروری|مارچ|اپریل|می|جون|جولای|اگست|سپتمبر|اکتوبر|نومبر|دسمبر",
            Some(FA_MONTHS.join("|")),
            "استفادهٔ دوباره از محتوا",
        ),
        (
            "ps",
            "کتل شوې: {date}.",
            "۰۱۲۳۴۵۶۷۸۹",
            "جنوري|فبروري|مارچ|اپرېل|مې|جون|جولای|اګست|سپتمبر|اکتوبر|نومبر|دسمبر",
            Some(pashto_solar.to_string()),
            "د منځپانګې بیا کارول",
        ),
    ];
    for (lang, sentence, digits, months, solar, reuse) in cases {
        let page = app.text(&format!("/{lang}/{ARTICLE}")).await;
        let bx = |name| tag_attribute_and_text(&page, "<section class=\"cite\"", name).0;
        assert_eq!(bx("data-accessed"), Some(sentence), "{lang}");
        assert_eq!(bx("data-digits"), Some(digits), "{lang}");
        assert_eq!(bx("data-months"), Some(months), "{lang}");
        assert_eq!(bx("data-solar-months"), solar.as_deref(), "{lang}");
        // The sentence goes before the plain citation's URL…
        let (before, text) =
            tag_attribute_and_text(&page, "id=\"cite-plain\"", "data-accessed-before");
        let url = format!("{}/{lang}/{ARTICLE}", app.url);
        assert_eq!(before, Some(url.as_str()), "{lang}");
        assert!(text.ends_with(&format!(". {url}")), "{lang}: {text}");
        // …and before the HTML one's reuse link (and the end of the span
        // that gives it its language), both escaped alike.
        let (before, text) =
            tag_attribute_and_text(&page, "id=\"cite-html\"", "data-accessed-before");
        let before = before.unwrap_or_default();
        assert!(
            before.starts_with(&format!(
                "&lt;a href=&quot;{}/{lang}/about#reuse&quot;&gt;{reuse}",
                app.url
            )) && before.ends_with("&lt;/a&gt;&lt;/span&gt;"),
            "{lang}: {before}"
        );
        // The box's text, without the elements that isolate its Dari and
        // Pashto (see `citations::the_html_citation_box_reads_left_to_right…`),
        // one of them the empty one the script writes the day into.
        let dir = if lang == "en" { "ltr" } else { "rtl" };
        let slot = format!("<bdi class=\"cite-accessed\" lang=\"{lang}\" dir=\"{dir}\"></bdi>");
        let reuse = &before[..before.find("&gt;").unwrap()];
        assert!(text.contains(&format!("{slot}{reuse}")), "{lang}: {text}");
        let mut plain = String::new();
        for part in text.split('<') {
            plain.push_str(part.split_once('>').map_or(part, |(_, t)| t));
        }
        assert!(plain.ends_with(&format!(". {before}")), "{lang}: {text}");
    }
}

/// "Accessed DATE." as a page in `lang` writes a day read: English
/// Gregorian; Dari and Pashto the Solar Hijri day with Afghanistan's month
/// names, the Gregorian beside it, in their digits.
pub(crate) fn accessed_sentence(lang: &str, day: chrono::NaiveDate) -> String {
    use askaf_content::calendar::{MONTHS_DARI, MONTHS_PASHTO};
    use askaf_content::Lang;
    use chrono::Datelike;
    // The Gregorian names, as `the_cite_box_carries_what_the_script_needs…`
    // pins them (`data-months`).
    let (words, solar_months, gregorian_months) = match lang {
        "en" => return format!("Accessed {}.", day.format("%-d %B %Y")),
        "fa" => (
            "دیده شده در",
            MONTHS_DARI,
            askaf_web::i18n::gregorian_months(Lang::Fa),
        ),
        "ps" => (
            "کتل شوې:",
            MONTHS_PASHTO,
            askaf_web::i18n::gregorian_months(Lang::Ps),
        ),
        other => panic!("no language {other}"),
    };
    let solar = SolarDate::from_gregorian(day).unwrap();
    persian_digits(&format!(
        "{words} {} {} {} ({} {} {}).",
        solar.day(),
        solar_months[solar.month() as usize - 1],
        solar.year(),
        day.day(),
        gregorian_months[day.month0() as usize],
        day.year()
    ))
}

/// An Ask answer, made for one request and never cached, says in each
/// citation the day it was read: `accessed` (the server's day, UTC) and
/// "Accessed DATE." before the plain citation's URL and the HTML one's
/// reuse link, written as the cited article's pages write a day, as their
/// script writes it into "Cite this". The article API's citation, cached
/// and the same bytes every day, has `accessed` null and no such sentence,
/// as the article's page and its `.txt` have none.
#[tokio::test]
async fn an_answers_citation_says_the_day_it_was_read_as_the_site_writes_a_day() {
    let app = TestApp::spawn().await;
    let mut langs = std::collections::BTreeSet::new();
    for (lang, q) in [
        ("en", "What is the capital of Afghanistan?"),
        ("fa", "چه کسی بر افغانستان حکومت می‌کند؟"),
        ("ps", "د طالبانو مشر څوک دی؟"),
    ] {
        let first = chrono::Utc::now().date_naive();
        let body = app
            .json(&format!("/api/v1/ask?lang={lang}&q={}", crate::ask::enc(q)))
            .await;
        let last = chrono::Utc::now().date_naive();
        assert_eq!(body["abstained"], false, "{q}: {body}");
        let passages = body["passages"].as_array().unwrap();
        for item in body["answer"].as_array().unwrap().iter().chain(passages) {
            let cited = item["article"]["lang"].as_str().unwrap();
            langs.insert(cited.to_string());
            let citation = &item["citation"];
            let day: chrono::NaiveDate = citation["accessed"]
                .as_str()
                .unwrap_or_else(|| panic!("no `accessed`: {item}"))
                .parse()
                .unwrap();
            assert!(first <= day && day <= last, "{day}: {item}");
            let sentence = accessed_sentence(cited, day);
            let url = item["url"].as_str().unwrap();
            let text = citation["text"].as_str().unwrap();
            assert!(
                text.ends_with(&format!(". {sentence} {url}")),
                "{text} does not end with {sentence} {url}"
            );
            let html = citation["html"].as_str().unwrap();
            let reuse = format!(". {sentence} <a href=\"{}/{cited}/about#reuse\">", app.url);
            assert!(html.contains(&reuse), "{html} lacks {reuse}");
        }
    }
    assert_eq!(langs.len(), 3, "a citation in each language: {langs:?}");
    for lang in ["en", "fa", "ps"] {
        let article = app
            .json(&format!("/api/v1/articles/{lang}/{ARTICLE}"))
            .await;
        let citation = &article["citation"];
        assert!(citation["accessed"].is_null(), "{article}");
        let said = accessed_sentence(lang, chrono::Utc::now().date_naive());
        let words = &said[..said.find(|c: char| c.is_numeric()).unwrap()];
        for form in ["text", "html"] {
            assert!(
                !citation[form].as_str().unwrap().contains(words),
                "{citation}"
            );
        }
    }
}

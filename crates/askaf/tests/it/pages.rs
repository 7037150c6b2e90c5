use crate::helpers::{attr, TestApp};

const ARTICLE: &str = "/en/who-governs-afghanistan";

/// `/` is the same page for every reader, whatever their browser says,
/// and leads to each language in its own words and direction, with a
/// question box in each: a Dari or Pashto reader is not left on English.
/// It is the listings' `x-default`.
#[tokio::test]
async fn the_root_leads_to_each_language_in_its_own_words() {
    let app = TestApp::spawn().await;
    let html = app.text("/").await;
    let fa = app
        .client
        .get(format!("{}/", app.url))
        .header("Accept-Language", "fa-AF,fa;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(fa.status(), 200);
    assert!(fa.headers().get("vary").is_none_or(|v| !v
        .to_str()
        .unwrap()
        .to_ascii_lowercase()
        .contains("accept-language")));
    assert_eq!(
        fa.text().await.unwrap(),
        html,
        "the same bytes for everyone"
    );
    for (lang, dir, enter, ask) in [
        (
            "en",
            "ltr",
            "Questions and answers in English",
            "Ask a question about Afghanistan",
        ),
        (
            "fa",
            "rtl",
            "پرسش‌ها و پاسخ‌ها به دری",
            "پرسشی دربارهٔ افغانستان بپرسید",
        ),
        (
            "ps",
            "rtl",
            "پوښتنې او ځوابونه په پښتو",
            "د افغانستان په اړه پوښتنه وکړئ",
        ),
    ] {
        let start = html
            .find(&format!(
                "<li class=\"lang-choice\" lang=\"{lang}\" dir=\"{dir}\">"
            ))
            .unwrap_or_else(|| panic!("no {lang} part: {html}"));
        let part = &html[start..start + html[start..].find("</li>").unwrap()];
        assert!(
            part.contains(&format!(
                "<a href=\"/{lang}/\" hreflang=\"{lang}\">{enter}</a>"
            )),
            "{part}"
        );
        assert!(part.contains(ask), "{part}");
        assert!(
            part.contains(&format!(
                "<input type=\"hidden\" name=\"lang\" value=\"{lang}\">"
            )),
            "{part}"
        );
        assert!(html.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}/{lang}/\">",
            app.url
        )));
    }
    assert!(html.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}/\">",
        app.url
    )));
    // No language is the current one in the header's switch.
    assert!(!html.contains("aria-current=\"true\""), "{html}");
    let fa_home = app.text("/fa/").await;
    assert!(fa_home.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}/\">",
        app.url
    )));
}

#[tokio::test]
async fn home_lists_the_questions_newest_and_by_topic() {
    let app = TestApp::spawn().await;
    let html = app.text("/en/").await;
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\""));
    assert!(html.contains("Newest questions"));
    assert!(html.contains("Questions by topic"));
    assert!(html.contains("href=\"/en/who-governs-afghanistan\""));
    assert!(html.contains("href=\"/en/tags/diplomacy\""));
    // Every English article appears.
    let api = app.json("/api/v1/articles?lang=en&limit=100").await;
    for a in api["articles"].as_array().unwrap() {
        let slug = a["slug"].as_str().unwrap();
        assert!(
            html.contains(&format!("href=\"/en/{slug}\"")),
            "{slug} is listed"
        );
    }
}

#[tokio::test]
async fn article_page_has_anchors_headings_lists_sources_citation_and_count() {
    let app = TestApp::spawn().await;
    let html = app.text(ARTICLE).await;
    assert!(html.contains("<h1 id=\"question\">Who governs Afghanistan today, and which countries recognise that government?</h1>"));
    assert!(html.contains("Short answer"));
    for n in 1..=8 {
        assert!(
            html.contains(&format!("id=\"p-{n}\"")),
            "anchor p-{n} missing"
        );
    }
    assert!(
        html.contains("<h2 id=\"how-power-is-organised\">"),
        "heading ids"
    );
    // The seed's lost list is a real list here.
    let lead = html.find("Key limitations remain:</p>").expect("lead-in");
    let list = html[lead..].find("<ul>").expect("list after the lead-in") + lead;
    assert!(list - lead < 40, "the list follows the lead-in directly");
    assert!(html[list..].find("<li id=\"p-").is_some());
    // Curly quotes and apostrophes come through untouched.
    assert!(html.contains("Afghanistan’s"));
    assert!(!html.contains("&#8217;"));
    assert!(html.contains("<time datetime=\"2026-02-20\">Updated 20 February 2026</time>"));
    assert!(html.contains(">No Comments<"));
    assert!(html.contains("Cite this"));
    assert!(
        html.contains(&format!("{}{}", app.url, ARTICLE)),
        "canonical link in the citation"
    );
    assert!(
        html.contains("&lt;a href=&quot;"),
        "HTML citation shown as text"
    );
    assert!(html.contains("<h2 id=\"sources\">Sources</h2>"));
    assert!(html.contains("hreflang=\"fa\""), "translation links");
    assert_eq!(
        attr(&html, "<link rel=\"canonical\"", "href").unwrap(),
        format!("{}{}", app.url, ARTICLE)
    );
    assert!(html.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"fa\" href=\"{}/fa/who-governs-afghanistan\">",
        app.url
    )));
    assert!(html.contains("<link rel=\"alternate\" hreflang=\"x-default\""));
    assert_eq!(
        attr(&html, "<meta property=\"og:type\"", "content").unwrap(),
        "article"
    );
    assert!(html.contains("<meta property=\"og:title\" content=\"Who governs Afghanistan, and who recognises its government?\">"));
    assert!(!html.contains("style=\""), "no inline styles under the CSP");
    assert!(
        !html.contains("<script>"),
        "no inline scripts under the CSP"
    );
}

#[tokio::test]
async fn article_json_ld_parses_as_qapage_and_article() {
    let app = TestApp::spawn().await;
    for path in [
        ARTICLE,
        "/fa/who-governs-afghanistan",
        "/ps/languages-of-afghanistan",
    ] {
        let html = app.text(path).await;
        let start = html
            .find("<script type=\"application/ld+json\">")
            .expect("JSON-LD")
            + "<script type=\"application/ld+json\">".len();
        let end = html[start..].find("</script>").unwrap() + start;
        let ld: serde_json::Value =
            serde_json::from_str(&html[start..end]).expect("JSON-LD is JSON");
        let graph = ld["@graph"].as_array().unwrap();
        assert_eq!(graph[0]["@type"], "QAPage");
        assert!(
            graph[0]["mainEntity"]["acceptedAnswer"]["text"]
                .as_str()
                .unwrap()
                .len()
                > 20
        );
        assert_eq!(graph[1]["@type"], "Article");
        assert!(graph[1]["dateModified"].as_str().unwrap().starts_with("20"));
        assert!(!graph[1]["citation"].as_array().unwrap().is_empty());
    }
}

#[tokio::test]
async fn dari_and_pashto_pages_are_right_to_left() {
    let app = TestApp::spawn().await;
    for (path, lang) in [
        ("/fa/", "fa"),
        ("/ps/", "ps"),
        ("/fa/who-governs-afghanistan", "fa"),
        ("/ps/who-governs-afghanistan", "ps"),
        ("/fa/about", "fa"),
    ] {
        let html = app.text(path).await;
        assert!(
            html.contains(&format!("<html lang=\"{lang}\" dir=\"rtl\"")),
            "{path}"
        );
    }
    let fa = app.text("/fa/who-governs-afghanistan").await;
    assert!(fa.contains("بدون نظر"), "Dari comment count");
    assert!(fa.contains("پاسخ کوتاه"));
    assert!(fa.contains("\u{200c}"), "zero-width non-joiners survive");
    assert!(
        fa.contains("href=\"/en/who-governs-afghanistan\""),
        "link back to English"
    );
    // A source's English title in a Dari article is said as English.
    assert!(
        fa.contains(
            "lang=\"en\" dir=\"ltr\">Ministry of Foreign Affairs of the Russian Federation</a>"
        ),
        "a source title keeps its own language"
    );
    let ps = app.text("/ps/who-governs-afghanistan").await;
    assert!(ps.contains("هیڅ تبصره نشته"), "Pashto comment count");
    assert!(
        ps.chars().any(|c| "ټډړښږځڅېۍ".contains(c)),
        "Pashto letters survive"
    );
}

#[tokio::test]
async fn comment_counts_follow_the_seed_wording() {
    let data = tempfile::tempdir().unwrap();
    let store = askaf_store::Store::open(data.path()).await.unwrap();
    use askaf_content::Lang;
    store
        .insert_approved_comment(Lang::En, "who-governs-afghanistan", "Ana", "Thanks")
        .await
        .unwrap();
    for i in 0..5 {
        store
            .insert_approved_comment(Lang::En, "afghan-currency", "Bo", &format!("Comment {i}"))
            .await
            .unwrap();
    }
    store.close().await;
    let dir = data.path().to_path_buf();
    let app = TestApp::spawn_with(&dir, &[], Some(data));
    assert!(app.text(ARTICLE).await.contains(">1 Comment<"));
    assert!(app
        .text("/en/afghan-currency")
        .await
        .contains(">5 Comments<"));
    assert!(app
        .text("/en/travel-and-visas")
        .await
        .contains(">No Comments<"));
    let home = app.text("/en/").await;
    assert!(
        home.contains(">1 Comment<")
            && home.contains(">5 Comments<")
            && home.contains(">No Comments<")
    );
    let api = app.json("/api/v1/articles/en/afghan-currency").await;
    assert_eq!(api["comment_count"], 5);
}

#[tokio::test]
async fn plain_text_keeps_lists_and_headings() {
    let app = TestApp::spawn().await;
    let r = app.get(&format!("{ARTICLE}.txt")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/plain; charset=utf-8");
    let text = r.text().await.unwrap();
    assert!(text.starts_with(
        "Who governs Afghanistan today, and which countries recognise that government?\n====="
    ));
    assert!(
        text.contains("\nHow power is organised\n======================\n"),
        "headings stay headings"
    );
    let lead = text
        .find("Key limitations remain:\n\n- ")
        .expect("the list follows its lead-in as a list");
    let items = text[lead..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with("- "))
        .count();
    assert_eq!(items, 5, "all five limitations survive");
    assert!(text.contains("Afghanistan’s"));
    assert!(text.contains("Content reuse requires attribution and a link."));
    assert!(text.contains("\nSources\n=======\n"));
}

#[tokio::test]
async fn about_and_tag_pages() {
    let app = TestApp::spawn().await;
    let about = app.text("/en/about").await;
    assert!(about.contains("AskAfghanistan provides clear answers to common questions about Afghanistan. All content is written independently and without influence."));
    assert!(about.contains("Content reuse requires attribution and a link"));
    let r = app.get("/about").await;
    assert_eq!(r.status(), 308);
    assert_eq!(r.headers()["location"], "/en/about");
    let tag = app.text("/en/tags/diplomacy").await;
    assert!(tag.contains("Topic: Diplomacy"));
    assert!(tag.contains("href=\"/en/who-governs-afghanistan\""));
    assert_eq!(app.get("/en/tags/no-such-tag").await.status(), 404);
    let fa_tag = app.text("/fa/tags/diplomacy").await;
    assert!(fa_tag.contains("dir=\"rtl\""));
}

#[tokio::test]
async fn every_page_carries_the_tagline_and_reuse_notice() {
    let app = TestApp::spawn().await;
    for path in ["/", "/en/afghan-currency", "/en/about", "/en/tags/economy"] {
        let html = app.text(path).await;
        assert!(
            html.contains(
                "AskAfghanistan provides clear answers to common questions about Afghanistan."
            ),
            "{path}"
        );
        assert!(
            html.contains("All rights reserved. Content reuse requires attribution and a link."),
            "{path}"
        );
    }
}

/// The footer's links are named in the page's language: a Dari or Pashto
/// reader (and a screen reader voicing their language) meets no English
/// word there.
#[tokio::test]
async fn the_footers_links_are_named_in_the_pages_language() {
    let app = TestApp::spawn().await;
    for (path, sitemap) in [
        ("/en/", "Sitemap"),
        ("/fa/", "نقشهٔ سایت"),
        ("/ps/who-governs-afghanistan", "د سایټ نقشه"),
    ] {
        let html = app.text(path).await;
        let start = html
            .find("<p class=\"footer-links\">")
            .expect("footer links");
        let footer = &html[start..start + html[start..].find("</p>").unwrap()];
        assert!(
            footer.contains(&format!("<a href=\"/sitemap.xml\">{sitemap}</a>")),
            "{path}: {footer}"
        );
    }
}

/// The article's address under its citation reads left to right on every
/// page: on a Dari or Pashto page it is marked so, and as not in the
/// page's language (as the citation box's code is), so that its slashes
/// and colon are not laid out right to left around it and a screen reader
/// does not read its Latin letters with a Dari or Pashto voice. Until
/// 7 December it stood unmarked in the right-to-left line.
#[tokio::test]
async fn the_cite_sections_address_reads_left_to_right() {
    let app = TestApp::spawn().await;
    for (path, english) in [
        ("/en/who-governs-afghanistan", false),
        ("/fa/who-governs-afghanistan", true),
        ("/ps/who-governs-afghanistan", true),
        ("/fa/afghan-currency", true),
    ] {
        let html = app.text(path).await;
        let url = format!("{}{path}", app.url);
        let shown = if english {
            format!("<span lang=\"en\" dir=\"ltr\">{url}</span>")
        } else {
            url.clone()
        };
        let line = &html[html.find("<p class=\"canonical\">").unwrap()..];
        let line = &line[..line.find("</p>").unwrap()];
        assert!(
            line.ends_with(&format!(" · <a href=\"{url}\" dir=\"ltr\">{shown}</a>")),
            "{path}: {line}"
        );
    }
}

/// The `.txt` form of an article says what each line of its heading is:
/// the question, underlined, then the title labelled in the article's
/// language (as the line after it says "Updated …"), not a second
/// question-like line with nothing to tell it from the first.
#[tokio::test]
async fn the_text_forms_title_is_labelled_in_the_articles_language() {
    let app = TestApp::spawn().await;
    for (lang, slug, label) in [
        ("en", "afghan-currency", "Title: "),
        ("fa", "afghan-currency", "عنوان: "),
        ("ps", "who-governs-afghanistan", "سرلیک: "),
    ] {
        let api = app.json(&format!("/api/v1/articles/{lang}/{slug}")).await;
        let (question, title) = (
            api["question"].as_str().unwrap(),
            api["title"].as_str().unwrap(),
        );
        let text = app.text(&format!("/{lang}/{slug}.txt")).await;
        let rule = "=".repeat(question.chars().count().max(3));
        assert!(
            text.starts_with(&format!("{question}\n{rule}\n\n{label}{title}\n")),
            "/{lang}/{slug}.txt: {}",
            &text[..text.len().min(400)]
        );
    }
}

/// An address written between angle brackets is a link to itself: an email
/// address (`<info@example.org>`) writes to it, on the page and in the API,
/// and was made a page of the site (`mailto:/en/info@example.org`).
#[tokio::test]
async fn an_email_address_in_angle_brackets_writes_to_it() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let en = content.path().join("en");
    std::fs::create_dir_all(&en).unwrap();
    let body = "Write to <info@example.org> or see <https://example.org/a>.";
    std::fs::write(
        en.join("mail.md"),
        crate::helpers::article("mail", "en", "", body),
    )
    .unwrap();
    let dir = content.path().to_str().unwrap();
    let app = TestApp::spawn_with(data.path(), &["--content", dir], None);
    let page = app.text("/en/mail").await;
    assert!(page.contains("href=\"mailto:info@example.org\""), "{page}");
    let doc = app.json("/api/v1/articles/en/mail").await;
    let html = doc["html"].as_str().unwrap();
    assert!(html.contains("href=\"mailto:info@example.org\""), "{html}");
    // Plain text says an address the link shows once.
    let text = doc["text"].as_str().unwrap();
    assert_eq!(
        text.trim_end(),
        "Write to info@example.org or see https://example.org/a.",
        "{text}"
    );
}

/// Each language's home page is titled in its language, by its heading,
/// as every other page is (`… — AskAfghanistan`): a tab, a bookmark, the
/// history and a search result tell the three apart and the reader reads
/// theirs in their language. Until 7 December all three, and the root,
/// were titled `AskAfghanistan` alone.
#[tokio::test]
async fn each_languages_home_is_titled_in_its_language() {
    let app = TestApp::spawn().await;
    for (path, heading) in [
        (
            "/en/",
            "Clear answers to common questions about Afghanistan",
        ),
        ("/fa/", "پاسخ‌های روشن به پرسش‌های رایج دربارهٔ افغانستان"),
        ("/ps/", "د افغانستان په اړه عامو پوښتنو ته روښانه ځوابونه"),
    ] {
        let html = app.text(path).await;
        assert!(
            html.contains(&format!("<h1>{heading}</h1>")),
            "{path}: the heading"
        );
        assert!(
            html.contains(&format!("<title>{heading} — AskAfghanistan</title>")),
            "{path}: {}",
            html.lines().find(|l| l.contains("<title>")).unwrap_or("")
        );
    }
}

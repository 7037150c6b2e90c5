//! Atom feeds, the sitemap and robots.txt: the site as machines read it.

use askaf_content::{Article, Bodies, Lang, Site};

use crate::i18n;
use crate::markup::escape as xml_escape;
use crate::views;

fn rfc3339(d: chrono::NaiveDate) -> String {
    format!("{d}T00:00:00Z")
}

/// How many of the newest articles a feed carries.
pub const FEED_ENTRIES: usize = 50;

/// The articles a feed carries: the newest, in one language or in all.
pub fn feed_articles(site: &Site, lang: Option<Lang>) -> Vec<&Article> {
    site.articles()
        .filter(|a| lang.is_none_or(|l| a.lang() == l))
        .take(FEED_ENTRIES)
        .collect()
}

/// An Atom feed of the newest articles, in one language or in all, each
/// with its body from `bodies` (an entry whose body is missing has its
/// summary only).
pub fn atom(site: &Site, lang: Option<Lang>, site_url: &str, bodies: &Bodies) -> String {
    let articles = feed_articles(site, lang);
    let (self_path, title_lang, feed_lang) = match lang {
        Some(l) => (format!("/{l}/feed.atom"), l, l.code()),
        None => ("/feed.atom".to_string(), Lang::En, "en"),
    };
    let updated = articles
        .iter()
        .map(|a| a.front.updated)
        .max()
        .map(rfc3339)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{feed_lang}\">\n"
    ));
    // A language's feed is named as its pages offer it (base.html's
    // `<link rel="alternate" type="application/atom+xml">`), so that two
    // in one reader are told apart.
    let site_name = i18n::text(title_lang, "site-name", &[]);
    let title = match lang {
        Some(l) => format!("{site_name} ({})", l.native_name()),
        None => site_name,
    };
    out.push_str(&format!("  <title>{}</title>\n", xml_escape(&title)));
    out.push_str(&format!(
        "  <subtitle>{}</subtitle>\n",
        xml_escape(&i18n::text(title_lang, "tagline", &[]))
    ));
    out.push_str(&format!(
        "  <id>{}</id>\n",
        xml_escape(&format!("{site_url}{self_path}"))
    ));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&format!("{site_url}{self_path}"))
    ));
    let home = match lang {
        Some(l) => format!("{site_url}/{l}/"),
        None => format!("{site_url}/"),
    };
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&home)
    ));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str(&format!(
        "  <rights>{}</rights>\n",
        xml_escape(&i18n::text(title_lang, "reuse-notice", &[]))
    ));
    out.push_str("  <author><name>AskAfghanistan</name></author>\n");
    for a in articles {
        let url = format!("{site_url}{}", a.path());
        out.push_str(&format!("  <entry xml:lang=\"{}\">\n", a.lang()));
        out.push_str(&format!(
            "    <title>{}</title>\n",
            xml_escape(&a.front.question)
        ));
        out.push_str(&format!("    <id>{}</id>\n", xml_escape(&url)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&url)
        ));
        // Its other language versions, as its page's head and the sitemap
        // name them (the same function makes all three).
        for alt in views::article_alternates(a, &site.translations_of(a), site_url) {
            if alt.hreflang == "x-default" || alt.href == url {
                continue;
            }
            out.push_str(&format!(
                "    <link rel=\"alternate\" type=\"text/html\" hreflang=\"{}\" href=\"{}\"/>\n",
                xml_escape(&alt.hreflang),
                xml_escape(&alt.href)
            ));
        }
        out.push_str(&format!(
            "    <published>{}</published>\n",
            rfc3339(a.front.published)
        ));
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            rfc3339(a.front.updated)
        ));
        for tag in &a.front.tags {
            out.push_str(&format!(
                "    <category term=\"{}\"/>\n",
                xml_escape(tag.as_str())
            ));
        }
        out.push_str(&format!(
            "    <summary>{}</summary>\n",
            xml_escape(&a.front.summary)
        ));
        if let Some(body) = bodies.get(&(a.lang(), a.slug().clone())) {
            // Atom's `xml:lang` names the language but not its direction,
            // and feed readers show HTML left to right unless told: a Dari
            // or Pashto body comes in a block that says it is right to left.
            let html = format!(
                "<div lang=\"{}\" dir=\"{}\">\n{}</div>",
                a.lang(),
                a.lang().dir(),
                crate::markup::absolute_links(
                    &body.rendered.html,
                    site_url,
                    &format!("{site_url}{}", a.path())
                )
            );
            out.push_str(&format!(
                "    <content type=\"html\">{}</content>\n",
                xml_escape(&html)
            ));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// An Atom feed of the newest approved comments, on one article or on the whole site.
pub fn comments_atom(
    site: &Site,
    comments: &[askaf_store::Comment],
    article: Option<&Article>,
    site_url: &str,
) -> String {
    let (self_path, title, home, feed_lang) = match article {
        Some(a) => (
            format!("{}/comments.atom", a.path()),
            format!(
                "{}: {}",
                i18n::text(a.lang(), "comments-heading", &[]),
                a.front.title
            ),
            format!("{site_url}{}#comments", a.path()),
            a.lang().code(),
        ),
        None => (
            "/comments.atom".to_string(),
            format!(
                "{}: {}",
                i18n::text(Lang::En, "site-name", &[]),
                i18n::text(Lang::En, "comments-heading", &[])
            ),
            format!("{site_url}/"),
            "en",
        ),
    };
    // Without a comment yet, the feed is as new as what it is on: the
    // article, or the site's newest.
    let updated = match comments.iter().map(|c| c.created_at.as_str()).max() {
        Some(newest) => newest.to_string(),
        None => article.or_else(|| site.articles().next()).map_or_else(
            || "1970-01-01T00:00:00Z".into(),
            |a| rfc3339(a.front.updated),
        ),
    };
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{feed_lang}\">\n"
    ));
    out.push_str(&format!("  <title>{}</title>\n", xml_escape(&title)));
    let self_url = format!("{site_url}{self_path}");
    out.push_str(&format!("  <id>{}</id>\n", xml_escape(&self_url)));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&self_url)
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&home)
    ));
    out.push_str(&format!("  <updated>{}</updated>\n", xml_escape(&updated)));
    for c in comments {
        let on = site
            .get(c.lang, &c.slug)
            .map(|a| a.front.title.clone())
            .unwrap_or_else(|| c.slug.clone());
        let url = format!("{site_url}/{}/{}#comment-{}", c.lang, c.slug, c.id);
        out.push_str(&format!("  <entry xml:lang=\"{}\">\n", c.lang));
        // A reply by the site's team says so, as its page does: in the
        // title a reader sees, and as a category a program can test.
        let staff = c
            .staff
            .as_ref()
            .map(|_| i18n::text(c.lang, "comment-staff", &[]));
        let by = match &staff {
            Some(team) => format!("{} ({team})", c.author_name),
            None => c.author_name.clone(),
        };
        out.push_str(&format!(
            "    <title>{}</title>\n",
            xml_escape(&format!("{by} · {on}"))
        ));
        out.push_str(&format!("    <id>{}</id>\n", xml_escape(&url)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&url)
        ));
        out.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            xml_escape(&c.author_name)
        ));
        if let Some(team) = &staff {
            out.push_str(&format!(
                "    <category term=\"staff\" label=\"{}\"/>\n",
                xml_escape(team)
            ));
        }
        out.push_str(&format!(
            "    <published>{}</published>\n",
            xml_escape(&c.created_at)
        ));
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            xml_escape(c.edited_at.as_deref().unwrap_or(&c.created_at))
        ));
        // The entry is in its article's language, as its title is; a
        // comment written in another says its own.
        let other = crate::comments::other_lang(c.lang, &c.body);
        let lang = other.map_or(String::new(), |l| format!(" xml:lang=\"{l}\""));
        // As an article's body: in a block that says its language and its
        // direction, by its words, since feed readers show HTML left to
        // right unless told. Not left to its stored HTML, which is as the
        // renderer of its day made it: until 5 December each paragraph's
        // `dir="auto"` went by its first letter (a Dari comment opening
        // with "UNHCR" read left to right), and a reader may drop it.
        let dir = match crate::comments::written_dir(&c.body) {
            "auto" => other.unwrap_or(c.lang).dir(),
            dir => dir,
        };
        let html = format!(
            "<div lang=\"{}\" dir=\"{dir}\">\n{}</div>",
            other.unwrap_or(c.lang),
            c.body_html
        );
        out.push_str(&format!(
            "    <content type=\"html\"{lang}>{}</content>\n",
            xml_escape(&html)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// The most addresses one sitemap file may hold (the sitemaps.org
/// protocol's limit); a site with more gets an index of parts.
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// One address in the sitemap.
enum Entry<'a> {
    /// `/`, which leads to each language.
    Root,
    Home(Lang),
    About(Lang),
    Tag(Lang, &'a str),
    Article(&'a Article),
}

/// Every address a search engine should know, in a fixed order: the root,
/// each language's home, about page and topics, then every article. Listings'
/// later pages are left out: every article they link to is here itself.
fn entries(site: &Site) -> impl Iterator<Item = Entry<'_>> {
    std::iter::once(Entry::Root)
        .chain(Lang::ALL.into_iter().flat_map(move |l| {
            let tags: Vec<Entry<'_>> = site.tags(l).into_keys().map(|t| Entry::Tag(l, t)).collect();
            [Entry::Home(l), Entry::About(l)].into_iter().chain(tags)
        }))
        .chain(site.articles().map(Entry::Article))
}

/// Each entry's language versions are those its page declares in its own
/// `hreflang` links (the same functions make both), `x-default` included.
fn write_entry(out: &mut String, site: &Site, site_url: &str, e: Entry<'_>) {
    let (path, lastmod, alternates) = match e {
        Entry::Root => ("/".to_string(), None, views::lang_alternates(site_url, "")),
        // Articles are newest first: the first in the language is its newest.
        Entry::Home(l) => (
            format!("/{l}/"),
            site.in_lang(l).map(|a| a.front.updated).next(),
            views::lang_alternates(site_url, ""),
        ),
        Entry::About(l) => (
            format!("/{l}/about"),
            None,
            views::lang_alternates(site_url, "about"),
        ),
        Entry::Tag(l, tag) => (
            format!("/{l}/tags/{tag}"),
            None,
            views::tag_alternates(site, tag, site_url),
        ),
        Entry::Article(a) => (
            a.path(),
            Some(a.front.updated),
            views::article_alternates(a, &site.translations_of(a), site_url),
        ),
    };
    out.push_str(&format!(
        "  <url>\n    <loc>{}</loc>\n",
        xml_escape(&format!("{site_url}{path}"))
    ));
    if let Some(d) = lastmod {
        out.push_str(&format!("    <lastmod>{d}</lastmod>\n"));
    }
    // One version alone has no alternates to name.
    if alternates.len() > 1 {
        for alt in alternates {
            out.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                alt.hreflang,
                xml_escape(&alt.href)
            ));
        }
    }
    out.push_str("  </url>\n");
}

fn urlset<'a>(site: &'a Site, site_url: &str, entries: impl Iterator<Item = Entry<'a>>) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for e in entries {
        write_entry(&mut out, site, site_url, e);
    }
    out.push_str("</urlset>\n");
    out
}

/// How many part files the sitemap has at `max` addresses a file: none
/// when one file holds every address.
pub fn sitemap_parts(site: &Site, max: usize) -> usize {
    let count = entries(site).count();
    if count <= max {
        0
    } else {
        count.div_ceil(max.max(1))
    }
}

/// `/sitemap.xml`: every address with the language versions of each
/// article, or, past `max` addresses, an index of the parts
/// (`/sitemaps/1.xml`, …) that hold them.
pub fn sitemap(site: &Site, site_url: &str, max: usize) -> String {
    let parts = sitemap_parts(site, max);
    if parts == 0 {
        return urlset(site, site_url, entries(site));
    }
    let mut out = String::with_capacity(parts * 100 + 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for n in 1..=parts {
        out.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            xml_escape(&format!("{site_url}/sitemaps/{n}.xml"))
        ));
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// Part `n` (from 1) of a sitemap too large for one file; `None` when
/// there is no such part.
pub fn sitemap_part(site: &Site, site_url: &str, n: usize, max: usize) -> Option<String> {
    let parts = sitemap_parts(site, max);
    if n == 0 || n > parts {
        return None;
    }
    Some(urlset(
        site,
        site_url,
        entries(site).skip((n - 1) * max).take(max),
    ))
}

/// Everything but the answers to questions (each a page per question,
/// which a crawler would only fill the editors' list of what readers asked
/// with) and the editors' pages.
pub fn robots(site_url: &str) -> String {
    format!(
        "User-agent: *\nDisallow: /ask\nDisallow: /api/v1/ask\nDisallow: /admin/\nAllow: /\n\nSitemap: {site_url}/sitemap.xml\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn site(n: usize) -> Site {
        Site::from_files((0..n).map(|i| {
            (
                PathBuf::from(format!("a{i}.md")),
                format!(
                    "+++\nslug = \"a{i}\"\nlang = \"en\"\ntitle = \"T{i}\"\nquestion = \"Q{i}?\"\nsummary = \"S.\"\ntags = [\"history\"]\npublished = 2026-01-01\nupdated = 2026-01-02\n\n[[sources]]\ntitle = \"Src\"\nurl = \"https://example.org/\"\naccessed = 2026-01-01\n+++\n\nBody.\n"
                ),
            )
        }))
        .unwrap()
    }

    fn locs(xml: &str) -> Vec<String> {
        xml.split("<loc>")
            .skip(1)
            .map(|s| s[..s.find("</loc>").unwrap()].to_string())
            .collect()
    }

    #[test]
    fn a_sitemap_over_the_limit_becomes_an_index_of_parts_that_hold_every_address() {
        let site = site(10);
        // The root, 3 homes, 3 about pages, 1 topic, 10 articles.
        let whole = sitemap(&site, "https://x.example", SITEMAP_MAX_URLS);
        assert!(whole.contains("<urlset"), "{whole}");
        let all = locs(&whole);
        assert_eq!(all.len(), 18);
        assert_eq!(sitemap_parts(&site, 18), 0);
        assert!(sitemap_part(&site, "https://x.example", 1, 18).is_none());

        let index = sitemap(&site, "https://x.example", 5);
        assert!(index.contains("<sitemapindex"), "{index}");
        let parts = locs(&index);
        assert_eq!(
            parts,
            (1..=4)
                .map(|n| format!("https://x.example/sitemaps/{n}.xml"))
                .collect::<Vec<_>>()
        );
        let mut joined = Vec::new();
        for n in 1..=4 {
            let part = sitemap_part(&site, "https://x.example", n, 5).unwrap();
            assert!(part.contains("<urlset"));
            let l = locs(&part);
            assert!(l.len() <= 5);
            joined.extend(l);
        }
        assert_eq!(joined, all, "the parts hold every address once, in order");
        assert!(sitemap_part(&site, "https://x.example", 5, 5).is_none());
        assert!(sitemap_part(&site, "https://x.example", 0, 5).is_none());
    }
}

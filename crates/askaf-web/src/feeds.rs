//! Atom feeds, the sitemap and robots.txt: the site as machines read it.

use askaf_content::{Article, Bodies, Lang, Site};

use crate::i18n;
use crate::markup::escape as xml_escape;

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
    out.push_str(&format!(
        "  <title>{}</title>\n",
        xml_escape(&i18n::text(title_lang, "site-name", &[]))
    ));
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
            out.push_str(&format!(
                "    <content type=\"html\">{}</content>\n",
                xml_escape(&body.rendered.html)
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
    let updated = comments
        .iter()
        .map(|c| c.created_at.as_str())
        .max()
        .unwrap_or("1970-01-01T00:00:00Z");
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
    out.push_str(&format!("  <updated>{}</updated>\n", xml_escape(updated)));
    for c in comments {
        let on = site
            .get(c.lang, &c.slug)
            .map(|a| a.front.title.clone())
            .unwrap_or_else(|| c.slug.clone());
        let url = format!("{site_url}/{}/{}#comment-{}", c.lang, c.slug, c.id);
        out.push_str(&format!("  <entry xml:lang=\"{}\">\n", c.lang));
        out.push_str(&format!(
            "    <title>{}</title>\n",
            xml_escape(&format!("{} · {on}", c.author_name))
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
        out.push_str(&format!(
            "    <published>{}</published>\n",
            xml_escape(&c.created_at)
        ));
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            xml_escape(c.edited_at.as_deref().unwrap_or(&c.created_at))
        ));
        out.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            xml_escape(&c.body_html)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// Every page a search engine should know, with the language versions of each article.
pub fn sitemap(site: &Site, site_url: &str) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for l in Lang::ALL {
        let newest = site.in_lang(l).map(|a| a.front.updated).max();
        out.push_str(&format!(
            "  <url><loc>{}</loc>",
            xml_escape(&format!("{site_url}/{l}/"))
        ));
        if let Some(d) = newest {
            out.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        out.push_str("</url>\n");
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            xml_escape(&format!("{site_url}/{l}/about"))
        ));
        for tag in site.tags(l).keys() {
            out.push_str(&format!(
                "  <url><loc>{}</loc></url>\n",
                xml_escape(&format!("{site_url}/{l}/tags/{tag}"))
            ));
        }
    }
    for a in site.articles() {
        out.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n    <lastmod>{}</lastmod>\n",
            xml_escape(&format!("{site_url}{}", a.path())),
            a.front.updated
        ));
        let translations = site.translations_of(a);
        if !translations.is_empty() {
            for t in std::iter::once(a).chain(translations) {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    t.lang().locale(),
                    xml_escape(&format!("{site_url}{}", t.path()))
                ));
            }
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(site_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {site_url}/sitemap.xml\n")
}

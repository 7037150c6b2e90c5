//! Escaping text into HTML and XML: one function for every place that writes markup by hand.

/// Where a value goes in an interface sentence that is made as text and
/// then escaped, the value being put in afterwards as HTML
/// ([`with_slot_html`]): a private-use character, in no translation and
/// out of any typed value's way (a value that holds one is put in after the
/// sentence is escaped).
pub(crate) const SLOT: &str = "\u{E000}";

/// `sentence` (made with [`SLOT`] for its value) escaped, with `html` in
/// the slot: a translated sentence around a value that needs markup of its
/// own (a title whose words of another script are marked, a name isolated
/// in a `<bdi>`), which a value formatted into the sentence as text lacks.
pub(crate) fn with_slot_html(sentence: &str, html: &str) -> String {
    escape(sentence).replacen(SLOT, html, 1)
}

/// Escapes the five characters that matter in HTML and XML text and attribute
/// values, and drops control characters that XML 1.0 forbids.
///
/// `/` is left alone, so URLs stay readable in the source and in copied citations.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes everything but unreserved characters, for a value inside a URL's query.
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `html` with its root-relative links and images made absolute on
/// `site_url`, and its links to a part of its own page (`#p-2`) on
/// `page_url`: for what is read away from the site, where `/media/…` and
/// `#p-2` mean nothing (the API's `html`, a feed's `<content>`, which many
/// readers show without resolving it against the entry's link).
pub fn absolute_links(html: &str, site_url: &str, page_url: &str) -> String {
    let mut html = html.to_string();
    for attr in ["href", "src"] {
        html = map_root_relative(&html, attr, |target| format!("{site_url}{target}"));
    }
    html = map_attr(&html, "href", "#", |fragment| {
        format!("{page_url}{fragment}")
    });
    // An image's copies: `srcset="/media/a-480.jpg 480w, /media/a.jpg 1200w"`.
    map_root_relative(&html, "srcset", |value| {
        value
            .split(", ")
            .map(|candidate| {
                if candidate.starts_with('/') && !candidate.starts_with("//") {
                    format!("{site_url}{candidate}")
                } else {
                    candidate.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// `html` with the value of every ` attr="/…"` (root-relative, not
/// `//host`) replaced by `map` of it. The value is as the markup has it,
/// escaped; what `map` adds must need no escaping.
pub(crate) fn map_root_relative(html: &str, attr: &str, map: impl Fn(&str) -> String) -> String {
    map_attr(html, attr, "/", |value| {
        if value.starts_with("//") {
            value.to_string()
        } else {
            map(value)
        }
    })
}

/// `html` with the value of every ` attr="…"` that starts with `starts`
/// replaced by `map` of it, as [`map_root_relative`] says.
fn map_attr(html: &str, attr: &str, starts: &str, map: impl Fn(&str) -> String) -> String {
    let key = format!(" {attr}=\"{starts}");
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(at) = rest.find(&key) {
        let value_start = at + key.len() - starts.len();
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        out.push_str(&rest[..value_start]);
        out.push_str(&map(&rest[value_start..value_start + len]));
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn url_encoding_keeps_paths_readable() {
        assert_eq!(
            super::url_encode("/admin/comments?status=spam&x=é"),
            "/admin/comments%3Fstatus%3Dspam%26x%3D%C3%A9"
        );
    }

    #[test]
    fn escapes_markup_but_leaves_slashes() {
        assert_eq!(
            super::escape("<a href=\"/x\">Tom & Jerry's</a>\u{1}"),
            "&lt;a href=&quot;/x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
    }

    #[test]
    fn links_become_absolute_on_the_site() {
        let html = r##"<p><a href="/fa/x#p-2">x</a> <a href="#p-3">3</a> <a href="https://un.org/">un</a> <a href="//cdn.example/a">c</a><img src="/media/a-960.jpg" srcset="/media/a-480.jpg 480w, /media/a.jpg 1200w" alt="A"></p>"##;
        assert_eq!(
            super::absolute_links(html, "https://askaf.example", "https://askaf.example/fa/y"),
            r##"<p><a href="https://askaf.example/fa/x#p-2">x</a> <a href="https://askaf.example/fa/y#p-3">3</a> <a href="https://un.org/">un</a> <a href="//cdn.example/a">c</a><img src="https://askaf.example/media/a-960.jpg" srcset="https://askaf.example/media/a-480.jpg 480w, https://askaf.example/media/a.jpg 1200w" alt="A"></p>"##
        );
    }
}

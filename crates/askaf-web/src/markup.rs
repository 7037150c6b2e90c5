//! Escaping text into HTML and XML: one function for every place that writes markup by hand.

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
}

//! The JSON API: articles for reusers and programs, each with its attribution.

use askaf_content::{Article, Body, Lang, Site};
use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::error::AppError;
use crate::i18n;
use crate::views::{self, Counts};

pub const MAX_LIMIT: usize = 100;
pub const DEFAULT_LIMIT: usize = 50;

/// A query string the API cannot read, said as what to do: a parameter
/// given twice is named (serde's words, ``duplicate field `lang` ``, came
/// after axum's, "Failed to deserialize query string"), in the language
/// the API's other refusals are said in ([`said_in`]: `asked`, the
/// query's `lang=`, unless `lang` is what was given twice, else
/// `accepted`; until 7 December English whatever was asked); anything
/// else is said to be unreadable in that language too, serde's words
/// (English, about its internals) going to the log.
pub fn query_error(
    e: &axum::extract::rejection::QueryRejection,
    asked: Option<Lang>,
    accepted: Option<Lang>,
) -> AppError {
    let text = e.body_text();
    let detail = text
        .strip_prefix("Failed to deserialize query string: ")
        .unwrap_or(&text);
    let twice = detail
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.strip_suffix('`'));
    AppError::api_bad_request(match twice {
        Some(name) => {
            let said = said_in(asked.filter(|_| name != "lang"), accepted);
            format!("{name}: {}", i18n::text(said, "api-given-twice", &[]))
        }
        None => {
            tracing::debug!(detail, "unreadable API query");
            i18n::text(
                said_in(asked, accepted),
                "api-query-unreadable",
                &[("form", "name=value".into()), ("amp", "&".into())],
            )
        }
    })
}

pub fn attribution(lang: Lang, site_url: &str) -> Value {
    json!({
        "text": i18n::text(lang, "attribution", &[("site", site_url.to_string().into())]),
        "url": format!("{site_url}/"),
        "policy": views::reuse_policy_url(lang, site_url),
        "requires": ["attribution", "link"],
    })
}

/// A citation as the API gives it, in one shape wherever it cites: an
/// article (`GET /api/v1/articles`) or the paragraph an answer quotes
/// (`GET /api/v1/ask`): `text` to paste as plain text, `html` as HTML, and
/// `accessed`, the day it was read (`YYYY-MM-DD`), which both then end
/// with; null where the answer is cached, the same bytes every day (see
/// [`views::Cited`]).
pub fn citation(a: &Article, site_url: &str, cited: views::Cited<'_>) -> Value {
    json!({
        "text": views::citation_text(a, site_url, cited),
        "html": views::citation_html(a, site_url, cited),
        "accessed": cited.accessed.map(|d| d.to_string()),
    })
}

fn summary(a: &Article, site_url: &str, counts: &Counts) -> Value {
    json!({
        "lang": a.lang().code(),
        "slug": a.slug().as_str(),
        "title": a.front.title,
        "question": a.front.question,
        "summary": a.front.summary,
        "tags": a.front.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        "published": a.front.published.to_string(),
        "updated": a.front.updated.to_string(),
        "url": format!("{site_url}{}", a.path()),
        "api_url": format!("{site_url}/api/v1/articles/{}/{}", a.lang(), a.slug()),
        "comment_count": views::comment_count(counts, a),
        "citation": citation(a, site_url, views::Cited::default()),
    })
}

/// The versions of the article `slug`, the languages it is in in the
/// site's order, as `GET /api/v1/articles/{slug}` lists them (an article's
/// address without its language, as a reuser guesses it from a slug):
/// each version's `lang`, `title`, `url` and `api_url`, the last two as
/// the list gives them. `None` when the site has it in no language.
///
/// The answer is a `300 Multiple Choices` of this list (see
/// `api_not_found` in the crate's root), not a `308` to the one language
/// the article is in: a permanent redirect is kept by clients and caches,
/// and the article translated later would leave them sending every reuser
/// to its first language; and a redirect where there is one version but a
/// list where there are several would be two answers to one question, for
/// a reuser's code to tell apart. Its `Location` names the version the
/// reader asked for, which a 300 may carry as its preferred choice (RFC
/// 9110, 15.4.1), and which clients do not follow on their own.
pub fn versions(site: &Site, slug: &str, site_url: &str) -> Option<(Vec<Lang>, Value)> {
    let found: Vec<&Article> = Lang::ALL
        .into_iter()
        .filter_map(|l| site.get(l, slug))
        .collect();
    if found.is_empty() {
        return None;
    }
    let langs = found.iter().map(|a| a.lang()).collect();
    let versions: Vec<Value> = found
        .iter()
        .map(|a| {
            json!({
                "lang": a.lang().code(),
                "title": a.front.title,
                "url": format!("{site_url}{}", a.path()),
                "api_url": format!("{site_url}/api/v1/articles/{}/{}", a.lang(), a.slug()),
            })
        })
        .collect();
    Some((langs, json!({ "versions": versions })))
}

/// Where a page of `GET /api/v1/articles` starts: just after the article
/// with this sort key (newest `updated` first, then language, then slug, the
/// order [`Site::articles`] keeps).
///
/// A key, not a position or an article's name: an article edited, added or
/// unpublished between two requests moves or leaves the list, but the next
/// page still starts where the last one ended, with no error for an article
/// that is gone. Only an article whose own `updated` moved past the key
/// between two requests is seen twice or not at all, as in any list read
/// in pages while it changes (README). Handed out opaque (hex), so that
/// reusers pass it back rather than build one; its form may change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    updated: NaiveDate,
    lang: Lang,
    slug: String,
}

impl Cursor {
    fn after(a: &Article) -> Cursor {
        Cursor {
            updated: a.front.updated,
            lang: a.lang(),
            slug: a.slug().as_str().to_string(),
        }
    }

    /// Whether `a` comes at or before the cursor in the list's order.
    fn passed(&self, a: &Article) -> bool {
        (
            std::cmp::Reverse(a.front.updated),
            a.lang(),
            a.slug().as_str(),
        ) <= (
            std::cmp::Reverse(self.updated),
            self.lang,
            self.slug.as_str(),
        )
    }

    fn encode(&self) -> String {
        hex::encode(format!("{}.{}.{}", self.updated, self.lang, self.slug).as_bytes())
    }

    /// The cursor `s` encodes, if it is one this API could have given out.
    fn decode(s: &str) -> Option<Cursor> {
        let text = String::from_utf8(hex::decode(s).ok()?).ok()?;
        let mut parts = text.splitn(3, '.');
        let updated = parts.next()?.parse::<NaiveDate>().ok()?;
        let lang = parts.next()?.parse::<Lang>().ok()?;
        let slug = parts.next()?;
        askaf_content::Slug::is_valid(slug).then(|| Cursor {
            updated,
            lang,
            slug: slug.to_string(),
        })
    }
}

/// An API request's `lang=`: one of the site's languages as a BCP 47 tag
/// ([`Lang::parse_tag`]: `fa-AF` and `prs` are Dari), or none when absent
/// or empty. A tag that names none is refused in `accepted`, the language
/// the browser's `Accept-Language` prefers, else English ([`said_in`]),
/// as the API's other refusals are where `lang=` names none.
pub fn lang_param(lang: Option<&str>, accepted: Option<Lang>) -> Result<Option<Lang>, AppError> {
    match lang.filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(l) => Lang::parse_tag(l).map(Some).map_err(|refused| {
            AppError::api_bad_request(format!(
                "lang: {}",
                lang_refused(said_in(None, accepted), &refused)
            ))
        }),
    }
}

/// The words that refuse a tag naming none of the site's languages, in
/// `said`: the codes it takes, and that the tags browsers write for them
/// name the same (the API's `lang=` and an article's address).
pub fn lang_refused(said: Lang, refused: &askaf_content::NotALanguage) -> String {
    // The codes, tags and the standard's name as typed, in every language.
    i18n::text(
        said,
        "api-lang-refused",
        &[
            ("value", refused.0.clone().into()),
            ("en", "en".into()),
            ("fa", "fa".into()),
            ("ps", "ps".into()),
            ("tags", "BCP 47".into()),
            ("t1", "fa-AF".into()),
            ("t2", "prs".into()),
            ("t3", "ps-AF".into()),
        ],
    )
}

/// The language an API refusal is said in: `lang=`'s, else the one the
/// browser's `Accept-Language` prefers (a reader's page calling the API),
/// else English, which a program sending neither has always read. The
/// response then varies by `Accept-Language` ([`crate::varies_by_language`]).
pub fn said_in(lang: Option<Lang>, accepted: Option<Lang>) -> Lang {
    lang.or(accepted).unwrap_or(Lang::En)
}

/// Parsed query of `GET /api/v1/articles`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub lang: Option<Lang>,
    pub limit: usize,
    pub cursor: Option<Cursor>,
}

impl ListQuery {
    /// `accepted` is the language the browser's `Accept-Language` prefers,
    /// which a refusal is said in where `lang=` names none.
    pub fn parse(
        lang: Option<&str>,
        limit: Option<&str>,
        cursor: Option<&str>,
        accepted: Option<Lang>,
    ) -> Result<ListQuery, AppError> {
        let lang = lang_param(lang, accepted)?;
        // Said in the language asked for, as the API's Ask says its errors
        // in its `lang=`; else `Accept-Language`'s, else English. The
        // parameter's name stays as it is typed, as Ask's `q:` does.
        let said = said_in(lang, accepted);
        let limit = match limit.filter(|s| !s.is_empty()) {
            None => DEFAULT_LIMIT,
            Some(s) => match s.parse::<usize>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    let refused = i18n::text(
                        said,
                        "api-limit-refused",
                        &[
                            ("min", i18n::number(said, 1)),
                            ("max", i18n::number(said, MAX_LIMIT)),
                            ("value", s.chars().take(40).collect::<String>().into()),
                        ],
                    );
                    return Err(AppError::api_bad_request(format!("limit: {refused}")));
                }
            },
        };
        let cursor = match cursor.filter(|s| !s.is_empty()) {
            None => None,
            Some(c) => Some(Cursor::decode(c).ok_or_else(|| {
                let refused = i18n::text(
                    said,
                    "api-cursor-refused",
                    &[("field", "next_cursor".into())],
                );
                AppError::api_bad_request(format!("cursor: {refused}"))
            })?),
        };
        Ok(ListQuery {
            lang,
            limit,
            cursor,
        })
    }

    /// A canonical form of the query, for the cache key.
    pub fn key(&self) -> String {
        format!(
            "api-list:{}:{}:{}",
            self.lang.map(|l| l.code()).unwrap_or("*"),
            self.limit,
            self.cursor.as_ref().map(Cursor::encode).unwrap_or_default()
        )
    }
}

pub fn list(site: &Site, q: &ListQuery, site_url: &str, counts: &Counts) -> Value {
    let all: Vec<&Article> = site
        .articles()
        .filter(|a| q.lang.is_none_or(|l| a.lang() == l))
        .collect();
    // The list is in the cursor's order, so where it starts is a binary search.
    let start = match &q.cursor {
        None => 0,
        Some(c) => all.partition_point(|a| c.passed(a)),
    };
    let page: Vec<&Article> = all.iter().skip(start).take(q.limit).copied().collect();
    let next_cursor = if start + page.len() < all.len() {
        page.last().map(|a| Cursor::after(a).encode())
    } else {
        None
    };
    let next = next_cursor.as_ref().map(|c| {
        let mut url = format!("{site_url}/api/v1/articles?limit={}&cursor={c}", q.limit);
        if let Some(l) = q.lang {
            url.push_str(&format!("&lang={l}"));
        }
        url
    });
    json!({
        "articles": page.iter().map(|a| summary(a, site_url, counts)).collect::<Vec<_>>(),
        "total": all.len(),
        "next_cursor": next_cursor,
        "next": next,
        "attribution": attribution(q.lang.unwrap_or(Lang::En), site_url),
    })
}

pub fn detail(site: &Site, a: &Article, body: &Body, site_url: &str, counts: &Counts) -> Value {
    let mut v = summary(a, site_url, counts);
    let page_url = format!("{site_url}{}", a.path());
    if let Some(obj) = v.as_object_mut() {
        // Read away from the site: its images and links must name it.
        obj.insert(
            "html".into(),
            json!(crate::markup::absolute_links(
                &body.rendered.html,
                site_url,
                &page_url
            )),
        );
        obj.insert(
            "text".into(),
            json!(body.rendered.plain_on(site_url, &page_url)),
        );
        obj.insert("text_url".into(), json!(format!("{page_url}.txt")));
        obj.insert(
            "paragraphs".into(),
            json!(body
                .rendered
                .blocks
                .iter()
                .map(|b| json!({
                    "anchor": b.anchor,
                    "url": format!("{page_url}#{}", b.anchor),
                    "text": b.text,
                    "headings": b.headings,
                }))
                .collect::<Vec<_>>()),
        );
        obj.insert(
            "sources".into(),
            json!(a
                .front
                .sources
                .iter()
                .map(
                    |s| json!({"title": s.title, "url": s.url, "accessed": s.accessed.to_string()})
                )
                .collect::<Vec<_>>()),
        );
        obj.insert(
            "translations".into(),
            json!(site
                .translations_of(a)
                .iter()
                .map(|t| json!({"lang": t.lang().code(), "slug": t.slug().as_str(), "url": format!("{site_url}{}", t.path())}))
                .collect::<Vec<_>>()),
        );
        obj.insert("attribution".into(), attribution(a.lang(), site_url));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A query serde refuses for another reason than a parameter given
    /// twice is said in the reader's language, without serde's English
    /// words (`invalid digit found in string`), which go to the log: it
    /// was "The query string cannot be read: …" whatever was asked.
    #[test]
    fn an_unreadable_query_is_said_in_the_readers_language() {
        #[derive(Debug, serde::Deserialize)]
        struct Numbered {
            #[expect(dead_code, reason = "only read to be refused")]
            n: u32,
        }
        let uri: axum::http::Uri = "/api/v1/articles?n=abc".parse().unwrap();
        let e = axum::extract::Query::<Numbered>::try_from_uri(&uri).unwrap_err();
        for (asked, accepted, said) in [
            (Some(Lang::Fa), Some(Lang::Ps), Lang::Fa),
            (None, Some(Lang::Ps), Lang::Ps),
            (None, None, Lang::En),
        ] {
            let body = query_error(&e, asked, accepted).to_string();
            let wanted = i18n::text(
                said,
                "api-query-unreadable",
                &[("form", "name=value".into()), ("amp", "&".into())],
            );
            assert!(body.contains(&wanted), "{said}: {body}");
            assert!(!body.contains("invalid digit"), "{body}");
        }
    }

    #[test]
    fn a_cursor_reads_back_and_anything_else_is_refused() {
        let c = Cursor {
            updated: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            lang: Lang::Fa,
            slug: "kabul-2".into(),
        };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
        for bad in [
            "garbage",
            "en.slug",
            "abc",
            "zz",
            "é",
            &hex::encode(b"2026-13-01.en.x"),
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
        assert_eq!(
            Cursor::decode(&hex::encode(b"2026-01-01.en.Bad Slug")),
            None
        );
    }
}

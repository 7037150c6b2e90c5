//! The JSON API: articles for reusers and programs, each with its attribution.

use askaf_content::{Article, Body, Lang, Site};
use serde_json::{json, Value};

use crate::error::AppError;
use crate::i18n;
use crate::views::{self, Counts};

pub const MAX_LIMIT: usize = 100;
pub const DEFAULT_LIMIT: usize = 50;

pub fn attribution(lang: Lang, site_url: &str) -> Value {
    json!({
        "text": i18n::text(lang, "attribution", &[("site", site_url.to_string().into())]),
        "url": format!("{site_url}/"),
        "policy": format!("{site_url}/{lang}/about#reuse"),
        "requires": ["attribution", "link"],
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
        "citation": {
            "text": views::citation_text(a, site_url),
            "html": views::citation_html(a, site_url),
        },
    })
}

/// Parsed query of `GET /api/v1/articles`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub lang: Option<Lang>,
    pub limit: usize,
    pub cursor: Option<(Lang, String)>,
}

impl ListQuery {
    pub fn parse(
        lang: Option<&str>,
        limit: Option<&str>,
        cursor: Option<&str>,
    ) -> Result<ListQuery, AppError> {
        let lang = match lang.filter(|s| !s.is_empty()) {
            None => None,
            Some(l) => Some(
                l.parse::<Lang>()
                    .map_err(|e| AppError::api_bad_request(format!("lang: {e}")))?,
            ),
        };
        let limit = match limit.filter(|s| !s.is_empty()) {
            None => DEFAULT_LIMIT,
            Some(s) => match s.parse::<usize>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    return Err(AppError::api_bad_request(format!(
                        "limit: expected a whole number from 1 to {MAX_LIMIT}, got `{}`",
                        s.chars().take(40).collect::<String>()
                    )))
                }
            },
        };
        let cursor = match cursor.filter(|s| !s.is_empty()) {
            None => None,
            Some(c) => {
                let bad = || {
                    AppError::api_bad_request(
                        "cursor: not a cursor this API gave out; start again without it",
                    )
                };
                let (l, slug) = c.split_once('.').ok_or_else(bad)?;
                Some((l.parse::<Lang>().map_err(|_| bad())?, slug.to_string()))
            }
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
            self.cursor
                .as_ref()
                .map(|(l, s)| format!("{l}.{s}"))
                .unwrap_or_default()
        )
    }
}

pub fn list(
    site: &Site,
    q: &ListQuery,
    site_url: &str,
    counts: &Counts,
) -> Result<Value, AppError> {
    let all: Vec<&Article> = site
        .articles()
        .filter(|a| q.lang.is_none_or(|l| a.lang() == l))
        .collect();
    let start = match &q.cursor {
        None => 0,
        Some((l, slug)) => {
            all.iter()
                .position(|a| a.lang() == *l && a.slug().as_str() == slug)
                .ok_or_else(|| {
                    AppError::api_bad_request(
                    "cursor: it names an article that is no longer listed; start again without it",
                )
                })?
                + 1
        }
    };
    let page: Vec<&Article> = all.iter().skip(start).take(q.limit).copied().collect();
    let next_cursor = if start + page.len() < all.len() {
        page.last().map(|a| format!("{}.{}", a.lang(), a.slug()))
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
    Ok(json!({
        "articles": page.iter().map(|a| summary(a, site_url, counts)).collect::<Vec<_>>(),
        "total": all.len(),
        "next_cursor": next_cursor,
        "next": next,
        "attribution": attribution(q.lang.unwrap_or(Lang::En), site_url),
    }))
}

pub fn detail(site: &Site, a: &Article, body: &Body, site_url: &str, counts: &Counts) -> Value {
    let mut v = summary(a, site_url, counts);
    let page_url = format!("{site_url}{}", a.path());
    if let Some(obj) = v.as_object_mut() {
        obj.insert("html".into(), json!(body.rendered.html));
        obj.insert("text".into(), json!(body.rendered.plain));
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

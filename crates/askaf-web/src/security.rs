//! Cookies, cross-site request checks, CSRF tokens, form stamps and who a
//! request came from.
//!
//! Two defences against cross-site forgery. Every state-changing request
//! passes [`cross_origin_ok`] (the browser's own `Sec-Fetch-Site`, or its
//! `Origin`, as Go's `net/http.CrossOriginProtection` reads them), which
//! needs nothing in the page: so the article page, which holds the comment
//! form, is the same bytes for every reader and is compressed once. The
//! editorial forms also carry a token, an HMAC of a random per-browser seed
//! cookie, since those pages are made per request anyway. When a comment
//! form was shown is a signed stamp in a cookie scoped to the article's path
//! ([`shown_cookie`]), for the spam defences' minimum time.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use askaf_auth::Signer;
use askaf_content::Lang;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};

use crate::markup::escape;
use crate::AppState;

pub const CSRF_COOKIE: &str = "askaf_csrf";
/// When this browser was last shown an article's comment form (a signed stamp).
pub const SHOWN_COOKIE: &str = "askaf_shown";
/// How long a shown-form stamp is kept: a form older than this is stale anyway.
const SHOWN_SECONDS: i64 = 24 * 3600;
pub const SESSION_COOKIE: &str = "askaf_session";
/// How long a login lasts.
pub const SESSION_SECONDS: i64 = 8 * 3600;
/// The language the editorial pages were last shown in on this browser to
/// a signed-in staff member (`en`, `fa`, `ps`): a preference, not a
/// secret, that outlives the session, so that a form sent after the
/// session lapsed, and the sign-in page after it, come back in the
/// language the staff member chose rather than the browser's.
pub const ADMIN_LANG_COOKIE: &str = "askaf_admin_lang";
/// How long that preference is kept after the last page that set it.
const ADMIN_LANG_SECONDS: i64 = 365 * 24 * 3600;

/// The mark of the browser that wrote a comment signed with an email
/// ([`askaf_auth::Signer::commenter_mark`]: the comment's id and a MAC of
/// it with the email, not the email): what lets a returning commenter's
/// comment be published at once, and no one else who signs with their
/// email ([`askaf_comments::Commenter`]).
pub const COMMENTER_COOKIE: &str = "askaf_commenter";
/// How long a commenter's browser is known by its mark.
const COMMENTER_SECONDS: i64 = 365 * 24 * 3600;

/// The value of one cookie in the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"').to_string())
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

/// Who sent a request and over what: the address the rate limits and bans
/// use, and whether cookies should be marked `Secure`.
#[derive(Debug, Clone, Copy)]
pub struct Client {
    pub ip: IpAddr,
    pub https: bool,
}

impl Client {
    /// The client of a request from `peer` with `headers`.
    pub fn of(headers: &HeaderMap, peer: IpAddr, app: &AppState) -> Client {
        let trust = app.config().trust_proxy;
        let forwarded = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
        Client {
            ip: askaf_auth::client_ip(peer, forwarded, trust),
            https: https(headers, app),
        }
    }
}

/// Whether the browser reached the site over HTTPS (directly, or through a
/// trusted proxy that says so), so that its cookies are marked `Secure`.
pub fn https(headers: &HeaderMap, app: &AppState) -> bool {
    app.url().starts_with("https://")
        || (app.config().trust_proxy
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|p| p.trim().eq_ignore_ascii_case("https")))
}

impl FromRequestParts<AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Client, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        Ok(Client::of(&parts.headers, peer, app))
    }
}

/// A `Set-Cookie` value for the pages under `path`: HttpOnly always,
/// `Secure` over HTTPS.
pub fn set_cookie(
    name: &str,
    value: &str,
    path: &str,
    max_age: Option<i64>,
    same_site: &str,
    secure: bool,
) -> HeaderValue {
    let mut s = format!("{name}={value}; Path={path}; HttpOnly; SameSite={same_site}");
    if let Some(age) = max_age {
        s.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        s.push_str("; Secure");
    }
    HeaderValue::from_str(&s).unwrap_or_else(|_| HeaderValue::from_static("invalid=1"))
}

/// The cookie of [`ADMIN_LANG_COOKIE`], holding `lang`: sent only to the
/// editorial pages, and with a link from elsewhere too (Lax), as the
/// sign-in page it opens should be in the staff member's language.
pub fn admin_lang_cookie(lang: Lang, https: bool) -> HeaderValue {
    set_cookie(
        ADMIN_LANG_COOKIE,
        lang.code(),
        "/admin",
        Some(ADMIN_LANG_SECONDS),
        "Lax",
        https,
    )
}

/// The cookies of [`COMMENTER_COOKIE`] that mark this browser as the
/// writer of comment `comment_id`, signed with `email`: one for the
/// articles of each language (`/en`, `/fa`, `/ps`), where comments are
/// posted, and no other path; set only in the answer to a post, so every
/// page stays the same bytes for everyone.
pub fn commenter_cookies(
    signer: &Signer,
    email: &str,
    comment_id: i64,
    https: bool,
) -> Vec<HeaderValue> {
    let mark = signer.commenter_mark(email, comment_id);
    Lang::ALL
        .into_iter()
        .map(|lang| {
            set_cookie(
                COMMENTER_COOKIE,
                &mark,
                &format!("/{}", lang.code()),
                Some(COMMENTER_SECONDS),
                "Lax",
                https,
            )
        })
        .collect()
}

/// The language [`ADMIN_LANG_COOKIE`] holds, if it holds one.
pub fn admin_lang(headers: &HeaderMap) -> Option<Lang> {
    cookie(headers, ADMIN_LANG_COOKIE)?.parse().ok()
}

/// The browser's CSRF seed, and the cookie to set when it had none.
#[derive(Debug, Clone)]
pub struct Seed {
    pub value: String,
    pub set_cookie: Option<HeaderValue>,
}

impl Seed {
    /// The browser's seed, or a new one; either way the cookie is set again
    /// to last [`SESSION_SECONDS`] from this page. A cookie for the
    /// browser's session alone went with a browser restart while the
    /// sign-in (persistent) stayed, and a form restored with its tab was
    /// then refused, its text with it.
    pub fn of(headers: &HeaderMap, client: &Client) -> Seed {
        Seed::with(
            cookie(headers, CSRF_COOKIE).unwrap_or_else(askaf_auth::new_token),
            client,
        )
    }

    /// A new seed, whatever the browser had: at sign-in, so that a seed
    /// read or planted before (another user of the same browser, a cookie
    /// set through a sibling subdomain) makes no token for the session, as
    /// the session itself is new ([`crate::admin`]'s login). Forms opened
    /// before it come back unverified, with their text, not done.
    pub fn fresh(client: &Client) -> Seed {
        Seed::with(askaf_auth::new_token(), client)
    }

    fn with(value: String, client: &Client) -> Seed {
        // Lax, not Strict: a reader arriving from a link elsewhere must
        // keep the seed their open forms were made with.
        let set = set_cookie(
            CSRF_COOKIE,
            &value,
            "/",
            Some(SESSION_SECONDS),
            "Lax",
            client.https,
        );
        Seed {
            value,
            set_cookie: Some(set),
        }
    }
}

/// The hidden CSRF field of the editorial forms (the comment form has none:
/// see the module's doc).
pub fn hidden_fields(signer: &Signer, seed: &Seed) -> String {
    format!(
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
        escape(&signer.csrf_token(&seed.value))
    )
}

/// The cookie that records when this browser was shown the comment form of
/// the article at `path` (`/{lang}/{slug}`): scoped to that path, so it goes
/// with posts to `{path}/comments` and with nothing else, and readers with
/// several articles open each keep their own.
pub fn shown_cookie(signer: &Signer, scope: &str, path: &str, https: bool) -> HeaderValue {
    shown_cookie_at(signer, scope, path, https, now_unix())
}

/// [`shown_cookie`] as made at `now` (Unix seconds): the same for every
/// reader within that second.
pub fn shown_cookie_at(
    signer: &Signer,
    scope: &str,
    path: &str,
    https: bool,
    now: u64,
) -> HeaderValue {
    let stamp = signer.form_stamp(scope, now);
    let mut s = format!(
        "{SHOWN_COOKIE}={stamp}; Path={path}; HttpOnly; SameSite=Strict; Max-Age={SHOWN_SECONDS}"
    );
    if https {
        s.push_str("; Secure");
    }
    HeaderValue::from_str(&s).unwrap_or_else(|_| HeaderValue::from_static("invalid=1"))
}

/// Whether an unsafe request may have come from one of this site's own pages.
///
/// A browser says where a request comes from: `Sec-Fetch-Site` (every current
/// browser) is `same-origin` for our own forms and `none` when the person
/// typed or bookmarked it; anything else is another site. Older browsers send
/// `Origin` instead, which must name this host (the `Host` the request came
/// to, or the configured `site_url` behind a proxy that rewrites `Host`).
/// A request with neither header did not come from a browser page, so it is
/// no forgery: scripts and `curl` pass, as with Go's CrossOriginProtection.
pub fn cross_origin_ok(headers: &HeaderMap, site_url: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.to_str(), Ok("same-origin" | "none"));
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    // `Origin: null` (a sandboxed frame, a `data:` page) names no site of ours.
    let Some(origin_host) = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
    else {
        return false;
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    if host.is_some_and(|h| h.eq_ignore_ascii_case(origin_host)) {
        return true;
    }
    origin.eq_ignore_ascii_case(site_url.trim_end_matches('/'))
}

/// Whether a submitted form's token belongs to this browser.
pub fn csrf_ok(signer: &Signer, headers: &HeaderMap, token: &str) -> bool {
    match cookie(headers, CSRF_COOKIE) {
        Some(seed) => !token.is_empty() && signer.verify_csrf(&seed, token),
        None => false,
    }
}

pub fn now_unix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_cookie_among_several() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; askaf_csrf=seed-value; b=2"),
        );
        assert_eq!(cookie(&h, CSRF_COOKIE).as_deref(), Some("seed-value"));
        assert_eq!(cookie(&h, "missing"), None);
        assert_eq!(cookie(&h, "askaf"), None);
    }

    /// The seed outlives a browser restart as the sign-in does, and each
    /// editorial page shown extends it; an existing seed is kept.
    #[test]
    fn the_csrf_seed_lasts_as_a_session_and_is_kept() {
        let client = Client {
            ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            https: true,
        };
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("askaf_csrf=old-seed"),
        );
        let seed = Seed::of(&h, &client);
        assert_eq!(seed.value, "old-seed");
        assert_eq!(
            seed.set_cookie.unwrap(),
            format!(
                "askaf_csrf=old-seed; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECONDS}; Secure"
            )
        );
        let fresh = Seed::of(&HeaderMap::new(), &client);
        assert_ne!(fresh.value, "old-seed");
        let set = fresh.set_cookie.unwrap();
        assert!(set
            .to_str()
            .unwrap()
            .contains(&format!("Max-Age={SESSION_SECONDS}")));
    }

    fn with(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn cross_site_requests_are_told_from_same_site_ones() {
        let site = "https://askafghanistan.example";
        // What browsers send with our own forms, and with a typed address.
        assert!(cross_origin_ok(
            &with(&[("sec-fetch-site", "same-origin")]),
            site
        ));
        assert!(cross_origin_ok(&with(&[("sec-fetch-site", "none")]), site));
        // Another site's page, or a sibling subdomain.
        assert!(!cross_origin_ok(
            &with(&[("sec-fetch-site", "cross-site")]),
            site
        ));
        assert!(!cross_origin_ok(
            &with(&[("sec-fetch-site", "same-site")]),
            site
        ));
        // Sec-Fetch-Site wins over an Origin that looks right.
        assert!(!cross_origin_ok(
            &with(&[
                ("sec-fetch-site", "cross-site"),
                ("origin", "https://askafghanistan.example")
            ]),
            site
        ));
        // Older browsers: Origin against Host, or against the configured address.
        assert!(cross_origin_ok(
            &with(&[
                ("origin", "http://127.0.0.1:8080"),
                ("host", "127.0.0.1:8080")
            ]),
            site
        ));
        assert!(cross_origin_ok(
            &with(&[
                ("origin", "https://askafghanistan.example"),
                ("host", "10.0.0.5:8080")
            ]),
            site
        ));
        assert!(!cross_origin_ok(
            &with(&[
                ("origin", "https://evil.example"),
                ("host", "askafghanistan.example")
            ]),
            site
        ));
        assert!(!cross_origin_ok(
            &with(&[("origin", "null"), ("host", "askafghanistan.example")]),
            site
        ));
        // No browser page sent it.
        assert!(cross_origin_ok(&HeaderMap::new(), site));
    }

    #[test]
    fn the_shown_stamp_is_scoped_to_the_article_path() {
        let signer = Signer::new(&[7u8; 32]).unwrap();
        let c = shown_cookie(&signer, "en/a", "/en/a", false);
        let s = c.to_str().unwrap();
        assert!(s.starts_with("askaf_shown="), "{s}");
        assert!(s.contains("; Path=/en/a;"), "{s}");
        assert!(
            s.contains("HttpOnly") && s.contains("SameSite=Strict"),
            "{s}"
        );
        let stamp = s["askaf_shown=".len()..].split(';').next().unwrap();
        assert!(signer.form_age("en/a", stamp, now_unix()).is_some());
        assert!(signer.form_age("en/b", stamp, now_unix()).is_none());
    }

    #[test]
    fn cookies_are_http_only_and_secure_over_https() {
        let c = set_cookie("s", "v", "/", Some(60), "Strict", true);
        assert_eq!(
            c.to_str().unwrap(),
            "s=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure"
        );
        let c = set_cookie("s", "v", "/", None, "Lax", false);
        assert!(!c.to_str().unwrap().contains("Secure"));
    }

    /// A commenter's mark goes to the articles of each language, and to
    /// no other path; it does not hold the email, and names the comment
    /// and the email it was made for.
    #[test]
    fn a_commenters_mark_goes_to_the_articles_alone() {
        let signer = Signer::new(&[9u8; 32]).unwrap();
        let set = commenter_cookies(&signer, "ana@example.org", 7, true);
        let set: Vec<&str> = set.iter().map(|c| c.to_str().unwrap()).collect();
        let mark = signer.commenter_mark("ana@example.org", 7);
        for (c, lang) in set.iter().zip(["en", "fa", "ps"]) {
            assert_eq!(
                *c,
                format!(
                    "askaf_commenter={mark}; Path=/{lang}; HttpOnly; SameSite=Lax; Max-Age=31536000; Secure"
                )
            );
        }
        assert_eq!(set.len(), 3);
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("askaf_commenter={mark}")).unwrap(),
        );
        let shown = cookie(&h, COMMENTER_COOKIE).unwrap();
        assert_eq!(signer.commenter_comment("ana@example.org", &shown), Some(7));
    }

    /// The staff member's language outlives the session (a year, not eight
    /// hours), goes only to the editorial pages, and is read back; a value
    /// that names no language of the site is none.
    #[test]
    fn the_staff_language_is_kept_for_the_editorial_pages() {
        let c = admin_lang_cookie(Lang::Fa, false);
        assert_eq!(
            c.to_str().unwrap(),
            "askaf_admin_lang=fa; Path=/admin; HttpOnly; SameSite=Lax; Max-Age=31536000"
        );
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("askaf_csrf=x; askaf_admin_lang=ps"),
        );
        assert_eq!(admin_lang(&h), Some(Lang::Ps));
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("askaf_admin_lang=de"),
        );
        assert_eq!(admin_lang(&h), None);
    }
}

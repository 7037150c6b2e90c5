//! Cookies, CSRF tokens, form stamps and who a request came from.
//!
//! Every browser gets a random seed cookie the first time it sees a form;
//! the form carries an HMAC of that seed, which a page on another site can
//! neither read nor forge. The same signer stamps when a comment form was
//! shown, for the spam defences' minimum time.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use askaf_auth::Signer;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};

use crate::markup::escape;
use crate::AppState;

pub const CSRF_COOKIE: &str = "askaf_csrf";
pub const SESSION_COOKIE: &str = "askaf_session";
/// How long a login lasts.
pub const SESSION_SECONDS: i64 = 8 * 3600;

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
        let trust = app.config().trust_proxy;
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok());
        let proxied_https = trust
            && parts
                .headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"));
        Ok(Client {
            ip: askaf_auth::client_ip(peer, forwarded, trust),
            https: app.url().starts_with("https://") || proxied_https,
        })
    }
}

/// A `Set-Cookie` value: HttpOnly always, `Secure` over HTTPS.
pub fn set_cookie(
    name: &str,
    value: &str,
    max_age: Option<i64>,
    same_site: &str,
    secure: bool,
) -> HeaderValue {
    let mut s = format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}");
    if let Some(age) = max_age {
        s.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        s.push_str("; Secure");
    }
    HeaderValue::from_str(&s).unwrap_or_else(|_| HeaderValue::from_static("invalid=1"))
}

/// The browser's CSRF seed, and the cookie to set when it had none.
#[derive(Debug, Clone)]
pub struct Seed {
    pub value: String,
    pub set_cookie: Option<HeaderValue>,
}

impl Seed {
    pub fn of(headers: &HeaderMap, client: &Client) -> Seed {
        match cookie(headers, CSRF_COOKIE) {
            Some(value) => Seed {
                value,
                set_cookie: None,
            },
            None => {
                let value = askaf_auth::new_token();
                // Lax, not Strict: a reader arriving from a link elsewhere
                // must keep the seed their open forms were made with.
                let set = set_cookie(CSRF_COOKIE, &value, None, "Lax", client.https);
                Seed {
                    value,
                    set_cookie: Some(set),
                }
            }
        }
    }
}

/// The hidden fields every state-changing form carries.
pub fn hidden_fields(signer: &Signer, seed: &Seed, stamp_scope: Option<&str>) -> String {
    let mut s = format!(
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
        escape(&signer.csrf_token(&seed.value))
    );
    if let Some(scope) = stamp_scope {
        s.push_str(&format!(
            "<input type=\"hidden\" name=\"t\" value=\"{}\">",
            escape(&signer.form_stamp(scope, now_unix()))
        ));
    }
    s
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

    #[test]
    fn cookies_are_http_only_and_secure_over_https() {
        let c = set_cookie("s", "v", Some(60), "Strict", true);
        assert_eq!(
            c.to_str().unwrap(),
            "s=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure"
        );
        let c = set_cookie("s", "v", None, "Lax", false);
        assert!(!c.to_str().unwrap().contains("Secure"));
    }
}

//! HMAC-SHA256 with the site's secret: CSRF tokens, and form stamps that prove when
//! a form was shown without the server remembering it.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

/// Below this a secret might be guessable offline from one signed value.
pub const MIN_SECRET_BYTES: usize = 32;

/// How far in the future a form stamp may be and still count, for clocks that
/// disagree by a little (several processes, or NTP stepping the clock).
const CLOCK_SKEW_SECONDS: u64 = 5;

/// Signs with the site's secret. Each use prefixes its own label (`csrf\0`,
/// `form\0`), so a value signed for one purpose is never valid for another.
#[derive(Clone)]
pub struct Signer {
    /// Keyed once; cloning the keyed state is cheaper than rekeying per signature.
    mac: HmacSha256,
}

impl Signer {
    pub fn new(secret: &[u8]) -> Result<Signer, String> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(format!(
                "the signing secret must be at least {MIN_SECRET_BYTES} bytes long; this one has {}",
                secret.len()
            ));
        }
        let mac = HmacSha256::new_from_slice(secret)
            .map_err(|e| format!("could not key HMAC-SHA256: {e}"))?;
        Ok(Signer { mac })
    }

    fn sign(&self, parts: &[&[u8]]) -> String {
        let mut mac = self.mac.clone();
        for part in parts {
            mac.update(part);
        }
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// Tied to the browser's seed, so a token an attacker obtains from their own
    /// visit is useless in the victim's browser; stateless, so any node can check it.
    pub fn csrf_token(&self, seed: &str) -> String {
        self.sign(&[b"csrf\0", seed.as_bytes()])
    }

    /// An empty seed is always refused: it means the browser sent no cookie, and a
    /// token for "no cookie" would be the same for every such browser.
    pub fn verify_csrf(&self, seed: &str, token: &str) -> bool {
        !seed.is_empty() && ct_eq(&self.csrf_token(seed), token)
    }

    /// The seconds are in clear so that [`Signer::form_age`] can read them; the MAC
    /// stops them being changed, and the scope stops a stamp from one form being
    /// replayed on another.
    pub fn form_stamp(&self, scope: &str, now_unix: u64) -> String {
        let secs = now_unix.to_string();
        let mac = self.sign(&[b"form\0", secs.as_bytes(), b"\0", scope.as_bytes()]);
        format!("{secs}.{mac}")
    }

    /// A stamp issued up to 5 s in the future counts as age 0; beyond that it is
    /// refused. Callers decide what is too young (a bot) or too old (a stale form).
    pub fn form_age(&self, scope: &str, stamp: &str, now_unix: u64) -> Option<u64> {
        let issued = signed_number(stamp, |secs| self.form_stamp(scope, secs))?;
        if issued > now_unix.saturating_add(CLOCK_SKEW_SECONDS) {
            return None;
        }
        Some(now_unix.saturating_sub(issued))
    }

    /// The mark a browser is given when a comment signed with `email` is
    /// taken, as comment `comment_id`: the id in clear, so that
    /// [`Signer::commenter_comment`] can read it, and a MAC of it with the
    /// email, which is not in the mark. Only the browser that was given it
    /// holds it, so it says that browser wrote that comment.
    pub fn commenter_mark(&self, email: &str, comment_id: i64) -> String {
        let id = comment_id.to_string();
        let mac = self.sign(&[b"commenter\0", id.as_bytes(), b"\0", email.as_bytes()]);
        format!("{id}.{mac}")
    }

    /// The comment a [`Signer::commenter_mark`] names, if it was made for
    /// `email` with this secret; `None` for any other email, a changed id
    /// or a mark that is none.
    pub fn commenter_comment(&self, email: &str, mark: &str) -> Option<i64> {
        let id = signed_number(mark, |id| {
            // An id past i64 was never a comment's: remade as nothing.
            i64::try_from(id).map_or_else(|_| String::new(), |id| self.commenter_mark(email, id))
        })?;
        i64::try_from(id).ok()
    }
}

/// The number a signed `N.MAC` value (a form stamp, a commenter mark) leads
/// with, if `remake(N)` gives the value back exactly: the MAC is this
/// secret's for that number and whatever else `remake` signs with it.
/// Digits only: `u64::from_str` would also take "+12", a second spelling of
/// the same value.
fn signed_number(value: &str, remake: impl Fn(u64) -> String) -> Option<u64> {
    let (n, _) = value.split_once('.')?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = n.parse().ok()?;
    ct_eq(&remake(n), value).then_some(n)
}

fn ct_eq(expected: &str, given: &str) -> bool {
    expected.as_bytes().ct_eq(given.as_bytes()).into()
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("key", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    fn signer() -> Signer {
        Signer::new(SECRET).unwrap()
    }

    #[test]
    fn short_secret_is_refused() {
        let err = Signer::new(&SECRET[..31]).unwrap_err();
        assert!(err.contains("32") && err.contains("31"), "{err}");
        assert!(Signer::new(b"").is_err());
    }

    #[test]
    fn csrf_round_trip() {
        let s = signer();
        let token = s.csrf_token("seed-1");
        assert_eq!(token.len(), 43);
        assert!(s.verify_csrf("seed-1", &token));
        assert!(signer().verify_csrf("seed-1", &token), "stateless");
    }

    #[test]
    fn csrf_rejects_other_seed_tampering_and_other_keys() {
        let s = signer();
        let token = s.csrf_token("seed-1");
        assert!(!s.verify_csrf("seed-2", &token));
        assert!(!s.verify_csrf("seed-1", ""));
        assert!(!s.verify_csrf("seed-1", &token[..42]));
        assert!(!s.verify_csrf("seed-1", &format!("{token}A")));
        let mut tampered = token.clone().into_bytes();
        tampered[0] = if tampered[0] == b'A' { b'B' } else { b'A' };
        assert!(!s.verify_csrf("seed-1", &String::from_utf8(tampered).unwrap()));
        let other = Signer::new(b"another secret of thirty-two bytes!").unwrap();
        assert!(!other.verify_csrf("seed-1", &token));
    }

    #[test]
    fn csrf_refuses_the_empty_seed() {
        let s = signer();
        assert!(!s.verify_csrf("", &s.csrf_token("")));
    }

    #[test]
    fn csrf_token_is_not_a_form_stamp_mac() {
        // Domain separation: the labels differ, so the MACs do.
        let s = signer();
        let stamp = s.form_stamp("", 0);
        assert_ne!(stamp.split_once('.').unwrap().1, s.csrf_token("0"));
    }

    #[test]
    fn form_stamp_age() {
        let s = signer();
        let stamp = s.form_stamp("en/who-governs-afghanistan", 1_000_000);
        assert!(stamp.starts_with("1000000."), "{stamp}");
        assert_eq!(
            s.form_age("en/who-governs-afghanistan", &stamp, 1_000_000),
            Some(0)
        );
        assert_eq!(
            s.form_age("en/who-governs-afghanistan", &stamp, 1_000_042),
            Some(42)
        );
    }

    #[test]
    fn form_stamp_clock_skew() {
        let s = signer();
        let stamp = s.form_stamp("en/a", 1_000_005);
        assert_eq!(s.form_age("en/a", &stamp, 1_000_000), Some(0));
        let stamp = s.form_stamp("en/a", 1_000_006);
        assert_eq!(s.form_age("en/a", &stamp, 1_000_000), None);
    }

    #[test]
    fn form_stamp_refusals() {
        let s = signer();
        let stamp = s.form_stamp("en/a", 1_000_000);
        let (_, mac) = stamp.split_once('.').unwrap();
        let now = 1_000_100;
        assert_eq!(s.form_age("en/b", &stamp, now), None, "other scope");
        assert_eq!(s.form_age("fa/a", &stamp, now), None, "other scope");
        assert_eq!(
            s.form_age("en/a", &format!("999000.{mac}"), now),
            None,
            "forged time"
        );
        assert_eq!(s.form_age("en/a", &format!("+1000000.{mac}"), now), None);
        assert_eq!(s.form_age("en/a", &format!("1000000.{mac}x"), now), None);
        let other = Signer::new(&[7u8; 32]).unwrap();
        assert_eq!(other.form_age("en/a", &stamp, now), None, "other key");
        for malformed in ["", ".", "1000000", "1000000.", ".abc", "abc.def", "-5.abc"] {
            assert_eq!(s.form_age("en/a", malformed, now), None, "{malformed:?}");
        }
        let huge = s.form_stamp("en/a", u64::MAX);
        assert_eq!(s.form_age("en/a", &huge, now), None, "from the future");
        assert_eq!(s.form_age("en/a", &huge, u64::MAX), Some(0));
    }

    #[test]
    fn commenter_marks_name_one_comment_and_one_email_without_holding_it() {
        let s = signer();
        let mark = s.commenter_mark("ana@example.org", 42);
        assert!(mark.starts_with("42."), "{mark}");
        assert!(!mark.contains("ana") && !mark.contains("example"), "{mark}");
        assert_eq!(s.commenter_comment("ana@example.org", &mark), Some(42));
        assert_eq!(s.commenter_comment("bo@example.org", &mark), None);
        let (_, mac) = mark.split_once('.').unwrap();
        for forged in [
            format!("43.{mac}"),
            format!("+42.{mac}"),
            format!("042.{mac}"),
            format!("{mark}x"),
            mac.to_string(),
            String::new(),
        ] {
            assert_eq!(
                s.commenter_comment("ana@example.org", &forged),
                None,
                "{forged}"
            );
        }
        let other = Signer::new(&[7u8; 32]).unwrap();
        assert_eq!(other.commenter_comment("ana@example.org", &mark), None);
        // Not a form stamp, nor a form stamp one.
        assert_eq!(s.form_age("ana@example.org", &mark, 100), None);
        let stamp = s.form_stamp("ana@example.org", 42);
        assert_eq!(s.commenter_comment("ana@example.org", &stamp), None);
    }

    #[test]
    fn debug_does_not_print_the_key() {
        let s = Signer::new(b"super-secret-key-that-must-not-leak!").unwrap();
        let shown = format!("{s:?} {s:#?}");
        assert!(!shown.contains("super-secret"), "{shown}");
        assert!(shown.contains("redacted"), "{shown}");
    }
}

//! Random tokens for session ids and CSRF seeds, and the hash the database keeps.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// 32 bytes from the OS: 256 bits cannot be guessed, and base64url needs no escaping
/// in a cookie or a URL. Always 43 characters.
#[expect(
    clippy::expect_used,
    reason = "no token is safe without OS randomness; see the comment"
)]
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    // getrandom only fails when the OS has no usable random source (on Linux: a
    // kernel older than 3.17 without /dev/urandom); no token would be safe then, so
    // stopping is the only honest answer.
    getrandom::getrandom(&mut bytes)
        .expect("the operating system's random number generator failed");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A session is looked up by this, never by the token itself, so that a copy of the
/// database does not hold sessions anyone could use. SHA-256 without salt or key is
/// enough: the token is 256 random bits, so there is nothing to brute-force.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn tokens_are_43_url_safe_chars_and_distinct() {
        let tokens: HashSet<String> = (0..100).map(|_| new_token()).collect();
        assert_eq!(tokens.len(), 100);
        for t in &tokens {
            assert_eq!(t.len(), 43, "{t}");
            assert!(
                t.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "{t}"
            );
        }
    }

    #[test]
    fn hash_is_hex_sha256() {
        // sha256("abc"), from FIPS 180-2.
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let h = token_hash(&new_token());
        assert_eq!(h.len(), 64);
        assert!(h
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_ne!(token_hash("a"), token_hash("b"));
    }
}

//! Password hashing: argon2id in PHC strings, which carry their own algorithm,
//! parameters and salt, so stronger parameters can be adopted later and old hashes
//! upgraded at the next login ([`needs_rehash`]).
//!
//! Every function normalizes the password to NFC first: the same password typed on
//! two keyboards (a precomposed `é`, or `e` and a combining accent) must verify.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("the password must be at least {min} characters long")]
    TooShort { min: usize },
    #[error("the password must be at most {max} characters long")]
    TooLong { max: usize },
    #[error("could not hash the password: {0}")]
    Hash(String),
}

pub const MIN_PASSWORD_CHARS: usize = 10;
/// High enough for any passphrase, low enough that nobody makes us hash a megabyte.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// Memory in KiB, passes and lanes: OWASP's recommendation for argon2id (2023).
const M_COST: u32 = 19_456;
const T_COST: u32 = 2;
const P_COST: u32 = 1;
const OUTPUT_LEN: usize = 32;
const SALT_LEN: usize = 16;

/// Hashes with parameters beyond these are refused by [`verify_password`]: a stored
/// hash asking for gigabytes of memory is corrupt or planted, and honouring it would
/// let one login take the server down.
const MAX_VERIFY_M_COST: u32 = 256 * 1024;
const MAX_VERIFY_T_COST: u32 = 16;
const MAX_VERIFY_P_COST: u32 = 8;

#[expect(
    clippy::expect_used,
    reason = "the constants above are within argon2's limits; `params_are_valid` tests it"
)]
fn hasher() -> Argon2<'static> {
    let params = Params::new(M_COST, T_COST, P_COST, Some(OUTPUT_LEN))
        .expect("the argon2 parameters are constants within argon2's limits");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn nfc(password: &str) -> String {
    password.nfc().collect()
}

/// Length is the only rule: long passphrases beat composition rules, which push
/// people towards `Password1!`. Counted in characters after NFC, so `é` counts once
/// however it was typed.
pub fn check_password_policy(password: &str) -> Result<(), PasswordError> {
    check_normalized(&nfc(password))
}

fn check_normalized(password: &str) -> Result<(), PasswordError> {
    let len = password.chars().count();
    if len < MIN_PASSWORD_CHARS {
        Err(PasswordError::TooShort {
            min: MIN_PASSWORD_CHARS,
        })
    } else if len > MAX_PASSWORD_CHARS {
        Err(PasswordError::TooLong {
            max: MAX_PASSWORD_CHARS,
        })
    } else {
        Ok(())
    }
}

/// Also applies [`check_password_policy`], so that a password breaking it can never
/// be stored, whoever calls this.
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    let password = nfc(password);
    check_normalized(&password)?;
    let mut salt = [0u8; SALT_LEN];
    getrandom::getrandom(&mut salt).map_err(|e| PasswordError::Hash(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| PasswordError::Hash(e.to_string()))?;
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

/// False, never a panic, for a malformed hash, another algorithm, or parameters
/// beyond reason (see `MAX_VERIFY_M_COST`). The comparison is constant-time (the
/// `password-hash` crate compares outputs with `subtle`). The minimum length is not
/// enforced, so that raising it later does not lock anyone out.
pub fn verify_password(phc: &str, password: &str) -> bool {
    let Ok(hash) = PasswordHash::new(phc) else {
        return false;
    };
    let Some((algorithm, params)) = usable(&hash) else {
        return false;
    };
    let password = nfc(password);
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return false;
    }
    Argon2::new(algorithm, Version::V0x13, params)
        .verify_password(password.as_bytes(), &hash)
        .is_ok()
}

/// The algorithm and parameters of an argon2 hash we are willing to compute.
fn usable(hash: &PasswordHash<'_>) -> Option<(Algorithm, Params)> {
    let algorithm = Algorithm::try_from(hash.algorithm).ok()?;
    let params = Params::try_from(hash).ok()?;
    let sane = params.m_cost() <= MAX_VERIFY_M_COST
        && params.t_cost() <= MAX_VERIFY_T_COST
        && params.p_cost() <= MAX_VERIFY_P_COST;
    sane.then_some((algorithm, params))
}

/// Verify against this when the account does not exist, so that a failed login
/// takes as long either way and its timing does not tell whether a name is taken.
///
/// The first call hashes (as long as a login); call it once at startup so that the
/// first probe for a missing name is not the slow one.
#[expect(
    clippy::expect_used,
    reason = "hashing a random password within the policy fails only without OS randomness"
)]
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        // A random 43-character password is within the policy, and hashing can then
        // only fail if the OS has no randomness, when nothing else could work either.
        hash_password(&crate::token::new_token()).expect("hashing a random password")
    })
}

/// True when the hash was made with another algorithm or version, or with weaker
/// parameters than [`hash_password`] uses now: rehash it after the next successful
/// login, while the plain password is at hand. Stronger parameters are left alone,
/// unless they are beyond what [`verify_password`] will compute.
pub fn needs_rehash(phc: &str) -> bool {
    let Ok(hash) = PasswordHash::new(phc) else {
        return true;
    };
    let Some((algorithm, params)) = usable(&hash) else {
        return true;
    };
    let output_len = hash.hash.map_or(0, |h| h.len());
    algorithm != Algorithm::Argon2id
        || hash.version != Some(Version::V0x13.into())
        || params.m_cost() < M_COST
        || params.t_cost() < T_COST
        || output_len < OUTPUT_LEN
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWORD: &str = "caf\u{e9} in Kabul at dawn";
    const DECOMPOSED: &str = "cafe\u{301} in Kabul at dawn";

    /// Argon2 is slow in a debug build, so the round-trip checks share one hash.
    #[test]
    fn hash_and_verify() {
        let phc = hash_password(PASSWORD).unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify_password(&phc, PASSWORD));
        assert!(
            verify_password(&phc, DECOMPOSED),
            "NFC must make both é verify"
        );
        assert!(!verify_password(&phc, "cafe in Kabul at dawn"));
        assert!(!needs_rehash(&phc));

        let other = hash_password(PASSWORD).unwrap();
        assert_ne!(phc, other, "each hash has its own salt");
    }

    #[test]
    fn dummy_hash_is_current_and_matches_nothing_guessable() {
        let dummy = dummy_hash();
        assert!(dummy.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(!needs_rehash(dummy));
        assert!(std::ptr::eq(dummy, dummy_hash()), "computed once");
        assert!(!verify_password(dummy, ""));
    }

    #[test]
    fn malformed_hashes_are_false_without_panic() {
        for phc in [
            "",
            "not a hash",
            "$argon2id$",
            "$argon2id$v=19$m=19456,t=2,p=1$",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$",
            "$argon2id$v=19$m=abc,t=2,p=1$c2FsdHNhbHQ$aGFzaA",
            "$argon2id$v=19$m=4294967295,t=2,p=1$c2FsdHNhbHQ$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE",
            "$argon2id$v=19$m=19456,t=4294967295,p=1$c2FsdHNhbHQ$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE",
            "$pbkdf2-sha256$i=1000$c2FsdHNhbHQ$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE",
            "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
        ] {
            assert!(!verify_password(phc, "correct horse battery"), "{phc:?}");
            assert!(needs_rehash(phc), "{phc:?}");
        }
    }

    #[test]
    fn weaker_or_other_hashes_need_rehash() {
        let weak = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(1024, 1, 1, Some(32)).unwrap(),
        );
        let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
        let phc = weak
            .hash_password(PASSWORD.as_bytes(), &salt)
            .unwrap()
            .to_string();
        assert!(needs_rehash(&phc));
        assert!(verify_password(&phc, PASSWORD), "old hashes still verify");

        let argon2i = Argon2::new(
            Algorithm::Argon2i,
            Version::V0x13,
            Params::new(M_COST, T_COST, P_COST, Some(32)).unwrap(),
        );
        let phc = argon2i
            .hash_password(PASSWORD.as_bytes(), &salt)
            .unwrap()
            .to_string();
        assert!(needs_rehash(&phc));
    }

    #[test]
    fn policy_counts_characters_after_nfc() {
        assert!(matches!(
            check_password_policy("short"),
            Err(PasswordError::TooShort { min: 10 })
        ));
        // Nine characters, but eleven code points before NFC.
        assert!(check_password_policy("e\u{301}e\u{301}abcdefg").is_err());
        assert!(check_password_policy(
            "\u{627}\u{641}\u{63a}\u{627}\u{646}\u{633}\u{62a}\u{627}\u{646}\u{6cc}"
        )
        .is_ok());
        assert!(check_password_policy(&"x".repeat(MAX_PASSWORD_CHARS)).is_ok());
        assert!(matches!(
            check_password_policy(&"x".repeat(MAX_PASSWORD_CHARS + 1)),
            Err(PasswordError::TooLong { max: 1024 })
        ));
        assert!(matches!(
            hash_password("short"),
            Err(PasswordError::TooShort { .. })
        ));
    }

    #[test]
    fn params_are_valid() {
        let _ = hasher();
    }
}

//! Account names, parsed rather than validated: holding a [`Username`] means it is valid.

use std::fmt;

const MIN_CHARS: usize = 2;
const MAX_CHARS: usize = 40;

/// Why a typed name is no [`Username`]; `typed` is the name as typed,
/// without surrounding whitespace.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsernameError {
    #[error("a username must be {MIN_CHARS} to {MAX_CHARS} characters long; {typed:?} has {len}")]
    Length { typed: String, len: usize },
    #[error(
        "a username may contain only letters a-z, digits, '.', '_' and '-'; {typed:?} contains {bad:?}"
    )]
    Character { typed: String, bad: char },
    #[error("a username must start with a letter or digit; {typed:?} does not")]
    Start { typed: String },
}

/// An account name: 2 to 40 ASCII letters, digits, `.`, `_` or `-`, starting with a
/// letter or digit, lowercased.
///
/// ASCII only, so that no two names look alike on screen (Latin `a` and Cyrillic `а`);
/// lowercased, so that `Ali` and `ali` are one account whichever way it is typed at
/// login. Names are shown only to staff, so the restriction costs readers nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Username(String);

impl Username {
    /// The fewest and the most characters a name has.
    pub const LENGTHS: (usize, usize) = (MIN_CHARS, MAX_CHARS);

    /// Surrounding whitespace is ignored, since it comes from copying and pasting.
    pub fn parse(s: &str) -> Result<Username, UsernameError> {
        let s = s.trim();
        let typed = || s.to_string();
        let len = s.chars().count();
        if !(MIN_CHARS..=MAX_CHARS).contains(&len) {
            return Err(UsernameError::Length {
                typed: typed(),
                len,
            });
        }
        if let Some(bad) = s
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        {
            return Err(UsernameError::Character {
                typed: typed(),
                bad,
            });
        }
        if !s.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err(UsernameError::Start { typed: typed() });
        }
        Ok(Username(s.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Username {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_names() {
        for (input, want) in [
            ("ali", "ali"),
            ("Ali.Ahmadi", "ali.ahmadi"),
            ("m_karimi-2", "m_karimi-2"),
            ("7up", "7up"),
            ("ab", "ab"),
            ("  zahra  ", "zahra"),
            (&"a".repeat(40), &"a".repeat(40)),
        ] {
            assert_eq!(
                Username::parse(input).map(|u| u.to_string()),
                Ok(want.to_string())
            );
        }
    }

    #[test]
    fn bad_names() {
        for input in [
            "",
            "a",
            &"a".repeat(41),
            ".ali",
            "_ali",
            "-ali",
            "ali ahmadi",
            "ali@example.org",
            "علی",
            "аli", // Cyrillic а
            "ali\0",
        ] {
            assert!(Username::parse(input).is_err(), "{input:?} was accepted");
        }
    }

    #[test]
    fn messages_name_the_problem() {
        assert_eq!(
            Username::parse("ali!"),
            Err(UsernameError::Character {
                typed: "ali!".into(),
                bad: '!'
            })
        );
        assert_eq!(
            Username::parse("ali!").unwrap_err().to_string(),
            "a username may contain only letters a-z, digits, '.', '_' and '-'; \"ali!\" contains '!'"
        );
        assert_eq!(
            Username::parse(" x ").unwrap_err().to_string(),
            "a username must be 2 to 40 characters long; \"x\" has 1"
        );
        assert_eq!(
            Username::parse("_ali"),
            Err(UsernameError::Start {
                typed: "_ali".into()
            })
        );
    }

    #[test]
    fn case_folds_to_one_account() {
        assert_eq!(Username::parse("ALI"), Username::parse("ali"));
    }
}

//! The comment form's fields, parsed into types that cannot hold a bad value.
//!
//! Each type normalizes as it parses (Unicode NFC, trimmed), so two spellings of
//! one name or address are stored, compared and banned as one.

use std::fmt;

use unicode_normalization::UnicodeNormalization;

/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// The longest email address, in characters (RFC 5321's limit for a path).
pub const MAX_EMAIL_CHARS: usize = 254;
/// The longest comment body, in characters, after normalization.
pub const MAX_BODY_CHARS: usize = 5000;

/// What is wrong with one field. [`Problem::code`] is the stable key the web layer
/// translates; the `Display` text is for logs and tests.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("is empty")]
    Empty,
    #[error("is longer than {max} characters")]
    TooLong { max: usize },
    #[error("is not an email address")]
    InvalidEmail,
    #[error("contains control characters")]
    ControlChars,
}

impl Problem {
    /// A stable key: `empty`, `too-long`, `invalid-email` or `control-chars`.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Empty => "empty",
            Problem::TooLong { .. } => "too-long",
            Problem::InvalidEmail => "invalid-email",
            Problem::ControlChars => "control-chars",
        }
    }
}

/// A field of the comment form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Email,
    Body,
}

impl Field {
    /// The form field's name: `name`, `email` or `body`.
    pub fn code(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Body => "body",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One field's problem, as the form shows it beside that field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field} {problem}")]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

/// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
///
/// They are removed, not refused: apps insert them invisibly around pasted names
/// and text, so a reader could not see what to delete. Left in, an unbalanced
/// override in a name reverses the page text that follows it. The marks readers
/// do need (ZWNJ in Dari words, LRM and RLM) are kept.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that show nothing: a name made only of these is empty.
fn is_invisible(c: char) -> bool {
    c.is_whitespace() || askaf_text::is_invisible(c)
}

fn normalize(s: &str) -> String {
    s.nfc().filter(|&c| !is_bidi_control(c)).collect()
}

/// A commenter's name as shown beside their comment.
///
/// Trimmed, NFC, inner whitespace (including tabs and newlines) collapsed to one
/// space, 1 to [`MAX_NAME_CHARS`] characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AuthorName(String);

impl AuthorName {
    pub fn parse(s: &str) -> Result<AuthorName, Problem> {
        let name = normalize(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if name.chars().any(char::is_control) {
            return Err(Problem::ControlChars);
        }
        if name.chars().all(is_invisible) {
            return Err(Problem::Empty);
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(Problem::TooLong {
                max: MAX_NAME_CHARS,
            });
        }
        Ok(AuthorName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AuthorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An email address, kept private and used to recognise a returning commenter.
///
/// Trimmed, NFC, lowercased (so `Someone@Example.org` is the same commenter, and
/// the same ban, as `someone@example.org`), at most [`MAX_EMAIL_CHARS`]. The check
/// is deliberately plain: one `@`, a local part of at most 64 characters without
/// spaces, quotes or brackets, and a domain of at least two dot-separated labels of
/// letters, digits and hyphens (in any script, for internationalized domains).
/// Whether mail reaches it is not known, and does not matter here.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Result<Email, Problem> {
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return Err(Problem::Empty);
        }
        if trimmed.chars().any(char::is_control) {
            return Err(Problem::ControlChars);
        }
        let email = normalize(trimmed).to_lowercase();
        if email.chars().count() > MAX_EMAIL_CHARS {
            return Err(Problem::TooLong {
                max: MAX_EMAIL_CHARS,
            });
        }
        let (local, domain) = email.split_once('@').ok_or(Problem::InvalidEmail)?;
        if local_ok(local) && domain_ok(domain) {
            Ok(Email(email))
        } else {
            Err(Problem::InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn local_ok(local: &str) -> bool {
    !local.is_empty()
        && local.chars().count() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && !local
            .chars()
            .any(|c| c.is_whitespace() || "@<>()[]\\,;:\"".contains(c))
}

fn domain_ok(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.chars().count() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// The text of a comment, as the reader wrote it (Markdown, rendered by
/// [`crate::render`]).
///
/// NFC, line endings as `\n`, trimmed, 1 to [`MAX_BODY_CHARS`] characters, no
/// control characters other than newline and tab.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CommentBody(String);

impl CommentBody {
    pub fn parse(s: &str) -> Result<CommentBody, Problem> {
        let unix = s.replace("\r\n", "\n").replace('\r', "\n");
        let body = normalize(&unix);
        let body = body.trim();
        if body
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            return Err(Problem::ControlChars);
        }
        if body.chars().all(is_invisible) {
            return Err(Problem::Empty);
        }
        if body.chars().count() > MAX_BODY_CHARS {
            return Err(Problem::TooLong {
                max: MAX_BODY_CHARS,
            });
        }
        Ok(CommentBody(body.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A comment as submitted, every field parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub name: AuthorName,
    /// `None` when the reader left the field empty: the address is optional.
    pub email: Option<Email>,
    pub body: CommentBody,
}

/// Parses the comment form. An empty (or blank) email is `None`.
///
/// Returns every field's problem, in form order, so the reader fixes them all at once.
pub fn parse_draft(name: &str, email: &str, body: &str) -> Result<Draft, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut field = |field: Field, problem: Problem| errors.push(FieldError { field, problem });
    let name = AuthorName::parse(name).map_err(|p| field(Field::Name, p));
    let email = if email.trim().is_empty() {
        Ok(None)
    } else {
        Email::parse(email)
            .map(Some)
            .map_err(|p| field(Field::Email, p))
    };
    let body = CommentBody::parse(body).map_err(|p| field(Field::Body, p));
    match (name, email, body) {
        (Ok(name), Ok(email), Ok(body)) => Ok(Draft { name, email, body }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let good = [
            ("Ahmad", "Ahmad"),
            ("  Ahmad   Shah  ", "Ahmad Shah"),
            ("احمد شاه", "احمد شاه"),
            ("احمد\tشاه\n", "احمد شاه"),
            ("ښکلی", "ښکلی"),
            ("زهره\u{200c}جان", "زهره\u{200c}جان"),
            ("Ke\u{301}vin", "Kévin"),
            ("\u{202e}nimda", "nimda"),
            ("O'Brien-Smith", "O'Brien-Smith"),
        ];
        for (input, want) in good {
            assert_eq!(
                AuthorName::parse(input).map(|n| n.as_str().to_string()),
                Ok(want.to_string()),
                "{input:?}"
            );
        }
        let bad = [
            ("", Problem::Empty),
            ("   \n\t", Problem::Empty),
            ("\u{200b}\u{200c}", Problem::Empty),
            ("\u{202e}", Problem::Empty),
            ("Ahmad\u{0}", Problem::ControlChars),
            ("Ah\u{7}mad", Problem::ControlChars),
            ("Ah\u{85}mad\u{9f}", Problem::ControlChars),
        ];
        for (input, want) in bad {
            assert_eq!(AuthorName::parse(input), Err(want), "{input:?}");
        }
        assert!(AuthorName::parse(&"ش".repeat(80)).is_ok());
        assert_eq!(
            AuthorName::parse(&"ش".repeat(81)),
            Err(Problem::TooLong { max: 80 })
        );
    }

    #[test]
    fn emails() {
        let good = [
            ("someone@example.org", "someone@example.org"),
            (
                "  Someone.Else+tag@Example.ORG ",
                "someone.else+tag@example.org",
            ),
            ("a@b.co", "a@b.co"),
            ("user@sub.domain-name.af", "user@sub.domain-name.af"),
            ("احمد@مثال.افغانستان", "احمد@مثال.افغانستان"),
        ];
        for (input, want) in good {
            assert_eq!(
                Email::parse(input).map(|e| e.as_str().to_string()),
                Ok(want.to_string()),
                "{input:?}"
            );
        }
        let bad = [
            ("", Problem::Empty),
            ("   ", Problem::Empty),
            ("someone", Problem::InvalidEmail),
            ("someone@", Problem::InvalidEmail),
            ("@example.org", Problem::InvalidEmail),
            ("someone@localhost", Problem::InvalidEmail),
            ("some one@example.org", Problem::InvalidEmail),
            ("a@b@example.org", Problem::InvalidEmail),
            ("someone@example..org", Problem::InvalidEmail),
            ("someone@.example.org", Problem::InvalidEmail),
            ("someone@example.org.", Problem::InvalidEmail),
            ("someone@-example.org", Problem::InvalidEmail),
            (".someone@example.org", Problem::InvalidEmail),
            ("<script>@example.org", Problem::InvalidEmail),
            ("someone@exa mple.org", Problem::InvalidEmail),
            ("some\u{0}one@example.org", Problem::ControlChars),
            ("someone@example.org\u{7}x", Problem::ControlChars),
        ];
        for (input, want) in bad {
            assert_eq!(Email::parse(input), Err(want), "{input:?}");
        }
        let long = format!("{}@{}.org", "a".repeat(64), "b".repeat(185));
        assert_eq!(long.chars().count(), 254);
        assert!(Email::parse(&long).is_err_and(|p| p == Problem::InvalidEmail));
        let too_long = format!(
            "{}@{}.{}.org",
            "a".repeat(64),
            "b".repeat(63),
            "c".repeat(123)
        );
        assert_eq!(Email::parse(&too_long), Err(Problem::TooLong { max: 254 }));
        let longest = format!(
            "{}@{}.{}.{}.org",
            "a".repeat(64),
            "b".repeat(60),
            "c".repeat(60),
            "d".repeat(63)
        );
        assert_eq!(longest.chars().count(), 254);
        assert!(Email::parse(&longest).is_ok());
    }

    #[test]
    fn bodies() {
        let good = [
            ("Hello", "Hello"),
            ("  \r\nline one\r\nline two\r\n\r\n", "line one\nline two"),
            ("old\rmac", "old\nmac"),
            ("tab\tkept", "tab\tkept"),
            (
                "سلام دوستان، این مقاله خوب است.",
                "سلام دوستان، این مقاله خوب است.",
            ),
            ("ښه لیکنه ده", "ښه لیکنه ده"),
            ("e\u{301}", "é"),
            ("a\u{2066}b\u{2069}", "ab"),
        ];
        for (input, want) in good {
            assert_eq!(
                CommentBody::parse(input).map(|b| b.as_str().to_string()),
                Ok(want.to_string()),
                "{input:?}"
            );
        }
        let bad = [
            ("", Problem::Empty),
            (" \n\n\t ", Problem::Empty),
            ("bell\u{7}", Problem::ControlChars),
            ("nul\u{0}here", Problem::ControlChars),
            ("escape \u{1b}[31m", Problem::ControlChars),
        ];
        for (input, want) in bad {
            assert_eq!(CommentBody::parse(input), Err(want), "{input:?}");
        }
        assert!(CommentBody::parse(&"ب".repeat(5000)).is_ok());
        assert_eq!(
            CommentBody::parse(&"ب".repeat(5001)),
            Err(Problem::TooLong { max: 5000 })
        );
        // Counted after normalization: 5000 decomposed letters are 5000 characters.
        assert!(CommentBody::parse(&"e\u{301}".repeat(5000)).is_ok());
    }

    #[test]
    fn drafts_report_every_problem() {
        let d = parse_draft(" Ahmad ", "", "Thanks!").unwrap();
        assert_eq!(d.name.as_str(), "Ahmad");
        assert_eq!(d.email, None);
        assert_eq!(d.body.as_str(), "Thanks!");
        let d = parse_draft("Ahmad", " A@Example.org ", "Thanks!").unwrap();
        assert_eq!(d.email.unwrap().as_str(), "a@example.org");

        let errors = parse_draft("", "not-an-email", "").unwrap_err();
        assert_eq!(
            errors,
            vec![
                FieldError {
                    field: Field::Name,
                    problem: Problem::Empty
                },
                FieldError {
                    field: Field::Email,
                    problem: Problem::InvalidEmail
                },
                FieldError {
                    field: Field::Body,
                    problem: Problem::Empty
                },
            ]
        );
        assert_eq!(errors[1].to_string(), "email is not an email address");
        assert_eq!(errors[1].problem.code(), "invalid-email");
        assert_eq!(
            parse_draft("Ahmad", "", &"x".repeat(5001)).unwrap_err(),
            vec![FieldError {
                field: Field::Body,
                problem: Problem::TooLong { max: 5000 }
            }]
        );
    }

    #[test]
    fn problem_codes_are_stable() {
        assert_eq!(Problem::Empty.code(), "empty");
        assert_eq!(Problem::TooLong { max: 1 }.code(), "too-long");
        assert_eq!(Problem::InvalidEmail.code(), "invalid-email");
        assert_eq!(Problem::ControlChars.code(), "control-chars");
        assert_eq!(
            Problem::TooLong { max: 80 }.to_string(),
            "is longer than 80 characters"
        );
    }
}

//! The word and pattern list moderators keep, to hold comments for review.
//!
//! A list is plain text, one entry a line:
//!
//! ```text
//! # Comments start with '#'; blank lines are ignored.
//! casino
//! buy followers
//! /\bv[i1]agra\b/
//! ```
//!
//! A word or phrase matches whole words, whatever the case, keyboard or
//! spelling variant: both the entry and the comment go through the site's own
//! text analysis ([`askaf_text::tokenize_mixed`]: NFKC, lowercase, Arabic yeh and
//! kaf to their Persian forms, harakat, tatweel and ZWNJ dropped, Latin accents
//! removed), so `ass` never matches `class`, and a Dari word typed on an Arabic
//! keyboard (`كتاب`) matches the entry written on a Persian one (`کتاب`).
//!
//! A line between slashes is a regular expression, matched case-insensitively
//! against the text both as written and as normalized; writing Arabic-script
//! letters in their Persian forms (ی, ک) catches both keyboards.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError};

use askaf_text::{normalize_mixed, tokenize_mixed, Language};
use regex::{Regex, RegexBuilder};

/// How much memory one compiled expression may take. Matching is always linear
/// in the text (the regex crate never backtracks), so size is the only cost a
/// moderator's expression can run up; this is ample for any real word list entry.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// The longest list, in characters (line breaks as one, as a browser counts
/// a textarea's `maxlength`, which the word list's field holds it to). Lists
/// were once bounded only by the 64 KB a form could send, so none saved then
/// is longer; a list in Dari or Pashto now gets as many letters as one in
/// English.
pub const MAX_PATTERN_LIST_CHARS: usize = 64 * 1024;

/// A moderator's word and pattern list, compiled.
#[derive(Debug, Clone, Default)]
pub struct Patterns {
    entries: Vec<Entry>,
    /// Word entries by their first term, to look up only the entries that can
    /// start at each word of a comment.
    by_first_term: HashMap<String, Vec<usize>>,
}

#[derive(Debug, Clone)]
struct Entry {
    /// The line as the moderator wrote it (trimmed), reported when it matches.
    written: String,
    matcher: Matcher,
}

#[derive(Debug, Clone)]
enum Matcher {
    Words(Vec<String>),
    Regex(Regex),
}

/// Why a list cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    /// Longer than [`MAX_PATTERN_LIST_CHARS`].
    #[error("the list is {chars} characters long, more than the {max} it may be")]
    TooLong { chars: usize, max: usize },
    /// A line that cannot be used, and why.
    #[error("line {line}: {problem}")]
    Line {
        /// 1-based.
        line: usize,
        problem: LineProblem,
    },
}

/// Why one line of the list cannot be used: a value each, so the web layer
/// can say it in the moderator's language, with the entry as typed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineProblem {
    /// `//`: a regular expression with nothing in it.
    #[error("the regular expression `{entry}` is empty")]
    EmptyRegex { entry: String },
    /// `/…/` that the regular expression engine refuses; `detail` is the
    /// engine's own (English) words.
    #[error("`{entry}` is not a usable regular expression: {detail}")]
    BadRegex { entry: String, detail: String },
    /// Words with no letter or digit in them, which would match nothing.
    #[error("`{entry}` has no letters or digits to match; write /…/ for a regular expression")]
    NoTerms { entry: String },
}

impl Patterns {
    /// Compiles a list. The first unusable line is an error: a list that is
    /// silently half-applied would let through what the moderator meant to
    /// hold. So is a list longer than [`MAX_PATTERN_LIST_CHARS`], with CRLF
    /// line breaks counted as one character, as a form sends them.
    pub fn parse(text: &str) -> Result<Patterns, PatternError> {
        let chars = text.chars().count() - text.matches("\r\n").count();
        if chars > MAX_PATTERN_LIST_CHARS {
            return Err(PatternError::TooLong {
                chars,
                max: MAX_PATTERN_LIST_CHARS,
            });
        }
        let mut patterns = Patterns::default();
        for (index, line) in text.lines().enumerate() {
            let line_no = index + 1;
            let written = line.trim();
            if written.is_empty() || written.starts_with('#') {
                continue;
            }
            let error = |problem| PatternError::Line {
                line: line_no,
                problem,
            };
            let entry = written.to_string();
            let matcher = match written
                .strip_prefix('/')
                .and_then(|rest| rest.strip_suffix('/'))
            {
                Some("") => return Err(error(LineProblem::EmptyRegex { entry })),
                Some(expr) => {
                    let regex = RegexBuilder::new(expr)
                        .case_insensitive(true)
                        .size_limit(REGEX_SIZE_LIMIT)
                        .dfa_size_limit(REGEX_SIZE_LIMIT)
                        .build()
                        .map_err(|e| {
                            error(LineProblem::BadRegex {
                                entry,
                                detail: e.to_string(),
                            })
                        })?;
                    Matcher::Regex(regex)
                }
                None => {
                    let terms = terms(written);
                    if terms.is_empty() {
                        return Err(error(LineProblem::NoTerms { entry }));
                    }
                    patterns
                        .by_first_term
                        .entry(terms[0].clone())
                        .or_default()
                        .push(patterns.entries.len());
                    Matcher::Words(terms)
                }
            };
            patterns.entries.push(Entry {
                written: written.to_string(),
                matcher,
            });
        }
        Ok(patterns)
    }

    /// A list that matches nothing.
    pub fn empty() -> Patterns {
        Patterns::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The first entry, in list order and as written, that matches `text`.
    pub fn find(&self, text: &str) -> Option<String> {
        if self.entries.is_empty() {
            return None;
        }
        let words = terms(text);
        let mut best: Option<usize> = None;
        for start in 0..words.len() {
            let Some(candidates) = self.by_first_term.get(&words[start]) else {
                continue;
            };
            for &index in candidates {
                if best.is_some_and(|b| b <= index) {
                    break;
                }
                if let Matcher::Words(entry) = &self.entries[index].matcher {
                    if words[start..].starts_with(entry) {
                        best = Some(index);
                    }
                }
            }
        }
        let limit = best.unwrap_or(self.entries.len());
        let mut normalized: Option<String> = None;
        for (index, entry) in self.entries[..limit].iter().enumerate() {
            if let Matcher::Regex(regex) = &entry.matcher {
                let normalized =
                    normalized.get_or_insert_with(|| normalize_mixed(text, Language::English));
                if regex.is_match(text) || regex.is_match(normalized) {
                    best = Some(index);
                    break;
                }
            }
        }
        best.map(|index| self.entries[index].written.clone())
    }
}

/// A compiled list kept between comments, by the revision of the saved
/// list it was compiled from.
///
/// Compiling a list (each entry through the text analysis, each `/regex/`
/// built) costs far more than matching a comment against it, and the list
/// changes only when a moderator saves it. So the caller asks the store
/// only which revision is saved (one row), and compiles the list again only
/// when that is not the revision kept: a list saved through any node, onto
/// the same database, holds the next comment on every node, with no notice
/// to wait for. Revisions are compared for equality, not order, so a
/// database restored to an older list is followed too.
#[derive(Debug, Default)]
pub struct CompiledPatterns {
    kept: std::sync::RwLock<Option<(i64, Arc<Patterns>)>>,
}

impl CompiledPatterns {
    pub fn new() -> CompiledPatterns {
        CompiledPatterns::default()
    }

    /// The list compiled from `revision`, if that is the one kept.
    pub fn get(&self, revision: i64) -> Option<Arc<Patterns>> {
        // A poisoned lock held a whole pair swapped in one step: still sound.
        let kept = self.kept.read().unwrap_or_else(PoisonError::into_inner);
        kept.as_ref()
            .filter(|(r, _)| *r == revision)
            .map(|(_, p)| p.clone())
    }

    /// Keeps `patterns`, compiled from `revision`, in place of the list
    /// kept before, and gives it back to use. Two comments that compile
    /// the same new revision at once each keep theirs; either will do.
    pub fn keep(&self, revision: i64, patterns: Patterns) -> Arc<Patterns> {
        let patterns = Arc::new(patterns);
        *self.kept.write().unwrap_or_else(PoisonError::into_inner) =
            Some((revision, patterns.clone()));
        patterns
    }
}

/// The words of a text as the site's search sees them. English rules with the
/// Arabic-script rules chosen per run: a comment may mix all three languages.
fn terms(text: &str) -> Vec<String> {
    tokenize_mixed(text, Language::English)
        .into_iter()
        .map(|t| t.term)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "\
# Spam
casino
buy followers

/\\bv[i1]agra\\b/
ass
کثافت
";

    #[test]
    fn parses_entries_and_skips_comments_and_blank_lines() {
        let p = Patterns::parse(LIST).unwrap();
        assert_eq!(p.len(), 5);
        assert!(!p.is_empty());
        assert!(Patterns::empty().is_empty());
        assert_eq!(Patterns::empty().find("casino"), None);
        assert_eq!(Patterns::parse("# only\n\n   \n").unwrap().len(), 0);
    }

    #[test]
    fn words_match_whole_words_in_any_case() {
        let p = Patterns::parse(LIST).unwrap();
        assert_eq!(p.find("Best CASINO in town"), Some("casino".into()));
        assert_eq!(p.find("casino."), Some("casino".into()));
        assert_eq!(p.find("casinos everywhere"), None);
        assert_eq!(p.find("a first-class article"), None);
        assert_eq!(p.find("the class assembled"), None);
        assert_eq!(p.find("you ass"), Some("ass".into()));
        assert_eq!(p.find("A good article, thank you."), None);
    }

    #[test]
    fn phrases_match_consecutive_words() {
        let p = Patterns::parse(LIST).unwrap();
        assert_eq!(p.find("Buy   Followers now"), Some("buy followers".into()));
        assert_eq!(p.find("buy\nfollowers"), Some("buy followers".into()));
        assert_eq!(p.find("buy more followers"), None);
        assert_eq!(p.find("followers buy"), None);
    }

    #[test]
    fn regular_expressions_match_case_insensitively() {
        let p = Patterns::parse(LIST).unwrap();
        assert_eq!(p.find("cheap VIAGRA"), Some("/\\bv[i1]agra\\b/".into()));
        assert_eq!(p.find("cheap v1agra"), Some("/\\bv[i1]agra\\b/".into()));
        assert_eq!(p.find("viagras"), None);
    }

    #[test]
    fn the_first_entry_in_list_order_wins() {
        let p = Patterns::parse(LIST).unwrap();
        assert_eq!(p.find("ass at the casino"), Some("casino".into()));
        assert_eq!(p.find("viagra at the casino"), Some("casino".into()));
        assert_eq!(p.find("viagra, you ass"), Some("/\\bv[i1]agra\\b/".into()));
    }

    #[test]
    fn arabic_keyboard_spellings_match_persian_entries() {
        let p = Patterns::parse(LIST).unwrap();
        // Arabic kaf ك and yeh ي for Persian ک and ی, with tatweel and a fatha.
        assert_eq!(p.find("اين كثافـــتَ است"), Some("کثافت".into()));
        assert_eq!(p.find("این کثافت است"), Some("کثافت".into()));
        let p = Patterns::parse("كتاب\n").unwrap();
        assert_eq!(p.find("یک کتاب خوب"), Some("كتاب".into()));
        assert_eq!(p.find("کتابخانه"), None);
        let p = Patterns::parse("/کثافت/\n").unwrap();
        assert_eq!(p.find("كثافت"), Some("/کثافت/".into()));
    }

    /// A revision compiled once is handed out again as the same list, not
    /// compiled anew; another revision is not taken for it.
    #[test]
    fn a_kept_list_is_handed_out_until_its_revision_changes() {
        let kept = CompiledPatterns::new();
        assert!(kept.get(0).is_none());
        let first = kept.keep(1, Patterns::parse(LIST).unwrap());
        let again = kept.get(1).unwrap();
        assert!(Arc::ptr_eq(&first, &again), "the list compiled before");
        assert_eq!(again.find("casino"), Some("casino".into()));
        assert!(kept.get(2).is_none(), "a newer list is compiled");
        let second = kept.keep(2, Patterns::parse("roulette\n").unwrap());
        assert!(Arc::ptr_eq(&second, &kept.get(2).unwrap()));
        assert!(kept.get(1).is_none(), "only the newest is kept");
        assert_eq!(kept.get(2).unwrap().find("casino"), None);
    }

    /// The line and the message of a list's first bad line.
    fn bad_line(text: &str) -> (usize, String) {
        match Patterns::parse(text).unwrap_err() {
            PatternError::Line { line, problem } => (line, problem.to_string()),
            other => panic!("expected a bad line, got {other:?}"),
        }
    }

    #[test]
    fn bad_lines_name_their_line() {
        let (line, message) = bad_line("casino\n# ok\n/(unclosed/\n");
        assert_eq!(line, 3);
        assert!(message.contains("(unclosed"), "{message}");
        let e = Patterns::parse("casino\n# ok\n/(unclosed/\n").unwrap_err();
        assert!(e.to_string().starts_with("line 3: "));
        assert_eq!(
            bad_line("a\n//\n"),
            (2, "the regular expression `//` is empty".into())
        );
        assert_eq!(
            bad_line("a\nb\n!!!\n"),
            (
                3,
                "`!!!` has no letters or digits to match; write /…/ for a regular expression"
                    .into()
            )
        );
    }

    #[test]
    fn huge_regular_expressions_are_refused() {
        let (line, message) = bad_line("/(\\w{100}){100}/");
        assert_eq!(line, 1);
        assert!(message.contains("size limit"), "{message}");
    }

    /// As long as the field lets one type, in letters of any script and
    /// with a form's CRLF line breaks, and not a letter more.
    #[test]
    fn a_list_is_at_most_its_limit_in_characters() {
        let max = MAX_PATTERN_LIST_CHARS;
        // `کتاب\r\n`: five characters as a browser counts them.
        let full = format!("{}{}", "کتاب\r\n".repeat(max / 5), "a".repeat(max % 5));
        assert!(full.len() > max + max / 2, "more bytes than characters");
        assert_eq!(Patterns::parse(&full).unwrap().len(), max / 5 + 1);
        let over = format!("{full}b");
        assert_eq!(
            Patterns::parse(&over).unwrap_err(),
            PatternError::TooLong {
                chars: max + 1,
                max
            }
        );
    }
}

//! Whether a comment is published, held for a moderator or refused.
//!
//! The web and store layers gather the [`Facts`]; [`decide`] only weighs them, so
//! every rule here is a pure function with a test beside it.

use std::fmt;

use askaf_text::{normalize_mixed, Language};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The moderators' settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// A form posted sooner than this after it was shown was filled in by a
    /// program. Default 3.
    pub min_seconds: u64,
    /// A form posted later than this is refused as expired, so a harvested form
    /// cannot be replayed for ever; 0 means forms never expire. Default 86400 (a day).
    pub max_age_seconds: u64,
    /// More links than this and the comment waits for review. Default 2.
    pub max_links: usize,
    /// Comments taken (published or held) per hour from one IP address; 0
    /// means no limit. Default 10. Refused posts do not count: a reader
    /// whose stale form was refused has not used up their hour.
    pub per_ip_per_hour: u32,
    /// Comments taken per hour with one email address from one IP address;
    /// 0 means no limit. Default 5.
    ///
    /// What stops one person sending one comment after another under one
    /// email, more tightly than [`Policy::per_ip_per_hour`]. Counted at
    /// the address they come from, not everywhere, because an email is
    /// no proof of who sends it: counted everywhere, anyone who knew a
    /// reader's email could post a few comments signed with it (held for
    /// review, but taken) and lock its owner out for an hour from their
    /// own connection. At one address a flood under one email is still
    /// stopped; one spread over many addresses is bounded by the limit at
    /// each, as a flood under many emails always was.
    pub per_email_per_hour: u32,
    /// Refused posts per hour from one IP address past which every post
    /// from it, a good comment or another stale form, is refused as
    /// throttled: what bounds a flood of posts that are never taken (a
    /// program retrying a stale form, or probing the ban list), and what
    /// it writes to the decision log. More generous than [`Policy::per_ip_per_hour`], as a person
    /// can be refused a few times on the way to one comment; counted by
    /// address only, so nobody can lock out an email by posting refused
    /// forms in its name. 0 means no limit. Default 50.
    pub refused_per_ip_per_hour: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            min_seconds: 3,
            max_age_seconds: 86_400,
            max_links: 2,
            per_ip_per_hour: 10,
            per_email_per_hour: 5,
            refused_per_ip_per_hour: 50,
        }
    }
}

/// What the web and store layers found out about one submitted comment.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub honeypot_filled: bool,
    /// Seconds between the form being shown and posted; None when the form's timing token was missing or invalid.
    pub seconds_since_form: Option<u64>,
    pub links: usize,
    /// The same body (plain text, normalized) was already posted to this article.
    pub duplicate: bool,
    /// Comments taken (published or held) from this IP in the last hour.
    pub recent_from_ip: u32,
    /// Comments taken (published or held) with this email from this IP
    /// in the last hour (see [`Policy::per_email_per_hour`]).
    pub recent_from_email: u32,
    /// Posts refused from this IP in the last hour (not counting this one).
    pub refused_from_ip: u32,
    /// What the site knows of the comment's email and of the browser
    /// that sent it.
    pub commenter: Commenter,
    /// A ban that matched, in its text form.
    pub banned: Option<String>,
    pub closed: bool,
    /// The pattern-list entry that matched the name, email or body.
    pub pattern: Option<String>,
    /// Posted from the browser of a signed-in account that moderates
    /// comments (a moderator replying to a reader): what a comment is held
    /// for is that account's own call, so it is published at once. What
    /// refuses a comment still refuses it.
    pub by_moderator: bool,
    /// The site's name or a staff name the comment is signed with
    /// ([`crate::taken_name`]): refused, unless [`Facts::by_moderator`].
    pub taken_name: Option<String>,
}

/// Whether a comment's sender is one whose comments are published at once.
///
/// An email is no proof of who sends it: anyone who knows a reader's email
/// can sign with it. What tells the reader from them is the browser: the
/// one whose comment signed with the email was approved holds the site's
/// signed mark of that comment (the web layer's cookie), and no one else
/// does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Commenter {
    /// No approved comment is signed with the email, or there is no email.
    #[default]
    New,
    /// Approved comments are signed with the email, but the browser did
    /// not show the mark of one: someone else signing with it, or its
    /// owner in another browser. Held, as a first comment is.
    Unproven,
    /// The browser showed the mark of an approved comment signed with the
    /// email: published at once, unless something else holds it.
    Returning,
}

/// Why a comment was held or refused.
///
/// Stored with its values (see [`Reason::encode_list`]), so the moderation
/// queue and the decision log can say it in each moderator's language: in
/// JSON each is `{"code": …}` with [`Reason::code`], and its values under
/// `"values"` (an object, or the one string of `Banned`, `Pattern` and
/// `TakenName`). Renaming a variant or a field would orphan stored rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", content = "values", rename_all = "kebab-case")]
pub enum Reason {
    Honeypot,
    #[serde(rename = "too-fast")]
    FormTooFast {
        seconds: u64,
        min: u64,
    },
    FormMissing,
    FormExpired {
        seconds: u64,
    },
    RateLimitIp {
        count: u32,
        limit: u32,
    },
    RateLimitEmail {
        count: u32,
        limit: u32,
    },
    /// Too many posts refused from this IP address in the last hour
    /// ([`Policy::refused_per_ip_per_hour`]).
    RateLimitRefused {
        count: u32,
        limit: u32,
    },
    Duplicate,
    Banned(String),
    Closed,
    TooManyLinks {
        links: usize,
        max: usize,
    },
    Pattern(String),
    FirstComment,
    NoEmail,
    /// Signed with the site's name or a name its staff sign with.
    TakenName(String),
    /// Signed with an email whose comments were approved, from a browser
    /// that did not show it wrote one of them ([`Commenter::Unproven`]).
    UnprovenCommenter,
}

impl Reason {
    /// A stable key for translations and logs, e.g. `too-fast`, `first-comment`.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Honeypot => "honeypot",
            Reason::FormTooFast { .. } => "too-fast",
            Reason::FormMissing => "form-missing",
            Reason::FormExpired { .. } => "form-expired",
            Reason::RateLimitIp { .. } => "rate-limit-ip",
            Reason::RateLimitEmail { .. } => "rate-limit-email",
            Reason::RateLimitRefused { .. } => "rate-limit-refused",
            Reason::Duplicate => "duplicate",
            Reason::Banned(_) => "banned",
            Reason::Closed => "closed",
            Reason::TooManyLinks { .. } => "too-many-links",
            Reason::Pattern(_) => "pattern",
            Reason::FirstComment => "first-comment",
            Reason::NoEmail => "no-email",
            Reason::TakenName(_) => "taken-name",
            Reason::UnprovenCommenter => "unproven-commenter",
        }
    }

    /// One reason of each kind, in the order of the variants, with example
    /// values: what each translation must be able to say (the web crate's
    /// tests render every one in every language). A new variant goes here
    /// and in the translation files.
    pub fn examples() -> Vec<Reason> {
        vec![
            Reason::Honeypot,
            Reason::FormTooFast { seconds: 1, min: 3 },
            Reason::FormMissing,
            Reason::FormExpired { seconds: 90_000 },
            Reason::RateLimitIp {
                count: 10,
                limit: 10,
            },
            Reason::RateLimitEmail { count: 1, limit: 1 },
            Reason::RateLimitRefused {
                count: 50,
                limit: 50,
            },
            Reason::Duplicate,
            Reason::Banned("203.0.113.0/24".into()),
            Reason::Closed,
            Reason::TooManyLinks { links: 3, max: 2 },
            Reason::Pattern("کازینو".into()),
            Reason::FirstComment,
            Reason::NoEmail,
            Reason::TakenName("AskAfghanistan".into()),
            Reason::UnprovenCommenter,
        ]
    }

    /// Reasons as the store keeps them: a JSON array.
    pub fn encode_list(reasons: &[Reason]) -> String {
        // A list of enums of strings and integers: serializing cannot fail.
        serde_json::to_string(reasons).unwrap_or_else(|_| "[]".into())
    }

    /// Reasons back from [`Reason::encode_list`]'s JSON; `None` when it is
    /// not such a list (a code a later version added, say), so the caller
    /// can fall back on the sentence stored beside it.
    pub fn decode_list(json: &str) -> Option<Vec<Reason>> {
        serde_json::from_str(json).ok()
    }
}

/// One sentence for the moderation queue and logs (the reader's own message is
/// translated by the web layer from [`Reason::code`]).
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Honeypot => f.write_str("filled in the hidden field that only programs see"),
            Reason::FormTooFast { seconds, min } => write!(
                f,
                "posted {seconds} s after the form was shown (minimum {min} s)"
            ),
            Reason::FormMissing => f.write_str("the form's timing token was missing or invalid"),
            Reason::FormExpired { seconds } => write!(
                f,
                "posted {} after the form was shown; the form had expired",
                duration(*seconds)
            ),
            Reason::RateLimitIp { count, limit } => write!(
                f,
                "{} from this IP address in the last hour (limit {limit})",
                plural(u64::from(*count), "comment", "comments")
            ),
            Reason::RateLimitEmail { count, limit } => write!(
                f,
                "{} from this email address in the last hour (limit {limit})",
                plural(u64::from(*count), "comment", "comments")
            ),
            Reason::RateLimitRefused { count, limit } => write!(
                f,
                "{} refused from this IP address in the last hour (limit {limit})",
                plural(u64::from(*count), "post", "posts")
            ),
            Reason::Duplicate => f.write_str("the same text was already posted to this article"),
            Reason::Banned(target) => write!(f, "banned: `{target}`"),
            Reason::Closed => f.write_str("comments on this article are closed"),
            Reason::TooManyLinks { links, max } => write!(
                f,
                "{} (at most {max} without review)",
                plural(*links as u64, "link", "links")
            ),
            Reason::Pattern(entry) => write!(f, "matched the word list entry `{entry}`"),
            Reason::FirstComment => f.write_str("first comment from this email address"),
            Reason::NoEmail => {
                f.write_str("no email address, so it cannot count as a known commenter's")
            }
            Reason::TakenName(name) => write!(
                f,
                "signed as `{name}`, the site's name or one its staff sign with, without being signed in"
            ),
            Reason::UnprovenCommenter => f.write_str(
                "this email's comments were approved, but this one was not sent from the browser that wrote them",
            ),
        }
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A span of time in the unit a moderator reads at a glance: seconds under
/// two minutes, minutes under two hours, hours under two days, then days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Seconds(u64),
    Minutes(u64),
    Hours(u64),
    Days(u64),
}

impl Span {
    pub fn of(seconds: u64) -> Span {
        match seconds {
            0..120 => Span::Seconds(seconds),
            120..7_200 => Span::Minutes(seconds / 60),
            7_200..172_800 => Span::Hours(seconds / 3_600),
            _ => Span::Days(seconds / 86_400),
        }
    }
}

fn duration(seconds: u64) -> String {
    match Span::of(seconds) {
        Span::Seconds(n) => format!("{n} s"),
        Span::Minutes(n) => format!("{n} min"),
        Span::Hours(n) => format!("{n} h"),
        Span::Days(n) => format!("{n} days"),
    }
}

/// What becomes of a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Published at once.
    Publish,
    /// Stored, waits for a moderator; the reasons are shown in the queue.
    Hold(Vec<Reason>),
    /// Not stored as a comment (the attempt is still logged by the caller); the reader is told why and keeps their text.
    Reject(Reason),
}

/// Weighs the facts about one comment.
///
/// Refusals come first, the first that applies, in this order: refused posts
/// from the IP, closed, banned, honeypot, missing form token, too fast, expired
/// form, IP rate limit, email rate limit, duplicate, a taken name (unless a
/// moderator signs with it). An address past its limit on refusals is
/// throttled: nothing else about its post is weighed, and it is told only when
/// to come back (the caller logs one such refusal, not each, so a flood does
/// not fill the log). After that the order puts what the reader cannot change
/// before what they can, and the cheap, certain signs of a program before the
/// guesses.
///
/// Otherwise the comment is held for every reason that applies (too many links,
/// a word list match, a first comment from an email address, an email whose
/// comments were approved sent from a browser that did not write them, or
/// no email address at all, since only an address ties a comment to earlier
/// approved ones), and published when none does.
pub fn decide(policy: &Policy, facts: &Facts, has_email: bool) -> Decision {
    if let Some(reason) = refusal(policy, facts, has_email) {
        return Decision::Reject(reason);
    }
    if facts.by_moderator {
        return Decision::Publish;
    }
    let mut holds = Vec::new();
    if facts.links > policy.max_links {
        holds.push(Reason::TooManyLinks {
            links: facts.links,
            max: policy.max_links,
        });
    }
    if let Some(entry) = &facts.pattern {
        holds.push(Reason::Pattern(entry.clone()));
    }
    match (has_email, facts.commenter) {
        (false, _) => holds.push(Reason::NoEmail),
        (true, Commenter::New) => holds.push(Reason::FirstComment),
        (true, Commenter::Unproven) => holds.push(Reason::UnprovenCommenter),
        (true, Commenter::Returning) => {}
    }
    if holds.is_empty() {
        Decision::Publish
    } else {
        Decision::Hold(holds)
    }
}

/// The refusal of a post from an address that `refused_from_ip` posts
/// refused in the last hour have throttled, if they have: the first of
/// [`decide`]'s refusals, which weighs nothing else, so a caller may ask
/// it before it gathers the rest of the [`Facts`] (and spare a flood of
/// posts those reads); [`decide`] gives the same answer.
pub fn throttled(policy: &Policy, refused_from_ip: u32) -> Option<Reason> {
    let limit = policy.refused_per_ip_per_hour;
    (limit > 0 && refused_from_ip >= limit).then_some(Reason::RateLimitRefused {
        count: refused_from_ip,
        limit,
    })
}

fn refusal(policy: &Policy, facts: &Facts, has_email: bool) -> Option<Reason> {
    if let Some(reason) = throttled(policy, facts.refused_from_ip) {
        return Some(reason);
    }
    if facts.closed {
        return Some(Reason::Closed);
    }
    if let Some(target) = &facts.banned {
        return Some(Reason::Banned(target.clone()));
    }
    if facts.honeypot_filled {
        return Some(Reason::Honeypot);
    }
    let Some(seconds) = facts.seconds_since_form else {
        return Some(Reason::FormMissing);
    };
    if seconds < policy.min_seconds {
        return Some(Reason::FormTooFast {
            seconds,
            min: policy.min_seconds,
        });
    }
    if policy.max_age_seconds > 0 && seconds > policy.max_age_seconds {
        return Some(Reason::FormExpired { seconds });
    }
    if policy.per_ip_per_hour > 0 && facts.recent_from_ip >= policy.per_ip_per_hour {
        return Some(Reason::RateLimitIp {
            count: facts.recent_from_ip,
            limit: policy.per_ip_per_hour,
        });
    }
    if has_email
        && policy.per_email_per_hour > 0
        && facts.recent_from_email >= policy.per_email_per_hour
    {
        return Some(Reason::RateLimitEmail {
            count: facts.recent_from_email,
            limit: policy.per_email_per_hour,
        });
    }
    if facts.duplicate {
        return Some(Reason::Duplicate);
    }
    if let Some(name) = facts.taken_name.as_ref().filter(|_| !facts.by_moderator) {
        return Some(Reason::TakenName(name.clone()));
    }
    None
}

/// The fingerprint of a comment body for duplicate detection: the SHA-256, in
/// lowercase hex, of its plain text normalized as the site's search normalizes
/// text (NFKC, lowercase, whitespace collapsed, Arabic yeh and kaf folded,
/// diacritics, tatweel and ZWNJ dropped), so resending the same words with other
/// spacing, case, markup or keyboard is still a duplicate.
pub fn fingerprint(body: &str) -> String {
    let text = normalize_mixed(&crate::plain_text(body), Language::English);
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A comment nothing is wrong with, from a known commenter.
    fn fine() -> Facts {
        Facts {
            seconds_since_form: Some(30),
            commenter: Commenter::Returning,
            ..Facts::default()
        }
    }

    fn reject(facts: &Facts) -> Reason {
        match decide(&Policy::default(), facts, true) {
            Decision::Reject(reason) => reason,
            other => panic!("expected a rejection, got {other:?}"),
        }
    }

    #[test]
    fn publishes_a_known_commenters_comment() {
        assert_eq!(decide(&Policy::default(), &fine(), true), Decision::Publish);
    }

    /// An email whose comments were approved is published at once only
    /// from the browser that wrote one; from any other it is held, for a
    /// reason of its own, as a first comment is.
    #[test]
    fn a_known_email_is_published_at_once_only_from_its_own_browser() {
        let at = |commenter| {
            decide(
                &Policy::default(),
                &Facts {
                    commenter,
                    ..fine()
                },
                true,
            )
        };
        assert_eq!(at(Commenter::Returning), Decision::Publish);
        assert_eq!(
            at(Commenter::Unproven),
            Decision::Hold(vec![Reason::UnprovenCommenter])
        );
        assert_eq!(
            at(Commenter::New),
            Decision::Hold(vec![Reason::FirstComment])
        );
    }

    /// [`throttled`] is [`decide`]'s first refusal, whatever else the
    /// facts say, and none below the limit or with the limit off.
    #[test]
    fn throttled_is_the_first_refusal() {
        let p = Policy::default();
        let everything = Facts {
            closed: true,
            banned: Some("x@example.org".into()),
            honeypot_filled: true,
            seconds_since_form: None,
            refused_from_ip: 50,
            ..fine()
        };
        let reason = throttled(&p, 50).unwrap();
        assert_eq!(decide(&p, &everything, true), Decision::Reject(reason));
        assert_eq!(throttled(&p, 49), None);
        let off = Policy {
            refused_per_ip_per_hour: 0,
            ..p
        };
        assert_eq!(throttled(&off, 1000), None);
    }

    #[test]
    fn each_refusal() {
        let f = Facts {
            closed: true,
            ..fine()
        };
        assert_eq!(reject(&f), Reason::Closed);
        let f = Facts {
            banned: Some("203.0.113.0/24".into()),
            ..fine()
        };
        assert_eq!(reject(&f), Reason::Banned("203.0.113.0/24".into()));
        let f = Facts {
            honeypot_filled: true,
            ..fine()
        };
        assert_eq!(reject(&f), Reason::Honeypot);
        let f = Facts {
            seconds_since_form: None,
            ..fine()
        };
        assert_eq!(reject(&f), Reason::FormMissing);
        let f = Facts {
            seconds_since_form: Some(1),
            ..fine()
        };
        assert_eq!(reject(&f), Reason::FormTooFast { seconds: 1, min: 3 });
        let f = Facts {
            seconds_since_form: Some(86_401),
            ..fine()
        };
        assert_eq!(reject(&f), Reason::FormExpired { seconds: 86_401 });
        let f = Facts {
            recent_from_ip: 10,
            ..fine()
        };
        assert_eq!(
            reject(&f),
            Reason::RateLimitIp {
                count: 10,
                limit: 10
            }
        );
        let f = Facts {
            recent_from_email: 5,
            ..fine()
        };
        assert_eq!(reject(&f), Reason::RateLimitEmail { count: 5, limit: 5 });
        let f = Facts {
            refused_from_ip: 50,
            ..fine()
        };
        assert_eq!(
            reject(&f),
            Reason::RateLimitRefused {
                count: 50,
                limit: 50
            }
        );
        let f = Facts {
            duplicate: true,
            ..fine()
        };
        assert_eq!(reject(&f), Reason::Duplicate);
        let f = Facts {
            taken_name: Some("AskAfghanistan".into()),
            ..fine()
        };
        assert_eq!(reject(&f), Reason::TakenName("AskAfghanistan".into()));
    }

    #[test]
    fn a_moderator_may_sign_with_the_sites_name() {
        let f = Facts {
            taken_name: Some("AskAfghanistan".into()),
            by_moderator: true,
            ..fine()
        };
        assert_eq!(decide(&Policy::default(), &f, false), Decision::Publish);
    }

    #[test]
    fn limits_are_inclusive_and_zero_turns_them_off() {
        let p = Policy::default();
        let at = |f: Facts| decide(&p, &f, true);
        assert_eq!(
            at(Facts {
                seconds_since_form: Some(3),
                ..fine()
            }),
            Decision::Publish
        );
        assert_eq!(
            at(Facts {
                seconds_since_form: Some(86_400),
                ..fine()
            }),
            Decision::Publish
        );
        assert_eq!(
            at(Facts {
                recent_from_ip: 9,
                recent_from_email: 4,
                refused_from_ip: 49,
                ..fine()
            }),
            Decision::Publish
        );
        let off = Policy {
            max_age_seconds: 0,
            per_ip_per_hour: 0,
            per_email_per_hour: 0,
            refused_per_ip_per_hour: 0,
            ..Policy::default()
        };
        let f = Facts {
            seconds_since_form: Some(10_000_000),
            recent_from_ip: 1000,
            recent_from_email: 1000,
            refused_from_ip: 1000,
            ..fine()
        };
        assert_eq!(decide(&off, &f, true), Decision::Publish);
    }

    #[test]
    fn without_an_email_the_email_rate_limit_does_not_apply() {
        let f = Facts {
            recent_from_email: 99,
            ..fine()
        };
        assert_eq!(
            decide(&Policy::default(), &f, false),
            Decision::Hold(vec![Reason::NoEmail])
        );
    }

    #[test]
    fn refusals_come_in_order() {
        let everything = Facts {
            closed: true,
            banned: Some("x@example.org".into()),
            honeypot_filled: true,
            seconds_since_form: Some(0),
            recent_from_ip: 100,
            recent_from_email: 100,
            refused_from_ip: 100,
            duplicate: true,
            links: 10,
            pattern: Some("casino".into()),
            commenter: Commenter::New,
            by_moderator: false,
            taken_name: Some("AskAfghanistan".into()),
        };
        let mut f = everything;
        let mut seen = Vec::new();
        // Remove each reason in turn; the next one in the documented order shows.
        let steps: [fn(&mut Facts); 10] = [
            |f| f.refused_from_ip = 0,
            |f| f.closed = false,
            |f| f.banned = None,
            |f| f.honeypot_filled = false,
            |f| f.seconds_since_form = None,
            |f| f.seconds_since_form = Some(1_000_000),
            |f| f.seconds_since_form = Some(60),
            |f| f.recent_from_ip = 0,
            |f| f.recent_from_email = 0,
            |f| f.duplicate = false,
        ];
        seen.push(reject(&f).code());
        for step in steps {
            step(&mut f);
            seen.push(reject(&f).code());
        }
        assert_eq!(
            seen,
            [
                "rate-limit-refused",
                "closed",
                "banned",
                "honeypot",
                "too-fast",
                "form-missing",
                "form-expired",
                "rate-limit-ip",
                "rate-limit-email",
                "duplicate",
                "taken-name"
            ]
        );
        // A missing token outranks timing, which a missing token cannot have.
        let f = Facts {
            seconds_since_form: None,
            recent_from_ip: 100,
            ..fine()
        };
        assert_eq!(reject(&f), Reason::FormMissing);
    }

    #[test]
    fn holds_collect_every_reason() {
        let f = Facts {
            links: 3,
            pattern: Some("casino".into()),
            commenter: Commenter::New,
            ..fine()
        };
        assert_eq!(
            decide(&Policy::default(), &f, true),
            Decision::Hold(vec![
                Reason::TooManyLinks { links: 3, max: 2 },
                Reason::Pattern("casino".into()),
                Reason::FirstComment,
            ])
        );
        assert_eq!(
            decide(&Policy::default(), &Facts { links: 2, ..fine() }, true),
            Decision::Publish
        );
        assert_eq!(
            decide(
                &Policy::default(),
                &Facts {
                    commenter: Commenter::New,
                    ..fine()
                },
                true
            ),
            Decision::Hold(vec![Reason::FirstComment])
        );
        // Without an email there is no first comment, only no email.
        assert_eq!(
            decide(
                &Policy::default(),
                &Facts {
                    commenter: Commenter::New,
                    ..fine()
                },
                false
            ),
            Decision::Hold(vec![Reason::NoEmail])
        );
    }

    /// A moderator's own comment waits for no moderator, whatever it would
    /// be held for; a refusal (here, comments closed) still applies.
    #[test]
    fn a_moderators_comment_is_published_at_once_but_not_past_a_refusal() {
        let held = Facts {
            links: 3,
            pattern: Some("casino".into()),
            commenter: Commenter::New,
            by_moderator: true,
            ..fine()
        };
        assert_eq!(decide(&Policy::default(), &held, false), Decision::Publish);
        let closed = Facts {
            closed: true,
            ..held
        };
        assert_eq!(reject(&closed), Reason::Closed);
    }

    #[test]
    fn reasons_read_as_sentences_with_stable_codes() {
        let cases = [
            (
                Reason::Honeypot,
                "honeypot",
                "filled in the hidden field that only programs see",
            ),
            (
                Reason::FormTooFast { seconds: 1, min: 3 },
                "too-fast",
                "posted 1 s after the form was shown (minimum 3 s)",
            ),
            (
                Reason::FormMissing,
                "form-missing",
                "the form's timing token was missing or invalid",
            ),
            (
                Reason::FormExpired { seconds: 90_000 },
                "form-expired",
                "posted 25 h after the form was shown; the form had expired",
            ),
            (
                Reason::RateLimitIp {
                    count: 10,
                    limit: 10,
                },
                "rate-limit-ip",
                "10 comments from this IP address in the last hour (limit 10)",
            ),
            (
                Reason::RateLimitEmail { count: 1, limit: 1 },
                "rate-limit-email",
                "1 comment from this email address in the last hour (limit 1)",
            ),
            (
                Reason::RateLimitRefused {
                    count: 50,
                    limit: 50,
                },
                "rate-limit-refused",
                "50 posts refused from this IP address in the last hour (limit 50)",
            ),
            (
                Reason::Duplicate,
                "duplicate",
                "the same text was already posted to this article",
            ),
            (
                Reason::Banned("203.0.113.0/24".into()),
                "banned",
                "banned: `203.0.113.0/24`",
            ),
            (
                Reason::Closed,
                "closed",
                "comments on this article are closed",
            ),
            (
                Reason::TooManyLinks { links: 3, max: 2 },
                "too-many-links",
                "3 links (at most 2 without review)",
            ),
            (
                Reason::Pattern("casino".into()),
                "pattern",
                "matched the word list entry `casino`",
            ),
            (
                Reason::FirstComment,
                "first-comment",
                "first comment from this email address",
            ),
            (
                Reason::NoEmail,
                "no-email",
                "no email address, so it cannot count as a known commenter's",
            ),
            (
                Reason::UnprovenCommenter,
                "unproven-commenter",
                "this email's comments were approved, but this one was not sent from the browser that wrote them",
            ),
        ];
        for (reason, code, text) in cases {
            assert_eq!(reason.code(), code);
            assert_eq!(reason.to_string(), text);
        }
        assert_eq!(duration(59), "59 s");
        assert_eq!(duration(600), "10 min");
        assert_eq!(duration(3 * 86_400), "3 days");
    }

    /// Every [`Reason::code`], in the order of the variants.
    const CODES: [&str; 16] = [
        "honeypot",
        "too-fast",
        "form-missing",
        "form-expired",
        "rate-limit-ip",
        "rate-limit-email",
        "rate-limit-refused",
        "duplicate",
        "banned",
        "closed",
        "too-many-links",
        "pattern",
        "first-comment",
        "no-email",
        "taken-name",
        "unproven-commenter",
    ];

    /// Stored reasons come back with their values, and name themselves in
    /// JSON by the same stable code the translations use.
    #[test]
    fn reasons_round_trip_through_json_under_their_codes() {
        let all = Reason::examples();
        let json = Reason::encode_list(&all);
        assert_eq!(Reason::decode_list(&json), Some(all.clone()));
        let values: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
        for (reason, value) in all.iter().zip(&values) {
            assert_eq!(value["code"], reason.code(), "{value}");
        }
        assert_eq!(
            values[1]["values"],
            serde_json::json!({"seconds": 1, "min": 3})
        );
        assert_eq!(values[11]["values"], "کازینو");
        let codes: Vec<&str> = all.iter().map(Reason::code).collect();
        assert_eq!(codes, CODES);
        assert_eq!(Reason::decode_list("[]"), Some(vec![]));
        assert_eq!(Reason::decode_list(r#"[{"code": "newer"}]"#), None);
        assert_eq!(Reason::decode_list("first comment"), None);
    }

    #[test]
    fn fingerprints_ignore_spacing_case_markup_and_keyboard() {
        let a = fingerprint("Great article, thank you!");
        assert_eq!(a.len(), 64);
        assert!(a
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(fingerprint("  great   ARTICLE,\n\nthank you!  "), a);
        assert_eq!(fingerprint("**Great** article, *thank* you!"), a);
        assert_ne!(fingerprint("Great article, thanks!"), a);
        // Arabic yeh and kaf, tatweel: the same Dari words.
        assert_eq!(
            fingerprint("اين كتاب خوب است"),
            fingerprint("این کتـــاب خوب است")
        );
        assert_ne!(
            fingerprint("این کتاب خوب است"),
            fingerprint("این کتاب بد است")
        );
    }
}

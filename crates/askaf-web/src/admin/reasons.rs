//! Why the checks held or refused a comment, said in the moderator's own
//! language: the store keeps each [`Reason`] with its values, and the
//! sentence comes from the translation files (`admin-reason-<code>`) when the
//! page is made. What a reader or a moderator typed (a word-list entry, a
//! ban, a name) is shown as given, in a `<bdi>` of its own, so a Latin
//! address keeps its order inside a Pashto sentence and the reverse.

use askaf_comments::{Reason, Span};
use askaf_content::Lang;
use askaf_store::{Comment, Decision};
use fluent_templates::fluent_bundle::FluentValue;

use crate::i18n;
use crate::markup::escape;

/// Where a value given as typed goes in a formatted sentence: characters of
/// the Private Use Area no translation contains, replaced once the
/// sentence is escaped.
const OPEN: char = '\u{F8F0}';
const CLOSE: char = '\u{F8F1}';

/// The reasons, each one sentence, as HTML (escaped, values in `<bdi>`),
/// parted by the language's semicolon.
pub(super) fn reasons_html(lang: Lang, reasons: &[Reason]) -> String {
    let separator = if lang.is_rtl() { "؛ " } else { "; " };
    reasons
        .iter()
        .map(|r| reason_html(lang, r))
        .collect::<Vec<_>>()
        .join(separator)
}

/// One reason as HTML.
pub(super) fn reason_html(lang: Lang, reason: &Reason) -> String {
    let (args, given) = arguments(lang, reason);
    let sentence = i18n::text(lang, &key(reason), &args);
    with_values(&escape(&sentence), &given)
}

/// The message that says `reason`.
fn key(reason: &Reason) -> String {
    format!("admin-reason-{}", reason.code())
}

/// Why a comment waits, for the queue: its reasons in `lang`, or, for a
/// comment held before they were kept, the English sentence stored then
/// (marked as English); `None` when it was not held.
pub(super) fn held_html(lang: Lang, c: &Comment) -> Option<String> {
    match &c.held_reasons {
        Some(reasons) if !reasons.is_empty() => Some(reasons_html(lang, reasons)),
        _ if !c.held_detail.is_empty() => Some(format!(
            r#"<span lang="en" dir="ltr">{}</span>"#,
            escape(&c.held_detail)
        )),
        _ => None,
    }
}

/// What a line of the decision log says beside its action: why the checks
/// decided, in `lang`, or the text stored with it (a moderator's note, a
/// name, or the English of a decision logged before the reasons were kept).
pub(super) fn detail_html(lang: Lang, d: &Decision) -> String {
    match &d.reasons {
        Some(reasons) if !reasons.is_empty() => reasons_html(lang, reasons),
        _ => escape(&d.detail),
    }
}

type Args = Vec<(&'static str, FluentValue<'static>)>;

/// The message's arguments, and the values given as typed that stand in
/// them as placeholders. A number is given twice: in the language's digits
/// (`$seconds`) and as a number the plural forms choose by
/// (`$seconds-count`).
fn arguments(lang: Lang, reason: &Reason) -> (Args, Vec<String>) {
    let mut args: Args = Vec::new();
    let mut number = |name: &'static str, count: &'static str, n: u64| {
        args.push((name, i18n::number(lang, n)));
        args.push((count, FluentValue::from(n)));
    };
    let mut given = Vec::new();
    match reason {
        Reason::Honeypot
        | Reason::FormMissing
        | Reason::Duplicate
        | Reason::Closed
        | Reason::FirstComment
        | Reason::NoEmail => {}
        Reason::FormTooFast { seconds, min } => {
            number("seconds", "seconds-count", *seconds);
            number("min", "min-count", *min);
        }
        Reason::FormExpired { seconds } => {
            let (unit, n) = match Span::of(*seconds) {
                Span::Seconds(n) => ("seconds", n),
                Span::Minutes(n) => ("minutes", n),
                Span::Hours(n) => ("hours", n),
                Span::Days(n) => ("days", n),
            };
            number("amount", "amount-count", n);
            args.push(("unit", FluentValue::from(unit)));
        }
        Reason::RateLimitIp { count, limit } | Reason::RateLimitEmail { count, limit } => {
            number("count", "count-count", u64::from(*count));
            number("limit", "limit-count", u64::from(*limit));
        }
        Reason::TooManyLinks { links, max } => {
            number("links", "links-count", *links as u64);
            number("max", "max-count", *max as u64);
        }
        Reason::Banned(value) | Reason::Pattern(value) | Reason::TakenName(value) => {
            let name = match reason {
                Reason::Banned(_) => "target",
                Reason::Pattern(_) => "entry",
                _ => "name",
            };
            args.push((name, FluentValue::from(format!("{OPEN}0{CLOSE}"))));
            given.push(value.clone());
        }
    }
    (args, given)
}

/// `html` with each placeholder replaced by its value, escaped, in a `<bdi>`.
fn with_values(html: &str, given: &[String]) -> String {
    given
        .iter()
        .enumerate()
        .fold(html.to_string(), |html, (i, value)| {
            html.replace(
                &format!("{OPEN}{i}{CLOSE}"),
                &format!("<bdi>{}</bdi>", escape(value)),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every reason the checks can give has its sentence in each language's
    /// own file, with every value it takes: none falls back to English.
    #[test]
    fn every_reason_has_a_sentence_in_every_language() {
        let all = Reason::examples();
        for lang in Lang::ALL {
            for reason in &all {
                let (args, _) = arguments(lang, reason);
                let said = i18n::own_text(lang, &key(reason), &args);
                assert!(
                    said.as_deref().is_some_and(|s| !s.is_empty()),
                    "{lang}: no sentence for `{}`",
                    reason.code()
                );
            }
        }
    }

    #[test]
    fn values_are_shown_as_given_escaped_and_isolated() {
        let html = reason_html(Lang::Ps, &Reason::Pattern("<b>casino</b>".into()));
        assert!(
            html.contains("<bdi>&lt;b&gt;casino&lt;/b&gt;</bdi>"),
            "{html}"
        );
        assert!(!html.contains(OPEN) && !html.contains("<b>"), "{html}");
        let html = reason_html(Lang::Fa, &Reason::TooManyLinks { links: 3, max: 2 });
        assert!(html.contains('۳') && html.contains('۲'), "{html}");
        assert_eq!(
            reasons_html(Lang::En, &[Reason::FirstComment, Reason::NoEmail]),
            "first comment from this email address; \
             no email address, so it cannot count as a known commenter&#39;s"
        );
    }

    /// A comment or a decision stored before the reasons were kept shows
    /// its English sentence (marked as English on the queue); one with them
    /// is said in the page's language.
    #[test]
    fn rows_from_before_show_their_english() {
        let mut c = Comment {
            id: 1,
            lang: Lang::Fa,
            slug: "a".into(),
            parent_id: None,
            author_name: "Ana".into(),
            author_email: None,
            author_ip: None,
            body: "x".into(),
            body_html: "<p>x</p>".into(),
            status: askaf_store::Status::Pending,
            held_codes: vec!["no-email".into()],
            held_detail: "no email address, so it cannot count as a known commenter's".into(),
            held_reasons: None,
            created_at: "2026-12-05T00:00:00Z".into(),
            edited_at: None,
            staff: None,
        };
        assert_eq!(
            held_html(Lang::Ps, &c).as_deref(),
            Some(
                "<span lang=\"en\" dir=\"ltr\">no email address, so it cannot count \
                 as a known commenter&#39;s</span>"
            )
        );
        c.held_reasons = Some(vec![Reason::NoEmail]);
        let said = held_html(Lang::Ps, &c).unwrap_or_default();
        assert!(said.starts_with("برېښنالیک نه لري"), "{said}");
        c.held_reasons = Some(vec![]);
        c.held_detail.clear();
        assert_eq!(held_html(Lang::Ps, &c), None);
        let mut d = Decision {
            id: 1,
            at_unix: 0,
            comment_id: None,
            lang: None,
            slug: None,
            ip: None,
            email: None,
            action: "refused".into(),
            codes: "banned".into(),
            detail: "banned: `<x>`".into(),
            reasons: None,
            actor: None,
        };
        assert_eq!(detail_html(Lang::Fa, &d), "banned: `&lt;x&gt;`");
        d.reasons = Some(vec![Reason::Banned("<x>".into())]);
        assert_eq!(
            detail_html(Lang::Fa, &d),
            "«<bdi>&lt;x&gt;</bdi>» مسدود است"
        );
    }

    /// English says what the sentence logged in English says, a value in
    /// curly quotes where the log has backticks.
    #[test]
    fn english_agrees_with_the_logged_sentence() {
        for reason in Reason::examples() {
            let (args, given) = arguments(Lang::En, &reason);
            let said = i18n::text(Lang::En, &key(&reason), &args);
            let said = given
                .iter()
                .enumerate()
                .fold(said, |s, (i, v)| s.replace(&format!("{OPEN}{i}{CLOSE}"), v));
            let logged = given.iter().fold(reason.to_string(), |s, v| {
                s.replace(&format!("`{v}`"), &format!("“{v}”"))
            });
            assert_eq!(said, logged);
        }
    }
}

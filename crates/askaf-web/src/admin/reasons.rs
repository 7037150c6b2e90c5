//! Why the checks held or refused a comment, said in the moderator's own
//! language: the store keeps each [`Reason`] with its values, and the
//! sentence comes from the translation files (`admin-reason-<code>`) when the
//! page is made. What a reader or a moderator typed (a word-list entry, a
//! ban, a name) is shown as given, in a `<bdi>` of its own, so a Latin
//! address keeps its order inside a Pashto sentence and the reverse.
//!
//! The decision log's other lines (a word list saved, an account created,
//! a ban) are said the same way, from the [`Detail`] the store keeps with
//! its values (`admin-detail-<code>`).

use askaf_comments::{Reason, Span};
use askaf_content::Lang;
use askaf_store::{Comment, Decision, Detail};
use fluent_templates::fluent_bundle::FluentValue;

use crate::i18n;
use crate::markup::escape;

/// Where a value given as typed goes in a formatted sentence: characters of
/// the Private Use Area no translation contains, replaced once the
/// sentence is escaped.
const OPEN: char = '\u{F8F0}';
const CLOSE: char = '\u{F8F1}';

/// The characters of a comment's text before an edit that the decision
/// log shows at once; the rest is one click away ([`was_html`]).
const WAS_SHOWN: usize = 80;

/// A comment's text before an edit, as the decision log and the comment's
/// history show it: in a `<bdi>` in its own language and direction (a
/// Pashto comment on a Dari page is marked Pashto); one longer than
/// [`WAS_SHOWN`] characters folded in a `<details>` whose summary is its
/// start, cut at a space, so that one edit of a long comment is not a row
/// thousands of pixels tall (until 6 December a 4,900-character comment's
/// edit made the log's row 7,587 px tall on a phone, 3,048 px on a
/// desktop). It works without JavaScript.
fn was_html(body: &str) -> String {
    let lang =
        crate::comments::written_lang(body).map_or(String::new(), |l| format!(r#" lang="{l}""#));
    let marked = format!(r#"{lang} dir="{}""#, crate::comments::written_dir(body));
    if body.chars().count() <= WAS_SHOWN {
        return format!("<bdi{marked}>{}</bdi>", escape(body));
    }
    let start: String = body.chars().take(WAS_SHOWN).collect();
    // At the last space in its second half, else where the count ends.
    let half = start
        .char_indices()
        .nth(WAS_SHOWN / 2)
        .map_or(0, |(i, _)| i);
    let start = match start.rfind(char::is_whitespace) {
        Some(at) if at > half => &start[..at],
        _ => &start,
    };
    format!(
        r#"<details class="log-was"><summary><bdi{marked}>{}…</bdi></summary><div class="log-was-text"{marked}>{}</div></details>"#,
        escape(start.trim_end()),
        escape(body)
    )
}

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
        _ if !c.held_detail.is_empty() => Some(english_html(&c.held_detail)),
        _ => None,
    }
}

/// What a line of the decision log says beside its action, in `lang`: why
/// the checks decided, or what the action did with its values; for a line
/// logged before these were kept, the English stored then (marked as
/// English); empty when there is nothing to say (an approval).
pub(super) fn detail_html(lang: Lang, d: &Decision) -> String {
    match (&d.reasons, &d.values) {
        (Some(reasons), _) if !reasons.is_empty() => reasons_html(lang, reasons),
        (_, Some(values)) => values_html(lang, values),
        _ if d.detail.is_empty() => String::new(),
        _ => english_html(&d.detail),
    }
}

/// Text only in English (an English sentence stored before its values
/// were kept, an error as the log has it), as HTML marked so for a page in
/// another language: its language and its direction.
pub(crate) fn english_html(text: &str) -> String {
    english_markup(&escape(text))
}

/// HTML whose words are English whatever the page's language (code
/// shown as such: the citation box's HTML source), marked as
/// [`english_html`] marks text; what is inside in another language
/// says its own.
pub(crate) fn english_markup(html: &str) -> String {
    format!(r#"<span lang="en" dir="ltr">{html}</span>"#)
}

/// What an action did, with its values, as HTML (escaped, what was typed
/// in `<bdi>`).
pub(super) fn values_html(lang: Lang, detail: &Detail) -> String {
    Said::of(lang, detail).html(lang)
}

/// The message `key` in `lang` as HTML (escaped), with `args` and, each in
/// a `<bdi>` of its own, the values given as typed (`typed`, by name): an
/// error that names what someone typed, as the log names it.
pub(crate) fn message_html(
    lang: Lang,
    key: &'static str,
    args: Args,
    typed: &[(&'static str, &str)],
) -> String {
    let mut said = Message::new(key);
    said.0.args = args;
    for (name, value) in typed {
        said = said.typed(name, value);
    }
    said.html(lang)
}

/// A message made as HTML, value by value: what someone typed in a
/// `<bdi>` of its own, a fixed example written left to right (an address)
/// in a `<bdi dir="ltr">`, so that neither is reordered in a Dari or
/// Pashto sentence; the rest escaped.
pub(super) struct Message(Said);

impl Message {
    pub(super) fn new(key: &'static str) -> Message {
        Message(Said {
            key,
            args: Vec::new(),
            given: Vec::new(),
            plain: Vec::new(),
        })
    }

    /// A value the message takes as it is (a number in the language's
    /// digits, a word from the translation files).
    pub(super) fn arg(mut self, name: &'static str, value: FluentValue<'static>) -> Message {
        self.0.args.push((name, value));
        self
    }

    /// A value as someone typed it.
    pub(super) fn typed(mut self, name: &'static str, value: &str) -> Message {
        self.0.typed(name, value);
        self
    }

    /// A value written left to right whatever the sentence's direction.
    pub(super) fn ltr(mut self, name: &'static str, value: &str) -> Message {
        self.0.fragment(
            name,
            format!(r#"<bdi dir="ltr">{}</bdi>"#, escape(value)),
            value,
        );
        self
    }

    /// The message `key`, each of `words` (by argument name) a word that
    /// stays English in Dari and Pashto, marked so ([`english_html`]).
    pub(super) fn english(key: &'static str, words: &[(&'static str, &str)]) -> Message {
        words.iter().fold(Message::new(key), |m, (name, word)| {
            m.markup(name, english_html(word), word)
        })
    }

    /// A part made as HTML already (another message's), and its plain text.
    pub(super) fn markup(mut self, name: &'static str, html: String, text: &str) -> Message {
        self.0.fragment(name, html, text);
        self
    }

    pub(super) fn html(&self, lang: Lang) -> String {
        self.0.html(lang)
    }

    /// The message as plain text, for where HTML is not shown (a page's
    /// description, a log): the values as given, without their `<bdi>`.
    pub(super) fn text(&self, lang: Lang) -> String {
        let sentence = i18n::text(lang, self.0.key, &self.0.args);
        with_values(&sentence, &self.0.plain)
    }
}

/// The message that says a [`Detail`], its arguments, and the values given
/// that stand in them as placeholders, as HTML (see [`with_values`]).
struct Said {
    key: &'static str,
    args: Args,
    given: Vec<String>,
    /// The values of `given` as plain text, in its order.
    plain: Vec<String>,
}

impl Said {
    fn of(lang: Lang, detail: &Detail) -> Said {
        let mut said = Message::new("").0;
        said.key = match detail {
            Detail::Patterns { entries } => {
                said.args.push(("entries", i18n::number(lang, *entries)));
                said.args
                    .push(("entries-count", FluentValue::from(*entries)));
                "admin-detail-patterns"
            }
            Detail::AccountCreated { name, role } => {
                said.typed("name", name);
                said.term(lang, "role", role_key(role), role);
                "admin-detail-account-created"
            }
            Detail::RoleChanged { name, from, to } => {
                said.typed("name", name);
                said.term(lang, "from", role_key(from), from);
                said.term(lang, "to", role_key(to), to);
                "admin-detail-role-changed"
            }
            Detail::PasswordSet { name } => {
                said.typed("name", name);
                "admin-detail-password-set"
            }
            Detail::AccountRemoved { name, role } => {
                said.typed("name", name);
                match role {
                    Some(role) => {
                        said.term(lang, "role", role_key(role), role);
                        "admin-detail-account-removed-role"
                    }
                    None => "admin-detail-account-removed",
                }
            }
            Detail::LanguageChanged { name, from, to } => {
                said.typed("name", name);
                said.term(lang, "from", lang_key(from), from);
                said.term(lang, "to", lang_key(to), to);
                "admin-detail-language-changed"
            }
            Detail::Image { file, original } => {
                said.typed("file", file);
                said.typed("original", original);
                "admin-detail-image"
            }
            Detail::Imported { source, id } => {
                said.typed("source", source);
                said.typed("id", &id.to_string());
                "admin-detail-imported"
            }
            Detail::Edited { name, body } => {
                said.typed("name", name);
                said.fragment("body", was_html(body), body);
                "admin-detail-edited"
            }
            Detail::Banned { kind, target, note } => {
                let kind_key = match kind.as_str() {
                    "email" => Some("admin-ban-email"),
                    "network" => Some("admin-ban-network"),
                    _ => None,
                };
                said.term(lang, "kind", kind_key, kind);
                said.typed("target", target);
                if note.is_empty() {
                    "admin-detail-banned"
                } else {
                    said.typed("note", note);
                    "admin-detail-banned-note"
                }
            }
            Detail::Unbanned { target } => {
                said.typed("target", target);
                "admin-detail-unbanned"
            }
        };
        said
    }

    /// The sentence as HTML: escaped, the values given in `<bdi>`.
    fn html(&self, lang: Lang) -> String {
        let sentence = i18n::text(lang, self.key, &self.args);
        with_values(&escape(&sentence), &self.given)
    }

    /// A value as typed: a placeholder, replaced once the sentence is
    /// escaped by the value, escaped, in a `<bdi>`.
    fn typed(&mut self, name: &'static str, value: &str) {
        self.fragment(name, bdi(value), value);
    }

    /// A placeholder, replaced once the sentence is escaped by `html` (or,
    /// in plain text, by `text`).
    fn fragment(&mut self, name: &'static str, html: String, text: &str) {
        let at = self.given.len();
        self.args.push((name, FluentValue::from(placeholder(at))));
        self.given.push(html);
        self.plain.push(text.to_string());
    }

    /// A name the site knows (a role, a language, a kind of ban) in
    /// `lang`; one it does not know is shown as stored.
    fn term(&mut self, lang: Lang, name: &'static str, key: Option<&str>, stored: &str) {
        match key {
            Some(key) => self
                .args
                .push((name, FluentValue::from(i18n::text(lang, key, &[])))),
            None => self.typed(name, stored),
        }
    }
}

fn role_key(role: &str) -> Option<&'static str> {
    match role {
        "admin" => Some("admin-role-admin"),
        "editor" => Some("admin-role-editor"),
        "moderator" => Some("admin-role-moderator"),
        "author" => Some("admin-role-author"),
        _ => None,
    }
}

fn lang_key(code: &str) -> Option<&'static str> {
    match code.parse::<Lang>().ok()? {
        Lang::En => Some("admin-lang-en"),
        Lang::Fa => Some("admin-lang-fa"),
        Lang::Ps => Some("admin-lang-ps"),
    }
}

pub(crate) type Args = Vec<(&'static str, FluentValue<'static>)>;

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
        | Reason::NoEmail
        | Reason::UnprovenCommenter => {}
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
        Reason::RateLimitIp { count, limit }
        | Reason::RateLimitEmail { count, limit }
        | Reason::RateLimitRefused { count, limit } => {
            number("count", "count-count", u64::from(*count));
            number("limit", "limit-count", u64::from(*limit));
            // "IP", which Dari and Pashto take from English as it is:
            // marked as English in their sentences (`$ip`).
            if !matches!(reason, Reason::RateLimitEmail { .. }) {
                args.push(("ip", FluentValue::from(placeholder(given.len()))));
                given.push(english_html("IP"));
            }
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
            args.push((name, FluentValue::from(placeholder(0))));
            given.push(bdi(value));
        }
    }
    (args, given)
}

/// A value as typed, escaped, in a `<bdi>` of its own.
pub(crate) fn bdi(value: &str) -> String {
    format!("<bdi>{}</bdi>", escape(value))
}

/// The placeholder that stands for the `at`th value given.
pub(crate) fn placeholder(at: usize) -> String {
    format!("{OPEN}{at}{CLOSE}")
}

/// `html` with each placeholder replaced by its HTML (`given`, in order).
pub(crate) fn with_values(html: &str, given: &[String]) -> String {
    given
        .iter()
        .enumerate()
        .fold(html.to_string(), |html, (i, value)| {
            html.replace(&placeholder(i), value)
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
    /// A line of the log as stored before the reasons and values were kept.
    fn decision(action: &str, detail: &str) -> Decision {
        Decision {
            id: 1,
            at_unix: 0,
            comment_id: None,
            lang: None,
            slug: None,
            ip: None,
            email: None,
            action: action.into(),
            codes: String::new(),
            detail: detail.into(),
            reasons: None,
            values: None,
            actor: None,
            comment_status: None,
        }
    }

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
        let mut d = decision("refused", "banned: `<x>`");
        d.codes = "banned".into();
        assert_eq!(
            detail_html(Lang::Fa, &d),
            r#"<span lang="en" dir="ltr">banned: `&lt;x&gt;`</span>"#
        );
        d.reasons = Some(vec![Reason::Banned("<x>".into())]);
        assert_eq!(
            detail_html(Lang::Fa, &d),
            "«<bdi>&lt;x&gt;</bdi>» مسدود است"
        );
    }

    /// Every line the log keeps values for has its sentence in each
    /// language's own file, with every value it takes.
    #[test]
    fn every_action_has_a_sentence_in_every_language() {
        for lang in Lang::ALL {
            for detail in Detail::examples() {
                let said = Said::of(lang, &detail);
                let text = i18n::own_text(lang, said.key, &said.args);
                assert!(
                    text.as_deref().is_some_and(|s| !s.is_empty()),
                    "{lang}: no sentence `{}` for `{}`",
                    said.key,
                    detail.code()
                );
            }
        }
    }

    /// Typed values are escaped and isolated, the site's names translated,
    /// numbers in the page's digits, and a line from before the values
    /// were kept shows its English, marked as English.
    #[test]
    fn actions_are_said_with_their_values() {
        let banned = Detail::Banned {
            kind: "network".into(),
            target: "203.0.113.0/24".into(),
            note: "<i>spam</i>".into(),
        };
        assert_eq!(
            values_html(Lang::Fa, &banned),
            "شبکه <bdi>203.0.113.0/24</bdi>؛ یادداشت: <bdi>&lt;i&gt;spam&lt;/i&gt;</bdi>"
        );
        let role = Detail::RoleChanged {
            name: "farida".into(),
            from: "editor".into(),
            to: "wizard".into(),
        };
        assert_eq!(
            values_html(Lang::En, &role),
            "<bdi>farida</bdi>: editor to <bdi>wizard</bdi>"
        );
        assert_eq!(
            values_html(Lang::Ps, &Detail::Patterns { entries: 1 }),
            "۱ توکی"
        );
        let mut d = decision("patterns", "2 entries");
        assert_eq!(
            detail_html(Lang::Ps, &d),
            r#"<span lang="en" dir="ltr">2 entries</span>"#
        );
        d.values = Some(Detail::Patterns { entries: 2 });
        assert_eq!(detail_html(Lang::Ps, &d), "۲ توکي");
        d.detail.clear();
        d.values = None;
        assert_eq!(detail_html(Lang::Ps, &d), "");
    }

    /// English says what the sentence logged in English says, a value in
    /// curly quotes where the log has backticks.
    #[test]
    fn english_agrees_with_the_logged_sentence() {
        for reason in Reason::examples() {
            let (args, given) = arguments(Lang::En, &reason);
            // The values as given (the examples need no escaping), and a
            // word marked as English.
            let given: Vec<&str> = given
                .iter()
                .map(|v| {
                    let v = v
                        .strip_prefix("<bdi>")
                        .and_then(|v| v.strip_suffix("</bdi>"))
                        .or_else(|| {
                            v.strip_prefix(r#"<span lang="en" dir="ltr">"#)
                                .and_then(|v| v.strip_suffix("</span>"))
                        });
                    v.filter(|v| !v.contains('&'))
                        .unwrap_or_else(|| panic!("{v:?}"))
                })
                .collect();
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

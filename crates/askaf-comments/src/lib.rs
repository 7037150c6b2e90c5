//! Reader comments: everything about them that is not HTTP or SQL.
//!
//! A comment's way through the site, and the piece of this crate for each step:
//!
//! 1. The form is parsed into a [`Draft`] ([`parse_draft`]): a name, an optional
//!    email and a body, each a type that cannot hold a bad value, with every
//!    problem reported at once.
//! 2. The web and store layers gather [`Facts`]: the honeypot and timing token,
//!    the link count from [`render`], recent comments from the same IP or email,
//!    a [`BanTarget`] that matches, a [`Patterns`] entry that matches, and whether
//!    the same [`fingerprint`] was already posted.
//! 3. [`decide`] weighs them under a [`Policy`]: publish, hold for a moderator
//!    with every [`Reason`], or reject with the first.
//! 4. A published comment is shown as [`render`]'s HTML, a safe Markdown subset,
//!    and in feeds as [`plain_text`].
//!
//! [`assert_safe_html`] is the check that rendered HTML holds no live markup; the
//! renderer's tests, the XSS fixture (`tests/fixtures/xss-vectors.txt`), the fuzz
//! target and the web layer's tests all use it.

mod ban;
mod draft;
mod invariants;
mod markdown;
mod names;
mod patterns;
mod safe_html;
mod spam;

pub use ban::{BanError, BanTarget};
pub use draft::{
    parse_draft, AuthorName, CommentBody, Draft, Email, Field, FieldError, Problem, MAX_BODY_CHARS,
    MAX_EMAIL_CHARS, MAX_NAME_CHARS,
};
pub use invariants::check_comment_input;
pub use markdown::{links, plain_text, render, Link, Rendered, RENDER_VERSION};
pub use names::taken_name;
pub use patterns::{CompiledPatterns, LineProblem, PatternError, Patterns, MAX_PATTERN_LIST_CHARS};
pub use safe_html::{assert_safe_html, ALLOWED_TAGS};
pub use spam::{decide, fingerprint, throttled, Commenter, Decision, Facts, Policy, Reason, Span};

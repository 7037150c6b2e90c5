//! Comments, their moderation, and the records the spam defences count on.
//!
//! Every decision, automatic or a moderator's, is written to
//! `comment_decisions` in the same transaction as the change it explains, so
//! the log cannot disagree with the comments.

use std::collections::{HashMap, HashSet};

use askaf_comments::Reason;
use askaf_content::Lang;
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Row, Transaction};

use crate::{now_text, now_unix, Detail, Error, Store};

/// Where a comment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Pending,
    Approved,
    Spam,
    Deleted,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Pending,
        Status::Approved,
        Status::Spam,
        Status::Deleted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Approved => "approved",
            Status::Spam => "spam",
            Status::Deleted => "deleted",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// A comment as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub id: i64,
    pub lang: Lang,
    pub slug: String,
    pub parent_id: Option<i64>,
    pub author_name: String,
    /// Never shown on the site; moderators see it.
    pub author_email: Option<String>,
    pub author_ip: Option<String>,
    /// What the commenter wrote (Markdown), kept so moderators can edit it.
    pub body: String,
    /// The sanitized HTML shown on the site.
    pub body_html: String,
    pub status: Status,
    /// Why it was held, as codes and in English words (for logs, and for
    /// comments held before the reasons were kept with their values).
    pub held_codes: Vec<String>,
    pub held_detail: String,
    /// Why it was held, with the values, for the moderation queue to say
    /// in its reader's language; `None` for comments stored before these
    /// were kept (or whose reasons this version cannot read): show
    /// `held_detail` then.
    pub held_reasons: Option<Vec<Reason>>,
    pub created_at: String,
    /// When a moderator last edited it.
    pub edited_at: Option<String>,
    /// The account that posted it, when a moderator, editor or admin
    /// answered from the article's own form while signed in: the site's
    /// own word, marked as such wherever it is shown. `None` for readers.
    pub staff: Option<String>,
}

/// A comment about to be stored, after the spam checks.
#[derive(Debug, Clone)]
pub struct NewComment<'a> {
    pub lang: Lang,
    pub slug: &'a str,
    pub parent_id: Option<i64>,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub body: &'a str,
    /// `body` as [`askaf_comments::render`] of this build renders it: it is
    /// stored as made by [`askaf_comments::RENDER_VERSION`].
    pub body_html: &'a str,
    pub fingerprint: &'a str,
    /// `Approved` when published at once, `Pending` when held.
    pub status: Status,
    /// Why it is held (none when published): stored with their values,
    /// their codes and their English sentences.
    pub held: Vec<Reason>,
    /// The signed-in account posting it, if it moderates (see [`Comment::staff`]).
    pub staff: Option<&'a str>,
}

/// A comment from another system, with the time and state it had there.
#[derive(Debug, Clone)]
pub struct ImportedComment<'a> {
    pub lang: Lang,
    pub slug: &'a str,
    /// Its id in the other system, and its parent's: how replies find their parent.
    pub key: i64,
    pub parent_key: Option<i64>,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub body: &'a str,
    pub body_html: &'a str,
    pub fingerprint: &'a str,
    pub status: Status,
    /// RFC 3339, UTC.
    pub created_at: &'a str,
    pub created_unix: i64,
    /// The system it came from, for the decision log (`WordPress`), where
    /// its id was `key`.
    pub source: &'a str,
}

/// What [`Store::import_comments`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCount {
    pub added: usize,
    /// Already here from an earlier import.
    pub present: usize,
}

/// A submission the spam defences refused: logged, not stored as a comment.
#[derive(Debug, Clone)]
pub struct Refusal<'a> {
    pub lang: Lang,
    pub slug: &'a str,
    pub email: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub reason: Reason,
}

/// Whose comment attempts [`Store::comment_attempts_fall_below`] counts.
#[derive(Debug, Clone, Copy)]
pub enum AttemptsBy<'a> {
    /// Everything from one IP address.
    Address(&'a str),
    /// What bore one email and came from one IP address: what the
    /// per-email limit counts (see `askaf_comments::Policy::per_email_per_hour`
    /// for why not the email's attempts from everywhere).
    EmailAt { email: &'a str, ip: &'a str },
}

/// Which of a sender's comment attempts are counted: those the site took,
/// against the hourly limits, or those it refused, against the limit on
/// refusals (see `askaf_comments::Policy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempts {
    /// Published or held: stored as comments.
    Taken,
    /// Refused, and only logged.
    Refused,
}

impl AttemptsBy<'_> {
    /// The decision log's rows from this sender, as SQL whose parameters
    /// are `$1` onwards, and the values to bind to them, in order. An
    /// address is counted by its [`ip_key`].
    fn sender(&self) -> (&'static str, Vec<String>) {
        match *self {
            AttemptsBy::Address(ip) => ("ip_key = $1", vec![ip_key(ip)]),
            AttemptsBy::EmailAt { email, ip } => (
                "email = $1 AND ip_key = $2",
                vec![email.to_string(), ip_key(ip)],
            ),
        }
    }
}

/// What the limits count an address by, as the decision log keeps it
/// beside the address (`ip_key`): [`askaf_auth::rate_key`]'s, an IPv6
/// address's /64 (one client usually holds all of it, and could pass a
/// limit on each address by picking another) and an IPv4 address itself.
/// Text that is no address is its own key.
fn ip_key(ip: &str) -> String {
    ip.parse::<std::net::IpAddr>()
        .map(|ip| askaf_auth::rate_key(ip).to_string())
        .unwrap_or_else(|_| ip.to_string())
}

impl Attempts {
    /// The decision log's actions that count as these attempts, as SQL.
    fn actions(self) -> &'static str {
        match self {
            Attempts::Taken => "action IN ('published', 'held')",
            Attempts::Refused => "action = 'refused'",
        }
    }
}

/// What the database knows that the spam decision needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommentContext {
    /// Comments taken (published or held) from the address in the window.
    pub recent_from_ip: u32,
    /// Comments taken from the email at the address in the window
    /// ([`AttemptsBy::EmailAt`]).
    pub recent_from_email: u32,
    /// The email has an approved comment, from whichever browser: not yet
    /// a reason to publish (see `askaf_comments::Commenter`).
    pub known_commenter: bool,
    pub duplicate: bool,
    pub closed: bool,
}

/// What a moderator does to a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moderation {
    Approve,
    Spam,
    Delete,
    /// Back to the queue.
    Requeue,
}

impl Moderation {
    pub fn parse(s: &str) -> Option<Moderation> {
        match s {
            "approve" => Some(Moderation::Approve),
            "spam" => Some(Moderation::Spam),
            "delete" => Some(Moderation::Delete),
            "requeue" => Some(Moderation::Requeue),
            _ => None,
        }
    }

    /// The decision that puts a comment where `status` says: what undoes
    /// a decision, given where its comment stood before
    /// ([`Moderated::was`]).
    pub fn to(status: Status) -> Moderation {
        match status {
            Status::Approved => Moderation::Approve,
            Status::Spam => Moderation::Spam,
            Status::Deleted => Moderation::Delete,
            Status::Pending => Moderation::Requeue,
        }
    }

    /// Its name in a form (`approve`), which [`Moderation::parse`] reads.
    pub fn as_str(self) -> &'static str {
        match self {
            Moderation::Approve => "approve",
            Moderation::Spam => "spam",
            Moderation::Delete => "delete",
            Moderation::Requeue => "requeue",
        }
    }

    /// Where it puts a comment.
    pub fn status(self) -> Status {
        match self {
            Moderation::Approve => Status::Approved,
            Moderation::Spam => Status::Spam,
            Moderation::Delete => Status::Deleted,
            Moderation::Requeue => Status::Pending,
        }
    }

    fn action(self) -> &'static str {
        match self {
            Moderation::Approve => "approved",
            Moderation::Spam => "marked-spam",
            Moderation::Delete => "deleted",
            Moderation::Requeue => "requeued",
        }
    }
}

/// A comment a moderator's decision was applied to: as it is now, and
/// where it stood before, which undoing the decision puts it back to.
#[derive(Debug, Clone, PartialEq)]
pub struct Moderated {
    pub comment: Comment,
    pub was: Status,
}

/// One line of the decision log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub id: i64,
    pub at_unix: i64,
    pub comment_id: Option<i64>,
    pub lang: Option<String>,
    pub slug: Option<String>,
    pub ip: Option<String>,
    pub email: Option<String>,
    /// published, held, refused, approved, marked-spam, deleted, requeued,
    /// edited, closed, opened, banned, unbanned, patterns.
    pub action: String,
    pub codes: String,
    /// In English: what `values` says, or (for decisions logged before
    /// `reasons` was kept) why the checks decided as they did.
    pub detail: String,
    /// Why the checks published, held or refused, with the values, to be
    /// said in the reader's language; `None` for other actions and for
    /// decisions logged before these were kept.
    pub reasons: Option<Vec<Reason>>,
    /// What the other actions did, with the values (the entries of a word
    /// list, an account and its role, a ban), to be said in the reader's
    /// language; `None` for the checks' decisions, for actions that need
    /// none (an approval) and for lines logged before these were kept.
    pub values: Option<Detail>,
    /// The moderator, or `None` for the automatic checks.
    pub actor: Option<String>,
    /// Where the comment the line is about stands now: `None` for a line
    /// about no comment (a ban, a word list), one refused (never stored)
    /// or one no longer kept. An approved one is on its article's page.
    pub comment_status: Option<Status>,
}

/// A banned email or network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ban {
    pub id: i64,
    pub kind: String,
    pub target: String,
    pub note: String,
    pub created_at: String,
    pub created_by: Option<String>,
}

const COMMENT_COLUMNS: &str = "id, lang, slug, parent_id, author_name, author_email, author_ip, body, body_html, status, held_codes, held_detail, held_reasons, created_at, edited_at, staff_user";

fn comment_from_row(r: &AnyRow) -> Option<Comment> {
    let codes: String = r.get("held_codes");
    Some(Comment {
        id: r.get("id"),
        lang: r.get::<String, _>("lang").parse().ok()?,
        slug: r.get("slug"),
        parent_id: r.get("parent_id"),
        author_name: r.get("author_name"),
        author_email: r.get("author_email"),
        author_ip: r.get("author_ip"),
        body: r.get("body"),
        body_html: r.get("body_html"),
        status: Status::parse(&r.get::<String, _>("status"))?,
        held_codes: codes
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
        held_detail: r.get("held_detail"),
        held_reasons: reasons_from(r, "held_reasons"),
        created_at: r.get("created_at"),
        edited_at: r.get("edited_at"),
        staff: r.get("staff_user"),
    })
}

/// The reasons kept in `column` (JSON), when the row has them and they read.
fn reasons_from(r: &AnyRow, column: &str) -> Option<Vec<Reason>> {
    r.get::<Option<String>, _>(column)
        .as_deref()
        .and_then(Reason::decode_list)
}

/// Why, as the log and the comment keep it: the codes, the English
/// sentences, and the reasons with their values (JSON).
fn why(reasons: &[Reason]) -> (String, String, String) {
    let codes: Vec<&str> = reasons.iter().map(Reason::code).collect();
    let detail: Vec<String> = reasons.iter().map(Reason::to_string).collect();
    (
        codes.join(","),
        detail.join("; "),
        Reason::encode_list(reasons),
    )
}

/// Whether a post from `ip` was refused for the reason `code` since the
/// Unix second `since`, read through `conn` (the pool's or a transaction's).
async fn refused_since(
    conn: &mut AnyConnection,
    ip: &str,
    code: &str,
    since: i64,
) -> Result<bool, Error> {
    let seen: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM comment_decisions
         WHERE ip_key = $1 AND action = 'refused' AND codes = $2 AND at_unix >= $3 LIMIT 1",
    )
    .bind(ip_key(ip))
    .bind(code)
    .bind(since)
    .fetch_optional(conn)
    .await?;
    Ok(seen.is_some())
}

/// One comment by id, read through `conn` (the pool's or a transaction's).
async fn fetch_comment(conn: &mut AnyConnection, id: i64) -> Result<Option<Comment>, Error> {
    let row = sqlx::query(&format!(
        "SELECT {COMMENT_COLUMNS} FROM comments WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.as_ref().and_then(comment_from_row))
}

#[expect(
    clippy::too_many_arguments,
    reason = "one row of the moderation log, a column each"
)]
async fn log(
    tx: &mut Transaction<'_, Any>,
    comment_id: Option<i64>,
    article: Option<(Lang, &str)>,
    ip: Option<&str>,
    email: Option<&str>,
    action: &str,
    codes: &str,
    detail: Option<&Detail>,
    actor: Option<&str>,
) -> Result<Logged, Error> {
    let row = LogRow {
        comment_id,
        article,
        ip,
        email,
        action,
    };
    // The English for logs and older versions, the values to say it in
    // each moderator's language.
    let english = detail.map(Detail::to_string).unwrap_or_default();
    let values = detail.map(Detail::encode);
    log_row(tx, &row, codes, &english, values.as_deref(), actor).await
}

/// Who and what a line of the log is about.
struct LogRow<'a> {
    comment_id: Option<i64>,
    article: Option<(Lang, &'a str)>,
    ip: Option<&'a str>,
    email: Option<&'a str>,
    action: &'a str,
}

/// A line of the log, with the checks' reasons or the action's values
/// (JSON) when it has them.
async fn log_row(
    tx: &mut Transaction<'_, Any>,
    row: &LogRow<'_>,
    codes: &str,
    detail: &str,
    reasons: Option<&str>,
    actor: Option<&str>,
) -> Result<Logged, Error> {
    let LogRow {
        comment_id,
        article,
        ip,
        email,
        action,
    } = *row;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO comment_decisions (at_unix, comment_id, lang, slug, ip, ip_key, email, action, codes, detail, actor, reasons)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(now_unix())
    .bind(comment_id)
    .bind(article.map(|(l, _)| l.code()))
    .bind(article.map(|(_, s)| s))
    .bind(ip)
    .bind(ip.map(ip_key))
    .bind(email)
    .bind(action)
    .bind(codes)
    .bind(detail)
    .bind(actor)
    .bind(reasons)
    .fetch_one(&mut **tx)
    .await?;
    Ok(Logged {
        article: article.map(|(l, s)| (l, s.to_string())),
        id,
        shown: action != "refused",
    })
}

/// A decision written in a transaction not yet committed: what the comment
/// versions advance by once it is ([`Store::commit_logged`]).
#[must_use = "commit the transaction with Store::commit_logged, or the page versions fall behind"]
struct Logged {
    article: Option<(Lang, String)>,
    id: i64,
    /// Whether it changes anything a page shows (a refusal does not).
    shown: bool,
}

impl Store {
    /// Approved comments per article, for the counts on every page.
    pub async fn comment_counts(&self) -> Result<HashMap<(Lang, String), u64>, Error> {
        self.counts(None).await
    }

    /// Approved comments per article of one language: what its listings show.
    pub async fn comment_counts_in(
        &self,
        lang: Lang,
    ) -> Result<HashMap<(Lang, String), u64>, Error> {
        self.counts(Some(lang)).await
    }

    async fn counts(&self, lang: Option<Lang>) -> Result<HashMap<(Lang, String), u64>, Error> {
        let rows = sqlx::query(
            "SELECT lang, slug, COUNT(*) AS n FROM comments
             WHERE status = 'approved' AND ($1 IS NULL OR lang = $2) GROUP BY lang, slug",
        )
        .bind(lang.map(|l| l.code()))
        .bind(lang.map(|l| l.code()))
        .fetch_all(&self.pool)
        .await?;
        let mut counts = HashMap::new();
        for row in rows {
            let lang: String = row.get("lang");
            if let Ok(lang) = lang.parse::<Lang>() {
                counts.insert(
                    (lang, row.get::<String, _>("slug")),
                    row.get::<i64, _>("n") as u64,
                );
            }
        }
        Ok(counts)
    }

    /// Inserts an approved comment directly, with its text as the HTML: for
    /// tests and fixtures, not for readers' input. It is stored as a comment
    /// rendered before renderer versions were kept (version 0), so
    /// [`Store::rerender_comments`] renders it again from its text.
    pub async fn insert_approved_comment(
        &self,
        lang: Lang,
        slug: &str,
        name: &str,
        body: &str,
    ) -> Result<i64, Error> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO comments (lang, slug, author_name, body, body_html, status, created_at, created_unix)
             VALUES ($1, $2, $3, $4, $5, 'approved', $6, $7) RETURNING id",
        )
        .bind(lang.code())
        .bind(slug)
        .bind(name)
        .bind(body)
        .bind(body)
        .bind(now_text())
        .bind(now_unix())
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// What the spam decision needs to know about a new comment: how many
    /// comments were taken from the same address, and with the same email
    /// from that address, in the last `window_seconds` (none with the
    /// email when the address is not known), whether the email has an
    /// approved comment, whether the same text is on the article already,
    /// and whether it is closed. The posts refused from the address are
    /// counted apart ([`Store::comment_attempts`]), before this is asked.
    pub async fn comment_context(
        &self,
        lang: Lang,
        slug: &str,
        ip: Option<&str>,
        email: Option<&str>,
        fingerprint: &str,
        window_seconds: i64,
    ) -> Result<CommentContext, Error> {
        let recent_from_ip = match ip {
            Some(ip) => {
                self.comment_attempts(AttemptsBy::Address(ip), Attempts::Taken, window_seconds)
                    .await?
            }
            None => 0,
        };
        let (recent_from_email, known) = match email {
            Some(email) => {
                let n = match ip {
                    Some(ip) => {
                        let by = AttemptsBy::EmailAt { email, ip };
                        self.comment_attempts(by, Attempts::Taken, window_seconds)
                            .await?
                    }
                    None => 0,
                };
                let known: Option<i64> = sqlx::query_scalar(
                    "SELECT 1 FROM comments WHERE author_email = $1 AND status = 'approved' LIMIT 1",
                )
                .bind(email)
                .fetch_optional(&self.pool)
                .await?;
                (n, known.is_some())
            }
            None => (0, false),
        };
        let duplicate: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM comments WHERE lang = $1 AND slug = $2 AND fingerprint = $3 AND status != 'deleted' LIMIT 1",
        )
        .bind(lang.code())
        .bind(slug)
        .bind(fingerprint)
        .fetch_optional(&self.pool)
        .await?;
        Ok(CommentContext {
            recent_from_ip,
            recent_from_email,
            known_commenter: known,
            duplicate: duplicate.is_some(),
            closed: self.is_closed(lang, slug).await?,
        })
    }

    /// How many `kind` attempts came from `by` in the last `window_seconds`:
    /// one of [`Store::comment_context`]'s counts, or the refusals that
    /// throttle an address, which a caller asks before the rest.
    pub async fn comment_attempts(
        &self,
        by: AttemptsBy<'_>,
        kind: Attempts,
        window_seconds: i64,
    ) -> Result<u32, Error> {
        let (sender, keys) = by.sender();
        let sql = format!(
            "SELECT COUNT(*) FROM comment_decisions WHERE {} AND {sender} AND at_unix >= ${}",
            kind.actions(),
            keys.len() + 1
        );
        let mut query = sqlx::query_scalar(&sql);
        for key in keys {
            query = query.bind(key);
        }
        let n: i64 = query
            .bind(now_unix() - window_seconds)
            .fetch_one(&self.pool)
            .await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Whether comment `id` is approved and signed with `email`: what the
    /// mark of a comment a browser shows proves of it (see
    /// `askaf_comments::Commenter`).
    pub async fn approved_with_email(&self, id: i64, email: &str) -> Result<bool, Error> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM comments WHERE id = $1 AND author_email = $2 AND status = 'approved'",
        )
        .bind(id)
        .bind(email)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }

    /// When `kind` attempts from `by` (as [`Store::comment_context`]
    /// counts them) next number fewer than `limit` in a window of
    /// `window_seconds`: the Unix second the `limit`-th newest of them
    /// leaves the window. `None` when they are fewer already. What a
    /// refused reader is told to wait for.
    pub async fn comment_attempts_fall_below(
        &self,
        by: AttemptsBy<'_>,
        kind: Attempts,
        limit: u32,
        window_seconds: i64,
    ) -> Result<Option<i64>, Error> {
        let (sender, keys) = by.sender();
        let Some(offset) = i64::from(limit).checked_sub(1) else {
            return Ok(None);
        };
        let sql = format!(
            "SELECT at_unix FROM comment_decisions
             WHERE {} AND {sender} AND at_unix >= ${}
             ORDER BY at_unix DESC LIMIT 1 OFFSET ${}",
            kind.actions(),
            keys.len() + 1,
            keys.len() + 2
        );
        let mut query = sqlx::query_scalar(&sql);
        for key in keys {
            query = query.bind(key);
        }
        let at: Option<i64> = query
            .bind(now_unix() - window_seconds)
            .bind(offset)
            .fetch_optional(&self.pool)
            .await?;
        // Counted while `at >= now - window`: gone the second after.
        Ok(at.map(|at| at + window_seconds + 1))
    }

    /// Stores a comment and the decision about it in one durable transaction:
    /// once this returns, the comment survives a crash.
    pub async fn insert_comment(&self, c: &NewComment<'_>) -> Result<i64, Error> {
        let (codes, detail, reasons) = why(&c.held);
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO comments (lang, slug, parent_id, author_name, author_email, author_ip, body, body_html,
                                   fingerprint, status, held_codes, held_detail, created_at, created_unix, staff_user,
                                   held_reasons, render_version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
        )
        .bind(c.lang.code())
        .bind(c.slug)
        .bind(c.parent_id)
        .bind(c.name)
        .bind(c.email)
        .bind(c.ip)
        .bind(c.body)
        .bind(c.body_html)
        .bind(c.fingerprint)
        .bind(c.status.as_str())
        .bind(&codes)
        .bind(&detail)
        .bind(now_text())
        .bind(now_unix())
        .bind(c.staff)
        .bind(&reasons)
        .bind(askaf_comments::RENDER_VERSION)
        .fetch_one(&mut *tx)
        .await?;
        let action = if c.status == Status::Approved {
            "published"
        } else {
            "held"
        };
        let row = LogRow {
            comment_id: Some(id),
            article: Some((c.lang, c.slug)),
            ip: c.ip,
            email: c.email,
            action,
        };
        let logged = log_row(&mut tx, &row, &codes, &detail, Some(&reasons), None).await?;
        self.commit_logged(tx, Some(logged)).await?;
        Ok(id)
    }

    /// Stores comments brought in from another system (a WordPress export)
    /// with their own times and states, in one durable transaction. Replies
    /// follow their parents by the other system's ids. A comment already
    /// here (same article, author, time and text) is not added again, so an
    /// import can be run twice. Each added comment is logged as `imported`,
    /// with no address or email, so that the rate limits, which count
    /// decisions by address, do not hold back its author.
    pub async fn import_comments(
        &self,
        comments: &[ImportedComment<'_>],
    ) -> Result<ImportCount, Error> {
        let mut tx = self.begin_write().await?;
        let mut ids: HashMap<i64, i64> = HashMap::new();
        let mut count = ImportCount::default();
        let mut shown: Vec<(Lang, String, i64)> = Vec::new();
        for c in comments {
            let existing: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM comments WHERE lang = $1 AND slug = $2 AND author_name = $3 AND created_at = $4 AND body = $5 LIMIT 1",
            )
            .bind(c.lang.code())
            .bind(c.slug)
            .bind(c.name)
            .bind(c.created_at)
            .bind(c.body)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(id) = existing {
                ids.insert(c.key, id);
                count.present += 1;
                continue;
            }
            let parent = c.parent_key.and_then(|k| ids.get(&k).copied());
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO comments (lang, slug, parent_id, author_name, author_email, author_ip, body, body_html,
                                       fingerprint, status, held_codes, held_detail, created_at, created_unix,
                                       render_version)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '', '', $11, $12, $13) RETURNING id",
            )
            .bind(c.lang.code())
            .bind(c.slug)
            .bind(parent)
            .bind(c.name)
            .bind(c.email)
            .bind(c.ip)
            .bind(c.body)
            .bind(c.body_html)
            .bind(c.fingerprint)
            .bind(c.status.as_str())
            .bind(c.created_at)
            .bind(c.created_unix)
            .bind(askaf_comments::RENDER_VERSION)
            .fetch_one(&mut *tx)
            .await?;
            ids.insert(c.key, id);
            count.added += 1;
            let logged = log(
                &mut tx,
                Some(id),
                Some((c.lang, c.slug)),
                None,
                None,
                "imported",
                "",
                Some(&Detail::Imported {
                    source: c.source.to_string(),
                    id: c.key,
                }),
                Some("import"),
            )
            .await?;
            shown.push((
                c.lang,
                logged.article.map(|(_, s)| s).unwrap_or_default(),
                logged.id,
            ));
        }
        tx.commit().await?;
        for (lang, slug, id) in shown {
            self.versions.advance(Some((lang, slug.as_str())), id);
        }
        Ok(count)
    }

    /// Records in the decision log an action that is about no comment (an
    /// account created, a role changed), by `actor`: the one log where
    /// administrators read what was done and by whom. Pages do not change.
    pub async fn log_action(
        &self,
        action: &str,
        detail: &Detail,
        actor: &str,
    ) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        // No page shows it: the comment versions are left as they are.
        let _not_shown = log(
            &mut tx,
            None,
            None,
            None,
            None,
            action,
            "",
            Some(detail),
            Some(actor),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Logs a refused submission; it counts towards the limit on refusals
    /// ([`Attempts::Refused`]), not the hourly limits on comments.
    pub async fn log_refusal(&self, r: &Refusal<'_>) -> Result<(), Error> {
        let tx = self.begin_write().await?;
        self.write_refusal(tx, r).await
    }

    /// Logs a refusal of a post from an address past its limit on
    /// refusals (`Reason::RateLimitRefused`), unless a refusal for the same
    /// reason was logged from that address in the last `window_seconds`;
    /// returns whether it was.
    ///
    /// One line says the address is throttled: a flood past the limit
    /// would otherwise write a line a post, rows that cost a durable write
    /// each to keep and bury the rest of the log. Asked first without the
    /// write lock, so a throttled post costs one read, and again under it,
    /// so two posts at once log one line between them. The line counts as
    /// a refusal, so the address stays throttled until what was logged
    /// falls below the limit.
    pub async fn log_throttled(&self, r: &Refusal<'_>, window_seconds: i64) -> Result<bool, Error> {
        let Some(ip) = r.ip else {
            self.log_refusal(r).await?;
            return Ok(true);
        };
        let since = now_unix() - window_seconds;
        let code = r.reason.code();
        let mut conn = self.pool.acquire().await?;
        if refused_since(&mut conn, ip, code, since).await? {
            return Ok(false);
        }
        drop(conn);
        let mut tx = self.begin_write().await?;
        if refused_since(&mut tx, ip, code, since).await? {
            tx.rollback().await?;
            return Ok(false);
        }
        self.write_refusal(tx, r).await?;
        Ok(true)
    }

    /// [`Store::log_refusal`]'s line, written in `tx` and committed.
    async fn write_refusal(
        &self,
        mut tx: Transaction<'_, Any>,
        r: &Refusal<'_>,
    ) -> Result<(), Error> {
        let (codes, detail, reasons) = why(std::slice::from_ref(&r.reason));
        let row = LogRow {
            comment_id: None,
            article: Some((r.lang, r.slug)),
            ip: r.ip,
            email: r.email,
            action: "refused",
        };
        let logged = log_row(&mut tx, &row, &codes, &detail, Some(&reasons), None).await?;
        self.commit_logged(tx, Some(logged)).await?;
        Ok(())
    }

    /// The names the staff have signed comments with (see
    /// [`Comment::staff`]): what readers know them by, so what a reader may
    /// not sign with. Usernames are not among them: the site never shows
    /// one, and a moderator whose account is `ana` should not stop every
    /// reader called Ana. As stored; comparing them is `askaf_comments`'.
    pub async fn staff_names(&self) -> Result<Vec<String>, Error> {
        let names: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT author_name FROM comments WHERE staff_user IS NOT NULL",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(names)
    }

    pub async fn comment(&self, id: i64) -> Result<Option<Comment>, Error> {
        fetch_comment(&mut *self.pool.acquire().await?, id).await
    }

    /// How many approved comments an article has.
    pub async fn approved_count(&self, lang: Lang, slug: &str) -> Result<u64, Error> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM comments WHERE lang = $1 AND slug = $2 AND status = 'approved'",
        )
        .bind(lang.code())
        .bind(slug)
        .fetch_one(&self.pool)
        .await?;
        Ok(n as u64)
    }

    /// The approved comments under an article, oldest first.
    pub async fn approved_comments(&self, lang: Lang, slug: &str) -> Result<Vec<Comment>, Error> {
        let rows = sqlx::query(&format!(
            "SELECT {COMMENT_COLUMNS} FROM comments WHERE lang = $1 AND slug = $2 AND status = 'approved' ORDER BY id"
        ))
        .bind(lang.code())
        .bind(slug)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().filter_map(comment_from_row).collect())
    }

    /// The newest approved comments, on one article, in one language or everywhere: for feeds.
    pub async fn recent_comments(
        &self,
        lang: Option<Lang>,
        slug: Option<&str>,
        limit: u32,
    ) -> Result<Vec<Comment>, Error> {
        let rows = sqlx::query(&format!(
            "SELECT {COMMENT_COLUMNS} FROM comments
             WHERE status = 'approved' AND ($1 IS NULL OR lang = $2) AND ($3 IS NULL OR slug = $4)
             ORDER BY id DESC LIMIT $5"
        ))
        .bind(lang.map(|l| l.code()))
        .bind(lang.map(|l| l.code()))
        .bind(slug)
        .bind(slug)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().filter_map(comment_from_row).collect())
    }

    /// Comments with one status; the queue (`Pending`) oldest first, the others newest first.
    pub async fn comments_with_status(
        &self,
        status: Status,
        limit: u32,
    ) -> Result<Vec<Comment>, Error> {
        self.comments_with_status_after(status, None, limit).await
    }

    /// [`Self::comments_with_status`] from where a page of them ended: the
    /// comments after the one with id `after` in the queue's order (the
    /// oldest first for those waiting, the newest first for the others).
    /// A position by id, so that comments moderated or added between two
    /// pages neither repeat nor skip the ones that stay.
    pub async fn comments_with_status_after(
        &self,
        status: Status,
        after: Option<i64>,
        limit: u32,
    ) -> Result<Vec<Comment>, Error> {
        // From the start, a position before every id (ids count from 1).
        let (order, past, start) = if status == Status::Pending {
            ("ASC", ">", 0)
        } else {
            ("DESC", "<", i64::MAX)
        };
        let rows = sqlx::query(&format!(
            "SELECT {COMMENT_COLUMNS} FROM comments WHERE status = $1 AND id {past} $2 \
             ORDER BY id {order} LIMIT $3"
        ))
        .bind(status.as_str())
        .bind(after.unwrap_or(start))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().filter_map(comment_from_row).collect())
    }

    /// How many comments have each status.
    pub async fn status_counts(&self) -> Result<HashMap<Status, u64>, Error> {
        let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM comments GROUP BY status")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                Some((
                    Status::parse(&r.get::<String, _>("status"))?,
                    r.get::<i64, _>("n") as u64,
                ))
            })
            .collect())
    }

    /// Applies a moderator's decision; `None` when there is no such comment.
    /// Says where the comment stood before, read in the same transaction.
    pub async fn moderate(
        &self,
        id: i64,
        action: Moderation,
        actor: &str,
    ) -> Result<Option<Moderated>, Error> {
        let mut tx = self.begin_write().await?;
        let was: Option<String> = sqlx::query_scalar("SELECT status FROM comments WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(was) = was.as_deref().and_then(Status::parse) else {
            return Ok(None);
        };
        let done = sqlx::query("UPDATE comments SET status = $1 WHERE id = $2")
            .bind(action.status().as_str())
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if done == 0 {
            return Ok(None);
        }
        let comment = fetch_comment(&mut tx, id).await?;
        let mut logged = None;
        if let Some(c) = &comment {
            logged = Some(
                log(
                    &mut tx,
                    Some(id),
                    Some((c.lang, &c.slug)),
                    c.author_ip.as_deref(),
                    c.author_email.as_deref(),
                    action.action(),
                    "",
                    None,
                    Some(actor),
                )
                .await?,
            );
        }
        self.commit_logged(tx, logged).await?;
        Ok(comment.map(|comment| Moderated { comment, was }))
    }

    /// A moderator's edit of a comment's name and text.
    pub async fn edit_comment(
        &self,
        id: i64,
        name: &str,
        body: &str,
        body_html: &str,
        fingerprint: &str,
        actor: &str,
    ) -> Result<Option<Comment>, Error> {
        let mut tx = self.begin_write().await?;
        // What the reader wrote is kept in the log, so an edit loses nothing.
        let before: Option<(String, String)> =
            sqlx::query_as("SELECT author_name, body FROM comments WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((old_name, old_body)) = before else {
            return Ok(None);
        };
        // The row was read above in this transaction, so the update finds it.
        sqlx::query(
            "UPDATE comments SET author_name = $1, body = $2, body_html = $3, fingerprint = $4, edited_at = $5,
             render_version = $7 WHERE id = $6",
        )
        .bind(name)
        .bind(body)
        .bind(body_html)
        .bind(fingerprint)
        .bind(now_text())
        .bind(id)
        .bind(askaf_comments::RENDER_VERSION)
        .execute(&mut *tx)
        .await?;
        let comment = fetch_comment(&mut tx, id).await?;
        let mut logged = None;
        if let Some(c) = &comment {
            logged = Some(
                log(
                    &mut tx,
                    Some(id),
                    Some((c.lang, &c.slug)),
                    None,
                    None,
                    "edited",
                    "",
                    Some(&Detail::Edited {
                        name: old_name,
                        body: old_body,
                    }),
                    Some(actor),
                )
                .await?,
            );
        }
        self.commit_logged(tx, logged).await?;
        Ok(comment)
    }

    pub async fn is_closed(&self, lang: Lang, slug: &str) -> Result<bool, Error> {
        let closed: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM closed_articles WHERE lang = $1 AND slug = $2")
                .bind(lang.code())
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?;
        Ok(closed.is_some())
    }

    /// Articles whose comments are closed.
    pub async fn closed_articles(&self) -> Result<HashSet<(Lang, String)>, Error> {
        let rows = sqlx::query("SELECT lang, slug FROM closed_articles")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                Some((
                    r.get::<String, _>("lang").parse().ok()?,
                    r.get::<String, _>("slug"),
                ))
            })
            .collect())
    }

    /// A number that grows whenever anything a page shows of one article's
    /// comments changes (a comment published, approved, edited, removed; the
    /// comments closed or opened), or of any article's with `None`: the id of
    /// the latest such decision in `comment_decisions`. Pages record it when
    /// rendered, so a copy kept on disk is known to be stale even after a
    /// crash; a refused attempt changes nothing shown and does not count.
    ///
    /// Read from memory (see `versions::CommentVersions`): a page-cache miss asks
    /// for it, and must not cost a query.
    pub fn comment_version(&self, article: Option<(Lang, &str)>) -> i64 {
        self.versions.get(article)
    }

    /// The comment version of every article in one language together: what
    /// a listing of that language (which shows comment counts) is made from.
    pub fn lang_comment_version(&self, lang: Lang) -> i64 {
        self.versions.lang(lang)
    }

    /// Reads the decisions logged since the newest one this process read,
    /// by whichever process or node wrote them, and returns the articles
    /// whose shown comments changed (`None`: the site's, no one article's),
    /// for the pages that show them to be dropped. One process needs no
    /// call: its own decisions advance the versions as they commit. A node
    /// sharing PostgreSQL with others calls it when told of a decision and
    /// whenever it catches up (see the `notices` module).
    pub async fn refresh_comment_versions(&self) -> Result<Vec<Option<(Lang, String)>>, Error> {
        self.versions.load(&self.pool).await
    }

    /// Commits a transaction that logged `logged`, with its notice to the
    /// other nodes when it changes what a page shows, then advances the
    /// comment versions: after the commit, so a version read by a
    /// page-cache miss never names comments the page could not yet see.
    async fn commit_logged(
        &self,
        mut tx: Transaction<'_, Any>,
        logged: impl IntoIterator<Item = Logged>,
    ) -> Result<(), Error> {
        let shown: Vec<Logged> = logged.into_iter().filter(|l| l.shown).collect();
        for l in &shown {
            self.notify(&mut tx, &crate::Notice::Comments(l.article.clone()))
                .await?;
        }
        tx.commit().await?;
        for l in shown {
            self.versions.advance(
                l.article.as_ref().map(|(lang, s)| (*lang, s.as_str())),
                l.id,
            );
        }
        Ok(())
    }

    /// Renders again, from the text its reader wrote (`body`, which is
    /// kept), every comment that an older renderer made the HTML of (its
    /// `render_version` below [`askaf_comments::RENDER_VERSION`]): comments
    /// are stored rendered, so a change to the renderer (bare URLs made
    /// links, say) would otherwise reach only comments stored or edited
    /// after it. Returns how many it rendered again.
    ///
    /// Called once at a server's start, before its pages are made. Each
    /// article whose comments changed gets one decision in the log
    /// (`rerendered`), so its comment version moves and every node drops
    /// the pages that showed the old rendering, a copy kept on disk too.
    /// Safe to run again and on several nodes at once: a comment is written
    /// only while its version is still older and its text is still the one
    /// rendered (a moderator's edit meanwhile wins), in batches, each in
    /// one write transaction; what another node did first is skipped.
    pub async fn rerender_comments(&self) -> Result<usize, Error> {
        const BATCH: i64 = 200;
        let version = askaf_comments::RENDER_VERSION;
        let mut done = 0;
        let mut after = 0_i64;
        loop {
            let rows = sqlx::query(
                "SELECT id, lang, slug, body FROM comments
                 WHERE render_version < $1 AND id > $2 ORDER BY id LIMIT $3",
            )
            .bind(version)
            .bind(after)
            .bind(BATCH)
            .fetch_all(&self.pool)
            .await?;
            let Some(last) = rows.last() else {
                return Ok(done);
            };
            after = last.get("id");
            let mut tx = self.begin_write().await?;
            let mut articles: std::collections::BTreeMap<(Lang, String), usize> =
                Default::default();
            for r in &rows {
                let body: String = r.get("body");
                let html = askaf_comments::render(&body).html;
                let written = sqlx::query(
                    "UPDATE comments SET body_html = $1, render_version = $2
                     WHERE id = $3 AND body = $4 AND render_version < $2",
                )
                .bind(html)
                .bind(version)
                .bind(r.get::<i64, _>("id"))
                .bind(&body)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if written == 0 {
                    continue;
                }
                done += 1;
                if let Ok(lang) = r.get::<String, _>("lang").parse::<Lang>() {
                    *articles.entry((lang, r.get("slug"))).or_default() += 1;
                }
            }
            let mut logged = Vec::new();
            for ((lang, slug), n) in &articles {
                let row = LogRow {
                    comment_id: None,
                    article: Some((*lang, slug)),
                    ip: None,
                    email: None,
                    action: "rerendered",
                };
                let detail = format!(
                    "{n} comment(s) rendered again from their text by renderer version {version}"
                );
                logged.push(log_row(&mut tx, &row, "", &detail, None, None).await?);
            }
            self.commit_logged(tx, logged).await?;
        }
    }

    /// Closes or reopens comments on an article.
    pub async fn set_comments_closed(
        &self,
        lang: Lang,
        slug: &str,
        closed: bool,
        actor: &str,
    ) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        if closed {
            sqlx::query(
                "INSERT INTO closed_articles (lang, slug, closed_at, closed_by) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (lang, slug) DO NOTHING",
            )
            .bind(lang.code())
            .bind(slug)
            .bind(now_text())
            .bind(actor)
            .execute(&mut *tx)
            .await?;
        } else {
            sqlx::query("DELETE FROM closed_articles WHERE lang = $1 AND slug = $2")
                .bind(lang.code())
                .bind(slug)
                .execute(&mut *tx)
                .await?;
        }
        let action = if closed { "closed" } else { "opened" };
        let logged = log(
            &mut tx,
            None,
            Some((lang, slug)),
            None,
            None,
            action,
            "",
            None,
            Some(actor),
        )
        .await?;
        self.commit_logged(tx, Some(logged)).await?;
        Ok(())
    }

    /// Bans an email or a network; `target` is in its canonical form.
    pub async fn add_ban(
        &self,
        kind: &str,
        target: &str,
        note: &str,
        actor: &str,
    ) -> Result<i64, Error> {
        let mut tx = self.begin_write().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO bans (kind, target, note, created_at, created_by) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (target) DO NOTHING RETURNING id",
        )
        .bind(kind)
        .bind(target)
        .bind(note)
        .bind(now_text())
        .bind(actor)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            return Err(Error::Conflict(format!("{target} is banned already")));
        };
        let logged = log(
            &mut tx,
            None,
            None,
            None,
            None,
            "banned",
            kind,
            Some(&Detail::Banned {
                kind: kind.to_string(),
                target: target.to_string(),
                note: note.to_string(),
            }),
            Some(actor),
        )
        .await?;
        self.commit_logged(tx, Some(logged)).await?;
        Ok(id)
    }

    /// Lifts a ban; false when there was none with this id.
    pub async fn remove_ban(&self, id: i64, actor: &str) -> Result<bool, Error> {
        let mut tx = self.begin_write().await?;
        let target: Option<String> = sqlx::query_scalar("SELECT target FROM bans WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(target) = target else {
            return Ok(false);
        };
        sqlx::query("DELETE FROM bans WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let logged = log(
            &mut tx,
            None,
            None,
            None,
            None,
            "unbanned",
            "",
            Some(&Detail::Unbanned { target }),
            Some(actor),
        )
        .await?;
        self.commit_logged(tx, Some(logged)).await?;
        Ok(true)
    }

    pub async fn bans(&self) -> Result<Vec<Ban>, Error> {
        let rows = sqlx::query(
            "SELECT id, kind, target, note, created_at, created_by FROM bans ORDER BY id DESC",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| Ban {
                id: r.get("id"),
                kind: r.get("kind"),
                target: r.get("target"),
                note: r.get("note"),
                created_at: r.get("created_at"),
                created_by: r.get("created_by"),
            })
            .collect())
    }

    /// The moderators' word and pattern list, or `None` if never saved.
    pub async fn spam_patterns(&self) -> Result<Option<String>, Error> {
        Ok(
            sqlx::query_scalar("SELECT body FROM spam_patterns WHERE id = 1")
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// How many times the word list was saved, 0 if never: one row by its
    /// key, for a node to ask before each comment whether the list it
    /// compiled is still the saved one (see [`Store::spam_patterns_revised`]).
    pub async fn spam_patterns_revision(&self) -> Result<i64, Error> {
        let revision: Option<i64> =
            sqlx::query_scalar("SELECT revision FROM spam_patterns WHERE id = 1")
                .fetch_optional(&self.pool)
                .await?;
        Ok(revision.unwrap_or(0))
    }

    /// The word list and its revision ([`Store::spam_patterns_revision`]),
    /// read together, so the list is the one the revision names; revision
    /// 0 and `None` if never saved.
    pub async fn spam_patterns_revised(&self) -> Result<(i64, Option<String>), Error> {
        let row = sqlx::query("SELECT revision, body FROM spam_patterns WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(r) => (r.get("revision"), Some(r.get("body"))),
            None => (0, None),
        })
    }

    /// Saves the word list as its next revision.
    pub async fn set_spam_patterns(&self, body: &str, actor: &str) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO spam_patterns (id, body, updated_at, updated_by, revision) VALUES (1, $1, $2, $3, 1)
             ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by,
                                            revision = spam_patterns.revision + 1",
        )
        .bind(body)
        .bind(now_text())
        .bind(actor)
        .execute(&mut *tx)
        .await?;
        let entries = body
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .count();
        let logged = log(
            &mut tx,
            None,
            None,
            None,
            None,
            "patterns",
            "",
            Some(&Detail::Patterns {
                entries: entries as u64,
            }),
            Some(actor),
        )
        .await?;
        self.commit_logged(tx, Some(logged)).await?;
        Ok(())
    }

    /// The decision log, newest first; `comment` narrows it to one comment.
    pub async fn decisions(
        &self,
        comment: Option<i64>,
        limit: u32,
    ) -> Result<Vec<Decision>, Error> {
        let rows = sqlx::query(
            "SELECT d.id, d.at_unix, d.comment_id, d.lang, d.slug, d.ip, d.email, d.action, d.codes,
                    d.detail, d.actor, d.reasons, c.status AS comment_status
             FROM comment_decisions d LEFT JOIN comments c ON c.id = d.comment_id
             WHERE ($1 IS NULL OR d.comment_id = $2) ORDER BY d.id DESC LIMIT $3",
        )
        .bind(comment)
        .bind(comment)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| Decision {
                id: r.get("id"),
                at_unix: r.get("at_unix"),
                comment_id: r.get("comment_id"),
                lang: r.get("lang"),
                slug: r.get("slug"),
                ip: r.get("ip"),
                email: r.get("email"),
                action: r.get("action"),
                codes: r.get("codes"),
                detail: r.get("detail"),
                reasons: reasons_from(r, "reasons"),
                values: r
                    .get::<Option<String>, _>("reasons")
                    .as_deref()
                    .and_then(Detail::decode),
                actor: r.get("actor"),
                comment_status: r
                    .get::<Option<String>, _>("comment_status")
                    .as_deref()
                    .and_then(Status::parse),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::TestDb;

    on_both!(
        counts_only_approved_comments,
        a_held_comment_is_queued_with_its_reason_and_approval_is_logged,
        refusals_count_apart_from_comments_and_old_ones_do_not,
        an_email_is_counted_at_each_address_apart,
        a_throttled_address_is_logged_once_a_window,
        closing_bans_and_patterns_round_trip,
        comment_versions_advance_in_memory_and_match_the_log_after_a_restart,
        imported_comments_keep_their_time_state_and_replies_and_come_in_once,
        a_refresh_finds_a_decision_older_than_this_nodes_own,
        the_queue_reads_in_pages_from_where_the_last_ended,
        a_staff_comment_keeps_its_account_and_its_names_are_reserved,
        reasons_are_kept_with_their_values,
        comments_rendered_by_an_older_renderer_are_rendered_again_once,
    );

    /// Why a comment was held or refused comes back with its values (the
    /// word-list entry as typed, the count of links, the ban), on the
    /// comment and in the log, beside the codes and the English sentence;
    /// rows without them (an import, an action about no comment) have none.
    async fn reasons_are_kept_with_their_values(db: TestDb) {
        let store = db.open().await;
        let held = vec![
            Reason::TooManyLinks { links: 3, max: 2 },
            Reason::Pattern("کازینو".into()),
            Reason::NoEmail,
        ];
        let id = store
            .insert_comment(&NewComment {
                held: held.clone(),
                ..new("a", None, Status::Pending)
            })
            .await
            .unwrap();
        let got = store.comment(id).await.unwrap().unwrap();
        assert_eq!(got.held_reasons.as_ref(), Some(&held));
        assert_eq!(got.held_codes, ["too-many-links", "pattern", "no-email"]);
        assert_eq!(
            got.held_detail,
            "3 links (at most 2 without review); matched the word list entry `کازینو`; \
             no email address, so it cannot count as a known commenter's"
        );
        let queue = store
            .comments_with_status(Status::Pending, 10)
            .await
            .unwrap();
        assert_eq!(queue[0].held_reasons.as_ref(), Some(&held));
        let ban = Reason::Banned("203.0.113.0/24".into());
        store
            .log_refusal(&Refusal {
                lang: Lang::En,
                slug: "a",
                email: None,
                ip: Some("203.0.113.9"),
                reason: ban.clone(),
            })
            .await
            .unwrap();
        let created = Detail::AccountCreated {
            name: "bo".into(),
            role: "moderator".into(),
        };
        store
            .log_action("account created", &created, "admin")
            .await
            .unwrap();
        let log = store.decisions(None, 10).await.unwrap();
        let actions: Vec<&str> = log.iter().map(|d| d.action.as_str()).collect();
        assert_eq!(actions, ["account created", "refused", "held"]);
        assert_eq!(log[0].reasons, None);
        assert_eq!(log[0].values, Some(created));
        assert_eq!(log[0].detail, "bo as moderator");
        assert_eq!(log[1].reasons, Some(vec![ban]));
        assert_eq!(log[1].values, None);
        assert_eq!(log[1].codes, "banned");
        assert_eq!(log[1].detail, "banned: `203.0.113.0/24`");
        assert_eq!(log[2].reasons.as_ref(), Some(&held));
        let published = store
            .insert_comment(&new("a", Some("x@example.org"), Status::Approved))
            .await
            .unwrap();
        let got = store.comment(published).await.unwrap().unwrap();
        assert_eq!(got.held_reasons, Some(vec![]));
        let plain = store
            .insert_approved_comment(Lang::En, "a", "Bo", "Hello")
            .await
            .unwrap();
        assert_eq!(
            store.comment(plain).await.unwrap().unwrap().held_reasons,
            None
        );
    }

    /// A comment posted by a signed-in moderator keeps the account; the
    /// names a reader may not take are those staff comments were signed
    /// with, not a reader's nor an account's.
    async fn a_staff_comment_keeps_its_account_and_its_names_are_reserved(db: TestDb) {
        let store = db.open().await;
        store.create_user("ana", "moderator", "x").await.unwrap();
        let staff = store
            .insert_comment(&NewComment {
                name: "AskAfghanistan",
                staff: Some("ana"),
                ..new("a", None, Status::Approved)
            })
            .await
            .unwrap();
        let reader = store
            .insert_comment(&new("a", Some("r@example.org"), Status::Approved))
            .await
            .unwrap();
        let got = store.comment(staff).await.unwrap().unwrap();
        assert_eq!(got.staff.as_deref(), Some("ana"));
        let listed = store.approved_comments(Lang::En, "a").await.unwrap();
        assert_eq!(listed[0].staff.as_deref(), Some("ana"));
        assert_eq!(store.comment(reader).await.unwrap().unwrap().staff, None);
        assert_eq!(store.staff_names().await.unwrap(), ["AskAfghanistan"]);
    }

    /// The moderation queue in pages: waiting comments oldest first, the
    /// others newest first, each page from the id the last one ended on,
    /// so a comment moderated between two pages shifts nothing.
    async fn the_queue_reads_in_pages_from_where_the_last_ended(db: TestDb) {
        let store = db.open().await;
        let mut ids = Vec::new();
        for _ in 0..5 {
            ids.push(
                store
                    .insert_comment(&new("a", Some("x@example.org"), Status::Pending))
                    .await
                    .unwrap(),
            );
        }
        let page = |after, limit| {
            let store = &store;
            async move {
                store
                    .comments_with_status_after(Status::Pending, after, limit)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|c| c.id)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(page(None, 2).await, ids[..2]);
        // The first of the next page is approved meanwhile: the page starts
        // after it all the same, with no comment skipped.
        store
            .moderate(ids[2], Moderation::Approve, "mod")
            .await
            .unwrap();
        assert_eq!(page(Some(ids[1]), 2).await, ids[3..5]);
        assert_eq!(page(Some(ids[4]), 2).await, Vec::<i64>::new());
        // Published ones, newest first.
        for &id in &ids[3..] {
            store
                .moderate(id, Moderation::Approve, "mod")
                .await
                .unwrap();
        }
        let approved = |after| {
            let store = &store;
            async move {
                store
                    .comments_with_status_after(Status::Approved, after, 2)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|c| c.id)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(approved(None).await, [ids[4], ids[3]]);
        assert_eq!(approved(Some(ids[3])).await, [ids[2]]);
    }

    async fn imported_comments_keep_their_time_state_and_replies_and_come_in_once(db: TestDb) {
        let store = db.open().await;
        let comment = |key: i64, parent_key: Option<i64>, status: Status, body: &'static str| {
            ImportedComment {
                lang: Lang::Fa,
                slug: "kabul",
                key,
                parent_key,
                name: "Wahid",
                email: Some("w@example.org"),
                ip: Some("198.51.100.4"),
                body,
                body_html: body,
                fingerprint: body,
                status,
                created_at: "2019-03-04T05:06:07Z",
                created_unix: 1_551_675_967,
                source: "WordPress",
            }
        };
        let all = [
            comment(10, None, Status::Approved, "First"),
            comment(11, Some(10), Status::Approved, "A reply"),
            comment(12, None, Status::Pending, "Held"),
            comment(13, None, Status::Spam, "Buy"),
        ];
        let before = store.comment_version(Some((Lang::Fa, "kabul")));
        let count = store.import_comments(&all).await.unwrap();
        assert_eq!(
            count,
            ImportCount {
                added: 4,
                present: 0
            }
        );
        assert!(store.comment_version(Some((Lang::Fa, "kabul"))) > before);
        let shown = store.approved_comments(Lang::Fa, "kabul").await.unwrap();
        assert_eq!(shown.len(), 2);
        assert_eq!(shown[0].created_at, "2019-03-04T05:06:07Z");
        assert_eq!(shown[1].parent_id, Some(shown[0].id));
        assert_eq!(
            store
                .comments_with_status(Status::Spam, 10)
                .await
                .unwrap()
                .len(),
            1
        );
        // The import's decisions carry no address: the rate limits do not count them.
        let context = store
            .comment_context(
                Lang::Fa,
                "other",
                Some("198.51.100.4"),
                Some("w@example.org"),
                "x",
                600,
            )
            .await
            .unwrap();
        assert_eq!((context.recent_from_ip, context.recent_from_email), (0, 0));
        assert!(context.known_commenter);
        // Again: nothing is added twice.
        let again = store.import_comments(&all).await.unwrap();
        assert_eq!(
            again,
            ImportCount {
                added: 0,
                present: 4
            }
        );
        assert_eq!(store.approved_count(Lang::Fa, "kabul").await.unwrap(), 2);
    }

    fn new<'a>(slug: &'a str, email: Option<&'a str>, status: Status) -> NewComment<'a> {
        NewComment {
            lang: Lang::En,
            slug,
            parent_id: None,
            name: "Ana",
            email,
            ip: Some("203.0.113.7"),
            body: "Thanks *a lot*",
            body_html: "<p>Thanks <em>a lot</em></p>",
            fingerprint: "f1",
            status,
            held: if status == Status::Pending {
                vec![Reason::FirstComment]
            } else {
                vec![]
            },
            staff: None,
        }
    }

    /// Comments an older renderer made the HTML of are rendered again from
    /// their text, once, on both databases: twice at once (two nodes
    /// starting together), one does it; the text is kept as written; the
    /// article's comment version moves, so pages showing the old HTML are
    /// dropped; a comment stored by this renderer is left as it is.
    async fn comments_rendered_by_an_older_renderer_are_rendered_again_once(db: TestDb) {
        let store = db.open().await;
        let text = "The report: https://example.org/report-2021";
        let old = store
            .insert_approved_comment(Lang::En, "a", "Ana", text)
            .await
            .unwrap();
        let kept = store
            .insert_comment(&NewComment {
                body: "https://example.org/kept",
                body_html: "<p>as stored</p>",
                ..new("b", None, Status::Approved)
            })
            .await
            .unwrap();
        let before = store.comment_version(Some((Lang::En, "a")));
        let (one, two) = tokio::join!(store.rerender_comments(), store.rerender_comments());
        assert_eq!(one.unwrap() + two.unwrap(), 1);
        let c = store.comment(old).await.unwrap().unwrap();
        assert_eq!(c.body, text);
        assert!(
            c.body_html
                .contains("<a href=\"https://example.org/report-2021\" rel=\"nofollow ugc noopener noreferrer\">"),
            "{}",
            c.body_html
        );
        assert!(store.comment_version(Some((Lang::En, "a"))) > before);
        let other = store.comment(kept).await.unwrap().unwrap();
        assert_eq!(other.body_html, "<p>as stored</p>");
        assert_eq!(store.rerender_comments().await.unwrap(), 0);
        let log = store.decisions(None, 50).await.unwrap();
        assert_eq!(
            log.iter().filter(|d| d.action == "rerendered").count(),
            1,
            "one line for the article"
        );
    }

    async fn counts_only_approved_comments(db: TestDb) {
        let store = db.open().await;
        store
            .insert_approved_comment(Lang::En, "a", "Ana", "Thanks")
            .await
            .unwrap();
        store
            .insert_approved_comment(Lang::En, "a", "Bo", "Useful")
            .await
            .unwrap();
        store
            .insert_comment(&new("a", Some("x@example.org"), Status::Pending))
            .await
            .unwrap();
        let counts = store.comment_counts().await.unwrap();
        assert_eq!(counts.get(&(Lang::En, "a".to_string())), Some(&2));
        assert_eq!(counts.get(&(Lang::Fa, "a".to_string())), None);
    }

    async fn a_held_comment_is_queued_with_its_reason_and_approval_is_logged(db: TestDb) {
        let store = db.open().await;
        let id = store
            .insert_comment(&new("a", Some("ana@example.org"), Status::Pending))
            .await
            .unwrap();
        let queue = store
            .comments_with_status(Status::Pending, 10)
            .await
            .unwrap();
        assert_eq!(queue.len(), 1);
        assert_eq!(queue[0].held_codes, vec!["first-comment".to_string()]);
        assert!(store
            .approved_comments(Lang::En, "a")
            .await
            .unwrap()
            .is_empty());

        let ctx = store
            .comment_context(
                Lang::En,
                "a",
                Some("203.0.113.7"),
                Some("ana@example.org"),
                "f1",
                3600,
            )
            .await
            .unwrap();
        assert_eq!(ctx.recent_from_ip, 1);
        assert_eq!(ctx.recent_from_email, 1);
        assert!(ctx.duplicate);
        assert!(
            !ctx.known_commenter,
            "a pending comment does not make a known commenter"
        );
        let proves = |id, email| store.approved_with_email(id, email);
        assert!(!proves(id, "ana@example.org").await.unwrap(), "pending");

        let done = store
            .moderate(id, Moderation::Approve, "mod")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(done.comment.status, Status::Approved);
        assert_eq!(done.was, Status::Pending, "where it stood before");
        assert_eq!(Moderation::to(done.was), Moderation::Requeue);
        assert!(proves(id, "ana@example.org").await.unwrap());
        assert!(
            !proves(id, "bo@example.org").await.unwrap(),
            "another email"
        );
        assert!(
            !proves(id + 1, "ana@example.org").await.unwrap(),
            "another comment"
        );
        assert!(store
            .moderate(999, Moderation::Approve, "mod")
            .await
            .unwrap()
            .is_none());
        let edited = store
            .edit_comment(
                id,
                "Ana B.",
                "Thanks a lot",
                "<p>Thanks a lot</p>",
                "f3",
                "mod",
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(edited.body, "Thanks a lot");
        assert!(edited.edited_at.is_some());
        let last = &store.decisions(Some(id), 1).await.unwrap()[0];
        assert_eq!(last.action, "edited");
        assert_eq!(
            last.detail, "was: Ana: Thanks *a lot*",
            "the reader's text is kept"
        );
        assert!(store
            .edit_comment(999, "x", "y", "y", "f", "mod")
            .await
            .unwrap()
            .is_none());
        let ctx = store
            .comment_context(Lang::En, "b", None, Some("ana@example.org"), "f2", 3600)
            .await
            .unwrap();
        assert!(ctx.known_commenter);
        assert!(
            !ctx.duplicate,
            "the same text on another article is not a duplicate"
        );

        let log = store.decisions(Some(id), 10).await.unwrap();
        let actions: Vec<&str> = log.iter().map(|d| d.action.as_str()).collect();
        assert_eq!(actions, ["edited", "approved", "held"]);
        assert_eq!(log[1].actor.as_deref(), Some("mod"));
        assert_eq!(log[2].codes, "first-comment");
    }

    /// The hourly limits count comments taken; refusals are counted apart,
    /// against their own limit, and neither counts past the window.
    async fn refusals_count_apart_from_comments_and_old_ones_do_not(db: TestDb) {
        let store = db.open().await;
        let ip = "198.51.100.1";
        let email = "x@example.org";
        for _ in 0..3 {
            store
                .log_refusal(&Refusal {
                    lang: Lang::En,
                    slug: "a",
                    email: Some(email),
                    ip: Some(ip),
                    reason: Reason::Honeypot,
                })
                .await
                .unwrap();
        }
        sqlx::query("UPDATE comment_decisions SET at_unix = at_unix - 7200 WHERE id = 1")
            .execute(&store.pool)
            .await
            .unwrap();
        // Taken from the address, from the email, and refused.
        let counts = || async {
            let c = store
                .comment_context(Lang::En, "a", Some(ip), Some(email), "f", 3600)
                .await
                .unwrap();
            let refused = store
                .comment_attempts(AttemptsBy::Address(ip), Attempts::Refused, 3600)
                .await
                .unwrap();
            (c.recent_from_ip, c.recent_from_email, refused)
        };
        assert_eq!(counts().await, (0, 0, 2), "refusals are not comments taken");
        let id = store
            .insert_comment(&NewComment {
                lang: Lang::En,
                slug: "a",
                parent_id: None,
                name: "X",
                email: Some(email),
                ip: Some(ip),
                body: "b",
                body_html: "<p>b</p>",
                fingerprint: "f",
                status: Status::Pending,
                held: vec![Reason::FirstComment],
                staff: None,
            })
            .await
            .unwrap();
        assert_eq!(counts().await, (1, 1, 2));
        // Refusals: below a limit of 3 already; at a limit of 2, once the
        // older of the two left leaves the window, an hour after it was made.
        let by = AttemptsBy::Address(ip);
        let refused = |limit| store.comment_attempts_fall_below(by, Attempts::Refused, limit, 3600);
        assert_eq!(refused(3).await.unwrap(), None);
        let at: i64 = sqlx::query_scalar("SELECT at_unix FROM comment_decisions WHERE id = 2")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert_eq!(refused(2).await.unwrap(), Some(at + 3601));
        // The comment taken: at a limit of 1, it leaves an hour after it
        // was made, by address and by email alike.
        let taken_at: i64 =
            sqlx::query_scalar("SELECT at_unix FROM comment_decisions WHERE comment_id = $1")
                .bind(id)
                .fetch_one(&store.pool)
                .await
                .unwrap();
        for by in [by, AttemptsBy::EmailAt { email, ip }] {
            let free = store
                .comment_attempts_fall_below(by, Attempts::Taken, 1, 3600)
                .await
                .unwrap();
            assert_eq!(free, Some(taken_at + 3601));
        }
        for other in [
            AttemptsBy::EmailAt {
                email: "y@example.org",
                ip,
            },
            AttemptsBy::EmailAt {
                email,
                ip: "192.0.2.1",
            },
        ] {
            let free = store
                .comment_attempts_fall_below(other, Attempts::Taken, 1, 3600)
                .await
                .unwrap();
            assert_eq!(free, None, "{other:?}");
        }
    }

    /// A throttled address is logged once a window: the first refusal as
    /// such writes a line, the rest do not, another address's first does,
    /// and once the line has left the window the next one writes again.
    async fn a_throttled_address_is_logged_once_a_window(db: TestDb) {
        let store = db.open().await;
        let throttled = |ip| Refusal {
            lang: Lang::En,
            slug: "a",
            email: None,
            ip: Some(ip),
            reason: Reason::RateLimitRefused {
                count: 50,
                limit: 50,
            },
        };
        let (ip, other) = ("198.51.100.1", "198.51.100.2");
        // A refusal of another kind does not stand for it.
        store
            .log_refusal(&Refusal {
                reason: Reason::FormMissing,
                ..throttled(ip)
            })
            .await
            .unwrap();
        let logged = |ip| {
            let r = throttled(ip);
            let store = &store;
            async move { store.log_throttled(&r, 3600).await.unwrap() }
        };
        assert!(logged(ip).await);
        assert!(!logged(ip).await);
        assert!(!logged(ip).await);
        assert!(logged(other).await, "another address is its own");
        let refused = |ip| {
            let store = &store;
            async move {
                store
                    .comment_attempts(AttemptsBy::Address(ip), Attempts::Refused, 3600)
                    .await
                    .unwrap()
            }
        };
        assert_eq!((refused(ip).await, refused(other).await), (2, 1));
        sqlx::query("UPDATE comment_decisions SET at_unix = at_unix - 7200")
            .execute(&store.pool)
            .await
            .unwrap();
        assert!(logged(ip).await, "a new window, a new line");
        assert!(!logged(ip).await);
    }

    /// The per-email count is of the email's comments from one address:
    /// comments bearing it from elsewhere (someone else signing with it)
    /// leave it alone here, and there count only there.
    async fn an_email_is_counted_at_each_address_apart(db: TestDb) {
        let store = db.open().await;
        let email = "vic@example.org";
        let (troll, owner) = ("203.0.113.9", "198.51.100.2");
        for (i, fingerprint) in ["f1", "f2", "f3"].into_iter().enumerate() {
            store
                .insert_comment(&NewComment {
                    ip: Some(troll),
                    fingerprint,
                    body: ["one", "two", "three"][i],
                    ..new("a", Some(email), Status::Pending)
                })
                .await
                .unwrap();
        }
        let store = &store;
        let from = |ip| async move {
            store
                .comment_context(Lang::En, "a", Some(ip), Some(email), "g", 3600)
                .await
                .unwrap()
                .recent_from_email
        };
        assert_eq!(from(troll).await, 3);
        assert_eq!(from(owner).await, 0, "another address's comments");
        let by = AttemptsBy::EmailAt { email, ip: owner };
        let free = store
            .comment_attempts_fall_below(by, Attempts::Taken, 1, 3600)
            .await
            .unwrap();
        assert_eq!(free, None);
        store
            .insert_comment(&NewComment {
                ip: Some(owner),
                ..new("a", Some(email), Status::Pending)
            })
            .await
            .unwrap();
        assert_eq!((from(troll).await, from(owner).await), (3, 1));
        // Without an address there is nothing to count the email at.
        let ctx = store
            .comment_context(Lang::En, "a", None, Some(email), "g", 3600)
            .await
            .unwrap();
        assert_eq!(ctx.recent_from_email, 0);
    }

    async fn closing_bans_and_patterns_round_trip(db: TestDb) {
        let store = db.open().await;
        store
            .set_comments_closed(Lang::Fa, "x", true, "mod")
            .await
            .unwrap();
        assert!(store.is_closed(Lang::Fa, "x").await.unwrap());
        assert!(
            store
                .comment_context(Lang::Fa, "x", None, None, "f", 60)
                .await
                .unwrap()
                .closed
        );
        store
            .set_comments_closed(Lang::Fa, "x", false, "mod")
            .await
            .unwrap();
        assert!(store.closed_articles().await.unwrap().is_empty());

        let id = store
            .add_ban("network", "203.0.113.0/24", "spam run", "mod")
            .await
            .unwrap();
        assert!(matches!(
            store.add_ban("network", "203.0.113.0/24", "", "mod").await,
            Err(Error::Conflict(_))
        ));
        assert_eq!(store.bans().await.unwrap().len(), 1);
        assert!(store.remove_ban(id, "mod").await.unwrap());
        assert!(!store.remove_ban(id, "mod").await.unwrap());

        assert_eq!(store.spam_patterns().await.unwrap(), None);
        assert_eq!(store.spam_patterns_revision().await.unwrap(), 0);
        assert_eq!(store.spam_patterns_revised().await.unwrap(), (0, None));
        store
            .set_spam_patterns("casino\n/v[i1]agra/\n", "mod")
            .await
            .unwrap();
        assert_eq!(store.spam_patterns_revision().await.unwrap(), 1);
        store.set_spam_patterns("casino\n", "mod").await.unwrap();
        assert_eq!(
            store.spam_patterns().await.unwrap().as_deref(),
            Some("casino\n")
        );
        // Each save is a new revision, whatever it holds.
        store.set_spam_patterns("casino\n", "mod").await.unwrap();
        assert_eq!(store.spam_patterns_revision().await.unwrap(), 3);
        assert_eq!(
            store.spam_patterns_revised().await.unwrap(),
            (3, Some("casino\n".to_string()))
        );
        let log = store.decisions(None, 100).await.unwrap();
        assert_eq!(log[0].action, "patterns");
        assert_eq!(log[0].detail, "1 entry");
        assert_eq!(log[0].values, Some(Detail::Patterns { entries: 1 }));
        let banned = log.iter().find(|d| d.action == "banned").unwrap();
        assert_eq!(banned.detail, "203.0.113.0/24 spam run");
        assert_eq!(
            banned.values,
            Some(Detail::Banned {
                kind: "network".into(),
                target: "203.0.113.0/24".into(),
                note: "spam run".into(),
            })
        );
    }

    async fn comment_versions_advance_in_memory_and_match_the_log_after_a_restart(db: TestDb) {
        let store = db.open().await;
        assert_eq!(store.comment_version(Some((Lang::En, "a"))), 0);
        let id = store
            .insert_comment(&new("a", None, Status::Approved))
            .await
            .unwrap();
        let after_post = store.comment_version(Some((Lang::En, "a")));
        assert!(after_post > 0);
        assert_eq!(store.lang_comment_version(Lang::En), after_post);
        assert_eq!(store.lang_comment_version(Lang::Fa), 0, "another language");
        assert_eq!(store.comment_version(Some((Lang::En, "b"))), 0);
        assert_eq!(store.comment_version(None), after_post);

        // A refusal shows nothing: no version moves.
        store
            .log_refusal(&Refusal {
                lang: Lang::En,
                slug: "a",
                email: None,
                ip: None,
                reason: Reason::RateLimitIp {
                    count: 10,
                    limit: 10,
                },
            })
            .await
            .unwrap();
        assert_eq!(store.comment_version(Some((Lang::En, "a"))), after_post);

        store.moderate(id, Moderation::Delete, "mod").await.unwrap();
        let after_delete = store.comment_version(Some((Lang::En, "a")));
        assert!(after_delete > after_post);
        store
            .set_comments_closed(Lang::Fa, "c", true, "mod")
            .await
            .unwrap();
        assert!(store.comment_version(Some((Lang::Fa, "c"))) > after_delete);
        assert_eq!(store.comment_version(Some((Lang::En, "a"))), after_delete);

        // What a fresh process reads from the log is what this one holds.
        let held = [
            store.comment_version(Some((Lang::En, "a"))),
            store.comment_version(Some((Lang::Fa, "c"))),
            store.lang_comment_version(Lang::En),
            store.lang_comment_version(Lang::Fa),
            store.comment_version(None),
        ];
        store.close().await;
        let again = db.open().await;
        let read = [
            again.comment_version(Some((Lang::En, "a"))),
            again.comment_version(Some((Lang::Fa, "c"))),
            again.lang_comment_version(Lang::En),
            again.lang_comment_version(Lang::Fa),
            again.comment_version(None),
        ];
        assert_eq!(read, held);

        // Another process (a node to come) writes; a refresh reads only what
        // is newer, and a version never goes back.
        let other = db.open().await;
        other
            .insert_comment(&NewComment {
                lang: Lang::Ps,
                ..new("d", None, Status::Approved)
            })
            .await
            .unwrap();
        assert_eq!(
            again.comment_version(Some((Lang::Ps, "d"))),
            0,
            "not told yet"
        );
        again.refresh_comment_versions().await.unwrap();
        assert_eq!(
            again.comment_version(Some((Lang::Ps, "d"))),
            other.comment_version(Some((Lang::Ps, "d")))
        );
        assert_eq!(again.comment_version(Some((Lang::En, "a"))), held[0]);
        assert_eq!(again.comment_version(None), other.comment_version(None));
    }

    /// Two nodes: one's decision commits first, the other's own comes
    /// after it and advances its versions before it has read the first.
    /// Its next refresh still finds the earlier decision, and names the
    /// articles whose pages must go.
    async fn a_refresh_finds_a_decision_older_than_this_nodes_own(db: TestDb) {
        let (a, b) = (db.open().await, db.open().await);
        b.insert_comment(&new("by-b", None, Status::Approved))
            .await
            .unwrap();
        a.insert_comment(&new("by-a", None, Status::Approved))
            .await
            .unwrap();
        assert!(a.comment_version(None) > b.comment_version(None));
        assert_eq!(a.comment_version(Some((Lang::En, "by-b"))), 0);
        let changed = a.refresh_comment_versions().await.unwrap();
        assert!(
            changed.contains(&Some((Lang::En, "by-b".to_string()))),
            "{changed:?}"
        );
        assert_eq!(
            a.comment_version(Some((Lang::En, "by-b"))),
            b.comment_version(Some((Lang::En, "by-b")))
        );
        assert_eq!(
            a.refresh_comment_versions().await.unwrap(),
            vec![],
            "nothing newer"
        );
        // Its own decision, read back from the log, is not news.
        a.insert_comment(&new("by-a", None, Status::Approved))
            .await
            .unwrap();
        assert_eq!(
            a.refresh_comment_versions().await.unwrap(),
            vec![],
            "its own"
        );
    }
}

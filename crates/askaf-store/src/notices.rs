//! Telling the other nodes on one PostgreSQL what changed, and catching up
//! with what they did.
//!
//! Every change another node must see is in the database already; a
//! notice (`NOTIFY askaf_changes`) only says where to look, so a node
//! reads the change itself from the store. A notice is sent in the
//! transaction that makes its change (`Store::notify`): PostgreSQL
//! delivers it when, and only if, that transaction commits, so no node
//! hears of a change before it can read it, and none is made without its
//! notice (a send that fails fails the change, and a node killed before
//! the commit has made neither). A notice can still be lost (a node
//! restarting, a connection dropped): a node therefore never applies
//! what a notice names, but catches up from the
//! store whenever one arrives, after it (re)connects, and on a slow timer
//! ([`Store::edits_since`], [`Store::refresh_comment_versions`]), with the
//! notice as a wake-up. Both logs (`article_edits`, `comment_decisions`)
//! are written under [`Store::begin_write`]'s advisory lock, so their ids
//! commit in the order they are drawn and "newer than the last id read" is
//! exact.
//!
//! On SQLite there is one server per database and nothing to tell:
//! `Store::notify` does nothing and [`Store::listen`] returns `None`.

use askaf_content::Lang;
use sqlx::Row;

use crate::{Error, Kind, Location, Store};

/// The one channel every notice goes on.
pub const CHANNEL: &str = "askaf_changes";

/// What changed, as a notice names it. Small: the kind and the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// An article saved in the editor (published, unpublished or a draft).
    Article(Lang, String),
    /// What pages show of an article's comments, or of the whole site's
    /// (`None`: a decision about no one article).
    Comments(Option<(Lang, String)>),
    /// The topics' names editors set (`/admin/tags`).
    Tags,
    /// An upload deleted (its file name): each node removes the copies it
    /// made of it and forgets that it was kept. A node that misses this
    /// finds the upload gone when it next asks about every upload it
    /// remembers as kept ([`Store::media_kept_among`]), as it does after
    /// it reconnects and on its slow timer.
    Media(String),
    /// An upload made (its file name): each node that found the name not
    /// kept a moment ago serves it from now on. A node that misses this
    /// forgets every name found not kept when it reconnects, and asks the
    /// store again about one a minute later at the most.
    Uploaded(String),
}

impl Notice {
    /// `article LANG/SLUG`, `comments LANG/SLUG`, `comments`, `tags`,
    /// `media FILE` or `uploaded FILE`.
    pub fn payload(&self) -> String {
        match self {
            Notice::Article(lang, slug) => format!("article {lang}/{slug}"),
            Notice::Comments(Some((lang, slug))) => format!("comments {lang}/{slug}"),
            Notice::Comments(None) => "comments".to_string(),
            Notice::Tags => "tags".to_string(),
            Notice::Media(file) => format!("media {file}"),
            Notice::Uploaded(file) => format!("uploaded {file}"),
        }
    }

    /// The notice a payload names; `None` for one this version does not
    /// know (a newer node's), which the catch-up covers anyway.
    pub fn parse(payload: &str) -> Option<Notice> {
        if let Some(file) = payload.strip_prefix("media ") {
            return Some(Notice::Media(file.to_string()));
        }
        if let Some(file) = payload.strip_prefix("uploaded ") {
            return Some(Notice::Uploaded(file.to_string()));
        }
        let (kind, article) = match payload.split_once(' ') {
            Some((kind, rest)) => (kind, Some(rest)),
            None => (payload, None),
        };
        let article = match article {
            Some(a) => {
                let (lang, slug) = a.split_once('/')?;
                Some((lang.parse::<Lang>().ok()?, slug.to_string()))
            }
            None => None,
        };
        match (kind, article) {
            ("article", Some((lang, slug))) => Some(Notice::Article(lang, slug)),
            ("comments", article) => Some(Notice::Comments(article)),
            ("tags", None) => Some(Notice::Tags),
            _ => None,
        }
    }
}

/// A connection that listens for notices (PostgreSQL only).
pub struct NoticeListener {
    inner: sqlx::postgres::PgListener,
}

impl NoticeListener {
    /// The next notice. `Ok(None)` for a payload this version cannot read;
    /// an error when the connection is lost: then drop this, connect again
    /// with [`Store::listen`] and catch up, since what was sent meanwhile is
    /// gone.
    pub async fn next(&mut self) -> Result<Option<Notice>, Error> {
        match self.inner.try_recv().await? {
            Some(n) => Ok(Notice::parse(n.payload())),
            None => Err(Error::Db(sqlx::Error::Io(std::io::Error::new(
                std::io::ErrorKind::ConnectionAborted,
                "the connection listening for notices was lost",
            )))),
        }
    }
}

impl Store {
    /// Tells every node listening that `notice` changed, as part of the
    /// transaction `tx` that changes it: delivered when `tx` commits, and
    /// never if it does not. Nothing on SQLite. A notice that cannot be
    /// sent is an error, and the caller's `?` rolls the change back with
    /// it: before 7 December notices were sent after the change committed,
    /// and one whose send failed (or whose node was killed in between)
    /// left the other nodes unaware until their next catch-up.
    pub(crate) async fn notify(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        notice: &Notice,
    ) -> Result<(), Error> {
        if self.kind() != Kind::Postgres {
            return Ok(());
        }
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(notice.payload())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Listens for the other nodes' notices on a connection of its own;
    /// `None` on SQLite.
    ///
    /// Its connection is waited for as long as the store's are (3 s, longer
    /// on a host that connects slowly: see `acquire_bound`), not sqlx's
    /// 30 s, so that a database that refuses it is reported, and asked
    /// again, at the pace the follower sets. Unlike the store's first
    /// pooled connection (see `first_pooled`), a connect slower than that
    /// bound needs no longer wait here: a failed listen stops nothing, and
    /// the follower asks again after its backoff (catching up meanwhile).
    pub async fn listen(&self) -> Result<Option<NoticeListener>, Error> {
        let Location::Postgres(_) = &self.location else {
            return Ok(None);
        };
        // What `PgListener::connect` makes, but for the timeout.
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .max_lifetime(None)
            .idle_timeout(None)
            .acquire_timeout(self.acquire_timeout)
            .connect(&self.url)
            .await?;
        let mut inner = sqlx::postgres::PgListener::connect_with(&pool).await?;
        inner.ignore_pool_close_event(true);
        // A lost connection is reported, not silently re-made: what was
        // sent while it was down must be caught up from the store.
        inner.eager_reconnect(false);
        inner.listen(CHANNEL).await?;
        Ok(Some(NoticeListener { inner }))
    }

    /// How many other sessions listen for this site's notices: the nodes
    /// serving from this database. 0 on SQLite, and where the role may not
    /// read other sessions' queries (the check then does not hold back).
    pub async fn nodes_listening(&self) -> Result<i64, Error> {
        if !matches!(self.location, Location::Postgres(_)) {
            return Ok(0);
        }
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE $1",
        )
        .bind(format!("LISTEN %{CHANNEL}%"))
        .fetch_one(&self.pool)
        .await?;
        Ok(row.get::<i64, _>("n"))
    }

    /// The id of the newest revision saved in the editor (0 for none).
    pub async fn last_edit_id(&self) -> Result<i64, Error> {
        let row = sqlx::query("SELECT COALESCE(MAX(id), 0) AS id FROM article_edits")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.get::<i64, _>("id"))
    }

    /// The articles saved in the editor after revision `id`, and the newest
    /// such revision (`id` when there is none): what a node that applied
    /// everything up to `id` must read again.
    pub async fn edits_since(&self, id: i64) -> Result<(Vec<(Lang, String)>, i64), Error> {
        let rows = sqlx::query(
            "SELECT lang, slug, MAX(id) AS last FROM article_edits WHERE id > $1
             GROUP BY lang, slug ORDER BY last",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let mut newest = id;
        let mut articles = Vec::with_capacity(rows.len());
        for r in rows {
            newest = newest.max(r.get::<i64, _>("last"));
            if let Ok(lang) = r.get::<String, _>("lang").parse::<Lang>() {
                articles.push((lang, r.get::<String, _>("slug")));
            }
        }
        Ok((articles, newest))
    }

    /// How many revisions were saved in the editor after `id`: a node's
    /// lag behind the store when it has applied everything up to `id`.
    pub async fn edits_after(&self, id: i64) -> Result<u64, Error> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM article_edits WHERE id > $1")
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.get::<i64, _>("n") as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The next notice `listener` receives, within 10 s.
    async fn heard(listener: &mut NoticeListener) -> Option<Notice> {
        let next = listener.next();
        let next = tokio::time::timeout(std::time::Duration::from_secs(10), next);
        next.await.expect("a notice within 10 s").unwrap()
    }

    /// Each change another node must hear of sends its notice, which a
    /// listener on another connection receives once the change is made;
    /// and a change whose notice cannot be sent is not made, so that no
    /// node is left unaware of it until it next catches up. Here the
    /// notice is one PostgreSQL refuses (a payload over 8,000 bytes, from
    /// an upload's name no upload has); a failed send is any other error
    /// of the connection. Until 7 December an upload's notices, like every
    /// other, were sent after their change committed, and the change was
    /// made without one.
    #[tokio::test]
    async fn a_change_is_made_with_its_notice_or_not_at_all() {
        let Some(db) = crate::testing::database() else {
            return;
        };
        let store = Store::connect(&db.location()).await.unwrap();
        let mut listener = store.listen().await.unwrap().unwrap();
        let file = "0123456789abcdef-1200x800.jpg";
        assert!(store
            .add_media(file, b"jpeg", "ana", "a.jpg")
            .await
            .unwrap());
        assert_eq!(
            heard(&mut listener).await,
            Some(Notice::Uploaded(file.into()))
        );
        store
            .set_tag_labels("water", &[(Lang::En, "Water")], "ana")
            .await
            .unwrap();
        assert_eq!(heard(&mut listener).await, Some(Notice::Tags));
        store
            .set_comments_closed(Lang::Fa, "kabul", true, "mod")
            .await
            .unwrap();
        assert_eq!(
            heard(&mut listener).await,
            Some(Notice::Comments(Some((Lang::Fa, "kabul".into()))))
        );
        let source = "+++\nslug = \"herat\"\n+++\n\nText.\n";
        store
            .save_edit(&crate::NewEdit {
                lang: Lang::En,
                slug: "herat",
                path: "editor:en/herat.md",
                source,
                title: "Herat",
                author: Some("ana"),
                action: crate::EditAction::Draft,
                base: None,
                file_revision: None,
                original: None,
                original_served: false,
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            heard(&mut listener).await,
            Some(Notice::Article(Lang::En, "herat".into()))
        );
        assert_eq!(
            store.delete_media(file).await.unwrap(),
            Some("a.jpg".into())
        );
        assert_eq!(heard(&mut listener).await, Some(Notice::Media(file.into())));

        // A notice that cannot be sent: the upload is not made, and one
        // kept is not deleted.
        let long = format!("{}.jpg", "0".repeat(9_000));
        assert!(store
            .add_media(&long, b"jpeg", "ana", "a.jpg")
            .await
            .is_err());
        assert!(!store.has_media(&long).await.unwrap());
        sqlx::query(
            "INSERT INTO media (name, bytes, size, uploaded_by, uploaded_at, original_name)
             VALUES ($1, $2, 4, 'ana', '2026-12-07T00:00:00Z', 'a.jpg')",
        )
        .bind(&long)
        .bind(b"jpeg".to_vec())
        .execute(&store.pool)
        .await
        .unwrap();
        assert!(store.delete_media(&long).await.is_err());
        assert!(store.has_media(&long).await.unwrap(), "still kept");
        // Nothing was said of either.
        let quiet = tokio::time::timeout(std::time::Duration::from_millis(500), listener.next());
        assert!(quiet.await.is_err(), "no notice of a change not made");
        store.close().await;
    }

    #[test]
    fn a_notice_reads_back_from_its_payload() {
        for n in [
            Notice::Article(Lang::Fa, "کابل".into()),
            Notice::Comments(Some((Lang::En, "herat".into()))),
            Notice::Tags,
            Notice::Comments(None),
            Notice::Media("0123456789abcdef-1200x800.jpg".into()),
            Notice::Uploaded("0123456789abcdef-1200x800.jpg".into()),
        ] {
            assert_eq!(Notice::parse(&n.payload()), Some(n.clone()), "{n:?}");
        }
        assert_eq!(
            Notice::parse("article"),
            None,
            "an article notice names one"
        );
        assert_eq!(Notice::parse("article xx/a"), None, "no such language");
        assert_eq!(
            Notice::parse("rename en/a"),
            None,
            "a kind from a newer node"
        );
    }
}

//! Editors' revisions saved that a node then failed to apply
//! (`0028_unapplied_edits.sql`): the store has the article published (or
//! unpublished), and the node named serves the version before it.
//!
//! A node records each such article as it fails, with the reason, and
//! deletes the record once it serves the article as saved. The record is
//! the store's, not the node's memory: a node started again finds what it
//! had not applied ([`Store::claim_unapplied`]) and tries again, and every
//! node's editor page says which servers do not serve an article as saved
//! ([`Store::unapplied_of`]).
//!
//! A node that never comes back (its data directory removed, its machine
//! gone) would leave its records on every other node's page for good: one
//! not renewed for [`UNAPPLIED_STALE_AFTER`] may be cleared by hand
//! ([`Store::clear_stale_unapplied`]).

use std::time::Duration;

use askaf_content::Lang;
use sqlx::Row;

use crate::{now_text, Error, Kind, Store};

/// An article a node does not serve as the store has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unapplied {
    /// The node ([`crate::Options::node`]: its host and data directory).
    pub node: String,
    pub lang: String,
    pub slug: String,
    /// Why applying it failed, as the node's log says it.
    pub reason: String,
    /// When it last failed (RFC 3339, UTC).
    pub noted_at: String,
}

const COLUMNS: &str = "node, lang, slug, reason, noted_at";

/// How long another node's record must have gone without being renewed
/// before an editor may clear it ([`Store::clear_stale_unapplied`]). A
/// node that runs tries again at least every 5 minutes, each failure
/// renewing the record's time (`askaf_site`'s `retry_unapplied`), and
/// deletes it once applied: a record an hour old is a node's that has not
/// tried for twelve of its rounds, stopped or gone.
pub const UNAPPLIED_STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// Every other node's record made this node's (`$1`), in one transaction
/// ([`Store::claim_unapplied`] on SQLite), in the dialect both databases
/// share. The `WHERE` is what SQLite needs to read `ON CONFLICT` as the
/// insert's, not a join's; a row offered for a key after the first is
/// left, so the one noted last comes first.
const TAKE_OVER: [&str; 2] = [
    "INSERT INTO unapplied_edits (node, lang, slug, reason, noted_at)
     SELECT $1, lang, slug, reason, noted_at FROM unapplied_edits
     WHERE node <> $1 ORDER BY noted_at DESC, node
     ON CONFLICT (node, lang, slug) DO NOTHING",
    "DELETE FROM unapplied_edits WHERE node <> $1",
];

fn unapplied_of(r: &sqlx::any::AnyRow) -> Unapplied {
    Unapplied {
        node: r.get("node"),
        lang: r.get("lang"),
        slug: r.get("slug"),
        reason: r.get("reason"),
        noted_at: r.get("noted_at"),
    }
}

/// The time (as `noted_at` is written) before which a record is
/// [`UNAPPLIED_STALE_AFTER`] old.
fn stale_before() -> String {
    let stale =
        chrono::Utc::now() - chrono::Duration::from_std(UNAPPLIED_STALE_AFTER).unwrap_or_default();
    stale.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Store {
    /// This node's name ([`crate::Options::node`]); empty for a command's
    /// store.
    pub fn node(&self) -> &str {
        &self.node
    }

    /// Records that this node does not serve the article as the store has
    /// it, for `reason` (replacing what an earlier failure said).
    pub async fn note_unapplied(&self, lang: Lang, slug: &str, reason: &str) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO unapplied_edits (node, lang, slug, reason, noted_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (node, lang, slug)
             DO UPDATE SET reason = excluded.reason, noted_at = excluded.noted_at",
        )
        .bind(&*self.node)
        .bind(lang.code())
        .bind(slug)
        .bind(reason)
        .bind(now_text())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// This node serves the article as the store has it: its record goes.
    /// Whether there was one.
    pub async fn note_applied(&self, lang: Lang, slug: &str) -> Result<bool, Error> {
        let mut tx = self.begin_write().await?;
        let done =
            sqlx::query("DELETE FROM unapplied_edits WHERE node = $1 AND lang = $2 AND slug = $3")
                .bind(&*self.node)
                .bind(lang.code())
                .bind(slug)
                .execute(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    /// What this node recorded as not applied, for it to try again as it
    /// starts. On SQLite, where one server has the database, that is every
    /// record: one under another name is this server's from before it was
    /// moved (another host name, its data directory elsewhere, a backup
    /// restored), and is taken over as this node's. Where this node has a
    /// record of the article, it stays; where several old names have one,
    /// the one noted last is taken (the state the server was last in).
    pub async fn claim_unapplied(&self) -> Result<Vec<Unapplied>, Error> {
        let mut tx = self.begin_write().await?;
        if self.kind() == Kind::Sqlite {
            for sql in TAKE_OVER {
                sqlx::query(sql).bind(&*self.node).execute(&mut *tx).await?;
            }
        }
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM unapplied_edits WHERE node = $1 ORDER BY lang, slug"
        ))
        .bind(&*self.node)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(rows.iter().map(unapplied_of).collect())
    }

    /// Deletes another node's record of the article if it has not been
    /// renewed for [`UNAPPLIED_STALE_AFTER`]: an editor's end to the
    /// record of a node that is gone. Whether there was such a record (not
    /// when it is this node's, which goes once applied, or renewed since).
    pub async fn clear_stale_unapplied(
        &self,
        node: &str,
        lang: Lang,
        slug: &str,
    ) -> Result<bool, Error> {
        Ok(self.delete_stale(Some(node), lang, slug).await? > 0)
    }

    /// [`Store::clear_stale_unapplied`] for every other node's record of
    /// the article: what an editor's publish or unpublish applied on this
    /// node does (a node that runs renews its record, or applies the new
    /// revision and deletes it). How many went.
    pub async fn clear_stale_unapplied_elsewhere(
        &self,
        lang: Lang,
        slug: &str,
    ) -> Result<u64, Error> {
        self.delete_stale(None, lang, slug).await
    }

    /// Deletes the records of the article not renewed for
    /// [`UNAPPLIED_STALE_AFTER`] of `node` (of every node for `None`),
    /// never this node's: how many went.
    async fn delete_stale(&self, node: Option<&str>, lang: Lang, slug: &str) -> Result<u64, Error> {
        let only = if node.is_some() { " AND node = $5" } else { "" };
        let sql = format!(
            "DELETE FROM unapplied_edits
             WHERE lang = $1 AND slug = $2 AND node <> $3 AND noted_at <= $4{only}"
        );
        let mut query = sqlx::query(&sql)
            .bind(lang.code())
            .bind(slug)
            .bind(&*self.node)
            .bind(stale_before());
        if let Some(node) = node {
            query = query.bind(node);
        }
        let mut tx = self.begin_write().await?;
        let done = query.execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }

    /// The nodes that do not serve the article as the store has it, each
    /// with why, by node name.
    pub async fn unapplied_of(&self, lang: Lang, slug: &str) -> Result<Vec<Unapplied>, Error> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM unapplied_edits WHERE lang = $1 AND slug = $2 ORDER BY node"
        ))
        .bind(lang.code())
        .bind(slug)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(unapplied_of).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::TestDb;

    on_both!(
        an_unapplied_article_is_recorded_per_node_until_applied,
        a_start_claims_its_own_and_on_sqlite_every_record,
        another_nodes_record_is_cleared_only_once_stale,
    );

    /// Sets the time of `node`'s records of `a` and `c` to `ago` before now.
    async fn noted_ago(store: &Store, node: &str, ago: Duration) {
        let at = chrono::Utc::now() - chrono::Duration::from_std(ago).unwrap();
        sqlx::query(
            "UPDATE unapplied_edits SET noted_at = $1 WHERE node = $2 AND slug IN ('a', 'c')",
        )
        .bind(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .bind(node)
        .execute(&store.pool)
        .await
        .unwrap();
    }

    /// Another node's record is kept while recent (a node that runs renews
    /// it as it tries again) and cleared once older than
    /// [`UNAPPLIED_STALE_AFTER`]; a node's own record never by hand, nor
    /// another article's.
    async fn another_nodes_record_is_cleared_only_once_stale(db: TestDb) {
        let gone = node(&db, "host:/srv/gone").await;
        let here = node(&db, "host:/srv/here").await;
        gone.note_unapplied(Lang::En, "a", "index gone")
            .await
            .unwrap();
        here.note_unapplied(Lang::En, "a", "disk full")
            .await
            .unwrap();
        let clear = |node: &'static str, lang: Lang| {
            let here = &here;
            async move { here.clear_stale_unapplied(node, lang, "a").await.unwrap() }
        };
        assert!(!clear("host:/srv/gone", Lang::En).await, "recent: kept");
        let almost = UNAPPLIED_STALE_AFTER - Duration::from_secs(60);
        noted_ago(&here, "host:/srv/gone", almost).await;
        assert!(!clear("host:/srv/gone", Lang::En).await, "not yet stale");
        let stale = UNAPPLIED_STALE_AFTER + Duration::from_secs(60);
        noted_ago(&here, "host:/srv/gone", stale).await;
        noted_ago(&here, "host:/srv/here", stale).await;
        assert!(!clear("host:/srv/here", Lang::En).await, "this node's own");
        assert!(!clear("host:/srv/gone", Lang::Fa).await, "another article");
        assert!(clear("host:/srv/gone", Lang::En).await);
        assert!(!clear("host:/srv/gone", Lang::En).await, "cleared once");
        assert_eq!(
            nodes_and_reasons(&here.unapplied_of(Lang::En, "a").await.unwrap()),
            [("host:/srv/here", "disk full")]
        );

        // Published again here: every other node's stale record goes, a
        // recent one stays, and this node's.
        let running = node(&db, "host:/srv/running").await;
        gone.note_unapplied(Lang::En, "a", "index gone")
            .await
            .unwrap();
        running
            .note_unapplied(Lang::En, "a", "disk full")
            .await
            .unwrap();
        noted_ago(&here, "host:/srv/gone", stale).await;
        let cleared = here.clear_stale_unapplied_elsewhere(Lang::En, "a").await;
        assert_eq!(cleared.unwrap(), 1);
        assert_eq!(
            nodes_and_reasons(&here.unapplied_of(Lang::En, "a").await.unwrap()),
            [
                ("host:/srv/here", "disk full"),
                ("host:/srv/running", "disk full")
            ]
        );
    }

    async fn node(db: &TestDb, name: &str) -> Store {
        let options = crate::Options {
            node: name.into(),
            ..crate::Options::default()
        };
        Store::connect_with(&db.location(), &options).await.unwrap()
    }

    fn nodes_and_reasons(found: &[Unapplied]) -> Vec<(&str, &str)> {
        found
            .iter()
            .map(|u| (u.node.as_str(), u.reason.as_str()))
            .collect()
    }

    /// Each node records its own failures, a second failure replacing the
    /// first's reason; every node reads them all; applied, a node's record
    /// goes, and the other's stays.
    async fn an_unapplied_article_is_recorded_per_node_until_applied(db: TestDb) {
        let one = node(&db, "host:/srv/one").await;
        let two = node(&db, "host:/srv/two").await;
        assert_eq!(one.node(), "host:/srv/one");
        one.note_unapplied(Lang::Fa, "a", "index gone")
            .await
            .unwrap();
        one.note_unapplied(Lang::Fa, "a", "disk full")
            .await
            .unwrap();
        two.note_unapplied(Lang::Fa, "a", "database failing")
            .await
            .unwrap();
        one.note_unapplied(Lang::Fa, "b", "disk full")
            .await
            .unwrap();
        let found = two.unapplied_of(Lang::Fa, "a").await.unwrap();
        assert_eq!(
            nodes_and_reasons(&found),
            [
                ("host:/srv/one", "disk full"),
                ("host:/srv/two", "database failing")
            ]
        );
        assert_eq!(
            (found[0].lang.as_str(), found[0].slug.as_str()),
            ("fa", "a")
        );
        assert!(!found[0].noted_at.is_empty());
        assert!(one.unapplied_of(Lang::En, "a").await.unwrap().is_empty());
        assert!(one.note_applied(Lang::Fa, "a").await.unwrap());
        assert!(!one.note_applied(Lang::Fa, "a").await.unwrap());
        assert_eq!(
            nodes_and_reasons(&one.unapplied_of(Lang::Fa, "a").await.unwrap()),
            [("host:/srv/two", "database failing")]
        );
        assert_eq!(one.unapplied_of(Lang::Fa, "b").await.unwrap().len(), 1);
    }

    /// A node started again claims its own records; on PostgreSQL another
    /// node's stay that node's, and on SQLite (one server to a database)
    /// they are this server's from before it moved, and become its own.
    async fn a_start_claims_its_own_and_on_sqlite_every_record(db: TestDb) {
        let one = node(&db, "host:/srv/one").await;
        let moved = node(&db, "host:/srv/moved").await;
        one.note_unapplied(Lang::En, "a", "index gone")
            .await
            .unwrap();
        one.note_unapplied(Lang::En, "b", "disk full")
            .await
            .unwrap();
        moved
            .note_unapplied(Lang::En, "b", "database failing")
            .await
            .unwrap();
        let claimed = moved.claim_unapplied().await.unwrap();
        let claimed: Vec<(&str, &str, &str)> = claimed
            .iter()
            .map(|u| (u.node.as_str(), u.slug.as_str(), u.reason.as_str()))
            .collect();
        match db.location().kind() {
            Kind::Sqlite => {
                assert_eq!(
                    claimed,
                    [
                        ("host:/srv/moved", "a", "index gone"),
                        ("host:/srv/moved", "b", "database failing")
                    ]
                );
                let left = moved.unapplied_of(Lang::En, "a").await.unwrap();
                assert_eq!(
                    nodes_and_reasons(&left),
                    [("host:/srv/moved", "index gone")]
                );
                // Moved twice with a record of one article under each old
                // name: the one noted last is claimed, whichever was
                // written first.
                let earlier = node(&db, "host:/srv/earlier").await;
                let later = node(&db, "host:/srv/later").await;
                earlier
                    .note_unapplied(Lang::En, "c", "noted first")
                    .await
                    .unwrap();
                later
                    .note_unapplied(Lang::En, "c", "noted last")
                    .await
                    .unwrap();
                noted_ago(&moved, "host:/srv/earlier", Duration::from_secs(120)).await;
                let again = node(&db, "host:/srv/again").await;
                let claimed = again.claim_unapplied().await.unwrap();
                assert_eq!(
                    nodes_and_reasons(&claimed),
                    [
                        ("host:/srv/again", "index gone"),
                        ("host:/srv/again", "database failing"),
                        ("host:/srv/again", "noted last")
                    ]
                );
                let all = again.unapplied_of(Lang::En, "c").await.unwrap();
                assert_eq!(nodes_and_reasons(&all), [("host:/srv/again", "noted last")]);
            }
            Kind::Postgres => {
                assert_eq!(claimed, [("host:/srv/moved", "b", "database failing")]);
                let ones = one.claim_unapplied().await.unwrap();
                let ones: Vec<&str> = ones.iter().map(|u| u.slug.as_str()).collect();
                assert_eq!(ones, ["a", "b"]);
                // The SQLite statements are PostgreSQL's too: run, then
                // rolled back, they take the others' records over.
                let mut tx = moved.pool.begin().await.unwrap();
                for sql in TAKE_OVER {
                    sqlx::query(sql)
                        .bind("host:/srv/moved")
                        .execute(&mut *tx)
                        .await
                        .unwrap();
                }
                let taken: Vec<(String, String)> =
                    sqlx::query("SELECT node, slug FROM unapplied_edits ORDER BY slug")
                        .fetch_all(&mut *tx)
                        .await
                        .unwrap()
                        .iter()
                        .map(|r| (r.get("node"), r.get("slug")))
                        .collect();
                assert_eq!(
                    taken,
                    [
                        ("host:/srv/moved".to_string(), "a".to_string()),
                        ("host:/srv/moved".to_string(), "b".to_string())
                    ]
                );
                tx.rollback().await.unwrap();
            }
        }
    }
}

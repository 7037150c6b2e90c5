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

fn unapplied_of(r: &sqlx::any::AnyRow) -> Unapplied {
    Unapplied {
        node: r.get("node"),
        lang: r.get("lang"),
        slug: r.get("slug"),
        reason: r.get("reason"),
        noted_at: r.get("noted_at"),
    }
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
    /// restored), and is taken over as this node's.
    pub async fn claim_unapplied(&self) -> Result<Vec<Unapplied>, Error> {
        let mut tx = self.begin_write().await?;
        if self.kind() == Kind::Sqlite {
            let others = sqlx::query(&format!(
                "SELECT {COLUMNS} FROM unapplied_edits WHERE node <> $1"
            ))
            .bind(&*self.node)
            .fetch_all(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM unapplied_edits WHERE node <> $1")
                .bind(&*self.node)
                .execute(&mut *tx)
                .await?;
            for u in others.iter().map(unapplied_of) {
                sqlx::query(
                    "INSERT INTO unapplied_edits (node, lang, slug, reason, noted_at)
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (node, lang, slug) DO NOTHING",
                )
                .bind(&*self.node)
                .bind(&u.lang)
                .bind(&u.slug)
                .bind(&u.reason)
                .bind(&u.noted_at)
                .execute(&mut *tx)
                .await?;
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
    );

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
            }
            Kind::Postgres => {
                assert_eq!(claimed, [("host:/srv/moved", "b", "database failing")]);
                let ones = one.claim_unapplied().await.unwrap();
                let ones: Vec<&str> = ones.iter().map(|u| u.slug.as_str()).collect();
                assert_eq!(ones, ["a", "b"]);
            }
        }
    }
}

//! The database as it stood at one moment, only read: what a command that
//! looks at the site while its servers run (`askaf ask --data`) reads it
//! through, so that every question it asks sees one state of it.

use askaf_content::Lang;
use sqlx::Executor;
use tokio::sync::Mutex;

use crate::{CatalogueEntry, Error, Kind, Overlay, Store};

/// One transaction that only reads, held open while the snapshot is: on
/// PostgreSQL `REPEATABLE READ, READ ONLY`, so that every read sees the
/// database as it was at the first, whatever other nodes commit meanwhile,
/// and a write is refused by the database itself; on SQLite a deferred
/// transaction begun with a read, which holds its place in the WAL for as
/// long (on a store opened read-only, [`crate::Options::migrate`] `false`,
/// whose connections cannot write at all). Writers are not held up on
/// either: PostgreSQL keeps the old row versions, SQLite's WAL the old pages.
///
/// It reads only what loading the site needs ([`Snapshot::catalogue`],
/// [`Snapshot::editor_overlay`], [`Snapshot::media_names`],
/// [`Snapshot::article_markdown`]), each with the same query as the
/// [`Store`] method of the same name.
pub struct Snapshot {
    /// Behind a lock, as every read needs the one connection mutably.
    tx: Mutex<sqlx::Transaction<'static, sqlx::Any>>,
    kind: Kind,
}

impl Store {
    /// A [`Snapshot`] of the database as it is now, on one of the pool's
    /// connections until it is closed or dropped. Its statements are not
    /// bounded ([`crate::Options::bounded`]): it reads the whole site.
    pub async fn snapshot(&self) -> Result<Snapshot, Error> {
        let mut tx = self.pool.begin().await?;
        match self.kind() {
            // `SET TRANSACTION` must come before any query of the
            // transaction, which then takes its snapshot at the first.
            Kind::Postgres => {
                tx.execute(
                    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; \
                     SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = 0; \
                     SELECT 1 FROM content_files LIMIT 1",
                )
                .await?;
            }
            // A deferred transaction reads from the state of its first read.
            Kind::Sqlite => {
                tx.execute("SELECT 1 FROM content_files LIMIT 1").await?;
            }
        }
        Ok(Snapshot {
            tx: Mutex::new(tx),
            kind: self.kind(),
        })
    }
}

impl Snapshot {
    /// Which database it is of.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// [`Store::catalogue`], as of the snapshot.
    pub async fn catalogue(&self) -> Result<Vec<CatalogueEntry>, Error> {
        let mut tx = self.tx.lock().await;
        crate::articles::read_catalogue(&mut **tx).await
    }

    /// [`Store::editor_overlay`], as of the snapshot.
    pub async fn editor_overlay(&self) -> Result<Vec<Overlay>, Error> {
        let mut tx = self.tx.lock().await;
        crate::editor::read_overlay(&mut **tx).await
    }

    /// [`Store::media_names`], as of the snapshot.
    pub async fn media_names(&self) -> Result<Vec<String>, Error> {
        let mut tx = self.tx.lock().await;
        crate::media::read_media_names(&mut **tx).await
    }

    /// [`Store::article_markdown`], as of the snapshot.
    pub async fn article_markdown(
        &self,
        lang: Lang,
        slug: &str,
        revision: &str,
    ) -> Result<Option<String>, Error> {
        let mut tx = self.tx.lock().await;
        crate::articles::read_markdown(&mut **tx, lang, slug, revision).await
    }

    /// Ends the transaction (it wrote nothing: rolled back), returning its
    /// connection to the pool.
    pub async fn close(self) -> Result<(), Error> {
        self.tx.into_inner().rollback().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::TestDb;
    use std::path::{Path, PathBuf};

    on_both!(
        a_snapshot_reads_the_database_as_it_was_when_taken,
        a_snapshot_writes_nothing
    );

    fn entry(path: &str, revision: &str) -> CatalogueEntry {
        let (site, _) = crate::tests::site();
        CatalogueEntry {
            path: PathBuf::from(path),
            size: 10,
            mtime_ns: 1,
            revision: revision.into(),
            front: site.get(Lang::En, "a").unwrap().front.clone(),
            uploads: Some(Vec::new()),
            followed: Some("f".into()),
        }
    }

    /// What another connection commits after the snapshot was taken is not
    /// in it, read before or after the commit; a snapshot taken after sees it.
    async fn a_snapshot_reads_the_database_as_it_was_when_taken(db: TestDb) {
        let store = db.open().await;
        store
            .record_files(&[entry("/c/en/a.md", "r1")], &[])
            .await
            .unwrap();
        let snapshot = store.snapshot().await.unwrap();
        let other = db.open().await;
        other
            .record_files(
                &[entry("/c/en/b.md", "r2")],
                &[Path::new("/c/en/a.md").into()],
            )
            .await
            .unwrap();
        let paths = |c: Vec<CatalogueEntry>| c.into_iter().map(|e| e.path).collect::<Vec<_>>();
        assert_eq!(
            paths(snapshot.catalogue().await.unwrap()),
            vec![PathBuf::from("/c/en/a.md")]
        );
        snapshot.close().await.unwrap();
        let now = store.snapshot().await.unwrap();
        assert_eq!(
            paths(now.catalogue().await.unwrap()),
            vec![PathBuf::from("/c/en/b.md")]
        );
        now.close().await.unwrap();
        other.close().await;
        store.close().await;
    }

    /// A write through a snapshot's transaction is refused by the
    /// database (PostgreSQL's READ ONLY; SQLite's read-only connection).
    async fn a_snapshot_writes_nothing(db: TestDb) {
        let store = db.open().await;
        let location = store.location().clone();
        store.close().await;
        let options = crate::Options {
            migrate: false,
            ..crate::Options::default()
        };
        let store = Store::connect_with(&location, &options).await.unwrap();
        let snapshot = store.snapshot().await.unwrap();
        let mut tx = snapshot.tx.lock().await;
        let wrote = sqlx::query("DELETE FROM content_files")
            .execute(&mut **tx)
            .await;
        assert!(wrote.is_err(), "{wrote:?}");
        drop(tx);
        store.close().await;
    }
}

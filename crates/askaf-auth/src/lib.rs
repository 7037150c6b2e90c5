//! The security primitives behind AskAfghanistan's accounts, sessions and abuse
//! defences, kept apart from HTTP and SQL so that each rule can be tested on its own
//! and the web layer only has to wire them up.
//!
//! * [`Role`] and [`Permission`]: what each kind of account may do, in one table.
//! * [`Username`]: a name that is valid by construction, lowercased so that `Ali` and
//!   `ali` cannot be two accounts.
//! * [`hash_password`], [`verify_password`], [`dummy_hash`], [`needs_rehash`]: argon2id
//!   with the OWASP parameters, stored as PHC strings so the parameters travel with
//!   the hash and can be raised later.
//! * [`new_token`] and [`token_hash`]: session ids and CSRF seeds; the database keeps
//!   only the hash, so a copy of it does not hold live sessions.
//! * [`Signer`]: HMAC with the site's secret, for CSRF tokens and for stamps that
//!   tell how long ago a form was shown (bots post faster than people type), and for
//!   the mark that tells a commenter's own browser from anyone who knows their email.
//! * [`RateLimiter`] and [`Throttle`]: in-memory sliding windows, and the policy that
//!   slows down password guessing.
//! * [`client_ip`] and [`rate_key`]: which address to count, behind a proxy or not.

pub mod limit;
pub mod net;
pub mod password;
pub mod role;
pub mod signer;
pub mod token;
pub mod username;

pub use limit::{Failures, LoginFailures, RateLimiter, Throttle, DEFAULT_MAX_KEYS};
pub use net::{client_ip, rate_key};
pub use password::{
    check_password_policy, dummy_hash, hash_password, needs_rehash, verify_password, PasswordError,
    MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS,
};
pub use role::{Permission, Role, RoleError};
pub use signer::{Signer, MIN_SECRET_BYTES};
pub use token::{new_token, token_hash};
pub use username::{Username, UsernameError};

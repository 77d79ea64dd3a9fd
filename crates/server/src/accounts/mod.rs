//! People's accounts: storage, passwords, one-time codes, sessions, sign-in throttling and the audit
//! trail. The HTTP side is in `routes::{accounts, auth, session, account, password_reset}`.

pub mod audit;
pub mod codes;
pub mod device;
pub mod passwords;
pub mod secret;
pub mod send;
pub mod sessions;
pub mod store;
pub mod texts;
pub mod throttle;
pub mod tokens;

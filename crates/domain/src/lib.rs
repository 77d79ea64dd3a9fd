//! Njia's shared rules, compiled natively for the server and to Wasm for the SPA, so a rule is written once.
//!
//! Kept deliberately light (serde and thiserror only): every dependency here ships in the phone's download.

pub mod accounts;
pub mod api;
pub mod catalog;
pub mod centres;
pub mod counties;
pub mod date;
pub mod documents;
pub mod fees;
pub mod forms;
pub mod ids;
pub mod licences;
pub mod money;
pub mod organisations;
pub mod password;
pub mod search;

pub use money::Money;

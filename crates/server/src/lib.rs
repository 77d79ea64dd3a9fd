//! Njia's server: the REST API under `/api` and the built SPA everywhere else.

pub mod accounts;
pub mod app;
pub mod catalog;
pub mod catalog_store;
pub mod clock;
pub mod config;
pub mod csrf;
pub mod db;
pub mod demo;
pub mod document_store;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod messages;
pub mod payments;
pub mod registers;
pub mod request_id;
pub mod routes;
pub mod security;
pub mod spa;
pub mod staff;
pub mod telemetry;
pub mod test_slots;
pub mod transfers;

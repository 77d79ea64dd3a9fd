//! Njia's server: the REST API under `/api` and the built SPA everywhere else.

pub mod app;
pub mod catalog;
pub mod catalog_store;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod messages;
pub mod request_id;
pub mod routes;
pub mod security;
pub mod spa;
pub mod telemetry;

//! Njia's server: the REST API under `/api` and the built SPA everywhere else.

pub mod app;
pub mod catalog;
pub mod catalog_store;
pub mod config;
pub mod db;
pub mod error;
pub mod request_id;
pub mod routes;
pub mod security;
pub mod spa;
pub mod telemetry;

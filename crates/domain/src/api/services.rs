//! Searching the catalog: `GET /api/services/search`. The SPA searches the catalog it already holds with
//! the same [`crate::search::SearchIndex`]; this is for clients that do not hold it.

use serde::{Deserialize, Serialize};

use crate::catalog::Localized;

/// The services matching a query, best first. Empty when the query has no meaningful word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResults {
    pub items: Vec<SearchResult>,
}

/// Enough of a service to list it; `GET /api/services/{id}` has the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResult {
    pub id: String,
    /// The agency's id, e.g. `ntsa`.
    pub agency: String,
    /// The category's id, e.g. `driving-licences`.
    pub category: String,
    pub name: Localized,
    pub summary: Localized,
}

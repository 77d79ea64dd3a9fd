//! The catalog, fetched once and shared by every page through context: the home page and the service pages
//! read the same copy, so moving between them costs no request.

use std::sync::Arc;

use leptos::prelude::*;
use njia_domain::catalog::Catalog;

use crate::api::{self, ApiError};

pub type CatalogResult = Result<Arc<Catalog>, ApiError>;

#[derive(Clone, Copy)]
pub struct CatalogState {
    resource: LocalResource<CatalogResult>,
}

impl CatalogState {
    /// `None` while loading.
    pub fn get(&self) -> Option<CatalogResult> {
        self.resource.get()
    }

    pub fn retry(&self) {
        self.resource.refetch();
    }
}

pub fn provide() {
    let resource = LocalResource::new(|| async { api::catalog().await.map(Arc::new) });
    provide_context(CatalogState { resource });
}

pub fn use_catalog() -> CatalogState {
    expect_context::<CatalogState>()
}

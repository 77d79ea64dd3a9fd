//! The catalog in the database: written from the embedded catalog files at start-up and by `seed`, read by
//! the API. Writing is an upsert inside one transaction, so running it again changes nothing and a reader
//! never sees half a catalog.

use njia_domain::catalog::{Agency, Catalog, Category, Service};
use sqlx::Row;

use crate::db::{Db, now_ms};

pub async fn sync(db: &Db, catalog: &Catalog) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    for (position, agency) in catalog.agencies.iter().enumerate() {
        upsert(
            &mut tx,
            "agencies",
            &agency.id,
            position,
            serde_json::to_string(agency)?,
        )
        .await?;
    }
    for (position, category) in catalog.categories.iter().enumerate() {
        upsert(
            &mut tx,
            "categories",
            &category.id,
            position,
            serde_json::to_string(category)?,
        )
        .await?;
    }
    sqlx::query("UPDATE services SET active = 0")
        .execute(&mut *tx)
        .await?;
    for (position, service) in catalog.services.iter().enumerate() {
        sqlx::query(
            "INSERT INTO services (id, agency_id, category_id, position, active, definition) \
             VALUES ($1, $2, $3, $4, 1, $5) \
             ON CONFLICT (id) DO UPDATE SET agency_id = excluded.agency_id, category_id = excluded.category_id, \
             position = excluded.position, active = 1, definition = excluded.definition",
        )
        .bind(&service.id)
        .bind(&service.agency)
        .bind(&service.category)
        .bind(position as i64)
        .bind(serde_json::to_string(service)?)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO catalog_meta (id, version, loaded_at) VALUES (1, $1, $2) \
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, loaded_at = excluded.loaded_at",
    )
    .bind(i64::from(catalog.version))
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn upsert(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    table: &'static str,
    id: &str,
    position: usize,
    definition: String,
) -> sqlx::Result<()> {
    // `table` is one of two literals above, never input.
    let sql = format!(
        "INSERT INTO {table} (id, position, definition) VALUES ($1, $2, $3) \
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, definition = excluded.definition"
    );
    sqlx::query(&sql)
        .bind(id)
        .bind(position as i64)
        .bind(definition)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The active catalog, in catalog order.
pub async fn load(db: &Db) -> anyhow::Result<Catalog> {
    let version: i64 = sqlx::query_scalar("SELECT version FROM catalog_meta WHERE id = 1")
        .fetch_optional(&db.pool)
        .await?
        .unwrap_or(0);
    let agencies: Vec<Agency> =
        definitions(db, "SELECT definition FROM agencies ORDER BY position").await?;
    let categories: Vec<Category> =
        definitions(db, "SELECT definition FROM categories ORDER BY position").await?;
    let services: Vec<Service> = definitions(
        db,
        "SELECT definition FROM services WHERE active = 1 ORDER BY position",
    )
    .await?;
    Ok(Catalog {
        version: u32::try_from(version)?,
        agencies,
        categories,
        services,
    })
}

async fn definitions<T: serde::de::DeserializeOwned>(
    db: &Db,
    sql: &'static str,
) -> anyhow::Result<Vec<T>> {
    let rows = sqlx::query(sql).fetch_all(&db.pool).await?;
    rows.iter()
        .map(|row| Ok(serde_json::from_str(&row.try_get::<String, _>(0)?)?))
        .collect()
}

/// The catalog as the API serves it: parsed for look-ups, serialised and compressed once (it is the first
/// request of every visit, and changes only when the catalog is synced), with an ETag so that a phone that
/// already has it gets a 304 instead of the whole catalog again.
pub struct CachedCatalog {
    pub catalog: Catalog,
    /// Built with the rest of the cache, so a search request only reads it.
    pub search: njia_domain::search::SearchIndex,
    pub json: axum::body::Bytes,
    pub brotli: axum::body::Bytes,
    pub gzip: axum::body::Bytes,
    pub etag: String,
}

impl CachedCatalog {
    pub fn new(catalog: Catalog) -> anyhow::Result<CachedCatalog> {
        use std::hash::{Hash, Hasher};
        use std::io::Write;
        let json = serde_json::to_vec(&catalog)?;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        json.hash(&mut hasher);
        let etag = format!("\"catalog-{}-{:016x}\"", catalog.version, hasher.finish());
        let mut brotli = Vec::new();
        brotli::CompressorWriter::new(&mut brotli, 4096, 11, 22).write_all(&json)?;
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&json)?;
        let gzip = gzip.finish()?;
        Ok(CachedCatalog {
            search: njia_domain::search::SearchIndex::new(&catalog),
            catalog,
            json: json.into(),
            brotli: brotli.into(),
            gzip: gzip.into(),
            etag,
        })
    }

    /// The best encoding the client accepts, as (`Content-Encoding`, body).
    pub fn encoded_for(&self, accept_encoding: &str) -> (Option<&'static str>, axum::body::Bytes) {
        let accepts = |name: &str| {
            accept_encoding.split(',').any(|part| {
                let mut pieces = part.split(';');
                let coding = pieces.next().unwrap_or_default().trim();
                let refused =
                    pieces.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
                coding.eq_ignore_ascii_case(name) && !refused
            })
        };
        if accepts("br") {
            (Some("br"), self.brotli.clone())
        } else if accepts("gzip") {
            (Some("gzip"), self.gzip.clone())
        } else {
            (None, self.json.clone())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CachedCatalog;

    #[test]
    fn picks_the_best_encoding_the_client_accepts() {
        let cached = CachedCatalog::new(crate::catalog::load().expect("catalog")).expect("cache");
        assert_eq!(cached.encoded_for("gzip, deflate, br").0, Some("br"));
        assert_eq!(cached.encoded_for("gzip").0, Some("gzip"));
        assert_eq!(cached.encoded_for("br;q=0, gzip").0, Some("gzip"));
        assert_eq!(cached.encoded_for("").0, None);
        assert_eq!(cached.encoded_for("identity").1, cached.json);
        use std::io::Read;
        let mut from_brotli = Vec::new();
        brotli::Decompressor::new(&cached.brotli[..], 4096)
            .read_to_end(&mut from_brotli)
            .expect("brotli");
        let mut from_gzip = Vec::new();
        flate2::read::GzDecoder::new(&cached.gzip[..])
            .read_to_end(&mut from_gzip)
            .expect("gzip");
        assert_eq!(from_brotli, cached.json);
        assert_eq!(from_gzip, cached.json);
        assert!(
            cached.brotli.len() < cached.gzip.len() && cached.gzip.len() < cached.json.len() / 3
        );
    }
}

//! The catalog in the database: written from the embedded catalog files at start-up and by `seed`, read by
//! the API. Writing is an upsert inside one transaction, so running it again changes nothing and a reader
//! never sees half a catalog.

use njia_domain::catalog::{Agency, Catalog, Category, Service};
use sqlx::Row;

use crate::db::{Db, now_ms};

pub async fn sync(db: &Db, catalog: &Catalog) -> anyhow::Result<()> {
    let mut tx = db.pool.begin().await?;
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

pub async fn service(db: &Db, id: &str) -> anyhow::Result<Option<Service>> {
    let row = sqlx::query("SELECT definition FROM services WHERE id = $1 AND active = 1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(match row {
        Some(row) => Some(serde_json::from_str(&row.try_get::<String, _>(0)?)?),
        None => None,
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

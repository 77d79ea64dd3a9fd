-- The service catalog, loaded from catalog/*.toml. Definitions are stored whole as JSON so that the form a
-- person applied with can always be shown again; the columns beside them are what queries filter on.
CREATE TABLE catalog_meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    loaded_at INTEGER NOT NULL
);

CREATE TABLE agencies (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    definition TEXT NOT NULL
);

CREATE TABLE categories (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    definition TEXT NOT NULL
);

-- A service dropped from the catalog files is deactivated, never deleted: applications will refer to it.
CREATE TABLE services (
    id TEXT PRIMARY KEY,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    category_id TEXT NOT NULL REFERENCES categories (id),
    position INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    definition TEXT NOT NULL
);

CREATE INDEX services_agency ON services (agency_id, position);

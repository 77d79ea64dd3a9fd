-- Applications and their timeline, and the idempotency keys that make a repeated submission harmless.

CREATE TABLE applications (
    id TEXT PRIMARY KEY,
    reference TEXT UNIQUE,
    user_id TEXT NOT NULL REFERENCES users (id),
    service_id TEXT NOT NULL REFERENCES services (id),
    status TEXT NOT NULL,
    answers TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    submitted_at INTEGER
);

CREATE INDEX applications_user ON applications (user_id, updated_at);

CREATE TABLE application_events (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    at INTEGER NOT NULL,
    status TEXT NOT NULL,
    actor_id TEXT,
    note TEXT
);

CREATE INDEX application_events_application ON application_events (application_id, at);

-- A key is stored with who sent it and a hash of the request; `status_code` is empty while the first
-- request is still running.
CREATE TABLE idempotency_keys (
    principal TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status_code INTEGER,
    response_body TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);

-- Documents attached to applications. The file itself lives in the data folder under `stored_name`, a
-- random name unrelated to what the person called it.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    requirement_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    stored_name TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    file_type TEXT NOT NULL CHECK (file_type IN ('pdf', 'jpeg', 'png')),
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    deleted_at BIGINT
);

CREATE INDEX documents_application ON documents (application_id, requirement_id);
CREATE INDEX documents_user ON documents (user_id, deleted_at);

-- Notices administrators publish, in both languages, shown as a banner from starts_at to ends_at. A
-- maintenance window (maintenance = 1) also refuses the agency's transactions (submitting, starting a
-- payment) in that time; money already paid still settles. agency_id is NULL for the whole portal; it is
-- checked against the catalog when the notice is published rather than by a foreign key, so that an agency
-- leaving the catalog does not take its history with it. Timestamps are integer milliseconds since the Unix
-- epoch (UTC).
CREATE TABLE notices (
    id TEXT PRIMARY KEY,
    agency_id TEXT,
    message_en TEXT NOT NULL,
    message_sw TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL CHECK (ends_at > starts_at),
    maintenance BIGINT NOT NULL DEFAULT 0 CHECK (maintenance IN (0, 1)),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    -- Set when an administrator takes the notice down early; it is then neither shown nor enforced.
    withdrawn_at BIGINT
);

CREATE INDEX notices_ends_at ON notices (ends_at);

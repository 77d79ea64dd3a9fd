-- Share codes of a driving licence: the holder makes one, gives it (with the last 8 characters of the licence
-- number) to an employer, who uses it once on the public check page to see the licence's status and points.
-- Only an HMAC of the code is kept (`ServerSecret::mac("licence-share-code", code)`). Timestamps are integer
-- milliseconds since the Unix epoch (UTC).
CREATE TABLE licence_share_codes (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    licence_id TEXT NOT NULL REFERENCES driving_licences (id),
    code_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    -- Set by the one check that used the code; NULL while it is unused.
    used_at INTEGER
);

CREATE INDEX licence_share_codes_user ON licence_share_codes (user_id);

-- Failed checks of share codes, by client address, so codes cannot be guessed: too many in 10 minutes and
-- the address must wait.
CREATE TABLE licence_check_failures (
    id TEXT PRIMARY KEY,
    ip_address TEXT NOT NULL,
    at INTEGER NOT NULL
);

CREATE INDEX licence_check_failures_ip ON licence_check_failures (ip_address, at);

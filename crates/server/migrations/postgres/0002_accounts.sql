-- Accounts, one-time codes, sessions, sign-in throttling and the audit trail. Timestamps are integer
-- milliseconds since the Unix epoch (UTC). Secrets (passwords, codes, tokens) are stored only as hashes.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('citizen', 'resident', 'foreigner')),
    id_number TEXT NOT NULL,
    first_name TEXT NOT NULL,
    other_names TEXT NOT NULL,
    surname TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    email TEXT NOT NULL,
    -- Lower-cased: two spellings of one mailbox are one account.
    email_key TEXT NOT NULL UNIQUE,
    phone TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'citizen' CHECK (role IN ('citizen', 'officer', 'administrator')),
    agency_id TEXT REFERENCES agencies (id),
    email_verified_at BIGINT,
    phone_verified_at BIGINT,
    privacy_notice_version TEXT NOT NULL,
    privacy_accepted_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (kind, id_number)
);

CREATE INDEX users_id_number ON users (id_number);

-- One row per code sent. `destination` is where it went (for a change of phone or email: the new value).
CREATE TABLE one_time_codes (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL,
    channel TEXT NOT NULL,
    destination TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    wrong_attempts BIGINT NOT NULL DEFAULT 0,
    used_at BIGINT
);

CREATE INDEX one_time_codes_user ON one_time_codes (user_id, purpose, created_at);

-- Short-lived single-use tokens between the steps of sign-in and password reset.
CREATE TABLE auth_tokens (
    token_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ended_at BIGINT,
    ip_address TEXT,
    device TEXT NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id, ended_at);

-- Lockout state per key: the account when it exists, else the identifier typed, so that an unknown
-- account locks exactly like a real one and a response never tells which it was.
CREATE TABLE sign_in_throttle (
    key_hash TEXT PRIMARY KEY,
    consecutive_failures BIGINT NOT NULL,
    last_failure_at BIGINT NOT NULL,
    locked_until BIGINT,
    hour_started_at BIGINT NOT NULL,
    failures_this_hour BIGINT NOT NULL
);

CREATE TABLE sign_in_failures_by_ip (
    id TEXT PRIMARY KEY,
    ip_address TEXT NOT NULL,
    at BIGINT NOT NULL
);

CREATE INDEX sign_in_failures_by_ip_at ON sign_in_failures_by_ip (ip_address, at);

-- Append-only: the triggers below refuse any change to a written row.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id TEXT,
    subject_id TEXT,
    action TEXT NOT NULL,
    detail TEXT,
    ip_address TEXT,
    device TEXT,
    place TEXT
);

CREATE INDEX audit_log_subject ON audit_log (subject_id, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Outgoing SMS and email. A row is written in the same transaction as the change that causes it and delivered
-- by a worker afterwards (src/messages/worker.rs), so a rolled-back change sends nothing and a crash loses
-- nothing. Times are milliseconds since the Unix epoch.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    -- E.164 phone number or email address.
    destination TEXT NOT NULL,
    subject TEXT,
    body TEXT NOT NULL,
    -- Why it was sent, e.g. `sign_in_code`: log lines name the purpose, never the body, which may hold a code.
    purpose TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- Delivery tries made so far, including the one that succeeded.
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    -- While in the future, one worker holds the row and no other may send it.
    claimed_until INTEGER,
    sent_at INTEGER,
    -- The last failure, without secrets or message contents.
    last_error TEXT,
    -- Set when delivery was given up: a permanent failure, or too many tries.
    failed_at INTEGER
);

-- The worker's question, "what is due?", reads only pending rows in the order they fall due.
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
-- The development outbox page lists the newest first.
CREATE INDEX outbox_created ON outbox (created_at);

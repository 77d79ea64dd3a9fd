-- Invoices: one per application with a fee, made at submission. `items` is the JSON list of lines
-- (description in both languages, amount in cents); `account_number` is the bill reference for Paybill 222222.
CREATE TABLE invoices (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL UNIQUE REFERENCES applications (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    account_number TEXT NOT NULL UNIQUE,
    items TEXT NOT NULL,
    total_cents BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'cancelled', 'expired')),
    created_at BIGINT NOT NULL,
    paid_at BIGINT
);

CREATE INDEX invoices_user ON invoices (user_id);

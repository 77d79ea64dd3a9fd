-- Payments of invoices (docs/PAYMENTS.md). A payment only moves forward from pending; the provider's ids are
-- unique so a repeated callback or confirmation cannot record a payment twice.
CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    -- NULL for a Paybill payment whose account number matched no pending invoice, until someone claims it
    -- with its M-Pesa code.
    invoice_id TEXT REFERENCES invoices (id),
    user_id TEXT REFERENCES users (id),
    method TEXT NOT NULL CHECK (method IN ('mpesa_stk', 'mpesa_paybill', 'card')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'unconfirmed', 'refund_due')),
    amount_cents INTEGER NOT NULL,
    -- The paying phone as Daraja writes it (2547XXXXXXXX); shown masked only.
    phone TEXT,
    -- The account number quoted on Paybill, as typed.
    account_number TEXT,
    checkout_request_id TEXT UNIQUE,
    merchant_request_id TEXT,
    mpesa_code TEXT UNIQUE,
    card_session_id TEXT UNIQUE,
    card_last4 TEXT,
    result_code INTEGER,
    problem TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    settled_at INTEGER,
    -- When reconciliation next asks the provider; NULL when it has stopped asking.
    next_check_at INTEGER
);

-- One M-Pesa prompt in flight per invoice: twenty taps on "Pay" start one.
CREATE UNIQUE INDEX payments_one_prompt ON payments (invoice_id) WHERE status = 'pending' AND method = 'mpesa_stk';
CREATE INDEX payments_invoice ON payments (invoice_id);
CREATE INDEX payments_user ON payments (user_id, created_at);
CREATE INDEX payments_due ON payments (next_check_at);

-- The payment that paid an invoice, and the receipt number given then.
ALTER TABLE invoices ADD COLUMN payment_id TEXT REFERENCES payments (id);
ALTER TABLE invoices ADD COLUMN receipt_number TEXT;
CREATE UNIQUE INDEX invoices_receipt_number ON invoices (receipt_number);

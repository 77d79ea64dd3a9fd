-- Transfers of vehicle ownership. The seller's paid `ntsa-vehicle-transfer` application creates the row
-- `awaiting_buyer`; the buyer (found by ID number) then accepts or declines on their own account; an officer
-- approves only an accepted transfer, which moves the vehicle to the buyer (`completed`). Timestamps are
-- integer milliseconds since the Unix epoch (UTC).

CREATE TABLE vehicle_transfers (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL UNIQUE REFERENCES applications (id),
    vehicle_id TEXT NOT NULL REFERENCES vehicles (id),
    seller_id TEXT NOT NULL REFERENCES users (id),
    -- NULL only if the buyer's account could not be found when the transfer was paid.
    buyer_id TEXT REFERENCES users (id),
    -- The ID number (or KRA PIN) the seller gave.
    buyer_identifier TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('awaiting_buyer', 'accepted', 'declined', 'completed')),
    created_at INTEGER NOT NULL,
    decided_at INTEGER
);

CREATE INDEX vehicle_transfers_buyer ON vehicle_transfers (buyer_id);
CREATE INDEX vehicle_transfers_vehicle ON vehicle_transfers (vehicle_id);

-- Driving test slots at the Driving Test Units, and the bookings that hold their places. `booked` counts the
-- places held or booked; the CHECK makes overbooking impossible whatever the code does, and a place is taken
-- by one conditional statement (`UPDATE test_slots SET booked = booked + 1 WHERE id = $1 AND booked <
-- capacity`) in the booking's own transaction. Timestamps are integer milliseconds since the Unix epoch (UTC).

CREATE TABLE test_slots (
    id TEXT PRIMARY KEY,
    centre_id TEXT NOT NULL REFERENCES test_centres (id),
    starts_at BIGINT NOT NULL,
    capacity BIGINT NOT NULL CHECK (capacity >= 0),
    booked BIGINT NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
    UNIQUE (centre_id, starts_at)
);

CREATE INDEX test_slots_starts_at ON test_slots (starts_at);

-- `held` until the fee is paid, then `booked`; `cancelled` gives the place back; `passed` or `failed` once an
-- officer records the result (`examiner_id`, `result_at`).
CREATE TABLE test_bookings (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    application_id TEXT NOT NULL UNIQUE REFERENCES applications (id),
    slot_id TEXT NOT NULL REFERENCES test_slots (id),
    class TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('held', 'booked', 'cancelled', 'passed', 'failed')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    result_at BIGINT,
    examiner_id TEXT REFERENCES users (id)
);

CREATE INDEX test_bookings_user ON test_bookings (user_id, created_at);
CREATE INDEX test_bookings_slot ON test_bookings (slot_id);

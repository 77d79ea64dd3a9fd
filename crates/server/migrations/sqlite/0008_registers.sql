-- NTSA's registers as Njia reads them for "My NTSA": driving licences and their classes, provisional
-- (learner's) licences, vehicles and their owners, inspections, and offences with their fines and demerit
-- points. Dates are `YYYY-MM-DD` text; timestamps integer milliseconds since the Unix epoch (UTC); money
-- integer cents. Licence numbers have no published format and are kept as the registry issued them.

CREATE TABLE driving_schools (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    county TEXT NOT NULL
);

CREATE TABLE driving_licences (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    number TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('booklet', 'smart')),
    issued_on TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    -- Set when the licence is suspended (e.g. all demerit points lost); NULL otherwise.
    suspended_at INTEGER
);

CREATE INDEX driving_licences_user ON driving_licences (user_id);

-- The classes a licence covers (`B1`, `CE`…), each with the date it was granted.
CREATE TABLE licence_classes (
    licence_id TEXT NOT NULL REFERENCES driving_licences (id),
    class TEXT NOT NULL,
    granted_on TEXT NOT NULL,
    PRIMARY KEY (licence_id, class)
);

CREATE TABLE provisional_licences (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    number TEXT NOT NULL UNIQUE,
    -- Class codes separated by commas: `B1,A2`.
    classes TEXT NOT NULL,
    driving_school_id TEXT NOT NULL REFERENCES driving_schools (id),
    issued_on TEXT NOT NULL,
    expires_on TEXT NOT NULL
);

CREATE INDEX provisional_licences_user ON provisional_licences (user_id);

-- Driving Test Units, where driving tests are taken.
CREATE TABLE test_centres (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    county TEXT NOT NULL
);

CREATE TABLE inspection_centres (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    county TEXT NOT NULL
);

CREATE TABLE vehicles (
    id TEXT PRIMARY KEY,
    -- Canonical form of the domain's `Plate`: `KDA 123A`.
    plate TEXT NOT NULL UNIQUE,
    chassis_number TEXT NOT NULL UNIQUE,
    engine_number TEXT NOT NULL,
    make TEXT NOT NULL,
    model TEXT NOT NULL,
    year INTEGER NOT NULL,
    colour TEXT NOT NULL,
    engine_cc INTEGER NOT NULL,
    body_type TEXT NOT NULL,
    logbook_number TEXT NOT NULL UNIQUE,
    registered_on TEXT NOT NULL,
    -- The financier's caveat on the logbook, if any.
    financier TEXT
);

-- Owners of a vehicle: more than one row is joint ownership.
CREATE TABLE vehicle_owners (
    vehicle_id TEXT NOT NULL REFERENCES vehicles (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (vehicle_id, user_id)
);

CREATE INDEX vehicle_owners_user ON vehicle_owners (user_id);

CREATE TABLE inspections (
    id TEXT PRIMARY KEY,
    vehicle_id TEXT NOT NULL REFERENCES vehicles (id),
    centre_id TEXT NOT NULL REFERENCES inspection_centres (id),
    inspected_on TEXT NOT NULL,
    result TEXT NOT NULL CHECK (result IN ('passed', 'failed'))
);

CREATE INDEX inspections_vehicle ON inspections (vehicle_id);

-- Traffic offences and their instant fines; `points` are the demerit points the offence cost.
CREATE TABLE offences (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    licence_id TEXT REFERENCES driving_licences (id),
    code TEXT NOT NULL,
    description_en TEXT NOT NULL,
    description_sw TEXT NOT NULL,
    place TEXT NOT NULL,
    at INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL,
    points INTEGER NOT NULL CHECK (points >= 0),
    paid_at INTEGER
);

CREATE INDEX offences_user ON offences (user_id);

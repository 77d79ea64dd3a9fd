-- Organisations people act for (companies, banks, dealers, insurers, embassies, ministries), their members
-- and the invitations that add members. An organisation row exists only once an eCitizen officer has approved
-- its `ecitizen-add-organisation` application (seeded demo ones have no application), so an organisation
-- nobody approved can never be acted for. Timestamps are integer milliseconds since the Unix epoch (UTC).

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('company', 'financial_institution', 'insurer', 'motor_dealer', 'embassy', 'government', 'other')),
    name TEXT NOT NULL,
    -- Canonical forms from the domain crate: `P051365947M`, `PVT-ZQU6JE7`.
    kra_pin TEXT UNIQUE,
    registration_number TEXT UNIQUE,
    application_id TEXT UNIQUE REFERENCES applications (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    CHECK (kra_pin IS NOT NULL OR registration_number IS NOT NULL)
);

-- A current member has `removed_at` NULL. A removed member keeps the row (who added and removed them, when);
-- accepting a new invitation makes it current again.
CREATE TABLE organisation_members (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL CHECK (role IN ('administrator', 'agent')),
    added_at BIGINT NOT NULL,
    added_by TEXT REFERENCES users (id),
    removed_at BIGINT,
    removed_by TEXT REFERENCES users (id),
    PRIMARY KEY (organisation_id, user_id)
);

CREATE INDEX organisation_members_user ON organisation_members (user_id);

-- The invitee is an existing account, found when the invitation is sent; the ID number or email used to find
-- them is not kept.
CREATE TABLE organisation_invitations (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    invitee_id TEXT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL CHECK (role IN ('administrator', 'agent')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    invited_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    answered_at BIGINT
);

-- One pending invitation per person and organisation: a new one replaces the old.
CREATE UNIQUE INDEX organisation_invitations_pending ON organisation_invitations (organisation_id, invitee_id)
    WHERE status = 'pending';
CREATE INDEX organisation_invitations_invitee ON organisation_invitations (invitee_id, status);

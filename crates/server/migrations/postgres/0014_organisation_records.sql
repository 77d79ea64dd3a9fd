-- What organisations own. An application made while acting for an organisation carries its
-- `organisation_id` (its `user_id` stays the person who acted, for the audit trail); its invoice, payments and
-- documents belong to it through the application. Vehicles can be owned by organisations (a dealer's stock,
-- a company's fleet) beside people, and a financial institution can hold a vehicle's caveat
-- (`financier_organisation_id`, beside the financier's name as the register prints it).

ALTER TABLE applications ADD COLUMN organisation_id TEXT REFERENCES organisations (id);

CREATE INDEX applications_organisation ON applications (organisation_id, updated_at);

CREATE TABLE vehicle_organisation_owners (
    vehicle_id TEXT NOT NULL REFERENCES vehicles (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (vehicle_id, organisation_id)
);

CREATE INDEX vehicle_organisation_owners_organisation ON vehicle_organisation_owners (organisation_id);

ALTER TABLE vehicles ADD COLUMN financier_organisation_id TEXT REFERENCES organisations (id);

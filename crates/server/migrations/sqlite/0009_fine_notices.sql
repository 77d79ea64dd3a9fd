-- The reference number of a fine, as the SMS that announces it gives it; a fine is paid through the
-- "Instant traffic fines" service by this number, and `code` names the offence as the catalog does.
ALTER TABLE offences ADD COLUMN notice_number TEXT;
CREATE UNIQUE INDEX offences_notice_number ON offences (notice_number);

-- Schema 4: the address book becomes the contact book of the agency directory.
-- `directory_id` is the directory agency an entry belongs to (the FBI's ORI, or "US-FBI" ...);
-- NULL for an agency the user added that the directory does not list. `state`, `kind`
-- (city, county, state, university, tribal, federal, other), `level` and `county` describe the
-- user's own agencies (directory agencies take theirs from the directory). `contact_source`
-- says where the user found the contacts and `contact_checked` when (ISO date).
ALTER TABLE agencies ADD COLUMN directory_id TEXT;
ALTER TABLE agencies ADD COLUMN state TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN level TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN county TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN contact_source TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN contact_checked TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX agencies_by_directory_id ON agencies (directory_id)
    WHERE directory_id IS NOT NULL;

-- Schema 6: several people on one tracker.
-- `requests.version` goes up by one with every change to the request or to its events,
-- reminders or letters (RequestsRepository does it in the same transaction): an edit made
-- from an older version is refused instead of silently overwriting the other person's change.
-- `request_changes` says who made each version and what it was (shown with the refusal).
-- `events.author` is who logged the event (the user name from Settings).
ALTER TABLE requests ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN author TEXT NOT NULL DEFAULT '';

CREATE TABLE request_changes (
    request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    author      TEXT NOT NULL DEFAULT '',
    changed_at  TEXT NOT NULL,
    what        TEXT NOT NULL,
    PRIMARY KEY (request_id, version)
);

-- Attachments kept in the database itself (a shared tracker: every member reaches them),
-- in chunks of at most 1 MiB so no file is ever read whole into memory. A local tracker
-- keeps its files in the attachments folder instead and leaves these tables empty.
CREATE TABLE blobs (
    sha256  TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size    INTEGER NOT NULL CHECK (size >= 0)
);
CREATE TABLE blob_chunks (
    sha256  TEXT NOT NULL REFERENCES blobs (sha256) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    data    BLOB NOT NULL,
    PRIMARY KEY (sha256, seq)
);

-- Schema 6 (PostgreSQL): several people on one tracker; see 0006_versions_authors.sql.
-- `requests.version` goes up by one with every change to the request or to its events,
-- reminders or letters (RequestsRepository does it in the same transaction): an edit made
-- from an older version is refused instead of silently overwriting the other person's change.
-- `request_changes` says who made each version and what it was (shown with the refusal).
-- `events.author` is who logged the event (the user name from Settings).
ALTER TABLE requests ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN author TEXT NOT NULL DEFAULT '';

CREATE TABLE request_changes (
    request_id  BIGINT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
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
    data    BYTEA NOT NULL,
    PRIMARY KEY (sha256, seq)
);

-- Change notification: every commit that touches the tracker's tables sends one NOTIFY on
-- `foia_assist_changes` (PostgreSQL folds repeats within a transaction and delivers at
-- commit). The payload is the writer's backend pid, so a window can skip its own changes.
-- Open windows LISTEN and reload within a couple of seconds (services/data_changes.py).
CREATE FUNCTION foia_assist_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('foia_assist_changes', pg_backend_pid()::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER requests_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON requests
    FOR EACH STATEMENT EXECUTE FUNCTION foia_assist_notify_change();
CREATE TRIGGER events_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION foia_assist_notify_change();
CREATE TRIGGER reminders_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reminders
    FOR EACH STATEMENT EXECUTE FUNCTION foia_assist_notify_change();
CREATE TRIGGER letters_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON letters
    FOR EACH STATEMENT EXECUTE FUNCTION foia_assist_notify_change();
CREATE TRIGGER agencies_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agencies
    FOR EACH STATEMENT EXECUTE FUNCTION foia_assist_notify_change();
CREATE TRIGGER attachments_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON attachments
    FOR EACH STATEMENT EXECUTE FUNCTION foia_assist_notify_change();

-- The case file: files the agency sent back (replies, released records), kept with a request.
-- The bytes live once in a content-addressed folder (attachments/<sha256[:2]>/<sha256>); a row
-- names the file as the user attached it. Text for search lives in attachment_text (FTS5).
CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    size        INTEGER NOT NULL CHECK (size >= 0),
    name        TEXT NOT NULL CHECK (name <> ''),
    kind        TEXT NOT NULL,
    received    TEXT NOT NULL,
    added       TEXT NOT NULL,
    container   TEXT NOT NULL DEFAULT '',
    problem     TEXT NOT NULL DEFAULT '',
    UNIQUE (request_id, sha256, name)
);
CREATE INDEX attachments_by_request ON attachments (request_id);
CREATE INDEX attachments_by_sha256 ON attachments (sha256);

CREATE VIRTUAL TABLE attachment_text USING fts5 (name, body, tokenize = 'porter unicode61');

-- The mailbox watch: the last message looked at in each IMAP folder (per UIDVALIDITY), so a
-- check reads only what arrived since. Nothing on the server is changed.
CREATE TABLE mailbox_seen (
    mailbox     TEXT PRIMARY KEY,
    uidvalidity INTEGER NOT NULL,
    last_uid    INTEGER NOT NULL
);

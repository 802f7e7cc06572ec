-- Schema 1: tracked requests, their events, reminders and letters; the agency address book.
-- Dates are ISO text (YYYY-MM-DD). Status is never stored: it is derived from events.

CREATE TABLE agencies (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL CHECK (name <> ''),
    jurisdiction    TEXT NOT NULL,
    address         TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    portal_url      TEXT NOT NULL DEFAULT '',
    records_officer TEXT NOT NULL DEFAULT '',
    UNIQUE (jurisdiction, name)
);

CREATE TABLE requests (
    id              INTEGER PRIMARY KEY,
    spec_json       TEXT NOT NULL,
    jurisdiction    TEXT NOT NULL,
    agency_name     TEXT NOT NULL,
    created         TEXT NOT NULL,
    tracking_number TEXT NOT NULL DEFAULT ''
);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    date        TEXT NOT NULL,
    days        INTEGER,
    new_date    TEXT,
    note        TEXT NOT NULL DEFAULT '',
    method      TEXT,
    message_id  TEXT NOT NULL DEFAULT '',
    exemptions  TEXT NOT NULL DEFAULT '[]',
    partial     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_by_request ON events (request_id, date, id);
-- Covers the requests list (RequestsRepository.listing): status-bearing events only, in order.
CREATE INDEX events_listing ON events (request_id, date, id, kind, days, new_date, method, partial)
    WHERE kind NOT IN ('note', 'drafted');

CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    due         TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reminders_by_request ON reminders (request_id, due);

CREATE TABLE letters (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    made_on     TEXT NOT NULL
);
CREATE INDEX letters_by_request ON letters (request_id);

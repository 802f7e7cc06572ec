-- Schema 7 on PostgreSQL: the same tables as 0007_clock_summary.sql, keyed by the requests'
-- BIGINT ids. Dates stay ISO text, as on SQLite, so the listing's comparisons with the day
-- shown are the same text comparisons on both.
CREATE TABLE clock_summary (
    request_id      BIGINT PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    agency_name     TEXT NOT NULL,
    jurisdiction    TEXT NOT NULL,
    tracking_number TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    sent            TEXT,
    due             TEXT,
    clock           TEXT NOT NULL DEFAULT '',
    appeal_due      TEXT,
    next_reminder   TEXT
);
-- Covering: the list sorted by due date is read from this index alone.
CREATE INDEX clock_summary_by_due ON clock_summary (
    due, request_id, agency_name, jurisdiction, status, sent, tracking_number, next_reminder
);
CREATE INDEX clock_summary_by_sent ON clock_summary (sent, request_id);
CREATE INDEX clock_summary_by_status ON clock_summary (status, request_id);

CREATE TABLE clock_summary_rules (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL
);

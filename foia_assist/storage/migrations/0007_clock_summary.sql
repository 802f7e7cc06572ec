-- Schema 7: each request's clock summary, kept so the requests list reads it instead of
-- working out every clock on each listing (issue 15). Derived data: it is rewritten in the
-- same transaction as the request's events and reminders, and rebuilt for every request
-- when the rules change (`fingerprint` differs from the running app's rules). Dates are ISO
-- text like everywhere else; no "days left" or "overdue" is stored (a day passing changes
-- only what the list compares with). The request's agency, jurisdiction and reference are
-- copied here too, so the list reads one table (a join cost half the listing's time).
CREATE TABLE clock_summary (
    request_id      INTEGER PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    agency_name     TEXT NOT NULL,
    jurisdiction    TEXT NOT NULL,
    tracking_number TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    sent            TEXT,
    due             TEXT,                      -- the date the list shows (the clock that runs)
    clock           TEXT NOT NULL DEFAULT '',  -- its name: "Response", "Appeal", a later clock
    appeal_due      TEXT,                      -- the requester's appeal deadline after a denial
    next_reminder   TEXT                       -- the soonest pending reminder
);
-- Covering: the list sorted by due date is read from this index alone.
CREATE INDEX clock_summary_by_due ON clock_summary (
    due, request_id, agency_name, jurisdiction, status, sent, tracking_number, next_reminder
);
CREATE INDEX clock_summary_by_sent ON clock_summary (sent, request_id);
CREATE INDEX clock_summary_by_status ON clock_summary (status, request_id);

-- The rules the summaries were worked out with (rule files, holiday data, app version).
CREATE TABLE clock_summary_rules (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL
);

-- Schema 3: a reminder stays pending until the user marks it done, so one that fell due while
-- the app was closed is still shown at the next start instead of silently disappearing.
-- `done` is the ISO date it was marked done; NULL while pending.
ALTER TABLE reminders ADD COLUMN done TEXT;

-- FOIA Assist team tracker, step 2: what the team may do. Run as foia_owner, connected to
-- the tracker's database (psql -h HOST -U foia_owner -d foia -f 2-grants.sql), before or
-- after the first `foia-assist` run as foia_owner has created the tables.

-- Tables and id sequences the owner creates from now on (later FOIA Assist versions too).
ALTER DEFAULT PRIVILEGES FOR ROLE foia_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO foia_team;
-- USAGE to take new ids; SELECT and UPDATE so that a restore (`track restore --replace`)
-- can move the ids on past the restored ones (setval).
ALTER DEFAULT PRIVILEGES FOR ROLE foia_owner IN SCHEMA public
    GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO foia_team;

-- And what already exists, if the tables were created first.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO foia_team;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO foia_team;

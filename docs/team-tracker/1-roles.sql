-- FOIA Assist team tracker, step 1: roles and the database. Run once as a PostgreSQL
-- administrator (psql -h HOST -U postgres -f 1-roles.sql), after replacing each
-- 'change me' with a real password. No role here is a superuser.

-- Owns the tables and runs the schema upgrades (whoever installs a new FOIA Assist first
-- opens the tracker once as this role). Not used day to day.
CREATE ROLE foia_owner LOGIN PASSWORD 'change me';

-- The team: may read and write the tracker's rows, nothing else (no CREATE, no DROP).
CREATE ROLE foia_team NOLOGIN;

-- One login per person, each a member of the team (add more like this one).
CREATE ROLE ana LOGIN PASSWORD 'change me' IN ROLE foia_team;

CREATE DATABASE foia OWNER foia_owner ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE foia FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE foia TO foia_team;

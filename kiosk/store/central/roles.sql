-- The centre's two group roles (docs/fleet.md). Roles belong to the whole cluster, so their
-- names carry the prefix; @owner@ and @kiosk@ are replaced by the quoted names before running.
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = @owner_literal@) THEN
        CREATE ROLE @owner@ NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = @kiosk_literal@) THEN
        CREATE ROLE @kiosk@ NOLOGIN;
    END IF;
END
$roles$;

-- Whoever runs init must be able to act as the owner (a superuser can already).
GRANT @owner@ TO CURRENT_USER;

CREATE SCHEMA IF NOT EXISTS registry AUTHORIZATION @owner@;
CREATE SCHEMA IF NOT EXISTS fleet AUTHORIZATION @owner@;
ALTER SCHEMA registry OWNER TO @owner@;
ALTER SCHEMA fleet OWNER TO @owner@;

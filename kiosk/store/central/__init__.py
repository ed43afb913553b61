"""The centre of a fleet deployment (docs/fleet.md): its SQL (roles, schemas, API functions,
shipped as .sql files in this package), `admin` for the agency's side and `client` for the
kiosk's."""

-- Least privilege (docs/fleet.md): PUBLIC gets nothing; kiosks may use schema fleet and
-- execute the API functions, nothing else.
REVOKE ALL ON SCHEMA registry FROM PUBLIC;
REVOKE ALL ON SCHEMA fleet FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA registry FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA fleet FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA registry FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA fleet FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA fleet FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE @owner@ REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

GRANT USAGE ON SCHEMA fleet TO @kiosk@;
GRANT EXECUTE ON FUNCTION
    fleet.hello(),
    fleet.anchor(),
    fleet.kiosk_alerts(),
    fleet.outlets(),
    fleet.reissues(text[]),
    fleet.holder_by_card(text, text),
    fleet.holder_by_id(text, text),
    fleet.submit(jsonb, jsonb)
TO @kiosk@;

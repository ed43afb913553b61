-- The fleet's own tables, run as the owner role (so it owns them). Idempotent.

CREATE TABLE IF NOT EXISTS fleet.settings (
    id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    identify_max_failures integer NOT NULL DEFAULT 5 CHECK (identify_max_failures >= 1),
    identify_window_hours double precision NOT NULL DEFAULT 24 CHECK (identify_window_hours > 0),
    kiosk_max_failures integer NOT NULL DEFAULT 20 CHECK (kiosk_max_failures >= 1),
    kiosk_window_minutes double precision NOT NULL DEFAULT 60 CHECK (kiosk_window_minutes > 0),
    -- The key of the hash identification failures are counted under (see identify_failures).
    subject_key text NOT NULL
);

CREATE TABLE IF NOT EXISTS fleet.kiosks (
    kiosk_id text PRIMARY KEY,
    role_name text NOT NULL UNIQUE,
    last_seq bigint NOT NULL DEFAULT 0,
    last_applied_at timestamptz,
    head_chain text,
    head_seq bigint,
    head_hash text,
    head_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS fleet.messages (
    id bigserial PRIMARY KEY,
    kiosk_id text NOT NULL REFERENCES fleet.kiosks (kiosk_id),
    seq bigint NOT NULL,
    key text NOT NULL,
    topic text NOT NULL,
    payload jsonb NOT NULL,
    created_at timestamptz,  -- when the kiosk recorded it
    received_at timestamptz NOT NULL DEFAULT now(),
    applied_at timestamptz,  -- when its effect was applied; NULL with a problem
    problem text,  -- why its effect could not be applied
    CONSTRAINT uq_messages_kiosk_key UNIQUE (kiosk_id, key)
);
CREATE INDEX IF NOT EXISTS ix_messages_kiosk_seq ON fleet.messages (kiosk_id, seq);

CREATE TABLE IF NOT EXISTS fleet.reissues (
    voucher text PRIMARY KEY,
    kiosk_id text NOT NULL REFERENCES fleet.kiosks (kiosk_id),
    card_number text NOT NULL,
    ssn text NOT NULL,
    outlet text,
    expected_pickup_date date,
    progress text NOT NULL DEFAULT 'applied',
    progress_at timestamptz NOT NULL DEFAULT now(),
    applied_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_reissues_ssn ON fleet.reissues (ssn);

CREATE TABLE IF NOT EXISTS fleet.anchors (
    id bigserial PRIMARY KEY,
    kiosk_id text NOT NULL REFERENCES fleet.kiosks (kiosk_id),
    chain text NOT NULL,
    seq bigint NOT NULL,
    hash text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_anchors_kiosk ON fleet.anchors (kiosk_id, id);

-- Failed proofs. `subject` is a keyed SHA-256 of the ID number typed (NULL for a failure that
-- counts against the kiosk only): the table never lists the ID numbers people tried, existing
-- or not, and the key (fleet.settings, readable by the owner only) stops anyone holding a copy
-- of this table from hashing every possible ID number to read it back.
CREATE TABLE IF NOT EXISTS fleet.identify_failures (
    id bigserial PRIMARY KEY,
    kiosk_id text NOT NULL REFERENCES fleet.kiosks (kiosk_id),
    method text NOT NULL,
    subject text,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_identify_failures_subject_at
    ON fleet.identify_failures (subject, at) WHERE subject IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_identify_failures_kiosk_at ON fleet.identify_failures (kiosk_id, at);

-- One row per ID number (its subject) tried: locked while an attempt on it is decided, so
-- kiosks count its failures one after the other; `cleared_at`, its last success, ends the count.
CREATE TABLE IF NOT EXISTS fleet.identify_guards (
    subject text PRIMARY KEY,
    cleared_at timestamptz
);

CREATE TABLE IF NOT EXISTS fleet.alerts (
    id bigserial PRIMARY KEY,
    kiosk_id text REFERENCES fleet.kiosks (kiosk_id),
    kind text NOT NULL,
    detail text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_alerts_kiosk ON fleet.alerts (kiosk_id, at);

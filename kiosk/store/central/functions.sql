-- The centre's API (docs/fleet.md), run as the owner role so that it owns every function.
-- Internal functions (names beginning with an underscore, and move_progress) are called by the
-- API functions, which run as the owner; kiosks get EXECUTE on the API only (grants.sql).
-- A business the centre cannot apply is raised as SQLSTATE SK100 and kept as the message's
-- problem; a paused kiosk asking for a holder by card gets SQLSTATE SK001.

CREATE OR REPLACE FUNCTION fleet._caller() RETURNS fleet.kiosks
LANGUAGE plpgsql STABLE SET search_path = fleet, registry, pg_temp AS $fn$
DECLARE
    k fleet.kiosks;
BEGIN
    SELECT * INTO k FROM fleet.kiosks WHERE role_name = session_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the role % is not a registered kiosk', session_user
            USING ERRCODE = '42501';
    END IF;
    RETURN k;
END
$fn$;

CREATE OR REPLACE FUNCTION fleet._settings() RETURNS fleet.settings
LANGUAGE sql STABLE SET search_path = fleet, registry, pg_temp AS $fn$
    SELECT * FROM fleet.settings WHERE id = 1
$fn$;

-- What identification failures are counted under: a keyed SHA-256 of the ID number.
CREATE OR REPLACE FUNCTION fleet._subject(p_ssn text) RETURNS text
LANGUAGE sql STABLE SET search_path = fleet, registry, pg_temp AS $fn$
    SELECT encode(sha256(convert_to(s.subject_key || ':' || upper(btrim(p_ssn)), 'UTF8')), 'hex')
    FROM fleet.settings s WHERE s.id = 1
$fn$;

-- When a limit reached by `failures` (newest first or any order) lifts: when the oldest of the
-- newest `lim` leaves the window (kiosk.domain.proof.locked_until). NULL: not reached.
CREATE OR REPLACE FUNCTION fleet._locked_until(failures timestamptz[], lim integer, win interval)
RETURNS timestamptz
LANGUAGE sql IMMUTABLE SET search_path = fleet, registry, pg_temp AS $fn$
    SELECT CASE WHEN coalesce(cardinality(failures), 0) < lim THEN NULL
        ELSE (SELECT min(f) FROM (SELECT f FROM unnest(failures) AS f ORDER BY f DESC LIMIT lim) AS n)
            + win
    END
$fn$;

CREATE OR REPLACE FUNCTION fleet._kiosk_paused_until(p_kiosk text) RETURNS timestamptz
LANGUAGE plpgsql STABLE SET search_path = fleet, registry, pg_temp AS $fn$
DECLARE
    s fleet.settings := fleet._settings();
    win interval := make_interval(secs => s.kiosk_window_minutes * 60);
BEGIN
    RETURN fleet._locked_until(ARRAY(
        SELECT f.at FROM fleet.identify_failures f
        WHERE f.kiosk_id = p_kiosk AND f.at > now() - win
        ORDER BY f.at DESC LIMIT s.kiosk_max_failures
    ), s.kiosk_max_failures, win);
END
$fn$;

CREATE OR REPLACE FUNCTION fleet._fail(p_kiosk text, p_method text, p_subject text) RETURNS void
LANGUAGE sql SET search_path = fleet, registry, pg_temp AS $fn$
    INSERT INTO fleet.identify_failures (kiosk_id, method, subject, at)
    VALUES (p_kiosk, p_method, p_subject, now())
$fn$;

CREATE OR REPLACE FUNCTION fleet._mask_card(p_card text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = fleet, registry, pg_temp AS $fn$
    SELECT CASE WHEN p_card IS NULL THEN NULL
        WHEN length(btrim(p_card)) < 8 THEN repeat('*', length(btrim(p_card)))
        ELSE left(btrim(p_card), 2) || repeat('*', length(btrim(p_card)) - 4) || right(btrim(p_card), 2)
    END
$fn$;

CREATE OR REPLACE FUNCTION fleet._reissue_json(r fleet.reissues) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = fleet, registry, pg_temp AS $fn$
    SELECT jsonb_build_object(
        'voucher', r.voucher,
        'kiosk_id', r.kiosk_id,
        'card_number_masked', fleet._mask_card(r.card_number),
        'progress', r.progress,
        'progress_at', r.progress_at,
        'outlet', r.outlet,
        'expected_pickup_date', r.expected_pickup_date,
        'applied_at', r.applied_at
    )
$fn$;

-- One cardholder's rows, as docs/fleet.md's HOLDER.
CREATE OR REPLACE FUNCTION fleet._holder(p_id integer) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = fleet, registry, pg_temp AS $fn$
    SELECT jsonb_build_object(
        'cardholders', (SELECT coalesce(jsonb_agg(to_jsonb(h)), '[]')
            FROM registry.cardholders h WHERE h.id = p_id),
        'cards', (SELECT coalesce(jsonb_agg(to_jsonb(c) ORDER BY c.id), '[]')
            FROM registry.cards c WHERE c.cardholder_id = p_id),
        'enrolments', (SELECT coalesce(jsonb_agg(to_jsonb(e) ORDER BY e.id), '[]')
            FROM registry.enrolments e WHERE e.cardholder_id = p_id),
        'contributions', (SELECT coalesce(jsonb_agg(to_jsonb(c) ORDER BY c.month, c.employer_id), '[]')
            FROM registry.contributions c WHERE c.cardholder_id = p_id),
        'personal_accounts', (SELECT coalesce(jsonb_agg(to_jsonb(a) ORDER BY a.account_type), '[]')
            FROM registry.personal_accounts a WHERE a.cardholder_id = p_id),
        'qualifications', (SELECT coalesce(jsonb_agg(to_jsonb(q) ORDER BY q.id), '[]')
            FROM registry.qualifications q WHERE q.cardholder_id = p_id),
        'work_periods', (SELECT coalesce(jsonb_agg(to_jsonb(w) ORDER BY w.id), '[]')
            FROM registry.work_history w WHERE w.cardholder_id = p_id),
        'injury_assessments', (SELECT coalesce(jsonb_agg(to_jsonb(i) ORDER BY i.id), '[]')
            FROM registry.injury_assessments i WHERE i.cardholder_id = p_id),
        'employers', (SELECT coalesce(jsonb_agg(to_jsonb(m) ORDER BY m.id), '[]')
            FROM registry.employers m WHERE m.id IN (
                SELECT c.employer_id FROM registry.contributions c WHERE c.cardholder_id = p_id
                UNION SELECT w.employer_id FROM registry.work_history w WHERE w.cardholder_id = p_id)),
        'reissues', (SELECT coalesce(jsonb_agg(fleet._reissue_json(r) ORDER BY r.applied_at), '[]')
            FROM fleet.reissues r
            WHERE r.ssn = (SELECT h.ssn FROM registry.cardholders h WHERE h.id = p_id))
    )
$fn$;

-- A card takes `p_to` if it is in one of `p_from` (no change, no row when it already is), with
-- its status change row; anything else is a problem (SK100). `p_ssn`: the holder it must have.
CREATE OR REPLACE FUNCTION fleet._set_card_status(
    p_card text, p_ssn text, p_to text, p_from text[], p_reason text, p_at timestamptz
) RETURNS void
LANGUAGE plpgsql SET search_path = fleet, registry, pg_temp AS $fn$
DECLARE
    v_card registry.cards;
    v_ssn text;
BEGIN
    SELECT c.* INTO v_card FROM registry.cards c WHERE c.card_number = p_card FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown card' USING ERRCODE = 'SK100';
    END IF;
    IF p_ssn IS NOT NULL THEN
        SELECT h.ssn INTO v_ssn FROM registry.cardholders h WHERE h.id = v_card.cardholder_id;
        IF v_ssn IS DISTINCT FROM p_ssn THEN
            RAISE EXCEPTION 'the card is not this cardholder''s' USING ERRCODE = 'SK100';
        END IF;
    END IF;
    IF v_card.status = p_to THEN
        RETURN;
    END IF;
    IF NOT v_card.status = ANY (p_from) THEN
        RAISE EXCEPTION 'the card is %', v_card.status USING ERRCODE = 'SK100';
    END IF;
    UPDATE registry.cards SET status = p_to, status_changed_at = p_at AT TIME ZONE 'UTC'
    WHERE id = v_card.id;
    INSERT INTO registry.card_status_changes
        (card_id, from_status, to_status, changed_at, reason, transaction_id)
    VALUES (v_card.id, v_card.status, p_to, p_at AT TIME ZONE 'UTC', left(p_reason, 200), NULL);
END
$fn$;

-- A reissue moves on, never back. Returns whether it moved; an unknown voucher or progress is
-- a problem (SK100). Not granted to kiosks: they send a reissue_progress message instead.
CREATE OR REPLACE FUNCTION fleet.move_progress(p_voucher text, p_to text, p_at timestamptz)
RETURNS boolean
LANGUAGE plpgsql SET search_path = fleet, registry, pg_temp AS $fn$
DECLARE
    steps constant text[] := ARRAY['applied', 'in_production', 'ready', 'collected'];
    v_now text;
BEGIN
    IF array_position(steps, p_to) IS NULL THEN
        RAISE EXCEPTION 'unknown progress %', coalesce(p_to, 'null') USING ERRCODE = 'SK100';
    END IF;
    SELECT r.progress INTO v_now FROM fleet.reissues r WHERE r.voucher = p_voucher FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown voucher' USING ERRCODE = 'SK100';
    END IF;
    IF array_position(steps, p_to) <= array_position(steps, v_now) THEN
        RETURN false;
    END IF;
    UPDATE fleet.reissues SET progress = p_to, progress_at = coalesce(p_at, now())
    WHERE voucher = p_voucher;
    RETURN true;
END
$fn$;

-- The effect of one message at the centre (docs/fleet.md, "Effects by topic").
CREATE OR REPLACE FUNCTION fleet._apply(p_kiosk text, p_topic text, p_payload jsonb) RETURNS void
LANGUAGE plpgsql SET search_path = fleet, registry, pg_temp AS $fn$
DECLARE
    v_to text := p_payload ->> 'status';
    v_card text := p_payload ->> 'card_number';
    v_ssn text := p_payload ->> 'ssn';
    v_at timestamptz;
    v_voucher text := p_payload ->> 'voucher';
BEGIN
    IF jsonb_typeof(p_payload) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'payload is not an object' USING ERRCODE = 'SK100';
    END IF;
    IF p_topic = 'loss_report' THEN
        v_at := coalesce((p_payload ->> 'reported_at')::timestamptz, now());
        IF v_to = 'temporary_loss' THEN
            PERFORM fleet._set_card_status(v_card, v_ssn, v_to, ARRAY['normal'],
                'temporary loss report at kiosk ' || p_kiosk, v_at);
        ELSIF v_to = 'lost' THEN
            PERFORM fleet._set_card_status(v_card, v_ssn, v_to, ARRAY['normal', 'temporary_loss'],
                'loss report at kiosk ' || p_kiosk, v_at);
        ELSE
            RAISE EXCEPTION 'a loss report cannot set status %', coalesce(v_to, 'null')
                USING ERRCODE = 'SK100';
        END IF;
    ELSIF p_topic = 'loss_cancellation' THEN
        v_at := coalesce((p_payload ->> 'cancelled_at')::timestamptz, now());
        IF v_to IS DISTINCT FROM 'normal' THEN
            RAISE EXCEPTION 'a cancellation cannot set status %', coalesce(v_to, 'null')
                USING ERRCODE = 'SK100';
        END IF;
        PERFORM fleet._set_card_status(v_card, v_ssn, v_to, ARRAY['temporary_loss'],
            'temporary loss cancelled at kiosk ' || p_kiosk, v_at);
    ELSIF p_topic = 'reissue' THEN
        v_at := coalesce((p_payload ->> 'applied_at')::timestamptz, now());
        IF v_voucher IS NULL OR v_card IS NULL OR v_ssn IS NULL THEN
            RAISE EXCEPTION 'a reissue needs voucher, card_number and ssn' USING ERRCODE = 'SK100';
        END IF;
        IF v_to = 'lost' THEN
            PERFORM fleet._set_card_status(v_card, v_ssn, v_to, ARRAY['normal', 'temporary_loss'],
                'loss report with reissue at kiosk ' || p_kiosk, v_at);
        ELSIF v_to IS NULL OR v_to = 'normal' THEN
            -- A damaged card keeps its status: only check the card is there and still in force.
            PERFORM fleet._set_card_status(v_card, v_ssn, 'normal', ARRAY[]::text[],
                'replacement at kiosk ' || p_kiosk, v_at);
        ELSE
            RAISE EXCEPTION 'a reissue cannot set status %', v_to USING ERRCODE = 'SK100';
        END IF;
        INSERT INTO fleet.reissues AS r
            (voucher, kiosk_id, card_number, ssn, outlet, expected_pickup_date, progress,
             progress_at, applied_at)
        VALUES (v_voucher, p_kiosk, v_card, v_ssn, p_payload ->> 'outlet',
            (p_payload ->> 'expected_pickup_date')::date, 'applied', v_at, v_at)
        ON CONFLICT (voucher) DO NOTHING;
    ELSIF p_topic = 'reissue_progress' THEN
        PERFORM fleet.move_progress(v_voucher, p_payload ->> 'progress',
            coalesce((p_payload ->> 'at')::timestamptz, now()));
    ELSE
        RAISE EXCEPTION 'unknown topic' USING ERRCODE = 'SK100';
    END IF;
END
$fn$;

-- ---- the API -------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION fleet.hello() RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = fleet, registry, pg_temp SET TimeZone = 'UTC' AS $fn$
BEGIN
    RETURN jsonb_build_object('kiosk_id', (fleet._caller()).kiosk_id,
        'server_time', clock_timestamp());
END
$fn$;

CREATE OR REPLACE FUNCTION fleet.anchor() RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = fleet, registry, pg_temp SET TimeZone = 'UTC' AS $fn$
DECLARE
    k fleet.kiosks := fleet._caller();
BEGIN
    RETURN jsonb_build_object('kiosk_id', k.kiosk_id, 'last_seq', k.last_seq,
        'chain', k.head_chain, 'seq', k.head_seq, 'hash', k.head_hash, 'at', k.head_at);
END
$fn$;

-- This kiosk's own alerts, newest first (at most 20): what its diagnostics show. Found from
-- session_user like every call; no kiosk can name another, so none reads another's alerts.
CREATE OR REPLACE FUNCTION fleet.kiosk_alerts() RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = fleet, registry, pg_temp SET TimeZone = 'UTC' AS $fn$
DECLARE
    k fleet.kiosks := fleet._caller();
BEGIN
    RETURN (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', a.kind, 'detail', a.detail,
            'at', a.at) ORDER BY a.at DESC, a.id DESC), '[]')
        FROM (SELECT * FROM fleet.alerts WHERE kiosk_id = k.kiosk_id
              ORDER BY at DESC, id DESC LIMIT 20) a);
END
$fn$;

CREATE OR REPLACE FUNCTION fleet.outlets() RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = fleet, registry, pg_temp SET TimeZone = 'UTC' AS $fn$
BEGIN
    PERFORM fleet._caller();
    RETURN (SELECT coalesce(jsonb_agg(to_jsonb(o) ORDER BY o.code), '[]')
        FROM registry.outlets o);
END
$fn$;

CREATE OR REPLACE FUNCTION fleet.reissues(p_vouchers text[]) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = fleet, registry, pg_temp SET TimeZone = 'UTC' AS $fn$
BEGIN
    PERFORM fleet._caller();
    IF coalesce(cardinality(p_vouchers), 0) > 100 THEN
        RAISE EXCEPTION 'at most 100 vouchers at a time' USING ERRCODE = '22023';
    END IF;
    RETURN (SELECT coalesce(jsonb_object_agg(r.voucher, fleet._reissue_json(r)), '{}')
        FROM fleet.reissues r WHERE r.voucher = ANY (p_vouchers));
END
$fn$;

CREATE OR REPLACE FUNCTION fleet.holder_by_card(p_card_number text, p_ssn text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = fleet, registry, pg_temp SET TimeZone = 'UTC' AS $fn$
DECLARE
    k fleet.kiosks := fleet._caller();
    v_until timestamptz := fleet._kiosk_paused_until(k.kiosk_id);
    v_id integer;
BEGIN
    IF v_until IS NOT NULL THEN
        RAISE EXCEPTION 'kiosk_paused' USING ERRCODE = 'SK001',
            DETAIL = to_char(v_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"');
    END IF;
    SELECT h.id INTO v_id
    FROM registry.cards c JOIN registry.cardholders h ON h.id = c.cardholder_id
    WHERE c.card_number = p_card_number AND h.ssn = p_ssn;
    IF v_id IS NULL THEN
        PERFORM fleet._fail(k.kiosk_id, 'card', NULL);
        RETURN NULL;
    END IF;
    RETURN fleet._holder(v_id);
END
$fn$;

CREATE OR REPLACE FUNCTION fleet.holder_by_id(p_ssn text, p_mobile text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = fleet, registry, pg_temp SET TimeZone = 'UTC' AS $fn$
DECLARE
    k fleet.kiosks := fleet._caller();
    s fleet.settings := fleet._settings();
    win interval := make_interval(secs => s.identify_window_hours * 3600);
    v_until timestamptz;
    v_subject text;
    v_cleared timestamptz;
    v_failures timestamptz[];
    v_id integer;
    v_mobile text;
    v_typed text := regexp_replace(coalesce(p_mobile, ''), '[\s-]', '', 'g');
BEGIN
    v_until := fleet._kiosk_paused_until(k.kiosk_id);
    IF v_until IS NOT NULL THEN
        RETURN jsonb_build_object('result', 'kiosk_paused', 'attempts_left', NULL,
            'until', v_until, 'holder', NULL);
    END IF;
    IF p_ssn IS NULL OR p_ssn !~ '^[0-9]{17}[0-9X]$' THEN
        -- Not an ID number at all: a failure of the kiosk's, nobody's count to touch.
        PERFORM fleet._fail(k.kiosk_id, 'id_and_mobile', NULL);
        v_until := fleet._kiosk_paused_until(k.kiosk_id);
        IF v_until IS NOT NULL THEN
            RETURN jsonb_build_object('result', 'kiosk_paused', 'attempts_left', NULL,
                'until', v_until, 'holder', NULL);
        END IF;
        RETURN jsonb_build_object('result', 'no_match', 'attempts_left', NULL,
            'until', NULL, 'holder', NULL);
    END IF;
    v_subject := fleet._subject(p_ssn);
    INSERT INTO fleet.identify_guards (subject) VALUES (v_subject) ON CONFLICT DO NOTHING;
    SELECT g.cleared_at INTO v_cleared FROM fleet.identify_guards g
    WHERE g.subject = v_subject FOR UPDATE;
    v_failures := ARRAY(
        SELECT f.at FROM fleet.identify_failures f
        WHERE f.subject = v_subject AND f.at > greatest(now() - win, v_cleared)
        ORDER BY f.at DESC LIMIT s.identify_max_failures);
    v_until := fleet._locked_until(v_failures, s.identify_max_failures, win);
    IF v_until IS NOT NULL THEN
        -- Tries on a locked number count against the kiosk, not the number.
        PERFORM fleet._fail(k.kiosk_id, 'id_and_mobile', NULL);
        RETURN jsonb_build_object('result', 'id_locked', 'attempts_left', 0,
            'until', v_until, 'holder', NULL);
    END IF;
    IF v_typed LIKE '+86%' THEN
        v_typed := substr(v_typed, 4);
    ELSIF v_typed LIKE '86%' AND length(v_typed) = 13 THEN
        v_typed := substr(v_typed, 3);
    END IF;
    SELECT h.id, h.mobile INTO v_id, v_mobile FROM registry.cardholders h WHERE h.ssn = p_ssn;
    IF v_id IS NOT NULL AND v_mobile IS NOT NULL AND v_mobile = v_typed THEN
        UPDATE fleet.identify_guards SET cleared_at = now() WHERE subject = v_subject;
        RETURN jsonb_build_object('result', 'ok', 'attempts_left', NULL, 'until', NULL,
            'holder', fleet._holder(v_id));
    END IF;
    PERFORM fleet._fail(k.kiosk_id, 'id_and_mobile', v_subject);
    v_failures := now() || v_failures;
    v_until := fleet._kiosk_paused_until(k.kiosk_id);
    IF v_until IS NOT NULL THEN
        RETURN jsonb_build_object('result', 'kiosk_paused', 'attempts_left', NULL,
            'until', v_until, 'holder', NULL);
    END IF;
    v_until := fleet._locked_until(v_failures, s.identify_max_failures, win);
    IF v_until IS NOT NULL THEN
        RETURN jsonb_build_object('result', 'id_locked', 'attempts_left', 0,
            'until', v_until, 'holder', NULL);
    END IF;
    RETURN jsonb_build_object('result', 'no_match',
        'attempts_left', s.identify_max_failures - cardinality(v_failures),
        'until', NULL, 'holder', NULL);
END
$fn$;

CREATE OR REPLACE FUNCTION fleet.submit(p_messages jsonb, p_head jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = fleet, registry, pg_temp SET TimeZone = 'UTC' AS $fn$
DECLARE
    k fleet.kiosks;
    m jsonb;
    v_last bigint;
    v_seq bigint;
    v_key text;
    v_topic text;
    v_id bigint;
    v_problem text;
    v_applied integer := 0;
    v_dups integer := 0;
    v_problems integer := 0;
    h_chain text;
    h_seq bigint;
    h_hash text;
    v_take_head boolean := false;
BEGIN
    -- The kiosk's row, locked: two senders of one kiosk apply one after the other.
    SELECT * INTO k FROM fleet.kiosks WHERE role_name = session_user FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the role % is not a registered kiosk', session_user
            USING ERRCODE = '42501';
    END IF;
    IF jsonb_typeof(p_messages) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'messages must be a JSON array' USING ERRCODE = '22023';
    END IF;
    v_last := k.last_seq;
    FOR m IN SELECT e.value FROM jsonb_array_elements(p_messages) AS e
             ORDER BY (e.value ->> 'seq')::bigint
    LOOP
        IF jsonb_typeof(m -> 'seq') IS DISTINCT FROM 'number'
           OR jsonb_typeof(m -> 'key') IS DISTINCT FROM 'string'
           OR jsonb_typeof(m -> 'topic') IS DISTINCT FROM 'string'
           OR length(m ->> 'key') NOT BETWEEN 1 AND 200 THEN
            RAISE EXCEPTION 'a message needs a numeric seq, a key and a topic'
                USING ERRCODE = '22023';
        END IF;
        v_seq := (m ->> 'seq')::bigint;
        v_key := m ->> 'key';
        v_topic := m ->> 'topic';
        IF v_seq <= v_last THEN
            v_dups := v_dups + 1;
            CONTINUE;
        END IF;
        v_last := v_seq;
        INSERT INTO fleet.messages
            (kiosk_id, seq, key, topic, payload, created_at, received_at, applied_at)
        VALUES (k.kiosk_id, v_seq, v_key, v_topic, coalesce(m -> 'payload', 'null'::jsonb),
            (m ->> 'created_at')::timestamptz, now(), now())
        ON CONFLICT (kiosk_id, key) DO NOTHING
        RETURNING id INTO v_id;
        IF v_id IS NULL THEN
            v_dups := v_dups + 1;
            CONTINUE;
        END IF;
        v_applied := v_applied + 1;
        v_problem := NULL;
        BEGIN
            PERFORM fleet._apply(k.kiosk_id, v_topic, m -> 'payload');
        EXCEPTION
            WHEN deadlock_detected OR serialization_failure OR lock_not_available THEN
                RAISE;  -- nothing wrong with the message: the sender tries the batch again
            WHEN SQLSTATE 'SK100' THEN
                v_problem := SQLERRM;
            WHEN OTHERS THEN
                v_problem := 'cannot be applied (' || SQLSTATE || ')';
        END;
        IF v_problem IS NOT NULL THEN
            v_problems := v_problems + 1;
            UPDATE fleet.messages SET applied_at = NULL, problem = v_problem WHERE id = v_id;
            INSERT INTO fleet.alerts (kiosk_id, kind, detail)
            VALUES (k.kiosk_id, 'message_not_applied', left(v_key || ': ' || v_problem, 500));
        END IF;
    END LOOP;

    IF jsonb_typeof(p_head) = 'object' THEN
        h_chain := p_head ->> 'chain';
        h_seq := (p_head ->> 'seq')::bigint;
        h_hash := p_head ->> 'hash';
        IF h_chain IS NULL OR h_seq IS NULL OR h_hash IS NULL THEN
            RAISE EXCEPTION 'a chain head needs chain, seq and hash' USING ERRCODE = '22023';
        END IF;
        IF k.head_seq IS NULL THEN
            v_take_head := true;
        ELSIF v_applied = 0 AND v_dups > 0 AND h_seq <= k.head_seq THEN
            -- A late copy of a batch already applied (a sender thought dead): its head is old.
            v_take_head := false;
        ELSE
            IF h_chain IS DISTINCT FROM k.head_chain THEN
                INSERT INTO fleet.alerts (kiosk_id, kind, detail) VALUES (k.kiosk_id,
                    'chain_changed', format('chain %s at seq %s, now chain %s at seq %s',
                    k.head_chain, k.head_seq, h_chain, h_seq));
            ELSIF h_seq < k.head_seq THEN
                INSERT INTO fleet.alerts (kiosk_id, kind, detail) VALUES (k.kiosk_id,
                    'chain_went_back', format('anchored seq %s, now seq %s', k.head_seq, h_seq));
            ELSIF h_seq = k.head_seq AND h_hash IS DISTINCT FROM k.head_hash THEN
                INSERT INTO fleet.alerts (kiosk_id, kind, detail) VALUES (k.kiosk_id,
                    'chain_rewritten', format('seq %s anchored with another hash', h_seq));
            END IF;
            v_take_head := h_chain IS DISTINCT FROM k.head_chain
                OR h_seq IS DISTINCT FROM k.head_seq OR h_hash IS DISTINCT FROM k.head_hash;
        END IF;
        IF v_take_head THEN
            INSERT INTO fleet.anchors (kiosk_id, chain, seq, hash)
            VALUES (k.kiosk_id, h_chain, h_seq, h_hash);
        END IF;
    END IF;

    IF v_last <> k.last_seq OR v_take_head THEN
        UPDATE fleet.kiosks SET
            last_seq = v_last,
            last_applied_at = CASE WHEN v_applied > 0 THEN now() ELSE last_applied_at END,
            head_chain = CASE WHEN v_take_head THEN h_chain ELSE head_chain END,
            head_seq = CASE WHEN v_take_head THEN h_seq ELSE head_seq END,
            head_hash = CASE WHEN v_take_head THEN h_hash ELSE head_hash END,
            head_at = CASE WHEN v_take_head THEN now() ELSE head_at END
        WHERE kiosk_id = k.kiosk_id;
    END IF;
    RETURN jsonb_build_object('last_seq', v_last, 'applied', v_applied,
        'duplicates', v_dups, 'problems', v_problems);
END
$fn$;

-- V9: a tamper-evident audit trail (issue 8, point 5). Every audit entry carries the hash of the entry before it.
--
--   canonical(e) = the jsonb text of {"id", "at" (UTC, microseconds, ISO-8601 with Z), "actor", "action",
--                  "entityType", "entityId", "detail"} (PostgreSQL prints jsonb with its keys in a fixed order)
--   hash(e)      = hex SHA-256 of UTF-8 (prev_hash || E'\n' || canonical(e))
--   prev_hash(e) = hash of the entry with the next lower id; 64 zeros for the first entry
--
-- The chain is kept by a BEFORE INSERT trigger, so every writer (this service, several instances of it, a psql
-- session) goes through it. The trigger takes a transaction-scoped advisory lock, THEN draws the entry's id and time
-- and reads the last hash: writers are serialised until commit, so ids follow the chain order and no two entries
-- ever chain to the same predecessor. GET /api/v1/audit/verify walks the chain (audit_chain_verify below).
-- The V1 triggers that refuse UPDATE, DELETE and TRUNCATE stay.

alter table audit_entry add column prev_hash text, add column hash text;

create function audit_entry_canonical(e_id bigint, e_at timestamptz, e_actor text, e_action text, e_entity_type text,
                                      e_entity_id text, e_detail jsonb) returns text
    language sql stable as $$
    select jsonb_build_object(
        'id', e_id,
        'at', to_char(e_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'actor', e_actor,
        'action', e_action,
        'entityType', e_entity_type,
        'entityId', e_entity_id,
        'detail', e_detail)::text
$$;

create function audit_entry_hash(prev text, e_id bigint, e_at timestamptz, e_actor text, e_action text,
                                 e_entity_type text, e_entity_id text, e_detail jsonb) returns text
    language sql stable as $$
    select encode(sha256(convert_to(prev || E'\n'
        || audit_entry_canonical(e_id, e_at, e_actor, e_action, e_entity_type, e_entity_id, e_detail), 'UTF8')), 'hex')
$$;

-- Backfill the existing rows in id order (the append-only trigger is lifted for this migration only).
alter table audit_entry disable trigger audit_entry_no_update;
do $$
declare
    r record;
    last_hash text := repeat('0', 64);
    next_hash text;
begin
    for r in select id, at, actor, action, entity_type, entity_id, detail from audit_entry order by id loop
        next_hash := audit_entry_hash(last_hash, r.id, r.at, r.actor, r.action, r.entity_type, r.entity_id, r.detail);
        update audit_entry set prev_hash = last_hash, hash = next_hash where id = r.id;
        last_hash := next_hash;
    end loop;
end $$;
alter table audit_entry enable trigger audit_entry_no_update;

alter table audit_entry alter column prev_hash set not null, alter column hash set not null,
    add constraint audit_entry_prev_hash_check check (prev_hash ~ '^[0-9a-f]{64}$'),
    add constraint audit_entry_hash_check check (hash ~ '^[0-9a-f]{64}$');

create function audit_entry_chain() returns trigger language plpgsql as $$
declare
    last_hash text;
begin
    -- one writer at a time until commit (7307002: the audit chain; 7307001 is the activity snapshot's lock)
    perform pg_advisory_xact_lock(7307002);
    -- id and time are drawn under the lock, so the id order is the chain order and times never go backwards
    new.id := nextval(pg_get_serial_sequence('audit_entry', 'id'));
    new.at := clock_timestamp();
    select hash into last_hash from audit_entry order by id desc limit 1;
    new.prev_hash := coalesce(last_hash, repeat('0', 64));
    new.hash := audit_entry_hash(new.prev_hash, new.id, new.at, new.actor, new.action, new.entity_type,
                                 new.entity_id, new.detail);
    return new;
end $$;
create trigger audit_entry_chain before insert on audit_entry for each row execute function audit_entry_chain();

-- Walks the chain in id order: how many entries, and the first one whose link or hash does not hold (null if none).
create function audit_chain_verify(out entries bigint, out first_broken bigint, out reason text)
    language plpgsql stable as $$
declare
    r record;
    expected_prev text := repeat('0', 64);
begin
    entries := 0;
    for r in select id, at, actor, action, entity_type, entity_id, detail, prev_hash, hash from audit_entry order by id loop
        entries := entries + 1;
        if first_broken is null then
            if r.prev_hash is distinct from expected_prev then
                first_broken := r.id;
                reason := 'prev_hash does not match the hash of the entry before it';
            elsif r.hash is distinct from audit_entry_hash(r.prev_hash, r.id, r.at, r.actor, r.action, r.entity_type,
                                                          r.entity_id, r.detail) then
                first_broken := r.id;
                reason := 'hash does not match the entry''s content';
            end if;
        end if;
        expected_prev := r.hash;
    end loop;
end $$;

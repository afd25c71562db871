-- V7: nightly activity snapshots (issue 4). One row per account and as-of day, history kept.
--
-- status_since: the first as-of day of the current run of this status in the snapshot history
-- (carried over from the latest earlier snapshot when its status is the same), so the watchlist can
-- say "dormant since". flags holds the trend flags as the API shows them; flag_types their types.
-- A snapshot row is marked stale (not deleted: history stays) when an observation on or before its
-- day, or the account's platform state, changes after it was computed; readers then compute live.

create table activity_snapshot (
    as_of        date        not null,
    account_id   bigint      not null references account (id) on delete cascade,
    status       text        not null check (status in ('ACTIVE', 'DORMANT', 'CEASED', 'UNKNOWN')),
    status_since date        not null,
    silent_days  integer,
    last_active  date,
    flag_types   text[]      not null default '{}',
    flags        jsonb       not null default '[]',
    evidence     jsonb       not null,
    computed_at  timestamptz not null default now(),
    stale        boolean     not null default false,
    primary key (as_of, account_id)
);
create index activity_snapshot_account_idx on activity_snapshot (account_id, as_of desc);

create function activity_snapshot_mark_stale() returns trigger language plpgsql as $$
declare
    first_day date;
begin
    -- cheap exit for the usual case (new days after the latest snapshot, or no snapshot at all)
    select min(day) into first_day from changed;
    if first_day is null or not exists (select 1 from activity_snapshot where as_of >= first_day and not stale) then
        return null;
    end if;
    update activity_snapshot s set stale = true
      from (select account_id, min(day) as day from changed group by account_id) c
     where s.account_id = c.account_id and s.as_of >= c.day and not s.stale;
    return null;
end $$;

create trigger observation_insert_stales_snapshot after insert on observation
    referencing new table as changed for each statement execute function activity_snapshot_mark_stale();
create trigger observation_update_stales_snapshot after update on observation
    referencing new table as changed for each statement execute function activity_snapshot_mark_stale();
create trigger observation_delete_stales_snapshot after delete on observation
    referencing old table as changed for each statement execute function activity_snapshot_mark_stale();

create function activity_snapshot_platform_stale() returns trigger language plpgsql as $$
begin
    update activity_snapshot s set stale = true
     where s.account_id = new.id and not s.stale
       and (least(old.platform_state_since, new.platform_state_since) is null
            or s.as_of >= least(old.platform_state_since, new.platform_state_since));
    return null;
end $$;

create trigger account_platform_stales_snapshot after update of platform_state, platform_state_since on account
    for each row when (old.platform_state is distinct from new.platform_state
                       or old.platform_state_since is distinct from new.platform_state_since)
    execute function activity_snapshot_platform_stale();

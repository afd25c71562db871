-- V21 (issue 9): a change to an account's data can no longer slip past a snapshot being built.
--
-- The snapshot rows of a day are written in one transaction (the build, V7/V17) and a change to an account's
-- observations or platform state marks that account's rows on and after the changed day stale. Without a lock between
-- the two, a change committed during a build was lost: its statement could not see the build's uncommitted rows to mark
-- them, and the build had read the data before the change (the usual case: yesterday's counts imported while
-- yesterday's snapshot is built). Now every marking takes advisory lock 7307003 shared, as account inserts do (V17),
-- and holds it to commit; the build holds it exclusively. So a change either waits for the build and then marks its
-- rows, or the build waits for the change and reads it. The refresh of stale rows takes the lock only when it is free
-- (it leaves the rows stale otherwise; readers compute them live).

create or replace function activity_snapshot_mark_stale() returns trigger language plpgsql as $$
declare
    first_day date;
begin
    perform pg_advisory_xact_lock_shared(7307003);
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

create or replace function activity_snapshot_platform_stale() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock_shared(7307003);
    update activity_snapshot s set stale = true
     where s.account_id = new.id and not s.stale
       and (least(old.platform_state_since, new.platform_state_since) is null
            or s.as_of >= least(old.platform_state_since, new.platform_state_since));
    return null;
end $$;

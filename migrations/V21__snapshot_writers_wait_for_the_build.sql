-- V21 (issue 9): a change to an account's data can no longer slip past a snapshot being built.
--
-- The snapshot rows of a day are written in one transaction (the build, V7/V17) and a change to an account's
-- observations or platform state marks that account's rows on and after the changed day stale (V7). Without a lock
-- between the two, a change committed during a build was lost: its statement could not see the build's uncommitted
-- rows to mark them, and the build had read the data before the change (the usual case: yesterday's counts imported
-- while yesterday's snapshot is built). Now every such change takes advisory lock 7307003 shared before it writes, as
-- account inserts do (V17), and holds it to commit; the build holds it exclusively. So a change either waits for the
-- build and then marks its rows, or the build waits for the change and reads it. The refresh of stale rows takes the
-- lock only when it is free (it leaves the rows stale otherwise; readers compute them live). The import's COPY of new
-- accounts' rows, which runs with these triggers off, takes the lock itself.

create function activity_snapshot_wait_for_build() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock_shared(7307003);
    return case when tg_level = 'ROW' then new end;
end $$;

create trigger observation_write_waits_for_snapshot_build before insert or update or delete on observation
    for each statement execute function activity_snapshot_wait_for_build();

-- only when the platform state really changes (the condition of account_platform_stales_snapshot): other edits of
-- an account never wait for a build
create trigger account_platform_waits_for_snapshot_build before update of platform_state, platform_state_since on account
    for each row when (old.platform_state is distinct from new.platform_state
                       or old.platform_state_since is distinct from new.platform_state_since)
    execute function activity_snapshot_wait_for_build();

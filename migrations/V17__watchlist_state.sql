-- V17 (issue 9): the latest day's activity snapshot is the watchlist's maintained state.
--
-- Lists, filters and sorts read one snapshot day through these indexes and never the panel's history.
-- Completeness must be an index probe, not an anti-join over every account: an account added after the
-- latest snapshot gets a placeholder row there at once (stale, so readers compute it live and the next refresh
-- assesses it). A full recompute holds advisory lock 7307003 and ends by adding placeholders for any account it
-- did not see; this trigger takes that lock shared, so an account added during a full run waits for it and then
-- lands in the new day. (Writers of one day's rows serialise on advisory lock (7307001, day).)

create index activity_snapshot_stale_idx on activity_snapshot (as_of, account_id) where stale;
create index activity_snapshot_status_idx on activity_snapshot (as_of, status, account_id);
create index activity_snapshot_last_active_idx on activity_snapshot (as_of, last_active, account_id);
create index activity_snapshot_flagged_idx on activity_snapshot (as_of, account_id) where flag_types <> '{}';
create index account_platform_idx on account (platform, id);

create function activity_snapshot_new_account() returns trigger language plpgsql as $$
declare
    latest date;
begin
    perform pg_advisory_xact_lock_shared(7307003);
    select s.as_of into latest from activity_snapshot s order by s.as_of desc limit 1;
    if latest is not null then
        insert into activity_snapshot (as_of, account_id, status, status_since, evidence, stale)
        values (latest, new.id, 'UNKNOWN', latest, '{}', true)
        on conflict (as_of, account_id) do nothing;
    end if;
    return null;
end $$;

create trigger account_insert_pends_snapshot after insert on account
    for each row execute function activity_snapshot_new_account();

-- accounts the latest snapshot lacks today
insert into activity_snapshot (as_of, account_id, status, status_since, evidence, stale)
select l.as_of, a.id, 'UNKNOWN', l.as_of, '{}', true
  from (select max(as_of) as as_of from activity_snapshot) l
  join account a on true
 where l.as_of is not null
   and not exists (select 1 from activity_snapshot s where s.as_of = l.as_of and s.account_id = a.id);

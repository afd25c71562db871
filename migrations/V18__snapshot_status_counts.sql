-- V18 (issue 9): what the account list's total and the watchlist's per-status counts need, kept with the snapshot.
--
-- activity_snapshot_count holds, per snapshot day and status, how many accounts the day's rows give that status.
-- Statement-level triggers with transition tables keep it exact at a cost that grows with the rows a statement
-- changes, never with the panel: a full build adds its day's counts once, a refresh moves only the accounts whose
-- status changed, and marking rows stale (status unchanged) writes nothing. Count rows are upserted in key order,
-- so concurrent writers of one day cannot deadlock on them.
create table activity_snapshot_count (
    as_of    date   not null,
    status   text   not null,
    accounts bigint not null,
    primary key (as_of, status)
);

create function activity_snapshot_count_changed() returns trigger language plpgsql as $$
declare
    -- a statement's transition tables: only those of its own kind exist, so the source is chosen before planning
    changed text := case tg_op
        when 'INSERT' then 'select as_of, status, 1 as n from new_rows'
        when 'DELETE' then 'select as_of, status, -1 as n from old_rows'
        else 'select as_of, status, 1 as n from new_rows union all select as_of, status, -1 from old_rows' end;
begin
    execute 'insert into activity_snapshot_count as c (as_of, status, accounts)
             select as_of, status, sum(n) from (' || changed || ') r
              group by as_of, status having sum(n) <> 0
              order by as_of, status
             on conflict (as_of, status) do update set accounts = c.accounts + excluded.accounts';
    return null;
end $$;

create trigger activity_snapshot_count_insert after insert on activity_snapshot
    referencing new table as new_rows for each statement execute function activity_snapshot_count_changed();
create trigger activity_snapshot_count_update after update on activity_snapshot
    referencing old table as old_rows new table as new_rows for each statement execute function activity_snapshot_count_changed();
create trigger activity_snapshot_count_delete after delete on activity_snapshot
    referencing old table as old_rows for each statement execute function activity_snapshot_count_changed();

create function activity_snapshot_count_truncated() returns trigger language plpgsql as $$
begin
    delete from activity_snapshot_count;
    return null;
end $$;

create trigger activity_snapshot_count_truncate after truncate on activity_snapshot
    for each statement execute function activity_snapshot_count_truncated();

insert into activity_snapshot_count (as_of, status, accounts)
select as_of, status, count(*) from activity_snapshot group by as_of, status;

-- sort=lastActive / -lastActive (never active first when ascending, last when descending; ties by id in the
-- same direction), with or without a status filter: one index range in order, read up to the page, no sort
drop index activity_snapshot_last_active_idx;
create index activity_snapshot_last_active_idx on activity_snapshot (as_of, last_active nulls first, account_id);
create index activity_snapshot_status_last_active_idx on activity_snapshot (as_of, status, last_active nulls first, account_id);

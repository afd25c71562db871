-- V13: the revisit schedule (issue 12, item 2).
--
-- collection_plan: an account's own cadence (overrides its cohorts') and its assignee.
-- cohort_collection: a cohort's cadence; an account in several cohorts takes the shortest of them.
-- collection_state: per account, what its observations say, kept by triggers on observation so that the due list
-- and the "heading for UNKNOWN" marks need no pass over the observation history:
--   first_observed_on / last_observed_on  the first and last observed day
--   last_active_on                        the last observed day with posts > 0 or images > 0 (null: never active)
--   observed_after_active                 observed days after last_active_on (all observed days if never active)
-- A row exists exactly for the accounts with at least one observation.

create table collection_plan (
    account_id   bigint primary key references account (id) on delete cascade,
    cadence_days integer check (cadence_days between 1 and 366),
    assignee_id  bigint references app_user (id) on delete set null,
    updated_at   timestamptz not null default now(),
    updated_by   text        not null
);
create index collection_plan_assignee_idx on collection_plan (assignee_id);

create table cohort_collection (
    cohort_id    bigint primary key references cohort (id) on delete cascade,
    cadence_days integer     not null check (cadence_days between 1 and 366),
    updated_at   timestamptz not null default now(),
    updated_by   text        not null
);

create table collection_state (
    account_id            bigint primary key references account (id) on delete cascade,
    first_observed_on     date    not null,
    last_observed_on      date    not null,
    last_active_on        date,
    observed_after_active integer not null check (observed_after_active >= 0)
);

-- Recomputes the state of these accounts from their observations (index probes on observation's primary key and
-- on observation_active_idx; the count reads only the days after the last active one).
create function collection_state_recompute(ids bigint[]) returns void language sql as $$
    delete from collection_state s
     where s.account_id = any (ids)
       and not exists (select 1 from observation o where o.account_id = s.account_id);
    insert into collection_state (account_id, first_observed_on, last_observed_on, last_active_on, observed_after_active)
    select x.id, r.first_day, r.last_day, r.last_active,
           (select count(*) from observation o
             where o.account_id = x.id and o.day > coalesce(r.last_active, '-infinity'::date))
      from (select distinct unnest(ids) as id) x
     cross join lateral (
           select (select min(o.day) from observation o where o.account_id = x.id) as first_day,
                  (select max(o.day) from observation o where o.account_id = x.id) as last_day,
                  (select max(o.day) from observation o
                    where o.account_id = x.id and (o.posts > 0 or o.images > 0)) as last_active) r
     where r.last_day is not null
    on conflict (account_id) do update
       set first_observed_on = excluded.first_observed_on,
           last_observed_on = excluded.last_observed_on,
           last_active_on = excluded.last_active_on,
           observed_after_active = excluded.observed_after_active;
$$;

-- New observations. The usual case (every new day of an account after its last observed day: daily collection,
-- an import of new days) follows from one aggregate over the new rows, plus, for an account with a new active day,
-- a count of its days after it (an index range); anything else (a day filled in behind) is recomputed.
-- Existing state rows are locked first, so two writers of one account's days take turns.
create function collection_state_after_insert() returns trigger language plpgsql as $$
declare
    behind bigint[];
    lost   bigint[];
begin
    select coalesce(array_agg(x.account_id) filter (where x.first_new <= x.last_observed_on), '{}') into behind
      from (select c.account_id, c.first_new, s.last_observed_on
              from (select n.account_id, min(n.day) as first_new from new_rows n group by n.account_id) c
              join collection_state s on s.account_id = c.account_id
             order by s.account_id
               for update of s) x;

    with c as (
        select n.account_id, min(n.day) as first_new, max(n.day) as last_new,
               max(n.day) filter (where n.posts > 0 or n.images > 0) as last_active_new, count(*) as n_new,
               exists (select 1 from collection_state s where s.account_id = n.account_id) as known
          from new_rows n
         where n.account_id <> all (behind)
         group by n.account_id
    ), d as (
        select c.*, case when c.last_active_new is null then null
                         else (select count(*) from observation o
                                where o.account_id = c.account_id and o.day > c.last_active_new) end as after_active
          from c
    ), upd as (
        update collection_state s
           set last_observed_on = d.last_new,
               last_active_on = coalesce(d.last_active_new, s.last_active_on),
               observed_after_active = coalesce(d.after_active, s.observed_after_active + d.n_new)
          from d
         where s.account_id = d.account_id and d.known
    ), ins as (
        insert into collection_state (account_id, first_observed_on, last_observed_on, last_active_on, observed_after_active)
        select d.account_id, d.first_new, d.last_new, d.last_active_new, coalesce(d.after_active, d.n_new)
          from d where not d.known
        on conflict (account_id) do nothing
        returning account_id
    )
    -- a first observation whose row a concurrent writer made meanwhile: recompute it
    select coalesce(array_agg(d.account_id), '{}') into lost
      from d where not d.known and d.account_id not in (select account_id from ins);

    behind := behind || lost;
    if cardinality(behind) > 0 then
        perform collection_state_recompute(behind);
    end if;
    return null;
end $$;

-- Changed or deleted observations: recompute the accounts they belong to.
create function collection_state_after_update() returns trigger language plpgsql as $$
begin
    perform collection_state_recompute(array(select account_id from old_rows union select account_id from new_rows));
    return null;
end $$;

create function collection_state_after_delete() returns trigger language plpgsql as $$
begin
    perform collection_state_recompute(array(select distinct account_id from old_rows));
    return null;
end $$;

create trigger observation_insert_collection_state after insert on observation
    referencing new table as new_rows for each statement execute function collection_state_after_insert();
create trigger observation_update_collection_state after update on observation
    referencing old table as old_rows new table as new_rows for each statement execute function collection_state_after_update();
create trigger observation_delete_collection_state after delete on observation
    referencing old table as old_rows for each statement execute function collection_state_after_delete();

-- The state of the observations already stored.
with active as (
    select account_id, max(day) filter (where posts > 0 or images > 0) as last_active
      from observation group by account_id
)
insert into collection_state (account_id, first_observed_on, last_observed_on, last_active_on, observed_after_active)
select o.account_id, min(o.day), max(o.day), a.last_active,
       count(*) filter (where a.last_active is null or o.day > a.last_active)
  from observation o join active a on a.account_id = o.account_id
 group by o.account_id, a.last_active;

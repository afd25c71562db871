-- V20 (issue 9): activity_snapshot without a row-level foreign key to account.
--
-- The snapshot is derived state, written only by the recompute (from the accounts it has just read while it holds
-- advisory lock 7307003, which account inserts wait for), by its refresh of stale rows and by the account insert
-- trigger (V17). The row-level check locked every account row of the panel once per build (FOR KEY SHARE) and cost
-- about a tenth of a whole-panel build (100 000 accounts: 5.8-6.0 s with it, 4.6-5.6 s without, measured here).
-- Deleting an account still deletes its snapshot rows, once per statement, as the cascade did.
alter table activity_snapshot drop constraint activity_snapshot_account_id_fkey;

create function account_delete_snapshots() returns trigger language plpgsql as $$
begin
    delete from activity_snapshot s using gone g where s.account_id = g.id;
    return null;
end $$;

create trigger account_delete_snapshots after delete on account
    referencing old table as gone for each statement execute function account_delete_snapshots();

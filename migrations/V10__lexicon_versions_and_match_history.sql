-- V10: lexicon versions, the version that found each match, the history of superseded matches, and the
-- work of re-matching stored texts after a lexicon change (issue 10, point 1).
--
-- The lexicon version is a counter in the database: every term added or deactivated through the service increments
-- it in the same transaction (lexicon_state is one row, so concurrent changes are serialised by its row lock) and
-- records the change in lexicon_change. Version 1 is the lexicon as it was when this migration ran.

create table lexicon_state (
    singleton  boolean     primary key default true check (singleton),
    version    integer     not null check (version >= 1),
    changed_at timestamptz not null default now()
);
insert into lexicon_state (singleton, version) values (true, 1);

create table lexicon_change (
    version    integer     primary key,
    action     text        not null check (action in ('INITIAL', 'ADD', 'DEACTIVATE')),
    term_id    bigint      references term (id),
    changed_by text,
    changed_at timestamptz not null default now(),
    check ((action = 'INITIAL') = (term_id is null))
);
insert into lexicon_change (version, action, changed_by) values (1, 'INITIAL', 'migration V10');

create function lexicon_current_version() returns integer language sql stable
as $$ select version from lexicon_state $$;

-- term_match holds the CURRENT matches only (every reader can keep reading it as before). lexicon_version is the
-- version whose matcher found the match (rows older than this migration: 1).
alter table term_match add column lexicon_version integer not null default lexicon_current_version();
comment on column term_match.lexicon_version is 'lexicon version whose matcher found this match';
create index term_match_term_idx on term_match (term_id);

-- A match that is no longer current (its term was deactivated, a re-match no longer finds it, or the image was read
-- again) is moved here, never lost: found by lexicon_version, gone from current answers from superseded_version on.
create table term_match_history (
    id                 bigint           primary key,
    term_id            bigint           not null references term (id),
    category           text             not null,
    post_id            bigint           references post (id) on delete cascade,
    image_sha256       text             references image (sha256) on delete cascade,
    start_offset       integer,
    end_offset         integer,
    confidence         double precision not null,
    kind               text             not null,
    engine             text,
    lexicon_version    integer          not null,
    superseded_version integer          not null,
    superseded_at      timestamptz      not null default now(),
    check ((post_id is null) <> (image_sha256 is null)),
    check (superseded_version >= lexicon_version)
);
create index term_match_history_term_idx on term_match_history (term_id);
create index term_match_history_post_idx on term_match_history (post_id) where post_id is not null;
create index term_match_history_image_idx on term_match_history (image_sha256) where image_sha256 is not null;

-- The re-match after a lexicon change: one state row and the batches of archive_text ids (V11) still to do.
-- A change sets target_version and replaces the batches (in the transaction of the change); workers of every
-- instance claim batches with FOR UPDATE SKIP LOCKED, each batch committed on its own, so a restart resumes with
-- the batches not yet done. When none is left, one worker re-matches the texts written meanwhile by a matcher older
-- than the target (a race of other instances) and sets the state back to IDLE.
create table rescan_state (
    singleton      boolean     primary key default true check (singleton),
    target_version integer     not null,
    state          text        not null check (state in ('IDLE', 'RUNNING')),
    total          bigint      not null default 0 check (total >= 0),
    swept          bigint      not null default 0 check (swept >= 0),
    started_at     timestamptz,
    finished_at    timestamptz
);
insert into rescan_state (singleton, target_version, state) values (true, 1, 'IDLE');

create table rescan_batch (
    first_id  bigint      primary key,
    last_id   bigint      not null check (last_id >= first_id),
    done      boolean     not null default false,
    texts     integer     not null default 0,
    changed   integer     not null default 0,
    added     integer     not null default 0,
    removed   integer     not null default 0,
    done_by   text,
    done_at   timestamptz
);
create index rescan_batch_todo_idx on rescan_batch (first_id) where not done;

-- V19 (issue 9): activity_snapshot keeps flags and evidence as json (the text as written, checked to be JSON) instead
-- of jsonb. Nothing queries inside them (readers take them whole as text), and building the jsonb tree of every
-- row's evidence was about a third of what a whole-panel snapshot's COPY cost PostgreSQL (100 000 rows: 2.2 s with
-- jsonb, 1.9 s with json, measured here).
alter table activity_snapshot
    alter column flags type json using flags::json,
    alter column flags set default '[]',
    alter column evidence type json using evidence::json;

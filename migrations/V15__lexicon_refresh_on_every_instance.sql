-- V15: the lexicon refresh runs on the in-memory scheduler of every instance (executeWith = SIMPLE); a clustered Quartz
-- trigger fired on one instance only. The trigger and job stored by earlier versions are removed (Quartz would keep
-- firing a job it can no longer find).
delete from qrtz_simple_triggers where trigger_name = 'lexicon-refresh';
delete from qrtz_cron_triggers where trigger_name = 'lexicon-refresh';
delete from qrtz_fired_triggers where trigger_name = 'lexicon-refresh';
delete from qrtz_triggers where trigger_name = 'lexicon-refresh';
delete from qrtz_job_details where job_name = 'lexicon-refresh';

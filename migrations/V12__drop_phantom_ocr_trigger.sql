-- V12: the OCR queue is no longer drained by a clustered Quartz trigger (each instance polls it for its own idle
-- workers), so the trigger and job stored by earlier versions are removed; Quartz would warn about them forever.
delete from qrtz_simple_triggers where trigger_name = 'ocr-queue-drainer';
delete from qrtz_cron_triggers where trigger_name = 'ocr-queue-drainer';
delete from qrtz_fired_triggers where trigger_name = 'ocr-queue-drainer';
delete from qrtz_triggers where trigger_name = 'ocr-queue-drainer';
delete from qrtz_job_details where job_name = 'ocr-queue-drainer';

-- migrate:up

DROP TABLE cron_jobs;

-- migrate:down


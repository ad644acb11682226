DROP INDEX IF EXISTS workflow_build_id_url_idx;

DROP TABLE IF EXISTS workflow;

-- runner: the statements a Flyway repeatable migration ran with, kept beside its history row (in the same
-- transaction) so that drift replays what was applied, not the file as edited since
INSERT INTO {meta} (key, value) VALUES (%s, %s)
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value

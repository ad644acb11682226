-- drift: the statements each Flyway repeatable migration was last applied with (applied_script_save)
SELECT key, value FROM {meta} WHERE key LIKE 'applied_script:%'

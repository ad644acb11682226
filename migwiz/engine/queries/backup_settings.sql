-- Settings that decide point-in-time-recovery readiness. A row is missing when the role may not see it
-- (archive_command and data_directory need superuser or pg_read_all_settings); archive_library is 15+.
SELECT name, setting
FROM pg_settings
WHERE name IN ('wal_level', 'archive_mode', 'archive_command', 'archive_library', 'archive_timeout',
               'data_directory', 'port', 'wal_segment_size', 'max_slot_wal_keep_size')

-- guard: cancel OUR backend's statement (parameter: its pid), only while it still waits for a lock.
SELECT pg_catalog.pg_cancel_backend(pid) FROM pg_catalog.pg_stat_activity
WHERE pid = %s AND wait_event_type = 'Lock'

-- Backend pids of every session on the server: a recorded pid among them is a session still alive.
SELECT pid FROM pg_catalog.pg_stat_activity

-- trace: the backends a traced statement is waiting for right now (empty when it is not waiting).
SELECT pg_catalog.pg_blocking_pids(%(pid)s)

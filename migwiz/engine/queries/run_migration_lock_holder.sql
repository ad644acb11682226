-- migration lock: the session holding the advisory lock (parameters: the lock class, the schema) in this database.
SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.usename::text, ''),
       host(a.client_addr), a.backend_start
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.database = (
          SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.classid = %s::oid AND l.objid = hashtext(%s)::oid AND l.objsubid = 2

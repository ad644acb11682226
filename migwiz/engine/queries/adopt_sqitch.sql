-- sqitch: the changes deployed now (a reverted change's row is deleted), oldest first.
SELECT change, change_id, script_hash, committed_at, committer_name, committer_email, project
FROM {table}
ORDER BY committed_at, change_id

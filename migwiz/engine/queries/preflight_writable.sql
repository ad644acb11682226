-- preflight: whether the target accepts writes: a standby?, read-only?, who and where, and what set read-only.
SELECT pg_is_in_recovery(), current_setting('transaction_read_only'), current_user, current_database(),
       (SELECT source FROM pg_settings WHERE name = 'default_transaction_read_only')

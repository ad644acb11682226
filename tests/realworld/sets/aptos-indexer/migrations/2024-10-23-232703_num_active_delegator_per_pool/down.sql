DROP VIEW IF EXISTS num_active_delegator_per_pool;

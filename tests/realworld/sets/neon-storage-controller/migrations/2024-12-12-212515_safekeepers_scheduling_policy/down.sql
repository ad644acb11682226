ALTER TABLE safekeepers DROP scheduling_policy;

-- migwiz:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS {index};

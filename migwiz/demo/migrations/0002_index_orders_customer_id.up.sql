-- migwiz:no-transaction
-- Safe: CONCURRENTLY builds the index without blocking writes (it cannot run inside a transaction).
CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);

-- Risky: a plain CREATE INDEX holds a SHARE lock on orders for the whole build, so every
-- INSERT, UPDATE and DELETE on orders waits until it is done.
CREATE INDEX orders_created_at_idx ON orders (created_at);

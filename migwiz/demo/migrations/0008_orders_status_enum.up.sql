-- migwiz:statement-timeout=10min
-- Dangerous: changing the column type rewrites the whole orders table and rebuilds its indexes
-- under an ACCESS EXCLUSIVE lock: no reads or writes on orders until it is done.
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'delivered', 'cancelled');
ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;
ALTER TABLE orders ALTER COLUMN status TYPE order_status USING status::order_status;
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'pending';

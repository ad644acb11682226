-- migwiz:lock-timeout=2s
-- Safe: a nullable column without a default only touches the catalog (a brief ACCESS EXCLUSIVE lock).
ALTER TABLE orders ADD COLUMN tracking_number text;

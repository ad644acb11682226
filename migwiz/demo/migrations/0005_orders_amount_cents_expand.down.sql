-- migwiz:lock-timeout=2s
DROP TRIGGER orders_sync_amount_cents ON orders;
DROP FUNCTION orders_sync_amount_cents();
ALTER TABLE orders DROP COLUMN amount_cents;

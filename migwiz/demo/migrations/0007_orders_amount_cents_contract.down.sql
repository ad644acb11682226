-- migwiz:lock-timeout=2s
ALTER TABLE orders DROP CONSTRAINT orders_amount_cents_not_null;

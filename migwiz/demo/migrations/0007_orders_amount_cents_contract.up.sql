-- migwiz:phase=contract
-- migwiz:lock-timeout=2s
-- Contract: from now on amount_cents is required. NOT VALID then VALIDATE avoids holding an
-- ACCESS EXCLUSIVE lock while every row is checked.
ALTER TABLE orders
    ADD CONSTRAINT orders_amount_cents_not_null CHECK (amount_cents IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_cents_not_null;

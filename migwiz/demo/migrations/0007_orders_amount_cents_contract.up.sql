-- migwiz:phase=contract
-- migwiz:lock-timeout=2s
-- migwiz:no-transaction
-- Contract: from now on amount_cents is required. NOT VALID commits at once under a brief ACCESS
-- EXCLUSIVE lock; VALIDATE then checks every row under SHARE UPDATE EXCLUSIVE, so reads and writes go
-- on. In one transaction the first lock would be held through the whole validation.
ALTER TABLE orders
    ADD CONSTRAINT orders_amount_cents_not_null CHECK (amount_cents IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_cents_not_null;

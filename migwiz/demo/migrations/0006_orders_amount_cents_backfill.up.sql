-- migwiz:phase=backfill
-- migwiz:backfill
-- Fill amount_cents for the rows written before the expand step.
UPDATE orders SET amount_cents = round(amount * 100) WHERE amount_cents IS NULL;

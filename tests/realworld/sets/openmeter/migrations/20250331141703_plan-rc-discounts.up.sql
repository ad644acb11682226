-- modify "plan_rate_cards" table
ALTER TABLE "plan_rate_cards" ADD COLUMN "discounts" jsonb NULL;

-- migwiz:phase=expand
-- migwiz:lock-timeout=2s
-- Store amounts as integer cents. Expand: the new column, kept in step with `amount` by a trigger
-- so rows written by the running application are right from now on.
ALTER TABLE orders ADD COLUMN amount_cents bigint;

CREATE FUNCTION orders_sync_amount_cents() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.amount_cents := round(NEW.amount * 100);
    RETURN NEW;
END;
$$;

CREATE TRIGGER orders_sync_amount_cents
    BEFORE INSERT OR UPDATE OF amount ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_sync_amount_cents();

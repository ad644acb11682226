-- Risky: without NOT VALID the new foreign key is checked against every row of order_items
-- while SHARE ROW EXCLUSIVE locks on order_items and products block their writes.
ALTER TABLE order_items
    ADD CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (id);

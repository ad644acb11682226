-- One or two lines per order, in order id order.
INSERT INTO order_items (order_id, product_id, quantity, unit_price)
SELECT 1 + (g - 1) * 2 / 3,
       1 + (random() * (%(products)s::int - 1))::int,
       1 + (random() * 4)::int,
       (100 + (random() * 19900)::int) / 100.0
FROM generate_series(1, %(order_items)s::bigint) AS g

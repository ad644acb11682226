INSERT INTO products (sku, name, price)
SELECT 'SKU-' || lpad(g::text, 6, '0'), 'Product ' || g, (100 + (random() * 19900)::int) / 100.0
FROM generate_series(1, %(products)s::bigint) AS g

-- The demo shop, created without keys so the bulk load is fast; constraints follow the load.
CREATE TABLE customers (
    id bigint GENERATED ALWAYS AS IDENTITY,
    email text NOT NULL,
    name text NOT NULL,
    country text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
    id integer GENERATED ALWAYS AS IDENTITY,
    sku text NOT NULL,
    name text NOT NULL,
    price numeric(10, 2) NOT NULL
);

CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY,
    customer_id bigint NOT NULL,
    status text NOT NULL DEFAULT 'pending',
    amount numeric(12, 2) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_items (
    id bigint GENERATED ALWAYS AS IDENTITY,
    order_id bigint NOT NULL,
    product_id integer NOT NULL,  -- no foreign key yet: a demo migration adds one
    quantity integer NOT NULL,
    unit_price numeric(10, 2) NOT NULL
);

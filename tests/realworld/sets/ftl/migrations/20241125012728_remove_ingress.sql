-- migrate:up
DROP TABLE IF EXISTS ingress_routes;

-- migrate:down


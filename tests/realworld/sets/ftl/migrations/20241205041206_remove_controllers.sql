-- migrate:up
DROP TABLE controllers;

-- migrate:down


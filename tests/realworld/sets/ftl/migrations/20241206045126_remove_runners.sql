-- migrate:up
DROP TABLE runners;

-- migrate:down


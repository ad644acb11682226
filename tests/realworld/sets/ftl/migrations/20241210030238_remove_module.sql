-- migrate:up
DROP TABLE modules;

-- migrate:down


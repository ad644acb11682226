-- migrate:up
DROP TABLE deployments;


-- migrate:down


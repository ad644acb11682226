-- migrate:up
DROP TABLE deployment_artefacts;
-- migrate:down


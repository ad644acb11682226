-- migrate:up

ALTER TABLE controller RENAME TO controllers;

-- migrate:down


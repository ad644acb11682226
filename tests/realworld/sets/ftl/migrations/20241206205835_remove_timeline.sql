-- migrate:up
DROP TABLE timeline;
DROP TABLE requests;
-- migrate:down


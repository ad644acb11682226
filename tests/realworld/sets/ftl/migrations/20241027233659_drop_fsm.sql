-- migrate:up
DROP TABLE fsm_next_event;
DROP TABLE fsm_instances;
-- migrate:down


-- Your SQL goes here
ALTER TABLE processor_status
ADD COLUMN last_transaction_timestamp TIMESTAMP;
ALTER TABLE safekeepers DROP active;

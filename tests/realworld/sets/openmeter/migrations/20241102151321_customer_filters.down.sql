-- reverse: create index "customer_primary_email" to table: "customers"
DROP INDEX "customer_primary_email";
-- reverse: create index "customer_name" to table: "customers"
DROP INDEX "customer_name";
-- reverse: create index "customer_deleted_at" to table: "customers"
DROP INDEX "customer_deleted_at";
-- reverse: create index "customer_created_at" to table: "customers"
DROP INDEX "customer_created_at";

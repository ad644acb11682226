-- reverse: create index "feature_namespace_meter_slug" to table: "features"
DROP INDEX "feature_namespace_meter_slug";
-- reverse: create index "customer_namespace_key_deleted_at" to table: "customers"
DROP INDEX "customer_namespace_key_deleted_at";

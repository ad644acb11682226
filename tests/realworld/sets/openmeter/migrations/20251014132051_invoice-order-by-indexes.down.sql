-- reverse: create index "billinginvoice_namespace_updated_at" to table: "billing_invoices"
DROP INDEX "billinginvoice_namespace_updated_at";
-- reverse: create index "billinginvoice_namespace_period_start" to table: "billing_invoices"
DROP INDEX "billinginvoice_namespace_period_start";
-- reverse: create index "billinginvoice_namespace_issued_at" to table: "billing_invoices"
DROP INDEX "billinginvoice_namespace_issued_at";
-- reverse: create index "billinginvoice_namespace_created_at" to table: "billing_invoices"
DROP INDEX "billinginvoice_namespace_created_at";

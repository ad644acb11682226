
alter table program drop column if exists workflowid;

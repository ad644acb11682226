alter table dataelementcategoryoption
add column if not exists formname character varying(230);
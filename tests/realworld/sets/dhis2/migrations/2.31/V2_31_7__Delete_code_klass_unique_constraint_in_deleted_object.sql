alter table deletedobject drop constraint if exists key_deleted_object_klass_code;

create index if not exists in_programinstance_programid on programinstance (programid);

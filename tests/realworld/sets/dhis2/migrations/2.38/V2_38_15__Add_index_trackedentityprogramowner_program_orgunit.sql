
create index if not exists "in_trackedentityprogramowner_program_orgunit" on trackedentityprogramowner (programid, organisationunitid);

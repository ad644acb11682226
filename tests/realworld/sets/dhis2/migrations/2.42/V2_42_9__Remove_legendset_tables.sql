drop table if exists legendsetindicators cascade;
drop table if exists legend cascade;
drop table if exists legendset cascade;

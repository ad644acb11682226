
drop table if exists programtrackedentityattributegroupmembers;
drop table if exists program_attribute_group;


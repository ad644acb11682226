-- Add down migration script here
DROP INDEX IF EXISTS rollup_member_member;

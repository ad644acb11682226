-- This file should undo anything in `up.sql`
DROP TABLE public.banned_from_tv;

-- This file should undo anything in `up.sql`

DROP TABLE merchant;
DROP TABLE locker;

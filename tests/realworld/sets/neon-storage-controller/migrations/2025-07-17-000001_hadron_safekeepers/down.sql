DROP TABLE hadron_safekeepers;
DROP TABLE hadron_timeline_safekeepers;

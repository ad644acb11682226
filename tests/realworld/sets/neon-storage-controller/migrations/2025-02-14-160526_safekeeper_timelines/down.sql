DROP TABLE timelines;
DROP TABLE safekeeper_timeline_pending_ops;

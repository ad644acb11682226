DROP INDEX IF EXISTS splits_time_range_start_idx;
DROP INDEX IF EXISTS splits_time_range_end_idx;

CREATE INDEX IF NOT EXISTS splits_time_range_start_idx ON splits (time_range_start);
CREATE INDEX IF NOT EXISTS splits_time_range_end_idx ON splits (time_range_end);

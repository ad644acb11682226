CREATE INDEX IF NOT EXISTS scan_summaries_issues_scan_summary_id_idx ON scan_summaries_issues (scan_summary_id);

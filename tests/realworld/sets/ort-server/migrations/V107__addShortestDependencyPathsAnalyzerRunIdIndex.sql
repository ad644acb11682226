CREATE INDEX IF NOT EXISTS shortest_dependency_paths_analyzer_run_id ON shortest_dependency_paths (analyzer_run_id);

UPDATE origin_projects SET target='x86_64-linux';

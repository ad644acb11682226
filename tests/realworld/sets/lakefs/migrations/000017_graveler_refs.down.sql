DROP TABLE IF EXISTS graveler_repositories;
DROP TABLE IF EXISTS graveler_commits;
DROP TABLE IF EXISTS graveler_branches;

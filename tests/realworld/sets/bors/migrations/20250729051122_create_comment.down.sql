DROP INDEX IF EXISTS comment_repo_pr_tag_idx;

DROP TABLE IF EXISTS comment;

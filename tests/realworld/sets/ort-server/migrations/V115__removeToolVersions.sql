-- Remove the tool versions because they have been removed in ORT.
DROP TABLE environments_tool_versions;
DROP TABLE tool_versions;

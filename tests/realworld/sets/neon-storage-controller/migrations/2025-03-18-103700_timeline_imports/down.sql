DROP TABLE timeline_imports;

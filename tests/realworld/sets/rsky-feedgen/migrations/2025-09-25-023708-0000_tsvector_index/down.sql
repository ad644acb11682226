DROP INDEX post_text_tsvector_index;


-- 0034: the search document's prefixes are listed in C (issue 18; docs/internals/search.md).
-- 0023 generated the document from the body in SQL: search_prefixes() and to_tsvector of
-- its list cost a new case 24 and 27 us on the server, a sixth of an import's time on
-- PostgreSQL. store/search.c now writes the same lexemes (every start of every word, up
-- to 40 characters) as tsvector's input text, which the server only splits and sorts
-- (5 us). The column keeps its values and its GIN index; those written before keep their
-- positions, which nothing reads (a query is an AND of exact lexemes). search_prefixes()
-- stays: the tests compare the documents written in C with it.
ALTER TABLE case_search ALTER COLUMN document DROP EXPRESSION;
ALTER TABLE case_search ALTER COLUMN document SET NOT NULL;

-- 0023: the search index answers a prefix from one list of documents, newest first,
-- and a province's or an office's search skips the other units' documents (issue 18;
-- docs/internals/search.md). 0005's index held each word once, so a query term,
-- always a prefix ("thi"*), had FTS5 read and merge the lists of every word starting
-- with it (thi, thien, thinh, ...: 138,000 documents of a million) before anything
-- else: 69% of a search's time. prefix='1 2 3 4 5 6' keeps, beside each word, its
-- first 1 to 6 letters as entries of their own, so a term of up to six letters (every
-- Vietnamese syllable but a handful) is one list that FTS5 reads lazily, skipping to
-- the next document the other terms share, newest first, and stops when the search
-- has its candidates; a longer term (an ID number's start) merges the few words that
-- start with it. detail=none: no positions (the search asks which documents hold a
-- term, never where), which keeps the six extra entries per word small.
-- scope holds one word, "_" and the case's unit id ("_12"): a search of a province or
-- an office asks for its units' words beside the terms, so the index skips the other
-- units' documents instead of the search reading their cases. A query term is
-- [a-z0-9] only and the body is folded (no "_"), so no term matches a scope word nor
-- a scope word a term. The documents are copied with their rowids (the case ids).
CREATE VIRTUAL TABLE case_search_0023 USING fts5(
    body, scope, tokenize = 'unicode61 remove_diacritics 2 tokenchars ''_''',
    detail = none, prefix = '1 2 3 4 5 6');
INSERT INTO case_search_0023 (rowid, body, scope)
    SELECT s.rowid, s.body, '_' || c.unit_id FROM case_search s
    LEFT JOIN enforcement_case c ON c.id = s.rowid;
DROP TABLE case_search;
ALTER TABLE case_search_0023 RENAME TO case_search;
INSERT INTO case_search (case_search) VALUES ('optimize');

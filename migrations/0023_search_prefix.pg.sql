-- 0023: the search document answers a prefix with one GIN entry (issue 18;
-- docs/internals/search.md). 0005's tsvector held each word once and a query term was
-- a prefix (thi:*), which GIN answers by collecting the postings of every word starting
-- with it (thi, thien, thinh, ...) into one bitmap before anything else, for every
-- term, whatever the others or the LIMIT. Now the document holds every start of every
-- word (nguyen: n ng ngu nguy nguye nguyen) and a term is matched exactly: the
-- postings of one lexeme, which GIN intersects starting from the rarest term and the
-- planner prices from the lexeme's own statistics (a common word: walk the newest
-- cases and stop at the candidates; a rare one: the index). A word of [a-z0-9]
-- (what a query term can be) gives its starts up to 40 characters (SEARCH_TERM_MAX).
CREATE FUNCTION search_prefixes(body TEXT) RETURNS TEXT
    LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT COALESCE(string_agg(left(w, n), ' '), '')
   FROM regexp_split_to_table(body, '[^a-z0-9]+') AS w,
        generate_series(1, least(length(w), 40)) AS n $$;
DROP INDEX case_search_document;
ALTER TABLE case_search DROP COLUMN document;
ALTER TABLE case_search ADD COLUMN document TSVECTOR
    GENERATED ALWAYS AS (to_tsvector('simple', search_prefixes(body))) STORED;
CREATE INDEX case_search_document ON case_search USING GIN (document);

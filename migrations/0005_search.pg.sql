-- 0005: the search document of each case (PostgreSQL spelling; see
-- 0005_search.sqlite.sql and store/search.c). One row per case, written in the same
-- transaction as the case: its number, its judgment's number, every party's name and ID
-- number, folded by core/fold.c ("Nguyễn Văn Đức" -> "nguyen van duc"). The 'simple'
-- configuration only lower-cases and splits: no stemming, no stop words, which suits
-- folded names and numbers. Prefix queries (to_tsquery 'du:*') use the GIN index.
CREATE TABLE case_search (
    case_id BIGINT PRIMARY KEY REFERENCES enforcement_case (id),
    body TEXT NOT NULL,
    document TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
);
CREATE INDEX case_search_document ON case_search USING GIN (document);

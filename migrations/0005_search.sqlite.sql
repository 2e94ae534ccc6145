-- 0005: the search document of each case (SQLite spelling; see 0005_search.pg.sql and
-- store/search.c). One row per case, rowid = enforcement_case.id, written in the same
-- transaction as the case: its number, its judgment's number, every party's name and ID
-- number, folded by core/fold.c ("Nguyễn Văn Đức" -> "nguyen van duc"). The text is
-- folded before it gets here, so the tokenizer only splits plain ASCII words; its
-- remove_diacritics is a second line of defence for rows written by other means.
-- Prefix queries ("du"*) scan the range of terms that start with the prefix; no
-- prefix index, which would multiply the index's size for a small gain.
CREATE VIRTUAL TABLE case_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');

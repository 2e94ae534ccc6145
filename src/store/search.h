/*
 * store/search.h — finding cases by case number, judgment number, ID number or a
 * party's name, typed with or without diacritics ("nguyen van duc" finds "Nguyễn Văn
 * Đức", "46 qd" finds "46/QĐ-THADS", "0010850" finds the CCCD 001085012345).
 *
 * Each case has one search document (table case_search, migrations/0005_search.*):
 * its folded case number, judgment number, parties' names and ID numbers. It is
 * written by search_index_case() in the transaction that creates the case, and read
 * through SQLite FTS5 or a PostgreSQL tsvector with a GIN index; the engine
 * difference is one function per concern in search.c. docs/internals/search.md.
 */
#ifndef THADS_STORE_SEARCH_H
#define THADS_STORE_SEARCH_H

#include "core/civil_date.h"
#include "store/cases.h"
#include "store/db.h"

#include <stddef.h>
#include <stdint.h>

#define SEARCH_MAX_TERMS   8     /* more words in a query are ignored */
#define SEARCH_TERM_MAX    40    /* a longer word is cut: its prefix still matches */
#define SEARCH_LIMIT_MAX   100   /* hits per query */
#define SEARCH_PARTIES_MAX 16    /* parties shown per hit */
#define SEARCH_BODY_MAX    65536 /* bytes of one document: 64 parties of 200 characters fit */
/* How many of the newest matching cases in scope are ranked. A one-word query may
 * match half a province; ranking is O(candidates x terms x words), so bounded. */
#define SEARCH_CANDIDATES 500

/* (Re)build the search document of one case from its rows: case number, judgment
 * number, every party's name and ID number. Two statements; run it in the transaction
 * that creates or changes those rows. DB_OK, or the store error (DB_DONE: no such
 * case). */
int search_index_case(db_t *db, int64_t case_id);
/* The same in two steps for a case being created, from what its creator holds rather
 * than read back. search_doc_new_case needs no database (an importer folds on another
 * thread than the one writing): the document, malloc'd, NULL when out of memory. The
 * names are those given for this case (a party found by its ID number may be stored
 * under the name another case gave it first). search_index_doc writes it: one
 * statement. */
char *search_doc_new_case(const char *case_no, const char *judgment_no,
                          const party_new_t *const *parties, size_t nparties);
int search_index_doc(db_t *db, int64_t case_id, const char *doc);
/* A load of new cases, inside its transaction: from search_defer_begin on, the documents
 * search_index_doc writes wait in a temporary table, and search_defer_end indexes them
 * all at once, in case order. On SQLite FTS5 otherwise writes its pending documents out
 * as small segments and merges them while the load's other tables compete for the page
 * cache (an import of a million cases: 29 s in the index, against 11 s for the same
 * documents indexed alone). On PostgreSQL the documents go by COPY (q_append): the
 * cases are new, so none has one to replace. A rollback drops the table with the rest,
 * and the connection keeps deferring (into a table that is gone, on SQLite) until its
 * next search_defer_begin: the importer closes it. */
int search_defer_begin(db_t *db);
int search_defer_end(db_t *db);
/* Split an already folded query (core/fold.h) into at most SEARCH_MAX_TERMS words of
 * [a-z0-9], each cut to SEARCH_TERM_MAX characters: every other byte separates words,
 * so no term can carry FTS5 or tsquery syntax. Returns the number of terms. */
size_t search_terms(const char *query_folded, char terms[SEARCH_MAX_TERMS][SEARCH_TERM_MAX + 1]);

typedef struct {
    char role[16]; /* creditor, debtor, related */
    char full_name[801];
    char id_number[32]; /* "" when none */
} search_party_t;

typedef struct {
    int64_t id, unit_id;
    char case_no[CASE_NO_MAX * 4 + 1];
    int year; /* of the decision numbered case_no */
    char state[24], category[24];
    char unit_code[40], unit_name[801];
    char judgment_no[DOC_NO_BYTES];
    civil_date_t received_on;
    /* 1: parties are the ones whose name or ID number the query matched (best first);
     * 0: the query matched the case or judgment number (or words spread over several
     * parties) and parties lists the case's parties, debtors first. */
    int parties_matched;
    size_t nparties;
    search_party_t parties[SEARCH_PARTIES_MAX];
} search_hit_t;

typedef int (*search_hit_fn)(const search_hit_t *hit, void *arg);

/*
 * The cases whose document holds every term of query_folded as a word or the start
 * of a word, among the cases a user of root_unit may open on day at: units in its
 * subtree, closed units judged on their last day, and the trees of its predecessors
 * (the units it succeeded), as GET /api/cases/{id} judges them. At most limit hits
 * (1..SEARCH_LIMIT_MAX), best first: the terms as consecutive words in the order typed
 * ("nguyen van du" in one name) first, then a term that is a whole word counts more
 * than a prefix; ties go to the newest case. A query without any term finds nothing.
 * fn returning non-zero stops early. DB_OK or the store error.
 *
 * Cost: the index finds the matching documents; the newest SEARCH_CANDIDATES of them in
 * scope are ranked in C (so a one-word query matching half the province stays bounded),
 * stopping as soon as limit of them have the best score there is (a name typed whole
 * and in order reads about limit rows); then one query per hit reads its parties.
 */
int search_cases(db_t *db, int64_t root_unit, civil_date_t at, const char *query_folded, int limit,
                 search_hit_fn fn, void *arg);

/* Rebuild every case's search document from its rows (search_index_case), in the
 * caller's transaction, oldest case first, and remove documents whose case is gone: a
 * database whose cases predate migration 0005, or whose documents were damaged, is
 * searchable again. Idempotent: a second run writes the same documents. progress
 * (may be NULL) is called after each batch with the cases done and the total.
 * *count: the cases indexed. DB_OK or the store error. */
typedef void (*search_progress_fn)(int64_t done, int64_t total, void *arg);
int search_reindex(db_t *db, search_progress_fn progress, void *arg, int64_t *count);

/* Number of cases and of search documents (they are equal unless cases were written
 * without search_index_case, e.g. before migration 0005). */
int search_counts(db_t *db, int64_t *cases, int64_t *documents);

#endif

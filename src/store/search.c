/*
 * store/search.c — the search document of a case and the query over it, on both
 * engines (docs/internals/search.md).
 *
 * Everything is folded in C (core/fold.c) before the database sees it, documents and
 * queries alike, so both engines only split ASCII words: SQLite FTS5 with unicode61,
 * PostgreSQL to_tsvector('simple'). Where they differ — how a document is upserted,
 * how the query is spelled — there is one function each (write_doc, search_sql,
 * match_expression), chosen by db_engine().
 *
 * Query terms are reduced to [a-z0-9] before they are written into a MATCH string or
 * a tsquery, and that string is bound as a parameter: a term cannot carry operators,
 * quotes or column filters, whatever was typed.
 */
#include "store/search.h"
#include "core/case_kind.h"
#include "store/db_impl.h"
#include "core/fold.h"
#include "store/q.h"
#include "store/units.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A scope of at most this many units (an office, with the district offices it
 * succeeded) is asked of the SQLite index as its units' scope words (migration 0023): a
 * common word then costs the office's matches, not the nation's. A larger one (a
 * province, the nation) is left to the join: FTS5 merging the lists of many units costs
 * more than reading the cases the join rejects (measured on 1M cases: a province of 5
 * units, 12 ms with its words against 4 ms without; an office, "nguyen", 4 ms with
 * against 55 ms without). */
#define SEARCH_SCOPE_WORDS 4
/* What a candidate scores for its terms typed in sequence (in_sequence): above any
 * difference in exactness (match_score gives at most 2 a term). */
#define SEARCH_IN_SEQUENCE (4 * SEARCH_MAX_TERMS)
/* Parties of one hit read to choose from (a case has at most 64, api/case_ops.h). */
#define SEARCH_PARTIES_SEEN 64

/* ---- engine differences ------------------------------------------------------------ */

/* PostgreSQL's document (migration 0034): every start of every word of the folded body,
 * up to SEARCH_TERM_MAX characters (a longer word's start still matches a query term,
 * which search_terms cuts as long), as tsvector's input reads lexemes: words separated
 * by spaces, no quoting needed for [a-z0-9]. What 0023's search_prefixes() wrote in SQL.
 * NULL when out of memory. */
static char *search_prefix_list(const char *body)
{
    size_t cap = 64, len = 0;
    char *out = malloc(cap);

    if (out == NULL)
        return NULL;
    for (const char *p = body; *p != '\0';) {
        size_t w = 0;

        while (p[w] != '\0' && ((p[w] >= 'a' && p[w] <= 'z') || (p[w] >= '0' && p[w] <= '9')))
            w++;
        for (size_t n = 1; n <= w && n <= SEARCH_TERM_MAX; n++) {
            if (len + n + 2 > cap) {
                char *t = realloc(out, cap = 2 * cap + n + 2);
                if (t == NULL) {
                    free(out);
                    return NULL;
                }
                out = t;
            }
            if (len > 0)
                out[len++] = ' ';
            memcpy(out + len, p, n);
            len += n;
        }
        p += w > 0 ? w : 1;
    }
    out[len] = '\0';
    return out;
}

/* A case's document, written over the one it had. FTS5 has no ON CONFLICT, but replaces
 * on its rowid, which is the case's id; the scope word is the case's unit (written
 * before its document). A load of new cases on PostgreSQL (search_defer_begin) sends
 * them with COPY: none can be there yet. */
static int write_doc(db_t *db, int64_t case_id, const char *body)
{
    char *prefixes;
    int rc;

    if (db_engine(db) == DB_ENGINE_SQLITE)
        return q_exec(db,
                      "INSERT OR REPLACE INTO case_search (rowid, body, scope) VALUES ($1, $2, "
                      "(SELECT '_' || unit_id FROM enforcement_case WHERE id = $1))",
                      "is", case_id, body);
    if ((prefixes = search_prefix_list(body)) == NULL)
        return db_fail_nomem(db);
    if (db->search_deferred)
        rc = q_append(db, "case_search", "case_id, body, document", "$1, $2, $3", "iss", case_id,
                      body, prefixes);
    else
        rc = q_exec(db,
                    "INSERT INTO case_search (case_id, body, document) VALUES ($1, $2, $3) ON "
                    "CONFLICT (case_id) DO UPDATE SET body = EXCLUDED.body, document = "
                    "EXCLUDED.document",
                    "iss", case_id, body, prefixes);
    free(prefixes);
    return rc;
}

/* $1 the scope's units (q_id_list), $2 the match expression, $3 how many. The matching
 * documents newest first, each kept if its case is in scope, until $3 are kept: the index
 * hands them over in the case's order (a case's id is its document's rowid or case_id),
 * so nothing sorts the matches and a common word stops after $3 in-scope cases instead of
 * reading all of its documents (docs/internals/search.md). SQLite: CROSS JOIN keeps the
 * FTS5 table outermost, where it serves ORDER BY rowid DESC itself. */
#define SEARCH_COLUMNS                                                                             \
    "SELECT c.id, c.unit_id, c.case_no, c.state, c.category, c.received_on, u.code, "              \
    "u.name_vi, j.number, h.body, c.year "
#define SEARCH_JOINS "JOIN unit u ON u.id = c.unit_id LEFT JOIN judgment j ON j.id = c.judgment_id "

static const char *search_sql(db_t *db)
{
    return db_engine(db) == DB_ENGINE_SQLITE ? SEARCH_COLUMNS
               "FROM case_search h CROSS JOIN enforcement_case c ON c.id = "
               "h.rowid " SEARCH_JOINS "WHERE h.case_search MATCH $2 AND c.unit_id "
               "IN (" Q_IDS_SQLITE ") ORDER BY h.rowid DESC LIMIT $3"
                                             : SEARCH_COLUMNS
               "FROM case_search h JOIN enforcement_case c ON c.id = h.case_id "
               "" SEARCH_JOINS "WHERE h.document @@ to_tsquery('simple', $2) AND "
               "c.unit_id IN (" Q_IDS_PG ") ORDER BY h.case_id DESC LIMIT $3";
}

/* Every term as a prefix, all required. FTS5: "nguyen"* "van"* (juxtaposition is AND;
 * migration 0023's prefix indexes answer a term of up to six letters from one list).
 * tsquery: nguyen & van, exact lexemes, since 0023's documents hold every start of
 * every word. Terms are [a-z0-9]+, so neither needs escaping. */
static void match_expression(db_t *db, char terms[][SEARCH_TERM_MAX + 1], size_t n, char *out,
                             size_t len)
{
    int fts5 = db_engine(db) == DB_ENGINE_SQLITE;
    size_t w = 0;

    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        int k = fts5 ? snprintf(out + w, len - w, "%s\"%s\"*", i ? " " : "", terms[i])
                     : snprintf(out + w, len - w, "%s%s", i ? " & " : "", terms[i]);
        assert(k > 0 && (size_t)k < len - w); /* sized by the caller for the worst case */
        w += (size_t)k;
    }
}

/* SQLite: the scope's units as an FTS5 group of scope words and the AND that joins it to
 * the terms, ("_12" OR "_13") AND , into out (sized for SEARCH_SCOPE_WORDS of them); "" when
 * the scope has more units than that. The search's own join still checks every row. */
static void scope_words(const int64_t *units, size_t n, char *out, size_t len)
{
    size_t w = 0;

    out[0] = '\0';
    if (n > SEARCH_SCOPE_WORDS)
        return;
    for (size_t i = 0; i < n; i++) {
        int k = snprintf(out + w, len - w, "%s\"_%lld\"", w ? " OR " : "(", (long long)units[i]);
        assert(k > 0 && (size_t)k < len - w);
        w += (size_t)k;
    }
    snprintf(out + w, len - w, ") AND ");
}

/* ---- the document ------------------------------------------------------------------ */

typedef struct {
    char *buf;
    size_t len;
} body_t;

/* Append text folded, a space before it. What does not fit in SEARCH_BODY_MAX is left
 * out (the caps on names and parties keep a real case far below it). */
static void body_add(body_t *b, const char *text)
{
    size_t at = b->len + (b->len > 0);
    long n;

    if (text == NULL || text[0] == '\0' || at + 1 >= SEARCH_BODY_MAX)
        return;
    n = fold_vi(text, b->buf + at, SEARCH_BODY_MAX - at);
    if (n <= 0) { /* nothing left after folding, or not UTF-8 (checked on input) */
        b->buf[b->len] = '\0';
        return;
    }
    if (at > b->len)
        b->buf[b->len] = ' ';
    b->len = at + (size_t)n;
}

int search_index_case(db_t *db, int64_t case_id)
{
    body_t b = {malloc(SEARCH_BODY_MAX), 0};
    db_stmt_t *st = NULL;
    int rc, rows = 0;

    if (b.buf == NULL)
        return db_fail_nomem(db);
    b.buf[0] = '\0';
    /* One statement: a row per party (or one row with NULL party columns). */
    rc = q_open(db, &st,
                "SELECT c.case_no, j.number, p.full_name, p.id_number FROM enforcement_case c "
                "LEFT JOIN judgment j ON j.id = c.judgment_id "
                "LEFT JOIN case_party cp ON cp.case_id = c.id "
                "LEFT JOIN party p ON p.id = cp.party_id WHERE c.id = $1",
                "i", case_id);
    if (rc != DB_OK)
        goto out;
    while ((rc = db_step(st)) == DB_ROW) {
        if (rows++ == 0) {
            body_add(&b, db_column_text(st, 0));
            body_add(&b, db_column_text(st, 1));
        }
        body_add(&b, db_column_text(st, 2));
        body_add(&b, db_column_text(st, 3)); /* digits fold to themselves */
    }
    db_finalize(st);
    if (rc != DB_DONE)
        goto out;
    rc = rows == 0 ? DB_DONE : search_index_doc(db, case_id, b.buf);
out:
    free(b.buf);
    return rc;
}

char *search_doc_new_case(const char *case_no, const char *judgment_no,
                          const party_new_t *const *parties, size_t nparties)
{
    body_t b = {malloc(SEARCH_BODY_MAX), 0};
    char *fit;

    if (b.buf == NULL)
        return NULL;
    b.buf[0] = '\0';
    body_add(&b, case_no);
    body_add(&b, judgment_no);
    for (size_t i = 0; i < nparties; i++) {
        body_add(&b, parties[i]->full_name);
        body_add(&b, parties[i]->id_number);
    }
    fit = realloc(b.buf, b.len + 1); /* a real document is a few hundred bytes */
    return fit != NULL ? fit : b.buf;
}

int search_index_doc(db_t *db, int64_t case_id, const char *doc)
{
    if (db->search_deferred && db_engine(db) == DB_ENGINE_SQLITE)
        return q_exec(db, "INSERT INTO temp.case_search_deferred (rowid, body) VALUES ($1, $2)",
                      "is", case_id, doc);
    return write_doc(db, case_id, doc);
}

int search_defer_begin(db_t *db)
{
    int rc;

    db->search_deferred = 0;
    if (db_engine(db) != DB_ENGINE_SQLITE) {
        db->search_deferred = 1; /* written by COPY (write_doc) */
        return DB_OK;
    }
    rc = db_exec_script(db, "DROP TABLE IF EXISTS temp.case_search_deferred; CREATE TEMP TABLE "
                            "case_search_deferred (rowid INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    db->search_deferred = rc == DB_OK;
    return rc;
}

/* After writing at least half of the documents: FTS5 is left a dozen segments, and every
 * term of every search reads them all; merged into one, a name's statement takes 40%
 * less time (a million documents: 3 s to merge). PostgreSQL's GIN index has no such
 * segments. */
static int search_merge(db_t *db)
{
    if (db_engine(db) != DB_ENGINE_SQLITE)
        return DB_OK;
    return db_exec_script(db, "INSERT INTO case_search (case_search) VALUES ('optimize')");
}

int search_defer_end(db_t *db)
{
    int64_t added = 0, cases = 0;
    int rc;

    if (!db->search_deferred)
        return DB_OK;
    db->search_deferred = 0;
    if (db_engine(db) != DB_ENGINE_SQLITE)
        return DB_OK; /* the COPY goes at the commit, or before a statement naming the table */
    if ((rc = q_int64(db, &added, "SELECT COUNT(*) FROM temp.case_search_deferred", "")) !=
            DB_ROW ||
        (rc = q_int64(db, &cases, "SELECT COUNT(*) FROM enforcement_case", "")) != DB_ROW)
        return rc;
    /* the scope word as write_doc writes it: the case's unit */
    rc = db_exec_script(db, "INSERT OR REPLACE INTO case_search (rowid, body, scope) SELECT "
                            "d.rowid, d.body, '_' || c.unit_id FROM temp.case_search_deferred d "
                            "JOIN enforcement_case c ON c.id = d.rowid ORDER BY d.rowid; "
                            "DROP TABLE temp.case_search_deferred");
    /* A smaller load is left to FTS5's own merging, which costs it nothing here. */
    if (rc == DB_OK && added > 0 && 2 * added >= cases)
        rc = search_merge(db);
    return rc;
}

/* Cases read per batch: their ids are gathered, then each is indexed (a statement
 * stays open on neither engine while the documents are written). */
#define REINDEX_BATCH 1000

int search_reindex(db_t *db, search_progress_fn progress, void *arg, int64_t *count)
{
    int64_t ids[REINDEX_BATCH], total = 0, done = 0, last = 0;
    int rc = q_int64(db, &total, "SELECT COUNT(*) FROM enforcement_case", "");

    *count = 0;
    if (rc != DB_ROW)
        return rc;
    /* Documents of cases that are gone (none should be: cases are never deleted). */
    rc = db_engine(db) == DB_ENGINE_SQLITE
             ? q_exec(db,
                      "DELETE FROM case_search WHERE rowid NOT IN (SELECT id FROM "
                      "enforcement_case)",
                      "")
             : q_exec(db,
                      "DELETE FROM case_search WHERE case_id NOT IN (SELECT id FROM "
                      "enforcement_case)",
                      "");
    if (rc != DB_OK)
        return rc;
    for (;;) {
        db_stmt_t *st = NULL;
        size_t n = 0;

        rc = q_open(db, &st, "SELECT id FROM enforcement_case WHERE id > $1 ORDER BY id LIMIT $2",
                    "ii", last, (int64_t)REINDEX_BATCH);
        if (rc != DB_OK)
            return rc;
        while (n < REINDEX_BATCH && (rc = db_step(st)) == DB_ROW)
            ids[n++] = db_column_int64(st, 0);
        db_finalize(st);
        if (rc != DB_ROW && rc != DB_DONE)
            return rc;
        if (n == 0)
            break;
        for (size_t i = 0; i < n; i++) {
            rc = search_index_case(db, ids[i]);
            if (rc != DB_OK)
                return rc;
        }
        last = ids[n - 1];
        done += (int64_t)n;
        *count = done;
        if (progress != NULL)
            progress(done, total > done ? total : done, arg);
        if (n < REINDEX_BATCH)
            break;
    }
    return search_merge(db);
}

/* ---- terms and ranking ------------------------------------------------------------- */

static int word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

size_t search_terms(const char *q, char terms[SEARCH_MAX_TERMS][SEARCH_TERM_MAX + 1])
{
    size_t n = 0;

    while (q != NULL && *q != '\0' && n < SEARCH_MAX_TERMS) {
        size_t len = 0;

        while (*q != '\0' && !word_char(*q))
            q++;
        while (word_char(q[len]))
            len++;
        if (len == 0)
            break;
        memcpy(terms[n], q, len < SEARCH_TERM_MAX ? len : SEARCH_TERM_MAX);
        terms[n][len < SEARCH_TERM_MAX ? len : SEARCH_TERM_MAX] = '\0';
        n++;
        q += len;
    }
    return n;
}

/* How well the words of text match the terms: per term 2 if a word equals it, 1 if a
 * word only starts with it, 0 if none does. text is folded ([a-z0-9] words). */
static int match_score(const char *text, char terms[][SEARCH_TERM_MAX + 1], size_t n)
{
    int total = 0;

    for (size_t t = 0; t < n; t++) {
        size_t tl = strlen(terms[t]);
        int best = 0;

        for (const char *p = text; *p != '\0' && best < 2;) {
            size_t wl = 0;
            while (*p != '\0' && !word_char(*p))
                p++;
            while (word_char(p[wl]))
                wl++;
            if (wl >= tl && memcmp(p, terms[t], tl) == 0)
                best = wl == tl ? 2 : best > 1 ? best : 1;
            p += wl;
        }
        total += best;
    }
    return total;
}

/* The next word of text at or after *p ([a-z0-9]+): its start, and its length in *len
 * (0 at the end); *p moves past it. */
static const char *next_word(const char **p, size_t *len)
{
    const char *w = *p;

    while (*w != '\0' && !word_char(*w))
        w++;
    *len = 0;
    while (word_char(w[*len]))
        (*len)++;
    *p = w + *len;
    return w;
}

/* 1 if the terms appear in text as consecutive words, in order, each a word or its
 * start: "nguyen van du" in "... nguyen van duc ...". A name typed in order then ranks
 * above the same words spread over several parties. */
static int in_sequence(const char *text, char terms[][SEARCH_TERM_MAX + 1], size_t n)
{
    const char *p = text;
    size_t wl;

    for (const char *w = next_word(&p, &wl); wl > 0; w = next_word(&p, &wl)) {
        const char *q = w;
        size_t t = 0, ql;
        for (const char *x = next_word(&q, &ql); t < n && ql > 0; x = next_word(&q, &ql), t++) {
            size_t tl = strlen(terms[t]);
            if (ql < tl || memcmp(x, terms[t], tl) != 0)
                break;
        }
        if (t == n)
            return 1;
    }
    return 0;
}

/* How many terms the party's name or ID number match (as a word or a word's start). */
static int party_score(const char *name, const char *id_number, char terms[][SEARCH_TERM_MAX + 1],
                       size_t n)
{
    char folded[801 + 32 + 2];
    long len = fold_vi(name, folded, 801);
    int count = 0;

    if (len < 0)
        len = 0;
    folded[len++] = ' ';
    snprintf(folded + len, sizeof folded - (size_t)len, "%s", id_number);
    for (size_t t = 0; t < n; t++)
        count += match_score(folded, &terms[t], 1) > 0;
    return count;
}

typedef struct {
    int64_t id, unit_id;
    civil_date_t received_on;
    int score, year;
    char case_no[CASE_NO_MAX * 4 + 1], state[24], category[24];
    char unit_code[40], unit_name[801], judgment_no[DOC_NO_BYTES];
} candidate_t;

/* Keep the best `cap` candidates, sorted by score; rows arrive newest first, so among
 * equal scores the earlier (newer) one stays ahead. */
static void keep_best(candidate_t *top, size_t *n, size_t cap, const candidate_t *c)
{
    size_t pos = *n;

    while (pos > 0 && top[pos - 1].score < c->score)
        pos--;
    if (pos >= cap)
        return;
    if (*n == cap)
        (*n)--;
    memmove(&top[pos + 1], &top[pos], (*n - pos) * sizeof *top);
    top[pos] = *c;
    (*n)++;
}

/* The parties of one hit, with their scores, gathered before choosing which to show. */
typedef struct {
    int score, order;
    search_party_t p;
} scored_party_t;

typedef struct {
    scored_party_t all[SEARCH_PARTIES_SEEN];
    size_t n;
    char (*terms)[SEARCH_TERM_MAX + 1];
    size_t nterms;
} party_pick_t;

/* Debtors first, then creditors, then the others. */
static int role_order(const char *role)
{
    switch (case_party_role_parse(role)) {
    case CASE_PARTY_ROLE_DEBTOR:
        return 0;
    case CASE_PARTY_ROLE_CREDITOR:
        return 1;
    default:
        return 2;
    }
}

static int collect_party(const case_party_row_t *row, void *arg)
{
    party_pick_t *pp = arg;
    scored_party_t *s;

    if (pp->n == SEARCH_PARTIES_SEEN)
        return 1; /* enough to choose from */
    s = &pp->all[pp->n];
    s->order = (int)pp->n++;
    snprintf(s->p.role, sizeof s->p.role, "%s", row->role);
    snprintf(s->p.full_name, sizeof s->p.full_name, "%s", row->full_name);
    snprintf(s->p.id_number, sizeof s->p.id_number, "%s", row->id_number);
    s->score = party_score(row->full_name, row->id_number, pp->terms, pp->nterms);
    return 0;
}

/* Best score first, then debtors, creditors, related, then as listed. */
static int by_relevance(const void *a, const void *b)
{
    const scored_party_t *x = a, *y = b;

    if (x->score != y->score)
        return y->score - x->score;
    if (role_order(x->p.role) != role_order(y->p.role))
        return role_order(x->p.role) - role_order(y->p.role);
    return x->order - y->order;
}

/* Fill hit's parties: those with the best score if any party matched, else all. */
static int pick_parties(db_t *db, party_pick_t *pp, search_hit_t *hit)
{
    int rc;

    pp->n = 0;
    rc = case_parties_list(db, hit->id, collect_party, pp);
    if (rc != DB_OK)
        return rc;
    qsort(pp->all, pp->n, sizeof pp->all[0], by_relevance);
    hit->parties_matched = pp->n > 0 && pp->all[0].score > 0;
    hit->nparties = 0;
    for (size_t i = 0; i < pp->n && hit->nparties < SEARCH_PARTIES_MAX; i++) {
        if (hit->parties_matched && pp->all[i].score < pp->all[0].score)
            break;
        hit->parties[hit->nparties++] = pp->all[i].p;
    }
    return DB_OK;
}

int search_cases(db_t *db, int64_t root_unit, civil_date_t at, const char *query_folded, int limit,
                 search_hit_fn fn, void *arg)
{
    char terms[SEARCH_MAX_TERMS][SEARCH_TERM_MAX + 1];
    /* the scope's words (SEARCH_SCOPE_WORDS of " OR " "_" and an id), then the terms */
    char match[SEARCH_SCOPE_WORDS * 28 + 8 + SEARCH_MAX_TERMS * (SEARCH_TERM_MAX + 8) + 1];
    size_t nterms = search_terms(query_folded, terms), ntop = 0, at_terms = 0;
    units_scope_t units = {0};
    candidate_t *top = NULL, c;
    search_hit_t *hit = NULL;
    party_pick_t *pp = NULL;
    db_stmt_t *st = NULL;
    char *scope = NULL;
    int rc, best;

    if (nterms == 0 || limit <= 0)
        return DB_OK;
    if (limit > SEARCH_LIMIT_MAX)
        limit = SEARCH_LIMIT_MAX;
    best = 2 * (int)nterms + (nterms > 1 ? SEARCH_IN_SEQUENCE : 0);
    if ((rc = units_scope_ids(db, root_unit, at, &units)) != DB_OK || units.n == 0)
        goto out; /* nobody's cases: nothing to search */
    match[0] = '\0';
    if (db_engine(db) == DB_ENGINE_SQLITE) {
        scope_words(units.ids, units.n, match, sizeof match);
        at_terms = strlen(match);
    }
    match_expression(db, terms, nterms, match + at_terms, sizeof match - at_terms);
    scope = q_id_list(units.ids, units.n);
    top = calloc((size_t)limit, sizeof *top);
    hit = malloc(sizeof *hit);
    pp = malloc(sizeof *pp);
    if (scope == NULL || top == NULL || hit == NULL || pp == NULL) {
        rc = db_fail_nomem(db);
        goto out;
    }
    rc = q_open(db, &st, search_sql(db), "ssi", scope, match, (int64_t)SEARCH_CANDIDATES);
    if (rc != DB_OK)
        goto out;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *body = db_column_text(st, 9);
        memset(&c, 0, sizeof c);
        c.id = db_column_int64(st, 0);
        c.unit_id = db_column_int64(st, 1);
        q_text(st, 2, c.case_no, sizeof c.case_no);
        q_text(st, 3, c.state, sizeof c.state);
        q_text(st, 4, c.category, sizeof c.category);
        c.received_on = q_date(st, 5);
        q_text(st, 6, c.unit_code, sizeof c.unit_code);
        q_text(st, 7, c.unit_name, sizeof c.unit_name);
        q_text(st, 8, c.judgment_no, sizeof c.judgment_no);
        c.year = (int)db_column_int64(st, 10);
        c.score = match_score(body ? body : "", terms, nterms);
        if (nterms > 1 && in_sequence(body ? body : "", terms, nterms))
            c.score += SEARCH_IN_SEQUENCE;
        keep_best(top, &ntop, (size_t)limit, &c);
        /* Rows come newest first and an older row only displaces a kept one with a
         * higher score: once every kept row has the best score there is, the rest of
         * the candidates cannot change the answer (a name typed whole and in order
         * stops after about `limit` rows instead of SEARCH_CANDIDATES). */
        if (ntop == (size_t)limit && top[ntop - 1].score == best) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    if (rc != DB_DONE)
        goto out;

    rc = DB_OK;
    pp->terms = terms;
    pp->nterms = nterms;
    for (size_t i = 0; i < ntop; i++) {
        memset(hit, 0, sizeof *hit);
        hit->id = top[i].id;
        hit->unit_id = top[i].unit_id;
        hit->received_on = top[i].received_on;
        hit->year = top[i].year;
        memcpy(hit->case_no, top[i].case_no, sizeof hit->case_no);
        memcpy(hit->state, top[i].state, sizeof hit->state);
        memcpy(hit->category, top[i].category, sizeof hit->category);
        memcpy(hit->unit_code, top[i].unit_code, sizeof hit->unit_code);
        memcpy(hit->unit_name, top[i].unit_name, sizeof hit->unit_name);
        memcpy(hit->judgment_no, top[i].judgment_no, sizeof hit->judgment_no);
        if ((rc = pick_parties(db, pp, hit)) != DB_OK)
            break;
        if (fn(hit, arg) != 0)
            break;
    }
out:
    free(pp);
    free(hit);
    free(top);
    free(scope);
    free(units.ids);
    return rc;
}

int search_counts(db_t *db, int64_t *cases, int64_t *documents)
{
    int rc = q_int64(db, cases, "SELECT COUNT(*) FROM enforcement_case", "");

    if (rc == DB_ROW)
        rc = q_int64(db, documents, "SELECT COUNT(*) FROM case_search", "");
    return rc == DB_ROW ? DB_OK : rc;
}

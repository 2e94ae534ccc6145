/*
 * ops/case_memo.c — what a bulk load of cases (ops/case_bulk.c) remembers between its
 * cases instead of asking the database again: units and officers already read, and, once
 * asked, the keys of every case number, party and judgment. Every function takes a NULL
 * memo for "ask the database each time", the everyday path.
 */
#include "core/keyset.h"
#include "ops/case_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Units and users as an importer's cases read them (case_bulk_t): a linear search of a
 * few hundred rows is far cheaper than a query. What does not fit is read each time.
 * And, once asked (case_memo_keep_keys), the keys of every case number,
 * party with an ID number and judgment: a new one (most of an import's) is written
 * without a lookup. */
#define MEMO_MAX 256
/* The judgments written last, with their ids: cases of one judgment (its court fee, ex
 * officio, and the private debt) come in together, and the second one's judgment is
 * found here without a lookup (a round trip on PostgreSQL). */
#define MEMO_RECENT 16
typedef struct {
    char *number, *court; /* NULL: an empty slot */
    civil_date_t date;
    int64_t id;
} memo_judgment_t;

struct case_memo {
    unit_row_t units[MEMO_MAX];
    user_row_t users[MEMO_MAX];
    size_t nunits, nusers;
    int keys_wanted, keys_read;               /* case_memo_keep_keys; the sets read */
    keyset_t *case_nos, *parties, *judgments; /* NULL: look each one up */
    memo_judgment_t recent[MEMO_RECENT];      /* a ring; next is the oldest */
    size_t next;
    ledger_sums_t *ledger; /* case_memo_ledger_sums */
};

case_memo_t *case_memo_new(void)
{
    case_memo_t *m = calloc(1, sizeof *m);

    if (m != NULL && (m->ledger = ledger_sums_new()) == NULL) {
        free(m);
        return NULL;
    }
    return m;
}

void case_memo_free(case_memo_t *m)
{
    if (m == NULL)
        return;
    keyset_free(m->case_nos);
    keyset_free(m->parties);
    keyset_free(m->judgments);
    ledger_sums_free(m->ledger);
    for (size_t i = 0; i < MEMO_RECENT; i++)
        free(m->recent[i].number), free(m->recent[i].court);
    free(m);
}

void case_memo_keep_keys(case_memo_t *m)
{
    m->keys_wanted = 1;
}

/* What a case is unique by (cases_find_by_no: unit, year, number), as cases_each_key
 * gives it; what parties_find matches a party on; judgments_find_or_insert a
 * judgment. */
static uint64_t case_no_key(int64_t unit_id, int year, const char *case_no)
{
    char unit[24], y[16];
    const char *parts[] = {unit, y, case_no};

    snprintf(unit, sizeof unit, "%lld", (long long)unit_id);
    snprintf(y, sizeof y, "%d", year);
    return keyset_hash(parts, 3);
}

static uint64_t party_key(const char *kind, const char *id_number)
{
    const char *parts[] = {kind, id_number};
    return keyset_hash(parts, 2);
}

static uint64_t judgment_key(const char *number, civil_date_t date, const char *court)
{
    char on[11];
    const char *parts[] = {number, on, court};

    civil_date_format(date, on);
    return keyset_hash(parts, 3);
}

static int add_key(const char *const *parts, size_t n, void *set)
{
    return keyset_add(set, keyset_hash(parts, n)) != 0;
}

/* The memo's key sets, read at its first case: DB_OK, DB_NOMEM or the error.
 *
 * On PostgreSQL another session may add a party or a judgment while a load runs, which the
 * sets do not show: the load then makes a second party with that ID number. The lookup
 * each time would not close that door either: another session does not see the load's
 * parties until it commits, and makes its own. (A case number is unique in the schema:
 * a duplicate made meanwhile fails the load, all or nothing.) */
int case_memo_read_keys(db_t *db, case_memo_t *m)
{
    int rc = DB_OK;

    if (m->keys_read || !m->keys_wanted)
        return DB_OK;
    if ((m->case_nos = keyset_new()) == NULL || (m->parties = keyset_new()) == NULL ||
        (m->judgments = keyset_new()) == NULL)
        rc = DB_NOMEM;
    else if ((rc = cases_each_key(db, add_key, m->case_nos)) != DB_OK ||
             (rc = parties_each_key(db, add_key, m->parties)) != DB_OK ||
             (rc = judgments_each_key(db, add_key, m->judgments)) != DB_OK)
        rc = rc == DB_DONE ? DB_NOMEM : rc; /* (add_key stops only out of memory) */
    if (rc != DB_OK) {                      /* all or none: the next case tries again */
        keyset_free(m->case_nos);
        keyset_free(m->parties);
        keyset_free(m->judgments);
        m->case_nos = m->parties = m->judgments = NULL;
        return rc;
    }
    m->keys_read = 1;
    return DB_OK;
}

/* cases_find_by_no through the memo (may be NULL): DB_ROW (a case has the number),
 * DB_DONE, or the error. */
int case_memo_find_case(db_t *db, case_memo_t *m, int64_t unit_id, int year, const char *case_no,
                        int64_t *id)
{
    if (m != NULL && m->case_nos != NULL &&
        !keyset_has(m->case_nos, case_no_key(unit_id, year, case_no)))
        return DB_DONE;
    return cases_find_by_no(db, unit_id, year, case_no, id);
}

/* The key of a case just inserted, for case_memo_find_case: DB_OK or DB_NOMEM. */
int case_memo_add_case(case_memo_t *m, int64_t unit_id, int year, const char *case_no)
{
    if (m == NULL || m->case_nos == NULL)
        return DB_OK;
    return keyset_add(m->case_nos, case_no_key(unit_id, year, case_no)) == 0 ? DB_OK : DB_NOMEM;
}

/* The party p is (the one with its ID number, or a new one) through the memo (may be
 * NULL): DB_OK with *made when it was made now, DB_NOMEM or the error. */
int case_memo_party(db_t *db, case_memo_t *m, const party_new_t *p, int64_t now, int64_t *id,
                    int *made)
{
    int numbered = p->id_number != NULL && p->id_number[0] != '\0';
    uint64_t key = numbered ? party_key(p->kind, p->id_number) : 0;
    int rc;

    *made = 0;
    if (numbered && (m == NULL || m->parties == NULL || keyset_has(m->parties, key)) &&
        (rc = parties_find(db, p->kind, p->id_number, id)) != DB_DONE)
        return rc == DB_ROW ? DB_OK : rc;
    if ((rc = parties_insert(db, p, now, id)) != DB_OK)
        return rc;
    *made = 1;
    if (numbered && m != NULL && m->parties != NULL && keyset_add(m->parties, key) != 0)
        return DB_NOMEM;
    return DB_OK;
}

static const memo_judgment_t *recent_judgment(const case_memo_t *m, const char *number,
                                              civil_date_t date, const char *court)
{
    for (size_t i = 0; i < MEMO_RECENT; i++) {
        const memo_judgment_t *j = &m->recent[i];
        if (j->number != NULL && j->date == date && strcmp(j->number, number) == 0 &&
            strcmp(j->court, court) == 0)
            return j;
    }
    return NULL;
}

/* Keep judgment id as the newest of m->recent: DB_OK or DB_NOMEM. */
static int keep_recent(case_memo_t *m, const char *number, civil_date_t date, const char *court,
                       int64_t id)
{
    memo_judgment_t *j = &m->recent[m->next];

    free(j->number), free(j->court);
    *j = (memo_judgment_t){strdup(number), strdup(court), date, id};
    if (j->number == NULL || j->court == NULL) {
        free(j->number), free(j->court);
        *j = (memo_judgment_t){0};
        return DB_NOMEM;
    }
    m->next = (m->next + 1) % MEMO_RECENT;
    return DB_OK;
}

/* judgments_find_or_insert through the memo (may be NULL), as case_memo_party. */
int case_memo_judgment(db_t *db, case_memo_t *m, const char *number, civil_date_t date,
                       const char *court, const char *kind, int64_t now, int64_t *id)
{
    const memo_judgment_t *j;
    uint64_t key;
    int rc;

    if (m == NULL || m->judgments == NULL)
        return judgments_find_or_insert(db, number, date, court, kind, now, id);
    if ((j = recent_judgment(m, number, date, court)) != NULL) {
        *id = j->id;
        return DB_OK;
    }
    key = judgment_key(number, date, court);
    if (keyset_has(m->judgments, key) &&
        (rc = judgments_find(db, number, date, court, id)) != DB_DONE)
        return rc == DB_ROW ? keep_recent(m, number, date, court, *id) : rc;
    if ((rc = judgments_insert(db, number, date, court, kind, now, id)) != DB_OK)
        return rc;
    if (keyset_add(m->judgments, key) != 0)
        return DB_NOMEM;
    return keep_recent(m, number, date, court, *id);
}

ledger_sums_t *case_memo_ledger_sums(case_memo_t *m)
{
    return m != NULL ? m->ledger : NULL;
}

/* units_get, through the memo m (may be NULL). The unit's parent is that of the first
 * date asked for: the case checks do not use it. */
int case_memo_unit(db_t *db, case_memo_t *m, int64_t id, civil_date_t on, unit_row_t *out)
{
    int rc;

    for (size_t i = 0; m != NULL && i < m->nunits; i++)
        if (m->units[i].id == id) {
            *out = m->units[i];
            return DB_ROW;
        }
    rc = units_get(db, id, on, out);
    if (rc == DB_ROW && m != NULL && m->nunits < MEMO_MAX)
        m->units[m->nunits++] = *out;
    return rc;
}

/* users_get, through the memo m (may be NULL). */
int case_memo_user(db_t *db, case_memo_t *m, int64_t id, user_row_t *out)
{
    int rc;

    for (size_t i = 0; m != NULL && i < m->nusers; i++)
        if (m->users[i].id == id) {
            *out = m->users[i];
            return DB_ROW;
        }
    rc = users_get(db, id, out);
    if (rc == DB_ROW && m != NULL && m->nusers < MEMO_MAX)
        m->users[m->nusers++] = *out;
    return rc;
}

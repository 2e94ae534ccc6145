/*
 * store/cases.h — cases, their parties and items, their hash-chained event logs,
 * deadlines and statistics deltas. The rules are the caller's (api/case_ops.c).
 */
#ifndef THADS_STORE_CASES_H
#define THADS_STORE_CASES_H

#include "core/case_engine.h"
#include "core/civil_date.h"
#include "core/rules.h"
#include "store/chain.h"
#include "store/db.h"

#include <stdint.h>

#define CASE_NO_MAX 64
/* Bytes to hold a judgment or document number: 64 characters (api/case_ops.c) of up to 4
 * bytes each, and the NUL. */
#define DOC_NO_BYTES (64 * 4 + 1)

typedef struct {
    int64_t id, unit_id, judgment_id, officer_user_id;
    char case_no[CASE_NO_MAX * 4 + 1];
    int year; /* of the decision numbered case_no: numbers restart every year */
    char source[16], category[24], state[24], stat_bucket[24];
    civil_date_t received_on, decided_on, state_on, last_event_on, next_due_on;
    int64_t amount_vnd, collected_vnd, paid_vnd;
    int64_t event_seq;
    char last_hash[CHAIN_HASH_HEX];
    /* joined for display */
    char unit_code[40], unit_name[801];
    char judgment_no[DOC_NO_BYTES], court_name[801];
    civil_date_t judgment_date;
    char officer_name[481];
    char resume_state[24]; /* postponed, suspended: where continuing returns; "" */
    /* the special categories fixed at creation (core/stat_flags.h: credit, corruption),
     * and STAT_FLAG_PRISONER when a debtor is in the prison register (migration 0014) */
    int flags;
} case_row_t;

/* A new case's id, taken before it is written: the hash chain of its first events covers
 * the id, so a case is inserted once, already in the state its events leave it. SQLite:
 * the next rowid, stable within the caller's write transaction (one writer at a time);
 * PostgreSQL: the id column's sequence. */
int cases_next_id(db_t *db, int64_t *id);
/* For a caller that chains many new cases' events before inserting them (an importer,
 * on another thread): the first of the ids the caller's write transaction may give new
 * cases, in increasing order, skipping any — the ids past the largest, on SQLite, whose
 * write transaction excludes every other writer. 0 on PostgreSQL, whose ids come from a
 * sequence other transactions share: there, cases_next_id for each case. */
int cases_first_free_id(db_t *db, int64_t *first);
/* The largest case id, 0 with none: about how many cases the database holds (rows refused
 * or deleted leave gaps). DB_OK or the error. */
int cases_max_id(db_t *db, int64_t *max);

/*
 * A bulk load of new cases (an importer, in its write transaction) may drop the indexes
 * that no check of a new case reads — the case lists' (unit and state, officer, date
 * received), parties' by camp, case links' by party, items', deadlines', the per-case
 * statistics' (drill-down), the ledger's by case and account, PostgreSQL's search GIN —
 * and build them again before it commits: one sort each instead of an insertion at a
 * random place for every row, which at a million rows is most of what those indexes cost.
 * On PostgreSQL it drops as well the references between the tables it writes (an event's,
 * a link's, an item's, a ledger entry's to its case, party, transaction, account), each
 * looked up row by row at about 3 µs, and adds them again at the end: PostgreSQL then
 * checks every row in one join, and a reference to nothing fails the build, so the load.
 * (SQLite's load has its references off: db_bulk_begin.) The references to units and
 * users stay: dropping one would lock the unit or user table against every reader.
 * The definitions are kept from the schema itself (sqlite_master, pg_indexes,
 * pg_constraint). Within the transaction, so a rollback restores them. On PostgreSQL a
 * dropped index holds its table's exclusive lock until the commit: every reader waits.
 */
typedef struct cases_deferred cases_deferred_t;
int cases_deferred_drop(db_t *db, cases_deferred_t **out);
/* Build the dropped indexes and add the dropped references again, and free the set (NULL:
 * nothing to do). DB_CONSTRAINT when a row written meanwhile refers to nothing. */
int cases_deferred_build(db_t *db, cases_deferred_t *set);
/* Free the set without building (the transaction rolls back). */
void cases_deferred_free(cases_deferred_t *set);

/* The projection after an event. */
typedef struct {
    const char *state, *stat_bucket;
    civil_date_t state_on, decided_on, last_event_on;
    int64_t amount_vnd, collected_vnd, paid_vnd;
    int64_t event_seq; /* the chain's head after the events (case_events_insert) */
    const char *last_hash;
    civil_date_t next_due_on; /* the earliest open deadline, CIVIL_DATE_INVALID if none */
    const char *resume_state; /* postponed, suspended: where continuing returns; NULL */
} case_projection_t;

typedef struct {
    int64_t id; /* from cases_next_id */
    int64_t unit_id, judgment_id, officer_user_id;
    const char *case_no, *source, *category;
    int year; /* of the decision numbered case_no: with unit and case_no, the case's key */
    civil_date_t received_on;
    int flags; /* case_row_t.flags */
} case_new_t;

/* Insert case c as projection p leaves it (its events are the caller's to insert). */
int cases_insert(db_t *db, const case_new_t *c, const case_projection_t *p, int64_t now);
/* DB_ROW found, DB_DONE not. */
int cases_get(db_t *db, int64_t id, case_row_t *out);
/* The same, and whether the case's unit is in the scope of a user of root today
 * (units_is_within_now): DB_ROW with *yes, DB_DONE (no such case, *yes 0) or the error.
 * What every request about one case asks first; on PostgreSQL in one round trip. */
int cases_get_within_now(db_t *db, int64_t id, int64_t root, civil_date_t today, case_row_t *out,
                         int *yes);
/* Lock the case row until the transaction ends (a no-op update: the one spelling of
 * a row lock both engines accept), so the state read next cannot change under us. */
int cases_lock(db_t *db, int64_t id);
/* The case numbered case_no in unit_id's decisions of year: DB_ROW (*id), DB_DONE or the
 * error. A case is unique by the three (decision numbers restart every year). */
int cases_find_by_no(db_t *db, int64_t unit_id, int year, const char *case_no, int64_t *id);
/* Called with what a row is found by: its n parts as text; nonzero stops the walk. */
typedef int (*db_key_fn)(const char *const *parts, size_t n, void *arg);
/* Every case's (unit_id, year, both in decimal, case_no). DB_OK, DB_DONE (stopped) or the
 * error. */
int cases_each_key(db_t *db, db_key_fn fn, void *arg);

/* A case for the agency receiving an entrustment: the source's judgment, source,
 * category and parties, a new number in to_unit (of its decisions of year), received on
 * received_on, in
 * `state`/`bucket`, with amount_vnd to enforce. Items are the caller's to add. */
int cases_copy_for_entrustment(db_t *db, int64_t source_id, int64_t to_unit, const char *case_no,
                               int year, civil_date_t received_on, const char *state,
                               const char *bucket, int64_t amount_vnd, int64_t now, int64_t *id);

/* Write the projection and the chain's head. The officer is not part of it: see
 * cases_set_officer (an UPDATE that sets no foreign key column needs no statement
 * journal in SQLite, which is most of its cost when thousands run in a transaction). */
int cases_set_projection(db_t *db, int64_t id, const case_projection_t *p);
/* The case's officer (0: none). */
int cases_set_officer(db_t *db, int64_t id, int64_t officer_user_id);

/* Judgments: the existing one with the same number, date and court, or a new one. */
int judgments_find_or_insert(db_t *db, const char *number, civil_date_t date,
                             const char *court_name, const char *kind, int64_t now, int64_t *id);
/* Its two halves: DB_ROW (*id the first) or DB_DONE; DB_OK. */
int judgments_find(db_t *db, const char *number, civil_date_t date, const char *court_name,
                   int64_t *id);
int judgments_insert(db_t *db, const char *number, civil_date_t date, const char *court_name,
                     const char *kind, int64_t now, int64_t *id);

/* Every judgment's (number, judgment_date as YYYY-MM-DD, court_name). As
 * cases_each_key. */
int judgments_each_key(db_t *db, db_key_fn fn, void *arg);

typedef struct {
    const char *kind, *full_name, *id_number, *address;
    civil_date_t birth_date;
    int64_t camp_unit_id;
    const char *prisoner_no;
} party_new_t;
/* A person or organization with the same ID number is the same party (found, not
 * duplicated: the ops' case_memo_party); without an ID number a new party is made.
 * DB_ROW (*id the first with it) or DB_DONE; DB_OK. */
int parties_find(db_t *db, const char *kind, const char *id_number, int64_t *id);
int parties_insert(db_t *db, const party_new_t *p, int64_t now, int64_t *id);
/* The name party id is on file under, into name (len bytes): DB_ROW, DB_DONE or the
 * error. */
int parties_name(db_t *db, int64_t id, char *name, size_t len);
/* Every party's (kind, id_number) that has an ID number. As cases_each_key. */
int parties_each_key(db_t *db, db_key_fn fn, void *arg);
/* Link a new case to a party in a role, once (a second link of the same is a constraint
 * error; on a bulk load's connection, at its commit: q_append). */
int cases_add_party(db_t *db, int64_t case_id, int64_t party_id, const char *role);
int cases_add_item(db_t *db, int64_t case_id, const char *content_type, const char *description,
                   int64_t amount_vnd, int64_t creditor_party_id, int payment_rank, int64_t *id);

/* ---- the event log ---- */
typedef struct {
    const char *type;
    civil_date_t occurred_on;
    int64_t recorded_at, actor_user_id;
    const char *document_no; /* may be NULL */
    const char *payload;     /* JSON text */
    const char *state_after;
} case_event_new_t;

/* The hash of event seq of case case_id chained after prev (the hash of event seq - 1,
 * or chain_genesis): what case_events_insert stores and `thads fsck` recomputes. DB_OK,
 * or DB_NOMEM. */
int case_event_hash(int64_t case_id, int64_t seq, const char *prev, const case_event_new_t *e,
                    char hash[CHAIN_HASH_HEX]);
/* Append event seq, hashed by case_event_hash, to the case's chain. The caller holds the
 * case row's lock (see cases_lock) and read its head, or inserts the case in this
 * transaction; it writes the new head (cases_set_projection, cases_insert) in the same
 * transaction. */
int case_events_insert(db_t *db, int64_t case_id, int64_t seq, const char *prev,
                       const case_event_new_t *e, const char *hash);

typedef struct {
    int64_t case_id, seq, recorded_at, actor_user_id;
    char type[32], state_after[24];
    civil_date_t occurred_on;
    char document_no[DOC_NO_BYTES];
    /* JSON: a reason of 1000 characters of up to 4 bytes, every quote escaped, and keys */
    char payload[8192];
    char actor_name[481];
} case_event_row_t;
typedef int (*case_event_fn)(const case_event_row_t *e, void *arg);
int case_events_list(db_t *db, int64_t case_id, case_event_fn fn, void *arg);
/* The same in halves: the statement sent (db_send), for a caller that sends its next read
 * before it reads this one (GET /api/cases/{id}/events: the case and its scope), then read
 * into fn and finalized; db_finalize gives it back unread. */
int case_events_send(db_t *db, int64_t case_id, db_stmt_t **st);
int case_events_take(db_stmt_t *st, case_event_fn fn, void *arg);

/* Verify every case's chain. DB_OK intact; DB_ERROR with the case and event at fault
 * in msg. The counts of cases and events checked are returned too. */
int case_events_verify(db_t *db, int64_t *cases, int64_t *events, char *msg, size_t msglen);

/* A deadline row as the case engine plays it (core/case_engine.h): inserted in its final
 * state (closed_seq 0 and outcome NULL while open), or updated by id. */
typedef case_deadline_t deadline_state_t;
/* The open deadlines of a case, oldest first (id, rule, officer, opened_seq, dates). */
typedef int (*deadline_state_fn)(const deadline_state_t *d, void *arg);
int deadlines_open_of_case(db_t *db, int64_t case_id, deadline_state_fn fn, void *arg);
/* Insert d for the case (d->id is ignored) or, when d->id != 0, write its officer and
 * closing (closed_seq, closed_on, outcome). */
int deadlines_insert(db_t *db, int64_t case_id, int64_t unit_id, const deadline_state_t *d);
int deadlines_update(db_t *db, const deadline_state_t *d);

/* ---- statistics ---- */
/* Add a signed delta to (unit, day, category, flags, bucket). */
int stat_delta_add(db_t *db, int64_t unit_id, civil_date_t day, const char *category, int flags,
                   const char *bucket, int64_t cases, int64_t amount_vnd);
/* A bulk writer's summed deltas, a row per key (each key once): stat_delta_load_begin,
 * stat_delta_load for each, stat_delta_load_end, in one transaction; what stat_delta_add
 * of each would do. rollup_paused: the caller paused the monthly rollup
 * (stat_month_pause) over the writes, so its trigger has nothing to do. */
int stat_delta_load_begin(db_t *db);
int stat_delta_load(db_t *db, int64_t unit_id, civil_date_t day, const char *category, int flags,
                    const char *bucket, int64_t cases, int64_t amount_vnd);
int stat_delta_load_end(db_t *db, int rollup_paused);
/* Set a case's flags (case_row_t.flags). */
int cases_set_flags(db_t *db, int64_t case_id, int flags);

/* ---- lists (store/case_lists.c) ---- */

typedef struct {
    int64_t root_unit; /* the caller's subtree */
    civil_date_t today;
    int64_t unit_id;                         /* 0: whole subtree; else this unit's subtree */
    const char *state;                       /* NULL: any */
    const char *category;                    /* NULL: any */
    int64_t officer_user_id;                 /* 0: any */
    int overdue;                             /* 1: only cases with a deadline past today */
    int eligible;                            /* 0 any, 1 eligible (D1-D5), 2 not yet eligible */
    civil_date_t received_from, received_to; /* CIVIL_DATE_INVALID: open */
    int64_t before_id; /* cursor: cases with id < before_id (0: from the newest) */
    int limit;
} case_filter_t;

typedef int (*case_row_fn)(const case_row_t *c, void *arg);
int cases_list(db_t *db, const case_filter_t *f, case_row_fn fn, void *arg);

typedef struct {
    int64_t party_id;
    char role[16], kind[16], full_name[801], id_number[32], address[1201];
    int64_t camp_unit_id;
} case_party_row_t;
typedef int (*case_party_fn)(const case_party_row_t *p, void *arg);
int case_parties_list(db_t *db, int64_t case_id, case_party_fn fn, void *arg);

typedef struct {
    int64_t id, amount_vnd, creditor_party_id;
    char content_type[24], description[2001];
    int payment_rank;
} case_item_row_t;
typedef int (*case_item_fn)(const case_item_row_t *i, void *arg);
int case_items_list(db_t *db, int64_t case_id, case_item_fn fn, void *arg);

typedef struct {
    int64_t id, case_id, unit_id, officer_user_id, opened_seq, closed_seq;
    char rule_id[RULES_ID_MAX + 1], outcome[16], case_no[257], officer_name[481], unit_code[40];
    civil_date_t trigger_on, due_on, closed_on;
} deadline_row_t;
typedef int (*deadline_fn)(const deadline_row_t *d, void *arg);
/* All deadlines of one case, oldest first. */
int deadlines_of_case(db_t *db, int64_t case_id, deadline_fn fn, void *arg);

/* What a case's page shows besides the case: its parties, items and deadlines (to the
 * callbacks, in the orders of the functions above) and its pending coercions and
 * complaints (stat_case_pending). case_detail_send sends their four statements (db_send)
 * without reading them, so that the caller's next reads (cases_get_within_now) go in the
 * same round trip on PostgreSQL; case_detail_take then reads them into the callbacks, or
 * case_detail_drop gives them back unread. Zero r before the send; DB_OK or the first
 * error, and nothing is left open after a failed send or any take. */
typedef struct {
    case_party_fn party;
    void *party_arg;
    case_item_fn item;
    void *item_arg;
    deadline_fn deadline;
    void *deadline_arg;
    int64_t coercions, complaints; /* out */
    db_stmt_t *st[4];
} case_detail_reads_t;
int case_detail_send(db_t *db, int64_t case_id, case_detail_reads_t *r);
int case_detail_take(case_detail_reads_t *r);
void case_detail_drop(case_detail_reads_t *r);
/* The worklist's page: open deadlines due on or before `until`, of one officer or of the
 * subtree of root_unit on `today`, of one rule or all, soonest first (due_on, id), after
 * the cursor. */
typedef struct {
    int64_t root_unit;
    int64_t officer_user_id; /* 0: the whole subtree */
    civil_date_t today, until;
    int64_t after_id;       /* cursor: the last row of the page before (0: the first page) */
    civil_date_t after_due; /* and its due_on (deadlines_cursor) */
    const char *rule_id;    /* NULL: every rule's */
    int limit;
} deadline_filter_t;
/* At most f->limit rows; costs O(page + units x log n) (docs/internals/store.md). */
int deadlines_worklist(db_t *db, const deadline_filter_t *f, deadline_fn fn, void *arg);
/* A worklist cursor's due day and unit: DB_ROW, DB_DONE when deadline id is none. */
int deadlines_cursor(db_t *db, int64_t id, civil_date_t *due_on, int64_t *unit_id);
/* For tests: each line of the plan of every statement the case list and the worklist run
 * (EXPLAIN QUERY PLAN's detail on SQLite, EXPLAIN's lines on PostgreSQL), with the
 * statement's name. A page must cost the page: docs/internals/store.md. */
int case_lists_explain(db_t *db, civil_date_t today, db_plan_fn fn, void *arg);

/* Procedure violations: per unit and officer, deadlines met late in [from, to] and
 * deadlines still open past due on `today`. */
typedef struct {
    int64_t unit_id, officer_user_id, late, overdue;
    char unit_code[40], unit_name[801], officer_name[481];
} violation_row_t;
typedef int (*violation_fn)(const violation_row_t *v, void *arg);
int deadlines_violations(db_t *db, int64_t root, civil_date_t today, civil_date_t from,
                         civil_date_t to, violation_fn fn, void *arg);

/* Open deadlines past due, per unit (for /metrics): count and unit code. */
typedef int (*overdue_count_fn)(const char *unit_code, int64_t count, void *arg);
int deadlines_overdue_by_unit(db_t *db, civil_date_t today, overdue_count_fn fn, void *arg);
#endif

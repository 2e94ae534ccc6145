/*
 * ops/case_internal.h — private to the case operations (ops/case_*.c): the work of one
 * call (case_work.c), the memo of a bulk load (case_memo.c), and the draft of a new case
 * that the everyday path (case_ops.c) and the bulk load (case_bulk.c) share.
 */
#ifndef THADS_OPS_CASE_INTERNAL_H
#define THADS_OPS_CASE_INTERNAL_H

#include "core/case_engine.h"
#include "core/ledger_sums.h"
#include "core/stat_sum.h"
#include "ops/app.h"
#include "ops/case_ops.h"
#include "ops/op.h"
#include "store/cases.h"
#include "store/units.h"
#include "store/users.h"

/* ---- the memo (case_memo.c); every function takes NULL: ask the database ---- */
typedef struct case_memo case_memo_t;
case_memo_t *case_memo_new(void);
void case_memo_free(case_memo_t *m);
/* From the next case on, also keep the keys of every case number, party with an ID
 * number and judgment (read then, O(rows of the database)). */
void case_memo_keep_keys(case_memo_t *m);
/* The key sets, read at the first case after case_memo_keep_keys: DB_OK, DB_NOMEM or the
 * error. */
int case_memo_read_keys(db_t *db, case_memo_t *m);
/* cases_find_by_no through the memo: DB_ROW (a case has the unit, year and number),
 * DB_DONE, or the error. */
int case_memo_find_case(db_t *db, case_memo_t *m, int64_t unit_id, int year, const char *case_no,
                        int64_t *id);
/* The key of a case just inserted: DB_OK or DB_NOMEM. */
int case_memo_add_case(case_memo_t *m, int64_t unit_id, int year, const char *case_no);
/* A duplicate case's refusal naming its number and year (msg: MSG_DUPLICATE_CASE_NO,
 * MSG_ENTRUST_DUPLICATE_CASE_NO), at field case_no. */
int case_refuse_duplicate(op_error_t *err, message_id_t msg, const char *case_no, int year);
/* The party p is, found by its ID number or made (*made): DB_OK, DB_NOMEM or the error;
 * judgments_find_or_insert through the memo: DB_OK, DB_NOMEM or the error. */
int case_memo_party(db_t *db, case_memo_t *m, const party_new_t *p, int64_t now, int64_t *id,
                    int *made);
int case_memo_judgment(db_t *db, case_memo_t *m, const char *number, civil_date_t date,
                       const char *court, const char *kind, int64_t now, int64_t *id);
/* The sums of the load's lines to its units' own accounts (ledger_post_summing); NULL
 * for a NULL memo. */
ledger_sums_t *case_memo_ledger_sums(case_memo_t *m);
/* units_get, users_get through the memo: DB_ROW, DB_DONE or the error. */
int case_memo_unit(db_t *db, case_memo_t *m, int64_t id, civil_date_t on, unit_row_t *out);
int case_memo_user(db_t *db, case_memo_t *m, int64_t id, user_row_t *out);

/* Text of at most max characters, required or not, checked as the engine checks an
 * event's (case_check_text): 0 or the refusal naming field. */
int case_op_check_text(op_error_t *err, const char *field, const char *s, size_t max, int required);

/* The officer must be an active enforcement officer of the case's unit, or of a unit
 * above or below it that day (case_ops.c). 0 or the refusal. */
int case_check_officer(db_t *db, case_memo_t *memo, int64_t officer, int64_t unit_id,
                       civil_date_t on, op_error_t *err);

/* ---- the work of one call (case_work.c) ---- */
/* Events one call may record, besides a case's first (case_op_create_with). */
#define CASE_WORK_MAX_EVENTS CASE_MAX_EVENTS_AT_ONCE
/* Delta rows one call may touch: those of each event's verdict. */
#define CASE_WORK_MAX_DELTAS ((size_t)CASE_VERDICT_MAX_DELTAS * (CASE_WORK_MAX_EVENTS + 1))

typedef struct {
    civil_date_t day;
    const char *bucket; /* static: a case_stat_code(), "money_collected", "money_paid" */
    int64_t cases, amount_vnd;
    int summed; /* added to a bulk load's sums (case_bulk_prepare): not written here */
} case_work_delta_t;

/* A check an event needs the database for, made after the events are played (see
 * case_work_check_officers): the officer of an assigned event. */
typedef struct {
    size_t event; /* its index in the call */
    int64_t officer_user_id;
    civil_date_t on;
} case_work_check_t;

typedef struct {
    case_row_t c;     /* the case's row: identity, display, and at case_work_seal the projection */
    case_play_t play; /* the case as the events played so far leave it (core/case_engine.h) */
    case_rules_t rules;
    int64_t seq0; /* the head before them: event_seq and last_hash */
    char hash0[CHAIN_HASH_HEX];
    case_event_new_t events[CASE_WORK_MAX_EVENTS + 1];     /* payloads owned */
    char hashes[CASE_WORK_MAX_EVENTS + 1][CHAIN_HASH_HEX]; /* case_work_seal */
    size_t nevents;
    int synthesized;     /* a history rebuilt by an importer (case_bulk_t) */
    case_memo_t *memo;   /* a bulk load's memo, or NULL */
    int officer_changed; /* by an assigned event */
    case_work_delta_t deltas[CASE_WORK_MAX_DELTAS];
    size_t ndeltas;
    case_work_check_t checks[CASE_WORK_MAX_EVENTS];
    size_t nchecks;
    /* each event's money, posted to the ledger as the events are written (money_post) */
    struct {
        case_money_kind_t kind; /* 0: the event moves none */
        int64_t amount_vnd;
        struct money_doc *doc;
    } money[CASE_WORK_MAX_EVENTS + 1];
} case_work_t;

/* A work for case c (its head as read under the row lock, or a new case's), judged by
 * the app's rules as of today. NULL out of memory. */
case_work_t *case_work_new(const case_row_t *c, const app_t *app, civil_date_t today);
void case_work_free(case_work_t *w);
/* Add the case's open deadlines, as stored, to p: DB_OK, DB_NOMEM (p then holds part of
 * them: give it up) or the store error. */
int case_play_load_open(db_t *db, int64_t case_id, case_play_t *p);
/* The open deadlines of an existing case, which the events start from. */
int case_work_load_deadlines(db_t *db, case_work_t *w, op_error_t *err);
/* The case's first event (received, entrustment_received); payload is taken over. */
int case_work_start(case_work_t *w, case_event_t e, char *payload, civil_date_t on,
                    const char *document_no, int64_t actor, int64_t now, op_error_t *err);
/* One event, the index-th of its call, judged by the engine and played on the work: 0
 * or the refusal (the work is then to be thrown away). */
int case_work_event(case_work_t *w, const case_event_input_t *in, size_t index, int64_t actor,
                    int64_t now, op_error_t *err);
/* The officers of the assigned events among the first `upto`: 0, or the refusal of the
 * first with *failed (may be NULL) its index. */
int case_work_check_officers(db_t *db, const case_work_t *w, size_t upto, size_t *failed,
                             op_error_t *err);
/* Chain the events (the case's id known) and bring the row to the play's projection. */
int case_work_seal(case_work_t *w, op_error_t *err);
case_projection_t case_work_projection(const case_work_t *w);
/* Write a sealed work's events, deadlines and deltas (the case row is the caller's). */
int case_work_write_log(db_t *db, case_work_t *w, op_error_t *err);
/* Seal, write the log, then the existing case row's projection and head. */
int case_work_write(db_t *db, case_work_t *w, op_error_t *err);
/* Add the deltas to sum (marking those added, which case_work_write_log then skips): 0,
 * or -1 out of memory. For a refused case, write them back negated. */
int case_work_sum_deltas(case_work_t *w, stat_sum_t *sum);
int case_work_unsum_deltas(db_t *db, const case_work_t *w, op_error_t *err);
/* An engine's refusal as an operation's. */
int case_engine_refused(op_error_t *err, const case_refusal_t *why);

/* ---- an event's payload (case_payload.c) ---- */
/* The JSON text stored with event in (NULL out of memory; free() it). */
char *case_event_payload_write(const case_event_input_t *in);
/* Fill in's payload fields from text, the reason into reason (reason_len bytes; in->reason
 * is the caller's to point at it): 0, or -1 when text is not JSON. */
int case_event_payload_read(const char *text, case_event_input_t *in, char *reason,
                            size_t reason_len);

/* ---- a new case's draft (case_ops.c) ---- */
/* Play a new case and its events in memory (no database): the field checks, the events
 * (chained under id when id > 0), the search document. synthesized: a history rebuilt by
 * an importer; stats: where to add its deltas (NULL: written with the case). A refusal
 * of an event is kept in the draft, told by case_draft_insert. */
int case_draft_play(const app_t *app, const case_input_t *in, const case_event_input_t *events,
                    size_t nevents, int64_t id, int64_t actor, civil_date_t today, int64_t now,
                    int synthesized, stat_sum_t *stats, case_draft_t **out, op_error_t *err);
/* The checks needing the database, then the kept refusal if any, else write the case;
 * a refused case's summed deltas are written back negated. */
int case_draft_insert(db_t *db, case_draft_t *d, case_memo_t *memo, case_row_t *out, size_t *failed,
                      op_error_t *err);

#endif

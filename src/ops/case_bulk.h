/*
 * ops/case_bulk.h — a bulk load of new cases for an importer: every rule of
 * case_op_create_with for each case, with what many cases in one write transaction can
 * share (ops/case_bulk.c says what). Playing a case needs no database and may run on
 * another thread than writing it:
 *
 *   case_bulk_t *b = case_bulk_new();
 *   reading thread:  case_bulk_prepare(b, ...) for each row         (b's sums)
 *   writing thread:  case_bulk_insert(b, db, draft, ...) in order  (b's memo), then
 *                    case_draft_free(draft); case_bulk_keep_keys(b) once it has written
 *                    about as many cases as the database held
 *   at the end:      case_bulk_write_sums(b, db, ...) before the commit; case_bulk_free(b)
 *
 * The write transaction must not change units or users meanwhile; on SQLite it keeps
 * every other writer out, which the key sets rely on (on PostgreSQL, see
 * case_memo_read_keys).
 */
#ifndef THADS_OPS_CASE_BULK_H
#define THADS_OPS_CASE_BULK_H

#include "ops/case_ops.h"

typedef struct case_bulk case_bulk_t;

/* NULL when out of memory. */
case_bulk_t *case_bulk_new(void);
void case_bulk_free(case_bulk_t *b);
/* From the next case on, also keep the keys of every case number, party with an ID
 * number and judgment (read then, O(rows of the database)). */
void case_bulk_keep_keys(case_bulk_t *b);

/*
 * Play a new case with its events (at most CASE_MAX_EVENTS_AT_ONCE) in memory, as a
 * history rebuilt from another system's records: only the deadlines it leaves open will
 * be written. Its statistics deltas go to b's sums. id > 0: an id taken in advance
 * (cases_first_free_id), under which the events are chained here. Refuses what needs no
 * database (invalid fields, dates); a refusal of an event is kept in the draft and told
 * by case_bulk_insert, so refusals come in the order case_op_create_with gives them.
 * in, what it points to, and events must live until case_bulk_insert returns.
 */
int case_bulk_prepare(case_bulk_t *b, const app_t *app, const case_input_t *in,
                      const case_event_input_t *events, size_t nevents, int64_t id, int64_t actor,
                      civil_date_t today, int64_t now, case_draft_t **out, op_error_t *err);
/* The checks needing the database (unit, officers, duplicate number), then the kept
 * refusal, else write the case: as case_op_create_with, *failed the index of a refused
 * event or nevents. A refused case's deltas are taken back out of the sums' total. */
int case_bulk_insert(case_bulk_t *b, db_t *db, case_draft_t *d, case_row_t *out, size_t *failed,
                     op_error_t *err);
/* Write what the load summed, and empty the sums: the changes to its units' own ledger
 * accounts (on PostgreSQL: ledger_post_summing), each account once, refused with
 * MSG_TILL_SHORT when a balance would go below zero; and the statistics deltas, each
 * (unit, day, category, bucket) once. The monthly stock (store/stat_month.h) follows: by its
 * triggers when they would write at most CASE_BULK_ROLLUP_ROWS of its (key, month) rows, else with
 * the triggers paused and the touched units' rows computed again once at the end, in the caller's
 * transaction (a historical import: each old delta would add to every later month of its key). */
#define CASE_BULK_ROLLUP_ROWS 200000
int case_bulk_write_sums(case_bulk_t *b, db_t *db, op_error_t *err);
/* Change that limit (tests: 0 takes the paused path for any deltas). */
void case_bulk_rollup_rows(case_bulk_t *b, int64_t rows);

#endif

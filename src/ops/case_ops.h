/*
 * ops/case_ops.h — opening a case and recording its events, with every rule that
 * applies: the state machine (core/case.h), legal deadlines (core/case_deadline.h,
 * core/rules.h), the case row's projection, statistics deltas, and the case's hash
 * chain. Shared by the API, the importer and the demo generator. Each runs inside
 * the caller's transaction; the caller audits.
 */
#ifndef THADS_OPS_CASE_OPS_H
#define THADS_OPS_CASE_OPS_H

#include "ops/app.h"
#include "ops/op.h"
#include "core/case.h"
#include "core/case_engine.h"
#include "store/cases.h"

#include <stddef.h>
#include <stdint.h>

/* Limits of a new case's texts, in characters: one place for the checks here and the
 * API's declarations (api/schemas.c). An event's are in core/case_engine.h. */
#define CASE_JUDGMENT_NO_MAX      64
#define CASE_COURT_MAX            200
#define CASE_PARTY_NAME_MAX       200
#define CASE_ADDRESS_MAX          300
#define CASE_ITEM_DESCRIPTION_MAX 500

#define CASE_MAX_PARTIES 64
#define CASE_MAX_ITEMS   64
/* Events one call may record (case_op_create_with, case_op_events_on). */
#define CASE_MAX_EVENTS_AT_ONCE      16
#define CASE_MAX_EVENTS_AT_ONCE_TEXT "16"

typedef struct {
    const char *role; /* creditor, debtor, related */
    party_new_t p;
} case_party_input_t;

typedef struct {
    const char *content_type, *description;
    int64_t amount_vnd;
    int creditor; /* index into parties (a creditor), or -1 for the State budget */
    int payment_rank;
} case_item_input_t;

/* What a new case was written with but its creator should look at: a party found by its
 * ID number whose name on file differs from the name given (after Vietnamese folding,
 * core/fold.h), the ID number perhaps mistyped. The case is attached to the party on
 * file, whose name is kept: never overwritten by the name given. */
#define CASE_WARNING_PARTY_NAME "party_name_differs"
typedef struct {
    const char *code; /* CASE_WARNING_PARTY_NAME */
    char field[48];   /* parties[i].full_name */
    size_t party;     /* i */
    char name_on_file[801];
} case_warning_t;
typedef struct {
    size_t n;
    case_warning_t w[CASE_MAX_PARTIES];
} case_warnings_t;
/* The warning's text in Vietnamese (en 0) or English, naming the ID number and both
 * names (given: the name the case gave). */
void case_warning_text(const case_warning_t *w, const char *id_number, const char *given, int en,
                       char *buf, size_t len);

typedef struct {
    int64_t unit_id;
    const char *case_no, *source, *category;
    /* The year of the decision to enforce numbered case_no (numbers restart every year; a
     * case is unique by unit, year and number), fixed at creation: from the year received
     * (the decision follows receipt, THADS.md 3.3 D4/D6) to this year. 0: the year of
     * received_on. */
    int year;
    civil_date_t received_on;
    const char *judgment_no, *court_name, *judgment_kind;
    civil_date_t judgment_date;
    const case_party_input_t *parties;
    size_t nparties;
    const case_item_input_t *items;
    size_t nitems;
    int64_t officer_user_id; /* 0: not yet assigned */
    /* Special categories beyond the category's own (core/stat_flags.h, STAT_FLAGS_STATIC
     * bits): a bank's claim in a criminal judgment is criminal_civil and credit. The case
     * gets these | stat_flags_of_category(category), fixed for its life. */
    int flags;
    /* Where to tell the warnings of a case written (NULL: not wanted; emptied first). */
    case_warnings_t *warnings;
} case_input_t;

/* Refusals: OP_INVALID: invalid fields (named); OP_NOT_FOUND: unit, officer; OP_CONFLICT: duplicate
 * case number in the unit's decisions of that year; OP_UNPROCESSABLE: a year outside the one
 * received .. this year, a unit that does not enforce or did not exist that
 * day, dates out of order or in the future, an officer outside the case's unit. */
int case_op_create(db_t *db, const app_t *app, const case_input_t *in, int64_t actor,
                   civil_date_t today, int64_t now, int64_t *id, op_error_t *err);

/* The event recorded: case_event_input_t, core/case_engine.h. */

/* Refusals: OP_INVALID: invalid or missing fields; OP_NOT_FOUND: case, officer; OP_CONFLICT: a
 * transition the law does not allow (the reason names state and event), money beyond what is held;
 * OP_UNPROCESSABLE: dates before the case's last change or in the future, a voluntary period still
 * running. */
int case_op_event(db_t *db, const app_t *app, int64_t case_id, const case_event_input_t *in,
                  int64_t actor, civil_date_t today, int64_t now, int64_t *seq, op_error_t *err);

/* case_op_create, with the case as it now stands into *out (its display fields: the
 * unit's code and name, the judgment's; not the officer's name). */
int case_op_create_into(db_t *db, const app_t *app, const case_input_t *in, int64_t actor,
                        civil_date_t today, int64_t now, case_row_t *out, op_error_t *err);

/*
 * Open a case and record its first events (at most CASE_MAX_EVENTS_AT_ONCE), as
 * case_op_create followed by case_op_event for each — every rule, each event seeing the
 * case as the previous one left it — but with nothing written unless all are allowed,
 * and written once (see "playing events" in case_ops.c). What an importer uses to bring
 * a legacy case to its state. On a refusal *failed (may be NULL) is the index of the
 * event refused, or nevents when the case itself was.
 */
int case_op_create_with(db_t *db, const app_t *app, const case_input_t *in,
                        const case_event_input_t *events, size_t nevents, int64_t actor,
                        civil_date_t today, int64_t now, case_row_t *out, size_t *failed,
                        op_error_t *err);

/* A new case played in memory, not yet written: see ops/case_bulk.h. */
typedef struct case_draft case_draft_t;
void case_draft_free(case_draft_t *d);

/*
 * Record events in[0..n) (n <= CASE_MAX_EVENTS_AT_ONCE) on the case *c, in order, with
 * the rules of case_op_event for each; all or nothing, *failed (may be NULL) the index
 * of a refused one. *c must have been read in this transaction under the case's row
 * lock (cases_lock, as case_op_event does), or come from case_op_create_with or a
 * previous call in it; it is updated in place.
 */
int case_op_events_on(db_t *db, const app_t *app, case_row_t *c, const case_event_input_t *in,
                      size_t n, int64_t actor, civil_date_t today, int64_t now, size_t *failed,
                      op_error_t *err);
/* One event on *c, as case_op_events_on; *seq (may be NULL) gets its number. */
int case_op_event_on(db_t *db, const app_t *app, case_row_t *c, const case_event_input_t *in,
                     int64_t actor, civil_date_t today, int64_t now, int64_t *seq, op_error_t *err);

/* The last day of the voluntary period (D10) of a decision served on notified_on:
 * voluntary_period_ended is refused on or before it. CIVIL_DATE_INVALID when no
 * period applies that day (then it is never refused). */
civil_date_t case_voluntary_period_last_day(const app_t *app, civil_date_t notified_on);

/* Entrust a case to another agency (Art 55): the source records entrusted_out (through
 * case_op_event, so every rule of an event applies), and to_unit gets its own case
 * numbered case_no with the same judgment and parties and what remains to enforce,
 * starting with entrustment_received (its D21 deadline runs); the new case's year is that of
 * `on` (its own decision, D21, follows within days). Refusals: those of case_op_event, and
 * OP_NOT_FOUND or OP_UNPROCESSABLE for a target that is not an enforcement unit that day or is
 * the source's own unit, OP_CONFLICT for a number taken there that year. */
int case_op_entrust(db_t *db, const app_t *app, int64_t case_id, int64_t to_unit,
                    const char *case_no, civil_date_t on, const char *document_no, int64_t actor,
                    civil_date_t today, int64_t now, int64_t *new_id, op_error_t *err);

#endif

/*
 * core/case_engine.h — every rule of recording an event on a case, as one pure function.
 *
 * Given a case as its events so far leave it (its projection: state, dates, money,
 * officer) and its open deadlines, and an event, the engine says whether the law allows
 * the event — or refuses it with a reason, a field and a kind — and what follows: the
 * new projection, the deadlines the event meets, cancels and opens (with due dates from
 * the dated rule table), the statistics deltas and the money movements. The state
 * machine itself is core/case.c; which clocks an event starts and stops is
 * core/case_deadline.c; this module puts them together with the facts of the event
 * (dates, documents, amounts) and the money rules.
 *
 * No I/O; deterministic (today is an argument); the one allocation, the deadline list,
 * is the caller's to free (case_play_free). What needs the database — that an assigned
 * officer exists and works in the case's unit, that a case number is free — is the
 * caller's (ops/case_ops.c), as are writing and chaining the events.
 *
 * Used by ops/case_ops.c for every event recorded through the API, the CLI, the
 * importer and the demo, and by ops/case_replay.c when `thads fsck` replays every case;
 * unit-tested directly in tests/core/test_case_engine.c.
 */
#ifndef THADS_CORE_CASE_ENGINE_H
#define THADS_CORE_CASE_ENGINE_H

#include "core/calendar.h"
#include "core/case.h"
#include "core/case_deadline.h"
#include "core/civil_date.h"
#include "core/message.h"
#include "core/rules.h"

#include <stddef.h>
#include <stdint.h>

/* Limits of an event's text, in characters: one place for the engine and the API. */
#define CASE_DOCUMENT_NO_MAX 64
#define CASE_REASON_MAX      1000

/* What the rules read of a case: its projection. */
typedef struct {
    case_state_t state;
    int on_application; /* opened on a creditor's application (else ex officio) */
    civil_date_t state_on, decided_on, last_event_on;
    int64_t amount_vnd;    /* to enforce */
    int64_t collected_vnd; /* received into custody, all told */
    int64_t paid_vnd;      /* paid out of custody, all told */
    int64_t officer_user_id;
    int64_t event_seq; /* events recorded: the next is event_seq + 1 */
    /* postponed or suspended: the state the decision to continue returns the case to;
     * CASE_STATE_COUNT otherwise */
    case_state_t resume_state;
    /* a provisional urgent measure: its decision is due within 24 hours (D5). Read only
     * by case_engine_start; not stored */
    int urgent_measure;
    /* Issue 15: coercion decisions (coercion_scheduled) neither carried out nor made
     * needless by a payment, and complaints received and not yet decided. Not stored on
     * the case: the sums of its statistics rows (ops/case_work.c, case_play_load_open),
     * kept by the engine as the events are played. */
    int64_t coercions_pending, complaints_pending;
} case_facts_t;

/* An event as it is asked for. Strings are the caller's and are not kept. */
typedef struct {
    case_event_t type;
    verify_result_t verify; /* verification_recorded */
    civil_date_t occurred_on;
    const char *document_no; /* required for events that need a signed document */
    int64_t officer_user_id; /* assigned */
    int64_t amount_vnd;      /* money_collected, money_paid, money_voided */
    int64_t corrects_seq;    /* corrected; money_voided: the collection it undoes */
    const char *reason;      /* grounds, note text; may be NULL */
    /* postponed, postponement_lifted, suspended, resumed, terminated, entrusted_out: the
     * day the ground for the decision arose (D15, D17-D20 count from it); 0 or
     * CIVIL_DATE_INVALID when not stated */
    civil_date_t ground_on;
    /* verification_recorded (not eligible), classified_not_eligible: the debtor is in
     * prison with two years or more left, or the address is unknown: re-verify once a
     * year (D13) instead of every six months (D12) */
    int reverify_yearly;
    /* notified: served by public posting, valid only once the posting period has run
     * (SERVICE_POSTING), from when the voluntary period counts */
    int service_by_posting;
    /* money_collected, money_paid, money_voided: the receipt, voucher or void the ledger
     * writes with the event (ops/money_ops.h); NULL for a history taken over from paper,
     * posted without a document. The engine does not read it. */
    struct money_doc *money;
    /* auction_contracted: the asset is real estate (D28: 45 days, else 30) */
    int real_estate;
    /* price_reduced: the previous starting price; amount_vnd is the new one. Each cut is
     * at most D29_MAX_CUT of the previous price; 0: not stated, not checked */
    int64_t previous_price_vnd;
    /* postponed: asked by a person competent to protest (D16; ground_on is the day the
     * request arrived) */
    int protest_request;
    /* coercion_scheduled: the day planned (required); postponed with protest_request: the
     * day of the coercion scheduled, which the request must precede by 24 hours. 0 or
     * CIVIL_DATE_INVALID when not stated */
    civil_date_t coercion_on;
    /* coercion_scheduled: the coercion mobilizes forces (the blackout around Tết) */
    int mobilizing_forces;
    /* complaint_received: what the complaint is about (required) */
    case_complaint_t complaint;
    /* complaint_decided: the complaint_received event it decides; 0: the one pending
     * (refused when several are), or a complaint taken before the system when none is;
     * CASE_COMPLAINTS_EVERY: every one pending (a decision stored before decisions named
     * their complaint, as its replay reads it) */
    int64_t complaint_seq;
} case_event_input_t;
#define CASE_COMPLAINTS_EVERY (-1)

/* A deadline of the case (a row of table `deadline`): open while outcome is NULL. */
typedef struct {
    int64_t id; /* 0: opened by the events being played, not stored yet */
    char rule_id[RULES_ID_MAX + 1];
    int64_t officer_user_id, opened_seq, closed_seq;
    civil_date_t trigger_on, due_on, closed_on;
    const char *outcome; /* NULL (open), "met", "late", "elapsed", "cancelled": static */
    int duty;            /* 1: the agency's duty; 0: a party's period, which elapses */
    /* D30, the payout of one collection: what of its money is still to be paid out (a
     * payout takes from the oldest first; at 0 the deadline is met); 0 for a D30 stored
     * before the ledger, which any payout meets */
    int64_t money_vnd;
    int touched; /* a stored one whose officer or closing the events changed */
} case_deadline_t;

/* A case being played: its projection and deadlines (the open ones it had, and every one
 * opened since). case_play_init, then case_engine_start or case_engine_event. */
typedef struct {
    case_facts_t c;
    case_deadline_t *dl;
    size_t ndl, capdl;
} case_play_t;

void case_play_init(case_play_t *p, const case_facts_t *c);
/* Add a stored open deadline (as read from the database): 0, or -1 out of memory. */
int case_play_add_deadline(case_play_t *p, const case_deadline_t *d);
void case_play_free(case_play_t *p);
/* The earliest due date of the open deadlines (of rule, or of any when rule is NULL),
 * CIVIL_DATE_INVALID if none is open. */
civil_date_t case_play_next_due(const case_play_t *p, const char *rule);

/* What the rules are judged by: the dated rule table, the working-day calendar, and
 * today's legal date (no event is dated after it). */
typedef struct {
    const rules_t *rules;
    const calendar_t *calendar;
    civil_date_t today;
} case_rules_t;

/* The kinds of refusal, as ops/op.h has them (ops maps one to the other). */
typedef enum {
    CASE_REFUSED_INVALID = 1, /* a field missing or malformed */
    CASE_REFUSED_CONFLICT,    /* the case's state or money does not allow it */
    CASE_REFUSED_RULE,        /* well formed, against a rule: dates */
    CASE_REFUSED_NOMEM        /* out of memory */
} case_refusal_kind_t;

typedef struct {
    case_refusal_kind_t kind;
    message_id_t msg;
    char field[48];
    char en[256], vi[320]; /* the message, formatted */
} case_refusal_t;

/* A statistics delta: the case count and the money still owed moved into (or, negative,
 * out of) a bucket on a day (docs/internals/statistics.md). bucket is static: a
 * case_stat_code() or "a2_new", prefixed "app:" for a case opened on application, or
 * "money_collected" / "money_paid". */
typedef struct {
    civil_date_t day;
    const char *bucket;
    int64_t cases, amount_vnd;
} case_stat_delta_t;

/* The coercion and complaint counts (issue 15, THADS.md 5.1): flows of their own in the
 * statistics, one case each, no money, beside the buckets of the indicator tree, which a
 * report of the tree skips (core/report.c). docs/internals/statistics.md. */
#define STAT_BUCKET_COERCION_DECIDED   "coercion_decided"
#define STAT_BUCKET_COERCION_PAID      "coercion_paid"
#define STAT_BUCKET_COERCION_DONE      "coercion_done"
#define STAT_BUCKET_COMPLAINT_RECEIVED "complaint_received"
#define STAT_BUCKET_COMPLAINT_RESOLVED "complaint_resolved"

/* Money moved by an event: into the case's custody (collected) or out of it (paid); an
 * approval moves none but is written with its allocation (ops/money_ops.c). */
typedef enum {
    CASE_MONEY_COLLECTED = 1,
    CASE_MONEY_PAID_OUT,
    CASE_MONEY_VOIDED,
    CASE_MONEY_APPROVED,
    CASE_MONEY_DEPOSITED /* from the till to the payee's savings: still held */
} case_money_kind_t;
typedef struct {
    case_money_kind_t kind;
    int64_t amount_vnd;
} case_money_move_t;

#define CASE_VERDICT_MAX_DELTAS 6

/* What an allowed event does, beyond the play it updated. */
typedef struct {
    case_state_t before, after;
    int64_t seq; /* the event's number in the case's log */
    case_stat_delta_t deltas[CASE_VERDICT_MAX_DELTAS];
    size_t ndeltas;
    case_money_move_t money; /* kind 0: none */
    size_t opened_from;      /* play->dl[opened_from .. ndl) were opened by the event */
    size_t nclosed;          /* open deadlines it closed (met, late or cancelled) */
    int officer_changed;     /* assigned: the case's officer and its open deadlines' */
} case_verdict_t;

/*
 * The case's first event (received or entrustment_received) on a play whose facts hold
 * the new case (state ignored), on day `on`: sets the first state, opens its deadlines
 * and gives the delta of its entry into statistics. 0, or a refusal (another event,
 * out of memory) with *why filled and the play as it was.
 */
int case_engine_start(const case_rules_t *r, case_play_t *p, case_event_t e, civil_date_t on,
                      case_verdict_t *v, case_refusal_t *why);

/*
 * Judge event ev on the case being played. Allowed: returns 0, updates the play — the
 * projection, the deadlines met, cancelled and opened, the officer of the open ones — and
 * fills *v. Refused: returns the kind of refusal with *why filled, and the play is as it
 * was. The checks, in order: the law allows the event in the case's state (conflict);
 * its date is known, not in the future, not before the case's last event (rule); a
 * signed document where the event needs one, texts within their limits, an officer for
 * an assignment (invalid); the voluntary period is over before its end is recorded
 * (rule); amounts positive and within reach, not paying out more than is held, no
 * money held at completion (invalid, conflict); a correction names an earlier event.
 * LAW: THADS.md 3.2 (transitions), 3.3 (deadlines), 4 (money held until paid out).
 */
int case_engine_event(const case_rules_t *r, case_play_t *p, const case_event_input_t *ev,
                      case_verdict_t *v, case_refusal_t *why);

/* Text of at most max characters (code points), required or not, as the engine checks
 * an event's texts: 0, or CASE_REFUSED_INVALID with *why naming field (missing_field,
 * too_long, invalid_value). Also what a new case's texts are checked with. */
int case_check_text(case_refusal_t *why, const char *field, const char *s, size_t max,
                    int required);

/* The due date of rule for an event on `on` (CIVIL_DATE_INVALID: no such rule that
 * day): the last day of the voluntary period, D10, of a decision served on `on`, say. */
civil_date_t case_engine_due(const case_rules_t *r, const char *rule, civil_date_t on);

#endif

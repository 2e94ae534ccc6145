/*
 * ops/case_work.c — the events of one call played in memory by the case engine, then
 * written at once.
 *
 * Every call that records events (case_op_create_with, case_op_events_on, and through
 * them case_op_create, case_op_event, case_op_entrust) plays them first on a copy of the
 * case in memory, a case_work_t: the transition table, each event's own facts, the money,
 * the statistics deltas and the deadlines (core/case_deadline.c, core/rules.c), each event
 * seeing the case as the previous one left it. Nothing is written until every event is
 * allowed, so a refusal leaves the database as it was. Then case_work_seal() chains the events
 * (their hashes cover the case's id, so a new case takes its id first, cases_next_id) and
 * what they leave behind is written:
 *   - the events, chained after the case's head (one insert each);
 *   - each deadline the events touched, in its final state: one opened and met within
 *     the call is inserted already closed, one that was open before is updated by id;
 *   - the statistics deltas summed per day and bucket, into stat_delta and the case's own
 *     copy in stat_case_delta (the drill-down's; stat_delta is per day, so the
 *     sums are those of writing them one by one; a bucket a case enters and leaves on
 *     the same day nets to nothing and is not written) — or, for an importer, added to
 *     its sums over the whole file (case_input_t.stats) by case_op_prepare, on the
 *     thread reading the file rather than the one writing;
 *   - the projection and the chain's head, once: an existing case's row is updated
 *     (case_work_write), a new case's inserted already in that state (case_op_create_with).
 * Writing per call rather than per event is what makes a case brought to its state by
 * seven events (an import) cost seven inserts plus a handful of rows instead of seven
 * times everything; a single event costs what it did, plus the read of the case's open
 * deadlines.
 */
#include "core/case_kind.h"
#include "ops/case_flags.h"
#include "ops/case_internal.h"
#include "ops/money_ops.h"
#include "store/report.h"
#include "store/search.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the engine reads of a case row. */
static case_facts_t facts_of_row(const case_row_t *c)
{
    int state = case_state_parse(c->state), resume = case_state_parse(c->resume_state);

    return (case_facts_t){
        .state = state < 0 ? CASE_STATE_COUNT : (case_state_t)state,
        .on_application = case_source_parse(c->source) == CASE_SOURCE_APPLICATION,
        .state_on = c->state_on,
        .decided_on = c->decided_on,
        .last_event_on = c->last_event_on,
        .amount_vnd = c->amount_vnd,
        .collected_vnd = c->collected_vnd,
        .paid_vnd = c->paid_vnd,
        .officer_user_id = c->officer_user_id,
        .event_seq = c->event_seq,
        .resume_state = resume < 0 ? CASE_STATE_COUNT : (case_state_t)resume,
    };
}

/* A work for case c (its head as read under the row lock, or a new case's), judged by
 * the app's rules as of today. NULL when out of memory. */
case_work_t *case_work_new(const case_row_t *c, const app_t *app, civil_date_t today)
{
    case_work_t *w = calloc(1, sizeof *w);
    case_facts_t f;

    if (w == NULL)
        return NULL;
    w->c = *c;
    f = facts_of_row(c);
    case_play_init(&w->play, &f);
    w->rules = (case_rules_t){app->rules, app->calendar, today};
    w->seq0 = c->event_seq;
    memcpy(w->hash0, c->last_hash, CHAIN_HASH_HEX);
    return w;
}

void case_work_free(case_work_t *w)
{
    if (w == NULL)
        return;
    for (size_t i = 0; i < w->nevents; i++)
        free((char *)w->events[i].payload);
    case_play_free(&w->play);
    free(w);
}

typedef struct {
    case_play_t *play;
    int nomem;
} open_load_t;

static int keep_open_deadline(const deadline_state_t *d, void *arg)
{
    open_load_t *l = arg;
    return l->nomem = case_play_add_deadline(l->play, d) != 0;
}

int case_play_load_open(db_t *db, int64_t case_id, case_play_t *p)
{
    open_load_t l = {p, 0};
    int rc = deadlines_open_of_case(db, case_id, keep_open_deadline, &l);

    /* the walk stops, and answers DB_OK, when a deadline could not be kept */
    if (rc == DB_OK && l.nomem)
        return DB_NOMEM;
    /* the coercion decisions and complaints still pending (core/case_engine.h): sums of the
     * case's own statistics rows, which its events wrote */
    if (rc == DB_OK)
        rc = stat_case_pending(db, case_id, &p->c.coercions_pending, &p->c.complaints_pending);
    return rc;
}

/* An engine's refusal as an operation's. */
int case_engine_refused(op_error_t *err, const case_refusal_t *why)
{
    static const op_status_t kinds[] = {
        [CASE_REFUSED_INVALID] = OP_INVALID,
        [CASE_REFUSED_CONFLICT] = OP_CONFLICT,
        [CASE_REFUSED_RULE] = OP_UNPROCESSABLE,
        [CASE_REFUSED_NOMEM] = OP_INTERNAL,
    };
    op_status_t kind = why->kind >= CASE_REFUSED_INVALID && why->kind <= CASE_REFUSED_NOMEM
                           ? kinds[why->kind]
                           : OP_INTERNAL;

    return op_fail(err, kind, message_get(why->msg)->code, why->field[0] ? why->field : NULL,
                   why->en, why->vi);
}

/* The open deadlines of an existing case, which the events start from. */
int case_work_load_deadlines(db_t *db, case_work_t *w, op_error_t *err)
{
    int rc = case_play_load_open(db, w->c.id, &w->play);

    if (rc == DB_NOMEM)
        return op_fail_nomem(err);
    return rc == DB_OK ? 0 : op_fail_db(err, db);
}

/* Add a verdict's statistics deltas to the work's, one row per day and bucket. */
static void work_add_deltas(case_work_t *w, const case_verdict_t *v)
{
    for (size_t k = 0; k < v->ndeltas; k++) {
        const case_stat_delta_t *x = &v->deltas[k];
        size_t i = 0;
        while (i < w->ndeltas &&
               !(w->deltas[i].day == x->day && strcmp(w->deltas[i].bucket, x->bucket) == 0))
            i++;
        if (i == w->ndeltas) {
            assert(w->ndeltas < CASE_WORK_MAX_DELTAS);
            w->deltas[w->ndeltas++] = (case_work_delta_t){x->day, x->bucket, 0, 0, 0};
        }
        w->deltas[i].cases += x->cases;
        w->deltas[i].amount_vnd += x->amount_vnd;
    }
}

/* The event joins the chain (hashed when written). payload is taken over (freed with
 * the work). */
static void work_append(case_work_t *w, case_event_t type, civil_date_t on, const char *document_no,
                        char *payload, case_state_t after, int64_t actor, int64_t now)
{
    assert(w->nevents < CASE_WORK_MAX_EVENTS + 1);
    w->events[w->nevents++] = (case_event_new_t){
        .type = case_event_code(type),
        .occurred_on = on,
        .recorded_at = now,
        .actor_user_id = actor,
        .document_no = document_no && document_no[0] ? document_no : NULL,
        .payload = payload,
        .state_after = case_state_code(after),
    };
}

/* The case's first event (received, entrustment_received) on a work whose play holds the
 * new case. payload is taken over, whatever happens. */
int case_work_start(case_work_t *w, case_event_t e, char *payload, civil_date_t on,
                    const char *document_no, int64_t actor, int64_t now, op_error_t *err)
{
    case_verdict_t v;
    case_refusal_t why;

    if (case_engine_start(&w->rules, &w->play, e, on, &v, &why) != 0) {
        free(payload);
        return case_engine_refused(err, &why);
    }
    work_append(w, e, on, document_no, payload, v.after, actor, now);
    work_add_deltas(w, &v);
    return 0;
}

/* Chain the events after the head they started from (the case's id is known), and bring
 * the case row to the play's projection, with its earliest open deadline. */
int case_work_seal(case_work_t *w, op_error_t *err)
{
    const case_facts_t *f = &w->play.c;
    case_row_t *c = &w->c;
    const char *prev = w->hash0;

    assert(f->event_seq == w->seq0 + (int64_t)w->nevents);
    for (size_t i = 0; i < w->nevents; i++) {
        if (case_event_hash(c->id, w->seq0 + 1 + (int64_t)i, prev, &w->events[i], w->hashes[i]) !=
            DB_OK)
            return op_fail_nomem(err);
        prev = w->hashes[i];
    }
    memcpy(c->last_hash, prev, CHAIN_HASH_HEX);
    snprintf(c->state, sizeof c->state, "%s", case_state_code(f->state));
    snprintf(c->stat_bucket, sizeof c->stat_bucket, "%s",
             case_stat_code(case_stat_bucket(f->state)));
    c->state_on = f->state_on;
    c->decided_on = f->decided_on;
    c->last_event_on = f->last_event_on;
    c->collected_vnd = f->collected_vnd;
    c->paid_vnd = f->paid_vnd;
    c->officer_user_id = f->officer_user_id;
    c->event_seq = f->event_seq;
    c->next_due_on = case_play_next_due(&w->play, NULL);
    snprintf(c->resume_state, sizeof c->resume_state, "%s",
             f->resume_state < CASE_STATE_COUNT ? case_state_code(f->resume_state) : "");
    return 0;
}

case_projection_t case_work_projection(const case_work_t *w)
{
    return (case_projection_t){
        .state = w->c.state,
        .stat_bucket = w->c.stat_bucket,
        .state_on = w->c.state_on,
        .decided_on = w->c.decided_on,
        .last_event_on = w->c.last_event_on,
        .amount_vnd = w->c.amount_vnd,
        .collected_vnd = w->c.collected_vnd,
        .paid_vnd = w->c.paid_vnd,
        .event_seq = w->c.event_seq,
        .last_hash = w->c.last_hash,
        .next_due_on = w->c.next_due_on,
        .resume_state = w->c.resume_state[0] ? w->c.resume_state : NULL,
    };
}

/* A new case's own deltas (w->seq0 0: it has none written yet), merged per day and bucket
 * and each written once (stat_case_append: with COPY in a bulk load), as the upserts of
 * stat_case_add would leave them. DB_OK, DB_NOMEM or the store error. */
static int write_new_case_deltas(db_t *db, const case_work_t *w, int static_flags)
{
    case_work_delta_t *m = malloc((w->ndeltas ? w->ndeltas : 1) * sizeof *m);
    size_t n = 0;
    int rc = DB_OK;

    if (m == NULL)
        return DB_NOMEM;
    for (size_t i = 0; i < w->ndeltas; i++) {
        const case_work_delta_t *x = &w->deltas[i];
        size_t j = 0;
        if (x->cases == 0 && x->amount_vnd == 0)
            continue;
        while (j < n && (m[j].day != x->day || strcmp(m[j].bucket, x->bucket) != 0))
            j++;
        if (j == n) {
            m[n++] = (case_work_delta_t){x->day, x->bucket, 0, 0, 0};
        }
        /* one case's sums: its amount at most, far from overflowing */
        m[j].cases += x->cases, m[j].amount_vnd += x->amount_vnd;
    }
    for (size_t j = 0; j < n && rc == DB_OK; j++)
        rc = stat_case_append(db, w->c.id, w->c.unit_id, m[j].day, w->c.category, static_flags,
                              m[j].bucket, m[j].cases, m[j].amount_vnd);
    free(m);
    return rc;
}

/* Write a sealed work's events, deadlines and statistics deltas (see above); the case
 * row is the caller's. A synthesized history records only the deadlines it leaves open:
 * the dates of its steps are an importer's reconstruction, so a deadline "met" or
 * "late" between two of them is a fact nobody observed (and a late one would count as
 * a procedure violation against the officer). */
int case_work_write_log(db_t *db, case_work_t *w, op_error_t *err)
{
    const char *prev = w->hash0;
    int static_flags = w->c.flags & STAT_FLAGS_STATIC;

    for (size_t i = 0; i < w->nevents; i++) {
        const case_event_new_t *e = &w->events[i];
        int64_t seq = w->seq0 + 1 + (int64_t)i;
        int rc;
        if (case_events_insert(db, w->c.id, seq, prev, e, w->hashes[i]) != DB_OK)
            return op_fail_db(err, db);
        prev = w->hashes[i];
        if (w->money[i].kind != 0 &&
            (rc = money_post(db, &w->c, (case_event_t)case_event_parse(e->type),
                             w->money[i].amount_vnd, e->occurred_on, seq, w->money[i].doc,
                             e->actor_user_id, e->recorded_at, case_memo_ledger_sums(w->memo),
                             err)) != 0)
            return rc;
    }
    for (size_t i = 0; i < w->play.ndl; i++) {
        const case_deadline_t *d = &w->play.dl[i];
        if (d->id == 0 && d->outcome != NULL && w->synthesized)
            continue;
        if ((d->id == 0 && deadlines_insert(db, w->c.id, w->c.unit_id, d) != DB_OK) ||
            (d->touched && deadlines_update(db, d) != DB_OK))
            return op_fail_db(err, db);
    }
    /* the case's own copy, for the drill-down (an importer's sums included) */
    if (w->seq0 == 0) {
        int rc = write_new_case_deltas(db, w, static_flags);
        if (rc != DB_OK)
            return rc == DB_NOMEM ? op_fail_nomem(err) : op_fail_db(err, db);
    }
    for (size_t i = 0; i < w->ndeltas; i++) {
        const case_work_delta_t *x = &w->deltas[i];
        if (x->cases == 0 && x->amount_vnd == 0)
            continue;
        if (w->seq0 > 0 && stat_case_add(db, w->c.id, w->c.unit_id, x->day, w->c.category,
                                         static_flags, x->bucket, x->cases, x->amount_vnd) != DB_OK)
            return op_fail_db(err, db);
        if (!x->summed && stat_delta_add(db, w->c.unit_id, x->day, w->c.category, static_flags,
                                         x->bucket, x->cases, x->amount_vnd) != DB_OK)
            return op_fail_db(err, db);
    }
    /* A debtor in the prison register: the deltas go under the flags of their days, and
     * the case's stock moves on the days the debtor entered or left a camp. Written above
     * under the static flags, they are spread by the restatement, which also mends a
     * backdated event written before a day the register already changed the flags on. */
    if (w->c.flags & STAT_FLAG_PRISONER) {
        int rc = case_flags_restate(db, w->c.id, w->c.flags);
        if (rc == DB_NOMEM)
            return op_fail_nomem(err);
        if (rc != DB_OK)
            return op_fail_db(err, db);
    }
    return 0;
}

/* Add the work's deltas to sum, marking those added: case_work_write_log writes the others,
 * which a sum would overflow. 0, or -1 out of memory (case_input_t.stats: the caller
 * gives the sums up). */
int case_work_sum_deltas(case_work_t *w, stat_sum_t *sum)
{
    for (size_t i = 0; i < w->ndeltas; i++) {
        case_work_delta_t *x = &w->deltas[i];
        int rc;
        if (x->cases == 0 && x->amount_vnd == 0)
            continue;
        if ((rc = stat_sum_add(sum, w->c.unit_id, x->day, w->c.category,
                               w->c.flags & STAT_FLAGS_STATIC, x->bucket, x->cases,
                               x->amount_vnd)) < 0)
            return -1;
        x->summed = rc == 0;
    }
    return 0;
}

/* For a refused work: write the deltas case_work_sum_deltas added, negated. 0, or an error. */
int case_work_unsum_deltas(db_t *db, const case_work_t *w, op_error_t *err)
{
    for (size_t i = 0; i < w->ndeltas; i++) {
        const case_work_delta_t *x = &w->deltas[i];
        /* (one case's delta: far from INT64_MIN, so its negation is exact) */
        if (x->summed &&
            stat_delta_add(db, w->c.unit_id, x->day, w->c.category, w->c.flags & STAT_FLAGS_STATIC,
                           x->bucket, -x->cases, -x->amount_vnd) != DB_OK)
            return op_fail_db(err, db);
    }
    return 0;
}

/* Write what the events left on an existing case row (w->c.id): the log, then the
 * projection and the chain's head. */
int case_work_write(db_t *db, case_work_t *w, op_error_t *err)
{
    case_projection_t p;
    int rc;

    if ((rc = case_work_seal(w, err)) != 0 || (rc = case_work_write_log(db, w, err)) != 0)
        return rc;
    p = case_work_projection(w);
    if (cases_set_projection(db, w->c.id, &p) != DB_OK ||
        (w->officer_changed && cases_set_officer(db, w->c.id, w->c.officer_user_id) != DB_OK))
        return op_fail_db(err, db);
    return 0;
}

/* One event, the index-th of its call, judged by the engine and played on the work. 0,
 * or the refusal with err filled (the work is then to be thrown away). The checks
 * needing the database are noted for case_work_check_officers. */
int case_work_event(case_work_t *w, const case_event_input_t *in, size_t index, int64_t actor,
                    int64_t now, op_error_t *err)
{
    case_verdict_t v;
    case_refusal_t why;
    char *payload;

    if (case_engine_event(&w->rules, &w->play, in, &v, &why) != 0)
        return case_engine_refused(err, &why);
    if ((payload = case_event_payload_write(in)) == NULL)
        return op_fail_nomem(err);
    work_append(w, in->type, in->occurred_on, in->document_no, payload, v.after, actor, now);
    work_add_deltas(w, &v);
    w->money[w->nevents - 1].kind = v.money.kind;
    w->money[w->nevents - 1].amount_vnd = v.money.amount_vnd;
    w->money[w->nevents - 1].doc = in->money;
    if (v.officer_changed) {
        assert(w->nchecks < CASE_WORK_MAX_EVENTS);
        w->checks[w->nchecks++] = (case_work_check_t){index, in->officer_user_id, in->occurred_on};
        w->officer_changed = 1;
    }
    return 0;
}

/* The officers of the assigned events played on the work, among the first `upto` events
 * of the call: 0, or the refusal of the first with *failed its index. Made after playing,
 * they still answer as if made in turn: a refusal of an earlier event comes first. */
int case_work_check_officers(db_t *db, const case_work_t *w, size_t upto, size_t *failed,
                             op_error_t *err)
{
    for (size_t i = 0; i < w->nchecks && w->checks[i].event < upto; i++) {
        const case_work_check_t *k = &w->checks[i];
        int rc = case_check_officer(db, w->memo, k->officer_user_id, w->c.unit_id, k->on, err);
        if (rc != 0) {
            if (failed != NULL)
                *failed = k->event;
            return rc;
        }
    }
    return 0;
}

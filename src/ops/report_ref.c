/*
 * ops/report_ref.c — the slow reference of the summary report (ops/report_ref.h).
 */
#include "ops/report_ref.h"
#include "core/case_kind.h"
#include "ops/case_internal.h"
#include "store/case_scan.h"
#include "store/prisoners.h"
#include "store/units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 256

typedef struct {
    report_ref_book_t *book;
    size_t first; /* the page's first case in the book */
    int64_t last_id;
    int nomem;
} loading_t;

static int keep_case(const case_row_t *c, void *arg)
{
    loading_t *l = arg;
    report_ref_book_t *b = l->book;
    report_ref_case_row_t *x;

    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        report_ref_case_row_t *n = realloc(b->cases, cap * sizeof *n);
        if (n == NULL)
            return l->nomem = 1;
        b->cases = n;
        b->cap = cap;
    }
    x = &b->cases[b->n++];
    memset(x, 0, sizeof *x);
    x->id = c->id;
    x->unit_id = c->unit_id;
    x->amount_vnd = c->amount_vnd;
    x->on_application = case_source_parse(c->source) == CASE_SOURCE_APPLICATION;
    snprintf(x->category, sizeof x->category, "%s", c->category);
    x->flags = c->flags & STAT_FLAGS_STATIC;
    l->last_id = c->id;
    return 0;
}

typedef struct {
    report_ref_case_row_t *c;
    size_t cap;
    int64_t collected;
    int nomem, bad;
} events_t;

/* An event's day, the state it left, and the money it moved (from its payload). */
static int keep_event(const case_event_row_t *e, void *arg)
{
    events_t *x = arg;
    case_event_input_t in;
    char reason[8];
    int type = case_event_parse(e->type), state = case_state_parse(e->state_after);

    if (type < 0 || state < 0) {
        x->bad = 1;
        return 1;
    }
    memset(&in, 0, sizeof in);
    if ((type == CASE_EVENT_MONEY_COLLECTED || type == CASE_EVENT_MONEY_VOIDED) &&
        case_event_payload_read(e->payload, &in, reason, sizeof reason) != 0) {
        x->bad = 1;
        return 1;
    }
    if (type == CASE_EVENT_MONEY_COLLECTED)
        x->collected += in.amount_vnd;
    else if (type == CASE_EVENT_MONEY_VOIDED)
        x->collected -= in.amount_vnd;
    if (x->c->nsteps == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 16;
        report_ref_step_t *n = realloc(x->c->steps, cap * sizeof *n);
        if (n == NULL)
            return x->nomem = 1;
        x->c->steps = n;
        x->cap = cap;
    }
    x->c->steps[x->c->nsteps++] =
        (report_ref_step_t){e->occurred_on, (case_state_t)state, x->collected, (case_event_t)type};
    return 0;
}

typedef struct {
    report_ref_case_row_t *c;
    size_t cap;
    int nomem;
} stays_t;

static int keep_stay(civil_date_t from, civil_date_t to, void *arg)
{
    stays_t *x = arg;

    if (x->c->nheld == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 4;
        stat_span_t *n = realloc(x->c->held, cap * sizeof *n);
        if (n == NULL)
            return x->nomem = 1;
        x->c->held = n;
        x->cap = cap;
    }
    x->c->held[x->c->nheld++] = (stat_span_t){from, to};
    return 0;
}

int report_ref_load(db_t *db, report_ref_book_t *book, op_error_t *err)
{
    loading_t l = {.book = book};
    int rc;

    memset(book, 0, sizeof *book);
    for (;;) {
        l.first = book->n;
        rc = cases_scan_page(db, l.last_id, PAGE, keep_case, &l);
        if (l.nomem)
            goto nomem;
        if (rc != DB_OK)
            goto failed;
        if (book->n == l.first)
            return 0;
        for (size_t i = l.first; i < book->n; i++) {
            events_t x = {.c = &book->cases[i]};
            rc = case_events_list(db, x.c->id, keep_event, &x);
            if (x.nomem)
                goto nomem;
            if (x.bad) {
                char en[128];
                snprintf(en, sizeof en, "case %lld: an event the reference cannot read",
                         (long long)x.c->id);
                report_ref_free(book);
                return op_fail(err, OP_INTERNAL, "unreadable_event", NULL, en,
                               "Không đọc được sự kiện của việc");
            }
            if (rc != DB_OK)
                goto failed;
            { /* the register, for the prisoner flag: every case, whatever its row says */
                stays_t st = {.c = x.c};
                rc = prisoner_case_stays(db, x.c->id, keep_stay, &st);
                if (st.nomem)
                    goto nomem;
                if (rc != DB_OK)
                    goto failed;
            }
        }
    }
nomem:
    report_ref_free(book);
    return op_fail_nomem(err);
failed:
    rc = op_fail_db(err, db);
    report_ref_free(book);
    return rc;
}

void report_ref_free(report_ref_book_t *book)
{
    for (size_t i = 0; i < book->n; i++) {
        free(book->cases[i].steps);
        free(book->cases[i].held);
    }
    free(book->cases);
    memset(book, 0, sizeof *book);
}

/* Does x's successor chain lead to root (x itself included)? A reorganization hands a
 * unit's files to its successor. */
static int leads_to(db_t *db, int64_t x, int64_t root, civil_date_t at, int *yes)
{
    unit_row_t u;

    *yes = 0;
    for (int k = 0; x != 0 && k <= 8; k++) {
        if (x == root) {
            *yes = 1;
            return DB_OK;
        }
        if (units_get(db, x, at, &u) != DB_ROW)
            return DB_ERROR;
        x = u.successor_id;
    }
    return DB_OK;
}

int report_ref_within(db_t *db, int64_t root, int64_t unit, civil_date_t to, int *yes)
{
    unit_row_t u;
    civil_date_t at = to;
    int64_t x = unit;
    int rc;

    *yes = 0;
    if (units_get(db, unit, to, &u) != DB_ROW)
        return DB_ERROR;
    if (u.valid_to != CIVIL_DATE_INVALID && u.valid_to < to)
        at = u.valid_to;
    else if (u.valid_from > to)
        at = u.valid_from;
    for (int depth = 0; x != 0 && depth < 32; depth++) {
        if ((rc = leads_to(db, x, root, at, yes)) != DB_OK || *yes)
            return rc;
        if (units_get(db, x, at, &u) != DB_ROW)
            return DB_ERROR;
        x = u.parent_id;
    }
    return DB_OK;
}

typedef struct {
    int64_t unit_id;
    int yes;
} unit_seen_t;

int report_ref_sum(db_t *db, const report_ref_book_t *book, int64_t unit_id, civil_date_t from,
                   civil_date_t to, const char *category, report_t *all, report_t *app,
                   op_error_t *err)
{
    unit_seen_t seen[256];
    size_t nseen = 0;
    int flag = stat_flag_parse(category);

    memset(all, 0, sizeof *all);
    memset(app, 0, sizeof *app);
    for (size_t i = 0; i < book->n; i++) {
        const report_ref_case_row_t *c = &book->cases[i];
        report_ref_case_t rc = {c->amount_vnd, c->steps, c->nsteps, flag == STAT_FLAG_PRISONER,
                                c->held,       c->nheld};
        int yes = -1;
        size_t k;

        if (flag == 0 && category != NULL && strcmp(category, c->category) != 0)
            continue;
        if ((flag & STAT_FLAGS_STATIC) && !(c->flags & flag))
            continue;
        for (k = 0; k < nseen; k++)
            if (seen[k].unit_id == c->unit_id)
                yes = seen[k].yes;
        if (yes < 0) {
            if (report_ref_within(db, unit_id, c->unit_id, to, &yes) != DB_OK)
                return op_fail_db(err, db);
            if (nseen < sizeof seen / sizeof seen[0])
                seen[nseen++] = (unit_seen_t){c->unit_id, yes};
        }
        if (!yes)
            continue;
        if (report_ref_add_case(all, &rc, from, to) != 0 ||
            (c->on_application && report_ref_add_case(app, &rc, from, to) != 0)) {
            char en[128];
            snprintf(en, sizeof en, "case %lld: its events go back in time", (long long)c->id);
            return op_fail(err, OP_INTERNAL, "events_out_of_order", NULL, en,
                           "Sự kiện của việc không theo thứ tự thời gian");
        }
    }
    return 0;
}

/* One case's part in the coercion and complaint counts, its events read in order: a
 * coercion_scheduled is a decision, pending until carried out or paid after; a complaint
 * received is pending until the next decision on a complaint (one decided with none
 * pending counts nothing). Counts up to day `upto` into x[5]: decided, paid, done,
 * received, resolved. */
static void action_counts(const report_ref_case_row_t *c, civil_date_t upto, int64_t x[5])
{
    int64_t complaints = 0;

    for (size_t i = 0; i < c->nsteps && c->steps[i].day <= upto; i++)
        switch (c->steps[i].type) {
        case CASE_EVENT_COERCION_SCHEDULED:
            x[0]++;
            break;
        case CASE_EVENT_COERCION_PAID_VOLUNTARILY:
            x[1]++;
            break;
        case CASE_EVENT_COERCION_CARRIED_OUT:
            x[2]++;
            break;
        case CASE_EVENT_COMPLAINT_RECEIVED:
            x[3]++;
            complaints++;
            break;
        case CASE_EVENT_COMPLAINT_DECIDED:
            if (complaints > 0) {
                x[4]++;
                complaints--;
            }
            break;
        default:
            break;
        }
}

int report_ref_actions(db_t *db, const report_ref_book_t *book, int64_t unit_id, civil_date_t from,
                       civil_date_t to, report_coercion_t *co, report_complaints_t *cp,
                       op_error_t *err)
{
    int64_t b[5] = {0}, e[5] = {0};
    unit_seen_t seen[256];
    size_t nseen = 0;

    for (size_t i = 0; i < book->n; i++) {
        const report_ref_case_row_t *c = &book->cases[i];
        int yes = -1;
        if (c->nsteps == 0)
            continue;
        for (size_t k = 0; k < nseen; k++)
            if (seen[k].unit_id == c->unit_id)
                yes = seen[k].yes;
        if (yes < 0) {
            if (report_ref_within(db, unit_id, c->unit_id, to, &yes) != DB_OK)
                return op_fail_db(err, db);
            if (nseen < sizeof seen / sizeof seen[0])
                seen[nseen++] = (unit_seen_t){c->unit_id, yes};
        }
        if (!yes)
            continue;
        action_counts(c, from - 1, b);
        action_counts(c, to, e);
    }
    /* THADS.md 5.3, in the reference's own words */
    co->carried_over = b[0] - b[1] - b[2];
    co->new_ = e[0] - b[0];
    co->total = co->carried_over + co->new_;
    co->paid_voluntarily = e[1] - b[1];
    co->needing = co->total - co->paid_voluntarily;
    co->carried_out = e[2] - b[2];
    co->pending = e[0] - e[1] - e[2];
    cp->carried_over = b[3] - b[4];
    cp->new_ = e[3] - b[3];
    cp->total = cp->carried_over + cp->new_;
    cp->resolved = e[4] - b[4];
    cp->pending = e[3] - e[4];
    return 0;
}

/*
 * ops/case_replay.c — every case's events played again through the case engine, and
 * compared with what is stored (ops/case_replay.h).
 *
 * A case's first event starts the play with what the log does not hold: the source and
 * amount of the case row (neither changes after creation) and its officer when no event
 * ever assigned one — an officer given at creation is not in the log, and a case
 * reassigned since starts the replay without one (which changes no state, deadline left
 * open or statistics line). Each later event is rebuilt from its stored type, date,
 * document and payload and judged as if recorded today; a refusal is a difference.
 */
#include "ops/case_replay.h"
#include "ops/case_flags.h"
#include "ops/case_internal.h"
#include "core/case_engine.h"
#include "core/case_kind.h"
#include "core/stat_sum.h"
#include "store/report.h"
#include "store/case_scan.h"
#include "store/cases.h"
#include "store/prisoners.h"
#include "store/stat_month.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 500

typedef struct {
    case_event_input_t in;
    char state_after[24];
    char doc[DOC_NO_BYTES];
    char reason[CASE_REASON_MAX * 4 + 1];
} replay_event_t;

typedef struct {
    db_t *db;
    case_rules_t rules;
    case_replay_diff_fn fn;
    void *arg;
    int64_t max_lines;
    case_replay_counts_t *counts;
    stat_sum_t *sums;
    replay_event_t *ev;
    size_t nev, capev;
    int nomem;
    int64_t unsummable; /* a case whose delta stat_sum_add refused: the replay stops */
    int64_t last_id;
    case_row_t *page; /* one page of cases, read before they are replayed */
    size_t npage;
    int rebuild;           /* sums only: no comparison with the case rows */
    case_flag_days_t days; /* the case being replayed */
} replay_t;

static void differ(replay_t *r, const char *fmt, ...)
{
    char line[1024];
    va_list ap;

    r->counts->differences++;
    if (r->fn == NULL || r->counts->differences > r->max_lines)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    r->fn(line, r->arg);
}

/* The stored event as the engine's input: its payload holds what the type needs. */
static int keep_event(const case_event_row_t *e, void *arg)
{
    replay_t *r = arg;
    replay_event_t *x;
    int type = case_event_parse(e->type);

    if (r->nev == r->capev) {
        size_t cap = r->capev ? r->capev * 2 : 16;
        replay_event_t *n = realloc(r->ev, cap * sizeof *n);
        if (n == NULL)
            return r->nomem = 1;
        r->ev = n;
        r->capev = cap;
    }
    x = &r->ev[r->nev++];
    memset(x, 0, sizeof *x);
    x->in.type = type < 0 ? CASE_EVENT_COUNT : (case_event_t)type;
    x->in.occurred_on = e->occurred_on;
    snprintf(x->doc, sizeof x->doc, "%s", e->document_no); /* pointed to when replayed */
    snprintf(x->state_after, sizeof x->state_after, "%s", e->state_after);
    /* not JSON: judged without it, and the refusal says what is missing */
    (void)case_event_payload_read(e->payload, &x->in, x->reason, sizeof x->reason);
    return 0;
}

/* The deadlines open in a and not in b (by rule and due date), as "D9 due 2026-03-09". */
static void open_not_in(replay_t *r, const case_row_t *c, const case_play_t *a,
                        const case_play_t *b, const char *where)
{
    for (size_t i = 0; i < a->ndl; i++) {
        const case_deadline_t *x = &a->dl[i];
        int found = 0;
        char due[11];
        if (x->outcome != NULL)
            continue;
        for (size_t k = 0; k < b->ndl && !found; k++)
            found = b->dl[k].outcome == NULL && strcmp(b->dl[k].rule_id, x->rule_id) == 0 &&
                    b->dl[k].due_on == x->due_on;
        if (found)
            continue;
        civil_date_format(x->due_on, due);
        differ(r, "case %lld (%s): deadline %s due %s open %s only", (long long)c->id, c->case_no,
               x->rule_id, due, where);
    }
}

static void differ_date(replay_t *r, const case_row_t *c, const char *what, civil_date_t stored,
                        civil_date_t replayed)
{
    char a[11], b[11];

    if (stored == replayed)
        return;
    civil_date_format(stored, a);
    civil_date_format(replayed, b);
    differ(r, "case %lld (%s): %s: stored %s, replayed %s", (long long)c->id, c->case_no, what, a,
           b);
}

static void differ_int(replay_t *r, const case_row_t *c, const char *what, int64_t stored,
                       int64_t replayed)
{
    if (stored != replayed)
        differ(r, "case %lld (%s): %s: stored %lld, replayed %lld", (long long)c->id, c->case_no,
               what, (long long)stored, (long long)replayed);
}

static void differ_text(replay_t *r, const case_row_t *c, const char *what, const char *stored,
                        const char *replayed)
{
    if (strcmp(stored, replayed) != 0)
        differ(r, "case %lld (%s): %s: stored '%s', replayed '%s'", (long long)c->id, c->case_no,
               what, stored, replayed);
}

/* Compare the replayed play with the case row and its open deadlines. */
static int compare(replay_t *r, const case_row_t *c, const case_play_t *p)
{
    const case_facts_t *f = &p->c;
    case_play_t stored;
    case_facts_t none = {0};
    int rc;

    differ_text(r, c, "state", c->state, case_state_code(f->state));
    differ_text(r, c, "statistics bucket", c->stat_bucket,
                case_stat_code(case_stat_bucket(f->state)));
    differ_text(r, c, "state to continue to", c->resume_state,
                f->resume_state < CASE_STATE_COUNT ? case_state_code(f->resume_state) : "");
    differ_date(r, c, "state since", c->state_on, f->state_on);
    differ_date(r, c, "decided on", c->decided_on, f->decided_on);
    differ_date(r, c, "last event on", c->last_event_on, f->last_event_on);
    differ_date(r, c, "next due on", c->next_due_on, case_play_next_due(p, NULL));
    differ_int(r, c, "collected", c->collected_vnd, f->collected_vnd);
    differ_int(r, c, "paid out", c->paid_vnd, f->paid_vnd);
    differ_int(r, c, "events", c->event_seq, f->event_seq);
    differ_int(r, c, "officer", c->officer_user_id, f->officer_user_id);
    case_play_init(&stored, &none);
    rc = case_play_load_open(r->db, c->id, &stored);
    if (rc == DB_OK) {
        open_not_in(r, c, &stored, p, "in the database");
        open_not_in(r, c, p, &stored, "on replay");
    }
    case_play_free(&stored);
    return rc;
}

/* One row of a replayed case's deltas under the flags of its day (stat_flags_expand). */
typedef struct {
    replay_t *r;
    const case_row_t *c;
} expand_t;

static int add_row(civil_date_t day, const char *bucket, int flags, int64_t cases,
                   int64_t amount_vnd, void *arg)
{
    expand_t *x = arg;
    int rc = stat_sum_add(x->r->sums, x->c->unit_id, day, x->c->category, flags, bucket, cases,
                          amount_vnd);

    if (rc < 0)
        return -1;
    if (rc > 0) { /* a sum past INT64, or too many names: left out, the totals would be wrong */
        x->r->unsummable = x->c->id;
        return -3;
    }
    /* a rebuild writes each case's own deltas too (the drill-down's, stat_case_delta) */
    if (x->r->rebuild && (cases != 0 || amount_vnd != 0) &&
        stat_case_add(x->r->db, x->c->id, x->c->unit_id, day, x->c->category, flags, bucket, cases,
                      amount_vnd) != DB_OK)
        return -2;
    return 0;
}

static int add_sum(replay_t *r, const case_row_t *c, const case_verdict_t *v)
{
    expand_t x = {r, c};
    const case_flag_days_t *t = &r->days;

    for (size_t i = 0; i < v->ndeltas; i++) {
        const case_stat_delta_t *d = &v->deltas[i];
        int rc = stat_flags_expand(t->static_flags, t->spans, t->nspans, t->changes, t->nchanges,
                                   d->day, d->bucket, d->cases, d->amount_vnd, add_row, &x);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* The case's flags over time, from the register (ops/case_flags.c); fsck reads the
 * register for every case and tells a case whose prisoner flag disagrees with it. */
static int load_days(replay_t *r, const case_row_t *c)
{
    int flags = c->flags;
    int rc;

    if (!r->rebuild) {
        flags |= STAT_FLAG_PRISONER; /* read the register whatever the row says */
        if ((rc = case_flag_days_load(r->db, c->id, flags, &r->days)) != DB_OK)
            return rc;
        if ((r->days.nspans > 0) != ((c->flags & STAT_FLAG_PRISONER) != 0))
            differ(r, "case %lld (%s): prisoner flag: stored %d, register %d", (long long)c->id,
                   c->case_no, (c->flags & STAT_FLAG_PRISONER) != 0, r->days.nspans > 0);
        return DB_OK;
    }
    return case_flag_days_load(r->db, c->id, flags, &r->days);
}

/* Replay case c. 0, DB_NOMEM, or the store error. */
static int replay_case(replay_t *r, const case_row_t *c)
{
    case_facts_t f = {.on_application = case_source_parse(c->source) == CASE_SOURCE_APPLICATION,
                      .decided_on = CIVIL_DATE_INVALID,
                      .amount_vnd = c->amount_vnd,
                      .resume_state = CASE_STATE_COUNT};
    case_play_t p;
    case_verdict_t v;
    case_refusal_t why;
    int rc, assigned = 0;
    size_t i;

    r->nev = 0;
    if ((rc = case_events_list(r->db, c->id, keep_event, r)) != DB_OK ||
        (rc = load_days(r, c)) != DB_OK)
        return rc;
    if (r->nomem)
        return DB_NOMEM;
    r->counts->cases++;
    r->counts->events += (int64_t)r->nev;
    for (i = 0; i < r->nev; i++)
        assigned |= r->ev[i].in.type == CASE_EVENT_ASSIGNED;
    f.officer_user_id = assigned ? 0 : c->officer_user_id;
    case_play_init(&p, &f);
    rc = r->nev == 0 ? CASE_REFUSED_INVALID
                     : case_engine_start(&r->rules, &p, r->ev[0].in.type, r->ev[0].in.occurred_on,
                                         &v, &why);
    if (rc == CASE_REFUSED_NOMEM)
        goto nomem;
    if (rc != 0) {
        differ(r, "case %lld (%s): its log does not begin with a receipt", (long long)c->id,
               c->case_no);
        case_play_free(&p);
        return 0;
    }
    if ((rc = add_sum(r, c, &v)) != 0)
        goto failed;
    for (i = 1; i < r->nev; i++) {
        replay_event_t *x = &r->ev[i];
        x->in.document_no = x->doc[0] ? x->doc : NULL; /* the list has stopped moving */
        x->in.reason = x->reason[0] ? x->reason : NULL;
        if ((rc = case_engine_event(&r->rules, &p, &x->in, &v, &why)) != 0) {
            if (rc == CASE_REFUSED_NOMEM)
                goto nomem;
            differ(r, "case %lld (%s): event %zu (%s) refused on replay: %s", (long long)c->id,
                   c->case_no, i + 1, case_event_code(x->in.type), why.en);
            case_play_free(&p);
            return 0;
        }
        if (strcmp(x->state_after, case_state_code(v.after)) != 0)
            differ(r, "case %lld (%s): event %zu (%s): state after stored '%s', replayed '%s'",
                   (long long)c->id, c->case_no, i + 1, case_event_code(x->in.type), x->state_after,
                   case_state_code(v.after));
        if ((rc = add_sum(r, c, &v)) != 0)
            goto failed;
    }
    rc = r->rebuild ? DB_OK : compare(r, c, &p);
    /* moves of a stock that cancel (it entered and left a bucket before a change) */
    if (rc == DB_OK && r->rebuild && r->days.nchanges > 0)
        rc = stat_case_prune(r->db, c->id);
    case_play_free(&p);
    return rc;
failed: /* add_sum: -1 out of memory, -2 the store's error, -3 r->unsummable */
    case_play_free(&p);
    return rc == -1 ? DB_NOMEM : DB_ERROR;
nomem:
    case_play_free(&p);
    return DB_NOMEM;
}

static int keep_case(const case_row_t *c, void *arg)
{
    replay_t *r = arg;

    r->page[r->npage++] = *c;
    r->last_id = c->id;
    return 0;
}

/* The replayed sums beside the stored rows, both in key order. */
typedef struct {
    int64_t unit_id;
    civil_date_t day;
    char category[64], bucket[64];
    int flags;
    int64_t cases, amount_vnd;
} sum_row_t;

typedef struct {
    sum_row_t *rows;
    size_t n, cap, next;
    replay_t *r;
} sums_t;

static int keep_sum(int64_t unit_id, civil_date_t day, const char *category, int flags,
                    const char *bucket, int64_t cases, int64_t amount_vnd, void *arg)
{
    sums_t *s = arg;

    if (cases == 0 && amount_vnd == 0)
        return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        sum_row_t *n = realloc(s->rows, cap * sizeof *n);
        if (n == NULL)
            return -1;
        s->rows = n;
        s->cap = cap;
    }
    s->rows[s->n] = (sum_row_t){
        .unit_id = unit_id, .day = day, .flags = flags, .cases = cases, .amount_vnd = amount_vnd};
    snprintf(s->rows[s->n].category, sizeof s->rows[s->n].category, "%s", category);
    snprintf(s->rows[s->n].bucket, sizeof s->rows[s->n].bucket, "%s", bucket);
    s->n++;
    return 0;
}

static int key_cmp(int64_t unit_id, civil_date_t day, const char *category, int flags,
                   const char *bucket, const sum_row_t *x)
{
    int c;

    if (unit_id != x->unit_id)
        return unit_id < x->unit_id ? -1 : 1;
    if (day != x->day)
        return day < x->day ? -1 : 1;
    if ((c = strcmp(category, x->category)) != 0)
        return c;
    if (flags != x->flags)
        return flags < x->flags ? -1 : 1;
    return strcmp(bucket, x->bucket);
}

static void differ_stat(replay_t *r, int64_t unit_id, civil_date_t day, const char *category,
                        int flags, const char *bucket, int64_t sc, int64_t sa, int64_t rc,
                        int64_t ra)
{
    char on[11];

    civil_date_format(day, on);
    differ(r,
           "statistics unit %lld %s %s flags %d %s: stored %lld case(s) %lld đồng, replayed %lld "
           "case(s) %lld đồng",
           (long long)unit_id, on, category, flags, bucket, (long long)sc, (long long)sa,
           (long long)rc, (long long)ra);
}

/* A stored statistics row against the replayed sums before and at its key. */
static int check_stat(int64_t unit_id, civil_date_t day, const char *category, int flags,
                      const char *bucket, int64_t cases, int64_t amount_vnd, void *arg)
{
    sums_t *s = arg;
    int c = 1;

    while (s->next < s->n &&
           (c = key_cmp(unit_id, day, category, flags, bucket, &s->rows[s->next])) > 0) {
        const sum_row_t *x = &s->rows[s->next++];
        differ_stat(s->r, x->unit_id, x->day, x->category, x->flags, x->bucket, 0, 0, x->cases,
                    x->amount_vnd);
    }
    if (s->next < s->n && c == 0) {
        const sum_row_t *x = &s->rows[s->next++];
        if (x->cases != cases || x->amount_vnd != amount_vnd)
            differ_stat(s->r, unit_id, day, category, flags, bucket, cases, amount_vnd, x->cases,
                        x->amount_vnd);
        return 0;
    }
    differ_stat(s->r, unit_id, day, category, flags, bucket, cases, amount_vnd, 0, 0);
    return 0;
}

static int compare_stats(replay_t *r, op_error_t *err)
{
    sums_t s = {.r = r};
    int rc = stat_sum_each(r->sums, keep_sum, &s);

    if (rc != 0) {
        free(s.rows);
        return op_fail_nomem(err);
    }
    rc = stat_delta_scan(r->db, check_stat, &s);
    for (; rc == DB_OK && s.next < s.n; s.next++) {
        const sum_row_t *x = &s.rows[s.next];
        differ_stat(r, x->unit_id, x->day, x->category, x->flags, x->bucket, 0, 0, x->cases,
                    x->amount_vnd);
    }
    free(s.rows);
    return rc == DB_OK ? 0 : op_fail_db(err, r->db);
}

/* A case replay_case could not replay: err filled. */
static int replay_failed(replay_t *r, int rc, op_error_t *err)
{
    if (rc == DB_NOMEM)
        return op_fail_nomem(err);
    if (r->unsummable == 0)
        return op_fail_db(err, r->db);
    fprintf(stderr,
            "thads: case %lld: a statistics sum would pass the largest number, or a key "
            "would name more than %d categories and buckets: the replay stops\n",
            (long long)r->unsummable, STAT_SUM_MAX_NAMES);
    return op_refuse(err, OP_INTERNAL, MSG_INTERNAL_LOGGED, NULL);
}

/* Replay every case into r->sums. 0, or the failure with err filled. */
static int replay_every_case(replay_t *r, op_error_t *err)
{
    for (;;) {
        r->npage = 0;
        if (cases_scan_page(r->db, r->last_id, PAGE, keep_case, r) != DB_OK)
            return op_fail_db(err, r->db);
        for (size_t i = 0; i < r->npage; i++) {
            int one = replay_case(r, &r->page[i]);
            if (one != 0)
                return replay_failed(r, one, err);
        }
        if (r->npage < PAGE)
            return 0;
    }
}

static int write_sum(int64_t unit_id, civil_date_t day, const char *category, int flags,
                     const char *bucket, int64_t cases, int64_t amount_vnd, void *arg)
{
    if (cases == 0 && amount_vnd == 0)
        return 0;
    return stat_delta_add(arg, unit_id, day, category, flags, bucket, cases, amount_vnd) != DB_OK;
}

int case_replay_rebuild_stats(db_t *db, const app_t *app, int only_if_needed, int *rebuilt,
                              op_error_t *err)
{
    case_replay_counts_t counts;
    replay_t r = {.db = db,
                  .rules = {app->rules, app->calendar, civil_date_from_ymd(9999, 12, 31)},
                  .counts = &counts,
                  .rebuild = 1};
    int rc = 0, needed = 1;

    *rebuilt = 0;
    counts = (case_replay_counts_t){0};
    if (db_begin(db) != DB_OK)
        return op_fail_db(err, db);
    if (only_if_needed && stat_delta_needs_rebuild(db, &needed) != DB_OK) {
        rc = op_fail_db(err, db);
        goto out;
    }
    if (!needed)
        goto out;
    r.sums = stat_sum_new();
    r.page = malloc(PAGE * sizeof *r.page);
    if (r.sums == NULL || r.page == NULL) {
        rc = op_fail_nomem(err);
        goto out;
    }
    /* the prisoner flag of every case from the register (after migration 0014, or a
     * register changed by hand), before the cases are read */
    if (stat_case_clear(db) != DB_OK || prisoner_refresh_case_flags(db) != DB_OK) {
        rc = op_fail_db(err, db);
        goto out;
    }
    if ((rc = replay_every_case(&r, err)) != 0)
        goto out;
    /* the monthly stock off while the sums are written, then computed once from them */
    rc = stat_delta_clear(db) != DB_OK ? 1 : stat_sum_each(r.sums, write_sum, db);
    if (rc < 0) {
        rc = op_fail_nomem(err);
        goto out;
    }
    if (rc > 0 || stat_month_rebuild(db) != DB_OK) {
        rc = op_fail_db(err, db);
        goto out;
    }
    *rebuilt = 1;
out:
    if (rc == 0 && db_commit(db) != DB_OK)
        rc = op_fail_db(err, db);
    if (rc != 0) {
        *rebuilt = 0;
        if (db_in_transaction(db))
            db_rollback(db);
    }
    stat_sum_free(r.sums);
    free(r.page);
    free(r.ev);
    return rc;
}

int case_replay_all(db_t *db, const app_t *app, case_replay_diff_fn fn, void *arg,
                    int64_t max_lines, case_replay_counts_t *counts, op_error_t *err)
{
    replay_t r = {.db = db,
                  .rules = {app->rules, app->calendar, civil_date_from_ymd(9999, 12, 31)},
                  .fn = fn,
                  .arg = arg,
                  .max_lines = max_lines,
                  .counts = counts};
    int rc = 0;

    *counts = (case_replay_counts_t){0};
    r.sums = stat_sum_new();
    r.page = malloc(PAGE * sizeof *r.page);
    if (r.sums == NULL || r.page == NULL) {
        rc = op_fail_nomem(err);
        goto out;
    }
    if ((rc = replay_every_case(&r, err)) == 0)
        rc = compare_stats(&r, err);
out:
    stat_sum_free(r.sums);
    free(r.page);
    free(r.ev);
    return rc;
}

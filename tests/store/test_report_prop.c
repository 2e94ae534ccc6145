/*
 * tests/store/test_report_prop.c — the summary report against its slow reference (issue
 * 15), on both engines. Random cases (seeded: THADS_PROP_SEED, printed with any failure;
 * THADS_PROP_SCALE multiplies their number for a longer run) get random histories through
 * the everyday operations — decisions, service, verification, classification,
 * postponement and its lifting, suspension and resumption, collections with their receipts
 * (money_op_collect), voids of receipts, payouts (allocation, approval, vouchers),
 * completion, termination, return, revocation, entrustment to another agency (whose new
 * case lives on) — each event dated on or after the case's last one and recorded up to
 * months later, across two provinces whose district offices closed in the 2025
 * reorganization (their successor took their files) and a regional office that moved
 * from one province to the other; and more cases taken over from another system as an
 * importer loads them (ops/case_bulk.c: histories played in memory, deltas summed and
 * written once, a refused case's taken back). Then, for random units, periods and
 * categories, the
 * fast report (sums of stat_delta, ops/report.c) equals the reference that replays each
 * case's events (ops/report_ref.c) on every line, in cases and in đồng, for the whole and
 * its on-application part, the unit and each of its child units; and C = D + E holds.
 * Last, one damaged statistics row shows as a difference: the comparison is not vacuous.
 * THADS_PROP_VERBOSE=1 prints what the histories and reports held.
 */
#include "testdb.h"
#include "testrng.h"
#include "ops/case_bulk.h"
#include "ops/case_ops.h"
#include "ops/money_ops.h"
#include "ops/prison_ops.h"
#include "ops/report.h"
#include "ops/report_cases.h"
#include "ops/report_ref.h"
#include "ops/unit_ops.h"
#include "core/case_kind.h"
#include "core/stat_flags.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASE_CASES   600
#define BASE_QUERIES 120
#define BASE_BULK    150 /* imported as a history taken over (ops/case_bulk.c) */
#define MAX_RECEIPTS 8

static app_t app;
static uint64_t seed;
static civil_date_t end_day; /* the last day anything is recorded */

static civil_date_t d(const char *s)
{
    civil_date_t v;
    assert_int_equal(civil_date_parse(s, &v), 0);
    return v;
}

/* ---- the organization ------------------------------------------------------------- */

typedef struct {
    const char *code, *name, *kind, *parent, *from;
    int64_t id;
} org_unit_t;

/* NA-H1 and NA-H2 are district offices until 30 June 2025, then NA-KV1 (from 1 July)
 * holds their files; HT-KV1 moves from HT to NA on 1 January 2026. */
static org_unit_t org[] = {
    {"BTP", "Bộ Tư pháp", "ministry", NULL, "2020-01-01", 0},
    {"NA", "Thi hành án dân sự tỉnh Nghệ An", "provincial_agency", "BTP", "2020-01-01", 0},
    {"HT", "Thi hành án dân sự tỉnh Hà Tĩnh", "provincial_agency", "BTP", "2020-01-01", 0},
    {"NA-H1", "Chi cục THADS thành phố Vinh", "district_office", "NA", "2020-01-01", 0},
    {"NA-H2", "Chi cục THADS huyện Nghi Lộc", "district_office", "NA", "2020-01-01", 0},
    {"NA-KV1", "Phòng THADS khu vực 1 - Nghệ An", "regional_office", "NA", "2025-07-01", 0},
    {"NA-KV2", "Phòng THADS khu vực 2 - Nghệ An", "regional_office", "NA", "2020-01-01", 0},
    {"HT-KV1", "Phòng THADS khu vực 1 - Hà Tĩnh", "regional_office", "HT", "2020-01-01", 0},
    {"BCA", "Bộ Công an", "ministry", NULL, "2020-01-01", 0},
    {"TG6", "Trại giam số 6", "prison", "BCA", "2020-01-01", 0}, /* holds debtors */
};
#define NORG (sizeof org / sizeof org[0])

static org_unit_t *unit_named(const char *code)
{
    for (size_t i = 0; i < NORG; i++)
        if (strcmp(org[i].code, code) == 0)
            return &org[i];
    fail_msg("no unit %s", code);
    return NULL;
}

static void build_org(db_t *db)
{
    op_error_t err;

    assert_int_equal(db_begin(db), DB_OK);
    for (size_t i = 0; i < NORG; i++) {
        unit_input_t in = {org[i].code,    org[i].name,
                           org[i].kind,    org[i].parent ? unit_named(org[i].parent)->id : 0,
                           d(org[i].from), CIVIL_DATE_INVALID};
        if (unit_op_create(db, &in, 0, 1, &org[i].id, &err) != 0)
            fail_msg("unit %s: %s", org[i].code, err.en);
    }
    if (unit_op_close(db, unit_named("NA-H1")->id, d("2025-06-30"), unit_named("NA-KV1")->id, 0, 1,
                      &err) != 0 ||
        unit_op_close(db, unit_named("NA-H2")->id, d("2025-06-30"), unit_named("NA-KV1")->id, 0, 1,
                      &err) != 0 ||
        unit_op_move(db, unit_named("HT-KV1")->id, unit_named("NA")->id, d("2026-01-01"), 0, 1,
                     &err) != 0)
        fail_msg("reorganization: %s", err.en);
    assert_int_equal(db_commit(db), DB_OK);
}

/* An office that takes cases on day `on` (not the ministry), at random. */
static int64_t office_on(uint64_t *rng, civil_date_t on, int64_t not_this)
{
    for (;;) {
        org_unit_t *u = &org[1 + testrng_next(rng) % (NORG - 1)];
        int closed = strncmp(u->code, "NA-H", 4) == 0 && on > d("2025-06-30");
        if (u->id != not_this && d(u->from) <= on && !closed && strcmp(u->kind, "prison") != 0 &&
            strcmp(u->kind, "ministry") != 0)
            return u->id;
    }
}

/* ---- the cases -------------------------------------------------------------------- */

typedef enum {
    A_DECIDE,
    A_NOTIFY,
    A_PERIOD_ENDED,
    A_VERIFY,
    A_ELIGIBLE,
    A_NOT_ELIGIBLE,
    A_POSTPONE,
    A_LIFT,
    A_SUSPEND,
    A_RESUME,
    A_COLLECT,
    A_VOID,
    A_PAYOUT,
    A_COMPLETE,
    A_TERMINATE,
    A_ENTRUST,
    A_RETURN,
    A_REVOKE,
    A_REFUSE,
    /* issue 15: the coercion and complaint counts */
    A_COERCE,
    A_CARRY_OUT,
    A_PAID_AFTER,
    A_COMPLAIN,
    A_RESOLVE,
    A_COUNT
} action_t;

static const char *const action_names[A_COUNT] = {"decided",
                                                  "notified",
                                                  "voluntary_period_ended",
                                                  "verification_recorded",
                                                  "eligible",
                                                  "not_eligible",
                                                  "postponed",
                                                  "postponement_lifted",
                                                  "suspended",
                                                  "resumed",
                                                  "collected",
                                                  "voided",
                                                  "paid_out",
                                                  "completed",
                                                  "terminated",
                                                  "entrusted_out",
                                                  "returned",
                                                  "revoked",
                                                  "refused",
                                                  "coercion_scheduled",
                                                  "coercion_carried_out",
                                                  "coercion_paid_voluntarily",
                                                  "complaint_received",
                                                  "complaint_decided"};

/* Drawn from, with repeats as weights: any action (most refused where they are drawn), and
 * what usually follows in each state, so that histories go the whole way. */
static const action_t anything[] = {
    A_DECIDE,   A_NOTIFY,   A_PERIOD_ENDED, A_VERIFY,  A_ELIGIBLE,   A_NOT_ELIGIBLE,
    A_POSTPONE, A_LIFT,     A_SUSPEND,      A_RESUME,  A_COLLECT,    A_VOID,
    A_PAYOUT,   A_COMPLETE, A_TERMINATE,    A_ENTRUST, A_RETURN,     A_REVOKE,
    A_REFUSE,   A_COMPLAIN, A_RESOLVE,      A_COERCE,  A_PAID_AFTER,
};

typedef struct {
    case_state_t state;
    action_t next[16];
    size_t n;
} usual_t;

static const usual_t usual[] = {
    {CASE_STATE_RECEIVED, {A_DECIDE, A_DECIDE, A_DECIDE, A_DECIDE, A_REFUSE, A_COLLECT}, 6},
    {CASE_STATE_DECIDED, {A_NOTIFY, A_NOTIFY, A_NOTIFY, A_COLLECT, A_POSTPONE, A_REVOKE}, 6},
    {CASE_STATE_VOLUNTARY_PERIOD,
     {A_PERIOD_ENDED, A_PERIOD_ENDED, A_PERIOD_ENDED, A_COLLECT, A_COLLECT, A_SUSPEND},
     6},
    {CASE_STATE_VERIFYING, {A_VERIFY, A_VERIFY, A_ELIGIBLE, A_NOT_ELIGIBLE, A_COLLECT}, 5},
    {CASE_STATE_ENFORCING,
     {A_COLLECT, A_COLLECT, A_COLLECT, A_PAYOUT, A_PAYOUT, A_COMPLETE, A_COMPLETE, A_VOID,
      A_POSTPONE, A_SUSPEND, A_TERMINATE, A_NOT_ELIGIBLE, A_COERCE, A_CARRY_OUT, A_PAID_AFTER,
      A_COMPLAIN},
     16},
    {CASE_STATE_NOT_ELIGIBLE, {A_VERIFY, A_ELIGIBLE, A_COLLECT, A_TERMINATE}, 4},
    {CASE_STATE_POSTPONED, {A_LIFT, A_LIFT, A_LIFT, A_SUSPEND, A_TERMINATE}, 5},
    {CASE_STATE_SUSPENDED, {A_RESUME, A_RESUME, A_RESUME, A_TERMINATE}, 4},
};

static action_t draw(uint64_t *rng, case_state_t state)
{
    if (testrng_next(rng) % 5 != 0)
        for (size_t i = 0; i < sizeof usual / sizeof usual[0]; i++)
            if (usual[i].state == state)
                return usual[i].next[testrng_next(rng) % usual[i].n];
    return anything[testrng_next(rng) % (sizeof anything / sizeof anything[0])];
}

typedef struct {
    int64_t id, unit, amount;
    civil_date_t last;
    int64_t receipts[MAX_RECEIPTS];
    int nreceipts, n;
} live_t;

static int kept[A_COUNT];

static int is_sqlite(const char *engine)
{
    return strcmp(engine, "sqlite") == 0;
}

static const case_party_input_t parties[] = {
    {"creditor",
     {"person", "Nguyễn Văn An", "001085012345", "Vinh, Nghệ An", CIVIL_DATE_INVALID, 0, NULL}},
    {"debtor",
     {"person", "Lê Thị Bình", "040190001234", "Diễn Châu, Nghệ An", CIVIL_DATE_INVALID, 0, NULL}},
};

static int event(db_t *db, live_t *c, case_event_t type, civil_date_t on, civil_date_t today,
                 uint64_t *rng, op_error_t *err)
{
    case_event_input_t ev = {.type = type, .occurred_on = on};
    int64_t seq;

    if (case_event_needs_document(type))
        ev.document_no = "12/QĐ-THADS";
    if (type == CASE_EVENT_VERIFICATION_RECORDED)
        ev.verify = testrng_next(rng) % 2 ? VERIFY_ELIGIBLE : VERIFY_NOT_ELIGIBLE;
    if (type == CASE_EVENT_POSTPONED || type == CASE_EVENT_SUSPENDED ||
        type == CASE_EVENT_TERMINATED || type == CASE_EVENT_POSTPONEMENT_LIFTED ||
        type == CASE_EVENT_RESUMED)
        ev.ground_on = on;
    if (type == CASE_EVENT_COERCION_SCHEDULED) /* planned for a working day */
        for (ev.coercion_on = on + (civil_date_t)(testrng_next(rng) % 10);
             calendar_is_working_day(app.calendar, ev.coercion_on) != 1; ev.coercion_on++)
            ;
    if (type == CASE_EVENT_COMPLAINT_RECEIVED)
        ev.complaint = (case_complaint_t)(1 + testrng_next(rng) % (CASE_COMPLAINT_COUNT - 1));
    return case_op_event(db, &app, c->id, &ev, 0, today, app.now(), &seq, err);
}

/* Allocate what the case holds, have it approved and pay every payee: what completion
 * needs when money was collected. */
static int pay_out(db_t *db, live_t *c, civil_date_t on, civil_date_t today, op_error_t *err)
{
    int64_t txn, amount;
    int rc = money_op_allocate(db, c->id, NULL, 0, NULL, on, 0, today, app.now(), &txn, err);

    if (rc == 0)
        rc = money_op_approve(db, &app, c->id, txn, on, 0, today, app.now(), &amount, err);
    if (rc == 0)
        rc = money_op_payout_all(db, &app, c->id, on, 1, 0, today, app.now(), err);
    return rc;
}

/* One action on the case, in its own transaction: 1 kept, 0 refused (nothing written). */
static int act(db_t *db, live_t *c, action_t a, civil_date_t on, civil_date_t today, uint64_t *rng,
               live_t *born)
{
    static const case_event_t plain[A_COUNT] = {
        [A_DECIDE] = CASE_EVENT_DECIDED,
        [A_NOTIFY] = CASE_EVENT_NOTIFIED,
        [A_PERIOD_ENDED] = CASE_EVENT_VOLUNTARY_PERIOD_ENDED,
        [A_VERIFY] = CASE_EVENT_VERIFICATION_RECORDED,
        [A_ELIGIBLE] = CASE_EVENT_CLASSIFIED_ELIGIBLE,
        [A_NOT_ELIGIBLE] = CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE,
        [A_POSTPONE] = CASE_EVENT_POSTPONED,
        [A_LIFT] = CASE_EVENT_POSTPONEMENT_LIFTED,
        [A_SUSPEND] = CASE_EVENT_SUSPENDED,
        [A_RESUME] = CASE_EVENT_RESUMED,
        [A_COMPLETE] = CASE_EVENT_COMPLETED,
        [A_TERMINATE] = CASE_EVENT_TERMINATED,
        [A_RETURN] = CASE_EVENT_APPLICATION_RETURNED,
        [A_REVOKE] = CASE_EVENT_REVOKED,
        [A_REFUSE] = CASE_EVENT_REFUSED,
        [A_COERCE] = CASE_EVENT_COERCION_SCHEDULED,
        [A_CARRY_OUT] = CASE_EVENT_COERCION_CARRIED_OUT,
        [A_PAID_AFTER] = CASE_EVENT_COERCION_PAID_VOLUNTARILY,
        [A_COMPLAIN] = CASE_EVENT_COMPLAINT_RECEIVED,
        [A_RESOLVE] = CASE_EVENT_COMPLAINT_DECIDED,
    };
    op_error_t err = {0};
    int rc;

    assert_int_equal(db_begin(db), DB_OK);
    switch (a) {
    case A_COLLECT: {
        uint64_t r = testrng_next(rng);
        money_collection_t in = {on,
                                 r % 3 == 0 ? c->amount : 1 + (int64_t)(r % (uint64_t)c->amount),
                                 LEDGER_METHOD_CASH,
                                 "Lê Thị Bình",
                                 NULL,
                                 NULL};
        money_doc_t doc = {0};
        rc = money_op_collect(db, &app, c->id, &in, 0, today, app.now(), &doc, &err);
        if (rc == 0 && c->nreceipts < MAX_RECEIPTS)
            c->receipts[c->nreceipts++] = doc.doc_id;
        break;
    }
    case A_VOID:
        rc = c->nreceipts == 0
                 ? -1
                 : money_op_void(db, &app, c->receipts[testrng_next(rng) % (uint64_t)c->nreceipts],
                                 "Thu nhầm", on, 0, today, app.now(), &err);
        break;
    case A_PAYOUT:
        rc = pay_out(db, c, on, today, &err);
        break;
    case A_ENTRUST: {
        char no[32];
        snprintf(no, sizeof no, "%d-UT/QĐ-THADS", c->n);
        rc = case_op_entrust(db, &app, c->id, office_on(rng, on, c->unit), no, on, "15/QĐ-THADS", 0,
                             today, app.now(), &born->id, &err);
        break;
    }
    default:
        rc = event(db, c, plain[a], on, today, rng, &err);
        break;
    }
    if (rc == 0) {
        assert_int_equal(db_commit(db), DB_OK);
        return 1;
    }
    assert_int_equal(db_rollback(db), DB_OK);
    if (rc != -1 && (err.status == OP_INTERNAL || err.status == OP_UNAVAILABLE))
        fail_msg("seed %llu: case %lld, %s on day %d: %s", (unsigned long long)seed,
                 (long long)c->id, action_names[a], (int)on, err.en);
    return 0;
}

/* The case's history: events drawn at random, each kept when the law allows it. */
static void live(db_t *db, live_t *c, uint64_t *rng, int *nlived)
{
    for (int k = 0; k < 16; k++) {
        case_row_t row;
        action_t a;
        civil_date_t on, today;
        live_t born = {0};

        assert_int_equal(cases_get(db, c->id, &row), DB_ROW);
        a = draw(rng, (case_state_t)case_state_parse(row.state));
        on = c->last + (civil_date_t)(testrng_next(rng) % 50);
        if (on > end_day)
            break;
        /* recorded the same day or up to four months later: backdated */
        today = on + (civil_date_t)(testrng_next(rng) % 120);
        if (today > end_day)
            today = end_day;
        if (!act(db, c, a, on, today, rng, &born))
            continue;
        kept[a]++;
        c->last = on;
        if (a == A_ENTRUST) { /* the receiving agency's case goes on */
            case_row_t r;
            assert_int_equal(cases_get(db, born.id, &r), DB_ROW);
            born.unit = r.unit_id;
            born.amount = r.amount_vnd > 0 ? r.amount_vnd : 1;
            born.last = on;
            born.n = c->n;
            (*nlived)++;
            live(db, &born, rng, nlived);
            return;
        }
    }
}

/* ---- debtors who go to prison (the special category "prisoner") ------------------- */

/* A pool of debtors of their own, some with several cases; each may be registered as a
 * prisoner held in TG6 from a random day (recorded on end_day: backdated, before or after
 * the events of their cases are recorded) and released later. */
#define POOL 40
static struct {
    char id_number[24], name[64];
    int64_t case_id, prisoner_id;   /* a case of theirs; their prisoner record (0: none) */
    civil_date_t entered, released; /* CIVIL_DATE_INVALID: not yet */
} pool[POOL];
static int prison_moves[2]; /* registered, released */

static void pool_init(void)
{
    memset(pool, 0, sizeof pool);
    memset(prison_moves, 0, sizeof prison_moves);
    for (int k = 0; k < POOL; k++) {
        snprintf(pool[k].id_number, sizeof pool[k].id_number, "040199%06d", k);
        snprintf(pool[k].name, sizeof pool[k].name, "Phạm Văn Tù %d", k);
        pool[k].entered = pool[k].released = CIVIL_DATE_INVALID;
    }
}

/* Register pool debtor k, or release them: what the prison register records, in its own
 * transaction, dated any day up to end_day. */
static void prison_step(db_t *db, uint64_t *rng, int k)
{
    op_error_t err;
    int rc;

    if (pool[k].case_id == 0 || pool[k].released != CIVIL_DATE_INVALID)
        return;
    assert_int_equal(db_begin(db), DB_OK);
    if (pool[k].prisoner_id == 0) {
        civil_date_t on = d("2023-01-01") + (civil_date_t)(testrng_next(rng) % 1420);
        int64_t party;
        prisoner_input_t in = {.case_id = pool[k].case_id,
                               .camp_unit_id = unit_named("TG6")->id,
                               .prisoner_no = pool[k].id_number,
                               .sentence = "05 năm tù",
                               .entered_on = on,
                               .expected_release_on = CIVIL_DATE_INVALID,
                               .birth_date = CIVIL_DATE_INVALID};
        assert_int_equal(parties_find(db, "person", pool[k].id_number, &party), DB_ROW);
        in.party_id = party;
        rc = prison_op_register(db, &app, &in, 0, end_day, app.now(), &pool[k].prisoner_id, &err);
        if (rc == 0) {
            pool[k].entered = on;
            prison_moves[0]++;
        }
    } else {
        civil_date_t on = pool[k].entered + 1 +
                          (civil_date_t)(testrng_next(rng) % (uint64_t)(end_day - pool[k].entered));
        rc = prison_op_move(db, &app, pool[k].prisoner_id, PRISON_MOVE_RELEASE, 0, on, NULL, 0,
                            end_day, app.now(), &err);
        if (rc == 0) {
            pool[k].released = on;
            prison_moves[1]++;
        }
    }
    if (rc != 0)
        fail_msg("seed %llu: prisoner %d: %s", (unsigned long long)seed, k, err.en);
    assert_int_equal(db_commit(db), DB_OK);
}

static void random_case(db_t *db, uint64_t *rng, int n, int *nlived)
{
    civil_date_t received = d("2023-01-01") + (civil_date_t)(testrng_next(rng) % 1400);
    int64_t amount = 1000 * (int64_t)(1 + testrng_next(rng) % 900000), id;
    static const char *const categories[] = {"civil", "civil", "credit", "corruption"};
    case_item_input_t item = {"pay_money", "Trả nợ", amount, 0, 3};
    char no[32];
    int k = testrng_next(rng) % 3 == 0 ? (int)(testrng_next(rng) % POOL) : -1;
    case_party_input_t own[2] = {parties[0], parties[1]};
    case_input_t in = {
        .unit_id = office_on(rng, received, 0),
        .case_no = no,
        .source = testrng_next(rng) % 2 ? "application" : "ex_officio",
        .category = categories[testrng_next(rng) % 4],
        .received_on = received,
        .judgment_no = "07/2022/DS-ST",
        .court_name = "TAND khu vực 1 - Nghệ An",
        .judgment_kind = "civil",
        .judgment_date = d("2022-12-01"),
        .parties = own,
        .nparties = 2,
        .items = &item,
        .nitems = 1,
        /* a special category beyond the category's own, now and then */
        .flags = (int)(testrng_next(rng) % 8) & (STAT_FLAG_CREDIT | STAT_FLAG_CORRUPTION),
    };
    op_error_t err;
    live_t c = {0};

    if (testrng_next(rng) % 2)
        in.flags = 0;
    if (k >= 0) { /* a debtor of the pool, perhaps in prison already */
        own[1].p.full_name = pool[k].name;
        own[1].p.id_number = pool[k].id_number;
    }
    snprintf(no, sizeof no, "%d/QĐ-THADS", n);
    assert_int_equal(db_begin(db), DB_OK);
    if (case_op_create(db, &app, &in, 0, received, app.now(), &id, &err) != 0)
        fail_msg("seed %llu: case %s: %s (%s)", (unsigned long long)seed, no, err.en, err.field);
    assert_int_equal(db_commit(db), DB_OK);
    c = (live_t){.id = id, .unit = in.unit_id, .amount = amount, .last = received, .n = n};
    (*nlived)++;
    if (k >= 0 && pool[k].case_id == 0)
        pool[k].case_id = id;
    /* the register moves before, between and after the cases' events are recorded */
    if (testrng_next(rng) % 6 == 0)
        prison_step(db, rng, (int)(testrng_next(rng) % POOL));
    live(db, &c, rng, nlived);
}

/* ---- cases taken over from another system ---------------------------------------- */

/* A history as an importer plays it (no receipts: money posted without documents), drawn
 * along the states so that most are allowed; a refused one is not written and its deltas
 * are taken back out of the importer's sums. */
static size_t bulk_history(uint64_t *rng, civil_date_t received, int64_t amount,
                           case_event_input_t *ev, size_t max)
{
    enum { ENF, NOT_EL, POSTP, SUSP, CLOSED } st = ENF, before_stop = ENF;
    civil_date_t on = received + (civil_date_t)(testrng_next(rng) % 20);
    int64_t held = 0, collected = 0;
    size_t n = 0;

#define PUSH(t, amt)                                                                               \
    do {                                                                                           \
        if (n == max || on > end_day)                                                              \
            return n;                                                                              \
        ev[n] = (case_event_input_t){.type = (t), .occurred_on = on, .amount_vnd = (amt)};         \
        if (case_event_needs_document(t))                                                          \
            ev[n].document_no = "nhập liệu";                                                       \
        if ((t) == CASE_EVENT_POSTPONED || (t) == CASE_EVENT_SUSPENDED ||                          \
            (t) == CASE_EVENT_TERMINATED || (t) == CASE_EVENT_POSTPONEMENT_LIFTED ||               \
            (t) == CASE_EVENT_RESUMED)                                                             \
            ev[n].ground_on = on;                                                                  \
        n++;                                                                                       \
    } while (0)

    if (testrng_next(rng) % 10 == 0)
        return 0; /* received only */
    PUSH(CASE_EVENT_DECIDED, 0);
    PUSH(CASE_EVENT_NOTIFIED, 0);
    if (testrng_next(rng) % 6 == 0)
        return n; /* in its voluntary period */
    on += 20 + (civil_date_t)(testrng_next(rng) % 30);
    PUSH(CASE_EVENT_VOLUNTARY_PERIOD_ENDED, 0);
    if (testrng_next(rng) % 3 == 0) {
        PUSH(CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, 0);
        st = NOT_EL;
    } else {
        PUSH(CASE_EVENT_CLASSIFIED_ELIGIBLE, 0);
    }
    for (int k = 0; k < 6 && st != CLOSED; k++) {
        uint64_t r = testrng_next(rng) % 10;
        on += (civil_date_t)(testrng_next(rng) % 40);
        if (st == POSTP || st == SUSP) {
            if (r < 7) {
                PUSH(st == POSTP ? CASE_EVENT_POSTPONEMENT_LIFTED : CASE_EVENT_RESUMED, 0);
                st = before_stop;
            } else {
                PUSH(CASE_EVENT_TERMINATED, 0);
                st = CLOSED;
            }
        } else if (r < 4) { /* a collection, partial or the rest */
            int64_t a = testrng_next(rng) % 2 || collected >= amount
                            ? 1 + (int64_t)(testrng_next(rng) % (uint64_t)amount)
                            : amount - collected;
            PUSH(CASE_EVENT_MONEY_COLLECTED, a);
            held += a;
            collected += a;
        } else if (r < 5 && held > 0) {
            PUSH(CASE_EVENT_MONEY_PAID, held);
            held = 0;
        } else if (r < 6) {
            before_stop = st;
            PUSH(CASE_EVENT_POSTPONED, 0);
            st = POSTP;
        } else if (r < 7) {
            before_stop = st;
            PUSH(CASE_EVENT_SUSPENDED, 0);
            st = SUSP;
        } else if (r < 9 && st == ENF) {
            if (held > 0)
                PUSH(CASE_EVENT_MONEY_PAID, held);
            held = 0;
            PUSH(CASE_EVENT_COMPLETED, 0);
            st = CLOSED;
        } else if (r < 9) {
            PUSH(CASE_EVENT_CLASSIFIED_ELIGIBLE, 0);
            st = ENF;
        } else {
            if (held > 0)
                PUSH(CASE_EVENT_MONEY_PAID, held);
            held = 0;
            PUSH(CASE_EVENT_TERMINATED, 0);
            st = CLOSED;
        }
    }
    if (testrng_next(rng) % 8 == 0) /* more paid out than is held: the case is refused */
        PUSH(CASE_EVENT_MONEY_PAID, held + 1000);
#undef PUSH
    return n;
}

static void bulk_cases(db_t *db, uint64_t *rng, int first_no, int count, int *nlived, int *refused)
{
    static const char *const categories[] = {"civil", "credit", "corruption"};
    case_bulk_t *b = case_bulk_new();
    op_error_t err;

    assert_non_null(b);
    assert_int_equal(db_begin(db), DB_OK);
    for (int i = 0; i < count; i++) {
        civil_date_t received = d("2023-01-01") + (civil_date_t)(testrng_next(rng) % 1400);
        int64_t amount = 1000 * (int64_t)(1 + testrng_next(rng) % 900000), id;
        case_item_input_t item = {"pay_money", "Trả nợ", amount, 0, 3};
        case_event_input_t ev[CASE_MAX_EVENTS_AT_ONCE];
        char no[32];
        case_input_t in = {
            .unit_id = office_on(rng, received, 0),
            .case_no = no,
            .source = testrng_next(rng) % 2 ? "application" : "ex_officio",
            .category = categories[testrng_next(rng) % 3],
            .received_on = received,
            .judgment_no = "08/2022/DS-ST",
            .court_name = "TAND khu vực 2 - Nghệ An",
            .judgment_kind = "civil",
            .judgment_date = d("2022-12-01"),
            .parties = parties,
            .nparties = 2,
            .items = &item,
            .nitems = 1,
        };
        size_t nev = bulk_history(rng, received, amount, ev, CASE_MAX_EVENTS_AT_ONCE), failed;
        case_draft_t *draft = NULL;
        case_row_t row;

        snprintf(no, sizeof no, "%d/QĐ-NL", first_no + i);
        assert_int_equal(cases_first_free_id(db, &id), DB_OK);
        if (case_bulk_prepare(b, &app, &in, ev, nev, id, 0, end_day, app.now(), &draft, &err) !=
            0) {
            (*refused)++;
            continue;
        }
        if (case_bulk_insert(b, db, draft, &row, &failed, &err) == 0)
            (*nlived)++;
        else
            (*refused)++;
        case_draft_free(draft);
    }
    if (case_bulk_write_sums(b, db, &err) != 0)
        fail_msg("bulk stats: %s", err.en);
    assert_int_equal(db_commit(db), DB_OK);
    case_bulk_free(b);
}

/* ---- the comparison --------------------------------------------------------------- */

static const char *const extra_lines[] = {"removed"};

static void print_case(const report_ref_book_t *book, int64_t id)
{
    for (size_t i = 0; i < book->n; i++) {
        const report_ref_case_row_t *c = &book->cases[i];
        if (c->id != id)
            continue;
        print_error("  case %lld (unit %lld, %s, %s, flags %d, amount %lld):", (long long)c->id,
                    (long long)c->unit_id, c->on_application ? "application" : "ex officio",
                    c->category, c->flags, (long long)c->amount_vnd);
        for (size_t k = 0; k < c->nheld; k++)
            print_error(" held %d..%d;", (int)c->held[k].from, (int)c->held[k].to);
        for (size_t k = 0; k < c->nsteps; k++) {
            char day[16];
            civil_date_format(c->steps[k].day, day);
            print_error(" %s %s %lld;", day, case_state_code(c->steps[k].state),
                        (long long)c->steps[k].collected_vnd);
        }
        print_error("\n");
    }
}

/* Name the cases whose part in the line differs: the drill-down's rows (the same deltas,
 * per case) beside each case's reference part. */
static void explain(db_t *db, const report_ref_book_t *book, const char *unit, int64_t unit_id,
                    civil_date_t from, civil_date_t to, report_line_t line, const char *category,
                    int app_only)
{
    report_case_page_t page;
    op_error_t err;
    int shown = 0;

    int flag = stat_flag_parse(category);

    for (size_t i = 0; i < book->n && shown < 5; i++) {
        const report_ref_case_row_t *c = &book->cases[i];
        report_ref_case_t rc = {c->amount_vnd, c->steps, c->nsteps, flag == STAT_FLAG_PRISONER,
                                c->held,       c->nheld};
        report_t one;
        report_cell_t fast = {0, 0};
        int yes = 0;

        if ((!flag && category && strcmp(category, c->category) != 0) ||
            ((flag & STAT_FLAGS_STATIC) && !(c->flags & flag)) || (app_only && !c->on_application))
            continue;
        assert_int_equal(report_ref_within(db, unit_id, c->unit_id, to, &yes), DB_OK);
        if (!yes)
            continue;
        memset(&one, 0, sizeof one);
        report_ref_add_case(&one, &rc, from, to);
        if (report_op_cases(db, unit, from, to, line, category,
                            app_only ? CASE_SOURCE_APPLICATION : REPORT_SOURCE_ANY, c->id - 1, 1,
                            &page, &err) == 0) {
            if (page.n == 1 && page.rows[0].case_id == c->id)
                fast = page.rows[0].cell;
            report_case_page_free(&page);
        }
        if (fast.cases != one.line[line].cases || fast.money != one.line[line].money) {
            print_error("case %lld: report %lld cases %lld đồng, reference %lld cases %lld đồng\n",
                        (long long)c->id, (long long)fast.cases, (long long)fast.money,
                        (long long)one.line[line].cases, (long long)one.line[line].money);
            print_case(book, c->id);
            shown++;
        }
    }
}

static void compare(db_t *db, const report_ref_book_t *book, const char *unit, int64_t unit_id,
                    civil_date_t from, civil_date_t to, const char *category, const report_t *fast,
                    const report_t *ref, int app_only)
{
    char f[16], t[16];

    civil_date_format(from, f);
    civil_date_format(to, t);
    for (int l = 0; l <= REPORT_LINE_COUNT; l++) {
        report_cell_t a = l < REPORT_LINE_COUNT ? fast->line[l] : fast->removed;
        report_cell_t b = l < REPORT_LINE_COUNT ? ref->line[l] : ref->removed;
        const char *name =
            l < REPORT_LINE_COUNT ? report_line_code((report_line_t)l) : extra_lines[0];
        if (a.cases == b.cases && a.money == b.money)
            continue;
        if (l < REPORT_LINE_COUNT)
            explain(db, book, unit, unit_id, from, to, (report_line_t)l, category, app_only);
        fail_msg("seed %llu: %s %s..%s category %s%s: %s: report %lld cases %lld đồng, "
                 "reference %lld cases %lld đồng",
                 (unsigned long long)seed, unit, f, t, category ? category : "-",
                 app_only ? " (on application)" : "", name, (long long)a.cases, (long long)a.money,
                 (long long)b.cases, (long long)b.money);
    }
    if (!report_is_consistent(fast) || !report_is_consistent(ref))
        fail_msg("seed %llu: %s %s..%s: C = D + E does not hold", (unsigned long long)seed, unit, f,
                 t);
    /* the reference's F is its open cases on `to`, counted on their own */
    assert_int_equal(ref->line[REPORT_REMAINING].cases,
                     ref->line[REPORT_TO_ENFORCE].cases - ref->line[REPORT_COMPLETED].cases);
    assert_int_equal(ref->line[REPORT_REMAINING].money,
                     ref->line[REPORT_TO_ENFORCE].money - ref->line[REPORT_COMPLETED].money);
}

/* A period: a month, a reporting year (1 Oct - 30 Sep), a day, or any range. */
static void random_period(uint64_t *rng, civil_date_t *from, civil_date_t *to)
{
    int y, m, dd;
    civil_date_t start = d("2023-01-01") + (civil_date_t)(testrng_next(rng) % 1450);

    civil_date_to_ymd(start, &y, &m, &dd);
    switch (testrng_next(rng) % 4) {
    case 0:
        *from = civil_date_from_ymd(y, m, 1);
        *to = (m == 12 ? civil_date_from_ymd(y + 1, 1, 1) : civil_date_from_ymd(y, m + 1, 1)) - 1;
        break;
    case 1:
        *from = civil_date_from_ymd(y - 1, 10, 1);
        *to = civil_date_from_ymd(y, 9, 30);
        break;
    case 2:
        *from = *to = start;
        break;
    default:
        *from = start;
        *to = start + (civil_date_t)(testrng_next(rng) % 500);
        break;
    }
}

static int scale(void)
{
    const char *s = getenv("THADS_PROP_SCALE");
    int n = s ? atoi(s) : 1;
    return n > 0 ? n : 1;
}

static void test_report_equals_the_replay_of_events(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    const char *s = getenv("THADS_PROP_SEED");
    uint64_t rng;
    int ncases = BASE_CASES * scale(), nqueries = BASE_QUERIES * scale(), nlived = 0, refused = 0,
        nonzero[REPORT_LINE_COUNT] = {0};
    report_ref_book_t book;
    op_error_t err;
    static const char *const categories[] = {NULL,         NULL,       "civil",   "credit",
                                             "corruption", "prisoner", "prisoner"};
    int special_seen[STAT_FLAG_COUNT] = {0}, moved[2] = {0}, actions_seen[12] = {0};

    seed = s ? strtoull(s, NULL, 0) : 0x15AB0C0DEull;
    rng = seed;
    print_message("seed %llu (THADS_PROP_SEED), %d cases (THADS_PROP_SCALE)\n",
                  (unsigned long long)seed, ncases);
    app_init(&app, NULL, "test");
    end_day = d("2026-11-30");
    memset(kept, 0, sizeof kept);
    if (is_sqlite(*state)) /* a throw-away file: no fsync per transaction */
        testdb_exec(db, "PRAGMA synchronous = OFF");
    build_org(db);
    pool_init();
    for (int n = 1; n <= ncases; n++)
        random_case(db, &rng, n, &nlived);
    bulk_cases(db, &rng, 1, BASE_BULK * scale(), &nlived, &refused);
    /* the register after every event: entries and releases backdated over them */
    for (int k = 0; k < POOL; k++)
        if (testrng_next(&rng) % 2)
            prison_step(db, &rng, k);
    if (getenv("THADS_PROP_VERBOSE"))
        print_message("prisoners: %d registered, %d released\n", prison_moves[0], prison_moves[1]);
    if (prison_moves[0] == 0 || prison_moves[1] == 0)
        fail_msg("seed %llu: no prisoner registered or released", (unsigned long long)seed);
    if (getenv("THADS_PROP_VERBOSE"))
        print_message("imported: %d refused\n", refused);
    /* every kind of history happened */
    if (getenv("THADS_PROP_VERBOSE"))
        for (int a = 0; a < A_COUNT; a++)
            print_message("%s: %d kept\n", action_names[a], kept[a]);
    for (int a = 0; a < A_COUNT; a++)
        if (kept[a] == 0 && a != A_REFUSE)
            fail_msg("seed %llu: no %s kept", (unsigned long long)seed, action_names[a]);

    if (report_ref_load(db, &book, &err) != 0)
        fail_msg("reference: %s", err.en);
    assert_int_equal((int)book.n, nlived);
    for (int q = 0; q < nqueries; q++) {
        const org_unit_t *u = &org[testrng_next(&rng) % NORG];
        const char *category = categories[testrng_next(&rng) % 7];
        civil_date_t from, to;
        report_summary_t sum;

        random_period(&rng, &from, &to);
        if (report_op_summary(db, u->code, from, to, category, &sum, &err) != 0) {
            if (err.status == OP_NOT_FOUND) /* a unit not yet open on `to` */
                continue;
            fail_msg("report %s: %s", u->code, err.en);
        }
        for (size_t i = 0; i <= sum.nunits; i++) {
            const report_unit_t *ru = i == 0 ? &sum.top : &sum.units[i - 1];
            report_t all, app_part;
            if (report_ref_sum(db, &book, ru->unit_id, from, to, category, &all, &app_part, &err) !=
                0)
                fail_msg("seed %llu: reference: %s", (unsigned long long)seed, err.en);
            compare(db, &book, ru->code, ru->unit_id, from, to, category, &ru->all, &all, 0);
            compare(db, &book, ru->code, ru->unit_id, from, to, category, &ru->on_application,
                    &app_part, 1);
            for (int l = 0; l < REPORT_LINE_COUNT; l++)
                nonzero[l] += all.line[l].cases != 0;
        }
        /* the coercion and complaint counts of the top unit */
        assert_int_equal(sum.has_actions, category == NULL);
        if (sum.has_actions) {
            report_coercion_t co;
            report_complaints_t cp;
            assert_true(sum.actions_ok);
            assert_int_equal(
                report_ref_actions(db, &book, sum.top.unit_id, from, to, &co, &cp, &err), 0);
            const int64_t got[12] = {sum.coercion.carried_over, sum.coercion.new_,
                                     sum.coercion.total,        sum.coercion.paid_voluntarily,
                                     sum.coercion.needing,      sum.coercion.carried_out,
                                     sum.coercion.pending,      sum.complaints.carried_over,
                                     sum.complaints.new_,       sum.complaints.total,
                                     sum.complaints.resolved,   sum.complaints.pending};
            const int64_t want[12] = {
                co.carried_over, co.new_,        co.total,    co.paid_voluntarily,
                co.needing,      co.carried_out, co.pending,  cp.carried_over,
                cp.new_,         cp.total,       cp.resolved, cp.pending};
            for (int k = 0; k < 12; k++) {
                if (got[k] != want[k])
                    fail_msg("seed %llu: %s %d..%d: coercion/complaint figure %d: %lld, reference "
                             "%lld",
                             (unsigned long long)seed, u->code, (int)from, (int)to, k,
                             (long long)got[k], (long long)want[k]);
                actions_seen[k] += got[k] != 0;
            }
        }
        /* the special tables: the top unit's lines restricted to each flag */
        assert_int_equal(sum.has_special, category == NULL);
        for (int f = 0; sum.has_special && f < STAT_FLAG_COUNT; f++) {
            report_t all, app_part;
            if (report_ref_sum(db, &book, sum.top.unit_id, from, to, stat_flag_code(f), &all,
                               &app_part, &err) != 0)
                fail_msg("seed %llu: reference: %s", (unsigned long long)seed, err.en);
            compare(db, &book, sum.top.code, sum.top.unit_id, from, to, stat_flag_code(f),
                    &sum.special[f], &all, 0);
            special_seen[f] += all.line[REPORT_TO_ENFORCE].cases != 0;
        }
        if (category != NULL && strcmp(category, "prisoner") == 0) {
            /* a debtor entering or leaving a camp in the period: new / removed */
            report_t all, app_part;
            assert_int_equal(report_ref_sum(db, &book, sum.top.unit_id, from, to, category, &all,
                                            &app_part, &err),
                             0);
            moved[0] += all.line[REPORT_NEW].cases > 0;
            moved[1] += all.removed.cases > 0;
        }
        report_summary_free(&sum);
    }
    /* the comparison saw every line at work */
    if (getenv("THADS_PROP_VERBOSE"))
        for (int l = 0; l < REPORT_LINE_COUNT; l++)
            print_message("%s: in %d reports\n", report_line_code((report_line_t)l), nonzero[l]);
    for (int l = 0; l < REPORT_LINE_COUNT; l++)
        if (nonzero[l] == 0)
            fail_msg("seed %llu: line %s never had a case", (unsigned long long)seed,
                     report_line_code((report_line_t)l));
    for (int f = 0; f < STAT_FLAG_COUNT; f++)
        if (special_seen[f] == 0)
            fail_msg("seed %llu: the %s table never had a case", (unsigned long long)seed,
                     stat_flag_code(f));
    for (int k = 0; k < 12; k++)
        if (actions_seen[k] == 0)
            fail_msg("seed %llu: coercion/complaint figure %d never had a case",
                     (unsigned long long)seed, k);
    if (moved[0] == 0 || moved[1] == 0)
        fail_msg("seed %llu: no prisoner table saw a debtor enter (%d) and leave (%d)",
                 (unsigned long long)seed, moved[0], moved[1]);

    /* and the comparison has teeth: one damaged statistics row shows */
    {
        report_summary_t sum;
        report_t all, app_part;
        assert_int_equal(stat_delta_add(db, unit_named("NA-KV2")->id, d("2024-05-01"), "civil", 0,
                                        "d3_enforcing", 1, 1000),
                         DB_OK);
        assert_int_equal(
            report_op_summary(db, "NA", d("2024-01-01"), d("2024-12-31"), NULL, &sum, &err), 0);
        assert_int_equal(report_ref_sum(db, &book, sum.top.unit_id, d("2024-01-01"),
                                        d("2024-12-31"), NULL, &all, &app_part, &err),
                         0);
        assert_int_equal(sum.top.all.line[REPORT_IN_PROGRESS].cases,
                         all.line[REPORT_IN_PROGRESS].cases + 1);
        assert_int_equal(sum.top.all.line[REPORT_IN_PROGRESS].money,
                         all.line[REPORT_IN_PROGRESS].money + 1000);
        assert_false(report_is_consistent(&sum.top.all));
        report_summary_free(&sum);
    }
    report_ref_free(&book);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_BOTH(test_report_equals_the_replay_of_events),
    };
    if (sodium_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}

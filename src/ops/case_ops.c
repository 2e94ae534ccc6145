/*
 * ops/case_ops.c — opening a case and recording its events.
 *
 * Recording an event, in one transaction (the caller's):
 *   1. lock the case row, read its state;
 *   2. ask core/case.c whether the law allows the event here (409 with the reason if not);
 *   3. check the event's own facts (dates, documents, officer, money);
 *   4. append it to the case's hash chain;
 *   5. update the projection (state, bucket, officer, money);
 *   6. write statistics deltas when the bucket or the money changes;
 *   7. close and open legal deadlines (core/case_deadline.c, core/rules.c).
 * Steps 2-7 are played in memory for every event of a call, then written at once
 * ("playing events" below): all or nothing, and one write of each row however many
 * events the call records.
 */
#include "ops/case_ops.h"
#include "core/access.h"
#include "core/case_engine.h"
#include "core/keyset.h"
#include "core/money.h"
#include "core/text.h"
#include "core/unit.h"
#include "store/search.h"
#include "store/units.h"
#include "store/users.h"

#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const categories[] = {
    "civil",  "marriage_family", "labour",         "criminal_civil",
    "credit", "corruption",      "administrative", NULL};
static const char *const party_kinds[] = {"person", "organization", "state", NULL};
static const char *const party_roles[] = {"creditor", "debtor", "related", NULL};
static const char *const content_types[] = {"pay_money",
                                            "periodic_pay",
                                            "court_fee",
                                            "court_charge",
                                            "fine",
                                            "confiscation",
                                            "illicit_gain",
                                            "hand_over_asset",
                                            "hand_over_land",
                                            "act",
                                            "refrain",
                                            "destroy_exhibit",
                                            "return_property",
                                            NULL};

static int one_of(const char *s, const char *const *list)
{
    for (; s && *list; list++)
        if (strcmp(s, *list) == 0)
            return 1;
    return 0;
}

int case_category_valid(const char *code)
{
    return one_of(code, categories);
}

const char *case_judgment_kind(const char *category)
{
    static const char *const kinds[][2] = {
        {"criminal_civil", "criminal"},         {"corruption", "criminal"},
        {"administrative", "administrative"},   {"credit", "business"},
        {"marriage_family", "marriage_family"}, {"labour", "labour"}};

    for (size_t i = 0; category != NULL && i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(category, kinds[i][0]) == 0)
            return kinds[i][1];
    return "civil";
}

static int bad_field(op_error_t *err, const char *field, const char *en, const char *vi)
{
    return op_fail(err, OP_INVALID, "invalid_value", field, en, vi);
}

static int check_text(op_error_t *err, const char *field, const char *s, size_t max, int required)
{
    text_status_t ts;
    char en[160], vi[200];

    if (s == NULL || s[0] == '\0') {
        if (!required)
            return 0;
        return op_fail(err, OP_INVALID, "missing_field", field, "This field is required.",
                       "Trường này là bắt buộc.");
    }
    ts = text_check_line(s, max);
    if (ts == TEXT_OK)
        return 0;
    snprintf(en, sizeof en, "Must be text of at most %zu characters: %s.", max, text_status_en(ts));
    snprintf(vi, sizeof vi, "Phải là văn bản tối đa %zu ký tự: %s.", max, text_status_vi(ts));
    return op_fail(err, OP_INVALID, ts == TEXT_TOO_LONG ? "too_long" : "invalid_value", field, en,
                   vi);
}

/* CCCD has 12 digits (the old CMND 9); a tax code 10, or 13 with a branch suffix. */
static int id_number_ok(const char *s)
{
    size_t digits = 0, n = strlen(s);

    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] != '-')
            return 0;
    }
    return digits == 9 || digits == 10 || digits == 12 || digits == 13;
}

static int check_parties(const case_input_t *in, op_error_t *err)
{
    int debtors = 0;
    char field[48];

    if (in->nparties == 0 || in->nparties > CASE_MAX_PARTIES)
        return bad_field(err, "parties", "A case has 1-64 parties, at least one debtor.",
                         "Một việc có từ 1 đến 64 đương sự, ít nhất một người phải thi hành án.");
    for (size_t i = 0; i < in->nparties; i++) {
        const case_party_input_t *p = &in->parties[i];
        int rc;

        /* the member at fault, "parties[1].id_number": an importer maps it to its column */
#define PARTY_FIELD(name) (snprintf(field, sizeof field, "parties[%zu]." name, i), field)
        if (!one_of(p->role, party_roles))
            return bad_field(err, PARTY_FIELD("role"), "role must be creditor, debtor or related.",
                             "Vai trò phải là creditor, debtor hoặc related.");
        if (!one_of(p->p.kind, party_kinds))
            return bad_field(err, PARTY_FIELD("kind"),
                             "kind must be person, organization or state.",
                             "Loại đương sự phải là person, organization hoặc state.");
        if ((rc = check_text(err, PARTY_FIELD("full_name"), p->p.full_name, 200, 1)) != 0 ||
            (rc = check_text(err, PARTY_FIELD("address"), p->p.address, 300, 0)) != 0)
            return rc;
        if (p->p.id_number && p->p.id_number[0] && !id_number_ok(p->p.id_number))
            return bad_field(err, PARTY_FIELD("id_number"),
                             "The ID number must be a CCCD (12 digits) or a tax code (10 or 13).",
                             "Số định danh phải là CCCD (12 số) hoặc mã số thuế (10 hoặc 13 số).");
#undef PARTY_FIELD
        debtors += strcmp(p->role, "debtor") == 0;
    }
    if (debtors == 0)
        return bad_field(err, "parties", "A case needs at least one judgment debtor.",
                         "Việc thi hành án phải có ít nhất một người phải thi hành án.");
    return 0;
}

static int check_items(const case_input_t *in, int64_t *total, op_error_t *err)
{
    char field[48];

    *total = 0;
    if (in->nitems > CASE_MAX_ITEMS)
        return bad_field(err, "items", "At most 64 items.", "Tối đa 64 khoản.");
    for (size_t i = 0; i < in->nitems; i++) {
        const case_item_input_t *it = &in->items[i];
        int rc;

        snprintf(field, sizeof field, "items[%zu]", i);
        if (!one_of(it->content_type, content_types))
            return bad_field(err, field, "Unknown content type.", "Loại khoản không hợp lệ.");
        if ((rc = check_text(err, field, it->description, 500, 1)) != 0)
            return rc;
        if (it->amount_vnd < 0)
            return bad_field(err, field, "An amount cannot be negative.", "Số tiền không được âm.");
        if (it->payment_rank < 1 || it->payment_rank > 3)
            return bad_field(err, field, "payment_rank is 1, 2 or 3 (Art 47).",
                             "Thứ tự thanh toán là 1, 2 hoặc 3 (Điều 47).");
        if (it->creditor >= 0 && ((size_t)it->creditor >= in->nparties ||
                                  strcmp(in->parties[it->creditor].role, "creditor") != 0))
            return bad_field(err, field, "creditor must point at a party who is a creditor.",
                             "Người được thi hành án phải là một đương sự có vai trò creditor.");
        if (money_add(*total, it->amount_vnd, total) != MONEY_OK)
            return bad_field(err, field, "The amounts add up past what can be represented.",
                             "Tổng số tiền vượt giới hạn.");
    }
    return 0;
}

/* Units and users as case_op_insert read them (case_input_t.memo): a linear search of a
 * few hundred rows is far cheaper than a query. What does not fit is read each time.
 * And, on SQLite and once asked (case_memo_keep_keys), the keys of every case number,
 * party with an ID number and judgment: a new one (most of an import's) is written
 * without a lookup. */
#define MEMO_MAX 256
struct case_memo {
    unit_row_t units[MEMO_MAX];
    user_row_t users[MEMO_MAX];
    size_t nunits, nusers;
    int keys_wanted, keys_read;               /* case_memo_keep_keys; the sets read */
    keyset_t *case_nos, *parties, *judgments; /* NULL: look each one up */
};

case_memo_t *case_memo_new(void)
{
    return calloc(1, sizeof(case_memo_t));
}

void case_memo_free(case_memo_t *m)
{
    if (m == NULL)
        return;
    keyset_free(m->case_nos);
    keyset_free(m->parties);
    keyset_free(m->judgments);
    free(m);
}

void case_memo_keep_keys(case_memo_t *m)
{
    m->keys_wanted = 1;
}

/* What a case number is unique in (cases_find_by_no); what parties_find_or_insert
 * matches a party on; judgments_find_or_insert a judgment. */
static uint64_t case_no_key(int64_t unit_id, const char *case_no)
{
    char unit[24];
    const char *parts[] = {unit, case_no};

    snprintf(unit, sizeof unit, "%lld", (long long)unit_id);
    return keyset_hash(parts, 2);
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

/* The memo's key sets, read at its first case: DB_OK (the sets NULL where another writer
 * may add rows meanwhile: PostgreSQL), DB_NOMEM or the error. */
static int memo_read_keys(db_t *db, case_memo_t *m)
{
    int rc = DB_OK;

    if (m->keys_read || !m->keys_wanted)
        return DB_OK;
    if (db_engine(db) == DB_ENGINE_SQLITE) {
        if ((m->case_nos = keyset_new()) == NULL || (m->parties = keyset_new()) == NULL ||
            (m->judgments = keyset_new()) == NULL)
            rc = DB_NOMEM;
        else if ((rc = cases_each_key(db, add_key, m->case_nos)) != DB_OK ||
                 (rc = parties_each_key(db, add_key, m->parties)) != DB_OK ||
                 (rc = judgments_each_key(db, add_key, m->judgments)) != DB_OK)
            rc = rc == DB_DONE ? DB_NOMEM : rc; /* (add_key stops only out of memory) */
    }
    if (rc != DB_OK) { /* all or none: the next case tries again */
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
static int memo_find_case(db_t *db, case_memo_t *m, int64_t unit_id, const char *case_no,
                          int64_t *id)
{
    if (m != NULL && m->case_nos != NULL && !keyset_has(m->case_nos, case_no_key(unit_id, case_no)))
        return DB_DONE;
    return cases_find_by_no(db, unit_id, case_no, id);
}

/* The case number of a case just inserted, for memo_find_case: DB_OK or DB_NOMEM. */
static int memo_add_case(case_memo_t *m, int64_t unit_id, const char *case_no)
{
    if (m == NULL || m->case_nos == NULL)
        return DB_OK;
    return keyset_add(m->case_nos, case_no_key(unit_id, case_no)) == 0 ? DB_OK : DB_NOMEM;
}

/* parties_find_or_insert through the memo (may be NULL): DB_OK, DB_NOMEM or the error. */
static int memo_party(db_t *db, case_memo_t *m, const party_new_t *p, int64_t now, int64_t *id)
{
    uint64_t key;
    int rc;

    if (m == NULL || m->parties == NULL || p->id_number == NULL || p->id_number[0] == '\0')
        return parties_find_or_insert(db, p, now, id);
    key = party_key(p->kind, p->id_number);
    if (keyset_has(m->parties, key) &&
        (rc = parties_find(db, p->kind, p->id_number, id)) != DB_DONE)
        return rc == DB_ROW ? DB_OK : rc;
    if ((rc = parties_insert(db, p, now, id)) != DB_OK)
        return rc;
    return keyset_add(m->parties, key) == 0 ? DB_OK : DB_NOMEM;
}

/* judgments_find_or_insert through the memo (may be NULL), as memo_party. */
static int memo_judgment(db_t *db, case_memo_t *m, const char *number, civil_date_t date,
                         const char *court, const char *kind, int64_t now, int64_t *id)
{
    uint64_t key;
    int rc;

    if (m == NULL || m->judgments == NULL)
        return judgments_find_or_insert(db, number, date, court, kind, now, id);
    key = judgment_key(number, date, court);
    if (keyset_has(m->judgments, key) &&
        (rc = judgments_find(db, number, date, court, id)) != DB_DONE)
        return rc == DB_ROW ? DB_OK : rc;
    if ((rc = judgments_insert(db, number, date, court, kind, now, id)) != DB_OK)
        return rc;
    return keyset_add(m->judgments, key) == 0 ? DB_OK : DB_NOMEM;
}

/* units_get, through the memo m (may be NULL). The unit's parent is that of the first
 * date asked for: the case checks do not use it. */
static int memo_unit(db_t *db, case_memo_t *m, int64_t id, civil_date_t on, unit_row_t *out)
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
static int memo_user(db_t *db, case_memo_t *m, int64_t id, user_row_t *out)
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

/* The officer must be a user with the officer role in the case's unit, or in a unit
 * above or below it (a provincial officer may run a regional office's case). */
static int check_officer(db_t *db, case_memo_t *memo, int64_t officer, int64_t unit_id,
                         civil_date_t on, op_error_t *err)
{
    user_row_t u;
    int up = 0, down = 0;
    int rc = memo_user(db, memo, officer, &u);

    if (rc == DB_DONE)
        return op_fail(err, OP_NOT_FOUND, "not_found", "officer_user_id", "No such user.",
                       "Không tìm thấy người dùng.");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    if (u.disabled || !(u.roles & (1u << ROLE_OFFICER)))
        return op_fail(err, OP_UNPROCESSABLE, "not_an_officer", "officer_user_id",
                       "Cases are assigned to an active enforcement officer.",
                       "Việc thi hành án phải được phân công cho chấp hành viên đang làm việc.");
    /* The usual case, an officer of the case's own unit, needs no walk of the tree.
     * Otherwise the case's unit is judged where it stood on its last day if it has
     * closed since: the open cases of a district office closed in 2025 go to the staff
     * of its successor (scope follows successions, store/units.h). */
    if (u.unit_id != unit_id) {
        unit_row_t cu;
        civil_date_t at = on;
        rc = memo_unit(db, memo, unit_id, on, &cu);
        if (rc != DB_ROW && rc != DB_DONE)
            return op_fail_db(err, db);
        if (rc == DB_ROW)
            at = unit_scope_date(on, cu.valid_from, cu.valid_to);
        if (units_is_within(db, u.unit_id, unit_id, at, &down) != DB_OK ||
            units_is_within(db, unit_id, u.unit_id, at, &up) != DB_OK)
            return op_fail_db(err, db);
    }
    up |= u.unit_id == unit_id;
    if (!up && !down)
        return op_fail(err, OP_UNPROCESSABLE, "officer_elsewhere", "officer_user_id",
                       "The officer works in another unit.", "Chấp hành viên thuộc đơn vị khác.");
    return 0;
}

/* ---- playing events: in memory first, then one write ----------------------------------
 *
 * Every call that records events (case_op_create_with, case_op_events_on, and through
 * them case_op_create, case_op_event, case_op_entrust) plays them first on a copy of the
 * case in memory, a case_work_t: the transition table, each event's own facts, the money,
 * the statistics deltas and the deadlines (core/case_deadline.c, core/rules.c), each event
 * seeing the case as the previous one left it. Nothing is written until every event is
 * allowed, so a refusal leaves the database as it was. Then work_seal() chains the events
 * (their hashes cover the case's id, so a new case takes its id first, cases_next_id) and
 * what they leave behind is written:
 *   - the events, chained after the case's head (one insert each);
 *   - each deadline the events touched, in its final state: one opened and met within
 *     the call is inserted already closed, one that was open before is updated by id;
 *   - the statistics deltas summed per day and bucket (stat_delta is per day, so the
 *     sums are those of writing them one by one; a bucket a case enters and leaves on
 *     the same day nets to nothing and is not written) — or, for an importer, added to
 *     its sums over the whole file (case_input_t.stats) by case_op_prepare, on the
 *     thread reading the file rather than the one writing;
 *   - the projection and the chain's head, once: an existing case's row is updated
 *     (work_write), a new case's inserted already in that state (case_op_create_with).
 * Writing per call rather than per event is what makes a case brought to its state by
 * seven events (an import) cost seven inserts plus a handful of rows instead of seven
 * times everything; a single event costs what it did, plus the read of the case's open
 * deadlines.
 */

/* Events one call may record, besides a case's first (case_op_create_with). */
#define WORK_MAX_EVENTS CASE_MAX_EVENTS_AT_ONCE
/* Delta rows one call may touch: those of each event's verdict. */
#define WORK_MAX_DELTAS ((size_t)CASE_VERDICT_MAX_DELTAS * (WORK_MAX_EVENTS + 1))

typedef struct {
    civil_date_t day;
    const char *bucket; /* static: a case_stat_code(), "money_collected", "money_paid" */
    int64_t cases, amount_vnd;
    int summed; /* added to case_input_t.stats by case_op_prepare: not written here */
} work_delta_t;

/* A check an event needs the database for, made after the events are played (see
 * work_check_officers): the officer of an assigned event. */
typedef struct {
    size_t event; /* its index in the call */
    int64_t officer_user_id;
    civil_date_t on;
} work_check_t;

typedef struct {
    case_row_t c;     /* the case's row: identity, display, and at work_seal the projection */
    case_play_t play; /* the case as the events played so far leave it (core/case_engine.h) */
    case_rules_t rules;
    int64_t seq0; /* the head before them: event_seq and last_hash */
    char hash0[CHAIN_HASH_HEX];
    case_event_new_t events[WORK_MAX_EVENTS + 1];     /* payloads owned */
    char hashes[WORK_MAX_EVENTS + 1][CHAIN_HASH_HEX]; /* work_seal */
    size_t nevents;
    int synthesized;     /* case_input_t.synthesized */
    case_memo_t *memo;   /* case_input_t.memo */
    int officer_changed; /* by an assigned event */
    work_delta_t deltas[WORK_MAX_DELTAS];
    size_t ndeltas;
    work_check_t checks[WORK_MAX_EVENTS];
    size_t nchecks;
} case_work_t;

/* What the engine reads of a case row. */
static case_facts_t facts_of_row(const case_row_t *c)
{
    int state = case_state_parse(c->state);

    return (case_facts_t){
        .state = state < 0 ? CASE_STATE_COUNT : (case_state_t)state,
        .on_application = strcmp(c->source, "application") == 0,
        .state_on = c->state_on,
        .decided_on = c->decided_on,
        .last_event_on = c->last_event_on,
        .amount_vnd = c->amount_vnd,
        .collected_vnd = c->collected_vnd,
        .paid_vnd = c->paid_vnd,
        .officer_user_id = c->officer_user_id,
        .event_seq = c->event_seq,
    };
}

/* A work for case c (its head as read under the row lock, or a new case's), judged by
 * the app's rules as of today. NULL when out of memory. */
static case_work_t *work_new(const case_row_t *c, const app_t *app, civil_date_t today)
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

static void work_free(case_work_t *w)
{
    if (w == NULL)
        return;
    for (size_t i = 0; i < w->nevents; i++)
        free((char *)w->events[i].payload);
    case_play_free(&w->play);
    free(w);
}

static int keep_open_deadline(const deadline_state_t *d, void *arg)
{
    return case_play_add_deadline(arg, d) != 0;
}

static int out_of_memory(op_error_t *err)
{
    return op_fail_nomem(err);
}

/* An engine's refusal as an operation's. */
static int engine_refused(op_error_t *err, const case_refusal_t *why)
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
static int work_load_deadlines(db_t *db, case_work_t *w, op_error_t *err)
{
    int rc = deadlines_open_of_case(db, w->c.id, keep_open_deadline, &w->play);

    if (rc == DB_OK && w->play.ndl > 0 && w->play.dl[w->play.ndl - 1].id == 0)
        return out_of_memory(err); /* (keep_open_deadline stops only out of memory) */
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
            assert(w->ndeltas < WORK_MAX_DELTAS);
            w->deltas[w->ndeltas++] = (work_delta_t){x->day, x->bucket, 0, 0, 0};
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
    assert(w->nevents < WORK_MAX_EVENTS + 1);
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
static int work_start(case_work_t *w, case_event_t e, char *payload, civil_date_t on,
                      const char *document_no, int64_t actor, int64_t now, op_error_t *err)
{
    case_verdict_t v;
    case_refusal_t why;

    if (case_engine_start(&w->rules, &w->play, e, on, &v, &why) != 0) {
        free(payload);
        return engine_refused(err, &why);
    }
    work_append(w, e, on, document_no, payload, v.after, actor, now);
    work_add_deltas(w, &v);
    return 0;
}

/* Chain the events after the head they started from (the case's id is known), and bring
 * the case row to the play's projection, with its earliest open deadline. */
static int work_seal(case_work_t *w, op_error_t *err)
{
    const case_facts_t *f = &w->play.c;
    case_row_t *c = &w->c;
    const char *prev = w->hash0;

    assert(f->event_seq == w->seq0 + (int64_t)w->nevents);
    for (size_t i = 0; i < w->nevents; i++) {
        if (case_event_hash(c->id, w->seq0 + 1 + (int64_t)i, prev, &w->events[i], w->hashes[i]) !=
            DB_OK)
            return out_of_memory(err);
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
    return 0;
}

static case_projection_t work_projection(const case_work_t *w)
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
    };
}

/* Write a sealed work's events, deadlines and statistics deltas (see above); the case
 * row is the caller's. A synthesized history records only the deadlines it leaves open:
 * the dates of its steps are an importer's reconstruction, so a deadline "met" or
 * "late" between two of them is a fact nobody observed (and a late one would count as
 * a procedure violation against the officer). */
static int work_write_log(db_t *db, case_work_t *w, op_error_t *err)
{
    const char *prev = w->hash0;

    for (size_t i = 0; i < w->nevents; i++) {
        if (case_events_insert(db, w->c.id, w->seq0 + 1 + (int64_t)i, prev, &w->events[i],
                               w->hashes[i]) != DB_OK)
            return op_fail_db(err, db);
        prev = w->hashes[i];
    }
    for (size_t i = 0; i < w->play.ndl; i++) {
        const case_deadline_t *d = &w->play.dl[i];
        if (d->id == 0 && d->outcome != NULL && w->synthesized)
            continue;
        if ((d->id == 0 && deadlines_insert(db, w->c.id, w->c.unit_id, d) != DB_OK) ||
            (d->touched && deadlines_update(db, d) != DB_OK))
            return op_fail_db(err, db);
    }
    for (size_t i = 0; i < w->ndeltas; i++) {
        const work_delta_t *x = &w->deltas[i];
        if ((x->cases == 0 && x->amount_vnd == 0) || x->summed)
            continue;
        if (stat_delta_add(db, w->c.unit_id, x->day, w->c.category, x->bucket, x->cases,
                           x->amount_vnd) != DB_OK)
            return op_fail_db(err, db);
    }
    return 0;
}

/* Add the work's deltas to sum, marking those added: work_write_log writes the others,
 * which a sum would overflow. 0, or -1 out of memory (case_input_t.stats: the caller
 * gives the sums up). */
static int work_sum_deltas(case_work_t *w, stat_sum_t *sum)
{
    for (size_t i = 0; i < w->ndeltas; i++) {
        work_delta_t *x = &w->deltas[i];
        int rc;
        if (x->cases == 0 && x->amount_vnd == 0)
            continue;
        if ((rc = stat_sum_add(sum, w->c.unit_id, x->day, w->c.category, x->bucket, x->cases,
                               x->amount_vnd)) < 0)
            return -1;
        x->summed = rc == 0;
    }
    return 0;
}

/* For a refused work: write the deltas work_sum_deltas added, negated. 0, or an error. */
static int work_unsum_deltas(db_t *db, const case_work_t *w, op_error_t *err)
{
    for (size_t i = 0; i < w->ndeltas; i++) {
        const work_delta_t *x = &w->deltas[i];
        /* (one case's delta: far from INT64_MIN, so its negation is exact) */
        if (x->summed && stat_delta_add(db, w->c.unit_id, x->day, w->c.category, x->bucket,
                                        -x->cases, -x->amount_vnd) != DB_OK)
            return op_fail_db(err, db);
    }
    return 0;
}

/* Write what the events left on an existing case row (w->c.id): the log, then the
 * projection and the chain's head. */
static int work_write(db_t *db, case_work_t *w, op_error_t *err)
{
    case_projection_t p;
    int rc;

    if ((rc = work_seal(w, err)) != 0 || (rc = work_write_log(db, w, err)) != 0)
        return rc;
    p = work_projection(w);
    if (cases_set_projection(db, w->c.id, &p) != DB_OK ||
        (w->officer_changed && cases_set_officer(db, w->c.id, w->c.officer_user_id) != DB_OK))
        return op_fail_db(err, db);
    return 0;
}

static char *event_payload(const case_event_input_t *in)
{
    json_t *p = json_object();
    char *s;

    if (in->type == CASE_EVENT_VERIFICATION_RECORDED)
        json_object_set_new(p, "result", json_string(case_verify_code(in->verify)));
    if (in->type == CASE_EVENT_ASSIGNED)
        json_object_set_new(p, "officer_user_id", json_integer(in->officer_user_id));
    if (in->type == CASE_EVENT_MONEY_COLLECTED || in->type == CASE_EVENT_MONEY_PAID)
        json_object_set_new(p, "amount_vnd", json_integer(in->amount_vnd));
    if (in->type == CASE_EVENT_CORRECTED)
        json_object_set_new(p, "corrects_seq", json_integer(in->corrects_seq));
    if (in->reason != NULL && in->reason[0] != '\0')
        json_object_set_new(p, "reason", json_string(in->reason));
    s = json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(p);
    return s;
}

/* One event, the index-th of its call, judged by the engine and played on the work. 0,
 * or the refusal with err filled (the work is then to be thrown away). The checks
 * needing the database are noted for work_check_officers. */
static int work_event(case_work_t *w, const case_event_input_t *in, size_t index, int64_t actor,
                      int64_t now, op_error_t *err)
{
    case_verdict_t v;
    case_refusal_t why;
    char *payload;

    if (case_engine_event(&w->rules, &w->play, in, &v, &why) != 0)
        return engine_refused(err, &why);
    if ((payload = event_payload(in)) == NULL)
        return out_of_memory(err);
    work_append(w, in->type, in->occurred_on, in->document_no, payload, v.after, actor, now);
    work_add_deltas(w, &v);
    if (v.officer_changed) {
        assert(w->nchecks < WORK_MAX_EVENTS);
        w->checks[w->nchecks++] = (work_check_t){index, in->officer_user_id, in->occurred_on};
        w->officer_changed = 1;
    }
    return 0;
}

/* The officers of the assigned events played on the work, among the first `upto` events
 * of the call: 0, or the refusal of the first with *failed its index. Made after playing,
 * they still answer as if made in turn: a refusal of an earlier event comes first. */
static int work_check_officers(db_t *db, const case_work_t *w, size_t upto, size_t *failed,
                               op_error_t *err)
{
    for (size_t i = 0; i < w->nchecks && w->checks[i].event < upto; i++) {
        const work_check_t *k = &w->checks[i];
        int rc = check_officer(db, w->memo, k->officer_user_id, w->c.unit_id, k->on, err);
        if (rc != 0) {
            if (failed != NULL)
                *failed = k->event;
            return rc;
        }
    }
    return 0;
}

static int too_many_events(op_error_t *err)
{
    return op_fail(err, OP_INVALID, "too_many_events", NULL,
                   "At most " CASE_MAX_EVENTS_AT_ONCE_TEXT " events can be recorded at once.",
                   "Chỉ ghi được tối đa " CASE_MAX_EVENTS_AT_ONCE_TEXT " sự kiện một lần.");
}

/* A new case played in memory (case_op_prepare), to be checked against the database and
 * written (case_op_insert). */
struct case_draft {
    const case_input_t *in; /* the caller's, until case_op_insert */
    case_work_t *w;         /* the case as its events leave it */
    size_t nevents;
    char *search_doc;
    int64_t now;
    /* An event refused while playing: told after the checks made before it. */
    int refused; /* its status; 0: every event allowed */
    size_t failed;
    op_error_t refusal;
};

void case_draft_free(case_draft_t *d)
{
    if (d == NULL)
        return;
    work_free(d->w);
    free(d->search_doc);
    free(d);
}

int case_op_prepare(const app_t *app, const case_input_t *in, const case_event_input_t *events,
                    size_t nevents, int64_t id, int64_t actor, civil_date_t today, int64_t now,
                    case_draft_t **out, op_error_t *err)
{
    const party_new_t *indexed[CASE_MAX_PARTIES];
    int64_t total = 0;
    case_draft_t *d;
    case_row_t row;
    case_work_t *w;
    case_row_t *c;
    char *payload;
    int rc;

    *out = NULL;
    if ((rc = check_text(err, "case_no", in->case_no, CASE_NO_MAX, 1)) != 0)
        return rc;
    if (in->source == NULL ||
        (strcmp(in->source, "application") != 0 && strcmp(in->source, "ex_officio") != 0))
        return bad_field(err, "source", "source is application or ex_officio.",
                         "Nguồn là application (theo đơn) hoặc ex_officio (chủ động).");
    if (!case_category_valid(in->category))
        return bad_field(err, "category",
                         "category is one of civil, marriage_family, labour, criminal_civil, "
                         "credit, corruption, administrative.",
                         "Loại việc không hợp lệ.");
    if (in->received_on == CIVIL_DATE_INVALID || in->received_on > today)
        return op_fail(err, OP_UNPROCESSABLE, "invalid_date", "received_on",
                       "The date received is missing or in the future.",
                       "Ngày thụ lý bị thiếu hoặc ở tương lai.");
    if ((rc = check_text(err, "judgment_no", in->judgment_no, 64, 1)) != 0 ||
        (rc = check_text(err, "court", in->court_name, 200, 1)) != 0)
        return rc;
    if (in->judgment_date == CIVIL_DATE_INVALID || in->judgment_date > in->received_on)
        return op_fail(err, OP_UNPROCESSABLE, "invalid_date", "judgment_date",
                       "The judgment must be dated on or before the day it was received.",
                       "Ngày bản án phải trước hoặc bằng ngày thụ lý.");
    if ((rc = check_parties(in, err)) != 0 || (rc = check_items(in, &total, err)) != 0)
        return rc;
    if (nevents > WORK_MAX_EVENTS)
        return too_many_events(err);

    /* The case as it will start, played in memory with the events given. */
    row = (case_row_t){
        .unit_id = in->unit_id,
        .officer_user_id = in->officer_user_id,
        .received_on = in->received_on,
        .state_on = in->received_on,
        .last_event_on = in->received_on,
        .decided_on = CIVIL_DATE_INVALID,
        .next_due_on = CIVIL_DATE_INVALID,
        .amount_vnd = total,
        .judgment_date = in->judgment_date,
    };
    snprintf(row.case_no, sizeof row.case_no, "%s", in->case_no);
    snprintf(row.source, sizeof row.source, "%s", in->source);
    snprintf(row.category, sizeof row.category, "%s", in->category);
    snprintf(row.judgment_no, sizeof row.judgment_no, "%s", in->judgment_no);
    snprintf(row.court_name, sizeof row.court_name, "%s", in->court_name);
    memcpy(row.last_hash, chain_genesis, CHAIN_HASH_HEX);
    d = calloc(1, sizeof *d);
    w = d != NULL ? work_new(&row, app, today) : NULL;
    if (w == NULL) {
        free(d);
        return out_of_memory(err);
    }
    *d = (case_draft_t){.in = in, .w = w, .nevents = nevents, .now = now, .failed = nevents};
    w->synthesized = in->synthesized;
    w->memo = in->memo;
    c = &w->c;
    {
        json_t *p = json_pack("{s:s, s:s, s:I}", "source", in->source, "category", in->category,
                              "amount_vnd", (json_int_t)total);
        payload = p ? json_dumps(p, JSON_COMPACT) : NULL;
        json_decref(p);
    }
    if (payload == NULL)
        goto oom;
    if ((rc = work_start(w, CASE_EVENT_RECEIVED, payload, in->received_on, NULL, actor, now,
                         err)) != 0)
        goto fail;
    for (size_t i = 0; i < nevents && !d->refused; i++)
        if ((d->refused = work_event(w, &events[i], i, actor, now, &d->refusal)) != 0)
            d->failed = i;
    for (size_t i = 0; i < in->nparties; i++)
        indexed[i] = &in->parties[i].p;
    if ((d->search_doc =
             search_doc_new_case(in->case_no, in->judgment_no, indexed, in->nparties)) == NULL)
        goto oom;
    if (id > 0 && !d->refused) {
        c->id = id;
        if ((rc = work_seal(w, err)) != 0)
            goto fail;
    }
    if (in->stats != NULL && !d->refused && work_sum_deltas(w, in->stats) != 0)
        goto oom;
    *out = d;
    return 0;
oom:
    rc = out_of_memory(err);
fail:
    case_draft_free(d);
    return rc;
}

/* case_op_insert, but for the statistics of a refused case. */
static int insert_draft(db_t *db, case_draft_t *d, case_row_t *out, size_t *failed, op_error_t *err)
{
    const case_input_t *in = d->in;
    case_work_t *w = d->w;
    case_row_t *c = &w->c;
    case_new_t row;
    case_projection_t projection;
    unit_row_t unit;
    const unit_kind_t *kind;
    int64_t id, party_ids[CASE_MAX_PARTIES];
    int rc;

    if (failed != NULL)
        *failed = d->nevents;
    rc = memo_unit(db, in->memo, in->unit_id, in->received_on, &unit);
    if (rc == DB_DONE)
        return op_fail(err, OP_NOT_FOUND, "not_found", "unit_id", "No such unit.",
                       "Không tìm thấy đơn vị.");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    kind = unit_kind_find(unit.kind);
    if (kind == NULL || !kind->enforcement || unit.valid_from > in->received_on ||
        (unit.valid_to != CIVIL_DATE_INVALID && unit.valid_to < in->received_on))
        return op_fail(err, OP_UNPROCESSABLE, "not_an_enforcement_unit", "unit_id",
                       "Cases belong to an enforcement unit existing on the day received.",
                       "Việc thi hành án phải thuộc cơ quan thi hành án đang hoạt động vào ngày "
                       "thụ lý.");
    if (in->officer_user_id && (rc = check_officer(db, in->memo, in->officer_user_id, in->unit_id,
                                                   in->received_on, err)) != 0)
        return rc;
    /* Look first rather than rely on the unique constraint: on PostgreSQL a failed
     * statement aborts the whole transaction, and importers run many cases in one. */
    if (in->memo != NULL && (rc = memo_read_keys(db, in->memo)) != DB_OK)
        return rc == DB_NOMEM ? out_of_memory(err) : op_fail_db(err, db);
    rc = memo_find_case(db, in->memo, in->unit_id, in->case_no, &id);
    if (rc == DB_ROW)
        return op_fail(err, OP_CONFLICT, "duplicate_case_no", "case_no",
                       "This unit already has a case with this number.",
                       "Đơn vị đã có việc thi hành án mang số này.");
    if (rc != DB_DONE)
        return op_fail_db(err, db);
    if ((rc = work_check_officers(db, w, d->failed, failed, err)) != 0)
        return rc;
    if (d->refused) {
        *err = d->refusal;
        if (failed != NULL)
            *failed = d->failed;
        return d->refused;
    }

    /* Allowed: write the case as its events leave it, its judgment, parties and items,
     * then its events, deadlines and deltas. */
    snprintf(c->unit_code, sizeof c->unit_code, "%s", unit.code);
    snprintf(c->unit_name, sizeof c->unit_name, "%s", unit.name_vi);
    if (c->id == 0) { /* not taken in advance: take it now, and chain the events under it */
        if (cases_next_id(db, &c->id) != DB_OK)
            return op_fail_db(err, db);
        if ((rc = work_seal(w, err)) != 0)
            return rc;
    }
    rc = memo_judgment(db, in->memo, in->judgment_no, in->judgment_date, in->court_name,
                       in->judgment_kind ? in->judgment_kind : case_judgment_kind(in->category),
                       d->now, &c->judgment_id);
    if (rc != DB_OK)
        return rc == DB_NOMEM ? out_of_memory(err) : op_fail_db(err, db);
    row = (case_new_t){
        .id = c->id,
        .unit_id = in->unit_id,
        .judgment_id = c->judgment_id,
        .officer_user_id = c->officer_user_id, /* as its events leave it */
        .case_no = in->case_no,
        .source = in->source,
        .category = in->category,
        .received_on = in->received_on,
    };
    projection = work_projection(w);
    rc = cases_insert(db, &row, &projection, d->now);
    if (rc == DB_CONSTRAINT && strcmp(db_sqlstate(db), "23505") == 0)
        return op_fail(err, OP_CONFLICT, "duplicate_case_no", "case_no",
                       "This unit already has a case with this number.",
                       "Đơn vị đã có việc thi hành án mang số này.");
    if (rc != DB_OK)
        return op_fail_db(err, db);
    if (memo_add_case(in->memo, in->unit_id, in->case_no) != DB_OK)
        return out_of_memory(err);
    for (size_t i = 0; i < in->nparties; i++) {
        if ((rc = memo_party(db, in->memo, &in->parties[i].p, d->now, &party_ids[i])) != DB_OK)
            return rc == DB_NOMEM ? out_of_memory(err) : op_fail_db(err, db);
        if (cases_add_party(db, c->id, party_ids[i], in->parties[i].role) != DB_OK)
            return op_fail_db(err, db);
    }
    for (size_t i = 0; i < in->nitems; i++) {
        const case_item_input_t *it = &in->items[i];
        if (cases_add_item(db, c->id, it->content_type, it->description, it->amount_vnd,
                           it->creditor >= 0 ? party_ids[it->creditor] : 0, it->payment_rank,
                           NULL) != DB_OK)
            return op_fail_db(err, db);
    }
    if (search_index_doc(db, c->id, d->search_doc) != DB_OK)
        return op_fail_db(err, db);
    if ((rc = work_write_log(db, w, err)) == 0)
        *out = *c;
    return rc;
}

int case_op_insert(db_t *db, case_draft_t *d, case_row_t *out, size_t *failed, op_error_t *err)
{
    int rc = insert_draft(db, d, out, failed, err);

    /* refused: deltas case_op_prepare summed go back (the refusal stays the answer) */
    if (op_is_refusal(rc) && work_unsum_deltas(db, d->w, err) != 0)
        return err->status;
    return rc;
}

int case_op_create_with(db_t *db, const app_t *app, const case_input_t *in,
                        const case_event_input_t *events, size_t nevents, int64_t actor,
                        civil_date_t today, int64_t now, case_row_t *out, size_t *failed,
                        op_error_t *err)
{
    case_draft_t *d;
    int rc;

    if (failed != NULL)
        *failed = nevents;
    if ((rc = case_op_prepare(app, in, events, nevents, 0, actor, today, now, &d, err)) != 0)
        return rc;
    assert(d != NULL);
    rc = case_op_insert(db, d, out, failed, err);
    case_draft_free(d);
    return rc;
}

int case_op_create_into(db_t *db, const app_t *app, const case_input_t *in, int64_t actor,
                        civil_date_t today, int64_t now, case_row_t *out, op_error_t *err)
{
    return case_op_create_with(db, app, in, NULL, 0, actor, today, now, out, NULL, err);
}

int case_op_create(db_t *db, const app_t *app, const case_input_t *in, int64_t actor,
                   civil_date_t today, int64_t now, int64_t *id, op_error_t *err)
{
    case_row_t c;
    int rc;

    c.id = 0;
    rc = case_op_create_into(db, app, in, actor, today, now, &c, err);
    if (rc == 0)
        *id = c.id;
    return rc;
}

int case_op_events_on(db_t *db, const app_t *app, case_row_t *c, const case_event_input_t *in,
                      size_t n, int64_t actor, civil_date_t today, int64_t now, size_t *failed,
                      op_error_t *err)
{
    case_work_t *w;
    int rc;

    if (failed != NULL)
        *failed = 0;
    if (n > WORK_MAX_EVENTS)
        return too_many_events(err);
    if ((w = work_new(c, app, today)) == NULL)
        return out_of_memory(err);
    if ((rc = work_load_deadlines(db, w, err)) != 0)
        goto out;
    for (size_t i = 0; i < n; i++)
        if ((rc = work_event(w, &in[i], i, actor, now, err)) != 0) {
            int earlier; /* a refusal needing the database, of an earlier event, comes first */
            if (failed != NULL)
                *failed = i;
            if ((earlier = work_check_officers(db, w, i, failed, err)) != 0)
                rc = earlier;
            goto out;
        }
    if ((rc = work_check_officers(db, w, n, failed, err)) != 0)
        goto out;
    if ((rc = work_write(db, w, err)) == 0)
        *c = w->c;
out:
    work_free(w);
    return rc;
}

int case_op_event_on(db_t *db, const app_t *app, case_row_t *c, const case_event_input_t *in,
                     int64_t actor, civil_date_t today, int64_t now, int64_t *seq, op_error_t *err)
{
    int rc = case_op_events_on(db, app, c, in, 1, actor, today, now, NULL, err);

    if (rc == 0 && seq != NULL)
        *seq = c->event_seq;
    return rc;
}

int case_op_event(db_t *db, const app_t *app, int64_t case_id, const case_event_input_t *in,
                  int64_t actor, civil_date_t today, int64_t now, int64_t *seq, op_error_t *err)
{
    case_row_t c;
    int rc = cases_lock(db, case_id);

    if (rc == DB_DONE)
        return op_fail(err, OP_NOT_FOUND, "not_found", NULL, "No such case.",
                       "Không tìm thấy việc thi hành án.");
    if (rc != DB_OK || cases_get(db, case_id, &c) != DB_ROW)
        return op_fail_db(err, db);
    return case_op_event_on(db, app, &c, in, actor, today, now, seq, err);
}

static int write_stat(int64_t unit_id, civil_date_t day, const char *category, const char *bucket,
                      int64_t cases, int64_t amount_vnd, void *arg)
{
    return stat_delta_add(arg, unit_id, day, category, bucket, cases, amount_vnd) != DB_OK;
}

int case_op_write_stats(db_t *db, stat_sum_t *stats, op_error_t *err)
{
    int rc = stat_sum_each(stats, write_stat, db);

    if (rc < 0)
        return out_of_memory(err);
    if (rc > 0)
        return op_fail_db(err, db);
    stat_sum_clear(stats);
    return 0;
}

civil_date_t case_voluntary_period_last_day(const app_t *app, civil_date_t notified_on)
{
    return rules_due(app->rules, app->calendar, "D10", notified_on, NULL);
}

typedef struct {
    case_item_row_t items[CASE_MAX_ITEMS];
    int64_t original[CASE_MAX_ITEMS];
    size_t n;
} item_list_t;

static int keep_item(const case_item_row_t *it, void *arg)
{
    item_list_t *l = arg;
    if (l->n == CASE_MAX_ITEMS)
        return 1;
    l->items[l->n++] = *it;
    return 0;
}

/* Art 47's order: rank 1 is paid first; within a rank, in the order listed. */
static int by_payment_order(const void *a, const void *b)
{
    const case_item_row_t *x = a, *y = b;

    if (x->payment_rank != y->payment_rank)
        return x->payment_rank < y->payment_rank ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

int case_op_entrust(db_t *db, const app_t *app, int64_t case_id, int64_t to_unit,
                    const char *case_no, civil_date_t on, const char *document_no, int64_t actor,
                    civil_date_t today, int64_t now, int64_t *new_id, op_error_t *err)
{
    case_event_input_t out = {
        .type = CASE_EVENT_ENTRUSTED_OUT, .occurred_on = on, .document_no = document_no};
    case_row_t src, dst;
    unit_row_t unit;
    const unit_kind_t *kind;
    case_state_t first;
    const char *why_en, *why_vi;
    item_list_t *items;
    int64_t seq, remaining, taken, existing;
    int rc;

    if ((rc = check_text(err, "case_no", case_no, CASE_NO_MAX, 1)) != 0)
        return rc;
    /* Locked before it is read: what remains is computed from its money. */
    rc = cases_lock(db, case_id);
    if (rc == DB_DONE)
        return op_fail(err, OP_NOT_FOUND, "not_found", NULL, "No such case.",
                       "Không tìm thấy việc thi hành án.");
    if (rc != DB_OK || cases_get(db, case_id, &src) != DB_ROW)
        return op_fail_db(err, db);
    rc = units_get(db, to_unit, on, &unit);
    if (rc == DB_DONE)
        return op_fail(err, OP_NOT_FOUND, "not_found", "to_unit_id", "No such unit.",
                       "Không tìm thấy đơn vị.");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    kind = unit_kind_find(unit.kind);
    if (to_unit == src.unit_id || kind == NULL || !kind->enforcement || unit.valid_from > on ||
        (unit.valid_to != CIVIL_DATE_INVALID && unit.valid_to < on))
        return op_fail(err, OP_UNPROCESSABLE, "not_an_enforcement_unit", "to_unit_id",
                       "Entrust to another enforcement agency existing that day.",
                       "Chỉ ủy thác cho cơ quan thi hành án khác đang hoạt động vào ngày đó.");
    rc = cases_find_by_no(db, to_unit, case_no, &existing);
    if (rc == DB_ROW)
        return op_fail(err, OP_CONFLICT, "duplicate_case_no", "case_no",
                       "The receiving unit already has a case with this number.",
                       "Đơn vị nhận ủy thác đã có việc mang số này.");
    if (rc != DB_DONE)
        return op_fail_db(err, db);
    if ((rc = case_op_event_on(db, app, &src, &out, actor, today, now, &seq, err)) != 0)
        return rc;

    /* What remains to enforce: the source's items less what it collected, which paid
     * them in Art 47's order — rank 1 first. Within a rank the law splits pro rata
     * (THADS.md 4.2); here the earlier listed is taken first, until the money issue
     * brings the distribution itself. */
    items = calloc(1, sizeof *items);
    if (items == NULL)
        return op_fail(err, OP_INTERNAL, "internal", NULL, "Out of memory.", "Hết bộ nhớ.");
    if (case_items_list(db, case_id, keep_item, items) != DB_OK) {
        free(items);
        return op_fail_db(err, db);
    }
    qsort(items->items, items->n, sizeof items->items[0], by_payment_order);
    for (size_t i = 0; i < items->n; i++)
        items->original[i] = items->items[i].amount_vnd;
    taken = src.collected_vnd;
    for (size_t i = 0; i < items->n && taken > 0; i++) {
        int64_t cut = items->items[i].amount_vnd < taken ? items->items[i].amount_vnd : taken;
        items->items[i].amount_vnd -= cut;
        taken -= cut;
    }
    remaining = src.amount_vnd > src.collected_vnd ? src.amount_vnd - src.collected_vnd : 0;
    case_start(CASE_EVENT_ENTRUSTMENT_RECEIVED, &first, &why_en, &why_vi);
    rc =
        cases_copy_for_entrustment(db, case_id, to_unit, case_no, on, case_state_code(first),
                                   case_stat_code(case_stat_bucket(first)), remaining, now, new_id);
    for (size_t i = 0; rc == DB_OK && i < items->n; i++)
        /* an item fully paid at the source does not travel; a non-money one does */
        if (items->items[i].amount_vnd > 0 || items->original[i] == 0)
            rc = cases_add_item(db, *new_id, items->items[i].content_type,
                                items->items[i].description, items->items[i].amount_vnd,
                                items->items[i].creditor_party_id, items->items[i].payment_rank,
                                NULL);
    free(items);
    /* its search document, from the judgment and parties it shares with the source */
    if (rc == DB_OK)
        rc = search_index_case(db, *new_id);
    if (rc != DB_OK)
        return op_fail_db(err, db);
    if (cases_get(db, *new_id, &dst) != DB_ROW)
        return op_fail_db(err, db);
    {
        char payload[160], *owned;
        case_work_t *w = work_new(&dst, app, today);
        snprintf(payload, sizeof payload, "{\"from_case_id\":%lld,\"from_unit_id\":%lld}",
                 (long long)case_id, (long long)src.unit_id);
        if (w == NULL || (owned = strdup(payload)) == NULL) {
            work_free(w);
            return out_of_memory(err);
        }
        if ((rc = work_start(w, CASE_EVENT_ENTRUSTMENT_RECEIVED, owned, on, document_no, actor, now,
                             err)) != 0) {
            work_free(w);
            return rc;
        }
        rc = work_write(db, w, err);
        work_free(w);
        return rc;
    }
}

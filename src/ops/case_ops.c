/*
 * ops/case_ops.c — opening a case and recording its events, in the caller's transaction.
 *
 * Recording an event reads lock -> load -> engine -> write:
 *   1. lock the case row and read it (cases_lock, cases_get), and its open deadlines;
 *   2. the case engine (core/case_engine.c) judges the event on that projection — the
 *      state machine, the event's facts, money — and plays it: projection, deadlines,
 *      statistics deltas (ops/case_work.c holds the play of one call);
 *   3. what needs the database is checked: an assigned officer's unit;
 *   4. the events are chained and written with their deadlines, deltas and the new
 *      projection, once for the whole call (case_work_write).
 * Opening a case checks its fields here, plays its first events the same way (a draft:
 * case_draft_play), checks what needs the database (unit, officers, a free number) and
 * writes the case already in the state its events leave it (case_draft_insert). A bulk
 * load shares the draft (ops/case_bulk.c); entrustment is ops/case_entrust.c.
 */
#include "ops/case_internal.h"
#include "core/access.h"
#include "core/case_engine.h"
#include "core/case_kind.h"
#include "core/fold.h"
#include "core/money.h"
#include "core/stat_flags.h"
#include "core/text.h"
#include "core/unit.h"
#include "store/prisoners.h"
#include "store/search.h"
#include "store/units.h"
#include "store/users.h"

#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kind of judgment a case of this category enforces when its creator does not say
 * (case_input_t.judgment_kind NULL): core/case_kind.c's default. */
static const char *judgment_kind_of(const char *category)
{
    int c = case_category_parse(category);

    return case_judgment_kind_code(
        case_judgment_kind_default(c < 0 ? CASE_CATEGORY_CIVIL : (case_category_t)c));
}

int case_op_check_text(op_error_t *err, const char *field, const char *s, size_t max, int required)
{
    case_refusal_t why;

    if (case_check_text(&why, field, s, max, required) != 0)
        return case_engine_refused(err, &why);
    return 0;
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
        return op_refuse(err, OP_INVALID, MSG_PARTIES_COUNT, "parties");
    for (size_t i = 0; i < in->nparties; i++) {
        const case_party_input_t *p = &in->parties[i];
        int rc;

        /* the member at fault, "parties[1].id_number": an importer maps it to its column */
#define PARTY_FIELD(name) (snprintf(field, sizeof field, "parties[%zu]." name, i), field)
        if (case_party_role_parse(p->role) < 0)
            return op_refuse(err, OP_INVALID, MSG_PARTY_ROLE, PARTY_FIELD("role"));
        if (case_party_kind_parse(p->p.kind) < 0)
            return op_refuse(err, OP_INVALID, MSG_PARTY_KIND, PARTY_FIELD("kind"));
        if ((rc = case_op_check_text(err, PARTY_FIELD("full_name"), p->p.full_name,
                                     CASE_PARTY_NAME_MAX, 1)) != 0 ||
            (rc = case_op_check_text(err, PARTY_FIELD("address"), p->p.address, CASE_ADDRESS_MAX,
                                     0)) != 0)
            return rc;
        if (p->p.id_number && p->p.id_number[0] && !id_number_ok(p->p.id_number))
            return op_refuse(err, OP_INVALID, MSG_ID_NUMBER, PARTY_FIELD("id_number"));
#undef PARTY_FIELD
        debtors += strcmp(p->role, "debtor") == 0;
    }
    if (debtors == 0)
        return op_refuse(err, OP_INVALID, MSG_NO_DEBTOR, "parties");
    return 0;
}

static int check_items(const case_input_t *in, int64_t *total, op_error_t *err)
{
    char field[48];

    *total = 0;
    if (in->nitems > CASE_MAX_ITEMS)
        return op_refuse(err, OP_INVALID, MSG_ITEMS_COUNT, "items");
    for (size_t i = 0; i < in->nitems; i++) {
        const case_item_input_t *it = &in->items[i];
        int rc;

        snprintf(field, sizeof field, "items[%zu]", i);
        if (case_item_content_parse(it->content_type) < 0)
            return op_refuse(err, OP_INVALID, MSG_CONTENT_TYPE, field);
        if ((rc = case_op_check_text(err, field, it->description, CASE_ITEM_DESCRIPTION_MAX, 1)) !=
            0)
            return rc;
        if (it->amount_vnd < 0)
            return op_refuse(err, OP_INVALID, MSG_AMOUNT_NEGATIVE, field);
        if (it->payment_rank < 1 || it->payment_rank > 3)
            return op_refuse(err, OP_INVALID, MSG_PAYMENT_RANK, field);
        if (it->creditor >= 0 && ((size_t)it->creditor >= in->nparties ||
                                  strcmp(in->parties[it->creditor].role, "creditor") != 0))
            return op_refuse(err, OP_INVALID, MSG_ITEM_CREDITOR, field);
        if (it->amount_vnd > MONEY_AMOUNT_MAX ||
            money_add(*total, it->amount_vnd, total) != MONEY_OK || *total > MONEY_AMOUNT_MAX)
            return op_refuse(err, OP_INVALID, MSG_AMOUNT_OVER_MAX, field);
    }
    return 0;
}

/* The officer must be a user with the officer role in the case's unit, or in a unit
 * above or below it (a provincial officer may run a regional office's case). */
int case_check_officer(db_t *db, case_memo_t *memo, int64_t officer, int64_t unit_id,
                       civil_date_t on, op_error_t *err)
{
    user_row_t u;
    int up = 0, down = 0;
    int rc = case_memo_user(db, memo, officer, &u);

    if (rc == DB_DONE)
        return op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_USER, "officer_user_id");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    if (u.disabled || !(u.roles & (1u << ROLE_OFFICER)))
        return op_refuse(err, OP_UNPROCESSABLE, MSG_NOT_AN_OFFICER, "officer_user_id");
    /* The usual case, an officer of the case's own unit, needs no walk of the tree.
     * Otherwise the case's unit is judged where it stood on its last day if it has
     * closed since: the open cases of a district office closed in 2025 go to the staff
     * of its successor (scope follows successions, store/units.h). */
    if (u.unit_id != unit_id) {
        unit_row_t cu;
        civil_date_t at = on;
        rc = case_memo_unit(db, memo, unit_id, on, &cu);
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
        return op_refuse(err, OP_UNPROCESSABLE, MSG_OFFICER_ELSEWHERE, "officer_user_id");
    return 0;
}

static int too_many_events(op_error_t *err)
{
    const char *args[] = {CASE_MAX_EVENTS_AT_ONCE_TEXT};

    return op_refuse_with(err, OP_INVALID, MSG_TOO_MANY_EVENTS, NULL, args, 1);
}

/* A new case played in memory (case_draft_play), to be checked against the database and
 * written (case_draft_insert). */
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
    case_work_free(d->w);
    free(d->search_doc);
    free(d);
}

int case_refuse_duplicate(op_error_t *err, message_id_t msg, const char *case_no, int year)
{
    char y[16];
    const char *args[] = {case_no, y};

    snprintf(y, sizeof y, "%d", year);
    return op_refuse_with(err, OP_CONFLICT, msg, "case_no", args, 2);
}

/* The year of the decision to enforce numbered in->case_no (case_input_t.year): given, from
 * the year received_on falls in to today's, or that year. 0 or the refusal. */
static int case_year_of(const case_input_t *in, civil_date_t today, int *year, op_error_t *err)
{
    int first, last;
    char a[16], b[16];
    const char *args[] = {a, b};

    civil_date_to_ymd(in->received_on, &first, NULL, NULL);
    civil_date_to_ymd(today, &last, NULL, NULL);
    *year = in->year != 0 ? in->year : first;
    if (*year >= first && *year <= last)
        return 0;
    snprintf(a, sizeof a, "%d", first);
    snprintf(b, sizeof b, "%d", last);
    return op_refuse_with(err, OP_UNPROCESSABLE, MSG_CASE_YEAR, "year", args, 2);
}

int case_draft_play(const app_t *app, const case_input_t *in, const case_event_input_t *events,
                    size_t nevents, int64_t id, int64_t actor, civil_date_t today, int64_t now,
                    int synthesized, stat_sum_t *stats, case_draft_t **out, op_error_t *err)
{
    const party_new_t *indexed[CASE_MAX_PARTIES];
    int64_t total = 0;
    case_draft_t *d;
    case_row_t row;
    case_work_t *w;
    case_row_t *c;
    char *payload;
    int rc, year;

    *out = NULL;
    if ((rc = case_op_check_text(err, "case_no", in->case_no, CASE_NO_MAX, 1)) != 0)
        return rc;
    if (case_source_parse(in->source) < 0)
        return op_refuse(err, OP_INVALID, MSG_SOURCE, "source");
    if (case_category_parse(in->category) < 0)
        return op_refuse(err, OP_INVALID, MSG_CATEGORY, "category");
    if (in->received_on == CIVIL_DATE_INVALID || in->received_on > today)
        return op_refuse(err, OP_UNPROCESSABLE, MSG_RECEIVED_ON_DATE, "received_on");
    if ((rc = case_year_of(in, today, &year, err)) != 0)
        return rc;
    if ((rc = case_op_check_text(err, "judgment_no", in->judgment_no, CASE_JUDGMENT_NO_MAX, 1)) !=
            0 ||
        (rc = case_op_check_text(err, "court", in->court_name, CASE_COURT_MAX, 1)) != 0)
        return rc;
    if (in->judgment_date == CIVIL_DATE_INVALID || in->judgment_date > in->received_on)
        return op_refuse(err, OP_UNPROCESSABLE, MSG_JUDGMENT_DATE, "judgment_date");
    if ((rc = check_parties(in, err)) != 0 || (rc = check_items(in, &total, err)) != 0)
        return rc;
    if (nevents > CASE_WORK_MAX_EVENTS)
        return too_many_events(err);

    /* The case as it will start, played in memory with the events given. */
    row = (case_row_t){
        .unit_id = in->unit_id,
        .officer_user_id = in->officer_user_id,
        .year = year,
        .received_on = in->received_on,
        .state_on = in->received_on,
        .last_event_on = in->received_on,
        .decided_on = CIVIL_DATE_INVALID,
        .next_due_on = CIVIL_DATE_INVALID,
        .amount_vnd = total,
        .judgment_date = in->judgment_date,
        .flags = (in->flags | stat_flags_of_category(in->category)) & STAT_FLAGS_STATIC,
    };
    snprintf(row.case_no, sizeof row.case_no, "%s", in->case_no);
    snprintf(row.source, sizeof row.source, "%s", in->source);
    snprintf(row.category, sizeof row.category, "%s", in->category);
    snprintf(row.judgment_no, sizeof row.judgment_no, "%s", in->judgment_no);
    snprintf(row.court_name, sizeof row.court_name, "%s", in->court_name);
    memcpy(row.last_hash, chain_genesis, CHAIN_HASH_HEX);
    d = calloc(1, sizeof *d);
    w = d != NULL ? case_work_new(&row, app, today) : NULL;
    if (w == NULL) {
        free(d);
        return op_fail_nomem(err);
    }
    *d = (case_draft_t){.in = in, .w = w, .nevents = nevents, .now = now, .failed = nevents};
    w->synthesized = synthesized;
    c = &w->c;
    {
        json_t *p = json_pack("{s:s, s:s, s:I}", "source", in->source, "category", in->category,
                              "amount_vnd", (json_int_t)total);
        payload = p ? json_dumps(p, JSON_COMPACT) : NULL;
        json_decref(p);
    }
    if (payload == NULL)
        goto oom;
    if ((rc = case_work_start(w, CASE_EVENT_RECEIVED, payload, in->received_on, NULL, actor, now,
                              err)) != 0)
        goto fail;
    for (size_t i = 0; i < nevents && !d->refused; i++)
        if ((d->refused = case_work_event(w, &events[i], i, actor, now, &d->refusal)) != 0)
            d->failed = i;
    for (size_t i = 0; i < in->nparties; i++)
        indexed[i] = &in->parties[i].p;
    if ((d->search_doc =
             search_doc_new_case(in->case_no, in->judgment_no, indexed, in->nparties)) == NULL)
        goto oom;
    if (id > 0 && !d->refused) {
        c->id = id;
        if ((rc = case_work_seal(w, err)) != 0)
            goto fail;
    }
    if (stats != NULL && !d->refused && case_work_sum_deltas(w, stats) != 0)
        goto oom;
    *out = d;
    return 0;
oom:
    rc = op_fail_nomem(err);
fail:
    case_draft_free(d);
    return rc;
}

/* Party i of a new case was found or made as party_id: when found by its ID number
 * under another name (compared folded: "Nguyễn Văn An" and "NGUYEN VAN AN" are one
 * name), a warning for the creator, if wanted. The name on file stays. DB_OK or the
 * store error. */
static int check_party_name(db_t *db, const case_input_t *in, size_t i, int64_t party_id)
{
    const party_new_t *p = &in->parties[i].p;
    case_warnings_t *ws = in->warnings;
    char on_file[801], a[801], b[801];
    int rc;

    if (ws == NULL || p->id_number == NULL || p->id_number[0] == '\0' || ws->n >= CASE_MAX_PARTIES)
        return DB_OK;
    if ((rc = parties_name(db, party_id, on_file, sizeof on_file)) != DB_ROW)
        return rc == DB_DONE ? DB_OK : rc;
    if (fold_vi(on_file, a, sizeof a) < 0 || fold_vi(p->full_name, b, sizeof b) < 0 ||
        strcmp(a, b) == 0)
        return DB_OK;
    ws->w[ws->n] = (case_warning_t){.code = CASE_WARNING_PARTY_NAME, .party = i};
    snprintf(ws->w[ws->n].field, sizeof ws->w[ws->n].field, "parties[%zu].full_name", i);
    snprintf(ws->w[ws->n].name_on_file, sizeof ws->w[ws->n].name_on_file, "%s", on_file);
    ws->n++;
    return DB_OK;
}

void case_warning_text(const case_warning_t *w, const char *id_number, const char *given, int en,
                       char *buf, size_t len)
{
    if (en)
        snprintf(buf, len,
                 "ID number %s is on file under the name \"%s\", not \"%s\": the case is "
                 "attached to that person and the name on file is kept; check the ID number",
                 id_number, w->name_on_file, given);
    else
        snprintf(buf, len,
                 "Số giấy tờ %s đã có trong hệ thống với tên \"%s\", không phải \"%s\": vụ việc "
                 "được gắn với người đó và giữ tên đã có; hãy kiểm tra lại số giấy tờ",
                 id_number, w->name_on_file, given);
}

/* Is party i of a new case (party_ids[i]) already linked to it in its role by an earlier
 * one: the same person named twice in a role, found by the ID number both give? */
static int linked_before(const case_input_t *in, const int64_t *party_ids, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (party_ids[j] == party_ids[i] && strcmp(in->parties[j].role, in->parties[i].role) == 0)
            return 1;
    return 0;
}

/* case_draft_insert, but for the statistics of a refused case. */
static int insert_draft(db_t *db, case_draft_t *d, case_memo_t *memo, case_row_t *out,
                        size_t *failed, op_error_t *err)
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
    rc = case_memo_unit(db, memo, in->unit_id, in->received_on, &unit);
    if (rc == DB_DONE)
        return op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_UNIT, "unit_id");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    kind = unit_kind_find(unit.kind);
    if (kind == NULL || !kind->enforcement || unit.valid_from > in->received_on ||
        (unit.valid_to != CIVIL_DATE_INVALID && unit.valid_to < in->received_on))
        return op_refuse(err, OP_UNPROCESSABLE, MSG_NOT_AN_ENFORCEMENT_UNIT, "unit_id");
    if (in->officer_user_id && (rc = case_check_officer(db, memo, in->officer_user_id, in->unit_id,
                                                        in->received_on, err)) != 0)
        return rc;
    /* Look first rather than rely on the unique constraint: on PostgreSQL a failed
     * statement aborts the whole transaction, and importers run many cases in one. */
    if (memo != NULL && (rc = case_memo_read_keys(db, memo)) != DB_OK)
        return rc == DB_NOMEM ? op_fail_nomem(err) : op_fail_db(err, db);
    rc = case_memo_find_case(db, memo, in->unit_id, c->year, in->case_no, &id);
    if (rc == DB_ROW)
        return case_refuse_duplicate(err, MSG_DUPLICATE_CASE_NO, in->case_no, c->year);
    if (rc != DB_DONE)
        return op_fail_db(err, db);
    if ((rc = case_work_check_officers(db, w, d->failed, failed, err)) != 0)
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
        if ((rc = case_work_seal(w, err)) != 0)
            return rc;
    }
    rc = case_memo_judgment(db, memo, in->judgment_no, in->judgment_date, in->court_name,
                            in->judgment_kind ? in->judgment_kind : judgment_kind_of(in->category),
                            d->now, &c->judgment_id);
    if (rc != DB_OK)
        return rc == DB_NOMEM ? op_fail_nomem(err) : op_fail_db(err, db);
    row = (case_new_t){
        .id = c->id,
        .unit_id = in->unit_id,
        .judgment_id = c->judgment_id,
        .officer_user_id = c->officer_user_id, /* as its events leave it */
        .case_no = in->case_no,
        .source = in->source,
        .category = in->category,
        .year = c->year,
        .received_on = in->received_on,
        .flags = c->flags,
    };
    projection = case_work_projection(w);
    rc = cases_insert(db, &row, &projection, d->now);
    if (rc == DB_CONSTRAINT && strcmp(db_sqlstate(db), "23505") == 0)
        return case_refuse_duplicate(err, MSG_DUPLICATE_CASE_NO, in->case_no, c->year);
    if (rc != DB_OK)
        return op_fail_db(err, db);
    if (case_memo_add_case(memo, in->unit_id, c->year, in->case_no) != DB_OK)
        return op_fail_nomem(err);
    if (in->warnings != NULL)
        in->warnings->n = 0;
    for (size_t i = 0; i < in->nparties; i++) {
        int made;
        if ((rc = case_memo_party(db, memo, &in->parties[i].p, d->now, &party_ids[i], &made)) !=
            DB_OK)
            return rc == DB_NOMEM ? op_fail_nomem(err) : op_fail_db(err, db);
        if (!made && check_party_name(db, in, i, party_ids[i]) != DB_OK)
            return op_fail_db(err, db);
        if (!linked_before(in, party_ids, i) &&
            cases_add_party(db, c->id, party_ids[i], in->parties[i].role) != DB_OK)
            return op_fail_db(err, db);
        /* a debtor already in the prison register (not one made now): the case's days as
         * a prisoner's civil part are read from there when its deltas are written
         * (case_work_write_log) */
        if (!made && !(c->flags & STAT_FLAG_PRISONER) &&
            strcmp(in->parties[i].role, "debtor") == 0) {
            int64_t prisoner;
            rc = prisoners_of_party(db, party_ids[i], &prisoner);
            if (rc == DB_ROW) {
                c->flags |= STAT_FLAG_PRISONER;
                if (cases_set_flags(db, c->id, c->flags) != DB_OK)
                    return op_fail_db(err, db);
            } else if (rc != DB_DONE)
                return op_fail_db(err, db);
        }
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
    if ((rc = case_work_write_log(db, w, err)) == 0)
        *out = *c;
    return rc;
}

int case_draft_insert(db_t *db, case_draft_t *d, case_memo_t *memo, case_row_t *out, size_t *failed,
                      op_error_t *err)
{
    int rc;

    d->w->memo = memo;
    rc = insert_draft(db, d, memo, out, failed, err);

    /* refused: deltas case_op_prepare summed go back (the refusal stays the answer) */
    if (op_is_refusal(rc) && case_work_unsum_deltas(db, d->w, err) != 0)
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
    if ((rc = case_draft_play(app, in, events, nevents, 0, actor, today, now, 0, NULL, &d, err)) !=
        0)
        return rc;
    assert(d != NULL);
    rc = case_draft_insert(db, d, NULL, out, failed, err);
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
    if (n > CASE_WORK_MAX_EVENTS)
        return too_many_events(err);
    if ((w = case_work_new(c, app, today)) == NULL)
        return op_fail_nomem(err);
    if ((rc = case_work_load_deadlines(db, w, err)) != 0)
        goto out;
    for (size_t i = 0; i < n; i++)
        if ((rc = case_work_event(w, &in[i], i, actor, now, err)) != 0) {
            int earlier; /* a refusal needing the database, of an earlier event, comes first */
            if (failed != NULL)
                *failed = i;
            if ((earlier = case_work_check_officers(db, w, i, failed, err)) != 0)
                rc = earlier;
            goto out;
        }
    if ((rc = case_work_check_officers(db, w, n, failed, err)) != 0)
        goto out;
    if ((rc = case_work_write(db, w, err)) == 0)
        *c = w->c;
out:
    case_work_free(w);
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
        return op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_CASE, NULL);
    if (rc != DB_OK || cases_get(db, case_id, &c) != DB_ROW)
        return op_fail_db(err, db);
    return case_op_event_on(db, app, &c, in, actor, today, now, seq, err);
}

civil_date_t case_voluntary_period_last_day(const app_t *app, civil_date_t notified_on)
{
    case_rules_t r = {app->rules, app->calendar, notified_on};

    return case_engine_due(&r, "D10", notified_on);
}

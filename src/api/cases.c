/*
 * api/cases.c — cases over HTTP: open a case, list and filter them, read one with its
 * parties, items, deadlines and timeline, record events, assign the officer. Every
 * case lives in a unit; outside the caller's subtree it does not exist (404). Bodies
 * and queries are checked against the route's declaration (api/schemas.c) before they
 * are read here; the rules are in ops/case_ops.c.
 */
#include "ops/case_ops.h"
#include "api/context.h"
#include "core/case_kind.h"
#include "api/handlers.h"
#include "core/stat_flags.h"
#include "ops/render.h"
#include "core/access.h"
#include "core/case.h"
#include "core/case_deadline.h"
#include "core/case_next.h"
#include "store/cases.h"
#include "store/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *object_of(http_request_t *req, int64_t id)
{
    return arena_printf(http_arena(req), "case:%lld", (long long)id);
}

static json_t *money_json(int64_t v)
{
    return json_integer(v);
}

static json_t *render_case_row(const case_row_t *c)
{
    int st = case_state_parse(c->state), bucket = case_stat_parse(c->stat_bucket);

    return json_pack(
        "{s:I, s:s, s:i, s:{s:I, s:s, s:s}, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, "
        "s:o, s:o, s:o, s:o, s:o, s:{s:s, s:s, s:o}, s:I}",
        "id", (json_int_t)c->id, "case_no", c->case_no, "year", c->year, "unit", "id",
        (json_int_t)c->unit_id, "code", c->unit_code, "name_vi", c->unit_name, "source", c->source,
        "category", c->category, "state", c->state, "state_name_vi",
        st >= 0 ? case_state_name_vi((case_state_t)st) : c->state, "stat_bucket", c->stat_bucket,
        "stat_bucket_name_vi", bucket >= 0 ? case_stat_name_vi((case_stat_t)bucket) : "", "officer",
        c->officer_user_id ? json_pack("{s:I, s:s}", "id", (json_int_t)c->officer_user_id,
                                       "full_name", c->officer_name)
                           : json_null(),
        "received_on", render_date(c->received_on), "decided_on", render_date(c->decided_on),
        "state_on", render_date(c->state_on), "next_due_on", render_date(c->next_due_on),
        "amount_vnd", money_json(c->amount_vnd), "collected_vnd", money_json(c->collected_vnd),
        "paid_vnd", money_json(c->paid_vnd), "remaining_vnd",
        money_json(c->amount_vnd > c->collected_vnd ? c->amount_vnd - c->collected_vnd : 0),
        "judgment", "number", c->judgment_no, "court", c->court_name, "date",
        render_date(c->judgment_date), "events", (json_int_t)c->event_seq);
}

/* The case with the English names beside the Vietnamese ones (core/case.c, the one
 * catalogue of names). */
static json_t *render_case(const case_row_t *c)
{
    int st = case_state_parse(c->state), bucket = case_stat_parse(c->stat_bucket);
    json_t *j = render_case_row(c);

    if (j != NULL) {
        json_object_set_new(j, "state_name_en",
                            json_string(st >= 0 ? case_state_name_en((case_state_t)st) : c->state));
        json_object_set_new(j, "stat_bucket_name_en",
                            json_string(bucket >= 0 ? case_stat_name_en((case_stat_t)bucket) : ""));
    }
    return j;
}

/* ---- create ---- */

static case_party_input_t party_of(json_t *v)
{
    return (case_party_input_t){
        .role = http_json_string(v, "role"),
        .p = {.kind = http_json_string(v, "kind"),
              .full_name = http_json_string(v, "full_name"),
              .id_number = http_json_string(v, "id_number"),
              .address = http_json_string(v, "address"),
              .birth_date = http_json_date(v, "birth_date")},
    };
}

/* creditor -1 (the State budget) and payment rank 3 unless given. */
static case_item_input_t item_of(json_t *v)
{
    json_t *cr = json_object_get(v, "creditor"), *rank = json_object_get(v, "payment_rank");

    return (case_item_input_t){
        .content_type = http_json_string(v, "content_type"),
        .description = http_json_string(v, "description"),
        .amount_vnd = http_json_int(v, "amount_vnd"),
        .creditor = json_is_integer(cr) ? (int)json_integer_value(cr) : -1,
        .payment_rank = json_is_integer(rank) ? (int)json_integer_value(rank) : 3,
    };
}

/* The body, checked against api_case_create_body (ranges included, so the narrowing
 * to int above cannot wrap), as the operation's input; NULL when out of memory. */
static case_input_t *case_input_of(http_request_t *req, json_t *body)
{
    json_t *judgment = json_object_get(body, "judgment"),
           *parties = json_object_get(body, "parties");
    json_t *items = json_object_get(body, "items"), *v;
    case_input_t *in = arena_alloc(http_arena(req), sizeof *in);
    case_party_input_t *pin =
        arena_alloc(http_arena(req), (json_array_size(parties) + 1) * sizeof *pin);
    case_item_input_t *iin =
        arena_alloc(http_arena(req), (json_array_size(items) + 1) * sizeof *iin);
    size_t i;

    if (in == NULL || pin == NULL || iin == NULL)
        return NULL;
    json_array_foreach(parties, i, v) pin[i] = party_of(v);
    json_array_foreach(items, i, v) iin[i] = item_of(v);
    *in = (case_input_t){
        .unit_id = http_json_int(body, "unit_id"),
        .case_no = http_json_string(body, "case_no"),
        .source = http_json_string(body, "source"),
        .category = http_json_string(body, "category"),
        .received_on = http_json_date(body, "received_on"),
        .year = (int)http_json_int(body, "year"), /* ranged by the schema; 0 absent */
        .judgment_no = http_json_string(judgment, "number"),
        .judgment_date = http_json_date(judgment, "date"),
        .court_name = http_json_string(judgment, "court"),
        .judgment_kind = http_json_string(judgment, "kind"),
        .parties = pin,
        .nparties = json_array_size(parties),
        .items = iin,
        .nitems = json_array_size(items),
        .officer_user_id = http_json_int(body, "officer_user_id"),
        /* the special categories beyond the category's own (core/stat_flags.h) */
        .flags =
            (json_is_true(json_object_get(body, "credit_institution")) ? STAT_FLAG_CREDIT : 0) |
            (json_is_true(json_object_get(body, "corruption_economic")) ? STAT_FLAG_CORRUPTION : 0),
    };
    return in;
}

/* The new case's answer with its warnings (ops/case_ops.h): an array, empty when none,
 * of {code, field, message, message_vi} as an error names a field. */
static json_t *with_warnings(json_t *j, const case_input_t *in)
{
    json_t *list = json_array();
    char en[2400], vi[2400];

    for (size_t i = 0; list != NULL && i < in->warnings->n; i++) {
        const case_warning_t *w = &in->warnings->w[i];
        const party_new_t *p = &in->parties[w->party].p;
        case_warning_text(w, p->id_number, p->full_name, 1, en, sizeof en);
        case_warning_text(w, p->id_number, p->full_name, 0, vi, sizeof vi);
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s}", "code", w->code, "field",
                                              w->field, "message", en, "message_vi", vi));
    }
    if (j != NULL && list != NULL)
        json_object_set_new(j, "warnings", list);
    else
        json_decref(list);
    return j;
}

int api_cases_create(http_request_t *req)
{
    json_t *body = http_json_request(req);
    case_input_t *in;
    case_row_t c;
    op_error_t err;
    int64_t id;
    int rc;

    if (body == NULL)
        return 400;
    if ((in = case_input_of(req, body)) == NULL)
        return http_reply_internal(req, "out of memory");
    if (in->officer_user_id && !(api_who(req)->perms & PERM_CASE_ASSIGN))
        return http_reply_error(req, 403, "forbidden", "officer_user_id",
                                "Only a leader assigns the officer.",
                                "Chỉ lãnh đạo mới phân công chấp hành viên.");
    if ((rc = api_scope_unit_now(req, in->unit_id)) != 0)
        return rc;
    if ((in->warnings = arena_alloc(http_arena(req), sizeof *in->warnings)) == NULL)
        return http_reply_internal(req, "out of memory");
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (case_op_create(http_db(req), api_app(req), in, api_who(req)->user.id, api_today(req),
                       api_now(req), &id, &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 201, object_of(req, id), NULL)) != 0)
        return rc;
    if (cases_get(http_db(req), id, &c) != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 201, with_warnings(render_case(&c), in));
}

/* ---- list ---- */

static int collect_case(const case_row_t *c, void *arg)
{
    return json_array_append_new(arg, render_case(c));
}

static int bad_query(http_request_t *req, const char *name)
{
    char en[96], vi[96];

    snprintf(en, sizeof en, "Invalid value of '%s'.", name);
    snprintf(vi, sizeof vi, "Giá trị '%s' không hợp lệ.", name);
    return http_reply_error(req, 400, "invalid_value", name, en, vi);
}

/* A list's next_cursor (GET /api/cases, GET /api/worklist): the id of a full page's last
 * row, as text, to pass back as ?cursor; null after a shorter page, the last. */
static json_t *next_cursor(http_request_t *req, json_t *list, int limit)
{
    int64_t last = 0;

    if (json_array_size(list) == (size_t)limit)
        last = json_integer_value(json_object_get(json_array_get(list, (size_t)limit - 1), "id"));
    return last ? json_string(arena_printf(http_arena(req), "%lld", (long long)last)) : json_null();
}

/* The query is checked against api_cases_query before this runs. */
int api_cases_list(http_request_t *req)
{
    const principal_t *who = api_who(req);
    case_filter_t f = {
        .root_unit = who->user.unit_id,
        .today = api_today(req),
        .unit_id = http_query_int(req, "unit_id", 0),
        .before_id = http_query_int(req, "cursor", 0),
        .limit = (int)http_query_int(req, "limit", 50),
        .received_from = http_query_date(req, "received_from"),
        .received_to = http_query_date(req, "received_to"),
        .state = http_query(req, "state"),
        .category = http_query(req, "category"),
    };
    const char *v;
    json_t *list;
    int rc;

    if ((v = http_query(req, "officer")) != NULL) {
        if (strcmp(v, "me") == 0)
            f.officer_user_id = who->user.id;
        else if (api_query_count(req, "officer", 1, INT64_MAX, &f.officer_user_id) != 0)
            return bad_query(req, "officer");
    }
    if ((v = http_query(req, "overdue")) != NULL)
        f.overdue = v[0] == '1';
    if ((v = http_query(req, "eligible")) != NULL)
        f.eligible = strcmp(v, "yes") == 0 ? 1 : 2;
    if (f.unit_id && (rc = api_scope_unit_now(req, f.unit_id)) != 0)
        return rc;
    list = http_keep(req, json_array());
    if (cases_list(http_db(req), &f, collect_case, list) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(
        req, 200,
        json_pack("{s:O, s:o}", "cases", list, "next_cursor", next_cursor(req, list, f.limit)));
}

/* ---- one case ---- */

static int collect_party(const case_party_row_t *p, void *arg)
{
    return json_array_append_new(arg, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id",
                                                (json_int_t)p->party_id, "role", p->role, "kind",
                                                p->kind, "full_name", p->full_name, "id_number",
                                                p->id_number, "address", p->address));
}

static int collect_item(const case_item_row_t *it, void *arg)
{
    return json_array_append_new(
        arg, json_pack("{s:I, s:s, s:s, s:I, s:o, s:i}", "id", (json_int_t)it->id, "content_type",
                       it->content_type, "description", it->description, "amount_vnd",
                       (json_int_t)it->amount_vnd, "creditor_party_id",
                       it->creditor_party_id ? json_integer(it->creditor_party_id) : json_null(),
                       "payment_rank", it->payment_rank));
}

typedef struct {
    json_t *list;
    const app_t *app;
    civil_date_t today;
} deadline_ctx_t;

static json_t *render_deadline_row(const deadline_row_t *d, const app_t *app, civil_date_t today)
{
    const rule_t *r = rules_find(app->rules, d->rule_id, d->trigger_on);
    int open = d->closed_seq == 0;

    return json_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:s, s:b, s:o, s:s, s:o, s:b, s:b}", "id",
        (json_int_t)d->id, "case_id", (json_int_t)d->case_id, "case_no", d->case_no, "rule_id",
        d->rule_id, "name_vi", r ? r->name_vi : d->rule_id, "opened_seq", (json_int_t)d->opened_seq,
        "trigger_on", render_date(d->trigger_on), "due_on", render_date(d->due_on), "closed_on",
        render_date(d->closed_on), "outcome", open ? "open" : d->outcome, "overdue",
        open && d->due_on < today, "officer",
        d->officer_user_id ? json_pack("{s:I, s:s}", "id", (json_int_t)d->officer_user_id,
                                       "full_name", d->officer_name)
                           : json_null(),
        "legal_ref", r ? r->legal_ref : "", "rule_tag", r ? json_string(r->tag) : json_null(),
        /* THADS.md 0.1: an [M] rule is a placeholder until checked against the law */
        "rule_unconfirmed", r == NULL || strcmp(r->tag, "M") == 0, "resolves_complaint",
        case_deadline_resolves_complaint(d->rule_id));
}

/* The deadline with its English name, its legal basis in Vietnamese, and the days left
 * or late that the case page and the worklist show: calendar days, from today for an
 * open deadline, from the closing day for a closed one. */
static json_t *render_deadline(const deadline_row_t *d, const app_t *app, civil_date_t today)
{
    const rule_t *r = rules_find(app->rules, d->rule_id, d->trigger_on);
    int open = d->closed_seq == 0, dated = d->due_on != CIVIL_DATE_INVALID;
    civil_date_t end = open ? today : d->closed_on;
    json_t *j = render_deadline_row(d, app, today);

    if (j != NULL) {
        json_object_set_new(j, "name_en", json_string(r ? r->name_en : d->rule_id));
        json_object_set_new(j, "legal_ref_vi", json_string(r ? r->legal_ref_vi : ""));
        json_object_set_new(j, "days_left",
                            open && dated ? json_integer(d->due_on - today) : json_null());
        json_object_set_new(j, "days_late",
                            json_integer(dated && end != CIVIL_DATE_INVALID && end > d->due_on
                                             ? end - d->due_on
                                             : 0));
    }
    return j;
}

static int collect_deadline(const deadline_row_t *d, void *arg)
{
    deadline_ctx_t *c = arg;
    return json_array_append_new(c->list, render_deadline(d, c->app, c->today));
}

/* The events the law allows next (core/case_next.h), as {code, vi, en}; coercions: the
 * case's coercion decisions pending (stat_case_pending). */
static json_t *render_next_events(const case_row_t *c, int64_t coercions)
{
    case_event_t next[CASE_EVENT_COUNT];
    int st = case_state_parse(c->state);
    int n = st < 0 ? 0
                   : case_next_events((case_state_t)st,
                                      case_source_parse(c->source) == CASE_SOURCE_APPLICATION,
                                      coercions, next);
    json_t *list = json_array();

    for (int i = 0; list != NULL && i < n; i++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "code", case_event_code(next[i]),
                                              "vi", case_event_name_vi(next[i]), "en",
                                              case_event_name_en(next[i])));
    return list;
}

/* The detail's own reads are sent before the case's and the scope's (api_case_in_scope):
 * on PostgreSQL all six answers come back in one round trip. A case outside the scope
 * drops them unread. */
int api_cases_get(http_request_t *req)
{
    case_row_t c;
    json_t *j;
    deadline_ctx_t dl;
    case_detail_reads_t r = {0};
    int64_t id = api_path_id(req, "id");
    int rc;

    if (id == 0)
        return 404;
    if (case_detail_send(http_db(req), id, &r) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    if ((rc = api_case_in_scope(req, &c)) != 0) {
        case_detail_drop(&r);
        return rc;
    }
    j = http_keep(req, render_case(&c));
    dl = (deadline_ctx_t){json_array(), api_app(req), api_today(req)};
    json_object_set_new(j, "parties", json_array());
    json_object_set_new(j, "items", json_array());
    json_object_set_new(j, "deadlines", dl.list);
    r.party = collect_party, r.party_arg = json_object_get(j, "parties");
    r.item = collect_item, r.item_arg = json_object_get(j, "items");
    r.deadline = collect_deadline, r.deadline_arg = &dl;
    if (case_detail_take(&r) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    json_object_set_new(j, "next_events", render_next_events(&c, r.coercions));
    return http_reply_json(req, 200, json_incref(j));
}

static int collect_event(const case_event_row_t *e, void *arg)
{
    json_error_t jerr;
    json_t *payload = json_loads(e->payload, 0, &jerr);
    int type = case_event_parse(e->type), st = case_state_parse(e->state_after);

    return json_array_append_new(
        arg,
        json_pack(
            "{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:o}", "seq", (json_int_t)e->seq, "type",
            e->type, "name_vi", type >= 0 ? case_event_name_vi((case_event_t)type) : e->type,
            "occurred_on", render_date(e->occurred_on), "recorded_at", render_time(e->recorded_at),
            "document_no", e->document_no[0] ? json_string(e->document_no) : json_null(), "payload",
            payload ? payload : json_object(), "state_after", e->state_after, "state_after_name_vi",
            st >= 0 ? case_state_name_vi((case_state_t)st) : e->state_after, "actor",
            e->actor_user_id ? json_pack("{s:I, s:s}", "id", (json_int_t)e->actor_user_id,
                                         "full_name", e->actor_name)
                             : json_null()));
}

/* The English names of each event and of the state it left, beside the Vietnamese. */
static void add_event_names_en(json_t *list)
{
    size_t i;
    json_t *e;

    json_array_foreach(list, i, e)
    {
        int type = case_event_parse(json_string_value(json_object_get(e, "type")));
        int st = case_state_parse(json_string_value(json_object_get(e, "state_after")));
        json_object_set_new(e, "name_en",
                            type >= 0 ? json_string(case_event_name_en((case_event_t)type))
                                      : json_incref(json_object_get(e, "type")));
        json_object_set_new(e, "state_after_name_en",
                            st >= 0 ? json_string(case_state_name_en((case_state_t)st))
                                    : json_incref(json_object_get(e, "state_after")));
    }
}

/* The events are sent before the case's and the scope's reads, as for the detail. */
int api_cases_events(http_request_t *req)
{
    case_row_t c;
    json_t *list;
    db_stmt_t *events;
    int64_t id = api_path_id(req, "id");
    int rc;

    if (id == 0)
        return 404;
    if (case_events_send(http_db(req), id, &events) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    if ((rc = api_case_in_scope(req, &c)) != 0) {
        db_finalize(events);
        return rc;
    }
    list = http_keep(req, json_array());
    if (case_events_take(events, collect_event, list) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    add_event_names_en(list);
    return http_reply_json(req, 200,
                           json_pack("{s:I, s:O}", "case_id", (json_int_t)c.id, "events", list));
}

/* ---- events ---- */

/* Record one event; `assign` routes only assignment (api_case_assign_body), the events
 * route everything else (api_case_event_body): assignment needs case.assign, a leader's
 * permission. */
static int record_event(http_request_t *req, int assign)
{
    case_row_t c;
    json_t *body;
    case_event_input_t in = {0};
    op_error_t err;
    const char *type, *result;
    int64_t seq;
    int rc = api_case_in_scope(req, &c);

    if (rc != 0)
        return rc;
    if ((body = http_json_request(req)) == NULL)
        return 400;
    type = assign ? case_event_code(CASE_EVENT_ASSIGNED) : http_json_string(body, "type");
    in.type = (case_event_t)case_event_parse(type);
    in.occurred_on = http_json_date(body, "occurred_on");
    in.document_no = http_json_string(body, "document_no");
    in.officer_user_id = http_json_int(body, "officer_user_id");
    in.amount_vnd = http_json_int(body, "amount_vnd");
    in.corrects_seq = http_json_int(body, "corrects_seq");
    in.complaint_seq = http_json_int(body, "complaint_seq");
    in.reason = http_json_string(body, "reason");
    if (json_object_get(body, "ground_on") != NULL)
        in.ground_on = http_json_date(body, "ground_on");
    in.reverify_yearly = json_is_true(json_object_get(body, "reverify_yearly"));
    in.service_by_posting = json_is_true(json_object_get(body, "service_by_posting"));
    in.real_estate = json_is_true(json_object_get(body, "real_estate"));
    in.previous_price_vnd = http_json_int(body, "previous_price_vnd");
    in.protest_request = json_is_true(json_object_get(body, "protest_request"));
    if (json_object_get(body, "coercion_on") != NULL)
        in.coercion_on = http_json_date(body, "coercion_on");
    in.mobilizing_forces = json_is_true(json_object_get(body, "mobilizing_forces"));
    if (http_json_string(body, "complaint_about") != NULL)
        in.complaint =
            (case_complaint_t)case_complaint_parse(http_json_string(body, "complaint_about"));
    result = http_json_string(body, "result");
    if (in.type == CASE_EVENT_VERIFICATION_RECORDED) {
        if (result == NULL)
            return http_reply_error(req, 400, "invalid_value", "result",
                                    "result is eligible, not_eligible or inconclusive.",
                                    "Kết quả là eligible, not_eligible hoặc inconclusive.");
        in.verify = (verify_result_t)case_verify_parse(result);
    }
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (case_op_event(http_db(req), api_app(req), c.id, &in, api_who(req)->user.id, api_today(req),
                      api_now(req), &seq, &err) != 0)
        return api_abort(req, &err);
    /* Read back before the commit, while this connection's page cache is still good:
     * after it, another connection's commit would make this read start cold (api_after
     * rolls back if it fails). */
    if (cases_get(http_db(req), c.id, &c) != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    if ((rc = api_commit(req, 201, object_of(req, c.id), type)) != 0)
        return rc;
    return http_reply_json(
        req, 201, json_pack("{s:I, s:o}", "seq", (json_int_t)seq, "case", render_case(&c)));
}

int api_cases_add_event(http_request_t *req)
{
    return record_event(req, 0);
}

int api_cases_assign(http_request_t *req)
{
    return record_event(req, 1);
}

/* ---- worklist and violations ---- */

/* The query is checked against api_worklist_query before this runs. A page is the
 * deadlines after the cursor's (its due day and id); a cursor outside the caller's
 * subtree, or no deadline's, is 404 like a unit's there. */
int api_worklist(http_request_t *req)
{
    const principal_t *who = api_who(req);
    civil_date_t today = api_today(req);
    const char *scope = http_query(req, "scope"), *overdue = http_query(req, "overdue"),
               *rule = http_query(req, "rule");
    deadline_filter_t f = {
        .root_unit = who->user.unit_id,
        .today = today,
        .until = today + (civil_date_t)http_query_int(req, "days", 14),
        .after_id = http_query_int(req, "cursor", 0),
        .limit = (int)http_query_int(req, "limit", 50),
    };
    deadline_ctx_t dl;
    int rc;

    if ((rc = api_query_refuse_unknown(req)) != 0)
        return rc;
    /* A leader (case.assign) sees the unit's deadlines unless asking for their own; anyone
     * else their own unless asking for the unit's (the accountant's page does): both are
     * within the caller's subtree, as the case list is. */
    if (scope == NULL)
        scope = (who->perms & PERM_CASE_ASSIGN) ? "unit" : "mine";
    if (strcmp(scope, "mine") == 0)
        f.officer_user_id = who->user.id;
    if (rule != NULL && rules_find(api_app(req)->rules, rule, today) == NULL)
        return bad_query(req, "rule");
    f.rule_id = rule;
    if (overdue != NULL && overdue[0] == '1')
        f.until = today - 1; /* due before today */
    if (f.after_id != 0) {
        int64_t unit = 0;

        rc = deadlines_cursor(http_db(req), f.after_id, &f.after_due, &unit);
        if (rc == DB_DONE) {
            api_ctx(req)->denied = 1;
            return http_reply_not_found(req);
        }
        if (rc != DB_ROW)
            return http_reply_db_error(req, http_db(req));
        if ((rc = api_scope_unit_now(req, unit)) != 0)
            return rc;
    }
    dl = (deadline_ctx_t){http_keep(req, json_array()), api_app(req), today};
    if (deadlines_worklist(http_db(req), &f, collect_deadline, &dl) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200,
                           json_pack("{s:o, s:s, s:O, s:o}", "today", render_date(today), "scope",
                                     scope, "items", dl.list, "next_cursor",
                                     next_cursor(req, dl.list, f.limit)));
}

static int collect_violation(const violation_row_t *v, void *arg)
{
    return json_array_append_new(
        arg,
        json_pack("{s:{s:I, s:s, s:s}, s:o, s:I, s:I}", "unit", "id", (json_int_t)v->unit_id,
                  "code", v->unit_code, "name_vi", v->unit_name, "officer",
                  v->officer_user_id ? json_pack("{s:I, s:s}", "id", (json_int_t)v->officer_user_id,
                                                 "full_name", v->officer_name)
                                     : json_null(),
                  "late", (json_int_t)v->late, "overdue", (json_int_t)v->overdue));
}

int api_violations(http_request_t *req)
{
    civil_date_t today = api_today(req), from = http_query_date(req, "from"),
                 to = http_query_date(req, "to");
    json_t *list;

    if (from == CIVIL_DATE_INVALID)
        from = civil_date_stat_year_start(civil_date_stat_year(today));
    if (to == CIVIL_DATE_INVALID)
        to = today;
    list = http_keep(req, json_array());
    if (deadlines_violations(http_db(req), api_who(req)->user.unit_id, today, from, to,
                             collect_violation, list) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200,
                           json_pack("{s:o, s:o, s:O}", "from", render_date(from), "to",
                                     render_date(to), "rows", list));
}

/* ---- entrustment ---- */

/* The receiving agency may be in another province: outside the caller's subtree, and
 * the new case is then not theirs to read — the answer names its id and unit only. */
int api_cases_entrust(http_request_t *req)
{
    case_row_t c;
    json_t *body;
    op_error_t err;
    int64_t new_id;
    int rc = api_case_in_scope(req, &c);

    if (rc != 0)
        return rc;
    if ((body = http_json_request(req)) == NULL)
        return 400;
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (case_op_entrust(http_db(req), api_app(req), c.id, http_json_int(body, "to_unit_id"),
                        http_json_string(body, "case_no"), http_json_date(body, "occurred_on"),
                        http_json_string(body, "document_no"), api_who(req)->user.id,
                        api_today(req), api_now(req), &new_id, &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(
             req, 201, object_of(req, c.id),
             arena_printf(http_arena(req), "entrusted as case:%lld", (long long)new_id))) != 0)
        return rc;
    if (cases_get(http_db(req), c.id, &c) != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 201,
                           json_pack("{s:o, s:{s:I, s:I}}", "case", render_case(&c), "entrusted",
                                     "case_id", (json_int_t)new_id, "unit_id",
                                     http_json_int(body, "to_unit_id")));
}

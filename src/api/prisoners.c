/*
 * api/prisoners.c — prisoners and the exchanges with prisons and camps over HTTP
 * (issue 16; ops/prison_ops.h does the work).
 *
 * Two sides use these routes. A prison officer (their unit a prison or camp) sees the
 * prisoners their camp holds today, those prisoners' obligations and the exchanges of
 * their camp about them; everything else answers 404 — a prisoner transferred away is
 * gone for the old camp from the transfer's date. The enforcement side sees the
 * prisoners followed by a unit of its subtree and their exchanges. Who may act on an
 * exchange is its sender (send) or its receiver (receive, answer), with the write
 * permission of their side: prisoner.write for the camp, case.write for the agency
 * (money.write to receive money collected at a camp); otherwise 403.
 */
#include "api/context.h"
#include "api/handlers.h"
#include "core/access.h"
#include "core/prison_doc.h"
#include "core/receipt.h"
#include "ops/prison_ops.h"
#include "ops/render.h"
#include "store/ledger.h"
#include "store/prisoners.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_camp(const principal_t *who)
{
    return (who->user.roles & (1u << ROLE_PRISON_OFFICER)) != 0;
}

static json_t *opt_text(const char *s)
{
    return s != NULL && s[0] ? json_string(s) : json_null();
}

static json_t *unit_ref(int64_t id, const char *code, const char *name)
{
    return id ? json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "code", code, "name_vi", name)
              : json_null();
}

static const char *status_vi(const char *s)
{
    return strcmp(s, "held") == 0       ? "Đang chấp hành án"
           : strcmp(s, "released") == 0 ? "Đã ra trại"
           : strcmp(s, "dead") == 0     ? "Đã chết"
                                        : s;
}

static json_t *render_prisoner(const prisoner_row_t *p)
{
    json_t *j = json_pack("{s:I, s:I, s:s, s:o, s:o, s:s, s:s, s:o, s:o, s:s, s:s, s:o, s:o, s:o}",
                          "id", (json_int_t)p->id, "party_id", (json_int_t)p->party_id, "full_name",
                          p->full_name, "birth_date", render_date(p->birth_date), "id_number",
                          opt_text(p->id_number), "prisoner_no", p->prisoner_no, "sentence",
                          p->sentence, "entered_on", render_date(p->entered_on),
                          "expected_release_on", render_date(p->expected_release_on), "status",
                          p->status, "status_name_vi", status_vi(p->status), "camp",
                          unit_ref(p->camp_unit_id, p->camp_code, p->camp_name), "camp_since",
                          render_date(p->camp_unit_id ? p->camp_from : CIVIL_DATE_INVALID),
                          "agency", unit_ref(p->agency_unit_id, p->agency_code, p->agency_name));

    if (j != NULL)
        json_object_set_new(j, "owed",
                            json_pack("{s:I, s:I, s:I, s:I}", "cases", (json_int_t)p->n_cases,
                                      "amount_vnd", (json_int_t)p->amount_vnd, "paid_vnd",
                                      (json_int_t)p->paid_vnd, "remaining_vnd",
                                      (json_int_t)p->remaining_vnd));
    return j;
}

static json_t *render_exchange(http_request_t *req, const exchange_row_t *x, int full)
{
    int k = prison_x_kind_parse(x->kind), s = prison_x_state_parse(x->state);
    prison_x_state_t shown = s >= 0 ? prison_x_state_as_of((prison_x_kind_t)k, (prison_x_state_t)s,
                                                           x->due_on, api_today(req))
                                    : PRISON_X_DRAFTED;
    json_t *late = json_null(), *j;

    if (x->due_on != CIVIL_DATE_INVALID && x->answered_on != CIVIL_DATE_INVALID)
        late = json_boolean(x->answered_on > x->due_on);
    else if (x->due_on != CIVIL_DATE_INVALID && x->received_on != CIVIL_DATE_INVALID &&
             k == PRISON_X_CAMP_COLLECTION)
        late = json_boolean(x->received_on > x->due_on);
    j = json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:{s:I, s:s, s:s}, s:o, s:o, s:o, s:s, s:o, "
        "s:o, s:I, s:I, s:o, s:o, s:o, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
        "s:o, s:o}",
        "id", (json_int_t)x->id, "kind", x->kind, "kind_name_vi",
        k >= 0 ? prison_x_kind_name_vi((prison_x_kind_t)k) : x->kind, "kind_name_en",
        k >= 0 ? prison_x_kind_name_en((prison_x_kind_t)k) : x->kind, "state",
        prison_x_state_code(shown), "state_stored", x->state, "state_name_vi",
        prison_x_state_name_vi(shown), "state_name_en", prison_x_state_name_en(shown), "prisoner",
        "id", (json_int_t)x->prisoner_id, "full_name", x->prisoner_name, "prisoner_no",
        x->prisoner_no, "case",
        x->case_id ? json_pack("{s:I, s:s}", "id", (json_int_t)x->case_id, "case_no", x->case_no)
                   : json_null(),
        "sender", unit_ref(x->sender_unit_id, x->sender_code, x->sender_name), "receiver",
        unit_ref(x->receiver_unit_id, x->receiver_code, x->receiver_name), "direction",
        x->sender_unit_id == x->agency_unit_id ? "agency_to_camp" : "camp_to_agency", "reply_to_id",
        x->reply_to_id ? json_integer(x->reply_to_id) : json_null(), "purpose",
        opt_text(x->purpose), "amount_vnd", (json_int_t)x->amount_vnd, "remaining_vnd",
        (json_int_t)x->remaining_vnd, "camp_receipt_no", opt_text(x->camp_receipt_no), "payer_name",
        opt_text(x->payer_name), "receipt_id",
        x->receipt_id ? json_integer(x->receipt_id) : json_null(), "received_in_custody",
        x->transfer_txn_id != 0, "body", opt_text(x->body), "answer", opt_text(x->answer),
        "signed_by", opt_text(x->signed_by), "signed_on", render_date(x->signed_on), "rule_id",
        opt_text(x->rule_id), "due_on", render_date(x->due_on), "drafted_on",
        render_date(x->drafted_on), "sent_on", render_date(x->sent_on), "received_on",
        render_date(x->received_on), "answered_on", render_date(x->answered_on), "answered_late",
        late, "updated_at", render_time(x->updated_at));
    if (j != NULL && full) {
        receipt_row_t r;
        char no[RECEIPT_NO_MAX];
        json_object_set_new(j, "document", json_string(x->document ? x->document : ""));
        if (x->receipt_id && receipts_get(http_db(req), x->receipt_id, &r) == DB_ROW) {
            receipt_no_text(r.unit_code, r.year, r.number, no, sizeof no);
            json_object_set_new(j, "receipt",
                                json_pack("{s:I, s:s, s:I, s:o, s:b}", "id", (json_int_t)r.id,
                                          "number_text", no, "amount_vnd", (json_int_t)r.amount_vnd,
                                          "issued_on", render_date(r.issued_on), "voided",
                                          r.voided));
        } else {
            json_object_set_new(j, "receipt", json_null());
        }
    }
    return j;
}

/* ---- scope ---- */

static int not_found(http_request_t *req)
{
    api_ctx(req)->denied = 1;
    return http_reply_not_found(req);
}

/* The prisoner id as of today, if the caller may see them: 0 or the status answered. */
static int prisoner_in_scope(http_request_t *req, int64_t id, prisoner_row_t *p)
{
    const principal_t *who = api_who(req);
    int rc;

    if (id == 0)
        return 404;
    rc = prisoners_get(http_db(req), id, api_today(req), p);
    if (rc == DB_DONE)
        return not_found(req);
    if (rc != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    api_ctx(req)->object = arena_printf(http_arena(req), "prisoner:%lld", (long long)id);
    if (is_camp(who))
        return p->camp_unit_id != 0 && p->camp_unit_id == who->user.unit_id ? 0 : not_found(req);
    return api_scope_unit_now(req, p->agency_unit_id);
}

/* The exchange of path {id} if the caller may see it: 0 or the status answered. The row
 * is the caller's to clear (exchange_row_clear) when 0 is returned. */
static int exchange_in_scope(http_request_t *req, exchange_row_t *x)
{
    const principal_t *who = api_who(req);
    int64_t id = api_path_id(req, "id");
    int rc;

    if (id == 0)
        return 404;
    rc = exchanges_get(http_db(req), id, x);
    if (rc == DB_DONE)
        return not_found(req);
    if (rc != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    api_ctx(req)->object = arena_printf(http_arena(req), "exchange:%lld", (long long)id);
    if (is_camp(who)) {
        prisoner_row_t p;
        rc = prisoners_get(http_db(req), x->prisoner_id, api_today(req), &p);
        if (rc != DB_ROW) {
            exchange_row_clear(x);
            return http_reply_db_error(req, http_db(req));
        }
        if (x->camp_unit_id != who->user.unit_id || p.camp_unit_id != who->user.unit_id) {
            exchange_row_clear(x);
            return not_found(req);
        }
        return 0;
    }
    if ((rc = api_scope_unit_now(req, x->agency_unit_id)) != 0)
        exchange_row_clear(x);
    return rc;
}

/* May the caller act for the agency (agency 1) or the camp (0) side, with perm on the
 * agency side? 0, or 403 answered. */
static int side_may(http_request_t *req, int agency, unsigned agency_perm)
{
    const principal_t *who = api_who(req);

    if (agency ? !is_camp(who) && (who->perms & agency_perm)
               : is_camp(who) && (who->perms & PERM_PRISONER_WRITE))
        return 0;
    return http_reply_error(req, 403, "forbidden", NULL,
                            agency ? "Only the enforcement agency takes this step."
                                   : "Only the prison or camp takes this step.",
                            agency ? "Chỉ cơ quan thi hành án thực hiện bước này."
                                   : "Chỉ trại giam, trại tạm giam thực hiện bước này.");
}

/* ---- prisoners ---- */

static int collect_prisoner(const prisoner_row_t *p, void *arg)
{
    return json_array_append_new(arg, render_prisoner(p));
}

int api_prisoners_list(http_request_t *req)
{
    const principal_t *who = api_who(req);
    prisoner_filter_t f = {.today = api_today(req),
                           .case_id = http_query_int(req, "case_id", 0),
                           .status = http_query(req, "status"),
                           .limit = (int)http_query_int(req, "limit", 200)};
    json_t *list = http_keep(req, json_array());

    if (is_camp(who))
        f.camp_unit_id = who->user.unit_id;
    else
        f.agency_root = who->user.unit_id;
    if (prisoners_list(http_db(req), &f, collect_prisoner, list) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200, json_pack("{s:O}", "items", list));
}

static int collect_stay(const prisoner_stay_row_t *s, void *arg)
{
    return json_array_append_new(
        arg, json_pack("{s:o, s:o, s:o, s:s, s:o, s:o}", "camp",
                       unit_ref(s->camp_unit_id, s->camp_code, s->camp_name), "from_on",
                       render_date(s->from_on), "to_on", render_date(s->to_on), "reason_in",
                       s->reason_in, "reason_out", opt_text(s->reason_out), "document_no",
                       opt_text(s->document_no)));
}

static json_t *render_obligations(const prison_obligations_t *o)
{
    json_t *cases = json_array();

    for (size_t i = 0; cases != NULL && i < o->n; i++) {
        const case_row_t *c = &o->o[i].c;
        json_t *items = json_array();
        for (size_t k = 0; items != NULL && k < o->o[i].n_items; k++) {
            const case_item_row_t *it = &o->o[i].item[k];
            json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:I, s:i}", "id",
                                                   (json_int_t)it->id, "content_type",
                                                   it->content_type, "description", it->description,
                                                   "amount_vnd", (json_int_t)it->amount_vnd,
                                                   "payment_rank", it->payment_rank));
        }
        json_array_append_new(
            cases,
            json_pack(
                "{s:I, s:s, s:{s:I, s:s, s:s}, s:s, s:{s:s, s:s, s:o}, s:o, s:o, s:I, s:I, "
                "s:I, s:I}",
                "case_id", (json_int_t)c->id, "case_no", c->case_no, "unit", "id",
                (json_int_t)c->unit_id, "code", c->unit_code, "name_vi", c->unit_name, "state",
                c->state, "judgment", "number", c->judgment_no, "court", c->court_name, "date",
                render_date(c->judgment_date), "decided_on", render_date(c->decided_on), "items",
                items ? items : json_array(), "amount_vnd", (json_int_t)c->amount_vnd, "paid_vnd",
                (json_int_t)c->collected_vnd, "remaining_vnd",
                (json_int_t)(c->amount_vnd > c->collected_vnd ? c->amount_vnd - c->collected_vnd
                                                              : 0),
                "paid_out_vnd", (json_int_t)c->paid_vnd));
    }
    return json_pack("{s:o, s:I, s:I, s:I}", "cases", cases ? cases : json_array(), "amount_vnd",
                     (json_int_t)o->amount_vnd, "paid_vnd", (json_int_t)o->paid_vnd,
                     "remaining_vnd", (json_int_t)o->remaining_vnd);
}

typedef struct {
    http_request_t *req;
    json_t *list;
} xlist_t;

static int collect_exchange(const exchange_row_t *x, void *arg)
{
    xlist_t *l = arg;
    return json_array_append_new(l->list, render_exchange(l->req, x, 0));
}

/* The prisoner with stays, obligations and exchanges (as the caller may see them). */
static int reply_prisoner(http_request_t *req, int status, int64_t id)
{
    const principal_t *who = api_who(req);
    prisoner_row_t p;
    prison_obligations_t o;
    op_error_t err;
    json_t *stays, *xs;
    exchange_filter_t f;
    xlist_t l;

    if (prisoners_get(http_db(req), id, api_today(req), &p) != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    stays = http_keep(req, json_array());
    xs = http_keep(req, json_array());
    if (prisoner_stays_list(http_db(req), id, collect_stay, stays) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    f = (exchange_filter_t){.prisoner_id = id, .today = api_today(req), .limit = 500};
    if (is_camp(who))
        f.camp_unit_id = who->user.unit_id;
    else
        f.agency_root = who->user.unit_id;
    l = (xlist_t){req, xs};
    if (exchanges_list(http_db(req), &f, collect_exchange, &l) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    if (prison_op_obligations(http_db(req), p.party_id, 0, &o, &err) != 0)
        return api_reply_op_error(req, &err);
    json_t *j = json_pack("{s:o, s:O, s:o, s:O}", "prisoner", render_prisoner(&p), "stays", stays,
                          "obligations", render_obligations(&o), "exchanges", xs);
    prison_obligations_free(&o);
    return http_reply_json(req, status, j);
}

int api_prisoners_get(http_request_t *req)
{
    prisoner_row_t p;
    int64_t id = api_path_id(req, "id");
    int rc = prisoner_in_scope(req, id, &p);

    return rc != 0 ? rc : reply_prisoner(req, 200, id);
}

int api_prisoners_create(http_request_t *req)
{
    json_t *body;
    case_row_t c;
    op_error_t err;
    prisoner_input_t in;
    int64_t id;
    int rc;

    if ((body = http_json_request(req)) == NULL)
        return 400;
    in = (prisoner_input_t){.case_id = http_json_int(body, "case_id"),
                            .party_id = http_json_int(body, "party_id"),
                            .camp_unit_id = http_json_int(body, "camp_unit_id"),
                            .prisoner_no = http_json_string(body, "prisoner_no"),
                            .sentence = http_json_string(body, "sentence"),
                            .entered_on = http_json_date(body, "entered_on"),
                            .expected_release_on = http_json_date(body, "expected_release_on"),
                            .full_name = http_json_string(body, "full_name"),
                            .id_number = http_json_string(body, "id_number"),
                            .birth_date = http_json_date(body, "birth_date")};
    /* the case must be the caller's to see */
    rc = cases_get(http_db(req), in.case_id, &c);
    if (rc == DB_DONE)
        return not_found(req);
    if (rc != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    if ((rc = api_scope_unit_now(req, c.unit_id)) != 0)
        return rc;
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (prison_op_register(http_db(req), api_app(req), &in, api_who(req)->user.id, api_today(req),
                           api_now(req), &id, &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 201, arena_printf(http_arena(req), "prisoner:%lld", (long long)id),
                         arena_printf(http_arena(req), "registered from case:%lld",
                                      (long long)in.case_id))) != 0)
        return rc;
    return reply_prisoner(req, 201, id);
}

int api_prisoners_move(http_request_t *req)
{
    prisoner_row_t p;
    json_t *body;
    op_error_t err;
    int64_t id = api_path_id(req, "id");
    int rc = prisoner_in_scope(req, id, &p), move;
    const principal_t *who = api_who(req);

    if (rc != 0)
        return rc;
    if ((body = http_json_request(req)) == NULL)
        return 400;
    if ((rc = side_may(req, !is_camp(who), PERM_CASE_WRITE)) != 0)
        return rc;
    move = prison_move_parse(http_json_string(body, "kind"));
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (prison_op_move(http_db(req), api_app(req), id, (prison_move_t)move,
                       http_json_int(body, "to_camp_unit_id"), http_json_date(body, "occurred_on"),
                       http_json_string(body, "document_no"), who->user.id, api_today(req),
                       api_now(req), &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 201, api_ctx(req)->object, http_json_string(body, "kind"))) != 0)
        return rc;
    return reply_prisoner(req, 201, id);
}

static int reply_exchange(http_request_t *req, int status, int64_t id, int64_t reply_id)
{
    exchange_row_t x, r;
    json_t *j;

    if (exchanges_get(http_db(req), id, &x) != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    j = json_pack("{s:o}", "exchange", render_exchange(req, &x, 1));
    exchange_row_clear(&x);
    if (reply_id != 0 && exchanges_get(http_db(req), reply_id, &r) == DB_ROW) {
        json_object_set_new(j, "reply", render_exchange(req, &r, 1));
        exchange_row_clear(&r);
    } else
        json_object_set_new(j, "reply", json_null());
    return http_reply_json(req, status, j);
}

int api_prisoners_exchange(http_request_t *req)
{
    prisoner_row_t p;
    json_t *body;
    op_error_t err;
    prison_x_input_t in;
    int64_t id = api_path_id(req, "id"), xid;
    int rc = prisoner_in_scope(req, id, &p), kind;

    if (rc != 0)
        return rc;
    if ((body = http_json_request(req)) == NULL)
        return 400;
    kind = prison_x_kind_parse(http_json_string(body, "kind"));
    if ((rc = side_may(req, prison_x_kind_from_agency((prison_x_kind_t)kind), PERM_CASE_WRITE)) !=
        0)
        return rc;
    in = (prison_x_input_t){.kind = (prison_x_kind_t)kind,
                            .prisoner_id = id,
                            .case_id = http_json_int(body, "case_id"),
                            .on = http_json_date(body, "occurred_on"),
                            .draft = json_is_true(json_object_get(body, "draft")),
                            .body = http_json_string(body, "body"),
                            .purpose = http_json_string(body, "purpose"),
                            .amount_vnd = http_json_int(body, "amount_vnd"),
                            .payer_name = http_json_string(body, "payer_name"),
                            .payer_address = http_json_string(body, "payer_address"),
                            .camp_receipt_no = http_json_string(body, "camp_receipt_no")};
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (prison_op_exchange(http_db(req), api_app(req), &in, api_who(req)->user.id, api_today(req),
                           api_now(req), &xid, &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 201, arena_printf(http_arena(req), "exchange:%lld", (long long)xid),
                         arena_printf(http_arena(req), "%s about prisoner:%lld",
                                      http_json_string(body, "kind"), (long long)id))) != 0)
        return rc;
    return reply_exchange(req, 201, xid, 0);
}

/* ---- exchanges ---- */

int api_exchanges_list(http_request_t *req)
{
    const principal_t *who = api_who(req);
    const char *state = http_query(req, "state");
    exchange_filter_t f = {.today = api_today(req),
                           .prisoner_id = http_query_int(req, "prisoner_id", 0),
                           .case_id = http_query_int(req, "case_id", 0),
                           .kind = http_query(req, "kind"),
                           .limit = (int)http_query_int(req, "limit", 200)};
    xlist_t l = {req, http_keep(req, json_array())};

    int64_t unit_id = http_query_int(req, "unit_id", 0);
    int rc;

    const char *waiting = http_query(req, "waiting");

    if (state != NULL && strcmp(state, "overdue") == 0)
        f.overdue = 1;
    else
        f.state = state;
    /* waiting=me: those whose receiver is the caller's side and has still to act */
    if (waiting != NULL)
        f.waiting_for = is_camp(who) ? "camp" : "agency";
    if (is_camp(who))
        f.camp_unit_id = who->user.unit_id;
    else
        f.agency_root = who->user.unit_id;
    /* one unit's subtree of mine (a unit outside it answers 404) */
    if (unit_id != 0 && !is_camp(who)) {
        if ((rc = api_scope_unit_now(req, unit_id)) != 0)
            return rc;
        f.agency_root = unit_id;
    }
    if (exchanges_list(http_db(req), &f, collect_exchange, &l) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200, json_pack("{s:O}", "items", l.list));
}

static int collect_xevent(const exchange_event_row_t *e, void *arg)
{
    return json_array_append_new(
        arg, json_pack("{s:i, s:s, s:o, s:o, s:o, s:o}", "seq", e->seq, "state", e->state,
                       "occurred_on", render_date(e->on), "actor", opt_text(e->actor_name), "note",
                       opt_text(e->note), "recorded_at", render_time(e->recorded_at)));
}

int api_exchanges_get(http_request_t *req)
{
    exchange_row_t x;
    json_t *events, *j;
    int rc = exchange_in_scope(req, &x);

    if (rc != 0)
        return rc;
    events = http_keep(req, json_array());
    if (exchange_events_list(http_db(req), x.id, collect_xevent, events) != DB_OK) {
        exchange_row_clear(&x);
        return http_reply_db_error(req, http_db(req));
    }
    j = json_pack("{s:o, s:O}", "exchange", render_exchange(req, &x, 1), "events", events);
    exchange_row_clear(&x);
    return http_reply_json(req, 200, j);
}

int api_exchanges_document(http_request_t *req)
{
    exchange_row_t x;
    int rc = exchange_in_scope(req, &x);
    char *name;

    if (rc != 0)
        return rc;
    name = arena_printf(http_arena(req), "inline; filename=\"trao-doi-%lld.txt\"", (long long)x.id);
    http_add_header(req, "Content-Disposition", name);
    rc = http_reply_bytes(req, 200, "text/plain; charset=utf-8", x.document ? x.document : "",
                          x.document ? strlen(x.document) : 0);
    exchange_row_clear(&x);
    return rc;
}

/* step: 0 send (the sender), 1 receive, 2 answer (the receiver) */
static int exchange_step(http_request_t *req, int step)
{
    exchange_row_t x;
    json_t *body;
    op_error_t err;
    int64_t reply_id = 0, id;
    int agency_side, rc = exchange_in_scope(req, &x), failed;
    unsigned perm = PERM_CASE_WRITE;
    const principal_t *who = api_who(req);
    civil_date_t on;

    if (rc != 0)
        return rc;
    id = x.id;
    agency_side = (step == 0) == (x.sender_unit_id == x.agency_unit_id);
    if (step == 1 && strcmp(x.kind, "camp_collection") == 0)
        perm = PERM_MONEY_WRITE;
    exchange_row_clear(&x);
    if ((body = http_json_request(req)) == NULL)
        return 400;
    if ((rc = side_may(req, agency_side, perm)) != 0)
        return rc;
    on = http_json_date(body, "occurred_on");
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (step == 0)
        failed = prison_op_send(http_db(req), api_app(req), id, on, who->user.id, api_today(req),
                                api_now(req), &err);
    else if (step == 1)
        failed = prison_op_receive(http_db(req), api_app(req), id, on,
                                   json_is_true(json_object_get(body, "in_cash")), who->user.id,
                                   api_today(req), api_now(req), &err);
    else {
        prison_answer_t a = {on, http_json_string(body, "text"),
                             http_json_string(body, "signed_by")};
        failed = prison_op_answer(http_db(req), api_app(req), id, &a, who->user.id, api_today(req),
                                  api_now(req), &reply_id, &err);
    }
    if (failed != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 201, api_ctx(req)->object,
                         step == 0   ? "sent"
                         : step == 1 ? "received"
                                     : "answered")) != 0)
        return rc;
    return reply_exchange(req, 201, id, reply_id);
}

int api_exchanges_send(http_request_t *req)
{
    return exchange_step(req, 0);
}

int api_exchanges_receive(http_request_t *req)
{
    return exchange_step(req, 1);
}

int api_exchanges_answer(http_request_t *req)
{
    return exchange_step(req, 2);
}

/*
 * api/home.c — GET /api/home: the signed-in user's home page in one call (issue 13:
 * "every role lands on its work"). One part per role the user holds, each scoped like
 * every endpoint (the user's unit's subtree; an officer's own deadlines and cases):
 *   officer   deadlines overdue, due today and this week (counts and the first few),
 *             my cases by state, the latest events on my cases;
 *   leader    the subtree's overdue deadlines by office and by officer (with the ids
 *             GET /api/cases?overdue=1&unit_id=..|&officer=.. lists), cases by state,
 *             cases without an officer;
 *   unit      (secretary, examiner) the unit's deadlines and cases (scope=unit);
 *   admin     recent audit rows in words, failed sign-ins in the last 24 hours, active
 *             users and units.
 * Each count is one aggregate over an index (store/home.h); nothing reads every case.
 */
#include "api/context.h"
#include "api/handlers.h"
#include "ops/render.h"
#include "core/access.h"
#include "core/audit_words.h"
#include "core/case.h"
#include "store/audit.h"
#include "store/cases.h"
#include "store/home.h"
#include "store/outbox.h"
#include "store/units.h"

#include <stdio.h>
#include <string.h>

#define HOME_TOP    5  /* deadlines listed under the counts */
#define HOME_RECENT 10 /* events, audit rows */

typedef struct {
    json_t *list;
} collect_t;

static int collect_state(const char *state, int64_t count, void *arg)
{
    int s = case_state_parse(state);

    return json_array_append_new(
        arg, json_pack("{s:s, s:s, s:s, s:I}", "state", state, "vi",
                       s >= 0 ? case_state_name_vi((case_state_t)s) : state, "en",
                       s >= 0 ? case_state_name_en((case_state_t)s) : state, "count",
                       (json_int_t)count));
}

/* Cases by state, in the catalogue's order of states. */
static json_t *cases_by_state(http_request_t *req, int64_t root, int64_t officer, int *failed)
{
    json_t *raw = json_array(), *sorted = json_array(), *e;
    size_t i;

    if (home_cases_by_state(http_db(req), root, officer, api_today(req), collect_state, raw) !=
        DB_OK)
        *failed = 1;
    for (int s = 0; s < CASE_STATE_COUNT; s++)
        json_array_foreach(raw, i, e) if (strcmp(json_string_value(json_object_get(e, "state")),
                                                 case_state_code((case_state_t)s)) == 0)
            json_array_append(sorted, e);
    json_decref(raw);
    return sorted;
}

static int collect_deadline_brief(const deadline_row_t *d, void *arg)
{
    civil_date_t today = (civil_date_t)(intptr_t)json_integer_value(json_object_get(arg, "t"));
    json_t *list = json_object_get(arg, "list");

    return json_array_append_new(
        list, json_pack("{s:I, s:I, s:s, s:s, s:o, s:i, s:b}", "id", (json_int_t)d->id, "case_id",
                        (json_int_t)d->case_id, "case_no", d->case_no, "rule_id", d->rule_id,
                        "due_on", render_date(d->due_on), "days_left", (int)(d->due_on - today),
                        "overdue", d->due_on < today));
}

/* The counts of open deadlines and the first few (the soonest due, overdue first). */
static json_t *deadlines_part(http_request_t *req, int64_t root, int64_t officer, int *failed)
{
    civil_date_t today = api_today(req);
    home_deadlines_t n;
    json_t *ctx = json_pack("{s:I, s:[]}", "t", (json_int_t)today, "list"), *top;

    deadline_filter_t f = {.root_unit = root,
                           .officer_user_id = officer,
                           .today = today,
                           .until = today + 7,
                           .limit = HOME_TOP};

    if (home_deadline_counts(http_db(req), root, officer, today, today + 7, &n) != DB_OK ||
        deadlines_worklist(http_db(req), &f, collect_deadline_brief, ctx) != DB_OK)
        *failed = 1;
    top = json_incref(json_object_get(ctx, "list"));
    json_decref(ctx);
    return json_pack("{s:I, s:I, s:I, s:o}", "overdue", (json_int_t)n.overdue, "due_today",
                     (json_int_t)n.due_today, "due_this_week", (json_int_t)n.due_week, "first",
                     top);
}

static int collect_event(const home_event_t *e, void *arg)
{
    int t = case_event_parse(e->type);

    return json_array_append_new(
        arg,
        json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:o, s:o, s:s}", "case_id",
                  (json_int_t)e->case_id, "case_no", e->case_no, "seq", (json_int_t)e->seq, "type",
                  e->type, "name_vi", t >= 0 ? case_event_name_vi((case_event_t)t) : e->type,
                  "name_en", t >= 0 ? case_event_name_en((case_event_t)t) : e->type, "occurred_on",
                  render_date(e->occurred_on), "recorded_at", render_time(e->recorded_at),
                  "actor_name", e->actor_name));
}

/* Overdue deadlines per office and per officer, from the inspection view's rows. */
typedef struct {
    json_t *by_office, *by_officer;
} overdue_t;

static int collect_overdue(const violation_row_t *v, void *arg)
{
    overdue_t *o = arg;
    json_t *e;
    size_t i;
    int found = 0;

    if (v->overdue == 0)
        return 0;
    json_array_foreach(o->by_office, i,
                       e) if (json_integer_value(json_object_get(e, "unit_id")) == v->unit_id)
    {
        json_object_set_new(
            e, "overdue",
            json_integer(json_integer_value(json_object_get(e, "overdue")) + v->overdue));
        found = 1;
    }
    if (!found)
        json_array_append_new(o->by_office,
                              json_pack("{s:I, s:s, s:s, s:I}", "unit_id", (json_int_t)v->unit_id,
                                        "code", v->unit_code, "name_vi", v->unit_name, "overdue",
                                        (json_int_t)v->overdue));
    return json_array_append_new(
        o->by_officer,
        json_pack("{s:o, s:s, s:I, s:s, s:I}", "officer_id",
                  v->officer_user_id ? json_integer(v->officer_user_id) : json_null(), "full_name",
                  v->officer_name, "unit_id", (json_int_t)v->unit_id, "unit_code", v->unit_code,
                  "overdue", (json_int_t)v->overdue));
}

static int collect_audit(const audit_row_t *r, void *arg)
{
    const char *result = audit_result(r->method, r->outcome, NULL, NULL);
    audit_facts_t f = {r->method,     r->route,    r->detail, r->outcome,
                       r->actor_name, r->username, r->object, r->object_label};
    char vi[1600], en[1600];

    audit_describe(&f, vi, sizeof vi, en, sizeof en);
    return json_array_append_new(arg,
                                 json_pack("{s:I, s:o, s:s, s:s, s:s, s:s}", "id",
                                           (json_int_t)r->id, "at", render_time(r->at), "kind",
                                           audit_kind_of(r->method, r->route, r->outcome)->code,
                                           "result", result, "summary_vi", vi, "summary_en", en));
}

static int count_unit(const unit_row_t *u, int depth, void *arg)
{
    (void)u;
    (void)depth;
    (*(int64_t *)arg)++;
    return 0;
}

static json_t *admin_part(http_request_t *req, int *failed)
{
    const principal_t *who = api_who(req);
    const audit_kind_t *k = audit_kind_find("sign_in_failed");
    civil_date_t today = api_today(req);
    char today_s[11];
    unit_row_t unit;
    audit_filter_t f;
    int64_t failed_24h = 0, users = 0, units = 0;
    json_t *recent = json_array();
    db_t *db = http_db(req);

    civil_date_format(today, today_s);
    f = (audit_filter_t){.root_unit = who->user.unit_id,
                         .today = today_s,
                         .method = "",
                         .route = "",
                         .outcome_max = 999,
                         .limit = HOME_RECENT};
    if (units_get(db, who->user.unit_id, today, &unit) == DB_ROW)
        f.include_unitless = unit.parent_id == 0;
    if (audit_search(db, &f, collect_audit, recent) != DB_OK)
        *failed = 1;
    f.method = k->method;
    f.route = k->route;
    f.outcome_min = k->outcome_min;
    f.outcome_max = k->outcome_max;
    f.from_us = api_now(req) - (int64_t)24 * 3600 * 1000000;
    if (audit_count(db, &f, &failed_24h) != DB_OK ||
        home_active_users(db, who->user.unit_id, today, &users) != DB_OK ||
        units_list_subtree(db, who->user.unit_id, today, count_unit, &units) != DB_OK)
        *failed = 1;
    return json_pack("{s:o, s:I, s:I, s:I}", "recent_audit", recent, "failed_sign_ins_24h",
                     (json_int_t)failed_24h, "active_users", (json_int_t)users, "units",
                     (json_int_t)units);
}

int api_home(http_request_t *req)
{
    const principal_t *who = api_who(req);
    unsigned roles = who->user.roles;
    int64_t root = who->user.unit_id;
    civil_date_t today = api_today(req);
    json_t *home = http_keep(req, json_object());
    int failed = 0;

    json_object_set_new(home, "today", render_date(today));
    json_object_set_new(home, "roles", render_roles(roles));
    if (roles & (1u << ROLE_OFFICER)) {
        json_t *events = json_array();
        if (home_recent_events(http_db(req), who->user.id, HOME_RECENT, collect_event, events) !=
            DB_OK)
            failed = 1;
        json_object_set_new(
            home, "officer",
            json_pack("{s:o, s:o, s:o}", "deadlines",
                      deadlines_part(req, root, who->user.id, &failed), "cases_by_state",
                      cases_by_state(req, root, who->user.id, &failed), "recent_events", events));
    }
    if (roles & (1u << ROLE_LEADER)) {
        overdue_t o = {json_array(), json_array()};
        int64_t unassigned = 0;
        if (deadlines_violations(http_db(req), root, today, today, today, collect_overdue, &o) !=
                DB_OK ||
            home_unassigned(http_db(req), root, today, &unassigned) != DB_OK)
            failed = 1;
        json_object_set_new(home, "leader",
                            json_pack("{s:o, s:o, s:o, s:o, s:I}", "deadlines",
                                      deadlines_part(req, root, 0, &failed), "overdue_by_office",
                                      o.by_office, "overdue_by_officer", o.by_officer,
                                      "cases_by_state", cases_by_state(req, root, 0, &failed),
                                      "unassigned_cases", (json_int_t)unassigned));
    }
    if (roles & ((1u << ROLE_SECRETARY) | (1u << ROLE_EXAMINER)))
        json_object_set_new(home, "unit",
                            json_pack("{s:o, s:o}", "deadlines",
                                      deadlines_part(req, root, 0, &failed), "cases_by_state",
                                      cases_by_state(req, root, 0, &failed)));
    if (roles & (1u << ROLE_ADMIN))
        json_object_set_new(home, "admin", admin_part(req, &failed));
    /* notifications the user's unit sent that are not delivered yet or failed */
    outbox_counts_t oc = {0};
    if (outbox_counts(http_db(req), root, &oc) != DB_OK)
        failed = 1;
    json_object_set_new(home, "outbox",
                        json_pack("{s:I, s:I}", "pending",
                                  (json_int_t)oc.pending + (json_int_t)oc.sending, "failed",
                                  (json_int_t)oc.failed));
    if (failed)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200, json_incref(home));
}

/*
 * api/audit_log.c — GET /api/audit: the audit trail of the caller's subtree, newest
 * first, filtered (user, unit, kind, from, to) and paged (offset or before, limit; the
 * total count of the filtered rows comes with each page), each row in words in both
 * languages (core/audit_words.h) with its result as a word. Times are UTC ("Z"); dates
 * of the filter are legal dates in Asia/Ho_Chi_Minh, as the UI shows the times.
 */
#include "api/context.h"
#include "api/handlers.h"
#include "ops/render.h"
#include "core/audit_words.h"
#include "store/audit.h"
#include "store/units.h"

#include <stdlib.h>
#include <string.h>

/* Longest sentence of a row: names and labels are bounded by their columns. */
#define SUMMARY_MAX 1600

static json_t *render_entry(const audit_row_t *r)
{
    const audit_kind_t *k = audit_kind_of(r->method, r->route, r->outcome);
    const char *result_vi, *result_en,
        *result = audit_result(r->method, r->outcome, &result_vi, &result_en);
    audit_facts_t f = {r->method,     r->route,    r->detail, r->outcome,
                       r->actor_name, r->username, r->object, r->object_label};
    char vi[SUMMARY_MAX], en[SUMMARY_MAX];

    audit_describe(&f, vi, sizeof vi, en, sizeof en);
    return json_pack(
        "{s:I, s:o, s:o, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, "
        "s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
        "id", (json_int_t)r->id, "at", render_time(r->at), "user_id",
        r->user_id ? json_integer(r->user_id) : json_null(), "username", r->username, "actor_name",
        r->actor_name, "unit_id", r->unit_id ? json_integer(r->unit_id) : json_null(), "method",
        r->method, "route", r->route, "object", r->object, "object_label", r->object_label,
        "outcome", r->outcome, "result", result, "result_vi", result_vi, "result_en", result_en,
        "client_addr", r->client_addr, "detail", r->detail, "kind", k->code, "kind_vi", k->name_vi,
        "kind_en", k->name_en, "summary_vi", vi, "summary_en", en);
}

static int collect(const audit_row_t *r, void *arg)
{
    return json_array_append_new(arg, render_entry(r));
}

/* The first instant of legal day d in Asia/Ho_Chi_Minh (UTC+7, no summer time), in
 * unix microseconds. */
static int64_t day_start_us(civil_date_t d)
{
    int64_t days = (int64_t)d - civil_date_from_ymd(1970, 1, 1);
    return (days * 86400 - (int64_t)7 * 3600) * 1000000;
}

static int bad_query(http_request_t *req, const char *name, const char *en, const char *vi)
{
    return http_reply_error(req, 400, "invalid_value", name, en, vi);
}

/* The query is checked against api_audit_query before this runs. */
int api_audit_list(http_request_t *req)
{
    const principal_t *who = api_who(req);
    civil_date_t today = api_today(req), from = http_query_date(req, "from"),
                 to = http_query_date(req, "to");
    const char *kind = http_query(req, "kind");
    const audit_kind_t *k = NULL;
    char today_s[11];
    unit_row_t unit;
    audit_filter_t f;
    int64_t total = 0;
    json_t *rows;
    db_t *db = http_db(req);
    int rc;

    if (kind != NULL && ((k = audit_kind_find(kind)) == NULL || strcmp(k->code, "other") == 0))
        return bad_query(req, "kind", "Unknown kind of action.", "Loại thao tác không hợp lệ.");
    if (from != CIVIL_DATE_INVALID && to != CIVIL_DATE_INVALID && to < from)
        return bad_query(req, "to", "'to' is before 'from'.", "'to' trước 'from'.");
    civil_date_format(today, today_s);
    f = (audit_filter_t){
        .root_unit = http_query_int(req, "unit", who->user.unit_id),
        .today = today_s,
        .user_id = http_query_int(req, "user", 0),
        .method = k ? k->method : "",
        .route = k && k->route ? k->route : "",
        .outcome_min = k ? k->outcome_min : 0,
        .outcome_max = k ? k->outcome_max : 999,
        .from_us = from != CIVIL_DATE_INVALID ? day_start_us(from) : 0,
        .to_us = to != CIVIL_DATE_INVALID ? day_start_us(to + 1) : 0,
        .before = http_query_int(req, "before", 0),
        .offset = http_query_int(req, "offset", 0),
        .limit = (int)http_query_int(req, "limit", 50),
    };
    /* Rows without a unit are the failed sign-ins of names no account has: only the
     * top of the tree sees them, and not when one unit is asked for. */
    if (f.root_unit != who->user.unit_id) {
        if ((rc = api_scope_unit_now(req, f.root_unit)) != 0)
            return rc;
    } else {
        if (units_get(db, who->user.unit_id, today, &unit) != DB_ROW)
            return http_reply_db_error(req, db);
        f.include_unitless = unit.parent_id == 0;
    }
    rows = http_keep(req, json_array());
    if (audit_search(db, &f, collect, rows) != DB_OK || audit_count(db, &f, &total) != DB_OK)
        return http_reply_db_error(req, db);
    return http_reply_json(req, 200,
                           json_pack("{s:O, s:I, s:I, s:i}", "entries", rows, "total",
                                     (json_int_t)total, "offset", (json_int_t)f.offset, "limit",
                                     f.limit));
}

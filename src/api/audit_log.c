/*
 * api/audit_log.c — GET /api/audit: the audit trail of the caller's subtree, newest
 * first, paged by id (?before=ID&limit=N, at most 200).
 */
#include "api/context.h"
#include "api/handlers.h"
#include "ops/render.h"
#include "store/audit.h"
#include "store/units.h"

#include <stdlib.h>

static int collect(const audit_row_t *r, void *arg)
{
    return json_array_append_new(
        arg, json_pack("{s:I, s:o, s:o, s:s, s:o, s:s, s:s, s:s, s:i, s:s, s:s}", "id",
                       (json_int_t)r->id, "at", render_time(r->at), "user_id",
                       r->user_id ? json_integer(r->user_id) : json_null(), "username", r->username,
                       "unit_id", r->unit_id ? json_integer(r->unit_id) : json_null(), "method",
                       r->method, "route", r->route, "object", r->object, "outcome", r->outcome,
                       "client_addr", r->client_addr, "detail", r->detail));
}

int api_audit_list(http_request_t *req)
{
    const principal_t *who = api_who(req);
    int64_t before = http_query_int(req, "before", 0), limit = http_query_int(req, "limit", 50);
    civil_date_t today = api_today(req);
    char today_s[11];
    unit_row_t unit;
    json_t *rows;
    db_t *db = http_db(req);

    /* Sign-ins that failed have no unit; only the top of the tree sees them. */
    if (units_get(db, who->user.unit_id, today, &unit) != DB_ROW)
        return http_reply_db_error(req, db);
    civil_date_format(today, today_s);
    rows = http_keep(req, json_array());
    if (audit_list(db, who->user.unit_id, today_s, unit.parent_id == 0, before, (int)limit, collect,
                   rows) != DB_OK)
        return http_reply_db_error(req, db);
    return http_reply_json(req, 200, json_pack("{s:O}", "entries", rows));
}

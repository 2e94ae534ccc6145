#include "ops/render.h"
#include "core/access.h"
#include "core/unit.h"

#include <stdio.h>
#include <time.h>

json_t *render_date(civil_date_t d)
{
    char buf[11];

    if (d == CIVIL_DATE_INVALID)
        return json_null();
    civil_date_format(d, buf);
    return json_string(buf);
}

json_t *render_time(int64_t micros)
{
    time_t secs = (time_t)(micros / 1000000);
    struct tm tm;
    char buf[40], out[64];

    gmtime_r(&secs, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, sizeof out, "%s.%06dZ", buf, (int)(micros % 1000000));
    return json_string(out);
}

static json_t *id_or_null(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

json_t *render_unit(const unit_row_t *u)
{
    const unit_kind_t *k = unit_kind_find(u->kind);

    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:b}", "id", (json_int_t)u->id,
                     "code", u->code, "name_vi", u->name_vi, "kind", u->kind, "kind_name_vi",
                     k ? k->name_vi : u->kind, "parent_id", id_or_null(u->parent_id), "valid_from",
                     render_date(u->valid_from), "valid_to", render_date(u->valid_to),
                     "successor_id", id_or_null(u->successor_id), "enforcement",
                     k ? k->enforcement : 0);
}

json_t *render_roles(unsigned roles)
{
    json_t *a = json_array();

    for (int r = 0; r < ROLE_COUNT; r++)
        if (roles & (1u << r))
            json_array_append_new(a, json_string(access_role_code((role_t)r)));
    return a;
}

json_t *render_user(const user_row_t *u)
{
    return json_pack("{s:I, s:s, s:s, s:{s:I, s:s, s:s, s:s}, s:o, s:b, s:o, s:o, s:b}", "id",
                     (json_int_t)u->id, "username", u->username, "full_name", u->full_name, "unit",
                     "id", (json_int_t)u->unit_id, "code", u->unit_code, "name_vi", u->unit_name,
                     "kind", u->unit_kind, "roles", render_roles(u->roles), "disabled", u->disabled,
                     "created_at", render_time(u->created_at), "password_changed_at",
                     render_time(u->password_changed_at), "must_change_password",
                     u->must_change_password);
}

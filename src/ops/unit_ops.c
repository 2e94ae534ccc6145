/*
 * ops/unit_ops.c — the rules of the organization tree.
 *
 * A unit exists from valid_from to valid_to (inclusive). While it exists it has at
 * most one parent on any day, and that parent exists that day too. Closing a unit
 * needs it emptied first (children moved or closed, users moved or disabled), so no
 * case, user or child is ever left under a unit that no longer exists. Every change
 * is a dated row in unit_event; the tree of any past day can be rebuilt.
 */
#include "ops/unit_ops.h"

#include "core/mail.h"
#include "store/outbox.h"
#include "core/unit.h"
#include "store/units.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int exists_on(const unit_row_t *u, civil_date_t d)
{
    return u->valid_from <= d && (u->valid_to == CIVIL_DATE_INVALID || d <= u->valid_to);
}

static int add_event(db_t *db, int64_t unit_id, const char *kind, civil_date_t on, json_t *detail,
                     int64_t actor, int64_t now, op_error_t *err)
{
    char *text = json_dumps(detail, JSON_COMPACT);
    int rc;

    json_decref(detail);
    if (text == NULL)
        return op_refuse(err, OP_INTERNAL, MSG_OUT_OF_MEMORY, NULL);
    rc = units_event_add(db, unit_id, kind, on, text, actor, now);
    free(text);
    return rc == DB_OK ? 0 : op_fail_db(err, db);
}

static int not_found(op_error_t *err, const char *field)
{
    return op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_UNIT, field);
}

/* Fetch a unit that must exist; 0 or the refusal. */
static int load(db_t *db, int64_t id, civil_date_t at, unit_row_t *u, const char *field,
                op_error_t *err)
{
    int rc = units_get(db, id, at, u);

    if (rc == DB_ROW)
        return 0;
    return rc == DB_DONE ? not_found(err, field) : op_fail_db(err, db);
}

int unit_op_create(db_t *db, const unit_input_t *in, int64_t actor, int64_t now, int64_t *id,
                   op_error_t *err)
{
    const char *field;
    unit_check_t c =
        unit_check(in->code, in->name_vi, in->kind, in->valid_from, in->valid_to, &field);
    unit_row_t parent, row;
    int rc;

    if (c != UNIT_OK)
        return op_fail(err, OP_INVALID, "invalid_value", field, unit_check_en(c), unit_check_vi(c));
    if (in->parent_id == 0 && strcmp(in->kind, "ministry") != 0)
        return op_refuse(err, OP_INVALID, MSG_UNIT_NEEDS_PARENT, "parent_id");
    if (in->parent_id != 0) {
        if ((rc = load(db, in->parent_id, in->valid_from, &parent, "parent_id", err)) != 0)
            return rc;
        if (!exists_on(&parent, in->valid_from))
            return op_refuse(err, OP_UNPROCESSABLE, MSG_PARENT_NOT_VALID, "parent_id");
        if (parent.valid_to != CIVIL_DATE_INVALID &&
            (in->valid_to == CIVIL_DATE_INVALID || in->valid_to > parent.valid_to))
            return op_refuse(err, OP_UNPROCESSABLE, MSG_OUTLIVES_PARENT, "valid_to");
    }
    /* Look first: on PostgreSQL a failed INSERT would abort the caller's transaction
     * (an import of many units runs in one). The constraint still guards races. */
    rc = units_get_by_code(db, in->code, in->valid_from, &row);
    if (rc == DB_ROW)
        return op_refuse(err, OP_CONFLICT, MSG_DUPLICATE_UNIT_CODE, "code");
    if (rc != DB_DONE)
        return op_fail_db(err, db);
    memset(&row, 0, sizeof row);
    snprintf(row.code, sizeof row.code, "%s", in->code);
    snprintf(row.name_vi, sizeof row.name_vi, "%s", in->name_vi);
    snprintf(row.kind, sizeof row.kind, "%s", in->kind);
    row.valid_from = in->valid_from;
    row.valid_to = in->valid_to;
    rc = units_insert(db, &row, in->parent_id, now, id);
    if (rc == DB_CONSTRAINT && strcmp(db_sqlstate(db), "23505") == 0)
        return op_refuse(err, OP_CONFLICT, MSG_DUPLICATE_UNIT_CODE, "code");
    if (rc != DB_OK)
        return op_fail_db(err, db);
    return add_event(db, *id, "created", in->valid_from,
                     json_pack("{s:s, s:s, s:s, s:o}", "code", in->code, "name_vi", in->name_vi,
                               "kind", in->kind, "parent_id",
                               in->parent_id ? json_integer(in->parent_id) : json_null()),
                     actor, now, err);
}

int unit_op_move(db_t *db, int64_t id, int64_t new_parent, civil_date_t on, int64_t actor,
                 int64_t now, op_error_t *err)
{
    unit_row_t u, p;
    civil_date_t since;
    int inside = 0, rc;

    if ((rc = load(db, id, on, &u, NULL, err)) != 0 ||
        (rc = load(db, new_parent, on, &p, "parent_id", err)) != 0)
        return rc;
    if (!exists_on(&u, on))
        return op_refuse(err, OP_UNPROCESSABLE, MSG_UNIT_NOT_VALID_ON, "on");
    if (!exists_on(&p, on))
        return op_refuse(err, OP_UNPROCESSABLE, MSG_NEW_PARENT_NOT_VALID, "parent_id");
    if (units_open_link_since(db, id, &since) != DB_OK)
        return op_fail_db(err, db);
    if (since != CIVIL_DATE_INVALID && on <= since)
        return op_refuse(err, OP_CONFLICT, MSG_MOVE_OUT_OF_ORDER, "on");
    if (u.parent_id == new_parent)
        return op_refuse(err, OP_CONFLICT, MSG_SAME_PARENT, "parent_id");
    /* Moving a unit under itself or under one of its own descendants makes a cycle. */
    if (units_is_within(db, id, new_parent, on, &inside) != DB_OK)
        return op_fail_db(err, db);
    if (inside)
        return op_refuse(err, OP_CONFLICT, MSG_CYCLE, "parent_id");
    if (p.valid_to != CIVIL_DATE_INVALID &&
        (u.valid_to == CIVIL_DATE_INVALID || u.valid_to > p.valid_to))
        return op_refuse(err, OP_UNPROCESSABLE, MSG_NEW_PARENT_CLOSES_FIRST, "parent_id");
    if (units_move(db, id, new_parent, on, u.valid_to) != DB_OK)
        return op_fail_db(err, db);
    return add_event(db, id, "moved", on,
                     json_pack("{s:o, s:I}", "from_parent_id",
                               u.parent_id ? json_integer(u.parent_id) : json_null(),
                               "to_parent_id", (json_int_t)new_parent),
                     actor, now, err);
}

int unit_op_close(db_t *db, int64_t id, civil_date_t on, int64_t successor_id, int64_t actor,
                  int64_t now, op_error_t *err)
{
    unit_row_t u, s;
    int64_t children = 0, users = 0;
    civil_date_t since;
    int rc;

    if ((rc = load(db, id, on, &u, NULL, err)) != 0)
        return rc;
    if (u.valid_to != CIVIL_DATE_INVALID && u.valid_to <= on)
        return op_refuse(err, OP_CONFLICT, MSG_ALREADY_CLOSED, NULL);
    if (on < u.valid_from)
        return op_refuse(err, OP_UNPROCESSABLE, MSG_CLOSE_BEFORE_START, "on");
    if (successor_id != 0) {
        if ((rc = load(db, successor_id, on + 1, &s, "successor_id", err)) != 0)
            return rc;
        if (successor_id == id || !exists_on(&s, on + 1))
            return op_refuse(err, OP_UNPROCESSABLE, MSG_SUCCESSOR_NOT_VALID, "successor_id");
    }
    if (units_open_link_since(db, id, &since) != DB_OK)
        return op_fail_db(err, db);
    if (since != CIVIL_DATE_INVALID && on < since)
        return op_refuse(err, OP_CONFLICT, MSG_CLOSE_OUT_OF_ORDER, "on");
    if (units_count_attached(db, id, on, &children, &users) != DB_OK)
        return op_fail_db(err, db);
    if (children > 0 || users > 0) {
        char en[200], vi[240];
        snprintf(en, sizeof en,
                 "Move or close its %lld child unit(s) and move or disable its %lld user(s) "
                 "first.",
                 (long long)children, (long long)users);
        snprintf(vi, sizeof vi,
                 "Cần chuyển hoặc đóng %lld đơn vị cấp dưới và chuyển hoặc khóa %lld người dùng "
                 "trước.",
                 (long long)children, (long long)users);
        return op_fail(err, OP_CONFLICT, "not_empty", NULL, en, vi);
    }
    if (units_close(db, id, on, successor_id) != DB_OK)
        return op_fail_db(err, db);
    return add_event(
        db, id, "closed", on,
        json_pack("{s:o}", "successor_id", successor_id ? json_integer(successor_id) : json_null()),
        actor, now, err);
}

int unit_op_rename(db_t *db, int64_t id, const char *name_vi, civil_date_t on, int64_t actor,
                   int64_t now, op_error_t *err)
{
    const char *field;
    unit_row_t u;
    unit_check_t c;
    int rc;

    if ((rc = load(db, id, on, &u, NULL, err)) != 0)
        return rc;
    c = unit_check(u.code, name_vi, u.kind, u.valid_from, CIVIL_DATE_INVALID, &field);
    if (c != UNIT_OK)
        return op_fail(err, OP_INVALID, "invalid_value", "name_vi", unit_check_en(c),
                       unit_check_vi(c));
    if (!exists_on(&u, on))
        return op_refuse(err, OP_CONFLICT, MSG_UNIT_NOT_VALID_ON, "on");
    if (units_rename(db, id, name_vi) != DB_OK)
        return op_fail_db(err, db);
    return add_event(db, id, "renamed", on,
                     json_pack("{s:s, s:s}", "from", u.name_vi, "to", name_vi), actor, now, err);
}

int unit_op_set_contact(db_t *db, int64_t id, const char *email, const char *fax,
                        const char *fax_gateway, civil_date_t today, int64_t actor, int64_t now,
                        op_error_t *err)
{
    unit_row_t u;
    unit_contact_t c;
    int rc;

    memset(&c, 0, sizeof c);
    if (email != NULL && *email) {
        if (mail_address_check(email) != 0)
            return op_fail(err, OP_INVALID, "invalid_email", "email",
                           "Not an email address (name@domain.vn).",
                           "Địa chỉ email không hợp lệ (tên@tênmiền.vn).");
        snprintf(c.email, sizeof c.email, "%s", email);
    }
    if (fax != NULL && *fax) {
        if (mail_fax_check(fax) != 0 || strlen(fax) > UNIT_FAX_MAX)
            return op_fail(err, OP_INVALID, "invalid_fax", "fax",
                           "Not a fax number (6 to 20 digits, spaces, dots, hyphens, "
                           "parentheses, a leading +).",
                           "Số fax không hợp lệ (6 đến 20 chữ số, có thể có dấu cách, dấu "
                           "chấm, gạch nối, ngoặc đơn, dấu + ở đầu).");
        snprintf(c.fax, sizeof c.fax, "%s", fax);
    }
    if (fax_gateway != NULL && *fax_gateway) {
        if (mail_gateway_check(fax_gateway) != 0)
            return op_fail(err, OP_INVALID, "invalid_fax_gateway", "fax_gateway",
                           "Not an email-to-fax gateway: an address, with {fax} where the "
                           "number goes ({fax}@fax.example.vn).",
                           "Cổng fax qua email không hợp lệ: một địa chỉ email, có {fax} ở chỗ "
                           "số fax ({fax}@fax.example.vn).");
        snprintf(c.fax_gateway, sizeof c.fax_gateway, "%s", fax_gateway);
    }
    if ((rc = load(db, id, today, &u, NULL, err)) != 0)
        return rc;
    if (unit_contact_set(db, id, &c, actor, now) != DB_OK)
        return op_fail_db(err, db);
    return add_event(
        db, id, "contact", today,
        json_pack("{s:s, s:s, s:s}", "email", c.email, "fax", c.fax, "fax_gateway", c.fax_gateway),
        actor, now, err);
}

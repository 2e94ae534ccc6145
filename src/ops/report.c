/*
 * ops/report.c — the summary report (ops/report.h).
 */
#include "ops/report.h"
#include "store/units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    report_sums_t all, app;
} both_sums_t;

static int keep_bucket(const char *bucket, int64_t bc, int64_t bm, int64_t ec, int64_t em,
                       void *arg)
{
    both_sums_t *s = arg;

    report_sums_add(&s->all, bucket, 0, bc, bm, ec, em);
    report_sums_add(&s->app, bucket, 1, bc, bm, ec, em);
    return 0;
}

report_filter_t report_filter_of(const char *category)
{
    int flag = stat_flag_parse(category);

    return flag ? (report_filter_t){NULL, flag} : (report_filter_t){category, 0};
}

int report_filter_moves(report_filter_t f)
{
    return f.flag == STAT_FLAG_PRISONER;
}

static int sum_unit(db_t *db, report_unit_t *u, civil_date_t from, civil_date_t to,
                    report_filter_t f)
{
    both_sums_t s;
    int rc;

    memset(&s, 0, sizeof s);
    s.all.moves = s.app.moves = report_filter_moves(f);
    rc = report_sum_buckets(db, u->unit_id, from, to, f, keep_bucket, &s);
    if (rc != DB_OK)
        return rc;
    report_from_sums(&s.all, &u->all);
    report_from_sums(&s.app, &u->on_application);
    return DB_OK;
}

typedef struct {
    report_summary_t *s;
    int64_t root;
    int nomem;
} children_t;

static int keep_child(const unit_row_t *u, int depth, void *arg)
{
    children_t *c = arg;
    report_unit_t *n;

    if (depth != 1)
        return 0;
    n = realloc(c->s->units, (c->s->nunits + 1) * sizeof *n);
    if (n == NULL)
        return c->nomem = 1;
    c->s->units = n;
    n = &n[c->s->nunits++];
    memset(n, 0, sizeof *n);
    n->unit_id = u->id;
    snprintf(n->code, sizeof n->code, "%s", u->code);
    snprintf(n->name_vi, sizeof n->name_vi, "%s", u->name_vi);
    return 0;
}

static int by_code(const void *a, const void *b)
{
    return strcmp(((const report_unit_t *)a)->code, ((const report_unit_t *)b)->code);
}

int report_op_summary(db_t *db, const char *unit_code, civil_date_t from, civil_date_t to,
                      const char *category, report_summary_t *out, op_error_t *err)
{
    unit_row_t u;
    children_t c = {.s = out};
    int rc;

    memset(out, 0, sizeof *out);
    if (from == CIVIL_DATE_INVALID || to == CIVIL_DATE_INVALID || from > to)
        return op_fail(err, OP_INVALID, "invalid_period", "from",
                       "The period must have a start on or before its end",
                       "Kỳ báo cáo phải có ngày bắt đầu không sau ngày kết thúc");
    rc = units_get_by_code(db, unit_code, to, &u);
    if (rc == DB_DONE)
        return op_fail(err, OP_NOT_FOUND, "not_found", "unit", "No such unit",
                       "Không có đơn vị này");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    out->top.unit_id = u.id;
    snprintf(out->top.code, sizeof out->top.code, "%s", u.code);
    snprintf(out->top.name_vi, sizeof out->top.name_vi, "%s", u.name_vi);
    if (sum_unit(db, &out->top, from, to, report_filter_of(category)) != DB_OK)
        goto db_failed;
    if (category == NULL) { /* the special tables (THADS.md 5.4) */
        report_unit_t one = out->top;
        for (int i = 0; i < STAT_FLAG_COUNT; i++) {
            if (sum_unit(db, &one, from, to, (report_filter_t){NULL, 1 << i}) != DB_OK)
                goto db_failed;
            out->special[i] = one.all;
        }
        out->has_special = 1;
    }
    c.root = u.id;
    if (units_list_subtree(db, u.id, to, keep_child, &c) != DB_OK && !c.nomem)
        goto db_failed;
    if (c.nomem) {
        report_summary_free(out);
        return op_fail_nomem(err);
    }
    if (out->nunits > 1) /* units is NULL when there are none */
        qsort(out->units, out->nunits, sizeof *out->units, by_code);
    for (size_t i = 0; i < out->nunits; i++)
        if (sum_unit(db, &out->units[i], from, to, report_filter_of(category)) != DB_OK)
            goto db_failed;
    return 0;
db_failed:
    rc = op_fail_db(err, db);
    report_summary_free(out);
    return rc;
}

void report_summary_free(report_summary_t *s)
{
    free(s->units);
    s->units = NULL;
    s->nunits = 0;
}

static void unit_json(report_buf_t *b, const report_unit_t *u, int with_children,
                      const report_summary_t *s)
{
    report_buf_puts(b, "{\"unit\":");
    report_json_string(b, u->code);
    report_buf_puts(b, ",\"name\":");
    report_json_string(b, u->name_vi);
    report_buf_puts(b, ",");
    report_json_members(b, &u->all);
    report_buf_puts(b, ",\"on_application\":{");
    report_json_members(b, &u->on_application);
    report_buf_puts(b, "}");
    if (with_children) {
        report_buf_puts(b, ",\"units\":[");
        for (size_t i = 0; i < s->nunits; i++) {
            if (i)
                report_buf_puts(b, ",");
            unit_json(b, &s->units[i], 0, s);
        }
        report_buf_puts(b, "]");
    }
    if (with_children && s->has_special) {
        report_buf_puts(b, ",\"special\":{");
        for (int i = 0; i < STAT_FLAG_COUNT; i++) {
            report_buf_puts(b, i ? ",\"" : "\"");
            report_buf_puts(b, stat_flag_code(i));
            report_buf_puts(b, "\":{");
            report_json_members(b, &s->special[i]);
            report_buf_puts(b, "}");
        }
        report_buf_puts(b, "}");
    }
    report_buf_puts(b, "}");
}

int report_summary_json(const report_summary_t *s, report_buf_t *b)
{
    unit_json(b, &s->top, 1, s);
    return b->nomem ? -1 : 0;
}

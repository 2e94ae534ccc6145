/*
 * ops/report.c — the summary report (ops/report.h).
 */
#include "ops/report.h"
#include "store/db_impl.h"
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

/* The unit, its children and (without a category) the unit's special tables from
 * report_sum_tree: the tree is walked once and each unit's rows read once. */
typedef struct {
    report_summary_t *s;
    both_sums_t *units; /* [0] the unit, [1 + i] s->units[i] */
    report_sums_t special[STAT_FLAG_COUNT];
    report_action_sums_t actions;
    int specials;
} tree_sums_t;

static int keep_tree_row(int64_t top, const char *bucket, int flags, int64_t bc, int64_t bm,
                         int64_t ec, int64_t em, void *arg)
{
    tree_sums_t *t = arg;
    size_t k = 0;

    if (top != t->s->top.unit_id) {
        for (k = 0; k < t->s->nunits && t->s->units[k].unit_id != top; k++)
            ;
        if (k == t->s->nunits)
            return 0;
        k++;
    }
    if (k == 0 && t->specials && report_action_sums_add(&t->actions, bucket, bc, ec))
        return 0;
    keep_bucket(bucket, bc, bm, ec, em, &t->units[k]);
    if (k == 0 && t->specials)
        for (int i = 0; i < STAT_FLAG_COUNT; i++)
            if (flags & (1 << i))
                report_sums_add(&t->special[i], bucket, 0, bc, bm, ec, em);
    return 0;
}

static int sum_tree(db_t *db, report_summary_t *out, civil_date_t from, civil_date_t to,
                    const char *category)
{
    report_filter_t f = report_filter_of(category);
    size_t n = 1 + out->nunits;
    int64_t *tops = malloc(n * sizeof *tops);
    tree_sums_t t = {.s = out, .units = calloc(n, sizeof *t.units), .specials = category == NULL};
    int rc;

    if (tops == NULL || t.units == NULL) {
        free(tops), free(t.units);
        return db_fail(db, DB_NOMEM, "53200", "out of memory");
    }
    tops[0] = out->top.unit_id;
    for (size_t i = 0; i < out->nunits; i++)
        tops[1 + i] = out->units[i].unit_id;
    for (size_t i = 0; i < n; i++)
        t.units[i].all.moves = t.units[i].app.moves = report_filter_moves(f);
    for (int i = 0; i < STAT_FLAG_COUNT; i++)
        t.special[i].moves = report_filter_moves((report_filter_t){NULL, 1 << i});
    rc = report_sum_tree(db, tops, n, from, to, f, keep_tree_row, &t);
    if (rc == DB_OK) {
        for (size_t i = 0; i < n; i++) {
            report_unit_t *u = i == 0 ? &out->top : &out->units[i - 1];
            report_from_sums(&t.units[i].all, &u->all);
            report_from_sums(&t.units[i].app, &u->on_application);
        }
        if (t.specials) {
            for (int i = 0; i < STAT_FLAG_COUNT; i++)
                report_from_sums(&t.special[i], &out->special[i]);
            out->has_special = 1;
            out->has_actions = 1;
            out->actions_ok =
                report_actions_from_sums(&t.actions, &out->coercion, &out->complaints) == 0;
        }
    }
    free(tops), free(t.units);
    return rc;
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
    c.root = u.id;
    if (units_list_subtree(db, u.id, to, keep_child, &c) != DB_OK && !c.nomem)
        goto db_failed;
    if (c.nomem) {
        report_summary_free(out);
        return op_fail_nomem(err);
    }
    if (out->nunits > 1) /* units is NULL when there are none */
        qsort(out->units, out->nunits, sizeof *out->units, by_code);
    if (sum_tree(db, out, from, to, category) != DB_OK)
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
    if (with_children && s->has_actions && s->actions_ok) {
        report_buf_puts(b, ",");
        report_actions_json(b, &s->coercion, &s->complaints);
    }
    report_buf_puts(b, "}");
}

int report_summary_json(const report_summary_t *s, report_buf_t *b)
{
    unit_json(b, &s->top, 1, s);
    return b->nomem ? -1 : 0;
}

/*
 * ops/report_target.c — targets and year on year (ops/report_target.h).
 */
#include "ops/report_target.h"

#include "core/money.h"
#include "core/report.h"
#include "ops/report.h"
#include "store/report.h"
#include "store/units.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

int report_year_of(civil_date_t d)
{
    int y, m, day;

    civil_date_to_ymd(d, &y, &m, &day);
    return m >= 10 ? y + 1 : y;
}

civil_date_t report_year_first(int year)
{
    return civil_date_from_ymd(year - 1, 10, 1);
}

civil_date_t report_year_last(int year)
{
    return civil_date_from_ymd(year, 9, 30);
}

int report_bp_parse(const char *s, int64_t max_bp, int64_t *bp)
{
    int64_t whole = 0, frac = 0;
    int digits = 0, decimals = 0;

    if (s == NULL || *s == '\0')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        if (digits >= 6)
            return -1;
        whole = whole * 10 + (*s - '0');
    }
    if (digits == 0)
        return -1;
    if (*s == '.') {
        for (s++; *s >= '0' && *s <= '9'; s++, decimals++) {
            if (decimals >= 2)
                return -1;
            frac = frac * 10 + (*s - '0');
        }
        if (decimals == 0)
            return -1;
        if (decimals == 1)
            frac *= 10;
    }
    if (*s != '\0' || whole * 100 + frac > max_bp)
        return -1;
    *bp = whole * 100 + frac;
    return 0;
}

void report_bp_format(int64_t bp, char *buf)
{
    int64_t a = bp < 0 ? -bp : bp;

    snprintf(buf, 32, "%s%" PRId64 ".%02" PRId64, bp < 0 ? "-" : "", a / 100, a % 100);
}

int report_op_target_put(db_t *db, int64_t unit_id, int year, int64_t cases_bp, int64_t money_bp,
                         int64_t actor, int64_t now, op_error_t *err)
{
    target_row_t t = {.unit_id = unit_id, .set_by = actor, .set_at = now, .year = year};

    if (year < 2000 || year > 2200)
        return op_fail(err, OP_INVALID, "invalid_year", "year",
                       "The reporting year must be from 2000 to 2200",
                       "Năm báo cáo phải từ 2000 đến 2200");
    if (cases_bp < 0 || cases_bp > 10000)
        return op_fail(err, OP_INVALID, "invalid_rate", "rate_cases",
                       "A target rate is a percentage from 0 to 100 with at most two decimals",
                       "Chỉ tiêu là tỷ lệ phần trăm từ 0 đến 100, tối đa hai chữ số thập phân");
    if (money_bp < 0 || money_bp > 10000)
        return op_fail(err, OP_INVALID, "invalid_rate", "rate_money",
                       "A target rate is a percentage from 0 to 100 with at most two decimals",
                       "Chỉ tiêu là tỷ lệ phần trăm từ 0 đến 100, tối đa hai chữ số thập phân");
    t.rate_cases_bp = (int)cases_bp;
    t.rate_money_bp = (int)money_bp;
    return target_put(db, &t) == DB_OK ? 0 : op_fail_db(err, db);
}

/* A rate of the summary ("85.49" or null) in basis points: 1, or 0 when there is none. */
static int rate_bp(json_t *o, const char *key, int64_t *bp)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s != NULL && report_bp_parse(s, INT64_MAX / 4, bp) == 0;
}

static json_t *points(json_t *o, const char *key, int64_t target_bp)
{
    char buf[32];
    int64_t bp;

    if (!rate_bp(o, key, &bp))
        return json_null();
    report_bp_format(bp - target_bp, buf);
    return json_string(buf);
}

/* "target" of o (the summary or one of its units) for unit_id in year, or null. */
static int add_target(db_t *db, int64_t unit_id, int year, json_t *o, op_error_t *err)
{
    target_row_t t;
    char c[32], m[32];
    int rc = year ? target_get(db, unit_id, year, &t) : DB_DONE;

    if (rc == DB_DONE) {
        json_object_set_new(o, "target", json_null());
        return 0;
    }
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    report_bp_format(t.rate_cases_bp, c);
    report_bp_format(t.rate_money_bp, m);
    json_object_set_new(o, "target",
                        json_pack("{s:i, s:s, s:s, s:o, s:o}", "year", year, "rate_cases", c,
                                  "rate_money", m, "diff_cases",
                                  points(o, "rate_cases", t.rate_cases_bp), "diff_money",
                                  points(o, "rate_money", t.rate_money_bp)));
    return 0;
}

static civil_date_t year_before(civil_date_t d)
{
    int y, m, day;

    civil_date_to_ymd(d, &y, &m, &day);
    return civil_date_from_ymd(y - 1, m, m == 2 && day == 29 ? 28 : day);
}

static int keep_bucket(const char *bucket, int64_t bc, int64_t bm, int64_t ec, int64_t em,
                       void *arg)
{
    report_sums_add(arg, bucket, 0, bc, bm, ec, em);
    return 0;
}

static json_t *cell(report_cell_t c)
{
    return json_pack("{s:I, s:I}", "cases", (json_int_t)c.cases, "money", (json_int_t)c.money);
}

static json_t *rate_json(int64_t num, int64_t den)
{
    char buf[REPORT_RATE_MAX];

    report_rate(num, den, buf);
    return buf[0] ? json_string(buf) : json_null();
}

/* now - then as a percent of then, or null when then is 0. */
static json_t *growth(int64_t now, int64_t then)
{
    char buf[32];

    if (then == 0)
        return json_null();
    report_bp_format(money_rate_bp(now - then, then), buf);
    return json_string(buf);
}

static json_t *rate_points(json_t *now, json_t *then, const char *key)
{
    char buf[32];
    int64_t a, b;

    if (!rate_bp(now, key, &a) || !rate_bp(then, key, &b))
        return json_null();
    report_bp_format(a - b, buf);
    return json_string(buf);
}

static int add_previous_year(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                             const char *category, json_t *j, op_error_t *err)
{
    report_sums_t s;
    report_t r;
    civil_date_t pf = year_before(from), pt = year_before(to);
    char day[16];
    json_t *p;
    report_cell_t done, base;
    int64_t now_cases, now_money;

    memset(&s, 0, sizeof s);
    s.moves = report_filter_moves(report_filter_of(category));
    if (report_sum_buckets(db, unit_id, pf, pt, report_filter_of(category), keep_bucket, &s) !=
        DB_OK)
        return op_fail_db(err, db);
    report_from_sums(&s, &r);
    if (r.overflow) {
        json_object_set_new(j, "previous_year", json_null());
        return 0;
    }
    done = r.line[REPORT_COMPLETED];
    base = r.line[REPORT_ELIGIBLE];
    p = json_object();
    civil_date_format(pf, day);
    json_object_set_new(p, "from", json_string(day));
    civil_date_format(pt, day);
    json_object_set_new(p, "to", json_string(day));
    json_object_set_new(p, "completed", cell(done));
    json_object_set_new(p, "eligible", cell(base));
    json_object_set_new(p, "rate_cases", rate_json(done.cases, base.cases));
    json_object_set_new(p, "rate_money", rate_json(done.money, base.money));
    now_cases = json_integer_value(json_object_get(json_object_get(j, "completed"), "cases"));
    now_money = json_integer_value(json_object_get(json_object_get(j, "completed"), "money"));
    json_object_set_new(p, "change",
                        json_pack("{s:I, s:I, s:o, s:o, s:o, s:o}", "completed_cases",
                                  (json_int_t)(now_cases - done.cases), "completed_money",
                                  (json_int_t)(now_money - done.money), "completed_cases_pct",
                                  growth(now_cases, done.cases), "completed_money_pct",
                                  growth(now_money, done.money), "rate_cases_points",
                                  rate_points(j, p, "rate_cases"), "rate_money_points",
                                  rate_points(j, p, "rate_money")));
    json_object_set_new(j, "previous_year", p);
    return 0;
}

int report_op_year_decorate(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                            const char *category, json_t *j, op_error_t *err)
{
    int year = report_year_of(from) == report_year_of(to) ? report_year_of(from) : 0;
    json_t *units = json_object_get(j, "units"), *o;
    size_t i;

    if (add_target(db, unit_id, year, j, err) != 0)
        return -1;
    json_array_foreach(units, i, o)
    {
        unit_row_t u;
        int rc = units_get_by_code(db, json_string_value(json_object_get(o, "unit")), to, &u);
        if (rc == DB_DONE) {
            json_object_set_new(o, "target", json_null());
            continue;
        }
        if (rc != DB_ROW)
            return op_fail_db(err, db);
        if (add_target(db, u.id, year, o, err) != 0)
            return -1;
    }
    return add_previous_year(db, unit_id, from, to, category, j, err);
}

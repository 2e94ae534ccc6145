/*
 * cli/report.c — `thads report`: the summary report of a unit's subtree for a period, as
 * JSON, a table, or the official forms in an .xlsx workbook written to --out (ops/report.h,
 * ops/report_xlsx.h; docs/internals/statistics.md).
 */
#include "cli/cli.h"
#include "ops/report.h"
#include "ops/report_view.h"
#include "ops/report_xlsx.h"

#include <jansson.h>

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_report(int argc, char **argv);

static const char *const line_vi[REPORT_LINE_COUNT] = {"A1 Năm trước chuyển sang",
                                                       "A2 Thụ lý mới",
                                                       "A  Tổng số thụ lý",
                                                       "B  Ủy thác",
                                                       "C  Tổng số phải thi hành",
                                                       "D  Có điều kiện thi hành",
                                                       "E  Chưa có điều kiện",
                                                       "   Xong (D1 + D2)",
                                                       "D2 Đình chỉ",
                                                       "D3 Đang thi hành",
                                                       "D4 Hoãn",
                                                       "D5 Tạm đình chỉ",
                                                       "D6 Trường hợp khác",
                                                       "F  Chuyển kỳ sau"};

/* label left-aligned in width characters (code points, not bytes: Vietnamese letters take
 * two or three bytes each). */
static void put_label(const char *label, int width)
{
    int n = 0;

    for (const char *c = label; *c; c++)
        n += ((unsigned char)*c & 0xC0) != 0x80;
    printf("%s%*s", label, n < width ? width - n : 0, "");
}

/* One count of the coercion and complaint tables, indented by its depth. */
static void put_count(int depth, const char *label, int64_t v)
{
    printf("%*s", 2 + 2 * depth, "");
    put_label(label, 44 - 2 * depth);
    printf(" %10" PRId64 "\n", v);
}

/* The lines of one indicator tree and its rates. */
static void print_lines(const report_t *r)
{
    char rate_c[REPORT_RATE_MAX], rate_m[REPORT_RATE_MAX];

    printf("%-30s %12s %22s\n", "", "việc", "tiền (đồng)");
    for (int i = 0; i < REPORT_LINE_COUNT; i++) {
        put_label(line_vi[i], 30);
        printf(" %12" PRId64 " %22" PRId64 "\n", r->line[i].cases, r->line[i].money);
    }
    report_rate(r->line[REPORT_COMPLETED].cases, r->line[REPORT_ELIGIBLE].cases, rate_c);
    report_rate(r->line[REPORT_COMPLETED].money, r->line[REPORT_ELIGIBLE].money, rate_m);
    put_label("Tỷ lệ", 30);
    printf(" %11s%% %21s%%\n", rate_c[0] ? rate_c : "-", rate_m[0] ? rate_m : "-");
}

/* The special tables (THADS.md 5.4) and the coercion and complaint counts, after the
 * units: what the report page and the .xlsx show beside the indicator tree. */
static void print_more(const report_summary_t *s)
{
    const report_coercion_t *co = &s->coercion;
    const report_complaints_t *cp = &s->complaints;

    for (int i = 0; s->has_special && i < STAT_FLAG_COUNT; i++) {
        printf("\n%s\n", stat_flag_title_vi(i));
        print_lines(&s->special[i]);
    }
    if (!s->has_actions || !s->actions_ok)
        return;
    printf("\nCưỡng chế thi hành án (số quyết định cưỡng chế)\n");
    put_count(0, "Kỳ trước chuyển sang", co->carried_over);
    put_count(0, "Quyết định mới trong kỳ", co->new_);
    put_count(0, "Tổng số", co->total);
    put_count(1, "Tự nguyện thi hành sau quyết định", co->paid_voluntarily);
    put_count(1, "Phải tổ chức cưỡng chế", co->needing);
    put_count(2, "Đã tổ chức cưỡng chế", co->carried_out);
    put_count(2, "Chưa tổ chức cưỡng chế", co->pending);
    printf("\nGiải quyết khiếu nại (số việc)\n");
    put_count(0, "Kỳ trước chuyển sang", cp->carried_over);
    put_count(0, "Thụ lý mới trong kỳ", cp->new_);
    put_count(0, "Tổng số phải giải quyết", cp->total);
    put_count(1, "Đã giải quyết", cp->resolved);
    put_count(1, "Còn phải giải quyết", cp->pending);
}

static void print_table(const report_summary_t *s)
{
    char rate_c[REPORT_RATE_MAX], rate_m[REPORT_RATE_MAX];

    printf("%s — %s\n", s->top.code, s->top.name_vi);
    print_lines(&s->top.all);
    for (size_t i = 0; i < s->nunits; i++) {
        const report_t *u = &s->units[i].all;
        report_rate(u->line[REPORT_COMPLETED].cases, u->line[REPORT_ELIGIBLE].cases, rate_c);
        report_rate(u->line[REPORT_COMPLETED].money, u->line[REPORT_ELIGIBLE].money, rate_m);
        printf("  %-20s C %8" PRId64 " D %8" PRId64 " xong %8" PRId64 " %7s%%  tiền %7s%%\n",
               s->units[i].code, u->line[REPORT_TO_ENFORCE].cases, u->line[REPORT_ELIGIBLE].cases,
               u->line[REPORT_COMPLETED].cases, rate_c[0] ? rate_c : "-", rate_m[0] ? rate_m : "-");
    }
    print_more(s);
}

/* The summary as GET /api/reports/summary answers it (ops/report_view.h), targets and the
 * year before included, on one line. 0 or the exit status of the failure. */
static int print_json(db_t *db, const char *unit, civil_date_t from, civil_date_t to,
                      const char *category)
{
    op_error_t err;
    json_t *j;
    char *text;

    if (report_op_view(db, unit, from, to, category, &j, &err) != 0)
        return cli_fail("report", "%s", err.en);
    text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
    if (text == NULL)
        return cli_fail("report", "out of memory");
    printf("%s\n", text);
    free(text);
    return 0;
}

int cmd_report(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},       {"unit", required_argument, NULL, 'u'},
        {"from", required_argument, NULL, 'f'},     {"to", required_argument, NULL, 't'},
        {"category", required_argument, NULL, 'c'}, {"format", required_argument, NULL, 'F'},
        {"out", required_argument, NULL, 'o'},      {NULL, 0, NULL, 0}};
    const char *url = cli_env("THADS_DB", CLI_DEFAULT_DB), *unit = NULL, *category = NULL;
    const char *format = "table", *out = NULL;
    civil_date_t from = CIVIL_DATE_INVALID, to = CIVIL_DATE_INVALID;
    report_summary_t s;
    op_error_t err;
    db_t *db;
    int c, rc;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            url = optarg;
        else if (c == 'u')
            unit = optarg;
        else if (c == 'c')
            category = optarg;
        else if (c == 'F')
            format = optarg;
        else if (c == 'o')
            out = optarg;
        else if ((c == 'f' && civil_date_parse(optarg, &from) == 0) ||
                 (c == 't' && civil_date_parse(optarg, &to) == 0))
            continue;
        else if (c == 'f' || c == 't')
            return cli_usage_error("report", "%s: not a date (YYYY-MM-DD): '%s'",
                                   c == 'f' ? "--from" : "--to", optarg);
        else
            return cli_bad_option("report", argc, argv);
    }
    if (optind < argc)
        return cli_usage_error("report", "unexpected argument '%s'", argv[optind]);
    if (unit == NULL || from == CIVIL_DATE_INVALID || to == CIVIL_DATE_INVALID)
        return cli_usage_error("report", "--unit, --from and --to are required");
    if (strcmp(format, "json") != 0 && strcmp(format, "table") != 0 && strcmp(format, "xlsx") != 0)
        return cli_usage_error("report", "--format: json, table or xlsx, not '%s'", format);
    if ((strcmp(format, "xlsx") == 0) != (out != NULL))
        return cli_usage_error("report", "--out FILE goes with --format xlsx, and only with it");
    rc = cli_open_migrated("report", url, &db);
    if (rc != 0)
        return rc;
    if (strcmp(format, "json") == 0) {
        rc = print_json(db, unit, from, to, category);
        db_close(db);
        return rc;
    }
    if (report_op_summary(db, unit, from, to, category, &s, &err) != 0) {
        rc = cli_fail("report", "%s", err.en);
        db_close(db);
        return rc;
    }
    db_close(db);
    if (strcmp(format, "xlsx") == 0) {
        if (report_xlsx_write(&s, from, to, category, out) != 0) {
            report_summary_free(&s);
            return cli_fail("report", "%s: the workbook could not be written", out);
        }
    } else {
        print_table(&s);
    }
    report_summary_free(&s);
    return 0;
}

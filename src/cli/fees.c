/*
 * cli/fees.c — `thads fees [AMOUNT] [--date D]`: the enforcement fee schedule in force on
 * a day, each number with its legal source and confidence, and the fee on an amount
 * received that day, so an accountant or administrator can check what thads books.
 * Everything comes from the rule table (core/fee.h); this file only shows it.
 */
#include "cli/cli.h"
#include "core/fee.h"
#include "core/money.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cmd_fees(int argc, char **argv); /* registered in cli/main.c */

/* A rate in ppm as a Vietnamese percentage: 30000 -> "3%", 5000 -> "0,5%", 100 -> "0,01%".
 * Any int64 fits in FEES_PERCENT_MAX bytes: a sign and 15 digits, a comma, 4 digits, "%",
 * NUL. */
#define FEES_PERCENT_MAX 32
static void fees_percent(int64_t ppm, char *buf, size_t len)
{
    int64_t whole = ppm / 10000, frac = ppm % 10000;
    if (frac == 0) {
        snprintf(buf, len, "%lld%%", (long long)whole);
        return;
    }
    char digits[8];
    snprintf(digits, sizeof digits, "%04lld", (long long)(frac < 0 ? -frac : frac));
    for (int i = 3; i > 0 && digits[i] == '0'; i--)
        digits[i] = '\0';
    snprintf(buf, len, "%lld,%s%%", (long long)whole, digits);
}

/* "80", "12.5" or "12,5" percent (at most 4 decimals) to ppm; -1 if not a percentage
 * between 0 and 100. */
static int64_t fees_parse_percent(const char *s)
{
    int64_t whole = 0, frac = 0, scale = 10000;
    size_t i = 0, nd = 0;
    for (; s[i] >= '0' && s[i] <= '9' && nd < 4; i++, nd++)
        whole = whole * 10 + (s[i] - '0');
    if (nd == 0)
        return -1;
    if (s[i] == '.' || s[i] == ',') {
        i++;
        for (nd = 0; s[i] >= '0' && s[i] <= '9' && nd < 4; i++, nd++) {
            scale /= 10;
            frac += (s[i] - '0') * scale;
        }
        if (nd == 0)
            return -1;
    }
    if (s[i] == '%')
        i++;
    if (s[i] != '\0' || whole * 10000 + frac > 1000000)
        return -1;
    return whole * 10000 + frac;
}

static int fees_unconfirmed(const rule_t *r)
{
    return r != NULL && strcmp(r->tag, "M") == 0;
}

/* "[W] Circular 216/2016/TT-BTC, from 2017-01-01" (and UNCONFIRMED for [M]). */
static void fees_print_source(const rule_t *r)
{
    char from[11];
    if (r == NULL)
        return;
    civil_date_format(r->effective_from, from);
    printf("      [%s] %s, %s %s%s\n", r->tag, r->legal_ref, "from", from,
           fees_unconfirmed(r) ? "  CHƯA XÁC NHẬN / UNCONFIRMED" : "");
}

/* Two rows cited the same way (a NULL row is the same as any: nothing to cite). */
static int fees_same_source(const rule_t *a, const rule_t *b)
{
    return a == NULL || b == NULL ||
           (strcmp(a->legal_ref, b->legal_ref) == 0 && strcmp(a->tag, b->tag) == 0 &&
            a->effective_from == b->effective_from);
}

static json_t *fees_source_json(const rule_t *r)
{
    char from[11], to[11];
    if (r == NULL)
        return json_null();
    civil_date_format(r->effective_from, from);
    civil_date_format(r->effective_to, to);
    return json_pack("{s:s, s:s, s:s, s:b, s:s, s:o}", "rule_id", r->rule_id, "legal_ref",
                     r->legal_ref, "tag", r->tag, "unconfirmed", fees_unconfirmed(r),
                     "effective_from", from, "effective_to",
                     r->effective_to == CIVIL_DATE_INVALID ? json_null() : json_string(to));
}

static void fees_print_text(const fee_schedule_t *s, const char *source, const money_t *amount,
                            const fee_terms_t *terms, const fee_result_t *res)
{
    char day[11], a[MONEY_FORMAT_MAX], b[MONEY_FORMAT_MAX], c[MONEY_FORMAT_MAX],
        pct[FEES_PERCENT_MAX];

    civil_date_format(s->on, day);
    printf("Biểu phí thi hành án áp dụng ngày %s\n", day);
    printf("Enforcement fee schedule in force on %s; table: %s\n\n", day, source);
    money_format(s->base_salary, a, sizeof a);
    printf("Lương cơ sở / base salary: %s\n", a);
    fees_print_source(s->base_salary_rule);
    money_format(s->threshold, a, sizeof a);
    fees_percent(s->free_multiple_ppm / 100, pct, sizeof pct); /* times, as a "percent" of 1 */
    pct[strlen(pct) - 1] = '\0';
    printf("Không thu phí đến / no fee up to: %s (%s × lương cơ sở / base salary)\n", a, pct);
    fees_print_source(s->free_rule);

    for (size_t i = 0; i < s->nbands; i++) {
        const fee_band_t *band = &s->bands[i];
        money_format(band->above, a, sizeof a);
        money_format(band->up_to, b, sizeof b);
        fees_percent(band->rate_ppm, pct, sizeof pct);
        printf("\nBậc / band %zu: trên / above %s%s%s\n", i + 1, a,
               band->up_to >= 0 ? ", đến / up to " : "", band->up_to >= 0 ? b : "");
        if (band->rate_over == 0) {
            printf("    %s số tiền thực nhận / of the amount received\n", pct);
        } else {
            money_format(band->base, b, sizeof b);
            money_format(band->rate_over, c, sizeof c);
            printf("    %s + %s phần vượt quá / of the part above %s\n", b, pct, c);
        }
        /* A band's three rows usually share their source: cite each source once. */
        fees_print_source(band->rate_rule);
        if (!fees_same_source(band->base_rule, band->rate_rule))
            fees_print_source(band->base_rule);
        if (!fees_same_source(band->from_rule, band->rate_rule) &&
            !fees_same_source(band->from_rule, band->base_rule))
            fees_print_source(band->from_rule);
    }

    printf("\nGiảm, miễn / reductions and exemption:\n");
    if (s->poor_max_ppm >= 0) {
        fees_percent(s->poor_max_ppm, pct, sizeof pct);
        printf("  hộ nghèo, tối đa / poor household, at most %s (--poor PERCENT)\n", pct);
        fees_print_source(s->poor_max_rule);
    }
    if (s->found_ppm >= 0) {
        fees_percent(s->found_ppm, pct, sizeof pct);
        printf("  xác minh chính xác tài sản, không phải cưỡng chế / creditor located the asset,"
               " no coercion: %s (--found)\n",
               pct);
        fees_print_source(s->found_rule);
    }
    if (s->found_coercion_ppm >= 0) {
        fees_percent(s->found_coercion_ppm, pct, sizeof pct);
        printf("  xác minh chính xác tài sản, phải cưỡng chế / creditor located the asset,"
               " coercion needed: %s (--found-coercion)\n",
               pct);
        fees_print_source(s->found_coercion_rule);
    }
    printf("  đương sự tự nguyện giao nhận trực tiếp / parties settled directly: một phần ba /"
           " one third (--one-third)\n");
    printf("  miễn phí / exemption (--exempt)\n");

    if (amount == NULL)
        return;
    money_format(*amount, a, sizeof a);
    printf("\nSố tiền thực nhận / amount received: %s\n", a);
    if (res->band == 0) {
        money_format(res->threshold, b, sizeof b);
        printf("Không thu phí / no fee: không quá / not above %s\n", b);
    } else {
        money_format(res->full_fee, b, sizeof b);
        printf("Bậc / band %zu: phí / fee %s\n", res->band, b);
    }
    if (terms->exempt)
        printf("Miễn phí / exempt\n");
    if (terms->one_third)
        printf("Một phần ba / one third\n");
    if (res->reduction_ppm > 0) {
        fees_percent(res->reduction_ppm, pct, sizeof pct);
        printf("Giảm / reduced by %s\n", pct);
    }
    char words[MONEY_WORDS_MAX];
    money_format(res->fee, a, sizeof a);
    money_to_words_vi(res->fee, words, sizeof words);
    printf("Phải nộp / payable: %s (%s)\n", a, words);
}

static json_t *fees_json(const fee_schedule_t *s, const char *source, const money_t *amount,
                         const fee_result_t *res)
{
    char day[11];
    json_t *bands = json_array();
    civil_date_format(s->on, day);
    for (size_t i = 0; i < s->nbands; i++) {
        const fee_band_t *band = &s->bands[i];
        json_array_append_new(
            bands,
            json_pack("{s:I, s:I, s:o, s:I, s:I, s:I, s:o, s:o, s:o}", "band", (json_int_t)i + 1,
                      "above", (json_int_t)band->above, "up_to",
                      band->up_to >= 0 ? json_integer(band->up_to) : json_null(), "base",
                      (json_int_t)band->base, "rate_ppm", (json_int_t)band->rate_ppm, "rate_over",
                      (json_int_t)band->rate_over, "from_source", fees_source_json(band->from_rule),
                      "base_source", fees_source_json(band->base_rule), "rate_source",
                      fees_source_json(band->rate_rule)));
    }
    json_t *reductions =
        json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "poor_max_ppm",
                  s->poor_max_ppm >= 0 ? json_integer(s->poor_max_ppm) : json_null(),
                  "poor_max_source", fees_source_json(s->poor_max_rule), "found_ppm",
                  s->found_ppm >= 0 ? json_integer(s->found_ppm) : json_null(), "found_source",
                  fees_source_json(s->found_rule), "found_coercion_ppm",
                  s->found_coercion_ppm >= 0 ? json_integer(s->found_coercion_ppm) : json_null(),
                  "found_coercion_source", fees_source_json(s->found_coercion_rule));
    json_t *obj = json_pack("{s:s, s:s, s:I, s:o, s:I, s:I, s:o, s:o, s:o}", "date", day, "source",
                            source, "base_salary", (json_int_t)s->base_salary, "base_salary_source",
                            fees_source_json(s->base_salary_rule), "free_multiple_ppm",
                            (json_int_t)s->free_multiple_ppm, "threshold", (json_int_t)s->threshold,
                            "threshold_source", fees_source_json(s->free_rule), "bands", bands,
                            "reductions", reductions);
    if (obj != NULL && amount != NULL)
        json_object_set_new(obj, "computed",
                            json_pack("{s:I, s:I, s:I, s:I, s:I}", "amount", (json_int_t)*amount,
                                      "band", (json_int_t)res->band, "full_fee",
                                      (json_int_t)res->full_fee, "reduction_ppm",
                                      (json_int_t)res->reduction_ppm, "fee", (json_int_t)res->fee));
    return obj;
}

int cmd_fees(int argc, char **argv)
{
    static const struct option opts[] = {{"date", required_argument, NULL, 'd'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"rules", required_argument, NULL, 'R'},
                                         {"one-third", no_argument, NULL, '3'},
                                         {"exempt", no_argument, NULL, 'e'},
                                         {"poor", required_argument, NULL, 'p'},
                                         {"found", no_argument, NULL, 'F'},
                                         {"found-coercion", no_argument, NULL, 'C'},
                                         {NULL, 0, NULL, 0}};
    const char *format = "text", *file = getenv("THADS_RULES"), *date_arg = NULL;
    fee_terms_t terms = {0};
    int c, rc, reductions = 0;
    civil_date_t on;
    money_t amount;
    const money_t *amountp = NULL;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            date_arg = optarg;
            break;
        case 'f':
            format = optarg;
            break;
        case 'R':
            file = optarg;
            break;
        case '3':
            terms.one_third = true;
            break;
        case 'e':
            terms.exempt = true;
            break;
        case 'p':
            terms.reduction = FEE_REDUCE_POOR;
            terms.poor_ppm = fees_parse_percent(optarg);
            reductions++;
            if (terms.poor_ppm < 0)
                return cli_usage_error("fees", "--poor takes a percentage from 0 to 100, not '%s'",
                                       optarg);
            break;
        case 'F':
            terms.reduction = FEE_REDUCE_FOUND;
            reductions++;
            break;
        case 'C':
            terms.reduction = FEE_REDUCE_FOUND_COERCION;
            reductions++;
            break;
        default:
            return cli_bad_option("fees", argc, argv);
        }
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
        return cli_usage_error("fees", "unknown format '%s' (want text or json)", format);
    if (reductions > 1)
        return cli_usage_error("fees", "give one reduction: --poor, --found or --found-coercion");
    if (optind + 1 < argc)
        return cli_usage_error("fees", "unexpected argument '%s'", argv[optind + 1]);
    if (optind < argc) {
        int mrc = money_parse(argv[optind], &amount);
        if (mrc != MONEY_OK || amount < 0)
            return cli_usage_error("fees",
                                   "'%s' is not an amount of đồng (write 6200000000 or "
                                   "6.200.000.000)",
                                   argv[optind]);
        amountp = &amount;
    }
    if (date_arg != NULL) {
        rc = cli_date_arg("fees", "--date", date_arg, &on);
        if (rc != 0)
            return rc;
    } else {
        on = civil_date_of_utc((int64_t)time(NULL));
    }
    if (file != NULL && file[0] == '\0')
        file = NULL;

    rules_t *rules;
    rc = cli_load_rules("fees", file, &rules);
    if (rc != 0)
        return rc;
    fee_schedule_t s;
    fee_result_t res = {0};
    rc = fee_schedule_at(rules, on, &s);
    if (rc == FEE_OK && amountp != NULL)
        rc = fee_compute_with(&s, amount, &terms, &res);
    if (rc != FEE_OK) {
        char day[11], pct[FEES_PERCENT_MAX], en[256], vi[256];
        civil_date_format(on, day);
        fees_percent(rc == FEE_BAD_REDUCTION && s.poor_max_ppm >= 0 ? s.poor_max_ppm : 0, pct,
                     sizeof pct);
        pct[strlen(pct) - 1] = '\0';
        const char *args[] = {rc == FEE_BAD_REDUCTION ? pct : day};
        if (rc == FEE_BAD_SCHEDULE) {
            snprintf(en, sizeof en, "the fee rules in force on %s contradict each other", day);
            vi[0] = '\0';
        } else {
            message_format(fee_message(rc), en, sizeof en, vi, sizeof vi, args, 1);
        }
        rules_free(rules);
        return cli_fail("fees", "%s%s%s", vi, vi[0] ? " / " : "", en);
    }

    const char *source = file ? file : "data/rules.csv (built in)";
    if (strcmp(format, "json") == 0) {
        json_t *obj = fees_json(&s, source, amountp, &res);
        char *text = obj != NULL ? json_dumps(obj, JSON_INDENT(2)) : NULL;
        json_decref(obj);
        rules_free(rules);
        if (text == NULL)
            return cli_fail("fees", "cannot write the schedule as JSON (is the file name UTF-8?)");
        puts(text);
        free(text);
        return 0;
    }
    fees_print_text(&s, source, amountp, &terms, &res);
    rules_free(rules);
    return 0;
}

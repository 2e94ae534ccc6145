/*
 * cli/rules.c — `thads rules [--at DATE]`: the deadlines, rates and amounts in force on
 * a day, with their legal source and confidence, so an administrator can check the
 * table every deadline uses; and loading a corrected table (`--rules FILE`, also for
 * `thads serve`), checked like an import before anything uses it.
 */
#include "cli/cli.h"
#include "embed.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Largest rules file read, in bytes: the shipped table is about 40 KiB. */
#define RULES_FILE_MAX (4u << 20)

/* Every rule_id of the built-in table must stay in a corrected one: a rule the file
 * lacks would silently compute no deadline. 0, or 1 after naming the first missing. */
static int rules_keep_builtin_ids(const char *cmd, const char *path, const rules_t *r)
{
    const embedded_file_t *f = embed_find(embedded_data, "rules.csv");
    rules_t *builtin = NULL;
    int rc = 0;

    if (f == NULL || rules_parse((const char *)f->data, &builtin, NULL, 0) != 0)
        return cli_fail(cmd, "the built-in data/rules.csv is missing or broken");
    for (size_t i = 0; i < rules_count(builtin) && rc == 0; i++) {
        const char *id = rules_at(builtin, i)->rule_id;
        size_t k = 0;
        while (k < rules_count(r) && strcmp(rules_at(r, k)->rule_id, id) != 0)
            k++;
        if (k == rules_count(r))
            rc = cli_fail(cmd,
                          "%s: no row for rule %s (a corrected table keeps every rule of "
                          "the built-in data/rules.csv)",
                          path, id);
    }
    rules_free(builtin);
    return rc;
}

int cli_load_rules(const char *cmd, const char *path, rules_t **out)
{
    char err[256], *text = NULL;
    const char *csv;
    int rc;

    *out = NULL;
    if (path != NULL) {
        text = cli_read_file(path, RULES_FILE_MAX, NULL);
        if (text == NULL)
            return cli_fail(cmd, "cannot read rules file %s: %s", path, strerror(errno));
        csv = text;
    } else {
        const embedded_file_t *f = embed_find(embedded_data, "rules.csv");
        csv = f ? (const char *)f->data : "";
        path = "data/rules.csv (built in)";
    }
    rc = rules_parse(csv, out, err, sizeof err);
    free(text);
    if (rc != 0)
        return cli_fail(cmd, "%s: %s", path, err);
    if (text != NULL && rules_keep_builtin_ids(cmd, path, *out) != 0) {
        rules_free(*out);
        *out = NULL;
        return 1;
    }
    return 0;
}

/* The row is the version in force on day `at`. */
static int rule_in_force(const rule_t *x, civil_date_t at)
{
    return x->effective_from <= at &&
           (x->effective_to == CIVIL_DATE_INVALID || at <= x->effective_to);
}

/* Unconfirmed: from memory, not found in any source (THADS.md 0.1). */
static int rule_unconfirmed(const rule_t *x)
{
    return strcmp(x->tag, "M") == 0;
}

static json_t *date_or_null(civil_date_t d)
{
    char buf[11];
    if (d == CIVIL_DATE_INVALID)
        return json_null();
    civil_date_format(d, buf);
    return json_string(buf);
}

int cmd_rules(int argc, char **argv)
{
    static const struct option opts[] = {{"at", required_argument, NULL, 'a'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"rules", required_argument, NULL, 'R'},
                                         {NULL, 0, NULL, 0}};
    const char *format = "text", *file = getenv("THADS_RULES"), *at_arg = NULL;
    civil_date_t at;
    rules_t *r;
    char day[11];
    size_t n = 0, unconfirmed = 0;
    int c, rc;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'a')
            at_arg = optarg;
        else if (c == 'f')
            format = optarg;
        else if (c == 'R')
            file = optarg;
        else
            return cli_bad_option("rules", argc, argv);
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
        return cli_usage_error("rules", "unknown format '%s' (want text or json)", format);
    if (optind < argc)
        return cli_usage_error("rules", "unexpected argument '%s'", argv[optind]);
    if (at_arg != NULL) {
        rc = cli_date_arg("rules", "--at", at_arg, &at);
        if (rc != 0)
            return rc;
    } else {
        at = civil_date_of_utc((int64_t)time(NULL));
    }
    if (file != NULL && file[0] == '\0')
        file = NULL;
    rc = cli_load_rules("rules", file, &r);
    if (rc != 0)
        return rc;

    for (size_t i = 0; i < rules_count(r); i++) {
        const rule_t *x = rules_at(r, i);
        if (rule_in_force(x, at)) {
            n++;
            unconfirmed += rule_unconfirmed(x);
        }
    }
    civil_date_format(at, day);
    const char *source = file ? file : "data/rules.csv (built in)";

    if (strcmp(format, "json") == 0) {
        json_t *list = json_array();
        for (size_t i = 0; i < rules_count(r); i++) {
            const rule_t *x = rules_at(r, i);
            if (!rule_in_force(x, at))
                continue;
            json_array_append_new(
                list, json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:o, s:o}",
                                "rule_id", x->rule_id, "value", (json_int_t)x->value, "unit",
                                rules_unit_code(x->unit), "legal_ref", x->legal_ref, "legal_ref_vi",
                                x->legal_ref_vi, "tag", x->tag, "unconfirmed", rule_unconfirmed(x),
                                "name_vi", x->name_vi, "name_en", x->name_en, "effective_from",
                                date_or_null(x->effective_from), "effective_to",
                                date_or_null(x->effective_to)));
        }
        json_t *obj =
            json_pack("{s:s, s:s, s:I, s:I, s:o}", "at", day, "source", source, "count",
                      (json_int_t)n, "unconfirmed", (json_int_t)unconfirmed, "rules", list);
        char *text = obj != NULL ? json_dumps(obj, JSON_INDENT(2)) : NULL;
        json_decref(obj);
        if (text == NULL) { /* the file's name is not UTF-8, or out of memory */
            rules_free(r);
            return cli_fail("rules", "cannot write the rules as JSON (is the file name UTF-8?)");
        }
        puts(text);
        free(text);
    } else {
        printf("Quy tắc có hiệu lực ngày %s: %zu, trong đó %zu chưa xác nhận [M]\n", day, n,
               unconfirmed);
        printf("Rules in force on %s: %zu, of which %zu unconfirmed [M]; table: %s\n", day, n,
               unconfirmed, source);
        for (size_t i = 0; i < rules_count(r); i++) {
            const rule_t *x = rules_at(r, i);
            char from[11], to[11];
            if (!rule_in_force(x, at))
                continue;
            civil_date_format(x->effective_from, from);
            civil_date_format(x->effective_to, to);
            printf("\n%-30s %12lld %-3s  [%s]%s\n", x->rule_id, (long long)x->value,
                   rules_unit_code(x->unit), x->tag,
                   rule_unconfirmed(x) ? "  CHƯA XÁC NHẬN / UNCONFIRMED" : "");
            printf("    %s\n    %s\n", x->name_vi, x->name_en);
            if (strcmp(x->legal_ref_vi, x->legal_ref) != 0)
                printf("    %s\n", x->legal_ref_vi);
            printf("    %s; %s %s%s%s\n", x->legal_ref, "from", from,
                   x->effective_to != CIVIL_DATE_INVALID ? " to " : "",
                   x->effective_to != CIVIL_DATE_INVALID ? to : "");
        }
    }
    rules_free(r);
    return 0;
}

/*
 * cli/holidays.c — `thads holidays YEAR`: the calendar every working-day deadline
 * uses, for an administrator to check against the government's announcement.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The day comes from the announced-days file, not from the statutory rules. */
static int holiday_is_announced(const holiday_t *h)
{
    return h->kind == HOLIDAY_ANNOUNCED_OFF || h->kind == HOLIDAY_ANNOUNCED_WORKING;
}

static const char *const weekday_vi[] = {"",        "Thứ Hai", "Thứ Ba",  "Thứ Tư",
                                         "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"};

int cmd_holidays(int argc, char **argv)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"holidays", required_argument, NULL, 'H'},
                                         {NULL, 0, NULL, 0}};
    const char *format = "text", *file = getenv("THADS_HOLIDAYS");
    calendar_t *cal;
    holiday_t list[64];
    size_t n;
    char *end;
    const char *status;
    long year;
    int c, rc, announced;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'f')
            format = optarg;
        else if (c == 'H')
            file = optarg;
        else
            return cli_bad_option("holidays", argc, argv);
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
        return cli_usage_error("holidays", "unknown format '%s' (want text or json)", format);
    if (optind != argc - 1)
        return cli_usage_error("holidays", "give exactly one YEAR");
    year = strtol(argv[optind], &end, 10);
    if (*end != '\0' || year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR)
        return cli_usage_error("holidays", "YEAR must be a number from %d to %d",
                               CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR);
    rc = cli_load_calendar("holidays", file && file[0] ? file : NULL, &cal);
    if (rc != 0)
        return rc;
    n = calendar_holidays(cal, (int)year, list, sizeof list / sizeof list[0]);
    if (n > sizeof list / sizeof list[0])
        n = sizeof list / sizeof list[0];
    announced = calendar_year_announced(cal, (int)year) == 1;
    status = announced ? "announced" : "computed, not announced";
    if (strcmp(format, "json") == 0) {
        json_t *days = json_array();
        json_t *obj;
        char *text;
        for (size_t i = 0; i < n; i++) {
            char date[11];
            civil_date_format(list[i].date, date);
            json_array_append_new(
                days, json_pack("{s:s, s:s, s:s, s:s, s:b, s:s, s:b}", "date", date, "name_vi",
                                list[i].name_vi, "name_en", list[i].name_en, "kind",
                                calendar_kind_name(list[i].kind), "working_day",
                                calendar_is_working_day(cal, list[i].date) == 1, "source",
                                list[i].source, "announced", holiday_is_announced(&list[i])));
        }
        obj = json_pack("{s:i, s:b, s:s, s:o}", "year", (int)year, "announced", announced, "status",
                        status, "days", days);
        text = json_dumps(obj, JSON_INDENT(2));
        puts(text);
        free(text);
        json_decref(obj);
    } else {
        printf("Ngày nghỉ lễ, Tết và ngày nghỉ năm %ld (%zu ngày)\n", year, n);
        if (announced)
            printf("Năm %ld: announced — theo thông báo của Chính phủ/Bộ Nội vụ (ngày ghi "
                   "\"computed\" là ngày tính theo luật)\n",
                   year);
        else
            printf("Năm %ld: computed, not announced — tính theo Bộ luật Lao động, chưa có "
                   "thông báo nào trong tệp ngày nghỉ\n",
                   year);
        for (size_t i = 0; i < n; i++) {
            char date[11];
            civil_date_format(list[i].date, date);
            printf("%s  %-9s  %-17s  %s\n", date, weekday_vi[civil_date_weekday(list[i].date)],
                   calendar_kind_name(list[i].kind), list[i].name_vi);
            printf("            %s: %s\n",
                   holiday_is_announced(&list[i]) ? "announced" : "computed", list[i].source);
        }
    }
    calendar_free(cal);
    return 0;
}

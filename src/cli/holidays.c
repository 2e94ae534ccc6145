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
    long year;
    int c, rc;

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
    if (strcmp(format, "json") == 0) {
        json_t *arr = json_array();
        char *text;
        for (size_t i = 0; i < n; i++) {
            char date[11];
            civil_date_format(list[i].date, date);
            json_array_append_new(arr,
                                  json_pack("{s:s, s:s, s:s, s:s, s:b}", "date", date, "name_vi",
                                            list[i].name_vi, "name_en", list[i].name_en, "kind",
                                            calendar_kind_name(list[i].kind), "working_day",
                                            calendar_is_working_day(cal, list[i].date) == 1));
        }
        text = json_dumps(arr, JSON_INDENT(2));
        puts(text);
        free(text);
        json_decref(arr);
    } else {
        printf("Ngày nghỉ lễ, Tết và ngày nghỉ năm %ld (%zu ngày)\n", year, n);
        for (size_t i = 0; i < n; i++) {
            char date[11];
            civil_date_format(list[i].date, date);
            printf("%s  %-9s  %-17s  %s\n", date, weekday_vi[civil_date_weekday(list[i].date)],
                   calendar_kind_name(list[i].kind), list[i].name_vi);
        }
    }
    calendar_free(cal);
    return 0;
}

#include "ops/app.h"
#include "embed.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int64_t real_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;
static calendar_t *builtin_calendar;
static rules_t *builtin_rules;

static void build_builtin(void)
{
    const embedded_file_t *h = embed_find(embedded_data, "holidays.csv");
    const embedded_file_t *r = embed_find(embedded_data, "rules.csv");
    char err[256];

    if (calendar_build(h ? (const char *)h->data : "", &builtin_calendar, err, sizeof err) != 0) {
        fprintf(stderr, "thads: built-in data/holidays.csv: %s\n", err);
        abort();
    }
    if (r == NULL || rules_parse((const char *)r->data, &builtin_rules, err, sizeof err) != 0) {
        fprintf(stderr, "thads: built-in data/rules.csv: %s\n", r ? err : "missing");
        abort();
    }
}

const calendar_t *app_builtin_calendar(void)
{
    pthread_once(&builtin_once, build_builtin);
    return builtin_calendar;
}

const rules_t *app_builtin_rules(void)
{
    pthread_once(&builtin_once, build_builtin);
    return builtin_rules;
}

void app_init(app_t *app, const calendar_t *calendar, const char *version)
{
    const embedded_file_t *common = embed_find(embedded_data, "common-passwords.txt");

    if (sodium_init() < 0) /* only when no source of randomness exists at all */
        abort();

    *app = (app_t){
        .calendar = calendar ? calendar : app_builtin_calendar(),
        .rules = app_builtin_rules(),
        .version = version,
        .started_at = time(NULL),
        .now = real_now,
        .session_idle_us = (int64_t)30 * 60 * 1000000,
        .session_absolute_us = (int64_t)12 * 3600 * 1000000,
        .pwhash_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE,
        .pwhash_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE,
        .common_passwords = common ? (const char *)common->data : "",
        .login_max_failures_user = 5,
        .login_max_failures_addr = 20,
        .login_window_us = (int64_t)15 * 60 * 1000000,
    };
}

civil_date_t app_today(const app_t *app)
{
    int64_t us = app->now();
    return civil_date_of_utc(us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000));
}

/*
 * ops/app.h — what every handler, CLI command and operation may reach besides its
 * request: the working-day calendar, the clock, and the security settings. Built
 * once by app_init(), read-only afterwards.
 */
#ifndef THADS_OPS_APP_H
#define THADS_OPS_APP_H

#include "core/calendar.h"
#include "core/civil_date.h"
#include "core/rules.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const calendar_t *calendar;
    const rules_t *rules; /* deadlines, rates, thresholds (data/rules.csv) */
    const char *version;
    int64_t started_at;            /* unix seconds */
    int64_t (*now)(void);          /* unix microseconds; tests may substitute a clock */
    int64_t session_idle_us;       /* a session unused this long ends */
    int64_t session_absolute_us;   /* and no session lives longer than this */
    int cookie_secure;             /* add Secure to the session cookie (behind TLS) */
    unsigned long long pwhash_ops; /* argon2id cost (libsodium opslimit) */
    size_t pwhash_mem;             /* argon2id memory (libsodium memlimit), bytes */
    const char *common_passwords;  /* newline-separated list refused as passwords */
    int login_max_failures_user;   /* within login_window_us, per username */
    int login_max_failures_addr;   /* within login_window_us, per client address */
    int64_t login_window_us;
} app_t;

/* Defaults: the built-in rule table, the given calendar (or the built-in one when
 * NULL), real clock, 30 min idle / 12 h absolute sessions, argon2id at libsodium's
 * "interactive" cost, the built-in common-password list, 5 failures per account and
 * 20 per address in 15 minutes. */
void app_init(app_t *app, const calendar_t *calendar, const char *version);
/* The calendar and rule table built from the files embedded in the binary, parsed
 * once per process and shared (immutable). Abort if they are broken: they are tested. */
const calendar_t *app_builtin_calendar(void);
const rules_t *app_builtin_rules(void);
/* Today's legal date (Asia/Ho_Chi_Minh) by the app's clock. */
civil_date_t app_today(const app_t *app);

#endif

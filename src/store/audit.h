/*
 * store/audit.h — the audit log: who did what, when, from where, with what outcome.
 * Append-only and hash-chained (store/chain.h); `thads fsck` verifies it.
 */
#ifndef THADS_STORE_AUDIT_H
#define THADS_STORE_AUDIT_H

#include "store/chain.h"
#include "store/db.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int64_t at;              /* unix microseconds, UTC */
    int64_t user_id;         /* 0: nobody signed in */
    const char *username;    /* as typed at a failed login, or the user's; may be NULL */
    int64_t unit_id;         /* the acting user's unit; 0: none */
    const char *method;      /* "POST", or "CLI" for commands */
    const char *route;       /* "/api/units/{id}/move", or "thads user add" */
    const char *object;      /* "unit:12"; may be NULL */
    int outcome;             /* the HTTP status, or 0 / 1 for a command's exit */
    const char *client_addr; /* "127.0.0.1", or "cli" */
    const char *detail;      /* free text or JSON; may be NULL */
} audit_entry_t;

/* Append one row. Must run inside the transaction of the change it records. */
int audit_append(db_t *db, const audit_entry_t *e, int64_t *id);

/* Verify the whole chain. Returns DB_OK when intact (*rows = rows checked); DB_ERROR
 * with *bad_id the first broken row (0 for the head) and why in msg; or a store error. */
int audit_verify(db_t *db, int64_t *rows, int64_t *bad_id, char *msg, size_t msglen);

typedef struct {
    int64_t id, at, user_id, unit_id;
    char username[128], method[16], route[160], object[96], client_addr[64], detail[512];
    int outcome;
    /* audit_search only: the acting user's full name, and what the object is called now
     * (a case's number, a unit's code, a user's name and username); "" when unknown */
    char actor_name[481], object_label[600];
} audit_row_t;

typedef int (*audit_row_fn)(const audit_row_t *row, void *arg);
/* Rows of units in the subtree of root_unit (at today's tree), newest first, with
 * id < before (0 = from the newest), at most limit. Rows without a unit (failed
 * logins) are included when include_unitless. */
int audit_list(db_t *db, int64_t root_unit, const char *today, int include_unitless, int64_t before,
               int limit, audit_row_fn fn, void *arg);

/* What GET /api/audit asks for. Texts "" and numbers 0 mean "any". */
typedef struct {
    int64_t root_unit;            /* rows of units in this unit's subtree (as UNITS_SCOPE_CTE) */
    const char *today;            /* 'YYYY-MM-DD' the scope is judged on */
    int include_unitless;         /* also rows without a unit (failed sign-ins) */
    int64_t user_id;              /* rows of this acting user */
    const char *method;           /* a kind (core/audit_words.h): its method, */
    const char *route;            /* its route ("" any), */
    int outcome_min, outcome_max; /* and the statuses it covers */
    int64_t from_us, to_us;       /* at in [from_us, to_us) */
    int64_t before;               /* id < before */
    int64_t offset;               /* rows skipped (a page's start) */
    int limit;
} audit_filter_t;

/* The rows f selects, newest first, with actor_name and object_label; and how many
 * there are in all (no paging). Both walk the subtree's rows: the count is O(rows
 * selected), paid by each page — a trail of a few million rows stays under a second on
 * its index (unit_id, id); a national one would want an estimate. */
int audit_search(db_t *db, const audit_filter_t *f, audit_row_fn fn, void *arg);
int audit_count(db_t *db, const audit_filter_t *f, int64_t *total);

#endif

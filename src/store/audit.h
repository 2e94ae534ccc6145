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
} audit_row_t;

typedef int (*audit_row_fn)(const audit_row_t *row, void *arg);
/* Rows of units in the subtree of root_unit (at today's tree), newest first, with
 * id < before (0 = from the newest), at most limit. Rows without a unit (failed
 * logins) are included when include_unitless. */
int audit_list(db_t *db, int64_t root_unit, const char *today, int include_unitless, int64_t before,
               int limit, audit_row_fn fn, void *arg);

#endif

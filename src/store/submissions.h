/*
 * store/submissions.h — submitted reports (migrations/0019): a unit's summary for a period
 * as it was rendered when a leader submitted it, with its hash. Each function runs inside
 * the caller's transaction or on its own.
 */
#ifndef THADS_STORE_SUBMISSIONS_H
#define THADS_STORE_SUBMISSIONS_H

#include "core/civil_date.h"
#include "store/db.h"

#include <stdint.h>

#define SUBMISSION_HASH_HEX 65 /* 32 bytes in hex, with the NUL */

typedef struct {
    int64_t id, unit_id, submitted_by, submitted_at;
    civil_date_t from, to;
    char hash[SUBMISSION_HASH_HEX], unit_code[33], submitted_by_name[201];
    char *body; /* malloc'd; free with submission_free */
} submission_t;
void submission_free(submission_t *s);

/* DB_OK with *id; DB_CONSTRAINT when the unit's period is submitted already; the error. */
int submission_insert(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                      const char *body, const char *hash, int64_t by, int64_t at, int64_t *id);

/* By id; the unit's exact period; the unit's submission whose period ends on `to`:
 * DB_ROW, DB_DONE (none), DB_NOMEM or the error. */
int submission_get(db_t *db, int64_t id, submission_t *out);
int submission_find(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                    submission_t *out);
int submission_ending(db_t *db, int64_t unit_id, civil_date_t to, submission_t *out);

/* The unit's submissions, the newest period first (bodies not read). */
typedef int (*submission_fn)(const submission_t *s, void *arg);
int submissions_of_unit(db_t *db, int64_t unit_id, submission_fn fn, void *arg);

#endif

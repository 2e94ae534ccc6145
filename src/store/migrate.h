/*
 * store/migrate.h — bring a database's schema up to date.
 *
 * Migrations are the embedded files migrations/NNNN_name.sql, applied in order of
 * NNNN, each in its own transaction together with its row in schema_migrations.
 * A migration that needs engine-specific SQL comes as NNNN_name.sqlite.sql and
 * NNNN_name.pg.sql instead (both must exist). See docs/internals/store.md.
 */
#ifndef THADS_STORE_MIGRATE_H
#define THADS_STORE_MIGRATE_H

#include "embed.h"
#include "store/db.h"

#include <stdint.h>

typedef void (*migrate_progress_fn)(int64_t version, const char *name, void *arg);

/* Apply every migration in files newer than the database's version. *applied gets
 * the number applied (may be NULL). Refuses a database whose schema is newer than
 * the newest migration known here. On failure nothing of the failing migration
 * remains; the reason is on db (db_errmsg). */
int migrate_apply(db_t *db, const embedded_file_t *files, migrate_progress_fn progress, void *arg,
                  int *applied);

/* Highest applied version, 0 for an empty database. Read only (no DDL): what /healthz
 * asks on every probe, which must work on a read-only database or role. */
int migrate_current_version(db_t *db, int64_t *version);

/* Highest version among files (0 if none), or -1 if the set is malformed. */
int64_t migrate_latest_version(const embedded_file_t *files);

#endif

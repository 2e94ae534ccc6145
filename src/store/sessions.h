/*
 * store/sessions.h — sign-in sessions (by hash of their token) and the record of
 * login attempts that rate limiting counts.
 */
#ifndef THADS_STORE_SESSIONS_H
#define THADS_STORE_SESSIONS_H

#include "store/db.h"

#include <stdint.h>

typedef struct {
    int64_t id, user_id, created_at, last_seen_at, expires_at;
    char csrf_token[64];
} session_row_t;

int sessions_insert(db_t *db, const char *token_hash, int64_t user_id, const char *csrf_token,
                    int64_t now, int64_t expires_at, const char *client_addr, int64_t *id);
/* A live session is found with its user: users_get_by_live_session (store/users.h). */
int sessions_touch(db_t *db, int64_t id, int64_t now);
int sessions_revoke(db_t *db, int64_t id, int64_t now);
/* Revoke every session of a user (password changed, account disabled). */
int sessions_revoke_user(db_t *db, int64_t user_id, int64_t now);

int login_attempt_add(db_t *db, const char *username, const char *client_addr, int64_t now,
                      int success);
/*
 * Check-and-record, atomically: the failed attempts since `since` of username and of
 * client_addr are counted (into the four outputs, as login_failures_since) and, when
 * both are under their limits, an attempt is recorded at once as a failure and *id is
 * its id — it counts against the limits while the caller checks the password, outside
 * any transaction, and becomes a success only through login_attempt_succeeded. Over a
 * limit *id is 0 and nothing is recorded. Runs in the caller's write transaction,
 * serialized with every other sign-in of the username or the address: SQLite's write
 * lock (BEGIN IMMEDIATE), PostgreSQL transaction advisory locks on the username, then
 * the address (always that order: no deadlock). So n parallel attempts check at most
 * the limit's number of passwords. DB_OK or the error.
 */
int login_attempt_reserve(db_t *db, const char *username, const char *client_addr, int64_t now,
                          int64_t since, int64_t max_user, int64_t max_addr, int64_t *id,
                          int64_t *by_user, int64_t *oldest_user, int64_t *by_addr,
                          int64_t *oldest_addr);
/* The reserved attempt id was a success: it no longer counts against the limits. */
int login_attempt_succeeded(db_t *db, int64_t id);
/* Forget the attempts of username and of client_addr made before `before`: no limit
 * counts them again (the table would otherwise grow with every sign-in, for years). */
int login_attempts_prune(db_t *db, const char *username, const char *client_addr, int64_t before);
/* Forget the user's sessions that can never be live again: revoked, past their expiry,
 * or idle since before idle_before. */
int sessions_prune(db_t *db, int64_t user_id, int64_t now, int64_t idle_before);
/* Failed attempts since `since` for the username and for the address, and the time of
 * the oldest of each (0 when none), so a caller can say when the limit lifts. */
int login_failures_since(db_t *db, const char *username, const char *client_addr, int64_t since,
                         int64_t *by_user, int64_t *oldest_user, int64_t *by_addr,
                         int64_t *oldest_addr);

#endif

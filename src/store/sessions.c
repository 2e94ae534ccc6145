#include "store/sessions.h"
#include "store/q.h"

#include <string.h>

int sessions_insert(db_t *db, const char *token_hash, int64_t user_id, const char *csrf_token,
                    int64_t now, int64_t expires_at, const char *client_addr, int64_t *id)
{
    int rc = q_int64(db, id,
                     "INSERT INTO session (token_hash, user_id, csrf_token, created_at, "
                     "last_seen_at, expires_at, client_addr) VALUES ($1, $2, $3, $4, $4, $5, $6) "
                     "RETURNING id",
                     "sisiis", token_hash, user_id, csrf_token, now, expires_at, client_addr);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERROR : rc;
}

int sessions_touch(db_t *db, int64_t id, int64_t now)
{
    return q_exec(db, "UPDATE session SET last_seen_at = $2 WHERE id = $1", "ii", id, now);
}

int sessions_revoke(db_t *db, int64_t id, int64_t now)
{
    return q_exec(db, "UPDATE session SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
                  "ii", id, now);
}

int sessions_revoke_user(db_t *db, int64_t user_id, int64_t now)
{
    return q_exec(db,
                  "UPDATE session SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                  "ii", user_id, now);
}

int login_attempt_add(db_t *db, const char *username, const char *client_addr, int64_t now,
                      int success)
{
    return q_exec(db,
                  "INSERT INTO login_attempt (username, client_addr, at, success) "
                  "VALUES ($1, $2, $3, $4)",
                  "ssib", username, client_addr, now, success);
}

static int failures(db_t *db, const char *column_sql, const char *value, int64_t since,
                    int64_t *count, int64_t *oldest)
{
    db_stmt_t *st;
    int rc = q_open(db, &st, column_sql, "si", value, since);

    if (rc != DB_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        *count = db_column_int64(st, 0);
        *oldest = db_column_int64(st, 1);
    }
    db_finalize(st);
    return rc == DB_ROW ? DB_OK : rc;
}

int login_failures_since(db_t *db, const char *username, const char *client_addr, int64_t since,
                         int64_t *by_user, int64_t *oldest_user, int64_t *by_addr,
                         int64_t *oldest_addr)
{
    int rc = failures(db,
                      "SELECT COUNT(*), COALESCE(MIN(at), 0) FROM login_attempt "
                      "WHERE username = $1 AND at >= $2 AND success = 0",
                      username, since, by_user, oldest_user);
    if (rc != DB_OK)
        return rc;
    return failures(db,
                    "SELECT COUNT(*), COALESCE(MIN(at), 0) FROM login_attempt "
                    "WHERE client_addr = $1 AND at >= $2 AND success = 0",
                    client_addr, since, by_addr, oldest_addr);
}

int login_attempt_reserve(db_t *db, const char *username, const char *client_addr, int64_t now,
                          int64_t since, int64_t max_user, int64_t max_addr, int64_t *id,
                          int64_t *by_user, int64_t *oldest_user, int64_t *by_addr,
                          int64_t *oldest_addr)
{
    int rc;

    *id = 0;
    if (db_engine(db) == DB_ENGINE_POSTGRES) {
        /* Two key spaces (1: usernames, 2: addresses), taken in that order by every
         * sign-in; released when the transaction ends. */
        if ((rc = q_exec(db, "SELECT pg_advisory_xact_lock(1, hashtext($1))", "s", username)) !=
                DB_OK ||
            (rc = q_exec(db, "SELECT pg_advisory_xact_lock(2, hashtext($1))", "s", client_addr)) !=
                DB_OK)
            return rc;
    }
    rc = login_failures_since(db, username, client_addr, since, by_user, oldest_user, by_addr,
                              oldest_addr);
    if (rc != DB_OK || *by_user >= max_user || *by_addr >= max_addr)
        return rc;
    return q_insert_id(db, id,
                       "INSERT INTO login_attempt (username, client_addr, at, success) "
                       "VALUES ($1, $2, $3, $4)",
                       "ssib", username, client_addr, now, 0);
}

int login_attempt_succeeded(db_t *db, int64_t id)
{
    return q_exec(db, "UPDATE login_attempt SET success = $2 WHERE id = $1", "ib", id, 1);
}

int login_attempts_prune(db_t *db, const char *username, const char *client_addr, int64_t before)
{
    int rc = q_exec(db, "DELETE FROM login_attempt WHERE username = $1 AND at < $2", "si", username,
                    before);

    if (rc != DB_OK)
        return rc;
    return q_exec(db, "DELETE FROM login_attempt WHERE client_addr = $1 AND at < $2", "si",
                  client_addr, before);
}

int sessions_prune(db_t *db, int64_t user_id, int64_t now, int64_t idle_before)
{
    return q_exec(db,
                  "DELETE FROM session WHERE user_id = $1 AND (revoked_at IS NOT NULL OR "
                  "expires_at <= $2 OR last_seen_at <= $3)",
                  "iii", user_id, now, idle_before);
}

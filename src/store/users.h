/*
 * store/users.h — users, their roles, and their passwords (as argon2id hashes).
 */
#ifndef THADS_STORE_USERS_H
#define THADS_STORE_USERS_H

#include "core/civil_date.h"
#include "store/db.h"
#include "store/sessions.h"

#include <stdint.h>

#define USER_NAME_MAX      64  /* characters of a username: a-z 0-9 . _ - */
#define USER_FULL_NAME_MAX 120 /* characters */

typedef struct {
    int64_t id, unit_id, created_at, password_changed_at;
    char username[USER_NAME_MAX + 1];
    char full_name[USER_FULL_NAME_MAX * 4 + 1];
    char password_hash[256];
    unsigned roles; /* bit r = role_t r */
    int disabled;
    int must_change_password; /* set by an administrator: change it before anything else */
    char unit_code[40];
    char unit_name[801];
    char unit_kind[24];
} user_row_t;

/* DB_CONSTRAINT (23505) when the username exists. */
int users_insert(db_t *db, const char *username, const char *full_name, int64_t unit_id,
                 const char *password_hash, unsigned roles, int64_t now, int64_t *id);
/* DB_ROW found (roles and unit filled in), DB_DONE not found. */
int users_get(db_t *db, int64_t id, user_row_t *out);
int users_get_by_username(db_t *db, const char *username, user_row_t *out);
/* The user of a live session, and the session: not revoked, not past expires_at, seen
 * within idle_us, its user not disabled. One statement, as every request asks it first.
 * DB_ROW found, DB_DONE not. */
int users_get_by_live_session(db_t *db, const char *token_hash, int64_t now, int64_t idle_us,
                              session_row_t *session, user_row_t *out);
/* Every user's (id, username), in no particular order: what an importer looks names up in. */
int users_each_username(db_t *db, db_id_text_fn fn, void *arg);
int users_set_password(db_t *db, int64_t id, const char *password_hash, int64_t now);
int users_set_disabled(db_t *db, int64_t id, int disabled);
int users_set_must_change_password(db_t *db, int64_t id, int must);
int users_set_roles(db_t *db, int64_t id, unsigned roles);

typedef int (*user_row_fn)(const user_row_t *u, void *arg);
/* Users of units in root's subtree on date at, by username. */
int users_list(db_t *db, int64_t root, civil_date_t at, user_row_fn fn, void *arg);

#endif

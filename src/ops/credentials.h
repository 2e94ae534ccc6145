/*
 * ops/credentials.h — password hashing (argon2id) and session tokens, on libsodium.
 */
#ifndef THADS_OPS_CREDENTIALS_H
#define THADS_OPS_CREDENTIALS_H

#include "ops/app.h"

#include <stddef.h>

#define CREDENTIALS_HASH_MAX   128 /* crypto_pwhash_STRBYTES */
#define CREDENTIALS_TOKEN_LEN  44  /* 32 random bytes in base64url, + NUL */
#define CREDENTIALS_TOKEN_HASH 65  /* BLAKE2b-256 in hex, + NUL */

/* 0 ok, -1 out of memory (argon2id needs app->pwhash_mem bytes). */
int credentials_hash_password(const app_t *app, const char *password,
                              char out[CREDENTIALS_HASH_MAX]);
/* 1 if password matches hash. Takes as long for an unknown user (hash NULL): a dummy
 * hash is checked instead, so timing does not tell whether an account exists. */
int credentials_verify(const app_t *app, const char *hash, const char *password);
/* A fresh random token (session cookie value, CSRF token). */
void credentials_new_token(char out[CREDENTIALS_TOKEN_LEN]);
/* What is stored for a token: its BLAKE2b-256 in hex. */
void credentials_token_hash(const char *token, char out[CREDENTIALS_TOKEN_HASH]);
/* A random readable password for new accounts: 4 groups of 4 letters/digits. */
void credentials_new_password(char out[20]);

#endif

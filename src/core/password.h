/*
 * core/password.h — the password policy: long enough, not a well-known password,
 * not the username. (Length beats complexity rules; NIST SP 800-63B.)
 */
#ifndef THADS_CORE_PASSWORD_H
#define THADS_CORE_PASSWORD_H

#include <stddef.h>

#define PASSWORD_MIN_CHARS 10
#define PASSWORD_MAX_BYTES 256

typedef enum {
    PASSWORD_OK = 0,
    PASSWORD_TOO_SHORT,
    PASSWORD_TOO_LONG,
    PASSWORD_COMMON,       /* on the list (ignoring case and trailing digits/punctuation),
                              or predictable: all digits, one repeated character, a run */
    PASSWORD_HAS_USERNAME, /* contains the username, ignoring case */
    PASSWORD_BAD_TEXT,     /* invalid UTF-8 or control characters */
} password_check_t;

/* common: newline-separated lowercase list ('#' lines are comments). */
password_check_t password_check(const char *password, const char *username, const char *common);
const char *password_check_en(password_check_t c);
const char *password_check_vi(password_check_t c);

#endif

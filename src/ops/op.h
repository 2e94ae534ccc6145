/*
 * ops/op.h — the outcome of an operation that HTTP handlers, CLI commands and
 * importers share (create a unit, add a user, record an event, ...). An operation
 * validates, applies the rules and writes through store/, inside the caller's
 * transaction; on refusal it fills an op_error_t — what kind of refusal, a stable
 * code, the field at fault and the text in Vietnamese and English — that each caller
 * renders its own way: a JSON error with the HTTP status of its kind (api/op_reply.c),
 * one line on stderr, or "line L, column C: ..." in an import report.
 */
#ifndef THADS_OPS_OP_H
#define THADS_OPS_OP_H

#include "core/message.h"
#include "store/db.h"

#include <stddef.h>

/* The kinds of refusal. 0 is success, so an operation returns its kind: `if (rc != 0)`. */
typedef enum {
    OP_OK = 0,
    OP_INVALID,       /* a field is missing or malformed */
    OP_NOT_FOUND,     /* what it names does not exist (or is outside the caller's scope) */
    OP_CONFLICT,      /* the state of things does not allow it: a transition, a duplicate */
    OP_UNPROCESSABLE, /* well formed, but against a rule: dates out of order, a wrong unit */
    OP_LIMITED,       /* too many attempts: wait and try again */
    OP_UNAVAILABLE,   /* the database is busy or unreachable: try again */
    OP_INTERNAL       /* out of memory, a store failure: logged */
} op_status_t;

typedef struct {
    op_status_t status;
    char code[40];  /* stable machine code: "duplicate_code", "cycle", ... */
    char field[48]; /* the input field at fault, "" if none */
    char en[256];
    char vi[320];
    int from_db; /* op_fail_db: a store failure, counted as one in /metrics */
} op_error_t;

/* Fill e (messages copied as they are) and return status. */
int op_fail(op_error_t *e, op_status_t status, const char *code, const char *field, const char *en,
            const char *vi);
/* Fill e with the catalogue's entry msg (core/message.h: its code and texts, each "%s"
 * replaced by the next of args) and return status. */
int op_refuse(op_error_t *e, op_status_t status, message_id_t msg, const char *field);
int op_refuse_with(op_error_t *e, op_status_t status, message_id_t msg, const char *field,
                   const char *const *args, size_t nargs);
/* A store failure: OP_UNAVAILABLE when the database is busy or unreachable, OP_INTERNAL
 * otherwise; logged. */
int op_fail_db(op_error_t *e, db_t *db);
/* Out of memory: OP_INTERNAL. */
int op_fail_nomem(op_error_t *e);
/* A text field: 0 when s is one valid UTF-8 line of at most max characters (a text of 500
 * and more may hold line breaks), or absent and not required; else OP_INVALID in e
 * ("required" or "invalid_text", naming field). */
int op_check_text(op_error_t *e, const char *field, const char *s, size_t max, int required);
/* 1 for the refusals that are the caller's (invalid ... limited), 0 for OK and for the
 * failures of the system (unavailable, internal). */
int op_is_refusal(int status);

#endif

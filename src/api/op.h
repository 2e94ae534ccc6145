/*
 * api/op.h — the outcome of an operation that HTTP handlers, CLI commands and
 * importers share (create a unit, add a user, ...). An operation validates, applies
 * the rules and writes through store/, inside the caller's transaction; on refusal
 * it fills an op_error_t that each caller renders its own way: a JSON error, one
 * line on stderr, or "line L, column C: ..." in an import report.
 */
#ifndef THADS_API_OP_H
#define THADS_API_OP_H

#include "http/http.h"

typedef struct {
    int status;     /* the HTTP status it maps to: 400, 404, 409, 422, 500, 503 */
    char code[40];  /* stable machine code: "duplicate_code", "cycle", ... */
    char field[48]; /* the input field at fault, "" if none */
    char en[256];
    char vi[320];
    int from_db; /* op_fail_db: a store failure, counted as one in /metrics */
} op_error_t;

/* Fill e (messages copied as they are) and return status. */
int op_fail(op_error_t *e, int status, const char *code, const char *field, const char *en,
            const char *vi);
/* A store failure: 503 when the database is busy or unreachable, 500 otherwise. */
int op_fail_db(op_error_t *e, db_t *db);
/* Answer a request with e as the JSON error body. */
int api_reply_op_error(http_request_t *req, const op_error_t *e);

#endif

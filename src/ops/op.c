#include "ops/op.h"
#include "core/log_escape.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

int op_fail(op_error_t *e, op_status_t status, const char *code, const char *field, const char *en,
            const char *vi)
{
    e->status = status;
    snprintf(e->code, sizeof e->code, "%s", code);
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    snprintf(e->en, sizeof e->en, "%s", en);
    snprintf(e->vi, sizeof e->vi, "%s", vi);
    e->from_db = 0;
    return status;
}

int op_refuse_with(op_error_t *e, op_status_t status, message_id_t msg, const char *field,
                   const char *const *args, size_t nargs)
{
    e->status = status;
    snprintf(e->code, sizeof e->code, "%s", message_get(msg)->code);
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    message_format(msg, e->en, sizeof e->en, e->vi, sizeof e->vi, args, nargs);
    e->from_db = 0;
    return status;
}

int op_refuse(op_error_t *e, op_status_t status, message_id_t msg, const char *field)
{
    return op_refuse_with(e, status, msg, field, NULL, 0);
}

int op_fail_db(op_error_t *e, db_t *db)
{
    int unavailable =
        strncmp(db_sqlstate(db), "08", 2) == 0 || strcmp(db_sqlstate(db), "40001") == 0;
    char msg[512];

    /* the database's message may quote a value the client sent, newlines included */
    fprintf(stderr, "thads: database error: [%s] %s\n", db_sqlstate(db),
            log_escape(msg, sizeof msg, db_errmsg(db)));
    if (unavailable)
        op_refuse(e, OP_UNAVAILABLE, MSG_DB_UNAVAILABLE, NULL);
    else
        op_refuse(e, OP_INTERNAL, MSG_INTERNAL_LOGGED, NULL);
    e->from_db = 1;
    return e->status;
}

int op_fail_nomem(op_error_t *e)
{
    return op_refuse(e, OP_INTERNAL, MSG_OUT_OF_MEMORY, NULL);
}

int op_is_refusal(int status)
{
    return status >= OP_INVALID && status <= OP_LIMITED;
}

int op_check_text(op_error_t *e, const char *field, const char *s, size_t max, int required)
{
    char en[160], vi[200];

    if (s == NULL || s[0] == '\0') {
        if (!required)
            return 0;
        snprintf(en, sizeof en, "%s is required.", field);
        snprintf(vi, sizeof vi, "Thiếu %s.", field);
        return op_fail(e, OP_INVALID, "required", field, en, vi);
    }
    /* one line of at most max characters; a long text (500 and more) may hold line breaks */
    if (text_check_line(s, max) != TEXT_OK &&
        (max < 500 || !text_is_utf8(s) || text_chars(s) > max)) {
        snprintf(en, sizeof en, "%s is not a valid text of at most %zu characters.", field, max);
        snprintf(vi, sizeof vi, "%s không hợp lệ hoặc dài quá %zu ký tự.", field, max);
        return op_fail(e, OP_INVALID, "invalid_text", field, en, vi);
    }
    return 0;
}

#include "ops/op.h"

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

int op_fail_db(op_error_t *e, db_t *db)
{
    int unavailable =
        strncmp(db_sqlstate(db), "08", 2) == 0 || strcmp(db_sqlstate(db), "40001") == 0;

    fprintf(stderr, "thads: database error: [%s] %s\n", db_sqlstate(db), db_errmsg(db));
    if (unavailable)
        op_fail(e, OP_UNAVAILABLE, "db_unavailable", NULL,
                "The database is busy or unreachable; try again.",
                "Cơ sở dữ liệu đang bận hoặc không truy cập được; hãy thử lại.");
    else
        op_fail(e, OP_INTERNAL, "internal", NULL, "Internal error; it has been logged.",
                "Lỗi hệ thống; lỗi đã được ghi nhận.");
    e->from_db = 1;
    return e->status;
}

int op_fail_nomem(op_error_t *e)
{
    return op_fail(e, OP_INTERNAL, "internal", NULL, "Out of memory.", "Hết bộ nhớ.");
}

int op_is_refusal(int status)
{
    return status >= OP_INVALID && status <= OP_LIMITED;
}

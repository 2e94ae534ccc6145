/*
 * ops/admin_judgment_ops.c — the monitoring of administrative judgments
 * (ops/admin_judgment_ops.h).
 */
#include "ops/admin_judgment_ops.h"
#include "core/unit.h"
#include "store/units.h"

#include <stdio.h>
#include <string.h>

/* Judgments are monitored by an enforcement agency, not a camp nor a department of the
 * ministry that runs no cases. */
static int check_agency(db_t *db, int64_t unit_id, civil_date_t today, op_error_t *err)
{
    const unit_kind_t *k;
    unit_row_t u;
    int rc = units_get(db, unit_id, today, &u);

    if (rc == DB_DONE)
        return op_fail(err, OP_NOT_FOUND, "not_found", "unit_id", "No such unit.",
                       "Không có đơn vị này.");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    k = unit_kind_find(u.kind);
    if (k == NULL || !k->enforcement)
        return op_fail(err, OP_UNPROCESSABLE, "not_an_agency", "unit_id",
                       "Judgments are monitored by an enforcement agency.",
                       "Bản án do cơ quan thi hành án dân sự theo dõi.");
    return 0;
}

int aj_op_register(db_t *db, const aj_input_t *in, int64_t actor, civil_date_t today, int64_t now,
                   int64_t *id, op_error_t *err)
{
    aj_row_t j = {.unit_id = in->unit_id,
                  .judgment_date = in->judgment_date,
                  .received_on = in->received_on,
                  .created_by = actor,
                  .created_at = now};
    int rc;

    if ((rc = op_check_text(err, "judgment_no", in->judgment_no, AJ_NO_MAX, 1)) != 0 ||
        (rc = op_check_text(err, "court", in->court, AJ_COURT_MAX, 1)) != 0 ||
        (rc = op_check_text(err, "respondent", in->respondent, AJ_PARTY_MAX, 1)) != 0 ||
        (rc = op_check_text(err, "applicant", in->applicant, AJ_PARTY_MAX, 1)) != 0 ||
        (rc = op_check_text(err, "content", in->content, AJ_CONTENT_MAX, 1)) != 0)
        return rc;
    if (in->judgment_date == CIVIL_DATE_INVALID)
        return op_fail(err, OP_INVALID, "required", "judgment_date", "judgment_date is required.",
                       "Thiếu ngày bản án.");
    if (in->received_on == CIVIL_DATE_INVALID)
        return op_fail(err, OP_INVALID, "required", "received_on", "received_on is required.",
                       "Thiếu ngày nhận bản án.");
    if (in->received_on > today || in->judgment_date > today)
        return op_fail(err, OP_UNPROCESSABLE, "date_in_future",
                       in->received_on > today ? "received_on" : "judgment_date",
                       "The date is after today.", "Ngày ghi sau ngày hôm nay.");
    if (in->received_on < in->judgment_date)
        return op_fail(err, OP_UNPROCESSABLE, "date_out_of_order", "received_on",
                       "The judgment cannot be received before it was given.",
                       "Ngày nhận bản án không thể trước ngày tuyên án.");
    if ((rc = check_agency(db, in->unit_id, today, err)) != 0)
        return rc;
    snprintf(j.judgment_no, sizeof j.judgment_no, "%s", in->judgment_no);
    snprintf(j.court, sizeof j.court, "%s", in->court);
    snprintf(j.respondent, sizeof j.respondent, "%s", in->respondent);
    snprintf(j.applicant, sizeof j.applicant, "%s", in->applicant);
    snprintf(j.content, sizeof j.content, "%s", in->content);
    rc = aj_insert(db, &j, id);
    if (rc == DB_CONSTRAINT)
        return op_fail(err, OP_CONFLICT, "duplicate", "judgment_no",
                       "This unit monitors that judgment already.",
                       "Đơn vị đã theo dõi bản án này.");
    return rc == DB_OK ? 0 : op_fail_db(err, db);
}

static int refuse_step(op_error_t *err, aj_refusal_t why)
{
    switch (why) {
    case AJ_IN_FUTURE:
        return op_fail(err, OP_UNPROCESSABLE, "date_in_future", "occurred_on",
                       "The date is after today.", "Ngày ghi sau ngày hôm nay.");
    case AJ_BEFORE_LAST:
        return op_fail(err, OP_UNPROCESSABLE, "date_out_of_order", "occurred_on",
                       "The date is before the judgment's receipt or its last step.",
                       "Ngày ghi trước ngày nhận bản án hoặc trước bước đã ghi gần nhất.");
    case AJ_CLOSED:
        return op_fail(err, OP_CONFLICT, "monitoring_closed", "kind",
                       "The judgment has been complied with: its monitoring is over.",
                       "Bản án đã được thi hành xong, đã kết thúc theo dõi.");
    case AJ_COMPELLED_TWICE:
        return op_fail(err, OP_CONFLICT, "compelled_already", "kind",
                       "The court's decision compelling compliance is recorded already.",
                       "Đã ghi quyết định buộc thi hành án hành chính.");
    case AJ_OK:
        break;
    }
    return 0;
}

int aj_op_step(db_t *db, int64_t id, int step, civil_date_t on, const char *document_no,
               const char *note, int64_t actor, civil_date_t today, int64_t now, op_error_t *err)
{
    aj_row_t j;
    aj_step_row_t s = {
        .judgment_id = id, .occurred_on = on, .recorded_by = actor, .recorded_at = now};
    aj_dates_t d;
    int rc;

    if (step < 0 || step >= AJ_STEP_COUNT)
        return op_fail(err, OP_INVALID, "invalid_value", "kind",
                       "kind: reminded, compelled, completed or note.",
                       "kind: reminded, compelled, completed hoặc note.");
    if (on == CIVIL_DATE_INVALID)
        return op_fail(err, OP_INVALID, "required", "occurred_on", "occurred_on is required.",
                       "Thiếu ngày.");
    if ((rc = op_check_text(err, "document_no", document_no, AJ_NO_MAX, 0)) != 0 ||
        (rc = op_check_text(err, "note", note, AJ_CONTENT_MAX, step == AJ_STEP_NOTE)) != 0)
        return rc;
    rc = aj_get(db, id, &j);
    if (rc == DB_DONE)
        return op_fail(err, OP_NOT_FOUND, "not_found", NULL, "No such judgment.",
                       "Không có bản án này.");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    d = (aj_dates_t){j.received_on, j.reminded_on, j.compelled_on, j.completed_on,
                     j.last_on != CIVIL_DATE_INVALID ? j.last_on : j.received_on};
    if ((rc = refuse_step(err, aj_check_step(&d, (aj_step_t)step, on, today))) != 0)
        return rc;
    aj_apply_step(&d, (aj_step_t)step, on);
    j.reminded_on = d.reminded_on;
    j.compelled_on = d.compelled_on;
    j.completed_on = d.completed_on;
    snprintf(s.kind, sizeof s.kind, "%s", aj_step_code((aj_step_t)step));
    snprintf(s.document_no, sizeof s.document_no, "%s", document_no ? document_no : "");
    snprintf(s.note, sizeof s.note, "%s", note ? note : "");
    rc = aj_append_step(db, &j, &s);
    if (rc == DB_CONSTRAINT) /* another step was recorded meanwhile */
        return op_fail(err, OP_CONFLICT, "concurrent_change", NULL,
                       "The judgment changed meanwhile; reload it and try again.",
                       "Bản án vừa được cập nhật; hãy tải lại và thử lại.");
    return rc == DB_OK ? 0 : op_fail_db(err, db);
}

/*
 * core/admin_judgment.c — the monitoring of administrative judgments (core/admin_judgment.h).
 */
#include "core/admin_judgment.h"

#include <string.h>

static const char *const codes[AJ_STEP_COUNT] = {"reminded", "compelled", "completed", "note"};
static const char *const names_vi[AJ_STEP_COUNT] = {
    "Văn bản đôn đốc", "Quyết định buộc thi hành án hành chính", "Đã thi hành xong", "Ghi chú"};

const char *aj_step_code(aj_step_t s)
{
    return (unsigned)s < AJ_STEP_COUNT ? codes[s] : NULL;
}

int aj_step_parse(const char *code)
{
    for (int i = 0; code != NULL && i < AJ_STEP_COUNT; i++)
        if (strcmp(codes[i], code) == 0)
            return i;
    return -1;
}

const char *aj_step_vi(aj_step_t s)
{
    return (unsigned)s < AJ_STEP_COUNT ? names_vi[s] : "";
}

aj_refusal_t aj_check_step(const aj_dates_t *d, aj_step_t s, civil_date_t on, civil_date_t today)
{
    if (on > today)
        return AJ_IN_FUTURE;
    /* a history is never reordered: a step recorded late keeps its date, after the others */
    if (on < d->received_on || on < d->last_on)
        return AJ_BEFORE_LAST;
    if (d->completed_on != CIVIL_DATE_INVALID)
        return AJ_CLOSED;
    if (s == AJ_STEP_COMPELLED && d->compelled_on != CIVIL_DATE_INVALID)
        return AJ_COMPELLED_TWICE;
    return AJ_OK;
}

void aj_apply_step(aj_dates_t *d, aj_step_t s, civil_date_t on)
{
    d->last_on = on;
    if (s == AJ_STEP_REMINDED && d->reminded_on == CIVIL_DATE_INVALID)
        d->reminded_on = on;
    else if (s == AJ_STEP_COMPELLED)
        d->compelled_on = on;
    else if (s == AJ_STEP_COMPLETED)
        d->completed_on = on;
}

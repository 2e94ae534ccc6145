/*
 * ops/case_payload.c — an event's payload: what the event input carries beyond its type,
 * date and document, as the JSON stored (and hashed) with the event. Written when an event
 * is recorded (ops/case_work.c), read back when `thads fsck` replays it
 * (ops/case_replay.c): one place knows its fields.
 */
#include "ops/case_internal.h"

#include <jansson.h>
#include <stdio.h>

char *case_event_payload_write(const case_event_input_t *in)
{
    json_t *p = json_object();
    char *s;

    if (in->type == CASE_EVENT_VERIFICATION_RECORDED)
        json_object_set_new(p, "result", json_string(case_verify_code(in->verify)));
    if (in->type == CASE_EVENT_ASSIGNED)
        json_object_set_new(p, "officer_user_id", json_integer(in->officer_user_id));
    if (in->type == CASE_EVENT_MONEY_COLLECTED || in->type == CASE_EVENT_MONEY_PAID ||
        in->type == CASE_EVENT_MONEY_VOIDED || in->type == CASE_EVENT_PRICE_REDUCED ||
        in->type == CASE_EVENT_PAYOUT_APPROVED || in->type == CASE_EVENT_MONEY_DEPOSITED)
        json_object_set_new(p, "amount_vnd", json_integer(in->amount_vnd));
    if (in->type == CASE_EVENT_CORRECTED || in->type == CASE_EVENT_MONEY_VOIDED)
        json_object_set_new(p, "corrects_seq", json_integer(in->corrects_seq));
    if (in->type == CASE_EVENT_COMPLAINT_DECIDED && in->complaint_seq >= 0)
        json_object_set_new(p, "complaint_seq", json_integer(in->complaint_seq));
    if (in->reason != NULL && in->reason[0] != '\0')
        json_object_set_new(p, "reason", json_string(in->reason));
    if (in->ground_on != 0 && in->ground_on != CIVIL_DATE_INVALID) {
        char on[11];
        civil_date_format(in->ground_on, on);
        json_object_set_new(p, "ground_on", json_string(on));
    }
    if (in->reverify_yearly)
        json_object_set_new(p, "reverify_yearly", json_true());
    if (in->service_by_posting)
        json_object_set_new(p, "service_by_posting", json_true());
    /* the facts of issue 12's steps (deadlines D16, D28, D29, D35, the coercion blackout) */
    if (in->real_estate)
        json_object_set_new(p, "real_estate", json_true());
    if (in->previous_price_vnd != 0)
        json_object_set_new(p, "previous_price_vnd", json_integer(in->previous_price_vnd));
    if (in->protest_request)
        json_object_set_new(p, "protest_request", json_true());
    if (in->coercion_on != 0 && in->coercion_on != CIVIL_DATE_INVALID) {
        char on[11];
        civil_date_format(in->coercion_on, on);
        json_object_set_new(p, "coercion_on", json_string(on));
    }
    if (in->mobilizing_forces)
        json_object_set_new(p, "mobilizing_forces", json_true());
    if (in->complaint != CASE_COMPLAINT_NONE)
        json_object_set_new(p, "complaint_about", json_string(case_complaint_code(in->complaint)));
    s = json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(p);
    return s;
}

int case_event_payload_read(const char *text, case_event_input_t *in, char *reason,
                            size_t reason_len)
{
    json_t *p = json_loads(text, 0, NULL), *v;

    if (p == NULL)
        return -1;
    if ((v = json_object_get(p, "result")) != NULL) {
        int verify = case_verify_parse(json_string_value(v));
        in->verify = verify < 0 ? VERIFY_COUNT : (verify_result_t)verify;
    }
    in->officer_user_id = json_integer_value(json_object_get(p, "officer_user_id"));
    in->amount_vnd = json_integer_value(json_object_get(p, "amount_vnd"));
    in->corrects_seq = json_integer_value(json_object_get(p, "corrects_seq"));
    reason[0] = '\0';
    if ((v = json_object_get(p, "reason")) != NULL)
        snprintf(reason, reason_len, "%s", json_string_value(v));
    if ((v = json_object_get(p, "ground_on")) != NULL &&
        civil_date_parse(json_string_value(v), &in->ground_on) != 0)
        in->ground_on = CIVIL_DATE_INVALID;
    in->reverify_yearly = json_is_true(json_object_get(p, "reverify_yearly"));
    in->service_by_posting = json_is_true(json_object_get(p, "service_by_posting"));
    in->real_estate = json_is_true(json_object_get(p, "real_estate"));
    in->previous_price_vnd = json_integer_value(json_object_get(p, "previous_price_vnd"));
    in->protest_request = json_is_true(json_object_get(p, "protest_request"));
    if ((v = json_object_get(p, "coercion_on")) != NULL &&
        civil_date_parse(json_string_value(v), &in->coercion_on) != 0)
        in->coercion_on = CIVIL_DATE_INVALID;
    in->mobilizing_forces = json_is_true(json_object_get(p, "mobilizing_forces"));
    if ((v = json_object_get(p, "complaint_about")) != NULL) {
        int k = case_complaint_parse(json_string_value(v));
        in->complaint = k < 0 ? CASE_COMPLAINT_COUNT : (case_complaint_t)k;
    }
    /* a decision stored before decisions named their complaint met every one pending */
    if (in->type == CASE_EVENT_COMPLAINT_DECIDED)
        in->complaint_seq = (v = json_object_get(p, "complaint_seq")) != NULL
                                ? json_integer_value(v)
                                : CASE_COMPLAINTS_EVERY;
    json_decref(p);
    return 0;
}

/*
 * core/case_next.c — the next legal steps of a case (see case_next.h).
 *
 * Asks case_transition for every event: CASE_EVENT_COUNT x VERIFY_COUNT table lookups,
 * a few hundred comparisons per case page, far below anything worth caching.
 */
#include "core/case_next.h"

#include <stddef.h>

static int allowed_in(case_state_t s, case_event_t e)
{
    case_state_t next;

    if (e != CASE_EVENT_VERIFICATION_RECORDED)
        return case_transition(s, e, VERIFY_NONE, &next, NULL, NULL) == 0;
    for (int v = VERIFY_ELIGIBLE; v < VERIFY_COUNT; v++)
        if (case_transition(s, e, (verify_result_t)v, &next, NULL, NULL) == 0)
            return 1;
    return 0;
}

int case_next_events(case_state_t s, int on_application, int64_t coercions_pending,
                     case_event_t *out)
{
    int n = 0;

    if ((unsigned)s >= CASE_STATE_COUNT)
        return 0;
    for (int e = 0; e < CASE_EVENT_COUNT; e++) {
        case_state_t first;
        /* LAW: Art 31, 51 — only an application can be refused or returned */
        if (!on_application && (e == CASE_EVENT_REFUSED || e == CASE_EVENT_APPLICATION_RETURNED))
            continue;
        /* THADS.md 5.3: each outcome answers one pending decision (core/case_engine.c) */
        if (coercions_pending <= 0 &&
            (e == CASE_EVENT_COERCION_CARRIED_OUT || e == CASE_EVENT_COERCION_PAID_VOLUNTARILY))
            continue;
        if (case_start((case_event_t)e, &first, NULL, NULL) == 0)
            continue;
        if (allowed_in(s, (case_event_t)e))
            out[n++] = (case_event_t)e;
    }
    return n;
}

/*
 * tests/core/test_case_next.c — the next legal steps a case page offers (issue 13):
 * exactly the events case_transition would let through, less those only an application
 * allows on a case opened ex officio, and a coercion's outcome without a pending decision.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/case_next.h"

static int has(const case_event_t *list, int n, case_event_t e)
{
    for (int i = 0; i < n; i++)
        if (list[i] == e)
            return 1;
    return 0;
}

static void test_received_case(void **state)
{
    case_event_t next[CASE_EVENT_COUNT];
    int n;
    (void)state;

    n = case_next_events(CASE_STATE_RECEIVED, 1, 1, next);
    assert_true(has(next, n, CASE_EVENT_DECIDED));
    assert_true(has(next, n, CASE_EVENT_REFUSED));
    assert_false(has(next, n, CASE_EVENT_NOTIFIED));
    assert_false(has(next, n, CASE_EVENT_RECEIVED)); /* creation events never follow */
    assert_false(has(next, n, CASE_EVENT_ENTRUSTMENT_RECEIVED));
    /* ex officio: nothing to refuse or return (Art 31, 51) */
    n = case_next_events(CASE_STATE_RECEIVED, 0, 1, next);
    assert_true(has(next, n, CASE_EVENT_DECIDED));
    assert_false(has(next, n, CASE_EVENT_REFUSED));
    assert_false(has(next, n, CASE_EVENT_APPLICATION_RETURNED));
}

static void test_every_state_agrees_with_the_transition_table(void **state)
{
    case_event_t next[CASE_EVENT_COUNT];
    case_state_t to;
    (void)state;

    for (int s = 0; s < CASE_STATE_COUNT; s++) {
        int n = case_next_events((case_state_t)s, 1, 1, next);
        for (int e = 0; e < CASE_EVENT_COUNT; e++) {
            int any = 0;
            if (e == CASE_EVENT_RECEIVED || e == CASE_EVENT_ENTRUSTMENT_RECEIVED)
                continue;
            for (int v = VERIFY_NONE; v < VERIFY_COUNT; v++)
                any |= case_transition((case_state_t)s, (case_event_t)e, (verify_result_t)v, &to,
                                       NULL, NULL) == 0;
            if (any != has(next, n, (case_event_t)e))
                fail_msg("state %s, event %s: listed %d, allowed %d",
                         case_state_code((case_state_t)s), case_event_code((case_event_t)e),
                         has(next, n, (case_event_t)e), any);
        }
        for (int i = 1; i < n; i++)
            assert_true(next[i - 1] < next[i]);
    }
    /* a completed case takes only a correction, a note, and a complaint (which may be
     * about the decision that closed it) and the decision on it */
    assert_int_equal(case_next_events(CASE_STATE_COMPLETED, 1, 1, next), 4);
    assert_int_equal(next[0], CASE_EVENT_CORRECTED);
    assert_int_equal(next[1], CASE_EVENT_NOTE);
    assert_int_equal(next[2], CASE_EVENT_COMPLAINT_RECEIVED);
    assert_int_equal(next[3], CASE_EVENT_COMPLAINT_DECIDED);
    assert_int_equal(case_next_events(CASE_STATE_COUNT, 1, 1, next), 0);
}

/* The outcome of a coercion decision is offered only while one is pending: with none,
 * recording it is refused (no_coercion_pending), so the form must not offer it. */
static void test_coercion_outcome_needs_a_pending_decision(void **state)
{
    case_event_t next[CASE_EVENT_COUNT];
    int offered = 0;
    (void)state;

    for (int s = 0; s < CASE_STATE_COUNT; s++) {
        case_event_t none[CASE_EVENT_COUNT];
        int n = case_next_events((case_state_t)s, 1, 1, next);
        int k = case_next_events((case_state_t)s, 1, 0, none);

        offered |= has(next, n, CASE_EVENT_COERCION_CARRIED_OUT);
        for (int e = 0; e < CASE_EVENT_COUNT; e++) {
            int outcome =
                e == CASE_EVENT_COERCION_CARRIED_OUT || e == CASE_EVENT_COERCION_PAID_VOLUNTARILY;
            /* without a pending decision: the same list less the two outcomes */
            assert_int_equal(has(none, k, (case_event_t)e),
                             outcome ? 0 : has(next, n, (case_event_t)e));
        }
    }
    assert_true(offered); /* some state allows it when one is pending */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_received_case),
        cmocka_unit_test(test_coercion_outcome_needs_a_pending_decision),
        cmocka_unit_test(test_every_state_agrees_with_the_transition_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

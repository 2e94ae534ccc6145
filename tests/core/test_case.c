/*
 * tests/core/test_case.c — unit tests for core/case.c.
 *
 * The heart is an exhaustive check: every (state, event, verification result) triple
 * against an expected table written here in another form than case.c's rows — per
 * event, the list of "from>to" moves by state code — so that a change to either side
 * fails until both agree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/case.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Written into *next before a call that must fail: failures never write it. */
#define UNTOUCHED ((case_state_t)0x5A5A)

/* Per event (and, for verification_recorded, per result): the allowed moves, as
 * space-separated "from>to" by state code; a bare "from" means the event is allowed
 * there and leaves the state as it is. Any state not listed refuses the event. */
static const struct {
    case_event_t e;
    verify_result_t v;
    const char *moves;
} expected[] = {
    {CASE_EVENT_RECEIVED, VERIFY_NONE, ""},
    {CASE_EVENT_REFUSED, VERIFY_NONE, "received>refused"},
    {CASE_EVENT_DECIDED, VERIFY_NONE, "received>decided"},
    {CASE_EVENT_ASSIGNED, VERIFY_NONE,
     "received decided voluntary_period verifying enforcing not_eligible postponed suspended"},
    {CASE_EVENT_NOTIFIED, VERIFY_NONE, "decided>voluntary_period"},
    {CASE_EVENT_VOLUNTARY_PERIOD_ENDED, VERIFY_NONE, "voluntary_period>verifying"},
    {CASE_EVENT_VERIFICATION_RECORDED, VERIFY_NONE, ""},
    {CASE_EVENT_VERIFICATION_RECORDED, VERIFY_ELIGIBLE,
     "verifying>enforcing not_eligible>enforcing"},
    {CASE_EVENT_VERIFICATION_RECORDED, VERIFY_NOT_ELIGIBLE,
     "verifying>not_eligible not_eligible>not_eligible"},
    {CASE_EVENT_VERIFICATION_RECORDED, VERIFY_INCONCLUSIVE, "verifying not_eligible"},
    {CASE_EVENT_CLASSIFIED_ELIGIBLE, VERIFY_NONE, "verifying>enforcing not_eligible>enforcing"},
    {CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, VERIFY_NONE,
     "verifying>not_eligible not_eligible>not_eligible enforcing>not_eligible"},
    {CASE_EVENT_POSTPONED, VERIFY_NONE,
     "decided>postponed voluntary_period>postponed verifying>postponed enforcing>postponed "
     "not_eligible>postponed"},
    {CASE_EVENT_POSTPONEMENT_LIFTED, VERIFY_NONE, "postponed>enforcing"},
    {CASE_EVENT_SUSPENDED, VERIFY_NONE,
     "decided>suspended voluntary_period>suspended verifying>suspended enforcing>suspended "
     "not_eligible>suspended postponed>suspended"},
    {CASE_EVENT_RESUMED, VERIFY_NONE, "suspended>enforcing"},
    {CASE_EVENT_TERMINATED, VERIFY_NONE,
     "decided>terminated voluntary_period>terminated verifying>terminated "
     "enforcing>terminated not_eligible>terminated postponed>terminated suspended>terminated"},
    {CASE_EVENT_ENTRUSTED_OUT, VERIFY_NONE,
     "decided>entrusted_out voluntary_period>entrusted_out verifying>entrusted_out "
     "enforcing>entrusted_out not_eligible>entrusted_out postponed>entrusted_out "
     "suspended>entrusted_out"},
    {CASE_EVENT_ENTRUSTMENT_RECEIVED, VERIFY_NONE, ""},
    {CASE_EVENT_MEASURE_APPLIED, VERIFY_NONE,
     "decided>enforcing voluntary_period>enforcing verifying>enforcing "
     "not_eligible>enforcing enforcing>enforcing"},
    {CASE_EVENT_MONEY_COLLECTED, VERIFY_NONE,
     "received decided voluntary_period verifying enforcing not_eligible postponed suspended"},
    {CASE_EVENT_MONEY_PAID, VERIFY_NONE,
     "received decided voluntary_period verifying enforcing not_eligible postponed suspended"},
    {CASE_EVENT_MONEY_VOIDED, VERIFY_NONE,
     "received decided voluntary_period verifying enforcing not_eligible postponed suspended"},
    {CASE_EVENT_COMPLETED, VERIFY_NONE, "voluntary_period>completed enforcing>completed"},
    {CASE_EVENT_APPLICATION_RETURNED, VERIFY_NONE,
     "decided>returned voluntary_period>returned verifying>returned enforcing>returned "
     "not_eligible>returned postponed>returned suspended>returned"},
    {CASE_EVENT_REVOKED, VERIFY_NONE,
     "decided>revoked voluntary_period>revoked verifying>revoked enforcing>revoked "
     "not_eligible>revoked postponed>revoked suspended>revoked"},
    {CASE_EVENT_CORRECTED, VERIFY_NONE,
     "received decided voluntary_period verifying enforcing not_eligible postponed suspended "
     "refused completed terminated returned entrusted_out revoked"},
    {CASE_EVENT_NOTE, VERIFY_NONE,
     "received decided voluntary_period verifying enforcing not_eligible postponed suspended "
     "refused completed terminated returned entrusted_out revoked"},
    /* issue 12: the steps behind the deadlines that had no event */
    {CASE_EVENT_SENT_TO_PROCURACY, VERIFY_NONE,
     "decided voluntary_period verifying enforcing not_eligible postponed suspended"},
    {CASE_EVENT_FROZEN_ON_THE_SPOT, VERIFY_NONE,
     "decided>enforcing voluntary_period>enforcing verifying>enforcing "
     "not_eligible>enforcing enforcing>enforcing"},
    {CASE_EVENT_FREEZE_DECIDED, VERIFY_NONE,
     "decided>enforcing voluntary_period>enforcing verifying>enforcing "
     "not_eligible>enforcing enforcing>enforcing"},
    {CASE_EVENT_SEIZED, VERIFY_NONE,
     "verifying>enforcing not_eligible>enforcing enforcing>enforcing"},
    {CASE_EVENT_VALUATION_CONTRACTED, VERIFY_NONE, "enforcing"},
    {CASE_EVENT_VALUATION_NOTIFIED, VERIFY_NONE, "enforcing"},
    {CASE_EVENT_AUCTION_CONTRACTED, VERIFY_NONE, "enforcing"},
    {CASE_EVENT_AUCTION_HELD, VERIFY_NONE, "enforcing"},
    {CASE_EVENT_AUCTION_FAILED, VERIFY_NONE, "enforcing"},
    {CASE_EVENT_PRICE_REDUCED, VERIFY_NONE, "enforcing"},
    {CASE_EVENT_COMPLAINT_RECEIVED, VERIFY_NONE,
     "received decided voluntary_period verifying enforcing not_eligible postponed suspended "
     "refused completed terminated returned entrusted_out revoked"},
    {CASE_EVENT_COMPLAINT_DECIDED, VERIFY_NONE,
     "received decided voluntary_period verifying enforcing not_eligible postponed suspended "
     "refused completed terminated returned entrusted_out revoked"},
    {CASE_EVENT_COERCION_SCHEDULED, VERIFY_NONE, "enforcing"},
    /* issue 15: what became of a coercion decision */
    {CASE_EVENT_COERCION_CARRIED_OUT, VERIFY_NONE, "enforcing"},
    {CASE_EVENT_COERCION_PAID_VOLUNTARILY, VERIFY_NONE,
     "decided voluntary_period verifying enforcing not_eligible postponed suspended"},
    /* issue 14: the head's approval of a payout, on a case that can hold money */
    {CASE_EVENT_PAYOUT_APPROVED, VERIFY_NONE,
     "received decided voluntary_period verifying enforcing not_eligible postponed suspended"},
    {CASE_EVENT_MONEY_DEPOSITED, VERIFY_NONE,
     "received decided voluntary_period verifying enforcing not_eligible postponed suspended"},
};

/* want[s][e][v]: the expected next state, or -1 for a refusal. */
static int want[CASE_STATE_COUNT][CASE_EVENT_COUNT][VERIFY_COUNT];

static int state_of(const char *code, size_t n)
{
    char buf[64];
    assert_true(n > 0 && n < sizeof buf);
    memcpy(buf, code, n);
    buf[n] = '\0';
    int s = case_state_parse(buf);
    if (s < 0)
        fail_msg("expected table names unknown state '%s'", buf);
    return s;
}

/* Expand `expected` into want[][][]. For every event but verification_recorded the
 * result is ignored, so its moves apply to every v. */
static void build_want(void)
{
    int seen[CASE_EVENT_COUNT][VERIFY_COUNT] = {{0}};

    for (int s = 0; s < CASE_STATE_COUNT; s++)
        for (int e = 0; e < CASE_EVENT_COUNT; e++)
            for (int v = 0; v < VERIFY_COUNT; v++)
                want[s][e][v] = -1;

    for (size_t i = 0; i < N_ELEMS(expected); i++) {
        const char *p = expected[i].moves;
        assert_int_equal(seen[expected[i].e][expected[i].v], 0);
        seen[expected[i].e][expected[i].v] = 1;
        while (*p != '\0') {
            while (*p == ' ')
                p++;
            size_t n = strcspn(p, " ");
            const char *gt = memchr(p, '>', n);
            int from = state_of(p, gt ? (size_t)(gt - p) : n);
            int to = gt ? state_of(gt + 1, n - (size_t)(gt - p) - 1) : from;
            int v0 = expected[i].e == CASE_EVENT_VERIFICATION_RECORDED ? (int)expected[i].v : 0;
            int v1 = expected[i].e == CASE_EVENT_VERIFICATION_RECORDED ? (int)expected[i].v
                                                                       : VERIFY_COUNT - 1;
            for (int v = v0; v <= v1; v++) {
                assert_int_equal(want[from][expected[i].e][v], -1); /* listed twice */
                want[from][expected[i].e][v] = to;
            }
            p += n;
        }
    }
    /* The table covers every event (and every result of a verification). */
    for (int e = 0; e < CASE_EVENT_COUNT; e++) {
        if (e == CASE_EVENT_VERIFICATION_RECORDED) {
            for (int v = 0; v < VERIFY_COUNT; v++)
                if (!seen[e][v])
                    fail_msg("expected table lacks verification_recorded/%s",
                             case_verify_code((verify_result_t)v));
        } else if (!seen[e][VERIFY_NONE]) {
            fail_msg("expected table lacks event %s", case_event_code((case_event_t)e));
        }
    }
}

static void test_every_transition_matches_the_expected_table(void **state)
{
    (void)state;
    build_want();
    int allowed = 0, refused = 0;

    for (int s = 0; s < CASE_STATE_COUNT; s++) {
        for (int e = 0; e < CASE_EVENT_COUNT; e++) {
            for (int v = 0; v < VERIFY_COUNT; v++) {
                case_state_t next = UNTOUCHED;
                const char *en = NULL, *vi = NULL;
                int rc = case_transition((case_state_t)s, (case_event_t)e, (verify_result_t)v,
                                         &next, &en, &vi);
                int w = want[s][e][v];
                if (w < 0 && rc == 0)
                    fail_msg("%s --%s/%s--> %s allowed, expected a refusal",
                             case_state_code((case_state_t)s), case_event_code((case_event_t)e),
                             case_verify_code((verify_result_t)v), case_state_code(next));
                if (w >= 0 && rc != 0)
                    fail_msg("%s --%s/%s--> refused (%s), expected %s",
                             case_state_code((case_state_t)s), case_event_code((case_event_t)e),
                             case_verify_code((verify_result_t)v), en ? en : "(null)",
                             case_state_code((case_state_t)w));
                if (w >= 0) {
                    if ((int)next != w)
                        fail_msg("%s --%s/%s--> %s, expected %s", case_state_code((case_state_t)s),
                                 case_event_code((case_event_t)e),
                                 case_verify_code((verify_result_t)v), case_state_code(next),
                                 case_state_code((case_state_t)w));
                    allowed++;
                } else {
                    assert_int_equal(rc, -1);
                    assert_int_equal(next, UNTOUCHED);
                    refused++;
                }
            }
        }
    }
    /* 14 states x 42 events x 4 results. */
    assert_int_equal(allowed + refused, CASE_STATE_COUNT * CASE_EVENT_COUNT * VERIFY_COUNT);
    assert_int_equal(CASE_STATE_COUNT, 14);
    assert_int_equal(CASE_EVENT_COUNT, 42);
}

/* Every refusal explains itself in both languages, naming the state; the ordinary ones
 * also name the event. */
static void test_refusal_reasons_name_state_and_event(void **state)
{
    (void)state;
    for (int s = 0; s < CASE_STATE_COUNT; s++) {
        for (int e = 0; e < CASE_EVENT_COUNT; e++) {
            for (int v = 0; v < VERIFY_COUNT; v++) {
                case_state_t next;
                const char *en = NULL, *vi = NULL;
                if (case_transition((case_state_t)s, (case_event_t)e, (verify_result_t)v, &next,
                                    &en, &vi) == 0)
                    continue;
                assert_non_null(en);
                assert_non_null(vi);
                assert_true(strlen(en) > 0);
                assert_true(strlen(vi) > 0);
                if (e == CASE_EVENT_VERIFICATION_RECORDED && v == VERIFY_NONE &&
                    (s == CASE_STATE_VERIFYING || s == CASE_STATE_NOT_ELIGIBLE)) {
                    /* Allowed here with a result: the reason asks for one. */
                    assert_non_null(strstr(en, "verification result"));
                    assert_non_null(strstr(vi, "Kết quả xác minh"));
                    continue;
                }
                if (strstr(vi, case_state_name_vi((case_state_t)s)) == NULL ||
                    strstr(vi, case_event_name_vi((case_event_t)e)) == NULL)
                    fail_msg("reason_vi '%s' does not name state '%s' and event '%s'", vi,
                             case_state_name_vi((case_state_t)s),
                             case_event_name_vi((case_event_t)e));
                if (strstr(en, case_state_name_en((case_state_t)s)) == NULL ||
                    strstr(en, case_event_name_en((case_event_t)e)) == NULL)
                    fail_msg("reason_en '%s' does not name state '%s' and event '%s'", en,
                             case_state_name_en((case_state_t)s),
                             case_event_name_en((case_event_t)e));
            }
        }
    }
}

static void test_reason_wording(void **state)
{
    (void)state;
    case_state_t next;
    const char *en, *vi;
    assert_int_equal(
        case_transition(CASE_STATE_COMPLETED, CASE_EVENT_POSTPONED, VERIFY_NONE, &next, &en, &vi),
        -1);
    assert_string_equal(en, "A case in state 'Completed' does not allow 'Postponement'.");
    assert_string_equal(vi, "Việc ở trạng thái 'Thi hành xong' không thể 'Hoãn thi hành án'.");
    /* Reason pointers may be NULL. */
    assert_int_equal(
        case_transition(CASE_STATE_COMPLETED, CASE_EVENT_POSTPONED, VERIFY_NONE, &next, NULL, NULL),
        -1);
}

/* A closed case never changes state again; it takes only notes and corrections, and
 * complaints, which may be about the decision that closed it (Art 140). */
static void test_terminal_states_accept_nothing(void **state)
{
    (void)state;
    int nterminal = 0;
    for (int s = 0; s < CASE_STATE_COUNT; s++) {
        if (!case_state_is_terminal((case_state_t)s))
            continue;
        nterminal++;
        for (int e = 0; e < CASE_EVENT_COUNT; e++)
            for (int v = 0; v < VERIFY_COUNT; v++) {
                case_state_t next;
                int records = e == CASE_EVENT_NOTE || e == CASE_EVENT_CORRECTED ||
                              e == CASE_EVENT_COMPLAINT_RECEIVED ||
                              e == CASE_EVENT_COMPLAINT_DECIDED;
                int rc = case_transition((case_state_t)s, (case_event_t)e, (verify_result_t)v,
                                         &next, NULL, NULL);
                if (rc == 0 && (!records || next != (case_state_t)s))
                    fail_msg("terminal state %s accepts %s", case_state_code((case_state_t)s),
                             case_event_code((case_event_t)e));
                if (rc != 0 && records)
                    fail_msg("terminal state %s refuses %s", case_state_code((case_state_t)s),
                             case_event_code((case_event_t)e));
            }
    }
    assert_int_equal(nterminal, 6);
    assert_true(case_state_is_terminal(CASE_STATE_REFUSED));
    assert_true(case_state_is_terminal(CASE_STATE_COMPLETED));
    assert_true(case_state_is_terminal(CASE_STATE_TERMINATED));
    assert_true(case_state_is_terminal(CASE_STATE_RETURNED));
    assert_true(case_state_is_terminal(CASE_STATE_ENTRUSTED_OUT));
    assert_true(case_state_is_terminal(CASE_STATE_REVOKED));
    assert_false(case_state_is_terminal(CASE_STATE_RECEIVED));
    assert_false(case_state_is_terminal(CASE_STATE_NOT_ELIGIBLE));
    assert_false(case_state_is_terminal((case_state_t)CASE_STATE_COUNT));
}

/* Apply events in order from `received`, failing on the first refusal; the final state. */
static case_state_t run(const case_event_t *events, const verify_result_t *results, size_t n)
{
    case_state_t s;
    assert_int_equal(case_start(CASE_EVENT_RECEIVED, &s, NULL, NULL), 0);
    for (size_t i = 0; i < n; i++) {
        const char *en = NULL;
        case_state_t next;
        if (case_transition(s, events[i], results ? results[i] : VERIFY_NONE, &next, &en, NULL) !=
            0)
            fail_msg("step %zu (%s in %s) refused: %s", i, case_event_code(events[i]),
                     case_state_code(s), en);
        s = next;
    }
    return s;
}

static void test_lifecycles(void **state)
{
    (void)state;
    /* Paid within the voluntary period. */
    const case_event_t paid[] = {CASE_EVENT_DECIDED,    CASE_EVENT_ASSIGNED,
                                 CASE_EVENT_NOTIFIED,   CASE_EVENT_MONEY_COLLECTED,
                                 CASE_EVENT_MONEY_PAID, CASE_EVENT_COMPLETED};
    assert_int_equal(run(paid, NULL, N_ELEMS(paid)), CASE_STATE_COMPLETED);

    /* The long road: nothing found, listed as not eligible, assets found on
     * re-verification, postponed, suspended, continued, completed. */
    const case_event_t road[] = {
        CASE_EVENT_DECIDED,
        CASE_EVENT_NOTIFIED,
        CASE_EVENT_VOLUNTARY_PERIOD_ENDED,
        CASE_EVENT_VERIFICATION_RECORDED,
        CASE_EVENT_VERIFICATION_RECORDED,
        CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE,
        CASE_EVENT_VERIFICATION_RECORDED,
        CASE_EVENT_POSTPONED,
        CASE_EVENT_POSTPONEMENT_LIFTED,
        CASE_EVENT_SUSPENDED,
        CASE_EVENT_RESUMED,
        CASE_EVENT_MEASURE_APPLIED,
        CASE_EVENT_COMPLETED,
    };
    const verify_result_t road_v[] = {
        VERIFY_NONE, VERIFY_NONE,     VERIFY_NONE, VERIFY_INCONCLUSIVE, VERIFY_NOT_ELIGIBLE,
        VERIFY_NONE, VERIFY_ELIGIBLE, VERIFY_NONE, VERIFY_NONE,         VERIFY_NONE,
        VERIFY_NONE, VERIFY_NONE,     VERIFY_NONE,
    };
    assert_int_equal(N_ELEMS(road), N_ELEMS(road_v));
    assert_int_equal(run(road, road_v, N_ELEMS(road)), CASE_STATE_COMPLETED);

    /* A protective measure during the voluntary period, then the debtor dies without
     * an estate. */
    const case_event_t frozen[] = {CASE_EVENT_DECIDED, CASE_EVENT_NOTIFIED,
                                   CASE_EVENT_MEASURE_APPLIED, CASE_EVENT_TERMINATED};
    assert_int_equal(run(frozen, NULL, N_ELEMS(frozen)), CASE_STATE_TERMINATED);

    /* A provisional urgent measure: decided, then enforced at once. */
    const case_event_t urgent[] = {CASE_EVENT_DECIDED, CASE_EVENT_MEASURE_APPLIED};
    assert_int_equal(run(urgent, NULL, N_ELEMS(urgent)), CASE_STATE_ENFORCING);
}

static void test_start(void **state)
{
    (void)state;
    case_state_t s = UNTOUCHED;
    const char *en = NULL, *vi = NULL;
    assert_int_equal(case_start(CASE_EVENT_RECEIVED, &s, &en, &vi), 0);
    assert_int_equal(s, CASE_STATE_RECEIVED);
    s = UNTOUCHED;
    assert_int_equal(case_start(CASE_EVENT_ENTRUSTMENT_RECEIVED, &s, &en, &vi), 0);
    assert_int_equal(s, CASE_STATE_RECEIVED);
    for (int e = 0; e < CASE_EVENT_COUNT; e++) {
        if (e == CASE_EVENT_RECEIVED || e == CASE_EVENT_ENTRUSTMENT_RECEIVED)
            continue;
        s = UNTOUCHED;
        en = vi = NULL;
        assert_int_equal(case_start((case_event_t)e, &s, &en, &vi), -1);
        assert_int_equal(s, UNTOUCHED);
        assert_non_null(en);
        assert_non_null(vi);
        assert_true(strlen(en) > 0 && strlen(vi) > 0);
    }
}

static void test_out_of_range_arguments_are_refused(void **state)
{
    (void)state;
    case_state_t next = UNTOUCHED;
    const char *en = NULL, *vi = NULL;
    assert_int_equal(case_transition((case_state_t)CASE_STATE_COUNT, CASE_EVENT_NOTE, VERIFY_NONE,
                                     &next, &en, &vi),
                     -1);
    assert_non_null(en);
    assert_non_null(vi);
    assert_int_equal(
        case_transition((case_state_t)-1, CASE_EVENT_NOTE, VERIFY_NONE, &next, NULL, NULL), -1);
    assert_int_equal(case_transition(CASE_STATE_ENFORCING, (case_event_t)CASE_EVENT_COUNT,
                                     VERIFY_NONE, &next, NULL, NULL),
                     -1);
    assert_int_equal(case_transition(CASE_STATE_VERIFYING, CASE_EVENT_VERIFICATION_RECORDED,
                                     (verify_result_t)VERIFY_COUNT, &next, NULL, NULL),
                     -1);
    assert_int_equal(next, UNTOUCHED);
    assert_string_equal(case_state_code((case_state_t)CASE_STATE_COUNT), "?");
    assert_string_equal(case_event_code((case_event_t)-1), "?");
    assert_string_equal(case_stat_code((case_stat_t)STAT_COUNT), "?");
    assert_int_equal(case_stat_bucket((case_state_t)CASE_STATE_COUNT), STAT_NONE);
}

/* Payments, completion, the end of the voluntary period, corrections and notes need no
 * signed document; everything else does (THADS.md 3.2). Cross-checked against the
 * transition table: every event that changes a state somewhere needs one, except the
 * two caused by payment or by time. */
static void test_documents(void **state)
{
    (void)state;
    const case_event_t none[] = {CASE_EVENT_MONEY_COLLECTED, CASE_EVENT_MONEY_PAID,
                                 CASE_EVENT_COMPLETED,       CASE_EVENT_VOLUNTARY_PERIOD_ENDED,
                                 CASE_EVENT_CORRECTED,       CASE_EVENT_NOTE,
                                 CASE_EVENT_MONEY_VOIDED,    CASE_EVENT_PAYOUT_APPROVED,
                                 CASE_EVENT_MONEY_DEPOSITED, CASE_EVENT_COERCION_PAID_VOLUNTARILY};
    for (int e = 0; e < CASE_EVENT_COUNT; e++) {
        int free_of_paper = 0;
        for (size_t i = 0; i < N_ELEMS(none); i++)
            free_of_paper |= none[i] == (case_event_t)e;
        if (case_event_needs_document((case_event_t)e) != !free_of_paper)
            fail_msg("event %s: needs_document %d", case_event_code((case_event_t)e),
                     case_event_needs_document((case_event_t)e));

        int changes = e == CASE_EVENT_RECEIVED || e == CASE_EVENT_ENTRUSTMENT_RECEIVED;
        for (int s = 0; s < CASE_STATE_COUNT; s++)
            for (int v = 0; v < VERIFY_COUNT; v++) {
                case_state_t next;
                if (case_transition((case_state_t)s, (case_event_t)e, (verify_result_t)v, &next,
                                    NULL, NULL) == 0 &&
                    next != (case_state_t)s)
                    changes = 1;
            }
        if (changes && e != CASE_EVENT_COMPLETED && e != CASE_EVENT_VOLUNTARY_PERIOD_ENDED)
            assert_true(case_event_needs_document((case_event_t)e));
    }
    /* Assignment changes no state but is a decision of the head. */
    assert_true(case_event_needs_document(CASE_EVENT_ASSIGNED));
    assert_false(case_event_needs_document((case_event_t)CASE_EVENT_COUNT));
}

static void test_stat_buckets(void **state)
{
    (void)state;
    static const struct {
        const char *state, *bucket;
    } map[] = {
        {"received", "none"},
        {"refused", "none"},
        {"decided", "unclassified"},
        {"voluntary_period", "unclassified"},
        {"verifying", "unclassified"},
        {"enforcing", "d3_enforcing"},
        {"not_eligible", "e_not_eligible"},
        {"postponed", "d4_postponed"},
        {"suspended", "d5_suspended"},
        {"completed", "d1_completed"},
        {"terminated", "d2_terminated"},
        {"returned", "returned"},
        {"entrusted_out", "b_entrusted"},
        {"revoked", "revoked"},
    };
    assert_int_equal(N_ELEMS(map), CASE_STATE_COUNT);
    for (size_t i = 0; i < N_ELEMS(map); i++) {
        int s = case_state_parse(map[i].state);
        assert_true(s >= 0);
        assert_string_equal(case_stat_code(case_stat_bucket((case_state_t)s)), map[i].bucket);
    }
}

static void test_eligible_is_exactly_d1_to_d5(void **state)
{
    (void)state;
    for (int b = 0; b < STAT_COUNT; b++) {
        const char *code = case_stat_code((case_stat_t)b);
        int is_d = code[0] == 'd' && code[1] >= '1' && code[1] <= '5' && code[2] == '_';
        if (case_stat_is_eligible((case_stat_t)b) != is_d)
            fail_msg("bucket %s: eligible %d", code, case_stat_is_eligible((case_stat_t)b));
    }
    assert_true(case_stat_is_eligible(STAT_D1_COMPLETED));
    assert_true(case_stat_is_eligible(STAT_D5_SUSPENDED));
    assert_false(case_stat_is_eligible(STAT_E_NOT_ELIGIBLE));
    assert_false(case_stat_is_eligible(STAT_UNCLASSIFIED));
    assert_false(case_stat_is_eligible((case_stat_t)STAT_COUNT));
}

typedef const char *(*code_fn)(int);
typedef int (*parse_fn)(const char *);

static const char *state_code_i(int i)
{
    return case_state_code((case_state_t)i);
}
static const char *event_code_i(int i)
{
    return case_event_code((case_event_t)i);
}
static const char *verify_code_i(int i)
{
    return case_verify_code((verify_result_t)i);
}
static const char *stat_code_i(int i)
{
    return case_stat_code((case_stat_t)i);
}
static const char *state_vi_i(int i)
{
    return case_state_name_vi((case_state_t)i);
}
static const char *event_vi_i(int i)
{
    return case_event_name_vi((case_event_t)i);
}
static const char *stat_vi_i(int i)
{
    return case_stat_name_vi((case_stat_t)i);
}

/* Codes round-trip, are distinct, lower-case snake case; names are non-empty and
 * distinct. */
static void check_codes(int count, code_fn code, parse_fn parse, code_fn name_vi)
{
    for (int i = 0; i < count; i++) {
        const char *c = code(i);
        assert_true(strlen(c) > 0);
        assert_int_equal(strspn(c, "abcdefghijklmnopqrstuvwxyz0123456789_"), strlen(c));
        if (parse(c) != i)
            fail_msg("code '%s' parses to %d, not %d", c, parse(c), i);
        for (int j = 0; j < i; j++) {
            assert_string_not_equal(code(j), c);
            if (name_vi != NULL)
                assert_string_not_equal(name_vi(j), name_vi(i));
        }
        if (name_vi != NULL)
            assert_true(strlen(name_vi(i)) > 0);
    }
    assert_int_equal(parse("no_such_code"), -1);
    assert_int_equal(parse(""), -1);
    assert_int_equal(parse(NULL), -1);
    assert_string_equal(code(count), "?");
}

static void test_codes_round_trip(void **state)
{
    (void)state;
    check_codes(CASE_STATE_COUNT, state_code_i, case_state_parse, state_vi_i);
    check_codes(CASE_EVENT_COUNT, event_code_i, case_event_parse, event_vi_i);
    check_codes(VERIFY_COUNT, verify_code_i, case_verify_parse, NULL);
    check_codes(STAT_COUNT, stat_code_i, case_stat_parse, stat_vi_i);
    /* The codes stored in the database and sent by the API. */
    assert_string_equal(case_state_code(CASE_STATE_VOLUNTARY_PERIOD), "voluntary_period");
    assert_string_equal(case_state_code(CASE_STATE_ENTRUSTED_OUT), "entrusted_out");
    assert_string_equal(case_event_code(CASE_EVENT_MEASURE_APPLIED), "measure_applied");
    assert_string_equal(case_event_code(CASE_EVENT_APPLICATION_RETURNED), "application_returned");
    assert_string_equal(case_verify_code(VERIFY_NOT_ELIGIBLE), "not_eligible");
    assert_string_equal(case_stat_code(STAT_B_ENTRUSTED), "b_entrusted");
    assert_string_equal(case_state_name_vi(CASE_STATE_COMPLETED), "Thi hành xong");
    /* issue 13: the law's wording, one name per state (the UI said "Đã nhận") */
    assert_string_equal(case_state_name_vi(CASE_STATE_RECEIVED), "Đã tiếp nhận");
    assert_string_equal(case_state_name_en(CASE_STATE_RECEIVED), "Received");
    assert_string_equal(case_event_name_vi(CASE_EVENT_DECIDED), "Ra quyết định thi hành án");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_transition_matches_the_expected_table),
        cmocka_unit_test(test_refusal_reasons_name_state_and_event),
        cmocka_unit_test(test_reason_wording),
        cmocka_unit_test(test_terminal_states_accept_nothing),
        cmocka_unit_test(test_lifecycles),
        cmocka_unit_test(test_start),
        cmocka_unit_test(test_out_of_range_arguments_are_refused),
        cmocka_unit_test(test_documents),
        cmocka_unit_test(test_stat_buckets),
        cmocka_unit_test(test_eligible_is_exactly_d1_to_d5),
        cmocka_unit_test(test_codes_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * tests/core/test_admin_judgment.c — what may be recorded on an administrative judgment
 * the agency monitors, and when (core/admin_judgment.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/admin_judgment.h"

static civil_date_t day(int y, int m, int d)
{
    return civil_date_from_ymd(y, m, d);
}

static aj_dates_t received(civil_date_t on)
{
    return (aj_dates_t){on, CIVIL_DATE_INVALID, CIVIL_DATE_INVALID, CIVIL_DATE_INVALID, on};
}

static void test_codes_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < AJ_STEP_COUNT; i++) {
        assert_int_equal(aj_step_parse(aj_step_code((aj_step_t)i)), i);
        assert_true(aj_step_vi((aj_step_t)i)[0] != '\0');
    }
    assert_int_equal(aj_step_parse("opened"), -1);
    assert_int_equal(aj_step_parse(NULL), -1);
    assert_null(aj_step_code(AJ_STEP_COUNT));
}

static void test_steps_in_order(void **state)
{
    civil_date_t today = day(2026, 4, 15);
    aj_dates_t d = received(day(2026, 1, 5));
    (void)state;

    /* not before the receipt, not after today */
    assert_int_equal(aj_check_step(&d, AJ_STEP_REMINDED, day(2026, 1, 4), today), AJ_BEFORE_LAST);
    assert_int_equal(aj_check_step(&d, AJ_STEP_REMINDED, day(2026, 4, 16), today), AJ_IN_FUTURE);
    /* the receipt's day itself is allowed: a letter sent the day the judgment arrives */
    assert_int_equal(aj_check_step(&d, AJ_STEP_REMINDED, day(2026, 1, 5), today), AJ_OK);
    aj_apply_step(&d, AJ_STEP_REMINDED, day(2026, 1, 10));
    assert_true(d.reminded_on == day(2026, 1, 10));
    /* a second letter keeps the first's date: the case counts from the first */
    aj_apply_step(&d, AJ_STEP_REMINDED, day(2026, 1, 25));
    assert_true(d.reminded_on == day(2026, 1, 10));
    assert_true(d.last_on == day(2026, 1, 25));
    /* never before the last step */
    assert_int_equal(aj_check_step(&d, AJ_STEP_NOTE, day(2026, 1, 20), today), AJ_BEFORE_LAST);
    assert_int_equal(aj_check_step(&d, AJ_STEP_COMPELLED, day(2026, 2, 1), today), AJ_OK);
    aj_apply_step(&d, AJ_STEP_COMPELLED, day(2026, 2, 1));
    assert_int_equal(aj_check_step(&d, AJ_STEP_COMPELLED, day(2026, 2, 2), today),
                     AJ_COMPELLED_TWICE);
    aj_apply_step(&d, AJ_STEP_COMPLETED, day(2026, 3, 1));
    assert_true(d.completed_on == day(2026, 3, 1));
    /* complied with: nothing more, not even a note */
    assert_int_equal(aj_check_step(&d, AJ_STEP_NOTE, day(2026, 3, 2), today), AJ_CLOSED);
    assert_int_equal(aj_check_step(&d, AJ_STEP_REMINDED, day(2026, 3, 2), today), AJ_CLOSED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes_round_trip),
        cmocka_unit_test(test_steps_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * tests/core/test_access.c — the role → permission matrix: role codes round-trip
 * (they are stored in user_role and sent by the API), and the properties the product
 * relies on: only administrators change units and users, the steering committee sees
 * reports only, prison staff see prisoners but not cases, everyone may sign out.
 */
#include "core/access.h"

/* cmocka needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#define ALL_PERMS ((PERM_REPORT_SUBMIT << 1) - 1u)

static unsigned perms_of(role_t r)
{
    return access_perms_of_roles(1u << r);
}

static void test_role_codes_round_trip(void **state)
{
    (void)state;
    for (int r = 0; r < ROLE_COUNT; r++) {
        const char *code = access_role_code((role_t)r);
        assert_string_not_equal(code, "?");
        assert_int_equal(access_role_parse(code), r);
        assert_true(strlen(access_role_name_vi((role_t)r)) > 0);
        assert_string_not_equal(access_role_name_vi((role_t)r), "?");
        for (int s = 0; s < r; s++) {
            assert_string_not_equal(code, access_role_code((role_t)s));
            assert_string_not_equal(access_role_name_vi((role_t)r), access_role_name_vi((role_t)s));
        }
    }
    /* the codes the API documents */
    assert_int_equal(access_role_parse("admin"), ROLE_ADMIN);
    assert_int_equal(access_role_parse("officer"), ROLE_OFFICER);
    assert_int_equal(access_role_parse("prison_officer"), ROLE_PRISON_OFFICER);
    assert_int_equal(access_role_parse("steering_viewer"), ROLE_STEERING_VIEWER);
    assert_int_equal(access_role_parse("warehouse_keeper"), ROLE_WAREHOUSE_KEEPER);
}

static void test_unknown_role_is_minus_one(void **state)
{
    static const char *const bad[] = {"",       "Admin",         "ADMIN",    "admin ",
                                      " admin", "administrator", "quản trị", "root",
                                      "?",      "prison-officer"};
    (void)state;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(access_role_parse(bad[i]), -1);
    assert_int_equal(access_role_parse(NULL), -1);
    assert_string_equal(access_role_code(ROLE_COUNT), "?");
    assert_string_equal(access_role_code((role_t)-1), "?");
}

static void test_only_admin_administers_units_and_users(void **state)
{
    (void)state;
    for (int r = 0; r < ROLE_COUNT; r++) {
        unsigned p = perms_of((role_t)r);
        int admin = r == ROLE_ADMIN;
        assert_int_equal((p & PERM_UNIT_ADMIN) != 0, admin);
        assert_int_equal((p & PERM_USER_ADMIN) != 0, admin);
    }
    /* holding every other role together still does not give them */
    assert_int_equal(access_perms_of_roles(((1u << ROLE_COUNT) - 1) & ~(1u << ROLE_ADMIN)) &
                         (PERM_UNIT_ADMIN | PERM_USER_ADMIN),
                     0);
}

static void test_steering_viewer_sees_reports_only(void **state)
{
    (void)state;
    assert_int_equal(perms_of(ROLE_STEERING_VIEWER), PERM_SESSION | PERM_REPORT_READ);
}

static void test_prison_officer_sees_prisoners_not_cases(void **state)
{
    unsigned p = perms_of(ROLE_PRISON_OFFICER);
    (void)state;

    assert_true(p & PERM_PRISONER_READ);
    assert_true(p & PERM_PRISONER_WRITE);
    assert_false(p & PERM_CASE_READ);
    assert_false(p & PERM_CASE_WRITE);
    assert_false(p & PERM_MONEY_WRITE);
}

static void test_every_role_may_use_its_session(void **state)
{
    (void)state;
    for (int r = 0; r < ROLE_COUNT; r++)
        assert_true(perms_of((role_t)r) & PERM_SESSION);
    assert_int_equal(access_perms_of_roles(0), 0);
}

static void test_roles_combine_as_a_union(void **state)
{
    (void)state;
    for (int a = 0; a < ROLE_COUNT; a++)
        for (int b = 0; b < ROLE_COUNT; b++)
            assert_int_equal(access_perms_of_roles((1u << a) | (1u << b)),
                             perms_of((role_t)a) | perms_of((role_t)b));
    /* bits beyond the roles grant nothing */
    assert_int_equal(access_perms_of_roles(1u << ROLE_COUNT), 0);
}

static void test_every_permission_is_granted_by_some_role(void **state)
{
    (void)state;
    /* a permission no role holds would make its routes unreachable */
    assert_int_equal(access_perms_of_roles((1u << ROLE_COUNT) - 1), ALL_PERMS);
}

static void test_permission_codes(void **state)
{
    (void)state;
    for (unsigned i = 0; (1u << i) <= PERM_REPORT_SUBMIT; i++) {
        const char *code = access_perm_code(1u << i);
        assert_string_not_equal(code, "?");
        assert_true(strlen(code) > 0);
        for (unsigned j = 0; j < i; j++)
            assert_string_not_equal(code, access_perm_code(1u << j));
    }
    assert_string_equal(access_perm_code(PERM_SESSION), "session");
    assert_string_equal(access_perm_code(PERM_UNIT_READ), "unit.read");
    assert_string_equal(access_perm_code(PERM_USER_ADMIN), "user.admin");
    assert_string_equal(access_perm_code(PERM_REPORT_READ), "report.read");
    /* not a single known bit */
    assert_string_equal(access_perm_code(0), "?");
    assert_string_equal(access_perm_code(PERM_SESSION | PERM_UNIT_READ), "?");
    assert_string_equal(access_perm_code(PERM_REPORT_SUBMIT << 1), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_role_codes_round_trip),
        cmocka_unit_test(test_unknown_role_is_minus_one),
        cmocka_unit_test(test_only_admin_administers_units_and_users),
        cmocka_unit_test(test_steering_viewer_sees_reports_only),
        cmocka_unit_test(test_prison_officer_sees_prisoners_not_cases),
        cmocka_unit_test(test_every_role_may_use_its_session),
        cmocka_unit_test(test_roles_combine_as_a_union),
        cmocka_unit_test(test_every_permission_is_granted_by_some_role),
        cmocka_unit_test(test_permission_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

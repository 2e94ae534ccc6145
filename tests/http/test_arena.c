/*
 * tests/http/test_arena.c — the per-request arena: alignment, zeroing, the cap,
 * large blocks, string helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "http/arena.h"

#include <string.h>

static void test_alignment_and_zeroing(void **state)
{
    arena_t *a = arena_new(0);
    (void)state;

    for (size_t n = 1; n < 200; n += 7) {
        unsigned char *p = arena_alloc(a, n);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(p[i], 0);
        memset(p, 0xAB, n);
    }
    arena_free(a);
}

static void test_cap_is_enforced(void **state)
{
    arena_t *a = arena_new(1024);
    size_t got = 0;
    (void)state;

    while (arena_alloc(a, 100) != NULL)
        got += 100;
    assert_true(got <= 1024);
    assert_true(got >= 800);
    assert_true(arena_used(a) <= 1024);
    assert_null(arena_alloc(a, 2000));
    assert_null(arena_alloc(a, SIZE_MAX));
    assert_null(arena_alloc(a, SIZE_MAX - 8));
    arena_free(a);
}

static void test_large_allocations(void **state)
{
    arena_t *a = arena_new(0);
    char *big;
    (void)state;

    big = arena_alloc(a, 1 << 20);
    assert_non_null(big);
    memset(big, 'x', 1 << 20);
    assert_non_null(arena_alloc(a, 10)); /* small ones still work after a big one */
    arena_free(a);
}

static void test_strings(void **state)
{
    arena_t *a = arena_new(0);
    (void)state;

    assert_string_equal(arena_strdup(a, "Thi hành án"), "Thi hành án");
    assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
    assert_string_equal(arena_printf(a, "%s/%d", "QĐ", 46), "QĐ/46");
    arena_free(a);
    arena_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alignment_and_zeroing),
        cmocka_unit_test(test_cap_is_enforced),
        cmocka_unit_test(test_large_allocations),
        cmocka_unit_test(test_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

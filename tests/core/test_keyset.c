/*
 * tests/core/test_keyset.c — core/keyset.c against a slow reference: random keys added
 * to the set and to a plain list; every key added is found (a false "never" would make
 * an importer duplicate a party), and keys never added are almost never found.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testrng.h"

#include "core/keyset.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

#define NKEYS 50000

/* A CCCD-like key: kind and 12 digits. */
static uint64_t key_of(uint64_t n, char digits[13])
{
    const char *parts[2] = {n % 3 ? "person" : "organization", digits};

    snprintf(digits, 13, "%012llu", (unsigned long long)(n % 1000000000000ULL));
    return keyset_hash(parts, 2);
}

static void test_every_key_added_is_found(void **state)
{
    static uint64_t added[NKEYS];
    keyset_t *s = keyset_new();
    char digits[13];
    size_t false_hits = 0;
    (void)state;

    assert_non_null(s);
    for (size_t i = 0; i < NKEYS; i++) {
        added[i] = testrng_next(&rng_state) | 1; /* odd: never one of the others below */
        assert_int_equal(keyset_add(s, key_of(added[i], digits)), 0);
        if (i % 997 == 0) /* as it grows, every key so far is still there */
            for (size_t k = 0; k <= i; k++)
                assert_true(keyset_has(s, key_of(added[k], digits)));
    }
    assert_int_equal(keyset_add(s, key_of(added[0], digits)), 0); /* again: no second entry */
    assert_int_equal(keyset_count(s), NKEYS);
    for (size_t i = 0; i < NKEYS; i++)
        assert_true(keyset_has(s, key_of(added[i], digits)));
    for (size_t i = 0; i < NKEYS; i++) /* even numbers: never added */
        false_hits += (size_t)keyset_has(s, key_of(testrng_next(&rng_state) & ~1ULL, digits));
    assert_true(false_hits < 5); /* 64-bit hashes: none expected */
    keyset_free(s);
}

/* The parts are kept apart: ("ab", "c") and ("a", "bc") are different keys. */
static void test_parts_are_separate(void **state)
{
    const char *a[] = {"ab", "c"}, *b[] = {"a", "bc"}, *c[] = {"abc"}, *d[] = {"ab", "c"};
    keyset_t *s = keyset_new();
    (void)state;

    assert_true(keyset_hash(a, 2) != keyset_hash(b, 2));
    assert_true(keyset_hash(a, 2) != keyset_hash(c, 1));
    assert_true(keyset_hash(a, 2) == keyset_hash(d, 2));
    assert_false(keyset_has(s, keyset_hash(a, 2))); /* empty */
    assert_int_equal(keyset_add(s, keyset_hash(a, 2)), 0);
    assert_true(keyset_has(s, keyset_hash(d, 2)));
    assert_false(keyset_has(s, keyset_hash(b, 2)));
    assert_int_equal(keyset_add(s, 0), 0); /* a hash of 0 is kept too */
    assert_true(keyset_has(s, 0));
    keyset_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_key_added_is_found),
        cmocka_unit_test(test_parts_are_separate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

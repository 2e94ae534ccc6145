/*
 * tests/support/testrng.h — a fixed-seed xorshift64* generator for random sweeps and
 * property tests: each test keeps its own state, so every run draws the same numbers
 * and a failure can be replayed.
 */
#ifndef THADS_TESTS_TESTRNG_H
#define THADS_TESTS_TESTRNG_H

#include <stdint.h>

static inline uint64_t testrng_next(uint64_t *state)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 0x2545F4914F6CDD1DULL;
}

#endif

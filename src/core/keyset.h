/*
 * core/keyset.h — a set of 64-bit hashes of keys, to tell a key certainly never added
 * from one probably added. A writer that must find a row by its key before inserting it
 * (parties by ID number, judgments by number) asks the database only when the set says
 * "probably": most keys of an import are new, and a lookup in memory costs a
 * hundredth of one in an index. Eight bytes a key, the table at most three quarters
 * full (a key never added then reads about eight slots: a cache line or two), so the
 * parties of a million imported cases take 16 MiB, where at most half full they took 32.
 */
#ifndef THADS_CORE_KEYSET_H
#define THADS_CORE_KEYSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct keyset keyset_t;

keyset_t *keyset_new(void);
void keyset_free(keyset_t *s);

/* The hash of a key made of n strings (FNV-1a 64 of each, a 0 byte after each). */
uint64_t keyset_hash(const char *const *parts, size_t n);

/* 0, or -1 out of memory (the set unchanged). */
int keyset_add(keyset_t *s, uint64_t hash);
/* 1: added before, or a key of the same hash (check); 0: never added. */
int keyset_has(const keyset_t *s, uint64_t hash);
size_t keyset_count(const keyset_t *s);

#endif

/*
 * store/chain.h — hash chains: append-only logs whose every row carries the hash
 * of the one before, so that changing or removing a row breaks every hash after it.
 *
 *   hash(row n) = BLAKE2b-256( hash(row n-1) || "\n" || canonical(row n) )
 *
 * canonical() is the row's fields as a compact JSON array, built by the log's own
 * module. The head of each chain (its length and last hash) is a row of chain_head;
 * appending first updates that row, which locks it until the transaction ends, so
 * concurrent appenders queue and the chain never forks.
 */
#ifndef THADS_STORE_CHAIN_H
#define THADS_STORE_CHAIN_H

#include "store/db.h"

#include <stdint.h>

#define CHAIN_HASH_HEX 65 /* 64 hex digits + NUL */

/* The hash every chain starts from. */
extern const char chain_genesis[CHAIN_HASH_HEX];

/* Reserve the next position of chain name (created on first use). Must run inside
 * a transaction. *seq gets the new row's position (1, 2, ...), prev the hash of the
 * row before it. */
int chain_reserve(db_t *db, const char *name, int64_t *seq, char prev[CHAIN_HASH_HEX]);
/* Record hash as the chain's head after the row at the reserved position is written. */
int chain_advance(db_t *db, const char *name, const char hash[CHAIN_HASH_HEX]);
/* Compute the hash of a row from the previous hash and its canonical form. */
void chain_hash(const char prev[CHAIN_HASH_HEX], const char *canonical, char out[CHAIN_HASH_HEX]);
/* The head of a chain: its length and last hash (genesis for an empty chain). */
int chain_head(db_t *db, const char *name, int64_t *seq, char hash[CHAIN_HASH_HEX]);

#endif

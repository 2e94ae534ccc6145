#include "store/chain.h"
#include "store/q.h"

#include <assert.h>
#include <sodium.h>
#include <string.h>

const char chain_genesis[CHAIN_HASH_HEX] =
    "0000000000000000000000000000000000000000000000000000000000000000";

int chain_reserve(db_t *db, const char *name, int64_t *seq, char prev[CHAIN_HASH_HEX])
{
    db_stmt_t *st;
    int rc;

    assert(db_in_transaction(db));
    rc = q_exec(db,
                "INSERT INTO chain_head (name, seq, hash) VALUES ($1, 0, $2) "
                "ON CONFLICT (name) DO NOTHING",
                "ss", name, chain_genesis);
    if (rc != DB_OK)
        return rc;
    /* Updating first takes the row lock; the returned hash is then stable. */
    rc = q_open(db, &st, "UPDATE chain_head SET seq = seq + 1 WHERE name = $1 RETURNING seq, hash",
                "s", name);
    if (rc != DB_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        *seq = db_column_int64(st, 0);
        q_text(st, 1, prev, CHAIN_HASH_HEX);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_ERROR;
    }
    db_finalize(st);
    return rc;
}

int chain_advance(db_t *db, const char *name, const char hash[CHAIN_HASH_HEX])
{
    return q_exec(db, "UPDATE chain_head SET hash = $2 WHERE name = $1", "ss", name, hash);
}

void chain_hash(const char prev[CHAIN_HASH_HEX], const char *canonical, char out[CHAIN_HASH_HEX])
{
    crypto_generichash_state s;
    unsigned char h[32];

    crypto_generichash_init(&s, NULL, 0, sizeof h);
    crypto_generichash_update(&s, (const unsigned char *)prev, strlen(prev));
    crypto_generichash_update(&s, (const unsigned char *)"\n", 1);
    crypto_generichash_update(&s, (const unsigned char *)canonical, strlen(canonical));
    crypto_generichash_final(&s, h, sizeof h);
    sodium_bin2hex(out, CHAIN_HASH_HEX, h, sizeof h);
}

int chain_head(db_t *db, const char *name, int64_t *seq, char hash[CHAIN_HASH_HEX])
{
    db_stmt_t *st;
    int rc = q_open(db, &st, "SELECT seq, hash FROM chain_head WHERE name = $1", "s", name);

    if (rc != DB_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        *seq = db_column_int64(st, 0);
        q_text(st, 1, hash, CHAIN_HASH_HEX);
    } else if (rc == DB_DONE) {
        *seq = 0;
        memcpy(hash, chain_genesis, CHAIN_HASH_HEX);
    }
    db_finalize(st);
    return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

/*
 * store/pool.h — a fixed set of open connections shared by the server's threads.
 * A thread takes one for the length of a request and gives it back; when all are
 * taken the next caller waits.
 */
#ifndef THADS_STORE_POOL_H
#define THADS_STORE_POOL_H

#include "store/db.h"

typedef struct db_pool db_pool_t;

/* Open size connections to url. On failure returns DB_CANTOPEN with err filled. */
int db_pool_open(const char *url, int size, db_pool_t **out, char *err, size_t errlen);
void db_pool_close(db_pool_t *pool);
db_t *db_pool_acquire(db_pool_t *pool);
/* A connection is given back outside any transaction (a leftover one is rolled back). */
void db_pool_release(db_pool_t *pool, db_t *db);
db_engine_t db_pool_engine(const db_pool_t *pool);

#endif

#include "store/pool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct db_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    int size, nfree;
    db_engine_t engine;
    db_t **all;
    db_t **free_list;
};

int db_pool_open(const char *url, int size, db_pool_t **out, char *err, size_t errlen)
{
    db_pool_t *p = calloc(1, sizeof *p);

    *out = NULL;
    if (p == NULL || size < 1 || (p->all = calloc((size_t)size, sizeof *p->all)) == NULL ||
        (p->free_list = calloc((size_t)size, sizeof *p->free_list)) == NULL) {
        if (p)
            free(p->all);
        free(p);
        snprintf(err, errlen, size < 1 ? "a pool needs at least one connection" : "out of memory");
        return DB_NOMEM;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    for (int i = 0; i < size; i++) {
        int rc = db_open(url, &p->all[i], err, errlen);
        if (rc != DB_OK) {
            p->size = i;
            db_pool_close(p);
            return rc;
        }
        p->free_list[i] = p->all[i];
    }
    p->size = p->nfree = size;
    p->engine = db_engine(p->all[0]);
    *out = p;
    return DB_OK;
}

void db_pool_close(db_pool_t *p)
{
    if (p == NULL)
        return;
    for (int i = 0; i < p->size; i++)
        db_close(p->all[i]);
    pthread_cond_destroy(&p->freed);
    pthread_mutex_destroy(&p->lock);
    free(p->free_list);
    free(p->all);
    free(p);
}

db_t *db_pool_acquire(db_pool_t *p)
{
    db_t *db;

    pthread_mutex_lock(&p->lock);
    while (p->nfree == 0)
        pthread_cond_wait(&p->freed, &p->lock);
    db = p->free_list[--p->nfree];
    pthread_mutex_unlock(&p->lock);
    return db;
}

void db_pool_release(db_pool_t *p, db_t *db)
{
    if (db == NULL)
        return;
    if (db_in_transaction(db))
        db_rollback(db);
    pthread_mutex_lock(&p->lock);
    p->free_list[p->nfree++] = db;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}

db_engine_t db_pool_engine(const db_pool_t *p)
{
    return p->engine;
}

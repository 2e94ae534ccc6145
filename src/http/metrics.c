/*
 * http/metrics.c — counters in fixed arrays of atomics. The status codes thads
 * answers with are a short known list; anything else is counted as "other", so
 * the memory per route is fixed (about 30 counters) and recording is O(1).
 */
#include "http/metrics.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int statuses[] = {200, 201, 204, 301, 302, 304, 400, 401, 403, 404,
                               405, 409, 413, 415, 422, 429, 499, 500, 503, 504};
#define NSTATUS (sizeof statuses / sizeof statuses[0])
#define NCOUNTS (NSTATUS + 1) /* + other */
/* Upper bounds of the latency buckets, in microseconds (Prometheus wants seconds). */
static const int64_t bounds_us[] = {1000,   5000,   10000,   25000,   50000,   100000,
                                    250000, 500000, 1000000, 2500000, 10000000};
#define NBUCKETS (sizeof bounds_us / sizeof bounds_us[0])

typedef struct {
    atomic_uint_fast64_t count[NCOUNTS];
    atomic_uint_fast64_t bucket[NBUCKETS]; /* non-cumulative; summed when rendered */
    atomic_uint_fast64_t total;
    atomic_uint_fast64_t sum_us;
} slot_t;

struct metrics {
    size_t nslots;
    atomic_uint_fast64_t db_errors;
    atomic_uint_fast64_t interrupted[2]; /* past the deadline, client gone */
    slot_t slots[];
};

metrics_t *metrics_new(size_t nroutes)
{
    metrics_t *m = calloc(1, sizeof *m + (nroutes + 2) * sizeof(slot_t));
    if (m != NULL)
        m->nslots = nroutes + 2;
    return m;
}

void metrics_free(metrics_t *m)
{
    free(m);
}

size_t metrics_slot_static(const metrics_t *m)
{
    return m->nslots - 2;
}

size_t metrics_slot_unmatched(const metrics_t *m)
{
    return m->nslots - 1;
}

void metrics_record(metrics_t *m, size_t slot, int status, int64_t micros)
{
    slot_t *s;
    size_t i, b;

    if (slot >= m->nslots)
        return;
    s = &m->slots[slot];
    for (i = 0; i < NSTATUS && statuses[i] != status; i++)
        ;
    atomic_fetch_add(&s->count[i], 1);
    for (b = 0; b < NBUCKETS && micros > bounds_us[b]; b++)
        ;
    if (b < NBUCKETS)
        atomic_fetch_add(&s->bucket[b], 1);
    atomic_fetch_add(&s->total, 1);
    atomic_fetch_add(&s->sum_us, micros > 0 ? (uint64_t)micros : 0);
}

void metrics_db_error(metrics_t *m)
{
    atomic_fetch_add(&m->db_errors, 1);
}

void metrics_interrupted(metrics_t *m, int client_gone)
{
    atomic_fetch_add(&m->interrupted[client_gone ? 1 : 0], 1);
}

void metrics_appendf(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (*len + (size_t)n + 1 > *cap) {
        size_t ncap = (*cap ? *cap * 2 : 4096);
        char *nb;
        while (ncap < *len + (size_t)n + 1)
            ncap *= 2;
        nb = realloc(*buf, ncap);
        if (nb == NULL)
            return;
        *buf = nb;
        *cap = ncap;
    }
    va_start(ap, fmt);
    vsnprintf(*buf + *len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    *len += (size_t)n;
}

void metrics_render(const metrics_t *m, const char *const *labels, char **buf, size_t *len,
                    size_t *cap)
{
    metrics_appendf(buf, len, cap,
                    "# HELP thads_http_requests_total HTTP requests by route and status.\n"
                    "# TYPE thads_http_requests_total counter\n");
    for (size_t s = 0; s < m->nslots; s++)
        for (size_t i = 0; i < NCOUNTS; i++) {
            uint64_t c = atomic_load(&m->slots[s].count[i]);
            if (c == 0)
                continue;
            if (i < NSTATUS)
                metrics_appendf(buf, len, cap,
                                "thads_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
                                labels[s], statuses[i], (unsigned long long)c);
            else
                metrics_appendf(buf, len, cap,
                                "thads_http_requests_total{route=\"%s\",status=\"other\"} %llu\n",
                                labels[s], (unsigned long long)c);
        }
    metrics_appendf(buf, len, cap,
                    "# HELP thads_http_request_duration_seconds Time to answer, by route.\n"
                    "# TYPE thads_http_request_duration_seconds histogram\n");
    for (size_t s = 0; s < m->nslots; s++) {
        const slot_t *sl = &m->slots[s];
        uint64_t total = atomic_load(&sl->total), cum = 0;
        if (total == 0)
            continue;
        for (size_t b = 0; b < NBUCKETS; b++) {
            cum += atomic_load(&sl->bucket[b]);
            metrics_appendf(buf, len, cap,
                            "thads_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} "
                            "%llu\n",
                            labels[s], (double)bounds_us[b] / 1e6, (unsigned long long)cum);
        }
        metrics_appendf(buf, len, cap,
                        "thads_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} "
                        "%llu\n"
                        "thads_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
                        "thads_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
                        labels[s], (unsigned long long)total, labels[s],
                        (double)atomic_load(&sl->sum_us) / 1e6, labels[s],
                        (unsigned long long)total);
    }
    metrics_appendf(buf, len, cap,
                    "# HELP thads_db_errors_total Store failures answered with 5xx.\n"
                    "# TYPE thads_db_errors_total counter\n"
                    "thads_db_errors_total %llu\n",
                    (unsigned long long)atomic_load(&m->db_errors));
    metrics_appendf(buf, len, cap,
                    "# HELP thads_http_requests_interrupted_total Requests whose database work "
                    "was stopped: past the request timeout, or the client had gone.\n"
                    "# TYPE thads_http_requests_interrupted_total counter\n"
                    "thads_http_requests_interrupted_total{reason=\"deadline\"} %llu\n"
                    "thads_http_requests_interrupted_total{reason=\"client_gone\"} %llu\n",
                    (unsigned long long)atomic_load(&m->interrupted[0]),
                    (unsigned long long)atomic_load(&m->interrupted[1]));
}

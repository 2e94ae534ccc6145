/*
 * http/metrics.h — request counters and latency histograms per route, kept in
 * atomics so worker threads never take a lock to count. Rendered as Prometheus
 * text at GET /metrics.
 */
#ifndef THADS_HTTP_METRICS_H
#define THADS_HTTP_METRICS_H

#include <stddef.h>
#include <stdint.h>

typedef struct metrics metrics_t;

/* nroutes API routes, plus two slots: static files and unmatched paths. */
metrics_t *metrics_new(size_t nroutes);
void metrics_free(metrics_t *m);
size_t metrics_slot_static(const metrics_t *m);
size_t metrics_slot_unmatched(const metrics_t *m);
void metrics_record(metrics_t *m, size_t slot, int status, int64_t micros);
void metrics_db_error(metrics_t *m);
/* A request whose database work was stopped (db_set_deadline): past its deadline, or
 * (client_gone) no one was waiting for the answer any more. */
void metrics_interrupted(metrics_t *m, int client_gone);
/* Append the exposition text to a growable buffer; labels[i] names slot i. */
void metrics_render(const metrics_t *m, const char *const *labels, char **buf, size_t *len,
                    size_t *cap);
/* Append printf output to a growable buffer (used by metric sources too). */
void metrics_appendf(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif

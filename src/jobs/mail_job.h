/*
 * jobs/mail_job.h — delivery of the outbox (store/outbox.h) inside `thads serve`: one
 * thread with its own database connection claims each message due, composes it
 * (core/mail.h) and hands it to the SMTP server with libcurl, and records the attempt.
 *
 * A failed attempt (server unreachable, refused, timed out) is retried with exponential
 * backoff — retry_base_s, doubled each attempt, at most retry_max_s — until max_attempts,
 * then the message is failed (the sender's home page and /metrics show it; outbox_retry()
 * in store/outbox.h makes it due again — no command or route calls it yet). The writer that
 * enqueued it never waits for any of this.
 *
 * What is guaranteed: at-least-once delivery to the SMTP server, every copy carrying
 * the same Message-ID and X-Thads-Idempotency-Key. A claimed message is leased
 * (lease_s); a process killed before the server answered the message's end of data
 * leaves it sending, and once the lease runs out the next claim sends it again — the
 * server never took the first (RFC 5321 4.1.1.4: no 250, no responsibility), so it
 * arrives once. Only a death in the instant between the server's 250 and the commit
 * of "sent" can deliver a second copy; it has the same Message-ID, so a reader or
 * gateway that drops duplicate Message-IDs sees one. Exactly-once is not possible
 * over SMTP, which has no way to ask a server whether it already has a message.
 */
#ifndef THADS_JOBS_MAIL_JOB_H
#define THADS_JOBS_MAIL_JOB_H

#include "store/db.h"
#include "store/outbox.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *smtp_url;        /* smtp://host:25, smtp://host:587, smtps://host:465;
                                    NULL or "": nothing is sent, messages wait */
    const char *user, *password; /* NULL: no authentication */
    const char *from;            /* the sender's address (required to send) */
    const char *from_name;       /* UTF-8 display name (NULL: none) */
    const char *fax_gateway;     /* for units without a gateway (NULL: none) */
    int starttls;                /* smtp://: 0 try STARTTLS, 1 require it, -1 never */
    int timeout_s;               /* one SMTP conversation (default 60) */
    int retry_base_s;            /* first retry after (default 60) */
    int retry_max_s;             /* longest wait between attempts (default 3600) */
    int max_attempts;            /* then failed (default 10) */
    int poll_s;                  /* how often it looks for due messages (default 5) */
    int lease_s;                 /* a claim's lease (default timeout_s + 60) */
    int tz_minutes;              /* the Date header's offset (default 420, Việt Nam) */
    int quiet;                   /* no log lines */
} mail_config_t;

typedef struct mail_job mail_job_t;

/* Start the job's thread on its own connection to db_url (cfg's strings are copied).
 * 0, or -1 with the reason in err. */
int mail_job_start(const char *db_url, const mail_config_t *cfg, mail_job_t **out, char *err,
                   size_t errlen);
/* Stop the thread (a delivery in progress finishes or times out) and free the job. */
void mail_job_stop(mail_job_t *job);
/* Look now instead of at the next poll. */
void mail_job_wake(mail_job_t *job);

/* Deliver every message due now on db (tests; the thread does this each poll): the
 * number delivered, or -1 on a store error. */
int mail_deliver_due(db_t *db, const mail_config_t *cfg);

/* The outbox's counts by state as the job last took them (after each poll), and when
 * (unix microseconds; 0 before the first), for /metrics. */
void mail_job_counts(mail_job_t *job, outbox_counts_t *out, int64_t *taken_at);

#endif

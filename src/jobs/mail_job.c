/*
 * jobs/mail_job.c — the outbox's delivery thread (jobs/mail_job.h).
 */
#include "jobs/mail_job.h"

#include "core/mail.h"
#include "store/q.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct mail_job {
    mail_config_t cfg;
    char *strings[6]; /* cfg's copies */
    db_t *db;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int stopping, woken;
    outbox_counts_t counts;
    int64_t taken_at;
};

static void defaults(mail_config_t *c)
{
    if (c->timeout_s <= 0)
        c->timeout_s = 60;
    if (c->retry_base_s <= 0)
        c->retry_base_s = 60;
    if (c->retry_max_s <= 0)
        c->retry_max_s = 3600;
    if (c->retry_max_s < c->retry_base_s)
        c->retry_max_s = c->retry_base_s;
    if (c->max_attempts <= 0)
        c->max_attempts = 10;
    if (c->poll_s <= 0)
        c->poll_s = 5;
    if (c->lease_s <= 0)
        c->lease_s = c->timeout_s + 60;
    if (c->tz_minutes == 0)
        c->tz_minutes = 420;
}

static void logf_(const mail_config_t *cfg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void logf_(const mail_config_t *cfg, const char *fmt, ...)
{
    va_list ap;
    if (cfg->quiet)
        return;
    va_start(ap, fmt);
    fputs("thads: outbox: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- one SMTP conversation ---- */

typedef struct {
    const char *p;
    size_t left;
} reader_t;

static size_t read_cb(char *buf, size_t size, size_t n, void *arg)
{
    reader_t *r = arg;
    size_t want = size * n;
    if (want > r->left)
        want = r->left;
    memcpy(buf, r->p, want);
    r->p += want;
    r->left -= want;
    return want;
}

/* Send msg to rcpt: 0, or -1 with the reason in err. */
static int smtp_send(const mail_config_t *cfg, const char *rcpt, const char *msg, size_t len,
                     char *err, size_t errlen)
{
    char from[600], to[600], curl_err[CURL_ERROR_SIZE];
    reader_t r = {msg, len};
    struct curl_slist *rcpts = NULL;
    long code = 0;
    CURL *c = curl_easy_init();
    if (c == NULL) {
        snprintf(err, errlen, "out of memory (curl)");
        return -1;
    }
    snprintf(from, sizeof from, "<%s>", cfg->from);
    snprintf(to, sizeof to, "<%s>", rcpt);
    rcpts = curl_slist_append(NULL, to);
    curl_err[0] = '\0';
    curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &r);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)cfg->timeout_s);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)(cfg->timeout_s < 20 ? cfg->timeout_s : 20));
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_err);
    if (strncmp(cfg->smtp_url, "smtp://", 7) == 0 && cfg->starttls >= 0)
        curl_easy_setopt(c, CURLOPT_USE_SSL,
                         cfg->starttls > 0 ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY);
    if (cfg->user != NULL && *cfg->user) {
        curl_easy_setopt(c, CURLOPT_USERNAME, cfg->user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, cfg->password ? cfg->password : "");
    }
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    curl_slist_free_all(rcpts);
    curl_easy_cleanup(c);
    if (rc == CURLE_OK)
        return 0;
    if (code > 0)
        snprintf(err, errlen, "%s (SMTP %ld)", curl_err[0] ? curl_err : curl_easy_strerror(rc),
                 code);
    else
        snprintf(err, errlen, "%s", curl_err[0] ? curl_err : curl_easy_strerror(rc));
    return -1;
}

/* ---- one message ---- */

/* Compose r: the message (malloc'd) and its recipient, or NULL with err when it cannot be
 * (no address, a bad one): such a message fails without retrying. */
static char *compose(const mail_config_t *cfg, const outbox_row_t *r, char *rcpt, size_t rlen,
                     size_t *len, char *err, size_t errlen)
{
    const char *subject = r->subject;
    char *body = NULL, *att = NULL, *msg = NULL;
    size_t att_len = 0;
    char digits[32];
    int in_subject = 0;

    if (r->recipient[0] == '\0') {
        snprintf(err, errlen, "no address for the receiving unit");
        return NULL;
    }
    if (strcmp(r->channel, "fax") == 0) {
        const char *gw = r->fax_gateway[0] ? r->fax_gateway : cfg->fax_gateway;
        if (gw == NULL || *gw == '\0') {
            snprintf(err, errlen, "no email-to-fax gateway for fax %s (THADS_FAX_GATEWAY)",
                     r->recipient);
            return NULL;
        }
        if (mail_fax_route(gw, r->recipient, rcpt, rlen, &in_subject) != 0) {
            snprintf(err, errlen, "fax %s cannot go through gateway %s", r->recipient, gw);
            return NULL;
        }
        if (in_subject) {
            size_t n = strlen(r->subject) + strlen(r->body) + 3;
            mail_fax_digits(r->recipient, digits, sizeof digits);
            subject = digits;
            if ((body = malloc(n)) == NULL)
                goto nomem;
            snprintf(body, n, "%s\n\n%s", r->subject, r->body);
        }
    } else if (mail_address_check(r->recipient) != 0) {
        snprintf(err, errlen, "not an email address: %s", r->recipient);
        return NULL;
    } else {
        snprintf(rcpt, rlen, "%s", r->recipient);
    }
    if (r->attach_b64 != NULL &&
        (att = (char *)mail_base64_decode(r->attach_b64, &att_len)) == NULL)
        goto nomem;
    mail_msg_t m = {.from = cfg->from,
                    .from_name = cfg->from_name,
                    .to = rcpt,
                    .subject = subject,
                    .body = body ? body : r->body,
                    .idem_key = r->idem_key,
                    .date = time(NULL),
                    .tz_minutes = cfg->tz_minutes,
                    .attach_name = r->attach_name,
                    .attach_type = r->attach_type,
                    .attach = att,
                    .attach_len = att_len};
    msg = mail_compose(&m, len);
    if (msg == NULL)
        snprintf(err, errlen, "cannot compose the message (sender %s, recipient %s)", cfg->from,
                 rcpt);
    free(body);
    free(att);
    return msg;
nomem:
    free(body);
    snprintf(err, errlen, "out of memory");
    return NULL;
}

static int64_t backoff_s(const mail_config_t *cfg, int64_t attempts)
{
    int64_t d = cfg->retry_base_s;
    for (int64_t i = 1; i < attempts && d < cfg->retry_max_s; i++)
        d *= 2;
    return d < cfg->retry_max_s ? d : cfg->retry_max_s;
}

/* Claim and deliver one message: 1 delivered, 0 attempted and not, DB_DONE nothing due,
 * or a store error (< 0). */
static int deliver_one(db_t *db, const mail_config_t *cfg)
{
    outbox_row_t r;
    char rcpt[512], err[1000];
    size_t len = 0;
    int64_t now = q_now_micros();
    int rc = outbox_claim(db, now, now + (int64_t)cfg->lease_s * 1000000, &r);
    if (rc != DB_ROW)
        return rc;
    err[0] = '\0';
    char *msg = compose(cfg, &r, rcpt, sizeof rcpt, &len, err, sizeof err);
    int ok = msg != NULL && smtp_send(cfg, rcpt, msg, len, err, sizeof err) == 0;
    int64_t done = q_now_micros(), next = 0;
    if (!ok && msg != NULL && r.attempts < cfg->max_attempts)
        next = done + backoff_s(cfg, r.attempts) * 1000000;
    free(msg);
    rc = outbox_finish(db, r.id, done, ok, err, next);
    if (ok)
        logf_(cfg, "message %lld (%s) sent to %s", (long long)r.id, r.idem_key, rcpt);
    else if (next)
        logf_(cfg, "message %lld (%s) attempt %lld failed: %s; next in %llds", (long long)r.id,
              r.idem_key, (long long)r.attempts, err, (long long)((next - done) / 1000000));
    else
        logf_(cfg, "message %lld (%s) failed after %lld attempt(s): %s", (long long)r.id,
              r.idem_key, (long long)r.attempts, err);
    outbox_row_free(&r);
    if (rc != DB_OK)
        return rc;
    return ok;
}

int mail_deliver_due(db_t *db, const mail_config_t *cfg_in)
{
    mail_config_t cfg = *cfg_in;
    int sent = 0;
    defaults(&cfg);
    if (cfg.smtp_url == NULL || *cfg.smtp_url == '\0' || cfg.from == NULL || *cfg.from == '\0')
        return 0;
    for (;;) {
        int rc = deliver_one(db, &cfg);
        if (rc == DB_DONE)
            return sent;
        if (rc < 0)
            return -1;
        sent += rc;
    }
}

/* ---- the thread ---- */

static void *run(void *arg)
{
    mail_job_t *job = arg;
    pthread_mutex_lock(&job->lock);
    while (!job->stopping) {
        outbox_counts_t c;
        pthread_mutex_unlock(&job->lock);
        if (mail_deliver_due(job->db, &job->cfg) < 0)
            logf_(&job->cfg, "store error: %s", db_errmsg(job->db));
        int got = outbox_counts(job->db, 0, &c) == DB_OK;
        pthread_mutex_lock(&job->lock);
        if (got) {
            job->counts = c;
            job->taken_at = q_now_micros();
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += job->cfg.poll_s;
        while (!job->stopping && !job->woken &&
               pthread_cond_timedwait(&job->wake, &job->lock, &until) != ETIMEDOUT)
            ;
        job->woken = 0;
    }
    pthread_mutex_unlock(&job->lock);
    return NULL;
}

static char *dup_or_null(const char *s)
{
    return s != NULL && *s ? strdup(s) : NULL;
}

int mail_job_start(const char *db_url, const mail_config_t *cfg, mail_job_t **out, char *err,
                   size_t errlen)
{
    mail_job_t *job = calloc(1, sizeof *job);
    *out = NULL;
    if (job == NULL) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    job->cfg = *cfg;
    defaults(&job->cfg);
    const char **fields[] = {&job->cfg.smtp_url, &job->cfg.user,      &job->cfg.password,
                             &job->cfg.from,     &job->cfg.from_name, &job->cfg.fax_gateway};
    for (size_t i = 0; i < 6; i++) {
        job->strings[i] = dup_or_null(*fields[i]);
        *fields[i] = job->strings[i];
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(err, errlen, "cannot initialize libcurl");
        goto fail;
    }
    if (db_open(db_url, &job->db, err, errlen) != DB_OK)
        goto fail;
    pthread_mutex_init(&job->lock, NULL);
    pthread_cond_init(&job->wake, NULL);
    if (pthread_create(&job->thread, NULL, run, job) != 0) {
        snprintf(err, errlen, "cannot start the outbox thread");
        pthread_cond_destroy(&job->wake);
        pthread_mutex_destroy(&job->lock);
        db_close(job->db);
        goto fail;
    }
    if (job->cfg.smtp_url == NULL || job->cfg.from == NULL)
        logf_(&job->cfg, "no SMTP server or sender configured (THADS_SMTP_URL, THADS_SMTP_FROM): "
                         "notifications wait in the outbox");
    *out = job;
    return 0;
fail:
    for (size_t i = 0; i < 6; i++)
        free(job->strings[i]);
    free(job);
    return -1;
}

void mail_job_wake(mail_job_t *job)
{
    if (job == NULL)
        return;
    pthread_mutex_lock(&job->lock);
    job->woken = 1;
    pthread_cond_signal(&job->wake);
    pthread_mutex_unlock(&job->lock);
}

void mail_job_stop(mail_job_t *job)
{
    if (job == NULL)
        return;
    pthread_mutex_lock(&job->lock);
    job->stopping = 1;
    pthread_cond_signal(&job->wake);
    pthread_mutex_unlock(&job->lock);
    pthread_join(job->thread, NULL);
    pthread_cond_destroy(&job->wake);
    pthread_mutex_destroy(&job->lock);
    db_close(job->db);
    for (size_t i = 0; i < 6; i++)
        free(job->strings[i]);
    free(job);
}

void mail_job_counts(mail_job_t *job, outbox_counts_t *out, int64_t *taken_at)
{
    pthread_mutex_lock(&job->lock);
    *out = job->counts;
    *taken_at = job->taken_at;
    pthread_mutex_unlock(&job->lock);
}

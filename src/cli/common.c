/*
 * cli/common.c — helpers shared by subcommands.
 */
#include "cli/cli.h"
#include "embed.h"
#include "ops/case_replay.h"
#include "store/migrate.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cli_env(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && v[0] ? v : fallback;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "thads %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (see 'thads help %s')\n", cmd);
    return 2;
}

int cli_fail(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "thads %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 1;
}

int cli_bad_option(const char *cmd, int argc, char **argv)
{
    extern int optind, optopt;
    const char *arg = optind - 1 < argc && optind > 0 ? argv[optind - 1] : "?";

    if (optopt != 0 && arg[0] == '-' && arg[1] != '-' && arg[1] != optopt)
        return cli_usage_error(cmd, "unknown option '-%c'", optopt);
    return cli_usage_error(cmd, "unknown option or missing value '%s'", arg);
}

int cli_open_db(const char *cmd, const char *url, db_t **out)
{
    char err[512];

    if (db_url_check(url, err, sizeof err) != 0)
        return cli_usage_error(cmd, "%s", err);
    if (db_open(url, out, err, sizeof err) != DB_OK)
        return cli_fail(cmd, "%s", err);
    return 0;
}

int cli_rebuild_stats(const char *cmd, db_t *db, int only_if_needed)
{
    app_t app;
    op_error_t err;
    int rebuilt = 0;

    app_init(&app, NULL, "");
    if (case_replay_rebuild_stats(db, &app, only_if_needed, &rebuilt, &err) != 0)
        return cli_fail(cmd, "cannot rebuild the statistics: %s", err.en);
    if (rebuilt && only_if_needed)
        fprintf(stderr, "%s: statistics rebuilt from the cases' events (migration 0012)\n", cmd);
    return 0;
}

int cli_open_migrated(const char *cmd, const char *url, db_t **out)
{
    int rc = cli_open_db(cmd, url, out);

    if (rc != 0)
        return rc;
    if (migrate_apply(*out, embedded_migrations, NULL, NULL, NULL) != DB_OK)
        rc = cli_fail(cmd, "cannot migrate %s: %s", url, db_errmsg(*out));
    else
        rc = cli_rebuild_stats(cmd, *out, 1);
    if (rc != 0) {
        db_close(*out);
        *out = NULL;
    }
    return rc;
}

char *cli_read_file(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL, *nb;
    size_t n = 0, cap = 0, got;

    if (f == NULL)
        return NULL;
    do {
        if (n == cap) {
            if (cap > max) { /* one byte past max was read: the file is too large */
                errno = EFBIG;
                goto fail;
            }
            cap = cap ? cap * 2 : 8192;
            if (cap > max + 1)
                cap = max + 1;
            if ((nb = realloc(buf, cap + 1)) == NULL)
                goto fail;
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    if (ferror(f))
        goto fail;
    fclose(f);
    if (buf == NULL && (buf = malloc(1)) == NULL)
        return NULL;
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
fail:
    free(buf);
    fclose(f);
    return NULL;
}

int cli_load_calendar(const char *cmd, const char *path, calendar_t **out)
{
    char err[256], *text = NULL;
    const char *csv;
    int rc;

    if (path != NULL) {
        text = cli_read_file(path, 4u << 20, NULL);
        if (text == NULL)
            return cli_fail(cmd, "cannot read holidays file %s: %s", path, strerror(errno));
        csv = text;
    } else {
        const embedded_file_t *f = embed_find(embedded_data, "holidays.csv");
        csv = f ? (const char *)f->data : "";
        path = "data/holidays.csv (built in)";
    }
    rc = calendar_build(csv, out, err, sizeof err);
    free(text);
    if (rc != 0)
        return cli_fail(cmd, "%s: %s", path, err);
    return 0;
}

const char *cli_shown(const char *s, char buf[64])
{
    size_t i = 0;

    for (; i < 40 && s[i]; i++)
        buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
    if (s[i]) {
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) /* inside a character */
            i--;
        memcpy(buf + i, "…", sizeof "…");
    } else {
        buf[i] = '\0';
    }
    return buf;
}

int cli_import_finish(const cli_import_end_t *e)
{
    char route[64], detail[400];

    if (e->dry_run) {
        db_rollback(e->db);
        if (e->skip || e->bad == 0) {
            if (e->show)
                e->show(e->show_arg);
            printf("dry run: would import %ld %s, skip %ld bad rows\n", e->created, e->kind,
                   e->bad);
        } else {
            printf("dry run: %ld bad rows, so nothing would be imported (%ld rows are good)\n",
                   e->bad, e->created);
        }
        return e->bad > 0;
    }
    if (e->bad > 0 && !e->skip) {
        db_rollback(e->db);
        return cli_fail(e->cmd,
                        "%s: %ld bad rows; nothing imported (fix them, or use --skip-bad-rows)",
                        e->file, e->bad);
    }
    if (e->created == 0) {
        db_rollback(e->db);
    } else {
        int rc;
        snprintf(route, sizeof route, "thads import %s", e->kind);
        snprintf(detail, sizeof detail, "%ld %s from %s", e->created, e->kind, e->file);
        if ((rc = cli_audit_commit(e->cmd, e->db, e->now, route, NULL, detail)) != 0)
            return rc;
    }
    if (e->show)
        e->show(e->show_arg);
    printf("imported %ld %s, skipped %ld bad rows\n", e->created, e->kind, e->bad);
    return e->bad > 0;
}

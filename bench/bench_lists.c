/*
 * bench/bench_lists.c — a page of the case list and of the worklist on a large database
 * against the same page on a small one (issue 18).
 *
 * usage: bench_lists [CASES]     CASES defaults to 1,000,000
 *        THADS_BENCH_PG=URL      also on PostgreSQL (make bench starts a throw-away
 *                                server): a fresh schema of CASES_PG cases (default
 *                                CASES), written at every run and left there for
 *                                bench_serve (schema bench_lists_big); BENCH_LISTS_PG=0
 *                                skips it; BENCH_LISTS_PG_KEEP=1 reads the one left
 *                                there if it holds CASES_PG cases (writing it: 7 min)
 *        BENCH_LISTS_CACHE=DIR   where the large SQLite database is kept between runs
 *                                (default build/bench-cache)
 *
 * The data: a ministry, its department, 34 provinces of 10 regional offices each; one
 * province ("big") holds a quarter of the cases, the others share the rest evenly. Each
 * office has two officers. Cases carry a realistic mix of states and categories, a
 * received date over ten years, and half of them an open deadline (due from 60 days ago
 * to 60 days ahead) besides a closed one. The large database is written once, straight
 * into the tables (the list reads nothing else), and kept under build/: writing it takes
 * a minute, reading a page a millisecond. Its schema is brought up to date (migrations)
 * at every run.
 *
 * What is timed is the store's list call (cases_list, deadlines_worklist) — what GET
 * /api/cases and GET /api/worklist run — for a leader of the nation, of the big
 * province and of one office, with each filter the API offers, first page and a deep
 * page (the cursor after 20 pages). Each figure stands beside the same call on a
 * 3,000-case database with the same shape, so the ratio says how a page grows with the
 * caseload: O(page + log n) means about 1x, O(cases in scope) means the ratio of sizes.
 */
#include "common.h"
#include "core/case.h"
#include "core/case_kind.h"
#include "core/civil_date.h"
#include "embed.h"
#include "store/cases.h"
#include "store/db.h"
#include "store/migrate.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define PROVINCES 34
#define OFFICES   10 /* per province */
#define SMALL     3000

typedef struct {
    int64_t nation, big, office, officer; /* ids of the scopes measured */
    int64_t cases;
} shape_t;

static void exec(db_t *db, const char *sql)
{
    if (db_exec_script(db, sql) != DB_OK)
        bench_fail("%s: %s", sql, db_errmsg(db));
}

static db_stmt_t *prep(db_t *db, const char *sql)
{
    db_stmt_t *st;
    if (db_prepare(db, sql, &st) != DB_OK)
        bench_fail("%s: %s", sql, db_errmsg(db));
    return st;
}

static void run(db_stmt_t *st, db_t *db)
{
    if (db_step(st) != DB_DONE)
        bench_fail("insert: %s", db_errmsg(db));
    db_reset(st);
}

static void date_text(civil_date_t d, char buf[11])
{
    civil_date_format(d, buf);
}

/* Unit ids are assigned here: 1 ministry, 2 department, 3.. provinces, then offices. */
static int64_t province_id(int p)
{
    return 3 + p;
}
static int64_t office_id(int p, int o)
{
    return 3 + PROVINCES + (int64_t)p * OFFICES + o;
}
static int64_t officer_id(int p, int o, int k)
{
    return 1 + ((int64_t)p * OFFICES + o) * 2 + k;
}

static void make_units(db_t *db)
{
    db_stmt_t *u = prep(db, "INSERT INTO unit (id, code, name_vi, kind, valid_from, created_at) "
                            "VALUES ($1, $2, $3, $4, '2015-01-01', 0)");
    db_stmt_t *p = prep(db, "INSERT INTO unit_parent (unit_id, parent_id, valid_from) "
                            "VALUES ($1, $2, '2015-01-01')");
    db_stmt_t *a = prep(db, "INSERT INTO app_user (id, username, full_name, unit_id, "
                            "password_hash, created_at, password_changed_at) "
                            "VALUES ($1, $2, $3, $4, 'x', 0, 0)");
    char code[32], name[64];

    db_bind_int64(u, 1, 1), db_bind_text(u, 2, "BTP"), db_bind_text(u, 3, "Bộ Tư pháp");
    db_bind_text(u, 4, "ministry"), run(u, db);
    db_bind_int64(u, 1, 2), db_bind_text(u, 2, "CUC"), db_bind_text(u, 3, "Cục THADS");
    db_bind_text(u, 4, "central_department"), run(u, db);
    db_bind_int64(p, 1, 2), db_bind_int64(p, 2, 1), run(p, db);
    for (int i = 0; i < PROVINCES; i++) {
        snprintf(code, sizeof code, "P%02d", i);
        snprintf(name, sizeof name, "THADS tỉnh %d", i);
        db_bind_int64(u, 1, province_id(i)), db_bind_text(u, 2, code), db_bind_text(u, 3, name);
        db_bind_text(u, 4, "provincial_agency"), run(u, db);
        db_bind_int64(p, 1, province_id(i)), db_bind_int64(p, 2, 2), run(p, db);
        for (int o = 0; o < OFFICES; o++) {
            snprintf(code, sizeof code, "P%02d-KV%d", i, o);
            snprintf(name, sizeof name, "Phòng THADS khu vực %d tỉnh %d", o, i);
            db_bind_int64(u, 1, office_id(i, o)), db_bind_text(u, 2, code);
            db_bind_text(u, 3, name), db_bind_text(u, 4, "regional_office"), run(u, db);
            db_bind_int64(p, 1, office_id(i, o)), db_bind_int64(p, 2, province_id(i)), run(p, db);
            for (int k = 0; k < 2; k++) {
                snprintf(code, sizeof code, "cv%d_%d_%d", i, o, k);
                db_bind_int64(a, 1, officer_id(i, o, k)), db_bind_text(a, 2, code);
                db_bind_text(a, 3, "Nguyễn Văn A"), db_bind_int64(a, 4, office_id(i, o));
                run(a, db);
            }
        }
    }
    db_finalize(u), db_finalize(p), db_finalize(a);
}

static void make_cases(db_t *db, int64_t n, civil_date_t today)
{
    /* The mix of states (per thousand) and their buckets. */
    static const struct {
        case_state_t s;
        int per_mille;
    } mix[] = {
        {CASE_STATE_COMPLETED, 560},    {CASE_STATE_ENFORCING, 140},
        {CASE_STATE_NOT_ELIGIBLE, 160}, {CASE_STATE_TERMINATED, 50},
        {CASE_STATE_POSTPONED, 30},     {CASE_STATE_RECEIVED, 30},
        {CASE_STATE_SUSPENDED, 10},     {CASE_STATE_VOLUNTARY_PERIOD, 20},
    };
    db_stmt_t *c = prep(
        db, "INSERT INTO enforcement_case (id, unit_id, case_no, year, source, category, state, "
            "stat_bucket, officer_user_id, received_on, state_on, last_event_on, next_due_on, "
            "amount_vnd, last_hash, created_at) VALUES ($1, $2, $3, $4, 'ex_officio', $5, $6, $7, "
            "$8, $9, $9, $9, $10, 1000000, 'x', 0)");
    db_stmt_t *d = prep(db, "INSERT INTO case_deadline (case_id, unit_id, officer_user_id, "
                            "rule_id, opened_seq, trigger_on, due_on, closed_seq, closed_on, "
                            "outcome) VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9)");
    uint64_t rng = 18;
    bench_progress_t pr;
    char no[32], rec[11], due[11];

    bench_progress_start(&pr, "writing cases", n);
    for (int64_t id = 1; id <= n; id++) {
        uint64_t r = bench_rng(&rng);
        int prov = (r % 4 == 0) ? 0 : 1 + (int)((r >> 2) % (PROVINCES - 1));
        int off = (int)((r >> 12) % OFFICES), k = (int)((r >> 20) & 1);
        int pm = (int)((r >> 24) % 1000), s = 0, acc = 0;
        civil_date_t received = today - 3650 + (civil_date_t)((id * 3650) / (n + 1));
        int open = (r >> 40) & 1;
        civil_date_t next_due = today - 60 + (civil_date_t)((r >> 44) % 120);
        case_state_t st;

        for (s = 0; s < (int)(sizeof mix / sizeof mix[0]); s++)
            if (pm < (acc += mix[s].per_mille))
                break;
        if (s == (int)(sizeof mix / sizeof mix[0]))
            s = 0;
        st = mix[s].s;
        snprintf(no, sizeof no, "%" PRId64 "/QĐ", id);
        date_text(received, rec);
        date_text(next_due, due);
        db_bind_int64(c, 1, id);
        db_bind_int64(c, 2, office_id(prov, off));
        db_bind_text(c, 3, no);
        db_bind_int64(c, 4, 2016 + (id * 10) / (n + 1));
        db_bind_text(c, 5, case_category_code((case_category_t)((r >> 32) % CASE_CATEGORY_COUNT)));
        db_bind_text(c, 6, case_state_code(st));
        db_bind_text(c, 7, case_stat_code(case_stat_bucket(st)));
        if ((r >> 60) % 8 == 0)
            db_bind_null(c, 8);
        else
            db_bind_int64(c, 8, officer_id(prov, off, k));
        db_bind_text(c, 9, rec);
        if (open)
            db_bind_text(c, 10, due);
        else
            db_bind_null(c, 10);
        run(c, db);
        /* a closed deadline, and half the cases an open one */
        db_bind_int64(d, 1, id), db_bind_int64(d, 2, office_id(prov, off));
        db_bind_int64(d, 3, officer_id(prov, off, k)), db_bind_text(d, 4, "D7");
        db_bind_text(d, 5, rec), db_bind_text(d, 6, rec), db_bind_int64(d, 7, 2);
        db_bind_text(d, 8, rec), db_bind_text(d, 9, "met"), run(d, db);
        if (open) {
            db_bind_int64(d, 1, id), db_bind_int64(d, 2, office_id(prov, off));
            db_bind_int64(d, 3, officer_id(prov, off, k)), db_bind_text(d, 4, "D10");
            db_bind_text(d, 5, rec), db_bind_text(d, 6, due), db_bind_null(d, 7);
            db_bind_null(d, 8), db_bind_null(d, 9), run(d, db);
        }
        if (id % 10000 == 0)
            bench_progress_update(&pr, id);
    }
    bench_progress_end(&pr);
    db_finalize(c), db_finalize(d);
}

static void build(db_t *db, int64_t n, civil_date_t today)
{
    if (migrate_apply(db, embedded_migrations, NULL, NULL, NULL) != DB_OK)
        bench_fail("migrate: %s", db_errmsg(db));
    /* SQLite: a big page cache and no WAL; PostgreSQL: the inserts pipelined */
    if (db_bulk_begin(db, 256) != DB_OK)
        bench_fail("bulk: %s", db_errmsg(db));
    if (db_begin(db) != DB_OK)
        bench_fail("begin: %s", db_errmsg(db));
    make_units(db);
    make_cases(db, n, today);
    exec(db, "CREATE TABLE bench_lists_meta (cases BIGINT NOT NULL)");
    {
        db_stmt_t *m = prep(db, "INSERT INTO bench_lists_meta VALUES ($1)");
        db_bind_int64(m, 1, n), run(m, db), db_finalize(m);
    }
    /* the rows above chose their ids: PostgreSQL's sequences must start after them, for
     * the rows thads adds later (bench_serve's leaders) */
    if (db_engine(db) == DB_ENGINE_POSTGRES)
        exec(db, "SELECT setval(pg_get_serial_sequence('unit', 'id'), (SELECT MAX(id) FROM unit)), "
                 "setval(pg_get_serial_sequence('app_user', 'id'), (SELECT MAX(id) FROM "
                 "app_user)), setval(pg_get_serial_sequence('enforcement_case', 'id'), "
                 "(SELECT MAX(id) FROM enforcement_case))");
    if (db_commit(db) != DB_OK)
        bench_fail("commit: %s", db_errmsg(db));
    if (db_bulk_end(db) != DB_OK)
        bench_fail("bulk end: %s", db_errmsg(db));
    /* PostgreSQL: the visibility map too, as autovacuum leaves it minutes after a load.
     * Without it every index-only scan reads the table: the nation's worklist took 30 ms a
     * page on the schema just written, 4.8 ms on the same schema once vacuumed. */
    exec(db, db_engine(db) == DB_ENGINE_POSTGRES ? "VACUUM ANALYZE" : "ANALYZE");
}

/* Open (and write once) the database of n cases at url; its schema brought up to date. */
static db_t *open_db(const char *url, int64_t n, civil_date_t today, int cached)
{
    char err[512];
    int64_t have = -1;
    db_t *db;

    if (db_open(url, &db, err, sizeof err) != DB_OK)
        bench_fail("%s", err);
    if (cached && db_query_int64(db, "SELECT cases FROM bench_lists_meta", &have) == DB_ROW &&
        have == n) {
        fprintf(stderr, "bench_lists: %s: %" PRId64 " cases, cached\n", url, n);
        if (migrate_apply(db, embedded_migrations, NULL, NULL, NULL) != DB_OK)
            bench_fail("migrate: %s", db_errmsg(db));
        exec(db, "ANALYZE");
        return db;
    }
    if (have >= 0)
        bench_fail("%s holds another data set: remove it", url);
    build(db, n, today);
    return db;
}

/* ---- timing ---- */

typedef struct {
    int rows;
    int64_t last;
    civil_date_t due; /* the worklist's cursor */
} count_t;

static int count_case(const case_row_t *c, void *arg)
{
    count_t *k = arg;
    k->rows++;
    k->last = c->id;
    return 0;
}

static int count_deadline(const deadline_row_t *d, void *arg)
{
    count_t *k = arg;
    k->rows++;
    k->last = d->id;
    k->due = d->due_on;
    return 0;
}

typedef struct {
    const char *label;
    int worklist;
    case_filter_t f;     /* root_unit set per database */
    int scope;           /* 0 nation, 1 big province, 2 one office */
    int deep;            /* start 20 pages in */
    int64_t officer_arg; /* worklist: 1 = the officer */
} probe_t;

/* Milliseconds per page (mean of reps taking about 0.3 s, at least 3), rows of the page. */
static double time_probe(db_t *db, const shape_t *s, const probe_t *p, int *rows)
{
    int64_t roots[3] = {s->nation, s->big, s->office};
    case_filter_t f = p->f;
    civil_date_t today = f.today;
    count_t k = {0, 0, 0};
    double t0, elapsed = 0;
    int reps = 0;

    deadline_filter_t w = {.root_unit = roots[p->scope],
                           .officer_user_id = p->officer_arg ? s->officer : 0,
                           .today = today,
                           .until = today + 14,
                           .limit = f.limit};

    f.root_unit = roots[p->scope];
    if (f.officer_user_id)
        f.officer_user_id = s->officer;
    if (p->deep && p->worklist) {
        for (int i = 0; i < 20; i++) {
            k = (count_t){0, 0, 0};
            if (deadlines_worklist(db, &w, count_deadline, &k) != DB_OK)
                bench_fail("worklist: %s", db_errmsg(db));
            if (k.rows < w.limit)
                break;
            w.after_due = k.due, w.after_id = k.last;
        }
    }
    if (p->deep && !p->worklist) {
        for (int i = 0; i < 20; i++) {
            k = (count_t){0, 0, 0};
            if (cases_list(db, &f, count_case, &k) != DB_OK)
                bench_fail("list: %s", db_errmsg(db));
            if (k.rows < f.limit)
                break;
            f.before_id = k.last;
        }
    }
    while (reps < 3 || (elapsed < 0.3 && reps < 2000)) {
        k = (count_t){0, 0, 0};
        t0 = bench_now();
        if (p->worklist) {
            if (deadlines_worklist(db, &w, count_deadline, &k) != DB_OK)
                bench_fail("worklist: %s", db_errmsg(db));
        } else if (cases_list(db, &f, count_case, &k) != DB_OK) {
            bench_fail("list: %s", db_errmsg(db));
        }
        elapsed += bench_now() - t0;
        reps++;
    }
    *rows = k.rows;
    return elapsed * 1000 / reps;
}

static void bench_engine(const char *engine, db_t *big, const shape_t *bs, db_t *small,
                         const shape_t *ss, civil_date_t today)
{
    static const char *scopes[] = {"nation", "province", "office"};
    const probe_t probes[] = {
        {"cases", 0, {.limit = 50}, 0, 0, 0},
        {"cases", 0, {.limit = 50}, 1, 0, 0},
        {"cases deep page", 0, {.limit = 50}, 1, 1, 0},
        {"cases", 0, {.limit = 50}, 2, 0, 0},
        {"cases state=enforcing", 0, {.limit = 50, .state = "enforcing"}, 1, 0, 0},
        {"cases state=suspended", 0, {.limit = 50, .state = "suspended"}, 0, 0, 0},
        {"cases category=credit", 0, {.limit = 50, .category = "credit"}, 1, 0, 0},
        {"cases officer", 0, {.limit = 50, .officer_user_id = 1}, 1, 0, 0},
        {"cases eligible=no", 0, {.limit = 50, .eligible = 2}, 1, 0, 0},
        {"cases eligible=yes", 0, {.limit = 50, .eligible = 1}, 1, 0, 0},
        {"cases overdue", 0, {.limit = 50, .overdue = 1}, 1, 0, 0},
        {"cases received 2020",
         0,
         {.limit = 50,
          .received_from = civil_date_from_ymd(2020, 1, 1),
          .received_to = civil_date_from_ymd(2020, 12, 31)},
         1,
         0,
         0},
        {"worklist", 1, {.limit = 50}, 1, 0, 0},
        {"worklist deep page", 1, {.limit = 50}, 1, 1, 0},
        {"worklist", 1, {.limit = 50}, 0, 0, 0},
        {"worklist deep page", 1, {.limit = 50}, 0, 1, 0},
        {"worklist officer", 1, {.limit = 50}, 1, 0, 1},
    };

    for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        probe_t p = probes[i];
        int rb, rs;
        double tb, ts;

        p.f.today = today;
        if (p.f.received_from == 0)
            p.f.received_from = CIVIL_DATE_INVALID, p.f.received_to = CIVIL_DATE_INVALID;
        tb = time_probe(big, bs, &p, &rb);
        ts = time_probe(small, ss, &p, &rs);
        printf("lists/%-6s %-24s %-8s %8" PRId64 " cases %9.3f ms/page (%d rows)  "
               "(%d cases: %.3f ms, x%.1f for x%" PRId64 " cases)  expect %s\n",
               engine, p.label, scopes[p.scope], bs->cases, tb, rb, SMALL, ts, tb / ts,
               bs->cases / ss->cases,
               p.f.received_from != CIVIL_DATE_INVALID ? "O(cases received in the range)"
                                                       : "O(page + units x log n)");
        fflush(stdout);
    }
}

static void shape_of(shape_t *s, int64_t n)
{
    s->nation = 1;
    s->big = province_id(0);
    s->office = office_id(0, 3);
    s->officer = officer_id(0, 3, 1);
    s->cases = n;
}

/* The url of schema in the database at url (its search_path), into out; the schema made
 * afresh (PG_FRESH), dropped (PG_DROP), or made only if missing (PG_KEEP). */
enum { PG_FRESH, PG_DROP, PG_KEEP };
static void pg_schema(const char *url, const char *schema, char *out, size_t len, int how)
{
    char err[512], sql[256];
    db_t *admin;

    if (db_open(url, &admin, err, sizeof err) != DB_OK)
        bench_fail("%s", err);
    if (how == PG_KEEP)
        snprintf(sql, sizeof sql, "CREATE SCHEMA IF NOT EXISTS %s", schema);
    else
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE%s%s", schema,
                 how == PG_DROP ? "" : "; CREATE SCHEMA ", how == PG_DROP ? "" : schema);
    exec(admin, sql);
    db_close(admin);
    snprintf(out, len, "%s%soptions=-csearch_path%%3D%s", url, strchr(url, '?') ? "&" : "?",
             schema);
}

static int env_is(const char *name, const char *value)
{
    const char *v = getenv(name);
    return v != NULL && strcmp(v, value) == 0;
}

int main(int argc, char **argv)
{
    const char *pg = getenv("THADS_BENCH_PG"), *cache = getenv("BENCH_LISTS_CACHE");
    static const char *files[] = {"small.db"};
    civil_date_t today = civil_date_of_utc(time(NULL));
    int64_t n = 1000000;
    char path[4200], url[4300];
    shape_t bs, ss;
    db_t *big, *small;

    bench_set_name("bench_lists");
    if (argc > 2 || (argc == 2 && strcmp(argv[1], "--help") == 0)) {
        fprintf(stderr, "usage: bench_lists [CASES]   (default 1000000)\n");
        return 2;
    }
    if (argc == 2) {
        char *end;
        errno = 0;
        n = strtoll(argv[1], &end, 10);
        if (errno != 0 || *end != '\0' || n < 10000 || n > 100000000) {
            fprintf(stderr, "bench_lists: CASES must be a number from 10000 to 100000000\n");
            return 2;
        }
    }
    if (bench_make_tmp_dir("thads-bench-lists", files, 1) != 0)
        return 1;
    if (cache == NULL || cache[0] == '\0')
        cache = "build/bench-cache";
    mkdir(cache, 0755);
    shape_of(&bs, n);
    shape_of(&ss, SMALL);

    snprintf(url, sizeof url, "sqlite:%s/small.db", bench_tmp_dir);
    small = open_db(url, SMALL, today, 0);
    snprintf(path, sizeof path, "%s/lists-%" PRId64 ".db", cache, n);
    snprintf(url, sizeof url, "sqlite:%s", path);
    big = open_db(url, n, today, 1);
    bench_engine("sqlite", big, &bs, small, &ss, today);
    db_close(big), db_close(small);

    if (pg != NULL && pg[0] != '\0' && !env_is("BENCH_LISTS_PG", "0")) {
        const char *pn = getenv("CASES_PG");
        int64_t npg = pn ? strtoll(pn, NULL, 10) : n;
        shape_t ps;
        double t0;

        if (npg < 10000)
            npg = 10000;
        shape_of(&ps, npg);
        int keep = env_is("BENCH_LISTS_PG_KEEP", "1");

        pg_schema(pg, "bench_lists_small", url, sizeof url, PG_FRESH);
        small = open_db(url, SMALL, today, 0);
        pg_schema(pg, "bench_lists_big", url, sizeof url, keep ? PG_KEEP : PG_FRESH);
        t0 = bench_now();
        big = open_db(url, npg, today, keep);
        fprintf(stderr, "bench_lists: PostgreSQL: %" PRId64 " cases ready in %.0f s\n", npg,
                bench_now() - t0);
        bench_engine("pg", big, &ps, small, &ss, today);
        db_close(big), db_close(small);
        /* the big schema stays for bench_serve; the next run writes it again unless kept */
        pg_schema(pg, "bench_lists_small", url, sizeof url, PG_DROP);
    }
    return 0;
}

/*
 * bench/bench_import.c — `thads import cases` end to end: generate a CSV of legacy
 * cases, import it into a fresh database with the release binary, report rows/s
 * and the importer's peak resident set (the goal on SQLite: 256 MiB).
 *
 * usage: bench_import [ROWS [PG_ROWS]]    ROWS defaults to 1,000,000 (SQLite),
 *                                         PG_ROWS to 100,000
 *        THADS_BENCH_PG=postgresql://...  also import PG_ROWS rows into PostgreSQL
 *        THADS_BIN=path/to/thads          default: ../thads next to this binary
 *        BENCH_IMPORT_KEEP=1              keep the files and print where they are
 *        BENCH_IMPORT_RUNS=N              SQLite imports to time, each into a fresh copy
 *                                         of the set-up database (default 3)
 *        bench_import --csv FILE ROWS     only write the file (to profile an import)
 *
 * The data: 20 enforcement units (4 provinces, each a provincial agency and 4 regional
 * offices) with 2 officers each; cases received 2016..last month, a realistic mix of
 * statuses (58% completed, 28% in progress — most of those not eligible —, 5%
 * terminated, 3% postponed, 3% received, 2% entrusted away, 1% suspended), five
 * categories, amounts log-uniform from 500,000 đồng to 5 billion, Vietnamese names,
 * CCCD numbers for 80% of the people, a third of the judgments shared by two cases
 * (an ex-officio court fee and a private debt), 85% of the cases with an officer.
 * Fixed seed: every run imports the same file.
 *
 * What is timed is the one command an administrator runs, `thads import cases
 * FILE.csv`, from exec to exit: reading, checking, case_op_create and the events of
 * every row, the commit (one fsync on SQLite, synchronous=FULL) and the checkpoint
 * that follows it. The units and officers are set up before, untimed. On SQLite the
 * import runs three times, each into a fresh copy of the set-up database, and the
 * figure is the fastest, the others printed beside it: on a shared virtual machine the
 * same run varies by a fifth from one minute to the next (other tenants), and the
 * fastest is the closest to what the work itself costs.
 *
 * Figures on stdout, one line each; the import's own output on stderr.
 */
#include "store/db.h"

#include <errno.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_ROWS    1000000
#define DEFAULT_PG_ROWS 100000
#define PROVINCES       4
#define OFFICES         4 /* regional offices per province */
#define OFFICERS        2 /* per unit */
#define NUNITS          (PROVINCES * (1 + OFFICES))

static char tmp_dir[4096];
static char thads_bin[PATH_MAX];
static int keep;

static void remove_tmp_dir(void)
{
    char cmd[4200];

    if (tmp_dir[0] == '\0' || keep)
        return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_import: could not remove %s\n", tmp_dir);
    tmp_dir[0] = '\0';
}

static void on_signal(int sig)
{
    /* Only unlink-like work is async-signal-safe; leave the directory to bench.sh's
     * cleanup (it removes $TMPDIR) and die with the signal. */
    signal(sig, SIG_DFL);
    raise(sig);
}

static uint64_t rng_below(uint64_t *s, uint64_t n)
{
    return bench_rng(s) % n;
}

/* A uniform draw in [0, 1). */
static double rng_unit(uint64_t *s)
{
    return (double)(bench_rng(s) >> 11) / 9007199254740992.0;
}

/* ---- the data ---- */

static const char *const provinces[PROVINCES][2] = {
    {"NA", "Nghệ An"}, {"HT", "Hà Tĩnh"}, {"TH", "Thanh Hóa"}, {"QB", "Quảng Bình"}};
static const char *const family[] = {"Nguyễn", "Trần", "Lê",    "Phạm", "Hoàng", "Huỳnh",
                                     "Phan",   "Vũ",   "Võ",    "Đặng", "Bùi",   "Đỗ",
                                     "Hồ",     "Ngô",  "Dương", "Lý"};
static const char *const middle[] = {"Văn",  "Thị",   "Hữu",  "Đức", "Minh",
                                     "Ngọc", "Thanh", "Quốc", "Thu", "Gia"};
static const char *const given[] = {"An",    "Bình",  "Châu",  "Dũng", "Giang", "Hà",
                                    "Hải",   "Hương", "Khánh", "Lan",  "Long",  "Mai",
                                    "Nam",   "Nhung", "Phúc",  "Quân", "Sơn",   "Thảo",
                                    "Trang", "Tuấn",  "Uyên",  "Việt", "Xuân",  "Yến"};
static const char *const banks[] = {
    "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam - Chi nhánh tỉnh %s",
    "Ngân hàng TMCP Công thương Việt Nam - Chi nhánh %s",
    "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam - Chi nhánh %s",
    "Ngân hàng TMCP Ngoại thương Việt Nam - Chi nhánh %s",
    "Ngân hàng Chính sách xã hội - Chi nhánh tỉnh %s"};
static const char *const firms[] = {"Công ty TNHH Thương mại %s %s",
                                    "Công ty cổ phần Xây dựng %s %s", "Công ty TNHH Vận tải %s %s",
                                    "Hợp tác xã Nông nghiệp %s %s"};
static const char *const communes[] = {"Hưng Lộc", "Nghi Phú",  "Diễn Thành", "Quỳnh Lưu",
                                       "Thạch Hà", "Cẩm Xuyên", "Hoằng Hóa",  "Đồng Hới"};
#define N(a) (sizeof(a) / sizeof((a)[0]))

#define NAME_MAX_BYTES 160

static void person_name(uint64_t *s, char *out)
{
    snprintf(out, NAME_MAX_BYTES, "%s %s %s", family[rng_below(s, N(family))],
             middle[rng_below(s, N(middle))], given[rng_below(s, N(given))]);
}

static void cccd(uint64_t *s, char *out)
{
    /* 0 + province code (3 digits) + sex/century + year + serial: 12 digits. */
    snprintf(out, 13, "0%02d%d%02d%06d", (int)rng_below(s, 96) + 1, (int)rng_below(s, 4),
             (int)rng_below(s, 100), (int)rng_below(s, 1000000));
}

static void tax_code(uint64_t *s, char *out)
{
    snprintf(out, 11, "29%08d", (int)rng_below(s, 100000000));
}

static int days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int z, char out[11])
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(y + (m <= 2)) % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

static void unit_code(int u, char *out)
{
    int p = u / (1 + OFFICES), k = u % (1 + OFFICES);

    if (k == 0)
        snprintf(out, 16, "THADS-%s", provinces[p][0]);
    else
        snprintf(out, 16, "%s-KV%d", provinces[p][0], k);
}

static void write_units(const char *path)
{
    FILE *f = fopen(path, "w");

    if (f == NULL)
        bench_fail("cannot write %s: %s", path, strerror(errno));
    fprintf(f, "code,name,kind,parent_code,valid_from,valid_to\n"
               "BTP,Bộ Tư pháp,ministry,,1945-08-28,\n"
               "CQLTHADS,Cục Quản lý thi hành án dân sự,central_department,BTP,2009-01-01,\n");
    for (int p = 0; p < PROVINCES; p++) {
        fprintf(f, "THADS-%s,Thi hành án dân sự tỉnh %s,provincial_agency,CQLTHADS,2009-01-01,\n",
                provinces[p][0], provinces[p][1]);
        for (int k = 1; k <= OFFICES; k++)
            fprintf(f,
                    "%s-KV%d,Phòng Thi hành án dân sự khu vực %d - %s,regional_office,THADS-%s,"
                    "2009-01-01,\n",
                    provinces[p][0], k, k, provinces[p][1], provinces[p][0]);
    }
    fclose(f);
}

typedef struct {
    const char *status, *eligible;
    int weight; /* per thousand */
} mix_t;

/* The mix of statuses, per thousand rows (THADS.md 5.3: most eligible cases end; the
 * not eligible are the bulk of what stays open). */
static const mix_t mix[] = {
    {"completed", "yes", 560},  {"completed", "", 20},      {"in_progress", "yes", 80},
    {"in_progress", "no", 170}, {"in_progress", "", 30},    {"terminated", "yes", 30},
    {"terminated", "no", 20},   {"postponed", "yes", 20},   {"postponed", "no", 10},
    {"received", "", 30},       {"entrusted_away", "", 20}, {"suspended", "yes", 10},
};

static const char *const categories[] = {"civil", "criminal_civil", "credit", "corruption",
                                         "administrative"};
static const int category_weight[] = {600, 280, 80, 30, 10};

/* Write ROWS cases to path. */
static void write_cases(const char *path, long rows)
{
    uint64_t s = 20261123;
    FILE *f = fopen(path, "w");
    time_t t = time(NULL);
    struct tm tm;
    int today, first = days_from_civil(2016, 1, 1), last;
    long seq[NUNITS] = {0};
    char jno[64] = "", jdate[11] = "", court[200] = "";
    int junit = -1, prev_received = 0;

    if (f == NULL)
        bench_fail("cannot write %s: %s", path, strerror(errno));
    gmtime_r(&t, &tm);
    today = days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    last = today - 40; /* status dates stay at least 30 days after receipt, before today */
    fprintf(f, "unit_code,case_no,received_on,source,category,judgment_no,judgment_date,court,"
               "debtor_name,debtor_id_no,debtor_kind,creditor_name,amount_vnd,status,eligible,"
               "collected_vnd,status_on,officer,creditor_id_no,creditor_kind,debtor_address\n");
    for (long i = 0; i < rows; i++) {
        int shared = i > 0 && rng_below(&s, 3) == 0;
        int u = shared ? junit : (int)rng_below(&s, NUNITS), p = u / (1 + OFFICES);
        int received = shared ? prev_received + (int)rng_below(&s, 5)
                              : first + (int)rng_below(&s, (uint64_t)(last - first));
        int w = (int)rng_below(&s, 1000), k = 0, c = 0, status_on;
        const mix_t *m;
        const char *source, *cat;
        char ucode[16], rec[11], son[11], debtor[NAME_MAX_BYTES], did[16] = "", addr[200];
        char creditor[300] = "", cid[16] = "", officer[32] = "";
        const char *dkind = "person", *ckind = "";
        int64_t amount, collected = 0;

        for (int acc = mix[0].weight; w >= acc; acc += mix[++k].weight)
            ;
        m = &mix[k];
        w = (int)rng_below(&s, 1000);
        for (int acc = category_weight[0]; w >= acc; acc += category_weight[++c])
            ;
        cat = categories[c];
        source = rng_below(&s, 10) < 6 ? "application" : "ex_officio";
        if (shared)
            source = "ex_officio"; /* the court fee of the judgment of the previous row */
        unit_code(u, ucode);
        prev_received = received;
        civil_from_days(received, rec);
        status_on =
            strcmp(m->status, "received") == 0 ? received : received + 30 + (int)rng_below(&s, 700);
        if (status_on > today)
            status_on = today;
        civil_from_days(status_on, son);
        if (!shared) {
            static const char *const suffix[] = {"DS-ST", "HS-ST", "KDTM-ST", "HS-ST", "HC-ST"};
            snprintf(jno, sizeof jno, "%d/%d/%s", (int)rng_below(&s, 400) + 1,
                     2015 + (int)((received - first) / 366), suffix[c]);
            civil_from_days(received - 20 - (int)rng_below(&s, 300), jdate);
            snprintf(court, sizeof court, "Tòa án nhân dân khu vực %d - %s",
                     (int)rng_below(&s, 12) + 1, provinces[p][1]);
            junit = u;
        }
        if (rng_below(&s, 10) == 0) {
            dkind = "organization";
            snprintf(debtor, sizeof debtor, firms[rng_below(&s, N(firms))],
                     given[rng_below(&s, N(given))], provinces[p][1]);
            tax_code(&s, did);
        } else {
            person_name(&s, debtor);
            if (rng_below(&s, 5) != 0)
                cccd(&s, did);
        }
        snprintf(addr, sizeof addr, "Xã %s, tỉnh %s", communes[rng_below(&s, N(communes))],
                 provinces[p][1]);
        if (strcmp(source, "application") == 0 || rng_below(&s, 10) < 3) {
            if (strcmp(cat, "credit") == 0) {
                snprintf(creditor, sizeof creditor, banks[rng_below(&s, N(banks))],
                         provinces[p][1]);
                ckind = "organization";
                tax_code(&s, cid);
            } else {
                person_name(&s, creditor);
                ckind = "person";
                if (rng_below(&s, 2) == 0)
                    cccd(&s, cid);
            }
        }
        amount = (int64_t)(500000.0 * exp(rng_unit(&s) * 9.21)) / 1000 * 1000;
        if (strcmp(m->status, "completed") == 0)
            collected = rng_below(&s, 10) == 0 ? amount / 2 / 1000 * 1000 : amount;
        else if (strcmp(m->eligible, "yes") == 0 && strcmp(m->status, "received") != 0)
            collected =
                rng_below(&s, 2) ? (int64_t)(rng_unit(&s) * (double)amount) / 1000 * 1000 : 0;
        if (rng_below(&s, 100) < 85)
            snprintf(officer, sizeof officer, "chv.%s.%d", ucode, (int)rng_below(&s, OFFICERS) + 1);
        for (char *q = officer; *q; q++)
            if (*q >= 'A' && *q <= 'Z')
                *q = (char)(*q - 'A' + 'a');
        fprintf(f,
                "%s,%ld/QĐ-CTHADS,%s,%s,%s,%s,%s,%s,\"%s\",%s,%s,\"%s\",%" PRId64 ",%s,%s,%" PRId64
                ",%s,%s,%s,%s,\"%s\"\n",
                ucode, ++seq[u], rec, source, cat, jno, jdate, court, debtor, did, dkind, creditor,
                amount, m->status, m->eligible, collected, son, officer, cid, ckind, addr);
    }
    if (fclose(f) != 0)
        bench_fail("cannot write %s: %s", path, strerror(errno));
}

/* ---- running thads ---- */

/* Run thads with args (NULL-terminated), stdout to our stderr, input from in (or
 * /dev/null); returns the exit status. */
/* Run thads with args, stdin from in (NULL: /dev/null); its exit status, and its peak
 * resident set in KiB into *peak_kib unless NULL. */
static int run_thads_peak(const char *in, const char *const *args, long *peak_kib)
{
    const char *argv[16];
    struct rusage ru;
    int n = 0, status;
    pid_t pid;

    argv[n++] = thads_bin;
    for (; *args && n < 15; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    fflush(NULL);
    pid = fork();
    if (pid < 0)
        bench_fail("fork: %s", strerror(errno));
    if (pid == 0) {
        if (freopen(in ? in : "/dev/null", "r", stdin) == NULL)
            _exit(127);
        dup2(STDERR_FILENO, STDOUT_FILENO);
        execv(thads_bin, (char *const *)argv);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) < 0)
        bench_fail("wait4: %s", strerror(errno));
    if (peak_kib != NULL)
        *peak_kib = ru.ru_maxrss;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static int run_thads(const char *in, const char *const *args)
{
    return run_thads_peak(in, args, NULL);
}

/* Units, then the officers (argon2 makes each user add take a moment: untimed). */
static void set_up(const char *url)
{
    char units[4200], pw[4200], db_opt[4200];
    FILE *f;

    snprintf(units, sizeof units, "%s/units.csv", tmp_dir);
    write_units(units);
    snprintf(db_opt, sizeof db_opt, "--db=%s", url);
    if (run_thads(NULL, (const char *[]){"import", "units", units, db_opt, NULL}) != 0)
        bench_fail("thads import units failed");
    snprintf(pw, sizeof pw, "%s/password", tmp_dir);
    if ((f = fopen(pw, "w")) == NULL)
        bench_fail("cannot write %s", pw);
    fputs("Mật-khẩu-chấp-hành-viên-2026\n", f);
    fclose(f);
    for (int u = 0; u < NUNITS; u++)
        for (int k = 1; k <= OFFICERS; k++) {
            char code[16], user[40], unit_opt[40];
            unit_code(u, code);
            snprintf(user, sizeof user, "chv.%s.%d", code, k);
            for (char *q = user; *q; q++)
                if (*q >= 'A' && *q <= 'Z')
                    *q = (char)(*q - 'A' + 'a');
            snprintf(unit_opt, sizeof unit_opt, "--unit=%s", code);
            if (run_thads(pw, (const char *[]){"user", "add", user, "--name=Chấp hành viên",
                                               unit_opt, "--role=officer", "--password-stdin",
                                               db_opt, NULL}) != 0)
                bench_fail("thads user add %s failed", user);
        }
}

static int64_t count(const char *url, const char *sql)
{
    char err[512];
    db_t *db;
    int64_t n = -1;

    if (db_open(url, &db, err, sizeof err) != DB_OK)
        bench_fail("cannot open %s: %s", url, err);
    if (db_query_int64(db, sql, &n) != DB_ROW)
        bench_fail("%s: %s", sql, db_errmsg(db));
    db_close(db);
    return n;
}

/* Copy file from to file to (replaced). */
static void copy_file(const char *from, const char *to)
{
    static char buf[1 << 20];
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    size_t n;

    if (out == NULL)
        bench_fail("cannot copy %s to %s: %s", from, to, strerror(errno));
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            bench_fail("cannot write %s: %s", to, strerror(errno));
    if (ferror(in) || fclose(out) != 0)
        bench_fail("cannot copy %s to %s", from, to);
    fclose(in);
}

/* Generate, set up, import (timed: runs times on SQLite, each into a fresh copy of the
 * set-up database at size_path), check, print one figure: the fastest run. */
static void bench(const char *engine, const char *url, long rows, const char *size_path, int runs)
{
    char csv[4200], db_opt[4200], label[64], setup[4400], times[200] = "";
    double best = 0;
    long peak_kib = 0, best_peak_kib = 0;
    int64_t cases, events;
    struct stat st;

    snprintf(csv, sizeof csv, "%s/cases-%s.csv", tmp_dir, engine);
    fprintf(stderr, "  generating %ld rows...\n", rows);
    write_cases(csv, rows);
    fprintf(stderr, "  setting up units and officers...\n");
    set_up(url);
    snprintf(db_opt, sizeof db_opt, "--db=%s", url);
    if (size_path == NULL || runs < 1)
        runs = 1;
    if (runs > 16)
        runs = 16; /* (the times printed must fit their line) */
    if (runs > 1) {
        snprintf(setup, sizeof setup, "%s.setup", size_path);
        copy_file(size_path, setup);
    }
    for (int i = 0; i < runs; i++) {
        double t0, secs;
        int rc;
        if (i > 0)
            copy_file(setup, size_path);
        fprintf(stderr, "  importing (run %d of %d)...\n", i + 1, runs);
        t0 = bench_now();
        rc =
            run_thads_peak(NULL, (const char *[]){"import", "cases", csv, db_opt, NULL}, &peak_kib);
        secs = bench_now() - t0;
        if (rc != 0)
            bench_fail("thads import cases exited %d", rc);
        snprintf(times + strlen(times), sizeof times - strlen(times), "%s%.1f", i ? ", " : "",
                 secs);
        if (i == 0 || secs < best)
            best = secs, best_peak_kib = peak_kib;
    }
    cases = count(url, "SELECT COUNT(*) FROM enforcement_case");
    events = count(url, "SELECT COUNT(*) FROM case_event");
    if (cases != rows)
        bench_fail("%lld cases in the database, want %ld", (long long)cases, rows);
    snprintf(label, sizeof label, "import/%s cases", engine);
    printf("%-28s %8ld rows %9.0f rows/s %8.1f s  (", label, rows, (double)rows / best, best);
    if (runs > 1)
        printf("fastest of %d runs: %s s; ", runs, times);
    printf("%lld events, %.1f per case, peak RSS %.0f MiB", (long long)events,
           (double)events / (double)rows, (double)best_peak_kib / 1024);
    if (size_path && stat(size_path, &st) == 0)
        printf(", database %.0f MB", (double)st.st_size / 1e6);
    printf(")  expect O(n)\n");
    fflush(stdout);
}

int main(int argc, char **argv)
{
    long rows = argc > 1 ? strtol(argv[1], NULL, 10) : DEFAULT_ROWS;
    long pg_rows = argc > 2 ? strtol(argv[2], NULL, 10) : DEFAULT_PG_ROWS;
    const char *pg = getenv("THADS_BENCH_PG"), *bin = getenv("THADS_BIN");
    const char *base = getenv("TMPDIR"), *nruns = getenv("BENCH_IMPORT_RUNS");
    int runs = nruns && nruns[0] ? atoi(nruns) : 3;
    char self[PATH_MAX], url[4400], db_path[4300];

    bench_set_name("bench_import");

    if (argc == 4 && strcmp(argv[1], "--csv") == 0) {
        write_cases(argv[2], strtol(argv[3], NULL, 10));
        return 0;
    }
    if (rows <= 0 || pg_rows <= 0)
        bench_fail("usage: bench_import [ROWS [PG_ROWS]]");
    keep = getenv("BENCH_IMPORT_KEEP") != NULL;
    if (bin && bin[0]) {
        snprintf(thads_bin, sizeof thads_bin, "%s", bin);
    } else {
        snprintf(self, sizeof self, "%s", argv[0]);
        snprintf(thads_bin, sizeof thads_bin, "%s/../thads", dirname(self));
    }
    if (access(thads_bin, X_OK) != 0)
        bench_fail("no thads binary at %s (make BUILD=rel, or set THADS_BIN)", thads_bin);
    snprintf(tmp_dir, sizeof tmp_dir, "%s/bench_import.XXXXXX", base && base[0] ? base : "/tmp");
    if (mkdtemp(tmp_dir) == NULL)
        bench_fail("cannot create %s: %s", tmp_dir, strerror(errno));
    atexit(remove_tmp_dir);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    if (keep)
        fprintf(stderr, "bench_import: files in %s\n", tmp_dir);

    snprintf(db_path, sizeof db_path, "%s/cases.db", tmp_dir);
    snprintf(url, sizeof url, "sqlite:%s", db_path);
    bench("sqlite", url, rows, db_path, runs);

    if (pg && pg[0]) {
        char schema[64], sql[200], err[512];
        db_t *admin;
        snprintf(schema, sizeof schema, "bench_import_%ld", (long)getpid());
        if (db_open(pg, &admin, err, sizeof err) != DB_OK)
            bench_fail("cannot connect to %s: %s", pg, err);
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", schema,
                 schema);
        if (db_exec_script(admin, sql) != DB_OK)
            bench_fail("%s: %s", sql, db_errmsg(admin));
        snprintf(url, sizeof url, "%s%soptions=-csearch_path%%3D%s", pg,
                 strchr(pg, '?') ? "&" : "?", schema);
        bench("postgres", url, pg_rows, NULL, 1);
        snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", schema);
        if (!keep && db_exec_script(admin, sql) != DB_OK)
            fprintf(stderr, "bench_import: cannot drop schema %s: %s\n", schema, db_errmsg(admin));
        db_close(admin);
    } else {
        printf("import/postgres cases        skipped (THADS_BENCH_PG is not set)\n");
    }
    return 0;
}

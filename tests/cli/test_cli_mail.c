/*
 * tests/cli/test_cli_mail.c — notifications leave `thads serve` by email, tested against a
 * real SMTP server on loopback (tests/support/smtp_sink.py, Debian's python3-aiosmtpd):
 *   - the SMTP server is down when thads starts: the messages wait, each failed attempt is
 *     recorded, /metrics shows them pending; once it is up they arrive: the recipient,
 *     the Vietnamese subject and body, the attachment's name and bytes, a fax as an email
 *     to the receiving unit's gateway with the number in the address;
 *   - thads is killed (kill -9) while the server holds a message's end of data: restarted,
 *     it sends the message again once its lease runs out, and the server has it exactly
 *     once (counted by its idempotency key), the interrupted attempt recorded;
 *   - a message to a unit without an address is failed and counted in /metrics.
 * Runs the binary named by $THADS_BIN from the top of the source tree.
 */
#include "testdb.h"
#include "ops/unit_ops.h"
#include "store/outbox.h"
#include "store/q.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <jansson.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char SUBJECT[] = "Thông báo nghĩa vụ thi hành án dân sự của phạm nhân Nguyễn Văn "
                              "Đức (Trại giam số 3)";
static const char BODY[] = "Kính gửi: Trại giam số 3\n"
                           "Phạm nhân Nguyễn Văn Đức còn phải thi hành 50.000.000 đồng bồi "
                           "thường theo Bản án số 12/2025/HS-ST.\n";

#define METRICS_TOKEN "0123456789abcdef0123"

/* The children running, killed by the group's teardown when a test fails midway. */
static pid_t children[8];

static void track(pid_t pid)
{
    for (size_t i = 0; i < 8; i++)
        if (children[i] == 0) {
            children[i] = pid;
            return;
        }
}

static void untrack(pid_t pid)
{
    for (size_t i = 0; i < 8; i++)
        if (children[i] == pid)
            children[i] = 0;
}

static int kill_children(void **state)
{
    (void)state;
    for (size_t i = 0; i < 8; i++)
        if (children[i] > 0) {
            kill(children[i], SIGKILL);
            waitpid(children[i], NULL, 0);
            children[i] = 0;
        }
    return 0;
}

static int free_port(void)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    int s = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(s >= 0);
    assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(getsockname(s, (struct sockaddr *)&a, &len), 0);
    close(s);
    return ntohs(a.sin_port);
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int exists(const char *dir, const char *name)
{
    char p[512];
    struct stat st;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return stat(p, &st) == 0;
}

static pid_t start_sink(int port, const char *dir)
{
    char ports[16], ready[512];
    snprintf(ports, sizeof ports, "%d", port);
    snprintf(ready, sizeof ready, "%s/ready", dir);
    unlink(ready);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        execl("/usr/bin/python3", "python3", "tests/support/smtp_sink.py", ports, dir,
              (char *)NULL);
        _exit(127);
    }
    track(pid);
    for (int i = 0; i < 100 && !exists(dir, "ready"); i++)
        sleep_ms(100);
    if (!exists(dir, "ready"))
        fail_msg("the SMTP sink did not start (is python3-aiosmtpd installed?)");
    return pid;
}

static pid_t start_serve(const char *url, int smtp_port, int http_port)
{
    char smtp[64], listen[64];
    snprintf(smtp, sizeof smtp, "smtp://127.0.0.1:%d", smtp_port);
    snprintf(listen, sizeof listen, "127.0.0.1:%d", http_port);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setenv("THADS_SMTP_URL", smtp, 1);
        setenv("THADS_SMTP_FROM", "thads@nghean.thads.gov.vn", 1);
        setenv("THADS_SMTP_FROM_NAME", "Cục THADS tỉnh Nghệ An", 1);
        setenv("THADS_SMTP_STARTTLS", "never", 1);
        setenv("THADS_SMTP_RETRY_BASE", "1", 1);
        setenv("THADS_SMTP_RETRY_MAX", "2", 1);
        setenv("THADS_SMTP_TIMEOUT", "30", 1);
        setenv("THADS_OUTBOX_POLL", "1", 1);
        setenv("THADS_OUTBOX_LEASE", "3", 1);
        setenv("THADS_METRICS_TOKEN", METRICS_TOKEN, 1);
        int fd = open("/dev/null", 0);
        dup2(fd, 0);
        execl(getenv("THADS_BIN"), "thads", "serve", "--db", url, "--listen", listen, "--threads",
              "2", (char *)NULL);
        _exit(127);
    }
    track(pid);
    return pid;
}

static void stop(pid_t pid, int sig)
{
    int status;
    kill(pid, sig);
    waitpid(pid, &status, 0);
    untrack(pid);
}

/* The messages the sink kept, as JSON objects (an array the caller decrefs). */
static json_t *received(const char *dir)
{
    json_t *all = json_array();
    for (int n = 1; n < 100; n++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%d.json", dir, n);
        json_error_t e;
        json_t *j = json_load_file(p, 0, &e);
        if (j == NULL)
            break;
        json_array_append_new(all, j);
    }
    return all;
}

static json_t *wait_for(const char *dir, size_t count, int seconds)
{
    for (int i = 0; i < seconds * 10; i++) {
        json_t *all = received(dir);
        if (json_array_size(all) >= count)
            return all;
        json_decref(all);
        sleep_ms(100);
    }
    return received(dir);
}

static json_t *by_key(json_t *all, const char *key, int *count)
{
    json_t *found = NULL, *m;
    size_t i;
    *count = 0;
    json_array_foreach(all, i, m)
    {
        if (strcmp(json_string_value(json_object_get(m, "idem_key")), key) == 0) {
            found = m;
            (*count)++;
        }
    }
    return found;
}

static void metrics(int port, char *out, size_t len)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd,
             "curl -s -H 'Authorization: Bearer " METRICS_TOKEN "' http://127.0.0.1:%d/metrics",
             port);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, len - 1, p);
    out[n] = '\0';
    pclose(p);
}

static civil_date_t d(const char *s)
{
    civil_date_t v;
    assert_int_equal(civil_date_parse(s, &v), 0);
    return v;
}

static void enqueue(db_t *db, const char *key, int64_t from, int64_t to, int with_attachment)
{
    static const char att[] = "QUYẾT ĐỊNH thi hành án\nSố 12/QĐ-CCTHADS\n";
    outbox_msg_t m = {.idem_key = key,
                      .kind = "prison_exchange",
                      .from_unit_id = from,
                      .to_unit_id = to,
                      .channel = OUTBOX_BY_UNIT,
                      .subject = SUBJECT,
                      .body = BODY,
                      .source_kind = "prison_exchange",
                      .source_id = 7};
    if (with_attachment) {
        m.attach_name = "Thông báo số 7.txt";
        m.attach_type = "text/plain; charset=UTF-8";
        m.attach_data = att;
        m.attach_len = strlen(att);
    }
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(outbox_enqueue(db, &m, NULL), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
}

static const char *state_of(db_t *db, const char *key, char *buf, size_t len)
{
    db_stmt_t *st;
    assert_int_equal(q_open(db, &st, "SELECT state FROM outbox WHERE idem_key = $1", "s", key),
                     DB_OK);
    assert_int_equal(db_step(st), DB_ROW);
    q_text(st, 0, buf, len);
    db_finalize(st);
    return buf;
}

static void test_delivery(void **state)
{
    char dir[256], url[1024], st[16], m[65536];
    const char *tmp = getenv("THADS_TEST_TMP");
    int64_t root, agency, camp, fax_unit, bare, n = 0;
    op_error_t oe;

    if (getenv("THADS_BIN") == NULL)
        fail_msg("THADS_BIN is not set; run through make test");
    snprintf(dir, sizeof dir, "%s/thads-mail-%s-%d", tmp ? tmp : "/tmp", (const char *)*state,
             (int)getpid());
    mkdir(dir, 0700);
    db_t *db = testdb_open_migrated(*state);
    snprintf(url, sizeof url, "%s", testdb_url_last());

    assert_int_equal(db_begin(db), DB_OK);
    unit_input_t u = {"BTP", "Bộ Tư pháp", "ministry", 0, d("2000-01-01"), CIVIL_DATE_INVALID};
    assert_int_equal(unit_op_create(db, &u, 0, 1, &root, &oe), 0);
    const char *codes[] = {"NA", "TG3", "TG6", "HT"};
    int64_t *ids[] = {&agency, &camp, &fax_unit, &bare};
    for (int i = 0; i < 4; i++) {
        unit_input_t c = {codes[i], "Đơn vị",        "provincial_agency",
                          root,     d("2000-01-01"), CIVIL_DATE_INVALID};
        assert_int_equal(unit_op_create(db, &c, 0, 1, ids[i], &oe), 0);
    }
    unit_contact_t ct = {0};
    strcpy(ct.email, "trai3@bca.gov.vn");
    assert_int_equal(unit_contact_set(db, camp, &ct, 0, 1), DB_OK);
    memset(&ct, 0, sizeof ct);
    strcpy(ct.fax, "0238 3844 666");
    strcpy(ct.fax_gateway, "{fax}@fax.vnpt.vn");
    assert_int_equal(unit_contact_set(db, fax_unit, &ct, 0, 1), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);

    enqueue(db, "prison_exchange:7:sent", agency, camp, 1);
    enqueue(db, "prison_exchange:8:sent", agency, fax_unit, 0);
    enqueue(db, "prison_exchange:9:sent", agency, bare, 0);

    /* the SMTP server is down: thads serves, the messages wait and are retried */
    int smtp_port = free_port(), http_port = free_port();
    pid_t serve = start_serve(url, smtp_port, http_port);
    for (int i = 0; i < 100 && n < 2; i++) {
        sleep_ms(100);
        assert_int_equal(q_int64(db, &n, "SELECT COUNT(*) FROM outbox_attempt WHERE ok = 0", ""),
                         DB_ROW);
    }
    assert_true(n >= 2);
    assert_string_equal(state_of(db, "prison_exchange:7:sent", st, sizeof st), "pending");
    sleep_ms(1200);
    metrics(http_port, m, sizeof m);
    assert_non_null(strstr(m, "thads_outbox_messages{state=\"pending\"} 2\n"));
    assert_non_null(strstr(m, "thads_outbox_messages{state=\"failed\"} 1\n"));
    assert_null(strstr(m, "thads_outbox_oldest_pending_seconds 0\n"));

    /* it comes up: both arrive */
    pid_t sink = start_sink(smtp_port, dir);
    json_t *all = wait_for(dir, 2, 20);
    assert_int_equal(json_array_size(all), 2);
    int count;
    json_t *e = by_key(all, "prison_exchange:7:sent", &count);
    assert_int_equal(count, 1);
    assert_string_equal(json_string_value(json_object_get(e, "subject")), SUBJECT);
    assert_string_equal(json_string_value(json_array_get(json_object_get(e, "rcpt_tos"), 0)),
                        "trai3@bca.gov.vn");
    assert_string_equal(json_string_value(json_object_get(e, "mail_from")),
                        "thads@nghean.thads.gov.vn");
    assert_string_equal(json_string_value(json_object_get(e, "body")), BODY);
    assert_non_null(
        strstr(json_string_value(json_object_get(e, "from")), "Cục THADS tỉnh Nghệ An"));
    assert_string_equal(json_string_value(json_object_get(e, "message_id")),
                        "<prison_exchange=3A7=3Asent@nghean.thads.gov.vn>");
    assert_true(json_integer_value(json_object_get(e, "max_line")) <= 78);
    json_t *a = json_array_get(json_object_get(e, "attachments"), 0);
    assert_non_null(a);
    assert_string_equal(json_string_value(json_object_get(a, "name")), "Thông báo số 7.txt");
    assert_string_equal(json_string_value(json_object_get(a, "type")), "text/plain");
    /* base64 of the attachment's UTF-8 bytes */
    assert_string_equal(json_string_value(json_object_get(a, "data_b64")),
                        "UVVZ4bq+VCDEkOG7ik5IIHRoaSBow6BuaCDDoW4KU+G7kSAxMi9RxJAtQ0NUSEFEUwo=");
    e = by_key(all, "prison_exchange:8:sent", &count);
    assert_int_equal(count, 1);
    assert_string_equal(json_string_value(json_array_get(json_object_get(e, "rcpt_tos"), 0)),
                        "02383844666@fax.vnpt.vn");
    assert_string_equal(json_string_value(json_object_get(e, "subject")), SUBJECT);
    json_decref(all);
    for (int i = 0; i < 30 && strcmp(state_of(db, "prison_exchange:8:sent", st, sizeof st), "sent");
         i++)
        sleep_ms(100);
    assert_string_equal(st, "sent");

    /* killed mid-delivery: the server holds the end of data, thads dies */
    char stall[512];
    snprintf(stall, sizeof stall, "%s/stall", dir);
    FILE *f = fopen(stall, "w");
    assert_non_null(f);
    fclose(f);
    enqueue(db, "prison_exchange:10:sent", agency, camp, 1);
    for (int i = 0; i < 100 && !exists(dir, "stalled"); i++)
        sleep_ms(100);
    assert_true(exists(dir, "stalled"));
    stop(serve, SIGKILL);
    assert_string_equal(state_of(db, "prison_exchange:10:sent", st, sizeof st), "sending");
    unlink(stall);
    serve = start_serve(url, smtp_port, http_port);
    for (int i = 0;
         i < 150 && strcmp(state_of(db, "prison_exchange:10:sent", st, sizeof st), "sent"); i++)
        sleep_ms(100);
    assert_string_equal(st, "sent");
    sleep_ms(1500); /* a second copy would have arrived by now */
    all = received(dir);
    by_key(all, "prison_exchange:10:sent", &count);
    assert_int_equal(count, 1);
    assert_int_equal(json_array_size(all), 3);
    json_decref(all);
    assert_int_equal(
        q_int64(db, &n,
                "SELECT COUNT(*) FROM outbox_attempt a JOIN outbox o ON o.id = "
                "a.outbox_id WHERE o.idem_key = 'prison_exchange:10:sent' AND a.ok = 0 "
                "AND a.error LIKE 'interrupted%'",
                ""),
        DB_ROW);
    assert_int_equal(n, 1);

    sleep_ms(1200);
    metrics(http_port, m, sizeof m);
    assert_non_null(strstr(m, "thads_outbox_messages{state=\"sent\"} 3\n"));
    assert_non_null(strstr(m, "thads_outbox_messages{state=\"failed\"} 1\n"));
    assert_non_null(strstr(m, "thads_outbox_oldest_pending_seconds 0\n"));

    stop(serve, SIGTERM);
    stop(sink, SIGINT);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_BOTH(test_delivery),
    };
    return cmocka_run_group_tests(tests, NULL, kill_children);
}

/*
 * tests/cli/test_cli_serve_kill.c — an acknowledged write survives `kill -9` of the server
 * (issue 18, group commit). A real `thads serve` process takes CLIENTS clients recording
 * notes on their own cases as fast as it answers; once it has acknowledged a few hundred,
 * the test kills it with SIGKILL in the middle of the load, starts it again on the same
 * database and finds every event it answered 201 for — case and seq as answered, with the
 * note the client sent — and `thads fsck` passes (audit and case chains, every case's
 * events replayed against its row). Writes in flight when it died may or may not be
 * there; none may be half there (fsck). On both engines.
 * Runs the binary named by $THADS_BIN from the top of the source tree.
 */
#include "testdb.h"
#include "testorg.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CLIENTS    12
#define PER_CLIENT 4000 /* the most one client records; the kill comes long before */
#define KILL_AFTER 300  /* acknowledged writes before the kill */

static pid_t server_pid;

static int kill_server(void **state)
{
    (void)state;
    if (server_pid > 0) {
        kill(server_pid, SIGKILL);
        waitpid(server_pid, NULL, 0);
        server_pid = 0;
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

/* Does something accept connections on the port? */
static int listening(int port)
{
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((uint16_t)port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int s = socket(AF_INET, SOCK_STREAM, 0), ok;
    assert_true(s >= 0);
    ok = connect(s, (struct sockaddr *)&a, sizeof a) == 0;
    close(s);
    return ok;
}

/* Start `thads serve` on url and wait until /healthz answers. */
static void start_serve(test_server_t *ts)
{
    char listen[64];
    test_response_t r;

    snprintf(listen, sizeof listen, "127.0.0.1:%d", ts->port);
    server_pid = fork();
    assert_true(server_pid >= 0);
    if (server_pid == 0) {
        int fd = open("/dev/null", O_RDWR);
        dup2(fd, 0);
        dup2(fd, 1);
        dup2(fd, 2); /* the access log of thousands of requests */
        execl(getenv("THADS_BIN"), "thads", "serve", "--db", ts->url, "--listen", listen,
              "--threads", "4", (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 400 && !listening(ts->port); i++)
        sleep_ms(50);
    testhttp_request(ts, "GET", "/healthz", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    testhttp_response_free(&r);
}

typedef struct {
    const test_server_t *ts;
    const test_login_t *who;
    int64_t case_id;
    int client;
    atomic_int *acked; /* acknowledged by all clients */
    atomic_int *stop;
    /* what the server acknowledged: seq of note i */
    int64_t seq[PER_CLIENT];
    int nacked;
    int other; /* answers neither 201 nor a failed connection */
} client_t;

static size_t keep(char *p, size_t size, size_t n, void *arg)
{
    json_t **out = arg;
    json_t *j = json_loadb(p, size * n, 0, NULL);
    if (j != NULL) {
        json_decref(*out);
        *out = j;
    }
    return size * n;
}

/* The note's text: which client, which of its notes. */
static void note_of(int client, int i, char *buf, size_t len)
{
    snprintf(buf, len, "ghi chú %d-%d", client, i);
}

/* Record notes one after the other on one keep-alive connection until told to stop or
 * the server goes away. */
static void *run_client(void *arg)
{
    client_t *c = arg;
    CURL *e = curl_easy_init();
    struct curl_slist *h = NULL;
    char url[256], cookie[700], csrf[128], body[256], day[11], note[64];

    civil_date_format(civil_date_of_utc(time(NULL)), day);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/api/cases/%lld/events", c->ts->port,
             (long long)c->case_id);
    snprintf(cookie, sizeof cookie, "%s", c->who->cookie); /* "Cookie: ..." */
    snprintf(csrf, sizeof csrf, "X-CSRF-Token: %s", c->who->csrf);
    h = curl_slist_append(h, "Content-Type: application/json");
    h = curl_slist_append(h, cookie);
    h = curl_slist_append(h, csrf);
    curl_easy_setopt(e, CURLOPT_URL, url);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, keep);
    for (int i = 0; i < PER_CLIENT && !atomic_load(c->stop); i++) {
        json_t *answer = NULL;
        long status = 0;
        CURLcode rc;
        note_of(c->client, i, note, sizeof note);
        snprintf(body, sizeof body, "{\"type\":\"note\",\"occurred_on\":\"%s\",\"reason\":\"%s\"}",
                 day, note);
        curl_easy_setopt(e, CURLOPT_COPYPOSTFIELDS, body);
        curl_easy_setopt(e, CURLOPT_WRITEDATA, &answer);
        rc = curl_easy_perform(e);
        curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
        if (rc == CURLE_OK && status == 201 && answer != NULL) {
            c->seq[c->nacked++] = json_integer_value(json_object_get(answer, "seq"));
            atomic_fetch_add(c->acked, 1);
        } else if (rc == CURLE_OK)
            c->other++; /* an answer, but not the 201 */
        json_decref(answer);
        if (rc != CURLE_OK || status != 201)
            break; /* the server is gone (or refused): this client is done */
    }
    curl_slist_free_all(h);
    curl_easy_cleanup(e);
    return NULL;
}

static int run_fsck(const char *url)
{
    int status = 0;
    pid_t pid = fork();

    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open("/dev/null", O_RDWR);
        dup2(fd, 1);
        execl(getenv("THADS_BIN"), "thads", "fsck", "--db", url, (char *)NULL);
        _exit(127);
    }
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_kill_under_load(void **state)
{
    test_server_t ts = {0};
    test_org_t org;
    test_login_t who;
    app_t app;
    client_t *c = calloc(CLIENTS, sizeof *c);
    pthread_t t[CLIENTS];
    atomic_int acked = 0, stop = 0;
    int total = 0, lost = 0;
    char case_no[32], day[11];
    db_t *db = testdb_open_migrated(*state);

    assert_non_null(c);
    db_close(db);
    snprintf(ts.url, sizeof ts.url, "%s", testdb_url_last());
    ts.port = free_port();
    testapp_init(&app);
    testorg_build(&ts, &org);
    testorg_user(&ts, &app, "chv.an", org.na_kv1, TESTORG_ALL_ROLES);
    civil_date_format(civil_date_of_utc(time(NULL)) - 30, day);
    for (int i = 0; i < CLIENTS; i++) {
        snprintf(case_no, sizeof case_no, "%d/QĐ-CCTHADS", i + 1);
        c[i] = (client_t){.ts = &ts, .who = &who, .client = i, .acked = &acked, .stop = &stop};
        c[i].case_id = testorg_case(&ts, &app, org.na_kv1, case_no, day, 50000000);
    }

    start_serve(&ts);
    testhttp_login(&ts, "chv.an", TESTORG_PASSWORD, &who);
    for (int i = 0; i < CLIENTS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, run_client, &c[i]), 0);
    for (int i = 0; i < 600 && atomic_load(&acked) < KILL_AFTER; i++)
        sleep_ms(20);
    assert_true(atomic_load(&acked) >= KILL_AFTER);
    kill(server_pid, SIGKILL); /* mid-load: every client has a request in flight */
    waitpid(server_pid, NULL, 0);
    server_pid = 0;
    atomic_store(&stop, 1);
    for (int i = 0; i < CLIENTS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(c[i].other, 0);
        total += c[i].nacked;
    }
    print_message("%d writes acknowledged before the kill\n", total);

    /* the server starts again on what the kill left; every acknowledged note is there */
    start_serve(&ts);
    db = testorg_db(&ts);
    for (int i = 0; i < CLIENTS; i++)
        for (int k = 0; k < c[i].nacked; k++) {
            db_stmt_t *st;
            char note[64];
            int found = 0;
            note_of(i, k, note, sizeof note);
            assert_int_equal(db_prepare(db,
                                        "SELECT type, payload FROM case_event WHERE case_id = $1 "
                                        "AND seq = $2",
                                        &st),
                             DB_OK);
            db_bind_int64(st, 1, c[i].case_id);
            db_bind_int64(st, 2, c[i].seq[k]);
            if (db_step(st) == DB_ROW && strcmp(db_column_text(st, 0), "note") == 0 &&
                strstr(db_column_text(st, 1), note) != NULL)
                found = 1;
            db_finalize(st);
            if (!found && lost++ < 5)
                print_message("lost: client %d's note %d (case %lld, seq %lld)\n", i, k,
                              (long long)c[i].case_id, (long long)c[i].seq[k]);
        }
    assert_int_equal(lost, 0);
    db_close(db);
    /* and the restarted server takes writes again */
    {
        test_response_t r;
        char body[160];
        civil_date_format(civil_date_of_utc(time(NULL)), day);
        snprintf(body, sizeof body,
                 "{\"type\":\"note\",\"occurred_on\":\"%s\",\"reason\":\"sau khi khởi động lại\"}",
                 day);
        char path[64];
        snprintf(path, sizeof path, "/api/cases/%lld/events", (long long)c[0].case_id);
        testhttp_as(&ts, &who, "POST", path, body, &r);
        if (r.status == 401) { /* the session survives a restart; if not, sign in again */
            testhttp_response_free(&r);
            testhttp_login(&ts, "chv.an", TESTORG_PASSWORD, &who);
            testhttp_as(&ts, &who, "POST", path, body, &r);
        }
        assert_int_equal(r.status, 201);
        testhttp_response_free(&r);
    }
    kill(server_pid, SIGTERM);
    waitpid(server_pid, NULL, 0);
    server_pid = 0;
    assert_int_equal(run_fsck(ts.url), 0);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_BOTH(test_kill_under_load),
    };
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int rc = cmocka_run_group_tests(tests, NULL, kill_server);
    curl_global_cleanup();
    return rc;
}

#include "testorg.h"
#include "testdb.h"
#include "ops/unit_ops.h"
#include "ops/user_ops.h"
#include "ops/case_ops.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int64_t fake_now;

static int64_t test_now(void)
{
    struct timespec ts;

    if (fake_now != 0)
        return fake_now;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void testapp_init(app_t *app)
{
    app_init(app, NULL, "test");
    app->now = test_now;
    app->pwhash_ops = crypto_pwhash_OPSLIMIT_MIN;
    app->pwhash_mem = crypto_pwhash_MEMLIMIT_MIN;
    fake_now = 0;
}

void testapp_set_now(int64_t micros)
{
    fake_now = micros;
}

void testapp_advance(int64_t micros)
{
    if (fake_now == 0)
        fake_now = test_now();
    fake_now += micros;
}

db_t *testorg_db(const test_server_t *ts)
{
    char err[256];
    db_t *db;

    if (db_open(ts->url, &db, err, sizeof err) != DB_OK)
        fail_msg("open %s: %s", ts->url, err);
    return db;
}

static int64_t unit(db_t *db, const char *code, const char *name, const char *kind, int64_t parent)
{
    unit_input_t in = {
        code, name, kind, parent, civil_date_from_ymd(2020, 1, 1), CIVIL_DATE_INVALID};
    op_error_t err;
    int64_t id = 0;

    if (unit_op_create(db, &in, 0, 1, &id, &err) != 0)
        fail_msg("unit %s: %s", code, err.en);
    return id;
}

void testorg_build(const test_server_t *ts, test_org_t *o)
{
    db_t *db = testorg_db(ts);

    assert_int_equal(db_begin(db), DB_OK);
    o->btp = unit(db, "BTP", "Bộ Tư pháp", "ministry", 0);
    o->cuc = unit(db, "CUC", "Cục Quản lý thi hành án dân sự", "central_department", o->btp);
    o->na = unit(db, "NA", "Thi hành án dân sự tỉnh Nghệ An", "provincial_agency", o->cuc);
    o->na_kv1 = unit(db, "NA-KV1", "Phòng THADS khu vực 1 - Nghệ An", "regional_office", o->na);
    o->na_kv2 = unit(db, "NA-KV2", "Phòng THADS khu vực 2 - Nghệ An", "regional_office", o->na);
    o->ht = unit(db, "HT", "Thi hành án dân sự tỉnh Hà Tĩnh", "provincial_agency", o->cuc);
    o->ht_kv1 = unit(db, "HT-KV1", "Phòng THADS khu vực 1 - Hà Tĩnh", "regional_office", o->ht);
    o->bca = unit(db, "BCA", "Bộ Công an", "other_agency", o->btp);
    o->tg3 = unit(db, "TG3", "Trại giam số 3", "prison", o->bca);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
}

int64_t testorg_user(const test_server_t *ts, const app_t *app, const char *username,
                     int64_t unit_id, unsigned roles)
{
    char hash[CREDENTIALS_HASH_MAX];
    user_input_t in = {username, "Người dùng thử nghiệm", unit_id, roles, hash};
    db_t *db = testorg_db(ts);
    op_error_t err;
    civil_date_t today = civil_date_of_utc(time(NULL));
    int64_t id = 0;

    if (user_password_prepare(app, username, TESTORG_PASSWORD, hash, &err) != 0)
        fail_msg("password: %s", err.en);
    assert_int_equal(db_begin(db), DB_OK);
    if (user_op_create(db, &in, today, 1, &id, &err) != 0)
        fail_msg("user %s: %s", username, err.en);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
    return id;
}

void testhttp_login(test_server_t *ts, const char *username, const char *password,
                    test_login_t *out)
{
    test_response_t r;
    char body[512], cookie[512];
    const char *csrf;

    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", username, password);
    testhttp_request(ts, "POST", "/api/session", body, NULL, 0, &r);
    if (r.status != 200)
        fail_msg("login %s: %ld %s", username, r.status, r.body);
    if (testhttp_header(&r, "Set-Cookie", cookie, sizeof cookie) == NULL)
        fail_msg("login %s: no cookie", username);
    cookie[strcspn(cookie, ";")] = '\0';
    snprintf(out->cookie, sizeof out->cookie, "Cookie: %s", cookie);
    csrf = json_string_value(json_object_get(r.json, "csrf_token"));
    assert_non_null(csrf);
    snprintf(out->csrf, sizeof out->csrf, "%s", csrf);
    testhttp_response_free(&r);
}

void testhttp_as(test_server_t *ts, const test_login_t *who, const char *method, const char *path,
                 const char *body, test_response_t *out)
{
    char csrf[128];
    const char *headers[3] = {who ? who->cookie : NULL, csrf, NULL};

    snprintf(csrf, sizeof csrf, "X-CSRF-Token: %s", who ? who->csrf : "");
    testhttp_request(ts, method, path, body, who ? headers : NULL, 0, out);
}

int64_t testorg_count(const test_server_t *ts, const char *sql)
{
    db_t *db = testorg_db(ts);
    int64_t n = -1;

    if (db_query_int64(db, sql, &n) != DB_ROW)
        fail_msg("%s: %s", sql, db_errmsg(db));
    db_close(db);
    return n;
}

int64_t testorg_case(const test_server_t *ts, const app_t *app, int64_t unit_id,
                     const char *case_no, const char *received_on, int64_t amount)
{
    static const case_party_input_t parties[] = {
        {"creditor",
         {"person", "Nguyễn Văn An", "001085012345", "Vinh, Nghệ An", CIVIL_DATE_INVALID, 0, NULL}},
        {"debtor",
         {"person", "Lê Thị Bình", "040190001234", "Diễn Châu, Nghệ An", CIVIL_DATE_INVALID, 0,
          NULL}},
    };
    case_item_input_t item = {"pay_money", "Trả nợ", amount, 0, 3};
    case_input_t in = {
        .unit_id = unit_id,
        .case_no = case_no,
        .source = "application",
        .category = "civil",
        .judgment_no = "07/2025/DS-ST",
        .court_name = "TAND khu vực 1 - Nghệ An",
        .judgment_kind = "civil",
        .parties = parties,
        .nparties = 2,
        .items = &item,
        .nitems = 1,
    };
    db_t *db = testorg_db(ts);
    op_error_t err;
    int64_t id = 0;

    assert_int_equal(civil_date_parse(received_on, &in.received_on), 0);
    in.judgment_date = in.received_on - 30;
    assert_int_equal(db_begin(db), DB_OK);
    if (case_op_create(db, app, &in, 0, app_today(app), 1, &id, &err) != 0)
        fail_msg("case %s: %s (%s)", case_no, err.en, err.field);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
    return id;
}

/*
 * tests/http/test_units_api.c — the organization tree over HTTP, as a provincial
 * administrator uses it: create, rename, move, close, the 2025 reorganization, bad
 * input (each a 4xx naming the field, nothing written) and the audit trail.
 */
#include "api/handlers.h"
#include "testdb.h"
#include "testorg.h"
#include "ops/app.h"
#include "core/access.h"
#include "store/audit.h"
#include "ops/unit_ops.h"

#include <stdio.h>
#include <string.h>

static app_t app;
static test_server_t ts;
static test_org_t org;
static test_login_t admin;

static int start_on(const char *engine)
{
    testapp_init(&app);
    testhttp_start(&ts, engine, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    testorg_user(&ts, &app, "na_admin", org.na, (1u << ROLE_ADMIN) | (1u << ROLE_LEADER));
    testhttp_login(&ts, "na_admin", TESTORG_PASSWORD, &admin);
    return 0;
}

TESTHTTP_ENGINE_SETUPS(start_on)

static int stop(void **state)
{
    (void)state;
    testhttp_stop(&ts);
    return 0;
}

static long call(const char *method, const char *path, const char *body, test_response_t *r)
{
    testhttp_as(&ts, &admin, method, path, body, r);
    return r->status;
}

static int64_t units_count(void)
{
    return testorg_count(&ts, "SELECT COUNT(*) FROM unit");
}

/* The codes listed by GET /api/units?at=DATE, space-separated, sorted as answered. */
static void codes_at(const char *date, char *out, size_t len)
{
    test_response_t r;
    char path[64];
    json_t *units, *u;
    size_t i;

    snprintf(path, sizeof path, "/api/units?at=%s", date);
    assert_int_equal(call("GET", path, NULL, &r), 200);
    units = json_object_get(r.json, "units");
    out[0] = '\0';
    json_array_foreach(units, i, u)
    {
        size_t n = strlen(out);
        snprintf(out + n, len - n, "%s%s", n ? " " : "",
                 json_string_value(json_object_get(u, "code")));
    }
    testhttp_response_free(&r);
}

static void test_list_shows_only_my_subtree(void **state)
{
    char codes[512];
    (void)state;

    codes_at("2026-01-01", codes, sizeof codes);
    assert_string_equal(codes, "NA NA-KV1 NA-KV2");
}

static int64_t create(const char *code, int64_t parent, const char *from, const char *extra)
{
    test_response_t r;
    char body[512];
    int64_t id;

    snprintf(body, sizeof body,
             "{\"code\":\"%s\",\"name_vi\":\"Phòng THADS khu vực %s\",\"kind\":"
             "\"regional_office\",\"parent_id\":%lld,\"valid_from\":\"%s\"%s}",
             code, code, (long long)parent, from, extra ? extra : "");
    if (call("POST", "/api/units", body, &r) != 201)
        fail_msg("create %s: %ld %s", code, r.status, r.body);
    id = json_integer_value(json_object_get(r.json, "id"));
    assert_string_equal(json_string_value(json_object_get(r.json, "code")), code);
    assert_int_equal(json_integer_value(json_object_get(r.json, "parent_id")), parent);
    testhttp_response_free(&r);
    return id;
}

static void expect_refusal(const char *method, const char *path, const char *body, long status,
                           const char *code, const char *field)
{
    int64_t before = units_count();
    int64_t audit_before = testorg_count(&ts, "SELECT COUNT(*) FROM audit_log");
    test_response_t r;

    if (call(method, path, body, &r) != status)
        fail_msg("%s %s %s: got %ld %s, want %ld", method, path, body, r.status, r.body, status);
    assert_string_equal(testhttp_error_code(&r), code);
    if (field)
        assert_string_equal(testhttp_error_field(&r), field);
    assert_non_null(json_object_get(json_object_get(r.json, "error"), "message_vi"));
    testhttp_response_free(&r);
    assert_int_equal(units_count(), before);
    /* the refusal itself is audited */
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM audit_log"), audit_before + 1);
}

static void test_create_and_refusals(void **state)
{
    char body[1024], big[700];
    int64_t id;
    (void)state;

    id = create("NA-KV3", org.na, "2026-01-01", NULL);
    assert_true(id > 0);
    assert_int_equal(testorg_count(&ts,
                                   "SELECT COUNT(*) FROM unit_event WHERE kind = 'created' "
                                   "AND unit_id = (SELECT id FROM unit WHERE code = 'NA-KV3')"),
                     1);

    snprintf(body, sizeof body,
             "{\"code\":\"NA-KV3\",\"name_vi\":\"Trùng mã\",\"kind\":\"regional_office\","
             "\"parent_id\":%lld,\"valid_from\":\"2026-01-01\"}",
             (long long)org.na);
    expect_refusal("POST", "/api/units", body, 409, "duplicate_code", "code");

    snprintf(body, sizeof body,
             "{\"code\":\"HT-KV9\",\"name_vi\":\"Ngoài phạm vi\",\"kind\":\"regional_office\","
             "\"parent_id\":%lld,\"valid_from\":\"2026-01-01\"}",
             (long long)org.ht);
    expect_refusal("POST", "/api/units", body, 404, "not_found", NULL);

    snprintf(body, sizeof body,
             "{\"code\":\"NA-X\",\"name_vi\":\"Loại sai\",\"kind\":\"spaceship\","
             "\"parent_id\":%lld,\"valid_from\":\"2026-01-01\"}",
             (long long)org.na);
    expect_refusal("POST", "/api/units", body, 400, "invalid_value", "kind");

    snprintf(body, sizeof body,
             "{\"code\":\"na x\",\"name_vi\":\"Mã sai\",\"kind\":\"regional_office\","
             "\"parent_id\":%lld,\"valid_from\":\"2026-01-01\"}",
             (long long)org.na);
    expect_refusal("POST", "/api/units", body, 400, "invalid_value", "code");

    /* 201 characters, each two bytes: too long by characters */
    for (int i = 0; i < 201; i++)
        memcpy(big + 2 * i, "đ", 2);
    big[402] = '\0';
    snprintf(body, sizeof body,
             "{\"code\":\"NA-Y\",\"name_vi\":\"%s\",\"kind\":\"regional_office\","
             "\"parent_id\":%lld,\"valid_from\":\"2026-01-01\"}",
             big, (long long)org.na);
    expect_refusal("POST", "/api/units", body, 400, "too_long", "name_vi");

    snprintf(body, sizeof body,
             "{\"code\":\"NA-Z\",\"name_vi\":\"Tên\\u0007chuông\",\"kind\":\"regional_office\","
             "\"parent_id\":%lld,\"valid_from\":\"2026-01-01\"}",
             (long long)org.na);
    expect_refusal("POST", "/api/units", body, 400, "invalid_value", "name_vi");

    snprintf(body, sizeof body,
             "{\"code\":\"NA-Z\",\"name_vi\":\"Ngày sai\",\"kind\":\"regional_office\","
             "\"parent_id\":%lld,\"valid_from\":\"2026-02-30\"}",
             (long long)org.na);
    expect_refusal("POST", "/api/units", body, 400, "invalid_date", "valid_from");

    snprintf(body, sizeof body,
             "{\"code\":\"NA-Z\",\"name_vi\":\"Ngày ngược\",\"kind\":\"regional_office\","
             "\"parent_id\":%lld,\"valid_from\":\"2026-02-01\",\"valid_to\":\"2026-01-01\"}",
             (long long)org.na);
    expect_refusal("POST", "/api/units", body, 400, "invalid_value", "valid_to");

    snprintf(body, sizeof body,
             "{\"code\":\"NA-Z\",\"name_vi\":\"Thừa trường\",\"kind\":\"regional_office\","
             "\"parent_id\":%lld,\"valid_from\":\"2026-01-01\",\"colour\":\"red\"}",
             (long long)org.na);
    expect_refusal("POST", "/api/units", body, 400, "unknown_field", "colour");

    /* before the parent existed */
    snprintf(body, sizeof body,
             "{\"code\":\"NA-Z\",\"name_vi\":\"Quá sớm\",\"kind\":\"regional_office\","
             "\"parent_id\":%lld,\"valid_from\":\"2019-01-01\"}",
             (long long)org.na);
    expect_refusal("POST", "/api/units", body, 422, "parent_not_valid", "parent_id");
}

static void test_move_keeps_history_and_refuses_cycles(void **state)
{
    char path[96], body[160], codes[512];
    test_response_t r;
    int64_t a = create("NA-A", org.na, "2024-01-01", NULL);
    int64_t b = create("NA-B", org.na, "2024-01-01", NULL);
    (void)state;

    snprintf(path, sizeof path, "/api/units/%lld/move", (long long)b);
    snprintf(body, sizeof body, "{\"parent_id\":%lld,\"on\":\"2025-07-01\"}", (long long)a);
    assert_int_equal(call("POST", path, body, &r), 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "parent_id")), a);
    testhttp_response_free(&r);

    /* the tree of a past day still shows B directly under NA; later under A (depth 2) */
    codes_at("2025-06-30", codes, sizeof codes);
    assert_non_null(strstr(codes, "NA-A NA-B"));
    codes_at("2025-07-01", codes, sizeof codes);
    assert_null(strstr(codes, "NA-A NA-B NA-KV"));

    /* A under B would be a cycle now that B is under A */
    snprintf(path, sizeof path, "/api/units/%lld/move", (long long)a);
    snprintf(body, sizeof body, "{\"parent_id\":%lld,\"on\":\"2025-08-01\"}", (long long)b);
    expect_refusal("POST", path, body, 409, "cycle", "parent_id");
    snprintf(body, sizeof body, "{\"parent_id\":%lld,\"on\":\"2025-08-01\"}", (long long)a);
    expect_refusal("POST", path, body, 409, "cycle", "parent_id");

    /* a move dated before the last one is refused */
    snprintf(path, sizeof path, "/api/units/%lld/move", (long long)b);
    snprintf(body, sizeof body, "{\"parent_id\":%lld,\"on\":\"2025-06-01\"}", (long long)org.na);
    expect_refusal("POST", path, body, 409, "out_of_order", "on");

    /* moving out of my subtree: the target does not exist for me */
    snprintf(body, sizeof body, "{\"parent_id\":%lld,\"on\":\"2025-09-01\"}", (long long)org.ht);
    expect_refusal("POST", path, body, 404, "not_found", "parent_id");
}

/* July 2025: district offices close and regional offices take over (THADS.md 1.1). */
static void test_reorganization_2025(void **state)
{
    char path[96], body[200], codes[512];
    test_response_t r;
    int64_t district, regional;
    int64_t officer;
    (void)state;

    district = create("NA-HUYEN-DL", org.na, "2021-01-01", NULL);
    regional = create("NA-KV7", org.na, "2025-07-01", NULL);
    officer = testorg_user(&ts, &app, "dl_officer", district, 1u << ROLE_OFFICER);

    snprintf(path, sizeof path, "/api/units/%lld/close", (long long)district);
    snprintf(body, sizeof body, "{\"on\":\"2025-06-30\",\"successor_id\":%lld}",
             (long long)regional);
    expect_refusal("POST", path, body, 409, "not_empty", NULL);

    snprintf(path, sizeof path, "/api/users/%lld/disable", (long long)officer);
    assert_int_equal(call("POST", path, NULL, &r), 200);
    testhttp_response_free(&r);

    snprintf(path, sizeof path, "/api/units/%lld/close", (long long)district);
    assert_int_equal(call("POST", path, body, &r), 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "valid_to")), "2025-06-30");
    assert_int_equal(json_integer_value(json_object_get(r.json, "successor_id")), regional);
    testhttp_response_free(&r);

    codes_at("2025-06-30", codes, sizeof codes);
    assert_non_null(strstr(codes, "NA-HUYEN-DL"));
    assert_null(strstr(codes, "NA-KV7"));
    codes_at("2025-07-01", codes, sizeof codes);
    assert_null(strstr(codes, "NA-HUYEN-DL"));
    assert_non_null(strstr(codes, "NA-KV7"));

    /* the closed unit is still readable, with its history */
    snprintf(path, sizeof path, "/api/units/%lld", (long long)district);
    assert_int_equal(call("GET", path, NULL, &r), 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "events")), 2);
    testhttp_response_free(&r);

    /* closing again, or giving a user to the closed unit, is refused */
    snprintf(path, sizeof path, "/api/units/%lld/close", (long long)district);
    expect_refusal("POST", path, body, 409, "already_closed", NULL);
    snprintf(body, sizeof body,
             "{\"username\":\"late\",\"full_name\":\"Nguyễn Văn Muộn\",\"unit_id\":%lld,"
             "\"roles\":[\"officer\"],\"password\":\"một mật khẩu đủ dài\"}",
             (long long)district);
    assert_int_equal(call("POST", "/api/users", body, &r), 422);
    assert_string_equal(testhttp_error_code(&r), "unit_closed");
    assert_string_equal(testhttp_error_field(&r), "unit_id");
    testhttp_response_free(&r);
}

static void test_rename_is_dated(void **state)
{
    char path[96];
    test_response_t r;
    (void)state;

    snprintf(path, sizeof path, "/api/units/%lld", (long long)org.na_kv2);
    assert_int_equal(call("PATCH", path,
                          "{\"name_vi\":\"Phòng THADS khu vực 2 - Vinh\",\"on\":\"2026-03-01\"}",
                          &r),
                     200);
    assert_string_equal(json_string_value(json_object_get(r.json, "name_vi")),
                        "Phòng THADS khu vực 2 - Vinh");
    testhttp_response_free(&r);
    assert_int_equal(call("GET", path, NULL, &r), 200);
    {
        json_t *events = json_object_get(r.json, "events");
        json_t *last = json_array_get(events, json_array_size(events) - 1);
        assert_string_equal(json_string_value(json_object_get(last, "kind")), "renamed");
        assert_string_equal(json_string_value(json_object_get(last, "occurred_on")), "2026-03-01");
        assert_string_equal(
            json_string_value(json_object_get(json_object_get(last, "detail"), "from")),
            "Phòng THADS khu vực 2 - Nghệ An");
    }
    testhttp_response_free(&r);
}

static void test_users_api(void **state)
{
    char body[512], path[96];
    test_response_t r;
    int64_t id;
    (void)state;

    snprintf(body, sizeof body,
             "{\"username\":\"chv.lan\",\"full_name\":\"Trần Thị Lan\",\"unit_id\":%lld,"
             "\"roles\":[\"officer\",\"secretary\"],\"password\":\"Thi hành án 2026!\"}",
             (long long)org.na_kv1);
    assert_int_equal(call("POST", "/api/users", body, &r), 201);
    id = json_integer_value(json_object_get(r.json, "id"));
    assert_int_equal(json_array_size(json_object_get(r.json, "roles")), 2);
    assert_null(json_object_get(r.json, "password_hash"));
    testhttp_response_free(&r);
    /* never echo secrets: the stored hash is argon2id */
    assert_int_equal(testorg_count(&ts,
                                   "SELECT COUNT(*) FROM app_user WHERE username = 'chv.lan' AND "
                                   "password_hash LIKE '$argon2id$%'"),
                     1);

    assert_int_equal(call("POST", "/api/users", body, &r), 409);
    assert_string_equal(testhttp_error_field(&r), "username");
    testhttp_response_free(&r);

    snprintf(body, sizeof body,
             "{\"username\":\"chv.nam\",\"full_name\":\"Lê Văn Nam\",\"unit_id\":%lld,"
             "\"roles\":[\"officer\"],\"password\":\"matkhau2026\"}",
             (long long)org.na_kv1);
    assert_int_equal(call("POST", "/api/users", body, &r), 400);
    assert_string_equal(testhttp_error_code(&r), "weak_password");
    testhttp_response_free(&r);

    snprintf(body, sizeof body,
             "{\"username\":\"chv.nam\",\"full_name\":\"Lê Văn Nam\",\"unit_id\":%lld,"
             "\"roles\":[\"king\"],\"password\":\"Thi hành án 2026!\"}",
             (long long)org.na_kv1);
    assert_int_equal(call("POST", "/api/users", body, &r), 400);
    assert_string_equal(testhttp_error_field(&r), "roles[0]");
    testhttp_response_free(&r);

    snprintf(body, sizeof body,
             "{\"username\":\"chv.ht\",\"full_name\":\"Ở Hà Tĩnh\",\"unit_id\":%lld,"
             "\"roles\":[\"officer\"],\"password\":\"Thi hành án 2026!\"}",
             (long long)org.ht_kv1);
    assert_int_equal(call("POST", "/api/users", body, &r), 404);
    testhttp_response_free(&r);

    /* the new user signs in, and is listed */
    {
        test_login_t lan;
        testhttp_login(&ts, "chv.lan", "Thi hành án 2026!", &lan);
    }
    assert_int_equal(call("GET", "/api/users", NULL, &r), 200);
    assert_non_null(strstr(r.body, "\"chv.lan\""));
    assert_null(strstr(r.body, "password_hash"));
    assert_null(strstr(r.body, "argon2"));
    {
        /* each user once, in username order, with all their roles */
        json_t *users = json_object_get(r.json, "users");
        const char *prev = "";
        int lan = 0;
        for (size_t i = 0; i < json_array_size(users); i++) {
            json_t *u = json_array_get(users, i);
            const char *name = json_string_value(json_object_get(u, "username"));
            assert_true(strcmp(prev, name) < 0);
            prev = name;
            if (strcmp(name, "chv.lan") == 0) {
                lan++;
                assert_int_equal(json_array_size(json_object_get(u, "roles")), 2);
            }
        }
        assert_int_equal(lan, 1);
    }
    testhttp_response_free(&r);

    /* administrators set passwords; weak ones are refused */
    snprintf(path, sizeof path, "/api/users/%lld/password", (long long)id);
    assert_int_equal(call("POST", path, "{\"password\":\"123456789012\"}", &r), 400);
    testhttp_response_free(&r);
    assert_int_equal(call("POST", path, "{\"password\":\"Một mật khẩu mới đủ dài\"}", &r), 204);
    testhttp_response_free(&r);
    {
        test_login_t lan;
        testhttp_login(&ts, "chv.lan", "Một mật khẩu mới đủ dài", &lan);
    }
}

/* Rules that a review found missing: a child ending later still belongs to its parent;
 * a close dated before the last move is out of order; roles fit their unit's kind. */
static void test_closing_and_role_rules(void **state)
{
    char path[96], body[512];
    test_response_t r;
    int64_t parent = create("NA-P", org.na, "2024-01-01", NULL);
    int64_t child = create("NA-P-C", parent, "2024-01-01", ",\"valid_to\":\"2030-12-31\"");
    int64_t court;
    (void)state;
    (void)child;

    snprintf(path, sizeof path, "/api/units/%lld/close", (long long)parent);
    expect_refusal("POST", path, "{\"on\":\"2026-06-30\"}", 409, "not_empty", NULL);

    snprintf(path, sizeof path, "/api/units/%lld/move", (long long)parent);
    snprintf(body, sizeof body, "{\"parent_id\":%lld,\"on\":\"2025-03-01\"}",
             (long long)org.na_kv1);
    if (call("POST", path, body, &r) != 200)
        fail_msg("move: %s", r.body);
    testhttp_response_free(&r);
    snprintf(path, sizeof path, "/api/units/%lld/close", (long long)child);
    assert_int_equal(call("POST", path, "{\"on\":\"2026-01-31\"}", &r), 200);
    testhttp_response_free(&r);
    snprintf(path, sizeof path, "/api/units/%lld/close", (long long)parent);
    expect_refusal("POST", path, "{\"on\":\"2025-02-01\"}", 409, "out_of_order", "on");
    assert_int_equal(call("POST", path, "{\"on\":\"2026-06-30\"}", &r), 200);
    testhttp_response_free(&r);

    snprintf(body, sizeof body,
             "{\"code\":\"NA-TAND\",\"name_vi\":\"Tòa án nhân dân khu vực 1 - Nghệ An\","
             "\"kind\":\"court\",\"parent_id\":%lld,\"valid_from\":\"2025-07-01\"}",
             (long long)org.na);
    assert_int_equal(call("POST", "/api/units", body, &r), 201);
    court = json_integer_value(json_object_get(r.json, "id"));
    testhttp_response_free(&r);
    snprintf(body, sizeof body,
             "{\"username\":\"toa.an\",\"full_name\":\"Thư ký tòa\",\"unit_id\":%lld,"
             "\"roles\":[\"officer\"],\"password\":\"Thi hành án 2026!\"}",
             (long long)court);
    assert_int_equal(call("POST", "/api/users", body, &r), 422);
    assert_string_equal(testhttp_error_code(&r), "role_unit_mismatch");
    assert_string_equal(testhttp_error_field(&r), "roles");
    testhttp_response_free(&r);
    /* a steering committee member may sit anywhere */
    snprintf(body, sizeof body,
             "{\"username\":\"bcd.member\",\"full_name\":\"Thành viên BCĐ\",\"unit_id\":%lld,"
             "\"roles\":[\"steering_viewer\"],\"password\":\"Thi hành án 2026!\"}",
             (long long)court);
    assert_int_equal(call("POST", "/api/users", body, &r), 201);
    testhttp_response_free(&r);
}

/* A reorganization hands a unit's history to its successor: the new agency's staff see
 * the old department's tree for the days it existed (THADS.md 1.1, letter 3769). */
static void test_predecessors_are_in_scope(void **state)
{
    db_t *db = testorg_db(&ts);
    unit_input_t old = {"NA-CU",
                        "Cục Thi hành án dân sự tỉnh Nghệ An (cũ)",
                        "provincial_agency",
                        org.cuc,
                        civil_date_from_ymd(2020, 1, 1),
                        civil_date_from_ymd(2020, 12, 31)};
    unit_input_t district = {"NA-CU-VINH",
                             "Chi cục THADS thành phố Vinh",
                             "district_office",
                             0,
                             civil_date_from_ymd(2020, 1, 1),
                             civil_date_from_ymd(2020, 12, 31)};
    op_error_t err;
    int64_t old_id, district_id;
    char codes[512], path[64];
    test_response_t r;
    (void)state;

    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(unit_op_create(db, &old, 0, 1, &old_id, &err), 0);
    district.parent_id = old_id;
    assert_int_equal(unit_op_create(db, &district, 0, 1, &district_id, &err), 0);
    /* the old department (ended 2020-12-31) handed over to NA */
    assert_int_equal(testdb_set_successor(db, old_id, org.na), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);

    codes_at("2020-06-01", codes, sizeof codes);
    assert_non_null(strstr(codes, "NA-CU"));
    assert_non_null(strstr(codes, "NA-CU-VINH"));
    codes_at("2026-01-01", codes, sizeof codes);
    assert_null(strstr(codes, "NA-CU"));
    snprintf(path, sizeof path, "/api/units/%lld", (long long)district_id);
    assert_int_equal(call("GET", path, NULL, &r), 200);
    testhttp_response_free(&r);
}

static void test_changes_are_audited_and_chain_holds(void **state)
{
    test_response_t r;
    db_t *db;
    int64_t rows, bad;
    char msg[256];
    (void)state;

    assert_true(testorg_count(&ts, "SELECT COUNT(*) FROM audit_log WHERE route = '/api/units' "
                                   "AND outcome = 201 AND object LIKE 'unit:%'") >= 1);
    assert_true(testorg_count(&ts, "SELECT COUNT(*) FROM audit_log WHERE route = "
                                   "'/api/units/{id}/move' AND outcome = 200") == 2);
    db = testorg_db(&ts);
    assert_int_equal(audit_verify(db, &rows, &bad, msg, sizeof msg), DB_OK);
    assert_true(rows > 20);
    db_close(db);

    /* The trail read back a page at a time; limit and before are whole numbers. */
    assert_int_equal(call("GET", "/api/audit?limit=2", NULL, &r), 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "entries")), 2);
    testhttp_response_free(&r);
    {
        const char *bad_queries[] = {"limit=0",   "limit=201", "limit=%2B2",
                                     "limit=2.0", "before=-1", "before=99999999999999999999"};
        for (size_t i = 0; i < sizeof bad_queries / sizeof bad_queries[0]; i++) {
            char path[80];
            snprintf(path, sizeof path, "/api/audit?%s", bad_queries[i]);
            if (call("GET", path, NULL, &r) != 400)
                fail_msg("%s: %ld", path, r.status);
            testhttp_response_free(&r);
        }
    }
}

/* Issue 13, item 4: the tree as of a day lists only the units that exist that day —
 * also when the caller's own unit opened later (its predecessor is shown instead) —
 * and codes sort as people read them (NA-KV2 before NA-KV10). */
static void test_tree_of_a_day_and_natural_order(void **state)
{
    char codes[1024], path[96], body[160];
    test_response_t r;
    test_login_t newcomer;
    int64_t old_unit, new_unit;
    (void)state;

    create("NA-KV10", org.na, "2020-01-01", NULL);
    codes_at("2026-01-01", codes, sizeof codes);
    assert_non_null(strstr(codes, "NA-KV10"));
    assert_true(strstr(codes, "NA-KV2 ") < strstr(codes, "NA-KV10"));

    old_unit = create("NA-XUA", org.na, "2020-01-01", NULL);
    new_unit = create("NA-NAY", org.na, "2025-07-01", NULL);
    snprintf(path, sizeof path, "/api/units/%lld/close", (long long)old_unit);
    snprintf(body, sizeof body, "{\"on\":\"2025-06-30\",\"successor_id\":%lld}",
             (long long)new_unit);
    assert_int_equal(call("POST", path, body, &r), 200);
    testhttp_response_free(&r);
    testorg_user(&ts, &app, "moi_admin", new_unit, 1u << ROLE_ADMIN);
    testhttp_login(&ts, "moi_admin", TESTORG_PASSWORD, &newcomer);

    testhttp_as(&ts, &newcomer, "GET", "/api/units?at=2025-01-01", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "units")), 1);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(r.json, "units"), 0), "code")),
                        "NA-XUA");
    testhttp_response_free(&r);
    testhttp_as(&ts, &newcomer, "GET", "/api/units?at=2025-07-01", NULL, &r);
    assert_int_equal(json_array_size(json_object_get(r.json, "units")), 1);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(r.json, "units"), 0), "code")),
                        "NA-NAY");
    testhttp_response_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_shows_only_my_subtree),
        cmocka_unit_test(test_create_and_refusals),
        cmocka_unit_test(test_move_keeps_history_and_refuses_cycles),
        cmocka_unit_test(test_reorganization_2025),
        cmocka_unit_test(test_rename_is_dated),
        cmocka_unit_test(test_users_api),
        cmocka_unit_test(test_closing_and_role_rules),
        cmocka_unit_test(test_predecessors_are_in_scope),
        cmocka_unit_test(test_changes_are_audited_and_chain_holds),
        cmocka_unit_test(test_tree_of_a_day_and_natural_order),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("units/sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("units/postgres", tests, start_postgres, stop);
    return failed;
}

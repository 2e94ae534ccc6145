/*
 * tests/http/test_search.c — GET /api/search as officers use it, on both engines:
 * names typed with or without diacritics (and in decomposed Unicode), prefixes, case
 * numbers, judgment numbers, ID numbers and tax codes; the sibling province's cases
 * never appear; hostile input (quotes, *, AND, NEAR(, SQL) neither breaks the query
 * nor the index; and a search still answers after 2,000 more cases.
 */
#include "api/handlers.h"
#include "testdb.h"
#include "testorg.h"
#include "ops/app.h"
#include "ops/case_ops.h"
#include "ops/unit_ops.h"
#include "core/access.h"
#include "store/search.h"

#include <stdio.h>
#include <string.h>

static app_t app;
static test_server_t ts;
static test_org_t org;
static test_login_t na_officer, ht_officer;
static int64_t c_duc, c_dung, c_bank, c_ht, c_old, cc1;

/* ---- fixture ------------------------------------------------------------------------ */

static int64_t open_case_on(db_t *db, int64_t unit, const char *case_no, const char *judgment_no,
                            const case_party_input_t *parties, size_t nparties,
                            const char *received)
{
    case_item_input_t item = {"pay_money", "Trả nợ", 50000000, -1, 3};
    case_input_t in = {
        .unit_id = unit,
        .case_no = case_no,
        .source = "application",
        .category = "civil",
        .judgment_no = judgment_no,
        .court_name = "TAND khu vực 1 - Nghệ An",
        .judgment_kind = "civil",
        .parties = parties,
        .nparties = nparties,
        .items = &item,
        .nitems = 1,
    };
    op_error_t err;
    int64_t id = 0;

    assert_int_equal(civil_date_parse(received, &in.received_on), 0);
    in.judgment_date = in.received_on - 30;
    for (size_t i = 0; i < nparties; i++)
        if (strcmp(parties[i].role, "creditor") == 0) {
            item.creditor = (int)i;
            break;
        }
    if (case_op_create(db, &app, &in, 0, app_today(&app), 1, &id, &err) != 0)
        fail_msg("case %s: %s (%s)", case_no, err.en, err.field);
    return id;
}

static int64_t open_case(db_t *db, int64_t unit, const char *case_no, const char *judgment_no,
                         const case_party_input_t *parties, size_t nparties)
{
    return open_case_on(db, unit, case_no, judgment_no, parties, nparties, "2026-01-05");
}

#define PERSON(role, name, id)                                                                     \
    {                                                                                              \
        role,                                                                                      \
        {                                                                                          \
            "person", name, id, "Nghệ An", CIVIL_DATE_INVALID, 0, NULL                             \
        }                                                                                          \
    }

static void build_cases(void)
{
    static const case_party_input_t duc[] = {
        PERSON("creditor", "Nguyễn Văn Đức", "001085012345"),
        PERSON("debtor", "Lê Thị Bình", "040190001234"),
    };
    static const case_party_input_t dung[] = {
        PERSON("creditor", "Trần Thị Hương", NULL),
        PERSON("debtor", "Nguyễn Văn Dũng", "040088000111"),
    };
    static const case_party_input_t bank[] = {
        {"creditor",
         {"organization",
          "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam - Chi nhánh Nghệ An",
          "0100686174-024", "Vinh, Nghệ An", CIVIL_DATE_INVALID, 0, NULL}},
        PERSON("debtor", "Hồ Sỹ Đức", "040075009999"),
    };
    static const case_party_input_t ht[] = {
        PERSON("creditor", "Phan Thị Mai", NULL),
        PERSON("debtor", "Nguyễn Văn Đức", "042080001111"),
    };
    db_t *db = testorg_db(&ts);

    assert_int_equal(db_begin(db), DB_OK);
    c_duc = open_case(db, org.na_kv1, "46/QĐ-THADS", "07/2025/DS-ST", duc, 2);
    c_dung = open_case(db, org.na_kv2, "12/QĐ-THADS", "15/2025/HS-ST", dung, 2);
    c_bank = open_case(db, org.na_kv1, "460/QĐ-THADS", "88/2024/KDTM-ST", bank, 2);
    /* The sibling province: the same case number and the same name. */
    c_ht = open_case(db, org.ht_kv1, "46/QĐ-THADS", "07/2025/DS-ST", ht, 2);
    /* A district office of before the 2025 reorganization, its case, then its closing:
     * regional office 1 took over its files. */
    {
        static const case_party_input_t old[] = {
            PERSON("creditor", "Phạm Thị Thu", NULL),
            PERSON("debtor", "Trần Văn Quyết", "040066012399"),
        };
        unit_input_t u = {"NA-CC1",
                          "Chi cục Thi hành án dân sự thành phố Vinh",
                          "district_office",
                          org.na,
                          civil_date_from_ymd(2020, 1, 1),
                          CIVIL_DATE_INVALID};
        op_error_t err;
        assert_int_equal(unit_op_create(db, &u, 0, 1, &cc1, &err), 0);
        c_old = open_case_on(db, cc1, "5/QĐ-CCTHADS", "3/2024/DS-ST", old, 2, "2024-05-06");
        if (unit_op_close(db, cc1, civil_date_from_ymd(2025, 6, 30), org.na_kv1, 0, 1, &err) != 0)
            fail_msg("close: %s", err.en);
    }
    /* Forty more offices in Nghệ An, without cases: the province's scope has more units
     * than store/search.c asks of the SQLite index as scope words (SEARCH_SCOPE_WORDS),
     * so its searches take the other path (the join alone judges the scope), while an
     * office's ask for their units' words. */
    for (int i = 0; i < 40; i++) {
        char code[16], name[80];
        unit_input_t u = {code,
                          name,
                          "regional_office",
                          org.na,
                          civil_date_from_ymd(2025, 7, 1),
                          CIVIL_DATE_INVALID};
        op_error_t err;
        int64_t id;
        snprintf(code, sizeof code, "NA-X%d", i);
        snprintf(name, sizeof name, "Phòng Thi hành án dân sự khu vực X%d - Nghệ An", i);
        if (unit_op_create(db, &u, 0, 1, &id, &err) != 0)
            fail_msg("unit %s: %s", code, err.en);
    }
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
}

static int start_on(const char *engine)
{
    testapp_init(&app);
    testhttp_start(&ts, engine, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    testorg_user(&ts, &app, "chv.na", org.na, 1u << ROLE_OFFICER);
    testorg_user(&ts, &app, "chv.ht", org.ht, 1u << ROLE_OFFICER);
    testhttp_login(&ts, "chv.na", TESTORG_PASSWORD, &na_officer);
    testhttp_login(&ts, "chv.ht", TESTORG_PASSWORD, &ht_officer);
    build_cases();
    return 0;
}

static int start_sqlite(void **state)
{
    (void)state;
    return start_on("sqlite");
}

static int start_postgres(void **state)
{
    (void)state;
    return start_on("postgres");
}

static int stop(void **state)
{
    (void)state;
    testhttp_stop(&ts);
    return 0;
}

/* ---- helpers ------------------------------------------------------------------------ */

/* Percent-encode every byte but unreserved ones. */
static void encode(const char *s, char *out, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t w = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p && w + 4 < len; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            out[w++] = (char)*p;
        } else {
            out[w++] = '%';
            out[w++] = hex[*p >> 4];
            out[w++] = hex[*p & 15];
        }
    }
    out[w] = '\0';
}

/* GET /api/search?q=<q encoded><extra> as who; the status. */
static long search(test_login_t *who, const char *q, const char *extra, test_response_t *r)
{
    char path[2048], enc[1600];

    encode(q, enc, sizeof enc);
    snprintf(path, sizeof path, "/api/search?q=%s%s", enc, extra ? extra : "");
    testhttp_as(&ts, who, "GET", path, NULL, r);
    return r->status;
}

static json_t *results(const test_response_t *r)
{
    json_t *a = json_object_get(r->json, "results");
    assert_non_null(a);
    assert_true(json_is_array(a));
    return a;
}

static int64_t result_id(const test_response_t *r, size_t i)
{
    return json_integer_value(json_object_get(json_array_get(results(r), i), "id"));
}

static int has(const test_response_t *r, int64_t id)
{
    json_t *a = results(r), *h;
    size_t i;

    json_array_foreach(a, i, h)
    {
        if (json_integer_value(json_object_get(h, "id")) == id)
            return 1;
    }
    return 0;
}

/* Search as the Nghệ An officer, expect 200 and no case of Hà Tĩnh. */
static void na_search(const char *q, test_response_t *r)
{
    if (search(&na_officer, q, NULL, r) != 200)
        fail_msg("q=%s: %ld %s", q, r->status, r->body);
    if (has(r, c_ht))
        fail_msg("q=%s: the sibling province's case was found: %s", q, r->body);
}

/* The first party listed for the hit with this id, and whether it was a match. */
static const char *first_party(const test_response_t *r, int64_t id, const char *field,
                               int *matched)
{
    json_t *a = results(r), *h;
    size_t i;

    json_array_foreach(a, i, h)
    {
        if (json_integer_value(json_object_get(h, "id")) == id) {
            if (matched)
                *matched = json_is_true(json_object_get(h, "parties_matched"));
            return json_string_value(
                json_object_get(json_array_get(json_object_get(h, "parties"), 0), field));
        }
    }
    fail_msg("case %lld not among the results", (long long)id);
    return NULL;
}

/* ---- tests -------------------------------------------------------------------------- */

static void test_folded_and_accented_names(void **state)
{
    test_response_t r;
    int matched = 0;
    (void)state;

    na_search("nguyen van duc", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_int_equal(result_id(&r, 0), c_duc);
    assert_string_equal(first_party(&r, c_duc, "name", &matched), "Nguyễn Văn Đức");
    assert_true(matched);
    assert_string_equal(first_party(&r, c_duc, "role", NULL), "creditor");
    assert_string_equal(first_party(&r, c_duc, "id_number", NULL), "001085012345");
    assert_string_equal(json_string_value(json_object_get(r.json, "query")), "nguyen van duc");
    {
        json_t *h = json_array_get(results(&r), 0);
        assert_string_equal(json_string_value(json_object_get(h, "case_no")), "46/QĐ-THADS");
        assert_string_equal(json_string_value(json_object_get(h, "judgment_no")), "07/2025/DS-ST");
        assert_string_equal(json_string_value(json_object_get(h, "state")), "received");
        assert_string_equal(json_string_value(json_object_get(json_object_get(h, "unit"), "code")),
                            "NA-KV1");
    }
    testhttp_response_free(&r);

    /* With diacritics, in capitals, and decomposed (e + combining marks). */
    na_search("Nguyễn Văn Đức", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_int_equal(result_id(&r, 0), c_duc);
    testhttp_response_free(&r);
    na_search("NGUYỄN VĂN ĐỨC", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    testhttp_response_free(&r);
    na_search("Nguye\xcc\x82\xcc\x83n Va\xcc\x86n \xc4\x90u\xcc\x9b\xcc\x81"
              "c",
              &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_int_equal(result_id(&r, 0), c_duc);
    testhttp_response_free(&r);

    /* The debtor of another case, found by name; the words may come in any order. */
    na_search("binh le thi", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_string_equal(first_party(&r, c_duc, "name", NULL), "Lê Thị Bình");
    testhttp_response_free(&r);

    /* Two different Đức in Nghệ An. */
    na_search("duc", &r);
    assert_int_equal(json_array_size(results(&r)), 2);
    assert_true(has(&r, c_duc) && has(&r, c_bank));
    testhttp_response_free(&r);
}

static void test_prefixes(void **state)
{
    test_response_t r;
    (void)state;

    /* "du" starts both Đức and Dũng. */
    na_search("nguyen van du", &r);
    assert_int_equal(json_array_size(results(&r)), 2);
    assert_true(has(&r, c_duc) && has(&r, c_dung));
    testhttp_response_free(&r);

    na_search("nguy v dun", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_int_equal(result_id(&r, 0), c_dung);
    assert_string_equal(first_party(&r, c_dung, "name", NULL), "Nguyễn Văn Dũng");
    testhttp_response_free(&r);

    na_search("ngân hàng nông", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_int_equal(result_id(&r, 0), c_bank);
    testhttp_response_free(&r);

    na_search("nguyen van ducx", &r);
    assert_int_equal(json_array_size(results(&r)), 0);
    testhttp_response_free(&r);
}

static void test_numbers(void **state)
{
    test_response_t r;
    int matched = 1;
    (void)state;

    /* The case number, typed as written and as an officer types it: 46 before 460. */
    na_search("46/QĐ-THADS", &r);
    assert_int_equal(json_array_size(results(&r)), 2);
    assert_int_equal(result_id(&r, 0), c_duc);
    assert_int_equal(result_id(&r, 1), c_bank);
    /* Matched by number, so the parties are all listed, debtors first. */
    assert_string_equal(first_party(&r, c_duc, "name", &matched), "Lê Thị Bình");
    assert_false(matched);
    testhttp_response_free(&r);
    na_search("46 qd", &r);
    assert_int_equal(result_id(&r, 0), c_duc);
    testhttp_response_free(&r);

    /* Judgment numbers. */
    na_search("15/2025/HS-ST", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_int_equal(result_id(&r, 0), c_dung);
    testhttp_response_free(&r);
    na_search("88 2024 kdtm", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_int_equal(result_id(&r, 0), c_bank);
    testhttp_response_free(&r);

    /* ID numbers, whole and by their start, and a tax code with its branch. */
    na_search("0010850", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_string_equal(first_party(&r, c_duc, "name", &matched), "Nguyễn Văn Đức");
    assert_true(matched);
    testhttp_response_free(&r);
    na_search("040190001234", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_string_equal(first_party(&r, c_duc, "name", NULL), "Lê Thị Bình");
    testhttp_response_free(&r);
    na_search("0100686174", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_int_equal(result_id(&r, 0), c_bank);
    testhttp_response_free(&r);
    na_search("0100686174-024", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    testhttp_response_free(&r);

    /* A name and a number together narrow to one case. */
    na_search("duc 460", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_int_equal(result_id(&r, 0), c_bank);
    assert_string_equal(first_party(&r, c_bank, "name", NULL), "Hồ Sỹ Đức");
    testhttp_response_free(&r);
}

static void test_scope(void **state)
{
    test_response_t r;
    (void)state;

    /* From Hà Tĩnh: only Hà Tĩnh's Nguyễn Văn Đức and case 46. */
    assert_int_equal(search(&ht_officer, "nguyen van duc", NULL, &r), 200);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_int_equal(result_id(&r, 0), c_ht);
    testhttp_response_free(&r);
    assert_int_equal(search(&ht_officer, "46 qd thads", NULL, &r), 200);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_int_equal(result_id(&r, 0), c_ht);
    testhttp_response_free(&r);
    assert_int_equal(search(&ht_officer, "0010850", NULL, &r), 200);
    assert_int_equal(json_array_size(results(&r)), 0);
    testhttp_response_free(&r);

    /* An officer of NA-KV2 sees NA-KV2 only. */
    {
        test_login_t kv2;
        testorg_user(&ts, &app, "chv.kv2", org.na_kv2, 1u << ROLE_OFFICER);
        testhttp_login(&ts, "chv.kv2", TESTORG_PASSWORD, &kv2);
        assert_int_equal(search(&kv2, "nguyen van", NULL, &r), 200);
        assert_int_equal(json_array_size(results(&r)), 1);
        assert_int_equal(result_id(&r, 0), c_dung);
        testhttp_response_free(&r);
    }
}

/* Whether GET /api/cases (the list, all pages) shows case id to who. */
static int listed(test_login_t *who, int64_t id)
{
    test_response_t r;
    json_t *cases;
    int found = 0;

    testhttp_as(&ts, who, "GET", "/api/cases?limit=200", NULL, &r);
    assert_int_equal(r.status, 200);
    cases = json_object_get(r.json, "cases");
    /* one page holds them */
    assert_true(json_is_null(json_object_get(r.json, "next_cursor")) ||
                json_object_get(r.json, "next_cursor") == NULL);
    for (size_t i = 0; i < json_array_size(cases); i++)
        found |= json_integer_value(json_object_get(json_array_get(cases, i), "id")) == id;
    testhttp_response_free(&r);
    return found;
}

/* Search finds what the caller may open: the case of a district office closed in the
 * 2025 reorganization, for the province and for the regional office that succeeded it;
 * and the case list shows it to them alike. */
static void test_reorganized_units(void **state)
{
    test_login_t kv1, kv2;
    test_response_t r;
    char path[64];
    (void)state;

    testorg_user(&ts, &app, "reorg.kv1", org.na_kv1, 1u << ROLE_OFFICER);
    testorg_user(&ts, &app, "reorg.kv2", org.na_kv2, 1u << ROLE_OFFICER);
    testhttp_login(&ts, "reorg.kv1", TESTORG_PASSWORD, &kv1);
    testhttp_login(&ts, "reorg.kv2", TESTORG_PASSWORD, &kv2);

    na_search("tran van quyet", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_int_equal(result_id(&r, 0), c_old);
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(json_array_get(results(&r), 0), "unit"), "code")),
                        "NA-CC1");
    testhttp_response_free(&r);
    assert_int_equal(search(&kv1, "5 qd ccthads", NULL, &r), 200);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_int_equal(result_id(&r, 0), c_old);
    testhttp_response_free(&r);
    /* What search shows, the case page opens. */
    snprintf(path, sizeof path, "/api/cases/%lld", (long long)c_old);
    testhttp_as(&ts, &kv1, "GET", path, NULL, &r);
    assert_int_equal(r.status, 200);
    testhttp_response_free(&r);
    /* Not the neighbouring office, not the other province. */
    assert_int_equal(search(&kv2, "tran van quyet", NULL, &r), 200);
    assert_int_equal(json_array_size(results(&r)), 0);
    testhttp_response_free(&r);
    testhttp_as(&ts, &kv2, "GET", path, NULL, &r);
    assert_int_equal(r.status, 404);
    testhttp_response_free(&r);
    assert_int_equal(search(&ht_officer, "040066012399", NULL, &r), 200);
    assert_int_equal(json_array_size(results(&r)), 0);
    testhttp_response_free(&r);
    /* The lists: a closed unit has no parent today, yet its cases stay listed above it. */
    assert_true(listed(&na_officer, c_old));
    assert_true(listed(&kv1, c_old));
    assert_false(listed(&kv2, c_old));
    assert_false(listed(&ht_officer, c_old));
    assert_true(listed(&kv1, c_duc));
    assert_false(listed(&kv1, c_dung));
}

static void test_bad_queries(void **state)
{
    static const char *const too_short[] = {"", "a", " đ ", "**", "\"\"", "--", "Đ"};
    test_response_t r;
    (void)state;

    testhttp_as(&ts, &na_officer, "GET", "/api/search", NULL, &r);
    assert_int_equal(r.status, 400);
    assert_string_equal(testhttp_error_field(&r), "q");
    testhttp_response_free(&r);
    for (size_t i = 0; i < sizeof too_short / sizeof too_short[0]; i++) {
        if (search(&na_officer, too_short[i], NULL, &r) != 400)
            fail_msg("q='%s': %ld %s", too_short[i], r.status, r.body);
        assert_string_equal(testhttp_error_field(&r), "q");
        testhttp_response_free(&r);
    }
    assert_int_equal(search(&na_officer, "\xff\xfe nguyen", NULL, &r), 400);
    assert_string_equal(testhttp_error_field(&r), "q");
    testhttp_response_free(&r);
    {
        char longq[400];
        memset(longq, 'a', sizeof longq - 1);
        longq[sizeof longq - 1] = '\0';
        assert_int_equal(search(&na_officer, longq, NULL, &r), 400);
        testhttp_response_free(&r);
    }
    assert_int_equal(search(&na_officer, "nguyen", "&limit=0", &r), 400);
    assert_string_equal(testhttp_error_field(&r), "limit");
    testhttp_response_free(&r);
    assert_int_equal(search(&na_officer, "nguyen", "&limit=abc", &r), 400);
    testhttp_response_free(&r);
    assert_int_equal(search(&na_officer, "nguyen", "&limit=%2B5", &r), 400);
    testhttp_response_free(&r);
    assert_int_equal(search(&na_officer, "nguyen", "&limit=101", &r), 400);
    testhttp_response_free(&r);
    assert_int_equal(search(&na_officer, "nguyen", "&limit=1", &r), 200);
    assert_int_equal(json_array_size(results(&r)), 1);
    testhttp_response_free(&r);
}

static void test_hostile_input(void **state)
{
    static const char *const inputs[] = {
        "\"nguyen",
        "nguyen\"",
        "\"nguyen\" OR \"x",
        "nguyen*",
        "*nguyen",
        "nguyen AND van",
        "nguyen OR le",
        "NOT nguyen",
        "NEAR(nguyen van)",
        "NEAR(",
        "body:nguyen",
        "{body}: nguyen",
        "^nguyen",
        "nguyen -van",
        "nguyen + van",
        "duc:* | !van",
        "nguyen & van",
        "(nguyen",
        "nguyen)",
        "'; DROP TABLE case_search; --",
        "' OR '1'='1",
        "1; DELETE FROM enforcement_case",
        "nguyen\\",
        "%",
        "_%_",
        "nguyen' --",
        "$1 $2",
        "nguyen van duc nguyen van duc nguyen van duc nguyen van duc nguyen",
        "\xe6\x96\x87\xe5\xad\x97 \xe6\x96\x87",
        "0x00 \\x00",
        "a*b*c*d*e",
    };
    test_response_t r;
    (void)state;

    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        long st = search(&na_officer, inputs[i], NULL, &r);
        if (st != 200 && st != 400)
            fail_msg("q=%s: %ld %s", inputs[i], st, r.body);
        if (st == 200 && has(&r, c_ht))
            fail_msg("q=%s: found the sibling province's case", inputs[i]);
        testhttp_response_free(&r);
    }
    /* Operators are plain words: "nguyen AND van" needs a word starting "and". */
    na_search("nguyen AND van", &r);
    assert_int_equal(json_array_size(results(&r)), 0);
    testhttp_response_free(&r);
    na_search("\"nguyen\" \"van\" \"duc\"*", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    testhttp_response_free(&r);
    /* Nothing was harmed. */
    na_search("nguyen van duc", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    testhttp_response_free(&r);
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM enforcement_case"), 5);
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM case_search"), 5);
}

static void test_terms(void **state)
{
    char t[SEARCH_MAX_TERMS][SEARCH_TERM_MAX + 1];
    char longword[100];
    (void)state;

    assert_int_equal(search_terms("  ", t), 0);
    /* Input is folded already; anything but [a-z0-9] separates (here: quotes, capitals,
     * the star). */
    assert_int_equal(search_terms("nguyen\" OR *van", t), 2);
    assert_string_equal(t[0], "nguyen");
    assert_string_equal(t[1], "van");
    assert_int_equal(search_terms("a b c d e f g h i j", t), SEARCH_MAX_TERMS);
    assert_string_equal(t[7], "h");
    memset(longword, 'x', sizeof longword - 1);
    longword[sizeof longword - 1] = '\0';
    assert_int_equal(search_terms(longword, t), 1);
    assert_int_equal(strlen(t[0]), SEARCH_TERM_MAX);
}

/* PostgreSQL: every document store/search.c wrote (every start of every word, cut at
 * SEARCH_TERM_MAX) holds the lexemes migration 0023's SQL function gives for its body. */
static void documents_as_sql_writes_them(void)
{
    db_t *db = testorg_db(&ts);
    int64_t n = -1;

    if (db_engine(db) == DB_ENGINE_POSTGRES) {
        assert_int_equal(db_query_int64(db,
                                        "SELECT COUNT(*) FROM case_search WHERE strip(document) = "
                                        "strip(to_tsvector('simple', search_prefixes(body)))",
                                        &n),
                         DB_ROW);
        assert_true(n > 2000);
        assert_int_equal(db_query_int64(db,
                                        "SELECT COUNT(*) FROM case_search WHERE strip(document) <> "
                                        "strip(to_tsvector('simple', search_prefixes(body)))",
                                        &n),
                         DB_ROW);
        assert_int_equal(n, 0);
    }
    db_close(db);
}

static void test_two_thousand_cases(void **state)
{
    static const char *const family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Hồ", "Đặng"};
    /* An and Anh: "nguyen van an" finds both, the whole word first (test_ranking_as_reference) */
    static const char *const given[] = {"An", "Bình", "Cường", "Dũng", "Đức", "Hà", "Hương", "Anh"};
    test_response_t r;
    db_t *db = testorg_db(&ts);
    (void)state;

    assert_int_equal(db_begin(db), DB_OK);
    for (int i = 0; i < 2000; i++) {
        char no[40], name[128], id[16];
        case_party_input_t p[2] = {PERSON("creditor", "Công ty TNHH Thành Vinh", "2901234567"),
                                   PERSON("debtor", name, id)};
        snprintf(no, sizeof no, "%d/QĐ-BULK", i + 1);
        snprintf(name, sizeof name, "%s Văn %s%s", family[i % 7], given[(i / 7) % 8],
                 i % 100 ? "" : " Abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz9");
        snprintf(id, sizeof id, "0400%08d", i);
        open_case(db, i % 2 ? org.na_kv1 : org.na_kv2, no, "01/2026/DS-ST", p, 2);
    }
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);

    na_search("nguyen", &r);
    assert_int_equal(json_array_size(results(&r)), 20);
    testhttp_response_free(&r);
    assert_int_equal(search(&na_officer, "nguyen", "&limit=100", &r), 200);
    assert_int_equal(json_array_size(results(&r)), 100);
    assert_false(has(&r, c_ht));
    testhttp_response_free(&r);
    na_search("1999 bulk", &r);
    assert_true(json_array_size(results(&r)) >= 1);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(results(&r), 0), "case_no")),
        "1999/QĐ-BULK");
    testhttp_response_free(&r);
    na_search("040000001234", &r);
    assert_int_equal(json_array_size(results(&r)), 1);
    assert_string_equal(first_party(&r, result_id(&r, 0), "id_number", NULL), "040000001234");
    testhttp_response_free(&r);
    /* The original case is still found first by its full name. */
    na_search("nguyễn văn đức 46", &r);
    assert_int_equal(result_id(&r, 0), c_duc);
    testhttp_response_free(&r);
    /* And Hà Tĩnh still sees only its own. */
    assert_int_equal(search(&ht_officer, "nguyen", "&limit=100", &r), 200);
    assert_int_equal(json_array_size(results(&r)), 1);
    testhttp_response_free(&r);
    documents_as_sql_writes_them();
}

/* ---- the ranking against a reference ---------------------------------------------- */

#define REF_WORDS 256

typedef struct {
    int64_t id;
    int score;
} ref_hit_t;

/* The words of a folded document, [a-z0-9] runs, at most REF_WORDS. */
static size_t ref_words(const char *body, const char *word[], size_t len[])
{
    size_t n = 0;

    for (const char *p = body; *p != '\0' && n < REF_WORDS;) {
        size_t l = 0;
        while (p[l] != '\0' && ((p[l] >= 'a' && p[l] <= 'z') || (p[l] >= '0' && p[l] <= '9')))
            l++;
        if (l > 0) {
            word[n] = p;
            len[n++] = l;
            p += l;
        } else {
            p++;
        }
    }
    return n;
}

static int ref_starts(const char *w, size_t wl, const char *term)
{
    return strlen(term) <= wl && memcmp(w, term, strlen(term)) == 0;
}

/* search_cases' rule spelled out the slow way: -1 if a term starts no word, else per
 * term 2 for a whole word, 1 for a word's start, and 4 x SEARCH_MAX_TERMS more when
 * several terms start consecutive words in the order typed. */
static int ref_score(const char *body, char terms[][SEARCH_TERM_MAX + 1], size_t nterms)
{
    const char *word[REF_WORDS];
    size_t len[REF_WORDS], n = ref_words(body, word, len);
    int score = 0;

    for (size_t t = 0; t < nterms; t++) {
        int best = 0;
        for (size_t i = 0; i < n; i++) {
            if (ref_starts(word[i], len[i], terms[t]))
                best = len[i] == strlen(terms[t]) ? 2 : best > 1 ? 2 : 1;
        }
        if (best == 0)
            return -1;
        score += best;
    }
    for (size_t i = 0; nterms > 1 && i + nterms <= n; i++) {
        size_t t = 0;
        while (t < nterms && ref_starts(word[i + t], len[i + t], terms[t]))
            t++;
        if (t == nterms)
            return score + 4 * SEARCH_MAX_TERMS;
    }
    return score;
}

static int ref_by_score(const void *a, const void *b)
{
    const ref_hit_t *x = a, *y = b;

    if (x->score != y->score)
        return y->score - x->score;
    return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

/* The ids search_cases should answer for q, in order: every document read, the newest
 * SEARCH_CANDIDATES matches of the units allowed ranked by ref_score, newest first
 * among equals. */
static size_t ref_search(const char *q, const int64_t *units, size_t nunits, int limit,
                         int64_t *out)
{
    static ref_hit_t cand[SEARCH_CANDIDATES];
    char terms[SEARCH_MAX_TERMS][SEARCH_TERM_MAX + 1];
    size_t nterms = search_terms(q, terms), ncand = 0, n = 0;
    db_t *db = testorg_db(&ts);
    db_stmt_t *st;

    assert_int_equal(db_prepare(db,
                                db_engine(db) == DB_ENGINE_SQLITE
                                    ? "SELECT c.id, c.unit_id, h.body FROM case_search h JOIN "
                                      "enforcement_case c ON c.id = h.rowid ORDER BY c.id DESC"
                                    : "SELECT c.id, c.unit_id, h.body FROM case_search h JOIN "
                                      "enforcement_case c ON c.id = h.case_id ORDER BY c.id DESC",
                                &st),
                     DB_OK);
    while (ncand < SEARCH_CANDIDATES && db_step(st) == DB_ROW) {
        int64_t unit = db_column_int64(st, 1);
        int in_scope = 0, score;
        for (size_t u = 0; u < nunits; u++)
            in_scope |= units[u] == unit;
        if (in_scope && (score = ref_score(db_column_text(st, 2), terms, nterms)) >= 0)
            cand[ncand++] = (ref_hit_t){db_column_int64(st, 0), score};
    }
    db_finalize(st);
    db_close(db);
    qsort(cand, ncand, sizeof cand[0], ref_by_score);
    for (; n < ncand && n < (size_t)limit; n++)
        out[n] = cand[n].id;
    return n;
}

/* On the 2,000 generated cases (more matches than SEARCH_CANDIDATES for a common word,
 * more exact names than a page): what the API answers, hit by hit, is what the
 * reference ranks, for a province (the join judges the scope) and an office (the
 * index's scope words), pages of 20 and 100. A search that stops early must stop where
 * nothing later could rank higher. */
static void test_ranking_as_reference(void **state)
{
    static const char *const queries[] = {
        "nguyen van an", "nguyen van",
        "van an",        "an nguyen",
        "nguyen",        "tran v d",
        "ng van du",     "thanh vinh",
        "cong ty tnhh",  "bulk",
        "1999 bulk",     "199 qd",
        "01 2026 ds st", "le van binh abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz9",
    };
    const int64_t province[] = {org.na, org.na_kv1, org.na_kv2, cc1};
    const int64_t office[] = {org.na_kv1, cc1};
    static const int limits[] = {20, 100};
    test_login_t kv1;
    (void)state;

    testorg_user(&ts, &app, "rank.kv1", org.na_kv1, 1u << ROLE_OFFICER);
    testhttp_login(&ts, "rank.kv1", TESTORG_PASSWORD, &kv1);
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        for (size_t l = 0; l < 2; l++) {
            for (int who = 0; who < 2; who++) {
                int64_t want[SEARCH_LIMIT_MAX];
                size_t n = who == 0 ? ref_search(queries[q], province, 4, limits[l], want)
                                    : ref_search(queries[q], office, 2, limits[l], want);
                char extra[32];
                test_response_t r;

                snprintf(extra, sizeof extra, "&limit=%d", limits[l]);
                assert_int_equal(search(who == 0 ? &na_officer : &kv1, queries[q], extra, &r), 200);
                if (json_array_size(results(&r)) != n)
                    fail_msg("q=%s limit=%d %s: %zu hits, the reference %zu", queries[q], limits[l],
                             who ? "office" : "province", json_array_size(results(&r)), n);
                for (size_t i = 0; i < n; i++) {
                    if (result_id(&r, i) != want[i])
                        fail_msg("q=%s limit=%d %s: hit %zu is case %lld, the reference %lld",
                                 queries[q], limits[l], who ? "office" : "province", i,
                                 (long long)result_id(&r, i), (long long)want[i]);
                }
                testhttp_response_free(&r);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_folded_and_accented_names),
        cmocka_unit_test(test_prefixes),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_scope),
        cmocka_unit_test(test_reorganized_units),
        cmocka_unit_test(test_bad_queries),
        cmocka_unit_test(test_hostile_input),
        cmocka_unit_test(test_terms),
        cmocka_unit_test(test_two_thousand_cases),
        cmocka_unit_test(test_ranking_as_reference),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("search/sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("search/postgres", tests, start_postgres, stop);
    return failed;
}

/*
 * tests/http/test_catalog.c — GET /api/catalog lists exactly the core tables: the same
 * keys, every value of every enum in order, each {code, vi, en} as core/ names it, and
 * nothing else. Any signed-in user may read it (a prison officer holds only the
 * session permission besides prisoners); nobody signed out.
 */
#include "api/handlers.h"
#include "testdb.h"
#include "testorg.h"
#include "ops/app.h"
#include "core/access.h"
#include "core/case.h"
#include "core/case_kind.h"
#include "core/unit.h"

#include <stdio.h>
#include <string.h>

static app_t app;
static test_server_t ts;
static test_org_t org;
static test_login_t prison, leader;

static int start(void **state)
{
    (void)state;
    testapp_init(&app);
    testhttp_start(&ts, "sqlite", api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    testorg_user(&ts, &app, "tg3_officer", org.tg3, 1u << ROLE_PRISON_OFFICER);
    testhttp_login(&ts, "tg3_officer", TESTORG_PASSWORD, &prison);
    testorg_user(&ts, &app, "na_leader", org.na, 1u << ROLE_LEADER);
    testhttp_login(&ts, "na_leader", TESTORG_PASSWORD, &leader);
    return 0;
}

static int stop(void **state)
{
    (void)state;
    testhttp_stop(&ts);
    return 0;
}

/* One core table, through int-typed wrappers so that one loop walks them all. */
typedef struct {
    const char *key;
    int count;
    const char *(*code)(int);
    const char *(*vi)(int);
    const char *(*en)(int);
} table_t;

#define WRAP(prefix, type, code_fn, vi_fn, en_fn)                                                  \
    static const char *prefix##_code_i(int v)                                                      \
    {                                                                                              \
        return code_fn((type)v);                                                                   \
    }                                                                                              \
    static const char *prefix##_vi_i(int v)                                                        \
    {                                                                                              \
        return vi_fn((type)v);                                                                     \
    }                                                                                              \
    static const char *prefix##_en_i(int v)                                                        \
    {                                                                                              \
        return en_fn((type)v);                                                                     \
    }

WRAP(state, case_state_t, case_state_code, case_state_name_vi, case_state_name_en)
WRAP(event, case_event_t, case_event_code, case_event_name_vi, case_event_name_en)
WRAP(bucket, case_stat_t, case_stat_code, case_stat_name_vi, case_stat_name_en)
WRAP(verify, verify_result_t, case_verify_code, case_verify_name_vi, case_verify_name_en)
WRAP(category, case_category_t, case_category_code, case_category_name_vi, case_category_name_en)
WRAP(source, case_source_t, case_source_code, case_source_name_vi, case_source_name_en)
WRAP(party_role, case_party_role_t, case_party_role_code, case_party_role_name_vi,
     case_party_role_name_en)
WRAP(party_kind, case_party_kind_t, case_party_kind_code, case_party_kind_name_vi,
     case_party_kind_name_en)
WRAP(content, case_item_content_t, case_item_content_code, case_item_content_name_vi,
     case_item_content_name_en)
WRAP(judgment, case_judgment_kind_t, case_judgment_kind_code, case_judgment_kind_name_vi,
     case_judgment_kind_name_en)
WRAP(role, role_t, access_role_code, access_role_name_vi, access_role_name_en)

#define TABLE(key, prefix, count)                                                                  \
    {                                                                                              \
        key, count, prefix##_code_i, prefix##_vi_i, prefix##_en_i                                  \
    }

static const table_t tables[] = {
    TABLE("states", state, CASE_STATE_COUNT),
    TABLE("events", event, CASE_EVENT_COUNT),
    TABLE("buckets", bucket, STAT_COUNT),
    TABLE("verification_results", verify, VERIFY_COUNT),
    TABLE("categories", category, CASE_CATEGORY_COUNT),
    TABLE("sources", source, CASE_SOURCE_COUNT),
    TABLE("party_roles", party_role, CASE_PARTY_ROLE_COUNT),
    TABLE("party_kinds", party_kind, CASE_PARTY_KIND_COUNT),
    TABLE("content_types", content, CASE_ITEM_CONTENT_COUNT),
    TABLE("judgment_kinds", judgment, CASE_JUDGMENT_KIND_COUNT),
    TABLE("roles", role, ROLE_COUNT),
};
#define NTABLES ((int)(sizeof tables / sizeof tables[0]))

static void test_catalog_lists_exactly_the_core_tables(void **state)
{
    test_response_t r;
    (void)state;

    testhttp_as(&ts, &prison, "GET", "/api/catalog", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_true(json_is_object(r.json));
    /* no table the core does not have: the enums above, the unit kinds and the deadline
     * rules (test_catalog_deadline_rules) */
    assert_int_equal(json_object_size(r.json), NTABLES + 3);
    for (int t = 0; t < NTABLES; t++) {
        json_t *list = json_object_get(r.json, tables[t].key), *e;
        size_t i;

        if (!json_is_array(list))
            fail_msg("catalog has no list '%s'", tables[t].key);
        if ((int)json_array_size(list) != tables[t].count)
            fail_msg("%s: %zu entries, core has %d", tables[t].key, json_array_size(list),
                     tables[t].count);
        json_array_foreach(list, i, e)
        {
            assert_int_equal(json_object_size(e), 3);
            assert_string_equal(json_string_value(json_object_get(e, "code")),
                                tables[t].code((int)i));
            assert_string_equal(json_string_value(json_object_get(e, "vi")), tables[t].vi((int)i));
            assert_string_equal(json_string_value(json_object_get(e, "en")), tables[t].en((int)i));
        }
    }
    {
        json_t *kinds = json_object_get(r.json, "unit_kinds"), *e;
        const unit_kind_t *all = unit_kinds();
        size_t i, n = 0;

        while (all[n].code != NULL)
            n++;
        assert_int_equal(json_array_size(kinds), n);
        json_array_foreach(kinds, i, e)
        {
            assert_int_equal(json_object_size(e), 3);
            assert_string_equal(json_string_value(json_object_get(e, "code")), all[i].code);
            assert_string_equal(json_string_value(json_object_get(e, "vi")), all[i].name_vi);
            assert_string_equal(json_string_value(json_object_get(e, "en")), all[i].name_en);
        }
    }
    testhttp_response_free(&r);
}

/* The UI names a case's state from the catalogue: the same text as the API's
 * state_name_vi for that case. */
static void test_catalog_names_are_the_api_names(void **state)
{
    test_response_t cat, c;
    char path[64];
    const char *code;
    json_t *e;
    size_t i;
    int found = 0;
    int64_t id = testorg_case(&ts, &app, org.na_kv1, "1/QĐ-THADS", "2026-01-05", 1000000);
    (void)state;

    snprintf(path, sizeof path, "/api/cases/%lld", (long long)id);
    testhttp_as(&ts, &leader, "GET", path, NULL, &c);
    assert_int_equal(c.status, 200);
    code = json_string_value(json_object_get(c.json, "state"));
    assert_non_null(code);
    testhttp_as(&ts, &leader, "GET", "/api/catalog", NULL, &cat);
    assert_int_equal(cat.status, 200);
    json_array_foreach(json_object_get(cat.json, "states"), i, e)
    {
        if (strcmp(json_string_value(json_object_get(e, "code")), code) != 0)
            continue;
        assert_string_equal(json_string_value(json_object_get(e, "vi")),
                            json_string_value(json_object_get(c.json, "state_name_vi")));
        found = 1;
    }
    assert_true(found);
    testhttp_response_free(&cat);
    testhttp_response_free(&c);
}

/* Issue 13, item 7: the deadline names in English too, and the legal basis in
 * Vietnamese beside the English, for the rules in force today. */
static void test_catalog_deadline_rules(void **state)
{
    test_response_t r;
    json_t *e, *d10 = NULL;
    size_t i;
    (void)state;

    testhttp_as(&ts, &leader, "GET", "/api/catalog", NULL, &r);
    assert_int_equal(r.status, 200);
    json_array_foreach(json_object_get(r.json, "deadlines"), i, e)
    {
        const char *unit = json_string_value(json_object_get(e, "unit"));
        assert_true(strcmp(unit, "CD") == 0 || strcmp(unit, "WD") == 0 || strcmp(unit, "H") == 0 ||
                    strcmp(unit, "M") == 0);
        assert_true(strlen(json_string_value(json_object_get(e, "en"))) > 0);
        assert_string_not_equal(json_string_value(json_object_get(e, "legal_ref_vi")),
                                json_string_value(json_object_get(e, "legal_ref")));
        if (strcmp(json_string_value(json_object_get(e, "code")), "D10") == 0)
            d10 = e;
    }
    assert_non_null(d10); /* one version: today's */
    assert_string_equal(json_string_value(json_object_get(d10, "vi")),
                        "Thời hạn tự nguyện thi hành án");
    assert_string_equal(json_string_value(json_object_get(d10, "en")),
                        "Voluntary performance period");
    assert_non_null(
        strstr(json_string_value(json_object_get(d10, "legal_ref_vi")), "Luật Thi hành án dân sự"));
    testhttp_response_free(&r);
}

/* One name per state: the API's wording of the law ("Đã tiếp nhận"), in both
 * languages, the same in the catalogue and on a case. */
static void test_state_names_in_both_languages(void **state)
{
    test_response_t cat, c;
    char path[64];
    int64_t id = testorg_case(&ts, &app, org.na_kv1, "2/QĐ-THADS", "2026-01-05", 1000000);
    json_t *received;
    (void)state;

    testhttp_as(&ts, &leader, "GET", "/api/catalog", NULL, &cat);
    received = json_array_get(json_object_get(cat.json, "states"), CASE_STATE_RECEIVED);
    assert_string_equal(json_string_value(json_object_get(received, "vi")), "Đã tiếp nhận");
    assert_string_equal(json_string_value(json_object_get(received, "en")), "Received");
    snprintf(path, sizeof path, "/api/cases/%lld", (long long)id);
    testhttp_as(&ts, &leader, "GET", path, NULL, &c);
    assert_string_equal(json_string_value(json_object_get(c.json, "state_name_vi")),
                        "Đã tiếp nhận");
    assert_string_equal(json_string_value(json_object_get(c.json, "state_name_en")), "Received");
    testhttp_response_free(&cat);
    testhttp_response_free(&c);
}

static void test_catalog_needs_a_session(void **state)
{
    test_response_t r;
    (void)state;

    testhttp_request(&ts, "GET", "/api/catalog", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 401);
    testhttp_response_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog_lists_exactly_the_core_tables),
        cmocka_unit_test(test_catalog_names_are_the_api_names),
        cmocka_unit_test(test_catalog_deadline_rules),
        cmocka_unit_test(test_state_names_in_both_languages),
        cmocka_unit_test(test_catalog_needs_a_session),
    };
    return cmocka_run_group_tests(tests, start, stop);
}

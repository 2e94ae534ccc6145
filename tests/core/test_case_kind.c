/*
 * tests/core/test_case_kind.c — every table of domain values (core/case_kind.h, and the
 * states, events, buckets, verification results and user roles of core/case.h and
 * core/access.h), walked the same way: the codes are exactly the strings stored today,
 * in enum order; each code parses back to its value; names in both languages are
 * present and tell the values apart; unknown codes, NULL and values out of range are
 * refused. Then the category -> judgment kind default.
 */
#include "core/access.h"
#include "core/case.h"
#include "core/case_kind.h"

/* cmocka needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

/* One table, seen through int-typed wrappers so that all can be walked by one loop. */
typedef struct {
    const char *name;
    int count;
    const char *(*code)(int);
    const char *(*vi)(int);
    const char *(*en)(int);
    int (*parse)(const char *);
    const char *const *stored; /* the codes in the database today, in enum order */
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
WRAP(state, case_state_t, case_state_code, case_state_name_vi, case_state_name_en)
WRAP(event, case_event_t, case_event_code, case_event_name_vi, case_event_name_en)
WRAP(bucket, case_stat_t, case_stat_code, case_stat_name_vi, case_stat_name_en)
WRAP(verify, verify_result_t, case_verify_code, case_verify_name_vi, case_verify_name_en)
WRAP(role, role_t, access_role_code, access_role_name_vi, access_role_name_en)

static const char *const stored_categories[] = {"civil",          "marriage_family", "labour",
                                                "criminal_civil", "credit",          "corruption",
                                                "administrative"};
static const char *const stored_sources[] = {"application", "ex_officio"};
static const char *const stored_party_roles[] = {"creditor", "debtor", "related"};
static const char *const stored_party_kinds[] = {"person", "organization", "state"};
static const char *const stored_contents[] = {
    "pay_money",    "periodic_pay",    "court_fee",       "court_charge",   "fine",
    "confiscation", "illicit_gain",    "hand_over_asset", "hand_over_land", "act",
    "refrain",      "destroy_exhibit", "return_property"};
static const char *const stored_judgments[] = {"civil",  "marriage_family", "business",
                                               "labour", "criminal",        "administrative"};
static const char *const stored_states[] = {
    "received",   "refused",      "decided",       "voluntary_period", "verifying",
    "enforcing",  "not_eligible", "postponed",     "suspended",        "completed",
    "terminated", "returned",     "entrusted_out", "revoked"};
static const char *const stored_buckets[] = {"none",          "unclassified",   "d1_completed",
                                             "d2_terminated", "d3_enforcing",   "d4_postponed",
                                             "d5_suspended",  "e_not_eligible", "b_entrusted",
                                             "returned",      "revoked"};
static const char *const stored_verify[] = {"none", "eligible", "not_eligible", "inconclusive"};
static const char *const stored_roles[] = {
    "admin",      "leader",           "officer",        "examiner",       "secretary",
    "accountant", "warehouse_keeper", "prison_officer", "steering_viewer"};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define TABLE(nm, prefix, count, parse_fn, stored)                                                 \
    {                                                                                              \
        nm, count, prefix##_code_i, prefix##_vi_i, prefix##_en_i, parse_fn, stored                 \
    }

static const table_t tables[] = {
    TABLE("categories", category, CASE_CATEGORY_COUNT, case_category_parse, stored_categories),
    TABLE("sources", source, CASE_SOURCE_COUNT, case_source_parse, stored_sources),
    TABLE("party_roles", party_role, CASE_PARTY_ROLE_COUNT, case_party_role_parse,
          stored_party_roles),
    TABLE("party_kinds", party_kind, CASE_PARTY_KIND_COUNT, case_party_kind_parse,
          stored_party_kinds),
    TABLE("content_types", content, CASE_ITEM_CONTENT_COUNT, case_item_content_parse,
          stored_contents),
    TABLE("judgment_kinds", judgment, CASE_JUDGMENT_KIND_COUNT, case_judgment_kind_parse,
          stored_judgments),
    TABLE("states", state, CASE_STATE_COUNT, case_state_parse, stored_states),
    TABLE("events", event, CASE_EVENT_COUNT, case_event_parse, NULL),
    TABLE("buckets", bucket, STAT_COUNT, case_stat_parse, stored_buckets),
    TABLE("verification_results", verify, VERIFY_COUNT, case_verify_parse, stored_verify),
    TABLE("roles", role, ROLE_COUNT, access_role_parse, stored_roles),
};

/* The stored lists above have as many entries as their enums. */
static void test_stored_lists_match_enum_sizes(void **state)
{
    (void)state;
    assert_int_equal(N(stored_categories), CASE_CATEGORY_COUNT);
    assert_int_equal(N(stored_sources), CASE_SOURCE_COUNT);
    assert_int_equal(N(stored_party_roles), CASE_PARTY_ROLE_COUNT);
    assert_int_equal(N(stored_party_kinds), CASE_PARTY_KIND_COUNT);
    assert_int_equal(N(stored_contents), CASE_ITEM_CONTENT_COUNT);
    assert_int_equal(N(stored_judgments), CASE_JUDGMENT_KIND_COUNT);
    assert_int_equal(N(stored_states), CASE_STATE_COUNT);
    assert_int_equal(N(stored_buckets), STAT_COUNT);
    assert_int_equal(N(stored_verify), VERIFY_COUNT);
    assert_int_equal(N(stored_roles), ROLE_COUNT);
}

static void test_codes_are_the_stored_ones(void **state)
{
    (void)state;
    for (int t = 0; t < N(tables); t++) {
        if (tables[t].stored == NULL)
            continue; /* events: checked against its own table in test_case.c */
        for (int i = 0; i < tables[t].count; i++)
            if (strcmp(tables[t].code(i), tables[t].stored[i]) != 0)
                fail_msg("%s[%d]: code '%s', stored '%s'", tables[t].name, i, tables[t].code(i),
                         tables[t].stored[i]);
    }
}

static void test_every_code_round_trips(void **state)
{
    (void)state;
    for (int t = 0; t < N(tables); t++)
        for (int i = 0; i < tables[t].count; i++) {
            const char *code = tables[t].code(i);
            assert_string_not_equal(code, "?");
            if (tables[t].parse(code) != i)
                fail_msg("%s: '%s' parses to %d, not %d", tables[t].name, code,
                         tables[t].parse(code), i);
            /* codes are lower-case identifiers: safe in URLs, CSV and SQL literals */
            for (const char *p = code; *p; p++)
                assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_');
        }
}

static void test_names_present_and_distinct(void **state)
{
    (void)state;
    for (int t = 0; t < N(tables); t++)
        for (int i = 0; i < tables[t].count; i++) {
            const char *vi = tables[t].vi(i), *en = tables[t].en(i);
            assert_non_null(vi);
            assert_non_null(en);
            if (vi[0] == '\0' || en[0] == '\0' || strcmp(vi, "?") == 0 || strcmp(en, "?") == 0)
                fail_msg("%s[%d] '%s' has no name", tables[t].name, i, tables[t].code(i));
            for (int j = 0; j < i; j++) {
                if (strcmp(tables[t].code(i), tables[t].code(j)) == 0)
                    fail_msg("%s: code '%s' twice", tables[t].name, tables[t].code(i));
                if (strcmp(vi, tables[t].vi(j)) == 0 || strcmp(en, tables[t].en(j)) == 0)
                    fail_msg("%s: '%s' and '%s' share a name", tables[t].name, tables[t].code(i),
                             tables[t].code(j));
            }
        }
}

static void test_unknown_codes_and_values_are_refused(void **state)
{
    static const char *const bad[] = {"", "?", "Civil", "civil ", " debtor", "unknown", "x"};
    (void)state;
    for (int t = 0; t < N(tables); t++) {
        const table_t *tb = &tables[t];
        assert_int_equal(tb->parse(NULL), -1);
        for (int b = 0; b < N(bad); b++)
            if (tb->parse(bad[b]) != -1)
                fail_msg("%s: '%s' accepted", tb->name, bad[b]);
        assert_string_equal(tb->code(tb->count), "?");
        assert_string_equal(tb->vi(tb->count), "?");
        assert_string_equal(tb->en(tb->count), "?");
        assert_string_equal(tb->code(-1), "?");
        assert_string_equal(tb->vi(-1), "?");
        assert_string_equal(tb->en(-1), "?");
    }
}

/* The judgment kind a category implies: the table ops/case_ops.c's judgment_kind_of()
 * had, by code. */
static void test_judgment_kind_default(void **state)
{
    static const char *const expect[][2] = {
        {"civil", "civil"},
        {"marriage_family", "marriage_family"},
        {"labour", "labour"},
        {"criminal_civil", "criminal"},
        {"credit", "business"},
        {"corruption", "criminal"},
        {"administrative", "administrative"},
    };
    (void)state;
    assert_int_equal(N(expect), CASE_CATEGORY_COUNT);
    for (int i = 0; i < N(expect); i++) {
        int c = case_category_parse(expect[i][0]);
        assert_true(c >= 0);
        assert_string_equal(case_judgment_kind_code(case_judgment_kind_default((case_category_t)c)),
                            expect[i][1]);
    }
    assert_int_equal(case_judgment_kind_default(CASE_CATEGORY_COUNT), CASE_JUDGMENT_CIVIL);
    assert_int_equal(case_judgment_kind_default((case_category_t)-1), CASE_JUDGMENT_CIVIL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stored_lists_match_enum_sizes),
        cmocka_unit_test(test_codes_are_the_stored_ones),
        cmocka_unit_test(test_every_code_round_trips),
        cmocka_unit_test(test_names_present_and_distinct),
        cmocka_unit_test(test_unknown_codes_and_values_are_refused),
        cmocka_unit_test(test_judgment_kind_default),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

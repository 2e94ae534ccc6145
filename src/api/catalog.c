/*
 * api/catalog.c — GET /api/catalog: every table of domain values, as the UI and other
 * clients show them. Each table is a list of {code, vi, en} in the order of its enum,
 * made from the core tables (core/case.h, core/case_kind.h, core/access.h, core/unit.h) on each
 * request, so a value added in core/ is served without a change here or in web/. The
 * names are the API's one catalogue: every *_name_vi / *_name_en field elsewhere reads
 * the same functions. The deadline rules in force today (data/rules.csv, the running
 * table) come with their names and legal basis in both languages.
 */
#include "api/context.h"
#include "api/handlers.h"
#include "core/access.h"
#include "core/audit_words.h"
#include "core/case.h"
#include "core/case_kind.h"
#include "core/rules.h"
#include "core/unit.h"

#include <string.h>

static json_t *entry(const char *code, const char *vi, const char *en)
{
    return json_pack("{s:s, s:s, s:s}", "code", code, "vi", vi, "en", en);
}

/* One list: count values of an enum, named by prefix_code / _name_vi / _name_en. */
#define TABLE(obj, key, count, type, code_fn, vi_fn, en_fn)                                        \
    do {                                                                                           \
        json_t *list_ = json_array();                                                              \
        for (int i_ = 0; i_ < (count); i_++)                                                       \
            json_array_append_new(list_,                                                           \
                                  entry(code_fn((type)i_), vi_fn((type)i_), en_fn((type)i_)));     \
        json_object_set_new(obj, key, list_);                                                      \
    } while (0)

/* The rules in force on `today` that are periods of time (the deadlines: CD, WD, H, M),
 * in the table's order; rates and amounts are not deadlines. */
static json_t *deadline_rules(const rules_t *rules, civil_date_t today)
{
    json_t *list = json_array();

    for (size_t i = 0; list != NULL && i < rules_count(rules); i++) {
        const rule_t *r = rules_at(rules, i);
        if (r->unit == RULE_UNIT_PPM || r->unit == RULE_UNIT_VND ||
            rules_find(rules, r->rule_id, today) != r)
            continue;
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s}", "code",
                                              r->rule_id, "vi", r->name_vi, "en", r->name_en,
                                              "value", (json_int_t)r->value, "unit",
                                              rules_unit_code(r->unit), "legal_ref", r->legal_ref,
                                              "legal_ref_vi", r->legal_ref_vi, "tag", r->tag));
    }
    return list;
}

int api_catalog_get(http_request_t *req)
{
    json_t *c = json_object();

    TABLE(c, "states", CASE_STATE_COUNT, case_state_t, case_state_code, case_state_name_vi,
          case_state_name_en);
    TABLE(c, "events", CASE_EVENT_COUNT, case_event_t, case_event_code, case_event_name_vi,
          case_event_name_en);
    TABLE(c, "buckets", STAT_COUNT, case_stat_t, case_stat_code, case_stat_name_vi,
          case_stat_name_en);
    TABLE(c, "verification_results", VERIFY_COUNT, verify_result_t, case_verify_code,
          case_verify_name_vi, case_verify_name_en);
    TABLE(c, "categories", CASE_CATEGORY_COUNT, case_category_t, case_category_code,
          case_category_name_vi, case_category_name_en);
    TABLE(c, "sources", CASE_SOURCE_COUNT, case_source_t, case_source_code, case_source_name_vi,
          case_source_name_en);
    TABLE(c, "party_roles", CASE_PARTY_ROLE_COUNT, case_party_role_t, case_party_role_code,
          case_party_role_name_vi, case_party_role_name_en);
    TABLE(c, "party_kinds", CASE_PARTY_KIND_COUNT, case_party_kind_t, case_party_kind_code,
          case_party_kind_name_vi, case_party_kind_name_en);
    TABLE(c, "content_types", CASE_ITEM_CONTENT_COUNT, case_item_content_t, case_item_content_code,
          case_item_content_name_vi, case_item_content_name_en);
    TABLE(c, "judgment_kinds", CASE_JUDGMENT_KIND_COUNT, case_judgment_kind_t,
          case_judgment_kind_code, case_judgment_kind_name_vi, case_judgment_kind_name_en);
    TABLE(c, "roles", ROLE_COUNT, role_t, access_role_code, access_role_name_vi,
          access_role_name_en);
    json_t *kinds = json_array();
    for (const unit_kind_t *k = unit_kinds(); k->code != NULL; k++)
        json_array_append_new(kinds, entry(k->code, k->name_vi, k->name_en));
    json_object_set_new(c, "unit_kinds", kinds);
    kinds = json_array();
    for (const audit_kind_t *k = audit_kinds(); k->code != NULL; k++)
        if (strcmp(k->code, "other") != 0) /* what GET /api/audit?kind= takes */
            json_array_append_new(kinds, entry(k->code, k->name_vi, k->name_en));
    json_object_set_new(c, "audit_kinds", kinds);
    json_object_set_new(c, "deadlines", deadline_rules(api_app(req)->rules, api_today(req)));
    return http_reply_json(req, 200, c);
}

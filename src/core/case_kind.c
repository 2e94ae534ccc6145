/*
 * core/case_kind.c — the tables of core/case_kind.h: one row per value, {code,
 * Vietnamese name, English name}, indexed by the enum. The functions are the same four
 * for every table and are written once (KIND_FUNCTIONS below).
 */
#include "core/case_kind.h"

#include <stddef.h>
#include <string.h>

typedef struct {
    const char *code, *vi, *en;
} kind_name_t;

static const kind_name_t categories[CASE_CATEGORY_COUNT] = {
    [CASE_CATEGORY_CIVIL] = {"civil", "Dân sự", "Civil"},
    [CASE_CATEGORY_MARRIAGE_FAMILY] = {"marriage_family", "Hôn nhân và gia đình",
                                       "Marriage and family"},
    [CASE_CATEGORY_LABOUR] = {"labour", "Lao động", "Labour"},
    [CASE_CATEGORY_CRIMINAL_CIVIL] = {"criminal_civil", "Dân sự trong án hình sự",
                                      "Civil part of a criminal judgment"},
    [CASE_CATEGORY_CREDIT] = {"credit", "Tín dụng, ngân hàng", "Credit and banking"},
    [CASE_CATEGORY_CORRUPTION] = {"corruption", "Tham nhũng, kinh tế",
                                  "Corruption and economic crime"},
    [CASE_CATEGORY_ADMINISTRATIVE] = {"administrative", "Hành chính", "Administrative"},
};

static const kind_name_t sources[CASE_SOURCE_COUNT] = {
    [CASE_SOURCE_APPLICATION] = {"application", "Theo đơn yêu cầu", "On application"},
    [CASE_SOURCE_EX_OFFICIO] = {"ex_officio", "Chủ động", "Ex officio"},
};

static const kind_name_t party_roles[CASE_PARTY_ROLE_COUNT] = {
    [CASE_PARTY_ROLE_CREDITOR] = {"creditor", "Người được thi hành án", "Judgment creditor"},
    [CASE_PARTY_ROLE_DEBTOR] = {"debtor", "Người phải thi hành án", "Judgment debtor"},
    [CASE_PARTY_ROLE_RELATED] = {"related", "Người có quyền lợi, nghĩa vụ liên quan",
                                 "Person with related rights and obligations"},
};

static const kind_name_t party_kinds[CASE_PARTY_KIND_COUNT] = {
    [CASE_PARTY_KIND_PERSON] = {"person", "Cá nhân", "Person"},
    [CASE_PARTY_KIND_ORGANIZATION] = {"organization", "Cơ quan, tổ chức", "Organization"},
    [CASE_PARTY_KIND_STATE] = {"state", "Nhà nước", "The State"},
};

static const kind_name_t item_contents[CASE_ITEM_CONTENT_COUNT] = {
    [CASE_ITEM_PAY_MONEY] = {"pay_money", "Trả tiền", "Pay money"},
    [CASE_ITEM_PERIODIC_PAY] = {"periodic_pay", "Cấp dưỡng, trả tiền định kỳ",
                                "Periodic payment (child support, ...)"},
    [CASE_ITEM_COURT_FEE] = {"court_fee", "Án phí", "Court fee"},
    [CASE_ITEM_COURT_CHARGE] = {"court_charge", "Lệ phí Tòa án", "Court charge"},
    [CASE_ITEM_FINE] = {"fine", "Phạt tiền", "Fine"},
    [CASE_ITEM_CONFISCATION] = {"confiscation", "Tịch thu sung quỹ nhà nước", "Confiscation"},
    [CASE_ITEM_ILLICIT_GAIN] = {"illicit_gain", "Truy thu tiền, tài sản thu lợi bất chính",
                                "Recovery of illicit gains"},
    [CASE_ITEM_HAND_OVER_ASSET] = {"hand_over_asset", "Trả, giao tài sản", "Hand over an asset"},
    [CASE_ITEM_HAND_OVER_LAND] = {"hand_over_land", "Giao nhà, quyền sử dụng đất",
                                  "Hand over a house or land"},
    [CASE_ITEM_ACT] = {"act", "Buộc thực hiện công việc nhất định", "Perform a given act"},
    [CASE_ITEM_REFRAIN] = {"refrain", "Không được thực hiện công việc nhất định",
                           "Refrain from a given act"},
    [CASE_ITEM_DESTROY_EXHIBIT] = {"destroy_exhibit", "Tiêu hủy vật chứng", "Destroy exhibits"},
    [CASE_ITEM_RETURN_PROPERTY] = {"return_property", "Trả lại tiền, tài sản cho đương sự",
                                   "Return money or property to a party"},
};

static const kind_name_t judgment_kinds[CASE_JUDGMENT_KIND_COUNT] = {
    [CASE_JUDGMENT_CIVIL] = {"civil", "Dân sự", "Civil"},
    [CASE_JUDGMENT_MARRIAGE_FAMILY] = {"marriage_family", "Hôn nhân và gia đình",
                                       "Marriage and family"},
    [CASE_JUDGMENT_BUSINESS] = {"business", "Kinh doanh, thương mại", "Business and commercial"},
    [CASE_JUDGMENT_LABOUR] = {"labour", "Lao động", "Labour"},
    [CASE_JUDGMENT_CRIMINAL] = {"criminal", "Hình sự", "Criminal"},
    [CASE_JUDGMENT_ADMINISTRATIVE] = {"administrative", "Hành chính", "Administrative"},
};

/* The judgment kind a category implies when none is given (case_judgment_kind_default). */
static const case_judgment_kind_t category_judgment[CASE_CATEGORY_COUNT] = {
    [CASE_CATEGORY_CIVIL] = CASE_JUDGMENT_CIVIL,
    [CASE_CATEGORY_MARRIAGE_FAMILY] = CASE_JUDGMENT_MARRIAGE_FAMILY,
    [CASE_CATEGORY_LABOUR] = CASE_JUDGMENT_LABOUR,
    [CASE_CATEGORY_CRIMINAL_CIVIL] = CASE_JUDGMENT_CRIMINAL,
    [CASE_CATEGORY_CREDIT] = CASE_JUDGMENT_BUSINESS,
    [CASE_CATEGORY_CORRUPTION] = CASE_JUDGMENT_CRIMINAL,
    [CASE_CATEGORY_ADMINISTRATIVE] = CASE_JUDGMENT_ADMINISTRATIVE,
};

static const kind_name_t unknown = {"?", "?", "?"};

static const kind_name_t *kind_at(const kind_name_t *table, unsigned count, unsigned i)
{
    return i < count ? &table[i] : &unknown;
}

static int kind_parse(const kind_name_t *table, int count, const char *code)
{
    for (int i = 0; code != NULL && i < count; i++)
        if (strcmp(table[i].code, code) == 0)
            return i;
    return -1;
}

/* The four functions of one table: prefix_code, prefix_name_vi, prefix_name_en and
 * prefix_parse (declared one by one in case_kind.h). */
#define KIND_FUNCTIONS(prefix, type, table, count)                                                 \
    const char *prefix##_code(type v)                                                              \
    {                                                                                              \
        return kind_at(table, count, (unsigned)v)->code;                                           \
    }                                                                                              \
    const char *prefix##_name_vi(type v)                                                           \
    {                                                                                              \
        return kind_at(table, count, (unsigned)v)->vi;                                             \
    }                                                                                              \
    const char *prefix##_name_en(type v)                                                           \
    {                                                                                              \
        return kind_at(table, count, (unsigned)v)->en;                                             \
    }                                                                                              \
    int prefix##_parse(const char *code)                                                           \
    {                                                                                              \
        return kind_parse(table, count, code);                                                     \
    }

KIND_FUNCTIONS(case_category, case_category_t, categories, CASE_CATEGORY_COUNT)
KIND_FUNCTIONS(case_source, case_source_t, sources, CASE_SOURCE_COUNT)
KIND_FUNCTIONS(case_party_role, case_party_role_t, party_roles, CASE_PARTY_ROLE_COUNT)
KIND_FUNCTIONS(case_party_kind, case_party_kind_t, party_kinds, CASE_PARTY_KIND_COUNT)
KIND_FUNCTIONS(case_item_content, case_item_content_t, item_contents, CASE_ITEM_CONTENT_COUNT)
KIND_FUNCTIONS(case_judgment_kind, case_judgment_kind_t, judgment_kinds, CASE_JUDGMENT_KIND_COUNT)

case_judgment_kind_t case_judgment_kind_default(case_category_t c)
{
    return (unsigned)c < CASE_CATEGORY_COUNT ? category_judgment[c] : CASE_JUDGMENT_CIVIL;
}

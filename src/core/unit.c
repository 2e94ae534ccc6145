#include "core/unit.h"
#include "core/text.h"

#include <string.h>

/* THADS.md 1.1 and 11. regional_office covers the regional offices of 2025 on;
 * district_office the district sub-departments they replaced (for old data). */
static const unit_kind_t kinds[] = {
    {"ministry", "Bộ", 0, 0, "Ministry"},
    {"central_department", "Cục Quản lý thi hành án dân sự", 1, 0,
     "Central enforcement department"},
    {"provincial_agency", "Thi hành án dân sự tỉnh, thành phố", 1, 0,
     "Provincial enforcement agency"},
    {"regional_office", "Phòng Thi hành án dân sự khu vực", 1, 0, "Regional enforcement office"},
    {"district_office", "Chi cục Thi hành án dân sự (trước 2025)", 1, 0,
     "District enforcement office (before 2025)"},
    {"prison", "Trại giam", 0, 1, "Prison"},
    {"detention_camp", "Trại tạm giam", 0, 1, "Detention camp"},
    {"court", "Tòa án nhân dân", 0, 0, "People's court"},
    {"procuracy", "Viện kiểm sát nhân dân", 0, 0, "People's procuracy"},
    {"bank", "Ngân hàng, tổ chức tín dụng", 0, 0, "Bank or credit institution"},
    {"land_office", "Văn phòng đăng ký đất đai", 0, 0, "Land registration office"},
    {"commune", "Ủy ban nhân dân cấp xã", 0, 0, "Commune people's committee"},
    {"other_agency", "Cơ quan khác", 0, 0, "Other agency"},
    {NULL, NULL, 0, 0, NULL},
};

const unit_kind_t *unit_kind_find(const char *code)
{
    for (const unit_kind_t *k = kinds; code != NULL && k->code; k++)
        if (strcmp(k->code, code) == 0)
            return k;
    return NULL;
}

const unit_kind_t *unit_kinds(void)
{
    return kinds;
}

static int code_ok(const char *code)
{
    size_t n = strlen(code);

    if (n == 0 || n > UNIT_CODE_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
            return 0;
    }
    return 1;
}

unit_check_t unit_check(const char *code, const char *name_vi, const char *kind,
                        civil_date_t valid_from, civil_date_t valid_to, const char **field)
{
    if (code == NULL || !code_ok(code)) {
        *field = "code";
        return UNIT_BAD_CODE;
    }
    if (name_vi == NULL || text_check_line(name_vi, UNIT_NAME_MAX) != TEXT_OK) {
        *field = "name_vi";
        return UNIT_BAD_NAME;
    }
    if (unit_kind_find(kind) == NULL) {
        *field = "kind";
        return UNIT_BAD_KIND;
    }
    if (valid_to != CIVIL_DATE_INVALID && valid_to < valid_from) {
        *field = "valid_to";
        return UNIT_BAD_DATES;
    }
    *field = NULL;
    return UNIT_OK;
}

const char *unit_check_en(unit_check_t c)
{
    switch (c) {
    case UNIT_OK:
        return "ok";
    case UNIT_BAD_CODE:
        return "code must be 1-32 characters of A-Z, 0-9, '-', '_', '.'";
    case UNIT_BAD_NAME:
        return "name must be 1-200 characters of text, without control characters";
    case UNIT_BAD_KIND:
        return "unknown unit kind";
    case UNIT_BAD_DATES:
        return "valid_to is before valid_from";
    }
    return "invalid";
}

const char *unit_check_vi(unit_check_t c)
{
    switch (c) {
    case UNIT_OK:
        return "hợp lệ";
    case UNIT_BAD_CODE:
        return "mã đơn vị gồm 1-32 ký tự A-Z, 0-9, '-', '_', '.'";
    case UNIT_BAD_NAME:
        return "tên đơn vị dài 1-200 ký tự, không chứa ký tự điều khiển";
    case UNIT_BAD_KIND:
        return "loại đơn vị không hợp lệ";
    case UNIT_BAD_DATES:
        return "ngày kết thúc trước ngày bắt đầu";
    }
    return "không hợp lệ";
}

civil_date_t unit_scope_date(civil_date_t today, civil_date_t valid_from, civil_date_t valid_to)
{
    if (valid_to != CIVIL_DATE_INVALID && today > valid_to)
        return valid_to;
    if (today < valid_from)
        return valid_from;
    return today;
}

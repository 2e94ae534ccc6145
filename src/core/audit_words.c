/*
 * core/audit_words.c — an audit row in words (see audit_words.h).
 *
 * One table: a kind per route of the API that changes something (and the sign-in's
 * failures apart, so that they can be listed alone), the refused reads of any route,
 * the command line's commands, and "other" for what a newer route adds before it is
 * named here. A row finds its kind by a scan of some thirty entries.
 */
#include "core/audit_words.h"
#include "core/access.h"
#include "core/case.h"

#include <stdio.h>
#include <string.h>

#define ANY_OK  200, 399
#define REFUSED 400, 599
#define ANY     0, 999
#define COMMAND 0, 999

static const audit_kind_t kinds[] = {
    {"sign_in", "POST", "/api/session", ANY_OK, "Đăng nhập", "Sign-in", "{actor} đăng nhập",
     "{actor} signed in"},
    {"sign_in_failed", "POST", "/api/session", REFUSED, "Đăng nhập không thành công",
     "Failed sign-in", "Đăng nhập không thành công với tên đăng nhập '{actor}'",
     "Failed sign-in as '{actor}'"},
    {"sign_out", "DELETE", "/api/session", ANY, "Đăng xuất", "Sign-out", "{actor} đăng xuất",
     "{actor} signed out"},
    {"password_changed", "POST", "/api/session/password", ANY, "Đổi mật khẩu", "Password change",
     "{actor} đổi mật khẩu của mình", "{actor} changed their password"},
    {"user_created", "POST", "/api/users", ANY, "Tạo tài khoản", "Account created",
     "{actor} tạo tài khoản {object}", "{actor} created the account {object}"},
    {"password_reset", "POST", "/api/users/{id}/password", ANY, "Đặt lại mật khẩu",
     "Password reset", "{actor} đặt lại mật khẩu của {object}",
     "{actor} reset the password of {object}"},
    {"user_disabled", "POST", "/api/users/{id}/disable", ANY, "Khóa tài khoản", "Account disabled",
     "{actor} khóa tài khoản {object}", "{actor} disabled the account {object}"},
    {"user_enabled", "POST", "/api/users/{id}/enable", ANY, "Mở khóa tài khoản", "Account enabled",
     "{actor} mở khóa tài khoản {object}", "{actor} enabled the account {object}"},
    {"role_added", "POST", "/api/users/{id}/roles", ANY, "Thêm vai trò", "Role added",
     "{actor} thêm vai trò '{event}' cho {object}", "{actor} gave {object} the role '{event}'"},
    {"role_removed", "DELETE", "/api/users/{id}/roles/{role}", ANY, "Bỏ vai trò", "Role removed",
     "{actor} bỏ vai trò '{event}' của {object}", "{actor} took the role '{event}' from {object}"},
    {"unit_created", "POST", "/api/units", ANY, "Tạo đơn vị", "Unit created",
     "{actor} tạo đơn vị {object}", "{actor} created the unit {object}"},
    {"unit_renamed", "PATCH", "/api/units/{id}", ANY, "Đổi tên đơn vị", "Unit renamed",
     "{actor} đổi tên đơn vị {object}", "{actor} renamed the unit {object}"},
    {"unit_moved", "POST", "/api/units/{id}/move", ANY, "Chuyển đơn vị", "Unit moved",
     "{actor} chuyển đơn vị {object} sang đơn vị cấp trên khác",
     "{actor} moved the unit {object} under another parent"},
    {"unit_closed", "POST", "/api/units/{id}/close", ANY, "Kết thúc hoạt động đơn vị",
     "Unit closed", "{actor} kết thúc hoạt động của đơn vị {object}",
     "{actor} closed the unit {object}"},
    {"case_opened", "POST", "/api/cases", ANY, "Tạo hồ sơ", "Case opened",
     "{actor} tạo hồ sơ {object}", "{actor} opened the case {object}"},
    {"case_event", "POST", "/api/cases/{id}/events", ANY, "Ghi nhận sự kiện", "Event recorded",
     "{actor} ghi nhận sự kiện '{event}' cho hồ sơ {object}",
     "{actor} recorded '{event}' on the case {object}"},
    {"case_assigned", "POST", "/api/cases/{id}/assign", ANY, "Phân công Chấp hành viên",
     "Officer assigned", "{actor} phân công Chấp hành viên cho hồ sơ {object}",
     "{actor} assigned the officer of the case {object}"},
    {"case_entrusted", "POST", "/api/cases/{id}/entrust", ANY, "Ủy thác thi hành án",
     "Case entrusted", "{actor} ủy thác hồ sơ {object} cho cơ quan khác",
     "{actor} entrusted the case {object} to another agency"},
    {"receipt_issued", "POST", "/api/cases/{id}/receipts", ANY, "Thu tiền", "Money collected",
     "{actor} lập biên lai thu tiền cho hồ sơ {object}",
     "{actor} issued a receipt for the case {object}"},
    {"money_allocated", "POST", "/api/cases/{id}/allocations", ANY, "Phân chia tiền",
     "Money allocated", "{actor} phân chia tiền đã thu của hồ sơ {object}",
     "{actor} split the money collected for the case {object}"},
    {"payout_made", "POST", "/api/cases/{id}/payouts", ANY, "Chi trả tiền", "Money paid out",
     "{actor} lập phiếu chi cho hồ sơ {object}", "{actor} paid out money of the case {object}"},
    {"receipt_voided", "POST", "/api/receipts/{id}/void", ANY, "Hủy biên lai", "Receipt voided",
     "{actor} hủy biên lai {object}", "{actor} voided the receipt {object}"},
    {"access_denied", "GET", NULL, REFUSED, "Bị từ chối truy cập", "Access refused",
     "{actor} bị từ chối khi xem {what}", "{actor} was refused reading {what}"},
    {"command", "CLI", NULL, COMMAND, "Lệnh quản trị", "Command", "{actor} chạy lệnh '{what}'",
     "{actor} ran '{what}'"},
    {"other", NULL, NULL, ANY, "Thao tác khác", "Other", "{actor}: {what}", "{actor}: {what}"},
    {NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL},
};

#define KIND_OTHER (sizeof kinds / sizeof kinds[0] - 2)

const audit_kind_t *audit_kinds(void)
{
    return kinds;
}

const audit_kind_t *audit_kind_find(const char *code)
{
    for (const audit_kind_t *k = kinds; code != NULL && k->code != NULL; k++)
        if (strcmp(k->code, code) == 0)
            return k;
    return NULL;
}

const audit_kind_t *audit_kind_of(const char *method, const char *route, int outcome)
{
    for (size_t i = 0; i < KIND_OTHER; i++) {
        const audit_kind_t *k = &kinds[i];
        if (method != NULL && strcmp(k->method, method) == 0 &&
            (k->route == NULL || (route != NULL && strcmp(k->route, route) == 0)) &&
            outcome >= k->outcome_min && outcome <= k->outcome_max)
            return k;
    }
    return &kinds[KIND_OTHER];
}

const char *audit_result(const char *method, int outcome, const char **vi, const char **en)
{
    int command = method != NULL && strcmp(method, "CLI") == 0;
    const char *code, *v, *e;

    if (command ? outcome == 0 : outcome < 400) {
        code = "succeeded", v = "Thành công", e = "Succeeded";
    } else if (!command && outcome < 500) {
        code = "refused", v = "Bị từ chối", e = "Refused";
    } else {
        code = "failed", v = "Lỗi", e = "Failed";
    }
    if (vi != NULL)
        *vi = v;
    if (en != NULL)
        *en = e;
    return code;
}

/* Append s to out (of len bytes, at *n), keeping whole UTF-8 letters. */
static void put(char *out, size_t len, size_t *n, const char *s)
{
    size_t k = strlen(s);

    if (*n + 1 >= len)
        return;
    if (k > len - 1 - *n) {
        k = len - 1 - *n;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
    }
    memcpy(out + *n, s, k);
    *n += k;
    out[*n] = '\0';
}

static const char *nonempty(const char *s, const char *otherwise)
{
    return s != NULL && s[0] != '\0' ? s : otherwise;
}

/* The event or role a row's detail names, in one language: an event type code
 * ("decided"), or "role added: officer". The detail itself otherwise. */
static const char *event_of(const audit_facts_t *f, int vi)
{
    const char *d = nonempty(f->detail, ""), *colon = strrchr(d, ':');
    int e = case_event_parse(d), r = colon ? access_role_parse(colon + 2) : -1;

    if (e >= 0)
        return vi ? case_event_name_vi((case_event_t)e) : case_event_name_en((case_event_t)e);
    if (r >= 0 && colon[1] == ' ')
        return vi ? access_role_name_vi((role_t)r) : access_role_name_en((role_t)r);
    return d;
}

static void say(const audit_facts_t *f, const char *t, int vi, char *out, size_t len)
{
    size_t n = 0;
    const char *unknown = vi ? "(không rõ)" : "(unknown)";

    if (len == 0)
        return;
    out[0] = '\0';
    while (*t != '\0' && n + 1 < len) {
        const char *close = t[0] == '{' ? strchr(t, '}') : NULL;
        char one[2] = {t[0], '\0'};
        if (close == NULL) {
            put(out, len, &n, one);
            t++;
            continue;
        }
        if (strncmp(t, "{actor}", 7) == 0)
            put(out, len, &n,
                nonempty(f->actor_name, nonempty(f->username, vi ? "Người dùng" : "Someone")));
        else if (strncmp(t, "{object}", 8) == 0)
            put(out, len, &n, nonempty(f->object_label, nonempty(f->object, unknown)));
        else if (strncmp(t, "{event}", 7) == 0)
            put(out, len, &n, event_of(f, vi));
        else if (strncmp(t, "{what}", 6) == 0)
            put(out, len, &n, nonempty(f->route, unknown));
        t = close + 1;
    }
}

void audit_describe(const audit_facts_t *f, char *vi, size_t vilen, char *en, size_t enlen)
{
    const audit_kind_t *k = audit_kind_of(f->method, f->route, f->outcome);

    /* a failed sign-in has no signed-in user: the name is the one typed */
    say(f, k->says_vi, 1, vi, vilen);
    say(f, k->says_en, 0, en, enlen);
}

/*
 * core/access.c — the role → permission matrix. One table, read by the router's
 * authorizer and by the access tests, which derive from it which role must be
 * refused each route.
 */
#include "core/access.h"

#include <string.h>

static const struct {
    const char *code, *name_vi, *name_en;
    unsigned perms;
} roles[ROLE_COUNT] = {
    [ROLE_ADMIN] = {"admin", "Quản trị hệ thống", "System administrator",
                    PERM_SESSION | PERM_UNIT_READ | PERM_UNIT_ADMIN | PERM_USER_READ |
                        PERM_USER_ADMIN | PERM_AUDIT_READ},
    [ROLE_LEADER] = {"leader", "Lãnh đạo đơn vị", "Unit leader",
                     PERM_SESSION | PERM_UNIT_READ | PERM_USER_READ | PERM_AUDIT_READ |
                         PERM_CASE_READ | PERM_CASE_ASSIGN | PERM_PRISONER_READ | PERM_REPORT_READ |
                         PERM_MONEY_APPROVE | PERM_REPORT_SUBMIT},
    [ROLE_OFFICER] = {"officer", "Chấp hành viên", "Enforcement officer",
                      PERM_SESSION | PERM_UNIT_READ | PERM_CASE_READ | PERM_CASE_WRITE |
                          PERM_PRISONER_READ},
    [ROLE_EXAMINER] = {"examiner", "Thẩm tra viên", "Examiner",
                       PERM_SESSION | PERM_UNIT_READ | PERM_CASE_READ | PERM_PRISONER_READ |
                           PERM_REPORT_READ | PERM_AUDIT_READ},
    [ROLE_SECRETARY] = {"secretary", "Thư ký thi hành án", "Enforcement secretary",
                        PERM_SESSION | PERM_UNIT_READ | PERM_CASE_READ | PERM_CASE_WRITE},
    [ROLE_ACCOUNTANT] = {"accountant", "Kế toán nghiệp vụ", "Accountant",
                         PERM_SESSION | PERM_UNIT_READ | PERM_CASE_READ | PERM_MONEY_WRITE |
                             PERM_PRISONER_READ}, /* receives money collected at camps */
    [ROLE_WAREHOUSE_KEEPER] = {"warehouse_keeper", "Thủ kho vật chứng", "Evidence warehouse keeper",
                               PERM_SESSION | PERM_UNIT_READ | PERM_CASE_READ |
                                   PERM_WAREHOUSE_WRITE},
    [ROLE_PRISON_OFFICER] = {"prison_officer", "Cán bộ trại giam", "Prison officer",
                             PERM_SESSION | PERM_PRISONER_READ | PERM_PRISONER_WRITE},
    [ROLE_STEERING_VIEWER] = {"steering_viewer", "Thành viên Ban chỉ đạo",
                              "Steering committee member", PERM_SESSION | PERM_REPORT_READ},
};

static const char *const perm_codes[] = {
    "session",     "unit.read",       "unit.admin",    "user.read",
    "user.admin",  "audit.read",      "case.read",     "case.write",
    "case.assign", "money.write",     "prisoner.read", "prisoner.write",
    "report.read", "warehouse.write", "money.approve", "report.submit",
};

const char *access_role_code(role_t role)
{
    return (unsigned)role < ROLE_COUNT ? roles[role].code : "?";
}

const char *access_role_name_vi(role_t role)
{
    return (unsigned)role < ROLE_COUNT ? roles[role].name_vi : "?";
}

const char *access_role_name_en(role_t role)
{
    return (unsigned)role < ROLE_COUNT ? roles[role].name_en : "?";
}

int access_role_parse(const char *code)
{
    for (int r = 0; r < ROLE_COUNT; r++)
        if (code != NULL && strcmp(roles[r].code, code) == 0)
            return r;
    return -1;
}

unsigned access_perms_of_roles(unsigned role_bits)
{
    unsigned perms = 0;

    for (int r = 0; r < ROLE_COUNT; r++)
        if (role_bits & (1u << r))
            perms |= roles[r].perms;
    return perms;
}

const char *access_perm_code(unsigned perm)
{
    for (size_t i = 0; i < sizeof perm_codes / sizeof perm_codes[0]; i++)
        if (perm == 1u << i)
            return perm_codes[i];
    return "?";
}

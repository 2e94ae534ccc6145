/*
 * core/access.h — roles and what they may do.
 *
 * A user belongs to one unit and holds one or more roles. Each role grants a set
 * of permissions; a route of the API needs one permission. Where a user may act
 * (which objects) is the separate question of scope: their unit's subtree, or for
 * a prison officer their prison's prisoners — see api/scope.c.
 */
#ifndef THADS_CORE_ACCESS_H
#define THADS_CORE_ACCESS_H

#include <stddef.h>

typedef enum {
    ROLE_ADMIN,            /* quản trị hệ thống: units, users, audit */
    ROLE_LEADER,           /* lãnh đạo (thủ trưởng, phó): assigns, signs, watches */
    ROLE_OFFICER,          /* chấp hành viên: runs cases */
    ROLE_EXAMINER,         /* thẩm tra viên: checks legality, inspects */
    ROLE_SECRETARY,        /* thư ký thi hành án: drafts, serves, files */
    ROLE_ACCOUNTANT,       /* kế toán nghiệp vụ: receipts, payouts, ledger */
    ROLE_WAREHOUSE_KEEPER, /* thủ kho vật chứng */
    ROLE_PRISON_OFFICER,   /* cán bộ trại giam / trại tạm giam */
    ROLE_STEERING_VIEWER,  /* Ban chỉ đạo THADS: reports only */
    ROLE_COUNT
} role_t;

/* Permissions, one bit each; a route names exactly one. */
enum {
    PERM_SESSION = 1u << 0, /* any signed-in user: who am I, sign out */
    PERM_UNIT_READ = 1u << 1,
    PERM_UNIT_ADMIN = 1u << 2,
    PERM_USER_READ = 1u << 3,
    PERM_USER_ADMIN = 1u << 4,
    PERM_AUDIT_READ = 1u << 5,
    PERM_CASE_READ = 1u << 6,
    PERM_CASE_WRITE = 1u << 7,
    PERM_CASE_ASSIGN = 1u << 8,
    PERM_MONEY_WRITE = 1u << 9,
    PERM_PRISONER_READ = 1u << 10,
    PERM_PRISONER_WRITE = 1u << 11,
    PERM_REPORT_READ = 1u << 12,
    PERM_WAREHOUSE_WRITE = 1u << 13,
    PERM_MONEY_APPROVE = 1u << 14, /* the head approves payouts (duyệt chi) */
    PERM_REPORT_SUBMIT = 1u << 15, /* a leader submits a period's report (locks it) */
};

/* Stable code of a role ("admin", "officer", ...), as in the database and the API. */
const char *access_role_code(role_t role);
/* Vietnamese name of a role, for the UI and CLI listings. */
const char *access_role_name_vi(role_t role);
/* English name of a role. */
const char *access_role_name_en(role_t role);
/* The role for a code, or -1. */
int access_role_parse(const char *code);
/* Permissions granted by a set of roles (bit i = role i). */
unsigned access_perms_of_roles(unsigned roles);
/* Stable code of a single permission bit ("unit.read"); "?" if not one bit. */
const char *access_perm_code(unsigned perm);

#endif

/*
 * core/audit_words.h — an audit row in words (issue 13): what kind of action it records,
 * whether it succeeded, and one sentence in Vietnamese and English ("Lê Quang Minh ghi
 * nhận sự kiện 'Ra quyết định thi hành án' cho hồ sơ 46/QĐ-THADS").
 *
 * An audit row (store/audit.h) keeps what the request was — method, route pattern,
 * object ("case:12"), HTTP status, a detail (the event type, "role added: officer") —
 * not a sentence, so that the chain's hashed bytes never depend on wording. The words
 * are made when the row is read, from one table of kinds here; a kind is also what the
 * audit trail is filtered by (audit_kind_find gives the method, route and statuses the
 * store selects on).
 *
 * Pure: no I/O, no allocation; every string returned is static.
 */
#ifndef THADS_CORE_AUDIT_WORDS_H
#define THADS_CORE_AUDIT_WORDS_H

#include <stddef.h>

/* A kind of audited action. */
typedef struct {
    const char *code;             /* "case_event", "sign_in_failed", ...: stable, sent in the API */
    const char *method;           /* "POST", "CLI" */
    const char *route;            /* the route pattern; NULL: any route of the method */
    int outcome_min, outcome_max; /* the statuses it covers, inclusive */
    const char *name_vi, *name_en;
    /* The sentence: {actor} who acted, {object} what on (a case number, a unit's code,
     * a user's name), {event} the event or role named in the detail, {what} the route. */
    const char *says_vi, *says_en;
} audit_kind_t;

/* Every kind, ending with one whose code is NULL; the last real one is "other". */
const audit_kind_t *audit_kinds(void);
/* The kind of code, or NULL. */
const audit_kind_t *audit_kind_find(const char *code);
/* The kind of an audit row (never NULL: "other" when no row of the table fits). */
const audit_kind_t *audit_kind_of(const char *method, const char *route, int outcome);

/* The result of an outcome: "succeeded" (2xx, 3xx; a command's 0), "refused" (4xx),
 * "failed" (5xx; a command's non-zero exit). method tells a command ("CLI") from a
 * request. Names in both languages through the out pointers (each may be NULL). */
const char *audit_result(const char *method, int outcome, const char **vi, const char **en);

/* What a row is about, as the store reads it. Any text may be NULL or empty. */
typedef struct {
    const char *method, *route, *detail;
    int outcome;
    const char *actor_name;   /* the signed-in user's full name */
    const char *username;     /* as typed at a failed sign-in, or the user's */
    const char *object;       /* "case:12" */
    const char *object_label; /* "46/QĐ-THADS", "NA-KV1", "Trần Thị Lan (chv.lan)" */
} audit_facts_t;

/* The row's sentence in Vietnamese and English, cut to the buffers (whole letters). */
void audit_describe(const audit_facts_t *f, char *vi, size_t vilen, char *en, size_t enlen);

#endif

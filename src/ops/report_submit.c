/*
 * ops/report_submit.c — submitted reports and their corrections (ops/report_submit.h).
 */
#include "ops/report_submit.h"

#include "ops/report.h"
#include "store/units.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

int report_op_summary_object(db_t *db, const char *unit_code, civil_date_t from, civil_date_t to,
                             const char *category, json_t **out, op_error_t *err)
{
    report_summary_t s;
    report_buf_t b = {0};
    char day[16];
    json_t *j;
    int rc;

    if ((rc = report_op_summary(db, unit_code, from, to, category, &s, err)) != 0)
        return rc;
    rc = report_summary_json(&s, &b);
    report_summary_free(&s);
    j = rc == 0 ? json_loads(b.p, 0, NULL) : NULL;
    report_buf_free(&b);
    if (j == NULL)
        return op_fail_nomem(err);
    civil_date_format(from, day);
    json_object_set_new(j, "from", json_string(day));
    civil_date_format(to, day);
    json_object_set_new(j, "to", json_string(day));
    json_object_set_new(j, "category", category ? json_string(category) : json_null());
    *out = j;
    return 0;
}

void report_submission_hash(const char *body, char out[SUBMISSION_HASH_HEX])
{
    unsigned char h[32];

    crypto_generichash(h, sizeof h, (const unsigned char *)body, strlen(body), NULL, 0);
    sodium_bin2hex(out, SUBMISSION_HASH_HEX, h, sizeof h);
}

/* The body stored and compared: keys sorted, no spaces, so one report has one text. */
static char *canonical(json_t *j)
{
    return json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
}

int report_op_submit(db_t *db, const char *unit_code, civil_date_t from, civil_date_t to,
                     int64_t actor, int64_t now, submission_t *out, op_error_t *err)
{
    unit_row_t u;
    json_t *j = NULL;
    char *body, hash[SUBMISSION_HASH_HEX];
    int64_t id;
    int rc = units_get_by_code(db, unit_code, to, &u);

    if (rc == DB_DONE)
        return op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_UNIT, "unit");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    if ((rc = report_op_summary_object(db, unit_code, from, to, NULL, &j, err)) != 0)
        return rc;
    body = canonical(j);
    json_decref(j);
    if (body == NULL)
        return op_fail_nomem(err);
    report_submission_hash(body, hash);
    rc = submission_insert(db, u.id, from, to, body, hash, actor, now, &id);
    free(body);
    if (rc == DB_CONSTRAINT)
        return op_refuse(err, OP_CONFLICT, MSG_ALREADY_SUBMITTED, "to");
    if (rc != DB_OK)
        return op_fail_db(err, db);
    rc = submission_get(db, id, out);
    return rc == DB_ROW ? 0 : rc == DB_NOMEM ? op_fail_nomem(err) : op_fail_db(err, db);
}

static json_int_t member(json_t *j, const char *line, const char *what)
{
    return json_integer_value(json_object_get(json_object_get(j, line), what));
}

/* "submission" of exactly [from, to]: its id, when and by whom, its hash, and whether the
 * report rendered now is still the one submitted. */
static int decorate_submission(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                               json_t *j, op_error_t *err)
{
    submission_t s;
    json_t *fresh = NULL;
    char *now_body, now_hash[SUBMISSION_HASH_HEX];
    int rc = submission_find(db, unit_id, from, to, &s);

    if (rc == DB_DONE) {
        json_object_set_new(j, "submission", json_null());
        return 0;
    }
    if (rc != DB_ROW)
        return rc == DB_NOMEM ? op_fail_nomem(err) : op_fail_db(err, db);
    /* rendered afresh as it was submitted: j may carry more (targets, the year before) */
    if ((rc = report_op_summary_object(db, s.unit_code, from, to, NULL, &fresh, err)) != 0) {
        submission_free(&s);
        return rc;
    }
    /* Only the keys the submitted report holds: a report submitted before a table was
     * added (special, migration 0014; coercion and complaints, 0027) is judged on what it
     * said, not on what it could not say. A key it holds that is gone now still differs. */
    {
        json_t *held = json_loads(s.body, 0, NULL);
        const char *key;
        void *tmp;
        json_t *value;
        if (held == NULL) {
            json_decref(fresh);
            submission_free(&s);
            return op_fail_nomem(err);
        }
        json_object_foreach_safe(fresh, tmp, key, value)
        {
            if (json_object_get(held, key) == NULL)
                json_object_del(fresh, key);
        }
        json_decref(held);
    }
    now_body = canonical(fresh);
    json_decref(fresh);
    if (now_body == NULL) {
        submission_free(&s);
        return op_fail_nomem(err);
    }
    report_submission_hash(now_body, now_hash);
    free(now_body);
    json_object_set_new(
        j, "submission",
        json_pack("{s:I, s:s, s:o, s:b}", "id", (json_int_t)s.id, "hash", s.hash, "submitted_by",
                  s.submitted_by_name[0] ? json_string(s.submitted_by_name) : json_null(),
                  "matches", strcmp(now_hash, s.hash) == 0));
    submission_free(&s);
    return 0;
}

/* "corrections": what the carried-over figure gained over the remaining figure of the
 * submitted period that ends the day before `from`. */
static int decorate_corrections(db_t *db, int64_t unit_id, civil_date_t from, json_t *j,
                                op_error_t *err)
{
    submission_t s;
    json_t *before;
    int rc = submission_ending(db, unit_id, from - 1, &s);

    if (rc == DB_DONE) {
        json_object_set_new(j, "corrections", json_null());
        return 0;
    }
    if (rc != DB_ROW)
        return rc == DB_NOMEM ? op_fail_nomem(err) : op_fail_db(err, db);
    before = json_loads(s.body, 0, NULL);
    if (before == NULL) {
        submission_free(&s);
        return op_fail_nomem(err);
    }
    /* both figures are sums of bounded amounts: their difference fits */
    json_object_set_new(
        j, "corrections",
        json_pack("{s:I, s:I, s:I, s:s}", "submission_id", (json_int_t)s.id, "cases",
                  member(j, "carried_over", "cases") - member(before, "remaining", "cases"),
                  "money",
                  member(j, "carried_over", "money") - member(before, "remaining", "money"), "hash",
                  s.hash));
    json_decref(before);
    submission_free(&s);
    return 0;
}

int report_op_decorate(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to, json_t *j,
                       op_error_t *err)
{
    int rc = decorate_submission(db, unit_id, from, to, j, err);
    return rc != 0 ? rc : decorate_corrections(db, unit_id, from, j, err);
}

/*
 * tests/store/test_outbox.c — the outbox on both engines: a message enqueued in the
 * writer's transaction is there after its commit and gone after its rollback, a second
 * enqueue with the same key notifies once, the receiving unit's contact picks the address
 * (email, or fax with its gateway), a unit without one gives a failed message the sender
 * sees, a claimed message is leased and taken again only once its lease runs out (a
 * crashed sender), every attempt is recorded, and the counts follow.
 */
#include "testdb.h"
#include "ops/unit_ops.h"
#include "store/outbox.h"
#include "store/q.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static civil_date_t d(const char *s)
{
    civil_date_t v;
    assert_int_equal(civil_date_parse(s, &v), 0);
    return v;
}

static void units(db_t *db, int64_t *agency, int64_t *camp, int64_t *bare)
{
    op_error_t oe;
    int64_t root;
    unit_input_t u = {"BTP", "Bộ Tư pháp", "ministry", 0, d("2000-01-01"), CIVIL_DATE_INVALID};
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(unit_op_create(db, &u, 0, 1, &root, &oe), 0);
    unit_input_t a = {"NA", "THADS Nghệ An", "provincial_agency",
                      root, d("2000-01-01"), CIVIL_DATE_INVALID};
    assert_int_equal(unit_op_create(db, &a, 0, 1, agency, &oe), 0);
    unit_input_t c = {"TG3", "Trại giam số 3", "provincial_agency",
                      root,  d("2000-01-01"),  CIVIL_DATE_INVALID};
    assert_int_equal(unit_op_create(db, &c, 0, 1, camp, &oe), 0);
    unit_input_t b = {"HT", "THADS Hà Tĩnh", "provincial_agency",
                      root, d("2000-01-01"), CIVIL_DATE_INVALID};
    assert_int_equal(unit_op_create(db, &b, 0, 1, bare, &oe), 0);
    assert_int_equal(db_commit(db), DB_OK);
}

static outbox_msg_t msg(const char *key, int64_t from, int64_t to)
{
    outbox_msg_t m = {.idem_key = key,
                      .kind = "prison_exchange",
                      .from_unit_id = from,
                      .to_unit_id = to,
                      .channel = OUTBOX_BY_UNIT,
                      .subject = "Thông báo nghĩa vụ thi hành án",
                      .body = "Kính gửi Trại giam số 3.\nPhạm nhân còn phải thi hành 50.000.000 đ.",
                      .source_kind = "prison_exchange",
                      .source_id = 42};
    return m;
}

static void test_enqueue_and_deliver(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    int64_t agency, camp, bare, id, id2, id3;
    outbox_row_t r;
    outbox_counts_t c;
    units(db, &agency, &camp, &bare);

    unit_contact_t ct = {0};
    strcpy(ct.email, "trai3@bca.gov.vn");
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(unit_contact_set(db, camp, &ct, 0, 1), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);

    /* rolled back with its writer: nothing */
    outbox_msg_t m = msg("x:1:sent", agency, camp);
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(outbox_enqueue(db, &m, &id), DB_OK);
    assert_int_equal(db_rollback(db), DB_OK);
    assert_int_equal(outbox_counts(db, 0, &c), DB_OK);
    assert_int_equal(c.pending + c.failed + c.sent, 0);

    /* committed, with an attachment; the same key again is the same message */
    static const unsigned char att[] = {0, 1, 2, 0xff, 'a'};
    m.attach_name = "thong-bao.txt";
    m.attach_type = "application/octet-stream";
    m.attach_data = att;
    m.attach_len = sizeof att;
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(outbox_enqueue(db, &m, &id), DB_OK);
    assert_int_equal(outbox_enqueue(db, &m, &id2), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(id, id2);
    assert_int_equal(outbox_counts(db, agency, &c), DB_OK);
    assert_int_equal(c.pending, 1);
    assert_int_equal(c.oldest_pending_at > 0, 1);

    /* to a unit without an address: failed at once, and the sender sees it */
    outbox_msg_t m3 = msg("x:3:sent", agency, bare);
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(outbox_enqueue(db, &m3, &id3), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(outbox_counts(db, agency, &c), DB_OK);
    assert_int_equal(c.failed, 1);
    assert_int_equal(outbox_counts(db, camp, &c), DB_OK);
    assert_int_equal(c.failed + c.pending, 0);

    /* claimed: leased, the attachment as stored */
    int64_t now = q_now_micros();
    assert_int_equal(outbox_claim(db, now, now + 1000, &r), DB_ROW);
    assert_int_equal(r.id, id);
    assert_string_equal(r.recipient, "trai3@bca.gov.vn");
    assert_string_equal(r.channel, "email");
    assert_string_equal(r.state, "sending");
    assert_int_equal(r.attempts, 1);
    assert_string_equal(r.subject, "Thông báo nghĩa vụ thi hành án");
    assert_string_equal(r.attach_b64, "AAEC/2E=");
    outbox_row_free(&r);
    /* leased: not claimed again before its lease runs out (nothing else due) */
    assert_int_equal(outbox_claim(db, now + 10, now + 2000, &r), DB_DONE);
    /* the sender died: taken again after the lease, the lost attempt recorded */
    assert_int_equal(outbox_claim(db, now + 1000, now + 3000, &r), DB_ROW);
    assert_int_equal(r.id, id);
    assert_int_equal(r.attempts, 2);
    outbox_row_free(&r);
    /* a failure to retry later, then success */
    assert_int_equal(outbox_finish(db, id, now + 1100, 0, "connection refused", now + 5000), DB_OK);
    assert_int_equal(outbox_claim(db, now + 4000, now + 6000, &r), DB_DONE);
    assert_int_equal(outbox_claim(db, now + 5000, now + 7000, &r), DB_ROW);
    outbox_row_free(&r);
    assert_int_equal(outbox_finish(db, id, now + 5100, 1, NULL, 0), DB_OK);
    assert_int_equal(outbox_get(db, id, &r), DB_ROW);
    assert_string_equal(r.state, "sent");
    assert_int_equal(r.sent_at, now + 5100);
    assert_int_equal(r.attempts, 3);
    outbox_row_free(&r);
    int64_t n = 0;
    assert_int_equal(
        q_int64(db, &n, "SELECT COUNT(*) FROM outbox_attempt WHERE outbox_id = $1", "i", id),
        DB_ROW);
    assert_int_equal(n, 3);
    assert_int_equal(q_int64(db, &n,
                             "SELECT COUNT(*) FROM outbox_attempt WHERE outbox_id = $1 AND ok = 0 "
                             "AND error LIKE 'interrupted%'",
                             "i", id),
                     DB_ROW);
    assert_int_equal(n, 1);
    /* a sent message is not retried */
    assert_int_equal(outbox_retry(db, id, now), DB_DONE);

    /* the unit gets a fax number and gateway: the failed message is retried by fax */
    memset(&ct, 0, sizeof ct);
    strcpy(ct.fax, "0238 3844 123");
    strcpy(ct.fax_gateway, "{fax}@fax.vnpt.vn");
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(unit_contact_set(db, bare, &ct, 0, 2), DB_OK);
    assert_int_equal(outbox_retry(db, id3, now + 6000), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(outbox_claim(db, now + 6000, now + 8000, &r), DB_ROW);
    assert_int_equal(r.id, id3);
    assert_string_equal(r.channel, "fax");
    assert_string_equal(r.recipient, "0238 3844 123");
    assert_string_equal(r.fax_gateway, "{fax}@fax.vnpt.vn");
    outbox_row_free(&r);
    assert_int_equal(outbox_finish(db, id3, now + 6100, 0, "550 no such user", 0), DB_OK);
    assert_int_equal(outbox_counts(db, agency, &c), DB_OK);
    assert_int_equal(c.failed, 1);
    assert_int_equal(c.sent, 1);

    unit_contact_t back;
    assert_int_equal(unit_contact_get(db, bare, &back), DB_OK);
    assert_string_equal(back.fax, "0238 3844 123");
    assert_string_equal(back.email, "");

    /* refusals: no key, a key with a space */
    outbox_msg_t bad = msg("", agency, camp);
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(outbox_enqueue(db, &bad, NULL), DB_CONSTRAINT);
    bad.idem_key = "a b";
    assert_int_equal(outbox_enqueue(db, &bad, NULL), DB_CONSTRAINT);
    assert_int_equal(db_rollback(db), DB_OK);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_BOTH(test_enqueue_and_deliver),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * tests/core/test_prison_doc.c — the exchanges with prisons: their codes, the state shown
 * on a day (overdue only while the receiver still has to act) and the printed documents
 * (core/prison_doc.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/prison_doc.h"

static civil_date_t ymd(int y, int m, int d)
{
    return civil_date_from_ymd(y, m, d);
}

static void test_codes_round_trip(void **state)
{
    (void)state;
    for (int k = 0; k < PRISON_X_KIND_COUNT; k++)
        assert_int_equal(prison_x_kind_parse(prison_x_kind_code((prison_x_kind_t)k)), k);
    for (int s = 0; s < PRISON_X_STATE_COUNT; s++)
        assert_int_equal(prison_x_state_parse(prison_x_state_code((prison_x_state_t)s)), s);
    assert_int_equal(prison_x_kind_parse("fax"), -1);
    assert_int_equal(prison_x_kind_parse(NULL), -1);
    /* who sends what (THADS.md 6.1) */
    assert_true(prison_x_kind_from_agency(PRISON_X_NOTIFY_OBLIGATION));
    assert_true(prison_x_kind_from_agency(PRISON_X_CONFIRMATION));
    assert_false(prison_x_kind_from_agency(PRISON_X_CAMP_COLLECTION));
    assert_false(prison_x_kind_from_agency(PRISON_X_CONFIRMATION_REQUEST));
    assert_false(prison_x_kind_from_agency(PRISON_X_ANSWER));
    /* the confirmation is dated by D32, no number in the code */
    assert_string_equal(prison_x_rule(PRISON_X_CONFIRMATION_REQUEST), "D32");
    assert_null(prison_x_rule(PRISON_X_CONFIRMATION));
    assert_null(prison_purpose_name_vi("parole"));
}

static void test_overdue_while_waiting(void **state)
{
    civil_date_t due = ymd(2026, 3, 17);
    (void)state;

    assert_int_equal(
        prison_x_state_as_of(PRISON_X_NOTIFY_OBLIGATION, PRISON_X_SENT, due, ymd(2026, 3, 17)),
        PRISON_X_SENT);
    assert_int_equal(
        prison_x_state_as_of(PRISON_X_NOTIFY_OBLIGATION, PRISON_X_SENT, due, ymd(2026, 3, 18)),
        PRISON_X_OVERDUE);
    assert_int_equal(
        prison_x_state_as_of(PRISON_X_HANDOVER, PRISON_X_RECEIVED, due, ymd(2026, 3, 18)),
        PRISON_X_OVERDUE);
    /* done once received, answered, or never sent */
    assert_int_equal(
        prison_x_state_as_of(PRISON_X_CAMP_COLLECTION, PRISON_X_RECEIVED, due, ymd(2026, 4, 1)),
        PRISON_X_RECEIVED);
    assert_int_equal(
        prison_x_state_as_of(PRISON_X_NOTIFY_OBLIGATION, PRISON_X_ANSWERED, due, ymd(2026, 4, 1)),
        PRISON_X_ANSWERED);
    assert_int_equal(prison_x_state_as_of(PRISON_X_HANDOVER, PRISON_X_DRAFTED, CIVIL_DATE_INVALID,
                                          ymd(2026, 4, 1)),
                     PRISON_X_DRAFTED);
    assert_int_equal(prison_x_state_as_of(PRISON_X_CONFIRMATION, PRISON_X_SENT, CIVIL_DATE_INVALID,
                                          ymd(2026, 4, 1)),
                     PRISON_X_SENT);
}

static const prison_doc_item_t items[] = {
    {"Bồi thường thiệt hại cho bà Phạm Thị Hại", 50000000},
};
static const prison_doc_case_t cases[] = {
    {"77/QĐ-THADS", "45/2025/HS-ST", "TAND tỉnh Nghệ An", CIVIL_DATE_INVALID, CIVIL_DATE_INVALID,
     items, 1, 50000000, 20000000},
};

static prison_doc_t doc_of(prison_x_kind_t kind)
{
    prison_doc_t d = {.kind = kind,
                      .sender_name = "Phòng Thi hành án dân sự khu vực 1 - Nghệ An",
                      .receiver_name = "Trại giam số 3 - Bộ Công an",
                      .place = "Nghệ An",
                      .on = ymd(2026, 3, 11),
                      .number = 42,
                      .full_name = "Trần Văn Tù",
                      .id_number = "040092008888",
                      .prisoner_no = "TG3-01234",
                      .camp_name = "Trại giam số 3 - Bộ Công an",
                      .sentence = "07 năm tù",
                      .birth_date = ymd(1992, 4, 15),
                      .expected_release_on = ymd(2032, 11, 19),
                      .cases = cases,
                      .n_cases = 1,
                      .amount_vnd = 20000000,
                      .payer_name = "Trần Thị Mẹ",
                      .camp_receipt_no = "TG3/2026/015",
                      .purpose = "sentence_reduction",
                      .body = "Tiền lưu ký 1.200.000 đồng",
                      .legal_ref_vi = "Quyết định số 630/QĐ-BTP (năm 2026)",
                      .deadline_text = "05 ngày làm việc",
                      .due_on = ymd(2026, 3, 18),
                      .reply_to = 41,
                      .reply_to_on = ymd(2026, 3, 10)};
    return d;
}

static void expect_in(const char *text, const char *what)
{
    if (strstr(text, what) == NULL)
        fail_msg("'%s' not in:\n%s", what, text);
}

static void test_documents(void **state)
{
    char *t;
    (void)state;

    for (int k = 0; k < PRISON_X_KIND_COUNT; k++) {
        prison_doc_t d = doc_of((prison_x_kind_t)k);
        t = prison_doc_render(&d);
        assert_non_null(t);
        /* every document: heading, motto, legal basis, the prisoner, the signature */
        expect_in(t, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        expect_in(t, "Nghệ An, ngày 11 tháng 03 năm 2026");
        expect_in(t, "Thông tư liên tịch số 07/2013/TTLT-BTP-BCA-BTC");
        expect_in(t, "Quyết định số 630/QĐ-BTP");
        expect_in(t, "Trần Văn Tù, sinh ngày 15/04/1992");
        expect_in(t, "TG3-01234");
        expect_in(t, "Kính gửi: Trại giam số 3 - Bộ Công an");
        free(t);
    }
    prison_doc_t d = doc_of(PRISON_X_CONFIRMATION);
    t = prison_doc_render(&d);
    expect_in(t, "GIẤY XÁC NHẬN");
    expect_in(t, "Xét đề nghị số 41 ngày 10/03/2026");
    expect_in(t, "Bồi thường thiệt hại cho bà Phạm Thị Hại: 50.000.000 đ");
    expect_in(t, "Đã thi hành được đến ngày 11/03/2026: 20.000.000 đ; còn phải thi hành: "
                 "30.000.000 đ.");
    expect_in(t, "xét giảm thời hạn chấp hành án phạt tù");
    free(t);
    d = doc_of(PRISON_X_CAMP_COLLECTION);
    t = prison_doc_render(&d);
    expect_in(t, "Trần Thị Mẹ số tiền 20.000.000 đ (Hai mươi triệu đồng)");
    expect_in(t, "biên lai thu tiền số TG3/2026/015");
    expect_in(t, "trước ngày 18/03/2026 (05 ngày làm việc)");
    free(t);
    d = doc_of(PRISON_X_ANSWER);
    t = prison_doc_render(&d);
    expect_in(t, "Kết quả xác minh: Tiền lưu ký 1.200.000 đồng");
    expect_in(t, "GIÁM THỊ TRẠI GIAM");
    free(t);
    /* what is missing prints as dots, never as "(null)" */
    d = (prison_doc_t){.kind = PRISON_X_NOTIFY_OBLIGATION,
                       .on = CIVIL_DATE_INVALID,
                       .birth_date = CIVIL_DATE_INVALID,
                       .expected_release_on = CIVIL_DATE_INVALID,
                       .due_on = CIVIL_DATE_INVALID};
    t = prison_doc_render(&d);
    assert_non_null(t);
    assert_null(strstr(t, "(null)"));
    free(t);
    d.kind = PRISON_X_KIND_COUNT;
    assert_null(prison_doc_render(&d));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes_round_trip),
        cmocka_unit_test(test_overdue_while_waiting),
        cmocka_unit_test(test_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

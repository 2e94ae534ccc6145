/*
 * tests/core/test_fold.c — Vietnamese folding for search.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/fold.h"

#include <string.h>

static void expect(const char *in, const char *want)
{
    char out[256];
    long n = fold_vi(in, out, sizeof out);

    if (n < 0 || strcmp(out, want) != 0)
        fail_msg("fold(\"%s\") = \"%s\" (%ld), want \"%s\"", in, out, n, want);
    assert_int_equal((size_t)n, strlen(want));
}

static void test_names(void **state)
{
    (void)state;
    expect("Nguyễn Văn Đức", "nguyen van duc");
    expect("NGUYỄN VĂN ĐỨC", "nguyen van duc");
    expect("nguyen van duc", "nguyen van duc");
    expect("Đặng Thị Hồng Nhung", "dang thi hong nhung");
    expect("Trương Mỹ Lan", "truong my lan");
    expect("Phạm Quốc Việt", "pham quoc viet");
    expect("Lê Thị Ngọc Ánh", "le thi ngoc anh");
    expect("Hồ Xuân Hương", "ho xuan huong");
    expect("Bùi Ưng", "bui ung");
    expect("Ông Ơn", "ong on");
}

/* The same name typed with combining marks (NFD) folds the same. */
static void test_decomposed_input(void **state)
{
    (void)state;
    expect("Nguye\xcc\x82\xcc\x83n", "nguyen"); /* e + circumflex + tilde */
    expect("D\xcc\x9b", "d");                   /* odd combining sequence */
}

static void test_numbers_and_punctuation(void **state)
{
    (void)state;
    expect("46/QĐ-THADS", "46 qd thads");
    expect("  07/2025/DS-ST  ", "07 2025 ds st");
    expect("Công ty TNHH Một thành viên, Ngân hàng Nông nghiệp",
           "cong ty tnhh mot thanh vien ngan hang nong nghiep");
    expect("", "");
}

static void test_invalid_and_small_buffers(void **state)
{
    char out[8];
    (void)state;

    assert_int_equal(fold_vi("\xff\xfe", out, sizeof out), -1);
    assert_int_equal(fold_vi("abc", out, 0), -1);
    /* truncation stays NUL-terminated and never splits a character */
    assert_true(fold_vi("Nguyễn Văn Đức", out, sizeof out) >= 0);
    assert_true(strlen(out) < sizeof out);
    assert_string_equal(out, "nguyen");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_decomposed_input),
        cmocka_unit_test(test_numbers_and_punctuation),
        cmocka_unit_test(test_invalid_and_small_buffers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

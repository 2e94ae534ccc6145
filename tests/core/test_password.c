/*
 * tests/core/test_password.c — the password policy: at least 10 characters (counted
 * as characters, so Vietnamese passwords are not favoured by their byte length), at
 * most 256 bytes, not a well-known password (ignoring case and trailing digits or
 * punctuation) nor a predictable one (all digits, one character repeated, a run), not
 * containing the username, and printable UTF-8 only.
 */
#include "core/password.h"
#include "embed.h"

/* cmocka needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

static const char small_list[] = "# a comment line, never matched\n"
                                 "matkhau\n"
                                 "password\r\n" /* CRLF lines, as an edited file may have */
                                 "qwertyuiop\n"
                                 "\n"
                                 "1234567890\n"
                                 "iloveyou"; /* last line without a newline */

static void expect(password_check_t want, const char *pw, const char *user, const char *list)
{
    password_check_t got = password_check(pw, user, list);

    if (got != want)
        fail_msg("password_check(\"%s\", %s): %d (%s), want %d (%s)", pw, user ? user : "NULL", got,
                 password_check_en(got), want, password_check_en(want));
}

static void test_length_counts_characters(void **state)
{
    (void)state;
    /* 9 characters in 14 bytes: too short, though longer than 10 bytes */
    assert_int_equal(strlen("Đặng Thịn"), 14);
    expect(PASSWORD_TOO_SHORT, "Đặng Thịn", NULL, small_list);
    expect(PASSWORD_TOO_SHORT, "Nguyễn Ái", NULL, small_list);
    expect(PASSWORD_TOO_SHORT, "ẮẰẲẴẶẤẦẨẪ", NULL, small_list); /* 9 chars, 27 bytes */
    /* 10 characters are enough */
    expect(PASSWORD_OK, "Đặng Thịnh", NULL, small_list);
    expect(PASSWORD_OK, "ẮẰẲẴẶẤẦẨẪẬ", NULL, small_list);
    expect(PASSWORD_TOO_SHORT, "zebra-fox", NULL, small_list);
    expect(PASSWORD_OK, "zebra-foxy", NULL, small_list);
    expect(PASSWORD_TOO_SHORT, "", NULL, small_list);
    expect(PASSWORD_TOO_SHORT, "          ", NULL, small_list); /* only spaces */
    expect(PASSWORD_OK, "ba con mèo", NULL, small_list);        /* spaces inside are fine */
}

static void test_byte_limit(void **state)
{
    char pw[400];
    static const char *const letters[] = {"ắ", "ằ", "ẳ", "ẵ", "ặ", "ữ", "ự"}; /* 3 bytes each */
    (void)state;

    for (int i = 0; i < 256; i++)
        pw[i] = "qwmz"[i % 4];
    pw[256] = '\0';
    expect(PASSWORD_OK, pw, NULL, small_list);
    pw[256] = 'q';
    pw[257] = '\0';
    expect(PASSWORD_TOO_LONG, pw, NULL, small_list);
    /* bytes, not characters: 86 three-byte letters are 258 bytes */
    pw[0] = '\0';
    for (int i = 0; i < 85; i++)
        strcat(pw, letters[i % 7]);
    assert_int_equal(strlen(pw), 255);
    expect(PASSWORD_OK, pw, NULL, small_list);
    strcat(pw, "ữ");
    expect(PASSWORD_TOO_LONG, pw, NULL, small_list);
}

static void test_common_passwords(void **state)
{
    static const char *const common[] = {
        "qwertyuiop",    /* on the list */
        "QWERTYUIOP",    /* any case */
        "QwErTyUiOp",    /* any case */
        "matkhau2024",   /* trailing digits */
        "Matkhau@2024",  /* trailing punctuation and digits */
        "MATKHAU!!!",    /* trailing punctuation */
        "matkhau.,;!?#", /* any punctuation */
        "password2026",  /* a CRLF line of the list */
        "Password123!",  /* the same */
        "PASSWORD....",  /* the same */
        "1234567890",    /* all digits: the exact entry */
        "iloveyou12",    /* the last line, which has no newline */
    };
    static const char *const not_common[] = {
        "2024matkhau",                     /* only trailing characters are dropped */
        "matkhau2024x",                    /* the stem must be the whole word */
        "xmatkhau2024",                    /* the same */
        "matkhau 2024",                    /* a space is neither digit nor punctuation */
        "mậtkhẩu2024",                     /* Vietnamese letters are not the ASCII word */
        "passwordpassword",                /* a list word twice is not the word */
        "# a comment line, never matched", /* comment lines are not entries */
    };
    (void)state;

    for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
        expect(PASSWORD_COMMON, common[i], NULL, small_list);
    for (size_t i = 0; i < sizeof not_common / sizeof not_common[0]; i++)
        expect(PASSWORD_OK, not_common[i], NULL, small_list);
    /* no list: nothing is common */
    expect(PASSWORD_OK, "matkhau2024", NULL, NULL);
    expect(PASSWORD_OK, "matkhau2024", NULL, "");
}

static void test_shipped_list(void **state)
{
    const embedded_file_t *f = embed_find(embedded_data, "common-passwords.txt");
    const char *list;
    (void)state;

    assert_non_null(f);
    list = (const char *)f->data;
    expect(PASSWORD_COMMON, "1234567890", NULL, list);
    expect(PASSWORD_COMMON, "Matkhau@2024", NULL, list); /* the file's own example */
    expect(PASSWORD_COMMON, "matkhau2024", NULL, list);
    expect(PASSWORD_COMMON, "Password2024!", NULL, list);
    expect(PASSWORD_COMMON, "QWERTYUIOP", NULL, list);
    expect(PASSWORD_COMMON, "iloveyou2024", NULL, list);
    expect(PASSWORD_OK, "Mật-khẩu-thử-nghiệm-2026", NULL, list);
    expect(PASSWORD_OK, "correct horse battery staple", NULL, list);
    expect(PASSWORD_OK, "ngựa-pin-kẹp-giấy", NULL, list);
}

static void test_predictable(void **state)
{
    static const char *const predictable[] = {
        "0987654321",       /* a phone number */
        "2026112320261123", /* two dates */
        "12345678901",      /* all digits: no list needed */
        "aaaaaaaaaa",       /* one character repeated */
        "ZZZZZZZZZZZZ",     /* the same, any case */
        "..........",       /* the same, punctuation */
        "abcdefghij",       /* a run up */
        "ABCDEFGHIJKL",     /* any case */
        "qrstuvwxyz",       /* anywhere in the alphabet */
        "zyxwvutsrq",       /* a run down */
        "9876543210",       /* digits down */
        "đđđđđđđđđđ",       /* one Vietnamese letter repeated (2 bytes each) */
        "ặặặặặặặặặặ",       /* 3 bytes each */
    };
    static const char *const not_predictable[] = {
        "abcdefghik",   /* the run is broken */
        "aaaaaaaaab",   /* not one character */
        "1234567890a",  /* not all digits */
        "0912 345 678", /* spaces: not all digits */
        "đđđđđđđđđd",   /* d is not đ */
    };
    (void)state;

    for (size_t i = 0; i < sizeof predictable / sizeof predictable[0]; i++)
        expect(PASSWORD_COMMON, predictable[i], NULL, NULL);
    for (size_t i = 0; i < sizeof not_predictable / sizeof not_predictable[0]; i++)
        expect(PASSWORD_OK, not_predictable[i], NULL, NULL);
}

static void test_username_inside(void **state)
{
    (void)state;
    expect(PASSWORD_HAS_USERNAME, "nguyenvana2026", "nguyenvana", small_list);
    expect(PASSWORD_HAS_USERNAME, "Xin-chao-NguyenVanA!", "nguyenvana", small_list);
    expect(PASSWORD_HAS_USERNAME, "xin-chao-nguyenvana", "NguyenVanA", small_list);
    expect(PASSWORD_HAS_USERNAME, "tran.thi.b-2026", "tran.thi.b", small_list);
    expect(PASSWORD_OK, "nguyen-van-a-2026", "nguyenvana", small_list);
    /* usernames shorter than 3 characters are not looked for */
    expect(PASSWORD_OK, "abacus-tree-42", "ab", small_list);
    expect(PASSWORD_OK, "abacus-tree-42", "", small_list);
    expect(PASSWORD_OK, "abacus-tree-42", NULL, small_list);
    /* the other rules still come first */
    expect(PASSWORD_TOO_SHORT, "nguyenvan", "nguyenvan", small_list);
}

static void test_bad_text(void **state)
{
    static const char *const bad[] = {
        "abcdefghij\t",
        "abcde\nfghij",
        "abcdefghij\r",
        "\x1b"
        "abcdefghijk",
        "abcdefghij\x7f",
        "abcdefghij\xc2\x85", /* NEL */
        "abcdefghij\xff",
        "abcdefghij\xc0\xaf",     /* overlong */
        "abcdefghij\xed\xa0\x80", /* surrogate */
        "abcdefghij\xe1\xba",     /* truncated */
        "\t\t",                   /* short too, but bad first */
    };
    (void)state;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (password_check(bad[i], NULL, small_list) != PASSWORD_BAD_TEXT)
            fail_msg("case %zu: %d, want PASSWORD_BAD_TEXT", i,
                     password_check(bad[i], NULL, small_list));
}

static void test_wording(void **state)
{
    (void)state;
    for (int a = PASSWORD_TOO_SHORT; a <= PASSWORD_BAD_TEXT; a++) {
        assert_true(strlen(password_check_en((password_check_t)a)) > 0);
        assert_true(strlen(password_check_vi((password_check_t)a)) > 0);
        for (int b = PASSWORD_OK; b < a; b++) {
            assert_string_not_equal(password_check_en((password_check_t)a),
                                    password_check_en((password_check_t)b));
            assert_string_not_equal(password_check_vi((password_check_t)a),
                                    password_check_vi((password_check_t)b));
        }
    }
    assert_non_null(strstr(password_check_en(PASSWORD_TOO_SHORT), "10"));
    assert_non_null(strstr(password_check_vi(PASSWORD_TOO_SHORT), "10"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_length_counts_characters),
        cmocka_unit_test(test_byte_limit),
        cmocka_unit_test(test_common_passwords),
        cmocka_unit_test(test_shipped_list),
        cmocka_unit_test(test_predictable),
        cmocka_unit_test(test_username_inside),
        cmocka_unit_test(test_bad_text),
        cmocka_unit_test(test_wording),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * core/money.c — checked arithmetic, parsing and Vietnamese formatting of đồng.
 *
 * Magnitudes are handled as uint64_t so that INT64_MIN (whose magnitude 2^63 does not
 * fit in int64) needs no special case; products and quotients go through 128-bit
 * integers, which makes a * num / den exact for every int64 input.
 *
 * Text is first built in a fixed stack buffer (struct sbuf) and then copied to the
 * caller's buffer. The lengths are bounded by the int64 range, so the stack buffer
 * can never be too small; building first is what lets the copy cut at a UTF-8
 * boundary and still report the full length.
 */
#include "core/money.h"

#include <assert.h>
#include <stdbool.h>
#include <string.h>

__extension__ typedef __int128 money_i128;
__extension__ typedef unsigned __int128 money_u128;

#define MAG_INT64_MIN ((uint64_t)INT64_MAX + 1u) /* magnitude of INT64_MIN, 2^63 */

/* |x| as an unsigned value; correct for INT64_MIN. */
static uint64_t mag64(int64_t x)
{
    return x < 0 ? 0u - (uint64_t)x : (uint64_t)x;
}

/*
 * Turn a sign and a magnitude back into an int64. Returns false (and leaves *out alone)
 * when the value is outside int64: magnitude above 2^63, or exactly 2^63 but positive.
 */
static bool from_mag(bool neg, money_u128 m, int64_t *out)
{
    if (neg) {
        if (m > MAG_INT64_MIN)
            return false;
        /* -(int64_t)2^63 would overflow, so INT64_MIN is spelled out. */
        *out = m == MAG_INT64_MIN ? INT64_MIN : -(int64_t)m;
    } else {
        if (m > (money_u128)INT64_MAX)
            return false;
        *out = (int64_t)m;
    }
    return true;
}

/* ---- arithmetic ------------------------------------------------------------------ */

int money_add(money_t a, money_t b, money_t *out)
{
    money_t r;

    if (!out)
        return MONEY_INVALID;
    if (__builtin_add_overflow(a, b, &r))
        return MONEY_OVERFLOW;
    *out = r;
    return MONEY_OK;
}

int money_sub(money_t a, money_t b, money_t *out)
{
    money_t r;

    if (!out)
        return MONEY_INVALID;
    if (__builtin_sub_overflow(a, b, &r))
        return MONEY_OVERFLOW;
    *out = r;
    return MONEY_OK;
}

int money_mul(money_t a, int64_t k, money_t *out)
{
    money_t r;

    if (!out)
        return MONEY_INVALID;
    if (__builtin_mul_overflow(a, k, &r))
        return MONEY_OVERFLOW;
    *out = r;
    return MONEY_OK;
}

/*
 * Work on magnitudes: |a * num| <= 2^126 fits in 128 bits, the remainder is below
 * |den| <= 2^63, so 2 * remainder cannot overflow either. Rounding half away from
 * zero on the magnitude and then applying the sign is exactly "half away from zero"
 * on the signed value.
 */
int money_mul_div(money_t a, int64_t num, int64_t den, money_t *out)
{
    if (!out)
        return MONEY_INVALID;
    if (den == 0)
        return MONEY_DIV_ZERO;

    bool neg = (a < 0) != (num < 0);
    neg = neg != (den < 0);
    money_u128 p = (money_u128)mag64(a) * mag64(num);
    money_u128 d = mag64(den);
    money_u128 q = p / d;
    money_u128 r = p % d;
    if (2 * r >= d)
        q++;

    money_t res;
    if (!from_mag(neg, q, &res))
        return MONEY_OVERFLOW;
    *out = res;
    return MONEY_OK;
}

int money_apply_ppm(money_t a, int64_t ppm, money_t *out)
{
    if (!out || ppm < 0)
        return MONEY_INVALID;
    return money_mul_div(a, ppm, 1000000, out);
}

/*
 * Accumulate in 128 bits: n int64 values sum to at most (2^64 - 1) * 2^63 < 2^127 in
 * magnitude, so the accumulator itself cannot overflow for any n a size_t can hold,
 * and the range check happens once on the exact total. O(n), no allocation.
 */
int money_sum(const money_t *v, size_t n, money_t *out)
{
    if (!out || (!v && n > 0))
        return MONEY_INVALID;

    money_i128 acc = 0;
    for (size_t i = 0; i < n; i++)
        acc += v[i];
    if (acc > INT64_MAX || acc < INT64_MIN)
        return MONEY_OVERFLOW;
    *out = (money_t)acc;
    return MONEY_OK;
}

/* ---- parsing --------------------------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Longest unit we accept, in bytes, after folding (NFD "đồng" is 10). */
#define UNIT_MAX 16

/*
 * Fold a unit to lower case for comparison: ASCII letters, and the three non-ASCII
 * capitals the accepted units can contain (Đ U+0110, Ô U+00D4, Ồ U+1ED2). Each of
 * these folds to a sequence of the same length, so dst needs n bytes. Anything else is
 * copied unchanged and will simply fail to match. Returns false if the unit is too long
 * to be one we accept.
 */
static bool fold_unit(const char *s, size_t n, char *dst, size_t *dn)
{
    size_t o = 0;

    if (n > UNIT_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') {
            dst[o++] = (char)(c - 'A' + 'a');
        } else if (c == 0xC4 && i + 1 < n && (unsigned char)s[i + 1] == 0x90) {
            dst[o++] = (char)0xC4; /* Đ -> đ */
            dst[o++] = (char)0x91;
            i++;
        } else if (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] == 0x94) {
            dst[o++] = (char)0xC3; /* Ô -> ô */
            dst[o++] = (char)0xB4;
            i++;
        } else if (c == 0xE1 && i + 2 < n && (unsigned char)s[i + 1] == 0xBB &&
                   (unsigned char)s[i + 2] == 0x92) {
            dst[o++] = (char)0xE1; /* Ồ -> ồ */
            dst[o++] = (char)0xBB;
            dst[o++] = (char)0x93;
            i += 2;
        } else {
            dst[o++] = (char)c;
        }
    }
    *dn = o;
    return true;
}

/*
 * Is s[0..n) one of the currency units we accept? Matching is on whole byte strings
 * after folding, so invalid UTF-8 or any extra character fails.
 */
static bool is_unit(const char *s, size_t n)
{
    static const char *const units[] = {
        "\xC4\x91",                    /* đ */
        "\xC4\x91\xE1\xBB\x93ng",      /* đồng, NFC */
        "\xC4\x91o\xCC\x82\xCC\x80ng", /* đồng, NFD: o + U+0302 + U+0300 */
        "\xC4\x91\xC3\xB4\xCC\x80ng",  /* đồng, ô + U+0300 (partly composed) */
        "dong",
        "vnd",
        "vn\xC4\x91", /* VNĐ */
    };
    char f[UNIT_MAX];
    size_t fn;

    if (!fold_unit(s, n, f, &fn))
        return false;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strlen(units[i]) == fn && memcmp(units[i], f, fn) == 0)
            return true;
    }
    return false;
}

/* Magnitude accumulator that saturates: once above 2^63 nothing in int64 can hold the
 * value, so we only remember that it overflowed and keep checking the syntax. */
static void acc_digit(uint64_t *mag, bool *over, char c)
{
    if (*over)
        return;
    uint64_t d = (uint64_t)(c - '0');
    if (*mag > (MAG_INT64_MIN - d) / 10) {
        *over = true;
        return;
    }
    *mag = *mag * 10 + d;
}

/*
 * One left-to-right pass: [spaces] [-] number [,digits] [spaces] [unit] [spaces].
 * Syntax errors return at once; a fraction and an overflow are only remembered, so
 * that MONEY_INVALID wins over both, as the header promises.
 */
int money_parse(const char *s, money_t *out)
{
    if (!s || !out)
        return MONEY_INVALID;

    const char *p = s;
    while (*p == ' ')
        p++;

    bool neg = false;
    if (*p == '-') {
        neg = true;
        p++;
    }
    if (!is_digit(*p))
        return MONEY_INVALID;

    uint64_t mag = 0;
    bool over = false;
    const char *first = p;
    while (is_digit(*p))
        acc_digit(&mag, &over, *p++);
    size_t first_len = (size_t)(p - first);

    if (*p == '.') {
        /* Grouped form. A leading 0 is refused so that "0.500" is not taken as 500. */
        if (first_len > 3 || first[0] == '0')
            return MONEY_INVALID;
        while (*p == '.') {
            p++;
            for (int i = 0; i < 3; i++) {
                if (!is_digit(*p))
                    return MONEY_INVALID;
                acc_digit(&mag, &over, *p++);
            }
            if (is_digit(*p))
                return MONEY_INVALID;
        }
    }

    bool fraction = false;
    if (*p == ',') {
        p++;
        const char *fs = p;
        bool zeros = true;
        while (is_digit(*p)) {
            if (*p != '0')
                zeros = false;
            p++;
        }
        size_t fn = (size_t)(p - fs);
        if (fn == 0)
            return MONEY_INVALID;
        if (!zeros || fn > 2)
            fraction = true;
    }

    while (*p == ' ')
        p++;
    const char *unit = p;
    const char *end = p + strlen(p);
    while (end > unit && end[-1] == ' ')
        end--;
    if (end > unit && !is_unit(unit, (size_t)(end - unit)))
        return MONEY_INVALID;

    if (fraction)
        return MONEY_FRACTION;
    money_t v;
    if (over || !from_mag(neg, mag, &v))
        return MONEY_OVERFLOW;
    *out = v;
    return MONEY_OK;
}

/* ---- text output ----------------------------------------------------------------- */

/* Scratch text; big enough for any output of this module (see MONEY_WORDS_MAX). */
struct sbuf {
    char b[MONEY_WORDS_MAX];
    size_t n;
};

static void sb_putn(struct sbuf *sb, const char *s, size_t n)
{
    /* Output lengths are bounded by the int64 range; running out is a bug here. */
    assert(sb->n + n < sizeof sb->b);
    if (sb->n + n >= sizeof sb->b)
        return;
    memcpy(sb->b + sb->n, s, n);
    sb->n += n;
}

static void sb_puts(struct sbuf *sb, const char *s)
{
    sb_putn(sb, s, strlen(s));
}

/*
 * Hand the finished text to the caller with snprintf semantics. When it must be cut,
 * the cut moves back to the start of a UTF-8 sequence: s[k] is the first byte left
 * out, and if it is a continuation byte (10xxxxxx) its sequence began before k.
 */
static size_t sb_out(const struct sbuf *sb, char *buf, size_t len)
{
    if (!buf || len == 0)
        return sb->n;

    size_t k = sb->n;
    if (k > len - 1) {
        k = len - 1;
        while (k > 0 && ((unsigned char)sb->b[k] & 0xC0) == 0x80)
            k--;
    }
    memcpy(buf, sb->b, k);
    buf[k] = '\0';
    return sb->n;
}

/* Decimal digits of m with a dot every three from the right: 1234567 -> "1.234.567". */
static void put_grouped(struct sbuf *sb, uint64_t m)
{
    char d[20];
    int n = 0;

    do {
        d[n++] = (char)('0' + m % 10);
        m /= 10;
    } while (m > 0);
    while (n > 0) {
        sb_putn(sb, &d[n - 1], 1);
        n--;
        if (n > 0 && n % 3 == 0)
            sb_putn(sb, ".", 1);
    }
}

static void put_plain(struct sbuf *sb, money_t v)
{
    if (v < 0)
        sb_putn(sb, "-", 1);
    put_grouped(sb, mag64(v));
}

#define UNIT_DONG " \xC4\x91" /* " đ" */

size_t money_format(money_t v, char *buf, size_t len)
{
    struct sbuf sb = {.n = 0};

    put_plain(&sb, v);
    sb_puts(&sb, UNIT_DONG);
    return sb_out(&sb, buf, len);
}

size_t money_format_plain(money_t v, char *buf, size_t len)
{
    struct sbuf sb = {.n = 0};

    put_plain(&sb, v);
    return sb_out(&sb, buf, len);
}

/*
 * m / unit with two decimals, half up, trailing zeros trimmed, then the unit name.
 * m + unit / 200 cannot overflow: m <= 2^63 and unit <= 10^9.
 */
static void put_scaled(struct sbuf *sb, uint64_t m, uint64_t unit, const char *name)
{
    uint64_t step = unit / 100;
    uint64_t h = (m + step / 2) / step; /* hundredths of a unit */
    uint64_t frac = h % 100;

    put_grouped(sb, h / 100);
    if (frac != 0) {
        char d[3] = {',', (char)('0' + frac / 10), (char)('0' + frac % 10)};
        sb_putn(sb, d, frac % 10 == 0 ? 2 : 3);
    }
    sb_putn(sb, " ", 1);
    sb_puts(sb, name);
}

#define TY    1000000000u
#define TRIEU 1000000u

size_t money_format_short(money_t v, char *buf, size_t len)
{
    struct sbuf sb = {.n = 0};
    uint64_t m = mag64(v);

    /* 999.995.000 would read "1.000 triệu"; from there on it is shown in tỷ. */
    if (m >= TY - TRIEU / 200) {
        if (v < 0)
            sb_putn(&sb, "-", 1);
        put_scaled(&sb, m, TY, "t\xE1\xBB\xB7"); /* tỷ */
    } else if (m >= TRIEU) {
        if (v < 0)
            sb_putn(&sb, "-", 1);
        put_scaled(&sb, m, TRIEU, "tri\xE1\xBB\x87u"); /* triệu */
    } else {
        put_plain(&sb, v);
        sb_puts(&sb, UNIT_DONG);
    }
    return sb_out(&sb, buf, len);
}

/* ---- Vietnamese words ------------------------------------------------------------ */

static const char *const digit_vi[10] = {
    "kh\xC3\xB4ng",   /* không */
    "m\xE1\xBB\x99t", /* một */
    "hai",
    "ba",
    "b\xE1\xBB\x91n", /* bốn */
    "n\xC4\x83m",     /* năm */
    "s\xC3\xA1u",     /* sáu */
    "b\xE1\xBA\xA3y", /* bảy */
    "t\xC3\xA1m",     /* tám */
    "ch\xC3\xADn",    /* chín */
};

#define W_TRAM  "tr\xC4\x83m"            /* trăm */
#define W_MUOI  "m\xC6\xB0\xC6\xA1i"     /* mươi */
#define W_MUOI1 "m\xC6\xB0\xE1\xBB\x9Di" /* mười */
#define W_LINH  "linh"
#define W_MOT   "m\xE1\xBB\x91t"   /* mốt */
#define W_TU    "t\xC6\xB0"        /* tư */
#define W_LAM   "l\xC4\x83m"       /* lăm */
#define W_NGHIN "ngh\xC3\xACn"     /* nghìn */
#define W_TRIEU "tri\xE1\xBB\x87u" /* triệu */
#define W_TY    "t\xE1\xBB\xB7"    /* tỷ */

/* Words are written space-separated; the writer adds the space before each one. */
struct words {
    struct sbuf sb;
    bool started; /* a non-zero digit has been read: later groups read in full */
};

static void w_put(struct words *w, const char *word)
{
    if (w->sb.n > 0)
        sb_putn(&w->sb, " ", 1);
    sb_puts(&w->sb, word);
}

/*
 * One group of three digits, 1..999. After the first non-zero group every group is
 * read with its hundreds ("không trăm") and a zero tens digit as "linh", so that no
 * digit is silently dropped: 1.005.000 is "một triệu không trăm linh năm nghìn".
 *
 * 4 after mươi is "tư" only when it is the last digit of the amount (last: this is
 * the units group), otherwise "bốn": 24 -> "hai mươi tư", but 1.234.567 -> "... ba
 * mươi bốn nghìn ...". Both readings are in use; this rule is the one that agrees
 * with both reference texts of the specification.
 * "mốt" and "lăm" apply in every group ("hai mươi mốt nghìn", "mười lăm triệu").
 */
static void w_group(struct words *w, unsigned g, bool last)
{
    unsigned h = g / 100, t = g / 10 % 10, u = g % 10;
    bool full = w->started;

    assert(g > 0 && g < 1000);
    if (h > 0 || full) {
        w_put(w, digit_vi[h]);
        w_put(w, W_TRAM);
    }
    if (t == 0) {
        /* u == 0: "một trăm", nothing after the hundreds */
        if (u != 0 && (h > 0 || full))
            w_put(w, W_LINH);
        if (u != 0)
            w_put(w, digit_vi[u]);
    } else if (t == 1) {
        w_put(w, W_MUOI1);
        if (u == 5)
            w_put(w, W_LAM);
        else if (u != 0)
            w_put(w, digit_vi[u]);
    } else {
        w_put(w, digit_vi[t]);
        w_put(w, W_MUOI);
        if (u == 1)
            w_put(w, W_MOT);
        else if (u == 4 && last)
            w_put(w, W_TU);
        else if (u == 5)
            w_put(w, W_LAM);
        else if (u != 0)
            w_put(w, digit_vi[u]);
    }
    w->started = true;
}

/* One block below 10^9, b > 0: the triệu, nghìn and unit groups, zero groups skipped.
 * lowest: this is the block of the last nine digits of the amount. */
static void w_block(struct words *w, uint64_t b, bool lowest)
{
    unsigned tr = (unsigned)(b / TRIEU), ng = (unsigned)(b / 1000 % 1000),
             un = (unsigned)(b % 1000);

    assert(b > 0 && b < TY);
    if (tr > 0) {
        w_group(w, tr, false);
        w_put(w, W_TRIEU);
    }
    if (ng > 0) {
        w_group(w, ng, false);
        w_put(w, W_NGHIN);
    }
    if (un > 0)
        w_group(w, un, lowest);
}

/*
 * m > 0, read as blocks of nine digits: the lowest block has no unit, the next is
 * followed by "tỷ", the one above by "tỷ tỷ" (uint64 has at most three). Inside a
 * block the reading is an ordinary number, so 1.5 * 10^12 is "một nghìn năm trăm tỷ"
 * rather than "một nghìn tỷ năm trăm tỷ", and 10^18 is "một tỷ tỷ".
 */
static void w_number(struct words *w, uint64_t m)
{
    uint64_t blocks[3] = {m % TY, m / TY % TY, m / TY / TY};

    assert(m > 0 && blocks[2] < TY);
    for (int k = 2; k >= 0; k--) {
        if (blocks[k] == 0)
            continue;
        w_block(w, blocks[k], k == 0);
        for (int i = 0; i < k; i++)
            w_put(w, W_TY);
    }
}

size_t money_to_words_vi(money_t v, char *buf, size_t len)
{
    struct words w = {.sb = {.n = 0}, .started = false};

    if (v < 0)
        w_put(&w, "\xC3\x82m"); /* Âm, already capitalized */
    if (v == 0)
        w_put(&w, digit_vi[0]);
    else
        w_number(&w, mag64(v));
    w_put(&w, "\xC4\x91\xE1\xBB\x93ng"); /* đồng */

    /* Every word that can come first (không, một ... chín, mười) starts with an ASCII
     * letter, and "Âm" is written capitalized, so upper-casing byte 0 is UTF-8 safe. */
    if (w.sb.b[0] >= 'a' && w.sb.b[0] <= 'z')
        w.sb.b[0] = (char)(w.sb.b[0] - 'a' + 'A');
    return sb_out(&w.sb, buf, len);
}

/* ---- rates ----------------------------------------------------------------------- */

int64_t money_rate_bp(money_t num, money_t den)
{
    if (den == 0)
        return 0;

    bool neg = (num < 0) != (den < 0);
    money_u128 p = (money_u128)mag64(num) * 10000u;
    money_u128 d = mag64(den);
    money_u128 q = p / d;
    if (2 * (p % d) >= d)
        q++;

    int64_t r;
    if (!from_mag(neg, q, &r))
        return neg ? INT64_MIN : INT64_MAX;
    return r;
}

/*
 * cli/demo.c — `thads demo`: fill a new, empty database with a province to try thads on.
 *
 * Nghệ An, as it could look: the Ministry of Justice and its enforcement departments
 * before and after the 2025 reorganization (THADS.md 1.1) — the old provincial
 * department with its 21 district sub-departments until 30 June 2025, the provincial
 * agency with 20 regional offices from 1 July — the Ministry of Public Security's
 * prisons no. 3 and no. 6 and the provincial detention camp; users for every role;
 * and several statistical years of cases of every category, each received, decided,
 * served, verified, enforced, paid and closed (or stopped where real cases stop) on
 * plausible working days, with Vietnamese names, addresses and ID numbers.
 *
 * Nothing is written around the rules: units through unit_op_create/unit_op_close,
 * users through user_op_create, every case through case_op_create and every step of it
 * through case_op_event, so the deadlines, statistics deltas, hash chains and search
 * documents are exactly those real use produces, and a rule the generator breaks is a
 * bug here (the demo stops and names the case and the step).
 *
 * How a case is made (deterministic for a --seed and a day):
 *   1. plan: for each judgment, from its own random stream, a category, the state the
 *      case should end in today (its fate: weights per category, THADS.md 5.3), and the
 *      steps that lead there with their delays in days; the span of those steps decides
 *      how early the case must have been received. The first judgments are given each
 *      of the 14 states in turn, so even a small demo shows them all;
 *   2. the plans are sorted by the day received, so case numbers and ids run with time;
 *   3. each plan is replayed from the same stream and carried out: parties, items,
 *      amounts, then the events, each on the next working day after its delay. A step
 *      that would fall after today is cut (the case stays where it got to), except the
 *      steps that reach the fate, which are held on today at the latest.
 * Cases received before 1 July 2025 belong to the district sub-departments (or the old
 * department) and stay there; later ones to the regional offices (or the agency).
 * Everything is one transaction: an interrupted demo leaves nothing behind.
 *
 * Cost: about 10 events a case, each a handful of statements, plus the 20 passwords,
 * hashed at the real argon2id cost (about 0.1 s each) before the transaction begins.
 * The default 3,000 cases take about 4 s on SQLite (half of it the passwords) and under
 * 20 s on a local PostgreSQL, where each statement is a round trip.
 */
#include "ops/app.h"
#include "ops/case_ops.h"
#include "ops/credentials.h"
#include "ops/unit_ops.h"
#include "ops/money_ops.h"
#include "ops/user_ops.h"
#include "cli/cli.h"
#include "core/stat_flags.h"
#include "core/access.h"
#include "core/case.h"
#include "core/case_kind.h"
#include "core/rules.h"
#include "cli/demo_admin.h"
#include "cli/demo_prison.h"
#include "ops/report_target.h"
#include "store/audit.h"
#include "store/search.h"
#include "store/units.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CMD               "demo"
#define DEMO_CASES        3000
#define DEMO_YEARS        3
#define DEMO_MAX_CASES    1000000
#define DEMO_MAX_STEPS    48
#define DEMO_LAST_OLD_DAY "2025-06-30" /* the district sub-departments' last day */

/* ---- random numbers: splitmix64, one stream per judgment ------------------------------ */

typedef struct {
    uint64_t s;
} rng_t;

static uint64_t rng_next(rng_t *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* lo..hi inclusive. */
static int rng_int(rng_t *r, int lo, int hi)
{
    return hi <= lo ? lo : lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* True with probability permille / 1000. */
static int rng_pm(rng_t *r, int permille)
{
    return (int)(rng_next(r) % 1000) < permille;
}

/* An amount between lo and hi đồng, spread evenly on a log scale (as amounts are:
 * many small debts, few large ones), rounded to 1,000 đ (100,000 đ above 100 million). */
static int64_t rng_money(rng_t *r, int64_t lo, int64_t hi)
{
    double u = (double)(rng_next(r) >> 11) * 0x1.0p-53;
    int64_t v = (int64_t)exp(log((double)lo) + u * (log((double)hi) - log((double)lo)));
    int64_t unit = v >= 100000000 ? 100000 : 1000;

    v = v / unit * unit;
    return v < lo ? lo : v;
}

/* Index into weights[0..n-1], each chosen in proportion to its weight. */
static int rng_weighted(rng_t *r, const int *w, int n)
{
    int total = 0, x;

    for (int i = 0; i < n; i++)
        total += w[i];
    x = rng_int(r, 0, total - 1);
    for (int i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}

#define PICK(r, arr) ((arr)[rng_int((r), 0, (int)(sizeof(arr) / sizeof((arr)[0])) - 1)])

/* ---- the province ----------------------------------------------------------------------- */

typedef struct {
    const char *code;     /* the old sub-department's unit code */
    const char *slug;     /* for usernames */
    const char *place;    /* "thành phố Vinh", "huyện Diễn Châu" */
    int weight;           /* share of the province's cases */
    int region;           /* the regional office (1-based) that succeeds it */
    const char *communes; /* '|'-separated, with their kind */
} district_t;

/* The 21 district-level units of Nghệ An before 2025 and a few of their communes. Cửa Lò
 * joins Vinh in regional office 1; every other district becomes one office. The real
 * number of Nghệ An's regional offices is not known to us (THADS.md 1.1): one table. */
static const district_t districts[] = {
    {"CC-VINH", "vinh", "thành phố Vinh", 22, 1,
     "phường Hưng Bình|phường Lê Mao|phường Trường Thi|phường Hà Huy Tập|phường Quang "
     "Trung|phường Bến Thủy|phường Cửa Nam|phường Đội Cung|phường Hưng Dũng|phường Hưng "
     "Phúc|phường Đông Vĩnh|phường Quán Bàu|phường Trung Đô|phường Vinh Tân|xã Nghi Phú|xã "
     "Hưng Lộc"},
    {"CC-CUALO", "cualo", "thị xã Cửa Lò", 3, 1,
     "phường Nghi Thủy|phường Nghi Tân|phường Thu Thủy|phường Nghi Hòa|phường Nghi "
     "Hải|phường Nghi Hương|phường Nghi Thu"},
    {"CC-HOANGMAI", "hoangmai", "thị xã Hoàng Mai", 4, 2,
     "phường Quỳnh Thiện|phường Mai Hùng|phường Quỳnh Dị|phường Quỳnh Xuân|xã Quỳnh "
     "Lập|xã Quỳnh Vinh"},
    {"CC-THAIHOA", "thaihoa", "thị xã Thái Hòa", 3, 3,
     "phường Hòa Hiếu|phường Long Sơn|phường Quang Tiến|xã Nghĩa Thuận|xã Tây Hiếu"},
    {"CC-DIENCHAU", "dienchau", "huyện Diễn Châu", 8, 4,
     "thị trấn Diễn Châu|xã Diễn Kim|xã Diễn Hải|xã Diễn Thành|xã Diễn Ngọc|xã Diễn "
     "Hồng|xã Diễn Phúc|xã Diễn Kỷ|xã Diễn Thịnh|xã Diễn Yên"},
    {"CC-QUYNHLUU", "quynhluu", "huyện Quỳnh Lưu", 7, 5,
     "thị trấn Cầu Giát|xã Quỳnh Bảng|xã Quỳnh Lương|xã Quỳnh Thạch|xã Quỳnh Văn|xã "
     "Quỳnh Hậu|xã Sơn Hải"},
    {"CC-NGHILOC", "nghiloc", "huyện Nghi Lộc", 6, 6,
     "thị trấn Quán Hành|xã Nghi Xuân|xã Nghi Long|xã Nghi Trung|xã Nghi Diên|xã Nghi "
     "Thạch|xã Nghi Vạn"},
    {"CC-HUNGNGUYEN", "hungnguyen", "huyện Hưng Nguyên", 4, 7,
     "thị trấn Hưng Nguyên|xã Hưng Tây|xã Hưng Yên Nam|xã Hưng Thông|xã Hưng Thành"},
    {"CC-NAMDAN", "namdan", "huyện Nam Đàn", 4, 8,
     "thị trấn Nam Đàn|xã Kim Liên|xã Nam Giang|xã Xuân Hòa|xã Hùng Tiến|xã Nam Hưng"},
    {"CC-THANHCHUONG", "thanhchuong", "huyện Thanh Chương", 5, 9,
     "thị trấn Dùng|xã Thanh Ngọc|xã Thanh Đồng|xã Thanh Liên|xã Thanh Giang|xã Thanh "
     "Hà"},
    {"CC-DOLUONG", "doluong", "huyện Đô Lương", 5, 10,
     "thị trấn Đô Lương|xã Đà Sơn|xã Bồi Sơn|xã Hòa Sơn|xã Lạc Sơn|xã Thịnh Sơn"},
    {"CC-YENTHANH", "yenthanh", "huyện Yên Thành", 6, 11,
     "thị trấn Hoa Thành|xã Công Thành|xã Bảo Thành|xã Tăng Thành|xã Phúc Thành|xã Long "
     "Thành"},
    {"CC-QUYHOP", "quyhop", "huyện Quỳ Hợp", 3, 12,
     "thị trấn Quỳ Hợp|xã Châu Quang|xã Tam Hợp|xã Nghĩa Xuân|xã Châu Lộc"},
    {"CC-NGHIADAN", "nghiadan", "huyện Nghĩa Đàn", 3, 13,
     "thị trấn Nghĩa Đàn|xã Nghĩa Bình|xã Nghĩa Hội|xã Nghĩa Lâm|xã Nghĩa Sơn"},
    {"CC-TANKY", "tanky", "huyện Tân Kỳ", 3, 14,
     "thị trấn Tân Kỳ|xã Tân Hợp|xã Kỳ Sơn|xã Nghĩa Đồng|xã Tân An"},
    {"CC-ANHSON", "anhson", "huyện Anh Sơn", 3, 15,
     "thị trấn Anh Sơn|xã Đỉnh Sơn|xã Hùng Sơn|xã Long Sơn|xã Tào Sơn"},
    {"CC-CONCUONG", "concuong", "huyện Con Cuông", 2, 16,
     "thị trấn Con Cuông|xã Môn Sơn|xã Lục Dạ|xã Chi Khê|xã Bồng Khê"},
    {"CC-TUONGDUONG", "tuongduong", "huyện Tương Dương", 2, 17,
     "thị trấn Thạch Giám|xã Tam Quang|xã Yên Na|xã Xá Lượng|xã Tam Thái"},
    {"CC-KYSON", "kyson", "huyện Kỳ Sơn", 1, 18,
     "thị trấn Mường Xén|xã Hữu Kiệm|xã Keng Đu|xã Tà Cạ|xã Nậm Cắn"},
    {"CC-QUEPHONG", "quephong", "huyện Quế Phong", 1, 19,
     "thị trấn Kim Sơn|xã Châu Kim|xã Tiền Phong|xã Mường Nọc|xã Hạnh Dịch"},
    {"CC-QUYCHAU", "quychau", "huyện Quỳ Châu", 1, 20,
     "thị trấn Tân Lạc|xã Châu Hạnh|xã Châu Bình|xã Châu Thắng|xã Châu Phong"},
};
#define NDISTRICTS ((int)(sizeof districts / sizeof districts[0]))
#define NREGIONS   20

/* Provinces people move to or come from: entrustment, creditors elsewhere. */
static const struct {
    const char *name, *code, *place;
} elsewhere[] = {
    {"tỉnh Hà Tĩnh", "042", "phường Thạch Linh, thành phố Hà Tĩnh"},
    {"tỉnh Thanh Hóa", "038", "phường Đông Thọ, thành phố Thanh Hóa"},
    {"thành phố Hà Nội", "001", "phường Dịch Vọng, quận Cầu Giấy"},
    {"Thành phố Hồ Chí Minh", "079", "phường 12, quận Tân Bình"},
    {"tỉnh Bình Dương", "074", "phường Phú Hòa, thành phố Thủ Dầu Một"},
    {"tỉnh Đắk Lắk", "066", "xã Ea Tu, thành phố Buôn Ma Thuột"},
};

static const char *const streets[] = {
    "Lê Lợi",         "Nguyễn Du",     "Quang Trung",  "Trần Phú",        "Lê Duẩn",
    "Nguyễn Văn Cừ",  "Phan Bội Châu", "Hồ Tùng Mậu",  "Lê Hồng Phong",   "Nguyễn Thị Minh Khai",
    "Hà Huy Tập",     "Mai Hắc Đế",    "Trường Chinh", "Phong Định Cảng", "Nguyễn Sỹ Sách",
    "Đinh Công Tráng"};

/* ---- people -------------------------------------------------------------------------- */

static const char *const family[] = {"Nguyễn", "Trần", "Lê",   "Phạm",  "Hoàng", "Hồ",    "Phan",
                                     "Vũ",     "Võ",   "Đặng", "Bùi",   "Đỗ",    "Ngô",   "Dương",
                                     "Thái",   "Cao",  "Đinh", "Lương", "Chu",   "Hà",    "Đậu",
                                     "Lữ",     "Vi",   "Lô",   "Tăng",  "Lý",    "Trịnh", "Mai"};
static const int family_w[] = {300, 90, 95, 50, 45, 60, 40, 18, 25, 25, 20, 15, 15, 10,
                               20,  20, 20, 10, 10, 10, 15, 5,  8,  8,  5,  5,  8,  8};
static const char *const middle_m[] = {"Văn",   "Văn",  "Văn",   "Đình", "Hữu",  "Xuân",
                                       "Quang", "Ngọc", "Minh",  "Đức",  "Công", "Bá",
                                       "Trọng", "Sỹ",   "Thanh", "Anh",  "Duy",  "Viết"};
static const char *const middle_f[] = {"Thị",  "Thị", "Thị", "Thị",    "Ngọc", "Thu",   "Thanh",
                                       "Hồng", "Kim", "Mai", "Phương", "Thùy", "Khánh", "Minh"};
static const char *const given_m[] = {
    "Hùng",  "Dũng",  "Tuấn",  "Anh",   "Minh",  "Hải",   "Nam",   "Sơn",   "Long",  "Thắng",
    "Cường", "Hòa",   "Bình",  "Vinh",  "Quân",  "Hiếu",  "Trung", "Phúc",  "Lâm",   "Tâm",
    "Khoa",  "Tài",   "Lợi",   "Toàn",  "Đức",   "Thành", "Hưng",  "Quang", "Việt",  "Tùng",
    "Kiên",  "Hoàng", "Phong", "Thịnh", "Chiến", "Lực",   "Hậu",   "Thái",  "Nghĩa", "Tú"};
static const char *const given_f[] = {
    "Lan",  "Hương", "Hoa",    "Mai",  "Hằng",  "Thảo",  "Nga",  "Linh", "Trang", "Hà",
    "Dung", "Nhung", "Phương", "Loan", "Yến",   "Oanh",  "Hạnh", "Thủy", "Vân",   "Huyền",
    "Ngọc", "Thu",   "Hiền",   "Liên", "Quỳnh", "Giang", "Chi",  "Nhàn", "Tuyết", "Xuân"};

static const char *const company_kind[] = {"Công ty TNHH", "Công ty TNHH", "Công ty Cổ phần",
                                           "Doanh nghiệp tư nhân", "Hợp tác xã"};
static const char *const company_name[] = {
    "Xây dựng Thành Vinh",          "Thương mại Hồng Lam",     "Vận tải Hoàng Mai",
    "Đầu tư Phát triển Nghệ Tĩnh",  "Chế biến gỗ Nghĩa Đàn",   "Thủy sản Cửa Lò",
    "Vật liệu xây dựng Diễn Châu",  "Dệt may Hưng Nguyên",     "Khoáng sản Quỳ Hợp",
    "Nông sản Yên Thành",           "Du lịch Biển Xanh",       "Cơ khí Bến Thủy",
    "Vàng bạc Phú Quý Nghệ An",     "Xuất nhập khẩu Lam Hồng", "Bất động sản Sông Lam",
    "Dịch vụ nông nghiệp Đô Lương", "Chăn nuôi Quỳnh Lưu",     "Điện tử Trường Thi"};

/* Creditors in credit cases. Tax codes are made up. */
static const struct {
    const char *name, *tax_code;
} banks[] = {
    {"Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam - Chi nhánh tỉnh Nghệ An",
     "0100000001-041"},
    {"Ngân hàng TMCP Công Thương Việt Nam - Chi nhánh Nghệ An", "0100000002-043"},
    {"Ngân hàng TMCP Đầu tư và Phát triển Việt Nam - Chi nhánh Nghệ An", "0100000003-045"},
    {"Ngân hàng TMCP Ngoại thương Việt Nam - Chi nhánh Vinh", "0100000004-047"},
    {"Ngân hàng TMCP Bắc Á", "2900000005"},
    {"Ngân hàng TMCP Sài Gòn Thương Tín - Chi nhánh Nghệ An", "0300000006-049"},
    {"Ngân hàng TMCP Việt Nam Thịnh Vượng - Chi nhánh Nghệ An", "0100000007-051"},
    {"Quỹ tín dụng nhân dân xã Diễn Thịnh", "2900000008"},
};

typedef struct {
    case_party_kind_t kind;
    char name[200], id_number[24], address[300], prisoner_no[32];
    civil_date_t birth;
    int64_t camp;
} person_t;

/* One of the district's communes ("xã Diễn Kim") into buf. */
static void pick_commune(rng_t *r, int district, char *buf, size_t len)
{
    const char *c = districts[district].communes;
    int n = 1, which;

    for (const char *s = c; *s; s++)
        n += *s == '|';
    which = rng_int(r, 0, n - 1);
    for (; which > 0; c++)
        which -= *c == '|';
    snprintf(buf, len, "%.*s", (int)strcspn(c, "|"), c);
}

/* A person of Nghệ An (or of elsewhere when away != 0), female with probability
 * female_pm, born between the years given. Each random draw is a statement of its
 * own: C leaves the order of a call's arguments open, and the demo must come out the
 * same from every compiler and optimization level. */
static void make_person(rng_t *r, person_t *p, int district, int female_pm, int born_lo,
                        int born_hi, int away)
{
    int female = rng_pm(r, female_pm);
    int year = rng_int(r, born_lo, born_hi);
    const char *fam = family[rng_weighted(r, family_w, 28)];
    const char *mid = female ? PICK(r, middle_f) : PICK(r, middle_m);
    const char *giv = female ? PICK(r, given_f) : PICK(r, given_m);
    const char *province = "040";
    const district_t *d = &districts[district];
    char commune[120];
    int number, month, day;

    memset(p, 0, sizeof *p);
    p->kind = CASE_PARTY_KIND_PERSON;
    snprintf(p->name, sizeof p->name, "%s %s %s", fam, mid, giv);
    pick_commune(r, district, commune, sizeof commune);
    number = rng_int(r, 1, 250);
    if (away) {
        int e = rng_int(r, 0, (int)(sizeof elsewhere / sizeof elsewhere[0]) - 1);
        province = elsewhere[e].code;
        snprintf(p->address, sizeof p->address, "Số %d, %s, %s", number, elsewhere[e].place,
                 elsewhere[e].name);
    } else if (strcmp(d->code, "CC-VINH") == 0 && strncmp(commune, "phường", 6) == 0) {
        const char *street = PICK(r, streets);
        snprintf(p->address, sizeof p->address, "Số %d đường %s, %s, %s, tỉnh Nghệ An", number,
                 street, commune, d->place);
    } else {
        snprintf(p->address, sizeof p->address, "%s %d, %s, %s, tỉnh Nghệ An",
                 strncmp(commune, "xã", 3) == 0 ? "Xóm" : "Khối", number % 18 + 1, commune,
                 d->place);
    }
    /* CCCD: province of birth registration, sex and century, year, six digits. */
    snprintf(p->id_number, sizeof p->id_number, "%s%d%02d%06d", province,
             (year >= 2000 ? 2 : 0) + female, year % 100, rng_int(r, 0, 999999));
    month = rng_int(r, 1, 12);
    day = rng_int(r, 1, 28);
    p->birth = civil_date_from_ymd(year, month, day);
}

static void make_company(rng_t *r, person_t *p, int district)
{
    person_t tmp;
    const char *kind, *name;

    make_person(r, &tmp, district, 0, 1960, 1990, 0);
    kind = PICK(r, company_kind);
    name = PICK(r, company_name);
    memset(p, 0, sizeof *p);
    p->kind = CASE_PARTY_KIND_ORGANIZATION;
    snprintf(p->name, sizeof p->name, "%s %s", kind, name);
    snprintf(p->address, sizeof p->address, "%s", tmp.address);
    snprintf(p->id_number, sizeof p->id_number, "29%08d", rng_int(r, 0, 99999999));
    p->birth = CIVIL_DATE_INVALID;
}

/* ---- what happens to a case: fates and steps ------------------------------------------ */

/* Share of new cases by category (case_category_t; THADS.md 5.3: credit about 3%,
 * corruption about 3% in Nghệ An). */
static const int category_w[CASE_CATEGORY_COUNT] = {40, 11, 3, 33, 6, 5, 2};

/* The state each case should be in today, by category, in the order of case_state_t:
 * received refused decided voluntary verifying enforcing not_eligible postponed
 * suspended completed terminated returned entrusted_out revoked. About 85% of eligible
 * cases end as completed or terminated (THADS.md 5.3); credit and corruption far fewer.
 * The early states are a few days' intake: their weight is their dwell time. */
static const int fate_w[CASE_CATEGORY_COUNT][CASE_STATE_COUNT] = {
    [CASE_CATEGORY_CIVIL] = {4, 10, 3, 12, 25, 110, 150, 25, 8, 540, 60, 15, 20, 6},
    [CASE_CATEGORY_MARRIAGE_FAMILY] = {4, 8, 3, 12, 25, 190, 100, 25, 3, 530, 50, 10, 15, 4},
    [CASE_CATEGORY_LABOUR] = {4, 8, 3, 12, 25, 120, 120, 20, 30, 550, 60, 10, 10, 4},
    [CASE_CATEGORY_CRIMINAL_CIVIL] = {4, 6, 3, 12, 25, 80, 170, 10, 3, 620, 40, 5, 10, 4},
    [CASE_CATEGORY_CREDIT] = {4, 8, 3, 12, 25, 250, 250, 30, 40, 300, 40, 10, 10, 4},
    [CASE_CATEGORY_CORRUPTION] = {4, 0, 3, 12, 25, 220, 250, 15, 10, 400, 30, 0, 5, 4},
    [CASE_CATEGORY_ADMINISTRATIVE] = {4, 5, 3, 12, 25, 150, 100, 20, 10, 550, 40, 5, 5, 4},
};
/* Of the completed cases, how many pay within the voluntary period (per mille). */
static const int pays_early_pm[CASE_CATEGORY_COUNT] = {250, 300, 200, 450, 80, 100, 300};

typedef struct {
    unsigned char type;   /* case_event_t */
    unsigned char verify; /* verify_result_t, for verification_recorded */
    unsigned char trail;  /* after the fate is reached: cut at today */
    unsigned char reason; /* a random pick among the event's reasons */
    short delay;          /* days after the previous step (voluntary_period_ended: after
                             the last day of the period) */
    short permille;       /* money_collected: share of the amount; 1000 = the rest */
} step_t;

typedef struct {
    int category, application, prisoner, fee_case;
    case_state_t fate;
    int nsteps, span, window;
    step_t steps[DEMO_MAX_STEPS];
} case_plan_t;

static void step(case_plan_t *p, rng_t *r, case_event_t type, int lo, int hi)
{
    int delay = rng_int(r, lo, hi);
    int reason = rng_int(r, 0, 255);

    if (p->nsteps == DEMO_MAX_STEPS)
        return;
    p->steps[p->nsteps++] = (step_t){
        .type = (unsigned char)type, .delay = (short)delay, .reason = (unsigned char)reason};
}

static void verify(case_plan_t *p, rng_t *r, verify_result_t v, int lo, int hi)
{
    step(p, r, CASE_EVENT_VERIFICATION_RECORDED, lo, hi);
    p->steps[p->nsteps - 1].verify = (unsigned char)v;
}

static void collect(case_plan_t *p, rng_t *r, int permille, int lo, int hi)
{
    step(p, r, CASE_EVENT_MONEY_COLLECTED, lo, hi);
    p->steps[p->nsteps - 1].permille = (short)permille;
    /* Paid out within the 10 days of D30, now and then late. */
    if (rng_pm(r, 950))
        step(p, r, CASE_EVENT_MONEY_PAID, 1, 9);
    else
        step(p, r, CASE_EVENT_MONEY_PAID, 11, 25);
}

/* Decision (D4/D6: 5 working days, now and then late), assignment, service. */
static void decide(case_plan_t *p, rng_t *r, int notify)
{
    if (rng_pm(r, 920))
        step(p, r, CASE_EVENT_DECIDED, 1, 6);
    else
        step(p, r, CASE_EVENT_DECIDED, 8, 16);
    /* D7 (2 working days), D8 and D9 (3) all run from the decision, and the steps add up:
     * most are done on the day or the next, now and then one is late. */
    if (rng_pm(r, 900))
        step(p, r, CASE_EVENT_ASSIGNED, 0, 1);
    else
        step(p, r, CASE_EVENT_ASSIGNED, 3, 6);
    if (rng_pm(r, 950))
        step(p, r, CASE_EVENT_SENT_TO_PROCURACY, 0, 1);
    else
        step(p, r, CASE_EVENT_SENT_TO_PROCURACY, 4, 8);
    if (notify && !rng_pm(r, 900))
        step(p, r, CASE_EVENT_NOTIFIED, 4, 14); /* late */
    else if (notify)
        step(p, r, CASE_EVENT_NOTIFIED, 0, p->prisoner ? 3 : 1); /* a camp takes longer */
}

/* After the decision was served: the period runs out (D10), then verification (D11:
 * 10 days, now and then late; sometimes a first visit finds nothing yet). */
static void to_verifying(case_plan_t *p, rng_t *r)
{
    step(p, r, CASE_EVENT_VOLUNTARY_PERIOD_ENDED, 1, 5);
}

static void first_verification(case_plan_t *p, rng_t *r, verify_result_t v)
{
    if (rng_pm(r, 200)) {
        verify(p, r, VERIFY_INCONCLUSIVE, 3, 10);
        verify(p, r, v, 15, 60);
    } else if (rng_pm(r, 900)) {
        verify(p, r, v, 2, 10);
    } else {
        verify(p, r, v, 14, 30); /* late (D11) */
    }
}

/* Verified eligible, or first not eligible and found assets on re-verification. */
static void to_enforcing(case_plan_t *p, rng_t *r)
{
    if (rng_pm(r, 120)) {
        first_verification(p, r, VERIFY_NOT_ELIGIBLE);
        step(p, r, CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, 1, 7);
        verify(p, r, VERIFY_ELIGIBLE, 150, 380);
    } else {
        first_verification(p, r, VERIFY_ELIGIBLE);
    }
    if (rng_pm(r, 50)) {
        step(p, r, CASE_EVENT_POSTPONED, 5, 60);
        step(p, r, CASE_EVENT_POSTPONEMENT_LIFTED, 20, 100);
    }
    if (rng_pm(r, 20)) {
        step(p, r, CASE_EVENT_SUSPENDED, 10, 60);
        step(p, r, CASE_EVENT_RESUMED, 30, 150);
    }
}

/* Collect the whole amount in 1-3 instalments, each paid out. */
static void collect_all(case_plan_t *p, rng_t *r)
{
    int k = rng_int(r, 1, 3), left = 1000;

    for (int i = 0; i < k; i++) {
        int part = i == k - 1 ? 1000 : rng_int(r, 150, left - 100 * (k - i - 1) - 50);
        collect(p, r, part, 7, 110);
        left -= part;
    }
}

/* The steps from receipt to fate, then the trailing ones (cut at today). */
static void plan_steps(case_plan_t *p, rng_t *r)
{
    int essential;

    p->nsteps = 0;
    p->window = 0;
    switch (p->fate) {
    case CASE_STATE_RECEIVED:
        p->window = 3;
        break;
    case CASE_STATE_REFUSED:
        step(p, r, CASE_EVENT_REFUSED, 1, 6);
        break;
    case CASE_STATE_DECIDED:
        decide(p, r, 0);
        p->window = 2;
        break;
    case CASE_STATE_VOLUNTARY_PERIOD:
        decide(p, r, 1);
        p->window = 6;
        break;
    case CASE_STATE_VERIFYING:
        decide(p, r, 1);
        to_verifying(p, r);
        if (rng_pm(r, 300))
            verify(p, r, VERIFY_INCONCLUSIVE, 3, 10);
        p->window = 30;
        break;
    case CASE_STATE_ENFORCING:
        decide(p, r, 1);
        to_verifying(p, r);
        to_enforcing(p, r);
        break;
    case CASE_STATE_NOT_ELIGIBLE:
        decide(p, r, 1);
        to_verifying(p, r);
        if (rng_pm(r, 100)) { /* seized assets turned out unsaleable */
            first_verification(p, r, VERIFY_ELIGIBLE);
            step(p, r, CASE_EVENT_MEASURE_APPLIED, 10, 60);
        } else {
            first_verification(p, r, VERIFY_NOT_ELIGIBLE);
        }
        step(p, r, CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, 1, 7);
        break;
    case CASE_STATE_POSTPONED:
        decide(p, r, 1);
        to_verifying(p, r);
        first_verification(p, r, VERIFY_ELIGIBLE);
        step(p, r, CASE_EVENT_POSTPONED, 5, 60);
        p->window = 120;
        break;
    case CASE_STATE_SUSPENDED:
        decide(p, r, 1);
        to_verifying(p, r);
        first_verification(p, r, VERIFY_ELIGIBLE);
        if (rng_pm(r, 500))
            step(p, r, CASE_EVENT_MEASURE_APPLIED, 5, 40);
        step(p, r, CASE_EVENT_SUSPENDED, 10, 90);
        p->window = 400;
        break;
    case CASE_STATE_COMPLETED:
        decide(p, r, 1);
        if (rng_pm(r, p->fee_case ? 600 : pays_early_pm[p->category])) {
            collect(p, r, 1000, 1, 8);
        } else {
            to_verifying(p, r);
            to_enforcing(p, r);
            if (rng_pm(r, 550))
                step(p, r, CASE_EVENT_MEASURE_APPLIED, 3, 40);
            collect_all(p, r);
        }
        step(p, r, CASE_EVENT_COMPLETED, 0, 3);
        break;
    case CASE_STATE_TERMINATED:
        decide(p, r, 1);
        to_verifying(p, r);
        if (rng_pm(r, 550)) {
            first_verification(p, r, VERIFY_ELIGIBLE);
            if (rng_pm(r, 350))
                collect(p, r, rng_int(r, 100, 600), 10, 90);
        } else {
            first_verification(p, r, VERIFY_NOT_ELIGIBLE);
            step(p, r, CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, 1, 7);
        }
        step(p, r, CASE_EVENT_TERMINATED, 20, 300);
        break;
    case CASE_STATE_RETURNED:
        decide(p, r, 1);
        to_verifying(p, r);
        first_verification(p, r, VERIFY_NOT_ELIGIBLE);
        if (rng_pm(r, 500))
            step(p, r, CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, 1, 7);
        step(p, r, CASE_EVENT_APPLICATION_RETURNED, 30, 200);
        break;
    case CASE_STATE_ENTRUSTED_OUT:
        decide(p, r, rng_pm(r, 500));
        step(p, r, CASE_EVENT_ENTRUSTED_OUT, 3, 25);
        break;
    case CASE_STATE_REVOKED:
        decide(p, r, rng_pm(r, 500));
        step(p, r, CASE_EVENT_REVOKED, 3, 30);
        break;
    default:
        break;
    }

    /* Span of the steps that reach the fate (the period's 10 days added), then what may
     * follow until today. */
    essential = p->nsteps;
    p->span = 2;
    for (int i = 0; i < essential; i++)
        p->span += p->steps[i].delay + 2 +
                   (p->steps[i].type == CASE_EVENT_VOLUNTARY_PERIOD_ENDED ? 14 : 0);
    switch (p->fate) {
    case CASE_STATE_ENFORCING:
        if (rng_pm(r, 500))
            step(p, r, CASE_EVENT_MEASURE_APPLIED, 3, 60);
        for (int k = rng_int(r, 0, 2); k > 0; k--)
            collect(p, r, rng_int(r, 50, 300), 20, 150);
        if (rng_pm(r, 80))
            step(p, r, CASE_EVENT_MEASURE_APPLIED, 30, 200);
        break;
    case CASE_STATE_NOT_ELIGIBLE: /* re-verified at least every 6 months (D12) */
        for (int k = 0; k < 6; k++)
            verify(p, r, rng_pm(r, 700) ? VERIFY_NOT_ELIGIBLE : VERIFY_INCONCLUSIVE, 150, 182);
        break;
    default:
        break;
    }
    for (int i = essential; i < p->nsteps; i++)
        p->steps[i].trail = 1;
}

/* Everything about a judgment that decides when it must have been received: its
 * category, the fate of its case, and whether a second, ex-officio case for the court
 * fee comes with it. The same stream replays it exactly (plan, then make). */
typedef struct {
    case_plan_t main, fee;
} judgment_plan_t;

static void plan_judgment(rng_t *r, int forced_fate, int allow_fee, judgment_plan_t *jp)
{
    case_plan_t *m = &jp->main;
    int w[CASE_STATE_COUNT];

    memset(jp, 0, sizeof *jp);
    m->category = rng_weighted(r, category_w, CASE_CATEGORY_COUNT);
    /* Criminal judgments: court fees, fines and confiscation are enforced ex officio;
     * damages to victims on their application. Corruption: ex officio. */
    m->application = m->category == CASE_CATEGORY_CORRUPTION       ? 0
                     : m->category == CASE_CATEGORY_CRIMINAL_CIVIL ? rng_pm(r, 350)
                                                                   : 1;
    m->prisoner = (m->category == CASE_CATEGORY_CRIMINAL_CIVIL && rng_pm(r, 550)) ||
                  (m->category == CASE_CATEGORY_CORRUPTION && rng_pm(r, 700));
    memcpy(w, fate_w[m->category], sizeof w);
    if (!m->application)
        w[CASE_STATE_REFUSED] = w[CASE_STATE_RETURNED] = 0;
    m->fate = (case_state_t)rng_weighted(r, w, CASE_STATE_COUNT);
    if (forced_fate >= 0) {
        m->fate = (case_state_t)forced_fate;
        if ((m->fate == CASE_STATE_REFUSED || m->fate == CASE_STATE_RETURNED) && !m->application) {
            m->category = CASE_CATEGORY_CIVIL;
            m->application = 1;
            m->prisoner = 0;
        }
    }
    plan_steps(m, r);

    /* The court fee of a civil, family, labour or credit judgment: a case of its own. */
    if (allow_fee && forced_fate < 0 && m->application &&
        m->category != CASE_CATEGORY_ADMINISTRATIVE &&
        rng_pm(r, m->category == CASE_CATEGORY_CIVIL || m->category == CASE_CATEGORY_CREDIT
                      ? 550
                      : 350)) {
        static const int fee_w[CASE_STATE_COUNT] = {
            [CASE_STATE_VOLUNTARY_PERIOD] = 5, [CASE_STATE_VERIFYING] = 10,
            [CASE_STATE_ENFORCING] = 60,       [CASE_STATE_NOT_ELIGIBLE] = 150,
            [CASE_STATE_COMPLETED] = 730,      [CASE_STATE_TERMINATED] = 40,
            [CASE_STATE_REVOKED] = 5};
        case_plan_t *f = &jp->fee;
        f->category = m->category;
        f->fee_case = 1;
        f->fate = (case_state_t)rng_weighted(r, fee_w, CASE_STATE_COUNT);
        plan_steps(f, r);
        for (int i = 0; i < f->nsteps; i++)
            f->steps[i].trail = 1; /* it follows its judgment's case in time */
    }
}

/* ---- the demo's own state -------------------------------------------------------------- */

typedef struct {
    const char *username, *full_name, *unit_code;
    unsigned roles;
    char password[20];
    char hash[CREDENTIALS_HASH_MAX];
} demo_user_t;

/* Accounts printed at the end. Officers sit in the agency and in the busiest regional
 * offices; the agency's officers take the other offices' cases (since 2025 the
 * provincial agency decides for all of them). */
static demo_user_t accounts[] = {
    {"admin", "Quản trị hệ thống", "BTP", 1u << ROLE_ADMIN, "", ""},
    {"quantri.na", "Nguyễn Đình Quang", "THADS-NA", 1u << ROLE_ADMIN, "", ""},
    {"lanhdao", "Phan Văn Thắng", "THADS-NA", 1u << ROLE_LEADER, "", ""},
    {"lanhdao.kv1", "Hồ Thị Thanh Hà", "NA-KV1", 1u << ROLE_LEADER, "", ""},
    {"chv.hung", "Nguyễn Văn Hùng", "THADS-NA", 1u << ROLE_OFFICER, "", ""},
    {"chv.lan", "Trần Thị Lan", "THADS-NA", 1u << ROLE_OFFICER, "", ""},
    {"chv.minh", "Lê Quang Minh", "NA-KV1", 1u << ROLE_OFFICER, "", ""},
    {"chv.huong", "Phạm Thị Hương", "NA-KV1", 1u << ROLE_OFFICER, "", ""},
    {"chv.dung", "Đặng Văn Dũng", "NA-KV4", 1u << ROLE_OFFICER, "", ""},
    {"chv.hoa", "Nguyễn Thị Hoa", "NA-KV5", 1u << ROLE_OFFICER, "", ""},
    {"chv.son", "Hồ Sỹ Sơn", "NA-KV6", 1u << ROLE_OFFICER, "", ""},
    {"chv.tuan", "Võ Đức Tuấn", "NA-KV10", 1u << ROLE_OFFICER, "", ""},
    {"chv.thao", "Đậu Thị Thảo", "NA-KV11", 1u << ROLE_OFFICER, "", ""},
    {"thamtra", "Cao Xuân Bình", "THADS-NA", 1u << ROLE_EXAMINER, "", ""},
    {"thuky", "Lê Thị Mai", "NA-KV1", 1u << ROLE_SECRETARY, "", ""},
    {"ketoan", "Thái Thị Hằng", "THADS-NA", 1u << ROLE_ACCOUNTANT, "", ""},
    {"thukho", "Đinh Văn Lực", "THADS-NA", 1u << ROLE_WAREHOUSE_KEEPER, "", ""},
    {"traigiam3", "Lương Văn Chiến", "TG3", 1u << ROLE_PRISON_OFFICER, "", ""},
    {"traigiam6", "Bùi Đức Thịnh", "TG6", 1u << ROLE_PRISON_OFFICER, "", ""},
    {"bcd", "Hoàng Minh Tâm", "THADS-NA", 1u << ROLE_STEERING_VIEWER, "", ""},
};
#define NACCOUNTS ((int)(sizeof accounts / sizeof accounts[0]))

/* Where new cases go and who runs them. */
typedef struct {
    int64_t id;
    int64_t officers[4];
    int nofficers;
    int issuer; /* index of the decision counter */
} place_t;

enum { ISSUER_CUC = NDISTRICTS, ISSUER_AGENCY, NISSUERS };
/* Calendar years a demo's documents may fall in: --years 20 statistical years, and today's. */
#define DEMO_YEAR_SLOTS 24

typedef struct {
    db_t *db;
    app_t app;
    civil_date_t today, first_day, reorg; /* reorg: the regional offices' first day */
    int64_t now;
    int64_t btp, tct, cql, cuc, agency, bca, ca, tg3, tg6, camp;
    int64_t head; /* the province's leader: approves every payout (duyệt chi) */
    place_t district[NDISTRICTS], region[NREGIONS], cuc_place, agency_place;
    int64_t region_id[NREGIONS];
    int64_t old_officers[NDISTRICTS + 2];
    int nold;
    /* QĐ, and BB/TB, numbers per issuer and calendar year (from first_year): numbers
     * restart every year, so a unit has a "1/QĐ-..." case in every year */
    int decision_no[NISSUERS][DEMO_YEAR_SLOTS], minutes_no[NISSUERS][DEMO_YEAR_SLOTS];
    int first_year;
    int64_t cases, events, judgments;
    uint32_t serial; /* people and companies made so far: their ID numbers differ */
    int64_t by_state[CASE_STATE_COUNT], by_category[CASE_CATEGORY_COUNT];
    op_error_t err;
    char what[160]; /* the step being done, for the error message */
} demo_t;

static civil_date_t day_of(const char *s)
{
    civil_date_t d = CIVIL_DATE_INVALID;
    civil_date_parse(s, &d);
    return d;
}

/* The working day on or after d (on or before it, when that would pass `limit`). */
static civil_date_t working_day(const demo_t *g, civil_date_t d, civil_date_t limit)
{
    civil_date_t x = d;

    while (calendar_is_working_day(g->app.calendar, x) == 0)
        x++;
    if (x <= limit)
        return x;
    for (x = d; x > d - 20 && calendar_is_working_day(g->app.calendar, x) == 0; x--)
        ;
    return x;
}

/* ---- organization ---------------------------------------------------------------------- */

static int unit(demo_t *g, const char *code, const char *name, const char *kind, int64_t parent,
                const char *from, int64_t *id)
{
    unit_input_t in = {code, name, kind, parent, day_of(from), CIVIL_DATE_INVALID};

    snprintf(g->what, sizeof g->what, "unit %s", code);
    return unit_op_create(g->db, &in, 0, g->now, id, &g->err);
}

static int build_org(demo_t *g)
{
    char code[32], name[200];
    int rc;

    if ((rc = unit(g, "BTP", "Bộ Tư pháp", "ministry", 0, "2002-08-05", &g->btp)) ||
        (rc = unit(g, "TCTHADS", "Tổng cục Thi hành án dân sự", "central_department", g->btp,
                   "2009-07-01", &g->tct)) ||
        (rc = unit(g, "CQLTHADS", "Cục Quản lý thi hành án dân sự", "central_department", g->btp,
                   "2025-07-01", &g->cql)) ||
        (rc = unit(g, "CTHADS-NA", "Cục Thi hành án dân sự tỉnh Nghệ An", "provincial_agency",
                   g->tct, "2009-07-01", &g->cuc)) ||
        (rc = unit(g, "THADS-NA", "Thi hành án dân sự tỉnh Nghệ An", "provincial_agency", g->cql,
                   "2025-07-01", &g->agency)) ||
        (rc = unit(g, "BCA", "Bộ Công an", "ministry", 0, "2002-08-05", &g->bca)) ||
        (rc = unit(g, "TG3", "Trại giam số 3 - Bộ Công an", "prison", g->bca, "2002-08-05",
                   &g->tg3)) ||
        (rc = unit(g, "TG6", "Trại giam số 6 - Bộ Công an", "prison", g->bca, "2002-08-05",
                   &g->tg6)) ||
        (rc = unit(g, "CA-NA", "Công an tỉnh Nghệ An", "other_agency", g->bca, "2002-08-05",
                   &g->ca)) ||
        (rc = unit(g, "TTG-CANA", "Trại tạm giam Công an tỉnh Nghệ An", "detention_camp", g->ca,
                   "2002-08-05", &g->camp)))
        return rc;
    for (int i = 0; i < NDISTRICTS; i++) {
        snprintf(name, sizeof name, "Chi cục Thi hành án dân sự %s", districts[i].place);
        if ((rc = unit(g, districts[i].code, name, "district_office", g->cuc, "2009-07-01",
                       &g->district[i].id)) != 0)
            return rc;
        g->district[i].issuer = i;
    }
    for (int k = 0; k < NREGIONS; k++) {
        snprintf(code, sizeof code, "NA-KV%d", k + 1);
        snprintf(name, sizeof name, "Phòng Thi hành án dân sự khu vực %d - Nghệ An", k + 1);
        if ((rc = unit(g, code, name, "regional_office", g->agency, "2025-07-01",
                       &g->region[k].id)) != 0)
            return rc;
        g->region[k].issuer = ISSUER_AGENCY; /* decisions are the agency's (THADS.md 1.1) */
    }
    g->cuc_place = (place_t){.id = g->cuc, .issuer = ISSUER_CUC};
    g->agency_place = (place_t){.id = g->agency, .issuer = ISSUER_AGENCY};
    return 0;
}

/* The 2025 reorganization, once the old offices' cases are in: their officers' accounts
 * are disabled, then each district office closes on 30 June naming its regional office,
 * the old department naming the agency, the General Department the new Department. */
static int reorganize(demo_t *g)
{
    civil_date_t last = day_of(DEMO_LAST_OLD_DAY);
    int rc;

    for (int i = 0; i < g->nold; i++) {
        snprintf(g->what, sizeof g->what, "disable an officer of the old offices");
        if ((rc = user_op_disable(g->db, g->old_officers[i], g->now, &g->err)) != 0)
            return rc;
    }
    for (int i = 0; i < NDISTRICTS; i++) {
        snprintf(g->what, sizeof g->what, "close %s", districts[i].code);
        if ((rc = unit_op_close(g->db, g->district[i].id, last,
                                g->region[districts[i].region - 1].id, 0, g->now, &g->err)) != 0)
            return rc;
    }
    snprintf(g->what, sizeof g->what, "close CTHADS-NA");
    if ((rc = unit_op_close(g->db, g->cuc, last, g->agency, 0, g->now, &g->err)) != 0)
        return rc;
    snprintf(g->what, sizeof g->what, "close TCTHADS");
    return unit_op_close(g->db, g->tct, last, g->cql, 0, g->now, &g->err);
}

/* ---- users ------------------------------------------------------------------------------ */

/* A password the policy accepts, and its hash (real cost). 0, or 1 after a message. */
static int new_password(const app_t *app, const char *username, char password[20],
                        char hash[CREDENTIALS_HASH_MAX])
{
    op_error_t err = {0};

    for (int tries = 0; tries < 20; tries++) {
        credentials_new_password(password);
        if (user_password_prepare(app, username, password, hash, &err) == 0)
            return 0;
        if (strcmp(err.code, "weak_password") != 0)
            break;
    }
    return cli_fail(CMD, "cannot make a password for %s: %s", username, err.en);
}

static place_t *place_by_code(demo_t *g, const char *code)
{
    if (strcmp(code, "THADS-NA") == 0)
        return &g->agency_place;
    if (strncmp(code, "NA-KV", 5) == 0)
        return &g->region[strtol(code + 5, NULL, 10) - 1];
    return NULL;
}

static int add_user(demo_t *g, const char *username, const char *full_name, int64_t unit_id,
                    unsigned roles, const char *hash, int64_t *id)
{
    user_input_t in = {username, full_name, unit_id, roles, hash};

    snprintf(g->what, sizeof g->what, "user %s", username);
    return user_op_create(g->db, &in, g->today, g->now, id, &g->err);
}

static int build_users(demo_t *g, const char *old_hash)
{
    char username[64], full_name[200];
    unit_row_t u;
    int64_t id;
    int rc;

    for (int i = 0; i < NACCOUNTS; i++) {
        demo_user_t *a = &accounts[i];
        place_t *p;
        if (units_get_by_code(g->db, a->unit_code, g->today, &u) != DB_ROW)
            return op_fail_db(&g->err, g->db);
        if ((rc = add_user(g, a->username, a->full_name, u.id, a->roles, a->hash, &id)) != 0)
            return rc;
        p = place_by_code(g, a->unit_code);
        if ((a->roles & (1u << ROLE_OFFICER)) && p != NULL && p->nofficers < 4)
            p->officers[p->nofficers++] = id;
        if ((a->roles & (1u << ROLE_LEADER)) && strcmp(a->unit_code, "THADS-NA") == 0)
            g->head = id;
    }
    /* The officers of the old offices: one per district office, two in the department.
     * Their accounts are disabled at the reorganization; nobody signs in as them. */
    for (int i = 0; i < NDISTRICTS + 2; i++) {
        rng_t r = {0x0FF1CE + (uint64_t)i};
        person_t p;
        place_t *pl = i < NDISTRICTS ? &g->district[i] : &g->cuc_place;
        make_person(&r, &p, i < NDISTRICTS ? i : 0, 400, 1965, 1990, 0);
        snprintf(username, sizeof username, "cu.chv.%s%s",
                 i < NDISTRICTS ? districts[i].slug : "cuc",
                 i < NDISTRICTS    ? ""
                 : i == NDISTRICTS ? "1"
                                   : "2");
        snprintf(full_name, sizeof full_name, "%s", p.name);
        if ((rc = add_user(g, username, full_name, pl->id, 1u << ROLE_OFFICER, old_hash, &id)) != 0)
            return rc;
        pl->officers[pl->nofficers++] = id;
        g->old_officers[g->nold++] = id;
    }
    return 0;
}

/* ---- cases ------------------------------------------------------------------------------ */

/* Reasons written on the events (the grounds of each decision). */
static const char *reason_for(case_event_t e, int pick, const char *elsewhere_name)
{
    static const char *const postponed[] = {
        "Người phải thi hành án bị ốm nặng, có xác nhận của cơ sở y tế",
        "Đương sự có văn bản thỏa thuận hoãn thi hành án",
        "Tài sản kê biên có tranh chấp đã được Tòa án thụ lý", "Chờ Tòa án giải thích bản án"};
    static const char *const suspended[] = {
        "Tòa án thụ lý đơn yêu cầu mở thủ tục phá sản đối với người phải thi hành án",
        "Người có thẩm quyền kháng nghị giám đốc thẩm yêu cầu tạm đình chỉ"};
    static const char *const terminated[] = {
        "Người được thi hành án có văn bản không yêu cầu thi hành án tiếp",
        "Người phải thi hành án chết không để lại di sản",
        "Bản án bị hủy theo quyết định giám đốc thẩm",
        "Đương sự thỏa thuận được với nhau về việc thi hành án"};
    static const char *const measures[] = {"Phong tỏa tài khoản", "Khấu trừ tiền trong tài khoản",
                                           "Trừ vào thu nhập của người phải thi hành án",
                                           "Kê biên, xử lý tài sản",
                                           "Tạm dừng đăng ký, chuyển dịch quyền sử dụng đất"};
    static const char *const not_eligible[] = {
        "Người phải thi hành án không có thu nhập, tài sản để thi hành án",
        "Không xác định được địa chỉ của người phải thi hành án",
        "Tài sản chỉ đủ chi phí cưỡng chế"};
    static const char *const verified[] = {
        "Xác minh tại Ủy ban nhân dân cấp xã và Văn phòng đăng ký đất đai",
        "Xác minh tài khoản tại ngân hàng, thu nhập tại nơi làm việc",
        "Xác minh tại nơi cư trú của người phải thi hành án"};
    static char entrusted[200];

    switch (e) {
    case CASE_EVENT_POSTPONED:
        return postponed[pick % 4];
    case CASE_EVENT_SUSPENDED:
        return suspended[pick % 2];
    case CASE_EVENT_TERMINATED:
        return terminated[pick % 4];
    case CASE_EVENT_MEASURE_APPLIED:
        return measures[pick % 5];
    case CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE:
        return not_eligible[pick % 3];
    case CASE_EVENT_VERIFICATION_RECORDED:
        return verified[pick % 3];
    case CASE_EVENT_APPLICATION_RETURNED:
        return "Người phải thi hành án không có tài sản, thu nhập (Điều 51)";
    case CASE_EVENT_REFUSED:
        return pick % 2 ? "Hết thời hiệu yêu cầu thi hành án"
                        : "Không thuộc thẩm quyền của cơ quan thi hành án dân sự";
    case CASE_EVENT_REVOKED:
        return "Quyết định thi hành án ra không đúng quy định";
    case CASE_EVENT_ENTRUSTED_OUT:
        snprintf(entrusted, sizeof entrusted, "Người phải thi hành án cư trú, có tài sản tại %s",
                 elsewhere_name);
        return entrusted;
    default:
        return NULL;
    }
}

static const char *issuer_suffix(int issuer)
{
    return issuer == ISSUER_AGENCY ? "THADS" : issuer == ISSUER_CUC ? "CTHADS" : "CCTHADS";
}

/* Judgment number, court and kind. */
typedef struct {
    char number[64], court[200];
    civil_date_t date;
} judgment_t;

static void make_judgment(demo_t *g, rng_t *r, int category, int district, civil_date_t received,
                          int64_t amount, judgment_t *j)
{
    static const char *const type[CASE_CATEGORY_COUNT] = {"DS",   "HNGĐ", "LĐ", "HS",
                                                          "KDTM", "HS",   "HC"};
    int appeal = rng_pm(r, 150), y;
    int provincial = appeal || category == CASE_CATEGORY_CORRUPTION || amount >= 5000000000LL;

    j->date = received - rng_int(r, category == CASE_CATEGORY_CRIMINAL_CIVIL ? 20 : 30, 150);
    civil_date_to_ymd(j->date, &y, NULL, NULL);
    if (!appeal && (category == CASE_CATEGORY_CIVIL || category == CASE_CATEGORY_MARRIAGE_FAMILY) &&
        rng_pm(r, 250))
        snprintf(j->number, sizeof j->number, "%02d/%d/QĐST-%s", rng_int(r, 1, 400), y,
                 type[category]); /* a settlement the court recognized */
    else
        snprintf(j->number, sizeof j->number, "%02d/%d/%s-%s", rng_int(r, 1, 300), y,
                 type[category], appeal ? "PT" : "ST");
    if (category == CASE_CATEGORY_CORRUPTION && appeal)
        snprintf(j->court, sizeof j->court, "Tòa án nhân dân cấp cao tại Hà Nội");
    else if (provincial)
        snprintf(j->court, sizeof j->court, "Tòa án nhân dân tỉnh Nghệ An");
    else if (j->date < g->reorg)
        snprintf(j->court, sizeof j->court, "Tòa án nhân dân %s", districts[district].place);
    else
        snprintf(j->court, sizeof j->court, "Tòa án nhân dân khu vực %d - Nghệ An",
                 districts[district].region);
}

/* Parties and items of one case. */
typedef struct {
    person_t people[4];
    case_party_input_t parties[4];
    case_item_input_t items[4];
    char descr[4][200];
    size_t nparties, nitems;
    int64_t amount;
} case_content_t;

static void add_party(case_content_t *c, case_party_role_t role, const person_t *p)
{
    size_t i = c->nparties++;

    c->people[i] = *p;
    c->parties[i] = (case_party_input_t){
        case_party_role_code(role),
        {case_party_kind_code(c->people[i].kind), c->people[i].name, c->people[i].id_number,
         c->people[i].address, c->people[i].birth, c->people[i].camp,
         c->people[i].prisoner_no[0] ? c->people[i].prisoner_no : NULL}};
}

static void add_item(case_content_t *c, case_item_content_t type, const char *descr, int64_t amount,
                     int creditor, int rank)
{
    size_t i = c->nitems++;

    snprintf(c->descr[i], sizeof c->descr[i], "%s", descr);
    c->items[i] =
        (case_item_input_t){case_item_content_code(type), c->descr[i], amount, creditor, rank};
    c->amount += amount;
}

/* The debtor: a person of the district (or a company), perhaps a prisoner. */
static void make_debtor(demo_t *g, rng_t *r, const case_plan_t *p, int district, int company,
                        person_t *d)
{
    if (company) {
        make_company(r, d, district);
        return;
    }
    make_person(r, d, district, p->category == CASE_CATEGORY_MARRIAGE_FAMILY ? 50 : 180, 1958, 2004,
                p->fate == CASE_STATE_ENTRUSTED_OUT);
    if (p->prisoner) {
        int which = rng_int(r, 0, 9);
        int64_t camp = which < 4 ? g->tg3 : which < 8 ? g->tg6 : g->camp;
        d->camp = camp;
        snprintf(d->prisoner_no, sizeof d->prisoner_no, "%s-%05d",
                 camp == g->tg3   ? "TG3"
                 : camp == g->tg6 ? "TG6"
                                  : "TTG",
                 rng_int(r, 1, 99999));
    }
}

static void make_content(demo_t *g, rng_t *r, const case_plan_t *p, int district, case_content_t *c)
{
    person_t creditor, debtor;
    char text[200];
    int64_t v;

    memset(c, 0, sizeof *c);
    switch (p->category) {
    case CASE_CATEGORY_CIVIL:
        make_person(r, &creditor, district, 400, 1950, 2000, rng_pm(r, 60));
        make_debtor(g, r, p, district, rng_pm(r, 120), &debtor);
        add_party(c, CASE_PARTY_ROLE_CREDITOR, &creditor);
        add_party(c, CASE_PARTY_ROLE_DEBTOR, &debtor);
        if (rng_pm(r, 90)) {
            snprintf(text, sizeof text, "Giao trả %d m² đất tại %s", rng_int(r, 80, 2500),
                     districts[district].place);
            add_item(c, CASE_ITEM_HAND_OVER_LAND, text, 0, 0, 3);
        } else {
            static const char *const what[] = {"Trả nợ tiền vay",
                                               "Trả tiền mua bán hàng hóa",
                                               "Bồi thường thiệt hại do vi phạm hợp đồng",
                                               "Trả lại tiền đặt cọc",
                                               "Thanh toán giá trị phần di sản được chia",
                                               "Trả tiền thuê tài sản"};
            const char *w = PICK(r, what);
            add_item(c, CASE_ITEM_PAY_MONEY, w, rng_money(r, 10000000, 5000000000LL), 0, 3);
        }
        break;
    case CASE_CATEGORY_MARRIAGE_FAMILY:
        make_person(r, &creditor, district, 850, 1975, 2000, 0);
        make_person(r, &debtor, district, 150, 1970, 1998, p->fate == CASE_STATE_ENTRUSTED_OUT);
        add_party(c, CASE_PARTY_ROLE_CREDITOR, &creditor);
        add_party(c, CASE_PARTY_ROLE_DEBTOR, &debtor);
        if (rng_pm(r, 600)) {
            int monthly = rng_int(r, 8, 40) * 100000, months = rng_int(r, 12, 72);
            snprintf(text, sizeof text,
                     "Cấp dưỡng nuôi con chung mỗi tháng %d.%03d.000 đồng, %d tháng",
                     monthly / 1000000, monthly / 1000 % 1000, months);
            add_item(c, CASE_ITEM_PERIODIC_PAY, text, (int64_t)monthly * months, 0, 1);
        } else {
            add_item(c, CASE_ITEM_PAY_MONEY, "Thanh toán chênh lệch giá trị tài sản chung",
                     rng_money(r, 50000000, 2000000000), 0, 3);
        }
        break;
    case CASE_CATEGORY_LABOUR:
        make_person(r, &creditor, district, 450, 1970, 2002, 0);
        make_company(r, &debtor, district);
        add_party(c, CASE_PARTY_ROLE_CREDITOR, &creditor);
        add_party(c, CASE_PARTY_ROLE_DEBTOR, &debtor);
        add_item(c, CASE_ITEM_PAY_MONEY, "Trả tiền lương, trợ cấp thôi việc",
                 rng_money(r, 20000000, 400000000), 0, 1);
        break;
    case CASE_CATEGORY_CRIMINAL_CIVIL:
        make_debtor(g, r, p, district, 0, &debtor);
        if (p->application) { /* the victim applies for the damages */
            make_person(r, &creditor, district, 450, 1950, 2005, 0);
            add_party(c, CASE_PARTY_ROLE_CREDITOR, &creditor);
            add_party(c, CASE_PARTY_ROLE_DEBTOR, &debtor);
            const char *w = rng_pm(r, 500) ? "Bồi thường thiệt hại về sức khỏe"
                                           : "Bồi thường thiệt hại về tài sản";
            add_item(c, CASE_ITEM_PAY_MONEY, w, rng_money(r, 5000000, 500000000), 0, 1);
        } else {
            add_party(c, CASE_PARTY_ROLE_DEBTOR, &debtor);
            add_item(c, CASE_ITEM_COURT_FEE, "Án phí hình sự sơ thẩm", 200000, -1, 2);
            if (rng_pm(r, 500))
                add_item(c, CASE_ITEM_FINE, "Phạt tiền bổ sung", rng_money(r, 5000000, 100000000),
                         -1, 3);
            if (rng_pm(r, 350))
                add_item(c, CASE_ITEM_ILLICIT_GAIN, "Truy thu số tiền thu lợi bất chính",
                         rng_money(r, 2000000, 200000000), -1, 3);
        }
        break;
    case CASE_CATEGORY_CREDIT: {
        int b = rng_int(r, 0, (int)(sizeof banks / sizeof banks[0]) - 1);
        memset(&creditor, 0, sizeof creditor);
        creditor.kind = CASE_PARTY_KIND_ORGANIZATION;
        snprintf(creditor.name, sizeof creditor.name, "%s", banks[b].name);
        snprintf(creditor.id_number, sizeof creditor.id_number, "%s", banks[b].tax_code);
        snprintf(creditor.address, sizeof creditor.address, "thành phố Vinh, tỉnh Nghệ An");
        creditor.birth = CIVIL_DATE_INVALID;
        make_debtor(g, r, p, district, rng_pm(r, 400), &debtor);
        add_party(c, CASE_PARTY_ROLE_CREDITOR, &creditor);
        add_party(c, CASE_PARTY_ROLE_DEBTOR, &debtor);
        snprintf(text, sizeof text, "Trả nợ gốc và lãi theo Hợp đồng tín dụng số %d/HĐTD",
                 rng_int(r, 100, 9999));
        add_item(c, CASE_ITEM_PAY_MONEY, text, rng_money(r, 500000000, 50000000000LL), 0, 3);
        if (rng_pm(r, 300)) { /* a guarantor's mortgaged land */
            make_person(r, &creditor, district, 450, 1955, 1995, 0);
            add_party(c, CASE_PARTY_ROLE_RELATED, &creditor);
        }
        break;
    }
    case CASE_CATEGORY_CORRUPTION:
        make_debtor(g, r, p, district, 0, &debtor);
        add_party(c, CASE_PARTY_ROLE_DEBTOR, &debtor);
        add_item(c, CASE_ITEM_COURT_FEE, "Án phí hình sự sơ thẩm", 200000, -1, 2);
        v = rng_money(r, 1000000000, 200000000000LL);
        if (rng_pm(r, 500))
            add_item(c, CASE_ITEM_ILLICIT_GAIN, "Nộp lại số tiền tham ô tài sản", v, -1, 3);
        else
            add_item(c, CASE_ITEM_PAY_MONEY, "Bồi thường thiệt hại cho Nhà nước", v, -1, 3);
        break;
    case CASE_CATEGORY_ADMINISTRATIVE:
        make_person(r, &creditor, district, 400, 1950, 1995, 0);
        memset(&debtor, 0, sizeof debtor);
        debtor.kind = CASE_PARTY_KIND_ORGANIZATION;
        pick_commune(r, district, text, 120);
        snprintf(debtor.name, sizeof debtor.name, "Ủy ban nhân dân %.120s", text);
        snprintf(debtor.address, sizeof debtor.address, "%.120s, %s, tỉnh Nghệ An", text,
                 districts[district].place);
        debtor.birth = CIVIL_DATE_INVALID;
        add_party(c, CASE_PARTY_ROLE_CREDITOR, &creditor);
        add_party(c, CASE_PARTY_ROLE_DEBTOR, &debtor);
        add_item(c, CASE_ITEM_PAY_MONEY, "Bồi thường, hỗ trợ khi Nhà nước thu hồi đất",
                 rng_money(r, 20000000, 800000000), 0, 3);
        break;
    default:
        break;
    }
}

/* Random ID numbers would now and then repeat, and a repeated CCCD is one party to the
 * store (parties_find): the second person would show under the first one's
 * name. So the last digits of each new person's CCCD (a company's tax code) are a
 * serial number, scrambled. */
static void unique_ids(demo_t *g, case_content_t *c)
{
    for (size_t i = 0; i < c->nparties; i++) {
        person_t *p = &c->people[i];
        uint32_t x = g->serial++ * 7919u + 104729u;
        if (p->kind == CASE_PARTY_KIND_PERSON && strlen(p->id_number) == 12)
            snprintf(p->id_number + 6, 7, "%06u", (unsigned)(x % 1000000u));
        else if (strncmp(p->id_number, "29", 2) == 0 && strlen(p->id_number) == 10 &&
                 strncmp(p->name, "Ngân hàng", 9) != 0 && strncmp(p->name, "Quỹ", 4) != 0)
            snprintf(p->id_number + 2, 9, "%08u", (unsigned)(x % 100000000u));
    }
}

/* The court fee of the judgment, for its own ex-officio case: the debtor of the main
 * case pays it to the State. */
static void make_fee_content(const case_content_t *main, case_content_t *c)
{
    int64_t fee = main->amount / 20;

    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < main->nparties; i++)
        if (case_party_role_parse(main->parties[i].role) == CASE_PARTY_ROLE_DEBTOR) {
            add_party(c, CASE_PARTY_ROLE_DEBTOR, &main->people[i]);
            break;
        }
    fee = fee < 300000 ? 300000 : fee > 20000000 ? 20000000 : fee / 1000 * 1000;
    add_item(c, CASE_ITEM_COURT_FEE, "Án phí dân sự sơ thẩm", fee, -1, 2);
}

/* Where a case received on `received` belongs: the district office (or the old
 * department) before the reorganization, the regional office (or the agency) after. */
static place_t *place_for(demo_t *g, int district, int provincial, civil_date_t received)
{
    if (received < g->reorg)
        return provincial ? &g->cuc_place : &g->district[district];
    return provincial ? &g->agency_place : &g->region[districts[district].region - 1];
}

static int64_t officer_for(demo_t *g, rng_t *r, const place_t *pl, civil_date_t received)
{
    const place_t *p = pl;

    if (p->nofficers == 0)
        p = received < g->reorg ? &g->cuc_place : &g->agency_place;
    return p->officers[rng_int(r, 0, p->nofficers - 1)];
}

/* The next number in an issuer's series (decision_no, minutes_no) for a document dated on. */
static int next_no(const demo_t *g, int series[][DEMO_YEAR_SLOTS], int issuer, civil_date_t on)
{
    int y, i;

    civil_date_to_ymd(on, &y, NULL, NULL);
    i = y - g->first_year;
    i = i < 0 ? 0 : i >= DEMO_YEAR_SLOTS ? DEMO_YEAR_SLOTS - 1 : i; /* (cannot happen) */
    return ++series[issuer][i];
}

/* Money moves as the accountant, the officer and the head move it (ops/money_ops.h): a
 * receipt from the debtor, in cash for small sums and by transfer otherwise; a payout is
 * the officer's allocation of all that is held by the legal order, the head's approval,
 * then one voucher per payee, from the account the money came into. */
static int demo_money(demo_t *g, int64_t id, const case_content_t *c, const case_event_input_t *ev,
                      int64_t actor)
{
    int cash = c->amount < 30000000; /* one till per case: its money leaves as it came */
    money_doc_t doc;
    int64_t txn, approved;
    int rc;

    if (ev->type == CASE_EVENT_MONEY_COLLECTED) {
        const char *payer = "Người phải thi hành án";
        for (size_t i = 0; i < c->nparties; i++)
            if (strcmp(c->parties[i].role, "debtor") == 0)
                payer = c->parties[i].p.full_name;
        money_collection_t in = {
            ev->occurred_on, ev->amount_vnd, cash ? LEDGER_METHOD_CASH : LEDGER_METHOD_TRANSFER,
            payer,           NULL,           NULL};
        return money_op_collect(g->db, &g->app, id, &in, actor, g->today, g->now, &doc, &g->err);
    }
    if ((rc = money_op_allocate(g->db, id, NULL, 0, NULL, ev->occurred_on, actor, g->today, g->now,
                                &txn, &g->err)) != 0 &&
        strcmp(g->err.code, "nothing_to_allocate") != 0)
        return rc;
    if ((rc = money_op_approve_all(g->db, &g->app, id, ev->occurred_on, g->head, g->today, g->now,
                                   &approved, &g->err)) != 0 &&
        strcmp(g->err.code, "nothing_to_approve") != 0)
        return rc;
    return money_op_payout_all(g->db, &g->app, id, ev->occurred_on, cash, actor, g->today, g->now,
                               &g->err);
}

#define DEMO_COERCION_PENDING_DAYS  60
#define DEMO_COMPLAINT_PENDING_DAYS 90

/* Issue 15: the coercion and complaint counts get real-looking figures. After a measure
 * (the case enforcing), some cases get a coercion decision, carried out on its day, made
 * needless by the debtor paying the day before, or, planned within the last two months,
 * still pending; after a measure or a termination some get a complaint, resolved within
 * a month or, received within the last three months, still pending. Chosen from the
 * receipt day and the step, not the random streams, so every other figure stays as it
 * was. *on moves to the last day recorded. 0 or the failure. */
static int demo_coercion_and_complaint(demo_t *g, int64_t id, const place_t *pl,
                                       civil_date_t received, int i, case_event_t type,
                                       int64_t actor, civil_date_t *on)
{
    unsigned k = (unsigned)(received * 7 + i) % 20, q = (unsigned)(received * 3 + i) % 13;
    char doc[64];
    int64_t seq;
    int rc;

    if (type == CASE_EVENT_MEASURE_APPLIED && k < 9) {
        case_event_input_t ev = {.type = CASE_EVENT_COERCION_SCHEDULED,
                                 .occurred_on = *on,
                                 .document_no = doc,
                                 .reason = "Quyết định cưỡng chế kê biên, xử lý tài sản"};
        civil_date_t day = *on + 3 + (civil_date_t)k;
        while (calendar_is_working_day(g->app.calendar, day) != 1)
            day++;
        ev.coercion_on = day;
        snprintf(doc, sizeof doc, "%d/QĐ-%s", next_no(g, g->decision_no, pl->issuer, *on),
                 issuer_suffix(pl->issuer));
        if ((rc = case_op_event(g->db, &g->app, id, &ev, actor, g->today, g->now, &seq, &g->err)) !=
            0)
            return rc;
        g->events++;
        /* pending only while recent: an older one was carried out on its day */
        if (day <= g->today && (k < 7 || day < g->today - DEMO_COERCION_PENDING_DAYS)) {
            case_event_input_t out = {.type = k < 2 ? CASE_EVENT_COERCION_PAID_VOLUNTARILY
                                                    : CASE_EVENT_COERCION_CARRIED_OUT,
                                      .occurred_on = k < 2 ? day - 1 : day,
                                      .document_no = k < 2 ? NULL : doc};
            snprintf(doc, sizeof doc, "%d/BB-%s", next_no(g, g->minutes_no, pl->issuer, day),
                     issuer_suffix(pl->issuer));
            if ((rc = case_op_event(g->db, &g->app, id, &out, actor, g->today, g->now, &seq,
                                    &g->err)) != 0)
                return rc;
            g->events++;
            *on = out.occurred_on;
        }
    }
    if ((type == CASE_EVENT_MEASURE_APPLIED || type == CASE_EVENT_TERMINATED) && q < 2) {
        /* one in five a denunciation of the officer's act (tố cáo), decided the same way */
        int denounced = received % 5 == 2;
        case_event_input_t ev = {
            .type = CASE_EVENT_COMPLAINT_RECEIVED,
            .occurred_on = *on,
            .document_no = doc,
            .complaint = denounced                       ? CASE_COMPLAINT_DENUNCIATION
                         : type == CASE_EVENT_TERMINATED ? CASE_COMPLAINT_FIRST
                                                         : CASE_COMPLAINT_OTHER,
            .reason = denounced ? "Đương sự tố cáo hành vi của Chấp hành viên khi tổ chức thi hành"
                                : "Đương sự khiếu nại quyết định của Chấp hành viên"};
        civil_date_t day = *on + 12 + (civil_date_t)(received % 10);
        snprintf(doc, sizeof doc, "%d/TB-%s", next_no(g, g->minutes_no, pl->issuer, *on),
                 issuer_suffix(pl->issuer));
        if ((rc = case_op_event(g->db, &g->app, id, &ev, actor, g->today, g->now, &seq, &g->err)) !=
            0)
            return rc;
        g->events++;
        if (day <= g->today &&
            (received % 4 != 0 || day < g->today - DEMO_COMPLAINT_PENDING_DAYS)) {
            case_event_input_t dec = {.type = CASE_EVENT_COMPLAINT_DECIDED,
                                      .occurred_on = day,
                                      .document_no = doc,
                                      .complaint_seq = seq, /* its complaint, just received */
                                      .reason = "Giữ nguyên quyết định bị khiếu nại"};
            snprintf(doc, sizeof doc, "%d/QĐ-%s", next_no(g, g->decision_no, pl->issuer, day),
                     issuer_suffix(pl->issuer));
            if ((rc = case_op_event(g->db, &g->app, id, &dec, actor, g->today, g->now, &seq,
                                    &g->err)) != 0)
                return rc;
            g->events++;
            *on = day;
        }
    }
    return 0;
}

/* Carry out one case: create it, then its steps. */
static int run_case(demo_t *g, rng_t *r, const case_plan_t *p, const case_content_t *c,
                    const judgment_t *j, const place_t *pl, civil_date_t received,
                    const char *elsewhere_name)
{
    char case_no[64], doc[64], day[11];
    case_state_t state = CASE_STATE_RECEIVED, next;
    civil_date_t on = received;
    int64_t id, officer = officer_for(g, r, pl, received), actor = 0, seq;
    int64_t collected = 0, paid = 0;
    int rc;
    case_input_t in = {
        .unit_id = pl->id,
        .case_no = case_no,
        .source = case_source_code(p->application && !p->fee_case ? CASE_SOURCE_APPLICATION
                                                                  : CASE_SOURCE_EX_OFFICIO),
        .category = case_category_code((case_category_t)p->category),
        .received_on = received,
        .judgment_no = j->number,
        .court_name = j->court,
        .judgment_date = j->date,
        .parties = c->parties,
        .nparties = c->nparties,
        .items = c->items,
        .nitems = c->nitems,
        /* one criminal judgment in seven is for an economic crime: counted in the special
         * table of asset recovery (THADS.md 5.4) though its category is criminal_civil
         * (drawn from the day, not the random streams, so the rest stays as it was) */
        .flags = p->category == CASE_CATEGORY_CRIMINAL_CIVIL && received % 7 == 0
                     ? STAT_FLAG_CORRUPTION
                     : 0,
    };

    snprintf(case_no, sizeof case_no, "%d/QĐ-%s", next_no(g, g->decision_no, pl->issuer, received),
             issuer_suffix(pl->issuer));
    civil_date_format(received, day);
    snprintf(g->what, sizeof g->what, "case %s received %s", case_no, day);
    if ((rc = case_op_create(g->db, &g->app, &in, 0, g->today, g->now, &id, &g->err)) != 0)
        return rc;
    g->cases++;
    g->events++;
    g->by_category[p->category]++;

    for (int i = 0; i < p->nsteps; i++) {
        const step_t *s = &p->steps[i];
        case_event_t type = (case_event_t)s->type;
        case_event_input_t ev = {.type = type, .verify = (verify_result_t)s->verify};
        civil_date_t date;

        if (type == CASE_EVENT_VOLUNTARY_PERIOD_ENDED) {
            civil_date_t last = rules_due(g->app.rules, g->app.calendar, "D10", on, NULL);
            date = (last != CIVIL_DATE_INVALID && last >= on ? last : on) + s->delay;
        } else {
            date = on + s->delay;
        }
        date = working_day(g, date, g->today);
        if (date < on)
            date = on;
        if (date > g->today) {
            if (s->trail)
                break;
            date = g->today; /* the fate is reached, a little late */
        }
        if (type == CASE_EVENT_VOLUNTARY_PERIOD_ENDED &&
            date <= rules_due(g->app.rules, g->app.calendar, "D10", on, NULL))
            break; /* the period is still running today */
        if (type == CASE_EVENT_MONEY_COLLECTED) {
            ev.amount_vnd = s->permille >= 1000 ? c->amount - collected
                                                : c->amount * s->permille / 1000 / 1000 * 1000;
            if (ev.amount_vnd <= 0 || collected + ev.amount_vnd > c->amount)
                continue;
            collected += ev.amount_vnd;
        } else if (type == CASE_EVENT_MONEY_PAID) {
            ev.amount_vnd = collected - paid;
            if (ev.amount_vnd <= 0)
                continue;
            paid += ev.amount_vnd;
        }
        if (case_transition(state, type, ev.verify, &next, NULL, NULL) != 0)
            continue; /* a plan that does not fit the case (e.g. nothing to collect) */
        if (type == CASE_EVENT_DECIDED) {
            snprintf(doc, sizeof doc, "%s", case_no);
        } else if (type == CASE_EVENT_NOTIFIED || type == CASE_EVENT_VERIFICATION_RECORDED) {
            snprintf(doc, sizeof doc, "%d/BB-%s", next_no(g, g->minutes_no, pl->issuer, date),
                     issuer_suffix(pl->issuer));
        } else if (type == CASE_EVENT_REFUSED) {
            snprintf(doc, sizeof doc, "%d/TB-%s", next_no(g, g->minutes_no, pl->issuer, date),
                     issuer_suffix(pl->issuer));
        } else {
            snprintf(doc, sizeof doc, "%d/QĐ-%s", next_no(g, g->decision_no, pl->issuer, date),
                     issuer_suffix(pl->issuer));
        }
        ev.occurred_on = date;
        ev.document_no = case_event_needs_document(type) ? doc : NULL;
        ev.officer_user_id = type == CASE_EVENT_ASSIGNED ? officer : 0;
        ev.reason = reason_for(type, s->reason, elsewhere_name);
        civil_date_format(date, day);
        snprintf(g->what, sizeof g->what, "case %s: %s on %s", case_no, case_event_code(type), day);
        if (type == CASE_EVENT_MONEY_COLLECTED || type == CASE_EVENT_MONEY_PAID)
            rc = demo_money(g, id, c, &ev, actor);
        else
            rc = case_op_event(g->db, &g->app, id, &ev, actor, g->today, g->now, &seq, &g->err);
        if (rc != 0)
            return rc;
        if (type == CASE_EVENT_ASSIGNED)
            actor = officer;
        state = next;
        on = date;
        g->events++;
        if ((rc = demo_coercion_and_complaint(g, id, pl, received, i, type, actor, &on)) != 0)
            return rc;
    }
    g->by_state[state]++;
    return 0;
}

/* One judgment: the main case and perhaps its court-fee case. */
typedef struct {
    civil_date_t received;
    int order, forced, allow_fee;
    uint64_t seed;
} plan_entry_t;

static int run_judgment(demo_t *g, const plan_entry_t *e)
{
    rng_t r = {e->seed};
    judgment_plan_t jp;
    case_content_t main, fee;
    judgment_t j;
    int district, provincial, rc, dw[NDISTRICTS];
    place_t *pl;
    const char *away_name = "tỉnh Hà Tĩnh";

    plan_judgment(&r, e->forced, e->allow_fee, &jp);
    for (int i = 0; i < NDISTRICTS; i++)
        dw[i] = districts[i].weight;
    district = rng_weighted(&r, dw, NDISTRICTS);
    make_content(g, &r, &jp.main, district, &main);
    unique_ids(g, &main);
    for (size_t i = 0; i < main.nparties; i++)
        if (case_party_role_parse(main.parties[i].role) == CASE_PARTY_ROLE_DEBTOR)
            for (size_t k = 0; k < sizeof elsewhere / sizeof elsewhere[0]; k++)
                if (strstr(main.people[i].address, elsewhere[k].name))
                    away_name = elsewhere[k].name;
    /* Large and sensitive cases are run by the provincial level. */
    provincial = jp.main.category == CASE_CATEGORY_CORRUPTION ||
                 (jp.main.category == CASE_CATEGORY_CREDIT && main.amount >= 10000000000LL) ||
                 main.amount >= 20000000000LL;
    pl = place_for(g, district, provincial, e->received);
    make_judgment(g, &r, jp.main.category, district, e->received, main.amount, &j);
    g->judgments++;
    if ((rc = run_case(g, &r, &jp.main, &main, &j, pl, e->received, away_name)) != 0)
        return rc;
    if (jp.fee.fee_case) {
        make_fee_content(&main, &fee);
        rc = run_case(g, &r, &jp.fee, &fee, &j, pl, e->received, away_name);
    }
    return rc;
}

static int by_received(const void *a, const void *b)
{
    const plan_entry_t *x = a, *y = b;

    if (x->received != y->received)
        return x->received < y->received ? -1 : 1;
    return x->order - y->order;
}

/* Plan every judgment (fate, steps, hence when it was received), then sort by day. */
static plan_entry_t *plan_all(demo_t *g, uint64_t seed, int ncases, int *njudgments)
{
    plan_entry_t *plans = calloc((size_t)ncases, sizeof *plans);
    int n = 0, cases = 0;

    if (plans == NULL)
        return NULL;
    while (cases < ncases) {
        plan_entry_t *e = &plans[n];
        rng_t r, when;
        judgment_plan_t jp;
        civil_date_t latest, earliest;

        e->order = n;
        e->seed = seed * 0x2545F4914F6CDD1Dull + (uint64_t)n * 0x9E3779B97F4A7C15ull;
        e->forced = n < CASE_STATE_COUNT ? n : -1; /* every state, at least once */
        e->allow_fee = ncases - cases >= 2;
        r.s = e->seed;
        plan_judgment(&r, e->forced, e->allow_fee, &jp);
        when.s = e->seed ^ 0xD1B54A32D192ED03ull;
        latest = g->today - jp.main.span;
        earliest = jp.main.window ? latest - jp.main.window : g->first_day;
        if (earliest < g->first_day)
            earliest = g->first_day;
        if (latest < earliest)
            latest = earliest;
        e->received = working_day(g, earliest + rng_int(&when, 0, latest - earliest), g->today);
        cases += 1 + jp.fee.fee_case;
        n++;
    }
    qsort(plans, (size_t)n, sizeof *plans, by_received);
    *njudgments = n;
    return plans;
}

/* ---- the command ------------------------------------------------------------------------ */

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static int parse_number(const char *opt, const char *s, unsigned long long max,
                        unsigned long long *out)
{
    char *end;

    if (s[0] < '0' || s[0] > '9')
        return cli_usage_error(CMD, "%s: '%s' is not a number", opt, s);
    *out = strtoull(s, &end, 10);
    if (*end != '\0' || *out > max || (*out == 0 && strcmp(opt, "--seed") != 0))
        return cli_usage_error(CMD, "%s: '%s' is not a number from 1 to %llu", opt, s, max);
    return 0;
}

/* The database must be new: no organization, no case. 0, or 1 after a message. */
static int check_empty(db_t *db, const char *url, civil_date_t today)
{
    int64_t cases = 0, docs = 0;
    unit_row_t u;
    int rc = search_counts(db, &cases, &docs);

    if (rc != DB_OK)
        return cli_fail(CMD, "cannot read %s: %s", url, db_errmsg(db));
    if (cases > 0)
        return cli_fail(CMD,
                        "%s already has %lld case%s; the demo fills a new, empty database "
                        "(give another --db)",
                        url, (long long)cases, cases == 1 ? "" : "s");
    rc = units_get_by_code(db, "BTP", today, &u);
    if (rc == DB_ROW)
        return cli_fail(CMD,
                        "%s already has an organization (unit BTP); the demo builds its own in "
                        "a new, empty database (give another --db)",
                        url);
    return rc == DB_DONE ? 0 : cli_fail(CMD, "cannot read %s: %s", url, db_errmsg(db));
}

static void print_accounts(void)
{
    printf("\nTài khoản / accounts (mật khẩu chỉ hiện một lần / passwords are shown once):\n\n");
    printf("  %-14s %-18s %-10s %s\n", "username", "role", "unit", "password");
    for (int i = 0; i < NACCOUNTS; i++) {
        const demo_user_t *a = &accounts[i];
        int role = 0;
        while (role < ROLE_COUNT && !(a->roles & (1u << role)))
            role++;
        printf("  %-14s %-18s %-10s %s\n", a->username, access_role_code((role_t)role),
               a->unit_code, a->password);
    }
    printf("\n");
}

static void print_summary(const demo_t *g, double secs)
{
    char from[11], to[11];

    civil_date_format(g->first_day, from);
    civil_date_format(g->today, to);
    printf("Việc thi hành án / cases: %lld from %lld judgments, %lld events, received %s to "
           "%s\n  by state:",
           (long long)g->cases, (long long)g->judgments, (long long)g->events, from, to);
    for (int s = 0; s < CASE_STATE_COUNT; s++)
        printf(" %s %lld%s", case_state_code((case_state_t)s), (long long)g->by_state[s],
               s + 1 < CASE_STATE_COUNT ? "," : "\n");
    printf("  by category:");
    for (int c = 0; c < CASE_CATEGORY_COUNT; c++)
        printf(" %s %lld%s", case_category_code((case_category_t)c), (long long)g->by_category[c],
               c + 1 < CASE_CATEGORY_COUNT ? "," : "\n");
    fprintf(stderr, "thads demo: %lld cases in %.1f s\n", (long long)g->cases, secs);
}

static int audit_step(demo_t *g, const char *object, const char *detail)
{
    audit_entry_t e = {
        .at = g->now,
        .username = cli_actor(),
        .method = "CLI",
        .route = "thads demo",
        .object = object,
        .client_addr = "cli",
        .detail = detail,
    };

    return audit_append(g->db, &e, NULL) == DB_OK ? 0 : op_fail_db(&g->err, g->db);
}

/* Targets (chỉ tiêu, issue 15) for the last two reporting years: the province's, as the
 * department above would give them, and each office's, by the province's leader, a little
 * above or below the province's so the report and the dashboard show both outcomes. */
static int demo_targets(demo_t *g)
{
    int this_year = report_year_of(g->today);

    for (int y = this_year - 1; y <= this_year; y++) {
        int64_t cases = y == this_year ? 8400 : 8325, money = y == this_year ? 4800 : 4645;
        snprintf(g->what, sizeof g->what, "targets %d", y);
        if (report_op_target_put(g->db, g->agency, y, cases, money, 0, g->now, &g->err) != 0 ||
            report_op_target_put(g->db, g->cuc, y, cases, money, 0, g->now, &g->err) != 0)
            return -1;
        for (int i = 0; i < NDISTRICTS; i++)
            if (g->district[i].id && report_op_target_put(g->db, g->district[i].id, y,
                                                          cases - 150 + (int64_t)(i % 4) * 100,
                                                          money - 300 + (int64_t)(i % 5) * 150,
                                                          g->head, g->now, &g->err) != 0)
                return -1;
        for (int k = 0; k < NREGIONS; k++)
            if (g->region[k].id && report_op_target_put(g->db, g->region[k].id, y,
                                                        cases - 150 + (int64_t)(k % 4) * 100,
                                                        money - 300 + (int64_t)(k % 5) * 150,
                                                        g->head, g->now, &g->err) != 0)
                return -1;
    }
    return 0;
}

/* The regional offices' ids, in order. */
static const int64_t *region_ids(demo_t *g)
{
    for (int k = 0; k < NREGIONS; k++)
        g->region_id[k] = g->region[k].id;
    return g->region_id;
}

int cmd_demo(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"years", required_argument, NULL, 'y'},
        {"cases", required_argument, NULL, 'c'},
        {"seed", required_argument, NULL, 's'},
        {NULL, 0, NULL, 0},
    };
    const char *url = cli_env("THADS_DB", CLI_DEFAULT_DB);
    unsigned long long years = DEMO_YEARS, ncases = DEMO_CASES, seed = 1;
    char old_password[20], old_hash[CREDENTIALS_HASH_MAX], detail[200];
    plan_entry_t *plans = NULL;
    int njudgments = 0, rc, opt, tty = isatty(2), shown = -1, nprisoners = 0, nexchanges = 0;
    int njudgments_admin = 0;
    const char *step_name = "";
    struct timespec t0;
    demo_t *g = calloc(1, sizeof *g);

    if (g == NULL)
        return cli_fail(CMD, "out of memory");
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (opt) {
        case 'd':
            url = optarg;
            break;
        case 'y':
            rc = parse_number("--years", optarg, 20, &years);
            break;
        case 'c':
            rc = parse_number("--cases", optarg, DEMO_MAX_CASES, &ncases);
            break;
        case 's':
            rc = parse_number("--seed", optarg, UINT64_MAX, &seed);
            break;
        default:
            free(g);
            return cli_bad_option(CMD, argc, argv);
        }
        if (opt != 'd' && rc != 0) {
            free(g);
            return rc;
        }
    }
    if (optind < argc) {
        free(g);
        return cli_usage_error(CMD, "unexpected argument '%s'", argv[optind]);
    }

    clock_gettime(CLOCK_MONOTONIC, &t0);
    app_init(&g->app, NULL, THADS_VERSION);
    g->now = g->app.now();
    g->today = app_today(&g->app);
    g->reorg = day_of(DEMO_LAST_OLD_DAY) + 1;
    g->first_day = civil_date_stat_year_start(civil_date_stat_year(g->today) - (int)years);
    civil_date_to_ymd(g->first_day, &g->first_year, NULL, NULL);
    if ((rc = cli_open_migrated(CMD, url, &g->db)) != 0) {
        free(g);
        return rc;
    }
    if ((rc = check_empty(g->db, url, g->today)) != 0)
        goto out;

    /* The passwords first: argon2id must not run inside the transaction. */
    if (tty)
        fprintf(stderr, "thads demo: passwords...");
    for (int i = 0; i < NACCOUNTS; i++)
        if ((rc = new_password(&g->app, accounts[i].username, accounts[i].password,
                               accounts[i].hash)) != 0)
            goto out;
    if ((rc = new_password(&g->app, "cu.chv", old_password, old_hash)) != 0)
        goto out;
    explicit_bzero(old_password, sizeof old_password); /* nobody signs in as them */

    plans = plan_all(g, seed, (int)ncases, &njudgments);
    if (plans == NULL) {
        rc = cli_fail(CMD, "out of memory");
        goto out;
    }
    if (db_begin(g->db) != DB_OK) {
        rc = cli_fail(CMD, "cannot begin: %s", db_errmsg(g->db));
        goto out;
    }
    if ((rc = check_empty(g->db, url, g->today)) != 0) {
        db_rollback(g->db);
        goto out;
    }
    /* A refusal below is a bug of the generator: report what it was doing. */
    if (build_org(g) != 0 || build_users(g, old_hash) != 0)
        goto refused;
    snprintf(detail, sizeof detail, "demo organization and %d users", NACCOUNTS + g->nold);
    if (audit_step(g, "organization", detail) != 0)
        goto refused;
    for (int i = 0; i < njudgments; i++) {
        if (run_judgment(g, &plans[i]) != 0)
            goto refused;
        if (tty && (int)(g->cases * 100 / (int64_t)ncases) != shown) {
            shown = (int)(g->cases * 100 / (int64_t)ncases);
            fprintf(stderr, "\rthads demo: %lld/%llu cases (%d%%)  ", (long long)g->cases, ncases,
                    shown);
        }
    }
    if (tty)
        fprintf(stderr, "\n");
    if (reorganize(g) != 0 || demo_targets(g) != 0)
        goto refused;
    if (demo_prison(g->db, &g->app, g->today, g->now, &g->err, &step_name, &nprisoners,
                    &nexchanges) != 0) {
        snprintf(g->what, sizeof g->what, "%s", step_name);
        goto refused;
    }
    snprintf(g->what, sizeof g->what, "administrative judgments");
    if (demo_admin_judgments(g->db, g->agency, region_ids(g), NREGIONS, g->reorg, g->today, g->now,
                             &g->err, &njudgments_admin) != 0)
        goto refused;
    snprintf(detail, sizeof detail,
             "demo prisoners: %d, exchanges with camps: %d, administrative judgments: %d",
             nprisoners, nexchanges, njudgments_admin);
    if (audit_step(g, "prisoners", detail) != 0)
        goto refused;
    snprintf(detail, sizeof detail, "demo cases: %lld (seed %llu, %llu years)", (long long)g->cases,
             seed, years);
    if ((rc = cli_audit_commit(CMD, g->db, g->now, "thads demo", "cases", detail)) != 0)
        goto out;
    print_accounts();
    print_summary(g, seconds_since(&t0));
    goto out;

refused:
    if (tty)
        fprintf(stderr, "\n");
    if (db_in_transaction(g->db))
        db_rollback(g->db);
    rc = cli_fail(CMD, "%s: %s%s%s%s; nothing was written", g->what, g->err.en,
                  g->err.field[0] ? " (" : "", g->err.field, g->err.field[0] ? ")" : "");
out:
    for (int i = 0; i < NACCOUNTS; i++) {
        explicit_bzero(accounts[i].password, sizeof accounts[i].password);
        explicit_bzero(accounts[i].hash, sizeof accounts[i].hash);
    }
    free(plans);
    db_close(g->db);
    free(g);
    return rc;
}

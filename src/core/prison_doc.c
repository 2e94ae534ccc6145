/*
 * core/prison_doc.c — names of the exchanges with prisons and their printable text
 * (core/prison_doc.h).
 */
#include "core/prison_doc.h"

#include "core/money.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *code, *vi, *en, *rule;
    int from_agency;
} kinds[PRISON_X_KIND_COUNT] = {
    [PRISON_X_NOTIFY_OBLIGATION] = {"notify_obligation",
                                    "Thông báo nghĩa vụ thi hành án của phạm nhân",
                                    "Notice of the prisoner's obligations", "PRISON_ACK", 1},
    [PRISON_X_CAMP_COLLECTION] = {"camp_collection", "Chuyển tiền thu tại trại giam",
                                  "Money collected at the camp", "PRISON_TRANSFER", 0},
    [PRISON_X_HANDOVER] = {"handover", "Chuyển giao tiền, giấy tờ, tài sản cho phạm nhân",
                           "Hand-over to the prisoner", "PRISON_HANDOVER", 1},
    [PRISON_X_CONFIRMATION_REQUEST] = {"confirmation_request",
                                       "Đề nghị xác nhận kết quả thi hành án",
                                       "Request for a confirmation of fulfilment", "D32", 0},
    [PRISON_X_CONFIRMATION] = {"confirmation", "Giấy xác nhận kết quả thi hành án",
                               "Confirmation of enforcement results", NULL, 1},
    [PRISON_X_VERIFICATION_REQUEST] = {"verification_request",
                                       "Đề nghị xác minh điều kiện thi hành án của phạm nhân",
                                       "Request to verify the prisoner's conditions",
                                       "PRISON_VERIFY", 1},
    [PRISON_X_ANSWER] = {"answer", "Trả lời xác minh", "Answer to a verification", NULL, 0},
};

const char *prison_x_kind_code(prison_x_kind_t k)
{
    return (unsigned)k < PRISON_X_KIND_COUNT ? kinds[k].code : "?";
}
const char *prison_x_kind_name_vi(prison_x_kind_t k)
{
    return (unsigned)k < PRISON_X_KIND_COUNT ? kinds[k].vi : "?";
}
const char *prison_x_kind_name_en(prison_x_kind_t k)
{
    return (unsigned)k < PRISON_X_KIND_COUNT ? kinds[k].en : "?";
}
int prison_x_kind_parse(const char *code)
{
    for (int i = 0; code != NULL && i < PRISON_X_KIND_COUNT; i++)
        if (strcmp(code, kinds[i].code) == 0)
            return i;
    return -1;
}
int prison_x_kind_from_agency(prison_x_kind_t k)
{
    return (unsigned)k < PRISON_X_KIND_COUNT && kinds[k].from_agency;
}
const char *prison_x_rule(prison_x_kind_t k)
{
    return (unsigned)k < PRISON_X_KIND_COUNT ? kinds[k].rule : NULL;
}

static const struct {
    const char *code, *vi, *en;
} states[PRISON_X_STATE_COUNT] = {
    [PRISON_X_DRAFTED] = {"drafted", "Dự thảo", "Drafted"},
    [PRISON_X_SENT] = {"sent", "Đã gửi", "Sent"},
    [PRISON_X_RECEIVED] = {"received", "Đã nhận", "Received"},
    [PRISON_X_ANSWERED] = {"answered", "Đã trả lời", "Answered"},
    [PRISON_X_OVERDUE] = {"overdue", "Quá hạn", "Overdue"},
};

const char *prison_x_state_code(prison_x_state_t s)
{
    return (unsigned)s < PRISON_X_STATE_COUNT ? states[s].code : "?";
}
const char *prison_x_state_name_vi(prison_x_state_t s)
{
    return (unsigned)s < PRISON_X_STATE_COUNT ? states[s].vi : "?";
}
const char *prison_x_state_name_en(prison_x_state_t s)
{
    return (unsigned)s < PRISON_X_STATE_COUNT ? states[s].en : "?";
}
int prison_x_state_parse(const char *code)
{
    for (int i = 0; code != NULL && i < PRISON_X_STATE_COUNT; i++)
        if (strcmp(code, states[i].code) == 0)
            return i;
    return -1;
}

int prison_x_kind_answered(prison_x_kind_t k)
{
    return k == PRISON_X_NOTIFY_OBLIGATION || k == PRISON_X_HANDOVER ||
           k == PRISON_X_CONFIRMATION_REQUEST || k == PRISON_X_VERIFICATION_REQUEST;
}

prison_x_state_t prison_x_state_as_of(prison_x_kind_t kind, prison_x_state_t stored,
                                      civil_date_t due_on, civil_date_t today)
{
    int waiting =
        stored == PRISON_X_SENT || (stored == PRISON_X_RECEIVED && prison_x_kind_answered(kind));

    if (waiting && due_on != CIVIL_DATE_INVALID && today != CIVIL_DATE_INVALID && today > due_on)
        return PRISON_X_OVERDUE;
    return stored;
}

const char *prison_purpose_name_vi(const char *code)
{
    if (code == NULL)
        return NULL;
    if (strcmp(code, "sentence_reduction") == 0)
        return "xét giảm thời hạn chấp hành án phạt tù";
    if (strcmp(code, "early_release") == 0)
        return "xét tha tù trước thời hạn có điều kiện";
    if (strcmp(code, "amnesty") == 0)
        return "xét đặc xá";
    return NULL;
}

/* ---- the text ---- */

typedef struct {
    char *s;
    size_t n, cap;
    int failed;
} buf_t;

static void put(buf_t *b, const char *fmt, ...) __attribute__((format(__printf__, 2, 3)));
static void put(buf_t *b, const char *fmt, ...)
{
    va_list ap;
    int need;

    if (b->failed)
        return;
    va_start(ap, fmt);
    need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0) {
        b->failed = 1;
        return;
    }
    if (b->n + (size_t)need + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 2048) + (size_t)need;
        char *s = realloc(b->s, cap);
        if (s == NULL) {
            b->failed = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    b->n += (size_t)need;
}

static const char *date_vi(civil_date_t d, char out[16])
{
    int y, m, day;

    if (d == CIVIL_DATE_INVALID)
        return "…";
    civil_date_to_ymd(d, &y, &m, &day);
    snprintf(out, 16, "%02u/%02u/%04u", (unsigned)day % 100u, (unsigned)m % 100u,
             (unsigned)y % 10000u);
    return out;
}

static const char *vnd(int64_t v, char out[40])
{
    money_format(v, out, 40);
    return out;
}

static const char *or_dots(const char *s)
{
    return s != NULL && s[0] != '\0' ? s : "…";
}

static void heading(buf_t *b, const prison_doc_t *d, const char *title)
{
    int y, m, day;

    put(b, "%s\n", or_dots(d->sender_name));
    put(b, "Số: %lld/TB-THA-TG\n\n", (long long)d->number);
    put(b, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n");
    if (d->on != CIVIL_DATE_INVALID) {
        civil_date_to_ymd(d->on, &y, &m, &day);
        put(b, "%s, ngày %02d tháng %02d năm %04d\n\n", d->place ? d->place : "…", day % 100,
            m % 100, y % 10000);
    }
    put(b, "%s\n\n", title);
    put(b, "Kính gửi: %s\n\n", or_dots(d->receiver_name));
    if (d->legal_ref_vi != NULL)
        put(b,
            "Căn cứ Thông tư liên tịch số 07/2013/TTLT-BTP-BCA-BTC ngày 06/02/2013 của Bộ Tư "
            "pháp, Bộ Công an, Bộ Tài chính; %s;\n\n",
            d->legal_ref_vi);
    else
        put(b, "Căn cứ Thông tư liên tịch số 07/2013/TTLT-BTP-BCA-BTC ngày 06/02/2013 của Bộ Tư "
               "pháp, Bộ Công an, Bộ Tài chính;\n\n");
}

static void prisoner(buf_t *b, const prison_doc_t *d)
{
    char t[16];

    put(b, "Phạm nhân: %s", or_dots(d->full_name));
    put(b, ", sinh ngày %s", date_vi(d->birth_date, t));
    if (d->id_number != NULL && d->id_number[0] != '\0')
        put(b, ", số định danh cá nhân %s", d->id_number);
    put(b, ";\nSố phạm nhân: %s; đang chấp hành án tại %s", or_dots(d->prisoner_no),
        or_dots(d->camp_name));
    if (d->sentence != NULL && d->sentence[0] != '\0')
        put(b, "; mức án: %s", d->sentence);
    if (d->expected_release_on != CIVIL_DATE_INVALID)
        put(b, "; dự kiến chấp hành xong án phạt tù ngày %s", date_vi(d->expected_release_on, t));
    put(b, ".\n\n");
}

static void obligations(buf_t *b, const prison_doc_t *d, int with_paid)
{
    char t[16], a[40], p[40], r[40];

    for (size_t i = 0; i < d->n_cases; i++) {
        const prison_doc_case_t *c = &d->cases[i];
        int64_t rest = c->amount_vnd > c->paid_vnd ? c->amount_vnd - c->paid_vnd : 0;

        put(b, "%zu. Theo Bản án/Quyết định số %s ngày %s của %s", i + 1, or_dots(c->judgment_no),
            date_vi(c->judgment_date, t), or_dots(c->court_name));
        put(b, " và Quyết định thi hành án số %s", or_dots(c->case_no));
        if (c->decided_on != CIVIL_DATE_INVALID)
            put(b, " ngày %s", date_vi(c->decided_on, t));
        put(b, ", phạm nhân phải thi hành:\n");
        for (size_t k = 0; k < c->n_items; k++)
            put(b, "   - %s: %s\n", or_dots(c->item[k].description), vnd(c->item[k].amount_vnd, a));
        put(b, "   Tổng số phải thi hành: %s.\n", vnd(c->amount_vnd, a));
        if (with_paid)
            put(b, "   Đã thi hành được đến ngày %s: %s; còn phải thi hành: %s.\n",
                date_vi(d->on, t), vnd(c->paid_vnd, p), vnd(rest, r));
    }
    put(b, "\n");
}

static void deadline(buf_t *b, const prison_doc_t *d, const char *what)
{
    char t[16];

    if (d->due_on == CIVIL_DATE_INVALID)
        return;
    put(b, "Đề nghị %s trước ngày %s", what, date_vi(d->due_on, t));
    if (d->deadline_text != NULL)
        put(b, " (%s)", d->deadline_text);
    put(b, ".\n\n");
}

static void signature(buf_t *b, const prison_doc_t *d, int from_agency)
{
    put(b, "Nơi nhận:\n- %s;\n- Lưu: VT, hồ sơ.\n\n", or_dots(d->receiver_name));
    put(b, "%s\n(Ký, ghi rõ họ tên, đóng dấu)\n",
        from_agency ? "THỦ TRƯỞNG CƠ QUAN THI HÀNH ÁN" : "GIÁM THỊ TRẠI GIAM");
}

char *prison_doc_render(const prison_doc_t *d)
{
    buf_t b = {0};
    char t[16], a[40], w[400];
    int from_agency = prison_x_kind_from_agency(d->kind);

    switch (d->kind) {
    case PRISON_X_NOTIFY_OBLIGATION:
        heading(&b, d, "THÔNG BÁO\nVề nghĩa vụ thi hành án dân sự của phạm nhân");
        put(&b, "%s thông báo để %s biết và thông báo cho phạm nhân:\n\n", or_dots(d->sender_name),
            or_dots(d->receiver_name));
        prisoner(&b, d);
        obligations(&b, d, 1);
        if (d->body != NULL && d->body[0] != '\0')
            put(&b, "%s\n\n", d->body);
        put(&b, "Phạm nhân hoặc thân nhân có thể nộp tiền thi hành án tại trại giam; trại giam "
                "lập biên lai thu tiền và chuyển tiền cho cơ quan thi hành án dân sự.\n\n");
        deadline(&b, d, "Quý Trại thông báo cho phạm nhân và xác nhận đã nhận thông báo này");
        break;
    case PRISON_X_CAMP_COLLECTION:
        heading(&b, d, "THÔNG BÁO\nVề việc chuyển tiền thi hành án thu tại trại giam");
        prisoner(&b, d);
        money_to_words_vi(d->amount_vnd, w, sizeof w);
        put(&b,
            "Ngày %s, trại giam đã thu của %s số tiền %s (%s) để thi hành Quyết định thi hành "
            "án số %s",
            date_vi(d->on, t), or_dots(d->payer_name), vnd(d->amount_vnd, a), w,
            d->n_cases > 0 ? or_dots(d->cases[0].case_no) : "…");
        put(&b, ", theo biên lai thu tiền số %s.\n\n", or_dots(d->camp_receipt_no));
        put(&b,
            "Trại giam chuyển số tiền trên cùng bản sao biên lai cho %s để quản lý và chi trả "
            "theo quy định.\n\n",
            or_dots(d->receiver_name));
        deadline(&b, d, "Quý Cơ quan tiếp nhận và đối chiếu số tiền trên");
        break;
    case PRISON_X_HANDOVER:
        heading(&b, d, "THÔNG BÁO\nVề việc chuyển giao tiền, giấy tờ, tài sản cho phạm nhân");
        prisoner(&b, d);
        put(&b, "%s chuyển giao qua Quý Trại để giao cho phạm nhân:\n%s\n", or_dots(d->sender_name),
            or_dots(d->body));
        if (d->amount_vnd > 0) {
            money_to_words_vi(d->amount_vnd, w, sizeof w);
            put(&b, "Số tiền: %s (%s).\n", vnd(d->amount_vnd, a), w);
        }
        put(&b, "\nKhi giao, Quý Trại lập biên bản có chữ ký của phạm nhân và gửi lại cho cơ quan "
                "thi hành án dân sự.\n\n");
        deadline(&b, d, "Quý Trại gửi biên bản giao nhận");
        break;
    case PRISON_X_CONFIRMATION_REQUEST:
        heading(&b, d, "ĐỀ NGHỊ\nXác nhận kết quả thi hành án dân sự của phạm nhân");
        prisoner(&b, d);
        put(&b,
            "Để làm hồ sơ %s, %s đề nghị Quý Cơ quan xác nhận kết quả thi hành nghĩa vụ dân "
            "sự của phạm nhân nêu trên: nghĩa vụ theo bản án, số tiền theo quyết định thi hành "
            "án và số tiền đã thi hành đến ngày xác nhận.\n\n",
            prison_purpose_name_vi(d->purpose) ? prison_purpose_name_vi(d->purpose) : "…",
            or_dots(d->sender_name));
        if (d->body != NULL && d->body[0] != '\0')
            put(&b, "%s\n\n", d->body);
        deadline(&b, d, "Quý Cơ quan trả lời");
        break;
    case PRISON_X_CONFIRMATION:
        heading(&b, d, "GIẤY XÁC NHẬN\nKết quả thi hành án dân sự");
        if (d->reply_to != 0)
            put(&b, "Xét đề nghị số %lld ngày %s của %s,\n\n", (long long)d->reply_to,
                date_vi(d->reply_to_on, t), or_dots(d->receiver_name));
        put(&b, "%s xác nhận:\n\n", or_dots(d->sender_name));
        prisoner(&b, d);
        obligations(&b, d, 1);
        if (d->purpose != NULL && prison_purpose_name_vi(d->purpose) != NULL)
            put(&b, "Giấy xác nhận này cấp để làm hồ sơ %s.\n\n",
                prison_purpose_name_vi(d->purpose));
        break;
    case PRISON_X_VERIFICATION_REQUEST:
        heading(&b, d, "ĐỀ NGHỊ\nXác minh điều kiện thi hành án của phạm nhân");
        prisoner(&b, d);
        put(&b,
            "%s đề nghị Quý Trại cung cấp thông tin về tài sản, thu nhập, tiền lưu ký và "
            "thời hạn chấp hành án của phạm nhân nêu trên",
            or_dots(d->sender_name));
        if (d->n_cases > 0)
            put(&b, " để thi hành Quyết định thi hành án số %s", or_dots(d->cases[0].case_no));
        put(&b, ".\n\n");
        if (d->body != NULL && d->body[0] != '\0')
            put(&b, "Nội dung cần xác minh: %s\n\n", d->body);
        deadline(&b, d, "Quý Trại trả lời");
        break;
    case PRISON_X_ANSWER:
        heading(&b, d, "VĂN BẢN TRẢ LỜI\nKết quả xác minh điều kiện thi hành án của phạm nhân");
        if (d->reply_to != 0)
            put(&b, "Trả lời đề nghị xác minh số %lld ngày %s,\n\n", (long long)d->reply_to,
                date_vi(d->reply_to_on, t));
        prisoner(&b, d);
        put(&b, "Kết quả xác minh: %s\n\n", or_dots(d->body));
        break;
    default:
        free(b.s);
        return NULL;
    }
    signature(&b, d, from_agency);
    if (b.failed) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

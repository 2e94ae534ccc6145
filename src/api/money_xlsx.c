/*
 * api/money_xlsx.c — the cashier's daily book (sổ quỹ) as a spreadsheet: GET
 * /api/money/daybook.xlsx, the same query and the same rows as /api/money/daybook
 * (api/money.c), with Vietnamese headers and amounts as numbers formatted "#,##0" so that
 * the accountant can add them up in Excel or LibreOffice.
 *
 * libxlsxwriter 1.1.4 (Debian 12) writes a workbook only to a file, so the book goes to
 * a temporary file that is read back and removed at once. A day's book of a province is
 * a few hundred rows: tens of kilobytes, read whole.
 */
#include "api/context.h"
#include "api/handlers.h"
#include "core/civil_date.h"
#include "core/ledger.h"
#include "core/receipt.h"
#include "store/ledger.h"
#include "store/units.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* The columns of the book, left to right. */
enum {
    COL_KIND,
    COL_NO,
    COL_UNIT,
    COL_CASE,
    COL_WHO,
    COL_METHOD,
    COL_IN,
    COL_OUT,
    COL_FEE,
    COL_NOTE
};
#define BOOK_MAX_BYTES (64u << 20) /* far above any day's book; refuse rather than swap */

typedef struct {
    lxw_worksheet *ws;
    lxw_format *money, *text;
    lxw_row_t row;
    int64_t in_total, out_total, fee_total; /* a day's sums: far below int64 */
} sheet_t;

static const char *method_vi(const char *code)
{
    int m = ledger_method_parse(code);
    return m >= 0 ? ledger_method_name_vi((ledger_method_t)m) : code;
}

static int sheet_receipt(const receipt_row_t *r, void *arg)
{
    sheet_t *s = arg;
    char no[RECEIPT_NO_MAX], note[4200];

    receipt_no_text(r->unit_code, r->year, r->number, no, sizeof no);
    worksheet_write_string(s->ws, s->row, COL_KIND, "Thu", s->text);
    worksheet_write_string(s->ws, s->row, COL_NO, no, s->text);
    worksheet_write_string(s->ws, s->row, COL_UNIT, r->unit_code, s->text);
    worksheet_write_string(s->ws, s->row, COL_CASE, r->case_no, s->text);
    worksheet_write_string(s->ws, s->row, COL_WHO, r->payer_name, s->text);
    worksheet_write_string(s->ws, s->row, COL_METHOD, method_vi(r->method), s->text);
    if (r->voided) {
        /* A void receipt keeps its line (its number is used) but not its sum. */
        snprintf(note, sizeof note, "ĐÃ HỦY: %s", r->void_reason);
        worksheet_write_string(s->ws, s->row, COL_NOTE, note, s->text);
    } else {
        worksheet_write_number(s->ws, s->row, COL_IN, (double)r->amount_vnd, s->money);
        s->in_total += r->amount_vnd;
        if (r->on_behalf_of[0]) {
            snprintf(note, sizeof note, "Nộp thay cho %s", r->on_behalf_of);
            worksheet_write_string(s->ws, s->row, COL_NOTE, note, s->text);
        }
    }
    s->row++;
    return 0;
}

static int sheet_payout(const payout_row_t *p, void *arg)
{
    sheet_t *s = arg;
    char no[RECEIPT_NO_MAX];

    receipt_no_text(p->unit_code, p->year, p->number, no, sizeof no);
    worksheet_write_string(s->ws, s->row, COL_KIND, "Chi", s->text);
    worksheet_write_string(s->ws, s->row, COL_NO, no, s->text);
    worksheet_write_string(s->ws, s->row, COL_UNIT, p->unit_code, s->text);
    worksheet_write_string(s->ws, s->row, COL_CASE, p->case_no, s->text);
    worksheet_write_string(s->ws, s->row, COL_WHO, p->payee_name, s->text);
    worksheet_write_string(s->ws, s->row, COL_METHOD,
                           strcmp(p->method, "cash") == 0 ? "Tiền mặt" : "Chuyển khoản", s->text);
    worksheet_write_number(s->ws, s->row, COL_OUT, (double)p->gross_vnd, s->money);
    worksheet_write_number(s->ws, s->row, COL_FEE, (double)p->fee_vnd, s->money);
    s->out_total += p->gross_vnd;
    s->fee_total += p->fee_vnd;
    s->row++;
    return 0;
}

/* Read the whole file at path into the request's arena: its bytes, or NULL. */
static char *slurp(http_request_t *req, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && (size_t)n <= BOOK_MAX_BYTES &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = arena_alloc(http_arena(req), (size_t)n)) != NULL &&
        fread(buf, 1, (size_t)n, f) == (size_t)n)
        *len = (size_t)n;
    else
        buf = NULL;
    fclose(f);
    return buf;
}

int api_money_daybook_xlsx(http_request_t *req)
{
    civil_date_t day = http_query_date(req, "day");
    int64_t unit = http_query_int(req, "unit_id", 0);
    const principal_t *who = api_who(req);
    const char *dir = getenv("TMPDIR");
    unit_row_t u;
    char path[4096], title[sizeof u.name_vi + 128], when[16], disposition[128];
    sheet_t s = {0};
    lxw_workbook *wb;
    lxw_format *bold, *head, *total;
    lxw_error werr;
    ledger_till_t till;
    int rc, fd, db_rc;
    char *bytes;
    size_t len = 0;

    if (day == CIVIL_DATE_INVALID)
        day = api_today(req);
    if (unit == 0)
        unit = who->user.unit_id;
    else if ((rc = api_scope_unit_now(req, unit)) != 0)
        return rc;
    if ((rc = units_get(http_db(req), unit, day, &u)) != DB_ROW)
        rc = units_get(http_db(req), unit, api_today(req), &u);
    if (rc != DB_ROW)
        return rc == DB_DONE ? http_reply_not_found(req) : http_reply_db_error(req, http_db(req));

    snprintf(path, sizeof path, "%s/thads-daybook-XXXXXX", dir && dir[0] ? dir : "/tmp");
    if ((fd = mkstemp(path)) < 0)
        return http_reply_internal(req, "daybook.xlsx: no temporary file");
    close(fd);
    if ((wb = workbook_new(path)) == NULL) {
        unlink(path);
        return http_reply_internal(req, "daybook.xlsx: workbook");
    }
    s.ws = workbook_add_worksheet(wb, "Sổ quỹ");
    s.money = workbook_add_format(wb);
    format_set_num_format(s.money, "#,##0");
    s.text = workbook_add_format(wb);
    format_set_text_wrap(s.text);
    format_set_align(s.text, LXW_ALIGN_VERTICAL_TOP);
    bold = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_font_size(bold, 14);
    head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_bottom(head, LXW_BORDER_THIN);
    format_set_text_wrap(head);
    total = workbook_add_format(wb);
    format_set_bold(total);
    format_set_num_format(total, "#,##0");
    format_set_top(total, LXW_BORDER_THIN);

    civil_date_format(day, when);
    /* dd/mm/yyyy, as the reader writes it */
    snprintf(title, sizeof title, "Đơn vị: %s — %s. Ngày: %.2s/%.2s/%.4s", u.code, u.name_vi,
             when + 8, when + 5, when);
    worksheet_write_string(s.ws, 0, 0, "SỔ QUỸ TIỀN THI HÀNH ÁN", bold);
    worksheet_write_string(s.ws, 1, 0, title, NULL);
    static const char *const heads[] = {
        "Thu/Chi",   "Số chứng từ", "Đơn vị",     "Số hồ sơ",       "Người nộp / người nhận",
        "Hình thức", "Thu (đồng)",  "Chi (đồng)", "Phí THA (đồng)", "Ghi chú",
    };
    static const double widths[] = {8, 14, 12, 18, 34, 22, 16, 16, 14, 40};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        lxw_col_t c = (lxw_col_t)i;
        worksheet_write_string(s.ws, 3, c, heads[i], head);
        worksheet_set_column(s.ws, c, c, widths[i], NULL);
    }
    worksheet_freeze_panes(s.ws, 4, 0);
    s.row = 4;
    db_rc = receipts_of_day(http_db(req), unit, day, sheet_receipt, &s);
    if (db_rc == DB_OK)
        db_rc = payouts_of_day(http_db(req), unit, day, sheet_payout, &s);
    if (db_rc == DB_OK) {
        char f[64];
        worksheet_write_string(s.ws, s.row, COL_WHO, "Cộng", total);
        snprintf(f, sizeof f, "=SUM(G5:G%u)", (unsigned)s.row);
        worksheet_write_formula_num(s.ws, s.row, COL_IN, f, total, (double)s.in_total);
        snprintf(f, sizeof f, "=SUM(H5:H%u)", (unsigned)s.row);
        worksheet_write_formula_num(s.ws, s.row, COL_OUT, f, total, (double)s.out_total);
        snprintf(f, sizeof f, "=SUM(I5:I%u)", (unsigned)s.row);
        worksheet_write_formula_num(s.ws, s.row, COL_FEE, f, total, (double)s.fee_total);
        db_rc = ledger_till_on(http_db(req), unit, day, &till);
    }
    if (db_rc == DB_OK) {
        /* the tills when the day began and ended (tồn quỹ), by the ledger */
        const struct {
            const char *label;
            int64_t vnd;
        } tills[] = {
            {"Tồn đầu ngày — tiền mặt", till.open_cash},
            {"Tồn đầu ngày — tài khoản tạm giữ", till.open_bank},
            {"Tồn cuối ngày — tiền mặt", till.close_cash},
            {"Tồn cuối ngày — tài khoản tạm giữ", till.close_bank},
        };
        for (size_t i = 0; i < sizeof tills / sizeof tills[0]; i++) {
            lxw_row_t r = (lxw_row_t)(s.row + 2 + i);
            worksheet_write_string(s.ws, r, COL_WHO, tills[i].label, head);
            worksheet_write_number(s.ws, r, COL_IN, (double)tills[i].vnd, s.money);
        }
    }
    werr = workbook_close(wb); /* frees wb whatever it answers */
    if (db_rc != DB_OK) {
        unlink(path);
        return http_reply_db_error(req, http_db(req));
    }
    bytes = werr == LXW_NO_ERROR ? slurp(req, path, &len) : NULL;
    unlink(path);
    if (bytes == NULL)
        return http_reply_internal(req, "daybook.xlsx: writing the workbook");
    snprintf(disposition, sizeof disposition, "attachment; filename=\"so-quy-%s-%s.xlsx\"", u.code,
             when);
    http_add_header(req, "Content-Disposition", disposition);
    return http_reply_bytes(
        req, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes, len);
}

/*
 * ops/report_xlsx.c — the official forms of the summary report (ops/report_xlsx.h).
 *
 * Layout of each sheet (Circular 06/2019 forms 07 and 08: results in cases, in money):
 *   row 0      the form's title, merged across the table
 *   row 1      the unit and the period (and the category asked for)
 *   rows 3-5   the headers: groups merged across their columns ("Tổng số thụ lý",
 *              "Có điều kiện thi hành"), their "Trong đó" over the parts, single columns
 *              merged down the three rows
 *   row 6      the columns' numbers: A, B, (1), (2), ...
 *   row 7      the unit's total, row 8 its on-application part, then one row per child
 * Figures are numbers formatted "#,##0" (đồng and cases, thousands separators); the rate
 * is the report's exact two-place decimal written as a number formatted "0.00" (a double
 * holds every such value closely enough to show and read back the same two places).
 */
#include "ops/report_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* The figure columns, left to right after STT and the unit's name. */
typedef enum {
    X_TOTAL, /* A */
    X_CARRIED,
    X_NEW,
    X_ENTRUSTED, /* B */
    X_TO_ENFORCE,
    X_ELIGIBLE, /* D */
    X_D1,
    X_D2,
    X_D3,
    X_D4,
    X_D5,
    X_D6,
    X_NOT_ELIGIBLE,
    X_RATE,
    X_REMAINING,
    X_COUNT
} xcol_t;

#define COL0      2 /* first figure column */
#define HEAD_ROW  3
#define NUM_ROW   6
#define FIRST_ROW 7

typedef struct {
    lxw_workbook *wb;
    lxw_format *title, *head, *num_head, *text, *bold_text, *figure, *bold_figure, *rate,
        *bold_rate;
} formats_t;

/* A line's figure in cases or money. */
static int64_t fig(const report_t *r, report_line_t l, int money)
{
    return money ? r->line[l].money : r->line[l].cases;
}

static void write_row(lxw_worksheet *ws, const formats_t *f, lxw_row_t row, const char *no,
                      const char *name, const report_t *r, int money, int bold)
{
    int64_t v[X_COUNT];
    char rate[REPORT_RATE_MAX];

    v[X_TOTAL] = fig(r, REPORT_TOTAL, money);
    v[X_CARRIED] = fig(r, REPORT_CARRIED_OVER, money);
    v[X_NEW] = fig(r, REPORT_NEW, money);
    v[X_ENTRUSTED] = fig(r, REPORT_ENTRUSTED_AWAY, money);
    v[X_TO_ENFORCE] = fig(r, REPORT_TO_ENFORCE, money);
    v[X_ELIGIBLE] = fig(r, REPORT_ELIGIBLE, money);
    /* completed is D1 + D2: D1 alone is the difference (both exact, from the same sums) */
    v[X_D1] = fig(r, REPORT_COMPLETED, money) - fig(r, REPORT_TERMINATED, money);
    v[X_D2] = fig(r, REPORT_TERMINATED, money);
    v[X_D3] = fig(r, REPORT_IN_PROGRESS, money);
    v[X_D4] = fig(r, REPORT_POSTPONED, money);
    v[X_D5] = fig(r, REPORT_SUSPENDED, money);
    v[X_D6] = fig(r, REPORT_OTHER, money);
    v[X_NOT_ELIGIBLE] = fig(r, REPORT_NOT_ELIGIBLE, money);
    v[X_REMAINING] = fig(r, REPORT_REMAINING, money);
    worksheet_write_string(ws, row, 0, no, bold ? f->bold_text : f->text);
    worksheet_write_string(ws, row, 1, name, bold ? f->bold_text : f->text);
    for (int c = 0; c < X_COUNT; c++) {
        lxw_col_t col = (lxw_col_t)(COL0 + c);
        if (c != X_RATE) {
            worksheet_write_number(ws, row, col, (double)v[c], bold ? f->bold_figure : f->figure);
            continue;
        }
        report_rate(fig(r, REPORT_COMPLETED, money), fig(r, REPORT_ELIGIBLE, money), rate);
        if (rate[0])
            worksheet_write_number(ws, row, col, strtod(rate, NULL), bold ? f->bold_rate : f->rate);
        else
            worksheet_write_blank(ws, row, col, bold ? f->bold_rate : f->rate);
    }
}

/* dd/mm/yyyy, as the forms write dates. */
static void vn_date(civil_date_t d, char out[16])
{
    char iso[16];

    civil_date_format(d, iso);
    snprintf(out, 16, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

/* money: 0 the form in cases, 1 in money, 2 the special categories (THADS.md 5.4): each
 * flag's table in cases, then in money, on one sheet with the same columns */
static void write_sheet(const formats_t *f, const report_summary_t *s, civil_date_t from,
                        civil_date_t to, const char *category, int money)
{
    /* single columns: merged down the three header rows */
    static const struct {
        int col;
        const char *text;
    } single[] = {
        {X_ENTRUSTED, "Ủy thác thi hành án"},
        {X_TO_ENFORCE, "Tổng số phải thi hành"},
        {X_NOT_ELIGIBLE, "Chưa có điều kiện thi hành"},
        {X_RATE, "Tỷ lệ thi hành xong (%)"},
        {X_REMAINING, "Chuyển kỳ sau"},
    };
    static const char *const d_parts[] = {"Thi hành xong", "Đình chỉ",     "Đang thi hành",
                                          "Hoãn",          "Tạm đình chỉ", "Trường hợp khác"};
    lxw_worksheet *ws = workbook_add_worksheet(f->wb, money == 2   ? REPORT_XLSX_SHEET_SPECIAL
                                                      : money == 1 ? REPORT_XLSX_SHEET_MONEY
                                                                   : REPORT_XLSX_SHEET_CASES);
    lxw_col_t last = (lxw_col_t)(COL0 + X_COUNT - 1);
    char line[1200], a[16], b[16], num[24];
    lxw_row_t row;

    worksheet_set_landscape(ws);
    worksheet_set_column(ws, 0, 0, 5, NULL);
    worksheet_set_column(ws, 1, 1, money == 2 ? 60 : 36, NULL);
    worksheet_set_column(ws, COL0, last, money ? 17 : 10, NULL);
    worksheet_merge_range(ws, 0, 0, 0, last,
                          money == 2 ? "KẾT QUẢ THI HÀNH ÁN CÁC LOẠI VIỆC ĐẶC THÙ"
                          : money == 1 ? "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG TIỀN (đồng)"
                                       : "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC",
                          f->title);
    vn_date(from, a);
    vn_date(to, b);
    snprintf(line, sizeof line, "Đơn vị: %s — %s. Kỳ báo cáo: từ %s đến %s%s%s", s->top.code,
             s->top.name_vi, a, b, category ? ". Loại việc: " : "", category ? category : "");
    worksheet_merge_range(ws, 1, 0, 1, last, line, NULL);

    /* headers */
    worksheet_merge_range(ws, HEAD_ROW, 0, HEAD_ROW + 2, 0, "STT", f->head);
    worksheet_merge_range(ws, HEAD_ROW, 1, HEAD_ROW + 2, 1, "Tên đơn vị", f->head);
    worksheet_merge_range(ws, HEAD_ROW, COL0 + X_TOTAL, HEAD_ROW, COL0 + X_NEW, "Tổng số thụ lý",
                          f->head);
    worksheet_merge_range(ws, HEAD_ROW + 1, COL0 + X_TOTAL, HEAD_ROW + 2, COL0 + X_TOTAL, "Tổng số",
                          f->head);
    worksheet_merge_range(ws, HEAD_ROW + 1, COL0 + X_CARRIED, HEAD_ROW + 1, COL0 + X_NEW,
                          "Trong đó", f->head);
    worksheet_write_string(ws, HEAD_ROW + 2, COL0 + X_CARRIED, "Năm trước chuyển sang", f->head);
    worksheet_write_string(ws, HEAD_ROW + 2, COL0 + X_NEW, "Thụ lý mới", f->head);
    for (size_t i = 0; i < sizeof single / sizeof single[0]; i++)
        worksheet_merge_range(ws, HEAD_ROW, (lxw_col_t)(COL0 + single[i].col), HEAD_ROW + 2,
                              (lxw_col_t)(COL0 + single[i].col), single[i].text, f->head);
    worksheet_merge_range(ws, HEAD_ROW, COL0 + X_ELIGIBLE, HEAD_ROW, COL0 + X_D6,
                          "Có điều kiện thi hành", f->head);
    worksheet_merge_range(ws, HEAD_ROW + 1, COL0 + X_ELIGIBLE, HEAD_ROW + 2, COL0 + X_ELIGIBLE,
                          "Tổng số", f->head);
    worksheet_merge_range(ws, HEAD_ROW + 1, COL0 + X_D1, HEAD_ROW + 1, COL0 + X_D6, "Trong đó",
                          f->head);
    for (int i = 0; i < 6; i++)
        worksheet_write_string(ws, HEAD_ROW + 2, (lxw_col_t)(COL0 + X_D1 + i), d_parts[i], f->head);
    worksheet_set_row(ws, HEAD_ROW + 2, 45, NULL);
    /* the columns' numbers */
    worksheet_write_string(ws, NUM_ROW, 0, "A", f->num_head);
    worksheet_write_string(ws, NUM_ROW, 1, "B", f->num_head);
    for (int c = 0; c < X_COUNT; c++) {
        snprintf(num, sizeof num, "(%d)", c + 1);
        worksheet_write_string(ws, NUM_ROW, (lxw_col_t)(COL0 + c), num, f->num_head);
    }
    worksheet_freeze_panes(ws, FIRST_ROW, COL0);

    if (money == 2) { /* each flag in cases, then each in money (đồng) */
        row = FIRST_ROW;
        for (int m = 0; m < 2; m++)
            for (int i = 0; i < STAT_FLAG_COUNT; i++, row++) {
                snprintf(num, sizeof num, "%d", m * STAT_FLAG_COUNT + i + 1);
                snprintf(line, sizeof line, "%s (%s)", stat_flag_title_vi(i),
                         m ? "tính bằng tiền, đồng" : "tính bằng việc");
                write_row(ws, f, row, num, line, &s->special[i], m, 0);
            }
        return;
    }
    /* the total, its on-application part, the child units */
    snprintf(line, sizeof line, "Tổng cộng: %s", s->top.name_vi);
    write_row(ws, f, FIRST_ROW, "", line, &s->top.all, money, 1);
    write_row(ws, f, FIRST_ROW + 1, "", "Trong đó: theo đơn yêu cầu", &s->top.on_application, money,
              0);
    row = FIRST_ROW + 2;
    for (size_t i = 0; i < s->nunits; i++, row++) {
        snprintf(num, sizeof num, "%zu", i + 1);
        snprintf(line, sizeof line, "%s (%s)", s->units[i].name_vi, s->units[i].code);
        write_row(ws, f, row, num, line, &s->units[i].all, money, 0);
    }
}

/* The coercion and complaint counts (THADS.md 5.1, 5.3): one sheet, two blocks of lines in
 * decisions and complaints, each total followed by its parts. */
static void write_actions(const formats_t *f, const report_summary_t *s, civil_date_t from,
                          civil_date_t to)
{
    lxw_worksheet *ws = workbook_add_worksheet(f->wb, "Cưỡng chế, khiếu nại");
    const report_coercion_t *co = &s->coercion;
    const report_complaints_t *cp = &s->complaints;
    const struct {
        const char *no, *name;
        int64_t v;
        int bold;
    } rows[] = {
        {"I", "CƯỠNG CHẾ THI HÀNH ÁN (số quyết định cưỡng chế)", 0, 2},
        {"1", "Kỳ trước chuyển sang", co->carried_over, 0},
        {"2", "Quyết định cưỡng chế mới trong kỳ", co->new_, 0},
        {"3", "Tổng số quyết định cưỡng chế (3 = 1 + 2)", co->total, 1},
        {"3.1", "Tự nguyện thi hành sau khi có quyết định", co->paid_voluntarily, 0},
        {"3.2", "Phải tổ chức cưỡng chế (3.2 = 3 - 3.1)", co->needing, 0},
        {"3.2.1", "Đã tổ chức cưỡng chế", co->carried_out, 0},
        {"3.2.2", "Chưa tổ chức cưỡng chế (cuối kỳ)", co->pending, 0},
        {"II", "GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO VỀ THI HÀNH ÁN (số việc)", 0, 2},
        {"1", "Kỳ trước chuyển sang", cp->carried_over, 0},
        {"2", "Thụ lý mới trong kỳ", cp->new_, 0},
        {"3", "Tổng số phải giải quyết (3 = 1 + 2)", cp->total, 1},
        {"3.1", "Đã giải quyết", cp->resolved, 0},
        {"3.2", "Còn phải giải quyết (cuối kỳ)", cp->pending, 0},
    };
    char title[sizeof s->top.name_vi + 96], d1[16], d2[16];
    lxw_row_t row = 3;

    if (ws == NULL)
        return;
    vn_date(from, d1);
    vn_date(to, d2);
    worksheet_set_column(ws, 0, 0, 8, NULL);
    worksheet_set_column(ws, 1, 1, 56, NULL);
    worksheet_set_column(ws, 2, 2, 16, NULL);
    snprintf(title, sizeof title, "CƯỠNG CHẾ VÀ GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO — %s", s->top.name_vi);
    worksheet_merge_range(ws, 0, 0, 0, 2, title, f->title);
    snprintf(title, sizeof title, "Kỳ báo cáo: từ ngày %s đến ngày %s", d1, d2);
    worksheet_merge_range(ws, 1, 0, 1, 2, title, f->text);
    worksheet_write_string(ws, 2, 0, "STT", f->head);
    worksheet_write_string(ws, 2, 1, "Chỉ tiêu", f->head);
    worksheet_write_string(ws, 2, 2, "Số lượng", f->head);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++, row++) {
        int bold = rows[i].bold != 0;
        worksheet_write_string(ws, row, 0, rows[i].no, bold ? f->bold_text : f->text);
        worksheet_write_string(ws, row, 1, rows[i].name, bold ? f->bold_text : f->text);
        if (rows[i].bold == 2)
            worksheet_write_blank(ws, row, 2, f->bold_text);
        else
            worksheet_write_number(ws, row, 2, (double)rows[i].v,
                                   bold ? f->bold_figure : f->figure);
    }
}

int report_xlsx_write(const report_summary_t *s, civil_date_t from, civil_date_t to,
                      const char *category, const char *path)
{
    formats_t f = {.wb = workbook_new(path)};

    if (f.wb == NULL)
        return -1;
    f.title = workbook_add_format(f.wb);
    format_set_bold(f.title);
    format_set_font_size(f.title, 14);
    format_set_align(f.title, LXW_ALIGN_CENTER);
    f.head = workbook_add_format(f.wb);
    format_set_bold(f.head);
    format_set_text_wrap(f.head);
    format_set_align(f.head, LXW_ALIGN_CENTER);
    format_set_align(f.head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(f.head, LXW_BORDER_THIN);
    f.num_head = workbook_add_format(f.wb);
    format_set_italic(f.num_head);
    format_set_align(f.num_head, LXW_ALIGN_CENTER);
    format_set_border(f.num_head, LXW_BORDER_THIN);
    f.text = workbook_add_format(f.wb);
    format_set_border(f.text, LXW_BORDER_THIN);
    f.bold_text = workbook_add_format(f.wb);
    format_set_bold(f.bold_text);
    format_set_border(f.bold_text, LXW_BORDER_THIN);
    f.figure = workbook_add_format(f.wb);
    format_set_num_format(f.figure, "#,##0");
    format_set_border(f.figure, LXW_BORDER_THIN);
    f.bold_figure = workbook_add_format(f.wb);
    format_set_num_format(f.bold_figure, "#,##0");
    format_set_bold(f.bold_figure);
    format_set_border(f.bold_figure, LXW_BORDER_THIN);
    f.rate = workbook_add_format(f.wb);
    format_set_num_format(f.rate, "0.00");
    format_set_border(f.rate, LXW_BORDER_THIN);
    f.bold_rate = workbook_add_format(f.wb);
    format_set_num_format(f.bold_rate, "0.00");
    format_set_bold(f.bold_rate);
    format_set_border(f.bold_rate, LXW_BORDER_THIN);
    write_sheet(&f, s, from, to, category, 0);
    write_sheet(&f, s, from, to, category, 1);
    if (s->has_special)
        write_sheet(&f, s, from, to, category, 2);
    if (s->has_actions && s->actions_ok)
        write_actions(&f, s, from, to);
    return workbook_close(f.wb) == LXW_NO_ERROR ? 0 : -1; /* frees wb whatever it answers */
}

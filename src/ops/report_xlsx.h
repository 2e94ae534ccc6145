/*
 * ops/report_xlsx.h — the summary report as the official forms in an .xlsx workbook
 * (issue 15; Circular 06/2019 layout): a sheet in cases and a sheet in money, Vietnamese
 * headers in merged cells, numbered columns, figures with thousands separators, one row
 * for the unit's total, one for its on-application part and one per child unit. Shared by
 * GET /api/reports/summary.xlsx and `thads report --format xlsx`.
 */
#ifndef THADS_OPS_REPORT_XLSX_H
#define THADS_OPS_REPORT_XLSX_H

#include "core/civil_date.h"
#include "ops/report.h"

/* The sheets' names, for readers of the workbook. */
#define REPORT_XLSX_SHEET_CASES "Biểu 07 - Việc"
#define REPORT_XLSX_SHEET_MONEY "Biểu 08 - Tiền"
/* Without a category: the special categories' tables (THADS.md 5.4), in cases and money. */
#define REPORT_XLSX_SHEET_SPECIAL "Loại việc đặc thù"

/* Write the workbook of report s (for [from, to], category NULL: all) to path. 0, or -1
 * when the file could not be written. */
int report_xlsx_write(const report_summary_t *s, civil_date_t from, civil_date_t to,
                      const char *category, const char *path);

#endif

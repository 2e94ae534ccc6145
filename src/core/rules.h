/*
 * core/rules.h — the dated rule table: every deadline, rate and amount the law sets.
 *
 * THADS.md 0.2: keep every deadline, rate and fee band in a table keyed by
 * (rule_id, effective_from, effective_to) and evaluate a rule at the legal date of the
 * triggering event; never hard-code a number. The table is CSV text (data/rules.csv,
 * built into the binary); this module parses text and never opens files.
 *
 * A rules_t is immutable after rules_parse(), so one table can be shared by every
 * thread without locking. Every pointer it hands out lives until rules_free().
 */
#ifndef THADS_CORE_RULES_H
#define THADS_CORE_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/civil_date.h"

typedef enum {
    RULE_UNIT_CD,  /* calendar days ("ngày") */
    RULE_UNIT_WD,  /* working days ("ngày làm việc") */
    RULE_UNIT_H,   /* hours ("giờ"), counted from a timestamp, not a date */
    RULE_UNIT_M,   /* months ("tháng"; years are written as 12 M) */
    RULE_UNIT_PPM, /* a rate in parts per million (1% = 10000) */
    RULE_UNIT_VND, /* an amount of money in đồng */
    RULE_UNIT_COUNT
} rule_unit_t;

typedef struct rules rules_t;

typedef struct {
    const char *rule_id;         /* "D10", "BASE_SALARY": A-Z, 0-9, '_' */
    civil_date_t effective_from; /* first day in force */
    civil_date_t effective_to;   /* last day in force (inclusive), or CIVIL_DATE_INVALID */
    int64_t value;               /* >= 0, in `unit` */
    rule_unit_t unit;
    const char *legal_ref; /* the article, e.g. "Law 26/2008/QH12 (am. 2014) art. 45" */
    const char *tag;       /* confidence, THADS.md 0.1: "S", "W", "M" or "D" */
    const char *name_vi, *name_en;
    /* the legal basis as a Vietnamese reader cites it ("Điều 45 Luật Thi hành án dân sự
     * ..."); the same text as legal_ref when the file has no such column */
    const char *legal_ref_vi;
} rule_t;

/* Longest accepted line of the rules CSV, in bytes (without the line break). */
#define RULES_CSV_MAX_LINE 2048
/* Longest rule_id, in bytes; longest legal_ref and names, in characters. */
#define RULES_ID_MAX   32
#define RULES_TEXT_MAX 300

/*
 * Parse the rule table.
 *
 * Format: UTF-8 (a leading byte-order mark is skipped); LF or CRLF line ends; lines
 * starting with '#' are comments; blank lines are ignored; the first other line is the
 * header, exactly
 *     rule_id,effective_from,effective_to,value,unit,legal_ref,tag,name_vi,name_en,legal_ref_vi
 * or the same without its last column (a file written before legal_ref_vi existed:
 * legal_ref_vi is then legal_ref), then one row per version of a rule:
 *   rule_id         A-Z, 0-9 and '_', at most RULES_ID_MAX bytes
 *   effective_from  YYYY-MM-DD
 *   effective_to    YYYY-MM-DD or empty (still in force); not before effective_from
 *   value           a non-negative integer, digits only (no sign, no separators)
 *   unit            CD, WD, H, M, PPM or VND
 *   legal_ref       the legal basis, not empty
 *   tag             S, W, M or D
 *   name_vi,name_en not empty
 *   legal_ref_vi    the legal basis in Vietnamese, not empty
 * A field may be enclosed in double quotes, to hold commas; "" inside is one quote.
 * Text fields may not contain control characters. The versions of one rule_id may not
 * overlap (two in force on the same day) nor leave a gap: a version that ends is followed
 * by the next one on the very next day, or is the last (the rule no longer exists). Rows
 * may come in any order; an overlap is reported on the later line of the two, at its
 * effective_from, and a gap on the line of the version after it, at its effective_from,
 * naming the line of the version before it. A corrected table loaded by an administrator
 * (thads serve --rules FILE) passes through the same checks, so a bad file loads nothing.
 *
 * Returns 0 and sets *out, or -1 with *out NULL and a message in err (errlen bytes,
 * always NUL-terminated when errlen > 0; err may be NULL): "line L, column C: reason"
 * (lines and columns from 1, columns in bytes, pointing at the offending field), or
 * "out of memory".
 */
int rules_parse(const char *csv, rules_t **out, char *err, size_t errlen);

/* Free a rule table; NULL is a no-op. */
void rules_free(rules_t *r);

/* The version of rule_id in force on date `on`, or NULL (unknown rule, no version in
 * force that day, or on == CIVIL_DATE_INVALID). O(n) in the number of rows. */
const rule_t *rules_find(const rules_t *r, const char *rule_id, civil_date_t on);

/*
 * The due date of deadline rule_id triggered on `trigger`, by the version in force on
 * the trigger date (the legal date of the triggering event). The trigger day itself is
 * not counted.
 *   CD, WD  calendar_deadline(cal, trigger, value, DAYS_CALENDAR / DAYS_WORKING): a
 *           calendar-day period ending on a non-working day ends on the next working day.
 *   M       the same day `value` months later, or the last day of that month if it is
 *           shorter (31 Aug + 6 M = 28 or 29 Feb); then, if that is not a working day,
 *           the next working day.
 *           LAW: Civil Code 2015 (91/2015/QH13) art. 148.3 and 148.5.
 * Sets *used (used may be NULL) to the version applied, or NULL if none is in force.
 * Returns CIVIL_DATE_INVALID when no version is in force, for units that are not
 * periods of days (H — hours run from a timestamp, the caller's job — PPM, VND; *used
 * is set so the caller can see which), and when the result leaves the calendar's range.
 */
civil_date_t rules_due(const rules_t *r, const calendar_t *cal, const char *rule_id,
                       civil_date_t trigger, const rule_t **used);

/* Number of rows, and row i (0-based, in file order; NULL if i is out of range). */
size_t rules_count(const rules_t *r);
const rule_t *rules_at(const rules_t *r, size_t i);

/* "CD", "WD", "H", "M", "PPM", "VND"; "?" for any other value. */
const char *rules_unit_code(rule_unit_t u);

#endif /* THADS_CORE_RULES_H */

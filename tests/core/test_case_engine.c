/*
 * tests/core/test_case_engine.c — the case engine (core/case_engine.c) driven directly, no
 * database: one table row per rule, each a short history that must be allowed and one
 * event judged, with what the law says must follow — the refusal (kind, code, field) or
 * the state after, the deadlines closed and opened with their due dates, the statistics
 * deltas and the money moved. Due dates are worked out by hand from data/rules.csv and
 * the 2026 calendar (weekends; no holiday falls in March 2026).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/case_engine.h"
#include "core/money.h"
#include "faultalloc.h"
#include "ops/app.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define AMOUNT     157500000 /* what the test case has to enforce */

static civil_date_t d(const char *s)
{
    civil_date_t x;
    if (civil_date_parse(s, &x) != 0)
        fail_msg("bad date %s", s);
    return x;
}

typedef struct {
    case_event_t e;
    const char *on;
    verify_result_t v;
    int64_t amount;
    const char *doc; /* NULL: "1/QĐ" where the event needs a document */
    int64_t officer;
    int64_t corrects;
    const char *reason;
    const char *ground; /* ground_on */
    int yearly;         /* reverify_yearly */
    int posting;        /* service_by_posting */
    int real_estate;
    int64_t previous;     /* previous_price_vnd */
    int protest;          /* protest_request */
    const char *coercion; /* coercion_on */
    int forces;           /* mobilizing_forces */
    case_complaint_t complaint;
    int64_t complaint_seq;
} step_t;

typedef struct {
    const char *name;
    int on_application;
    int urgent;         /* received for a provisional urgent measure */
    step_t history[12]; /* after received on 2026-03-02; each must be allowed */
    step_t judged;
    /* a refusal: its kind, code and field ("" none) */
    case_refusal_kind_t refused;
    const char *code, *field;
    /* or what follows */
    case_state_t after;
    const char *closes; /* "RULE=outcome ...", in the order the deadlines were opened */
    const char *opens;  /* "RULE@YYYY-MM-DD ..." */
    const char *deltas; /* "bucket:cases:amount ..." */
    case_money_kind_t money;
} row_t;

#define DOC "1/QĐ-CCTHADS"
#define DECIDED(on)                                                                                \
    {                                                                                              \
        CASE_EVENT_DECIDED, on                                                                     \
    }
#define NOTIFIED(on)                                                                               \
    {                                                                                              \
        CASE_EVENT_NOTIFIED, on                                                                    \
    }
#define VPE(on)                                                                                    \
    {                                                                                              \
        CASE_EVENT_VOLUNTARY_PERIOD_ENDED, on                                                      \
    }
#define ELIGIBLE(on)                                                                               \
    {                                                                                              \
        CASE_EVENT_VERIFICATION_RECORDED, on, VERIFY_ELIGIBLE                                      \
    }
#define COLLECTED(on, a)                                                                           \
    {                                                                                              \
        CASE_EVENT_MONEY_COLLECTED, on, .amount = a                                                \
    }
#define PAID(on, a)                                                                                \
    {                                                                                              \
        CASE_EVENT_MONEY_PAID, on, .amount = a                                                     \
    }
#define ENFORCING_BY(on)                                                                           \
    DECIDED("2026-03-04"), NOTIFIED("2026-03-05"), VPE("2026-03-17"), ELIGIBLE(on)

static const row_t rows[] = {
    /* ---- issue 12: the steps whose deadlines had no event (THADS.md 3.3, 3.5, 8.2) ---- */
    {"the decision sent to the procuracy meets D8 (3 working days)",
     .history = {DECIDED("2026-03-04")}, .judged = {CASE_EVENT_SENT_TO_PROCURACY, "2026-03-06"},
     .after = CASE_STATE_DECIDED, .closes = "D8=met", .opens = "", .deltas = ""},
    {"a provisional urgent measure is decided within 24 hours (D5), not D4's 5 days", .urgent = 1,
     .judged = DECIDED("2026-03-04"), .after = CASE_STATE_DECIDED, .closes = "D5=late",
     .opens = "D9@2026-03-09 D7@2026-03-06 D8@2026-03-09",
     .deltas = "none:-1:-157500000 unclassified:1:157500000 a2_new:1:157500000"},
    {"a freeze on the spot by minutes starts D22: the freeze decision within 24 hours",
     .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_FROZEN_ON_THE_SPOT, "2026-03-23"}, .after = CASE_STATE_ENFORCING,
     .closes = "", .opens = "D22@2026-03-24", .deltas = ""},
    {"the freeze decision meets D22 and starts D23 (a compulsory measure within 10 days)",
     .history = {ENFORCING_BY("2026-03-20"), {CASE_EVENT_FROZEN_ON_THE_SPOT, "2026-03-23"}},
     .judged = {CASE_EVENT_FREEZE_DECIDED, "2026-03-25"}, .after = CASE_STATE_ENFORCING,
     .closes = "D22=late", .opens = "D23@2026-04-06" /* 04/04 is a Saturday */, .deltas = ""},
    {"a compulsory measure after the freeze decision meets D23",
     .history = {ENFORCING_BY("2026-03-20"), {CASE_EVENT_FREEZE_DECIDED, "2026-03-23"}},
     .judged = {CASE_EVENT_MEASURE_APPLIED, "2026-03-30"}, .after = CASE_STATE_ENFORCING,
     .closes = "D23=met", .opens = "", .deltas = ""},
    {"a seizure starts D24: the valuation contract within 5 working days",
     .history = {ENFORCING_BY("2026-03-20")}, .judged = {CASE_EVENT_SEIZED, "2026-03-23"},
     .after = CASE_STATE_ENFORCING, .closes = "", .opens = "D24@2026-03-30", .deltas = ""},
    {"the valuation contract meets D24",
     .history = {ENFORCING_BY("2026-03-20"), {CASE_EVENT_SEIZED, "2026-03-23"}},
     .judged = {CASE_EVENT_VALUATION_CONTRACTED, "2026-03-31"}, .after = CASE_STATE_ENFORCING,
     .closes = "D24=late", .opens = "", .deltas = ""},
    {"the valuation notified starts the parties' D25, D26 and the auction contract's D27",
     .history = {ENFORCING_BY("2026-03-20"),
                 {CASE_EVENT_SEIZED, "2026-03-23"},
                 {CASE_EVENT_VALUATION_CONTRACTED, "2026-03-24"}},
     .judged = {CASE_EVENT_VALUATION_NOTIFIED, "2026-03-25"}, .after = CASE_STATE_ENFORCING,
     .closes = "", .opens = "D25@2026-04-01 D26@2026-04-01 D27@2026-04-06", .deltas = ""},
    {"the auction contract meets D27, the parties' periods elapse, real estate: D28 45 days",
     .history = {ENFORCING_BY("2026-03-20"),
                 {CASE_EVENT_SEIZED, "2026-03-23"},
                 {CASE_EVENT_VALUATION_CONTRACTED, "2026-03-24"},
                 {CASE_EVENT_VALUATION_NOTIFIED, "2026-03-25"}},
     .judged = {CASE_EVENT_AUCTION_CONTRACTED, "2026-04-02", .real_estate = 1},
     .after = CASE_STATE_ENFORCING, .closes = "D25=elapsed D26=elapsed D27=met",
     .opens = "D28_REAL_ESTATE@2026-05-18" /* 17/05 is a Sunday */, .deltas = ""},
    {"movables are auctioned within 30 days (D28)", .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_AUCTION_CONTRACTED, "2026-03-23"}, .after = CASE_STATE_ENFORCING,
     .closes = "", .opens = "D28_MOVABLE@2026-04-22", .deltas = ""},
    {"a failed auction meets D28 and starts D29: the price cut within 10 days",
     .history = {ENFORCING_BY("2026-03-20"), {CASE_EVENT_AUCTION_CONTRACTED, "2026-03-23"}},
     .judged = {CASE_EVENT_AUCTION_FAILED, "2026-04-10"}, .after = CASE_STATE_ENFORCING,
     .closes = "D28_MOVABLE=met", .opens = "D29@2026-04-20", .deltas = ""},
    {"the price cut meets D29",
     .history = {ENFORCING_BY("2026-03-20"),
                 {CASE_EVENT_AUCTION_CONTRACTED, "2026-03-23"},
                 {CASE_EVENT_AUCTION_FAILED, "2026-04-10"}},
     .judged = {CASE_EVENT_PRICE_REDUCED, "2026-04-22", .amount = 900000000,
                .previous = 1000000000},
     .after = CASE_STATE_ENFORCING, .closes = "D29=late", .opens = "", .deltas = ""},
    {"a price cut of more than 10% of the previous starting price is refused",
     .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_PRICE_REDUCED, "2026-03-23", .amount = 899999999,
                .previous = 1000000000},
     .refused = CASE_REFUSED_RULE, .code = "price_cut_too_large", .field = "amount_vnd"},
    {"a protest postponement asked the day before the coercion lasts 3 months (D16_MAX)",
     .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_POSTPONED, "2026-03-25", .ground = "2026-03-24", .protest = 1,
                .coercion = "2026-03-25"},
     .after = CASE_STATE_POSTPONED, .closes = "D7=cancelled D8=cancelled",
     .opens = "D16_MAX@2026-06-24 D15@2026-03-31",
     .deltas = "d3_enforcing:-1:-157500000 d4_postponed:1:157500000"},
    {"a protest postponement asked on the day of the coercion is refused (24 hours, D16)",
     .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_POSTPONED, "2026-03-25", .ground = "2026-03-25", .protest = 1,
                .coercion = "2026-03-25"},
     .refused = CASE_REFUSED_RULE, .code = "request_too_late", .field = "ground_on"},
    {"continuing after a protest postponement meets D16_MAX",
     .history = {ENFORCING_BY("2026-03-20"),
                 {CASE_EVENT_POSTPONED, "2026-03-25", .ground = "2026-03-24", .protest = 1}},
     .judged = {CASE_EVENT_POSTPONEMENT_LIFTED, "2026-04-01"}, .after = CASE_STATE_ENFORCING,
     .closes = "D16_MAX=met", .opens = "",
     .deltas = "d4_postponed:-1:-157500000 d3_enforcing:1:157500000"},
    {"a complaint about a protective measure is resolved within 5 working days",
     .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-23",
                .complaint = CASE_COMPLAINT_PROTECTIVE},
     .after = CASE_STATE_ENFORCING, .closes = "", .opens = "D35_RESOLVE_PROTECTIVE@2026-03-30",
     .deltas = "complaint_received:1:0"},
    {"a denunciation is resolved within the Law on Denunciation's 30 days",
     .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-23",
                .complaint = CASE_COMPLAINT_DENUNCIATION},
     .after = CASE_STATE_ENFORCING, .closes = "", .opens = "D35_RESOLVE_DENUNCIATION@2026-04-22",
     .deltas = "complaint_received:1:0"},
    {"the decision on a first complaint meets D35_RESOLVE_FIRST (15 days)",
     .history = {ENFORCING_BY("2026-03-20"),
                 {CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-23", .complaint = CASE_COMPLAINT_FIRST}},
     .judged = {CASE_EVENT_COMPLAINT_DECIDED, "2026-04-06"}, .after = CASE_STATE_ENFORCING,
     .closes = "D35_RESOLVE_FIRST=met", .opens = "", .deltas = "complaint_resolved:1:0"},
    /* events 1-5: received, decided, notified, the voluntary period's end, eligible; the
     * complaints are events 6 and 7 */
    {"a decision names the complaint it answers: the other's deadline keeps running",
     .history = {ENFORCING_BY("2026-03-20"),
                 {CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-23", .complaint = CASE_COMPLAINT_FIRST},
                 {CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-24",
                  .complaint = CASE_COMPLAINT_PROTECTIVE}},
     .judged = {CASE_EVENT_COMPLAINT_DECIDED, "2026-03-27", .complaint_seq = 7},
     .after = CASE_STATE_ENFORCING, .closes = "D35_RESOLVE_PROTECTIVE=met", .opens = "",
     .deltas = "complaint_resolved:1:0"},
    {"with two complaints waiting, a decision must name one",
     .history = {ENFORCING_BY("2026-03-20"),
                 {CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-23", .complaint = CASE_COMPLAINT_FIRST},
                 {CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-24", .complaint = CASE_COMPLAINT_OTHER}},
     .judged = {CASE_EVENT_COMPLAINT_DECIDED, "2026-04-06"}, .refused = CASE_REFUSED_INVALID,
     .code = "complaint_unnamed", .field = "complaint_seq"},
    {"a decision names a complaint, not another event",
     .history = {ENFORCING_BY("2026-03-20"),
                 {CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-23", .complaint = CASE_COMPLAINT_FIRST}},
     .judged = {CASE_EVENT_COMPLAINT_DECIDED, "2026-04-06", .complaint_seq = 5},
     .refused = CASE_REFUSED_CONFLICT, .code = "complaint_not_pending", .field = "complaint_seq"},
    {"a complaint is decided once",
     .history = {ENFORCING_BY("2026-03-20"),
                 {CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-23", .complaint = CASE_COMPLAINT_FIRST},
                 {CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-24", .complaint = CASE_COMPLAINT_OTHER},
                 {CASE_EVENT_COMPLAINT_DECIDED, "2026-04-01", .complaint_seq = 6}},
     .judged = {CASE_EVENT_COMPLAINT_DECIDED, "2026-04-06", .complaint_seq = 6},
     .refused = CASE_REFUSED_CONFLICT, .code = "complaint_not_pending", .field = "complaint_seq"},
    {"a decision stored before decisions named their complaint met every one waiting",
     .history = {ENFORCING_BY("2026-03-20"),
                 {CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-23", .complaint = CASE_COMPLAINT_FIRST},
                 {CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-24", .complaint = CASE_COMPLAINT_OTHER}},
     .judged = {CASE_EVENT_COMPLAINT_DECIDED, "2026-04-06", .complaint_seq = CASE_COMPLAINTS_EVERY},
     .after = CASE_STATE_ENFORCING, .closes = "D35_RESOLVE_FIRST=met D35_RESOLVE_OTHER=met",
     .opens = "", .deltas = "complaint_resolved:1:0"},
    {"a decision on a complaint the case never received counts no complaint",
     .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_COMPLAINT_DECIDED, "2026-04-06"}, .after = CASE_STATE_ENFORCING,
     .closes = "", .opens = "", .deltas = ""},
    {"a complaint is still resolved when the case is postponed",
     .history = {ENFORCING_BY("2026-03-20"),
                 {CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-23", .complaint = CASE_COMPLAINT_OTHER}},
     .judged = {CASE_EVENT_POSTPONED, "2026-03-24"}, .after = CASE_STATE_POSTPONED,
     .closes = "D7=cancelled D8=cancelled", .opens = "",
     .deltas = "d3_enforcing:-1:-157500000 d4_postponed:1:157500000"},
    {"a complaint says what it is about", .judged = {CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-03"},
     .refused = CASE_REFUSED_INVALID, .code = "missing_field", .field = "complaint_about"},
    {"no coercion mobilizing forces in the 15 days before Tết (6 Feb 2027)",
     .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_COERCION_SCHEDULED, "2026-03-23", .coercion = "2027-01-25", .forces = 1},
     .refused = CASE_REFUSED_RULE, .code = "coercion_blackout", .field = "coercion_on"},
    {"nor in the 15 days after", .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_COERCION_SCHEDULED, "2026-03-23", .coercion = "2027-02-19", .forces = 1},
     .refused = CASE_REFUSED_RULE, .code = "coercion_blackout", .field = "coercion_on"},
    {"a coercion without forces may come before Tết", .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_COERCION_SCHEDULED, "2026-03-23", .coercion = "2027-01-25"},
     .after = CASE_STATE_ENFORCING, .closes = "", .opens = "", .deltas = "coercion_decided:1:0"},
    /* issue 15: what became of a coercion decision (THADS.md 5.3) */
    {"a coercion decided is carried out",
     .history = {ENFORCING_BY("2026-03-20"),
                 {CASE_EVENT_COERCION_SCHEDULED, "2026-03-23", .coercion = "2026-03-26"}},
     .judged = {CASE_EVENT_COERCION_CARRIED_OUT, "2026-03-26"}, .after = CASE_STATE_ENFORCING,
     .closes = "", .opens = "", .deltas = "coercion_done:1:0"},
    {"or made needless by the debtor's payment",
     .history = {ENFORCING_BY("2026-03-20"),
                 {CASE_EVENT_COERCION_SCHEDULED, "2026-03-23", .coercion = "2026-03-26"}},
     .judged = {CASE_EVENT_COERCION_PAID_VOLUNTARILY, "2026-03-25"}, .after = CASE_STATE_ENFORCING,
     .closes = "", .opens = "", .deltas = "coercion_paid:1:0"},
    {"but not both",
     .history = {ENFORCING_BY("2026-03-20"),
                 {CASE_EVENT_COERCION_SCHEDULED, "2026-03-23", .coercion = "2026-03-26"},
                 {CASE_EVENT_COERCION_PAID_VOLUNTARILY, "2026-03-25"}},
     .judged = {CASE_EVENT_COERCION_CARRIED_OUT, "2026-03-26"}, .refused = CASE_REFUSED_CONFLICT,
     .code = "no_coercion_pending", .field = "type"},
    {"no coercion carried out without its decision", .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_COERCION_CARRIED_OUT, "2026-03-26"}, .refused = CASE_REFUSED_CONFLICT,
     .code = "no_coercion_pending", .field = "type"},
    {"no coercion on a weekly rest day", .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_COERCION_SCHEDULED, "2026-03-23", .coercion = "2026-03-28"},
     .refused = CASE_REFUSED_RULE, .code = "coercion_blackout", .field = "coercion_on"},
    {"nor on a public holiday (National Day)", .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_COERCION_SCHEDULED, "2026-03-23", .coercion = "2026-09-02"},
     .refused = CASE_REFUSED_RULE, .code = "coercion_blackout", .field = "coercion_on"},
    {"a coercion is scheduled with its day", .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_COERCION_SCHEDULED, "2026-03-23"}, .refused = CASE_REFUSED_INVALID,
     .code = "missing_field", .field = "coercion_on"},
    {"a field of another event is refused", .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_AUCTION_HELD, "2026-03-23", .real_estate = 1},
     .refused = CASE_REFUSED_INVALID, .code = "invalid_value", .field = "real_estate"},
    /* ---- the deadlines each step closes and opens (THADS.md 3.3) ---- */
    {"decision within D4 meets it and starts D9 (3 working days)", .judged = DECIDED("2026-03-04"),
     .after = CASE_STATE_DECIDED, .closes = "D4=met",
     .opens = "D9@2026-03-09 D7@2026-03-06 D8@2026-03-09",
     .deltas = "none:-1:-157500000 unclassified:1:157500000 a2_new:1:157500000"},
    {"a decision after D4's due day is late", .judged = DECIDED("2026-03-10"),
     .after = CASE_STATE_DECIDED, .closes = "D4=late",
     .opens = "D9@2026-03-13 D7@2026-03-12 D8@2026-03-13",
     .deltas = "none:-1:-157500000 unclassified:1:157500000 a2_new:1:157500000"},
    {"on application the decision meets D6, not D4", .on_application = 1,
     .judged = DECIDED("2026-03-09"), .after = CASE_STATE_DECIDED, .closes = "D6=met",
     .opens = "D9@2026-03-12 D7@2026-03-11 D8@2026-03-12",
     .deltas = "app:none:-1:-157500000 app:unclassified:1:157500000 app:a2_new:1:157500000"},
    {"refusing an application meets D6 and ends the case", .on_application = 1,
     .judged = {CASE_EVENT_REFUSED, "2026-03-03"}, .after = CASE_STATE_REFUSED, .closes = "D6=met",
     .opens = "", .deltas = ""},
    {"notice served meets D9 and starts the voluntary period D10 (10 days)",
     .history = {DECIDED("2026-03-04")}, .judged = NOTIFIED("2026-03-05"),
     .after = CASE_STATE_VOLUNTARY_PERIOD, .closes = "D9=met", .opens = "D10@2026-03-16",
     .deltas = ""},
    /* The voluntary period is the debtor's (Art 45): it elapses, never "late", and
     * verification (D11, 10 days) counts from its legal end, 16/03, not from the day the
     * end is recorded. */
    {"the end of the voluntary period: D10 elapses, D11 counts from the period's legal end",
     .history = {DECIDED("2026-03-04"), NOTIFIED("2026-03-05")}, .judged = VPE("2026-03-20"),
     .after = CASE_STATE_VERIFYING, .closes = "D10=elapsed", .opens = "D11@2026-03-26",
     .deltas = ""},
    {"service by public posting: the voluntary period counts once the posting is valid",
     .history = {DECIDED("2026-03-04")},
     .judged = {CASE_EVENT_NOTIFIED, "2026-03-05", .posting = 1},
     .after = CASE_STATE_VOLUNTARY_PERIOD, .closes = "D9=met",
     .opens = "D10@2026-03-26" /* valid on 16/03: 15/03 is a Sunday */, .deltas = ""},
    {"an officer assigned before the decision: no D7",
     .history = {{CASE_EVENT_ASSIGNED, "2026-03-03", .officer = 7}},
     .judged = DECIDED("2026-03-04"), .after = CASE_STATE_DECIDED, .closes = "D4=met",
     .opens = "D9@2026-03-09 D8@2026-03-09",
     .deltas = "none:-1:-157500000 unclassified:1:157500000 a2_new:1:157500000"},
    {"assigning the officer meets D7 (2 working days)", .history = {DECIDED("2026-03-04")},
     .judged = {CASE_EVENT_ASSIGNED, "2026-03-09", .officer = 7}, .after = CASE_STATE_DECIDED,
     .closes = "D7=late", .opens = "", .deltas = ""},
    {"not yet eligible, debtor in prison or address unknown: yearly re-verification D13",
     .history = {DECIDED("2026-03-04"), NOTIFIED("2026-03-05"), VPE("2026-03-17")},
     .judged = {CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, "2026-03-20", .yearly = 1},
     .after = CASE_STATE_NOT_ELIGIBLE, .closes = "D11=met",
     .opens = "D13@2027-03-22" /* 20/03/2027 is a Saturday */,
     .deltas = "unclassified:-1:-157500000 e_not_eligible:1:157500000"},
    /* ---- stops and their decisions to continue (Art 48, 49) ---- */
    {"postponement can come in the voluntary period",
     .history = {DECIDED("2026-03-04"), NOTIFIED("2026-03-05")},
     .judged = {CASE_EVENT_POSTPONED, "2026-03-06", .ground = "2026-03-02"},
     .after = CASE_STATE_POSTPONED, .closes = "D7=cancelled D8=cancelled D10=cancelled",
     .opens = "D15@2026-03-09" /* met by the postponement itself */,
     .deltas = "unclassified:-1:-157500000 d4_postponed:1:157500000"},
    {"continuing a postponement returns a not yet eligible case there, re-verification D12",
     .history = {DECIDED("2026-03-04"),
                 NOTIFIED("2026-03-05"),
                 VPE("2026-03-17"),
                 {CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, "2026-03-20"},
                 {CASE_EVENT_POSTPONED, "2026-03-23"}},
     .judged = {CASE_EVENT_POSTPONEMENT_LIFTED, "2026-04-01"}, .after = CASE_STATE_NOT_ELIGIBLE,
     .closes = "", .opens = "D12@2026-10-01",
     .deltas = "d4_postponed:-1:-157500000 e_not_eligible:1:157500000"},
    {"a bankruptcy petition suspends a not yet eligible case; D18 late from the court's notice",
     .history = {DECIDED("2026-03-04"),
                 NOTIFIED("2026-03-05"),
                 VPE("2026-03-17"),
                 {CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, "2026-03-20"}},
     .judged = {CASE_EVENT_SUSPENDED, "2026-03-30", .ground = "2026-03-20"},
     .after = CASE_STATE_SUSPENDED, .closes = "D7=cancelled D8=cancelled D12=cancelled",
     .opens = "D18@2026-03-27", .deltas = "e_not_eligible:-1:-157500000 d5_suspended:1:157500000"},
    {"a suspension of a postponed case continues to where the case stood before both",
     .history = {ENFORCING_BY("2026-03-20"),
                 {CASE_EVENT_POSTPONED, "2026-03-23"},
                 {CASE_EVENT_SUSPENDED, "2026-03-24"}},
     .judged = {CASE_EVENT_RESUMED, "2026-03-30"}, .after = CASE_STATE_ENFORCING, .closes = "",
     .opens = "", .deltas = "d5_suspended:-1:-157500000 d3_enforcing:1:157500000"},
    {"the ground of a decision cannot come after it", .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_TERMINATED, "2026-03-25", .ground = "2026-03-26"},
     .refused = CASE_REFUSED_RULE, .code = "invalid_date", .field = "ground_on"},
    {"an event without a ground takes no ground_on",
     .judged = {CASE_EVENT_NOTE, "2026-03-03", .reason = "x", .ground = "2026-03-02"},
     .refused = CASE_REFUSED_INVALID, .code = "invalid_value", .field = "ground_on"},
    {"yearly re-verification belongs to a not eligible finding",
     .history = {ENFORCING_BY("2026-03-20")},
     .judged = {CASE_EVENT_MEASURE_APPLIED, "2026-03-25", .yearly = 1},
     .refused = CASE_REFUSED_INVALID, .code = "invalid_value", .field = "reverify_yearly"},
    {"an ex officio case has no application to refuse",
     .judged = {CASE_EVENT_REFUSED, "2026-03-03"}, .refused = CASE_REFUSED_CONFLICT,
     .code = "transition_not_allowed", .field = "type"},
    {"an ex officio case has no application to return", .history = {DECIDED("2026-03-04")},
     .judged = {CASE_EVENT_APPLICATION_RETURNED, "2026-03-05"}, .refused = CASE_REFUSED_CONFLICT,
     .code = "transition_not_allowed", .field = "type"},
    {"an application is returned", .on_application = 1, .history = {DECIDED("2026-03-04")},
     .judged = {CASE_EVENT_APPLICATION_RETURNED, "2026-03-05"}, .after = CASE_STATE_RETURNED,
     .closes = "D9=cancelled D7=cancelled D8=cancelled", .opens = "",
     .deltas = "app:unclassified:-1:-157500000 app:returned:1:157500000"},
    {"an eligible verification meets D11 and counts the case as enforcing (D3)",
     .history = {DECIDED("2026-03-04"), NOTIFIED("2026-03-05"), VPE("2026-03-17")},
     .judged = ELIGIBLE("2026-03-20"), .after = CASE_STATE_ENFORCING, .closes = "D11=met",
     .opens = "", .deltas = "unclassified:-1:-157500000 d3_enforcing:1:157500000"},
    {"not yet eligible (Art 44a) starts the six-monthly re-verification D12",
     .history = {DECIDED("2026-03-04"), NOTIFIED("2026-03-05"), VPE("2026-03-17")},
     .judged = {CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, "2026-03-20"}, .after = CASE_STATE_NOT_ELIGIBLE,
     .closes = "D11=met", .opens = "D12@2026-09-21" /* 20/09 is a Sunday */,
     .deltas = "unclassified:-1:-157500000 e_not_eligible:1:157500000"},
    {"an urgent measure right after the decision cancels D9 (notice can no longer come)",
     .history = {DECIDED("2026-03-04")}, .judged = {CASE_EVENT_MEASURE_APPLIED, "2026-03-05"},
     .after = CASE_STATE_ENFORCING, .closes = "D9=cancelled", .opens = "",
     .deltas = "unclassified:-1:-157500000 d3_enforcing:1:157500000"},
    {"postponement cancels what runs",
     .history = {DECIDED("2026-03-04"), NOTIFIED("2026-03-05"), VPE("2026-03-17"),
                 ELIGIBLE("2026-03-20"), COLLECTED("2026-03-23", 1000000)},
     .judged = {CASE_EVENT_POSTPONED, "2026-03-24"}, .after = CASE_STATE_POSTPONED,
     .closes = "D7=cancelled D8=cancelled D30=cancelled", .opens = "",
     .deltas = "d3_enforcing:-1:-156500000 d4_postponed:1:156500000"},
    /* ---- money (THADS.md 4): held in custody until paid out ---- */
    {"money collected starts the payout deadline D30 (10 days; a Saturday moves to Monday)",
     .history = {ENFORCING_BY("2026-03-20")}, .judged = COLLECTED("2026-03-25", 100000000),
     .after = CASE_STATE_ENFORCING, .closes = "", .opens = "D30@2026-04-06",
     .deltas = "d3_enforcing:0:-100000000 d1_completed:0:100000000 money_collected:0:100000000",
     .money = CASE_MONEY_COLLECTED},
    {"paying out meets D30",
     .history = {ENFORCING_BY("2026-03-20"), COLLECTED("2026-03-25", 100000000)},
     .judged = PAID("2026-03-30", 100000000), .after = CASE_STATE_ENFORCING, .closes = "D30=met",
     .opens = "", .deltas = "money_paid:0:100000000", .money = CASE_MONEY_PAID_OUT},
    {"a payout takes the oldest collection's money first and meets only the deadline of one "
     "whose money is all paid out (issue 14: 50m in, 45m out, 900m in, 5m out)",
     .history = {ENFORCING_BY("2026-03-20"), COLLECTED("2026-03-23", 50000000),
                 PAID("2026-03-24", 45000000), COLLECTED("2026-03-25", 900000000)},
     .judged = PAID("2026-03-26", 5000000), .after = CASE_STATE_ENFORCING, .closes = "D30=met",
     .opens = "", .deltas = "money_paid:0:5000000", .money = CASE_MONEY_PAID_OUT},
    {"paying out part of a collection meets nothing: its deadline waits for the rest",
     .history = {ENFORCING_BY("2026-03-20"), COLLECTED("2026-03-25", 100000000)},
     .judged = PAID("2026-03-30", 40000000), .after = CASE_STATE_ENFORCING, .closes = "",
     .opens = "", .deltas = "money_paid:0:40000000", .money = CASE_MONEY_PAID_OUT},
    {"completion with nothing held moves the case to D1 and closes what is open",
     .history = {ENFORCING_BY("2026-03-20"), COLLECTED("2026-03-25", AMOUNT),
                 PAID("2026-03-30", AMOUNT)},
     .judged = {CASE_EVENT_COMPLETED, "2026-03-31"}, .after = CASE_STATE_COMPLETED,
     .closes = "D7=cancelled D8=cancelled", .opens = "",
     .deltas = "d3_enforcing:-1:0 d1_completed:1:0"},
    {"more than custody holds cannot be paid out",
     .history = {ENFORCING_BY("2026-03-20"), COLLECTED("2026-03-25", 5000000)},
     .judged = PAID("2026-03-26", 5000001), .refused = CASE_REFUSED_CONFLICT,
     .code = "more_than_held", .field = "amount_vnd"},
    {"nothing can be paid out of an empty custody", .history = {ENFORCING_BY("2026-03-20")},
     .judged = PAID("2026-03-26", 1), .refused = CASE_REFUSED_CONFLICT, .code = "more_than_held",
     .field = "amount_vnd"},
    {"a case holding money cannot be completed",
     .history = {ENFORCING_BY("2026-03-20"), COLLECTED("2026-03-25", 5000000)},
     .judged = {CASE_EVENT_COMPLETED, "2026-03-26"}, .refused = CASE_REFUSED_CONFLICT,
     .code = "money_held", .field = ""},
    {"an amount must be positive", .history = {ENFORCING_BY("2026-03-20")},
     .judged = COLLECTED("2026-03-25", 0), .refused = CASE_REFUSED_INVALID, .code = "invalid_value",
     .field = "amount_vnd"},
    {"what a case collects in all stays within the bound of amounts (10^15 đồng)",
     .history = {ENFORCING_BY("2026-03-20"), COLLECTED("2026-03-25", MONEY_AMOUNT_MAX)},
     .judged = COLLECTED("2026-03-26", 1), .refused = CASE_REFUSED_INVALID, .code = "too_large",
     .field = "amount_vnd"},
    {"one payment above the bound is refused, not wrapped", .history = {ENFORCING_BY("2026-03-20")},
     .judged = COLLECTED("2026-03-25", INT64_MAX), .refused = CASE_REFUSED_INVALID,
     .code = "too_large", .field = "amount_vnd"},
    /* ---- the state machine and the event's own facts ---- */
    {"the law does not allow a second decision on a completed case",
     .history = {ENFORCING_BY("2026-03-20"), {CASE_EVENT_COMPLETED, "2026-03-21"}},
     .judged = DECIDED("2026-03-22"), .refused = CASE_REFUSED_CONFLICT,
     .code = "transition_not_allowed", .field = "type"},
    {"postponement is refused before the decision", .judged = {CASE_EVENT_POSTPONED, "2026-03-03"},
     .refused = CASE_REFUSED_CONFLICT, .code = "transition_not_allowed", .field = "type"},
    {"the voluntary period's end cannot be recorded while it runs (Art 45)",
     .history = {DECIDED("2026-03-04"), NOTIFIED("2026-03-05")}, .judged = VPE("2026-03-16"),
     .refused = CASE_REFUSED_RULE, .code = "period_running", .field = "occurred_on"},
    {"no event is dated after today", .judged = DECIDED("2026-11-21"), .refused = CASE_REFUSED_RULE,
     .code = "invalid_date", .field = "occurred_on"},
    {"events come in the order of their legal dates", .history = {DECIDED("2026-03-04")},
     .judged = NOTIFIED("2026-03-03"), .refused = CASE_REFUSED_RULE, .code = "before_last_event",
     .field = "occurred_on"},
    {"a decision needs its signed document",
     .judged = {CASE_EVENT_DECIDED, "2026-03-04", .doc = ""}, .refused = CASE_REFUSED_INVALID,
     .code = "missing_field", .field = "document_no"},
    {"a document number has at most 64 characters",
     .judged = {CASE_EVENT_DECIDED, "2026-03-04",
                .doc = "12345678901234567890123456789012345678901234567890123456789012345"},
     .refused = CASE_REFUSED_INVALID, .code = "too_long", .field = "document_no"},
    {"an assignment names the officer", .judged = {CASE_EVENT_ASSIGNED, "2026-03-03"},
     .refused = CASE_REFUSED_INVALID, .code = "missing_field", .field = "officer_user_id"},
    {"a correction names an earlier event",
     .judged = {CASE_EVENT_CORRECTED, "2026-03-03", .corrects = 2, .reason = "sai ngày"},
     .refused = CASE_REFUSED_INVALID, .code = "invalid_value", .field = "corrects_seq"},
    {"a correction gives its reason", .judged = {CASE_EVENT_CORRECTED, "2026-03-03", .corrects = 1},
     .refused = CASE_REFUSED_INVALID, .code = "missing_field", .field = "reason"},
    {"a note has text", .judged = {CASE_EVENT_NOTE, "2026-03-03"}, .refused = CASE_REFUSED_INVALID,
     .code = "missing_field", .field = "reason"},
    {"a reason has no control characters",
     .judged = {CASE_EVENT_NOTE, "2026-03-03", .reason = "hai\ndòng"},
     .refused = CASE_REFUSED_INVALID, .code = "invalid_value", .field = "reason"},
    {"a note changes nothing but the log",
     .judged = {CASE_EVENT_NOTE, "2026-03-03", .reason = "Đương sự đến làm việc"},
     .after = CASE_STATE_RECEIVED, .closes = "", .opens = "", .deltas = ""},
};

static const case_rules_t *rules(void)
{
    static case_rules_t r;
    r = (case_rules_t){app_builtin_rules(), app_builtin_calendar(), d("2026-11-20")};
    return &r;
}

static case_event_input_t input_of(const step_t *s)
{
    case_event_input_t in = {
        .type = s->e,
        .verify = s->v,
        .occurred_on = d(s->on),
        .document_no = s->doc ? s->doc : (case_event_needs_document(s->e) ? DOC : NULL),
        .officer_user_id = s->officer,
        .amount_vnd = s->amount,
        .corrects_seq = s->corrects,
        .reason = s->reason,
        .ground_on = s->ground ? d(s->ground) : 0,
        .reverify_yearly = s->yearly,
        .service_by_posting = s->posting,
        .real_estate = s->real_estate,
        .previous_price_vnd = s->previous,
        .protest_request = s->protest,
        .coercion_on = s->coercion ? d(s->coercion) : 0,
        .mobilizing_forces = s->forces,
        .complaint = s->complaint,
        .complaint_seq = s->complaint_seq,
    };
    return in;
}

/* A new case received on 2026-03-02 (a Monday), with AMOUNT to enforce. */
static void start_case(case_play_t *p, int on_application, int urgent)
{
    case_facts_t f = {.on_application = on_application,
                      .decided_on = CIVIL_DATE_INVALID,
                      .amount_vnd = AMOUNT,
                      .urgent_measure = urgent};
    case_verdict_t v;
    case_refusal_t why;

    case_play_init(p, &f);
    assert_int_equal(case_engine_start(rules(), p, CASE_EVENT_RECEIVED, d("2026-03-02"), &v, &why),
                     0);
}

static void start(case_play_t *p, int on_application)
{
    start_case(p, on_application, 0);
}

/* "a b c" as the deadlines p->dl[from..) with closing or opening, the way rows say it. */
static void describe_opened(const case_play_t *p, size_t from, char *out, size_t len)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = from; i < p->ndl; i++) {
        char due[11];
        civil_date_format(p->dl[i].due_on, due);
        n += (size_t)snprintf(out + n, len - n, "%s%s@%s", n ? " " : "", p->dl[i].rule_id, due);
    }
}

static void describe_closed(const case_play_t *p, const int *was_open, size_t upto, char *out,
                            size_t len)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < upto; i++)
        if (was_open[i] && p->dl[i].outcome != NULL)
            n += (size_t)snprintf(out + n, len - n, "%s%s=%s", n ? " " : "", p->dl[i].rule_id,
                                  p->dl[i].outcome);
}

static void describe_deltas(const case_verdict_t *v, char *out, size_t len)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < v->ndeltas; i++)
        n += (size_t)snprintf(out + n, len - n, "%s%s:%lld:%lld", n ? " " : "", v->deltas[i].bucket,
                              (long long)v->deltas[i].cases, (long long)v->deltas[i].amount_vnd);
}

static void test_rules_table(void **state)
{
    (void)state;
    for (size_t r = 0; r < N_ELEMS(rows); r++) {
        const row_t *row = &rows[r];
        case_play_t p;
        case_facts_t before;
        case_verdict_t v;
        case_refusal_t why;
        case_event_input_t in;
        int was_open[64] = {0};
        size_t ndl_before;
        char got[256];
        int rc;

        start_case(&p, row->on_application, row->urgent);
        for (size_t i = 0; i < N_ELEMS(row->history) && row->history[i].on != NULL; i++) {
            in = input_of(&row->history[i]);
            if (case_engine_event(rules(), &p, &in, &v, &why) != 0)
                fail_msg("%s: history step %zu refused: %s", row->name, i, why.en);
        }
        before = p.c;
        ndl_before = p.ndl;
        assert_true(ndl_before <= N_ELEMS(was_open));
        for (size_t i = 0; i < p.ndl; i++)
            was_open[i] = p.dl[i].outcome == NULL;
        in = input_of(&row->judged);
        rc = case_engine_event(rules(), &p, &in, &v, &why);
        if (row->refused) {
            if (rc != (int)row->refused || strcmp(message_get(why.msg)->code, row->code) != 0 ||
                strcmp(why.field, row->field) != 0)
                fail_msg("%s: got %d %s [%s], want %d %s [%s]", row->name, rc,
                         rc ? message_get(why.msg)->code : "", rc ? why.field : "", row->refused,
                         row->code, row->field);
            /* a refusal leaves the case as it was, its text in both languages */
            assert_memory_equal(&p.c, &before, sizeof before);
            assert_int_equal(p.ndl, ndl_before);
            for (size_t i = 0; i < p.ndl; i++)
                assert_int_equal(p.dl[i].outcome == NULL, was_open[i]);
            assert_true(why.en[0] != '\0' && why.vi[0] != '\0');
        } else {
            if (rc != 0)
                fail_msg("%s: refused: %s", row->name, why.en);
            if (v.after != row->after || p.c.state != row->after)
                fail_msg("%s: state %s, want %s", row->name, case_state_code(p.c.state),
                         case_state_code(row->after));
            describe_closed(&p, was_open, ndl_before, got, sizeof got);
            if (strcmp(got, row->closes) != 0)
                fail_msg("%s: closed '%s', want '%s'", row->name, got, row->closes);
            assert_int_equal(v.opened_from, ndl_before);
            describe_opened(&p, v.opened_from, got, sizeof got);
            if (strcmp(got, row->opens) != 0)
                fail_msg("%s: opened '%s', want '%s'", row->name, got, row->opens);
            describe_deltas(&v, got, sizeof got);
            if (strcmp(got, row->deltas) != 0)
                fail_msg("%s: deltas '%s', want '%s'", row->name, got, row->deltas);
            assert_int_equal(v.money.kind, row->money);
            if (row->money)
                assert_int_equal(v.money.amount_vnd, row->judged.amount);
            assert_int_equal(p.c.event_seq, before.event_seq + 1);
            assert_int_equal(v.seq, p.c.event_seq);
            assert_int_equal(p.c.last_event_on, d(row->judged.on));
        }
        case_play_free(&p);
    }
}

/* The projection follows the events: dates, money, officer; open deadlines follow the
 * case's officer when it is reassigned. */
static void test_projection_and_officer(void **state)
{
    case_play_t p;
    case_verdict_t v;
    case_refusal_t why;
    step_t steps[] = {DECIDED("2026-03-04"),
                      NOTIFIED("2026-03-05"),
                      {CASE_EVENT_ASSIGNED, "2026-03-06", .officer = 7},
                      VPE("2026-03-17"),
                      ELIGIBLE("2026-03-20"),
                      COLLECTED("2026-03-25", 40000000),
                      PAID("2026-03-27", 30000000)};

    (void)state;
    start(&p, 0);
    for (size_t i = 0; i < N_ELEMS(steps); i++) {
        case_event_input_t in = input_of(&steps[i]);
        assert_int_equal(case_engine_event(rules(), &p, &in, &v, &why), 0);
        if (steps[i].e == CASE_EVENT_ASSIGNED) {
            assert_true(v.officer_changed);
            for (size_t k = 0; k < p.ndl; k++)
                if (p.dl[k].outcome == NULL)
                    assert_int_equal(p.dl[k].officer_user_id, 7);
        }
    }
    assert_int_equal(p.c.state, CASE_STATE_ENFORCING);
    assert_int_equal(p.c.decided_on, d("2026-03-04"));
    assert_int_equal(p.c.state_on, d("2026-03-20"));
    assert_int_equal(p.c.last_event_on, d("2026-03-27"));
    assert_int_equal(p.c.collected_vnd, 40000000);
    assert_int_equal(p.c.paid_vnd, 30000000);
    assert_int_equal(p.c.officer_user_id, 7);
    assert_int_equal(p.c.event_seq, 1 + (int64_t)N_ELEMS(steps));
    /* D30 of the collection waits for the 10,000,000 still held; opened under officer 7 */
    assert_int_not_equal(case_play_next_due(&p, "D30"), CIVIL_DATE_INVALID);
    assert_int_equal(p.dl[p.ndl - 1].money_vnd, 10000000);
    assert_int_equal(p.dl[p.ndl - 1].officer_user_id, 7);
    case_play_free(&p);
}

/* A stored deadline (id != 0) is marked touched when the events close it or change its
 * officer, so that only those rows are written; new ones are not. */
static void test_stored_deadlines_touched(void **state)
{
    case_facts_t f = {.state = CASE_STATE_DECIDED,
                      .decided_on = CIVIL_DATE_INVALID,
                      .state_on = CIVIL_DATE_INVALID,
                      .last_event_on = CIVIL_DATE_INVALID,
                      .amount_vnd = AMOUNT,
                      .event_seq = 2};
    case_deadline_t d9 = {.id = 41, .rule_id = "D9", .opened_seq = 2, .duty = 1};
    case_deadline_t other = {.id = 42, .rule_id = "D99", .opened_seq = 2, .duty = 1};
    case_play_t p;
    case_verdict_t v;
    case_refusal_t why;
    step_t s = NOTIFIED("2026-03-05");
    case_event_input_t in = input_of(&s);

    (void)state;
    f.last_event_on = d("2026-03-04");
    d9.trigger_on = f.last_event_on;
    d9.due_on = d("2026-03-09");
    other.due_on = d("2026-04-01");
    case_play_init(&p, &f);
    assert_int_equal(case_play_add_deadline(&p, &d9), 0);
    assert_int_equal(case_play_add_deadline(&p, &other), 0);
    assert_int_equal(case_play_next_due(&p, NULL), d("2026-03-09"));
    assert_int_equal(case_engine_event(rules(), &p, &in, &v, &why), 0);
    assert_true(p.dl[0].touched);
    assert_string_equal(p.dl[0].outcome, "met");
    assert_int_equal(p.dl[0].closed_seq, 3);
    assert_false(p.dl[1].touched);
    assert_null(p.dl[1].outcome);
    assert_int_equal(p.ndl, 3); /* D10 opened, not stored */
    assert_int_equal(p.dl[2].id, 0);
    assert_false(p.dl[2].touched);
    assert_int_equal(case_play_next_due(&p, NULL), d("2026-03-16"));
    case_play_free(&p);
}

/* Only the creation events start a case; the rules of the day are those of the trigger:
 * before 1 July 2015 the voluntary period was 15 days (data/rules.csv). */
static void test_start_and_dated_rules(void **state)
{
    case_facts_t f = {.amount_vnd = 1};
    case_play_t p;
    case_verdict_t v;
    case_refusal_t why;

    (void)state;
    case_play_init(&p, &f);
    assert_int_equal(case_engine_start(rules(), &p, CASE_EVENT_DECIDED, d("2026-03-02"), &v, &why),
                     CASE_REFUSED_CONFLICT);
    assert_int_equal(p.ndl, 0);
    assert_int_equal(
        case_engine_start(rules(), &p, CASE_EVENT_ENTRUSTMENT_RECEIVED, d("2026-03-02"), &v, &why),
        0);
    assert_int_equal(p.c.state, CASE_STATE_RECEIVED);
    assert_int_equal(p.ndl, 1);
    assert_string_equal(p.dl[0].rule_id, "D21");
    assert_int_equal(v.ndeltas, 1);
    assert_string_equal(v.deltas[0].bucket, "none");
    assert_int_equal(v.deltas[0].cases, 1);
    case_play_free(&p);

    assert_int_equal(case_engine_due(rules(), "D10", d("2015-06-01")), d("2015-06-16"));
    /* 11 July 2015 was a Saturday: the period ends on the next working day */
    assert_int_equal(case_engine_due(rules(), "D10", d("2015-07-01")), d("2015-07-13"));
    assert_int_equal(case_engine_due(rules(), "NO_SUCH_RULE", d("2026-03-02")), CIVIL_DATE_INVALID);
}

/* The catalogue's texts fill their placeholders in both languages, and a text cut short
 * never ends in half a letter. */
static void test_messages(void **state)
{
    const char *args[] = {"16/03/2026"};
    char en[64], vi[48];

    (void)state;
    message_format(MSG_PERIOD_RUNNING, en, sizeof en, vi, sizeof vi, args, 1);
    assert_string_equal(en, "The voluntary period runs until 16/03/2026.");
    /* "Thời hạn tự nguyện thi hành án còn đến hết ngày 16/03/2026." is longer than 47
     * bytes: cut on a letter's first byte */
    assert_true(strlen(vi) < sizeof vi);
    assert_true(((unsigned char)vi[strlen(vi) - 1] & 0xC0) != 0x80 ||
                ((unsigned char)vi[strlen(vi) - 1] & 0x80) == 0);
    for (int i = 0; i < MSG_COUNT; i++) {
        const message_t *m = message_get((message_id_t)i);
        assert_true(m->code[0] && m->en[0] && m->vi[0]);
    }
    assert_string_equal(message_get(MSG_COUNT)->code, "internal");
}

/* Out of memory (the deadline list growing) at any allocation of a case's life: each
 * event is played or refused as out of memory with the case exactly as it was — then
 * played again with memory back — so a case always ends in the same state, and nothing
 * leaks (ASan). */
static void test_out_of_memory_leaves_the_case_as_it_was(void **state)
{
    step_t steps[] = {
        DECIDED("2026-03-04"),         NOTIFIED("2026-03-05"),        VPE("2026-03-17"),
        ELIGIBLE("2026-03-20"),        COLLECTED("2026-03-23", 1000), COLLECTED("2026-03-24", 2000),
        COLLECTED("2026-03-25", 3000), COLLECTED("2026-03-26", 4000), COLLECTED("2026-03-27", 5000),
        COLLECTED("2026-03-30", 6000), COLLECTED("2026-03-31", 7000), PAID("2026-04-01", 28000)};
    long failures = 0;

    (void)state;
    (void)rules(); /* the rule table is parsed once, outside the failures */
    for (long n = 1;; n++) {
        case_play_t p;
        int hit = 0;

        start(&p, 0);
        for (size_t i = 0; i < N_ELEMS(steps); i++) {
            case_event_input_t in = input_of(&steps[i]);
            case_facts_t before = p.c;
            size_t ndl = p.ndl;
            case_verdict_t v;
            case_refusal_t why;
            int rc;

            faultalloc_fail_at(n);
            rc = case_engine_event(rules(), &p, &in, &v, &why);
            faultalloc_off();
            if (faultalloc_injected() > 0 && rc != 0) {
                hit = 1;
                failures++;
                assert_int_equal(rc, CASE_REFUSED_NOMEM);
                assert_string_equal(message_get(why.msg)->code, "internal");
                assert_memory_equal(&p.c, &before, sizeof before);
                assert_int_equal(p.ndl, ndl);
                rc = case_engine_event(rules(), &p, &in, &v, &why); /* memory is back */
            }
            assert_int_equal(rc, 0);
        }
        assert_int_equal(p.c.state, CASE_STATE_ENFORCING);
        assert_int_equal(p.c.paid_vnd, 28000);
        assert_int_equal(case_play_next_due(&p, "D30"), CIVIL_DATE_INVALID);
        case_play_free(&p);
        if (!hit) /* every allocation an event makes has failed once */
            break;
    }
    assert_true(failures > 0); /* the list did grow under a failing allocator */
    {
        /* and a new case's first deadline */
        case_facts_t f = {.decided_on = CIVIL_DATE_INVALID, .resume_state = CASE_STATE_COUNT};
        case_play_t p;
        case_verdict_t v;
        case_refusal_t why;

        case_play_init(&p, &f);
        faultalloc_fail_at(1);
        assert_int_equal(
            case_engine_start(rules(), &p, CASE_EVENT_RECEIVED, d("2026-03-02"), &v, &why),
            CASE_REFUSED_NOMEM);
        faultalloc_off();
        assert_int_equal(p.ndl, 0);
        assert_int_equal(p.c.event_seq, 0);
        case_play_free(&p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_table),
        cmocka_unit_test(test_projection_and_officer),
        cmocka_unit_test(test_stored_deadlines_touched),
        cmocka_unit_test(test_start_and_dated_rules),
        cmocka_unit_test(test_messages),
        cmocka_unit_test(test_out_of_memory_leaves_the_case_as_it_was),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

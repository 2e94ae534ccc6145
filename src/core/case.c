/*
 * core/case.c — the case state machine as data.
 *
 * Three tables: the names of states and events (X-macros, so that the refusal reasons
 * can be built from them at compile time), the transition rows, and the statistics
 * buckets. case_transition() scans the rows — about forty, so a linear scan is a
 * few dozen comparisons; a state x event matrix would be faster but would hide the one
 * legal decision each row records.
 *
 * Every refusal reason is a string literal made by the preprocessor, one per
 * (state, event) pair and language (14 x 38 x 2, about 70 KB of read-only text): no
 * buffer to own, no formatting at run time, safe from any thread.
 */
#include "core/case.h"

#include <assert.h>
#include <stddef.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * Names. X(id, code, English name, Vietnamese name).
 */

#define CASE_STATES(X)                                                                             \
    X(CASE_STATE_RECEIVED, "received", "Received", "Đã tiếp nhận")                                 \
    X(CASE_STATE_REFUSED, "refused", "Application refused", "Đã từ chối yêu cầu thi hành án")      \
    X(CASE_STATE_DECIDED, "decided", "Enforcement decision issued",                                \
      "Đã ra quyết định thi hành án")                                                              \
    X(CASE_STATE_VOLUNTARY_PERIOD, "voluntary_period", "In the voluntary period",                  \
      "Trong thời hạn tự nguyện thi hành án")                                                      \
    X(CASE_STATE_VERIFYING, "verifying", "Verifying conditions",                                   \
      "Đang xác minh điều kiện thi hành án")                                                       \
    X(CASE_STATE_ENFORCING, "enforcing", "Being enforced", "Đang thi hành")                        \
    X(CASE_STATE_NOT_ELIGIBLE, "not_eligible", "Not yet eligible", "Chưa có điều kiện thi hành")   \
    X(CASE_STATE_POSTPONED, "postponed", "Postponed", "Hoãn thi hành án")                          \
    X(CASE_STATE_SUSPENDED, "suspended", "Suspended", "Tạm đình chỉ thi hành án")                  \
    X(CASE_STATE_COMPLETED, "completed", "Completed", "Thi hành xong")                             \
    X(CASE_STATE_TERMINATED, "terminated", "Terminated", "Đình chỉ thi hành án")                   \
    X(CASE_STATE_RETURNED, "returned", "Application returned", "Trả đơn yêu cầu thi hành án")      \
    X(CASE_STATE_ENTRUSTED_OUT, "entrusted_out", "Entrusted to another agency",                    \
      "Ủy thác thi hành án")                                                                       \
    X(CASE_STATE_REVOKED, "revoked", "Decision revoked", "Thu hồi quyết định thi hành án")

/* Y(a, b, id, code, English name, Vietnamese name): a and b are passed through, so
 * that each state's names can be combined with each event's (reasons, below). The
 * English name fits "does not allow '...'", the Vietnamese one "không thể '...'".
 *
 * These names are the one catalogue of states and events (issue 13): GET /api/catalog,
 * every *_name_vi / *_name_en field of the API, the refusals and the web UI read them
 * from here. Written as a table cell or a heading shows them (capital first letter), in
 * the wording of the 2014 law: "tiếp nhận" (Art 36), "thời hạn tự nguyện thi hành án"
 * (Art 45), "xác minh điều kiện thi hành án" (Art 44), "hoãn" (Art 48), "tạm đình chỉ"
 * (Art 49), "đình chỉ" (Art 50), "trả đơn yêu cầu" (Art 51), "ủy thác" (Art 55). */
#define CASE_EVENTS(Y, a, b)                                                                       \
    Y(a, b, CASE_EVENT_RECEIVED, "received", "Receipt of a judgment or application",               \
      "Tiếp nhận bản án, đơn yêu cầu")                                                             \
    Y(a, b, CASE_EVENT_REFUSED, "refused", "Refusal of the application",                           \
      "Từ chối yêu cầu thi hành án")                                                               \
    Y(a, b, CASE_EVENT_DECIDED, "decided", "Enforcement decision", "Ra quyết định thi hành án")    \
    Y(a, b, CASE_EVENT_ASSIGNED, "assigned", "Assignment of an officer",                           \
      "Phân công Chấp hành viên")                                                                  \
    Y(a, b, CASE_EVENT_NOTIFIED, "notified", "Service of the decision on the debtor",              \
      "Thông báo hợp lệ quyết định thi hành án")                                                   \
    Y(a, b, CASE_EVENT_VOLUNTARY_PERIOD_ENDED, "voluntary_period_ended",                           \
      "End of the voluntary period", "Kết thúc thời hạn tự nguyện thi hành")                       \
    Y(a, b, CASE_EVENT_VERIFICATION_RECORDED, "verification_recorded", "Verification result",      \
      "Ghi nhận kết quả xác minh điều kiện thi hành")                                              \
    Y(a, b, CASE_EVENT_CLASSIFIED_ELIGIBLE, "classified_eligible", "Classification as eligible",   \
      "Xác định có điều kiện thi hành")                                                            \
    Y(a, b, CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, "classified_not_eligible",                         \
      "Decision on not yet being eligible", "Ra quyết định về việc chưa có điều kiện thi hành")    \
    Y(a, b, CASE_EVENT_POSTPONED, "postponed", "Postponement", "Hoãn thi hành án")                 \
    Y(a, b, CASE_EVENT_POSTPONEMENT_LIFTED, "postponement_lifted",                                 \
      "Continuation after postponement", "Tiếp tục thi hành án sau khi hoãn")                      \
    Y(a, b, CASE_EVENT_SUSPENDED, "suspended", "Suspension", "Tạm đình chỉ thi hành án")           \
    Y(a, b, CASE_EVENT_RESUMED, "resumed", "Continuation after suspension",                        \
      "Tiếp tục thi hành án sau khi tạm đình chỉ")                                                 \
    Y(a, b, CASE_EVENT_TERMINATED, "terminated", "Termination", "Đình chỉ thi hành án")            \
    Y(a, b, CASE_EVENT_ENTRUSTED_OUT, "entrusted_out", "Entrustment to another agency",            \
      "Ủy thác thi hành án")                                                                       \
    Y(a, b, CASE_EVENT_ENTRUSTMENT_RECEIVED, "entrustment_received", "Receipt of an entrustment",  \
      "Nhận ủy thác thi hành án")                                                                  \
    Y(a, b, CASE_EVENT_MEASURE_APPLIED, "measure_applied", "Protective or compulsory measure",     \
      "Áp dụng biện pháp bảo đảm, cưỡng chế thi hành án")                                          \
    Y(a, b, CASE_EVENT_MONEY_COLLECTED, "money_collected", "Collection of money", "Thu tiền")      \
    Y(a, b, CASE_EVENT_MONEY_PAID, "money_paid", "Payout of money", "Chi trả tiền")                \
    Y(a, b, CASE_EVENT_COMPLETED, "completed", "Completion", "Ghi nhận thi hành xong")             \
    Y(a, b, CASE_EVENT_APPLICATION_RETURNED, "application_returned", "Return of the application",  \
      "Trả đơn yêu cầu thi hành án")                                                               \
    Y(a, b, CASE_EVENT_REVOKED, "revoked", "Revocation of the decision",                           \
      "Thu hồi quyết định thi hành án")                                                            \
    Y(a, b, CASE_EVENT_CORRECTED, "corrected", "Correction", "Đính chính")                         \
    Y(a, b, CASE_EVENT_NOTE, "note", "Note", "Ghi chú")                                            \
    Y(a, b, CASE_EVENT_MONEY_VOIDED, "money_voided", "Void of a receipt", "Hủy biên lai thu tiền") \
    Y(a, b, CASE_EVENT_SENT_TO_PROCURACY, "sent_to_procuracy", "Decision sent to the procuracy",   \
      "Gửi quyết định thi hành án cho Viện kiểm sát")                                              \
    Y(a, b, CASE_EVENT_FROZEN_ON_THE_SPOT, "frozen_on_the_spot", "Freeze on the spot by minutes",  \
      "Lập biên bản phong tỏa tại chỗ")                                                            \
    Y(a, b, CASE_EVENT_FREEZE_DECIDED, "freeze_decided", "Freeze decision",                        \
      "Ra quyết định phong tỏa tài khoản, tài sản")                                                \
    Y(a, b, CASE_EVENT_SEIZED, "seized", "Seizure of assets", "Kê biên tài sản")                   \
    Y(a, b, CASE_EVENT_VALUATION_CONTRACTED, "valuation_contracted", "Valuation service contract", \
      "Ký hợp đồng dịch vụ thẩm định giá")                                                         \
    Y(a, b, CASE_EVENT_VALUATION_NOTIFIED, "valuation_notified", "Notice of the valuation result", \
      "Thông báo kết quả thẩm định giá")                                                           \
    Y(a, b, CASE_EVENT_AUCTION_CONTRACTED, "auction_contracted", "Auction service contract",       \
      "Ký hợp đồng dịch vụ đấu giá")                                                               \
    Y(a, b, CASE_EVENT_AUCTION_HELD, "auction_held", "Sale at auction",                            \
      "Bán đấu giá thành tài sản")                                                                 \
    Y(a, b, CASE_EVENT_AUCTION_FAILED, "auction_failed", "Failed auction",                         \
      "Ghi nhận đấu giá không thành")                                                              \
    Y(a, b, CASE_EVENT_PRICE_REDUCED, "price_reduced", "Reduction of the starting price",          \
      "Giảm giá tài sản")                                                                          \
    Y(a, b, CASE_EVENT_COMPLAINT_RECEIVED, "complaint_received",                                   \
      "Acceptance of a complaint or denunciation", "Thụ lý khiếu nại, tố cáo")                     \
    Y(a, b, CASE_EVENT_COMPLAINT_DECIDED, "complaint_decided",                                     \
      "Decision on a complaint or denunciation", "Giải quyết khiếu nại, tố cáo")                   \
    Y(a, b, CASE_EVENT_COERCION_SCHEDULED, "coercion_scheduled", "Scheduling of a coercion",       \
      "Lên lịch cưỡng chế")                                                                        \
    Y(a, b, CASE_EVENT_PAYOUT_APPROVED, "payout_approved",                                         \
      "Payout approved, payees told to come for it", "Duyệt chi, thông báo đương sự nhận tiền")    \
    Y(a, b, CASE_EVENT_MONEY_DEPOSITED, "money_deposited", "Unclaimed money put on savings",       \
      "Gửi tiết kiệm số tiền đương sự chưa nhận")                                                  \
    Y(a, b, CASE_EVENT_COERCION_CARRIED_OUT, "coercion_carried_out", "Coercion carried out",       \
      "Tổ chức cưỡng chế xong")                                                                    \
    Y(a, b, CASE_EVENT_COERCION_PAID_VOLUNTARILY, "coercion_paid_voluntarily",                     \
      "Paid voluntarily after the coercion decision",                                              \
      "Tự nguyện thi hành sau khi có quyết định cưỡng chế")

typedef struct {
    const char *code, *en, *vi;
} case_name_t;

#define STATE_NAME(id, code, en, vi) [id] = {code, en, vi},
static const case_name_t state_names[CASE_STATE_COUNT] = {CASE_STATES(STATE_NAME)};

#define EVENT_NAME(a, b, id, code, en, vi) [id] = {code, en, vi},
static const case_name_t event_names[CASE_EVENT_COUNT] = {CASE_EVENTS(EVENT_NAME, , )};

static const char *const verify_codes[VERIFY_COUNT] = {
    [VERIFY_NONE] = "none",
    [VERIFY_ELIGIBLE] = "eligible",
    [VERIFY_NOT_ELIGIBLE] = "not_eligible",
    [VERIFY_INCONCLUSIVE] = "inconclusive",
};

/* The refusal reason for each (state, event) pair, in both languages. */
typedef struct {
    const char *en, *vi;
} case_reason_t;

#define REASON_CELL(s_en, s_vi, id, code, e_en, e_vi)                                              \
    [id] = {"A case in state '" s_en "' does not allow '" e_en "'.",                               \
            "Việc ở trạng thái '" s_vi "' không thể '" e_vi "'."},
#define REASON_ROW(id, code, en, vi) [id] = {CASE_EVENTS(REASON_CELL, en, vi)},
static const case_reason_t refusals[CASE_STATE_COUNT][CASE_EVENT_COUNT] = {CASE_STATES(REASON_ROW)};

static const case_reason_t bad_argument = {
    "Unknown state, event or verification result.",
    "Trạng thái, sự kiện hoặc kết quả xác minh không hợp lệ.",
};
static const case_reason_t needs_result = {
    "A verification result must be eligible, not eligible or inconclusive.",
    "Kết quả xác minh phải là có điều kiện, chưa có điều kiện hoặc chưa xác định được.",
};
static const case_reason_t not_a_start = {
    "A case begins only with the receipt of a judgment, an application or an entrustment.",
    "Việc thi hành án chỉ bắt đầu khi tiếp nhận bản án, đơn yêu cầu hoặc nhận ủy thác.",
};

/* ------------------------------------------------------------------------
 * Transitions. LAW: THADS.md 3.2 (Law 26/2008/QH12 as amended by Law 64/2014/QH13).
 *
 * One row: in any state of `from`, event `event` (with verification result `verify`,
 * for verification_recorded only) leads to state `to`, or leaves the state as it is
 * (TO_SAME). No two rows may match the same (state, event, result): the test in
 * tests/core/test_case.c walks every triple against its own table.
 */

#define S(x)    (1u << CASE_STATE_##x)
#define TO_SAME (-1)

/* Active: after the enforcement decision and not yet ended. `received` is not active:
 * before a decision there is nothing to terminate, return, entrust or revoke. */
#define ACTIVE                                                                                     \
    (S(DECIDED) | S(VOLUNTARY_PERIOD) | S(VERIFYING) | S(ENFORCING) | S(NOT_ELIGIBLE) |            \
     S(POSTPONED) | S(SUSPENDED))
/* Open: not terminal. */
#define OPEN (S(RECEIVED) | ACTIVE)
#define TERMINAL                                                                                   \
    (S(REFUSED) | S(COMPLETED) | S(TERMINATED) | S(RETURNED) | S(ENTRUSTED_OUT) | S(REVOKED))

typedef struct {
    unsigned from; /* set of states, bit = case_state_t */
    case_event_t event;
    verify_result_t verify; /* VERIFY_NONE: the row is not about a verification */
    int to;                 /* case_state_t, or TO_SAME */
} transition_row_t;

static const transition_row_t rows[] = {
    /* Creation events (received, entrustment_received) have no row: case_start. */

    /* Receipt. A decision or a written refusal (D4, D6). Revocation, return of the
     * application and termination need a decision to act on, so they are refused here:
     * before a decision the way out is `refused`. */
    {S(RECEIVED), CASE_EVENT_DECIDED, VERIFY_NONE, CASE_STATE_DECIDED},
    {S(RECEIVED), CASE_EVENT_REFUSED, VERIFY_NONE, CASE_STATE_REFUSED},

    /* Valid service of the decision on the debtor starts the voluntary period (D10
     * counts from it, THADS.md 3.6). Only once: a second service is not a new period. */
    {S(DECIDED), CASE_EVENT_NOTIFIED, VERIFY_NONE, CASE_STATE_VOLUNTARY_PERIOD},

    /* The period passes without full performance: verification (D11). Whether it has
     * really passed is the caller's check against rules_due("D10"). */
    {S(VOLUNTARY_PERIOD), CASE_EVENT_VOLUNTARY_PERIOD_ENDED, VERIFY_NONE, CASE_STATE_VERIFYING},

    /* Completion: the debtor performs everything within the voluntary period, or the
     * last payout / hand-over is recorded while enforcing. Not from decided (serve the
     * decision first, even when the debt was already offset), verifying or not_eligible
     * (classify first: the case must sit in an eligible bucket to count as D1). */
    {S(VOLUNTARY_PERIOD) | S(ENFORCING), CASE_EVENT_COMPLETED, VERIFY_NONE, CASE_STATE_COMPLETED},

    /* Verification (Art 44) and re-verification while not eligible (D12, D13): assets
     * found -> enforcing; none -> not_eligible; nothing established -> stays.
     * [M] Design choice, to check: a verification record "not eligible" moves the case to
     * not_eligible by itself, without waiting for the Art 44a decision
     * (classified_not_eligible), which may follow (below). */
    {S(VERIFYING) | S(NOT_ELIGIBLE), CASE_EVENT_VERIFICATION_RECORDED, VERIFY_ELIGIBLE,
     CASE_STATE_ENFORCING},
    {S(VERIFYING) | S(NOT_ELIGIBLE), CASE_EVENT_VERIFICATION_RECORDED, VERIFY_NOT_ELIGIBLE,
     CASE_STATE_NOT_ELIGIBLE},
    {S(VERIFYING) | S(NOT_ELIGIBLE), CASE_EVENT_VERIFICATION_RECORDED, VERIFY_INCONCLUSIVE,
     TO_SAME},

    /* Classification (THADS.md 3.4). The Art 44a decision moves a verifying case to
     * not_eligible; on a case already there (moved by a verification record, above) it
     * is the decision that formalizes the result and changes nothing. A case already
     * enforcing may be classified not eligible too: THADS.md 3.2 has no such row, but
     * seized assets do turn out unsaleable (failed auctions, price below the coercion
     * costs, THADS.md 3.5) and the Art 44a grounds then hold [M, to check]. */
    {S(VERIFYING) | S(NOT_ELIGIBLE), CASE_EVENT_CLASSIFIED_ELIGIBLE, VERIFY_NONE,
     CASE_STATE_ENFORCING},
    {S(VERIFYING) | S(NOT_ELIGIBLE) | S(ENFORCING), CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, VERIFY_NONE,
     CASE_STATE_NOT_ELIGIBLE},

    /* A protective or compulsory measure makes the case enforcing: protective measures
     * may be applied at once, without notice, even during the voluntary period, to stop
     * assets from being hidden (THADS.md 3.2, 3.5). This is also how a provisional
     * urgent measure, which has no voluntary period, goes from decided to enforcing.
     * Not while postponed or suspended: enforcement is stopped until the decision to
     * continue (postponement_lifted, resumed). */
    {S(DECIDED) | S(VOLUNTARY_PERIOD) | S(VERIFYING) | S(NOT_ELIGIBLE) | S(ENFORCING),
     CASE_EVENT_MEASURE_APPLIED, VERIFY_NONE, CASE_STATE_ENFORCING},

    /* Postponement (Art 48): its grounds (the debtor seriously ill, the parties'
     * agreement, a request of a person competent to protest, ...) can arise as soon as the
     * decision exists, so from every active state but postponed and suspended. The
     * decision to continue returns the case to the state it was postponed from: the
     * table says enforcing, and the case engine (core/case_engine.c), which remembers
     * the state (case_facts_t.resume_state), puts the case back there. */
    {S(DECIDED) | S(VOLUNTARY_PERIOD) | S(VERIFYING) | S(ENFORCING) | S(NOT_ELIGIBLE),
     CASE_EVENT_POSTPONED, VERIFY_NONE, CASE_STATE_POSTPONED},
    {S(POSTPONED), CASE_EVENT_POSTPONEMENT_LIFTED, VERIFY_NONE, CASE_STATE_ENFORCING},

    /* Suspension (Art 49): a protest, or the court accepting a bankruptcy petition
     * against the debtor, stops enforcement whatever stage the case is at (D18), a
     * postponed case included. Back by the decision to continue, as for postponement. */
    {S(DECIDED) | S(VOLUNTARY_PERIOD) | S(VERIFYING) | S(ENFORCING) | S(NOT_ELIGIBLE) |
         S(POSTPONED),
     CASE_EVENT_SUSPENDED, VERIFY_NONE, CASE_STATE_SUSPENDED},
    {S(SUSPENDED), CASE_EVENT_RESUMED, VERIFY_NONE, CASE_STATE_ENFORCING},

    /* Endings from any active state: termination (Art 50), return of the application
     * (Art 51; only of a case opened on application, which the engine checks: the table
     * does not know a case's source), entrustment (Art 55; the receiving agency opens its
     * own case), and revocation of the decision (Art 37 [M]). A written refusal (Art 31,
     * above) likewise answers an application only. */
    {ACTIVE, CASE_EVENT_TERMINATED, VERIFY_NONE, CASE_STATE_TERMINATED},
    {ACTIVE, CASE_EVENT_APPLICATION_RETURNED, VERIFY_NONE, CASE_STATE_RETURNED},
    {ACTIVE, CASE_EVENT_ENTRUSTED_OUT, VERIFY_NONE, CASE_STATE_ENTRUSTED_OUT},
    {ACTIVE, CASE_EVENT_REVOKED, VERIFY_NONE, CASE_STATE_REVOKED},

    /* Records that change no state. Assignment and money only on an open case: a
     * completed case holds no money (THADS.md 3.2 invariant). Notes and corrections on
     * any case, closed ones included: a wrong entry found after the case ended must
     * still be correctable, and the register's notes column stays writable. */
    {OPEN, CASE_EVENT_ASSIGNED, VERIFY_NONE, TO_SAME},
    {OPEN, CASE_EVENT_MONEY_COLLECTED, VERIFY_NONE, TO_SAME},
    {OPEN, CASE_EVENT_MONEY_PAID, VERIFY_NONE, TO_SAME},
    {OPEN, CASE_EVENT_MONEY_VOIDED, VERIFY_NONE, TO_SAME},
    {OPEN, CASE_EVENT_PAYOUT_APPROVED, VERIFY_NONE, TO_SAME},
    {OPEN, CASE_EVENT_MONEY_DEPOSITED, VERIFY_NONE, TO_SAME},
    {OPEN | TERMINAL, CASE_EVENT_CORRECTED, VERIFY_NONE, TO_SAME},
    {OPEN | TERMINAL, CASE_EVENT_NOTE, VERIFY_NONE, TO_SAME},

    /* Issue 12: the steps behind the deadlines of THADS.md 3.3 that had no event.
     *
     * The decision goes to the procuracy (Art 38, D8) once it exists, whatever has
     * happened since, a stopped case included: the dispatch is late, not refused. */
    {ACTIVE, CASE_EVENT_SENT_TO_PROCURACY, VERIFY_NONE, TO_SAME},
    /* A freeze, on the spot by minutes or by decision (Art 67), is a protective measure:
     * like measure_applied, at once, from the decision on, and the case is enforcing. */
    {S(DECIDED) | S(VOLUNTARY_PERIOD) | S(VERIFYING) | S(NOT_ELIGIBLE) | S(ENFORCING),
     CASE_EVENT_FROZEN_ON_THE_SPOT, VERIFY_NONE, CASE_STATE_ENFORCING},
    {S(DECIDED) | S(VOLUNTARY_PERIOD) | S(VERIFYING) | S(NOT_ELIGIBLE) | S(ENFORCING),
     CASE_EVENT_FREEZE_DECIDED, VERIFY_NONE, CASE_STATE_ENFORCING},
    /* Seizure (kê biên) is a compulsory measure: only once the voluntary period is over
     * (Art 46), so not from decided or the voluntary period [M: an urgent measure's case,
     * which has no voluntary period, gets there by a protective measure first]. */
    {S(VERIFYING) | S(NOT_ELIGIBLE) | S(ENFORCING), CASE_EVENT_SEIZED, VERIFY_NONE,
     CASE_STATE_ENFORCING},
    /* The sale of what was seized (Art 98-104) and the coercions planned are steps of a
     * case being enforced; while it is postponed or suspended they wait. */
    {S(ENFORCING), CASE_EVENT_VALUATION_CONTRACTED, VERIFY_NONE, TO_SAME},
    {S(ENFORCING), CASE_EVENT_VALUATION_NOTIFIED, VERIFY_NONE, TO_SAME},
    {S(ENFORCING), CASE_EVENT_AUCTION_CONTRACTED, VERIFY_NONE, TO_SAME},
    {S(ENFORCING), CASE_EVENT_AUCTION_HELD, VERIFY_NONE, TO_SAME},
    {S(ENFORCING), CASE_EVENT_AUCTION_FAILED, VERIFY_NONE, TO_SAME},
    {S(ENFORCING), CASE_EVENT_PRICE_REDUCED, VERIFY_NONE, TO_SAME},
    {S(ENFORCING), CASE_EVENT_COERCION_SCHEDULED, VERIFY_NONE, TO_SAME},
    /* A complaint (Art 140 ff.) may be about any decision or act, the one that ended the
     * case included, so it is received and decided on any case, closed ones too. */
    {OPEN | TERMINAL, CASE_EVENT_COMPLAINT_RECEIVED, VERIFY_NONE, TO_SAME},
    {OPEN | TERMINAL, CASE_EVENT_COMPLAINT_DECIDED, VERIFY_NONE, TO_SAME},
    /* Issue 15: what became of a coercion decision. It is carried out while the case is
     * enforced, like the coercion scheduled; the debtor may pay whatever the case's stage
     * once the decision exists (a postponement or suspension after it included), and the
     * officer records it with the payment, before the case completes on it. Either needs
     * a decision still pending on the case (the engine counts them). */
    {S(ENFORCING), CASE_EVENT_COERCION_CARRIED_OUT, VERIFY_NONE, TO_SAME},
    {ACTIVE, CASE_EVENT_COERCION_PAID_VOLUNTARILY, VERIFY_NONE, TO_SAME},
};

/* ------------------------------------------------------------------------
 * Statistics buckets. LAW: Circular 06/2019/TT-BTP; THADS.md 5.2.
 *
 * [M] decided, voluntary_period and verifying are accepted (counted in A) but not yet
 *     classified. THADS.md leaves the choice open ("treat as D3 or flag it"); they get
 *     their own bucket so a report shows them instead of silently folding them into D3
 *     or, through E = C - D, into E.
 * [M] returned: "removed or own line". Its own bucket, neither eligible nor E; whether a
 *     report subtracts it from C or prints it on its own line is the report's choice.
 * [M] revoked: "revoked decisions removed" from A and C. Its own bucket so it can be
 *     subtracted; never eligible.
 * D6 "other" has no state: nothing is counted there.
 */
static const case_stat_t state_bucket[CASE_STATE_COUNT] = {
    [CASE_STATE_RECEIVED] = STAT_NONE,
    [CASE_STATE_REFUSED] = STAT_NONE,
    [CASE_STATE_DECIDED] = STAT_UNCLASSIFIED,
    [CASE_STATE_VOLUNTARY_PERIOD] = STAT_UNCLASSIFIED,
    [CASE_STATE_VERIFYING] = STAT_UNCLASSIFIED,
    [CASE_STATE_ENFORCING] = STAT_D3_ENFORCING,
    [CASE_STATE_NOT_ELIGIBLE] = STAT_E_NOT_ELIGIBLE,
    [CASE_STATE_POSTPONED] = STAT_D4_POSTPONED,
    [CASE_STATE_SUSPENDED] = STAT_D5_SUSPENDED,
    [CASE_STATE_COMPLETED] = STAT_D1_COMPLETED,
    [CASE_STATE_TERMINATED] = STAT_D2_TERMINATED,
    [CASE_STATE_RETURNED] = STAT_RETURNED,
    [CASE_STATE_ENTRUSTED_OUT] = STAT_B_ENTRUSTED,
    [CASE_STATE_REVOKED] = STAT_REVOKED,
};

static const struct {
    const char *code, *name_vi;
    int eligible;
} stat_names[STAT_COUNT] = {
    [STAT_NONE] = {"none", "Chưa thụ lý", 0},
    [STAT_UNCLASSIFIED] = {"unclassified", "Đã thụ lý, chưa phân loại", 0},
    [STAT_D1_COMPLETED] = {"d1_completed", "Thi hành xong", 1},
    [STAT_D2_TERMINATED] = {"d2_terminated", "Đình chỉ thi hành án", 1},
    [STAT_D3_ENFORCING] = {"d3_enforcing", "Đang thi hành", 1},
    [STAT_D4_POSTPONED] = {"d4_postponed", "Hoãn thi hành án", 1},
    [STAT_D5_SUSPENDED] = {"d5_suspended", "Tạm đình chỉ thi hành án", 1},
    [STAT_E_NOT_ELIGIBLE] = {"e_not_eligible", "Chưa có điều kiện thi hành", 0},
    [STAT_B_ENTRUSTED] = {"b_entrusted", "Ủy thác thi hành án", 0},
    [STAT_RETURNED] = {"returned", "Trả đơn yêu cầu thi hành án", 0},
    [STAT_REVOKED] = {"revoked", "Thu hồi quyết định thi hành án", 0},
};

/* ------------------------------------------------------------------------
 * Functions.
 */

const char *case_state_code(case_state_t s)
{
    return (unsigned)s < CASE_STATE_COUNT ? state_names[s].code : "?";
}

const char *case_state_name_vi(case_state_t s)
{
    return (unsigned)s < CASE_STATE_COUNT ? state_names[s].vi : "?";
}

const char *case_state_name_en(case_state_t s)
{
    return (unsigned)s < CASE_STATE_COUNT ? state_names[s].en : "?";
}

int case_state_parse(const char *code)
{
    for (int i = 0; code != NULL && i < CASE_STATE_COUNT; i++)
        if (strcmp(state_names[i].code, code) == 0)
            return i;
    return -1;
}

const char *case_event_code(case_event_t e)
{
    return (unsigned)e < CASE_EVENT_COUNT ? event_names[e].code : "?";
}

const char *case_event_name_vi(case_event_t e)
{
    return (unsigned)e < CASE_EVENT_COUNT ? event_names[e].vi : "?";
}

const char *case_event_name_en(case_event_t e)
{
    return (unsigned)e < CASE_EVENT_COUNT ? event_names[e].en : "?";
}

int case_event_parse(const char *code)
{
    for (int i = 0; code != NULL && i < CASE_EVENT_COUNT; i++)
        if (strcmp(event_names[i].code, code) == 0)
            return i;
    return -1;
}

const char *case_verify_code(verify_result_t v)
{
    return (unsigned)v < VERIFY_COUNT ? verify_codes[v] : "?";
}

int case_verify_parse(const char *code)
{
    for (int i = 0; code != NULL && i < VERIFY_COUNT; i++)
        if (strcmp(verify_codes[i], code) == 0)
            return i;
    return -1;
}

static int case_refuse(const case_reason_t *r, const char **reason_en, const char **reason_vi)
{
    if (reason_en != NULL)
        *reason_en = r->en;
    if (reason_vi != NULL)
        *reason_vi = r->vi;
    return -1;
}

int case_start(case_event_t e, case_state_t *first, const char **reason_en, const char **reason_vi)
{
    if (e != CASE_EVENT_RECEIVED && e != CASE_EVENT_ENTRUSTMENT_RECEIVED)
        return case_refuse(&not_a_start, reason_en, reason_vi);
    if (first != NULL)
        *first = CASE_STATE_RECEIVED;
    return 0;
}

/* The row for (s, e, v), or NULL. With v == VERIFY_NONE a verification row never
 * matches, so the caller can tell "no result given" from "not allowed here". */
static const transition_row_t *case_find_row(case_state_t s, case_event_t e, verify_result_t v)
{
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const transition_row_t *r = &rows[i];
        if ((r->from & (1u << s)) && r->event == e && r->verify == v)
            return r;
    }
    return NULL;
}

int case_transition(case_state_t s, case_event_t e, verify_result_t v, case_state_t *next,
                    const char **reason_en, const char **reason_vi)
{
    if ((unsigned)s >= CASE_STATE_COUNT || (unsigned)e >= CASE_EVENT_COUNT ||
        (unsigned)v >= VERIFY_COUNT)
        return case_refuse(&bad_argument, reason_en, reason_vi);

    const transition_row_t *r;
    if (e == CASE_EVENT_VERIFICATION_RECORDED) {
        if (v == VERIFY_NONE) {
            /* Allowed here with some result? Then the result is what is missing. */
            if (case_find_row(s, e, VERIFY_INCONCLUSIVE) != NULL)
                return case_refuse(&needs_result, reason_en, reason_vi);
            return case_refuse(&refusals[s][e], reason_en, reason_vi);
        }
        r = case_find_row(s, e, v);
    } else {
        r = case_find_row(s, e, VERIFY_NONE);
    }
    if (r == NULL)
        return case_refuse(&refusals[s][e], reason_en, reason_vi);

    case_state_t to = r->to == TO_SAME ? s : (case_state_t)r->to;
    /* Invariant of the table: nothing leaves a terminal state. */
    assert(!((TERMINAL >> s) & 1u) || to == s);
    if (next != NULL)
        *next = to;
    return 0;
}

int case_state_is_terminal(case_state_t s)
{
    return (unsigned)s < CASE_STATE_COUNT && ((TERMINAL >> s) & 1u);
}

int case_event_needs_document(case_event_t e)
{
    switch (e) {
    /* Payments carry their own receipts and vouchers (the ledger's), not a decision. */
    case CASE_EVENT_MONEY_COLLECTED:
    case CASE_EVENT_MONEY_PAID:
    case CASE_EVENT_MONEY_VOIDED:
    /* The head's approval is written on the allocation it approves (allocation_approval). */
    case CASE_EVENT_PAYOUT_APPROVED:
    /* The bank's deposit slip is the ledger's (a transaction of the case). */
    case CASE_EVENT_MONEY_DEPOSITED:
    /* Caused by payments or hand-overs already recorded: enforcement ends by itself on
     * full performance (Art 52 [M]); the payout vouchers and hand-over minutes are the
     * evidence. */
    case CASE_EVENT_COMPLETED:
    /* A lapse of time (D10), computed, not signed. */
    case CASE_EVENT_VOLUNTARY_PERIOD_ENDED:
    /* Remarks about the file, not acts of enforcement. */
    case CASE_EVENT_CORRECTED:
    case CASE_EVENT_NOTE:
    /* The payment that made a coercion decision needless has its receipt (issue 15). */
    case CASE_EVENT_COERCION_PAID_VOLUNTARILY:
        return 0;
    /* Every other event is an act with its own paper: the judgment or application, the
     * refusal notice, the decisions (enforcement, Art 44a, postponement, suspension,
     * continuation, termination, entrustment, return, revocation, each measure), the
     * service record, the verification minutes — and the assignment of the officer,
     * which changes no state but is itself a decision of the head (Art 36). */
    case CASE_EVENT_RECEIVED:
    case CASE_EVENT_REFUSED:
    case CASE_EVENT_DECIDED:
    case CASE_EVENT_ASSIGNED:
    case CASE_EVENT_NOTIFIED:
    case CASE_EVENT_VERIFICATION_RECORDED:
    case CASE_EVENT_CLASSIFIED_ELIGIBLE:
    case CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE:
    case CASE_EVENT_POSTPONED:
    case CASE_EVENT_POSTPONEMENT_LIFTED:
    case CASE_EVENT_SUSPENDED:
    case CASE_EVENT_RESUMED:
    case CASE_EVENT_TERMINATED:
    case CASE_EVENT_ENTRUSTED_OUT:
    case CASE_EVENT_ENTRUSTMENT_RECEIVED:
    case CASE_EVENT_MEASURE_APPLIED:
    case CASE_EVENT_APPLICATION_RETURNED:
    case CASE_EVENT_REVOKED:
    /* the dispatch, the minutes and decisions, the contracts, the notice, the auction's
     * minutes, the complaint and its decision, the coercion plan */
    case CASE_EVENT_SENT_TO_PROCURACY:
    case CASE_EVENT_FROZEN_ON_THE_SPOT:
    case CASE_EVENT_FREEZE_DECIDED:
    case CASE_EVENT_SEIZED:
    case CASE_EVENT_VALUATION_CONTRACTED:
    case CASE_EVENT_VALUATION_NOTIFIED:
    case CASE_EVENT_AUCTION_CONTRACTED:
    case CASE_EVENT_AUCTION_HELD:
    case CASE_EVENT_AUCTION_FAILED:
    case CASE_EVENT_PRICE_REDUCED:
    case CASE_EVENT_COMPLAINT_RECEIVED:
    case CASE_EVENT_COMPLAINT_DECIDED:
    case CASE_EVENT_COERCION_SCHEDULED:
    case CASE_EVENT_COERCION_CARRIED_OUT: /* the minutes of the coercion */
        return 1;
    case CASE_EVENT_COUNT:
        break;
    }
    return 0;
}

case_stat_t case_stat_bucket(case_state_t s)
{
    return (unsigned)s < CASE_STATE_COUNT ? state_bucket[s] : STAT_NONE;
}

const char *case_stat_code(case_stat_t b)
{
    return (unsigned)b < STAT_COUNT ? stat_names[b].code : "?";
}

const char *case_stat_name_vi(case_stat_t b)
{
    return (unsigned)b < STAT_COUNT ? stat_names[b].name_vi : "?";
}

int case_stat_parse(const char *code)
{
    for (int i = 0; code != NULL && i < STAT_COUNT; i++)
        if (strcmp(stat_names[i].code, code) == 0)
            return i;
    return -1;
}

int case_stat_is_eligible(case_stat_t b)
{
    return (unsigned)b < STAT_COUNT && stat_names[b].eligible;
}

/* ------------------------------------------------------------------------
 * English names of the buckets, and names of the verification results, for the UI and
 * the catalogue (GET /api/catalog).
 */

static const char *const stat_names_en[STAT_COUNT] = {
    [STAT_NONE] = "Not yet a case",
    [STAT_UNCLASSIFIED] = "Accepted, not yet classified",
    [STAT_D1_COMPLETED] = "Completed",
    [STAT_D2_TERMINATED] = "Terminated",
    [STAT_D3_ENFORCING] = "Being enforced",
    [STAT_D4_POSTPONED] = "Postponed",
    [STAT_D5_SUSPENDED] = "Suspended",
    [STAT_E_NOT_ELIGIBLE] = "Not yet eligible",
    [STAT_B_ENTRUSTED] = "Entrusted to another agency",
    [STAT_RETURNED] = "Application returned",
    [STAT_REVOKED] = "Enforcement decision revoked",
};

const char *case_stat_name_en(case_stat_t b)
{
    return (unsigned)b < STAT_COUNT ? stat_names_en[b] : "?";
}

static const struct {
    const char *vi, *en;
} verify_names[VERIFY_COUNT] = {
    [VERIFY_NONE] = {"Không có kết quả xác minh", "No verification result"},
    [VERIFY_ELIGIBLE] = {"Có điều kiện thi hành", "Eligible"},
    [VERIFY_NOT_ELIGIBLE] = {"Chưa có điều kiện thi hành", "Not yet eligible"},
    [VERIFY_INCONCLUSIVE] = {"Chưa xác định được", "Inconclusive"},
};

const char *case_verify_name_vi(verify_result_t v)
{
    return (unsigned)v < VERIFY_COUNT ? verify_names[v].vi : "?";
}

const char *case_verify_name_en(verify_result_t v)
{
    return (unsigned)v < VERIFY_COUNT ? verify_names[v].en : "?";
}

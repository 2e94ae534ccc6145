/*
 * core/message.c — the catalogue's entries, in the order of message_id_t.
 */
#include "core/message.h"
#include "core/money.h"

#include <string.h>

static const message_t messages[MSG_COUNT] = {
    [MSG_MISSING_FIELD] = {"missing_field", "This field is required.", "Trường này là bắt buộc."},
    [MSG_TEXT_INVALID] = {"invalid_value", "Must be text of at most %s characters: %s.",
                          "Phải là văn bản tối đa %s ký tự: %s."},
    [MSG_TEXT_TOO_LONG] = {"too_long", "Must be text of at most %s characters: %s.",
                           "Phải là văn bản tối đa %s ký tự: %s."},
    [MSG_OUT_OF_MEMORY] = {"internal", "Out of memory.", "Hết bộ nhớ."},
    [MSG_TRANSITION] = {"transition_not_allowed", "%s", "%s"},
    [MSG_EVENT_DATE] = {"invalid_date", "The legal date is missing or in the future.",
                        "Ngày của sự kiện bị thiếu hoặc ở tương lai."},
    [MSG_BEFORE_LAST_EVENT] = {"before_last_event",
                               "The event is dated before the case's last event; events are "
                               "recorded in the order of their legal dates.",
                               "Ngày của sự kiện trước sự kiện gần nhất của việc; sự kiện được "
                               "ghi theo thứ tự ngày."},
    [MSG_OFFICER_MISSING] = {"missing_field", "Name the officer to assign.",
                             "Cần chỉ định chấp hành viên."},
    [MSG_PERIOD_RUNNING] = {"period_running", "The voluntary period runs until %s.",
                            "Thời hạn tự nguyện thi hành án còn đến hết ngày %s."},
    [MSG_AMOUNT_NOT_POSITIVE] = {"invalid_value", "The amount must be a positive number of đồng.",
                                 "Số tiền phải là số đồng dương."},
    [MSG_MORE_THAN_HELD] = {"more_than_held", "More than the case holds can not be paid out.",
                            "Không thể chi trả nhiều hơn số tiền đang tạm giữ của việc."},
    [MSG_MONEY_HELD] = {"money_held", "The case still holds money: pay it out before completing.",
                        "Việc còn tiền tạm giữ: cần chi trả trước khi kết thúc."},
    [MSG_CORRECTS_SEQ] = {"invalid_value", "Name the number of the event being corrected.",
                          "Cần ghi số thứ tự của sự kiện được đính chính."},
    [MSG_TOO_MANY_EVENTS] = {"too_many_events", "At most %s events can be recorded at once.",
                             "Chỉ ghi được tối đa %s sự kiện một lần."},
    [MSG_CASE_START] = {"transition_not_allowed", "%s", "%s"},
    [MSG_ONLY_ON_APPLICATION] = {"transition_not_allowed",
                                 "Only a case opened on a creditor's application can be refused "
                                 "or have its application returned.",
                                 "Chỉ việc thi hành án theo đơn yêu cầu mới có thể bị từ chối hoặc "
                                 "trả đơn."},
    [MSG_NOT_FOR_THIS_EVENT] = {"invalid_value", "This event does not take this field.",
                                "Sự kiện này không có trường này."},
    [MSG_AMOUNT_OVER_MAX] =
        {"too_large",
         "An amount, and a case's amounts together, are at most " MONEY_AMOUNT_MAX_TEXT_EN " đồng.",
         "Số tiền, và tổng số tiền của một việc, tối đa là " MONEY_AMOUNT_MAX_TEXT_VI " đồng."},
    [MSG_GROUND_AFTER_EVENT] = {"invalid_date",
                                "The ground for the decision cannot arise after the decision.",
                                "Căn cứ ra quyết định không thể phát sinh sau ngày ra quyết định."},
    /* LAW: Decree 62/2015/NĐ-CP art. 13 — when no coercion may be organized */
    [MSG_COERCION_REST_DAY] = {"coercion_blackout",
                               "No coercion on a weekly rest day or a public holiday (%s).",
                               "Không tổ chức cưỡng chế vào ngày nghỉ hằng tuần, ngày lễ, tết "
                               "(%s)."},
    [MSG_COERCION_NEAR_TET] = {"coercion_blackout",
                               "No coercion mobilizing forces on %s: within %s days of Tết "
                               "(%s).",
                               "Không tổ chức cưỡng chế có huy động lực lượng vào ngày %s: trong "
                               "%s ngày trước hoặc sau Tết Nguyên đán (%s)."},
    [MSG_PLANNED_BEFORE_EVENT] = {"invalid_date",
                                  "A coercion is planned for a day on or after it is scheduled.",
                                  "Ngày cưỡng chế phải từ ngày lên lịch trở đi."},
    /* LAW: Art 48 */
    [MSG_PROTEST_REQUEST_LATE] = {"request_too_late",
                                  "A postponement asked by a person competent to protest must "
                                  "arrive at least %s hours before the coercion scheduled on %s.",
                                  "Yêu cầu hoãn của người có thẩm quyền kháng nghị phải đến ít "
                                  "nhất %s giờ trước thời điểm cưỡng chế ngày %s."},
    /* LAW: Art 104 */
    [MSG_PRICE_CUT_TOO_LARGE] = {"price_cut_too_large",
                                 "Each cut is at most %s of the previous starting price: the new "
                                 "starting price is at least %s đồng.",
                                 "Mỗi lần giảm không quá %s giá khởi điểm lần trước: giá khởi "
                                 "điểm mới ít nhất là %s đồng."},
    /* operations (ops/) */
    [MSG_NO_SUCH_USER] = {"not_found", "No such user.", "Không tìm thấy người dùng."},
    [MSG_NOT_AN_OFFICER] =
        {"not_an_officer", "Cases are assigned to an active enforcement officer.",
         "Việc thi hành án phải được phân công cho chấp hành viên đang làm việc."},
    [MSG_OFFICER_ELSEWHERE] = {"officer_elsewhere", "The officer works in another unit.",
                               "Chấp hành viên thuộc đơn vị khác."},
    [MSG_RECEIVED_ON_DATE] = {"invalid_date", "The date received is missing or in the future.",
                              "Ngày thụ lý bị thiếu hoặc ở tương lai."},
    [MSG_JUDGMENT_DATE] = {"invalid_date",
                           "The judgment must be dated on or before the day it was received.",
                           "Ngày bản án phải trước hoặc bằng ngày thụ lý."},
    [MSG_NO_SUCH_UNIT] = {"not_found", "No such unit.", "Không tìm thấy đơn vị."},
    [MSG_NOT_AN_ENFORCEMENT_UNIT] =
        {"not_an_enforcement_unit",
         "Cases belong to an enforcement unit existing on the day received.",
         "Việc thi hành án phải thuộc cơ quan thi hành án đang hoạt động vào ngày thụ lý."},
    [MSG_DUPLICATE_CASE_NO] = {"duplicate_case_no",
                               "This unit already has a case numbered %s of %s.",
                               "Đơn vị đã có việc thi hành án số %s năm %s."},
    [MSG_CASE_YEAR] = {"invalid_value",
                       "The year of the decision to enforce is from %s (the year received) to %s "
                       "(this year).",
                       "Năm của quyết định thi hành án phải từ %s (năm thụ lý) đến %s (năm nay)."},
    [MSG_NO_SUCH_CASE] = {"not_found", "No such case.", "Không tìm thấy việc thi hành án."},
    [MSG_PARTIES_COUNT] = {"invalid_value", "A case has 1-64 parties, at least one debtor.",
                           "Một việc có từ 1 đến 64 đương sự, ít nhất một người phải thi hành án."},
    [MSG_PARTY_ROLE] = {"invalid_value", "role must be creditor, debtor or related.",
                        "Vai trò phải là creditor, debtor hoặc related."},
    [MSG_PARTY_KIND] = {"invalid_value", "kind must be person, organization or state.",
                        "Loại đương sự phải là person, organization hoặc state."},
    [MSG_ID_NUMBER] = {"invalid_value",
                       "The ID number must be a CCCD (12 digits) or a tax code (10 or 13).",
                       "Số định danh phải là CCCD (12 số) hoặc mã số thuế (10 hoặc 13 số)."},
    [MSG_NO_DEBTOR] = {"invalid_value", "A case needs at least one judgment debtor.",
                       "Việc thi hành án phải có ít nhất một người phải thi hành án."},
    [MSG_ITEMS_COUNT] = {"invalid_value", "At most 64 items.", "Tối đa 64 khoản."},
    [MSG_CONTENT_TYPE] = {"invalid_value", "Unknown content type.", "Loại khoản không hợp lệ."},
    [MSG_AMOUNT_NEGATIVE] = {"invalid_value", "An amount cannot be negative.",
                             "Số tiền không được âm."},
    [MSG_PAYMENT_RANK] = {"invalid_value", "payment_rank is 1, 2 or 3 (Art 47).",
                          "Thứ tự thanh toán là 1, 2 hoặc 3 (Điều 47)."},
    [MSG_ITEM_CREDITOR] = {"invalid_value", "creditor must point at a party who is a creditor.",
                           "Người được thi hành án phải là một đương sự có vai trò creditor."},
    [MSG_SOURCE] = {"invalid_value", "source is application or ex_officio.",
                    "Nguồn là application (theo đơn) hoặc ex_officio (chủ động)."},
    [MSG_CATEGORY] = {"invalid_value",
                      "category is one of civil, marriage_family, labour, criminal_civil, credit, "
                      "corruption, administrative.",
                      "Loại việc không hợp lệ."},
    [MSG_ENTRUST_TARGET] = {"not_an_enforcement_unit",
                            "Entrust to another enforcement agency existing that day.",
                            "Chỉ ủy thác cho cơ quan thi hành án khác đang hoạt động vào ngày đó."},
    [MSG_ENTRUST_DUPLICATE_CASE_NO] = {"duplicate_case_no",
                                       "The receiving unit already has a case numbered %s of %s.",
                                       "Đơn vị nhận ủy thác đã có việc số %s năm %s."},
    [MSG_UNIT_NEEDS_PARENT] = {"missing_field", "Every unit but a ministry has a parent.",
                               "Mọi đơn vị (trừ Bộ) phải có đơn vị cấp trên."},
    [MSG_PARENT_NOT_VALID] = {"parent_not_valid", "The parent unit does not exist on valid_from.",
                              "Đơn vị cấp trên không tồn tại vào ngày bắt đầu."},
    [MSG_OUTLIVES_PARENT] =
        {"outlives_parent",
         "The unit would outlive its parent; give a valid_to on or before the parent's.",
         "Đơn vị không thể tồn tại lâu hơn đơn vị cấp trên."},
    [MSG_DUPLICATE_UNIT_CODE] = {"duplicate_code", "A unit with this code exists.",
                                 "Mã đơn vị đã tồn tại."},
    [MSG_UNIT_NOT_VALID_ON] = {"not_valid_on", "The unit does not exist on that day.",
                               "Đơn vị không tồn tại vào ngày đó."},
    [MSG_NEW_PARENT_NOT_VALID] = {"parent_not_valid", "The new parent does not exist on that day.",
                                  "Đơn vị cấp trên mới không tồn tại vào ngày đó."},
    [MSG_MOVE_OUT_OF_ORDER] = {"out_of_order",
                               "A move must be dated after the unit's last change of parent.",
                               "Ngày chuyển phải sau lần thay đổi đơn vị cấp trên gần nhất."},
    [MSG_SAME_PARENT] = {"same_parent", "The unit is already there.",
                         "Đơn vị đã thuộc đơn vị cấp trên này."},
    [MSG_CYCLE] = {"cycle",
                   "The new parent is the unit itself or below it; that would make a cycle.",
                   "Đơn vị cấp trên mới là chính đơn vị hoặc đơn vị cấp dưới của nó."},
    [MSG_NEW_PARENT_CLOSES_FIRST] = {"outlives_parent",
                                     "The new parent closes before the unit does.",
                                     "Đơn vị cấp trên mới chấm dứt trước đơn vị này."},
    [MSG_ALREADY_CLOSED] = {"already_closed", "The unit is already closed by then.",
                            "Đơn vị đã chấm dứt hoạt động vào thời điểm đó."},
    [MSG_CLOSE_BEFORE_START] = {"not_valid_on", "A unit cannot close before it began.",
                                "Đơn vị không thể chấm dứt trước ngày bắt đầu."},
    [MSG_SUCCESSOR_NOT_VALID] = {"successor_not_valid",
                                 "The successor must be another unit existing the day after.",
                                 "Đơn vị kế thừa phải là đơn vị khác, tồn tại vào ngày hôm sau."},
    [MSG_CLOSE_OUT_OF_ORDER] =
        {"out_of_order", "A unit cannot close before its last change of parent.",
         "Đơn vị không thể chấm dứt trước lần thay đổi đơn vị cấp trên gần nhất."},
    [MSG_USERNAME] = {"invalid_value", "A username has 3-64 characters: a-z, 0-9, '.', '_', '-'.",
                      "Tên đăng nhập dài 3-64 ký tự gồm a-z, 0-9, '.', '_', '-'."},
    [MSG_OUT_OF_MEMORY_HASHING] = {"internal", "Out of memory hashing the password.",
                                   "Không đủ bộ nhớ để mã hóa mật khẩu."},
    [MSG_UNKNOWN_UNIT_KIND] = {"internal", "Unknown unit kind.", "Loại đơn vị lạ."},
    [MSG_ROLE_NEEDS_ENFORCEMENT_UNIT] =
        {"role_unit_mismatch",
         "Officers, secretaries, accountants and warehouse keepers belong to an enforcement unit.",
         "Chấp hành viên, thư ký, kế toán, thủ kho phải thuộc cơ quan thi hành án."},
    [MSG_ROLE_NEEDS_PRISON] = {"role_unit_mismatch",
                               "Prison officers belong to a prison or detention camp.",
                               "Cán bộ trại giam phải thuộc trại giam hoặc trại tạm giam."},
    [MSG_NO_ROLE] = {"missing_field", "Give the user at least one role.",
                     "Người dùng phải có ít nhất một vai trò."},
    [MSG_UNIT_CLOSED] = {"unit_closed", "The unit does not exist today (closed or not yet open).",
                         "Đơn vị không còn hoặc chưa hoạt động."},
    [MSG_DUPLICATE_USERNAME] = {"duplicate_username", "This username is taken.",
                                "Tên đăng nhập đã được sử dụng."},
    [MSG_ALREADY_DISABLED] = {"already_disabled", "The account is already disabled.",
                              "Tài khoản đã bị khóa."},
    [MSG_DB_UNAVAILABLE] = {"db_unavailable", "The database is busy or unreachable; try again.",
                            "Cơ sở dữ liệu đang bận hoặc không truy cập được; hãy thử lại."},
    [MSG_INTERNAL_LOGGED] = {"internal", "Internal error; it has been logged.",
                             "Lỗi hệ thống; lỗi đã được ghi nhận."},
    /* money (core/allocation.c, core/fee.c, core/receipt.c) */
    [MSG_ALLOC_STEP] = {"invalid_value",
                        "The place of this obligation in the order of payment is unknown.",
                        "Không xác định được thứ tự thanh toán của khoản này."},
    [MSG_ALLOC_DUPLICATE_CLAIM] = {"duplicate_claim",
                                   "The same obligation is listed twice in one split.",
                                   "Một khoản được liệt kê hai lần trong cùng một lần phân chia."},
    [MSG_ALLOC_SHARE_ABOVE_OWED] = {"share_above_owed",
                                    "A share cannot be more than is still owed on the obligation.",
                                    "Số tiền chia không được lớn hơn số còn phải thi hành của "
                                    "khoản này."},
    [MSG_ALLOC_SUM] = {"allocation_sum",
                       "The shares and what goes back to the debtor must add up to the amount "
                       "collected.",
                       "Tổng các khoản chia và số trả lại người phải thi hành án phải bằng số "
                       "tiền thu được."},
    [MSG_ALLOC_SURPLUS_UNPAID] = {"surplus_while_unpaid",
                                  "Money goes back to the debtor only when every obligation here "
                                  "is paid in full.",
                                  "Chỉ trả lại tiền cho người phải thi hành án khi các khoản phải "
                                  "thi hành đã được thanh toán đủ."},
    [MSG_FEE_NO_SCHEDULE] = {"no_fee_schedule",
                             "No enforcement fee schedule or base salary is in force on %s.",
                             "Không có biểu phí thi hành án hoặc mức lương cơ sở áp dụng cho "
                             "ngày %s."},
    [MSG_FEE_REDUCTION] = {"invalid_value",
                           "The fee reduction for a poor household is at most %s percent.",
                           "Mức giảm phí cho hộ nghèo tối đa là %s phần trăm."},
    [MSG_RECEIPT_NUMBER] = {"invalid_value",
                            "A receipt number is written UNIT/YEAR/NUMBER with a number of 7 "
                            "digits, e.g. NA-KV1/2026/0000123.",
                            "Số biên lai có dạng ĐƠN_VỊ/NĂM/SỐ, số gồm 7 chữ số, ví dụ "
                            "NA-KV1/2026/0000123."},
    [MSG_RECEIPT_KIND] = {"invalid_value",
                          "Unknown receipt form (C28-THA, C29-THA, C30-THA or C31-THA).",
                          "Mẫu biên lai không đúng (C28-THA, C29-THA, C30-THA hoặc C31-THA)."},
    [MSG_RECEIPT_NUMBERS_USED_UP] = {"receipt_numbers_used_up",
                                     "Every receipt number of series %s is used.",
                                     "Đã dùng hết số biên lai của ký hiệu %s."},
    [MSG_RECEIPT_PAID_OUT] = {"receipt_paid_out",
                              "The money of this receipt has been paid out, in whole or in "
                              "part: it can no longer be voided.",
                              "Tiền của biên lai này đã được chi trả (toàn bộ hoặc một phần): "
                              "không thể hủy biên lai."},
    [MSG_RECEIPT_VOIDED] = {"receipt_voided", "This receipt is void already.",
                            "Biên lai này đã bị hủy."},
    [MSG_METHOD] = {"invalid_value",
                    "The way of paying is cash, transfer, prison, auction or relative.",
                    "Hình thức nộp tiền là cash, transfer, prison, auction hoặc relative."},
    [MSG_PAYEE_NOT_OWED] = {"more_than_owed",
                            "More than is allocated to this payee and not yet paid out can not "
                            "be paid out: confirm the allocation first.",
                            "Không thể chi quá số tiền đã phân bổ cho người nhận này mà chưa chi "
                            "trả: hãy xác nhận phân bổ trước."},
    [MSG_TILL_SHORT] = {"account_short",
                        "The cash box or bank account paid from does not hold enough for this "
                        "payout.",
                        "Quỹ tiền mặt hoặc tài khoản chi không đủ tiền để chi khoản này."},
    [MSG_RECEIPT_ALLOCATED] = {"receipt_allocated",
                               "The money of this receipt has been allocated to payees: it can "
                               "no longer be voided.",
                               "Tiền của biên lai này đã được phân bổ cho người được nhận: không "
                               "thể hủy biên lai."},
    [MSG_NOTHING_TO_ALLOCATE] = {"nothing_to_allocate",
                                 "The case holds no money that is not allocated yet.",
                                 "Việc thi hành án không còn tiền tạm giữ chưa phân bổ."},
    [MSG_NOT_A_PAYEE] = {"not_a_payee", "The payee is not a creditor or the debtor of this case.",
                         "Người nhận không phải người được thi hành án hoặc người phải thi hành "
                         "án của việc này."},
    [MSG_NO_SUCH_RECEIPT] = {"not_found", "No such receipt.", "Không có biên lai này."},
    [MSG_PAYOUT_NOT_APPROVED] = {"payout_not_approved",
                                 "More than the head of the agency approved for this payee and "
                                 "not yet paid out can not be paid out: the allocation awaits "
                                 "approval.",
                                 "Không thể chi quá số tiền Thủ trưởng cơ quan đã duyệt chi cho "
                                 "người nhận này mà chưa chi trả: phân bổ đang chờ duyệt."},
    [MSG_ALREADY_APPROVED] = {"already_approved", "This allocation is approved already.",
                              "Phân bổ này đã được duyệt chi."},
    [MSG_NO_SUCH_ALLOCATION] = {"not_found", "No such allocation of this case.",
                                "Không có phân bổ này của việc thi hành án."},
    [MSG_ALREADY_SUBMITTED] = {"already_submitted",
                               "The report of this unit for this period is submitted already.",
                               "Báo cáo của đơn vị cho kỳ này đã được gửi."},
    [MSG_NOTHING_TO_DEPOSIT] = {"nothing_to_deposit",
                                "Nothing approved for this payee is waiting to be paid out "
                                "outside savings.",
                                "Không có tiền đã duyệt chi cho người nhận này đang chờ chi trả "
                                "mà chưa gửi tiết kiệm."},
    [MSG_NOTHING_TO_APPROVE] = {"nothing_to_approve", "No allocation of this case awaits approval.",
                                "Việc thi hành án không có phân bổ nào chờ duyệt chi."},
    [MSG_ALREADY_ENABLED] = {"already_enabled", "This user is not disabled.",
                             "Người dùng này không bị vô hiệu hóa."},
    [MSG_ROLE_HELD] = {"role_held", "The user already has this role.",
                       "Người dùng đã có vai trò này."},
    [MSG_ROLE_NOT_HELD] = {"role_not_held", "The user does not have this role.",
                           "Người dùng không có vai trò này."},
    [MSG_LAST_ROLE] = {"last_role", "A user keeps at least one role: disable the account instead.",
                       "Người dùng phải có ít nhất một vai trò: hãy vô hiệu hóa tài khoản."},
    [MSG_SELF_ADMIN] = {"self_admin",
                        "You cannot remove your own administrator role: ask another "
                        "administrator.",
                        "Không thể tự bỏ vai trò quản trị của mình: hãy nhờ quản trị viên khác."},
    [MSG_PASSWORD_CHANGE_REQUIRED] = {"password_change_required",
                                      "Change your password before doing anything else: it was "
                                      "given to you by an administrator.",
                                      "Hãy đổi mật khẩu trước khi làm việc khác: mật khẩu hiện "
                                      "tại do quản trị viên cấp."},
    [MSG_MONEY_VIA_LEDGER] = {"use_receipts",
                              "Money is recorded with a receipt (POST /api/cases/{id}/receipts) "
                              "or a payout voucher (POST /api/cases/{id}/payouts).",
                              "Tiền được ghi nhận bằng biên lai thu (POST "
                              "/api/cases/{id}/receipts) hoặc phiếu chi (POST "
                              "/api/cases/{id}/payouts)."},
    [MSG_NO_COERCION_PENDING] = {"no_coercion_pending",
                                 "No coercion decision of this case is still pending (record "
                                 "coercion_scheduled first).",
                                 "Việc thi hành án không có quyết định cưỡng chế nào đang chờ "
                                 "tổ chức thi hành."},
    [MSG_COMPLAINT_UNNAMED] = {"complaint_unnamed",
                               "Several complaints of this case await a decision: name the one "
                               "decided (complaint_seq, the number of its complaint_received "
                               "event).",
                               "Việc thi hành án có nhiều khiếu nại đang chờ giải quyết: chọn "
                               "khiếu nại được giải quyết (complaint_seq, số thứ tự sự kiện "
                               "nhận khiếu nại)."},
    [MSG_COMPLAINT_NOT_PENDING] = {"complaint_not_pending",
                                   "Event %s is not a complaint of this case awaiting a decision.",
                                   "Sự kiện số %s không phải là khiếu nại đang chờ giải quyết của "
                                   "việc thi hành án này."},
};

static const message_t internal = {"internal", "Internal error.", "Lỗi hệ thống."};

const message_t *message_get(message_id_t id)
{
    if ((unsigned)id >= MSG_COUNT || messages[id].code == NULL)
        return &internal;
    return &messages[id];
}

/* Copy template t into out (len bytes), each "%s" replaced by the next argument. */
static void fill(const char *t, char *out, size_t len, const char *const *args, size_t nargs)
{
    size_t n = 0, next = 0;
    int cut = 0;

    if (len == 0)
        return;
    while (*t != '\0' && n + 1 < len) {
        if (t[0] == '%' && t[1] == 's') {
            const char *a = next < nargs && args[next] != NULL ? args[next] : "";
            size_t k = strlen(a);
            next++;
            if (k > len - 1 - n) {
                k = len - 1 - n;
                cut = 1;
            }
            memcpy(out + n, a, k);
            n += k;
            t += 2;
            continue;
        }
        out[n++] = *t++;
    }
    if (cut || *t != '\0') /* not half a letter: back to the start of the last one */
        while (n > 0 && ((unsigned char)out[n - 1] & 0xC0) == 0x80)
            n--;
    if ((cut || *t != '\0') && n > 0 && (unsigned char)out[n - 1] >= 0xC0)
        n--;
    out[n] = '\0';
}

void message_format(message_id_t id, char *en, size_t enlen, char *vi, size_t vilen,
                    const char *const *args, size_t nargs)
{
    const message_t *m = message_get(id);

    fill(m->en, en, enlen, args, nargs);
    fill(m->vi, vi, vilen, args, nargs);
}

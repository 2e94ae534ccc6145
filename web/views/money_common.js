// What the money pages share (issue 14): their words, merged into the UI's catalogue here
// so that lib/messages.js stays the other pages' file; how a method, a payee and a number
// read; the accountant's permission.
import { messages } from "../lib/messages.js";
import { t, getLang } from "../lib/i18n.js";
import { can } from "../lib/session.js";

Object.assign(messages.vi, {
  nav_daybook: "Sổ quỹ", money_section: "Tiền", money_collected: "Đã thu", money_paid: "Đã chi trả", money_held: "Đang tạm giữ",
  money_remaining: "Còn phải thu", money_surplus: "Thu thừa (trả lại người nộp)", money_unallocated: "Chưa phân bổ",
  money_to_enforce: "Phải thi hành", money_payable: "Đã duyệt, chờ chi trả",
  outbox_title: "Thông báo qua thư điện tử, fax", outbox_failed: "{n} thông báo gửi không thành công: kiểm tra địa chỉ liên hệ của đơn vị nhận hoặc máy chủ thư.",
  outbox_pending: "{n} thông báo đang chờ gửi.",
  money_awaiting_approval: "Đã phân bổ, chờ Thủ trưởng duyệt chi", money_on_savings: "đã gửi tiết kiệm {a}",
  deposit: "Gửi tiết kiệm", deposit_on: "Ngày gửi", deposit_from: "Tiền lấy từ", deposit_done: "Đã gửi tiết kiệm {a} cho người được nhận.",
  deposit_hint: "Người được nhận không đến nhận tiền sau 15 ngày kể từ khi được thông báo: gửi tiết kiệm không kỳ hạn, lãi thuộc về người được nhận (Điều 49 Nghị định 62/2015/NĐ-CP).", allocations: "Phân bổ và duyệt chi",
  approval: "Duyệt chi", approval_awaiting: "Chờ duyệt chi", approved_on: "Đã duyệt ngày {d}", approve: "Duyệt chi",
  approval_on: "Ngày duyệt", approval_done: "Đã duyệt chi; người được nhận được thông báo đến nhận tiền (15 ngày).",
  approve_hint: "Sau khi duyệt, kế toán được chi trả; người được nhận không đến nhận trong 15 ngày thì gửi tiết kiệm (Điều 49 Nghị định 62/2015/NĐ-CP).",
  split_title: "Phân bổ theo thứ tự thanh toán (Điều 47)", split_none: "Không có tiền chờ phân bổ.",
  payee: "Người được nhận", rank: "Thứ tự", owed: "Còn được nhận", share: "Phân bổ", rank_surplus: "Trả lại",
  surplus_payee: "Người phải thi hành án (tiền thừa)", state_budget: "Ngân sách nhà nước",
  receipts: "Biên lai thu tiền", payouts: "Chi trả", receipt_no: "Số biên lai", voucher_no: "Số phiếu chi",
  method: "Hình thức", payer: "Người nộp tiền", on_behalf_of: "Nộp thay cho", payer_address: "Địa chỉ người nộp",
  issued_on: "Ngày thu", paid_on: "Ngày chi", gross: "Số tiền chi", fee: "Phí thi hành án", net: "Thực nhận",
  void_mark: "ĐÃ HỦY", no_receipts: "Chưa có biên lai nào.", no_payouts: "Chưa chi trả lần nào.",
  receipt_create: "Lập biên lai thu", receipt_issue: "Lập biên lai", receipt_issued: "Đã lập biên lai số {n}.",
  allocation_confirm: "Xác nhận phân bổ", allocation_as_proposed: "Xác nhận như đề xuất", allocation_adjust: "Điều chỉnh phân bổ",
  allocation_reason: "Lý do điều chỉnh", allocation_sum: "Tổng phân bổ {a} / số tiền chờ phân bổ {b}",
  allocation_sum_bad: "Tổng phân bổ phải bằng {b}.", allocation_done: "Đã xác nhận phân bổ.",
  allocation_on: "Ngày xác nhận",
  payout_create: "Chi trả", payout_pay: "Chi trả", payout_in_cash: "Tiền mặt", payout_transfer: "Chuyển khoản",
  payout_how: "Hình thức chi", payout_done: "Đã chi trả, phiếu chi số {n}.", payout_max: "Tối đa {a}",
  nothing_payable: "Chưa có khoản nào đã phân bổ chờ chi trả.",
  receipt_void: "Hủy biên lai", void_reason: "Lý do hủy", void_done: "Đã hủy biên lai.", voided_on: "Ngày hủy",
  open_receipt: "Xem, in biên lai",
  m_cash: "Tiền mặt tại cơ quan", m_transfer: "Chuyển khoản", m_prison: "Trại giam thu hộ", m_auction: "Tiền bán đấu giá tài sản", m_relative: "Thân nhân nộp thay",
  // the receipt (form C28-THA)
  receipt_title: "BIÊN LAI THU TIỀN", receipt_form: "Mẫu số: C28-THA", receipt_circular: "(Ban hành kèm theo Thông tư số 91/2010/TT-BTC)",
  receipt_series: "Số", receipt_series_label: "Ký hiệu", receipt_unit_parent: "CỤC THI HÀNH ÁN DÂN SỰ", receipt_day: "Ngày {d} tháng {m} năm {y}",
  receipt_payer: "Họ và tên người nộp tiền", receipt_address: "Địa chỉ", receipt_behalf: "Nộp thay cho",
  receipt_case: "Theo quyết định thi hành án số", receipt_content: "Nội dung thu", receipt_content_text: "Nộp tiền thi hành án",
  receipt_amount: "Số tiền", receipt_words: "Viết bằng chữ", receipt_method: "Hình thức nộp",
  receipt_sign_payer: "Người nộp tiền", receipt_sign_cashier: "Người thu tiền", receipt_sign_hint: "(Ký, ghi rõ họ tên)",
  receipt_void_banner: "ĐÃ HỦY", receipt_void_reason: "Lý do hủy: {r} (ngày {d})",
  back_to_case_money: "Về hồ sơ", receipt_not_found: "Không tìm thấy biên lai",
  receipt_not_found_text: "Không có biên lai này, hoặc biên lai không thuộc đơn vị bạn được xem.",
  // the daybook
  daybook_title: "Sổ quỹ — thu, chi trong ngày", daybook_day: "Ngày", daybook_unit: "Đơn vị",
  daybook_receipts: "Thu", daybook_payouts: "Chi", daybook_total: "Cộng", daybook_export: "Tải sổ quỹ (.xlsx)",
  daybook_count: "{n} chứng từ", till_open_cash: "Tồn quỹ tiền mặt đầu ngày", till_open_bank: "Tồn tài khoản tạm giữ đầu ngày",
  till_close_cash: "Tồn quỹ tiền mặt cuối ngày", till_close_bank: "Tồn tài khoản tạm giữ cuối ngày", case_col: "Hồ sơ", content: "Nội dung", amount_col: "Số tiền",
  no_receipts_day: "Không có khoản thu nào trong ngày.", no_payouts_day: "Không có khoản chi nào trong ngày.",
  // the accountant's home
  money_home: "Tiền thi hành án", today_receipts: "Thu hôm nay", today_payouts: "Chi hôm nay",
  n_docs: "{n} chứng từ", overdue_payouts: "Tiền chờ chi trả quá hạn (quá 10 ngày kể từ ngày thu, Điều 47 Luật Thi hành án dân sự)",
  overdue_payouts_none: "Không có khoản tiền nào quá hạn chi trả.", balances: "Số dư theo tài khoản",
  account: "Tài khoản", balance: "Số dư", balances_by_unit: "Chi tiết theo đơn vị ({n} đơn vị)", open_daybook: "Mở sổ quỹ hôm nay",
  overdue_payouts_n: "{n} khoản quá hạn chi trả", collected_on: "Thu ngày",
});

Object.assign(messages.en, {
  nav_daybook: "Cash book", money_section: "Money", money_collected: "Collected", money_paid: "Paid out", money_held: "Held",
  money_remaining: "Still to collect", money_surplus: "Surplus (back to the payer)", money_unallocated: "Not yet allocated",
  money_to_enforce: "To enforce", money_payable: "Approved, awaiting payout",
  outbox_title: "Notices by email and fax", outbox_failed: "{n} notices could not be delivered: check the receiving unit's contact address or the mail server.",
  outbox_pending: "{n} notices waiting to be sent.",
  money_awaiting_approval: "Allocated, awaiting the head's approval", money_on_savings: "{a} on savings",
  deposit: "Put on savings", deposit_on: "Deposited on", deposit_from: "Out of", deposit_done: "Put {a} on savings for the payee.",
  deposit_hint: "The payee has not come within 15 days of the notice: the money goes on a non-term savings deposit, its interest theirs (Decree 62/2015 art. 49).", allocations: "Allocations and approval",
  approval: "Approval", approval_awaiting: "Awaiting approval", approved_on: "Approved on {d}", approve: "Approve payout",
  approval_on: "Approved on", approval_done: "Approved; the payees are told to come for their money (15 days).",
  approve_hint: "Once approved the accountant may pay it out; money not claimed within 15 days is deposited as savings (Decree 62/2015 art. 49).",
  split_title: "Split by the legal order of payment (art. 47)", split_none: "Nothing awaits allocation.",
  payee: "Payee", rank: "Rank", owed: "Still owed", share: "Share", rank_surplus: "Returned",
  surplus_payee: "The debtor (surplus)", state_budget: "State budget",
  receipts: "Receipts", payouts: "Payouts", receipt_no: "Receipt no.", voucher_no: "Voucher no.",
  method: "Method", payer: "Payer", on_behalf_of: "On behalf of", payer_address: "Payer's address",
  issued_on: "Received on", paid_on: "Paid on", gross: "Paid out", fee: "Enforcement fee", net: "Handed over",
  void_mark: "VOID", no_receipts: "No receipts yet.", no_payouts: "Nothing paid out yet.",
  receipt_create: "Issue a receipt", receipt_issue: "Issue the receipt", receipt_issued: "Receipt {n} issued.",
  allocation_confirm: "Confirm the allocation", allocation_as_proposed: "Confirm as proposed", allocation_adjust: "Adjust the split",
  allocation_reason: "Reason for the adjustment", allocation_sum: "Shares total {a} of {b} to allocate",
  allocation_sum_bad: "The shares must total {b}.", allocation_done: "Allocation confirmed.",
  allocation_on: "Confirmed on",
  payout_create: "Pay out", payout_pay: "Pay out", payout_in_cash: "Cash", payout_transfer: "Bank transfer",
  payout_how: "Paid by", payout_done: "Paid out, voucher {n}.", payout_max: "At most {a}",
  nothing_payable: "Nothing is allocated and awaiting payout.",
  receipt_void: "Void the receipt", void_reason: "Reason", void_done: "Receipt voided.", voided_on: "Voided on",
  open_receipt: "View, print the receipt",
  m_cash: "Cash at the office", m_transfer: "Bank transfer", m_prison: "Collected by a prison", m_auction: "Auction proceeds", m_relative: "Paid by a relative",
  receipt_title: "RECEIPT", receipt_form: "Form C28-THA", receipt_circular: "(Circular 91/2010/TT-BTC)",
  receipt_series: "No.", receipt_series_label: "Series", receipt_unit_parent: "CIVIL JUDGMENT ENFORCEMENT", receipt_day: "{d}/{m}/{y}",
  receipt_payer: "Payer's full name", receipt_address: "Address", receipt_behalf: "On behalf of",
  receipt_case: "Enforcement decision no.", receipt_content: "For", receipt_content_text: "Money for judgment enforcement",
  receipt_amount: "Amount", receipt_words: "In words", receipt_method: "Paid by",
  receipt_sign_payer: "Payer", receipt_sign_cashier: "Cashier", receipt_sign_hint: "(Signature, full name)",
  receipt_void_banner: "VOID", receipt_void_reason: "Voided: {r} ({d})",
  back_to_case_money: "Back to the case", receipt_not_found: "Receipt not found",
  receipt_not_found_text: "There is no such receipt, or it belongs to a unit you may not see.",
  daybook_title: "Cash book — the day's receipts and payouts", daybook_day: "Day", daybook_unit: "Unit",
  daybook_receipts: "Receipts", daybook_payouts: "Payouts", daybook_total: "Total", daybook_export: "Download the cash book (.xlsx)",
  daybook_count: "{n} documents", till_open_cash: "Cash at the start of the day", till_open_bank: "Custody account at the start of the day",
  till_close_cash: "Cash at the end of the day", till_close_bank: "Custody account at the end of the day", case_col: "Case", content: "Details", amount_col: "Amount",
  no_receipts_day: "No receipt that day.", no_payouts_day: "No payout that day.",
  money_home: "Enforcement money", today_receipts: "Received today", today_payouts: "Paid out today",
  n_docs: "{n} documents", overdue_payouts: "Money awaiting payout past its deadline (10 days from collection, art. 47)",
  overdue_payouts_none: "No money is past its payout deadline.", balances: "Balances by account",
  account: "Account", balance: "Balance", balances_by_unit: "By unit ({n} units)", open_daybook: "Open today's cash book",
  overdue_payouts_n: "{n} payouts overdue", collected_on: "Collected",
});

// The accountant's work: receipts, payouts, voids (the officer allocates: case.write).
export const canMoney = () => can("money.write");

export const methodName = (code) => (messages.vi["m_" + code] ? t("m_" + code) : code);
// A payout leaves the till or the bank: "Tiền mặt" / "Chuyển khoản" (not the receipt's
// "Tiền mặt tại cơ quan").
export const payoutMethodName = (code) => (code === "cash" ? t("payout_in_cash") : code === "transfer" ? t("payout_transfer") : code);

// A receipt's or voucher's number as the form prints it: 0000012/2026.
export const docNo = (d) => d.number_text || `${String(d.number).padStart(7, "0")}/${d.year}`;

// A payee of a case by party id (null: the State budget); parties from GET /api/cases/{id}.
export function payeeName(parties, id, item) {
  if (item === null && !id) return t("surplus_payee");
  if (!id) return t("state_budget");
  const p = (parties || []).find((x) => x.id === id || x.party_id === id);
  return p ? p.full_name : "#" + id;
}

// The amount in words: the server's Vietnamese words (money_to_words_vi), capitalised and
// ending in "đồng chẵn" as the forms write it when the server has not.
export function wordsVi(s) {
  if (!s) return "";
  const w = s.charAt(0).toUpperCase() + s.slice(1);
  return w;
}

export const langVi = () => getLang() === "vi";

// The receipt is a Vietnamese accounting document whatever language the screen is in.
export function tv(key, vars) {
  let s = messages.vi[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split("{" + k + "}").join(String(v));
  return s;
}

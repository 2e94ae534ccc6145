// What the prison pages share (issue 16; THADS.md section 6, Joint Circular 07/2013): their
// words, merged into the UI's catalogue here so that lib/messages.js stays the other pages'
// file; which side the user is on (a prison officer is the camp, anyone else the agency);
// how an exchange's kind, state and deadline read; the table of exchanges.
import { html } from "../lib/html.js";
import { messages } from "../lib/messages.js";
import { t, both } from "../lib/i18n.js";
import { can, hasRole } from "../lib/session.js";
import { fmtDate, money } from "../lib/format.js";
import { DueCell } from "../lib/domain.js";

Object.assign(messages.vi, {
  nav_prisoners: "Phạm nhân", nav_exchanges: "Văn bản trao đổi",
  px_portal: "Trại giam — nghĩa vụ dân sự của phạm nhân", px_camp_hello: "Xin chào {name}",
  px_our_prisoners: "Phạm nhân của trại có nghĩa vụ thi hành án dân sự", px_prisoners: "Phạm nhân có nghĩa vụ thi hành án dân sự",
  px_waiting_us: "Văn bản chờ trại xử lý", px_waiting_agency: "Văn bản chờ cơ quan thi hành án xử lý",
  px_waiting_none: "Không có văn bản nào đang chờ xử lý.", px_n_prisoners: "Phạm nhân đang chấp hành án",
  px_n_waiting: "Văn bản chờ xử lý", px_n_overdue: "Văn bản quá hạn", px_n_remaining: "Tổng số tiền còn phải thi hành",
  px_name: "Họ và tên", px_no: "Số phạm nhân", px_sentence: "Mức án", px_entered: "Ngày vào trại",
  px_release: "Dự kiến chấp hành xong án phạt tù", px_release_short: "Dự kiến ra trại", px_agency: "Cơ quan thi hành án",
  px_camp: "Nơi chấp hành án", px_status: "Tình trạng", px_birth: "Ngày sinh", px_id_number: "Số định danh cá nhân",
  px_cases_n: "Số việc", px_amount: "Phải thi hành", px_paid: "Đã thi hành", px_remaining: "Còn phải thi hành",
  px_no_prisoners: "Trại không có phạm nhân nào có nghĩa vụ thi hành án dân sự.", px_no_prisoners_agency: "Không có phạm nhân nào.",
  px_obligations: "Nghĩa vụ thi hành án dân sự", px_obligations_total: "Cộng", px_decision: "Quyết định thi hành án",
  px_judgment: "Bản án, quyết định", px_items: "Khoản phải thi hành", px_stays: "Quá trình chấp hành án",
  px_from: "Từ ngày", px_to: "Đến ngày", px_still: "đến nay", px_in_entry: "Vào trại", px_in_transfer: "Chuyển đến",
  px_out_transfer: "Chuyển trại", px_out_release: "Ra trại", px_out_death: "Chết",
  px_exchanges: "Văn bản trao đổi", px_exchanges_unit: "Văn bản trao đổi với trại giam, trại tạm giam",
  px_no_exchanges: "Chưa có văn bản trao đổi nào.", px_kind: "Loại văn bản", px_state: "Tình trạng", px_due: "Thời hạn",
  px_sender: "Nơi gửi", px_receiver: "Nơi nhận", px_date: "Ngày", px_about: "Phạm nhân", px_case: "Hồ sơ",
  px_amount_col: "Số tiền", px_on_time: "Đúng hạn", px_late: "Quá hạn", px_answered_on: "trả lời ngày {d}",
  px_not_found: "Không tìm thấy phạm nhân", px_not_found_text: "Không có phạm nhân này, hoặc phạm nhân không thuộc nơi bạn được xem.",
  px_x_not_found: "Không tìm thấy văn bản", px_x_not_found_text: "Không có văn bản này, hoặc văn bản không thuộc nơi bạn được xem.",
  // starting an exchange
  px_collect: "Ghi nhận tiền thu tại trại", px_collect_hint: "Tiền do phạm nhân hoặc thân nhân nộp tại trại: trại lập biên lai, chuyển tiền cho cơ quan thi hành án trong 15 ngày (Thông tư liên tịch 07/2013).",
  px_collect_done: "Đã ghi nhận {a}; biên lai của trại số {n}.", px_print_receipt: "In biên lai thu tiền",
  px_ask_confirm: "Đề nghị xác nhận kết quả thi hành án", px_ask_confirm_hint: "Cơ quan thi hành án cấp giấy xác nhận đã thi hành được bao nhiêu, còn phải thi hành bao nhiêu, trong 5 ngày làm việc.",
  px_ask_done: "Đã gửi đề nghị xác nhận; hạn trả lời {d}.", px_purpose: "Để làm hồ sơ",
  px_p_sentence_reduction: "Xét giảm thời hạn chấp hành án phạt tù", px_p_early_release: "Tha tù trước thời hạn có điều kiện", px_p_amnesty: "Đặc xá",
  px_start: "Gửi văn bản cho trại", px_start_done: "Đã lập văn bản số {n}.", px_start_kind: "Văn bản",
  px_k_notify_obligation: "Thông báo nghĩa vụ thi hành án của phạm nhân", px_k_handover: "Chuyển giao tiền, giấy tờ, tài sản cho phạm nhân",
  px_k_verification_request: "Đề nghị xác minh điều kiện thi hành án",
  px_case_sel: "Việc thi hành án", px_on: "Ngày", px_payer: "Người nộp tiền", px_payer_address: "Địa chỉ người nộp",
  px_camp_receipt_no: "Số biên lai của trại", px_body: "Nội dung", px_body_handover: "Tiền, giấy tờ, tài sản chuyển giao",
  px_body_verify: "Nội dung đề nghị xác minh", px_note: "Ghi chú", px_draft: "Lưu dự thảo, chưa gửi",
  px_send_btn: "Gửi", px_cancel: "Đóng", px_back_x: "Về văn bản",
  // the exchange's page
  px_document: "Văn bản", px_print: "In văn bản", px_history: "Quá trình xử lý", px_back: "Về phạm nhân",
  px_reply_to: "Trả lời văn bản số {n}", px_reply: "Văn bản trả lời", px_camp_receipt: "Biên lai của trại",
  px_agency_receipt: "Biên lai của cơ quan thi hành án", px_received_custody: "Cơ quan thi hành án đã nhận tiền",
  px_in_transit: "Đang chuyển về cơ quan thi hành án", px_signed: "Phạm nhân đã ký nhận: {who}, ngày {d}",
  px_answer_text: "Nội dung trả lời", px_confirmation_states: "Đã thi hành {a}; còn phải thi hành {b}.",
  px_drafted_on: "Ngày lập", px_sent_on: "Ngày gửi", px_received_on: "Ngày nhận", px_answered_on_label: "Ngày trả lời",
  px_act_send: "Gửi văn bản", px_act_receive: "Xác nhận đã nhận", px_act_receive_money: "Nhận tiền trại chuyển về",
  px_in_cash: "Nhận bằng tiền mặt (không tích: vào tài khoản tạm giữ)", px_act_ack: "Xác nhận đã nhận thông báo",
  px_act_sign: "Ghi nhận phạm nhân đã ký nhận", px_signed_by: "Người ký nhận (phạm nhân)", px_signed_on: "Ngày ký nhận",
  px_act_confirm: "Cấp giấy xác nhận kết quả thi hành án", px_confirm_will_state: "Giấy xác nhận sẽ ghi: đã thi hành {a}, còn phải thi hành {b} (theo sổ sách đến ngày cấp).",
  px_confirm_done: "Đã cấp giấy xác nhận: đã thi hành {a}, còn phải thi hành {b}.", px_open_reply: "Xem giấy xác nhận",
  px_act_verify: "Trả lời kết quả xác minh", px_verify_text: "Kết quả xác minh (tài sản, thu nhập, ngày ra trại…)",
  px_done: "Đã ghi nhận.", px_answer_of: "Trả lời", px_confirm_answer: "Cơ quan thi hành án xác nhận",
  px_print_title: "Bản in văn bản", px_doc_loading: "Đang tải văn bản…",
  // the camp's receipt
  px_r_ministry: "BỘ CÔNG AN", px_r_title: "BIÊN LAI THU TIỀN", px_r_sub: "(Tiền thi hành án dân sự do phạm nhân, thân nhân nộp tại trại)",
  px_r_no: "Số", px_r_payer: "Họ và tên người nộp tiền", px_r_for: "Nộp cho phạm nhân", px_r_decision: "Để thi hành Quyết định thi hành án số",
  px_r_amount: "Số tiền", px_r_words: "Viết bằng chữ", px_r_transfer: "Trại chuyển số tiền trên cho {u}.",
  px_r_agency_no: "Biên lai của cơ quan thi hành án số {n}.", px_r_payer_sign: "Người nộp tiền", px_r_camp_sign: "Cán bộ thu tiền",
  px_r_sign_hint: "(Ký, ghi rõ họ tên)", px_r_day: "Ngày {d} tháng {m} năm {y}",
  // the agency's list
  px_unit: "Đơn vị", px_only_waiting: "Chỉ văn bản đang chờ đơn vị xử lý", px_all_kinds: "Tất cả", px_all_states: "Tất cả",
  px_show: "Xem", px_case_section: "Phạm nhân và văn bản trao đổi với trại giam", px_case_none: "Người phải thi hành án của việc này không chấp hành án phạt tù.",
  px_open_prisoner: "Mở hồ sơ phạm nhân",
  px_kl_notify_obligation: "Thông báo nghĩa vụ", px_kl_camp_collection: "Tiền thu tại trại", px_kl_handover: "Chuyển giao cho phạm nhân",
  px_kl_confirmation_request: "Đề nghị xác nhận", px_kl_verification_request: "Đề nghị xác minh", px_kl_confirmation: "Giấy xác nhận",
  px_kl_answer: "Trả lời xác minh",
  px_s_overdue: "Quá hạn", px_s_drafted: "Dự thảo", px_s_sent: "Đã gửi", px_s_received: "Đã nhận", px_s_answered: "Đã trả lời",
});

Object.assign(messages.en, {
  nav_prisoners: "Prisoners", nav_exchanges: "Exchanges",
  px_portal: "Prison — prisoners' civil obligations", px_camp_hello: "Hello {name}",
  px_our_prisoners: "Our prisoners with civil obligations", px_prisoners: "Prisoners with civil obligations",
  px_waiting_us: "Waiting for us", px_waiting_agency: "Waiting for the enforcement agency",
  px_waiting_none: "Nothing is waiting.", px_n_prisoners: "Prisoners held",
  px_n_waiting: "Waiting for us", px_n_overdue: "Overdue", px_n_remaining: "Still owed in all",
  px_name: "Full name", px_no: "Prisoner no.", px_sentence: "Sentence", px_entered: "Entered on",
  px_release: "Expected release", px_release_short: "Expected release", px_agency: "Enforcement agency",
  px_camp: "Held at", px_status: "Status", px_birth: "Born", px_id_number: "ID number",
  px_cases_n: "Cases", px_amount: "To enforce", px_paid: "Paid", px_remaining: "Still owed",
  px_no_prisoners: "No prisoner of the camp owes civil obligations.", px_no_prisoners_agency: "No prisoners.",
  px_obligations: "Civil obligations", px_obligations_total: "Total", px_decision: "Enforcement decision",
  px_judgment: "Judgment", px_items: "Items", px_stays: "Where held",
  px_from: "From", px_to: "To", px_still: "today", px_in_entry: "Entry", px_in_transfer: "Transferred in",
  px_out_transfer: "Transferred", px_out_release: "Released", px_out_death: "Died",
  px_exchanges: "Exchanges", px_exchanges_unit: "Exchanges with prisons and camps",
  px_no_exchanges: "No exchanges yet.", px_kind: "Document", px_state: "State", px_due: "Due",
  px_sender: "From", px_receiver: "To", px_date: "Date", px_about: "Prisoner", px_case: "Case",
  px_amount_col: "Amount", px_on_time: "On time", px_late: "Late", px_answered_on: "answered {d}",
  px_not_found: "Prisoner not found", px_not_found_text: "There is no such prisoner, or they are not held or followed where you may see.",
  px_x_not_found: "Exchange not found", px_x_not_found_text: "There is no such exchange, or it is not one you may see.",
  px_collect: "Record money paid at the camp", px_collect_hint: "Money paid at the camp by the prisoner or relatives: the camp issues its receipt and sends the money to the agency within 15 days (Joint Circular 07/2013).",
  px_collect_done: "Recorded {a}; the camp's receipt no. {n}.", px_print_receipt: "Print the receipt",
  px_ask_confirm: "Ask for a confirmation of fulfilment", px_ask_confirm_hint: "The agency confirms what was paid and what remains within 5 working days.",
  px_ask_done: "Request sent; answer due {d}.", px_purpose: "For",
  px_p_sentence_reduction: "Sentence reduction", px_p_early_release: "Early conditional release", px_p_amnesty: "Amnesty",
  px_start: "Send to the camp", px_start_done: "Exchange no. {n} recorded.", px_start_kind: "Document",
  px_k_notify_obligation: "Notice of the prisoner's obligations", px_k_handover: "Hand-over of money, papers or assets to the prisoner",
  px_k_verification_request: "Request to verify conditions",
  px_case_sel: "Case", px_on: "Date", px_payer: "Payer", px_payer_address: "Payer's address",
  px_camp_receipt_no: "Camp receipt no.", px_body: "Text", px_body_handover: "What is handed over",
  px_body_verify: "What to verify", px_note: "Note", px_draft: "Keep as a draft, do not send",
  px_send_btn: "Send", px_cancel: "Close", px_back_x: "Back to the exchange",
  px_document: "Document", px_print: "Print", px_history: "History", px_back: "Back to the prisoner",
  px_reply_to: "Answers exchange no. {n}", px_reply: "Answer", px_camp_receipt: "Camp receipt",
  px_agency_receipt: "Agency receipt", px_received_custody: "Received by the agency",
  px_in_transit: "On its way to the agency", px_signed: "Signed for by the prisoner: {who}, {d}",
  px_answer_text: "Answer", px_confirmation_states: "Paid {a}; still owed {b}.",
  px_drafted_on: "Drafted", px_sent_on: "Sent", px_received_on: "Received", px_answered_on_label: "Answered",
  px_act_send: "Send", px_act_receive: "Mark received", px_act_receive_money: "Receive the camp's money",
  px_in_cash: "Received in cash (unticked: into the custody account)", px_act_ack: "Acknowledge the notice",
  px_act_sign: "Record the prisoner's signature", px_signed_by: "Signed by (the prisoner)", px_signed_on: "Signed on",
  px_act_confirm: "Issue the confirmation of fulfilment", px_confirm_will_state: "The confirmation will state: paid {a}, still owed {b} (as the books stand on the day issued).",
  px_confirm_done: "Confirmation issued: paid {a}, still owed {b}.", px_open_reply: "Open the confirmation",
  px_act_verify: "Answer the verification", px_verify_text: "What was found (assets, income, release date…)",
  px_done: "Recorded.", px_answer_of: "Answer", px_confirm_answer: "The agency confirms",
  px_print_title: "Printable document", px_doc_loading: "Loading the document…",
  px_r_ministry: "MINISTRY OF PUBLIC SECURITY", px_r_title: "RECEIPT", px_r_sub: "(Civil judgment money paid at the camp by a prisoner or relatives)",
  px_r_no: "No.", px_r_payer: "Payer's full name", px_r_for: "Paid for the prisoner", px_r_decision: "For enforcement decision no.",
  px_r_amount: "Amount", px_r_words: "In words", px_r_transfer: "The camp sends this money to {u}.",
  px_r_agency_no: "Agency receipt no. {n}.", px_r_payer_sign: "Payer", px_r_camp_sign: "Camp officer",
  px_r_sign_hint: "(Signature, full name)", px_r_day: "{d}/{m}/{y}",
  px_unit: "Unit", px_only_waiting: "Only those waiting for the unit", px_all_kinds: "All", px_all_states: "All",
  px_show: "Show", px_case_section: "Prisoners and exchanges with camps", px_case_none: "The debtor of this case is not in prison.",
  px_open_prisoner: "Open the prisoner",
  px_kl_notify_obligation: "Notice of obligations", px_kl_camp_collection: "Money paid at a camp", px_kl_handover: "Hand-over to a prisoner",
  px_kl_confirmation_request: "Confirmation request", px_kl_verification_request: "Verification request", px_kl_confirmation: "Confirmation",
  px_kl_answer: "Verification answer",
  px_s_overdue: "Overdue", px_s_drafted: "Draft", px_s_sent: "Sent", px_s_received: "Received", px_s_answered: "Answered",
});

// The camp's side: a prison officer (their unit is the prison); anyone else is the agency.
export const isCamp = () => hasRole("prison_officer");
export const STARTED_BY_CAMP = ["camp_collection", "confirmation_request"];
export const STARTED_BY_AGENCY = ["notify_obligation", "handover", "verification_request"];
export const PURPOSES = ["sentence_reduction", "early_release", "amnesty"];
export const purposeName = (p) => (p ? t("px_p_" + p) : "");

export const kindName = (x) => both(x, "kind_name");
export const stateName = (x) => both(x, "state_name");
export const stateClass = (x) => (x.state === "overdue" ? "bad" : x.state === "answered" ? "ok" : x.state === "drafted" ? "muted" : "");
// The kinds the receiver answers; the others are done once received (money from a camp, a
// confirmation, an answer).
export const ANSWERED_KINDS = ["notify_obligation", "handover", "confirmation_request", "verification_request"];
// Still waiting for its receiver: sent, received and still to be answered, or overdue.
export const waiting = (x) => x.state === "sent" || x.state === "overdue" || (x.state === "received" && ANSWERED_KINDS.includes(x.kind));
// Whether the user's side sent it.
export const mine = (x) => (x.direction === "camp_to_agency") === isCamp();
// What the user's side may write: the camp prisoner.write, the agency case.write.
export const canWrite = () => (isCamp() ? can("prisoner.write") : can("case.write"));

// The deadline of an exchange: days left or late while it waits; on time or late once acted on.
export function XDue({ x }) {
  if (!x.due_on) return html`<span class="muted">—</span>`;
  if (waiting(x)) return html`<${DueCell} d=${{ due_on: x.due_on, outcome: "open" }} />`;
  const late = x.answered_late ?? (x.received_on ? x.received_on > x.due_on : null);
  if (late === null) return html`<span>${fmtDate(x.due_on)}</span>`;
  return html`<span class="due"><span class="date">${fmtDate(x.due_on)}</span> <span class=${"days " + (late ? "bad" : "ok")}>${late ? t("px_late") : t("px_on_time")}</span></span>`;
}

export const xDate = (x) => x.sent_on || x.drafted_on;
// "Số 12" as the documents number them.
export const xNo = (x) => String(x.id);

// The amount an exchange carries, with what remains for a confirmation.
export function xAmount(x) {
  if (x.kind === "confirmation") return html`${t("px_paid")} ${money(x.amount_vnd)}<br /><span class="muted">${t("px_remaining")}</span> <strong>${money(x.remaining_vnd)}</strong>`;
  return x.amount_vnd ? money(x.amount_vnd) : "";
}

// The exchanges of a prisoner, a case or a unit, as the server orders them (waiting first,
// soonest due first). show: which of prisoner / sender-receiver columns to include.
export function ExchangeTable({ id, rows, prisoner = true, empty }) {
  return html`<div class="table-wrap"><table id=${id} class="exchanges">
    <thead><tr><th scope="col">${t("px_date")}</th><th scope="col">${t("px_kind")}</th>
      ${prisoner ? html`<th scope="col">${t("px_about")}</th>` : null}
      <th scope="col">${t("px_sender")} → ${t("px_receiver")}</th><th scope="col">${t("px_state")}</th>
      <th scope="col">${t("px_due")}</th><th scope="col" class="num">${t("px_amount_col")}</th></tr></thead>
    <tbody>${rows.map((x) => html`<tr class=${x.state === "overdue" ? "overdue" : ""} data-exchange=${x.id} data-kind=${x.kind}>
      <td data-label=${t("px_date")}>${fmtDate(xDate(x))}</td>
      <td data-label=${t("px_kind")}><div><a href=${"/exchange/" + x.id}>${kindName(x)}</a> <span class="muted">· ${t("px_r_no")} ${xNo(x)}</span>${
        x.purpose ? html`<div class="muted">${purposeName(x.purpose)}</div>` : null}</div></td>
      ${prisoner ? html`<td data-label=${t("px_about")}><div><a href=${"/prisoner/" + x.prisoner.id}>${x.prisoner.full_name}</a> <span class="muted">${x.prisoner.prisoner_no}</span></div></td>` : null}
      <td data-label=${t("px_sender") + " → " + t("px_receiver")}>${x.sender.code} → ${x.receiver.code}</td>
      <td data-label=${t("px_state")} class=${"x-state " + stateClass(x)}>${stateName(x)}</td>
      <td data-label=${t("px_due")}><div><${XDue} x=${x} /></div></td>
      <td data-label=${t("px_amount_col")} class="num"><div>${xAmount(x)}</div></td></tr>`)}
    ${rows.length ? null : html`<tr class="empty"><td colspan=${prisoner ? 7 : 6} class="muted">${empty || t("px_no_exchanges")}</td></tr>`}</tbody>
  </table></div>`;
}

// The prisoners with what each still owes (GET /api/prisoners: items[].owed).
export function PrisonerTable({ id, rows, camp, empty }) {
  return html`<div class="table-wrap"><table id=${id} class="prisoners">
    <thead><tr><th scope="col">${t("px_name")}</th><th scope="col">${t("px_no")}</th><th scope="col">${t("px_sentence")}</th>
      <th scope="col">${t("px_release_short")}</th><th scope="col">${camp ? t("px_agency") : t("px_camp")}</th>
      <th scope="col" class="num">${t("px_amount")}</th><th scope="col" class="num">${t("px_paid")}</th><th scope="col" class="num">${t("px_remaining")}</th></tr></thead>
    <tbody>${rows.map((p) => html`<tr data-prisoner=${p.id}>
      <td data-label=${t("px_name")}><a href=${"/prisoner/" + p.id}><strong>${p.full_name}</strong></a></td>
      <td data-label=${t("px_no")}>${p.prisoner_no}</td>
      <td data-label=${t("px_sentence")}>${p.sentence}</td>
      <td data-label=${t("px_release_short")}>${fmtDate(p.expected_release_on)}</td>
      <td data-label=${camp ? t("px_agency") : t("px_camp")}>${camp ? p.agency.name_vi : p.camp ? p.camp.name_vi : p.status_name_vi}</td>
      <td data-label=${t("px_amount")} class="num">${p.owed ? money(p.owed.amount_vnd) : "—"}</td>
      <td data-label=${t("px_paid")} class="num">${p.owed ? money(p.owed.paid_vnd) : "—"}</td>
      <td data-label=${t("px_remaining")} class="num owed-remaining"><strong>${p.owed ? money(p.owed.remaining_vnd) : "—"}</strong></td></tr>`)}
    ${rows.length ? null : html`<tr class="empty"><td colspan="8" class="muted">${empty || t("px_no_prisoners_agency")}</td></tr>`}</tbody>
  </table></div>`;
}

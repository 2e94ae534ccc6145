// Shared by the report page, its lists and the leader's dashboard (issue 15): the words of
// the official forms (Circular 06/2019), the reporting year (1 October to 30 September,
// named by the year it ends in) and how a rate is read against its target.
import { html } from "../lib/html.js";
import { getLang } from "../lib/i18n.js";
import { todayIso } from "../lib/format.js";

const words = {
  vi: {
    report_title: "Báo cáo thống kê thi hành án dân sự", report_unit: "Đơn vị", report_period: "Kỳ báo cáo",
    report_from: "Từ ngày", report_to: "Đến ngày", report_category: "Loại việc", report_all_categories: "Tất cả",
    report_custom: "Tùy chọn (nhập ngày)", report_year: "Năm báo cáo {y} (01/10/{p} – 30/09/{y})", report_year_to_date: "Năm {y}: từ 01/10/{p} đến hôm nay",
    report_month: "Tháng {m}/{y}", report_show: "Xem báo cáo", report_xlsx: "Tải biểu mẫu Excel (.xlsx)",
    report_indicator: "Chỉ tiêu", report_cases: "Số việc", report_money: "Số tiền (đồng)", report_of_which_app: "Trong đó theo đơn yêu cầu",
    report_rates: "Kết quả", report_rate_cases: "Tỷ lệ xong về việc", report_rate_money: "Tỷ lệ xong về tiền", report_target: "Chỉ tiêu được giao",
    report_vs_target: "So với chỉ tiêu", report_prev_year: "Cùng kỳ năm trước", report_change: "Tăng/giảm so với cùng kỳ",
    report_over: "vượt {p}%", report_under: "chưa đạt, thiếu {p}%", report_no_target: "chưa giao chỉ tiêu", report_no_base: "—",
    report_admin_judgments: "Theo dõi thi hành án hành chính (số bản án)",
    report_coercion: "Cưỡng chế thi hành án (số quyết định cưỡng chế)", report_complaints: "Giải quyết khiếu nại, tố cáo về thi hành án (số việc)",
    act_carried_over: "Kỳ trước chuyển sang", act_new_coercion: "Quyết định cưỡng chế mới trong kỳ", act_total_coercion: "Tổng số quyết định cưỡng chế",
    act_paid_voluntarily: "Tự nguyện thi hành sau khi có quyết định", act_needing: "Phải tổ chức cưỡng chế",
    act_carried_out: "Đã tổ chức cưỡng chế", act_pending_coercion: "Chưa tổ chức cưỡng chế (cuối kỳ)",
    act_new_complaint: "Thụ lý mới trong kỳ", act_total_complaint: "Tổng số phải giải quyết", act_resolved: "Đã giải quyết",
    act_pending_complaint: "Còn phải giải quyết (cuối kỳ)",
    report_prisons: "Phối hợp với trại giam, trại tạm giam", report_prisons_sent: "Văn bản đã gửi, nhận trong kỳ",
    report_prisons_on_time: "Đã xử lý trong thời hạn", report_prisons_late: "Đã xử lý quá hạn", report_prisons_overdue: "Đang quá hạn (cuối kỳ)",
    report_prisons_money: "Tiền thu tại trại giam", report_prisons_received: "Tiền trại giam đã chuyển, cơ quan đã nhận",
    report_by_unit: "Theo đơn vị trực thuộc", report_no_children: "Đơn vị không có đơn vị trực thuộc.", report_unit_col: "Đơn vị",
    report_points: "điểm %", report_completed_now: "Xong (D1+D2) kỳ này", report_completed_then: "Cùng kỳ năm trước",
    report_list_title: "Danh sách hồ sơ được tính", report_list_count: "Số việc: {n} · Số tiền: {m}", report_back: "← Quay lại báo cáo",
    report_case_no: "Số hồ sơ", report_case_unit: "Đơn vị", report_case_state: "Trạng thái hôm nay", report_case_cases: "Việc", report_case_money: "Tiền (đồng)",
    report_loading_all: "Đang tải toàn bộ danh sách…", report_none: "Không có hồ sơ nào.", report_source_app: "theo đơn yêu cầu",
    dash_title: "Bảng điều hành của lãnh đạo", dash_by_month: "Kết quả thi hành xong theo tháng so với cùng kỳ", dash_cases_month: "Số việc xong theo tháng",
    dash_money_month: "Số tiền xong theo tháng (triệu đồng)", dash_this_year: "Năm {y}", dash_rate_target: "Tỷ lệ lũy kế so với chỉ tiêu (%)",
    dash_rate_cases: "Tỷ lệ về việc", dash_rate_money: "Tỷ lệ về tiền", dash_target_cases: "Chỉ tiêu về việc", dash_target_money: "Chỉ tiêu về tiền",
    dash_ranked: "Đơn vị trực thuộc xếp theo tỷ lệ xong về việc (%)", dash_not_eligible: "Số việc chưa có điều kiện thi hành cuối mỗi tháng",
    dash_open_report: "Mở báo cáo chi tiết", report_total: "Cộng", dash_year: "Năm báo cáo",
    dash_special: "Loại việc đặc thù (lũy kế năm)", dash_coercion: "Quyết định cưỡng chế", dash_complaints: "Khiếu nại về thi hành án",
    dash_not_carried_out: "Chưa tổ chức cưỡng chế", dash_paid_after: "tự nguyện sau quyết định", dash_not_resolved: "Chưa giải quyết", dash_to_enforce: "Phải thi hành (việc)", dash_eligible: "Có điều kiện (việc)",
  },
  en: {
    report_title: "Civil judgment enforcement statistics", report_unit: "Unit", report_period: "Period",
    report_from: "From", report_to: "To", report_category: "Category", report_all_categories: "All",
    report_custom: "Custom (type the dates)", report_year: "Reporting year {y} (01/10/{p} – 30/09/{y})", report_year_to_date: "Year {y}: 01/10/{p} to today",
    report_month: "Month {m}/{y}", report_show: "Show the report", report_xlsx: "Download the forms (.xlsx)",
    report_indicator: "Indicator", report_cases: "Cases", report_money: "Money (đồng)", report_of_which_app: "Of which on application",
    report_rates: "Results", report_rate_cases: "Completion rate, cases", report_rate_money: "Completion rate, money", report_target: "Target",
    report_vs_target: "Against the target", report_prev_year: "Same period last year", report_change: "Change on last year",
    report_over: "{p} points above", report_under: "{p} points below", report_no_target: "no target set", report_no_base: "—",
    report_admin_judgments: "Administrative judgments monitored (judgments)",
    report_coercion: "Coercion (coercion decisions)", report_complaints: "Complaints and denunciations about enforcement (cases)",
    act_carried_over: "Carried over", act_new_coercion: "Decided in the period", act_total_coercion: "Coercion decisions in total",
    act_paid_voluntarily: "Paid voluntarily after the decision", act_needing: "Needing coercion",
    act_carried_out: "Coercion carried out", act_pending_coercion: "Not yet carried out (at the end)",
    act_new_complaint: "Received in the period", act_total_complaint: "To resolve in total", act_resolved: "Resolved",
    act_pending_complaint: "Still to resolve (at the end)",
    report_prisons: "Work with prisons and camps", report_prisons_sent: "Documents sent in the period",
    report_prisons_on_time: "Dealt with in time", report_prisons_late: "Dealt with late", report_prisons_overdue: "Overdue at the end",
    report_prisons_money: "Money collected at camps", report_prisons_received: "Money received from camps",
    report_by_unit: "By child unit", report_no_children: "The unit has no child units.", report_unit_col: "Unit",
    report_points: "points", report_completed_now: "Completed (D1+D2) now", report_completed_then: "Same period last year",
    report_list_title: "The cases counted", report_list_count: "Cases: {n} · Money: {m}", report_back: "← Back to the report",
    report_case_no: "Case no.", report_case_unit: "Unit", report_case_state: "State today", report_case_cases: "Cases", report_case_money: "Money (đồng)",
    report_loading_all: "Loading the whole list…", report_none: "No cases.", report_source_app: "on application",
    dash_title: "Leader's dashboard", dash_by_month: "Completed by month against the year before", dash_cases_month: "Cases completed by month",
    dash_money_month: "Money completed by month (million đồng)", dash_this_year: "Year {y}", dash_rate_target: "Cumulative rate against the target (%)",
    dash_rate_cases: "Rate, cases", dash_rate_money: "Rate, money", dash_target_cases: "Target, cases", dash_target_money: "Target, money",
    dash_ranked: "Child units ranked by completion rate in cases (%)", dash_not_eligible: "Cases not yet eligible at each month's end",
    dash_open_report: "Open the detailed report", report_total: "Total", dash_year: "Reporting year",
    dash_special: "Special categories (year to date)", dash_coercion: "Coercion decisions", dash_complaints: "Complaints",
    dash_not_carried_out: "Not yet carried out", dash_paid_after: "paid after the decision", dash_not_resolved: "Not yet resolved", dash_to_enforce: "To enforce (cases)", dash_eligible: "Eligible (cases)",
  },
};
export const w = (key, vars) => {
  let s = (words[getLang()] || words.vi)[key] ?? words.vi[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split("{" + k + "}").join(String(v));
  return s;
};

// The indicator tree (THADS.md 5.2) as the forms name it: [label, JSON key, code].
export const LINES = [
  ["A", "total", "Tổng số thụ lý", "Accepted in total"],
  ["A1", "carried_over", "Năm trước chuyển sang", "Carried over"],
  ["A2", "new", "Thụ lý mới", "New"],
  ["B", "entrusted_away", "Ủy thác thi hành án", "Entrusted away"],
  ["C", "to_enforce", "Tổng số phải thi hành", "To enforce"],
  ["D", "eligible", "Có điều kiện thi hành", "Eligible"],
  ["D1+D2", "completed", "Thi hành xong (gồm đình chỉ)", "Completed (incl. terminated)"],
  ["D1", null, "Thi hành xong", "Fully performed"],
  ["D2", "terminated", "Đình chỉ thi hành án", "Terminated"],
  ["D3", "in_progress", "Đang thi hành", "Being enforced"],
  ["D4", "postponed", "Hoãn thi hành án", "Postponed"],
  ["D5", "suspended", "Tạm đình chỉ thi hành án", "Suspended"],
  ["D6", "other", "Trường hợp khác", "Other"],
  ["E", "not_eligible", "Chưa có điều kiện thi hành", "Not yet eligible"],
  ["F", "remaining", "Chuyển kỳ sau", "Carried to the next period"],
].map(([code, key, vi, en]) => ({ code, key, vi, en, list: key || "d1_completed" })); // D1 is listed, not a key
export const lineName = (l) => (getLang() === "vi" ? l.vi : l.en);
export const cellOf = (obj, l) => (l.key ? obj[l.key]
  : { cases: obj.completed.cases - obj.terminated.cases, money: obj.completed.money - obj.terminated.money });

// Reporting years: 2026 = 2025-10-01 .. 2026-09-30.
export const yearOf = (iso) => Number(iso.slice(0, 4)) + (Number(iso.slice(5, 7)) >= 10 ? 1 : 0);
export const yearFirst = (y) => `${y - 1}-10-01`;
export const yearLast = (y) => `${y}-09-30`;
export const monthLast = (y, m) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
export const currentYear = () => yearOf(todayIso());

// "85.49" -> "85,49" (Vietnamese decimal comma); null -> "—".
export const pct = (s) => (s === null || s === undefined ? "—" : String(s).replace(".", ",") + "%");
export const pts = (s) => String(s).replace(/^-/, "").replace(".", ",");

// A rate against its target: "vượt 1,85%" in green, "chưa đạt, thiếu 2,11%" in red.
export function Versus({ diff, id }) {
  if (diff === null || diff === undefined) return html`<span class="muted" id=${id}>${w("report_no_base")}</span>`;
  const neg = String(diff).startsWith("-");
  return html`<span id=${id} class=${neg ? "vs-under" : "vs-over"}>${w(neg ? "report_under" : "report_over", { p: pts(diff) })}</span>`;
}

// A signed change: "+1.692", "−3,5%".
export const signed = (n, fmt) => (n > 0 ? "+" : n < 0 ? "−" : "") + fmt(Math.abs(n));

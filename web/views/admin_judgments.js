// The monitoring of administrative judgments (issue 15; THADS.md 5.4): the judgments the
// user's units follow (GET /api/admin-judgments), newest first, those still monitored on
// request; registering one; one judgment with its steps in order and the form for the next
// step — a reminder letter, the court's decision compelling compliance, compliance, a note.
import { html, useState, useEffect } from "../lib/html.js";
import { api, get, query } from "../lib/api.js";
import { getLang } from "../lib/i18n.js";
import { can } from "../lib/session.js";
import { navigate, href } from "../lib/router.js";
import { fmtDate, fmtDateTime, fmtNumber, todayIso } from "../lib/format.js";
import { useForm, Field, Submit, checkDate, required, isoOf, displayDate } from "../lib/form.js";
import { Table } from "../lib/table.js";
import { Message } from "../lib/page.js";

const words = {
  vi: {
    aj_title: "Theo dõi thi hành án hành chính", aj_hint: "Bản án, quyết định hành chính cơ quan theo dõi việc chấp hành: văn bản đôn đốc, quyết định buộc thi hành của Tòa án, kết quả thi hành.",
    aj_only_monitored: "Chỉ bản án đang theo dõi", aj_none: "Chưa có bản án nào.", aj_more: "Tải thêm",
    aj_no: "Số bản án", aj_date: "Ngày bản án", aj_court: "Tòa án", aj_respondent: "Người phải thi hành (cơ quan hành chính)",
    aj_applicant: "Người được thi hành", aj_content: "Nội dung phải thi hành", aj_received: "Ngày nhận theo dõi",
    aj_reminded: "Đôn đốc lần đầu", aj_compelled: "Quyết định buộc thi hành", aj_completed: "Thi hành xong", aj_unit: "Đơn vị theo dõi",
    aj_state: "Tình trạng", aj_monitoring: "Đang theo dõi", aj_done: "Đã thi hành xong",
    aj_new: "Ghi nhận bản án hành chính cần theo dõi", aj_register: "Ghi nhận", aj_steps: "Diễn biến theo dõi", aj_no_steps: "Chưa có bước nào.",
    aj_step: "Ghi bước tiếp theo", aj_kind: "Bước", aj_on: "Ngày", aj_doc: "Số văn bản", aj_note: "Ghi chú", aj_record: "Ghi",
    aj_by: "Người ghi", aj_closed: "Bản án đã được thi hành xong: kết thúc theo dõi.",
    aj_not_found: "Không có bản án này, hoặc bản án không thuộc đơn vị bạn được xem.", aj_back: "← Danh sách bản án",
    k_reminded: "Văn bản đôn đốc", k_compelled: "Quyết định buộc thi hành án hành chính", k_completed: "Đã thi hành xong", k_note: "Ghi chú",
  },
  en: {
    aj_title: "Administrative judgments monitored", aj_hint: "Administrative judgments whose compliance the agency follows: reminder letters, the court's decisions compelling compliance, the outcome.",
    aj_only_monitored: "Only those still monitored", aj_none: "No judgment yet.", aj_more: "Load more",
    aj_no: "Judgment no.", aj_date: "Judgment date", aj_court: "Court", aj_respondent: "Must comply (administrative body)",
    aj_applicant: "Won by", aj_content: "What must be done", aj_received: "Received for monitoring",
    aj_reminded: "First reminder", aj_compelled: "Court decision compelling", aj_completed: "Complied with", aj_unit: "Monitoring unit",
    aj_state: "Status", aj_monitoring: "Monitored", aj_done: "Complied with",
    aj_new: "Register an administrative judgment to monitor", aj_register: "Register", aj_steps: "Steps", aj_no_steps: "No step yet.",
    aj_step: "Record the next step", aj_kind: "Step", aj_on: "Date", aj_doc: "Document no.", aj_note: "Note", aj_record: "Record",
    aj_by: "Recorded by", aj_closed: "Complied with: the monitoring is over.",
    aj_not_found: "No such judgment, or not one of your units'.", aj_back: "← All judgments",
    k_reminded: "Reminder letter", k_compelled: "Court decision compelling compliance", k_completed: "Complied with", k_note: "Note",
  },
};
const w = (key) => (words[getLang()] || words.vi)[key] ?? words.vi[key] ?? key;
const KINDS = ["reminded", "compelled", "completed", "note"];
const dateOr = (iso) => (iso ? fmtDate(iso) : "—");

const columns = [
  { key: "judgment_no", label: w("aj_no"), render: (j) => html`<a href=${"/admin-judgment/" + j.id}>${j.judgment_no}</a>
    <div class="muted">${fmtDate(j.judgment_date)}</div>` },
  { key: "respondent", label: w("aj_respondent") },
  { key: "unit", label: w("aj_unit"), sort: (j) => j.unit.code, render: (j) => html`<span title=${j.unit.name_vi}>${j.unit.code}</span>` },
  { key: "received_on", label: w("aj_received"), render: (j) => fmtDate(j.received_on) },
  { key: "reminded_on", label: w("aj_reminded"), render: (j) => dateOr(j.reminded_on) },
  { key: "compelled_on", label: w("aj_compelled"), render: (j) => dateOr(j.compelled_on) },
  { key: "state", label: w("aj_state"), sort: (j) => (j.monitored ? 0 : 1),
    render: (j) => html`<span class=${j.monitored ? "warn" : "ok"}>${j.monitored ? w("aj_monitoring") : w("aj_done") + " " + fmtDate(j.completed_on)}</span>` },
];

function RegisterForm({ onDone }) {
  const form = useForm({ judgment_no: "", judgment_date: "", court: "", respondent: "", applicant: "", content: "", received_on: displayDate(todayIso()) });
  const submit = (ev) => {
    ev.preventDefault();
    form.submit((v) => ({ judgment_no: required(v.judgment_no), judgment_date: checkDate(v.judgment_date), court: required(v.court),
      respondent: required(v.respondent), applicant: required(v.applicant), content: required(v.content), received_on: checkDate(v.received_on) }),
    async (v) => {
      const r = await api("POST", "/api/admin-judgments", { ...v, judgment_date: isoOf(v.judgment_date), received_on: isoOf(v.received_on) });
      if (r.ok) onDone(r.data);
      return r;
    });
  };
  return html`<form class="form-grid" id="aj-form" onSubmit=${submit} novalidate>
    <${Field} form=${form} name="judgment_no" label=${w("aj_no")} required />
    <${Field} form=${form} name="judgment_date" label=${w("aj_date")} kind="date" required />
    <${Field} form=${form} name="court" label=${w("aj_court")} required span2 />
    <${Field} form=${form} name="respondent" label=${w("aj_respondent")} required span2 />
    <${Field} form=${form} name="applicant" label=${w("aj_applicant")} required span2 />
    <${Field} form=${form} name="content" label=${w("aj_content")} kind="textarea" required wide />
    <${Field} form=${form} name="received_on" label=${w("aj_received")} kind="date" required />
    <${Submit} form=${form} label=${w("aj_register")} />
  </form>`;
}

export function AdminJudgments({ query: q }) {
  const [rows, setRows] = useState(null);
  const [next, setNext] = useState(null);
  const [error, setError] = useState(null);
  const monitored = q.monitored === "1";
  const load = (before) => get("/api/admin-judgments" + query({ monitored: monitored ? 1 : "", before, limit: 100 })).then((r) => {
    if (!r.ok) return setError(r.error.message);
    setRows((old) => (before ? [...(old || []), ...r.data.items] : r.data.items));
    setNext(r.data.next_before);
  });
  useEffect(() => { setRows(null); load(null); }, [monitored]);
  return html`<div id="view-admin-judgments">
    <section class="card">
      <h2>${w("aj_title")}</h2>
      <p class="muted">${w("aj_hint")}</p>
      <label class="check"><input type="checkbox" id="aj-monitored" checked=${monitored}
        onChange=${(e) => navigate(href("/admin-judgments", { monitored: e.target.checked ? "1" : "" }))} /> ${w("aj_only_monitored")}</label>
      ${error ? html`<p class="error" role="alert">${error}</p>` : null}
      <${Table} id="aj-table" columns=${columns} rows=${rows || []} loading=${!rows && !error} empty=${w("aj_none")}
        more=${next ? () => load(next) : null} />
    </section>
    ${can("case.write") ? html`<section class="card"><h3>${w("aj_new")}</h3>
      <${RegisterForm} onDone=${(j) => navigate("/admin-judgment/" + j.id)} /></section>` : null}
  </div>`;
}

function StepForm({ j, onDone }) {
  const form = useForm({ kind: j.reminded_on ? "note" : "reminded", occurred_on: displayDate(todayIso()), document_no: "", note: "" });
  const kinds = KINDS.filter((k) => k !== "compelled" || !j.compelled_on);
  const submit = (ev) => {
    ev.preventDefault();
    form.submit((v) => ({ occurred_on: checkDate(v.occurred_on), note: v.kind === "note" ? required(v.note) : null }),
      async (v) => {
        const body = { kind: v.kind, occurred_on: isoOf(v.occurred_on) };
        if (v.document_no.trim()) body.document_no = v.document_no.trim();
        if (v.note.trim()) body.note = v.note.trim();
        const r = await api("POST", "/api/admin-judgments/" + j.id + "/steps", body);
        if (r.ok) { form.reset({ ...form.values, document_no: "", note: "" }); onDone(r.data); }
        return r;
      });
  };
  return html`<form class="form-grid" id="aj-step-form" onSubmit=${submit} novalidate>
    <${Field} form=${form} name="kind" label=${w("aj_kind")} kind="select" options=${kinds.map((k) => ({ value: k, label: w("k_" + k) }))} />
    <${Field} form=${form} name="occurred_on" label=${w("aj_on")} kind="date" required />
    <${Field} form=${form} name="document_no" label=${w("aj_doc")} />
    <${Field} form=${form} name="note" label=${w("aj_note")} kind="textarea" wide />
    <${Submit} form=${form} label=${w("aj_record")} />
  </form>`;
}

export function AdminJudgmentPage({ params }) {
  const [j, setJ] = useState(null);
  useEffect(() => { get("/api/admin-judgments/" + params.id).then((r) => setJ(r.ok ? r.data : { error: r.error })); }, [params.id]);
  if (!j) return html`<p class="muted">…</p>`;
  if (j.error) return html`<${Message} code="not_found" title=${w("aj_title")} text=${j.error.status === 404 ? w("aj_not_found") : j.error.message} />`;
  const facts = [["aj_no", j.judgment_no + " · " + fmtDate(j.judgment_date)], ["aj_court", j.court], ["aj_respondent", j.respondent],
    ["aj_applicant", j.applicant], ["aj_content", j.content], ["aj_unit", j.unit.name_vi], ["aj_received", fmtDate(j.received_on)],
    ["aj_reminded", dateOr(j.reminded_on)], ["aj_compelled", dateOr(j.compelled_on)], ["aj_completed", dateOr(j.completed_on)]];
  return html`<div id="view-admin-judgment">
    <p><a href="/admin-judgments">${w("aj_back")}</a></p>
    <section class="card">
      <h2>${w("aj_title")}: ${j.judgment_no} <span class=${j.monitored ? "warn" : "ok"} id="aj-state">${j.monitored ? w("aj_monitoring") : w("aj_done")}</span></h2>
      <dl id="aj-facts">${facts.map(([k, v]) => html`<dt>${w(k)}</dt><dd>${v}</dd>`)}</dl>
    </section>
    <section class="card"><h3>${w("aj_steps")}</h3>
      <${Table} id="aj-steps" rows=${j.steps} empty=${w("aj_no_steps")} columns=${[
        { key: "occurred_on", label: w("aj_on"), render: (s) => fmtDate(s.occurred_on) },
        { key: "kind", label: w("aj_kind"), render: (s) => w("k_" + s.kind) },
        { key: "document_no", label: w("aj_doc"), render: (s) => s.document_no || "—" },
        { key: "note", label: w("aj_note"), render: (s) => s.note || "" },
        { key: "recorded_by", label: w("aj_by"), render: (s) => html`${s.recorded_by || "—"}<div class="muted">${fmtDateTime(s.recorded_at)}</div>` },
      ]} />
    </section>
    ${!j.monitored ? html`<p class="ok" id="aj-closed">${w("aj_closed")}</p>`
      : can("case.write") ? html`<section class="card"><h3>${w("aj_step")}</h3><${StepForm} j=${j} onDone=${setJ} /></section>` : null}
  </div>`;
}

// The report's table (GET /api/reports/summary: admin_judgments), counted in judgments; the
// judgments behind it are the unit's list above.
const figureWords = {
  vi: { carried_over: "Năm trước chuyển sang", new: "Nhận mới trong kỳ", monitored: "Tổng số phải theo dõi",
    reminded: "Đã có văn bản đôn đốc (số việc)", compelled: "Quyết định buộc thi hành án hành chính trong kỳ",
    completed: "Đã thi hành xong trong kỳ", remaining: "Đang theo dõi, chuyển kỳ sau" },
  en: { carried_over: "Carried over", new: "Received in the period", monitored: "Monitored in total",
    reminded: "With a reminder letter (cases)", compelled: "Court decisions compelling compliance in the period",
    completed: "Complied with in the period", remaining: "Still monitored, carried forward" },
};
export function AdminJudgmentFigures({ f }) {
  const names = figureWords[getLang()] || figureWords.vi;
  return html`<div class="table-wrap"><table id="report-admin-judgments"><tbody>
    ${Object.keys(figureWords.vi).map((k) => html`<tr data-key=${k}><th scope="row">${names[k]}</th><td class="num">${fmtNumber(f[k])}</td></tr>`)}
  </tbody></table></div>
  <p class="muted"><a href="/admin-judgments?monitored=1" id="report-aj-link">${w("aj_title")} →</a></p>`;
}

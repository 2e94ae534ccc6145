// One case: its facts, parties, items, deadlines by date with days left or late, the next
// legal steps, the timeline; the event form (only the chosen event's fields), assignment
// (leader) and entrustment. /case/ID/print is the summary for paper (print.css).
import { html, useState, useEffect } from "../lib/html.js";
import { api, get } from "../lib/api.js";
import { t, named, codes, getCatalog } from "../lib/i18n.js";
import { can } from "../lib/session.js";
import { fmtDate, fmtDateTime, money, todayIso, parseMoney, naturalCompare } from "../lib/format.js";
import { useForm, Field, Submit, checkDate, checkMoney, required, isoOf, displayDate } from "../lib/form.js";
import { stateName, eventName, categoryName, deadlineName, deadlineBasis, DueCell, Unconfirmed, dueWords } from "../lib/domain.js";
import { Message } from "../lib/page.js";
import { requestEnum } from "../lib/schema.js";
import { CaseMoney } from "./case_money.js";
import { CaseExchanges } from "./prison.js";

// Events recorded elsewhere (intake, entrustment received, assignment) are not in the form.
const NOT_IN_FORM = ["received", "entrustment_received", "assigned"];
// The fields each event takes besides its date (POST /api/cases/{id}/events): the
// OpenAPI description says which event reads which field.
const FIELDS = {
  refused: ["document_no", "reason"],
  decided: ["document_no"],
  notified: ["document_no", "service_by_posting"],
  voluntary_period_ended: [],
  verification_recorded: ["document_no", "result"],
  classified_eligible: ["document_no"],
  classified_not_eligible: ["document_no", "reason", "reverify_yearly"],
  postponed: ["document_no", "ground_on", "reason"],
  postponement_lifted: ["document_no", "ground_on"],
  suspended: ["document_no", "ground_on", "reason"],
  resumed: ["document_no", "ground_on"],
  terminated: ["document_no", "ground_on", "reason"],
  entrusted_out: ["document_no", "ground_on"],
  measure_applied: ["document_no", "reason"],
  coercion_scheduled: ["document_no", "coercion_on", "mobilizing_forces", "reason"],
  coercion_carried_out: ["document_no", "reason"],
  coercion_paid_voluntarily: ["reason"],
  complaint_received: ["document_no", "complaint_about", "reason"],
  complaint_decided: ["document_no", "complaint_seq", "reason"],
  money_collected: ["document_no", "amount_vnd"],
  money_paid: ["document_no", "amount_vnd"],
  completed: ["document_no"],
  application_returned: ["document_no", "reason"],
  revoked: ["document_no", "reason"],
  corrected: ["corrects_seq", "reason"],
  note: ["reason"],
};
const fieldsOf = (type) => FIELDS[type] || ["document_no", "reason"];
// next_events of GET /api/cases/{id}: [{code, vi, en}] (older servers: none).
const codeOf = (e) => (typeof e === "string" ? e : e.code || e.type);

export function CasePage({ params, print }) {
  const [c, setCase] = useState(null);
  const [events, setEvents] = useState([]);
  const [error, setError] = useState(null);
  const load = async () => {
    const [r, ev] = await Promise.all([get("/api/cases/" + params.id), get("/api/cases/" + params.id + "/events")]);
    if (!r.ok) { setError(r.error); return; }
    setCase(r.data);
    setEvents(ev.ok ? ev.data.events : []);
  };
  useEffect(() => { load(); }, [params.id]);
  if (error && error.status === 404) return html`<${Message} code="not-found" title=${t("case_not_found_title")} text=${t("case_not_found_text")} />`;
  if (error && error.status === 403) return html`<${Message} code="forbidden" title=${t("forbidden_title")} text=${t("forbidden_text")} />`;
  if (error) return html`<p class="error" role="alert">${error.message}</p>`;
  if (!c) return html`<p class="muted loading">${t("loading")}</p>`;
  const deadlines = [...c.deadlines].sort((a, b) => (a.due_on < b.due_on ? -1 : a.due_on > b.due_on ? 1 : 0));
  const open = deadlines.filter((d) => d.outcome === "open");
  const facts = [
    [t("state"), stateName(c.state), "case-state"], [t("category"), categoryName(c.category)],
    [t("judgment"), `${c.judgment.number} (${fmtDate(c.judgment.date)}), ${c.judgment.court}`],
    [t("received_on"), fmtDate(c.received_on)], [t("decided_on"), fmtDate(c.decided_on)],
    [t("officer"), c.officer ? c.officer.full_name : t("unassigned"), "case-officer"],
    [t("amount"), money(c.amount_vnd)], [t("collected"), money(c.collected_vnd)], [t("paid"), money(c.paid_vnd)],
    [t("remaining"), money(c.remaining_vnd)],
  ];
  return html`<div id="view-case" class=${print ? "print-view" : ""}>
    <section class="card">
      <div class="toolbar">
        <h2 id="case-title">${c.case_no} — ${c.unit.name_vi}</h2>
        <div class="actions no-print">
          ${print ? html`<button type="button" class="primary" id="print-now" onClick=${() => window.print()}>${t("print")}</button>
            <a href=${"/case/" + c.id} class="button">${t("back_to_case")}</a>`
          : html`<a href=${"/case/" + c.id + "/print"} class="button" id="print-link">${t("print_view")}</a>`}
        </div>
      </div>
      ${print ? html`<p class="muted">${t("printed_on", { d: fmtDateTime(new Date().toISOString()) })}</p>` : null}
      <dl id="case-facts">${facts.map(([k, v, id]) => html`<dt>${k}</dt><dd id=${id}>${v}</dd>`)}</dl>
    </section>
    <div class="grid2">
      <section class="card">
        <h3>${t("parties")}</h3>
        <ul id="case-parties" class="plain">${c.parties.map((p) => html`<li><strong>${p.full_name}</strong> — ${named("party_roles", p.role)}${
          p.id_number ? " · " + p.id_number : ""}${p.address ? html`<div class="muted">${p.address}</div>` : null}</li>`)}</ul>
        <h3>${t("items")}</h3>
        <ul id="case-items" class="plain">${c.items.map((i) => html`<li>${named("content_types", i.content_type)}: ${i.description}${
          i.amount_vnd ? html` — <strong>${money(i.amount_vnd)}</strong>` : null}</li>`)}</ul>
      </section>
      <section class="card">
        <h3>${t("next_steps")}</h3>
        <${NextSteps} c=${c} open=${open} />
      </section>
    </div>
    <section class="card">
      <h3>${t("deadlines")}</h3>
      <div class="table-wrap"><table id="case-deadlines">
        <thead><tr><th scope="col">${t("due_on")}</th><th scope="col">${t("deadline")}</th><th scope="col">${t("legal_ref")}</th><th scope="col">${t("outcome")}</th></tr></thead>
        <tbody>${deadlines.map((d) => html`<tr class=${d.overdue ? "overdue" : ""} data-rule=${d.rule_id}>
          <td data-label=${t("due_on")}>${d.outcome === "open" ? html`<${DueCell} d=${d} />` : fmtDate(d.due_on)}</td>
          <td data-label=${t("deadline")}>${deadlineName(d)}</td>
          <td data-label=${t("legal_ref")} class="muted">${deadlineBasis(d)}<${Unconfirmed} d=${d} /></td>
          <td data-label=${t("outcome")} class=${dueWords(d).cls}>${d.outcome === "open" ? t("open") : dueWords(d).text}${d.closed_on ? " (" + fmtDate(d.closed_on) + ")" : ""}</td></tr>`)}
        ${deadlines.length ? null : html`<tr><td colspan="4" class="muted">${t("no_deadlines")}</td></tr>`}</tbody>
      </table></div>
    </section>
    <${CaseMoney} c=${c} onChanged=${load} />
    <${CaseExchanges} c=${c} />
    <section class="card">
      <h3>${t("timeline")}</h3>
      <ol id="case-timeline" class="timeline">${events.map((e) => html`<li>
        <strong>${fmtDate(e.occurred_on)}</strong> ${eventName(e.type)}${e.document_no ? ` (${e.document_no})` : ""} → ${stateName(e.state_after)}
        ${e.actor ? html`<span class="muted"> · ${e.actor.full_name || e.actor}</span>` : null}
        ${e.payload && e.payload.reason ? html`<div class="muted">${e.payload.reason}</div>` : null}
        ${e.payload && e.payload.amount_vnd && e.type !== "received" ? html`<div class="muted">${money(e.payload.amount_vnd)}</div>` : null}
      </li>`)}</ol>
    </section>
    ${print ? null : html`
      ${can("case.write") ? html`<${EventForm} c=${c} onSaved=${load} />` : null}
      ${can("case.assign") ? html`<${AssignForm} c=${c} onSaved=${load} />` : null}
      ${can("case.write") ? html`<${EntrustForm} c=${c} onSaved=${load} />` : null}`}
  </div>`;
}

// What the law allows next from this state (the server's next_events when it gives them)
// and the open deadlines that say by when.
function NextSteps({ c, open }) {
  const next = c.next_events || null;
  return html`<div id="next-steps">
    ${next ? html`<p class="muted">${t("law_allows")}</p><ul class="plain" id="next-events">${next.map(codeOf).map((code) => html`<li>• ${eventName(code)}${
      code === "assigned" ? html` <span class="muted">(${t("by_leader")})</span>` : null}</li>`)}</ul>` : null}
    ${open.length ? html`<p class="muted">${t("open_deadlines")}</p><ul class="plain">${open.map((d) => html`<li><${DueCell} d=${d} /> — ${deadlineName(d)}</li>`)}</ul>`
      : html`<p class="muted">${t("no_open_deadlines")}</p>`}
  </div>`;
}

function EventForm({ c, onSaved }) {
  const initial = { type: "", occurred_on: displayDate(todayIso()), document_no: "", result: "", amount_vnd: "", reason: "", ground_on: "", reverify_yearly: false, service_by_posting: false, corrects_seq: "", coercion_on: "", mobilizing_forces: false, complaint_about: "", complaint_seq: "" };
  const form = useForm(initial);
  const type = form.values.type;
  const [recordable, setRecordable] = useState(null);
  useEffect(() => { requestEnum("/api/cases/{id}/events", "post", "type").then((e) => setRecordable(e || Object.keys(FIELDS))); }, []);
  const allowed = c.next_events ? c.next_events.map(codeOf) : codes("events");
  const types = allowed.filter((x) => !NOT_IN_FORM.includes(x) && (!recordable || recordable.includes(x)));
  // The complaints awaiting a decision, by their resolution deadlines: a decision names
  // the one it answers when there are several (the server takes the only one otherwise).
  const complaints = c.deadlines.filter((d) => d.outcome === "open" && d.resolves_complaint);
  const fields = (type ? fieldsOf(type) : []).filter((f) => f !== "complaint_seq" || complaints.length > 1);
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({
      type: required(v.type), occurred_on: checkDate(v.occurred_on),
      ground_on: fields.includes("ground_on") ? checkDate(v.ground_on, false) : null,
      coercion_on: fields.includes("coercion_on") ? checkDate(v.coercion_on) : null,
      complaint_about: fields.includes("complaint_about") ? required(v.complaint_about) : null,
      complaint_seq: fields.includes("complaint_seq") ? required(v.complaint_seq) : null,
      amount_vnd: fields.includes("amount_vnd") ? checkMoney(v.amount_vnd) : null,
      result: fields.includes("result") ? required(v.result) : null,
      reason: type === "note" ? required(v.reason) : null,
    }), (v) => {
      const body = { type: v.type, occurred_on: isoOf(v.occurred_on) };
      for (const f of fields) {
        const x = v[f];
        if (f === "amount_vnd") body.amount_vnd = parseMoney(x);
        else if (f === "ground_on" || f === "coercion_on") { if (x) body[f] = isoOf(x); }
        else if (f === "corrects_seq" || f === "complaint_seq") { if (x) body[f] = Number(x); }
        else if (typeof x === "boolean") { if (x) body[f] = true; }
        else if (String(x).trim()) body[f] = String(x).trim();
      }
      return api("POST", "/api/cases/" + c.id + "/events", body);
    });
    if (r && r.ok) { form.reset(); form.setMessage({ text: t("saved"), ok: true }); onSaved(); }
  };
  return html`<section class="card" id="event-card">
    <h3>${t("record_event")}</h3>
    <form id="event-form" class="form-grid" onSubmit=${submit} novalidate>
      <${Field} form=${form} name="type" label=${t("event")} kind="select" required
        options=${[{ value: "", label: "—" }, ...types.map((x) => ({ value: x, label: eventName(x) }))]} />
      <${Field} form=${form} name="occurred_on" label=${t("occurred_on")} kind="date" required />
      ${fields.includes("document_no") ? html`<${Field} form=${form} name="document_no" label=${t("document_no")} maxlength="64" />` : null}
      ${fields.includes("result") ? html`<${Field} form=${form} name="result" label=${t("result")} kind="select" required
        options=${[{ value: "", label: "—" }, ...codes("verification_results").filter((x) => x !== "none").map((x) => ({ value: x, label: named("verification_results", x) }))]} />` : null}
      ${fields.includes("amount_vnd") ? html`<${Field} form=${form} name="amount_vnd" label=${t("amount_vnd")} kind="money" required />` : null}
      ${fields.includes("ground_on") ? html`<${Field} form=${form} name="ground_on" label=${t("ground_on")} kind="date" />` : null}
      ${fields.includes("coercion_on") ? html`<${Field} form=${form} name="coercion_on" label=${t("coercion_on")} kind="date" required />` : null}
      ${fields.includes("complaint_about") ? html`<${Field} form=${form} name="complaint_about" label=${t("complaint_about")} kind="select" required
        options=${[{ value: "", label: "—" }, ...["first", "protective", "other", "denunciation"].map((x) => ({ value: x, label: t("complaint_" + x) }))]} />` : null}
      ${fields.includes("complaint_seq") ? html`<${Field} form=${form} name="complaint_seq" label=${t("complaint_seq")} kind="select" required wide
        options=${[{ value: "", label: "—" }, ...complaints.map((d) => ({ value: String(d.opened_seq), label: t("complaint_of", { n: d.opened_seq, on: fmtDate(d.trigger_on), due: fmtDate(d.due_on) }) }))]} />` : null}
      ${fields.includes("corrects_seq") ? html`<${Field} form=${form} name="corrects_seq" label=${t("corrects_seq")} type="number" min="1" />` : null}
      ${fields.includes("reason") ? html`<${Field} form=${form} name="reason" label=${type === "note" ? t("note_text") : t("reason")} kind="textarea" maxlength="1000" wide />` : null}
      ${fields.includes("reverify_yearly") ? html`<${Field} form=${form} name="reverify_yearly" label=${t("reverify_yearly")} kind="checkbox" wide />` : null}
      ${fields.includes("mobilizing_forces") ? html`<${Field} form=${form} name="mobilizing_forces" label=${t("mobilizing_forces")} kind="checkbox" wide />` : null}
      ${fields.includes("service_by_posting") ? html`<${Field} form=${form} name="service_by_posting" label=${t("service_by_posting")} kind="checkbox" wide />` : null}
      <${Submit} form=${form} />
    </form>
  </section>`;
}

function AssignForm({ c, onSaved }) {
  const [officers, setOfficers] = useState([]);
  const form = useForm({ officer_user_id: "", occurred_on: displayDate(todayIso()), document_no: "" });
  useEffect(() => {
    get("/api/users").then((r) => {
      if (r.ok) setOfficers(r.data.users.filter((u) => u.roles.includes("officer") && !u.disabled)
        .sort((a, b) => (a.unit.id === c.unit.id ? 0 : 1) - (b.unit.id === c.unit.id ? 0 : 1) || a.full_name.localeCompare(b.full_name, "vi")));
    });
  }, [c.id]);
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({ officer_user_id: required(v.officer_user_id), occurred_on: checkDate(v.occurred_on) }),
      (v) => api("POST", "/api/cases/" + c.id + "/assign", { officer_user_id: Number(v.officer_user_id), occurred_on: isoOf(v.occurred_on), ...(v.document_no.trim() ? { document_no: v.document_no.trim() } : {}) }));
    if (r && r.ok) onSaved();
  };
  return html`<section class="card" id="assign-card">
    <h3>${c.officer ? t("reassign") : t("assign")}</h3>
    <form id="assign-form" class="form-grid" onSubmit=${submit} novalidate>
      <${Field} form=${form} name="officer_user_id" label=${t("officer")} kind="select" required
        options=${[{ value: "", label: "—" }, ...officers.map((u) => ({ value: String(u.id), label: `${u.full_name} (${u.unit.code})` }))]} />
      <${Field} form=${form} name="occurred_on" label=${t("assigned_on")} kind="date" required />
      <${Field} form=${form} name="document_no" label=${t("assignment_decision")} maxlength="64" />
      <${Submit} form=${form} label=${t("assign")} />
    </form>
  </section>`;
}

function EntrustForm({ c, onSaved }) {
  const [units, setUnits] = useState([]);
  const [shown, setShown] = useState(false);
  const form = useForm({ to_unit_id: "", case_no: "", occurred_on: displayDate(todayIso()), document_no: "" });
  useEffect(() => {
    if (!shown) return;
    get("/api/units").then((r) => { if (r.ok) setUnits(r.data.units.filter((u) => u.enforcement !== false && u.id !== c.unit.id).sort((a, b) => naturalCompare(a.code, b.code))); });
  }, [shown]);
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({ to_unit_id: required(v.to_unit_id), case_no: required(v.case_no), occurred_on: checkDate(v.occurred_on), document_no: required(v.document_no) }),
      (v) => api("POST", "/api/cases/" + c.id + "/entrust", { to_unit_id: Number(v.to_unit_id), case_no: v.case_no.trim(), occurred_on: isoOf(v.occurred_on), document_no: v.document_no.trim() }));
    if (r && r.ok) onSaved();
  };
  return html`<section class="card" id="entrust-card">
    <h3><button type="button" class="disclose" aria-expanded=${shown ? "true" : "false"} onClick=${() => setShown(!shown)}>${t("entrust")}</button></h3>
    ${shown ? html`<p class="muted">${t("entrust_hint")}</p>
    <form id="entrust-form" class="form-grid" onSubmit=${submit} novalidate>
      <${Field} form=${form} name="to_unit_id" label=${t("entrust_to")} kind="select" required
        options=${[{ value: "", label: "—" }, ...units.map((u) => ({ value: String(u.id), label: `${u.code} — ${u.name_vi}` }))]} />
      <${Field} form=${form} name="case_no" label=${t("entrust_case_no")} maxlength="64" required />
      <${Field} form=${form} name="occurred_on" label=${t("occurred_on")} kind="date" required />
      <${Field} form=${form} name="document_no" label=${t("entrust_decision")} maxlength="64" required />
      <${Submit} form=${form} label=${t("entrust")} />
    </form>` : null}
  </section>`;
}

// The prison pages (issue 16): the prison officer's home (their prisoners with what each
// still owes, what waits for the camp, overdue first), the list of prisoners, one
// prisoner (where held, obligations, exchanges; the camp records money paid at the camp
// and asks for a confirmation of fulfilment, the agency sends notices, hand-overs and
// verification requests), the unit's exchanges (overdue first) and the case page's section.
import { html, useState, useEffect } from "../lib/html.js";
import { api, get, query } from "../lib/api.js";
import { t } from "../lib/i18n.js";
import { getSession, can } from "../lib/session.js";
import { navigate, href } from "../lib/router.js";
import { fmtDate, money, todayIso, parseMoney, fmtNumber, naturalCompare } from "../lib/format.js";
import { useForm, Field, Submit, checkDate, checkMoney, required, isoOf, displayDate } from "../lib/form.js";
import { Message } from "../lib/page.js";
import {
  isCamp, canWrite, ExchangeTable, PrisonerTable, PURPOSES, purposeName, STARTED_BY_CAMP, STARTED_BY_AGENCY, waiting,
} from "./prison_common.js";

const Count = ({ n, label, link, cls, id }) => html`<a class=${"count " + (cls || "")} href=${link} id=${id}>
  <span class="n">${n === null || n === undefined ? "…" : n}</span><span class="label">${label}</span></a>`;

// The prison officer's home.
export function PrisonHome() {
  const s = getSession();
  const [prisoners, setPrisoners] = useState(null);
  const [wait, setWait] = useState(null);
  useEffect(() => {
    get("/api/prisoners?limit=1000").then((r) => setPrisoners(r.ok ? r.data.items : []));
    get("/api/exchanges?waiting=me&limit=200").then((r) => setWait(r.ok ? r.data.items : []));
  }, []);
  const overdue = wait ? wait.filter((x) => x.state === "overdue").length : null;
  const remaining = prisoners ? prisoners.reduce((a, p) => a + (p.owed ? p.owed.remaining_vnd : 0), 0) : null;
  return html`<div id="view-home" class="prison-home">
    <h2 class="greeting">${t("hello", { name: s.user.full_name })} <span class="muted">· ${s.user.unit.name_vi}</span></h2>
    <section class="card" id="prison-counts">
      <h2>${t("px_portal")}</h2>
      <div class="counts">
        <${Count} id="count-prisoners" n=${prisoners ? fmtNumber(prisoners.length) : null} label=${t("px_n_prisoners")} link="/prisoners" />
        <${Count} id="count-waiting" cls=${wait && wait.length ? "warn" : ""} n=${wait ? fmtNumber(wait.length) : null} label=${t("px_n_waiting")} link=${href("/exchanges", { waiting: "me" })} />
        <${Count} id="count-x-overdue" cls=${overdue ? "bad" : ""} n=${overdue === null ? null : fmtNumber(overdue)} label=${t("px_n_overdue")} link=${href("/exchanges", { state: "overdue" })} />
        <${Count} id="count-remaining" n=${remaining === null ? null : money(remaining)} label=${t("px_n_remaining")} link="/prisoners" />
      </div>
    </section>
    <section class="card" id="prison-waiting">
      <h2>${t("px_waiting_us")}</h2>
      ${wait ? html`<${ExchangeTable} id="waiting-table" rows=${wait} empty=${t("px_waiting_none")} />` : html`<p class="muted">${t("loading")}</p>`}
    </section>
    <section class="card" id="prison-prisoners">
      <h2>${t("px_our_prisoners")}</h2>
      ${prisoners ? html`<${PrisonerTable} id="prisoners-table" rows=${prisoners} camp=${true} empty=${t("px_no_prisoners")} />` : html`<p class="muted">${t("loading")}</p>`}
    </section>
  </div>`;
}

// The prisoners the user may see: the camp's held today, or those the agency's units follow.
export function Prisoners() {
  const [rows, setRows] = useState(null);
  useEffect(() => { get("/api/prisoners?limit=1000").then((r) => setRows(r.ok ? r.data.items : { error: r.error })); }, []);
  return html`<div id="view-prisoners"><section class="card">
    <h2>${isCamp() ? t("px_our_prisoners") : t("px_prisoners")}</h2>
    ${!rows ? html`<p class="muted">${t("loading")}</p>` : rows.error ? html`<p class="error" role="alert">${rows.error.message}</p>`
      : html`<${PrisonerTable} id="prisoners-table" rows=${rows} camp=${isCamp()} empty=${isCamp() ? t("px_no_prisoners") : null} />`}
  </section></div>`;
}

const stayIn = (s) => (s.reason_in === "transfer" ? t("px_in_transfer") : t("px_in_entry"));
const stayOut = (s) => (s.reason_out ? t("px_out_" + s.reason_out) : "");

export function PrisonerPage({ params }) {
  const [d, setD] = useState(null);
  const [error, setError] = useState(null);
  const [open, setOpen] = useState(null); // "collect" | "confirm" | "start"
  const [notice, setNotice] = useState(null);
  const load = async () => {
    const r = await get("/api/prisoners/" + params.id);
    if (!r.ok) { setError(r.error); return; }
    setD(r.data);
  };
  useEffect(() => { load(); }, [params.id]);
  if (error && error.status === 404) return html`<${Message} code="not-found" title=${t("px_not_found")} text=${t("px_not_found_text")} />`;
  if (error) return html`<p class="error" role="alert">${error.message}</p>`;
  if (!d) return html`<p class="muted loading">${t("loading")}</p>`;
  const p = d.prisoner, o = d.obligations;
  const held = p.status === "held";
  const done = (n) => { setOpen(null); setNotice(n); load(); };
  const toggle = (k) => { setOpen(open === k ? null : k); setNotice(null); };
  const facts = [
    [t("px_no"), p.prisoner_no, "px-no"], [t("px_birth"), fmtDate(p.birth_date)], [t("px_id_number"), p.id_number || "—"],
    [t("px_sentence"), p.sentence], [t("px_camp"), p.camp ? `${p.camp.name_vi} (${t("px_from").toLowerCase()} ${fmtDate(p.camp_since)})` : p.status_name_vi, "px-camp"],
    [t("px_entered"), fmtDate(p.entered_on)], [t("px_release"), fmtDate(p.expected_release_on)],
    [t("px_status"), p.status_name_vi], [t("px_agency"), p.agency.name_vi, "px-agency"],
  ];
  return html`<div id="view-prisoner">
    <section class="card">
      <div class="toolbar"><h2 id="prisoner-title">${p.full_name}</h2>
        <div class="actions no-print">
          ${held && canWrite() && isCamp() ? html`
            <button type="button" id="collect-open" aria-expanded=${open === "collect" ? "true" : "false"} onClick=${() => toggle("collect")}>${t("px_collect")}</button>
            <button type="button" id="confirm-open" aria-expanded=${open === "confirm" ? "true" : "false"} onClick=${() => toggle("confirm")}>${t("px_ask_confirm")}</button>` : null}
          ${held && canWrite() && !isCamp() ? html`
            <button type="button" id="start-open" aria-expanded=${open === "start" ? "true" : "false"} onClick=${() => toggle("start")}>${t("px_start")}</button>` : null}
        </div></div>
      <dl id="prisoner-facts">${facts.map(([k, v, id]) => html`<dt>${k}</dt><dd id=${id}>${v}</dd>`)}</dl>
      ${notice ? html`<p class="ok money-notice" id="prisoner-notice" role="status">${notice.text}${notice.link
        ? html` <a href=${notice.link} id="prisoner-notice-link">${notice.label}</a>` : null}</p>` : null}
      ${open === "collect" ? html`<${CollectForm} d=${d} onDone=${done} onClose=${() => setOpen(null)} />` : null}
      ${open === "confirm" ? html`<${ConfirmRequestForm} d=${d} onDone=${done} onClose=${() => setOpen(null)} />` : null}
      ${open === "start" ? html`<${StartForm} d=${d} onDone=${done} onClose=${() => setOpen(null)} />` : null}
    </section>
    <section class="card" id="prisoner-obligations">
      <h3>${t("px_obligations")}</h3>
      <dl class="money-facts" id="obligation-facts">
        <div class="money-fact"><dt>${t("px_amount")}</dt><dd class="num" id="ob-amount">${money(o.amount_vnd)}</dd></div>
        <div class="money-fact"><dt>${t("px_paid")}</dt><dd class="num" id="ob-paid">${money(o.paid_vnd)}</dd></div>
        <div class="money-fact warn"><dt>${t("px_remaining")}</dt><dd class="num" id="ob-remaining">${money(o.remaining_vnd)}</dd></div>
      </dl>
      <div class="table-wrap"><table id="obligations-table">
        <thead><tr><th scope="col">${t("px_decision")}</th><th scope="col">${t("px_judgment")}</th><th scope="col">${t("px_items")}</th>
          <th scope="col" class="num">${t("px_amount")}</th><th scope="col" class="num">${t("px_paid")}</th><th scope="col" class="num">${t("px_remaining")}</th></tr></thead>
        <tbody>${o.cases.map((c) => html`<tr data-case=${c.case_id}>
          <td data-label=${t("px_decision")}><div>${can("case.read") ? html`<a href=${"/case/" + c.case_id}>${c.case_no}</a>` : c.case_no}${c.decided_on ? html` <span class="muted">(${fmtDate(c.decided_on)})</span>` : null}
            <div class="muted">${c.unit.name_vi}</div></div></td>
          <td data-label=${t("px_judgment")}><div>${c.judgment.number}${c.judgment.date ? " (" + fmtDate(c.judgment.date) + ")" : ""}<div class="muted">${c.judgment.court}</div></div></td>
          <td data-label=${t("px_items")}><ul class="plain">${c.items.map((i) => html`<li>${i.description}: ${money(i.amount_vnd)}</li>`)}</ul></td>
          <td data-label=${t("px_amount")} class="num">${money(c.amount_vnd)}</td>
          <td data-label=${t("px_paid")} class="num">${money(c.paid_vnd)}</td>
          <td data-label=${t("px_remaining")} class="num"><strong>${money(c.remaining_vnd)}</strong></td></tr>`)}</tbody>
      </table></div>
    </section>
    <section class="card" id="prisoner-exchanges">
      <h3>${t("px_exchanges")}</h3>
      <${ExchangeTable} id="prisoner-exchanges-table" rows=${d.exchanges} prisoner=${false} />
    </section>
    <section class="card" id="prisoner-stays">
      <h3>${t("px_stays")}</h3>
      <ul class="plain">${d.stays.map((s) => html`<li><strong>${s.camp.name_vi}</strong> — ${stayIn(s)} ${t("px_on").toLowerCase()} ${fmtDate(s.from_on)}${
        s.to_on ? html`, ${stayOut(s).toLowerCase()} ${t("px_on").toLowerCase()} ${fmtDate(s.to_on)}` : html`, ${t("px_still")}`}${s.document_no ? html` <span class="muted">(${s.document_no})</span>` : null}</li>`)}</ul>
    </section>
  </div>`;
}

const caseOptions = (d) => d.obligations.cases.map((c) => ({ value: String(c.case_id), label: `${c.case_no} — ${t("px_remaining").toLowerCase()} ${money(c.remaining_vnd)}` }));
const start = (d, body) => api("POST", "/api/prisoners/" + d.prisoner.id + "/exchanges", body);
const opt = (s) => (String(s || "").trim() ? String(s).trim() : undefined);

// Money paid at the camp: the camp's receipt, sent to the agency through in_transit.
function CollectForm({ d, onDone, onClose }) {
  const cases = d.obligations.cases;
  const form = useForm({ case_id: cases.length === 1 ? String(cases[0].case_id) : "", occurred_on: displayDate(todayIso()), amount_vnd: "", payer_name: "", payer_address: "", camp_receipt_no: "" });
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({ case_id: required(v.case_id), occurred_on: checkDate(v.occurred_on), amount_vnd: checkMoney(v.amount_vnd) || (parseMoney(v.amount_vnd) > 0 ? null : t("bad_money")),
      payer_name: required(v.payer_name), camp_receipt_no: required(v.camp_receipt_no) }),
    (v) => start(d, { kind: "camp_collection", case_id: Number(v.case_id), occurred_on: isoOf(v.occurred_on), amount_vnd: parseMoney(v.amount_vnd),
      payer_name: v.payer_name.trim(), payer_address: opt(v.payer_address), camp_receipt_no: v.camp_receipt_no.trim() }));
    if (r && r.ok) {
      const x = r.data.exchange;
      onDone({ text: t("px_collect_done", { a: money(x.amount_vnd), n: x.camp_receipt_no }), link: "/exchange/" + x.id + "/receipt", label: t("px_print_receipt") });
    }
  };
  return html`<form id="collect-form" class="form-grid money-form" onSubmit=${submit} novalidate>
    <p class="muted wide">${t("px_collect_hint")}</p>
    <${Field} form=${form} name="case_id" label=${t("px_case_sel")} kind="select" required options=${[{ value: "", label: "—" }, ...caseOptions(d)]} />
    <${Field} form=${form} name="occurred_on" label=${t("px_on")} kind="date" required />
    <${Field} form=${form} name="amount_vnd" label=${t("px_r_amount")} kind="money" required />
    <${Field} form=${form} name="camp_receipt_no" label=${t("px_camp_receipt_no")} required maxlength="64" />
    <${Field} form=${form} name="payer_name" label=${t("px_payer")} required maxlength="200" />
    <${Field} form=${form} name="payer_address" label=${t("px_payer_address")} maxlength="300" />
    <${Submit} form=${form} label=${t("px_collect")} />
    <button type="button" class="link" onClick=${onClose}>${t("px_cancel")}</button>
  </form>`;
}

// The camp asks the agency to confirm what was paid and what remains.
function ConfirmRequestForm({ d, onDone, onClose }) {
  const form = useForm({ purpose: "sentence_reduction", occurred_on: displayDate(todayIso()), body: "" });
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({ purpose: required(v.purpose), occurred_on: checkDate(v.occurred_on) }),
      (v) => start(d, { kind: "confirmation_request", purpose: v.purpose, occurred_on: isoOf(v.occurred_on), body: opt(v.body) }));
    if (r && r.ok) {
      const x = r.data.exchange;
      onDone({ text: t("px_ask_done", { d: fmtDate(x.due_on) }), link: "/exchange/" + x.id, label: t("px_document") });
    }
  };
  return html`<form id="confirm-form" class="form-grid money-form" onSubmit=${submit} novalidate>
    <p class="muted wide">${t("px_ask_confirm_hint")}</p>
    <${Field} form=${form} name="purpose" label=${t("px_purpose")} kind="select" required options=${PURPOSES.map((p) => ({ value: p, label: purposeName(p) }))} />
    <${Field} form=${form} name="occurred_on" label=${t("px_on")} kind="date" required />
    <${Field} form=${form} name="body" label=${t("px_note")} kind="textarea" maxlength="2000" wide />
    <${Submit} form=${form} label=${t("px_send_btn")} />
    <button type="button" class="link" onClick=${onClose}>${t("px_cancel")}</button>
  </form>`;
}

// The agency writes to the camp: a notice of obligations, a hand-over, a verification request.
function StartForm({ d, onDone, onClose }) {
  const cases = d.obligations.cases;
  const form = useForm({ kind: "notify_obligation", case_id: cases.length === 1 ? String(cases[0].case_id) : "", occurred_on: displayDate(todayIso()), body: "", draft: false });
  const kind = form.values.kind;
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({ case_id: required(v.case_id), occurred_on: checkDate(v.occurred_on),
      body: v.kind === "handover" || v.kind === "verification_request" ? required(v.body) : null }),
    (v) => start(d, { kind: v.kind, case_id: Number(v.case_id), occurred_on: isoOf(v.occurred_on), body: opt(v.body), ...(v.draft ? { draft: true } : {}) }));
    if (r && r.ok) onDone({ text: t("px_start_done", { n: r.data.exchange.id }), link: "/exchange/" + r.data.exchange.id, label: t("px_document") });
  };
  return html`<form id="start-form" class="form-grid money-form" onSubmit=${submit} novalidate>
    <${Field} form=${form} name="kind" label=${t("px_start_kind")} kind="select" required options=${STARTED_BY_AGENCY.map((k) => ({ value: k, label: t("px_k_" + k) }))} />
    <${Field} form=${form} name="case_id" label=${t("px_case_sel")} kind="select" required options=${[{ value: "", label: "—" }, ...caseOptions(d)]} />
    <${Field} form=${form} name="occurred_on" label=${t("px_on")} kind="date" required />
    ${kind === "notify_obligation" ? null : html`<${Field} form=${form} name="body" label=${kind === "handover" ? t("px_body_handover") : t("px_body_verify")} kind="textarea" required maxlength="2000" wide />`}
    <${Field} form=${form} name="draft" label=${t("px_draft")} kind="checkbox" wide />
    <${Submit} form=${form} label=${form.values.draft ? t("save") : t("px_send_btn")} />
    <button type="button" class="link" onClick=${onClose}>${t("px_cancel")}</button>
  </form>`;
}

// Exchanges: the camp's, or a unit's of the agency (its subtree), waiting ones first.
export function Exchanges({ query: q }) {
  const s = getSession();
  const camp = isCamp();
  const [rows, setRows] = useState(null);
  const [units, setUnits] = useState([]);
  const form = useForm({ unit_id: q.unit_id || "", kind: q.kind || "", state: q.state || "", waiting: q.waiting === "me" });
  useEffect(() => {
    setRows(null);
    get("/api/exchanges" + query({ unit_id: camp ? "" : q.unit_id, kind: q.kind, state: q.state, waiting: q.waiting === "me" ? "me" : "", limit: 500 }))
      .then((r) => setRows(r.ok ? r.data.items : { error: r.error }));
  }, [q.unit_id, q.kind, q.state, q.waiting]);
  useEffect(() => {
    if (camp) return;
    get("/api/units").then((r) => {
      if (!r.ok) return;
      const all = r.data.units, me = s.user.unit.id, keep = new Set([me]);
      for (let grew = true; grew;) {
        grew = false;
        for (const u of all) if (!keep.has(u.id) && keep.has(u.parent_id)) { keep.add(u.id); grew = true; }
      }
      setUnits(all.filter((u) => keep.has(u.id) && u.enforcement !== false).sort((a, b) => (a.id === me ? -1 : b.id === me ? 1 : naturalCompare(a.code, b.code))));
    });
  }, []);
  const show = (ev) => {
    ev.preventDefault();
    const v = form.values;
    navigate(href("/exchanges", { unit_id: v.unit_id, kind: v.kind, state: v.state, waiting: v.waiting ? "me" : "" }));
  };
  const kinds = [...STARTED_BY_CAMP, ...STARTED_BY_AGENCY, "confirmation", "answer"];
  const kindLabel = (k) => t("px_kl_" + k);
  const states = ["overdue", "drafted", "sent", "received", "answered"];
  return html`<div id="view-exchanges"><section class="card">
    <h2>${camp ? t("px_exchanges") : t("px_exchanges_unit")}</h2>
    <form id="exchanges-filter" class="filters form-inline" onSubmit=${show} novalidate>
      ${camp ? null : html`<${Field} form=${form} name="unit_id" label=${t("px_unit")} kind="select"
        options=${[{ value: "", label: `${s.user.unit.code} — ${s.user.unit.name_vi}` }, ...units.filter((u) => u.id !== s.user.unit.id).map((u) => ({ value: String(u.id), label: `${u.code} — ${u.name_vi}` }))]} />`}
      <${Field} form=${form} name="kind" label=${t("px_kind")} kind="select" options=${[{ value: "", label: t("px_all_kinds") }, ...kinds.map((k) => ({ value: k, label: kindLabel(k) }))]} />
      <${Field} form=${form} name="state" label=${t("px_state")} kind="select" options=${[{ value: "", label: t("px_all_states") }, ...states.map((k) => ({ value: k, label: t("px_s_" + k) }))]} />
      <${Field} form=${form} name="waiting" label=${t("px_only_waiting")} kind="checkbox" />
      <div class="submit"><button type="submit" class="primary">${t("px_show")}</button></div>
    </form>
    ${!rows ? html`<p class="muted">${t("loading")}</p>` : rows.error ? html`<p class="error" role="alert">${rows.error.message}</p>`
      : html`<${ExchangeTable} id="exchanges-table" rows=${rows} />`}
  </section></div>`;
}

// The case page's section: the case's debtors in prison and the exchanges about the case.
export function CaseExchanges({ c }) {
  const [d, setD] = useState(null);
  useEffect(() => {
    if (!can("prisoner.read")) return;
    Promise.all([get("/api/prisoners" + query({ case_id: c.id })), get("/api/exchanges" + query({ case_id: c.id }))])
      .then(([p, x]) => setD({ prisoners: p.ok ? p.data.items : [], exchanges: x.ok ? x.data.items : [] }));
  }, [c.id, c.collected_vnd]);
  if (!can("prisoner.read") || !d) return null;
  // A case with no prisoner and no exchange says so in a line, not a card of empty tables.
  if (!d.prisoners.length && !d.exchanges.length) return html`<section class="card" id="case-exchanges"><h3>${t("px_case_section")}</h3><p class="muted">${t("px_case_none")}</p></section>`;
  const waitingN = d.exchanges.filter(waiting).length;
  return html`<section class="card" id="case-exchanges">
    <h3>${t("px_case_section")}${waitingN ? html` <span class="muted">· ${t("px_n_waiting").toLowerCase()} ${waitingN}</span>` : null}</h3>
    <ul class="plain" id="case-prisoners">${d.prisoners.map((p) => html`<li><a href=${"/prisoner/" + p.id}><strong>${p.full_name}</strong></a> — ${t("px_no").toLowerCase()} ${p.prisoner_no}, ${
      p.camp ? p.camp.name_vi : p.status_name_vi}${p.expected_release_on ? html` <span class="muted">· ${t("px_release_short").toLowerCase()} ${fmtDate(p.expected_release_on)}</span>` : null}</li>`)}</ul>
    <${ExchangeTable} id="case-exchanges-table" rows=${d.exchanges} />
  </section>`;
}

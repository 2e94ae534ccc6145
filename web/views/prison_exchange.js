// One exchange with a camp (GET /api/exchanges/{id}): what it is, its state and deadline,
// its document as the paper reads, its history, and what the user's side may do next — the
// sender sends a draft; the receiver marks it received (the accountant receives the money
// a camp collected), acknowledges a notice, records the prisoner's signature for a
// hand-over, issues the confirmation of fulfilment (stating paid and remaining) or answers
// a verification. /exchange/ID/print is the document alone for paper
// (GET /api/exchanges/{id}/document); /exchange/ID/receipt the camp's receipt of money paid there.
import { html, useState, useEffect } from "../lib/html.js";
import { api, get } from "../lib/api.js";
import { t } from "../lib/i18n.js";
import { can } from "../lib/session.js";
import { fmtDate, money, todayIso } from "../lib/format.js";
import { useForm, Field, Submit, checkDate, required, isoOf, displayDate } from "../lib/form.js";
import { Message } from "../lib/page.js";
import { tv } from "./money_common.js";
import { ANSWERED_KINDS, isCamp, mine, kindName, stateName, stateClass, XDue, purposeName } from "./prison_common.js";

function useExchange(id) {
  const [d, setD] = useState(null);
  const [error, setError] = useState(null);
  const load = async () => {
    const r = await get("/api/exchanges/" + id);
    if (r.ok) { setD(r.data); setError(null); } else setError(r.error);
  };
  useEffect(() => { load(); }, [id]);
  return { d, error, load };
}

const notFound = () => html`<${Message} code="not-found" title=${t("px_x_not_found")} text=${t("px_x_not_found_text")} />`;

export function ExchangePage({ params }) {
  const { d, error, load } = useExchange(params.id);
  const [notice, setNotice] = useState(null);
  if (error && error.status === 404) return notFound();
  if (error) return html`<p class="error" role="alert">${error.message}</p>`;
  if (!d) return html`<p class="muted loading">${t("loading")}</p>`;
  const x = d.exchange;
  const facts = [
    [t("px_state"), html`<span class=${stateClass(x)}>${stateName(x)}</span>`, "x-state"],
    [t("px_about"), html`<a href=${"/prisoner/" + x.prisoner.id}>${x.prisoner.full_name}</a> (${x.prisoner.prisoner_no})`],
    x.case ? [t("px_case"), can("case.read") ? html`<a href=${"/case/" + x.case.id}>${x.case.case_no}</a>` : x.case.case_no] : null,
    [t("px_sender"), x.sender.name_vi], [t("px_receiver"), x.receiver.name_vi],
    x.purpose ? [t("px_purpose"), purposeName(x.purpose)] : null,
    x.reply_to_id ? [t("px_answer_of"), html`<a href=${"/exchange/" + x.reply_to_id}>${t("px_reply_to", { n: x.reply_to_id })}</a>`] : null,
    [t("px_drafted_on"), fmtDate(x.drafted_on)], x.sent_on ? [t("px_sent_on"), fmtDate(x.sent_on)] : null,
    x.received_on ? [t("px_received_on"), fmtDate(x.received_on)] : null, x.answered_on ? [t("px_answered_on_label"), fmtDate(x.answered_on)] : null,
    x.due_on ? [t("px_due"), html`<${XDue} x=${x} />`, "x-due"] : null,
    x.kind === "camp_collection" ? [t("px_r_amount"), html`<strong>${money(x.amount_vnd)}</strong>`, "x-amount"] : null,
    x.kind === "handover" && x.amount_vnd ? [t("px_r_amount"), money(x.amount_vnd)] : null,
    x.kind === "confirmation" ? [t("px_paid"), html`<strong>${money(x.amount_vnd)}</strong>`, "x-paid"] : null,
    x.kind === "confirmation" ? [t("px_remaining"), html`<strong>${money(x.remaining_vnd)}</strong>`, "x-remaining"] : null,
    x.payer_name ? [t("px_payer"), x.payer_name] : null,
    x.camp_receipt_no ? [t("px_camp_receipt"), x.camp_receipt_no, "x-camp-receipt"] : null,
    x.receipt ? [t("px_agency_receipt"), x.receipt.number_text + (x.receipt.voided ? " — " + t("void_mark") : "")] : null,
    x.kind === "camp_collection" ? [t("px_state"), x.received_in_custody ? t("px_received_custody") : t("px_in_transit"), "x-custody"] : null,
    x.body ? [t("px_body"), x.body] : null,
    x.answer ? [t("px_answer_text"), x.answer, "x-answer"] : null,
    x.signed_by ? [t("px_signed_by"), t("px_signed", { who: x.signed_by, d: fmtDate(x.signed_on) }), "x-signed"] : null,
  ].filter(Boolean);
  const done = (n) => { setNotice(n); load(); };
  return html`<div id="view-exchange">
    <section class="card">
      <div class="toolbar"><h2 id="exchange-title">${kindName(x)} <span class="muted">· ${t("px_r_no")} ${x.id}</span></h2>
        <div class="actions no-print">
          ${x.kind === "camp_collection" ? html`<a class="button" id="x-receipt-link" href=${"/exchange/" + x.id + "/receipt"}>${t("px_print_receipt")}</a>` : null}
          <a class="button" id="x-print-link" href=${"/exchange/" + x.id + "/print"}>${t("px_print")}</a>
          <a class="button" href=${"/prisoner/" + x.prisoner.id}>${t("px_back")}</a>
        </div></div>
      <dl id="exchange-facts">${facts.map(([k, v, id]) => html`<dt>${k}</dt><dd id=${id}>${v}</dd>`)}</dl>
      ${notice ? html`<p class="ok money-notice" id="exchange-notice" role="status">${notice.text}${notice.link
        ? html` <a href=${notice.link} id="exchange-notice-link">${notice.label}</a>` : null}</p>` : null}
      <${Actions} x=${x} onDone=${done} />
    </section>
    <section class="card" id="exchange-document">
      <h3>${t("px_document")}</h3>
      <pre class="prison-doc" id="x-document">${x.document || ""}</pre>
    </section>
    <section class="card" id="exchange-history">
      <h3>${t("px_history")}</h3>
      <ol class="timeline">${d.events.map((e) => html`<li><strong>${fmtDate(e.occurred_on)}</strong> ${t("px_s_" + e.state) || e.state}${
        e.actor ? html`<span class="muted"> · ${e.actor}</span>` : null}${e.note ? html`<div class="muted">${e.note}</div>` : null}</li>`)}</ol>
    </section>
  </div>`;
}

// What the user's side may do with the exchange now; the server decides in the end (403).
function Actions({ x, onDone }) {
  const stored = x.state_stored;
  const sender = mine(x);
  const side = isCamp() ? can("prisoner.write") : can("case.write");
  if (sender && stored === "drafted" && side) return html`<${SendForm} x=${x} onDone=${onDone} />`;
  if (sender) return null;
  if (x.kind === "camp_collection") return stored === "sent" && can("money.write") ? html`<${ReceiveForm} x=${x} money=${true} onDone=${onDone} />` : null;
  if (!side) return null;
  const answerable = ANSWERED_KINDS.includes(x.kind);
  if (answerable && (stored === "sent" || stored === "received")) return html`<${AnswerForm} x=${x} onDone=${onDone} />`;
  if (stored === "sent") return html`<${ReceiveForm} x=${x} onDone=${onDone} />`;
  return null;
}

const dateCheck = (v) => ({ occurred_on: checkDate(v.occurred_on) });

function SendForm({ x, onDone }) {
  const form = useForm({ occurred_on: displayDate(todayIso()) });
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit(dateCheck, (v) => api("POST", "/api/exchanges/" + x.id + "/send", { occurred_on: isoOf(v.occurred_on) }));
    if (r && r.ok) onDone({ text: t("px_done") });
  };
  return html`<form id="x-send-form" class="form-inline money-form" onSubmit=${submit} novalidate>
    <${Field} form=${form} name="occurred_on" label=${t("px_sent_on")} kind="date" required />
    <${Submit} form=${form} label=${t("px_act_send")} /></form>`;
}

function ReceiveForm({ x, money: isMoney, onDone }) {
  const form = useForm({ occurred_on: displayDate(todayIso()), in_cash: false });
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit(dateCheck, (v) => api("POST", "/api/exchanges/" + x.id + "/receive",
      { occurred_on: isoOf(v.occurred_on), ...(isMoney && v.in_cash ? { in_cash: true } : {}) }));
    if (r && r.ok) onDone({ text: t("px_done") });
  };
  return html`<form id="x-receive-form" class="form-inline money-form" onSubmit=${submit} novalidate>
    <${Field} form=${form} name="occurred_on" label=${t("px_received_on")} kind="date" required />
    ${isMoney ? html`<${Field} form=${form} name="in_cash" label=${t("px_in_cash")} kind="checkbox" />` : null}
    <${Submit} form=${form} label=${isMoney ? t("px_act_receive_money") : t("px_act_receive")} /></form>`;
}

function AnswerForm({ x, onDone }) {
  const form = useForm({ occurred_on: displayDate(todayIso()), text: "", signed_by: x.kind === "handover" ? x.prisoner.full_name : "" });
  const [ob, setOb] = useState(null);
  useEffect(() => {
    // A confirmation states what the books say on the day issued: show it before it is issued.
    if (x.kind === "confirmation_request") get("/api/prisoners/" + x.prisoner.id).then((r) => setOb(r.ok ? r.data.obligations : null));
  }, [x.id]);
  const k = x.kind;
  const title = { notify_obligation: "px_act_ack", handover: "px_act_sign", confirmation_request: "px_act_confirm", verification_request: "px_act_verify" }[k];
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({ occurred_on: checkDate(v.occurred_on), text: k === "verification_request" ? required(v.text) : null,
      signed_by: k === "handover" ? required(v.signed_by) : null }),
    (v) => api("POST", "/api/exchanges/" + x.id + "/answer", { occurred_on: isoOf(v.occurred_on),
      ...(v.text.trim() ? { text: v.text.trim() } : {}), ...(k === "handover" ? { signed_by: v.signed_by.trim() } : {}) }));
    if (!r || !r.ok) return;
    const reply = r.data.reply;
    if (reply && reply.kind === "confirmation")
      onDone({ text: t("px_confirm_done", { a: money(reply.amount_vnd), b: money(reply.remaining_vnd) }), link: "/exchange/" + reply.id, label: t("px_open_reply") });
    else if (reply) onDone({ text: t("px_done"), link: "/exchange/" + reply.id, label: t("px_document") });
    else onDone({ text: t("px_done") });
  };
  return html`<form id="x-answer-form" class="form-grid money-form" onSubmit=${submit} novalidate>
    <h4 class="wide">${t(title)}</h4>
    ${k === "confirmation_request" && ob ? html`<p class="wide" id="x-confirm-preview">${t("px_confirm_will_state", { a: money(ob.paid_vnd), b: money(ob.remaining_vnd) })}</p>` : null}
    <${Field} form=${form} name="occurred_on" label=${k === "handover" ? t("px_signed_on") : t("px_on")} kind="date" required />
    ${k === "handover" ? html`<${Field} form=${form} name="signed_by" label=${t("px_signed_by")} required maxlength="200" />` : null}
    <${Field} form=${form} name="text" label=${k === "verification_request" ? t("px_verify_text") : t("px_note")} kind="textarea"
      required=${k === "verification_request"} maxlength="2000" wide />
    <${Submit} form=${form} label=${t(title)} /></form>`;
}

// The document alone, for paper.
export function ExchangePrint({ params }) {
  const { d, error } = useExchange(params.id);
  const [text, setText] = useState(null);
  useEffect(() => {
    fetch("/api/exchanges/" + params.id + "/document", { credentials: "same-origin" }).then((r) => (r.ok ? r.text() : null)).then(setText, () => setText(null));
  }, [params.id]);
  if (error && error.status === 404) return notFound();
  if (error) return html`<p class="error" role="alert">${error.message}</p>`;
  return html`<div id="view-exchange-print" class="print-view">
    <div class="toolbar no-print"><h2>${t("px_print_title")}${d ? " — " + kindName(d.exchange) : ""}</h2>
      <div class="actions"><button type="button" class="primary" id="print-now" onClick=${() => window.print()}>${t("print")}</button>
        <a class="button" href=${"/exchange/" + params.id}>${t("px_back_x")}</a></div></div>
    <article class="prison-paper" id="x-print-document">${text === null ? html`<p class="muted">${t("px_doc_loading")}</p>` : html`<pre class="prison-doc">${text}</pre>`}</article>
  </div>`;
}

// The amount in words as the document writes it: "1.508.700.000 đ (Một tỷ … đồng)".
const wordsOf = (doc, amount) => {
  const m = new RegExp(money(amount).replace(/\./g, "\\.") + " \\(([^)]+)\\)").exec(doc || "");
  return m ? m[1] : "";
};

// The camp's receipt of money paid there by the prisoner or relatives, laid out as the
// agency's receipt (views/receipt.js) and printed on A5 (/receipt-a5.css while it is open).
// It is a Vietnamese document whatever language the screen is in.
export function CampReceipt({ params }) {
  const { d, error } = useExchange(params.id);
  useEffect(() => {
    const link = document.createElement("link");
    Object.assign(link, { rel: "stylesheet", media: "print", href: "/receipt-a5.css", id: "receipt-a5" });
    document.head.appendChild(link);
    return () => link.remove();
  }, []);
  if (error && error.status === 404) return notFound();
  if (error) return html`<p class="error" role="alert">${error.message}</p>`;
  if (!d) return html`<p class="muted loading">${t("loading")}</p>`;
  const x = d.exchange;
  if (x.kind !== "camp_collection") return notFound();
  const [y, m, day] = (x.sent_on || x.drafted_on).split("-");
  const words = wordsOf(x.document, x.amount_vnd);
  const dots = html`<span class="dots"></span>`;
  return html`<div id="view-camp-receipt">
    <div class="toolbar no-print"><h2>${t("px_print_receipt")}</h2>
      <div class="actions"><button type="button" class="primary" id="print-now" onClick=${() => window.print()}>${t("print")}</button>
        <a class="button" href=${"/exchange/" + x.id}>${t("px_back_x")}</a></div></div>
    <article class="receipt-sheet" id="camp-receipt" lang="vi">
      <header class="receipt-head">
        <div class="receipt-unit"><div class="upper">${tv("px_r_ministry")}</div><div class="upper strong">${x.sender.name_vi.replace(/\s*-\s*Bộ Công an$/i, "")}</div></div>
        <div class="receipt-form"><div class="small"><em>${tv("px_r_sub")}</em></div></div>
      </header>
      <h1 class="receipt-title">${tv("px_r_title")}</h1>
      <p class="receipt-date"><em>${tv("px_r_day", { d: day, m, y })}</em></p>
      <p class="receipt-number">${tv("px_r_no")}: <strong id="camp-receipt-no">${x.camp_receipt_no}</strong></p>
      <dl class="receipt-lines">
        <dt>${tv("px_r_payer")}:</dt><dd id="camp-receipt-payer">${x.payer_name || dots}</dd>
        <dt>${tv("px_r_for")}:</dt><dd>${x.prisoner.full_name}, ${tv("px_no").toLowerCase()} ${x.prisoner.prisoner_no}</dd>
        <dt>${tv("px_r_decision")}:</dt><dd>${x.case ? x.case.case_no : dots}</dd>
        <dt>${tv("px_r_amount")}:</dt><dd id="camp-receipt-amount" class="strong">${money(x.amount_vnd)}</dd>
        <dt>${tv("px_r_words")}:</dt><dd id="camp-receipt-words"><em>${words || dots}</em></dd>
      </dl>
      <p>${tv("px_r_transfer", { u: x.receiver.name_vi })}${x.receipt ? " " + tv("px_r_agency_no", { n: x.receipt.number_text }) : ""}</p>
      <div class="receipt-signs">
        <div><div class="strong">${tv("px_r_payer_sign")}</div><div class="small"><em>${tv("px_r_sign_hint")}</em></div>
          <div class="sign-space"></div><div>${x.payer_name || ""}</div></div>
        <div><div class="strong">${tv("px_r_camp_sign")}</div><div class="small"><em>${tv("px_r_sign_hint")}</em></div>
          <div class="sign-space"></div></div>
      </div>
    </article>
  </div>`;
}

// The case page's money (GET /api/cases/{id}/money): what was collected, paid out, is held,
// remains and was collected too much; the split the law proposes for what is held
// unallocated; the allocations and their approval; the receipts (void ones marked) and the
// payouts. By permission: the accountant issues receipts, voids them and pays out what
// the head approved (money.write); the officer confirms or adjusts the split
// (case.write), an adjustment with its reason; the head approves it (money.approve).
import { html, useState, useEffect } from "../lib/html.js";
import { api, get } from "../lib/api.js";
import { t } from "../lib/i18n.js";
import { can } from "../lib/session.js";
import { fmtDate, money, todayIso, parseMoney } from "../lib/format.js";
import { useForm, Field, Submit, checkDate, checkMoney, required, isoOf, displayDate } from "../lib/form.js";
import { requestEnum } from "../lib/schema.js";
import { canMoney, methodName, payoutMethodName, docNo, payeeName } from "./money_common.js";

export function CaseMoney({ c, onChanged }) {
  const [m, setM] = useState(null);
  const [open, setOpen] = useState(null); // "receipt" | "allocate" | "payout"
  const [voiding, setVoiding] = useState(null);
  const [notice, setNotice] = useState(null); // what the last write did, with its document
  const load = async () => {
    const r = await get("/api/cases/" + c.id + "/money");
    setM(r.ok ? r.data : { error: r.error });
  };
  useEffect(() => { load(); }, [c.id, c.collected_vnd, c.paid_vnd]);
  if (!m) return html`<section class="card" id="case-money"><h3>${t("money_section")}</h3><p class="muted">${t("loading")}</p></section>`;
  if (m.error) return html`<section class="card" id="case-money"><h3>${t("money_section")}</h3><p class="error">${m.error.message}</p></section>`;
  const done = async (what) => {
    setOpen(null); setVoiding(null);
    setNotice(what.receipt ? { text: t("receipt_issued", { n: docNo(what.receipt) }), receipt: what.receipt.id }
      : what.payout ? { text: t("payout_done", { n: docNo(what.payout) }) }
      : what.allocated ? { text: t("allocation_done") } : what.approved ? { text: t("approval_done") }
      : what.deposited ? { text: t("deposit_done", { a: money(what.deposited) }) }
      : what.voided ? { text: t("void_done") } : null);
    await load();
    if (onChanged) onChanged(what);
  };
  const toggle = (k) => setOpen(open === k ? null : k);
  const payable = (m.payable || []).filter((p) => p.approved_vnd > 0);
  const awaiting = (m.payable || []).filter((p) => p.balance_vnd > p.approved_vnd);
  const facts = [
    ["money_to_enforce", m.amount_vnd, "money-amount"], ["money_collected", m.collected_vnd, "money-collected"],
    ["money_paid", m.paid_vnd, "money-paid"], ["money_held", m.held_vnd, "money-held"],
    ["money_remaining", m.remaining_vnd, "money-remaining"], ["money_surplus", m.surplus_vnd, "money-surplus"],
    ["money_unallocated", m.unallocated_vnd, "money-unallocated"],
  ];
  const proposal = m.unallocated_vnd > 0 ? m.proposal : [];
  return html`<section class="card" id="case-money">
    <div class="toolbar"><h3>${t("money_section")}</h3>
      <div class="actions no-print">
        ${canMoney() ? html`<button type="button" id="receipt-open" aria-expanded=${open === "receipt" ? "true" : "false"} onClick=${() => toggle("receipt")}>${t("receipt_create")}</button>` : null}
        ${can("case.write") && m.unallocated_vnd > 0 ? html`<button type="button" id="allocate-open" aria-expanded=${open === "allocate" ? "true" : "false"} onClick=${() => toggle("allocate")}>${t("allocation_confirm")}</button>` : null}
        ${canMoney() && payable.length ? html`<button type="button" id="payout-open" aria-expanded=${open === "payout" ? "true" : "false"} onClick=${() => toggle("payout")}>${t("payout_create")}</button>` : null}
      </div></div>
    <dl class="money-facts" id="money-facts">${facts.map(([k, v, id]) => html`<div class=${"money-fact" + (k === "money_surplus" && v > 0 ? " warn" : "")}>
      <dt>${t(k)}</dt><dd id=${id} class="num">${money(v)}</dd></div>`)}</dl>
    ${notice ? html`<p class="ok money-notice" id="money-notice" role="status">${notice.text}${notice.receipt
      ? html` <a href=${"/receipt/" + notice.receipt} id="money-notice-print">${t("open_receipt")}</a>` : null}</p>` : null}
    ${open === "receipt" ? html`<${ReceiptForm} c=${c} onDone=${done} />` : null}
    ${open === "allocate" ? html`<${AllocateForm} c=${c} m=${m} onDone=${done} />` : null}
    ${open === "payout" ? html`<${PayoutForm} c=${c} payable=${payable} onDone=${done} />` : null}
    <h4>${t("split_title")}</h4>
    ${proposal.length ? html`<div class="table-wrap"><table id="money-split">
      <thead><tr><th scope="col">${t("payee")}</th><th scope="col">${t("content")}</th><th scope="col" class="num">${t("rank")}</th>
        <th scope="col" class="num">${t("owed")}</th><th scope="col" class="num">${t("share")}</th></tr></thead>
      <tbody>${proposal.map((s) => html`<tr>
        <td data-label=${t("payee")}>${payeeName(c.parties, s.payee_party_id, s.item_id)}</td>
        <td data-label=${t("content")}>${itemText(c, s.item_id)}</td>
        <td data-label=${t("rank")} class="num">${s.item_id === null ? t("rank_surplus") : s.rank}</td>
        <td data-label=${t("owed")} class="num">${s.item_id === null ? "—" : money(s.owed_vnd)}</td>
        <td data-label=${t("share")} class="num"><strong>${money(s.share_vnd)}</strong></td></tr>`)}</tbody>
    </table></div>` : html`<p class="muted" id="money-split-none">${t("split_none")}</p>`}
    ${payable.length ? html`<p id="money-payable">${t("money_payable")}: ${payable.map((p, i) => html`${i ? "; " : ""}${payeeName(c.parties, p.payee_party_id)} <strong>${money(p.approved_vnd)}</strong>${p.deposited_vnd > 0
      ? html` <span class="muted">(${t("money_on_savings", { a: money(p.deposited_vnd) })})</span>` : null}${canMoney() && p.approved_vnd > p.deposited_vnd
      ? html` <button type="button" class="link deposit-open no-print" onClick=${() => setOpen(open === "deposit:" + key0(p) ? null : "deposit:" + key0(p))}>${t("deposit")}</button>` : null}`)}</p>` : null}
    ${open && open.startsWith("deposit:") ? html`<${DepositForm} c=${c} p=${payable.find((p) => "deposit:" + key0(p) === open)} onDone=${done} />` : null}
    ${awaiting.length ? html`<p id="money-awaiting" class="warn">${t("money_awaiting_approval")}: ${awaiting.map((p, i) => html`${i ? "; " : ""}${payeeName(c.parties, p.payee_party_id)} <strong>${money(p.balance_vnd - p.approved_vnd)}</strong>`)}</p>` : null}
    <${Allocations} c=${c} m=${m} onDone=${done} />
    <h4>${t("receipts")}</h4>
    ${m.receipts.length ? html`<div class="table-wrap"><table id="money-receipts">
      <thead><tr><th scope="col">${t("receipt_no")}</th><th scope="col">${t("issued_on")}</th><th scope="col">${t("payer")}</th>
        <th scope="col">${t("method")}</th><th scope="col" class="num">${t("amount_col")}</th><th scope="col" class="no-print"></th></tr></thead>
      <tbody>${m.receipts.map((r) => html`<tr class=${r.voided ? "voided" : ""} data-receipt=${r.id}>
        <td data-label=${t("receipt_no")}><a href=${"/receipt/" + r.id}>${docNo(r)}</a>${r.voided ? html` <span class="void-mark">${t("void_mark")}</span>` : null}</td>
        <td data-label=${t("issued_on")}>${fmtDate(r.issued_on)}</td>
        <td data-label=${t("payer")}>${r.payer_name}${r.on_behalf_of ? html`<div class="muted">${t("on_behalf_of")}: ${r.on_behalf_of}</div>` : null}
          ${r.voided ? html`<div class="muted">${t("void_reason")}: ${r.void_reason} (${fmtDate(r.voided_on)})</div>` : null}</td>
        <td data-label=${t("method")}>${methodName(r.method)}</td>
        <td data-label=${t("amount_col")} class=${"num" + (r.voided ? " struck" : "")}>${money(r.amount_vnd)}</td>
        <td class="no-print actions-cell">${canMoney() && !r.voided && r.amount_vnd <= m.unallocated_vnd ? html`<button type="button" class="link void-open" onClick=${() => setVoiding(voiding === r.id ? null : r.id)}>${t("receipt_void")}</button>` : null}</td>
      </tr>`)}</tbody>
    </table></div>` : html`<p class="muted">${t("no_receipts")}</p>`}
    ${voiding ? html`<${VoidForm} receipt=${m.receipts.find((r) => r.id === voiding)} onDone=${done} />` : null}
    <h4>${t("payouts")}</h4>
    ${m.payouts.length ? html`<div class="table-wrap"><table id="money-payouts">
      <thead><tr><th scope="col">${t("voucher_no")}</th><th scope="col">${t("paid_on")}</th><th scope="col">${t("payee")}</th>
        <th scope="col">${t("method")}</th><th scope="col" class="num">${t("gross")}</th><th scope="col" class="num">${t("fee")}</th><th scope="col" class="num">${t("net")}</th></tr></thead>
      <tbody>${m.payouts.map((p) => html`<tr data-payout=${p.id}>
        <td data-label=${t("voucher_no")}>${docNo(p)}</td><td data-label=${t("paid_on")}>${fmtDate(p.paid_on)}</td>
        <td data-label=${t("payee")}>${p.payee_name}</td><td data-label=${t("method")}>${payoutMethodName(p.method)}</td>
        <td data-label=${t("gross")} class="num">${money(p.gross_vnd)}</td><td data-label=${t("fee")} class="num">${money(p.fee_vnd)}</td>
        <td data-label=${t("net")} class="num"><strong>${money(p.net_vnd)}</strong></td></tr>`)}</tbody>
    </table></div>` : html`<p class="muted">${t("no_payouts")}</p>`}
  </section>`;
}

// Each allocation confirmed by the officer, with its payees, and its approval: the head
// approves one awaiting it (the payees are then told to come for their money, D31).
function Allocations({ c, m, onDone }) {
  const [approving, setApproving] = useState(null);
  const list = m.allocations || [];
  if (!list.length) return null;
  return html`<h4>${t("allocations")}</h4>
    <div class="table-wrap"><table id="money-allocations">
      <thead><tr><th scope="col">${t("allocation_on")}</th><th scope="col">${t("payee")}</th><th scope="col" class="num">${t("amount_col")}</th>
        <th scope="col">${t("approval")}</th></tr></thead>
      <tbody>${list.map((a) => html`<tr data-allocation=${a.txn_id}>
        <td data-label=${t("allocation_on")}>${fmtDate(a.allocated_on)}${a.allocated_by ? html`<div class="muted">${a.allocated_by}</div>` : null}
          ${a.reason ? html`<div class="muted">${t("allocation_reason")}: ${a.reason}</div>` : null}</td>
        <td data-label=${t("payee")}>${a.shares.map((s, i) => html`${i ? html`<br />` : ""}${payeeName(c.parties, s.payee_party_id)}: ${money(s.amount_vnd)}`)}</td>
        <td data-label=${t("amount_col")} class="num"><strong>${money(a.amount_vnd)}</strong></td>
        <td data-label=${t("approval")}>${a.approved_on
          ? html`<span class="ok">${t("approved_on", { d: fmtDate(a.approved_on) })}</span>${a.approved_by ? html`<div class="muted">${a.approved_by}</div>` : null}`
          : html`<span class="warn approval-awaiting">${t("approval_awaiting")}</span>
            ${can("money.approve") ? html` <button type="button" class="approve-open no-print" onClick=${() => setApproving(approving === a.txn_id ? null : a.txn_id)}>${t("approve")}</button>` : null}`}</td>
      </tr>`)}</tbody>
    </table></div>
    ${approving ? html`<${ApproveForm} c=${c} a=${list.find((x) => x.txn_id === approving)} onDone=${onDone} />` : null}`;
}

function ApproveForm({ c, a, onDone }) {
  const form = useForm({ occurred_on: displayDate(todayIso()) });
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({ occurred_on: checkDate(v.occurred_on) }),
      (v) => api("POST", "/api/cases/" + c.id + "/allocations/" + a.txn_id + "/approve", { occurred_on: isoOf(v.occurred_on) }));
    if (r && r.ok) onDone({ approved: a.txn_id });
  };
  return html`<form id="approve-form" class="form-grid money-form" onSubmit=${submit} novalidate aria-label=${t("approve")}>
    <p class="wide"><strong>${t("approve")}</strong> — ${money(a.amount_vnd)}. ${t("approve_hint")}</p>
    <${Field} form=${form} name="occurred_on" label=${t("approval_on")} kind="date" required />
    <${Submit} form=${form} label=${t("approve")} />
  </form>`;
}

const key0 = (p) => String(p.payee_party_id ?? 0);

// Money a payee did not come for within D31 (15 days from the approval) goes on savings for
// them (Decree 62 art. 49): all that is approved, unpaid and not on savings yet.
function DepositForm({ c, p, onDone }) {
  const form = useForm({ occurred_on: displayDate(todayIso()), how: "bank" });
  if (!p) return null;
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({ occurred_on: checkDate(v.occurred_on) }),
      (v) => api("POST", "/api/cases/" + c.id + "/deposits", { occurred_on: isoOf(v.occurred_on), payee_party_id: p.payee_party_id ?? 0, from_cash: v.how === "cash" }));
    if (r && r.ok) onDone({ deposited: r.data.amount_vnd });
  };
  return html`<form id="deposit-form" class="form-grid money-form" onSubmit=${submit} novalidate aria-label=${t("deposit")}>
    <p class="wide"><strong>${t("deposit")}</strong> — ${payeeName(c.parties, p.payee_party_id)}: ${money(p.approved_vnd - p.deposited_vnd)}. ${t("deposit_hint")}</p>
    <${Field} form=${form} name="occurred_on" label=${t("deposit_on")} kind="date" required />
    <${Field} form=${form} name="how" label=${t("deposit_from")} kind="select" required
      options=${[{ value: "bank", label: t("payout_transfer") }, { value: "cash", label: t("payout_in_cash") }]} />
    <${Submit} form=${form} label=${t("deposit")} />
  </form>`;
}

function itemText(c, itemId) {
  if (itemId === null) return t("money_surplus");
  const i = (c.items || []).find((x) => x.id === itemId);
  return i ? i.description : "#" + itemId;
}

// The debtor pays, by default; someone paying for them names whose debt it is.
function ReceiptForm({ c, onDone }) {
  const debtor = (c.parties || []).find((p) => p.role === "debtor");
  const form = useForm({ occurred_on: displayDate(todayIso()), amount_vnd: "", method: "cash",
    payer_name: debtor ? debtor.full_name : "", payer_address: debtor && debtor.address ? debtor.address : "", on_behalf_of: "" });
  const [methods, setMethods] = useState(["cash", "transfer"]);
  useEffect(() => { requestEnum("/api/cases/{id}/receipts", "post", "method").then((e) => e && setMethods(e)); }, []);
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({ occurred_on: checkDate(v.occurred_on), amount_vnd: checkMoney(v.amount_vnd) || (parseMoney(v.amount_vnd) > 0 ? null : t("bad_money")),
      method: required(v.method), payer_name: required(v.payer_name) }), (v) => {
      const body = { occurred_on: isoOf(v.occurred_on), amount_vnd: parseMoney(v.amount_vnd), method: v.method, payer_name: v.payer_name.trim() };
      if (v.payer_address.trim()) body.payer_address = v.payer_address.trim();
      if (v.on_behalf_of.trim()) body.on_behalf_of = v.on_behalf_of.trim();
      return api("POST", "/api/cases/" + c.id + "/receipts", body);
    });
    if (r && r.ok) onDone({ receipt: r.data.receipt });
  };
  return html`<form id="receipt-form" class="form-grid money-form" onSubmit=${submit} novalidate aria-label=${t("receipt_create")}>
    <${Field} form=${form} name="occurred_on" label=${t("issued_on")} kind="date" required />
    <${Field} form=${form} name="amount_vnd" label=${t("amount_vnd")} kind="money" required />
    <${Field} form=${form} name="method" label=${t("method")} kind="select" required options=${methods.map((x) => ({ value: x, label: methodName(x) }))} />
    <${Field} form=${form} name="payer_name" label=${t("payer")} required maxlength="200" />
    <${Field} form=${form} name="payer_address" label=${t("payer_address")} maxlength="300" span2 />
    <${Field} form=${form} name="on_behalf_of" label=${t("on_behalf_of")} maxlength="200" />
    <${Submit} form=${form} label=${t("receipt_issue")} />
  </form>`;
}

// As proposed, or adjusted share by share (the surplus as item 0) with the reason; the
// server names the share at fault (shares[i].share_vnd), shown beside it.
function AllocateForm({ c, m, onDone }) {
  const rows = m.proposal;
  const init = { occurred_on: displayDate(todayIso()), mode: "proposed", reason: "" };
  rows.forEach((s, i) => { init["share_" + i] = String(s.share_vnd).replace(/\B(?=(\d{3})+(?!\d))/g, "."); });
  const form = useForm(init);
  const adjust = form.values.mode === "adjust";
  const sum = rows.reduce((a, s, i) => a + (parseMoney(form.values["share_" + i]) || 0), 0);
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => {
      const e = { occurred_on: checkDate(v.occurred_on) };
      if (adjust) {
        e.reason = required(v.reason);
        rows.forEach((s, i) => { e["share_" + i] = checkMoney(v["share_" + i]); });
        if (sum !== m.unallocated_vnd) e.shares = t("allocation_sum_bad", { b: money(m.unallocated_vnd) });
      }
      return e;
    }, (v) => {
      const body = { occurred_on: isoOf(v.occurred_on) };
      if (adjust) {
        body.shares = rows.map((s, i) => ({ item_id: s.item_id === null ? 0 : s.item_id, share_vnd: parseMoney(v["share_" + i]) }));
        body.reason = v.reason.trim();
      }
      return api("POST", "/api/cases/" + c.id + "/allocations", body).then((res) => {
        // "shares[2].share_vnd" names the input of row 2.
        const f = res.error && res.error.field;
        const k = f && /^shares\[(\d+)\]/.exec(f);
        if (k) res.error.field = "share_" + k[1];
        return res;
      });
    });
    if (r && r.ok) onDone({ allocated: true });
  };
  return html`<form id="allocate-form" class="money-form" onSubmit=${submit} novalidate aria-label=${t("allocation_confirm")}>
    <fieldset class="choice"><legend>${t("allocation_confirm")}</legend>
      <label><input type="radio" name="mode" value="proposed" checked=${!adjust} onChange=${() => form.set("mode", "proposed")} /> ${t("allocation_as_proposed")}</label>
      <label><input type="radio" name="mode" value="adjust" checked=${adjust} onChange=${() => form.set("mode", "adjust")} /> ${t("allocation_adjust")}</label>
    </fieldset>
    <div class="form-grid">
      <${Field} form=${form} name="occurred_on" label=${t("allocation_on")} kind="date" required />
      ${adjust ? rows.map((s, i) => html`<${Field} form=${form} name=${"share_" + i} kind="money" required
        label=${`${payeeName(c.parties, s.payee_party_id, s.item_id)} — ${itemText(c, s.item_id)}`}
        hint=${s.item_id === null ? null : `${t("owed")}: ${money(s.owed_vnd)}`} />`) : null}
      ${adjust ? html`<${Field} form=${form} name="reason" label=${t("allocation_reason")} kind="textarea" required maxlength="1000" wide />` : null}
    </div>
    ${adjust ? html`<p id="allocation-sum" class=${sum === m.unallocated_vnd ? "ok" : "error"} role="status">${t("allocation_sum", { a: money(sum), b: money(m.unallocated_vnd) })}
      ${form.errors.shares ? html` — ${form.errors.shares}` : null}</p>` : null}
    <${Submit} form=${form} label=${t("allocation_confirm")} />
  </form>`;
}

function PayoutForm({ c, payable, onDone }) {
  const first = payable[0];
  const amount = (p) => String(p.approved_vnd).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const key = (p) => String(p.payee_party_id ?? 0);
  const form = useForm({ payee: key(first), gross_vnd: amount(first), how: "cash", occurred_on: displayDate(todayIso()) });
  const chosen = payable.find((p) => key(p) === form.values.payee) || first;
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({ payee: required(v.payee), gross_vnd: checkMoney(v.gross_vnd), occurred_on: checkDate(v.occurred_on) }),
      (v) => api("POST", "/api/cases/" + c.id + "/payouts", { occurred_on: isoOf(v.occurred_on), payee_party_id: Number(v.payee),
        gross_vnd: parseMoney(v.gross_vnd), in_cash: v.how === "cash" }).then((res) => {
        if (res.error && res.error.field === "payee_party_id") res.error.field = "payee";
        if (res.error && (res.error.field === "amount_vnd")) res.error.field = "gross_vnd";
        if (res.error && res.error.field === "in_cash") res.error.field = "how";
        return res;
      }));
    if (r && r.ok) onDone({ payout: r.data.payout });
  };
  const choose = (v) => { form.set("payee", v); const p = payable.find((x) => key(x) === v); if (p) form.set("gross_vnd", amount(p)); };
  return html`<form id="payout-form" class="form-grid money-form" onSubmit=${submit} novalidate aria-label=${t("payout_create")}>
    <div class="field"><label for="payout-payee">${t("payee")}<span class="req" aria-hidden="true"> *</span></label>
      <select id="payout-payee" name="payee" value=${form.values.payee} onChange=${(e) => choose(e.target.value)}>
        ${payable.map((p) => html`<option value=${key(p)}>${payeeName(c.parties, p.payee_party_id)} — ${money(p.approved_vnd)}</option>`)}</select>
      ${form.errors.payee ? html`<p class="field-error" role="alert">${form.errors.payee}</p>` : null}</div>
    <${Field} form=${form} name="gross_vnd" label=${t("gross")} kind="money" required hint=${t("payout_max", { a: money(chosen.approved_vnd) })} />
    <${Field} form=${form} name="how" label=${t("payout_how")} kind="select" required
      options=${[{ value: "cash", label: t("payout_in_cash") }, { value: "transfer", label: t("payout_transfer") }]} />
    <${Field} form=${form} name="occurred_on" label=${t("paid_on")} kind="date" required />
    <${Submit} form=${form} label=${t("payout_pay")} />
  </form>`;
}

function VoidForm({ receipt, onDone }) {
  const form = useForm({ reason: "", occurred_on: displayDate(todayIso()) });
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({ reason: required(v.reason), occurred_on: checkDate(v.occurred_on) }),
      (v) => api("POST", "/api/receipts/" + receipt.id + "/void", { reason: v.reason.trim(), occurred_on: isoOf(v.occurred_on) }));
    if (r && r.ok) onDone({ voided: receipt.id });
  };
  return html`<form id="void-form" class="form-grid money-form" onSubmit=${submit} novalidate aria-label=${t("receipt_void") + " " + docNo(receipt)}>
    <p class="wide"><strong>${t("receipt_void")} ${docNo(receipt)}</strong> — ${money(receipt.amount_vnd)}</p>
    <${Field} form=${form} name="reason" label=${t("void_reason")} kind="textarea" required maxlength="1000" wide />
    <${Field} form=${form} name="occurred_on" label=${t("voided_on")} kind="date" required />
    <${Submit} form=${form} label=${t("receipt_void")} />
  </form>`;
}

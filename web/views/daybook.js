// The cashier's daily book (sổ quỹ) of a unit and a day (GET /api/money/daybook): the
// receipts (void ones marked, left out of the total) and the payouts, each with its total,
// and the same book as a spreadsheet (GET /api/money/daybook.xlsx, same query).
import { html, useState, useEffect } from "../lib/html.js";
import { get, query } from "../lib/api.js";
import { t } from "../lib/i18n.js";
import { getSession } from "../lib/session.js";
import { navigate, href } from "../lib/router.js";
import { fmtDate, money, todayIso, parseDate, naturalCompare, fmtNumber } from "../lib/format.js";
import { useForm, Field, checkDate, isoOf, displayDate } from "../lib/form.js";
import { methodName, payoutMethodName, docNo } from "./money_common.js";

export function Daybook({ query: q }) {
  const s = getSession();
  const day = q.day && parseDate(fmtDate(q.day)) ? q.day : todayIso();
  const unitId = q.unit_id || String(s.user.unit.id);
  const [book, setBook] = useState(null);
  const [units, setUnits] = useState([]);
  const form = useForm({ day: displayDate(day), unit_id: unitId });
  useEffect(() => {
    setBook(null);
    get("/api/money/daybook" + query({ day, unit_id: unitId })).then((r) => setBook(r.ok ? r.data : { error: r.error }));
  }, [day, unitId]);
  useEffect(() => {
    // The units whose books the user may open: their own and those under it.
    get("/api/units").then((r) => {
      if (!r.ok) return;
      const all = r.data.units, mine = s.user.unit.id, keep = new Set([mine]);
      for (let grew = true; grew;) {
        grew = false;
        for (const u of all) if (!keep.has(u.id) && keep.has(u.parent_id)) { keep.add(u.id); grew = true; }
      }
      setUnits(all.filter((u) => keep.has(u.id)).sort((a, b) => (a.id === mine ? -1 : b.id === mine ? 1 : naturalCompare(a.code, b.code))));
    });
  }, []);
  const show = (ev) => {
    ev.preventDefault();
    const e = checkDate(form.values.day);
    if (e) { form.setErrors({ day: e }); return; }
    navigate(href("/daybook", { day: isoOf(form.values.day), unit_id: form.values.unit_id }));
  };
  const xlsx = "/api/money/daybook.xlsx" + query({ day, unit_id: unitId });
  const unitName = (units.find((u) => String(u.id) === String(unitId)) || {}).name_vi || s.user.unit.name_vi;
  return html`<div id="view-daybook">
    <section class="card">
      <h2>${t("daybook_title")}</h2>
      <form id="daybook-form" class="filters form-inline" onSubmit=${show} novalidate>
        <${Field} form=${form} name="day" label=${t("daybook_day")} kind="date" required />
        <${Field} form=${form} name="unit_id" label=${t("daybook_unit")} kind="select"
          options=${(units.length ? units : [s.user.unit]).map((u) => ({ value: String(u.id), label: `${u.code} — ${u.name_vi}` }))} />
        <div class="submit"><button type="submit" class="primary">${t("show")}</button></div>
      </form>
      <p class="daybook-head"><strong>${unitName}</strong> · ${t("daybook_day")} <strong id="daybook-date">${fmtDate(day)}</strong>${" · "}<a href=${xlsx} id="daybook-xlsx" download>${t("daybook_export")}</a></p>
    </section>
    ${!book ? html`<p class="muted loading">${t("loading")}</p>` : book.error ? html`<p class="error" role="alert">${book.error.message}</p>` : html`
    ${book.opening ? html`<section class="card"><dl class="money-facts" id="daybook-tills">
      ${[["till_open_cash", book.opening.cash_vnd, "till-open-cash"], ["till_open_bank", book.opening.bank_vnd, "till-open-bank"],
        ["till_close_cash", book.closing.cash_vnd, "till-close-cash"], ["till_close_bank", book.closing.bank_vnd, "till-close-bank"]]
        .map(([k, v, id]) => html`<div class="money-fact"><dt>${t(k)}</dt><dd id=${id} class="num">${money(v)}</dd></div>`)}</dl></section>` : null}
    <section class="card">
      <h3>${t("daybook_receipts")} <span class="muted">· ${t("daybook_count", { n: fmtNumber(book.receipts.length) })}</span></h3>
      <div class="table-wrap"><table id="daybook-receipts">
        <thead><tr><th scope="col">${t("receipt_no")}</th><th scope="col">${t("daybook_unit")}</th><th scope="col">${t("case_col")}</th>
          <th scope="col">${t("payer")}</th><th scope="col">${t("method")}</th><th scope="col" class="num">${t("amount_col")}</th></tr></thead>
        <tbody>${book.receipts.map((r) => html`<tr class=${r.voided ? "voided" : ""} data-receipt=${r.id}>
          <td data-label=${t("receipt_no")}><a href=${"/receipt/" + r.id}>${docNo(r)}</a>${r.voided ? html` <span class="void-mark">${t("void_mark")}</span>` : null}</td>
          <td data-label=${t("daybook_unit")}>${r.unit.code}</td>
          <td data-label=${t("case_col")}><a href=${"/case/" + r.case_id}>${r.case_no}</a></td>
          <td data-label=${t("payer")}>${r.payer_name}</td><td data-label=${t("method")}>${methodName(r.method)}</td>
          <td data-label=${t("amount_col")} class=${"num" + (r.voided ? " struck" : "")}>${money(r.amount_vnd)}</td></tr>`)}
        ${book.receipts.length ? null : html`<tr class="empty"><td colspan="6" class="muted">${t("no_receipts_day")}</td></tr>`}</tbody>
        <tfoot><tr><th scope="row" colspan="5">${t("daybook_total")}</th><td class="num" id="daybook-receipts-total" data-label=${t("daybook_total")}><strong>${money(book.receipts_total_vnd)}</strong></td></tr></tfoot>
      </table></div>
    </section>
    <section class="card">
      <h3>${t("daybook_payouts")} <span class="muted">· ${t("daybook_count", { n: fmtNumber(book.payouts.length) })}</span></h3>
      <div class="table-wrap"><table id="daybook-payouts">
        <thead><tr><th scope="col">${t("voucher_no")}</th><th scope="col">${t("daybook_unit")}</th><th scope="col">${t("case_col")}</th>
          <th scope="col">${t("payee")}</th><th scope="col">${t("method")}</th><th scope="col" class="num">${t("fee")}</th><th scope="col" class="num">${t("gross")}</th></tr></thead>
        <tbody>${book.payouts.map((p) => html`<tr data-payout=${p.id}>
          <td data-label=${t("voucher_no")}>${docNo(p)}</td><td data-label=${t("daybook_unit")}>${p.unit.code}</td>
          <td data-label=${t("case_col")}><a href=${"/case/" + p.case_id}>${p.case_no}</a></td>
          <td data-label=${t("payee")}>${p.payee_name}</td><td data-label=${t("method")}>${payoutMethodName(p.method)}</td>
          <td data-label=${t("fee")} class="num">${money(p.fee_vnd)}</td><td data-label=${t("gross")} class="num">${money(p.gross_vnd)}</td></tr>`)}
        ${book.payouts.length ? null : html`<tr class="empty"><td colspan="7" class="muted">${t("no_payouts_day")}</td></tr>`}</tbody>
        <tfoot><tr><th scope="row" colspan="5">${t("daybook_total")}</th>
          <td class="num" id="daybook-fees-total" data-label=${t("fee")}><strong>${money(book.payouts.reduce((a, p) => a + p.fee_vnd, 0))}</strong></td><td class="num" id="daybook-payouts-total" data-label=${t("daybook_total")}><strong>${money(book.payouts_total_vnd)}</strong></td></tr></tfoot>
      </table></div>
    </section>`}
  </div>`;
}

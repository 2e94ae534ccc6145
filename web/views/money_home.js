// The accountant's home (issue 14): today's receipts and payouts of the unit (the daily
// book's counts and totals), money past its payout deadline (D30, ten days from each
// collection: the unit's overdue deadlines of that rule from the worklist, the first 200,
// "200+" when there are more), and the
// ledger balances per unit and account.
import { html, useState, useEffect } from "../lib/html.js";
import { get } from "../lib/api.js";
import { t, getLang } from "../lib/i18n.js";
import { href } from "../lib/router.js";
import { fmtDate, money, fmtNumber, todayIso, naturalCompare } from "../lib/format.js";
import "./money_common.js";

// The accounts in the order an accountant reads them: where the money is, then whose it is.
const KINDS = ["cash", "bank", "in_transit", "custody", "payable", "fee"];

export function MoneyHome() {
  const [book, setBook] = useState(null);
  const [late, setLate] = useState(null);
  const [lateMore, setLateMore] = useState(false); // more than the 200 shown
  const [bal, setBal] = useState(null);
  useEffect(() => {
    get("/api/money/daybook").then((r) => setBook(r.ok ? r.data : null));
    get("/api/worklist?overdue=1&scope=unit&rule=D30&limit=200").then((r) => {
      setLate(r.ok ? r.data.items : []);
      setLateMore(r.ok && r.data.next_cursor != null);
    });
    get("/api/money/balances").then((r) => setBal(r.ok ? r.data.balances : []));
  }, []);
  const today = todayIso();
  const live = book ? book.receipts.filter((r) => !r.voided) : null;
  const byUnit = new Map();
  for (const b of bal || []) {
    const u = byUnit.get(b.unit_id) || { code: b.unit_code, id: b.unit_id, k: {} };
    u.k[b.kind] = { v: b.balance_vnd, name: getLang() === "vi" ? b.kind_name_vi : b.kind_name_en };
    byUnit.set(b.unit_id, u);
  }
  const names = {};
  for (const b of bal || []) names[b.kind] = getLang() === "vi" ? b.kind_name_vi : b.kind_name_en;
  const kinds = KINDS.filter((k) => names[k]);
  const rows = [...byUnit.values()].filter((u) => kinds.some((k) => u.k[k] && u.k[k].v)).sort((a, b) => naturalCompare(a.code, b.code));
  const total = (k) => rows.reduce((a, u) => a + (u.k[k] ? u.k[k].v : 0), 0);
  return html`<section class="card span2" id="home-money">
    <h2>${t("money_home")}</h2>
    <div class="counts">
      <a class="count" id="count-receipts-today" href=${href("/daybook", { day: today })}>
        <span class="n">${live ? money(book.receipts_total_vnd) : "…"}</span>
        <span class="label">${t("today_receipts")} · ${live ? t("n_docs", { n: fmtNumber(live.length) }) : ""}</span></a>
      <a class="count" id="count-payouts-today" href=${href("/daybook", { day: today })}>
        <span class="n">${book ? money(book.payouts_total_vnd) : "…"}</span>
        <span class="label">${t("today_payouts")} · ${book ? t("n_docs", { n: fmtNumber(book.payouts.length) }) : ""}</span></a>
      <a class=${"count" + (late && late.length ? " bad" : "")} id="count-payouts-late" href="#money-late">
        <span class="n">${late ? fmtNumber(late.length) + (lateMore ? "+" : "") : "…"}</span><span class="label">${t("overdue_payouts_n", { n: "" }).trim()}</span></a>
    </div>
    <p><a href="/daybook" id="open-daybook">${t("open_daybook")}</a></p>
    <h3 id="money-late">${t("overdue_payouts")}</h3>
    ${late && late.length ? html`<div class="table-wrap"><table id="money-late-table">
      <thead><tr><th scope="col">${t("case_col")}</th><th scope="col">${t("collected_on")}</th><th scope="col">${t("due_on")}</th><th scope="col">${t("officer")}</th></tr></thead>
      <tbody>${late.map((d) => html`<tr class="overdue">
        <td data-label=${t("case_col")}><a href=${"/case/" + d.case_id}>${d.case_no}</a></td>
        <td data-label=${t("collected_on")}>${fmtDate(d.trigger_on)}</td>
        <td data-label=${t("due_on")} class="bad">${fmtDate(d.due_on)} · ${t("days_late", { n: -(d.days_left ?? 0) })}</td>
        <td data-label=${t("officer")}>${d.officer ? d.officer.full_name || d.officer : t("unassigned")}</td></tr>`)}</tbody>
    </table></div>` : html`<p class="muted">${late ? t("overdue_payouts_none") : t("loading")}</p>`}
    <h3>${t("balances")}</h3>
    ${rows.length ? html`<div class="counts small" id="money-balance-totals">${kinds.map((k) => html`<div class="count" data-kind=${k}>
        <span class="n">${money(total(k))}</span><span class="label">${names[k]}</span></div>`)}</div>
      <details id="balances-by-unit" class="balances-detail">
        <summary>${t("balances_by_unit", { n: fmtNumber(rows.length) })}</summary>
        <div class="table-wrap"><table id="money-balances" class="balances">
          <thead><tr><th scope="col">${t("daybook_unit")}</th>${kinds.map((k) => html`<th scope="col" class="num">${names[k]}</th>`)}</tr></thead>
          <tbody>${rows.map((u) => html`<tr><td data-label=${t("daybook_unit")}><a href=${href("/daybook", { unit_id: u.id })}>${u.code}</a></td>
            ${kinds.map((k) => html`<td data-label=${names[k]} class="num">${u.k[k] ? money(u.k[k].v) : "—"}</td>`)}</tr>`)}</tbody>
          <tfoot><tr><th scope="row">${t("daybook_total")}</th>${kinds.map((k) => html`<td class="num" data-label=${names[k]}><strong>${money(total(k))}</strong></td>`)}</tr></tfoot>
        </table></div>
      </details>` : html`<p class="muted">${bal ? t("no_rows") : t("loading")}</p>`}
  </section>`;
}

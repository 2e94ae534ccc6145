// A receipt as form C28-THA lays it out (Circular 91/2010/TT-BTC; filling rules of
// Circular 01/2016/TT-BTP: the payer's name and address, whose debt when paid for someone
// else, the amount to the đồng in figures and in words, the payer's and the collector's
// signatures). It prints on A5: /receipt-a5.css, linked while this page is open, sets the
// paper (print.css sets A4 for the other pages). A void receipt keeps its number and says
// so across the form, with the reason.
import { html, useState, useEffect } from "../lib/html.js";
import { get } from "../lib/api.js";
import { t } from "../lib/i18n.js";
import { money, fmtDate } from "../lib/format.js";
import { Message } from "../lib/page.js";
import { docNo, wordsVi, tv } from "./money_common.js";

function usePrintSheet(href) {
  useEffect(() => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.media = "print";
    link.href = href;
    link.id = "receipt-a5";
    document.head.appendChild(link);
    return () => link.remove();
  }, [href]);
}

export function ReceiptPage({ params }) {
  const [r, setR] = useState(null);
  const [unit, setUnit] = useState(null);
  const [error, setError] = useState(null);
  usePrintSheet("/receipt-a5.css");
  useEffect(() => {
    get("/api/receipts/" + params.id).then(async (x) => {
      if (!x.ok) { setError(x.error); return; }
      setR(x.data.receipt);
      // The issuing unit's full name and its parent for the form's heading.
      const u = await get("/api/units");
      if (u.ok) {
        const me = u.data.units.find((y) => y.id === x.data.receipt.unit.id);
        const parent = me && u.data.units.find((y) => y.id === me.parent_id);
        setUnit({ name: me ? me.name_vi : x.data.receipt.unit.code, parent: parent ? parent.name_vi : null });
      } else setUnit({ name: x.data.receipt.unit.code, parent: null });
    });
  }, [params.id]);
  if (error && (error.status === 404 || error.status === 403))
    return html`<${Message} code="not-found" title=${t("receipt_not_found")} text=${t("receipt_not_found_text")} />`;
  if (error) return html`<p class="error" role="alert">${error.message}</p>`;
  if (!r || !unit) return html`<p class="muted loading">${t("loading")}</p>`;
  const [y, mo, d] = r.issued_on.split("-");
  return html`<div id="view-receipt">
    <div class="toolbar no-print">
      <h2>${t("receipt_no")} ${docNo(r)}</h2>
      <div class="actions">
        <button type="button" class="primary" id="receipt-print" onClick=${() => window.print()}>${t("print")}</button>
        <a class="button" href=${"/case/" + r.case_id} id="receipt-back">${t("back_to_case_money")}</a>
      </div>
    </div>
    <article class=${"receipt-sheet" + (r.voided ? " is-void" : "")} id="receipt-sheet" lang="vi">
      <header class="receipt-head">
        <div class="receipt-unit">
          ${unit.parent ? html`<div class="upper">${unit.parent}</div>` : null}
          <div class="upper strong">${unit.name}</div>
          <div>${tv("receipt_series_label")}: ${r.unit.code}/${r.year}</div>
        </div>
        <div class="receipt-form">
          <div class="strong">${tv("receipt_form")}</div>
          <div class="small">${tv("receipt_circular")}</div>
        </div>
      </header>
      <h1 class="receipt-title">${tv("receipt_title")}</h1>
      <p class="receipt-date"><em>${tv("receipt_day", { d, m: mo, y })}</em></p>
      <p class="receipt-number">${tv("receipt_series")}: <strong id="receipt-number">${String(r.number).padStart(7, "0")}</strong></p>
      ${r.voided ? html`<div class="void-stamp" id="receipt-void" role="note"><span>${tv("receipt_void_banner")}</span></div>
        <p class="void-reason" id="receipt-void-reason">${tv("receipt_void_reason", { r: r.void_reason, d: fmtDate(r.voided_on) })}</p>` : null}
      <dl class="receipt-lines">
        <dt>${tv("receipt_payer")}:</dt><dd id="receipt-payer">${r.payer_name}</dd>
        <dt>${tv("receipt_address")}:</dt><dd id="receipt-address">${r.payer_address || html`<span class="dots"></span>`}</dd>
        ${r.on_behalf_of ? html`<dt>${tv("receipt_behalf")}:</dt><dd id="receipt-behalf">${r.on_behalf_of}</dd>` : null}
        <dt>${tv("receipt_case")}:</dt><dd id="receipt-case">${r.case_no}</dd>
        <dt>${tv("receipt_content")}:</dt><dd>${tv("receipt_content_text")}</dd>
        <dt>${tv("receipt_method")}:</dt><dd>${tv("m_" + r.method)}</dd>
        <dt>${tv("receipt_amount")}:</dt><dd id="receipt-amount" class="strong">${money(r.amount_vnd)}</dd>
        <dt>${tv("receipt_words")}:</dt><dd id="receipt-words"><em>${wordsVi(r.amount_words_vi)}</em></dd>
      </dl>
      <div class="receipt-signs">
        <div><div class="strong">${tv("receipt_sign_payer")}</div><div class="small"><em>${tv("receipt_sign_hint")}</em></div>
          <div class="sign-space"></div><div>${r.payer_name}</div></div>
        <div><div class="strong">${tv("receipt_sign_cashier")}</div><div class="small"><em>${tv("receipt_sign_hint")}</em></div>
          <div class="sign-space"></div><div>${r.cashier || ""}</div></div>
      </div>
    </article>
  </div>`;
}

// Deadlines to work on: mine (officer) or my unit's (secretary, examiner, leader:
// scope=unit), overdue first, each with days left or late. The server filters (overdue,
// scope, days) and pages by cursor, as the case list does: "Tải thêm" reads the next page.
import { html, useState, useEffect } from "../lib/html.js";
import { get, query } from "../lib/api.js";
import { t } from "../lib/i18n.js";
import { hasRole } from "../lib/session.js";
import { navigate, href } from "../lib/router.js";
import { Table } from "../lib/table.js";
import { deadlineName, deadlineBasis, DueCell, Unconfirmed } from "../lib/domain.js";

const PAGE = 50;

export function defaultScope() {
  return hasRole("officer") ? "mine" : "unit";
}

export function Worklist({ query: q }) {
  const scope = q.scope || defaultScope();
  const days = q.days || "30";
  const overdue = q.overdue === "1" ? "1" : null;
  const [data, setData] = useState({ key: null, rows: null });
  const [cursor, setCursor] = useState(null);
  const [error, setError] = useState(null);
  // Rows belong to the filters that fetched them (as the case list's).
  const key = JSON.stringify([scope, days, overdue]);
  const rows = data.key === key ? data.rows : null;

  async function load(more) {
    setError(null);
    if (!more) setData({ key, rows: null });
    const r = await get("/api/worklist" + query({ days, scope, overdue, limit: PAGE, cursor: more ? cursor : null }));
    if (!r.ok) { setError(r.error.message); setData({ key, rows: [] }); return; }
    setData((old) => ({ key, rows: more && old.key === key && old.rows ? [...old.rows, ...r.data.items] : r.data.items }));
    setCursor(r.data.next_cursor);
  }
  useEffect(() => { load(false); }, [scope, days, overdue]);
  const go = (change) => navigate(href("/worklist", { ...q, scope, days, ...change }));
  const columns = [
    { key: "due_on", label: t("due_on"), render: (d) => html`<${DueCell} d=${d} />` },
    { key: "case_no", label: t("case_no"), render: (d) => html`<a href=${"/case/" + d.case_id}>${d.case_no}</a>` },
    { key: "name", label: t("deadline"), sort: deadlineName, render: (d) => deadlineName(d) },
    { key: "basis", label: t("legal_ref"), sort: deadlineBasis, render: (d) => html`<span class="muted">${deadlineBasis(d)}<${Unconfirmed} d=${d} /></span>` },
    { key: "officer", label: t("officer"), sort: (d) => (d.officer ? d.officer.full_name : ""), render: (d) => (d.officer ? d.officer.full_name : t("unassigned")) },
  ];
  return html`<section class="card" id="view-worklist">
    <div class="toolbar">
      <h2>${scope === "unit" ? t("unit_deadlines") : t("my_deadlines")}</h2>
      <div class="filters">
        <label class="inline" for="wl-scope">${t("whose")}</label>
        <select id="wl-scope" value=${scope} onChange=${(e) => go({ scope: e.target.value })}>
          <option value="mine">${t("scope_mine")}</option><option value="unit">${t("scope_unit")}</option></select>
        <label class="inline" for="wl-days">${t("within")}</label>
        <select id="wl-days" value=${days} onChange=${(e) => go({ days: e.target.value })}>
          ${["7", "14", "30", "90", "365"].map((n) => html`<option value=${n}>${t("n_days", { n })}</option>`)}</select>
        <span class="inline check"><input type="checkbox" id="wl-overdue" checked=${q.overdue === "1"} onChange=${(e) => go({ overdue: e.target.checked ? "1" : "" })} />
          <label for="wl-overdue">${t("overdue_only")}</label></span>
      </div>
    </div>
    <p class="muted">${t("worklist_hint")}</p>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    <${Table} id="worklist-table" columns=${columns} rows=${rows || []} loading=${rows === null} empty=${t("nothing_due")}
      rowProps=${(d) => ({ class: d.overdue ? "overdue" : "", "data-case": d.case_no, "data-id": d.id })}
      more=${cursor ? () => load(true) : null} />
  </section>`;
}

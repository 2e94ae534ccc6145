// Deadlines to work on: mine (officer) or my unit's (secretary, examiner, leader:
// scope=unit), overdue first, each with days left or late.
import { html, useState, useEffect } from "../lib/html.js";
import { get, query } from "../lib/api.js";
import { t } from "../lib/i18n.js";
import { hasRole } from "../lib/session.js";
import { navigate, href } from "../lib/router.js";
import { Table } from "../lib/table.js";
import { deadlineName, deadlineBasis, DueCell, Unconfirmed } from "../lib/domain.js";

export function defaultScope() {
  return hasRole("officer") ? "mine" : "unit";
}

export function Worklist({ query: q }) {
  const scope = q.scope || defaultScope();
  const days = q.days || "30";
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setData(null);
    get("/api/worklist" + query({ days, scope, unit_id: q.unit_id, officer: q.officer })).then((r) => {
      if (r.ok) setData(r.data); else setError(r.error.message);
    });
  }, [scope, days, q.unit_id, q.officer]);
  let rows = data ? data.items : [];
  if (q.overdue === "1") rows = rows.filter((d) => d.overdue);
  if (q.officer) rows = rows.filter((d) => d.officer && String(d.officer.id) === q.officer);
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
          ${["7", "14", "30", "90"].map((n) => html`<option value=${n}>${t("n_days", { n })}</option>`)}</select>
        <span class="inline check"><input type="checkbox" id="wl-overdue" checked=${q.overdue === "1"} onChange=${(e) => go({ overdue: e.target.checked ? "1" : "" })} />
          <label for="wl-overdue">${t("overdue_only")}</label></span>
      </div>
    </div>
    <p class="muted">${t("worklist_hint")}</p>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    <${Table} id="worklist-table" columns=${columns} rows=${rows} loading=${!data && !error} empty=${t("nothing_due")}
      rowProps=${(d) => ({ class: d.overdue ? "overdue" : "", "data-case": d.case_no })} />
  </section>`;
}

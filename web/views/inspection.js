// The inspection view: deadlines closed late and still overdue, per unit and officer,
// over a period (GET /api/inspection/violations), as a chart and a table.
import { html, useState, useEffect } from "../lib/html.js";
import { get, query } from "../lib/api.js";
import { t } from "../lib/i18n.js";
import { can } from "../lib/session.js";
import { navigate, href } from "../lib/router.js";
import { Table } from "../lib/table.js";
import { fmtDate, fmtNumber, naturalCompare } from "../lib/format.js";
import { useForm, Field, Submit, checkDate, isoOf, displayDate } from "../lib/form.js";
import { BarChart } from "../lib/chart.js";

export function Inspection({ query: q }) {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const form = useForm({ from: displayDate(q.from), to: displayDate(q.to) });
  useEffect(() => {
    setData(null);
    get("/api/inspection/violations" + query({ from: q.from, to: q.to })).then((r) => {
      if (r.ok) { setData(r.data); form.setAll({ from: displayDate(r.data.from), to: displayDate(r.data.to) }); } else setError(r.error.message);
    });
  }, [q.from, q.to]);
  const submit = (ev) => {
    ev.preventDefault();
    form.submit((v) => ({ from: checkDate(v.from, false), to: checkDate(v.to, false) }),
      async (v) => { navigate(href("/inspection", { from: isoOf(v.from), to: isoOf(v.to) })); return null; });
  };
  const rows = data ? [...data.rows].sort((a, b) => naturalCompare(a.unit.code, b.unit.code) ||
    (a.officer ? a.officer.full_name : "").localeCompare(b.officer ? b.officer.full_name : "", "vi")) : [];
  const byUnit = new Map();
  for (const r of rows) {
    const u = byUnit.get(r.unit.id) || { unit: r.unit, late: 0, overdue: 0 };
    u.late += r.late; u.overdue += r.overdue;
    byUnit.set(r.unit.id, u);
  }
  const units = [...byUnit.values()].sort((a, b) => b.overdue + b.late - (a.overdue + a.late) || naturalCompare(a.unit.code, b.unit.code));
  const columns = [
    { key: "unit", label: t("unit"), sort: (r) => r.unit.code, render: (r) => html`<span title=${r.unit.name_vi}>${r.unit.code}</span>` },
    { key: "officer", label: t("officer"), sort: (r) => (r.officer ? r.officer.full_name : ""), render: (r) => (r.officer ? r.officer.full_name : t("unassigned")) },
    { key: "late", label: t("closed_late"), num: true, render: (r) => fmtNumber(r.late) },
    { key: "overdue", label: t("still_overdue"), num: true, render: (r) => r.overdue && can("case.read") ? html`<a href=${href("/cases", { overdue: "1", unit_id: r.unit.id, officer: r.officer ? r.officer.id : "" })}>${fmtNumber(r.overdue)}</a>` : fmtNumber(r.overdue) },
  ];
  return html`<div id="view-inspection">
    <section class="card">
      <h2>${t("nav_inspection")}</h2>
      <p class="muted">${data ? t("period", { from: fmtDate(data.from), to: fmtDate(data.to) }) : t("loading")}</p>
      <form class="form-grid" id="inspection-form" onSubmit=${submit} novalidate>
        <${Field} form=${form} name="from" label=${t("from_date")} kind="date" />
        <${Field} form=${form} name="to" label=${t("to_date")} kind="date" />
        <${Submit} form=${form} label=${t("show")} />
      </form>
      ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    </section>
    ${units.length ? html`<section class="card"><h3>${t("by_unit")}</h3>
      <${BarChart} id="chart-inspection" label=${t("by_unit")} series=${[t("still_overdue"), t("closed_late")]}
        rows=${units.slice(0, 20).map((u) => ({ label: u.unit.code, values: [u.overdue, u.late], unit: u.unit }))}
        onClick=${can("case.read") ? (r) => navigate(href("/cases", { overdue: "1", unit_id: r.unit.id })) : null} /></section>` : null}
    <section class="card"><h3>${t("by_unit_officer")}</h3>
      <${Table} id="inspection-table" columns=${columns} rows=${rows} loading=${!data && !error} empty=${t("no_violations")} />
    </section>
  </div>`;
}

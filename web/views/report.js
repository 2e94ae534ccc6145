// The report page (issue 15): a unit's indicator tree for a period (GET /api/reports/summary)
// in cases and đồng as the official forms name the lines, its rates against the target and
// the same period a year before, the child units one row each; every number opens the list
// of the cases it counts (/report/cases, GET /api/reports/cases), and the same report
// downloads as the official forms (GET /api/reports/summary.xlsx, same query).
import { html, useState, useEffect } from "../lib/html.js";
import { get, query } from "../lib/api.js";
import { named, codes, getLang } from "../lib/i18n.js";
import { getSession, can } from "../lib/session.js";
import { navigate, href } from "../lib/router.js";
import { fmtDate, fmtNumber, money, todayIso, naturalCompare } from "../lib/format.js";
import { useForm, Field, checkDate, isoOf, displayDate } from "../lib/form.js";
import { stateName } from "../lib/domain.js";
import { AdminJudgmentFigures } from "./admin_judgments.js";
import { w, LINES, lineName, cellOf, yearOf, yearFirst, yearLast, monthLast, pct, Versus, signed } from "./report_common.js";

// The work with prisons and camps in the period (issue 16): the exchanges and the money.
function Prisons({ f }) {
  const rows = [["report_prisons_sent", fmtNumber(f.sent)], ["report_prisons_on_time", fmtNumber(f.done_on_time)],
    ["report_prisons_late", fmtNumber(f.done_late)], ["report_prisons_overdue", fmtNumber(f.overdue)],
    ["report_prisons_money", money(f.camp_money_vnd)], ["report_prisons_received", money(f.camp_money_received_vnd)]];
  return html`<div class="table-wrap"><table id="report-prisons"><tbody>${rows.map(([k, v]) => html`<tr>
    <th scope="row">${w(k)}</th><td class=${"num" + (k === "report_prisons_overdue" && f.overdue ? " bad" : "")}>${v}</td></tr>`)}</tbody></table></div>`;
}

// The coercion and complaint counts (THADS.md 5.1, 5.3), in decisions and complaints: each
// total splits into its parts, as the seeds' "202 = 31 paid voluntarily + 171 needing
// coercion; 171 = 106 done + 65 pending". Indented rows are parts of the row above.
const COERCION_ROWS = [["carried_over", "act_carried_over", 1], ["new", "act_new_coercion", 1], ["total", "act_total_coercion", 0],
  ["paid_voluntarily", "act_paid_voluntarily", 1], ["needing_coercion", "act_needing", 1], ["carried_out", "act_carried_out", 2],
  ["pending", "act_pending_coercion", 2]];
const COMPLAINT_ROWS = [["carried_over", "act_carried_over", 1], ["new", "act_new_complaint", 1], ["total", "act_total_complaint", 0],
  ["resolved", "act_resolved", 1], ["pending", "act_pending_complaint", 1]];
export function ActionFigures({ id, f, rows }) {
  return html`<div class="table-wrap"><table id=${id} class="report-actions"><tbody>${rows.map(([k, label, depth]) => html`<tr data-key=${k}>
    <th scope="row" class=${depth ? "indent-" + depth : "total"}>${w(label)}</th><td class=${"num" + (depth ? "" : " total")}>${fmtNumber(f[k])}</td></tr>`)}</tbody></table></div>`;
}

// The units the user may report on: their own first, then those under it, by code.
export function useUnits() {
  const s = getSession();
  const [units, setUnits] = useState([s.user.unit]);
  useEffect(() => {
    if (!can("unit.read")) return;
    get("/api/units").then((r) => {
      if (!r.ok) return;
      const mine = s.user.unit.id, keep = new Set([mine]);
      for (let grew = true; grew;) {
        grew = false;
        for (const u of r.data.units) if (!keep.has(u.id) && keep.has(u.parent_id)) { keep.add(u.id); grew = true; }
      }
      setUnits(r.data.units.filter((u) => keep.has(u.id) && !u.closed_on)
        .sort((a, b) => (a.id === mine ? -1 : b.id === mine ? 1 : naturalCompare(a.code, b.code))));
    });
  }, []);
  return units;
}

// Period presets: this reporting year to date, the last three whole years, the months of
// this year so far.
function presets() {
  const today = todayIso(), y = yearOf(today), list = [];
  list.push({ value: `ytd${y}`, label: w("report_year_to_date", { y, p: y - 1 }), from: yearFirst(y), to: today });
  for (let k = 1; k <= 3; k++) list.push({ value: `y${y - k}`, label: w("report_year", { y: y - k, p: y - k - 1 }), from: yearFirst(y - k), to: yearLast(y - k) });
  for (let d = new Date(Date.parse(today + "T00:00:00Z")); ; d.setUTCMonth(d.getUTCMonth() - 1)) {
    const yy = d.getUTCFullYear(), m = d.getUTCMonth() + 1;
    const from = `${yy}-${String(m).padStart(2, "0")}-01`;
    if (from < yearFirst(y)) break;
    list.push({ value: `m${from.slice(0, 7)}`, label: w("report_month", { m: String(m).padStart(2, "0"), y: yy }), from, to: monthLast(yy, m) < today ? monthLast(yy, m) : today });
    d.setUTCDate(1);
  }
  return list;
}

export const casesLink = (p, key, source) => href("/report/cases", { unit: p.unit, from: p.from, to: p.to, category: p.category, line: key, source });

// A number that opens its cases.
const Num = ({ p, line, value, fmt, source, id }) =>
  html`<a href=${casesLink(p, line.list, source)} id=${id} data-line=${line.list} data-value=${value}>${fmt(value)}</a>`;

function Indicators({ r, p }) {
  return html`<div class="table-wrap"><table id="report-lines" class="report-lines">
    <thead>
      <tr><th scope="col" rowspan="2" colspan="2">${w("report_indicator")}</th><th scope="colgroup" colspan="2" class="num">${r.name}</th>
        <th scope="colgroup" colspan="2" class="num">${w("report_of_which_app")}</th></tr>
      <tr><th scope="col" class="num">${w("report_cases")}</th><th scope="col" class="num">${w("report_money")}</th>
        <th scope="col" class="num">${w("report_cases")}</th><th scope="col" class="num">${w("report_money")}</th></tr>
    </thead>
    <tbody>${LINES.map((l) => {
      const a = cellOf(r, l), b = cellOf(r.on_application, l);
      return html`<tr class=${"line-" + l.code.replace("+", "")}>
        <th scope="row" class="code">${l.code}</th><th scope="row" class="name">${lineName(l)}</th>
        <td class="num" data-label=${w("report_cases")}><${Num} p=${p} line=${l} value=${a.cases} fmt=${fmtNumber} id=${"n-" + (l.key || "d1") + "-cases"} /></td>
        <td class="num" data-label=${w("report_money")}><${Num} p=${p} line=${l} value=${a.money} fmt=${fmtNumber} id=${"n-" + (l.key || "d1") + "-money"} /></td>
        <td class="num" data-label=${w("report_of_which_app")}><${Num} p=${p} line=${l} value=${b.cases} fmt=${fmtNumber} source="application" /></td>
        <td class="num" data-label=${w("report_of_which_app")}><${Num} p=${p} line=${l} value=${b.money} fmt=${fmtNumber} source="application" /></td></tr>`;
    })}
    <tr class="rate"><th scope="row" class="code">R</th><th scope="row" class="name">${w("report_rate_cases")} / ${w("report_rate_money")}</th>
      <td class="num" id="rate-cases"><strong>${pct(r.rate_cases)}</strong></td><td class="num" id="rate-money"><strong>${pct(r.rate_money)}</strong></td>
      <td class="num">${pct(r.on_application.rate_cases)}</td><td class="num">${pct(r.on_application.rate_money)}</td></tr>
    </tbody></table></div>`;
}

// The special categories (THADS.md 5.4), each its own table: the same lines restricted to
// the cases with the flag (a case may count in several); each number opens its cases
// (category = the flag's code).
export const SPECIAL = [
  { key: "credit", vi: "Tín dụng, ngân hàng", en: "Credit institutions" },
  { key: "corruption", vi: "Thu hồi tài sản trong vụ án tham nhũng, kinh tế", en: "Asset recovery in corruption and economic crimes" },
  { key: "prisoner", vi: "Phần dân sự trong bản án hình sự đối với phạm nhân", en: "Civil parts owed by prisoners" },
];
export const specialName = (k) => { const x = SPECIAL.find((y) => y.key === k); return x ? (getLang() === "en" ? x.en : x.vi) : null; };

function Special({ r, p }) {
  return SPECIAL.map((f) => {
    const t = r.special[f.key], q = { ...p, category: f.key };
    return html`<section class="card"><h3>${specialName(f.key)}</h3><div class="table-wrap">
      <table id=${"report-special-" + f.key} class="report-lines report-special">
      <thead><tr><th scope="col" colspan="2">${w("report_indicator")}</th><th scope="col" class="num">${w("report_cases")}</th><th scope="col" class="num">${w("report_money")}</th></tr></thead>
      <tbody>${LINES.map((l) => {
        const a = cellOf(t, l);
        return html`<tr class=${"line-" + l.code.replace("+", "")}><th scope="row" class="code">${l.code}</th><th scope="row" class="name">${lineName(l)}</th>
          <td class="num" data-label=${w("report_cases")}><${Num} p=${q} line=${l} value=${a.cases} fmt=${fmtNumber} id=${"s-" + f.key + "-" + (l.key || "d1") + "-cases"} /></td>
          <td class="num" data-label=${w("report_money")}><${Num} p=${q} line=${l} value=${a.money} fmt=${fmtNumber} id=${"s-" + f.key + "-" + (l.key || "d1") + "-money"} /></td></tr>`;
      })}
      <tr class="rate"><th scope="row" class="code">R</th><th scope="row" class="name">${w("report_rate_cases")} / ${w("report_rate_money")}</th>
        <td class="num"><strong>${pct(t.rate_cases)}</strong></td><td class="num"><strong>${pct(t.rate_money)}</strong></td></tr>
      </tbody></table></div></section>`;
  });
}

function Results({ r }) {
  const tg = r.target, py = r.previous_year, ch = py && py.change;
  const fact = (label, value, id, sub) => html`<div class="money-fact"><dt>${label}</dt><dd id=${id}>${value}</dd>${sub ? html`<dd class="sub">${sub}</dd>` : null}</div>`;
  return html`<dl class="money-facts report-facts" id="report-results">
    ${fact(w("report_rate_cases"), pct(r.rate_cases), "res-rate-cases",
      tg ? html`${w("report_target")} ${pct(tg.rate_cases)}: <${Versus} diff=${tg.diff_cases} id="vs-cases" />` : w("report_no_target"))}
    ${fact(w("report_rate_money"), pct(r.rate_money), "res-rate-money",
      tg ? html`${w("report_target")} ${pct(tg.rate_money)}: <${Versus} diff=${tg.diff_money} id="vs-money" />` : w("report_no_target"))}
    ${py ? fact(w("report_prev_year") + ` (${fmtDate(py.from)} – ${fmtDate(py.to)})`,
      html`${fmtNumber(py.completed.cases)} ${w("report_cases").toLowerCase()} · ${money(py.completed.money)}`, "res-prev",
      html`${pct(py.rate_cases)} / ${pct(py.rate_money)}`) : null}
    ${ch ? fact(w("report_change"), html`${signed(ch.completed_cases, fmtNumber)} ${w("report_cases").toLowerCase()}${ch.completed_cases_pct !== null ? ` (${signed(Number(ch.completed_cases_pct), (x) => pct(x.toFixed(2)))})` : ""}`,
      "res-change", html`${signed(ch.completed_money, money)}${ch.completed_money_pct !== null ? ` (${signed(Number(ch.completed_money_pct), (x) => pct(x.toFixed(2)))})` : ""}`) : null}
  </dl>`;
}

function Children({ r, p }) {
  if (!r.units.length) return html`<p class="muted">${w("report_no_children")}</p>`;
  const keys = LINES.filter((l) => ["C", "D", "D1+D2", "E", "F"].includes(l.code));
  return html`<div class="table-wrap"><table id="report-units" class="report-units">
    <thead><tr><th scope="col" rowspan="2">${w("report_unit_col")}</th>
      ${keys.map((l) => html`<th scope="colgroup" colspan="2" class="num" title=${lineName(l)}>${l.code} · ${lineName(l)}</th>`)}
      <th scope="colgroup" colspan="2" class="num">${w("report_rates")}</th><th scope="col" rowspan="2" class="num">${w("report_vs_target")}</th></tr>
      <tr>${keys.map(() => html`<th scope="col" class="num">${w("report_cases")}</th><th scope="col" class="num">${w("report_money")}</th>`)}
      <th scope="col" class="num">${w("report_cases")}</th><th scope="col" class="num">${w("report_money")}</th></tr></thead>
    <tbody>${[...r.units].sort((a, b) => naturalCompare(a.unit, b.unit)).map((u) => {
      const q = { ...p, unit: u.unit };
      return html`<tr data-unit=${u.unit}><th scope="row" class="unit-name"><a href=${href("/report", { unit: u.unit, from: p.from, to: p.to, category: p.category })} title=${u.name}>${u.name.replace(/^Phòng Thi hành án dân sự /, "").replace(/^Chi cục Thi hành án dân sự /, "")}</a></th>
        ${keys.map((l) => html`<td class="num" data-label=${l.code}><${Num} p=${q} line=${l} value=${cellOf(u, l).cases} fmt=${fmtNumber} /></td>
          <td class="num" data-label=${l.code}><${Num} p=${q} line=${l} value=${cellOf(u, l).money} fmt=${fmtNumber} /></td>`)}
        <td class="num">${pct(u.rate_cases)}</td><td class="num">${pct(u.rate_money)}</td>
        <td class="num">${u.target ? html`<${Versus} diff=${u.target.diff_cases} />` : html`<span class="muted">${w("report_no_target")}</span>`}</td></tr>`;
    })}</tbody></table></div>`;
}

export function Report({ query: q }) {
  const s = getSession();
  const list = presets();
  const p = {
    unit: q.unit || s.user.unit.code,
    from: q.from || list[0].from, to: q.to || list[0].to, category: q.category || "",
  };
  const units = useUnits();
  const [r, setR] = useState(null);
  const preset = (list.find((x) => x.from === p.from && x.to === p.to) || { value: "custom" }).value;
  const form = useForm({ unit: p.unit, preset, from: displayDate(p.from), to: displayDate(p.to), category: p.category });
  useEffect(() => {
    setR(null);
    get("/api/reports/summary" + query(p)).then((x) => setR(x.ok ? x.data : { error: x.error }));
  }, [p.unit, p.from, p.to, p.category]);
  const choose = (ev) => {
    const v = ev.target.value, x = list.find((y) => y.value === v);
    form.setAll({ ...form.values, preset: v, ...(x ? { from: displayDate(x.from), to: displayDate(x.to) } : {}) });
  };
  const show = (ev) => {
    ev.preventDefault();
    const e = { from: checkDate(form.values.from), to: checkDate(form.values.to) };
    if (e.from || e.to) { form.setErrors(e); return; }
    navigate(href("/report", { unit: form.values.unit, from: isoOf(form.values.from), to: isoOf(form.values.to), category: form.values.category }));
  };
  const xlsx = "/api/reports/summary.xlsx" + query(p);
  const cats = [{ value: "", label: w("report_all_categories") }, ...codes("categories").map((c) => ({ value: c, label: named("categories", c) })),
    ...SPECIAL.filter((f) => !codes("categories").includes(f.key)).map((f) => ({ value: f.key, label: specialName(f.key) }))];
  return html`<div id="view-report">
    <section class="card">
      <h2>${w("report_title")}</h2>
      <form id="report-form" class="filters form-inline" onSubmit=${show} novalidate>
        <${Field} form=${form} name="unit" label=${w("report_unit")} kind="select"
          options=${units.map((u) => ({ value: u.code, label: `${u.code} — ${u.name_vi}` }))} />
        <div class="field"><label for="report-preset">${w("report_period")}</label>
          <select id="report-preset" value=${form.values.preset} onChange=${choose}>
            ${list.map((x) => html`<option value=${x.value}>${x.label}</option>`)}<option value="custom">${w("report_custom")}</option></select></div>
        <${Field} form=${form} name="from" label=${w("report_from")} kind="date" onFocus=${() => form.set("preset", "custom")} />
        <${Field} form=${form} name="to" label=${w("report_to")} kind="date" onFocus=${() => form.set("preset", "custom")} />
        <${Field} form=${form} name="category" label=${w("report_category")} kind="select" options=${cats} />
        <div class="submit"><button type="submit" class="primary">${w("report_show")}</button></div>
      </form>
      ${r && !r.error ? html`<p class="report-head"><strong id="report-unit-name">${r.name}</strong> · ${fmtDate(r.from)} – ${fmtDate(r.to)}${r.category ? " · " + (specialName(r.category) || named("categories", r.category)) : ""}
        · <a href=${xlsx} id="report-xlsx" download>${w("report_xlsx")}</a></p>` : null}
    </section>
    ${!r ? html`<p class="muted loading">${w("report_loading_all")}</p>` : r.error ? html`<p class="error" role="alert">${r.error.message}</p>` : html`
      <section class="card"><h3>${w("report_rates")}</h3><${Results} r=${r} /></section>
      <section class="card"><${Indicators} r=${r} p=${p} /></section>
      <section class="card"><h3>${w("report_by_unit")}</h3><${Children} r=${r} p=${p} /></section>
      ${r.special ? html`<${Special} r=${r} p=${p} />` : null}
      ${r.prisons ? html`<section class="card"><h3>${w("report_prisons")}</h3><${Prisons} f=${r.prisons} /></section>` : null}
      ${r.coercion ? html`<section class="card"><h3>${w("report_coercion")}</h3><${ActionFigures} id="report-coercion" f=${r.coercion} rows=${COERCION_ROWS} /></section>` : null}
      ${r.complaints ? html`<section class="card"><h3>${w("report_complaints")}</h3><${ActionFigures} id="report-complaints" f=${r.complaints} rows=${COMPLAINT_ROWS} /></section>` : null}
      ${r.admin_judgments ? html`<section class="card"><h3>${w("report_admin_judgments")}</h3><${AdminJudgmentFigures} f=${r.admin_judgments} /></section>` : null}`}
  </div>`;
}

// The cases a number counts, every page read, with their count and sum beside the number.
export function ReportCases({ query: q }) {
  const [rows, setRows] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let dead = false;
    (async () => {
      const all = [];
      let after = null;
      for (let i = 0; i < 200; i++) {
        const x = await get("/api/reports/cases" + query({ unit: q.unit, from: q.from, to: q.to, line: q.line, category: q.category, source: q.source, limit: 500, after }));
        if (dead) return;
        if (!x.ok) { setError(x.error.message); return; }
        all.push(...x.data.cases);
        after = x.data.next_after;
        if (!after) break;
      }
      setRows(all);
    })();
    return () => { dead = true; };
  }, [q.unit, q.from, q.to, q.line, q.category, q.source]);
  const line = LINES.find((l) => l.list === q.line) || { code: "", vi: q.line, en: q.line };
  const n = rows ? rows.reduce((a, x) => a + x.cases, 0) : 0, m = rows ? rows.reduce((a, x) => a + x.money, 0) : 0;
  return html`<div id="view-report-cases">
    <section class="card">
      <p><a href=${href("/report", { unit: q.unit, from: q.from, to: q.to, category: q.category })}>${w("report_back")}</a></p>
      <h2>${w("report_list_title")}: ${line.code} ${lineName(line)}${q.source === "application" ? ` (${w("report_source_app")})` : ""}</h2>
      <p class="muted">${q.unit} · ${fmtDate(q.from)} – ${fmtDate(q.to)}${q.category ? " · " + (specialName(q.category) || named("categories", q.category)) : ""}</p>
      ${rows ? html`<p id="report-cases-count" data-cases=${n} data-money=${m}><strong>${w("report_list_count", { n: fmtNumber(n), m: money(m) })}</strong></p>` : null}
      ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    </section>
    <section class="card">${!rows ? html`<p class="muted loading">${error ? "" : w("report_loading_all")}</p>` : html`
      <div class="table-wrap"><table id="report-cases">
        <thead><tr><th scope="col">${w("report_case_no")}</th><th scope="col">${w("report_case_unit")}</th><th scope="col">${w("report_category")}</th>
          <th scope="col">${w("report_case_state")}</th><th scope="col" class="num">${w("report_case_cases")}</th><th scope="col" class="num">${w("report_case_money")}</th></tr></thead>
        <tbody>${rows.map((x) => html`<tr data-case=${x.id}>
          <td data-label=${w("report_case_no")}><a href=${"/case/" + x.id}>${x.case_no}</a></td><td data-label=${w("report_case_unit")}>${x.unit}</td>
          <td data-label=${w("report_category")}>${named("categories", x.category)}</td><td data-label=${w("report_case_state")}>${stateName(x.state)}</td>
          <td class="num" data-label=${w("report_case_cases")}>${fmtNumber(x.cases)}</td><td class="num" data-label=${w("report_case_money")}>${fmtNumber(x.money)}</td></tr>`)}
        ${rows.length ? null : html`<tr class="empty"><td colspan="6" class="muted">${w("report_none")}</td></tr>`}</tbody>
        <tfoot><tr><th scope="row" colspan="4">${w("report_total")}</th>
          <td class="num" id="report-cases-total-cases">${fmtNumber(n)}</td><td class="num" id="report-cases-total-money">${fmtNumber(m)}</td></tr></tfoot>
      </table></div>`}</section>
  </div>`;
}

// The leader's dashboard (issue 15): for a unit and a reporting year, with Apache ECharts —
// cases and money completed by month against the year before, the cumulative completion
// rates against the targets, the child units ranked by rate, and the cases not yet
// eligible at each month's end. Read from GET /api/reports/summary: one call per month
// (its figures and the same month a year before) and one per month from 1 October
// (the cumulative rates, the target), all at once.
import { html, useState, useEffect, useRef } from "../lib/html.js";
import { get, query } from "../lib/api.js";
import { getSession } from "../lib/session.js";
import { navigate, href } from "../lib/router.js";
import { fmtNumber, money, todayIso } from "../lib/format.js";
import { w, yearOf, yearFirst, yearLast, monthLast, pct, Versus } from "./report_common.js";
import { useUnits, specialName } from "./report.js";

let echartsPromise = null;
const loadECharts = () => (echartsPromise ||= import("/vendor/echarts.js"));

// One chart from an ECharts option (tooltips as rich text: the CSP refuses HTML ones).
function EChart({ id, option, height = 300, label, onClick }) {
  const ref = useRef(null);
  useEffect(() => {
    let chart, dead = false;
    const resize = () => chart && chart.resize();
    loadECharts().then((echarts) => {
      if (dead || !ref.current) return;
      chart = echarts.init(ref.current, null, { renderer: "canvas" });
      chart.setOption({ animation: false, tooltip: { trigger: "axis", renderMode: "richText" }, ...option });
      if (onClick) chart.on("click", onClick);
      ref.current.dataset.drawn = "1";
      window.addEventListener("resize", resize);
    });
    return () => { dead = true; window.removeEventListener("resize", resize); if (chart) chart.dispose(); };
  }, [JSON.stringify(option)]);
  return html`<div class="chart" id=${id} ref=${ref} role="img" aria-label=${label} style=${{ height: height + "px" }}></div>`;
}

// The months of reporting year y up to today: [{label "10/2025", from, to}].
function months(y) {
  const today = todayIso(), list = [];
  for (let i = 0; i < 12; i++) {
    const yy = i < 3 ? y - 1 : y, m = ((i + 9) % 12) + 1;
    const from = `${yy}-${String(m).padStart(2, "0")}-01`;
    if (from > today) break;
    list.push({ label: `${String(m).padStart(2, "0")}/${yy}`, from, to: monthLast(yy, m) });
  }
  return list;
}

const COLORS = ["#1a73e8", "#9aa0a6", "#137333", "#e8a317", "#b3261e"];

export function Dashboard({ query: q }) {
  const s = getSession();
  const unit = q.unit || s.user.unit.code, year = Number(q.year) || yearOf(todayIso());
  const units = useUnits();
  const [data, setData] = useState(null);
  useEffect(() => {
    setData(null);
    const ms = months(year);
    const one = (from, to) => get("/api/reports/summary" + query({ unit, from, to })).then((r) => (r.ok ? r.data : null));
    Promise.all([Promise.all(ms.map((m) => one(m.from, m.to))), Promise.all(ms.map((m) => one(yearFirst(year), m.to)))])
      .then(([monthly, cumulative]) => setData({ ms, monthly, cumulative }));
  }, [unit, year]);
  const go = (ev) => navigate(href("/dashboard", { unit: ev.target.form.unit.value, year: ev.target.form.year.value }));
  const years = [0, 1, 2].map((k) => yearOf(todayIso()) - k);
  let body = html`<p class="muted loading">${w("report_loading_all")}</p>`;
  if (data && data.monthly.some((x) => !x)) body = html`<p class="error" role="alert">—</p>`;
  else if (data && data.ms.length) {
    const { ms, monthly, cumulative } = data, last = cumulative[cumulative.length - 1];
    const labels = ms.map((m) => m.label);
    const prev = (x, k) => (x.previous_year ? x.previous_year.completed[k] : 0);
    const bars = (k, scale) => ({
      color: COLORS, legend: { top: 0 }, grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: labels }, yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: w("dash_this_year", { y: year }), type: "bar", data: monthly.map((x) => scale(x.completed[k])) },
        { name: w("dash_this_year", { y: year - 1 }), type: "bar", data: monthly.map((x) => scale(prev(x, k))) },
      ],
    });
    const rate = (x, k) => (x[k] === null ? null : Number(x[k]));
    const tg = last.target;
    const rates = {
      color: COLORS.slice(0, 1).concat([COLORS[2]]), legend: { top: 0 }, grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: labels }, yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        { name: w("dash_rate_cases"), type: "line", data: cumulative.map((x) => rate(x, "rate_cases")),
          markLine: tg ? { symbol: "none", label: { position: "insideStartTop", formatter: w("dash_target_cases") + " " + pct(tg.rate_cases) }, data: [{ yAxis: Number(tg.rate_cases) }] } : undefined },
        { name: w("dash_rate_money"), type: "line", data: cumulative.map((x) => rate(x, "rate_money")),
          markLine: tg ? { symbol: "none", lineStyle: { type: "dotted" }, label: { position: "insideStartTop", formatter: w("dash_target_money") + " " + pct(tg.rate_money) }, data: [{ yAxis: Number(tg.rate_money) }] } : undefined },
      ],
    };
    const ranked = [...last.units].filter((u) => u.rate_cases !== null).sort((a, b) => Number(a.rate_cases) - Number(b.rate_cases));
    const rank = {
      color: [COLORS[0], COLORS[4]], legend: { top: 0 }, grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", renderMode: "richText", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", data: ranked.map((u) => u.name.replace(/^(Phòng|Chi cục) Thi hành án dân sự /, "")), axisLabel: { width: 220, overflow: "truncate" } },
      series: [
        { name: w("dash_rate_cases"), type: "bar", data: ranked.map((u) => Number(u.rate_cases)), label: { show: true, position: "right", formatter: (p) => pct(p.value.toFixed(2)) } },
        { name: w("dash_target_cases"), type: "scatter", symbol: "diamond", symbolSize: 12, data: ranked.map((u) => (u.target ? Number(u.target.rate_cases) : null)) },
      ],
    };
    const ne = {
      color: [COLORS[3], COLORS[1]], legend: { top: 0 }, grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: labels }, yAxis: { type: "value", minInterval: 1 },
      series: [{ name: w("dash_not_eligible"), type: "line", areaStyle: { opacity: 0.15 }, data: monthly.map((x) => x.not_eligible.cases) }],
    };
    body = html`
      <section class="card"><dl class="money-facts report-facts" id="dash-facts">
        <div class="money-fact"><dt>${w("report_rate_cases")}</dt><dd id="dash-rate-cases">${pct(last.rate_cases)}</dd>
          <dd class="sub">${tg ? html`${w("report_target")} ${pct(tg.rate_cases)}: <${Versus} diff=${tg.diff_cases} />` : w("report_no_target")}</dd></div>
        <div class="money-fact"><dt>${w("report_rate_money")}</dt><dd id="dash-rate-money">${pct(last.rate_money)}</dd>
          <dd class="sub">${tg ? html`${w("report_target")} ${pct(tg.rate_money)}: <${Versus} diff=${tg.diff_money} />` : w("report_no_target")}</dd></div>
        <div class="money-fact"><dt>${w("report_completed_now")}</dt><dd>${fmtNumber(last.completed.cases)}</dd>
          <dd class="sub">${w("report_completed_then")}: ${last.previous_year ? fmtNumber(last.previous_year.completed.cases) : "—"}</dd></div>
        ${last.prisons ? html`<div class="money-fact" id="dash-prisons"><dt>${w("report_prisons")}</dt>
          <dd>${fmtNumber(last.prisons.sent)} · <span class=${last.prisons.overdue ? "bad" : ""}>${w("report_prisons_overdue")}: ${fmtNumber(last.prisons.overdue)}</span></dd>
          <dd class="sub">${w("report_prisons_money")}: ${money(last.prisons.camp_money_vnd)}</dd></div>` : null}
        ${last.coercion ? html`<div class="money-fact" id="dash-coercion"><dt>${w("dash_coercion")}</dt>
          <dd>${fmtNumber(last.coercion.total)}</dd>
          <dd class=${"sub" + (last.coercion.pending ? " bad" : "")}>${w("dash_not_carried_out")}: ${fmtNumber(last.coercion.pending)}</dd>
          <dd class="sub">${w("act_carried_out")}: ${fmtNumber(last.coercion.carried_out)} · ${w("dash_paid_after")}: ${fmtNumber(last.coercion.paid_voluntarily)}</dd></div>` : null}
        ${last.complaints ? html`<div class="money-fact" id="dash-complaints"><dt>${w("dash_complaints")}</dt>
          <dd>${fmtNumber(last.complaints.total)}</dd>
          <dd class=${"sub" + (last.complaints.pending ? " bad" : "")}>${w("dash_not_resolved")}: ${fmtNumber(last.complaints.pending)}</dd>
          <dd class="sub">${w("act_resolved")}: ${fmtNumber(last.complaints.resolved)}</dd></div>` : null}
        <div class="money-fact"><dt><a href=${href("/report", { unit, from: yearFirst(year), to: ms[ms.length - 1].to < todayIso() ? ms[ms.length - 1].to : todayIso() })} id="dash-open-report">${w("dash_open_report")}</a></dt></div>
      </dl></section>
      ${last.special ? html`<section class="card"><h3>${w("dash_special")}</h3><div class="table-wrap"><table id="dash-special" class="report-units">
        <thead><tr><th scope="col">${w("report_category")}</th><th scope="col" class="num">${w("dash_to_enforce")}</th><th scope="col" class="num">${w("dash_eligible")}</th>
          <th scope="col" class="num">${w("report_completed_now")}</th><th scope="col" class="num">${w("dash_rate_cases")}</th><th scope="col" class="num">${w("dash_rate_money")}</th></tr></thead>
        <tbody>${Object.keys(last.special).map((k) => { const t = last.special[k]; return html`<tr data-key=${k}>
          <th scope="row"><a href=${href("/report", { unit, from: last.from, to: last.to, category: k })}>${specialName(k) || k}</a></th>
          <td class="num">${fmtNumber(t.to_enforce.cases)}</td><td class="num">${fmtNumber(t.eligible.cases)}</td><td class="num">${fmtNumber(t.completed.cases)}</td>
          <td class="num">${pct(t.rate_cases)}</td><td class="num">${pct(t.rate_money)}</td></tr>`; })}</tbody></table></div></section>` : null}
      <div class="dash-grid">
        <section class="card"><h3>${w("dash_cases_month")}</h3><${EChart} id="chart-cases-month" label=${w("dash_cases_month")} option=${bars("cases", (v) => v)} /></section>
        <section class="card"><h3>${w("dash_money_month")}</h3><${EChart} id="chart-money-month" label=${w("dash_money_month")} option=${bars("money", (v) => Math.round(v / 1e6))} /></section>
        <section class="card"><h3>${w("dash_rate_target")}</h3><${EChart} id="chart-rate-target" label=${w("dash_rate_target")} option=${rates} /></section>
        <section class="card"><h3>${w("dash_not_eligible")}</h3><${EChart} id="chart-not-eligible" label=${w("dash_not_eligible")} option=${ne} /></section>
        ${ranked.length ? html`<section class="card span2"><h3>${w("dash_ranked")}</h3><${EChart} id="chart-ranked" label=${w("dash_ranked")} option=${rank}
          height=${Math.max(160, 60 + ranked.length * 30)}
          onClick=${(p) => { const u = ranked[p.dataIndex]; if (u) navigate(href("/dashboard", { unit: u.unit, year })); }} /></section>` : null}
      </div>`;
  }
  return html`<div id="view-dashboard">
    <section class="card">
      <h2>${w("dash_title")}</h2>
      <form id="dash-form" class="filters form-inline" onSubmit=${(e) => e.preventDefault()}>
        <div class="field"><label for="dash-unit">${w("report_unit")}</label>
          <select id="dash-unit" name="unit" value=${unit} onChange=${go}>${units.map((u) => html`<option value=${u.code}>${u.code} — ${u.name_vi}</option>`)}</select></div>
        <div class="field"><label for="dash-year">${w("dash_year")}</label>
          <select id="dash-year" name="year" value=${String(year)} onChange=${go}>${years.map((y) => html`<option value=${String(y)}>${w("report_year", { y, p: y - 1 })}</option>`)}</select></div>
      </form>
    </section>
    ${body}
  </div>`;
}

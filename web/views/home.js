// The home page: each role lands on its work. The counts link to the lists they count.
// One call, GET /api/home, gives the parts for the user's roles; a part the server does
// not give is worked out from the lists the user may read.
import { html, useState, useEffect } from "../lib/html.js";
import { get } from "../lib/api.js";
import { t, named, codes } from "../lib/i18n.js";
import { getSession, can, hasRole } from "../lib/session.js";
import { href, navigate } from "../lib/router.js";
import { fmtDate, fmtDateTime, fmtNumber, todayIso, addDays } from "../lib/format.js";
import { stateName, eventName, DueCell } from "../lib/domain.js";
import { BarChart } from "../lib/chart.js";
import { auditWords } from "./audit.js";
import { MoneyHome } from "./money_home.js";

const Count = ({ n, label, link, cls, id }) => html`<a class=${"count " + (cls || "")} href=${link} id=${id}>
  <span class="n">${n === null || n === undefined ? "…" : fmtNumber(n)}</span><span class="label">${label}</span></a>`;

export function Home() {
  const s = getSession();
  const [home, setHome] = useState(null);
  const [wl, setWl] = useState(null);
  const [audit, setAudit] = useState(null);
  const [users, setUsers] = useState(null);
  const [viol, setViol] = useState(null);
  const [nunits, setNunits] = useState(null);
  const [mine, setMine] = useState(null);
  const officer = hasRole("officer");
  const unitScope = can("case.read") && !officer;
  useEffect(() => {
    get("/api/home").then(async (r) => {
      setHome(r.ok ? r.data : {});
      if (r.ok) return;
      // A server without GET /api/home: each part from the lists the user may read.
      if (can("case.read")) get(`/api/worklist?days=7&limit=200&scope=${officer ? "mine" : "unit"}`).then((w) => setWl(w.ok ? w.data : { items: [] }));
      if (hasRole("leader") && can("report.read")) get("/api/inspection/violations").then((v) => setViol(v.ok ? v.data.rows : []));
      if (can("user.admin")) {
        get("/api/audit?limit=200").then((a) => setAudit(a.ok ? a.data.entries : []));
        get("/api/users").then((u) => setUsers(u.ok ? u.data.users : []));
        get("/api/units").then((u) => setNunits(u.ok ? u.data.units.length : null));
      }
      // An officer's cases by state, counted from their list (pages of 200, at most five).
      if (officer) {
        const count = {};
        let cursor = null;
        for (let i = 0; i < 5; i++) {
          const c = await get("/api/cases?officer=me&limit=200" + (cursor ? "&cursor=" + cursor : ""));
          if (!c.ok) return;
          for (const x of c.data.cases) count[x.state] = (count[x.state] || 0) + 1;
          cursor = c.data.next_cursor;
          if (!cursor) break;
        }
        if (!cursor) setMine(codes("states").filter((st) => count[st]).map((st) => ({ state: st, count: count[st] })));
      }
    });
  }, []);
  const today = todayIso(), week = addDays(today, 7);
  const items = wl ? wl.items : null;
  const cnt = (f) => (items ? items.filter(f).length : null);
  const h = home || {};
  const part = (name) => h[name] || (h.parts && h.parts[name]) || null;
  const off = part("officer"), lead = part("leader"), adm = part("admin"), scope = part("unit") || part("secretary") || part("examiner");
  const pick = (o, k, dflt) => (o && o[k] !== undefined ? o[k] : dflt);
  // GET /api/home gives each part's deadline counts under "deadlines".
  const dl = (o) => (o && o.deadlines) || o;

  const sections = [];
  if (can("case.read")) {
    const base = officer ? { scope: "mine" } : { scope: "unit" };
    const src = dl(officer ? off : scope || lead);
    const first = pick(src, "first", null);
    sections.push(html`<section class="card" id="home-deadlines">
      <h2>${officer ? t("my_deadlines") : t("unit_deadlines")}</h2>
      <div class="counts">
        <${Count} id="count-overdue" cls="bad" n=${pick(src, "overdue", cnt((d) => d.overdue))} label=${t("overdue_deadlines")} link=${href("/worklist", { ...base, overdue: "1", days: "7" })} />
        <${Count} id="count-today" cls="warn" n=${pick(src, "due_today", cnt((d) => !d.overdue && d.due_on === today))} label=${t("due_today_n")} link=${href("/worklist", { ...base, days: "7" })} />
        <${Count} id="count-week" n=${pick(src, "due_this_week", cnt((d) => !d.overdue && d.due_on <= week))} label=${t("due_this_week")} link=${href("/worklist", { ...base, days: "7" })} />
      </div>
      ${first && first.length ? html`<ul class="plain first-deadlines">${first.map((d) => html`<li><${DueCell} d=${d} />${" — "}<a href=${"/case/" + d.case_id}>${d.case_no}</a>${" "}${named("deadlines", d.rule_id)}</li>`)}</ul>` : null}
    </section>`);
  }
  const byState = pick(off, "cases_by_state", null) || pick(lead, "cases_by_state", null) || pick(scope, "cases_by_state", null) || (officer ? mine : null);
  if (byState && byState.length) {
    sections.push(html`<section class="card" id="home-states">
      <h2>${officer ? t("my_cases_by_state") : t("cases_by_state")}</h2>
      <div class="counts small">${byState.map((x) => html`<${Count} n=${x.count} label=${stateName(x.state)}
        link=${href("/cases", { state: x.state, officer: officer ? "me" : "" })} />`)}</div>
    </section>`);
  }
  const recent = pick(off, "recent_events", null);
  if (recent && recent.length) {
    sections.push(html`<section class="card" id="home-recent"><h2>${t("recent_events")}</h2>
      <ul class="plain">${recent.map((e) => html`<li><strong>${fmtDate(e.occurred_on)}</strong> <a href=${"/case/" + e.case_id}>${e.case_no}</a> — ${eventName(e.type)}${
        e.actor_name ? html` <span class="muted">· ${e.actor_name}</span>` : null}</li>`)}</ul></section>`);
  }
  if (hasRole("leader") && (lead || viol)) {
    const fromViol = (key) => {
      const m = new Map();
      for (const r of viol || []) {
        if (!r.overdue) continue;
        const who = key === "unit" ? r.unit : r.officer;
        const id = who ? who.id : 0;
        const x = m.get(id) || { [key]: who, overdue: 0, unit: r.unit };
        x.overdue += r.overdue;
        m.set(id, x);
      }
      return [...m.values()].sort((a, b) => b.overdue - a.overdue);
    };
    // GET /api/home: [{unit_id, code, name_vi, overdue}] and [{officer_id, full_name, unit_id, unit_code, overdue}].
    const byOffice = lead && lead.overdue_by_office
      ? lead.overdue_by_office.map((x) => ({ unit: { id: x.unit_id, code: x.code, name_vi: x.name_vi }, overdue: x.overdue })) : fromViol("unit");
    const byOfficer = lead && lead.overdue_by_officer
      ? lead.overdue_by_officer.map((x) => ({ officer: x.officer_id ? { id: x.officer_id, full_name: x.full_name } : null, unit: { id: x.unit_id, code: x.unit_code }, overdue: x.overdue }))
      : fromViol("officer");
    // One line per officer (the server counts per office and officer), most overdue first;
    // the ten largest here, every office and officer on the inspection page.
    const merged = new Map();
    for (const x of byOfficer) {
      const key = x.officer ? "o" + x.officer.id : "u" + (x.unit ? x.unit.id : 0);
      const m = merged.get(key) || { ...x, overdue: 0 };
      m.overdue += x.overdue ?? x.count ?? 0;
      merged.set(key, m);
    }
    const TOP = 10;
    const officers = [...merged.values()].sort((a, b) => b.overdue - a.overdue);
    const offices = [...byOffice].sort((a, b) => (b.overdue ?? b.count) - (a.overdue ?? a.count));
    const more = (n) => (n > TOP ? html`<li class="muted">${t("and_n_more", { n: n - TOP })} — <a href="/inspection">${t("open_inspection")}</a></li>` : null);
    sections.push(html`<section class="card" id="home-leader">
      <h2>${t("overdue_by_office")}</h2>
      ${offices.length ? html`<${BarChart} id="chart-office" label=${t("overdue_by_office")} series=${[t("overdue_deadlines")]}
        rows=${offices.slice(0, TOP).map((x) => ({ label: x.unit.code, values: [x.overdue ?? x.count], unit: x.unit }))}
        onClick=${(r) => navigate(href("/cases", { overdue: "1", unit_id: r.unit.id }))} />` : null}
      <ul class="plain link-list" id="overdue-by-office">${offices.slice(0, TOP).map((x) => html`<li><a href=${href("/cases", { overdue: "1", unit_id: x.unit.id })}>
        ${x.unit.code} — ${x.unit.name_vi}: <strong>${fmtNumber(x.overdue ?? x.count)}</strong></a></li>`)}${more(offices.length)}</ul>
      ${offices.length ? null : html`<p class="muted">${t("nothing_overdue")}</p>`}
      <h3>${t("overdue_by_officer")}</h3>
      <ul class="plain link-list" id="overdue-by-officer">${officers.slice(0, TOP).map((x) => html`<li><a href=${href("/cases", { overdue: "1", officer: x.officer ? x.officer.id : "", unit_id: x.officer ? "" : x.unit && x.unit.id })}>
        ${x.officer ? x.officer.full_name : t("unassigned") + " (" + (x.unit ? x.unit.code : "") + ")"}: <strong>${fmtNumber(x.overdue ?? x.count)}</strong></a></li>`)}${more(officers.length)}</ul>
      ${lead && lead.unassigned_cases !== undefined ? html`<p id="unassigned-count" class=${lead.unassigned_cases ? "warn" : ""}>${t("unassigned_cases", { n: fmtNumber(lead.unassigned_cases) })}</p>` : null}
      ${can("report.read") ? html`<p><a href="/inspection">${t("open_inspection")}</a></p>` : null}
    </section>`);
  }
  if (can("money.write")) sections.unshift(html`<${MoneyHome} />`);
  // Notices by email or fax this unit sent that keep failing, or still wait (issue 16).
  const ob = h.outbox || part("outbox");
  if (ob && (ob.failed > 0 || ob.pending > 0))
    sections.unshift(html`<section class=${"card" + (ob.failed ? " warn" : "")} id="home-outbox" role="status">
      <h2>${t("outbox_title")}</h2>
      ${ob.failed ? html`<p class="bad" id="outbox-failed">${t("outbox_failed", { n: fmtNumber(ob.failed) })}</p>` : null}
      ${ob.pending ? html`<p id="outbox-pending">${t("outbox_pending", { n: fmtNumber(ob.pending) })}</p>` : null}
    </section>`);
  if (can("user.admin")) {
    const entries = (adm && adm.recent_audit) || (audit || []).slice(0, 8);
    const failed = adm && adm.failed_sign_ins_24h !== undefined ? adm.failed_sign_ins_24h
      : audit ? audit.filter((e) => e.route === "/api/session" && e.method === "POST" && e.outcome >= 400 && Date.parse(e.at) > Date.now() - 86400e3).length : null;
    sections.push(html`<section class="card" id="home-admin">
      <h2>${t("administration")}</h2>
      <div class="counts">
        <${Count} id="count-users" n=${pick(adm, "active_users", users ? users.length : null)} label=${t("users_n")} link="/users" />
        <${Count} id="count-units" n=${pick(adm, "units", nunits)} label=${t("units_n")} link="/units" />
        <${Count} id="count-failed" cls=${failed ? "bad" : ""} n=${failed} label=${t("failed_signins")} link=${href("/audit", { kind: "sign_in_failed" })} />
      </div>
      <h3>${t("recent_audit")}</h3>
      <ul class="plain" id="recent-audit">${entries.map((e) => html`<li><span class="muted">${fmtDateTime(e.at)}</span> ${auditWords(e)}</li>`)}</ul>
      <p><a href="/audit">${t("open_audit")}</a></p>
    </section>`);
  }
  // What the user may open: the only content for a role whose pages are still to come.
  const pages = [
    ["case.read", "/worklist", "nav_worklist"], ["case.read", "/cases", "nav_cases"], ["case.write", "/cases/new", "new_case"],
    ["report.read", "/inspection", "nav_inspection"], ["unit.read", "/units", "nav_units"], ["user.read", "/users", "nav_users"],
    ["audit.read", "/audit", "nav_audit"], ["money.write", "/daybook", "nav_daybook"], ["session", "/account", "nav_account"],
  ].filter(([p]) => can(p));
  const comingRoles = s.user.roles.filter((r) => ["prison_officer", "warehouse_keeper", "steering_viewer"].includes(r));
  return html`<div id="view-home">
    <h2 class="greeting">${t("hello", { name: s.user.full_name })} <span class="muted">· ${s.user.roles.map((r) => named("roles", r)).join(", ")} · ${s.user.unit.name_vi}</span></h2>
    ${comingRoles.length ? html`<section class="card notice" id="home-coming"><h2>${t("coming_title")}</h2>
      <p>${t("coming_text", { roles: comingRoles.map((r) => named("roles", r)).join(", ") })}</p></section>` : null}
    <div class="grid2 home-grid">${sections}
    <section class="card" id="home-pages"><h2>${t("what_you_can_do")}</h2>
      <ul class="plain link-list">${pages.map(([, path, key]) => html`<li><a href=${path}>${t(key)}</a></li>`)}</ul></section></div>
  </div>`;
}

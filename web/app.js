// thads web UI: the shell (header, menu, sign-in, the page for the URL). One ES module per
// page under views/, shared pieces under lib/. Vietnamese first; English on request.
import { html, render, useState, useEffect } from "./lib/html.js";
import { api, setCsrf, setUnauthorizedHandler, setWarningsHandler, setPasswordRequiredHandler } from "./lib/api.js";
import { t, getLang, setLang, setCatalog } from "./lib/i18n.js";
import { getSession, setSession, can, hasRole, mustChangePassword } from "./lib/session.js";
import { useLocation, match, navigate } from "./lib/router.js";
import { Message } from "./lib/page.js";
import { Login } from "./views/login.js";
import { Home } from "./views/home.js";
import { Worklist } from "./views/worklist.js";
import { Cases } from "./views/cases.js";
import { CaseNew } from "./views/case_new.js";
import { CasePage } from "./views/case.js";
import { Inspection } from "./views/inspection.js";
import { Units } from "./views/units.js";
import { Users } from "./views/users.js";
import { Audit } from "./views/audit.js";
import { Account } from "./views/account.js";
import { ReceiptPage } from "./views/receipt.js";
import { Daybook } from "./views/daybook.js";
import { PrisonHome, Prisoners, PrisonerPage, Exchanges } from "./views/prison.js";
import { ExchangePage, ExchangePrint, CampReceipt } from "./views/prison_exchange.js";
import { Report, ReportCases } from "./views/report.js";
import { Dashboard } from "./views/dashboard.js";
import { AdminJudgments, AdminJudgmentPage } from "./views/admin_judgments.js";

// A prison officer's home is their camp's prisoners and what waits for the camp.
const HomePage = (props) => (hasRole("prison_officer") && !can("case.read") ? html`<${PrisonHome} ...${props} />` : html`<${Home} ...${props} />`);

// Every page, the permission it needs (GET /api/session lists the user's), and whether
// the menu shows it.
const routes = [
  { path: "/", view: HomePage, nav: "nav_home" },
  { path: "/worklist", view: Worklist, perm: "case.read", nav: "nav_worklist" },
  { path: "/cases", view: Cases, perm: "case.read", nav: "nav_cases" },
  { path: "/cases/new", view: CaseNew, perm: "case.write" },
  { path: "/case/:id", view: CasePage, perm: "case.read" },
  { path: "/case/:id/print", view: CasePage, perm: "case.read", print: true },
  { path: "/daybook", view: Daybook, perm: "case.read", needs: "money.write", nav: "nav_daybook" },
  { path: "/receipt/:id", view: ReceiptPage, perm: "case.read" },
  { path: "/prisoners", view: Prisoners, perm: "prisoner.read", nav: "nav_prisoners" },
  { path: "/prisoner/:id", view: PrisonerPage, perm: "prisoner.read" },
  { path: "/exchanges", view: Exchanges, perm: "prisoner.read", nav: "nav_exchanges" },
  { path: "/exchange/:id", view: ExchangePage, perm: "prisoner.read" },
  { path: "/exchange/:id/print", view: ExchangePrint, perm: "prisoner.read", print: true },
  { path: "/exchange/:id/receipt", view: CampReceipt, perm: "prisoner.read", print: true },
  { path: "/admin-judgments", view: AdminJudgments, perm: "case.read", nav: "nav_admin_judgments" },
  { path: "/admin-judgment/:id", view: AdminJudgmentPage, perm: "case.read" },
  { path: "/inspection", view: Inspection, perm: "report.read", nav: "nav_inspection" },
  { path: "/report", view: Report, perm: "report.read", nav: "nav_report" },
  { path: "/report/cases", view: ReportCases, perm: "report.read" },
  { path: "/dashboard", view: Dashboard, perm: "report.read", nav: "nav_dashboard" },
  { path: "/units", view: Units, perm: "unit.read", nav: "nav_units" },
  { path: "/users", view: Users, perm: "user.read", nav: "nav_users" },
  { path: "/audit", view: Audit, perm: "audit.read", nav: "nav_audit" },
  { path: "/account", view: Account, nav: "nav_account" },
];
const allowed = (r) => can(r.perm) && can(r.needs);

function Header({ onLang, onLogout }) {
  const s = getSession();
  return html`<header class="top">
    <a class="brand" href="/"><span class="logo" aria-hidden="true">⚖</span><h1>${t("title")}</h1></a>
    <div class="who">
      ${s ? html`<span class="who-name">${s.user.full_name}</span><span class="muted who-unit">${s.user.unit.name_vi}</span>` : null}
      <button id="lang" type="button" onClick=${onLang} lang=${getLang() === "vi" ? "en" : "vi"}>${t("switchTo")}</button>
      ${s ? html`<button id="logout" type="button" class="link" onClick=${onLogout}>${t("logout")}</button>` : null}
    </div>
  </header>`;
}

function Nav({ active }) {
  return html`<nav id="nav" aria-label=${t("menu")}>
    ${routes.filter((r) => r.nav && allowed(r) && !mustChangePassword()).map((r) => html`<a href=${r.path}
      data-view=${r.nav.slice(4)} class=${active === r ? "active" : ""} aria-current=${active === r ? "page" : null}>${t(r.nav)}</a>`)}
  </nav>`;
}

function Warnings({ list, onClose }) {
  if (!list.length) return null;
  return html`<div id="warnings" class="warnings" role="status">
    ${list.map((w) => html`<p class="warning">${getLang() === "vi" ? w.message_vi || w.message : w.message}</p>`)}
    <button type="button" class="link" onClick=${onClose}>${t("close")}</button></div>`;
}

const warnedAt = { t: 0 };

function App() {
  const loc = useLocation();
  const [, setTick] = useState(0);
  const [ready, setReady] = useState(false);
  const [warnings, setWarnings] = useState([]);
  const refresh = () => setTick((n) => n + 1);

  async function loadSession() {
    const r = await api("GET", "/api/session");
    setSession(r.ok ? r.data : null);
    setCsrf(r.ok ? r.data.csrf_token : null);
    if (r.ok) {
      const c = await api("GET", "/api/catalog");
      if (c.ok) setCatalog(c.data);
    }
    setReady(true);
    refresh();
  }
  useEffect(() => {
    setUnauthorizedHandler(() => { setSession(null); refresh(); });
    setPasswordRequiredHandler(loadSession);
    // A write's warnings stay through the page change that follows it (a new case opens
    // its page), and go at the next one.
    setWarningsHandler((list) => { warnedAt.t = Date.now(); setWarnings(list); });
    loadSession();
  }, []);
  useEffect(() => { if (Date.now() - warnedAt.t > 1500) setWarnings([]); }, [loc]);
  // A new page (not a new filter on the same page) takes the keyboard focus to its
  // content, as a page load would, so that Tab goes on from there.
  const path = loc.split("?")[0];
  useEffect(() => { const m = document.getElementById("main"); if (m && ready) m.focus({ preventScroll: true }); }, [path]);

  const onLang = () => { setLang(getLang() === "vi" ? "en" : "vi"); refresh(); };
  const onLogout = async () => { await api("DELETE", "/api/session"); setSession(null); setCsrf(null); navigate("/"); refresh(); };

  let body, active = null;
  if (!ready) body = html`<p class="muted loading">${t("loading")}</p>`;
  else if (!getSession()) body = html`<${Login} onSignedIn=${loadSession} />`;
  else if (mustChangePassword()) body = html`<${Account} forced=${true} onChanged=${loadSession} />`;
  else {
    const m = match(routes, loc);
    if (!m) body = html`<${Message} code="not-found" title=${t("not_found_title")} text=${t("not_found_text")} />`;
    else if (!allowed(m.route)) body = html`<${Message} code="forbidden" title=${t("forbidden_title")} text=${t("forbidden_text")} />`;
    else {
      active = m.route.nav ? m.route : routes.find((r) => r.nav && r.perm && m.route.perm === r.perm && m.route.path.startsWith(r.path.replace(/s$/, ""))) || null;
      const View = m.route.view;
      body = html`<${View} key=${m.route.path + "|" + getLang()} params=${m.params} query=${m.query} print=${!!m.route.print} loc=${loc} refreshSession=${loadSession} />`;
    }
  }
  return html`
    <a class="skip" href="#main">${t("skip_to_content")}</a>
    <div id="progress" class="progress" hidden role="progressbar" aria-label=${t("loading")}></div>
    <${Header} onLang=${onLang} onLogout=${onLogout} />
    ${getSession() ? html`<${Nav} active=${active} />` : null}
    <main id="main" tabindex="-1">
      <${Warnings} list=${warnings} onClose=${() => setWarnings([])} />
      ${body}
    </main>
    <footer>${t("footer")}</footer>`;
}

render(html`<${App} />`, document.getElementById("app"));

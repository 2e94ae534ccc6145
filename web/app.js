// thads web UI: one page, views switched by the URL hash. Vietnamese first.
// Talks to the JSON API with the session cookie and the X-CSRF-Token header.
"use strict";

const messages = window.THADS_MESSAGES;
let lang = localStorage.getItem("thads.lang") || "vi";
let session = null; // {user, csrf_token}
let catalog = null; // GET /api/catalog: every domain table as [{code, vi, en}], loaded once
let auditBefore = 0;

const $ = (sel) => document.querySelector(sel);
const t = (key) => messages[lang][key] || messages.vi[key] || key;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return e;
}

function errorText(body) {
  const e = body && body.error;
  if (!e) return t("network_error");
  return lang === "vi" ? e.message_vi : e.message;
}

// Warnings of a write that succeeded (POST /api/cases: a party's name differs from the
// one on file for its ID number): shown above the view until the next write or a click.
function showWarnings(list) {
  let box = $("#warnings");
  if (!box) {
    box = el("div", { id: "warnings", class: "warnings", role: "status", onclick: () => box.replaceChildren() });
    $("main").prepend(box);
  }
  box.replaceChildren(...(list || []).map((w) => el("p", { class: "warning" }, lang === "vi" ? w.message_vi : w.message)));
}

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && session) headers["X-CSRF-Token"] = session.csrf_token;
  const res = await fetch(path, {
    method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.status === 401 && path !== "/api/session") {
    session = null;
    show("login");
  }
  if (method !== "GET" && res.ok) showWarnings(data && data.warnings);
  return { status: res.status, ok: res.ok, data };
}

const can = (perm) => !!session && session.user.permissions.includes(perm);

// Names of domain values come from the server's catalogue (core/ tables), in the
// language shown, with a capital first letter; an unknown code is shown as it is.
async function loadCatalog() {
  if (catalog) return;
  const r = await api("GET", "/api/catalog");
  if (r.ok) catalog = r.data;
}
const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const named = (table, code) => {
  const x = catalog && catalog[table] && catalog[table].find((e) => e.code === code);
  return x ? capital(lang === "vi" ? x.vi : x.en) : code;
};
const codes = (table) => (catalog && catalog[table] ? catalog[table].map((e) => e.code) : []);
const options = (table, list) => (list || codes(table)).map((code) => el("option", { value: code }, named(table, code)));
const roleNames = (roles) => roles.map((r) => named("roles", r)).join(", ");
const kindName = (code) => named("unit_kinds", code);
const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10); // Asia/Ho_Chi_Minh

function translate() {
  document.documentElement.lang = lang;
  for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll("[data-i18n-placeholder]")) e.placeholder = t(e.dataset.i18nPlaceholder);
  $("#lang").textContent = t("switchTo");
}

function show(view) {
  for (const s of document.querySelectorAll("main > section")) s.classList.add("hidden");
  $("#view-" + view).classList.remove("hidden");
  $("#nav").classList.toggle("hidden", !session);
  $("#logout").classList.toggle("hidden", !session);
  $("#who-name").textContent = session ? session.user.full_name : "";
  $("#who-unit").textContent = session ? session.user.unit.name_vi : "";
  for (const a of document.querySelectorAll("#nav a")) {
    a.classList.toggle("active", a.dataset.view === view);
    a.classList.toggle("hidden", !!a.dataset.perm && !can(a.dataset.perm));
  }
  for (const e of document.querySelectorAll("section [data-perm]")) e.classList.toggle("hidden", !can(e.dataset.perm));
}

// ---- views ----

async function viewHome() {
  show("home");
  const u = session.user;
  $("#me-name").textContent = u.full_name + " (" + u.username + ")";
  $("#me-unit").textContent = u.unit.name_vi;
  $("#me-roles").textContent = roleNames(u.roles);
  const res = await fetch("/healthz");
  const h = await res.json();
  const state = $("#st-state");
  state.textContent = h.status === "ok" ? t("ok") : t("unavailable");
  state.className = h.status === "ok" ? "ok" : "bad";
  $("#st-version").textContent = h.version;
  $("#st-db").textContent = h.db_engine + (h.db_reachable ? "" : " (" + t("unreachable") + ")");
  $("#st-schema").textContent = h.schema_version + " / " + h.schema_expected;
}

let unitsCache = [];

async function viewUnits() {
  show("units");
  const at = $("#units-at").value || today();
  $("#units-at").value = at;
  const r = await api("GET", "/api/units?at=" + at);
  if (!r.ok) return;
  unitsCache = depthFirst(r.data.units);
  const body = $("#units-body");
  body.replaceChildren();
  for (const u of unitsCache) {
    const valid = t("since") + " " + u.valid_from + (u.valid_to ? " " + t("until") + " " + u.valid_to : "");
    const name = el("a", { href: "#/units", class: "unit-link depth-" + Math.min(u.depth, 6), onclick: (ev) => { ev.preventDefault(); unitDetail(u.id); } }, u.name_vi);
    body.append(el("tr", { "data-code": u.code }, el("td", {}, u.code), el("td", {}, name), el("td", {}, kindName(u.kind)), el("td", { class: "muted" }, valid)));
  }
  const parent = $("#unit-parent");
  parent.replaceChildren(...unitsCache.map((u) => el("option", { value: u.id }, u.code + " — " + u.name_vi)));
  $("#unit-kind").replaceChildren(...options("unit_kinds"));
  const from = $("#unit-form").elements.valid_from;
  if (!from.value) from.value = today();
}

// The API lists parents before children, level by level; show it as a tree.
function depthFirst(units) {
  const byParent = new Map();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const key = ids.has(u.parent_id) ? u.parent_id : 0;
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key).push(u);
  }
  const out = [];
  const walk = (key) => { for (const u of byParent.get(key) || []) { out.push(u); walk(u.id); } };
  walk(0);
  return out;
}

async function unitDetail(id) {
  const r = await api("GET", "/api/units/" + id);
  if (!r.ok) return;
  const u = r.data;
  $("#unit-detail").classList.remove("hidden");
  $("#unit-detail-title").textContent = u.code + " — " + u.name_vi;
  $("#unit-events").replaceChildren(...u.events.map((e) =>
    el("li", {}, el("strong", {}, e.occurred_on + " "), t("ev_" + e.kind) + (e.kind === "renamed" ? ": " + e.detail.from + " → " + e.detail.to : ""))));
}

async function viewUsers() {
  show("users");
  const r = await api("GET", "/api/users");
  if (!r.ok) return;
  $("#users-body").replaceChildren(...r.data.users.map((u) => el("tr", { "data-username": u.username },
    el("td", {}, u.username), el("td", {}, u.full_name), el("td", {}, u.unit.name_vi),
    el("td", {}, roleNames(u.roles)), el("td", { class: u.disabled ? "bad" : "ok" }, u.disabled ? t("disabled") : t("active")))));
  if (can("user.admin")) {
    const units = await api("GET", "/api/units");
    if (units.ok) $("#user-unit").replaceChildren(...units.data.units.map((u) => el("option", { value: u.id }, u.code + " — " + u.name_vi)));
    const role = $("#user-role");
    role.replaceChildren(...options("roles"));
    role.value = "officer";
  }
}

async function viewAudit(more) {
  show("audit");
  if (!more) { auditBefore = 0; $("#audit-body").replaceChildren(); }
  const r = await api("GET", "/api/audit?limit=50" + (auditBefore ? "&before=" + auditBefore : ""));
  if (!r.ok) return;
  for (const e of r.data.entries) {
    $("#audit-body").append(el("tr", {}, el("td", {}, e.at.replace("T", " ").slice(0, 19)), el("td", {}, e.username),
      el("td", {}, e.method + " " + e.route), el("td", {}, e.object), el("td", { class: e.outcome < 400 ? "ok" : "bad" }, String(e.outcome)),
      el("td", { class: "muted" }, e.client_addr)));
    auditBefore = e.id;
  }
  $("#audit-more").classList.toggle("hidden", r.data.entries.length < 50);
}

// ---- cases ----

const vnd = new Intl.NumberFormat("vi-VN");
const money = (v) => vnd.format(v) + " đ";
const stateName = (code) => named("states", code);
const eventName = (code) => named("events", code);
const categoryName = (code) => named("categories", code);
// Events recorded elsewhere (intake, entrustment, assignment): in timelines, not in the form.
const notInEventForm = ["received", "entrustment_received", "assigned"];
let casesCursor = null;

/* A rule row marked [M] is a placeholder until checked against the law: say so. */
function unconfirmed(d) {
  return d.rule_unconfirmed ? el("span", { class: "tag-unconfirmed", title: d.legal_ref }, " " + t("rule_unconfirmed")) : "";
}

async function viewWorklist() {
  show("worklist");
  const r = await api("GET", "/api/worklist?days=30");
  if (!r.ok) return;
  const body = $("#worklist-body");
  body.replaceChildren(...r.data.items.map((d) => el("tr", { class: d.overdue ? "overdue" : "" },
    el("td", { class: d.overdue ? "bad" : "" }, d.due_on + (d.overdue ? " (" + t("overdue") + ")" : "")),
    el("td", {}, el("a", { href: "#/case/" + d.case_id }, d.case_no)),
    el("td", {}, d.name_vi), el("td", { class: "muted" }, d.legal_ref, unconfirmed(d)),
    el("td", {}, d.officer ? d.officer.full_name : "—"))));
  if (!r.data.items.length) body.append(el("tr", {}, el("td", { colspan: "5", class: "muted" }, t("nothing_due"))));
}

function fillCaseFilters() {
  const st = $("#filter-state"), cat = $("#filter-category");
  const keep = [st.value, cat.value];
  st.replaceChildren(el("option", { value: "" }, t("all_states")), ...options("states"));
  cat.replaceChildren(el("option", { value: "" }, t("all_categories")), ...options("categories"));
  [st.value, cat.value] = keep;
}

async function viewCases(more) {
  show("cases");
  fillCaseFilters();
  const f = $("#case-filter").elements;
  const q = new URLSearchParams({ limit: "50" });
  if (f.state.value) q.set("state", f.state.value);
  if (f.category.value) q.set("category", f.category.value);
  if (f.overdue.checked) q.set("overdue", "1");
  if (more && casesCursor) q.set("cursor", casesCursor);
  if (!more) $("#cases-body").replaceChildren();
  const r = await api("GET", "/api/cases?" + q);
  if (!r.ok) return;
  for (const c of r.data.cases) {
    $("#cases-body").append(el("tr", { "data-case": c.case_no },
      el("td", {}, el("a", { href: "#/case/" + c.id }, c.case_no)), el("td", {}, c.unit.code),
      el("td", {}, categoryName(c.category)), el("td", {}, stateName(c.state)),
      el("td", { class: "num" }, money(c.amount_vnd)), el("td", {}, c.next_due_on || "—")));
  }
  casesCursor = r.data.next_cursor;
  $("#cases-more").classList.toggle("hidden", !casesCursor);
}

async function searchCases(q) {
  show("cases");
  const r = await api("GET", "/api/search?limit=50&q=" + encodeURIComponent(q));
  const body = $("#cases-body");
  body.replaceChildren();
  $("#cases-more").classList.add("hidden");
  if (!r.ok) { body.append(el("tr", {}, el("td", { colspan: "6", class: "bad" }, errorText(r.data)))); return; }
  for (const c of r.data.results) {
    const who = c.parties.map((p) => p.name).join(", ");
    body.append(el("tr", { "data-case": c.case_no },
      el("td", {}, el("a", { href: "#/case/" + c.id }, c.case_no)), el("td", {}, c.unit.code),
      el("td", { colspan: "2" }, who), el("td", {}, stateName(c.state)), el("td", {}, c.judgment_no)));
  }
  if (!r.data.results.length) body.append(el("tr", {}, el("td", { colspan: "6", class: "muted" }, t("no_results"))));
}

async function viewCase(id) {
  show("case");
  const [r, ev] = await Promise.all([api("GET", "/api/cases/" + id), api("GET", "/api/cases/" + id + "/events")]);
  if (!r.ok || !ev.ok) return;
  const c = r.data;
  $("#case-title").textContent = c.case_no + " — " + c.unit.name_vi;
  const facts = [
    [t("state"), stateName(c.state)], [t("category"), categoryName(c.category)],
    [t("judgment"), c.judgment.number + " (" + c.judgment.date + "), " + c.judgment.court],
    [t("received_on"), c.received_on], [t("officer"), c.officer ? c.officer.full_name : "—"],
    [t("amount"), money(c.amount_vnd)], [t("collected"), money(c.collected_vnd)], [t("paid"), money(c.paid_vnd)],
  ];
  $("#case-facts").replaceChildren(...facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  $("#case-parties").replaceChildren(...c.parties.map((p) => el("li", {}, el("strong", {}, p.full_name), " — " + named("party_roles", p.role) + (p.id_number ? " · " + p.id_number : ""))));
  $("#case-items").replaceChildren(...c.items.map((i) => el("li", {}, i.description + ": " + money(i.amount_vnd))));
  $("#case-deadlines").replaceChildren(...c.deadlines.map((d) => el("li", { class: d.overdue ? "bad" : "" },
    el("strong", {}, d.due_on + " "), d.name_vi + " — " + (d.overdue ? t("overdue") : t(d.outcome)),
    unconfirmed(d))));
  $("#case-timeline").replaceChildren(...ev.data.events.map((e) => el("li", {},
    el("strong", {}, e.occurred_on + " "), eventName(e.type) + (e.document_no ? " (" + e.document_no + ")" : "") + " → " + stateName(e.state_after),
    e.payload.reason ? el("div", { class: "muted" }, e.payload.reason) : "",
    e.payload.amount_vnd ? el("div", { class: "muted" }, money(e.payload.amount_vnd)) : "")));
  const type = $("#event-type");
  const chosen = type.value;
  type.replaceChildren(el("option", { value: "" }, "—"),
    ...options("events", codes("events").filter((code) => !notInEventForm.includes(code))));
  if (chosen) type.value = chosen;
  const result = $("#event-result");
  result.replaceChildren(el("option", { value: "" }, "—"),
    ...options("verification_results", codes("verification_results").filter((code) => code !== "none")));
  const form = $("#event-form");
  form.dataset.caseId = id;
  if (!form.elements.occurred_on.value) form.elements.occurred_on.value = today();
}

const routes = {
  "": viewHome, "units": viewUnits, "users": viewUsers, "audit": () => viewAudit(false),
  "worklist": viewWorklist, "cases": () => viewCases(false),
};

async function route() {
  if (!session) return show("login");
  await loadCatalog();
  const name = location.hash.replace(/^#\/?/, "");
  const m = /^case\/(\d+)$/.exec(name);
  if (m) return viewCase(m[1]);
  (routes[name] || viewHome)();
}

// ---- forms ----

$("#login-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  const r = await api("POST", "/api/session", { username: f.username.value.trim(), password: f.password.value });
  $("#login-error").textContent = r.ok ? "" : errorText(r.data);
  if (!r.ok) return;
  session = r.data;
  f.password.value = "";
  route();
});

$("#unit-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  const r = await api("POST", "/api/units", {
    code: f.code.value.trim(), name_vi: f.name_vi.value.trim(), kind: f.kind.value,
    parent_id: Number(f.parent_id.value), valid_from: f.valid_from.value,
  });
  $("#unit-error").textContent = r.ok ? t("saved") : errorText(r.data);
  if (r.ok) { ev.target.reset(); viewUnits(); }
});

$("#user-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  const r = await api("POST", "/api/users", {
    username: f.username.value.trim(), full_name: f.full_name.value.trim(),
    unit_id: Number(f.unit_id.value), roles: [f.role.value], password: f.password.value,
  });
  $("#user-error").textContent = r.ok ? t("saved") : errorText(r.data);
  if (r.ok) { ev.target.reset(); viewUsers(); }
});

$("#units-at").addEventListener("change", viewUnits);
$("#case-filter").addEventListener("change", () => viewCases(false));
$("#case-search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = $("#search-q").value.trim();
  if (q) searchCases(q); else viewCases(false);
});
$("#cases-more").addEventListener("click", () => viewCases(true));
$("#event-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const f = ev.target.elements;
  const body = { type: f.type.value, occurred_on: f.occurred_on.value };
  if (f.document_no.value.trim()) body.document_no = f.document_no.value.trim();
  if (f.result.value) body.result = f.result.value;
  if (f.amount_vnd.value.trim()) body.amount_vnd = Number(f.amount_vnd.value.replace(/[.\s]/g, ""));
  if (f.reason.value.trim()) body.reason = f.reason.value.trim();
  if (f.ground_on.value) body.ground_on = f.ground_on.value;
  if (f.reverify_yearly.checked) body.reverify_yearly = true;
  if (f.service_by_posting.checked) body.service_by_posting = true;
  const id = ev.target.dataset.caseId;
  const r = await api("POST", "/api/cases/" + id + "/events", body);
  $("#event-error").textContent = r.ok ? t("saved") : errorText(r.data);
  if (r.ok) {
    f.document_no.value = ""; f.amount_vnd.value = ""; f.reason.value = ""; f.ground_on.value = "";
    f.reverify_yearly.checked = false; f.service_by_posting.checked = false;
    viewCase(id);
  }
});
$("#audit-more").addEventListener("click", () => viewAudit(true));
$("#logout").addEventListener("click", async () => {
  await api("DELETE", "/api/session");
  session = null;
  show("login");
});
$("#lang").addEventListener("click", () => {
  lang = lang === "vi" ? "en" : "vi";
  localStorage.setItem("thads.lang", lang);
  translate();
  if (session) route();
});
window.addEventListener("hashchange", route);

(async function start() {
  translate();
  const r = await api("GET", "/api/session");
  if (r.ok) session = r.data;
  route();
})();

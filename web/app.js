// thads web UI: one page, views switched by the URL hash. Vietnamese first.
// Talks to the JSON API with the session cookie and the X-CSRF-Token header.
"use strict";

const messages = window.THADS_MESSAGES;
let lang = localStorage.getItem("thads.lang") || "vi";
let session = null; // {user, csrf_token}
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
  return { status: res.status, ok: res.ok, data };
}

const can = (perm) => !!session && session.user.permissions.includes(perm);
const roleNames = (roles) => roles.map((r) => t("role_" + r)).join(", ");
const kindName = (code) => {
  const k = window.THADS_KINDS.find((x) => x[0] === code);
  return k ? (lang === "vi" ? k[1] : k[2]) : code;
};
const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10); // Asia/Ho_Chi_Minh

function translate() {
  document.documentElement.lang = lang;
  for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
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
  $("#unit-kind").replaceChildren(...window.THADS_KINDS.map((k) => el("option", { value: k[0] }, kindName(k[0]))));
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
    $("#user-role").replaceChildren(...["officer", "leader", "examiner", "secretary", "accountant", "warehouse_keeper", "prison_officer", "steering_viewer", "admin"]
      .map((code) => el("option", { value: code }, t("role_" + code))));
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

const routes = { "": viewHome, "units": viewUnits, "users": viewUsers, "audit": () => viewAudit(false) };

function route() {
  if (!session) return show("login");
  const name = location.hash.replace(/^#\/?/, "");
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

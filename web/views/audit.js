// The audit trail in words, with times in Asia/Ho_Chi_Minh, filtered by user, unit, kind
// and date. The server's summary_vi/summary_en say what happened; a row without one is
// described from its route here.
import { html, useState, useEffect } from "../lib/html.js";
import { get, query } from "../lib/api.js";
import { t, getLang, both, getCatalog } from "../lib/i18n.js";
import { can } from "../lib/session.js";
import { naturalCompare } from "../lib/format.js";
import { navigate, href } from "../lib/router.js";
import { Table } from "../lib/table.js";
import { fmtDateTime, fmtNumber } from "../lib/format.js";
import { useForm, Field, Submit, checkDate, isoOf, displayDate } from "../lib/form.js";

// Route -> words, for rows the server has not summarised.
const ACTIONS = {
  "POST /api/session": "act_signin", "DELETE /api/session": "act_signout", "POST /api/session/password": "act_own_password",
  "POST /api/units": "act_unit_create", "PATCH /api/units/{id}": "act_unit_rename", "POST /api/units/{id}/move": "act_unit_move",
  "POST /api/units/{id}/close": "act_unit_close", "POST /api/users": "act_user_create", "POST /api/users/{id}/password": "act_user_password",
  "POST /api/users/{id}/disable": "act_user_disable", "POST /api/users/{id}/enable": "act_user_enable", "POST /api/users/{id}/roles": "act_user_roles",
  "POST /api/cases": "act_case_create", "POST /api/cases/{id}/events": "act_case_event", "POST /api/cases/{id}/assign": "act_case_assign",
  "POST /api/cases/{id}/entrust": "act_case_entrust",
};

export function auditWords(e) {
  const s = both(e, "summary");
  if (s) return s;
  const key = ACTIONS[e.method + " " + e.route];
  const what = key ? t(key) : t("act_read", { route: e.route });
  return `${e.username || t("someone")} ${what}${e.object ? " (" + e.object.replace(":", " ") + ")" : ""}`;
}

export function outcomeWords(e) {
  if (e.result) return { text: both(e, "result") || t("res_" + e.result), cls: e.result === "succeeded" ? "ok" : "bad" };
  const n = e.outcome;
  if (n < 400) return { text: t("res_succeeded"), cls: "ok" };
  if (n < 500) return { text: t("res_refused"), cls: "bad" };
  return { text: t("res_failed"), cls: "bad" };
}


export function Audit({ query: q }) {
  const [rows, setRows] = useState(null);
  const [total, setTotal] = useState(null);
  const [before, setBefore] = useState(null);
  const [error, setError] = useState(null);
  const form = useForm({ user: q.user || "", unit: q.unit || "", kind: q.kind || "", from: displayDate(q.from), to: displayDate(q.to) });
  const filters = { user: q.user, unit: q.unit, kind: q.kind, from: q.from, to: q.to };
  // The filters name a user and a unit by id (chosen from the lists the reader may see)
  // and a kind from the catalogue's audit_kinds.
  const [users, setUsers] = useState([]);
  const [units, setUnits] = useState([]);
  useEffect(() => {
    if (can("user.read")) get("/api/users").then((r) => { if (r.ok) setUsers(r.data.users.sort((a, b) => a.full_name.localeCompare(b.full_name, "vi"))); });
    if (can("unit.read")) get("/api/units").then((r) => { if (r.ok) setUnits(r.data.units.sort((a, b) => naturalCompare(a.code, b.code))); });
  }, []);
  const kinds = (getCatalog() && getCatalog().audit_kinds) || [];
  async function load(more) {
    setError(null);
    const r = await get("/api/audit" + query({ ...filters, limit: 100, before: more ? before : null }));
    if (!r.ok) { setError(r.error.message); setRows([]); return; }
    const list = r.data.entries;
    setRows((old) => (more && old ? [...old, ...list] : list));
    setTotal(r.data.total ?? null);
    setBefore(list.length === 100 ? list[list.length - 1].id : null);
  }
  useEffect(() => { setRows(null); load(false); }, [q.user, q.unit, q.kind, q.from, q.to]);
  const submit = (ev) => {
    ev.preventDefault();
    form.submit((v) => ({ from: checkDate(v.from, false), to: checkDate(v.to, false) }), async (v) => {
      navigate(href("/audit", { user: v.user, unit: v.unit, kind: v.kind, from: isoOf(v.from), to: isoOf(v.to) }));
      return null;
    });
  };
  const columns = [
    { key: "at", label: t("time_vn"), render: (e) => html`<span class="nowrap">${fmtDateTime(e.at)}</span>` },
    { key: "summary", label: t("what_happened"), sort: auditWords, render: auditWords },
    { key: "outcome", label: t("outcome"), sort: (e) => outcomeWords(e).text, render: (e) => { const o = outcomeWords(e); return html`<span class=${o.cls}>${o.text}</span>`; } },
    { key: "client_addr", label: t("address"), render: (e) => html`<span class="muted">${e.client_addr}</span>` },
  ];
  return html`<section class="card" id="view-audit">
    <h2>${t("nav_audit")}</h2>
    <form class="form-grid" id="audit-filter" onSubmit=${submit} novalidate>
      ${users.length ? html`<${Field} form=${form} name="user" label=${t("who")} kind="select"
        options=${[{ value: "", label: t("all_users") }, ...users.map((u) => ({ value: String(u.id), label: `${u.full_name} (${u.username})` }))]} />` : null}
      ${units.length ? html`<${Field} form=${form} name="unit" label=${t("unit")} kind="select"
        options=${[{ value: "", label: t("all_units") }, ...units.map((u) => ({ value: String(u.id), label: `${u.code} — ${u.name_vi}` }))]} />` : null}
      ${kinds.length ? html`<${Field} form=${form} name="kind" label=${t("kind_of_action")} kind="select"
        options=${[{ value: "", label: t("all_kinds") }, ...kinds.map((k) => ({ value: k.code, label: getLang() === "vi" ? k.vi : k.en }))]} />` : null}
      <${Field} form=${form} name="from" label=${t("from_date")} kind="date" />
      <${Field} form=${form} name="to" label=${t("to_date")} kind="date" />
      <${Submit} form=${form} label=${t("filter")} />
    </form>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    <${Table} id="audit-table" columns=${columns} rows=${rows || []} total=${total ?? undefined} loading=${rows === null}
      pageSize=${50} more=${before ? () => load(true) : null} empty=${t("no_audit")} />
    <p class="muted">${t("times_in_vn")}</p>
  </section>`;
}

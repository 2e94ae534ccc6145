// The organization as of a date (the 2025 reorganization shows by date), a unit's
// history, and for administrators: add, rename, move, close with its successor.
import { html, useState, useEffect } from "../lib/html.js";
import { api, get, query } from "../lib/api.js";
import { t, named, options } from "../lib/i18n.js";
import { can } from "../lib/session.js";
import { navigate, href } from "../lib/router.js";
import { fmtDate, todayIso, naturalCompare } from "../lib/format.js";
import { useForm, Field, Submit, checkDate, required, isoOf, displayDate, } from "../lib/form.js";

// Parents before children, siblings by code as people read them (NA-KV2 before NA-KV10).
export function depthFirst(units) {
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map();
  for (const u of units) {
    const key = ids.has(u.parent_id) ? u.parent_id : 0;
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key).push(u);
  }
  const out = [];
  const walk = (key, depth) => {
    for (const u of (byParent.get(key) || []).sort((a, b) => naturalCompare(a.code, b.code))) { out.push({ ...u, depth }); walk(u.id, depth + 1); }
  };
  walk(0, 0);
  return out;
}

export function Units({ query: q }) {
  const at = q.at || todayIso();
  const [units, setUnits] = useState(null);
  const [detail, setDetail] = useState(null);
  const [atText, setAtText] = useState(displayDate(at));
  const [atError, setAtError] = useState(null);
  const load = () => get("/api/units" + query({ at })).then((r) => setUnits(r.ok ? depthFirst(r.data.units) : []));
  useEffect(() => { setAtText(displayDate(at)); load(); }, [at]);
  const open = async (id) => { const r = await get("/api/units/" + id); if (r.ok) setDetail(r.data); };
  const changeAt = (ev) => {
    ev.preventDefault();
    const iso = isoOf(atText);
    if (!iso) { setAtError(t("bad_date")); return; }
    setAtError(null);
    navigate(href("/units", { at: iso }));
  };
  const saved = () => { load(); if (detail) open(detail.id); };
  return html`<div id="view-units">
    <section class="card">
      <div class="toolbar">
        <h2>${t("nav_units")}</h2>
        <form class="filters" id="units-at-form" onSubmit=${changeAt} novalidate>
          <label for="units-at">${t("as_of")}</label>
          <input id="units-at" type="text" inputmode="numeric" placeholder="dd/mm/yyyy" maxlength="10" value=${atText}
            aria-invalid=${atError ? "true" : null} aria-describedby=${atError ? "units-at-err" : null} onInput=${(e) => setAtText(e.target.value)} />
          <button type="submit">${t("show")}</button>
          ${atError ? html`<span class="field-error" id="units-at-err" role="alert">${atError}</span>` : null}
        </form>
      </div>
      <div class="table-wrap"><table class="tree" id="units-table">
        <thead><tr><th scope="col">${t("code")}</th><th scope="col">${t("name")}</th><th scope="col">${t("kind")}</th><th scope="col">${t("valid")}</th></tr></thead>
        <tbody>${(units || []).map((u) => html`<tr data-code=${u.code}>
          <td data-label=${t("code")}>${u.code}</td>
          <td data-label=${t("name")}><button type="button" class=${"unit-link depth-" + Math.min(u.depth, 6)} onClick=${() => open(u.id)}>${u.name_vi}</button></td>
          <td data-label=${t("kind")}>${named("unit_kinds", u.kind)}</td>
          <td data-label=${t("valid")} class="muted">${t("since")} ${fmtDate(u.valid_from)}${u.valid_to ? ` ${t("until")} ${fmtDate(u.valid_to)}` : ""}</td></tr>`)}</tbody>
      </table></div>
      <p class="muted">${units ? t("total_rows", { n: units.length }) : t("loading")}</p>
    </section>
    ${detail ? html`<section class="card" id="unit-detail">
      <h3 id="unit-detail-title">${detail.code} — ${detail.name_vi}</h3>
      <ul class="events">${detail.events.map((e) => html`<li><strong>${fmtDate(e.occurred_on)}</strong> ${t("ev_" + e.kind)}${
        e.kind === "renamed" && e.detail ? `: ${e.detail.from} → ${e.detail.to}` : ""}</li>`)}</ul>
      <${UnitContact} key=${detail.id} unit=${detail} onSaved=${saved} />
      ${can("unit.admin") && !detail.valid_to ? html`<${UnitChange} unit=${detail} units=${units || []} onSaved=${saved} />` : null}
    </section>` : null}
    ${can("unit.admin") ? html`<${UnitCreate} units=${units || []} onSaved=${load} />` : null}
  </div>`;
}

function UnitCreate({ units, onSaved }) {
  const form = useForm({ code: "", name_vi: "", kind: "regional_office", parent_id: "", valid_from: displayDate(todayIso()) });
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({ code: required(v.code), name_vi: required(v.name_vi), parent_id: required(v.parent_id), valid_from: checkDate(v.valid_from) }),
      (v) => api("POST", "/api/units", { code: v.code.trim(), name_vi: v.name_vi.trim(), kind: v.kind, parent_id: Number(v.parent_id), valid_from: isoOf(v.valid_from) }));
    if (r && r.ok) { form.reset(); form.setMessage({ text: t("saved"), ok: true }); onSaved(); }
  };
  return html`<section class="card" id="unit-create"><h3>${t("unit_create")}</h3>
    <form id="unit-form" class="form-grid" onSubmit=${submit} novalidate>
      <${Field} form=${form} name="code" label=${t("code")} required maxlength="32" />
      <${Field} form=${form} name="name_vi" label=${t("name")} required maxlength="200" />
      <${Field} form=${form} name="kind" label=${t("kind")} kind="select" options=${options("unit_kinds")} />
      <${Field} form=${form} name="parent_id" label=${t("parent")} kind="select" required options=${[{ value: "", label: "—" }, ...units.map((u) => ({ value: String(u.id), label: `${u.code} — ${u.name_vi}` }))]} />
      <${Field} form=${form} name="valid_from" label=${t("valid_from")} kind="date" required />
      <${Submit} form=${form} />
    </form></section>`;
}

// Rename from a date, move under another parent from a date, or close on a date with
// the unit that takes over its work.
function UnitChange({ unit, units, onSaved }) {
  const form = useForm({ action: "rename", name_vi: unit.name_vi, parent_id: String(unit.parent_id || ""), successor_id: "", on: displayDate(todayIso()) });
  const a = form.values.action;
  const others = units.filter((u) => u.id !== unit.id);
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({ on: checkDate(v.on), name_vi: a === "rename" ? required(v.name_vi) : null, parent_id: a === "move" ? required(v.parent_id) : null }),
      (v) => a === "rename" ? api("PATCH", "/api/units/" + unit.id, { name_vi: v.name_vi.trim(), on: isoOf(v.on) })
        : a === "move" ? api("POST", "/api/units/" + unit.id + "/move", { parent_id: Number(v.parent_id), on: isoOf(v.on) })
          : api("POST", "/api/units/" + unit.id + "/close", { on: isoOf(v.on), ...(v.successor_id ? { successor_id: Number(v.successor_id) } : {}) }));
    if (r && r.ok) onSaved();
  };
  const unitOpts = [{ value: "", label: "—" }, ...others.map((u) => ({ value: String(u.id), label: `${u.code} — ${u.name_vi}` }))];
  return html`<form id="unit-change-form" class="form-grid" onSubmit=${submit} novalidate>
    <${Field} form=${form} name="action" label=${t("change_unit")} kind="select" options=${[
      { value: "rename", label: t("rename") }, { value: "move", label: t("move") }, { value: "close", label: t("close_unit") }]} />
    ${a === "rename" ? html`<${Field} form=${form} name="name_vi" label=${t("new_name")} required maxlength="200" />` : null}
    ${a === "move" ? html`<${Field} form=${form} name="parent_id" label=${t("new_parent")} kind="select" required options=${unitOpts} />` : null}
    ${a === "close" ? html`<${Field} form=${form} name="successor_id" label=${t("successor")} kind="select" options=${unitOpts} />` : null}
    <${Field} form=${form} name="on" label=${a === "close" ? t("last_day") : t("from_date")} kind="date" required />
    <${Submit} form=${form} />
  </form>`;
}

// How notifications reach the unit (issue 16): email, fax number, and the email-to-fax
// gateway faxes go through ({fax}@... puts the number in the address). Shown to all who
// read the unit, edited by administrators; the server refuses a malformed one by field.
function UnitContact({ unit, onSaved }) {
  const c = unit.contact || { email: "", fax: "", fax_gateway: "" };
  const form = useForm({ email: c.email, fax: c.fax, fax_gateway: c.fax_gateway });
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit(() => ({}), (v) => api("PUT", "/api/units/" + unit.id + "/contact", {
      email: v.email.trim() || null, fax: v.fax.trim() || null, fax_gateway: v.fax_gateway.trim() || null }));
    if (r && r.ok) { form.setMessage({ text: t("saved"), ok: true }); onSaved(); }
  };
  if (!can("unit.admin") || unit.valid_to)
    return html`<dl id="unit-contact" class="facts">
      <dt>Email</dt><dd>${c.email || "—"}</dd>
      <dt>Fax</dt><dd>${c.fax || "—"}</dd>
      <dt>Cổng fax qua email</dt><dd>${c.fax_gateway || "—"}</dd></dl>`;
  return html`<form id="unit-contact-form" class="form-grid" onSubmit=${submit} novalidate>
    <${Field} form=${form} name="email" label="Email nhận thông báo" maxlength="254" />
    <${Field} form=${form} name="fax" label="Số fax" maxlength="32" />
    <${Field} form=${form} name="fax_gateway" label="Cổng fax qua email ({fax}@...)" maxlength="254" />
    <${Submit} form=${form} />
  </form>`;
}

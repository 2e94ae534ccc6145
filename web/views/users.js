// Users of my subtree; for administrators: add a user, reset a password (the user must
// then choose their own), disable and re-enable, add a role.
import { html, useState, useEffect, useRef } from "../lib/html.js";
import { api, get } from "../lib/api.js";
import { t, named, options } from "../lib/i18n.js";
import { can } from "../lib/session.js";
import { Table } from "../lib/table.js";
import { fmtDateTime, naturalCompare } from "../lib/format.js";
import { useForm, Field, Submit, required } from "../lib/form.js";

export function Users() {
  const [users, setUsers] = useState(null);
  const [units, setUnits] = useState([]);
  const [sel, setSel] = useState(null);
  const [filter, setFilter] = useState("");
  const load = () => get("/api/users").then((r) => {
    const list = r.ok ? r.data.users : [];
    setUsers(list);
    setSel((s) => (s ? list.find((u) => u.id === s.id) || null : null));
  });
  useEffect(() => {
    load();
    if (can("user.admin")) get("/api/units").then((r) => { if (r.ok) setUnits(r.data.units.sort((a, b) => naturalCompare(a.code, b.code))); });
  }, []);
  const f = filter.trim().toLowerCase();
  const rows = (users || []).filter((u) => !f || (u.username + " " + u.full_name + " " + u.unit.code).toLowerCase().includes(f));
  const columns = [
    { key: "username", label: t("username"), render: (u) => can("user.admin") ? html`<button type="button" class="link" onClick=${() => setSel(u)}>${u.username}</button>` : u.username },
    { key: "full_name", label: t("full_name") },
    { key: "unit", label: t("unit"), sort: (u) => u.unit.code, render: (u) => html`<span title=${u.unit.name_vi}>${u.unit.code}</span>` },
    { key: "roles", label: t("roles"), sort: (u) => u.roles.join(), render: (u) => u.roles.map((r) => named("roles", r)).join(", ") },
    { key: "disabled", label: t("state"), render: (u) => html`<span class=${u.disabled ? "bad" : "ok"}>${u.disabled ? t("disabled") : t("active")}${u.must_change_password ? " · " + t("must_change_short") : ""}</span>` },
  ];
  return html`<div id="view-users">
    <section class="card">
      <div class="toolbar"><h2>${t("nav_users")}</h2>
        <div class="filters"><label for="users-filter" class="visually-hidden">${t("filter")}</label>
          <input id="users-filter" type="search" placeholder=${t("filter_users")} value=${filter} onInput=${(e) => setFilter(e.target.value)} /></div></div>
      <${Table} id="users-table" columns=${columns} rows=${rows} loading=${users === null} rowProps=${(u) => ({ "data-username": u.username })} />
    </section>
    ${sel && can("user.admin") ? html`<${UserAdmin} key=${sel.id} user=${sel} onSaved=${load} />` : null}
    ${can("user.admin") ? html`<${UserCreate} units=${units} onSaved=${load} />` : null}
  </div>`;
}

function UserAdmin({ user, onSaved }) {
  const pw = useForm({ password: "" });
  const roleOpts = options("roles").filter((o) => !user.roles.includes(o.value));
  const role = useForm({ role: roleOpts.length ? roleOpts[0].value : "" });
  const [msg, setMsg] = useState(null);
  const ref = useRef(null);
  useEffect(() => { if (ref.current) ref.current.scrollIntoView({ block: "start" }); }, []);
  const resetPw = async (ev) => {
    ev.preventDefault();
    const r = await pw.submit((v) => ({ password: required(v.password) }), (v) => api("POST", `/api/users/${user.id}/password`, { password: v.password }));
    if (r && r.ok) { pw.reset(); pw.setMessage({ text: t("password_reset_done"), ok: true }); onSaved(); }
  };
  const addRole = async (ev) => {
    ev.preventDefault();
    const r = await role.submit(null, (v) => api("POST", `/api/users/${user.id}/roles`, { role: v.role }));
    if (r && r.ok) onSaved();
  };
  const removeRole = async (code) => {
    const r = await api("DELETE", `/api/users/${user.id}/roles/${code}`);
    setMsg(r.ok ? { text: t("saved"), ok: true } : { text: r.error.message, ok: false });
    if (r.ok) onSaved();
  };
  const toggle = async () => {
    const r = await api("POST", `/api/users/${user.id}/${user.disabled ? "enable" : "disable"}`);
    setMsg(r.ok ? { text: t("saved"), ok: true } : { text: r.error.message, ok: false });
    if (r.ok) onSaved();
  };
  return html`<section class="card" id="user-admin" ref=${ref}>
    <h3>${user.full_name} (${user.username})</h3>
    <p class="muted">${user.unit.name_vi} · ${t("password_changed_at")}: ${fmtDateTime(user.password_changed_at)}</p>
    <div class="grid2">
      <form id="reset-password-form" onSubmit=${resetPw} novalidate>
        <h4>${t("reset_password")}</h4>
        <${Field} form=${pw} name="password" label=${t("temporary_password")} kind="password" autocomplete="new-password" required hint=${t("reset_hint")} />
        <${Submit} form=${pw} label=${t("reset_password")} />
      </form>
      <div>
        <h4>${t("roles")}</h4>
        <ul class="plain" id="user-roles">${user.roles.map((r) => html`<li>${named("roles", r)}
          ${user.roles.length > 1 ? html` <button type="button" class="link" aria-label=${t("remove_role_named", { role: named("roles", r) })}
            onClick=${() => removeRole(r)}>${t("remove_role")}</button>` : null}</li>`)}</ul>
        <form id="add-role-form" onSubmit=${addRole} novalidate>
          <h4>${t("add_role")}</h4>
          <${Field} form=${role} name="role" label=${t("role")} kind="select" options=${roleOpts} />
          <${Submit} form=${role} label=${t("add_role")} />
        </form>
        <h4>${user.disabled ? t("enable_user") : t("disable_user")}</h4>
        <button type="button" id="toggle-user" class=${user.disabled ? "primary" : "danger"} onClick=${toggle}>${user.disabled ? t("enable_user") : t("disable_user")}</button>
        ${msg ? html`<p class=${msg.ok ? "ok" : "error"} role="status">${msg.text}</p>` : null}
      </div>
    </div>
  </section>`;
}

function UserCreate({ units, onSaved }) {
  const form = useForm({ username: "", full_name: "", unit_id: "", role: "officer", password: "" });
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({ username: required(v.username), full_name: required(v.full_name), unit_id: required(v.unit_id), password: required(v.password) }),
      (v) => api("POST", "/api/users", { username: v.username.trim(), full_name: v.full_name.trim(), unit_id: Number(v.unit_id), roles: [v.role], password: v.password }));
    if (r && r.ok) { form.reset(); form.setMessage({ text: t("saved"), ok: true }); onSaved(); }
  };
  return html`<section class="card" id="user-create"><h3>${t("user_create")}</h3>
    <form id="user-form" class="form-grid" onSubmit=${submit} novalidate>
      <${Field} form=${form} name="username" label=${t("username")} required maxlength="64" autocomplete="off" />
      <${Field} form=${form} name="full_name" label=${t("full_name")} required maxlength="120" />
      <${Field} form=${form} name="unit_id" label=${t("unit")} kind="select" required options=${[{ value: "", label: "—" }, ...units.map((u) => ({ value: String(u.id), label: `${u.code} — ${u.name_vi}` }))]} />
      <${Field} form=${form} name="role" label=${t("role")} kind="select" options=${options("roles")} />
      <${Field} form=${form} name="password" label=${t("first_password")} kind="password" required autocomplete="new-password" hint=${t("first_password_hint")} />
      <${Submit} form=${form} />
    </form></section>`;
}

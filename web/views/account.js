// My account: change my own password; forced at the first sign-in of an account whose
// password was printed or reset by an administrator (the session says so).
import { html } from "../lib/html.js";
import { api } from "../lib/api.js";
import { t, named } from "../lib/i18n.js";
import { getSession } from "../lib/session.js";
import { fmtDateTime } from "../lib/format.js";
import { useForm, Field, Submit, required } from "../lib/form.js";

export function Account({ forced, onChanged, refreshSession }) {
  const u = getSession().user;
  const form = useForm({ current_password: "", new_password: "", confirm: "" });
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({
      current_password: required(v.current_password), new_password: required(v.new_password),
      confirm: v.confirm !== v.new_password ? t("passwords_differ") : null,
    }), (v) => api("POST", "/api/session/password", { current_password: v.current_password, new_password: v.new_password }));
    if (r && r.ok) {
      form.reset();
      form.setMessage({ text: t("password_changed"), ok: true });
      // The change ends every session of the account (a stolen one too): sign in again
      // with the new password; the sign-in form says why.
      sessionStorage.setItem("thads.notice", "password_changed_signin");
      const done = onChanged || refreshSession;
      if (done) done();
    }
  };
  return html`<div id="view-account">
    ${forced ? html`<div class="card notice" role="alert" id="must-change"><h2>${t("must_change_title")}</h2><p>${t("must_change_text")}</p></div>` : html`
    <section class="card"><h2>${t("my_account")}</h2>
      <dl>
        <dt>${t("full_name")}</dt><dd id="me-name">${u.full_name} (${u.username})</dd>
        <dt>${t("unit")}</dt><dd id="me-unit">${u.unit.name_vi}</dd>
        <dt>${t("roles")}</dt><dd id="me-roles">${u.roles.map((r) => named("roles", r)).join(", ")}</dd>
        <dt>${t("password_changed_at")}</dt><dd>${fmtDateTime(u.password_changed_at)}</dd>
      </dl></section>`}
    <section class="card narrow-left">
      <h2>${t("change_password")}</h2>
      <form id="password-form" onSubmit=${submit} novalidate>
        <${Field} form=${form} name="current_password" label=${t("current_password")} kind="password" autocomplete="current-password" required />
        <${Field} form=${form} name="new_password" label=${t("new_password")} kind="password" autocomplete="new-password" required hint=${t("password_hint")} />
        <${Field} form=${form} name="confirm" label=${t("confirm_password")} kind="password" autocomplete="new-password" required />
        <${Submit} form=${form} label=${t("change_password")} />
      </form>
    </section>
  </div>`;
}
